/*
 * check.c - store_check: is the database whole and does it obey the model?
 *
 * Three layers, stopping at the first problem: SQLite's own integrity
 * check; the foreign keys (rows written while enforcement was off, or by
 * another tool); and the project's invariants, which later code relies on
 * and which the schema alone cannot express:
 *
 *   - every object row has exactly its type's detail row (same GUID and seq);
 *   - every side belongs to an existing physical medium, and a medium has
 *     as many sides as its media type's NumberOfSides;
 *   - every physical medium and logical medium is in exactly one pool that
 *     can hold media (an existing pool that is not the root pool);
 *   - the sides of a logical medium are on media in that logical medium's
 *     pool, and a medium's mounted side is one of its own sides;
 *   - the pool hierarchy has no cycles;
 *   - the media life cycle (daemon/model/media.c): a side belongs to a
 *     logical medium exactly when it is Allocated or Complete; every
 *     logical medium has a side; a side that is Allocated, Complete or
 *     Reserved is on a medium in an application pool; a Reserved side's
 *     medium has an Allocated or Complete side (the one NTMS_ALLOCATE_NEW
 *     took).
 *
 * "No side belongs to two logical media" needs no query: a side row has a
 * single logical_media column, so the schema cannot represent it.
 *
 * Each rule is a query that returns the text of its first violation, so
 * adding a rule is one entry in `rules`.
 */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "util/log.h"
#include "wire.h"

static const char *const rules[] = {
    "SELECT printf('side %s belongs to no physical media', rsm_guid(s.guid)) FROM side s "
    "WHERE NOT EXISTS (SELECT 1 FROM physical_media p WHERE p.guid = s.physical_media) LIMIT 1",

    "SELECT printf('physical media %s has no media type', rsm_guid(p.guid)) FROM physical_media p "
    "WHERE NOT EXISTS (SELECT 1 FROM media_type t WHERE t.guid = p.media_type) LIMIT 1",

    "SELECT printf('physical media %s has %d side(s) but its media type has %d', rsm_guid(g), n, want) "
    "FROM (SELECT p.guid AS g, t.number_of_sides AS want, "
    "      (SELECT count(*) FROM side s WHERE s.physical_media = p.guid) AS n "
    "      FROM physical_media p JOIN media_type t ON t.guid = p.media_type) "
    "WHERE n <> want LIMIT 1",

    "SELECT printf('physical media %s is in no media pool that can hold media', rsm_guid(p.guid)) "
    "FROM physical_media p LEFT JOIN media_pool mp ON mp.guid = p.media_pool "
    "WHERE mp.guid IS NULL OR mp.is_root LIMIT 1",

    "SELECT printf('logical media %s is in no media pool that can hold media', rsm_guid(l.guid)) "
    "FROM logical_media l LEFT JOIN media_pool mp ON mp.guid = l.media_pool "
    "WHERE mp.guid IS NULL OR mp.is_root LIMIT 1",

    "SELECT printf('side %s of logical media %s is on physical media %s, which is in another pool', "
    "              rsm_guid(s.guid), rsm_guid(l.guid), rsm_guid(p.guid)) "
    "FROM side s JOIN logical_media l ON l.guid = s.logical_media "
    "JOIN physical_media p ON p.guid = s.physical_media "
    "WHERE p.media_pool IS NOT l.media_pool LIMIT 1",

    "SELECT printf('physical media %s has side %s of another medium mounted', rsm_guid(p.guid), "
    "              rsm_guid(s.guid)) "
    "FROM physical_media p JOIN side s ON s.guid = p.mounted_partition "
    "WHERE s.physical_media IS NOT p.guid LIMIT 1",

    /* Walk up from every pool; finding the start again is a cycle. The
     * depth bound stops walks that enter a cycle not containing the start. */
    "WITH RECURSIVE up(start, at, depth) AS ("
    "  SELECT guid, parent, 1 FROM media_pool WHERE parent IS NOT NULL"
    "  UNION ALL"
    "  SELECT up.start, mp.parent, up.depth + 1 FROM up JOIN media_pool mp ON mp.guid = up.at"
    "  WHERE up.at IS NOT up.start AND mp.parent IS NOT NULL AND up.depth < 10000)"
    "SELECT printf('media pool %s is its own ancestor', rsm_guid(start)) FROM up "
    "WHERE at = start LIMIT 1",

    /* The media life cycle. The numbers are NTMS_PARTSTATE_ALLOCATED (5),
     * _COMPLETE (6) and _RESERVED (9), and NTMS_POOLTYPE_APPLICATION
     * (1000); the static assertions below keep them honest. */
    "SELECT printf('side %s is in state %d but %s', rsm_guid(guid), state, "
    "              CASE WHEN logical_media IS NULL THEN 'belongs to no logical media' "
    "                   ELSE 'belongs to a logical media' END) FROM side "
    "WHERE (logical_media IS NOT NULL) <> (state IN (5, 6)) LIMIT 1",

    "SELECT printf('logical media %s has no side', rsm_guid(l.guid)) FROM logical_media l "
    "WHERE NOT EXISTS (SELECT 1 FROM side s WHERE s.logical_media = l.guid) LIMIT 1",

    "SELECT printf('side %s is in state %d but physical media %s is not in an application pool', "
    "              rsm_guid(s.guid), s.state, rsm_guid(p.guid)) "
    "FROM side s JOIN physical_media p ON p.guid = s.physical_media "
    "JOIN media_pool mp ON mp.guid = p.media_pool "
    "WHERE s.state IN (5, 6, 9) AND mp.pool_type <> 1000 LIMIT 1",

    "SELECT printf('side %s is reserved but no side of physical media %s is allocated', "
    "              rsm_guid(s.guid), rsm_guid(s.physical_media)) FROM side s "
    "WHERE s.state = 9 AND NOT EXISTS (SELECT 1 FROM side o WHERE o.physical_media = s.physical_media "
    "                                  AND o.state IN (5, 6)) LIMIT 1",
};

_Static_assert(NTMS_PARTSTATE_ALLOCATED == 5 && NTMS_PARTSTATE_COMPLETE == 6 && NTMS_PARTSTATE_RESERVED == 9,
               "the life-cycle rules name these side states by number");
_Static_assert(NTMS_POOLTYPE_APPLICATION == 1000, "the life-cycle rules name the pool type by number");

/* rsm_guid(blob) -> "xxxxxxxx-xxxx-..." so problems name objects the way
 * the rest of rsmd and the rsm command do. */
static void sql_guid_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const void *p = sqlite3_value_blob(argv[0]);
    if (p == NULL || sqlite3_value_bytes(argv[0]) != 16) {
        sqlite3_result_text(ctx, "(no GUID)", -1, SQLITE_STATIC);
        return;
    }
    NTMS_GUID g;
    char text[37];
    wire_guid_from_bytes(p, &g);
    wire_guid_to_string(&g, text);
    sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

/* Run a query whose first row, if any, describes a problem. Returns 0 when
 * it yields no row (or the single row `ok`, for integrity_check), 1 with
 * `why` filled when it finds a problem, or an error code. */
static DWORD first_problem(store_t *st, const char *sql, const char *ok, char *why, size_t why_len,
                           int *found)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "preparing a consistency check");
    rc = sqlite3_step(s);
    DWORD err = 0;
    *found = 0;
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(s, 0);
        if (text == NULL)
            text = "(no detail)";
        if (ok == NULL || strcmp(text, ok) != 0) {
            *found = 1;
            snprintf(why, why_len, "%s", text);
        }
    } else if (rc != SQLITE_DONE) {
        err = store_fail(st, rc, "running a consistency check");
    }
    sqlite3_finalize(s);
    return err;
}

/* Object rows and detail rows of every type must pair up one to one. */
static DWORD check_detail_rows(store_t *st, char *why, size_t why_len, int *found)
{
    char sql[512], known[256] = "";
    size_t len = 0;
    DWORD err = 0;

    for (size_t i = 0; i < store_type_count() && !err && !*found; i++) {
        const struct store_type *t = store_type_at(i);
        len += (size_t)snprintf(known + len, sizeof known - len, "%s%u", i ? "," : "", (unsigned)t->type);

        snprintf(sql, sizeof sql,
                 "SELECT printf('%s %%s has no row in table %s', rsm_guid(o.guid)) FROM object o "
                 "WHERE o.type = %u AND NOT EXISTS "
                 "(SELECT 1 FROM %s d WHERE d.guid = o.guid AND d.seq = o.seq) LIMIT 1",
                 t->label, t->table, (unsigned)t->type, t->table);
        err = first_problem(st, sql, NULL, why, why_len, found);
        if (err || *found)
            break;
        snprintf(sql, sizeof sql,
                 "SELECT printf('row %%s of table %s belongs to an object of type %%d', rsm_guid(d.guid), "
                 "o.type) FROM %s d JOIN object o ON o.guid = d.guid "
                 "WHERE o.type <> %u OR o.seq <> d.seq LIMIT 1",
                 t->table, t->table, (unsigned)t->type);
        err = first_problem(st, sql, NULL, why, why_len, found);
    }
    if (err || *found)
        return err;
    snprintf(sql, sizeof sql,
             "SELECT printf('object %%s has unknown type %%d', rsm_guid(guid), type) FROM object "
             "WHERE type NOT IN (%s) LIMIT 1",
             known);
    return first_problem(st, sql, NULL, why, why_len, found);
}

static DWORD check_foreign_keys(store_t *st, char *why, size_t why_len, int *found)
{
    static const char sql[] = "SELECT printf('row %d of table %s refers to a missing row of %s', "
                              "rowid, \"table\", parent) FROM pragma_foreign_key_check LIMIT 1";
    return first_problem(st, sql, NULL, why, why_len, found);
}

DWORD store_check(store_t *st, char *why, size_t why_len)
{
    char problem[512] = "";
    const size_t n = sizeof problem;

    int rc = sqlite3_create_function(st->db, "rsm_guid", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                     sql_guid_text, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "registering the check functions");

    int found = 0;
    DWORD err = first_problem(st, "PRAGMA integrity_check", "ok", problem, n, &found);
    if (!err && !found)
        err = check_foreign_keys(st, problem, n, &found);
    if (!err && !found)
        err = check_detail_rows(st, problem, n, &found);
    for (size_t i = 0; !err && !found && i < sizeof rules / sizeof rules[0]; i++)
        err = first_problem(st, rules[i], NULL, problem, n, &found);

    if (why != NULL && why_len > 0)
        snprintf(why, why_len, "%s", found ? problem : "");
    if (err)
        return err;
    if (found) {
        log_error("database %s failed its consistency check: %s", st->path, problem);
        return ERROR_DATABASE_FAILURE;
    }
    return 0;
}
