/*
 * test_opreq_service.c - the operator requests the service raises itself,
 * and where operator messages go, through librsm against a private rsmd
 * (run-rsmd.sh, with library.conf):
 *   - an allocation that waits in an empty pool raises one NTMS_OPREQ_NEWMEDIA
 *     request for the pool, however many wait; media arriving (a new
 *     offline medium, a move into the pool, the pool switched to draw from
 *     Free) complete the allocations and then the request; refusing it
 *     fails them with ERROR_CANCELLED; a time-out withdraws it; satisfying
 *     it with nothing there raises a new one; a cartridge the operator puts
 *     in the mailslot and then into Free completes it;
 *   - the library of library.conf that cannot attach raises a device
 *     service request;
 *   - a webhook (a listener on 127.0.0.1 in this test) and a command
 *     (a script writing to a file) receive a submitted request.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "opreqtest.h"

/* ------------------------------------------------------------------------ */
/* New media for waiting allocations */

/* Long enough for a call started just before to be parked in rsmd. */
static void expect_waiting(ot_call_t *a)
{
    lt_sleep_ms(300);
    assert_false(a->done);
}

static void test_waiting_allocations_share_one_request(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Need media", "LTO-4"), stage = mt_pool(h, "Need stage", "LTO-4");
    ot_call_t a1 = {.pool = pool, .allocate = 1, .timeout = 10000}, a2 = a1;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID id, m1, m2;

    ot_start(&a1);
    id = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, NULL);
    ot_start(&a2);
    expect_waiting(&a2);
    assert_int_equal(ot_count(h, NTMS_OPREQ_NEWMEDIA, &pool, 0, NULL), 1);
    ot_get(h, &id, &info);
    assert_int_equal(info.Info.OpRequest.Arg1Type, NTMS_MEDIA_POOL);
    assert_string_equal(info.Info.OpRequest.szApplication, "RSM");
    assert_non_null(strstr(info.Info.OpRequest.szMessage, "\"Need media\""));
    assert_non_null(strstr(info.Info.OpRequest.szMessage, "LTO-4"));

    /* A new medium: the older waiter; the request stays for the other. */
    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &m1, NULL);
    ot_join(&a1);
    assert_int_equal(a1.err, ERROR_SUCCESS);
    assert_false(a2.done);
    assert_int_equal(ot_state(h, &id), NTMS_OPSTATE_SUBMITTED);
    /* A medium moved in: the other; nobody waits, the request is complete. */
    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "", &m2, NULL);
    assert_int_equal(MoveToNtmsMediaPool(h, &m2, &pool), ERROR_SUCCESS);
    ot_join(&a2);
    assert_int_equal(a2.err, ERROR_SUCCESS);
    assert_int_equal(ot_state(h, &id), NTMS_OPSTATE_COMPLETE);
    assert_int_equal(ot_count(h, NTMS_OPREQ_NEWMEDIA, &pool, 0, NULL), 1);
}

static void test_refused_request_fails_allocations(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Refused media", "LTO-3"), lmid, id;
    ot_call_t a1 = {.pool = pool, .allocate = 1, .timeout = INFINITE}, a2 = a1;

    ot_start(&a1);
    ot_start(&a2);
    id = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, NULL);
    expect_waiting(&a1);
    expect_waiting(&a2);
    assert_int_equal(CancelNtmsOperatorRequest(h, &id), ERROR_SUCCESS);
    ot_join(&a1);
    ot_join(&a2);
    assert_int_equal(a1.err, ERROR_CANCELLED);
    assert_int_equal(a2.err, ERROR_CANCELLED);
    assert_int_equal(ot_state(h, &id), NTMS_OPSTATE_REFUSED);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_TIMEOUT);
    assert_int_equal(ot_count(h, NTMS_OPREQ_NEWMEDIA, &pool, 1, NULL), 0);
}

/* MS-RSMP: the allocation that times out deletes its request; a wait on
 * the request ends with ERROR_OBJECT_NOT_FOUND. */
static void test_timeout_withdraws_request(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Late media", "LTO-2"), id;
    NTMS_OBJECTINFORMATIONA info;
    ot_call_t a = {.pool = pool, .allocate = 1, .timeout = 800}, w = {.timeout = 10000};

    ot_start(&a);
    w.request = id = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, NULL);
    ot_start(&w);
    ot_join(&a);
    assert_int_equal(a.err, ERROR_TIMEOUT);
    assert_true(a.took_ms >= 750);
    ot_join(&w);
    assert_int_equal(w.err, ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(lt_try_get(h, &id, NTMS_OPREQUEST, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(ot_count(h, NTMS_OPREQ_NEWMEDIA, &pool, 0, NULL), 0);
}

/* Satisfied with nothing there: the allocation keeps waiting under a new
 * request. Switching the pool to NTMS_ALLOCATE_FROMSCRATCH, with media in
 * Free, completes it. */
static void test_satisfied_then_scratch_policy(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Scratch later", "DLT"), stage = mt_pool(h, "Scratch stage", "DLT");
    NTMS_GUID free_pool = mt_pool(h, "Free\\DLT", NULL), medium, r1, r2, side, got;
    ot_call_t a = {.pool = pool, .allocate = 1, .timeout = 10000};

    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, NULL);
    assert_int_equal(MoveToNtmsMediaPool(h, &medium, &free_pool), ERROR_SUCCESS);
    ot_start(&a);
    r1 = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, NULL);
    expect_waiting(&a);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &r1), ERROR_SUCCESS);
    r2 = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, &r1);
    assert_int_equal(ot_state(h, &r1), NTMS_OPSTATE_COMPLETE);
    expect_waiting(&a);

    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, 0, 0);
    ot_join(&a);
    assert_int_equal(a.err, ERROR_SUCCESS);
    side = mt_side_of(h, &a.lmid);
    got = mt_medium_of(h, &side);
    assert_guid_equal(&got, &medium);
    assert_int_equal(ot_state(h, &r2), NTMS_OPSTATE_COMPLETE);
    assert_int_equal(ot_count(h, NTMS_OPREQ_NEWMEDIA, &pool, 1, NULL), 0);
}

/* The operator's way: a new cartridge through the mailslot of the virtual
 * library, then into Free, where the waiting pool draws from. The service
 * completes the request; the operator's own Satisfy then finds it ended. */
static void test_cartridge_through_mailslot(void **state)
{
    HANDLE h = *state;
    char free_path[64];
    NTMS_GUID lib = lt_library(h, mt_library_name()), pool = mt_pool(h, "From the mailslot", mt_library_type());
    NTMS_GUID free_pool, op, r, m, side, got;
    NTMS_OBJECTINFORMATIONA info;
    ot_call_t a = {.pool = pool, .allocate = 1, .timeout = LT_WAIT_MS};

    snprintf(free_path, sizeof free_path, "Free\\%s", mt_library_type());
    free_pool = mt_pool(h, free_path, NULL);
    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, 0, 0);
    ot_start(&a);
    r = ot_await_open(h, NTMS_OPREQ_NEWMEDIA, &pool, NULL);
    ot_get(h, &r, &info);
    assert_non_null(strstr(info.Info.OpRequest.szMessage, "or to the Free pool"));

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_insert(lt_root(mt_library_name()), LT_PORT1, "VT0300L8");
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    expect_waiting(&a); /* a new cartridge is Unrecognized: nobody's yet */
    assert_true(lt_medium(h, "VT0300L8", &m));
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);

    ot_join(&a);
    assert_int_equal(a.err, ERROR_SUCCESS);
    side = mt_side_of(h, &a.lmid);
    got = mt_medium_of(h, &side);
    assert_guid_equal(&got, &m);
    assert_int_equal(ot_state(h, &r), NTMS_OPSTATE_COMPLETE);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &r), ERROR_OBJECT_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */
/* A library that fails */

static void test_failing_library_asks_for_service(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = lt_library(h, "broken"), id;
    NTMS_OBJECTINFORMATIONA info;

    id = ot_await_open(h, NTMS_OPREQ_DEVICESERVICE, &lib, NULL);
    ot_get(h, &id, &info);
    assert_int_equal(info.Info.OpRequest.Arg1Type, NTMS_LIBRARY);
    assert_string_equal(info.Info.OpRequest.szApplication, "RSM");
    assert_non_null(strstr(info.Info.OpRequest.szMessage, "\"broken\""));
    assert_int_equal(ot_count(h, NTMS_OPREQ_DEVICESERVICE, &lib, 0, NULL), 1);
    /* Serviced, says the operator: the library tries again, still fails,
     * and does not ask twice for the same fault. */
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &id), ERROR_SUCCESS);
    lt_sleep_ms(500);
    assert_int_equal(ot_count(h, NTMS_OPREQ_DEVICESERVICE, &lib, 1, NULL), 0);
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    assert_int_equal(info.dwOperationalState, NTMS_NEEDS_SERVICE);
}

/* ------------------------------------------------------------------------ */
/* Deliveries: a webhook and a command */

struct listener {
    int fd;
    unsigned short port;
    char request[8192];
    size_t len;
    volatile int done;
    pthread_t thread;
};

/* Has the whole request (head and Content-Length bytes of body) come? */
static int request_complete(const struct listener *l)
{
    const char *end = strstr(l->request, "\r\n\r\n"), *cl = strstr(l->request, "Content-Length: ");

    return end != NULL && cl != NULL && l->len >= (size_t)(end + 4 - l->request) + (size_t)atol(cl + 16);
}

/* Accept one connection, read one request, answer 200. Every wait is
 * bounded by poll. */
static void *listen_once(void *arg)
{
    struct listener *l = arg;
    struct pollfd p = {.fd = l->fd, .events = POLLIN};
    int c = -1;

    if (poll(&p, 1, LT_WAIT_MS) == 1 && (c = accept(l->fd, NULL, NULL)) >= 0) {
        struct pollfd q = {.fd = c, .events = POLLIN};
        while (!request_complete(l) && l->len < sizeof l->request - 1 && poll(&q, 1, LT_WAIT_MS) == 1) {
            ssize_t n = read(c, l->request + l->len, sizeof l->request - 1 - l->len);
            if (n <= 0)
                break;
            l->len += (size_t)n;
            l->request[l->len] = '\0';
        }
        static const char ok[] = "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n";
        if (write(c, ok, sizeof ok - 1) < 0)
            l->len = 0;
        close(c);
    }
    l->done = 1;
    return NULL;
}

static void listener_start(struct listener *l)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;

    memset(l, 0, sizeof *l);
    l->fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(l->fd >= 0);
    assert_int_equal(bind(l->fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(l->fd, 4), 0);
    assert_int_equal(getsockname(l->fd, (struct sockaddr *)&a, &alen), 0);
    l->port = ntohs(a.sin_port);
    assert_int_equal(pthread_create(&l->thread, NULL, listen_once, l), 0);
}

/* The file's first line, once it has one (bounded wait). */
static void read_line(const char *path, char *line, size_t cap)
{
    line[0] = '\0';
    for (int i = 0; i < LT_WAIT_MS / 20 && strchr(line, '\n') == NULL; i++) {
        FILE *f = fopen(path, "r");
        if (f != NULL) {
            if (fgets(line, (int)cap, f) == NULL)
                line[0] = '\0';
            fclose(f);
        }
        if (strchr(line, '\n') == NULL)
            lt_sleep_ms(20);
    }
    assert_non_null(strchr(line, '\n'));
}

static void write_script(const char *path)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs("#!/bin/sh\n"
          "printf '%s %s %s %s\\n' \"$RSM_EVENT\" \"$RSM_UI_TYPE\" \"$RSM_REQUEST_TYPE\" \"$RSM_REQUEST_MESSAGE\""
          " >>\"$1\"\n",
          f);
    fclose(f);
    assert_int_equal(chmod(path, 0755), 0);
}

static void set_dest(HANDLE h, NTMS_GUID *comp, DWORD type, const char *fmt, const char *a, const char *b)
{
    char dest[600];

    snprintf(dest, sizeof dest, fmt, a, b);
    assert_int_equal(SetNtmsUIOptionsA(h, comp, type, NTMS_UIDEST_ADD, dest), ERROR_SUCCESS);
}

static void test_webhook_and_command(void **state)
{
    HANDLE h = *state;
    NTMS_GUID comp = ot_computer(h), lib = lt_library(h, "vlib"), id;
    const char *dir = getenv("RSM_TEST_DIR");
    char script[256], out[256], err_out[256], port[16], line[512], idtext[64];
    struct listener l;

    assert_non_null(dir);
    snprintf(script, sizeof script, "%s/notify.sh", dir);
    snprintf(out, sizeof out, "%s/notify.out", dir);
    snprintf(err_out, sizeof err_out, "%s/notify-err.out", dir);
    write_script(script);
    listener_start(&l);
    snprintf(port, sizeof port, "%u", l.port);
    set_dest(h, &comp, NTMS_UITYPE_REQ, "http://127.0.0.1:%s/rsm/hook%s", port, "");
    set_dest(h, &comp, NTMS_UITYPE_REQ, "exec:%s %s", script, out);
    set_dest(h, &comp, NTMS_UITYPE_ERR, "exec:%s %s", script, err_out);

    id = ot_submit(h, NTMS_OPREQ_MESSAGE, "change tape \"7\"", NULL, NULL);
    for (int i = 0; i < LT_WAIT_MS / 20 && !l.done; i++)
        lt_sleep_ms(20);
    assert_true(l.done);
    pthread_join(l.thread, NULL);
    close(l.fd);
    assert_true(strncmp(l.request, "POST /rsm/hook HTTP/1.0\r\n", 25) == 0);
    assert_non_null(strstr(l.request, "Content-Type: application/json\r\n"));
    assert_non_null(strstr(l.request, "\"event\":\"submitted\""));
    assert_non_null(strstr(l.request, "\"ui_type\":\"request\""));
    assert_non_null(strstr(l.request, "\"request_type\":\"MESSAGE\""));
    assert_non_null(strstr(l.request, "\"request_message\":\"change tape \\\"7\\\"\""));
    assert_non_null(strstr(l.request, "\"application\":\"test_library\""));
    snprintf(idtext, sizeof idtext, "\"request_id\":\"");
    assert_non_null(strstr(l.request, idtext));
    read_line(out, line, sizeof line);
    assert_string_equal(line, "submitted request MESSAGE change tape \"7\"\n");

    /* A device service request is an error message: the other list. */
    ot_submit(h, NTMS_OPREQ_DEVICESERVICE, "drive 2 jams", &lib, NULL);
    read_line(err_out, line, sizeof line);
    assert_string_equal(line, "submitted error DEVICESERVICE drive 2 jams\n");

    assert_int_equal(SatisfyNtmsOperatorRequest(h, &id), ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_DELETEALL, NULL), ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_ERR, NTMS_UIDEST_DELETEALL, NULL), ERROR_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waiting_allocations_share_one_request),
        cmocka_unit_test(test_refused_request_fails_allocations),
        cmocka_unit_test(test_timeout_withdraws_request),
        cmocka_unit_test(test_satisfied_then_scratch_policy),
        cmocka_unit_test(test_cartridge_through_mailslot),
        cmocka_unit_test(test_failing_library_asks_for_service),
        cmocka_unit_test(test_webhook_and_command),
    };

    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
