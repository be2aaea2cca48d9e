/*
 * opreq_service.c - the device-service requests of libraries that fail.
 *
 * A library whose device stops answering (LIBRARY_FAILED, its object
 * NTMS_NEEDS_SERVICE) raises one NTMS_OPREQ_DEVICESERVICE request about
 * the library; when the library answers again the service ends it as
 * satisfied. An operator who satisfies it first makes the library try to
 * attach at once instead of at the end of its backoff; one who cancels it
 * changes nothing (the library keeps retrying, and a later fault after a
 * recovery raises a new request).
 */
#include "opreq_int.h"

#include <stdio.h>

#include "library/library.h"
#include "store/store_opreq.h"
#include "util/log.h"

static store_t *service_st;

/* The operator answered: a satisfied request means "serviced, try now". */
static void on_answered(const NTMS_GUID *request, DWORD result, void *ctx)
{
    NTMS_OBJECTINFORMATIONA rec;
    library_t *lib;

    (void)ctx;
    if (result != 0 || service_st == NULL || store_get(service_st, request, &rec) != 0)
        return;
    lib = library_by_guid(&rec.Info.OpRequest.Arg1);
    if (lib != NULL && library_get_state(lib) == LIBRARY_FAILED)
        library_retry_now(lib, "the operator says the device was serviced");
}

static void raise_request(library_t *lib, const char *why)
{
    char msg[NTMS_MESSAGE_LENGTH];
    guid_list_t open = {0};
    opreq_spec_t spec = {.request = NTMS_OPREQ_DEVICESERVICE, .arg1 = library_guid(lib), .arg1_type = NTMS_LIBRARY,
                         .message = msg};

    if (store_opreqs_open(service_st, NTMS_OPREQ_DEVICESERVICE, library_guid(lib), 1, &open) == 0 && open.n > 0) {
        guid_list_free(&open); /* one request per library is enough */
        return;
    }
    guid_list_free(&open);
    snprintf(msg, sizeof msg, "Library \"%s\" does not answer (%s): check its power, cabling and device path",
             library_name(lib), why != NULL ? why : "no reason given");
    if (opreq_submit(service_st, NULL, &spec, on_answered, NULL, NULL) != 0)
        log_error("library %s: cannot raise a device service request", library_name(lib));
}

static void end_requests(library_t *lib)
{
    guid_list_t open = {0};

    if (store_opreqs_open(service_st, NTMS_OPREQ_DEVICESERVICE, library_guid(lib), 1, &open) != 0)
        return;
    for (size_t i = 0; i < open.n; i++) {
        opreq_forget(&open.v[i], on_answered, NULL);
        if (opreq_end(service_st, &open.v[i], 0) == 0)
            log_info("library %s: answering again; its device service request is complete", library_name(lib));
    }
    guid_list_free(&open);
}

static void on_library_service(library_t *lib, bool failed, const char *why)
{
    if (service_st == NULL)
        return;
    if (failed)
        raise_request(lib, why);
    else
        end_requests(lib);
}

void opreq_service_start(store_t *st)
{
    service_st = st;
    library_set_service_hook(on_library_service);
}

void opreq_service_stop(void)
{
    library_set_service_hook(NULL);
    service_st = NULL;
}
