/*
 * evqueue.c - a notification handle's bounded event queue (evqueue.h).
 */
#include "evqueue.h"

#include <stdlib.h>
#include <string.h>

/* The first allocation; most handles that keep up never need more. */
#define EVQ_FIRST_CAP 16

void evq_init(evqueue_t *q, size_t limit)
{
    memset(q, 0, sizeof *q);
    q->limit = limit > 0 ? limit : 1;
}

static void release_buffer(evqueue_t *q)
{
    free(q->v);
    q->v = NULL;
    q->cap = q->head = q->n = 0;
}

void evq_free(evqueue_t *q)
{
    release_buffer(q);
}

void evq_overflow(evqueue_t *q)
{
    q->lost += q->n;
    release_buffer(q);
    q->overflowed = 1;
}

/* Room for one more event below the limit; -1 when there is none. The ring
 * is unrolled into the new buffer, so head starts at 0 again. */
static int grow(evqueue_t *q)
{
    if (q->n < q->cap)
        return 0;
    if (q->cap >= q->limit)
        return -1;
    size_t cap = q->cap ? q->cap * 2 : EVQ_FIRST_CAP;
    if (cap > q->limit)
        cap = q->limit;
    notify_event_t *v = malloc(cap * sizeof *v);
    if (v == NULL)
        return -1;
    size_t first = q->cap - q->head < q->n ? q->cap - q->head : q->n;
    if (q->n > 0) {
        memcpy(v, q->v + q->head, first * sizeof *v);
        memcpy(v + first, q->v, (q->n - first) * sizeof *v);
    }
    free(q->v);
    q->v = v;
    q->cap = cap;
    q->head = 0;
    return 0;
}

enum evq_push_result evq_push(evqueue_t *q, const notify_event_t *e)
{
    if (q->overflowed) {
        q->lost++;
        return EVQ_LOST;
    }
    if (grow(q) != 0) {
        evq_overflow(q);
        q->lost++;
        return EVQ_OVERFLOWED;
    }
    q->v[(q->head + q->n) % q->cap] = *e;
    q->n++;
    return EVQ_QUEUED;
}

size_t evq_pop(evqueue_t *q, notify_event_t *out, size_t max)
{
    size_t k = q->n < max ? q->n : max;
    for (size_t i = 0; i < k; i++)
        out[i] = q->v[(q->head + i) % q->cap];
    q->head = k == q->n ? 0 : (q->head + k) % q->cap;
    q->n -= k;
    if (q->n == 0 && q->cap > EVQ_FIRST_CAP)
        release_buffer(q); /* a burst's buffer goes with the burst */
    return k;
}

int evq_take_overflow(evqueue_t *q, uint64_t *lost)
{
    if (!q->overflowed)
        return 0;
    *lost = q->lost;
    q->overflowed = 0;
    q->lost = 0;
    return 1;
}
