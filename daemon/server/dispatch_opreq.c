/*
 * dispatch_opreq.c - the handlers of SubmitNtmsOperatorRequest,
 * WaitForNtmsOperatorRequest, Satisfy- and CancelNtmsOperatorRequest and
 * Get/SetNtmsUIOptions.
 *
 * Like the other handlers, these check only what the wire cannot; the
 * rules are daemon/queue/opreq_api.c's.
 *
 * Waiting. A WaitForNtmsOperatorRequest on an open request with a
 * non-zero dwTimeout is parked and tied to the request (opreq_attach):
 * its end answers 0 (satisfied) or ERROR_CANCELLED (refused), a request
 * the service withdrew ERROR_OBJECT_NOT_FOUND, a timer ERROR_TIMEOUT (none
 * for INFINITE). An ended request answers at once; an open one with a
 * time-out of 0 answers ERROR_TIMEOUT at once. The end of the session, or
 * of the service, forgets the wait and answers ERROR_CANCELLED.
 */
#include "dispatch_opreq.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "dispatch.h"
#include "queue/opreq_api.h"
#include "util/log.h"

#define WHO(c) (&(c)->conn->who)
#define STORE(c) ((c)->conn->srv->store)
#define SESSION(c) ((c)->conn->session_id)

/* ------------------------------------------------------------------------ */
/* Waits */

struct opwait {
    struct call *call;
    NTMS_GUID request;
    int timed;                   /* `timer` was initialised and must be closed */
    uv_timer_t timer;
    struct opwait *prev, *next;
};

static struct opwait *waits;

static void opwait_closed(uv_handle_t *h)
{
    free(h->data);
}

/* Off the list, answered with `err`, freed; the caller has untied it from
 * its request (or opreq did, by running it). */
static void opwait_finish(struct opwait *w, DWORD err)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        waits = w->next;
    if (w->next)
        w->next->prev = w->prev;
    call_answer_status(w->call, err);
    if (w->timed)
        uv_close((uv_handle_t *)&w->timer, opwait_closed);
    else
        free(w);
}

/* The request ended (or was withdrawn); opreq already untied us. */
static void opwait_done(const NTMS_GUID *request, DWORD result, void *ctx)
{
    (void)request;
    opwait_finish(ctx, result);
}

static void opwait_timeout(uv_timer_t *t)
{
    struct opwait *w = t->data;

    opreq_forget(&w->request, opwait_done, w);
    opwait_finish(w, ERROR_TIMEOUT);
}

/* call_park's hook: the service is stopping. */
static void opwait_cancel(struct call *c)
{
    for (struct opwait *w = waits; w != NULL; w = w->next) {
        if (w->call == c) {
            opreq_forget(&w->request, opwait_done, w);
            opwait_finish(w, ERROR_CANCELLED);
            return;
        }
    }
    call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

void dispatch_opreq_session_ended(struct conn *conn)
{
    struct opwait *w = waits, *next;

    for (; w != NULL; w = next) {
        next = w->next;
        if (w->call->conn == conn) {
            opreq_forget(&w->request, opwait_done, w);
            opwait_finish(w, ERROR_CANCELLED);
        }
    }
    uiopt_session_ended(conn->srv->store, conn->session_id);
}

static void wait_for_request(struct call *c, const NTMS_GUID *request, uint32_t timeout_ms)
{
    struct opwait *w = calloc(1, sizeof *w);
    DWORD err;

    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    w->call = c;
    w->request = *request;
    err = opreq_attach(STORE(c), request, opwait_done, w);
    if (err != 0) {
        free(w);
        call_answer_status(c, err);
        return;
    }
    if (timeout_ms != INFINITE) {
        uv_timer_init(c->conn->srv->loop, &w->timer);
        w->timer.data = w;
        w->timed = 1;
        uv_timer_start(&w->timer, opwait_timeout, timeout_ms, 0);
    }
    w->next = waits;
    if (waits)
        waits->prev = w;
    waits = w;
    call_park(c, opwait_cancel);
}

/* ------------------------------------------------------------------------ */
/* Handlers */

void handle_submit_op_request(struct call *c)
{
    const Rsm__SubmitOpRequest *m = c->req->submit_op_request;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__SubmitOpRequestResult res = RSM__SUBMIT_OP_REQUEST_RESULT__INIT;
    NTMS_GUID g1, g2, id;
    const NTMS_GUID *arg1, *arg2;
    uint8_t id_bytes[16];
    DWORD err;

    if (call_opt_guid(c, &m->arg1, m->has_arg1, "arg1", &g1, &arg1) != 0 ||
        call_opt_guid(c, &m->arg2, m->has_arg2, "arg2", &g2, &arg2) != 0)
        return;
    err = opreq_api_submit(STORE(c), WHO(c), SESSION(c), m->request, m->message, arg1, arg2, &id);
    if (err == 0) {
        wire_guid_to_bytes(&id, id_bytes);
        res.request.data = id_bytes;
        res.request.len = sizeof id_bytes;
        resp.result_case = RSM__RESPONSE__RESULT_SUBMIT_OP_REQUEST;
        resp.submit_op_request = &res;
    }
    call_answer(c, err, &resp);
}

void handle_wait_op_request(struct call *c)
{
    const Rsm__WaitOpRequest *m = c->req->wait_op_request;
    NTMS_GUID id;
    int open = 0;
    DWORD err;

    if (call_need_guid(c, &m->request, "request", &id) != 0)
        return;
    err = opreq_api_wait_start(STORE(c), &id, &open);
    if (err == 0 && open && m->timeout_ms != 0) {
        wait_for_request(c, &id, m->timeout_ms);
        return;
    }
    call_answer_status(c, err == 0 && open ? ERROR_TIMEOUT : err);
}

void handle_satisfy_op_request(struct call *c)
{
    NTMS_GUID id;

    if (call_need_guid(c, &c->req->satisfy_op_request->request, "request", &id) != 0)
        return;
    call_answer_status(c, opreq_api_satisfy(STORE(c), WHO(c), &id));
}

void handle_cancel_op_request(struct call *c)
{
    NTMS_GUID id;

    if (call_need_guid(c, &c->req->cancel_op_request->request, "request", &id) != 0)
        return;
    call_answer_status(c, opreq_api_cancel(STORE(c), WHO(c), &id));
}

void handle_get_ui_options(struct call *c)
{
    const Rsm__GetUIOptions *m = c->req->get_ui_options;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__UIOptionsResult res = RSM__UIOPTIONS_RESULT__INIT;
    strlist_t list = {0};
    NTMS_GUID obj;
    const NTMS_GUID *object;
    DWORD err;

    if (call_opt_guid(c, &m->object, m->has_object, "object", &obj, &object) != 0)
        return;
    err = uiopt_get(STORE(c), WHO(c), SESSION(c), object, m->type, &list);
    if (err == 0) {
        res.n_destinations = list.n;
        res.destinations = list.v;
        resp.result_case = RSM__RESPONSE__RESULT_UI_OPTIONS;
        resp.ui_options = &res;
    }
    call_answer(c, err, &resp);
    strlist_free(&list);
}

void handle_set_ui_options(struct call *c)
{
    const Rsm__SetUIOptions *m = c->req->set_ui_options;
    NTMS_GUID obj;
    const NTMS_GUID *object;

    if (call_opt_guid(c, &m->object, m->has_object, "object", &obj, &object) != 0)
        return;
    call_answer_status(c, uiopt_set(STORE(c), WHO(c), SESSION(c), object, m->type, m->operation,
                                    m->destination));
}
