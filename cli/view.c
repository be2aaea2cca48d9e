/*
 * view.c - `rsm view`: tables of libraries, media pools and media types.
 *
 * The object kind is given as a word (`libraries`, `pools`, `media-types`)
 * or as rsm.exe's type switch (`/tlibrary`, `/tmedia_pool`, `/tmedia_type`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "table.h"

static const char *library_type_name(DWORD t)
{
    switch (t) {
    case NTMS_LIBRARYTYPE_OFFLINE: return "offline";
    case NTMS_LIBRARYTYPE_ONLINE: return "online";
    case NTMS_LIBRARYTYPE_STANDALONE: return "standalone";
    default: return "unknown";
    }
}

static const char *pool_type_name(DWORD t)
{
    switch (t) {
    case NTMS_POOLTYPE_SCRATCH: return "free";
    case NTMS_POOLTYPE_FOREIGN: return "unrecognized";
    case NTMS_POOLTYPE_IMPORT: return "import";
    case NTMS_POOLTYPE_APPLICATION: return "application";
    default: return "unknown";
    }
}

static const char *rw_name(DWORD rw)
{
    switch (rw) {
    case NTMS_MEDIARW_REWRITABLE: return "rewritable";
    case NTMS_MEDIARW_WRITEONCE: return "write-once";
    case NTMS_MEDIARW_READONLY: return "read-only";
    default: return "unknown";
    }
}

static int view_libraries(HANDLE s)
{
    static const char *const head[] = {"NAME", "TYPE", "ENABLED", "DRIVES", "SLOTS", "PORTS", "MEDIA", "GUID"};
    NTMS_GUID *ids;
    DWORD n;
    DWORD rc = cli_enumerate(s, NULL, NTMS_LIBRARY, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail("enumerate libraries", rc);
    table_t *t = table_new(8, head);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        rc = cli_get_info(s, &ids[i], NTMS_LIBRARY, &o);
        if (rc != ERROR_SUCCESS)
            break;
        const NTMS_LIBRARYINFORMATION *l = &o.Info.Library;
        char drives[16], slots[16], ports[16], media[16], guid[37];
        snprintf(drives, sizeof drives, "%u", (unsigned)l->dwNumberOfDrives);
        snprintf(slots, sizeof slots, "%u", (unsigned)l->dwNumberOfSlots);
        snprintf(ports, sizeof ports, "%u", (unsigned)l->dwNumberOfPorts);
        snprintf(media, sizeof media, "%u", (unsigned)l->dwNumberOfMedia);
        const char *row[] = {o.szName, library_type_name(l->LibraryType), o.Enabled ? "yes" : "no",
                             drives, slots, ports, media, cli_guid(&o.ObjectGuid, guid)};
        table_add(t, row);
    }
    free(ids);
    if (rc == ERROR_SUCCESS)
        table_print(t, stdout);
    table_free(t);
    return rc == ERROR_SUCCESS ? 0 : cli_fail("read library", rc);
}

/* One pool and, below it, its children, indented by depth. Depth is bounded
 * so a corrupt parent cycle cannot recurse forever. */
static DWORD add_pool_rows(HANDLE s, table_t *t, NTMS_GUID *id, int depth)
{
    NTMS_OBJECTINFORMATIONA o;
    DWORD rc = cli_get_info(s, id, NTMS_MEDIA_POOL, &o);
    if (rc != ERROR_SUCCESS || depth > 16)
        return rc;
    const NTMS_MEDIAPOOLINFORMATION *p = &o.Info.MediaPool;
    char name[NTMS_OBJECTNAME_LENGTH + 40], media[16], pools[16], guid[37];
    snprintf(name, sizeof name, "%*s%s", depth * 2, "", o.szName);
    snprintf(media, sizeof media, "%u", (unsigned)p->dwNumberOfPhysicalMedia);
    snprintf(pools, sizeof pools, "%u", (unsigned)p->dwNumberOfMediaPools);
    const char *row[] = {name, pool_type_name(p->PoolType), media, pools, cli_guid(&o.ObjectGuid, guid)};
    table_add(t, row);

    NTMS_GUID *kids = NULL;
    DWORD n = 0;
    rc = cli_enumerate(s, id, NTMS_MEDIA_POOL, &kids, &n);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++)
        rc = add_pool_rows(s, t, &kids[i], depth + 1);
    free(kids);
    return rc;
}

static int view_pools(HANDLE s)
{
    static const char *const head[] = {"POOL", "TYPE", "MEDIA", "POOLS", "GUID"};
    NTMS_GUID *ids;
    DWORD n;
    DWORD rc = cli_enumerate(s, NULL, NTMS_MEDIA_POOL, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail("enumerate pools", rc);
    table_t *t = table_new(5, head);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++)
        rc = add_pool_rows(s, t, &ids[i], 0);
    free(ids);
    if (rc == ERROR_SUCCESS)
        table_print(t, stdout);
    table_free(t);
    return rc == ERROR_SUCCESS ? 0 : cli_fail("read pool", rc);
}

static int view_media_types(HANDLE s)
{
    static const char *const head[] = {"NAME", "CODE", "SIDES", "READ/WRITE", "GUID"};
    NTMS_GUID *ids;
    DWORD n;
    DWORD rc = cli_enumerate(s, NULL, NTMS_MEDIA_TYPE, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail("enumerate media types", rc);
    table_t *t = table_new(5, head);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        rc = cli_get_info(s, &ids[i], NTMS_MEDIA_TYPE, &o);
        if (rc != ERROR_SUCCESS)
            break;
        const NTMS_MEDIATYPEINFORMATION *m = &o.Info.MediaType;
        char code[16], sides[16], guid[37];
        snprintf(code, sizeof code, "0x%02x", (unsigned)m->MediaType);
        snprintf(sides, sizeof sides, "%u", (unsigned)m->NumberOfSides);
        const char *row[] = {o.szName, code, sides, rw_name(m->ReadWriteCharacteristics),
                             cli_guid(&o.ObjectGuid, guid)};
        table_add(t, row);
    }
    free(ids);
    if (rc == ERROR_SUCCESS)
        table_print(t, stdout);
    table_free(t);
    return rc == ERROR_SUCCESS ? 0 : cli_fail("read media type", rc);
}

struct view_kind {
    const char *words[3]; /* plain word, singular, rsm.exe /t value */
    int (*show)(HANDLE s);
};

static const struct view_kind kinds[] = {
    {{"libraries", "library", "library"}, view_libraries},
    {{"pools", "pool", "media_pool"}, view_pools},
    {{"media-types", "media-type", "media_type"}, view_media_types},
};

int cmd_view(HANDLE s, int argc, char **argv)
{
    const char *what = argc > 0 ? argv[0] : "libraries";
    if (strncasecmp(what, "/t", 2) == 0)
        what += 2;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        for (int w = 0; w < 3; w++)
            if (strcasecmp(what, kinds[i].words[w]) == 0)
                return kinds[i].show(s);
    fprintf(stderr, "rsm view: unknown object kind '%s' (libraries, pools, media-types)\n", what);
    return EXIT_USAGE;
}
