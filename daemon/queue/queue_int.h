/*
 * queue_int.h - what the files of daemon/queue/ share: the per-library
 * queue, its drive table and the waiting requests.
 *
 * State. Each library the queue has touched has a qlib_t: its drives by
 * worker index and its waiting requests in scheduling order. For a drive
 * that is MOUNTED, BUSY or CLAIMED the table is the truth (only the queue
 * puts a drive in those states); for an EMPTY or LOADED drive the
 * database is, since inventories, ejects and operators may change what an
 * idle drive holds: qd_refresh re-reads it before the scheduler uses it.
 *
 * A request (qreq_t) is a mount or a drive claim. It is in exactly one
 * place: the offline list (waiting for an operator to bring a medium),
 * its library's pending list (waiting for drives), or running (its loads
 * in the robot's queue); it is freed when it has finished and nothing of
 * it is out with the robot.
 */
#ifndef RSM_QUEUE_INT_H
#define RSM_QUEUE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "library/library.h"
#include "model/librequest.h"
#include "model/mounts.h"
#include "mount.h"
#include "opreq.h"
#include "queue.h"

/* What a drive is doing, as far as the queue is concerned. */
enum qd_state {
    QD_EMPTY,       /* nothing in it */
    QD_LOADED,      /* a medium nobody mounts: deferred dismount, or found there */
    QD_MOUNTED,     /* an application's mount */
    QD_BUSY,        /* the robot is loading or unloading it for the queue */
    QD_CLAIMED,     /* held empty by a drive claim (cleaning, label reading) */
};

typedef struct qreq qreq_t;

typedef struct qdrive {
    enum qd_state state;
    uint16_t address;            /* the drive element */
    NTMS_GUID object;            /* the drive object */
    NTMS_GUID medium, side;      /* LOADED, MOUNTED, BUSY: the medium (going) in */
    qreq_t *holder;              /* MOUNTED, BUSY (loading): the mount */
    uint64_t owner;              /* MOUNTED: the session that mounted it */
    int64_t idle_since_ms;       /* LOADED: since when (deferred dismounts) */
    unsigned defer_ms;           /* LOADED: how long it may stay idle */
} qdrive_t;

typedef struct qlib {
    NTMS_GUID library;
    int ndrives;
    qdrive_t *d;
    qreq_t *pending;             /* waiting for drives, in scheduling order */
    struct qlib *next;
} qlib_t;

enum qr_kind { QR_MOUNT, QR_CLAIM };
enum qr_state { QR_OFFLINE, QR_WAITING, QR_RUNNING, QR_DONE };

/* One medium of a mount. */
typedef struct qitem {
    mount_target_t t;
    NTMS_GUID want_object;       /* NTMS_MOUNT_SPECIFIC_DRIVE: the drive object */
    bool has_want;
    int want;                    /* ... and its index once the library is known, else -1 */
    int drive;                   /* granted drive index, or -1 */
    int source;                  /* granted: the drive the medium leaves, or -1 */
    bool reuse;                  /* granted the drive it already sits in: no move */
    bool loaded;                 /* in its drive and ready */
    qreq_t *req;                 /* the mount it belongs to */
} qitem_t;

struct qreq {
    enum qr_kind kind;
    enum qr_state state;
    NTMS_GUID request;           /* the NTMS_LIBREQUEST */
    NTMS_GUID library;
    qlib_t *q;                   /* set once the library is known */
    int priority;                /* as asked, -15..15 */
    int effective;               /* with ageing */
    uint64_t seq;                /* arrival order */
    int64_t queued_ms;
    int64_t deadline_ms;         /* 0: none */
    bool no_wait_for_resources;  /* dwTimeout 0 or ERROR_NOT_AVAILABLE: start now or fail */
    DWORD options;
    uint64_t owner;
    size_t n;
    qitem_t *items;
    unsigned out;                /* loads with the robot */
    DWORD result;                /* first failure of a running request */
    bool abandoned;              /* nobody waits for the answer */
    DWORD abandon_err;           /* abandoned: how the request ends if its loads pass
                                  * (ERROR_TIMEOUT, or ERROR_CANCELLED: the client left) */
    bool in_submit;              /* queue_mount is still on the stack: do not answer */
    qreq_t *all_next;            /* every open request (mount.c) */
    NTMS_GUID opreq;             /* QR_OFFLINE: the operator request */
    char why[NTMS_DESCRIPTION_LENGTH];
    /* mounts */
    mount_done_fn done;
    void *ctx;
    /* claims */
    drive_grant_fn grant;
    void *grant_ctx;
    int claimed;                 /* waiting: the drive index wanted (-1: any); granted: the drive */
    bool grant_due;              /* granted while queue_claim_drive ran: the tick tells */
    qreq_t *next;
};

/* --- shared state and libraries (qlib.c) ---------------------------------- */

store_t *q_store(void);
uv_loop_t *q_loop(void);
const queue_options_t *q_options(void);
int64_t q_now_ms(void);

/* The queue of `library`, made (with its drive table) on first use; NULL
 * when the library is not running or out of memory. */
qlib_t *qlib_get(const NTMS_GUID *library);
/* The running library of q, or NULL. */
library_t *qlib_library(const qlib_t *q);
/* Every queue, for sweeps. */
qlib_t *qlib_first(void);
/* Drive index of drive object `drive` in q; -1 when it is not one of q's. */
int qlib_drive_of_object(const qlib_t *q, const NTMS_GUID *drive);
/* How long drive d may hold a medium nobody mounts: its object's
 * dwDeferDismountDelay, or the configured default when that is 0. */
unsigned qd_defer_ms(const qdrive_t *d);
/* Re-read an idle drive's content from the database (see the top). */
void qd_refresh(qlib_t *q, int i);
/* Every READY library gets its queue, and every idle drive is re-read:
 * media found in drives (at start, by an inventory, by an operator) are
 * LOADED from then on and leave after their idle time. The tick calls it
 * about once a second. */
void qlib_watch(void);
/* The drive holding medium `medium` (any state but EMPTY), or -1. */
int qlib_drive_holding(qlib_t *q, const NTMS_GUID *medium);
/* Free every queue (shutdown). */
void qlib_free_all(void);

/* --- scheduling (sched.c) --------------------------------------------------- */

/* Put r into its library's pending list by its effective priority. */
void sched_insert(qreq_t *r);
void sched_remove(qreq_t *r);
/* Grant drives to whatever can start now in q. */
void sched_run(qlib_t *q);
/* Set the description of the request (why it waits), in the database too. */
void sched_say_why(qreq_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Start the periodic tick (ageing, time-outs, deferred dismounts). */
void sched_tick_start(void);
void sched_tick_stop(void);

/* --- mounts (mount.c) --------------------------------------------------------- */

/* r was granted its drives: load its media. */
void mount_start(qreq_t *r);
/* End r with `err` (0: mounted): the request, the answer, the drives. */
void mount_finish(qreq_t *r, DWORD err);
/* Tick work: offline mounts whose media arrived, time-outs. */
void mount_tick(int64_t now);
/* Is g all zero? */
bool q_guid_null(const NTMS_GUID *g);
/* Session `owner` ended: its open mounts are abandoned (the waiting ones
 * cancelled, running ones end loaded). Its parked calls were abandoned by
 * the server already; this catches NTMS_MOUNT_NOWAIT mounts, which have
 * no call. */
void mount_session_ended(uint64_t owner);
/* Free a finished request once nothing of it is out. */
void qreq_release(qreq_t *r);
/* Every open request, for cancel and order lookups: pending, offline and
 * running. */
qreq_t *qreq_find(const NTMS_GUID *request);
/* Register a new request (claims.c) with the list qreq_find searches. */
void qreq_register(qreq_t *r);
uint64_t qreq_next_seq(void);

/* --- dismounts (dismount.c) --------------------------------------------------- */

/* Send drive i's LOADED medium home (a deferred dismount that timed out,
 * or a drive needed empty). Returns 0 when the unload was queued. */
DWORD dismount_drive_now(qlib_t *q, int i, const principal_t *who);
/* Tick work: deferred dismounts whose idle time is over. */
void dismount_tick(int64_t now);

/* --- claims (claims.c) -------------------------------------------------------- */

/* r (a claim) was granted drive i. */
void claim_start(qreq_t *r, int i);
/* End a claim that still waits with `err` (its grant runs). */
void claim_fail(qreq_t *r, DWORD err);
/* Tick work: claims granted while being submitted, claim time-outs. */
void claim_tick(int64_t now);

#endif
