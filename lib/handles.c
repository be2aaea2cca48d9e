/*
 * handles.c - tables that turn librsm's objects into HANDLEs.
 *
 * Handles are never pointers. A HANDLE encodes a table's tag, a slot index
 * and the slot's generation, which changes every time the slot is freed.
 * Looking a handle up therefore rejects NULL, INVALID_HANDLE_VALUE, random
 * bits, handles closed earlier and handles of another table (a session
 * handle given where a notification handle belongs) without ever touching
 * freed memory.
 *
 * An object is reference-counted under its table's lock: the table holds
 * one reference and every call in progress another, so a handle can be
 * closed while other threads are inside calls on it; the memory goes when
 * the last reference is released.
 */
#include <stdlib.h>

#include "rsm_internal.h"

/* Handle layout, low bits first: a 4-bit tag, the slot index, then the
 * generation. No tag is 0 or 0xF, so NULL and INVALID_HANDLE_VALUE never
 * decode to a slot. */
#define TAG_BITS 4
#define INDEX_BITS 20
#define MAX_SLOTS ((uintptr_t)1 << INDEX_BITS)
#define GEN_SHIFT (TAG_BITS + INDEX_BITS)
#define GEN_MASK (UINTPTR_MAX >> GEN_SHIFT)

struct handle_slot {
    handle_obj_t *obj; /* NULL when free */
    uintptr_t generation; /* never 0 */
};

static HANDLE encode(const handle_table_t *t, size_t index, uintptr_t generation)
{
    return (HANDLE)(generation << GEN_SHIFT | (uintptr_t)index << TAG_BITS | t->tag);
}

/* The slot a handle names, or NULL. Called with t->lock held. */
static struct handle_slot *lookup_locked(handle_table_t *t, HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    size_t index = (size_t)((v >> TAG_BITS) & (MAX_SLOTS - 1));

    if ((v & ((1u << TAG_BITS) - 1)) != t->tag || index >= t->nslots)
        return NULL;
    if (t->slots[index].obj == NULL || t->slots[index].generation != v >> GEN_SHIFT)
        return NULL;
    return &t->slots[index];
}

/* Empty a slot; its next occupant gets a new generation, so the old handle
 * stays invalid. Called with t->lock held. */
static void free_slot_locked(struct handle_slot *slot)
{
    slot->obj = NULL;
    slot->generation = (slot->generation + 1) & GEN_MASK;
    if (slot->generation == 0)
        slot->generation = 1;
}

DWORD handle_insert(handle_table_t *t, handle_obj_t *obj, HANDLE *out)
{
    size_t i;

    pthread_mutex_lock(&t->lock);
    for (i = 0; i < t->nslots && t->slots[i].obj != NULL; i++)
        ;
    if (i == t->nslots) {
        size_t grown = t->nslots ? t->nslots * 2 : 16;
        struct handle_slot *bigger;

        if (grown > MAX_SLOTS)
            grown = MAX_SLOTS;
        bigger = grown > t->nslots ? realloc(t->slots, grown * sizeof(*bigger)) : NULL;
        if (bigger == NULL) {
            pthread_mutex_unlock(&t->lock);
            rsm_log("cannot open more than %zu handles of one kind", t->nslots);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        for (size_t k = t->nslots; k < grown; k++) {
            bigger[k].obj = NULL;
            bigger[k].generation = 1;
        }
        t->slots = bigger;
        t->nslots = grown;
    }
    obj->refs = 1; /* the table's */
    t->slots[i].obj = obj;
    *out = encode(t, i, t->slots[i].generation);
    pthread_mutex_unlock(&t->lock);
    return 0;
}

/* The object `h` names, with a reference added, or taken out of the table
 * with the table's reference passing to the caller. */
static handle_obj_t *find(handle_table_t *t, HANDLE h, int remove)
{
    handle_obj_t *obj = NULL;
    struct handle_slot *slot;

    pthread_mutex_lock(&t->lock);
    slot = lookup_locked(t, h);
    if (slot != NULL) {
        obj = slot->obj;
        if (remove)
            free_slot_locked(slot);
        else
            obj->refs++;
    }
    pthread_mutex_unlock(&t->lock);
    return obj;
}

handle_obj_t *handle_acquire(handle_table_t *t, HANDLE h)
{
    return find(t, h, 0);
}

void handle_hold(handle_table_t *t, handle_obj_t *obj)
{
    pthread_mutex_lock(&t->lock);
    obj->refs++;
    pthread_mutex_unlock(&t->lock);
}

int handle_release(handle_table_t *t, handle_obj_t *obj)
{
    unsigned refs;

    pthread_mutex_lock(&t->lock);
    refs = --obj->refs;
    pthread_mutex_unlock(&t->lock);
    return refs == 0;
}

handle_obj_t *handle_remove(handle_table_t *t, HANDLE h)
{
    return find(t, h, 1);
}

DWORD handle_check(handle_table_t *t, HANDLE h)
{
    DWORD err;

    pthread_mutex_lock(&t->lock);
    err = lookup_locked(t, h) != NULL ? 0 : ERROR_INVALID_HANDLE;
    pthread_mutex_unlock(&t->lock);
    return err;
}
