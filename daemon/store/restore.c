/*
 * restore.c - the import ImportNtmsDatabase asked for, done at the next
 * start (store_import_at_start, store_backup.h; docs/design/backup.md).
 *
 * The order of the steps is what keeps the database safe:
 *
 *   1. the copy is copied to DB.import, beside the database, and that file
 *      is checked: a schema version from 1 to this build's, store_open
 *      (which migrates an older one), store_check (SQLite's integrity
 *      check, the foreign keys, the model's invariants), then turned into
 *      a single file (no WAL) and synced. A failure refuses the copy: the
 *      marker goes, and nothing else was touched;
 *   2. the database in place is made a single file too (its WAL folded
 *      in), then hard-linked (or copied) as DB.YYYYMMDD-HHMMSS.bak; should
 *      folding fail, its -wal and -journal go with it;
 *   3. the old database's -wal, -journal and -shm are removed (a stale WAL
 *      beside the new file would be replayed into it), DB.import is
 *      renamed to DB, the directory synced;
 *   4. the marker is removed.
 *
 * A crash between any two steps leaves the marker, the database or its
 * backup whole, and the next start does the import again. A failure in
 * steps 2 or 3 (a full disk) leaves the marker too: the import is
 * postponed, not refused.
 */
#include "store_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"

/* A database's companions: SQLite finds them by these suffixes. The
 * journals hold committed data; -shm is only an index of the WAL. */
static const char *const journals[] = {"-wal", "-journal"};
static const char *const companions[] = {"-wal", "-journal", "-shm"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct import {
    const char *db;
    store_copy_t copy;           /* copy.path: the exported copy */
    char marker[STORE_PATH_MAX];
    char stage[STORE_PATH_MAX];  /* DB.import */
    char backup[STORE_PATH_MAX]; /* DB.YYYYMMDD-HHMMSS.bak, "" when there was no database */
    char requested[256];         /* the marker's first line */
    int version;                 /* of the copy, before migration */
};

/* --- outcomes ------------------------------------------------------------ */

static void remove_with_companions(const char *path)
{
    char side[STORE_PATH_MAX];

    if (store_unlink(path) != 0)
        log_warn("import: cannot remove %s: %s", path, strerror(errno));
    for (size_t i = 0; i < COUNT(companions); i++)
        if (store_path_join(side, sizeof side, NULL, path, companions[i]) == 0 && store_unlink(side) != 0)
            log_warn("import: cannot remove %s: %s", side, strerror(errno));
}

/* The copy is bad: it will not become good by waiting, so the marker goes
 * (ImportNtmsDatabase can mark a better copy). */
static DWORD refuse(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static DWORD refuse(struct import *im, const char *fmt, ...)
{
    char why[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    remove_with_companions(im->stage);
    if (store_unlink(im->marker) != 0)
        log_warn("import: cannot remove %s: %s", im->marker, strerror(errno));
    log_error("import of %s refused: %s; database %s kept unchanged, the import request is withdrawn",
              im->copy.path, why, im->db);
    return ERROR_DATABASE_FAILURE;
}

/* Something around the copy failed (a full disk): try again next start. */
static DWORD postpone(struct import *im, DWORD err, const char *why)
{
    remove_with_companions(im->stage);
    log_error("import of %s postponed to the next start: %s; database %s kept", im->copy.path, why, im->db);
    return err;
}

static DWORD postpone_errno(struct import *im, const char *what, const char *path)
{
    char why[STORE_PATH_MAX + 128];
    int err = errno;

    snprintf(why, sizeof why, "%s %s: %s", what, path, strerror(err));
    return postpone(im, err == ENOSPC || err == EDQUOT ? ERROR_DATABASE_FULL : ERROR_DATABASE_FAILURE, why);
}

/* --- step 1: the copy ----------------------------------------------------- */

static void read_marker(struct import *im)
{
    FILE *f = fopen(im->marker, "re");

    snprintf(im->requested, sizeof im->requested, "an unknown caller");
    if (f == NULL)
        return;
    if (fgets(im->requested, sizeof im->requested, f) != NULL)
        im->requested[strcspn(im->requested, "\n")] = '\0';
    fclose(f);
}

/* PRAGMA user_version of the staged copy, read before store_open would
 * migrate it (or build a schema into an empty file). */
static int read_version(const char *path, int *version, char *why, size_t why_len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db);
    if (rc == SQLITE_OK)
        *version = sqlite3_column_int(s, 0);
    else
        snprintf(why, why_len, "it cannot be read as a database (%s)", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* Migrate and check the staged copy, and leave it one synced file. */
static DWORD check_stage(struct import *im)
{
    char why[512] = "";
    store_t *st = NULL;

    if (read_version(im->stage, &im->version, why, sizeof why) != 0)
        return refuse(im, "%s", why);
    if (im->version <= 0)
        return refuse(im, "it holds no rsmd database (schema version %d)", im->version);
    if (im->version > STORE_SCHEMA_VERSION)
        return refuse(im, "it was written by a newer rsmd (schema version %d; this one knows up to %d)",
                      im->version, STORE_SCHEMA_VERSION);
    DWORD err = store_open(im->stage, &st);
    if (!err)
        err = store_check(st, why, sizeof why);
    if (!err)
        err = store_exec(st, "PRAGMA journal_mode=DELETE", "making the copy a single file");
    store_close(st);
    if (err == ERROR_DATABASE_FULL)
        return postpone(im, err, "the disk is full");
    if (err)
        return refuse(im, "it fails its checks (%s)", why[0] ? why : "it cannot be opened");
    if (store_sync_file(im->stage) != 0)
        return postpone_errno(im, "cannot sync", im->stage);
    return 0;
}

/* The copy was made private while it was checked; in place it gets the
 * mode of the database it replaces (SQLite's 0644 when there is none). */
static DWORD give_mode(struct import *im)
{
    struct stat st;
    mode_t mode = stat(im->db, &st) == 0 ? st.st_mode & 0777 : 0644;

    if (chmod(im->stage, mode) != 0)
        return postpone_errno(im, "cannot set the mode of", im->stage);
    return 0;
}

static DWORD stage_copy(struct import *im)
{
    remove_with_companions(im->stage);
    if (store_copy_file(im->copy.path, im->stage) != 0) {
        if (errno == ENOENT)
            return refuse(im, "the exported copy is missing");
        return postpone_errno(im, "cannot copy it to", im->stage);
    }
    DWORD err = check_stage(im);
    return err ? err : give_mode(im);
}

/* --- step 2: the database in place --------------------------------------- */

/* Fold the WAL of the database in place into its file. Best effort: a
 * database too damaged to open keeps its journals, and they are kept
 * with it. */
static void fold_current(const char *db)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        log_warn("import: database %s cannot be made a single file (%s); its journals are kept with it", db,
                 h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
    sqlite3_close(h);
}

/* A hard link costs nothing and cannot half-fail; a copy where links are
 * not to be had. */
static int keep_file(const char *from, const char *to)
{
    if (link(from, to) == 0)
        return 0;
    if (errno == EEXIST || errno == ENOENT)
        return -1;
    return store_copy_file(from, to);
}

/* DB.YYYYMMDD-HHMMSS.bak, or with -2, -3 ... when that name is taken. */
static int keep_database(struct import *im)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    strftime(stamp, sizeof stamp, ".%Y%m%d-%H%M%S", localtime_r(&now, &tm));
    for (int n = 1; n < 100; n++) {
        char suffix[48];
        snprintf(suffix, sizeof suffix, n == 1 ? "%s.bak" : "%s-%d.bak", stamp, n);
        if (store_path_join(im->backup, sizeof im->backup, NULL, im->db, suffix) != 0)
            return -1;
        if (keep_file(im->db, im->backup) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static DWORD keep_current(struct import *im)
{
    char from[STORE_PATH_MAX], to[STORE_PATH_MAX];

    im->backup[0] = '\0';
    if (access(im->db, F_OK) != 0)
        return 0; /* the database was lost: nothing to keep */
    fold_current(im->db);
    if (keep_database(im) != 0)
        return postpone_errno(im, "cannot keep the database as", im->backup);
    for (size_t i = 0; i < COUNT(journals); i++) {
        if (store_path_join(from, sizeof from, NULL, im->db, journals[i]) != 0 ||
            store_path_join(to, sizeof to, NULL, im->backup, journals[i]) != 0)
            return postpone_errno(im, "cannot name the journal of", im->backup);
        if (access(from, F_OK) == 0 && keep_file(from, to) != 0)
            return postpone_errno(im, "cannot keep the journal", from);
    }
    if (store_sync_dir_of(im->db) != 0)
        return postpone_errno(im, "cannot sync the directory of", im->db);
    return 0;
}

/* --- step 3 and 4: the swap ---------------------------------------------- */

static DWORD swap_in(struct import *im)
{
    char side[STORE_PATH_MAX];

    for (size_t i = 0; i < COUNT(companions); i++)
        if (store_path_join(side, sizeof side, NULL, im->db, companions[i]) != 0 || store_unlink(side) != 0)
            return postpone_errno(im, "cannot remove", side);
    if (rename(im->stage, im->db) != 0)
        return postpone_errno(im, "cannot rename the copy to", im->db);
    if (store_sync_dir_of(im->db) != 0)
        log_warn("import: cannot sync the directory of %s: %s", im->db, strerror(errno));
    if (store_unlink(im->marker) != 0 || store_sync_dir_of(im->marker) != 0)
        log_error("import: cannot remove %s (%s): remove it by hand, or the next start imports the copy again",
                  im->marker, strerror(errno));
    return 0;
}

DWORD store_import_at_start(const char *db, const char *dir)
{
    struct import im = {.db = db, .copy = {.db = db, .dir = dir}};

    if (!store_import_pending(dir))
        return 0;
    if (store_copy_paths(&im.copy) != 0 ||
        store_path_join(im.marker, sizeof im.marker, dir, STORE_IMPORT_MARKER, NULL) != 0 ||
        store_path_join(im.stage, sizeof im.stage, NULL, db, ".import") != 0) {
        log_error("import into %s not done: the path of its copy or of its marker is too long", db);
        return ERROR_DATABASE_FAILURE;
    }
    /* The marker must go once the copy is in place, or every later start
     * would import the copy again over newer changes. */
    if (access(dir, W_OK) != 0)
        return postpone_errno(&im, "cannot remove the marker from", dir);
    read_marker(&im);
    log_debug("import of %s (requested by %s): checking the copy", im.copy.path, im.requested);

    DWORD err = stage_copy(&im);
    if (!err)
        err = keep_current(&im);
    if (!err)
        err = swap_in(&im);
    if (err)
        return err;
    log_info("database %s replaced by the copy imported from %s (schema version %d, requested by %s)%s%s", db,
             im.copy.path, im.version, im.requested,
             im.backup[0] ? "; the previous database is kept as " : "; there was no previous database", im.backup);
    return 0;
}
