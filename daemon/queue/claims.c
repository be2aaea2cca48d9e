/*
 * claims.c - drive claims (queue.h): an empty drive for work that is not a
 * mount, such as cleaning a drive or reading a label. A claim waits in the
 * library's queue like a mount of one medium and is granted by the same
 * rules; a loaded idle drive is emptied for it first.
 */
#include <stdlib.h>
#include <string.h>

#include "queue_int.h"
#include "util/log.h"

static void claim_free(qreq_t *r)
{
    r->state = QR_DONE;
    qreq_release(r);
}

void claim_start(qreq_t *r, int i)
{
    qdrive_t *d = &r->q->d[i];

    r->state = QR_RUNNING;
    r->claimed = i;
    d->state = QD_CLAIMED;
    d->holder = r;
    sched_say_why(r, "%s", "");
    if (r->in_submit) {
        r->grant_due = true; /* queue_claim_drive must return first */
        return;
    }
    r->grant((drive_claim_t *)r, 0, r->grant_ctx);
}

void claim_fail(qreq_t *r, DWORD err)
{
    drive_grant_fn grant = r->grant;
    void *ctx = r->grant_ctx;

    sched_remove(r);
    claim_free(r);
    grant(NULL, err, ctx);
}

void claim_tick(int64_t now)
{
    for (qlib_t *q = qlib_first(); q != NULL; q = q->next) {
        for (int i = 0; i < q->ndrives; i++) {
            qreq_t *r = q->d[i].holder;
            if (q->d[i].state == QD_CLAIMED && r != NULL && r->grant_due) {
                r->grant_due = false;
                r->grant((drive_claim_t *)r, 0, r->grant_ctx);
            }
        }
        for (qreq_t *r = q->pending, *next; r != NULL; r = next) {
            next = r->next;
            if (r->kind == QR_CLAIM && r->deadline_ms != 0 && now >= r->deadline_ms)
                claim_fail(r, ERROR_TIMEOUT);
        }
    }
}

DWORD queue_claim_drive(library_t *lib, int drive, int priority, DWORD timeout_ms, const NTMS_GUID *librequest,
                        drive_grant_fn grant, void *ctx, drive_claim_t **out)
{
    qlib_t *q;
    qreq_t *r;

    if (lib == NULL || grant == NULL || out == NULL || priority < NTMS_PRIORITY_LOWEST ||
        priority > NTMS_PRIORITY_HIGHEST)
        return ERROR_INVALID_PARAMETER;
    q = qlib_get(library_guid(lib));
    if (q == NULL)
        return ERROR_DEVICE_NOT_AVAILABLE;
    if (drive < -1 || drive >= q->ndrives)
        return ERROR_INVALID_DRIVE;
    if (drive >= 0 && !library_drive_usable(lib, drive))
        return ERROR_RESOURCE_DISABLED;
    r = calloc(1, sizeof *r);
    if (r == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    r->kind = QR_CLAIM;
    r->q = q;
    r->library = q->library;
    if (librequest != NULL)
        r->request = *librequest;
    r->claimed = drive;
    r->priority = r->effective = priority;
    r->seq = qreq_next_seq();
    r->queued_ms = q_now_ms();
    if (timeout_ms != INFINITE)
        r->deadline_ms = r->queued_ms + timeout_ms;
    r->grant = grant;
    r->grant_ctx = ctx;
    qreq_register(r);
    sched_insert(r);
    r->in_submit = true;
    sched_run(q);
    r->in_submit = false;
    sched_tick_start();
    *out = (drive_claim_t *)r;
    return 0;
}

int queue_claim_drive_index(const drive_claim_t *claim)
{
    const qreq_t *r = (const qreq_t *)claim;

    return r->state == QR_RUNNING ? r->claimed : -1;
}

void queue_release_drive(drive_claim_t *claim)
{
    qreq_t *r = (qreq_t *)claim;
    qlib_t *q = r->q;

    if (r->state == QR_WAITING) {
        sched_remove(r);
    } else if (r->state == QR_RUNNING) {
        qdrive_t *d = &q->d[r->claimed];
        d->state = QD_EMPTY;
        d->holder = NULL;
        qd_refresh(q, r->claimed);
    }
    claim_free(r);
    sched_run(q);
}

bool queue_drive_idle(library_t *lib, int i)
{
    qlib_t *q = lib ? qlib_get(library_guid(lib)) : NULL;

    if (q == NULL || i < 0 || i >= q->ndrives || q->pending != NULL)
        return false;
    qd_refresh(q, i);
    return q->d[i].state == QD_EMPTY || q->d[i].state == QD_LOADED;
}
