/*
 * freewrite.c - the free-label writer (freewrite.h).
 *
 * Each library with media to label has a writer: a list of media in the
 * order they came, and at most one medium in hand. The medium in hand is
 * the first listed one that still needs the label (model/freemedia.h),
 * sits idle in a slot of the library and whose retry time has come; a
 * medium that no longer needs the label (allocated, moved out of Free,
 * labelled by the label reader meanwhile) leaves the list when it is
 * looked at. With the medium in hand:
 *
 *   1. an idle, empty drive (bg_claim_idle_drive) is claimed at the lowest
 *      priority; with none the writer looks again every FW_DRIVE_MS;
 *   2. the NTMS_LM_WRITESCRATCH request opens, INPROCESS; ops_load loads
 *      the cartridge (checking a recorded label first), JOB_WRITE_LABEL
 *      writes the label, model_free_label_record records it;
 *   3. ops_unload takes the cartridge home, the drive goes back to the
 *      queue, the request ends with the write's outcome.
 *
 * A write that failed for good (write protection, a drive that cannot
 * write labels, a cartridge that is not the one recorded) gives the medium
 * up: one log line, its previous identity stays, and it is not tried again
 * while it keeps its library and home slot, unless it is moved into Free
 * again. Any other failure (the load, the drive, the device) is tried again
 * FW_BACKOFF_MS later, FW_ATTEMPTS times in all.
 */
#include "label/freewrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label/background.h"
#include "label/freelabel.h"
#include "library/library.h"
#include "model/freemedia.h"
#include "model/librequest.h"
#include "model/media.h"
#include "queue/queue.h"
#include "store/store_library.h"
#include "store/store_media.h"
#include "util/log.h"

#define FW_DRIVE_MS 500u      /* no idle drive: look again */
#define FW_WAIT_MS 2000u      /* every listed medium is busy or away: look again */
#define FW_CLAIM_MS 60000u
#define FW_READY_MS 300000u
#define FW_ATTEMPTS 3u
#define FW_BACKOFF_MS 10000u

typedef struct item {
    NTMS_GUID medium;
    unsigned attempts;
    uint64_t not_before;        /* uv_now() */
    struct item *next;
} item_t;

typedef struct writer {
    NTMS_GUID library;
    item_t *list;               /* in the order the media came */
    item_t *cur;                /* in hand; NULL: none */
    NTMS_GUID side, request;
    bool have_request;          /* `request` is open */
    DWORD result;               /* the attempt's outcome */
    drive_claim_t *claim;       /* asked for or granted */
    int drive;
    uint16_t address;
    bool busy;                  /* a load, write or unload is out */
    bool taken;                 /* cur's medium is ours (bg_take) */
    uv_timer_t timer;
    struct writer *next;
} writer_t;

/* Media whose write failed for good, while they keep library and home. */
typedef struct given_up {
    NTMS_GUID medium, library, home;
    struct given_up *next;
} given_up_t;

static struct {
    uv_loop_t *loop;
    store_t *st;
    writer_t *writers;
    given_up_t *given_up;
} g;

static void tick(uv_timer_t *t);

static const char *medium_name(const NTMS_GUID *medium, char buf[NTMS_OBJECTNAME_LENGTH])
{
    NTMS_OBJECTINFORMATIONA m;
    snprintf(buf, NTMS_OBJECTNAME_LENGTH, "%s", store_get(g.st, medium, &m) == 0 ? m.szName : "(gone)");
    return buf;
}

static bool guid_eq(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* A failure that trying again cannot mend. */
static bool failed_for_good(DWORD err)
{
    return err == ERROR_WRITE_PROTECT || err == ERROR_NOT_SUPPORTED || err == ERROR_INVALID_MEDIA ||
           err == ERROR_BAD_FORMAT;
}

/* --- media given up ----------------------------------------------------------- */

static void forget_given_up(const NTMS_GUID *medium)
{
    for (given_up_t **p = &g.given_up; *p != NULL; p = &(*p)->next) {
        if (guid_eq(&(*p)->medium, medium)) {
            given_up_t *x = *p;
            *p = x->next;
            free(x);
            return;
        }
    }
}

static void give_up(const NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA m;
    given_up_t *x;

    forget_given_up(medium);
    if (store_get(g.st, medium, &m) != 0 || (x = calloc(1, sizeof *x)) == NULL)
        return;
    x->medium = *medium;
    x->library = m.Info.PhysicalMedia.CurrentLibrary;
    x->home = m.Info.PhysicalMedia.HomeSlot;
    x->next = g.given_up;
    g.given_up = x;
}

/* Is `medium` given up? An entry whose medium has left its library or
 * home slot since is dropped: the medium is tried again. */
static bool is_given_up(const NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA m;

    for (given_up_t *x = g.given_up; x != NULL; x = x->next) {
        if (!guid_eq(&x->medium, medium))
            continue;
        if (store_get(g.st, medium, &m) == 0 && guid_eq(&m.Info.PhysicalMedia.CurrentLibrary, &x->library) &&
            guid_eq(&m.Info.PhysicalMedia.HomeSlot, &x->home))
            return true;
        forget_given_up(medium);
        return false;
    }
    return false;
}

/* --- one label on a loaded drive ------------------------------------------------ */

/* A WRITESCRATCH request for `medium`'s `side` on drive index `drive`,
 * open and INPROCESS. */
static DWORD open_request(library_t *lib, int drive, const NTMS_GUID *medium, const NTMS_GUID *side,
                          NTMS_GUID *out)
{
    NTMS_GUID drive_object;
    bool have_drive = store_library_element(g.st, library_guid(lib), NTMS_DRIVE, library_drive_address(lib, drive),
                                            &drive_object) == 0;
    librequest_spec_t spec = {
        .op = NTMS_LM_WRITESCRATCH,
        .library = library_guid(lib),
        .drive = have_drive ? &drive_object : NULL,
        .media = medium,
        .partition = side,
    };
    DWORD err = model_librequest_create(g.st, NULL, &spec, out);
    if (err == 0)
        err = model_librequest_set_state(g.st, out, NTMS_LM_INPROCESS);
    return err;
}

typedef struct stamp {
    NTMS_GUID medium, side;
    ops_done_fn done;
    void *arg;
} stamp_t;

static void stamped(job_t *job)
{
    stamp_t *s = job->ctx;
    DWORD err = job->result;
    char name[NTMS_OBJECTNAME_LENGTH];

    medium_name(&s->medium, name);
    if (err != 0) {
        log_warn("free label: medium \"%s\" keeps its label: %s (error %u)", name, job->why, (unsigned)err);
    } else if ((err = model_free_label_record(g.st, &s->side, job->label, job->label_len)) != 0) {
        log_error("free label: written on medium \"%s\" but not recorded (error %u)", name, (unsigned)err);
    } else {
        log_info("free label: written on medium \"%s\"", name);
    }
    if (failed_for_good(err))
        give_up(&s->medium);
    ops_done_fn done = s->done;
    void *arg = s->arg;
    free(s);
    job_free(job);
    done(arg, err);
}

/* Write the free label of `medium` on drive index `drive` of `lib`, where
 * the medium is: OPS_PENDING and `done` later, or an error. */
static DWORD stamp(library_t *lib, const NTMS_GUID *medium, int drive, ops_done_fn done, void *arg)
{
    stamp_t *s = calloc(1, sizeof *s);
    uint8_t *buf = malloc(LABEL_FREE_BLOCK);
    job_t *job = NULL;
    size_t len = 0;
    DWORD err = s != NULL && buf != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;

    if (err == 0)
        err = model_free_label_make(g.st, medium, buf, LABEL_FREE_BLOCK, &len, &s->side);
    if (err == 0 && (job = job_new(JOB_WRITE_LABEL, stamped, s)) == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (err == 0) {
        s->medium = *medium;
        s->done = done;
        s->arg = arg;
        job->drive = drive;
        job->label = buf; /* job_free frees it from now on */
        job->label_len = len;
        buf = NULL;
        err = library_submit(lib, job);
        if (err == 0)
            return OPS_PENDING;
    }
    job_free(job);
    free(buf);
    free(s);
    return err;
}

/* --- the label reader's cartridges ------------------------------------------- */

typedef struct inline_write {
    NTMS_GUID request;
    ops_done_fn done;
    void *arg;
} inline_write_t;

static void inline_written(void *arg, DWORD err)
{
    inline_write_t *x = arg;
    model_librequest_finish(g.st, &x->request, err);
    x->done(x->arg, err);
    free(x);
}

DWORD label_freewrite_loaded(const NTMS_GUID *library, const NTMS_GUID *medium, int drive, ops_done_fn done,
                             void *arg)
{
    library_t *lib = library_by_guid(library);
    inline_write_t *x;
    NTMS_GUID side;
    DWORD err;

    if (lib == NULL || g.st == NULL || done == NULL)
        return ERROR_LIBRARY_OFFLINE;
    if (!model_free_label_needed(g.st, medium, &side) || is_given_up(medium))
        return 0;
    if ((x = calloc(1, sizeof *x)) == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    x->done = done;
    x->arg = arg;
    err = open_request(lib, drive, medium, &side, &x->request);
    if (err != 0) {
        free(x);
        return err;
    }
    err = stamp(lib, medium, drive, inline_written, x);
    if (err != OPS_PENDING) {
        model_librequest_finish(g.st, &x->request, err);
        free(x);
    }
    return err;
}

/* --- the writers --------------------------------------------------------------- */

static void later(writer_t *w, unsigned ms)
{
    uv_timer_start(&w->timer, tick, ms, 0);
}

static void kick(writer_t *w)
{
    if (w->cur == NULL)
        later(w, 0);
}

static writer_t *writer_of(const NTMS_GUID *library, bool create)
{
    writer_t *w;

    for (w = g.writers; w != NULL; w = w->next)
        if (guid_eq(&w->library, library))
            return w;
    if (!create || (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->library = *library;
    uv_timer_init(g.loop, &w->timer);
    uv_unref((uv_handle_t *)&w->timer); /* never what keeps rsmd from stopping */
    w->timer.data = w;
    w->next = g.writers;
    g.writers = w;
    return w;
}

static bool listed(const writer_t *w, const NTMS_GUID *medium)
{
    if (w->cur != NULL && guid_eq(&w->cur->medium, medium))
        return true;
    for (const item_t *it = w->list; it != NULL; it = it->next)
        if (guid_eq(&it->medium, medium))
            return true;
    return false;
}

static void append(writer_t *w, item_t *it)
{
    item_t **p = &w->list;
    while (*p != NULL)
        p = &(*p)->next;
    it->next = NULL;
    *p = it;
}

/* List `medium` in `w` (once). */
static void add(writer_t *w, const NTMS_GUID *medium)
{
    item_t *it;

    if (listed(w, medium) || (it = calloc(1, sizeof *it)) == NULL)
        return;
    it->medium = *medium;
    append(w, it);
    kick(w);
}

static void free_items(item_t *it)
{
    while (it != NULL) {
        item_t *next = it->next;
        free(it);
        it = next;
    }
}

/* The medium in hand goes back to the end of the list. */
static void put_back(writer_t *w)
{
    if (w->cur != NULL)
        append(w, w->cur);
    w->cur = NULL;
}

static void release(writer_t *w)
{
    if (w->claim != NULL)
        queue_release_drive(w->claim);
    w->claim = NULL;
    if (w->taken)
        bg_give_back(&w->cur->medium);
    w->taken = false;
}

/* The attempt is over (the drive is back): the request ends, and the
 * medium leaves the list, is given up, or waits for its next attempt. */
static void settle(writer_t *w)
{
    item_t *it = w->cur;
    char name[NTMS_OBJECTNAME_LENGTH];

    w->cur = NULL;
    if (w->have_request)
        model_librequest_finish(g.st, &w->request, w->result);
    w->have_request = false;
    if (w->result == 0) {
        free(it);
    } else if (failed_for_good(w->result)) {
        give_up(&it->medium);
        free(it);
    } else if (it->attempts >= FW_ATTEMPTS) {
        log_warn("free label: medium \"%s\" keeps its label: %u attempts failed (error %u)",
                 medium_name(&it->medium, name), it->attempts, (unsigned)w->result);
        give_up(&it->medium);
        free(it);
    } else {
        log_debug("free label: medium \"%s\": trying again in %u s", medium_name(&it->medium, name),
                  FW_BACKOFF_MS / 1000u);
        it->not_before = uv_now(g.loop) + FW_BACKOFF_MS;
        append(w, it);
    }
    kick(w);
}

static void unloaded(void *arg, DWORD err)
{
    writer_t *w = arg;
    if (err != 0)
        log_error("free label: drive %u could not be emptied (error %u); the cartridge stays there", w->address,
                  (unsigned)err);
    release(w);
    w->busy = false;
    settle(w);
}

static void unload(writer_t *w)
{
    DWORD err = ops_unload(&w->request, &w->library, &w->cur->medium, w->address, unloaded, w);
    if (err != 0 && err != OPS_PENDING)
        unloaded(w, err);
}

static void written(void *arg, DWORD err)
{
    writer_t *w = arg;
    w->result = err;
    unload(w);
}

static void loaded(void *arg, DWORD err)
{
    writer_t *w = arg;
    library_t *lib = library_by_guid(&w->library);
    bool in_drive = err == 0 || err == ERROR_INVALID_STATE; /* loaded, but perhaps never ready */
    char name[NTMS_OBJECTNAME_LENGTH];

    if (err == 0) {
        err = lib != NULL ? stamp(lib, &w->cur->medium, w->drive, written, w) : ERROR_LIBRARY_OFFLINE;
        if (err == OPS_PENDING)
            return;
    }
    w->result = err;
    if (err != ERROR_CANCELLED)
        log_warn("free label: medium \"%s\" keeps its label: %s (error %u)", medium_name(&w->cur->medium, name),
                 err == ERROR_INVALID_STATE   ? "the drive did not become ready"
                 : err == ERROR_INVALID_MEDIA ? "the cartridge loaded is not the one recorded"
                                              : "it could not be loaded or written",
                 (unsigned)err);
    if (in_drive)
        unload(w);
    else
        unloaded(w, 0); /* the load put it back, or never moved it */
}

static void granted(drive_claim_t *claim, DWORD err, void *ctx)
{
    writer_t *w = ctx;
    library_t *lib = library_by_guid(&w->library);

    w->claim = err == 0 ? claim : NULL;
    if (err != 0) {
        if (err == ERROR_CANCELLED)
            put_back(w); /* the library or rsmd stops; an inventory lists it again */
        else
            later(w, FW_DRIVE_MS);
        return;
    }
    if (lib == NULL || is_given_up(&w->cur->medium) || !model_free_label_needed(g.st, &w->cur->medium, &w->side) ||
        !bg_medium_in_slot(g.st, &w->cur->medium, &w->library) || !(w->taken = bg_take(&w->cur->medium))) {
        release(w);
        put_back(w); /* the next look drops it or waits for it */
        later(w, FW_WAIT_MS);
        return;
    }
    w->drive = queue_claim_drive_index(claim);
    w->address = library_drive_address(lib, w->drive);
    w->cur->attempts++;
    err = open_request(lib, w->drive, &w->cur->medium, &w->side, &w->request);
    if (err != 0) {
        log_error("free label: no library request could be recorded (error %u)", (unsigned)err);
        release(w);
        w->result = err;
        settle(w);
        return;
    }
    w->have_request = true;
    w->busy = true;
    ops_load_t spec = {.medium = w->cur->medium, .side = w->side, .drive = w->address, .ready_ms = FW_READY_MS};
    err = ops_load(&w->request, &w->library, &spec, loaded, w);
    if (err != 0 && err != OPS_PENDING)
        loaded(w, err);
}

static void pick_drive(writer_t *w)
{
    library_t *lib = library_by_guid(&w->library);
    DWORD err = lib != NULL ? bg_claim_idle_drive(g.st, lib, true, FW_CLAIM_MS, NULL, granted, w, &w->claim)
                            : ERROR_LIBRARY_OFFLINE;

    if (err == 0)
        return;
    w->claim = NULL;
    if (err == ERROR_LIBRARY_OFFLINE) {
        put_back(w);
        return;
    }
    later(w, err == ERROR_BUSY ? FW_DRIVE_MS : FW_WAIT_MS);
}

/* The first listed medium that may be written now goes in hand; media that
 * need the label no more leave the list. */
static void next_medium(writer_t *w)
{
    library_t *lib = library_by_guid(&w->library);
    uint64_t now = uv_now(g.loop);
    bool waiting = false;

    if (lib == NULL) { /* stopped: its media wait for an inventory to find them again */
        free_items(w->list);
        w->list = NULL;
        return;
    }
    if (library_get_state(lib) != LIBRARY_READY) {
        if (w->list != NULL)
            later(w, FW_WAIT_MS);
        return;
    }
    for (item_t **p = &w->list; *p != NULL && w->cur == NULL;) {
        item_t *it = *p;
        if (is_given_up(&it->medium) || !model_free_label_needed(g.st, &it->medium, NULL)) {
            *p = it->next;
            free(it);
        } else if (now >= it->not_before && !bg_taken(&it->medium) &&
                   bg_medium_in_slot(g.st, &it->medium, &w->library)) {
            *p = it->next;
            it->next = NULL;
            w->cur = it;
        } else {
            waiting = true;
            p = &it->next;
        }
    }
    if (w->cur != NULL)
        pick_drive(w);
    else if (waiting)
        later(w, FW_WAIT_MS);
}

static void tick(uv_timer_t *t)
{
    writer_t *w = t->data;

    if (w->cur == NULL)
        next_medium(w);
    else if (w->claim == NULL && !w->busy)
        pick_drive(w);
}

/* --- what comes in --------------------------------------------------------------- */

/* The running library `library` if the writer may use it (it has a robot). */
static library_t *robot_library(const NTMS_GUID *library)
{
    library_t *lib = library_by_guid(library);
    return lib != NULL && library_config(lib)->kind != LIBRARY_STANDALONE ? lib : NULL;
}

void label_freewrite_library(const NTMS_GUID *library)
{
    guid_list_t media = {0};
    writer_t *w;

    if (g.st == NULL || robot_library(library) == NULL)
        return;
    if (store_media_free_unlabelled(g.st, library, LABEL_FREE_TYPE, &media) != 0) {
        log_error("free label: the media to label cannot be listed");
        return;
    }
    for (size_t i = 0; i < media.n; i++)
        if (!is_given_up(&media.v[i]) && (w = writer_of(library, true)) != NULL)
            add(w, &media.v[i]);
    guid_list_free(&media);
}

static void entered_free(void *arg, const NTMS_GUID *medium)
{
    (void)arg;
    label_freewrite_medium(medium);
}

void label_freewrite_medium(const NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA m;
    writer_t *w;

    if (g.st == NULL)
        return;
    if (medium == NULL) {
        for (library_t *lib = library_first(); lib != NULL; lib = library_next(lib))
            label_freewrite_library(library_guid(lib));
        return;
    }
    forget_given_up(medium); /* moved into Free again: try again */
    if (store_get(g.st, medium, &m) != 0 || robot_library(&m.Info.PhysicalMedia.CurrentLibrary) == NULL)
        return; /* offline: an inventory will find it in a library */
    if (model_free_label_needed(g.st, medium, NULL) && (w = writer_of(&m.Info.PhysicalMedia.CurrentLibrary, true)))
        add(w, medium);
}

/* --- start and stop --------------------------------------------------------------- */

void label_freewrite_attach(uv_loop_t *loop, store_t *st)
{
    g.loop = loop;
    g.st = st;
    model_media_set_free_hook(entered_free, NULL);
}

static void writer_closed(uv_handle_t *h)
{
    free(h->data);
}

void label_freewrite_free(void)
{
    model_media_set_free_hook(NULL, NULL);
    while (g.writers != NULL) {
        writer_t *w = g.writers;
        g.writers = w->next;
        uv_timer_stop(&w->timer);
        if (w->have_request)
            model_librequest_finish(g.st, &w->request, ERROR_CANCELLED);
        free_items(w->list);
        free(w->cur); /* its claim is the queue's to free */
        w->cur = NULL;
        uv_close((uv_handle_t *)&w->timer, writer_closed);
    }
    bg_forget_all();
    while (g.given_up != NULL) {
        given_up_t *x = g.given_up;
        g.given_up = x->next;
        free(x);
    }
    g.st = NULL;
}
