/*
 * types.c - which member of NTMS_OBJECTINFORMATIONA lives in which column.
 *
 * One table per object type lists its stored members (column name, member
 * offset and size) and its derived members (an SQL expression evaluated on
 * read, in which `d` is the detail row). objects.c builds every INSERT,
 * UPDATE and SELECT from these tables, so adding a field is one line here
 * plus a migration in schema.c. The member's C type picks the column kind
 * through _Generic, so a table that names a member of the wrong type fails
 * to compile instead of corrupting memory.
 */
#include "store_int.h"

#include <stddef.h>

#define MEMBER(m) (((NTMS_OBJECTINFORMATIONA *)0)->Info.m)
#define OFF(m) offsetof(NTMS_OBJECTINFORMATIONA, Info.m)

/* A stored member of any scalar, GUID, time or string type. */
#define F(col, m)                                                                                  \
    {                                                                                              \
        col,                                                                                       \
        _Generic(MEMBER(m), DWORD: FK_UINT, WORD: FK_UINT, BOOL: FK_UINT, LARGE_INTEGER: FK_INT64, \
                 NTMS_GUID: FK_GUID, SYSTEMTIME: FK_TIME, CHAR *: FK_TEXT),                        \
        OFF(m), sizeof(MEMBER(m)), 0                                                               \
    }
/* A byte array and the DWORD member that holds its length. */
#define BYTES(col, m, len)                                                                         \
    {                                                                                              \
        col, _Generic(MEMBER(m), BYTE *: FK_BYTES), OFF(m), sizeof(MEMBER(m)),                     \
            _Generic(MEMBER(len), DWORD: OFF(len))                                                 \
    }
/* A DWORD computed on read from other rows. */
#define COUNT(expr, m)                                                                             \
    {                                                                                              \
        expr, _Generic(MEMBER(m), DWORD: FK_COUNT), OFF(m), sizeof(MEMBER(m)), 0                   \
    }
/* The object's name, repeated in the detail table. */
#define NAME(col)                                                                                  \
    {                                                                                              \
        col, FK_NAME, offsetof(NTMS_OBJECTINFORMATIONA, szName),                                   \
            sizeof(((NTMS_OBJECTINFORMATIONA *)0)->szName), 0                                      \
    }

static const struct store_field computer_fields[] = {
    F("lib_request_purge_time", Computer.dwLibRequestPurgeTime),
    F("op_request_purge_time", Computer.dwOpRequestPurgeTime),
    F("lib_request_flags", Computer.dwLibRequestFlags),
    F("op_request_flags", Computer.dwOpRequestFlags),
    F("media_pool_policy", Computer.dwMediaPoolPolicy),
};

static const struct store_field library_fields[] = {
    F("library_type", Library.LibraryType),
    F("cleaner_slot", Library.CleanerSlot),
    F("cleaner_slot_default", Library.CleanerSlotDefault),
    F("library_supports_drive_cleaning", Library.LibrarySupportsDriveCleaning),
    F("bar_code_reader_installed", Library.BarCodeReaderInstalled),
    F("inventory_method", Library.InventoryMethod),
    F("cleaner_uses_remaining", Library.dwCleanerUsesRemaining),
    F("first_drive_number", Library.FirstDriveNumber),
    F("first_slot_number", Library.FirstSlotNumber),
    F("first_door_number", Library.FirstDoorNumber),
    F("first_port_number", Library.FirstPortNumber),
    F("first_changer_number", Library.FirstChangerNumber),
    F("auto_recovery", Library.AutoRecovery),
    F("flags", Library.dwFlags),
    COUNT("(SELECT count(*) FROM drive WHERE library = d.guid)", Library.dwNumberOfDrives),
    COUNT("(SELECT count(*) FROM storage_slot WHERE library = d.guid)", Library.dwNumberOfSlots),
    COUNT("(SELECT count(*) FROM ie_door WHERE library = d.guid)", Library.dwNumberOfDoors),
    COUNT("(SELECT count(*) FROM ie_port WHERE library = d.guid)", Library.dwNumberOfPorts),
    COUNT("(SELECT count(*) FROM changer WHERE library = d.guid)", Library.dwNumberOfChangers),
    COUNT("(SELECT count(*) FROM physical_media WHERE current_library = d.guid)", Library.dwNumberOfMedia),
    COUNT("(SELECT count(*) FROM library_media_type WHERE library = d.guid)", Library.dwNumberOfMediaTypes),
    COUNT("(SELECT count(*) FROM lib_request WHERE library = d.guid)", Library.dwNumberOfLibRequests),
};

static const struct store_field changer_type_fields[] = {
    F("vendor", ChangerType.szVendor),
    F("product", ChangerType.szProduct),
    F("device_type", ChangerType.DeviceType),
};

static const struct store_field changer_fields[] = {
    F("number", Changer.Number),
    F("changer_type", Changer.ChangerType),
    F("serial_number", Changer.szSerialNumber),
    F("revision", Changer.szRevision),
    F("device_name", Changer.szDeviceName),
    F("scsi_port", Changer.ScsiPort),
    F("scsi_bus", Changer.ScsiBus),
    F("scsi_target", Changer.ScsiTarget),
    F("scsi_lun", Changer.ScsiLun),
    F("library", Changer.Library),
};

static const struct store_field drive_type_fields[] = {
    F("vendor", DriveType.szVendor),
    F("product", DriveType.szProduct),
    F("number_of_heads", DriveType.NumberOfHeads),
    F("device_type", DriveType.DeviceType),
};

static const struct store_field drive_fields[] = {
    F("number", Drive.Number),
    F("state", Drive.State),
    F("drive_type", Drive.DriveType),
    F("device_name", Drive.szDeviceName),
    F("serial_number", Drive.szSerialNumber),
    F("revision", Drive.szRevision),
    F("scsi_port", Drive.ScsiPort),
    F("scsi_bus", Drive.ScsiBus),
    F("scsi_target", Drive.ScsiTarget),
    F("scsi_lun", Drive.ScsiLun),
    F("mount_count", Drive.dwMountCount),
    F("last_cleaned_ms", Drive.LastCleanedTs),
    F("saved_partition_id", Drive.SavedPartitionId),
    F("library", Drive.Library),
    F("defer_dismount_delay", Drive.dwDeferDismountDelay),
};

static const struct store_field storage_slot_fields[] = {
    F("number", StorageSlot.Number),
    F("state", StorageSlot.State),
    F("library", StorageSlot.Library),
};

static const struct store_field ie_door_fields[] = {
    F("number", IEDoor.Number),
    F("state", IEDoor.State),
    F("max_open_secs", IEDoor.MaxOpenSecs),
    F("library", IEDoor.Library),
};

static const struct store_field ie_port_fields[] = {
    F("number", IEPort.Number),
    F("content", IEPort.Content),
    F("position", IEPort.Position),
    F("max_extend_secs", IEPort.MaxExtendSecs),
    F("library", IEPort.Library),
};

static const struct store_field media_type_fields[] = {
    F("media_type", MediaType.MediaType),
    F("number_of_sides", MediaType.NumberOfSides),
    F("read_write_characteristics", MediaType.ReadWriteCharacteristics),
    F("device_type", MediaType.DeviceType),
};

static const struct store_field media_pool_fields[] = {
    NAME("name"),
    F("pool_type", MediaPool.PoolType),
    F("media_type", MediaPool.MediaType),
    F("parent", MediaPool.Parent),
    F("allocation_policy", MediaPool.AllocationPolicy),
    F("deallocation_policy", MediaPool.DeallocationPolicy),
    F("max_allocates", MediaPool.dwMaxAllocates),
    COUNT("(SELECT count(*) FROM physical_media WHERE media_pool = d.guid)",
          MediaPool.dwNumberOfPhysicalMedia),
    COUNT("(SELECT count(*) FROM logical_media WHERE media_pool = d.guid)", MediaPool.dwNumberOfLogicalMedia),
    COUNT("(SELECT count(*) FROM media_pool WHERE parent = d.guid)", MediaPool.dwNumberOfMediaPools),
};

static const struct store_field physical_media_fields[] = {
    F("current_library", PhysicalMedia.CurrentLibrary),
    F("media_pool", PhysicalMedia.MediaPool),
    F("location", PhysicalMedia.Location),
    F("location_type", PhysicalMedia.LocationType),
    F("media_type", PhysicalMedia.MediaType),
    F("home_slot", PhysicalMedia.HomeSlot),
    F("bar_code", PhysicalMedia.szBarCode),
    F("bar_code_state", PhysicalMedia.BarCodeState),
    F("sequence_number", PhysicalMedia.szSequenceNumber),
    F("media_state", PhysicalMedia.MediaState),
    F("media_type_code", PhysicalMedia.dwMediaTypeCode),
    F("density_code", PhysicalMedia.dwDensityCode),
    F("mounted_partition", PhysicalMedia.MountedPartition),
    COUNT("(SELECT count(*) FROM side WHERE physical_media = d.guid)", PhysicalMedia.dwNumberOfPartitions),
};

static const struct store_field logical_media_fields[] = {
    F("media_pool", LogicalMedia.MediaPool),
    COUNT("(SELECT count(*) FROM side WHERE logical_media = d.guid)", LogicalMedia.dwNumberOfPartitions),
};

static const struct store_field side_fields[] = {
    F("physical_media", Partition.PhysicalMedia),
    F("logical_media", Partition.LogicalMedia),
    F("state", Partition.State),
    F("side", Partition.Side),
    BYTES("omid_label_id", Partition.OmidLabelId, Partition.dwOmidLabelIdLength),
    F("omid_label_type", Partition.szOmidLabelType),
    F("omid_label_info", Partition.szOmidLabelInfo),
    F("mount_count", Partition.dwMountCount),
    F("allocate_count", Partition.dwAllocateCount),
    F("capacity", Partition.Capacity),
};

static const struct store_field lib_request_fields[] = {
    F("operation_code", LibRequest.OperationCode),
    F("operation_option", LibRequest.OperationOption),
    F("state", LibRequest.State),
    F("partition_id", LibRequest.PartitionId),
    F("drive_id", LibRequest.DriveId),
    F("phys_media_id", LibRequest.PhysMediaId),
    F("library", LibRequest.Library),
    F("slot_id", LibRequest.SlotId),
    F("time_queued_ms", LibRequest.TimeQueued),
    F("time_completed_ms", LibRequest.TimeCompleted),
    F("application", LibRequest.szApplication),
    F("user", LibRequest.szUser),
    F("computer", LibRequest.szComputer),
    F("error_code", LibRequest.dwErrorCode),
    F("work_item_id", LibRequest.WorkItemId),
    F("priority", LibRequest.dwPriority),
};

static const struct store_field op_request_fields[] = {
    F("request", OpRequest.Request),
    F("submitted_ms", OpRequest.Submitted),
    F("state", OpRequest.State),
    F("message", OpRequest.szMessage),
    F("arg1_type", OpRequest.Arg1Type),
    F("arg1", OpRequest.Arg1),
    F("arg2_type", OpRequest.Arg2Type),
    F("arg2", OpRequest.Arg2),
    F("application", OpRequest.szApplication),
    F("user", OpRequest.szUser),
    F("computer", OpRequest.szComputer),
};

#define TYPE(code, table, label, fields) {code, table, label, fields, sizeof fields / sizeof fields[0]}

static const struct store_type types[] = {
    TYPE(NTMS_CHANGER, "changer", "changer", changer_fields),
    TYPE(NTMS_CHANGER_TYPE, "changer_type", "changer type", changer_type_fields),
    TYPE(NTMS_COMPUTER, "computer", "computer", computer_fields),
    TYPE(NTMS_DRIVE, "drive", "drive", drive_fields),
    TYPE(NTMS_DRIVE_TYPE, "drive_type", "drive type", drive_type_fields),
    TYPE(NTMS_IEDOOR, "ie_door", "IE door", ie_door_fields),
    TYPE(NTMS_IEPORT, "ie_port", "IE port", ie_port_fields),
    TYPE(NTMS_LIBRARY, "library", "library", library_fields),
    TYPE(NTMS_LIBREQUEST, "lib_request", "library request", lib_request_fields),
    TYPE(NTMS_LOGICAL_MEDIA, "logical_media", "logical media", logical_media_fields),
    TYPE(NTMS_MEDIA_POOL, "media_pool", "media pool", media_pool_fields),
    TYPE(NTMS_MEDIA_TYPE, "media_type", "media type", media_type_fields),
    TYPE(NTMS_PARTITION, "side", "side", side_fields),
    TYPE(NTMS_PHYSICAL_MEDIA, "physical_media", "physical media", physical_media_fields),
    TYPE(NTMS_STORAGESLOT, "storage_slot", "storage slot", storage_slot_fields),
    TYPE(NTMS_OPREQUEST, "op_request", "operator request", op_request_fields),
};
#define NTYPES (sizeof types / sizeof types[0])

_Static_assert(NTMS_NUMBER_OF_OBJECT_TYPES <= STORE_TYPE_SLOTS, "statement cache has a slot per type");

const struct store_type *store_type_desc(DWORD type)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (types[i].type == type)
            return &types[i];
    return NULL;
}

const struct store_type *store_type_at(size_t i)
{
    return i < NTYPES ? &types[i] : NULL;
}

size_t store_type_count(void)
{
    return NTYPES;
}

const char *store_type_label(DWORD type)
{
    const struct store_type *t = store_type_desc(type);
    return t ? t->label : "object";
}
