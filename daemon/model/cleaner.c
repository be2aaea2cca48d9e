/*
 * cleaner.c - cleaner slots, cleaner cartridges and the cleaning history
 * of drives (cleaner.h).
 *
 * Which medium is the cleaner: the one recorded in the cleaner slot, or,
 * while it is away cleaning, the one whose home is the cleaner slot and
 * which sits in a drive of the library. Reserving a slot takes the home
 * away from every other medium, so nothing else has that home; a cartridge
 * found in the slot by an inventory gets it as its home (inventory.c), so
 * the rule holds for cleaners put there by hand too.
 */
#include "cleaner.h"

#include <stdlib.h>

#include "librequest.h"
#include "library_model.h"
#include "model_int.h"
#include "store/store_media.h"
#include "util/log.h"
#include "wire.h"

/* --- reading ------------------------------------------------------------------ */

/* The medium homed at the cleaner slot that is now in one of the library's
 * drives (a cleaning in progress). */
static DWORD cleaner_in_drive(store_t *st, const cleaner_info_t *c, NTMS_GUID *out)
{
    guid_list_t homed;
    DWORD rc = store_media_homed_at(st, &c->slot, &homed);

    for (size_t i = 0; rc == 0 && i < homed.n; i++) {
        NTMS_OBJECTINFORMATIONA m;
        rc = store_get(st, &homed.v[i], &m);
        if (rc == 0 && m.Info.PhysicalMedia.LocationType == NTMS_DRIVE &&
            model_guid_eq(&m.Info.PhysicalMedia.CurrentLibrary, &c->lib.ObjectGuid)) {
            *out = homed.v[i];
            guid_list_free(&homed);
            return 0;
        }
    }
    guid_list_free(&homed);
    return rc ? rc : ERROR_OBJECT_NOT_FOUND;
}

/* Is medium `m` of a cleaner media type? */
static DWORD is_cleaner(store_t *st, const NTMS_GUID *m, bool *out)
{
    NTMS_OBJECTINFORMATIONA rec, type;
    DWORD rc = store_get(st, m, &rec);

    if (rc == 0)
        rc = store_get(st, &rec.Info.PhysicalMedia.MediaType, &type);
    *out = rc == 0 && type.Info.MediaType.MediaType == CLEANER_CARTRIDGE;
    return rc;
}

DWORD model_cleaner_info(store_t *st, const NTMS_GUID *library, cleaner_info_t *out)
{
    NTMS_OBJECTINFORMATIONA slot;
    DWORD rc;

    memset(out, 0, sizeof *out);
    if (st == NULL || model_guid_absent(library))
        return ERROR_INVALID_PARAMETER;
    rc = store_get(st, library, &out->lib);
    if (rc == 0 && out->lib.dwType != NTMS_LIBRARY)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc != 0)
        return rc;
    out->uses_left = out->lib.Info.Library.dwCleanerUsesRemaining;
    if (model_guid_absent(&out->lib.Info.Library.CleanerSlot))
        return 0;
    out->reserved = true;
    out->slot = out->lib.Info.Library.CleanerSlot;
    rc = store_get(st, &out->slot, &slot);
    if (rc != 0)
        return rc;
    out->slot_number = slot.Info.StorageSlot.Number;
    out->slot_state = slot.Info.StorageSlot.State;
    rc = store_media_at(st, &out->slot, &out->cleaner);
    if (rc == ERROR_OBJECT_NOT_FOUND)
        rc = cleaner_in_drive(st, out, &out->cleaner);
    out->present = rc == 0;
    if (rc == 0)
        rc = is_cleaner(st, &out->cleaner, &out->is_cleaner);
    return rc == ERROR_OBJECT_NOT_FOUND ? 0 : rc;
}

bool model_cleaner_usable(const cleaner_info_t *c)
{
    return c->present && c->is_cleaner && c->uses_left > 0;
}

DWORD model_cleaner_slot_number(store_t *st, const NTMS_GUID *library)
{
    cleaner_info_t c;

    return model_cleaner_info(st, library, &c) == 0 && c.reserved ? c.slot_number : 0;
}

/* --- writing ------------------------------------------------------------------ */

/* Run `step` in one transaction. */
static DWORD in_transaction(store_t *st, DWORD (*step)(store_t *st, void *arg), void *arg)
{
    DWORD rc = store_begin(st);

    if (rc != 0)
        return rc;
    rc = step(st, arg);
    if (rc == 0)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

/* A finished library request for an operation done at once. */
static DWORD record(store_t *st, const principal_t *who, DWORD op, const NTMS_GUID *library,
                    const NTMS_GUID *slot, const NTMS_GUID *drive)
{
    librequest_spec_t spec = {.op = op, .library = library, .slot = slot, .drive = drive};
    NTMS_GUID req;
    DWORD rc = model_librequest_create(st, who, &spec, &req);

    return rc == 0 ? model_librequest_finish(st, &req, 0) : rc;
}

/* The library's cleaner fields: present or not, `uses` left, the derived
 * IGNORECLEANERUSESREMAINING flag. Written only when they differ. */
static DWORD set_cleaner_fields(store_t *st, NTMS_OBJECTINFORMATIONA *lib, bool present, DWORD uses)
{
    NTMS_LIBRARYINFORMATION *li = &lib->Info.Library;
    DWORD flags = li->dwFlags & ~(NTMS_LIBRARYFLAG_CLEANERPRESENT | NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING);

    if (present)
        flags |= NTMS_LIBRARYFLAG_CLEANERPRESENT;
    if (uses == RSM_CLEANER_USES_UNLIMITED)
        flags |= NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING;
    if (flags == li->dwFlags && uses == li->dwCleanerUsesRemaining)
        return 0;
    li->dwFlags = flags;
    li->dwCleanerUsesRemaining = uses;
    return store_update(st, lib);
}

struct reserve {
    const principal_t *who;
    NTMS_OBJECTINFORMATIONA *lib;
    const NTMS_GUID *slot;
};

static DWORD reserve_step(store_t *st, void *arg)
{
    struct reserve *r = arg;
    guid_list_t homed;
    DWORD rc;

    r->lib->Info.Library.CleanerSlot = *r->slot;
    r->lib->Info.Library.CleanerSlotDefault = *r->slot;
    rc = store_update(st, r->lib);
    if (rc == 0) {
        rc = store_media_homed_at(st, r->slot, &homed);
        for (size_t i = 0; rc == 0 && i < homed.n; i++) {
            NTMS_OBJECTINFORMATIONA m;
            rc = store_get(st, &homed.v[i], &m);
            if (rc == 0) {
                memset(&m.Info.PhysicalMedia.HomeSlot, 0, sizeof m.Info.PhysicalMedia.HomeSlot);
                rc = store_update(st, &m);
            }
        }
        guid_list_free(&homed);
    }
    return rc == 0 ? record(st, r->who, NTMS_LM_RESERVECLEANER, &r->lib->ObjectGuid, r->slot, NULL) : rc;
}

DWORD model_cleaner_reserve(store_t *st, const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *slot)
{
    NTMS_OBJECTINFORMATIONA s;
    NTMS_GUID held;
    cleaner_info_t c;
    DWORD rc = model_cleaner_info(st, library, &c);

    if (rc != 0)
        return rc;
    rc = model_guid_absent(slot) ? ERROR_INVALID_PARAMETER : store_get(st, slot, &s);
    if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && s.dwType != NTMS_STORAGESLOT)) {
        log_info("reserve cleaner slot: no storage slot has this GUID");
        return ERROR_OBJECT_NOT_FOUND;
    }
    if (rc != 0)
        return rc;
    if (!model_guid_eq(&s.Info.StorageSlot.Library, library)) {
        log_info("reserve cleaner slot: slot %u is not a slot of library \"%s\"",
                 (unsigned)s.Info.StorageSlot.Number, c.lib.szName);
        return ERROR_INVALID_PARAMETER;
    }
    if (c.reserved) {
        log_info("reserve cleaner slot: library \"%s\" has slot %u reserved already", c.lib.szName,
                 (unsigned)c.slot_number);
        return ERROR_CLEANER_SLOT_SET;
    }
    if (s.Info.StorageSlot.State == NTMS_SLOTSTATE_NOTPRESENT || s.Info.StorageSlot.State == NTMS_SLOTSTATE_FULL ||
        store_media_at(st, slot, &held) == 0) {
        log_info("reserve cleaner slot: slot %u of \"%s\" is %s", (unsigned)s.Info.StorageSlot.Number, c.lib.szName,
                 s.Info.StorageSlot.State == NTMS_SLOTSTATE_NOTPRESENT ? "not present" : "not empty");
        return ERROR_RESOURCE_NOT_AVAILABLE;
    }
    struct reserve r = {who, &c.lib, slot};
    rc = in_transaction(st, reserve_step, &r);
    if (rc == 0)
        log_info("library \"%s\": slot %u is its cleaner slot", c.lib.szName, (unsigned)s.Info.StorageSlot.Number);
    return rc;
}

struct release {
    const principal_t *who;
    cleaner_info_t *c;
};

static DWORD release_step(store_t *st, void *arg)
{
    struct release *r = arg;
    NTMS_OBJECTINFORMATIONA *lib = &r->c->lib;
    DWORD rc;

    memset(&lib->Info.Library.CleanerSlot, 0, sizeof lib->Info.Library.CleanerSlot);
    rc = store_update(st, lib);
    if (rc == 0)
        rc = set_cleaner_fields(st, lib, false, 0);
    return rc == 0 ? record(st, r->who, NTMS_LM_RELEASECLEANER, &lib->ObjectGuid, &r->c->slot, NULL) : rc;
}

DWORD model_cleaner_release(store_t *st, const principal_t *who, const NTMS_GUID *library)
{
    cleaner_info_t c;
    DWORD rc = model_cleaner_info(st, library, &c);

    if (rc != 0)
        return rc;
    if (!c.reserved) {
        log_info("release cleaner slot: library \"%s\" has no cleaner slot", c.lib.szName);
        return ERROR_CLEANER_SLOT_NOT_SET;
    }
    if (c.slot_state == NTMS_SLOTSTATE_NOTPRESENT) {
        log_info("release cleaner slot: slot %u of \"%s\" is not present", (unsigned)c.slot_number, c.lib.szName);
        return ERROR_RESOURCE_NOT_PRESENT;
    }
    if (c.present || c.slot_state == NTMS_SLOTSTATE_FULL) {
        log_info("release cleaner slot: a cleaner is in slot %u of \"%s\"; eject it first", (unsigned)c.slot_number,
                 c.lib.szName);
        return ERROR_CLEANER_CARTRIDGE_INSTALLED;
    }
    struct release r = {who, &c};
    rc = in_transaction(st, release_step, &r);
    if (rc == 0)
        log_info("library \"%s\": slot %u is no longer its cleaner slot", c.lib.szName, (unsigned)c.slot_number);
    return rc;
}

DWORD model_cleaner_sync(store_t *st, const NTMS_GUID *library, DWORD default_uses)
{
    cleaner_info_t c;
    DWORD rc = model_cleaner_info(st, library, &c);

    if (rc != 0)
        return rc;
    bool was = (c.lib.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT) != 0;
    bool present = c.present && c.is_cleaner;
    DWORD uses = c.uses_left;
    if (!present)
        uses = 0;
    else if (!was && uses == 0)
        uses = default_uses;
    if (present != was)
        log_info("library \"%s\": %s", c.lib.szName,
                 present ? "a cleaner is in its cleaner slot" : "no cleaner in its cleaner slot");
    if (c.present && !c.is_cleaner)
        log_info("library \"%s\": the cartridge in the cleaner slot %u is no cleaner", c.lib.szName,
                 (unsigned)c.slot_number);
    return set_cleaner_fields(st, &c.lib, present, uses);
}

/* Make medium `m` a cleaner of its family's cleaner type, in that type's
 * Unrecognized pool (where the inventory puts cleaners it recognizes). */
static DWORD make_cleaner(store_t *st, const NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA m, type;
    char name[NTMS_OBJECTNAME_LENGTH];
    NTMS_GUID cleaner_type, pool;
    DWORD rc = store_get(st, medium, &m);

    if (rc == 0)
        rc = store_get(st, &m.Info.PhysicalMedia.MediaType, &type);
    if (rc != 0 || type.Info.MediaType.MediaType == CLEANER_CARTRIDGE)
        return rc;
    model_media_type_for_barcode("CLN", "CLN", type.szName, name, sizeof name);
    rc = store_find_media_type(st, 0, name, &cleaner_type);
    if (rc == 0)
        rc = store_find_system_pool(st, NTMS_POOLTYPE_FOREIGN, &cleaner_type, &pool);
    if (rc != 0) {
        log_warn("inject cleaner: no media type \"%s\" (or its Unrecognized pool) for \"%s\"", name, m.szName);
        return rc;
    }
    log_info("inject cleaner: \"%s\" is a cleaner now (%s)", m.szName, name);
    m.Info.PhysicalMedia.MediaType = cleaner_type;
    m.Info.PhysicalMedia.MediaPool = pool;
    return store_update(st, &m);
}

struct injected {
    cleaner_info_t *c;
    DWORD uses;
};

static DWORD injected_step(store_t *st, void *arg)
{
    struct injected *in = arg;
    DWORD rc = make_cleaner(st, &in->c->cleaner);

    return rc == 0 ? set_cleaner_fields(st, &in->c->lib, true, in->uses) : rc;
}

DWORD model_cleaner_injected(store_t *st, const NTMS_GUID *library, DWORD uses)
{
    cleaner_info_t c;
    DWORD rc = model_cleaner_info(st, library, &c);

    if (rc == 0 && !c.present) {
        log_warn("inject cleaner: no cartridge arrived in the cleaner slot of \"%s\"", c.lib.szName);
        return ERROR_EMPTY;
    }
    struct injected in = {&c, uses};
    return rc ? rc : in_transaction(st, injected_step, &in);
}

/* --- drives ------------------------------------------------------------------- */

static DWORD set_drive_state(store_t *st, NTMS_OBJECTINFORMATIONA *d, DWORD state)
{
    if (d->Info.Drive.State == state)
        return 0;
    d->Info.Drive.State = state;
    return store_update(st, d);
}

DWORD model_cleaner_expect(store_t *st, const NTMS_GUID *library, DWORD uses)
{
    cleaner_info_t c;
    DWORD rc = model_cleaner_info(st, library, &c);

    return rc ? rc : set_cleaner_fields(st, &c.lib, c.present, uses);
}

struct begin {
    const NTMS_GUID *drive, *cleaner;
};

static DWORD begin_step(store_t *st, void *arg)
{
    struct begin *b = arg;
    NTMS_OBJECTINFORMATIONA d, m;
    DWORD rc = store_get(st, b->drive, &d);

    if (rc == 0)
        rc = set_drive_state(st, &d, NTMS_DRIVESTATE_BEING_CLEANED);
    if (rc == 0)
        rc = store_get(st, b->cleaner, &m);
    if (rc == 0 && m.Info.PhysicalMedia.MediaState != NTMS_MEDIASTATE_INUSE) {
        m.Info.PhysicalMedia.MediaState = NTMS_MEDIASTATE_INUSE;
        rc = store_update(st, &m);
    }
    return rc;
}

DWORD model_clean_begin(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *cleaner)
{
    struct begin b = {drive, cleaner};
    return in_transaction(st, begin_step, &b);
}

/* One drive left BEING_CLEANED, and the cleaner still in it. */
static DWORD recover_drive(store_t *st, NTMS_OBJECTINFORMATIONA *d)
{
    NTMS_OBJECTINFORMATIONA m;
    NTMS_GUID medium;
    DWORD rc = store_media_at(st, &d->ObjectGuid, &medium);

    if (rc == ERROR_OBJECT_NOT_FOUND)
        return set_drive_state(st, d, NTMS_DRIVESTATE_DISMOUNTED);
    if (rc == 0)
        rc = set_drive_state(st, d, NTMS_DRIVESTATE_DISMOUNTABLE);
    if (rc == 0)
        rc = store_get(st, &medium, &m);
    if (rc == 0 && m.Info.PhysicalMedia.MediaState == NTMS_MEDIASTATE_INUSE) {
        m.Info.PhysicalMedia.MediaState = NTMS_MEDIASTATE_LOADED;
        rc = store_update(st, &m);
    }
    return rc;
}

DWORD model_clean_recover(store_t *st, size_t *n)
{
    guid_list_t drives = {0};
    DWORD rc = store_enumerate(st, NULL, NTMS_DRIVE, &drives);

    *n = 0;
    for (size_t i = 0; rc == 0 && i < drives.n; i++) {
        NTMS_OBJECTINFORMATIONA d;
        rc = store_get(st, &drives.v[i], &d);
        if (rc == 0 && d.Info.Drive.State == NTMS_DRIVESTATE_BEING_CLEANED) {
            rc = recover_drive(st, &d);
            ++*n;
        }
    }
    guid_list_free(&drives);
    return rc;
}

DWORD model_clean_count(store_t *st, const NTMS_GUID *drive, DWORD *count)
{
    uint8_t *data = NULL;
    size_t len = 0;
    DWORD rc = store_get_attribute(st, drive, MODEL_CLEAN_COUNT_ATTR, &data, &len);

    *count = 0;
    if (rc == 0 && len == sizeof(DWORD))
        memcpy(count, data, sizeof(DWORD));
    free(data);
    return rc == ERROR_OBJECT_NOT_FOUND ? 0 : rc;
}

/* LastCleanedTs now, the count one more. */
static DWORD mark_cleaned(store_t *st, NTMS_OBJECTINFORMATIONA *d)
{
    DWORD count;
    DWORD rc = model_clean_count(st, &d->ObjectGuid, &count);

    if (rc != 0)
        return rc;
    count++;
    wire_time_to_systemtime(wire_time_now_ms(), &d->Info.Drive.LastCleanedTs);
    rc = store_update(st, d);
    if (rc == 0)
        rc = store_set_attribute(st, &d->ObjectGuid, MODEL_CLEAN_COUNT_ATTR, (const uint8_t *)&count, sizeof count);
    if (rc == 0)
        log_info("drive \"%s\" cleaned (%u time%s)", d->szName, (unsigned)count, count == 1 ? "" : "s");
    return rc;
}

/* The cleaner's side counts one more mount. */
static DWORD count_mount(store_t *st, const NTMS_GUID *cleaner)
{
    guid_list_t sides = {0};
    NTMS_OBJECTINFORMATIONA side;
    DWORD rc = store_enumerate(st, cleaner, NTMS_PARTITION, &sides);

    if (rc == 0 && sides.n > 0 && (rc = store_get(st, &sides.v[0], &side)) == 0) {
        side.Info.Partition.dwMountCount++;
        rc = store_update(st, &side);
    }
    guid_list_free(&sides);
    return rc;
}

struct done {
    const NTMS_GUID *library, *drive;
    const clean_result_t *r;
    bool exhausted;
};

static DWORD done_step(store_t *st, void *arg)
{
    struct done *dn = arg;
    NTMS_OBJECTINFORMATIONA d;
    cleaner_info_t c;
    DWORD uses;
    DWORD rc = store_get(st, dn->drive, &d);

    if (rc == 0)
        rc = set_drive_state(st, &d, NTMS_DRIVESTATE_DISMOUNTED);
    if (rc == 0 && dn->r->cleaned)
        rc = mark_cleaned(st, &d);
    if (rc == 0)
        rc = model_cleaner_info(st, dn->library, &c);
    if (rc != 0 || !c.present)
        return rc;
    rc = count_mount(st, &c.cleaner);
    uses = c.uses_left;
    if (dn->r->spent)
        uses = 0;
    else if (dn->r->cleaned && uses != RSM_CLEANER_USES_UNLIMITED && uses > 0)
        uses--;
    if (rc == 0)
        rc = set_cleaner_fields(st, &c.lib, true, uses);
    dn->exhausted = uses == 0;
    return rc;
}

DWORD model_clean_done(store_t *st, const NTMS_GUID *library, const NTMS_GUID *drive, const clean_result_t *r,
                       bool *exhausted)
{
    struct done dn = {library, drive, r, false};
    DWORD rc = in_transaction(st, done_step, &dn);

    if (exhausted != NULL)
        *exhausted = rc == 0 && dn.exhausted;
    return rc;
}

struct standalone {
    const principal_t *who;
    NTMS_OBJECTINFORMATIONA *d;
};

static DWORD standalone_step(store_t *st, void *arg)
{
    struct standalone *s = arg;
    DWORD rc = mark_cleaned(st, s->d);

    return rc ? rc : record(st, s->who, NTMS_LM_CLEANDRIVE, &s->d->Info.Drive.Library, NULL, &s->d->ObjectGuid);
}

DWORD model_clean_standalone(store_t *st, const principal_t *who, const NTMS_GUID *drive)
{
    NTMS_OBJECTINFORMATIONA d;
    DWORD rc = store_get(st, drive, &d);

    if (rc == 0 && d.dwType != NTMS_DRIVE)
        rc = ERROR_INVALID_DRIVE;
    struct standalone s = {who, &d};
    return rc ? rc : in_transaction(st, standalone_step, &s);
}
