/*
 * test_devices.c - the library rules of daemon/model/ that the library
 * control functions use: library requests (librequest.c), library checks,
 * Enable/Disable (devices.c), DeleteNtmsLibrary, DeleteNtmsDrive and the
 * fate of ejected media (removal.c).
 */
#include "fixture.h"

#include <string.h>

#include "model/devices.h"
#include "model/librequest.h"
#include "store/store_library.h"

static principal_t alice(void)
{
    principal_t who;

    memset(&who, 0, sizeof who);
    strcpy(who.user, "alice");
    strcpy(who.application, "backup");
    strcpy(who.computer, "client1");
    return who;
}

static NTMS_GUID offline_library(store_t *st)
{
    NTMS_GUID id;

    assert_int_equal(store_offline_library(st, &id), 0);
    return id;
}

/* An element object (slot, drive, port) of `lib` at `number`. */
static NTMS_GUID element(store_t *st, DWORD type, const NTMS_GUID *lib, DWORD number)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_record(&rec, type, "element");
    switch (type) {
    case NTMS_STORAGESLOT:
        rec.Info.StorageSlot.Number = number;
        rec.Info.StorageSlot.State = NTMS_SLOTSTATE_FULL;
        rec.Info.StorageSlot.Library = *lib;
        break;
    case NTMS_DRIVE:
        rec.Info.Drive.Number = number;
        rec.Info.Drive.Library = *lib;
        break;
    default:
        rec.Info.IEPort.Number = number;
        rec.Info.IEPort.Library = *lib;
        break;
    }
    return fx_insert(st, &rec);
}

/* A medium of `type_name` in pool `pool` (NULL: the type's Unrecognized
 * pool), located at `where` in `lib`. */
static NTMS_GUID medium(store_t *st, const char *type_name, const NTMS_GUID *pool, const NTMS_GUID *lib,
                       const NTMS_GUID *where, DWORD where_type)
{
    NTMS_GUID type = fx_media_type(st, type_name), unrec, id;
    NTMS_OBJECTINFORMATIONA rec;

    if (pool == NULL) {
        assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_FOREIGN, &type, &unrec), 0);
        pool = &unrec;
    }
    id = fx_physical_media(st, pool, &type, lib);
    fx_get(st, &id, &rec);
    rec.Info.PhysicalMedia.Location = *where;
    rec.Info.PhysicalMedia.LocationType = where_type;
    assert_int_equal(store_update(st, &rec), 0);
    fx_record(&rec, NTMS_PARTITION, "side");
    rec.Info.Partition.PhysicalMedia = id;
    rec.Info.Partition.State = NTMS_PARTSTATE_FOREIGN;
    fx_insert(st, &rec);
    return id;
}

/* --- library requests ------------------------------------------------------ */

static void test_librequest_life(void **state)
{
    store_t *st = *state;
    principal_t who = alice();
    NTMS_GUID lib = fx_online_library(st, "Lib"), req, found;
    librequest_spec_t spec = {.op = NTMS_LM_INVENTORY, .option = 0, .library = &lib};
    NTMS_OBJECTINFORMATIONA rec;

    assert_int_equal(model_librequest_create(st, &who, &spec, &req), 0);
    fx_get(st, &req, &rec);
    assert_int_equal(rec.dwType, NTMS_LIBREQUEST);
    assert_string_equal(rec.szName, "Inventory");
    assert_int_equal(rec.Info.LibRequest.OperationCode, NTMS_LM_INVENTORY);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_QUEUED);
    assert_guid_equal(&rec.Info.LibRequest.Library, &lib);
    assert_string_equal(rec.Info.LibRequest.szUser, "alice");
    assert_string_equal(rec.Info.LibRequest.szApplication, "backup");
    assert_string_equal(rec.Info.LibRequest.szComputer, "client1");
    assert_true(rec.Info.LibRequest.TimeQueued.wYear >= 2024);
    assert_int_equal(rec.Info.LibRequest.TimeCompleted.wYear, 0);

    assert_int_equal(model_librequest_find_open(st, &lib, NTMS_LM_INVENTORY, &found), 0);
    assert_guid_equal(&found, &req);
    assert_true(model_librequest_is_open(st, &req, NTMS_LM_INVENTORY));
    assert_false(model_librequest_is_open(st, &req, NTMS_LM_INJECT));
    assert_int_equal(model_librequest_find_open(st, &lib, NTMS_LM_EJECT, &found), ERROR_OBJECT_NOT_FOUND);

    assert_int_equal(model_librequest_set_state(st, &req, NTMS_LM_INPROCESS), 0);
    assert_int_equal(model_librequest_set_state(st, &req, NTMS_LM_PASSED), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_librequest_finish(st, &req, ERROR_LIBRARY_FULL), 0);
    fx_get(st, &req, &rec);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(rec.Info.LibRequest.dwErrorCode, ERROR_LIBRARY_FULL);
    assert_true(rec.Info.LibRequest.TimeCompleted.wYear >= 2024);
    /* finished is final */
    assert_int_equal(model_librequest_finish(st, &req, 0), ERROR_INVALID_STATE);
    assert_int_equal(model_librequest_set_state(st, &req, NTMS_LM_WAITING), ERROR_INVALID_STATE);
    assert_false(model_librequest_is_open(st, &req, NTMS_LM_INVENTORY));
    assert_int_equal(model_librequest_find_open(st, &lib, NTMS_LM_INVENTORY, &found), ERROR_OBJECT_NOT_FOUND);

    /* other outcomes, and the service's own requests */
    assert_int_equal(model_librequest_create(st, NULL, &spec, &req), 0);
    assert_int_equal(model_librequest_finish(st, &req, ERROR_CANCELLED), 0);
    fx_get(st, &req, &rec);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_string_equal(rec.Info.LibRequest.szApplication, "RSM");
    assert_string_equal(rec.Info.LibRequest.szComputer, FX_HOST);
    spec.op = NTMS_LM_MAXWORKITEM;
    assert_int_equal(model_librequest_create(st, NULL, &spec, &req), ERROR_INVALID_PARAMETER);
}

static void test_librequest_recover_and_purge(void **state)
{
    store_t *st = *state;
    NTMS_GUID lib = fx_online_library(st, "Lib"), a, b, c, d, comp_id;
    librequest_spec_t spec = {.op = NTMS_LM_INJECT, .library = &lib};
    NTMS_OBJECTINFORMATIONA rec, comp;
    size_t n = 99;
    guid_list_t all;

    assert_int_equal(model_librequest_create(st, NULL, &spec, &a), 0);
    assert_int_equal(model_librequest_create(st, NULL, &spec, &b), 0);
    assert_int_equal(model_librequest_set_state(st, &b, NTMS_LM_WAITING), 0);
    assert_int_equal(model_librequest_create(st, NULL, &spec, &c), 0);
    assert_int_equal(model_librequest_finish(st, &c, 0), 0);
    assert_int_equal(model_librequests_recover(st, &n), 0);
    assert_int_equal(n, 2);
    fx_get(st, &a, &rec);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_CANCELLED);
    assert_int_equal(rec.Info.LibRequest.dwErrorCode, ERROR_CANCELLED);
    fx_get(st, &c, &rec);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_PASSED);
    /* one that failed: NOFAILEDPURGE keeps it below */
    assert_int_equal(model_librequest_create(st, NULL, &spec, &d), 0);
    assert_int_equal(model_librequest_finish(st, &d, ERROR_IO_DEVICE), 0);

    /* A purge time of 0 purges every finished request at the next create,
     * except failed ones when NOFAILEDPURGE says so. */
    assert_int_equal(store_computer(st, &comp_id), 0);
    fx_get(st, &comp_id, &comp);
    comp.Info.Computer.dwLibRequestPurgeTime = 0;
    comp.Info.Computer.dwLibRequestFlags = NTMS_LIBREQFLAGS_NOFAILEDPURGE;
    assert_int_equal(store_update(st, &comp), 0);
    assert_int_equal(model_librequest_create(st, NULL, &spec, &c), 0);
    all = fx_enum(st, NULL, NTMS_LIBREQUEST);
    assert_int_equal(all.n, 2); /* d (failed) and the new one; a, b (cancelled) and c went */
    guid_list_free(&all);
    comp.Info.Computer.dwLibRequestFlags = 0;
    assert_int_equal(store_update(st, &comp), 0);
    assert_int_equal(model_librequest_create(st, NULL, &spec, &c), 0);
    all = fx_enum(st, NULL, NTMS_LIBREQUEST);
    assert_int_equal(all.n, 2); /* the two open ones; d went too */
    guid_list_free(&all);
}

/* --- library checks and enable/disable --------------------------------------- */

static void test_library_for_call(void **state)
{
    store_t *st = *state;
    library_errors_t e = {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED};
    NTMS_GUID lib = fx_online_library(st, "Lib"), off = offline_library(st);
    NTMS_GUID type = fx_media_type(st, "LTO-8");
    NTMS_OBJECTINFORMATIONA rec;

    assert_int_equal(model_library_for_call(st, &lib, &e, &rec), 0);
    assert_guid_equal(&rec.ObjectGuid, &lib);
    assert_int_equal(model_library_for_call(st, &off, &e, &rec), ERROR_LIBRARY_OFFLINE);
    assert_int_equal(model_library_for_call(st, &type, &e, &rec), ERROR_INVALID_LIBRARY);
    assert_int_equal(model_set_enabled(st, NULL, NTMS_LIBRARY, &lib, 0), 0);
    assert_int_equal(model_library_for_call(st, &lib, &e, &rec), ERROR_RESOURCE_DISABLED);
    assert_int_equal(model_library_usable(st, &lib), ERROR_RESOURCE_DISABLED);
    assert_int_equal(model_library_usable(st, &type), ERROR_OBJECT_NOT_FOUND);
}

static void test_enable_disable(void **state)
{
    store_t *st = *state;
    principal_t who = alice();
    NTMS_GUID lib = fx_online_library(st, "Lib"), off = offline_library(st);
    NTMS_GUID drive = element(st, NTMS_DRIVE, &lib, 256);
    NTMS_GUID slot = element(st, NTMS_STORAGESLOT, &lib, 1000);
    NTMS_GUID m = medium(st, "LTO-8", NULL, &lib, &slot, NTMS_STORAGESLOT);
    NTMS_OBJECTINFORMATIONA rec;
    guid_list_t sides, reqs;

    /* types and arguments */
    assert_int_equal(model_set_enabled(st, &who, NTMS_STORAGESLOT, &slot, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, NULL, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, &lib, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_set_enabled(st, &who, NTMS_LIBRARY, &off, 0), ERROR_LIBRARY_OFFLINE);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, &drive, 1), ERROR_INVALID_STATE);

    /* a drive: disabled alone, or through its library */
    assert_int_equal(model_drive_usable(st, &drive), 0);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, &drive, 0), 0);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, &drive, 0), ERROR_INVALID_STATE);
    assert_int_equal(model_drive_usable(st, &drive), ERROR_RESOURCE_DISABLED);
    assert_int_equal(model_set_enabled(st, &who, NTMS_DRIVE, &drive, 1), 0);
    assert_int_equal(model_set_enabled(st, &who, NTMS_LIBRARY, &lib, 0), 0);
    assert_int_equal(model_drive_usable(st, &drive), ERROR_RESOURCE_DISABLED);
    fx_get(st, &drive, &rec);
    assert_true(rec.Enabled); /* its own flag is untouched */
    assert_int_equal(model_set_enabled(st, &who, NTMS_LIBRARY, &lib, 1), 0);
    assert_int_equal(model_drive_usable(st, &drive), 0);

    /* a medium takes its sides with it */
    assert_int_equal(model_set_enabled(st, &who, NTMS_PHYSICAL_MEDIA, &m, 0), 0);
    sides = fx_enum(st, &m, NTMS_PARTITION);
    assert_int_equal(sides.n, 1);
    fx_get(st, &sides.v[0], &rec);
    assert_false(rec.Enabled);
    assert_int_equal(model_set_enabled(st, &who, NTMS_PHYSICAL_MEDIA, &m, 1), 0);
    fx_get(st, &sides.v[0], &rec);
    assert_true(rec.Enabled);
    guid_list_free(&sides);

    /* each change is a finished request of the library */
    reqs = fx_enum(st, &lib, NTMS_LIBREQUEST);
    assert_int_equal(reqs.n, 6);
    fx_get(st, &reqs.v[0], &rec);
    assert_int_equal(rec.Info.LibRequest.OperationCode, NTMS_LM_DISABLEDRIVE);
    assert_int_equal(rec.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_guid_equal(&rec.Info.LibRequest.DriveId, &drive);
    fx_get(st, &reqs.v[4], &rec);
    assert_int_equal(rec.Info.LibRequest.OperationCode, NTMS_LM_DISABLEMEDIA);
    assert_guid_equal(&rec.Info.LibRequest.PhysMediaId, &m);
    guid_list_free(&reqs);
}

/* --- deleting libraries and drives ------------------------------------------ */

static void test_delete_library(void **state)
{
    store_t *st = *state;
    NTMS_GUID lib = fx_online_library(st, "Lib"), off = offline_library(st);
    NTMS_GUID slot = element(st, NTMS_STORAGESLOT, &lib, 1000);
    NTMS_GUID drive = element(st, NTMS_DRIVE, &lib, 256);
    NTMS_GUID port = element(st, NTMS_IEPORT, &lib, 16);
    NTMS_GUID in_slot = medium(st, "LTO-8", NULL, &lib, &slot, NTMS_STORAGESLOT);
    NTMS_GUID in_drive = medium(st, "LTO-8", NULL, &lib, &drive, NTMS_DRIVE);
    NTMS_GUID type = fx_media_type(st, "LTO-8");
    NTMS_OBJECTINFORMATIONA rec;
    DWORD t;

    assert_int_equal(model_delete_library(st, NULL, &type, 0), ERROR_INVALID_LIBRARY);
    assert_int_equal(model_delete_library(st, NULL, &off, 0), ERROR_INVALID_LIBRARY);
    assert_int_equal(model_delete_library(st, NULL, &lib, 1), ERROR_INVALID_STATE);
    assert_int_equal(model_set_enabled(st, NULL, NTMS_LIBRARY, &lib, 0), 0);
    assert_int_equal(model_delete_library(st, NULL, &lib, 0), ERROR_INVALID_STATE);
    assert_int_equal(model_set_enabled(st, NULL, NTMS_LIBRARY, &lib, 1), 0);

    assert_int_equal(model_delete_library(st, NULL, &lib, 0), 0);
    assert_int_equal(store_type_of(st, &lib, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &slot, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &drive, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &port, &t), ERROR_OBJECT_NOT_FOUND);
    fx_get(st, &in_slot, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_int_equal(rec.Info.PhysicalMedia.LocationType, NTMS_LIBRARY);
    fx_get(st, &in_drive, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_int_equal(store_check(st, NULL, 0), 0);
}

static void test_delete_drive(void **state)
{
    store_t *st = *state;
    NTMS_GUID lib = fx_online_library(st, "Lib"), off = offline_library(st), sa;
    NTMS_GUID slot = element(st, NTMS_STORAGESLOT, &lib, 1000);
    NTMS_GUID drive = element(st, NTMS_DRIVE, &lib, 256), sa_drive;
    NTMS_GUID in_drive = medium(st, "LTO-8", NULL, &lib, &drive, NTMS_DRIVE);
    NTMS_OBJECTINFORMATIONA rec;
    DWORD t;

    (void)slot;
    assert_int_equal(model_delete_drive(st, NULL, &lib, 0), ERROR_INVALID_DRIVE);
    assert_int_equal(model_delete_drive(st, NULL, &drive, 0), ERROR_INVALID_STATE); /* present */
    fx_get(st, &drive, &rec);
    rec.dwOperationalState = NTMS_NOT_PRESENT;
    assert_int_equal(store_update(st, &rec), 0);
    assert_int_equal(model_delete_drive(st, NULL, &drive, 1), 0); /* its library may run */
    assert_int_equal(store_type_of(st, &drive, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_type_of(st, &lib, &t), 0);
    fx_get(st, &in_drive, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &off);

    /* the drive of a stand-alone library takes the library with it */
    fx_record(&rec, NTMS_LIBRARY, "Standalone");
    rec.Info.Library.LibraryType = NTMS_LIBRARYTYPE_STANDALONE;
    sa = fx_insert(st, &rec);
    sa_drive = element(st, NTMS_DRIVE, &sa, 256);
    assert_int_equal(model_delete_drive(st, NULL, &sa_drive, 1), ERROR_INVALID_STATE);
    assert_int_equal(model_delete_drive(st, NULL, &sa_drive, 0), 0);
    assert_int_equal(store_type_of(st, &sa, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_check(st, NULL, 0), 0);
}

/* --- media leaving a library -------------------------------------------------- */

static void test_eject_rules(void **state)
{
    store_t *st = *state;
    NTMS_GUID lib = fx_online_library(st, "Lib"), off = offline_library(st);
    NTMS_GUID port = element(st, NTMS_IEPORT, &lib, 16);
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8"), app = fx_pool(st, "App", &lto8), free_pool;
    NTMS_GUID unrec = medium(st, "LTO-8", NULL, &lib, &port, NTMS_IEPORT);
    NTMS_GUID kept = medium(st, "LTO-8", &app, &lib, &port, NTMS_IEPORT);
    NTMS_GUID cleaner = medium(st, "LTO Cleaner", &app, &lib, &port, NTMS_IEPORT), shelf;
    NTMS_OBJECTINFORMATIONA rec;
    int deleted = -1;
    DWORD t;

    assert_int_equal(model_media_for_eject(st, &lib, &rec), ERROR_INVALID_MEDIA);
    assert_int_equal(model_media_for_eject(st, &kept, &rec), 0);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &lib);
    assert_int_equal(model_set_enabled(st, NULL, NTMS_PHYSICAL_MEDIA, &kept, 0), 0);
    assert_int_equal(model_media_for_eject(st, &kept, &rec), ERROR_MEDIA_NOT_AVAILABLE);
    assert_int_equal(model_set_enabled(st, NULL, NTMS_PHYSICAL_MEDIA, &kept, 1), 0);

    assert_int_equal(model_media_ejected(st, &unrec, &deleted), 0);
    assert_int_equal(deleted, 1);
    assert_int_equal(store_type_of(st, &unrec, &t), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_media_ejected(st, &cleaner, &deleted), 0);
    assert_int_equal(deleted, 1);
    assert_int_equal(model_media_ejected(st, &kept, &deleted), 0);
    assert_int_equal(deleted, 0);
    fx_get(st, &kept, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_int_equal(model_media_for_eject(st, &kept, &rec), ERROR_LIBRARY_OFFLINE);

    /* free media go only when the computer's policy purges them */
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &lto8, &free_pool), 0);
    shelf = medium(st, "LTO-8", &free_pool, &lib, &port, NTMS_IEPORT);
    assert_int_equal(model_media_ejected(st, &shelf, &deleted), 0);
    assert_int_equal(deleted, 0);
    assert_int_equal(store_check(st, NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_librequest_life, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_librequest_recover_and_purge, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_library_for_call, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_enable_disable, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_delete_library, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_delete_drive, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_eject_rules, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
