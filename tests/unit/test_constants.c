/*
 * test_constants.c - every constant of <rsm/ntmsapi.h> and <rsm/ntmsmli.h>
 * checked at compile time against values taken from the documentation:
 * rsm-docs/constants.md and the reference pages, SDK-only names from its
 * "SDK deltas" section, other error codes from the winerror.h numbering.  The
 * numbers below are written out, never taken from the header, so a wrong
 * value in the header stops the build.
 *
 * The structures are checked in test_structs.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include <rsm/ntmsapi.h>
#include <rsm/ntmsmli.h>

/* ======================================================================
 * 1. Enumerations and value sets of constants.md sections 1 and 2
 * ====================================================================== */

/* NtmsObjectsTypes - object type codes (dwType, Arg1Type, LocationType, ...) */
_Static_assert(NTMS_UNKNOWN == 0, "NTMS_UNKNOWN");
_Static_assert(NTMS_OBJECT == 1, "NTMS_OBJECT");
_Static_assert(NTMS_CHANGER == 2, "NTMS_CHANGER");
_Static_assert(NTMS_CHANGER_TYPE == 3, "NTMS_CHANGER_TYPE");
_Static_assert(NTMS_COMPUTER == 4, "NTMS_COMPUTER");
_Static_assert(NTMS_DRIVE == 5, "NTMS_DRIVE");
_Static_assert(NTMS_DRIVE_TYPE == 6, "NTMS_DRIVE_TYPE");
_Static_assert(NTMS_IEDOOR == 7, "NTMS_IEDOOR");
_Static_assert(NTMS_IEPORT == 8, "NTMS_IEPORT");
_Static_assert(NTMS_LIBRARY == 9, "NTMS_LIBRARY");
_Static_assert(NTMS_LIBREQUEST == 10, "NTMS_LIBREQUEST");
_Static_assert(NTMS_LOGICAL_MEDIA == 11, "NTMS_LOGICAL_MEDIA");
_Static_assert(NTMS_MEDIA_POOL == 12, "NTMS_MEDIA_POOL");
_Static_assert(NTMS_MEDIA_TYPE == 13, "NTMS_MEDIA_TYPE");
_Static_assert(NTMS_PARTITION == 14, "NTMS_PARTITION");
_Static_assert(NTMS_PHYSICAL_MEDIA == 15, "NTMS_PHYSICAL_MEDIA");
_Static_assert(NTMS_STORAGESLOT == 16, "NTMS_STORAGESLOT");
_Static_assert(NTMS_OPREQUEST == 17, "NTMS_OPREQUEST");
_Static_assert(NTMS_UI_DESTINATION == 18, "NTMS_UI_DESTINATION");

/* NtmsOpreqCommand - operator request types (dwRequest / Request) */
_Static_assert(NTMS_OPREQ_UNKNOWN == 0, "NTMS_OPREQ_UNKNOWN");
_Static_assert(NTMS_OPREQ_NEWMEDIA == 1, "NTMS_OPREQ_NEWMEDIA");
_Static_assert(NTMS_OPREQ_CLEANER == 2, "NTMS_OPREQ_CLEANER");
_Static_assert(NTMS_OPREQ_DEVICESERVICE == 3, "NTMS_OPREQ_DEVICESERVICE");
_Static_assert(NTMS_OPREQ_MOVEMEDIA == 4, "NTMS_OPREQ_MOVEMEDIA");
_Static_assert(NTMS_OPREQ_MESSAGE == 5, "NTMS_OPREQ_MESSAGE");

/* NtmsNotificationOperations - dwOperation in OnNotify / DispatchNotification */
_Static_assert(NTMS_OBJ_UPDATE == 1, "NTMS_OBJ_UPDATE");
_Static_assert(NTMS_OBJ_INSERT == 2, "NTMS_OBJ_INSERT");
_Static_assert(NTMS_OBJ_DELETE == 3, "NTMS_OBJ_DELETE");
_Static_assert(NTMS_EVENT_SIGNAL == 4, "NTMS_EVENT_SIGNAL");
_Static_assert(NTMS_EVENT_COMPLETE == 5, "NTMS_EVENT_COMPLETE");

/* NtmsDismountOptions - DismountNtmsMedia dwOptions, IdentifyNtmsSlot dwOption */
_Static_assert(NTMS_DISMOUNT_DEFERRED == 0x0001, "NTMS_DISMOUNT_DEFERRED");
_Static_assert(NTMS_DISMOUNT_IMMEDIATE == 0x0002, "NTMS_DISMOUNT_IMMEDIATE");

/* NtmsLmState - library (work) request state (NTMS_LIBREQUESTINFORMATION.State, RSM_MESSAGE.dwState) */
_Static_assert(NTMS_LM_QUEUED == 0, "NTMS_LM_QUEUED");
_Static_assert(NTMS_LM_INPROCESS == 1, "NTMS_LM_INPROCESS");
_Static_assert(NTMS_LM_PASSED == 2, "NTMS_LM_PASSED");
_Static_assert(NTMS_LM_FAILED == 3, "NTMS_LM_FAILED");
_Static_assert(NTMS_LM_INVALID == 4, "NTMS_LM_INVALID");
_Static_assert(NTMS_LM_WAITING == 5, "NTMS_LM_WAITING");
_Static_assert(NTMS_LM_CANCELLED == 7, "NTMS_LM_CANCELLED");
_Static_assert(NTMS_LM_STOPPED == 8, "NTMS_LM_STOPPED");

/* NtmsAccessMask - access levels */
_Static_assert(NTMS_USE_ACCESS == 1, "NTMS_USE_ACCESS");
_Static_assert(NTMS_MODIFY_ACCESS == 2, "NTMS_MODIFY_ACCESS");
_Static_assert(NTMS_CONTROL_ACCESS == 4, "NTMS_CONTROL_ACCESS (SDK value, spec prints 3)");

/* Generic rights: the access bits ORed together (SDK values) */
_Static_assert(NTMS_GENERIC_READ == 1, "NTMS_GENERIC_READ");
_Static_assert(NTMS_GENERIC_WRITE == 3, "NTMS_GENERIC_WRITE");
_Static_assert(NTMS_GENERIC_EXECUTE == 7, "NTMS_GENERIC_EXECUTE");
_Static_assert(NTMS_GENERIC_ALL == 7, "NTMS_GENERIC_ALL");

/* NtmsEjectOperation - EjectNtmsMedia / EjectNtmsCleaner dwAction */
_Static_assert(NTMS_EJECT_START == 0, "NTMS_EJECT_START");
_Static_assert(NTMS_EJECT_STOP == 1, "NTMS_EJECT_STOP");
_Static_assert(NTMS_EJECT_QUEUE == 2, "NTMS_EJECT_QUEUE");
_Static_assert(NTMS_EJECT_FORCE == 3, "NTMS_EJECT_FORCE");
_Static_assert(NTMS_EJECT_IMMEDIATE == 4, "NTMS_EJECT_IMMEDIATE");
_Static_assert(NTMS_EJECT_ASK_USER == 5, "NTMS_EJECT_ASK_USER");

/* NtmsInjectOperation - InjectNtmsMedia / InjectNtmsCleaner dwAction */
_Static_assert(NTMS_INJECT_START == 0, "NTMS_INJECT_START");
_Static_assert(NTMS_INJECT_STOP == 1, "NTMS_INJECT_STOP");
_Static_assert(NTMS_INJECT_RETRACT == 2, "NTMS_INJECT_RETRACT");
_Static_assert(NTMS_INJECT_STARTMANY == 3, "NTMS_INJECT_STARTMANY");

/* NtmsInventoryMethod */
_Static_assert(NTMS_INVENTORY_NONE == 0, "NTMS_INVENTORY_NONE");
_Static_assert(NTMS_INVENTORY_FAST == 1, "NTMS_INVENTORY_FAST");
_Static_assert(NTMS_INVENTORY_OMID == 2, "NTMS_INVENTORY_OMID");
_Static_assert(NTMS_INVENTORY_DEFAULT == 3, "NTMS_INVENTORY_DEFAULT");
_Static_assert(NTMS_INVENTORY_SLOT == 4, "NTMS_INVENTORY_SLOT");
_Static_assert(NTMS_INVENTORY_STOP == 5, "NTMS_INVENTORY_STOP");
_Static_assert(NTMS_INVENTORY_MAX == 6, "NTMS_INVENTORY_MAX");

/* NtmsAllocateOptions - AllocateNtmsMedia dwOptions (bitmap) */
_Static_assert(NTMS_ALLOCATE_NEW == 0x0001, "NTMS_ALLOCATE_NEW");
_Static_assert(NTMS_ALLOCATE_NEXT == 0x0002, "NTMS_ALLOCATE_NEXT");
_Static_assert(NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE == 0x0004, "NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE");

/* NtmsCreateOptions - CreateNtmsMediaPool* dwOptions */
_Static_assert(NTMS_OPEN_EXISTING == 0x0001, "NTMS_OPEN_EXISTING");
_Static_assert(NTMS_CREATE_NEW == 0x0002, "NTMS_CREATE_NEW");
_Static_assert(NTMS_OPEN_ALWAYS == 0x0003, "NTMS_OPEN_ALWAYS");

/* NtmsMountOptions - MountNtmsMedia dwOptions (bitmap) */
_Static_assert(NTMS_MOUNT_READ == 0x0001, "NTMS_MOUNT_READ");
_Static_assert(NTMS_MOUNT_WRITE == 0x0002, "NTMS_MOUNT_WRITE");
_Static_assert(NTMS_MOUNT_ERROR_NOT_AVAILABLE == 0x0004, "NTMS_MOUNT_ERROR_NOT_AVAILABLE");
_Static_assert(NTMS_MOUNT_ERROR_OFFLINE == 0x0008, "NTMS_MOUNT_ERROR_OFFLINE");
_Static_assert(NTMS_MOUNT_SPECIFIC_DRIVE == 0x0010, "NTMS_MOUNT_SPECIFIC_DRIVE");
_Static_assert(NTMS_MOUNT_NOWAIT == 0x0020, "NTMS_MOUNT_NOWAIT");

/* NtmsMountPriority - MountNtmsMedia dwPriority (signed int) */
_Static_assert(NTMS_PRIORITY_DEFAULT == 0, "NTMS_PRIORITY_DEFAULT");
_Static_assert(NTMS_PRIORITY_HIGHEST == 15, "NTMS_PRIORITY_HIGHEST");
_Static_assert(NTMS_PRIORITY_HIGH == 7, "NTMS_PRIORITY_HIGH");
_Static_assert(NTMS_PRIORITY_NORMAL == 0, "NTMS_PRIORITY_NORMAL");
_Static_assert(NTMS_PRIORITY_LOW == -7, "NTMS_PRIORITY_LOW");
_Static_assert(NTMS_PRIORITY_LOWEST == -15, "NTMS_PRIORITY_LOWEST");

/* NtmsBarCodeState - NTMS_PMIDINFORMATION.BarCodeState */
_Static_assert(NTMS_BARCODESTATE_OK == 1, "NTMS_BARCODESTATE_OK");
_Static_assert(NTMS_BARCODESTATE_UNREADABLE == 2, "NTMS_BARCODESTATE_UNREADABLE");

/* NtmsDriveState - NTMS_DRIVEINFORMATION.State */
_Static_assert(NTMS_DRIVESTATE_DISMOUNTED == 0, "NTMS_DRIVESTATE_DISMOUNTED");
_Static_assert(NTMS_DRIVESTATE_MOUNTED == 1, "NTMS_DRIVESTATE_MOUNTED");
_Static_assert(NTMS_DRIVESTATE_LOADED == 2, "NTMS_DRIVESTATE_LOADED");
_Static_assert(NTMS_DRIVESTATE_UNLOADED == 5, "NTMS_DRIVESTATE_UNLOADED");
_Static_assert(NTMS_DRIVESTATE_BEING_CLEANED == 6, "NTMS_DRIVESTATE_BEING_CLEANED");
_Static_assert(NTMS_DRIVESTATE_DISMOUNTABLE == 7, "NTMS_DRIVESTATE_DISMOUNTABLE");

/* NtmsLmOperation - NTMS_LIBREQUESTINFORMATION.OperationCode (also queue ordering class) */
_Static_assert(NTMS_LM_REMOVE == 0, "NTMS_LM_REMOVE");
_Static_assert(NTMS_LM_DISABLECHANGER == 1, "NTMS_LM_DISABLECHANGER");
_Static_assert(NTMS_LM_DISABLELIBRARY == 1, "NTMS_LM_DISABLELIBRARY");
_Static_assert(NTMS_LM_ENABLECHANGER == 2, "NTMS_LM_ENABLECHANGER");
_Static_assert(NTMS_LM_ENABLELIBRARY == 2, "NTMS_LM_ENABLELIBRARY");
_Static_assert(NTMS_LM_DISABLEDRIVE == 3, "NTMS_LM_DISABLEDRIVE");
_Static_assert(NTMS_LM_ENABLEDRIVE == 4, "NTMS_LM_ENABLEDRIVE");
_Static_assert(NTMS_LM_DISABLEMEDIA == 5, "NTMS_LM_DISABLEMEDIA");
_Static_assert(NTMS_LM_ENABLEMEDIA == 6, "NTMS_LM_ENABLEMEDIA");
_Static_assert(NTMS_LM_UPDATEOMID == 7, "NTMS_LM_UPDATEOMID");
_Static_assert(NTMS_LM_INVENTORY == 8, "NTMS_LM_INVENTORY");
_Static_assert(NTMS_LM_DOORACCESS == 9, "NTMS_LM_DOORACCESS");
_Static_assert(NTMS_LM_EJECT == 10, "NTMS_LM_EJECT");
_Static_assert(NTMS_LM_EJECTCLEANER == 11, "NTMS_LM_EJECTCLEANER");
_Static_assert(NTMS_LM_INJECT == 12, "NTMS_LM_INJECT");
_Static_assert(NTMS_LM_INJECTCLEANER == 13, "NTMS_LM_INJECTCLEANER");
_Static_assert(NTMS_LM_PROCESSOMID == 14, "NTMS_LM_PROCESSOMID");
_Static_assert(NTMS_LM_CLEANDRIVE == 15, "NTMS_LM_CLEANDRIVE");
_Static_assert(NTMS_LM_DISMOUNT == 16, "NTMS_LM_DISMOUNT");
_Static_assert(NTMS_LM_MOUNT == 17, "NTMS_LM_MOUNT");
_Static_assert(NTMS_LM_WRITESCRATCH == 18, "NTMS_LM_WRITESCRATCH");
_Static_assert(NTMS_LM_CLASSIFY == 19, "NTMS_LM_CLASSIFY");
_Static_assert(NTMS_LM_RESERVECLEANER == 20, "NTMS_LM_RESERVECLEANER");
_Static_assert(NTMS_LM_RELEASECLEANER == 21, "NTMS_LM_RELEASECLEANER");

/* NtmsMediaState - NTMS_PMIDINFORMATION.MediaState */
_Static_assert(NTMS_MEDIASTATE_IDLE == 0, "NTMS_MEDIASTATE_IDLE");
_Static_assert(NTMS_MEDIASTATE_INUSE == 1, "NTMS_MEDIASTATE_INUSE");
_Static_assert(NTMS_MEDIASTATE_MOUNTED == 2, "NTMS_MEDIASTATE_MOUNTED");
_Static_assert(NTMS_MEDIASTATE_LOADED == 3, "NTMS_MEDIASTATE_LOADED");
_Static_assert(NTMS_MEDIASTATE_UNLOADED == 4, "NTMS_MEDIASTATE_UNLOADED");
_Static_assert(NTMS_MEDIASTATE_OPERROR == 5, "NTMS_MEDIASTATE_OPERROR");
_Static_assert(NTMS_MEDIASTATE_OPREQ == 6, "NTMS_MEDIASTATE_OPREQ");

/* NtmsOperationalState - NTMS_OBJECTINFORMATION.dwOperationalState */
_Static_assert(NTMS_READY == 0, "NTMS_READY");
_Static_assert(NTMS_INITIALIZING == 10, "NTMS_INITIALIZING");
_Static_assert(NTMS_NEEDS_SERVICE == 20, "NTMS_NEEDS_SERVICE");
_Static_assert(NTMS_NOT_PRESENT == 21, "NTMS_NOT_PRESENT");

/* NtmsOpreqState - NTMS_OPREQUESTINFORMATION.State */
_Static_assert(NTMS_OPSTATE_UNKNOWN == 0, "NTMS_OPSTATE_UNKNOWN");
_Static_assert(NTMS_OPSTATE_SUBMITTED == 1, "NTMS_OPSTATE_SUBMITTED");
_Static_assert(NTMS_OPSTATE_ACTIVE == 2, "NTMS_OPSTATE_ACTIVE");
_Static_assert(NTMS_OPSTATE_INPROGRESS == 3, "NTMS_OPSTATE_INPROGRESS");
_Static_assert(NTMS_OPSTATE_REFUSED == 4, "NTMS_OPSTATE_REFUSED");
_Static_assert(NTMS_OPSTATE_COMPLETE == 5, "NTMS_OPSTATE_COMPLETE");

/* NtmsPartitionState - NTMS_PARTITIONINFORMATION.State (side state) */
_Static_assert(NTMS_PARTSTATE_UNKNOWN == 0, "NTMS_PARTSTATE_UNKNOWN");
_Static_assert(NTMS_PARTSTATE_UNPREPARED == 1, "NTMS_PARTSTATE_UNPREPARED");
_Static_assert(NTMS_PARTSTATE_INCOMPATIBLE == 2, "NTMS_PARTSTATE_INCOMPATIBLE");
_Static_assert(NTMS_PARTSTATE_DECOMMISSIONED == 3, "NTMS_PARTSTATE_DECOMMISSIONED");
_Static_assert(NTMS_PARTSTATE_AVAILABLE == 4, "NTMS_PARTSTATE_AVAILABLE");
_Static_assert(NTMS_PARTSTATE_ALLOCATED == 5, "NTMS_PARTSTATE_ALLOCATED");
_Static_assert(NTMS_PARTSTATE_COMPLETE == 6, "NTMS_PARTSTATE_COMPLETE");
_Static_assert(NTMS_PARTSTATE_FOREIGN == 7, "NTMS_PARTSTATE_FOREIGN");
_Static_assert(NTMS_PARTSTATE_IMPORT == 8, "NTMS_PARTSTATE_IMPORT");
_Static_assert(NTMS_PARTSTATE_RESERVED == 9, "NTMS_PARTSTATE_RESERVED");

/* NtmsUIOperations - SetNtmsUIOptions* dwOperation */
_Static_assert(NTMS_UIDEST_ADD == 1, "NTMS_UIDEST_ADD");
_Static_assert(NTMS_UIDEST_DELETE == 2, "NTMS_UIDEST_DELETE");
_Static_assert(NTMS_UIDEST_DELETEALL == 3, "NTMS_UIDEST_DELETEALL");

/* NtmsUITypes - Get/SetNtmsUIOptions* dwType */
_Static_assert(NTMS_UITYPE_INVALID == 0, "NTMS_UITYPE_INVALID");
_Static_assert(NTMS_UITYPE_INFO == 1, "NTMS_UITYPE_INFO");
_Static_assert(NTMS_UITYPE_REQ == 2, "NTMS_UITYPE_REQ");
_Static_assert(NTMS_UITYPE_ERR == 3, "NTMS_UITYPE_ERR");
_Static_assert(NTMS_UITYPE_MAX == 4, "NTMS_UITYPE_MAX");

/* NTMS_LIBRARYINFORMATION.LibraryType */
_Static_assert(NTMS_LIBRARYTYPE_UNKNOWN == 0x00000000, "NTMS_LIBRARYTYPE_UNKNOWN");
_Static_assert(NTMS_LIBRARYTYPE_OFFLINE == 0x00000001, "NTMS_LIBRARYTYPE_OFFLINE");
_Static_assert(NTMS_LIBRARYTYPE_ONLINE == 0x00000002, "NTMS_LIBRARYTYPE_ONLINE");
_Static_assert(NTMS_LIBRARYTYPE_STANDALONE == 0x00000003, "NTMS_LIBRARYTYPE_STANDALONE");

/* NTMS_LIBRARYINFORMATION.dwFlags */
_Static_assert(NTMS_LIBRARYFLAG_FIXEDOFFLINE == 0x01, "NTMS_LIBRARYFLAG_FIXEDOFFLINE");
_Static_assert(NTMS_LIBRARYFLAG_CLEANERPRESENT == 0x02, "NTMS_LIBRARYFLAG_CLEANERPRESENT");
_Static_assert(NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING == 0x08, "NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING");
_Static_assert(NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE == 0x10, "NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE");

/* NTMS_LIBREQUESTINFORMATION.OperationOption (no SDK names; named RSM_LMOPTION_* in the header) */
_Static_assert(RSM_LMOPTION_IMMEDIATE == 0x00000000, "RSM_LMOPTION_IMMEDIATE");
_Static_assert(RSM_LMOPTION_DEFERRED == 0x00000001, "RSM_LMOPTION_DEFERRED");
_Static_assert(RSM_LMOPTION_FORCEIMMEDIATE == 0x00000002, "RSM_LMOPTION_FORCEIMMEDIATE");
_Static_assert(RSM_LMOPTION_FORCEDEFERRED == 0x00000003, "RSM_LMOPTION_FORCEDEFERRED");
_Static_assert(RSM_LMOPTION_INJECTMANY == 0x00000004, "RSM_LMOPTION_INJECTMANY");
_Static_assert(RSM_LMOPTION_FULL_INVENTORY == 0x00000000, "RSM_LMOPTION_FULL_INVENTORY");
_Static_assert(RSM_LMOPTION_SLOTS_ONLY == 0x00000001, "RSM_LMOPTION_SLOTS_ONLY");

/* Device types - NTMS_CHANGERTYPEINFORMATION/NTMS_DRIVETYPEINFORMATION/NTMS_MEDIATYPEINFORMATION.DeviceType */
_Static_assert(FILE_DEVICE_CD_ROM == 0x00000002, "FILE_DEVICE_CD_ROM");
_Static_assert(FILE_DEVICE_DISK == 0x00000007, "FILE_DEVICE_DISK");
_Static_assert(FILE_DEVICE_TAPE == 0x0000001F, "FILE_DEVICE_TAPE");
_Static_assert(FILE_DEVICE_CHANGER == 0x00000030, "FILE_DEVICE_CHANGER");
_Static_assert(FILE_DEVICE_DVD == 0x00000033, "FILE_DEVICE_DVD");

/* NTMS_MEDIAPOOLINFORMATION.PoolType */
_Static_assert(NTMS_POOLTYPE_UNKNOWN == 0x00000000, "NTMS_POOLTYPE_UNKNOWN");
_Static_assert(NTMS_POOLTYPE_SCRATCH == 0x00000001, "NTMS_POOLTYPE_SCRATCH");
_Static_assert(NTMS_POOLTYPE_FOREIGN == 0x00000002, "NTMS_POOLTYPE_FOREIGN");
_Static_assert(NTMS_POOLTYPE_IMPORT == 0x00000003, "NTMS_POOLTYPE_IMPORT");
_Static_assert(NTMS_POOLTYPE_APPLICATION == 1000, "NTMS_POOLTYPE_APPLICATION");

/* NTMS_MEDIAPOOLINFORMATION.AllocationPolicy / DeallocationPolicy */
_Static_assert(NTMS_ALLOCATE_FROMSCRATCH == 0x00000001, "NTMS_ALLOCATE_FROMSCRATCH");
_Static_assert(NTMS_DEALLOCATE_TOSCRATCH == 0x00000001, "NTMS_DEALLOCATE_TOSCRATCH");

/* NTMS_MEDIATYPEINFORMATION.ReadWriteCharacteristics */
_Static_assert(NTMS_MEDIARW_UNKNOWN == 0x00000000, "NTMS_MEDIARW_UNKNOWN");
_Static_assert(NTMS_MEDIARW_REWRITABLE == 0x00000001, "NTMS_MEDIARW_REWRITABLE");
_Static_assert(NTMS_MEDIARW_WRITEONCE == 0x00000002, "NTMS_MEDIARW_WRITEONCE");
_Static_assert(NTMS_MEDIARW_READONLY == 0x00000003, "NTMS_MEDIARW_READONLY");

/* NTMS_MEDIATYPEINFORMATION.MediaType */
_Static_assert(DDS_4mm == 0x00000020, "DDS_4mm");
_Static_assert(MiniQic == 0x00000021, "MiniQic");
_Static_assert(Travan == 0x00000022, "Travan");
_Static_assert(QIC == 0x00000023, "QIC");
_Static_assert(MP_8mm == 0x00000024, "MP_8mm");
_Static_assert(AME_8mm == 0x00000025, "AME_8mm");
_Static_assert(AIT1_8mm == 0x00000026, "AIT1_8mm");
_Static_assert(DLT == 0x00000027, "DLT");
_Static_assert(NCTP == 0x00000028, "NCTP");
_Static_assert(IBM_3480 == 0x00000029, "IBM_3480");
_Static_assert(IBM_3490E == 0x0000002a, "IBM_3490E");
_Static_assert(IBM_Magstar_3590 == 0x0000002b, "IBM_Magstar_3590");
_Static_assert(IBM_Magstar_MP == 0x0000002c, "IBM_Magstar_MP");
_Static_assert(STK_DATA_D3 == 0x0000002d, "STK_DATA_D3");
_Static_assert(SONY_DTF == 0x0000002e, "SONY_DTF");
_Static_assert(DV_6mm == 0x0000002f, "DV_6mm");
_Static_assert(DMI == 0x00000030, "DMI");
_Static_assert(SONY_D2 == 0x00000031, "SONY_D2");
_Static_assert(CLEANER_CARTRIDGE == 0x00000032, "CLEANER_CARTRIDGE");
_Static_assert(CD_ROM == 0x00000033, "CD_ROM");
_Static_assert(CD_R == 0x00000034, "CD_R");
_Static_assert(CD_RW == 0x00000035, "CD_RW");
_Static_assert(DVD_ROM == 0x00000036, "DVD_ROM");
_Static_assert(DVD_R == 0x00000037, "DVD_R");
_Static_assert(DVD_RW == 0x00000038, "DVD_RW");
_Static_assert(MO_3_RW == 0x00000039, "MO_3_RW");
_Static_assert(MO_5_WO == 0x0000003a, "MO_5_WO");
_Static_assert(MO_5_RW == 0x0000003b, "MO_5_RW");
_Static_assert(MO_5_LIMDOW == 0x0000003c, "MO_5_LIMDOW");
_Static_assert(PC_5_WO == 0x0000003d, "PC_5_WO");
_Static_assert(PC_5_RW == 0x0000003e, "PC_5_RW");
_Static_assert(PD_5_RW == 0x0000003f, "PD_5_RW");
_Static_assert(ABL_5_WO == 0x00000040, "ABL_5_WO");
_Static_assert(PINNACLE_APEX_5_RW == 0x00000041, "PINNACLE_APEX_5_RW");
_Static_assert(SONY_12_WO == 0x00000042, "SONY_12_WO");
_Static_assert(PHILIPS_12_WO == 0x00000043, "PHILIPS_12_WO");
_Static_assert(HITACHI_12_WO == 0x00000044, "HITACHI_12_WO");
_Static_assert(CYGNET_12_WO == 0x00000045, "CYGNET_12_WO");
_Static_assert(KODAK_14_WO == 0x00000046, "KODAK_14_WO");
_Static_assert(MO_NFR_525 == 0x00000047, "MO_NFR_525");
_Static_assert(NIKON_12_RW == 0x00000048, "NIKON_12_RW");
_Static_assert(IOMEGA_ZIP == 0x00000049, "IOMEGA_ZIP");
_Static_assert(IOMEGA_JAZ == 0x0000004a, "IOMEGA_JAZ");
_Static_assert(SYQUEST_EZ135 == 0x0000004b, "SYQUEST_EZ135");
_Static_assert(SYQUEST_EZFLYER == 0x0000004c, "SYQUEST_EZFLYER");
_Static_assert(SYQUEST_SYJET == 0x0000004d, "SYQUEST_SYJET");
_Static_assert(AVATAR_F2 == 0x0000004e, "AVATAR_F2");
_Static_assert(MP2_8mm == 0x0000004f, "MP2_8mm");
_Static_assert(DST_S == 0x00000050, "DST_S");
_Static_assert(DST_M == 0x00000051, "DST_M");
_Static_assert(DST_L == 0x00000052, "DST_L");
_Static_assert(VXATape_1 == 0x00000053, "VXATape_1");
_Static_assert(VXATape_2 == 0x00000054, "VXATape_2");
_Static_assert(STK_9840 == 0x00000055, "STK_9840");
_Static_assert(LTO_Ultrium == 0x00000056, "LTO_Ultrium");
_Static_assert(LTO_Accelis == 0x00000057, "LTO_Accelis");
_Static_assert(DVD_RAM == 0x00000058, "DVD_RAM");
_Static_assert(AIT_8mm == 0x00000059, "AIT_8mm");
_Static_assert(ADR_1 == 0x0000005a, "ADR_1");
_Static_assert(ADR_2 == 0x0000005b, "ADR_2");
_Static_assert(STK_9940 == 0x0000005c, "STK_9940");
_Static_assert(SAIT == 0x0000005d, "SAIT");

/* NTMS_STORAGESLOTINFORMATION.State */
_Static_assert(NTMS_SLOTSTATE_UNKNOWN == 0x00000000, "NTMS_SLOTSTATE_UNKNOWN");
_Static_assert(NTMS_SLOTSTATE_FULL == 0x00000001, "NTMS_SLOTSTATE_FULL");
_Static_assert(NTMS_SLOTSTATE_EMPTY == 0x00000002, "NTMS_SLOTSTATE_EMPTY");
_Static_assert(NTMS_SLOTSTATE_NOTPRESENT == 0x00000003, "NTMS_SLOTSTATE_NOTPRESENT");
_Static_assert(NTMS_SLOTSTATE_NEEDSINVENTORY == 0x00000004, "NTMS_SLOTSTATE_NEEDSINVENTORY");

/* NTMS_IEDOORINFORMATION.State */
_Static_assert(NTMS_DOORSTATE_UNKNOWN == 0x00000000, "NTMS_DOORSTATE_UNKNOWN");
_Static_assert(NTMS_DOORSTATE_CLOSED == 0x00000001, "NTMS_DOORSTATE_CLOSED");
_Static_assert(NTMS_DOORSTATE_OPEN == 0x00000002, "NTMS_DOORSTATE_OPEN");

/* NTMS_IEPORTINFORMATION.Content / .Position */
_Static_assert(NTMS_PORTCONTENT_UNKNOWN == 0x00000000, "NTMS_PORTCONTENT_UNKNOWN");
_Static_assert(NTMS_PORTCONTENT_FULL == 0x00000001, "NTMS_PORTCONTENT_FULL");
_Static_assert(NTMS_PORTCONTENT_EMPTY == 0x00000002, "NTMS_PORTCONTENT_EMPTY");
_Static_assert(NTMS_PORTPOSITION_UNKNOWN == 0x00000000, "NTMS_PORTPOSITION_UNKNOWN");
_Static_assert(NTMS_PORTPOSITION_EXTENDED == 0x00000001, "NTMS_PORTPOSITION_EXTENDED");
_Static_assert(NTMS_PORTPOSITION_RETRACTED == 0x00000002, "NTMS_PORTPOSITION_RETRACTED");

/* NTMS_COMPUTERINFORMATION flags */
_Static_assert(NTMS_LIBREQFLAGS_NOAUTOPURGE == 0x01, "NTMS_LIBREQFLAGS_NOAUTOPURGE");
_Static_assert(NTMS_LIBREQFLAGS_NOFAILEDPURGE == 0x02, "NTMS_LIBREQFLAGS_NOFAILEDPURGE");
_Static_assert(NTMS_OPREQFLAGS_NOAUTOPURGE == 0x01, "NTMS_OPREQFLAGS_NOAUTOPURGE");
_Static_assert(NTMS_OPREQFLAGS_NOFAILEDPURGE == 0x02, "NTMS_OPREQFLAGS_NOFAILEDPURGE");
_Static_assert(NTMS_OPREQFLAGS_NOALERTS == 0x10, "NTMS_OPREQFLAGS_NOALERTS");
_Static_assert(NTMS_OPREQFLAGS_NOTRAYICON == 0x20, "NTMS_OPREQFLAGS_NOTRAYICON");
_Static_assert(NTMS_POOLPOLICY_PURGEOFFLINESCRATCH == 0x01, "NTMS_POOLPOLICY_PURGEOFFLINESCRATCH");
_Static_assert(NTMS_POOLPOLICY_KEEPOFFLINEIMPORT == 0x02, "NTMS_POOLPOLICY_KEEPOFFLINEIMPORT");

/* Method-specific option values */
_Static_assert(NTMS_ENUM_DEFAULT == 0x00000000, "NTMS_ENUM_DEFAULT");
_Static_assert(NTMS_ENUM_ROOTPOOL == 0x00000001, "NTMS_ENUM_ROOTPOOL");
_Static_assert(NTMS_ERROR_ON_DUPLICATION == 0x00000001, "NTMS_ERROR_ON_DUPLICATION");

/* ======================================================================
 * 2. Names only the Windows SDK has (constants.md section 6, SDK deltas)
 * ====================================================================== */

/* Object type count */
_Static_assert(NTMS_NUMBER_OF_OBJECT_TYPES == 19, "NTMS_NUMBER_OF_OBJECT_TYPES");

/* Library request state and operation additions */
_Static_assert(NTMS_LM_DEFERRED == 6, "NTMS_LM_DEFERRED");
_Static_assert(NTMS_LM_DEFFERED == 6, "NTMS_LM_DEFFERED");
_Static_assert(NTMS_LM_MAXWORKITEM == 22, "NTMS_LM_MAXWORKITEM");

/* Library flag, UI operation bound */
_Static_assert(NTMS_LIBRARYFLAG_AUTODETECTCHANGE == 0x04, "NTMS_LIBRARYFLAG_AUTODETECTCHANGE");
_Static_assert(NTMS_UIOPERATION_MAX == 4, "NTMS_UIOPERATION_MAX");

/* Mount option aliases */
_Static_assert(NTMS_MOUNT_ERROR_IF_UNAVAILABLE == 0x0004, "NTMS_MOUNT_ERROR_IF_UNAVAILABLE");
_Static_assert(NTMS_MOUNT_ERROR_IF_OFFLINE == 0x0008, "NTMS_MOUNT_ERROR_IF_OFFLINE");

/* Side state alias, drive type, session option */
_Static_assert(NTMS_PARTSTATE_NEW == 0, "NTMS_PARTSTATE_NEW");
_Static_assert(NTMS_UNKNOWN_DRIVE == 0, "NTMS_UNKNOWN_DRIVE");
_Static_assert(NTMS_SESSION_QUERYEXPEDITE == 0x1, "NTMS_SESSION_QUERYEXPEDITE");

/* Asynchronous I/O states and operations */
_Static_assert(NTMS_ASYNCSTATE_QUEUED == 0, "NTMS_ASYNCSTATE_QUEUED");
_Static_assert(NTMS_ASYNCSTATE_WAIT_RESOURCE == 1, "NTMS_ASYNCSTATE_WAIT_RESOURCE");
_Static_assert(NTMS_ASYNCSTATE_WAIT_OPERATOR == 2, "NTMS_ASYNCSTATE_WAIT_OPERATOR");
_Static_assert(NTMS_ASYNCSTATE_INPROCESS == 3, "NTMS_ASYNCSTATE_INPROCESS");
_Static_assert(NTMS_ASYNCSTATE_COMPLETE == 4, "NTMS_ASYNCSTATE_COMPLETE");
_Static_assert(NTMS_ASYNCOP_MOUNT == 1, "NTMS_ASYNCOP_MOUNT");

/* UpdateNtmsOmidInfo label types */
_Static_assert(NTMS_OMID_TYPE_RAW_LABEL == 0x01, "NTMS_OMID_TYPE_RAW_LABEL");
_Static_assert(NTMS_OMID_TYPE_FILESYSTEM_INFO == 0x02, "NTMS_OMID_TYPE_FILESYSTEM_INFO");

/* CreateNtmsMedia option, SDK spelling */
_Static_assert(NTMS_ERROR_ON_DUPLICATE == 0x0001, "NTMS_ERROR_ON_DUPLICATE");

/* Extended attribute limits */
_Static_assert(NTMS_MAXATTR_LENGTH == 0x10000, "NTMS_MAXATTR_LENGTH");
_Static_assert(NTMS_MAXATTR_NAMELEN == 32, "NTMS_MAXATTR_NAMELEN");

/* String and array lengths */
_Static_assert(NTMS_OBJECTNAME_LENGTH == 64, "NTMS_OBJECTNAME_LENGTH");
_Static_assert(NTMS_DESCRIPTION_LENGTH == 127, "NTMS_DESCRIPTION_LENGTH");
_Static_assert(NTMS_DEVICENAME_LENGTH == 64, "NTMS_DEVICENAME_LENGTH");
_Static_assert(NTMS_SERIALNUMBER_LENGTH == 32, "NTMS_SERIALNUMBER_LENGTH");
_Static_assert(NTMS_REVISION_LENGTH == 32, "NTMS_REVISION_LENGTH");
_Static_assert(NTMS_BARCODE_LENGTH == 64, "NTMS_BARCODE_LENGTH");
_Static_assert(NTMS_SEQUENCE_LENGTH == 32, "NTMS_SEQUENCE_LENGTH");
_Static_assert(NTMS_VENDORNAME_LENGTH == 128, "NTMS_VENDORNAME_LENGTH");
_Static_assert(NTMS_PRODUCTNAME_LENGTH == 128, "NTMS_PRODUCTNAME_LENGTH");
_Static_assert(NTMS_USERNAME_LENGTH == 64, "NTMS_USERNAME_LENGTH");
_Static_assert(NTMS_APPLICATIONNAME_LENGTH == 64, "NTMS_APPLICATIONNAME_LENGTH");
_Static_assert(NTMS_COMPUTERNAME_LENGTH == 64, "NTMS_COMPUTERNAME_LENGTH");
_Static_assert(NTMS_I1_MESSAGE_LENGTH == 127, "NTMS_I1_MESSAGE_LENGTH");
_Static_assert(NTMS_MESSAGE_LENGTH == 256, "NTMS_MESSAGE_LENGTH");
_Static_assert(NTMS_POOLHIERARCHY_LENGTH == 512, "NTMS_POOLHIERARCHY_LENGTH");
_Static_assert(NTMS_OMIDLABELID_LENGTH == 255, "NTMS_OMIDLABELID_LENGTH");
_Static_assert(NTMS_OMIDLABELTYPE_LENGTH == 64, "NTMS_OMIDLABELTYPE_LENGTH");
_Static_assert(NTMS_OMIDLABELINFO_LENGTH == 256, "NTMS_OMIDLABELINFO_LENGTH");

/* Media type added after SAIT (winioctl.h) */
_Static_assert(VXATape == 0x5e, "VXATape");

/* Unnamed [MS-RSMP] value named by this implementation */
_Static_assert(RSM_CLEANER_USES_UNLIMITED == 0xFFFFFFFF, "RSM_CLEANER_USES_UNLIMITED");

/* Media label library limits (ntmsmli.h) */
_Static_assert(NTMSMLI_MAXTYPE == 64, "NTMSMLI_MAXTYPE");
_Static_assert(NTMSMLI_MAXIDSIZE == 256, "NTMSMLI_MAXIDSIZE");
_Static_assert(NTMSMLI_MAXAPPDESCR == 256, "NTMSMLI_MAXAPPDESCR");

/* ======================================================================
 * 3. Windows base definitions
 * ====================================================================== */

/* Booleans, infinite timeout, security information bits */
_Static_assert(TRUE == 1, "TRUE");
_Static_assert(FALSE == 0, "FALSE");
_Static_assert(INFINITE == 0xFFFFFFFF, "INFINITE");
_Static_assert(OWNER_SECURITY_INFORMATION == 1, "OWNER_SECURITY_INFORMATION");
_Static_assert(GROUP_SECURITY_INFORMATION == 2, "GROUP_SECURITY_INFORMATION");
_Static_assert(DACL_SECURITY_INFORMATION == 4, "DACL_SECURITY_INFORMATION");
_Static_assert(SACL_SECURITY_INFORMATION == 8, "SACL_SECURITY_INFORMATION");

/* INVALID_HANDLE_VALUE is a HANDLE (its value, a pointer, cannot be checked here) */
_Static_assert(_Generic(INVALID_HANDLE_VALUE, HANDLE: 1, default: 0), "INVALID_HANDLE_VALUE");

/* Type sizes */
_Static_assert(sizeof(DWORD) == 4, "DWORD");
_Static_assert(sizeof(WORD) == 2, "WORD");
_Static_assert(sizeof(BYTE) == 1, "BYTE");
_Static_assert(sizeof(BOOL) == sizeof(int), "BOOL");
_Static_assert(sizeof(CHAR) == 1, "CHAR");
_Static_assert(sizeof(WCHAR) == sizeof(wchar_t), "WCHAR");
_Static_assert(sizeof(HANDLE) == sizeof(void *), "HANDLE");
_Static_assert((DWORD)-1 > 0, "DWORD is unsigned");
_Static_assert((WORD)-1 > 0, "WORD is unsigned");
_Static_assert(sizeof(GUID) == 16, "GUID");
_Static_assert(offsetof(GUID, Data2) == 4, "GUID.Data2");
_Static_assert(offsetof(GUID, Data3) == 6, "GUID.Data3");
_Static_assert(offsetof(GUID, Data4) == 8, "GUID.Data4");
_Static_assert(sizeof(NTMS_GUID) == 16, "NTMS_GUID");
_Static_assert(sizeof(LARGE_INTEGER) == 8, "LARGE_INTEGER");
_Static_assert(offsetof(LARGE_INTEGER, LowPart) == 0, "LARGE_INTEGER.LowPart");
_Static_assert(offsetof(LARGE_INTEGER, HighPart) == 4, "LARGE_INTEGER.HighPart");
_Static_assert(offsetof(LARGE_INTEGER, u.HighPart) == 4, "LARGE_INTEGER.u.HighPart");
_Static_assert(sizeof(SYSTEMTIME) == 16, "SYSTEMTIME");
_Static_assert(offsetof(SYSTEMTIME, wYear) == 0, "SYSTEMTIME.wYear");
_Static_assert(offsetof(SYSTEMTIME, wMonth) == 2, "SYSTEMTIME.wMonth");
_Static_assert(offsetof(SYSTEMTIME, wDayOfWeek) == 4, "SYSTEMTIME.wDayOfWeek");
_Static_assert(offsetof(SYSTEMTIME, wDay) == 6, "SYSTEMTIME.wDay");
_Static_assert(offsetof(SYSTEMTIME, wHour) == 8, "SYSTEMTIME.wHour");
_Static_assert(offsetof(SYSTEMTIME, wMinute) == 10, "SYSTEMTIME.wMinute");
_Static_assert(offsetof(SYSTEMTIME, wSecond) == 12, "SYSTEMTIME.wSecond");
_Static_assert(offsetof(SYSTEMTIME, wMilliseconds) == 14, "SYSTEMTIME.wMilliseconds");

/* ======================================================================
 * 4. Win32 error codes: plain values, not HRESULTs
 * ====================================================================== */

/* From constants.md section 3: the low 16 bits of HRESULT 0x8007xxxx */
_Static_assert(ERROR_ACCESS_DENIED == 0x0005, "ERROR_ACCESS_DENIED");
_Static_assert(ERROR_INVALID_HANDLE == 0x0006, "ERROR_INVALID_HANDLE");
_Static_assert(ERROR_NOT_ENOUGH_MEMORY == 0x0008, "ERROR_NOT_ENOUGH_MEMORY");
_Static_assert(ERROR_BAD_FORMAT == 0x000B, "ERROR_BAD_FORMAT");
_Static_assert(ERROR_INVALID_DRIVE == 0x000F, "ERROR_INVALID_DRIVE");
_Static_assert(ERROR_WRITE_PROTECT == 0x0013, "ERROR_WRITE_PROTECT");
_Static_assert(ERROR_NOT_READY == 0x0015, "ERROR_NOT_READY");
_Static_assert(ERROR_SHARING_VIOLATION == 0x0020, "ERROR_SHARING_VIOLATION");
_Static_assert(ERROR_NOT_SUPPORTED == 0x0032, "ERROR_NOT_SUPPORTED");
_Static_assert(ERROR_INVALID_PARAMETER == 0x0057, "ERROR_INVALID_PARAMETER");
_Static_assert(ERROR_CALL_NOT_IMPLEMENTED == 0x0078, "ERROR_CALL_NOT_IMPLEMENTED");
_Static_assert(ERROR_INSUFFICIENT_BUFFER == 0x007A, "ERROR_INSUFFICIENT_BUFFER");
_Static_assert(ERROR_INVALID_NAME == 0x007B, "ERROR_INVALID_NAME");
_Static_assert(ERROR_BUSY == 0x00AA, "ERROR_BUSY");
_Static_assert(ERROR_ALREADY_EXISTS == 0x00B7, "ERROR_ALREADY_EXISTS");
_Static_assert(ERROR_NO_DATA == 0x00E8, "ERROR_NO_DATA");
_Static_assert(ERROR_INVALID_ADDRESS == 0x01E7, "ERROR_INVALID_ADDRESS");
_Static_assert(ERROR_CONNECTION_UNAVAIL == 0x04B1, "ERROR_CONNECTION_UNAVAIL");
_Static_assert(ERROR_INVALID_COMPUTERNAME == 0x04BA, "ERROR_INVALID_COMPUTERNAME");
_Static_assert(ERROR_CANCELLED == 0x04C7, "ERROR_CANCELLED");
_Static_assert(ERROR_NO_SECURITY_ON_OBJECT == 0x0546, "ERROR_NO_SECURITY_ON_OBJECT");
_Static_assert(ERROR_TIMEOUT == 0x05B4, "ERROR_TIMEOUT");
_Static_assert(RPC_S_INVALID_BOUND == 0x06C6, "RPC_S_INVALID_BOUND");
_Static_assert(ERROR_RPC_S_INVALID_BOUND == 0x06C6, "ERROR_RPC_S_INVALID_BOUND");
_Static_assert(RPC_S_NO_INTERFACES == 0x0719, "RPC_S_NO_INTERFACES");
_Static_assert(ERROR_NOT_CONNECTED == 0x08CA, "ERROR_NOT_CONNECTED");
_Static_assert(ERROR_INVALID_MEDIA == 0x10CC, "ERROR_INVALID_MEDIA");
_Static_assert(ERROR_INVALID_LIBRARY == 0x10CD, "ERROR_INVALID_LIBRARY");
_Static_assert(ERROR_INVALID_MEDIA_POOL == 0x10CE, "ERROR_INVALID_MEDIA_POOL");
_Static_assert(ERROR_DRIVE_MEDIA_MISMATCH == 0x10CF, "ERROR_DRIVE_MEDIA_MISMATCH");
_Static_assert(ERROR_MEDIA_OFFLINE == 0x10D0, "ERROR_MEDIA_OFFLINE");
_Static_assert(ERROR_LIBRARY_OFFLINE == 0x10D1, "ERROR_LIBRARY_OFFLINE");
_Static_assert(ERROR_NOT_EMPTY == 0x10D3, "ERROR_NOT_EMPTY");
_Static_assert(ERROR_MEDIA_UNAVAILABLE == 0x10D4, "ERROR_MEDIA_UNAVAILABLE");
_Static_assert(ERROR_RESOURCE_DISABLED == 0x10D5, "ERROR_RESOURCE_DISABLED");
_Static_assert(ERROR_OBJECT_NOT_FOUND == 0x10D8, "ERROR_OBJECT_NOT_FOUND");
_Static_assert(ERROR_DATABASE_FAILURE == 0x10D9, "ERROR_DATABASE_FAILURE");
_Static_assert(ERROR_DATABASE_FULL == 0x10DA, "ERROR_DATABASE_FULL");
_Static_assert(ERROR_MEDIA_INCOMPATIBLE == 0x10DB, "ERROR_MEDIA_INCOMPATIBLE");
_Static_assert(ERROR_RESOURCE_NOT_PRESENT == 0x10DC, "ERROR_RESOURCE_NOT_PRESENT");
_Static_assert(ERROR_INVALID_OPERATION == 0x10DD, "ERROR_INVALID_OPERATION");
_Static_assert(ERROR_DEVICE_NOT_AVAILABLE == 0x10DF, "ERROR_DEVICE_NOT_AVAILABLE");
_Static_assert(ERROR_REQUEST_REFUSED == 0x10E0, "ERROR_REQUEST_REFUSED");
_Static_assert(ERROR_LIBRARY_FULL == 0x10E2, "ERROR_LIBRARY_FULL");
_Static_assert(ERROR_CLEANER_SLOT_SET == 0x10EB, "ERROR_CLEANER_SLOT_SET");
_Static_assert(ERROR_CLEANER_SLOT_NOT_SET == 0x10EC, "ERROR_CLEANER_SLOT_NOT_SET");
_Static_assert(ERROR_RESOURCE_NOT_AVAILABLE == 0x138E, "ERROR_RESOURCE_NOT_AVAILABLE");
_Static_assert(ERROR_INVALID_STATE == 0x139F, "ERROR_INVALID_STATE");

/* Other Win32 codes used by the reference pages and the implementation (winerror.h) */
_Static_assert(ERROR_SUCCESS == 0, "ERROR_SUCCESS");
_Static_assert(NO_ERROR == 0, "NO_ERROR");
_Static_assert(ERROR_FILE_NOT_FOUND == 2, "ERROR_FILE_NOT_FOUND");
_Static_assert(ERROR_MORE_DATA == 234, "ERROR_MORE_DATA");
_Static_assert(ERROR_INVALID_FLAGS == 1004, "ERROR_INVALID_FLAGS");
_Static_assert(ERROR_DATABASE_DOES_NOT_EXIST == 1065, "ERROR_DATABASE_DOES_NOT_EXIST");
_Static_assert(ERROR_MEDIA_CHANGED == 1110, "ERROR_MEDIA_CHANGED");
_Static_assert(ERROR_NO_MEDIA_IN_DRIVE == 1112, "ERROR_NO_MEDIA_IN_DRIVE");
_Static_assert(ERROR_IO_DEVICE == 1117, "ERROR_IO_DEVICE");
_Static_assert(ERROR_DEVICE_REQUIRES_CLEANING == 1165, "ERROR_DEVICE_REQUIRES_CLEANING");
_Static_assert(ERROR_DEVICE_DOOR_OPEN == 1166, "ERROR_DEVICE_DOOR_OPEN");
_Static_assert(ERROR_DEVICE_NOT_CONNECTED == 1167, "ERROR_DEVICE_NOT_CONNECTED");
_Static_assert(ERROR_NOT_FOUND == 1168, "ERROR_NOT_FOUND");
_Static_assert(ERROR_NO_NETWORK == 1222, "ERROR_NO_NETWORK");
_Static_assert(ERROR_UNRECOGNIZED_MEDIA == 1785, "ERROR_UNRECOGNIZED_MEDIA");
_Static_assert(ERROR_EMPTY == 4306, "ERROR_EMPTY");
_Static_assert(ERROR_INVALID_CLEANER == 4310, "ERROR_INVALID_CLEANER");
_Static_assert(ERROR_UNABLE_TO_CLEAN == 4311, "ERROR_UNABLE_TO_CLEAN");
_Static_assert(ERROR_MEDIA_NOT_AVAILABLE == 4318, "ERROR_MEDIA_NOT_AVAILABLE");
_Static_assert(ERROR_INVALID_DRIVE_OBJECT == 4321, "ERROR_INVALID_DRIVE_OBJECT");
_Static_assert(ERROR_MEDIUM_NOT_ACCESSIBLE == 4323, "ERROR_MEDIUM_NOT_ACCESSIBLE");
_Static_assert(ERROR_UNABLE_TO_LOAD_MEDIUM == 4324, "ERROR_UNABLE_TO_LOAD_MEDIUM");
_Static_assert(ERROR_UNABLE_TO_INVENTORY_DRIVE == 4325, "ERROR_UNABLE_TO_INVENTORY_DRIVE");
_Static_assert(ERROR_UNABLE_TO_INVENTORY_SLOT == 4326, "ERROR_UNABLE_TO_INVENTORY_SLOT");
_Static_assert(ERROR_UNABLE_TO_INVENTORY_TRANSPORT == 4327, "ERROR_UNABLE_TO_INVENTORY_TRANSPORT");
_Static_assert(ERROR_TRANSPORT_FULL == 4328, "ERROR_TRANSPORT_FULL");
_Static_assert(ERROR_CONTROLLING_IEPORT == 4329, "ERROR_CONTROLLING_IEPORT");
_Static_assert(ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA == 4330, "ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA");
_Static_assert(ERROR_CLEANER_CARTRIDGE_SPENT == 4333, "ERROR_CLEANER_CARTRIDGE_SPENT");
_Static_assert(ERROR_UNEXPECTED_OMID == 4334, "ERROR_UNEXPECTED_OMID");
_Static_assert(ERROR_CANT_DELETE_LAST_ITEM == 4335, "ERROR_CANT_DELETE_LAST_ITEM");
_Static_assert(ERROR_MESSAGE_EXCEEDS_MAX_SIZE == 4336, "ERROR_MESSAGE_EXCEEDS_MAX_SIZE");
_Static_assert(ERROR_VOLUME_CONTAINS_SYS_FILES == 4337, "ERROR_VOLUME_CONTAINS_SYS_FILES");
_Static_assert(ERROR_INDIGENOUS_TYPE == 4338, "ERROR_INDIGENOUS_TYPE");
_Static_assert(ERROR_NO_SUPPORTING_DRIVES == 4339, "ERROR_NO_SUPPORTING_DRIVES");
_Static_assert(ERROR_CLEANER_CARTRIDGE_INSTALLED == 4340, "ERROR_CLEANER_CARTRIDGE_INSTALLED");
_Static_assert(ERROR_IEPORT_FULL == 4341, "ERROR_IEPORT_FULL");

/* Number of _Static_assert lines above (kept in step by hand). */
#define CHECKS 432

int main(void)
{
    printf("test_constants: %d checks\n", CHECKS);
    return 0;
}
