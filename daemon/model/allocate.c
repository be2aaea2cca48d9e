/*
 * allocate.c - AllocateNtmsMedia and DeallocateNtmsMedia: sides handed to
 * applications as logical media, and given back.
 *
 * An allocation creates one logical medium (the LMID the caller gets)
 * holding one side, in the pool allocated from; it is one transaction that
 * reads the side inside it and refuses it unless it is still Available (or
 * Import, for lpPartition) and belongs to no logical medium, so two callers
 * can never both get a side. Which side:
 *   - lpPartition: that side, which must be Available or Import, enabled
 *     on an enabled medium (else ERROR_MEDIA_OFFLINE) of the pool's media
 *     type; its medium moves into the pool when it is elsewhere (Free,
 *     Import, another application pool), unless another of its sides is
 *     held there. For two-sided media the flip side keeps its state.
 *   - NTMS_ALLOCATE_NEXT: the medium of the logical medium in *lpMediaId
 *     (or of lpPartition), which must be in the pool; its lowest Reserved
 *     side, else its lowest Available one.
 *   - otherwise store_media_pick_side in the pool (media in a library
 *     first), then, when the pool's AllocationPolicy has
 *     NTMS_ALLOCATE_FROMSCRATCH, in the Free pool of its media type, the
 *     medium moving into the pool. NTMS_ALLOCATE_NEW takes only media all
 *     of whose sides are Available and reserves the others.
 * Only application pools that hold media may be allocated from
 * (ERROR_INVALID_MEDIA_POOL). The side's dwAllocateCount counts the
 * allocation.
 *
 * A deallocation ends the logical medium: its side becomes Available, or
 * Decommissioned when its dwAllocateCount has reached the pool's
 * dwMaxAllocates (0 = no limit); when no side of the medium is held any
 * more its Reserved sides become Available; and when the pool's
 * DeallocationPolicy has NTMS_DEALLOCATE_TOSCRATCH and every side of the
 * medium is Available, the medium returns to the Free pool of its type.
 */
#include <stdio.h>
#include <stdlib.h>

#include "media_int.h"
#include "store/store_media.h"
#include "util/log.h"

struct alloc_ctx {
    const model_alloc_t *req;
    NTMS_OBJECTINFORMATIONA pool;    /* the application pool */
    NTMS_OBJECTINFORMATIONA medium;  /* of the side taken */
    media_sides_t sides;
    NTMS_GUID lmid, from;
};

/* The pool must be an application pool that holds media. */
static DWORD read_target_pool(store_t *st, struct alloc_ctx *a)
{
    DWORD rc = model_read_pool(st, &a->req->pool, &a->pool);

    if (rc == ERROR_INVALID_MEDIA_POOL)
        log_info("allocate: no such media pool");
    if (rc == 0 && (a->pool.Info.MediaPool.PoolType != NTMS_POOLTYPE_APPLICATION ||
                    !media_pool_holds_media(&a->pool))) {
        log_info("allocate: \"%s\" is not an application pool of media", a->pool.szName);
        rc = ERROR_INVALID_MEDIA_POOL;
    }
    return rc;
}

/* Load the medium of side `side` and its sides into the context. */
static DWORD load_medium(store_t *st, struct alloc_ctx *a, const NTMS_OBJECTINFORMATIONA *side)
{
    DWORD rc = store_get(st, &side->Info.Partition.PhysicalMedia, &a->medium);

    return rc != 0 ? rc : media_load_sides(st, &a->medium.ObjectGuid, &a->sides);
}

static NTMS_OBJECTINFORMATIONA *find_side(struct alloc_ctx *a, const NTMS_GUID *id)
{
    for (size_t i = 0; i < a->sides.n; i++)
        if (model_guid_eq(&a->sides.v[i].ObjectGuid, id))
            return &a->sides.v[i];
    return NULL;
}

/* Is any side other than `taken` held? */
static bool others_held(const struct alloc_ctx *a, const NTMS_OBJECTINFORMATIONA *taken)
{
    for (size_t i = 0; i < a->sides.n; i++)
        if (&a->sides.v[i] != taken && media_side_held(a->sides.v[i].Info.Partition.State))
            return true;
    return false;
}

/* Take side `taken` of the loaded medium: move the medium into the pool
 * if needed, make the logical medium, allocate the side, and with
 * NTMS_ALLOCATE_NEW reserve the others. */
static DWORD claim(store_t *st, struct alloc_ctx *a, NTMS_OBJECTINFORMATIONA *taken)
{
    DWORD state = taken->Info.Partition.State;
    DWORD rc = 0;

    if ((state != NTMS_PARTSTATE_AVAILABLE && state != NTMS_PARTSTATE_IMPORT && state != NTMS_PARTSTATE_RESERVED) ||
        !model_guid_absent(&taken->Info.Partition.LogicalMedia)) {
        log_info("allocate: side \"%s\" is no longer free (state %lu)", taken->szName, (unsigned long)state);
        return ERROR_MEDIA_UNAVAILABLE;
    }
    a->from = a->medium.Info.PhysicalMedia.MediaPool;
    if (!model_guid_eq(&a->from, &a->pool.ObjectGuid))
        rc = media_put_in_pool(st, &a->medium, &a->sides, &a->pool);
    memset(&a->lmid, 0, sizeof a->lmid);
    if (rc == 0)
        rc = media_insert_lmid(st, &a->pool.ObjectGuid, taken->szName, &a->lmid);
    if (rc != 0)
        return rc;
    taken->Info.Partition.LogicalMedia = a->lmid;
    taken->Info.Partition.dwAllocateCount++;
    rc = media_side_set_state(st, taken, NTMS_PARTSTATE_ALLOCATED);
    for (size_t i = 0; rc == 0 && (a->req->options & NTMS_ALLOCATE_NEW) && i < a->sides.n; i++) {
        NTMS_OBJECTINFORMATIONA *o = &a->sides.v[i];
        if (o != taken && (o->Info.Partition.State == NTMS_PARTSTATE_AVAILABLE ||
                           o->Info.Partition.State == NTMS_PARTSTATE_IMPORT))
            rc = media_side_set_state(st, o, NTMS_PARTSTATE_RESERVED);
    }
    return rc;
}

/* lpPartition without NTMS_ALLOCATE_NEXT. */
static DWORD take_given(store_t *st, struct alloc_ctx *a)
{
    NTMS_OBJECTINFORMATIONA side, *taken;
    DWORD rc = media_read(st, a->req->partition, NTMS_PARTITION, ERROR_INVALID_MEDIA, &side);

    if (rc == ERROR_INVALID_MEDIA)
        log_info("allocate: lpPartition is not a side");
    if (rc == 0)
        rc = load_medium(st, a, &side);
    if (rc != 0)
        return rc;
    taken = find_side(a, &side.ObjectGuid);
    if (taken == NULL)
        return ERROR_DATABASE_FAILURE;
    if (!a->medium.Enabled || !taken->Enabled) {
        log_info("allocate: \"%s\" is disabled", a->medium.szName);
        return ERROR_MEDIA_OFFLINE;
    }
    if (!model_guid_eq(&a->medium.Info.PhysicalMedia.MediaType, &a->pool.Info.MediaPool.MediaType)) {
        log_info("allocate: \"%s\" is not of the media type of pool \"%s\"", a->medium.szName, a->pool.szName);
        return ERROR_MEDIA_INCOMPATIBLE;
    }
    if (taken->Info.Partition.State != NTMS_PARTSTATE_AVAILABLE &&
        taken->Info.Partition.State != NTMS_PARTSTATE_IMPORT) {
        log_info("allocate: side \"%s\" is neither Available nor Import", taken->szName);
        return ERROR_MEDIA_UNAVAILABLE;
    }
    bool elsewhere = !model_guid_eq(&a->medium.Info.PhysicalMedia.MediaPool, &a->pool.ObjectGuid);
    if ((elsewhere || (a->req->options & NTMS_ALLOCATE_NEW)) && others_held(a, taken)) {
        log_info("allocate: another side of \"%s\" is held", a->medium.szName);
        return ERROR_MEDIA_UNAVAILABLE;
    }
    if (elsewhere && media_in_use(&a->medium)) {
        log_info("allocate: \"%s\" is in use in a drive", a->medium.szName);
        return ERROR_MEDIA_UNAVAILABLE;
    }
    return claim(st, a, taken);
}

/* NTMS_ALLOCATE_NEXT: the medium named by the previous LMID, or else by
 * lpPartition, must be in the pool. */
static DWORD next_medium(store_t *st, struct alloc_ctx *a)
{
    NTMS_OBJECTINFORMATIONA obj, side;
    DWORD rc;

    if (a->req->previous != NULL) {
        rc = media_read(st, a->req->previous, NTMS_LOGICAL_MEDIA, ERROR_INVALID_MEDIA, &obj);
        if (rc == 0)
            rc = media_side_of(st, a->req->previous, &side);
    } else if (a->req->partition != NULL) {
        rc = media_read(st, a->req->partition, NTMS_PARTITION, ERROR_INVALID_MEDIA, &side);
    } else {
        rc = ERROR_INVALID_MEDIA;
    }
    if (rc == 0)
        rc = load_medium(st, a, &side);
    if (rc == 0 && !model_guid_eq(&a->medium.Info.PhysicalMedia.MediaPool, &a->pool.ObjectGuid))
        rc = ERROR_INVALID_MEDIA;
    if (rc == ERROR_INVALID_MEDIA)
        log_info("allocate next: the media ID names no medium of pool \"%s\"", a->pool.szName);
    return rc;
}

static DWORD take_next(store_t *st, struct alloc_ctx *a)
{
    static const DWORD order[] = {NTMS_PARTSTATE_RESERVED, NTMS_PARTSTATE_AVAILABLE};
    DWORD rc = next_medium(st, a);

    if (rc != 0)
        return rc;
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (size_t i = 0; i < a->sides.n; i++)
            if (a->sides.v[i].Info.Partition.State == order[k] &&
                model_guid_absent(&a->sides.v[i].Info.Partition.LogicalMedia))
                return claim(st, a, &a->sides.v[i]);
    log_info("allocate next: every side of \"%s\" is taken", a->medium.szName);
    return ERROR_MEDIA_UNAVAILABLE;
}

/* A side of `pool` by store_media_pick_side, claimed. */
static DWORD take_from(store_t *st, struct alloc_ctx *a, const NTMS_GUID *pool)
{
    NTMS_OBJECTINFORMATIONA side, *taken;
    NTMS_GUID id;
    DWORD rc = store_media_pick_side(st, pool, (a->req->options & NTMS_ALLOCATE_NEW) != 0, &id);

    if (rc == 0)
        rc = store_get(st, &id, &side);
    if (rc == 0)
        rc = load_medium(st, a, &side);
    if (rc != 0)
        return rc;
    taken = find_side(a, &id);
    return taken ? claim(st, a, taken) : ERROR_DATABASE_FAILURE;
}

static DWORD take_any(store_t *st, struct alloc_ctx *a)
{
    NTMS_OBJECTINFORMATIONA free_pool;
    DWORD rc = take_from(st, a, &a->pool.ObjectGuid);

    if (rc != ERROR_OBJECT_NOT_FOUND || !(a->pool.Info.MediaPool.AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH))
        return rc == ERROR_OBJECT_NOT_FOUND ? ERROR_MEDIA_UNAVAILABLE : rc;
    rc = media_free_pool(st, &a->pool.Info.MediaPool.MediaType, &free_pool);
    if (rc == 0)
        rc = take_from(st, a, &free_pool.ObjectGuid);
    return rc == ERROR_OBJECT_NOT_FOUND ? ERROR_MEDIA_UNAVAILABLE : rc;
}

static DWORD allocate_tx(store_t *st, void *arg)
{
    struct alloc_ctx *a = arg;
    DWORD rc = read_target_pool(st, a);

    if (rc != 0)
        return rc;
    if (a->req->options & NTMS_ALLOCATE_NEXT)
        return take_next(st, a);
    if (a->req->partition != NULL)
        return take_given(st, a);
    return take_any(st, a);
}

DWORD model_allocate(store_t *st, const principal_t *who, const model_alloc_t *req, NTMS_GUID *lmid,
                     NTMS_GUID *from)
{
    struct alloc_ctx *a;
    DWORD rc;

    (void)who;
    if (st == NULL || req == NULL || lmid == NULL || from == NULL)
        return ERROR_INVALID_PARAMETER;
    /* The context holds several whole records: keep it off the stack. */
    a = calloc(1, sizeof *a);
    if (a == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    a->req = req;
    rc = media_run(st, allocate_tx, a);
    if (rc == 0) {
        char g[37];
        *lmid = a->lmid;
        *from = a->from;
        log_debug("allocated logical media %s (\"%s\") in pool \"%s\"", media_guid_text(&a->lmid, g),
                  a->medium.szName, a->pool.szName);
    }
    free(a);
    return rc;
}

/* --- DeallocateNtmsMedia ------------------------------------------------------ */

struct dealloc_ctx {
    const NTMS_GUID *lmid;
    NTMS_OBJECTINFORMATIONA lm, pool, side, medium;
    media_sides_t sides;
};

/* After a side went back: free the reservations of a medium nobody holds
 * any more, and return it to Free when the pool says so. */
static DWORD settle_medium(store_t *st, struct dealloc_ctx *d)
{
    bool held = false, all_available = true;
    DWORD rc = store_get(st, &d->side.Info.Partition.PhysicalMedia, &d->medium);

    if (rc == 0)
        rc = media_load_sides(st, &d->medium.ObjectGuid, &d->sides);
    for (size_t i = 0; rc == 0 && i < d->sides.n; i++) {
        DWORD s = d->sides.v[i].Info.Partition.State;
        held |= s == NTMS_PARTSTATE_ALLOCATED || s == NTMS_PARTSTATE_COMPLETE;
    }
    for (size_t i = 0; rc == 0 && i < d->sides.n; i++) {
        NTMS_OBJECTINFORMATIONA *o = &d->sides.v[i];
        if (!held && o->Info.Partition.State == NTMS_PARTSTATE_RESERVED)
            rc = media_side_set_state(st, o, NTMS_PARTSTATE_AVAILABLE);
        all_available &= o->Info.Partition.State == NTMS_PARTSTATE_AVAILABLE;
    }
    if (rc != 0)
        return rc;
    if ((d->pool.Info.MediaPool.DeallocationPolicy & NTMS_DEALLOCATE_TOSCRATCH) && all_available) {
        NTMS_OBJECTINFORMATIONA free_pool;
        if (media_free_pool(st, &d->medium.Info.PhysicalMedia.MediaType, &free_pool) == 0)
            return media_put_in_pool(st, &d->medium, &d->sides, &free_pool);
        log_warn("deallocate: \"%s\" stays in pool \"%s\": its type has no Free pool", d->medium.szName,
                 d->pool.szName);
    }
    media_note_sides(&d->pool.ObjectGuid, &d->sides);
    return 0;
}

static DWORD deallocate_tx(store_t *st, void *arg)
{
    struct dealloc_ctx *d = arg;
    DWORD rc = media_read(st, d->lmid, NTMS_LOGICAL_MEDIA, ERROR_INVALID_MEDIA, &d->lm);
    DWORD max, to;

    if (rc == ERROR_INVALID_MEDIA)
        log_info("deallocate: no such logical media");
    if (rc == 0 && model_read_pool(st, &d->lm.Info.LogicalMedia.MediaPool, &d->pool) != 0)
        rc = ERROR_INVALID_MEDIA_POOL;
    if (rc == 0)
        rc = media_side_of(st, d->lmid, &d->side);
    if (rc != 0)
        return rc;
    max = d->pool.Info.MediaPool.dwMaxAllocates;
    to = max != 0 && d->side.Info.Partition.dwAllocateCount >= max ? NTMS_PARTSTATE_DECOMMISSIONED
                                                                 : NTMS_PARTSTATE_AVAILABLE;
    memset(&d->side.Info.Partition.LogicalMedia, 0, sizeof(NTMS_GUID));
    rc = media_side_set_state(st, &d->side, to);
    if (rc == 0)
        rc = store_delete(st, d->lmid);
    if (rc == 0 && to == NTMS_PARTSTATE_DECOMMISSIONED)
        log_info("deallocate: side \"%s\" reached %lu allocations and is decommissioned", d->side.szName,
                 (unsigned long)max);
    return rc == 0 ? settle_medium(st, d) : rc;
}

DWORD model_deallocate(store_t *st, const principal_t *who, const NTMS_GUID *lmid)
{
    struct dealloc_ctx *d;
    DWORD rc;

    (void)who;
    if (st == NULL || lmid == NULL)
        return ERROR_INVALID_PARAMETER;
    d = calloc(1, sizeof *d);
    if (d == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    d->lmid = lmid;
    rc = media_run(st, deallocate_tx, d);
    if (rc == 0) {
        char g[37];
        log_debug("deallocated logical media %s (\"%s\")", media_guid_text(lmid, g), d->side.szName);
    }
    free(d);
    return rc;
}
