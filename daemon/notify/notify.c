/*
 * notify.c - notification handles, their waits, and the fan-out of the
 * store's committed changes to them (notify.h).
 *
 * Handles are found by id through a slot table: the id is the slot's
 * index and a generation that changes each time the slot is freed, so a
 * stale or forged id never reaches a handle. Each handle is also on the
 * list of its object type, which is all the fan-out walks.
 *
 * Reentrancy. Answering a wait can close its connection, which ends the
 * owner's session and closes its handles, possibly the very one or the next
 * one being visited. So a handle leaves the slot table and its type list
 * before its wait is answered, its memory is freed only in its timer's
 * close callback (a later loop phase), and a publish remembers the waits to
 * answer by id and looks each up again just before answering it.
 *
 * Taking changes. The store's commit hook (inside SQLite) only starts an
 * idle handle; its callback, on the next turn of the loop and outside any
 * transaction, takes the committed changes and publishes them. Changes
 * committed together in one turn are taken in one batch, in order.
 */
#include "notify.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

struct chan {
    notify_t *nt;
    uint64_t id;
    const void *owner;
    char who[64];
    DWORD type;
    evqueue_t q;
    notify_answer_fn fn; /* the wait in progress, if fn != NULL */
    void *ctx;
    size_t want;
    uv_timer_t timer;    /* the wait's time-out; its close frees the handle */
    struct chan *prev, *next; /* nt->by_type[type] */
};

struct slot {
    struct chan *c;
    uint32_t gen;
};

struct notify {
    uv_loop_t *loop;
    store_t *st;
    uv_idle_t pull;
    size_t limit;
    struct slot *slots;
    size_t nslots, nchans;
    struct chan *by_type[NTMS_NUMBER_OF_OBJECT_TYPES];
    uint64_t *wake;      /* publish: ids of the handles whose wait to answer */
    size_t wake_cap;
    int open_handles;    /* uv handles not yet closed; the memory goes at 0 */
    int freeing;
};

/* ------------------------------------------------------------------------ */
/* Lifetime */

static void release_memory(notify_t *nt)
{
    if (--nt->open_handles > 0 || !nt->freeing)
        return;
    free(nt->slots);
    free(nt->wake);
    free(nt);
}

static void on_chan_closed(uv_handle_t *h)
{
    struct chan *c = h->data;
    notify_t *nt = c->nt;
    evq_free(&c->q);
    free(c);
    release_memory(nt);
}

static void on_pull_closed(uv_handle_t *h)
{
    release_memory(h->data);
}

size_t notify_count(const notify_t *nt)
{
    return nt->nchans;
}

int notify_type_valid(DWORD type)
{
    return type >= NTMS_CHANGER && type <= NTMS_UI_DESTINATION;
}

/* ------------------------------------------------------------------------ */
/* The slot table */

static struct chan *lookup(notify_t *nt, const void *owner, uint64_t id)
{
    size_t index = (size_t)(id & 0xffffffffu);
    if (index >= nt->nslots || nt->slots[index].c == NULL || nt->slots[index].gen != (uint32_t)(id >> 32))
        return NULL;
    struct chan *c = nt->slots[index].c;
    return owner == NULL || c->owner == owner ? c : NULL;
}

static int place(notify_t *nt, struct chan *c)
{
    size_t i = 0;
    while (i < nt->nslots && nt->slots[i].c != NULL)
        i++;
    if (i == nt->nslots) {
        size_t grown = nt->nslots ? nt->nslots * 2 : 16;
        struct slot *v = grown <= 0xffffffffu ? realloc(nt->slots, grown * sizeof *v) : NULL;
        if (v == NULL)
            return -1;
        for (size_t k = nt->nslots; k < grown; k++)
            v[k] = (struct slot){NULL, 1};
        nt->slots = v;
        nt->nslots = grown;
    }
    nt->slots[i].c = c;
    c->id = (uint64_t)nt->slots[i].gen << 32 | i;
    nt->nchans++;
    return 0;
}

static size_t count_owned(const notify_t *nt, const void *owner)
{
    size_t n = 0;
    for (size_t i = 0; i < nt->nslots; i++)
        n += nt->slots[i].c != NULL && nt->slots[i].c->owner == owner;
    return n;
}

/* ------------------------------------------------------------------------ */
/* Answering waits */

/* Take the wait off `c`: its answer callback and context. */
static notify_answer_fn take_wait(struct chan *c, void **ctx, size_t *want)
{
    notify_answer_fn fn = c->fn;
    *ctx = c->ctx;
    *want = c->want;
    c->fn = NULL;
    c->ctx = NULL;
    uv_timer_stop(&c->timer);
    return fn;
}

/* Answer `fn` from the queue of `c`: the overflow first, then up to `want`
 * events. The caller has taken the wait off `c`; `c` may be gone after. */
static void answer_from_queue(struct chan *c, notify_answer_fn fn, void *ctx, size_t want)
{
    notify_event_t batch[NOTIFY_MAX_BATCH];
    uint64_t lost;

    if (evq_take_overflow(&c->q, &lost)) {
        log_info("notification handle %" PRIu64 " of %s: told of %" PRIu64 " lost events (ERROR_NO_DATA)",
                 c->id, c->who, lost);
        fn(ctx, ERROR_NO_DATA, NULL, 0);
        return;
    }
    size_t n = evq_pop(&c->q, batch, want);
    fn(ctx, 0, batch, n);
}

static int has_news(const struct chan *c)
{
    return c->q.n > 0 || c->q.overflowed;
}

static void on_wait_timeout(uv_timer_t *t)
{
    struct chan *c = t->data;
    void *ctx;
    size_t want;
    notify_answer_fn fn = take_wait(c, &ctx, &want);
    if (fn != NULL)
        fn(ctx, ERROR_TIMEOUT, NULL, 0);
}

/* Take `c` out of every index, answer its wait with `err`, and let its
 * timer's close free it. */
static void chan_destroy(struct chan *c, DWORD err)
{
    notify_t *nt = c->nt;
    nt->slots[c->id & 0xffffffffu].c = NULL;
    nt->slots[c->id & 0xffffffffu].gen++;
    if (nt->slots[c->id & 0xffffffffu].gen == 0)
        nt->slots[c->id & 0xffffffffu].gen = 1;
    nt->nchans--;
    if (c->prev)
        c->prev->next = c->next;
    else
        nt->by_type[c->type] = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;

    void *ctx;
    size_t want;
    notify_answer_fn fn = take_wait(c, &ctx, &want);
    uv_close((uv_handle_t *)&c->timer, on_chan_closed);
    if (fn != NULL)
        fn(ctx, err, NULL, 0);
}

/* ------------------------------------------------------------------------ */
/* The calls */

DWORD notify_open(notify_t *nt, const void *owner, const char *who, DWORD type, uint64_t *id)
{
    if (!notify_type_valid(type))
        return ERROR_INVALID_PARAMETER;
    if (count_owned(nt, owner) >= NOTIFY_MAX_PER_OWNER) {
        log_warn("%s: refused a notification handle: it holds %d already", who, NOTIFY_MAX_PER_OWNER);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct chan *c = calloc(1, sizeof *c);
    if (c == NULL || place(nt, c) != 0) {
        free(c);
        log_error("%s: out of memory opening a notification handle", who);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    c->nt = nt;
    c->owner = owner;
    c->type = type;
    snprintf(c->who, sizeof c->who, "%s", who);
    evq_init(&c->q, nt->limit);
    uv_timer_init(nt->loop, &c->timer);
    c->timer.data = c;
    nt->open_handles++;
    c->next = nt->by_type[type];
    if (c->next)
        c->next->prev = c;
    nt->by_type[type] = c;
    *id = c->id;
    log_debug("notification handle %" PRIu64 " opened by %s for object type %u", c->id, who, (unsigned)type);
    return 0;
}

DWORD notify_close(notify_t *nt, const void *owner, uint64_t id)
{
    struct chan *c = lookup(nt, owner, id);
    if (c == NULL)
        return ERROR_INVALID_HANDLE;
    log_debug("notification handle %" PRIu64 " closed by %s", id, c->who);
    chan_destroy(c, ERROR_INVALID_HANDLE);
    return 0;
}

DWORD notify_wait(notify_t *nt, const void *owner, uint64_t id, size_t max, uint32_t timeout_ms,
                  notify_answer_fn fn, void *ctx)
{
    struct chan *c = lookup(nt, owner, id);
    if (c == NULL)
        return ERROR_INVALID_HANDLE;
    if (c->fn != NULL)
        return ERROR_BUSY;
    if (max < 1)
        max = 1;
    if (max > NOTIFY_MAX_BATCH)
        max = NOTIFY_MAX_BATCH;
    if (has_news(c))
        answer_from_queue(c, fn, ctx, max);
    else if (timeout_ms == 0)
        fn(ctx, ERROR_TIMEOUT, NULL, 0);
    else {
        c->fn = fn;
        c->ctx = ctx;
        c->want = max;
        if (timeout_ms != INFINITE)
            uv_timer_start(&c->timer, on_wait_timeout, timeout_ms, 0);
    }
    return 0;
}

int notify_cancel_wait(notify_t *nt, void *ctx, DWORD err)
{
    for (size_t i = 0; i < nt->nslots; i++) {
        struct chan *c = nt->slots[i].c;
        if (c != NULL && c->fn != NULL && c->ctx == ctx) {
            void *same;
            size_t want;
            notify_answer_fn fn = take_wait(c, &same, &want);
            fn(ctx, err, NULL, 0);
            return 1;
        }
    }
    return 0;
}

void notify_owner_gone(notify_t *nt, const void *owner)
{
    /* By index, reading the table afresh each step: an answer may close
     * other handles of this owner under us. */
    for (size_t i = 0; i < nt->nslots; i++) {
        struct chan *c = nt->slots[i].c;
        if (c != NULL && c->owner == owner)
            chan_destroy(c, ERROR_CANCELLED);
    }
}

/* ------------------------------------------------------------------------ */
/* Fan-out */

static void push_event(notify_t *nt, const store_change_t *ch)
{
    notify_event_t e = {.id = ch->id, .operation = ch->operation};
    if (ch->type >= NTMS_NUMBER_OF_OBJECT_TYPES)
        return;
    for (struct chan *c = nt->by_type[ch->type]; c != NULL; c = c->next) {
        if (evq_push(&c->q, &e) == EVQ_OVERFLOWED)
            log_warn("notification handle %" PRIu64 " of %s: its queue of %zu events is full; "
                     "events are lost until the client is told (ERROR_NO_DATA at its next wait)",
                     c->id, c->who, nt->limit);
    }
}

/* Remember the waiting handles of `type` that have something to answer. */
static int collect_waits(notify_t *nt, DWORD type, size_t *n)
{
    for (struct chan *c = nt->by_type[type]; c != NULL; c = c->next) {
        if (c->fn == NULL || !has_news(c))
            continue;
        if (*n == nt->wake_cap) {
            size_t cap = nt->wake_cap ? nt->wake_cap * 2 : 64;
            uint64_t *v = realloc(nt->wake, cap * sizeof *v);
            if (v == NULL)
                return -1;
            nt->wake = v;
            nt->wake_cap = cap;
        }
        nt->wake[(*n)++] = c->id;
    }
    return 0;
}

/* Answer the waits on handles of the types in `types` that have something
 * to say. They are looked up again by id one by one: an answer may close
 * other handles (see the top of this file). */
static void answer_waits(notify_t *nt, uint32_t types)
{
    size_t nwake = 0;
    for (DWORD t = 0; t < NTMS_NUMBER_OF_OBJECT_TYPES; t++) {
        if ((types & (1u << t)) && collect_waits(nt, t, &nwake) != 0) {
            log_error("out of memory answering notification waits; the rest are answered by their time-out");
            break;
        }
    }
    for (size_t i = 0; i < nwake; i++) {
        struct chan *c = lookup(nt, NULL, nt->wake[i]);
        if (c == NULL || c->fn == NULL)
            continue;
        void *ctx;
        size_t want;
        notify_answer_fn fn = take_wait(c, &ctx, &want);
        answer_from_queue(c, fn, ctx, want);
    }
}

void notify_publish(notify_t *nt, const store_change_t *v, size_t n)
{
    uint32_t touched = 0;
    _Static_assert(NTMS_NUMBER_OF_OBJECT_TYPES <= 32, "one bit per type");

    for (size_t i = 0; i < n; i++) {
        push_event(nt, &v[i]);
        if (v[i].type < NTMS_NUMBER_OF_OBJECT_TYPES)
            touched |= 1u << v[i].type;
    }
    answer_waits(nt, touched);
}

/* Every handle overflows: the service lost track of what changed. */
static void overflow_all(notify_t *nt)
{
    for (size_t i = 0; i < nt->nslots; i++)
        if (nt->slots[i].c != NULL)
            evq_overflow(&nt->slots[i].c->q);
    answer_waits(nt, UINT32_MAX);
}

static void publish_batch(void *arg, const store_change_t *v, size_t n)
{
    notify_publish(arg, v, n);
}

static void on_pull(uv_idle_t *h)
{
    notify_t *nt = h->data;
    uv_idle_stop(h);
    if (store_changes_take(nt->st, publish_batch, nt) != 0) {
        log_error("notifications: the committed changes cannot be read; every handle is told to re-read");
        overflow_all(nt);
    }
}

/* The store's commit hook: inside SQLite, so only ask the loop to come
 * back for the changes. */
static void on_changes_ready(void *arg)
{
    notify_t *nt = arg;
    if (!nt->freeing)
        uv_idle_start(&nt->pull, on_pull);
}

/* ------------------------------------------------------------------------ */

notify_t *notify_new(uv_loop_t *loop, store_t *st, size_t queue_limit)
{
    notify_t *nt = calloc(1, sizeof *nt);
    if (nt == NULL)
        return NULL;
    nt->loop = loop;
    nt->st = st;
    nt->limit = queue_limit;
    uv_idle_init(loop, &nt->pull);
    nt->pull.data = nt;
    nt->open_handles = 1;
    if (st != NULL && store_changes_watch(st, on_changes_ready, nt) != 0) {
        /* Handles that would hear nothing must not be given out. */
        nt->freeing = 1;
        uv_close((uv_handle_t *)&nt->pull, on_pull_closed);
        return NULL;
    }
    return nt;
}

void notify_free(notify_t *nt)
{
    if (nt == NULL || nt->freeing)
        return;
    nt->freeing = 1;
    if (nt->st != NULL)
        store_changes_watch(nt->st, NULL, NULL);
    for (size_t i = 0; i < nt->nslots; i++)
        if (nt->slots[i].c != NULL)
            chan_destroy(nt->slots[i].c, ERROR_CANCELLED);
    uv_close((uv_handle_t *)&nt->pull, on_pull_closed);
}
