/*
 * requests.c - library requests: the helpers of requests.h and the verbs
 * `rsm requests list|cancel|reorder|delete|wait`.
 */
#include "requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "errors.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "progress.h"
#include "resolve.h"
#include "verbs.h"

DWORD requests_snapshot(HANDLE s, const NTMS_GUID *library, struct req_snapshot *snap)
{
    return cli_enumerate(s, library, NTMS_LIBREQUEST, &snap->ids, &snap->n);
}

void requests_snapshot_free(struct req_snapshot *snap)
{
    free(snap->ids);
    snap->ids = NULL;
    snap->n = 0;
}

static bool in_snapshot(const struct req_snapshot *snap, const NTMS_GUID *id)
{
    for (DWORD i = 0; i < snap->n; i++)
        if (cli_guid_eq(&snap->ids[i], id))
            return true;
    return false;
}

static int time_cmp(const SYSTEMTIME *a, const SYSTEMTIME *b)
{
    const WORD fa[] = {a->wYear, a->wMonth, a->wDay, a->wHour, a->wMinute, a->wSecond, a->wMilliseconds};
    const WORD fb[] = {b->wYear, b->wMonth, b->wDay, b->wHour, b->wMinute, b->wSecond, b->wMilliseconds};
    for (size_t i = 0; i < sizeof fa / sizeof fa[0]; i++)
        if (fa[i] != fb[i])
            return fa[i] < fb[i] ? -1 : 1;
    return 0;
}

DWORD requests_find_new(HANDLE s, const NTMS_GUID *library, DWORD op, const struct req_snapshot *snap,
                        NTMS_GUID *out)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, library, NTMS_LIBREQUEST, &ids, &n);
    SYSTEMTIME newest = {0};
    bool found = false;
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (in_snapshot(snap, &ids[i]) || cli_get_info(s, &ids[i], NTMS_LIBREQUEST, &o) != ERROR_SUCCESS)
            continue;
        if (o.Info.LibRequest.OperationCode != op)
            continue;
        if (!found || time_cmp(&o.Info.LibRequest.TimeQueued, &newest) >= 0) {
            newest = o.Info.LibRequest.TimeQueued;
            *out = ids[i];
            found = true;
        }
    }
    free(ids);
    if (rc != ERROR_SUCCESS)
        return rc;
    return found ? ERROR_SUCCESS : ERROR_OBJECT_NOT_FOUND;
}

DWORD request_run(HANDLE s, NTMS_GUID *library, DWORD op, request_start_fn start, void *ctx, bool wait,
                  DWORD timeout, const char *what, bool until_operator, struct request_run *run)
{
    struct req_snapshot before = {0};
    memset(run, 0, sizeof *run);
    DWORD err = requests_snapshot(s, library, &before);
    if (err == ERROR_SUCCESS) {
        err = start(s, library, ctx, &run->req);
        run->have_req = !cli_guid_null(&run->req);
    }
    if (err == ERROR_SUCCESS && !run->have_req)
        run->have_req = requests_find_new(s, library, op, &before, &run->req) == ERROR_SUCCESS;
    requests_snapshot_free(&before);
    if (err != ERROR_SUCCESS || !wait || !run->have_req)
        return err;
    run->waited = true;
    return request_wait(s, &run->req, what, timeout, until_operator, &run->last);
}

bool request_finished(DWORD state)
{
    return state == NTMS_LM_PASSED || state == NTMS_LM_FAILED || state == NTMS_LM_CANCELLED ||
           state == NTMS_LM_STOPPED || state == NTMS_LM_INVALID;
}

/* ------------------------------------------------------------------------ */
/* Why a request waits */

static bool open_opreq(DWORD state)
{
    return state == NTMS_OPSTATE_SUBMITTED || state == NTMS_OPSTATE_ACTIVE || state == NTMS_OPSTATE_INPROGRESS;
}

static bool about(const NTMS_GUID *arg, const NTMS_LIBREQUESTINFORMATIONA *r)
{
    const NTMS_GUID *mine[] = {&r->PhysMediaId, &r->PartitionId, &r->DriveId, &r->Library, &r->SlotId};
    if (cli_guid_null(arg))
        return false;
    for (size_t i = 0; i < sizeof mine / sizeof mine[0]; i++)
        if (cli_guid_eq(arg, mine[i]))
            return true;
    return false;
}

/* An open operator request about one of the request's objects. */
static bool why_operator(HANDLE s, const NTMS_LIBREQUESTINFORMATIONA *r, char *buf, size_t len)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    bool found = false;
    if (cli_enumerate(s, NULL, NTMS_OPREQUEST, &ids, &n) != ERROR_SUCCESS)
        return false;
    for (DWORD i = 0; i < n && !found; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (cli_get_info(s, &ids[i], NTMS_OPREQUEST, &o) != ERROR_SUCCESS)
            continue;
        const NTMS_OPREQUESTINFORMATIONA *q = &o.Info.OpRequest;
        if (!open_opreq(q->State) || !(about(&q->Arg1, r) || about(&q->Arg2, r)))
            continue;
        snprintf(buf, len, "waiting for the operator (%s): %s", kw_name(kw_opreq_types, q->Request),
                 q->szMessage[0] ? q->szMessage : "see rsm opreq list");
        found = true;
    }
    free(ids);
    return found;
}

static bool why_library(HANDLE s, const NTMS_GUID *library, char *buf, size_t len)
{
    NTMS_OBJECTINFORMATIONA l;
    if (cli_guid_null(library) || cli_get_info(s, library, NTMS_LIBRARY, &l) != ERROR_SUCCESS)
        return false;
    if (!l.Enabled)
        snprintf(buf, len, "library %s is disabled", l.szName);
    else if (l.dwOperationalState == NTMS_NEEDS_SERVICE)
        snprintf(buf, len, "library %s needs service (it does not answer)", l.szName);
    else if (l.dwOperationalState == NTMS_NOT_PRESENT)
        snprintf(buf, len, "library %s is not present", l.szName);
    else if (l.dwOperationalState == NTMS_INITIALIZING)
        snprintf(buf, len, "library %s is starting", l.szName);
    else
        return false;
    return true;
}

static bool why_media(HANDLE s, const NTMS_LIBREQUESTINFORMATIONA *r, char *buf, size_t len)
{
    NTMS_OBJECTINFORMATIONA m, lib;
    char drive[NTMS_OBJECTNAME_LENGTH];
    if (cli_guid_null(&r->PhysMediaId) || cli_get_info(s, &r->PhysMediaId, NTMS_PHYSICAL_MEDIA, &m) != 0)
        return false;
    const NTMS_PMIDINFORMATIONA *p = &m.Info.PhysicalMedia;
    if (cli_get_info(s, &p->CurrentLibrary, NTMS_LIBRARY, &lib) == ERROR_SUCCESS &&
        lib.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE) {
        snprintf(buf, len, "medium %s is offline: it must be put into a library", m.szName);
        return true;
    }
    if (p->LocationType == NTMS_DRIVE && !cli_guid_eq(&p->Location, &r->DriveId) &&
        (p->MediaState == NTMS_MEDIASTATE_INUSE || p->MediaState == NTMS_MEDIASTATE_MOUNTED)) {
        snprintf(buf, len, "medium %s is in use in %s", m.szName,
                 cli_name_of(s, &p->Location, NTMS_DRIVE, drive, sizeof drive));
        return true;
    }
    return false;
}

/* Operations that wait for a person's hands once the robot is done. */
static bool why_hands(const NTMS_LIBREQUESTINFORMATIONA *r, char *buf, size_t len)
{
    if (r->State != NTMS_LM_WAITING)
        return false;
    if (r->OperationCode == NTMS_LM_EJECT || r->OperationCode == NTMS_LM_EJECTCLEANER)
        snprintf(buf, len, "waiting for the operator to take the medium out of the port");
    else if (r->OperationCode == NTMS_LM_INJECT || r->OperationCode == NTMS_LM_INJECTCLEANER)
        snprintf(buf, len, "waiting for the operator to fill the port and close it");
    else if (r->OperationCode == NTMS_LM_DOORACCESS)
        snprintf(buf, len, "waiting for the door to be closed");
    else
        return false;
    return true;
}

static bool needs_drive(DWORD op)
{
    return op == NTMS_LM_MOUNT || op == NTMS_LM_CLEANDRIVE || op == NTMS_LM_PROCESSOMID || op == NTMS_LM_UPDATEOMID;
}

static bool why_drive(HANDLE s, const NTMS_LIBREQUESTINFORMATIONA *r, char *buf, size_t len)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0, enabled = 0, free_drives = 0;
    if (!needs_drive(r->OperationCode) || cli_enumerate(s, &r->Library, NTMS_DRIVE, &ids, &n) != ERROR_SUCCESS)
        return false;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA d;
        if (cli_get_info(s, &ids[i], NTMS_DRIVE, &d) != ERROR_SUCCESS)
            continue;
        bool usable = d.Enabled && d.dwOperationalState == NTMS_READY;
        bool empty = d.Info.Drive.State == NTMS_DRIVESTATE_DISMOUNTED;
        if (!cli_guid_null(&r->DriveId) && cli_guid_eq(&ids[i], &r->DriveId) && !(usable && empty)) {
            snprintf(buf, len, "waiting for %s (%s)", d.szName,
                     usable ? kw_name(kw_drive_states, d.Info.Drive.State) : "disabled or not ready");
            free(ids);
            return true;
        }
        enabled += usable;
        free_drives += usable && empty;
    }
    free(ids);
    if (!cli_guid_null(&r->DriveId) || free_drives > 0)
        return false;
    if (enabled == 0)
        snprintf(buf, len, "no drive of the library is enabled and ready");
    else
        snprintf(buf, len, "waiting for a drive: all %u usable drives are busy", (unsigned)enabled);
    return true;
}

void request_why(HANDLE s, const NTMS_OBJECTINFORMATIONA *o, char *buf, size_t len)
{
    const NTMS_LIBREQUESTINFORMATIONA *r = &o->Info.LibRequest;
    switch (r->State) {
    case NTMS_LM_PASSED: snprintf(buf, len, "done"); return;
    case NTMS_LM_FAILED: snprintf(buf, len, "failed: %s", error_name(r->dwErrorCode)); return;
    case NTMS_LM_CANCELLED: snprintf(buf, len, "cancelled"); return;
    case NTMS_LM_STOPPED: snprintf(buf, len, "stopped"); return;
    case NTMS_LM_INVALID: snprintf(buf, len, "not valid"); return;
    case NTMS_LM_INPROCESS: snprintf(buf, len, "the library is carrying it out"); return;
    case NTMS_LM_DEFERRED: snprintf(buf, len, "deferred: the medium stays in the drive until it is needed elsewhere"); return;
    default: break;
    }
    if (why_library(s, &r->Library, buf, len) || why_operator(s, r, buf, len) || why_hands(r, buf, len) ||
        why_media(s, r, buf, len) || why_drive(s, r, buf, len))
        return;
    DWORD order = 0;
    NTMS_GUID id = o->ObjectGuid;
    if (GetNtmsRequestOrder(s, &id, &order) == ERROR_SUCCESS && order > 1)
        snprintf(buf, len, "queued: %u request%s ahead", (unsigned)(order - 1), order == 2 ? "" : "s");
    else
        snprintf(buf, len, r->State == NTMS_LM_WAITING ? "waiting" : "queued");
}

/* ------------------------------------------------------------------------ */
/* Waiting */

struct wait_ctx {
    HANDLE s;
    NTMS_GUID req;
};

static void wait_poll(void *arg, char *status, size_t len)
{
    struct wait_ctx *w = arg;
    NTMS_OBJECTINFORMATIONA o;
    if (cli_get_info(w->s, &w->req, NTMS_LIBREQUEST, &o) == ERROR_SUCCESS)
        request_why(w->s, &o, status, len);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

DWORD request_wait(HANDLE s, const NTMS_GUID *req, const char *what, DWORD timeout_ms, bool until_operator,
                   DWORD *state)
{
    struct wait_ctx w = {s, *req};
    unsigned long long start = cli_now_ms();
    DWORD rc;
    progress_start(what, wait_poll, &w);
    for (unsigned delay = 20;; delay = delay < 250 ? delay * 2 : 250) {
        NTMS_OBJECTINFORMATIONA o;
        rc = cli_get_info(s, req, NTMS_LIBREQUEST, &o);
        if (rc != ERROR_SUCCESS)
            break;
        const NTMS_LIBREQUESTINFORMATIONA *r = &o.Info.LibRequest;
        if (state != NULL)
            *state = r->State;
        if (until_operator && r->State == NTMS_LM_WAITING)
            break;
        if (request_finished(r->State)) {
            if (r->State == NTMS_LM_PASSED)
                rc = ERROR_SUCCESS;
            else if (r->State == NTMS_LM_FAILED)
                rc = r->dwErrorCode ? r->dwErrorCode : ERROR_INVALID_STATE;
            else
                rc = ERROR_CANCELLED;
            break;
        }
        if (timeout_ms != INFINITE && cli_now_ms() - start >= timeout_ms) {
            rc = ERROR_TIMEOUT;
            break;
        }
        sleep_ms(delay);
    }
    progress_stop();
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Lists */

static int by_time_queued(const void *a, const void *b)
{
    const NTMS_OBJECTINFORMATIONA *x = a, *y = b;
    return time_cmp(&x->Info.LibRequest.TimeQueued, &y->Info.LibRequest.TimeQueued);
}

/* Records of every object in `ids` of `type`, sorted by `cmp` (may be NULL). */
static NTMS_OBJECTINFORMATIONA *read_all(HANDLE s, const NTMS_GUID *ids, DWORD *n, DWORD type,
                                         int (*cmp)(const void *, const void *))
{
    NTMS_OBJECTINFORMATIONA *v = calloc(*n ? *n : 1, sizeof *v);
    DWORD k = 0;
    if (v == NULL)
        return NULL;
    for (DWORD i = 0; i < *n; i++)
        if (cli_get_info(s, &ids[i], type, &v[k]) == ERROR_SUCCESS)
            k++;
    *n = k;
    if (cmp != NULL)
        qsort(v, k, sizeof *v, cmp);
    return v;
}

static const struct column request_cols[] = {
    {"QUEUED", "queued", COL_TIME, 0},
    {"OPERATION", "operation", COL_TEXT, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"PRI", "priority", COL_NUM, 0},
    {"ORDER", "order", COL_NUM, 0},
    {"LIBRARY", "library", COL_TEXT, 0},
    {"MEDIA", "media", COL_TEXT, 0},
    {"DRIVE", "drive", COL_TEXT, 0},
    {"APPLICATION", "application", COL_TEXT, 0},
    {"USER", "user", COL_TEXT, COL_JSON},
    {"WHY", "why", COL_TEXT, 0},
    {"COMPLETED", "completed", COL_TIME, COL_JSON},
    {"ERROR", "error", COL_TEXT, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_NAME | COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
    {"", "media_guid", COL_GUID, COL_JSON},
    {"", "side_guid", COL_GUID, COL_JSON},
    {"", "drive_guid", COL_GUID, COL_JSON},
    {"", "slot_guid", COL_GUID, COL_JSON},
};
#define NREQCOLS (int)(sizeof request_cols / sizeof request_cols[0])

static void request_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o)
{
    const NTMS_LIBREQUESTINFORMATIONA *r = &o->Info.LibRequest;
    char queued[32], completed[32], pri[16], order[24] = "", lib[64], media[64], drive[64], why[300];
    char g[6][37];
    DWORD ord = 0;
    NTMS_GUID id = o->ObjectGuid;
    if (!request_finished(r->State) && GetNtmsRequestOrder(s, &id, &ord) == ERROR_SUCCESS && ord > 0)
        cli_num(ord, order);
    snprintf(pri, sizeof pri, "%d", (int)r->dwPriority);
    request_why(s, o, why, sizeof why);
    const char *row[NREQCOLS] = {
        cli_time(&r->TimeQueued, queued),
        kw_name(kw_lm_operations, r->OperationCode),
        kw_name(kw_lm_states, r->State),
        pri,
        order,
        cli_name_of(s, &r->Library, NTMS_LIBRARY, lib, sizeof lib),
        cli_name_of(s, &r->PhysMediaId, NTMS_PHYSICAL_MEDIA, media, sizeof media),
        cli_name_of(s, &r->DriveId, NTMS_DRIVE, drive, sizeof drive),
        r->szApplication,
        r->szUser,
        why,
        cli_time(&r->TimeCompleted, completed),
        r->State == NTMS_LM_FAILED ? error_name(r->dwErrorCode) : "",
        cli_guid(&o->ObjectGuid, g[0]),
        cli_guid_or_empty(&r->Library, g[1]),
        cli_guid_or_empty(&r->PhysMediaId, g[2]),
        cli_guid_or_empty(&r->PartitionId, g[3]),
        cli_guid_or_empty(&r->DriveId, g[4]),
        cli_guid_or_empty(&r->SlotId, g[5]),
    };
    out_row(out, row);
}

/* A list of requests (library or operator), read whole, sorted by `cmp`,
 * the finished ones left out unless `all`. */
struct request_kind {
    DWORD type;
    int (*cmp)(const void *, const void *);
    bool (*open)(const NTMS_OBJECTINFORMATIONA *o);
    void (*row)(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o);
    const struct column *cols;
    int ncols;
};

static int list_kind(HANDLE s, const NTMS_GUID *container, bool all, const struct request_kind *k)
{
    const char *what = kw_name(kw_object_types, k->type);
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, container, k->type, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail(rc, "cannot list %s objects", what);
    NTMS_OBJECTINFORMATIONA *v = read_all(s, ids, &n, k->type, k->cmp);
    free(ids);
    if (v == NULL)
        return cli_fail(ERROR_NOT_ENOUGH_MEMORY, "cannot list %s objects", what);
    out_t *out = out_begin(k->cols, k->ncols);
    for (DWORD i = 0; i < n; i++)
        if (all || k->open(&v[i]))
            k->row(s, out, &v[i]);
    free(v);
    return out_end(out);
}

static bool librequest_open(const NTMS_OBJECTINFORMATIONA *o)
{
    return !request_finished(o->Info.LibRequest.State);
}

int requests_list(HANDLE s, const NTMS_GUID *library, bool all)
{
    static const struct request_kind k = {NTMS_LIBREQUEST, by_time_queued, librequest_open, request_row,
                                          request_cols, NREQCOLS};
    return list_kind(s, library, all, &k);
}

static int by_submitted(const void *a, const void *b)
{
    const NTMS_OBJECTINFORMATIONA *x = a, *y = b;
    return time_cmp(&x->Info.OpRequest.Submitted, &y->Info.OpRequest.Submitted);
}

static const struct column opreq_cols[] = {
    {"SUBMITTED", "submitted", COL_TIME, 0},
    {"TYPE", "type", COL_TEXT, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"ABOUT", "about", COL_TEXT, 0},
    {"MESSAGE", "message", COL_TEXT, 0},
    {"APPLICATION", "application", COL_TEXT, 0},
    {"USER", "user", COL_TEXT, 0},
    {"COMPUTER", "computer", COL_TEXT, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_NAME | COL_ID},
    {"", "arg1_type", COL_TEXT, COL_JSON},
    {"", "arg1", COL_GUID, COL_JSON},
    {"", "arg2_type", COL_TEXT, COL_JSON},
    {"", "arg2", COL_GUID, COL_JSON},
};
#define NOPCOLS (int)(sizeof opreq_cols / sizeof opreq_cols[0])

static void opreq_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o)
{
    const NTMS_OPREQUESTINFORMATIONA *q = &o->Info.OpRequest;
    char when[32], a1[64], a2[64], about_text[140], g[3][37];
    cli_name_of(s, &q->Arg1, q->Arg1Type, a1, sizeof a1);
    cli_name_of(s, &q->Arg2, q->Arg2Type, a2, sizeof a2);
    snprintf(about_text, sizeof about_text, "%s%s%s", a1, a1[0] && a2[0] ? " -> " : "", a2);
    const char *row[NOPCOLS] = {
        cli_time(&q->Submitted, when),
        kw_name(kw_opreq_types, q->Request),
        kw_name(kw_opreq_states, q->State),
        about_text,
        q->szMessage,
        q->szApplication,
        q->szUser,
        q->szComputer,
        cli_guid(&o->ObjectGuid, g[0]),
        cli_guid_null(&q->Arg1) ? "" : kw_name(kw_object_types, q->Arg1Type),
        cli_guid_or_empty(&q->Arg1, g[1]),
        cli_guid_null(&q->Arg2) ? "" : kw_name(kw_object_types, q->Arg2Type),
        cli_guid_or_empty(&q->Arg2, g[2]),
    };
    out_row(out, row);
}

static bool opreq_open(const NTMS_OBJECTINFORMATIONA *o)
{
    return open_opreq(o->Info.OpRequest.State);
}

int opreqs_list(HANDLE s, bool all)
{
    static const struct request_kind k = {NTMS_OPREQUEST, by_submitted, opreq_open, opreq_row, opreq_cols,
                                          NOPCOLS};
    return list_kind(s, NULL, all, &k);
}

/* ------------------------------------------------------------------------ */
/* rsm requests ... */

enum { R_REQUEST, R_LIBRARY, R_ALL, R_ORDER, R_FIRST, R_LAST, R_TIMEOUT };

#define REQUEST_OPT(help_text)                                                                              \
    {.slot = R_REQUEST, .sw = "r", .name = "request", .kind = OPT_OBJECT, .arg = "REQUEST",                \
     .objtype = NTMS_LIBREQUEST, .flags = OPTF_POSITIONAL, .help = help_text}

static int cmd_list(HANDLE s, struct args *a)
{
    NTMS_GUID lib, *libp;
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[R_LIBRARY], NULL, &lib, &libp);
    return rc ? rc : requests_list(s, libp, arg_given(a, R_ALL));
}

static int need_request(HANDLE s, struct args *a, NTMS_GUID *id)
{
    if (!arg_given(a, R_REQUEST))
        return cli_usage("name the request (its GUID, or the start of it)");
    return resolve(s, NTMS_LIBREQUEST, &a->v[R_REQUEST], NULL, id);
}

static int cmd_cancel(HANDLE s, struct args *a)
{
    static const struct object_call c = {NTMS_LIBREQUEST, object_cancel, "cancelled"};
    return object_run(s, &a->v[R_REQUEST], NULL, &c);
}

static int cmd_reorder(HANDLE s, struct args *a)
{
    NTMS_GUID id;
    char g[37], num[24], text[96];
    if (args_count(a, R_ORDER, R_FIRST, R_LAST, -1) != 1)
        return cli_usage("say where the request goes: --order N, --first or --last");
    int rc = need_request(s, a, &id);
    if (rc != 0)
        return rc;
    /* SetNtmsRequestOrder: 1 is next; 0xFFFFFFFF defers behind everything */
    DWORD order = arg_given(a, R_FIRST) ? 1 : arg_given(a, R_LAST) ? 0xFFFFFFFF : a->v[R_ORDER].num;
    if (order == 0)
        return cli_usage("--order counts from 1");
    DWORD err = SetNtmsRequestOrder(s, &id, order);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot reorder request %s", cli_guid(&id, g));
    DWORD now = 0;
    err = GetNtmsRequestOrder(s, &id, &now);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "request %s: cannot read its new place", cli_guid(&id, g));
    snprintf(text, sizeof text, "request is now number %u in its queue", (unsigned)now);
    struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID}, {"order", cli_num(now, num), COL_NUM}};
    return out_result(text, f, 2);
}

static int cmd_delete(HANDLE s, struct args *a)
{
    static const struct object_call c = {NTMS_LIBREQUEST, object_delete, "deleted"};
    return object_run(s, &a->v[R_REQUEST], NULL, &c);
}

static int cmd_wait(HANDLE s, struct args *a)
{
    NTMS_GUID id;
    char g[37];
    int rc = need_request(s, a, &id);
    if (rc != 0)
        return rc;
    DWORD timeout = arg_given(a, R_TIMEOUT) ? a->v[R_TIMEOUT].num : INFINITE;
    DWORD err = request_wait(s, &id, "waiting for the request", timeout, false, NULL);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "request %s did not pass", cli_guid(&id, g));
    struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID}, {"state", "passed", COL_TEXT}};
    return out_result("request passed", f, 2);
}

static const struct opt list_opts[] = {
    {.slot = R_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF | OPTF_POSITIONAL, .help = "only this library's requests"},
    {.slot = R_ALL, .sw = "a", .name = "all", .kind = OPT_FLAG, .help = "finished requests too"},
    OPT_BARE_ENTRY,
    OPT_GUIDS_ENTRY,
    OPT_END,
};
static const struct opt one_opts[] = {REQUEST_OPT("the library request"), OPT_END};
static const struct opt reorder_opts[] = {
    REQUEST_OPT("the library request to move in its queue"),
    {.slot = R_ORDER, .sw = "o", .name = "order", .kind = OPT_NUMBER, .arg = "N",
     .help = "its new place, 1 being next"},
    {.slot = R_FIRST, .name = "first", .kind = OPT_FLAG, .help = "make it the next one"},
    {.slot = R_LAST, .name = "last", .kind = OPT_FLAG, .help = "put it behind all the others"},
    OPT_END,
};
static const struct opt wait_opts[] = {
    REQUEST_OPT("the library request (an operation GUID from eject or inject)"),
    {.slot = R_TIMEOUT, .sw = "t", .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS",
     .help = "give up after this long (default: no limit)"},
    OPT_END,
};

const struct verb request_verbs[] = {
    {"requests", "list", "list library requests and why each waits", list_opts, cmd_list, 0,
     "Open requests only, oldest first, unless --all. WHY says what a waiting request waits for: a\n"
     "disabled library, an operator request, a busy drive or medium, or the requests ahead of it."},
    {"requests", "cancel", "cancel a queued library request", one_opts, cmd_cancel, 0, NULL},
    {"requests", "reorder", "move a queued request in its queue", reorder_opts, cmd_reorder, 0, NULL},
    {"requests", "delete", "delete a finished request from the list", one_opts, cmd_delete, 0, NULL},
    {"requests", "wait", "wait until a library request has finished", wait_opts, cmd_wait, 0, NULL},
    VERB_END,
};
