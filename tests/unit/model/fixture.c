/*
 * fixture.c - shared set-up for the model's unit tests.
 */
#include "fixture.h"

#include <string.h>

int fx_setup(void **state)
{
    store_t *st = NULL;

    if (store_open(":memory:", &st) != 0)
        return -1;
    if (model_first_start(st, FX_HOST) != 0) {
        store_close(st);
        return -1;
    }
    *state = st;
    return 0;
}

int fx_teardown(void **state)
{
    store_close(*state);
    return 0;
}

void fx_record(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name)
{
    memset(rec, 0, sizeof(*rec));
    rec->dwSize = sizeof(*rec);
    rec->dwType = type;
    rec->Enabled = TRUE;
    model_new_guid(&rec->ObjectGuid);
    model_copy_name(rec->szName, sizeof(rec->szName), name);
}

NTMS_GUID fx_insert(store_t *st, NTMS_OBJECTINFORMATIONA *rec)
{
    assert_int_equal(store_insert(st, rec), 0);
    return rec->ObjectGuid;
}

NTMS_GUID fx_media_type(store_t *st, const char *name)
{
    NTMS_GUID id;

    assert_int_equal(store_find_media_type(st, 0, name, &id), 0);
    return id;
}

NTMS_GUID fx_online_library(store_t *st, const char *name)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_record(&rec, NTMS_LIBRARY, name);
    rec.Info.Library.LibraryType = NTMS_LIBRARYTYPE_ONLINE;
    rec.Info.Library.InventoryMethod = NTMS_INVENTORY_FAST;
    rec.Info.Library.AutoRecovery = TRUE;
    rec.Info.Library.dwFlags = NTMS_LIBRARYFLAG_CLEANERPRESENT;
    rec.Info.Library.dwCleanerUsesRemaining = 20;
    return fx_insert(st, &rec);
}

NTMS_GUID fx_pool(store_t *st, const char *path, const NTMS_GUID *media_type)
{
    NTMS_GUID id;
    int created = 0;

    assert_int_equal(model_create_pool(st, NULL, path, media_type, NTMS_CREATE_NEW, &id, &created), 0);
    assert_true(created);
    return id;
}

NTMS_GUID fx_physical_media(store_t *st, const NTMS_GUID *pool, const NTMS_GUID *media_type,
                            const NTMS_GUID *library)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_record(&rec, NTMS_PHYSICAL_MEDIA, "cartridge");
    rec.Info.PhysicalMedia.MediaPool = *pool;
    rec.Info.PhysicalMedia.MediaType = *media_type;
    rec.Info.PhysicalMedia.CurrentLibrary = *library;
    rec.Info.PhysicalMedia.LocationType = NTMS_STORAGESLOT;
    rec.Info.PhysicalMedia.dwNumberOfPartitions = 1;
    return fx_insert(st, &rec);
}

void fx_get(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out)
{
    assert_int_equal(store_get(st, id, out), 0);
}

guid_list_t fx_enum(store_t *st, const NTMS_GUID *container, DWORD type)
{
    guid_list_t l = {0};

    assert_int_equal(store_enumerate(st, container, type, &l), 0);
    return l;
}
