/*
 * store.h - the database: every SQL statement of rsmd lives behind this API.
 *
 * The store keeps the object world in SQLite (WAL, foreign keys on, schema
 * version in PRAGMA user_version). Records cross this API as the API's own
 * NTMS_OBJECTINFORMATIONA, so the model and the wire speak one type. The
 * store enforces what the schema can (keys, references, uniqueness); the
 * rules of the NTMS model (which fields a caller may change, which pools may
 * be deleted) live in daemon/model/.
 *
 * All functions return a Win32 error code: 0 on success, ERROR_OBJECT_NOT_FOUND
 * for an unknown GUID, ERROR_DATABASE_FAILURE (logged with SQLite's message)
 * when SQLite fails, ERROR_DATABASE_FULL when the disk is full.
 *
 * Threading: a store_t is used by one thread at a time (the event loop).
 */
#ifndef RSM_STORE_H
#define RSM_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

typedef struct store store_t;

/* The schema version this build writes. A database with a higher
 * user_version is refused by store_open with a clear log line. */
#define STORE_SCHEMA_VERSION 3

/* Open (creating if absent) the database at `path`, creating or upgrading the
 * schema. ":memory:" works for tests. Refuses a newer schema with
 * ERROR_DATABASE_FAILURE and a log line naming both versions. */
DWORD store_open(const char *path, store_t **out);
void store_close(store_t *st);

/* One transaction around several calls. Nested begin calls are counted, and
 * only the outermost commit commits; a rollback at any depth rolls back the
 * whole transaction at the outermost end. */
DWORD store_begin(store_t *st);
DWORD store_commit(store_t *st);
void store_rollback(store_t *st);

/* --- objects ----------------------------------------------------------- */

/* Insert a new object. in->ObjectGuid must be set (model_new_guid), in->dwType
 * selects the detail table, and Created/Modified are set to now when zero.
 * References inside the union (library, pool, media type ...) must exist. */
DWORD store_insert(store_t *st, const NTMS_OBJECTINFORMATIONA *in);

/* Read one object, with its derived counts (media in a pool, drives in a
 * library ...) computed. Returns ERROR_OBJECT_NOT_FOUND for an unknown GUID. */
DWORD store_get(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out);

/* The object type of a GUID, or ERROR_OBJECT_NOT_FOUND. */
DWORD store_type_of(store_t *st, const NTMS_GUID *id, DWORD *type);

/* Write every stored field of an existing object from `in` (the model has
 * already decided which fields the caller may change) and bump Modified. */
DWORD store_update(store_t *st, const NTMS_OBJECTINFORMATIONA *in);

/* Delete an object (its attributes go with it). Fails with ERROR_NOT_EMPTY
 * when other objects still refer to it. */
DWORD store_delete(store_t *st, const NTMS_GUID *id);

/* A growable list of GUIDs. */
typedef struct guid_list {
    NTMS_GUID *v;
    size_t n, cap;
} guid_list_t;
void guid_list_free(guid_list_t *l);

/* Objects of `type` inside `container` (NULL: every object of that type,
 * except that media pools with a NULL container are only the top-level
 * pools). The container's kind decides the relation, per the table on the
 * EnumerateNtmsObject reference page (drives of a library, media of a pool,
 * sides of a physical or logical medium, ...). Results are in creation order.
 * ERROR_OBJECT_NOT_FOUND when the container does not exist,
 * ERROR_INVALID_PARAMETER when it is not a valid container for `type`. */
DWORD store_enumerate(store_t *st, const NTMS_GUID *container, DWORD type, guid_list_t *out);

/* Count of objects of `type` inside `container`, as store_enumerate would
 * list them, without building the list. */
DWORD store_count(store_t *st, const NTMS_GUID *container, DWORD type, size_t *count);

/* --- which media types a library handles (AddNtmsMediaType) ------------ */

/* Relate a media type to a library; relating it again is not an error.
 * ERROR_OBJECT_NOT_FOUND when either is not an existing object of its type.
 * store_enumerate(library, NTMS_MEDIA_TYPE) lists the related types and the
 * library's dwNumberOfMediaTypes counts them. Deleting the library drops its
 * relations; a media type still related to a library cannot be deleted
 * (ERROR_NOT_EMPTY). */
DWORD store_add_library_media_type(store_t *st, const NTMS_GUID *library, const NTMS_GUID *media_type);
/* ERROR_OBJECT_NOT_FOUND when the two are not related. */
DWORD store_remove_library_media_type(store_t *st, const NTMS_GUID *library, const NTMS_GUID *media_type);

/* --- named attributes (Get/SetNtmsObjectAttribute) ---------------------- */

/* *data is malloc'ed (freed by the caller); ERROR_OBJECT_NOT_FOUND when the
 * object or the attribute does not exist. Setting a value of length zero
 * deletes the attribute, as SetNtmsObjectAttribute documents. */
DWORD store_get_attribute(store_t *st, const NTMS_GUID *id, const char *name, uint8_t **data, size_t *len);
DWORD store_set_attribute(store_t *st, const NTMS_GUID *id, const char *name, const uint8_t *data, size_t len);

/* --- lookups the model needs ------------------------------------------- */

/* The pool named `name` whose parent is `parent` (NULL or GUID_NULL: top
 * level). Names compare case-insensitively, as Windows does. */
DWORD store_find_pool(store_t *st, const NTMS_GUID *parent, const char *name, NTMS_GUID *out);

/* The system pool of `pool_type` (NTMS_POOLTYPE_SCRATCH/FOREIGN/IMPORT) for
 * `media_type` (NULL: the top-level pool of that kind). */
DWORD store_find_system_pool(store_t *st, DWORD pool_type, const NTMS_GUID *media_type, NTMS_GUID *out);

/* The media type whose MediaType code is `code` and whose name is `name`
 * (either may be 0/NULL to ignore it). */
DWORD store_find_media_type(store_t *st, DWORD code, const char *name, NTMS_GUID *out);

/* The root media pool: the hidden pool above the top-level pools, which
 * exists only to carry security (NTMS_ENUM_ROOTPOOL). Its row has pool type
 * NTMS_POOLTYPE_UNKNOWN and no parent; it is never listed by
 * store_enumerate. ERROR_OBJECT_NOT_FOUND before first start. */
DWORD store_root_pool(store_t *st, NTMS_GUID *out);

/* The single computer object, or ERROR_OBJECT_NOT_FOUND before first start. */
DWORD store_computer(store_t *st, NTMS_GUID *out);

/* Run PRAGMA integrity_check and the project's consistency checks (every
 * side in exactly one pool, counts agree, references resolve). 0 when all
 * pass; otherwise ERROR_DATABASE_FAILURE and the first problem in `why`. */
DWORD store_check(store_t *st, char *why, size_t why_len);

#endif
