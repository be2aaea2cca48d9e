/*
 * admin.c - the calls that change the object world more than the hardware:
 * Enable/DisableNtmsObject, DeleteNtmsLibrary, DeleteNtmsDrive, and the
 * device change detection sessions.
 *
 * The rules are the model's (devices.h); what this file adds is what only
 * the running service knows: whether a library is connected (its worker
 * runs), the dismount a disabled drive gets ("whenever possible, when a
 * drive is disabled, the medium in the drive is removed and placed in its
 * slot"), and the devwatch instance the library core runs.
 */
#include <stdlib.h>

#include "ops_int.h"
#include "util/log.h"

/* ------------------------------------------------------------------------ */
/* Enable/DisableNtmsObject */

DWORD ops_set_enabled(const principal_t *who, DWORD type, const NTMS_GUID *id, int enabled)
{
    DWORD err = model_set_enabled(ops_store(), who, type, id, enabled);
    library_t *lib;
    NTMS_OBJECTINFORMATIONA drive;

    if (err != 0 || enabled || type != NTMS_DRIVE)
        return err;
    /* The disabled drive gives its medium back, when its library runs. */
    if (store_get(ops_store(), id, &drive) == 0 &&
        (lib = library_by_guid(&drive.Info.Drive.Library)) != NULL &&
        library_get_state(lib) == LIBRARY_READY && ops_dismount(who, id) != 0)
        log_warn("disable drive \"%s\": its medium could not be queued for a dismount",
                 drive.szName);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* DeleteNtmsLibrary, DeleteNtmsDrive */

/* A library is connected while rsmd runs a worker for it. */
static int connected(const NTMS_GUID *library)
{
    return library_by_guid(library) != NULL;
}

DWORD ops_delete_library(const principal_t *who, const NTMS_GUID *id)
{
    return model_delete_library(ops_store(), who, id, connected(id));
}

DWORD ops_delete_drive(const principal_t *who, const NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA drive;
    int lib_connected = 0;

    if (store_get(ops_store(), id, &drive) == 0 && drive.dwType == NTMS_DRIVE)
        lib_connected = connected(&drive.Info.Drive.Library);
    return model_delete_drive(ops_store(), who, id, lib_connected);
}

/* ------------------------------------------------------------------------ */
/* Device change detection: devwatch's sessions, owned by client sessions */

/* The core's devwatch (library_devwatch). It always runs (udev, or TEST
 * UNIT READY polling without it); NULL only when it could not start at all
 * (logged then), and the functions answer ERROR_NOT_SUPPORTED: detection
 * is not available on this service. */
static devwatch_t *watch(void)
{
    return library_devwatch();
}

#define NO_WATCH ERROR_NOT_SUPPORTED

DWORD ops_detect_begin(uint64_t session, uint64_t *handle)
{
    devwatch_t *dw = watch();

    return dw ? devwatch_session_begin(dw, session, handle) : NO_WATCH;
}

DWORD ops_detect_set(uint64_t session, uint64_t handle, DWORD type, const NTMS_GUID *ids, size_t n)
{
    devwatch_t *dw = watch();

    if (n > UINT32_MAX)
        return ERROR_INVALID_PARAMETER;
    return dw ? devwatch_session_set(dw, session, handle, type, ids, (DWORD)n)
              : NO_WATCH;
}

DWORD ops_detect_end(uint64_t session, uint64_t handle)
{
    devwatch_t *dw = watch();

    return dw ? devwatch_session_end(dw, session, handle) : NO_WATCH;
}

void ops_detect_session_ended(uint64_t session)
{
    devwatch_t *dw = watch();

    if (dw != NULL)
        devwatch_session_end_owner(dw, session);
}
