/*
 * unimplemented.c - API functions whose service side has not landed yet.
 *
 * Each one checks its session handle (ERROR_INVALID_HANDLE comes first, as
 * everywhere) and answers ERROR_CALL_NOT_IMPLEMENTED. Functions without a
 * session handle answer ERROR_CALL_NOT_IMPLEMENTED directly. When a
 * function's service side lands, its stub moves out of this list into the
 * file of its API group.
 */
#include "rsm_internal.h"

/* The stubs take their parameters only to have the API's signatures. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

static DWORD not_yet(HANDLE hSession)
{
    DWORD err = session_check(hSession);

    return err != 0 ? err : ERROR_CALL_NOT_IMPLEMENTED;
}

/* Security */
DWORD GetNtmsObjectSecurity(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                            SECURITY_INFORMATION RequestedInformation,
                            PSECURITY_DESCRIPTOR lpSecurityDescriptor, DWORD nLength,
                            LPDWORD lpnLengthNeeded)
{ return not_yet(hSession); }
DWORD SetNtmsObjectSecurity(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                            SECURITY_INFORMATION SecurityInformation,
                            PSECURITY_DESCRIPTOR lpSecurityDescriptor)
{ return not_yet(hSession); }
