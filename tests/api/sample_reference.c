/*
 * sample_reference.c - a program written only from the NTMS reference pages,
 * as an application author would write it for Windows: it includes
 * <ntmsapi.h>, opens a session, finds the offline library and the Free,
 * Import and Unrecognized pools. tests/api/test_install.sh builds it against
 * the installed header with `pkg-config --cflags --libs rsm` and runs it.
 * Exit status 0 when everything documented was found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ntmsapi.h>

static int failures;

static void expect(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAILED", what);
    if (!ok)
        failures++;
}

/* EnumerateNtmsObject with a buffer that grows as the function asks. */
static NTMS_GUID *enumerate(HANDLE session, LPNTMS_GUID container, DWORD type, DWORD *count)
{
    DWORD size = 4;
    NTMS_GUID *list = malloc(size * sizeof(NTMS_GUID));
    DWORD rc = EnumerateNtmsObject(session, container, list, &size, type, 0);
    if (rc == ERROR_INSUFFICIENT_BUFFER) {
        free(list);
        list = malloc(size * sizeof(NTMS_GUID));
        rc = EnumerateNtmsObject(session, container, list, &size, type, 0);
    }
    if (rc != ERROR_SUCCESS) {
        printf("EnumerateNtmsObject(type %lu) failed: %lu\n", (unsigned long)type, (unsigned long)rc);
        free(list);
        *count = 0;
        return NULL;
    }
    *count = size;
    return list;
}

static int get_info(HANDLE session, LPNTMS_GUID id, DWORD type, NTMS_OBJECTINFORMATION *info)
{
    memset(info, 0, sizeof *info);
    info->dwSize = sizeof *info;
    info->dwType = type;
    return GetNtmsObjectInformation(session, id, info) == ERROR_SUCCESS;
}

int main(void)
{
    HANDLE session = OpenNtmsSession(NULL, "Reference Sample", 0);
    if (session == INVALID_HANDLE_VALUE) {
        printf("OpenNtmsSession failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    DWORD count, i;
    int offline = 0;
    NTMS_GUID *libraries = enumerate(session, NULL, NTMS_LIBRARY, &count);
    for (i = 0; i < count; i++) {
        NTMS_OBJECTINFORMATION info;
        if (get_info(session, &libraries[i], NTMS_LIBRARY, &info) &&
            info.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE &&
            (info.Info.Library.dwFlags & NTMS_LIBRARYFLAG_FIXEDOFFLINE)) {
            printf("offline library: %s\n", info.szName);
            offline = 1;
        }
    }
    free(libraries);
    expect(offline, "the offline library exists");

    int free_pool = 0, import_pool = 0, unrecognized_pool = 0;
    NTMS_GUID *pools = enumerate(session, NULL, NTMS_MEDIA_POOL, &count);
    for (i = 0; i < count; i++) {
        NTMS_OBJECTINFORMATION info;
        if (!get_info(session, &pools[i], NTMS_MEDIA_POOL, &info))
            continue;
        DWORD subpools = info.Info.MediaPool.dwNumberOfMediaPools;
        switch (info.Info.MediaPool.PoolType) {
        case NTMS_POOLTYPE_SCRATCH: free_pool = subpools > 0; break;
        case NTMS_POOLTYPE_IMPORT: import_pool = subpools > 0; break;
        case NTMS_POOLTYPE_FOREIGN: unrecognized_pool = subpools > 0; break;
        }
        char name[NTMS_POOLHIERARCHY_LENGTH];
        DWORD size = sizeof name;
        if (GetNtmsMediaPoolName(session, &pools[i], name, &size) == ERROR_SUCCESS)
            printf("pool: %s (%lu sub-pools)\n", name, (unsigned long)subpools);
    }
    free(pools);
    expect(free_pool, "a Free pool with a sub-pool per media type");
    expect(import_pool, "an Import pool with sub-pools");
    expect(unrecognized_pool, "an Unrecognized pool with sub-pools");

    expect(CloseNtmsSession(session) == ERROR_SUCCESS, "CloseNtmsSession");
    return failures ? 1 : 0;
}
