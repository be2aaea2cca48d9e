/*
 * background.h - what the label reader (omid.c) and the free-label writer
 * (freewrite.c) share: both work on cartridges nobody is using, on drives
 * the mount queue does not need, so that mounts always go first.
 */
#ifndef RSM_LABEL_BACKGROUND_H
#define RSM_LABEL_BACKGROUND_H

#include <stdbool.h>

#include <rsm/ntmsapi.h>

#include "queue/queue.h"
#include "store/store.h"

/* Is `medium` idle in a storage slot of `library`? A mount, an eject or
 * the other background worker may have taken it since it was listed. */
bool bg_medium_in_slot(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *library);

/* The cartridges a background worker has in hand, from the moment it
 * decides to load one until it is home again. A check that a cartridge
 * sits in its slot holds only until the next robot move, and a load waits
 * its turn behind the robot's other work; without this the reader and the
 * writer could both load one cartridge, the second load taking it out of
 * the first one's drive. bg_take: false when the other has it. */
bool bg_take(const NTMS_GUID *medium);
bool bg_taken(const NTMS_GUID *medium);
void bg_give_back(const NTMS_GUID *medium);
/* At shutdown. */
void bg_forget_all(void);

/* Claim, at NTMS_PRIORITY_LOWEST and for at most `timeout_ms`, the first
 * usable drive of `lib` the mount queue calls idle (queue_drive_idle);
 * `empty_only`: one that holds no cartridge either (a deferred dismount
 * is left where it saves a robot move). 0: claimed, `grant` follows (as
 * queue_claim_drive); ERROR_BUSY: none is idle now; ERROR_NO_SUPPORTING_DRIVES:
 * the library has no drive the service may use. */
DWORD bg_claim_idle_drive(store_t *st, library_t *lib, bool empty_only, unsigned timeout_ms,
                          const NTMS_GUID *request, drive_grant_fn grant, void *ctx, drive_claim_t **out);

#endif
