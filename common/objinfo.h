/*
 * objinfo.h - NTMS_OBJECTINFORMATIONA <-> protobuf ObjectInfo.
 *
 * Both ends speak NTMS_OBJECTINFORMATIONA in memory (the service's model uses
 * the API structure as its record type), so one pair of functions here is the
 * whole mapping. Packing never allocates: the protobuf message and all of its
 * sub-messages live inside objinfo_pb_t, and strings and GUIDs point into the
 * source structure (or into the holder's own GUID buffers), so the holder
 * must outlive the pack call and the source must not change before it.
 */
#ifndef RSM_COMMON_OBJINFO_H
#define RSM_COMMON_OBJINFO_H

#include "wire.h"

/* Enough 16-byte buffers for every GUID field of the largest union member. */
#define OBJINFO_MAX_GUIDS 8

typedef struct objinfo_pb {
    Rsm__ObjectInfo msg;
    union {
        Rsm__DriveInfo drive;
        Rsm__DriveTypeInfo drive_type;
        Rsm__LibraryInfo library;
        Rsm__ChangerInfo changer;
        Rsm__ChangerTypeInfo changer_type;
        Rsm__StorageSlotInfo storage_slot;
        Rsm__IEDoorInfo ie_door;
        Rsm__IEPortInfo ie_port;
        Rsm__PhysicalMediaInfo physical_media;
        Rsm__LogicalMediaInfo logical_media;
        Rsm__PartitionInfo partition;
        Rsm__MediaPoolInfo media_pool;
        Rsm__MediaTypeInfo media_type;
        Rsm__LibRequestInfo lib_request;
        Rsm__OpRequestInfo op_request;
        Rsm__ComputerInfo computer;
    } sub;
    uint8_t guids[OBJINFO_MAX_GUIDS + 1][16];
    int nguids;
    /* NUL-terminated copies of the fixed-size string fields, since a
     * structure filled by a careless caller may lack the terminator. */
    char strings[12][257];
    int nstrings;
} objinfo_pb_t;

/* Fill holder->msg from `in` (its dwType selects the union member; an
 * unknown type yields only the common fields). Returns &holder->msg. */
Rsm__ObjectInfo *objinfo_to_pb(const NTMS_OBJECTINFORMATIONA *in, objinfo_pb_t *holder);

/* Fill `out` from a decoded message. Sets dwSize = sizeof(*out) and dwType =
 * msg->type; strings are truncated to the structure's array sizes and always
 * NUL-terminated. Returns 0, or ERROR_INVALID_PARAMETER when a GUID field is
 * not 16 bytes or the union member does not match msg->type. */
DWORD objinfo_from_pb(const Rsm__ObjectInfo *msg, NTMS_OBJECTINFORMATIONA *out);

#endif
