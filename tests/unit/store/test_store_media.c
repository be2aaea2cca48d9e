/*
 * test_store_media.c - store_media.h (which side an allocation takes,
 * sides by on-media identifier, counts by media type) and the media
 * life-cycle rules of store_check, on the fixture's world: an application
 * pool holding a two-sided medium whose sides are both allocated to one
 * logical medium.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_media.h"

/* Set every side of `pmid` to `state`. */
static void set_sides(store_t *st, const NTMS_GUID *pmid, DWORD state)
{
    guid_list_t l = {0};
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(store_enumerate(st, pmid, NTMS_PARTITION, &l), 0);
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(store_get(st, &l.v[i], &o), 0);
        o.Info.Partition.State = state;
        assert_int_equal(store_update(st, &o), 0);
    }
    guid_list_free(&l);
}

static DWORD side_number(store_t *st, const NTMS_GUID *side, NTMS_GUID *pmid)
{
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(store_get(st, side, &o), 0);
    *pmid = o.Info.Partition.PhysicalMedia;
    return o.Info.Partition.Side;
}

static void test_pick_side(void **state)
{
    fx_world_db_t *c = *state;
    store_t *st = c->db.st;
    const fx_world_t *w = &c->w;
    NTMS_GUID shelf, robot, side, pmid;
    NTMS_OBJECTINFORMATIONA o;

    assert_int_equal(store_media_pick_side(st, &w->free_sub, 0, &side), ERROR_OBJECT_NOT_FOUND);
    /* Created first, but offline (no library): picked after the one in a
     * library. */
    fx_add_media(st, &w->free_sub, &w->media_type, NULL, 2, &shelf);
    fx_add_media(st, &w->free_sub, &w->media_type, &w->library, 2, &robot);
    assert_int_equal(store_media_pick_side(st, &w->free_sub, 0, &side), ERROR_OBJECT_NOT_FOUND);
    set_sides(st, &shelf, NTMS_PARTSTATE_AVAILABLE);
    set_sides(st, &robot, NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(store_media_pick_side(st, &w->free_sub, 0, &side), 0);
    assert_int_equal(side_number(st, &side, &pmid), 0);
    assert_true(fx_guid_eq(&pmid, &robot));

    /* One side of the robot's medium taken: a whole medium is the shelf's. */
    assert_int_equal(store_get(st, &side, &o), 0);
    o.Info.Partition.State = NTMS_PARTSTATE_DECOMMISSIONED;
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_media_pick_side(st, &w->free_sub, 0, &side), 0);
    assert_int_equal(side_number(st, &side, &pmid), 1);
    assert_true(fx_guid_eq(&pmid, &robot));
    assert_int_equal(store_media_pick_side(st, &w->free_sub, 1, &side), 0);
    assert_true(side_number(st, &side, &pmid) == 0 && fx_guid_eq(&pmid, &shelf));

    /* A disabled medium is never picked. */
    assert_int_equal(store_get(st, &shelf, &o), 0);
    o.Enabled = FALSE;
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_media_pick_side(st, &w->free_sub, 1, &side), ERROR_OBJECT_NOT_FOUND);
}

static void test_omid_and_counts(void **state)
{
    fx_world_db_t *c = *state;
    store_t *st = c->db.st;
    const fx_world_t *w = &c->w;
    const uint8_t id[6] = {0, 7, 14, 21, 28, 35}, other[6] = {1, 2, 3, 4, 5, 6};
    NTMS_GUID side;
    size_t n;

    assert_int_equal(store_media_find_omid(st, "MTF Media Label", id, sizeof id, &side), 0);
    assert_true(fx_guid_eq(&side, &w->side[0]));
    assert_int_equal(store_media_find_omid(st, "MTF Media Label", other, sizeof other, &side),
                     ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_media_find_omid(st, "tar", id, sizeof id, &side), ERROR_OBJECT_NOT_FOUND);

    assert_int_equal(store_media_count_of_type(st, &w->media_type, NULL, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_media_count_of_type(st, &w->media_type, &w->library, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_media_count_of_type(st, &w->media_type, &w->computer, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_media_type_libraries(st, &w->media_type, &n), 0);
    assert_int_equal(n, 1);
}

/* --- store_check: the media life cycle ----------------------------------- */

static void test_check_allocated_without_lmid(void **state)
{
    fx_world_db_t *c = *state;
    char side[40], sql[160];
    fx_guid_sql(&c->w.side[0], side);
    snprintf(sql, sizeof sql, "UPDATE side SET state = %d WHERE guid = %s", NTMS_PARTSTATE_AVAILABLE, side);
    fx_expect_problem(&c->db, sql, "but belongs to a logical media");
}

static void test_check_lmid_without_side(void **state)
{
    fx_world_db_t *c = *state;
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE side SET state = %d, logical_media = NULL", NTMS_PARTSTATE_AVAILABLE);
    fx_expect_problem(&c->db, sql, "has no side");
}

static void test_check_held_outside_application_pool(void **state)
{
    fx_world_db_t *c = *state;
    char app[40], sql[160];
    fx_guid_sql(&c->w.app, app);
    snprintf(sql, sizeof sql, "UPDATE media_pool SET pool_type = %d WHERE guid = %s", NTMS_POOLTYPE_IMPORT, app);
    fx_expect_problem(&c->db, sql, "is not in an application pool");
}

static void test_check_reserved_alone(void **state)
{
    fx_world_db_t *c = *state;
    char lmid[40], sql[300];
    fx_guid_sql(&c->w.lmid, lmid);
    snprintf(sql, sizeof sql,
             "UPDATE side SET state = %d, logical_media = NULL; DELETE FROM logical_media WHERE guid = %s; "
             "DELETE FROM object WHERE guid = %s",
             NTMS_PARTSTATE_RESERVED, lmid, lmid);
    fx_expect_problem(&c->db, sql, "is reserved but no side");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_world_setup, fx_world_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_pick_side),
        T(test_omid_and_counts),
        T(test_check_allocated_without_lmid),
        T(test_check_lmid_without_side),
        T(test_check_held_outside_application_pool),
        T(test_check_reserved_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
