/*
 * queue.h - the library request queue: who gets each drive, and when.
 *
 * Each library has one queue. Mounts (MountNtmsMedia), and any other work
 * that needs a drive for itself (cleaning a drive, reading an on-media
 * label), wait in it as library requests; the scheduler grants drives by
 * priority first, then age, with an ageing bound so that a low-priority
 * request is not starved (docs/design/queue.md). A medium already in a
 * drive is reused without a move; a drive held by a deferred dismount is
 * emptied for a request that needs it.
 *
 * This header is the part other subsystems use: claiming an empty drive
 * (cleaning, label reading) and hearing about dismounts. The mount calls
 * themselves are in mount.h. Everything runs on the loop thread.
 */
#ifndef RSM_QUEUE_H
#define RSM_QUEUE_H

#include <stdbool.h>

#include <rsm/ntmsapi.h>

#include "library/library.h"

typedef struct drive_claim drive_claim_t;

/* Runs once on the loop thread: 0 when the claim holds an empty drive
 * (queue_claim_drive_index says which), or an error: ERROR_TIMEOUT,
 * ERROR_CANCELLED (the library stopped, or the request was cancelled),
 * ERROR_INVALID_DRIVE, ERROR_RESOURCE_DISABLED. After an error `claim` is
 * NULL and the claim gone; after 0 it is held until queue_release_drive.
 * A grant never runs inside queue_claim_drive. */
typedef void (*drive_grant_fn)(drive_claim_t *claim, DWORD result, void *ctx);

/* Ask for an empty drive of `lib`: drive index `drive`, or -1 for any
 * usable one. `priority` is -15..15 like a mount's; `timeout_ms` (INFINITE:
 * none) bounds the wait. `librequest` (may be NULL) is the library request
 * the work is recorded as; the queue shows it as waiting, then in process.
 * Returns 0 and *out, or an error and `grant` never runs. */
DWORD queue_claim_drive(library_t *lib, int drive, int priority, DWORD timeout_ms, const NTMS_GUID *librequest,
                        drive_grant_fn grant, void *ctx, drive_claim_t **out);

/* The drive index a granted claim holds. */
int queue_claim_drive_index(const drive_claim_t *claim);

/* Give the drive back (it must be empty again), or withdraw a claim not
 * yet granted (its `grant` then never runs). */
void queue_release_drive(drive_claim_t *claim);

/* Is drive `i` idle: empty or holding a deferred dismount, no claim, and no
 * request waiting for a drive? Background work (on-media label reads)
 * takes only idle drives. */
bool queue_drive_idle(library_t *lib, int i);

/* Called after a dismount has taken the medium out of drive `i` (drive
 * cleaning reads TapeAlert here: the drive keeps its flags until read).
 * One hook; NULL removes it. */
typedef void (*queue_unload_hook_fn)(library_t *lib, int i);
void queue_set_unload_hook(queue_unload_hook_fn fn);

#endif
