/*
 * inventory.c - model_inventory: the media of a library reconciled with its
 * element status (library_model.h has the rules).
 *
 * The database's view of the library (its slot, port and drive objects, and
 * its media with their locations) is read in bulk and compared in memory, in
 * four passes over the full elements:
 *   A. elements with a trusted bar code: the medium with that code in this
 *      library, else anywhere (the codes not in this library looked up in
 *      one batch), else a new one;
 *   B. elements without one: the medium of this library recorded there, else
 *      a new one;
 *   C. the new ones are recorded, with GUIDs drawn in one sorted batch;
 *   D. media of this library that no element claimed go offline.
 * A bar code read on two elements at once is trusted on the first (by type
 * and address) only; the others count as unreadable, so a duplicate label
 * never makes two cartridges one. Only differences are written, and a medium
 * already where the status says costs no query at all, so an inventory
 * that changes nothing is the bulk reads and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cleaner.h"
#include "library_int.h"
#include "util/log.h"

#define MAX_TYPES_SEEN 16

/* A media type met in this inventory, with what a new medium needs. */
struct type_slot {
    char name[NTMS_OBJECTNAME_LENGTH];
    DWORD err; /* lookup result, so a missing type is reported once */
    NTMS_GUID type, pool;
    DWORD sides;
};

struct inv {
    store_t *st;
    const inventory_params_t *p;
    NTMS_GUID offline;
    lib_view_t view;
    lib_status_index_t ix;
    store_medium_t *media;
    size_t nmedia;
    unsigned char *seen;       /* per medium */
    size_t *by_code, ncode;    /* media with a readable bar code, by code */
    size_t *by_loc;            /* all media, by location GUID */
    const element_t **todo;    /* full elements of covered types */
    unsigned char *trusted;    /* per todo entry: its bar code is unique */
    size_t ntodo;
    struct fresh {             /* elements whose cartridge is new */
        const element_t *e;
        bool trusted;
        const struct type_slot *ts; /* its media type (pass C); NULL: skipped */
    } *fresh;
    size_t nfresh;
    uint32_t next_seq;
    NTMS_GUID *guids;          /* for the new objects, in order of insertion */
    size_t nguids_used;
    struct type_slot types[MAX_TYPES_SEEN];
    size_t ntypes;
    inventory_counts_t counts;
};

/* --- sorting ---------------------------------------------------------------- */

static int code_order(const void *a, const void *b, void *ctx)
{
    const store_medium_t *media = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(media[x].bar_code, media[y].bar_code);
    return c != 0 ? c : (x > y) - (x < y);
}

static int loc_order(const void *a, const void *b, void *ctx)
{
    const store_medium_t *media = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = memcmp(&media[x].location, &media[y].location, sizeof(NTMS_GUID));
    return c != 0 ? c : (x > y) - (x < y);
}

static int element_order(const element_t *x, const element_t *y)
{
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return (x->address > y->address) - (x->address < y->address);
}

static int voltag_order(const void *a, const void *b)
{
    const element_t *x = *(const element_t *const *)a, *y = *(const element_t *const *)b;
    int c = strcmp(x->voltag, y->voltag);
    return c != 0 ? c : element_order(x, y);
}

static bool has_code(const element_t *e)
{
    return e->has_voltag && e->voltag[0] != '\0';
}

/* --- loading ---------------------------------------------------------------- */

static void *alloc_array(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

static DWORD index_media(struct inv *v)
{
    v->seen = alloc_array(v->nmedia, 1);
    v->by_code = alloc_array(v->nmedia, sizeof(size_t));
    v->by_loc = alloc_array(v->nmedia, sizeof(size_t));
    if (v->seen == NULL || v->by_code == NULL || v->by_loc == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; i < v->nmedia; i++) {
        v->by_loc[i] = i;
        if (v->media[i].bar_code_state == NTMS_BARCODESTATE_OK && v->media[i].bar_code[0] != '\0')
            v->by_code[v->ncode++] = i;
    }
    qsort_r(v->by_code, v->ncode, sizeof(size_t), code_order, v->media);
    qsort_r(v->by_loc, v->nmedia, sizeof(size_t), loc_order, v->media);
    return 0;
}

/* The full elements of the covered types, sorted by bar code, with the
 * later holders of a repeated code marked untrusted. */
static DWORD collect_elements(struct inv *v, const element_status_t *s)
{
    v->todo = alloc_array(s->n, sizeof(*v->todo));
    v->trusted = alloc_array(s->n, 1);
    v->fresh = alloc_array(s->n, sizeof(*v->fresh));
    if (v->todo == NULL || v->trusted == NULL || v->fresh == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; i < s->n; i++) {
        const element_t *e = &s->v[i];
        if (e->full && e->type >= ELEM_TRANSPORT && e->type <= ELEM_DRIVE && lib_covers(v->p->types, e->type))
            v->todo[v->ntodo++] = e;
    }
    qsort(v->todo, v->ntodo, sizeof(*v->todo), voltag_order);
    for (size_t i = 0; i < v->ntodo; i++) {
        const element_t *e = v->todo[i];
        v->trusted[i] = has_code(e) && (i == 0 || strcmp(v->todo[i - 1]->voltag, e->voltag) != 0);
        if (has_code(e) && !v->trusted[i])
            log_warn("inventory: bar code %s is on element %u and on another one; element %u counts as "
                     "unlabelled", e->voltag, e->address, e->address);
    }
    return 0;
}

static DWORD load(struct inv *v, const element_status_t *s)
{
    DWORD err = store_offline_library(v->st, &v->offline);
    if (!err)
        err = lib_view_load(v->st, &v->p->library, &v->view);
    if (!err)
        err = lib_status_index(s, &v->ix);
    if (!err)
        err = store_library_media(v->st, &v->p->library, &v->media, &v->nmedia);
    if (!err)
        err = index_media(v);
    if (!err)
        err = collect_elements(v, s);
    if (err == ERROR_NOT_ENOUGH_MEMORY)
        log_error("inventory: out of memory for %zu elements and %zu media", s->n, v->nmedia);
    return err;
}

static void unload(struct inv *v)
{
    lib_view_free(&v->view);
    lib_status_index_free(&v->ix);
    free(v->media);
    free(v->seen);
    free(v->by_code);
    free(v->by_loc);
    free(v->todo);
    free(v->trusted);
    free(v->fresh);
    free(v->guids);
}

/* --- lookups ---------------------------------------------------------------- */

/* An unseen medium of this library with readable bar code `code`, or -1. */
static long medium_by_code(const struct inv *v, const char *code)
{
    size_t lo = 0, hi = v->ncode;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v->media[v->by_code[mid]].bar_code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < v->ncode && strcmp(v->media[v->by_code[lo]].bar_code, code) == 0; lo++)
        if (!v->seen[v->by_code[lo]])
            return (long)v->by_code[lo];
    return -1;
}

/* An unseen medium of this library recorded at `location`, or -1. */
static long medium_at(const struct inv *v, const NTMS_GUID *location)
{
    size_t lo = 0, hi = v->nmedia;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (memcmp(&v->media[v->by_loc[mid]].location, location, sizeof(*location)) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < v->nmedia && model_guid_eq(&v->media[v->by_loc[lo]].location, location); lo++)
        if (!v->seen[v->by_loc[lo]])
            return (long)v->by_loc[lo];
    return -1;
}

/* The element object for e, or NULL (the transport, or an address the
 * library did not report at registration). */
static const store_element_t *object_of(const struct inv *v, const element_t *e)
{
    return e->type == ELEM_TRANSPORT ? NULL : lib_view_find(&v->view, e->type, e->address);
}

/* --- passes ----------------------------------------------------------------- */

/* Is medium m already exactly where element object obj of type t puts it? */
static bool already_there(const store_medium_t *m, const store_element_t *obj, int t)
{
    return model_guid_eq(&m->location, &obj->guid) && m->location_type == lib_ntms_type(t) &&
           (t != ELEM_SLOT || model_guid_eq(&m->home_slot, &obj->guid));
}

/* Medium `id` (of this library when m != NULL) is in element e. */
static DWORD place(struct inv *v, const element_t *e, const NTMS_GUID *id, const store_medium_t *m)
{
    const store_element_t *obj = object_of(v, e);
    if (obj == NULL) {
        if (e->type != ELEM_TRANSPORT)
            log_warn("inventory: element %u has no object; its cartridge is left where it was recorded",
                     e->address);
        v->counts.unchanged += m != NULL;
        return 0;
    }
    if (m != NULL && already_there(m, obj, e->type)) {
        v->counts.unchanged++;
        return 0;
    }
    bool changed = false;
    DWORD err = lib_medium_place(v->st, id, &v->p->library, &obj->guid, e->type, &changed);
    if (!err) {
        if (changed)
            v->counts.moved++;
        else
            v->counts.unchanged++;
    }
    return err;
}

/* A: cartridges with a trusted bar code. Those this library does not hold
 * are looked up elsewhere all at once (codes are unique here, so placing
 * one never changes what another finds). */
static DWORD pass_codes(struct inv *v)
{
    size_t nmissing = 0;
    for (size_t i = 0; i < v->ntodo; i++) {
        if (!v->trusted[i])
            continue;
        const element_t *e = v->todo[i];
        long k = medium_by_code(v, e->voltag);
        if (k < 0) {
            v->fresh[nmissing++] = (struct fresh){e, true, NULL};
            continue;
        }
        v->seen[k] = 1;
        DWORD err = place(v, e, &v->media[k].guid, &v->media[k]);
        if (err)
            return err;
    }
    if (nmissing == 0)
        return 0;

    const char **codes = alloc_array(nmissing, sizeof(*codes));
    NTMS_GUID *other = alloc_array(nmissing, sizeof(*other));
    DWORD err = codes != NULL && other != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; !err && i < nmissing; i++)
        codes[i] = v->fresh[i].e->voltag;
    if (!err)
        err = store_media_by_barcodes(v->st, codes, nmissing, &v->p->library, other);
    for (size_t i = 0; !err && i < nmissing; i++) {
        const element_t *e = v->fresh[i].e;
        if (model_guid_absent(&other[i])) {
            v->fresh[v->nfresh++] = v->fresh[i]; /* new: recorded by pass C */
            continue;
        }
        log_info("inventory: cartridge %s is back (element %u)", e->voltag, e->address);
        err = place(v, e, &other[i], NULL);
    }
    if (err == ERROR_NOT_ENOUGH_MEMORY)
        log_error("inventory: out of memory looking up %zu bar codes", nmissing);
    free(codes);
    free(other);
    return err;
}

/* B: cartridges without one. */
static DWORD pass_unlabelled(struct inv *v)
{
    for (size_t i = 0; i < v->ntodo; i++) {
        if (v->trusted[i])
            continue;
        const element_t *e = v->todo[i];
        const store_element_t *obj = object_of(v, e);
        long k = obj != NULL ? medium_at(v, &obj->guid) : -1;
        if (k >= 0) {
            v->seen[k] = 1;
            v->counts.unchanged++;
        } else if (obj == NULL) {
            v->counts.skipped++; /* in the picker, or no object: nowhere to record it */
        } else {
            v->fresh[v->nfresh++] = (struct fresh){e, false, NULL};
        }
    }
    return 0;
}

/* The media type, its Unrecognized pool and its number of sides, looked up
 * once per inventory. */
static const struct type_slot *type_named(struct inv *v, const char *name)
{
    for (size_t i = 0; i < v->ntypes; i++)
        if (strcmp(v->types[i].name, name) == 0)
            return &v->types[i];
    if (v->ntypes == MAX_TYPES_SEEN)
        return NULL;
    struct type_slot *ts = &v->types[v->ntypes++];
    NTMS_OBJECTINFORMATIONA rec;
    model_copy_name(ts->name, sizeof(ts->name), name);
    ts->err = store_find_media_type(v->st, 0, name, &ts->type);
    if (!ts->err)
        ts->err = store_get(v->st, &ts->type, &rec);
    if (!ts->err)
        ts->sides = rec.Info.MediaType.NumberOfSides ? rec.Info.MediaType.NumberOfSides : 1;
    if (!ts->err)
        ts->err = store_find_system_pool(v->st, NTMS_POOLTYPE_FOREIGN, &ts->type, &ts->pool);
    if (ts->err)
        log_warn("inventory: media type \"%s\" or its Unrecognized pool is missing (error %u)", name,
                 (unsigned)ts->err);
    return ts;
}

/* The media type of the cartridge in e, or NULL (counted as skipped) when
 * the bar code names none and the library has no media_type, or the type
 * is missing from the database. */
static const struct type_slot *type_of(struct inv *v, const element_t *e)
{
    char tname[NTMS_OBJECTNAME_LENGTH];
    const char *code = e->has_voltag ? e->voltag : "";
    model_media_type_for_barcode(code, v->p->cleaner_prefix, v->p->media_type, tname, sizeof tname);
    const struct type_slot *ts = tname[0] != '\0' ? type_named(v, tname) : NULL;
    if (ts != NULL && !ts->err)
        return ts;
    if (tname[0] == '\0')
        log_warn("inventory: the media type of the cartridge in element %u (bar code \"%s\") is unknown; "
                 "set media_type for the library", e->address, code);
    v->counts.skipped++;
    return NULL;
}

/* The next GUID of the batch pass_new drew for its objects. */
static const NTMS_GUID *next_guid(struct inv *v)
{
    return &v->guids[v->nguids_used++];
}

static DWORD insert_sides(struct inv *v, const NTMS_OBJECTINFORMATIONA *pm, DWORD sides)
{
    for (DWORD s = 0; s < sides; s++) {
        NTMS_OBJECTINFORMATIONA side;
        char name[NTMS_OBJECTNAME_LENGTH + 4];
        snprintf(name, sizeof name, sides == 1 ? "%s" : "%s %c", pm->szName, (char)('A' + s));
        lib_record_init_as(&side, NTMS_PARTITION, name, next_guid(v));
        side.Info.Partition.PhysicalMedia = pm->ObjectGuid;
        side.Info.Partition.State = NTMS_PARTSTATE_FOREIGN;
        side.Info.Partition.Side = s;
        DWORD err = store_insert(v->st, &side);
        if (err)
            return err;
    }
    return 0;
}

/* Record the new cartridge f, of media type f->ts; an untrusted bar code is
 * kept for the record but marked unreadable, and the medium named after
 * its sequence number. */
static DWORD record_new(struct inv *v, const struct fresh *f)
{
    const element_t *e = f->e;
    const struct type_slot *ts = f->ts;
    const char *code = e->has_voltag ? e->voltag : "";
    const store_element_t *obj = object_of(v, e);
    NTMS_OBJECTINFORMATIONA rec;
    char seq[NTMS_SEQUENCE_LENGTH];
    snprintf(seq, sizeof seq, "%u", (unsigned)v->next_seq++);
    lib_record_init_as(&rec, NTMS_PHYSICAL_MEDIA, f->trusted ? code : seq, next_guid(v));
    NTMS_PMIDINFORMATIONA *pm = &rec.Info.PhysicalMedia;
    pm->CurrentLibrary = v->p->library;
    pm->MediaPool = ts->pool;
    pm->Location = obj->guid;
    pm->LocationType = lib_ntms_type(e->type);
    pm->MediaType = ts->type;
    if (e->type == ELEM_SLOT)
        pm->HomeSlot = obj->guid;
    model_copy_name(pm->szBarCode, sizeof(pm->szBarCode), code);
    pm->BarCodeState = f->trusted ? NTMS_BARCODESTATE_OK : NTMS_BARCODESTATE_UNREADABLE;
    model_copy_name(pm->szSequenceNumber, sizeof(pm->szSequenceNumber), seq);
    /* as lib_medium_place: a medium in a drive is LOADED, elsewhere IDLE */
    pm->MediaState = e->type == ELEM_DRIVE ? NTMS_MEDIASTATE_LOADED : NTMS_MEDIASTATE_IDLE;
    DWORD err = store_insert(v->st, &rec);
    if (!err)
        err = insert_sides(v, &rec, ts->sides);
    if (!err) {
        v->counts.added++;
        log_debug("inventory: new %s cartridge \"%s\" in element %u", ts->name, rec.szName, e->address);
    }
    return err;
}

/* C: the new cartridges, each a medium and its sides, whose GUIDs are
 * drawn in one sorted batch (model_new_guids). */
static DWORD pass_new(struct inv *v)
{
    size_t nobjects = 0;
    for (size_t i = 0; i < v->nfresh; i++) {
        struct fresh *f = &v->fresh[i];
        f->ts = type_of(v, f->e);
        nobjects += f->ts != NULL ? 1 + f->ts->sides : 0;
    }
    if (nobjects == 0)
        return 0;
    DWORD err = store_next_media_sequence(v->st, &v->next_seq);
    if (err)
        return err;
    v->guids = alloc_array(nobjects, sizeof(*v->guids));
    if (v->guids == NULL) {
        log_error("inventory: out of memory for %zu new objects", nobjects);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    model_new_guids(v->guids, nobjects);
    for (size_t i = 0; !err && i < v->nfresh; i++)
        if (v->fresh[i].ts != NULL)
            err = record_new(v, &v->fresh[i]);
    return err;
}

/* The element type of location `g` when it is an element object of this
 * library, else 0. */
static int location_type_of(const struct inv *v, const store_medium_t *m)
{
    int t = m->location_type == NTMS_STORAGESLOT ? ELEM_SLOT
            : m->location_type == NTMS_IEPORT    ? ELEM_PORT
            : m->location_type == NTMS_DRIVE     ? ELEM_DRIVE
                                                 : 0;
    if (t == 0)
        return 0;
    for (size_t k = 0; k < v->view.n[t]; k++)
        if (model_guid_eq(&v->view.el[t][k].guid, &m->location))
            return t;
    return 0;
}

/* D: media no element claimed. One recorded in an element of a type this
 * status does not cover stays where it is. */
static DWORD pass_gone(struct inv *v)
{
    for (size_t i = 0; i < v->nmedia; i++) {
        if (v->seen[i])
            continue;
        const store_medium_t *m = &v->media[i];
        int t = v->p->types != 0 ? location_type_of(v, m) : 0;
        if (t != 0 && !lib_covers(v->p->types, t))
            continue;
        DWORD err = lib_medium_offline(v->st, &m->guid, &v->offline);
        if (err)
            return err;
        v->counts.gone++;
        log_info("inventory: cartridge \"%s\" is no longer in the library; now offline",
                 m->bar_code[0] ? m->bar_code : "(no bar code)");
    }
    return 0;
}

/* --- entry point ------------------------------------------------------------ */

DWORD model_inventory(store_t *st, const inventory_params_t *p, const element_status_t *status,
                      inventory_counts_t *out)
{
    if (st == NULL || p == NULL || status == NULL || model_guid_absent(&p->library))
        return ERROR_INVALID_PARAMETER;
    struct inv v = {.st = st, .p = p};
    DWORD err = load(&v, status);
    if (!err)
        err = store_begin(st);
    if (!err) {
        err = pass_codes(&v);
        if (!err)
            err = pass_unlabelled(&v);
        if (!err)
            err = pass_new(&v);
        if (!err)
            err = pass_gone(&v);
        if (!err)
            err = lib_sync_states(st, &v.view, &v.ix, p->types);
        if (!err)
            err = model_cleaner_sync(st, &p->library,
                                     p->cleaner_uses ? p->cleaner_uses : RSM_CLEANER_USES_UNLIMITED);
        if (!err)
            err = store_commit(st);
        else
            store_rollback(st);
    }
    if (!err && out != NULL)
        *out = v.counts;
    unload(&v);
    return err;
}
