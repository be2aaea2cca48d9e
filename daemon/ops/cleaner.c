/*
 * cleaner.c - the cleaner calls (ReserveNtmsCleanerSlot, ReleaseNtmsCleaner-
 * Slot, CleanNtmsDrive; InjectNtmsCleaner and EjectNtmsCleaner are inject.c's
 * and eject.c's), the operator requests for cleaners, and the start and stop
 * of drive cleaning.
 *
 * Operator requests. A cleaning that finds no usable cleaner, and a cleaner
 * that has just been used up, ask for one: an NTMS_OPREQ_CLEANER request
 * about the library, one at a time per library. Its end decides for the
 * cleanings that wait: completed (an operator says it is done, or the
 * service saw a cleaner injected) -> they go on; refused -> they end
 * CANCELLED. The requests raised by this run are remembered until they end
 * or the service stops.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "model/cleaner.h"
#include "ops_int.h"
#include "queue/opreq.h"
#include "queue/queue.h"
#include "util/log.h"

/* The cleaner requests this run raised and still waits on. */
typedef struct asked {
    NTMS_GUID request, library;
    struct asked *next;
} asked_t;

static asked_t *asked;

/* The codes of the cleaner calls for a library they cannot use (MS-RSMP:
 * disabled -> ERROR_RESOURCE_DISABLED; the pages: not connected ->
 * ERROR_DEVICE_NOT_AVAILABLE). */
static const lib_rules_t cleaner_rules = {
    {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED}, ERROR_DEVICE_NOT_AVAILABLE};

/* ------------------------------------------------------------------------ */
/* Operator requests */

static asked_t *take_asked(const NTMS_GUID *request)
{
    for (asked_t **p = &asked; *p != NULL; p = &(*p)->next) {
        if (memcmp(&(*p)->request, request, sizeof *request) == 0) {
            asked_t *a = *p;
            *p = a->next;
            return a;
        }
    }
    return NULL;
}

/* opreq_done_fn of the cleaner requests. */
static void cleaner_answered(const NTMS_GUID *request, DWORD result, void *ctx)
{
    asked_t *a = take_asked(request);

    (void)ctx;
    if (a == NULL)
        return;
    if (result == 0)
        clean_resume(&a->library, true);
    else
        clean_give_up(&a->library);
    free(a);
}

static bool waiting_on(const NTMS_GUID *request)
{
    for (const asked_t *a = asked; a != NULL; a = a->next)
        if (memcmp(&a->request, request, sizeof *request) == 0)
            return true;
    return false;
}

void cleaner_request(const NTMS_GUID *library, const char *message)
{
    opreq_spec_t spec = {.request = NTMS_OPREQ_CLEANER, .arg1 = library, .arg1_type = NTMS_LIBRARY,
                         .message = message};
    NTMS_GUID open;
    bool exists = opreq_find_open(ops_store(), NTMS_OPREQ_CLEANER, library, &open);
    asked_t *a;
    DWORD err;

    if (exists && waiting_on(&open))
        return; /* one request per library */
    a = calloc(1, sizeof *a);
    if (a == NULL) {
        log_error("clean: out of memory for an operator request");
        return;
    }
    a->library = *library;
    /* One that someone else raised (an application) decides too. */
    if (exists) {
        a->request = open;
        err = opreq_attach(ops_store(), &open, cleaner_answered, NULL);
    } else {
        err = opreq_submit(ops_store(), NULL, &spec, cleaner_answered, NULL, &a->request);
    }
    if (err != 0) {
        log_error("clean: cannot ask the operator for a cleaner (error %u)", (unsigned)err);
        free(a);
        return;
    }
    a->next = asked;
    asked = a;
}

/* A usable cleaner arrived: the open request for one is met. */
void ops_clean_cleaner_arrived(const NTMS_GUID *library)
{
    NTMS_GUID req;

    while (opreq_find_open(ops_store(), NTMS_OPREQ_CLEANER, library, &req)) {
        asked_t *a = take_asked(&req);
        if (a != NULL)
            opreq_forget(&req, cleaner_answered, NULL);
        free(a);
        if (opreq_end(ops_store(), &req, 0) != 0)
            break;
    }
    clean_resume(library, false);
}

/* ------------------------------------------------------------------------ */
/* The calls */

DWORD ops_reserve_cleaner(const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *slot)
{
    DWORD err = ops_library(library, &cleaner_rules, NULL, NULL);

    return err ? err : model_cleaner_reserve(ops_store(), who, library, slot);
}

DWORD ops_release_cleaner(const principal_t *who, const NTMS_GUID *library)
{
    DWORD err = ops_library(library, &cleaner_rules, NULL, NULL);

    return err ? err : model_cleaner_release(ops_store(), who, library);
}

DWORD ops_clean_drive(const principal_t *who, const NTMS_GUID *drive)
{
    /* MS-RSMP: an offline library is ERROR_RESOURCE_NOT_PRESENT here. */
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_RESOURCE_NOT_PRESENT, ERROR_RESOURCE_DISABLED}, ERROR_DEVICE_NOT_AVAILABLE};
    NTMS_OBJECTINFORMATIONA d, lib;
    DWORD err = store_get(ops_store(), drive, &d);

    if (err == ERROR_OBJECT_NOT_FOUND || (err == 0 && d.dwType != NTMS_DRIVE)) {
        log_info("clean drive: no drive has this GUID");
        return ERROR_INVALID_DRIVE;
    }
    if (err == 0)
        err = ops_library(&d.Info.Drive.Library, &rules, &lib, NULL);
    if (err != 0)
        return err;
    if (!d.Enabled) {
        log_info("clean drive: drive \"%s\" is disabled", d.szName);
        return ERROR_RESOURCE_DISABLED;
    }
    if (lib.Info.Library.LibraryType == NTMS_LIBRARYTYPE_STANDALONE)
        return model_clean_standalone(ops_store(), who, drive); /* the operator cleans it by hand */
    return clean_submit(who, &d.Info.Drive.Library, drive, NULL);
}

/* ------------------------------------------------------------------------ */
/* Start and stop */

void ops_clean_start(uv_loop_t *loop, store_t *st)
{
    size_t n = 0;

    ops_attach(loop, st);
    if (model_clean_recover(st, &n) != 0)
        log_error("clean: cannot end the cleanings of a previous run");
    else if (n > 0)
        log_info("clean: %zu drive(s) were being cleaned when rsmd stopped; a cleaner left in one goes home",
                 n);
    queue_set_unload_hook(health_after_unload);
}

void ops_clean_stop(void)
{
    queue_set_unload_hook(NULL);
    clean_stop_all();
    while (asked != NULL) {
        asked_t *a = asked;
        asked = a->next;
        opreq_forget(&a->request, cleaner_answered, NULL);
        free(a);
    }
}
