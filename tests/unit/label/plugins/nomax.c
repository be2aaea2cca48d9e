/*
 * nomax.c - a label library without MaxMediaLabel: refused at load.
 */
#include <rsm/ntmsmli.h>

DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize, MediaLabelInfo *const pLabelInfo)
{
    (void)pBuffer, (void)nBufferSize, (void)pLabelInfo;
    return ERROR_BAD_FORMAT;
}
