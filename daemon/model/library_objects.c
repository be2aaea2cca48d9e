/*
 * library_objects.c - a library's objects from what its hardware reported:
 * model_library_prepare, model_library_register, model_library_set_state
 * (library_model.h has the matching rules).
 *
 * Names: a new library object is named after its configuration section;
 * slots, ports, drives and the door "Slot 1000", "Port 16", "Drive 256",
 * "Door 1" (element addresses, so an administrator sees the numbers mtx
 * shows); changer and drive types "VENDOR PRODUCT", shared by every
 * library with that model. Names are only given at creation: an
 * administrator's renaming survives restarts.
 *
 * Media types: a library is related to its configured media type (and the
 * cleaner of that family when cleaners are recognized) or, without one, to
 * every tape media type, cleaners included: all a tape drive could take.
 * Relations are only ever added, so AddNtmsMediaType's survive too.
 */
#include <stdio.h>
#include <stdlib.h>

#include "library_int.h"
#include "util/log.h"

/* The dwDeferDismountDelay of new drive objects: [rsmd]
 * defer_dismount_seconds (model_set_defer_dismount_default), else 300. */
static unsigned defer_dismount_secs = 300u;
#define DEFAULT_MAX_OPEN_SECS 300u
#define DOOR_NUMBER 1u

void model_set_defer_dismount_default(unsigned seconds)
{
    if (seconds != 0)
        defer_dismount_secs = seconds;
}

/* --- small helpers --------------------------------------------------------- */

/* Copy a device string into a 64-byte NTMS field, saying so when it does
 * not fit (the full name stays available from the library, see library.h). */
static void copy_device_name(char *dst, size_t cap, const char *src, const char *what)
{
    if (strlen(src) >= cap)
        log_warn("%s: device name \"%s\" is longer than %zu bytes; the object shows it cut", what, src, cap - 1);
    model_copy_name(dst, cap, src);
}

/* SCSI peripheral device type -> FILE_DEVICE_*. */
static DWORD file_device_of(uint8_t pdt)
{
    switch (pdt) {
    case 0x05: return FILE_DEVICE_CD_ROM;
    case 0x00:
    case 0x07:
    case 0x0e: return FILE_DEVICE_DISK;
    default: return FILE_DEVICE_TAPE;
    }
}

/* The changer or drive type object for (vendor, product, device type),
 * created when missing. The type catalogues are small: a linear look. */
static DWORD find_or_create_type(store_t *st, DWORD type, const char *vendor, const char *product, DWORD device,
                                 NTMS_GUID *out)
{
    guid_list_t all = {0};
    NTMS_OBJECTINFORMATIONA rec;
    DWORD err = store_enumerate(st, NULL, type, &all);
    for (size_t i = 0; !err && i < all.n; i++) {
        err = store_get(st, &all.v[i], &rec);
        if (err)
            break;
        bool changer = type == NTMS_CHANGER_TYPE;
        const char *v = changer ? rec.Info.ChangerType.szVendor : rec.Info.DriveType.szVendor;
        const char *p = changer ? rec.Info.ChangerType.szProduct : rec.Info.DriveType.szProduct;
        DWORD dev = changer ? rec.Info.ChangerType.DeviceType : rec.Info.DriveType.DeviceType;
        if (strcmp(v, vendor) == 0 && strcmp(p, product) == 0 && dev == device) {
            *out = all.v[i];
            guid_list_free(&all);
            return 0;
        }
    }
    guid_list_free(&all);
    if (err)
        return err;
    char name[2 * NTMS_OBJECTNAME_LENGTH + 2]; /* cut to the field by lib_record_init */
    snprintf(name, sizeof name, "%s %s", vendor, product);
    lib_record_init(&rec, type, name);
    if (type == NTMS_CHANGER_TYPE) {
        model_copy_name(rec.Info.ChangerType.szVendor, sizeof(rec.Info.ChangerType.szVendor), vendor);
        model_copy_name(rec.Info.ChangerType.szProduct, sizeof(rec.Info.ChangerType.szProduct), product);
        rec.Info.ChangerType.DeviceType = device;
    } else {
        model_copy_name(rec.Info.DriveType.szVendor, sizeof(rec.Info.DriveType.szVendor), vendor);
        model_copy_name(rec.Info.DriveType.szProduct, sizeof(rec.Info.DriveType.szProduct), product);
        rec.Info.DriveType.DeviceType = device;
    }
    err = store_insert(st, &rec);
    if (!err)
        *out = rec.ObjectGuid;
    return err;
}

/* --- the library object ---------------------------------------------------- */

static DWORD create_library(store_t *st, const char *config_name, DWORD library_type, DWORD method,
                            NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA rec;
    lib_record_init(&rec, NTMS_LIBRARY, config_name);
    rec.dwOperationalState = NTMS_INITIALIZING;
    rec.Info.Library.LibraryType = library_type;
    rec.Info.Library.InventoryMethod = method == NTMS_INVENTORY_DEFAULT ? NTMS_INVENTORY_FAST : method;
    rec.Info.Library.AutoRecovery = TRUE;
    DWORD err = store_insert(st, &rec);
    if (!err)
        err = store_library_set_identity(st, &rec.ObjectGuid, config_name, "");
    if (!err)
        *out = rec.ObjectGuid;
    return err;
}

DWORD model_library_set_state(store_t *st, const NTMS_GUID *library, DWORD opstate)
{
    NTMS_OBJECTINFORMATIONA have, want;
    DWORD err = store_get(st, library, &have);
    if (err)
        return err;
    if (have.dwType != NTMS_LIBRARY)
        return ERROR_INVALID_LIBRARY;
    want = have;
    want.dwOperationalState = opstate;
    return lib_update_if_changed(st, &have, &want, NULL);
}

static DWORD in_transaction(store_t *st, DWORD err)
{
    if (err) {
        store_rollback(st);
        return err;
    }
    return store_commit(st);
}

DWORD model_library_prepare(store_t *st, const char *config_name, DWORD library_type, DWORD inventory_method,
                            NTMS_GUID *library)
{
    if (st == NULL || config_name == NULL || config_name[0] == '\0' || library == NULL)
        return ERROR_INVALID_PARAMETER;
    DWORD err = store_begin(st);
    if (err)
        return err;
    err = store_library_by_config(st, config_name, library, NULL, 0);
    if (err == ERROR_OBJECT_NOT_FOUND)
        err = create_library(st, config_name, library_type, inventory_method, library);
    else if (!err)
        err = model_library_set_state(st, library, NTMS_INITIALIZING);
    return in_transaction(st, err);
}

/* The old object of a configured library whose hardware changed: it stops
 * being the configured library, and its media, which nobody has seen in
 * the new hardware, go offline until an inventory finds them. */
static DWORD retire_library(store_t *st, const NTMS_GUID *old, const char *old_serial)
{
    NTMS_GUID offline;
    store_medium_t *media = NULL;
    size_t n = 0;
    DWORD err = store_library_set_identity(st, old, NULL, old_serial);
    if (!err)
        err = model_library_set_state(st, old, NTMS_NOT_PRESENT);
    if (!err)
        err = store_offline_library(st, &offline);
    if (!err)
        err = store_library_media(st, old, &media, &n);
    for (size_t i = 0; !err && i < n; i++)
        err = lib_medium_offline(st, &media[i].guid, &offline);
    free(media);
    return err;
}

/* Which object is this configured library with this hardware (see
 * model_library_register). */
static DWORD resolve_library(store_t *st, const model_library_desc_t *d, NTMS_GUID *library)
{
    char serial[NTMS_SERIALNUMBER_LENGTH * 2] = "";
    const char *now = d->info->serial;
    DWORD err = store_library_by_config(st, d->config_name, library, serial, sizeof serial);
    if (err == ERROR_OBJECT_NOT_FOUND)
        return create_library(st, d->config_name, d->library_type, d->inventory_method, library);
    if (err)
        return err;
    if (serial[0] == '\0' || now[0] == '\0' || strcmp(serial, now) == 0) {
        if (strcmp(serial, now) != 0 && now[0] != '\0')
            err = store_library_set_identity(st, library, d->config_name, now);
        return err;
    }
    log_warn("library %s: the hardware has serial number %s, not %s as before; the old library object is "
             "kept as not present and a new one is made", d->config_name, now, serial);
    err = retire_library(st, library, serial);
    if (!err)
        err = create_library(st, d->config_name, d->library_type, d->inventory_method, library);
    if (!err)
        err = store_library_set_identity(st, library, d->config_name, now);
    return err;
}

/* The lowest address of element type t in the status, else the element
 * map's first address. */
static DWORD first_address(const lib_status_index_t *ix, const changer_info_t *info, int t)
{
    if (ix->n[t] > 0)
        return ix->el[t][0]->address;
    return info->range[t].count > 0 ? info->range[t].first : 0;
}

static DWORD update_library(store_t *st, const model_library_desc_t *d, const NTMS_GUID *library,
                            const lib_status_index_t *ix)
{
    NTMS_OBJECTINFORMATIONA have, want;
    DWORD err = store_get(st, library, &have);
    if (err)
        return err;
    want = have;
    NTMS_LIBRARYINFORMATION *li = &want.Info.Library;
    DWORD m = d->inventory_method;
    want.dwOperationalState = NTMS_READY;
    li->LibraryType = d->library_type;
    li->BarCodeReaderInstalled = d->info->has_barcode_reader ? TRUE : FALSE;
    if (m == NTMS_INVENTORY_NONE || m == NTMS_INVENTORY_FAST || m == NTMS_INVENTORY_OMID)
        li->InventoryMethod = m;
    li->FirstDriveNumber = first_address(ix, d->info, ELEM_DRIVE);
    li->FirstSlotNumber = first_address(ix, d->info, ELEM_SLOT);
    li->FirstPortNumber = first_address(ix, d->info, ELEM_PORT);
    li->FirstChangerNumber = d->has_changer ? first_address(ix, d->info, ELEM_TRANSPORT) : 0;
    li->FirstDoorNumber = d->has_changer ? DOOR_NUMBER : 0;
    li->LibrarySupportsDriveCleaning = d->supports_cleaning ? TRUE : FALSE;
    if (d->recognize_cleaners)
        li->dwFlags |= NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE;
    else
        li->dwFlags &= ~(DWORD)NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE;
    return lib_update_if_changed(st, &have, &want, NULL);
}

/* --- changer ----------------------------------------------------------------- */

static DWORD register_changer(store_t *st, const model_library_desc_t *d, const NTMS_GUID *library,
                              const lib_status_index_t *ix)
{
    NTMS_GUID type;
    guid_list_t mine = {0};
    NTMS_OBJECTINFORMATIONA have, want;
    const changer_info_t *in = d->info;
    DWORD err = find_or_create_type(st, NTMS_CHANGER_TYPE, in->vendor, in->product, FILE_DEVICE_CHANGER, &type);
    if (!err)
        err = store_enumerate(st, library, NTMS_CHANGER, &mine);
    if (err) {
        guid_list_free(&mine);
        return err;
    }
    bool exists = mine.n > 0;
    if (exists)
        err = store_get(st, &mine.v[0], &have);
    guid_list_free(&mine);
    if (err)
        return err;
    if (!exists) {
        char name[2 * CHANGER_STRING_LEN + 2]; /* cut to the field by lib_record_init */
        snprintf(name, sizeof name, "%s %s", in->vendor, in->product);
        lib_record_init(&have, NTMS_CHANGER, name);
        have.Info.Changer.Library = *library;
    }
    want = have;
    NTMS_CHANGERINFORMATIONA *ci = &want.Info.Changer;
    ci->Number = first_address(ix, in, ELEM_TRANSPORT);
    ci->ChangerType = type;
    model_copy_name(ci->szSerialNumber, sizeof(ci->szSerialNumber), in->serial);
    model_copy_name(ci->szRevision, sizeof(ci->szRevision), in->revision);
    copy_device_name(ci->szDeviceName, sizeof(ci->szDeviceName), d->changer_device, d->config_name);
    want.dwOperationalState = NTMS_READY;
    return exists ? lib_update_if_changed(st, &have, &want, NULL) : store_insert(st, &want);
}

/* --- drives ------------------------------------------------------------------ */

struct drive_rec {
    NTMS_OBJECTINFORMATIONA rec;
    bool claimed;
};

/* The existing drive object for desc: by serial number, else the one at
 * its address whose serial is unknown or which stays unbound. */
static struct drive_rec *match_drive(struct drive_rec *recs, size_t n, const model_drive_desc_t *dd)
{
    const char *serial = dd->bound ? dd->ident.serial : "";
    for (size_t i = 0; serial[0] != '\0' && i < n; i++)
        if (!recs[i].claimed && strcmp(recs[i].rec.Info.Drive.szSerialNumber, serial) == 0)
            return &recs[i];
    for (size_t i = 0; i < n; i++) {
        const NTMS_DRIVEINFORMATIONA *di = &recs[i].rec.Info.Drive;
        if (!recs[i].claimed && di->Number == dd->address && (!dd->bound || di->szSerialNumber[0] == '\0'))
            return &recs[i];
    }
    return NULL;
}

/* Write one drive element's object (`have` NULL: a new one). */
static DWORD write_drive(store_t *st, const model_library_desc_t *d, const NTMS_GUID *library,
                         const model_drive_desc_t *dd, const NTMS_OBJECTINFORMATIONA *have)
{
    NTMS_OBJECTINFORMATIONA want;
    if (have != NULL) {
        want = *have;
    } else {
        char name[NTMS_OBJECTNAME_LENGTH];
        snprintf(name, sizeof name, "Drive %u", dd->address);
        lib_record_init(&want, NTMS_DRIVE, name);
        want.Info.Drive.Library = *library;
        want.Info.Drive.State = NTMS_DRIVESTATE_DISMOUNTED;
        want.Info.Drive.dwDeferDismountDelay = defer_dismount_secs;
    }
    NTMS_DRIVEINFORMATIONA *di = &want.Info.Drive;
    di->Number = dd->address;
    di->Library = *library;
    if (dd->bound) {
        const drive_ident_t *id = &dd->ident;
        DWORD err = find_or_create_type(st, NTMS_DRIVE_TYPE, id->vendor, id->product,
                                        file_device_of(id->device_type), &di->DriveType);
        if (err)
            return err;
        model_copy_name(di->szSerialNumber, sizeof(di->szSerialNumber), id->serial);
        model_copy_name(di->szRevision, sizeof(di->szRevision), id->revision);
        copy_device_name(di->szDeviceName, sizeof(di->szDeviceName), id->device_name, d->config_name);
        want.dwOperationalState = NTMS_READY;
    } else {
        memset(di->szDeviceName, 0, sizeof(di->szDeviceName));
        want.dwOperationalState = NTMS_NOT_PRESENT;
    }
    return have != NULL ? lib_update_if_changed(st, have, &want, NULL) : store_insert(st, &want);
}

static DWORD register_drives(store_t *st, const model_library_desc_t *d, const NTMS_GUID *library)
{
    guid_list_t ids = {0};
    DWORD err = store_enumerate(st, library, NTMS_DRIVE, &ids);
    struct drive_rec *recs = err ? NULL : calloc(ids.n ? ids.n : 1, sizeof(*recs));
    if (!err && recs == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; !err && i < ids.n; i++)
        err = store_get(st, &ids.v[i], &recs[i].rec);
    for (size_t k = 0; !err && k < d->ndrives; k++) {
        struct drive_rec *r = match_drive(recs, ids.n, &d->drives[k]);
        if (r != NULL)
            r->claimed = true;
        err = write_drive(st, d, library, &d->drives[k], r != NULL ? &r->rec : NULL);
    }
    /* drives the library no longer reports */
    for (size_t i = 0; !err && i < ids.n; i++) {
        if (recs[i].claimed)
            continue;
        NTMS_OBJECTINFORMATIONA want = recs[i].rec;
        want.dwOperationalState = NTMS_NOT_PRESENT;
        err = lib_update_if_changed(st, &recs[i].rec, &want, NULL);
    }
    free(recs);
    guid_list_free(&ids);
    return err;
}

/* --- slots, ports, door ------------------------------------------------------ */

/* Objects for the slots and ports the status lists and the database lacks. */
static DWORD create_elements(store_t *st, const NTMS_GUID *library, const lib_view_t *view,
                             const lib_status_index_t *ix)
{
    static const int kinds[] = {ELEM_SLOT, ELEM_PORT};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int t = kinds[k];
        for (size_t i = 0; i < ix->n[t]; i++) {
            const element_t *e = ix->el[t][i];
            if (lib_view_find(view, t, e->address) != NULL)
                continue;
            NTMS_OBJECTINFORMATIONA rec;
            char name[NTMS_OBJECTNAME_LENGTH];
            snprintf(name, sizeof name, "%s %u", t == ELEM_SLOT ? "Slot" : "Port", e->address);
            lib_record_init(&rec, lib_ntms_type(t), name);
            if (t == ELEM_SLOT) {
                rec.Info.StorageSlot.Number = e->address;
                rec.Info.StorageSlot.State = e->full ? NTMS_SLOTSTATE_FULL : NTMS_SLOTSTATE_EMPTY;
                rec.Info.StorageSlot.Library = *library;
            } else {
                rec.Info.IEPort.Number = e->address;
                rec.Info.IEPort.Content = e->full ? NTMS_PORTCONTENT_FULL : NTMS_PORTCONTENT_EMPTY;
                rec.Info.IEPort.Position = NTMS_PORTPOSITION_RETRACTED;
                rec.Info.IEPort.MaxExtendSecs = DEFAULT_MAX_OPEN_SECS;
                rec.Info.IEPort.Library = *library;
            }
            DWORD err = store_insert(st, &rec);
            if (err)
                return err;
        }
    }
    return 0;
}

/* A robot library has one door (libraries.md); nothing reports doors, so
 * it is made once and left to the door functions after that. */
static DWORD ensure_door(store_t *st, const NTMS_GUID *library)
{
    store_element_t *doors = NULL;
    size_t n = 0;
    DWORD err = store_library_elements(st, library, NTMS_IEDOOR, &doors, &n);
    free(doors);
    if (err || n > 0)
        return err;
    NTMS_OBJECTINFORMATIONA rec;
    lib_record_init(&rec, NTMS_IEDOOR, "Door 1");
    rec.Info.IEDoor.Number = DOOR_NUMBER;
    rec.Info.IEDoor.State = NTMS_DOORSTATE_CLOSED;
    rec.Info.IEDoor.MaxOpenSecs = DEFAULT_MAX_OPEN_SECS;
    rec.Info.IEDoor.Library = *library;
    return store_insert(st, &rec);
}

static DWORD relate_named(store_t *st, const NTMS_GUID *library, const char *name)
{
    NTMS_GUID type;
    DWORD err = store_find_media_type(st, 0, name, &type);
    if (err == ERROR_OBJECT_NOT_FOUND) {
        log_warn("library: media type \"%s\" is not in the database; not related to the library", name);
        return 0;
    }
    return err ? err : store_add_library_media_type(st, library, &type);
}

static DWORD relate_media_types(store_t *st, const model_library_desc_t *d, const NTMS_GUID *library)
{
    if (d->media_type != NULL && d->media_type[0] != '\0') {
        char cleaner[NTMS_OBJECTNAME_LENGTH];
        DWORD err = relate_named(st, library, d->media_type);
        if (!err && d->recognize_cleaners) {
            /* the cleaner of the configured type's family */
            model_media_type_for_barcode("CLN", "CLN", d->media_type, cleaner, sizeof cleaner);
            err = relate_named(st, library, cleaner);
        }
        return err;
    }
    guid_list_t types = {0};
    NTMS_OBJECTINFORMATIONA rec;
    DWORD err = store_enumerate(st, NULL, NTMS_MEDIA_TYPE, &types);
    for (size_t i = 0; !err && i < types.n; i++) {
        err = store_get(st, &types.v[i], &rec);
        if (!err && rec.Info.MediaType.DeviceType == FILE_DEVICE_TAPE)
            err = store_add_library_media_type(st, library, &types.v[i]);
    }
    guid_list_free(&types);
    return err;
}

/* --- registration ------------------------------------------------------------ */

static DWORD register_all(store_t *st, const model_library_desc_t *d, NTMS_GUID *library)
{
    lib_status_index_t ix;
    lib_view_t view = {0};
    DWORD err = lib_status_index(d->status, &ix);
    if (err)
        return err;
    err = resolve_library(st, d, library);
    if (!err)
        err = update_library(st, d, library, &ix);
    if (!err && d->has_changer)
        err = register_changer(st, d, library, &ix);
    if (!err)
        err = register_drives(st, d, library);
    if (!err)
        err = lib_view_load(st, library, &view);
    if (!err)
        err = create_elements(st, library, &view, &ix);
    lib_view_free(&view);
    if (!err)
        err = lib_view_load(st, library, &view); /* with the new ones */
    if (!err)
        err = lib_sync_states(st, &view, &ix, 0);
    if (!err && d->has_changer)
        err = ensure_door(st, library);
    if (!err)
        err = relate_media_types(st, d, library);
    lib_view_free(&view);
    lib_status_index_free(&ix);
    return err;
}

DWORD model_library_register(store_t *st, const model_library_desc_t *d, NTMS_GUID *library)
{
    if (st == NULL || d == NULL || library == NULL || d->config_name == NULL || d->info == NULL ||
        d->status == NULL || (d->ndrives > 0 && d->drives == NULL))
        return ERROR_INVALID_PARAMETER;
    DWORD err = store_begin(st);
    if (err)
        return err;
    return in_transaction(st, register_all(st, d, library));
}
