/*
 * test_notify.c - OpenNtmsNotification, WaitForNtmsNotification and
 * CloseNtmsNotification against a private rsmd (notify.conf: the virtual
 * library vlib, and notification queues of NOTIFY_QUEUE events so that an
 * overflow is quick to reach).
 *
 * Covered: handles checked like every librsm handle, the object types, each
 * kind of change on the objects of the handle's type only, the inventory
 * event, time-outs, a close during a wait, two threads on one handle, a
 * handle whose session was closed, and an overflow reported as
 * ERROR_NO_DATA after which the handle carries on.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libtest.h"

#define NOTIFY_QUEUE 100 /* notify.conf */
#define EVENT_WAIT_MS 5000

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static HANDLE open_ok(HANDLE s, DWORD type)
{
    HANDLE n = OpenNtmsNotification(s, type);
    if (n == INVALID_HANDLE_VALUE)
        fail_msg("OpenNtmsNotification(%u): error %u", (unsigned)type, (unsigned)GetLastError());
    return n;
}

/* The next event must be `op` on `id`. */
static void expect_event(HANDLE n, DWORD op, const NTMS_GUID *id)
{
    NTMS_NOTIFICATIONINFORMATION info;
    memset(&info, 0xee, sizeof info);
    assert_int_equal(WaitForNtmsNotification(n, &info, EVENT_WAIT_MS), ERROR_SUCCESS);
    assert_int_equal(info.dwOperation, op);
    assert_guid_equal(&info.ObjectId, id);
}

static void expect_quiet(HANDLE n)
{
    NTMS_NOTIFICATIONINFORMATION info;
    assert_int_equal(WaitForNtmsNotification(n, &info, 0), ERROR_TIMEOUT);
}

static NTMS_GUID create_pool(HANDLE s, const char *name)
{
    NTMS_GUID pool;
    assert_int_equal(CreateNtmsMediaPoolA(s, name, NULL, NTMS_CREATE_NEW, NULL, &pool), ERROR_SUCCESS);
    return pool;
}

/* ------------------------------------------------------------------------ */

static void test_handles_are_checked(void **state)
{
    HANDLE s = *state, n;
    NTMS_NOTIFICATIONINFORMATION info;
    static const DWORD bad_types[] = {NTMS_UNKNOWN, NTMS_OBJECT, NTMS_NUMBER_OF_OBJECT_TYPES, 1000};

    for (size_t i = 0; i < sizeof bad_types / sizeof bad_types[0]; i++) {
        SetLastError(0);
        assert_ptr_equal(OpenNtmsNotification(s, bad_types[i]), INVALID_HANDLE_VALUE);
        assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    assert_ptr_equal(OpenNtmsNotification(NULL, NTMS_DRIVE), INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_ptr_equal(OpenNtmsNotification(INVALID_HANDLE_VALUE, NTMS_DRIVE), INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);

    /* Every object type of the enumeration has notifications. */
    HANDLE all[NTMS_UI_DESTINATION + 1];
    for (DWORD t = NTMS_CHANGER; t <= NTMS_UI_DESTINATION; t++)
        all[t] = open_ok(s, t);
    for (DWORD t = NTMS_CHANGER; t <= NTMS_UI_DESTINATION; t++)
        assert_int_equal(CloseNtmsNotification(all[t]), ERROR_SUCCESS);

    n = open_ok(s, NTMS_DRIVE);
    assert_int_equal(WaitForNtmsNotification(NULL, &info, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(WaitForNtmsNotification(INVALID_HANDLE_VALUE, &info, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(WaitForNtmsNotification((HANDLE)(uintptr_t)0x12345679, &info, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(WaitForNtmsNotification(s, &info, 0), ERROR_INVALID_HANDLE); /* a session */
    assert_int_equal(WaitForNtmsNotification(n, NULL, 0), ERROR_INVALID_PARAMETER);
    /* ... and a notification handle is no session. */
    DWORD count = 0;
    assert_int_equal(EnumerateNtmsObject(n, NULL, NULL, &count, NTMS_LIBRARY, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(CloseNtmsSession(n), ERROR_INVALID_HANDLE);

    assert_int_equal(CloseNtmsNotification(NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(CloseNtmsNotification(s), ERROR_INVALID_HANDLE);
    assert_int_equal(CloseNtmsNotification(n), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(n), ERROR_INVALID_HANDLE);
    assert_int_equal(WaitForNtmsNotification(n, &info, 0), ERROR_INVALID_HANDLE);
}

/* Insert, update (information and attributes) and delete, on the handles
 * of the object's type only, in order. */
static void test_changes_of_pools(void **state)
{
    HANDLE s = *state;
    HANDLE pools = open_ok(s, NTMS_MEDIA_POOL), drives = open_ok(s, NTMS_DRIVE);
    NTMS_OBJECTINFORMATIONA info;

    expect_quiet(pools);
    NTMS_GUID pool = create_pool(s, "notified");
    lt_get(s, &pool, NTMS_MEDIA_POOL, &info);
    snprintf(info.szName, sizeof info.szName, "renamed");
    assert_int_equal(SetNtmsObjectInformationA(s, &pool, &info), ERROR_SUCCESS);
    assert_int_equal(SetNtmsObjectAttributeA(s, &pool, NTMS_MEDIA_POOL, "color", "blue", 4), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMediaPool(s, &pool), ERROR_SUCCESS);

    expect_event(pools, NTMS_OBJ_INSERT, &pool);
    expect_event(pools, NTMS_OBJ_UPDATE, &pool);
    expect_event(pools, NTMS_OBJ_UPDATE, &pool);
    expect_event(pools, NTMS_OBJ_DELETE, &pool);
    expect_quiet(pools);
    expect_quiet(drives);
    assert_int_equal(CloseNtmsNotification(pools), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(drives), ERROR_SUCCESS);
}

/* An inventory's completion is NTMS_EVENT_COMPLETE on the library; its
 * library request comes and goes on NTMS_LIBREQUEST handles. */
static void test_inventory_completes(void **state)
{
    HANDLE s = *state;
    NTMS_GUID lib = lt_library(s, "vlib");
    HANDLE libs = open_ok(s, NTMS_LIBRARY), reqs = open_ok(s, NTMS_LIBREQUEST);
    NTMS_NOTIFICATIONINFORMATION info;
    int completes = 0, inserts = 0;

    lt_inventory(s, &lib);
    for (int i = 0; i < 50 && completes == 0; i++) {
        assert_int_equal(WaitForNtmsNotification(libs, &info, EVENT_WAIT_MS), ERROR_SUCCESS);
        if (info.dwOperation == NTMS_EVENT_COMPLETE) {
            assert_guid_equal(&info.ObjectId, &lib);
            completes++;
        }
    }
    assert_int_equal(completes, 1);
    for (int i = 0; i < 50 && WaitForNtmsNotification(reqs, &info, 500) == ERROR_SUCCESS; i++)
        inserts += info.dwOperation == NTMS_OBJ_INSERT;
    assert_true(inserts >= 1);
    assert_int_equal(CloseNtmsNotification(libs), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(reqs), ERROR_SUCCESS);
}

static void test_time_outs(void **state)
{
    HANDLE n = open_ok(*state, NTMS_IEDOOR);
    NTMS_NOTIFICATIONINFORMATION info;

    long long t0 = now_ms();
    assert_int_equal(WaitForNtmsNotification(n, &info, 0), ERROR_TIMEOUT);
    assert_true(now_ms() - t0 < 2000);
    t0 = now_ms();
    assert_int_equal(WaitForNtmsNotification(n, &info, 300), ERROR_TIMEOUT);
    long long took = now_ms() - t0;
    assert_true(took >= 290 && took < 5000);
    assert_int_equal(CloseNtmsNotification(n), ERROR_SUCCESS);
}

struct waiter {
    HANDLE n;
    DWORD timeout;
    DWORD err;
    NTMS_NOTIFICATIONINFORMATION info;
};

static void *wait_thread(void *arg)
{
    struct waiter *w = arg;
    w->err = WaitForNtmsNotification(w->n, &w->info, w->timeout);
    return NULL;
}

static void join_within(pthread_t t, unsigned ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000 + 1;
    assert_int_equal(pthread_timedjoin_np(t, NULL, &deadline), 0);
}

/* CloseNtmsNotification during a wait: the close succeeds and the wait
 * answers ERROR_INVALID_HANDLE. */
static void test_close_during_wait(void **state)
{
    struct waiter w = {.n = open_ok(*state, NTMS_DRIVE), .timeout = INFINITE};
    pthread_t t;

    assert_int_equal(pthread_create(&t, NULL, wait_thread, &w), 0);
    lt_sleep_ms(200);
    assert_int_equal(CloseNtmsNotification(w.n), ERROR_SUCCESS);
    join_within(t, 5000);
    assert_int_equal(w.err, ERROR_INVALID_HANDLE);
}

/* Two threads waiting on one handle take turns; each event goes to one. */
static void test_two_threads_one_handle(void **state)
{
    HANDLE s = *state;
    HANDLE n = open_ok(s, NTMS_MEDIA_POOL);
    struct waiter w[2] = {{.n = n, .timeout = EVENT_WAIT_MS}, {.n = n, .timeout = EVENT_WAIT_MS}};
    pthread_t t[2];

    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, wait_thread, &w[i]), 0);
    lt_sleep_ms(100);
    NTMS_GUID a = create_pool(s, "turn A"), b = create_pool(s, "turn B");
    for (int i = 0; i < 2; i++) {
        join_within(t[i], EVENT_WAIT_MS);
        assert_int_equal(w[i].err, ERROR_SUCCESS);
        assert_int_equal(w[i].info.dwOperation, NTMS_OBJ_INSERT);
    }
    int a_first = memcmp(&w[0].info.ObjectId, &a, sizeof a) == 0;
    assert_guid_equal(&w[a_first ? 0 : 1].info.ObjectId, &a);
    assert_guid_equal(&w[a_first ? 1 : 0].info.ObjectId, &b);
    assert_int_equal(DeleteNtmsMediaPool(s, &a), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMediaPool(s, &b), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(n), ERROR_SUCCESS);
}

/* A handle outlives its session's handle in librsm, but its channel to
 * the service is gone: waits answer ERROR_NOT_CONNECTED, and the close
 * still frees it. */
static void test_session_closed_first(void **state)
{
    (void)state;
    HANDLE s = OpenNtmsSessionA(NULL, "test_notify other", 0);
    NTMS_NOTIFICATIONINFORMATION info;

    assert_ptr_not_equal(s, INVALID_HANDLE_VALUE);
    HANDLE n = open_ok(s, NTMS_MEDIA_POOL);
    assert_int_equal(CloseNtmsSession(s), ERROR_SUCCESS);
    assert_int_equal(WaitForNtmsNotification(n, &info, 1000), ERROR_NOT_CONNECTED);
    assert_int_equal(CloseNtmsNotification(n), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(n), ERROR_INVALID_HANDLE);
}

/* A handle nobody waits on overflows after NOTIFY_QUEUE events; it is told
 * once (ERROR_NO_DATA) and then carries on with the changes made after.
 * Another handle, read meanwhile, loses nothing. */
static void test_overflow_reported(void **state)
{
    HANDLE s = *state;
    HANDLE slow = open_ok(s, NTMS_MEDIA_POOL), fast = open_ok(s, NTMS_MEDIA_POOL);
    NTMS_GUID pool = create_pool(s, "overflowing");
    NTMS_NOTIFICATIONINFORMATION info;

    expect_event(fast, NTMS_OBJ_INSERT, &pool);
    for (int i = 0; i < NOTIFY_QUEUE + 10; i++) {
        char value[16];
        int len = snprintf(value, sizeof value, "%d", i);
        assert_int_equal(SetNtmsObjectAttributeA(s, &pool, NTMS_MEDIA_POOL, "n", value, (DWORD)len),
                         ERROR_SUCCESS);
        expect_event(fast, NTMS_OBJ_UPDATE, &pool);
    }
    assert_int_equal(WaitForNtmsNotification(slow, &info, EVENT_WAIT_MS), ERROR_NO_DATA);
    expect_quiet(slow);
    assert_int_equal(DeleteNtmsMediaPool(s, &pool), ERROR_SUCCESS);
    expect_event(slow, NTMS_OBJ_DELETE, &pool);
    expect_event(fast, NTMS_OBJ_DELETE, &pool);
    assert_int_equal(CloseNtmsNotification(slow), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsNotification(fast), ERROR_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handles_are_checked, lt_setup, lt_teardown),
        cmocka_unit_test_setup_teardown(test_changes_of_pools, lt_setup, lt_teardown),
        cmocka_unit_test_setup_teardown(test_inventory_completes, lt_setup, lt_teardown),
        cmocka_unit_test_setup_teardown(test_time_outs, lt_setup, lt_teardown),
        cmocka_unit_test_setup_teardown(test_close_during_wait, lt_setup, lt_teardown),
        cmocka_unit_test_setup_teardown(test_two_threads_one_handle, lt_setup, lt_teardown),
        cmocka_unit_test(test_session_closed_first),
        cmocka_unit_test_setup_teardown(test_overflow_reported, lt_setup, lt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
