/*
 * test_query.c - model_enumerate, model_get_info and the attribute calls:
 * argument checks at their exact limits, and the results behind them.
 */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static NTMS_GUID computer(store_t *st)
{
    NTMS_GUID id;

    assert_int_equal(store_computer(st, &id), 0);
    return id;
}

/* --- enumerate ------------------------------------------------------------ */

static void test_enum_type_range(void **state)
{
    static const DWORD bad[] = {NTMS_UNKNOWN, NTMS_OBJECT, NTMS_NUMBER_OF_OBJECT_TYPES, 1000, 0xFFFFFFFF};
    store_t *st = *state;
    guid_list_t l;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(model_enumerate(st, NULL, NULL, bad[i], 0, &l), ERROR_INVALID_PARAMETER);
        assert_int_equal(l.n, 0);
    }
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_CHANGER, 0, &l), 0);
    assert_int_equal(l.n, 0);
    guid_list_free(&l);
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_COMPUTER, 0, &l), 0);
    assert_int_equal(l.n, 1);
    guid_list_free(&l);
}

static void test_enum_options(void **state)
{
    store_t *st = *state;
    NTMS_GUID free_pool;
    guid_list_t l;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    /* ROOTPOOL only with media pools and no container. */
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_LIBRARY, NTMS_ENUM_ROOTPOOL, &l),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(model_enumerate(st, NULL, &free_pool, NTMS_MEDIA_POOL, NTMS_ENUM_ROOTPOOL, &l),
                     ERROR_INVALID_PARAMETER);
    /* No other option exists. */
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_MEDIA_POOL, 2, &l), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_MEDIA_POOL, NTMS_ENUM_ROOTPOOL | 2, &l),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_LIBRARY, 0x80000000u, &l), ERROR_INVALID_PARAMETER);
}

static void test_enum_rootpool_first(void **state)
{
    store_t *st = *state;
    NTMS_GUID root;
    guid_list_t plain, with_root;

    assert_int_equal(store_root_pool(st, &root), 0);
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_MEDIA_POOL, NTMS_ENUM_DEFAULT, &plain), 0);
    assert_int_equal(model_enumerate(st, NULL, NULL, NTMS_MEDIA_POOL, NTMS_ENUM_ROOTPOOL, &with_root), 0);
    assert_int_equal(plain.n, 3);
    assert_int_equal(with_root.n, plain.n + 1);
    assert_guid_equal(&with_root.v[0], &root);
    assert_memory_equal(&with_root.v[1], plain.v, plain.n * sizeof(NTMS_GUID));
    for (size_t i = 0; i < plain.n; i++)
        assert_guid_not_equal(&plain.v[i], &root);
    guid_list_free(&plain);
    guid_list_free(&with_root);
}

static void test_enum_container(void **state)
{
    store_t *st = *state;
    NTMS_GUID free_pool, unknown;
    guid_list_t l;

    model_new_guid(&unknown);
    assert_int_equal(model_enumerate(st, NULL, &unknown, NTMS_MEDIA_POOL, 0, &l), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    assert_int_equal(model_enumerate(st, NULL, &free_pool, NTMS_MEDIA_POOL, 0, &l), 0);
    assert_int_equal(l.n, model_catalogue_len);
    guid_list_free(&l);
}

/* --- get information ------------------------------------------------------- */

static void test_get_info(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = computer(st), unknown;
    NTMS_OBJECTINFORMATIONA info;

    assert_int_equal(model_get_info(st, NULL, &id, NTMS_COMPUTER, &info), 0);
    assert_int_equal(info.dwType, NTMS_COMPUTER);
    assert_guid_equal(&info.ObjectGuid, &id);
    assert_string_equal(info.szName, FX_HOST);
    assert_int_equal(model_get_info(st, NULL, &id, NTMS_LIBRARY, &info), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_get_info(st, NULL, &id, NTMS_UNKNOWN, &info), ERROR_INVALID_PARAMETER);
    model_new_guid(&unknown);
    assert_int_equal(model_get_info(st, NULL, &unknown, NTMS_COMPUTER, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_get_info(st, NULL, NULL, NTMS_COMPUTER, &info), ERROR_INVALID_PARAMETER);
}

/* A principal is accepted and not needed. */
static void test_principal_accepted(void **state)
{
    store_t *st = *state;
    principal_t who = {.uid = 1000, .gid = 1000};
    NTMS_GUID id = computer(st);
    NTMS_OBJECTINFORMATIONA info;
    guid_list_t l;

    assert_int_equal(model_get_info(st, &who, &id, NTMS_COMPUTER, &info), 0);
    assert_int_equal(model_enumerate(st, &who, NULL, NTMS_LIBRARY, 0, &l), 0);
    guid_list_free(&l);
}

/* --- attributes ----------------------------------------------------------- */

static void make_name(char *buf, size_t len)
{
    memset(buf, 'n', len);
    buf[len] = '\0';
}

static void test_attr_name_limits(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = computer(st);
    char name[NTMS_MAXATTR_NAMELEN + 8];
    const uint8_t v = 7;
    uint8_t *out = NULL;
    size_t len = 0;

    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "", &v, 1), ERROR_INVALID_NAME);
    make_name(name, NTMS_MAXATTR_NAMELEN - 1); /* the longest: 31 bytes + NUL */
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, name, &v, 1), 0);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, name, &out, &len), 0);
    assert_int_equal(len, 1);
    assert_int_equal(out[0], 7);
    free(out);
    make_name(name, NTMS_MAXATTR_NAMELEN);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, name, &v, 1), ERROR_INVALID_NAME);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, name, &out, &len), ERROR_INVALID_NAME);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "", &out, &len), ERROR_INVALID_NAME);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, NULL, &v, 1), ERROR_INVALID_PARAMETER);
}

static void test_attr_size_limits(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = computer(st);
    uint8_t *big = malloc(NTMS_MAXATTR_LENGTH);
    uint8_t *out = NULL;
    size_t len = 0;

    assert_non_null(big);
    for (size_t i = 0; i < NTMS_MAXATTR_LENGTH; i++)
        big[i] = (uint8_t)(i * 31);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "big", big, NTMS_MAXATTR_LENGTH),
                     ERROR_NO_DATA);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "big", &out, &len), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "big", big, NTMS_MAXATTR_LENGTH - 1), 0);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "big", &out, &len), 0);
    assert_int_equal(len, NTMS_MAXATTR_LENGTH - 1);
    assert_memory_equal(out, big, len);
    free(out);
    free(big);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "x", NULL, 5), ERROR_INVALID_PARAMETER);
}

static void test_attr_objects(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = computer(st), unknown, lib;
    guid_list_t libs = fx_enum(st, NULL, NTMS_LIBRARY);
    const uint8_t v[3] = {1, 2, 3};
    uint8_t *out = NULL;
    size_t len = 0;

    lib = libs.v[0];
    guid_list_free(&libs);
    model_new_guid(&unknown);
    assert_int_equal(model_set_attribute(st, NULL, &unknown, NTMS_COMPUTER, "a", v, 3), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_get_attribute(st, NULL, &unknown, NTMS_COMPUTER, "a", &out, &len),
                     ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_LIBRARY, "a", v, 3), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_LIBRARY, "a", &out, &len), ERROR_INVALID_PARAMETER);
    /* Missing attribute, then per-object values. */
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "a", &out, &len), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "a", v, 3), 0);
    assert_int_equal(model_set_attribute(st, NULL, &lib, NTMS_LIBRARY, "a", v, 1), 0);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "a", &out, &len), 0);
    assert_int_equal(len, 3);
    assert_memory_equal(out, v, 3);
    free(out);
    assert_int_equal(model_get_attribute(st, NULL, &lib, NTMS_LIBRARY, "a", &out, &len), 0);
    assert_int_equal(len, 1);
    free(out);
}

/* "To delete an attribute, perform a set of the attribute with a length of
 * zero." */
static void test_attr_delete(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = computer(st);
    const uint8_t v = 9;
    uint8_t *out = NULL;
    size_t len = 0;

    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "gone", &v, 1), 0);
    assert_int_equal(model_set_attribute(st, NULL, &id, NTMS_COMPUTER, "gone", NULL, 0), 0);
    assert_int_equal(model_get_attribute(st, NULL, &id, NTMS_COMPUTER, "gone", &out, &len), ERROR_OBJECT_NOT_FOUND);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_enum_type_range, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_enum_options, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_enum_rootpool_first, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_enum_container, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_get_info, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_principal_accepted, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_attr_name_limits, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_attr_size_limits, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_attr_objects, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_attr_delete, fx_setup, fx_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
