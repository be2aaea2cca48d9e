/*
 * backup.c - ExportNtmsDatabase's copy of the database, and the marker
 * ImportNtmsDatabase leaves next to it (store_backup.h).
 *
 * The copy is SQLite's online backup from a read-only connection of our
 * own to a new file. The source connection holds one read transaction
 * from the first step to the last, so every step copies pages of the same
 * snapshot: the copy is the database as it was when the export began,
 * whatever the loop commits meanwhile (WAL readers never block writers,
 * and a writer's commits never restart a backup whose source keeps its
 * snapshot). The steps are bounded so that a raised `stop` is seen soon.
 *
 * The copy is written as DIR/NAME.tmp, turned into a rollback-journal
 * database (the backup copies the source's "WAL" mark, and a WAL-mode
 * file cannot be opened on read-only media), synced, and only then renamed
 * over DIR/NAME: a reader of DIR/NAME sees the previous copy or the new
 * one, never half of one.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"

/* Pages copied per backup step, between looks at `stop`: 4 MiB of 4 KiB
 * pages, some milliseconds of copying. */
#define EXPORT_STEP_PAGES 1024

/* How long the export's connections wait for a lock: only the loop's
 * writes take one, and only for a moment (WAL recovery after a crash). */
#define EXPORT_BUSY_MS 5000

static const char sqlite_magic[16] = "SQLite format 3";

/* dir/basename(db), and the names around it. */
DWORD store_copy_paths(store_copy_t *c)
{
    const char *slash = strrchr(c->db, '/');
    const char *name = slash != NULL ? slash + 1 : c->db;

    if (name[0] == '\0' || c->dir == NULL || c->dir[0] == '\0' ||
        store_path_join(c->path, sizeof c->path, c->dir, name, NULL) != 0 ||
        store_path_join(c->tmp, sizeof c->tmp, c->dir, name, ".tmp") != 0)
        return store_file_fail(c->why, sizeof c->why, ENAMETOOLONG, "export of database %s into %s", c->db,
                               c->dir ? c->dir : "(none)");
    return 0;
}

/* A failed SQLite call of the export, with the message of `db`. */
static DWORD export_fail(store_copy_t *c, sqlite3 *db, int rc, const char *what)
{
    snprintf(c->why, sizeof c->why, "export of database %s: %s failed: %s", c->db, what,
             db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    log_error("%s", c->why);
    return (rc & 0xff) == SQLITE_FULL ? ERROR_DATABASE_FULL : ERROR_DATABASE_FAILURE;
}

static int stopped(const store_copy_t *c)
{
    return c->stop != NULL && atomic_load(c->stop) != 0;
}

/* Every page of `src`'s snapshot into `dst`, a step at a time. */
static DWORD copy_pages(store_copy_t *c, sqlite3 *src, sqlite3 *dst)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (b == NULL)
        return export_fail(c, dst, sqlite3_errcode(dst), "starting the backup");
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && !stopped(c))
        rc = sqlite3_backup_step(b, EXPORT_STEP_PAGES);
    c->pages = sqlite3_backup_pagecount(b);
    int end = sqlite3_backup_finish(b);
    if (rc == SQLITE_OK) { /* stopped before the last step */
        snprintf(c->why, sizeof c->why, "export of database %s stopped: rsmd is stopping", c->db);
        log_info("%s", c->why);
        return ERROR_CANCELLED;
    }
    if (rc != SQLITE_DONE || end != SQLITE_OK)
        return export_fail(c, dst, rc != SQLITE_DONE ? rc : end, "copying pages");
    return 0;
}

/* Open the source read-only and start its read transaction (BEGIN alone
 * takes no snapshot; the first read does). */
static DWORD open_source(store_copy_t *c, sqlite3 **src)
{
    int rc = sqlite3_open_v2(c->db, src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(*src, EXPORT_BUSY_MS);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(*src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : export_fail(c, *src, rc, "opening the database for reading");
}

/* The destination needs no journal (a failed copy is deleted) and no
 * syncs of its own (the file is synced once, whole). */
static DWORD open_dest(store_copy_t *c, sqlite3 **dst)
{
    int rc = sqlite3_open_v2(c->tmp, dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(*dst, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : export_fail(c, *dst, rc, "creating the copy");
}

/* The copy carries the source's WAL mark; make it a plain file. */
static DWORD make_single_file(store_copy_t *c, sqlite3 *dst)
{
    int rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : export_fail(c, dst, rc, "setting the copy's journal mode");
}

/* The copy is as readable as the database it copies, no more. */
static int give_mode(const store_copy_t *c)
{
    struct stat st;
    return stat(c->db, &st) == 0 ? chmod(c->tmp, st.st_mode & 0777) : -1;
}

static void remove_tmp(const store_copy_t *c)
{
    char side[STORE_PATH_MAX];
    static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};

    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (store_path_join(side, sizeof side, NULL, c->tmp, suffixes[i]) == 0 && store_unlink(side) != 0)
            log_warn("export: cannot remove %s: %s", side, strerror(errno));
}

DWORD store_export_write(store_copy_t *c)
{
    DWORD err = store_copy_paths(c);
    if (err)
        return err;
    c->pages = 0;
    if (store_make_dir(c->dir) != 0)
        return store_file_fail(c->why, sizeof c->why, errno, "export: cannot create directory %s", c->dir);
    remove_tmp(c); /* left by a crash */

    sqlite3 *src = NULL, *dst = NULL;
    err = open_source(c, &src);
    if (!err)
        err = open_dest(c, &dst);
    if (!err)
        err = copy_pages(c, src, dst);
    if (!err)
        err = make_single_file(c, dst);
    if (src != NULL)
        sqlite3_exec(src, "COMMIT", NULL, NULL, NULL); /* ends the snapshot; nothing to commit */
    sqlite3_close(src);
    if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && !err)
        err = export_fail(c, dst, sqlite3_errcode(dst), "closing the copy");
    if (!err && give_mode(c) != 0)
        err = store_file_fail(c->why, sizeof c->why, errno, "export: cannot set the mode of %s", c->tmp);
    if (!err && store_sync_file(c->tmp) != 0)
        err = store_file_fail(c->why, sizeof c->why, errno, "export: cannot sync %s", c->tmp);
    if (err)
        remove_tmp(c);
    return err;
}

DWORD store_export_publish(store_copy_t *c)
{
    if (rename(c->tmp, c->path) != 0) {
        DWORD err = store_file_fail(c->why, sizeof c->why, errno, "export: cannot rename %s to %s", c->tmp, c->path);
        remove_tmp(c);
        return err;
    }
    if (store_sync_dir_of(c->path) != 0)
        return store_file_fail(c->why, sizeof c->why, errno, "export: cannot sync directory %s", c->dir);
    return 0;
}

void store_export_discard(store_copy_t *c)
{
    remove_tmp(c);
}

/* --- ImportNtmsDatabase ------------------------------------------------- */

DWORD store_import_check_copy(store_copy_t *c)
{
    DWORD err = store_copy_paths(c);
    if (err)
        return err;
    int fd = open(c->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return store_file_fail(c->why, sizeof c->why, errno, "import: no exported database %s", c->path);
    char head[sizeof sqlite_magic];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0) {
        snprintf(c->why, sizeof c->why, "import: %s is not an SQLite database", c->path);
        log_error("%s", c->why);
        return ERROR_DATABASE_FAILURE;
    }
    return 0;
}

DWORD store_import_mark(store_copy_t *c)
{
    char marker[STORE_PATH_MAX], text[512];

    if (store_path_join(marker, sizeof marker, c->dir, STORE_IMPORT_MARKER, NULL) != 0)
        return store_file_fail(c->why, sizeof c->why, errno, "import: marker in %s", c->dir);
    snprintf(text, sizeof text, "%s\n", c->requested_by != NULL ? c->requested_by : "an unknown caller");
    if (store_write_atomic(marker, text) != 0)
        return store_file_fail(c->why, sizeof c->why, errno, "import: cannot write %s", marker);
    return 0;
}

int store_import_pending(const char *dir)
{
    char marker[STORE_PATH_MAX];
    return dir != NULL && dir[0] != '\0' &&
           store_path_join(marker, sizeof marker, dir, STORE_IMPORT_MARKER, NULL) == 0 && access(marker, F_OK) == 0;
}
