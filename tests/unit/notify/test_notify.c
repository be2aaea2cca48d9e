/*
 * test_notify.c - daemon/notify/: the bounded event queue (evqueue.h) and
 * the handles, waits and fan-out (notify.h) on a private libuv loop, fed
 * by notify_publish or by a store on ":memory:".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "notify/notify.h"
#include "store/store.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

static NTMS_GUID guid_n(uint32_t n)
{
    NTMS_GUID g;
    memset(&g, 0, sizeof g);
    g.Data1 = n;
    g.Data4[7] = 0x5a;
    return g;
}

static notify_event_t event_n(uint32_t n)
{
    notify_event_t e = {.id = guid_n(n), .operation = NTMS_OBJ_UPDATE};
    return e;
}

/* One recorded answer of a wait. */
#define MAX_EVENTS 64
struct answer {
    int calls;
    DWORD err;
    notify_event_t v[MAX_EVENTS];
    size_t n;
    /* run inside the answer: what a closing connection would do */
    notify_t *gone_nt;
    const void *gone_owner;
};

static void on_answer(void *ctx, DWORD err, const notify_event_t *v, size_t n)
{
    struct answer *a = ctx;
    a->calls++;
    a->err = err;
    a->n = n < MAX_EVENTS ? n : MAX_EVENTS;
    if (a->n > 0)
        memcpy(a->v, v, a->n * sizeof *v);
    if (a->gone_nt != NULL)
        notify_owner_gone(a->gone_nt, a->gone_owner);
}

static void publish(notify_t *nt, DWORD type, DWORD op, uint32_t from, uint32_t count)
{
    store_change_t *v = calloc(count, sizeof *v);
    assert_non_null(v);
    for (uint32_t i = 0; i < count; i++)
        v[i] = (store_change_t){type, op, guid_n(from + i)};
    notify_publish(nt, v, count);
    free(v);
}

static void assert_events(const struct answer *a, uint32_t from, size_t n)
{
    assert_int_equal(a->err, 0);
    assert_int_equal(a->n, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(a->v[i].id.Data1, from + i);
}

struct fx {
    uv_loop_t loop;
    notify_t *nt;
    store_t *st;
};

static int owner_a, owner_b; /* their addresses are the owners */

static int setup_limit(void **state, size_t limit, int with_store)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(uv_loop_init(&f->loop), 0);
    if (with_store)
        assert_int_equal(store_open(":memory:", &f->st), 0);
    f->nt = notify_new(&f->loop, f->st, limit);
    assert_non_null(f->nt);
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_limit(state, 8, 0);
}

static int setup_store(void **state)
{
    return setup_limit(state, 64, 1);
}

static int teardown(void **state)
{
    struct fx *f = *state;
    notify_free(f->nt);
    assert_int_equal(uv_run(&f->loop, UV_RUN_DEFAULT), 0); /* close callbacks free it all */
    assert_int_equal(uv_loop_close(&f->loop), 0);
    store_close(f->st);
    free(f);
    return 0;
}

static uint64_t open_ok(notify_t *nt, const void *owner, DWORD type)
{
    uint64_t id = 0;
    assert_int_equal(notify_open(nt, owner, "test", type, &id), 0);
    return id;
}

/* ------------------------------------------------------------------------ */
/* The queue */

static void test_queue_order_across_growth_and_wrap(void **state)
{
    (void)state;
    evqueue_t q;
    notify_event_t out[64];
    uint32_t next_in = 0, next_out = 0;

    evq_init(&q, 100);
    /* Interleave pushes and pops so the ring wraps while it grows. */
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 7; i++) {
            notify_event_t e = event_n(next_in++);
            assert_int_equal(evq_push(&q, &e), EVQ_QUEUED);
        }
        size_t n = evq_pop(&q, out, 4);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(out[i].id.Data1, next_out++);
    }
    size_t n;
    while ((n = evq_pop(&q, out, 64)) > 0)
        for (size_t i = 0; i < n; i++)
            assert_int_equal(out[i].id.Data1, next_out++);
    assert_int_equal(next_out, next_in);
    assert_null(q.v); /* an empty queue holds no buffer beyond the first */
    evq_free(&q);
}

static void test_queue_overflow_is_reported_once(void **state)
{
    (void)state;
    evqueue_t q;
    notify_event_t out[8];
    uint64_t lost = 0;

    evq_init(&q, 5);
    for (uint32_t i = 0; i < 5; i++) {
        notify_event_t e = event_n(i);
        assert_int_equal(evq_push(&q, &e), EVQ_QUEUED);
    }
    assert_int_equal(evq_take_overflow(&q, &lost), 0);
    notify_event_t e = event_n(5);
    assert_int_equal(evq_push(&q, &e), EVQ_OVERFLOWED);
    assert_int_equal(q.n, 0); /* emptied: the client re-reads instead */
    for (uint32_t i = 6; i < 10; i++) {
        e = event_n(i);
        assert_int_equal(evq_push(&q, &e), EVQ_LOST);
    }
    assert_int_equal(evq_pop(&q, out, 8), 0);
    assert_int_equal(evq_take_overflow(&q, &lost), 1);
    assert_int_equal(lost, 10);
    assert_int_equal(evq_take_overflow(&q, &lost), 0);
    /* After the client was told, events queue again. */
    e = event_n(10);
    assert_int_equal(evq_push(&q, &e), EVQ_QUEUED);
    assert_int_equal(evq_pop(&q, out, 8), 1);
    assert_int_equal(out[0].id.Data1, 10);
    evq_free(&q);
}

/* ------------------------------------------------------------------------ */
/* Handles and waits */

static void test_open_checks_type(void **state)
{
    struct fx *f = *state;
    static const DWORD bad[] = {NTMS_UNKNOWN, NTMS_OBJECT, NTMS_NUMBER_OF_OBJECT_TYPES, 0xFFFFFFFFu};
    uint64_t id;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(notify_open(f->nt, &owner_a, "test", bad[i], &id), ERROR_INVALID_PARAMETER);
    for (DWORD t = NTMS_CHANGER; t <= NTMS_UI_DESTINATION; t++)
        open_ok(f->nt, &owner_a, t);
    assert_int_equal(notify_count(f->nt), NTMS_UI_DESTINATION - NTMS_CHANGER + 1);
}

static void test_handles_belong_to_their_owner(void **state)
{
    struct fx *f = *state;
    struct answer a = {0};
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_DRIVE);

    assert_int_equal(notify_wait(f->nt, &owner_b, id, 1, 0, on_answer, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(notify_close(f->nt, &owner_b, id), ERROR_INVALID_HANDLE);
    assert_int_equal(notify_wait(f->nt, &owner_a, id ^ (1ull << 32), 1, 0, on_answer, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(notify_wait(f->nt, &owner_a, 12345, 1, 0, on_answer, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(a.calls, 0);
    assert_int_equal(notify_close(f->nt, &owner_a, id), 0);
    assert_int_equal(notify_close(f->nt, &owner_a, id), ERROR_INVALID_HANDLE);
    /* The slot is reused with a new generation: the old id stays dead. */
    uint64_t again = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    assert_int_not_equal(again, id);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, 0, on_answer, &a), ERROR_INVALID_HANDLE);
}

static void test_queued_events_answer_at_once_in_order(void **state)
{
    struct fx *f = *state;
    uint64_t pools = open_ok(f->nt, &owner_a, NTMS_MEDIA_POOL);
    uint64_t drives = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    struct answer a = {0};

    publish(f->nt, NTMS_MEDIA_POOL, NTMS_OBJ_INSERT, 100, 5);
    publish(f->nt, NTMS_DRIVE, NTMS_OBJ_UPDATE, 200, 1);
    assert_int_equal(notify_wait(f->nt, &owner_a, pools, 3, 0, on_answer, &a), 0);
    assert_int_equal(a.calls, 1);
    assert_events(&a, 100, 3);
    assert_int_equal(a.v[0].operation, NTMS_OBJ_INSERT);
    assert_int_equal(notify_wait(f->nt, &owner_a, pools, 10, 0, on_answer, &a), 0);
    assert_events(&a, 103, 2);
    assert_int_equal(notify_wait(f->nt, &owner_a, pools, 10, 0, on_answer, &a), 0);
    assert_int_equal(a.err, ERROR_TIMEOUT); /* dwTimeout 0: no wait */
    assert_int_equal(notify_wait(f->nt, &owner_a, drives, 0, 0, on_answer, &a), 0);
    assert_events(&a, 200, 1); /* max 0 counts as 1 */
    assert_int_equal(a.calls, 4);
}

static void test_parked_wait_answered_by_publish(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_PHYSICAL_MEDIA);
    struct answer a = {0}, busy = {0};

    assert_int_equal(notify_wait(f->nt, &owner_a, id, 16, INFINITE, on_answer, &a), 0);
    assert_int_equal(a.calls, 0);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 16, INFINITE, on_answer, &busy), ERROR_BUSY);
    publish(f->nt, NTMS_DRIVE, NTMS_OBJ_UPDATE, 1, 3); /* another type: still waiting */
    assert_int_equal(a.calls, 0);
    publish(f->nt, NTMS_PHYSICAL_MEDIA, NTMS_OBJ_DELETE, 7, 2);
    assert_int_equal(a.calls, 1);
    assert_events(&a, 7, 2);
    assert_int_equal(a.v[1].operation, NTMS_OBJ_DELETE);
    assert_int_equal(busy.calls, 0);
}

static void test_wait_times_out(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_LIBRARY);
    struct answer a = {0};

    uv_update_time(&f->loop);
    uint64_t start = uv_now(&f->loop);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, 30, on_answer, &a), 0);
    for (int i = 0; i < 100 && a.calls == 0; i++)
        uv_run(&f->loop, UV_RUN_ONCE);
    assert_int_equal(a.calls, 1);
    assert_int_equal(a.err, ERROR_TIMEOUT);
    assert_true(uv_now(&f->loop) - start >= 30);
    /* The handle is still good, and the next event is not lost. */
    publish(f->nt, NTMS_LIBRARY, NTMS_EVENT_COMPLETE, 3, 1);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, 30, on_answer, &a), 0);
    assert_events(&a, 3, 1);
    assert_int_equal(a.v[0].operation, NTMS_EVENT_COMPLETE);
}

static void test_close_answers_the_wait(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    struct answer a = {0};

    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, INFINITE, on_answer, &a), 0);
    assert_int_equal(notify_close(f->nt, &owner_a, id), 0);
    assert_int_equal(a.calls, 1);
    assert_int_equal(a.err, ERROR_INVALID_HANDLE);
    assert_int_equal(notify_count(f->nt), 0);
}

static void test_owner_gone_closes_only_its_handles(void **state)
{
    struct fx *f = *state;
    uint64_t a1 = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    uint64_t b1 = open_ok(f->nt, &owner_b, NTMS_DRIVE);
    open_ok(f->nt, &owner_a, NTMS_LIBRARY);
    struct answer wa = {0}, wb = {0};

    assert_int_equal(notify_wait(f->nt, &owner_a, a1, 1, INFINITE, on_answer, &wa), 0);
    assert_int_equal(notify_wait(f->nt, &owner_b, b1, 1, INFINITE, on_answer, &wb), 0);
    notify_owner_gone(f->nt, &owner_a);
    assert_int_equal(wa.calls, 1);
    assert_int_equal(wa.err, ERROR_CANCELLED);
    assert_int_equal(notify_count(f->nt), 1);
    assert_int_equal(wb.calls, 0);
    publish(f->nt, NTMS_DRIVE, NTMS_OBJ_UPDATE, 9, 1);
    assert_events(&wb, 9, 1);
}

/* A handle nobody reads overflows alone; the others get everything, and
 * it is told (ERROR_NO_DATA) at its next wait, after which it carries on. */
static void test_overflow_is_per_handle_and_told(void **state)
{
    struct fx *f = *state;
    uint64_t slow = open_ok(f->nt, &owner_a, NTMS_MEDIA_POOL);
    uint64_t fast = open_ok(f->nt, &owner_b, NTMS_MEDIA_POOL);
    struct answer a = {0};

    for (uint32_t i = 0; i < 20; i++) {
        publish(f->nt, NTMS_MEDIA_POOL, NTMS_OBJ_UPDATE, i, 1);
        assert_int_equal(notify_wait(f->nt, &owner_b, fast, 8, 0, on_answer, &a), 0);
        assert_events(&a, i, 1);
    }
    assert_int_equal(notify_wait(f->nt, &owner_a, slow, 8, INFINITE, on_answer, &a), 0);
    assert_int_equal(a.err, ERROR_NO_DATA);
    assert_int_equal(a.n, 0);
    publish(f->nt, NTMS_MEDIA_POOL, NTMS_OBJ_INSERT, 50, 2);
    assert_int_equal(notify_wait(f->nt, &owner_a, slow, 8, 0, on_answer, &a), 0);
    assert_events(&a, 50, 2);
}

/* One batch larger than the queue overflows a waiting handle too. */
static void test_overflow_while_waiting(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_STORAGESLOT);
    struct answer a = {0};

    assert_int_equal(notify_wait(f->nt, &owner_a, id, 4, INFINITE, on_answer, &a), 0);
    publish(f->nt, NTMS_STORAGESLOT, NTMS_OBJ_INSERT, 0, 9); /* limit 8 */
    assert_int_equal(a.calls, 1);
    assert_int_equal(a.err, ERROR_NO_DATA);
}

/* An answer that ends its owner's session (a failed write closes the
 * connection) while a publish is answering the owner's other handles. */
static void test_answer_that_ends_the_owner(void **state)
{
    struct fx *f = *state;
    struct answer w[4] = {{0}};
    uint64_t ids[4];

    for (int i = 0; i < 4; i++) {
        ids[i] = open_ok(f->nt, &owner_a, NTMS_DRIVE);
        w[i].gone_nt = f->nt;
        w[i].gone_owner = &owner_a;
        assert_int_equal(notify_wait(f->nt, &owner_a, ids[i], 1, INFINITE, on_answer, &w[i]), 0);
    }
    publish(f->nt, NTMS_DRIVE, NTMS_OBJ_UPDATE, 1, 1);
    int answered = 0, cancelled = 0;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(w[i].calls, 1); /* exactly once each */
        answered += w[i].err == 0;
        cancelled += w[i].err == ERROR_CANCELLED;
    }
    assert_int_equal(answered, 1);
    assert_int_equal(cancelled, 3);
    assert_int_equal(notify_count(f->nt), 0);
}

static void test_owner_limit(void **state)
{
    struct fx *f = *state;
    uint64_t id;
    for (int i = 0; i < NOTIFY_MAX_PER_OWNER; i++)
        open_ok(f->nt, &owner_a, NTMS_DRIVE);
    assert_int_equal(notify_open(f->nt, &owner_a, "test", NTMS_DRIVE, &id), ERROR_NOT_ENOUGH_MEMORY);
    open_ok(f->nt, &owner_b, NTMS_DRIVE);
}

static void test_cancel_wait(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    struct answer a = {0}, other = {0};

    assert_int_equal(notify_cancel_wait(f->nt, &a, ERROR_CANCELLED), 0);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, 5000, on_answer, &a), 0);
    assert_int_equal(notify_cancel_wait(f->nt, &other, ERROR_CANCELLED), 0);
    assert_int_equal(notify_cancel_wait(f->nt, &a, ERROR_CANCELLED), 1);
    assert_int_equal(a.err, ERROR_CANCELLED);
    assert_int_equal(notify_count(f->nt), 1); /* the handle stays */
}

/* notify_free answers what still waits. */
static void test_free_cancels_waits(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_DRIVE);
    struct answer a = {0};

    assert_int_equal(notify_wait(f->nt, &owner_a, id, 1, 5000, on_answer, &a), 0);
    notify_free(f->nt);
    assert_int_equal(a.err, ERROR_CANCELLED);
    notify_free(f->nt); /* idempotent; teardown calls it again */
}

/* ------------------------------------------------------------------------ */
/* Fed by a store */

static void test_store_commits_reach_waits(void **state)
{
    struct fx *f = *state;
    uint64_t id = open_ok(f->nt, &owner_a, NTMS_MEDIA_POOL);
    struct answer a = {0};
    NTMS_OBJECTINFORMATIONA o;

    memset(&o, 0, sizeof o);
    o.dwSize = sizeof o;
    o.dwType = NTMS_MEDIA_POOL;
    o.ObjectGuid = guid_n(77);
    snprintf(o.szName, sizeof o.szName, "pool");
    o.Info.MediaPool.PoolType = NTMS_POOLTYPE_APPLICATION;

    assert_int_equal(notify_wait(f->nt, &owner_a, id, 8, 5000, on_answer, &a), 0);
    assert_int_equal(store_insert(f->st, &o), 0);
    assert_int_equal(a.calls, 0); /* not from inside the commit */
    for (int i = 0; i < 10 && a.calls == 0; i++)
        uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_events(&a, 77, 1);
    assert_int_equal(a.v[0].operation, NTMS_OBJ_INSERT);

    /* Two commits in one turn of the loop: one batch, two events. */
    snprintf(o.szName, sizeof o.szName, "renamed");
    assert_int_equal(store_update(f->st, &o), 0);
    assert_int_equal(store_delete(f->st, &o.ObjectGuid), 0);
    assert_int_equal(notify_wait(f->nt, &owner_a, id, 8, 5000, on_answer, &a), 0);
    for (int i = 0; i < 10 && a.calls == 1; i++)
        uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(a.err, 0);
    assert_int_equal(a.n, 2);
    assert_int_equal(a.v[0].id.Data1, 77);
    assert_int_equal(a.v[1].id.Data1, 77);
    assert_int_equal(a.v[0].operation, NTMS_OBJ_UPDATE);
    assert_int_equal(a.v[1].operation, NTMS_OBJ_DELETE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_order_across_growth_and_wrap),
        cmocka_unit_test(test_queue_overflow_is_reported_once),
        cmocka_unit_test_setup_teardown(test_open_checks_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handles_belong_to_their_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queued_events_answer_at_once_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parked_wait_answered_by_publish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_answers_the_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_gone_closes_only_its_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow_is_per_handle_and_told, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow_while_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_that_ends_the_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_cancels_waits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_commits_reach_waits, setup_store, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
