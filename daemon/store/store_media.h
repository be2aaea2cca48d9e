/*
 * store_media.h - the store functions the media rules need beyond store.h:
 * choosing a side to allocate, finding a side by its on-media identifier,
 * counting the media of a type, and what mounts need (where a medium is,
 * the side of a logical medium, recovery at start, deleting requests).
 *
 * Same conventions as store.h: Win32 error codes, one thread (the loop).
 */
#ifndef RSM_STORE_MEDIA_H
#define RSM_STORE_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The side AllocateNtmsMedia should take from `pool`: a side in state
 * NTMS_PARTSTATE_AVAILABLE without a logical medium, on a physical medium
 * that is enabled (and the side too). Media in a library come before media
 * in the offline library; then the oldest medium, then the lowest side.
 * `whole`: only media all of whose sides are Available (NTMS_ALLOCATE_NEW).
 * ERROR_OBJECT_NOT_FOUND when there is none. */
DWORD store_media_pick_side(store_t *st, const NTMS_GUID *pool, int whole, NTMS_GUID *side);

/* A side whose on-media identifier is label type `type` with label ID
 * `id` (`len` bytes); ERROR_OBJECT_NOT_FOUND when none. */
DWORD store_media_find_omid(store_t *st, const char *type, const uint8_t *id, size_t len, NTMS_GUID *side);

/* The same, on a physical medium other than `medium` (duplicates and
 * returning media, model/placement.c). */
DWORD store_media_find_omid_other(store_t *st, const char *type, const uint8_t *id, size_t len,
                                  const NTMS_GUID *medium, NTMS_GUID *side);

/* The enabled physical media of `library` in its storage slots (only the
 * one in `slot`, when not NULL) whose first side has no on-media
 * identifier (every one, when `all`), in slot order: the cartridges an
 * on-media inventory reads (NTMS_INVENTORY_OMID, IdentifyNtmsSlot). */
DWORD store_media_to_identify(store_t *st, const NTMS_GUID *library, const NTMS_GUID *slot, int all,
                              guid_list_t *out);

/* The enabled physical media of `library` in a Free pool whose first side
 * is Available and does not carry, as its recorded on-media identifier,
 * label type `type` with the side's own GUID (RFC 4122 bytes) as label ID:
 * the media the service still has to write its free-media label on
 * (daemon/label/freewrite.c; model_free_label_needed says the same of one
 * medium). In slot order, media in drives last. */
DWORD store_media_free_unlabelled(store_t *st, const NTMS_GUID *library, const char *type, guid_list_t *out);

/* How many physical media of `media_type` there are in `library` (NULL:
 * in any library). */
DWORD store_media_count_of_type(store_t *st, const NTMS_GUID *media_type, const NTMS_GUID *library, size_t *n);

/* How many libraries are related to `media_type` (AddNtmsMediaType). */
DWORD store_media_type_libraries(store_t *st, const NTMS_GUID *media_type, size_t *n);

/* --- mounts -------------------------------------------------------------- */

/* The physical medium whose Location is object `location` (a drive, a
 * slot); ERROR_OBJECT_NOT_FOUND when none. */
DWORD store_media_at(store_t *st, const NTMS_GUID *location, NTMS_GUID *medium);

/* The physical media whose HomeSlot is `slot`, in creation order. */
DWORD store_media_homed_at(store_t *st, const NTMS_GUID *slot, guid_list_t *out);

/* The side of logical medium `lmid` (its lowest side when it has several);
 * ERROR_OBJECT_NOT_FOUND when none. */
DWORD store_media_side_of_logical(store_t *st, const NTMS_GUID *lmid, NTMS_GUID *side);

/* The lowest side of physical medium `medium`. */
DWORD store_media_first_side(store_t *st, const NTMS_GUID *medium, NTMS_GUID *side);

/* At start: no mount survives a restart. Media recorded MOUNTED become
 * LOADED and drives recorded MOUNTED become DISMOUNTABLE; *n (may be NULL)
 * is how many media. */
DWORD store_mounts_recover(store_t *st, size_t *n);

/* DeleteNtmsRequests: delete request `id` of `type` (NTMS_LIBREQUEST or
 * NTMS_OPREQUEST) when it has finished. *n (may be NULL) is 1 when it was
 * deleted, 0 when there is no such finished request. */
DWORD store_request_delete_finished(store_t *st, const NTMS_GUID *id, DWORD type, size_t *n);

#endif
