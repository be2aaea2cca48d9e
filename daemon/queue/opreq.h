/*
 * opreq.h - operator requests (NTMS_OPREQUEST objects): what the service
 * needs a person to do, and the work that waits for it.
 *
 * A request is created SUBMITTED (SubmitNtmsOperatorRequest, or the service
 * itself: offline media needed for a mount, no media for an allocation, a
 * device that failed, a drive to clean with no usable cleaner), is shown to
 * the operator through the computer's UI destinations (GetNtmsUIOptions),
 * and ends COMPLETED (SatisfyNtmsOperatorRequest, or the service saw the
 * need met) or REFUSED (CancelNtmsOperatorRequest). Each end is one
 * transaction.
 *
 * Work inside the service ties itself to a request with a callback: when
 * the request ends, `done` runs once on the loop thread with 0 (satisfied)
 * or ERROR_CANCELLED (refused or cancelled). A waiter that gives up first
 * (its call timed out, its client left) calls opreq_forget; the request
 * itself stays for the operator unless the waiter also cancels it.
 *
 * All functions run on the loop thread.
 */
#ifndef RSM_MODEL_OPREQ_H
#define RSM_MODEL_OPREQ_H

#include <rsm/ntmsapi.h>

#include "model/principal.h"
#include "store/store.h"

typedef void (*opreq_done_fn)(const NTMS_GUID *request, DWORD result, void *ctx);

/* What a request is about: NTMS_OPREQ_* type, up to two objects (GUID
 * NULL: none; the type is then ignored) and the text shown to the
 * operator. */
typedef struct opreq_spec {
    DWORD request;                /* NTMS_OPREQ_NEWMEDIA ... NTMS_OPREQ_MESSAGE */
    const NTMS_GUID *arg1;
    DWORD arg1_type;              /* NTMS_* object type of arg1 */
    const NTMS_GUID *arg2;
    DWORD arg2_type;
    const char *message;          /* UTF-8, cut to NTMS_MESSAGE_LENGTH - 1 */
} opreq_spec_t;

/* Create a SUBMITTED request (`who` NULL: the service's own, application
 * "RSM"), announce it to the UI destinations, and when `done` is not NULL
 * tie it to the request. *out (may be NULL) is its GUID. */
DWORD opreq_submit(store_t *st, const principal_t *who, const opreq_spec_t *spec, opreq_done_fn done, void *ctx,
                   NTMS_GUID *out);

/* End a request that is still open: `result` 0 -> COMPLETED, anything else
 * -> REFUSED. Its waiters run with 0 or ERROR_CANCELLED. Ending an ended
 * request returns ERROR_INVALID_STATE; an unknown one
 * ERROR_OBJECT_NOT_FOUND. */
DWORD opreq_end(store_t *st, const NTMS_GUID *request, DWORD result);

/* The waiter with this `done`/`ctx` no longer waits (its `done` will not
 * run); `done` NULL means the waiter of this request with this `ctx`,
 * whatever its `done`. Safe to call when it already ran. A waiter that
 * ends a request it waits on itself (opreq_end) forgets it first, or its
 * `done` runs inside opreq_end. */
void opreq_forget(const NTMS_GUID *request, opreq_done_fn done, void *ctx);

/* Is there an open request of type `request` about object `arg1`? Then *out
 * (may be NULL) is the oldest; the service uses this so that one missing
 * medium raises one request, not one per waiting mount. */
int opreq_find_open(store_t *st, DWORD request, const NTMS_GUID *arg1, NTMS_GUID *out);

/* At start: requests a previous run left open wait for nothing any more;
 * the ones the service raised itself are ended REFUSED, the ones
 * applications submitted stay (an operator may still answer them). *n
 * (may be NULL) is how many were ended. Session UI destination lists of
 * the previous run are dropped too. */
DWORD opreq_recover(store_t *st, size_t *n);

/* --- additions to the first version of this interface ------------------- */

/* Tie `done`/`ctx` to a request that is already open (WaitForNtmsOperator-
 * Request; a second mount for a medium that already has a request). 0 when
 * tied; ERROR_OBJECT_NOT_FOUND for an unknown request; ERROR_INVALID_STATE
 * when it has ended (opreq_state says how). */
DWORD opreq_attach(store_t *st, const NTMS_GUID *request, opreq_done_fn done, void *ctx);

/* The State (NTMS_OPSTATE_*) of a request; ERROR_OBJECT_NOT_FOUND when no
 * operator request has that GUID. */
DWORD opreq_state(store_t *st, const NTMS_GUID *request, DWORD *state);

/* Is the request still open (SUBMITTED, ACTIVE or INPROGRESS)? */
int opreq_state_is_open(DWORD state);

/* Delete an open request that nothing needs any more (MS-RSMP: an
 * allocation that times out deletes the request it raised). Its remaining
 * waiters run with ERROR_OBJECT_NOT_FOUND, which is what
 * WaitForNtmsOperatorRequest answers for a request that is gone. */
DWORD opreq_withdraw(store_t *st, const NTMS_GUID *request);

/* The loop the UI destinations (commands, webhooks) run on, and the store
 * the library service hook uses: set once the loop exists. Until then (and
 * in unit tests) operator messages go to the log only. opreq_stop ends
 * deliveries still running (rsmd is stopping); idempotent. */
struct uv_loop_s;
void opreq_start(struct uv_loop_s *loop, store_t *st);
void opreq_stop(void);

#endif
