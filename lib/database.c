/*
 * database.c - database backup and recovery: ExportNtmsDatabase and
 * ImportNtmsDatabase. Neither takes an argument beyond the session; the
 * service decides where the copy goes (its export directory) and checks
 * that the caller administers it (docs/design/backup.md).
 */
#include "rsm_internal.h"

/* One call whose request message is empty; ExportDatabase and
 * ImportDatabase have no fields, so one zeroed message serves both. */
static DWORD database_call(HANDLE hSession, Rsm__Request__CallCase call)
{
    Rsm__ExportDatabase export_msg = RSM__EXPORT_DATABASE__INIT;
    Rsm__ImportDatabase import_msg = RSM__IMPORT_DATABASE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    req.call_case = call;
    if (call == RSM__REQUEST__CALL_EXPORT_DATABASE)
        req.export_database = &export_msg;
    else
        req.import_database = &import_msg;
    return session_call_status(hSession, &req);
}

DWORD ExportNtmsDatabase(HANDLE hSession)
{
    return database_call(hSession, RSM__REQUEST__CALL_EXPORT_DATABASE);
}

DWORD ImportNtmsDatabase(HANDLE hSession)
{
    return database_call(hSession, RSM__REQUEST__CALL_IMPORT_DATABASE);
}
