/*
 * test_discovery.c - discovery at start, through librsm, against the rsmd
 * that tests/api/test_discovery.sh starts on a fake sysfs tree:
 *
 *   on    the tree holds a changer (sg250, with tape drive sg251 on its
 *         target), a tape drive sg252 that [library sa-dup] configures as
 *         /dev/nst252, and a CD drive sg253. The changer and the CD drive
 *         are started (no /dev/sgN exists, so each shows NEEDS_SERVICE with
 *         a log line naming its device); sg251 is the changer's; sg252 is
 *         not started twice.
 *   off   the same tree with discover = no: nothing discovered starts.
 *   none  discover = yes on an empty tree: one log line says so.
 *
 * In every case the configured virtual library works. Waits are bounded.
 */
#include "libtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *mode;

/* rsmd's log (run-rsmd.sh keeps it in the test directory). */
static int log_has(const char *text)
{
    static char buf[1 << 20];
    FILE *f = fopen(lt_root("rsmd.log"), "r");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, text) != NULL;
}

/* Wait until library `name` exists in operational state `state`. */
static NTMS_GUID wait_library(HANDLE h, const char *name, DWORD state)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID lib;

    for (unsigned t = 0; t < LT_WAIT_MS; t += 50) {
        if (lt_find_library(h, name, &lib)) {
            lt_get(h, &lib, NTMS_LIBRARY, &info);
            if (info.dwOperationalState == state)
                return lib;
        }
        lt_sleep_ms(50);
    }
    fail_msg("library \"%s\" did not reach state %u", name, (unsigned)state);
    return lib;
}

static void test_configured_works(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = wait_library(h, "vlib", NTMS_READY), media[LT_MAX];

    assert_int_equal(lt_list(h, &lib, NTMS_PHYSICAL_MEDIA, media), 2);
}

static void assert_library_type(HANDLE h, const NTMS_GUID *lib, DWORD type)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, lib, NTMS_LIBRARY, &info);
    assert_int_equal(info.Info.Library.LibraryType, type);
}

static void test_discovered(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = wait_library(h, "changer sg250", NTMS_NEEDS_SERVICE);

    assert_library_type(h, &lib, NTMS_LIBRARYTYPE_ONLINE);
    lib = wait_library(h, "drive sr253", NTMS_NEEDS_SERVICE);
    assert_library_type(h, &lib, NTMS_LIBRARYTYPE_STANDALONE);
    /* the changer's own drive, and the drive a section configures */
    assert_false(lt_find_library(h, "drive nst251", &lib));
    assert_false(lt_find_library(h, "drive nst252", &lib));
    assert_true(lt_find_library(h, "sa-dup", &lib));

    assert_true(log_has("discovery: changer sg250: STK L700 at /dev/sg250 (5:0:0:1 /dev/sch250), 1 drive(s)"));
    assert_true(log_has("library changer sg250: cannot attach scsi /dev/sg250:"));
    assert_true(log_has("discovery: drive sr253:"));
    assert_true(log_has("library drive sr253: cannot attach standalone /dev/sg253:"));
    assert_true(log_has("discovery: drive nst252: IBM ULT3580-TD6 at /dev/sg252 (6:0:0:0 /dev/nst252); "
                        "already configured as library sa-dup"));
    assert_false(log_has("discovery: no SCSI changers or drives found"));
}

static void test_not_discovered(void **state)
{
    HANDLE h = *state;
    NTMS_GUID libs[LT_MAX], lib;

    wait_library(h, "vlib", NTMS_READY);
    assert_false(lt_find_library(h, "changer sg250", &lib));
    /* the offline library, vlib and sa-dup */
    assert_int_equal(lt_list(h, NULL, NTMS_LIBRARY, libs), 3);
    assert_int_equal(log_has("discovery: no SCSI changers or drives found"), strcmp(mode, "none") == 0);
    assert_false(log_has("discovery: changer"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest on[] = {
        cmocka_unit_test(test_configured_works),
        cmocka_unit_test(test_discovered),
    };
    const struct CMUnitTest off[] = {
        cmocka_unit_test(test_configured_works),
        cmocka_unit_test(test_not_discovered),
    };

    mode = argc > 1 ? argv[1] : "on";
    if (strcmp(mode, "on") == 0)
        return cmocka_run_group_tests(on, lt_setup, lt_teardown);
    return cmocka_run_group_tests(off, lt_setup, lt_teardown);
}
