/*
 * loop.c - a label library that never answers: ClaimMediaLabel spins
 * forever (the helper must be killed after the time limit).
 */
#include <rsm/ntmsmli.h>

static volatile int spin = 1;

DWORD WINAPI MaxMediaLabel(DWORD *const pMaxSize)
{
    *pMaxSize = 512;
    return NO_ERROR;
}

DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize, MediaLabelInfo *const pLabelInfo)
{
    (void)pBuffer, (void)nBufferSize, (void)pLabelInfo;
    while (spin)
        ;
    return ERROR_BAD_FORMAT;
}
