/*
 * ntms_constants.h - object identifiers and every enumeration and constant of the NTMS
 * API, with the Windows SDK values.
 *
 * Part of <ntmsapi.h>, which includes it; not meant to be included alone.
 */
#ifndef RSM_NTMS_CONSTANTS_H
#define RSM_NTMS_CONSTANTS_H

#include "ntms_types.h"

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

#endif /* RSM_NTMS_CONSTANTS_H */
