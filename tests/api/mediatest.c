/*
 * mediatest.c - helpers of the media API tests (mediatest.h).
 */
#include "mediatest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An environment variable, or `fallback` when it is unset or empty. */
static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);

    return v != NULL && v[0] != '\0' ? v : fallback;
}

const char *mt_library_name(void)
{
    return env_or("RSM_MEDIA_LIBRARY", "vlib");
}

const char *mt_library_type(void)
{
    return env_or("RSM_MEDIA_TYPE", "LTO-8");
}

int mt_library_is_virtual(void)
{
    return strcmp(mt_library_name(), "vlib") == 0;
}

const char *mt_tape(char *buf, size_t size, unsigned n)
{
    snprintf(buf, size, "%s%04u%s", env_or("RSM_MEDIA_BARCODE_PREFIX", "VT"), n,
             env_or("RSM_MEDIA_BARCODE_SUFFIX", "L8"));
    return buf;
}

/* An address from the environment, or `fallback`. */
static DWORD env_address(const char *name, DWORD fallback)
{
    const char *v = env_or(name, NULL);
    char *end;
    unsigned long a;

    if (v == NULL)
        return fallback;
    a = strtoul(v, &end, 10);
    if (*end != '\0' || a == 0 || a > 65535)
        fail_msg("%s=%s is not an element address", name, v);
    return (DWORD)a;
}

DWORD mt_slot1(void)
{
    return env_address("RSM_MEDIA_SLOT1", LT_SLOT1);
}

DWORD mt_port1(void)
{
    return env_address("RSM_MEDIA_PORT1", LT_PORT1);
}

DWORD mt_drive(unsigned i)
{
    const char *list = env_or("RSM_MEDIA_DRIVES", NULL);
    char *end;

    if (list == NULL)
        return LT_DRIVE1 + i;
    for (unsigned k = 0;; k++) {
        unsigned long a = strtoul(list, &end, 10);
        if (end == list || a == 0 || a > 65535 || (*end != ',' && *end != '\0'))
            fail_msg("RSM_MEDIA_DRIVES=%s is not a list of element addresses", getenv("RSM_MEDIA_DRIVES"));
        if (k == i)
            return (DWORD)a;
        if (*end == '\0')
            fail_msg("RSM_MEDIA_DRIVES names no drive %u", i + 1);
        list = end + 1;
    }
}

NTMS_GUID mt_media_type(HANDLE h, const char *name)
{
    NTMS_GUID types[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_MEDIA_TYPE, types);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &types[i], NTMS_MEDIA_TYPE, &info);
        if (strcmp(info.szName, name) == 0)
            return types[i];
    }
    fail_msg("no media type \"%s\"", name);
    return types[0];
}

NTMS_GUID mt_pool(HANDLE h, const char *path, const char *type_name)
{
    NTMS_GUID type, pool;

    if (type_name != NULL)
        type = mt_media_type(h, type_name);
    assert_int_equal(CreateNtmsMediaPoolA(h, path, type_name ? &type : NULL, NTMS_OPEN_ALWAYS, NULL, &pool),
                     ERROR_SUCCESS);
    return pool;
}

void mt_set_policy(HANDLE h, NTMS_GUID *pool, DWORD alloc, DWORD dealloc, DWORD max_allocates)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, pool, NTMS_MEDIA_POOL, &info);
    info.Info.MediaPool.AllocationPolicy = alloc;
    info.Info.MediaPool.DeallocationPolicy = dealloc;
    info.Info.MediaPool.dwMaxAllocates = max_allocates;
    assert_int_equal(SetNtmsObjectInformationA(h, pool, &info), ERROR_SUCCESS);
}

DWORD mt_try_create(HANDLE h, NTMS_GUID *pool, DWORD nsides, DWORD state, const char *bar_code,
                    NTMS_GUID *medium, NTMS_GUID *sides)
{
    NTMS_OBJECTINFORMATIONA media, list[4];
    DWORD err;

    assert_true(nsides <= 4);
    memset(&media, 0, sizeof media);
    media.dwSize = sizeof media;
    media.dwType = NTMS_PHYSICAL_MEDIA;
    media.Enabled = TRUE;
    media.Info.PhysicalMedia.MediaPool = *pool;
    media.Info.PhysicalMedia.dwNumberOfPartitions = nsides;
    snprintf(media.Info.PhysicalMedia.szBarCode, sizeof media.Info.PhysicalMedia.szBarCode, "%s", bar_code);
    memset(list, 0, sizeof list);
    for (DWORD i = 0; i < nsides; i++) {
        list[i].dwSize = sizeof list[i];
        list[i].dwType = NTMS_PARTITION;
        list[i].Enabled = TRUE;
        list[i].Info.Partition.State = state;
    }
    err = CreateNtmsMediaA(h, &media, list, 0);
    if (err == ERROR_SUCCESS) {
        *medium = media.ObjectGuid;
        for (DWORD i = 0; sides != NULL && i < nsides; i++)
            sides[i] = list[i].ObjectGuid;
    }
    return err;
}

void mt_create(HANDLE h, NTMS_GUID *pool, DWORD nsides, DWORD state, const char *bar_code, NTMS_GUID *medium,
               NTMS_GUID *sides)
{
    assert_int_equal(mt_try_create(h, pool, nsides, state, bar_code, medium, sides), ERROR_SUCCESS);
}

DWORD mt_alloc(HANDLE h, NTMS_GUID *pool, DWORD options, DWORD timeout, NTMS_GUID *lmid)
{
    memset(lmid, 0, sizeof *lmid);
    return AllocateNtmsMedia(h, pool, NULL, lmid, options, timeout, NULL);
}

NTMS_GUID mt_side_of(HANDLE h, NTMS_GUID *lmid)
{
    NTMS_GUID sides[LT_MAX];

    assert_int_equal(lt_list(h, lmid, NTMS_PARTITION, sides), 1);
    return sides[0];
}

DWORD mt_side_state(HANDLE h, NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, side, NTMS_PARTITION, &info);
    return info.Info.Partition.State;
}

NTMS_GUID mt_medium_of(HANDLE h, NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, side, NTMS_PARTITION, &info);
    return info.Info.Partition.PhysicalMedia;
}

NTMS_GUID mt_pool_of(HANDLE h, NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, medium, NTMS_PHYSICAL_MEDIA, &info);
    return info.Info.PhysicalMedia.MediaPool;
}

DWORD mt_count(HANDLE h, NTMS_GUID *pool, DWORD type)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, pool, NTMS_MEDIA_POOL, &info);
    return type == NTMS_LOGICAL_MEDIA ? info.Info.MediaPool.dwNumberOfLogicalMedia
                                      : info.Info.MediaPool.dwNumberOfPhysicalMedia;
}
