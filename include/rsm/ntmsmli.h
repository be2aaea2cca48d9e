/*
 * ntmsmli.h - the media label library interface of the Removable Storage
 * Manager.
 *
 * A media label library is a shared object that recognizes the on-media
 * labels (OMIDs) one application writes.  RSM reads the start of a side,
 * asks MaxMediaLabel how many bytes the library wants to see, and passes
 * them to ClaimMediaLabel; a library that recognizes the label fills in a
 * MediaLabelInfo and returns NO_ERROR, otherwise ERROR_BAD_FORMAT.
 */
#ifndef RSM_NTMSMLI_H
#define RSM_NTMSMLI_H

#include <rsm/ntmsapi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Array sizes of MediaLabelInfo, in elements. */
#define NTMSMLI_MAXTYPE     64
#define NTMSMLI_MAXIDSIZE   256
#define NTMSMLI_MAXAPPDESCR 256

/* What a label library reports about a label it recognizes. */
typedef struct {
    WCHAR LabelType[NTMSMLI_MAXTYPE];         /* who wrote the label */
    DWORD LabelIDSize;                        /* bytes used in LabelID */
    BYTE  LabelID[NTMSMLI_MAXIDSIZE];         /* unique label identifier */
    WCHAR LabelAppDescr[NTMSMLI_MAXAPPDESCR]; /* description of the medium */
} MediaLabelInfo, *pMediaLabelInfo;

/* Entry points a label library exports, as pointer types for dlsym(). */
typedef DWORD (WINAPI *MAXMEDIALABEL)(DWORD *const pMaxSize);
typedef DWORD (WINAPI *CLAIMMEDIALABEL)(const BYTE *const pBuffer,
                                        const DWORD nBufferSize,
                                        MediaLabelInfo *const pLabelInfo);
typedef DWORD (WINAPI *CLAIMMEDIALABELEX)(const BYTE *const pBuffer,
                                          const DWORD nBufferSize,
                                          MediaLabelInfo *const pLabelInfo,
                                          GUID *LabelGuid);

/*
 * The same entry points as declarations, for the label library itself.
 * They are implemented by each label library, not by librsm.
 */
/* Largest label buffer the library wants to see, in bytes. */
DWORD WINAPI MaxMediaLabel(DWORD *const pMaxSize);
/* NO_ERROR and *pLabelInfo filled in if the label is recognized,
 * ERROR_BAD_FORMAT otherwise. */
DWORD WINAPI ClaimMediaLabel(const BYTE *const pBuffer, const DWORD nBufferSize,
                             MediaLabelInfo *const pLabelInfo);

#ifdef __cplusplus
}
#endif

#endif /* RSM_NTMSMLI_H */
