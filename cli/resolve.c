/*
 * resolve.c - see resolve.h. Names are matched by reading every candidate
 * (EnumerateNtmsObject + GetNtmsObjectInformation): a few hundred objects
 * cost milliseconds over the local socket, and the service needs no
 * search call of its own.
 */
#include "resolve.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "names.h"

/* Match strength, strongest first; a candidate counts at the strongest
 * rule it meets, and only the strongest rule met by anyone is used. */
enum strength { MATCH_NONE, MATCH_PREFIX, MATCH_NOCASE, MATCH_NUMBER, MATCH_EXACT };

static bool element_number(const NTMS_OBJECTINFORMATIONA *o, DWORD *n)
{
    switch (o->dwType) {
    case NTMS_STORAGESLOT: *n = o->Info.StorageSlot.Number; return true;
    case NTMS_DRIVE: *n = o->Info.Drive.Number; return true;
    case NTMS_IEPORT: *n = o->Info.IEPort.Number; return true;
    case NTMS_IEDOOR: *n = o->Info.IEDoor.Number; return true;
    case NTMS_CHANGER: *n = o->Info.Changer.Number; return true;
    default: return false;
    }
}

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static bool guid_prefix(const NTMS_GUID *g, const char *text)
{
    char full[37], compact[33];
    size_t len = strlen(text);
    if (len < 4)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isxdigit((unsigned char)text[i]) && text[i] != '-')
            return false;
    cli_guid(g, full);
    cli_guid_bare(g, compact);
    return strncasecmp(full, text, len) == 0 || strncasecmp(compact, text, len) == 0;
}

static enum strength match(HANDLE s, const NTMS_OBJECTINFORMATIONA *o, const char *text)
{
    DWORD n;
    if (strcmp(o->szName, text) == 0)
        return MATCH_EXACT;
    if (o->dwType == NTMS_PHYSICAL_MEDIA && strcmp(o->Info.PhysicalMedia.szBarCode, text) == 0)
        return MATCH_EXACT;
    if (o->dwType == NTMS_MEDIA_POOL && strchr(text, '\\') != NULL) {
        char path[NTMS_POOLHIERARCHY_LENGTH];
        DWORD len = sizeof path;
        NTMS_GUID id = o->ObjectGuid;
        const char *want = text[0] == '\\' ? text + 1 : text;
        if (GetNtmsMediaPoolNameA(s, &id, path, &len) == ERROR_SUCCESS &&
            strcmp(path[0] == '\\' ? path + 1 : path, want) == 0)
            return MATCH_EXACT;
    }
    if (all_digits(text) && element_number(o, &n) && strtoul(text, NULL, 10) == n)
        return MATCH_NUMBER;
    if (strcasecmp(o->szName, text) == 0)
        return MATCH_NOCASE;
    if (guid_prefix(&o->ObjectGuid, text))
        return MATCH_PREFIX;
    return MATCH_NONE;
}

static DWORD candidates(HANDLE s, DWORD type, const NTMS_GUID *scope, NTMS_GUID **ids, DWORD *n)
{
    if (type == NTMS_MEDIA_POOL && scope == NULL)
        return cli_enumerate_pools(s, ids, n);
    return cli_enumerate(s, scope, type, ids, n);
}

/* Find by name: 0 and *out, ERROR_OBJECT_NOT_FOUND, or ERROR_ALREADY_EXISTS
 * when the best rule matches more than one (*count says how many). */
static DWORD find_by_name(HANDLE s, DWORD type, const char *text, const NTMS_GUID *scope, NTMS_GUID *out,
                          int *count)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = candidates(s, type, scope, &ids, &n);
    enum strength best = MATCH_NONE;
    *count = 0;
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (cli_get_info(s, &ids[i], type, &o) != ERROR_SUCCESS)
            continue; /* gone since the enumeration */
        enum strength m = match(s, &o, text);
        if (m == MATCH_NONE || m < best)
            continue;
        if (m > best) {
            best = m;
            *count = 0;
        }
        if (*count == 0)
            *out = ids[i];
        ++*count;
    }
    free(ids);
    if (rc != ERROR_SUCCESS)
        return rc;
    if (*count == 0)
        return ERROR_OBJECT_NOT_FOUND;
    return *count > 1 ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS;
}

static DWORD find(HANDLE s, DWORD type, const struct optval *v, const NTMS_GUID *scope, NTMS_GUID *out, int *count)
{
    *count = 0;
    if (v->by == REF_GUID) {
        NTMS_OBJECTINFORMATIONA o;
        DWORD rc = cli_get_info(s, &v->guid, type, &o);
        if (rc == ERROR_SUCCESS)
            *out = v->guid;
        /* another kind of object, or none: the GUID names no such object */
        if (rc == ERROR_INVALID_PARAMETER)
            rc = ERROR_OBJECT_NOT_FOUND;
        return rc;
    }
    return find_by_name(s, type, v->text, scope, out, count);
}

static int report(DWORD rc, DWORD type, const struct optval *v, int count)
{
    const char *kind = kw_name(kw_object_types, type);
    if (rc == ERROR_ALREADY_EXISTS)
        return cli_usage("%s '%s': %d objects of type %s match; give its GUID%s", v->spelled, v->text, count, kind,
                         type == NTMS_MEDIA_POOL || type == NTMS_LIBRARY || type == NTMS_MEDIA_TYPE
                             ? ""
                             : " or name the library (--library)");
    if (rc == ERROR_OBJECT_NOT_FOUND)
        return cli_fail(rc, "%s '%s': no %s %s", v->spelled, v->text, kind,
                        v->by == REF_GUID ? "has this GUID" : "has this name");
    return cli_fail(rc, "%s '%s': cannot look up the %s", v->spelled, v->text, kind);
}

int resolve(HANDLE s, DWORD type, const struct optval *v, const NTMS_GUID *scope, NTMS_GUID *out)
{
    int count;
    DWORD rc = find(s, type, v, scope, out, &count);
    return rc == ERROR_SUCCESS ? 0 : report(rc, type, v, count);
}

int resolve_opt(HANDLE s, DWORD type, const struct optval *v, const NTMS_GUID *scope, NTMS_GUID *out,
                NTMS_GUID **out_ptr)
{
    *out_ptr = NULL;
    if (!v->given)
        return 0;
    int rc = resolve(s, type, v, scope, out);
    if (rc == 0)
        *out_ptr = out;
    return rc;
}

/* The sides of container `id` (a logical or physical medium): its first
 * one in *side, and how many there are. */
static DWORD sides_of(HANDLE s, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *side, DWORD *n)
{
    NTMS_GUID *ids = NULL;
    DWORD rc = cli_enumerate(s, id, NTMS_PARTITION, &ids, n);
    if (rc == ERROR_SUCCESS && *n == 0)
        rc = ERROR_OBJECT_NOT_FOUND;
    if (rc == ERROR_SUCCESS)
        rc = cli_get_info(s, &ids[0], NTMS_PARTITION, side);
    free(ids);
    return rc;
}

int resolve_side(HANDLE s, const struct optval *v, DWORD prefer, NTMS_OBJECTINFORMATIONA *side)
{
    const DWORD order[2][3] = {
        {NTMS_PARTITION, NTMS_LOGICAL_MEDIA, NTMS_PHYSICAL_MEDIA},
        {NTMS_LOGICAL_MEDIA, NTMS_PARTITION, NTMS_PHYSICAL_MEDIA},
    };
    const DWORD *try = order[prefer == NTMS_LOGICAL_MEDIA];
    for (int k = 0; k < 3; k++) {
        NTMS_GUID id;
        int count;
        DWORD rc = find(s, try[k], v, NULL, &id, &count);
        if (rc == ERROR_OBJECT_NOT_FOUND)
            continue;
        if (rc != ERROR_SUCCESS)
            return report(rc, try[k], v, count);
        if (try[k] == NTMS_PARTITION)
            rc = cli_get_info(s, &id, NTMS_PARTITION, side);
        else {
            DWORD n = 0;
            rc = sides_of(s, &id, side, &n);
            if (rc == ERROR_SUCCESS && try[k] == NTMS_PHYSICAL_MEDIA && n > 1)
                return cli_usage("%s '%s': the medium has %u sides; name one side (%s A, %s B ...)", v->spelled,
                                 v->text, (unsigned)n, side->szName, side->szName);
        }
        if (rc != ERROR_SUCCESS)
            return cli_fail(rc, "%s '%s': cannot read its side", v->spelled, v->text);
        return 0;
    }
    return cli_fail(ERROR_OBJECT_NOT_FOUND, "%s '%s': no side, logical medium or medium %s", v->spelled, v->text,
                    v->by == REF_GUID ? "has this GUID" : "has this name");
}

int side_logical(const NTMS_OBJECTINFORMATIONA *side, NTMS_GUID *logical)
{
    if (cli_guid_null(&side->Info.Partition.LogicalMedia))
        return cli_fail(ERROR_INVALID_STATE, "side '%s' is not allocated (it has no logical medium)",
                        side->szName);
    *logical = side->Info.Partition.LogicalMedia;
    return 0;
}

void resolve_each_name(HANDLE s, DWORD type, void (*fn)(const char *name, void *ctx), void *ctx)
{
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    if (candidates(s, type, NULL, &ids, &n) != ERROR_SUCCESS)
        return;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (cli_get_info(s, &ids[i], type, &o) == ERROR_SUCCESS && o.szName[0] != '\0')
            fn(o.szName, ctx);
    }
    free(ids);
}

static const NTMS_GUID *element_library(const NTMS_OBJECTINFORMATIONA *e)
{
    switch (e->dwType) {
    case NTMS_STORAGESLOT: return &e->Info.StorageSlot.Library;
    case NTMS_DRIVE: return &e->Info.Drive.Library;
    case NTMS_IEPORT: return &e->Info.IEPort.Library;
    default: return NULL;
    }
}

int resolve_media_at(HANDLE s, const NTMS_GUID *element, DWORD type, NTMS_OBJECTINFORMATIONA *media)
{
    NTMS_OBJECTINFORMATIONA e;
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_get_info(s, element, type, &e);
    if (rc == ERROR_SUCCESS)
        rc = cli_enumerate(s, element_library(&e), NTMS_PHYSICAL_MEDIA, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail(rc, "cannot look for the medium in the %s", kw_name(kw_object_types, type));
    bool found = false;
    for (DWORD i = 0; i < n && !found; i++)
        found = cli_get_info(s, &ids[i], NTMS_PHYSICAL_MEDIA, media) == ERROR_SUCCESS &&
                cli_guid_eq(&media->Info.PhysicalMedia.Location, element);
    free(ids);
    if (!found)
        return cli_fail(ERROR_OBJECT_NOT_FOUND, "%s %s holds no medium", kw_name(kw_object_types, type), e.szName);
    return 0;
}
