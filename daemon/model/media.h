/*
 * media.h - the rules of media: allocation and deallocation of sides as
 * logical media, the life cycle of sides, moving media between pools,
 * records of offline media, on-media identifiers written by applications,
 * and which media types a library handles.
 *
 * Every function is one transaction and answers with the Win32 code its
 * reference page documents (docs/decisions.md, "Media and pools", says what
 * was chosen where the pages are silent). Like model.h, nothing here knows
 * about sockets: a call that must wait for media is the server's business,
 * told by model_allocate's ERROR_MEDIA_UNAVAILABLE and woken by the
 * media-available hook.
 */
#ifndef RSM_MODEL_MEDIA_H
#define RSM_MODEL_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* --- media becoming available (media.c) ---------------------------------- */

/* Called, after the transaction that did it has committed, whenever a side
 * became Available in `pool` (a deallocation, a move into the pool, a new
 * offline medium). The server retries its waiting allocations. One hook
 * per process; NULL removes it. */
typedef void (*model_media_available_fn)(void *arg, const NTMS_GUID *pool);
void model_media_set_available_hook(model_media_available_fn fn, void *arg);

/* Called, after the transaction that did it has committed, for each
 * physical medium that entered a Free pool (MoveToNtmsMediaPool,
 * DeallocateNtmsMedia with NTMS_DEALLOCATE_TOSCRATCH, a placement by
 * label; also MoveToNtmsMediaPool into the Free pool the medium is in
 * already, which asks for the label again), so that the service's
 * free-media label gets written on it;
 * `medium` NULL: more media than one transaction notes entered Free (look
 * at them all). One hook per process; NULL removes it. */
typedef void (*model_media_free_fn)(void *arg, const NTMS_GUID *medium);
void model_media_set_free_hook(model_media_free_fn fn, void *arg);

/* --- allocation (allocate.c) ---------------------------------------------- */

typedef struct model_alloc {
    NTMS_GUID pool;              /* lpMediaPool */
    const NTMS_GUID *partition;  /* lpPartition, or NULL */
    const NTMS_GUID *previous;   /* NTMS_ALLOCATE_NEXT: the LMID in *lpMediaId, or NULL */
    DWORD options;               /* NTMS_ALLOCATE_* */
} model_alloc_t;

/* AllocateNtmsMedia, once: a new logical medium (*lmid) holding one side,
 * taken from the pool, else (NTMS_ALLOCATE_FROMSCRATCH) from the Free pool
 * of the pool's media type; *from is the pool it came from. When nothing
 * can be allocated now the answer is ERROR_MEDIA_UNAVAILABLE and nothing
 * changed; whether to wait is the caller's decision. */
DWORD model_allocate(store_t *st, const principal_t *who, const model_alloc_t *req, NTMS_GUID *lmid,
                     NTMS_GUID *from);

/* DeallocateNtmsMedia: the side goes back to Available (Decommissioned once
 * allocated dwMaxAllocates times), the logical medium is deleted, and with
 * NTMS_DEALLOCATE_TOSCRATCH a medium whose sides are all Available returns
 * to the Free pool. */
DWORD model_deallocate(store_t *st, const principal_t *who, const NTMS_GUID *lmid);

/* --- the life cycle (media.c) ---------------------------------------------- */

/* DecommissionNtmsMedia: an Available side becomes Decommissioned. */
DWORD model_decommission(store_t *st, const principal_t *who, const NTMS_GUID *side);

/* SetNtmsMediaComplete: the Allocated side of a logical medium that is not
 * mounted becomes Complete. */
DWORD model_set_complete(store_t *st, const principal_t *who, const NTMS_GUID *lmid);

/* SwapNtmsMedia: two logical media of one pool exchange their sides. */
DWORD model_swap_media(store_t *st, const principal_t *who, const NTMS_GUID *lmid1, const NTMS_GUID *lmid2);

/* MoveToNtmsMediaPool. */
DWORD model_move_to_pool(store_t *st, const principal_t *who, const NTMS_GUID *medium, const NTMS_GUID *pool);

/* ChangeNtmsMediaType: MoveToNtmsMediaPool's rules, and the medium takes
 * the pool's media type. */
DWORD model_change_media_type(store_t *st, const principal_t *who, const NTMS_GUID *medium,
                              const NTMS_GUID *pool);

/* --- offline media and labels (offline.c) ---------------------------------- */

/* A medium has at most this many sides (the catalogue's most is 2);
 * CreateNtmsMedia refuses more with ERROR_MEDIA_INCOMPATIBLE. */
#define MODEL_MAX_SIDES 8

/* CreateNtmsMedia: `media` and `sides[0..nsides)` as the caller filled
 * them; on success they hold the records as stored. `options` is 0 or
 * NTMS_ERROR_ON_DUPLICATE. */
DWORD model_create_media(store_t *st, const principal_t *who, NTMS_OBJECTINFORMATIONA *media,
                         NTMS_OBJECTINFORMATIONA *sides, size_t nsides, DWORD options);

/* DeleteNtmsMedia: an offline medium none of whose sides is Allocated,
 * Complete or Reserved, with its sides. */
DWORD model_delete_media(store_t *st, const principal_t *who, const NTMS_GUID *medium);

/* UpdateNtmsOmidInfo. */
struct label_info; /* label/label.h */
typedef struct model_omid {
    DWORD label_type;            /* NTMS_OMID_TYPE_RAW_LABEL or _FILESYSTEM_INFO */
    const uint8_t *raw;          /* RAW_LABEL: the label as written */
    size_t raw_len;
    const struct label_info *recognized; /* RAW_LABEL: what the label libraries made of it
                                          * (label_identify), or NULL: the built-in
                                          * recognizers run here */
    const char *file_system;     /* FILESYSTEM_INFO, UTF-8 */
    const char *volume;
    DWORD serial;
} model_omid_t;

DWORD model_update_omid(store_t *st, const principal_t *who, const NTMS_GUID *lmid, const model_omid_t *label);

/* --- media types of libraries (mediatypes.c) ------------------------------- */

/* AddNtmsMediaType: relate the type to the library (again is no error) and
 * create its Free, Import and Unrecognized pools when missing. */
DWORD model_add_media_type(store_t *st, const principal_t *who, const NTMS_GUID *media_type,
                           const NTMS_GUID *library);

/* DeleteNtmsMediaType: refused while the library holds media of the type;
 * the type's system pools go when no medium and no library has it. */
DWORD model_delete_media_type(store_t *st, const principal_t *who, const NTMS_GUID *media_type,
                              const NTMS_GUID *library);

#endif
