/*
 * test_mount_offline.c - mounting a medium that is not in a library: the
 * mount raises an operator request (NTMS_OPREQ_MOVEMEDIA about the medium)
 * and waits; a cartridge with its bar code brought in through the port
 * completes it; a refused request fails it with ERROR_CANCELLED; with
 * NTMS_MOUNT_ERROR_OFFLINE there is no request and no wait.
 *
 * rsmd runs the virtual library of mount.conf (two drives, port 16).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "libtest.h"
#include "mediatest.h"

static NTMS_GUID lib;

static int group_setup(void **state)
{
    if (lt_setup(state) != 0)
        return -1;
    lib = lt_library(*state, "vlib");
    lt_inventory(*state, &lib);
    return 0;
}

/* An offline LTO-8 medium with bar code `code` in an application pool. */
static NTMS_GUID offline_medium(HANDLE h, const char *code)
{
    NTMS_GUID pool = mt_pool(h, "Offline mounts", "LTO-8"), m;

    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, code, &m, NULL);
    return m;
}

typedef struct bg {
    pthread_t t;
    NTMS_GUID medium, drive;
    DWORD result;
    volatile int done;
} bg_t;

static void *bg_main(void *arg)
{
    bg_t *b = arg;
    HANDLE h = OpenNtmsSessionA(NULL, "test_mount_offline", 0);

    b->result = h == INVALID_HANDLE_VALUE ? ERROR_NOT_CONNECTED
                                          : MountNtmsMedia(h, &b->medium, &b->drive, 1, 0, 0, 20000, NULL);
    if (b->result == 0)
        DismountNtmsMedia(h, &b->medium, 1, NTMS_DISMOUNT_IMMEDIATE);
    if (h != INVALID_HANDLE_VALUE)
        CloseNtmsSession(h);
    b->done = 1;
    return NULL;
}

/* Wait (bounded) for the open MOVEMEDIA operator request about `m`. */
static NTMS_GUID wait_opreq(HANDLE h, NTMS_GUID *m)
{
    NTMS_GUID reqs[LT_MAX];

    for (int tries = 0; tries < LT_WAIT_MS / 20; tries++) {
        DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, reqs);
        for (DWORD i = 0; i < n; i++) {
            NTMS_OBJECTINFORMATIONA o;
            lt_get(h, &reqs[i], NTMS_OPREQUEST, &o);
            if (o.Info.OpRequest.Request == NTMS_OPREQ_MOVEMEDIA && o.Info.OpRequest.State == NTMS_OPSTATE_SUBMITTED &&
                memcmp(&o.Info.OpRequest.Arg1, m, sizeof *m) == 0)
                return reqs[i];
        }
        lt_sleep_ms(20);
    }
    fail_msg("no operator request for the offline medium");
    return *m; /* not reached */
}

static void test_error_offline(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = offline_medium(h, "VT0060L8"), d, req;

    assert_int_equal(MountNtmsMedia(h, &m, &d, 1, NTMS_MOUNT_ERROR_OFFLINE, 0, 1000, NULL), ERROR_MEDIA_OFFLINE);
    /* with a time-out and no operator: the request is raised, the mount times out */
    assert_int_equal(MountNtmsMedia(h, &m, &d, 1, 0, 0, 500, NULL), ERROR_TIMEOUT);
    req = wait_opreq(h, &m);
    assert_int_equal(CancelNtmsOperatorRequest(h, &req), 0);
}

static void test_refused(void **state)
{
    HANDLE h = *state;
    bg_t b = {.medium = offline_medium(h, "VT0061L8")};
    NTMS_GUID req, mreq;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(pthread_create(&b.t, NULL, bg_main, &b), 0);
    req = wait_opreq(h, &b.medium);
    assert_true(lt_last_request(h, NULL, NTMS_LM_MOUNT, &mreq));
    lt_get(h, &mreq, NTMS_LIBREQUEST, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_WAITING);
    assert_non_null(strstr(o.szDescription, "operator"));
    assert_int_equal(CancelNtmsOperatorRequest(h, &req), 0);
    pthread_join(b.t, NULL);
    assert_int_equal(b.result, ERROR_CANCELLED);
    lt_get(h, &mreq, NTMS_LIBREQUEST, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_int_equal(o.Info.LibRequest.dwErrorCode, ERROR_CANCELLED);
}

static void test_brought_in(void **state)
{
    HANDLE h = *state;
    bg_t b = {.medium = offline_medium(h, "VT0062L8")};
    NTMS_GUID req, op;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(pthread_create(&b.t, NULL, bg_main, &b), 0);
    req = wait_opreq(h, &b.medium);
    assert_false(b.done);
    /* the operator brings the cartridge through the port */
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), 0);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_insert(lt_root("vlib"), LT_PORT1, "VT0062L8");
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), 0);
    lt_wait_request(h, &op, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_PASSED);
    pthread_join(b.t, NULL);
    assert_int_equal(b.result, 0);
    /* the service saw the need met and ended the request itself */
    lt_get(h, &req, NTMS_OPREQUEST, &o);
    assert_int_equal(o.Info.OpRequest.State, NTMS_OPSTATE_COMPLETE);
    lt_get(h, &b.medium, NTMS_PHYSICAL_MEDIA, &o);
    assert_guid_equal(&o.Info.PhysicalMedia.CurrentLibrary, &lib);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_offline),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_brought_in),
    };
    return cmocka_run_group_tests(tests, group_setup, lt_teardown);
}
