/*
 * test_store_enumerate.c - store_enumerate and store_count for every
 * container relation of EnumerateNtmsObject, their errors, and store_check
 * against rows broken on purpose with raw SQL.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

#define WORLD                                                                                      \
    fx_world_db_t *c = *state;                                                                        \
    store_t *st = c->db.st;                                                                        \
    const fx_world_t *w = &c->w

/* The list must be exactly `want` in this order, and the count must agree. */
static void expect_list(store_t *st, const NTMS_GUID *container, DWORD type, const NTMS_GUID *const *want,
                        size_t n)
{
    guid_list_t l = {0};
    size_t count = 12345;
    assert_int_equal(store_enumerate(st, container, type, &l), 0);
    assert_int_equal(l.n, n);
    for (size_t i = 0; i < n; i++)
        assert_true(fx_guid_eq(&l.v[i], want[i]));
    assert_int_equal(store_count(st, container, type, &count), 0);
    assert_int_equal(count, n);
    guid_list_free(&l);
}

#define EXPECT(container, type, ...)                                                               \
    do {                                                                                           \
        const NTMS_GUID *want_[] = {__VA_ARGS__};                                                  \
        expect_list(st, container, type, want_, sizeof want_ / sizeof want_[0]);                   \
    } while (0)
#define EXPECT_NONE(container, type) expect_list(st, container, type, NULL, 0)

static void test_library_container(void **state)
{
    WORLD;
    const NTMS_GUID *lib = &w->library;
    EXPECT(lib, NTMS_CHANGER, &w->changer);
    EXPECT(lib, NTMS_DRIVE, &w->drive);
    EXPECT(lib, NTMS_IEDOOR, &w->door);
    EXPECT(lib, NTMS_IEPORT, &w->port);
    EXPECT(lib, NTMS_STORAGESLOT, &w->slot[0], &w->slot[1]);
    EXPECT(lib, NTMS_LIBREQUEST, &w->libreq);
    EXPECT(lib, NTMS_MEDIA_TYPE, &w->media_type);
    EXPECT(lib, NTMS_PHYSICAL_MEDIA, &w->pmid);

    /* a second library holds none of them */
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_LIBRARY, "offline");
    assert_int_equal(store_insert(st, &o), 0);
    EXPECT_NONE(&o.ObjectGuid, NTMS_DRIVE);
    EXPECT_NONE(&o.ObjectGuid, NTMS_MEDIA_TYPE);
    EXPECT_NONE(&o.ObjectGuid, NTMS_PHYSICAL_MEDIA);
    /* ... but the NULL container sees both libraries, in creation order */
    EXPECT(NULL, NTMS_LIBRARY, &w->library, &o.ObjectGuid);
}

static void test_pool_and_media_containers(void **state)
{
    WORLD;
    EXPECT(&w->free, NTMS_MEDIA_POOL, &w->free_sub);
    EXPECT_NONE(&w->app, NTMS_MEDIA_POOL);
    EXPECT(&w->app, NTMS_PHYSICAL_MEDIA, &w->pmid);
    EXPECT(&w->app, NTMS_LOGICAL_MEDIA, &w->lmid);
    EXPECT(&w->app, NTMS_PARTITION, &w->side[0], &w->side[1]);
    EXPECT_NONE(&w->free_sub, NTMS_PHYSICAL_MEDIA);
    EXPECT_NONE(&w->free_sub, NTMS_PARTITION);

    EXPECT(&w->pmid, NTMS_PARTITION, &w->side[0], &w->side[1]);
    EXPECT(&w->lmid, NTMS_PARTITION, &w->side[0], &w->side[1]);
    EXPECT(&w->side[0], NTMS_LOGICAL_MEDIA, &w->lmid);

    /* a medium of its own in the Free sub-pool, with an unallocated side */
    NTMS_GUID pmid;
    fx_add_media(st, &w->free_sub, &w->media_type, NULL, 1, &pmid);
    guid_list_t sides = {0};
    assert_int_equal(store_enumerate(st, &pmid, NTMS_PARTITION, &sides), 0);
    assert_int_equal(sides.n, 1);
    EXPECT_NONE(&sides.v[0], NTMS_LOGICAL_MEDIA);
    EXPECT(&w->free_sub, NTMS_PHYSICAL_MEDIA, &pmid);
    EXPECT(&w->free_sub, NTMS_PARTITION, &sides.v[0]);
    EXPECT(NULL, NTMS_PHYSICAL_MEDIA, &w->pmid, &pmid);
    EXPECT(NULL, NTMS_PARTITION, &w->side[0], &w->side[1], &sides.v[0]);
    guid_list_free(&sides);
}

static void test_null_container(void **state)
{
    WORLD;
    /* top-level pools only, never the root pool */
    EXPECT(NULL, NTMS_MEDIA_POOL, &w->free, &w->app);
    NTMS_GUID zero = {0};
    EXPECT(&zero, NTMS_MEDIA_POOL, &w->free, &w->app); /* GUID_NULL is NULL */
    EXPECT_NONE(&w->root, NTMS_MEDIA_POOL);
    NTMS_GUID late;
    assert_int_equal(fx_add_pool(st, NULL, "Late", NTMS_POOLTYPE_APPLICATION, NULL, &late), 0);
    EXPECT(NULL, NTMS_MEDIA_POOL, &w->free, &w->app, &late);

    EXPECT(NULL, NTMS_COMPUTER, &w->computer);
    EXPECT(NULL, NTMS_CHANGER_TYPE, &w->changer_type);
    EXPECT(NULL, NTMS_DRIVE_TYPE, &w->drive_type);
    EXPECT(NULL, NTMS_OPREQUEST, &w->opreq);
    EXPECT(NULL, NTMS_STORAGESLOT, &w->slot[0], &w->slot[1]);
    EXPECT(NULL, NTMS_LOGICAL_MEDIA, &w->lmid);
}

static void test_creation_order(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA o;
    NTMS_GUID more[3];
    /* GUIDs that sort before the earlier ones must still come after them */
    for (int i = 0; i < 3; i++) {
        fx_init(&o, NTMS_STORAGESLOT, "late slot");
        o.ObjectGuid.Data1 = (uint32_t)(3 - i);
        o.Info.StorageSlot.Library = w->library;
        more[i] = o.ObjectGuid;
        assert_int_equal(store_insert(st, &o), 0);
    }
    EXPECT(&w->library, NTMS_STORAGESLOT, &w->slot[0], &w->slot[1], &more[0], &more[1], &more[2]);
    /* a deleted object leaves the order of the others alone */
    assert_int_equal(store_delete(st, &more[1]), 0);
    EXPECT(NULL, NTMS_STORAGESLOT, &w->slot[0], &w->slot[1], &more[0], &more[2]);
}

static void test_container_errors(void **state)
{
    WORLD;
    guid_list_t l = {0};
    size_t n;
    static const struct {
        int container; /* index into the list below */
        DWORD type;
    } wrong[] = {
        {0, NTMS_MEDIA_POOL}, {0, NTMS_LIBRARY},      {0, NTMS_PARTITION},     {0, NTMS_COMPUTER},
        {1, NTMS_DRIVE},      {1, NTMS_MEDIA_TYPE},   {2, NTMS_LOGICAL_MEDIA}, {2, NTMS_PHYSICAL_MEDIA},
        {3, NTMS_PHYSICAL_MEDIA}, {4, NTMS_PHYSICAL_MEDIA}, {5, NTMS_STORAGESLOT}, {6, NTMS_OPREQUEST},
    };
    const NTMS_GUID *containers[] = {&w->library, &w->app,   &w->pmid,    &w->lmid,
                                     &w->side[0], &w->drive, &w->computer};

    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        const NTMS_GUID *container = containers[wrong[i].container];
        assert_int_equal(store_enumerate(st, container, wrong[i].type, &l), ERROR_INVALID_PARAMETER);
        assert_int_equal(store_count(st, container, wrong[i].type, &n), ERROR_INVALID_PARAMETER);
    }
    /* types without storage */
    assert_int_equal(store_enumerate(st, NULL, NTMS_UNKNOWN, &l), ERROR_INVALID_PARAMETER);
    assert_int_equal(store_enumerate(st, NULL, NTMS_UI_DESTINATION, &l), ERROR_INVALID_PARAMETER);
    assert_int_equal(store_enumerate(st, NULL, 4242, &l), ERROR_INVALID_PARAMETER);

    NTMS_GUID unknown;
    fx_guid(&unknown);
    assert_int_equal(store_enumerate(st, &unknown, NTMS_DRIVE, &l), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_count(st, &unknown, NTMS_DRIVE, &n), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(l.n, 0);
    guid_list_free(&l);
}

/* --- store_check --------------------------------------------------------- */

static void test_check_side_count(void **state)
{
    fx_world_db_t *c = *state;
    char mt[40], sql[160];
    fx_guid_sql(&c->w.media_type, mt);
    snprintf(sql, sizeof sql, "UPDATE media_type SET number_of_sides = 3 WHERE guid = %s", mt);
    fx_expect_problem(&c->db, sql, "has 2 side(s) but its media type has 3");
}

static void test_check_media_in_root_pool(void **state)
{
    fx_world_db_t *c = *state;
    char root[40], sql[160];
    fx_guid_sql(&c->w.root, root);
    snprintf(sql, sizeof sql, "UPDATE physical_media SET media_pool = %s", root);
    fx_expect_problem(&c->db, sql, "is in no media pool that can hold media");
}

static void test_check_logical_media_pool(void **state)
{
    fx_world_db_t *c = *state;
    char sub[40], sql[160];
    fx_guid_sql(&c->w.free_sub, sub);
    snprintf(sql, sizeof sql, "UPDATE logical_media SET media_pool = %s", sub);
    fx_expect_problem(&c->db, sql, "which is in another pool");
}

static void test_check_dangling_reference(void **state)
{
    fx_world_db_t *c = *state;
    fx_expect_problem(&c->db, "UPDATE drive SET library = x'00112233445566778899aabbccddeeff'",
                   "of table drive refers to a missing row of library");
}

static void test_check_missing_detail_row(void **state)
{
    fx_world_db_t *c = *state;
    char guid[37];
    wire_guid_to_string(&c->w.door, guid);
    fx_expect_problem(&c->db, "DELETE FROM ie_door", guid);
}

static void test_check_pool_cycle(void **state)
{
    fx_world_db_t *c = *state;
    char free_pool[40], sub[40], sql[200];
    fx_guid_sql(&c->w.free, free_pool);
    fx_guid_sql(&c->w.free_sub, sub);
    snprintf(sql, sizeof sql, "UPDATE media_pool SET parent = %s WHERE guid = %s", sub, free_pool);
    fx_expect_problem(&c->db, sql, "is its own ancestor");
}

static void test_check_foreign_mounted_side(void **state)
{
    fx_world_db_t *c = *state;
    NTMS_GUID other;
    fx_add_media(c->db.st, &c->w.free_sub, &c->w.media_type, NULL, 2, &other);
    char side[40], pmid[40], sql[200];
    fx_guid_sql(&c->w.side[0], side);
    fx_guid_sql(&other, pmid);
    snprintf(sql, sizeof sql, "UPDATE physical_media SET mounted_partition = %s WHERE guid = %s", side, pmid);
    fx_expect_problem(&c->db, sql, "of another medium mounted");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_world_setup, fx_world_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_library_container),
        T(test_pool_and_media_containers),
        T(test_null_container),
        T(test_creation_order),
        T(test_container_errors),
        T(test_check_side_count),
        T(test_check_media_in_root_pool),
        T(test_check_logical_media_pool),
        T(test_check_dangling_reference),
        T(test_check_missing_detail_row),
        T(test_check_pool_cycle),
        T(test_check_foreign_mounted_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
