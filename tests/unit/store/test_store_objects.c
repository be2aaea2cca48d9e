/*
 * test_store_objects.c - insert/get/update/delete of every object type,
 * derived counts, references, uniqueness and the lookups.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_media.h"
#include "wire.h"

struct ctx {
    store_t *st;
    fx_world_t w;
};

static int setup_world(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->st = fx_open_memory();
    fx_build_world(c->st, &c->w);
    *state = c;
    return 0;
}

static int teardown_world(void **state)
{
    struct ctx *c = *state;
    store_close(c->st);
    free(c);
    return 0;
}

#define WORLD                                                                                      \
    struct ctx *c = *state;                                                                        \
    store_t *st = c->st;                                                                           \
    const fx_world_t *w = &c->w

/* fx_build_world verified each object as it inserted it; check that the
 * world really holds one object of every type the API stores. */
static void test_round_trip_every_type(void **state)
{
    WORLD;
    (void)w;
    static const struct {
        DWORD type;
        size_t n;
    } expect[] = {
        {NTMS_CHANGER, 1},    {NTMS_CHANGER_TYPE, 1}, {NTMS_COMPUTER, 1},       {NTMS_DRIVE, 1},
        {NTMS_DRIVE_TYPE, 1}, {NTMS_IEDOOR, 1},       {NTMS_IEPORT, 1},         {NTMS_LIBRARY, 1},
        {NTMS_LIBREQUEST, 1}, {NTMS_LOGICAL_MEDIA, 1}, {NTMS_MEDIA_POOL, 2},    {NTMS_MEDIA_TYPE, 1},
        {NTMS_PARTITION, 2},  {NTMS_PHYSICAL_MEDIA, 1}, {NTMS_STORAGESLOT, 2},  {NTMS_OPREQUEST, 1},
    };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        size_t n = 99;
        assert_int_equal(store_count(st, NULL, expect[i].type, &n), 0);
        assert_int_equal(n, expect[i].n); /* media pools: Free and Backup are top level */
    }
}

/* n more objects of a library-contained type in the world's library */
static void add_to_library(store_t *st, const NTMS_GUID *lib, DWORD type, int n)
{
    for (int i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        fx_init(&o, type, "extra");
        switch (type) {
        case NTMS_DRIVE: o.Info.Drive.Library = *lib; break;
        case NTMS_STORAGESLOT: o.Info.StorageSlot.Library = *lib; break;
        case NTMS_IEDOOR: o.Info.IEDoor.Library = *lib; break;
        case NTMS_IEPORT: o.Info.IEPort.Library = *lib; break;
        case NTMS_CHANGER: o.Info.Changer.Library = *lib; break;
        case NTMS_LIBREQUEST: o.Info.LibRequest.Library = *lib; break;
        case NTMS_MEDIA_TYPE: o.Info.MediaType.NumberOfSides = 1; break;
        default: fail_msg("type %u has no library", (unsigned)type);
        }
        assert_int_equal(store_insert(st, &o), 0);
        if (type == NTMS_MEDIA_TYPE)
            assert_int_equal(store_add_library_media_type(st, lib, &o.ObjectGuid), 0);
    }
}

/* Every count is different, so a count computed from the wrong table or
 * column cannot pass by coincidence. */
static void test_derived_counts(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA o;
    NTMS_GUID g;

    add_to_library(st, &w->library, NTMS_IEDOOR, 2);       /* 3 */
    add_to_library(st, &w->library, NTMS_IEPORT, 3);       /* 4 */
    add_to_library(st, &w->library, NTMS_CHANGER, 4);      /* 5 */
    add_to_library(st, &w->library, NTMS_MEDIA_TYPE, 6);   /* 7 */
    add_to_library(st, &w->library, NTMS_LIBREQUEST, 7);   /* 8 */
    for (int i = 0; i < 5; i++)                             /* 6 media */
        fx_add_media(st, &w->app, &w->media_type, &w->library, 2, &g);
    fx_add_media(st, &w->app, &w->media_type, NULL, 2, &g); /* not in the library */
    assert_int_equal(fx_add_pool(st, &w->free, "sub 2", NTMS_POOLTYPE_SCRATCH, NULL, &g), 0);
    assert_int_equal(fx_add_pool(st, &w->free, "sub 3", NTMS_POOLTYPE_SCRATCH, NULL, &g), 0);
    fx_init(&o, NTMS_LOGICAL_MEDIA, "in free");
    o.Info.LogicalMedia.MediaPool = w->free;
    assert_int_equal(store_insert(st, &o), 0);

    assert_int_equal(store_get(st, &w->library, &o), 0);
    const NTMS_LIBRARYINFORMATION *li = &o.Info.Library;
    assert_int_equal(li->dwNumberOfDrives, 1);
    assert_int_equal(li->dwNumberOfSlots, 2);
    assert_int_equal(li->dwNumberOfDoors, 3);
    assert_int_equal(li->dwNumberOfPorts, 4);
    assert_int_equal(li->dwNumberOfChangers, 5);
    assert_int_equal(li->dwNumberOfMedia, 6);
    assert_int_equal(li->dwNumberOfMediaTypes, 7);
    assert_int_equal(li->dwNumberOfLibRequests, 8);

    assert_int_equal(store_get(st, &w->app, &o), 0);
    assert_int_equal(o.Info.MediaPool.dwNumberOfPhysicalMedia, 7);
    assert_int_equal(o.Info.MediaPool.dwNumberOfLogicalMedia, 1);
    assert_int_equal(o.Info.MediaPool.dwNumberOfMediaPools, 0);
    assert_int_equal(store_get(st, &w->free, &o), 0);
    assert_int_equal(o.Info.MediaPool.dwNumberOfPhysicalMedia, 0);
    assert_int_equal(o.Info.MediaPool.dwNumberOfLogicalMedia, 1);
    assert_int_equal(o.Info.MediaPool.dwNumberOfMediaPools, 3);
    /* the top-level pools are not the root pool's children */
    assert_int_equal(store_get(st, &w->root, &o), 0);
    assert_int_equal(o.Info.MediaPool.dwNumberOfMediaPools, 0);

    /* sides: both on the medium; one leaves the logical medium */
    assert_int_equal(store_get(st, &w->side[1], &o), 0);
    memset(&o.Info.Partition.LogicalMedia, 0, sizeof(NTMS_GUID));
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &w->pmid, &o), 0);
    assert_int_equal(o.Info.PhysicalMedia.dwNumberOfPartitions, 2);
    assert_int_equal(store_get(st, &w->lmid, &o), 0);
    assert_int_equal(o.Info.LogicalMedia.dwNumberOfPartitions, 1);
}

static void test_update(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA before, o, after;
    assert_int_equal(store_get(st, &w->library, &before), 0);

    o = before;
    o.Info.Library.CleanerSlot = w->slot[1];
    o.Info.Library.dwFlags = 0x2;
    o.Enabled = 0;
    snprintf(o.szName, sizeof o.szName, "renamed");
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &o.ObjectGuid, &after), 0);
    assert_string_equal(after.szName, "renamed");
    assert_int_equal(after.Enabled, 0);
    assert_int_equal(after.Info.Library.dwFlags, 0x2);
    assert_true(fx_guid_eq(&after.Info.Library.CleanerSlot, &w->slot[1]));
    assert_int_equal(after.Info.Library.dwNumberOfSlots, 2);
    assert_memory_equal(&after.Created, &before.Created, sizeof after.Created);
    int64_t m0 = wire_time_from_systemtime(&before.Modified), m1 = wire_time_from_systemtime(&after.Modified);
    assert_true(m1 > m0);

    /* Modified moves even for two updates within one millisecond */
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &o.ObjectGuid, &after), 0);
    assert_true(wire_time_from_systemtime(&after.Modified) >= m1 + 2);

    /* a bad reference undoes the whole update, common fields included */
    NTMS_OBJECTINFORMATIONA bad = o;
    snprintf(bad.szName, sizeof bad.szName, "must not stick");
    fx_guid(&bad.Info.Library.CleanerSlot);
    assert_int_equal(store_update(st, &bad), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_get(st, &o.ObjectGuid, &after), 0);
    assert_string_equal(after.szName, "renamed");

    /* the type must match the stored object */
    bad = o;
    bad.dwType = NTMS_DRIVE;
    assert_int_equal(store_update(st, &bad), ERROR_INVALID_PARAMETER);
    fx_guid(&bad.ObjectGuid);
    bad.dwType = NTMS_LIBRARY;
    assert_int_equal(store_update(st, &bad), ERROR_OBJECT_NOT_FOUND);
}

/* store_update names only the indexed columns that change (update.c):
 * whatever changes still reaches the row and the lookups through its
 * indexes, and an update that changes nothing leaves the row as it was. */
static void test_update_changed_columns(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA o, after;
    NTMS_GUID found, pool;

    /* an indexed reference moves, and the lookup by it follows */
    assert_int_equal(store_get(st, &w->pmid, &o), 0);
    o.Info.PhysicalMedia.Location = w->slot[0];
    o.Info.PhysicalMedia.LocationType = NTMS_STORAGESLOT;
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_media_at(st, &w->slot[0], &found), 0);
    assert_true(fx_guid_eq(&found, &w->pmid));
    o.Info.PhysicalMedia.Location = w->slot[1];
    o.Info.PhysicalMedia.dwNumberOfPartitions = 99; /* derived: ignored */
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_media_at(st, &w->slot[0], &found), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_media_at(st, &w->slot[1], &found), 0);
    assert_int_equal(store_get(st, &w->pmid, &after), 0);
    assert_true(fx_guid_eq(&after.Info.PhysicalMedia.Location, &w->slot[1]));
    assert_int_equal(after.Info.PhysicalMedia.dwNumberOfPartitions, 2);

    /* a rename in case only is kept (the pool's name column compares
     * without case; the update compares exactly) */
    assert_int_equal(fx_add_pool(st, NULL, "Vault", NTMS_POOLTYPE_APPLICATION, NULL, &pool), 0);
    assert_int_equal(store_get(st, &pool, &o), 0);
    snprintf(o.szName, sizeof o.szName, "VAULT");
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &pool, &after), 0);
    assert_string_equal(after.szName, "VAULT");
    assert_int_equal(store_find_pool(st, NULL, "vault", &found), 0);
    assert_true(fx_guid_eq(&found, &pool));

    /* nothing changed but Modified */
    assert_int_equal(store_get(st, &w->libreq, &o), 0);
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &w->libreq, &after), 0);
    assert_memory_equal(&after.Info.LibRequest, &o.Info.LibRequest, sizeof o.Info.LibRequest);

    /* a reference set to none, then back */
    o.Info.LibRequest.DriveId = (NTMS_GUID){0};
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &w->libreq, &after), 0);
    assert_true(wire_guid_is_null(&after.Info.LibRequest.DriveId));
    o.Info.LibRequest.DriveId = w->drive;
    o.Info.LibRequest.State = NTMS_LM_PASSED;
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_get(st, &w->libreq, &after), 0);
    assert_true(fx_guid_eq(&after.Info.LibRequest.DriveId, &w->drive));
    assert_int_equal(after.Info.LibRequest.State, NTMS_LM_PASSED);
}

static void test_insert_errors(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA o;

    fx_init(&o, NTMS_STORAGESLOT, "slot");
    memset(&o.ObjectGuid, 0, sizeof o.ObjectGuid);
    assert_int_equal(store_insert(st, &o), ERROR_INVALID_PARAMETER);
    fx_init(&o, NTMS_UI_DESTINATION, "no storage");
    assert_int_equal(store_insert(st, &o), ERROR_INVALID_PARAMETER);
    fx_init(&o, NTMS_UNKNOWN, "no storage");
    assert_int_equal(store_insert(st, &o), ERROR_INVALID_PARAMETER);

    /* duplicate GUID */
    fx_init(&o, NTMS_STORAGESLOT, "slot");
    o.Info.StorageSlot.Library = w->library;
    assert_int_equal(store_insert(st, &o), 0);
    assert_int_equal(store_insert(st, &o), ERROR_ALREADY_EXISTS);

    /* references: unknown object, and an object of the wrong type */
    fx_init(&o, NTMS_STORAGESLOT, "slot");
    fx_guid(&o.Info.StorageSlot.Library);
    assert_int_equal(store_insert(st, &o), ERROR_OBJECT_NOT_FOUND);
    o.Info.StorageSlot.Library = w->app;
    assert_int_equal(store_insert(st, &o), ERROR_OBJECT_NOT_FOUND);
    DWORD type;
    assert_int_equal(store_type_of(st, &o.ObjectGuid, &type), ERROR_OBJECT_NOT_FOUND);

    /* a physical medium must be in a pool and of a media type */
    fx_init(&o, NTMS_PHYSICAL_MEDIA, "tape");
    assert_int_equal(store_insert(st, &o), ERROR_INVALID_PARAMETER);

    /* an OMID label longer than its array */
    fx_init(&o, NTMS_PARTITION, "side");
    o.Info.Partition.dwOmidLabelIdLength = NTMS_OMIDLABELID_LENGTH + 1;
    assert_int_equal(store_insert(st, &o), ERROR_INVALID_PARAMETER);

    /* one computer, one root pool */
    fx_init(&o, NTMS_COMPUTER, "second");
    assert_int_equal(store_insert(st, &o), ERROR_ALREADY_EXISTS);
    fx_init(&o, NTMS_MEDIA_POOL, "second root");
    o.Info.MediaPool.PoolType = NTMS_POOLTYPE_UNKNOWN;
    assert_int_equal(store_insert(st, &o), ERROR_ALREADY_EXISTS);
}

/* Inside a transaction store_insert runs without a savepoint: a detail row
 * refused after the object row went in must take that row back, leave the
 * transaction usable, and let it commit a consistent database. */
static void test_insert_errors_in_transaction(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA slot, side;
    DWORD type;
    size_t before, after;
    char why[256];

    assert_int_equal(store_count(st, NULL, NTMS_STORAGESLOT, &before), 0);
    assert_int_equal(store_begin(st), 0);

    /* the slot's library does not exist: its object row went in first */
    fx_init(&slot, NTMS_STORAGESLOT, "orphan slot");
    fx_guid(&slot.Info.StorageSlot.Library);
    assert_int_equal(store_insert(st, &slot), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &slot.ObjectGuid, &type), ERROR_OBJECT_NOT_FOUND);

    /* a side of a medium that does not exist */
    fx_init(&side, NTMS_PARTITION, "orphan side");
    fx_guid(&side.Info.Partition.PhysicalMedia);
    assert_int_equal(store_insert(st, &side), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &side.ObjectGuid, &type), ERROR_OBJECT_NOT_FOUND);

    /* the transaction goes on: the slot's GUID is free for a good insert */
    slot.Info.StorageSlot.Library = w->library;
    assert_int_equal(store_insert(st, &slot), 0);
    assert_int_equal(store_commit(st), 0);

    assert_int_equal(store_type_of(st, &slot.ObjectGuid, &type), 0);
    assert_int_equal(type, NTMS_STORAGESLOT);
    assert_int_equal(store_type_of(st, &side.ObjectGuid, &type), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_count(st, NULL, NTMS_STORAGESLOT, &after), 0);
    assert_int_equal(after, before + 1);
    assert_int_equal(store_check(st, why, sizeof why), 0);
}

static void test_delete(void **state)
{
    WORLD;
    NTMS_OBJECTINFORMATIONA o;

    /* still referenced: refused, and nothing changes */
    assert_int_equal(store_delete(st, &w->library), ERROR_NOT_EMPTY);
    assert_int_equal(store_get(st, &w->library, &o), 0);
    assert_int_equal(o.Info.Library.dwNumberOfDoors, 1);
    assert_int_equal(store_delete(st, &w->media_type), ERROR_NOT_EMPTY);
    assert_int_equal(store_delete(st, &w->app), ERROR_NOT_EMPTY);
    assert_int_equal(store_delete(st, &w->pmid), ERROR_NOT_EMPTY);
    assert_int_equal(store_get(st, &w->pmid, &o), 0);
    assert_int_equal(o.Info.PhysicalMedia.dwNumberOfPartitions, 2);

    /* nothing refers to the door */
    assert_int_equal(store_delete(st, &w->door), 0);
    assert_int_equal(store_get(st, &w->door, &o), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_delete(st, &w->door), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_delete(st, NULL), ERROR_INVALID_PARAMETER);

    /* a request is history: deleting its drive clears the reference */
    assert_int_equal(store_delete(st, &w->drive), 0);
    assert_int_equal(store_get(st, &w->libreq, &o), 0);
    NTMS_GUID zero = {0};
    assert_true(fx_guid_eq(&o.Info.LibRequest.DriveId, &zero));
    assert_true(fx_guid_eq(&o.Info.LibRequest.Library, &w->library));
    assert_true(fx_guid_eq(&o.Info.LibRequest.PhysMediaId, &w->pmid));
}

static void test_pool_names(void **state)
{
    WORLD;
    NTMS_GUID free_pool, a, b, found;
    assert_int_equal(store_find_pool(st, NULL, "FREE", &free_pool), 0); /* case-insensitive */
    assert_true(fx_guid_eq(&free_pool, &w->free));

    /* top-level siblings */
    const DWORD app = NTMS_POOLTYPE_APPLICATION;
    assert_int_equal(fx_add_pool(st, NULL, "free", app, NULL, &a), ERROR_ALREADY_EXISTS);
    assert_int_equal(fx_add_pool(st, NULL, "App", app, NULL, &a), 0);
    /* the same name elsewhere is fine; twice under one parent is not */
    assert_int_equal(fx_add_pool(st, &a, "Free", app, NULL, &b), 0);
    assert_int_equal(fx_add_pool(st, &a, "fReE", app, NULL, &found), ERROR_ALREADY_EXISTS);
    assert_int_equal(fx_add_pool(st, &free_pool, "Free", app, NULL, &found), 0);

    assert_int_equal(store_find_pool(st, &a, "free", &found), 0);
    assert_true(fx_guid_eq(&found, &b));
    NTMS_GUID zero = {0};
    assert_int_equal(store_find_pool(st, &zero, "app", &found), 0); /* GUID_NULL = top level */
    assert_true(fx_guid_eq(&found, &a));
    assert_int_equal(store_find_pool(st, &a, "App", &found), ERROR_OBJECT_NOT_FOUND);

    /* renaming onto a sibling's name is refused too */
    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_get(st, &a, &o), 0);
    snprintf(o.szName, sizeof o.szName, "BACKUP");
    assert_int_equal(store_update(st, &o), ERROR_ALREADY_EXISTS);
    snprintf(o.szName, sizeof o.szName, "Archive");
    assert_int_equal(store_update(st, &o), 0);
    assert_int_equal(store_find_pool(st, NULL, "archive", &found), 0);
    assert_true(fx_guid_eq(&found, &a));
    assert_int_equal(store_find_pool(st, NULL, "App", &found), ERROR_OBJECT_NOT_FOUND);
}

static void test_lookups(void **state)
{
    WORLD;
    NTMS_GUID free_pool, sub, mt, g;
    assert_int_equal(store_find_media_type(st, LTO_Ultrium, NULL, &mt), 0);
    assert_true(fx_guid_eq(&mt, &w->media_type));
    assert_int_equal(store_find_media_type(st, 0, "lto ULTRIUM", &g), 0);
    assert_true(fx_guid_eq(&g, &mt));
    assert_int_equal(store_find_media_type(st, LTO_Ultrium, "LTO Ultrium", &g), 0);
    assert_int_equal(store_find_media_type(st, DDS_4mm, NULL, &g), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_find_media_type(st, LTO_Ultrium, "DLT", &g), ERROR_OBJECT_NOT_FOUND);

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    assert_int_equal(store_find_pool(st, NULL, "Free", &g), 0);
    assert_true(fx_guid_eq(&g, &free_pool));
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &mt, &sub), 0);
    assert_int_equal(store_find_pool(st, &free_pool, "LTO Ultrium", &g), 0);
    assert_true(fx_guid_eq(&g, &sub));
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_IMPORT, NULL, &g), ERROR_OBJECT_NOT_FOUND);
    /* an application pool is never a system pool */
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_APPLICATION, &mt, &g), ERROR_OBJECT_NOT_FOUND);

    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_root_pool(st, &g), 0);
    assert_true(fx_guid_eq(&g, &w->root));
    assert_int_equal(store_get(st, &g, &o), 0);
    assert_int_equal(o.Info.MediaPool.PoolType, NTMS_POOLTYPE_UNKNOWN);
    assert_int_equal(store_computer(st, &g), 0);
    assert_true(fx_guid_eq(&g, &w->computer));
    DWORD type = 0;
    assert_int_equal(store_type_of(st, &g, &type), 0);
    assert_int_equal(type, NTMS_COMPUTER);
}

static void test_library_media_types(void **state)
{
    WORLD;
    const NTMS_GUID *lib = &w->library, *mt = &w->media_type, *pool = &w->app;

    size_t n = 0;
    assert_int_equal(store_add_library_media_type(st, lib, mt), 0); /* again: no error */
    assert_int_equal(store_count(st, lib, NTMS_MEDIA_TYPE, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_add_library_media_type(st, lib, pool), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_add_library_media_type(st, pool, mt), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_add_library_media_type(st, NULL, mt), ERROR_INVALID_PARAMETER);

    assert_int_equal(store_remove_library_media_type(st, lib, mt), 0);
    assert_int_equal(store_count(st, lib, NTMS_MEDIA_TYPE, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_remove_library_media_type(st, lib, mt), ERROR_OBJECT_NOT_FOUND);
    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_get(st, lib, &o), 0);
    assert_int_equal(o.Info.Library.dwNumberOfMediaTypes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip_every_type, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_derived_counts, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_update, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_update_changed_columns, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_insert_errors, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_insert_errors_in_transaction, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_delete, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_pool_names, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_lookups, setup_world, teardown_world),
        cmocka_unit_test_setup_teardown(test_library_media_types, setup_world, teardown_world),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
