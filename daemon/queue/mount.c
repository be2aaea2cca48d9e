/*
 * mount.c - MountNtmsMedia: checking what is asked, waiting for offline
 * media, loading the granted drives, and ending the request.
 *
 * Life of a mount (a qreq_t of kind QR_MOUNT):
 *
 *   QR_OFFLINE  a medium is not in a library: an operator request asks for
 *               it; the tick moves the mount on once every medium is in
 *               one library (the operator request is then ended as met);
 *               a refused operator request fails the mount
 *               ERROR_CANCELLED.
 *   QR_WAITING  in its library's pending list (sched.c grants drives).
 *   QR_RUNNING  its loads are in the robot's queue (ops_load).
 *   QR_DONE     finished; freed when no load of it is out.
 *
 * All or none: when any load fails, the media already loaded stay in their
 * drives as LOADED (a later mount of them needs no move) and the mount
 * fails. A time-out while running answers the caller ERROR_TIMEOUT at once;
 * the loads finish and their media are left LOADED, not mounted.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/ops.h"
#include "queue_int.h"
#include "util/log.h"

#define MOUNT_OPTIONS (NTMS_MOUNT_READ | NTMS_MOUNT_WRITE | NTMS_MOUNT_ERROR_NOT_AVAILABLE | \
                       NTMS_MOUNT_ERROR_OFFLINE | NTMS_MOUNT_SPECIFIC_DRIVE | NTMS_MOUNT_NOWAIT)

static qreq_t *all;     /* every open request, newest first */
static uint64_t next_seq = 1;

bool q_guid_null(const NTMS_GUID *g)
{
    static const NTMS_GUID zero;

    return memcmp(g, &zero, sizeof zero) == 0;
}

qreq_t *qreq_find(const NTMS_GUID *request)
{
    for (qreq_t *r = all; r != NULL; r = r->all_next)
        if (r->state != QR_DONE && memcmp(&r->request, request, sizeof *request) == 0)
            return r;
    return NULL;
}

void qreq_register(qreq_t *r)
{
    r->all_next = all;
    all = r;
}

uint64_t qreq_next_seq(void)
{
    return next_seq++;
}

static void all_remove(qreq_t *r)
{
    for (qreq_t **p = &all; *p != NULL; p = &(*p)->all_next) {
        if (*p == r) {
            *p = r->all_next;
            return;
        }
    }
}

void qreq_release(qreq_t *r)
{
    if (r->state != QR_DONE || r->out > 0 || r->in_submit)
        return;
    all_remove(r);
    free(r->items);
    free(r);
}

/* --- checking a mount --------------------------------------------------------- */

/* Resolve and check every medium; all online ones must share a library. */
static DWORD check_media(store_t *st, const mount_args_t *a, qitem_t *items, NTMS_GUID *library, bool *offline)
{
    bool have_library = false;

    *offline = false;
    for (size_t k = 0; k < a->n; k++) {
        DWORD err = model_mount_target(st, &a->media[k], &items[k].t);
        if (err == 0)
            err = model_mount_allowed(&items[k].t, a->options);
        if (err != 0)
            return err;
        for (size_t j = 0; j < k; j++)
            if (memcmp(&items[j].t.medium, &items[k].t.medium, sizeof(NTMS_GUID)) == 0)
                return ERROR_INVALID_MEDIA; /* the same medium twice */
        items[k].want = items[k].drive = items[k].source = -1;
        if (items[k].t.offline) {
            *offline = true;
            continue;
        }
        if (have_library && memcmp(library, &items[k].t.library, sizeof *library) != 0)
            return ERROR_INVALID_LIBRARY;
        *library = items[k].t.library;
        have_library = true;
    }
    return 0;
}

/* NTMS_MOUNT_SPECIFIC_DRIVE: each drive a distinct enabled drive of the
 * media's library. */
static DWORD check_drives(store_t *st, const mount_args_t *a, const NTMS_GUID *library, bool have_library)
{
    for (size_t k = 0; k < a->n; k++) {
        NTMS_OBJECTINFORMATIONA d;
        DWORD err = store_get(st, &a->drives[k], &d);
        if (err != 0 || d.dwType != NTMS_DRIVE)
            return err == 0 || err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_DRIVE : err;
        if (have_library && memcmp(&d.Info.Drive.Library, library, sizeof *library) != 0)
            return ERROR_DRIVE_MEDIA_MISMATCH;
        if (!d.Enabled)
            return ERROR_RESOURCE_DISABLED;
        for (size_t j = 0; j < k; j++)
            if (memcmp(&a->drives[j], &a->drives[k], sizeof(NTMS_GUID)) == 0)
                return ERROR_INVALID_DRIVE;
    }
    return 0;
}

/* The drive indexes wanted, once the library's queue is known. */
static DWORD bind_drives(qreq_t *r)
{
    if (r->n > (size_t)r->q->ndrives)
        return ERROR_INVALID_DRIVE; /* more media than the library has drives */
    for (size_t k = 0; k < r->n; k++) {
        if (!r->items[k].has_want)
            continue;
        r->items[k].want = qlib_drive_of_object(r->q, &r->items[k].want_object);
        if (r->items[k].want < 0)
            return ERROR_DRIVE_MEDIA_MISMATCH;
    }
    return 0;
}

/* --- ending -------------------------------------------------------------------- */

static void unlink_waiting(qreq_t *r)
{
    if (r->state == QR_WAITING)
        sched_remove(r);
    if (r->state == QR_OFFLINE && !q_guid_null(&r->opreq))
        opreq_forget(&r->opreq, NULL, r);
}

/* The end of r in the database (the request PASSED, FAILED or CANCELLED);
 * mount_answer then tells the caller. Split so that a successful mount's
 * end can share the transaction that records the mount. */
static void mount_end(qreq_t *r, DWORD err)
{
    unlink_waiting(r);
    r->state = QR_DONE;
    r->result = err;
    if (model_librequest_finish(q_store(), &r->request, err) != 0)
        log_warn("queue: cannot record the end of a mount request");
    if (err != 0 && err != ERROR_CANCELLED)
        log_info("mount failed: error %u%s%s%s", (unsigned)err, r->why[0] ? " (" : "", r->why, r->why[0] ? ")" : "");
}

/* Answer the caller of an ended mount (unless queue_mount will) and free
 * it when nothing else holds it. */
static void mount_answer(qreq_t *r)
{
    NTMS_GUID drives[LIBRARY_MAX_DRIVES];
    mount_done_fn done = r->done;
    DWORD err = r->result;

    if (r->in_submit)
        return; /* queue_mount answers */
    r->done = NULL;
    if (!r->abandoned && done != NULL) {
        for (size_t k = 0; err == 0 && k < r->n; k++)
            drives[k] = r->q->d[r->items[k].drive].object;
        done(r->ctx, err, err == 0 ? drives : NULL, err == 0 ? r->n : 0);
    }
    qreq_release(r);
}

void mount_finish(qreq_t *r, DWORD err)
{
    if (r->state == QR_DONE)
        return;
    mount_end(r, err);
    mount_answer(r);
}

/* --- loading --------------------------------------------------------------------- */

/* Every load went well: the mounts and the request's end in one
 * transaction, committed before the caller is answered. On failure
 * nothing of it stays and r has ended with the error. */
static DWORD record_mounted(qreq_t *r)
{
    qlib_t *q = r->q;
    DWORD err = store_begin(q_store());

    if (err != 0) {
        mount_end(r, err);
        return err;
    }
    for (size_t k = 0; err == 0 && k < r->n; k++)
        err = model_mount_record(q_store(), &q->d[r->items[k].drive].object, &r->items[k].t.medium,
                                 &r->items[k].t.side);
    if (err != 0) {
        store_rollback(q_store());
        mount_end(r, err);
        return err;
    }
    mount_end(r, 0);
    err = store_commit(q_store());
    if (err != 0) {
        /* rolled back: the request is open again in the database */
        r->state = QR_RUNNING;
        mount_end(r, err);
        return err;
    }
    for (size_t k = 0; k < r->n; k++) {
        qdrive_t *d = &q->d[r->items[k].drive];
        d->state = QD_MOUNTED;
        d->owner = r->owner;
    }
    return 0;
}

/* Every load is back: record the mounts, or leave what was loaded idle. */
static void loads_complete(qreq_t *r)
{
    qlib_t *q = r->q;
    DWORD err = r->result;

    for (size_t k = 0; k < r->n; k++) {
        qitem_t *it = &r->items[k];
        if (it->source >= 0 && q->d[it->source].holder == r) {
            q->d[it->source].state = QD_EMPTY;
            q->d[it->source].holder = NULL;
            qd_refresh(q, it->source);
        }
    }
    if (err == 0 && r->abandoned)
        err = r->abandon_err ? r->abandon_err : ERROR_CANCELLED;
    if (err == 0)
        err = record_mounted(r);
    else
        mount_end(r, err);
    for (size_t k = 0; err != 0 && k < r->n; k++) {
        qdrive_t *d = &q->d[r->items[k].drive];
        if (r->items[k].loaded)
            model_mount_release(q_store(), &d->object, &d->medium);
        d->state = QD_EMPTY; /* qd_refresh: LOADED when the medium is in it */
        d->holder = NULL;
        qd_refresh(q, r->items[k].drive);
    }
    mount_answer(r);
    sched_run(q);
}

static void load_done(void *arg, DWORD err)
{
    qitem_t *it = arg;
    qreq_t *r = it->req;

    r->out--;
    it->loaded = err == 0;
    if (err != 0 && r->result == 0)
        r->result = err;
    if (r->out == 0)
        loads_complete(r);
}

/* How long a loaded drive may take to become ready: the library's LOAD
 * timeout (`timeout_medium`, or `timeout` for every kind) when its
 * configuration sets one, else drive_ready_seconds. */
static unsigned ready_ms(const qlib_t *q)
{
    library_t *lib = qlib_library(q);
    const library_config_t *cfg = lib ? library_config(lib) : NULL;

    if (cfg != NULL && cfg->timeout_ms[SCSI_KIND_MEDIUM] != 0)
        return cfg->timeout_ms[SCSI_KIND_MEDIUM];
    if (cfg != NULL && cfg->timeout_all_ms != 0)
        return cfg->timeout_all_ms;
    return q_options()->ready_seconds * 1000u;
}

void mount_start(qreq_t *r)
{
    qlib_t *q = r->q;

    /* In process, no longer waiting for anything: one transaction, ended
     * before the loads (whose moves record their intents) are queued. */
    bool tx = store_begin(q_store()) == 0;

    model_librequest_set_state(q_store(), &r->request, NTMS_LM_INPROCESS);
    sched_say_why(r, "%s", "");
    if (tx && store_commit(q_store()) != 0)
        log_warn("queue: cannot record that a mount is in process");
    r->result = 0;
    r->out = (unsigned)r->n; /* held until every load is submitted */
    for (size_t k = 0; k < r->n; k++) {
        qitem_t *it = &r->items[k];
        ops_load_t spec = {.medium = it->t.medium, .drive = q->d[it->drive].address, .ready_ms = ready_ms(q)};
        DWORD err;

        /* A medium reused where it sits was checked when it went in. */
        if (!it->reuse)
            spec.side = it->t.side;
        it->req = r;
        err = ops_load(&r->request, &q->library, &spec, load_done, it);
        if (err != OPS_PENDING) {
            r->out--;
            if (r->result == 0)
                r->result = err ? err : ERROR_INVALID_STATE;
        }
    }
    if (r->out == 0)
        loads_complete(r);
}

/* --- offline media ------------------------------------------------------------ */

static void offline_answered(const NTMS_GUID *request, DWORD result, void *ctx);

/* Ask the operator for the first offline medium of r. */
static DWORD ask_operator(qreq_t *r)
{
    char msg[NTMS_MESSAGE_LENGTH];
    NTMS_OBJECTINFORMATIONA m;
    const qitem_t *it = NULL;

    for (size_t k = 0; it == NULL && k < r->n; k++)
        if (r->items[k].t.offline)
            it = &r->items[k];
    if (it == NULL)
        return 0;
    if (store_get(q_store(), &it->t.medium, &m) != 0)
        return ERROR_INVALID_MEDIA;
    snprintf(msg, sizeof msg, "Insert medium %s%s%s into a library: a mount waits for it", m.szName,
             m.Info.PhysicalMedia.szBarCode[0] ? " bar code " : "", m.Info.PhysicalMedia.szBarCode);
    opreq_spec_t spec = {.request = NTMS_OPREQ_MOVEMEDIA, .arg1 = &it->t.medium, .arg1_type = NTMS_PHYSICAL_MEDIA,
                         .message = msg};
    sched_say_why(r, "waiting for the operator to insert %s", m.szName);
    model_librequest_set_state(q_store(), &r->request, NTMS_LM_WAITING);
    return opreq_submit(q_store(), NULL, &spec, offline_answered, r, &r->opreq);
}

/* The request of an offline mount names its library once the media are in
 * one. */
static void record_library(qreq_t *r)
{
    NTMS_OBJECTINFORMATIONA o;

    if (store_get(q_store(), &r->request, &o) != 0)
        return;
    o.Info.LibRequest.Library = r->library;
    if (store_update(q_store(), &o) != 0)
        log_warn("queue: cannot record the library of a mount request");
}

/* Are all of r's media in one running library now? Then r waits there. */
static bool offline_arrived(qreq_t *r)
{
    NTMS_GUID library;
    bool offline;
    mount_args_t a = {.n = r->n, .options = r->options};
    NTMS_GUID ids[LIBRARY_MAX_DRIVES];

    for (size_t k = 0; k < r->n; k++)
        ids[k] = r->items[k].t.side;
    a.media = ids;
    if (check_media(q_store(), &a, r->items, &library, &offline) != 0 || offline)
        return false;
    r->q = qlib_get(&library);
    if (r->q == NULL || bind_drives(r) != 0)
        return false;
    r->library = library;
    record_library(r);
    /* The need is met: end the operator request, no longer waiting on it
     * (opreq_end would otherwise call offline_answered from here). */
    NTMS_GUID asked = r->opreq;
    memset(&r->opreq, 0, sizeof r->opreq);
    if (!q_guid_null(&asked)) {
        opreq_forget(&asked, offline_answered, r);
        opreq_end(q_store(), &asked, 0); /* the operator may have ended it already */
    }
    model_librequest_set_state(q_store(), &r->request, NTMS_LM_QUEUED);
    sched_insert(r);
    return true;
}

static void offline_answered(const NTMS_GUID *request, DWORD result, void *ctx)
{
    qreq_t *r = ctx;

    (void)request;
    if (r->state != QR_OFFLINE)
        return;
    memset(&r->opreq, 0, sizeof r->opreq);
    if (result != 0) {
        /* refused by the operator, or withdrawn: ERROR_CANCELLED, as for
         * every wait the service ties to an operator request
         * (docs/decisions.md) */
        mount_finish(r, ERROR_CANCELLED);
        return;
    }
    if (offline_arrived(r))
        sched_run(r->q);
    /* else: satisfied but not seen in a library yet; the tick looks again */
}

/* --- the tick ------------------------------------------------------------------ */

void mount_tick(int64_t now)
{
    qreq_t *r, *next;

    for (r = all; r != NULL; r = next) {
        next = r->all_next;
        if (r->kind != QR_MOUNT || r->state == QR_DONE)
            continue;
        if (r->deadline_ms != 0 && now >= r->deadline_ms) {
            if (r->state != QR_RUNNING) {
                mount_finish(r, ERROR_TIMEOUT);
                continue;
            }
            /* the robot is at it: answer now, the loads finish unmounted */
            if (!r->abandoned && r->done != NULL)
                r->done(r->ctx, ERROR_TIMEOUT, NULL, 0);
            r->abandoned = true;
            r->abandon_err = ERROR_TIMEOUT;
            r->deadline_ms = 0;
            continue;
        }
        if (r->state == QR_OFFLINE && offline_arrived(r))
            sched_run(r->q);
    }
}

/* --- MountNtmsMedia ---------------------------------------------------------------- */

static DWORD check_args(const mount_args_t *a)
{
    if (a->n == 0 || a->n > LIBRARY_MAX_DRIVES || a->media == NULL)
        return ERROR_INVALID_PARAMETER;
    if ((a->options & ~(DWORD)MOUNT_OPTIONS) != 0 || a->priority < NTMS_PRIORITY_LOWEST ||
        a->priority > NTMS_PRIORITY_HIGHEST)
        return ERROR_INVALID_PARAMETER;
    if ((a->options & NTMS_MOUNT_SPECIFIC_DRIVE) && a->drives == NULL)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* The request record and the qreq. */
static DWORD new_mount(store_t *st, const principal_t *who, const mount_args_t *a, qitem_t *items,
                       const NTMS_GUID *library, bool offline, qreq_t **out)
{
    qreq_t *r = calloc(1, sizeof *r);
    librequest_spec_t spec = {.op = NTMS_LM_MOUNT, .option = a->options, .priority = (DWORD)a->priority,
                              .library = offline ? NULL : library, .media = &items[0].t.medium,
                              .partition = &items[0].t.side,
                              .drive = (a->options & NTMS_MOUNT_SPECIFIC_DRIVE) ? &a->drives[0] : NULL};
    DWORD err;

    if (r == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = model_librequest_create(st, who, &spec, &r->request);
    if (err != 0) {
        free(r);
        return err;
    }
    r->kind = QR_MOUNT;
    r->items = items;
    r->n = a->n;
    r->options = a->options;
    r->priority = r->effective = a->priority;
    r->owner = a->owner;
    r->seq = next_seq++;
    r->queued_ms = q_now_ms();
    if (a->timeout_ms != INFINITE && a->timeout_ms != 0)
        r->deadline_ms = r->queued_ms + a->timeout_ms;
    r->no_wait_for_resources = a->timeout_ms == 0 || (a->options & NTMS_MOUNT_ERROR_NOT_AVAILABLE);
    if (!offline)
        r->library = *library;
    for (size_t k = 0; k < r->n; k++)
        items[k].req = r;
    qreq_register(r);
    *out = r;
    return 0;
}

/* Put r where it waits: the operator, or its library's queue. */
static DWORD enqueue(qreq_t *r, const mount_args_t *a, bool offline)
{
    DWORD err;

    if (offline) {
        /* Nothing offline can start now, and a caller who will not wait
         * gets no operator request: nobody would be there to use it. */
        if (r->no_wait_for_resources)
            return (a->options & NTMS_MOUNT_ERROR_NOT_AVAILABLE) ? ERROR_BUSY : ERROR_TIMEOUT;
        r->state = QR_OFFLINE;
        return ask_operator(r);
    }
    r->q = qlib_get(&r->library);
    if (r->q == NULL)
        return ERROR_DEVICE_NOT_AVAILABLE;
    if ((err = bind_drives(r)) != 0)
        return err;
    sched_insert(r);
    sched_run(r->q);
    if (r->state == QR_WAITING && r->no_wait_for_resources)
        return (a->options & NTMS_MOUNT_ERROR_NOT_AVAILABLE) ? ERROR_BUSY : ERROR_TIMEOUT;
    return 0;
}

DWORD queue_mount(store_t *st, const principal_t *who, const mount_args_t *a, mount_done_fn done, void *ctx,
                  NTMS_GUID *request, mount_t **handle)
{
    NTMS_GUID library;
    qitem_t *items;
    qreq_t *r;
    bool offline;
    DWORD err = check_args(a);

    if (err != 0)
        return err;
    items = calloc(a->n, sizeof *items);
    if (items == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    memset(&library, 0, sizeof library);
    err = check_media(st, a, items, &library, &offline);
    if (err == 0 && (a->options & NTMS_MOUNT_SPECIFIC_DRIVE))
        err = check_drives(st, a, &library, !q_guid_null(&library));
    for (size_t k = 0; err == 0 && (a->options & NTMS_MOUNT_SPECIFIC_DRIVE) && k < a->n; k++) {
        items[k].want_object = a->drives[k];
        items[k].has_want = true;
    }
    if (err == 0 && offline && (a->options & NTMS_MOUNT_ERROR_OFFLINE))
        err = ERROR_MEDIA_OFFLINE;
    if (err == 0)
        err = new_mount(st, who, a, items, &library, offline, &r);
    if (err != 0) {
        free(items);
        return err;
    }
    if (request != NULL)
        *request = r->request;
    r->done = done;
    r->ctx = ctx;
    r->in_submit = true;
    err = enqueue(r, a, offline);
    if (err != 0)
        mount_finish(r, err);
    r->in_submit = false;
    if (r->state == QR_DONE) {
        err = r->result;
        qreq_release(r);
        return err;
    }
    sched_tick_start();
    if (a->options & NTMS_MOUNT_NOWAIT) {
        r->done = NULL; /* nobody is answered; the mount still happens */
        return 0;
    }
    if (handle != NULL)
        *handle = (mount_t *)r;
    return QUEUE_PENDING;
}

void queue_mount_abandon(mount_t *m)
{
    qreq_t *r = (qreq_t *)m;

    r->abandoned = true;
    r->done = NULL;
    if (r->state == QR_WAITING || r->state == QR_OFFLINE)
        mount_finish(r, ERROR_CANCELLED);
}

void mount_session_ended(uint64_t owner)
{
    qreq_t *r, *next;

    for (r = all; r != NULL; r = next) {
        next = r->all_next;
        if (r->kind == QR_MOUNT && r->owner == owner && r->state != QR_DONE)
            queue_mount_abandon((mount_t *)r);
    }
}

/* --- shutdown -------------------------------------------------------------------- */

void queue_stop(void)
{
    qreq_t *r, *next;

    for (r = all; r != NULL; r = next) {
        next = r->all_next;
        if (r->kind == QR_MOUNT && (r->state == QR_WAITING || r->state == QR_OFFLINE))
            mount_finish(r, ERROR_CANCELLED);
        else if (r->kind == QR_CLAIM && r->state == QR_WAITING)
            claim_fail(r, ERROR_CANCELLED);
        else if (r->kind == QR_MOUNT && r->state == QR_RUNNING)
            queue_mount_abandon((mount_t *)r);
    }
    sched_tick_stop();
}

void queue_free(void)
{
    while (all != NULL) {
        qreq_t *r = all;
        all = r->all_next;
        free(r->items);
        free(r);
    }
    qlib_free_all();
}
