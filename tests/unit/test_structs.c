/*
 * test_structs.c - the NTMS structures of <rsm/ntmsapi.h> checked at compile
 * time against the documentation: the documented array lengths, element
 * types (CHAR in A forms, WCHAR in W forms) and field order.  Absolute sizes
 * are not checked: WCHAR is 4 bytes on Linux, so they differ from Windows.
 */
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include <rsm/ntmsapi.h>
#include <rsm/ntmsmli.h>

#include <rsm/ntmsmli.h>

/* A member of T, for sizeof/offsetof only (never evaluated). */
#define FIELD(T, f)     (((T *)0)->f)
/* Number of elements of array member f of T. */
#define COUNT(T, f)     (sizeof(FIELD(T, f)) / sizeof(FIELD(T, f)[0]))
/* Size of one element of array member f of T. */
#define ELEM(T, f)      sizeof(FIELD(T, f)[0])
/* Member a of T comes before member b. */
#define BEFORE(T, a, b) (offsetof(T, a) < offsetof(T, b))

/* ======================================================================
 * 5. Structures: array lengths, element types and field order
 *    (constants.md section 5 and the ns-* reference pages)
 * ====================================================================== */

/* NTMS_LIBRARYINFORMATION */
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, LibraryType, CleanerSlot), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, CleanerSlot, CleanerSlotDefault), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, CleanerSlotDefault, LibrarySupportsDriveCleaning), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, LibrarySupportsDriveCleaning, BarCodeReaderInstalled), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, BarCodeReaderInstalled, InventoryMethod), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, InventoryMethod, dwCleanerUsesRemaining), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwCleanerUsesRemaining, FirstDriveNumber), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, FirstDriveNumber, dwNumberOfDrives), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfDrives, FirstSlotNumber), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, FirstSlotNumber, dwNumberOfSlots), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfSlots, FirstDoorNumber), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, FirstDoorNumber, dwNumberOfDoors), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfDoors, FirstPortNumber), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, FirstPortNumber, dwNumberOfPorts), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfPorts, FirstChangerNumber), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, FirstChangerNumber, dwNumberOfChangers), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfChangers, dwNumberOfMedia), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfMedia, dwNumberOfMediaTypes), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfMediaTypes, dwNumberOfLibRequests), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, dwNumberOfLibRequests, Reserved), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, Reserved, AutoRecovery), "NTMS_LIBRARYINFORMATION order");
_Static_assert(BEFORE(NTMS_LIBRARYINFORMATION, AutoRecovery, dwFlags), "NTMS_LIBRARYINFORMATION order");

/* NTMS_ALLOCATION_INFORMATION */
_Static_assert(BEFORE(NTMS_ALLOCATION_INFORMATION, dwSize, lpReserved), "NTMS_ALLOCATION_INFORMATION order");
_Static_assert(BEFORE(NTMS_ALLOCATION_INFORMATION, lpReserved, AllocatedFrom), "NTMS_ALLOCATION_INFORMATION order");

/* NTMS_MOUNT_INFORMATION */
_Static_assert(BEFORE(NTMS_MOUNT_INFORMATION, dwSize, lpReserved), "NTMS_MOUNT_INFORMATION order");

/* NTMS_ASYNC_IO */
_Static_assert(BEFORE(NTMS_ASYNC_IO, OperationId, EventId), "NTMS_ASYNC_IO order");
_Static_assert(BEFORE(NTMS_ASYNC_IO, EventId, dwOperationType), "NTMS_ASYNC_IO order");
_Static_assert(BEFORE(NTMS_ASYNC_IO, dwOperationType, dwResult), "NTMS_ASYNC_IO order");
_Static_assert(BEFORE(NTMS_ASYNC_IO, dwResult, dwAsyncState), "NTMS_ASYNC_IO order");
_Static_assert(BEFORE(NTMS_ASYNC_IO, dwAsyncState, hEvent), "NTMS_ASYNC_IO order");
_Static_assert(BEFORE(NTMS_ASYNC_IO, hEvent, bOnStateChange), "NTMS_ASYNC_IO order");

/* NTMS_CHANGERINFORMATIONA */
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONA, szSerialNumber) == 32, "NTMS_CHANGERINFORMATIONA.szSerialNumber length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONA, szSerialNumber) == sizeof(CHAR), "NTMS_CHANGERINFORMATIONA.szSerialNumber element");
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONA, szRevision) == 32, "NTMS_CHANGERINFORMATIONA.szRevision length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONA, szRevision) == sizeof(CHAR), "NTMS_CHANGERINFORMATIONA.szRevision element");
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONA, szDeviceName) == 64, "NTMS_CHANGERINFORMATIONA.szDeviceName length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONA, szDeviceName) == sizeof(CHAR), "NTMS_CHANGERINFORMATIONA.szDeviceName element");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, Number, ChangerType), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, ChangerType, szSerialNumber), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, szSerialNumber, szRevision), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, szRevision, szDeviceName), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, szDeviceName, ScsiPort), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, ScsiPort, ScsiBus), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, ScsiBus, ScsiTarget), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, ScsiTarget, ScsiLun), "NTMS_CHANGERINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONA, ScsiLun, Library), "NTMS_CHANGERINFORMATIONA order");

/* NTMS_CHANGERINFORMATIONW */
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONW, szSerialNumber) == 32, "NTMS_CHANGERINFORMATIONW.szSerialNumber length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONW, szSerialNumber) == sizeof(WCHAR), "NTMS_CHANGERINFORMATIONW.szSerialNumber element");
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONW, szRevision) == 32, "NTMS_CHANGERINFORMATIONW.szRevision length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONW, szRevision) == sizeof(WCHAR), "NTMS_CHANGERINFORMATIONW.szRevision element");
_Static_assert(COUNT(NTMS_CHANGERINFORMATIONW, szDeviceName) == 64, "NTMS_CHANGERINFORMATIONW.szDeviceName length");
_Static_assert(ELEM(NTMS_CHANGERINFORMATIONW, szDeviceName) == sizeof(WCHAR), "NTMS_CHANGERINFORMATIONW.szDeviceName element");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, Number, ChangerType), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, ChangerType, szSerialNumber), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, szSerialNumber, szRevision), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, szRevision, szDeviceName), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, szDeviceName, ScsiPort), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, ScsiPort, ScsiBus), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, ScsiBus, ScsiTarget), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, ScsiTarget, ScsiLun), "NTMS_CHANGERINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERINFORMATIONW, ScsiLun, Library), "NTMS_CHANGERINFORMATIONW order");

/* NTMS_CHANGERTYPEINFORMATIONA */
_Static_assert(COUNT(NTMS_CHANGERTYPEINFORMATIONA, szVendor) == 128, "NTMS_CHANGERTYPEINFORMATIONA.szVendor length");
_Static_assert(ELEM(NTMS_CHANGERTYPEINFORMATIONA, szVendor) == sizeof(CHAR), "NTMS_CHANGERTYPEINFORMATIONA.szVendor element");
_Static_assert(COUNT(NTMS_CHANGERTYPEINFORMATIONA, szProduct) == 128, "NTMS_CHANGERTYPEINFORMATIONA.szProduct length");
_Static_assert(ELEM(NTMS_CHANGERTYPEINFORMATIONA, szProduct) == sizeof(CHAR), "NTMS_CHANGERTYPEINFORMATIONA.szProduct element");
_Static_assert(BEFORE(NTMS_CHANGERTYPEINFORMATIONA, szVendor, szProduct), "NTMS_CHANGERTYPEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_CHANGERTYPEINFORMATIONA, szProduct, DeviceType), "NTMS_CHANGERTYPEINFORMATIONA order");

/* NTMS_CHANGERTYPEINFORMATIONW */
_Static_assert(COUNT(NTMS_CHANGERTYPEINFORMATIONW, szVendor) == 128, "NTMS_CHANGERTYPEINFORMATIONW.szVendor length");
_Static_assert(ELEM(NTMS_CHANGERTYPEINFORMATIONW, szVendor) == sizeof(WCHAR), "NTMS_CHANGERTYPEINFORMATIONW.szVendor element");
_Static_assert(COUNT(NTMS_CHANGERTYPEINFORMATIONW, szProduct) == 128, "NTMS_CHANGERTYPEINFORMATIONW.szProduct length");
_Static_assert(ELEM(NTMS_CHANGERTYPEINFORMATIONW, szProduct) == sizeof(WCHAR), "NTMS_CHANGERTYPEINFORMATIONW.szProduct element");
_Static_assert(BEFORE(NTMS_CHANGERTYPEINFORMATIONW, szVendor, szProduct), "NTMS_CHANGERTYPEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_CHANGERTYPEINFORMATIONW, szProduct, DeviceType), "NTMS_CHANGERTYPEINFORMATIONW order");

/* NTMS_DRIVEINFORMATIONA */
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONA, szDeviceName) == 64, "NTMS_DRIVEINFORMATIONA.szDeviceName length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONA, szDeviceName) == sizeof(CHAR), "NTMS_DRIVEINFORMATIONA.szDeviceName element");
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONA, szSerialNumber) == 32, "NTMS_DRIVEINFORMATIONA.szSerialNumber length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONA, szSerialNumber) == sizeof(CHAR), "NTMS_DRIVEINFORMATIONA.szSerialNumber element");
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONA, szRevision) == 32, "NTMS_DRIVEINFORMATIONA.szRevision length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONA, szRevision) == sizeof(CHAR), "NTMS_DRIVEINFORMATIONA.szRevision element");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, Number, State), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, State, DriveType), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, DriveType, szDeviceName), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, szDeviceName, szSerialNumber), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, szSerialNumber, szRevision), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, szRevision, ScsiPort), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, ScsiPort, ScsiBus), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, ScsiBus, ScsiTarget), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, ScsiTarget, ScsiLun), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, ScsiLun, dwMountCount), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, dwMountCount, LastCleanedTs), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, LastCleanedTs, SavedPartitionId), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, SavedPartitionId, Library), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, Library, Reserved), "NTMS_DRIVEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONA, Reserved, dwDeferDismountDelay), "NTMS_DRIVEINFORMATIONA order");

/* NTMS_DRIVEINFORMATIONW */
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONW, szDeviceName) == 64, "NTMS_DRIVEINFORMATIONW.szDeviceName length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONW, szDeviceName) == sizeof(WCHAR), "NTMS_DRIVEINFORMATIONW.szDeviceName element");
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONW, szSerialNumber) == 32, "NTMS_DRIVEINFORMATIONW.szSerialNumber length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONW, szSerialNumber) == sizeof(WCHAR), "NTMS_DRIVEINFORMATIONW.szSerialNumber element");
_Static_assert(COUNT(NTMS_DRIVEINFORMATIONW, szRevision) == 32, "NTMS_DRIVEINFORMATIONW.szRevision length");
_Static_assert(ELEM(NTMS_DRIVEINFORMATIONW, szRevision) == sizeof(WCHAR), "NTMS_DRIVEINFORMATIONW.szRevision element");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, Number, State), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, State, DriveType), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, DriveType, szDeviceName), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, szDeviceName, szSerialNumber), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, szSerialNumber, szRevision), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, szRevision, ScsiPort), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, ScsiPort, ScsiBus), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, ScsiBus, ScsiTarget), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, ScsiTarget, ScsiLun), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, ScsiLun, dwMountCount), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, dwMountCount, LastCleanedTs), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, LastCleanedTs, SavedPartitionId), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, SavedPartitionId, Library), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, Library, Reserved), "NTMS_DRIVEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVEINFORMATIONW, Reserved, dwDeferDismountDelay), "NTMS_DRIVEINFORMATIONW order");

/* NTMS_DRIVETYPEINFORMATIONA */
_Static_assert(COUNT(NTMS_DRIVETYPEINFORMATIONA, szVendor) == 128, "NTMS_DRIVETYPEINFORMATIONA.szVendor length");
_Static_assert(ELEM(NTMS_DRIVETYPEINFORMATIONA, szVendor) == sizeof(CHAR), "NTMS_DRIVETYPEINFORMATIONA.szVendor element");
_Static_assert(COUNT(NTMS_DRIVETYPEINFORMATIONA, szProduct) == 128, "NTMS_DRIVETYPEINFORMATIONA.szProduct length");
_Static_assert(ELEM(NTMS_DRIVETYPEINFORMATIONA, szProduct) == sizeof(CHAR), "NTMS_DRIVETYPEINFORMATIONA.szProduct element");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONA, szVendor, szProduct), "NTMS_DRIVETYPEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONA, szProduct, NumberOfHeads), "NTMS_DRIVETYPEINFORMATIONA order");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONA, NumberOfHeads, DeviceType), "NTMS_DRIVETYPEINFORMATIONA order");

/* NTMS_DRIVETYPEINFORMATIONW */
_Static_assert(COUNT(NTMS_DRIVETYPEINFORMATIONW, szVendor) == 128, "NTMS_DRIVETYPEINFORMATIONW.szVendor length");
_Static_assert(ELEM(NTMS_DRIVETYPEINFORMATIONW, szVendor) == sizeof(WCHAR), "NTMS_DRIVETYPEINFORMATIONW.szVendor element");
_Static_assert(COUNT(NTMS_DRIVETYPEINFORMATIONW, szProduct) == 128, "NTMS_DRIVETYPEINFORMATIONW.szProduct length");
_Static_assert(ELEM(NTMS_DRIVETYPEINFORMATIONW, szProduct) == sizeof(WCHAR), "NTMS_DRIVETYPEINFORMATIONW.szProduct element");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONW, szVendor, szProduct), "NTMS_DRIVETYPEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONW, szProduct, NumberOfHeads), "NTMS_DRIVETYPEINFORMATIONW order");
_Static_assert(BEFORE(NTMS_DRIVETYPEINFORMATIONW, NumberOfHeads, DeviceType), "NTMS_DRIVETYPEINFORMATIONW order");

/* NTMS_LIBREQUESTINFORMATIONA */
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONA, szApplication) == 64, "NTMS_LIBREQUESTINFORMATIONA.szApplication length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONA, szApplication) == sizeof(CHAR), "NTMS_LIBREQUESTINFORMATIONA.szApplication element");
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONA, szUser) == 64, "NTMS_LIBREQUESTINFORMATIONA.szUser length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONA, szUser) == sizeof(CHAR), "NTMS_LIBREQUESTINFORMATIONA.szUser element");
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONA, szComputer) == 64, "NTMS_LIBREQUESTINFORMATIONA.szComputer length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONA, szComputer) == sizeof(CHAR), "NTMS_LIBREQUESTINFORMATIONA.szComputer element");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, OperationCode, OperationOption), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, OperationOption, State), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, State, PartitionId), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, PartitionId, DriveId), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, DriveId, PhysMediaId), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, PhysMediaId, Library), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, Library, SlotId), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, SlotId, TimeQueued), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, TimeQueued, TimeCompleted), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, TimeCompleted, szApplication), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, szApplication, szUser), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, szUser, szComputer), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, szComputer, dwErrorCode), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, dwErrorCode, WorkItemId), "NTMS_LIBREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONA, WorkItemId, dwPriority), "NTMS_LIBREQUESTINFORMATIONA order");

/* NTMS_LIBREQUESTINFORMATIONW */
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONW, szApplication) == 64, "NTMS_LIBREQUESTINFORMATIONW.szApplication length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONW, szApplication) == sizeof(WCHAR), "NTMS_LIBREQUESTINFORMATIONW.szApplication element");
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONW, szUser) == 64, "NTMS_LIBREQUESTINFORMATIONW.szUser length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONW, szUser) == sizeof(WCHAR), "NTMS_LIBREQUESTINFORMATIONW.szUser element");
_Static_assert(COUNT(NTMS_LIBREQUESTINFORMATIONW, szComputer) == 64, "NTMS_LIBREQUESTINFORMATIONW.szComputer length");
_Static_assert(ELEM(NTMS_LIBREQUESTINFORMATIONW, szComputer) == sizeof(WCHAR), "NTMS_LIBREQUESTINFORMATIONW.szComputer element");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, OperationCode, OperationOption), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, OperationOption, State), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, State, PartitionId), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, PartitionId, DriveId), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, DriveId, PhysMediaId), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, PhysMediaId, Library), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, Library, SlotId), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, SlotId, TimeQueued), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, TimeQueued, TimeCompleted), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, TimeCompleted, szApplication), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, szApplication, szUser), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, szUser, szComputer), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, szComputer, dwErrorCode), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, dwErrorCode, WorkItemId), "NTMS_LIBREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_LIBREQUESTINFORMATIONW, WorkItemId, dwPriority), "NTMS_LIBREQUESTINFORMATIONW order");

/* NTMS_MEDIAPOOLINFORMATION */
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, PoolType, MediaType), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, MediaType, Parent), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, Parent, AllocationPolicy), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, AllocationPolicy, DeallocationPolicy), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, DeallocationPolicy, dwMaxAllocates), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, dwMaxAllocates, dwNumberOfPhysicalMedia), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, dwNumberOfPhysicalMedia, dwNumberOfLogicalMedia), "NTMS_MEDIAPOOLINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIAPOOLINFORMATION, dwNumberOfLogicalMedia, dwNumberOfMediaPools), "NTMS_MEDIAPOOLINFORMATION order");

/* NTMS_MEDIATYPEINFORMATION */
_Static_assert(BEFORE(NTMS_MEDIATYPEINFORMATION, MediaType, NumberOfSides), "NTMS_MEDIATYPEINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIATYPEINFORMATION, NumberOfSides, ReadWriteCharacteristics), "NTMS_MEDIATYPEINFORMATION order");
_Static_assert(BEFORE(NTMS_MEDIATYPEINFORMATION, ReadWriteCharacteristics, DeviceType), "NTMS_MEDIATYPEINFORMATION order");

/* NTMS_STORAGESLOTINFORMATION */
_Static_assert(BEFORE(NTMS_STORAGESLOTINFORMATION, Number, State), "NTMS_STORAGESLOTINFORMATION order");
_Static_assert(BEFORE(NTMS_STORAGESLOTINFORMATION, State, Library), "NTMS_STORAGESLOTINFORMATION order");

/* NTMS_IEDOORINFORMATION */
_Static_assert(BEFORE(NTMS_IEDOORINFORMATION, Number, State), "NTMS_IEDOORINFORMATION order");
_Static_assert(BEFORE(NTMS_IEDOORINFORMATION, State, MaxOpenSecs), "NTMS_IEDOORINFORMATION order");
_Static_assert(BEFORE(NTMS_IEDOORINFORMATION, MaxOpenSecs, Library), "NTMS_IEDOORINFORMATION order");

/* NTMS_IEPORTINFORMATION */
_Static_assert(BEFORE(NTMS_IEPORTINFORMATION, Number, Content), "NTMS_IEPORTINFORMATION order");
_Static_assert(BEFORE(NTMS_IEPORTINFORMATION, Content, Position), "NTMS_IEPORTINFORMATION order");
_Static_assert(BEFORE(NTMS_IEPORTINFORMATION, Position, MaxExtendSecs), "NTMS_IEPORTINFORMATION order");
_Static_assert(BEFORE(NTMS_IEPORTINFORMATION, MaxExtendSecs, Library), "NTMS_IEPORTINFORMATION order");

/* NTMS_LMIDINFORMATION */
_Static_assert(BEFORE(NTMS_LMIDINFORMATION, MediaPool, dwNumberOfPartitions), "NTMS_LMIDINFORMATION order");

/* NTMS_COMPUTERINFORMATION */
_Static_assert(BEFORE(NTMS_COMPUTERINFORMATION, dwLibRequestPurgeTime, dwOpRequestPurgeTime), "NTMS_COMPUTERINFORMATION order");
_Static_assert(BEFORE(NTMS_COMPUTERINFORMATION, dwOpRequestPurgeTime, dwLibRequestFlags), "NTMS_COMPUTERINFORMATION order");
_Static_assert(BEFORE(NTMS_COMPUTERINFORMATION, dwLibRequestFlags, dwOpRequestFlags), "NTMS_COMPUTERINFORMATION order");
_Static_assert(BEFORE(NTMS_COMPUTERINFORMATION, dwOpRequestFlags, dwMediaPoolPolicy), "NTMS_COMPUTERINFORMATION order");

/* NTMS_OPREQUESTINFORMATIONA */
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONA, szMessage) == 256, "NTMS_OPREQUESTINFORMATIONA.szMessage length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONA, szMessage) == sizeof(CHAR), "NTMS_OPREQUESTINFORMATIONA.szMessage element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONA, szApplication) == 64, "NTMS_OPREQUESTINFORMATIONA.szApplication length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONA, szApplication) == sizeof(CHAR), "NTMS_OPREQUESTINFORMATIONA.szApplication element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONA, szUser) == 64, "NTMS_OPREQUESTINFORMATIONA.szUser length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONA, szUser) == sizeof(CHAR), "NTMS_OPREQUESTINFORMATIONA.szUser element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONA, szComputer) == 64, "NTMS_OPREQUESTINFORMATIONA.szComputer length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONA, szComputer) == sizeof(CHAR), "NTMS_OPREQUESTINFORMATIONA.szComputer element");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Request, Submitted), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Submitted, State), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, State, szMessage), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, szMessage, Arg1Type), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Arg1Type, Arg1), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Arg1, Arg2Type), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Arg2Type, Arg2), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, Arg2, szApplication), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, szApplication, szUser), "NTMS_OPREQUESTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONA, szUser, szComputer), "NTMS_OPREQUESTINFORMATIONA order");

/* NTMS_OPREQUESTINFORMATIONW */
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONW, szMessage) == 256, "NTMS_OPREQUESTINFORMATIONW.szMessage length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONW, szMessage) == sizeof(WCHAR), "NTMS_OPREQUESTINFORMATIONW.szMessage element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONW, szApplication) == 64, "NTMS_OPREQUESTINFORMATIONW.szApplication length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONW, szApplication) == sizeof(WCHAR), "NTMS_OPREQUESTINFORMATIONW.szApplication element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONW, szUser) == 64, "NTMS_OPREQUESTINFORMATIONW.szUser length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONW, szUser) == sizeof(WCHAR), "NTMS_OPREQUESTINFORMATIONW.szUser element");
_Static_assert(COUNT(NTMS_OPREQUESTINFORMATIONW, szComputer) == 64, "NTMS_OPREQUESTINFORMATIONW.szComputer length");
_Static_assert(ELEM(NTMS_OPREQUESTINFORMATIONW, szComputer) == sizeof(WCHAR), "NTMS_OPREQUESTINFORMATIONW.szComputer element");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Request, Submitted), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Submitted, State), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, State, szMessage), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, szMessage, Arg1Type), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Arg1Type, Arg1), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Arg1, Arg2Type), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Arg2Type, Arg2), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, Arg2, szApplication), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, szApplication, szUser), "NTMS_OPREQUESTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OPREQUESTINFORMATIONW, szUser, szComputer), "NTMS_OPREQUESTINFORMATIONW order");

/* NTMS_PARTITIONINFORMATIONA */
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONA, OmidLabelId) == 255, "NTMS_PARTITIONINFORMATIONA.OmidLabelId length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONA, OmidLabelId) == 1, "NTMS_PARTITIONINFORMATIONA.OmidLabelId element");
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONA, szOmidLabelType) == 64, "NTMS_PARTITIONINFORMATIONA.szOmidLabelType length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONA, szOmidLabelType) == sizeof(CHAR), "NTMS_PARTITIONINFORMATIONA.szOmidLabelType element");
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONA, szOmidLabelInfo) == 256, "NTMS_PARTITIONINFORMATIONA.szOmidLabelInfo length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONA, szOmidLabelInfo) == sizeof(CHAR), "NTMS_PARTITIONINFORMATIONA.szOmidLabelInfo element");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, PhysicalMedia, LogicalMedia), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, LogicalMedia, State), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, State, Side), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, Side, dwOmidLabelIdLength), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, dwOmidLabelIdLength, OmidLabelId), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, OmidLabelId, szOmidLabelType), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, szOmidLabelType, szOmidLabelInfo), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, szOmidLabelInfo, dwMountCount), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, dwMountCount, dwAllocateCount), "NTMS_PARTITIONINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONA, dwAllocateCount, Capacity), "NTMS_PARTITIONINFORMATIONA order");

/* NTMS_PARTITIONINFORMATIONW */
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONW, OmidLabelId) == 255, "NTMS_PARTITIONINFORMATIONW.OmidLabelId length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONW, OmidLabelId) == 1, "NTMS_PARTITIONINFORMATIONW.OmidLabelId element");
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONW, szOmidLabelType) == 64, "NTMS_PARTITIONINFORMATIONW.szOmidLabelType length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONW, szOmidLabelType) == sizeof(WCHAR), "NTMS_PARTITIONINFORMATIONW.szOmidLabelType element");
_Static_assert(COUNT(NTMS_PARTITIONINFORMATIONW, szOmidLabelInfo) == 256, "NTMS_PARTITIONINFORMATIONW.szOmidLabelInfo length");
_Static_assert(ELEM(NTMS_PARTITIONINFORMATIONW, szOmidLabelInfo) == sizeof(WCHAR), "NTMS_PARTITIONINFORMATIONW.szOmidLabelInfo element");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, PhysicalMedia, LogicalMedia), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, LogicalMedia, State), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, State, Side), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, Side, dwOmidLabelIdLength), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, dwOmidLabelIdLength, OmidLabelId), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, OmidLabelId, szOmidLabelType), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, szOmidLabelType, szOmidLabelInfo), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, szOmidLabelInfo, dwMountCount), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, dwMountCount, dwAllocateCount), "NTMS_PARTITIONINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PARTITIONINFORMATIONW, dwAllocateCount, Capacity), "NTMS_PARTITIONINFORMATIONW order");

/* NTMS_PMIDINFORMATIONA */
_Static_assert(COUNT(NTMS_PMIDINFORMATIONA, szBarCode) == 64, "NTMS_PMIDINFORMATIONA.szBarCode length");
_Static_assert(ELEM(NTMS_PMIDINFORMATIONA, szBarCode) == sizeof(CHAR), "NTMS_PMIDINFORMATIONA.szBarCode element");
_Static_assert(COUNT(NTMS_PMIDINFORMATIONA, szSequenceNumber) == 32, "NTMS_PMIDINFORMATIONA.szSequenceNumber length");
_Static_assert(ELEM(NTMS_PMIDINFORMATIONA, szSequenceNumber) == sizeof(CHAR), "NTMS_PMIDINFORMATIONA.szSequenceNumber element");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, CurrentLibrary, MediaPool), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, MediaPool, Location), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, Location, LocationType), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, LocationType, MediaType), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, MediaType, HomeSlot), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, HomeSlot, szBarCode), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, szBarCode, BarCodeState), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, BarCodeState, szSequenceNumber), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, szSequenceNumber, MediaState), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, MediaState, dwNumberOfPartitions), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, dwNumberOfPartitions, dwMediaTypeCode), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, dwMediaTypeCode, dwDensityCode), "NTMS_PMIDINFORMATIONA order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONA, dwDensityCode, MountedPartition), "NTMS_PMIDINFORMATIONA order");

/* NTMS_PMIDINFORMATIONW */
_Static_assert(COUNT(NTMS_PMIDINFORMATIONW, szBarCode) == 64, "NTMS_PMIDINFORMATIONW.szBarCode length");
_Static_assert(ELEM(NTMS_PMIDINFORMATIONW, szBarCode) == sizeof(WCHAR), "NTMS_PMIDINFORMATIONW.szBarCode element");
_Static_assert(COUNT(NTMS_PMIDINFORMATIONW, szSequenceNumber) == 32, "NTMS_PMIDINFORMATIONW.szSequenceNumber length");
_Static_assert(ELEM(NTMS_PMIDINFORMATIONW, szSequenceNumber) == sizeof(WCHAR), "NTMS_PMIDINFORMATIONW.szSequenceNumber element");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, CurrentLibrary, MediaPool), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, MediaPool, Location), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, Location, LocationType), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, LocationType, MediaType), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, MediaType, HomeSlot), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, HomeSlot, szBarCode), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, szBarCode, BarCodeState), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, BarCodeState, szSequenceNumber), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, szSequenceNumber, MediaState), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, MediaState, dwNumberOfPartitions), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, dwNumberOfPartitions, dwMediaTypeCode), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, dwMediaTypeCode, dwDensityCode), "NTMS_PMIDINFORMATIONW order");
_Static_assert(BEFORE(NTMS_PMIDINFORMATIONW, dwDensityCode, MountedPartition), "NTMS_PMIDINFORMATIONW order");

/* NTMS_OBJECTINFORMATIONA */
_Static_assert(COUNT(NTMS_OBJECTINFORMATIONA, szName) == 64, "NTMS_OBJECTINFORMATIONA.szName length");
_Static_assert(ELEM(NTMS_OBJECTINFORMATIONA, szName) == sizeof(CHAR), "NTMS_OBJECTINFORMATIONA.szName element");
_Static_assert(COUNT(NTMS_OBJECTINFORMATIONA, szDescription) == 127, "NTMS_OBJECTINFORMATIONA.szDescription length");
_Static_assert(ELEM(NTMS_OBJECTINFORMATIONA, szDescription) == sizeof(CHAR), "NTMS_OBJECTINFORMATIONA.szDescription element");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, dwSize, dwType), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, dwType, Created), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, Created, Modified), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, Modified, ObjectGuid), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, ObjectGuid, Enabled), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, Enabled, dwOperationalState), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, dwOperationalState, szName), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, szName, szDescription), "NTMS_OBJECTINFORMATIONA order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONA, szDescription, Info), "NTMS_OBJECTINFORMATIONA order");

/* NTMS_OBJECTINFORMATIONW */
_Static_assert(COUNT(NTMS_OBJECTINFORMATIONW, szName) == 64, "NTMS_OBJECTINFORMATIONW.szName length");
_Static_assert(ELEM(NTMS_OBJECTINFORMATIONW, szName) == sizeof(WCHAR), "NTMS_OBJECTINFORMATIONW.szName element");
_Static_assert(COUNT(NTMS_OBJECTINFORMATIONW, szDescription) == 127, "NTMS_OBJECTINFORMATIONW.szDescription length");
_Static_assert(ELEM(NTMS_OBJECTINFORMATIONW, szDescription) == sizeof(WCHAR), "NTMS_OBJECTINFORMATIONW.szDescription element");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, dwSize, dwType), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, dwType, Created), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, Created, Modified), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, Modified, ObjectGuid), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, ObjectGuid, Enabled), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, Enabled, dwOperationalState), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, dwOperationalState, szName), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, szName, szDescription), "NTMS_OBJECTINFORMATIONW order");
_Static_assert(BEFORE(NTMS_OBJECTINFORMATIONW, szDescription, Info), "NTMS_OBJECTINFORMATIONW order");

/* NTMS_NOTIFICATIONINFORMATION */
_Static_assert(BEFORE(NTMS_NOTIFICATIONINFORMATION, dwOperation, ObjectId), "NTMS_NOTIFICATIONINFORMATION: dwOperation before ObjectId");
_Static_assert(sizeof(FIELD(NTMS_NOTIFICATIONINFORMATION, ObjectId)) == 16, "NTMS_NOTIFICATIONINFORMATION.ObjectId is a GUID");

/* NTMS_FILESYSTEM_INFO (UpdateNtmsOmidInfo page) */
_Static_assert(COUNT(NTMS_FILESYSTEM_INFO, FileSystemType) == 64, "NTMS_FILESYSTEM_INFO.FileSystemType[64]");
_Static_assert(COUNT(NTMS_FILESYSTEM_INFO, VolumeName) == 256, "NTMS_FILESYSTEM_INFO.VolumeName[256]");
_Static_assert(ELEM(NTMS_FILESYSTEM_INFO, VolumeName) == sizeof(WCHAR), "NTMS_FILESYSTEM_INFO.VolumeName element");
_Static_assert(BEFORE(NTMS_FILESYSTEM_INFO, VolumeName, SerialNumber), "NTMS_FILESYSTEM_INFO: VolumeName before SerialNumber");

/* MediaLabelInfo (ntmsmli.h) */
_Static_assert(COUNT(MediaLabelInfo, LabelType) == 64, "MediaLabelInfo.LabelType[64]");
_Static_assert(ELEM(MediaLabelInfo, LabelType) == sizeof(WCHAR), "MediaLabelInfo.LabelType element");
_Static_assert(COUNT(MediaLabelInfo, LabelID) == 256, "MediaLabelInfo.LabelID[256]");
_Static_assert(ELEM(MediaLabelInfo, LabelID) == 1, "MediaLabelInfo.LabelID element");
_Static_assert(COUNT(MediaLabelInfo, LabelAppDescr) == 256, "MediaLabelInfo.LabelAppDescr[256]");
_Static_assert(ELEM(MediaLabelInfo, LabelAppDescr) == sizeof(WCHAR), "MediaLabelInfo.LabelAppDescr element");
_Static_assert(BEFORE(MediaLabelInfo, LabelType, LabelIDSize), "MediaLabelInfo: LabelType before LabelIDSize");
_Static_assert(BEFORE(MediaLabelInfo, LabelIDSize, LabelID), "MediaLabelInfo: LabelIDSize before LabelID");
_Static_assert(BEFORE(MediaLabelInfo, LabelID, LabelAppDescr), "MediaLabelInfo: LabelID before LabelAppDescr");

/* NTMS_OBJECTINFORMATIONA.Info: all 16 members share one offset and have the right type */
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.Drive) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.Drive offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.Drive)) == sizeof(NTMS_DRIVEINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.Drive is NTMS_DRIVEINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.DriveType) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.DriveType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.DriveType)) == sizeof(NTMS_DRIVETYPEINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.DriveType is NTMS_DRIVETYPEINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.Changer) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.Changer offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.Changer)) == sizeof(NTMS_CHANGERINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.Changer is NTMS_CHANGERINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.ChangerType) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.ChangerType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.ChangerType)) == sizeof(NTMS_CHANGERTYPEINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.ChangerType is NTMS_CHANGERTYPEINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.Library) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.Library offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.Library)) == sizeof(NTMS_LIBRARYINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.Library is NTMS_LIBRARYINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.StorageSlot) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.StorageSlot offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.StorageSlot)) == sizeof(NTMS_STORAGESLOTINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.StorageSlot is NTMS_STORAGESLOTINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.IEDoor) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.IEDoor offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.IEDoor)) == sizeof(NTMS_IEDOORINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.IEDoor is NTMS_IEDOORINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.IEPort) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.IEPort offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.IEPort)) == sizeof(NTMS_IEPORTINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.IEPort is NTMS_IEPORTINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.PhysicalMedia) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.PhysicalMedia offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.PhysicalMedia)) == sizeof(NTMS_PMIDINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.PhysicalMedia is NTMS_PMIDINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.LogicalMedia) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.LogicalMedia offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.LogicalMedia)) == sizeof(NTMS_LMIDINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.LogicalMedia is NTMS_LMIDINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.Partition) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.Partition offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.Partition)) == sizeof(NTMS_PARTITIONINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.Partition is NTMS_PARTITIONINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.MediaPool) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.MediaPool offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.MediaPool)) == sizeof(NTMS_MEDIAPOOLINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.MediaPool is NTMS_MEDIAPOOLINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.MediaType) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.MediaType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.MediaType)) == sizeof(NTMS_MEDIATYPEINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.MediaType is NTMS_MEDIATYPEINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.LibRequest) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.LibRequest offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.LibRequest)) == sizeof(NTMS_LIBREQUESTINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.LibRequest is NTMS_LIBREQUESTINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.OpRequest) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.OpRequest offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.OpRequest)) == sizeof(NTMS_OPREQUESTINFORMATIONA), "NTMS_OBJECTINFORMATIONA.Info.OpRequest is NTMS_OPREQUESTINFORMATIONA");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONA, Info.Computer) == offsetof(NTMS_OBJECTINFORMATIONA, Info), "NTMS_OBJECTINFORMATIONA.Info.Computer offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONA, Info.Computer)) == sizeof(NTMS_COMPUTERINFORMATION), "NTMS_OBJECTINFORMATIONA.Info.Computer is NTMS_COMPUTERINFORMATION");

/* NTMS_OBJECTINFORMATIONW.Info: all 16 members share one offset and have the right type */
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.Drive) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.Drive offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.Drive)) == sizeof(NTMS_DRIVEINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.Drive is NTMS_DRIVEINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.DriveType) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.DriveType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.DriveType)) == sizeof(NTMS_DRIVETYPEINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.DriveType is NTMS_DRIVETYPEINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.Changer) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.Changer offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.Changer)) == sizeof(NTMS_CHANGERINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.Changer is NTMS_CHANGERINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.ChangerType) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.ChangerType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.ChangerType)) == sizeof(NTMS_CHANGERTYPEINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.ChangerType is NTMS_CHANGERTYPEINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.Library) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.Library offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.Library)) == sizeof(NTMS_LIBRARYINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.Library is NTMS_LIBRARYINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.StorageSlot) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.StorageSlot offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.StorageSlot)) == sizeof(NTMS_STORAGESLOTINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.StorageSlot is NTMS_STORAGESLOTINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.IEDoor) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.IEDoor offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.IEDoor)) == sizeof(NTMS_IEDOORINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.IEDoor is NTMS_IEDOORINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.IEPort) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.IEPort offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.IEPort)) == sizeof(NTMS_IEPORTINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.IEPort is NTMS_IEPORTINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.PhysicalMedia) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.PhysicalMedia offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.PhysicalMedia)) == sizeof(NTMS_PMIDINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.PhysicalMedia is NTMS_PMIDINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.LogicalMedia) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.LogicalMedia offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.LogicalMedia)) == sizeof(NTMS_LMIDINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.LogicalMedia is NTMS_LMIDINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.Partition) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.Partition offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.Partition)) == sizeof(NTMS_PARTITIONINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.Partition is NTMS_PARTITIONINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.MediaPool) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.MediaPool offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.MediaPool)) == sizeof(NTMS_MEDIAPOOLINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.MediaPool is NTMS_MEDIAPOOLINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.MediaType) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.MediaType offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.MediaType)) == sizeof(NTMS_MEDIATYPEINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.MediaType is NTMS_MEDIATYPEINFORMATION");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.LibRequest) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.LibRequest offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.LibRequest)) == sizeof(NTMS_LIBREQUESTINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.LibRequest is NTMS_LIBREQUESTINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.OpRequest) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.OpRequest offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.OpRequest)) == sizeof(NTMS_OPREQUESTINFORMATIONW), "NTMS_OBJECTINFORMATIONW.Info.OpRequest is NTMS_OPREQUESTINFORMATIONW");
_Static_assert(offsetof(NTMS_OBJECTINFORMATIONW, Info.Computer) == offsetof(NTMS_OBJECTINFORMATIONW, Info), "NTMS_OBJECTINFORMATIONW.Info.Computer offset");
_Static_assert(sizeof(FIELD(NTMS_OBJECTINFORMATIONW, Info.Computer)) == sizeof(NTMS_COMPUTERINFORMATION), "NTMS_OBJECTINFORMATIONW.Info.Computer is NTMS_COMPUTERINFORMATION");

/* NTMS_I1_* (first-interface) structures */
_Static_assert(COUNT(NTMS_I1_OPREQUESTINFORMATIONA, szMessage) == 127, "NTMS_I1_OPREQUESTINFORMATIONA.szMessage[127]");
_Static_assert(ELEM(NTMS_I1_OPREQUESTINFORMATIONA, szMessage) == sizeof(CHAR), "NTMS_I1_OPREQUESTINFORMATIONA.szMessage element");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONA, OmidLabelId) == 255, "NTMS_I1_PARTITIONINFORMATIONA.OmidLabelId[255]");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONA, szOmidLabelType) == 64, "NTMS_I1_PARTITIONINFORMATIONA.szOmidLabelType[64]");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONA, szOmidLabelInfo) == 256, "NTMS_I1_PARTITIONINFORMATIONA.szOmidLabelInfo[256]");
_Static_assert(COUNT(NTMS_I1_PMIDINFORMATIONA, szBarCode) == 64, "NTMS_I1_PMIDINFORMATIONA.szBarCode[64]");
_Static_assert(COUNT(NTMS_I1_LIBREQUESTINFORMATIONA, szComputer) == 64, "NTMS_I1_LIBREQUESTINFORMATIONA.szComputer[64]");
_Static_assert(COUNT(NTMS_I1_OBJECTINFORMATIONA, szDescription) == 127, "NTMS_I1_OBJECTINFORMATIONA.szDescription[127]");
_Static_assert(sizeof(FIELD(NTMS_I1_OBJECTINFORMATIONA, Info.Library)) == sizeof(NTMS_I1_LIBRARYINFORMATION), "NTMS_I1_OBJECTINFORMATIONA.Info.Library is the I1 form");
_Static_assert(COUNT(NTMS_I1_OPREQUESTINFORMATIONW, szMessage) == 127, "NTMS_I1_OPREQUESTINFORMATIONW.szMessage[127]");
_Static_assert(ELEM(NTMS_I1_OPREQUESTINFORMATIONW, szMessage) == sizeof(WCHAR), "NTMS_I1_OPREQUESTINFORMATIONW.szMessage element");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONW, OmidLabelId) == 255, "NTMS_I1_PARTITIONINFORMATIONW.OmidLabelId[255]");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONW, szOmidLabelType) == 64, "NTMS_I1_PARTITIONINFORMATIONW.szOmidLabelType[64]");
_Static_assert(COUNT(NTMS_I1_PARTITIONINFORMATIONW, szOmidLabelInfo) == 256, "NTMS_I1_PARTITIONINFORMATIONW.szOmidLabelInfo[256]");
_Static_assert(COUNT(NTMS_I1_PMIDINFORMATIONW, szBarCode) == 64, "NTMS_I1_PMIDINFORMATIONW.szBarCode[64]");
_Static_assert(COUNT(NTMS_I1_LIBREQUESTINFORMATIONW, szComputer) == 64, "NTMS_I1_LIBREQUESTINFORMATIONW.szComputer[64]");
_Static_assert(COUNT(NTMS_I1_OBJECTINFORMATIONW, szDescription) == 127, "NTMS_I1_OBJECTINFORMATIONW.szDescription[127]");
_Static_assert(sizeof(FIELD(NTMS_I1_OBJECTINFORMATIONW, Info.Library)) == sizeof(NTMS_I1_LIBRARYINFORMATION), "NTMS_I1_OBJECTINFORMATIONW.Info.Library is the I1 form");
_Static_assert(offsetof(NTMS_I1_LIBRARYINFORMATION, Reserved) == offsetof(NTMS_LIBRARYINFORMATION, Reserved), "NTMS_I1_LIBRARYINFORMATION is a prefix of NTMS_LIBRARYINFORMATION");

/* Unsuffixed names are the A forms without UNICODE */
_Static_assert(sizeof(NTMS_OBJECTINFORMATION) == sizeof(NTMS_OBJECTINFORMATIONA), "NTMS_OBJECTINFORMATION is A");
_Static_assert(sizeof(NTMS_DRIVEINFORMATION) == sizeof(NTMS_DRIVEINFORMATIONA), "NTMS_DRIVEINFORMATION is A");
_Static_assert(sizeof(NTMS_OPREQUESTINFORMATION) == sizeof(NTMS_OPREQUESTINFORMATIONA), "NTMS_OPREQUESTINFORMATION is A");

/* Number of _Static_assert lines above (kept in step by hand). */
#define CHECKS 425

int main(void)
{
    printf("test_structs: %d checks\n", CHECKS);
    return 0;
}
