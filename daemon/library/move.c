/*
 * move.c - library_move: one robot move with its intent recorded first
 * (library.h; the database side is model/moves.c).
 *
 * Order: intent in the store -> JOB_MOVE -> on success, medium, element
 * objects and intent in one transaction, and the element cache moved the
 * same way, so store and cache stay in agreement and the next inventory
 * has nothing to do. A refusal by the library closes the intent. A device
 * that stopped answering leaves the move's outcome unknown: the intent
 * stays open and the next attach (which the fault schedules) settles it
 * from the element status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library/library_int.h"
#include "util/log.h"

struct move_req {
    int64_t intent;
    NTMS_GUID medium; /* zero: whatever is recorded at `from` */
    uint16_t from, to;
    library_done_fn done;
    void *ctx;
};

/* The cartridge of element `from` is now in `to`, as the robot would
 * report it. */
static void cache_move(library_t *lib, uint16_t from, uint16_t to)
{
    element_t *src = element_find(&lib->cache, from), *dst = element_find(&lib->cache, to);
    if (src == NULL || dst == NULL) {
        lib->dirty_types = ALL_TYPES; /* an element we never read: trust nothing */
        return;
    }
    dst->full = true;
    dst->has_voltag = src->has_voltag;
    memcpy(dst->voltag, src->voltag, sizeof(dst->voltag));
    dst->source_valid = true;
    dst->source_address = from;
    src->full = false;
    src->has_voltag = false;
    src->voltag[0] = '\0';
    src->source_valid = false;
}

static void on_move_done(job_t *job)
{
    struct move_req *r = job->ctx;
    library_t *lib = job->lib;
    DWORD err = job->result;
    if (err == 0) {
        const NTMS_GUID *medium = memcmp(&r->medium, &(NTMS_GUID){0}, sizeof(r->medium)) ? &r->medium : NULL;
        cache_move(lib, r->from, r->to);
        err = model_move_done(lib->st, &lib->guid, r->intent, medium, r->from, r->to);
        if (err) {
            log_error("library %s: the cartridge moved from %u to %u but recording it failed (error %u); the "
                      "next inventory will", lib->cfg.name, r->from, r->to, (unsigned)err);
            lib->dirty_types = ALL_TYPES;
        }
    } else if (library_is_fault(err)) {
        log_warn("library %s: move %u -> %u: outcome unknown (%s); settled when the library answers again",
                 lib->cfg.name, r->from, r->to, job->why);
    } else {
        log_info("library %s: move %u -> %u refused: %s", lib->cfg.name, r->from, r->to, job->why);
        DWORD e2 = model_move_failed(lib->st, r->intent);
        if (e2)
            log_error("library %s: cannot close the record of move %u -> %u (error %u)", lib->cfg.name,
                      r->from, r->to, (unsigned)e2);
    }
    if (r->done != NULL)
        r->done(lib, err, r->ctx);
    free(r);
    job_free(job);
}

DWORD library_move(library_t *lib, uint16_t from, uint16_t to, const NTMS_GUID *medium, library_done_fn done,
                   void *ctx)
{
    if (lib == NULL)
        return ERROR_INVALID_PARAMETER;
    if (lib->stopping)
        return ERROR_LIBRARY_OFFLINE;
    if (lib->state == LIBRARY_FAILED)
        return ERROR_DEVICE_NOT_AVAILABLE;
    struct move_req *r = calloc(1, sizeof(*r));
    job_t *job = r != NULL ? job_new(JOB_MOVE, on_move_done, r) : NULL;
    if (job == NULL) {
        free(r);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *r = (struct move_req){.from = from, .to = to, .done = done, .ctx = ctx};
    if (medium != NULL)
        r->medium = *medium;
    job->from = from;
    job->to = to;
    DWORD err = model_move_begin(lib->st, &lib->guid, medium, from, to, &r->intent);
    if (!err) {
        err = library_submit(lib, job);
        if (err)
            model_move_failed(lib->st, r->intent);
    }
    if (err) {
        job_free(job);
        free(r);
    }
    return err;
}
