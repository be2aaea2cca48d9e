/*
 * refresh.c - inventories and refreshes on the loop side: the status read
 * by the worker is merged into the element cache, and the store is
 * reconciled with the cache (model_inventory) only where they may differ.
 *
 * The cache is the element status as last read, sorted by type and
 * address; `dirty_types` says in which element types the store may not yet
 * agree with it. A read that matches the cache leaves its types clean, so
 * an inventory that changes nothing costs the robot's answer and a
 * comparison in memory: no query, no write. A move through library_move
 * updates cache and store together and leaves them clean; anything else
 * that changes media of the library in the store must call
 * library_invalidate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library/library_int.h"
#include "store/store_changes.h"
#include "util/log.h"

struct inv_req {
    struct inv_req *next;
    library_t *lib;
    DWORD method;   /* FAST, OMID, SLOT or NONE; a refresh uses the object's at the end */
    bool refresh;
    unsigned types; /* element types read; 0: all */
    bool stopped;   /* NTMS_INVENTORY_STOP: finish with ERROR_CANCELLED */
    library_done_fn done;
    void *ctx;
};

/* --- the cache -------------------------------------------------------------- */

static int element_order(const void *a, const void *b)
{
    const element_t *x = a, *y = b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return (x->address > y->address) - (x->address < y->address);
}

/* What the model reads of an element. */
static bool same_element(const element_t *a, const element_t *b)
{
    return a->address == b->address && a->type == b->type && a->full == b->full &&
           a->has_voltag == b->has_voltag && strcmp(a->voltag, b->voltag) == 0;
}

/* [*lo, *hi): the elements of type t in a sorted list. */
static void range_of(const element_t *v, size_t n, int t, size_t *lo, size_t *hi)
{
    size_t i = 0;
    while (i < n && v[i].type < t)
        i++;
    *lo = i;
    while (i < n && v[i].type == t)
        i++;
    *hi = i;
}

static bool type_differs(const element_status_t *old, const element_t *v, size_t n, int t)
{
    size_t a0, a1, b0, b1;
    range_of(old->v, old->n, t, &a0, &a1);
    range_of(v, n, t, &b0, &b1);
    if (a1 - a0 != b1 - b0)
        return true;
    for (size_t k = 0; k < a1 - a0; k++)
        if (!same_element(&old->v[a0 + k], &v[b0 + k]))
            return true;
    return false;
}

bool refresh_merge(library_t *lib, element_status_t *fresh, unsigned types)
{
    unsigned cover = types != 0 ? types : ALL_TYPES;
    size_t keep = 0;
    for (size_t i = 0; i < lib->cache.n; i++)
        keep += !(cover & TYPE_BIT(lib->cache.v[i].type));
    element_t *v = malloc((keep + fresh->n + 1) * sizeof(*v));
    if (v == NULL) {
        log_error("library %s: out of memory merging element status; will reconcile everything",
                  lib->cfg.name);
        lib->dirty_types = ALL_TYPES;
        element_status_free(fresh);
        return true;
    }
    size_t n = 0;
    for (size_t i = 0; i < lib->cache.n; i++)
        if (!(cover & TYPE_BIT(lib->cache.v[i].type)))
            v[n++] = lib->cache.v[i];
    if (fresh->n > 0)
        memcpy(v + n, fresh->v, fresh->n * sizeof(*v));
    n += fresh->n;
    qsort(v, n, sizeof(*v), element_order);

    bool differs = false;
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++) {
        if ((cover & TYPE_BIT(t)) && type_differs(&lib->cache, v, n, t)) {
            lib->dirty_types |= TYPE_BIT(t);
            differs = true;
        }
    }
    element_status_free(&lib->cache);
    element_status_free(fresh);
    lib->cache.v = v;
    lib->cache.n = n;
    lib->have_cache = true;
    return differs;
}

void refresh_set_cache(library_t *lib, element_status_t *s)
{
    element_status_free(&lib->cache);
    lib->cache = *s;
    memset(s, 0, sizeof(*s));
    if (lib->cache.n > 1)
        qsort(lib->cache.v, lib->cache.n, sizeof(*lib->cache.v), element_order);
    lib->have_cache = true;
    lib->dirty_types = ALL_TYPES;
}

/* --- reconciling ------------------------------------------------------------ */

static unsigned full_elements(const element_status_t *s, unsigned cover)
{
    unsigned n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->v[i].full && (cover & TYPE_BIT(s->v[i].type));
    return n;
}

static library_inventory_fn inventory_hook;

void library_set_inventory_hook(library_inventory_fn fn)
{
    inventory_hook = fn;
}

static DWORD reconcile(library_t *lib, unsigned types, DWORD method)
{
    unsigned cover = types != 0 ? types : ALL_TYPES;
    if (!(lib->dirty_types & cover)) {
        lib->last_counts = (inventory_counts_t){.unchanged = full_elements(&lib->cache, cover)};
        log_debug("library %s: inventory: nothing changed", lib->cfg.name);
        return 0;
    }
    /* NTMS_INVENTORY_OMID reads labels above the core (daemon/label/omid.c):
     * here it is a FAST inventory, by bar code, like this. */
    inventory_params_t p = {
        .library = lib->guid,
        .types = types,
        .cleaner_prefix = lib->cfg.cleaner_prefix,
        .media_type = lib->media_type,
        .cleaner_uses = lib->cfg.cleaner_uses,
    };
    inventory_counts_t c;
    DWORD err = model_inventory(lib->st, &p, &lib->cache, &c);
    if (err) {
        log_error("library %s: inventory failed (error %u); the database keeps its previous view",
                  lib->cfg.name, (unsigned)err);
        return err;
    }
    lib->dirty_types &= ~cover;
    lib->last_counts = c;
    log_info("library %s: inventory%s: %u added, %u moved, %u gone, %u unchanged%s", lib->cfg.name,
             method == NTMS_INVENTORY_OMID ? " (by bar code; labels are read next)" : "", c.added, c.moved,
             c.gone, c.unchanged, c.skipped ? " (some cartridges unrecorded: see above)" : "");
    return 0;
}

DWORD refresh_reconcile(library_t *lib, unsigned types, DWORD method)
{
    DWORD err = reconcile(lib, types, method);
    if (err == 0 && inventory_hook != NULL)
        inventory_hook(lib, lib->startup_inventory);
    return err;
}

void library_invalidate(library_t *lib)
{
    if (lib != NULL)
        lib->dirty_types = ALL_TYPES;
}

/* --- requests --------------------------------------------------------------- */

static void finish(struct inv_req *r, DWORD err)
{
    library_t *lib = r->lib;
    for (struct inv_req **p = &lib->inventories; *p != NULL; p = &(*p)->next) {
        if (*p == r) {
            *p = r->next;
            break;
        }
    }
    if (r->done != NULL)
        r->done(lib, err, r->ctx);
    free(r);
}

static void on_status_done(job_t *job)
{
    struct inv_req *r = job->ctx;
    library_t *lib = job->lib;
    DWORD err = job->result;
    if (!err)
        refresh_merge(lib, &job->status, r->types);
    if (!err && (r->stopped || lib->stopping))
        err = ERROR_CANCELLED;
    if (!err) {
        DWORD method = r->refresh ? library_object_method(lib) : r->method;
        if (method != NTMS_INVENTORY_NONE)
            err = refresh_reconcile(lib, r->types, method);
    }
    if (!err) /* NTMS_EVENT_COMPLETE on the library, for its notification handles */
        store_changes_note(lib->st, NTMS_LIBRARY, NTMS_EVENT_COMPLETE, &lib->guid);
    finish(r, err);
    job_free(job);
}

/* SLOT: the robot has re-scanned its elements; now read them. */
static void on_rescan_done(job_t *job)
{
    struct inv_req *r = job->ctx;
    library_t *lib = job->lib;
    DWORD err = job->result;
    if (!err && (r->stopped || lib->stopping))
        err = ERROR_CANCELLED;
    if (!err) {
        job->kind = JOB_STATUS;
        job->types = r->types;
        job->done = on_status_done;
        err = library_submit(lib, job);
        if (!err)
            return;
    }
    finish(r, err);
    job_free(job);
}

static DWORD start(library_t *lib, DWORD method, bool refresh, unsigned types, library_done_fn done, void *ctx)
{
    if (lib->stopping)
        return ERROR_LIBRARY_OFFLINE;
    if (lib->state == LIBRARY_FAILED)
        return ERROR_DEVICE_NOT_AVAILABLE;
    struct inv_req *r = calloc(1, sizeof(*r));
    bool rescan = method == NTMS_INVENTORY_SLOT;
    job_t *job = r != NULL ? job_new(rescan ? JOB_RESCAN : JOB_STATUS, rescan ? on_rescan_done : on_status_done, r)
                           : NULL;
    if (job == NULL) {
        free(r);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *r = (struct inv_req){.lib = lib, .method = method, .refresh = refresh, .types = types, .done = done, .ctx = ctx};
    job->types = types; /* JOB_RESCAN: from 0, count 0 = every element */
    DWORD err = library_submit(lib, job);
    if (err) {
        job_free(job);
        free(r);
        return err;
    }
    r->next = lib->inventories;
    lib->inventories = r;
    return 0;
}

DWORD library_inventory(library_t *lib, DWORD method, library_done_fn done, void *ctx)
{
    if (lib == NULL)
        return ERROR_INVALID_PARAMETER;
    switch (method) {
    case NTMS_INVENTORY_STOP:
        for (struct inv_req *r = lib->inventories; r != NULL; r = r->next)
            r->stopped = true;
        if (lib->inventories != NULL)
            log_info("library %s: inventory stopped", lib->cfg.name);
        return 0;
    case NTMS_INVENTORY_DEFAULT:
        method = library_object_method(lib);
        break;
    case NTMS_INVENTORY_NONE:
    case NTMS_INVENTORY_FAST:
    case NTMS_INVENTORY_OMID:
    case NTMS_INVENTORY_SLOT:
        break;
    default:
        return ERROR_INVALID_PARAMETER;
    }
    return start(lib, method, false, 0, done, ctx);
}

DWORD library_refresh(library_t *lib, unsigned types, library_done_fn done, void *ctx)
{
    if (lib == NULL || (types & ~ALL_TYPES) != 0)
        return ERROR_INVALID_PARAMETER;
    return start(lib, NTMS_INVENTORY_DEFAULT, true, types, done, ctx);
}

void refresh_cancel_all(library_t *lib, DWORD err)
{
    while (lib->inventories != NULL)
        finish(lib->inventories, err);
}
