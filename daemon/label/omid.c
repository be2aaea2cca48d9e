/*
 * omid.c - the label reader (omid.h): reading the labels of a library's
 * cartridges on idle drives and placing each cartridge by what it found.
 *
 * A run is one list of cartridges of one library, read one at a time,
 * under one library request of its own (NTMS_LM_PROCESSOMID, application
 * "RSM"):
 *
 *   1. a drive: the first usable drive the mount queue calls idle
 *      (queue_drive_idle: empty or holding a deferred dismount, and no
 *      mount waiting) is claimed at the lowest priority; with none idle
 *      the run looks again every OMID_RETRY_MS, so mounts always go first;
 *   2. the cartridge, if it still sits in a slot, is loaded (ops_load),
 *      its first block read (JOB_READ_LABEL) and identified off the loop
 *      thread (label_identify_async: our free label, the label libraries,
 *      the built-in formats), and placed (model_place_label); a cartridge
 *      that is now in Free without the service's free label gets it
 *      before it leaves the drive (label_freewrite_loaded);
 *   3. it goes back to its home slot (ops_unload) and the drive back to
 *      the queue.
 *
 * A cartridge that cannot be loaded or read is skipped with one log line;
 * the request ends PASSED when every cartridge was placed, FAILED with the
 * last error otherwise, CANCELLED after NTMS_INVENTORY_STOP. One run per
 * library at a time: a second OMID inventory while one runs adds nothing.
 */
#include "label/omid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label/background.h"
#include "label/freewrite.h"
#include "label/identify.h"
#include "library/library.h"
#include "model/librequest.h"
#include "model/placement.h"
#include "ops/ops.h"
#include "queue/queue.h"
#include "store/store_media.h"
#include "util/log.h"

#define OMID_RETRY_MS 500u
#define OMID_CLAIM_MS 60000u
#define OMID_READY_MS 300000u

typedef struct run {
    NTMS_GUID library, request;
    guid_list_t media;           /* the cartridges, in slot order */
    size_t next;                 /* the next one to take */
    NTMS_GUID medium;            /* the one in hand */
    drive_claim_t *claim;        /* asked for or granted; NULL: none */
    int drive;                   /* the granted drive's index */
    uint16_t address;            /* ... and element address */
    bool busy;                   /* a load, read, identification or unload is out */
    bool taken;                  /* `medium` is ours (bg_take) */
    bool stop;                   /* NTMS_INVENTORY_STOP */
    unsigned placed, skipped;
    DWORD last_error;
    ops_done_fn done;
    void *arg;
    uv_timer_t timer;            /* the look for an idle drive again */
    struct run *next_run;
} run_t;

static struct {
    uv_loop_t *loop;
    store_t *st;
    run_t *runs;
} g;

static void next_cartridge(run_t *r);
static void pick_drive_timer(uv_timer_t *t);
static void pick_drive(run_t *r);

static const char *library_label(const run_t *r)
{
    library_t *lib = library_by_guid(&r->library);
    return lib != NULL ? library_name(lib) : "(stopped)";
}

static void run_closed(uv_handle_t *h)
{
    run_t *r = h->data;
    guid_list_free(&r->media);
    free(r);
}

static void unlink_run(run_t *r)
{
    for (run_t **p = &g.runs; *p != NULL; p = &(*p)->next_run)
        if (*p == r) {
            *p = r->next_run;
            break;
        }
}

static void give_back(run_t *r)
{
    if (r->taken)
        bg_give_back(&r->medium);
    r->taken = false;
}

/* The end of a run: its request, its caller, its memory. */
static void finish(run_t *r, DWORD err)
{
    if (err == 0 && r->skipped > 0)
        err = r->last_error ? r->last_error : ERROR_IO_DEVICE;
    unlink_run(r);
    give_back(r);
    uv_timer_stop(&r->timer);
    if (r->claim != NULL)
        queue_release_drive(r->claim);
    r->claim = NULL;
    model_librequest_finish(g.st, &r->request, err);
    log_info("label reader: library \"%s\": %u cartridge%s identified, %u skipped%s", library_label(r), r->placed,
             r->placed == 1 ? "" : "s", r->skipped, err == ERROR_CANCELLED ? " (stopped)" : "");
    if (r->done != NULL)
        r->done(r->arg, err);
    uv_close((uv_handle_t *)&r->timer, run_closed);
}

static void skip(run_t *r, DWORD err, const char *what)
{
    NTMS_OBJECTINFORMATIONA rec;
    if (store_get(g.st, &r->medium, &rec) != 0)
        snprintf(rec.szName, sizeof rec.szName, "%s", "(gone)");
    log_warn("label reader: medium \"%s\" skipped: %s (error %u)", rec.szName, what, (unsigned)err);
    r->skipped++;
    r->last_error = err;
}

/* --- 3. back to the slot, the drive back to the queue ------------------------ */

static void unloaded(void *arg, DWORD err)
{
    run_t *r = arg;
    if (err != 0)
        log_error("label reader: drive %u could not be emptied (error %u); the cartridge stays there",
                  r->address, (unsigned)err);
    give_back(r);
    queue_release_drive(r->claim);
    r->claim = NULL;
    r->busy = false;
    next_cartridge(r);
}

static void unload(run_t *r)
{
    DWORD err = ops_unload(&r->request, &r->library, &r->medium, r->address, unloaded, r);
    if (err != 0 && err != OPS_PENDING)
        unloaded(r, err);
}

/* --- 2. load, read, identify, place ------------------------------------------ */

/* The free label, if the cartridge needed one, is written: on to the
 * unload. A failed write is the writer's to log; the cartridge was
 * identified all the same. */
static void stamped(void *arg, DWORD err)
{
    (void)err;
    unload(arg);
}

static void identified(void *ctx, const uint8_t *buf, size_t len, const label_info_t *li)
{
    run_t *r = ctx;
    model_place_result_t res;
    (void)buf, (void)len;

    DWORD err = model_place_label(g.st, &r->medium, 0, li, &res);
    if (err != 0) {
        skip(r, err, "the label could not be recorded");
    } else {
        r->placed++;
        if (memcmp(&r->medium, &res.medium, sizeof res.medium) != 0) { /* a returning medium: the old record */
            give_back(r);
            r->medium = res.medium;
            r->taken = bg_take(&r->medium);
        }
        /* placed in Free (or found there unlabelled): label it while it is here */
        if (label_freewrite_loaded(&r->library, &r->medium, r->drive, stamped, r) == OPS_PENDING)
            return;
    }
    unload(r);
}

static void label_read(job_t *job)
{
    run_t *r = job->ctx;
    DWORD err = job->result;

    if (err == 0)
        err = label_identify_async(g.loop, job->label, job->label_len, identified, r);
    else
        skip(r, err, job->why);
    job_free(job);
    if (err != 0)
        unload(r);
}

static void loaded(void *arg, DWORD err)
{
    run_t *r = arg;
    library_t *lib = library_by_guid(&r->library);
    job_t *job = NULL;

    if (err == ERROR_INVALID_STATE) { /* in the drive, but never ready */
        skip(r, err, "the drive did not become ready");
        unload(r);
        return;
    }
    if (err != 0) {
        skip(r, err, "it could not be loaded");
        unloaded(r, 0); /* nothing to unload: the load put it back or never moved it */
        return;
    }
    if (lib != NULL)
        job = job_new(JOB_READ_LABEL, label_read, r);
    if (job == NULL) {
        skip(r, lib ? ERROR_NOT_ENOUGH_MEMORY : ERROR_LIBRARY_OFFLINE, "its label could not be read");
        unload(r);
        return;
    }
    job->drive = r->drive;
    err = library_submit(lib, job);
    if (err != 0) {
        job_free(job);
        skip(r, err, "its label could not be read");
        unload(r);
    }
}

static void granted(drive_claim_t *claim, DWORD err, void *ctx)
{
    run_t *r = ctx;
    library_t *lib = library_by_guid(&r->library);

    if (err != 0) {
        r->claim = NULL;
        if (err == ERROR_CANCELLED || lib == NULL) {
            finish(r, ERROR_CANCELLED);
            return;
        }
        uv_timer_start(&r->timer, pick_drive_timer, OMID_RETRY_MS, 0);
        return;
    }
    r->claim = claim;
    if (r->stop || lib == NULL) {
        finish(r, ERROR_CANCELLED);
        return;
    }
    if (!bg_medium_in_slot(g.st, &r->medium, &r->library) || !(r->taken = bg_take(&r->medium))) {
        queue_release_drive(claim);
        r->claim = NULL;
        next_cartridge(r);
        return;
    }
    r->drive = queue_claim_drive_index(claim);
    r->address = library_drive_address(lib, r->drive);
    r->busy = true;
    ops_load_t spec = {.medium = r->medium, .drive = r->address, .ready_ms = OMID_READY_MS};
    err = ops_load(&r->request, &r->library, &spec, loaded, r);
    if (err != 0 && err != OPS_PENDING)
        loaded(r, err);
}

/* --- 1. an idle drive ---------------------------------------------------------- */

static void pick_drive_timer(uv_timer_t *t)
{
    pick_drive(t->data);
}

static void pick_drive(run_t *r)
{
    library_t *lib = library_by_guid(&r->library);

    if (lib == NULL || r->stop) {
        finish(r, ERROR_CANCELLED);
        return;
    }
    DWORD err = bg_claim_idle_drive(g.st, lib, false, OMID_CLAIM_MS, &r->request, granted, r, &r->claim);
    if (err == 0)
        return;
    if (err == ERROR_NO_SUPPORTING_DRIVES) {
        log_warn("label reader: library \"%s\" has no drive it may use; no label is read", library_name(lib));
        r->skipped += (unsigned)(r->media.n - r->next + 1);
        finish(r, ERROR_NO_SUPPORTING_DRIVES);
        return;
    }
    uv_timer_start(&r->timer, pick_drive_timer, OMID_RETRY_MS, 0);
}

static void next_cartridge(run_t *r)
{
    if (r->stop) {
        finish(r, ERROR_CANCELLED);
        return;
    }
    if (r->next >= r->media.n) {
        finish(r, 0);
        return;
    }
    r->medium = r->media.v[r->next++];
    pick_drive(r);
}

static void begin(uv_timer_t *t)
{
    next_cartridge(t->data);
}

/* --- the reader --------------------------------------------------------------- */

static run_t *run_of(const NTMS_GUID *library)
{
    for (run_t *r = g.runs; r != NULL; r = r->next_run)
        if (memcmp(&r->library, library, sizeof *library) == 0)
            return r;
    return NULL;
}

static DWORD omid_start(const NTMS_GUID *library, const NTMS_GUID *slot, ops_done_fn done, void *arg)
{
    librequest_spec_t spec = {.op = NTMS_LM_PROCESSOMID, .library = library, .slot = slot};
    run_t *r;
    DWORD err;

    if (slot == NULL && run_of(library) != NULL) {
        log_info("label reader: library \"%s\" is being read already", library_label(run_of(library)));
        return 0;
    }
    r = calloc(1, sizeof *r);
    if (r == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    r->library = *library;
    r->done = done;
    r->arg = arg;
    err = store_media_to_identify(g.st, library, slot, slot != NULL, &r->media);
    if (err == 0)
        err = model_librequest_create(g.st, NULL, &spec, &r->request);
    if (err == 0)
        model_librequest_set_state(g.st, &r->request, NTMS_LM_INPROCESS);
    if (err != 0) {
        guid_list_free(&r->media);
        free(r);
        return err;
    }
    log_info("label reader: library \"%s\": %zu cartridge%s to identify", library_label(r), r->media.n,
             r->media.n == 1 ? "" : "s");
    uv_timer_init(g.loop, &r->timer);
    uv_unref((uv_handle_t *)&r->timer); /* never what keeps rsmd from stopping */
    r->timer.data = r;
    r->next_run = g.runs;
    g.runs = r;
    uv_timer_start(&r->timer, begin, 0, 0); /* `done` never runs inside this call */
    return 0;
}

static void omid_stop(const NTMS_GUID *library)
{
    for (run_t *r = g.runs, *next; r != NULL; r = next) {
        next = r->next_run;
        if (memcmp(&r->library, library, sizeof *library) != 0)
            continue;
        r->stop = true;
        if (!r->busy)
            finish(r, ERROR_CANCELLED); /* waiting for a drive: ends now */
    }
}

static const ops_omid_reader_t reader = {omid_start, omid_stop};

/* The library core's inventory hook. The start-up inventory of a library
 * whose InventoryMethod is OMID is a FAST one in the core, which runs it
 * as soon as the library is READY; its labels are read from here, where
 * the mount queue's drives are at hand. And any inventory may have
 * brought in free media still to be labelled. */
static void library_inventoried(library_t *lib, bool startup)
{
    NTMS_OBJECTINFORMATIONA rec;

    if (startup && store_get(g.st, library_guid(lib), &rec) == 0 &&
        rec.Info.Library.InventoryMethod == NTMS_INVENTORY_OMID) {
        DWORD err = omid_start(library_guid(lib), NULL, NULL, NULL);
        if (err != 0)
            log_error("label reader: the labels of library \"%s\" cannot be read (error %u)", library_name(lib),
                      (unsigned)err);
    }
    label_freewrite_library(library_guid(lib));
}

void label_omid_attach(uv_loop_t *loop, store_t *st)
{
    g.loop = loop;
    g.st = st;
    ops_set_omid_reader(&reader);
    library_set_inventory_hook(library_inventoried);
}

void label_omid_free(void)
{
    while (g.runs != NULL) {
        run_t *r = g.runs;
        r->claim = NULL; /* the queue frees its claims itself */
        r->busy = false;
        finish(r, ERROR_CANCELLED);
    }
    ops_set_omid_reader(NULL);
    library_set_inventory_hook(NULL);
}
