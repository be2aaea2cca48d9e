/*
 * health.c - what a drive says about itself after each dismount, and what
 * the service does about it (clean.h; docs/design/cleaning.md).
 *
 * The mount queue calls health_after_unload once a drive has been emptied
 * (queue_set_unload_hook). The drive's TapeAlert page and sense are read on
 * the worker (JOB_HEALTH; a drive that cannot report is skipped quietly);
 * active flags are logged by name; a drive that asks for cleaning (flags
 * 20, 21, or sense 00/17) is cleaned, or the operator told, by the
 * library's auto_clean policy (clean_policy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "ops_int.h"
#include "queue/opreq.h"
#include "util/log.h"

enum clean_action clean_policy(enum clean_need need, bool auto_clean, bool pending)
{
    if (need == CLEAN_NEED_NONE || pending)
        return CLEAN_ACTION_NONE;
    if (auto_clean)
        return CLEAN_ACTION_QUEUE;
    return need == CLEAN_NEED_NOW ? CLEAN_ACTION_OPREQ : CLEAN_ACTION_LOG;
}

const char *clean_action_name(enum clean_action a)
{
    switch (a) {
    case CLEAN_ACTION_NONE: return "nothing";
    case CLEAN_ACTION_LOG: return "a log line";
    case CLEAN_ACTION_QUEUE: return "a cleaning";
    case CLEAN_ACTION_OPREQ: return "an operator request";
    }
    return "?";
}

/* Ask the operator to clean `drive` by hand, once. */
static void ask_to_clean(const NTMS_OBJECTINFORMATIONA *drive, const NTMS_OBJECTINFORMATIONA *lib, const char *why)
{
    char msg[NTMS_MESSAGE_LENGTH];
    opreq_spec_t spec = {.request = NTMS_OPREQ_DEVICESERVICE, .arg1 = &drive->ObjectGuid, .arg1_type = NTMS_DRIVE,
                         .message = msg};
    DWORD err;

    if (opreq_find_open(ops_store(), NTMS_OPREQ_DEVICESERVICE, &drive->ObjectGuid, NULL))
        return;
    snprintf(msg, sizeof msg, "%.63s of library %.63s needs cleaning (%.70s); automatic cleaning is off.",
             drive->szName, lib->szName, why);
    err = opreq_submit(ops_store(), NULL, &spec, NULL, NULL, NULL);
    if (err != 0)
        log_error("cannot ask the operator to clean drive \"%s\" (error %u)", drive->szName, (unsigned)err);
}

/* Why the drive asks, in words. */
static void reason(const drive_health_t *h, char *buf, size_t len)
{
    char flags[256];

    tapealert_describe(h->has_tapealert ? h->alerts.set & (TA_BIT(TA_CLEAN_NOW) | TA_BIT(TA_CLEAN_PERIODIC)) : 0,
                       flags, sizeof flags);
    if (h->has_sense && tapealert_clean_sense(&h->sense) == CLEAN_SENSE_REQUESTED)
        snprintf(buf, len, "%s%ssense 00/17 cleaning requested", flags[0] ? "TapeAlert " : "", flags);
    else
        snprintf(buf, len, "TapeAlert %s", flags);
}

void health_apply(library_t *lib, int i, const drive_health_t *h)
{
    const library_config_t *cfg = library_config(lib);
    NTMS_OBJECTINFORMATIONA drive, rec;
    NTMS_GUID id;
    char flags[1024], why[300];
    enum clean_need need = drive_health_need(h);
    enum clean_action action;

    if (store_library_element(ops_store(), library_guid(lib), NTMS_DRIVE, library_drive_address(lib, i), &id) != 0 ||
        store_get(ops_store(), &id, &drive) != 0 || store_get(ops_store(), library_guid(lib), &rec) != 0) {
        log_warn("library %s: drive element %u has no drive object", cfg->name, library_drive_address(lib, i));
        return;
    }
    if (h->has_tapealert && h->alerts.set != 0)
        log_warn("library %s: drive \"%s\": TapeAlert %s", cfg->name, drive.szName,
                 tapealert_describe(h->alerts.set, flags, sizeof flags));
    if (need == CLEAN_NEED_NONE)
        return;
    reason(h, why, sizeof why);
    action = clean_policy(need, cfg->auto_clean, clean_pending(&id));
    log_info("library %s: drive \"%s\" asks to be cleaned (%s): %s", cfg->name, drive.szName, why,
             clean_action_name(action));
    switch (action) {
    case CLEAN_ACTION_QUEUE:
        if (clean_submit(NULL, library_guid(lib), &id, NULL) != 0)
            log_error("library %s: cannot queue the cleaning of drive \"%s\"", cfg->name, drive.szName);
        break;
    case CLEAN_ACTION_OPREQ:
        ask_to_clean(&drive, &rec, why);
        break;
    case CLEAN_ACTION_LOG:
        log_warn("library %s: drive \"%s\" is due for cleaning (%s); automatic cleaning is off", cfg->name,
                 drive.szName, why);
        break;
    case CLEAN_ACTION_NONE:
        break;
    }
}

/* Which drive a health job was about. */
typedef struct asked_drive {
    NTMS_GUID library;
    int index;
} asked_drive_t;

static void health_read(job_t *job)
{
    asked_drive_t *a = job->ctx;
    library_t *lib = library_by_guid(&a->library);

    if (lib == NULL || library_get_state(lib) == LIBRARY_STOPPING)
        ; /* gone meanwhile */
    else if (job->result == ERROR_NOT_SUPPORTED)
        log_debug("library %s drive %d cannot report its health", library_name(lib), a->index);
    else if (job->result != 0)
        log_warn("library %s drive %d: its health could not be read: %s", library_name(lib), a->index, job->why);
    else
        health_apply(lib, a->index, &job->health);
    free(a);
    job_free(job);
}

void health_after_unload(library_t *lib, int i)
{
    asked_drive_t *a;
    job_t *job;

    /* Disabled drives and libraries get no work the service starts itself. */
    if (lib == NULL || !library_drive_usable(lib, i))
        return;
    a = malloc(sizeof *a);
    job = a ? job_new(JOB_HEALTH, health_read, a) : NULL;
    if (job == NULL) {
        free(a);
        return;
    }
    a->library = *library_guid(lib);
    a->index = i;
    job->drive = i;
    if (library_submit(lib, job) != 0) {
        free(a);
        job_free(job);
    }
}
