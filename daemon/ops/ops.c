/*
 * ops.c - the machinery every library operation shares: the loop and
 * store, the library checks, the per-library queues of operations, jobs,
 * moves, inventories and the operator-wait tick (ops_int.h).
 *
 * Invariants: an op is in exactly one library queue until it finishes; the
 * head of a queue is the only op of that library that runs; an op is freed
 * once it has finished and none of its jobs is still with a worker. The
 * tick timer runs only while some op ticks, and never keeps the loop alive
 * on its own (it is unreferenced), so a stopping service is not held up.
 */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "model/cleaner.h"
#include "ops_int.h"
#include "store/store_library.h"
#include "util/log.h"
#include "wire.h"

/* One library's operations, oldest first; the head runs. */
typedef struct queue {
    NTMS_GUID library;
    op_t *head;
    struct queue *next;
} queue_t;

static struct {
    uv_loop_t *loop;
    store_t *st;
    uv_timer_t tick;
    bool ticking;
    queue_t *queues;
} g;

static void tick_cb(uv_timer_t *t);

void ops_attach(uv_loop_t *loop, store_t *st)
{
    if (g.loop != NULL)
        return;
    g.loop = loop;
    g.st = st;
    uv_timer_init(loop, &g.tick);
    uv_unref((uv_handle_t *)&g.tick);
}

store_t *ops_store(void)
{
    return g.st;
}

uv_loop_t *ops_loop(void)
{
    return g.loop;
}

/* ------------------------------------------------------------------------ */
/* Library checks */

DWORD ops_library(const NTMS_GUID *id, const lib_rules_t *r, NTMS_OBJECTINFORMATIONA *rec,
                  library_t **lib)
{
    NTMS_OBJECTINFORMATIONA local;
    library_t *l;
    DWORD err = model_library_for_call(g.st, id, &r->model, rec ? rec : &local);

    if (err != 0)
        return err;
    l = library_by_guid(id);
    if (l == NULL || (library_get_state(l) != LIBRARY_READY &&
                      library_get_state(l) != LIBRARY_STARTING)) {
        log_info("library %s is not connected%s", (rec ? rec : &local)->szName,
                 l ? " (it does not answer)" : "");
        return r->not_connected;
    }
    if (lib != NULL)
        *lib = l;
    return 0;
}

library_t *op_lib(const op_t *op)
{
    library_t *l = library_by_guid(&op->library);

    return l != NULL && library_get_state(l) != LIBRARY_STOPPING ? l : NULL;
}

/* ------------------------------------------------------------------------ */
/* Queues */

static queue_t *queue_of(const NTMS_GUID *library, bool create)
{
    queue_t *q;

    for (q = g.queues; q != NULL; q = q->next)
        if (memcmp(&q->library, library, sizeof *library) == 0)
            return q;
    if (!create || (q = calloc(1, sizeof *q)) == NULL)
        return NULL;
    q->library = *library;
    q->next = g.queues;
    g.queues = q;
    return q;
}

static void queue_remove(queue_t *q, op_t *op)
{
    for (op_t **p = &q->head; *p != NULL; p = &(*p)->next) {
        if (*p == op) {
            *p = op->next;
            op->next = NULL;
            return;
        }
    }
}

static void op_free(op_t *op)
{
    free(op->step); /* a status or ports step whose job never came back */
    if (op->cls->release != NULL)
        op->cls->release(op);
    free(op);
}

/* Start the head of q if it is waiting. */
static void queue_run(queue_t *q)
{
    op_t *op = q->head;

    if (op == NULL || op->state != OP_QUEUED)
        return;
    op->state = OP_RUNNING;
    if (op_lib(op) == NULL) {
        op_finish(op, ERROR_DEVICE_NOT_AVAILABLE);
        return;
    }
    if (!op->borrowed)
        model_librequest_set_state(g.st, &op->request, NTMS_LM_INPROCESS);
    log_debug("%s: started", op->cls->name);
    op->cls->start(op);
}

/* A HELD op of `cls` for `library` owning `data`; on failure `data` is
 * released too (the op owns it from the call on). */
static op_t *op_alloc(const op_class_t *cls, const NTMS_GUID *library, void *data)
{
    op_t *op = calloc(1, sizeof *op);

    if (op == NULL) {
        if (cls->release != NULL && data != NULL) {
            op_t tmp = {.cls = cls, .data = data};
            cls->release(&tmp);
        }
        return NULL;
    }
    op->cls = cls;
    op->library = *library;
    op->data = data;
    op->state = OP_HELD;
    return op;
}

DWORD op_create(const op_class_t *cls, const principal_t *who, librequest_spec_t *spec,
                const NTMS_GUID *library, DWORD action, void *data, op_t **out)
{
    op_t *op = op_alloc(cls, library, data);
    DWORD err;

    if (op == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    op->action = action;
    spec->library = library;
    err = model_librequest_create(g.st, who, spec, &op->request);
    if (err != 0) {
        op_free(op);
        return err;
    }
    *out = op;
    return 0;
}

DWORD op_create_borrowed(const op_class_t *cls, const NTMS_GUID *request, const NTMS_GUID *library, void *data,
                         op_t **out)
{
    op_t *op = op_alloc(cls, library, data);

    if (op == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    op->request = *request;
    op->borrowed = true;
    *out = op;
    return 0;
}

DWORD op_submit_borrowed(const op_class_t *cls, const NTMS_GUID *request, const NTMS_GUID *library, void *data,
                         ops_done_fn done, void *arg)
{
    op_t *op;
    DWORD err = op_create_borrowed(cls, request, library, data, &op);

    return err != 0 ? err : op_enqueue(op, done, arg);
}

void op_discard(op_t *op)
{
    if (op->state != OP_HELD)
        return;
    if (!op->borrowed)
        model_librequest_finish(g.st, &op->request, ERROR_CANCELLED);
    op_free(op);
}

DWORD op_enqueue(op_t *op, ops_done_fn done, void *arg)
{
    queue_t *q = queue_of(&op->library, true);
    op_t **tail;
    DWORD err;

    if (q == NULL) {
        model_librequest_finish(g.st, &op->request, ERROR_NOT_ENOUGH_MEMORY);
        op_free(op);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    op->state = OP_QUEUED;
    for (tail = &q->head; *tail != NULL; tail = &(*tail)->next)
        ;
    *tail = op;
    /* Starting may fail at once (the library went away); the op is pinned
     * so that its outcome can be read here, and the caller gets the error
     * instead of a later answer. */
    op->pinned = true;
    queue_run(q);
    op->pinned = false;
    if (op->state == OP_FINISHED) {
        err = op->result ? op->result : ERROR_DEVICE_NOT_AVAILABLE;
        if (op->jobs == 0)
            op_free(op);
        return err;
    }
    op->done = done;
    op->done_arg = arg;
    return done != NULL ? OPS_PENDING : 0;
}

DWORD op_submit(const op_class_t *cls, const principal_t *who, librequest_spec_t *spec,
                const NTMS_GUID *library, DWORD action, void *data, ops_done_fn done, void *arg,
                NTMS_GUID *request)
{
    op_t *op;
    DWORD err = op_create(cls, who, spec, library, action, data, &op);

    if (err != 0)
        return err;
    if (request != NULL)
        *request = op->request;
    return op_enqueue(op, done, arg);
}

op_t *op_find(const NTMS_GUID *library, const op_class_t *cls, const NTMS_GUID *request)
{
    queue_t *q = queue_of(library, false);

    for (op_t *op = q ? q->head : NULL; op != NULL; op = op->next) {
        if (request != NULL ? memcmp(&op->request, request, sizeof *request) == 0
                            : op->cls == cls)
            return op;
    }
    return NULL;
}

op_t *op_first(const NTMS_GUID *library)
{
    queue_t *q = queue_of(library, false);

    return q ? q->head : NULL;
}

op_t *op_find_request(const NTMS_GUID *request)
{
    for (queue_t *q = g.queues; q != NULL; q = q->next) {
        op_t *op = op_find(&q->library, NULL, request);
        if (op != NULL)
            return op;
    }
    return NULL;
}

DWORD ops_cancel_request(const NTMS_GUID *request)
{
    op_t *op = op_find_request(request);

    if (op == NULL)
        return clean_cancel(request); /* a cleaning, perhaps */
    if (op->borrowed)
        return ERROR_OBJECT_NOT_FOUND; /* the mount queue's requests are its own */
    if (op->state == OP_RUNNING)
        return ERROR_ACCESS_DENIED;
    if (op->state == OP_HELD)
        op_discard(op);
    else
        op_cancel_queued(op);
    return 0;
}

void op_set_state(op_t *op, DWORD state)
{
    model_librequest_set_state(g.st, &op->request, state);
}

void op_answer(op_t *op, DWORD err)
{
    ops_done_fn done = op->done;

    op->done = NULL;
    if (done != NULL)
        done(op->done_arg, err);
}

void op_finish(op_t *op, DWORD err)
{
    queue_t *q = queue_of(&op->library, false);
    DWORD rc;

    if (op->state == OP_FINISHED)
        return;
    op->state = OP_FINISHED;
    op->ticking = false;
    rc = op->borrowed ? 0 : model_librequest_finish(g.st, &op->request, err);
    if (rc != 0 && rc != ERROR_INVALID_STATE) /* INVALID_STATE: a STOP ended it already */
        log_error("%s: cannot record its end (error %u)", op->cls->name, (unsigned)rc);
    if (err != 0 && err != ERROR_CANCELLED)
        log_warn("%s failed: error %u", op->cls->name, (unsigned)err);
    else
        log_debug("%s: finished (%u)", op->cls->name, (unsigned)err);
    op->result = err;
    op_answer(op, err);
    if (q != NULL)
        queue_remove(q, op);
    if (op->jobs > 0)
        log_error("%s: finished with %d job(s) still out", op->cls->name, op->jobs);
    if (op->jobs == 0 && !op->pinned)
        op_free(op);
    if (q != NULL)
        queue_run(q);
}

void op_cancel_queued(op_t *op)
{
    op_finish(op, ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* Jobs */

static void job_back(job_t *job)
{
    op_t *op = job->ctx;
    void (*next)(op_t *, job_t *) = op->next_step;

    op->jobs--;
    op->next_step = NULL;
    if (op->state == OP_FINISHED) {
        if (op->jobs == 0)
            op_free(op);
    } else if (next != NULL) {
        next(op, job);
    }
    job_free(job);
}

job_t *op_new_job(op_t *op, enum job_kind kind)
{
    return job_new(kind, job_back, op);
}

/* On failure the op finishes, and with it goes its step: callers return
 * at once without touching the op. */
int op_job(op_t *op, job_t *job, void (*next)(op_t *op, job_t *job))
{
    library_t *lib = op_lib(op);
    DWORD err;

    if (job == NULL) {
        op_finish(op, ERROR_NOT_ENOUGH_MEMORY);
        return -1;
    }
    job->done = job_back;
    job->ctx = op;
    err = lib ? library_submit(lib, job) : ERROR_DEVICE_NOT_AVAILABLE;
    if (err != 0) {
        job_free(job);
        op_finish(op, err);
        return -1;
    }
    op->jobs++;
    op->next_step = next;
    return 0;
}

/* --- moves and inventories: the core's operations ------------------------- */

/* library_done_fn of op_move and op_inventory. */
static void core_back(library_t *lib, DWORD result, void *ctx)
{
    op_t *op = ctx;
    void (*next)(op_t *, DWORD) = op->next_result;

    (void)lib;
    op->jobs--;
    op->next_result = NULL;
    if (op->state == OP_FINISHED) {
        if (op->jobs == 0 && !op->pinned)
            op_free(op);
    } else if (next != NULL) {
        next(op, result);
    }
}

/* Account for a started core operation, or end the op when it did not
 * start. */
static int core_started(op_t *op, DWORD err, void (*next)(op_t *op, DWORD err))
{
    if (err != 0) {
        op_finish(op, err);
        return -1;
    }
    op->jobs++;
    op->next_result = next;
    return 0;
}

int op_move(op_t *op, const NTMS_GUID *medium, uint16_t from, uint16_t to,
            void (*next)(op_t *op, DWORD err))
{
    library_t *lib = op_lib(op);

    log_debug("%s: move %u -> %u", op->cls->name, from, to);
    return core_started(op, lib ? library_move(lib, from, to, medium, core_back, op)
                                : ERROR_DEVICE_NOT_AVAILABLE, next);
}

int op_inventory(op_t *op, DWORD method, void (*next)(op_t *op, DWORD err))
{
    library_t *lib = op_lib(op);

    return core_started(op, lib ? library_inventory(lib, method, core_back, op)
                                : ERROR_DEVICE_NOT_AVAILABLE, next);
}

/* --- element status and ports --------------------------------------------- */

typedef struct status_step {
    void (*next)(op_t *op, DWORD err, const element_status_t *status);
} status_step_t;

static void status_back(op_t *op, job_t *job)
{
    status_step_t *s = op->step;
    void (*next)(op_t *, DWORD, const element_status_t *) = s->next;

    op->step = NULL;
    free(s);
    if (job->result != 0)
        log_warn("%s: reading the element status failed: %s", op->cls->name, job->why);
    next(op, job->result, &job->status);
}

int op_status(op_t *op, unsigned types,
              void (*next)(op_t *op, DWORD err, const element_status_t *status))
{
    status_step_t *s = calloc(1, sizeof *s);
    job_t *job;

    if (s == NULL) {
        op_finish(op, ERROR_NOT_ENOUGH_MEMORY);
        return -1;
    }
    s->next = next;
    op->step = s;
    job = op_new_job(op, JOB_STATUS);
    if (job != NULL)
        job->types = types;
    return op_job(op, job, status_back);
}

typedef struct ports_step {
    uint16_t addr[OPS_MAX_PORTS];
    size_t n, i;
    bool open;
    DWORD err;
    void (*next)(op_t *op, DWORD err);
} ports_step_t;

static void ports_submit(op_t *op);

static void ports_back(op_t *op, job_t *job)
{
    ports_step_t *s = op->step;

    /* A backend without port doors (ERROR_NOT_SUPPORTED) leaves its ports
     * to the operator and the lock: not a failure. */
    if (job->result != 0 && job->result != ERROR_NOT_SUPPORTED && s->err == 0) {
        log_warn("%s: cannot %s port %u: %s", op->cls->name, s->open ? "open" : "close",
                 job->to, job->why);
        s->err = job->result;
    }
    s->i++;
    ports_submit(op);
}

static void ports_submit(op_t *op)
{
    ports_step_t *s = op->step;
    job_t *job;

    if (s->i == s->n) {
        void (*next)(op_t *, DWORD) = s->next;
        DWORD err = s->err;
        op->step = NULL;
        free(s);
        next(op, err);
        return;
    }
    job = op_new_job(op, JOB_PORT);
    if (job != NULL) {
        job->to = s->addr[s->i];
        job->flag = s->open;
    }
    op_job(op, job, ports_back); /* on failure the op has ended, its step with it */
}

int op_ports(op_t *op, const uint16_t *addr, size_t n, bool open, void (*next)(op_t *op, DWORD err))
{
    ports_step_t *s = calloc(1, sizeof *s);

    if (s == NULL || n > OPS_MAX_PORTS) {
        free(s);
        op_finish(op, s ? ERROR_INVALID_PARAMETER : ERROR_NOT_ENOUGH_MEMORY);
        return -1;
    }
    memcpy(s->addr, addr, n * sizeof *addr);
    s->n = n;
    s->open = open;
    s->next = next;
    op->step = s;
    ports_submit(op);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Elements */

DWORD ops_elements(const NTMS_GUID *library, DWORD type, store_element_t **v, size_t *n)
{
    return store_library_elements(g.st, library, type, v, n);
}

uint16_t ops_first_empty(const NTMS_GUID *library, DWORD type, const uint16_t *skip, size_t nskip)
{
    DWORD empty = type == NTMS_IEPORT ? NTMS_PORTCONTENT_EMPTY : NTMS_SLOTSTATE_EMPTY;
    /* the cleaner slot is kept for the cleaner */
    DWORD cleaner = type == NTMS_STORAGESLOT ? model_cleaner_slot_number(g.st, library) : 0;
    store_element_t *v = NULL;
    size_t n = 0;
    uint16_t found = 0;

    if (ops_elements(library, type, &v, &n) == 0) {
        for (size_t i = 0; i < n && found == 0; i++) {
            bool taken = cleaner != 0 && v[i].number == cleaner;
            for (size_t k = 0; k < nskip && !taken; k++)
                taken = skip[k] == v[i].number;
            if (v[i].state == empty && !taken)
                found = (uint16_t)v[i].number;
        }
    }
    free(v);
    return found;
}

/* The medium recorded in `drive`, if any. */
bool ops_medium_in(const NTMS_GUID *library, const NTMS_GUID *drive, NTMS_GUID *out)
{
    guid_list_t media = {0};
    bool found = false;

    if (store_enumerate(g.st, library, NTMS_PHYSICAL_MEDIA, &media) != 0)
        return false;
    for (size_t i = 0; i < media.n && !found; i++) {
        NTMS_OBJECTINFORMATIONA m;
        if (store_get(g.st, &media.v[i], &m) == 0 &&
            memcmp(&m.Info.PhysicalMedia.Location, drive, sizeof *drive) == 0) {
            *out = media.v[i];
            found = true;
        }
    }
    guid_list_free(&media);
    return found;
}

void ops_free_data(op_t *op)
{
    free(op->data);
}

int ops_drive_index(const NTMS_GUID *library, uint16_t address)
{
    library_t *lib = library_by_guid(library);

    return lib ? library_drive_index(lib, address) : -1;
}

/* ------------------------------------------------------------------------ */
/* The operator-wait tick */

static void tick_cb(uv_timer_t *t)
{
    int64_t now = wire_time_now_ms();
    bool any = false;

    (void)t;
    for (queue_t *q = g.queues; q != NULL; q = q->next) {
        op_t *op = q->head;
        if (op == NULL || op->state != OP_RUNNING || !op->ticking)
            continue;
        any = true;
        if (op->deadline_ms != 0 && now >= op->deadline_ms && !op->stop) {
            log_info("%s: the operator did not act within its time; ending", op->cls->name);
            op->stop = true;
        }
        if (!op->busy)
            op->cls->tick(op);
    }
    if (!any) {
        uv_timer_stop(&g.tick);
        g.ticking = false;
    }
}

void ops_tick_start(void)
{
    if (g.ticking || g.loop == NULL)
        return;
    g.ticking = true;
    uv_timer_start(&g.tick, tick_cb, OPS_TICK_MS, OPS_TICK_MS);
}
