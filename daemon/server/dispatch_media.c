/*
 * dispatch_media.c - the handlers of the media calls, and the allocations
 * that wait for media.
 *
 * Like the other handlers, these check only what the wire cannot and hand
 * the call to the model (daemon/model/media.h), which owns every rule.
 *
 * Waiting. AllocateNtmsMedia with no lpPartition and no NTMS_ALLOCATE_NEXT
 * that finds nothing to allocate answers ERROR_MEDIA_UNAVAILABLE at once
 * with NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, and ERROR_TIMEOUT at once when
 * dwTimeout is 0 (MS-RSMP: "If this parameter is 0, it MUST NOT wait");
 * otherwise the call is parked on a FIFO of waiting allocations. The
 * model's media-available hook (a side became Available in some pool,
 * after the transaction that did it) retries every waiting allocation,
 * oldest first; one that succeeds or fails for another reason is answered,
 * the others keep waiting. A timer answers ERROR_TIMEOUT at dwTimeout
 * (none for INFINITE); the end of the session or of the service answers
 * ERROR_CANCELLED.
 *
 * New media. While allocations wait on a pool, the pool has one
 * NTMS_OPREQ_NEWMEDIA operator request, raised by the service (however
 * many allocations wait). When the last waiter of the pool gets media the
 * service ends the request as satisfied; when the last one gives up (its
 * time-out, its session) the request is withdrawn (MS-RSMP: the
 * allocation "MUST return ERROR_TIMEOUT and delete the operator request").
 * An operator who refuses it fails every allocation waiting on the pool
 * with ERROR_CANCELLED; one who satisfies it makes them try again, and
 * those that still find nothing get a new request.
 */
#include "dispatch_media.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "dispatch.h"
#include "label/identify.h"
#include "model/media.h"
#include "objinfo.h"
#include "queue/opreq.h"
#include "util/log.h"

#define WHO(c) (&(c)->conn->who)
#define STORE(c) ((c)->conn->srv->store)

/* ------------------------------------------------------------------------ */
/* Waiting allocations */

struct waiting {
    struct call *call;
    model_alloc_t req;
    int timed;               /* `timer` was initialised and must be closed */
    int dead;                /* its session ended during a retry pass */
    uv_timer_t timer;
    struct waiting *prev, *next;
};

static struct {
    struct waiting *head, *tail; /* oldest first */
    store_t *st;
    int retrying;                /* retry_waiting is running */
    int again;                   /* media became available while it ran */
} q;

static void waiting_unlink(struct waiting *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        q.head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        q.tail = w->prev;
    w->prev = w->next = NULL;
}

static void waiting_closed(uv_handle_t *h)
{
    free(h->data);
}

static void waiting_free(struct waiting *w)
{
    if (w->timed)
        uv_close((uv_handle_t *)&w->timer, waiting_closed);
    else
        free(w);
}

/* Answer an allocation with its outcome. */
static void answer_allocation(struct call *c, DWORD err, const NTMS_GUID *lmid, const NTMS_GUID *from)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__AllocateMediaResult res = RSM__ALLOCATE_MEDIA_RESULT__INIT;
    uint8_t lmid_bytes[16], from_bytes[16];

    if (err == 0) {
        wire_guid_to_bytes(lmid, lmid_bytes);
        wire_guid_to_bytes(from, from_bytes);
        res.media.data = lmid_bytes;
        res.media.len = sizeof lmid_bytes;
        res.allocated_from.data = from_bytes;
        res.allocated_from.len = sizeof from_bytes;
        resp.result_case = RSM__RESPONSE__RESULT_ALLOCATE_MEDIA;
        resp.allocate_media = &res;
    }
    call_answer(c, err, &resp);
}

/* ------------------------------------------------------------------------ */
/* The operator request for new media of each pool that has waiters */

struct need {
    NTMS_GUID pool;
    NTMS_GUID request;
    struct need *next;
};

static struct need *needs;

static void retry_waiting(void *arg, const NTMS_GUID *pool);
static void fail_pool(const NTMS_GUID *pool, DWORD err);

static struct need **find_need(const NTMS_GUID *pool)
{
    struct need **p = &needs;

    while (*p != NULL && memcmp(&(*p)->pool, pool, sizeof *pool) != 0)
        p = &(*p)->next;
    return p;
}

static int pool_has_waiters(const NTMS_GUID *pool)
{
    for (struct waiting *w = q.head; w != NULL; w = w->next)
        if (!w->dead && memcmp(&w->req.pool, pool, sizeof *pool) == 0)
            return 1;
    return 0;
}

/* The operator answered the pool's request. */
static void need_answered(const NTMS_GUID *request, DWORD result, void *ctx)
{
    struct need *n = ctx, **p = find_need(&n->pool);
    NTMS_GUID pool = n->pool;

    (void)request;
    if (*p == n)
        *p = n->next;
    free(n);
    if (result == ERROR_CANCELLED)
        fail_pool(&pool, ERROR_CANCELLED);
    else
        retry_waiting(NULL, &pool); /* raises a new request for those still waiting */
}

/* The text the operator reads: which pool, which media. */
static void need_message(const NTMS_GUID *pool, char *msg, size_t cap)
{
    NTMS_OBJECTINFORMATIONA p, t;
    int scratch;

    if (store_get(q.st, pool, &p) != 0) {
        snprintf(msg, cap, "An allocation waits for media");
        return;
    }
    scratch = (p.Info.MediaPool.AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH) != 0;
    snprintf(msg, cap, "Allocation from media pool \"%s\" waits: add %s media to the pool%s", p.szName,
             store_get(q.st, &p.Info.MediaPool.MediaType, &t) == 0 ? t.szName : "its type of",
             scratch ? " or to the Free pool" : "");
}

/* A pool with waiters gets its request, once. */
static void need_raise(const NTMS_GUID *pool)
{
    char msg[NTMS_MESSAGE_LENGTH];
    opreq_spec_t spec = {.request = NTMS_OPREQ_NEWMEDIA, .arg1 = pool, .arg1_type = NTMS_MEDIA_POOL, .message = msg};
    struct need *n;

    if (*find_need(pool) != NULL)
        return;
    n = calloc(1, sizeof *n);
    if (n == NULL) {
        log_error("allocate_media: out of memory for the new-media request");
        return;
    }
    n->pool = *pool;
    need_message(pool, msg, sizeof msg);
    if (opreq_submit(q.st, NULL, &spec, need_answered, n, &n->request) != 0) {
        log_error("allocate_media: cannot raise the operator request for new media; the allocation waits anyway");
        free(n);
        return;
    }
    n->next = needs;
    needs = n;
}

static void raise_needs(void)
{
    for (struct waiting *w = q.head; w != NULL; w = w->next)
        if (!w->dead)
            need_raise(&w->req.pool);
}

/* A waiter of `pool` left: with the last one, the request ends as
 * satisfied when it got media, and is withdrawn when it gave up. */
static void need_settle(const NTMS_GUID *pool, int got_media)
{
    struct need **p = find_need(pool), *n = *p;

    if (n == NULL || pool_has_waiters(pool))
        return;
    *p = n->next;
    opreq_forget(&n->request, need_answered, n);
    if (got_media)
        opreq_end(q.st, &n->request, 0);
    else
        opreq_withdraw(q.st, &n->request);
    free(n);
}

/* Take a waiting allocation off the queue and answer it. */
static void waiting_finish(struct waiting *w, DWORD err, const NTMS_GUID *lmid, const NTMS_GUID *from)
{
    waiting_unlink(w);
    need_settle(&w->req.pool, err == 0);
    if (lmid != NULL)
        answer_allocation(w->call, err, lmid, from);
    else
        call_answer_status(w->call, err);
    waiting_free(w);
}

static void waiting_timeout(uv_timer_t *t)
{
    struct waiting *w = t->data;

    log_debug("conn %" PRIu64 ": allocate_media id %" PRIu64 ": no media within the time-out",
              w->call->conn->id, w->call->id);
    waiting_finish(w, ERROR_TIMEOUT, NULL, NULL);
}

/* call_park's hook: the service is stopping. */
static void waiting_cancel(struct call *c)
{
    for (struct waiting *w = q.head; w != NULL; w = w->next) {
        if (w->call == c) {
            waiting_finish(w, ERROR_CANCELLED, NULL, NULL);
            return;
        }
    }
    call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

/* The operator refused the pool's request: its waiters fail. A waiter
 * whose answer closes its connection only marks others (see
 * dispatch_media_session_ended), so the walk restarts after each. */
static void fail_pool(const NTMS_GUID *pool, DWORD err)
{
    struct waiting *w;

    do {
        for (w = q.head; w != NULL; w = w->next)
            if (!w->dead && memcmp(&w->req.pool, pool, sizeof *pool) == 0)
                break;
        if (w != NULL)
            waiting_finish(w, err, NULL, NULL);
    } while (w != NULL);
}

/* Answer the waiters of `conn` (all: conn NULL) that are dead or whose
 * session ended; their replies are dropped. */
static void sweep(struct conn *conn)
{
    struct waiting *w = q.head, *next;

    for (; w != NULL; w = next) {
        next = w->next;
        if (w->dead || (conn != NULL && w->call->conn == conn))
            waiting_finish(w, ERROR_CANCELLED, NULL, NULL);
    }
}

/* A reply sent during a retry pass can fail and close its connection,
 * which ends a session whose waiters the pass may be about to visit: they
 * are only marked then, and swept once the pass is over. */
void dispatch_media_session_ended(struct conn *conn)
{
    if (!q.retrying) {
        sweep(conn);
        return;
    }
    for (struct waiting *w = q.head; w != NULL; w = w->next)
        if (w->call->conn == conn)
            w->dead = 1;
}

/* Waiters that ask the same (pool, NTMS_ALLOCATE_NEW) get the same answer
 * until something changes, so a pass asks once per kind: after one finds
 * nothing, the others like it are skipped. This many kinds are
 * remembered; beyond that every waiter is asked. */
#define RETRY_KINDS 16

struct kinds {
    model_alloc_t v[RETRY_KINDS];
    size_t n;
};

static int same_kind(const model_alloc_t *a, const model_alloc_t *b)
{
    return memcmp(&a->pool, &b->pool, sizeof a->pool) == 0 &&
           (a->options & NTMS_ALLOCATE_NEW) == (b->options & NTMS_ALLOCATE_NEW);
}

static int known_dry(const struct kinds *dry, const model_alloc_t *req)
{
    for (size_t i = 0; i < dry->n; i++)
        if (same_kind(&dry->v[i], req))
            return 1;
    return 0;
}

/* One pass over the queue, oldest first. */
static void retry_pass(void)
{
    struct waiting *w = q.head, *next;
    struct kinds dry = {.n = 0};

    for (; w != NULL; w = next) {
        NTMS_GUID lmid, from;
        DWORD err;

        next = w->next;
        if (w->dead || known_dry(&dry, &w->req))
            continue;
        err = model_allocate(q.st, WHO(w->call), &w->req, &lmid, &from);
        if (err != ERROR_MEDIA_UNAVAILABLE)
            waiting_finish(w, err, err == 0 ? &lmid : NULL, err == 0 ? &from : NULL);
        else if (dry.n < RETRY_KINDS)
            dry.v[dry.n++] = w->req;
    }
}

/* The model's media-available hook. An allocation made here can itself
 * make media available in its pool (the rest of a two-sided medium drawn
 * from Free); that nested event only asks for one more pass. */
static void retry_waiting(void *arg, const NTMS_GUID *pool)
{
    (void)arg;
    (void)pool; /* a pool's waiters may draw from Free: every waiter is tried */
    if (q.retrying) {
        q.again = 1;
        return;
    }
    q.retrying = 1;
    do {
        q.again = 0;
        retry_pass();
    } while (q.again && q.head != NULL);
    q.retrying = 0;
    sweep(NULL);
    raise_needs();
}

/* The hook needs the store before the first media call. */
static void attach(struct call *c)
{
    if (q.st != NULL)
        return;
    q.st = STORE(c);
    model_media_set_available_hook(retry_waiting, NULL);
}

/* Park `c` until media arrive or `timeout_ms` runs out. */
static void wait_for_media(struct call *c, const model_alloc_t *req, uint32_t timeout_ms)
{
    struct waiting *w = calloc(1, sizeof *w);

    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    w->call = c;
    w->req = *req;
    w->req.partition = w->req.previous = NULL; /* only plain allocations wait */
    if (timeout_ms != INFINITE) {
        uv_timer_init(c->conn->srv->loop, &w->timer);
        w->timer.data = w;
        w->timed = 1;
        uv_timer_start(&w->timer, waiting_timeout, timeout_ms, 0);
    }
    w->prev = q.tail;
    if (q.tail)
        q.tail->next = w;
    else
        q.head = w;
    q.tail = w;
    call_park(c, waiting_cancel);
    log_debug("conn %" PRIu64 ": allocate_media id %" PRIu64 " waits for media (%s)", c->conn->id, c->id,
              timeout_ms == INFINITE ? "no time-out" : "with a time-out");
    need_raise(&w->req.pool);
}

/* ------------------------------------------------------------------------ */
/* AllocateNtmsMedia, DeallocateNtmsMedia */

void handle_allocate_media(struct call *c)
{
    const Rsm__AllocateMedia *m = c->req->allocate_media;
    NTMS_GUID part, prev, lmid, from;
    model_alloc_t req = {.options = m->options};
    DWORD err;

    if (call_need_guid(c, &m->pool, "pool", &req.pool) != 0 ||
        call_opt_guid(c, &m->partition, m->has_partition, "partition", &part, &req.partition) != 0 ||
        call_opt_guid(c, &m->media, m->has_media, "media", &prev, &req.previous) != 0)
        return;
    attach(c);
    err = model_allocate(STORE(c), WHO(c), &req, &lmid, &from);
    if (err == ERROR_MEDIA_UNAVAILABLE && req.partition == NULL && !(m->options & NTMS_ALLOCATE_NEXT) &&
        !(m->options & NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE)) {
        if (m->timeout_ms != 0) {
            wait_for_media(c, &req, m->timeout_ms);
            return;
        }
        err = ERROR_TIMEOUT;
    }
    answer_allocation(c, err, &lmid, &from);
}

void handle_deallocate_media(struct call *c)
{
    NTMS_GUID id;

    if (call_need_guid(c, &c->req->deallocate_media->media, "media", &id) != 0)
        return;
    attach(c);
    call_answer_status(c, model_deallocate(STORE(c), WHO(c), &id));
}

/* ------------------------------------------------------------------------ */
/* Calls on one or two GUIDs */

typedef DWORD (*one_guid_fn)(store_t *st, const principal_t *who, const NTMS_GUID *id);
typedef DWORD (*two_guid_fn)(store_t *st, const principal_t *who, const NTMS_GUID *a, const NTMS_GUID *b);

static void run_one(struct call *c, const Rsm__MediaId *m, one_guid_fn fn)
{
    NTMS_GUID id;

    if (call_need_guid(c, &m->media, "media", &id) != 0)
        return;
    attach(c);
    call_answer_status(c, fn(STORE(c), WHO(c), &id));
}

static void run_two(struct call *c, const ProtobufCBinaryData *a, const char *an, const ProtobufCBinaryData *b,
                    const char *bn, two_guid_fn fn)
{
    NTMS_GUID x, y;

    if (call_need_guid(c, a, an, &x) != 0 || call_need_guid(c, b, bn, &y) != 0)
        return;
    attach(c);
    call_answer_status(c, fn(STORE(c), WHO(c), &x, &y));
}

void handle_decommission_media(struct call *c)
{
    run_one(c, c->req->decommission_media, model_decommission);
}

void handle_set_media_complete(struct call *c)
{
    run_one(c, c->req->set_media_complete, model_set_complete);
}

void handle_delete_media(struct call *c)
{
    run_one(c, c->req->delete_media, model_delete_media);
}

void handle_swap_media(struct call *c)
{
    const Rsm__SwapMedia *m = c->req->swap_media;

    run_two(c, &m->media1, "media1", &m->media2, "media2", model_swap_media);
}

void handle_add_media_type(struct call *c)
{
    const Rsm__LibraryMediaType *m = c->req->add_media_type;

    run_two(c, &m->media_type, "media_type", &m->library, "library", model_add_media_type);
}

void handle_delete_media_type(struct call *c)
{
    const Rsm__LibraryMediaType *m = c->req->delete_media_type;

    run_two(c, &m->media_type, "media_type", &m->library, "library", model_delete_media_type);
}

void handle_change_media_type(struct call *c)
{
    const Rsm__MoveMedia *m = c->req->change_media_type;

    run_two(c, &m->media, "media", &m->pool, "pool", model_change_media_type);
}

void handle_move_to_pool(struct call *c)
{
    const Rsm__MoveMedia *m = c->req->move_to_pool;

    run_two(c, &m->media, "media", &m->pool, "pool", model_move_to_pool);
}

/* ------------------------------------------------------------------------ */
/* CreateNtmsMedia */

/* The records, decoded; on success the stored records go back. */
static void answer_created(struct call *c, const NTMS_OBJECTINFORMATIONA *media,
                           const NTMS_OBJECTINFORMATIONA *sides, size_t n)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__CreateMediaResult res = RSM__CREATE_MEDIA_RESULT__INIT;
    objinfo_pb_t *holders = malloc((n + 1) * sizeof *holders);
    Rsm__ObjectInfo **list = malloc((n ? n : 1) * sizeof *list);

    if (holders == NULL || list == NULL) {
        free(holders);
        free(list);
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    res.media = objinfo_to_pb(media, &holders[0]);
    for (size_t i = 0; i < n; i++)
        list[i] = objinfo_to_pb(&sides[i], &holders[i + 1]);
    res.n_sides = n;
    res.sides = list;
    resp.result_case = RSM__RESPONSE__RESULT_CREATE_MEDIA;
    resp.create_media = &res;
    call_answer(c, 0, &resp);
    free(list);
    free(holders);
}

void handle_create_media(struct call *c)
{
    const Rsm__CreateMedia *m = c->req->create_media;
    NTMS_OBJECTINFORMATIONA media, *sides;
    size_t n = m->n_sides;
    DWORD err;

    if (n == 0 || n > MODEL_MAX_SIDES) {
        call_fail(c, ERROR_MEDIA_INCOMPATIBLE, "%s: %zu sides; no media type has that many", c->name, n);
        return;
    }
    sides = calloc(n, sizeof *sides);
    if (sides == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    err = objinfo_from_pb(m->media, &media);
    for (size_t i = 0; err == 0 && i < n; i++)
        err = objinfo_from_pb(m->sides[i], &sides[i]);
    if (err != 0) {
        call_fail(c, err, "%s: an object does not match its type or has a bad GUID field", c->name);
    } else {
        attach(c);
        err = model_create_media(STORE(c), WHO(c), &media, sides, n, m->options);
        if (err == 0)
            answer_created(c, &media, sides, n);
        else
            call_answer_status(c, err);
    }
    free(sides);
}

/* ------------------------------------------------------------------------ */
/* UpdateNtmsOmidInfo */

/* A raw label goes to every label library (ClaimMediaLabel, the
 * reference's remarks) and the built-in recognizers. Label libraries run
 * in helper processes and may take up to their time limit, so the label is
 * identified on the thread pool while the call waits parked; the end of
 * the service answers it ERROR_CANCELLED. */
struct omid_wait {
    struct call *call;     /* NULL once cancelled */
    NTMS_GUID lmid;
    store_t *st;
    struct omid_wait *next;
};
static struct omid_wait *omid_waits;

static void omid_unlink(struct omid_wait *w)
{
    for (struct omid_wait **p = &omid_waits; *p != NULL; p = &(*p)->next)
        if (*p == w) {
            *p = w->next;
            break;
        }
}

static void omid_cancel(struct call *c)
{
    for (struct omid_wait *w = omid_waits; w != NULL; w = w->next)
        if (w->call == c) {
            omid_unlink(w);
            w->call = NULL; /* the identification, when it ends, only frees it */
            break;
        }
    call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

static void omid_identified(void *ctx, const uint8_t *buf, size_t len, const label_info_t *li)
{
    struct omid_wait *w = ctx;

    if (w->call != NULL) {
        model_omid_t label = {.label_type = NTMS_OMID_TYPE_RAW_LABEL, .raw = buf, .raw_len = len, .recognized = li};
        struct call *c = w->call;
        omid_unlink(w);
        call_answer_status(c, model_update_omid(w->st, WHO(c), &w->lmid, &label));
    }
    free(w);
}

/* Identify the raw label, then record it; 0 when the call is parked. */
static DWORD identify_then_update(struct call *c, const NTMS_GUID *lmid, const ProtobufCBinaryData *raw)
{
    struct omid_wait *w = calloc(1, sizeof *w);
    DWORD err;

    if (w == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    w->call = c;
    w->lmid = *lmid;
    w->st = STORE(c);
    err = label_identify_async(c->conn->srv->loop, raw->data, raw->len, omid_identified, w);
    if (err != 0) {
        free(w);
        return err;
    }
    w->next = omid_waits;
    omid_waits = w;
    call_park(c, omid_cancel);
    return 0;
}

void handle_update_omid_info(struct call *c)
{
    const Rsm__UpdateOmidInfo *m = c->req->update_omid_info;
    model_omid_t label = {.label_type = m->label_type};
    NTMS_GUID id;

    if (call_need_guid(c, &m->media, "media", &id) != 0)
        return;
    if (m->label_type == NTMS_OMID_TYPE_RAW_LABEL && m->has_raw_label && m->raw_label.len > 0) {
        attach(c);
        DWORD err = identify_then_update(c, &id, &m->raw_label);
        if (err != 0)
            call_answer_status(c, err);
        return;
    }
    if (m->label_type == NTMS_OMID_TYPE_RAW_LABEL && m->has_raw_label) {
        label.raw = m->raw_label.data;
        label.raw_len = m->raw_label.len;
    } else if (m->label_type == NTMS_OMID_TYPE_FILESYSTEM_INFO && m->file_system_type != NULL) {
        label.file_system = m->file_system_type;
        label.volume = m->volume_name ? m->volume_name : "";
        label.serial = m->has_serial_number ? m->serial_number : 0;
    } else {
        call_fail(c, ERROR_INVALID_PARAMETER, "%s: label type %" PRIu32 " without its label", c->name,
                  m->label_type);
        return;
    }
    attach(c);
    call_answer_status(c, model_update_omid(STORE(c), WHO(c), &id, &label));
}
