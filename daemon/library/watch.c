/*
 * watch.c - the library core's side of device change detection: the one
 * devwatch_t of rsmd (library.h: library_watch_start), the stand-alone
 * libraries registered with it, and its callbacks turned into work for the
 * libraries.
 *
 *   poll     JOB_DRIVE_READY (timeout 0) on the library's drive; its
 *            completion answers devwatch_poll_done
 *   recheck  library_refresh of every element type (a stand-alone library
 *            has only its drive); a failed library attaches again instead
 *   device   an event naming the device of a failed library: attach again
 *            now, not at the end of its backoff
 *
 * The core's own work is the devwatch's baseline (watch_note_job): a status
 * read that includes the drive, and an eject, say what the drive now holds,
 * so the next poll does not report it as a change.
 *
 * Lifetime: libraries leave the devwatch before their worker stops, so a
 * poll still in flight then completes into nothing (devwatch_poll_done
 * ignores libraries it does not know); library_stop_all stops the libraries
 * before the devwatch. Everything runs on the loop thread.
 */
#include <stdio.h>
#include <string.h>

#include "changer/discover.h"
#include "library/library_int.h"
#include "util/log.h"

static devwatch_t *watch;

devwatch_t *library_devwatch(void) { return watch; }

/* A running library that work may be started for, or NULL. */
static library_t *usable_library(const NTMS_GUID *id, const char *what)
{
    library_t *lib = library_by_guid(id);
    if (lib == NULL || lib->stopping || !library_enabled(lib, what))
        return NULL;
    return lib;
}

/* --- the callbacks ------------------------------------------------------------ */

static void on_poll_done(job_t *job)
{
    if (watch != NULL)
        devwatch_poll_done(watch, &job->lib->guid, job->result, job->present);
    job_free(job);
}

static DWORD on_poll(const NTMS_GUID *library, void *ctx)
{
    (void)ctx;
    library_t *lib = usable_library(library, "media poll");
    if (lib == NULL)
        return ERROR_LIBRARY_OFFLINE;
    if (lib->state == LIBRARY_READY && !library_drive_usable(lib, 0))
        return ERROR_RESOURCE_DISABLED;
    job_t *job = job_new(JOB_DRIVE_READY, on_poll_done, NULL);
    if (job == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    job->drive = 0;
    job->timeout_ms = 0;
    DWORD err = library_submit(lib, job);
    if (err)
        job_free(job);
    return err;
}

static void on_recheck(const NTMS_GUID *library, const char *reason, void *ctx)
{
    (void)ctx;
    library_t *lib = usable_library(library, "re-check");
    if (lib == NULL)
        return;
    if (lib->state == LIBRARY_FAILED) {
        library_retry_now(lib, reason);
        return;
    }
    DWORD err = library_refresh(lib, 0, NULL, NULL);
    if (err)
        log_warn("library %s: cannot re-read it after a device change (error %u)", lib->cfg.name, (unsigned)err);
}

/* Does `name` (a configured device) name the device of the event? */
static bool is_device(const char *name, const char *devnode, const char *sg)
{
    char node[LIBRARY_PATH_LEN];
    if (name[0] == '\0')
        return false;
    if (strcmp(name, devnode) == 0 || (sg[0] != '\0' && strcmp(name, sg) == 0))
        return true;
    return sg[0] != '\0' && discover_sg_node(NULL, name, node, sizeof node) == 0 && strcmp(node, sg) == 0;
}

static bool library_uses(const library_t *lib, const char *devnode, const char *sg)
{
    if (is_device(library_device(lib), devnode, sg))
        return true;
    for (int i = 0; i < lib->cfg.ndrives; i++)
        if (is_device(lib->cfg.drives[i], devnode, sg))
            return true;
    return false;
}

static void on_device(enum devwatch_action action, const char *devnode, const char *sg, void *ctx)
{
    (void)ctx;
    if (action == DEVWATCH_REMOVE)
        return;
    char why[LIBRARY_PATH_LEN + 32];
    snprintf(why, sizeof why, "device %s appeared", devnode);
    for (library_t *lib = library_first(); lib != NULL; lib = library_next(lib))
        if (lib->state == LIBRARY_FAILED && library_uses(lib, devnode, sg))
            library_retry_now(lib, why);
}

/* --- start and stop ----------------------------------------------------------- */

DWORD library_watch_start(uv_loop_t *loop, store_t *st, const devwatch_options_t *opt)
{
    if (watch != NULL)
        return ERROR_ALREADY_EXISTS;
    devwatch_callbacks_t cb = {.device = on_device, .poll = on_poll, .recheck = on_recheck};
    DWORD err = devwatch_start(loop, st, opt, &cb, &watch);
    if (err) {
        log_error("device change detection cannot start (error %u); stand-alone drives are not watched",
                  (unsigned)err);
        watch = NULL;
        return err;
    }
    /* libraries started before it */
    for (library_t *lib = library_first(); lib != NULL; lib = library_next(lib))
        if (lib->state == LIBRARY_READY)
            watch_library_ready(lib);
    return 0;
}

void watch_stop(void)
{
    if (watch == NULL)
        return;
    devwatch_stop(watch); /* freed once the loop has closed its handles */
    watch = NULL;
}

/* --- the libraries ------------------------------------------------------------ */

/* What the drive element of `s` says: 1 full, 0 empty, -1 not in `s`. */
static int drive_presence(const element_status_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].type == ELEM_DRIVE)
            return s->v[i].full ? 1 : 0;
    return -1;
}

void watch_library_ready(library_t *lib)
{
    if (watch == NULL || lib->cfg.kind != LIBRARY_STANDALONE)
        return;
    char sg[LIBRARY_PATH_LEN] = "";
    if (discover_sg_node(NULL, lib->cfg.device, sg, sizeof sg) != 0)
        sg[0] = '\0'; /* events then match the configured name only */
    DWORD err = devwatch_add_library(watch, &lib->guid, lib->cfg.device, sg, drive_presence(&lib->cache));
    if (err) {
        log_warn("library %s: its media changes cannot be watched (error %u)", lib->cfg.name, (unsigned)err);
        return;
    }
    lib->watched = true;
}

void watch_library_gone(library_t *lib)
{
    if (watch != NULL && lib->watched)
        devwatch_remove_library(watch, &lib->guid);
    lib->watched = false;
}

void watch_note_job(library_t *lib, const job_t *job)
{
    if (watch == NULL || !lib->watched || job->result != 0)
        return;
    int present = job->kind == JOB_EJECT ? 0 : job->kind == JOB_STATUS ? drive_presence(&job->status) : -1;
    if (present >= 0)
        devwatch_set_present(watch, &lib->guid, present == 1);
}
