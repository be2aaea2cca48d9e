/*
 * store.c - the connection: opening and closing the database, its pragmas,
 * transactions (counted nesting), the prepared-statement cache, and the
 * mapping of SQLite failures to Win32 error codes. Everything else in
 * daemon/store/ goes through the helpers here.
 */
#include "store_int.h"
#include "store_changes.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "wire.h"

/* How long a statement waits for another connection's lock (a second rsmd
 * by mistake, or the sqlite3 shell) before giving up with SQLITE_BUSY. */
#define STORE_BUSY_TIMEOUT_MS 5000

/* --- errors ------------------------------------------------------------- */

DWORD store_fail(store_t *st, int rc, const char *what)
{
    const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    const char *path = st && st->path ? st->path : "?";

    if ((rc & 0xff) == SQLITE_FULL) {
        log_error("database %s is full: %s failed: %s", path, what, msg);
        return ERROR_DATABASE_FULL;
    }
    log_error("database %s: %s failed: %s", path, what, msg);
    return ERROR_DATABASE_FAILURE;
}

DWORD store_write_fail(store_t *st, int rc, const char *what, DWORD on_fk)
{
    const char *msg = sqlite3_errmsg(st->db);

    switch (rc) {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        log_info("store: %s refused: %s", what,
                 on_fk == ERROR_NOT_EMPTY ? "other objects still refer to it"
                                          : "it refers to an object that does not exist");
        return on_fk;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        log_info("store: %s refused: already exists (%s)", what, msg);
        return ERROR_ALREADY_EXISTS;
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
        log_info("store: %s refused: a required value is missing or invalid (%s)", what, msg);
        return ERROR_INVALID_PARAMETER;
    default:
        return store_fail(st, rc, what);
    }
}

/* --- statement cache ---------------------------------------------------- */

sqlite3_stmt *store_cached(store_t *st, unsigned key)
{
    return key < K_MAX ? st->stmts[key] : NULL;
}

DWORD store_prepare(store_t *st, unsigned key, const char *sql, sqlite3_stmt **out)
{
    if (key >= K_MAX) {
        log_error("store: statement key %u out of range", key);
        return ERROR_DATABASE_FAILURE;
    }
    if (st->stmts[key] == NULL) {
        int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->stmts[key], NULL);
        if (rc != SQLITE_OK) {
            log_error("store: cannot prepare \"%s\": %s", sql, sqlite3_errmsg(st->db));
            st->stmts[key] = NULL;
            return (rc & 0xff) == SQLITE_FULL ? ERROR_DATABASE_FULL : ERROR_DATABASE_FAILURE;
        }
    }
    *out = st->stmts[key];
    return 0;
}

void store_release(sqlite3_stmt *s)
{
    if (s != NULL) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

DWORD store_step_guid(store_t *st, sqlite3_stmt *s, NTMS_GUID *out, const char *what)
{
    int rc = sqlite3_step(s);
    DWORD err = 0;
    if (rc == SQLITE_ROW)
        store_column_guid(s, 0, out);
    else
        err = rc == SQLITE_DONE ? ERROR_OBJECT_NOT_FOUND : store_fail(st, rc, what);
    store_release(s);
    return err;
}

DWORD store_exec(store_t *st, const char *sql, const char *what)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(st, rc, what);
}

/* Step a cached statement that returns no rows, then reset it. */
static DWORD run_cached(store_t *st, unsigned key, const char *sql, const char *what)
{
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, key, sql, &s);
    if (err)
        return err;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_fail(st, rc, what);
    store_release(s);
    return err;
}

/* --- GUIDs -------------------------------------------------------------- */

int store_guid_is_null(const NTMS_GUID *g)
{
    static const NTMS_GUID zero;
    return g == NULL || memcmp(g, &zero, sizeof zero) == 0;
}

static int bind_guid(sqlite3_stmt *s, int idx, const NTMS_GUID *g, uint8_t buf[16], void (*lifetime)(void *))
{
    if (store_guid_is_null(g))
        return sqlite3_bind_null(s, idx);
    wire_guid_to_bytes(g, buf);
    return sqlite3_bind_blob(s, idx, buf, 16, lifetime);
}

int store_bind_guid(sqlite3_stmt *s, int idx, const NTMS_GUID *g)
{
    uint8_t bytes[16];
    return bind_guid(s, idx, g, bytes, SQLITE_TRANSIENT);
}

int store_bind_guid_in(sqlite3_stmt *s, int idx, const NTMS_GUID *g, uint8_t buf[16])
{
    return bind_guid(s, idx, g, buf, SQLITE_STATIC);
}

void store_column_guid(sqlite3_stmt *s, int col, NTMS_GUID *g)
{
    const void *p = sqlite3_column_blob(s, col);

    if (p != NULL && sqlite3_column_bytes(s, col) == 16)
        wire_guid_from_bytes(p, g);
    else
        memset(g, 0, sizeof *g);
}

/* --- open / close ------------------------------------------------------- */

/* journal_mode answers with the mode now in force: "wal" for a file, but
 * "memory" for ":memory:", which has no journal file to put in WAL mode.
 * *wal says which. */
static DWORD set_journal_mode(store_t *st, int *wal)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "PRAGMA journal_mode");
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        DWORD err = store_fail(st, rc, "PRAGMA journal_mode");
        sqlite3_finalize(s);
        return err;
    }
    const char *mode = (const char *)sqlite3_column_text(s, 0);
    *wal = mode != NULL && strcmp(mode, "wal") == 0;
    if (mode == NULL || (strcmp(mode, "wal") != 0 && strcmp(mode, "memory") != 0))
        log_warn("database %s: journal mode is %s, not wal", st->path, mode ? mode : "?");
    sqlite3_finalize(s);
    return 0;
}

static DWORD configure(store_t *st, int *wal)
{
    sqlite3_extended_result_codes(st->db, 1);
    int rc = sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "setting the busy timeout");

    DWORD err = set_journal_mode(st, wal);
    if (err)
        return err;
    /* NORMAL is safe in WAL mode: a power cut may lose the last
     * transactions but never corrupts the database. The page cache may
     * grow to 64 MiB (SQLite's default is 2 MiB): a transaction that
     * dirties more pages than the cache holds spills them into the WAL
     * before its commit and writes them again at it, and the first
     * inventory of a 10,000-slot library dirties some 7 MiB. */
    return store_exec(st, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;",
                      "setting pragmas");
}

DWORD store_open(const char *path, store_t **out)
{
    if (path == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    *out = NULL;

    store_t *st = calloc(1, sizeof *st);
    if (st == NULL || (st->path = strdup(path)) == NULL) {
        free(st);
        log_error("database %s: out of memory opening it", path);
        return ERROR_NOT_ENOUGH_MEMORY;
    }

    int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    int wal = 0;
    DWORD err = rc == SQLITE_OK ? 0 : store_fail(st, rc, "opening");
    if (!err)
        err = configure(st, &wal);
    if (!err)
        err = store_migrate(st);
    if (err) {
        store_close(st);
        return err;
    }
    store_ckpt_start(st, wal);
    *out = st;
    return 0;
}

void store_close(store_t *st)
{
    if (st == NULL)
        return;
    if (st->depth > 0) {
        log_warn("database %s closed inside a transaction; rolling it back", st->path);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    }
    store_ckpt_stop(st);
    store_changes_close(st);
    for (size_t i = 0; i < K_MAX; i++)
        sqlite3_finalize(st->stmts[i]);
    if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
        log_error("database %s: close failed: %s", st->path, sqlite3_errmsg(st->db));
    free(st->path);
    free(st);
}

/* --- transactions ------------------------------------------------------- */

/* IMMEDIATE takes the write lock at once: rsmd writes in nearly every
 * transaction, and taking the lock late could fail with SQLITE_BUSY half-way
 * through a call instead of waiting at its start. */
DWORD store_begin(store_t *st)
{
    if (st->depth == 0) {
        DWORD err = run_cached(st, K_BEGIN, "BEGIN IMMEDIATE", "starting a transaction");
        if (err)
            return err;
        st->doomed = 0;
    }
    st->depth++;
    return 0;
}

static void rollback_now(store_t *st)
{
    if (sqlite3_get_autocommit(st->db))
        return; /* SQLite already rolled back (after some I/O errors) */
    run_cached(st, K_ROLLBACK, "ROLLBACK", "rolling back");
}

DWORD store_commit(store_t *st)
{
    if (st->depth == 0) {
        log_error("database %s: commit without a transaction", st->path);
        return ERROR_INVALID_OPERATION;
    }
    if (--st->depth > 0)
        return 0;
    if (st->doomed) {
        rollback_now(st);
        st->doomed = 0;
        log_warn("database %s: transaction rolled back at commit because an inner step failed", st->path);
        return ERROR_DATABASE_FAILURE;
    }
    DWORD err = run_cached(st, K_COMMIT, "COMMIT", "committing");
    if (err)
        rollback_now(st);
    return err;
}

void store_rollback(store_t *st)
{
    if (st->depth == 0) {
        log_warn("database %s: rollback without a transaction", st->path);
        return;
    }
    st->doomed = 1;
    if (--st->depth == 0) {
        rollback_now(st);
        st->doomed = 0;
    }
}

DWORD store_op_begin(store_t *st)
{
    return run_cached(st, K_SAVEPOINT, "SAVEPOINT store_op", "starting a savepoint");
}

DWORD store_op_end(store_t *st, DWORD result)
{
    if (result == 0) {
        result = run_cached(st, K_RELEASE, "RELEASE store_op", "releasing a savepoint");
        if (result == 0)
            return 0;
    }
    /* ROLLBACK TO keeps the savepoint open; RELEASE then drops it, ending
     * the implicit transaction when there was no enclosing one. */
    if (!sqlite3_get_autocommit(st->db)) {
        run_cached(st, K_ROLLBACK_TO, "ROLLBACK TO store_op", "rolling back a savepoint");
        run_cached(st, K_RELEASE, "RELEASE store_op", "releasing a savepoint");
    }
    return result;
}
