/*
 * library.c - libraries: rsm.exe's eject, ejectatapi, inventory and
 * refresh, and `rsm library list|enable|disable|door|inject|inventory|
 * delete`.
 *
 * Inventory, door access, inject and eject return once the service has
 * queued them; the verbs then wait for the library request to finish (a
 * progress line on a terminal), so the exit status says how it ended.
 * --no-wait returns at once, as rsm.exe did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "requests.h"
#include "resolve.h"
#include "verbs.h"
#include "view.h"

enum { L_LIBRARY, L_MEDIA, L_SLOT, L_DRIVE, L_OPERATION, L_ACTION, L_NOWAIT, L_TIMEOUT, L_TYPE, L_MANY,
       L_STOP, L_RETRACT, L_NUMBER };

static DWORD wait_timeout(const struct args *a)
{
    return arg_given(a, L_TIMEOUT) ? a->v[L_TIMEOUT].num : INFINITE;
}

static int need_library(HANDLE s, struct args *a, NTMS_GUID *lib)
{
    if (!arg_given(a, L_LIBRARY))
        return cli_usage("name the library: /lg<GUID> or /lf<name> (--library)");
    return resolve(s, NTMS_LIBRARY, &a->v[L_LIBRARY], NULL, lib);
}

/* The result of an operation that is a library request: "<what>: done",
 * "queued" when not waited for, "requested" when no request was made (an
 * inventory NONE or STOP). */
static int report_request(const struct request_run *run, const char *what)
{
    char g[37], text[200];
    const char *state = run->waited ? "passed" : run->have_req ? "queued" : "requested";
    snprintf(text, sizeof text, "%s: %s", what, run->waited ? "done" : state);
    struct field f[] = {{"request", run->have_req ? cli_guid(&run->req, g) : "", COL_GUID},
                        {"state", state, COL_TEXT}};
    return out_result(text, f, 2);
}

/* The library calls start with the parsed arguments as their context. */
static DWORD start_and_wait(HANDLE s, NTMS_GUID *lib, struct args *a, DWORD op, request_start_fn start,
                            const char *what, bool until_operator, struct request_run *run)
{
    return request_run(s, lib, op, start, a, !arg_given(a, L_NOWAIT), wait_timeout(a), what, until_operator, run);
}

static int run_and_wait(HANDLE s, NTMS_GUID *lib, struct args *a, DWORD op, request_start_fn start,
                        const char *what)
{
    struct request_run run;
    DWORD err = start_and_wait(s, lib, a, op, start, what, false, &run);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s%s", what, run.waited ? " did not pass" : "");
    return report_request(&run, what);
}

/* ------------------------------------------------------------------------ */
/* inventory, door, inject */

/* inventory and door: the call takes the library and an inventory method
 * (the one to run now, or once the door is closed again). */
static DWORD start_inventory(HANDLE s, NTMS_GUID *lib, void *ctx, NTMS_GUID *op)
{
    const struct args *a = ctx;
    (void)op;
    return InventoryNtmsLibrary(s, lib, arg_given(a, L_ACTION) ? a->v[L_ACTION].num : NTMS_INVENTORY_DEFAULT);
}

static DWORD start_door(HANDLE s, NTMS_GUID *lib, void *ctx, NTMS_GUID *op)
{
    const struct args *a = ctx;
    (void)op;
    return AccessNtmsLibraryDoor(s, lib, arg_given(a, L_ACTION) ? a->v[L_ACTION].num : NTMS_INVENTORY_DEFAULT);
}

/* `what` is a format with the library's name as its one %s. */
static int library_operation(HANDLE s, struct args *a, DWORD op, request_start_fn start, const char *what)
{
    NTMS_GUID lib;
    char text[NTMS_OBJECTNAME_LENGTH + 80];
    int rc = need_library(s, a, &lib);
    if (rc != 0)
        return rc;
    snprintf(text, sizeof text, what, a->v[L_LIBRARY].text);
    return run_and_wait(s, &lib, a, op, start, text);
}

static int cmd_inventory(HANDLE s, struct args *a)
{
    return library_operation(s, a, NTMS_LM_INVENTORY, start_inventory, "inventory of %s");
}

static int cmd_door(HANDLE s, struct args *a)
{
    return library_operation(s, a, NTMS_LM_DOORACCESS, start_door,
                             "door of %s unlocked (open it, change cartridges, close it)");
}

static DWORD start_inject(HANDLE s, NTMS_GUID *lib, void *ctx, NTMS_GUID *op)
{
    const struct args *a = ctx;
    if (arg_given(a, L_STOP) || arg_given(a, L_RETRACT)) {
        *op = a->v[arg_given(a, L_STOP) ? L_STOP : L_RETRACT].guid;
        return InjectNtmsMedia(s, lib, op, arg_given(a, L_STOP) ? NTMS_INJECT_STOP : NTMS_INJECT_RETRACT);
    }
    return InjectNtmsMedia(s, lib, op, arg_given(a, L_MANY) ? NTMS_INJECT_STARTMANY : NTMS_INJECT_START);
}

/* On a terminal, the person running the command is the operator: once
 * the port is open, Enter ends the inject. */
static bool operator_says_done(void)
{
    if (cli_mode.json || !isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return false;
    fputs("The port is open: put the cartridges in, then press Enter (Ctrl-D leaves it open). ", stderr);
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        ;
    return c == '\n';
}

static int cmd_inject(HANDLE s, struct args *a)
{
    NTMS_GUID lib;
    char what[NTMS_OBJECTNAME_LENGTH + 64], g[37], text[256];
    if (args_count(a, L_MANY, L_STOP, L_RETRACT, -1) > 1)
        return cli_usage("--many, --stop and --retract exclude each other");
    int rc = need_library(s, a, &lib);
    if (rc != 0)
        return rc;
    snprintf(what, sizeof what, "inject into %s", a->v[L_LIBRARY].text);
    /* --stop and --retract end an operation: wait for it to finish */
    if (arg_given(a, L_STOP) || arg_given(a, L_RETRACT))
        return run_and_wait(s, &lib, a, NTMS_LM_INJECT, start_inject, what);
    struct request_run run;
    DWORD err = start_and_wait(s, &lib, a, NTMS_LM_INJECT, start_inject, what, true, &run);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s", what);
    bool open = run.waited && run.last == NTMS_LM_WAITING;
    if (open && operator_says_done()) {
        NTMS_GUID op = run.req;
        err = InjectNtmsMedia(s, &lib, &op, NTMS_INJECT_STOP);
        if (err == ERROR_SUCCESS)
            err = request_wait(s, &run.req, what, wait_timeout(a), false, &run.last);
        return err ? cli_fail(err, "%s did not pass", what) : report_request(&run, what);
    }
    snprintf(text, sizeof text, "%s: %s (operation %s)%s", what, open ? "the port is open" : "queued",
             run.have_req ? cli_guid(&run.req, g) : "",
             open ? "; end it with rsm library inject --stop OPERATION" : "");
    struct field f[] = {{"request", run.have_req ? cli_guid(&run.req, g) : "", COL_GUID},
                        {"state", open ? "waiting" : "queued", COL_TEXT}};
    return out_result(text, f, 2);
}

/* ------------------------------------------------------------------------ */
/* eject */

/* The medium: /p, or whatever is in /s or /d of library /l. */
static int eject_medium(HANDLE s, struct args *a, NTMS_OBJECTINFORMATIONA *media)
{
    int ways = args_count(a, L_MEDIA, L_SLOT, L_DRIVE, -1);
    if (ways != 1)
        return cli_usage("name the medium one way: /p..., /s... with /l..., or /d... with /l...");
    if (arg_given(a, L_MEDIA)) {
        NTMS_GUID id;
        int rc = resolve(s, NTMS_PHYSICAL_MEDIA, &a->v[L_MEDIA], NULL, &id);
        DWORD err = rc ? 0 : cli_get_info(s, &id, NTMS_PHYSICAL_MEDIA, media);
        return rc ? rc : err ? cli_fail(err, "cannot read the medium") : 0;
    }
    NTMS_GUID lib, *libp, where;
    int slot = arg_given(a, L_SLOT) ? L_SLOT : L_DRIVE;
    DWORD type = slot == L_SLOT ? NTMS_STORAGESLOT : NTMS_DRIVE;
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[L_LIBRARY], NULL, &lib, &libp);
    if (rc == 0)
        rc = resolve(s, type, &a->v[slot], libp, &where);
    return rc ? rc : resolve_media_at(s, &where, type, media);
}

static int cmd_eject(HANDLE s, struct args *a)
{
    DWORD action = arg_given(a, L_ACTION) ? a->v[L_ACTION].num : NTMS_EJECT_START;
    NTMS_OBJECTINFORMATIONA media;
    NTMS_GUID op = {0}, *mediap = NULL;
    char what[NTMS_OBJECTNAME_LENGTH + 32], g[37];
    int rc = 0;
    if (action == NTMS_EJECT_STOP) {
        if (!arg_given(a, L_OPERATION))
            return cli_usage("/astop needs the operation to stop: /o<GUID> (--operation)");
        op = a->v[L_OPERATION].guid;
    } else if (action != NTMS_EJECT_START || args_count(a, L_MEDIA, L_SLOT, L_DRIVE, -1) > 0) {
        /* START without a medium runs the batch queued with /aqueue */
        rc = eject_medium(s, a, &media);
        mediap = &media.ObjectGuid;
    }
    if (rc != 0)
        return rc;
    snprintf(what, sizeof what, "eject of %s", mediap ? media.szName : "the queued media");
    DWORD err = EjectNtmsMedia(s, mediap, &op, action);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s", what);
    /* wait until the medium is in the port (the request then waits for the
     * operator's hands) or the eject has ended */
    DWORD last = NTMS_LM_QUEUED;
    bool wait = !arg_given(a, L_NOWAIT) && !cli_guid_null(&op) &&
                (action == NTMS_EJECT_START || action == NTMS_EJECT_FORCE);
    if (wait && (err = request_wait(s, &op, what, wait_timeout(a), true, &last)) != ERROR_SUCCESS)
        return cli_fail(err, "%s did not pass", what);
    char text[200];
    const char *state = action == NTMS_EJECT_QUEUE  ? "queued"
                        : action == NTMS_EJECT_STOP ? "stopped"
                        : wait && last == NTMS_LM_WAITING ? "in the port"
                        : wait || action == NTMS_EJECT_IMMEDIATE || action == NTMS_EJECT_ASK_USER ? "done"
                                                                                                  : "started";
    snprintf(text, sizeof text, "%s: %s (operation %s)", what, state, cli_guid_or_empty(&op, g));
    struct field f[] = {{"operation", g, COL_GUID}, {"state", state, COL_TEXT},
                        {"media_name", mediap ? media.szName : "", COL_TEXT}};
    return out_result(text, f, 3);
}

static int cmd_ejectatapi(HANDLE s, struct args *a)
{
    (void)s;
    if (!arg_given(a, L_NUMBER))
        return cli_usage("name the changer: /n<number>");
    return cli_fail(ERROR_NOT_SUPPORTED,
                    "ATAPI CD changer %u: Linux has no ATAPI changer driver for RSM to talk to; eject a disc with "
                    "eject(1) (eject -c SLOT /dev/srN) or run the changer as a library of rsmd",
                    (unsigned)a->v[L_NUMBER].num);
}

/* ------------------------------------------------------------------------ */
/* refresh: one poll of device change detection */

/* A robot library is inventoried (fast: bar codes); a stand-alone drive,
 * or the drives a medium or media type could be in, get one poll of device
 * change detection (a NULL handle is the reference's "single poll"), which
 * is what that call is for. */
static DWORD refresh_one(HANDLE s, NTMS_GUID *id, DWORD type)
{
    NTMS_OBJECTINFORMATIONA lib;
    if (type == NTMS_LIBRARY && cli_get_info(s, id, NTMS_LIBRARY, &lib) == ERROR_SUCCESS &&
        lib.Info.Library.LibraryType == NTMS_LIBRARYTYPE_ONLINE)
        return InventoryNtmsLibrary(s, id, NTMS_INVENTORY_FAST);
    return SetNtmsDeviceChangeDetection(s, NULL, id, type, 1);
}

static int cmd_refresh(HANDLE s, struct args *a)
{
    static const struct {
        int slot;
        DWORD type;
    } by[] = {{L_LIBRARY, NTMS_LIBRARY}, {L_MEDIA, NTMS_PHYSICAL_MEDIA}, {L_TYPE, NTMS_MEDIA_TYPE}};
    if (args_count(a, L_LIBRARY, L_MEDIA, L_TYPE, -1) != 1)
        return cli_usage("name one thing to refresh: /l... (library), /p... (medium) or /tg... (media type)");
    for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
        if (!arg_given(a, by[i].slot))
            continue;
        NTMS_GUID id;
        char g[37], text[NTMS_OBJECTNAME_LENGTH + 64];
        int rc = resolve(s, by[i].type, &a->v[by[i].slot], NULL, &id);
        if (rc != 0)
            return rc;
        DWORD err = refresh_one(s, &id, by[i].type);
        if (err != ERROR_SUCCESS)
            return cli_fail(err, "cannot refresh %s", a->v[by[i].slot].text);
        snprintf(text, sizeof text, "%s %s: refresh requested", kw_name(kw_object_types, by[i].type),
                 a->v[by[i].slot].text);
        struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID}, {"type", kw_name(kw_object_types, by[i].type), COL_TEXT}};
        return out_result(text, f, 2);
    }
    return EXIT_USAGE;
}

/* ------------------------------------------------------------------------ */
/* rsm library list|enable|disable|delete */

static int cmd_list(HANDLE s, struct args *a)
{
    (void)a;
    return view_libraries(s, NULL);
}

static int library_call(HANDLE s, struct args *a, object_call_fn call, const char *done_text)
{
    const struct object_call c = {NTMS_LIBRARY, call, done_text};
    return object_run(s, &a->v[L_LIBRARY], NULL, &c);
}

static int cmd_enable(HANDLE s, struct args *a) { return library_call(s, a, object_enable, "enabled"); }
static int cmd_disable(HANDLE s, struct args *a) { return library_call(s, a, object_disable, "disabled"); }
static int cmd_delete(HANDLE s, struct args *a) { return library_call(s, a, object_delete, "deleted"); }

/* ------------------------------------------------------------------------ */
/* Tables */

static const struct keyword eject_actions[] = {
    {"start", NTMS_EJECT_START}, {"stop", NTMS_EJECT_STOP}, {"queue", NTMS_EJECT_QUEUE},
    {"force", NTMS_EJECT_FORCE}, {"immediate", NTMS_EJECT_IMMEDIATE}, {"ask_user", NTMS_EJECT_ASK_USER},
    {NULL, 0},
};

#define LIBRARY_OPT(help_text, extra)                                                                       \
    {.slot = L_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",                \
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF | (extra), .help = help_text}
#define WAIT_OPTS                                                                                           \
    {.slot = L_NOWAIT, .name = "no-wait", .kind = OPT_FLAG, .help = "return once the service has queued it"}, \
    {.slot = L_TIMEOUT, .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS",                               \
     .help = "stop waiting after this long (default: no limit)"}
#define INVENTORY_ACTION(help_text)                                                                         \
    {.slot = L_ACTION, .sw = "a", .name = "action", .kind = OPT_KEYWORD, .arg = "METHOD",                  \
     .words = kw_inventory_methods, .help = help_text}

static const struct opt inventory_opts[] = {
    LIBRARY_OPT("the library", OPTF_POSITIONAL),
    INVENTORY_ACTION("how: full reads on-media labels, fast bar codes (default: the library's method)"),
    WAIT_OPTS,
    OPT_END,
};
static const struct opt door_opts[] = {
    LIBRARY_OPT("the library", OPTF_POSITIONAL),
    INVENTORY_ACTION("the inventory to run once the door is closed again (default: the library's)"),
    WAIT_OPTS,
    OPT_END,
};
static const struct opt inject_opts[] = {
    LIBRARY_OPT("the library", OPTF_POSITIONAL),
    {.slot = L_MANY, .name = "many", .kind = OPT_FLAG, .help = "keep the port open for several batches"},
    {.slot = L_STOP, .name = "stop", .kind = OPT_GUID, .arg = "OPERATION", .help = "end this inject operation"},
    {.slot = L_RETRACT, .name = "retract", .kind = OPT_GUID, .arg = "OPERATION",
     .help = "retract the port of this inject operation"},
    WAIT_OPTS,
    OPT_BARE_ENTRY,
    OPT_END,
};
static const struct opt eject_opts[] = {
    {.slot = L_MEDIA, .sw = "p", .name = "media", .kind = OPT_OBJECT, .arg = "MEDIA",
     .objtype = NTMS_PHYSICAL_MEDIA, .flags = OPTF_GF | OPTF_POSITIONAL, .help = "the medium (name or bar code)"},
    {.slot = L_SLOT, .sw = "s", .name = "slot", .kind = OPT_OBJECT, .arg = "SLOT", .objtype = NTMS_STORAGESLOT,
     .flags = OPTF_GF, .help = "the medium in this slot"},
    {.slot = L_DRIVE, .sw = "d", .name = "drive", .kind = OPT_OBJECT, .arg = "DRIVE", .objtype = NTMS_DRIVE,
     .flags = OPTF_GF, .help = "the medium in this drive"},
    LIBRARY_OPT("the library of the slot or drive", 0),
    {.slot = L_OPERATION, .sw = "o", .name = "operation", .kind = OPT_GUID, .arg = "GUID",
     .help = "the eject operation to stop (with /astop)"},
    {.slot = L_ACTION, .sw = "a", .name = "action", .kind = OPT_KEYWORD, .arg = "ACTION", .words = eject_actions,
     .help = "what to do (default start)"},
    WAIT_OPTS,
    OPT_BARE_ENTRY,
    OPT_END,
};
static const struct opt ejectatapi_opts[] = {
    {.slot = L_NUMBER, .sw = "n", .name = "changer", .kind = OPT_NUMBER, .arg = "N", .help = "the ATAPI changer"},
    OPT_END,
};
static const struct opt refresh_opts[] = {
    LIBRARY_OPT("the library to look at again", 0),
    {.slot = L_MEDIA, .sw = "p", .name = "media", .kind = OPT_OBJECT, .arg = "MEDIA",
     .objtype = NTMS_PHYSICAL_MEDIA, .flags = OPTF_GF, .help = "the drive or library that could hold this medium"},
    {.slot = L_TYPE, .sw = "t", .name = "media-type", .kind = OPT_OBJECT, .arg = "TYPE",
     .objtype = NTMS_MEDIA_TYPE, .flags = OPTF_GF, .help = "every stand-alone drive for this media type"},
    OPT_END,
};
static const struct opt one_library_opts[] = {LIBRARY_OPT("the library", OPTF_POSITIONAL), OPT_END};
static const struct opt list_opts[] = {OPT_BARE_ENTRY, OPT_GUIDS_ENTRY, OPT_END};

const struct verb library_verbs[] = {
    {NULL, "eject", "move a medium out of its library through the port", eject_opts, cmd_eject, 0,
     "Waits until the medium is in the port (--no-wait: return the operation GUID at once). /aqueue\n"
     "collects media for one batch, started with /astart and no medium."},
    {NULL, "ejectatapi", "eject from an ATAPI CD changer (not on Linux)", ejectatapi_opts, cmd_ejectatapi,
     VERB_NO_SESSION,
     "Always fails with ERROR_NOT_SUPPORTED (exit status 1): Linux has no ATAPI changer driver."},
    {NULL, "inventory", "inventory a library", inventory_opts, cmd_inventory, 0,
     "Waits until the inventory is over (--no-wait: return once it is queued)."},
    {NULL, "refresh", "look at a library, medium or media type again", refresh_opts, cmd_refresh, 0, NULL},
    {"library", "list", "list libraries (same as rsm view libraries)", list_opts, cmd_list, 0, NULL},
    {"library", "enable", "enable a library", one_library_opts, cmd_enable, 0, NULL},
    {"library", "disable", "disable a library", one_library_opts, cmd_disable, 0, NULL},
    {"library", "door", "unlock the door, then inventory once it is closed", door_opts, cmd_door, 0, NULL},
    {"library", "inject", "take cartridges in through the port", inject_opts, cmd_inject, 0, NULL},
    {"library", "inventory", "inventory a library (same as rsm inventory)", inventory_opts, cmd_inventory, 0, NULL},
    {"library", "delete", "delete a library that rsmd no longer runs", one_library_opts, cmd_delete, 0, NULL},
    VERB_END,
};
