/*
 * library.c - the library control functions: InventoryNtmsLibrary,
 * InjectNtmsMedia, EjectNtmsMedia, AccessNtmsLibraryDoor, IdentifyNtmsSlot,
 * Enable/DisableNtmsObject, DeleteNtmsLibrary, DeleteNtmsDrive and the
 * device change detection functions.
 *
 * Each function checks its session handle first, then what its reference
 * page (and MS-RSMP's "the server MUST verify") says about its pointers and
 * its action value, and only then asks the service. An output (the
 * operation GUID of an inject or eject, a detection handle) is written only
 * when the service answered success with a well-formed result.
 */
#include <stdint.h>
#include <stdlib.h>

#include "rsm_internal.h"

/* The most GUIDs one SetNtmsDeviceChangeDetection may name: far more
 * libraries and media types than a computer has, and well inside a frame. */
#define MAX_DETECT_IDS 65536u

DWORD session_call_status(HANDLE h, Rsm__Request *req)
{
    Rsm__Response *resp;
    DWORD err = session_call(h, req, &resp);

    conn_free_response(resp);
    return err;
}

/* ------------------------------------------------------------------------ */
/* InventoryNtmsLibrary, AccessNtmsLibraryDoor */

DWORD InventoryNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId, DWORD dwAction)
{
    Rsm__InventoryLibrary msg = RSM__INVENTORY_LIBRARY__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibraryId == NULL || dwAction >= NTMS_INVENTORY_MAX)
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibraryId, lib);
    msg.action = dwAction;
    req.call_case = RSM__REQUEST__CALL_INVENTORY_LIBRARY;
    req.inventory_library = &msg;
    return session_call_status(hSession, &req);
}

DWORD AccessNtmsLibraryDoor(HANDLE hSession, LPNTMS_GUID lpLibraryId, DWORD dwAction)
{
    Rsm__AccessLibraryDoor msg = RSM__ACCESS_LIBRARY_DOOR__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    /* The action is the inventory to run once the door is closed: any
     * method below NTMS_INVENTORY_MAX except STOP, which is not one. */
    if (lpLibraryId == NULL || dwAction >= NTMS_INVENTORY_MAX || dwAction == NTMS_INVENTORY_STOP)
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibraryId, lib);
    msg.action = dwAction;
    req.call_case = RSM__REQUEST__CALL_ACCESS_LIBRARY_DOOR;
    req.access_library_door = &msg;
    return session_call_status(hSession, &req);
}

/* ------------------------------------------------------------------------ */
/* InjectNtmsMedia, EjectNtmsMedia */

DWORD session_call_operation(HANDLE h, Rsm__Request *req, Rsm__Response__ResultCase want, const char *name,
                             NTMS_GUID *op)
{
    Rsm__Response *resp;
    DWORD err = session_call(h, req, &resp);

    if (err == 0) {
        const Rsm__OperationResult *r = NULL;
        switch (resp->result_case == want ? want : RSM__RESPONSE__RESULT__NOT_SET) {
        case RSM__RESPONSE__RESULT_INJECT_MEDIA: r = resp->inject_media; break;
        case RSM__RESPONSE__RESULT_EJECT_MEDIA: r = resp->eject_media; break;
        case RSM__RESPONSE__RESULT_INJECT_CLEANER: r = resp->inject_cleaner; break;
        case RSM__RESPONSE__RESULT_EJECT_CLEANER: r = resp->eject_cleaner; break;
        default: break;
        }
        if (r == NULL || r->operation.len != 16)
            err = reply_malformed(name);
        else
            wire_guid_from_bytes(r->operation.data, op);
    }
    conn_free_response(resp);
    return err;
}

DWORD InjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpLibraryId, LPNTMS_GUID lpInjectOperation,
                      DWORD dwAction)
{
    Rsm__InjectMedia msg = RSM__INJECT_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16], op[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibraryId == NULL || lpInjectOperation == NULL || dwAction > NTMS_INJECT_STARTMANY)
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibraryId, lib);
    msg.action = dwAction;
    if (dwAction == NTMS_INJECT_STOP || dwAction == NTMS_INJECT_RETRACT) {
        msg.has_operation = 1;
        msg.operation = guid_field(lpInjectOperation, op);
    }
    req.call_case = RSM__REQUEST__CALL_INJECT_MEDIA;
    req.inject_media = &msg;
    if (msg.has_operation)
        return session_call_status(hSession, &req);
    return session_call_operation(hSession, &req, RSM__RESPONSE__RESULT_INJECT_MEDIA, "InjectNtmsMedia",
                          lpInjectOperation);
}

DWORD EjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId, LPNTMS_GUID lpEjectOperation,
                     DWORD dwAction)
{
    Rsm__EjectMedia msg = RSM__EJECT_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t media[16], op[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (dwAction > NTMS_EJECT_ASK_USER)
        return ERROR_INVALID_PARAMETER;
    /* The operation is not used by QUEUE; START, STOP and the immediate
     * forms need it. A NULL medium is the page's "START with NULL" (run the
     * queued batch) and means nothing to STOP; every other action names
     * one. */
    if (lpEjectOperation == NULL && dwAction != NTMS_EJECT_QUEUE)
        return ERROR_INVALID_PARAMETER;
    if (lpMediaId == NULL && dwAction != NTMS_EJECT_START && dwAction != NTMS_EJECT_STOP)
        return ERROR_INVALID_PARAMETER;
    if (lpMediaId != NULL && dwAction != NTMS_EJECT_STOP) {
        msg.has_media = 1;
        msg.media = guid_field(lpMediaId, media);
    }
    msg.action = dwAction;
    req.call_case = RSM__REQUEST__CALL_EJECT_MEDIA;
    req.eject_media = &msg;
    if (dwAction == NTMS_EJECT_STOP) {
        msg.has_operation = 1;
        msg.operation = guid_field(lpEjectOperation, op);
        return session_call_status(hSession, &req);
    }
    if (dwAction == NTMS_EJECT_QUEUE) {
        NTMS_GUID ignored;
        return session_call_operation(hSession, &req, RSM__RESPONSE__RESULT_EJECT_MEDIA,
                              "EjectNtmsMedia", lpEjectOperation ? lpEjectOperation : &ignored);
    }
    return session_call_operation(hSession, &req, RSM__RESPONSE__RESULT_EJECT_MEDIA, "EjectNtmsMedia",
                          lpEjectOperation);
}

/* ------------------------------------------------------------------------ */
/* IdentifyNtmsSlot */

DWORD IdentifyNtmsSlot(HANDLE hSession, LPNTMS_GUID lpSlotId, DWORD dwOption)
{
    Rsm__IdentifySlot msg = RSM__IDENTIFY_SLOT__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t slot[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    /* MS-RSMP: the option is 0, DEFERRED or IMMEDIATE (0 means IMMEDIATE). */
    if (lpSlotId == NULL ||
        (dwOption != 0 && dwOption != NTMS_DISMOUNT_DEFERRED && dwOption != NTMS_DISMOUNT_IMMEDIATE))
        return ERROR_INVALID_PARAMETER;
    msg.slot = guid_field(lpSlotId, slot);
    msg.option = dwOption;
    req.call_case = RSM__REQUEST__CALL_IDENTIFY_SLOT;
    req.identify_slot = &msg;
    return session_call_status(hSession, &req);
}

/* ------------------------------------------------------------------------ */
/* EnableNtmsObject, DisableNtmsObject */

static DWORD set_enabled(HANDLE h, DWORD type, const NTMS_GUID *id, int enabled)
{
    Rsm__SetObjectEnabled msg = RSM__SET_OBJECT_ENABLED__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t guid[16];
    DWORD err;

    if ((err = session_check(h)) != 0)
        return err;
    if (id == NULL ||
        (type != NTMS_LIBRARY && type != NTMS_DRIVE && type != NTMS_PHYSICAL_MEDIA))
        return ERROR_INVALID_PARAMETER;
    msg.type = type;
    msg.guid = guid_field(id, guid);
    msg.enabled = enabled != 0;
    req.call_case = RSM__REQUEST__CALL_SET_OBJECT_ENABLED;
    req.set_object_enabled = &msg;
    return session_call_status(h, &req);
}

DWORD EnableNtmsObject(HANDLE hSession, DWORD dwType, LPNTMS_GUID lpObjectId)
{
    return set_enabled(hSession, dwType, lpObjectId, 1);
}

DWORD DisableNtmsObject(HANDLE hSession, DWORD dwType, LPNTMS_GUID lpObjectId)
{
    return set_enabled(hSession, dwType, lpObjectId, 0);
}

/* ------------------------------------------------------------------------ */
/* DeleteNtmsLibrary, DeleteNtmsDrive */

DWORD DeleteNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId)
{
    Rsm__DeleteLibrary msg = RSM__DELETE_LIBRARY__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t guid[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibraryId == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.guid = guid_field(lpLibraryId, guid);
    req.call_case = RSM__REQUEST__CALL_DELETE_LIBRARY;
    req.delete_library = &msg;
    return session_call_status(hSession, &req);
}

DWORD DeleteNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId)
{
    Rsm__DeleteDrive msg = RSM__DELETE_DRIVE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t guid[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpDriveId == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.guid = guid_field(lpDriveId, guid);
    req.call_case = RSM__REQUEST__CALL_DELETE_DRIVE;
    req.delete_drive = &msg;
    return session_call_status(hSession, &req);
}

/* ------------------------------------------------------------------------ */
/* Device change detection. A detection handle is the service's number for
 * it, valid on its session only; numbers start at 1, so a handle is never
 * NULL, and the service refuses numbers it did not give this session. */

static uint64_t detect_number(HANDLE h)
{
    return (uint64_t)(uintptr_t)h;
}

DWORD BeginNtmsDeviceChangeDetection(HANDLE hSession, LPHANDLE lpDetectHandle)
{
    Rsm__BeginDeviceChangeDetection msg = RSM__BEGIN_DEVICE_CHANGE_DETECTION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    /* MS-RSMP: a NULL handle pointer is answered ERROR_INVALID_HANDLE. */
    if (lpDetectHandle == NULL)
        return ERROR_INVALID_HANDLE;
    req.call_case = RSM__REQUEST__CALL_BEGIN_DEVICE_CHANGE_DETECTION;
    req.begin_device_change_detection = &msg;
    err = session_call(hSession, &req, &resp);
    if (err == 0) {
        if (resp->result_case != RSM__RESPONSE__RESULT_DEVICE_CHANGE_DETECTION ||
            resp->device_change_detection->handle == 0 ||
            resp->device_change_detection->handle > (uint64_t)UINTPTR_MAX - 1)
            err = reply_malformed("BeginNtmsDeviceChangeDetection");
        else
            *lpDetectHandle = (HANDLE)(uintptr_t)resp->device_change_detection->handle;
    }
    conn_free_response(resp);
    return err;
}

DWORD SetNtmsDeviceChangeDetection(HANDLE hSession, HANDLE DetectHandle, LPNTMS_GUID lpRequestId,
                                   DWORD dwType, DWORD dwCount)
{
    Rsm__SetDeviceChangeDetection msg = RSM__SET_DEVICE_CHANGE_DETECTION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t *packed;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (DetectHandle == INVALID_HANDLE_VALUE)
        return ERROR_INVALID_HANDLE;
    if (lpRequestId == NULL || dwCount == 0 || dwCount > MAX_DETECT_IDS ||
        (dwType != NTMS_LIBRARY && dwType != NTMS_MEDIA_TYPE && dwType != NTMS_PHYSICAL_MEDIA))
        return ERROR_INVALID_PARAMETER;
    packed = malloc((size_t)dwCount * 16);
    if (packed == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < dwCount; i++)
        wire_guid_to_bytes(&lpRequestId[i], packed + (size_t)i * 16);
    if (DetectHandle != NULL) { /* NULL: the page's "single poll" */
        msg.has_handle = 1;
        msg.handle = detect_number(DetectHandle);
    }
    msg.type = dwType;
    msg.guids.data = packed;
    msg.guids.len = (size_t)dwCount * 16;
    req.call_case = RSM__REQUEST__CALL_SET_DEVICE_CHANGE_DETECTION;
    req.set_device_change_detection = &msg;
    err = session_call_status(hSession, &req);
    free(packed);
    return err;
}

DWORD EndNtmsDeviceChangeDetection(HANDLE hSession, HANDLE DetectHandle)
{
    Rsm__EndDeviceChangeDetection msg = RSM__END_DEVICE_CHANGE_DETECTION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (DetectHandle == NULL || DetectHandle == INVALID_HANDLE_VALUE)
        return ERROR_INVALID_HANDLE;
    msg.handle = detect_number(DetectHandle);
    req.call_case = RSM__REQUEST__CALL_END_DEVICE_CHANGE_DETECTION;
    req.end_device_change_detection = &msg;
    return session_call_status(hSession, &req);
}
