/*
 * test_objinfo.c - NTMS_OBJECTINFORMATIONA <-> ObjectInfo (common/objinfo.c).
 *
 * The round-trip tests fill every field of every union member by hand, from
 * the structure definitions rather than from objinfo.c's tables, with
 * distinct non-zero values; the structure must come back byte for byte
 * through a real encode and decode. The two Reserved GUIDs are the one
 * exception: the wire has no field for them (see objinfo.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "objinfo.h"

/* ------------------------------------------------------------------------ */
/* Distinct values: every call yields a value no earlier call yielded. */

static unsigned counter;

static DWORD u32(void) { return 0x01000000u + ++counter; }
static WORD u16(void) { return (WORD)(0x100 + ++counter); }

static void guid(NTMS_GUID *g)
{
    unsigned n = ++counter;
    int i;

    g->Data1 = 0xa0000000u + n;
    g->Data2 = (uint16_t)(0xb000 + n);
    g->Data3 = (uint16_t)(0xc000 + n);
    for (i = 0; i < 8; i++)
        g->Data4[i] = (uint8_t)(n + i);
}

/* Fills the whole array but the terminator, so truncation would show; the
 * leading number keeps any two strings apart. */
static void text(char *s, size_t size)
{
    unsigned n = ++counter;
    size_t i = (size_t)snprintf(s, size, "s%u-", n);

    for (; i + 1 < size; i++)
        s[i] = (char)('a' + (n + i) % 26);
    s[size - 1] = '\0';
}
#define TEXT(a) text((a), sizeof(a))

static void when(SYSTEMTIME *st)
{
    unsigned n = ++counter;
    int64_t ms = 1600000000000LL + (int64_t)n * 86400123LL;

    wire_time_to_systemtime(ms, st);
}

/* ------------------------------------------------------------------------ */
/* One filler per union member. */

static void fill_drive(NTMS_DRIVEINFORMATIONA *d)
{
    d->Number = u32();
    d->State = u32();
    guid(&d->DriveType);
    TEXT(d->szDeviceName);
    TEXT(d->szSerialNumber);
    TEXT(d->szRevision);
    d->ScsiPort = u16();
    d->ScsiBus = u16();
    d->ScsiTarget = u16();
    d->ScsiLun = u16();
    d->dwMountCount = u32();
    when(&d->LastCleanedTs);
    guid(&d->SavedPartitionId);
    guid(&d->Library);
    d->dwDeferDismountDelay = u32();
}

static void fill_drive_type(NTMS_DRIVETYPEINFORMATIONA *d)
{
    TEXT(d->szVendor);
    TEXT(d->szProduct);
    d->NumberOfHeads = u32();
    d->DeviceType = u32();
}

static void fill_library(NTMS_LIBRARYINFORMATION *l)
{
    l->LibraryType = u32();
    guid(&l->CleanerSlot);
    guid(&l->CleanerSlotDefault);
    l->LibrarySupportsDriveCleaning = TRUE;
    l->BarCodeReaderInstalled = TRUE;
    l->InventoryMethod = u32();
    l->dwCleanerUsesRemaining = u32();
    l->FirstDriveNumber = u32();
    l->dwNumberOfDrives = u32();
    l->FirstSlotNumber = u32();
    l->dwNumberOfSlots = u32();
    l->FirstDoorNumber = u32();
    l->dwNumberOfDoors = u32();
    l->FirstPortNumber = u32();
    l->dwNumberOfPorts = u32();
    l->FirstChangerNumber = u32();
    l->dwNumberOfChangers = u32();
    l->dwNumberOfMedia = u32();
    l->dwNumberOfMediaTypes = u32();
    l->dwNumberOfLibRequests = u32();
    l->AutoRecovery = TRUE;
    l->dwFlags = u32();
}

static void fill_changer(NTMS_CHANGERINFORMATIONA *c)
{
    c->Number = u32();
    guid(&c->ChangerType);
    TEXT(c->szSerialNumber);
    TEXT(c->szRevision);
    TEXT(c->szDeviceName);
    c->ScsiPort = u16();
    c->ScsiBus = u16();
    c->ScsiTarget = u16();
    c->ScsiLun = u16();
    guid(&c->Library);
}

static void fill_changer_type(NTMS_CHANGERTYPEINFORMATIONA *c)
{
    TEXT(c->szVendor);
    TEXT(c->szProduct);
    c->DeviceType = u32();
}

static void fill_storage_slot(NTMS_STORAGESLOTINFORMATION *s)
{
    s->Number = u32();
    s->State = u32();
    guid(&s->Library);
}

static void fill_ie_door(NTMS_IEDOORINFORMATION *d)
{
    d->Number = u32();
    d->State = u32();
    d->MaxOpenSecs = u16();
    guid(&d->Library);
}

static void fill_ie_port(NTMS_IEPORTINFORMATION *p)
{
    p->Number = u32();
    p->Content = u32();
    p->Position = u32();
    p->MaxExtendSecs = u16();
    guid(&p->Library);
}

static void fill_physical_media(NTMS_PMIDINFORMATIONA *p)
{
    guid(&p->CurrentLibrary);
    guid(&p->MediaPool);
    guid(&p->Location);
    p->LocationType = u32();
    guid(&p->MediaType);
    guid(&p->HomeSlot);
    TEXT(p->szBarCode);
    p->BarCodeState = u32();
    TEXT(p->szSequenceNumber);
    p->MediaState = u32();
    p->dwNumberOfPartitions = u32();
    p->dwMediaTypeCode = u32();
    p->dwDensityCode = u32();
    guid(&p->MountedPartition);
}

static void fill_logical_media(NTMS_LMIDINFORMATION *l)
{
    guid(&l->MediaPool);
    l->dwNumberOfPartitions = u32();
}

static void fill_partition(NTMS_PARTITIONINFORMATIONA *p)
{
    size_t i;

    guid(&p->PhysicalMedia);
    guid(&p->LogicalMedia);
    p->State = u32();
    p->Side = u16();
    p->dwOmidLabelIdLength = sizeof(p->OmidLabelId);
    for (i = 0; i < sizeof(p->OmidLabelId); i++)
        p->OmidLabelId[i] = (BYTE)(i * 7 + 1);
    TEXT(p->szOmidLabelType);
    TEXT(p->szOmidLabelInfo);
    p->dwMountCount = u32();
    p->dwAllocateCount = u32();
    p->Capacity.QuadPart = 0x123456789abcdefLL + ++counter;
}

static void fill_media_pool(NTMS_MEDIAPOOLINFORMATION *p)
{
    p->PoolType = u32();
    guid(&p->MediaType);
    guid(&p->Parent);
    p->AllocationPolicy = u32();
    p->DeallocationPolicy = u32();
    p->dwMaxAllocates = u32();
    p->dwNumberOfPhysicalMedia = u32();
    p->dwNumberOfLogicalMedia = u32();
    p->dwNumberOfMediaPools = u32();
}

static void fill_media_type(NTMS_MEDIATYPEINFORMATION *m)
{
    m->MediaType = u32();
    m->NumberOfSides = u32();
    m->ReadWriteCharacteristics = u32();
    m->DeviceType = u32();
}

static void fill_lib_request(NTMS_LIBREQUESTINFORMATIONA *r)
{
    r->OperationCode = u32();
    r->OperationOption = u32();
    r->State = u32();
    guid(&r->PartitionId);
    guid(&r->DriveId);
    guid(&r->PhysMediaId);
    guid(&r->Library);
    guid(&r->SlotId);
    when(&r->TimeQueued);
    when(&r->TimeCompleted);
    TEXT(r->szApplication);
    TEXT(r->szUser);
    TEXT(r->szComputer);
    r->dwErrorCode = u32();
    guid(&r->WorkItemId);
    r->dwPriority = u32();
}

static void fill_op_request(NTMS_OPREQUESTINFORMATIONA *r)
{
    r->Request = u32();
    when(&r->Submitted);
    r->State = u32();
    TEXT(r->szMessage);
    r->Arg1Type = u32();
    guid(&r->Arg1);
    r->Arg2Type = u32();
    guid(&r->Arg2);
    TEXT(r->szApplication);
    TEXT(r->szUser);
    TEXT(r->szComputer);
}

static void fill_computer(NTMS_COMPUTERINFORMATION *c)
{
    c->dwLibRequestPurgeTime = u32();
    c->dwOpRequestPurgeTime = u32();
    c->dwLibRequestFlags = u32();
    c->dwOpRequestFlags = u32();
    c->dwMediaPoolPolicy = u32();
}

static void fill_common(NTMS_OBJECTINFORMATIONA *o, DWORD type)
{
    memset(o, 0, sizeof(*o));
    o->dwSize = sizeof(*o);
    o->dwType = type;
    when(&o->Created);
    when(&o->Modified);
    guid(&o->ObjectGuid);
    o->Enabled = TRUE;
    o->dwOperationalState = u32();
    TEXT(o->szName);
    TEXT(o->szDescription);
}

typedef struct filler {
    DWORD type;
    void (*fill)(NTMS_OBJECTINFORMATIONA *o);
} filler;

#define FILLER(member, fn) \
    static void fill_##fn##_obj(NTMS_OBJECTINFORMATIONA *o) { fill_##fn(&o->Info.member); }
FILLER(Drive, drive)
FILLER(DriveType, drive_type)
FILLER(Library, library)
FILLER(Changer, changer)
FILLER(ChangerType, changer_type)
FILLER(StorageSlot, storage_slot)
FILLER(IEDoor, ie_door)
FILLER(IEPort, ie_port)
FILLER(PhysicalMedia, physical_media)
FILLER(LogicalMedia, logical_media)
FILLER(Partition, partition)
FILLER(MediaPool, media_pool)
FILLER(MediaType, media_type)
FILLER(LibRequest, lib_request)
FILLER(OpRequest, op_request)
FILLER(Computer, computer)

/* ------------------------------------------------------------------------ */
/* Helpers */

/* Through real bytes: to_pb, pack, unpack, from_pb. Returns from_pb's code. */
static DWORD through_wire(const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *out)
{
    objinfo_pb_t *h = calloc(1, sizeof(*h));
    Rsm__ObjectInfo *msg, *back;
    uint8_t *buf;
    size_t len;
    DWORD rc;

    assert_non_null(h);
    msg = objinfo_to_pb(in, h);
    assert_ptr_equal(msg, &h->msg);
    len = rsm__object_info__get_packed_size(msg);
    buf = malloc(len ? len : 1);
    assert_non_null(buf);
    assert_int_equal(rsm__object_info__pack(msg, buf), len);
    free(h); /* the bytes no longer depend on the holder */
    back = rsm__object_info__unpack(NULL, len, buf);
    free(buf);
    assert_non_null(back);
    rc = objinfo_from_pb(back, out);
    rsm__object_info__free_unpacked(back, NULL);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void test_round_trip(void **state)
{
    const filler *f = *state;
    NTMS_OBJECTINFORMATIONA in, out;

    fill_common(&in, f->type);
    f->fill(&in);
    memset(&out, 0x5a, sizeof(out));
    assert_int_equal(through_wire(&in, &out), 0);
    assert_int_equal(out.dwSize, sizeof(out));
    assert_int_equal(out.dwType, f->type);
    assert_memory_equal(&in, &out, sizeof(in));
}

static void test_every_field_travels(void **state)
{
    const filler *f = *state;
    NTMS_OBJECTINFORMATIONA in;
    objinfo_pb_t h;
    const ProtobufCMessage *sub;
    const ProtobufCMessageDescriptor *d;
    unsigned i;

    /* With every field non-zero, every field of the member is on the wire:
     * a field the mapping forgot would be absent here. */
    fill_common(&in, f->type);
    f->fill(&in);
    objinfo_to_pb(&in, &h);
    assert_int_not_equal(h.msg.info_case, RSM__OBJECT_INFO__INFO__NOT_SET);
    sub = (const ProtobufCMessage *)h.msg.drive;
    d = sub->descriptor;
    for (i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *fd = &d->fields[i];
        const char *p = (const char *)sub;

        if (fd->type == PROTOBUF_C_TYPE_STRING)
            assert_non_null(*(char *const *)(p + fd->offset));
        else
            assert_true(*(const protobuf_c_boolean *)(p + fd->quantifier_offset));
    }
}

static void test_zero_object(void **state)
{
    NTMS_OBJECTINFORMATIONA in, out;
    objinfo_pb_t h;
    Rsm__ObjectInfo *msg;

    (void)state;
    memset(&in, 0, sizeof(in));
    in.dwSize = sizeof(in);
    in.dwType = NTMS_DRIVE;
    msg = objinfo_to_pb(&in, &h);
    /* Zero values stay off the wire: only the type (2 bytes) and an empty
     * member (tag 2 bytes, length 1) remain. */
    assert_int_equal(rsm__object_info__get_packed_size(msg), 2 + 3);
    assert_int_equal(through_wire(&in, &out), 0);
    assert_memory_equal(&in, &out, sizeof(in));
}

static void test_unknown_type(void **state)
{
    NTMS_OBJECTINFORMATIONA in, out;
    objinfo_pb_t h;
    Rsm__ObjectInfo *msg;

    (void)state;
    fill_common(&in, 99);
    msg = objinfo_to_pb(&in, &h);
    assert_int_equal(msg->type, 99);
    assert_int_equal(msg->info_case, RSM__OBJECT_INFO__INFO__NOT_SET);
    assert_int_equal(through_wire(&in, &out), 0);
    assert_memory_equal(&in, &out, sizeof(in));
}

static void test_unterminated_strings(void **state)
{
    NTMS_OBJECTINFORMATIONA in, out;
    objinfo_pb_t h;
    Rsm__ObjectInfo *msg;

    (void)state;
    fill_common(&in, NTMS_DRIVE);
    fill_drive(&in.Info.Drive);
    memset(in.szName, 'N', sizeof(in.szName));
    memset(in.szDescription, 'D', sizeof(in.szDescription));
    memset(in.Info.Drive.szRevision, 'R', sizeof(in.Info.Drive.szRevision));

    /* The whole array goes out, and nothing beyond it. */
    msg = objinfo_to_pb(&in, &h);
    assert_int_equal(strlen(msg->name), sizeof(in.szName));
    assert_int_equal(strlen(msg->description), sizeof(in.szDescription));
    assert_int_equal(strlen(msg->drive->revision), sizeof(in.Info.Drive.szRevision));
    assert_int_equal(msg->drive->scsi_port, in.Info.Drive.ScsiPort);

    /* It comes back truncated and terminated. */
    assert_int_equal(through_wire(&in, &out), 0);
    assert_int_equal(strlen(out.szName), sizeof(out.szName) - 1);
    assert_int_equal(strlen(out.szDescription), sizeof(out.szDescription) - 1);
    assert_int_equal(strlen(out.Info.Drive.szRevision), sizeof(out.Info.Drive.szRevision) - 1);
    assert_int_equal(out.Info.Drive.ScsiPort, in.Info.Drive.ScsiPort);
    assert_memory_equal(&out.Info.Drive.Library, &in.Info.Drive.Library, sizeof(NTMS_GUID));
}

static void test_long_wire_strings(void **state)
{
    Rsm__ObjectInfo msg = RSM__OBJECT_INFO__INIT;
    NTMS_OBJECTINFORMATIONA out;
    char name[200], description[128];

    (void)state;
    /* 62 ASCII bytes, then a two-byte character that straddles the end of
     * szName: it is dropped whole, not cut in half. */
    memset(name, 'x', sizeof(name));
    memcpy(name + 62, "\xc3\xa9", 2);
    name[sizeof(name) - 1] = '\0';
    memset(description, 'y', sizeof(description));
    description[sizeof(description) - 1] = '\0';
    msg.type = NTMS_MEDIA_POOL;
    msg.name = name;
    msg.description = description;
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_int_equal(strlen(out.szName), 62);
    assert_int_equal(strlen(out.szDescription), NTMS_DESCRIPTION_LENGTH - 1);

    /* A character that fits exactly is kept. */
    name[63] = '\0';
    memcpy(name + 61, "\xc3\xa9", 2);
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_string_equal(out.szName + 61, "\xc3\xa9");
}

static void test_omid_label_length(void **state)
{
    NTMS_OBJECTINFORMATIONA in, out;
    objinfo_pb_t h;
    Rsm__ObjectInfo *msg;

    (void)state;
    fill_common(&in, NTMS_PARTITION);
    fill_partition(&in.Info.Partition);
    /* A length beyond the array is clamped to it on the way out. */
    in.Info.Partition.dwOmidLabelIdLength = 100000;
    msg = objinfo_to_pb(&in, &h);
    assert_int_equal(msg->partition->omid_label_id.len, NTMS_OMIDLABELID_LENGTH);
    /* A short label carries only its bytes. */
    in.Info.Partition.dwOmidLabelIdLength = 5;
    memset(in.Info.Partition.OmidLabelId + 5, 0, NTMS_OMIDLABELID_LENGTH - 5);
    assert_int_equal(through_wire(&in, &out), 0);
    assert_memory_equal(&in, &out, sizeof(in));
}

static void test_short_guid_rejected(void **state)
{
    Rsm__ObjectInfo msg = RSM__OBJECT_INFO__INIT;
    Rsm__LibraryInfo lib = RSM__LIBRARY_INFO__INIT;
    NTMS_OBJECTINFORMATIONA out;
    uint8_t bytes[17] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 };

    (void)state;
    msg.type = NTMS_LIBRARY;
    msg.info_case = RSM__OBJECT_INFO__INFO_LIBRARY;
    msg.library = &lib;
    lib.has_cleaner_slot = 1;
    lib.cleaner_slot.data = bytes;
    lib.cleaner_slot.len = 16;
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_int_equal(out.Info.Library.CleanerSlot.Data1, 0x01020304);

    lib.cleaner_slot.len = 15;
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);
    lib.cleaner_slot.len = 17;
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);

    /* The object's own GUID too. */
    lib.has_cleaner_slot = 0;
    msg.has_guid = 1;
    msg.guid.data = bytes;
    msg.guid.len = 15;
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);
    assert_true(wire_guid_is_null(&out.ObjectGuid));
}

static void test_member_mismatch_rejected(void **state)
{
    Rsm__ObjectInfo msg = RSM__OBJECT_INFO__INIT;
    Rsm__LibraryInfo lib = RSM__LIBRARY_INFO__INIT;
    NTMS_OBJECTINFORMATIONA out;

    (void)state;
    lib.has_number_of_slots = 1;
    lib.number_of_slots = 40;
    msg.info_case = RSM__OBJECT_INFO__INFO_LIBRARY;
    msg.library = &lib;

    msg.type = NTMS_LIBRARY;
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_int_equal(out.Info.Library.dwNumberOfSlots, 40);

    msg.type = NTMS_DRIVE;
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);
    msg.type = 99; /* a type without a member */
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);
    msg.type = NTMS_UNKNOWN;
    assert_int_equal(objinfo_from_pb(&msg, &out), ERROR_INVALID_PARAMETER);

    /* No member at all reads as a zero member. */
    msg.type = NTMS_DRIVE;
    msg.info_case = RSM__OBJECT_INFO__INFO__NOT_SET;
    msg.library = NULL;
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_int_equal(out.dwType, NTMS_DRIVE);
    assert_int_equal(out.Info.Drive.Number, 0);
}

static void test_reserved_not_carried(void **state)
{
    NTMS_OBJECTINFORMATIONA in, out;

    (void)state;
    fill_common(&in, NTMS_LIBRARY);
    fill_library(&in.Info.Library);
    guid(&in.Info.Library.Reserved);
    assert_int_equal(through_wire(&in, &out), 0);
    assert_true(wire_guid_is_null(&out.Info.Library.Reserved));
    memset(&in.Info.Library.Reserved, 0, sizeof(NTMS_GUID));
    assert_memory_equal(&in, &out, sizeof(in));
}

static void test_word_fields_wrap(void **state)
{
    Rsm__ObjectInfo msg = RSM__OBJECT_INFO__INIT;
    Rsm__IEDoorInfo door = RSM__IEDOOR_INFO__INIT;
    NTMS_OBJECTINFORMATIONA out;

    (void)state;
    msg.type = NTMS_IEDOOR;
    msg.info_case = RSM__OBJECT_INFO__INFO_IE_DOOR;
    msg.ie_door = &door;
    door.has_max_open_secs = 1;
    door.max_open_secs = 0x12345;
    assert_int_equal(objinfo_from_pb(&msg, &out), 0);
    assert_int_equal(out.Info.IEDoor.MaxOpenSecs, 0x2345);
}

#define ROUND_TRIP(fn, type)                                                 \
    { "round_trip_" #fn, test_round_trip, NULL, NULL, &(filler){ type, fill_##fn##_obj } }, \
    { "every_field_" #fn, test_every_field_travels, NULL, NULL, &(filler){ type, fill_##fn##_obj } }

int main(void)
{
    const struct CMUnitTest tests[] = {
        ROUND_TRIP(drive, NTMS_DRIVE),
        ROUND_TRIP(drive_type, NTMS_DRIVE_TYPE),
        ROUND_TRIP(library, NTMS_LIBRARY),
        ROUND_TRIP(changer, NTMS_CHANGER),
        ROUND_TRIP(changer_type, NTMS_CHANGER_TYPE),
        ROUND_TRIP(storage_slot, NTMS_STORAGESLOT),
        ROUND_TRIP(ie_door, NTMS_IEDOOR),
        ROUND_TRIP(ie_port, NTMS_IEPORT),
        ROUND_TRIP(physical_media, NTMS_PHYSICAL_MEDIA),
        ROUND_TRIP(logical_media, NTMS_LOGICAL_MEDIA),
        ROUND_TRIP(partition, NTMS_PARTITION),
        ROUND_TRIP(media_pool, NTMS_MEDIA_POOL),
        ROUND_TRIP(media_type, NTMS_MEDIA_TYPE),
        ROUND_TRIP(lib_request, NTMS_LIBREQUEST),
        ROUND_TRIP(op_request, NTMS_OPREQUEST),
        ROUND_TRIP(computer, NTMS_COMPUTER),
        cmocka_unit_test(test_zero_object),
        cmocka_unit_test(test_unknown_type),
        cmocka_unit_test(test_unterminated_strings),
        cmocka_unit_test(test_long_wire_strings),
        cmocka_unit_test(test_omid_label_length),
        cmocka_unit_test(test_short_guid_rejected),
        cmocka_unit_test(test_member_mismatch_rejected),
        cmocka_unit_test(test_reserved_not_carried),
        cmocka_unit_test(test_word_fields_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
