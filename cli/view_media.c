/*
 * view_media.c - the tables of pools (as a tree, with counts), media,
 * sides, logical media, media and drive types, and the computer object.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "out.h"
#include "view.h"

/* ------------------------------------------------------------------------ */
/* Pools as a tree */

static const struct column pool_cols[] = {
    {"POOL", "tree", COL_TEXT, COL_TABLE},
    {"", "name", COL_TEXT, COL_JSON | COL_NAME},
    {"", "path", COL_TEXT, COL_JSON},
    {"TYPE", "type", COL_TEXT, 0},
    {"MEDIA-TYPE", "media_type", COL_TEXT, 0},
    {"MEDIA", "media", COL_NUM, 0},
    {"LOGICAL", "logical_media", COL_NUM, 0},
    {"POOLS", "pools", COL_NUM, 0},
    {"FROM-FREE", "allocate_from_free", COL_BOOL, 0},
    {"TO-FREE", "deallocate_to_free", COL_BOOL, 0},
    {"MAX-ALLOC", "max_allocates", COL_NUM, 0},
    {"", "depth", COL_NUM, COL_JSON},
    {"", "description", COL_TEXT, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "parent_guid", COL_GUID, COL_JSON},
};

/* One pool and, below it, its children, indented by depth. The depth bound
 * keeps a damaged hierarchy from recursing forever. */
static DWORD pool_rows(HANDLE s, out_t *out, const NTMS_GUID *id, int depth)
{
    NTMS_OBJECTINFORMATIONA o;
    DWORD rc = cli_get_info(s, id, NTMS_MEDIA_POOL, &o);
    if (rc != ERROR_SUCCESS || depth > 32)
        return rc;
    const NTMS_MEDIAPOOLINFORMATION *p = &o.Info.MediaPool;
    /* the per-type pools RSM keeps under Free, Import and Unrecognized are
     * shown only when they hold something, unless --all */
    if (!cli_mode.all && depth > 0 && p->PoolType != NTMS_POOLTYPE_APPLICATION && p->dwNumberOfPhysicalMedia == 0 &&
        p->dwNumberOfLogicalMedia == 0 && p->dwNumberOfMediaPools == 0)
        return ERROR_SUCCESS;
    char tree[NTMS_OBJECTNAME_LENGTH + 80], n[5][24], g[2][37];
    snprintf(tree, sizeof tree, "%*s%s", depth * 2, "", o.szName);
    const char *row[] = {
        tree,
        o.szName,
        name_cached(s, id, NTMS_MEDIA_POOL),
        kw_name(kw_pool_types, p->PoolType),
        name_cached(s, &p->MediaType, NTMS_MEDIA_TYPE),
        cli_num(p->dwNumberOfPhysicalMedia, n[0]),
        cli_num(p->dwNumberOfLogicalMedia, n[1]),
        cli_num(p->dwNumberOfMediaPools, n[2]),
        p->AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH ? "yes" : "no",
        p->DeallocationPolicy & NTMS_DEALLOCATE_TOSCRATCH ? "yes" : "no",
        cli_num(p->dwMaxAllocates, n[3]),
        cli_num((unsigned long long)depth, n[4]),
        o.szDescription,
        cli_guid(id, g[0]),
        cli_guid_or_empty(&p->Parent, g[1]),
    };
    out_row(out, row);

    NTMS_GUID *kids = NULL;
    DWORD nk = 0;
    rc = cli_enumerate(s, id, NTMS_MEDIA_POOL, &kids, &nk);
    for (DWORD i = 0; i < nk && rc == ERROR_SUCCESS; i++)
        rc = pool_rows(s, out, &kids[i], depth + 1);
    free(kids);
    return rc;
}

int view_pools(HANDLE s, const NTMS_GUID *parent)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, parent, NTMS_MEDIA_POOL, &ids, &n);
    out_t *out = out_begin(pool_cols, NCOLS(pool_cols));
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++)
        rc = pool_rows(s, out, &ids[i], 0);
    free(ids);
    if (rc != ERROR_SUCCESS) {
        out_discard(out);
        return cli_fail(rc, "cannot list pools");
    }
    return out_end(out);
}

/* ------------------------------------------------------------------------ */
/* Media */

static const struct column media_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"BARCODE", "bar_code", COL_TEXT, 0},
    {"TYPE", "media_type", COL_TEXT, 0},
    {"LIBRARY", "library", COL_TEXT, 0},
    {"LOCATION", "location", COL_TEXT, 0},
    {"POOL", "pool", COL_TEXT, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"SIDES", "sides", COL_TEXT, 0},
    {"ENABLED", "enabled", COL_BOOL, 0},
    {"", "sequence", COL_TEXT, COL_JSON},
    {"", "description", COL_TEXT, COL_JSON},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "library_guid", COL_GUID, COL_JSON},
    {"", "location_guid", COL_GUID, COL_JSON},
    {"", "location_type", COL_TEXT, COL_JSON},
    {"", "pool_guid", COL_GUID, COL_JSON},
    {"", "home_slot_guid", COL_GUID, COL_JSON},
};

/* "allocated" or "allocated,available": the states of a medium's sides. */
static void side_states(HANDLE s, const NTMS_GUID *media, char *buf, size_t len)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    size_t used = 0;
    buf[0] = '\0';
    if (cli_enumerate(s, media, NTMS_PARTITION, &ids, &n) != ERROR_SUCCESS)
        return;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA p;
        if (cli_get_info(s, &ids[i], NTMS_PARTITION, &p) == ERROR_SUCCESS)
            cli_append(buf, len, &used, "%s%s", used ? "," : "", kw_name(kw_side_states, p.Info.Partition.State));
    }
    free(ids);
}

static void media_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    const NTMS_PMIDINFORMATIONA *p = &o->Info.PhysicalMedia;
    char where[NTMS_OBJECTNAME_LENGTH], sides[128], g[5][37];
    side_states(s, &o->ObjectGuid, sides, sizeof sides);
    const char *row[] = {
        o->szName,
        p->szBarCode,
        name_cached(s, &p->MediaType, NTMS_MEDIA_TYPE),
        name_cached(s, &p->CurrentLibrary, NTMS_LIBRARY),
        media_location(s, p, where, sizeof where),
        name_cached(s, &p->MediaPool, NTMS_MEDIA_POOL),
        kw_name(kw_media_states, p->MediaState),
        sides,
        o->Enabled ? "yes" : "no",
        p->szSequenceNumber,
        o->szDescription,
        cli_guid(&o->ObjectGuid, g[0]),
        cli_guid_or_empty(&p->CurrentLibrary, g[1]),
        cli_guid_or_empty(&p->Location, g[2]),
        cli_guid_null(&p->Location) ? "" : kw_name(kw_object_types, p->LocationType),
        cli_guid_or_empty(&p->MediaPool, g[3]),
        cli_guid_or_empty(&p->HomeSlot, g[4]),
    };
    out_row(out, row);
}

int view_media(HANDLE s, const NTMS_GUID *container)
{
    return view_each(s, container, NTMS_PHYSICAL_MEDIA, out_begin(media_cols, NCOLS(media_cols)), media_row, NULL);
}

/* ------------------------------------------------------------------------ */
/* Sides and logical media */

static const struct column side_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"MEDIA", "media", COL_TEXT, 0},
    {"SIDE", "side", COL_NUM, 0},
    {"STATE", "state", COL_TEXT, 0},
    {"LABEL", "label_type", COL_TEXT, 0},
    {"LABEL-INFO", "label_info", COL_TEXT, 0},
    {"MOUNTS", "mount_count", COL_NUM, 0},
    {"ALLOCS", "allocate_count", COL_NUM, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "media_guid", COL_GUID, COL_JSON},
    {"LOGICAL-MEDIA", "logical_media_guid", COL_GUID, 0},
};

static void side_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    const NTMS_PARTITIONINFORMATIONA *p = &o->Info.Partition;
    char n[3][24], g[3][37];
    const char *row[] = {
        o->szName, name_cached(s, &p->PhysicalMedia, NTMS_PHYSICAL_MEDIA), cli_num(p->Side, n[0]),
        kw_name(kw_side_states, p->State), p->szOmidLabelType, p->szOmidLabelInfo, cli_num(p->dwMountCount, n[1]),
        cli_num(p->dwAllocateCount, n[2]), cli_guid(&o->ObjectGuid, g[0]), cli_guid_or_empty(&p->PhysicalMedia, g[1]),
        cli_guid_or_empty(&p->LogicalMedia, g[2]),
    };
    out_row(out, row);
}

int view_sides(HANDLE s, const NTMS_GUID *container)
{
    return view_each(s, container, NTMS_PARTITION, out_begin(side_cols, NCOLS(side_cols)), side_row, NULL);
}

static const struct column logical_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"POOL", "pool", COL_TEXT, 0},
    {"SIDES", "sides", COL_NUM, 0},
    {"DESCRIPTION", "description", COL_TEXT, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
    {"", "pool_guid", COL_GUID, COL_JSON},
};

static void logical_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    const NTMS_LMIDINFORMATION *l = &o->Info.LogicalMedia;
    char n[24], g[2][37];
    const char *row[] = {
        o->szName, name_cached(s, &l->MediaPool, NTMS_MEDIA_POOL), cli_num(l->dwNumberOfPartitions, n),
        o->szDescription, cli_guid(&o->ObjectGuid, g[0]), cli_guid_or_empty(&l->MediaPool, g[1]),
    };
    out_row(out, row);
}

int view_logical_media(HANDLE s, const NTMS_GUID *container)
{
    return view_each(s, container, NTMS_LOGICAL_MEDIA, out_begin(logical_cols, NCOLS(logical_cols)), logical_row, NULL);
}

/* ------------------------------------------------------------------------ */
/* Types and the computer */

static const struct column media_type_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"CODE", "code", COL_TEXT, 0},
    {"SIDES", "sides", COL_NUM, 0},
    {"READ/WRITE", "read_write", COL_TEXT, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
};

static void media_type_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    (void)s;
    const NTMS_MEDIATYPEINFORMATION *m = &o->Info.MediaType;
    char code[16], n[24], g[37];
    snprintf(code, sizeof code, "0x%02x", (unsigned)m->MediaType);
    const char *row[] = {o->szName, code, cli_num(m->NumberOfSides, n), kw_name(kw_rw_kinds, m->ReadWriteCharacteristics),
                         cli_guid(&o->ObjectGuid, g)};
    out_row(out, row);
}

int view_media_types(HANDLE s, const NTMS_GUID *library)
{
    return view_each(s, library, NTMS_MEDIA_TYPE, out_begin(media_type_cols, NCOLS(media_type_cols)), media_type_row, NULL);
}

static const struct column drive_type_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"VENDOR", "vendor", COL_TEXT, 0},
    {"PRODUCT", "product", COL_TEXT, 0},
    {"HEADS", "heads", COL_NUM, 0},
    {"DEVICE-TYPE", "device_type", COL_NUM, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
};

static void drive_type_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    (void)s;
    const NTMS_DRIVETYPEINFORMATIONA *d = &o->Info.DriveType;
    char n[2][24], g[37];
    const char *row[] = {o->szName, d->szVendor, d->szProduct, cli_num(d->NumberOfHeads, n[0]),
                         cli_num(d->DeviceType, n[1]), cli_guid(&o->ObjectGuid, g)};
    out_row(out, row);
}

int view_drive_types(HANDLE s, const NTMS_GUID *container)
{
    (void)container;
    return view_each(s, NULL, NTMS_DRIVE_TYPE, out_begin(drive_type_cols, NCOLS(drive_type_cols)), drive_type_row, NULL);
}

static const struct column computer_cols[] = {
    {"NAME", "name", COL_TEXT, COL_NAME},
    {"LIBREQ-PURGE-S", "library_request_purge_seconds", COL_NUM, 0},
    {"OPREQ-PURGE-S", "operator_request_purge_seconds", COL_NUM, 0},
    {"LIBREQ-FLAGS", "library_request_flags", COL_NUM, 0},
    {"OPREQ-FLAGS", "operator_request_flags", COL_NUM, 0},
    {"POOL-POLICY", "media_pool_policy", COL_NUM, 0},
    {"GUID", "guid", COL_GUID, COL_ID},
};

static void computer_row(HANDLE s, out_t *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx)
{
    (void)ctx;
    (void)s;
    const NTMS_COMPUTERINFORMATION *c = &o->Info.Computer;
    char n[5][24], g[37];
    const char *row[] = {o->szName, cli_num(c->dwLibRequestPurgeTime, n[0]), cli_num(c->dwOpRequestPurgeTime, n[1]),
                         cli_num(c->dwLibRequestFlags, n[2]), cli_num(c->dwOpRequestFlags, n[3]),
                         cli_num(c->dwMediaPoolPolicy, n[4]), cli_guid(&o->ObjectGuid, g)};
    out_row(out, row);
}

int view_computer(HANDLE s, const NTMS_GUID *container)
{
    (void)container;
    return view_each(s, NULL, NTMS_COMPUTER, out_begin(computer_cols, NCOLS(computer_cols)), computer_row, NULL);
}
