/*
 * objects.c - insert, read, update and delete one object, for every object
 * type, from the column tables in types.c; and the library <-> media type
 * relation.
 *
 * An object is one row of `object` (the common NTMS_OBJECTINFORMATION
 * fields) plus one row of its type's detail table with the same seq. The
 * detail statements are generated from the type's field table on first use
 * and cached like every other statement.
 */
#include "store_int.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/log.h"
#include "wire.h"


/* --- member access ------------------------------------------------------ */

static void *member(NTMS_OBJECTINFORMATIONA *o, size_t off)
{
    return (char *)o + off;
}

static const void *cmember(const NTMS_OBJECTINFORMATIONA *o, size_t off)
{
    return (const char *)o + off;
}

/* WORD, DWORD and BOOL members as unsigned 32-bit values: a DWORD keeps its
 * top bit, and a BOOL's bits come back exactly as they went in. */
static uint32_t get_uint(const void *p, size_t size)
{
    if (size == sizeof(WORD)) {
        WORD w;
        memcpy(&w, p, sizeof w);
        return w;
    }
    uint32_t d;
    memcpy(&d, p, sizeof d);
    return d;
}

static void put_uint(void *p, size_t size, uint32_t v)
{
    if (size == sizeof(WORD)) {
        WORD w = (WORD)v;
        memcpy(p, &w, sizeof w);
    } else {
        memcpy(p, &v, sizeof v);
    }
}

/* Strings may arrive without a terminator; never read past the array. */
static int bind_text(sqlite3_stmt *s, int idx, const char *p, size_t size)
{
    return sqlite3_bind_text(s, idx, p, (int)strnlen(p, size), SQLITE_STATIC);
}

static void column_text(sqlite3_stmt *s, int col, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    size_t n = t ? (size_t)sqlite3_column_bytes(s, col) : 0;
    if (n >= size)
        n = size - 1;
    if (n > 0)
        memcpy(dst, t, n);
    dst[n] = '\0';
}

/* --- generated SQL ------------------------------------------------------ */

static int stored(const struct store_field *f)
{
    return f->kind != FK_COUNT;
}

int store_sql_append(char *buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, SQL_MAX - *len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= SQL_MAX - *len)
        return -1;
    *len += (size_t)n;
    return 0;
}

/* INSERT INTO t(seq, guid, c ...) VALUES (?1, ?2, ?3 ...) */
static int build_insert(const struct store_type *t, char *sql)
{
    size_t len = 0;
    int n = 2;
    int rc = store_sql_append(sql, &len, "INSERT INTO %s(seq, guid", t->table);
    for (size_t i = 0; i < t->nfields; i++)
        if (stored(&t->fields[i]))
            rc |= store_sql_append(sql, &len, ", %s", t->fields[i].column);
    rc |= store_sql_append(sql, &len, ") VALUES (?1, ?2");
    for (size_t i = 0; i < t->nfields; i++)
        if (stored(&t->fields[i]))
            rc |= store_sql_append(sql, &len, ", ?%d", ++n);
    return rc | store_sql_append(sql, &len, ")");
}

/* SELECT c ..., (derived) ... FROM t d WHERE d.seq = ?1 */
static int build_select(const struct store_type *t, char *sql, bool counts)
{
    size_t len = 0;
    int rc = store_sql_append(sql, &len, "SELECT ");
    for (size_t i = 0; i < t->nfields; i++)
        rc |= store_sql_append(sql, &len, "%s%s", i ? ", " : "",
                     counts || stored(&t->fields[i]) ? t->fields[i].column : "0");
    return rc | store_sql_append(sql, &len, " FROM %s d WHERE d.seq = ?1", t->table);
}

static int build_get(const struct store_type *t, char *sql)
{
    return build_select(t, sql, true);
}

/* The same columns, a derived count read as 0 (store_get_brief). */
static int build_get_brief(const struct store_type *t, char *sql)
{
    return build_select(t, sql, false);
}

typedef int (*build_fn)(const struct store_type *t, char *sql);

/* The cached detail statement of family `base` for type t. */
static DWORD detail_stmt(store_t *st, unsigned base, build_fn build, const struct store_type *t,
                         sqlite3_stmt **out)
{
    unsigned key = base + t->type;
    if ((*out = store_cached(st, key)) != NULL)
        return 0;
    char sql[SQL_MAX];
    if (build(t, sql) != 0) {
        log_error("store: generated SQL for %s is too long", t->table);
        return ERROR_DATABASE_FAILURE;
    }
    return store_prepare(st, key, sql, out);
}

/* --- binding and reading the detail columns ----------------------------- */

int store_bind_guid_slot(sqlite3_stmt *s, int idx, const NTMS_GUID *g, store_guid_slots_t keep, size_t slot)
{
    return slot < STORE_GUID_SLOTS ? store_bind_guid_in(s, idx, g, keep[slot]) : store_bind_guid(s, idx, g);
}


int store_bind_fields(sqlite3_stmt *s, int idx, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in,
                      store_guid_slots_t keep, uint64_t skip)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < t->nfields && rc == SQLITE_OK; i++) {
        const struct store_field *f = &t->fields[i];
        const void *p = cmember(in, f->offset);
        if (i < 64 && (skip >> i & 1) && f->kind != FK_COUNT) {
            idx++; /* its parameter is not in the statement */
            continue;
        }
        switch (f->kind) {
        case FK_UINT:
            rc = sqlite3_bind_int64(s, idx++, get_uint(p, f->size));
            break;
        case FK_INT64: {
            int64_t v;
            memcpy(&v, p, sizeof v);
            rc = sqlite3_bind_int64(s, idx++, v);
            break;
        }
        case FK_TEXT:
        case FK_NAME:
            rc = bind_text(s, idx++, p, f->size);
            break;
        case FK_GUID:
            rc = store_bind_guid_slot(s, idx++, p, keep, i + 1);
            break;
        case FK_TIME:
            rc = sqlite3_bind_int64(s, idx++, wire_time_from_systemtime(p));
            break;
        case FK_BYTES: {
            /* the length was checked against the array by check_input */
            int len = (int)get_uint(cmember(in, f->aux), sizeof(DWORD));
            rc = sqlite3_bind_blob(s, idx++, p, len, SQLITE_STATIC);
            break;
        }
        case FK_COUNT:
            break;
        }
    }
    return rc;
}

/* Fill the type's members of `out` from a row of the detail SELECT. */
static void read_fields(sqlite3_stmt *s, const struct store_type *t, NTMS_OBJECTINFORMATIONA *out)
{
    for (size_t i = 0; i < t->nfields; i++) {
        const struct store_field *f = &t->fields[i];
        void *p = member(out, f->offset);
        int col = (int)i;
        switch (f->kind) {
        case FK_UINT:
        case FK_COUNT:
            put_uint(p, f->size, (uint32_t)sqlite3_column_int64(s, col));
            break;
        case FK_INT64: {
            int64_t v = sqlite3_column_int64(s, col);
            memcpy(p, &v, sizeof v);
            break;
        }
        case FK_TEXT:
            column_text(s, col, p, f->size);
            break;
        case FK_NAME:
            break; /* the object row already gave szName */
        case FK_GUID:
            store_column_guid(s, col, p);
            break;
        case FK_TIME:
            wire_time_to_systemtime(sqlite3_column_int64(s, col), p);
            break;
        case FK_BYTES: {
            size_t n = (size_t)sqlite3_column_bytes(s, col);
            if (n > f->size)
                n = f->size;
            if (n > 0)
                memcpy(p, sqlite3_column_blob(s, col), n);
            put_uint(member(out, f->aux), sizeof(DWORD), (uint32_t)n);
            break;
        }
        }
    }
}

/* --- helpers ------------------------------------------------------------ */

static const char *guid_text(const NTMS_GUID *g, char buf[37])
{
    wire_guid_to_string(g, buf);
    return buf;
}

/* "inserting drive 0123...": the subject of a log line. */
static const char *describe(char *buf, size_t size, const char *verb, DWORD type, const NTMS_GUID *id)
{
    char g[37];
    snprintf(buf, size, "%s %s %s", verb, store_type_label(type), guid_text(id, g));
    return buf;
}

/* The type's description and sane members, or ERROR_INVALID_PARAMETER. */
static DWORD check_input(const NTMS_OBJECTINFORMATIONA *in, const struct store_type **t)
{
    if (in == NULL || store_guid_is_null(&in->ObjectGuid)) {
        log_info("store: an object without a GUID was refused");
        return ERROR_INVALID_PARAMETER;
    }
    if ((*t = store_type_desc(in->dwType)) == NULL) {
        log_info("store: object type %u has no storage", (unsigned)in->dwType);
        return ERROR_INVALID_PARAMETER;
    }
    for (size_t i = 0; i < (*t)->nfields; i++) {
        const struct store_field *f = &(*t)->fields[i];
        if (f->kind == FK_BYTES && get_uint(cmember(in, f->aux), sizeof(DWORD)) > f->size) {
            log_info("store: %s %s is longer than %zu bytes", (*t)->label, f->column, f->size);
            return ERROR_INVALID_PARAMETER;
        }
    }
    return 0;
}

/* Step a write statement; on failure map the error for `verb` on the object. */
DWORD store_step_write(store_t *st, sqlite3_stmt *s, const char *verb, const NTMS_OBJECTINFORMATIONA *in,
                        DWORD on_fk)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        return 0;
    char what[128];
    return store_write_fail(st, rc, describe(what, sizeof what, verb, in->dwType, &in->ObjectGuid), on_fk);
}

/* --- insert ------------------------------------------------------------- */

static DWORD insert_common(store_t *st, const NTMS_OBJECTINFORMATIONA *in, sqlite3_int64 *seq)
{
    static const char sql[] = "INSERT INTO object(guid, type, name, description, created_ms, modified_ms, "
                              "enabled, operational_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_OBJ_INSERT, sql, &s);
    if (err)
        return err;

    int64_t now = wire_time_now_ms();
    int64_t created = wire_time_from_systemtime(&in->Created);
    int64_t modified = wire_time_from_systemtime(&in->Modified);
    uint8_t guid[16];
    store_bind_guid_in(s, 1, &in->ObjectGuid, guid);
    sqlite3_bind_int64(s, 2, in->dwType);
    bind_text(s, 3, in->szName, sizeof in->szName);
    bind_text(s, 4, in->szDescription, sizeof in->szDescription);
    sqlite3_bind_int64(s, 5, created ? created : now);
    sqlite3_bind_int64(s, 6, modified ? modified : now);
    sqlite3_bind_int64(s, 7, in->Enabled ? 1 : 0);
    sqlite3_bind_int64(s, 8, in->dwOperationalState);
    err = store_step_write(st, s, "inserting", in, ERROR_OBJECT_NOT_FOUND);
    *seq = sqlite3_last_insert_rowid(st->db);
    store_release(s);
    return err;
}

static DWORD insert_detail(store_t *st, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in,
                           sqlite3_int64 seq)
{
    sqlite3_stmt *s;
    DWORD err = detail_stmt(st, K_DETAIL_INSERT, build_insert, t, &s);
    if (err)
        return err;
    store_guid_slots_t keep;
    sqlite3_bind_int64(s, 1, seq);
    store_bind_guid_slot(s, 2, &in->ObjectGuid, keep, 0);
    int rc = store_bind_fields(s, 3, t, in, keep, 0);
    err = rc == SQLITE_OK ? store_step_write(st, s, "inserting", in, ERROR_OBJECT_NOT_FOUND)
                          : store_fail(st, rc, "binding a new object");
    store_release(s);
    return err;
}

/* Take back the object row of an insert whose detail row was refused. A
 * failed statement leaves nothing of itself, so the object row is all
 * there is to undo, and nothing can refer to it yet. When even this fails
 * the enclosing transaction is doomed, so that its commit rolls back. */
static void uninsert_common(store_t *st, sqlite3_int64 seq)
{
    if (sqlite3_get_autocommit(st->db))
        return; /* SQLite already rolled the whole transaction back */
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_OBJ_UNINSERT, "DELETE FROM object WHERE seq = ?1", &s);
    if (!err) {
        sqlite3_bind_int64(s, 1, seq);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_DONE)
            err = store_fail(st, rc, "taking back a refused insert");
        store_release(s);
    }
    if (err) {
        log_error("database %s: the transaction will roll back at its end", st->path);
        st->doomed = 1;
    }
}

/* The object row, then the detail row. Outside a transaction a savepoint
 * makes the two one. Inside one a savepoint would copy every page the
 * insert touches into the statement journal (nearly a third of the time of
 * a first inventory, which inserts 20,000 objects), so a refused detail row
 * is undone by deleting the object row again. Either way a failed insert
 * leaves nothing behind and the enclosing transaction usable. */
DWORD store_insert(store_t *st, const NTMS_OBJECTINFORMATIONA *in)
{
    const struct store_type *t;
    DWORD err = check_input(in, &t);
    if (err)
        return err;
    bool alone = st->depth == 0;
    if (alone && (err = store_op_begin(st)) != 0)
        return err;
    sqlite3_int64 seq = 0;
    err = insert_common(st, in, &seq);
    if (!err) {
        err = insert_detail(st, t, in, seq);
        if (err && !alone)
            uninsert_common(st, seq);
    }
    return alone ? store_op_end(st, err) : err;
}

/* --- read --------------------------------------------------------------- */

DWORD store_type_of(store_t *st, const NTMS_GUID *id, DWORD *type)
{
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_TYPE_OF, "SELECT type FROM object WHERE guid = ?1", &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *type = (DWORD)sqlite3_column_int64(s, 0);
    else
        err = rc == SQLITE_DONE ? ERROR_OBJECT_NOT_FOUND : store_fail(st, rc, "looking up an object's type");
    store_release(s);
    return err;
}

/* The common fields of `out` and the object's seq. */
static DWORD get_common(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out, sqlite3_int64 *seq)
{
    static const char sql[] = "SELECT seq, type, name, description, created_ms, modified_ms, enabled, "
                              "operational_state FROM object WHERE guid = ?1";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_OBJ_GET, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        out->dwType = (DWORD)sqlite3_column_int64(s, 1);
        column_text(s, 2, out->szName, sizeof out->szName);
        column_text(s, 3, out->szDescription, sizeof out->szDescription);
        wire_time_to_systemtime(sqlite3_column_int64(s, 4), &out->Created);
        wire_time_to_systemtime(sqlite3_column_int64(s, 5), &out->Modified);
        out->Enabled = sqlite3_column_int64(s, 6) != 0;
        out->dwOperationalState = (DWORD)sqlite3_column_int64(s, 7);
        out->ObjectGuid = *id;
    } else {
        err = rc == SQLITE_DONE ? ERROR_OBJECT_NOT_FOUND : store_fail(st, rc, "reading an object");
    }
    store_release(s);
    return err;
}

static DWORD get_detail(store_t *st, const struct store_type *t, sqlite3_int64 seq, bool counts,
                        NTMS_OBJECTINFORMATIONA *out)
{
    sqlite3_stmt *s;
    DWORD err = counts ? detail_stmt(st, K_DETAIL_GET, build_get, t, &s)
                       : detail_stmt(st, K_DETAIL_BRIEF, build_get_brief, t, &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, seq);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_fields(s, t, out);
    } else if (rc == SQLITE_DONE) {
        char g[37];
        log_error("database %s: %s %s has no %s row; run a consistency check", st->path, t->label,
                  guid_text(&out->ObjectGuid, g), t->table);
        err = ERROR_DATABASE_FAILURE;
    } else {
        err = store_fail(st, rc, "reading an object's details");
    }
    store_release(s);
    return err;
}

static DWORD get_object(store_t *st, const NTMS_GUID *id, bool counts, NTMS_OBJECTINFORMATIONA *out)
{
    if (id == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;

    sqlite3_int64 seq = 0;
    DWORD err = get_common(st, id, out, &seq);
    if (err)
        return err;
    const struct store_type *t = store_type_desc(out->dwType);
    if (t == NULL) {
        char g[37];
        log_error("database %s: object %s has unknown type %u", st->path, guid_text(id, g),
                  (unsigned)out->dwType);
        return ERROR_DATABASE_FAILURE;
    }
    return get_detail(st, t, seq, counts, out);
}

DWORD store_get(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out)
{
    return get_object(st, id, true, out);
}

DWORD store_get_brief(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out)
{
    return get_object(st, id, false, out);
}

/* --- update ------------------------------------------------------------- */

/* Modified moves forward on every update, even two in one millisecond, so
 * "has it changed since" questions get a true answer. Created never moves. */
static DWORD update_common(store_t *st, const NTMS_OBJECTINFORMATIONA *in)
{
    static const char sql[] = "UPDATE object SET name = ?2, description = ?3, enabled = ?4, "
                              "operational_state = ?5, modified_ms = max(?6, modified_ms + 1) "
                              "WHERE guid = ?1 AND type = ?7";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_OBJ_UPDATE, sql, &s);
    if (err)
        return err;
    uint8_t guid[16];
    store_bind_guid_in(s, 1, &in->ObjectGuid, guid);
    bind_text(s, 2, in->szName, sizeof in->szName);
    bind_text(s, 3, in->szDescription, sizeof in->szDescription);
    sqlite3_bind_int64(s, 4, in->Enabled ? 1 : 0);
    sqlite3_bind_int64(s, 5, in->dwOperationalState);
    sqlite3_bind_int64(s, 6, wire_time_now_ms());
    sqlite3_bind_int64(s, 7, in->dwType);
    err = store_step_write(st, s, "updating", in, ERROR_OBJECT_NOT_FOUND);
    int changed = sqlite3_changes(st->db);
    store_release(s);
    if (err || changed)
        return err;

    /* No row: either no such object, or it is of another type. */
    DWORD actual;
    err = store_type_of(st, &in->ObjectGuid, &actual);
    if (err)
        return err;
    char g[37];
    log_info("store: updating %s as a %s refused: it is a %s", guid_text(&in->ObjectGuid, g),
             store_type_label(in->dwType), store_type_label(actual));
    return ERROR_INVALID_PARAMETER;
}

DWORD store_update(store_t *st, const NTMS_OBJECTINFORMATIONA *in)
{
    const struct store_type *t;
    DWORD err = check_input(in, &t);
    if (err)
        return err;
    if ((err = store_op_begin(st)) != 0)
        return err;
    err = update_common(st, in);
    if (!err)
        err = store_update_detail(st, t, in);
    return store_op_end(st, err);
}

/* --- delete ------------------------------------------------------------- */

/* The detail row and the attributes go by ON DELETE CASCADE; a row that
 * still refers to the object makes the statement fail as a whole. */
DWORD store_delete(store_t *st, const NTMS_GUID *id)
{
    if (store_guid_is_null(id))
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_OBJ_DELETE, "DELETE FROM object WHERE guid = ?1", &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        err = sqlite3_changes(st->db) ? 0 : ERROR_OBJECT_NOT_FOUND;
    } else {
        char what[80], g[37];
        snprintf(what, sizeof what, "deleting object %s", guid_text(id, g));
        err = store_write_fail(st, rc, what, ERROR_NOT_EMPTY);
    }
    store_release(s);
    return err;
}

/* --- library <-> media type --------------------------------------------- */

DWORD store_add_library_media_type(store_t *st, const NTMS_GUID *library, const NTMS_GUID *media_type)
{
    static const char sql[] = "INSERT INTO library_media_type(library, media_type) VALUES (?1, ?2) "
                              "ON CONFLICT DO NOTHING";
    if (store_guid_is_null(library) || store_guid_is_null(media_type))
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_LINK_MEDIA_TYPE, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    store_bind_guid(s, 2, media_type);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_write_fail(st, rc, "adding a media type to a library", ERROR_OBJECT_NOT_FOUND);
    store_release(s);
    return err;
}

DWORD store_remove_library_media_type(store_t *st, const NTMS_GUID *library, const NTMS_GUID *media_type)
{
    static const char sql[] = "DELETE FROM library_media_type WHERE library = ?1 AND media_type = ?2";
    if (store_guid_is_null(library) || store_guid_is_null(media_type))
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_UNLINK_MEDIA_TYPE, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    store_bind_guid(s, 2, media_type);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_fail(st, rc, "removing a media type from a library");
    else if (sqlite3_changes(st->db) == 0)
        err = ERROR_OBJECT_NOT_FOUND;
    store_release(s);
    return err;
}
