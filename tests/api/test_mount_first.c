/*
 * test_mount_first.c - MountNtmsMedia as the first call of a fresh rsmd
 * that touches a library: no inventory, eject or other library call has
 * run before it, so nothing else has set up what the mount's robot work
 * runs on (an rsmd that did not set it up at start crashed here). Runs
 * with mount.conf's virtual library, whose attach records its cartridges.
 */
#include "libtest.h"

static void test_mount_before_any_library_call(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = lt_library(h, "vlib"), m, drive;
    NTMS_OBJECTINFORMATIONA d;
    int found = 0;

    for (int i = 0; i < LT_WAIT_MS / 50 && !(found = lt_medium(h, "VT0001L8", &m)); i++)
        lt_sleep_ms(50);
    assert_true(found);
    assert_int_equal(MountNtmsMedia(h, &m, &drive, 1, NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 10000, NULL), 0);
    lt_get(h, &drive, NTMS_DRIVE, &d);
    lt_assert_at(h, &lib, "VT0001L8", NTMS_DRIVE, d.Info.Drive.Number);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    for (int i = 0; i < LT_WAIT_MS / 20; i++) {
        if (lt_element_state(h, &lib, NTMS_DRIVE, d.Info.Drive.Number) == NTMS_DRIVESTATE_DISMOUNTED)
            break;
        lt_sleep_ms(20);
    }
    lt_assert_at(h, &lib, "VT0001L8", NTMS_STORAGESLOT, LT_SLOT1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mount_before_any_library_call),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
