/*
 * enumerate.c - lists and counts of objects by container
 * (EnumerateNtmsObject), and the single-answer lookups the model needs
 * (a pool by name, a system pool, a media type, the root pool, the
 * computer).
 *
 * The container relations are one table: for each (object type, container
 * type) pair the FROM clause that selects the members, with `x` the member's
 * detail row and ?1 the container's GUID. The list and the count of a
 * relation are generated from the same clause, so they cannot disagree.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

/* A container type of NTMS_UNKNOWN stands for the NULL container. */
static const struct relation {
    DWORD type;
    DWORD container;
    const char *from;
} relations[] = {
    {NTMS_CHANGER, NTMS_UNKNOWN, "changer x"},
    {NTMS_CHANGER, NTMS_LIBRARY, "changer x WHERE x.library = ?1"},
    {NTMS_CHANGER_TYPE, NTMS_UNKNOWN, "changer_type x"},
    {NTMS_COMPUTER, NTMS_UNKNOWN, "computer x"},
    {NTMS_DRIVE, NTMS_UNKNOWN, "drive x"},
    {NTMS_DRIVE, NTMS_LIBRARY, "drive x WHERE x.library = ?1"},
    {NTMS_DRIVE_TYPE, NTMS_UNKNOWN, "drive_type x"},
    {NTMS_IEDOOR, NTMS_UNKNOWN, "ie_door x"},
    {NTMS_IEDOOR, NTMS_LIBRARY, "ie_door x WHERE x.library = ?1"},
    {NTMS_IEPORT, NTMS_UNKNOWN, "ie_port x"},
    {NTMS_IEPORT, NTMS_LIBRARY, "ie_port x WHERE x.library = ?1"},
    {NTMS_LIBRARY, NTMS_UNKNOWN, "library x"},
    {NTMS_LIBREQUEST, NTMS_UNKNOWN, "lib_request x"},
    {NTMS_LIBREQUEST, NTMS_LIBRARY, "lib_request x WHERE x.library = ?1"},
    {NTMS_LOGICAL_MEDIA, NTMS_UNKNOWN, "logical_media x"},
    {NTMS_LOGICAL_MEDIA, NTMS_MEDIA_POOL, "logical_media x WHERE x.media_pool = ?1"},
    {NTMS_LOGICAL_MEDIA, NTMS_PARTITION,
     "logical_media x WHERE x.guid = (SELECT logical_media FROM side WHERE guid = ?1)"},
    /* NULL lists the top-level pools; the root pool only ever comes
     * through store_root_pool (NTMS_ENUM_ROOTPOOL). */
    {NTMS_MEDIA_POOL, NTMS_UNKNOWN, "media_pool x WHERE x.parent IS NULL AND NOT x.is_root"},
    {NTMS_MEDIA_POOL, NTMS_MEDIA_POOL, "media_pool x WHERE x.parent = ?1"},
    {NTMS_MEDIA_TYPE, NTMS_UNKNOWN, "media_type x"},
    {NTMS_MEDIA_TYPE, NTMS_LIBRARY,
     "media_type x WHERE x.guid IN (SELECT media_type FROM library_media_type WHERE library = ?1)"},
    {NTMS_OPREQUEST, NTMS_UNKNOWN, "op_request x"},
    {NTMS_PARTITION, NTMS_UNKNOWN, "side x"},
    {NTMS_PARTITION, NTMS_PHYSICAL_MEDIA, "side x WHERE x.physical_media = ?1"},
    {NTMS_PARTITION, NTMS_LOGICAL_MEDIA, "side x WHERE x.logical_media = ?1"},
    {NTMS_PARTITION, NTMS_MEDIA_POOL,
     "side x WHERE x.physical_media IN (SELECT guid FROM physical_media WHERE media_pool = ?1)"},
    {NTMS_PHYSICAL_MEDIA, NTMS_UNKNOWN, "physical_media x"},
    {NTMS_PHYSICAL_MEDIA, NTMS_LIBRARY, "physical_media x WHERE x.current_library = ?1"},
    {NTMS_PHYSICAL_MEDIA, NTMS_MEDIA_POOL, "physical_media x WHERE x.media_pool = ?1"},
    {NTMS_STORAGESLOT, NTMS_UNKNOWN, "storage_slot x"},
    {NTMS_STORAGESLOT, NTMS_LIBRARY, "storage_slot x WHERE x.library = ?1"},
};
#define NRELATIONS (sizeof relations / sizeof relations[0])

_Static_assert(NRELATIONS <= STORE_TYPE_SLOTS, "statement cache has a slot per relation");

void guid_list_free(guid_list_t *l)
{
    if (l == NULL)
        return;
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static DWORD guid_list_push(guid_list_t *l, const NTMS_GUID *g)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        NTMS_GUID *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            log_error("store: out of memory listing %zu objects", l->n);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *g;
    return 0;
}

DWORD store_collect_guids(store_t *st, sqlite3_stmt *s, guid_list_t *out, const char *what)
{
    int rc;

    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        NTMS_GUID g;
        store_column_guid(s, 0, &g);
        if (guid_list_push(out, &g) != 0) {
            log_error("store: out of memory listing %s", what);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    return rc == SQLITE_DONE ? 0 : store_fail(st, rc, what);
}

/* The relation for listing `type` in `container` (NULL or GUID_NULL: every
 * object); ERROR_OBJECT_NOT_FOUND for an unknown container,
 * ERROR_INVALID_PARAMETER when it cannot hold objects of `type`. */
static DWORD find_relation(store_t *st, const NTMS_GUID *container, DWORD type, size_t *rel)
{
    DWORD ctype = NTMS_UNKNOWN;
    if (!store_guid_is_null(container)) {
        DWORD err = store_type_of(st, container, &ctype);
        if (err)
            return err;
    }
    for (size_t i = 0; i < NRELATIONS; i++) {
        if (relations[i].type == type && relations[i].container == ctype) {
            *rel = i;
            return 0;
        }
    }
    if (ctype == NTMS_UNKNOWN)
        log_info("store: objects of type %u cannot be listed", (unsigned)type);
    else
        log_info("store: objects of type %u are not listed by %s containers", (unsigned)type,
                 store_type_label(ctype));
    return ERROR_INVALID_PARAMETER;
}

/* The cached list (K_ENUM) or count (K_COUNT) statement of a relation, with
 * the container bound. */
static DWORD relation_stmt(store_t *st, unsigned base, size_t rel, const NTMS_GUID *container,
                           sqlite3_stmt **out)
{
    unsigned key = base + (unsigned)rel;
    if ((*out = store_cached(st, key)) == NULL) {
        char sql[512];
        const char *shape = base == K_ENUM ? "SELECT x.guid FROM %s ORDER BY x.seq"
                                           : "SELECT count(*) FROM %s";
        snprintf(sql, sizeof sql, shape, relations[rel].from);
        DWORD err = store_prepare(st, key, sql, out);
        if (err)
            return err;
    }
    if (relations[rel].container != NTMS_UNKNOWN)
        store_bind_guid(*out, 1, container);
    return 0;
}

DWORD store_enumerate(store_t *st, const NTMS_GUID *container, DWORD type, guid_list_t *out)
{
    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    size_t rel;
    sqlite3_stmt *s;
    DWORD err = find_relation(st, container, type, &rel);
    if (!err)
        err = relation_stmt(st, K_ENUM, rel, container, &s);
    if (err)
        return err;

    out->n = 0;
    int rc = SQLITE_DONE;
    while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        NTMS_GUID g;
        store_column_guid(s, 0, &g);
        err = guid_list_push(out, &g);
    }
    if (!err && rc != SQLITE_DONE)
        err = store_fail(st, rc, "enumerating objects");
    store_release(s);
    if (err)
        out->n = 0;
    return err;
}

DWORD store_count(store_t *st, const NTMS_GUID *container, DWORD type, size_t *count)
{
    if (count == NULL)
        return ERROR_INVALID_PARAMETER;
    size_t rel;
    sqlite3_stmt *s;
    DWORD err = find_relation(st, container, type, &rel);
    if (!err)
        err = relation_stmt(st, K_COUNT, rel, container, &s);
    if (err)
        return err;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(s, 0);
    else
        err = store_fail(st, rc, "counting objects");
    store_release(s);
    return err;
}

/* --- lookups ------------------------------------------------------------ */

/* The ifnull() expression is the one of the media_pool_sibling_name index,
 * so the lookup is an index seek. */
DWORD store_find_pool(store_t *st, const NTMS_GUID *parent, const char *name, NTMS_GUID *out)
{
    static const char sql[] = "SELECT guid FROM media_pool WHERE ifnull(parent, x'') = ifnull(?1, x'') "
                              "AND name = ?2";
    if (name == NULL)
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_FIND_POOL, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, parent);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    return store_step_guid(st, s, out, "looking up a media pool");
}

DWORD store_find_system_pool(store_t *st, DWORD pool_type, const NTMS_GUID *media_type, NTMS_GUID *out)
{
    static const char sql[] = "SELECT guid FROM media_pool WHERE is_system AND pool_type = ?1 "
                              "AND media_type IS ?2 ORDER BY seq LIMIT 1";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_FIND_SYSTEM_POOL, sql, &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, pool_type);
    store_bind_guid(s, 2, media_type);
    return store_step_guid(st, s, out, "looking up a system media pool");
}

DWORD store_find_media_type(store_t *st, DWORD code, const char *name, NTMS_GUID *out)
{
    static const char sql[] = "SELECT t.guid FROM media_type t JOIN object o ON o.guid = t.guid "
                              "WHERE (?1 = 0 OR t.media_type = ?1) AND (?2 IS NULL OR o.name = ?2) "
                              "ORDER BY t.seq LIMIT 1";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_FIND_MEDIA_TYPE, sql, &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, code);
    if (name != NULL)
        sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    return store_step_guid(st, s, out, "looking up a media type");
}

DWORD store_root_pool(store_t *st, NTMS_GUID *out)
{
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_ROOT_POOL, "SELECT guid FROM media_pool WHERE is_root", &s);
    return err ? err : store_step_guid(st, s, out, "looking up the root media pool");
}

DWORD store_computer(store_t *st, NTMS_GUID *out)
{
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_COMPUTER, "SELECT guid FROM computer", &s);
    return err ? err : store_step_guid(st, s, out, "looking up the computer object");
}
