/*
 * library_int.h - what the library files of daemon/model/ share
 * (library_objects.c, inventory.c, moves.c; implemented in elements.c):
 * the element objects of a library loaded in bulk, the state each object
 * should have for an element status, and the few writes every one of them
 * makes (an object when it changed, a medium put somewhere).
 */
#ifndef RSM_MODEL_LIBRARY_INT_H
#define RSM_MODEL_LIBRARY_INT_H

#include <stdbool.h>

#include "library_model.h"
#include "model_int.h"
#include "store/store_library.h"

/* Does a `types` mask (1u << ELEM_x; 0 = all) cover element type t? */
static inline bool lib_covers(unsigned types, int t)
{
    return types == 0 || (types & (1u << t)) != 0;
}

/* The NTMS object type of element type t (ELEM_SLOT -> NTMS_STORAGESLOT,
 * ELEM_PORT -> NTMS_IEPORT, ELEM_DRIVE -> NTMS_DRIVE); NTMS_UNKNOWN for the
 * transport, which has no object. */
DWORD lib_ntms_type(int t);

/* The slot, port and drive objects of a library, per element type, ordered
 * by number (= element address). */
typedef struct lib_view {
    store_element_t *el[ELEM_TYPES + 1];
    size_t n[ELEM_TYPES + 1];
} lib_view_t;

DWORD lib_view_load(store_t *st, const NTMS_GUID *library, lib_view_t *v);
void lib_view_free(lib_view_t *v);
/* The object of element (t, address), or NULL. */
store_element_t *lib_view_find(const lib_view_t *v, int t, uint32_t address);

/* An element status indexed by type and address (a backend lists elements
 * by type then address, but nothing here relies on it). */
typedef struct lib_status_index {
    const element_t **el[ELEM_TYPES + 1];
    size_t n[ELEM_TYPES + 1];
} lib_status_index_t;

DWORD lib_status_index(const element_status_t *s, lib_status_index_t *ix);
void lib_status_index_free(lib_status_index_t *ix);
/* Element (t, address) of the status, or NULL. */
const element_t *lib_status_find(const lib_status_index_t *ix, int t, uint32_t address);

/* Bring the state of every object of the covered types in line with the
 * status: slots FULL/EMPTY, ports FULL/EMPTY, drives DISMOUNTED when empty
 * and DISMOUNTABLE when found full while dismounted (a mounted or loaded
 * drive keeps its state). An object whose element the status does not
 * report is marked not present (a port also in its operational state, and
 * NTMS_READY again once reported). The view's states follow what was
 * written. */
DWORD lib_sync_states(store_t *st, lib_view_t *v, const lib_status_index_t *ix, unsigned types);

/* Element object `obj` of element type t marked full or empty, as if the
 * status had reported it so. */
DWORD lib_element_mark(store_t *st, const NTMS_GUID *obj, int t, bool full);

/* store_update(want) when it differs from `have` (a store_get of the same
 * object that `want` started as a copy of); *changed (may be NULL) says
 * whether it did. */
DWORD lib_update_if_changed(store_t *st, const NTMS_OBJECTINFORMATIONA *have, const NTMS_OBJECTINFORMATIONA *want,
                            bool *changed);

/* Put `medium` in `library` at element object `element` of element type t
 * (its HomeSlot becomes the slot when t is ELEM_SLOT; a medium coming from
 * another library loses its old home slot). *changed as above. */
DWORD lib_medium_place(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *library, const NTMS_GUID *element,
                       int t, bool *changed);

/* Move `medium` to the offline library `offline`. */
DWORD lib_medium_offline(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *offline);

/* The slot, port or drive object at element address `address` of `library`
 * and its element type; ERROR_OBJECT_NOT_FOUND when none. */
DWORD lib_element_at(store_t *st, const NTMS_GUID *library, uint16_t address, NTMS_GUID *out, int *t);

/* A zeroed record of `type`, Enabled, NTMS_READY, with a fresh GUID. */
void lib_record_init(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name);
/* The same with GUID `id` (one of a batch from model_new_guids). */
void lib_record_init_as(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name, const NTMS_GUID *id);

#endif
