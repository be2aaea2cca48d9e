/*
 * test_register.c - model_library_prepare/register/set_state: the objects of
 * a library from what its hardware reported, and how they are found again
 * (by configuration name and serial, drives by serial, elements by
 * address) so that a restart never duplicates them.
 */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

static NTMS_OBJECTINFORMATIONA get(fx_t *fx, const NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_get(fx, id, &o);
    return o;
}

static size_t tape_types(fx_t *fx)
{
    guid_list_t l = {0};
    size_t n = 0;
    assert_int_equal(store_enumerate(fx->st, NULL, NTMS_MEDIA_TYPE, &l), 0);
    for (size_t i = 0; i < l.n; i++)
        n += get(fx, &l.v[i]).Info.MediaType.DeviceType == FILE_DEVICE_TAPE;
    guid_list_free(&l);
    return n;
}

static void test_library_object(void **state)
{
    fx_t *fx = *state;
    NTMS_OBJECTINFORMATIONA o = get(fx, &fx->lib);
    const NTMS_LIBRARYINFORMATION *li = &o.Info.Library;
    assert_string_equal(o.szName, "lib");
    assert_int_equal(o.dwOperationalState, NTMS_READY);
    assert_int_equal(li->LibraryType, NTMS_LIBRARYTYPE_ONLINE);
    assert_true(li->BarCodeReaderInstalled);
    assert_int_equal(li->InventoryMethod, NTMS_INVENTORY_FAST);
    assert_int_equal(li->FirstSlotNumber, FX_FIRST_SLOT);
    assert_int_equal(li->dwNumberOfSlots, FX_SLOTS);
    assert_int_equal(li->FirstPortNumber, FX_FIRST_PORT);
    assert_int_equal(li->dwNumberOfPorts, FX_PORTS);
    assert_int_equal(li->FirstDriveNumber, FX_FIRST_DRIVE);
    assert_int_equal(li->dwNumberOfDrives, FX_DRIVES);
    assert_int_equal(li->FirstChangerNumber, 1);
    assert_int_equal(li->dwNumberOfChangers, 1);
    assert_int_equal(li->FirstDoorNumber, 1);
    assert_int_equal(li->dwNumberOfDoors, 1);
    assert_true(li->dwFlags & NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE);
    assert_int_equal(li->dwNumberOfMediaTypes, tape_types(fx));
    fx_check(fx);
}

static void test_changer_and_drives(void **state)
{
    fx_t *fx = *state;
    guid_list_t l = {0};
    assert_int_equal(store_enumerate(fx->st, &fx->lib, NTMS_CHANGER, &l), 0);
    assert_int_equal(l.n, 1);
    NTMS_OBJECTINFORMATIONA c = get(fx, &l.v[0]);
    guid_list_free(&l);
    assert_string_equal(c.Info.Changer.szSerialNumber, "LIB0001");
    assert_string_equal(c.Info.Changer.szRevision, "0104");
    assert_string_equal(c.Info.Changer.szDeviceName, "/dev/sg9");
    assert_guid_equal(&c.Info.Changer.Library, &fx->lib);
    NTMS_OBJECTINFORMATIONA ct = get(fx, &c.Info.Changer.ChangerType);
    assert_string_equal(ct.Info.ChangerType.szVendor, "STK");
    assert_string_equal(ct.Info.ChangerType.szProduct, "L700");
    assert_int_equal(ct.Info.ChangerType.DeviceType, FILE_DEVICE_CHANGER);

    for (int i = 0; i < FX_DRIVES; i++) {
        NTMS_GUID g = fx_element(fx, (uint16_t)(FX_FIRST_DRIVE + i));
        NTMS_OBJECTINFORMATIONA d = get(fx, &g);
        char serial[16], dev[16];
        snprintf(serial, sizeof serial, "DRV%04d", FX_FIRST_DRIVE + i);
        snprintf(dev, sizeof dev, "/dev/nst%d", i);
        assert_int_equal(d.Info.Drive.Number, FX_FIRST_DRIVE + i);
        assert_string_equal(d.Info.Drive.szSerialNumber, serial);
        assert_string_equal(d.Info.Drive.szDeviceName, dev);
        assert_string_equal(d.Info.Drive.szRevision, "G350");
        assert_int_equal(d.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
        assert_int_equal(d.Info.Drive.dwDeferDismountDelay, 300);
        assert_int_equal(d.dwOperationalState, NTMS_READY);
        NTMS_OBJECTINFORMATIONA dt = get(fx, &d.Info.Drive.DriveType);
        assert_string_equal(dt.Info.DriveType.szProduct, "ULT3580-TD6");
        assert_int_equal(dt.Info.DriveType.DeviceType, FILE_DEVICE_TAPE);
    }
    assert_int_equal(fx_count(fx, NULL, NTMS_DRIVE_TYPE), 1); /* shared by both drives */

    NTMS_GUID p = fx_element(fx, FX_FIRST_PORT);
    NTMS_OBJECTINFORMATIONA port = get(fx, &p);
    assert_string_equal(port.szName, "Port 16");
    assert_int_equal(port.Info.IEPort.Content, NTMS_PORTCONTENT_EMPTY);
    assert_int_equal(port.Info.IEPort.Position, NTMS_PORTPOSITION_RETRACTED);
    NTMS_GUID s = fx_element(fx, FX_FIRST_SLOT + 3);
    assert_string_equal(get(fx, &s).szName, "Slot 1003");
}

static void register_again(fx_t *fx, NTMS_GUID *lib)
{
    model_library_desc_t d = fx_desc(fx);
    *lib = fx->lib;
    assert_int_equal(model_library_register(fx->st, &d, lib), 0);
    fx_check(fx);
}

static void test_restart_does_not_duplicate(void **state)
{
    fx_t *fx = *state;
    static const DWORD types[] = {NTMS_LIBRARY, NTMS_CHANGER, NTMS_CHANGER_TYPE, NTMS_DRIVE, NTMS_DRIVE_TYPE,
                                  NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_IEDOOR};
    size_t before[8];
    for (size_t i = 0; i < 8; i++)
        before[i] = fx_count(fx, NULL, types[i]);
    NTMS_GUID prepared, lib;
    assert_int_equal(model_library_prepare(fx->st, "lib", NTMS_LIBRARYTYPE_ONLINE, NTMS_INVENTORY_DEFAULT,
                                           &prepared), 0);
    assert_guid_equal(&prepared, &fx->lib);
    assert_int_equal(get(fx, &fx->lib).dwOperationalState, NTMS_INITIALIZING);
    register_again(fx, &lib);
    assert_guid_equal(&lib, &fx->lib);
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(fx_count(fx, NULL, types[i]), before[i]);
    assert_int_equal(get(fx, &fx->lib).dwOperationalState, NTMS_READY);
}

static void test_same_model_shares_types(void **state)
{
    fx_t *fx = *state;
    model_library_desc_t d = fx_desc(fx);
    changer_info_t info = fx->info;
    snprintf(info.serial, sizeof info.serial, "LIB0002");
    d.info = &info;
    d.config_name = "other";
    model_drive_desc_t drives[FX_DRIVES];
    memcpy(drives, fx->drives, sizeof drives);
    for (int i = 0; i < FX_DRIVES; i++)
        drives[i].ident.serial[0] = 'X';
    d.drives = drives;
    NTMS_GUID other;
    assert_int_equal(model_library_prepare(fx->st, "other", NTMS_LIBRARYTYPE_ONLINE, NTMS_INVENTORY_NONE, &other), 0);
    assert_int_equal(model_library_register(fx->st, &d, &other), 0);
    assert_memory_not_equal(&other, &fx->lib, sizeof other);
    assert_int_equal(get(fx, &other).Info.Library.InventoryMethod, NTMS_INVENTORY_NONE);
    assert_int_equal(fx_count(fx, NULL, NTMS_CHANGER_TYPE), 1);
    assert_int_equal(fx_count(fx, NULL, NTMS_DRIVE_TYPE), 1);
    assert_int_equal(fx_count(fx, NULL, NTMS_CHANGER), 2);
    assert_int_equal(fx_count(fx, &other, NTMS_STORAGESLOT), FX_SLOTS);
    fx_check(fx);
}

static void test_new_hardware_retires_old_object(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, FX_FIRST_SLOT, "VL0001L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    snprintf(fx->info.serial, sizeof fx->info.serial, "LIB0999");
    NTMS_GUID lib;
    register_again(fx, &lib);
    assert_memory_not_equal(&lib, &fx->lib, sizeof lib);
    NTMS_OBJECTINFORMATIONA old = get(fx, &fx->lib);
    assert_int_equal(old.dwOperationalState, NTMS_NOT_PRESENT);
    NTMS_GUID found;
    char serial[64];
    assert_int_equal(store_library_by_config(fx->st, "lib", &found, serial, sizeof serial), 0);
    assert_guid_equal(&found, &lib);
    assert_string_equal(serial, "LIB0999");
    /* the old library's cartridge waits offline for an inventory to find it */
    NTMS_GUID m = fx_medium(fx, "VL0001L6");
    NTMS_OBJECTINFORMATIONA rec = get(fx, &m);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &fx->offline);
    fx->lib = lib;
    fx_inventory_expect(fx, 0, 1, 0, 0);
    rec = get(fx, &m);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &lib);
}

static void test_drive_found_by_serial(void **state)
{
    fx_t *fx = *state;
    NTMS_GUID d256 = fx_element(fx, FX_FIRST_DRIVE);
    /* the two drives swapped bays */
    drive_ident_t t = fx->drives[0].ident;
    fx->drives[0].ident = fx->drives[1].ident;
    fx->drives[1].ident = t;
    NTMS_GUID lib;
    register_again(fx, &lib);
    assert_int_equal(fx_count(fx, &fx->lib, NTMS_DRIVE), FX_DRIVES);
    NTMS_OBJECTINFORMATIONA d = get(fx, &d256);
    assert_string_equal(d.Info.Drive.szSerialNumber, "DRV0256");
    assert_int_equal(d.Info.Drive.Number, FX_FIRST_DRIVE + 1);
}

static void test_unbound_drive(void **state)
{
    fx_t *fx = *state;
    fx->drives[1].bound = false;
    NTMS_GUID lib;
    register_again(fx, &lib);
    NTMS_GUID g = fx_element(fx, FX_FIRST_DRIVE + 1);
    NTMS_OBJECTINFORMATIONA d = get(fx, &g);
    assert_int_equal(d.dwOperationalState, NTMS_NOT_PRESENT);
    assert_string_equal(d.Info.Drive.szDeviceName, "");
    assert_string_equal(d.Info.Drive.szSerialNumber, "DRV0257"); /* what it was */
    fx->drives[1].bound = true;
    register_again(fx, &lib);
    d = get(fx, &g);
    assert_int_equal(d.dwOperationalState, NTMS_READY);
    assert_string_equal(d.Info.Drive.szDeviceName, "/dev/nst1");
}

static void test_missing_slot_not_present(void **state)
{
    fx_t *fx = *state;
    element_t *last = fx_el(fx, FX_FIRST_SLOT + FX_SLOTS - 1);
    last->type = ELEM_TRANSPORT; /* not a slot any more */
    NTMS_GUID lib;
    register_again(fx, &lib);
    NTMS_GUID g = fx_element(fx, FX_FIRST_SLOT + FX_SLOTS - 1);
    assert_int_equal(get(fx, &g).Info.StorageSlot.State, NTMS_SLOTSTATE_NOTPRESENT);
    last->type = ELEM_SLOT;
    register_again(fx, &lib);
    assert_int_equal(get(fx, &g).Info.StorageSlot.State, NTMS_SLOTSTATE_EMPTY);
}

static void test_configured_media_type(void **state)
{
    fx_t *fx = *state;
    model_library_desc_t d = fx_desc(fx);
    changer_info_t info = fx->info;
    snprintf(info.serial, sizeof info.serial, "LIB0003");
    d.info = &info;
    d.config_name = "lto8";
    d.media_type = "LTO-8";
    d.has_changer = false;
    d.library_type = NTMS_LIBRARYTYPE_STANDALONE;
    d.recognize_cleaners = false;
    NTMS_GUID lib;
    assert_int_equal(model_library_prepare(fx->st, "lto8", NTMS_LIBRARYTYPE_STANDALONE, NTMS_INVENTORY_OMID, &lib),
                     0);
    assert_int_equal(model_library_register(fx->st, &d, &lib), 0);
    NTMS_OBJECTINFORMATIONA o = get(fx, &lib);
    assert_int_equal(o.Info.Library.dwNumberOfMediaTypes, 1);
    assert_int_equal(o.Info.Library.LibraryType, NTMS_LIBRARYTYPE_STANDALONE);
    assert_int_equal(o.Info.Library.InventoryMethod, NTMS_INVENTORY_OMID);
    assert_int_equal(o.Info.Library.dwNumberOfChangers, 0);
    assert_int_equal(o.Info.Library.dwNumberOfDoors, 0);
    assert_false(o.Info.Library.dwFlags & NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE);
    guid_list_t l = {0};
    assert_int_equal(store_enumerate(fx->st, &lib, NTMS_MEDIA_TYPE, &l), 0);
    NTMS_GUID lto8 = fx_media_type(fx, "LTO-8");
    assert_guid_equal(&l.v[0], &lto8);
    guid_list_free(&l);
}

static void test_state(void **state)
{
    fx_t *fx = *state;
    assert_int_equal(model_library_set_state(fx->st, &fx->lib, NTMS_NEEDS_SERVICE), 0);
    assert_int_equal(get(fx, &fx->lib).dwOperationalState, NTMS_NEEDS_SERVICE);
    NTMS_GUID slot = fx_element(fx, FX_FIRST_SLOT);
    assert_int_equal(model_library_set_state(fx->st, &slot, NTMS_READY), ERROR_INVALID_LIBRARY);
    model_library_desc_t d = fx_desc(fx);
    d.info = NULL;
    NTMS_GUID lib = fx->lib;
    assert_int_equal(model_library_register(fx->st, &d, &lib), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_library_prepare(fx->st, "", NTMS_LIBRARYTYPE_ONLINE, 0, &lib), ERROR_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_library_object, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_changer_and_drives, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_restart_does_not_duplicate, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_same_model_shares_types, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_new_hardware_retires_old_object, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_drive_found_by_serial, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_unbound_drive, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_missing_slot_not_present, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_configured_media_type, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_state, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
