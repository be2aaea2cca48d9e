/*
 * test_attach.c - a library as clients see it once rsmd has attached it:
 * the virtual library of tests/api/attach.conf (20 slots, 2 drives, ports
 * 16 and 17, cartridges VT0001L8..VT0010L8 in slots 1000..1009) through
 * librsm: the library, changer, drive, slot, port and door objects with
 * their information structures, and the ten cartridges as physical media
 * in the library, in the Unrecognized LTO-8 pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <rsm/ntmsapi.h>

#define MAX_LIST 64
#define WAIT_MS 15000
#define SLOTS 20
#define CARTRIDGES 10
#define FIRST_SLOT 1000
#define FIRST_DRIVE 256
#define FIRST_PORT 16

#define assert_guid_equal(a, b) assert_memory_equal((a), (b), sizeof(NTMS_GUID))

static NTMS_GUID lib;

static DWORD list(HANDLE h, NTMS_GUID *container, DWORD type, NTMS_GUID *out)
{
    DWORD n = MAX_LIST;
    assert_int_equal(EnumerateNtmsObject(h, container, out, &n, type, 0), ERROR_SUCCESS);
    return n;
}

static void get(HANDLE h, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    memset(out, 0, sizeof(*out));
    out->dwSize = sizeof(*out);
    out->dwType = type;
    assert_int_equal(GetNtmsObjectInformationA(h, id, out), ERROR_SUCCESS);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The library named vlib once its attach and first inventory are done:
 * rsmd answers before its libraries are ready (they show
 * NTMS_INITIALIZING), so wait, bounded. */
static int find_library(HANDLE h)
{
    for (unsigned waited = 0; waited < WAIT_MS; waited += 50) {
        NTMS_GUID v[MAX_LIST];
        DWORD n = MAX_LIST;
        if (EnumerateNtmsObject(h, NULL, v, &n, NTMS_LIBRARY, 0) != ERROR_SUCCESS)
            return -1;
        for (DWORD i = 0; i < n; i++) {
            NTMS_OBJECTINFORMATIONA o = {.dwSize = sizeof o, .dwType = NTMS_LIBRARY};
            if (GetNtmsObjectInformationA(h, &v[i], &o) == ERROR_SUCCESS && strcmp(o.szName, "vlib") == 0 &&
                o.dwOperationalState == NTMS_READY && o.Info.Library.dwNumberOfMedia == CARTRIDGES) {
                lib = v[i];
                return 0;
            }
        }
        sleep_ms(50);
    }
    return -1;
}

static int setup(void **state)
{
    HANDLE h = OpenNtmsSessionA(NULL, "test_attach", 0);
    if (h == INVALID_HANDLE_VALUE || find_library(h) != 0)
        return -1;
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    return CloseNtmsSession(*state) == ERROR_SUCCESS ? 0 : -1;
}

static void test_library_information(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA o;
    get(h, &lib, NTMS_LIBRARY, &o);
    const NTMS_LIBRARYINFORMATION *li = &o.Info.Library;
    assert_int_equal(li->LibraryType, NTMS_LIBRARYTYPE_ONLINE);
    assert_true(li->BarCodeReaderInstalled);
    assert_int_equal(li->InventoryMethod, NTMS_INVENTORY_FAST);
    assert_int_equal(li->dwNumberOfSlots, SLOTS);
    assert_int_equal(li->FirstSlotNumber, FIRST_SLOT);
    assert_int_equal(li->dwNumberOfDrives, 2);
    assert_int_equal(li->FirstDriveNumber, FIRST_DRIVE);
    assert_int_equal(li->dwNumberOfPorts, 2);
    assert_int_equal(li->FirstPortNumber, FIRST_PORT);
    assert_int_equal(li->dwNumberOfDoors, 1);
    assert_int_equal(li->dwNumberOfChangers, 1);
    assert_int_equal(li->dwNumberOfMedia, CARTRIDGES);
    assert_true(li->dwNumberOfMediaTypes > 0);
    assert_true(li->dwFlags & NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE);
    assert_int_equal(list(h, &lib, NTMS_STORAGESLOT, (NTMS_GUID[MAX_LIST]){{0}}), SLOTS);
}

static void test_changer(void **state)
{
    HANDLE h = *state;
    NTMS_GUID v[MAX_LIST];
    NTMS_OBJECTINFORMATIONA c, t;
    assert_int_equal(list(h, &lib, NTMS_CHANGER, v), 1);
    get(h, &v[0], NTMS_CHANGER, &c);
    assert_guid_equal(&c.Info.Changer.Library, &lib);
    assert_string_not_equal(c.Info.Changer.szSerialNumber, "");
    assert_non_null(strstr(c.Info.Changer.szDeviceName, "vlib"));
    get(h, &c.Info.Changer.ChangerType, NTMS_CHANGER_TYPE, &t);
    assert_int_equal(t.Info.ChangerType.DeviceType, FILE_DEVICE_CHANGER);
    assert_string_equal(t.Info.ChangerType.szVendor, "RSM");
}

static void test_drives(void **state)
{
    HANDLE h = *state;
    NTMS_GUID v[MAX_LIST];
    DWORD n = list(h, &lib, NTMS_DRIVE, v);
    assert_int_equal(n, 2);
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA d, t;
        char serial[16], tail[32];
        get(h, &v[i], NTMS_DRIVE, &d);
        const NTMS_DRIVEINFORMATIONA *di = &d.Info.Drive;
        /* drives are bound by serial number: element 256 is VDRV0001 */
        snprintf(serial, sizeof serial, "VDRV%04u", (unsigned)(di->Number - FIRST_DRIVE + 1));
        snprintf(tail, sizeof tail, "/vlib/drives/%u/tape", (unsigned)(di->Number - FIRST_DRIVE + 1));
        assert_true(di->Number == FIRST_DRIVE || di->Number == FIRST_DRIVE + 1);
        assert_string_equal(di->szSerialNumber, serial);
        size_t len = strlen(di->szDeviceName);
        assert_true(len > strlen(tail));
        assert_string_equal(di->szDeviceName + len - strlen(tail), tail);
        assert_int_equal(di->State, NTMS_DRIVESTATE_DISMOUNTED);
        assert_int_equal(di->dwDeferDismountDelay, 300);
        assert_guid_equal(&di->Library, &lib);
        assert_int_equal(d.dwOperationalState, NTMS_READY);
        get(h, (NTMS_GUID *)&di->DriveType, NTMS_DRIVE_TYPE, &t);
        assert_int_equal(t.Info.DriveType.DeviceType, FILE_DEVICE_TAPE);
        assert_string_equal(t.Info.DriveType.szVendor, "RSM");
    }
}

static void test_slots(void **state)
{
    HANDLE h = *state;
    NTMS_GUID v[MAX_LIST];
    unsigned seen[SLOTS] = {0};
    DWORD n = list(h, &lib, NTMS_STORAGESLOT, v);
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA s;
        get(h, &v[i], NTMS_STORAGESLOT, &s);
        DWORD k = s.Info.StorageSlot.Number - FIRST_SLOT;
        assert_true(k < SLOTS);
        seen[k]++;
        assert_guid_equal(&s.Info.StorageSlot.Library, &lib);
        /* the cartridges fill the lowest slots */
        assert_int_equal(s.Info.StorageSlot.State, k < CARTRIDGES ? NTMS_SLOTSTATE_FULL : NTMS_SLOTSTATE_EMPTY);
    }
    for (unsigned k = 0; k < SLOTS; k++)
        assert_int_equal(seen[k], 1);
}

static void test_ports_and_door(void **state)
{
    HANDLE h = *state;
    NTMS_GUID v[MAX_LIST];
    NTMS_OBJECTINFORMATIONA o;
    DWORD n = list(h, &lib, NTMS_IEPORT, v);
    assert_int_equal(n, 2);
    for (DWORD i = 0; i < n; i++) {
        get(h, &v[i], NTMS_IEPORT, &o);
        assert_true(o.Info.IEPort.Number == FIRST_PORT || o.Info.IEPort.Number == FIRST_PORT + 1);
        assert_int_equal(o.Info.IEPort.Content, NTMS_PORTCONTENT_EMPTY);
        assert_guid_equal(&o.Info.IEPort.Library, &lib);
    }
    assert_int_equal(list(h, &lib, NTMS_IEDOOR, v), 1);
    get(h, &v[0], NTMS_IEDOOR, &o);
    assert_int_equal(o.Info.IEDoor.Number, 1);
    assert_guid_equal(&o.Info.IEDoor.Library, &lib);
}

static void test_cartridges(void **state)
{
    HANDLE h = *state;
    NTMS_GUID v[MAX_LIST];
    DWORD n = list(h, &lib, NTMS_PHYSICAL_MEDIA, v);
    assert_int_equal(n, CARTRIDGES);
    unsigned seen[CARTRIDGES] = {0};
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA m, slot, pool, type, side;
        get(h, &v[i], NTMS_PHYSICAL_MEDIA, &m);
        const NTMS_PMIDINFORMATIONA *pm = &m.Info.PhysicalMedia;
        unsigned k = 0;
        assert_int_equal(sscanf(pm->szBarCode, "VT%04uL8", &k), 1);
        assert_true(k >= 1 && k <= CARTRIDGES);
        seen[k - 1]++;
        assert_string_equal(m.szName, pm->szBarCode);
        assert_int_equal(pm->BarCodeState, NTMS_BARCODESTATE_OK);
        assert_guid_equal(&pm->CurrentLibrary, &lib);
        assert_int_equal(pm->LocationType, NTMS_STORAGESLOT);
        assert_guid_equal(&pm->HomeSlot, &pm->Location);
        get(h, (NTMS_GUID *)&pm->Location, NTMS_STORAGESLOT, &slot);
        assert_int_equal(slot.Info.StorageSlot.Number, FIRST_SLOT + k - 1);
        get(h, (NTMS_GUID *)&pm->MediaType, NTMS_MEDIA_TYPE, &type);
        assert_string_equal(type.szName, "LTO-8");
        get(h, (NTMS_GUID *)&pm->MediaPool, NTMS_MEDIA_POOL, &pool);
        assert_int_equal(pool.Info.MediaPool.PoolType, NTMS_POOLTYPE_FOREIGN);
        assert_guid_equal(&pool.Info.MediaPool.MediaType, &pm->MediaType);
        assert_int_equal(pm->dwNumberOfPartitions, 1);
        NTMS_GUID sides[MAX_LIST];
        assert_int_equal(list(h, &v[i], NTMS_PARTITION, sides), 1);
        get(h, &sides[0], NTMS_PARTITION, &side);
        assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_FOREIGN);
        assert_guid_equal(&side.Info.Partition.PhysicalMedia, &v[i]);
    }
    for (unsigned k = 0; k < CARTRIDGES; k++)
        assert_int_equal(seen[k], 1);
    /* and the pool holds them */
    NTMS_OBJECTINFORMATIONA m, pool;
    get(h, &v[0], NTMS_PHYSICAL_MEDIA, &m);
    get(h, &m.Info.PhysicalMedia.MediaPool, NTMS_MEDIA_POOL, &pool);
    assert_int_equal(pool.Info.MediaPool.dwNumberOfPhysicalMedia, CARTRIDGES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_information),
        cmocka_unit_test(test_changer),
        cmocka_unit_test(test_drives),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_ports_and_door),
        cmocka_unit_test(test_cartridges),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
