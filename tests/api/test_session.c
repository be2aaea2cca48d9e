/*
 * test_session.c - sessions and handles of librsm.
 *
 * Runs under run-rsmd.sh (RSM_SOCKET names a private rsmd) for everything
 * that needs a service, and against fake_rsmd for what the real service
 * never does on purpose: refuse, speak another version, drop the connection,
 * answer out of order.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <wchar.h>

#include <cmocka.h>

#include <rsm/ntmsapi.h>

#include "fake_rsmd.h"

#define THREADS 8
#define SESSIONS 64
#define CALLS_PER_THREAD 200

static HANDLE open_default(void)
{
    return OpenNtmsSessionA(NULL, "test_session", 0);
}

/* The computer object's GUID, the one object every service has. */
static void computer_guid(HANDLE h, NTMS_GUID *out)
{
    DWORD n = 1;

    assert_int_equal(EnumerateNtmsObject(h, NULL, out, &n, NTMS_COMPUTER, 0), ERROR_SUCCESS);
    assert_int_equal(n, 1);
}

static DWORD get_computer(HANDLE h, NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA info;

    memset(&info, 0, sizeof(info));
    info.dwSize = sizeof(info);
    info.dwType = NTMS_COMPUTER;
    return GetNtmsObjectInformationA(h, id, &info);
}

/* Expect OpenNtmsSessionA to fail with `code` in the last error. */
static void expect_open_fails(const char *server, const char *app, DWORD options, DWORD code)
{
    HANDLE h;

    SetLastError(0);
    h = OpenNtmsSessionA(server, app, options);
    assert_ptr_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), code);
}

/* ------------------------------------------------------------------------ */
/* Opening and closing */

static void test_open_close(void **state)
{
    HANDLE h = open_default();
    NTMS_GUID computer;

    (void)state;
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    assert_non_null(h);
    computer_guid(h, &computer);
    assert_int_equal(get_computer(h, &computer), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
}

/* Every spelling of "this machine" reaches the service at RSM_SOCKET, and
 * so does the socket path itself (our extension). */
static void test_local_server_names(void **state)
{
    char host[256] = "";
    const char *names[5];
    HANDLE h;

    (void)state;
    assert_int_equal(gethostname(host, sizeof(host) - 1), 0);
    names[0] = "";
    names[1] = "localhost";
    names[2] = "LOCALHOST";
    names[3] = host;
    names[4] = getenv("RSM_SOCKET");
    assert_non_null(names[4]);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        h = OpenNtmsSessionA(names[i], NULL, 0);
        assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
        assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
    }
}

static void test_open_w(void **state)
{
    wchar_t path[256];
    HANDLE h;

    (void)state;
    h = OpenNtmsSessionW(NULL, L"test-\u00e9t\u00e9", 0);
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);

    assert_true(mbstowcs(path, getenv("RSM_SOCKET"), 255) < 255);
    h = OpenNtmsSessionW(path, NULL, 0);
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);

    h = OpenNtmsSessionW(L"localhost", L"app", 1);
    assert_ptr_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    /* A lone surrogate is not text. */
    const wchar_t bad_server[] = { L'a', (wchar_t)0xD800, L'b', 0 };
    h = OpenNtmsSessionW(bad_server, NULL, 0);
    assert_ptr_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_COMPUTERNAME);
    const wchar_t bad_app[] = { (wchar_t)0xDC00, 0 };
    h = OpenNtmsSessionW(NULL, bad_app, 0);
    assert_ptr_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void test_options_and_application(void **state)
{
    char name[NTMS_APPLICATIONNAME_LENGTH + 1];
    HANDLE h;

    (void)state;
    expect_open_fails(NULL, "app", 1, ERROR_INVALID_PARAMETER);
    expect_open_fails(NULL, "app", 0x80000000u, ERROR_INVALID_PARAMETER);

    /* NTMS_APPLICATIONNAME_LENGTH includes the NUL: 63 characters fit. */
    memset(name, 'a', sizeof(name));
    name[NTMS_APPLICATIONNAME_LENGTH] = '\0';
    expect_open_fails(NULL, name, 0, ERROR_INVALID_PARAMETER);
    name[NTMS_APPLICATIONNAME_LENGTH - 1] = '\0';
    h = OpenNtmsSessionA(NULL, name, 0);
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
}

static void test_invalid_server_names(void **state)
{
    static const char *const bad[] = {
        "bad name", "under_score", "-dash", "dash-", "two..dots", ".lead",
        "semi;colon", "caf\xc3\xa9", "a\\b",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        expect_open_fails(bad[i], NULL, 0, ERROR_INVALID_COMPUTERNAME);
    /* Well-formed but another machine: remote sessions are not there yet. */
    expect_open_fails("rsm-remote.example.org", NULL, 0, ERROR_NOT_CONNECTED);
}

static void test_socket_without_service(void **state)
{
    struct sockaddr_un addr;
    char path[64];
    int fd;

    (void)state;
    expect_open_fails("/nonexistent-rsm-dir/rsmd.sock", NULL, 0, ERROR_NOT_CONNECTED);

    /* A socket file nobody listens on: connect() is refused. */
    snprintf(path, sizeof(path), "/tmp/rsm-dead-%ld.sock", (long)getpid());
    unlink(path);
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
    close(fd);
    expect_open_fails(path, NULL, 0, ERROR_NOT_CONNECTED);
    unlink(path);
}

/* ------------------------------------------------------------------------ */
/* Many sessions */

static void test_many_sessions(void **state)
{
    HANDLE h[SESSIONS];
    NTMS_GUID computer;

    (void)state;
    for (int i = 0; i < SESSIONS; i++) {
        h[i] = open_default();
        assert_ptr_not_equal(h[i], INVALID_HANDLE_VALUE);
        for (int j = 0; j < i; j++)
            assert_ptr_not_equal(h[i], h[j]);
    }
    /* All of them work, independently. */
    computer_guid(h[0], &computer);
    for (int i = 0; i < SESSIONS; i++)
        assert_int_equal(get_computer(h[i], &computer), ERROR_SUCCESS);
    for (int i = 0; i < SESSIONS; i += 2)
        assert_int_equal(CloseNtmsSession(h[i]), ERROR_SUCCESS);
    for (int i = 1; i < SESSIONS; i += 2)
        assert_int_equal(get_computer(h[i], &computer), ERROR_SUCCESS);
    for (int i = 1; i < SESSIONS; i += 2)
        assert_int_equal(CloseNtmsSession(h[i]), ERROR_SUCCESS);
}

typedef struct worker {
    pthread_t thread;
    HANDLE session;     /* shared session, for the call workers */
    NTMS_GUID computer;
    int failures;
} worker_t;

static void *open_many(void *arg)
{
    worker_t *w = arg;
    HANDLE h[8];

    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 8; i++) {
            h[i] = open_default();
            if (h[i] == INVALID_HANDLE_VALUE)
                w->failures++;
        }
        for (int i = 0; i < 8; i++) {
            if (h[i] == INVALID_HANDLE_VALUE)
                continue;
            if (get_computer(h[i], &w->computer) != ERROR_SUCCESS)
                w->failures++;
            if (CloseNtmsSession(h[i]) != ERROR_SUCCESS)
                w->failures++;
        }
    }
    return NULL;
}

static void test_sessions_from_threads(void **state)
{
    worker_t w[THREADS];
    HANDLE h = open_default();

    (void)state;
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    memset(w, 0, sizeof(w));
    for (int i = 0; i < THREADS; i++) {
        computer_guid(h, &w[i].computer);
        assert_int_equal(pthread_create(&w[i].thread, NULL, open_many, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(w[i].thread, NULL);
        assert_int_equal(w[i].failures, 0);
    }
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
}

static void *call_many(void *arg)
{
    worker_t *w = arg;

    for (int i = 0; i < CALLS_PER_THREAD; i++) {
        NTMS_OBJECTINFORMATIONA info;

        memset(&info, 0, sizeof(info));
        info.dwSize = sizeof(info);
        info.dwType = NTMS_COMPUTER;
        if (GetNtmsObjectInformationA(w->session, &w->computer, &info) != ERROR_SUCCESS ||
            info.dwType != NTMS_COMPUTER ||
            memcmp(&info.ObjectGuid, &w->computer, sizeof(NTMS_GUID)) != 0)
            w->failures++;
    }
    return NULL;
}

static void test_concurrent_calls_one_session(void **state)
{
    worker_t w[THREADS];
    HANDLE h = open_default();
    NTMS_GUID computer;

    (void)state;
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    computer_guid(h, &computer);
    memset(w, 0, sizeof(w));
    for (int i = 0; i < THREADS; i++) {
        w[i].session = h;
        w[i].computer = computer;
        assert_int_equal(pthread_create(&w[i].thread, NULL, call_many, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(w[i].thread, NULL);
        assert_int_equal(w[i].failures, 0);
    }
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
}

/* Threads keep calling while the session is closed under them: each call
 * either works or reports the session gone; nothing crashes (ASan watches
 * for use after free). */
static void *call_until_closed(void *arg)
{
    worker_t *w = arg;

    for (int i = 0; i < 5000; i++) {
        DWORD err = get_computer(w->session, &w->computer);

        if (err == ERROR_INVALID_HANDLE || err == ERROR_NOT_CONNECTED)
            return NULL;
        if (err != ERROR_SUCCESS)
            w->failures++;
    }
    w->failures++; /* the close never reached this thread */
    return NULL;
}

static void test_close_during_calls(void **state)
{
    worker_t w[THREADS];
    HANDLE h = open_default();
    NTMS_GUID computer;

    (void)state;
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    computer_guid(h, &computer);
    memset(w, 0, sizeof(w));
    for (int i = 0; i < THREADS; i++) {
        w[i].session = h;
        w[i].computer = computer;
        assert_int_equal(pthread_create(&w[i].thread, NULL, call_until_closed, &w[i]), 0);
    }
    usleep(20000);
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(w[i].thread, NULL);
        assert_int_equal(w[i].failures, 0);
    }
    assert_int_equal(get_computer(h, &computer), ERROR_INVALID_HANDLE);
}

/* ------------------------------------------------------------------------ */
/* Bad handles */

static void expect_invalid_handle(HANDLE h)
{
    NTMS_GUID list[4];
    DWORD n = 4;

    assert_int_equal(EnumerateNtmsObject(h, NULL, list, &n, NTMS_LIBRARY, 0),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(n, 4);
    assert_int_equal(get_computer(h, &list[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(DeleteNtmsMediaPool(h, &list[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(CloseNtmsSession(h), ERROR_INVALID_HANDLE);
}

static void test_bad_handles(void **state)
{
    HANDLE h = open_default(), other;
    uintptr_t v = (uintptr_t)h;

    (void)state;
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    expect_invalid_handle(NULL);
    expect_invalid_handle(INVALID_HANDLE_VALUE);
    /* Forged: random bits, a stack address, neighbours of a real handle. */
    expect_invalid_handle((HANDLE)(uintptr_t)0xdeadbeefcafef00dull);
    expect_invalid_handle((HANDLE)&v);
    for (int bit = 0; bit < (int)(8 * sizeof(v)); bit++)
        expect_invalid_handle((HANDLE)(v ^ ((uintptr_t)1 << bit)));

    /* Closed: the handle stays dead even when its slot is reused. */
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
    expect_invalid_handle(h);
    other = open_default();
    assert_ptr_not_equal(other, INVALID_HANDLE_VALUE);
    assert_ptr_not_equal(other, h);
    expect_invalid_handle(h);
    assert_int_equal(CloseNtmsSession(other), ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* A misbehaving service (fake_rsmd) */

static void test_service_refuses(void **state)
{
    static const DWORD codes[] = { ERROR_NOT_READY, RPC_S_NO_INTERFACES, ERROR_ACCESS_DENIED };
    fake_rsmd_t fake;

    (void)state;
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        assert_int_equal(fake_rsmd_start(&fake, FAKE_REFUSE, codes[i]), 0);
        expect_open_fails(fake.path, "app", 0, codes[i]);
        assert_int_equal(fake_rsmd_stop(&fake), 0);
    }
    assert_int_equal(fake_rsmd_start(&fake, FAKE_OTHER_VERSION, 0), 0);
    expect_open_fails(fake.path, "app", 0, RPC_S_NO_INTERFACES);
    assert_int_equal(fake_rsmd_stop(&fake), 0);
}

/* The connection goes away under an open session: calls fail with
 * ERROR_NOT_CONNECTED (and no SIGPIPE kills the process), Close answers
 * ERROR_CONNECTION_UNAVAIL and still frees the handle. */
static void test_connection_lost(void **state)
{
    fake_rsmd_t fake;
    NTMS_GUID id;
    HANDLE h;

    (void)state;
    memset(&id, 0x11, sizeof(id));
    assert_int_equal(fake_rsmd_start(&fake, FAKE_DROP_AFTER_OPEN, 0), 0);
    h = OpenNtmsSessionA(fake.path, "app", 0);
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    assert_int_equal(fake_rsmd_stop(&fake), 0); /* the fake has hung up */
    assert_int_equal(get_computer(h, &id), ERROR_NOT_CONNECTED);
    assert_int_equal(get_computer(h, &id), ERROR_NOT_CONNECTED);
    assert_int_equal(CloseNtmsSession(h), ERROR_CONNECTION_UNAVAIL);
    assert_int_equal(CloseNtmsSession(h), ERROR_INVALID_HANDLE);
}

typedef struct reverse_call {
    pthread_t thread;
    HANDLE session;
    NTMS_GUID id;
    DWORD err;
    char name[NTMS_OBJECTNAME_LENGTH];
} reverse_call_t;

static void *reverse_caller(void *arg)
{
    reverse_call_t *c = arg;
    NTMS_OBJECTINFORMATIONA info;

    memset(&info, 0, sizeof(info));
    info.dwSize = sizeof(info);
    info.dwType = NTMS_COMPUTER;
    c->err = GetNtmsObjectInformationA(c->session, &c->id, &info);
    memcpy(c->name, info.szName, sizeof(c->name));
    return NULL;
}

/* Two calls in flight on one session, answered in the opposite order: each
 * caller must get its own answer. */
static void test_out_of_order_responses(void **state)
{
    reverse_call_t calls[2];
    fake_rsmd_t fake;
    HANDLE h;

    (void)state;
    assert_int_equal(fake_rsmd_start(&fake, FAKE_REVERSE_PAIR, 0), 0);
    h = OpenNtmsSessionA(fake.path, "app", 0);
    assert_ptr_not_equal(h, INVALID_HANDLE_VALUE);
    memset(calls, 0, sizeof(calls));
    for (int i = 0; i < 2; i++) {
        calls[i].session = h;
        calls[i].id.Data1 = i == 0 ? 0x11000000u : 0x22000000u;
        assert_int_equal(pthread_create(&calls[i].thread, NULL, reverse_caller, &calls[i]), 0);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(calls[i].thread, NULL);
    assert_int_equal(calls[0].err, ERROR_SUCCESS);
    assert_int_equal(calls[1].err, ERROR_SUCCESS);
    assert_string_equal(calls[0].name, "reply-11");
    assert_string_equal(calls[1].name, "reply-22");
    assert_int_equal(CloseNtmsSession(h), ERROR_SUCCESS);
    assert_int_equal(fake_rsmd_stop(&fake), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_close),
        cmocka_unit_test(test_local_server_names),
        cmocka_unit_test(test_open_w),
        cmocka_unit_test(test_options_and_application),
        cmocka_unit_test(test_invalid_server_names),
        cmocka_unit_test(test_socket_without_service),
        cmocka_unit_test(test_many_sessions),
        cmocka_unit_test(test_sessions_from_threads),
        cmocka_unit_test(test_concurrent_calls_one_session),
        cmocka_unit_test(test_close_during_calls),
        cmocka_unit_test(test_bad_handles),
        cmocka_unit_test(test_service_refuses),
        cmocka_unit_test(test_connection_lost),
        cmocka_unit_test(test_out_of_order_responses),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
