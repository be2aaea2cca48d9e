/*
 * librequest.c - library requests: create, move through their states,
 * finish, find, recover after a restart, purge (librequest.h).
 *
 * Invariant: a request's State only moves forward, from an open state
 * (QUEUED, INPROCESS, WAITING) to a finished one; TimeCompleted is set
 * exactly when it finishes. Each change is one store_update, so a request
 * is never seen half-changed.
 */
#include <stdio.h>

#include "librequest.h"
#include "model_int.h"
#include "store/store_librequest.h"
#include "util/log.h"
#include "wire.h"

/* Names for the request objects' szName, so a list of requests reads like
 * the operations it records. */
static const char *const op_names[NTMS_LM_MAXWORKITEM] = {
    [NTMS_LM_REMOVE] = "Remove",
    [NTMS_LM_DISABLELIBRARY] = "Disable library",
    [NTMS_LM_ENABLELIBRARY] = "Enable library",
    [NTMS_LM_DISABLEDRIVE] = "Disable drive",
    [NTMS_LM_ENABLEDRIVE] = "Enable drive",
    [NTMS_LM_DISABLEMEDIA] = "Disable media",
    [NTMS_LM_ENABLEMEDIA] = "Enable media",
    [NTMS_LM_UPDATEOMID] = "Update on-media identifier",
    [NTMS_LM_INVENTORY] = "Inventory",
    [NTMS_LM_DOORACCESS] = "Door access",
    [NTMS_LM_EJECT] = "Eject",
    [NTMS_LM_EJECTCLEANER] = "Eject cleaner",
    [NTMS_LM_INJECT] = "Inject",
    [NTMS_LM_INJECTCLEANER] = "Inject cleaner",
    [NTMS_LM_PROCESSOMID] = "Process on-media identifier",
    [NTMS_LM_CLEANDRIVE] = "Clean drive",
    [NTMS_LM_DISMOUNT] = "Dismount",
    [NTMS_LM_MOUNT] = "Mount",
    [NTMS_LM_WRITESCRATCH] = "Write free label",
    [NTMS_LM_CLASSIFY] = "Classify",
    [NTMS_LM_RESERVECLEANER] = "Reserve cleaner slot",
    [NTMS_LM_RELEASECLEANER] = "Release cleaner slot",
};

static int state_is_open(DWORD state)
{
    return state == NTMS_LM_QUEUED || state == NTMS_LM_INPROCESS || state == NTMS_LM_WAITING;
}

static void copy_guid(NTMS_GUID *dst, const NTMS_GUID *src)
{
    if (src != NULL)
        *dst = *src;
}

/* Delete finished requests older than the computer's purge time, as its
 * dwLibRequestFlags allow. Housekeeping: a failure is logged, never the
 * caller's error. */
static void purge_old(store_t *st)
{
    NTMS_OBJECTINFORMATIONA comp;
    NTMS_GUID id;
    const NTMS_COMPUTERINFORMATION *c = &comp.Info.Computer;
    size_t purged = 0;

    if (store_computer(st, &id) != 0 || store_get(st, &id, &comp) != 0)
        return;
    if (c->dwLibRequestFlags & NTMS_LIBREQFLAGS_NOAUTOPURGE)
        return;
    if (store_librequests_purge(st, wire_time_now_ms() - (int64_t)c->dwLibRequestPurgeTime * 1000,
                                !(c->dwLibRequestFlags & NTMS_LIBREQFLAGS_NOFAILEDPURGE),
                                &purged) == 0 &&
        purged > 0)
        log_debug("library requests: purged %zu finished ones", purged);
}

void model_fill_requester(store_t *st, const principal_t *who, char application[NTMS_APPLICATIONNAME_LENGTH],
                          char user[NTMS_USERNAME_LENGTH], char computer[NTMS_COMPUTERNAME_LENGTH])
{
    NTMS_OBJECTINFORMATIONA comp;
    NTMS_GUID id;

    if (who != NULL) {
        snprintf(application, NTMS_APPLICATIONNAME_LENGTH, "%s", who->application);
        snprintf(user, NTMS_USERNAME_LENGTH, "%s", who->user);
        snprintf(computer, NTMS_COMPUTERNAME_LENGTH, "%s", who->computer);
        return;
    }
    snprintf(application, NTMS_APPLICATIONNAME_LENGTH, "RSM");
    user[0] = '\0';
    computer[0] = '\0';
    if (store_computer(st, &id) == 0 && store_get(st, &id, &comp) == 0)
        snprintf(computer, NTMS_COMPUTERNAME_LENGTH, "%s", comp.szName);
}

DWORD model_librequest_create(store_t *st, const principal_t *who, const librequest_spec_t *spec,
                              NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_LIBREQUESTINFORMATIONA *r = &rec.Info.LibRequest;
    DWORD rc;

    if (st == NULL || spec == NULL || out == NULL || spec->op >= NTMS_LM_MAXWORKITEM)
        return ERROR_INVALID_PARAMETER;
    purge_old(st);
    memset(&rec, 0, sizeof rec);
    rec.dwSize = sizeof rec;
    rec.dwType = NTMS_LIBREQUEST;
    rec.Enabled = TRUE;
    rec.dwOperationalState = NTMS_READY;
    model_new_guid(&rec.ObjectGuid);
    model_copy_name(rec.szName, sizeof rec.szName, op_names[spec->op] ? op_names[spec->op] : "");
    r->OperationCode = spec->op;
    r->OperationOption = spec->option;
    r->State = NTMS_LM_QUEUED;
    r->dwPriority = spec->priority;
    copy_guid(&r->Library, spec->library);
    copy_guid(&r->DriveId, spec->drive);
    copy_guid(&r->PhysMediaId, spec->media);
    copy_guid(&r->SlotId, spec->slot);
    copy_guid(&r->PartitionId, spec->partition);
    r->WorkItemId = rec.ObjectGuid;
    wire_time_to_systemtime(wire_time_now_ms(), &r->TimeQueued);
    model_fill_requester(st, who, r->szApplication, r->szUser, r->szComputer);
    rc = store_insert(st, &rec);
    if (rc != 0) {
        log_error("library request %s: cannot record it", rec.szName);
        return rc;
    }
    *out = rec.ObjectGuid;
    return 0;
}

/* Read a library request; ERROR_OBJECT_NOT_FOUND for anything else. */
static DWORD read_request(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *rec)
{
    DWORD rc = store_get(st, id, rec);

    if (rc == 0 && rec->dwType != NTMS_LIBREQUEST)
        rc = ERROR_OBJECT_NOT_FOUND;
    return rc;
}

/* Move an open request to `state`, with `error` and the completion time
 * when the new state finishes it. */
static DWORD change_state(store_t *st, const NTMS_GUID *id, DWORD state, DWORD error)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_LIBREQUESTINFORMATIONA *r = &rec.Info.LibRequest;
    DWORD rc;

    if (st == NULL || id == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = read_request(st, id, &rec);
    if (rc != 0)
        return rc;
    if (!state_is_open(r->State))
        return ERROR_INVALID_STATE;
    r->State = state;
    if (!state_is_open(state)) {
        r->dwErrorCode = error;
        wire_time_to_systemtime(wire_time_now_ms(), &r->TimeCompleted);
    }
    return store_update(st, &rec);
}

DWORD model_librequest_set_state(store_t *st, const NTMS_GUID *id, DWORD state)
{
    if (!state_is_open(state))
        return ERROR_INVALID_PARAMETER; /* finishing goes through model_librequest_finish */
    return change_state(st, id, state, 0);
}

DWORD model_librequest_finish(store_t *st, const NTMS_GUID *id, DWORD error)
{
    DWORD state = error == 0 ? NTMS_LM_PASSED
                  : error == ERROR_CANCELLED ? NTMS_LM_CANCELLED : NTMS_LM_FAILED;

    return change_state(st, id, state, error);
}

DWORD model_librequest_find_open(store_t *st, const NTMS_GUID *library, DWORD op, NTMS_GUID *out)
{
    guid_list_t open = {0};
    DWORD rc;

    if (st == NULL || library == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_librequests_open(st, library, op, 0, &open);
    if (rc == 0 && open.n == 0)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc == 0)
        *out = open.v[0];
    guid_list_free(&open);
    return rc;
}

int model_librequest_is_open(store_t *st, const NTMS_GUID *id, DWORD op)
{
    NTMS_OBJECTINFORMATIONA rec;

    if (st == NULL || id == NULL || read_request(st, id, &rec) != 0)
        return 0;
    return rec.Info.LibRequest.OperationCode == op && state_is_open(rec.Info.LibRequest.State);
}

DWORD model_librequests_recover(store_t *st, size_t *n)
{
    guid_list_t open = {0};
    size_t done = 0;
    DWORD rc;

    if (st == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = store_librequests_open(st, NULL, 0, 1, &open);
    for (size_t i = 0; rc == 0 && i < open.n; i++) {
        rc = change_state(st, &open.v[i], NTMS_LM_CANCELLED, ERROR_CANCELLED);
        done += rc == 0;
    }
    guid_list_free(&open);
    if (done > 0)
        log_info("library requests: %zu left unfinished by the previous run marked cancelled", done);
    if (n != NULL)
        *n = done;
    return rc;
}
