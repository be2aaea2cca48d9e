/*
 * ntmsapi.h - the Removable Storage Manager (NTMS) C API on Linux.
 *
 * Source-compatible with the Windows SDK header of the same name: the same
 * type, enum, structure and function names, the same numeric values, and the
 * same A (char) / W (wchar_t) pairs.  Functions return Win32 error codes
 * (plain DWORDs, not HRESULTs); the two session/notification openers return a
 * handle and leave the reason for a failure in GetLastError().
 *
 * Differences from Windows that a port has to know about:
 *   - WCHAR is wchar_t, which is 4 bytes on Linux, so the W structures are
 *     larger than on Windows.  Strings are still counted in characters.
 *   - WINAPI expands to nothing; the functions use the platform's normal
 *     C calling convention.
 *   - A program that already has its own Windows base types (for example
 *     from Wine's headers) defines RSM_NO_WIN32_TYPES before including this
 *     file and this header then leaves those types alone.
 */
#ifndef RSM_NTMSAPI_H
#define RSM_NTMSAPI_H

#include <stdint.h>
#include <stddef.h>
#include <wchar.h>

/* Marks the functions librsm exports (default visibility, so they stay
 * exported even in a build with -fvisibility=hidden). */
#ifndef RSM_API
#  if defined(__GNUC__) || defined(__clang__)
#    define RSM_API __attribute__((visibility("default")))
#  else
#    define RSM_API
#  endif
#endif

/* The parts of this header, in the order each builds on the last. */
#include "ntms_types.h"     /* base types, Win32 error codes */
#include "ntms_constants.h" /* object ids, enumerations, constants */
#include "ntms_structs.h"   /* information structures */

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Functions.  All return ERROR_SUCCESS or a Win32 error code, except the
 * two HANDLE-returning openers (INVALID_HANDLE_VALUE + GetLastError()).
 * ====================================================================== */

/* Per-thread last error, as on Windows; librsm exports both. A program
 * with its own Windows base types (RSM_NO_WIN32_TYPES) has these too. */
#ifndef RSM_NO_WIN32_TYPES
RSM_API DWORD GetLastError(void);
RSM_API void  SetLastError(DWORD dwErrCode);
#endif

/* Sessions. */
RSM_API HANDLE OpenNtmsSessionA(LPCSTR lpServer, LPCSTR lpApplication,
                                DWORD dwOptions);
RSM_API HANDLE OpenNtmsSessionW(LPCWSTR lpServer, LPCWSTR lpApplication,
                                DWORD dwOptions);
RSM_API DWORD CloseNtmsSession(HANDLE hSession);

/* Mounting. */
RSM_API DWORD MountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
                             LPNTMS_GUID lpDriveId, DWORD dwCount,
                             DWORD dwOptions, int dwPriority, DWORD dwTimeout,
                             LPNTMS_MOUNT_INFORMATION lpMountInformation);
RSM_API DWORD DismountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
                                DWORD dwCount, DWORD dwOptions);

/* Allocation and media state. */
RSM_API DWORD AllocateNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaPool,
                                LPNTMS_GUID lpPartition, LPNTMS_GUID lpMediaId,
                                DWORD dwOptions, DWORD dwTimeout,
                                LPNTMS_ALLOCATION_INFORMATION lpAllocateInformation);
RSM_API DWORD DeallocateNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
                                  DWORD dwOptions);
RSM_API DWORD SwapNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId1,
                            LPNTMS_GUID lpMediaId2);
RSM_API DWORD DecommissionNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId);
RSM_API DWORD SetNtmsMediaComplete(HANDLE hSession, LPNTMS_GUID lpMediaId);
RSM_API DWORD DeleteNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId);
RSM_API DWORD CreateNtmsMediaA(HANDLE hSession, LPNTMS_OBJECTINFORMATIONA lpMedia,
                               LPNTMS_OBJECTINFORMATIONA lpList, DWORD dwOptions);
RSM_API DWORD CreateNtmsMediaW(HANDLE hSession, LPNTMS_OBJECTINFORMATIONW lpMedia,
                               LPNTMS_OBJECTINFORMATIONW lpList, DWORD dwOptions);
RSM_API DWORD UpdateNtmsOmidInfo(HANDLE hSession, LPNTMS_GUID lpMediaId,
                                 DWORD labelType, DWORD numberOfBytes,
                                 LPVOID lpBuffer);

/* Media types. */
RSM_API DWORD AddNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaTypeId,
                               LPNTMS_GUID lpLibId);
RSM_API DWORD DeleteNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaTypeId,
                                  LPNTMS_GUID lpLibId);
RSM_API DWORD ChangeNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaId,
                                  LPNTMS_GUID lpPoolId);

/* Media pools. */
RSM_API DWORD CreateNtmsMediaPoolA(HANDLE hSession, LPCSTR lpPoolName,
                                   LPNTMS_GUID lpMediaType, DWORD dwAction,
                                   LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                                   LPNTMS_GUID lpPoolId);
RSM_API DWORD CreateNtmsMediaPoolW(HANDLE hSession, LPCWSTR lpPoolName,
                                   LPNTMS_GUID lpMediaType, DWORD dwAction,
                                   LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                                   LPNTMS_GUID lpPoolId);
RSM_API DWORD GetNtmsMediaPoolNameA(HANDLE hSession, LPNTMS_GUID lpPoolId,
                                    LPSTR lpNameBuf, LPDWORD lpdwBufSize);
RSM_API DWORD GetNtmsMediaPoolNameW(HANDLE hSession, LPNTMS_GUID lpPoolId,
                                    LPWSTR lpNameBuf, LPDWORD lpdwBufSize);
RSM_API DWORD MoveToNtmsMediaPool(HANDLE hSession, LPNTMS_GUID lpMediaId,
                                  LPNTMS_GUID lpPoolId);
RSM_API DWORD DeleteNtmsMediaPool(HANDLE hSession, LPNTMS_GUID lpPoolId);

/* Removing devices from the database. */
RSM_API DWORD DeleteNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId);
RSM_API DWORD DeleteNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);

/* Object information, enumeration, enabling. */
RSM_API DWORD GetNtmsObjectInformationA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                        LPNTMS_OBJECTINFORMATIONA lpInfo);
RSM_API DWORD GetNtmsObjectInformationW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                        LPNTMS_OBJECTINFORMATIONW lpInfo);
RSM_API DWORD SetNtmsObjectInformationA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                        LPNTMS_OBJECTINFORMATIONA lpInfo);
RSM_API DWORD SetNtmsObjectInformationW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                        LPNTMS_OBJECTINFORMATIONW lpInfo);
RSM_API DWORD EnumerateNtmsObject(HANDLE hSession, const LPNTMS_GUID lpContainerId,
                                  LPNTMS_GUID lpList, LPDWORD lpdwListSize,
                                  DWORD dwType, DWORD dwOptions);
RSM_API DWORD DisableNtmsObject(HANDLE hSession, DWORD dwType,
                                LPNTMS_GUID lpObjectId);
RSM_API DWORD EnableNtmsObject(HANDLE hSession, DWORD dwType,
                               LPNTMS_GUID lpObjectId);

/* Library control. */
RSM_API DWORD EjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
                             LPNTMS_GUID lpEjectOperation, DWORD dwAction);
RSM_API DWORD InjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpLibraryId,
                              LPNTMS_GUID lpInjectOperation, DWORD dwAction);
RSM_API DWORD AccessNtmsLibraryDoor(HANDLE hSession, LPNTMS_GUID lpLibraryId,
                                    DWORD dwAction);
RSM_API DWORD CleanNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);
RSM_API DWORD DismountNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);
RSM_API DWORD InventoryNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId,
                                   DWORD dwAction);
RSM_API DWORD IdentifyNtmsSlot(HANDLE hSession, LPNTMS_GUID lpSlotId,
                               DWORD dwOption);

/* Library request queue. */
RSM_API DWORD CancelNtmsLibraryRequest(HANDLE hSession, LPNTMS_GUID lpRequestId);
RSM_API DWORD GetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId,
                                  LPDWORD lpdwOrderNumber);
RSM_API DWORD SetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId,
                                  DWORD dwOrderNumber);
RSM_API DWORD DeleteNtmsRequests(HANDLE hSession, LPNTMS_GUID lpRequestId,
                                 DWORD dwType, DWORD dwCount);

/* Cleaner cartridges. */
RSM_API DWORD ReserveNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary,
                                     LPNTMS_GUID lpSlot);
RSM_API DWORD ReleaseNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary);
RSM_API DWORD InjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary,
                                LPNTMS_GUID lpInjectOperation,
                                DWORD dwNumberOfCleansLeft, DWORD dwAction);
RSM_API DWORD EjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary,
                               LPNTMS_GUID lpEjectOperation, DWORD dwAction);

/* Device change detection. */
RSM_API DWORD BeginNtmsDeviceChangeDetection(HANDLE hSession,
                                             LPHANDLE lpDetectHandle);
RSM_API DWORD SetNtmsDeviceChangeDetection(HANDLE hSession, HANDLE DetectHandle,
                                           LPNTMS_GUID lpRequestId,
                                           DWORD dwType, DWORD dwCount);
RSM_API DWORD EndNtmsDeviceChangeDetection(HANDLE hSession, HANDLE DetectHandle);

/* Security. */
RSM_API DWORD GetNtmsObjectSecurity(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                    DWORD dwType,
                                    SECURITY_INFORMATION RequestedInformation,
                                    PSECURITY_DESCRIPTOR lpSecurityDescriptor,
                                    DWORD nLength, LPDWORD lpnLengthNeeded);
RSM_API DWORD SetNtmsObjectSecurity(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                    DWORD dwType,
                                    SECURITY_INFORMATION SecurityInformation,
                                    PSECURITY_DESCRIPTOR lpSecurityDescriptor);

/* Extended attributes (named private data on an object). */
RSM_API DWORD GetNtmsObjectAttributeA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                      DWORD dwType, LPCSTR lpAttributeName,
                                      LPVOID lpAttributeData,
                                      LPDWORD lpAttributeSize);
RSM_API DWORD GetNtmsObjectAttributeW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                      DWORD dwType, LPCWSTR lpAttributeName,
                                      LPVOID lpAttributeData,
                                      LPDWORD lpAttributeSize);
RSM_API DWORD SetNtmsObjectAttributeA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                      DWORD dwType, LPCSTR lpAttributeName,
                                      LPVOID lpAttributeData,
                                      DWORD dwAttributeSize);
RSM_API DWORD SetNtmsObjectAttributeW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                      DWORD dwType, LPCWSTR lpAttributeName,
                                      LPVOID lpAttributeData,
                                      DWORD AttributeSize);

/* Where user-interface messages for an object are sent. */
RSM_API DWORD GetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId,
                                DWORD dwType, LPSTR lpszDestination,
                                LPDWORD lpdwBufSize);
RSM_API DWORD GetNtmsUIOptionsW(HANDLE hSession, const LPNTMS_GUID lpObjectId,
                                DWORD dwType, LPWSTR lpszDestination,
                                LPDWORD lpdwBufSize);
RSM_API DWORD SetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId,
                                DWORD dwType, DWORD dwOperation,
                                LPCSTR lpszDestination);
RSM_API DWORD SetNtmsUIOptionsW(HANDLE hSession, const LPNTMS_GUID lpObjectId,
                                DWORD dwType, DWORD dwOperation,
                                LPCWSTR lpszDestination);

/* Operator requests. */
RSM_API DWORD SubmitNtmsOperatorRequestA(HANDLE hSession, DWORD dwRequest,
                                         LPCSTR lpMessage, LPNTMS_GUID lpArg1Id,
                                         LPNTMS_GUID lpArg2Id,
                                         LPNTMS_GUID lpRequestId);
RSM_API DWORD SubmitNtmsOperatorRequestW(HANDLE hSession, DWORD dwRequest,
                                         LPCWSTR lpMessage, LPNTMS_GUID lpArg1Id,
                                         LPNTMS_GUID lpArg2Id,
                                         LPNTMS_GUID lpRequestId);
RSM_API DWORD WaitForNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId,
                                         DWORD dwTimeout);
RSM_API DWORD CancelNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId);
RSM_API DWORD SatisfyNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId);

/* Database export and import. */
RSM_API DWORD ImportNtmsDatabase(HANDLE hSession);
RSM_API DWORD ExportNtmsDatabase(HANDLE hSession);

/* Object change notifications. */
RSM_API HANDLE OpenNtmsNotification(HANDLE hSession, DWORD dwType);
RSM_API DWORD WaitForNtmsNotification(HANDLE hNotification,
                                      LPNTMS_NOTIFICATIONINFORMATION lpNotificationInformation,
                                      DWORD dwTimeout);
RSM_API DWORD CloseNtmsNotification(HANDLE hNotification);

/* Stand-alone drives. */
RSM_API DWORD EjectDiskFromSADriveA(LPCSTR lpComputerName, LPCSTR lpAppName,
                                    LPCSTR lpDeviceName, HWND hWnd,
                                    LPCSTR lpTitle, LPCSTR lpMessage,
                                    DWORD dwOptions);
RSM_API DWORD EjectDiskFromSADriveW(LPCWSTR lpComputerName, LPCWSTR lpAppName,
                                    LPCWSTR lpDeviceName, HWND hWnd,
                                    LPCWSTR lpTitle, LPCWSTR lpMessage,
                                    DWORD dwOptions);
RSM_API DWORD GetVolumesFromDriveA(LPSTR pszDriveName,
                                   LPSTR *VolumeNameBufferPtr,
                                   LPSTR *DriveLetterBufferPtr);
RSM_API DWORD GetVolumesFromDriveW(LPWSTR pszDriveName,
                                   LPWSTR *VolumeNameBufferPtr,
                                   LPWSTR *DriveLetterBufferPtr);

/* Unsuffixed function names: W with UNICODE, A otherwise. */
#ifdef UNICODE
#  define OpenNtmsSession           OpenNtmsSessionW
#  define GetNtmsObjectInformation  GetNtmsObjectInformationW
#  define SetNtmsObjectInformation  SetNtmsObjectInformationW
#  define CreateNtmsMediaPool       CreateNtmsMediaPoolW
#  define GetNtmsMediaPoolName      GetNtmsMediaPoolNameW
#  define GetNtmsObjectAttribute    GetNtmsObjectAttributeW
#  define SetNtmsObjectAttribute    SetNtmsObjectAttributeW
#  define GetNtmsUIOptions          GetNtmsUIOptionsW
#  define SetNtmsUIOptions          SetNtmsUIOptionsW
#  define SubmitNtmsOperatorRequest SubmitNtmsOperatorRequestW
#  define CreateNtmsMedia           CreateNtmsMediaW
#  define EjectDiskFromSADrive      EjectDiskFromSADriveW
#  define GetVolumesFromDrive       GetVolumesFromDriveW
#else
#  define OpenNtmsSession           OpenNtmsSessionA
#  define GetNtmsObjectInformation  GetNtmsObjectInformationA
#  define SetNtmsObjectInformation  SetNtmsObjectInformationA
#  define CreateNtmsMediaPool       CreateNtmsMediaPoolA
#  define GetNtmsMediaPoolName      GetNtmsMediaPoolNameA
#  define GetNtmsObjectAttribute    GetNtmsObjectAttributeA
#  define SetNtmsObjectAttribute    SetNtmsObjectAttributeA
#  define GetNtmsUIOptions          GetNtmsUIOptionsA
#  define SetNtmsUIOptions          SetNtmsUIOptionsA
#  define SubmitNtmsOperatorRequest SubmitNtmsOperatorRequestA
#  define CreateNtmsMedia           CreateNtmsMediaA
#  define EjectDiskFromSADrive      EjectDiskFromSADriveA
#  define GetVolumesFromDrive       GetVolumesFromDriveA
#endif

/*
 * Every function librsm exports, A and W forms separately: X(name) once per
 * symbol.  Used by the test that compares the library's symbol table with
 * this header.
 */
#define RSM_NTMSAPI_FUNCTIONS(X) \
    X(GetLastError) \
    X(SetLastError) \
    X(OpenNtmsSessionA) \
    X(OpenNtmsSessionW) \
    X(CloseNtmsSession) \
    X(MountNtmsMedia) \
    X(DismountNtmsMedia) \
    X(AllocateNtmsMedia) \
    X(DeallocateNtmsMedia) \
    X(SwapNtmsMedia) \
    X(DecommissionNtmsMedia) \
    X(SetNtmsMediaComplete) \
    X(DeleteNtmsMedia) \
    X(CreateNtmsMediaA) \
    X(CreateNtmsMediaW) \
    X(UpdateNtmsOmidInfo) \
    X(AddNtmsMediaType) \
    X(DeleteNtmsMediaType) \
    X(ChangeNtmsMediaType) \
    X(CreateNtmsMediaPoolA) \
    X(CreateNtmsMediaPoolW) \
    X(GetNtmsMediaPoolNameA) \
    X(GetNtmsMediaPoolNameW) \
    X(MoveToNtmsMediaPool) \
    X(DeleteNtmsMediaPool) \
    X(DeleteNtmsLibrary) \
    X(DeleteNtmsDrive) \
    X(GetNtmsObjectInformationA) \
    X(GetNtmsObjectInformationW) \
    X(SetNtmsObjectInformationA) \
    X(SetNtmsObjectInformationW) \
    X(EnumerateNtmsObject) \
    X(DisableNtmsObject) \
    X(EnableNtmsObject) \
    X(EjectNtmsMedia) \
    X(InjectNtmsMedia) \
    X(AccessNtmsLibraryDoor) \
    X(CleanNtmsDrive) \
    X(DismountNtmsDrive) \
    X(InventoryNtmsLibrary) \
    X(IdentifyNtmsSlot) \
    X(CancelNtmsLibraryRequest) \
    X(GetNtmsRequestOrder) \
    X(SetNtmsRequestOrder) \
    X(DeleteNtmsRequests) \
    X(ReserveNtmsCleanerSlot) \
    X(ReleaseNtmsCleanerSlot) \
    X(InjectNtmsCleaner) \
    X(EjectNtmsCleaner) \
    X(BeginNtmsDeviceChangeDetection) \
    X(SetNtmsDeviceChangeDetection) \
    X(EndNtmsDeviceChangeDetection) \
    X(GetNtmsObjectSecurity) \
    X(SetNtmsObjectSecurity) \
    X(GetNtmsObjectAttributeA) \
    X(GetNtmsObjectAttributeW) \
    X(SetNtmsObjectAttributeA) \
    X(SetNtmsObjectAttributeW) \
    X(GetNtmsUIOptionsA) \
    X(GetNtmsUIOptionsW) \
    X(SetNtmsUIOptionsA) \
    X(SetNtmsUIOptionsW) \
    X(SubmitNtmsOperatorRequestA) \
    X(SubmitNtmsOperatorRequestW) \
    X(WaitForNtmsOperatorRequest) \
    X(CancelNtmsOperatorRequest) \
    X(SatisfyNtmsOperatorRequest) \
    X(ImportNtmsDatabase) \
    X(ExportNtmsDatabase) \
    X(OpenNtmsNotification) \
    X(WaitForNtmsNotification) \
    X(CloseNtmsNotification) \
    X(EjectDiskFromSADriveA) \
    X(EjectDiskFromSADriveW) \
    X(GetVolumesFromDriveA) \
    X(GetVolumesFromDriveW)

#ifdef __cplusplus
}
#endif

#endif /* RSM_NTMSAPI_H */
