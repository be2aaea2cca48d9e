/*
 * dispatch_mount.c - MountNtmsMedia, DismountNtmsMedia, DismountNtmsDrive,
 * CancelNtmsLibraryRequest, DeleteNtmsRequests and Get/SetNtmsRequestOrder
 * from the wire to the queue (daemon/queue/mount.h) and back.
 *
 * A mount parks its call until the queue calls back. The parked calls are
 * listed here so that a client that goes away abandons its mounts (a
 * waiting one is cancelled, one the robot is doing ends loaded, not
 * mounted) and a stopping service answers them.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "dispatch.h"
#include "dispatch_mount.h"
#include "queue/mount.h"
#include "server.h"
#include "util/log.h"

#define WHO(c) (&(c)->conn->who)
#define STORE(c) ((c)->conn->srv->store)

typedef struct waiting_mount {
    struct call *call;
    mount_t *mount;
    NTMS_GUID request;
    struct waiting_mount *next;
} waiting_mount_t;

static waiting_mount_t *waiting;

static void waiting_unlink(waiting_mount_t *w)
{
    for (waiting_mount_t **p = &waiting; *p != NULL; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            return;
        }
    }
}

static void mounted(void *ctx, DWORD err, const NTMS_GUID *drives, size_t n)
{
    waiting_mount_t *w = ctx;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__MountMediaResult res = RSM__MOUNT_MEDIA_RESULT__INIT;
    ProtobufCBinaryData fields[64];
    uint8_t bufs[64][16], req[16];

    waiting_unlink(w);
    if (err == 0 && n <= 64) {
        for (size_t k = 0; k < n; k++) {
            wire_guid_to_bytes(&drives[k], bufs[k]);
            fields[k] = (ProtobufCBinaryData){16, bufs[k]};
        }
        wire_guid_to_bytes(&w->request, req);
        res.n_drives = n;
        res.drives = fields;
        res.request = (ProtobufCBinaryData){16, req};
        resp.result_case = RSM__RESPONSE__RESULT_MOUNT_MEDIA;
        resp.mount_media = &res;
    }
    call_answer(w->call, err, &resp);
    free(w);
}

/* call_park's hook: the service is stopping. */
static void mount_cancel(struct call *c)
{
    for (waiting_mount_t *w = waiting; w != NULL; w = w->next) {
        if (w->call == c) {
            waiting_unlink(w);
            queue_mount_abandon(w->mount);
            call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
            free(w);
            return;
        }
    }
    call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

void dispatch_mount_session_ended(struct conn *conn)
{
    waiting_mount_t *w = waiting, *next;

    for (; w != NULL; w = next) {
        next = w->next;
        if (w->call->conn != conn)
            continue;
        waiting_unlink(w);
        queue_mount_abandon(w->mount);
        call_fail(w->call, ERROR_CANCELLED, "the session ended");
        free(w);
    }
    queue_session_ended(conn->session_id);
}

/* n GUIDs of a repeated field; ERROR_INVALID_PARAMETER (answered) on a bad
 * one. */
static int read_guids(struct call *c, const ProtobufCBinaryData *f, size_t n, const char *what, NTMS_GUID *out)
{
    for (size_t k = 0; k < n; k++)
        if (call_need_guid(c, &f[k], what, &out[k]) != 0)
            return -1;
    return 0;
}

void handle_mount_media(struct call *c)
{
    const Rsm__MountMedia *m = c->req->mount_media;
    NTMS_GUID media[64], drives[64];
    mount_args_t a = {.n = m->n_media, .options = m->options, .priority = m->priority,
                      .timeout_ms = m->timeout_ms, .owner = c->conn->session_id};
    waiting_mount_t *w;
    DWORD err;

    if (m->n_media == 0 || m->n_media > 64 || (m->n_drives != 0 && m->n_drives != m->n_media) ||
        ((m->options & NTMS_MOUNT_SPECIFIC_DRIVE) && m->n_drives == 0)) {
        call_fail(c, ERROR_INVALID_PARAMETER, "media and drives must be 1..64 and as many");
        return;
    }
    if (read_guids(c, m->media, m->n_media, "media", media) != 0 ||
        read_guids(c, m->drives, m->n_drives, "drives", drives) != 0)
        return;
    a.media = media;
    a.drives = m->n_drives ? drives : NULL;
    w = calloc(1, sizeof *w);
    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    w->call = c;
    err = queue_mount(STORE(c), WHO(c), &a, mounted, w, &w->request, &w->mount);
    if (err != QUEUE_PENDING) {
        free(w);
        call_answer_status(c, err);
        return;
    }
    w->next = waiting;
    waiting = w;
    call_park(c, mount_cancel);
    log_debug("conn %" PRIu64 ": mount_media id %" PRIu64 " waits in the queue", c->conn->id, c->id);
}

void handle_dismount_media(struct call *c)
{
    const Rsm__DismountMedia *m = c->req->dismount_media;
    NTMS_GUID media[64];

    if (m->n_media == 0 || m->n_media > 64) {
        call_fail(c, ERROR_INVALID_PARAMETER, "1..64 media");
        return;
    }
    if (read_guids(c, m->media, m->n_media, "media", media) != 0)
        return;
    call_answer_status(c, queue_dismount(STORE(c), WHO(c), media, m->n_media, m->options));
}

/* The one GUID of a RequestId call. */
static int request_id(struct call *c, const Rsm__RequestId *m, NTMS_GUID *id)
{
    return call_need_guid(c, &m->id, "id", id);
}

void handle_dismount_drive(struct call *c)
{
    NTMS_GUID id;

    if (request_id(c, c->req->dismount_drive, &id) == 0)
        call_answer_status(c, queue_dismount_drive(STORE(c), WHO(c), &id));
}

void handle_cancel_library_request(struct call *c)
{
    NTMS_GUID id;

    if (request_id(c, c->req->cancel_library_request, &id) == 0)
        call_answer_status(c, queue_cancel(STORE(c), WHO(c), &id));
}

void handle_get_request_order(struct call *c)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__RequestOrder res = RSM__REQUEST_ORDER__INIT;
    NTMS_GUID id;
    DWORD order = 0, err;

    if (request_id(c, c->req->get_request_order, &id) != 0)
        return;
    err = queue_get_order(STORE(c), &id, &order);
    if (err == 0) {
        res.order = order;
        resp.result_case = RSM__RESPONSE__RESULT_REQUEST_ORDER;
        resp.request_order = &res;
    }
    call_answer(c, err, &resp);
}

void handle_set_request_order(struct call *c)
{
    const Rsm__SetRequestOrder *m = c->req->set_request_order;
    NTMS_GUID id;

    if (call_need_guid(c, &m->request, "request", &id) == 0)
        call_answer_status(c, queue_set_order(STORE(c), &id, m->order));
}

void handle_delete_requests(struct call *c)
{
    const Rsm__DeleteRequests *m = c->req->delete_requests;
    NTMS_GUID *ids;

    if (m->n_ids > 4096) {
        call_fail(c, ERROR_INVALID_PARAMETER, "at most 4096 requests at once");
        return;
    }
    ids = calloc(m->n_ids ? m->n_ids : 1, sizeof *ids);
    if (ids == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    if (read_guids(c, m->ids, m->n_ids, "ids", ids) == 0)
        call_answer_status(c, queue_delete_requests(STORE(c), ids, m->n_ids, m->type));
    free(ids);
}
