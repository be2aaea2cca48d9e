/*
 * libtest.c - helpers of the library API tests (libtest.h).
 */
#include "libtest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "changer/virtual.h"

int lt_setup(void **state)
{
    HANDLE h = OpenNtmsSessionA(NULL, "test_library", 0);

    if (h == INVALID_HANDLE_VALUE)
        return -1;
    *state = h;
    return 0;
}

int lt_teardown(void **state)
{
    return CloseNtmsSession(*state) == ERROR_SUCCESS ? 0 : -1;
}

const char *lt_root(const char *name)
{
    static char path[PATH_MAX];
    const char *dir = getenv("RSM_TEST_DIR");

    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

void lt_sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

DWORD lt_try_get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;
    out->dwType = type;
    return GetNtmsObjectInformationA(h, (LPNTMS_GUID)id, out);
}

void lt_get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    assert_int_equal(lt_try_get(h, id, type, out), ERROR_SUCCESS);
}

DWORD lt_list(HANDLE h, NTMS_GUID *container, DWORD type, NTMS_GUID *out)
{
    DWORD n = LT_MAX;

    assert_int_equal(EnumerateNtmsObject(h, container, out, &n, type, 0), ERROR_SUCCESS);
    return n;
}

int lt_find_library(HANDLE h, const char *name, NTMS_GUID *out)
{
    NTMS_GUID libs[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_LIBRARY, libs);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &libs[i], NTMS_LIBRARY, &info);
        if (strcmp(info.szName, name) == 0) {
            *out = libs[i];
            return 1;
        }
    }
    return 0;
}

/* The library named `name`, once its attach has finished: the object exists
 * (NTMS_INITIALIZING) as soon as rsmd starts, but its drives, slots and
 * media only after the worker attached it, which takes longer on a loaded
 * machine. Waits up to 30 s for the state to leave NTMS_INITIALIZING. */
NTMS_GUID lt_library(HANDLE h, const char *name)
{
    NTMS_GUID lib;
    NTMS_OBJECTINFORMATIONA info;

    memset(&lib, 0, sizeof lib);
    for (int i = 0; i < 600; i++) {
        if (lt_find_library(h, name, &lib)) {
            lt_get(h, &lib, NTMS_LIBRARY, &info);
            if (info.dwOperationalState != NTMS_INITIALIZING)
                return lib;
        }
        usleep(50 * 1000);
    }
    fail_msg("no attached library named %s after 30 s", name);
    return lib;
}

NTMS_GUID lt_offline(HANDLE h)
{
    NTMS_GUID libs[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_LIBRARY, libs);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &libs[i], NTMS_LIBRARY, &info);
        if (info.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE)
            return libs[i];
    }
    fail_msg("no offline library");
    return libs[0];
}

static DWORD number_of(const NTMS_OBJECTINFORMATIONA *o)
{
    switch (o->dwType) {
    case NTMS_STORAGESLOT:
        return o->Info.StorageSlot.Number;
    case NTMS_IEPORT:
        return o->Info.IEPort.Number;
    case NTMS_DRIVE:
        return o->Info.Drive.Number;
    default:
        return o->Info.IEDoor.Number;
    }
}

NTMS_GUID lt_element(HANDLE h, NTMS_GUID *lib, DWORD type, DWORD number)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, lib, type, v);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], type, &info);
        if (number_of(&info) == number)
            return v[i];
    }
    fail_msg("no element %u of type %u", (unsigned)number, (unsigned)type);
    return v[0];
}

DWORD lt_first_empty_slot(HANDLE h, NTMS_GUID *lib)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, lib, NTMS_STORAGESLOT, v), best = 0;

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], NTMS_STORAGESLOT, &info);
        if (info.Info.StorageSlot.State == NTMS_SLOTSTATE_EMPTY &&
            (best == 0 || info.Info.StorageSlot.Number < best))
            best = info.Info.StorageSlot.Number;
    }
    return best;
}

DWORD lt_element_state(HANDLE h, NTMS_GUID *lib, DWORD type, DWORD number)
{
    NTMS_GUID id = lt_element(h, lib, type, number);
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, &id, type, &info);
    switch (type) {
    case NTMS_STORAGESLOT:
        return info.Info.StorageSlot.State;
    case NTMS_IEPORT:
        return info.Info.IEPort.Content;
    case NTMS_DRIVE:
        return info.Info.Drive.State;
    default:
        return info.Info.IEDoor.State;
    }
}

int lt_medium(HANDLE h, const char *bar_code, NTMS_GUID *out)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_PHYSICAL_MEDIA, v);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], NTMS_PHYSICAL_MEDIA, &info);
        if (strcmp(info.Info.PhysicalMedia.szBarCode, bar_code) == 0) {
            *out = v[i];
            return 1;
        }
    }
    return 0;
}

void lt_assert_at(HANDLE h, NTMS_GUID *lib, const char *bar_code, DWORD type, DWORD number)
{
    NTMS_GUID m, where = lt_element(h, lib, type, number);
    NTMS_OBJECTINFORMATIONA info;

    if (!lt_medium(h, bar_code, &m))
        fail_msg("no medium %s", bar_code);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, lib);
    assert_int_equal(info.Info.PhysicalMedia.LocationType, type);
    assert_guid_equal(&info.Info.PhysicalMedia.Location, &where);
}

static int finished(DWORD state)
{
    return state != NTMS_LM_QUEUED && state != NTMS_LM_INPROCESS && state != NTMS_LM_WAITING;
}

void lt_wait_request(HANDLE h, const NTMS_GUID *req, NTMS_OBJECTINFORMATIONA *out)
{
    for (unsigned waited = 0; waited <= LT_WAIT_MS; waited += 20) {
        lt_get(h, req, NTMS_LIBREQUEST, out);
        if (finished(out->Info.LibRequest.State))
            return;
        lt_sleep_ms(20);
    }
    fail_msg("library request still in state %u", (unsigned)out->Info.LibRequest.State);
}

void lt_wait_state(HANDLE h, const NTMS_GUID *req, DWORD state)
{
    NTMS_OBJECTINFORMATIONA info;

    for (unsigned waited = 0; waited <= LT_WAIT_MS; waited += 20) {
        lt_get(h, req, NTMS_LIBREQUEST, &info);
        if (info.Info.LibRequest.State == state)
            return;
        assert_false(finished(info.Info.LibRequest.State) && !finished(state));
        lt_sleep_ms(20);
    }
    fail_msg("library request in state %u, not %u", (unsigned)info.Info.LibRequest.State,
             (unsigned)state);
}

int lt_last_request(HANDLE h, NTMS_GUID *lib, DWORD op, NTMS_GUID *out)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, lib, NTMS_LIBREQUEST, v);

    for (DWORD i = n; i-- > 0;) {
        lt_get(h, &v[i], NTMS_LIBREQUEST, &info);
        if (info.Info.LibRequest.OperationCode == op) {
            *out = v[i];
            return 1;
        }
    }
    return 0;
}

void lt_inventory(HANDLE h, NTMS_GUID *lib)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID req;

    assert_int_equal(InventoryNtmsLibrary(h, lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    assert_true(lt_last_request(h, lib, NTMS_LM_INVENTORY, &req));
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
}

DWORD lt_try_insert(const char *root, uint16_t port, const char *bar_code)
{
    char why[256];

    return virtual_insert(root, port, bar_code, why, sizeof why);
}

void lt_insert(const char *root, uint16_t port, const char *bar_code)
{
    char why[256];
    DWORD err = virtual_insert(root, port, bar_code, why, sizeof why);

    if (err != 0)
        fail_msg("virtual_insert %s into port %u: %s", bar_code, port, why);
}

void lt_remove(const char *root, uint16_t port)
{
    char why[256];
    DWORD err = virtual_remove(root, port, why, sizeof why);

    if (err != 0)
        fail_msg("virtual_remove from port %u: %s", port, why);
}

/* Under the library's lock, as every writer of the directory. */
void lt_hand_move(const char *root, const char *from, const char *to)
{
    char lock[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    int fd;

    snprintf(lock, sizeof lock, "%s/.lock", root);
    snprintf(a, sizeof a, "%s/%s", root, from);
    fd = open(lock, O_RDWR | O_CLOEXEC);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    if (to == NULL) {
        assert_int_equal(unlink(a), 0);
    } else {
        snprintf(b, sizeof b, "%s/%s", root, to);
        assert_int_equal(rename(a, b), 0);
    }
    close(fd);
}
