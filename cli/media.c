/*
 * media.c - media for applications: rsm.exe's allocate, deallocate and
 * freemedia, and `rsm media create|decommission|complete|delete|enable|
 * disable|move|list`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"
#include "objects.h"
#include "out.h"
#include "progress.h"
#include "resolve.h"
#include "verbs.h"
#include "view.h"

enum {
    M_POOL, M_OPTIONS, M_LOGICAL, M_SIDE, M_LNAME, M_LDESC, M_PNAME, M_PDESC, M_TIMEOUT,
    M_MEDIA, M_SLOT, M_DRIVE, M_LIBRARY, M_NAME, M_BARCODE, M_DESC, M_STATE, M_TO
};

/* The physical medium a side is on. */
static int side_medium(HANDLE s, const NTMS_OBJECTINFORMATIONA *side, NTMS_OBJECTINFORMATIONA *media)
{
    DWORD rc = cli_get_info(s, &side->Info.Partition.PhysicalMedia, NTMS_PHYSICAL_MEDIA, media);
    return rc == ERROR_SUCCESS ? 0 : cli_fail(rc, "side %s: cannot read its medium", side->szName);
}

/* The side an allocation produced: the result itself when it is a side
 * (NTMS_ALLOCATE_NEXT), else the highest-numbered side of the logical
 * medium. */
static DWORD allocated_side(HANDLE s, const NTMS_GUID *result, NTMS_OBJECTINFORMATIONA *side)
{
    if (cli_get_info(s, result, NTMS_PARTITION, side) == ERROR_SUCCESS)
        return ERROR_SUCCESS;
    NTMS_GUID *ids = NULL;
    DWORD n = 0, rc = cli_enumerate(s, result, NTMS_PARTITION, &ids, &n);
    bool found = false;
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (cli_get_info(s, &ids[i], NTMS_PARTITION, &o) == ERROR_SUCCESS &&
            (!found || o.Info.Partition.Side > side->Info.Partition.Side)) {
            *side = o;
            found = true;
        }
    }
    free(ids);
    return rc != ERROR_SUCCESS ? rc : found ? ERROR_SUCCESS : ERROR_OBJECT_NOT_FOUND;
}

static int report_allocation(HANDLE s, const NTMS_GUID *pool, const NTMS_GUID *lmid, const NTMS_ALLOCATION_INFORMATION *info)
{
    NTMS_OBJECTINFORMATIONA side, media;
    char g[5][37], poolname[NTMS_OBJECTNAME_LENGTH], text[256];
    DWORD rc = allocated_side(s, lmid, &side);
    if (rc != ERROR_SUCCESS)
        return cli_fail(rc, "allocated %s, but cannot read its side", cli_guid(lmid, g[0]));
    if (side_medium(s, &side, &media) != 0)
        return EXIT_API;
    NTMS_GUID logical = cli_guid_null(&side.Info.Partition.LogicalMedia) ? *lmid : side.Info.Partition.LogicalMedia;
    cli_name_of(s, pool, NTMS_MEDIA_POOL, poolname, sizeof poolname);
    snprintf(text, sizeof text, "allocated side %s of %s from pool %s: logical media %s", side.szName, media.szName,
             poolname, cli_guid(&logical, g[0]));
    struct field f[] = {
        {"logical_media", g[0], COL_GUID},
        {"side", cli_guid(&side.ObjectGuid, g[1]), COL_GUID},
        {"side_name", side.szName, COL_TEXT},
        {"media", cli_guid(&media.ObjectGuid, g[2]), COL_GUID},
        {"media_name", media.szName, COL_TEXT},
        {"bar_code", media.Info.PhysicalMedia.szBarCode, COL_TEXT},
        {"pool", cli_guid(pool, g[3]), COL_GUID},
        {"allocated_from", cli_guid_or_empty(&info->AllocatedFrom, g[4]), COL_GUID},
    };
    return out_result(text, f, 8);
}

static int cmd_allocate(HANDLE s, struct args *a)
{
    NTMS_GUID pool, lmid = {0}, sidebuf, *side = NULL;
    NTMS_OBJECTINFORMATIONA rec;
    DWORD options = a->v[M_OPTIONS].num;
    if (!arg_given(a, M_POOL))
        return cli_usage("name the application pool: /m<pool> (--pool)");
    if (args_count(a, M_LOGICAL, M_SIDE, -1) > 1)
        return cli_usage("name the medium one way: /l... or /p...");
    if ((options & NTMS_ALLOCATE_NEXT) && !arg_given(a, M_LOGICAL))
        return cli_usage("/onext (--next) needs the logical medium whose next side to take: /lg or /lf");
    int rc = resolve(s, NTMS_MEDIA_POOL, &a->v[M_POOL], NULL, &pool);
    if (rc == 0 && arg_given(a, M_LOGICAL)) {
        rc = resolve_side(s, &a->v[M_LOGICAL], NTMS_LOGICAL_MEDIA, &rec);
        if (rc == 0)
            rc = side_logical(&rec, &lmid);
    }
    if (rc == 0 && arg_given(a, M_SIDE)) {
        rc = resolve_side(s, &a->v[M_SIDE], NTMS_PARTITION, &rec);
        sidebuf = rec.ObjectGuid;
        side = &sidebuf;
    }
    if (rc != 0)
        return rc;
    DWORD timeout = arg_given(a, M_TIMEOUT) ? a->v[M_TIMEOUT].num : 0;
    NTMS_ALLOCATION_INFORMATION info = {.dwSize = sizeof info};
    if (timeout != 0)
        progress_start("waiting for media (rsm opreq list shows the request)", NULL, NULL);
    DWORD err = AllocateNtmsMedia(s, &pool, side, &lmid, options, timeout, &info);
    progress_stop();
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot allocate from pool '%s'", a->v[M_POOL].text);
    rc = cli_set_names(s, &lmid, NTMS_LOGICAL_MEDIA, a->v[M_LNAME].text, a->v[M_LDESC].text);
    if (rc == 0 && args_count(a, M_PNAME, M_PDESC, -1) > 0) {
        DWORD e = allocated_side(s, &lmid, &rec);
        rc = e ? cli_fail(e, "cannot find the allocated side")
               : cli_set_names(s, &rec.ObjectGuid, NTMS_PARTITION, a->v[M_PNAME].text, a->v[M_PDESC].text);
    }
    return rc ? rc : report_allocation(s, &pool, &lmid, &info);
}

/* The side named by /l, /p, or (freemedia) the medium in a slot or drive. */
static int named_side(HANDLE s, struct args *a, NTMS_OBJECTINFORMATIONA *side, bool places)
{
    int n = args_count(a, M_LOGICAL, M_SIDE, -1) + (places ? args_count(a, M_SLOT, M_DRIVE, -1) : 0);
    if (n != 1)
        return cli_usage(places ? "name the medium one way: /l..., /p..., /s... or /d..."
                                : "name the medium one way: /lg|/lf (logical media) or /pg|/pf (side)");
    if (arg_given(a, M_LOGICAL))
        return resolve_side(s, &a->v[M_LOGICAL], NTMS_LOGICAL_MEDIA, side);
    if (arg_given(a, M_SIDE))
        return resolve_side(s, &a->v[M_SIDE], NTMS_PARTITION, side);
    NTMS_GUID lib, *libp, where;
    NTMS_OBJECTINFORMATIONA media;
    int slot = arg_given(a, M_SLOT) ? M_SLOT : M_DRIVE;
    DWORD type = slot == M_SLOT ? NTMS_STORAGESLOT : NTMS_DRIVE;
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[M_LIBRARY], NULL, &lib, &libp);
    if (rc == 0)
        rc = resolve(s, type, &a->v[slot], libp, &where);
    if (rc == 0)
        rc = resolve_media_at(s, &where, type, &media);
    if (rc != 0)
        return rc;
    struct optval byguid = {.given = true, .by = REF_GUID, .guid = media.ObjectGuid, .text = media.szName};
    snprintf(byguid.spelled, sizeof byguid.spelled, "%s", a->v[slot].spelled);
    return resolve_side(s, &byguid, NTMS_PARTITION, side);
}

static int cmd_deallocate(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA side;
    NTMS_GUID lmid;
    char g[37];
    int rc = named_side(s, a, &side, false);
    if (rc == 0)
        rc = side_logical(&side, &lmid);
    if (rc != 0)
        return rc;
    DWORD err = DeallocateNtmsMedia(s, &lmid, 0);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot deallocate %s", side.szName);
    struct field f[] = {{"logical_media", cli_guid(&lmid, g), COL_GUID}, {"side_name", side.szName, COL_TEXT}};
    return out_result("deallocated", f, 2);
}

/* The Free pool of a media type. */
static DWORD free_pool_for(HANDLE s, const NTMS_GUID *media_type, NTMS_GUID *out)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0, rc = cli_enumerate_pools(s, &ids, &n);
    bool found = false;
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS && !found; i++) {
        NTMS_OBJECTINFORMATIONA p;
        found = cli_get_info(s, &ids[i], NTMS_MEDIA_POOL, &p) == ERROR_SUCCESS &&
                p.Info.MediaPool.PoolType == NTMS_POOLTYPE_SCRATCH &&
                cli_guid_eq(&p.Info.MediaPool.MediaType, media_type);
        if (found)
            *out = ids[i];
    }
    free(ids);
    return rc != ERROR_SUCCESS ? rc : found ? ERROR_SUCCESS : ERROR_OBJECT_NOT_FOUND;
}

static int cmd_freemedia(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA side, media;
    NTMS_GUID free_pool, lmid;
    char g[2][37], text[160];
    int rc = named_side(s, a, &side, true);
    if (rc == 0)
        rc = side_medium(s, &side, &media);
    if (rc != 0)
        return rc;
    /* an allocated side is given back first: Free takes no held media */
    if (!cli_guid_null(&side.Info.Partition.LogicalMedia)) {
        lmid = side.Info.Partition.LogicalMedia;
        DWORD err = DeallocateNtmsMedia(s, &lmid, 0);
        if (err != ERROR_SUCCESS)
            return cli_fail(err, "cannot deallocate %s", side.szName);
        if (cli_get_info(s, &media.ObjectGuid, NTMS_PHYSICAL_MEDIA, &media) != ERROR_SUCCESS)
            return cli_fail(ERROR_OBJECT_NOT_FOUND, "medium %s is gone", media.szName);
    }
    DWORD err = free_pool_for(s, &media.Info.PhysicalMedia.MediaType, &free_pool);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "no Free pool for the media type of %s", media.szName);
    if (!cli_guid_eq(&media.Info.PhysicalMedia.MediaPool, &free_pool)) {
        err = MoveToNtmsMediaPool(s, &media.ObjectGuid, &free_pool);
        if (err != ERROR_SUCCESS)
            return cli_fail(err, "cannot move %s to the Free pool", media.szName);
    }
    snprintf(text, sizeof text, "%s is free media now", media.szName);
    struct field f[] = {{"media", cli_guid(&media.ObjectGuid, g[0]), COL_GUID},
                        {"media_name", media.szName, COL_TEXT},
                        {"pool", cli_guid(&free_pool, g[1]), COL_GUID}};
    return out_result(text, f, 3);
}

/* ------------------------------------------------------------------------ */
/* rsm media ... */

static int need_medium(HANDLE s, struct args *a, NTMS_OBJECTINFORMATIONA *media)
{
    if (!arg_given(a, M_MEDIA))
        return cli_usage("name the medium (name, bar code or GUID)");
    NTMS_GUID id;
    int rc = resolve(s, NTMS_PHYSICAL_MEDIA, &a->v[M_MEDIA], NULL, &id);
    DWORD err = rc ? 0 : cli_get_info(s, &id, NTMS_PHYSICAL_MEDIA, media);
    return rc ? rc : err ? cli_fail(err, "cannot read medium %s", a->v[M_MEDIA].text) : 0;
}

static int done(const NTMS_OBJECTINFORMATIONA *o, const char *what, const char *key)
{
    char g[37], text[160];
    snprintf(text, sizeof text, "%s %s", o->szName, what);
    struct field f[] = {{key, cli_guid(&o->ObjectGuid, g), COL_GUID}, {"name", o->szName, COL_TEXT}};
    return out_result(text, f, 2);
}

static int cmd_decommission(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA side;
    if (!arg_given(a, M_MEDIA))
        return cli_usage("name the side or medium");
    int rc = resolve_side(s, &a->v[M_MEDIA], NTMS_PARTITION, &side);
    if (rc != 0)
        return rc;
    DWORD err = DecommissionNtmsMedia(s, &side.ObjectGuid);
    return err ? cli_fail(err, "cannot decommission %s", side.szName) : done(&side, "decommissioned", "side");
}

static int cmd_complete(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA side;
    NTMS_GUID lmid;
    if (!arg_given(a, M_MEDIA))
        return cli_usage("name the logical medium or side");
    int rc = resolve_side(s, &a->v[M_MEDIA], NTMS_LOGICAL_MEDIA, &side);
    if (rc == 0)
        rc = side_logical(&side, &lmid);
    if (rc != 0)
        return rc;
    DWORD err = SetNtmsMediaComplete(s, &lmid);
    return err ? cli_fail(err, "cannot mark %s complete", side.szName) : done(&side, "is complete", "side");
}

/* delete, enable, disable: one call on one physical medium */
static int media_call(struct args *a, HANDLE s, object_call_fn call, const char *done_text)
{
    const struct object_call c = {NTMS_PHYSICAL_MEDIA, call, done_text};
    return object_run(s, &a->v[M_MEDIA], NULL, &c);
}

static int cmd_delete(HANDLE s, struct args *a) { return media_call(a, s, object_delete, "deleted"); }
static int cmd_enable(HANDLE s, struct args *a) { return media_call(a, s, object_enable, "enabled"); }
static int cmd_disable(HANDLE s, struct args *a) { return media_call(a, s, object_disable, "disabled"); }

static int cmd_move(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA m;
    NTMS_GUID pool;
    if (!arg_given(a, M_TO))
        return cli_usage("name the pool to move to: --to POOL");
    int rc = need_medium(s, a, &m);
    if (rc == 0)
        rc = resolve(s, NTMS_MEDIA_POOL, &a->v[M_TO], NULL, &pool);
    if (rc != 0)
        return rc;
    DWORD err = MoveToNtmsMediaPool(s, &m.ObjectGuid, &pool);
    return err ? cli_fail(err, "cannot move %s to pool '%s'", m.szName, a->v[M_TO].text)
               : done(&m, "moved", "media");
}

static int cmd_create(HANDLE s, struct args *a)
{
    NTMS_OBJECTINFORMATIONA pool, type, media = {.dwSize = sizeof media, .dwType = NTMS_PHYSICAL_MEDIA};
    NTMS_GUID poolid;
    if (!arg_given(a, M_POOL))
        return cli_usage("name the pool the medium is recorded in: --pool (an Import or application pool)");
    int rc = resolve(s, NTMS_MEDIA_POOL, &a->v[M_POOL], NULL, &poolid);
    DWORD err = rc ? 0 : cli_get_info(s, &poolid, NTMS_MEDIA_POOL, &pool);
    if (err == ERROR_SUCCESS && rc == 0)
        err = cli_get_info(s, &pool.Info.MediaPool.MediaType, NTMS_MEDIA_TYPE, &type);
    if (rc != 0)
        return rc;
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "pool '%s' has no usable media type", a->v[M_POOL].text);
    DWORD nsides = type.Info.MediaType.NumberOfSides ? type.Info.MediaType.NumberOfSides : 1;
    DWORD state = arg_given(a, M_STATE) ? a->v[M_STATE].num
                  : pool.Info.MediaPool.PoolType == NTMS_POOLTYPE_IMPORT ? NTMS_PARTSTATE_IMPORT
                                                                          : NTMS_PARTSTATE_AVAILABLE;
    NTMS_OBJECTINFORMATIONA *sides = calloc(nsides, sizeof *sides);
    if (sides == NULL)
        return cli_fail(ERROR_NOT_ENOUGH_MEMORY, "cannot create the medium");
    for (DWORD i = 0; i < nsides; i++) {
        sides[i].dwSize = sizeof sides[i];
        sides[i].dwType = NTMS_PARTITION;
        sides[i].Enabled = TRUE;
        sides[i].Info.Partition.State = state;
    }
    media.Enabled = TRUE;
    media.Info.PhysicalMedia.MediaPool = poolid;
    media.Info.PhysicalMedia.dwNumberOfPartitions = nsides;
    media.Info.PhysicalMedia.LocationType = NTMS_STORAGESLOT;
    snprintf(media.szName, sizeof media.szName, "%s", a->v[M_NAME].given ? a->v[M_NAME].text : "");
    snprintf(media.szDescription, sizeof media.szDescription, "%s", a->v[M_DESC].given ? a->v[M_DESC].text : "");
    snprintf(media.Info.PhysicalMedia.szBarCode, sizeof media.Info.PhysicalMedia.szBarCode, "%s",
             a->v[M_BARCODE].given ? a->v[M_BARCODE].text : "");
    err = CreateNtmsMediaA(s, &media, sides, 0);
    free(sides);
    return err ? cli_fail(err, "cannot create the medium") : done(&media, "recorded (offline)", "media");
}

static int cmd_list(HANDLE s, struct args *a)
{
    NTMS_GUID lib, pool, *libp, *poolp;
    int rc = resolve_opt(s, NTMS_LIBRARY, &a->v[M_LIBRARY], NULL, &lib, &libp);
    if (rc == 0)
        rc = resolve_opt(s, NTMS_MEDIA_POOL, &a->v[M_POOL], NULL, &pool, &poolp);
    return rc ? rc : view_media(s, poolp ? poolp : libp);
}

/* ------------------------------------------------------------------------ */
/* Tables */

static const struct keyword allocate_options[] = {
    {"errunavail", NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE},
    {"new", NTMS_ALLOCATE_NEW},
    {"next", NTMS_ALLOCATE_NEXT},
    {NULL, 0},
};

#define LOGICAL_OPT(help_text)                                                                              \
    {.slot = M_LOGICAL, .sw = "l", .name = "logical-media", .kind = OPT_OBJECT, .arg = "MEDIA",            \
     .objtype = NTMS_LOGICAL_MEDIA, .flags = OPTF_GF, .help = help_text}
#define SIDE_OPT(help_text)                                                                                 \
    {.slot = M_SIDE, .sw = "p", .name = "partition", .kind = OPT_OBJECT, .arg = "SIDE",                    \
     .objtype = NTMS_PARTITION, .flags = OPTF_GF, .help = help_text}
#define MEDIA_OPT(help_text)                                                                                \
    {.slot = M_MEDIA, .sw = "p", .name = "media", .kind = OPT_OBJECT, .arg = "MEDIA",                      \
     .objtype = NTMS_PHYSICAL_MEDIA, .flags = OPTF_GF | OPTF_POSITIONAL, .help = help_text}
#define POOL_OPT(help_text)                                                                                 \
    {.slot = M_POOL, .sw = "m", .name = "pool", .kind = OPT_OBJECT, .arg = "POOL",                         \
     .objtype = NTMS_MEDIA_POOL, .help = help_text}
#define LIBRARY_OPT(help_text)                                                                              \
    {.slot = M_LIBRARY, .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY", .objtype = NTMS_LIBRARY,  \
     .help = help_text}

static const struct opt allocate_opts[] = {
    POOL_OPT("the application pool to take media from"),
    {.slot = M_OPTIONS, .sw = "o", .name = "option", .kind = OPT_KEYWORD, .arg = "OPTION",
     .words = allocate_options, .flags = OPTF_MULTI, .help = "allocation options, may repeat"},
    {.slot = M_OPTIONS, .name = "error-if-unavailable", .kind = OPT_SETS, .bits = NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE,
     .help = "fail instead of asking the operator for media (/oerrunavail)"},
    {.slot = M_OPTIONS, .name = "new", .kind = OPT_SETS, .bits = NTMS_ALLOCATE_NEW,
     .help = "a side no other application may share (/onew)"},
    {.slot = M_OPTIONS, .name = "next", .kind = OPT_SETS, .bits = NTMS_ALLOCATE_NEXT,
     .help = "the next side of a medium allocated with --new (/onext)"},
    LOGICAL_OPT("with --next: the logical medium whose next side to take"),
    SIDE_OPT("allocate this side (Available or Import)"),
    {.slot = M_LNAME, .sw = "ln", .name = "name", .kind = OPT_TEXT, .arg = "NAME",
     .help = "name of the new logical medium"},
    {.slot = M_LDESC, .sw = "ld", .name = "description", .kind = OPT_TEXT, .arg = "TEXT",
     .help = "description of the new logical medium"},
    {.slot = M_PNAME, .sw = "pn", .name = "partition-name", .kind = OPT_TEXT, .arg = "NAME",
     .help = "new name of the side"},
    {.slot = M_PDESC, .sw = "pd", .name = "partition-description", .kind = OPT_TEXT, .arg = "TEXT",
     .help = "new description of the side"},
    {.slot = M_TIMEOUT, .sw = "t", .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS",
     .help = "how long to wait for media (default 0: do not wait)"},
    OPT_BARE_ENTRY,
    OPT_END,
};

static const struct opt deallocate_opts[] = {
    LOGICAL_OPT("the logical medium to give back"),
    SIDE_OPT("the side to give back"),
    OPT_END,
};

static const struct opt freemedia_opts[] = {
    LOGICAL_OPT("the logical medium"),
    SIDE_OPT("the side"),
    {.slot = M_SLOT, .sw = "s", .name = "slot", .kind = OPT_OBJECT, .arg = "SLOT", .objtype = NTMS_STORAGESLOT,
     .flags = OPTF_GF, .help = "the medium in this slot"},
    {.slot = M_DRIVE, .sw = "d", .name = "drive", .kind = OPT_OBJECT, .arg = "DRIVE", .objtype = NTMS_DRIVE,
     .flags = OPTF_GF, .help = "the medium in this drive"},
    LIBRARY_OPT("the library of the slot or drive, when names repeat"),
    OPT_END,
};

static const struct opt one_side_opts[] = {MEDIA_OPT("the side, logical medium or medium"), OPT_END};
static const struct opt one_media_opts[] = {MEDIA_OPT("the medium (name, bar code or GUID)"), OPT_END};
static const struct opt move_opts[] = {
    MEDIA_OPT("the medium (name, bar code or GUID)"),
    {.slot = M_TO, .sw = "m", .name = "to", .kind = OPT_OBJECT, .arg = "POOL", .objtype = NTMS_MEDIA_POOL,
     .flags = OPTF_POSITIONAL, .help = "the pool to move it to"},
    OPT_END,
};
static const struct opt create_opts[] = {
    POOL_OPT("an Import or application pool (its media type is the medium's)"),
    {.slot = M_NAME, .sw = "n", .name = "name", .kind = OPT_TEXT, .arg = "NAME", .flags = OPTF_POSITIONAL,
     .help = "name (default: the bar code, else the sequence number)"},
    {.slot = M_BARCODE, .sw = "c", .name = "barcode", .kind = OPT_TEXT, .arg = "CODE", .help = "its bar code"},
    {.slot = M_DESC, .sw = "d", .name = "description", .kind = OPT_TEXT, .arg = "TEXT", .help = "description"},
    {.slot = M_STATE, .sw = "s", .name = "state", .kind = OPT_KEYWORD, .arg = "STATE", .words = kw_side_states,
     .help = "state of its sides (default import in an Import pool, else available)"},
    OPT_END,
};
static const struct opt list_opts[] = {
    LIBRARY_OPT("only media in this library"),
    POOL_OPT("only media in this pool"),
    OPT_BARE_ENTRY,
    OPT_GUIDS_ENTRY,
    OPT_END,
};

const struct verb media_verbs[] = {
    {NULL, "allocate", "take a side from an application pool for use", allocate_opts, cmd_allocate, 0,
     "Prints the new logical medium's GUID (alone with /b). Time-outs are milliseconds like the API's;\n"
     "10s, 5m, 1h and infinite are accepted too."},
    {NULL, "deallocate", "give an allocated medium back to its pool", deallocate_opts, cmd_deallocate, 0, NULL},
    {NULL, "freemedia", "return a medium to the Free pool (deallocating it first)", freemedia_opts,
     cmd_freemedia, 0, NULL},
    {"media", "list", "list media (same as rsm view media)", list_opts, cmd_list, 0, NULL},
    {"media", "create", "record an offline medium", create_opts, cmd_create, 0, NULL},
    {"media", "decommission", "retire an Available side for good", one_side_opts, cmd_decommission, 0, NULL},
    {"media", "complete", "mark an allocated medium Complete (no more writing)", one_side_opts, cmd_complete, 0,
     NULL},
    {"media", "delete", "delete an offline medium's record", one_media_opts, cmd_delete, 0, NULL},
    {"media", "enable", "enable a medium", one_media_opts, cmd_enable, 0, NULL},
    {"media", "disable", "disable a medium", one_media_opts, cmd_disable, 0, NULL},
    {"media", "move", "move a medium to another pool", move_opts, cmd_move, 0, NULL},
    {"pool", "move", "move a medium to another pool (same as rsm media move)", move_opts, cmd_move, 0, NULL},
    VERB_END,
};
