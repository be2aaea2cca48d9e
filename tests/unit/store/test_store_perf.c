/*
 * test_store_perf.c - 100,000 physical media in one transaction, then the
 * cost of listing, counting and reading them. Timings are printed, not
 * asserted (they depend on the machine and on the sanitizers); the results
 * are asserted.
 */
#include "fixture.h"

#include <stdio.h>
#include <time.h>

#define NMEDIA 100000

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void add_media(store_t *st, const NTMS_GUID *pool, const NTMS_GUID *mt, const NTMS_GUID *lib,
                      NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_PHYSICAL_MEDIA, "tape");
    snprintf(o.Info.PhysicalMedia.szBarCode, sizeof o.Info.PhysicalMedia.szBarCode, "B%07uL8",
             (unsigned)o.ObjectGuid.Data1);
    o.Info.PhysicalMedia.MediaPool = *pool;
    o.Info.PhysicalMedia.MediaType = *mt;
    o.Info.PhysicalMedia.CurrentLibrary = *lib;
    *out = o.ObjectGuid;
    assert_int_equal(store_insert(st, &o), 0);

    NTMS_OBJECTINFORMATIONA side;
    fx_init(&side, NTMS_PARTITION, "side");
    side.Info.Partition.PhysicalMedia = o.ObjectGuid;
    assert_int_equal(store_insert(st, &side), 0);
}

static void test_hundred_thousand_media(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    store_t *st = db.st;

    NTMS_OBJECTINFORMATIONA o;
    NTMS_GUID mt, lib, pool, other, g;
    fx_init(&o, NTMS_MEDIA_TYPE, "LTO");
    o.Info.MediaType.NumberOfSides = 1;
    mt = o.ObjectGuid;
    assert_int_equal(store_insert(st, &o), 0);
    fx_init(&o, NTMS_LIBRARY, "lib");
    lib = o.ObjectGuid;
    assert_int_equal(store_insert(st, &o), 0);
    assert_int_equal(fx_add_pool(st, NULL, "Big", NTMS_POOLTYPE_APPLICATION, &mt, &pool), 0);
    assert_int_equal(fx_add_pool(st, NULL, "Small", NTMS_POOLTYPE_APPLICATION, &mt, &other), 0);
    for (int i = 0; i < 10; i++)
        add_media(st, &other, &mt, &lib, &g);

    double t0 = now_ms();
    assert_int_equal(store_begin(st), 0);
    for (int i = 0; i < NMEDIA; i++)
        add_media(st, &pool, &mt, &lib, &g);
    assert_int_equal(store_commit(st), 0);
    double t_insert = now_ms() - t0;

    guid_list_t all = {0}, in_pool = {0};
    t0 = now_ms();
    assert_int_equal(store_enumerate(st, NULL, NTMS_PHYSICAL_MEDIA, &all), 0);
    double t_enum_null = now_ms() - t0;
    assert_int_equal(all.n, NMEDIA + 10);

    t0 = now_ms();
    assert_int_equal(store_enumerate(st, &pool, NTMS_PHYSICAL_MEDIA, &in_pool), 0);
    double t_enum_pool = now_ms() - t0;
    assert_int_equal(in_pool.n, NMEDIA);
    assert_true(fx_guid_eq(&in_pool.v[NMEDIA - 1], &g)); /* creation order */

    size_t n = 0;
    t0 = now_ms();
    assert_int_equal(store_count(st, &pool, NTMS_PHYSICAL_MEDIA, &n), 0);
    double t_count = now_ms() - t0;
    assert_int_equal(n, NMEDIA);

    t0 = now_ms();
    for (size_t i = 0; i < in_pool.n; i++)
        assert_int_equal(store_get(st, &in_pool.v[i], &o), 0);
    double t_get = (now_ms() - t0) * 1000.0 / (double)in_pool.n;
    assert_int_equal(o.dwType, NTMS_PHYSICAL_MEDIA);

    t0 = now_ms();
    assert_int_equal(store_get(st, &pool, &o), 0);
    double t_get_pool = now_ms() - t0;
    assert_int_equal(o.Info.MediaPool.dwNumberOfPhysicalMedia, NMEDIA);
    t0 = now_ms();
    assert_int_equal(store_get(st, &lib, &o), 0);
    double t_get_lib = now_ms() - t0;
    assert_int_equal(o.Info.Library.dwNumberOfMedia, NMEDIA + 10);

    char why[256];
    t0 = now_ms();
    assert_int_equal(store_check(st, why, sizeof why), 0);
    double t_check = now_ms() - t0;

    printf("store timings with %d physical media:\n", NMEDIA);
    printf("  %-44s %10.1f ms\n", "insert media + sides, one transaction", t_insert);
    printf("  %-44s %10.1f ms\n", "store_enumerate, NULL container", t_enum_null);
    printf("  %-44s %10.1f ms\n", "store_enumerate, pool container", t_enum_pool);
    printf("  %-44s %10.3f ms\n", "store_count, pool container", t_count);
    printf("  %-44s %10.2f us\n", "store_get, physical media (mean)", t_get);
    printf("  %-44s %10.3f ms\n", "store_get, pool holding them (counts)", t_get_pool);
    printf("  %-44s %10.3f ms\n", "store_get, library holding them (counts)", t_get_lib);
    printf("  %-44s %10.1f ms\n", "store_check", t_check);

    guid_list_free(&all);
    guid_list_free(&in_pool);
    fx_db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hundred_thousand_media),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
