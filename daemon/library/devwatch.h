/*
 * devwatch.h - noticing that media or devices came and went: udev events
 * and TEST UNIT READY polling for stand-alone drives, and the device change
 * detection sessions of the API (Begin/Set/EndNtmsDeviceChangeDetection).
 *
 * SCSI and IDE drives do not announce that a person put a medium in or took
 * it out (concepts/rsm-media-change-detection.md): the host has to ask. So
 * for every stand-alone library that some detection session watches, a
 * timer asks the library's worker, every poll_ms, whether a medium is in the
 * drive; when the answer differs from the last one, the core is told to
 * re-check that library. udev adds what the kernel does report (a disc
 * inserted into an optical drive, a tape or RDX drive plugged in or
 * unplugged): an event on a watched library's device also triggers the
 * re-check at once. Where udev is not running (containers: no /run/udev),
 * polling alone does the work; that is logged once, at info.
 *
 * Everything here runs on the loop thread: the callbacks are called there,
 * and every function must be called there. devwatch never touches a device
 * itself: the `poll` callback submits the worker's job (JOB_DRIVE_READY with
 * timeout 0, or JOB_CHECK) and the job's completion reports back with
 * devwatch_poll_done().
 */
#ifndef RSM_DEVWATCH_H
#define RSM_DEVWATCH_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include <rsm/ntmsapi.h>

#include "store/store.h"

enum devwatch_action { DEVWATCH_ADD = 1, DEVWATCH_REMOVE, DEVWATCH_CHANGE };

typedef struct devwatch_callbacks {
    /* A device came, went or changed (udev). devnode is the kernel node
     * (/dev/nst0, /dev/sr0, /dev/sdb, /dev/sg3); sg is the /dev/sgN of the
     * same SCSI device, "" when unknown (after a removal sysfs is gone).
     * For discovery of new stand-alone drives; may be NULL. */
    void (*device)(enum devwatch_action action, const char *devnode, const char *sg, void *ctx);
    /* Ask the worker of `library` whether a medium is in its drive. Return
     * 0 when the question was submitted: exactly one devwatch_poll_done()
     * for this library must follow (it may come before `poll` returns).
     * Any other value: not submitted, the next tick asks again. */
    DWORD (*poll)(const NTMS_GUID *library, void *ctx);
    /* Re-check `library` now (read its element status, update the drive
     * and media objects): its medium was inserted, removed or replaced, or
     * its device went away or came back. `reason` is for the log. */
    void (*recheck)(const NTMS_GUID *library, const char *reason, void *ctx);
    void *ctx;
} devwatch_callbacks_t;

typedef struct devwatch_options {
    unsigned poll_ms;          /* polling period; 0: DEVWATCH_POLL_MS */
    bool no_udev;              /* polling only (tests) */
    const char *udev_run_dir;  /* NULL: "/run/udev"; udev is used only where it exists */
} devwatch_options_t;

#define DEVWATCH_POLL_MS 2000u

typedef struct devwatch devwatch_t;

/* Start watching on `loop`. `st` (the loop's store) resolves the GUIDs
 * given to devwatch_session_set; NULL skips that (then only library GUIDs
 * are accepted, unchecked: tests). `opt` may be NULL. */
DWORD devwatch_start(uv_loop_t *loop, store_t *st, const devwatch_options_t *opt, const devwatch_callbacks_t *cb,
                     devwatch_t **out);
/* Stop: no callback runs after this returns; the memory is released once
 * the loop has closed the handles (the loop must run again). */
void devwatch_stop(devwatch_t *dw);
/* Are udev events arriving (false: polling only)? */
bool devwatch_has_udev(const devwatch_t *dw);

/* ------------------------------------------------------------------------
 * The stand-alone libraries, registered by the core when they start. */

/* `device` is the configured device (/dev/nst0, /dev/sg3, iscsi://...);
 * `sg` its sg node if known ("" or NULL otherwise); `present` what the
 * attach saw: 1 medium in, 0 empty, -1 unknown (the first poll then counts
 * as a change). Registering again updates the entry. */
DWORD devwatch_add_library(devwatch_t *dw, const NTMS_GUID *library, const char *device, const char *sg,
                           int present);
void devwatch_remove_library(devwatch_t *dw, const NTMS_GUID *library);

/* The answer to a `poll`: result 0 and whether a medium is in the drive,
 * or the error the worker got (a JOB_DRIVE_READY's result and present may
 * be passed as they are: ERROR_TIMEOUT with present counts as present). A change of answer (medium in/out, device
 * failing/answering again) calls `recheck`. */
void devwatch_poll_done(devwatch_t *dw, const NTMS_GUID *library, DWORD result, bool present);
/* What the core itself just did (mounted, ejected): the new baseline, so
 * that it is not reported back as a change. */
void devwatch_set_present(devwatch_t *dw, const NTMS_GUID *library, bool present);

/* Feed one event as if udev had sent it (tests; and a caller with its own
 * event source). */
void devwatch_inject_event(devwatch_t *dw, enum devwatch_action action, const char *devnode, const char *sg);

/* ------------------------------------------------------------------------
 * Device change detection sessions. `owner` is the id of the client session
 * that began it (closing that session ends its detection sessions); a
 * handle used by another owner is ERROR_INVALID_HANDLE. Ids are never 0, so a
 * client can send 0 for the NULL handle. */

/* BeginNtmsDeviceChangeDetection: a new, empty detection session. */
DWORD devwatch_session_begin(devwatch_t *dw, uint64_t owner, uint64_t *id);

/* SetNtmsDeviceChangeDetection: add `count` objects of `type` to session
 * `id`: NTMS_LIBRARY (those libraries), NTMS_MEDIA_TYPE (every library that
 * handles one of those media types) or NTMS_PHYSICAL_MEDIA (the library
 * holding the medium and every library handling its media type). Additive:
 * what was set before stays watched until the session ends. The set of
 * libraries is resolved now; a library added to the system later is not
 * covered by an earlier media-type request. id 0 (the NULL handle) polls
 * the resolved libraries once, at once, and watches nothing.
 * Errors: ERROR_INVALID_HANDLE (id), ERROR_INVALID_PARAMETER (type, no
 * GUIDs), ERROR_INVALID_LIBRARY (a library GUID that is no library),
 * ERROR_INVALID_MEDIA (a media or media type GUID that is none), a store
 * error. Nothing is added when any GUID is refused. */
DWORD devwatch_session_set(devwatch_t *dw, uint64_t owner, uint64_t id, DWORD type, const NTMS_GUID *ids,
                           DWORD count);

/* EndNtmsDeviceChangeDetection. */
DWORD devwatch_session_end(devwatch_t *dw, uint64_t owner, uint64_t id);
/* The client session `owner` closed: end all its detection sessions. */
void devwatch_session_end_owner(devwatch_t *dw, uint64_t owner);

#endif
