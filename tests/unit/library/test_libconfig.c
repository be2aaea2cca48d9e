/*
 * test_libconfig.c - the keys of [library NAME] (libconfig.c): values,
 * defaults by type, and the checks that need the whole section.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "library/library.h"

static char err[256];

static int key(library_config_t *c, const char *k, const char *v)
{
    err[0] = '\0';
    return library_config_key(c, k, v, err, sizeof err);
}

static void test_defaults(void **state)
{
    (void)state;
    library_config_t c;
    assert_int_equal(library_config_init(&c, "lib1"), 0);
    assert_string_equal(c.name, "lib1");
    assert_int_equal(c.kind, LIBRARY_SCSI);
    assert_int_equal(c.inventory_method, NTMS_INVENTORY_DEFAULT);
    assert_int_equal(c.poll_seconds, 10);
    assert_string_equal(c.cleaner_prefix, "CLN");
    assert_int_equal(library_config_init(&c, ""), -1);
    char longname[LIBRARY_NAME_LEN + 1];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(library_config_init(&c, longname), -1);
}

static void test_scsi(void **state)
{
    (void)state;
    library_config_t c;
    library_config_init(&c, "tape");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1); /* no device */
    assert_int_equal(key(&c, "type", "SCSI"), 0);
    assert_int_equal(key(&c, "device", "iscsi://127.0.0.1:3290/iqn.x:lib/1"), 0);
    assert_int_equal(key(&c, "drive", "/dev/sg4"), 0);
    assert_int_equal(key(&c, "drives", "/dev/sg5, /dev/sg6 ,/dev/sg7"), 0);
    assert_int_equal(c.ndrives, 4);
    assert_string_equal(c.drives[2], "/dev/sg6");
    assert_string_equal(c.drives[3], "/dev/sg7");
    assert_int_equal(key(&c, "drives", "/dev/sg8,,/dev/sg9"), -1);
    assert_int_equal(key(&c, "inventory", "omid"), 0);
    assert_int_equal(c.inventory_method, NTMS_INVENTORY_OMID);
    assert_int_equal(key(&c, "inventory", "full"), -1);
    assert_non_null(strstr(err, "none, fast, omid"));
    assert_int_equal(key(&c, "poll_seconds", "0"), 0);
    assert_int_equal(key(&c, "poll_seconds", "-1"), -1);
    assert_int_equal(key(&c, "poll_seconds", "10x"), -1);
    assert_int_equal(key(&c, "cleaner_prefix", ""), 0);
    assert_string_equal(c.cleaner_prefix, "");
    assert_int_equal(key(&c, "media_type", "LTO-7"), 0);
    assert_int_equal(key(&c, "colour", "blue"), 1);
    assert_int_equal(key(&c, "type", "robot"), -1);
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    assert_int_equal(c.slots, 0);

    library_config_init(&c, "tape");
    key(&c, "device", "/dev/sg3");
    key(&c, "slots", "10");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1); /* slots are for virtual */
    library_config_init(&c, "tape");
    key(&c, "device", "/dev/sg3");
    key(&c, "drives", "2");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1);
}

/* timeout = SECONDS for every kind of SCSI command, timeout_KIND for one;
 * the kind's own key wins whatever the order. */
static void test_timeouts(void **state)
{
    (void)state;
    library_config_t c;
    library_config_init(&c, "tape");
    key(&c, "device", "/dev/sg3");
    for (int k = 0; k < SCSI_KINDS; k++)
        assert_int_equal(c.timeout_ms[k], 0);
    assert_int_equal(key(&c, "timeout_move", "60"), 0);
    assert_int_equal(key(&c, "timeout", "5"), 0);
    assert_int_equal(key(&c, "timeout_status", "0"), -1);
    assert_int_equal(key(&c, "timeout_data", "x"), -1);
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    assert_int_equal(c.timeout_ms[SCSI_KIND_MOVE], 60000);
    assert_int_equal(c.timeout_ms[SCSI_KIND_QUICK], 5000);
    assert_int_equal(c.timeout_ms[SCSI_KIND_READ_STATUS], 5000);

    library_config_init(&c, "tape"); /* no key: the defaults of scsi_cmd.c */
    key(&c, "device", "/dev/sg3");
    assert_int_equal(key(&c, "timeout_scan", "3600"), 0);
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    assert_int_equal(c.timeout_ms[SCSI_KIND_INIT_STATUS], 3600000);
    assert_int_equal(c.timeout_ms[SCSI_KIND_QUICK], 0);
}

/* The cleaning policy of a library. */
static void test_cleaning(void **state)
{
    (void)state;
    library_config_t c;
    library_config_init(&c, "tape");
    assert_true(c.auto_clean);
    assert_int_equal(c.clean_hold_s, 5);
    assert_int_equal(c.clean_timeout_s, 600);
    assert_int_equal(c.cleaner_uses, RSM_CLEANER_USES_UNLIMITED);
    assert_int_equal(key(&c, "auto_clean", "no"), 0);
    assert_false(c.auto_clean);
    assert_int_equal(key(&c, "auto_clean", "YES"), 0);
    assert_true(c.auto_clean);
    assert_int_equal(key(&c, "auto_clean", "sometimes"), -1);
    assert_non_null(strstr(err, "yes or no"));
    assert_int_equal(key(&c, "clean_hold", "0"), 0);
    assert_int_equal(c.clean_hold_s, 0);
    assert_int_equal(key(&c, "clean_timeout", "0"), -1);
    assert_int_equal(key(&c, "clean_timeout", "30"), 0);
    assert_int_equal(c.clean_timeout_s, 30);
    assert_int_equal(key(&c, "cleaner_uses", "50"), 0);
    assert_int_equal(c.cleaner_uses, 50);
    assert_int_equal(key(&c, "cleaner_uses", "0"), -1);
    assert_int_equal(key(&c, "cleaner_uses", "Unlimited"), 0);
    assert_int_equal(c.cleaner_uses, RSM_CLEANER_USES_UNLIMITED);
}

static void test_virtual(void **state)
{
    (void)state;
    library_config_t c;
    library_config_init(&c, "v");
    assert_int_equal(key(&c, "type", "virtual"), 0);
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1); /* no root */
    assert_int_equal(key(&c, "root", "var/vlib"), 0);
    assert_int_equal(key(&c, "barcode_prefix", "VT"), 0);
    assert_int_equal(key(&c, "barcode_suffix", "L7"), 0);
    assert_int_equal(key(&c, "barcode_prefix", "V T"), -1);
    assert_int_equal(key(&c, "barcode_prefix", "TOOLONGX"), -1);
    assert_int_equal(key(&c, "cartridge_size", "512M"), 0);
    assert_int_equal(c.cartridge_bytes, 512ull << 20);
    assert_int_equal(key(&c, "cartridge_size", "3G"), 0);
    assert_int_equal(c.cartridge_bytes, 3ull << 30);
    assert_int_equal(key(&c, "cartridge_size", "1000"), 0);
    assert_int_equal(c.cartridge_bytes, 1000);
    assert_int_equal(key(&c, "cartridge_size", "0"), -1);
    assert_int_equal(key(&c, "cartridge_size", "5Q"), -1);
    assert_int_equal(key(&c, "cartridges", "4"), 0);
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    assert_int_equal(c.slots, 20); /* defaults */
    assert_int_equal(c.drive_count, 2);
    assert_int_equal(c.ports, 2);

    library_config_init(&c, "v");
    key(&c, "type", "virtual");
    key(&c, "root", "/tmp/v");
    key(&c, "slots", "3");
    key(&c, "ports", "0");
    key(&c, "drives", "1");
    key(&c, "cartridges", "5");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1); /* 5 do not fit in 3 */
    key(&c, "cartridges", "3");
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    assert_int_equal(c.ports, 0);
    assert_int_equal(c.drive_count, 1);

    library_config_init(&c, "v");
    key(&c, "type", "virtual");
    key(&c, "root", "/tmp/v");
    key(&c, "drive", "/dev/sg3");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1);
}

static void test_standalone(void **state)
{
    (void)state;
    library_config_t c;
    library_config_init(&c, "sa");
    key(&c, "type", "standalone");
    key(&c, "device", "/dev/nst0");
    assert_int_equal(library_config_finish(&c, err, sizeof err), 0);
    key(&c, "drive", "/dev/sg3");
    assert_int_equal(library_config_finish(&c, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_scsi),
        cmocka_unit_test(test_timeouts),
        cmocka_unit_test(test_cleaning),
        cmocka_unit_test(test_virtual),
        cmocka_unit_test(test_standalone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
