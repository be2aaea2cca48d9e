/*
 * view.c - `rsm view`: which table to print, and the tables of devices
 * (libraries, drives with their media, slots with bar codes, changers,
 * doors, ports). The kind is a word (`rsm view slots`) or rsm.exe's
 * /t<type> (`/tstorageslot`); /cg<GUID> narrows it to a container.
 */
#include "view.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "opts.h"
#include "out.h"
#include "requests.h"
#include "resolve.h"
#include "verbs.h"

/* ------------------------------------------------------------------------ */
/* Names read once */

struct cached_name {
    NTMS_GUID id;
    DWORD type;
    char name[NTMS_POOLHIERARCHY_LENGTH];
};

/* Each entry is allocated on its own, so the names handed out stay put
 * when the index grows. */
static struct {
    pthread_mutex_t lock;
    struct cached_name **v;
    size_t n, cap;
} names = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void read_name(HANDLE s, const NTMS_GUID *id, DWORD type, char *buf, size_t len)
{
    NTMS_GUID copy = *id;
    DWORD size = (DWORD)len;
    if (type != NTMS_MEDIA_POOL || GetNtmsMediaPoolNameA(s, &copy, buf, &size) != ERROR_SUCCESS)
        cli_name_of(s, id, type, buf, len);
}

static const char *lookup(const NTMS_GUID *id, DWORD type)
{
    for (size_t i = 0; i < names.n; i++)
        if (names.v[i]->type == type && cli_guid_eq(&names.v[i]->id, id))
            return names.v[i]->name;
    return NULL;
}

static const char *remember(HANDLE s, const NTMS_GUID *id, DWORD type)
{
    if (names.n == names.cap) {
        size_t cap = names.cap ? names.cap * 2 : 32;
        struct cached_name **v = realloc(names.v, cap * sizeof *v);
        if (v == NULL)
            return "";
        names.v = v;
        names.cap = cap;
    }
    struct cached_name *c = malloc(sizeof *c);
    if (c == NULL)
        return "";
    c->id = *id;
    c->type = type;
    read_name(s, id, type, c->name, sizeof c->name);
    names.v[names.n++] = c;
    return c->name;
}

const char *name_cached(HANDLE s, const NTMS_GUID *id, DWORD type)
{
    if (cli_guid_null(id))
        return "";
    pthread_mutex_lock(&names.lock);
    const char *found = lookup(id, type);
    if (found == NULL)
        found = remember(s, id, type);
    pthread_mutex_unlock(&names.lock);
    return found;
}

const char *media_location(HANDLE s, const NTMS_PMIDINFORMATIONA *p, char *buf, size_t len)
{
    if (p->LocationType == NTMS_LIBRARY || cli_guid_null(&p->Location)) {
        snprintf(buf, len, "offline");
        return buf;
    }
    snprintf(buf, len, "%s", name_cached(s, &p->Location, p->LocationType));
    return buf;
}

/* ------------------------------------------------------------------------ */
/* Walking the objects of a kind */

int view_each(HANDLE s, const NTMS_GUID *container, DWORD type, out_t *out, view_row_fn row, void *ctx)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, container, type, &ids, &n);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        DWORD err = cli_get_info(s, &ids[i], type, &o);
        if (err == ERROR_OBJECT_NOT_FOUND)
            continue; /* deleted since the enumeration */
        rc = err;
        if (rc == ERROR_SUCCESS)
            row(s, out, &o, ctx);
    }
    free(ids);
    if (rc != ERROR_SUCCESS) {
        out_discard(out);
        return cli_fail(rc, "cannot list %s objects", kw_name(kw_object_types, type));
    }
    return out_end(out);
}

/* Media by where they are: one pass over a library's media answers "what
 * is in this slot/drive/port" for the whole table. */
struct placements {
    NTMS_OBJECTINFORMATIONA *v;
    DWORD n;
};

static void load_placements(HANDLE s, const NTMS_GUID *library, struct placements *p)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    p->v = NULL;
    p->n = 0;
    if (cli_enumerate(s, library, NTMS_PHYSICAL_MEDIA, &ids, &n) != ERROR_SUCCESS || n == 0) {
        free(ids);
        return;
    }
    p->v = calloc(n, sizeof *p->v);
    for (DWORD i = 0; i < n && p->v != NULL; i++)
        if (cli_get_info(s, &ids[i], NTMS_PHYSICAL_MEDIA, &p->v[p->n]) == ERROR_SUCCESS)
            p->n++;
    free(ids);
}

static const NTMS_OBJECTINFORMATIONA *media_in(const struct placements *p, const NTMS_GUID *element)
{
    for (DWORD i = 0; i < p->n; i++)
        if (cli_guid_eq(&p->v[i].Info.PhysicalMedia.Location, element))
            return &p->v[i];
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Libraries */

static const struct column library_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"TYPE", "type", COL_TEXT, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"ENABLED", "enabled", COL_BOOL, 0},
    {"DRIVES", "drives", COL_NUM, 0},
    {"SLOTS", "slots", COL_NUM, 0},
    {"PORTS", "ports", COL_NUM, 0},
    {"MEDIA", "media", COL_NUM, 0},
    {"REQUESTS", "requests", COL_NUM, 0},
    {"INVENTORY", "inventory", COL_TEXT, 0},
    {"BARCODES", "bar_code_reader", COL_BOOL, 0},
    {"", "doors", COL_NUM, COL_JSON},
    {"", "changers", COL_NUM, COL_JSON},
    {"", "description", COL_TEXT, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_ID},
};

static void library_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)s;
    (void)ctx;
    const NTMS_LIBRARYINFORMATION *l = &o->Info.Library;
    char n[7][24], g[37];
    const char *row[] = {
        o->szName,
        kw_name(kw_library_types, l->LibraryType),
        kw_name(kw_operational_states, o->dwOperationalState),
        o->Enabled ? "yes" : "no",
        cli_num(l->dwNumberOfDrives, n[0]),
        cli_num(l->dwNumberOfSlots, n[1]),
        cli_num(l->dwNumberOfPorts, n[2]),
        cli_num(l->dwNumberOfMedia, n[3]),
        cli_num(l->dwNumberOfLibRequests, n[4]),
        kw_name(kw_inventory_methods, l->InventoryMethod),
        l->BarCodeReaderInstalled ? "yes" : "no",
        cli_num(l->dwNumberOfDoors, n[5]),
        cli_num(l->dwNumberOfChangers, n[6]),
        o->szDescription,
        cli_guid(&o->ObjectGuid, g),
    };
    out_row(out, row);
}

int view_libraries(HANDLE s, const NTMS_GUID *container)
{
    (void)container;
    return view_each(s, NULL, NTMS_LIBRARY, out_begin(library_cols, NCOLS(library_cols)), library_row, NULL);
}

/* ------------------------------------------------------------------------ */
/* Drives, with the medium each holds */

static const struct column drive_cols[] = {
    {"LIBRARY", "library", COL_TEXT, 0},
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"NUMBER", "number", COL_NUM, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"MEDIA", "media", COL_TEXT, 0},
    {"ENABLED", "enabled", COL_BOOL, 0},
    {"READY", "operational_state", COL_TEXT, 0},
    {"DEVICE", "device", COL_TEXT, 0},
    {"SERIAL", "serial", COL_TEXT, 0},
    {"MOUNTS", "mount_count", COL_NUM, 0},
    {"", "type", COL_TEXT, COL_JSON},
    {"", "defer_dismount_seconds", COL_NUM, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
    {"", "media_guid", COL_GUID, COL_JSON},
};

static void drive_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    const NTMS_DRIVEINFORMATIONA *d = &o->Info.Drive;
    const NTMS_OBJECTINFORMATIONA *m = media_in(ctx, &o->ObjectGuid);
    char n[3][24], g[3][37];
    const char *row[] = {
        name_cached(s, &d->Library, NTMS_LIBRARY),
        o->szName,
        cli_num(d->Number, n[0]),
        kw_name(kw_drive_states, d->State),
        m ? m->szName : "",
        o->Enabled ? "yes" : "no",
        kw_name(kw_operational_states, o->dwOperationalState),
        d->szDeviceName,
        d->szSerialNumber,
        cli_num(d->dwMountCount, n[1]),
        name_cached(s, &d->DriveType, NTMS_DRIVE_TYPE),
        cli_num(d->dwDeferDismountDelay, n[2]),
        cli_guid(&o->ObjectGuid, g[0]),
        cli_guid_or_empty(&d->Library, g[1]),
        m ? cli_guid(&m->ObjectGuid, g[2]) : "",
    };
    out_row(out, row);
}

/* Element tables (drives, slots, ports) share the placement pass. */
static int element_table(HANDLE s, const NTMS_GUID *library, DWORD type, const struct column *cols, int ncols,
                         view_row_fn row)
{
    struct placements p;
    load_placements(s, library, &p);
    int rc = view_each(s, library, type, out_begin(cols, ncols), row, &p);
    free(p.v);
    return rc;
}

int view_drives(HANDLE s, const NTMS_GUID *library)
{
    return element_table(s, library, NTMS_DRIVE, drive_cols, NCOLS(drive_cols), drive_row);
}

/* ------------------------------------------------------------------------ */
/* Slots with bar codes */

static const struct column slot_cols[] = {
    {"LIBRARY", "library", COL_TEXT, 0},
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"NUMBER", "number", COL_NUM, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"MEDIA", "media", COL_TEXT, 0},
    {"BARCODE", "bar_code", COL_TEXT, 0},
    {"POOL", "pool", COL_TEXT, 0},
    {"ENABLED", "enabled", COL_BOOL, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
    {"", "media_guid", COL_GUID, COL_JSON},
};

static void slot_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    const NTMS_STORAGESLOTINFORMATION *sl = &o->Info.StorageSlot;
    const NTMS_OBJECTINFORMATIONA *m = media_in(ctx, &o->ObjectGuid);
    char n[24], g[3][37];
    const char *row[] = {
        name_cached(s, &sl->Library, NTMS_LIBRARY),
        o->szName,
        cli_num(sl->Number, n),
        kw_name(kw_slot_states, sl->State),
        m ? m->szName : "",
        m ? m->Info.PhysicalMedia.szBarCode : "",
        m ? name_cached(s, &m->Info.PhysicalMedia.MediaPool, NTMS_MEDIA_POOL) : "",
        o->Enabled ? "yes" : "no",
        cli_guid(&o->ObjectGuid, g[0]),
        cli_guid_or_empty(&sl->Library, g[1]),
        m ? cli_guid(&m->ObjectGuid, g[2]) : "",
    };
    out_row(out, row);
}

int view_slots(HANDLE s, const NTMS_GUID *library)
{
    return element_table(s, library, NTMS_STORAGESLOT, slot_cols, NCOLS(slot_cols), slot_row);
}

/* ------------------------------------------------------------------------ */
/* Ports, doors, changers */

static const struct column port_cols[] = {
    {"LIBRARY", "library", COL_TEXT, 0},
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"NUMBER", "number", COL_NUM, 0},
    {"CONTENT", "content", COL_TEXT, 0},
    {"POSITION", "position", COL_TEXT, 0},
    {"MEDIA", "media", COL_TEXT, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
    {"", "media_guid", COL_GUID, COL_JSON},
};

static void port_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    const NTMS_IEPORTINFORMATION *p = &o->Info.IEPort;
    const NTMS_OBJECTINFORMATIONA *m = media_in(ctx, &o->ObjectGuid);
    char n[24], g[3][37];
    const char *row[] = {
        name_cached(s, &p->Library, NTMS_LIBRARY), o->szName, cli_num(p->Number, n),
        kw_name(kw_port_contents, p->Content), kw_name(kw_port_positions, p->Position), m ? m->szName : "",
        cli_guid(&o->ObjectGuid, g[0]), cli_guid_or_empty(&p->Library, g[1]), m ? cli_guid(&m->ObjectGuid, g[2]) : "",
    };
    out_row(out, row);
}

int view_ports(HANDLE s, const NTMS_GUID *library)
{
    return element_table(s, library, NTMS_IEPORT, port_cols, NCOLS(port_cols), port_row);
}

static const struct column door_cols[] = {
    {"LIBRARY", "library", COL_TEXT, 0},
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"STATE", "state", COL_TEXT, 0},
    {"MAX-OPEN-S", "max_open_seconds", COL_NUM, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
};

static void door_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    const NTMS_IEDOORINFORMATION *d = &o->Info.IEDoor;
    char n[24], g[2][37];
    const char *row[] = {
        name_cached(s, &d->Library, NTMS_LIBRARY), o->szName, kw_name(kw_door_states, d->State),
        cli_num(d->MaxOpenSecs, n), cli_guid(&o->ObjectGuid, g[0]), cli_guid_or_empty(&d->Library, g[1]),
    };
    out_row(out, row);
}

int view_doors(HANDLE s, const NTMS_GUID *library)
{
    return view_each(s, library, NTMS_IEDOOR, out_begin(door_cols, NCOLS(door_cols)), door_row, NULL);
}

static const struct column changer_cols[] = {
    {"LIBRARY", "library", COL_TEXT, 0},
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"NUMBER", "number", COL_NUM, 0},
    {"DEVICE", "device", COL_TEXT, 0},
    {"SERIAL", "serial", COL_TEXT, 0},
    {"ENABLED", "enabled", COL_BOOL, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
};

static void changer_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    const NTMS_CHANGERINFORMATIONA *c = &o->Info.Changer;
    char n[24], g[2][37];
    const char *row[] = {
        name_cached(s, &c->Library, NTMS_LIBRARY), o->szName, cli_num(c->Number, n), c->szDeviceName,
        c->szSerialNumber, o->Enabled ? "yes" : "no", cli_guid(&o->ObjectGuid, g[0]), cli_guid_or_empty(&c->Library, g[1]),
    };
    out_row(out, row);
}

int view_changers(HANDLE s, const NTMS_GUID *library)
{
    return view_each(s, library, NTMS_CHANGER, out_begin(changer_cols, NCOLS(changer_cols)), changer_row, NULL);
}

/* ------------------------------------------------------------------------ */
/* rsm view */

static int view_requests(HANDLE s, const NTMS_GUID *library) { return requests_list(s, library, true); }
static int view_opreqs(HANDLE s, const NTMS_GUID *c) { (void)c; return opreqs_list(s, true); }

enum { K_LIBRARIES, K_DRIVES, K_SLOTS, K_CHANGERS, K_DOORS, K_PORTS, K_POOLS, K_MEDIA, K_SIDES, K_LOGICAL,
       K_MEDIA_TYPES, K_DRIVE_TYPES, K_REQUESTS, K_OPREQS, K_COMPUTER, K_UI };

static const view_fn kind_fns[] = {
    [K_LIBRARIES] = view_libraries, [K_DRIVES] = view_drives, [K_SLOTS] = view_slots,
    [K_CHANGERS] = view_changers, [K_DOORS] = view_doors, [K_PORTS] = view_ports,
    [K_POOLS] = view_pools, [K_MEDIA] = view_media, [K_SIDES] = view_sides,
    [K_LOGICAL] = view_logical_media, [K_MEDIA_TYPES] = view_media_types,
    [K_DRIVE_TYPES] = view_drive_types, [K_REQUESTS] = view_requests, [K_OPREQS] = view_opreqs,
    [K_COMPUTER] = view_computer, [K_UI] = view_ui,
};

/* Plural words first (printed in help); rsm.exe's /t words as aliases. */
static const struct keyword view_kinds[] = {
    {"libraries", K_LIBRARIES}, {"drives", K_DRIVES}, {"slots", K_SLOTS}, {"changers", K_CHANGERS},
    {"doors", K_DOORS}, {"ports", K_PORTS}, {"pools", K_POOLS}, {"media", K_MEDIA}, {"sides", K_SIDES},
    {"logical-media", K_LOGICAL}, {"media-types", K_MEDIA_TYPES}, {"drive-types", K_DRIVE_TYPES},
    {"requests", K_REQUESTS}, {"opreqs", K_OPREQS}, {"computer", K_COMPUTER}, {"ui", K_UI},
    {"library", K_LIBRARIES}, {"drive", K_DRIVES}, {"slot", K_SLOTS}, {"storageslot", K_SLOTS},
    {"changer", K_CHANGERS}, {"door", K_DOORS}, {"iedoor", K_DOORS}, {"port", K_PORTS}, {"ieport", K_PORTS},
    {"pool", K_POOLS}, {"media_pool", K_POOLS}, {"physical_media", K_MEDIA}, {"side", K_SIDES},
    {"partition", K_SIDES}, {"partitions", K_SIDES}, {"logical_media", K_LOGICAL},
    {"media-type", K_MEDIA_TYPES}, {"media_type", K_MEDIA_TYPES}, {"drive-type", K_DRIVE_TYPES},
    {"drive_type", K_DRIVE_TYPES}, {"request", K_REQUESTS}, {"librequest", K_REQUESTS}, {"opreq", K_OPREQS},
    {"operator-requests", K_OPREQS}, {"ui_destination", K_UI}, {NULL, 0},
};

enum { V_KIND, V_CONTAINER, V_LIBRARY, V_POOL, V_ALL };

static int cmd_view(HANDLE s, struct args *a)
{
    DWORD kind = arg_given(a, V_KIND) ? a->v[V_KIND].num : K_LIBRARIES;
    NTMS_GUID where, *container = NULL;
    int rc = 0;
    cli_mode.all = arg_given(a, V_ALL);
    if (args_count(a, V_CONTAINER, V_LIBRARY, V_POOL, -1) > 1)
        return cli_usage("give one container: /cg, --library or --pool");
    if (arg_given(a, V_CONTAINER)) {
        where = a->v[V_CONTAINER].guid;
        container = &where;
    }
    if (rc == 0 && arg_given(a, V_LIBRARY))
        rc = resolve_opt(s, NTMS_LIBRARY, &a->v[V_LIBRARY], NULL, &where, &container);
    if (rc == 0 && arg_given(a, V_POOL))
        rc = resolve_opt(s, NTMS_MEDIA_POOL, &a->v[V_POOL], NULL, &where, &container);
    return rc ? rc : kind_fns[kind](s, container);
}

static const struct opt view_opts[] = {
    {.slot = V_KIND, .sw = "t", .name = "type", .kind = OPT_KEYWORD, .arg = "KIND", .words = view_kinds,
     .flags = OPTF_POSITIONAL, .help = "what to list (default libraries)"},
    {.slot = V_CONTAINER, .sw = "cg", .name = "container", .kind = OPT_GUID, .arg = "GUID",
     .help = "only objects in this container (a library, pool or medium)"},
    {.slot = V_LIBRARY, .name = "library", .kind = OPT_OBJECT, .arg = "LIBRARY", .objtype = NTMS_LIBRARY,
     .help = "only objects in this library"},
    {.slot = V_POOL, .name = "pool", .kind = OPT_OBJECT, .arg = "POOL", .objtype = NTMS_MEDIA_POOL,
     .help = "only objects in this pool"},
    {.slot = V_ALL, .name = "all", .kind = OPT_FLAG, .help = "pools: also the empty per-type system pools"},
    OPT_GUIDS_ENTRY,
    OPT_BARE_ENTRY,
    OPT_END,
};

const struct verb view_verbs[] = {
    {NULL, "view", "list objects as a table", view_opts, cmd_view, 0,
     "Tables show names; --guids (/guiddisplay) adds the GUID column. /b prints one name a line\n"
     "(with /guiddisplay, one 32-digit GUID a line, as rsm.exe did); --json the full records."},
    VERB_END,
};
