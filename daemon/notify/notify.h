/*
 * notify.h - notification handles and the fan-out of database changes to
 * them (OpenNtmsNotification, WaitForNtmsNotification,
 * CloseNtmsNotification; docs/design/notify.md).
 *
 * A handle belongs to an owner (the server passes its connection: one
 * session) and watches one object type. The store's change record
 * (store/store_changes.h) is taken on the loop after each commit and every
 * event is queued on every handle of its type, in commit order. Each handle
 * has its own bounded queue (evqueue.h), so a client that reads slowly
 * costs the service one queue and slows nobody else; when the queue is
 * full the client is told at its next wait (ERROR_NO_DATA: re-read the
 * objects) rather than losing events without knowing.
 *
 * A wait is answered at once when events or an overflow are queued,
 * otherwise when an event arrives, the time-out fires (ERROR_TIMEOUT), the
 * handle is closed (ERROR_INVALID_HANDLE), its owner goes or the service
 * stops (ERROR_CANCELLED). One wait at a time per handle (ERROR_BUSY).
 *
 * Everything here runs on the loop thread. The answer callback may end its
 * owner (a failed write closes the connection); nothing here touches a
 * handle after calling it.
 */
#ifndef RSM_NOTIFY_H
#define RSM_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "notify/evqueue.h"
#include "store/store_changes.h"

/* Events a handle holds for a client that is not waiting (rsmd.conf
 * notify_queue), and the most one answer carries. */
#define NOTIFY_DEFAULT_QUEUE 4096
#define NOTIFY_MAX_QUEUE (1u << 20)
#define NOTIFY_MAX_BATCH 512
/* Handles one owner may hold open. */
#define NOTIFY_MAX_PER_OWNER 256

typedef struct notify notify_t;

/* The answer to a wait: err 0 with 1..n events, or an error and none. The
 * events are valid during the call only. */
typedef void (*notify_answer_fn)(void *ctx, DWORD err, const notify_event_t *v, size_t n);

/* Fan-out on `loop`, fed by the change record of `st` (NULL: by
 * notify_publish only, for tests). NULL when memory is short or the
 * store cannot record its changes (logged). */
notify_t *notify_new(uv_loop_t *loop, store_t *st, size_t queue_limit);
/* Answer every wait ERROR_CANCELLED, close every handle and stop taking
 * changes; the memory goes once the loop has closed its handles. */
void notify_free(notify_t *nt);

/* Whether OpenNtmsNotification accepts `type`: the object types of
 * NtmsObjectsTypes, NTMS_CHANGER to NTMS_UI_DESTINATION. */
int notify_type_valid(DWORD type);

/* `who` names the owner in log lines (copied). ERROR_INVALID_PARAMETER for
 * a type notify_type_valid refuses; ERROR_NOT_ENOUGH_MEMORY beyond
 * NOTIFY_MAX_PER_OWNER handles or when memory is short. */
DWORD notify_open(notify_t *nt, const void *owner, const char *who, DWORD type, uint64_t *id);

/* ERROR_INVALID_HANDLE unless `owner` holds handle `id`. A wait in
 * progress is answered ERROR_INVALID_HANDLE. */
DWORD notify_close(notify_t *nt, const void *owner, uint64_t id);

/* Wait for up to `max` events (clamped to 1..NOTIFY_MAX_BATCH) for at most
 * timeout_ms (INFINITE: no limit; 0: answer now). Returns 0 when `fn` has
 * been or will be called exactly once; otherwise the error (fn is not
 * called): ERROR_INVALID_HANDLE, or ERROR_BUSY when the handle has a wait
 * in progress. */
DWORD notify_wait(notify_t *nt, const void *owner, uint64_t id, size_t max, uint32_t timeout_ms,
                  notify_answer_fn fn, void *ctx);

/* Answer the wait whose context is `ctx` with `err` now; 0 when there is
 * none. */
int notify_cancel_wait(notify_t *nt, void *ctx, DWORD err);

/* The owner's session ended: its waits are answered ERROR_CANCELLED and
 * its handles closed. */
void notify_owner_gone(notify_t *nt, const void *owner);

/* Queue `n` committed changes on the handles of their types and answer
 * the waits that can be. */
void notify_publish(notify_t *nt, const store_change_t *v, size_t n);

/* Handles open (for tests and log lines). */
size_t notify_count(const notify_t *nt);

#endif
