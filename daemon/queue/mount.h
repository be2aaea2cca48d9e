/*
 * mount.h - MountNtmsMedia, DismountNtmsMedia, DismountNtmsDrive and the
 * calls on the library request queue (cancel, order, delete), as the
 * server's dispatch calls them. Everything runs on the loop thread.
 *
 * A mount is a library request (NTMS_LM_MOUNT) that waits in its
 * library's queue until drives are granted to it (queue.h and
 * docs/design/queue.md say how), then has its media loaded by the robot,
 * and ends PASSED once every medium is in a ready drive. The caller hears
 * the outcome through `done`, with the drive of each medium.
 */
#ifndef RSM_QUEUE_MOUNT_H
#define RSM_QUEUE_MOUNT_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include <rsm/ntmsapi.h>

#include "model/principal.h"
#include "store/store.h"

#define QUEUE_PENDING 997u /* ERROR_IO_PENDING: `done` will be called */

/* Settings of the queue (rsmd.conf [rsmd]). */
typedef struct queue_options {
    unsigned age_seconds;        /* a waiting mount gains one priority step per this many
                                  * seconds (default 10): nothing waits for ever */
    unsigned ready_seconds;      /* how long a loaded drive may take to become ready
                                  * (default 120) */
    unsigned defer_seconds;      /* idle time of a deferred dismount when the drive object
                                  * says 0 (default 300) */
} queue_options_t;

/* Start the queue on `loop` (`opt` NULL: defaults). */
void queue_attach(uv_loop_t *loop, store_t *st, const queue_options_t *opt);
/* Shutdown, before the libraries stop: every waiting mount and claim is
 * answered ERROR_CANCELLED, running ones are abandoned, timers stop. */
void queue_stop(void);
/* After the libraries stopped: free what is left. */
void queue_free(void);

typedef struct mount mount_t;

/* The outcome of a mount: 0 and the drive object of each medium, or an
 * error (drives NULL). */
typedef void (*mount_done_fn)(void *ctx, DWORD err, const NTMS_GUID *drives, size_t n);

typedef struct mount_args {
    const NTMS_GUID *media;      /* n logical media, sides or physical media */
    const NTMS_GUID *drives;     /* NTMS_MOUNT_SPECIFIC_DRIVE: n drives; else NULL */
    size_t n;
    DWORD options;               /* NTMS_MOUNT_* */
    int priority;                /* -15 .. 15 */
    DWORD timeout_ms;            /* INFINITE: no limit */
    uint64_t owner;              /* the session: its mounts end with it */
} mount_args_t;

/* MountNtmsMedia. Returns QUEUE_PENDING and calls `done` once later (on
 * success, failure, time-out or cancel), or returns an error and never
 * calls it. With NTMS_MOUNT_NOWAIT it returns 0 once the request is queued
 * and `done` is never called. *request (may be NULL) is the request. */
DWORD queue_mount(store_t *st, const principal_t *who, const mount_args_t *a, mount_done_fn done, void *ctx,
                  NTMS_GUID *request, mount_t **handle);

/* The caller of a pending mount went away: it is not answered; a mount
 * still waiting is cancelled, one in progress completes and leaves its
 * media loaded, not mounted. */
void queue_mount_abandon(mount_t *m);

/* DismountNtmsMedia: the media are MOUNTED; each is released (DEFERRED:
 * stays in its drive) or queued to go home. Returns once queued. */
DWORD queue_dismount(store_t *st, const principal_t *who, const NTMS_GUID *media, size_t n, DWORD options);

/* DismountNtmsDrive: the drive's medium goes home. */
DWORD queue_dismount_drive(store_t *st, const principal_t *who, const NTMS_GUID *drive);

/* A session ended: its mounts are released as deferred dismounts, and its
 * NTMS_MOUNT_NOWAIT mounts abandoned like its parked ones. */
void queue_session_ended(uint64_t owner);

/* CancelNtmsLibraryRequest, Get/SetNtmsRequestOrder, DeleteNtmsRequests. */
DWORD queue_cancel(store_t *st, const principal_t *who, const NTMS_GUID *request);
DWORD queue_get_order(store_t *st, const NTMS_GUID *request, DWORD *order);
DWORD queue_set_order(store_t *st, const NTMS_GUID *request, DWORD order);
DWORD queue_delete_requests(store_t *st, const NTMS_GUID *ids, size_t n, DWORD type);

#endif
