/*
 * mounts.c - the database side of mounting (mounts.h): resolving the IDs
 * of MountNtmsMedia, what may be mounted, and the states of drives and
 * media as mounts come and go.
 */
#include <string.h>

#include "model_int.h"
#include "mounts.h"
#include "store/store_media.h"
#include "util/log.h"

/* The side, medium and place of `side`. */
static DWORD target_of_side(store_t *st, const NTMS_GUID *side, mount_target_t *t)
{
    NTMS_OBJECTINFORMATIONA s, m;
    DWORD err = store_get(st, side, &s);

    if (err != 0 || s.dwType != NTMS_PARTITION)
        return err == 0 || err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_MEDIA : err;
    err = store_get(st, &s.Info.Partition.PhysicalMedia, &m);
    if (err != 0)
        return err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_MEDIA : err;
    memset(t, 0, sizeof *t);
    t->side = s.ObjectGuid;
    t->medium = m.ObjectGuid;
    t->library = m.Info.PhysicalMedia.CurrentLibrary;
    t->location = m.Info.PhysicalMedia.Location;
    t->location_type = m.Info.PhysicalMedia.LocationType;
    t->side_state = s.Info.Partition.State;
    t->enabled = m.Enabled && s.Enabled;
    if (model_guid_absent(&t->library)) {
        t->offline = true;
    } else {
        NTMS_OBJECTINFORMATIONA lib;
        err = store_get_brief(st, &t->library, &lib);
        if (err != 0)
            return err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_MEDIA : err;
        t->offline = lib.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE;
    }
    return 0;
}

DWORD model_mount_target(store_t *st, const NTMS_GUID *id, mount_target_t *out)
{
    NTMS_GUID side;
    DWORD type, err;

    if (st == NULL || id == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    err = store_type_of(st, id, &type);
    if (err != 0)
        return err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_MEDIA : err;
    switch (type) {
    case NTMS_PARTITION:
        side = *id;
        break;
    case NTMS_LOGICAL_MEDIA:
        err = store_media_side_of_logical(st, id, &side);
        break;
    case NTMS_PHYSICAL_MEDIA:
        err = store_media_first_side(st, id, &side);
        break;
    default:
        return ERROR_INVALID_MEDIA;
    }
    if (err != 0)
        return err == ERROR_OBJECT_NOT_FOUND ? ERROR_INVALID_MEDIA : err;
    return target_of_side(st, &side, out);
}

DWORD model_mount_allowed(const mount_target_t *t, DWORD options)
{
    if (t->side_state == NTMS_PARTSTATE_DECOMMISSIONED || t->side_state == NTMS_PARTSTATE_INCOMPATIBLE)
        return ERROR_INVALID_MEDIA;
    if ((options & NTMS_MOUNT_WRITE) && t->side_state == NTMS_PARTSTATE_COMPLETE)
        return ERROR_WRITE_PROTECT;
    if (!t->enabled)
        return ERROR_RESOURCE_DISABLED;
    return 0;
}

/* Set drive and medium states (and, when mounting, the side and counts) in
 * one transaction. */
static DWORD set_states(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *medium, const NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA d, m, s;
    DWORD err = store_get(st, drive, &d);

    if (!err)
        err = store_get(st, medium, &m);
    if (!err && side != NULL)
        err = store_get(st, side, &s);
    if (err)
        return err;
    if (d.dwType != NTMS_DRIVE || m.dwType != NTMS_PHYSICAL_MEDIA)
        return ERROR_INVALID_PARAMETER;
    if (side != NULL) {
        d.Info.Drive.State = NTMS_DRIVESTATE_MOUNTED;
        d.Info.Drive.dwMountCount++;
        d.Info.Drive.SavedPartitionId = *side;
        m.Info.PhysicalMedia.MediaState = NTMS_MEDIASTATE_MOUNTED;
        m.Info.PhysicalMedia.MountedPartition = *side;
        s.Info.Partition.dwMountCount++;
    } else {
        d.Info.Drive.State = NTMS_DRIVESTATE_DISMOUNTABLE;
        m.Info.PhysicalMedia.MediaState = NTMS_MEDIASTATE_LOADED;
    }
    err = store_begin(st);
    if (!err)
        err = store_update(st, &d);
    if (!err)
        err = store_update(st, &m);
    if (!err && side != NULL)
        err = store_update(st, &s);
    if (err) {
        store_rollback(st);
        return err;
    }
    return store_commit(st);
}

DWORD model_mount_record(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *medium, const NTMS_GUID *side)
{
    if (st == NULL || drive == NULL || medium == NULL || side == NULL)
        return ERROR_INVALID_PARAMETER;
    return set_states(st, drive, medium, side);
}

DWORD model_mount_release(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *medium)
{
    if (st == NULL || drive == NULL || medium == NULL)
        return ERROR_INVALID_PARAMETER;
    return set_states(st, drive, medium, NULL);
}

DWORD model_mounts_recover(store_t *st, size_t *n)
{
    size_t k = 0;
    DWORD err = store_begin(st);

    if (!err)
        err = store_mounts_recover(st, &k);
    if (err) {
        store_rollback(st);
        return err;
    }
    err = store_commit(st);
    if (!err && k > 0)
        log_info("%zu medi%s mounted when rsmd last stopped: now loaded, not mounted", k, k == 1 ? "um was" : "a were");
    if (n != NULL)
        *n = k;
    return err;
}
