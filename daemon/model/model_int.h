/*
 * model_int.h - what the files of daemon/model/ share and nobody else sees:
 * the media-type catalogue, GUID and string helpers, and the pool
 * classification every pool rule depends on.
 */
#ifndef RSM_MODEL_INT_H
#define RSM_MODEL_INT_H

#include <stddef.h>
#include <string.h>

#include "model.h"

/* --- the media-type catalogue (catalogue.c) ------------------------------ */

typedef struct model_media_type {
    const char *name;        /* szName: unique, what an operator reads */
    const char *description; /* szDescription */
    DWORD code;              /* MediaType: a STORAGE_MEDIA_TYPE code */
    DWORD sides;             /* NumberOfSides */
    DWORD rw;                /* ReadWriteCharacteristics: NTMS_MEDIARW_* */
    DWORD device;            /* DeviceType: FILE_DEVICE_* */
} model_media_type_t;

extern const model_media_type_t model_catalogue[];
extern const size_t model_catalogue_len;

/* Fill a zeroed record for catalogue entry `mt` (GUID and times left to the
 * caller and the store). */
void model_catalogue_record(const model_media_type_t *mt, NTMS_OBJECTINFORMATIONA *rec);

/* --- names of the system objects (firststart.c) -------------------------- */

#define MODEL_OFFLINE_LIBRARY_NAME "Offline Media"
/* The root pool is named "\\": a name no pool path segment can have, so
 * looking up a top-level pool by name never finds the root, and its full
 * name reads as the root of the pool paths. */
#define MODEL_ROOT_POOL_NAME "\\"
#define MODEL_FREE_POOL_NAME "Free"
#define MODEL_IMPORT_POOL_NAME "Import"
#define MODEL_UNRECOGNIZED_POOL_NAME "Unrecognized"

/* The Free, Import and Unrecognized pools of `media_type` (and the
 * top-level pools above them), each created when missing
 * (AddNtmsMediaType). */
DWORD model_ensure_type_pools(store_t *st, const NTMS_GUID *media_type);

/* Seconds completed requests stay queued before they are purged: three
 * days, the default the computer object starts with. */
#define MODEL_DEFAULT_PURGE_SECS 259200u

/* --- helpers (guid.c) ----------------------------------------------------- */

static inline int model_guid_eq(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}

/* NULL and GUID_NULL both mean "none" in the model. */
int model_guid_absent(const NTMS_GUID *g);

/* Length of the string in a fixed array of `cap` bytes, or -1 when no NUL
 * terminates it inside the array. */
long model_bounded_len(const char *s, size_t cap);

/* Copy `src` (already known to fit) into a fixed array, NUL-padded. */
void model_copy_name(char *dst, size_t cap, const char *src);

/* n fresh GUIDs (as model_new_guid) in the order the store sorts them, for
 * objects inserted in a batch (guid.c says why). */
void model_new_guids(NTMS_GUID *v, size_t n);

/* --- pools (pools.c) ------------------------------------------------------ */

/* Read a pool; ERROR_INVALID_MEDIA_POOL when `id` is unknown or is not a
 * pool (the code the pool functions document for both). */
DWORD model_read_pool(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *pool);

/* True for the pools RSM owns: the root pool and every Free, Import and
 * Unrecognized pool (top level or per media type). Only application pools
 * may be created under, renamed, retyped or deleted. */
int model_pool_is_system(const NTMS_OBJECTINFORMATIONA *pool);

/* Insert a pool with default policies (no draw from or return to Free,
 * dwMaxAllocates 0 = no limit). media_type and parent may be NULL. */
DWORD model_insert_pool(store_t *st, const char *name, DWORD pool_type, const NTMS_GUID *media_type,
                        const NTMS_GUID *parent, NTMS_GUID *out);

/* 0 when the pool holds no pools, media or sides; ERROR_NOT_EMPTY
 * otherwise. */
DWORD model_pool_check_empty(store_t *st, const NTMS_GUID *pool);

/* A valid single pool name (one path segment): 1 to
 * NTMS_OBJECTNAME_LENGTH-1 bytes, no backslash. */
int model_pool_segment_ok(const char *s, size_t len);

#endif
