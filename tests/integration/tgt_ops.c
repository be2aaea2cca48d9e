/*
 * tgt_ops.c - the library operations against a real SCSI library: a
 * private tgtd (tests/tgt/tgt-lib, layout --slots 20 --tapes 10 --drives 2
 * --ports 2) that rsmd runs as library "tgt" (test_library_ops.sh).
 *
 *   tgt_ops TGT_LIB DIR RAW_RES
 *
 * Inventory, a cartridge moved behind rsmd's back, inject, eject, the door
 * and slot identification, each checked against where the library's
 * element status puts every cartridge (the tgt-lib "operator" puts
 * cartridges into mailslots and takes them out): after every step the
 * placement cross-check (placement.h) compares all of rsmd's objects with
 * the element status raw-res reads. Runs as run-rsmd.sh's command; cmocka
 * output.
 */
#include "../api/libtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"

static const char *tgt_lib, *dir, *raw_res;
static char url[512];
static NTMS_GUID lib;

/* The operator at the library: a tgt-lib subcommand on our instance. */
static void operator(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void operator(const char *fmt, ...)
{
    char args[512], cmd[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s >/dev/null", tgt_lib, args);
    if (system(cmd) != 0)
        fail_msg("operator: %s failed", cmd);
}

static void placement(HANDLE h)
{
    assert_int_equal(placement_check(h, &lib, raw_res, url), 0);
}

static void wait_last(HANDLE h, DWORD op, DWORD state)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID req;

    assert_true(lt_last_request(h, &lib, op, &req));
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, state);
}

static void test_inventory(void **state)
{
    HANDLE h = *state;
    char bc[16];

    lib = lt_library(h, "tgt");
    lt_inventory(h, &lib);
    for (unsigned i = 0; i < 10; i++) {
        snprintf(bc, sizeof bc, "VL%04uL6", i + 1);
        lt_assert_at(h, &lib, bc, NTMS_STORAGESLOT, LT_SLOT1 + i);
    }
    placement(h);
    /* moved behind rsmd's back: found where it is now */
    operator("move-behind '%s' 1009 1015 --barcode VL0010L6", dir);
    lt_inventory(h, &lib);
    lt_assert_at(h, &lib, "VL0010L6", NTMS_STORAGESLOT, 1015);
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, 1009), NTMS_SLOTSTATE_EMPTY);
    placement(h);
}

static void test_inject(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op;
    NTMS_OBJECTINFORMATIONA info;
    DWORD slot = lt_first_empty_slot(h, &lib);

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    placement(h);
    operator("put '%s' --port %u --barcode VL0100L6", dir, LT_PORT1);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, "VL0100L6", NTMS_STORAGESLOT, slot);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    placement(h);
}

static void test_eject(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    assert_true(lt_medium(h, "VL0001L6", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_assert_at(h, &lib, "VL0001L6", NTMS_IEPORT, LT_PORT1);
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, LT_SLOT1), NTMS_SLOTSTATE_EMPTY);
    placement(h);
    operator("clear '%s' --port %u", dir, LT_PORT1);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    /* an unrecognized medium leaves the database when ejected */
    assert_false(lt_medium(h, "VL0001L6", &m));
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    placement(h);
}

static void test_door(void **state)
{
    HANDLE h = *state;
    NTMS_GUID door = lt_element(h, &lib, NTMS_IEDOOR, 1);
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, &door, NTMS_IEDOOR, &info);
    info.Info.IEDoor.MaxOpenSecs = 1;
    assert_int_equal(SetNtmsObjectInformationA(h, &door, &info), ERROR_SUCCESS);
    assert_int_equal(AccessNtmsLibraryDoor(h, &lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    operator("put '%s' --slot 1019 --barcode VL0200L6", dir); /* through the open door */
    wait_last(h, NTMS_LM_DOORACCESS, NTMS_LM_PASSED);
    lt_get(h, &door, NTMS_IEDOOR, &info);
    assert_int_equal(info.Info.IEDoor.State, NTMS_DOORSTATE_CLOSED);
    lt_assert_at(h, &lib, "VL0200L6", NTMS_STORAGESLOT, 1019);
    placement(h);
}

static void test_identify(void **state)
{
    HANDLE h = *state;
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, 1018);

    operator("put '%s' --slot 1018 --barcode VL0300L6", dir);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
    lt_assert_at(h, &lib, "VL0300L6", NTMS_STORAGESLOT, 1018);
    wait_last(h, NTMS_LM_CLASSIFY, NTMS_LM_PASSED);
    placement(h);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inventory),
        cmocka_unit_test(test_inject),
        cmocka_unit_test(test_eject),
        cmocka_unit_test(test_door),
        cmocka_unit_test(test_identify),
    };

    if (argc != 4) {
        fprintf(stderr, "usage: tgt_ops TGT_LIB DIR RAW_RES\n");
        return 2;
    }
    tgt_lib = argv[1];
    dir = argv[2];
    raw_res = argv[3];
    if (placement_changer_url(dir, url, sizeof url) != 0) {
        fprintf(stderr, "tgt_ops: no changer URL in %s/urls\n", dir);
        return 2;
    }
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
