/*
 * test_freemedia.c - the free-media label as a rule of the model
 * (model/freemedia.h) on a first-started store in memory: which media
 * need it (one medium, and a library's list from the store), what it
 * says, recording it, the free hook after MoveToNtmsMediaPool and
 * DeallocateNtmsMedia, an allocation forgetting it, and the mount check
 * of a side an application holds.
 */
#include <stdio.h>

#include "label/freelabel.h"
#include "label/label.h"
#include "model/freemedia.h"
#include "model/media.h"
#include "model/mounts.h"
#include "store/store_media.h"
#include "wire.h"
#include "world.h"

/* The media the free hook heard of. */
static struct {
    NTMS_GUID media[8];
    size_t n;
} heard;

static void on_free(void *arg, const NTMS_GUID *medium)
{
    (void)arg;
    assert_non_null(medium);
    assert_true(heard.n < 8);
    heard.media[heard.n++] = *medium;
}

static bool listed_in_library(world_t *w, const NTMS_GUID *medium)
{
    guid_list_t l = {0};
    bool found = false;
    assert_int_equal(store_media_free_unlabelled(w->st, &w->lib, LABEL_FREE_TYPE, &l), 0);
    for (size_t i = 0; i < l.n; i++)
        found = found || memcmp(&l.v[i], medium, sizeof *medium) == 0;
    guid_list_free(&l);
    return found;
}

/* Make and record the label of `m`; returns the block. */
static void label_it(world_t *w, const NTMS_GUID *m, const NTMS_GUID *side, uint8_t block[LABEL_FREE_BLOCK])
{
    size_t len = 0;
    NTMS_GUID got;
    assert_int_equal(model_free_label_make(w->st, m, block, LABEL_FREE_BLOCK, &len, &got), 0);
    assert_int_equal(len, LABEL_FREE_BLOCK);
    assert_guid_equal(&got, side);
    assert_int_equal(model_free_label_record(w->st, side, block, len), 0);
    check_store(w->st);
}

static void test_needed(void **state)
{
    world_t w;
    NTMS_GUID side, other_side, s2;
    NTMS_OBJECTINFORMATIONA rec;
    uint8_t block[LABEL_FREE_BLOCK];
    world_init(&w, *state);

    NTMS_GUID m = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "FREE01L8", false, &side);
    NTMS_GUID got;
    assert_true(model_free_label_needed(w.st, &m, &got));
    assert_guid_equal(&got, &side);
    assert_true(listed_in_library(&w, &m));

    /* Not in Free, not Available, disabled, offline (not listed): no. */
    NTMS_GUID u = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "UNREC1L8", false, &s2);
    assert_false(model_free_label_needed(w.st, &u, NULL));
    assert_false(listed_in_library(&w, &u));
    NTMS_GUID d = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_DECOMMISSIONED, "DECOM1L8", false, &s2);
    assert_false(model_free_label_needed(w.st, &d, NULL));
    assert_false(listed_in_library(&w, &d));
    NTMS_GUID x = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "DISAB1L8", false, &s2);
    fx_get(w.st, &x, &rec);
    rec.Enabled = 0;
    assert_int_equal(store_update(w.st, &rec), 0);
    assert_false(model_free_label_needed(w.st, &x, NULL));
    assert_false(listed_in_library(&w, &x));
    NTMS_GUID off = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "OFFLN1L8", true, &s2);
    assert_true(model_free_label_needed(w.st, &off, NULL)); /* when it comes in */
    assert_false(listed_in_library(&w, &off));

    /* Another side's free label is not its own: still needed. */
    NTMS_GUID other = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "FREE02L8", false, &other_side);
    label_it(&w, &other, &other_side, block);
    assert_false(model_free_label_needed(w.st, &other, NULL));
    assert_false(listed_in_library(&w, &other));
    assert_int_equal(model_free_label_record(w.st, &side, block, sizeof block), ERROR_BAD_FORMAT);
    assert_true(model_free_label_needed(w.st, &m, NULL));
    assert_true(listed_in_library(&w, &m));
    /* ... even recorded on it (a cartridge placed in Free by a label
     * another database wrote). */
    fx_get(w.st, &other_side, &rec);
    NTMS_PARTITIONINFORMATIONA foreign = rec.Info.Partition;
    fx_get(w.st, &side, &rec);
    memcpy(rec.Info.Partition.szOmidLabelType, foreign.szOmidLabelType, sizeof foreign.szOmidLabelType);
    memcpy(rec.Info.Partition.OmidLabelId, foreign.OmidLabelId, sizeof foreign.OmidLabelId);
    rec.Info.Partition.dwOmidLabelIdLength = foreign.dwOmidLabelIdLength;
    assert_int_equal(store_update(w.st, &rec), 0);
    assert_true(model_free_label_needed(w.st, &m, NULL));
    assert_true(listed_in_library(&w, &m));
}

static void test_make_and_record(void **state)
{
    world_t w;
    NTMS_GUID side;
    NTMS_OBJECTINFORMATIONA rec;
    uint8_t block[LABEL_FREE_BLOCK], want_side[16], want_medium[16];
    label_free_t fl;
    world_init(&w, *state);

    NTMS_GUID m = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "FREE03L8", false, &side);
    label_it(&w, &m, &side, block);
    assert_true(label_free_read(block, sizeof block, &fl));
    wire_guid_to_bytes(&side, want_side);
    wire_guid_to_bytes(&m, want_medium);
    assert_memory_equal(fl.side, want_side, 16);
    assert_memory_equal(fl.medium, want_medium, 16);
    assert_string_equal(fl.name, "FREE03L8");
    assert_int_equal(fl.side_number, 0);
    assert_true(fl.written > 1700000000);

    fx_get(w.st, &side, &rec);
    assert_string_equal(rec.Info.Partition.szOmidLabelType, LABEL_FREE_TYPE);
    assert_int_equal(rec.Info.Partition.dwOmidLabelIdLength, 16);
    assert_memory_equal(rec.Info.Partition.OmidLabelId, want_side, 16);
    assert_string_equal(rec.Info.Partition.szOmidLabelInfo, "FREE03L8");
    assert_false(model_free_label_needed(w.st, &m, NULL));
    assert_false(listed_in_library(&w, &m));
    /* What a drive reads back is the recorded label. */
    assert_true(model_omid_matches(&rec.Info.Partition, block, sizeof block));

    /* Not a free label at all. */
    memset(block, 0, sizeof block);
    assert_int_equal(model_free_label_record(w.st, &side, block, sizeof block), ERROR_BAD_FORMAT);
}

/* The hook hears of media entering Free after the commit, and only then. */
static void test_free_hook(void **state)
{
    world_t w;
    NTMS_GUID side, lmid, from;
    world_init(&w, *state);
    memset(&heard, 0, sizeof heard);
    model_media_set_free_hook(on_free, NULL);

    NTMS_GUID m = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "HOOK01L8", false, &side);
    assert_int_equal(model_move_to_pool(w.st, NULL, &m, &w.import), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(heard.n, 0);
    assert_int_equal(model_move_to_pool(w.st, NULL, &m, &w.free_pool), 0);
    assert_int_equal(heard.n, 1);
    assert_guid_equal(&heard.media[0], &m);
    assert_int_equal(model_move_to_pool(w.st, NULL, &m, &w.free_pool), 0); /* already there: asks again */
    assert_int_equal(heard.n, 2);
    heard.n = 1;

    /* Allocated from Free and deallocated back (TOSCRATCH). */
    NTMS_OBJECTINFORMATIONA pool;
    fx_get(w.st, &w.app, &pool);
    pool.Info.MediaPool.AllocationPolicy = NTMS_ALLOCATE_FROMSCRATCH;
    pool.Info.MediaPool.DeallocationPolicy = NTMS_DEALLOCATE_TOSCRATCH;
    assert_int_equal(store_update(w.st, &pool), 0);
    model_alloc_t req = {.pool = w.app};
    assert_int_equal(model_allocate(w.st, NULL, &req, &lmid, &from), 0);
    assert_guid_equal(&from, &w.free_pool);
    assert_int_equal(heard.n, 1);
    assert_int_equal(model_deallocate(w.st, NULL, &lmid), 0);
    assert_int_equal(heard.n, 2);
    assert_guid_equal(&heard.media[1], &m);
    expect_pool(&w, &m, &w.free_pool);
    check_store(w.st);
    model_media_set_free_hook(NULL, NULL);
}

/* An allocation forgets the free label; other labels stay; a held side
 * whose recorded label is still ours is not checked at mount. */
static void test_allocation_forgets(void **state)
{
    world_t w;
    NTMS_GUID side, lmid, from;
    NTMS_OBJECTINFORMATIONA rec, pool;
    uint8_t block[LABEL_FREE_BLOCK], vol1[80];
    world_init(&w, *state);

    NTMS_GUID m = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "ALLOC1L8", false, &side);
    label_it(&w, &m, &side, block);
    fx_get(w.st, &w.app, &pool);
    pool.Info.MediaPool.AllocationPolicy = NTMS_ALLOCATE_FROMSCRATCH;
    assert_int_equal(store_update(w.st, &pool), 0);
    model_alloc_t req = {.pool = w.app};
    assert_int_equal(model_allocate(w.st, NULL, &req, &lmid, &from), 0);
    fx_get(w.st, &side, &rec);
    assert_int_equal(rec.Info.Partition.State, NTMS_PARTSTATE_ALLOCATED);
    assert_int_equal(rec.Info.Partition.dwOmidLabelIdLength, 0);
    assert_string_equal(rec.Info.Partition.szOmidLabelType, "");
    check_store(w.st);

    /* The mount check: an Available side with our label is checked, an
     * Allocated one is not. */
    memset(vol1, ' ', sizeof vol1);
    memcpy(vol1, "VOL1APP001", 10);
    NTMS_PARTITIONINFORMATIONA p;
    memset(&p, 0, sizeof p);
    label_info_t li;
    assert_true(label_recognize_free(block, sizeof block, &li));
    snprintf(p.szOmidLabelType, sizeof p.szOmidLabelType, "%s", li.type);
    memcpy(p.OmidLabelId, li.id, li.id_len);
    p.dwOmidLabelIdLength = (DWORD)li.id_len;
    p.State = NTMS_PARTSTATE_AVAILABLE;
    assert_false(model_omid_matches(&p, vol1, sizeof vol1));
    assert_true(model_omid_matches(&p, block, sizeof block));
    p.State = NTMS_PARTSTATE_ALLOCATED;
    assert_true(model_omid_matches(&p, vol1, sizeof vol1));
    assert_true(model_omid_matches(&p, NULL, 0)); /* not even read */

    /* A label that is not ours survives an allocation. */
    NTMS_GUID s2;
    NTMS_GUID m2 = cartridge(&w, &w.free_pool, NTMS_PARTSTATE_AVAILABLE, "ALLOC2L8", false, &s2);
    fx_get(w.st, &s2, &rec);
    snprintf(rec.Info.Partition.szOmidLabelType, sizeof rec.Info.Partition.szOmidLabelType, "ANSI");
    memcpy(rec.Info.Partition.OmidLabelId, "APP002", 6);
    rec.Info.Partition.dwOmidLabelIdLength = 6;
    assert_int_equal(store_update(w.st, &rec), 0);
    model_alloc_t req2 = {.pool = w.app, .partition = &s2};
    assert_int_equal(model_allocate(w.st, NULL, &req2, &lmid, &from), 0);
    fx_get(w.st, &s2, &rec);
    assert_string_equal(rec.Info.Partition.szOmidLabelType, "ANSI");
    assert_int_equal(rec.Info.Partition.dwOmidLabelIdLength, 6);
    (void)m2;
    check_store(w.st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_needed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_make_and_record, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_free_hook, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_allocation_forgets, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
