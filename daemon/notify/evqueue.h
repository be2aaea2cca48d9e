/*
 * evqueue.h - the bounded queue of events one notification handle holds
 * for its client.
 *
 * A queue never holds more than its limit. An event that finds it full
 * does not push an old one out: the queue is emptied and marked as
 * overflowed, and every event after that is only counted, until the client
 * is told (evq_take_overflow). The events it missed are then exactly those
 * between the last one it read and the moment it was told, which is what a
 * client that re-reads the objects after being told has covered. Memory
 * follows the contents: the buffer grows by doubling up to the limit and
 * is given back when the queue empties or overflows.
 */
#ifndef RSM_NOTIFY_EVQUEUE_H
#define RSM_NOTIFY_EVQUEUE_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

typedef struct notify_event {
    NTMS_GUID id;
    DWORD operation; /* NTMS_OBJ_INSERT/UPDATE/DELETE, NTMS_EVENT_COMPLETE */
} notify_event_t;

typedef struct evqueue {
    notify_event_t *v; /* ring buffer of `cap` slots, or NULL */
    size_t cap, limit;
    size_t head, n;
    int overflowed;    /* events were lost since the client was last told */
    uint64_t lost;     /* how many (the ones emptied out included) */
} evqueue_t;

/* An empty queue that holds at most `limit` events (at least 1). */
void evq_init(evqueue_t *q, size_t limit);
void evq_free(evqueue_t *q);

enum evq_push_result {
    EVQ_QUEUED,
    EVQ_OVERFLOWED, /* this event found the queue full (or memory short) */
    EVQ_LOST,       /* the queue was already overflowed */
};
enum evq_push_result evq_push(evqueue_t *q, const notify_event_t *e);

/* Mark the queue overflowed and empty it, as a push that finds it full
 * does (the service could not tell what the client missed). */
void evq_overflow(evqueue_t *q);

/* Move up to `max` of the oldest events to `out`; returns how many. */
size_t evq_pop(evqueue_t *q, notify_event_t *out, size_t max);

/* Whether the queue overflowed since the last call; if so clears the mark
 * and gives the number of events lost. */
int evq_take_overflow(evqueue_t *q, uint64_t *lost);

#endif
