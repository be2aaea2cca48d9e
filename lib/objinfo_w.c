/*
 * objinfo_w.c - NTMS_OBJECTINFORMATIONA <-> NTMS_OBJECTINFORMATIONW.
 *
 * The wire and objinfo.c know only the A structure; the W functions convert
 * on the way in and out. The two structures have the same fields in the same
 * order, but every string array is four times wider in W, so every field
 * after the first string sits at a different offset. The tables below list
 * each field of the common header and of each union member with its offset
 * in both forms; one loop copies the plain fields and converts the strings.
 * Union members without strings are the same type in both forms and are
 * copied whole.
 */
#include <string.h>

#include "rsm_internal.h"

typedef struct field {
    unsigned char is_string;
    size_t a_offset, w_offset;
    size_t size; /* bytes of a plain field; characters of a string */
} field_t;

typedef struct member {
    DWORD type;
    const field_t *fields;
    size_t nfields;
} member_t;

/* The sizeof(char[...]) terms are compile-time checks that cost nothing:
 * a plain field must have the same size in both forms, a string the same
 * number of characters. */
#define CHECK(cond) (0 * sizeof(char[(cond) ? 1 : -1]))
#define A_OF(S) NTMS_##S##A
#define W_OF(S) NTMS_##S##W
#define SIZE_A(S, f) sizeof(((A_OF(S) *)0)->f)
#define SIZE_W(S, f) sizeof(((W_OF(S) *)0)->f)

#define PLAIN(S, f)                                                           \
    { 0, offsetof(A_OF(S), f), offsetof(W_OF(S), f),                          \
      SIZE_A(S, f) + CHECK(SIZE_A(S, f) == SIZE_W(S, f)) }
#define STRING(S, f)                                                          \
    { 1, offsetof(A_OF(S), f), offsetof(W_OF(S), f),                          \
      SIZE_A(S, f) + CHECK(SIZE_W(S, f) == SIZE_A(S, f) * sizeof(WCHAR)) }
/* A union member whose type is shared by both forms. */
#define WHOLE(T) { 0, 0, 0, sizeof(T) }

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The common header, except dwSize (set to the output's own size). */
static const field_t header_fields[] = {
    PLAIN(OBJECTINFORMATION, dwType),
    PLAIN(OBJECTINFORMATION, Created),
    PLAIN(OBJECTINFORMATION, Modified),
    PLAIN(OBJECTINFORMATION, ObjectGuid),
    PLAIN(OBJECTINFORMATION, Enabled),
    PLAIN(OBJECTINFORMATION, dwOperationalState),
    STRING(OBJECTINFORMATION, szName),
    STRING(OBJECTINFORMATION, szDescription),
};

static const field_t drive_fields[] = {
    PLAIN(DRIVEINFORMATION, Number),
    PLAIN(DRIVEINFORMATION, State),
    PLAIN(DRIVEINFORMATION, DriveType),
    STRING(DRIVEINFORMATION, szDeviceName),
    STRING(DRIVEINFORMATION, szSerialNumber),
    STRING(DRIVEINFORMATION, szRevision),
    PLAIN(DRIVEINFORMATION, ScsiPort),
    PLAIN(DRIVEINFORMATION, ScsiBus),
    PLAIN(DRIVEINFORMATION, ScsiTarget),
    PLAIN(DRIVEINFORMATION, ScsiLun),
    PLAIN(DRIVEINFORMATION, dwMountCount),
    PLAIN(DRIVEINFORMATION, LastCleanedTs),
    PLAIN(DRIVEINFORMATION, SavedPartitionId),
    PLAIN(DRIVEINFORMATION, Library),
    PLAIN(DRIVEINFORMATION, Reserved),
    PLAIN(DRIVEINFORMATION, dwDeferDismountDelay),
};

static const field_t drive_type_fields[] = {
    STRING(DRIVETYPEINFORMATION, szVendor),
    STRING(DRIVETYPEINFORMATION, szProduct),
    PLAIN(DRIVETYPEINFORMATION, NumberOfHeads),
    PLAIN(DRIVETYPEINFORMATION, DeviceType),
};

static const field_t changer_fields[] = {
    PLAIN(CHANGERINFORMATION, Number),
    PLAIN(CHANGERINFORMATION, ChangerType),
    STRING(CHANGERINFORMATION, szSerialNumber),
    STRING(CHANGERINFORMATION, szRevision),
    STRING(CHANGERINFORMATION, szDeviceName),
    PLAIN(CHANGERINFORMATION, ScsiPort),
    PLAIN(CHANGERINFORMATION, ScsiBus),
    PLAIN(CHANGERINFORMATION, ScsiTarget),
    PLAIN(CHANGERINFORMATION, ScsiLun),
    PLAIN(CHANGERINFORMATION, Library),
};

static const field_t changer_type_fields[] = {
    STRING(CHANGERTYPEINFORMATION, szVendor),
    STRING(CHANGERTYPEINFORMATION, szProduct),
    PLAIN(CHANGERTYPEINFORMATION, DeviceType),
};

static const field_t physical_media_fields[] = {
    PLAIN(PMIDINFORMATION, CurrentLibrary),
    PLAIN(PMIDINFORMATION, MediaPool),
    PLAIN(PMIDINFORMATION, Location),
    PLAIN(PMIDINFORMATION, LocationType),
    PLAIN(PMIDINFORMATION, MediaType),
    PLAIN(PMIDINFORMATION, HomeSlot),
    STRING(PMIDINFORMATION, szBarCode),
    PLAIN(PMIDINFORMATION, BarCodeState),
    STRING(PMIDINFORMATION, szSequenceNumber),
    PLAIN(PMIDINFORMATION, MediaState),
    PLAIN(PMIDINFORMATION, dwNumberOfPartitions),
    PLAIN(PMIDINFORMATION, dwMediaTypeCode),
    PLAIN(PMIDINFORMATION, dwDensityCode),
    PLAIN(PMIDINFORMATION, MountedPartition),
};

static const field_t partition_fields[] = {
    PLAIN(PARTITIONINFORMATION, PhysicalMedia),
    PLAIN(PARTITIONINFORMATION, LogicalMedia),
    PLAIN(PARTITIONINFORMATION, State),
    PLAIN(PARTITIONINFORMATION, Side),
    PLAIN(PARTITIONINFORMATION, dwOmidLabelIdLength),
    PLAIN(PARTITIONINFORMATION, OmidLabelId),
    STRING(PARTITIONINFORMATION, szOmidLabelType),
    STRING(PARTITIONINFORMATION, szOmidLabelInfo),
    PLAIN(PARTITIONINFORMATION, dwMountCount),
    PLAIN(PARTITIONINFORMATION, dwAllocateCount),
    PLAIN(PARTITIONINFORMATION, Capacity),
};

static const field_t lib_request_fields[] = {
    PLAIN(LIBREQUESTINFORMATION, OperationCode),
    PLAIN(LIBREQUESTINFORMATION, OperationOption),
    PLAIN(LIBREQUESTINFORMATION, State),
    PLAIN(LIBREQUESTINFORMATION, PartitionId),
    PLAIN(LIBREQUESTINFORMATION, DriveId),
    PLAIN(LIBREQUESTINFORMATION, PhysMediaId),
    PLAIN(LIBREQUESTINFORMATION, Library),
    PLAIN(LIBREQUESTINFORMATION, SlotId),
    PLAIN(LIBREQUESTINFORMATION, TimeQueued),
    PLAIN(LIBREQUESTINFORMATION, TimeCompleted),
    STRING(LIBREQUESTINFORMATION, szApplication),
    STRING(LIBREQUESTINFORMATION, szUser),
    STRING(LIBREQUESTINFORMATION, szComputer),
    PLAIN(LIBREQUESTINFORMATION, dwErrorCode),
    PLAIN(LIBREQUESTINFORMATION, WorkItemId),
    PLAIN(LIBREQUESTINFORMATION, dwPriority),
};

static const field_t op_request_fields[] = {
    PLAIN(OPREQUESTINFORMATION, Request),
    PLAIN(OPREQUESTINFORMATION, Submitted),
    PLAIN(OPREQUESTINFORMATION, State),
    STRING(OPREQUESTINFORMATION, szMessage),
    PLAIN(OPREQUESTINFORMATION, Arg1Type),
    PLAIN(OPREQUESTINFORMATION, Arg1),
    PLAIN(OPREQUESTINFORMATION, Arg2Type),
    PLAIN(OPREQUESTINFORMATION, Arg2),
    STRING(OPREQUESTINFORMATION, szApplication),
    STRING(OPREQUESTINFORMATION, szUser),
    STRING(OPREQUESTINFORMATION, szComputer),
};

static const field_t library_whole[] = { WHOLE(NTMS_LIBRARYINFORMATION) };
static const field_t storage_slot_whole[] = { WHOLE(NTMS_STORAGESLOTINFORMATION) };
static const field_t ie_door_whole[] = { WHOLE(NTMS_IEDOORINFORMATION) };
static const field_t ie_port_whole[] = { WHOLE(NTMS_IEPORTINFORMATION) };
static const field_t logical_media_whole[] = { WHOLE(NTMS_LMIDINFORMATION) };
static const field_t media_pool_whole[] = { WHOLE(NTMS_MEDIAPOOLINFORMATION) };
static const field_t media_type_whole[] = { WHOLE(NTMS_MEDIATYPEINFORMATION) };
static const field_t computer_whole[] = { WHOLE(NTMS_COMPUTERINFORMATION) };

#define MEMBER(type, fields) { type, fields, COUNT(fields) }

static const member_t members[] = {
    MEMBER(NTMS_DRIVE, drive_fields),
    MEMBER(NTMS_DRIVE_TYPE, drive_type_fields),
    MEMBER(NTMS_LIBRARY, library_whole),
    MEMBER(NTMS_CHANGER, changer_fields),
    MEMBER(NTMS_CHANGER_TYPE, changer_type_fields),
    MEMBER(NTMS_STORAGESLOT, storage_slot_whole),
    MEMBER(NTMS_IEDOOR, ie_door_whole),
    MEMBER(NTMS_IEPORT, ie_port_whole),
    MEMBER(NTMS_PHYSICAL_MEDIA, physical_media_fields),
    MEMBER(NTMS_LOGICAL_MEDIA, logical_media_whole),
    MEMBER(NTMS_PARTITION, partition_fields),
    MEMBER(NTMS_MEDIA_POOL, media_pool_whole),
    MEMBER(NTMS_MEDIA_TYPE, media_type_whole),
    MEMBER(NTMS_LIBREQUEST, lib_request_fields),
    MEMBER(NTMS_OPREQUEST, op_request_fields),
    MEMBER(NTMS_COMPUTER, computer_whole),
};

static const member_t *member_for(DWORD type)
{
    for (size_t i = 0; i < COUNT(members); i++)
        if (members[i].type == type)
            return &members[i];
    return NULL; /* an unknown type has only the common header */
}

/* Copy or convert the listed fields from `a` to `w`, or back when
 * `to_a` is set. A string must fit its destination and be valid text. */
static DWORD convert_fields(const field_t *f, size_t n, char *a, char *w, int to_a)
{
    for (size_t i = 0; i < n; i++, f++) {
        char *af = a + f->a_offset;
        WCHAR *wf = (WCHAR *)(void *)(w + f->w_offset);
        size_t needed;
        DWORD err;

        if (!f->is_string) {
            if (to_a)
                memcpy(af, wf, f->size);
            else
                memcpy(wf, af, f->size);
            continue;
        }
        err = to_a ? text_wide_to_utf8(wf, f->size, af, f->size, &needed)
                   : text_utf8_to_wide(af, f->size, wf, f->size, &needed);
        if (err != 0) {
            rsm_log("object information: a string field %s",
                    err == ERROR_INSUFFICIENT_BUFFER ? "does not fit" : "is not valid text");
            return ERROR_INVALID_PARAMETER;
        }
    }
    return 0;
}

/* Both directions, with the casts in one place: the tables treat the two
 * structures as byte arrays and are the only thing that knows their shape. */
static DWORD convert(char *a, char *w, DWORD type, int to_a)
{
    const member_t *m = member_for(type);
    DWORD err;

    err = convert_fields(header_fields, COUNT(header_fields), a, w, to_a);
    if (err == 0 && m != NULL)
        err = convert_fields(m->fields, m->nfields,
                             a + offsetof(NTMS_OBJECTINFORMATIONA, Info),
                             w + offsetof(NTMS_OBJECTINFORMATIONW, Info), to_a);
    return err;
}

DWORD objinfo_a_to_w(const NTMS_OBJECTINFORMATIONA *a, NTMS_OBJECTINFORMATIONW *w)
{
    memset(w, 0, sizeof(*w));
    w->dwSize = sizeof(*w);
    /* Reading only: convert() writes to the W side in this direction. */
    return convert((char *)(uintptr_t)a, (char *)w, a->dwType, 0);
}

DWORD objinfo_w_to_a(const NTMS_OBJECTINFORMATIONW *w, NTMS_OBJECTINFORMATIONA *a)
{
    memset(a, 0, sizeof(*a));
    a->dwSize = sizeof(*a);
    return convert((char *)a, (char *)(uintptr_t)w, w->dwType, 1);
}
