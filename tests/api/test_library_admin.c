/*
 * test_library_admin.c - the library functions that are mostly rules:
 * Enable/DisableNtmsObject, DeleteNtmsLibrary, DeleteNtmsDrive, the
 * library requests list, device change detection, GetVolumesFromDrive,
 * EjectDiskFromSADrive, and every function's argument checks. Runs
 * against the libraries of tests/api/library.conf: "vlib" (virtual) and
 * "broken" (its device unusable).
 *
 * With the argument "phase1" or "phase2" it is instead the two halves of
 * the DeleteNtmsLibrary test that tests/api/library_restart.sh runs around
 * a restart of rsmd without library "vlib2".
 */
#include "libtest.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

static NTMS_GUID lib, broken, off;

static int setup(void **state)
{
    if (lt_setup(state) != 0)
        return -1;
    lib = lt_library(*state, "vlib");
    broken = lt_library(*state, "broken");
    off = lt_offline(*state);
    return 0;
}

/* --- arguments, checked before anything is sent ---------------------------- */

static void test_arguments(void **state)
{
    HANDLE h = *state;
    NTMS_GUID g = lib;
    HANDLE dh;

    assert_int_equal(InventoryNtmsLibrary(NULL, &g, NTMS_INVENTORY_FAST), ERROR_INVALID_HANDLE);
    assert_int_equal(AccessNtmsLibraryDoor(h, &g, 99), ERROR_INVALID_PARAMETER);
    assert_int_equal(IdentifyNtmsSlot(h, &g, 9), ERROR_INVALID_PARAMETER);
    assert_int_equal(EnableNtmsObject(h, NTMS_LIBRARY, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(DisableNtmsObject(h, NTMS_STORAGESLOT, &g), ERROR_INVALID_PARAMETER);
    assert_int_equal(DisableNtmsObject(INVALID_HANDLE_VALUE, NTMS_LIBRARY, &g), ERROR_INVALID_HANDLE);
    assert_int_equal(DeleteNtmsLibrary(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(DeleteNtmsDrive(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(BeginNtmsDeviceChangeDetection(h, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(BeginNtmsDeviceChangeDetection(NULL, &dh), ERROR_INVALID_HANDLE);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, &g, NTMS_STORAGESLOT, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, &g, NTMS_LIBRARY, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, NULL, NTMS_LIBRARY, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(EndNtmsDeviceChangeDetection(h, NULL), ERROR_INVALID_HANDLE);
}

/* --- Enable/DisableNtmsObject ------------------------------------------------ */

static void test_disabled_library(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op, m, req;
    NTMS_OBJECTINFORMATIONA info;

    assert_int_equal(DisableNtmsObject(h, NTMS_LIBRARY, &lib), ERROR_SUCCESS);
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    assert_false(info.Enabled);
    assert_true(lt_last_request(h, &lib, NTMS_LM_DISABLELIBRARY, &req));
    lt_get(h, &req, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);

    /* A disabled library is not used, with each page's code. */
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_FAST), ERROR_RESOURCE_DISABLED);
    assert_int_equal(AccessNtmsLibraryDoor(h, &lib, NTMS_INVENTORY_NONE), ERROR_RESOURCE_DISABLED);
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_DEVICE_NOT_AVAILABLE);
    assert_true(lt_medium(h, "VT0002L8", &m));
    assert_int_equal(EjectNtmsMedia(h, &m, &op, NTMS_EJECT_START), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(DisableNtmsObject(h, NTMS_LIBRARY, &lib), ERROR_INVALID_STATE);

    assert_int_equal(EnableNtmsObject(h, NTMS_LIBRARY, &lib), ERROR_SUCCESS);
    assert_int_equal(EnableNtmsObject(h, NTMS_LIBRARY, &lib), ERROR_INVALID_STATE);
    lt_inventory(h, &lib);

    /* the documented errors for other objects */
    assert_int_equal(DisableNtmsObject(h, NTMS_LIBRARY, &off), ERROR_LIBRARY_OFFLINE);
    assert_int_equal(DisableNtmsObject(h, NTMS_DRIVE, &lib), ERROR_INVALID_PARAMETER);
    memset(&op, 0x33, sizeof op);
    assert_int_equal(DisableNtmsObject(h, NTMS_LIBRARY, &op), ERROR_OBJECT_NOT_FOUND);
}

/* A disabled drive gives its medium back to its slot. */
static void test_disabled_drive(void **state)
{
    HANDLE h = *state;
    NTMS_GUID drive = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), req, m;
    NTMS_OBJECTINFORMATIONA info;

    lt_hand_move(lt_root("vlib"), "slots/1001", "drives/1/tape");
    lt_inventory(h, &lib);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_DRIVE, LT_DRIVE1);
    assert_int_equal(DisableNtmsObject(h, NTMS_DRIVE, &drive), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_DISMOUNT, &req));
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, "VT0002L8", NTMS_STORAGESLOT, 1001);
    lt_get(h, &drive, NTMS_DRIVE, &info);
    assert_false(info.Enabled);
    assert_int_equal(info.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
    assert_int_equal(EnableNtmsObject(h, NTMS_DRIVE, &drive), ERROR_SUCCESS);

    /* A medium: disabled with its sides. */
    assert_true(lt_medium(h, "VT0003L8", &m));
    assert_int_equal(DisableNtmsObject(h, NTMS_PHYSICAL_MEDIA, &m), ERROR_SUCCESS);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_false(info.Enabled);
    assert_int_equal(EnableNtmsObject(h, NTMS_PHYSICAL_MEDIA, &m), ERROR_SUCCESS);
}

/* --- libraries that are not there, and deletion -------------------------------- */

static void test_not_connected(void **state)
{
    HANDLE h = *state;
    NTMS_GUID op;
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, &broken, NTMS_LIBRARY, &info);
    assert_int_equal(info.dwOperationalState, NTMS_NEEDS_SERVICE);
    assert_int_equal(InventoryNtmsLibrary(h, &broken, NTMS_INVENTORY_FAST), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(InjectNtmsMedia(h, &broken, &op, NTMS_INJECT_START), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(AccessNtmsLibraryDoor(h, &broken, NTMS_INVENTORY_NONE), ERROR_LIBRARY_OFFLINE);
}

static void test_delete_rules(void **state)
{
    HANDLE h = *state;
    NTMS_GUID drive = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), m;

    /* Only a library rsmd no longer runs can go; never the offline one. */
    assert_int_equal(DeleteNtmsLibrary(h, &lib), ERROR_INVALID_STATE);
    assert_int_equal(DeleteNtmsLibrary(h, &broken), ERROR_INVALID_STATE);
    assert_int_equal(DeleteNtmsLibrary(h, &off), ERROR_INVALID_LIBRARY);
    assert_true(lt_medium(h, "VT0002L8", &m));
    assert_int_equal(DeleteNtmsLibrary(h, &m), ERROR_INVALID_LIBRARY);
    /* Only a drive that is not present can go. */
    assert_int_equal(DeleteNtmsDrive(h, &drive), ERROR_INVALID_STATE);
    assert_int_equal(DeleteNtmsDrive(h, &lib), ERROR_INVALID_DRIVE);
}

/* --- library requests ---------------------------------------------------------- */

static void test_requests_listed(void **state)
{
    HANDLE h = *state;
    NTMS_GUID all[LT_MAX], mine[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    struct passwd *pw = getpwuid(getuid());
    DWORD n = lt_list(h, NULL, NTMS_LIBREQUEST, all), k = lt_list(h, &lib, NTMS_LIBREQUEST, mine);

    assert_true(k > 0 && k <= n);
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    assert_int_equal(info.Info.Library.dwNumberOfLibRequests, k);
    for (DWORD i = 0; i < k; i++) {
        lt_get(h, &mine[i], NTMS_LIBREQUEST, &info);
        assert_true(info.Info.LibRequest.OperationCode < NTMS_LM_MAXWORKITEM);
        assert_true(info.Info.LibRequest.TimeQueued.wYear >= 2024);
        assert_guid_equal(&info.Info.LibRequest.Library, &lib);
        if (strcmp(info.Info.LibRequest.szApplication, "test_library") == 0 && pw != NULL)
            assert_string_equal(info.Info.LibRequest.szUser, pw->pw_name);
    }
}

/* --- device change detection ----------------------------------------------------- */

static void test_detection(void **state)
{
    HANDLE h = *state, h2, dh, dh2;
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, LT_SLOT1), m, types[LT_MAX], two[2];

    /* rsmd runs device change detection: the service implements all three. */
    assert_int_equal(BeginNtmsDeviceChangeDetection(INVALID_HANDLE_VALUE, &dh), ERROR_INVALID_HANDLE);
    assert_int_equal(BeginNtmsDeviceChangeDetection(h, &dh), ERROR_SUCCESS);
    assert_non_null(dh);
    assert_int_equal(SetNtmsDeviceChangeDetection(INVALID_HANDLE_VALUE, dh, &lib, NTMS_LIBRARY, 1),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_DRIVE, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_LIBRARY, 1), ERROR_SUCCESS);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &slot, NTMS_LIBRARY, 1), ERROR_INVALID_LIBRARY);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_PHYSICAL_MEDIA, 1), ERROR_INVALID_MEDIA);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_MEDIA_TYPE, 1), ERROR_INVALID_MEDIA);
    assert_true(lt_medium(h, "VT0002L8", &m));
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &m, NTMS_PHYSICAL_MEDIA, 1), ERROR_SUCCESS);
    assert_true(lt_list(h, NULL, NTMS_MEDIA_TYPE, types) > 0);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, types, NTMS_MEDIA_TYPE, 1), ERROR_SUCCESS);
    /* All or nothing: one bad GUID refuses the whole set. */
    two[0] = lib;
    two[1] = slot;
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, two, NTMS_LIBRARY, 2), ERROR_INVALID_LIBRARY);
    /* The NULL handle: a single poll. */
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, &lib, NTMS_LIBRARY, 1), ERROR_SUCCESS);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, &slot, NTMS_LIBRARY, 1), ERROR_INVALID_LIBRARY);
    assert_int_equal(EndNtmsDeviceChangeDetection(INVALID_HANDLE_VALUE, dh), ERROR_INVALID_HANDLE);

    /* A detection handle belongs to its session. */
    h2 = OpenNtmsSessionA(NULL, "test_library_admin", 0);
    assert_true(h2 != INVALID_HANDLE_VALUE);
    assert_int_equal(SetNtmsDeviceChangeDetection(h2, dh, &lib, NTMS_LIBRARY, 1), ERROR_INVALID_HANDLE);
    assert_int_equal(EndNtmsDeviceChangeDetection(h2, dh), ERROR_INVALID_HANDLE);
    assert_int_equal(BeginNtmsDeviceChangeDetection(h2, &dh2), ERROR_SUCCESS);
    assert_int_equal(CloseNtmsSession(h2), ERROR_SUCCESS); /* ends dh2 with it */

    assert_int_equal(EndNtmsDeviceChangeDetection(h, dh), ERROR_SUCCESS);
    assert_int_equal(EndNtmsDeviceChangeDetection(h, dh), ERROR_INVALID_HANDLE);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_LIBRARY, 1), ERROR_INVALID_HANDLE);
}

/* --- GetVolumesFromDrive ------------------------------------------------------------ */

/* A block device mounted at its root somewhere, from our mount table. */
static int mounted_block_device(char *dev, size_t dev_len, char *mnt, size_t mnt_len)
{
    FILE *f = fopen("/proc/self/mountinfo", "r");
    char line[4096], root[1024], point[1024], src[1024];
    struct stat sb;
    int found = 0;

    if (f == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        char *dash = strstr(line, " - ");
        if (dash == NULL || sscanf(line, "%*u %*u %*u:%*u %1023s %1023s", root, point) != 2 ||
            sscanf(dash + 3, "%*s %1023s", src) != 1)
            continue;
        if (strcmp(root, "/") == 0 && strchr(point, '\\') == NULL && stat(src, &sb) == 0 &&
            S_ISBLK(sb.st_mode)) {
            snprintf(dev, dev_len, "%s", src);
            snprintf(mnt, mnt_len, "%s", point);
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static void test_get_volumes(void **state)
{
    char *vol = (char *)1, *mnt = (char *)1, dev[1024], want[1024];
    wchar_t *wvol = NULL, *wmnt = NULL, wname[1024];

    (void)state;
    assert_int_equal(GetVolumesFromDriveA(NULL, &vol, &mnt), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetVolumesFromDriveA((char *)"/dev/null", NULL, &mnt), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetVolumesFromDriveA((char *)"/no/such/drive", &vol, &mnt), ERROR_FILE_NOT_FOUND);
    assert_ptr_equal(vol, (char *)1); /* untouched on failure */
    /* A device nothing can be mounted from: no volume, no mount point. */
    assert_int_equal(GetVolumesFromDriveA((char *)"/dev/null", &vol, &mnt), ERROR_SUCCESS);
    assert_null(vol);
    assert_null(mnt);
    assert_int_equal(GetVolumesFromDriveW((wchar_t *)L"/dev/null", &wvol, &wmnt), ERROR_SUCCESS);
    assert_null(wvol);
    assert_null(wmnt);
    assert_int_equal(GetVolumesFromDriveA((char *)"/dev", &vol, &mnt), ERROR_INVALID_DRIVE);

    if (!mounted_block_device(dev, sizeof dev, want, sizeof want))
        return; /* no block device is mounted here (a container) */
    assert_int_equal(GetVolumesFromDriveA(dev, &vol, &mnt), ERROR_SUCCESS);
    assert_non_null(vol);
    assert_non_null(mnt);
    assert_int_equal(strncmp(vol, "/dev/", 5), 0);
    assert_string_equal(mnt, want);
    free(vol);
    free(mnt);
    swprintf(wname, sizeof wname / sizeof wname[0], L"%s", dev);
    assert_int_equal(GetVolumesFromDriveW(wname, &wvol, &wmnt), ERROR_SUCCESS);
    assert_non_null(wmnt);
    free(wvol);
    free(wmnt);
}

/* --- EjectDiskFromSADrive ------------------------------------------------------------ */

static void test_eject_standalone(void **state)
{
    (void)state;
    SetLastError(1234);
    assert_int_equal(EjectDiskFromSADriveA(NULL, "t", NULL, NULL, NULL, NULL, NTMS_EJECT_START),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectDiskFromSADriveA(NULL, "t", "/dev/null", NULL, NULL, NULL, 6),
                     ERROR_INVALID_PARAMETER);
    /* No stand-alone library has that device. */
    assert_int_equal(EjectDiskFromSADriveA(NULL, "t", "/dev/null", NULL, "title", "message",
                                           NTMS_EJECT_IMMEDIATE), ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectDiskFromSADriveW(NULL, L"t", L"/dev/null", NULL, NULL, NULL, NTMS_EJECT_QUEUE),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(EjectDiskFromSADriveA("remote-host", "t", "/dev/null", NULL, NULL, NULL,
                                           NTMS_EJECT_START), ERROR_NOT_CONNECTED);
    assert_int_equal(GetLastError(), 1234); /* its own session does not touch ours */
}

/* --- DeleteNtmsLibrary across a restart (library_restart.sh) -------------------------- */

static void test_phase1(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib2 = lt_library(h, "vlib2"), media[LT_MAX];

    lt_inventory(h, &lib2);
    assert_int_equal(lt_list(h, &lib2, NTMS_PHYSICAL_MEDIA, media), 2);
    assert_int_equal(DeleteNtmsLibrary(h, &lib2), ERROR_INVALID_STATE); /* still running */
}

static void test_phase2(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib2 = lt_library(h, "vlib2"), m;
    NTMS_GUID slots[LT_MAX], all_slots[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n2 = lt_list(h, &lib2, NTMS_STORAGESLOT, slots), before = lt_list(h, NULL, NTMS_STORAGESLOT, all_slots);

    off = lt_offline(h);
    assert_true(n2 > 0);
    assert_int_equal(DeleteNtmsLibrary(h, &lib2), ERROR_SUCCESS);
    assert_int_equal(lt_try_get(h, &lib2, NTMS_LIBRARY, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(lt_list(h, NULL, NTMS_STORAGESLOT, all_slots), before - n2);
    assert_true(lt_medium(h, "WX0001L8", &m));
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_int_equal(DeleteNtmsLibrary(h, &lib2), ERROR_INVALID_LIBRARY);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest admin[] = {
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_disabled_library),
        cmocka_unit_test(test_disabled_drive),
        cmocka_unit_test(test_not_connected),
        cmocka_unit_test(test_delete_rules),
        cmocka_unit_test(test_requests_listed),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_get_volumes),
        cmocka_unit_test(test_eject_standalone),
    };
    const struct CMUnitTest phase1[] = {cmocka_unit_test(test_phase1)};
    const struct CMUnitTest phase2[] = {cmocka_unit_test(test_phase2)};

    if (argc > 1 && strcmp(argv[1], "phase1") == 0)
        return cmocka_run_group_tests(phase1, lt_setup, lt_teardown);
    if (argc > 1 && strcmp(argv[1], "phase2") == 0)
        return cmocka_run_group_tests(phase2, lt_setup, lt_teardown);
    return cmocka_run_group_tests(admin, setup, lt_teardown);
}
