/*
 * test_mount.c - MountNtmsMedia, DismountNtmsMedia, DismountNtmsDrive and
 * the request queue calls against rsmd (mounttest.h says on which library;
 * tests/integration/test_mount_tgt.sh runs this same program on a tgtd
 * library): each kind of ID, errors, two at once, deferred dismounts
 * reused and evicted, priority order, reorder and cancel, time-outs and
 * NOWAIT, session end, the deferred timer.
 *
 * After each step the test checks where each cartridge is (the database's
 * element and the medium's location), the states of drives and media, the
 * library requests, and, at each quiet point, that the database agrees
 * with the library's own element status; a medium reused from its drive
 * must leave that status unchanged (no robot move). Each test leaves both
 * drives empty.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mounttest.h"

/* ------------------------------------------------------------------------ */

static void test_mount_by_each_id(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = mo_tape(h, 1), drive, d1 = mo_drive(h, DRIVE1), side;
    NTMS_OBJECTINFORMATIONA o, dr;
    DWORD n = 1;

    /* by physical medium */
    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 10000), 0);
    lt_get(h, &drive, NTMS_DRIVE, &dr);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_DRIVE, dr.Info.Drive.Number);
    assert_int_equal(dr.Info.Drive.State, NTMS_DRIVESTATE_MOUNTED);
    mo_placement(h);
    assert_int_equal(mo_media_state(h, &m), NTMS_MEDIASTATE_MOUNTED);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &o);
    side = o.Info.PhysicalMedia.MountedPartition;
    assert_int_equal(EnumerateNtmsObject(h, &m, &side, &n, NTMS_PARTITION, 0), 0);
    assert_guid_equal(&o.Info.PhysicalMedia.MountedPartition, &side);
    /* the same medium again while mounted: it is busy */
    assert_int_equal(mo_mount1(h, &m, &drive, NTMS_MOUNT_ERROR_NOT_AVAILABLE, 0, 10000), ERROR_BUSY);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    mo_wait_drive_empty(h, dr.Info.Drive.Number);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_STORAGESLOT, SLOT(1));
    assert_int_equal(mo_media_state(h, &m), NTMS_MEDIASTATE_IDLE);
    mo_placement(h);

    /* by side, into a specific drive */
    drive = d1;
    assert_int_equal(mo_mount1(h, &side, &drive, NTMS_MOUNT_SPECIFIC_DRIVE, 0, 10000), 0);
    assert_guid_equal(&drive, &d1);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_DRIVE, DRIVE1);
    mo_placement(h);
    assert_int_equal(DismountNtmsMedia(h, &side, 1, 0), 0);
    mo_wait_drive_empty(h, DRIVE1);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_STORAGESLOT, SLOT(1));
    mo_reset(h);
}

static void test_mount_errors(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m = mo_tape(h, 1), m2[2], drive[2], bogus, d1 = mo_drive(h, DRIVE1);

    memset(&bogus, 0x5a, sizeof bogus);
    assert_int_equal(mo_mount1(h, &bogus, drive, 0, 0, 1000), ERROR_INVALID_MEDIA);
    assert_int_equal(mo_mount1(h, &mo_lib, drive, 0, 0, 1000), ERROR_INVALID_MEDIA); /* not a medium */
    assert_int_equal(MountNtmsMedia(h, NULL, drive, 1, 0, 0, 1000, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MountNtmsMedia(h, &m, NULL, 1, 0, 0, 1000, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MountNtmsMedia(h, &m, drive, 0, 0, 0, 1000, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(mo_mount1(h, &m, drive, 0x4000, 0, 1000), ERROR_INVALID_PARAMETER);
    assert_int_equal(mo_mount1(h, &m, drive, 0, 16, 1000), ERROR_INVALID_PARAMETER);
    assert_int_equal(mo_mount1(h, &m, drive, 0, -16, 1000), ERROR_INVALID_PARAMETER);
    m2[0] = m2[1] = m;
    assert_int_equal(MountNtmsMedia(h, m2, drive, 2, 0, 0, 1000, NULL), ERROR_INVALID_MEDIA);
    drive[0] = bogus;
    assert_int_equal(mo_mount1(h, &m, drive, NTMS_MOUNT_SPECIFIC_DRIVE, 0, 1000), ERROR_INVALID_DRIVE);
    /* two media into one drive */
    m2[1] = mo_tape(h, 2);
    drive[0] = drive[1] = d1;
    assert_int_equal(MountNtmsMedia(h, m2, drive, 2, NTMS_MOUNT_SPECIFIC_DRIVE, 0, 1000, NULL),
                     ERROR_INVALID_DRIVE);
    /* more media than drives */
    NTMS_GUID three[3] = {mo_tape(h, 1), mo_tape(h, 2), mo_tape(h, 3)}, d3[3];
    assert_int_equal(MountNtmsMedia(h, three, d3, 3, 0, 0, 1000, NULL), ERROR_INVALID_DRIVE);
    /* dismounting what is not mounted; a drive that holds nothing */
    assert_int_equal(DismountNtmsMedia(h, &m, 1, 0), ERROR_INVALID_STATE);
    assert_int_equal(DismountNtmsMedia(h, &bogus, 1, 0), ERROR_INVALID_MEDIA);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, 0x80), ERROR_INVALID_PARAMETER);
    assert_int_equal(DismountNtmsDrive(h, &d1), ERROR_INVALID_STATE);
    assert_int_equal(DismountNtmsDrive(h, &bogus), ERROR_INVALID_DRIVE);
    assert_int_equal(DismountNtmsDrive(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(DismountNtmsDrive(NULL, &d1), ERROR_INVALID_HANDLE);
    /* nothing was moved by any of it */
    for (unsigned i = 1; i <= 3; i++)
        lt_assert_at(h, &mo_lib, mo_code(i), NTMS_STORAGESLOT, SLOT(i));
    mo_placement(h);
}

static void test_two_at_once(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m[2] = {mo_tape(h, 2), mo_tape(h, 3)}, drive[2];
    NTMS_OBJECTINFORMATIONA d0, d1;

    assert_int_equal(MountNtmsMedia(h, m, drive, 2, NTMS_MOUNT_READ | NTMS_MOUNT_WRITE, 0, 10000, NULL), 0);
    lt_get(h, &drive[0], NTMS_DRIVE, &d0);
    lt_get(h, &drive[1], NTMS_DRIVE, &d1);
    assert_int_not_equal(d0.Info.Drive.Number, d1.Info.Drive.Number);
    lt_assert_at(h, &mo_lib, mo_code(2), NTMS_DRIVE, d0.Info.Drive.Number);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_DRIVE, d1.Info.Drive.Number);
    mo_placement(h);
    assert_int_equal(DismountNtmsMedia(h, m, 2, NTMS_DISMOUNT_IMMEDIATE), 0);
    mo_reset(h);
    lt_assert_at(h, &mo_lib, mo_code(2), NTMS_STORAGESLOT, SLOT(2));
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3));
}

static void test_deferred_reused(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = mo_tape(h, 1), b = mo_tape(h, 2), c = mo_tape(h, 3), da, da2, db, dc;
    NTMS_OBJECTINFORMATIONA d;
    DWORD count;
    static char before[MH_SNAPSHOT_MAX], after[MH_SNAPSHOT_MAX];

    assert_int_equal(mo_mount1(h, &a, &da, 0, 0, 10000), 0);
    assert_int_equal(DismountNtmsMedia(h, &a, 1, NTMS_DISMOUNT_DEFERRED), 0);
    lt_get(h, &da, NTMS_DRIVE, &d);
    assert_int_equal(d.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTABLE);
    assert_int_equal(mo_media_state(h, &a), NTMS_MEDIASTATE_LOADED);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_DRIVE, d.Info.Drive.Number);
    count = d.Info.Drive.dwMountCount;
    mo_placement(h);
    /* mounted again: the same drive, and the library's element status
     * does not change (no robot move) */
    mh_snapshot(before, sizeof before);
    assert_int_equal(mo_mount1(h, &a, &da2, 0, 0, 10000), 0);
    mh_snapshot(after, sizeof after);
    assert_string_equal(before, after);
    assert_guid_equal(&da, &da2);
    lt_get(h, &da, NTMS_DRIVE, &d);
    assert_int_equal(d.Info.Drive.dwMountCount, count + 1);
    assert_int_equal(d.Info.Drive.State, NTMS_DRIVESTATE_MOUNTED);
    assert_int_equal(DismountNtmsMedia(h, &a, 1, NTMS_DISMOUNT_DEFERRED), 0);
    /* b takes the other drive; c needs a drive: a's deferred one is freed */
    assert_int_equal(mo_mount1(h, &b, &db, 0, 0, 10000), 0);
    assert_false(memcmp(&db, &da, sizeof db) == 0);
    assert_int_equal(mo_mount1(h, &c, &dc, 0, 0, 10000), 0);
    assert_guid_equal(&dc, &da);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_STORAGESLOT, SLOT(1));
    assert_int_equal(mo_media_state(h, &a), NTMS_MEDIASTATE_IDLE);
    lt_get(h, &dc, NTMS_DRIVE, &d);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_DRIVE, d.Info.Drive.Number);
    mo_placement(h);
    assert_int_equal(DismountNtmsMedia(h, &b, 1, 0), 0);
    assert_int_equal(DismountNtmsMedia(h, &c, 1, 0), 0);
    mo_reset(h);
}

/* A mount in a thread of its own session. Once mounted, the medium is
 * released (a deferred dismount) at once, or, when `held`, only after
 * bg_release: until then the mount keeps its drive. */
typedef struct bg {
    pthread_t t;
    NTMS_GUID medium, drive;
    int priority;
    DWORD timeout;
    DWORD result;
    _Atomic int64_t done_ms;
    atomic_bool held;
} bg_t;

static void *bg_main(void *arg)
{
    bg_t *b = arg;
    HANDLE h = OpenNtmsSessionA(NULL, "test_mount_bg", 0);

    b->result = h == INVALID_HANDLE_VALUE ? ERROR_NOT_CONNECTED
                                          : mo_mount1(h, &b->medium, &b->drive, 0, b->priority, b->timeout);
    b->done_ms = mo_now_ms();
    for (int i = 0; i < LT_WAIT_MS / 10 && b->held; i++)
        lt_sleep_ms(10);
    if (b->result == 0)
        DismountNtmsMedia(h, &b->medium, 1, NTMS_DISMOUNT_DEFERRED);
    if (h != INVALID_HANDLE_VALUE)
        CloseNtmsSession(h);
    return NULL;
}

static void bg_start(bg_t *b, NTMS_GUID medium, int priority, DWORD timeout, bool held)
{
    memset(b, 0, sizeof *b);
    b->medium = medium;
    b->priority = priority;
    b->timeout = timeout;
    b->held = held;
    assert_int_equal(pthread_create(&b->t, NULL, bg_main, b), 0);
}

/* Wait (bounded) until b's mount has returned. */
static void bg_wait_done(bg_t *b)
{
    for (int i = 0; i < LT_WAIT_MS / 10 && b->done_ms == 0; i++)
        lt_sleep_ms(10);
    assert_true(b->done_ms != 0);
}

static void bg_release(bg_t *b)
{
    b->held = false;
}

/* Wait until `n` mount requests wait in the queue; their GUIDs, oldest
 * first, into out[]. */
static void wait_queued(HANDLE h, int n, NTMS_GUID *out)
{
    NTMS_GUID reqs[LT_MAX];

    for (int tries = 0; tries < LT_WAIT_MS / 20; tries++) {
        DWORD count = lt_list(h, NULL, NTMS_LIBREQUEST, reqs);
        int k = 0;
        for (DWORD i = 0; i < count; i++) {
            NTMS_OBJECTINFORMATIONA o;
            lt_get(h, &reqs[i], NTMS_LIBREQUEST, &o);
            if (o.Info.LibRequest.OperationCode == NTMS_LM_MOUNT && o.Info.LibRequest.State == NTMS_LM_QUEUED &&
                k < n)
                out[k++] = reqs[i];
        }
        if (k == n)
            return;
        lt_sleep_ms(20);
    }
    fail_msg("%d mounts did not queue", n);
}

static void test_priority_order(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = mo_tape(h, 1), b = mo_tape(h, 2), da, db, q[3];
    NTMS_OBJECTINFORMATIONA o;
    bg_t low, high, normal;
    DWORD order;

    assert_int_equal(mo_mount1(h, &a, &da, 0, 0, 10000), 0);
    assert_int_equal(mo_mount1(h, &b, &db, 0, 0, 10000), 0);
    bg_start(&low, mo_tape(h, 3), NTMS_PRIORITY_LOW, 20000, false);
    wait_queued(h, 1, q);
    bg_start(&normal, mo_tape(h, 4), NTMS_PRIORITY_NORMAL, 20000, false);
    wait_queued(h, 2, q);
    bg_start(&high, mo_tape(h, 5), NTMS_PRIORITY_HIGH, 20000, true);
    wait_queued(h, 3, q);
    /* each request says where it stands and why it waits */
    for (int i = 0; i < 3; i++) {
        lt_get(h, &q[i], NTMS_LIBREQUEST, &o);
        assert_int_equal(GetNtmsRequestOrder(h, &q[i], &order), 0);
        if (o.Info.LibRequest.dwPriority == (DWORD)NTMS_PRIORITY_HIGH)
            assert_int_equal(order, 1);
        else if (o.Info.LibRequest.dwPriority == (DWORD)NTMS_PRIORITY_NORMAL)
            assert_int_equal(order, 2);
        else
            assert_int_equal(order, 3);
        assert_non_null(strstr(o.szDescription, "waiting for a drive"));
    }
    /* one drive frees: the high one gets it (and keeps it), the others
     * still wait where they are */
    assert_int_equal(DismountNtmsMedia(h, &a, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    bg_wait_done(&high);
    assert_int_equal(high.result, 0);
    lt_sleep_ms(50);
    assert_int_equal(low.done_ms, 0);
    assert_int_equal(normal.done_ms, 0);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3));
    lt_assert_at(h, &mo_lib, mo_code(4), NTMS_STORAGESLOT, SLOT(4));
    assert_guid_equal(&high.drive, &da);
    lt_get(h, &da, NTMS_DRIVE, &o);
    lt_assert_at(h, &mo_lib, mo_code(5), NTMS_DRIVE, o.Info.Drive.Number);
    mo_placement(h);
    /* then normal (the high one leaves its medium deferred: it is evicted) */
    bg_release(&high);
    pthread_join(high.t, NULL);
    assert_int_equal(DismountNtmsMedia(h, &b, 1, NTMS_DISMOUNT_DEFERRED), 0);
    pthread_join(normal.t, NULL);
    assert_int_equal(normal.result, 0);
    pthread_join(low.t, NULL);
    assert_int_equal(low.result, 0);
    assert_true(high.done_ms <= normal.done_ms && normal.done_ms <= low.done_ms);
    mo_reset(h);
    for (unsigned i = 1; i <= 5; i++)
        lt_assert_at(h, &mo_lib, mo_code(i), NTMS_STORAGESLOT, SLOT(i));
}

static void test_reorder_and_cancel(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = mo_tape(h, 1), b = mo_tape(h, 2), da, db, q[2], bogus;
    NTMS_OBJECTINFORMATIONA o;
    bg_t first, second;
    DWORD order;

    memset(&bogus, 0x33, sizeof bogus);
    assert_int_equal(mo_mount1(h, &a, &da, 0, 0, 10000), 0);
    assert_int_equal(mo_mount1(h, &b, &db, 0, 0, 10000), 0);
    bg_start(&first, mo_tape(h, 3), 0, 20000, false);
    wait_queued(h, 1, q);
    bg_start(&second, mo_tape(h, 4), 0, 20000, false);
    wait_queued(h, 2, q);
    /* q[] is in enumeration order; find which is which by their order */
    assert_int_equal(GetNtmsRequestOrder(h, &q[0], &order), 0);
    if (order != 1) {
        NTMS_GUID t = q[0];
        q[0] = q[1];
        q[1] = t;
    }
    assert_int_equal(SetNtmsRequestOrder(h, &q[1], 1), 0);
    assert_int_equal(GetNtmsRequestOrder(h, &q[1], &order), 0);
    assert_int_equal(order, 1);
    assert_int_equal(GetNtmsRequestOrder(h, &q[0], &order), 0);
    assert_int_equal(order, 2);
    assert_int_equal(GetNtmsRequestOrder(h, &bogus, &order), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(SetNtmsRequestOrder(h, &q[0], 0), ERROR_INVALID_PARAMETER);
    /* cancel the one now second */
    assert_int_equal(CancelNtmsLibraryRequest(h, &q[0]), 0);
    pthread_join(first.t, NULL);
    assert_int_equal(first.result, ERROR_CANCELLED);
    lt_get(h, &q[0], NTMS_LIBREQUEST, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_CANCELLED);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3));
    mo_placement(h);
    assert_int_equal(CancelNtmsLibraryRequest(h, &q[0]), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(CancelNtmsLibraryRequest(h, &bogus), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(GetNtmsRequestOrder(h, &q[0], &order), 0);
    assert_int_equal(order, 0); /* finished: no order */
    /* a finished request can be deleted, an open one stays */
    assert_int_equal(DeleteNtmsRequests(h, q, NTMS_LIBREQUEST, 2), 0);
    assert_int_equal(lt_try_get(h, &q[0], NTMS_LIBREQUEST, &o), ERROR_OBJECT_NOT_FOUND);
    lt_get(h, &q[1], NTMS_LIBREQUEST, &o);
    assert_int_equal(DeleteNtmsRequests(h, q, 99, 1), ERROR_INVALID_PARAMETER);
    /* the other still gets its drive */
    assert_int_equal(DismountNtmsMedia(h, &a, 1, 0), 0);
    pthread_join(second.t, NULL);
    assert_int_equal(second.result, 0);
    assert_int_equal(DismountNtmsMedia(h, &b, 1, 0), 0);
    mo_reset(h);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3)); /* never moved */
}

static void test_timeouts(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = mo_tape(h, 1), b = mo_tape(h, 2), c = mo_tape(h, 3), da, db, dc, req;
    NTMS_OBJECTINFORMATIONA o;
    int64_t t0;

    assert_int_equal(mo_mount1(h, &a, &da, 0, 0, 10000), 0);
    assert_int_equal(mo_mount1(h, &b, &db, 0, 0, 10000), 0);
    t0 = mo_now_ms();
    assert_int_equal(mo_mount1(h, &c, &dc, 0, 0, 600), ERROR_TIMEOUT);
    assert_true(mo_now_ms() - t0 >= 500 && mo_now_ms() - t0 < 5000);
    assert_true(lt_last_request(h, &mo_lib, NTMS_LM_MOUNT, &req));
    lt_get(h, &req, NTMS_LIBREQUEST, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(o.Info.LibRequest.dwErrorCode, ERROR_TIMEOUT);
    t0 = mo_now_ms();
    assert_int_equal(mo_mount1(h, &c, &dc, NTMS_MOUNT_ERROR_NOT_AVAILABLE, 0, 10000), ERROR_BUSY);
    assert_int_equal(mo_mount1(h, &c, &dc, 0, 0, 0), ERROR_TIMEOUT);
    assert_true(mo_now_ms() - t0 < 1000);
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3));
    mo_placement(h);
    /* NOWAIT: answered once queued, mounted later */
    assert_int_equal(mo_mount1(h, &c, &dc, NTMS_MOUNT_NOWAIT, 0, 10000), 0);
    assert_int_equal(DismountNtmsMedia(h, &a, 1, 0), 0);
    assert_true(lt_last_request(h, &mo_lib, NTMS_LM_MOUNT, &req));
    lt_wait_request(h, &req, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(mo_media_state(h, &c), NTMS_MEDIASTATE_MOUNTED);
    assert_int_equal(DismountNtmsMedia(h, &b, 1, 0), 0);
    assert_int_equal(DismountNtmsMedia(h, &c, 1, 0), 0);
    mo_reset(h);
}

static void test_session_end_releases(void **state)
{
    HANDLE h = *state, other = OpenNtmsSessionA(NULL, "test_mount_other", 0);
    NTMS_GUID a = mo_tape(h, 6), d;
    NTMS_OBJECTINFORMATIONA o;

    assert_ptr_not_equal(other, INVALID_HANDLE_VALUE);
    assert_int_equal(mo_mount1(other, &a, &d, 0, 0, 10000), 0);
    assert_int_equal(CloseNtmsSession(other), 0);
    for (int i = 0; i < 100 && mo_media_state(h, &a) == NTMS_MEDIASTATE_MOUNTED; i++)
        lt_sleep_ms(20);
    assert_int_equal(mo_media_state(h, &a), NTMS_MEDIASTATE_LOADED);
    lt_get(h, &d, NTMS_DRIVE, &o);
    assert_int_equal(o.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTABLE);
    assert_int_equal(DismountNtmsDrive(h, &d), 0);
    mo_wait_drive_empty(h, o.Info.Drive.Number);
    lt_assert_at(h, &mo_lib, mo_code(6), NTMS_STORAGESLOT, SLOT(6));
    mo_placement(h);
}

/* A session that ends takes its queued NOWAIT mounts with it: nobody is
 * left to use or dismount what they would mount. */
static void test_session_end_cancels_nowait(void **state)
{
    HANDLE h = *state, other = OpenNtmsSessionA(NULL, "test_mount_other", 0);
    NTMS_GUID a = mo_tape(h, 1), b = mo_tape(h, 2), c = mo_tape(h, 3), da, db, dc, req;
    NTMS_OBJECTINFORMATIONA o;

    assert_ptr_not_equal(other, INVALID_HANDLE_VALUE);
    assert_int_equal(mo_mount1(h, &a, &da, 0, 0, 10000), 0);
    assert_int_equal(mo_mount1(h, &b, &db, 0, 0, 10000), 0);
    assert_int_equal(mo_mount1(other, &c, &dc, NTMS_MOUNT_NOWAIT, 0, 30000), 0);
    assert_true(lt_last_request(h, &mo_lib, NTMS_LM_MOUNT, &req));
    lt_wait_state(h, &req, NTMS_LM_QUEUED);
    assert_int_equal(CloseNtmsSession(other), 0);
    lt_wait_request(h, &req, &o);
    assert_int_equal(o.Info.LibRequest.State, NTMS_LM_CANCELLED);
    /* a drive frees: c stays where it is */
    assert_int_equal(DismountNtmsMedia(h, &a, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    mo_wait_drive_empty(h, mo_drive_number(h, &da));
    lt_sleep_ms(500); /* two ticks of the scheduler */
    lt_assert_at(h, &mo_lib, mo_code(3), NTMS_STORAGESLOT, SLOT(3));
    assert_int_equal(mo_media_state(h, &c), NTMS_MEDIASTATE_IDLE);
    assert_int_equal(DismountNtmsMedia(h, &b, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    mo_reset(h);
}

static void test_deferred_timer(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = mo_tape(h, 1), d;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(mo_mount1(h, &a, &d, 0, 0, 10000), 0);
    lt_get(h, &d, NTMS_DRIVE, &o);
    o.Info.Drive.dwDeferDismountDelay = 1;
    assert_int_equal(SetNtmsObjectInformationA(h, &d, &o), 0);
    assert_int_equal(DismountNtmsMedia(h, &a, 1, NTMS_DISMOUNT_DEFERRED), 0);
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_DRIVE, o.Info.Drive.Number);
    mo_wait_drive_empty(h, o.Info.Drive.Number); /* about a second later */
    lt_assert_at(h, &mo_lib, mo_code(1), NTMS_STORAGESLOT, SLOT(1));
    mo_placement(h);
    lt_get(h, &d, NTMS_DRIVE, &o);
    o.Info.Drive.dwDeferDismountDelay = 300;
    assert_int_equal(SetNtmsObjectInformationA(h, &d, &o), 0);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mount_by_each_id),
        cmocka_unit_test(test_mount_errors),
        cmocka_unit_test(test_two_at_once),
        cmocka_unit_test(test_deferred_reused),
        cmocka_unit_test(test_priority_order),
        cmocka_unit_test(test_reorder_and_cancel),
        cmocka_unit_test(test_timeouts),
        cmocka_unit_test(test_session_end_releases),
        cmocka_unit_test(test_session_end_cancels_nowait),
        cmocka_unit_test(test_deferred_timer),
    };
    return cmocka_run_group_tests(tests, mo_setup, lt_teardown);
}
