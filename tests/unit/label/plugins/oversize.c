/*
 * oversize.c - a label library that claims every label with a label ID
 * longer than MediaLabelInfo can hold (LabelIDSize 4096).
 */
#include <wchar.h>

#include <rsm/ntmsmli.h>

DWORD WINAPI MaxMediaLabel(DWORD *const pMaxSize)
{
    *pMaxSize = 64;
    return NO_ERROR;
}

DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize, MediaLabelInfo *const pLabelInfo)
{
    (void)pBuffer, (void)nBufferSize;
    wcscpy(pLabelInfo->LabelType, L"Oversize");
    pLabelInfo->LabelIDSize = 4096;
    return NO_ERROR;
}
