/*
 * segv.c - a label library that crashes on every label (a test of the
 * helper process: rsmd must not notice beyond one log line).
 */
#include <signal.h>

#include <rsm/ntmsmli.h>

DWORD WINAPI MaxMediaLabel(DWORD *const pMaxSize)
{
    *pMaxSize = 512;
    return NO_ERROR;
}

DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize, MediaLabelInfo *const pLabelInfo)
{
    (void)pBuffer, (void)nBufferSize, (void)pLabelInfo;
    raise(SIGSEGV);
    return ERROR_BAD_FORMAT;
}
