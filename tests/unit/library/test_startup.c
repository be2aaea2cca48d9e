/*
 * test_startup.c - which discovered libraries rsmd starts
 * (daemon/library/startup.c): a discovered library that shares a changer
 * or drive device with a configured one is the same hardware; iSCSI URLs
 * and virtual libraries never match a discovered device. The sysfs tree
 * here is empty, so devices compare as written; tests/api/test_discovery.sh
 * runs the whole start-up on a fake tree with kernel nodes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "library/library.h"
#include "model/model.h"

#define NO_SYSFS "/nonexistent/sysfs"

/* A configuration from "key=value" pairs, the type first. */
static void config(library_config_t *cfg, const char *name, const char *const *kv, size_t n)
{
    char err[256];
    assert_int_equal(library_config_init(cfg, name), 0);
    for (size_t i = 0; i + 1 < n; i += 2)
        assert_int_equal(library_config_key(cfg, kv[i], kv[i + 1], err, sizeof err), 0);
    assert_int_equal(library_config_finish(cfg, err, sizeof err), 0);
}

#define CONFIG(cfg, name, ...)                                                                                 \
    do {                                                                                                       \
        static const char *const kv_[] = {__VA_ARGS__};                                                      \
        config((cfg), (name), kv_, sizeof kv_ / sizeof kv_[0]);                                               \
    } while (0)

static void test_shares_device(void **state)
{
    (void)state;
    library_config_t changer, lone, other, url, url2, virt, virt2, nst;
    CONFIG(&changer, "changer sg3", "device", "/dev/sg3", "drive", "/dev/sg4", "drive", "/dev/sg5");
    CONFIG(&lone, "lone", "type", "standalone", "device", "/dev/sg4");
    CONFIG(&other, "other", "device", "/dev/sg7", "drive", "/dev/sg5");
    CONFIG(&url, "url", "device", "iscsi://127.0.0.1:3260/iqn.2024-01.test:lib/1");
    CONFIG(&url2, "url2", "type", "standalone", "device", "iscsi://127.0.0.1:3260/iqn.2024-01.test:lib/1");
    CONFIG(&virt, "virt", "type", "virtual", "root", "/tmp/vlib");
    CONFIG(&virt2, "virt2", "type", "virtual", "root", "/tmp/vlib");
    CONFIG(&nst, "nst", "type", "standalone", "device", "/dev/nst0");

    /* a drive of the changer configured on its own; a shared drive */
    assert_true(library_config_shares_device(NO_SYSFS, &changer, &lone));
    assert_true(library_config_shares_device(NO_SYSFS, &lone, &changer));
    assert_true(library_config_shares_device(NO_SYSFS, &changer, &other));
    assert_false(library_config_shares_device(NO_SYSFS, &lone, &other));
    /* an iSCSI URL is never a discovered /dev/sgN, only itself */
    assert_false(library_config_shares_device(NO_SYSFS, &changer, &url));
    assert_true(library_config_shares_device(NO_SYSFS, &url, &url2));
    /* virtual libraries use no device */
    assert_false(library_config_shares_device(NO_SYSFS, &virt, &virt2));
    assert_false(library_config_shares_device(NO_SYSFS, &changer, &virt));
    /* without a sysfs entry, a kernel node compares as written */
    assert_true(library_config_shares_device(NO_SYSFS, &nst, &nst));
    assert_false(library_config_shares_device(NO_SYSFS, &nst, &lone));
}

/* Nothing to discover: nothing starts, and no library object is made. */
static void test_nothing_discovered(void **state)
{
    (void)state;
    char dir[] = "/tmp/rsm-startup.XXXXXX", db[64];
    uv_loop_t loop;
    store_t *st;
    library_config_t lone;
    size_t n = 9;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/rsm.db", dir);
    assert_int_equal(uv_loop_init(&loop), 0);
    assert_int_equal(store_open(db, &st), 0);
    assert_int_equal(model_first_start(st, "host"), 0);
    assert_int_equal(store_count(st, NULL, NTMS_LIBRARY, &n), 0);
    size_t before = n;
    CONFIG(&lone, "lone", "type", "standalone", "device", "/dev/sg4");
    assert_int_equal(library_start_discovered(&loop, st, NO_SYSFS, &lone, 1), 0);
    assert_int_equal(library_start_discovered(&loop, st, dir, NULL, 0), 0);
    assert_null(library_first());
    assert_int_equal(store_count(st, NULL, NTMS_LIBRARY, &n), 0);
    assert_int_equal(n, before);
    uv_loop_close(&loop);
    store_close(st);
    static const char *const files[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[96];
        snprintf(path, sizeof path, "%s%s", db, files[i]);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shares_device),
        cmocka_unit_test(test_nothing_discovered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
