/*
 * store_backup.h - copies of the database: ExportNtmsDatabase writes one
 * into the export directory, ImportNtmsDatabase marks it, and the next
 * start puts it in place of the database (docs/design/backup.md).
 *
 * The export directory holds the copy, named like the database file
 * (`rsm.db`), and, while an import is pending, the marker file `IMPORT`.
 * Nothing here uses the loop's store_t: an export reads the database
 * through connections of its own, so it may run on any thread while the
 * loop goes on writing (WAL lets a reader keep one snapshot meanwhile);
 * the import runs at start, before store_open.
 *
 * Every function returns a Win32 code: ERROR_DATABASE_FULL when a disk
 * filled up, ERROR_CANCELLED when `stop` was raised, ERROR_DATABASE_FAILURE
 * for anything else; it logs one line and puts the same reason in `why`.
 */
#ifndef RSM_STORE_BACKUP_H
#define RSM_STORE_BACKUP_H

#include <stdatomic.h>

#include <rsm/ntmsapi.h>

/* The marker file ImportNtmsDatabase leaves in the export directory. */
#define STORE_IMPORT_MARKER "IMPORT"

#define STORE_PATH_MAX 4096

/* One export, or one import request, from start to end. */
typedef struct store_copy {
    /* in */
    const char *db;         /* the database file */
    const char *dir;        /* the export directory */
    const atomic_int *stop; /* NULL, or non-zero: give up at the next step */
    const char *requested_by; /* import: who asked, for the marker and the log */
    /* out */
    char path[STORE_PATH_MAX]; /* the copy: dir/basename(db) */
    char tmp[STORE_PATH_MAX];  /* where the export writes it first */
    long long pages;           /* pages the export copied */
    char why[STORE_PATH_MAX + 256]; /* the reason of a failure, one line */
} store_copy_t;

/* Write a consistent copy of the database into c->tmp and sync it: one
 * read snapshot, copied a step at a time (c->stop is looked at between
 * steps), as a single file in rollback-journal mode that opens anywhere.
 * Creates the export directory when missing. Long; off the loop thread.
 * On failure nothing is left behind. */
DWORD store_export_write(store_copy_t *c);
/* Put the copy written by store_export_write in place of the previous one
 * (rename, then sync the directory). Short. */
DWORD store_export_publish(store_copy_t *c);
/* Remove what store_export_write left, when the copy is not published. */
void store_export_discard(store_copy_t *c);

/* ImportNtmsDatabase: check that the export directory holds a copy (a
 * file starting as an SQLite database; the full checks run at start)... */
DWORD store_import_check_copy(store_copy_t *c);
/* ...and mark it for the next start: the marker, holding c->requested_by,
 * is written to a temporary file, synced and renamed. */
DWORD store_import_mark(store_copy_t *c);
/* Whether the export directory holds the marker. */
int store_import_pending(const char *dir);

/* At start, with the database lock held and before store_open: when the
 * marker is there, check the copy (SQLite's integrity check, a schema
 * version this build knows, store_check after migrating it), keep the
 * database as DB.YYYYMMDD-HHMMSS.bak, put the copy in its place and
 * remove the marker; one log line says what happened. A copy that fails a
 * check is refused (its marker removed; error line); a step that fails for
 * another reason (a full disk) leaves the marker for the next start. The
 * database in place is never lost: returns 0 when nothing was pending or
 * the copy is in place, else why not, and rsmd starts either way. */
DWORD store_import_at_start(const char *db, const char *dir);

#endif
