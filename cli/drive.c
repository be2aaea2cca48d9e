/*
 * drive.c - `rsm drive list|enable|disable|clean|dismount|delete`.
 */
#include <stdio.h>

#include "cli.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "requests.h"
#include "resolve.h"
#include "verbs.h"
#include "view.h"

enum { D_DRIVE, D_LIBRARY, D_NOWAIT, D_TIMEOUT };

static int cmd_list(HANDLE s, struct args *a)
{
    NTMS_GUID lib, *libp;
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[D_LIBRARY], NULL, &lib, &libp);
    return rc ? rc : view_drives(s, libp);
}

/* enable, disable, delete: one call on the drive */
static int drive_call(HANDLE s, struct args *a, object_call_fn call, const char *done_text)
{
    NTMS_GUID lib, *libp;
    const struct object_call c = {NTMS_DRIVE, call, done_text};
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[D_LIBRARY], NULL, &lib, &libp);
    return rc ? rc : object_run(s, &a->v[D_DRIVE], libp, &c);
}

static int cmd_enable(HANDLE s, struct args *a) { return drive_call(s, a, object_enable, "enabled"); }
static int cmd_disable(HANDLE s, struct args *a) { return drive_call(s, a, object_disable, "disabled"); }
static int cmd_delete(HANDLE s, struct args *a) { return drive_call(s, a, object_delete, "deleted"); }

/* The drive named, and its record. */
static int need_drive(HANDLE s, struct args *a, NTMS_OBJECTINFORMATIONA *d)
{
    NTMS_GUID lib, *libp, id;
    if (!arg_given(a, D_DRIVE))
        return cli_usage("name the drive");
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[D_LIBRARY], NULL, &lib, &libp);
    if (rc == 0)
        rc = resolve(s, NTMS_DRIVE, &a->v[D_DRIVE], libp, &id);
    DWORD err = rc ? 0 : cli_get_info(s, &id, NTMS_DRIVE, d);
    return rc ? rc : err ? cli_fail(err, "cannot read the drive") : 0;
}

static int cmd_dismount(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA d;
    int rc = need_drive(s, a, &d);
    if (rc != 0)
        return rc;
    DWORD err = DismountNtmsDrive(s, &d.ObjectGuid);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot dismount %s", d.szName);
    char g[37], text[NTMS_OBJECTNAME_LENGTH + 32];
    snprintf(text, sizeof text, "%s dismounted", d.szName);
    struct field f[] = {{"guid", cli_guid(&d.ObjectGuid, g), COL_GUID}, {"name", d.szName, COL_TEXT}};
    return out_result(text, f, 2);
}

/* CleanNtmsDrive queues the cleaning as a library request; wait for it. */
static DWORD start_clean(HANDLE s, NTMS_GUID *lib, void *ctx, NTMS_GUID *req)
{
    (void)lib;
    (void)req;
    return CleanNtmsDrive(s, ctx);
}

static int cmd_clean(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA d;
    struct request_run run;
    char what[NTMS_OBJECTNAME_LENGTH + 32], g[37], text[NTMS_OBJECTNAME_LENGTH + 48];
    int rc = need_drive(s, a, &d);
    if (rc != 0)
        return rc;
    snprintf(what, sizeof what, "cleaning of %s", d.szName);
    DWORD timeout = arg_given(a, D_TIMEOUT) ? a->v[D_TIMEOUT].num : INFINITE;
    DWORD err = request_run(s, &d.Info.Drive.Library, NTMS_LM_CLEANDRIVE, start_clean, &d.ObjectGuid,
                            !arg_given(a, D_NOWAIT), timeout, what, false, &run);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s%s", what, run.waited ? " did not pass" : "");
    snprintf(text, sizeof text, "%s: %s", what, run.waited ? "done" : "queued");
    struct field f[] = {{"request", run.have_req ? cli_guid(&run.req, g) : "", COL_GUID},
                        {"state", run.waited ? "passed" : "queued", COL_TEXT}};
    return out_result(text, f, 2);
}

#define DRIVE_OPTS                                                                                          \
    {.slot = D_DRIVE, .sw = "d", .name = "drive", .kind = OPT_OBJECT, .arg = "DRIVE", .objtype = NTMS_DRIVE, \
     .flags = OPTF_GF | OPTF_POSITIONAL, .help = "the drive (name, element number with --library, or GUID)"}, \
    {.slot = D_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",                \
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF, .help = "the drive's library, when names repeat"}

static const struct opt one_drive_opts[] = {DRIVE_OPTS, OPT_END};
static const struct opt clean_opts[] = {
    DRIVE_OPTS,
    {.slot = D_NOWAIT, .name = "no-wait", .kind = OPT_FLAG, .help = "return once the cleaning is queued"},
    {.slot = D_TIMEOUT, .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS",
     .help = "stop waiting after this long (default: no limit)"},
    OPT_END,
};
static const struct opt list_opts[] = {
    {.slot = D_LIBRARY, .sw = "l", .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY",
     .objtype = NTMS_LIBRARY, .flags = OPTF_GF | OPTF_POSITIONAL, .help = "only this library's drives"},
    OPT_BARE_ENTRY,
    OPT_GUIDS_ENTRY,
    OPT_END,
};

const struct verb drive_verbs[] = {
    {"drive", "list", "list drives and the media in them (same as rsm view drives)", list_opts, cmd_list, 0, NULL},
    {"drive", "enable", "enable a drive", one_drive_opts, cmd_enable, 0, NULL},
    {"drive", "disable", "disable a drive (it gives its medium back)", one_drive_opts, cmd_disable, 0, NULL},
    {"drive", "clean", "clean a drive with the library's cleaner", clean_opts, cmd_clean, 0, NULL},
    {"drive", "dismount", "take whatever is in a drive out of it", one_drive_opts, cmd_dismount, 0, NULL},
    {"drive", "delete", "delete a drive that is no longer present", one_drive_opts, cmd_delete, 0, NULL},
    VERB_END,
};
