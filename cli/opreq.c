/*
 * opreq.c - operator requests and where their messages go: the verbs
 * `rsm opreq list|submit|satisfy|refuse|wait|delete` and rsm.exe's `ui`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "requests.h"
#include "resolve.h"
#include "verbs.h"
#include "view.h"

enum { Q_REQUEST, Q_ALL, Q_TYPE, Q_MESSAGE, Q_POOL, Q_LIBRARY, Q_MEDIA, Q_DRIVE, Q_SLOT, Q_TIMEOUT, Q_WAIT };

static int cmd_list(HANDLE s, struct args *a)
{
    return opreqs_list(s, arg_given(a, Q_ALL));
}

static int need_opreq(HANDLE s, struct args *a, NTMS_GUID *id)
{
    if (!arg_given(a, Q_REQUEST))
        return cli_usage("name the operator request (its GUID, or the start of it)");
    return resolve(s, NTMS_OPREQUEST, &a->v[Q_REQUEST], NULL, id);
}

static int opreq_call(HANDLE s, struct args *a, object_call_fn call, const char *done_text)
{
    const struct object_call c = {NTMS_OPREQUEST, call, done_text};
    return object_run(s, &a->v[Q_REQUEST], NULL, &c);
}

static int cmd_satisfy(HANDLE s, struct args *a) { return opreq_call(s, a, object_satisfy, "completed"); }
static int cmd_refuse(HANDLE s, struct args *a) { return opreq_call(s, a, object_cancel, "refused"); }
static int cmd_delete(HANDLE s, struct args *a) { return opreq_call(s, a, object_delete, "deleted"); }

static int wait_for(HANDLE s, NTMS_GUID *id, DWORD timeout)
{
    char g[37];
    DWORD err = WaitForNtmsOperatorRequest(s, id, timeout);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "operator request %s was not satisfied", cli_guid(id, g));
    struct field f[] = {{"guid", cli_guid(id, g), COL_GUID}, {"state", "completed", COL_TEXT}};
    return out_result("operator request completed", f, 2);
}

static int cmd_wait(HANDLE s, struct args *a)
{
    NTMS_GUID id;
    int rc = need_opreq(s, a, &id);
    return rc ? rc : wait_for(s, &id, arg_given(a, Q_TIMEOUT) ? a->v[Q_TIMEOUT].num : INFINITE);
}

/* The objects SubmitNtmsOperatorRequest takes for each type of request
 * (its reference page): which options give Arg1 and Arg2. */
struct submit_args {
    DWORD type;
    int arg1[3]; /* slots tried in order; -1 ends */
    int arg2;    /* slot, or -1 */
    bool arg1_required;
};

static const struct submit_args submit_table[] = {
    {NTMS_OPREQ_MESSAGE, {-1}, -1, false},
    {NTMS_OPREQ_NEWMEDIA, {Q_POOL, -1}, Q_LIBRARY, true},
    {NTMS_OPREQ_CLEANER, {Q_LIBRARY, Q_SLOT, -1}, -1, true},
    {NTMS_OPREQ_DEVICESERVICE, {Q_DRIVE, Q_LIBRARY, Q_MEDIA}, -1, true},
    {NTMS_OPREQ_MOVEMEDIA, {Q_MEDIA, -1}, Q_LIBRARY, true},
};

static DWORD slot_type(int slot)
{
    switch (slot) {
    case Q_POOL: return NTMS_MEDIA_POOL;
    case Q_LIBRARY: return NTMS_LIBRARY;
    case Q_MEDIA: return NTMS_PHYSICAL_MEDIA;
    case Q_DRIVE: return NTMS_DRIVE;
    default: return NTMS_STORAGESLOT;
    }
}

static int cmd_submit(HANDLE s, struct args *a)
{
    DWORD type = arg_given(a, Q_TYPE) ? a->v[Q_TYPE].num : NTMS_OPREQ_MESSAGE;
    const struct submit_args *sa = NULL;
    for (size_t i = 0; i < sizeof submit_table / sizeof submit_table[0]; i++)
        if (submit_table[i].type == type)
            sa = &submit_table[i];
    if (sa == NULL)
        return cli_usage("--type %s cannot be submitted", kw_name(kw_opreq_types, type));
    NTMS_GUID arg1, arg2, *p1 = NULL, *p2 = NULL;
    int rc = 0;
    for (int k = 0; k < 3 && sa->arg1[k] >= 0 && p1 == NULL && rc == 0; k++)
        rc = resolve_opt(s, slot_type(sa->arg1[k]), &a->v[sa->arg1[k]], NULL, &arg1, &p1);
    if (rc == 0 && sa->arg2 >= 0)
        rc = resolve_opt(s, slot_type(sa->arg2), &a->v[sa->arg2], NULL, &arg2, &p2);
    if (rc != 0)
        return rc;
    if (sa->arg1_required && p1 == NULL)
        return cli_usage("a %s request is about an object: see --help for which option",
                         kw_name(kw_opreq_types, type));
    NTMS_GUID id;
    char g[37];
    const char *msg = arg_given(a, Q_MESSAGE) ? a->v[Q_MESSAGE].text : "";
    DWORD err = SubmitNtmsOperatorRequestA(s, type, msg, p1, p2, &id);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot submit the operator request");
    if (arg_given(a, Q_WAIT))
        return wait_for(s, &id, arg_given(a, Q_TIMEOUT) ? a->v[Q_TIMEOUT].num : INFINITE);
    char text[80];
    snprintf(text, sizeof text, "operator request %s submitted", cli_guid(&id, g));
    struct field f[] = {{"guid", g, COL_GUID}, {"state", "submitted", COL_TEXT}};
    return out_result(text, f, 2);
}

/* ------------------------------------------------------------------------ */
/* rsm ui: who gets the messages (Get/SetNtmsUIOptions) */

enum { U_LIBRARY, U_TYPE, U_ACTION, U_DEST };
enum { UI_LIST = 0 };

static const struct keyword ui_types[] = {
    {"info", NTMS_UITYPE_INFO}, {"req", NTMS_UITYPE_REQ}, {"err", NTMS_UITYPE_ERR},
    {"request", NTMS_UITYPE_REQ}, {"error", NTMS_UITYPE_ERR}, {NULL, 0},
};
static const struct keyword ui_actions[] = {
    {"add", NTMS_UIDEST_ADD}, {"delete", NTMS_UIDEST_DELETE}, {"deleteall", NTMS_UIDEST_DELETEALL},
    {"list", UI_LIST}, {"delete-all", NTMS_UIDEST_DELETEALL}, {NULL, 0},
};

static const struct column ui_cols[] = {
    {"TYPE", "type", COL_TEXT, 0},
    {"DESTINATION", "destination", COL_TEXT, COL_NAME},
};

/* Add the destinations of one message type to the table. */
static DWORD ui_rows(HANDLE s, NTMS_GUID *object, DWORD type, out_t *out)
{
    DWORD size = 256;
    for (int attempt = 0; attempt < 4; attempt++) {
        char *buf = calloc(size + 2, 1);
        if (buf == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        DWORD n = size;
        DWORD rc = GetNtmsUIOptionsA(s, object, type, buf, &n);
        if (rc == ERROR_INSUFFICIENT_BUFFER && n > size) {
            free(buf);
            size = n;
            continue;
        }
        /* a multi-string: names each ended by NUL, then an empty one */
        for (char *p = buf; rc == ERROR_SUCCESS && *p != '\0' && p < buf + size; p += strlen(p) + 1) {
            const char *row[] = {kw_name(ui_types, type), p};
            out_row(out, row);
        }
        free(buf);
        return rc;
    }
    return ERROR_INSUFFICIENT_BUFFER;
}

static int ui_list(HANDLE s, NTMS_GUID *object, const struct args *a)
{
    static const DWORD all[] = {NTMS_UITYPE_INFO, NTMS_UITYPE_REQ, NTMS_UITYPE_ERR};
    out_t *out = out_begin(ui_cols, 2);
    for (size_t i = 0; i < 3; i++) {
        if (arg_given(a, U_TYPE) && a->v[U_TYPE].num != all[i])
            continue;
        DWORD rc = ui_rows(s, object, all[i], out);
        if (rc != ERROR_SUCCESS) {
            out_discard(out);
            return cli_fail(rc, "cannot read the UI destinations");
        }
    }
    return out_end(out);
}

/* The computer object: the default owner of UI destinations. */
static int computer(HANDLE s, NTMS_GUID *out)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, NULL, NTMS_COMPUTER, &ids, &n);
    if (rc == ERROR_SUCCESS && n == 0)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc == ERROR_SUCCESS)
        *out = ids[0];
    free(ids);
    return rc == ERROR_SUCCESS ? 0 : cli_fail(rc, "cannot find the computer object");
}

int view_ui(HANDLE s, const NTMS_GUID *container)
{
    NTMS_GUID object;
    struct args every = {0};
    int rc = 0;
    if (container != NULL)
        object = *container;
    else
        rc = computer(s, &object);
    return rc ? rc : ui_list(s, &object, &every);
}

static int cmd_ui(HANDLE s, struct args *a)
{
    NTMS_GUID object;
    int rc = arg_given(a, U_LIBRARY) ? resolve(s, NTMS_LIBRARY, &a->v[U_LIBRARY], NULL, &object)
                                     : computer(s, &object);
    if (rc != 0)
        return rc;
    DWORD action = arg_given(a, U_ACTION) ? a->v[U_ACTION].num : UI_LIST;
    if (action == UI_LIST)
        return ui_list(s, &object, a);
    if (!arg_given(a, U_TYPE))
        return cli_usage("say which messages: /t{info|req|err} (--type)");
    if (action != NTMS_UIDEST_DELETEALL && !arg_given(a, U_DEST))
        return cli_usage("name the destination computer: /d<computer> (--destination; \"\" is this one)");
    const char *dest = arg_given(a, U_DEST) ? a->v[U_DEST].text : "";
    DWORD err = SetNtmsUIOptionsA(s, &object, a->v[U_TYPE].num, action, dest);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot change the UI destinations");
    struct field f[] = {{"destination", dest, COL_TEXT},
                        {"type", kw_name(ui_types, a->v[U_TYPE].num), COL_TEXT},
                        {"action", kw_name(ui_actions, action), COL_TEXT}};
    return out_result("UI destinations changed", f, 3);
}

#define OPREQ_OPT(help_text)                                                                                \
    {.slot = Q_REQUEST, .sw = "r", .name = "request", .kind = OPT_OBJECT, .arg = "REQUEST",                \
     .objtype = NTMS_OPREQUEST, .flags = OPTF_POSITIONAL, .help = help_text}
#define OPREQ_TIMEOUT                                                                                       \
    {.slot = Q_TIMEOUT, .sw = "t", .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS",                    \
     .help = "how long to wait (default: no limit)"}

static const struct opt list_opts[] = {
    {.slot = Q_ALL, .sw = "a", .name = "all", .kind = OPT_FLAG, .help = "completed and refused requests too"},
    OPT_BARE_ENTRY,
    OPT_GUIDS_ENTRY,
    OPT_END,
};
static const struct opt one_opts[] = {OPREQ_OPT("the operator request"), OPT_END};
static const struct opt wait_opts[] = {OPREQ_OPT("the operator request"), OPREQ_TIMEOUT, OPT_END};
static const struct opt submit_opts[] = {
    {.slot = Q_TYPE, .sw = "y", .name = "type", .kind = OPT_KEYWORD, .arg = "TYPE", .words = kw_opreq_types,
     .help = "what is asked (default message)"},
    {.slot = Q_MESSAGE, .sw = "m", .name = "message", .kind = OPT_TEXT, .arg = "TEXT",
     .flags = OPTF_POSITIONAL, .help = "the text the operator reads"},
    {.slot = Q_POOL, .sw = "p", .name = "pool", .kind = OPT_OBJECT, .arg = "POOL", .objtype = NTMS_MEDIA_POOL,
     .flags = OPTF_GF, .help = "new-media: the pool that needs media"},
    {.slot = Q_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF,
     .help = "new-media, move-media: the library; cleaner, device-service: the device"},
    {.slot = Q_MEDIA, .sw = "e", .name = "media", .kind = OPT_OBJECT, .arg = "MEDIA",
     .objtype = NTMS_PHYSICAL_MEDIA, .flags = OPTF_GF, .help = "move-media, device-service: the medium"},
    {.slot = Q_DRIVE, .sw = "d", .name = "drive", .kind = OPT_OBJECT, .arg = "DRIVE", .objtype = NTMS_DRIVE,
     .flags = OPTF_GF, .help = "device-service: the drive"},
    {.slot = Q_SLOT, .sw = "s", .name = "slot", .kind = OPT_OBJECT, .arg = "SLOT", .objtype = NTMS_STORAGESLOT,
     .flags = OPTF_GF, .help = "cleaner: the slot for the cleaner"},
    {.slot = Q_WAIT, .sw = "w", .name = "wait", .kind = OPT_FLAG, .help = "wait until it is answered"},
    OPREQ_TIMEOUT,
    OPT_BARE_ENTRY,
    OPT_END,
};
static const struct opt ui_opts[] = {
    {.slot = U_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF, .help = "this library's messages (default: the computer's)"},
    {.slot = U_TYPE, .sw = "t", .name = "type", .kind = OPT_KEYWORD, .arg = "TYPE", .words = ui_types,
     .help = "which messages"},
    {.slot = U_ACTION, .sw = "a", .name = "action", .kind = OPT_KEYWORD, .arg = "ACTION", .words = ui_actions,
     .help = "what to do with the destination (default list)"},
    {.slot = U_DEST, .sw = "d", .name = "destination", .kind = OPT_TEXT, .arg = "COMPUTER",
     .help = "the computer that shows the messages (\"\": this one)"},
    OPT_BARE_ENTRY,
    OPT_END,
};

const struct verb opreq_verbs[] = {
    {NULL, "ui", "choose which computers show RSM's messages", ui_opts, cmd_ui, 0,
     "Without /a (--action) the destinations are listed."},
    {"opreq", "list", "list operator requests", list_opts, cmd_list, 0, NULL},
    {"opreq", "submit", "ask the operator for something", submit_opts, cmd_submit, 0,
     "Objects by type: new-media --pool [--library]; cleaner --library or --slot;\n"
     "device-service --drive, --library or --media; move-media --media --library."},
    {"opreq", "satisfy", "mark an operator request done", one_opts, cmd_satisfy, 0, NULL},
    {"opreq", "refuse", "refuse (cancel) an operator request", one_opts, cmd_refuse, 0, NULL},
    {"opreq", "wait", "wait until an operator request is answered", wait_opts, cmd_wait, 0, NULL},
    {"opreq", "delete", "delete an answered operator request", one_opts, cmd_delete, 0, NULL},
    VERB_END,
};
