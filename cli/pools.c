/*
 * pools.c - media pools and names: rsm.exe's createpool, deletepool and
 * rename, and `rsm pool create|delete|policy|list` (pool move is in
 * media.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "resolve.h"
#include "verbs.h"
#include "view.h"

enum { P_POOL, P_ACTION, P_TYPE, P_FROM_FREE, P_TO_FREE, P_MAX, P_DESC, P_PARENTS,
       P_SET_FROM, P_SET_TO, P_KIND, P_OBJECT, P_NEWNAME, P_ALL };

static const struct keyword create_actions[] = {
    {"always", NTMS_OPEN_ALWAYS}, {"existing", NTMS_OPEN_EXISTING}, {"new", NTMS_CREATE_NEW}, {NULL, 0},
};

/* Apply the policy options given to pool `id`: one read, one write. */
static int set_policies(HANDLE s, const NTMS_GUID *id, const struct args *a)
{
    NTMS_OBJECTINFORMATIONA o;
    char g[37];
    if (args_count(a, P_FROM_FREE, P_TO_FREE, P_SET_FROM, P_SET_TO, P_MAX, P_DESC, P_TYPE, -1) == 0)
        return 0;
    DWORD rc = cli_get_info(s, id, NTMS_MEDIA_POOL, &o);
    if (rc != ERROR_SUCCESS)
        return cli_fail(rc, "cannot read pool %s", cli_guid(id, g));
    NTMS_MEDIAPOOLINFORMATION *p = &o.Info.MediaPool;
    if (arg_given(a, P_FROM_FREE) || arg_given(a, P_SET_FROM)) {
        bool on = arg_given(a, P_FROM_FREE) || a->v[P_SET_FROM].num;
        p->AllocationPolicy = on ? p->AllocationPolicy | NTMS_ALLOCATE_FROMSCRATCH
                                 : p->AllocationPolicy & ~(DWORD)NTMS_ALLOCATE_FROMSCRATCH;
    }
    if (arg_given(a, P_TO_FREE) || arg_given(a, P_SET_TO)) {
        bool on = arg_given(a, P_TO_FREE) || a->v[P_SET_TO].num;
        p->DeallocationPolicy = on ? p->DeallocationPolicy | NTMS_DEALLOCATE_TOSCRATCH
                                   : p->DeallocationPolicy & ~(DWORD)NTMS_DEALLOCATE_TOSCRATCH;
    }
    if (arg_given(a, P_MAX))
        p->dwMaxAllocates = a->v[P_MAX].num;
    if (arg_given(a, P_DESC))
        snprintf(o.szDescription, sizeof o.szDescription, "%s", a->v[P_DESC].text);
    int err = arg_given(a, P_TYPE) ? resolve(s, NTMS_MEDIA_TYPE, &a->v[P_TYPE], NULL, &p->MediaType) : 0;
    if (err != 0)
        return err;
    NTMS_GUID copy = *id;
    rc = SetNtmsObjectInformationA(s, &copy, &o);
    return rc == ERROR_SUCCESS ? 0 : cli_fail(rc, "cannot set the policies of pool %s", o.szName);
}

/* With --parents: open or create each level above "A\B\C" first, like
 * mkdir -p (CreateNtmsMediaPool makes one level at a time). */
static int create_parents(HANDLE s, const char *path)
{
    char buf[NTMS_POOLHIERARCHY_LENGTH];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *sep = strchr(buf[0] == '\\' ? buf + 1 : buf, '\\'); sep != NULL; sep = strchr(sep + 1, '\\')) {
        NTMS_GUID id;
        *sep = '\0';
        DWORD rc = CreateNtmsMediaPoolA(s, buf, NULL, NTMS_OPEN_ALWAYS, NULL, &id);
        if (rc != ERROR_SUCCESS)
            return cli_fail(rc, "cannot create pool '%s'", buf);
        *sep = '\\';
    }
    return 0;
}

static int cmd_createpool(HANDLE s, struct args *a)
{
    NTMS_GUID type, *typep = NULL, id;
    char g[37], text[NTMS_POOLHIERARCHY_LENGTH + 64];
    if (!arg_given(a, P_POOL))
        return cli_usage("name the pool: /m<name> (--pool; \"Parent\\Child\" for a nested one)");
    DWORD action = arg_given(a, P_ACTION) ? a->v[P_ACTION].num : NTMS_OPEN_ALWAYS;
    int rc = resolve_opt(s, NTMS_MEDIA_TYPE, &a->v[P_TYPE], NULL, &type, &typep);
    if (rc == 0 && arg_given(a, P_PARENTS))
        rc = create_parents(s, a->v[P_POOL].text);
    if (rc != 0)
        return rc;
    DWORD err = CreateNtmsMediaPoolA(s, a->v[P_POOL].text, typep, action, NULL, &id);
    bool nested = strchr(a->v[P_POOL].text, '\\') != NULL;
    if (err == ERROR_OBJECT_NOT_FOUND && nested && action != NTMS_OPEN_EXISTING)
        return cli_fail(err, "cannot create pool '%s': its parent does not exist (--parents creates it)",
                        a->v[P_POOL].text);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot %s pool '%s'", action == NTMS_OPEN_EXISTING ? "open" : "create",
                        a->v[P_POOL].text);
    /* the media type went to CreateNtmsMediaPool already */
    a->v[P_TYPE].given = false;
    rc = set_policies(s, &id, a);
    if (rc != 0)
        return rc;
    snprintf(text, sizeof text, "pool %s: %s", a->v[P_POOL].text, cli_guid(&id, g));
    struct field f[] = {{"guid", g, COL_GUID}, {"name", a->v[P_POOL].text, COL_TEXT}};
    return out_result(text, f, 2);
}

static int need_pool(HANDLE s, struct args *a, NTMS_GUID *id)
{
    if (!arg_given(a, P_POOL))
        return cli_usage("name the pool: /m<name> (--pool)");
    return resolve(s, NTMS_MEDIA_POOL, &a->v[P_POOL], NULL, id);
}

static int cmd_deletepool(HANDLE s, struct args *a)
{
    static const struct object_call c = {NTMS_MEDIA_POOL, object_delete, "deleted"};
    return object_run(s, &a->v[P_POOL], NULL, &c);
}

static int cmd_policy(HANDLE s, struct args *a)
{
    NTMS_GUID id;
    char g[37];
    int rc = need_pool(s, a, &id);
    if (rc == 0)
        rc = set_policies(s, &id, a);
    if (rc != 0)
        return rc;
    /* show what the pool now says */
    NTMS_OBJECTINFORMATIONA o;
    DWORD err = cli_get_info(s, &id, NTMS_MEDIA_POOL, &o);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot read pool %s", cli_guid(&id, g));
    char max[24], text[256];
    const NTMS_MEDIAPOOLINFORMATION *p = &o.Info.MediaPool;
    const char *from = p->AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH ? "yes" : "no";
    const char *to = p->DeallocationPolicy & NTMS_DEALLOCATE_TOSCRATCH ? "yes" : "no";
    snprintf(text, sizeof text, "pool %s: from-free %s, to-free %s, max-allocates %u", o.szName, from, to,
             (unsigned)p->dwMaxAllocates);
    struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID},
                        {"allocate_from_free", from, COL_BOOL},
                        {"deallocate_to_free", to, COL_BOOL},
                        {"max_allocates", cli_num(p->dwMaxAllocates, max), COL_NUM}};
    return out_result(text, f, 4);
}

static int cmd_list(HANDLE s, struct args *a)
{
    cli_mode.all = arg_given(a, P_ALL);
    return view_pools(s, NULL);
}

/* rsm rename: SetNtmsObjectInformation with a new szName / szDescription. */
static int cmd_rename(HANDLE s, struct args *a)
{
    NTMS_GUID id;
    NTMS_OBJECTINFORMATIONA o;
    char g[37], text[NTMS_OBJECTNAME_LENGTH * 2 + 32];
    if (!arg_given(a, P_KIND) || !arg_given(a, P_OBJECT))
        return cli_usage("name the object: /t<type> and /g<GUID> or /f<name> (--type, --object)");
    if (args_count(a, P_NEWNAME, P_DESC, -1) == 0)
        return cli_usage("give the new name (/n, --name) or description (/d, --description)");
    DWORD type = a->v[P_KIND].num;
    const char *name = a->v[P_NEWNAME].text;
    int rc = resolve(s, type, &a->v[P_OBJECT], NULL, &id);
    if (rc == 0)
        rc = cli_set_names(s, &id, type, name, a->v[P_DESC].text);
    if (rc != 0)
        return rc;
    DWORD err = cli_get_info(s, &id, type, &o);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot read the object back");
    /* the service takes names only where the API lets them change */
    if (name != NULL && strcmp(o.szName, name) != 0)
        return cli_fail(ERROR_ACCESS_DENIED, "a %s keeps the name the service gave it (%s)",
                        kw_name(kw_object_types, type), o.szName);
    snprintf(text, sizeof text, "%s %s renamed", kw_name(kw_object_types, type), o.szName);
    struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID},
                        {"name", o.szName, COL_TEXT},
                        {"description", o.szDescription, COL_TEXT}};
    return out_result(text, f, 3);
}

#define POOL_OPT(help_text, extra_flags)                                                                    \
    {.slot = P_POOL, .sw = "m", .name = "pool", .kind = OPT_OBJECT, .arg = "POOL",                         \
     .objtype = NTMS_MEDIA_POOL, .flags = OPTF_POSITIONAL | (extra_flags), .help = help_text}
#define POLICY_OPTS                                                                                         \
    {.slot = P_MAX, .name = "max-allocates", .kind = OPT_NUMBER, .arg = "N",                               \
     .help = "decommission media after N allocations (0: no limit)"},                                      \
    {.slot = P_DESC, .name = "description", .kind = OPT_TEXT, .arg = "TEXT", .help = "the pool's description"}

static const struct opt createpool_opts[] = {
    {.slot = P_POOL, .sw = "m", .name = "pool", .kind = OPT_TEXT, .arg = "NAME", .flags = OPTF_POSITIONAL,
     .help = "the pool's name; Parent\\Child for a pool inside another"},
    {.slot = P_ACTION, .sw = "a", .name = "action", .kind = OPT_KEYWORD, .arg = "ACTION", .words = create_actions,
     .help = "open or create (default always: open it, or create it when missing)"},
    {.slot = P_TYPE, .sw = "t", .name = "media-type", .kind = OPT_OBJECT, .arg = "TYPE",
     .objtype = NTMS_MEDIA_TYPE, .flags = OPTF_GF, .help = "the media type (none: a pool of pools)"},
    {.slot = P_FROM_FREE, .sw = "d", .name = "from-free", .kind = OPT_FLAG,
     .help = "draw media from the Free pool when the pool runs short"},
    {.slot = P_TO_FREE, .sw = "r", .name = "to-free", .kind = OPT_FLAG,
     .help = "return deallocated media to the Free pool"},
    {.slot = P_PARENTS, .name = "parents", .kind = OPT_FLAG, .help = "create missing parent pools too"},
    POLICY_OPTS,
    OPT_BARE_ENTRY,
    OPT_END,
};

static const struct opt deletepool_opts[] = {POOL_OPT("the pool (name, Parent\\Child path or GUID)", 0), OPT_END};

static const struct opt policy_opts[] = {
    POOL_OPT("the pool", 0),
    {.slot = P_SET_FROM, .name = "from-free", .kind = OPT_KEYWORD, .arg = "yes|no", .words = kw_yes_no,
     .help = "draw media from the Free pool when short"},
    {.slot = P_SET_TO, .name = "to-free", .kind = OPT_KEYWORD, .arg = "yes|no", .words = kw_yes_no,
     .help = "return deallocated media to the Free pool"},
    {.slot = P_TYPE, .name = "media-type", .kind = OPT_OBJECT, .arg = "TYPE", .objtype = NTMS_MEDIA_TYPE,
     .help = "change the media type (an empty pool only)"},
    POLICY_OPTS,
    OPT_END,
};

static const struct opt list_opts[] = {
    {.slot = P_ALL, .name = "all", .kind = OPT_FLAG, .help = "also the empty per-type system pools"},
    OPT_BARE_ENTRY,
    OPT_GUIDS_ENTRY,
    OPT_END,
};

static const struct opt rename_opts[] = {
    {.slot = P_KIND, .sw = "t", .name = "type", .kind = OPT_KEYWORD, .arg = "TYPE", .words = kw_object_types,
     .flags = OPTF_POSITIONAL, .help = "the kind of object"},
    {.slot = P_OBJECT, .sw = "", .name = "object", .kind = OPT_OBJECT, .arg = "OBJECT",
     .flags = OPTF_GF | OPTF_POSITIONAL, .help = "the object: /g<GUID> or /f<current name>"},
    {.slot = P_NEWNAME, .sw = "n", .name = "name", .kind = OPT_TEXT, .arg = "NAME", .flags = OPTF_POSITIONAL,
     .help = "its new name"},
    {.slot = P_DESC, .sw = "d", .name = "description", .kind = OPT_TEXT, .arg = "TEXT", .help = "its new description"},
    OPT_END,
};

const struct verb pool_verbs[] = {
    {NULL, "createpool", "create or open an application media pool", createpool_opts, cmd_createpool, 0,
     "Prints the pool's GUID. Nested pools are named Parent\\Child; each level is created on its own\n"
     "unless --parents is given."},
    {NULL, "deletepool", "delete an empty application media pool", deletepool_opts, cmd_deletepool, 0, NULL},
    {NULL, "rename", "change an object's name or description", rename_opts, cmd_rename, 0,
     "Libraries, media, sides, logical media and pools can be renamed; every object takes a description.\n"
     "Example: rsm rename /tpool /f\"Old\" /n\"New\", or rsm rename pool Old New."},
    {"pool", "create", "create or open a pool (same as createpool)", createpool_opts, cmd_createpool, 0, NULL},
    {"pool", "delete", "delete an empty pool (same as deletepool)", deletepool_opts, cmd_deletepool, 0, NULL},
    {"pool", "policy", "set a pool's allocation and deallocation policies", policy_opts, cmd_policy, 0,
     "Without options, prints the current policies."},
    {"pool", "list", "the pools as a tree (same as rsm view pools)", list_opts, cmd_list, 0, NULL},
    VERB_END,
};
