/*
 * media_int.h - what the media files of daemon/model/ share (media.c,
 * allocate.c, offline.c, mediatypes.c): reading media objects with the
 * error codes the media functions document, the side-state transitions,
 * putting a medium in a pool, and the transaction wrapper that tells the
 * media-available hook after commit.
 */
#ifndef RSM_MODEL_MEDIA_INT_H
#define RSM_MODEL_MEDIA_INT_H

#include <stdbool.h>

#include "media.h"
#include "model_int.h"

#define MEDIA_MAX_SIDES MODEL_MAX_SIDES

/* The sides of one physical medium, ordered by side number. */
typedef struct media_sides {
    NTMS_OBJECTINFORMATIONA v[MEDIA_MAX_SIDES];
    size_t n;
} media_sides_t;

/* Read object `id`, which must be of `type`; `missing` is the code for an
 * unknown GUID or an object of another type. */
DWORD media_read(store_t *st, const NTMS_GUID *id, DWORD type, DWORD missing, NTMS_OBJECTINFORMATIONA *out);

/* Every side of physical medium `medium`. */
DWORD media_load_sides(store_t *st, const NTMS_GUID *medium, media_sides_t *out);

/* The first side of logical medium `lmid` (ERROR_INVALID_MEDIA when it has
 * none: the database is damaged). */
DWORD media_side_of(store_t *st, const NTMS_GUID *lmid, NTMS_OBJECTINFORMATIONA *side);

/* Insert a logical medium named `name` in `pool`, with GUID *id (a new
 * one, written to *id, when it is null). */
DWORD media_insert_lmid(store_t *st, const NTMS_GUID *pool, const char *name, NTMS_GUID *id);

/* Allocated, Complete or Reserved: a side an application holds. */
bool media_side_held(DWORD state);
/* The medium is being used by a drive (INUSE, MOUNTED or LOADED). */
bool media_in_use(const NTMS_OBJECTINFORMATIONA *medium);
/* A pool that holds media (not a pool of pools, not the root). */
bool media_pool_holds_media(const NTMS_OBJECTINFORMATIONA *pool);

/* Move `side` to state `to` and store it (with whatever else the caller
 * changed in it). A transition the life cycle does not have is refused with
 * ERROR_INVALID_STATE and logged: it is a bug, never a caller's mistake. */
DWORD media_side_set_state(store_t *st, NTMS_OBJECTINFORMATIONA *side, DWORD to);

/* May `medium` (with `sides`) move from pool `from` to pool `to`, by
 * MoveToNtmsMediaPool's rules? `check_type`: the media types must match
 * (ChangeNtmsMediaType does not ask). 0 or the documented code. */
DWORD media_check_move(const NTMS_OBJECTINFORMATIONA *medium, const media_sides_t *sides,
                       const NTMS_OBJECTINFORMATIONA *from, const NTMS_OBJECTINFORMATIONA *to, bool check_type);

/* Put `medium` in `pool`: the medium, the logical media of its sides, and
 * (into a Free pool) the sides not yet prepared become Available. `medium`
 * and `sides` are updated in memory too. No rule is checked here. */
DWORD media_put_in_pool(store_t *st, NTMS_OBJECTINFORMATIONA *medium, media_sides_t *sides,
                        const NTMS_OBJECTINFORMATIONA *pool);

/* Note that sides became Available in `pool`; the hook hears of it once
 * the transaction commits (media_run), and never if it rolls back. */
void media_note_available(const NTMS_GUID *pool);
/* Note `pool` if any of `sides` is Available. */
void media_note_sides(const NTMS_GUID *pool, const media_sides_t *sides);

/* Run fn(st, arg) in one transaction; commit on 0, roll back otherwise,
 * then tell the hook what media_note_available noted. */
typedef DWORD (*media_tx_fn)(store_t *st, void *arg);
DWORD media_run(store_t *st, media_tx_fn fn, void *arg);

/* The Free pool of `media_type`; ERROR_DEVICE_NOT_AVAILABLE when missing
 * (the code AllocateNtmsMedia documents for "the free media pool is not
 * available"). */
DWORD media_free_pool(store_t *st, const NTMS_GUID *media_type, NTMS_OBJECTINFORMATIONA *pool);

/* --- on-media identifiers (offline.c, placement.c) ------------------------- */

struct label_info;
/* Write a label's type, ID and information into a side (RAW for one
 * nothing recognized, label_make_raw). */
void media_set_omid(NTMS_PARTITIONINFORMATIONA *p, const struct label_info *li);
/* concepts/media-names.md: a single-sided medium without a readable bar
 * code that still has its default name (its sequence number) takes the
 * name of its side's label information, and so does the side. */
DWORD media_name_after_label(store_t *st, NTMS_OBJECTINFORMATIONA *side);

/* The service's free label (freemedia.h) says a side holds nothing. An
 * application that allocates the side writes what it likes over it, so
 * the side's record forgets that label when it becomes Allocated (its own
 * label, if it records one, comes through UpdateNtmsOmidInfo); a side that
 * returns to Free is labelled again. Any other identifier is kept. */
void media_forget_free_label(NTMS_PARTITIONINFORMATIONA *p);

/* "0123abcd-...": for log lines. */
const char *media_guid_text(const NTMS_GUID *g, char buf[37]);

#endif
