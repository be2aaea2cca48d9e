/*
 * clean.h - what the files of drive cleaning share (cleaner.c: the calls
 * and the operator requests about cleaners; clean.c: a cleaning, step by
 * step; health.c: what drives say after a dismount, and the policy).
 * docs/design/cleaning.md has the whole picture. Loop thread only.
 */
#ifndef RSM_OPS_CLEAN_H
#define RSM_OPS_CLEAN_H

#include <stdbool.h>

#include "changer/tapealert.h"
#include "library/library.h"
#include "model/principal.h"

/* --- cleanings (clean.c) ----------------------------------------------------- */

/* Queue a cleaning of drive object `drive` of `library`: a CLEANDRIVE
 * library request (by `who`; NULL: the service's own) that waits for the
 * library's cleaner, then for the drive (queue_claim_drive), then runs.
 * *request (may be NULL) is the request. */
DWORD clean_submit(const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *drive, NTMS_GUID *request);

/* Is a cleaning of drive object `drive` queued or running? */
bool clean_pending(const NTMS_GUID *drive);

/* The library's cleaner may have become usable (one was injected, or an
 * operator says the request for one is met: `operator_said`). The first
 * cleaning waiting for it goes on; when it is still not usable after an
 * operator said so, the waiting cleanings fail with ERROR_UNABLE_TO_CLEAN. */
void clean_resume(const NTMS_GUID *library, bool operator_said);

/* The operator refused to provide a cleaner: the cleanings waiting for one
 * end CANCELLED. */
void clean_give_up(const NTMS_GUID *library);

/* CancelNtmsLibraryRequest of cleaning `request`: one waiting for the
 * cleaner ends CANCELLED (0); one that runs cannot be
 * (ERROR_ACCESS_DENIED); ERROR_OBJECT_NOT_FOUND when no cleaning has it
 * (one waiting for its drive is the queue's to cancel). */
DWORD clean_cancel(const NTMS_GUID *request);

/* End every cleaning (the service stops): requests CANCELLED, claims
 * released. Idempotent. */
void clean_stop_all(void);

/* --- operator requests about cleaners (cleaner.c) ----------------------------- */

/* Ask the operator for a usable cleaner in `library` (NTMS_OPREQ_CLEANER,
 * Arg1 the library) with `message`, unless such a request is open. */
void cleaner_request(const NTMS_GUID *library, const char *message);

/* --- health and policy (health.c) --------------------------------------------- */

/* What the service does when a drive says it needs cleaning. */
enum clean_action {
    CLEAN_ACTION_NONE = 0,   /* nothing to do (no need, or a cleaning is queued) */
    CLEAN_ACTION_LOG,        /* a warning line: routine cleaning due, cleaning is manual */
    CLEAN_ACTION_QUEUE,      /* queue a cleaning (auto_clean) */
    CLEAN_ACTION_OPREQ,      /* ask the operator to clean it (manual, and it is urgent) */
};
enum clean_action clean_policy(enum clean_need need, bool auto_clean, bool pending);
const char *clean_action_name(enum clean_action a);

/* queue_unload_hook_fn: after drive `i` of `lib` was emptied, read what it
 * says about itself (JOB_HEALTH) and apply the policy. */
void health_after_unload(library_t *lib, int i);

/* Apply the policy to what drive `i` of `lib` reported. */
void health_apply(library_t *lib, int i, const drive_health_t *h);

#endif
