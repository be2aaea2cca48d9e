/*
 * ntms_types.h - the Windows base types on POSIX, and the Win32 error codes the NTMS
 * functions return.
 *
 * Part of <ntmsapi.h>, which includes it; not meant to be included alone.
 */
#ifndef RSM_NTMS_TYPES_H
#define RSM_NTMS_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* ======================================================================
 * Windows base types, on POSIX.  With RSM_NO_WIN32_TYPES the includer
 * supplies them instead: DWORD, WORD, BYTE, BOOL, CHAR, WCHAR, the LP*
 * pointer types, HANDLE, HWND, GUID, LARGE_INTEGER, SYSTEMTIME,
 * SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, LPSECURITY_ATTRIBUTES, WINAPI,
 * (GetLastError/SetLastError are declared with the functions in ntmsapi.h.)
 * ====================================================================== */

#ifndef RSM_NO_WIN32_TYPES

typedef uint32_t DWORD;
typedef uint16_t WORD;
typedef uint8_t  BYTE;
typedef int      BOOL;
typedef char     CHAR;
typedef wchar_t  WCHAR;

typedef DWORD         *LPDWORD, *PDWORD;
typedef WORD          *LPWORD;
typedef BYTE          *LPBYTE, *PBYTE;
typedef BOOL          *LPBOOL;
typedef void          *PVOID, *LPVOID;
typedef const void    *LPCVOID;
typedef CHAR          *LPSTR;
typedef const CHAR    *LPCSTR;
typedef WCHAR         *LPWSTR;
typedef const WCHAR   *LPCWSTR;

typedef void   *HANDLE;
typedef HANDLE *LPHANDLE, *PHANDLE;
typedef void   *HWND;                 /* owner window; always NULL here */

#ifndef TRUE
#  define TRUE 1
#endif
#ifndef FALSE
#  define FALSE 0
#endif

#ifndef INVALID_HANDLE_VALUE
#  define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#endif

/* Wait forever (timeouts in milliseconds). */
#ifndef INFINITE
#  define INFINITE 0xFFFFFFFF
#endif

/* Calling-convention marker; nothing on Linux. */
#ifndef WINAPI
#  define WINAPI
#endif

/* 128-bit identifier, laid out as on Windows. */
#ifndef GUID_DEFINED
#  define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t  Data4[8];
} GUID;
#endif
typedef GUID *LPGUID;

/* 64-bit signed integer with access to the two halves. */
typedef union _LARGE_INTEGER {
    __extension__ struct {
        DWORD   LowPart;
        int32_t HighPart;
    };
    struct {
        DWORD   LowPart;
        int32_t HighPart;
    } u;
    int64_t QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

/* Calendar time, fields in the Windows order. */
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

/* Security descriptors are opaque self-relative byte blocks. */
typedef void  *PSECURITY_DESCRIPTOR;
typedef DWORD  SECURITY_INFORMATION, *PSECURITY_INFORMATION;

/* Which parts of a security descriptor a call reads or writes. */
#ifndef OWNER_SECURITY_INFORMATION
#  define OWNER_SECURITY_INFORMATION 0x00000001
#endif
#ifndef GROUP_SECURITY_INFORMATION
#  define GROUP_SECURITY_INFORMATION 0x00000002
#endif
#ifndef DACL_SECURITY_INFORMATION
#  define DACL_SECURITY_INFORMATION  0x00000004
#endif
#ifndef SACL_SECURITY_INFORMATION
#  define SACL_SECURITY_INFORMATION  0x00000008
#endif

/* Security attributes for a new media pool (CreateNtmsMediaPool). */
typedef struct _SECURITY_ATTRIBUTES {
    DWORD  nLength;
    LPVOID lpSecurityDescriptor;
    BOOL   bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

#endif /* RSM_NO_WIN32_TYPES */

/* ======================================================================
 * Win32 error codes (the values of winerror.h; returned as plain DWORDs)
 * ====================================================================== */

/* Success. */
#ifndef ERROR_SUCCESS
#  define ERROR_SUCCESS 0L
#endif
#ifndef NO_ERROR
#  define NO_ERROR 0L
#endif

/* General errors. */
#ifndef ERROR_FILE_NOT_FOUND
#  define ERROR_FILE_NOT_FOUND 2L
#endif
#ifndef ERROR_ACCESS_DENIED
#  define ERROR_ACCESS_DENIED 5L
#endif
#ifndef ERROR_INVALID_HANDLE
#  define ERROR_INVALID_HANDLE 6L
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#  define ERROR_NOT_ENOUGH_MEMORY 8L
#endif
#ifndef ERROR_BAD_FORMAT
#  define ERROR_BAD_FORMAT 11L
#endif
#ifndef ERROR_INVALID_DRIVE
#  define ERROR_INVALID_DRIVE 15L
#endif
#ifndef ERROR_WRITE_PROTECT
#  define ERROR_WRITE_PROTECT 19L
#endif
#ifndef ERROR_NOT_READY
#  define ERROR_NOT_READY 21L
#endif
#ifndef ERROR_SHARING_VIOLATION
#  define ERROR_SHARING_VIOLATION 32L
#endif
#ifndef ERROR_NOT_SUPPORTED
#  define ERROR_NOT_SUPPORTED 50L
#endif
#ifndef ERROR_INVALID_PARAMETER
#  define ERROR_INVALID_PARAMETER 87L
#endif
#ifndef ERROR_CALL_NOT_IMPLEMENTED
#  define ERROR_CALL_NOT_IMPLEMENTED 120L
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#  define ERROR_INSUFFICIENT_BUFFER 122L
#endif
#ifndef ERROR_INVALID_NAME
#  define ERROR_INVALID_NAME 123L
#endif
#ifndef ERROR_BUSY
#  define ERROR_BUSY 170L
#endif
#ifndef ERROR_ALREADY_EXISTS
#  define ERROR_ALREADY_EXISTS 183L
#endif
#ifndef ERROR_NO_DATA
#  define ERROR_NO_DATA 232L
#endif
#ifndef ERROR_MORE_DATA
#  define ERROR_MORE_DATA 234L
#endif
#ifndef ERROR_INVALID_ADDRESS
#  define ERROR_INVALID_ADDRESS 487L
#endif
#ifndef ERROR_INVALID_FLAGS
#  define ERROR_INVALID_FLAGS 1004L
#endif
#ifndef ERROR_DATABASE_DOES_NOT_EXIST
#  define ERROR_DATABASE_DOES_NOT_EXIST 1065L
#endif

/* Device and media errors. */
#ifndef ERROR_MEDIA_CHANGED
#  define ERROR_MEDIA_CHANGED 1110L
#endif
#ifndef ERROR_NO_MEDIA_IN_DRIVE
#  define ERROR_NO_MEDIA_IN_DRIVE 1112L
#endif
#ifndef ERROR_IO_DEVICE
#  define ERROR_IO_DEVICE 1117L
#endif
#ifndef ERROR_DEVICE_REQUIRES_CLEANING
#  define ERROR_DEVICE_REQUIRES_CLEANING 1165L
#endif
#ifndef ERROR_DEVICE_DOOR_OPEN
#  define ERROR_DEVICE_DOOR_OPEN 1166L
#endif
#ifndef ERROR_DEVICE_NOT_CONNECTED
#  define ERROR_DEVICE_NOT_CONNECTED 1167L
#endif
#ifndef ERROR_NOT_FOUND
#  define ERROR_NOT_FOUND 1168L
#endif
#ifndef ERROR_UNRECOGNIZED_MEDIA
#  define ERROR_UNRECOGNIZED_MEDIA 1785L
#endif

/* Connection, network and security errors. */
#ifndef ERROR_CONNECTION_UNAVAIL
#  define ERROR_CONNECTION_UNAVAIL 1201L
#endif
#ifndef ERROR_INVALID_COMPUTERNAME
#  define ERROR_INVALID_COMPUTERNAME 1210L
#endif
#ifndef ERROR_NO_NETWORK
#  define ERROR_NO_NETWORK 1222L
#endif
#ifndef ERROR_CANCELLED
#  define ERROR_CANCELLED 1223L
#endif
#ifndef ERROR_NO_SECURITY_ON_OBJECT
#  define ERROR_NO_SECURITY_ON_OBJECT 1350L
#endif
#ifndef ERROR_TIMEOUT
#  define ERROR_TIMEOUT 1460L
#endif
#ifndef RPC_S_INVALID_BOUND
#  define RPC_S_INVALID_BOUND 1734L
#endif
/* [MS-RSMP] spelling of RPC_S_INVALID_BOUND. */
#ifndef ERROR_RPC_S_INVALID_BOUND
#  define ERROR_RPC_S_INVALID_BOUND 1734L
#endif
#ifndef RPC_S_NO_INTERFACES
#  define RPC_S_NO_INTERFACES 1817L
#endif
#ifndef ERROR_NOT_CONNECTED
#  define ERROR_NOT_CONNECTED 2250L
#endif

/* Removable Storage Manager errors (4300-4341). */
#ifndef ERROR_INVALID_MEDIA
#  define ERROR_INVALID_MEDIA 4300L
#endif
#ifndef ERROR_INVALID_LIBRARY
#  define ERROR_INVALID_LIBRARY 4301L
#endif
#ifndef ERROR_INVALID_MEDIA_POOL
#  define ERROR_INVALID_MEDIA_POOL 4302L
#endif
#ifndef ERROR_DRIVE_MEDIA_MISMATCH
#  define ERROR_DRIVE_MEDIA_MISMATCH 4303L
#endif
#ifndef ERROR_MEDIA_OFFLINE
#  define ERROR_MEDIA_OFFLINE 4304L
#endif
#ifndef ERROR_LIBRARY_OFFLINE
#  define ERROR_LIBRARY_OFFLINE 4305L
#endif
#ifndef ERROR_EMPTY
#  define ERROR_EMPTY 4306L
#endif
#ifndef ERROR_NOT_EMPTY
#  define ERROR_NOT_EMPTY 4307L
#endif
#ifndef ERROR_MEDIA_UNAVAILABLE
#  define ERROR_MEDIA_UNAVAILABLE 4308L
#endif
#ifndef ERROR_RESOURCE_DISABLED
#  define ERROR_RESOURCE_DISABLED 4309L
#endif
#ifndef ERROR_INVALID_CLEANER
#  define ERROR_INVALID_CLEANER 4310L
#endif
#ifndef ERROR_UNABLE_TO_CLEAN
#  define ERROR_UNABLE_TO_CLEAN 4311L
#endif
#ifndef ERROR_OBJECT_NOT_FOUND
#  define ERROR_OBJECT_NOT_FOUND 4312L
#endif
#ifndef ERROR_DATABASE_FAILURE
#  define ERROR_DATABASE_FAILURE 4313L
#endif
#ifndef ERROR_DATABASE_FULL
#  define ERROR_DATABASE_FULL 4314L
#endif
#ifndef ERROR_MEDIA_INCOMPATIBLE
#  define ERROR_MEDIA_INCOMPATIBLE 4315L
#endif
#ifndef ERROR_RESOURCE_NOT_PRESENT
#  define ERROR_RESOURCE_NOT_PRESENT 4316L
#endif
#ifndef ERROR_INVALID_OPERATION
#  define ERROR_INVALID_OPERATION 4317L
#endif
#ifndef ERROR_MEDIA_NOT_AVAILABLE
#  define ERROR_MEDIA_NOT_AVAILABLE 4318L
#endif
#ifndef ERROR_DEVICE_NOT_AVAILABLE
#  define ERROR_DEVICE_NOT_AVAILABLE 4319L
#endif
#ifndef ERROR_REQUEST_REFUSED
#  define ERROR_REQUEST_REFUSED 4320L
#endif
#ifndef ERROR_INVALID_DRIVE_OBJECT
#  define ERROR_INVALID_DRIVE_OBJECT 4321L
#endif
#ifndef ERROR_LIBRARY_FULL
#  define ERROR_LIBRARY_FULL 4322L
#endif
#ifndef ERROR_MEDIUM_NOT_ACCESSIBLE
#  define ERROR_MEDIUM_NOT_ACCESSIBLE 4323L
#endif
#ifndef ERROR_UNABLE_TO_LOAD_MEDIUM
#  define ERROR_UNABLE_TO_LOAD_MEDIUM 4324L
#endif
#ifndef ERROR_UNABLE_TO_INVENTORY_DRIVE
#  define ERROR_UNABLE_TO_INVENTORY_DRIVE 4325L
#endif
#ifndef ERROR_UNABLE_TO_INVENTORY_SLOT
#  define ERROR_UNABLE_TO_INVENTORY_SLOT 4326L
#endif
#ifndef ERROR_UNABLE_TO_INVENTORY_TRANSPORT
#  define ERROR_UNABLE_TO_INVENTORY_TRANSPORT 4327L
#endif
#ifndef ERROR_TRANSPORT_FULL
#  define ERROR_TRANSPORT_FULL 4328L
#endif
#ifndef ERROR_CONTROLLING_IEPORT
#  define ERROR_CONTROLLING_IEPORT 4329L
#endif
#ifndef ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA
#  define ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA 4330L
#endif
#ifndef ERROR_CLEANER_SLOT_SET
#  define ERROR_CLEANER_SLOT_SET 4331L
#endif
#ifndef ERROR_CLEANER_SLOT_NOT_SET
#  define ERROR_CLEANER_SLOT_NOT_SET 4332L
#endif
#ifndef ERROR_CLEANER_CARTRIDGE_SPENT
#  define ERROR_CLEANER_CARTRIDGE_SPENT 4333L
#endif
#ifndef ERROR_UNEXPECTED_OMID
#  define ERROR_UNEXPECTED_OMID 4334L
#endif
#ifndef ERROR_CANT_DELETE_LAST_ITEM
#  define ERROR_CANT_DELETE_LAST_ITEM 4335L
#endif
#ifndef ERROR_MESSAGE_EXCEEDS_MAX_SIZE
#  define ERROR_MESSAGE_EXCEEDS_MAX_SIZE 4336L
#endif
#ifndef ERROR_VOLUME_CONTAINS_SYS_FILES
#  define ERROR_VOLUME_CONTAINS_SYS_FILES 4337L
#endif
#ifndef ERROR_INDIGENOUS_TYPE
#  define ERROR_INDIGENOUS_TYPE 4338L
#endif
#ifndef ERROR_NO_SUPPORTING_DRIVES
#  define ERROR_NO_SUPPORTING_DRIVES 4339L
#endif
#ifndef ERROR_CLEANER_CARTRIDGE_INSTALLED
#  define ERROR_CLEANER_CARTRIDGE_INSTALLED 4340L
#endif
#ifndef ERROR_IEPORT_FULL
#  define ERROR_IEPORT_FULL 4341L
#endif

/* Resource and state errors. */
#ifndef ERROR_RESOURCE_NOT_AVAILABLE
#  define ERROR_RESOURCE_NOT_AVAILABLE 5006L
#endif
#ifndef ERROR_INVALID_STATE
#  define ERROR_INVALID_STATE 5023L
#endif

/*
 * Names that some reference pages use but that have no Win32 value
 * (ERROR_ALREADY_RESERVED, ERROR_DUPLICATE_OMID, ERROR_INVALID_PARTITION,
 * ERROR_INVALID_SLOT, ERROR_NO_SLOT_RESERVED, ERROR_NO_SLOT_SET,
 * ERROR_SLOT_EMPTY, ERROR_SLOT_FULL, ERROR_SLOT_NOT_PRESENT,
 * ERROR_NOT_IMPLEMENTED) are deliberately not defined.
 */

#endif /* RSM_NTMS_TYPES_H */
