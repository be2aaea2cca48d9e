/*
 * test_pools.c - model_create_pool, model_delete_pool and model_pool_name:
 * every action, nested paths, name syntax at its limits, the system pools'
 * protection and the emptiness rule.
 */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static DWORD create(store_t *st, const char *name, const NTMS_GUID *type, DWORD action, NTMS_GUID *out,
                    int *created)
{
    *created = -1;
    return model_create_pool(st, NULL, name, type, action, out, created);
}

static void assert_pool_name(store_t *st, const NTMS_GUID *id, const char *want)
{
    char *name = NULL;

    assert_int_equal(model_pool_name(st, NULL, id, &name), 0);
    assert_string_equal(name, want);
    free(name);
}

static void test_actions(void **state)
{
    store_t *st = *state;
    NTMS_GUID id, again;
    int created;

    assert_int_equal(create(st, "App", NULL, NTMS_OPEN_EXISTING, &id, &created), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(create(st, "App", NULL, NTMS_CREATE_NEW, &id, &created), 0);
    assert_int_equal(created, 1);
    assert_int_equal(create(st, "App", NULL, NTMS_CREATE_NEW, &again, &created), ERROR_ALREADY_EXISTS);
    assert_int_equal(create(st, "app", NULL, NTMS_OPEN_EXISTING, &again, &created), 0);
    assert_int_equal(created, 0);
    assert_guid_equal(&again, &id);
    assert_int_equal(create(st, "APP", NULL, NTMS_OPEN_ALWAYS, &again, &created), 0);
    assert_int_equal(created, 0);
    assert_guid_equal(&again, &id);
    assert_int_equal(create(st, "Second", NULL, NTMS_OPEN_ALWAYS, &again, &created), 0);
    assert_int_equal(created, 1);
    assert_guid_not_equal(&again, &id);
    assert_int_equal(create(st, "Third", NULL, 0, &again, &created), ERROR_INVALID_PARAMETER);
    assert_int_equal(create(st, "Third", NULL, 4, &again, &created), ERROR_INVALID_PARAMETER);
    assert_int_equal(create(st, "Third", NULL, NTMS_OPEN_EXISTING, &again, &created), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_create_pool(st, NULL, NULL, NULL, NTMS_OPEN_ALWAYS, &again, &created),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(model_create_pool(st, NULL, "Third", NULL, NTMS_OPEN_ALWAYS, NULL, &created),
                     ERROR_INVALID_PARAMETER);
}

/* A new pool: an application pool, default policies, where the path says. */
static void test_new_pool_values(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8");
    NTMS_GUID app = fx_pool(st, "App", NULL), leaf = fx_pool(st, "App\\Daily", &lto8);
    NTMS_OBJECTINFORMATIONA rec;

    fx_get(st, &app, &rec);
    assert_int_equal(rec.Info.MediaPool.PoolType, NTMS_POOLTYPE_APPLICATION);
    assert_true(model_guid_absent(&rec.Info.MediaPool.MediaType));
    assert_true(model_guid_absent(&rec.Info.MediaPool.Parent));
    fx_get(st, &leaf, &rec);
    assert_string_equal(rec.szName, "Daily");
    assert_int_equal(rec.Info.MediaPool.PoolType, NTMS_POOLTYPE_APPLICATION);
    assert_guid_equal(&rec.Info.MediaPool.MediaType, &lto8);
    assert_guid_equal(&rec.Info.MediaPool.Parent, &app);
    assert_int_equal(rec.Info.MediaPool.AllocationPolicy, 0);
    assert_int_equal(rec.Info.MediaPool.DeallocationPolicy, 0);
    assert_int_equal(rec.Info.MediaPool.dwMaxAllocates, 0);
}

static void test_nested(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8");
    NTMS_GUID app = fx_pool(st, "App", NULL), mid = fx_pool(st, "App\\Mid", NULL);
    NTMS_GUID leaf = fx_pool(st, "\\App\\Mid\\Leaf", &lto8), id;
    guid_list_t kids;
    int created;

    kids = fx_enum(st, &mid, NTMS_MEDIA_POOL);
    assert_int_equal(kids.n, 1);
    assert_guid_equal(&kids.v[0], &leaf);
    guid_list_free(&kids);
    assert_int_equal(create(st, "app\\MID\\leaf", NULL, NTMS_OPEN_EXISTING, &id, &created), 0);
    assert_guid_equal(&id, &leaf);
    assert_int_equal(create(st, "\\App", NULL, NTMS_OPEN_EXISTING, &id, &created), 0);
    assert_guid_equal(&id, &app);
    /* Each level but the last must exist. */
    assert_int_equal(create(st, "App\\Nope\\Leaf", NULL, NTMS_OPEN_ALWAYS, &id, &created), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(create(st, "Nope\\Leaf", NULL, NTMS_CREATE_NEW, &id, &created), ERROR_OBJECT_NOT_FOUND);
    /* A pool of media holds no pools. */
    assert_int_equal(create(st, "App\\Mid\\Leaf\\Deeper", NULL, NTMS_OPEN_ALWAYS, &id, &created),
                     ERROR_INVALID_PARAMETER);
    /* Same leaf name under another parent is another pool. */
    assert_int_equal(create(st, "Leaf", &lto8, NTMS_CREATE_NEW, &id, &created), 0);
    assert_guid_not_equal(&id, &leaf);
    assert_pool_name(st, &leaf, "App\\Mid\\Leaf");
    assert_pool_name(st, &mid, "App\\Mid");
    assert_pool_name(st, &app, "App");
}

static void test_invalid_names(void **state)
{
    static const char *const bad[] = {"", "\\", "A\\\\B", "A\\", "\\\\A", "\\A\\", "A\\\\"};
    store_t *st = *state;
    char name[NTMS_POOLHIERARCHY_LENGTH + 16];
    NTMS_GUID id;
    int created;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(create(st, bad[i], NULL, NTMS_OPEN_ALWAYS, &id, &created), ERROR_INVALID_NAME);
    /* A segment is at most NTMS_OBJECTNAME_LENGTH-1 bytes. */
    memset(name, 's', NTMS_OBJECTNAME_LENGTH);
    name[NTMS_OBJECTNAME_LENGTH] = '\0';
    assert_int_equal(create(st, name, NULL, NTMS_OPEN_ALWAYS, &id, &created), ERROR_INVALID_NAME);
    name[NTMS_OBJECTNAME_LENGTH - 1] = '\0';
    assert_int_equal(create(st, name, NULL, NTMS_CREATE_NEW, &id, &created), 0);
    assert_pool_name(st, &id, name);
    /* A whole path is below NTMS_POOLHIERARCHY_LENGTH bytes. */
    memset(name, 'p', sizeof(name));
    for (size_t i = 5; i < sizeof(name); i += 10) /* no separator at 510 or 511 */
        name[i] = '\\';
    name[NTMS_POOLHIERARCHY_LENGTH] = '\0';
    assert_int_equal(create(st, name, NULL, NTMS_OPEN_ALWAYS, &id, &created), ERROR_INVALID_NAME);
    /* One byte shorter, the syntax is fine and the missing levels count. */
    name[NTMS_POOLHIERARCHY_LENGTH - 1] = '\0';
    assert_int_equal(create(st, name, NULL, NTMS_OPEN_ALWAYS, &id, &created), ERROR_OBJECT_NOT_FOUND);
}

static void test_media_type_checked(void **state)
{
    store_t *st = *state;
    NTMS_GUID unknown, computer, id;
    int created;

    model_new_guid(&unknown);
    assert_int_equal(store_computer(st, &computer), 0);
    assert_int_equal(create(st, "P", &unknown, NTMS_OPEN_ALWAYS, &id, &created), ERROR_INVALID_MEDIA);
    assert_int_equal(create(st, "P", &computer, NTMS_CREATE_NEW, &id, &created), ERROR_INVALID_MEDIA);
    assert_int_equal(create(st, "P", NULL, NTMS_OPEN_EXISTING, &id, &created), ERROR_OBJECT_NOT_FOUND);
}

static void test_system_pools(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8"), free_pool, free_lto8, id;
    int created;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &lto8, &free_lto8), 0);
    /* Opening them is fine. */
    assert_int_equal(create(st, "Free", NULL, NTMS_OPEN_EXISTING, &id, &created), 0);
    assert_guid_equal(&id, &free_pool);
    assert_int_equal(create(st, "Free\\LTO-8", NULL, NTMS_OPEN_ALWAYS, &id, &created), 0);
    assert_int_equal(created, 0);
    assert_guid_equal(&id, &free_lto8);
    /* Creating them, or under them, is not. */
    assert_int_equal(create(st, "Free", NULL, NTMS_CREATE_NEW, &id, &created), ERROR_ALREADY_EXISTS);
    assert_int_equal(create(st, "Free\\Mine", &lto8, NTMS_OPEN_ALWAYS, &id, &created), ERROR_ACCESS_DENIED);
    assert_int_equal(create(st, "Import\\Mine", NULL, NTMS_CREATE_NEW, &id, &created), ERROR_ACCESS_DENIED);
    assert_int_equal(create(st, "Unrecognized\\Mine", NULL, NTMS_CREATE_NEW, &id, &created),
                     ERROR_ACCESS_DENIED);
    assert_pool_name(st, &free_lto8, "Free\\LTO-8");
    assert_pool_name(st, &free_pool, "Free");
}

static void test_pool_name_errors(void **state)
{
    store_t *st = *state;
    NTMS_GUID unknown, computer;
    char *name = (char *)"untouched";

    model_new_guid(&unknown);
    assert_int_equal(store_computer(st, &computer), 0);
    assert_int_equal(model_pool_name(st, NULL, &unknown, &name), ERROR_INVALID_MEDIA_POOL);
    assert_null(name);
    assert_int_equal(model_pool_name(st, NULL, &computer, &name), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_pool_name(st, NULL, NULL, &name), ERROR_INVALID_PARAMETER);
}

static void test_delete_rules(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8"), lib = fx_online_library(st, "Tape Library");
    NTMS_GUID free_pool, import_lto8, root, unknown, computer;
    NTMS_GUID app = fx_pool(st, "App", NULL), leaf = fx_pool(st, "App\\Leaf", &lto8);
    NTMS_GUID full = fx_pool(st, "Full", &lto8), medium, id;
    guid_list_t top;
    int created;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_IMPORT, &lto8, &import_lto8), 0);
    assert_int_equal(store_root_pool(st, &root), 0);
    assert_int_equal(store_computer(st, &computer), 0);
    model_new_guid(&unknown);
    assert_int_equal(model_delete_pool(st, NULL, &free_pool), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_delete_pool(st, NULL, &import_lto8), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_delete_pool(st, NULL, &root), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_delete_pool(st, NULL, &unknown), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_delete_pool(st, NULL, &computer), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(model_delete_pool(st, NULL, NULL), ERROR_INVALID_PARAMETER);
    /* Not empty: holds a pool, holds a medium. */
    assert_int_equal(model_delete_pool(st, NULL, &app), ERROR_NOT_EMPTY);
    medium = fx_physical_media(st, &full, &lto8, &lib);
    assert_int_equal(model_delete_pool(st, NULL, &full), ERROR_NOT_EMPTY);
    assert_int_equal(store_delete(st, &medium), 0);
    assert_int_equal(model_delete_pool(st, NULL, &full), 0);
    /* Leaf first, then its parent. */
    assert_int_equal(model_delete_pool(st, NULL, &leaf), 0);
    assert_int_equal(model_delete_pool(st, NULL, &app), 0);
    assert_int_equal(model_delete_pool(st, NULL, &app), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(create(st, "App", NULL, NTMS_OPEN_EXISTING, &id, &created), ERROR_OBJECT_NOT_FOUND);
    top = fx_enum(st, NULL, NTMS_MEDIA_POOL);
    assert_int_equal(top.n, 3);
    guid_list_free(&top);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_actions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_new_pool_values, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_nested, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_names, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_media_type_checked, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_system_pools, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pool_name_errors, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_delete_rules, fx_setup, fx_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
