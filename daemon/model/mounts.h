/*
 * mounts.h - mounts in the database: which IDs name a medium to mount, what
 * may be mounted, and the states a mount gives drives, media and sides.
 *
 * The mount queue (daemon/queue/) decides who gets which drive; these
 * functions say what the database must look like at each step, each one
 * transaction:
 *
 *   medium moved into a drive     drive DISMOUNTABLE, medium LOADED
 *                                 (model_move_done, elements.c)
 *   mounted for an application    drive MOUNTED, medium MOUNTED,
 *                                 MountedPartition = side, mount counts + 1
 *   deferred dismount             drive DISMOUNTABLE, medium LOADED
 *   medium back in a slot         drive DISMOUNTED, medium IDLE
 *                                 (model_move_done)
 *
 * No mount survives a restart (its application's session is gone), so at
 * start MOUNTED becomes LOADED / DISMOUNTABLE.
 */
#ifndef RSM_MODEL_MOUNTS_H
#define RSM_MODEL_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "store/store.h"

/* What one ID of MountNtmsMedia / DismountNtmsMedia names. */
typedef struct mount_target {
    NTMS_GUID side;               /* the NTMS_PARTITION */
    NTMS_GUID medium;             /* its NTMS_PHYSICAL_MEDIA */
    NTMS_GUID library;            /* the medium's CurrentLibrary */
    NTMS_GUID location;           /* the element object it is in */
    DWORD location_type;          /* NTMS_STORAGESLOT, NTMS_DRIVE, NTMS_IEPORT, NTMS_LIBRARY (offline) */
    DWORD side_state;             /* NTMS_PARTSTATE_* */
    bool enabled;                 /* the medium and the side are enabled */
    bool offline;                 /* in the offline library (or no library) */
} mount_target_t;

/* Resolve `id`: a logical medium (its side), a side, or a physical medium
 * (its first side). ERROR_INVALID_MEDIA for anything else or an unknown
 * GUID. */
DWORD model_mount_target(store_t *st, const NTMS_GUID *id, mount_target_t *out);

/* May `t` be mounted with `options` (NTMS_MOUNT_*)? ERROR_WRITE_PROTECT
 * for a Complete side mounted for writing; ERROR_INVALID_MEDIA for a side
 * that holds no usable data (decommissioned, incompatible);
 * ERROR_RESOURCE_DISABLED for a disabled medium or side. Offline media
 * pass (the caller decides about them). */
DWORD model_mount_allowed(const mount_target_t *t, DWORD options);

/* The medium `medium` in drive object `drive` is now mounted as `side`. */
DWORD model_mount_record(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *medium, const NTMS_GUID *side);

/* The application let it go but it stays in the drive (deferred). */
DWORD model_mount_release(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *medium);

/* At start: no mount survives. *n (may be NULL) counts the media. */
DWORD model_mounts_recover(store_t *st, size_t *n);

/* Does the label read from a mounted side (`raw`, `len` bytes: its first
 * block) agree with the on-media identifier recorded for it? True when
 * nothing checkable is recorded (no label, or a file system's). */
bool model_omid_matches(const NTMS_PARTITIONINFORMATIONA *side, const uint8_t *raw, size_t len);

#endif
