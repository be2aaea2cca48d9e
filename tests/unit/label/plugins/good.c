/*
 * good.c - a well-behaved label library for the tests: it claims labels
 * that start with "GOODLBL:", whose next 8 bytes are the label ID and the
 * rest of the line the description.
 */
#include <string.h>
#include <wchar.h>

#include <rsm/ntmsmli.h>

DWORD WINAPI MaxMediaLabel(DWORD *const pMaxSize)
{
    *pMaxSize = 128;
    return NO_ERROR;
}

DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize, MediaLabelInfo *const pLabelInfo)
{
    if (nBufferSize < 16 || memcmp(pBuffer, "GOODLBL:", 8) != 0)
        return ERROR_BAD_FORMAT;
    wcscpy(pLabelInfo->LabelType, L"Good Backup");
    pLabelInfo->LabelIDSize = 8;
    memcpy(pLabelInfo->LabelID, pBuffer + 8, 8);
    size_t i = 0;
    for (; 16 + i < nBufferSize && pBuffer[16 + i] != '\n' && i + 1 < NTMSMLI_MAXAPPDESCR; i++)
        pLabelInfo->LabelAppDescr[i] = pBuffer[16 + i];
    pLabelInfo->LabelAppDescr[i] = 0;
    return NO_ERROR;
}
