/*
 * test_mount_media.c - mounting media that are not simply in a slot,
 * against rsmd (mounttest.h says on which library; the tgtd run is
 * tests/integration/test_mount_tgt.sh): a cartridge found in a drive,
 * logical media from an allocation, offline media the operator brings, and
 * the operator request an offline mount raises.
 *
 * Like test_mount.c it checks after each step where each cartridge is, in
 * the database and in the library's own element status. Each test leaves
 * both drives empty.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "mounttest.h"

#define OFFLINE_TAPE 90 /* bar codes of media made offline by the tests: 90, 91 */

/* A cartridge found in a drive (put there behind rsmd's back) is LOADED,
 * and leaves after the drive's idle time like a deferred dismount, though
 * nobody mounted it. */
static void test_found_in_drive(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = mo_tape(h, 6), d = mo_drive(h, DRIVE2);
    NTMS_OBJECTINFORMATIONA o;

    lt_get(h, &d, NTMS_DRIVE, &o);
    o.Info.Drive.dwDeferDismountDelay = 1;
    assert_int_equal(SetNtmsObjectInformationA(h, &d, &o), 0);
    mh_hand_load(SLOT(6), DRIVE2);
    lt_inventory(h, &mo_lib);
    lt_assert_at(h, &mo_lib, mo_code(6), NTMS_DRIVE, DRIVE2);
    assert_int_equal(mo_media_state(h, &m), NTMS_MEDIASTATE_LOADED);
    mo_placement(h);
    mo_wait_drive_empty(h, DRIVE2); /* about a second later */
    lt_assert_at(h, &mo_lib, mo_code(6), NTMS_STORAGESLOT, SLOT(6));
    assert_int_equal(mo_media_state(h, &m), NTMS_MEDIASTATE_IDLE);
    mo_placement(h);
    lt_get(h, &d, NTMS_DRIVE, &o);
    o.Info.Drive.dwDeferDismountDelay = 300;
    assert_int_equal(SetNtmsObjectInformationA(h, &d, &o), 0);
}


/* A library cartridge made an application's: Unrecognized -> Free ->
 * an application pool, then allocated. */
static NTMS_GUID allocate_tape(HANDLE h, unsigned n, NTMS_GUID *pool)
{
    char free_path[64];
    NTMS_GUID m = mo_tape(h, n), free_pool, lmid;

    snprintf(free_path, sizeof free_path, "Free\\%s", mt_library_type());
    free_pool = mt_pool(h, free_path, NULL);
    *pool = mt_pool(h, "Mount tests", mt_library_type());
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), 0);
    assert_int_equal(MoveToNtmsMediaPool(h, &m, pool), 0);
    assert_int_equal(mt_alloc(h, pool, 0, 0, &lmid), 0);
    return lmid;
}

static void test_mount_logical(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool, lmid = allocate_tape(h, 4, &pool), side = mt_side_of(h, &lmid), m = mo_tape(h, 4), drive;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(mo_mount1(h, &lmid, &drive, NTMS_MOUNT_READ | NTMS_MOUNT_WRITE, 0, 10000), 0);
    lt_get(h, &drive, NTMS_DRIVE, &o);
    lt_assert_at(h, &mo_lib, mo_code(4), NTMS_DRIVE, o.Info.Drive.Number);
    assert_int_equal(o.Info.Drive.State, NTMS_DRIVESTATE_MOUNTED);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &o);
    assert_int_equal(o.Info.PhysicalMedia.MediaState, NTMS_MEDIASTATE_MOUNTED);
    assert_guid_equal(&o.Info.PhysicalMedia.MountedPartition, &side);
    mo_placement(h);
    /* mounted by its logical medium, dismounted by it */
    assert_int_equal(DismountNtmsMedia(h, &lmid, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    mo_reset(h);
    lt_assert_at(h, &mo_lib, mo_code(4), NTMS_STORAGESLOT, SLOT(4));
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), 0);
}

/* An offline medium of the library's type with the bar code of cartridge
 * `n`, in the tests' application pool. */
static NTMS_GUID offline_tape(HANDLE h, unsigned n)
{
    NTMS_GUID pool = mt_pool(h, "Mount tests", mt_library_type()), m;

    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, mo_code(n), &m, NULL);
    return m;
}

/* The newest mount request anywhere (an offline mount has no library). */
static NTMS_GUID last_mount(HANDLE h)
{
    NTMS_GUID req;

    assert_true(lt_last_request(h, NULL, NTMS_LM_MOUNT, &req));
    return req;
}

/* The operator brings cartridge `n` and injects it through the first
 * port; returns once the inject has passed. */
static void operator_brings(HANDLE h, unsigned n)
{
    NTMS_GUID op;
    NTMS_OBJECTINFORMATIONA o;
    DWORD err;

    mh_port_put((uint16_t)mt_port1(), mo_code(n));
    assert_int_equal(InjectNtmsMedia(h, &mo_lib, &op, NTMS_INJECT_START), 0);
    /* START imports once every port is full; STOP imports what is there */
    err = InjectNtmsMedia(h, &mo_lib, &op, NTMS_INJECT_STOP);
    assert_true(err == 0 || err == ERROR_INVALID_OPERATION);
    lt_wait_request(h, &op, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_PASSED);
}

/* A mount of an offline medium waits for the operator, then completes
 * once the cartridge is injected. */
static void test_offline_arrives(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = offline_tape(h, OFFLINE_TAPE), drive, req;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_ERROR_OFFLINE, 0, 10000), ERROR_MEDIA_OFFLINE);
    /* "only if it can start now" (dwTimeout 0, ERROR_NOT_AVAILABLE): an
     * offline medium cannot; the call returns at once */
    assert_int_equal(mo_mount1(h, &m, &drive, 0, 0, 0), ERROR_TIMEOUT);
    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_ERROR_NOT_AVAILABLE, 0, 10000), ERROR_BUSY);
    req = last_mount(h);
    lt_get(h, &req, NTMS_LIBREQUEST, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_NOWAIT, 0, 30000), 0);
    req = last_mount(h);
    lt_wait_state(h, &req, NTMS_LM_WAITING);
    lt_get(h, &req, NTMS_LIBREQUEST, &o);
    assert_non_null(strstr(o.szDescription, "waiting for the operator"));
    mo_placement(h);

    operator_brings(h, OFFLINE_TAPE);
    lt_wait_request(h, &req, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(mo_media_state(h, &m), NTMS_MEDIASTATE_MOUNTED);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &o);
    assert_int_equal(o.Info.PhysicalMedia.LocationType, NTMS_DRIVE);
    mo_placement(h);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, 0), 0);
    mo_reset(h);
}

/* A blocking mount of one medium in a thread of its own session. */
typedef struct waiter {
    pthread_t t;
    NTMS_GUID medium, drive;
    DWORD result;
} waiter_t;

static void *waiter_main(void *arg)
{
    waiter_t *w = arg;
    HANDLE h = OpenNtmsSessionA(NULL, "test_mount_media waiter", 0);

    w->result = h == INVALID_HANDLE_VALUE ? ERROR_NOT_CONNECTED : mo_mount1(h, &w->medium, &w->drive, 0, 0, 20000);
    if (h != INVALID_HANDLE_VALUE)
        CloseNtmsSession(h);
    return NULL;
}

/* The open NTMS_OPREQ_MOVEMEDIA request about medium `m`; 0 when none. */
static int opreq_about(HANDLE h, const NTMS_GUID *m, NTMS_GUID *out, NTMS_OBJECTINFORMATIONA *o)
{
    NTMS_GUID v[LT_MAX];
    DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, v);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], NTMS_OPREQUEST, o);
        if (o->Info.OpRequest.Request == NTMS_OPREQ_MOVEMEDIA &&
            memcmp(&o->Info.OpRequest.Arg1, m, sizeof *m) == 0 &&
            o->Info.OpRequest.State != NTMS_OPSTATE_COMPLETE && o->Info.OpRequest.State != NTMS_OPSTATE_REFUSED) {
            *out = v[i];
            return 1;
        }
    }
    return 0;
}

/* A mount of an offline medium raises an operator request to bring it;
 * refusing the request fails the mount with ERROR_CANCELLED (its library
 * request ends CANCELLED), and a request
 * whose medium arrives is completed. */
static void test_offline_operator_request(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = offline_tape(h, OFFLINE_TAPE + 1), drive, req, op;
    NTMS_OBJECTINFORMATIONA o;
    waiter_t w = {.medium = m};

    /* refused: the waiting caller hears it */
    assert_int_equal(pthread_create(&w.t, NULL, waiter_main, &w), 0);
    for (int i = 0; i < LT_WAIT_MS / 20 && !opreq_about(h, &m, &op, &o); i++)
        lt_sleep_ms(20);
    assert_true(opreq_about(h, &m, &op, &o));
    assert_int_equal(o.Info.OpRequest.Arg1Type, NTMS_PHYSICAL_MEDIA);
    assert_int_equal(o.Info.OpRequest.State, NTMS_OPSTATE_SUBMITTED);
    req = last_mount(h);
    lt_wait_state(h, &req, NTMS_LM_WAITING);
    assert_int_equal(CancelNtmsOperatorRequest(h, &op), 0);
    pthread_join(w.t, NULL);
    assert_int_equal(w.result, ERROR_CANCELLED);
    lt_wait_request(h, &req, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_int_equal(o.Info.LibRequest.dwErrorCode, ERROR_CANCELLED);
    lt_get(h, &op, NTMS_OPREQUEST, &o);
    assert_int_equal(o.Info.OpRequest.State, NTMS_OPSTATE_REFUSED);

    /* met: the medium arrives, the request completes, the mount too */
    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_NOWAIT, 0, 30000), 0);
    req = last_mount(h);
    lt_wait_state(h, &req, NTMS_LM_WAITING);
    assert_true(opreq_about(h, &m, &op, &o));
    operator_brings(h, OFFLINE_TAPE + 1);
    lt_wait_request(h, &req, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_get(h, &op, NTMS_OPREQUEST, &o);
    assert_int_equal(o.Info.OpRequest.State, NTMS_OPSTATE_COMPLETE);
    mo_placement(h);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, 0), 0);
    mo_reset(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_in_drive),
        cmocka_unit_test(test_mount_logical),
        cmocka_unit_test(test_offline_arrives),
        cmocka_unit_test(test_offline_operator_request),
    };
    return cmocka_run_group_tests(tests, mo_setup, lt_teardown);
}
