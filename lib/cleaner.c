/*
 * cleaner.c - drive cleaning: ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot,
 * InjectNtmsCleaner, EjectNtmsCleaner and CleanNtmsDrive.
 *
 * Each checks its session handle first, then the pointers and actions MS-RSMP
 * says the server verifies (ERROR_INVALID_PARAMETER), and asks the service,
 * which answers once the work is done (reserve, release) or queued (inject,
 * eject, cleaning). The operation GUID of an inject or eject START is
 * written only when the service answered success with one.
 */
#include "rsm_internal.h"

DWORD ReserveNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary, LPNTMS_GUID lpSlot)
{
    Rsm__ReserveCleanerSlot msg = RSM__RESERVE_CLEANER_SLOT__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16], slot[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibrary == NULL || lpSlot == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibrary, lib);
    msg.slot = guid_field(lpSlot, slot);
    req.call_case = RSM__REQUEST__CALL_RESERVE_CLEANER_SLOT;
    req.reserve_cleaner_slot = &msg;
    return session_call_status(hSession, &req);
}

DWORD ReleaseNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary)
{
    Rsm__ReleaseCleanerSlot msg = RSM__RELEASE_CLEANER_SLOT__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibrary == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibrary, lib);
    req.call_case = RSM__REQUEST__CALL_RELEASE_CLEANER_SLOT;
    req.release_cleaner_slot = &msg;
    return session_call_status(hSession, &req);
}

DWORD InjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary, LPNTMS_GUID lpInjectOperation,
                        DWORD dwNumberOfCleansLeft, DWORD dwAction)
{
    Rsm__InjectCleaner msg = RSM__INJECT_CLEANER__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16], op[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibrary == NULL || lpInjectOperation == NULL ||
        (dwAction != NTMS_INJECT_START && dwAction != NTMS_INJECT_STOP))
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibrary, lib);
    msg.uses = dwNumberOfCleansLeft;
    msg.action = dwAction;
    req.call_case = RSM__REQUEST__CALL_INJECT_CLEANER;
    req.inject_cleaner = &msg;
    if (dwAction == NTMS_INJECT_STOP) {
        msg.has_operation = 1;
        msg.operation = guid_field(lpInjectOperation, op);
        return session_call_status(hSession, &req);
    }
    return session_call_operation(hSession, &req, RSM__RESPONSE__RESULT_INJECT_CLEANER, "InjectNtmsCleaner",
                                  lpInjectOperation);
}

DWORD EjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary, LPNTMS_GUID lpEjectOperation, DWORD dwAction)
{
    Rsm__EjectCleaner msg = RSM__EJECT_CLEANER__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t lib[16], op[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpLibrary == NULL || lpEjectOperation == NULL ||
        (dwAction != NTMS_EJECT_START && dwAction != NTMS_EJECT_STOP))
        return ERROR_INVALID_PARAMETER;
    msg.library = guid_field(lpLibrary, lib);
    msg.action = dwAction;
    req.call_case = RSM__REQUEST__CALL_EJECT_CLEANER;
    req.eject_cleaner = &msg;
    if (dwAction == NTMS_EJECT_STOP) {
        msg.has_operation = 1;
        msg.operation = guid_field(lpEjectOperation, op);
        return session_call_status(hSession, &req);
    }
    return session_call_operation(hSession, &req, RSM__RESPONSE__RESULT_EJECT_CLEANER, "EjectNtmsCleaner",
                                  lpEjectOperation);
}

DWORD CleanNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId)
{
    Rsm__CleanDrive msg = RSM__CLEAN_DRIVE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t drive[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpDriveId == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.drive = guid_field(lpDriveId, drive);
    req.call_case = RSM__REQUEST__CALL_CLEAN_DRIVE;
    req.clean_drive = &msg;
    return session_call_status(hSession, &req);
}
