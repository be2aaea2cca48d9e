/*
 * dismount.c - DismountNtmsMedia, DismountNtmsDrive, deferred dismounts
 * and the end of a session's mounts.
 *
 * Releasing a mount is one transaction (model_mount_release: the drive
 * DISMOUNTABLE, the medium LOADED); the drive is then LOADED in the table
 * and any waiting mount may have it. An immediate dismount also queues a
 * library request (NTMS_LM_DISMOUNT) that unloads the drive and takes the
 * medium home; a deferred one leaves it there until a mount needs the
 * drive or its idle time (the drive object's dwDeferDismountDelay) is
 * over. A stand-alone drive has no robot: its dismounts are all deferred.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/ops.h"
#include "queue_int.h"
#include "util/log.h"

static queue_unload_hook_fn unload_hook;

void queue_set_unload_hook(queue_unload_hook_fn fn)
{
    unload_hook = fn;
}

typedef struct unloading {
    qlib_t *q;
    int drive;
    NTMS_GUID request;
} unloading_t;

static void unloaded(void *arg, DWORD err)
{
    unloading_t *u = arg;
    qlib_t *q = u->q;
    qdrive_t *d = &q->d[u->drive];
    library_t *lib = qlib_library(q);

    if (err != 0)
        log_warn("queue: drive %u could not be dismounted (error %u); its medium stays", d->address, (unsigned)err);
    model_librequest_finish(q_store(), &u->request, err);
    d->state = QD_EMPTY; /* qd_refresh: LOADED again if the medium is still in it */
    d->holder = NULL;
    qd_refresh(q, u->drive);
    if (err == 0 && unload_hook != NULL && lib != NULL)
        unload_hook(lib, u->drive);
    free(u);
    sched_run(q);
}

static bool standalone(const qlib_t *q)
{
    library_t *lib = qlib_library(q);

    return lib != NULL && library_config(lib)->kind == LIBRARY_STANDALONE;
}

/* The dismount's request, in process from the start: one transaction
 * (the robot is not asked before it is committed). */
static DWORD new_request(const librequest_spec_t *spec, const principal_t *who, NTMS_GUID *request)
{
    DWORD err = store_begin(q_store());

    if (err != 0)
        return err;
    err = model_librequest_create(q_store(), who, spec, request);
    if (err == 0)
        model_librequest_set_state(q_store(), request, NTMS_LM_INPROCESS);
    if (err != 0) {
        store_rollback(q_store());
        return err;
    }
    return store_commit(q_store());
}

/* The unload's request for drive i (committed by the caller's
 * transaction), or 0 with *out NULL when nothing is to unload. */
static DWORD unload_request(qlib_t *q, int i, const principal_t *who, unloading_t **out)
{
    qdrive_t *d = &q->d[i];
    librequest_spec_t spec = {.op = NTMS_LM_DISMOUNT, .option = NTMS_DISMOUNT_IMMEDIATE, .library = &q->library,
                              .drive = &d->object, .media = &d->medium};
    unloading_t *u;
    DWORD err;

    *out = NULL;
    if (standalone(q))
        return 0;
    u = calloc(1, sizeof *u);
    if (u == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    u->q = q;
    u->drive = i;
    err = new_request(&spec, who, &u->request);
    if (err != 0) {
        free(u);
        return err;
    }
    *out = u;
    return 0;
}

/* Give the robot the unload whose request u carries. */
static DWORD unload_submit(qlib_t *q, int i, unloading_t *u)
{
    qdrive_t *d = &q->d[i];
    DWORD err = ops_unload(&u->request, &q->library, &d->medium, d->address, unloaded, u);

    if (err == OPS_PENDING) {
        d->state = QD_BUSY;
        d->holder = NULL;
        return 0;
    }
    model_librequest_finish(q_store(), &u->request, err);
    free(u);
    return err;
}

DWORD dismount_drive_now(qlib_t *q, int i, const principal_t *who)
{
    unloading_t *u;
    DWORD err;

    if (q->d[i].state != QD_LOADED)
        return ERROR_INVALID_STATE;
    err = unload_request(q, i, who, &u);
    return err != 0 || u == NULL ? err : unload_submit(q, i, u);
}

void dismount_tick(int64_t now)
{
    for (qlib_t *q = qlib_first(); q != NULL; q = q->next) {
        for (int i = 0; i < q->ndrives; i++) {
            qdrive_t *d = &q->d[i];
            if (d->state == QD_LOADED && now - d->idle_since_ms >= (int64_t)d->defer_ms)
                dismount_drive_now(q, i, NULL);
        }
    }
}

/* The mount in drive i has ended in the database: it is LOADED (idle
 * since now). */
static void released(qlib_t *q, int i)
{
    qdrive_t *d = &q->d[i];

    d->state = QD_LOADED;
    d->holder = NULL;
    d->owner = 0;
    d->idle_since_ms = q_now_ms();
    d->defer_ms = qd_defer_ms(d);
}

/* End the mount in drive i: it becomes LOADED (idle since now). */
static DWORD release(qlib_t *q, int i)
{
    DWORD err = model_mount_release(q_store(), &q->d[i].object, &q->d[i].medium);

    if (err == 0)
        released(q, i);
    return err;
}

/* End the mount in drive i and unload it: the release and the unload's
 * request in one transaction, committed before the robot is asked. */
static DWORD release_and_unload(qlib_t *q, int i, const principal_t *who)
{
    unloading_t *u = NULL;
    DWORD err = store_begin(q_store());

    if (err != 0)
        return err;
    err = model_mount_release(q_store(), &q->d[i].object, &q->d[i].medium);
    if (err == 0)
        err = unload_request(q, i, who, &u);
    if (err != 0) {
        store_rollback(q_store());
        return err;
    }
    if ((err = store_commit(q_store())) != 0) {
        free(u);
        return err;
    }
    released(q, i);
    return u == NULL ? 0 : unload_submit(q, i, u);
}

/* The queue and drive of a mounted side. */
static DWORD find_mounted(store_t *st, const NTMS_GUID *id, qlib_t **q, int *drive)
{
    mount_target_t t;
    DWORD err = model_mount_target(st, id, &t);

    if (err != 0)
        return err;
    if (t.offline)
        return ERROR_MEDIA_OFFLINE;
    *q = qlib_get(&t.library);
    if (*q == NULL)
        return ERROR_DEVICE_NOT_AVAILABLE;
    *drive = qlib_drive_holding(*q, &t.medium);
    if (*drive < 0 || (*q)->d[*drive].state != QD_MOUNTED)
        return ERROR_INVALID_STATE; /* not mounted */
    return 0;
}

DWORD queue_dismount(store_t *st, const principal_t *who, const NTMS_GUID *media, size_t n, DWORD options)
{
    qlib_t *qs[LIBRARY_MAX_DRIVES];
    int drives[LIBRARY_MAX_DRIVES];
    DWORD err = 0;

    if (media == NULL || n == 0 || n > LIBRARY_MAX_DRIVES ||
        (options & ~(DWORD)(NTMS_DISMOUNT_DEFERRED | NTMS_DISMOUNT_IMMEDIATE)) != 0)
        return ERROR_INVALID_PARAMETER;
    /* All are checked before any is touched. */
    for (size_t k = 0; err == 0 && k < n; k++)
        err = find_mounted(st, &media[k], &qs[k], &drives[k]);
    if (err != 0)
        return err;
    for (size_t k = 0; err == 0 && k < n; k++)
        err = (options & NTMS_DISMOUNT_DEFERRED) ? release(qs[k], drives[k])
                                                 : release_and_unload(qs[k], drives[k], who);
    for (size_t k = 0; k < n; k++)
        sched_run(qs[k]);
    sched_tick_start();
    return err;
}

DWORD queue_dismount_drive(store_t *st, const principal_t *who, const NTMS_GUID *drive)
{
    NTMS_OBJECTINFORMATIONA d;
    qlib_t *q;
    int i;
    DWORD err = store_get(st, drive, &d);

    if (err != 0 || d.dwType != NTMS_DRIVE)
        return err == 0 || err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_DRIVE : err;
    if (!d.Enabled)
        return ERROR_DEVICE_NOT_AVAILABLE;
    q = qlib_get(&d.Info.Drive.Library);
    if (q == NULL)
        return ERROR_DEVICE_NOT_AVAILABLE;
    i = qlib_drive_of_object(q, drive);
    if (i < 0)
        return ERROR_INVALID_DRIVE;
    qd_refresh(q, i);
    switch (q->d[i].state) {
    case QD_EMPTY:
        return ERROR_INVALID_STATE; /* the drive holds nothing */
    case QD_BUSY:
    case QD_CLAIMED:
        return ERROR_BUSY;
    case QD_MOUNTED:
        if ((err = release(q, i)) != 0)
            return err;
        /* fall through */
    case QD_LOADED:
        err = dismount_drive_now(q, i, who);
        break;
    }
    sched_run(q);
    sched_tick_start();
    return err;
}

void queue_session_ended(uint64_t owner)
{
    if (owner == 0)
        return;
    mount_session_ended(owner);
    for (qlib_t *q = qlib_first(); q != NULL; q = q->next) {
        bool changed = false;
        for (int i = 0; i < q->ndrives; i++) {
            if (q->d[i].state == QD_MOUNTED && q->d[i].owner == owner) {
                log_info("queue: session %llu ended with drive %u mounted; the medium stays, dismountable",
                         (unsigned long long)owner, q->d[i].address);
                changed |= release(q, i) == 0;
            }
        }
        if (changed)
            sched_run(q);
    }
}
