/*
 * sa_eject.c - a stand-alone tape drive of tgtd driven through librsm:
 * EjectDiskFromSADrive, and device change detection noticing a tape put
 * in by hand. Runs against the rsmd that test_sa_eject.sh starts with
 * [library sa] (type standalone, device = DRIVE_URL, poll_seconds = 0, so
 * only device change detection looks at the drive behind rsmd's back).
 *
 *   sa-eject RAW_RES CHANGER_URL DRIVE_URL
 *
 * tgt's changer LUN plays the person at the drive: raw-res moves
 * cartridges between slot 1000 and the drive's element 256.
 */
#include "libtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRIVE_ELEMENT 256
#define SLOT 1000

static const char *raw_res, *changer_url, *drive_url;
static NTMS_GUID lib;

/* Run raw-res on the changer with `args`; its output (at most `len`
 * bytes) in `out`. Returns its exit status. */
static int raw(const char *args, char *out, size_t len)
{
    char cmd[1024];
    size_t n = 0;
    FILE *p;

    snprintf(cmd, sizeof cmd, "'%s' '%s' %s --timeout 20", raw_res, changer_url, args);
    p = popen(cmd, "r");
    assert_non_null(p);
    while (n + 1 < len && fgets(out + n, (int)(len - n), p) != NULL)
        n += strlen(out + n);
    out[n] = '\0';
    return pclose(p);
}

/* What tgt's changer says of the drive element: "full", "empty"... */
static const char *changer_drive_state(void)
{
    static char list[4096];
    char want[32];
    const char *line;

    assert_int_equal(raw("--list", list, sizeof list), 0);
    snprintf(want, sizeof want, "drive %d ", DRIVE_ELEMENT);
    line = strstr(list, want);
    assert_non_null(line);
    return line + strlen(want);
}

/* The person moves a cartridge. */
static void hand_move(unsigned from, unsigned to)
{
    char args[64], out[256];

    snprintf(args, sizeof args, "--move %u %u --one-way", from, to);
    assert_int_equal(raw(args, out, sizeof out), 0);
}

/* Media of the library, after waiting (bounded) until there are `want`
 * (or `ms` passed); returns the count. */
static DWORD media_within(HANDLE h, DWORD want, unsigned ms, NTMS_GUID *media)
{
    DWORD n = lt_list(h, &lib, NTMS_PHYSICAL_MEDIA, media);

    for (unsigned t = 0; t < ms && n != want; t += 100) {
        lt_sleep_ms(100);
        n = lt_list(h, &lib, NTMS_PHYSICAL_MEDIA, media);
    }
    return n;
}

static void wait_ready(HANDLE h)
{
    NTMS_OBJECTINFORMATIONA info;

    for (unsigned t = 0; t < LT_WAIT_MS; t += 100) {
        if (lt_find_library(h, "sa", &lib)) {
            lt_get(h, &lib, NTMS_LIBRARY, &info);
            if (info.dwOperationalState == NTMS_READY)
                return;
        }
        lt_sleep_ms(100);
    }
    fail_msg("library sa is not ready");
}

static void test_eject(void **state)
{
    HANDLE h = *state;
    NTMS_GUID drives[LT_MAX], media[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;

    wait_ready(h);
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    assert_int_equal(info.Info.Library.LibraryType, NTMS_LIBRARYTYPE_STANDALONE);
    assert_int_equal(lt_list(h, &lib, NTMS_DRIVE, drives), 1);
    lt_get(h, &drives[0], NTMS_DRIVE, &info);
    assert_string_equal(info.Info.Drive.szDeviceName, drive_url);
    /* the tape the person put in before rsmd started */
    assert_int_equal(media_within(h, 1, 0, media), 1);

    assert_int_equal(EjectDiskFromSADriveA(NULL, "sa-eject", info.Info.Drive.szDeviceName, NULL, NULL, NULL,
                                           NTMS_EJECT_IMMEDIATE), ERROR_SUCCESS);
    assert_int_equal(lt_list(h, &lib, NTMS_PHYSICAL_MEDIA, drives), 0);
    /* an unrecognized medium that leaves is forgotten */
    assert_int_equal(lt_try_get(h, &media[0], NTMS_PHYSICAL_MEDIA, &info), ERROR_OBJECT_NOT_FOUND);
    /* tgt's changer does not hear of its drive's eject: its element still
     * holds the cartridge, while the drive answers NOT READY (no medium) */
    assert_int_equal(strncmp(changer_drive_state(), "full", 4), 0);

    /* an inventory reads the drive empty: still nothing */
    lt_inventory(h, &lib);
    assert_int_equal(lt_list(h, &lib, NTMS_PHYSICAL_MEDIA, media), 0);
    /* an empty drive ejects nothing, and that is fine */
    assert_int_equal(EjectDiskFromSADriveA(NULL, "sa-eject", drive_url, NULL, NULL, NULL, NTMS_EJECT_IMMEDIATE),
                     ERROR_SUCCESS);
}

/* poll_seconds = 0: only device change detection sees the person's hand. */
static void test_detection(void **state)
{
    HANDLE h = *state, dh;
    NTMS_GUID media[LT_MAX];

    assert_int_equal(BeginNtmsDeviceChangeDetection(h, &dh), ERROR_SUCCESS);
    assert_int_equal(SetNtmsDeviceChangeDetection(h, dh, &lib, NTMS_LIBRARY, 1), ERROR_SUCCESS);
    /* the person takes the tape out of tgt's drive element and puts it back */
    hand_move(DRIVE_ELEMENT, SLOT);
    hand_move(SLOT, DRIVE_ELEMENT);
    assert_int_equal(media_within(h, 1, LT_WAIT_MS, media), 1);

    /* the session ended: taking it out again goes unnoticed */
    assert_int_equal(EndNtmsDeviceChangeDetection(h, dh), ERROR_SUCCESS);
    hand_move(DRIVE_ELEMENT, SLOT);
    assert_int_equal(media_within(h, 0, 5000, media), 1); /* 2.5 polling periods */

    /* a single poll (the NULL handle) notices */
    assert_int_equal(SetNtmsDeviceChangeDetection(h, NULL, &lib, NTMS_LIBRARY, 1), ERROR_SUCCESS);
    assert_int_equal(media_within(h, 0, LT_WAIT_MS, media), 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eject),
        cmocka_unit_test(test_detection),
    };

    if (argc != 4) {
        fprintf(stderr, "usage: sa-eject RAW_RES CHANGER_URL DRIVE_URL\n");
        return 2;
    }
    raw_res = argv[1];
    changer_url = argv[2];
    drive_url = argv[3];
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
