/*
 * objinfo.c - NTMS_OBJECTINFORMATIONA <-> protobuf ObjectInfo.
 *
 * The mapping is data, not code: each union member of the structure has a
 * table saying, for every field, what kind of value it is (DWORD, WORD, BOOL,
 * GUID, SYSTEMTIME, fixed char array ...), where it lives in the structure
 * and where it lives in the generated protobuf message. Two small walkers
 * (pack_fields, unpack_fields) do the copying for every table alike, so a
 * new field is one table line. The table macros check at compile time that
 * both ends of each line have the C type the kind expects.
 *
 * Invariants:
 *   - Packing reads each fixed array only within its bounds (a caller may
 *     have filled it without a terminator) and never allocates: strings and
 *     GUIDs are staged in the objinfo_pb_t holder.
 *   - Zero values (0, FALSE, GUID_NULL, "", a zeroed SYSTEMTIME) are left
 *     off the wire; decoding starts from a zeroed structure, so an absent
 *     field and a zero field read back the same.
 *   - Decoding truncates strings to the array (never splitting a UTF-8
 *     sequence) and always NUL-terminates them.
 *   - The two Reserved GUIDs (drive, library) have no wire field: they are
 *     reserved by the API and always read back as GUID_NULL.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "objinfo.h"

/* What a table line copies. */
enum field_kind {
    K_U32,  /* DWORD        <-> uint32 */
    K_U16,  /* WORD         <-> uint32 (high bits dropped on decode) */
    K_BOOL, /* BOOL         <-> bool (TRUE/FALSE on decode) */
    K_GUID, /* NTMS_GUID    <-> 16 bytes */
    K_TIME, /* SYSTEMTIME   <-> int64 ms since the epoch */
    K_I64,  /* LARGE_INTEGER <-> int64 */
    K_STR,  /* char[size]   <-> string */
    K_BLOB, /* BYTE[size] plus a DWORD length field <-> bytes */
};

typedef struct fieldmap {
    enum field_kind kind;
    uint32_t size;   /* bytes of the structure's field */
    uint32_t off;    /* offset in NTMS_OBJECTINFORMATIONA */
    uint32_t len;    /* K_BLOB only: offset of the length DWORD */
    uint32_t pb;     /* offset of the value in the protobuf message */
    uint32_t pb_has; /* offset of its has_ flag (not for strings) */
} fieldmap;

/* One union member: which dwType selects it, and its protobuf message. */
typedef struct membermap {
    DWORD type;
    Rsm__ObjectInfo__InfoCase pb_case;
    const ProtobufCMessageDescriptor *desc;
    const fieldmap *fields;
    size_t nfields;
} membermap;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Table-line macros. `f` is a member path in NTMS_OBJECTINFORMATIONA (e.g.
 * Info.Drive.Number), `P` the protobuf message type, `pf` its field. */

#define OBJ(f) (((NTMS_OBJECTINFORMATIONA *)0)->f)
#define PBF(P, pf) (((P *)0)->pf)
/* 0, or a compile error when `expr` does not have type T. */
#define SAME_TYPE(expr, T) \
    (0 * sizeof(struct { _Static_assert(_Generic((expr), T: 1, default: 0), \
                                        "wrong type: " #expr); int ok; }))
#define FITS_STAGING(f) \
    (0 * sizeof(struct { _Static_assert(sizeof(OBJ(f)) < sizeof(((objinfo_pb_t *)0)->strings[0]), \
                                        "string longer than the staging buffer: " #f); int ok; }))

#define MAP(kind, f, ctype, P, pf, pbtype, has)                              \
    { kind, sizeof(OBJ(f)),                                                \
      offsetof(NTMS_OBJECTINFORMATIONA, f) + SAME_TYPE(OBJ(f), ctype), 0,    \
      offsetof(P, pf) + SAME_TYPE(PBF(P, pf), pbtype), has }

#define U32(f, P, pf)   MAP(K_U32, f, DWORD, P, pf, uint32_t, offsetof(P, has_##pf))
#define U16(f, P, pf)   MAP(K_U16, f, WORD, P, pf, uint32_t, offsetof(P, has_##pf))
#define FLAG(f, P, pf)  MAP(K_BOOL, f, BOOL, P, pf, protobuf_c_boolean, offsetof(P, has_##pf))
#define GUIDF(f, P, pf) MAP(K_GUID, f, NTMS_GUID, P, pf, ProtobufCBinaryData, offsetof(P, has_##pf))
#define TIME(f, P, pf)  MAP(K_TIME, f, SYSTEMTIME, P, pf, int64_t, offsetof(P, has_##pf))
#define I64(f, P, pf)   MAP(K_I64, f, LARGE_INTEGER, P, pf, int64_t, offsetof(P, has_##pf))
/* Strings have no has_ flag; that slot carries the staging-size check. */
#define STR(f, P, pf)   MAP(K_STR, f, char *, P, pf, char *, FITS_STAGING(f))
#define BLOB(f, lenf, P, pf)                                                 \
    { K_BLOB, sizeof(OBJ(f)),                                              \
      offsetof(NTMS_OBJECTINFORMATIONA, f) + SAME_TYPE(OBJ(f), BYTE *),      \
      offsetof(NTMS_OBJECTINFORMATIONA, lenf) + SAME_TYPE(OBJ(lenf), DWORD), \
      offsetof(P, pf) + SAME_TYPE(PBF(P, pf), ProtobufCBinaryData),          \
      offsetof(P, has_##pf) }

/* ------------------------------------------------------------------------ */
/* The tables. Each M() line is: kind, structure field, protobuf field. */

#define M(kind, f, pf) kind(f, Rsm__ObjectInfo, pf)
static const fieldmap common_map[] = {
    M(GUIDF, ObjectGuid, guid),
    M(TIME, Created, created_ms),
    M(TIME, Modified, modified_ms),
    M(FLAG, Enabled, enabled),
    M(U32, dwOperationalState, operational_state),
    M(STR, szName, name),
    M(STR, szDescription, description),
};
#undef M

#define M(kind, f, pf) kind(Info.Drive.f, Rsm__DriveInfo, pf)
static const fieldmap drive_map[] = {
    M(U32, Number, number),
    M(U32, State, state),
    M(GUIDF, DriveType, drive_type),
    M(STR, szDeviceName, device_name),
    M(STR, szSerialNumber, serial_number),
    M(STR, szRevision, revision),
    M(U16, ScsiPort, scsi_port),
    M(U16, ScsiBus, scsi_bus),
    M(U16, ScsiTarget, scsi_target),
    M(U16, ScsiLun, scsi_lun),
    M(U32, dwMountCount, mount_count),
    M(TIME, LastCleanedTs, last_cleaned_ms),
    M(GUIDF, SavedPartitionId, saved_partition_id),
    M(GUIDF, Library, library),
    M(U32, dwDeferDismountDelay, defer_dismount_delay),
};
#undef M

#define M(kind, f, pf) kind(Info.DriveType.f, Rsm__DriveTypeInfo, pf)
static const fieldmap drive_type_map[] = {
    M(STR, szVendor, vendor),
    M(STR, szProduct, product),
    M(U32, NumberOfHeads, number_of_heads),
    M(U32, DeviceType, device_type),
};
#undef M

#define M(kind, f, pf) kind(Info.Library.f, Rsm__LibraryInfo, pf)
static const fieldmap library_map[] = {
    M(U32, LibraryType, library_type),
    M(GUIDF, CleanerSlot, cleaner_slot),
    M(GUIDF, CleanerSlotDefault, cleaner_slot_default),
    M(FLAG, LibrarySupportsDriveCleaning, library_supports_drive_cleaning),
    M(FLAG, BarCodeReaderInstalled, bar_code_reader_installed),
    M(U32, InventoryMethod, inventory_method),
    M(U32, dwCleanerUsesRemaining, cleaner_uses_remaining),
    M(U32, FirstDriveNumber, first_drive_number),
    M(U32, dwNumberOfDrives, number_of_drives),
    M(U32, FirstSlotNumber, first_slot_number),
    M(U32, dwNumberOfSlots, number_of_slots),
    M(U32, FirstDoorNumber, first_door_number),
    M(U32, dwNumberOfDoors, number_of_doors),
    M(U32, FirstPortNumber, first_port_number),
    M(U32, dwNumberOfPorts, number_of_ports),
    M(U32, FirstChangerNumber, first_changer_number),
    M(U32, dwNumberOfChangers, number_of_changers),
    M(U32, dwNumberOfMedia, number_of_media),
    M(U32, dwNumberOfMediaTypes, number_of_media_types),
    M(U32, dwNumberOfLibRequests, number_of_lib_requests),
    M(FLAG, AutoRecovery, auto_recovery),
    M(U32, dwFlags, flags),
};
#undef M

#define M(kind, f, pf) kind(Info.Changer.f, Rsm__ChangerInfo, pf)
static const fieldmap changer_map[] = {
    M(U32, Number, number),
    M(GUIDF, ChangerType, changer_type),
    M(STR, szSerialNumber, serial_number),
    M(STR, szRevision, revision),
    M(STR, szDeviceName, device_name),
    M(U16, ScsiPort, scsi_port),
    M(U16, ScsiBus, scsi_bus),
    M(U16, ScsiTarget, scsi_target),
    M(U16, ScsiLun, scsi_lun),
    M(GUIDF, Library, library),
};
#undef M

#define M(kind, f, pf) kind(Info.ChangerType.f, Rsm__ChangerTypeInfo, pf)
static const fieldmap changer_type_map[] = {
    M(STR, szVendor, vendor),
    M(STR, szProduct, product),
    M(U32, DeviceType, device_type),
};
#undef M

#define M(kind, f, pf) kind(Info.StorageSlot.f, Rsm__StorageSlotInfo, pf)
static const fieldmap storage_slot_map[] = {
    M(U32, Number, number),
    M(U32, State, state),
    M(GUIDF, Library, library),
};
#undef M

#define M(kind, f, pf) kind(Info.IEDoor.f, Rsm__IEDoorInfo, pf)
static const fieldmap ie_door_map[] = {
    M(U32, Number, number),
    M(U32, State, state),
    M(U16, MaxOpenSecs, max_open_secs),
    M(GUIDF, Library, library),
};
#undef M

#define M(kind, f, pf) kind(Info.IEPort.f, Rsm__IEPortInfo, pf)
static const fieldmap ie_port_map[] = {
    M(U32, Number, number),
    M(U32, Content, content),
    M(U32, Position, position),
    M(U16, MaxExtendSecs, max_extend_secs),
    M(GUIDF, Library, library),
};
#undef M

#define M(kind, f, pf) kind(Info.PhysicalMedia.f, Rsm__PhysicalMediaInfo, pf)
static const fieldmap physical_media_map[] = {
    M(GUIDF, CurrentLibrary, current_library),
    M(GUIDF, MediaPool, media_pool),
    M(GUIDF, Location, location),
    M(U32, LocationType, location_type),
    M(GUIDF, MediaType, media_type),
    M(GUIDF, HomeSlot, home_slot),
    M(STR, szBarCode, bar_code),
    M(U32, BarCodeState, bar_code_state),
    M(STR, szSequenceNumber, sequence_number),
    M(U32, MediaState, media_state),
    M(U32, dwNumberOfPartitions, number_of_partitions),
    M(U32, dwMediaTypeCode, media_type_code),
    M(U32, dwDensityCode, density_code),
    M(GUIDF, MountedPartition, mounted_partition),
};
#undef M

#define M(kind, f, pf) kind(Info.LogicalMedia.f, Rsm__LogicalMediaInfo, pf)
static const fieldmap logical_media_map[] = {
    M(GUIDF, MediaPool, media_pool),
    M(U32, dwNumberOfPartitions, number_of_partitions),
};
#undef M

#define M(kind, f, pf) kind(Info.Partition.f, Rsm__PartitionInfo, pf)
static const fieldmap partition_map[] = {
    M(GUIDF, PhysicalMedia, physical_media),
    M(GUIDF, LogicalMedia, logical_media),
    M(U32, State, state),
    M(U16, Side, side),
    BLOB(Info.Partition.OmidLabelId, Info.Partition.dwOmidLabelIdLength,
         Rsm__PartitionInfo, omid_label_id),
    M(STR, szOmidLabelType, omid_label_type),
    M(STR, szOmidLabelInfo, omid_label_info),
    M(U32, dwMountCount, mount_count),
    M(U32, dwAllocateCount, allocate_count),
    M(I64, Capacity, capacity),
};
#undef M

#define M(kind, f, pf) kind(Info.MediaPool.f, Rsm__MediaPoolInfo, pf)
static const fieldmap media_pool_map[] = {
    M(U32, PoolType, pool_type),
    M(GUIDF, MediaType, media_type),
    M(GUIDF, Parent, parent),
    M(U32, AllocationPolicy, allocation_policy),
    M(U32, DeallocationPolicy, deallocation_policy),
    M(U32, dwMaxAllocates, max_allocates),
    M(U32, dwNumberOfPhysicalMedia, number_of_physical_media),
    M(U32, dwNumberOfLogicalMedia, number_of_logical_media),
    M(U32, dwNumberOfMediaPools, number_of_media_pools),
};
#undef M

#define M(kind, f, pf) kind(Info.MediaType.f, Rsm__MediaTypeInfo, pf)
static const fieldmap media_type_map[] = {
    M(U32, MediaType, media_type),
    M(U32, NumberOfSides, number_of_sides),
    M(U32, ReadWriteCharacteristics, read_write_characteristics),
    M(U32, DeviceType, device_type),
};
#undef M

#define M(kind, f, pf) kind(Info.LibRequest.f, Rsm__LibRequestInfo, pf)
static const fieldmap lib_request_map[] = {
    M(U32, OperationCode, operation_code),
    M(U32, OperationOption, operation_option),
    M(U32, State, state),
    M(GUIDF, PartitionId, partition_id),
    M(GUIDF, DriveId, drive_id),
    M(GUIDF, PhysMediaId, phys_media_id),
    M(GUIDF, Library, library),
    M(GUIDF, SlotId, slot_id),
    M(TIME, TimeQueued, time_queued_ms),
    M(TIME, TimeCompleted, time_completed_ms),
    M(STR, szApplication, application),
    M(STR, szUser, user),
    M(STR, szComputer, computer),
    M(U32, dwErrorCode, error_code),
    M(GUIDF, WorkItemId, work_item_id),
    M(U32, dwPriority, priority),
};
#undef M

#define M(kind, f, pf) kind(Info.OpRequest.f, Rsm__OpRequestInfo, pf)
static const fieldmap op_request_map[] = {
    M(U32, Request, request),
    M(TIME, Submitted, submitted_ms),
    M(U32, State, state),
    M(STR, szMessage, message),
    M(U32, Arg1Type, arg1_type),
    M(GUIDF, Arg1, arg1),
    M(U32, Arg2Type, arg2_type),
    M(GUIDF, Arg2, arg2),
    M(STR, szApplication, application),
    M(STR, szUser, user),
    M(STR, szComputer, computer),
};
#undef M

#define M(kind, f, pf) kind(Info.Computer.f, Rsm__ComputerInfo, pf)
static const fieldmap computer_map[] = {
    M(U32, dwLibRequestPurgeTime, lib_request_purge_time),
    M(U32, dwOpRequestPurgeTime, op_request_purge_time),
    M(U32, dwLibRequestFlags, lib_request_flags),
    M(U32, dwOpRequestFlags, op_request_flags),
    M(U32, dwMediaPoolPolicy, media_pool_policy),
};
#undef M

#define MEMBER(type, kase, desc, map) \
    { type, RSM__OBJECT_INFO__INFO_##kase, &rsm__##desc##__descriptor, map, COUNT(map) }
static const membermap members[] = {
    MEMBER(NTMS_DRIVE, DRIVE, drive_info, drive_map),
    MEMBER(NTMS_DRIVE_TYPE, DRIVE_TYPE, drive_type_info, drive_type_map),
    MEMBER(NTMS_LIBRARY, LIBRARY, library_info, library_map),
    MEMBER(NTMS_CHANGER, CHANGER, changer_info, changer_map),
    MEMBER(NTMS_CHANGER_TYPE, CHANGER_TYPE, changer_type_info, changer_type_map),
    MEMBER(NTMS_STORAGESLOT, STORAGE_SLOT, storage_slot_info, storage_slot_map),
    MEMBER(NTMS_IEDOOR, IE_DOOR, iedoor_info, ie_door_map),
    MEMBER(NTMS_IEPORT, IE_PORT, ieport_info, ie_port_map),
    MEMBER(NTMS_PHYSICAL_MEDIA, PHYSICAL_MEDIA, physical_media_info, physical_media_map),
    MEMBER(NTMS_LOGICAL_MEDIA, LOGICAL_MEDIA, logical_media_info, logical_media_map),
    MEMBER(NTMS_PARTITION, PARTITION, partition_info, partition_map),
    MEMBER(NTMS_MEDIA_POOL, MEDIA_POOL, media_pool_info, media_pool_map),
    MEMBER(NTMS_MEDIA_TYPE, MEDIA_TYPE, media_type_info, media_type_map),
    MEMBER(NTMS_LIBREQUEST, LIB_REQUEST, lib_request_info, lib_request_map),
    MEMBER(NTMS_OPREQUEST, OP_REQUEST, op_request_info, op_request_map),
    MEMBER(NTMS_COMPUTER, COMPUTER, computer_info, computer_map),
};

static const membermap *member_for_type(DWORD type)
{
    size_t i;

    for (i = 0; i < COUNT(members); i++)
        if (members[i].type == type)
            return &members[i];
    return NULL;
}

/* Every member of the ObjectInfo oneof shares this one pointer's storage
 * (protobuf-c puts them in an anonymous union), and each points at a
 * message that begins with its ProtobufCMessage header. */
static ProtobufCMessage **info_slot(Rsm__ObjectInfo *msg)
{
    return (ProtobufCMessage **)(void *)&msg->drive;
}

/* ------------------------------------------------------------------------ */
/* Structure -> message */

static const char *stage_string(objinfo_pb_t *h, const char *src, size_t size)
{
    size_t n = strnlen(src, size);
    char *dst;

    assert(h->nstrings < (int)COUNT(h->strings));
    dst = h->strings[h->nstrings++];
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

static void stage_guid(objinfo_pb_t *h, const NTMS_GUID *g, ProtobufCBinaryData *dst)
{
    assert(h->nguids < (int)COUNT(h->guids));
    wire_guid_to_bytes(g, h->guids[h->nguids]);
    dst->data = h->guids[h->nguids++];
    dst->len = 16;
}

/* Copy one non-zero field into the message; zero fields stay absent. */
static void pack_field(const fieldmap *f, const NTMS_OBJECTINFORMATIONA *in,
                       void *pb, objinfo_pb_t *h)
{
    const char *src = (const char *)in + f->off;
    char *dst = (char *)pb + f->pb;
    protobuf_c_boolean *has = (protobuf_c_boolean *)((char *)pb + f->pb_has);

    switch (f->kind) {
    case K_U32:
        *has = (*(uint32_t *)dst = *(const DWORD *)src) != 0;
        break;
    case K_U16:
        *has = (*(uint32_t *)dst = *(const WORD *)src) != 0;
        break;
    case K_BOOL:
        *has = (*(protobuf_c_boolean *)dst = *(const BOOL *)src != 0);
        break;
    case K_I64:
        *has = (*(int64_t *)dst = ((const LARGE_INTEGER *)src)->QuadPart) != 0;
        break;
    case K_TIME:
        *has = (*(int64_t *)dst = wire_time_from_systemtime((const SYSTEMTIME *)src)) != 0;
        break;
    case K_GUID:
        if (!wire_guid_is_null((const NTMS_GUID *)src)) {
            stage_guid(h, (const NTMS_GUID *)src, (ProtobufCBinaryData *)dst);
            *has = 1;
        }
        break;
    case K_STR:
        if (src[0] != '\0')
            *(const char **)dst = stage_string(h, src, f->size);
        break;
    case K_BLOB: {
        DWORD len = *(const DWORD *)((const char *)in + f->len);
        ProtobufCBinaryData *bin = (ProtobufCBinaryData *)dst;

        if (len > f->size)
            len = f->size;
        if (len > 0) {
            bin->data = (uint8_t *)src; /* the holder lives no longer than `in` */
            bin->len = len;
            *has = 1;
        }
        break;
    }
    }
}

static void pack_fields(const fieldmap *map, size_t n, const NTMS_OBJECTINFORMATIONA *in,
                        void *pb, objinfo_pb_t *h)
{
    size_t i;

    for (i = 0; i < n; i++)
        pack_field(&map[i], in, pb, h);
}

Rsm__ObjectInfo *objinfo_to_pb(const NTMS_OBJECTINFORMATIONA *in, objinfo_pb_t *holder)
{
    const membermap *m = member_for_type(in->dwType);

    rsm__object_info__init(&holder->msg);
    holder->nguids = 0;
    holder->nstrings = 0;
    holder->msg.type = in->dwType;
    pack_fields(common_map, COUNT(common_map), in, &holder->msg, holder);
    if (m != NULL) {
        protobuf_c_message_init(m->desc, &holder->sub);
        pack_fields(m->fields, m->nfields, in, &holder->sub, holder);
        holder->msg.info_case = m->pb_case;
        *info_slot(&holder->msg) = (ProtobufCMessage *)&holder->sub;
    }
    return &holder->msg;
}

/* ------------------------------------------------------------------------ */
/* Message -> structure */

/* Copy a wire string into a char[size], truncated so that it ends with a
 * NUL and does not end inside a UTF-8 sequence. */
static void copy_string(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size);

    if (n == size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Copy one present field into the (zeroed) structure. */
static DWORD unpack_field(const fieldmap *f, const void *pb, NTMS_OBJECTINFORMATIONA *out)
{
    char *dst = (char *)out + f->off;
    const char *src = (const char *)pb + f->pb;
    int has = f->kind == K_STR || *(const protobuf_c_boolean *)((const char *)pb + f->pb_has);

    if (!has)
        return 0;
    switch (f->kind) {
    case K_U32:
        *(DWORD *)dst = *(const uint32_t *)src;
        break;
    case K_U16:
        *(WORD *)dst = (WORD)*(const uint32_t *)src;
        break;
    case K_BOOL:
        *(BOOL *)dst = *(const protobuf_c_boolean *)src ? TRUE : FALSE;
        break;
    case K_I64:
        ((LARGE_INTEGER *)dst)->QuadPart = *(const int64_t *)src;
        break;
    case K_TIME:
        wire_time_to_systemtime(*(const int64_t *)src, (SYSTEMTIME *)dst);
        break;
    case K_GUID:
        return wire_guid_from_field((const ProtobufCBinaryData *)src, 1, (NTMS_GUID *)dst);
    case K_STR:
        if (*(char *const *)src != NULL)
            copy_string(dst, f->size, *(char *const *)src);
        break;
    case K_BLOB: {
        const ProtobufCBinaryData *bin = (const ProtobufCBinaryData *)src;
        size_t len = bin->len < f->size ? bin->len : f->size;

        if (len > 0 && bin->data != NULL) {
            memcpy(dst, bin->data, len);
            *(DWORD *)((char *)out + f->len) = (DWORD)len;
        }
        break;
    }
    }
    return 0;
}

static DWORD unpack_fields(const fieldmap *map, size_t n, const void *pb,
                           NTMS_OBJECTINFORMATIONA *out)
{
    size_t i;
    DWORD rc;

    for (i = 0; i < n; i++)
        if ((rc = unpack_field(&map[i], pb, out)) != 0)
            return rc;
    return 0;
}

/* The union member of a decoded message, checked against its type. An
 * absent member is accepted (the structure's member stays zero); a member
 * of another type, or one for a type that has none, is not. */
static DWORD unpack_member(const Rsm__ObjectInfo *msg, NTMS_OBJECTINFORMATIONA *out)
{
    const membermap *m = member_for_type(msg->type);
    const ProtobufCMessage *sub;

    if (msg->info_case == RSM__OBJECT_INFO__INFO__NOT_SET)
        return 0;
    sub = *info_slot((Rsm__ObjectInfo *)msg);
    if (m == NULL || msg->info_case != m->pb_case || sub == NULL || sub->descriptor != m->desc)
        return ERROR_INVALID_PARAMETER;
    return unpack_fields(m->fields, m->nfields, sub, out);
}

DWORD objinfo_from_pb(const Rsm__ObjectInfo *msg, NTMS_OBJECTINFORMATIONA *out)
{
    DWORD rc;

    memset(out, 0, sizeof(*out));
    rc = unpack_fields(common_map, COUNT(common_map), msg, out);
    if (rc == 0)
        rc = unpack_member(msg, out);
    if (rc != 0)
        memset(out, 0, sizeof(*out)); /* no half-filled structure escapes */
    out->dwSize = sizeof(*out);
    out->dwType = msg->type;
    return rc;
}
