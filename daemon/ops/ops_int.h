/*
 * ops_int.h - what the files of daemon/ops/ share: the operation object,
 * the per-library queue, jobs and moves, the library checks.
 *
 * An operation (op_t) is one library request being carried out. Each
 * library has a FIFO of operations; the head runs, the others wait
 * (NTMS_LM_QUEUED): one robot does one thing at a time, and "if the
 * library is busy, RSM queues the request". A running operation is a chain
 * of steps, one in flight at a time: a job of the worker, or a move or an
 * inventory of the library core; op->next_step or op->next_result continues
 * the chain when it comes back. While it waits for the operator it also
 * gets a tick every OPS_TICK_MS.
 *
 * Lifetime: op_finish ends the request, answers a waiting caller and starts
 * the next operation of the library; the op's memory goes when no job of it
 * is in flight any more (a job cannot be recalled from a worker).
 */
#ifndef RSM_OPS_INT_H
#define RSM_OPS_INT_H

#include <stdbool.h>

#include "library/library.h"
#include "model/devices.h"
#include "model/librequest.h"
#include "ops.h"
#include "store/store_library.h"

#define OPS_TICK_MS 500u
/* How long a port stays open for the operator when its object says 0. */
#define OPS_DEFAULT_PORT_SECS 300u
/* How long a door stays unlocked when its object says 0. */
#define OPS_DEFAULT_DOOR_SECS 300u

typedef struct op op_t;

/* What one kind of operation does. */
typedef struct op_class {
    const char *name;            /* for log lines */
    void (*start)(op_t *op);     /* the library is ours now */
    void (*tick)(op_t *op);      /* every OPS_TICK_MS while op->ticking */
    void (*release)(op_t *op);   /* frees op->data; NULL when there is none */
} op_class_t;

/* HELD: created, its request QUEUED, but not yet in the library's queue
 * (an eject batch that NTMS_EJECT_QUEUE is still filling). */
enum op_state { OP_HELD, OP_QUEUED, OP_RUNNING, OP_FINISHED };

struct op {
    const op_class_t *cls;
    NTMS_GUID request;           /* the NTMS_LIBREQUEST */
    NTMS_GUID library;
    DWORD action;                /* the API's dwAction / dwOption */
    enum op_state state;
    bool ticking;                /* call cls->tick every OPS_TICK_MS */
    bool busy;                   /* a tick's work is in flight: skip ticks */
    bool stop;                   /* STOP (or a cancel) asked for */
    bool retract;                /* inject: RETRACT asked for */
    bool cancelled;              /* a STOP ended the request: apply nothing more */
    bool pinned;                 /* op_submit still looks at it: not freed yet */
    bool borrowed;               /* runs under a request its caller owns (the mount
                                  * queue's): op_finish leaves the request alone */
    DWORD result;                /* the outcome, once finished */
    int64_t deadline_ms;         /* operator wait ends (0: none) */
    int jobs;                    /* jobs submitted and not yet back */
    void (*next_step)(op_t *op, job_t *job); /* continues the chain after a job */
    void (*next_result)(op_t *op, DWORD err); /* ... after a core move or inventory */
    ops_done_fn done;            /* the caller waiting, if any */
    void *done_arg;
    void *data;                  /* the class's */
    void *step;                  /* op_status's, op_ports's or op_dismount's state */
    op_t *next;                  /* the library's queue */
};

/* --- shared state (ops.c) ------------------------------------------------- */

store_t *ops_store(void);
uv_loop_t *ops_loop(void);

/* A usable cleaner came into `library`'s cleaner slot (cleaner.c): the
 * request for one is met and waiting cleanings go on. */
void ops_clean_cleaner_arrived(const NTMS_GUID *library);

/* --- library checks (ops.c) ----------------------------------------------- */

/* The codes an API function answers when it cannot use a library. */
typedef struct lib_rules {
    library_errors_t model;      /* not a library, offline library, disabled */
    DWORD not_connected;         /* no worker runs it, or it failed */
} lib_rules_t;

/* Read library `id` (into *rec when not NULL) and find its worker. */
DWORD ops_library(const NTMS_GUID *id, const lib_rules_t *r, NTMS_OBJECTINFORMATIONA *rec,
                  library_t **lib);

/* The running library of an op; NULL when it has gone (the op then fails). */
library_t *op_lib(const op_t *op);

/* --- operations (ops.c) --------------------------------------------------- */

/* A new op for `library`, HELD: its QUEUED request is created from
 * `spec` (library filled in here). The op owns `data` from here on
 * (cls->release frees it), even when this fails. */
DWORD op_create(const op_class_t *cls, const principal_t *who, librequest_spec_t *spec,
                const NTMS_GUID *library, DWORD action, void *data, op_t **out);
/* A new HELD op working under the caller's request `request` (the mount
 * queue's), which the op neither creates nor finishes. */
DWORD op_create_borrowed(const op_class_t *cls, const NTMS_GUID *request, const NTMS_GUID *library, void *data,
                         op_t **out);
/* op_create_borrowed + op_enqueue. */
DWORD op_submit_borrowed(const op_class_t *cls, const NTMS_GUID *request, const NTMS_GUID *library, void *data,
                         ops_done_fn done, void *arg);
/* Drop a HELD op: its request ends CANCELLED. */
void op_discard(op_t *op);
/* Queue a HELD op; it starts when the library is free. Returns 0 (queued
 * or running), OPS_PENDING when `done` was given (it will be called
 * once), or the error the op failed with as it started (then `done` is
 * not called and the op is gone). */
DWORD op_enqueue(op_t *op, ops_done_fn done, void *arg);
/* op_create + op_enqueue; *request (may be NULL) is the request's GUID. */
DWORD op_submit(const op_class_t *cls, const principal_t *who, librequest_spec_t *spec,
                const NTMS_GUID *library, DWORD action, void *data, ops_done_fn done, void *arg,
                NTMS_GUID *request);

/* The open op of `library` whose request is `request` (NULL: the first
 * of class `cls`), or NULL. */
op_t *op_find(const NTMS_GUID *library, const op_class_t *cls, const NTMS_GUID *request);
/* The first op (running or queued) of `library`; follow op->next. */
op_t *op_first(const NTMS_GUID *library);
/* The open op anywhere whose request is `request`, or NULL. */
op_t *op_find_request(const NTMS_GUID *request);

/* The request's state while it runs (INPROCESS, WAITING). */
void op_set_state(op_t *op, DWORD state);

/* End the op: the request finishes with `err`, a waiting caller gets it
 * (unless op_answer already answered), the library's next op starts. */
void op_finish(op_t *op, DWORD err);
/* Answer the waiting caller now, without ending the op. */
void op_answer(op_t *op, DWORD err);
/* Cancel an op that has not started: its request ends CANCELLED. */
void op_cancel_queued(op_t *op);

/* Submit `job` (its `done` and ctx are set here) and continue with `next`
 * when it is back. On a refused submit the op finishes with the error and
 * -1 is returned: the op may be gone, so the caller must not touch it. The
 * same holds for every helper below that returns -1. */
int op_job(op_t *op, job_t *job, void (*next)(op_t *op, job_t *job));
/* A job of `kind` with no parameters, for op_job. */
job_t *op_new_job(op_t *op, enum job_kind kind);

/* Move the medium at `from` to `to` (library_move: crash-safe, the store
 * follows); `medium` may be NULL (the one recorded there). `next` gets the
 * result. */
int op_move(op_t *op, const NTMS_GUID *medium, uint16_t from, uint16_t to,
            void (*next)(op_t *op, DWORD err));

/* Inventory the op's library by `method` (library_inventory); `next` gets
 * the outcome (ERROR_CANCELLED after an NTMS_INVENTORY_STOP). */
int op_inventory(op_t *op, DWORD method, void (*next)(op_t *op, DWORD err));

/* Read the element status of `types` (0: all); `next` sees it (valid
 * during the call only). */
int op_status(op_t *op, unsigned types,
              void (*next)(op_t *op, DWORD err, const element_status_t *status));

/* The ports an operation works with: at most this many. */
#define OPS_MAX_PORTS 256
/* Open (or close) ports `addr`, one after another; `next` gets the first
 * error (a backend without port doors is not an error). */
int op_ports(op_t *op, const uint16_t *addr, size_t n, bool open, void (*next)(op_t *op, DWORD err));

/* Make sure the tick runs (an op just set op->ticking). */
void ops_tick_start(void);

/* --- the door (inventory.c) ---------------------------------------------------- */

/* ops_door, and *out (may be NULL) the door access's request. */
DWORD ops_door_op(const principal_t *who, const NTMS_GUID *library, DWORD action, NTMS_GUID *out);

/* --- dismounting and stand-alone ejects (dismount.c) ------------------------- */

/* Unload drive element `drive` and move its medium `media` back to its home
 * slot, or the lowest empty slot; `next` gets the slot. */
int op_dismount(op_t *op, const NTMS_GUID *media, uint16_t drive,
                void (*next)(op_t *op, DWORD err, uint16_t slot));
/* Queue a dismount of whatever medium drive object `drive` holds (0 and
 * nothing queued when it holds none). */
DWORD ops_dismount(const principal_t *who, const NTMS_GUID *drive);

/* The class of stand-alone ejects, and queueing one for drive object
 * `drive`; with `done`, the caller waits (OPS_PENDING) for the eject. */
extern const op_class_t ops_sa_eject_class;
DWORD ops_sa_submit(const principal_t *who, const NTMS_OBJECTINFORMATIONA *drive, DWORD action,
                    ops_done_fn done, void *arg, NTMS_GUID *request);

/* --- elements (ops.c) ----------------------------------------------------- */

/* The element objects of the op's library of `type`, by number. */
DWORD ops_elements(const NTMS_GUID *library, DWORD type, store_element_t **v, size_t *n);
/* The Number of the lowest empty slot or port (by the objects' states) not
 * in skip[0..nskip-1] and not the cleaner slot; 0 when there is none. */
uint16_t ops_first_empty(const NTMS_GUID *library, DWORD type, const uint16_t *skip, size_t nskip);
/* The medium recorded in drive object `drive`, if any. */
bool ops_medium_in(const NTMS_GUID *library, const NTMS_GUID *drive, NTMS_GUID *out);
/* An op_class_t release that frees op->data. */
void ops_free_data(op_t *op);
/* The worker's index of drive element `address` (drives in address order). */
int ops_drive_index(const NTMS_GUID *library, uint16_t address);

#endif
