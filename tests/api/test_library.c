/*
 * test_library.c - the library operations against a private rsmd running
 * the virtual library of tests/api/library.conf (8 slots holding VT0001L8
 * to VT0004L8, 2 drives, ports 16 and 17, no polling behind our back):
 * inventory, inject, eject, the door and slot identification, each checked
 * against where the library's own directory says every cartridge is, and
 * the library requests each one leaves.
 *
 * The tests run in order on one service; each leaves the library's ports
 * empty for the next.
 */
#include "libtest.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define LIB "vlib"

static NTMS_GUID lib;

static void wait_last(HANDLE h, DWORD op, DWORD state, NTMS_OBJECTINFORMATIONA *out)
{
    NTMS_GUID req;

    assert_true(lt_last_request(h, &lib, op, &req));
    lt_wait_request(h, &req, out);
    assert_int_equal(out->Info.LibRequest.State, state);
}

static int exists(const char *rel)
{
    char path[4096];
    struct stat sb;

    snprintf(path, sizeof path, "%s/%s", lt_root(LIB), rel);
    return lstat(path, &sb) == 0;
}

/* --- inventory ---------------------------------------------------------------- */

static void test_inventory_finds_cartridges(void **state)
{
    HANDLE h = *state;
    NTMS_GUID off, reqs[LT_MAX], m;
    NTMS_OBJECTINFORMATIONA info;
    DWORD before;

    lib = lt_library(h, LIB);
    lt_inventory(h, &lib);
    for (unsigned i = 0; i < 4; i++) {
        char bc[16];
        snprintf(bc, sizeof bc, "VT%04uL8", i + 1);
        lt_assert_at(h, &lib, bc, NTMS_STORAGESLOT, LT_SLOT1 + i);
        assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, LT_SLOT1 + i), NTMS_SLOTSTATE_FULL);
    }
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, LT_SLOT1 + 4), NTMS_SLOTSTATE_EMPTY);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    assert_int_equal(info.Info.Library.dwNumberOfMedia, 4);

    /* The request says who asked and how it ended. */
    wait_last(h, NTMS_LM_INVENTORY, NTMS_LM_PASSED, &info);
    assert_string_equal(info.Info.LibRequest.szApplication, "test_library");
    assert_guid_equal(&info.Info.LibRequest.Library, &lib);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, 0);
    assert_true(info.Info.LibRequest.TimeCompleted.wYear >= info.Info.LibRequest.TimeQueued.wYear);
    assert_true(info.Info.LibRequest.TimeQueued.wYear >= 2024);

    /* Every method; NONE queues nothing. */
    static const DWORD methods[] = {NTMS_INVENTORY_SLOT, NTMS_INVENTORY_OMID, NTMS_INVENTORY_DEFAULT};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        assert_int_equal(InventoryNtmsLibrary(h, &lib, methods[i]), ERROR_SUCCESS);
        wait_last(h, NTMS_LM_INVENTORY, NTMS_LM_PASSED, &info);
        assert_int_equal(info.Info.LibRequest.OperationOption, methods[i] == NTMS_INVENTORY_SLOT);
    }
    before = lt_list(h, &lib, NTMS_LIBREQUEST, reqs);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_NONE), ERROR_SUCCESS);
    assert_int_equal(lt_list(h, &lib, NTMS_LIBREQUEST, reqs), before);
    lt_assert_at(h, &lib, "VT0004L8", NTMS_STORAGESLOT, LT_SLOT1 + 3);

    /* The offline library and objects that are no library. */
    off = lt_offline(h);
    assert_int_equal(InventoryNtmsLibrary(h, &off, NTMS_INVENTORY_FAST), ERROR_INVALID_LIBRARY);
    assert_true(lt_medium(h, "VT0001L8", &m));
    assert_int_equal(InventoryNtmsLibrary(h, &m, NTMS_INVENTORY_FAST), ERROR_INVALID_LIBRARY);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_MAX), ERROR_INVALID_PARAMETER);
    assert_int_equal(InventoryNtmsLibrary(h, NULL, NTMS_INVENTORY_FAST), ERROR_INVALID_PARAMETER);
    /* STOP with nothing to stop is not an error. */
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_STOP), ERROR_SUCCESS);
}

/* A cartridge moved by hand is found where it now is, and back. */
static void test_inventory_finds_moves(void **state)
{
    HANDLE h = *state;

    lt_hand_move(lt_root(LIB), "slots/1003", "slots/1007");
    lt_inventory(h, &lib);
    lt_assert_at(h, &lib, "VT0004L8", NTMS_STORAGESLOT, 1007);
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, 1003), NTMS_SLOTSTATE_EMPTY);
    lt_hand_move(lt_root(LIB), "slots/1007", "slots/1003");
    lt_inventory(h, &lib);
    lt_assert_at(h, &lib, "VT0004L8", NTMS_STORAGESLOT, 1003);
}

/* --- inject ----------------------------------------------------------------- */

static void test_inject(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op, bogus;
    NTMS_OBJECTINFORMATIONA info;
    DWORD slot = lt_first_empty_slot(h, &lib);

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    assert_true(exists("ports/16.open"));
    lt_insert(lt_root(LIB), LT_PORT1, "VT0100L8");
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(info.Info.LibRequest.OperationCode, NTMS_LM_INJECT);

    /* In the lowest empty slot, for the database and for the library. */
    lt_assert_at(h, &lib, "VT0100L8", NTMS_STORAGESLOT, slot);
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, slot), NTMS_SLOTSTATE_FULL);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    assert_false(exists("ports/16"));
    assert_false(exists("ports/16.open"));

    /* The operation is over; unknown operations are refused. */
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_INVALID_OPERATION);
    memset(&bogus, 0x5a, sizeof bogus);
    assert_int_equal(InjectNtmsMedia(h, &lib, &bogus, NTMS_INJECT_RETRACT), ERROR_INVALID_OPERATION);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STARTMANY + 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(InjectNtmsMedia(h, &lib, NULL, NTMS_INJECT_START), ERROR_INVALID_PARAMETER);
    assert_int_equal(InjectNtmsMedia(NULL, &lib, &op, NTMS_INJECT_START), ERROR_INVALID_HANDLE);
}

/* STARTMANY imports what arrives and keeps the ports open. */
static void test_inject_many(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op, m;
    NTMS_OBJECTINFORMATIONA info;
    DWORD slot = lt_first_empty_slot(h, &lib);
    unsigned waited;

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STARTMANY), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_insert(lt_root(LIB), LT_PORT2, "VT0101L8");
    for (waited = 0; waited < LT_WAIT_MS && !lt_medium(h, "VT0101L8", &m); waited += 20)
        lt_sleep_ms(20);
    lt_wait_state(h, &op, NTMS_LM_WAITING); /* ready for more */
    lt_assert_at(h, &lib, "VT0101L8", NTMS_STORAGESLOT, slot);
    assert_true(exists("ports/17.open"));
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_RETRACT), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(info.Info.LibRequest.OperationOption, 4 /* INJECTMANY */);
    assert_false(exists("ports/17.open"));
}

/* While an inject holds the library, an inventory waits in the queue, and
 * STOP cancels it there. */
static void test_inventory_stop(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op, inv;
    NTMS_OBJECTINFORMATIONA info;

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_INVENTORY, &inv));
    lt_get(h, &inv, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_QUEUED);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_STOP), ERROR_SUCCESS);
    lt_get(h, &inv, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
}

/* --- eject ------------------------------------------------------------------- */

/* Out through a port; the operator takes it; an unrecognized medium then
 * leaves the database, as the reference says. */
static void test_eject_from_slot(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    assert_true(lt_medium(h, "VT0001L8", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_get(h, &op, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.OperationCode, NTMS_LM_EJECT);
    assert_guid_equal(&info.Info.LibRequest.PhysMediaId, &m);
    lt_assert_at(h, &lib, "VT0001L8", NTMS_IEPORT, LT_PORT1);
    assert_int_equal(lt_element_state(h, &lib, NTMS_STORAGESLOT, LT_SLOT1), NTMS_SLOTSTATE_EMPTY);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_FULL);
    assert_true(exists("ports/16"));
    assert_false(exists("slots/1000"));
    lt_remove(lt_root(LIB), LT_PORT1);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    /* gone from the database, and so from the request's record */
    assert_int_equal(lt_try_get(h, &m, NTMS_PHYSICAL_MEDIA, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    assert_false(exists("ports/16.open"));
}

/* A medium in a drive is dismounted first; IMMEDIATE returns once it is
 * in the port. */
static void test_eject_from_drive(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op;
    NTMS_OBJECTINFORMATIONA info;

    lt_hand_move(lt_root(LIB), "slots/1001", "drives/1/tape");
    lt_inventory(h, &lib);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_DRIVE, LT_DRIVE1);
    assert_true(lt_medium(h, "VT0002L8", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_IMMEDIATE), ERROR_SUCCESS);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_IEPORT, LT_PORT1);
    assert_false(exists("drives/1/tape"));
    assert_int_equal(lt_element_state(h, &lib, NTMS_DRIVE, LT_DRIVE1), NTMS_DRIVESTATE_DISMOUNTED);
    assert_true(exists("ports/16.open"));
    /* Left in the port: a STOP closes it, the medium stays in the library. */
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_IEPORT, LT_PORT1);
    assert_false(exists("ports/16.open"));
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_STOP), ERROR_INVALID_OPERATION);

    /* An inject brings it back into a slot. */
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_RETRACT), ERROR_INVALID_OPERATION);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_RETRACT), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_STORAGESLOT, LT_SLOT1);
}

/* QUEUE builds one batch; START without a medium runs it; more media than
 * ports is ERROR_BUSY. */
static void test_eject_queue(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a, b, c, op1, op2, op;
    NTMS_OBJECTINFORMATIONA info;

    assert_true(lt_medium(h, "VT0003L8", &a));
    assert_true(lt_medium(h, "VT0004L8", &b));
    assert_true(lt_medium(h, "VT0100L8", &c));
    assert_int_equal(EjectNtmsMedia(h, &a, &op1, NTMS_EJECT_QUEUE), ERROR_SUCCESS);
    assert_int_equal(EjectNtmsMedia(h, &b, &op2, NTMS_EJECT_QUEUE), ERROR_SUCCESS);
    assert_guid_equal(&op1, &op2);
    lt_get(h, &op1, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_QUEUED);
    assert_int_equal(EjectNtmsMedia(h, &c, NULL, NTMS_EJECT_QUEUE), ERROR_BUSY);
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    assert_guid_equal(&op, &op1);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_assert_at(h, &lib, "VT0003L8", NTMS_IEPORT, LT_PORT1);
    lt_assert_at(h, &lib, "VT0004L8", NTMS_IEPORT, LT_PORT2);
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);

    /* Both still in the ports: back in with one inject. */
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info); /* both ports full: it imports at once */
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_EMPTY);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT2), NTMS_PORTCONTENT_EMPTY);
    lt_get(h, &a, NTMS_PHYSICAL_MEDIA, &info);
    assert_int_equal(info.Info.PhysicalMedia.LocationType, NTMS_STORAGESLOT);
}

static void test_eject_errors(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, op, off = lt_offline(h);
    NTMS_OBJECTINFORMATIONA info;

    NTMS_OBJECTINFORMATIONA slot;
    char rel[32];

    assert_true(lt_medium(h, "VT0101L8", &m));
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_int_equal(info.Info.PhysicalMedia.LocationType, NTMS_STORAGESLOT);
    lt_get(h, &info.Info.PhysicalMedia.Location, NTMS_STORAGESLOT, &slot);
    snprintf(rel, sizeof rel, "slots/%u", (unsigned)slot.Info.StorageSlot.Number);

    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START + 6), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectNtmsMedia(h, &lib, &op, NTMS_EJECT_START), ERROR_INVALID_MEDIA);
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_QUEUE), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectNtmsMedia(h, &m, NULL, NTMS_EJECT_START), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectNtmsMedia(h, NULL, &op, NTMS_EJECT_START), ERROR_INVALID_PARAMETER);

    /* disabled medium */
    assert_int_equal(DisableNtmsObject(h, NTMS_PHYSICAL_MEDIA, &m), ERROR_SUCCESS);
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_MEDIA_NOT_AVAILABLE);
    assert_int_equal(EnableNtmsObject(h, NTMS_PHYSICAL_MEDIA, &m), ERROR_SUCCESS);

    /* A cartridge taken out by hand is offline: it cannot be ejected. */
    lt_hand_move(lt_root(LIB), rel, NULL);
    lt_inventory(h, &lib);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_LIBRARY_OFFLINE);
}

/* --- the door ---------------------------------------------------------------- */

static void test_door(void **state)
{
    HANDLE h = *state;
    NTMS_GUID door = lt_element(h, &lib, NTMS_IEDOOR, 1), req, off = lt_offline(h);
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, &door, NTMS_IEDOOR, &info);
    assert_int_equal(info.Info.IEDoor.State, NTMS_DOORSTATE_CLOSED);
    info.Info.IEDoor.MaxOpenSecs = 1; /* the test's operator is quick */
    assert_int_equal(SetNtmsObjectInformationA(h, &door, &info), ERROR_SUCCESS);

    assert_int_equal(AccessNtmsLibraryDoor(h, &lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_DOORACCESS, &req));
    lt_wait_state(h, &req, NTMS_LM_WAITING);
    lt_get(h, &door, NTMS_IEDOOR, &info);
    assert_int_equal(info.Info.IEDoor.State, NTMS_DOORSTATE_OPEN);
    assert_false(exists("door-locked"));
    lt_insert(lt_root(LIB), LT_PORT1, "VT0200L8"); /* the operator's hand inside */
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_get(h, &door, NTMS_IEDOOR, &info);
    assert_int_equal(info.Info.IEDoor.State, NTMS_DOORSTATE_CLOSED);
    assert_true(exists("door-locked"));
    /* The inventory that followed found the new cartridge. */
    lt_assert_at(h, &lib, "VT0200L8", NTMS_IEPORT, LT_PORT1);
    /* Locked again: the front panel is closed to the operator. */
    assert_int_equal(lt_try_insert(lt_root(LIB), LT_PORT2, "VT0201L8"), ERROR_ACCESS_DENIED);

    assert_int_equal(AccessNtmsLibraryDoor(h, &off, NTMS_INVENTORY_NONE), ERROR_LIBRARY_OFFLINE);
    assert_int_equal(AccessNtmsLibraryDoor(h, &lib, NTMS_INVENTORY_STOP), ERROR_INVALID_PARAMETER);
    assert_int_equal(AccessNtmsLibraryDoor(h, &lib, NTMS_INVENTORY_MAX), ERROR_INVALID_PARAMETER);
    assert_int_equal(AccessNtmsLibraryDoor(h, NULL, NTMS_INVENTORY_NONE), ERROR_INVALID_PARAMETER);
}

/* --- IdentifyNtmsSlot ---------------------------------------------------------- */

static void test_identify_slot(void **state)
{
    HANDLE h = *state;
    DWORD number = lt_first_empty_slot(h, &lib);
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, number), port, req;
    NTMS_OBJECTINFORMATIONA info;
    char rel[32];

    /* An empty slot: success, and no new medium. */
    assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
    /* The operator's cartridge put straight into that slot is identified
     * by the time the call returns. */
    snprintf(rel, sizeof rel, "slots/%u", (unsigned)number);
    lt_hand_move(lt_root(LIB), "ports/16", rel);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, 0), ERROR_SUCCESS);
    lt_assert_at(h, &lib, "VT0200L8", NTMS_STORAGESLOT, number);
    assert_true(lt_last_request(h, &lib, NTMS_LM_CLASSIFY, &req));
    lt_get(h, &req, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_guid_equal(&info.Info.LibRequest.SlotId, &slot);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_DEFERRED), ERROR_SUCCESS);

    port = lt_element(h, &lib, NTMS_IEPORT, LT_PORT1);
    assert_int_equal(IdentifyNtmsSlot(h, &port, 0), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, 3), ERROR_INVALID_PARAMETER);
    assert_int_equal(IdentifyNtmsSlot(h, NULL, 0), ERROR_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inventory_finds_cartridges),
        cmocka_unit_test(test_inventory_finds_moves),
        cmocka_unit_test(test_inject),
        cmocka_unit_test(test_inject_many),
        cmocka_unit_test(test_inventory_stop),
        cmocka_unit_test(test_eject_from_slot),
        cmocka_unit_test(test_eject_from_drive),
        cmocka_unit_test(test_eject_queue),
        cmocka_unit_test(test_eject_errors),
        cmocka_unit_test(test_door),
        cmocka_unit_test(test_identify_slot),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
