/*
 * requests.c - the calls on the library request queue itself:
 * CancelNtmsLibraryRequest, GetNtmsRequestOrder, SetNtmsRequestOrder and
 * DeleteNtmsRequests.
 *
 * Only what still waits can be cancelled or reordered: a mount or a claim
 * in its library's queue, a mount waiting for an operator, or a library
 * operation (inventory, inject, eject ...) that has not started. Work the
 * robot has begun runs to its end (ERROR_ACCESS_DENIED, as the reference
 * says of requests "currently being handled").
 */
#include <string.h>

#include "ops/ops.h"
#include "queue_int.h"
#include "store/store_media.h"
#include "util/log.h"

static DWORD request_exists(store_t *st, const NTMS_GUID *id)
{
    DWORD type, err = store_type_of(st, id, &type);

    if (err != 0)
        return err;
    return type == NTMS_LIBREQUEST ? 0 : ERROR_OBJECT_NOT_FOUND;
}

DWORD queue_cancel(store_t *st, const principal_t *who, const NTMS_GUID *request)
{
    qreq_t *r;
    DWORD err;

    (void)who;
    if (request == NULL)
        return ERROR_INVALID_PARAMETER;
    r = qreq_find(request);
    if (r != NULL && r->state == QR_RUNNING)
        return ERROR_ACCESS_DENIED;
    if (r != NULL && r->kind == QR_MOUNT) {
        log_info("queue: mount request cancelled before it started");
        mount_finish(r, ERROR_CANCELLED);
        return 0;
    }
    if (r != NULL) {
        claim_fail(r, ERROR_CANCELLED);
        return 0;
    }
    err = ops_cancel_request(request);
    if (err != ERROR_OBJECT_NOT_FOUND)
        return err;
    err = request_exists(st, request);
    /* A request that exists but is not open has finished: nothing to
     * cancel, which the reference reports as not found. */
    return err == 0 ? ERROR_OBJECT_NOT_FOUND : err;
}

/* The 1-based place of r in its library's queue. */
static DWORD place_of(const qreq_t *r)
{
    DWORD n = 1;

    for (const qreq_t *p = r->q->pending; p != NULL && p != r; p = p->next)
        n++;
    return n;
}

DWORD queue_get_order(store_t *st, const NTMS_GUID *request, DWORD *order)
{
    qreq_t *r;
    DWORD err;

    if (request == NULL || order == NULL)
        return ERROR_INVALID_PARAMETER;
    r = qreq_find(request);
    if (r != NULL && r->state == QR_WAITING) {
        *order = place_of(r);
        return 0;
    }
    err = request_exists(st, request);
    if (err == 0)
        *order = 0; /* not waiting in a queue: no order */
    return err;
}

DWORD queue_set_order(store_t *st, const NTMS_GUID *request, DWORD order)
{
    qreq_t *r, **p, *at;
    DWORD err, n;

    if (request == NULL || order == 0)
        return ERROR_INVALID_PARAMETER;
    r = qreq_find(request);
    if (r == NULL || r->state != QR_WAITING) {
        err = request_exists(st, request);
        return err != 0 ? err : ERROR_INVALID_STATE;
    }
    sched_remove(r);
    for (p = &r->q->pending, n = 1; *p != NULL && n < order; p = &(*p)->next)
        n++;
    at = *p;
    /* Take the effective priority and age of the place, so that ageing and
     * later arrivals keep the order the operator chose. */
    if (at != NULL) {
        r->effective = at->effective;
        r->seq = at->seq;
        for (qreq_t *s = at; s != NULL; s = s->next)
            if (s->effective == r->effective)
                s->seq++;
    } else if (p != &r->q->pending) {
        r->effective = NTMS_PRIORITY_LOWEST;
    }
    r->next = at;
    *p = r;
    log_info("queue: request moved to place %u", (unsigned)place_of(r));
    sched_run(r->q);
    return 0;
}

DWORD queue_delete_requests(store_t *st, const NTMS_GUID *ids, size_t n, DWORD type)
{
    size_t deleted = 0, kept = 0;

    if (type != NTMS_LIBREQUEST && type != NTMS_OPREQUEST)
        return ERROR_INVALID_PARAMETER;
    if (n > 0 && ids == NULL)
        return ERROR_INVALID_PARAMETER;
    for (size_t k = 0; k < n; k++) {
        size_t one = 0;
        DWORD err = store_request_delete_finished(st, &ids[k], type, &one);
        if (err != 0)
            return err;
        deleted += one;
        if (one == 0 && store_type_of(st, &ids[k], &(DWORD){0}) == 0)
            kept++;
    }
    if (kept > 0)
        log_info("DeleteNtmsRequests: %zu request(s) still open were kept", kept);
    log_debug("DeleteNtmsRequests: %zu deleted", deleted);
    return 0;
}
