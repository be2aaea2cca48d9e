/*
 * test_notify_wire.c - the notification calls from a raw socket (no
 * librsm), with what librsm never sends: bad object types, made-up
 * handles, another session's handle, two waits on one handle at once,
 * out-of-range batch sizes, too many handles, and clients that leave with
 * a wait in progress. Each bad call gets its error and the connection
 * carries on; the service stays up for everyone.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#include "rawwire.h"

static uint64_t next_id = 100;

/* Send `req` with a fresh id; the answer's error. */
static DWORD status_of(int fd, Rsm__Request *req, uint64_t *handle)
{
    req->id = ++next_id;
    Rsm__Response *resp = roundtrip(fd, req);
    DWORD err = resp->error;
    if (err == 0 && handle != NULL) {
        assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_OPEN_NOTIFICATION);
        *handle = resp->open_notification->handle;
    }
    rsm__response__free_unpacked(resp, NULL);
    return err;
}

static DWORD open_handle(int fd, uint32_t type, uint64_t *handle)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__OpenNotification m = RSM__OPEN_NOTIFICATION__INIT;
    m.type = type;
    req.call_case = RSM__REQUEST__CALL_OPEN_NOTIFICATION;
    req.open_notification = &m;
    return status_of(fd, &req, handle);
}

static void send_wait(int fd, uint64_t id, uint64_t handle, uint32_t timeout_ms, int has_max, uint32_t max)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__WaitNotification m = RSM__WAIT_NOTIFICATION__INIT;
    m.handle = handle;
    m.timeout_ms = timeout_ms;
    m.has_max_count = has_max;
    m.max_count = max;
    req.id = id;
    req.call_case = RSM__REQUEST__CALL_WAIT_NOTIFICATION;
    req.wait_notification = &m;
    send_request(fd, &req);
}

/* A wait's answer: the error, and the number of events in *n. */
static DWORD wait_events(int fd, uint64_t handle, uint32_t timeout_ms, int has_max, uint32_t max, size_t *n)
{
    uint64_t id = ++next_id;
    send_wait(fd, id, handle, timeout_ms, has_max, max);
    Rsm__Response *resp = recv_response(fd);
    assert_non_null(resp);
    assert_int_equal(resp->id, id);
    DWORD err = resp->error;
    *n = 0;
    if (err == 0) {
        assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_NOTIFICATIONS);
        *n = resp->notifications->n_operations;
        assert_int_equal(resp->notifications->guids.len, 16 * *n);
    }
    rsm__response__free_unpacked(resp, NULL);
    return err;
}

static DWORD close_handle(int fd, uint64_t handle)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__CloseNotification m = RSM__CLOSE_NOTIFICATION__INIT;
    m.handle = handle;
    req.call_case = RSM__REQUEST__CALL_CLOSE_NOTIFICATION;
    req.close_notification = &m;
    return status_of(fd, &req, NULL);
}

/* A change every media pool handle hears of: an attribute set on the
 * Free pool, found by enumerating the top-level pools. */
static void change_a_pool(int fd)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Enumerate en = RSM__ENUMERATE__INIT;
    en.type = NTMS_MEDIA_POOL;
    en.max_count = 64;
    req.id = ++next_id;
    req.call_case = RSM__REQUEST__CALL_ENUMERATE;
    req.enumerate = &en;
    Rsm__Response *resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, 0);
    assert_true(resp->enumerate->guids.len >= 16);

    Rsm__Request set = RSM__REQUEST__INIT;
    Rsm__SetAttribute sa = RSM__SET_ATTRIBUTE__INIT;
    uint8_t value[4] = {1, 2, 3, 4};
    sa.guid.data = resp->enumerate->guids.data;
    sa.guid.len = 16;
    sa.type = NTMS_MEDIA_POOL;
    sa.name = (char *)"wire";
    sa.data.data = value;
    sa.data.len = sizeof value;
    set.call_case = RSM__REQUEST__CALL_SET_ATTRIBUTE;
    set.set_attribute = &sa;
    assert_int_equal(status_of(fd, &set, NULL), 0);
    rsm__response__free_unpacked(resp, NULL);
}

/* ------------------------------------------------------------------------ */

static void test_bad_types(void **state)
{
    (void)state;
    int fd = open_session();
    static const uint32_t bad[] = {NTMS_UNKNOWN, NTMS_OBJECT, NTMS_NUMBER_OF_OBJECT_TYPES, 0xFFFFFFFFu};
    uint64_t h = 0;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(open_handle(fd, bad[i], &h), ERROR_INVALID_PARAMETER);
    assert_int_equal(open_handle(fd, NTMS_DRIVE, &h), 0); /* still connected */
    close(fd);
}

static void test_made_up_and_foreign_handles(void **state)
{
    (void)state;
    int a = open_session(), b = open_session();
    static const uint64_t made_up[] = {0, 1, 0xdeadbeefull, UINT64_MAX, 1ull << 32};
    uint64_t h = 0;
    size_t n;

    for (size_t i = 0; i < sizeof made_up / sizeof made_up[0]; i++) {
        assert_int_equal(wait_events(a, made_up[i], 0, 0, 0, &n), ERROR_INVALID_HANDLE);
        assert_int_equal(close_handle(a, made_up[i]), ERROR_INVALID_HANDLE);
    }
    assert_int_equal(open_handle(a, NTMS_MEDIA_POOL, &h), 0);
    assert_int_equal(wait_events(b, h, 0, 0, 0, &n), ERROR_INVALID_HANDLE);
    assert_int_equal(close_handle(b, h), ERROR_INVALID_HANDLE);
    assert_int_equal(wait_events(a, h, 0, 0, 0, &n), ERROR_TIMEOUT); /* still a's */
    assert_int_equal(close_handle(a, h), 0);
    assert_int_equal(close_handle(a, h), ERROR_INVALID_HANDLE);
    close(a);
    close(b);
}

/* A second wait while one is in progress is ERROR_BUSY at once; the first
 * is answered by its time-out. */
static void test_second_wait_is_busy(void **state)
{
    (void)state;
    int fd = open_session();
    uint64_t h = 0;

    assert_int_equal(open_handle(fd, NTMS_DRIVE, &h), 0);
    send_wait(fd, 1001, h, 300, 0, 0);
    send_wait(fd, 1002, h, 300, 0, 0);
    Rsm__Response *first = recv_response(fd), *second = recv_response(fd);
    assert_non_null(first);
    assert_non_null(second);
    assert_int_equal(first->id, 1002);
    assert_int_equal(first->error, ERROR_BUSY);
    assert_int_equal(second->id, 1001);
    assert_int_equal(second->error, ERROR_TIMEOUT);
    rsm__response__free_unpacked(first, NULL);
    rsm__response__free_unpacked(second, NULL);
    close(fd);
}

/* max_count: absent or 0 means one event; a huge one is the service's
 * limit, and never more than what is queued. */
static void test_batch_sizes(void **state)
{
    (void)state;
    int fd = open_session();
    uint64_t h = 0;
    size_t n;

    assert_int_equal(open_handle(fd, NTMS_MEDIA_POOL, &h), 0);
    for (int i = 0; i < 4; i++)
        change_a_pool(fd);
    assert_int_equal(wait_events(fd, h, 1000, 0, 0, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(wait_events(fd, h, 1000, 1, 0, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(wait_events(fd, h, 1000, 1, 0xFFFFFFFFu, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(wait_events(fd, h, 0, 1, 0xFFFFFFFFu, &n), ERROR_TIMEOUT);
    close(fd);
}

/* A session may hold 256 handles; closing one makes room again. */
static void test_handle_limit(void **state)
{
    (void)state;
    int fd = open_session();
    uint64_t h = 0, first = 0;

    for (int i = 0; i < 256; i++) {
        assert_int_equal(open_handle(fd, NTMS_STORAGESLOT, &h), 0);
        if (i == 0)
            first = h;
    }
    assert_int_equal(open_handle(fd, NTMS_STORAGESLOT, &h), ERROR_NOT_ENOUGH_MEMORY);
    assert_int_equal(close_handle(fd, first), 0);
    assert_int_equal(open_handle(fd, NTMS_STORAGESLOT, &h), 0);
    close(fd);
}

/* Clients that leave with a wait in progress, by hanging up or by
 * close_session: the service answers nobody twice and carries on. */
static void test_leaving_while_waiting(void **state)
{
    (void)state;
    for (int i = 0; i < 20; i++) {
        int fd = open_session();
        uint64_t h = 0;
        assert_int_equal(open_handle(fd, NTMS_MEDIA_POOL, &h), 0);
        send_wait(fd, 2000 + (uint64_t)i, h, INFINITE, 1, 8);
        if (i % 2) {
            Rsm__Request req = RSM__REQUEST__INIT;
            Rsm__CloseSession cs = RSM__CLOSE_SESSION__INIT;
            req.id = 3000 + (uint64_t)i;
            req.call_case = RSM__REQUEST__CALL_CLOSE_SESSION;
            req.close_session = &cs;
            send_request(fd, &req);
            Rsm__Response *resp = recv_response(fd);
            assert_non_null(resp);
            assert_int_equal(resp->id, req.id);
            rsm__response__free_unpacked(resp, NULL);
            assert_true(closed_by_service(fd));
        }
        close(fd);
    }
    int fd = open_session();
    uint64_t h = 0;
    size_t n;
    assert_int_equal(open_handle(fd, NTMS_MEDIA_POOL, &h), 0);
    change_a_pool(fd); /* a publish with the gone handles' owners gone */
    assert_int_equal(wait_events(fd, h, 2000, 1, 8, &n), 0);
    assert_int_equal(n, 1);
    close(fd);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_types),
        cmocka_unit_test(test_made_up_and_foreign_handles),
        cmocka_unit_test(test_second_wait_is_busy),
        cmocka_unit_test(test_batch_sizes),
        cmocka_unit_test(test_handle_limit),
        cmocka_unit_test(test_leaving_while_waiting),
    };

    int rc = rawwire_init(argc, argv, "test_notify_wire");
    return rc != 0 ? rc : cmocka_run_group_tests(tests, NULL, NULL);
}
