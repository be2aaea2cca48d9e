/*
 * mounttest.c - helpers of the mount API tests (mounttest.h).
 */
#include "mounttest.h"

#include <stdio.h>
#include <time.h>

NTMS_GUID mo_lib;

/* The library's first inventory (at its attach) has found cartridge `n`. */
static void wait_for_tape(HANDLE h, unsigned n)
{
    char code[NTMS_BARCODE_LENGTH];
    NTMS_GUID m;

    for (int i = 0; i < LT_WAIT_MS / 20 && !lt_medium(h, mt_tape(code, sizeof code, n), &m); i++)
        lt_sleep_ms(20);
}

/* No inventory or other library call first: rsmd once crashed when a
 * mount was the first call that moved anything. */
int mo_setup(void **state)
{
    if (lt_setup(state) != 0)
        return -1;
    mo_lib = lt_library(*state, mt_library_name());
    for (unsigned n = 1; n <= 6; n++)
        wait_for_tape(*state, n);
    return 0;
}

const char *mo_code(unsigned n)
{
    static char code[4][NTMS_BARCODE_LENGTH];
    static int i;

    i = (i + 1) % 4;
    return mt_tape(code[i], sizeof code[i], n);
}

NTMS_GUID mo_tape(HANDLE h, unsigned n)
{
    NTMS_GUID m;

    assert_true(lt_medium(h, mo_code(n), &m));
    return m;
}

NTMS_GUID mo_drive(HANDLE h, DWORD number)
{
    return lt_element(h, &mo_lib, NTMS_DRIVE, number);
}

DWORD mo_drive_number(HANDLE h, const NTMS_GUID *drive)
{
    NTMS_OBJECTINFORMATIONA o;

    lt_get(h, drive, NTMS_DRIVE, &o);
    return o.Info.Drive.Number;
}

DWORD mo_media_state(HANDLE h, NTMS_GUID *m)
{
    NTMS_OBJECTINFORMATIONA o;

    lt_get(h, m, NTMS_PHYSICAL_MEDIA, &o);
    return o.Info.PhysicalMedia.MediaState;
}

int64_t mo_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

DWORD mo_mount1(HANDLE h, NTMS_GUID *id, NTMS_GUID *drive, DWORD options, int priority, DWORD timeout)
{
    return MountNtmsMedia(h, id, drive, 1, options, priority, timeout, NULL);
}

void mo_placement(HANDLE h)
{
    mh_assert_placement(h, &mo_lib);
}

void mo_wait_drive_empty(HANDLE h, DWORD number)
{
    for (int i = 0; i < LT_WAIT_MS / 20; i++) {
        if (lt_element_state(h, &mo_lib, NTMS_DRIVE, number) == NTMS_DRIVESTATE_DISMOUNTED)
            return;
        lt_sleep_ms(20);
    }
    fail_msg("drive %u did not become empty", (unsigned)number);
}

void mo_reset(HANDLE h)
{
    for (unsigned i = 0; i < 2; i++) {
        NTMS_GUID obj = mo_drive(h, mt_drive(i));
        DismountNtmsDrive(h, &obj);
        mo_wait_drive_empty(h, mt_drive(i));
    }
    mo_placement(h);
}

