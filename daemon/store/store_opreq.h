/*
 * store_opreq.h - the queries on operator requests (NTMS_OPREQUEST objects)
 * that the generic object functions of store.h do not cover, and the
 * destination lists of Get/SetNtmsUIOptions.
 *
 * An operator request is an ordinary object: store_insert creates it,
 * store_get/store_update read and change it. What is here selects requests
 * by state, marks the ones the service raised itself, and purges old ones.
 *
 * A destination list belongs to a computer or library object (`object`),
 * or to a session (`object` NULL, `session` its number); there is one list
 * per NTMS_UITYPE_* value. Destinations are kept as given, in the order
 * they were added.
 *
 * Same conventions as store.h: Win32 error codes, one thread (the loop).
 */
#ifndef RSM_STORE_OPREQ_H
#define RSM_STORE_OPREQ_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* --- operator requests ---------------------------------------------------- */

/* The requests still open (SUBMITTED, ACTIVE, INPROGRESS), oldest first:
 * of type `request` (0: any), about `arg1` (NULL: any), and only those the
 * service raised when `service_only` is set. */
DWORD store_opreqs_open(store_t *st, DWORD request, const NTMS_GUID *arg1, int service_only, guid_list_t *out);

/* Mark request `id` as raised by the service; *yes tells whether it is. */
DWORD store_opreq_mark_service(store_t *st, const NTMS_GUID *id);
DWORD store_opreq_is_service(store_t *st, const NTMS_GUID *id, int *yes);

/* Delete ended requests (COMPLETE, and REFUSED when `refused_too` is set)
 * last changed at or before `before_ms`. *purged (may be NULL) receives how
 * many went. */
DWORD store_opreqs_purge(store_t *st, int64_t before_ms, int refused_too, size_t *purged);

/* --- UI destinations ------------------------------------------------------ */

/* A list of strings, each malloc'ed, freed by strlist_free. */
typedef struct strlist {
    char **v;
    size_t n;
} strlist_t;
void strlist_free(strlist_t *l);

/* The destinations of `type` for `object`, or for session `session` when
 * `object` is NULL; appended to *out (which may already hold some). */
DWORD store_uidest_list(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, strlist_t *out);

/* Add one: ERROR_ALREADY_EXISTS when the list has it. */
DWORD store_uidest_add(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, const char *dest);
/* Remove one: ERROR_OBJECT_NOT_FOUND when the list lacks it. */
DWORD store_uidest_remove(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type, const char *dest);
/* Empty the list. */
DWORD store_uidest_clear(store_t *st, const NTMS_GUID *object, uint64_t session, DWORD type);
/* Drop every list of session `session` (0: of every session). */
DWORD store_uidest_drop_session(store_t *st, uint64_t session);

#endif
