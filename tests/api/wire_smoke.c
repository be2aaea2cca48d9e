/*
 * wire_smoke.c - rsmd's wire protocol seen from a raw socket (no librsm).
 *
 * Frames are built with common/wire.h, so this checks the service's framing,
 * session rules and dispatch on their own: version mismatch, calls before
 * open_session, the first-start objects, and that bad input (garbage, a
 * 4 GiB length, half frames, a thousand idle clients) costs only the
 * offending connection. Run under tests/api/run-rsmd.sh, which provides the
 * service; the socket comes from argv[1] or RSM_SOCKET.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "rawwire.h"
#include "wire.h"

#define MANY_CLIENTS 1000

static Rsm__Response *enumerate(int fd, uint64_t id, uint32_t type, uint32_t max_count)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Enumerate en = RSM__ENUMERATE__INIT;

    en.type = type;
    en.max_count = max_count;
    req.id = id;
    req.call_case = RSM__REQUEST__CALL_ENUMERATE;
    req.enumerate = &en;
    return roundtrip(fd, &req);
}

/* The number of libraries, checked through a full enumeration. */
static uint32_t count_libraries(int fd)
{
    Rsm__Response *resp = enumerate(fd, 7, NTMS_LIBRARY, 64);
    uint32_t n;

    assert_int_equal(resp->error, 0);
    assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_ENUMERATE);
    n = resp->enumerate->count;
    assert_int_equal(resp->enumerate->guids.len, 16u * n);
    rsm__response__free_unpacked(resp, NULL);
    return n;
}

/* The GUID of the first library (there is always the offline one). */
static void first_library(int fd, uint8_t out[16])
{
    Rsm__Response *resp = enumerate(fd, 8, NTMS_LIBRARY, 64);

    assert_int_equal(resp->error, 0);
    assert_true(resp->enumerate->count >= 1);
    memcpy(out, resp->enumerate->guids.data, 16);
    rsm__response__free_unpacked(resp, NULL);
}

/* ------------------------------------------------------------------------ */
/* Session rules */

static void test_version_mismatch(void **state)
{
    (void)state;
    int fd = dial();
    Rsm__Response *resp = open_session_v(fd, RSM_PROTOCOL_VERSION + 41);

    assert_int_equal(resp->error, RPC_S_NO_INTERFACES);
    assert_non_null(resp->detail);
    assert_non_null(strstr(resp->detail, "service speaks 1"));
    rsm__response__free_unpacked(resp, NULL);
    assert_true(closed_by_service(fd));
    close(fd);
}

static void test_call_before_open(void **state)
{
    (void)state;
    int fd = dial();
    Rsm__Response *resp = enumerate(fd, 3, NTMS_LIBRARY, 10);

    assert_int_equal(resp->error, ERROR_INVALID_HANDLE);
    assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT__NOT_SET);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(closed_by_service(fd));
    close(fd);
}

static void test_open_rules(void **state)
{
    (void)state;
    int fd = dial();
    Rsm__Response *resp = open_session_v(fd, RSM_PROTOCOL_VERSION);

    assert_int_equal(resp->error, 0);
    assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_OPEN_SESSION);
    assert_int_equal(resp->open_session->protocol_version, RSM_PROTOCOL_VERSION);
    assert_non_null(resp->open_session->server_name);
    assert_true(resp->open_session->server_name[0] != '\0');
    assert_string_equal(resp->open_session->server_version, RSM_VERSION);
    assert_true(resp->open_session->has_session_id);
    rsm__response__free_unpacked(resp, NULL);

    /* A second open on the same connection is refused; the session lives. */
    resp = open_session_v(fd, RSM_PROTOCOL_VERSION);
    assert_int_equal(resp->error, ERROR_INVALID_PARAMETER);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(count_libraries(fd) >= 1);
    close(fd);

    /* Reserved options must be zero; the connection then ends. */
    fd = dial();
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__OpenSession open = RSM__OPEN_SESSION__INIT;
    open.protocol_version = RSM_PROTOCOL_VERSION;
    open.has_options = 1;
    open.options = 1;
    req.id = 9;
    req.call_case = RSM__REQUEST__CALL_OPEN_SESSION;
    req.open_session = &open;
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, ERROR_INVALID_PARAMETER);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(closed_by_service(fd));
    close(fd);
}

/* ------------------------------------------------------------------------ */
/* Calls */

static void test_enumerate_and_get_info(void **state)
{
    (void)state;
    int fd = open_session();
    Rsm__Response *resp = enumerate(fd, 2, NTMS_LIBRARY, 0);
    uint32_t n;
    uint8_t first[16];

    /* Too small a buffer: the count, and no GUIDs. */
    assert_int_equal(resp->error, ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_ENUMERATE);
    n = resp->enumerate->count;
    assert_true(n >= 1);
    assert_false(resp->enumerate->has_guids);
    rsm__response__free_unpacked(resp, NULL);

    resp = enumerate(fd, 3, NTMS_LIBRARY, n);
    assert_int_equal(resp->error, 0);
    assert_int_equal(resp->enumerate->count, n);
    assert_int_equal(resp->enumerate->guids.len, 16u * n);
    memcpy(first, resp->enumerate->guids.data, 16);
    rsm__response__free_unpacked(resp, NULL);

    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__GetObjectInfo get = RSM__GET_OBJECT_INFO__INIT;
    get.guid.data = first;
    get.guid.len = 16;
    get.type = NTMS_LIBRARY;
    req.id = 4;
    req.call_case = RSM__REQUEST__CALL_GET_OBJECT_INFO;
    req.get_object_info = &get;
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, 0);
    assert_int_equal(resp->result_case, RSM__RESPONSE__RESULT_OBJECT_INFO);
    assert_int_equal(resp->object_info->type, NTMS_LIBRARY);
    assert_int_equal(resp->object_info->guid.len, 16);
    assert_memory_equal(resp->object_info->guid.data, first, 16);
    assert_int_equal(resp->object_info->info_case, RSM__OBJECT_INFO__INFO_LIBRARY);
    rsm__response__free_unpacked(resp, NULL);

    /* A GUID that is not 16 bytes is a parameter error; the session lives. */
    get.guid.len = 3;
    req.id = 5;
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, ERROR_INVALID_PARAMETER);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(count_libraries(fd) >= 1);
    close(fd);
}

static void test_unknown_call_keeps_connection(void **state)
{
    (void)state;
    int fd = open_session();
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;

    req.id = 77; /* no call set */
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, ERROR_INVALID_PARAMETER);
    assert_string_equal(resp->detail, "unknown call");
    rsm__response__free_unpacked(resp, NULL);
    assert_true(count_libraries(fd) >= 1);
    close(fd);
}

/* A string with a NUL inside cannot reach the model: protobuf-c would cut
 * it short silently, so the service refuses the request (and only it). */
static void test_string_with_nul(void **state)
{
    (void)state;
    int fd = open_session();
    uint8_t frame[4 + 32] = {0};
    static const uint8_t tail[] = {0x10, 0x09, 0x1a, 0x04, 'a', 'b', 0, 'c', 0x20, 0x0a};
    uint8_t *p = frame + 4;
    Rsm__Response *resp;

    /* Request{id 30, get_attribute{guid: 16 bytes, type 9, name "ab\0c",
     * max_size 10}}, encoded by hand. */
    *p++ = 0x08;
    *p++ = 30;
    *p++ = 0x7a; /* field 15, length-delimited */
    *p++ = 18 + sizeof tail;
    *p++ = 0x0a;
    *p++ = 16;
    memset(p, 0x11, 16);
    p += 16;
    memcpy(p, tail, sizeof tail);
    p += sizeof tail;
    wire_put_length(frame, (uint32_t)(p - frame - 4));
    send_bytes(fd, frame, (size_t)(p - frame));
    resp = recv_response(fd);
    assert_non_null(resp);
    assert_int_equal(resp->id, 30);
    assert_int_equal(resp->error, ERROR_INVALID_PARAMETER);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(count_libraries(fd) >= 1);
    close(fd);
}

/* Two requests in one write: two responses, each with its own id. */
static void test_pipelined_requests(void **state)
{
    (void)state;
    int fd = open_session();
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Enumerate en = RSM__ENUMERATE__INIT;
    uint8_t *a, *b, *both;
    size_t alen, blen;
    int seen[2] = {0, 0};

    en.type = NTMS_LIBRARY;
    en.max_count = 64;
    req.call_case = RSM__REQUEST__CALL_ENUMERATE;
    req.enumerate = &en;
    req.id = 100;
    assert_int_equal(wire_pack_request(&req, &a, &alen), 0);
    req.id = 101;
    assert_int_equal(wire_pack_request(&req, &b, &blen), 0);
    both = malloc(alen + blen);
    assert_non_null(both);
    memcpy(both, a, alen);
    memcpy(both + alen, b, blen);
    send_bytes(fd, both, alen + blen);
    free(a);
    free(b);
    free(both);
    for (int i = 0; i < 2; i++) {
        Rsm__Response *resp = recv_response(fd);
        assert_non_null(resp);
        assert_int_equal(resp->error, 0);
        assert_true(resp->id == 100 || resp->id == 101);
        seen[resp->id - 100]++;
        rsm__response__free_unpacked(resp, NULL);
    }
    assert_int_equal(seen[0], 1);
    assert_int_equal(seen[1], 1);
    close(fd);
}

static void test_close_session(void **state)
{
    (void)state;
    int fd = open_session();
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__CloseSession cs = RSM__CLOSE_SESSION__INIT;
    Rsm__Response *resp;

    req.id = 12;
    req.call_case = RSM__REQUEST__CALL_CLOSE_SESSION;
    req.close_session = &cs;
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, 0);
    rsm__response__free_unpacked(resp, NULL);
    assert_true(closed_by_service(fd));
    close(fd);
}

/* ------------------------------------------------------------------------ */
/* Bad input costs only the offending connection */

/* A client that sends and never reads: the service stops reading from it
 * once its unread responses pile up (so the sender stalls after a bounded
 * amount), keeps serving others, and drops it when it goes. */
static void test_client_not_reading(void **state)
{
    (void)state;
    int fd = open_session();
    uint8_t lib[16], *value, *frame, *batch;
    size_t len, sent = 0;
    int stalls = 0;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__SetAttribute set = RSM__SET_ATTRIBUTE__INIT;
    Rsm__GetAttribute get = RSM__GET_ATTRIBUTE__INIT;
    Rsm__Response *resp;
    enum { VALUE = 60000, COPIES = 64, LIMIT = 64 * 1024 * 1024 };

    /* A large attribute makes every response large. */
    first_library(fd, lib);
    value = calloc(1, VALUE);
    assert_non_null(value);
    set.guid.data = get.guid.data = lib;
    set.guid.len = get.guid.len = 16;
    set.type = get.type = NTMS_LIBRARY;
    set.name = get.name = (char *)"wire_smoke.big";
    set.data.data = value;
    set.data.len = VALUE;
    req.id = 20;
    req.call_case = RSM__REQUEST__CALL_SET_ATTRIBUTE;
    req.set_attribute = &set;
    resp = roundtrip(fd, &req);
    assert_int_equal(resp->error, 0);
    rsm__response__free_unpacked(resp, NULL);
    free(value);

    get.max_size = VALUE;
    req.id = 21;
    req.call_case = RSM__REQUEST__CALL_GET_ATTRIBUTE;
    req.get_attribute = &get;
    assert_int_equal(wire_pack_request(&req, &frame, &len), 0);
    batch = malloc(len * COPIES);
    assert_non_null(batch);
    for (int i = 0; i < COPIES; i++)
        memcpy(batch + i * len, frame, len);
    free(frame);

    assert_int_equal(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
    /* Bounded: stop after LIMIT bytes or a second without progress. */
    while (sent < LIMIT && stalls < 20) {
        ssize_t n = send(fd, batch, len * COPIES, MSG_NOSIGNAL);
        if (n > 0) {
            sent += (size_t)n;
            stalls = 0;
            continue;
        }
        assert_true(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        struct pollfd pfd = {.fd = fd, .events = POLLOUT};
        poll(&pfd, 1, 50);
        stalls++;
    }
    free(batch);
    assert_true(sent < LIMIT);

    int other = open_session();
    assert_true(count_libraries(other) >= 1);
    close(fd);
    assert_true(count_libraries(other) >= 1);
    close(other);
}

static void test_garbage_frame(void **state)
{
    (void)state;
    int good = open_session();
    int bad = open_session();
    /* Field 1 as a length-delimited field claiming 5 bytes, with 2. */
    static const uint8_t garbage[] = {0, 0, 0, 4, 0x0a, 0x05, 'a', 'b'};

    send_bytes(bad, garbage, sizeof garbage);
    assert_true(closed_by_service(bad));
    close(bad);
    assert_true(count_libraries(good) >= 1);
    close(good);
}

static void test_huge_length(void **state)
{
    (void)state;
    int good = open_session();
    int bad = open_session();
    static const uint8_t header[] = {0xff, 0xff, 0xff, 0xff, 1, 2, 3};

    send_bytes(bad, header, sizeof header);
    assert_true(closed_by_service(bad));
    close(bad);
    assert_true(count_libraries(good) >= 1);
    close(good);
}

static void test_empty_frame(void **state)
{
    (void)state;
    int fd = dial();
    static const uint8_t empty[] = {0, 0, 0, 0};

    send_bytes(fd, empty, sizeof empty);
    assert_true(closed_by_service(fd));
    close(fd);
}

static void test_half_frame_then_disconnect(void **state)
{
    (void)state;
    int fd = open_session();
    static const uint8_t partial[] = {0, 0, 0, 100, 8, 1, 0x62};

    send_bytes(fd, partial, sizeof partial);
    close(fd);
    fd = open_session();
    assert_true(count_libraries(fd) >= 1);
    close(fd);
}

/* A thousand clients: most just connect and say nothing, every tenth opens
 * a session; the service keeps answering. */
static void test_many_connections(void **state)
{
    (void)state;
    static int fds[MANY_CLIENTS];
    struct rlimit rl;

    assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
    if (rl.rlim_cur < MANY_CLIENTS + 64 && rl.rlim_max >= MANY_CLIENTS + 64) {
        rl.rlim_cur = rl.rlim_max;
        assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
    }
    if (rl.rlim_cur < MANY_CLIENTS + 64)
        skip();
    for (int i = 0; i < MANY_CLIENTS; i++)
        fds[i] = (i % 10 == 0) ? open_session() : dial();
    int fd = open_session();
    assert_true(count_libraries(fd) >= 1);
    close(fd);
    for (int i = 0; i < MANY_CLIENTS; i += 10)
        assert_true(count_libraries(fds[i]) >= 1);
    for (int i = 0; i < MANY_CLIENTS; i++)
        close(fds[i]);
    fd = open_session();
    assert_true(count_libraries(fd) >= 1);
    close(fd);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_mismatch),
        cmocka_unit_test(test_call_before_open),
        cmocka_unit_test(test_open_rules),
        cmocka_unit_test(test_enumerate_and_get_info),
        cmocka_unit_test(test_unknown_call_keeps_connection),
        cmocka_unit_test(test_string_with_nul),
        cmocka_unit_test(test_pipelined_requests),
        cmocka_unit_test(test_client_not_reading),
        cmocka_unit_test(test_garbage_frame),
        cmocka_unit_test(test_huge_length),
        cmocka_unit_test(test_empty_frame),
        cmocka_unit_test(test_half_frame_then_disconnect),
        cmocka_unit_test(test_many_connections),
        cmocka_unit_test(test_close_session),
    };

    int rc = rawwire_init(argc, argv, "wire_smoke");
    return rc != 0 ? rc : cmocka_run_group_tests(tests, NULL, NULL);
}
