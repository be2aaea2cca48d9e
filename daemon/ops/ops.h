/*
 * ops.h - the library operations the API starts: inventory, inject, eject,
 * door access, slot identification, enable/disable, deleting libraries and
 * drives, stand-alone ejects and device change detection.
 *
 * Each operation that touches hardware is a library request (NTMS_LIBREQUEST,
 * daemon/model/librequest.h) run as a chain of jobs on its library's worker
 * (daemon/library/library.h): the request is created QUEUED when the call
 * is accepted, INPROCESS while its jobs run, WAITING while it waits for the
 * operator, and finished with the outcome. The rules (who may do what to
 * which object) are the model's (daemon/model/devices.h); this layer owns
 * the sequencing and the timers.
 *
 * Threads: everything here runs on the loop thread; job completions come
 * back there too. One service has one loop and one store: ops_attach
 * records them on first use.
 *
 * Returns: 0 when the operation is queued (the caller answers success at
 * once), an error code (nothing was started), or OPS_PENDING when the
 * caller must wait: `done(arg, err)` then runs exactly once, later, on the
 * loop thread.
 */
#ifndef RSM_OPS_H
#define RSM_OPS_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include <rsm/ntmsapi.h>

#include "model/principal.h"
#include "store/store.h"

#define OPS_PENDING 997u /* ERROR_IO_PENDING: the answer comes later */

typedef void (*ops_done_fn)(void *arg, DWORD err);

/* Record the loop and store (idempotent). */
void ops_attach(uv_loop_t *loop, store_t *st);

/* InventoryNtmsLibrary: queue an inventory (NTMS_INVENTORY_NONE .. SLOT),
 * or stop the library's open one (NTMS_INVENTORY_STOP). */
DWORD ops_inventory(const principal_t *who, const NTMS_GUID *library, DWORD action);

/* AccessNtmsLibraryDoor: unlock the door; once it is closed again, run the
 * inventory `action` names. */
DWORD ops_door(const principal_t *who, const NTMS_GUID *library, DWORD action);

/* InjectNtmsMedia. START and STARTMANY set *out to the new operation;
 * STOP and RETRACT act on operation `op`. */
DWORD ops_inject(const principal_t *who, const NTMS_GUID *library, DWORD action,
                 const NTMS_GUID *op, NTMS_GUID *out);

/* EjectNtmsMedia. `media` may be NULL for START (run the queued batch).
 * *out is the operation; IMMEDIATE and ASK_USER answer OPS_PENDING and call
 * `done` when the medium is in the port. */
DWORD ops_eject(const principal_t *who, const NTMS_GUID *media, DWORD action, const NTMS_GUID *op,
                NTMS_GUID *out, ops_done_fn done, void *arg);

/* IdentifyNtmsSlot: OPS_PENDING; `done` when the slot is reconciled. */
DWORD ops_identify_slot(const principal_t *who, const NTMS_GUID *slot, DWORD option,
                        ops_done_fn done, void *arg);

/* Enable/DisableNtmsObject. */
DWORD ops_set_enabled(const principal_t *who, DWORD type, const NTMS_GUID *id, int enabled);

/* DeleteNtmsLibrary, DeleteNtmsDrive. */
DWORD ops_delete_library(const principal_t *who, const NTMS_GUID *id);
DWORD ops_delete_drive(const principal_t *who, const NTMS_GUID *id);

/* EjectDiskFromSADrive: the medium of the stand-alone drive whose device
 * is `device`. IMMEDIATE, ASK_USER and FORCE answer OPS_PENDING. */
DWORD ops_eject_standalone(const principal_t *who, const char *device, DWORD options,
                           ops_done_fn done, void *arg);

/* Device change detection. Handles belong to a session (its id) and end
 * with it. ops_detect_set with handle 0 polls the devices once. */
DWORD ops_detect_begin(uint64_t session, uint64_t *handle);
DWORD ops_detect_set(uint64_t session, uint64_t handle, DWORD type, const NTMS_GUID *ids, size_t n);
DWORD ops_detect_end(uint64_t session, uint64_t handle);
void ops_detect_session_ended(uint64_t session);

/* --- drive cleaning (cleaner.c, clean.c, health.c, inject.c, eject.c) -------
 * docs/design/cleaning.md. */

/* ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot: done at once. */
DWORD ops_reserve_cleaner(const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *slot);
DWORD ops_release_cleaner(const principal_t *who, const NTMS_GUID *library);

/* InjectNtmsCleaner: START brings one cartridge through a port into the
 * cleaner slot, recorded as the cleaner with `uses` left; *out is the
 * operation. STOP ends operation `op`. */
DWORD ops_inject_cleaner(const principal_t *who, const NTMS_GUID *library, DWORD action, const NTMS_GUID *op,
                         DWORD uses, NTMS_GUID *out);

/* EjectNtmsCleaner: START takes the cleaner out through a port; *out is
 * the operation. STOP ends operation `op`. */
DWORD ops_eject_cleaner(const principal_t *who, const NTMS_GUID *library, DWORD action, const NTMS_GUID *op,
                        NTMS_GUID *out);

/* CleanNtmsDrive: queue the cleaning of drive object `drive` (a stand-alone
 * drive is marked cleaned at once). */
DWORD ops_clean_drive(const principal_t *who, const NTMS_GUID *drive);

/* At start, after queue_attach: drives report their health after each
 * dismount (the mount queue's unload hook). */
void ops_clean_start(uv_loop_t *loop, store_t *st);
/* At stop, before queue_stop: cleanings end CANCELLED and give their drives
 * back. Idempotent. */
void ops_clean_stop(void);

/* CancelNtmsLibraryRequest for library operations (and cleanings waiting
 * for a cleaner): one that has not started ends CANCELLED (0); a running
 * one cannot be (ERROR_ACCESS_DENIED); ERROR_OBJECT_NOT_FOUND when no open
 * operation has that request. */
DWORD ops_cancel_request(const NTMS_GUID *request);

/* --- the robot's part of mounts (load.c) -----------------------------------
 * Both run under library request `request`, which the caller (the mount
 * queue) created and ends itself, and take their turn in the library's
 * queue of operations like any other. They return OPS_PENDING and call
 * `done` once, or return an error and never call it. */

typedef struct ops_load {
    NTMS_GUID medium;            /* the physical medium to load */
    NTMS_GUID side;              /* the side mounted: its recorded label is checked */
    uint16_t drive;              /* the drive element it goes into */
    unsigned ready_ms;           /* how long the drive may take to become ready */
} ops_load_t;

/* Load `spec->medium` into `spec->drive` (first putting away a medium the
 * drive holds, or unloading the drive the medium is in), wait until the
 * drive is ready and check the label. ERROR_INVALID_MEDIA: the label read
 * is not the recorded one (the cartridge went back); ERROR_INVALID_STATE:
 * the drive did not become ready (the medium stays in it). */
DWORD ops_load(const NTMS_GUID *request, const NTMS_GUID *library, const ops_load_t *spec, ops_done_fn done,
               void *arg);

/* Unload drive element `drive` and put `medium` back in its home slot (or
 * the lowest empty one). */
DWORD ops_unload(const NTMS_GUID *request, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t drive,
                 ops_done_fn done, void *arg);

/* --- on-media identification ----------------------------------------------- */

/* Reading labels needs the mount queue's drives, which sit above this
 * layer, so the reader (daemon/label/omid.c) registers itself here. */
typedef struct ops_omid_reader {
    /* Read the labels of `library`'s cartridges in its slots whose first
     * side has no on-media identifier (`slot` NULL), or of the cartridge
     * in `slot` whatever its label, on idle drives, and place each one
     * (model/placement.h). 0: `done` (may be NULL) runs once when all are
     * read; else an error, and it never runs. */
    DWORD (*start)(const NTMS_GUID *library, const NTMS_GUID *slot, ops_done_fn done, void *arg);
    /* NTMS_INVENTORY_STOP: the library's reads end after the cartridge in
     * hand (their `done` gets ERROR_CANCELLED). */
    void (*stop)(const NTMS_GUID *library);
} ops_omid_reader_t;

/* NULL: none (an OMID inventory is then a FAST one, and says so). */
void ops_set_omid_reader(const ops_omid_reader_t *reader);

#endif
