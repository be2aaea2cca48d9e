/*
 * test_cleaner.c - the drive cleaning calls through librsm against the
 * virtual library of tests/api/cleaner.conf (6 slots holding VT0001L8 and
 * VT0002L8, 2 drives, port 16): the checks each call makes first (handles,
 * pointers, actions, objects of the wrong kind), then a cleaner through its
 * whole life on a library whose drives cannot report (the cleaning is the
 * cleaner held in the drive for clean_hold): reserved slot, inject, two
 * cleanings counted, a busy cleaner, eject, release; a cleaning waiting
 * for a cleaner, cancelled, refused or answered without one. The tgtd test
 * (tests/integration/tgt_clean.c) covers exhaustion, operator requests
 * and TapeAlert.
 */
#include "libtest.h"

#include <string.h>

#define LIB "vlib"
#define CLEANER_SLOT 1005

static NTMS_GUID lib;

static NTMS_OBJECTINFORMATIONA library(HANDLE h)
{
    NTMS_OBJECTINFORMATIONA info;
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    return info;
}

static void test_argument_checks(void **state)
{
    HANDLE h = *state, bad = (HANDLE)(uintptr_t)0x5eed;
    NTMS_GUID any = {0}, op;

    lib = lt_library(h, LIB);
    lt_inventory(h, &lib);
    /* the handle first, whatever else is wrong */
    assert_int_equal(ReserveNtmsCleanerSlot(bad, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(ReleaseNtmsCleanerSlot(bad, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(InjectNtmsCleaner(bad, NULL, NULL, 0, 99), ERROR_INVALID_HANDLE);
    assert_int_equal(EjectNtmsCleaner(bad, NULL, NULL, 99), ERROR_INVALID_HANDLE);
    assert_int_equal(CleanNtmsDrive(bad, NULL), ERROR_INVALID_HANDLE);
    /* missing pointers, actions */
    assert_int_equal(ReleaseNtmsCleanerSlot(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(InjectNtmsCleaner(h, &lib, NULL, 1, NTMS_INJECT_START), ERROR_INVALID_PARAMETER);
    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, 1, NTMS_INJECT_RETRACT), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectNtmsCleaner(h, &lib, NULL, NTMS_EJECT_START), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_QUEUE), ERROR_INVALID_PARAMETER);
    /* objects of the wrong kind; the null GUID names none */
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &d1), ERROR_INVALID_LIBRARY);
    assert_int_equal(InjectNtmsCleaner(h, &d1, &op, 1, NTMS_INJECT_START), ERROR_INVALID_LIBRARY);
    assert_int_equal(EjectNtmsCleaner(h, &d1, &op, NTMS_EJECT_START), ERROR_INVALID_LIBRARY);
    assert_int_equal(CleanNtmsDrive(h, &lib), ERROR_INVALID_DRIVE);
    assert_int_equal(CleanNtmsDrive(h, &any), ERROR_INVALID_DRIVE);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &any), ERROR_INVALID_PARAMETER);
    /* the offline library */
    NTMS_GUID off = lt_offline(h);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &off), ERROR_LIBRARY_OFFLINE);
    /* STOP of nothing */
    assert_int_equal(InjectNtmsCleaner(h, &lib, &d1, 1, NTMS_INJECT_STOP), ERROR_INVALID_OPERATION);
    assert_int_equal(EjectNtmsCleaner(h, &lib, &d1, NTMS_EJECT_STOP), ERROR_INVALID_OPERATION);
}

static void test_cleaner_life(void **state)
{
    HANDLE h = *state;
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, CLEANER_SLOT);
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), op, req, m;
    NTMS_OBJECTINFORMATIONA info;
    DWORD count, size = sizeof count;

    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &slot), ERROR_SUCCESS);
    /* through the port into the reserved slot, though the lowest empty
     * slot is another */
    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, 10, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_insert(lt_root(LIB), LT_PORT1, "CLN001L1");
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, "CLN001L1", NTMS_STORAGESLOT, CLEANER_SLOT);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 10);

    /* data cartridges never go to the cleaner slot */
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_insert(lt_root(LIB), LT_PORT1, "VT0009L8");
    lt_wait_request(h, &op, &info);
    lt_assert_at(h, &lib, "VT0009L8", NTMS_STORAGESLOT, LT_SLOT1 + 2);

    /* two cleanings of one drive; the drive holds the cleaner for
     * clean_hold, shows BEING_CLEANED meanwhile, then has it back */
    for (DWORD n = 1; n <= 2; n++) {
        assert_int_equal(CleanNtmsDrive(h, &d1), ERROR_SUCCESS);
        assert_true(lt_last_request(h, &lib, NTMS_LM_CLEANDRIVE, &req));
        for (int i = 0; i < LT_WAIT_MS / 20 && lt_element_state(h, &lib, NTMS_DRIVE, LT_DRIVE1) !=
                                                  NTMS_DRIVESTATE_BEING_CLEANED; i++)
            lt_sleep_ms(20);
        lt_assert_at(h, &lib, "CLN001L1", NTMS_DRIVE, LT_DRIVE1);
        assert_true(lt_medium(h, "CLN001L1", &m));
        /* busy: it is in a drive */
        assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_BUSY);
        lt_wait_request(h, &req, &info);
        assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
        assert_int_equal(GetNtmsObjectAttributeA(h, &d1, NTMS_DRIVE, "RSM_CleanCount", &count, &size), 0);
        assert_int_equal(count, n);
        assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 10 - n);
        lt_assert_at(h, &lib, "CLN001L1", NTMS_STORAGESLOT, CLEANER_SLOT);
    }
    lt_get(h, &d1, NTMS_DRIVE, &info);
    assert_int_equal(info.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
    assert_true(info.Info.Drive.LastCleanedTs.wYear >= 2024);

    /* out through the port, and gone from the database */
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_remove(lt_root(LIB), LT_PORT1);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_false(lt_medium(h, "CLN001L1", &m));
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 0);
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_EMPTY);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &lib), ERROR_SUCCESS);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &lib), ERROR_CLEANER_SLOT_NOT_SET);
}

/* The open operator request for a cleaner of the library, if any. */
static int cleaner_opreq(HANDLE h, NTMS_GUID *out)
{
    NTMS_GUID v[LT_MAX];
    DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, v);

    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        lt_get(h, &v[i], NTMS_OPREQUEST, &o);
        if (o.Info.OpRequest.Request == NTMS_OPREQ_CLEANER && o.Info.OpRequest.State == NTMS_OPSTATE_SUBMITTED &&
            memcmp(&o.Info.OpRequest.Arg1, &lib, sizeof lib) == 0) {
            *out = v[i];
            return 1;
        }
    }
    return 0;
}

/* A cleaning of drive 2 that waits for a cleaner (there is none). */
static NTMS_GUID waiting_cleaning(HANDLE h)
{
    NTMS_GUID d2 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1 + 1), req;

    assert_int_equal(CleanNtmsDrive(h, &d2), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_CLEANDRIVE, &req));
    lt_wait_state(h, &req, NTMS_LM_WAITING);
    return req;
}

/* Without a cleaner a cleaning waits for one, and the operator is asked:
 * it ends when the request is cancelled, the operator refuses, or says
 * done while there is still no cleaner. */
static void test_waiting_for_a_cleaner(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d2 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1 + 1), req, op;
    NTMS_OBJECTINFORMATIONA info;

    req = waiting_cleaning(h);
    assert_true(cleaner_opreq(h, &op));
    lt_get(h, &op, NTMS_OPREQUEST, &info);
    assert_non_null(strstr(info.Info.OpRequest.szMessage, "no usable cleaner"));
    assert_int_equal(CancelNtmsLibraryRequest(h, &req), ERROR_SUCCESS);
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_int_equal(CancelNtmsLibraryRequest(h, &req), ERROR_OBJECT_NOT_FOUND);

    /* the operator refuses: the waiting cleaning is cancelled */
    req = waiting_cleaning(h);
    assert_true(cleaner_opreq(h, &op));
    assert_int_equal(CancelNtmsOperatorRequest(h, &op), ERROR_SUCCESS);
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_CANCELLED);

    /* the operator says done, but no cleaner came */
    req = waiting_cleaning(h);
    assert_true(cleaner_opreq(h, &op));
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &op), ERROR_SUCCESS);
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_UNABLE_TO_CLEAN);
    lt_get(h, &d2, NTMS_DRIVE, &info);
    assert_int_equal(info.Info.Drive.LastCleanedTs.wYear, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argument_checks),
        cmocka_unit_test(test_cleaner_life),
        cmocka_unit_test(test_waiting_for_a_cleaner),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
