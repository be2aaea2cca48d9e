/*
 * media.c - the life cycle of sides and the moves of media between pools:
 * DecommissionNtmsMedia, SetNtmsMediaComplete, SwapNtmsMedia,
 * MoveToNtmsMediaPool, ChangeNtmsMediaType; and the helpers the other media
 * files share (media_int.h), the media-available hook among them.
 *
 * Side states (NTMS_PARTSTATE_*) change only along these transitions, each
 * inside the one transaction of the call that makes it:
 *
 *   from                       to            by
 *   Unknown, Unprepared,       Available     a move into a Free pool
 *     Unrecognized (FOREIGN),
 *     Import
 *   Unrecognized (FOREIGN)     Import        its label read and recognized, never
 *                                            seen before (model/placement.c)
 *   Available, Import          Allocated     AllocateNtmsMedia
 *   Available, Import          Reserved      AllocateNtmsMedia NTMS_ALLOCATE_NEW
 *                                            (the other sides of the medium)
 *   Reserved                   Allocated     AllocateNtmsMedia NTMS_ALLOCATE_NEXT
 *   Allocated                  Complete      SetNtmsMediaComplete
 *   Allocated, Complete        Available or  DeallocateNtmsMedia (Decommissioned
 *                              Decommissioned  at the pool's dwMaxAllocates)
 *   Reserved                   Available     the medium's last held side deallocated
 *   Available                  Decommissioned DecommissionNtmsMedia
 *
 * Decommissioned and Incompatible are final. A side has a logical medium
 * exactly while it is Allocated or Complete, and a held side (Allocated,
 * Complete, Reserved) is always on a medium in an application pool;
 * store_check verifies both.
 *
 * Moves (MoveToNtmsMediaPool's page and MS-RSMP 3.2.5.2.2.13): the
 * destination must hold media of the medium's type; Unrecognized media go
 * only to Free; Import media go to Free or to an application pool (the
 * AllocateNtmsMedia page describes moving import media to an application
 * pool as the routine way to import, although the MoveToNtmsMediaPool page
 * lists only Free); a medium with a held side never goes to Free; only
 * media whose sides are all Import (all Unrecognized) go to an Import
 * (Unrecognized) pool; a medium in a drive does not move (ERROR_BUSY).
 * Both sides of a two-sided medium move together because the pool belongs
 * to the physical medium; logical media move with their sides. The free
 * label RSM writes on a medium entering Free needs a drive and takes
 * minutes on real hardware, so the move answers at once and the free hook
 * (media.h) hands the medium to the label writer (daemon/label/freewrite.c)
 * after the commit.
 */
#include <stdio.h>

#include "media_int.h"
#include "util/log.h"
#include "wire.h"

/* --- the hook --------------------------------------------------------------- */

/* Pools (and media) noted in the running transaction. More than this many
 * is never reached by one call; should it be, the later pools are dropped,
 * which only costs a waiting allocation the chance to run before the next
 * event, and the media are reported as "some" (NULL). */
#define MEDIA_MAX_NOTES 8

typedef struct media_notes {
    NTMS_GUID pools[MEDIA_MAX_NOTES]; /* sides became Available there */
    size_t npools;
    NTMS_GUID media[MEDIA_MAX_NOTES]; /* entered a Free pool */
    size_t nmedia;
    bool lost;                        /* ... and more than fit */
} media_notes_t;

static struct {
    model_media_available_fn fn;
    void *arg;
    model_media_free_fn free_fn;
    void *free_arg;
    media_notes_t notes;
} hook;

void model_media_set_available_hook(model_media_available_fn fn, void *arg)
{
    hook.fn = fn;
    hook.arg = arg;
}

void model_media_set_free_hook(model_media_free_fn fn, void *arg)
{
    hook.free_fn = fn;
    hook.free_arg = arg;
}

/* Add `g` to the set v[0..*n) of at most MEDIA_MAX_NOTES; false when full. */
static bool note_once(NTMS_GUID *v, size_t *n, const NTMS_GUID *g)
{
    for (size_t i = 0; i < *n; i++)
        if (model_guid_eq(&v[i], g))
            return true;
    if (*n >= MEDIA_MAX_NOTES)
        return false;
    v[(*n)++] = *g;
    return true;
}

void media_note_available(const NTMS_GUID *pool)
{
    (void)note_once(hook.notes.pools, &hook.notes.npools, pool);
}

static void note_entered_free(const NTMS_GUID *medium)
{
    if (!note_once(hook.notes.media, &hook.notes.nmedia, medium))
        hook.notes.lost = true;
}

void media_note_sides(const NTMS_GUID *pool, const media_sides_t *sides)
{
    for (size_t i = 0; i < sides->n; i++) {
        if (sides->v[i].Info.Partition.State == NTMS_PARTSTATE_AVAILABLE) {
            media_note_available(pool);
            return;
        }
    }
}

DWORD media_run(store_t *st, media_tx_fn fn, void *arg)
{
    media_notes_t done;
    DWORD rc = store_begin(st);

    if (rc != 0)
        return rc;
    memset(&hook.notes, 0, sizeof hook.notes);
    rc = fn(st, arg);
    if (rc == 0)
        rc = store_commit(st);
    else
        store_rollback(st);
    /* Copy first: the hooks run allocations, which run transactions. */
    done = hook.notes;
    memset(&hook.notes, 0, sizeof hook.notes);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < done.npools && hook.fn != NULL; i++)
        hook.fn(hook.arg, &done.pools[i]);
    for (size_t i = 0; i < done.nmedia && hook.free_fn != NULL; i++)
        hook.free_fn(hook.free_arg, &done.media[i]);
    if (done.lost && hook.free_fn != NULL)
        hook.free_fn(hook.free_arg, NULL);
    return rc;
}

/* --- reading ---------------------------------------------------------------- */

const char *media_guid_text(const NTMS_GUID *g, char buf[37])
{
    wire_guid_to_string(g, buf);
    return buf;
}

DWORD media_read(store_t *st, const NTMS_GUID *id, DWORD type, DWORD missing, NTMS_OBJECTINFORMATIONA *out)
{
    DWORD actual;
    DWORD rc;

    if (id == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, id, &actual);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && actual != type))
        return missing;
    return rc != 0 ? rc : store_get(st, id, out);
}

DWORD media_load_sides(store_t *st, const NTMS_GUID *medium, media_sides_t *out)
{
    guid_list_t ids = {0};
    DWORD rc = store_enumerate(st, medium, NTMS_PARTITION, &ids);

    out->n = 0;
    if (rc == 0 && ids.n > MEDIA_MAX_SIDES) {
        log_error("media: a physical medium has %zu sides, more than the %d handled", ids.n, MEDIA_MAX_SIDES);
        rc = ERROR_DATABASE_FAILURE;
    }
    for (size_t i = 0; rc == 0 && i < ids.n; i++)
        rc = store_get(st, &ids.v[i], &out->v[out->n++]);
    guid_list_free(&ids);
    /* Insertion sort by side number: at most a handful of sides. */
    for (size_t i = 1; rc == 0 && i < out->n; i++) {
        NTMS_OBJECTINFORMATIONA t = out->v[i];
        size_t j = i;
        for (; j > 0 && out->v[j - 1].Info.Partition.Side > t.Info.Partition.Side; j--)
            out->v[j] = out->v[j - 1];
        out->v[j] = t;
    }
    return rc;
}

DWORD media_side_of(store_t *st, const NTMS_GUID *lmid, NTMS_OBJECTINFORMATIONA *side)
{
    guid_list_t ids = {0};
    DWORD rc = store_enumerate(st, lmid, NTMS_PARTITION, &ids);

    if (rc == 0 && ids.n == 0) {
        char g[37];
        log_error("media: logical media %s has no side; run a consistency check", media_guid_text(lmid, g));
        rc = ERROR_INVALID_MEDIA;
    }
    if (rc == 0)
        rc = store_get(st, &ids.v[0], side);
    guid_list_free(&ids);
    return rc;
}

bool media_side_held(DWORD state)
{
    return state == NTMS_PARTSTATE_ALLOCATED || state == NTMS_PARTSTATE_COMPLETE ||
           state == NTMS_PARTSTATE_RESERVED;
}

bool media_in_use(const NTMS_OBJECTINFORMATIONA *medium)
{
    DWORD s = medium->Info.PhysicalMedia.MediaState;

    return s == NTMS_MEDIASTATE_INUSE || s == NTMS_MEDIASTATE_MOUNTED || s == NTMS_MEDIASTATE_LOADED;
}

bool media_pool_holds_media(const NTMS_OBJECTINFORMATIONA *pool)
{
    return pool->Info.MediaPool.PoolType != NTMS_POOLTYPE_UNKNOWN &&
           !model_guid_absent(&pool->Info.MediaPool.MediaType);
}

DWORD media_free_pool(store_t *st, const NTMS_GUID *media_type, NTMS_OBJECTINFORMATIONA *pool)
{
    NTMS_GUID id;
    DWORD rc = store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, media_type, &id);

    if (rc == ERROR_OBJECT_NOT_FOUND) {
        log_warn("media: the media type has no Free pool");
        return ERROR_DEVICE_NOT_AVAILABLE;
    }
    return rc != 0 ? rc : store_get(st, &id, pool);
}

DWORD media_insert_lmid(store_t *st, const NTMS_GUID *pool, const char *name, NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA lm;

    memset(&lm, 0, sizeof lm);
    lm.dwSize = sizeof lm;
    lm.dwType = NTMS_LOGICAL_MEDIA;
    lm.Enabled = TRUE;
    lm.dwOperationalState = NTMS_READY;
    if (model_guid_absent(id))
        model_new_guid(id);
    lm.ObjectGuid = *id;
    model_copy_name(lm.szName, sizeof lm.szName, name);
    lm.Info.LogicalMedia.MediaPool = *pool;
    return store_insert(st, &lm);
}

/* --- side states ------------------------------------------------------------- */

#define BIT(s) (1u << (s))

static const unsigned transitions[NTMS_PARTSTATE_RESERVED + 1] = {
    [NTMS_PARTSTATE_UNKNOWN] = BIT(NTMS_PARTSTATE_AVAILABLE),
    [NTMS_PARTSTATE_UNPREPARED] = BIT(NTMS_PARTSTATE_AVAILABLE),
    [NTMS_PARTSTATE_FOREIGN] = BIT(NTMS_PARTSTATE_AVAILABLE) | BIT(NTMS_PARTSTATE_IMPORT),
    [NTMS_PARTSTATE_IMPORT] =
        BIT(NTMS_PARTSTATE_AVAILABLE) | BIT(NTMS_PARTSTATE_ALLOCATED) | BIT(NTMS_PARTSTATE_RESERVED),
    [NTMS_PARTSTATE_AVAILABLE] =
        BIT(NTMS_PARTSTATE_ALLOCATED) | BIT(NTMS_PARTSTATE_RESERVED) | BIT(NTMS_PARTSTATE_DECOMMISSIONED),
    [NTMS_PARTSTATE_ALLOCATED] =
        BIT(NTMS_PARTSTATE_COMPLETE) | BIT(NTMS_PARTSTATE_AVAILABLE) | BIT(NTMS_PARTSTATE_DECOMMISSIONED),
    [NTMS_PARTSTATE_COMPLETE] = BIT(NTMS_PARTSTATE_AVAILABLE) | BIT(NTMS_PARTSTATE_DECOMMISSIONED),
    [NTMS_PARTSTATE_RESERVED] = BIT(NTMS_PARTSTATE_ALLOCATED) | BIT(NTMS_PARTSTATE_AVAILABLE),
};

DWORD media_side_set_state(store_t *st, NTMS_OBJECTINFORMATIONA *side, DWORD to)
{
    DWORD from = side->Info.Partition.State;

    if (from != to && (from > NTMS_PARTSTATE_RESERVED || to > NTMS_PARTSTATE_RESERVED ||
                       !(transitions[from] & BIT(to)))) {
        char g[37];
        log_error("media: side %s cannot go from state %lu to %lu", media_guid_text(&side->ObjectGuid, g),
                  (unsigned long)from, (unsigned long)to);
        return ERROR_INVALID_STATE;
    }
    if (to == NTMS_PARTSTATE_ALLOCATED)
        media_forget_free_label(&side->Info.Partition);
    side->Info.Partition.State = to;
    return store_update(st, side);
}

/* --- moves ------------------------------------------------------------------- */

static bool all_sides_in(const media_sides_t *sides, DWORD state)
{
    for (size_t i = 0; i < sides->n; i++)
        if (sides->v[i].Info.Partition.State != state)
            return false;
    return true;
}

static bool any_side_held(const media_sides_t *sides)
{
    for (size_t i = 0; i < sides->n; i++)
        if (media_side_held(sides->v[i].Info.Partition.State))
            return true;
    return false;
}

DWORD media_check_move(const NTMS_OBJECTINFORMATIONA *medium, const media_sides_t *sides,
                       const NTMS_OBJECTINFORMATIONA *from, const NTMS_OBJECTINFORMATIONA *to, bool check_type)
{
    DWORD src = from->Info.MediaPool.PoolType, dst = to->Info.MediaPool.PoolType;

    if (!media_pool_holds_media(to)) {
        log_info("move \"%s\": pool \"%s\" holds pools, not media", medium->szName, to->szName);
        return ERROR_INVALID_MEDIA_POOL;
    }
    if (check_type && !model_guid_eq(&to->Info.MediaPool.MediaType, &medium->Info.PhysicalMedia.MediaType)) {
        log_info("move \"%s\": pool \"%s\" holds another media type", medium->szName, to->szName);
        return ERROR_MEDIA_INCOMPATIBLE;
    }
    if ((src == NTMS_POOLTYPE_FOREIGN && dst != NTMS_POOLTYPE_SCRATCH) ||
        (src == NTMS_POOLTYPE_IMPORT && dst != NTMS_POOLTYPE_SCRATCH && dst != NTMS_POOLTYPE_APPLICATION)) {
        log_info("move \"%s\": media in pool \"%s\" may go only to a Free%s pool", medium->szName, from->szName,
                 src == NTMS_POOLTYPE_IMPORT ? " or an application" : "");
        return ERROR_INVALID_MEDIA_POOL;
    }
    if ((dst == NTMS_POOLTYPE_IMPORT && !all_sides_in(sides, NTMS_PARTSTATE_IMPORT)) ||
        (dst == NTMS_POOLTYPE_FOREIGN && !all_sides_in(sides, NTMS_PARTSTATE_FOREIGN))) {
        log_info("move \"%s\": only media whose sides are all %s may enter pool \"%s\"", medium->szName,
                 dst == NTMS_POOLTYPE_IMPORT ? "Import" : "Unrecognized", to->szName);
        return ERROR_INVALID_MEDIA_POOL;
    }
    if (media_in_use(medium)) {
        log_info("move \"%s\": the medium is in use in a drive", medium->szName);
        return ERROR_BUSY;
    }
    if (dst == NTMS_POOLTYPE_SCRATCH && any_side_held(sides)) {
        log_info("move \"%s\": a side is allocated, complete or reserved; it cannot go to Free", medium->szName);
        return ERROR_BUSY;
    }
    return 0;
}

/* Sides entering a Free pool that were never prepared become Available;
 * Decommissioned and Incompatible sides stay what they are. */
static bool becomes_available_in_free(DWORD state)
{
    return state == NTMS_PARTSTATE_UNKNOWN || state == NTMS_PARTSTATE_UNPREPARED ||
           state == NTMS_PARTSTATE_FOREIGN || state == NTMS_PARTSTATE_IMPORT;
}

DWORD media_put_in_pool(store_t *st, NTMS_OBJECTINFORMATIONA *medium, media_sides_t *sides,
                        const NTMS_OBJECTINFORMATIONA *pool)
{
    bool to_free = pool->Info.MediaPool.PoolType == NTMS_POOLTYPE_SCRATCH;
    DWORD rc;

    medium->Info.PhysicalMedia.MediaPool = pool->ObjectGuid;
    rc = store_update(st, medium);
    for (size_t i = 0; rc == 0 && i < sides->n; i++) {
        NTMS_OBJECTINFORMATIONA *side = &sides->v[i];
        const NTMS_GUID *lmid = &side->Info.Partition.LogicalMedia;

        if (!model_guid_absent(lmid)) {
            NTMS_OBJECTINFORMATIONA lm;
            rc = store_get(st, lmid, &lm);
            if (rc == 0) {
                lm.Info.LogicalMedia.MediaPool = pool->ObjectGuid;
                rc = store_update(st, &lm);
            }
        }
        if (rc == 0 && to_free && becomes_available_in_free(side->Info.Partition.State))
            rc = media_side_set_state(st, side, NTMS_PARTSTATE_AVAILABLE);
    }
    if (rc == 0 && (to_free || pool->Info.MediaPool.PoolType == NTMS_POOLTYPE_APPLICATION))
        media_note_sides(&pool->ObjectGuid, sides);
    if (rc == 0 && to_free)
        note_entered_free(&medium->ObjectGuid);
    return rc;
}

struct move_args {
    const NTMS_GUID *medium, *pool;
    bool change_type;
};

/* ChangeNtmsMediaType: the medium keeps its sides, so the new type must
 * have as many; otherwise the move is "an invalid operation" (MS-RSMP:
 * ERROR_INVALID_MEDIA_POOL). */
static DWORD check_new_type(store_t *st, const NTMS_OBJECTINFORMATIONA *to, const media_sides_t *sides)
{
    NTMS_OBJECTINFORMATIONA type;
    DWORD rc;

    if (!media_pool_holds_media(to))
        return ERROR_INVALID_MEDIA_POOL;
    rc = store_get(st, &to->Info.MediaPool.MediaType, &type);
    if (rc == 0 && type.Info.MediaType.NumberOfSides != sides->n) {
        log_info("change media type: \"%s\" has %lu side(s), the medium %zu", type.szName,
                 (unsigned long)type.Info.MediaType.NumberOfSides, sides->n);
        rc = ERROR_INVALID_MEDIA_POOL;
    }
    return rc;
}

static DWORD move_tx(store_t *st, void *arg)
{
    const struct move_args *a = arg;
    NTMS_OBJECTINFORMATIONA medium, from, to;
    media_sides_t sides;
    DWORD rc = media_read(st, a->medium, NTMS_PHYSICAL_MEDIA, ERROR_INVALID_MEDIA, &medium);

    if (rc == ERROR_INVALID_MEDIA)
        log_info("move media: no such physical medium");
    if (rc == 0)
        rc = model_read_pool(st, a->pool, &to);
    if (rc == 0 && model_read_pool(st, &medium.Info.PhysicalMedia.MediaPool, &from) != 0) {
        log_error("move media: the pool of \"%s\" cannot be read", medium.szName);
        rc = ERROR_INVALID_MEDIA; /* "the implied source media pool is not valid" */
    }
    if (rc == 0)
        rc = media_load_sides(st, a->medium, &sides);
    if (rc != 0)
        return rc;
    if (model_guid_eq(&from.ObjectGuid, &to.ObjectGuid) &&
        (!a->change_type ||
         model_guid_eq(&medium.Info.PhysicalMedia.MediaType, &to.Info.MediaPool.MediaType))) {
        /* already there; into Free it asks for the free label again (a
         * write that failed for good is tried once more) */
        if (to.Info.MediaPool.PoolType == NTMS_POOLTYPE_SCRATCH)
            note_entered_free(&medium.ObjectGuid);
        return 0;
    }
    if (a->change_type)
        rc = check_new_type(st, &to, &sides);
    if (rc == 0)
        rc = media_check_move(&medium, &sides, &from, &to, !a->change_type);
    if (rc != 0)
        return rc;
    if (a->change_type)
        medium.Info.PhysicalMedia.MediaType = to.Info.MediaPool.MediaType;
    rc = media_put_in_pool(st, &medium, &sides, &to);
    if (rc == 0)
        log_info("%s \"%s\" from pool \"%s\" to pool \"%s\"", a->change_type ? "changed the media type of" : "moved",
                 medium.szName, from.szName, to.szName);
    return rc;
}

DWORD model_move_to_pool(store_t *st, const principal_t *who, const NTMS_GUID *medium, const NTMS_GUID *pool)
{
    struct move_args a = {medium, pool, false};

    (void)who;
    if (st == NULL || medium == NULL || pool == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, move_tx, &a);
}

DWORD model_change_media_type(store_t *st, const principal_t *who, const NTMS_GUID *medium,
                              const NTMS_GUID *pool)
{
    struct move_args a = {medium, pool, true};

    (void)who;
    if (st == NULL || medium == NULL || pool == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, move_tx, &a);
}

/* --- Decommission, Complete, Swap ---------------------------------------------- */

static DWORD decommission_tx(store_t *st, void *arg)
{
    NTMS_OBJECTINFORMATIONA side, medium, pool;
    DWORD rc = media_read(st, arg, NTMS_PARTITION, ERROR_INVALID_MEDIA, &side);

    if (rc == ERROR_INVALID_MEDIA)
        log_info("decommission: no such side");
    if (rc == 0)
        rc = store_get(st, &side.Info.Partition.PhysicalMedia, &medium);
    if (rc == 0 && model_read_pool(st, &medium.Info.PhysicalMedia.MediaPool, &pool) != 0)
        rc = ERROR_INVALID_MEDIA_POOL;
    if (rc != 0)
        return rc;
    if (side.Info.Partition.State != NTMS_PARTSTATE_AVAILABLE) {
        log_info("decommission \"%s\": the side is in state %lu, not Available", side.szName,
                 (unsigned long)side.Info.Partition.State);
        return ERROR_INVALID_STATE;
    }
    rc = media_side_set_state(st, &side, NTMS_PARTSTATE_DECOMMISSIONED);
    if (rc == 0)
        log_info("decommissioned side \"%s\" in pool \"%s\"", side.szName, pool.szName);
    return rc;
}

DWORD model_decommission(store_t *st, const principal_t *who, const NTMS_GUID *side)
{
    (void)who;
    if (st == NULL || side == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, decommission_tx, (void *)side);
}

/* A logical medium, its pool and its side, with the codes the LMID
 * functions document. */
static DWORD read_lmid(store_t *st, const NTMS_GUID *lmid, const char *what, NTMS_OBJECTINFORMATIONA *lm,
                       NTMS_OBJECTINFORMATIONA *side)
{
    NTMS_OBJECTINFORMATIONA pool;
    DWORD rc = media_read(st, lmid, NTMS_LOGICAL_MEDIA, ERROR_INVALID_MEDIA, lm);

    if (rc == ERROR_INVALID_MEDIA)
        log_info("%s: no such logical media", what);
    if (rc == 0 && model_read_pool(st, &lm->Info.LogicalMedia.MediaPool, &pool) != 0)
        rc = ERROR_INVALID_MEDIA_POOL;
    if (rc == 0)
        rc = media_side_of(st, lmid, side);
    return rc;
}

static bool side_is_mounted(const NTMS_OBJECTINFORMATIONA *medium, const NTMS_OBJECTINFORMATIONA *side)
{
    return media_in_use(medium) || model_guid_eq(&medium->Info.PhysicalMedia.MountedPartition, &side->ObjectGuid);
}

static DWORD complete_tx(store_t *st, void *arg)
{
    NTMS_OBJECTINFORMATIONA lm, side, medium;
    DWORD rc = read_lmid(st, arg, "set media complete", &lm, &side);

    if (rc == 0)
        rc = store_get(st, &side.Info.Partition.PhysicalMedia, &medium);
    if (rc != 0)
        return rc;
    if (side.Info.Partition.State != NTMS_PARTSTATE_ALLOCATED || side_is_mounted(&medium, &side)) {
        log_info("set media complete \"%s\": the side is %s", side.szName,
                 side.Info.Partition.State != NTMS_PARTSTATE_ALLOCATED ? "not Allocated" : "mounted");
        return ERROR_INVALID_STATE;
    }
    rc = media_side_set_state(st, &side, NTMS_PARTSTATE_COMPLETE);
    if (rc == 0)
        log_info("side \"%s\" is complete", side.szName);
    return rc;
}

DWORD model_set_complete(store_t *st, const principal_t *who, const NTMS_GUID *lmid)
{
    (void)who;
    if (st == NULL || lmid == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, complete_tx, (void *)lmid);
}

struct swap_args {
    const NTMS_GUID *lmid[2];
};

/* Only the association moves: each logical medium takes the other's side,
 * and each side keeps its own state and counts. */
static DWORD swap_tx(store_t *st, void *arg)
{
    const struct swap_args *a = arg;
    NTMS_OBJECTINFORMATIONA lm[2], side[2], medium;
    DWORD rc = 0;

    for (int i = 0; rc == 0 && i < 2; i++)
        rc = read_lmid(st, a->lmid[i], "swap media", &lm[i], &side[i]);
    if (rc != 0)
        return rc;
    if (!model_guid_eq(&lm[0].Info.LogicalMedia.MediaPool, &lm[1].Info.LogicalMedia.MediaPool)) {
        log_info("swap media: the logical media are in different pools");
        return ERROR_INVALID_MEDIA_POOL;
    }
    for (int i = 0; i < 2; i++) {
        DWORD state = side[i].Info.Partition.State;
        if (state != NTMS_PARTSTATE_ALLOCATED && state != NTMS_PARTSTATE_COMPLETE) {
            log_info("swap media: side \"%s\" is not allocated", side[i].szName);
            return ERROR_INVALID_STATE;
        }
        rc = store_get(st, &side[i].Info.Partition.PhysicalMedia, &medium);
        if (rc == 0 && side_is_mounted(&medium, &side[i])) {
            log_info("swap media: \"%s\" is in use", medium.szName);
            rc = ERROR_INVALID_MEDIA; /* MS-RSMP 3.2.5.2.2.5 */
        }
        if (rc != 0)
            return rc;
    }
    if (model_guid_eq(&side[0].ObjectGuid, &side[1].ObjectGuid))
        return 0;
    side[0].Info.Partition.LogicalMedia = lm[1].ObjectGuid;
    side[1].Info.Partition.LogicalMedia = lm[0].ObjectGuid;
    rc = store_update(st, &side[0]);
    if (rc == 0)
        rc = store_update(st, &side[1]);
    if (rc == 0)
        log_info("swapped the sides of logical media \"%s\" and \"%s\"", lm[0].szName, lm[1].szName);
    return rc;
}

DWORD model_swap_media(store_t *st, const principal_t *who, const NTMS_GUID *lmid1, const NTMS_GUID *lmid2)
{
    struct swap_args a = {{lmid1, lmid2}};

    (void)who;
    if (st == NULL || lmid1 == NULL || lmid2 == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, swap_tx, &a);
}
