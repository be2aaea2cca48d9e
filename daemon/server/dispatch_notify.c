/*
 * dispatch_notify.c - the notification calls on the wire (dispatch_notify.h).
 *
 * A handle's owner is the connection, which carries one session, so a
 * handle is good on the session that opened it only and closes with it.
 * A wait is parked before it is handed to daemon/notify/, which answers it
 * through answer_wait, at once or later; call_reply unparks it either way.
 */
#include "dispatch_notify.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "dispatch.h"
#include "notify/notify.h"
#include "util/log.h"

#define NOTIFY(c) ((c)->conn->srv->notify)

static int have_notify(struct call *c)
{
    if (NOTIFY(c) != NULL)
        return 1;
    call_fail(c, ERROR_DATABASE_FAILURE, "%s: notifications could not be started (see rsmd's log)", c->name);
    return 0;
}

void handle_open_notification(struct call *c)
{
    const Rsm__OpenNotification *m = c->req->open_notification;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__OpenNotificationResult res = RSM__OPEN_NOTIFICATION_RESULT__INIT;
    char who[64];
    uint64_t id = 0;

    if (!have_notify(c))
        return;
    if (!notify_type_valid(m->type)) {
        call_fail(c, ERROR_INVALID_PARAMETER, "%s: %" PRIu32 " is not an object type that has notifications",
                  c->name, m->type);
        return;
    }
    snprintf(who, sizeof who, "session %" PRIu64 " (pid %d)", c->conn->session_id, (int)c->conn->who.pid);
    DWORD err = notify_open(NOTIFY(c), c->conn, who, m->type, &id);
    if (err == 0) {
        res.handle = id;
        resp.result_case = RSM__RESPONSE__RESULT_OPEN_NOTIFICATION;
        resp.open_notification = &res;
    }
    call_answer(c, err, &resp);
}

/* daemon/notify's answer to a parked wait. */
static void answer_wait(void *ctx, DWORD err, const notify_event_t *v, size_t n)
{
    struct call *c = ctx;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__NotificationBatch res = RSM__NOTIFICATION_BATCH__INIT;
    uint8_t guids[NOTIFY_MAX_BATCH * 16];
    uint32_t ops[NOTIFY_MAX_BATCH];

    if (err != 0 || n == 0) {
        call_answer_status(c, err != 0 ? err : ERROR_TIMEOUT);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        wire_guid_to_bytes(&v[i].id, guids + 16 * i);
        ops[i] = v[i].operation;
    }
    res.guids.data = guids;
    res.guids.len = 16 * n;
    res.n_operations = n;
    res.operations = ops;
    resp.result_case = RSM__RESPONSE__RESULT_NOTIFICATIONS;
    resp.notifications = &res;
    call_answer(c, 0, &resp);
}

/* call_park's hook: the service is stopping. */
static void cancel_wait(struct call *c)
{
    if (NOTIFY(c) == NULL || !notify_cancel_wait(NOTIFY(c), c, ERROR_CANCELLED))
        call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

void handle_wait_notification(struct call *c)
{
    const Rsm__WaitNotification *m = c->req->wait_notification;

    if (!have_notify(c))
        return;
    call_park(c, cancel_wait);
    DWORD err = notify_wait(NOTIFY(c), c->conn, m->handle, m->has_max_count ? m->max_count : 1, m->timeout_ms,
                            answer_wait, c);
    if (err != 0)
        call_answer_status(c, err);
}

void handle_close_notification(struct call *c)
{
    if (!have_notify(c))
        return;
    call_answer_status(c, notify_close(NOTIFY(c), c->conn, c->req->close_notification->handle));
}

void dispatch_notify_session_ended(struct conn *conn)
{
    if (conn->srv->notify != NULL)
        notify_owner_gone(conn->srv->notify, conn);
}

int dispatch_notify_start(struct server *srv)
{
    size_t limit = srv->cfg->notify_queue ? srv->cfg->notify_queue : NOTIFY_DEFAULT_QUEUE;
    srv->notify = notify_new(srv->loop, srv->store, limit);
    if (srv->notify == NULL) {
        log_error("notifications could not be started; OpenNtmsNotification answers ERROR_DATABASE_FAILURE");
        return -1;
    }
    return 0;
}

void dispatch_notify_stop(struct server *srv)
{
    notify_free(srv->notify);
    srv->notify = NULL;
}
