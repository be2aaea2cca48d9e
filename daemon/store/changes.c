/*
 * changes.c - the record of committed changes that notifications are made
 * of (store_changes.h).
 *
 * How a change is caught. TEMP triggers, created on this connection only,
 * write one row per changed object into the TEMP table rsm_change: the
 * object table's INSERT, UPDATE and DELETE; an UPDATE of the NTMS columns
 * of each detail table (the detail rows of an insert or delete come and go
 * with the object row); a named attribute set or removed; a media type
 * related to or unrelated from a library. Because the rows are written by
 * SQLite inside the statement that made the change, they share its fate: a
 * failed statement, a ROLLBACK TO and a ROLLBACK take them back with the
 * change, which hooks alone could not tell apart. What is in rsm_change
 * while no transaction is open has therefore been committed.
 *
 * Transactions. Each row carries the number of its transaction, which the
 * SQL function rsm_change_txn() reads and the commit and rollback hooks
 * advance; the merge of one object's changes into its net change is done
 * per (transaction, object) by one GROUP BY. The commit hook also tells the
 * watcher that there is something to take; it runs inside SQLite, so the
 * watcher may not use the store there, and the taking happens later, from
 * the loop, outside any transaction.
 *
 * Cost: one small insert into an in-memory table per changed object, and
 * one read and delete of that table per batch taken.
 */
#include "store_changes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util/log.h"

struct store_changes {
    sqlite3_stmt *take, *clear, *note;
    sqlite3_int64 txn;           /* the open transaction's number */
    int captured;                /* rows were written in the open transaction */
    store_changes_ready_fn ready;
    void *arg;
};

/* --- hooks and the transaction number ------------------------------------ */

static void txn_number(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct store_changes *ch = sqlite3_user_data(ctx);
    (void)argc;
    (void)argv;
    ch->captured = 1;
    sqlite3_result_int64(ctx, ch->txn);
}

static int on_commit(void *arg)
{
    struct store_changes *ch = arg;
    int tell = ch->captured;
    ch->txn++;
    ch->captured = 0;
    if (tell && ch->ready != NULL)
        ch->ready(ch->arg);
    return 0; /* never veto the commit */
}

static void on_rollback(void *arg)
{
    struct store_changes *ch = arg;
    ch->txn++;
    ch->captured = 0; /* SQLite took the rows back with the transaction */
}

/* --- the TEMP table and triggers ----------------------------------------- */

static const char fixed_schema[] =
    "CREATE TEMP TABLE rsm_change ("
    "  seq INTEGER PRIMARY KEY,"
    "  txn INTEGER NOT NULL,"
    "  type INTEGER,"
    "  op INTEGER NOT NULL,"
    "  guid BLOB NOT NULL"
    ");"
#define ROW(type, op, guid) "INSERT INTO rsm_change(txn, type, op, guid) VALUES (rsm_change_txn(), " type ", " op ", " guid ")"
#define OWNER_TYPE(ref) "(SELECT type FROM object WHERE guid = " ref ")"
    "CREATE TEMP TRIGGER rsm_change_object_insert AFTER INSERT ON main.object BEGIN "
    ROW("NEW.type", "2", "NEW.guid") "; END;"
    "CREATE TEMP TRIGGER rsm_change_object_update AFTER UPDATE ON main.object BEGIN "
    ROW("NEW.type", "1", "NEW.guid") "; END;"
    "CREATE TEMP TRIGGER rsm_change_object_delete AFTER DELETE ON main.object BEGIN "
    ROW("OLD.type", "3", "OLD.guid") "; END;"
    /* Attributes belong to their object; one removed with its object
     * finds no owner type, and merges into the object's DELETE. */
    "CREATE TEMP TRIGGER rsm_change_attribute_insert AFTER INSERT ON main.attribute BEGIN "
    ROW(OWNER_TYPE("NEW.guid"), "1", "NEW.guid") "; END;"
    "CREATE TEMP TRIGGER rsm_change_attribute_update AFTER UPDATE ON main.attribute BEGIN "
    ROW(OWNER_TYPE("NEW.guid"), "1", "NEW.guid") "; END;"
    "CREATE TEMP TRIGGER rsm_change_attribute_delete AFTER DELETE ON main.attribute BEGIN "
    ROW(OWNER_TYPE("OLD.guid"), "1", "OLD.guid") "; END;"
    /* The library's dwNumberOfMediaTypes changes with these. */
    "CREATE TEMP TRIGGER rsm_change_library_type_insert AFTER INSERT ON main.library_media_type BEGIN "
    ROW("9", "1", "NEW.library") "; END;"
    "CREATE TEMP TRIGGER rsm_change_library_type_delete AFTER DELETE ON main.library_media_type BEGIN "
    ROW("9", "1", "OLD.library") "; END;";
#undef OWNER_TYPE

_Static_assert(NTMS_LIBRARY == 9 && NTMS_OBJ_UPDATE == 1 && NTMS_OBJ_INSERT == 2 && NTMS_OBJ_DELETE == 3,
               "the trigger texts spell these values out");

/* Append to a growing SQL text; on failure the text is freed and NULL. */
static char *append(char *sql, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static char *append(char *sql, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *grown = n >= 0 ? realloc(sql, *len + (size_t)n + 1) : NULL;
    if (grown == NULL) {
        free(sql);
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(grown + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
    return grown;
}

/* One UPDATE trigger per detail table, on the columns that hold members of
 * the NTMS structure (types.c), so bookkeeping columns of ours (a library's
 * configuration name) change nothing a client can see. */
static char *detail_triggers(void)
{
    size_t len = 0;
    char *sql = calloc(1, 1);
    for (size_t i = 0; sql != NULL && i < store_type_count(); i++) {
        const struct store_type *t = store_type_at(i);
        const char *sep = "";
        sql = append(sql, &len, "CREATE TEMP TRIGGER rsm_change_%s AFTER UPDATE OF ", t->table);
        for (size_t f = 0; sql != NULL && f < t->nfields; f++) {
            if (t->fields[f].kind == FK_COUNT)
                continue; /* derived on read: not a column */
            sql = append(sql, &len, "%s%s", sep, t->fields[f].column);
            sep = ", ";
        }
        if (sql != NULL)
            sql = append(sql, &len, " ON main.%s BEGIN " ROW("%u", "1", "NEW.guid") "; END;", t->table,
                         (unsigned)t->type);
    }
    return sql;
}
#undef ROW

static DWORD prepare(store_t *st, const char *sql, sqlite3_stmt **out)
{
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(st, rc, "preparing the change record");
}

static DWORD create_record(store_t *st, struct store_changes *ch)
{
    int rc = sqlite3_create_function(st->db, "rsm_change_txn", 0, SQLITE_UTF8, ch, txn_number, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "registering rsm_change_txn");
    DWORD err = store_exec(st, "PRAGMA temp_store=MEMORY", "keeping TEMP tables in memory");
    if (!err)
        err = store_exec(st, fixed_schema, "creating the change record");
    if (!err) {
        char *sql = detail_triggers();
        err = sql == NULL ? ERROR_NOT_ENOUGH_MEMORY : store_exec(st, sql, "creating the change triggers");
        free(sql);
    }
    /* seq * 8 + op orders rows by seq and keeps the op in the low bits, so
     * min() is the group's first change and max() its last. Events
     * (NTMS_EVENT_*) are grouped apart from row changes. */
    if (!err)
        err = prepare(st,
                      "SELECT max(type), guid, min(seq * 8 + op), max(seq * 8 + op) FROM rsm_change "
                      "GROUP BY txn, guid, op >= 4 ORDER BY 3",
                      &ch->take);
    if (!err)
        err = prepare(st, "DELETE FROM rsm_change WHERE seq <= ?1", &ch->clear);
    if (!err)
        err = prepare(st, "INSERT INTO rsm_change(txn, type, op, guid) VALUES (rsm_change_txn(), ?1, ?2, ?3)",
                      &ch->note);
    return err;
}

DWORD store_changes_watch(store_t *st, store_changes_ready_fn ready, void *arg)
{
    if (st->changes == NULL) {
        struct store_changes *ch = calloc(1, sizeof *ch);
        if (ch == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        st->changes = ch;
        DWORD err = create_record(st, ch);
        if (err) {
            store_changes_close(st);
            sqlite3_exec(st->db, "DROP TABLE IF EXISTS temp.rsm_change", NULL, NULL, NULL);
            log_error("database %s: changes cannot be recorded; notifications are off", st->path);
            return err;
        }
        sqlite3_commit_hook(st->db, on_commit, ch);
        sqlite3_rollback_hook(st->db, on_rollback, ch);
    }
    st->changes->ready = ready;
    st->changes->arg = arg;
    return 0;
}

void store_changes_close(store_t *st)
{
    struct store_changes *ch = st->changes;
    if (ch == NULL)
        return;
    sqlite3_commit_hook(st->db, NULL, NULL);
    sqlite3_rollback_hook(st->db, NULL, NULL);
    sqlite3_finalize(ch->take);
    sqlite3_finalize(ch->clear);
    sqlite3_finalize(ch->note);
    free(ch);
    st->changes = NULL;
}

/* --- reading the record -------------------------------------------------- */

/* The net change of one object in one transaction, from its first and
 * last operation: whether it existed before and whether it exists after.
 * 0 when it neither did nor does (inserted and deleted again). */
static DWORD net_operation(DWORD first, DWORD last)
{
    if (first >= NTMS_EVENT_SIGNAL)
        return first;
    int before = first != NTMS_OBJ_INSERT;
    int after = last != NTMS_OBJ_DELETE;
    if (before && after)
        return NTMS_OBJ_UPDATE;
    if (after)
        return NTMS_OBJ_INSERT;
    return before ? NTMS_OBJ_DELETE : 0;
}

struct batch {
    store_change_t *v;
    size_t n, cap;
    sqlite3_int64 last_seq;
};

static DWORD batch_push(struct batch *b, const store_change_t *c)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        store_change_t *grown = realloc(b->v, cap * sizeof *grown);
        if (grown == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        b->v = grown;
        b->cap = cap;
    }
    b->v[b->n++] = *c;
    return 0;
}

static DWORD read_batch(store_t *st, sqlite3_stmt *s, struct batch *b)
{
    DWORD err = 0;
    int rc = SQLITE_DONE;
    while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 first = sqlite3_column_int64(s, 2), last = sqlite3_column_int64(s, 3);
        if (last / 8 > b->last_seq)
            b->last_seq = last / 8;
        store_change_t c = {.type = (DWORD)sqlite3_column_int64(s, 0),
                            .operation = net_operation((DWORD)(first & 7), (DWORD)(last & 7))};
        if (c.operation == 0 || sqlite3_column_type(s, 0) == SQLITE_NULL)
            continue;
        store_column_guid(s, 1, &c.id);
        err = batch_push(b, &c);
    }
    if (!err && rc != SQLITE_DONE)
        err = store_fail(st, rc, "reading the change record");
    store_release(s);
    return err;
}

static DWORD clear_through(store_t *st, struct store_changes *ch, sqlite3_int64 last_seq)
{
    sqlite3_bind_int64(ch->clear, 1, last_seq);
    int rc = sqlite3_step(ch->clear);
    DWORD err = rc == SQLITE_DONE ? 0 : store_fail(st, rc, "clearing the change record");
    store_release(ch->clear);
    return err;
}

DWORD store_changes_take(store_t *st, store_changes_fn fn, void *arg)
{
    struct store_changes *ch = st->changes;
    if (ch == NULL || !sqlite3_get_autocommit(st->db))
        return 0;
    struct batch b = {0};
    DWORD err = read_batch(st, ch->take, &b);
    if (!err && b.last_seq > 0)
        err = clear_through(st, ch, b.last_seq);
    if (!err && b.n > 0)
        fn(arg, b.v, b.n);
    free(b.v);
    return err;
}

DWORD store_changes_note(store_t *st, DWORD type, DWORD operation, const NTMS_GUID *id)
{
    struct store_changes *ch = st->changes;
    if (ch == NULL)
        return 0;
    if (store_guid_is_null(id) || operation < NTMS_EVENT_SIGNAL || operation > NTMS_EVENT_COMPLETE)
        return ERROR_INVALID_PARAMETER;
    uint8_t guid[16];
    sqlite3_bind_int64(ch->note, 1, type);
    sqlite3_bind_int64(ch->note, 2, operation);
    store_bind_guid_in(ch->note, 3, id, guid);
    int rc = sqlite3_step(ch->note);
    DWORD err = rc == SQLITE_DONE ? 0 : store_fail(st, rc, "recording an event");
    store_release(ch->note);
    return err;
}
