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

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Windows base types, on POSIX.  With RSM_NO_WIN32_TYPES the includer
 * supplies them instead: DWORD, WORD, BYTE, BOOL, CHAR, WCHAR, the LP*
 * pointer types, HANDLE, HWND, GUID, LARGE_INTEGER, SYSTEMTIME,
 * SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, LPSECURITY_ATTRIBUTES, WINAPI,
 * and the GetLastError/SetLastError declarations.
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

/* Per-thread last error, as on Windows; librsm exports both. */
RSM_API DWORD GetLastError(void);
RSM_API void  SetLastError(DWORD dwErrCode);

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

/* ======================================================================
 * Object identifiers
 * ====================================================================== */

typedef GUID  NTMS_GUID;
typedef GUID *LPNTMS_GUID;

/* ======================================================================
 * Enumerations and constants
 * ====================================================================== */

/* Object types (dwType arguments, NTMS_OBJECTINFORMATION.dwType). */
enum NtmsObjectsTypes {
    NTMS_UNKNOWN = 0,
    NTMS_OBJECT = 1,
    NTMS_CHANGER = 2,
    NTMS_CHANGER_TYPE = 3,
    NTMS_COMPUTER = 4,
    NTMS_DRIVE = 5,
    NTMS_DRIVE_TYPE = 6,
    NTMS_IEDOOR = 7,
    NTMS_IEPORT = 8,
    NTMS_LIBRARY = 9,
    NTMS_LIBREQUEST = 10,
    NTMS_LOGICAL_MEDIA = 11,
    NTMS_MEDIA_POOL = 12,
    NTMS_MEDIA_TYPE = 13,
    NTMS_PARTITION = 14,
    NTMS_PHYSICAL_MEDIA = 15,
    NTMS_STORAGESLOT = 16,
    NTMS_OPREQUEST = 17,
    NTMS_UI_DESTINATION = 18,
    NTMS_NUMBER_OF_OBJECT_TYPES = 19
};

/* NTMS_ASYNC_IO.dwAsyncState (asynchronous I/O is reserved). */
enum NtmsAsyncStatus {
    NTMS_ASYNCSTATE_QUEUED = 0,
    NTMS_ASYNCSTATE_WAIT_RESOURCE = 1,
    NTMS_ASYNCSTATE_WAIT_OPERATOR = 2,
    NTMS_ASYNCSTATE_INPROCESS = 3,
    NTMS_ASYNCSTATE_COMPLETE = 4
};

/* NTMS_ASYNC_IO.dwOperationType. */
enum NtmsAsyncOperations {
    NTMS_ASYNCOP_MOUNT = 1
};

/* OpenNtmsSession dwOptions. */
enum NtmsSessionOptions {
    NTMS_SESSION_QUERYEXPEDITE = 0x1
};

/* MountNtmsMedia dwOptions (bit flags). */
enum NtmsMountOptions {
    NTMS_MOUNT_READ = 0x0001,
    NTMS_MOUNT_WRITE = 0x0002,
    NTMS_MOUNT_ERROR_NOT_AVAILABLE = 0x0004,
    NTMS_MOUNT_ERROR_IF_UNAVAILABLE = 0x0004,
    NTMS_MOUNT_ERROR_OFFLINE = 0x0008,
    NTMS_MOUNT_ERROR_IF_OFFLINE = 0x0008,
    NTMS_MOUNT_SPECIFIC_DRIVE = 0x0010,
    NTMS_MOUNT_NOWAIT = 0x0020
};

/* DismountNtmsMedia dwOptions, IdentifyNtmsSlot dwOption. */
enum NtmsDismountOptions {
    NTMS_DISMOUNT_DEFERRED = 0x0001,
    NTMS_DISMOUNT_IMMEDIATE = 0x0002
};

/* MountNtmsMedia dwPriority (signed). */
enum NtmsMountPriority {
    NTMS_PRIORITY_DEFAULT = 0,
    NTMS_PRIORITY_HIGHEST = 15,
    NTMS_PRIORITY_HIGH = 7,
    NTMS_PRIORITY_NORMAL = 0,
    NTMS_PRIORITY_LOW = -7,
    NTMS_PRIORITY_LOWEST = -15
};

/* AllocateNtmsMedia dwOptions (bit flags). */
enum NtmsAllocateOptions {
    NTMS_ALLOCATE_NEW = 0x0001,
    NTMS_ALLOCATE_NEXT = 0x0002,
    NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE = 0x0004
};

/* CreateNtmsMediaPool dwAction. */
enum NtmsCreateOptions {
    NTMS_OPEN_EXISTING = 0x0001,
    NTMS_CREATE_NEW = 0x0002,
    NTMS_OPEN_ALWAYS = 0x0003
};

/* Lengths of the fixed string and byte arrays, in elements. */
#define NTMS_OBJECTNAME_LENGTH      64
#define NTMS_DESCRIPTION_LENGTH     127
#define NTMS_DEVICENAME_LENGTH      64
#define NTMS_SERIALNUMBER_LENGTH    32
#define NTMS_REVISION_LENGTH        32
#define NTMS_BARCODE_LENGTH         64
#define NTMS_SEQUENCE_LENGTH        32
#define NTMS_VENDORNAME_LENGTH      128
#define NTMS_PRODUCTNAME_LENGTH     128
#define NTMS_USERNAME_LENGTH        64
#define NTMS_APPLICATIONNAME_LENGTH 64
#define NTMS_COMPUTERNAME_LENGTH    64
#define NTMS_I1_MESSAGE_LENGTH      127
#define NTMS_MESSAGE_LENGTH         256
#define NTMS_POOLHIERARCHY_LENGTH   512
#define NTMS_OMIDLABELID_LENGTH     255
#define NTMS_OMIDLABELTYPE_LENGTH   64
#define NTMS_OMIDLABELINFO_LENGTH   256

/* Extended attributes: largest value in bytes, longest name in characters. */
#define NTMS_MAXATTR_LENGTH  0x10000
#define NTMS_MAXATTR_NAMELEN 32

/* NTMS_DRIVEINFORMATION.State. */
enum NtmsDriveState {
    NTMS_DRIVESTATE_DISMOUNTED = 0,
    NTMS_DRIVESTATE_MOUNTED = 1,
    NTMS_DRIVESTATE_LOADED = 2,
    NTMS_DRIVESTATE_UNLOADED = 5,
    NTMS_DRIVESTATE_BEING_CLEANED = 6,
    NTMS_DRIVESTATE_DISMOUNTABLE = 7
};

/* NTMS_LIBRARYINFORMATION.LibraryType. */
enum NtmsLibraryType {
    NTMS_LIBRARYTYPE_UNKNOWN = 0,
    NTMS_LIBRARYTYPE_OFFLINE = 1,
    NTMS_LIBRARYTYPE_ONLINE = 2,
    NTMS_LIBRARYTYPE_STANDALONE = 3
};

/* NTMS_LIBRARYINFORMATION.dwFlags (bit flags). */
enum NtmsLibraryFlags {
    NTMS_LIBRARYFLAG_FIXEDOFFLINE = 0x01,
    NTMS_LIBRARYFLAG_CLEANERPRESENT = 0x02,
    NTMS_LIBRARYFLAG_AUTODETECTCHANGE = 0x04,
    NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING = 0x08,
    NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE = 0x10
};

/* NTMS_LIBRARYINFORMATION.InventoryMethod; InventoryNtmsLibrary and
 * AccessNtmsLibraryDoor dwAction. */
enum NtmsInventoryMethod {
    NTMS_INVENTORY_NONE = 0,
    NTMS_INVENTORY_FAST = 1,
    NTMS_INVENTORY_OMID = 2,
    NTMS_INVENTORY_DEFAULT = 3,
    NTMS_INVENTORY_SLOT = 4,
    NTMS_INVENTORY_STOP = 5,
    NTMS_INVENTORY_MAX = 6
};

/* NTMS_STORAGESLOTINFORMATION.State. */
enum NtmsSlotState {
    NTMS_SLOTSTATE_UNKNOWN = 0,
    NTMS_SLOTSTATE_FULL = 1,
    NTMS_SLOTSTATE_EMPTY = 2,
    NTMS_SLOTSTATE_NOTPRESENT = 3,
    NTMS_SLOTSTATE_NEEDSINVENTORY = 4
};

/* NTMS_IEDOORINFORMATION.State. */
enum NtmsDoorState {
    NTMS_DOORSTATE_UNKNOWN = 0,
    NTMS_DOORSTATE_CLOSED = 1,
    NTMS_DOORSTATE_OPEN = 2
};

/* NTMS_IEPORTINFORMATION.Position. */
enum NtmsPortPosition {
    NTMS_PORTPOSITION_UNKNOWN = 0,
    NTMS_PORTPOSITION_EXTENDED = 1,
    NTMS_PORTPOSITION_RETRACTED = 2
};

/* NTMS_IEPORTINFORMATION.Content. */
enum NtmsPortContent {
    NTMS_PORTCONTENT_UNKNOWN = 0,
    NTMS_PORTCONTENT_FULL = 1,
    NTMS_PORTCONTENT_EMPTY = 2
};

/* NTMS_PMIDINFORMATION.BarCodeState. */
enum NtmsBarCodeState {
    NTMS_BARCODESTATE_OK = 1,
    NTMS_BARCODESTATE_UNREADABLE = 2
};

/* NTMS_PMIDINFORMATION.MediaState. */
enum NtmsMediaState {
    NTMS_MEDIASTATE_IDLE = 0,
    NTMS_MEDIASTATE_INUSE = 1,
    NTMS_MEDIASTATE_MOUNTED = 2,
    NTMS_MEDIASTATE_LOADED = 3,
    NTMS_MEDIASTATE_UNLOADED = 4,
    NTMS_MEDIASTATE_OPERROR = 5,
    NTMS_MEDIASTATE_OPREQ = 6
};

/* NTMS_PARTITIONINFORMATION.State (state of a side). */
enum NtmsPartitionState {
    NTMS_PARTSTATE_UNKNOWN = 0,
    NTMS_PARTSTATE_UNPREPARED = 1,
    NTMS_PARTSTATE_INCOMPATIBLE = 2,
    NTMS_PARTSTATE_DECOMMISSIONED = 3,
    NTMS_PARTSTATE_AVAILABLE = 4,
    NTMS_PARTSTATE_ALLOCATED = 5,
    NTMS_PARTSTATE_COMPLETE = 6,
    NTMS_PARTSTATE_FOREIGN = 7,
    NTMS_PARTSTATE_IMPORT = 8,
    NTMS_PARTSTATE_RESERVED = 9
};
#define NTMS_PARTSTATE_NEW NTMS_PARTSTATE_UNKNOWN

/* NTMS_MEDIAPOOLINFORMATION.PoolType. */
enum NtmsPoolType {
    NTMS_POOLTYPE_UNKNOWN = 0,
    NTMS_POOLTYPE_SCRATCH = 1,
    NTMS_POOLTYPE_FOREIGN = 2,
    NTMS_POOLTYPE_IMPORT = 3,
    NTMS_POOLTYPE_APPLICATION = 1000
};

/* NTMS_MEDIAPOOLINFORMATION.AllocationPolicy. */
enum NtmsAllocationPolicy {
    NTMS_ALLOCATE_FROMSCRATCH = 1
};

/* NTMS_MEDIAPOOLINFORMATION.DeallocationPolicy. */
enum NtmsDeallocationPolicy {
    NTMS_DEALLOCATE_TOSCRATCH = 1
};

/* NTMS_MEDIATYPEINFORMATION.ReadWriteCharacteristics. */
enum NtmsReadWriteCharacteristics {
    NTMS_MEDIARW_UNKNOWN = 0,
    NTMS_MEDIARW_REWRITABLE = 1,
    NTMS_MEDIARW_WRITEONCE = 2,
    NTMS_MEDIARW_READONLY = 3
};

/* NTMS_LIBREQUESTINFORMATION.OperationCode (kind of library work item). */
enum NtmsLmOperation {
    NTMS_LM_REMOVE = 0,
    NTMS_LM_DISABLECHANGER = 1,
    NTMS_LM_DISABLELIBRARY = 1,
    NTMS_LM_ENABLECHANGER = 2,
    NTMS_LM_ENABLELIBRARY = 2,
    NTMS_LM_DISABLEDRIVE = 3,
    NTMS_LM_ENABLEDRIVE = 4,
    NTMS_LM_DISABLEMEDIA = 5,
    NTMS_LM_ENABLEMEDIA = 6,
    NTMS_LM_UPDATEOMID = 7,
    NTMS_LM_INVENTORY = 8,
    NTMS_LM_DOORACCESS = 9,
    NTMS_LM_EJECT = 10,
    NTMS_LM_EJECTCLEANER = 11,
    NTMS_LM_INJECT = 12,
    NTMS_LM_INJECTCLEANER = 13,
    NTMS_LM_PROCESSOMID = 14,
    NTMS_LM_CLEANDRIVE = 15,
    NTMS_LM_DISMOUNT = 16,
    NTMS_LM_MOUNT = 17,
    NTMS_LM_WRITESCRATCH = 18,
    NTMS_LM_CLASSIFY = 19,
    NTMS_LM_RESERVECLEANER = 20,
    NTMS_LM_RELEASECLEANER = 21,
    NTMS_LM_MAXWORKITEM = 22
};

/* NTMS_LIBREQUESTINFORMATION.State.  DEFFERED is the SDK's old spelling. */
enum NtmsLmState {
    NTMS_LM_QUEUED = 0,
    NTMS_LM_INPROCESS = 1,
    NTMS_LM_PASSED = 2,
    NTMS_LM_FAILED = 3,
    NTMS_LM_INVALID = 4,
    NTMS_LM_WAITING = 5,
    NTMS_LM_DEFERRED = 6,
    NTMS_LM_DEFFERED = 6,
    NTMS_LM_CANCELLED = 7,
    NTMS_LM_STOPPED = 8
};

/* Operator request types (SubmitNtmsOperatorRequest dwRequest). */
enum NtmsOpreqCommand {
    NTMS_OPREQ_UNKNOWN = 0,
    NTMS_OPREQ_NEWMEDIA = 1,
    NTMS_OPREQ_CLEANER = 2,
    NTMS_OPREQ_DEVICESERVICE = 3,
    NTMS_OPREQ_MOVEMEDIA = 4,
    NTMS_OPREQ_MESSAGE = 5
};

/* NTMS_OPREQUESTINFORMATION.State. */
enum NtmsOpreqState {
    NTMS_OPSTATE_UNKNOWN = 0,
    NTMS_OPSTATE_SUBMITTED = 1,
    NTMS_OPSTATE_ACTIVE = 2,
    NTMS_OPSTATE_INPROGRESS = 3,
    NTMS_OPSTATE_REFUSED = 4,
    NTMS_OPSTATE_COMPLETE = 5
};

/* NTMS_COMPUTERINFORMATION.dwLibRequestFlags. */
enum NtmsLibRequestFlags {
    NTMS_LIBREQFLAGS_NOAUTOPURGE = 0x01,
    NTMS_LIBREQFLAGS_NOFAILEDPURGE = 0x02
};

/* NTMS_COMPUTERINFORMATION.dwOpRequestFlags. */
enum NtmsOpRequestFlags {
    NTMS_OPREQFLAGS_NOAUTOPURGE = 0x01,
    NTMS_OPREQFLAGS_NOFAILEDPURGE = 0x02,
    NTMS_OPREQFLAGS_NOALERTS = 0x10,
    NTMS_OPREQFLAGS_NOTRAYICON = 0x20
};

/* NTMS_COMPUTERINFORMATION.dwMediaPoolPolicy. */
enum NtmsMediaPoolPolicy {
    NTMS_POOLPOLICY_PURGEOFFLINESCRATCH = 0x01,
    NTMS_POOLPOLICY_KEEPOFFLINEIMPORT = 0x02
};

/* NTMS_OBJECTINFORMATION.dwOperationalState. */
enum NtmsOperationalState {
    NTMS_READY = 0,
    NTMS_INITIALIZING = 10,
    NTMS_NEEDS_SERVICE = 20,
    NTMS_NOT_PRESENT = 21
};

/* CreateNtmsMedia dwOptions.  The second name is the [MS-RSMP] spelling. */
enum NtmsCreateNtmsMediaOptions {
    NTMS_ERROR_ON_DUPLICATE = 0x0001,
    NTMS_ERROR_ON_DUPLICATION = 0x0001
};

/* EnumerateNtmsObject dwOptions. */
enum NtmsEnumerateOption {
    NTMS_ENUM_DEFAULT = 0,
    NTMS_ENUM_ROOTPOOL = 1
};

/* EjectNtmsMedia / EjectNtmsCleaner dwAction. */
enum NtmsEjectOperation {
    NTMS_EJECT_START = 0,
    NTMS_EJECT_STOP = 1,
    NTMS_EJECT_QUEUE = 2,
    NTMS_EJECT_FORCE = 3,
    NTMS_EJECT_IMMEDIATE = 4,
    NTMS_EJECT_ASK_USER = 5
};

/* InjectNtmsMedia / InjectNtmsCleaner dwAction. */
enum NtmsInjectOperation {
    NTMS_INJECT_START = 0,
    NTMS_INJECT_STOP = 1,
    NTMS_INJECT_RETRACT = 2,
    NTMS_INJECT_STARTMANY = 3
};

/* UpdateNtmsOmidInfo labelType. */
#define NTMS_OMID_TYPE_RAW_LABEL       0x01
#define NTMS_OMID_TYPE_FILESYSTEM_INFO 0x02

/* Drive type placeholder. */
enum NtmsDriveType {
    NTMS_UNKNOWN_DRIVE = 0
};

/* Access rights in RSM security descriptors.  CONTROL is 4 as in the SDK
 * ([MS-RSMP] prints 3), so the three rights are independent bits. */
enum NtmsAccessMask {
    NTMS_USE_ACCESS = 0x1,
    NTMS_MODIFY_ACCESS = 0x2,
    NTMS_CONTROL_ACCESS = 0x4
};

/* Generic rights expressed as RSM rights. */
#define NTMS_GENERIC_READ    (NTMS_USE_ACCESS)
#define NTMS_GENERIC_WRITE   (NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS)
#define NTMS_GENERIC_EXECUTE (NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS | NTMS_CONTROL_ACCESS)
#define NTMS_GENERIC_ALL     (NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS | NTMS_CONTROL_ACCESS)

/* Get/SetNtmsUIOptions dwType. */
enum NtmsUITypes {
    NTMS_UITYPE_INVALID = 0,
    NTMS_UITYPE_INFO = 1,
    NTMS_UITYPE_REQ = 2,
    NTMS_UITYPE_ERR = 3,
    NTMS_UITYPE_MAX = 4
};

/* SetNtmsUIOptions dwOperation. */
enum NtmsUIOperations {
    NTMS_UIDEST_ADD = 1,
    NTMS_UIDEST_DELETE = 2,
    NTMS_UIDEST_DELETEALL = 3,
    NTMS_UIOPERATION_MAX = 4
};

/* NTMS_NOTIFICATIONINFORMATION.dwOperation. */
enum NtmsNotificationOperations {
    NTMS_OBJ_UPDATE = 1,
    NTMS_OBJ_INSERT = 2,
    NTMS_OBJ_DELETE = 3,
    NTMS_EVENT_SIGNAL = 4,
    NTMS_EVENT_COMPLETE = 5
};

/* Device types in the DeviceType fields (winioctl.h values). */
#ifndef FILE_DEVICE_CD_ROM
#  define FILE_DEVICE_CD_ROM 0x00000002
#endif
#ifndef FILE_DEVICE_DISK
#  define FILE_DEVICE_DISK 0x00000007
#endif
#ifndef FILE_DEVICE_TAPE
#  define FILE_DEVICE_TAPE 0x0000001f
#endif
#ifndef FILE_DEVICE_CHANGER
#  define FILE_DEVICE_CHANGER 0x00000030
#endif
#ifndef FILE_DEVICE_DVD
#  define FILE_DEVICE_DVD 0x00000033
#endif

/* Media type codes in NTMS_MEDIATYPEINFORMATION.MediaType (winioctl.h
 * STORAGE_MEDIA_TYPE).  Define RSM_NO_STORAGE_MEDIA_TYPE if another header
 * already provides them. */
#ifndef RSM_NO_STORAGE_MEDIA_TYPE
typedef enum _STORAGE_MEDIA_TYPE {
    /* tape */
    DDS_4mm = 0x20,
    MiniQic = 0x21,
    Travan = 0x22,
    QIC = 0x23,
    MP_8mm = 0x24,
    AME_8mm = 0x25,
    AIT1_8mm = 0x26,
    DLT = 0x27,
    NCTP = 0x28,
    IBM_3480 = 0x29,
    IBM_3490E = 0x2a,
    IBM_Magstar_3590 = 0x2b,
    IBM_Magstar_MP = 0x2c,
    STK_DATA_D3 = 0x2d,
    SONY_DTF = 0x2e,
    DV_6mm = 0x2f,
    DMI = 0x30,
    SONY_D2 = 0x31,
    CLEANER_CARTRIDGE = 0x32,
    /* optical */
    CD_ROM = 0x33,
    CD_R = 0x34,
    CD_RW = 0x35,
    DVD_ROM = 0x36,
    DVD_R = 0x37,
    DVD_RW = 0x38,
    MO_3_RW = 0x39,
    MO_5_WO = 0x3a,
    MO_5_RW = 0x3b,
    MO_5_LIMDOW = 0x3c,
    PC_5_WO = 0x3d,
    PC_5_RW = 0x3e,
    PD_5_RW = 0x3f,
    ABL_5_WO = 0x40,
    PINNACLE_APEX_5_RW = 0x41,
    SONY_12_WO = 0x42,
    PHILIPS_12_WO = 0x43,
    HITACHI_12_WO = 0x44,
    CYGNET_12_WO = 0x45,
    KODAK_14_WO = 0x46,
    MO_NFR_525 = 0x47,
    NIKON_12_RW = 0x48,
    /* removable magnetic disk */
    IOMEGA_ZIP = 0x49,
    IOMEGA_JAZ = 0x4a,
    SYQUEST_EZ135 = 0x4b,
    SYQUEST_EZFLYER = 0x4c,
    SYQUEST_SYJET = 0x4d,
    AVATAR_F2 = 0x4e,
    /* later additions */
    MP2_8mm = 0x4f,
    DST_S = 0x50,
    DST_M = 0x51,
    DST_L = 0x52,
    VXATape_1 = 0x53,
    VXATape_2 = 0x54,
    STK_9840 = 0x55,
    LTO_Ultrium = 0x56,
    LTO_Accelis = 0x57,
    DVD_RAM = 0x58,
    AIT_8mm = 0x59,
    ADR_1 = 0x5a,
    ADR_2 = 0x5b,
    STK_9940 = 0x5c,
    SAIT = 0x5d,
    VXATape = 0x5e
} STORAGE_MEDIA_TYPE, *PSTORAGE_MEDIA_TYPE;
#endif

/*
 * Values [MS-RSMP] gives without a name (no SDK macro exists); named here
 * for this implementation.
 */
/* NTMS_LIBREQUESTINFORMATION.OperationOption for mount/dismount/eject items. */
#define RSM_LMOPTION_IMMEDIATE       0x00000000
#define RSM_LMOPTION_DEFERRED        0x00000001
#define RSM_LMOPTION_FORCEIMMEDIATE  0x00000002
#define RSM_LMOPTION_FORCEDEFERRED   0x00000003
#define RSM_LMOPTION_INJECTMANY      0x00000004
/* NTMS_LIBREQUESTINFORMATION.OperationOption for inventory items. */
#define RSM_LMOPTION_FULL_INVENTORY  0x00000000
#define RSM_LMOPTION_SLOTS_ONLY      0x00000001
/* NTMS_LIBRARYINFORMATION.dwCleanerUsesRemaining: uses not counted. */
#define RSM_CLEANER_USES_UNLIMITED   0xFFFFFFFF

/* ======================================================================
 * Structures (8-byte packing, as the SDK)
 * ====================================================================== */

#pragma pack(push, 8)

/* Asynchronous operation block (reserved; pass NULL where accepted). */
typedef struct _NTMS_ASYNC_IO {
    NTMS_GUID OperationId;
    NTMS_GUID EventId;
    DWORD     dwOperationType;
    DWORD     dwResult;
    DWORD     dwAsyncState;
    HANDLE    hEvent;
    BOOL      bOnStateChange;
} NTMS_ASYNC_IO, *LPNTMS_ASYNC_IO;

/* MountNtmsMedia extra information. */
typedef struct _NTMS_MOUNT_INFORMATION {
    DWORD  dwSize;
    LPVOID lpReserved;
} NTMS_MOUNT_INFORMATION, *LPNTMS_MOUNT_INFORMATION;

/* AllocateNtmsMedia result: the pool the side came from. */
typedef struct _NTMS_ALLOCATION_INFORMATION {
    DWORD     dwSize;
    LPVOID    lpReserved;
    NTMS_GUID AllocatedFrom;
} NTMS_ALLOCATION_INFORMATION, *LPNTMS_ALLOCATION_INFORMATION;

/* Drive object. */
typedef struct _NTMS_DRIVEINFORMATIONA {
    DWORD      Number;
    DWORD      State;
    NTMS_GUID  DriveType;
    CHAR       szDeviceName[NTMS_DEVICENAME_LENGTH];
    CHAR       szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
    CHAR       szRevision[NTMS_REVISION_LENGTH];
    WORD       ScsiPort;
    WORD       ScsiBus;
    WORD       ScsiTarget;
    WORD       ScsiLun;
    DWORD      dwMountCount;
    SYSTEMTIME LastCleanedTs;
    NTMS_GUID  SavedPartitionId;
    NTMS_GUID  Library;
    GUID       Reserved;
    DWORD      dwDeferDismountDelay;
} NTMS_DRIVEINFORMATIONA, *LPNTMS_DRIVEINFORMATIONA;

typedef struct _NTMS_DRIVEINFORMATIONW {
    DWORD      Number;
    DWORD      State;
    NTMS_GUID  DriveType;
    WCHAR      szDeviceName[NTMS_DEVICENAME_LENGTH];
    WCHAR      szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
    WCHAR      szRevision[NTMS_REVISION_LENGTH];
    WORD       ScsiPort;
    WORD       ScsiBus;
    WORD       ScsiTarget;
    WORD       ScsiLun;
    DWORD      dwMountCount;
    SYSTEMTIME LastCleanedTs;
    NTMS_GUID  SavedPartitionId;
    NTMS_GUID  Library;
    GUID       Reserved;
    DWORD      dwDeferDismountDelay;
} NTMS_DRIVEINFORMATIONW, *LPNTMS_DRIVEINFORMATIONW;

/* Drive type object. */
typedef struct _NTMS_DRIVETYPEINFORMATIONA {
    CHAR  szVendor[NTMS_VENDORNAME_LENGTH];
    CHAR  szProduct[NTMS_PRODUCTNAME_LENGTH];
    DWORD NumberOfHeads;
    DWORD DeviceType;
} NTMS_DRIVETYPEINFORMATIONA, *LPNTMS_DRIVETYPEINFORMATIONA;

typedef struct _NTMS_DRIVETYPEINFORMATIONW {
    WCHAR szVendor[NTMS_VENDORNAME_LENGTH];
    WCHAR szProduct[NTMS_PRODUCTNAME_LENGTH];
    DWORD NumberOfHeads;
    DWORD DeviceType;
} NTMS_DRIVETYPEINFORMATIONW, *LPNTMS_DRIVETYPEINFORMATIONW;

/* Robotic changer object. */
typedef struct _NTMS_CHANGERINFORMATIONA {
    DWORD     Number;
    NTMS_GUID ChangerType;
    CHAR      szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
    CHAR      szRevision[NTMS_REVISION_LENGTH];
    CHAR      szDeviceName[NTMS_DEVICENAME_LENGTH];
    WORD      ScsiPort;
    WORD      ScsiBus;
    WORD      ScsiTarget;
    WORD      ScsiLun;
    NTMS_GUID Library;
} NTMS_CHANGERINFORMATIONA, *LPNTMS_CHANGERINFORMATIONA;

typedef struct _NTMS_CHANGERINFORMATIONW {
    DWORD     Number;
    NTMS_GUID ChangerType;
    WCHAR     szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
    WCHAR     szRevision[NTMS_REVISION_LENGTH];
    WCHAR     szDeviceName[NTMS_DEVICENAME_LENGTH];
    WORD      ScsiPort;
    WORD      ScsiBus;
    WORD      ScsiTarget;
    WORD      ScsiLun;
    NTMS_GUID Library;
} NTMS_CHANGERINFORMATIONW, *LPNTMS_CHANGERINFORMATIONW;

/* Changer type object. */
typedef struct _NTMS_CHANGERTYPEINFORMATIONA {
    CHAR  szVendor[NTMS_VENDORNAME_LENGTH];
    CHAR  szProduct[NTMS_PRODUCTNAME_LENGTH];
    DWORD DeviceType;
} NTMS_CHANGERTYPEINFORMATIONA, *LPNTMS_CHANGERTYPEINFORMATIONA;

typedef struct _NTMS_CHANGERTYPEINFORMATIONW {
    WCHAR szVendor[NTMS_VENDORNAME_LENGTH];
    WCHAR szProduct[NTMS_PRODUCTNAME_LENGTH];
    DWORD DeviceType;
} NTMS_CHANGERTYPEINFORMATIONW, *LPNTMS_CHANGERTYPEINFORMATIONW;

/* Library object. */
typedef struct _NTMS_LIBRARYINFORMATION {
    DWORD     LibraryType;
    NTMS_GUID CleanerSlot;
    NTMS_GUID CleanerSlotDefault;
    BOOL      LibrarySupportsDriveCleaning;
    BOOL      BarCodeReaderInstalled;
    DWORD     InventoryMethod;
    DWORD     dwCleanerUsesRemaining;
    DWORD     FirstDriveNumber;
    DWORD     dwNumberOfDrives;
    DWORD     FirstSlotNumber;
    DWORD     dwNumberOfSlots;
    DWORD     FirstDoorNumber;
    DWORD     dwNumberOfDoors;
    DWORD     FirstPortNumber;
    DWORD     dwNumberOfPorts;
    DWORD     FirstChangerNumber;
    DWORD     dwNumberOfChangers;
    DWORD     dwNumberOfMedia;
    DWORD     dwNumberOfMediaTypes;
    DWORD     dwNumberOfLibRequests;
    GUID      Reserved;
    BOOL      AutoRecovery;
    DWORD     dwFlags;
} NTMS_LIBRARYINFORMATION, *LPNTMS_LIBRARYINFORMATION;

/* Storage slot object. */
typedef struct _NTMS_STORAGESLOTINFORMATION {
    DWORD     Number;
    DWORD     State;
    NTMS_GUID Library;
} NTMS_STORAGESLOTINFORMATION, *LPNTMS_STORAGESLOTINFORMATION;

/* Insert/eject door object. */
typedef struct _NTMS_IEDOORINFORMATION {
    DWORD     Number;
    DWORD     State;
    WORD      MaxOpenSecs;
    NTMS_GUID Library;
} NTMS_IEDOORINFORMATION, *LPNTMS_IEDOORINFORMATION;

/* Insert/eject port object. */
typedef struct _NTMS_IEPORTINFORMATION {
    DWORD     Number;
    DWORD     Content;
    DWORD     Position;
    WORD      MaxExtendSecs;
    NTMS_GUID Library;
} NTMS_IEPORTINFORMATION, *LPNTMS_IEPORTINFORMATION;

/* Physical medium (cartridge). */
typedef struct _NTMS_PMIDINFORMATIONA {
    NTMS_GUID CurrentLibrary;
    NTMS_GUID MediaPool;
    NTMS_GUID Location;
    DWORD     LocationType;
    NTMS_GUID MediaType;
    NTMS_GUID HomeSlot;
    CHAR      szBarCode[NTMS_BARCODE_LENGTH];
    DWORD     BarCodeState;
    CHAR      szSequenceNumber[NTMS_SEQUENCE_LENGTH];
    DWORD     MediaState;
    DWORD     dwNumberOfPartitions;
    DWORD     dwMediaTypeCode;
    DWORD     dwDensityCode;
    NTMS_GUID MountedPartition;
} NTMS_PMIDINFORMATIONA, *LPNTMS_PMIDINFORMATIONA;

typedef struct _NTMS_PMIDINFORMATIONW {
    NTMS_GUID CurrentLibrary;
    NTMS_GUID MediaPool;
    NTMS_GUID Location;
    DWORD     LocationType;
    NTMS_GUID MediaType;
    NTMS_GUID HomeSlot;
    WCHAR     szBarCode[NTMS_BARCODE_LENGTH];
    DWORD     BarCodeState;
    WCHAR     szSequenceNumber[NTMS_SEQUENCE_LENGTH];
    DWORD     MediaState;
    DWORD     dwNumberOfPartitions;
    DWORD     dwMediaTypeCode;
    DWORD     dwDensityCode;
    NTMS_GUID MountedPartition;
} NTMS_PMIDINFORMATIONW, *LPNTMS_PMIDINFORMATIONW;

/* Logical medium. */
typedef struct _NTMS_LMIDINFORMATION {
    NTMS_GUID MediaPool;
    DWORD     dwNumberOfPartitions;
} NTMS_LMIDINFORMATION, *LPNTMS_LMIDINFORMATION;

/* Side (partition) of a medium, with its on-media identifier. */
typedef struct _NTMS_PARTITIONINFORMATIONA {
    NTMS_GUID     PhysicalMedia;
    NTMS_GUID     LogicalMedia;
    DWORD         State;
    WORD          Side;
    DWORD         dwOmidLabelIdLength;
    BYTE          OmidLabelId[NTMS_OMIDLABELID_LENGTH];
    CHAR          szOmidLabelType[NTMS_OMIDLABELTYPE_LENGTH];
    CHAR          szOmidLabelInfo[NTMS_OMIDLABELINFO_LENGTH];
    DWORD         dwMountCount;
    DWORD         dwAllocateCount;
    LARGE_INTEGER Capacity;
} NTMS_PARTITIONINFORMATIONA, *LPNTMS_PARTITIONINFORMATIONA;

typedef struct _NTMS_PARTITIONINFORMATIONW {
    NTMS_GUID     PhysicalMedia;
    NTMS_GUID     LogicalMedia;
    DWORD         State;
    WORD          Side;
    DWORD         dwOmidLabelIdLength;
    BYTE          OmidLabelId[NTMS_OMIDLABELID_LENGTH];
    WCHAR         szOmidLabelType[NTMS_OMIDLABELTYPE_LENGTH];
    WCHAR         szOmidLabelInfo[NTMS_OMIDLABELINFO_LENGTH];
    DWORD         dwMountCount;
    DWORD         dwAllocateCount;
    LARGE_INTEGER Capacity;
} NTMS_PARTITIONINFORMATIONW, *LPNTMS_PARTITIONINFORMATIONW;

/* Media pool. */
typedef struct _NTMS_MEDIAPOOLINFORMATION {
    DWORD     PoolType;
    NTMS_GUID MediaType;
    NTMS_GUID Parent;
    DWORD     AllocationPolicy;
    DWORD     DeallocationPolicy;
    DWORD     dwMaxAllocates;
    DWORD     dwNumberOfPhysicalMedia;
    DWORD     dwNumberOfLogicalMedia;
    DWORD     dwNumberOfMediaPools;
} NTMS_MEDIAPOOLINFORMATION, *LPNTMS_MEDIAPOOLINFORMATION;

/* Media type. */
typedef struct _NTMS_MEDIATYPEINFORMATION {
    DWORD MediaType;
    DWORD NumberOfSides;
    DWORD ReadWriteCharacteristics;
    DWORD DeviceType;
} NTMS_MEDIATYPEINFORMATION, *LPNTMS_MEDIATYPEINFORMATION;

/* Library (work) request. */
typedef struct _NTMS_LIBREQUESTINFORMATIONA {
    DWORD      OperationCode;
    DWORD      OperationOption;
    DWORD      State;
    NTMS_GUID  PartitionId;
    NTMS_GUID  DriveId;
    NTMS_GUID  PhysMediaId;
    NTMS_GUID  Library;
    NTMS_GUID  SlotId;
    SYSTEMTIME TimeQueued;
    SYSTEMTIME TimeCompleted;
    CHAR       szApplication[NTMS_APPLICATIONNAME_LENGTH];
    CHAR       szUser[NTMS_USERNAME_LENGTH];
    CHAR       szComputer[NTMS_COMPUTERNAME_LENGTH];
    DWORD      dwErrorCode;
    NTMS_GUID  WorkItemId;
    DWORD      dwPriority;
} NTMS_LIBREQUESTINFORMATIONA, *LPNTMS_LIBREQUESTINFORMATIONA;

typedef struct _NTMS_LIBREQUESTINFORMATIONW {
    DWORD      OperationCode;
    DWORD      OperationOption;
    DWORD      State;
    NTMS_GUID  PartitionId;
    NTMS_GUID  DriveId;
    NTMS_GUID  PhysMediaId;
    NTMS_GUID  Library;
    NTMS_GUID  SlotId;
    SYSTEMTIME TimeQueued;
    SYSTEMTIME TimeCompleted;
    WCHAR      szApplication[NTMS_APPLICATIONNAME_LENGTH];
    WCHAR      szUser[NTMS_USERNAME_LENGTH];
    WCHAR      szComputer[NTMS_COMPUTERNAME_LENGTH];
    DWORD      dwErrorCode;
    NTMS_GUID  WorkItemId;
    DWORD      dwPriority;
} NTMS_LIBREQUESTINFORMATIONW, *LPNTMS_LIBREQUESTINFORMATIONW;

/* Operator request. */
typedef struct _NTMS_OPREQUESTINFORMATIONA {
    DWORD      Request;
    SYSTEMTIME Submitted;
    DWORD      State;
    CHAR       szMessage[NTMS_MESSAGE_LENGTH];
    DWORD      Arg1Type;
    NTMS_GUID  Arg1;
    DWORD      Arg2Type;
    NTMS_GUID  Arg2;
    CHAR       szApplication[NTMS_APPLICATIONNAME_LENGTH];
    CHAR       szUser[NTMS_USERNAME_LENGTH];
    CHAR       szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_OPREQUESTINFORMATIONA, *LPNTMS_OPREQUESTINFORMATIONA;

typedef struct _NTMS_OPREQUESTINFORMATIONW {
    DWORD      Request;
    SYSTEMTIME Submitted;
    DWORD      State;
    WCHAR      szMessage[NTMS_MESSAGE_LENGTH];
    DWORD      Arg1Type;
    NTMS_GUID  Arg1;
    DWORD      Arg2Type;
    NTMS_GUID  Arg2;
    WCHAR      szApplication[NTMS_APPLICATIONNAME_LENGTH];
    WCHAR      szUser[NTMS_USERNAME_LENGTH];
    WCHAR      szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_OPREQUESTINFORMATIONW, *LPNTMS_OPREQUESTINFORMATIONW;

/* The RSM server computer. */
typedef struct _NTMS_COMPUTERINFORMATION {
    DWORD dwLibRequestPurgeTime;
    DWORD dwOpRequestPurgeTime;
    DWORD dwLibRequestFlags;
    DWORD dwOpRequestFlags;
    DWORD dwMediaPoolPolicy;
} NTMS_COMPUTERINFORMATION, *LPNTMS_COMPUTERINFORMATION;

/* Common header of every object plus the type-specific part, selected by
 * dwType. */
typedef struct _NTMS_OBJECTINFORMATIONA {
    DWORD      dwSize;
    DWORD      dwType;
    SYSTEMTIME Created;
    SYSTEMTIME Modified;
    NTMS_GUID  ObjectGuid;
    BOOL       Enabled;
    DWORD      dwOperationalState;
    CHAR       szName[NTMS_OBJECTNAME_LENGTH];
    CHAR       szDescription[NTMS_DESCRIPTION_LENGTH];
    union {
        NTMS_DRIVEINFORMATIONA       Drive;
        NTMS_DRIVETYPEINFORMATIONA   DriveType;
        NTMS_LIBRARYINFORMATION      Library;
        NTMS_CHANGERINFORMATIONA     Changer;
        NTMS_CHANGERTYPEINFORMATIONA ChangerType;
        NTMS_STORAGESLOTINFORMATION  StorageSlot;
        NTMS_IEDOORINFORMATION       IEDoor;
        NTMS_IEPORTINFORMATION       IEPort;
        NTMS_PMIDINFORMATIONA        PhysicalMedia;
        NTMS_LMIDINFORMATION         LogicalMedia;
        NTMS_PARTITIONINFORMATIONA   Partition;
        NTMS_MEDIAPOOLINFORMATION    MediaPool;
        NTMS_MEDIATYPEINFORMATION    MediaType;
        NTMS_LIBREQUESTINFORMATIONA  LibRequest;
        NTMS_OPREQUESTINFORMATIONA   OpRequest;
        NTMS_COMPUTERINFORMATION     Computer;
    } Info;
} NTMS_OBJECTINFORMATIONA, *LPNTMS_OBJECTINFORMATIONA;

typedef struct _NTMS_OBJECTINFORMATIONW {
    DWORD      dwSize;
    DWORD      dwType;
    SYSTEMTIME Created;
    SYSTEMTIME Modified;
    NTMS_GUID  ObjectGuid;
    BOOL       Enabled;
    DWORD      dwOperationalState;
    WCHAR      szName[NTMS_OBJECTNAME_LENGTH];
    WCHAR      szDescription[NTMS_DESCRIPTION_LENGTH];
    union {
        NTMS_DRIVEINFORMATIONW       Drive;
        NTMS_DRIVETYPEINFORMATIONW   DriveType;
        NTMS_LIBRARYINFORMATION      Library;
        NTMS_CHANGERINFORMATIONW     Changer;
        NTMS_CHANGERTYPEINFORMATIONW ChangerType;
        NTMS_STORAGESLOTINFORMATION  StorageSlot;
        NTMS_IEDOORINFORMATION       IEDoor;
        NTMS_IEPORTINFORMATION       IEPort;
        NTMS_PMIDINFORMATIONW        PhysicalMedia;
        NTMS_LMIDINFORMATION         LogicalMedia;
        NTMS_PARTITIONINFORMATIONW   Partition;
        NTMS_MEDIAPOOLINFORMATION    MediaPool;
        NTMS_MEDIATYPEINFORMATION    MediaType;
        NTMS_LIBREQUESTINFORMATIONW  LibRequest;
        NTMS_OPREQUESTINFORMATIONW   OpRequest;
        NTMS_COMPUTERINFORMATION     Computer;
    } Info;
} NTMS_OBJECTINFORMATIONW, *LPNTMS_OBJECTINFORMATIONW;

/*
 * First-interface (NT 5.0 beta) forms of the object structures, kept for
 * source compatibility: no AutoRecovery/dwFlags in the library, no
 * error/work-item fields in library requests, no type/density codes in
 * physical media, no capacity in sides, a 127-character operator message
 * and no computer object.
 */
typedef struct _NTMS_I1_LIBRARYINFORMATION {
    DWORD     LibraryType;
    NTMS_GUID CleanerSlot;
    NTMS_GUID CleanerSlotDefault;
    BOOL      LibrarySupportsDriveCleaning;
    BOOL      BarCodeReaderInstalled;
    DWORD     InventoryMethod;
    DWORD     dwCleanerUsesRemaining;
    DWORD     FirstDriveNumber;
    DWORD     dwNumberOfDrives;
    DWORD     FirstSlotNumber;
    DWORD     dwNumberOfSlots;
    DWORD     FirstDoorNumber;
    DWORD     dwNumberOfDoors;
    DWORD     FirstPortNumber;
    DWORD     dwNumberOfPorts;
    DWORD     FirstChangerNumber;
    DWORD     dwNumberOfChangers;
    DWORD     dwNumberOfMedia;
    DWORD     dwNumberOfMediaTypes;
    DWORD     dwNumberOfLibRequests;
    GUID      Reserved;
} NTMS_I1_LIBRARYINFORMATION, *LPNTMS_I1_LIBRARYINFORMATION;

typedef struct _NTMS_I1_LIBREQUESTINFORMATIONA {
    DWORD      OperationCode;
    DWORD      OperationOption;
    DWORD      State;
    NTMS_GUID  PartitionId;
    NTMS_GUID  DriveId;
    NTMS_GUID  PhysMediaId;
    NTMS_GUID  Library;
    NTMS_GUID  SlotId;
    SYSTEMTIME TimeQueued;
    SYSTEMTIME TimeCompleted;
    CHAR       szApplication[NTMS_APPLICATIONNAME_LENGTH];
    CHAR       szUser[NTMS_USERNAME_LENGTH];
    CHAR       szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_I1_LIBREQUESTINFORMATIONA, *LPNTMS_I1_LIBREQUESTINFORMATIONA;

typedef struct _NTMS_I1_LIBREQUESTINFORMATIONW {
    DWORD      OperationCode;
    DWORD      OperationOption;
    DWORD      State;
    NTMS_GUID  PartitionId;
    NTMS_GUID  DriveId;
    NTMS_GUID  PhysMediaId;
    NTMS_GUID  Library;
    NTMS_GUID  SlotId;
    SYSTEMTIME TimeQueued;
    SYSTEMTIME TimeCompleted;
    WCHAR      szApplication[NTMS_APPLICATIONNAME_LENGTH];
    WCHAR      szUser[NTMS_USERNAME_LENGTH];
    WCHAR      szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_I1_LIBREQUESTINFORMATIONW, *LPNTMS_I1_LIBREQUESTINFORMATIONW;

typedef struct _NTMS_I1_PMIDINFORMATIONA {
    NTMS_GUID CurrentLibrary;
    NTMS_GUID MediaPool;
    NTMS_GUID Location;
    DWORD     LocationType;
    NTMS_GUID MediaType;
    NTMS_GUID HomeSlot;
    CHAR      szBarCode[NTMS_BARCODE_LENGTH];
    DWORD     BarCodeState;
    CHAR      szSequenceNumber[NTMS_SEQUENCE_LENGTH];
    DWORD     MediaState;
    DWORD     dwNumberOfPartitions;
} NTMS_I1_PMIDINFORMATIONA, *LPNTMS_I1_PMIDINFORMATIONA;

typedef struct _NTMS_I1_PMIDINFORMATIONW {
    NTMS_GUID CurrentLibrary;
    NTMS_GUID MediaPool;
    NTMS_GUID Location;
    DWORD     LocationType;
    NTMS_GUID MediaType;
    NTMS_GUID HomeSlot;
    WCHAR     szBarCode[NTMS_BARCODE_LENGTH];
    DWORD     BarCodeState;
    WCHAR     szSequenceNumber[NTMS_SEQUENCE_LENGTH];
    DWORD     MediaState;
    DWORD     dwNumberOfPartitions;
} NTMS_I1_PMIDINFORMATIONW, *LPNTMS_I1_PMIDINFORMATIONW;

typedef struct _NTMS_I1_PARTITIONINFORMATIONA {
    NTMS_GUID PhysicalMedia;
    NTMS_GUID LogicalMedia;
    DWORD     State;
    WORD      Side;
    DWORD     dwOmidLabelIdLength;
    BYTE      OmidLabelId[NTMS_OMIDLABELID_LENGTH];
    CHAR      szOmidLabelType[NTMS_OMIDLABELTYPE_LENGTH];
    CHAR      szOmidLabelInfo[NTMS_OMIDLABELINFO_LENGTH];
    DWORD     dwMountCount;
    DWORD     dwAllocateCount;
} NTMS_I1_PARTITIONINFORMATIONA, *LPNTMS_I1_PARTITIONINFORMATIONA;

typedef struct _NTMS_I1_PARTITIONINFORMATIONW {
    NTMS_GUID PhysicalMedia;
    NTMS_GUID LogicalMedia;
    DWORD     State;
    WORD      Side;
    DWORD     dwOmidLabelIdLength;
    BYTE      OmidLabelId[NTMS_OMIDLABELID_LENGTH];
    WCHAR     szOmidLabelType[NTMS_OMIDLABELTYPE_LENGTH];
    WCHAR     szOmidLabelInfo[NTMS_OMIDLABELINFO_LENGTH];
    DWORD     dwMountCount;
    DWORD     dwAllocateCount;
} NTMS_I1_PARTITIONINFORMATIONW, *LPNTMS_I1_PARTITIONINFORMATIONW;

typedef struct _NTMS_I1_OPREQUESTINFORMATIONA {
    DWORD      Request;
    SYSTEMTIME Submitted;
    DWORD      State;
    CHAR       szMessage[NTMS_I1_MESSAGE_LENGTH];
    DWORD      Arg1Type;
    NTMS_GUID  Arg1;
    DWORD      Arg2Type;
    NTMS_GUID  Arg2;
    CHAR       szApplication[NTMS_APPLICATIONNAME_LENGTH];
    CHAR       szUser[NTMS_USERNAME_LENGTH];
    CHAR       szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_I1_OPREQUESTINFORMATIONA, *LPNTMS_I1_OPREQUESTINFORMATIONA;

typedef struct _NTMS_I1_OPREQUESTINFORMATIONW {
    DWORD      Request;
    SYSTEMTIME Submitted;
    DWORD      State;
    WCHAR      szMessage[NTMS_I1_MESSAGE_LENGTH];
    DWORD      Arg1Type;
    NTMS_GUID  Arg1;
    DWORD      Arg2Type;
    NTMS_GUID  Arg2;
    WCHAR      szApplication[NTMS_APPLICATIONNAME_LENGTH];
    WCHAR      szUser[NTMS_USERNAME_LENGTH];
    WCHAR      szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_I1_OPREQUESTINFORMATIONW, *LPNTMS_I1_OPREQUESTINFORMATIONW;

typedef struct _NTMS_I1_OBJECTINFORMATIONA {
    DWORD      dwSize;
    DWORD      dwType;
    SYSTEMTIME Created;
    SYSTEMTIME Modified;
    NTMS_GUID  ObjectGuid;
    BOOL       Enabled;
    DWORD      dwOperationalState;
    CHAR       szName[NTMS_OBJECTNAME_LENGTH];
    CHAR       szDescription[NTMS_DESCRIPTION_LENGTH];
    union {
        NTMS_DRIVEINFORMATIONA         Drive;
        NTMS_DRIVETYPEINFORMATIONA     DriveType;
        NTMS_I1_LIBRARYINFORMATION     Library;
        NTMS_CHANGERINFORMATIONA       Changer;
        NTMS_CHANGERTYPEINFORMATIONA   ChangerType;
        NTMS_STORAGESLOTINFORMATION    StorageSlot;
        NTMS_IEDOORINFORMATION         IEDoor;
        NTMS_IEPORTINFORMATION         IEPort;
        NTMS_I1_PMIDINFORMATIONA       PhysicalMedia;
        NTMS_LMIDINFORMATION           LogicalMedia;
        NTMS_I1_PARTITIONINFORMATIONA  Partition;
        NTMS_MEDIAPOOLINFORMATION      MediaPool;
        NTMS_MEDIATYPEINFORMATION      MediaType;
        NTMS_I1_LIBREQUESTINFORMATIONA LibRequest;
        NTMS_I1_OPREQUESTINFORMATIONA  OpRequest;
    } Info;
} NTMS_I1_OBJECTINFORMATIONA, *LPNTMS_I1_OBJECTINFORMATIONA;

typedef struct _NTMS_I1_OBJECTINFORMATIONW {
    DWORD      dwSize;
    DWORD      dwType;
    SYSTEMTIME Created;
    SYSTEMTIME Modified;
    NTMS_GUID  ObjectGuid;
    BOOL       Enabled;
    DWORD      dwOperationalState;
    WCHAR      szName[NTMS_OBJECTNAME_LENGTH];
    WCHAR      szDescription[NTMS_DESCRIPTION_LENGTH];
    union {
        NTMS_DRIVEINFORMATIONW         Drive;
        NTMS_DRIVETYPEINFORMATIONW     DriveType;
        NTMS_I1_LIBRARYINFORMATION     Library;
        NTMS_CHANGERINFORMATIONW       Changer;
        NTMS_CHANGERTYPEINFORMATIONW   ChangerType;
        NTMS_STORAGESLOTINFORMATION    StorageSlot;
        NTMS_IEDOORINFORMATION         IEDoor;
        NTMS_IEPORTINFORMATION         IEPort;
        NTMS_I1_PMIDINFORMATIONW       PhysicalMedia;
        NTMS_LMIDINFORMATION           LogicalMedia;
        NTMS_I1_PARTITIONINFORMATIONW  Partition;
        NTMS_MEDIAPOOLINFORMATION      MediaPool;
        NTMS_MEDIATYPEINFORMATION      MediaType;
        NTMS_I1_LIBREQUESTINFORMATIONW LibRequest;
        NTMS_I1_OPREQUESTINFORMATIONW  OpRequest;
    } Info;
} NTMS_I1_OBJECTINFORMATIONW, *LPNTMS_I1_OBJECTINFORMATIONW;

/* Label data for UpdateNtmsOmidInfo with NTMS_OMID_TYPE_FILESYSTEM_INFO. */
typedef struct _NTMS_FILESYSTEM_INFO {
    WCHAR FileSystemType[64];
    WCHAR VolumeName[256];
    DWORD SerialNumber;
} NTMS_FILESYSTEM_INFO, *LPNTMS_FILESYSTEM_INFO;

/* One object change, from WaitForNtmsNotification. */
typedef struct _NTMS_NOTIFICATIONINFORMATION {
    DWORD     dwOperation;
    NTMS_GUID ObjectId;
} NTMS_NOTIFICATIONINFORMATION, *LPNTMS_NOTIFICATIONINFORMATION;

#pragma pack(pop)

/* Unsuffixed structure names: W with UNICODE, A otherwise. */
#ifdef UNICODE
typedef NTMS_DRIVEINFORMATIONW         NTMS_DRIVEINFORMATION;
typedef NTMS_DRIVETYPEINFORMATIONW     NTMS_DRIVETYPEINFORMATION;
typedef NTMS_CHANGERINFORMATIONW       NTMS_CHANGERINFORMATION;
typedef NTMS_CHANGERTYPEINFORMATIONW   NTMS_CHANGERTYPEINFORMATION;
typedef NTMS_PMIDINFORMATIONW          NTMS_PMIDINFORMATION;
typedef NTMS_PARTITIONINFORMATIONW     NTMS_PARTITIONINFORMATION;
typedef NTMS_LIBREQUESTINFORMATIONW    NTMS_LIBREQUESTINFORMATION;
typedef NTMS_OPREQUESTINFORMATIONW     NTMS_OPREQUESTINFORMATION;
typedef NTMS_OBJECTINFORMATIONW        NTMS_OBJECTINFORMATION;
typedef LPNTMS_OBJECTINFORMATIONW      LPNTMS_OBJECTINFORMATION;
typedef NTMS_I1_LIBREQUESTINFORMATIONW NTMS_I1_LIBREQUESTINFORMATION;
typedef NTMS_I1_PARTITIONINFORMATIONW  NTMS_I1_PARTITIONINFORMATION;
typedef NTMS_I1_PMIDINFORMATIONW       NTMS_I1_PMIDINFORMATION;
typedef NTMS_I1_OPREQUESTINFORMATIONW  NTMS_I1_OPREQUESTINFORMATION;
typedef NTMS_I1_OBJECTINFORMATIONW     NTMS_I1_OBJECTINFORMATION;
#else
typedef NTMS_DRIVEINFORMATIONA         NTMS_DRIVEINFORMATION;
typedef NTMS_DRIVETYPEINFORMATIONA     NTMS_DRIVETYPEINFORMATION;
typedef NTMS_CHANGERINFORMATIONA       NTMS_CHANGERINFORMATION;
typedef NTMS_CHANGERTYPEINFORMATIONA   NTMS_CHANGERTYPEINFORMATION;
typedef NTMS_PMIDINFORMATIONA          NTMS_PMIDINFORMATION;
typedef NTMS_PARTITIONINFORMATIONA     NTMS_PARTITIONINFORMATION;
typedef NTMS_LIBREQUESTINFORMATIONA    NTMS_LIBREQUESTINFORMATION;
typedef NTMS_OPREQUESTINFORMATIONA     NTMS_OPREQUESTINFORMATION;
typedef NTMS_OBJECTINFORMATIONA        NTMS_OBJECTINFORMATION;
typedef LPNTMS_OBJECTINFORMATIONA      LPNTMS_OBJECTINFORMATION;
typedef NTMS_I1_LIBREQUESTINFORMATIONA NTMS_I1_LIBREQUESTINFORMATION;
typedef NTMS_I1_PARTITIONINFORMATIONA  NTMS_I1_PARTITIONINFORMATION;
typedef NTMS_I1_PMIDINFORMATIONA       NTMS_I1_PMIDINFORMATION;
typedef NTMS_I1_OPREQUESTINFORMATIONA  NTMS_I1_OPREQUESTINFORMATION;
typedef NTMS_I1_OBJECTINFORMATIONA     NTMS_I1_OBJECTINFORMATION;
#endif

/* ======================================================================
 * Functions.  All return ERROR_SUCCESS or a Win32 error code, except the
 * two HANDLE-returning openers (INVALID_HANDLE_VALUE + GetLastError()).
 * ====================================================================== */

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
