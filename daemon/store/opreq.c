/*
 * opreq.c - the SQL behind store_opreq.h: operator requests by state, the
 * service's own requests, purging, and the UI destination lists.
 *
 * The open states are NTMS_OPSTATE_SUBMITTED (1), ACTIVE (2) and
 * INPROGRESS (3); REFUSED (4) and COMPLETE (5) are ended. The numbers are
 * written out in the SQL so that the statements can be cached; the static
 * assert keeps them equal to the header's.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_opreq.h"
#include "util/log.h"

_Static_assert(NTMS_OPSTATE_SUBMITTED == 1 && NTMS_OPSTATE_INPROGRESS == 3 && NTMS_OPSTATE_REFUSED == 4 &&
                   NTMS_OPSTATE_COMPLETE == 5,
               "the SQL below spells these states as numbers");

/* Statement keys inside the K_OPREQ block. */
enum {
    Q_OPEN,
    Q_MARK,
    Q_IS_SERVICE,
    Q_PURGE,
    Q_DEST_LIST,
    Q_DEST_ADD,
    Q_DEST_REMOVE,
    Q_DEST_CLEAR,
    Q_DEST_DROP,
    Q_END
};
_Static_assert(Q_END <= STORE_TYPE_SLOTS, "the operator request statements fit their cache block");

static DWORD prepare(store_t *st, unsigned k, const char *sql, sqlite3_stmt **s)
{
    return store_prepare(st, K_OPREQ + k, sql, s);
}

/* Run a bound statement that returns no rows; *changed (may be NULL) is
 * how many rows it touched. Releases `s`. */
static DWORD run_write(store_t *st, sqlite3_stmt *s, const char *what, DWORD on_fk, size_t *changed)
{
    int rc = sqlite3_step(s);
    DWORD err = 0;

    if (rc == SQLITE_DONE) {
        if (changed != NULL)
            *changed = (size_t)sqlite3_changes(st->db);
    } else {
        err = store_write_fail(st, rc, what, on_fk);
    }
    store_release(s);
    return err;
}

/* --- operator requests ------------------------------------------------------ */

DWORD store_opreqs_open(store_t *st, DWORD request, const NTMS_GUID *arg1, int service_only, guid_list_t *out)
{
    static const char sql[] =
        "SELECT guid FROM op_request WHERE state IN (1, 2, 3) AND (?1 = 0 OR request = ?1)"
        " AND (?2 IS NULL OR arg1 = ?2) AND (?3 = 0 OR by_service) ORDER BY seq";
    sqlite3_stmt *s;
    int rc;
    DWORD err;

    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    err = prepare(st, Q_OPEN, sql, &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, request);
    store_bind_guid(s, 2, arg1);
    sqlite3_bind_int(s, 3, service_only ? 1 : 0);
    while (err == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 8;
            NTMS_GUID *v = realloc(out->v, cap * sizeof *v);
            if (v == NULL) {
                log_error("store: out of memory listing open operator requests");
                err = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            out->v = v;
            out->cap = cap;
        }
        store_column_guid(s, 0, &out->v[out->n++]);
    }
    if (err == 0 && rc != SQLITE_DONE)
        err = store_fail(st, rc, "listing open operator requests");
    store_release(s);
    if (err)
        guid_list_free(out);
    return err;
}

DWORD store_opreq_mark_service(store_t *st, const NTMS_GUID *id)
{
    static const char sql[] = "UPDATE op_request SET by_service = 1 WHERE guid = ?1";
    sqlite3_stmt *s;
    size_t changed = 0;
    DWORD err = prepare(st, Q_MARK, sql, &s);

    if (err)
        return err;
    store_bind_guid(s, 1, id);
    err = run_write(st, s, "marking an operator request as the service's", ERROR_OBJECT_NOT_FOUND, &changed);
    return err == 0 && changed == 0 ? ERROR_OBJECT_NOT_FOUND : err;
}

DWORD store_opreq_is_service(store_t *st, const NTMS_GUID *id, int *yes)
{
    static const char sql[] = "SELECT by_service FROM op_request WHERE guid = ?1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_IS_SERVICE, sql, &s);
    int rc;

    if (err)
        return err;
    store_bind_guid(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *yes = sqlite3_column_int(s, 0) != 0;
    else if (rc == SQLITE_DONE)
        err = ERROR_OBJECT_NOT_FOUND;
    else
        err = store_fail(st, rc, "reading an operator request");
    store_release(s);
    return err;
}

DWORD store_opreqs_purge(store_t *st, int64_t before_ms, int refused_too, size_t *purged)
{
    /* Deleting the object row deletes the detail row (ON DELETE CASCADE);
     * an ended request is last changed when it ended. */
    static const char sql[] =
        "DELETE FROM object WHERE guid IN (SELECT x.guid FROM op_request x JOIN object o ON o.guid = x.guid"
        " WHERE (x.state = 5 OR (?2 AND x.state = 4)) AND o.modified_ms <= ?1)";
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_PURGE, sql, &s);

    if (err)
        return err;
    sqlite3_bind_int64(s, 1, before_ms);
    sqlite3_bind_int(s, 2, refused_too ? 1 : 0);
    return run_write(st, s, "purging ended operator requests", ERROR_NOT_EMPTY, purged);
}

/* --- UI destinations -------------------------------------------------------- */

void strlist_free(strlist_t *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static DWORD strlist_push(strlist_t *l, const char *text)
{
    char *copy = strdup(text);
    char **v = copy ? realloc(l->v, (l->n + 1) * sizeof *v) : NULL;

    if (v == NULL) {
        free(copy);
        log_error("store: out of memory listing UI destinations");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    l->v = v;
    l->v[l->n++] = copy;
    return 0;
}

/* Every destination statement selects its list the same way: ?1 the
 * object (NULL for a session's list), ?2 the session, ?3 the type. */
#define LIST_KEY "object IS ?1 AND coalesce(session, 0) = ?2 AND ui_type = ?3"

static void bind_list(sqlite3_stmt *s, const NTMS_GUID *object, uint64_t session, DWORD type)
{
    store_bind_guid(s, 1, object);
    sqlite3_bind_int64(s, 2, object != NULL ? 0 : (sqlite3_int64)session);
    sqlite3_bind_int64(s, 3, type);
}

DWORD store_uidest_list(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, strlist_t *out)
{
    static const char sql[] = "SELECT destination FROM ui_destination WHERE " LIST_KEY " ORDER BY id";
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_DEST_LIST, sql, &s);
    int rc = SQLITE_DONE;

    if (err)
        return err;
    bind_list(s, object, session, type);
    while (err == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
        err = strlist_push(out, (const char *)sqlite3_column_text(s, 0));
    if (err == 0 && rc != SQLITE_DONE)
        err = store_fail(st, rc, "listing UI destinations");
    store_release(s);
    return err;
}

DWORD store_uidest_add(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, const char *dest)
{
    static const char sql[] =
        "INSERT INTO ui_destination (object, session, ui_type, destination) VALUES (?1, nullif(?2, 0), ?3, ?4)";
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_DEST_ADD, sql, &s);

    if (err)
        return err;
    bind_list(s, object, session, type);
    sqlite3_bind_text(s, 4, dest, -1, SQLITE_STATIC);
    return run_write(st, s, "adding a UI destination", ERROR_OBJECT_NOT_FOUND, NULL);
}

DWORD store_uidest_remove(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, const char *dest)
{
    static const char sql[] = "DELETE FROM ui_destination WHERE " LIST_KEY " AND destination = ?4";
    sqlite3_stmt *s;
    size_t changed = 0;
    DWORD err = prepare(st, Q_DEST_REMOVE, sql, &s);

    if (err)
        return err;
    bind_list(s, object, session, type);
    sqlite3_bind_text(s, 4, dest, -1, SQLITE_STATIC);
    err = run_write(st, s, "removing a UI destination", ERROR_NOT_EMPTY, &changed);
    return err == 0 && changed == 0 ? ERROR_OBJECT_NOT_FOUND : err;
}

DWORD store_uidest_clear(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type)
{
    static const char sql[] = "DELETE FROM ui_destination WHERE " LIST_KEY;
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_DEST_CLEAR, sql, &s);

    if (err)
        return err;
    bind_list(s, object, session, type);
    return run_write(st, s, "clearing UI destinations", ERROR_NOT_EMPTY, NULL);
}

DWORD store_uidest_drop_session(store_t *st, uint64_t session)
{
    static const char sql[] =
        "DELETE FROM ui_destination WHERE session IS NOT NULL AND (?1 = 0 OR session = ?1)";
    sqlite3_stmt *s;
    DWORD err = prepare(st, Q_DEST_DROP, sql, &s);

    if (err)
        return err;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)session);
    return run_write(st, s, "dropping a session's UI destinations", ERROR_NOT_EMPTY, NULL);
}
