/*
 * removal.c - objects leaving the database or a library: DeleteNtmsLibrary,
 * DeleteNtmsDrive, a medium going to the offline library, and what an
 * eject does to the medium it took out (devices.h).
 *
 * Each public function is one transaction: a failure half-way leaves the
 * database as it was. The order inside matters because of the foreign
 * keys: media leave a library's elements before the elements are deleted,
 * sides go before their medium.
 */
#include "devices.h"
#include "library_int.h"
#include "util/log.h"

/* Run `fn` in a transaction of its own (nested in the caller's, if any). */
static DWORD in_transaction(store_t *st, DWORD (*fn)(store_t *, void *), void *arg)
{
    DWORD rc = store_begin(st);

    if (rc != 0)
        return rc;
    rc = fn(st, arg);
    if (rc != 0) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st);
}

static DWORD offline_library(store_t *st, NTMS_GUID *out)
{
    DWORD rc = store_offline_library(st, out);

    if (rc == ERROR_OBJECT_NOT_FOUND) {
        log_error("the offline library is missing from the database");
        rc = ERROR_DATABASE_FAILURE;
    }
    return rc;
}

/* --- a medium leaving its library ------------------------------------------- */

/* The inventory's own rule (elements.c), so that a medium an eject or a
 * deletion sends away looks exactly like one the inventory found gone. */
static DWORD media_to_offline(store_t *st, void *arg)
{
    NTMS_GUID offline;
    DWORD rc = offline_library(st, &offline);

    if (rc == 0)
        rc = lib_medium_offline(st, arg, &offline);
    return rc;
}

DWORD model_media_to_offline(store_t *st, const NTMS_GUID *media)
{
    DWORD type;
    DWORD rc;

    if (st == NULL || model_guid_absent(media))
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, media, &type);
    if (rc == 0 && type != NTMS_PHYSICAL_MEDIA)
        rc = ERROR_INVALID_MEDIA;
    if (rc == 0)
        rc = in_transaction(st, media_to_offline, (void *)media);
    return rc;
}

DWORD model_media_for_eject(store_t *st, const NTMS_GUID *media, NTMS_OBJECTINFORMATIONA *out)
{
    NTMS_OBJECTINFORMATIONA lib;
    DWORD type;
    DWORD rc;

    if (st == NULL || out == NULL || model_guid_absent(media))
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, media, &type);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && type != NTMS_PHYSICAL_MEDIA)) {
        log_info("eject: no physical medium has this GUID");
        return ERROR_INVALID_MEDIA;
    }
    if (rc == 0)
        rc = store_get(st, media, out);
    if (rc == 0)
        rc = store_get(st, &out->Info.PhysicalMedia.CurrentLibrary, &lib);
    if (rc != 0)
        return rc;
    if (model_library_is_offline(&lib)) {
        log_info("eject: medium \"%s\" is in the offline library", out->szName);
        return ERROR_LIBRARY_OFFLINE;
    }
    if (!out->Enabled) {
        log_info("eject: medium \"%s\" is disabled", out->szName);
        return ERROR_MEDIA_NOT_AVAILABLE;
    }
    return 0;
}

/* Whether an ejected medium leaves the database: cleaners, import,
 * unrecognized and incompatible media do (the EjectNtmsMedia page); the
 * computer's media pool policy adds free media (PURGEOFFLINESCRATCH) and
 * keeps import media (KEEPOFFLINEIMPORT). A medium with an allocated side
 * is never deleted here. */
static DWORD eject_deletes(store_t *st, const NTMS_OBJECTINFORMATIONA *m, int *del)
{
    NTMS_OBJECTINFORMATIONA type, pool, comp, side;
    guid_list_t sides = {0};
    NTMS_GUID comp_id;
    DWORD policy = 0;
    int incompatible = 0, allocated = 0;
    DWORD rc = store_get(st, &m->Info.PhysicalMedia.MediaType, &type);

    if (rc == 0)
        rc = store_get(st, &m->Info.PhysicalMedia.MediaPool, &pool);
    if (rc == 0 && store_computer(st, &comp_id) == 0 && store_get(st, &comp_id, &comp) == 0)
        policy = comp.Info.Computer.dwMediaPoolPolicy;
    if (rc == 0)
        rc = store_enumerate(st, &m->ObjectGuid, NTMS_PARTITION, &sides);
    for (size_t i = 0; rc == 0 && i < sides.n; i++) {
        rc = store_get(st, &sides.v[i], &side);
        incompatible |= rc == 0 && side.Info.Partition.State == NTMS_PARTSTATE_INCOMPATIBLE;
        allocated |= rc == 0 && !model_guid_absent(&side.Info.Partition.LogicalMedia);
    }
    guid_list_free(&sides);
    if (rc != 0)
        return rc;
    switch (pool.Info.MediaPool.PoolType) {
    case NTMS_POOLTYPE_IMPORT:
        *del = !(policy & NTMS_POOLPOLICY_KEEPOFFLINEIMPORT);
        break;
    case NTMS_POOLTYPE_FOREIGN:
        *del = 1;
        break;
    case NTMS_POOLTYPE_SCRATCH:
        *del = (policy & NTMS_POOLPOLICY_PURGEOFFLINESCRATCH) != 0;
        break;
    default:
        *del = 0;
        break;
    }
    *del |= incompatible || type.Info.MediaType.MediaType == CLEANER_CARTRIDGE;
    *del &= !allocated;
    return 0;
}

/* Delete a medium and its sides. */
static DWORD delete_media(store_t *st, const NTMS_GUID *id)
{
    guid_list_t sides = {0};
    DWORD rc = store_enumerate(st, id, NTMS_PARTITION, &sides);

    for (size_t i = 0; rc == 0 && i < sides.n; i++)
        rc = store_delete(st, &sides.v[i]);
    guid_list_free(&sides);
    if (rc == 0)
        rc = store_delete(st, id);
    return rc;
}

struct ejected {
    const NTMS_GUID *id;
    int deleted;
};

static DWORD media_ejected(store_t *st, void *arg)
{
    struct ejected *e = arg;
    NTMS_OBJECTINFORMATIONA m;
    DWORD rc = store_get(st, e->id, &m);

    if (rc == 0)
        rc = eject_deletes(st, &m, &e->deleted);
    if (rc == 0 && e->deleted) {
        log_info("medium \"%s\" (bar code \"%s\") ejected and removed from the database", m.szName,
                 m.Info.PhysicalMedia.szBarCode);
        return delete_media(st, e->id);
    }
    if (rc == 0) {
        log_info("medium \"%s\" (bar code \"%s\") ejected to the offline library", m.szName,
                 m.Info.PhysicalMedia.szBarCode);
        rc = media_to_offline(st, (void *)e->id);
    }
    return rc;
}

DWORD model_media_ejected(store_t *st, const NTMS_GUID *media, int *deleted)
{
    struct ejected e = {media, 0};
    DWORD type;
    DWORD rc;

    if (st == NULL || model_guid_absent(media))
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, media, &type);
    if (rc == 0 && type != NTMS_PHYSICAL_MEDIA)
        rc = ERROR_INVALID_MEDIA;
    if (rc == 0)
        rc = in_transaction(st, media_ejected, &e);
    if (rc == 0 && deleted != NULL)
        *deleted = e.deleted;
    return rc;
}

/* --- DeleteNtmsLibrary, DeleteNtmsDrive ------------------------------------- */

/* The device types a library contains, deleted in this order after its
 * media have left. */
static const DWORD device_types[] = {NTMS_DRIVE, NTMS_IEPORT, NTMS_IEDOOR, NTMS_STORAGESLOT,
                                     NTMS_CHANGER};

static DWORD delete_all_of(store_t *st, const NTMS_GUID *lib, DWORD type)
{
    guid_list_t list = {0};
    DWORD rc = store_enumerate(st, lib, type, &list);

    for (size_t i = 0; rc == 0 && i < list.n; i++)
        rc = store_delete(st, &list.v[i]);
    guid_list_free(&list);
    return rc;
}

static DWORD remove_library(store_t *st, void *arg)
{
    const NTMS_GUID *lib = arg;
    guid_list_t media = {0};
    DWORD rc = store_enumerate(st, lib, NTMS_PHYSICAL_MEDIA, &media);

    for (size_t i = 0; rc == 0 && i < media.n; i++)
        rc = media_to_offline(st, &media.v[i]);
    guid_list_free(&media);
    for (size_t i = 0; rc == 0 && i < sizeof device_types / sizeof device_types[0]; i++)
        rc = delete_all_of(st, lib, device_types[i]);
    if (rc == 0)
        rc = store_delete(st, lib);
    return rc;
}

DWORD model_delete_library(store_t *st, const principal_t *who, const NTMS_GUID *id, int connected)
{
    NTMS_OBJECTINFORMATIONA lib;
    DWORD type;
    DWORD rc;

    if (st == NULL || model_guid_absent(id))
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, id, &type);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && type != NTMS_LIBRARY)) {
        log_info("delete library: no library has this GUID");
        return ERROR_INVALID_LIBRARY;
    }
    if (rc == 0)
        rc = store_get(st, id, &lib);
    if (rc != 0)
        return rc;
    if (model_library_is_offline(&lib)) {
        log_info("delete library: the offline library cannot be deleted");
        return ERROR_INVALID_LIBRARY;
    }
    /* MS-RSMP: the library must be enabled and offline (not connected). */
    if (connected || !lib.Enabled) {
        log_info("delete library: \"%s\" is %s", lib.szName,
                 connected ? "connected; remove it from rsmd.conf and restart first" : "disabled");
        return ERROR_INVALID_STATE;
    }
    rc = in_transaction(st, remove_library, (void *)id);
    if (rc == 0)
        log_info("library \"%s\" deleted by %s; its media are in the offline library", lib.szName,
                 who ? who->user : "rsmd");
    return rc;
}

/* Media in `drive` leave it for the offline library, then it goes. */
static DWORD remove_drive(store_t *st, void *arg)
{
    const NTMS_OBJECTINFORMATIONA *drive = arg;
    guid_list_t media = {0};
    DWORD rc = store_enumerate(st, &drive->Info.Drive.Library, NTMS_PHYSICAL_MEDIA, &media);

    for (size_t i = 0; rc == 0 && i < media.n; i++) {
        NTMS_OBJECTINFORMATIONA m;
        rc = store_get(st, &media.v[i], &m);
        if (rc == 0 && model_guid_eq(&m.Info.PhysicalMedia.Location, &drive->ObjectGuid))
            rc = media_to_offline(st, &media.v[i]);
    }
    guid_list_free(&media);
    if (rc == 0)
        rc = store_delete(st, &drive->ObjectGuid);
    return rc;
}

DWORD model_delete_drive(store_t *st, const principal_t *who, const NTMS_GUID *id,
                         int library_connected)
{
    NTMS_OBJECTINFORMATIONA drive, lib;
    DWORD type;
    DWORD rc;

    if (st == NULL || model_guid_absent(id))
        return ERROR_INVALID_PARAMETER;
    rc = store_type_of(st, id, &type);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && type != NTMS_DRIVE)) {
        log_info("delete drive: no drive has this GUID");
        return ERROR_INVALID_DRIVE;
    }
    if (rc == 0)
        rc = store_get(st, id, &drive);
    if (rc != 0)
        return rc;
    if (model_guid_absent(&drive.Info.Drive.Library) ||
        store_get(st, &drive.Info.Drive.Library, &lib) != 0) {
        log_info("delete drive: drive \"%s\" has no valid library", drive.szName);
        return ERROR_INVALID_LIBRARY;
    }
    if (!lib.Enabled) {
        log_info("delete drive: its library \"%s\" is disabled", lib.szName);
        return ERROR_INVALID_STATE;
    }
    /* A stand-alone library is its drive: deleting one deletes both. */
    if (lib.Info.Library.dwNumberOfSlots == 0)
        return model_delete_library(st, who, &lib.ObjectGuid, library_connected);
    if (drive.dwOperationalState != NTMS_NOT_PRESENT) {
        log_info("delete drive: drive \"%s\" is present (state %u); only a drive that is "
                 "NTMS_NOT_PRESENT can be deleted", drive.szName, (unsigned)drive.dwOperationalState);
        return ERROR_INVALID_STATE;
    }
    rc = in_transaction(st, remove_drive, &drive);
    if (rc == 0)
        log_info("drive \"%s\" of library \"%s\" deleted by %s", drive.szName, lib.szName,
                 who ? who->user : "rsmd");
    return rc;
}
