/*
 * devices.c - which library a call may use, disabled objects, and
 * Enable/DisableNtmsObject (devices.h).
 *
 * Enabled is a flag on the object. A library's flag does not change its
 * drives' flags; a drive is usable only when it and its library are both
 * enabled, so enabling the library again gives back exactly the drives
 * that were usable before. Sides cannot be disabled on their own, so a
 * medium's flag is copied onto its sides ("all objects contained by a
 * disabled object are also disabled").
 */
#include <stdbool.h>

#include "devices.h"
#include "librequest.h"
#include "model_int.h"
#include "util/log.h"

int model_library_is_offline(const NTMS_OBJECTINFORMATIONA *lib)
{
    return lib->Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE &&
           (lib->Info.Library.dwFlags & NTMS_LIBRARYFLAG_FIXEDOFFLINE);
}

/* Read object `id` when it is of `type`; ERROR_OBJECT_NOT_FOUND when it
 * does not exist, ERROR_INVALID_PARAMETER when it is of another type.
 * Without its counts when `brief` (store_get_brief). */
static DWORD read_typed(store_t *st, const NTMS_GUID *id, DWORD type, bool brief, NTMS_OBJECTINFORMATIONA *out)
{
    DWORD rc = brief ? store_get_brief(st, id, out) : store_get(st, id, out);

    if (rc == 0 && out->dwType != type)
        rc = ERROR_INVALID_PARAMETER;
    return rc;
}

DWORD model_library_for_call(store_t *st, const NTMS_GUID *id, const library_errors_t *e,
                             NTMS_OBJECTINFORMATIONA *out)
{
    DWORD rc;

    if (st == NULL || e == NULL || out == NULL || model_guid_absent(id))
        return ERROR_INVALID_PARAMETER;
    rc = read_typed(st, id, NTMS_LIBRARY, false, out);
    if (rc == ERROR_OBJECT_NOT_FOUND || rc == ERROR_INVALID_PARAMETER) {
        log_info("library call: no library has this GUID");
        return e->not_library;
    }
    if (rc != 0)
        return rc;
    if (model_library_is_offline(out)) {
        log_info("library call: \"%s\" is the offline library", out->szName);
        return e->offline;
    }
    if (!out->Enabled) {
        log_info("library call: library \"%s\" is disabled", out->szName);
        return e->disabled;
    }
    return 0;
}

DWORD model_library_usable(store_t *st, const NTMS_GUID *library)
{
    NTMS_OBJECTINFORMATIONA lib;
    DWORD rc;

    if (st == NULL || model_guid_absent(library))
        return ERROR_INVALID_PARAMETER;
    rc = read_typed(st, library, NTMS_LIBRARY, true, &lib);
    if (rc == ERROR_INVALID_PARAMETER)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc == 0 && !lib.Enabled)
        rc = ERROR_RESOURCE_DISABLED;
    return rc;
}

DWORD model_drive_usable(store_t *st, const NTMS_GUID *drive)
{
    NTMS_OBJECTINFORMATIONA d;
    DWORD rc;

    if (st == NULL || model_guid_absent(drive))
        return ERROR_INVALID_PARAMETER;
    rc = read_typed(st, drive, NTMS_DRIVE, true, &d);
    if (rc == ERROR_INVALID_PARAMETER)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc != 0)
        return rc;
    if (!d.Enabled)
        return ERROR_RESOURCE_DISABLED;
    if (model_guid_absent(&d.Info.Drive.Library))
        return 0;
    rc = model_library_usable(st, &d.Info.Drive.Library);
    return rc == ERROR_OBJECT_NOT_FOUND ? 0 : rc;
}

/* --- Enable/DisableNtmsObject ----------------------------------------------- */

static const char *type_label(DWORD type)
{
    return type == NTMS_LIBRARY ? "library" : type == NTMS_DRIVE ? "drive" : "physical medium";
}

/* The library an object belongs to, for the offline-library rule and the
 * request record. */
static const NTMS_GUID *owner_library(const NTMS_OBJECTINFORMATIONA *obj)
{
    switch (obj->dwType) {
    case NTMS_LIBRARY:
        return &obj->ObjectGuid;
    case NTMS_DRIVE:
        return &obj->Info.Drive.Library;
    default:
        return &obj->Info.PhysicalMedia.CurrentLibrary;
    }
}

/* Copy the medium's flag onto its sides. */
static DWORD set_sides_enabled(store_t *st, const NTMS_GUID *media, int enabled)
{
    guid_list_t sides = {0};
    DWORD rc = store_enumerate(st, media, NTMS_PARTITION, &sides);

    for (size_t i = 0; rc == 0 && i < sides.n; i++) {
        NTMS_OBJECTINFORMATIONA side;
        rc = store_get(st, &sides.v[i], &side);
        if (rc == 0 && (side.Enabled != 0) != (enabled != 0)) {
            side.Enabled = enabled ? TRUE : FALSE;
            rc = store_update(st, &side);
        }
    }
    guid_list_free(&sides);
    return rc;
}

static DWORD request_op(DWORD type, int enabled)
{
    switch (type) {
    case NTMS_LIBRARY:
        return enabled ? NTMS_LM_ENABLELIBRARY : NTMS_LM_DISABLELIBRARY;
    case NTMS_DRIVE:
        return enabled ? NTMS_LM_ENABLEDRIVE : NTMS_LM_DISABLEDRIVE;
    default:
        return enabled ? NTMS_LM_ENABLEMEDIA : NTMS_LM_DISABLEMEDIA;
    }
}

/* Change the flag and record the request; inside the caller's transaction. */
static DWORD apply_enabled(store_t *st, const principal_t *who, NTMS_OBJECTINFORMATIONA *obj,
                           int enabled)
{
    librequest_spec_t spec = {.op = request_op(obj->dwType, enabled)};
    NTMS_GUID req;
    DWORD rc;

    obj->Enabled = enabled ? TRUE : FALSE;
    rc = store_update(st, obj);
    if (rc == 0 && obj->dwType == NTMS_PHYSICAL_MEDIA)
        rc = set_sides_enabled(st, &obj->ObjectGuid, enabled);
    if (rc != 0)
        return rc;
    spec.library = model_guid_absent(owner_library(obj)) ? NULL : owner_library(obj);
    if (obj->dwType == NTMS_DRIVE)
        spec.drive = &obj->ObjectGuid;
    if (obj->dwType == NTMS_PHYSICAL_MEDIA)
        spec.media = &obj->ObjectGuid;
    rc = model_librequest_create(st, who, &spec, &req);
    if (rc == 0)
        rc = model_librequest_finish(st, &req, 0);
    return rc;
}

DWORD model_set_enabled(store_t *st, const principal_t *who, DWORD type, const NTMS_GUID *id,
                        int enabled)
{
    NTMS_OBJECTINFORMATIONA obj, lib;
    const NTMS_GUID *owner;
    DWORD rc;

    if (st == NULL || model_guid_absent(id) ||
        (type != NTMS_LIBRARY && type != NTMS_DRIVE && type != NTMS_PHYSICAL_MEDIA))
        return ERROR_INVALID_PARAMETER;
    rc = read_typed(st, id, type, false, &obj);
    if (rc != 0) {
        log_info("%s: no %s has this GUID", enabled ? "enable" : "disable", type_label(type));
        return rc;
    }
    /* The offline library is a catalogue, not a device: it and the drives
     * in it (there are none) cannot be switched. Media on the shelf can. */
    owner = owner_library(&obj);
    if (type != NTMS_PHYSICAL_MEDIA && !model_guid_absent(owner) &&
        store_get(st, owner, &lib) == 0 && model_library_is_offline(&lib)) {
        log_info("%s: the offline library cannot be enabled or disabled", enabled ? "enable" : "disable");
        return ERROR_LIBRARY_OFFLINE;
    }
    if ((obj.Enabled != 0) == (enabled != 0)) {
        log_info("%s: %s \"%s\" is already %s", enabled ? "enable" : "disable", type_label(type),
                 obj.szName, enabled ? "enabled" : "disabled");
        return ERROR_INVALID_STATE;
    }
    rc = store_begin(st);
    if (rc != 0)
        return rc;
    rc = apply_enabled(st, who, &obj, enabled);
    if (rc != 0) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st);
    if (rc == 0)
        log_info("%s \"%s\" %s by %s", type_label(type), obj.szName,
                 enabled ? "enabled" : "disabled", who ? who->user : "rsmd");
    return rc;
}
