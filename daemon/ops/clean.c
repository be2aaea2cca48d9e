/*
 * clean.c - one cleaning of one drive, from the CLEANDRIVE library request
 * to the cleaner back in its slot (clean.h; docs/design/cleaning.md).
 *
 *   WAIT_CLEANER  the library has one cleaner, used by one cleaning at a
 *                 time, in the order the cleanings were queued; with no
 *                 usable cleaner the operator is asked for one (the
 *                 request shows WAITING).
 *   WAIT_DRIVE    the drive is claimed from the mount queue
 *                 (queue_claim_drive): it is emptied first if it holds a
 *                 medium, and no mount takes it meanwhile.
 *   LOADING       the cleaner goes from its slot into the drive (a borrowed
 *                 operation in the library's queue of operations).
 *   CLEANING      the drive is looked at every CLEAN_TICK_MS (JOB_CLEAN_
 *                 PROBE, outside the robot's queue, so the robot serves
 *                 others meanwhile): a drive that ejects the cleaner is
 *                 done; one that holds it as an ordinary medium (tgtd, the
 *                 virtual library) is done after the library's clean_hold;
 *                 none may take longer than clean_timeout.
 *   CHECKING      the drive's own report (JOB_HEALTH): TapeAlert 22 says
 *                 the cleaner is used up, 23 that it was no cleaner.
 *   RETURNING     unload (unless the drive ejected it) and back to the
 *                 cleaner slot (a borrowed operation); the use is counted
 *                 (model_clean_done) and an exhausted cleaner raises an
 *                 operator request; the drive goes back to the queue.
 *
 * Lifetime: a cleaning is freed once it is finished and no callback of it
 * (an operation, a job) is still to come; `out` counts those.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "model/cleaner.h"
#include "ops_int.h"
#include "queue/queue.h"
#include "util/log.h"
#include "wire.h"

#define CLEAN_TICK_MS 500u

enum step { ST_WAIT_CLEANER, ST_WAIT_DRIVE, ST_LOADING, ST_CLEANING, ST_CHECKING, ST_RETURNING, ST_FINISHED };

typedef struct clean clean_t;
struct clean {
    NTMS_GUID request, library, drive, cleaner;
    char drive_name[NTMS_OBJECTNAME_LENGTH];
    uint16_t address;        /* the drive element */
    uint16_t slot;           /* the cleaner slot element */
    int index;               /* the worker's drive index */
    enum step step;
    drive_claim_t *claim;
    int out;                 /* operations and jobs not yet back */
    bool probing;
    unsigned tick;           /* the last tick that looked at it */
    int64_t loaded_ms, deadline_ms;
    enum clean_progress progress;
    clean_result_t result;
    DWORD error;
    clean_t *next;
};

static struct {
    clean_t *all;            /* in the order they were queued */
    uv_timer_t tick;
    bool tick_ready, ticking, stopping;
} g;

static void kick(const NTMS_GUID *library, bool operator_said);

/* ------------------------------------------------------------------------ */
/* Bookkeeping */

static bool same(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static library_t *lib_of(const clean_t *c)
{
    library_t *l = library_by_guid(&c->library);
    return l != NULL && library_get_state(l) != LIBRARY_STOPPING ? l : NULL;
}

static void maybe_free(clean_t *c)
{
    if (c->step != ST_FINISHED || c->out > 0)
        return;
    for (clean_t **p = &g.all; *p != NULL; p = &(*p)->next) {
        if (*p == c) {
            *p = c->next;
            break;
        }
    }
    free(c);
}

static void finish(clean_t *c, DWORD err)
{
    bool held_cleaner = c->step != ST_WAIT_CLEANER;
    NTMS_GUID library = c->library;
    DWORD rc;

    if (c->step == ST_FINISHED)
        return;
    c->step = ST_FINISHED;
    if (c->claim != NULL) {
        queue_release_drive(c->claim);
        c->claim = NULL;
    }
    rc = model_librequest_finish(ops_store(), &c->request, err);
    if (rc != 0 && rc != ERROR_INVALID_STATE)
        log_error("clean %s: cannot record its end (error %u)", c->drive_name, (unsigned)rc);
    if (err == 0)
        log_info("clean %s: done", c->drive_name);
    else if (err != ERROR_CANCELLED)
        log_warn("clean %s: failed (error %u)", c->drive_name, (unsigned)err);
    maybe_free(c);
    if (held_cleaner)
        kick(&library, false);
}

/* A callback of `c` came back: false when `c` finished meanwhile (it is
 * freed here if that was the last one). */
static bool back(clean_t *c)
{
    c->out--;
    if (c->step != ST_FINISHED)
        return true;
    maybe_free(c);
    return false;
}

/* ------------------------------------------------------------------------ */
/* RETURNING: the cleaner back to its slot */

static void returned(void *arg, DWORD err)
{
    clean_t *c = arg;
    bool exhausted = false;
    char msg[NTMS_MESSAGE_LENGTH];

    if (!back(c))
        return;
    if (err != 0) {
        log_error("clean %s: the cleaner did not go back to slot %u (error %u); it stays in the drive",
                  c->drive_name, c->slot, (unsigned)err);
        finish(c, err);
        return;
    }
    err = model_clean_done(ops_store(), &c->library, &c->drive, &c->result, &exhausted);
    if (err == 0 && exhausted) {
        NTMS_OBJECTINFORMATIONA lib;
        if (store_get(ops_store(), &c->library, &lib) != 0)
            lib.szName[0] = '\0';
        snprintf(msg, sizeof msg,
                 "The cleaner cartridge in %s (slot %u) has reached its maximum usage and needs to be replaced.",
                 lib.szName, c->slot);
        log_warn("%s", msg);
        cleaner_request(&c->library, msg);
    }
    finish(c, err != 0 ? err : c->error);
}

static void put_back(op_t *op, DWORD err)
{
    op_finish(op, err);
}

static void drive_unloaded(op_t *op, job_t *job)
{
    clean_t *c = op->data;

    /* A drive that already let go of the cleaner refuses the unload; the
     * move says whether the cartridge can leave. */
    if (job->result != 0)
        log_debug("clean %s: unload: %s", c->drive_name, job->why);
    op_move(op, &c->cleaner, c->address, c->slot, put_back);
}

static void return_start(op_t *op)
{
    clean_t *c = op->data;
    job_t *job;

    if (c->progress == CLEAN_UNLOADED) {
        op_move(op, &c->cleaner, c->address, c->slot, put_back);
        return;
    }
    job = op_new_job(op, JOB_DRIVE_UNLOAD);
    if (job != NULL)
        job->drive = c->index;
    op_job(op, job, drive_unloaded);
}

static const op_class_t return_class = {"clean: return the cleaner", return_start, NULL, NULL};

static void give_back(clean_t *c)
{
    DWORD err;

    c->step = ST_RETURNING;
    c->out++;
    err = op_submit_borrowed(&return_class, &c->request, &c->library, c, returned, c);
    if (err != OPS_PENDING) {
        c->out--;
        log_error("clean %s: cannot return the cleaner (error %u)", c->drive_name, (unsigned)err);
        finish(c, err ? err : ERROR_INVALID_STATE);
    }
}

/* ------------------------------------------------------------------------ */
/* CHECKING: what the drive says about the cleaner */

static void checked(job_t *job)
{
    clean_t *c = job->ctx;
    const drive_health_t *h = &job->health;

    if (back(c)) {
        if (job->result == 0 && drive_health_cleaner_spent(h)) {
            log_warn("clean %s: the drive says the cleaner is used up", c->drive_name);
            c->result.spent = true;
            c->result.cleaned = false;
            c->error = ERROR_CLEANER_CARTRIDGE_SPENT;
        } else if (job->result == 0 && drive_health_cleaner_invalid(h)) {
            log_warn("clean %s: the drive says the cartridge in the cleaner slot is no cleaning cartridge",
                     c->drive_name);
            c->result.cleaned = false;
            c->error = ERROR_INVALID_CLEANER;
        }
        give_back(c);
    }
    job_free(job);
}

static void check(clean_t *c, enum clean_progress p)
{
    library_t *lib = lib_of(c);
    job_t *job = lib ? job_new(JOB_HEALTH, checked, c) : NULL;

    c->progress = p;
    c->step = ST_CHECKING;
    if (job != NULL) {
        job->drive = c->index;
        if (library_submit(lib, job) == 0) {
            c->out++;
            return;
        }
        job_free(job);
    }
    give_back(c);
}

/* ------------------------------------------------------------------------ */
/* CLEANING: watching the drive */

static void probed(job_t *job)
{
    clean_t *c = job->ctx;
    int64_t now = wire_time_now_ms();
    unsigned hold_ms = 0, timeout_s = 0;
    library_t *lib;
    enum clean_progress p = job->progress;

    c->probing = false;
    if (!back(c) || c->step != ST_CLEANING) {
        job_free(job);
        return;
    }
    lib = lib_of(c);
    if (lib != NULL) {
        hold_ms = library_config(lib)->clean_hold_s * 1000u;
        timeout_s = library_config(lib)->clean_timeout_s;
    }
    if (job->result == ERROR_NOT_SUPPORTED) {
        p = CLEAN_AS_MEDIUM; /* a drive that cannot tell: the hold decides */
    } else if (job->result != 0) {
        log_warn("clean %s: the drive does not answer: %s", c->drive_name, job->why);
        c->error = job->result;
        p = CLEAN_FAILED;
    }
    job_free(job);
    log_debug("clean %s: %s", c->drive_name, tapealert_progress_name(p));
    switch (p) {
    case CLEAN_UNLOADED:
        c->result.cleaned = true;
        check(c, p);
        return;
    case CLEAN_AS_MEDIUM:
        if (now - c->loaded_ms >= (int64_t)hold_ms) {
            c->result.cleaned = true;
            check(c, p);
            return;
        }
        break;
    case CLEAN_FAILED:
        if (c->error == 0)
            c->error = ERROR_UNABLE_TO_CLEAN;
        check(c, p);
        return;
    case CLEAN_RUNNING:
        break;
    }
    if (now >= c->deadline_ms) {
        log_warn("clean %s: the drive did not finish within %u s", c->drive_name, timeout_s);
        c->error = ERROR_TIMEOUT;
        check(c, p);
    }
}

static void probe(clean_t *c)
{
    library_t *lib = lib_of(c);
    job_t *job = lib ? job_new(JOB_CLEAN_PROBE, probed, c) : NULL;

    if (job == NULL) {
        c->error = lib ? ERROR_NOT_ENOUGH_MEMORY : ERROR_DEVICE_NOT_AVAILABLE;
        check(c, CLEAN_FAILED);
        return;
    }
    job->drive = c->index;
    if (library_submit(lib, job) != 0) {
        job_free(job);
        c->error = ERROR_DEVICE_NOT_AVAILABLE;
        check(c, CLEAN_FAILED);
        return;
    }
    c->probing = true;
    c->out++;
}

/* A probe may end its cleaning at once, and with it start or end others:
 * the list is walked again after each one, and `tick` marks whom this tick
 * has seen. */
static void tick_cb(uv_timer_t *t)
{
    static unsigned tick;
    bool any = false, again = true;

    (void)t;
    tick++;
    while (again) {
        again = false;
        for (clean_t *c = g.all; c != NULL; c = c->next) {
            if (c->step != ST_CLEANING || c->tick == tick)
                continue;
            any = true;
            c->tick = tick;
            if (!c->probing) {
                probe(c);
                again = true;
                break;
            }
        }
    }
    if (!any) {
        uv_timer_stop(&g.tick);
        g.ticking = false;
    }
}

static void tick_start(void)
{
    uv_loop_t *loop = ops_loop();

    if (g.ticking || loop == NULL)
        return;
    if (!g.tick_ready) {
        uv_timer_init(loop, &g.tick);
        uv_unref((uv_handle_t *)&g.tick); /* never keeps a stopping service alive */
        g.tick_ready = true;
    }
    g.ticking = true;
    uv_timer_start(&g.tick, tick_cb, CLEAN_TICK_MS, CLEAN_TICK_MS);
}

/* ------------------------------------------------------------------------ */
/* LOADING: the cleaner into the drive */

static void loaded(void *arg, DWORD err)
{
    clean_t *c = arg;
    library_t *lib;

    if (!back(c))
        return;
    if (err != 0) {
        log_warn("clean %s: the cleaner did not go into the drive (error %u)", c->drive_name, (unsigned)err);
        finish(c, err);
        return;
    }
    lib = lib_of(c);
    c->step = ST_CLEANING;
    c->loaded_ms = wire_time_now_ms();
    c->deadline_ms = c->loaded_ms + (int64_t)(lib ? library_config(lib)->clean_timeout_s : 1) * 1000;
    log_info("clean %s: the cleaner is in the drive", c->drive_name);
    tick_start();
}

static void cleaner_moved(op_t *op, DWORD err)
{
    clean_t *c = op->data;

    if (err == 0)
        err = model_clean_begin(ops_store(), &c->drive, &c->cleaner);
    op_finish(op, err);
}

static void load_start(op_t *op)
{
    clean_t *c = op->data;

    op_move(op, &c->cleaner, c->slot, c->address, cleaner_moved);
}

static const op_class_t load_class = {"clean: load the cleaner", load_start, NULL, NULL};

/* ------------------------------------------------------------------------ */
/* WAIT_DRIVE */

static void granted(drive_claim_t *claim, DWORD result, void *ctx)
{
    clean_t *c = ctx;
    DWORD err;

    if (result != 0) {
        c->claim = NULL; /* gone with the error */
        finish(c, result);
        return;
    }
    c->claim = claim;
    c->step = ST_LOADING;
    c->out++;
    err = op_submit_borrowed(&load_class, &c->request, &c->library, c, loaded, c);
    if (err != OPS_PENDING) {
        c->out--;
        finish(c, err ? err : ERROR_INVALID_STATE);
    }
}

static void claim_drive(clean_t *c, const cleaner_info_t *ci)
{
    library_t *lib = lib_of(c);
    DWORD err;

    c->cleaner = ci->cleaner;
    c->slot = (uint16_t)ci->slot_number;
    c->step = ST_WAIT_DRIVE;
    c->index = lib ? library_drive_index(lib, c->address) : -1;
    if (lib == NULL || c->index < 0) {
        finish(c, lib ? ERROR_INVALID_DRIVE : ERROR_DEVICE_NOT_AVAILABLE);
        return;
    }
    model_librequest_set_state(ops_store(), &c->request, NTMS_LM_QUEUED);
    err = queue_claim_drive(lib, c->index, 0, INFINITE, &c->request, granted, c, &c->claim);
    if (err != 0) {
        c->claim = NULL;
        finish(c, err);
    }
}

/* ------------------------------------------------------------------------ */
/* WAIT_CLEANER: one cleaning of a library at a time, in order */

static void kick(const NTMS_GUID *library, bool operator_said)
{
    clean_t *first = NULL;
    cleaner_info_t ci;
    char msg[NTMS_MESSAGE_LENGTH];

    if (g.stopping)
        return;
    for (clean_t *c = g.all; c != NULL; c = c->next) {
        if (!same(&c->library, library) || c->step == ST_FINISHED)
            continue;
        if (c->step != ST_WAIT_CLEANER)
            return; /* the cleaner is busy */
        if (first == NULL)
            first = c;
    }
    if (first == NULL)
        return;
    if (model_cleaner_info(ops_store(), library, &ci) == 0 && model_cleaner_usable(&ci)) {
        claim_drive(first, &ci);
        return;
    }
    for (clean_t *c = g.all, *next; c != NULL; c = next) {
        next = c->next;
        if (!same(&c->library, library) || c->step != ST_WAIT_CLEANER)
            continue;
        if (operator_said)
            finish(c, ERROR_UNABLE_TO_CLEAN);
        else
            model_librequest_set_state(ops_store(), &c->request, NTMS_LM_WAITING);
    }
    if (operator_said) {
        log_warn("clean: the operator answered, but library \"%s\" still has no usable cleaner", ci.lib.szName);
        return;
    }
    snprintf(msg, sizeof msg, "%s needs cleaning, and library %s has no usable cleaner cartridge%s.",
             first->drive_name, ci.lib.szName,
             ci.reserved ? "" : " (and no cleaner slot: reserve one with ReserveNtmsCleanerSlot)");
    log_warn("%s", msg);
    cleaner_request(library, msg);
}

void clean_resume(const NTMS_GUID *library, bool operator_said)
{
    kick(library, operator_said);
}

void clean_give_up(const NTMS_GUID *library)
{
    for (clean_t *c = g.all, *next; c != NULL; c = next) {
        next = c->next;
        if (same(&c->library, library) && c->step == ST_WAIT_CLEANER)
            finish(c, ERROR_CANCELLED);
    }
}

bool clean_pending(const NTMS_GUID *drive)
{
    for (const clean_t *c = g.all; c != NULL; c = c->next)
        if (same(&c->drive, drive) && c->step != ST_FINISHED)
            return true;
    return false;
}

DWORD clean_submit(const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *drive, NTMS_GUID *request)
{
    librequest_spec_t spec = {.op = NTMS_LM_CLEANDRIVE, .library = library, .drive = drive};
    NTMS_OBJECTINFORMATIONA d;
    clean_t *c;
    DWORD err;

    if (g.stopping)
        return ERROR_CANCELLED;
    err = store_get(ops_store(), drive, &d);
    if (err != 0)
        return err;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = model_librequest_create(ops_store(), who, &spec, &c->request);
    if (err != 0) {
        free(c);
        return err;
    }
    c->library = *library;
    c->drive = *drive;
    c->address = (uint16_t)d.Info.Drive.Number;
    snprintf(c->drive_name, sizeof c->drive_name, "%s", d.szName);
    c->step = ST_WAIT_CLEANER;
    /* the end of the list: cleanings of a library run in the order queued */
    clean_t **tail = &g.all;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = c;
    if (request != NULL)
        *request = c->request;
    log_info("clean %s: queued%s", c->drive_name, who == NULL ? " (the drive asked for it)" : "");
    kick(library, false);
    return 0;
}

DWORD clean_cancel(const NTMS_GUID *request)
{
    for (clean_t *c = g.all; c != NULL; c = c->next) {
        if (!same(&c->request, request) || c->step == ST_FINISHED || c->step == ST_WAIT_DRIVE)
            continue;
        if (c->step != ST_WAIT_CLEANER)
            return ERROR_ACCESS_DENIED;
        log_info("clean %s: cancelled while it waited for a cleaner", c->drive_name);
        finish(c, ERROR_CANCELLED);
        return 0;
    }
    return ERROR_OBJECT_NOT_FOUND;
}

void clean_stop_all(void)
{
    g.stopping = true;
    for (clean_t *c = g.all, *next; c != NULL; c = next) {
        next = c->next;
        finish(c, ERROR_CANCELLED);
    }
    if (g.ticking) {
        uv_timer_stop(&g.tick);
        g.ticking = false;
    }
}
