/*
 * opreq.c - operator requests: their records, their ends, and the work
 * inside the service that waits on them (opreq.h).
 *
 * A request is an NTMS_OPREQUEST object. Its State only moves forward:
 * SUBMITTED when it is created, then COMPLETE (satisfied) or REFUSED
 * (cancelled), each end one store_update in one transaction; a request the
 * service withdraws (nothing needs it any more) is deleted instead. ACTIVE
 * and INPROGRESS are never set: no console reports reading a request.
 *
 * Waiters are an in-memory list of (request, done, ctx); the database
 * never knows who waits. When a request ends, its waiters are taken off
 * the list first and then told in the order they attached, so a `done`
 * that submits, ends or forgets other requests cannot disturb the walk.
 *
 * Every change is announced through uimsg_send: a new request to the
 * request list (new media, move media, message) or the error list (device
 * service, cleaner) of the UI destinations, its end to the information list.
 */
#include "opreq_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "store/store_opreq.h"
#include "uimsg.h"
#include "util/log.h"
#include "wire.h"

/* --- names ------------------------------------------------------------------ */

static const char *const type_names[] = {
    [NTMS_OPREQ_UNKNOWN] = "UNKNOWN",         [NTMS_OPREQ_NEWMEDIA] = "NEWMEDIA",
    [NTMS_OPREQ_CLEANER] = "CLEANER",         [NTMS_OPREQ_DEVICESERVICE] = "DEVICESERVICE",
    [NTMS_OPREQ_MOVEMEDIA] = "MOVEMEDIA",     [NTMS_OPREQ_MESSAGE] = "MESSAGE",
};

/* szName of the request objects, so a list of requests reads like what
 * they ask for. */
static const char *const object_names[] = {
    [NTMS_OPREQ_NEWMEDIA] = "New media",   [NTMS_OPREQ_CLEANER] = "Cleaner",
    [NTMS_OPREQ_DEVICESERVICE] = "Device service", [NTMS_OPREQ_MOVEMEDIA] = "Move media",
    [NTMS_OPREQ_MESSAGE] = "Message",
};

static const char *const state_names[] = {
    [NTMS_OPSTATE_UNKNOWN] = "UNKNOWN",     [NTMS_OPSTATE_SUBMITTED] = "SUBMITTED",
    [NTMS_OPSTATE_ACTIVE] = "ACTIVE",       [NTMS_OPSTATE_INPROGRESS] = "INPROGRESS",
    [NTMS_OPSTATE_REFUSED] = "REFUSED",     [NTMS_OPSTATE_COMPLETE] = "COMPLETE",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *opreq_type_name(DWORD request)
{
    return request < COUNT(type_names) ? type_names[request] : "UNKNOWN";
}

const char *opreq_state_name(DWORD state)
{
    return state < COUNT(state_names) ? state_names[state] : "UNKNOWN";
}

int opreq_state_is_open(DWORD state)
{
    return state == NTMS_OPSTATE_SUBMITTED || state == NTMS_OPSTATE_ACTIVE || state == NTMS_OPSTATE_INPROGRESS;
}

/* --- waiters ---------------------------------------------------------------- */

struct waiter {
    NTMS_GUID request;
    opreq_done_fn done;
    void *ctx;
    struct waiter *next;
};

static struct waiter *waiters; /* in the order they attached */

static DWORD add_waiter(const NTMS_GUID *request, opreq_done_fn done, void *ctx)
{
    struct waiter *w = calloc(1, sizeof *w), **tail = &waiters;

    if (w == NULL) {
        log_error("operator requests: out of memory for a waiter");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    w->request = *request;
    w->done = done;
    w->ctx = ctx;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = w;
    return 0;
}

void opreq_forget(const NTMS_GUID *request, opreq_done_fn done, void *ctx)
{
    for (struct waiter **p = &waiters; *p != NULL; p = &(*p)->next) {
        struct waiter *w = *p;
        if ((done == NULL || w->done == done) && w->ctx == ctx &&
            memcmp(&w->request, request, sizeof *request) == 0) {
            *p = w->next;
            free(w);
            return;
        }
    }
}

/* Take the waiters of `request` off the list, then tell each. */
static void run_waiters(const NTMS_GUID *request, DWORD result)
{
    struct waiter *mine = NULL, **tail = &mine;

    for (struct waiter **p = &waiters; *p != NULL;) {
        struct waiter *w = *p;
        if (memcmp(&w->request, request, sizeof *request) == 0) {
            *p = w->next;
            w->next = NULL;
            *tail = w;
            tail = &w->next;
        } else {
            p = &w->next;
        }
    }
    while (mine != NULL) {
        struct waiter *w = mine;
        mine = w->next;
        w->done(request, result, w->ctx);
        free(w);
    }
}

/* --- records ---------------------------------------------------------------- */

/* Read operator request `id`; anything else is ERROR_OBJECT_NOT_FOUND. */
static DWORD read_request(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *rec)
{
    DWORD type;
    DWORD rc = id == NULL ? ERROR_INVALID_PARAMETER : store_type_of(st, id, &type);

    if (rc == 0 && type != NTMS_OPREQUEST)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc == 0)
        rc = store_get(st, id, rec);
    return rc;
}

DWORD opreq_state(store_t *st, const NTMS_GUID *request, DWORD *state)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc = read_request(st, request, &rec);

    if (rc == 0)
        *state = rec.Info.OpRequest.State;
    return rc;
}

/* Copy `text` into `dst` (`cap` bytes), cut at a character boundary so
 * that a long UTF-8 message stays valid UTF-8. */
static void copy_text(char *dst, size_t cap, const char *text)
{
    size_t n = text != NULL ? strlen(text) : 0;

    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--; /* text[n] continues a character: cut before it starts */
    }
    if (n > 0)
        memcpy(dst, text, n);
    dst[n] = '\0';
}

static void build_record(store_t *st, const principal_t *who, const opreq_spec_t *spec, NTMS_OBJECTINFORMATIONA *rec)
{
    NTMS_OPREQUESTINFORMATIONA *r = &rec->Info.OpRequest;

    memset(rec, 0, sizeof *rec);
    rec->dwSize = sizeof *rec;
    rec->dwType = NTMS_OPREQUEST;
    rec->Enabled = TRUE;
    rec->dwOperationalState = NTMS_READY;
    model_new_guid(&rec->ObjectGuid);
    snprintf(rec->szName, sizeof rec->szName, "%s", object_names[spec->request]);
    r->Request = spec->request;
    r->State = NTMS_OPSTATE_SUBMITTED;
    wire_time_to_systemtime(wire_time_now_ms(), &r->Submitted);
    copy_text(r->szMessage, sizeof r->szMessage, spec->message);
    if (spec->arg1 != NULL && !wire_guid_is_null(spec->arg1)) {
        r->Arg1 = *spec->arg1;
        r->Arg1Type = spec->arg1_type;
    }
    if (spec->arg2 != NULL && !wire_guid_is_null(spec->arg2)) {
        r->Arg2 = *spec->arg2;
        r->Arg2Type = spec->arg2_type;
    }
    model_fill_requester(st, who, r->szApplication, r->szUser, r->szComputer);
}

/* Delete ended requests older than the computer's dwOpRequestPurgeTime, as
 * its dwOpRequestFlags allow. Housekeeping: a failure is logged, never the
 * caller's error. */
static void purge_old(store_t *st)
{
    NTMS_OBJECTINFORMATIONA comp;
    NTMS_GUID id;
    const NTMS_COMPUTERINFORMATION *c = &comp.Info.Computer;
    size_t purged = 0;

    if (store_computer(st, &id) != 0 || store_get(st, &id, &comp) != 0 ||
        (c->dwOpRequestFlags & NTMS_OPREQFLAGS_NOAUTOPURGE))
        return;
    if (store_opreqs_purge(st, wire_time_now_ms() - (int64_t)c->dwOpRequestPurgeTime * 1000,
                           !(c->dwOpRequestFlags & NTMS_OPREQFLAGS_NOFAILEDPURGE), &purged) == 0 &&
        purged > 0)
        log_debug("operator requests: purged %zu ended ones", purged);
}

/* The library a request is about, for its UI destinations. */
static const NTMS_GUID *library_of(const NTMS_OPREQUESTINFORMATIONA *r)
{
    if (r->Arg1Type == NTMS_LIBRARY)
        return &r->Arg1;
    return r->Arg2Type == NTMS_LIBRARY ? &r->Arg2 : NULL;
}

static void announce(store_t *st, const NTMS_OBJECTINFORMATIONA *rec, const char *event, uint64_t session)
{
    const NTMS_OPREQUESTINFORMATIONA *r = &rec->Info.OpRequest;
    char id[37], text[NTMS_MESSAGE_LENGTH + 160];
    uimsg_t m = {.event = event, .text = text, .request = rec, .library = library_of(r), .session = session};

    wire_guid_to_string(&rec->ObjectGuid, id);
    if (strcmp(event, "submitted") == 0) {
        bool error = r->Request == NTMS_OPREQ_DEVICESERVICE || r->Request == NTMS_OPREQ_CLEANER;
        m.ui_type = error ? NTMS_UITYPE_ERR : NTMS_UITYPE_REQ;
        snprintf(text, sizeof text, "operator request %s (%s, from %s): %s", id, opreq_type_name(r->Request),
                 r->szApplication, r->szMessage[0] ? r->szMessage : "(no message)");
    } else {
        m.ui_type = NTMS_UITYPE_INFO;
        snprintf(text, sizeof text, "operator request %s (%s) %s", id, opreq_type_name(r->Request), event);
    }
    uimsg_send(st, &m);
}

/* --- the life of a request -------------------------------------------------- */

static DWORD insert_tx(store_t *st, const NTMS_OBJECTINFORMATIONA *rec, bool by_service)
{
    DWORD rc = store_begin(st);

    if (rc != 0)
        return rc;
    rc = store_insert(st, rec);
    if (rc == 0 && by_service)
        rc = store_opreq_mark_service(st, &rec->ObjectGuid);
    if (rc == 0)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

DWORD opreq_submit_in(store_t *st, const principal_t *who, uint64_t session, const opreq_spec_t *spec,
                      opreq_done_fn done, void *ctx, NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc;

    if (st == NULL || spec == NULL || spec->request < NTMS_OPREQ_NEWMEDIA || spec->request > NTMS_OPREQ_MESSAGE)
        return ERROR_INVALID_PARAMETER;
    purge_old(st);
    build_record(st, who, spec, &rec);
    rc = insert_tx(st, &rec, who == NULL);
    if (rc != 0) {
        log_error("operator request (%s): cannot record it (error %u)", opreq_type_name(spec->request),
                  (unsigned)rc);
        return rc;
    }
    if (done != NULL && add_waiter(&rec.ObjectGuid, done, ctx) != 0) {
        /* Nobody could hear its end: a request nothing waits for must not
         * stay for the operator to answer in vain. */
        store_delete(st, &rec.ObjectGuid);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    announce(st, &rec, "submitted", session);
    if (out != NULL)
        *out = rec.ObjectGuid;
    return 0;
}

DWORD opreq_submit(store_t *st, const principal_t *who, const opreq_spec_t *spec, opreq_done_fn done, void *ctx,
                   NTMS_GUID *out)
{
    return opreq_submit_in(st, who, 0, spec, done, ctx, out);
}

DWORD opreq_attach(store_t *st, const NTMS_GUID *request, opreq_done_fn done, void *ctx)
{
    DWORD state;
    DWORD rc = opreq_state(st, request, &state);

    if (rc == 0 && !opreq_state_is_open(state))
        rc = ERROR_INVALID_STATE;
    return rc != 0 ? rc : add_waiter(request, done, ctx);
}

/* Read an open request inside a transaction: ERROR_INVALID_STATE when it
 * has ended. */
static DWORD read_open(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *rec)
{
    DWORD rc = read_request(st, id, rec);

    if (rc == 0 && !opreq_state_is_open(rec->Info.OpRequest.State))
        rc = ERROR_INVALID_STATE;
    return rc;
}

static DWORD end_tx(store_t *st, const NTMS_GUID *id, DWORD state, NTMS_OBJECTINFORMATIONA *rec)
{
    DWORD rc = store_begin(st);

    if (rc != 0)
        return rc;
    rc = read_open(st, id, rec);
    if (rc == 0) {
        rec->Info.OpRequest.State = state;
        rc = store_update(st, rec);
    }
    if (rc == 0)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

DWORD opreq_end(store_t *st, const NTMS_GUID *request, DWORD result)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD state = result == 0 ? NTMS_OPSTATE_COMPLETE : NTMS_OPSTATE_REFUSED;
    DWORD rc;

    if (st == NULL || request == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = end_tx(st, request, state, &rec);
    if (rc != 0)
        return rc;
    announce(st, &rec, result == 0 ? "completed" : "refused", 0);
    run_waiters(request, result == 0 ? 0 : ERROR_CANCELLED);
    return 0;
}

DWORD opreq_withdraw(store_t *st, const NTMS_GUID *request)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc;

    if (st == NULL || request == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = read_open(st, request, &rec);
    if (rc == 0)
        rc = store_delete(st, request);
    if (rc != 0)
        return rc;
    announce(st, &rec, "withdrawn", 0);
    run_waiters(request, ERROR_OBJECT_NOT_FOUND);
    return 0;
}

int opreq_find_open(store_t *st, DWORD request, const NTMS_GUID *arg1, NTMS_GUID *out)
{
    guid_list_t open = {0};
    int found;

    if (st == NULL || store_opreqs_open(st, request, arg1, 0, &open) != 0)
        return 0;
    found = open.n > 0;
    if (found && out != NULL)
        *out = open.v[0];
    guid_list_free(&open);
    return found;
}

DWORD opreq_recover(store_t *st, size_t *n)
{
    guid_list_t open = {0};
    NTMS_OBJECTINFORMATIONA rec;
    size_t done = 0;
    DWORD rc;

    if (st == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_uidest_drop_session(st, 0);
    if (rc == 0)
        rc = store_opreqs_open(st, 0, NULL, 1, &open);
    for (size_t i = 0; rc == 0 && i < open.n; i++) {
        rc = end_tx(st, &open.v[i], NTMS_OPSTATE_REFUSED, &rec);
        done += rc == 0;
    }
    guid_list_free(&open);
    if (done > 0)
        log_info("operator requests: %zu raised by the previous run ended as refused", done);
    if (n != NULL)
        *n = done;
    return rc;
}

/* --- start and stop ----------------------------------------------------------- */

void opreq_start(struct uv_loop_s *loop, store_t *st)
{
    uimsg_set_loop(loop);
    opreq_service_start(st);
}

void opreq_stop(void)
{
    opreq_service_stop();
    uimsg_stop();
    while (waiters != NULL) { /* nothing will end their requests now */
        struct waiter *w = waiters;
        waiters = w->next;
        free(w);
    }
}
