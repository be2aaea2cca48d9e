/*
 * elements.c - the element objects of a library (slots, IE ports, drives)
 * and where media sit among them: bulk views, the state an object should
 * have for what the robot reports, and the few writes shared by
 * registration, inventory and moves (library_int.h).
 */
#include <stdlib.h>

#include "library_int.h"
#include "util/log.h"

DWORD lib_ntms_type(int t)
{
    switch (t) {
    case ELEM_SLOT: return NTMS_STORAGESLOT;
    case ELEM_PORT: return NTMS_IEPORT;
    case ELEM_DRIVE: return NTMS_DRIVE;
    default: return NTMS_UNKNOWN;
    }
}

void lib_record_init_as(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name, const NTMS_GUID *id)
{
    memset(rec, 0, sizeof(*rec));
    rec->dwSize = sizeof(*rec);
    rec->dwType = type;
    rec->Enabled = TRUE;
    rec->dwOperationalState = NTMS_READY;
    rec->ObjectGuid = *id;
    model_copy_name(rec->szName, sizeof(rec->szName), name);
}

void lib_record_init(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name)
{
    NTMS_GUID id;
    model_new_guid(&id);
    lib_record_init_as(rec, type, name, &id);
}

/* --- views ---------------------------------------------------------------- */

static const int element_types[] = {ELEM_SLOT, ELEM_PORT, ELEM_DRIVE};
#define NELEMENT_TYPES (sizeof element_types / sizeof element_types[0])

DWORD lib_view_load(store_t *st, const NTMS_GUID *library, lib_view_t *v)
{
    memset(v, 0, sizeof(*v));
    for (size_t i = 0; i < NELEMENT_TYPES; i++) {
        int t = element_types[i];
        DWORD err = store_library_elements(st, library, lib_ntms_type(t), &v->el[t], &v->n[t]);
        if (err) {
            lib_view_free(v);
            return err;
        }
    }
    return 0;
}

void lib_view_free(lib_view_t *v)
{
    for (int t = 0; t <= ELEM_TYPES; t++)
        free(v->el[t]);
    memset(v, 0, sizeof(*v));
}

/* The rows are ordered by number: binary search, then back to the first of
 * equal numbers (hand-made objects may share one). */
store_element_t *lib_view_find(const lib_view_t *v, int t, uint32_t address)
{
    if (t < 0 || t > ELEM_TYPES)
        return NULL;
    size_t lo = 0, hi = v->n[t];
    store_element_t *el = v->el[t];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (el[mid].number < address)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->n[t] && el[lo].number == address ? &el[lo] : NULL;
}

/* --- status index ---------------------------------------------------------- */

static int by_address(const void *a, const void *b)
{
    const element_t *x = *(const element_t *const *)a, *y = *(const element_t *const *)b;
    return (x->address > y->address) - (x->address < y->address);
}

DWORD lib_status_index(const element_status_t *s, lib_status_index_t *ix)
{
    memset(ix, 0, sizeof(*ix));
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].type >= ELEM_TRANSPORT && s->v[i].type <= ELEM_DRIVE)
            ix->n[s->v[i].type]++;
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++) {
        if (ix->n[t] == 0)
            continue;
        ix->el[t] = malloc(ix->n[t] * sizeof(*ix->el[t]));
        if (ix->el[t] == NULL) {
            lib_status_index_free(ix);
            log_error("inventory: out of memory indexing %zu elements", s->n);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        ix->n[t] = 0;
    }
    for (size_t i = 0; i < s->n; i++) {
        int t = s->v[i].type;
        if (t >= ELEM_TRANSPORT && t <= ELEM_DRIVE)
            ix->el[t][ix->n[t]++] = &s->v[i];
    }
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++)
        if (ix->n[t] > 1)
            qsort(ix->el[t], ix->n[t], sizeof(*ix->el[t]), by_address);
    return 0;
}

void lib_status_index_free(lib_status_index_t *ix)
{
    for (int t = 0; t <= ELEM_TYPES; t++)
        free(ix->el[t]);
    memset(ix, 0, sizeof(*ix));
}

const element_t *lib_status_find(const lib_status_index_t *ix, int t, uint32_t address)
{
    if (t < ELEM_TRANSPORT || t > ELEM_DRIVE)
        return NULL;
    size_t lo = 0, hi = ix->n[t];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->el[t][mid]->address < address)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n[t] && ix->el[t][lo]->address == address ? ix->el[t][lo] : NULL;
}

/* --- states --------------------------------------------------------------- */

/* The state (slot State, port Content, drive State) an object should have
 * when its element is `e` (NULL: not reported). */
static uint32_t wanted_state(int t, const element_t *e, uint32_t current)
{
    switch (t) {
    case ELEM_SLOT:
        return e == NULL ? NTMS_SLOTSTATE_NOTPRESENT : e->full ? NTMS_SLOTSTATE_FULL : NTMS_SLOTSTATE_EMPTY;
    case ELEM_PORT:
        return e == NULL ? NTMS_PORTCONTENT_UNKNOWN : e->full ? NTMS_PORTCONTENT_FULL : NTMS_PORTCONTENT_EMPTY;
    case ELEM_DRIVE:
        if (e == NULL)
            return current;
        if (!e->full)
            return NTMS_DRIVESTATE_DISMOUNTED;
        return current == NTMS_DRIVESTATE_DISMOUNTED ? NTMS_DRIVESTATE_DISMOUNTABLE : current;
    default:
        return current;
    }
}

static void put_state(NTMS_OBJECTINFORMATIONA *rec, int t, uint32_t state)
{
    switch (t) {
    case ELEM_SLOT: rec->Info.StorageSlot.State = state; break;
    case ELEM_PORT: rec->Info.IEPort.Content = state; break;
    case ELEM_DRIVE: rec->Info.Drive.State = state; break;
    default: break;
    }
}

/* Slots carry presence in their State; ports, which are few, in their
 * operational state as well. A drive's operational state says whether a
 * device is bound to it, which registration decides. */
static DWORD sync_one(store_t *st, store_element_t *obj, int t, const element_t *e)
{
    uint32_t state = wanted_state(t, e, obj->state);
    bool opstate_matters = t == ELEM_PORT;
    if (state == obj->state && !opstate_matters)
        return 0;
    NTMS_OBJECTINFORMATIONA have, want;
    DWORD err = store_get(st, &obj->guid, &have);
    if (err)
        return err;
    want = have;
    put_state(&want, t, state);
    if (opstate_matters)
        want.dwOperationalState = e != NULL ? NTMS_READY : NTMS_NOT_PRESENT;
    err = lib_update_if_changed(st, &have, &want, NULL);
    if (!err)
        obj->state = state;
    return err;
}

DWORD lib_element_mark(store_t *st, const NTMS_GUID *obj, int t, bool full)
{
    NTMS_OBJECTINFORMATIONA have, want;
    element_t e = {.type = (uint8_t)t, .full = full};
    DWORD err = store_get(st, obj, &have);
    if (err)
        return err;
    uint32_t current = t == ELEM_SLOT   ? have.Info.StorageSlot.State
                       : t == ELEM_PORT ? have.Info.IEPort.Content
                                        : have.Info.Drive.State;
    want = have;
    put_state(&want, t, wanted_state(t, &e, current));
    return lib_update_if_changed(st, &have, &want, NULL);
}

DWORD lib_sync_states(store_t *st, lib_view_t *v, const lib_status_index_t *ix, unsigned types)
{
    for (size_t i = 0; i < NELEMENT_TYPES; i++) {
        int t = element_types[i];
        if (!lib_covers(types, t))
            continue;
        for (size_t k = 0; k < v->n[t]; k++) {
            store_element_t *obj = &v->el[t][k];
            DWORD err = sync_one(st, obj, t, lib_status_find(ix, t, obj->number));
            if (err)
                return err;
        }
    }
    return 0;
}

/* --- writes --------------------------------------------------------------- */

DWORD lib_update_if_changed(store_t *st, const NTMS_OBJECTINFORMATIONA *have, const NTMS_OBJECTINFORMATIONA *want,
                            bool *changed)
{
    bool differs = have->Enabled != want->Enabled || have->dwOperationalState != want->dwOperationalState ||
                   memcmp(have->szName, want->szName, sizeof(have->szName)) != 0 ||
                   memcmp(have->szDescription, want->szDescription, sizeof(have->szDescription)) != 0 ||
                   memcmp(&have->Info, &want->Info, sizeof(have->Info)) != 0;
    if (changed != NULL)
        *changed = differs;
    return differs ? store_update(st, want) : 0;
}

DWORD lib_medium_place(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *library, const NTMS_GUID *element,
                       int t, bool *changed)
{
    NTMS_OBJECTINFORMATIONA have, want;
    DWORD err = store_get(st, medium, &have);
    if (err)
        return err;
    want = have;
    NTMS_PMIDINFORMATIONA *pm = &want.Info.PhysicalMedia;
    bool from_elsewhere = !model_guid_eq(&pm->CurrentLibrary, library);
    pm->CurrentLibrary = *library;
    pm->Location = *element;
    pm->LocationType = lib_ntms_type(t);
    if (t == ELEM_SLOT)
        pm->HomeSlot = *element;
    else if (from_elsewhere)
        memset(&pm->HomeSlot, 0, sizeof(pm->HomeSlot));
    /* A medium in a drive is at least LOADED (the mount queue makes it
     * MOUNTED); anywhere else nothing holds it, so it is IDLE and mounts
     * no side. */
    if (t == ELEM_DRIVE) {
        if (pm->MediaState == NTMS_MEDIASTATE_IDLE || pm->MediaState == NTMS_MEDIASTATE_UNLOADED)
            pm->MediaState = NTMS_MEDIASTATE_LOADED;
    } else if (pm->MediaState == NTMS_MEDIASTATE_LOADED || pm->MediaState == NTMS_MEDIASTATE_MOUNTED ||
               pm->MediaState == NTMS_MEDIASTATE_UNLOADED || pm->MediaState == NTMS_MEDIASTATE_INUSE) {
        pm->MediaState = NTMS_MEDIASTATE_IDLE;
        memset(&pm->MountedPartition, 0, sizeof pm->MountedPartition);
    }
    return lib_update_if_changed(st, &have, &want, changed);
}

DWORD lib_medium_offline(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *offline)
{
    NTMS_OBJECTINFORMATIONA have, want;
    DWORD err = store_get(st, medium, &have);
    if (err)
        return err;
    want = have;
    NTMS_PMIDINFORMATIONA *pm = &want.Info.PhysicalMedia;
    pm->CurrentLibrary = *offline;
    pm->Location = *offline;
    pm->LocationType = NTMS_LIBRARY;
    memset(&pm->HomeSlot, 0, sizeof(pm->HomeSlot));
    return lib_update_if_changed(st, &have, &want, NULL);
}

DWORD lib_element_at(store_t *st, const NTMS_GUID *library, uint16_t address, NTMS_GUID *out, int *t)
{
    for (size_t i = 0; i < NELEMENT_TYPES; i++) {
        DWORD err = store_library_element(st, library, lib_ntms_type(element_types[i]), address, out);
        if (err != ERROR_OBJECT_NOT_FOUND) {
            *t = element_types[i];
            return err;
        }
    }
    return ERROR_OBJECT_NOT_FOUND;
}
