/*
 * library.h - the libraries rsmd runs, each with a worker thread.
 *
 * Threads and ownership. The loop thread owns the database, the sockets and
 * every library_t. Each library has one worker thread that owns its backend
 * (changer_t, drive_t) and does the blocking I/O: seconds to minutes on real
 * hardware. The loop hands the worker a job; the worker runs it and hands it
 * back; the job's `done` callback then runs on the loop thread, where it may
 * touch the store and answer clients. Workers never touch the store or a
 * connection. So every database change happens on one thread, in order, and
 * a slow robot never stalls a client of another library.
 *
 * Moves are crash-safe by recording intent: before a MOVE job is submitted,
 * the loop records the move (source, destination, medium) in the store;
 * after it completes, the outcome. At start, unfinished intents are
 * reconciled against the element status (library_move below;
 * model/library_model.h has the database side).
 *
 * Life of a library (library.c). library_start creates (or finds) its
 * library object, marks it NTMS_INITIALIZING and queues JOB_ATTACH. When
 * the attach completes, its objects are registered, open move intents
 * settled and the start-up inventory run (concepts/rsm-startup.md); the
 * library is then LIBRARY_READY. A poll timer submits JOB_CHECK every
 * poll_seconds; a change behind our back (UNIT ATTENTION: door opened,
 * mailslot used) re-reads the slots and ports and reconciles them. A job
 * the device does not answer (ERROR_DEVICE_NOT_AVAILABLE, ERROR_TIMEOUT)
 * makes the library LIBRARY_FAILED and its object NTMS_NEEDS_SERVICE, with
 * one log line; JOB_ATTACH is then retried with a backoff of 5 s doubling
 * to 60 s, and success makes it READY again and re-inventories it. A
 * library that fails never stops the service: a wrong device path at start
 * is one error line naming the library and the device, the object shows
 * NTMS_NEEDS_SERVICE, and every other library runs on.
 *
 * Disabled objects (DisableNtmsObject) are not used by work the core
 * starts by itself: a disabled library gets no poll, no start-up inventory,
 * no refresh and no attach retry until it is enabled again (its first
 * attach still runs, so its objects exist), and a disabled drive is never
 * picked (library_drive_usable). Work the API starts is checked by its
 * callers.
 */
#ifndef RSM_LIBRARY_H
#define RSM_LIBRARY_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include <rsm/ntmsapi.h>

#include "changer/changer.h"
#include "changer/drive.h"
#include "changer/scsi_cmd.h"
#include "library/devwatch.h"
#include "store/store.h"

#define LIBRARY_MAX_DRIVES 64
#define LIBRARY_NAME_LEN 64
#define LIBRARY_PATH_LEN 256
/* Cleaning defaults (rsmd.conf: clean_hold, clean_timeout), shared with the
 * libraries discovery starts. */
#define LIBRARY_CLEAN_HOLD_S 5u
#define LIBRARY_CLEAN_TIMEOUT_S 600u

enum library_kind { LIBRARY_SCSI, LIBRARY_VIRTUAL, LIBRARY_STANDALONE };

/* One [library NAME] section of rsmd.conf, or one discovered changer. */
typedef struct library_config {
    char name[LIBRARY_NAME_LEN];
    enum library_kind kind;
    char device[LIBRARY_PATH_LEN];      /* changer: /dev/sgN or iscsi://...; standalone: the drive */
    int ndrives;                        /* drive devices given explicitly (else discovered) */
    char drives[LIBRARY_MAX_DRIVES][LIBRARY_PATH_LEN];
    char media_type[LIBRARY_NAME_LEN];  /* media type of cartridges whose bar code says nothing */
    DWORD inventory_method;             /* NTMS_INVENTORY_NONE/FAST/OMID: the library object's
                                         * InventoryMethod from now on; NTMS_INVENTORY_DEFAULT
                                         * (the default): keep the object's (FAST when new) */
    unsigned poll_seconds;              /* how often to ask whether anything changed (default 10;
                                         * 0: never) */
    char cleaner_prefix[16];            /* bar codes starting with this are cleaners (default CLN;
                                         * "": no cleaner recognition) */
    bool auto_clean;                    /* a drive that asks for cleaning is cleaned (default yes;
                                         * no: an operator request) */
    unsigned clean_hold_s;              /* a drive that holds the cleaner as a medium keeps it this
                                         * long (default 5) */
    unsigned clean_timeout_s;           /* a cleaning that takes longer fails (default 600) */
    DWORD cleaner_uses;                 /* uses of a cleaner the inventory finds in the cleaner slot
                                         * (default RSM_CLEANER_USES_UNLIMITED) */
    unsigned timeout_ms[SCSI_KINDS];    /* SCSI command timeouts of the changer and its drives, by
                                         * kind (scsi_cmd.h); 0: the kind's default */
    unsigned timeout_all_ms;            /* `timeout`: every kind not given on its own (0: none) */
    /* virtual libraries */
    char root[LIBRARY_PATH_LEN];
    unsigned slots, drive_count, ports, cartridges;
    char barcode_prefix[8];
    char barcode_suffix[8];             /* "": the backend's default (L8) */
    uint64_t cartridge_bytes;
    bool discovered;                    /* found on /dev/sg*, not configured */
} library_config_t;

/* What a library is doing, for the library object's dwOperationalState and
 * for log lines. */
enum library_state {
    LIBRARY_STARTING,   /* worker attaching: NTMS_INITIALIZING */
    LIBRARY_READY,      /* NTMS_READY */
    LIBRARY_FAILED,     /* the device does not answer: NTMS_NEEDS_SERVICE; retried */
    LIBRARY_STOPPING,
};

typedef struct library library_t;
struct inventory_counts; /* model/library_model.h */

/* ------------------------------------------------------------------------
 * Jobs: one unit of blocking work for a library's worker. */

enum job_kind {
    JOB_ATTACH,      /* open the backend, read info, all element status, identify drives */
    JOB_STATUS,      /* element status of the types in `types` (bit 1<<ELEM_x), or all if 0 */
    JOB_CHECK,       /* has anything changed behind our back? (UNIT ATTENTION poll) */
    JOB_MOVE,        /* MOVE MEDIUM from -> to */
    JOB_EXCHANGE,    /* EXCHANGE MEDIUM from -> to, to -> to2 */
    JOB_LOCK,        /* PREVENT (flag) or ALLOW medium removal: the door */
    JOB_PORT,        /* open (flag) or close the import/export element `to` */
    JOB_RESCAN,      /* INITIALIZE ELEMENT STATUS of `to` elements from `from` (to 0: all) */
    JOB_DRIVE_READY, /* wait until drive `drive` is ready (timeout_ms); out: present */
    JOB_DRIVE_UNLOAD,/* unload drive `drive` before the robot takes the medium */
    JOB_READ_LABEL,  /* rewind drive `drive` and read its first block into label/label_len
                      * (at most LIBRARY_LABEL_MAX bytes) */
    JOB_WRITE_LABEL, /* rewind drive `drive`, write label/label_len (malloc'ed by the
                      * submitter, freed by job_free) as its first block and a filemark:
                      * the free-media label (label/freelabel.h); ERROR_NOT_SUPPORTED for
                      * a drive that cannot */
    JOB_EJECT,       /* a stand-alone library: eject the medium from its drive
                      * (standalone_eject: the tray opens, the tape comes out);
                      * ERROR_NOT_SUPPORTED for any other library */
    JOB_HEALTH,      /* drive `drive`'s own report (TapeAlert, sense) into `health`;
                      * ERROR_NOT_SUPPORTED for a drive that cannot say */
    JOB_CLEAN_PROBE, /* one look at drive `drive` while a cleaner is in it: `progress`;
                      * ERROR_NOT_SUPPORTED for a drive that cannot tell */
};

#define LIBRARY_LABEL_MAX (64u * 1024u)

typedef struct job job_t;
typedef void (*job_done_fn)(job_t *job); /* runs on the loop thread */

struct job {
    enum job_kind kind;
    library_t *lib;

    /* in */
    uint16_t from, to, to2;
    unsigned types;          /* JOB_STATUS: element types wanted, 0 = all */
    bool flag;
    int drive;               /* index into the library's drives: its drive elements in
                              * address order (library_drive_index) */
    unsigned timeout_ms;

    /* out (valid in `done`) */
    DWORD result;            /* 0 or a Win32 code */
    char why[256];           /* one line when result != 0 */
    bool changed;            /* JOB_CHECK: something changed; any job: UNIT ATTENTION seen */
    bool present;            /* JOB_DRIVE_READY */
    changer_info_t info;     /* JOB_ATTACH */
    element_status_t status; /* JOB_ATTACH, JOB_STATUS: freed by job_free */
    int ndrives;             /* JOB_ATTACH: drive elements, in address order; */
    drive_ident_t drives[LIBRARY_MAX_DRIVES]; /* the device bound to each (serial "": none),
                                               * device_name its Linux node when found */
    uint8_t *label;          /* JOB_READ_LABEL (out), JOB_WRITE_LABEL (in): malloc'ed, freed by
                              * job_free */
    size_t label_len;
    drive_health_t health;   /* JOB_HEALTH */
    enum clean_progress progress; /* JOB_CLEAN_PROBE */

    job_done_fn done;
    void *ctx;               /* the submitter's */
    job_t *next;             /* queue link, owned by the library */
};

/* A zeroed job (NULL when out of memory). `done` owns the job once called:
 * it frees it with job_free (or submits it again). */
job_t *job_new(enum job_kind kind, job_done_fn done, void *ctx);
void job_free(job_t *job); /* NULL is fine */

/* Queue `job` for `lib`'s worker. Jobs of one library run one at a time in
 * submission order. Returns 0, or ERROR_LIBRARY_OFFLINE when the library is
 * stopping (the job is not queued and `done` is not called). A job that
 * needs the device while the library has none open (its attach failed)
 * completes with ERROR_DEVICE_NOT_AVAILABLE; one for a drive index with no
 * bound device, with ERROR_INVALID_DRIVE. */
DWORD library_submit(library_t *lib, job_t *job);

/* ------------------------------------------------------------------------
 * The set of libraries. */

/* Start a library: its library object (found by configuration name, or
 * made), its worker thread, then JOB_ATTACH; when that completes the
 * library's objects are registered in the store and the start-up inventory
 * of its method runs (concepts/rsm-startup.md). A device that cannot be
 * opened is not an error here (see the top of this file). Errors: a second
 * library of the same name (ERROR_ALREADY_EXISTS), resources (threads,
 * memory), the store. */
DWORD library_start(uv_loop_t *loop, store_t *st, const library_config_t *cfg, library_t **out);

/* library_start for each of `n` configurations; failures are logged and
 * the others start. Returns how many started. */
size_t library_start_all(uv_loop_t *loop, store_t *st, const library_config_t *cfgs, size_t n);

/* Stop a library: refuse new jobs, let the running job finish, join the
 * worker. Queued jobs complete with ERROR_CANCELLED (their `done` runs on
 * this thread before library_stop returns), and so do pending inventories
 * and moves. The library leaves the list at once; its memory is released
 * once the loop has closed its handles, so `lib` must not be used after
 * this returns. Idempotent. */
void library_stop(library_t *lib);
/* Stop every library, then device change detection (SIGTERM, before the
 * store closes). */
void library_stop_all(void);

/* Told on the loop thread when a library starts needing service (its
 * device stopped answering: `failed`, with what failed in `why`) and when
 * it answers again (operator requests raise and end a device-service
 * request). One hook; NULL removes it. */
typedef void (*library_service_fn)(library_t *lib, bool failed, const char *why);
void library_set_service_hook(library_service_fn fn);

/* A failed library: attach again now rather than at the end of its
 * backoff (its device came back, or the operator says it was serviced). */
void library_retry_now(library_t *lib, const char *why);

/* Every running library, for lookups by GUID and for shutdown. */
library_t *library_first(void);
library_t *library_next(library_t *lib);
library_t *library_by_guid(const NTMS_GUID *id);
library_t *library_by_name(const char *config_name);

const char *library_name(const library_t *lib);
const NTMS_GUID *library_guid(const library_t *lib);       /* the NTMS_LIBRARY object */
enum library_state library_get_state(const library_t *lib);
const library_config_t *library_config(const library_t *lib);

/* The element status as last read (the cache inventories compare against);
 * NULL before the first read. */
const element_status_t *library_elements(const library_t *lib);

/* What the last attach learnt: the changer's identity, element map and
 * capabilities (zeroed before the first attach). */
const changer_info_t *library_info(const library_t *lib);

/* The library's drives: its drive elements in address order. Index i is
 * what job->drive takes. library_drive_index: the index of element
 * `address`, or -1. library_drive_ident: the device bound to drive i, or
 * NULL when none is (its device_name is the full Linux node, iSCSI URL or
 * virtual path, which the drive object may show cut to 63 bytes). */
int library_drive_count(const library_t *lib);
uint16_t library_drive_address(const library_t *lib, int i);
int library_drive_index(const library_t *lib, uint16_t address);
const drive_ident_t *library_drive_ident(const library_t *lib, int i);

/* May the core use drive i of `lib` for work it starts by itself? False
 * when the drive object or its library is disabled (DisableNtmsObject), or
 * the drive has no object. */
bool library_drive_usable(library_t *lib, int i);

/* ------------------------------------------------------------------------
 * What rsmd starts besides the configured libraries (watch.c, startup.c). */

/* Start device change detection on `loop` (one per rsmd; `opt` may be
 * NULL): every stand-alone library is registered with it once attached.
 * Its callbacks: `poll` asks the library's worker (JOB_DRIVE_READY, timeout
 * 0) whether a medium is in; `recheck` refreshes the library (or retries
 * the attach of a failed one); a device event naming the device of a
 * failed library retries its attach at once. Disabled libraries are
 * neither polled nor refreshed. library_stop_all stops it. */
DWORD library_watch_start(uv_loop_t *loop, store_t *st, const devwatch_options_t *opt);
/* The running devwatch (Begin/Set/EndNtmsDeviceChangeDetection), NULL when
 * none was started or it was stopped. */
devwatch_t *library_devwatch(void);

/* Do configurations `a` and `b` use a common device: a changer or drive
 * device of one that is a changer or drive device of the other? Devices are
 * compared by sg node (found through `sysfs`, NULL: /sys), so /dev/nst0 and
 * the /dev/sgN of the same drive are one device; an iSCSI URL is compared
 * as written, so it never matches a discovered /dev/sgN. Virtual libraries
 * use no device. */
bool library_config_shares_device(const char *sysfs, const library_config_t *a, const library_config_t *b);

/* Discovery at start: every library discover_scsi finds under `sysfs`
 * (NULL: /sys) that shares no device with one of the `n` configured ones
 * is started; one log line per library found, or one saying none was.
 * Returns how many started. */
size_t library_start_discovered(uv_loop_t *loop, store_t *st, const char *sysfs,
                                const library_config_t *configured, size_t n);

/* ------------------------------------------------------------------------
 * Operations built on jobs (library.c, refresh.c, move.c). Each returns 0
 * when started, and then calls `done` exactly once, later, on the loop
 * thread (never from inside the call); or returns an error and never calls
 * it. `done` may be NULL. */

typedef void (*library_done_fn)(library_t *lib, DWORD result, void *ctx);

/* InventoryNtmsLibrary's work. `method`:
 *   NTMS_INVENTORY_FAST  read the element status and reconcile the media
 *                        (bar codes; without a reader, only what changed);
 *   NTMS_INVENTORY_OMID  the same here: the labels are read above the
 *                        core (daemon/label/omid.c, after the API's OMID
 *                        inventories);
 *   NTMS_INVENTORY_SLOT  INITIALIZE ELEMENT STATUS first (the robot scans
 *                        its slots), then FAST;
 *   NTMS_INVENTORY_DEFAULT the library object's InventoryMethod;
 *   NTMS_INVENTORY_NONE  read and cache the element status, reconcile
 *                        nothing (done gets 0);
 *   NTMS_INVENTORY_STOP  cancel this library's inventories not yet
 *                        reconciled (their done gets ERROR_CANCELLED);
 *                        returns 0 and does not call this `done`.
 * Errors: ERROR_INVALID_PARAMETER (method), ERROR_DEVICE_NOT_AVAILABLE
 * (the library is LIBRARY_FAILED), ERROR_LIBRARY_OFFLINE (stopping),
 * ERROR_NOT_ENOUGH_MEMORY. An inventory whose status equals the one last
 * reconciled writes nothing. The result's counts: library_last_counts. */
DWORD library_inventory(library_t *lib, DWORD method, library_done_fn done, void *ctx);

/* Re-read element types `types` (1u << ELEM_x; 0: all) and reconcile them
 * by the library object's InventoryMethod (NONE: read and cache only).
 * For UNIT ATTENTIONs, door closes, device change detection. */
DWORD library_refresh(library_t *lib, unsigned types, library_done_fn done, void *ctx);

/* Told on the loop thread each time an inventory has reconciled the store
 * with the library (the start-up one, the API's, a refresh, the one after
 * an inject or a door), so that work above the core sees what came in:
 * the label writer looks for free media to label, and an OMID library's
 * labels are read after its start-up inventory (`startup`: the inventory
 * that follows an attach, when the library has just become READY). One
 * hook; NULL removes it. */
typedef void (*library_inventory_fn)(library_t *lib, bool startup);
void library_set_inventory_hook(library_inventory_fn fn);

/* Counts of the last reconciliation that ran (zeroed before one has). */
const struct inventory_counts *library_last_counts(const library_t *lib);

/* Move the cartridge in element `from` to element `to`, crash-safely: the
 * intent is recorded in the store, the MOVE job runs, and on success the
 * medium's location (`medium`, or NULL: the medium recorded at `from`),
 * both element objects and the element cache are updated in one
 * transaction with the intent closed. On a refusal by the library the
 * intent is closed and nothing else changes; when the library stopped
 * answering the intent stays open and the next attach settles it. `done`
 * gets the job's result. Errors as library_submit, and the store's. */
DWORD library_move(library_t *lib, uint16_t from, uint16_t to, const NTMS_GUID *medium, library_done_fn done,
                   void *ctx);

/* Say that the store's media of this library were changed other than by
 * library_move (an operator's hand on the database): the next inventory
 * then reconciles even when the element status looks unchanged. */
void library_invalidate(library_t *lib);

/* ------------------------------------------------------------------------
 * [library NAME] sections of rsmd.conf (libconfig.c), for the config
 * reader: defaults, one key, and the checks that need the whole section. */

/* Defaults: kind SCSI, inventory NTMS_INVENTORY_DEFAULT, poll 10 s, cleaner
 * prefix CLN, automatic cleaning held 5 s at most 600 s, cleaners found by
 * inventory not counted; virtual: 20 slots, 2 drives, 2 ports, no cartridges, bar
 * codes VT####L8, 8 GiB cartridges. -1 when `name` is empty or too long. */
int library_config_init(library_config_t *cfg, const char *name);
/* 0 set; 1 unknown key (the caller warns); -1 bad value, err says why. */
int library_config_key(library_config_t *cfg, const char *key, const char *value, char *err, size_t err_len);
/* After the last key: the defaults that depend on the type (a virtual
 * library's counts), and the checks that need the whole section (a device
 * or a root, no drive devices for a virtual library ...). 0, or -1 with
 * err. */
int library_config_finish(library_config_t *cfg, char *err, size_t err_len);

#endif
