/*
 * test_firststart.c - model_first_start creates exactly the documented
 * objects, with the documented values, and a second run changes nothing.
 */
#include "fixture.h"

#include <string.h>
#include <unistd.h>

static void test_computer(void **state)
{
    store_t *st = *state;
    NTMS_OBJECTINFORMATIONA c;
    NTMS_GUID id;
    guid_list_t all = fx_enum(st, NULL, NTMS_COMPUTER);

    assert_int_equal(all.n, 1);
    assert_int_equal(store_computer(st, &id), 0);
    assert_guid_equal(&all.v[0], &id);
    fx_get(st, &id, &c);
    assert_int_equal(c.dwType, NTMS_COMPUTER);
    assert_string_equal(c.szName, FX_HOST);
    assert_int_equal(c.Info.Computer.dwLibRequestPurgeTime, 259200);
    assert_int_equal(c.Info.Computer.dwOpRequestPurgeTime, 259200);
    assert_int_equal(c.Info.Computer.dwLibRequestFlags, 0);
    assert_int_equal(c.Info.Computer.dwOpRequestFlags, 0);
    assert_int_equal(c.Info.Computer.dwMediaPoolPolicy, 0);
    guid_list_free(&all);
}

static void test_offline_library(void **state)
{
    store_t *st = *state;
    NTMS_OBJECTINFORMATIONA lib;
    guid_list_t libs = fx_enum(st, NULL, NTMS_LIBRARY), types, all;

    assert_int_equal(libs.n, 1);
    fx_get(st, &libs.v[0], &lib);
    assert_string_equal(lib.szName, "Offline Media");
    assert_int_equal(lib.Info.Library.LibraryType, NTMS_LIBRARYTYPE_OFFLINE);
    assert_int_equal(lib.Info.Library.dwFlags, NTMS_LIBRARYFLAG_FIXEDOFFLINE);
    /* The offline library holds every media type. */
    assert_int_equal(lib.Info.Library.dwNumberOfMediaTypes, model_catalogue_len);
    types = fx_enum(st, &libs.v[0], NTMS_MEDIA_TYPE);
    all = fx_enum(st, NULL, NTMS_MEDIA_TYPE);
    assert_int_equal(types.n, all.n);
    assert_memory_equal(types.v, all.v, all.n * sizeof(NTMS_GUID));
    guid_list_free(&types);
    guid_list_free(&all);
    guid_list_free(&libs);
}

/* Every catalogue entry is a media type with the table's values, the
 * names are unique, and there are no others. */
static void test_catalogue(void **state)
{
    store_t *st = *state;
    guid_list_t types = fx_enum(st, NULL, NTMS_MEDIA_TYPE);

    assert_int_equal(types.n, model_catalogue_len);
    for (size_t i = 0; i < model_catalogue_len; i++) {
        const model_media_type_t *mt = &model_catalogue[i];
        NTMS_OBJECTINFORMATIONA rec;
        NTMS_GUID id;

        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(model_catalogue[j].name, mt->name);
        assert_int_equal(store_find_media_type(st, mt->code, mt->name, &id), 0);
        fx_get(st, &id, &rec);
        assert_string_equal(rec.szName, mt->name);
        assert_int_equal(rec.Info.MediaType.MediaType, mt->code);
        assert_int_equal(rec.Info.MediaType.NumberOfSides, mt->sides);
        assert_int_equal(rec.Info.MediaType.ReadWriteCharacteristics, mt->rw);
        assert_int_equal(rec.Info.MediaType.DeviceType, mt->device);
    }
    guid_list_free(&types);
}

/* Spot checks of the values the brief and the docs fix. */
static void test_catalogue_values(void **state)
{
    static const struct {
        const char *name;
        DWORD code, sides, rw, device;
    } want[] = {
        {"LTO-1", LTO_Ultrium, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE},
        {"LTO-9", LTO_Ultrium, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE},
        {"LTO-3 WORM", LTO_Ultrium, 1, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_TAPE},
        {"LTO-9 WORM", LTO_Ultrium, 1, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_TAPE},
        {"DLT", DLT, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE},
        {"DDS", DDS_4mm, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE},
        {"CD-ROM", CD_ROM, 1, NTMS_MEDIARW_READONLY, FILE_DEVICE_CD_ROM},
        {"CD-R", CD_R, 1, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_CD_ROM},
        {"DVD-ROM", DVD_ROM, 1, NTMS_MEDIARW_READONLY, FILE_DEVICE_DVD},
        {"DVD+RW", DVD_RW, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD},
        {"DVD-RAM", DVD_RAM, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD},
        {"BD-R", DVD_R, 1, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_DVD},
        {"MO 5.25\" RW", MO_5_RW, 2, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DISK},
        {"RDX", 0x0b, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DISK},
        {"LTO Cleaner", CLEANER_CARTRIDGE, 1, NTMS_MEDIARW_READONLY, FILE_DEVICE_TAPE},
        {"Cleaner", CLEANER_CARTRIDGE, 1, NTMS_MEDIARW_READONLY, FILE_DEVICE_TAPE},
    };
    store_t *st = *state;

    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        NTMS_OBJECTINFORMATIONA rec;
        NTMS_GUID id = fx_media_type(st, want[i].name);

        fx_get(st, &id, &rec);
        assert_int_equal(rec.Info.MediaType.MediaType, want[i].code);
        assert_int_equal(rec.Info.MediaType.NumberOfSides, want[i].sides);
        assert_int_equal(rec.Info.MediaType.ReadWriteCharacteristics, want[i].rw);
        assert_int_equal(rec.Info.MediaType.DeviceType, want[i].device);
    }
}

/* The three system pools, each with one sub-pool per media type, named
 * after it, of the same pool type. */
static void check_system_pool(store_t *st, const NTMS_GUID *id, DWORD pool_type, const char *name)
{
    NTMS_OBJECTINFORMATIONA top;
    guid_list_t subs = fx_enum(st, id, NTMS_MEDIA_POOL);
    guid_list_t types = fx_enum(st, NULL, NTMS_MEDIA_TYPE);
    NTMS_GUID found;

    fx_get(st, id, &top);
    assert_string_equal(top.szName, name);
    assert_int_equal(top.Info.MediaPool.PoolType, pool_type);
    assert_true(model_guid_absent(&top.Info.MediaPool.MediaType));
    assert_true(model_guid_absent(&top.Info.MediaPool.Parent));
    assert_int_equal(store_find_system_pool(st, pool_type, NULL, &found), 0);
    assert_guid_equal(&found, id);
    assert_int_equal(subs.n, types.n);
    for (size_t i = 0; i < types.n; i++) {
        NTMS_OBJECTINFORMATIONA mt, sub;

        fx_get(st, &types.v[i], &mt);
        assert_int_equal(store_find_system_pool(st, pool_type, &types.v[i], &found), 0);
        fx_get(st, &found, &sub);
        assert_string_equal(sub.szName, mt.szName);
        assert_int_equal(sub.Info.MediaPool.PoolType, pool_type);
        assert_guid_equal(&sub.Info.MediaPool.MediaType, &types.v[i]);
        assert_guid_equal(&sub.Info.MediaPool.Parent, id);
    }
    guid_list_free(&subs);
    guid_list_free(&types);
}

static void test_system_pools(void **state)
{
    static const struct {
        const char *name;
        DWORD type;
    } want[] = {{"Free", NTMS_POOLTYPE_SCRATCH},
                {"Import", NTMS_POOLTYPE_IMPORT},
                {"Unrecognized", NTMS_POOLTYPE_FOREIGN}};
    store_t *st = *state;
    guid_list_t top = fx_enum(st, NULL, NTMS_MEDIA_POOL);

    assert_int_equal(top.n, 3);
    for (size_t i = 0; i < 3; i++)
        check_system_pool(st, &top.v[i], want[i].type, want[i].name);
    guid_list_free(&top);
}

static void test_root_pool(void **state)
{
    store_t *st = *state;
    NTMS_OBJECTINFORMATIONA root;
    NTMS_GUID id;

    assert_int_equal(store_root_pool(st, &id), 0);
    fx_get(st, &id, &root);
    assert_int_equal(root.Info.MediaPool.PoolType, NTMS_POOLTYPE_UNKNOWN);
    assert_true(model_guid_absent(&root.Info.MediaPool.Parent));
}

/* Every GUID first start made, in a fixed order. */
static size_t snapshot(store_t *st, NTMS_GUID *out, size_t cap)
{
    static const DWORD kinds[] = {NTMS_COMPUTER, NTMS_LIBRARY, NTMS_MEDIA_TYPE};
    guid_list_t top = fx_enum(st, NULL, NTMS_MEDIA_POOL);
    size_t n = 0;

    assert_int_equal(store_root_pool(st, &out[n++]), 0);
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        guid_list_t l = fx_enum(st, NULL, kinds[k]);

        assert_true(n + l.n <= cap);
        memcpy(&out[n], l.v, l.n * sizeof(*l.v));
        n += l.n;
        guid_list_free(&l);
    }
    for (size_t i = 0; i < top.n; i++) {
        guid_list_t subs = fx_enum(st, &top.v[i], NTMS_MEDIA_POOL);

        assert_true(n + 1 + subs.n <= cap);
        out[n++] = top.v[i];
        memcpy(&out[n], subs.v, subs.n * sizeof(*subs.v));
        n += subs.n;
        guid_list_free(&subs);
    }
    guid_list_free(&top);
    return n;
}

/* A second run adds nothing and touches nothing: the same GUIDs, in the
 * same places, with byte-identical records (Modified included). */
static void test_idempotent(void **state)
{
    enum { CAP = 512 };
    store_t *st = *state;
    static NTMS_GUID before[CAP], after[CAP];
    static NTMS_OBJECTINFORMATIONA recs[CAP];
    size_t nb = snapshot(st, before, CAP);

    assert_int_equal(nb, 1 + 1 + 1 + model_catalogue_len * 4 + 3);
    for (size_t i = 0; i < nb; i++)
        fx_get(st, &before[i], &recs[i]);
    assert_int_equal(model_first_start(st, "otherhost"), 0);
    assert_int_equal(snapshot(st, after, CAP), nb);
    assert_memory_equal(before, after, nb * sizeof(NTMS_GUID));
    for (size_t i = 0; i < nb; i++) {
        NTMS_OBJECTINFORMATIONA rec;

        fx_get(st, &after[i], &rec);
        assert_memory_equal(&rec, &recs[i], sizeof(rec));
    }
}

/* A start cut short (here: only the computer exists) is completed. */
static void test_completes_partial(void **state)
{
    store_t *st = NULL;
    NTMS_OBJECTINFORMATIONA c;
    NTMS_GUID id;
    guid_list_t top;

    (void)state;
    assert_int_equal(store_open(":memory:", &st), 0);
    fx_record(&c, NTMS_COMPUTER, "early");
    c.Info.Computer.dwLibRequestPurgeTime = 5;
    id = fx_insert(st, &c);
    assert_int_equal(model_first_start(st, NULL), 0);
    fx_get(st, &id, &c);
    assert_string_equal(c.szName, "early");
    assert_int_equal(c.Info.Computer.dwLibRequestPurgeTime, 5);
    top = fx_enum(st, NULL, NTMS_MEDIA_POOL);
    assert_int_equal(top.n, 3);
    guid_list_free(&top);
    store_close(st);
}

/* With no name given, the computer is named after the host. */
static void test_default_host_name(void **state)
{
    store_t *st = NULL;
    NTMS_OBJECTINFORMATIONA c;
    NTMS_GUID id;
    char host[256] = "";

    (void)state;
    assert_int_equal(gethostname(host, sizeof(host)), 0);
    host[NTMS_OBJECTNAME_LENGTH - 1] = '\0';
    assert_int_equal(store_open(":memory:", &st), 0);
    assert_int_equal(model_first_start(st, NULL), 0);
    assert_int_equal(store_computer(st, &id), 0);
    fx_get(st, &id, &c);
    assert_string_equal(c.szName, host);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_computer, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_offline_library, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_catalogue, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_catalogue_values, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_system_pools, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_root_pool, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_idempotent, fx_setup, fx_teardown),
        cmocka_unit_test(test_completes_partial),
        cmocka_unit_test(test_default_host_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
