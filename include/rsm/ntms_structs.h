/*
 * ntms_structs.h - the NTMS information structures, A and W forms, packed as the SDK
 * packs them.
 *
 * Part of <ntmsapi.h>, which includes it; not meant to be included alone.
 */
#ifndef RSM_NTMS_STRUCTS_H
#define RSM_NTMS_STRUCTS_H

#include "ntms_constants.h"

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

#endif /* RSM_NTMS_STRUCTS_H */
