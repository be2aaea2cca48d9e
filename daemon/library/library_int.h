/*
 * library_int.h - what the files of daemon/library/ share: the library_t
 * itself, and the calls between the worker side (worker.c, attach.c) and
 * the loop side (library.c, refresh.c, move.c).
 *
 * Ownership, restated per member below: `w` belongs to the worker thread;
 * the queue, the finished list and `quit` to whoever holds `mu`; everything
 * else to the loop thread.
 */
#ifndef RSM_LIBRARY_INT_H
#define RSM_LIBRARY_INT_H

#include <pthread.h>

#include "library/library.h"
#include "model/library_model.h"

/* The backend a worker has open. */
struct backend {
    changer_t *changer;                       /* NULL: not attached */
    drive_t *drive[LIBRARY_MAX_DRIVES];       /* per drive element; NULL: unbound */
    int ndrives;
};

struct inv_req; /* refresh.c */

struct library {
    library_t *next; /* the list of running libraries */
    library_config_t cfg;
    uv_loop_t *loop;
    store_t *st;
    NTMS_GUID guid; /* the NTMS_LIBRARY object */
    enum library_state state;

    /* --- thread and queues ------------------------------------------------ */
    pthread_t thread;
    bool thread_started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job_t *queue, *queue_tail;       /* mu */
    job_t *finished, *finished_tail; /* mu: done by the worker, for the loop */
    bool quit;                       /* mu: the worker exits when the queue is empty */
    uv_async_t async;                /* wakes the loop for `finished` */
    uv_timer_t tick;                 /* checks and retries */
    int handles;                     /* uv handles not yet closed; freed at 0 */

    /* --- the worker's ------------------------------------------------------ */
    struct backend w;

    /* --- the loop's -------------------------------------------------------- */
    bool stopping;
    changer_info_t info;
    element_status_t cache;          /* element status as last read */
    bool have_cache;
    unsigned dirty_types;            /* element types (TYPE_BIT) in which the store may
                                      * disagree with `cache` */
    int ndrives;
    uint16_t drive_addr[LIBRARY_MAX_DRIVES];
    bool drive_bound[LIBRARY_MAX_DRIVES];
    drive_ident_t drive_id[LIBRARY_MAX_DRIVES];
    char media_type[LIBRARY_NAME_LEN]; /* for bar codes that say nothing */
    uint64_t next_check_ms, next_retry_ms;
    unsigned backoff_s;
    bool check_busy, attach_busy;
    bool change_pending;             /* a check saw a change while the library was disabled */
    bool startup_inventory;          /* the inventory after an attach is reconciling */
    struct inv_req *inventories;     /* started, not yet reconciled */
    inventory_counts_t last_counts;
    bool watched;                    /* registered with the devwatch (stand-alone) */
};

/* Bits of job->types / inventory types. */
#define TYPE_BIT(t) (1u << (t))
#define ALL_TYPES (TYPE_BIT(ELEM_TRANSPORT) | TYPE_BIT(ELEM_SLOT) | TYPE_BIT(ELEM_PORT) | TYPE_BIT(ELEM_DRIVE))

/* --- worker.c ------------------------------------------------------------- */

/* Start the worker thread and the loop handles of `lib`. */
DWORD worker_start(library_t *lib);
/* Refuse new jobs, cancel the queued ones, let the running one finish, join,
 * and run every completion on this (the loop) thread. */
void worker_stop(library_t *lib);
/* Close the loop handles; `lib` is freed when the last has closed. */
void worker_close_handles(library_t *lib);

/* --- attach.c (worker thread) --------------------------------------------- */

/* JOB_ATTACH: close whatever is open, open the backend of lib->cfg, read
 * its info and every element type, bind the drive devices to the drive
 * elements by serial number. */
DWORD attach_run(library_t *lib, job_t *job);
/* Element status of `types` (0: all) into `out`, ordered by type. */
DWORD attach_read_status(struct backend *b, unsigned types, element_status_t *out, char *why, size_t why_len);
void attach_close(struct backend *b);

/* --- library.c ------------------------------------------------------------ */

/* Called for every finished job, before its `done`: a job the device did
 * not answer fails the library. */
void library_note_result(library_t *lib, const job_t *job);
/* Does `err` mean the device did not answer at all? */
bool library_is_fault(DWORD err);
/* The library object's InventoryMethod (FAST when it cannot be read). */
DWORD library_object_method(library_t *lib);
/* Is the library enabled? Work the core starts by itself skips a disabled
 * one (`what` names that work for the debug line). */
bool library_enabled(library_t *lib, const char *what);
/* The device the library was configured with: the changer or stand-alone
 * drive, or a virtual library's root. */
const char *library_device(const library_t *lib);

/* --- watch.c (the devwatch's side of the core) ---------------------------- */

/* A stand-alone library attached: register it (with what its drive holds). */
void watch_library_ready(library_t *lib);
/* The library stops: no more polls for it. */
void watch_library_gone(library_t *lib);
/* Every finished job: the core's own reads and ejects are the devwatch's
 * new baseline, so they are not reported back as changes. */
void watch_note_job(library_t *lib, const job_t *job);
/* Stop the devwatch (after every library stopped). */
void watch_stop(void);

/* --- refresh.c ------------------------------------------------------------ */

/* Replace the cache by `s` (taken; sorted here), every type dirty. */
void refresh_set_cache(library_t *lib, element_status_t *s);
/* Merge `fresh` (element types `types`, 0: all) into the cache; the types
 * whose elements differ become dirty. Takes fresh->v. Returns whether
 * anything differed. */
bool refresh_merge(library_t *lib, element_status_t *fresh, unsigned types);
/* Reconcile the store with the cache for `types` (0: all) by `method`,
 * logging the counts; nothing is read or written when none of those types
 * is dirty. Then (on success) the inventory hook hears of it. */
DWORD refresh_reconcile(library_t *lib, unsigned types, DWORD method);
/* Fail every pending inventory with `err` (stop). */
void refresh_cancel_all(library_t *lib, DWORD err);

#endif
