/*
 * worker.c - one thread per library: its job queue, the blocking calls into
 * the backend, and the hand-back of finished jobs to the loop.
 *
 * The loop appends jobs to `queue` under `mu` and signals `cv`; the worker
 * takes one at a time, runs it without the lock, appends it to `finished`
 * and wakes the loop with uv_async_send. The async callback takes the whole
 * finished list and runs each job's `done` on the loop thread, after
 * library_note_result has seen it. uv_async_send may coalesce wake-ups; the
 * list never loses a job because the callback always empties it.
 *
 * Stopping (worker_stop, on the loop): `quit` is set and the queue taken
 * away under the lock, so the worker finishes the job it is running and
 * exits; the loop joins it, then runs the finished list and fails the taken
 * jobs with ERROR_CANCELLED, all before returning. The worker closes its
 * backend on the way out, so the device is released before the store is.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/standalone.h"
#include "library/library_int.h"
#include "util/log.h"

job_t *job_new(enum job_kind kind, job_done_fn done, void *ctx)
{
    job_t *job = calloc(1, sizeof(*job));
    if (job == NULL) {
        log_error("library: out of memory for a job");
        return NULL;
    }
    job->kind = kind;
    job->done = done;
    job->ctx = ctx;
    job->drive = -1;
    return job;
}

void job_free(job_t *job)
{
    if (job == NULL)
        return;
    element_status_free(&job->status);
    free(job->label);
    free(job);
}

DWORD library_submit(library_t *lib, job_t *job)
{
    if (lib == NULL || job == NULL)
        return ERROR_INVALID_PARAMETER;
    if (lib->stopping)
        return ERROR_LIBRARY_OFFLINE;
    job->lib = lib;
    job->next = NULL;
    job->result = 0;
    job->why[0] = '\0';
    pthread_mutex_lock(&lib->mu);
    if (lib->queue_tail != NULL)
        lib->queue_tail->next = job;
    else
        lib->queue = job;
    lib->queue_tail = job;
    pthread_cond_signal(&lib->cv);
    pthread_mutex_unlock(&lib->mu);
    return 0;
}

/* --- the worker thread -------------------------------------------------- */

static bool needs_changer(enum job_kind k)
{
    return k != JOB_ATTACH && k != JOB_DRIVE_READY && k != JOB_DRIVE_UNLOAD && k != JOB_READ_LABEL &&
           k != JOB_WRITE_LABEL && k != JOB_HEALTH && k != JOB_CLEAN_PROBE;
}

#define WHY(job) (job)->why, sizeof((job)->why)

/* An optional changer operation, or ERROR_NOT_SUPPORTED. */
#define CHANGER_OP(b, job, op, ...)                                                                        \
    ((b)->changer->ops->op != NULL ? (b)->changer->ops->op((b)->changer, __VA_ARGS__)                     \
                                   : (snprintf(WHY(job), "the library cannot " #op), ERROR_NOT_SUPPORTED))

static DWORD run_drive_job(struct backend *b, job_t *job)
{
    if (job->drive < 0 || job->drive >= b->ndrives || b->drive[job->drive] == NULL) {
        snprintf(WHY(job), "no drive device is bound to drive %d", job->drive);
        return ERROR_INVALID_DRIVE;
    }
    drive_t *d = b->drive[job->drive];
    switch (job->kind) {
    case JOB_DRIVE_READY:
        return d->ops->wait_ready(d, job->timeout_ms, &job->present, WHY(job));
    case JOB_DRIVE_UNLOAD:
        return d->ops->unload(d, WHY(job));
    case JOB_READ_LABEL:
        job->label = malloc(LIBRARY_LABEL_MAX);
        if (job->label == NULL) {
            snprintf(WHY(job), "out of memory for a label");
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        return d->ops->read_first_block(d, job->label, LIBRARY_LABEL_MAX, &job->label_len, WHY(job));
    case JOB_WRITE_LABEL:
        if (d->ops->write_label == NULL) {
            snprintf(WHY(job), "drive %d cannot write a label", job->drive);
            return ERROR_NOT_SUPPORTED;
        }
        if (job->label == NULL || job->label_len == 0) {
            snprintf(WHY(job), "no label to write");
            return ERROR_INVALID_PARAMETER;
        }
        return d->ops->write_label(d, job->label, job->label_len, WHY(job));
    case JOB_HEALTH:
        if (d->ops->health == NULL)
            break;
        return d->ops->health(d, &job->health, WHY(job));
    case JOB_CLEAN_PROBE:
        if (d->ops->clean_probe == NULL)
            break;
        return d->ops->clean_probe(d, &job->progress, WHY(job));
    default:
        return ERROR_INVALID_PARAMETER;
    }
    snprintf(WHY(job), "drive %d cannot report its state", job->drive);
    return ERROR_NOT_SUPPORTED;
}

static DWORD run_job(library_t *lib, job_t *job)
{
    struct backend *b = &lib->w;
    if (job->kind == JOB_ATTACH)
        return attach_run(lib, job);
    if (needs_changer(job->kind) && b->changer == NULL) {
        snprintf(WHY(job), "library %s is not attached to its device", lib->cfg.name);
        return ERROR_DEVICE_NOT_AVAILABLE;
    }
    switch (job->kind) {
    case JOB_STATUS:
        return attach_read_status(b, job->types, &job->status, WHY(job));
    case JOB_CHECK:
        return CHANGER_OP(b, job, check, &job->changed, WHY(job));
    case JOB_MOVE:
        return CHANGER_OP(b, job, move, job->from, job->to, WHY(job));
    case JOB_EXCHANGE:
        return CHANGER_OP(b, job, exchange, job->from, job->to, job->to2, WHY(job));
    case JOB_LOCK:
        return CHANGER_OP(b, job, lock, job->flag, WHY(job));
    case JOB_PORT:
        return CHANGER_OP(b, job, port, job->to, job->flag, WHY(job));
    case JOB_RESCAN:
        return CHANGER_OP(b, job, rescan, job->from, job->to, WHY(job));
    case JOB_EJECT:
        if (!standalone_is(b->changer)) {
            snprintf(WHY(job), "library %s is no stand-alone drive: its robot takes media out", lib->cfg.name);
            return ERROR_NOT_SUPPORTED;
        }
        return standalone_eject(b->changer, WHY(job));
    case JOB_DRIVE_READY:
    case JOB_DRIVE_UNLOAD:
    case JOB_READ_LABEL:
    case JOB_WRITE_LABEL:
    case JOB_HEALTH:
    case JOB_CLEAN_PROBE:
        return run_drive_job(b, job);
    default:
        snprintf(WHY(job), "unknown job kind %d", (int)job->kind);
        return ERROR_INVALID_PARAMETER;
    }
}

static void *worker_main(void *arg)
{
    library_t *lib = arg;
    for (;;) {
        pthread_mutex_lock(&lib->mu);
        while (lib->queue == NULL && !lib->quit)
            pthread_cond_wait(&lib->cv, &lib->mu);
        job_t *job = lib->queue;
        if (job == NULL) { /* quit, and nothing left */
            pthread_mutex_unlock(&lib->mu);
            break;
        }
        lib->queue = job->next;
        if (lib->queue == NULL)
            lib->queue_tail = NULL;
        pthread_mutex_unlock(&lib->mu);

        job->next = NULL;
        job->result = run_job(lib, job);
        if (job->result != 0 && job->why[0] == '\0')
            snprintf(WHY(job), "error %u", (unsigned)job->result);

        pthread_mutex_lock(&lib->mu);
        if (lib->finished_tail != NULL)
            lib->finished_tail->next = job;
        else
            lib->finished = job;
        lib->finished_tail = job;
        pthread_mutex_unlock(&lib->mu);
        uv_async_send(&lib->async);
    }
    attach_close(&lib->w);
    return NULL;
}

/* --- the loop side ------------------------------------------------------ */

static void complete(library_t *lib, job_t *job)
{
    library_note_result(lib, job);
    if (job->done != NULL)
        job->done(job);
    else
        job_free(job);
}

static void drain_finished(library_t *lib)
{
    pthread_mutex_lock(&lib->mu);
    job_t *list = lib->finished;
    lib->finished = lib->finished_tail = NULL;
    pthread_mutex_unlock(&lib->mu);
    while (list != NULL) {
        job_t *next = list->next;
        list->next = NULL;
        complete(lib, list);
        list = next;
    }
}

static void on_async(uv_async_t *h)
{
    drain_finished(h->data);
}

static void on_closed(uv_handle_t *h)
{
    library_t *lib = h->data;
    if (--lib->handles > 0)
        return;
    pthread_mutex_destroy(&lib->mu);
    pthread_cond_destroy(&lib->cv);
    element_status_free(&lib->cache);
    free(lib);
}

DWORD worker_start(library_t *lib)
{
    pthread_mutex_init(&lib->mu, NULL);
    pthread_cond_init(&lib->cv, NULL);
    int rc = uv_async_init(lib->loop, &lib->async, on_async);
    if (rc < 0) {
        log_error("library %s: cannot create its wake-up handle: %s", lib->cfg.name, uv_strerror(rc));
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lib->async.data = lib;
    lib->handles++;
    uv_timer_init(lib->loop, &lib->tick);
    lib->tick.data = lib;
    lib->handles++;

    /* Signals belong to the loop thread (libuv's signal watchers). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(&lib->thread, NULL, worker_main, lib);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        log_error("library %s: cannot start its worker thread: %s", lib->cfg.name, strerror(rc));
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lib->thread_started = true;
    return 0;
}

void worker_stop(library_t *lib)
{
    pthread_mutex_lock(&lib->mu);
    job_t *cancelled = lib->queue;
    lib->queue = lib->queue_tail = NULL;
    lib->quit = true;
    pthread_cond_broadcast(&lib->cv);
    pthread_mutex_unlock(&lib->mu);
    if (lib->thread_started) {
        pthread_join(lib->thread, NULL);
        lib->thread_started = false;
    }
    drain_finished(lib);
    while (cancelled != NULL) {
        job_t *next = cancelled->next;
        cancelled->next = NULL;
        cancelled->result = ERROR_CANCELLED;
        snprintf(WHY(cancelled), "library %s is stopping", lib->cfg.name);
        complete(lib, cancelled);
        cancelled = next;
    }
}

void worker_close_handles(library_t *lib)
{
    uv_timer_stop(&lib->tick);
    if (!uv_is_closing((uv_handle_t *)&lib->async))
        uv_close((uv_handle_t *)&lib->async, on_closed);
    if (!uv_is_closing((uv_handle_t *)&lib->tick))
        uv_close((uv_handle_t *)&lib->tick, on_closed);
}
