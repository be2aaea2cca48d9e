/*
 * test_media.c - the media rules (daemon/model/media.h) on a store in
 * memory: offline media, allocation from a pool and from Free, the side
 * life cycle, moves between pools, and the media-available hook. Every
 * test ends with store_check, so each rule is also checked against the
 * invariants the consistency check enforces.
 */
#include <stdio.h>

#include "fixture.h"
#include "model/media.h"

static const NTMS_GUID none;

static void check(store_t *st)
{
    char why[512];

    if (store_check(st, why, sizeof why) != 0)
        fail_msg("store_check: %s", why);
}

/* An offline medium of `nsides` sides in state `state`, in `pool`. */
static DWORD try_create(store_t *st, const NTMS_GUID *pool, DWORD nsides, DWORD state, const char *bar_code,
                        NTMS_OBJECTINFORMATIONA *media, NTMS_OBJECTINFORMATIONA *sides)
{
    memset(media, 0, sizeof *media);
    media->dwSize = sizeof *media;
    media->dwType = NTMS_PHYSICAL_MEDIA;
    media->Enabled = TRUE;
    media->Info.PhysicalMedia.MediaPool = *pool;
    snprintf(media->Info.PhysicalMedia.szBarCode, sizeof media->Info.PhysicalMedia.szBarCode, "%s", bar_code);
    for (DWORD i = 0; i < nsides; i++) {
        memset(&sides[i], 0, sizeof sides[i]);
        sides[i].dwSize = sizeof sides[i];
        sides[i].dwType = NTMS_PARTITION;
        sides[i].Enabled = TRUE;
        sides[i].Info.Partition.State = state;
    }
    return model_create_media(st, NULL, media, sides, nsides, 0);
}

static NTMS_GUID create(store_t *st, const NTMS_GUID *pool, DWORD nsides, DWORD state, NTMS_GUID *side0)
{
    NTMS_OBJECTINFORMATIONA media, sides[2];

    assert_int_equal(try_create(st, pool, nsides, state, "", &media, sides), 0);
    if (side0 != NULL)
        *side0 = sides[0].ObjectGuid;
    return media.ObjectGuid;
}

static DWORD state_of(store_t *st, const NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_get(st, side, &rec);
    return rec.Info.Partition.State;
}

static DWORD alloc(store_t *st, const NTMS_GUID *pool, DWORD options, NTMS_GUID *lmid, NTMS_GUID *from)
{
    model_alloc_t req = {.pool = *pool, .options = options};

    return model_allocate(st, NULL, &req, lmid, from);
}

static void test_create_offline_media(void **state)
{
    store_t *st = *state;
    NTMS_GUID mo = fx_media_type(st, "MO 5.25\" RW");
    NTMS_GUID pool = fx_pool(st, "Disks", &mo);
    NTMS_GUID offline, import;
    NTMS_OBJECTINFORMATIONA media, sides[2];

    assert_int_equal(try_create(st, &pool, 2, NTMS_PARTSTATE_AVAILABLE, "DISK01  ", &media, sides), 0);
    assert_string_equal(media.szName, "DISK01");
    assert_string_equal(media.Info.PhysicalMedia.szBarCode, "DISK01");
    assert_int_equal(media.Info.PhysicalMedia.BarCodeState, NTMS_BARCODESTATE_OK);
    assert_guid_equal(&media.Info.PhysicalMedia.MediaType, &mo);
    assert_int_equal(media.Info.PhysicalMedia.dwNumberOfPartitions, 2);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_IMPORT, &mo, &import), 0);
    (void)offline;
    for (int i = 0; i < 2; i++) {
        assert_guid_equal(&sides[i].Info.Partition.PhysicalMedia, &media.ObjectGuid);
        assert_int_equal(sides[i].Info.Partition.Side, i);
    }
    assert_string_equal(sides[1].szName, "DISK01 B");
    /* The same bar code again; one side too few; the Free pool. */
    assert_int_equal(try_create(st, &pool, 2, NTMS_PARTSTATE_AVAILABLE, "DISK01", &media, sides),
                     ERROR_INVALID_MEDIA);
    assert_int_equal(try_create(st, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &media, sides),
                     ERROR_MEDIA_INCOMPATIBLE);
    NTMS_GUID free_pool;
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &mo, &free_pool), 0);
    assert_int_equal(try_create(st, &free_pool, 2, NTMS_PARTSTATE_AVAILABLE, "", &media, sides),
                     ERROR_INVALID_MEDIA_POOL);
    /* Held states only in application pools. */
    assert_int_equal(try_create(st, &import, 2, NTMS_PARTSTATE_ALLOCATED, "", &media, sides),
                     ERROR_INVALID_PARAMETER);
    check(st);
}

static void test_allocate_and_deallocate(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto = fx_media_type(st, "LTO-8");
    NTMS_GUID pool = fx_pool(st, "Backup", &lto);
    NTMS_GUID side, lmid, from, free_pool;
    NTMS_OBJECTINFORMATIONA rec;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &lto, &free_pool), 0);
    NTMS_GUID medium = create(st, &pool, 1, NTMS_PARTSTATE_AVAILABLE, &side);
    assert_int_equal(alloc(st, &pool, 0, &lmid, &from), 0);
    assert_guid_equal(&from, &pool);
    assert_int_equal(state_of(st, &side), NTMS_PARTSTATE_ALLOCATED);
    check(st);
    assert_int_equal(alloc(st, &pool, 0, &lmid, &from), ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(model_set_complete(st, NULL, &lmid), 0);
    check(st);

    fx_get(st, &pool, &rec);
    rec.Info.MediaPool.DeallocationPolicy = NTMS_DEALLOCATE_TOSCRATCH;
    assert_int_equal(store_update(st, &rec), 0);
    assert_int_equal(model_deallocate(st, NULL, &lmid), 0);
    fx_get(st, &medium, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.MediaPool, &free_pool);
    assert_int_equal(state_of(st, &side), NTMS_PARTSTATE_AVAILABLE);
    check(st);
}

/* The hook hears of media that became available, after the commit. */
static int heard;
static NTMS_GUID heard_pool;

static void on_available(void *arg, const NTMS_GUID *pool)
{
    (void)arg;
    heard++;
    heard_pool = *pool;
}

static void test_available_hook(void **state)
{
    store_t *st = *state;
    NTMS_GUID dlt = fx_media_type(st, "DLT");
    NTMS_GUID pool = fx_pool(st, "Hooked", &dlt);
    NTMS_GUID stage = fx_pool(st, "Stage", &dlt);
    NTMS_GUID lmid, from;

    heard = 0;
    model_media_set_available_hook(on_available, NULL);
    NTMS_GUID medium = create(st, &stage, 1, NTMS_PARTSTATE_AVAILABLE, NULL);
    assert_int_equal(heard, 1);
    assert_guid_equal(&heard_pool, &stage);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &pool), 0);
    assert_int_equal(heard, 2);
    assert_guid_equal(&heard_pool, &pool);
    assert_int_equal(alloc(st, &pool, 0, &lmid, &from), 0);
    assert_int_equal(heard, 2);
    assert_int_equal(model_deallocate(st, NULL, &lmid), 0);
    assert_int_equal(heard, 3);
    /* A refused call tells nothing. */
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &none), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(heard, 3);
    model_media_set_available_hook(NULL, NULL);
    check(st);
}

static void test_moves(void **state)
{
    store_t *st = *state;
    NTMS_GUID dds = fx_media_type(st, "DDS");
    NTMS_GUID pool = fx_pool(st, "Dat", &dds);
    NTMS_GUID foreign, free_pool, import, side, lmid, from;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_FOREIGN, &dds, &foreign), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &dds, &free_pool), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_IMPORT, &dds, &import), 0);
    NTMS_GUID medium = create(st, &import, 1, NTMS_PARTSTATE_IMPORT, &side);
    /* Import media go to Free or an application pool; to Free they become
     * Available. */
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &foreign), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &free_pool), 0);
    assert_int_equal(state_of(st, &side), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &import), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &pool), 0);
    assert_int_equal(alloc(st, &pool, 0, &lmid, &from), 0);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &free_pool), ERROR_BUSY);
    check(st);
    assert_int_equal(model_deallocate(st, NULL, &lmid), 0);
    assert_int_equal(model_move_to_pool(st, NULL, &medium, &free_pool), 0);
    check(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_offline_media, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_allocate_and_deallocate, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_available_hook, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_moves, fx_setup, fx_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
