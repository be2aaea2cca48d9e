/*
 * pools.c - media pool names and lifetimes: GetNtmsMediaPoolName,
 * CreateNtmsMediaPool, DeleteNtmsMediaPool.
 *
 * Pools form a tree addressed by paths like file names, "MyApp\Pool1"
 * (CreateNtmsMediaPool reference). RSM owns the root pool and the Free,
 * Import and Unrecognized pools with their per-media-type sub-pools; callers
 * own application pools. The rules, and the codes chosen where the pages
 * leave room:
 *   - A path may start with one backslash; its segments are 1 to
 *     NTMS_OBJECTNAME_LENGTH-1 bytes; an empty segment ("A\\B", a trailing
 *     backslash, "") or a path of NTMS_POOLHIERARCHY_LENGTH bytes or more is
 *     ERROR_INVALID_NAME.
 *   - Every level but the last must exist (ERROR_OBJECT_NOT_FOUND), as each
 *     level "must be created individually".
 *   - Names are unique among siblings, compared without case; the reference's
 *     "unique within the database" is read as unique full paths, since RSM
 *     itself has Free\LTO-8 beside Import\LTO-8.
 *   - The system pools "cannot be created with CreateNtmsMediaPool": opening
 *     them is fine, and adding a pool under one is ERROR_ACCESS_DENIED (no
 *     caller holds the right to change what RSM manages).
 *   - "Only the end-point of the name contains media and policy": a pool
 *     with a media type cannot hold pools, so creating under one is
 *     ERROR_INVALID_PARAMETER; a pool without one holds only pools.
 *   - New pools are NTMS_POOLTYPE_APPLICATION with the documented defaults:
 *     no draw from Free, no return to Free, and dwMaxAllocates 0, which this
 *     implementation reads as "no limit" (the docs give no default).
 *   - Deleting: unknown GUIDs, non-pools and system pools are
 *     ERROR_INVALID_MEDIA_POOL; a pool holding pools, media or sides is
 *     ERROR_NOT_EMPTY.
 *   - GetNtmsMediaPoolName returns the path without a leading backslash
 *     ("Free\LTO-8"): the page shows no form, and this one is what
 *     CreateNtmsMediaPool accepts back unchanged.
 */
#include <stdlib.h>

#include "model_int.h"
#include "util/log.h"

/* Pool trees are shallow; a chain longer than this is a corrupt database
 * (a parent loop), not a name. */
#define MODEL_MAX_POOL_DEPTH 64

DWORD model_read_pool(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *pool)
{
    DWORD rc;

    if (id == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_get(st, id, pool);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && pool->dwType != NTMS_MEDIA_POOL))
        return ERROR_INVALID_MEDIA_POOL;
    return rc;
}

int model_pool_is_system(const NTMS_OBJECTINFORMATIONA *pool)
{
    return pool->Info.MediaPool.PoolType != NTMS_POOLTYPE_APPLICATION;
}

int model_pool_segment_ok(const char *s, size_t len)
{
    return len > 0 && len < NTMS_OBJECTNAME_LENGTH && memchr(s, '\\', len) == NULL;
}

DWORD model_insert_pool(store_t *st, const char *name, DWORD pool_type, const NTMS_GUID *media_type,
                        const NTMS_GUID *parent, NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc;

    memset(&rec, 0, sizeof(rec));
    rec.dwSize = sizeof(rec);
    rec.dwType = NTMS_MEDIA_POOL;
    rec.Enabled = TRUE;
    rec.dwOperationalState = NTMS_READY;
    model_new_guid(&rec.ObjectGuid);
    model_copy_name(rec.szName, sizeof(rec.szName), name);
    rec.Info.MediaPool.PoolType = pool_type;
    if (!model_guid_absent(media_type))
        rec.Info.MediaPool.MediaType = *media_type;
    if (!model_guid_absent(parent))
        rec.Info.MediaPool.Parent = *parent;
    rc = store_insert(st, &rec);
    if (rc == 0)
        *out = rec.ObjectGuid;
    return rc;
}

/* --- GetNtmsMediaPoolName ------------------------------------------------- */

/* The names from `pool` up to its top-level ancestor, leaf first. */
static DWORD collect_names(store_t *st, const NTMS_GUID *pool, char names[][NTMS_OBJECTNAME_LENGTH],
                           size_t *depth)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_GUID parent;
    DWORD rc = model_read_pool(st, pool, &rec);

    for (*depth = 0; rc == 0;) {
        model_copy_name(names[(*depth)++], NTMS_OBJECTNAME_LENGTH, rec.szName);
        if (model_guid_absent(&rec.Info.MediaPool.Parent))
            return 0;
        if (*depth == MODEL_MAX_POOL_DEPTH) {
            log_error("pool name: parent chain deeper than %d; database damaged", MODEL_MAX_POOL_DEPTH);
            return ERROR_DATABASE_FAILURE;
        }
        parent = rec.Info.MediaPool.Parent; /* store_get overwrites rec */
        rc = store_get(st, &parent, &rec);
        if (rc == ERROR_OBJECT_NOT_FOUND) {
            log_error("pool name: pool \"%s\" has a missing parent; database damaged", names[*depth - 1]);
            rc = ERROR_DATABASE_FAILURE;
        }
    }
    return rc;
}

DWORD model_pool_name(store_t *st, const principal_t *who, const NTMS_GUID *pool, char **name)
{
    char names[MODEL_MAX_POOL_DEPTH][NTMS_OBJECTNAME_LENGTH];
    size_t depth, total = 0;
    DWORD rc;
    char *p;

    (void)who;
    if (st == NULL || pool == NULL || name == NULL)
        return ERROR_INVALID_PARAMETER;
    *name = NULL;
    rc = collect_names(st, pool, names, &depth);
    if (rc == ERROR_INVALID_MEDIA_POOL)
        log_info("pool name: no such media pool");
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < depth; i++)
        total += strlen(names[i]) + 1;
    p = *name = malloc(total);
    if (p == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = depth; i-- > 0;) {
        size_t n = strlen(names[i]);

        memcpy(p, names[i], n);
        p += n;
        *p++ = i > 0 ? '\\' : '\0';
    }
    return 0;
}

/* --- CreateNtmsMediaPool -------------------------------------------------- */

/* A path is well formed: optional leading backslash, then segments that
 * each pass model_pool_segment_ok. *body is set past the backslash. */
static DWORD check_path(const char *path, const char **body)
{
    size_t total = strnlen(path, NTMS_POOLHIERARCHY_LENGTH);
    const char *s;

    if (total >= NTMS_POOLHIERARCHY_LENGTH)
        return ERROR_INVALID_NAME;
    s = path[0] == '\\' ? path + 1 : path;
    *body = s;
    for (;;) {
        const char *end = strchr(s, '\\');
        size_t len = end ? (size_t)(end - s) : strlen(s);

        if (!model_pool_segment_ok(s, len))
            return ERROR_INVALID_NAME;
        if (end == NULL)
            return 0;
        s = end + 1;
    }
}

/* Copy the next segment of a checked path into seg; returns 1 if more
 * segments follow. */
static int next_segment(const char **cursor, char seg[NTMS_OBJECTNAME_LENGTH])
{
    const char *end = strchr(*cursor, '\\');
    size_t len = end ? (size_t)(end - *cursor) : strlen(*cursor);

    memcpy(seg, *cursor, len);
    seg[len] = '\0';
    *cursor = end ? end + 1 : *cursor + len;
    return end != NULL;
}

static DWORD check_media_type(store_t *st, const NTMS_GUID *media_type)
{
    DWORD type;
    DWORD rc;

    if (model_guid_absent(media_type))
        return 0;
    rc = store_type_of(st, media_type, &type);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && type != NTMS_MEDIA_TYPE)) {
        log_info("create pool: the media type given is not a media type");
        return ERROR_INVALID_MEDIA;
    }
    return rc;
}

/* The last existing level of a path may receive a new pool only if it is an
 * application pool of pools. */
static DWORD check_new_parent(store_t *st, const NTMS_GUID *parent, const char *name)
{
    NTMS_OBJECTINFORMATIONA p;
    DWORD rc;

    if (parent == NULL)
        return 0;
    rc = store_get(st, parent, &p);
    if (rc != 0)
        return rc;
    if (model_pool_is_system(&p)) {
        log_info("create pool \"%s\": refused under system pool \"%s\"", name, p.szName);
        return ERROR_ACCESS_DENIED;
    }
    if (!model_guid_absent(&p.Info.MediaPool.MediaType)) {
        log_info("create pool \"%s\": parent \"%s\" holds media, not pools", name, p.szName);
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

/* Resolve every level of a checked path but the last into `parent`
 * (has_parent 0: the last level is top-level); a missing level is
 * ERROR_OBJECT_NOT_FOUND. Then look the last level up: *exists tells
 * whether it is there, and `found` is its GUID. */
static DWORD resolve_path(store_t *st, const char *body, char last[NTMS_OBJECTNAME_LENGTH],
                          NTMS_GUID *parent, int *has_parent, NTMS_GUID *found, int *exists)
{
    const char *cursor = body;
    DWORD rc;

    *has_parent = 0;
    *exists = 0;
    while (next_segment(&cursor, last)) {
        rc = store_find_pool(st, *has_parent ? parent : NULL, last, parent);
        if (rc == ERROR_OBJECT_NOT_FOUND)
            log_info("create pool \"%s\": level \"%s\" does not exist", body, last);
        if (rc != 0)
            return rc;
        *has_parent = 1;
    }
    rc = store_find_pool(st, *has_parent ? parent : NULL, last, found);
    if (rc == ERROR_OBJECT_NOT_FOUND)
        return 0;
    *exists = rc == 0;
    return rc;
}

static DWORD create_pool_tx(store_t *st, const char *name, const char *body, const NTMS_GUID *media_type,
                            DWORD action, NTMS_GUID *out, int *created)
{
    char last[NTMS_OBJECTNAME_LENGTH];
    NTMS_GUID parent = {0}, found;
    int has_parent, exists;
    DWORD rc = resolve_path(st, body, last, &parent, &has_parent, &found, &exists);

    if (rc != 0)
        return rc;
    if (exists) {
        if (action == NTMS_CREATE_NEW) {
            log_info("create pool \"%s\": already exists", name);
            return ERROR_ALREADY_EXISTS;
        }
        *out = found;
        return 0;
    }
    if (action == NTMS_OPEN_EXISTING) {
        log_info("open pool \"%s\": no such pool", name);
        return ERROR_OBJECT_NOT_FOUND;
    }
    rc = check_new_parent(st, has_parent ? &parent : NULL, name);
    if (rc == 0)
        rc = model_insert_pool(st, last, NTMS_POOLTYPE_APPLICATION, media_type,
                               has_parent ? &parent : NULL, out);
    if (rc == 0) {
        *created = 1;
        log_info("created media pool \"%s\"", name);
    }
    return rc;
}

DWORD model_create_pool(store_t *st, const principal_t *who, const char *name,
                        const NTMS_GUID *media_type, DWORD action, NTMS_GUID *out, int *created)
{
    const char *body;
    int made = 0;
    DWORD rc;

    (void)who;
    if (st == NULL || name == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    if (action != NTMS_OPEN_EXISTING && action != NTMS_CREATE_NEW && action != NTMS_OPEN_ALWAYS) {
        log_info("create pool: action %lu is not OPEN_EXISTING, CREATE_NEW or OPEN_ALWAYS",
                 (unsigned long)action);
        return ERROR_INVALID_PARAMETER;
    }
    rc = check_path(name, &body);
    if (rc != 0) {
        log_info("create pool: invalid name \"%.*s\"", NTMS_POOLHIERARCHY_LENGTH, name);
        return rc;
    }
    rc = store_begin(st);
    if (rc != 0)
        return rc;
    rc = check_media_type(st, media_type);
    if (rc == 0)
        rc = create_pool_tx(st, name, body, media_type, action, out, &made);
    if (rc == 0)
        rc = store_commit(st);
    else
        store_rollback(st);
    if (created != NULL)
        *created = rc == 0 && made;
    return rc;
}

/* --- DeleteNtmsMediaPool -------------------------------------------------- */

/* What a pool can hold; any of them makes it not empty. */
static const DWORD pool_contents[] = {
    NTMS_MEDIA_POOL, NTMS_PHYSICAL_MEDIA, NTMS_LOGICAL_MEDIA, NTMS_PARTITION,
};

DWORD model_pool_check_empty(store_t *st, const NTMS_GUID *pool)
{
    for (size_t i = 0; i < sizeof(pool_contents) / sizeof(pool_contents[0]); i++) {
        size_t n;
        DWORD rc = store_count(st, pool, pool_contents[i], &n);

        if (rc != 0)
            return rc;
        if (n > 0)
            return ERROR_NOT_EMPTY;
    }
    return 0;
}

static DWORD delete_pool_tx(store_t *st, const NTMS_GUID *pool)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc = model_read_pool(st, pool, &rec);

    if (rc == ERROR_INVALID_MEDIA_POOL)
        log_info("delete pool: no such media pool");
    if (rc != 0)
        return rc;
    if (model_pool_is_system(&rec)) {
        log_info("delete pool \"%s\": refused, it is a system pool", rec.szName);
        return ERROR_INVALID_MEDIA_POOL;
    }
    rc = model_pool_check_empty(st, pool);
    if (rc == ERROR_NOT_EMPTY)
        log_info("delete pool \"%s\": refused, it is not empty", rec.szName);
    if (rc == 0)
        rc = store_delete(st, pool);
    if (rc == 0)
        log_info("deleted media pool \"%s\"", rec.szName);
    return rc;
}

DWORD model_delete_pool(store_t *st, const principal_t *who, const NTMS_GUID *pool)
{
    DWORD rc;

    (void)who;
    if (st == NULL || pool == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_begin(st);
    if (rc != 0)
        return rc;
    rc = delete_pool_tx(st, pool);
    if (rc == 0)
        rc = store_commit(st);
    else
        store_rollback(st);
    return rc;
}
