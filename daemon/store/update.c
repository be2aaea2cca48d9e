/*
 * update.c - writing an object's detail row on store_update: only the
 * indexed columns whose value changes (store_int.h).
 *
 * An UPDATE that names a column rewrites every index on it, and checks
 * every foreign key from it, whether or not the value changed. Naming all
 * of a library request's columns rewrote its six indexes - and put their
 * pages in the WAL - on each change of its state. So the row is compared
 * first: one SELECT of "column IS new value" for every column. The UPDATE
 * then names the columns no index or foreign key names (writing them costs
 * nothing more once the row is written) and the indexed ones that changed;
 * a row where nothing changed is not written at all. What the row holds
 * afterwards is exactly what naming every column gave.
 *
 * Which columns are indexed is read from the schema (index key columns and
 * foreign-key columns) the first time a type is updated. A column missed
 * there (one named only in a partial index's WHERE) is simply always
 * written, as before. The UPDATE statements are kept per type and set of
 * changed indexed columns; few sets occur (a request's state, a medium's
 * place), and the oldest is dropped when the cache is full.
 */
#include "store_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define UPD_CACHE 48

struct store_upd {
    bool known[STORE_TYPE_SLOTS];
    uint64_t indexed[STORE_TYPE_SLOTS]; /* bit i: t->fields[i]'s column is indexed */
    struct variant {
        DWORD type;
        uint64_t names; /* the indexed fields this UPDATE names */
        sqlite3_stmt *s;
    } cache[UPD_CACHE];
    unsigned next; /* the slot to fill (and drop) next */
};

static bool stored(const struct store_field *f)
{
    return f->kind != FK_COUNT;
}

static uint64_t bit(size_t i)
{
    return i < 64 ? (uint64_t)1 << i : 0;
}

/* The fields of t whose column the schema names in an index key or a
 * foreign key. */
static DWORD read_indexed(store_t *st, const struct store_type *t, uint64_t *out)
{
    static const char sql[] = "SELECT ii.name FROM pragma_index_list(?1) il, pragma_index_info(il.name) ii "
                              "UNION SELECT \"from\" FROM pragma_foreign_key_list(?1)";
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

    *out = 0;
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "reading the indexes of a table");
    sqlite3_bind_text(s, 1, t->table, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *col = (const char *)sqlite3_column_text(s, 0);
        for (size_t i = 0; col != NULL && i < t->nfields; i++)
            if (stored(&t->fields[i]) && strcmp(t->fields[i].column, col) == 0)
                *out |= bit(i);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, rc, "reading the indexes of a table");
}

static DWORD indexed_fields(store_t *st, const struct store_type *t, uint64_t *out)
{
    struct store_upd *u = st->upd;
    DWORD err;

    if (t->type >= STORE_TYPE_SLOTS)
        return ERROR_DATABASE_FAILURE;
    if (!u->known[t->type]) {
        if ((err = read_indexed(st, t, &u->indexed[t->type])) != 0)
            return err;
        u->known[t->type] = true;
    }
    *out = u->indexed[t->type];
    return 0;
}

/* SELECT c1 IS ?2, c2 IS ?3 ... FROM t WHERE guid = ?1: 1 where the column
 * keeps its value. BINARY: a NOCASE column must still take "abc" over "ABC". */
static int build_same(const struct store_type *t, char *sql)
{
    size_t len = 0;
    int n = 2, rc = store_sql_append(sql, &len, "SELECT ");

    for (size_t i = 0; i < t->nfields; i++)
        if (stored(&t->fields[i]))
            rc |= store_sql_append(sql, &len, "%s%s IS ?%d COLLATE BINARY", n > 2 ? ", " : "", t->fields[i].column,
                                   n), n++;
    return rc | store_sql_append(sql, &len, " FROM %s WHERE guid = ?1", t->table);
}

/* The fields of `in` whose stored value differs from the row's (*found: the
 * row exists). */
static DWORD changed_fields(store_t *st, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in,
                            uint64_t *changed, bool *found)
{
    sqlite3_stmt *s = store_cached(st, K_DETAIL_SAME + t->type);
    store_guid_slots_t keep;
    char sql[SQL_MAX];
    DWORD err = 0;
    int rc;

    if (s == NULL) {
        if (build_same(t, sql) != 0) {
            log_error("store: generated SQL for %s is too long", t->table);
            return ERROR_DATABASE_FAILURE;
        }
        if ((err = store_prepare(st, K_DETAIL_SAME + t->type, sql, &s)) != 0)
            return err;
    }
    store_bind_guid_slot(s, 1, &in->ObjectGuid, keep, 0);
    rc = store_bind_fields(s, 2, t, in, keep, 0);
    *changed = 0;
    *found = false;
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        *found = true;
        for (size_t i = 0, col = 0; i < t->nfields; i++)
            if (stored(&t->fields[i]) && sqlite3_column_int(s, (int)col++) == 0)
                *changed |= i < 64 ? bit(i) : ~(uint64_t)0;
    } else if (rc != SQLITE_DONE) {
        err = store_fail(st, rc, "comparing an object with its row");
    }
    store_release(s);
    return err;
}

/* UPDATE t SET (every unindexed column, the indexed ones in `names`)
 * WHERE guid = ?1, numbered as store_bind_fields numbers them. *empty: the
 * statement would name no column. */
static int build_update(const struct store_type *t, uint64_t indexed, uint64_t names, char *sql, bool *empty)
{
    size_t len = 0;
    int n = 2, first = 1, rc = store_sql_append(sql, &len, "UPDATE %s SET ", t->table);

    for (size_t i = 0; i < t->nfields; i++) {
        if (!stored(&t->fields[i]))
            continue;
        if (!(indexed & bit(i)) || (names & bit(i))) {
            rc |= store_sql_append(sql, &len, "%s%s = ?%d", first ? "" : ", ", t->fields[i].column, n);
            first = 0;
        }
        n++;
    }
    *empty = first;
    return rc | store_sql_append(sql, &len, " WHERE guid = ?1");
}

/* The kept UPDATE of t naming the indexed fields `names`, prepared on
 * first use; NULL with err 0 when it would name no column. */
static DWORD update_stmt(store_t *st, const struct store_type *t, uint64_t indexed, uint64_t names,
                         sqlite3_stmt **out)
{
    struct store_upd *u = st->upd;
    struct variant *v;
    char sql[SQL_MAX];
    bool empty;
    int rc;

    *out = NULL;
    for (unsigned i = 0; i < UPD_CACHE; i++) {
        if (u->cache[i].s != NULL && u->cache[i].type == t->type && u->cache[i].names == names) {
            *out = u->cache[i].s;
            return 0;
        }
    }
    if (build_update(t, indexed, names, sql, &empty) != 0) {
        log_error("store: generated SQL for %s is too long", t->table);
        return ERROR_DATABASE_FAILURE;
    }
    if (empty)
        return 0;
    v = &u->cache[u->next];
    u->next = (u->next + 1) % UPD_CACHE;
    sqlite3_finalize(v->s);
    v->s = NULL;
    rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &v->s, NULL);
    if (rc != SQLITE_OK) {
        log_error("store: cannot prepare \"%s\": %s", sql, sqlite3_errmsg(st->db));
        v->s = NULL;
        return store_fail(st, rc, "preparing an update");
    }
    v->type = t->type;
    v->names = names;
    *out = v->s;
    return 0;
}

DWORD store_update_detail(store_t *st, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in)
{
    uint64_t indexed, changed;
    store_guid_slots_t keep;
    sqlite3_stmt *s;
    bool found;
    DWORD err;
    int rc;

    if (st->upd == NULL && (st->upd = calloc(1, sizeof *st->upd)) == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    if ((err = indexed_fields(st, t, &indexed)) != 0 || (err = changed_fields(st, t, in, &changed, &found)) != 0)
        return err;
    if (!found || changed == 0)
        return 0; /* as the UPDATE of a missing or equal row: nothing written */
    if ((err = update_stmt(st, t, indexed, changed & indexed, &s)) != 0 || s == NULL)
        return err;
    store_bind_guid_slot(s, 1, &in->ObjectGuid, keep, 0);
    rc = store_bind_fields(s, 2, t, in, keep, indexed & ~changed);
    err = rc == SQLITE_OK ? store_step_write(st, s, "updating", in, ERROR_OBJECT_NOT_FOUND)
                          : store_fail(st, rc, "binding an object");
    store_release(s);
    return err;
}

void store_update_free(store_t *st)
{
    if (st->upd == NULL)
        return;
    for (unsigned i = 0; i < UPD_CACHE; i++)
        sqlite3_finalize(st->upd->cache[i].s);
    free(st->upd);
    st->upd = NULL;
}
