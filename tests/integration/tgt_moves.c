/*
 * tgt_moves.c - moves against a real SCSI library, each step checked with
 * the placement cross-check (placement.h): a private tgtd (tgt-lib layout
 * --slots 20 --tapes 10 --drives 2 --ports 2) that rsmd runs as library
 * "tgt" (test_moves.sh).
 *
 *   tgt_moves TGT_LIB DIR RAW_RES
 *
 * An eject from a drive (loaded behind rsmd's back: it is dismounted
 * first), an eject from a slot, MOVEs into a port and into a slot the
 * operator filled behind rsmd's back (the library refuses them:
 * destination full, 3B/0D, ERROR_RESOURCE_NOT_AVAILABLE), and injects into
 * a full library. Runs as run-rsmd.sh's command.
 */
#include "../api/libtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"

#define SLOTS 20

static const char *tgt_lib, *dir, *raw_res;
static char url[512];
static NTMS_GUID lib;

/* A tgt-lib subcommand on our instance (the operator), or raw-res. */
static void run(const char *tool, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(const char *tool, const char *fmt, ...)
{
    char args[512], cmd[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s >/dev/null", tool, args);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

static void placement(HANDLE h)
{
    assert_int_equal(placement_check(h, &lib, raw_res, url), 0);
}

static DWORD request_of(HANDLE h, const NTMS_GUID *req, NTMS_OBJECTINFORMATIONA *info)
{
    lt_wait_request(h, req, info);
    return info->Info.LibRequest.State;
}

static void test_start(void **state)
{
    HANDLE h = *state;

    lib = lt_library(h, "tgt");
    lt_inventory(h, &lib);
    placement(h);
}

/* VL0003L6 goes from slot 1002 into drive 256 behind rsmd's back; the
 * eject dismounts it (back to slot 1002) and moves it to a port. */
static void test_eject_from_drive(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    run(raw_res, "'%s' --move 1002 %u --one-way", url, LT_DRIVE1);
    /* the cross-check sees what rsmd does not know yet: slot 1002 empty,
     * drive 256 full */
    assert_true(placement_check(h, &lib, raw_res, url) >= 2);
    lt_inventory(h, &lib);
    placement(h);
    lt_assert_at(h, &lib, "VL0003L6", NTMS_DRIVE, LT_DRIVE1);

    assert_true(lt_medium(h, "VL0003L6", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_assert_at(h, &lib, "VL0003L6", NTMS_IEPORT, LT_PORT1);
    assert_int_equal(lt_element_state(h, &lib, NTMS_DRIVE, LT_DRIVE1), NTMS_DRIVESTATE_DISMOUNTED);
    placement(h);

    run(tgt_lib, "clear '%s' --port %u", dir, LT_PORT1);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_PASSED);
    assert_false(lt_medium(h, "VL0003L6", &m));
    placement(h);
}

/* IMMEDIATE answers once the medium is in its port. */
static void test_eject_from_slot(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    assert_true(lt_medium(h, "VL0002L6", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_IMMEDIATE), ERROR_SUCCESS);
    lt_assert_at(h, &lib, "VL0002L6", NTMS_IEPORT, LT_PORT1);
    placement(h);
    run(tgt_lib, "clear '%s' --port %u", dir, LT_PORT1);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_PASSED);
    placement(h);
}

/* rsmd believes port 16 empty; the operator has just put a cartridge in
 * it. The MOVE MEDIUM of the eject meets a full destination (3B/0D). */
static void test_move_to_full_port(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    run(tgt_lib, "put '%s' --port %u --barcode OP0001L6", dir, LT_PORT1);
    assert_true(lt_medium(h, "VL0004L6", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_RESOURCE_NOT_AVAILABLE);
    /* refused: the medium stays where it was */
    lt_assert_at(h, &lib, "VL0004L6", NTMS_STORAGESLOT, 1003);

    lt_inventory(h, &lib);
    placement(h);
    lt_assert_at(h, &lib, "OP0001L6", NTMS_IEPORT, LT_PORT1);
    run(tgt_lib, "clear '%s' --port %u", dir, LT_PORT1);
    lt_inventory(h, &lib);
    placement(h);
}

/* Where a dismount of medium `bar_code` will put it: its home slot when
 * that is empty, else the lowest empty slot (dismount.c). */
static DWORD dismount_target(HANDLE h, const char *bar_code)
{
    NTMS_GUID m;
    NTMS_OBJECTINFORMATIONA info, home;

    assert_true(lt_medium(h, bar_code, &m));
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    if (lt_try_get(h, &info.Info.PhysicalMedia.HomeSlot, NTMS_STORAGESLOT, &home) == ERROR_SUCCESS &&
        home.Info.StorageSlot.State == NTMS_SLOTSTATE_EMPTY)
        return home.Info.StorageSlot.Number;
    return lt_first_empty_slot(h, &lib);
}

/* VL0007L6 is in drive 257 (behind rsmd's back); the operator fills the
 * slot its dismount would go to. The eject fails on that MOVE; once an
 * inventory has seen the slot, the next eject finds another. */
static void test_dismount_into_full_slot(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;
    DWORD target;

    run(raw_res, "'%s' --move 1006 %u --one-way", url, LT_DRIVE1 + 1);
    lt_inventory(h, &lib);
    placement(h);
    lt_assert_at(h, &lib, "VL0007L6", NTMS_DRIVE, LT_DRIVE1 + 1);
    target = dismount_target(h, "VL0007L6");
    assert_int_not_equal(target, 0);
    run(tgt_lib, "put '%s' --slot %u --barcode OP0002L6", dir, (unsigned)target);

    assert_true(lt_medium(h, "VL0007L6", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_RESOURCE_NOT_AVAILABLE);
    lt_assert_at(h, &lib, "VL0007L6", NTMS_DRIVE, LT_DRIVE1 + 1);
    lt_inventory(h, &lib);
    placement(h);

    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_assert_at(h, &lib, "VL0007L6", NTMS_IEPORT, LT_PORT1);
    placement(h);
    run(tgt_lib, "clear '%s' --port %u", dir, LT_PORT1);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_PASSED);
    placement(h);
}

/* Every slot full: an inject is refused at once. The slots rsmd shows
 * empty are those the library has empty (the last placement check). */
static void test_inject_full_library(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op;
    unsigned filled = 0;

    for (unsigned a = LT_SLOT1; a < LT_SLOT1 + SLOTS; a++)
        if (lt_element_state(h, &lib, NTMS_STORAGESLOT, a) == NTMS_SLOTSTATE_EMPTY)
            run(tgt_lib, "put '%s' --slot %u --barcode FL%04uL6", dir, a, ++filled);
    assert_true(filled > 0);
    lt_inventory(h, &lib);
    placement(h);
    assert_int_equal(lt_first_empty_slot(h, &lib), 0);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_LIBRARY_FULL);
}

/* One free slot, two cartridges in the ports: one goes in, the other stays
 * in its port and the request fails with ERROR_LIBRARY_FULL. */
static void test_inject_one_slot_short(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op, m;
    NTMS_OBJECTINFORMATIONA info;

    run(tgt_lib, "clear '%s' --slot 1019", dir);
    lt_inventory(h, &lib);
    placement(h);
    run(tgt_lib, "put '%s' --port %u --barcode IN0001L6", dir, LT_PORT1);
    run(tgt_lib, "put '%s' --port %u --barcode IN0002L6", dir, LT_PORT2);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    assert_int_equal(request_of(h, &op, &info), NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_LIBRARY_FULL);
    placement(h);
    /* the lower port's cartridge went to the one free slot */
    lt_assert_at(h, &lib, "IN0001L6", NTMS_STORAGESLOT, 1019);
    lt_assert_at(h, &lib, "IN0002L6", NTMS_IEPORT, LT_PORT2);
    assert_true(lt_medium(h, "IN0002L6", &m));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start),
        cmocka_unit_test(test_eject_from_drive),
        cmocka_unit_test(test_eject_from_slot),
        cmocka_unit_test(test_move_to_full_port),
        cmocka_unit_test(test_dismount_into_full_slot),
        cmocka_unit_test(test_inject_full_library),
        cmocka_unit_test(test_inject_one_slot_short),
    };

    if (argc != 4) {
        fprintf(stderr, "usage: tgt_moves TGT_LIB DIR RAW_RES\n");
        return 2;
    }
    tgt_lib = argv[1];
    dir = argv[2];
    raw_res = argv[3];
    if (placement_changer_url(dir, url, sizeof url) != 0) {
        fprintf(stderr, "tgt_moves: no changer URL in %s/urls\n", dir);
        return 2;
    }
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
