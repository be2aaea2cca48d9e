/*
 * library.c - the running libraries: start and stop, lookups, the poll
 * timer, and what happens when an attach completes or a device stops
 * answering (library.h describes the life of a library).
 *
 * All of this runs on the loop thread. The list of libraries is a plain
 * singly linked list in start order: a host has a handful of libraries.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "library/library_int.h"
#include "model/devices.h"
#include "store/store_library.h"
#include "util/log.h"

#define TICK_MS 1000u
#define BACKOFF_FIRST_S 5u
#define BACKOFF_MAX_S 60u

static library_t *libraries;

static const char *kind_name(enum library_kind k)
{
    return k == LIBRARY_VIRTUAL ? "virtual" : k == LIBRARY_STANDALONE ? "standalone" : "scsi";
}

const char *library_device(const library_t *lib)
{
    return lib->cfg.kind == LIBRARY_VIRTUAL ? lib->cfg.root : lib->cfg.device;
}

/* --- lookups ---------------------------------------------------------------- */

library_t *library_first(void) { return libraries; }
library_t *library_next(library_t *lib) { return lib != NULL ? lib->next : NULL; }

library_t *library_by_guid(const NTMS_GUID *id)
{
    for (library_t *l = libraries; id != NULL && l != NULL; l = l->next)
        if (memcmp(&l->guid, id, sizeof(*id)) == 0)
            return l;
    return NULL;
}

library_t *library_by_name(const char *config_name)
{
    for (library_t *l = libraries; config_name != NULL && l != NULL; l = l->next)
        if (strcmp(l->cfg.name, config_name) == 0)
            return l;
    return NULL;
}

const char *library_name(const library_t *lib) { return lib->cfg.name; }
const NTMS_GUID *library_guid(const library_t *lib) { return &lib->guid; }
enum library_state library_get_state(const library_t *lib) { return lib->state; }
const library_config_t *library_config(const library_t *lib) { return &lib->cfg; }
const changer_info_t *library_info(const library_t *lib) { return &lib->info; }
const inventory_counts_t *library_last_counts(const library_t *lib) { return &lib->last_counts; }

const element_status_t *library_elements(const library_t *lib)
{
    return lib->have_cache ? &lib->cache : NULL;
}

int library_drive_count(const library_t *lib) { return lib->ndrives; }

uint16_t library_drive_address(const library_t *lib, int i)
{
    return i >= 0 && i < lib->ndrives ? lib->drive_addr[i] : 0;
}

int library_drive_index(const library_t *lib, uint16_t address)
{
    for (int i = 0; i < lib->ndrives; i++)
        if (lib->drive_addr[i] == address)
            return i;
    return -1;
}

const drive_ident_t *library_drive_ident(const library_t *lib, int i)
{
    return i >= 0 && i < lib->ndrives && lib->drive_bound[i] ? &lib->drive_id[i] : NULL;
}

/* --- disabled objects -------------------------------------------------------- */

bool library_enabled(library_t *lib, const char *what)
{
    if (model_library_usable(lib->st, &lib->guid) != ERROR_RESOURCE_DISABLED)
        return true;
    log_debug("library %s: disabled; no %s", lib->cfg.name, what);
    return false;
}

bool library_drive_usable(library_t *lib, int i)
{
    NTMS_GUID drive;
    if (i < 0 || i >= lib->ndrives ||
        store_library_element(lib->st, &lib->guid, NTMS_DRIVE, lib->drive_addr[i], &drive) != 0)
        return false;
    return model_drive_usable(lib->st, &drive) == 0;
}

/* --- faults ----------------------------------------------------------------- */

bool library_is_fault(DWORD err)
{
    return err == ERROR_DEVICE_NOT_AVAILABLE || err == ERROR_TIMEOUT;
}

static library_service_fn service_hook;

void library_set_service_hook(library_service_fn fn)
{
    service_hook = fn;
}

/* LIBRARY_FAILED, the object NTMS_NEEDS_SERVICE, and the next attach
 * scheduled: 5 s after the fault, then twice as long each time, at most
 * 60 s. The service hook hears of the first fault only. */
static void enter_failed(library_t *lib, const char *why)
{
    bool first = lib->state != LIBRARY_FAILED;
    lib->state = LIBRARY_FAILED;
    lib->backoff_s = first || lib->backoff_s == 0 ? BACKOFF_FIRST_S
                     : lib->backoff_s * 2 > BACKOFF_MAX_S ? BACKOFF_MAX_S
                                                          : lib->backoff_s * 2;
    lib->next_retry_ms = uv_now(lib->loop) + lib->backoff_s * 1000u;
    DWORD err = model_library_set_state(lib->st, &lib->guid, NTMS_NEEDS_SERVICE);
    if (err)
        log_error("library %s: cannot record its state (error %u)", lib->cfg.name, (unsigned)err);
    if (first && service_hook != NULL)
        service_hook(lib, true, why);
}

void library_note_result(library_t *lib, const job_t *job)
{
    bool drive_job = job->kind == JOB_DRIVE_READY || job->kind == JOB_DRIVE_UNLOAD || job->kind == JOB_READ_LABEL ||
                     job->kind == JOB_WRITE_LABEL || job->kind == JOB_EJECT || job->kind == JOB_HEALTH ||
                     job->kind == JOB_CLEAN_PROBE;
    watch_note_job(lib, job);
    if (lib->stopping || job->kind == JOB_ATTACH || drive_job || !library_is_fault(job->result) ||
        lib->state == LIBRARY_FAILED)
        return;
    log_error("library %s: the device does not answer (%s); the library needs service, retrying in %u s",
              lib->cfg.name, job->why, BACKOFF_FIRST_S);
    enter_failed(lib, job->why);
}

/* --- attach ----------------------------------------------------------------- */

static void on_attach_done(job_t *job);

static void schedule_attach(library_t *lib)
{
    job_t *job = job_new(JOB_ATTACH, on_attach_done, NULL);
    if (job == NULL || library_submit(lib, job) != 0) {
        job_free(job);
        return; /* the next tick tries again */
    }
    lib->attach_busy = true;
}

void library_retry_now(library_t *lib, const char *why)
{
    if (lib->stopping || lib->state != LIBRARY_FAILED || lib->attach_busy || !library_enabled(lib, "attach retry"))
        return;
    log_info("library %s: %s; attaching again now", lib->cfg.name, why);
    lib->next_retry_ms = uv_now(lib->loop);
    schedule_attach(lib);
}

/* "ULT3580-TD6", "ULTRIUM-HH7", "Ultrium 8-SCSI": the LTO generation a
 * drive's product string names, or 0. */
static int lto_generation(const char *product)
{
    for (const char *p = product; *p != '\0'; p++) {
        const char *q = NULL;
        if (strncasecmp(p, "TD", 2) == 0 || strncasecmp(p, "HH", 2) == 0)
            q = p + 2;
        else if (strncasecmp(p, "ULTRIUM", 7) == 0)
            q = p + 7 + (p[7] == ' ' || p[7] == '-');
        if (q != NULL && *q >= '1' && *q <= '9' && !isdigit((unsigned char)q[1]))
            return *q - '0';
    }
    return 0;
}

/* The media type of cartridges whose bar code says nothing: the
 * configured one, else the generation of the first LTO drive. */
static void choose_media_type(library_t *lib)
{
    snprintf(lib->media_type, sizeof lib->media_type, "%s", lib->cfg.media_type);
    for (int i = 0; lib->media_type[0] == '\0' && i < lib->ndrives; i++) {
        int gen = lib->drive_bound[i] ? lto_generation(lib->drive_id[i].product) : 0;
        if (gen > 0)
            snprintf(lib->media_type, sizeof lib->media_type, "LTO-%d", gen);
    }
}

/* The loop's copy of what the worker bound. */
static void take_drives(library_t *lib, const job_t *job)
{
    int n = 0;
    for (size_t i = 0; i < job->status.n; i++)
        if (job->status.v[i].type == ELEM_DRIVE && n < LIBRARY_MAX_DRIVES)
            lib->drive_addr[n++] = job->status.v[i].address;
    /* attach.c binds in address order */
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && lib->drive_addr[k - 1] > lib->drive_addr[k]; k--) {
            uint16_t t = lib->drive_addr[k];
            lib->drive_addr[k] = lib->drive_addr[k - 1];
            lib->drive_addr[k - 1] = t;
        }
    lib->ndrives = n < job->ndrives ? n : job->ndrives;
    for (int i = 0; i < lib->ndrives; i++) {
        lib->drive_id[i] = job->drives[i];
        lib->drive_bound[i] = job->drives[i].device_name[0] != '\0';
    }
}

static DWORD register_objects(library_t *lib, const job_t *job)
{
    model_drive_desc_t drives[LIBRARY_MAX_DRIVES];
    for (int i = 0; i < lib->ndrives; i++)
        drives[i] = (model_drive_desc_t){lib->drive_addr[i], lib->drive_bound[i], lib->drive_id[i]};
    model_library_desc_t d = {
        .config_name = lib->cfg.name,
        .library_type = lib->cfg.kind == LIBRARY_STANDALONE ? NTMS_LIBRARYTYPE_STANDALONE : NTMS_LIBRARYTYPE_ONLINE,
        .has_changer = lib->cfg.kind != LIBRARY_STANDALONE,
        .changer_device = library_device(lib),
        .info = &job->info,
        .status = &job->status,
        .drives = drives,
        .ndrives = (size_t)lib->ndrives,
        .inventory_method = lib->cfg.inventory_method,
        .media_type = lib->cfg.media_type,
        .recognize_cleaners = lib->cfg.cleaner_prefix[0] != '\0',
        .supports_cleaning = lib->cfg.auto_clean && lib->cfg.kind != LIBRARY_STANDALONE,
    };
    return model_library_register(lib->st, &d, &lib->guid);
}

DWORD library_object_method(library_t *lib)
{
    NTMS_OBJECTINFORMATIONA rec;
    return store_get(lib->st, &lib->guid, &rec) == 0 ? rec.Info.Library.InventoryMethod : NTMS_INVENTORY_FAST;
}

static unsigned count_elements(const element_status_t *s, int type)
{
    unsigned n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->v[i].type == type;
    return n;
}

static void attach_succeeded(library_t *lib, job_t *job)
{
    bool recovered = lib->state == LIBRARY_FAILED;
    lib->info = job->info;
    take_drives(lib, job);
    choose_media_type(lib);
    DWORD err = register_objects(lib, job);
    if (err) {
        log_error("library %s: recording its objects failed (error %u); retrying", lib->cfg.name, (unsigned)err);
        enter_failed(lib, "its objects could not be recorded");
        return;
    }
    refresh_set_cache(lib, &job->status);
    lib->state = LIBRARY_READY;
    lib->backoff_s = 0;
    lib->next_check_ms = uv_now(lib->loop) + lib->cfg.poll_seconds * 1000u;

    int bound = 0;
    for (int i = 0; i < lib->ndrives; i++)
        bound += lib->drive_bound[i];
    log_info("library %s: %s%s %s %s, serial %s: %u slots, %d drives (%d bound), %u ports", lib->cfg.name,
             recovered ? "answering again: " : "ready: ", kind_name(lib->cfg.kind), lib->info.vendor,
             lib->info.product, lib->info.serial, count_elements(&lib->cache, ELEM_SLOT), lib->ndrives, bound,
             count_elements(&lib->cache, ELEM_PORT));

    unsigned settled = 0;
    err = model_moves_reconcile(lib->st, &lib->guid, &lib->cache, &settled);
    if (err)
        log_error("library %s: settling unfinished moves failed (error %u)", lib->cfg.name, (unsigned)err);
    else if (settled > 0)
        log_info("library %s: %u unfinished move(s) settled from the element status", lib->cfg.name, settled);
    watch_library_ready(lib);
    if (recovered && service_hook != NULL)
        service_hook(lib, false, "answering again");
    /* the start-up inventory: the library's default method */
    DWORD method = library_object_method(lib);
    if (method != NTMS_INVENTORY_NONE && library_enabled(lib, "start-up inventory")) {
        lib->startup_inventory = true;
        refresh_reconcile(lib, 0, method);
        lib->startup_inventory = false;
    }
}

static void on_attach_done(job_t *job)
{
    library_t *lib = job->lib;
    lib->attach_busy = false;
    if (lib->stopping) {
        job_free(job);
        return;
    }
    if (job->result == 0) {
        attach_succeeded(lib, job);
    } else {
        if (lib->state != LIBRARY_FAILED)
            log_error("library %s: cannot attach %s %s: %s; the library needs service (retrying from %u s to "
                      "every %u s)", lib->cfg.name, kind_name(lib->cfg.kind), library_device(lib), job->why,
                      BACKOFF_FIRST_S, BACKOFF_MAX_S);
        else
            log_debug("library %s: still not answering: %s", lib->cfg.name, job->why);
        enter_failed(lib, job->why);
    }
    job_free(job);
}

/* --- polling ---------------------------------------------------------------- */

static void on_check_done(job_t *job)
{
    library_t *lib = job->lib;
    lib->check_busy = false;
    lib->next_check_ms = uv_now(lib->loop) + lib->cfg.poll_seconds * 1000u;
    /* The backend reports each change once: one seen while the library is
     * disabled waits for its enabling. */
    if (job->result == 0 && job->changed)
        lib->change_pending = true;
    if (!lib->stopping && job->result == 0 && lib->change_pending && lib->state == LIBRARY_READY &&
        library_enabled(lib, "refresh")) {
        lib->change_pending = false;
        /* A door or a mailslot was used: slots and ports may differ (and a
         * stand-alone drive's medium). */
        unsigned types = TYPE_BIT(ELEM_SLOT) | TYPE_BIT(ELEM_PORT);
        if (lib->cfg.kind == LIBRARY_STANDALONE)
            types |= TYPE_BIT(ELEM_DRIVE);
        log_debug("library %s: something changed; re-reading slots and ports", lib->cfg.name);
        library_refresh(lib, types, NULL, NULL);
    }
    job_free(job);
}

static void on_tick(uv_timer_t *t)
{
    library_t *lib = t->data;
    uint64_t now = uv_now(lib->loop);
    if (lib->stopping)
        return;
    if (lib->state == LIBRARY_READY && lib->cfg.poll_seconds > 0 && !lib->check_busy &&
        now >= lib->next_check_ms) {
        job_t *job = NULL;
        if (!library_enabled(lib, "poll"))
            lib->next_check_ms = now + lib->cfg.poll_seconds * 1000u;
        else if ((job = job_new(JOB_CHECK, on_check_done, NULL)) != NULL && library_submit(lib, job) == 0)
            lib->check_busy = true;
        else
            job_free(job);
    }
    /* a failed library's retry (not while disabled: its first attach ran);
     * or a first attach that could not be queued */
    if ((lib->state == LIBRARY_FAILED || lib->state == LIBRARY_STARTING) && !lib->attach_busy &&
        now >= lib->next_retry_ms) {
        if (lib->state == LIBRARY_FAILED && !library_enabled(lib, "attach retry"))
            lib->next_retry_ms = now + BACKOFF_FIRST_S * 1000u;
        else
            schedule_attach(lib);
    }
}

/* --- start and stop --------------------------------------------------------- */

DWORD library_start(uv_loop_t *loop, store_t *st, const library_config_t *cfg, library_t **out)
{
    if (loop == NULL || st == NULL || cfg == NULL || cfg->name[0] == '\0')
        return ERROR_INVALID_PARAMETER;
    if (library_by_name(cfg->name) != NULL) {
        log_error("library %s: a library of that name is already running", cfg->name);
        return ERROR_ALREADY_EXISTS;
    }
    library_t *lib = calloc(1, sizeof(*lib));
    if (lib == NULL) {
        log_error("library %s: out of memory", cfg->name);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lib->cfg = *cfg;
    lib->loop = loop;
    lib->st = st;
    lib->state = LIBRARY_STARTING;
    DWORD type = cfg->kind == LIBRARY_STANDALONE ? NTMS_LIBRARYTYPE_STANDALONE : NTMS_LIBRARYTYPE_ONLINE;
    DWORD err = model_library_prepare(st, cfg->name, type, cfg->inventory_method, &lib->guid);
    if (err) {
        log_error("library %s: cannot record it in the database (error %u)", cfg->name, (unsigned)err);
        free(lib);
        return err;
    }
    err = worker_start(lib);
    if (err) {
        lib->stopping = true;
        worker_stop(lib);
        if (lib->handles > 0)
            worker_close_handles(lib); /* frees lib */
        else
            free(lib);
        return err;
    }
    library_t **tail = &libraries;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = lib;
    uv_timer_start(&lib->tick, on_tick, TICK_MS, TICK_MS);
    log_info("library %s: starting (%s %s)", cfg->name, kind_name(cfg->kind), library_device(lib));
    schedule_attach(lib);
    if (out != NULL)
        *out = lib;
    return 0;
}

size_t library_start_all(uv_loop_t *loop, store_t *st, const library_config_t *cfgs, size_t n)
{
    size_t started = 0;
    for (size_t i = 0; i < n; i++)
        started += library_start(loop, st, &cfgs[i], NULL) == 0;
    return started;
}

void library_stop(library_t *lib)
{
    if (lib == NULL || lib->stopping)
        return;
    lib->stopping = true;
    lib->state = LIBRARY_STOPPING;
    for (library_t **p = &libraries; *p != NULL; p = &(*p)->next) {
        if (*p == lib) {
            *p = lib->next;
            break;
        }
    }
    lib->next = NULL;
    watch_library_gone(lib);
    worker_stop(lib);
    refresh_cancel_all(lib, ERROR_CANCELLED);
    log_info("library %s: stopped", lib->cfg.name);
    worker_close_handles(lib);
}

void library_stop_all(void)
{
    while (libraries != NULL)
        library_stop(libraries);
    watch_stop();
}
