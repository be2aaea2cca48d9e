/*
 * test_placement.c - where a cartridge goes once its label is read
 * (model/placement.h), on a first-started store in memory: the decision
 * table on its own, then each outcome written to the store (pools, side
 * states, identifiers, merged records), each ending with store_check.
 */
#include <stdio.h>

#include "label/freelabel.h"
#include "label/label.h"
#include "model/placement.h"
#include "world.h"

/* --- the decision alone --------------------------------------------------- */

static void test_decide(void **state)
{
    static const struct {
        model_place_facts_t f;
        model_placement_t want;
    } v[] = {
        {{.has_omid = true, .same_omid = true}, MODEL_PLACE_KNOWN},
        {{.has_omid = true, .recognized = true}, MODEL_PLACE_MISMATCH},
        {{.has_omid = true, .blank = true}, MODEL_PLACE_MISMATCH},
        {{.fresh = false, .blank = true}, MODEL_PLACE_KNOWN},
        {{.fresh = false, .recognized = true}, MODEL_PLACE_IDENTIFIED},
        {{.fresh = false}, MODEL_PLACE_IDENTIFIED}, /* RAW on an application's medium */
        {{.fresh = true, .blank = true}, MODEL_PLACE_UNRECOGNIZED},
        {{.fresh = true}, MODEL_PLACE_UNRECOGNIZED},
        {{.fresh = true, .recognized = true}, MODEL_PLACE_IMPORT},
        {{.fresh = true, .recognized = true, .ours_free = true}, MODEL_PLACE_FREE},
        {{.fresh = true, .recognized = true, .other = true}, MODEL_PLACE_DUPLICATE},
        {{.fresh = true, .recognized = true, .other = true, .other_offline = true}, MODEL_PLACE_RETURNED},
        {{.fresh = true, .recognized = true, .other = true, .other_offline = true, .trusted_barcode = true},
         MODEL_PLACE_DUPLICATE},
    };
    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (model_place_decide(&v[i].f) != v[i].want)
            fail_msg("case %zu: %s, want %s", i, model_placement_name(model_place_decide(&v[i].f)),
                     model_placement_name(v[i].want));
}

/* --- on a store ------------------------------------------------------------ */

static void recognized(label_info_t *li, const char *type, const char *id, const char *name)
{
    memset(li, 0, sizeof *li);
    label_set(li, "test", type, name);
    label_set_id(li, id, strlen(id));
}

static void expect_side(world_t *w, const NTMS_GUID *side, DWORD state, const char *type, const char *id)
{
    NTMS_OBJECTINFORMATIONA rec;
    fx_get(w->st, side, &rec);
    assert_int_equal(rec.Info.Partition.State, state);
    assert_string_equal(rec.Info.Partition.szOmidLabelType, type);
    assert_int_equal(rec.Info.Partition.dwOmidLabelIdLength, strlen(id));
    assert_memory_equal(rec.Info.Partition.OmidLabelId, id, strlen(id));
}

static model_placement_t place(world_t *w, const NTMS_GUID *medium, const label_info_t *li,
                               model_place_result_t *r)
{
    assert_int_equal(model_place_label(w->st, medium, 0, li, r), 0);
    check_store(w->st);
    return r->placement;
}

static void test_never_seen(void **state)
{
    world_t w;
    label_info_t li;
    model_place_result_t r;
    NTMS_GUID side;
    NTMS_OBJECTINFORMATIONA rec;
    world_init(&w, *state);

    /* Blank: stays Unrecognized, nothing recorded. */
    NTMS_GUID m = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "", false, &side);
    label_make_raw(NULL, 0, &li);
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_UNRECOGNIZED);
    expect_pool(&w, &m, &w.unrecognized);
    expect_side(&w, &side, NTMS_PARTSTATE_FOREIGN, "", "");

    /* Unknown bytes: stays Unrecognized, kept as RAW; read again: known. */
    label_make_raw((const uint8_t *)"garbage", 7, &li);
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_UNRECOGNIZED);
    expect_side(&w, &side, NTMS_PARTSTATE_FOREIGN, "RAW", "garbage");
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_KNOWN);

    /* A recognized format: Import, renamed after its label. */
    m = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "", false, &side);
    recognized(&li, "ANSI", "ABC123", "ABC123");
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_IMPORT);
    assert_guid_equal(&r.medium, &m);
    expect_pool(&w, &m, &w.import);
    expect_side(&w, &side, NTMS_PARTSTATE_IMPORT, "ANSI", "ABC123");
    fx_get(w.st, &m, &rec);
    assert_string_equal(rec.szName, "ABC123");
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_KNOWN);

    /* Our free label: Free, Available; a bar code keeps the name. */
    m = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "FREE01L8", false, &side);
    label_free_t fl = {.written = 1};
    uint8_t block[LABEL_FREE_BLOCK];
    memset(fl.side, 0x5a, sizeof fl.side);
    label_free_write(&fl, block, sizeof block);
    assert_true(label_recognize_builtin(block, sizeof block, false, &li));
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_FREE);
    expect_pool(&w, &m, &w.free_pool);
    fx_get(w.st, &side, &rec);
    assert_int_equal(rec.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
    assert_string_equal(rec.Info.Partition.szOmidLabelType, "RSM");
    fx_get(w.st, &m, &rec);
    assert_string_equal(rec.szName, "FREE01L8");
}

static void test_known(void **state)
{
    world_t w;
    label_info_t li, other;
    model_place_result_t r;
    NTMS_GUID side;
    world_init(&w, *state);

    /* An application's medium without an identifier takes the label and
     * stays in its pool. */
    NTMS_GUID m = cartridge(&w, &w.app, NTMS_PARTSTATE_AVAILABLE, "APP001L8", false, &side);
    recognized(&li, "Bacula", "Vol-1", "Vol-1");
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_IDENTIFIED);
    expect_pool(&w, &m, &w.app);
    expect_side(&w, &side, NTMS_PARTSTATE_AVAILABLE, "Bacula", "Vol-1");
    assert_int_equal(place(&w, &m, &li, &r), MODEL_PLACE_KNOWN);

    /* Another label on it is caught and changes nothing. */
    recognized(&other, "Bacula", "Vol-2", "Vol-2");
    assert_int_equal(place(&w, &m, &other, &r), MODEL_PLACE_MISMATCH);
    expect_side(&w, &side, NTMS_PARTSTATE_AVAILABLE, "Bacula", "Vol-1");
    label_make_raw(NULL, 0, &other);
    assert_int_equal(place(&w, &m, &other, &r), MODEL_PLACE_MISMATCH);
    expect_pool(&w, &m, &w.app);

    /* Errors: no such medium, no such side. */
    NTMS_GUID bogus;
    memset(&bogus, 0x42, sizeof bogus);
    assert_int_equal(model_place_label(w.st, &bogus, 0, &li, &r), ERROR_INVALID_MEDIA);
    assert_int_equal(model_place_label(w.st, &m, 1, &li, &r), ERROR_INVALID_PARAMETER);
}

static void test_duplicate_and_returned(void **state)
{
    world_t w;
    label_info_t li;
    model_place_result_t r;
    NTMS_GUID side_a, side_b, side_c;
    NTMS_OBJECTINFORMATIONA rec;
    world_init(&w, *state);
    recognized(&li, "MTF", "0123456789abcdef", "Set 1");

    /* A copy of a medium that is in a library: its own record, in Import,
     * the same identifier; the original is untouched. */
    NTMS_GUID a = cartridge(&w, &w.app, NTMS_PARTSTATE_AVAILABLE, "ORIG01L8", false, &side_a);
    assert_int_equal(place(&w, &a, &li, &r), MODEL_PLACE_IDENTIFIED);
    NTMS_GUID b = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "COPY01L8", false, &side_b);
    assert_int_equal(place(&w, &b, &li, &r), MODEL_PLACE_DUPLICATE);
    assert_guid_equal(&r.other, &a);
    expect_pool(&w, &b, &w.import);
    expect_side(&w, &side_b, NTMS_PARTSTATE_IMPORT, "MTF", "0123456789abcdef");
    expect_pool(&w, &a, &w.app);

    /* An offline medium whose cartridge comes back without a bar code:
     * the new record merges into it, and it is in the slot now. */
    label_info_t back;
    recognized(&back, "MTF", "fedcba9876543210", "Set 2");
    NTMS_GUID off = cartridge(&w, &w.app, NTMS_PARTSTATE_AVAILABLE, "", true, &side_c);
    NTMS_OBJECTINFORMATIONA srec;
    fx_get(w.st, &side_c, &srec);
    srec.Info.Partition.dwOmidLabelIdLength = 16;
    memcpy(srec.Info.Partition.OmidLabelId, "fedcba9876543210", 16);
    snprintf(srec.Info.Partition.szOmidLabelType, sizeof srec.Info.Partition.szOmidLabelType, "MTF");
    assert_int_equal(store_update(w.st, &srec), 0);
    NTMS_GUID side_n, fresh = cartridge(&w, &w.unrecognized, NTMS_PARTSTATE_FOREIGN, "", false, &side_n);
    assert_int_equal(place(&w, &fresh, &back, &r), MODEL_PLACE_RETURNED);
    assert_guid_equal(&r.medium, &off);
    assert_int_equal(store_get(w.st, &fresh, &rec), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_get(w.st, &side_n, &rec), ERROR_OBJECT_NOT_FOUND);
    fx_get(w.st, &off, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &w.lib);
    assert_guid_equal(&rec.Info.PhysicalMedia.Location, &w.slot);
    assert_guid_equal(&rec.Info.PhysicalMedia.MediaPool, &w.app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decide),
        cmocka_unit_test_setup_teardown(test_never_seen, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_known, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_and_returned, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
