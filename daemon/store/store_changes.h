/*
 * store_changes.h - what the database changed, for notifications.
 *
 * Once a watcher is set, the store records every change of an NTMS object
 * the database commits: an object inserted, updated (any stored member, a
 * named attribute, the media types of a library) or deleted. Capture is
 * done by SQLite itself (TEMP triggers on the object, detail and attribute
 * tables write to a TEMP table), so a change made by any statement of any
 * store function is seen, and a change that SQLite undoes (a rolled back
 * transaction, savepoint or failed statement) is undone with it. Nothing is
 * recorded before the first store_changes_watch.
 *
 * Within one transaction the changes of one object are merged into the net
 * change, at the place of its first change: inserted then updated is one
 * INSERT; updated twice is one UPDATE; updated then deleted is one DELETE;
 * inserted then deleted is nothing. Transactions are never merged with each
 * other, and come in commit order.
 *
 * Events that are not changes of a row (NTMS_EVENT_COMPLETE: an inventory
 * of a library finished) go through the same record with
 * store_changes_note, so they take their place among the changes and
 * vanish when their transaction rolls back.
 *
 * Threading: like the rest of the store, one thread (the loop).
 */
#ifndef RSM_STORE_CHANGES_H
#define RSM_STORE_CHANGES_H

#include <stddef.h>

#include "store/store.h"

typedef struct store_change {
    DWORD type;      /* NTMS_LIBRARY, NTMS_MEDIA_POOL ... */
    DWORD operation; /* NTMS_OBJ_INSERT/UPDATE/DELETE, NTMS_EVENT_COMPLETE */
    NTMS_GUID id;
} store_change_t;

/* Called from inside SQLite's commit hook when a transaction that changed
 * something commits. It must not use the store: it only arranges for
 * store_changes_take to run soon, outside any store call. */
typedef void (*store_changes_ready_fn)(void *arg);

/* Start recording (the first time; creates the TEMP table and triggers)
 * and tell `ready` about each commit that recorded something. ready NULL
 * stops the telling; the recording goes on until store_close. */
DWORD store_changes_watch(store_t *st, store_changes_ready_fn ready, void *arg);

/* Hand every change committed so far, in order, to `fn` (one call with
 * the whole batch; not called when there is none), then forget them. Does
 * nothing while a transaction is open (its commit calls `ready` again).
 * `fn` runs after the store is done with them and may use the store. */
typedef void (*store_changes_fn)(void *arg, const store_change_t *v, size_t n);
DWORD store_changes_take(store_t *st, store_changes_fn fn, void *arg);

/* Record an event on an object in the current transaction (or on its own
 * when none is open). A no-op before store_changes_watch. */
DWORD store_changes_note(store_t *st, DWORD type, DWORD operation, const NTMS_GUID *id);

/* store.c: drop the statements before the connection closes. */
void store_changes_close(store_t *st);

#endif
