/*
 * test_objects.c - enumeration, object information, attributes and media
 * pools through librsm, against a private rsmd (run-rsmd.sh).
 *
 * The service starts on an empty database, so what it holds is what its
 * first start creates: the computer, the offline library, the media types,
 * and the Free, Import and Unrecognized pools with one sub-pool per media
 * type. Every test leaves the database as it found it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include <rsm/ntmsapi.h>

/* Enough for every list a first start makes. */
#define MAX_LIST 256

/* The object types EnumerateNtmsObject documents. */
static const DWORD object_types[] = {
    NTMS_CHANGER, NTMS_CHANGER_TYPE, NTMS_COMPUTER, NTMS_DRIVE, NTMS_DRIVE_TYPE,
    NTMS_IEDOOR, NTMS_IEPORT, NTMS_LIBRARY, NTMS_LIBREQUEST, NTMS_LOGICAL_MEDIA,
    NTMS_MEDIA_POOL, NTMS_MEDIA_TYPE, NTMS_OPREQUEST, NTMS_PARTITION,
    NTMS_PHYSICAL_MEDIA, NTMS_STORAGESLOT,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int setup(void **state)
{
    HANDLE h = OpenNtmsSessionA(NULL, "test_objects", 0);

    if (h == INVALID_HANDLE_VALUE)
        return -1;
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    return CloseNtmsSession(*state) == ERROR_SUCCESS ? 0 : -1;
}

/* All objects of `type` in `container`; returns the count. */
static DWORD enumerate(HANDLE h, NTMS_GUID *container, DWORD type, NTMS_GUID *list)
{
    DWORD n = MAX_LIST;

    assert_int_equal(EnumerateNtmsObject(h, container, list, &n, type, 0), ERROR_SUCCESS);
    assert_true(n <= MAX_LIST);
    return n;
}

static DWORD get_info(HANDLE h, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *info)
{
    memset(info, 0, sizeof(*info));
    info->dwSize = sizeof(*info);
    info->dwType = type;
    return GetNtmsObjectInformationA(h, id, info);
}

static DWORD get_info_w(HANDLE h, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONW *info)
{
    memset(info, 0, sizeof(*info));
    info->dwSize = sizeof(*info);
    info->dwType = type;
    return GetNtmsObjectInformationW(h, id, info);
}

static int same_guid(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}

/* The system pool of `pool_type` at the top level. */
static void find_system_pool(HANDLE h, DWORD pool_type, NTMS_GUID *out)
{
    NTMS_GUID list[MAX_LIST];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = enumerate(h, NULL, NTMS_MEDIA_POOL, list);

    for (DWORD i = 0; i < n; i++) {
        assert_int_equal(get_info(h, &list[i], NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
        if (info.Info.MediaPool.PoolType == pool_type) {
            *out = list[i];
            return;
        }
    }
    fail_msg("no top-level pool of type %u", pool_type);
}

/* ------------------------------------------------------------------------ */
/* Enumeration and information for every type */

static void check_objects_of_type(HANDLE h, DWORD type)
{
    NTMS_GUID list[MAX_LIST];
    NTMS_OBJECTINFORMATIONA info;
    NTMS_OBJECTINFORMATIONW winfo;
    DWORD count, n = 0;
    DWORD err;

    /* Asking with no buffer gives the count (or success when empty). */
    err = EnumerateNtmsObject(h, NULL, NULL, &n, type, 0);
    count = enumerate(h, NULL, type, list);
    if (count == 0) {
        assert_int_equal(err, ERROR_SUCCESS);
        assert_int_equal(n, 0);
    } else {
        assert_int_equal(err, ERROR_INSUFFICIENT_BUFFER);
        assert_int_equal(n, count);
    }
    for (DWORD i = 0; i < count; i++) {
        assert_int_equal(get_info(h, &list[i], type, &info), ERROR_SUCCESS);
        assert_int_equal(info.dwType, type);
        assert_int_equal(info.dwSize, sizeof(info));
        assert_true(same_guid(&info.ObjectGuid, &list[i]));
        assert_int_equal(get_info_w(h, &list[i], type, &winfo), ERROR_SUCCESS);
        assert_int_equal(winfo.dwType, type);
        assert_int_equal(winfo.dwSize, sizeof(winfo));
        assert_true(same_guid(&winfo.ObjectGuid, &list[i]));
        /* The W name is the A name, character for character (ASCII here). */
        for (size_t k = 0; k < sizeof(info.szName) && info.szName[k] != '\0'; k++)
            if ((unsigned char)info.szName[k] < 0x80)
                assert_int_equal(winfo.szName[k], (wchar_t)info.szName[k]);
    }
}

static void test_enumerate_every_type(void **state)
{
    HANDLE h = *state;
    NTMS_GUID list[MAX_LIST];

    for (size_t t = 0; t < COUNT(object_types); t++)
        check_objects_of_type(h, object_types[t]);
    assert_int_equal(enumerate(h, NULL, NTMS_COMPUTER, list), 1);
    assert_true(enumerate(h, NULL, NTMS_LIBRARY, list) >= 1);
    assert_true(enumerate(h, NULL, NTMS_MEDIA_TYPE, list) >= 1);
    assert_true(enumerate(h, NULL, NTMS_MEDIA_POOL, list) >= 3);
    /* Nothing was ever inserted or requested on a fresh service. */
    assert_int_equal(enumerate(h, NULL, NTMS_PHYSICAL_MEDIA, list), 0);
    assert_int_equal(enumerate(h, NULL, NTMS_OPREQUEST, list), 0);
    assert_int_equal(enumerate(h, NULL, NTMS_LIBREQUEST, list), 0);
}

static void test_offline_library(void **state)
{
    HANDLE h = *state;
    NTMS_GUID list[MAX_LIST];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = enumerate(h, NULL, NTMS_LIBRARY, list);
    int offline = 0;

    for (DWORD i = 0; i < n; i++) {
        assert_int_equal(get_info(h, &list[i], NTMS_LIBRARY, &info), ERROR_SUCCESS);
        if (info.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE) {
            assert_true(info.Info.Library.dwFlags & NTMS_LIBRARYFLAG_FIXEDOFFLINE);
            offline++;
        }
    }
    assert_int_equal(offline, 1);
}

static void test_system_pools(void **state)
{
    static const DWORD pool_types[] = {
        NTMS_POOLTYPE_SCRATCH, NTMS_POOLTYPE_IMPORT, NTMS_POOLTYPE_FOREIGN,
    };
    HANDLE h = *state;
    NTMS_GUID types[MAX_LIST], subs[MAX_LIST], top;
    NTMS_OBJECTINFORMATIONA info;
    DWORD ntypes = enumerate(h, NULL, NTMS_MEDIA_TYPE, types);

    for (size_t p = 0; p < COUNT(pool_types); p++) {
        DWORD nsubs;

        find_system_pool(h, pool_types[p], &top);
        nsubs = enumerate(h, &top, NTMS_MEDIA_POOL, subs);
        assert_int_equal(nsubs, ntypes);
        for (DWORD i = 0; i < nsubs; i++) {
            int known = 0;

            assert_int_equal(get_info(h, &subs[i], NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
            assert_int_equal(info.Info.MediaPool.PoolType, pool_types[p]);
            assert_true(same_guid(&info.Info.MediaPool.Parent, &top));
            for (DWORD t = 0; t < ntypes; t++)
                known |= same_guid(&info.Info.MediaPool.MediaType, &types[t]);
            assert_true(known);
        }
    }
}

static void test_enumerate_errors(void **state)
{
    HANDLE h = *state;
    NTMS_GUID list[MAX_LIST], unknown;
    DWORD count = enumerate(h, NULL, NTMS_MEDIA_TYPE, list), n;

    assert_true(count >= 2);
    n = 1;
    assert_int_equal(EnumerateNtmsObject(h, NULL, list, &n, NTMS_MEDIA_TYPE, 0),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, count);
    n = count;
    assert_int_equal(EnumerateNtmsObject(h, NULL, list, &n, NTMS_MEDIA_TYPE, 0),
                     ERROR_SUCCESS);
    assert_int_equal(n, count);

    assert_int_equal(EnumerateNtmsObject(h, NULL, list, NULL, NTMS_MEDIA_TYPE, 0),
                     ERROR_INVALID_PARAMETER);
    n = 5;
    assert_int_equal(EnumerateNtmsObject(h, NULL, NULL, &n, NTMS_MEDIA_TYPE, 0),
                     ERROR_INVALID_PARAMETER);
    memset(&unknown, 0x5a, sizeof(unknown));
    n = MAX_LIST;
    assert_int_equal(EnumerateNtmsObject(h, &unknown, list, &n, NTMS_MEDIA_POOL, 0),
                     ERROR_OBJECT_NOT_FOUND);
}

static void test_information_errors(void **state)
{
    HANDLE h = *state;
    NTMS_GUID computer, unknown;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_OBJECTINFORMATIONW winfo;

    assert_int_equal(enumerate(h, NULL, NTMS_COMPUTER, &computer), 1);
    memset(&info, 0, sizeof(info));
    info.dwType = NTMS_COMPUTER;
    info.dwSize = sizeof(info) - 1;
    assert_int_equal(GetNtmsObjectInformationA(h, &computer, &info), ERROR_INVALID_PARAMETER);
    info.dwSize = 0;
    assert_int_equal(GetNtmsObjectInformationA(h, &computer, &info), ERROR_INVALID_PARAMETER);
    info.dwSize = sizeof(winfo);
    assert_int_equal(GetNtmsObjectInformationA(h, &computer, &info), ERROR_INVALID_PARAMETER);
    memset(&winfo, 0, sizeof(winfo));
    winfo.dwType = NTMS_COMPUTER;
    winfo.dwSize = sizeof(info);
    assert_int_equal(GetNtmsObjectInformationW(h, &computer, &winfo), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsObjectInformationW(h, &computer, &winfo), ERROR_INVALID_PARAMETER);
    info.dwSize = sizeof(info) + 4;
    assert_int_equal(SetNtmsObjectInformationA(h, &computer, &info), ERROR_INVALID_PARAMETER);

    /* The structure's type must be the object's. */
    assert_int_equal(get_info(h, &computer, NTMS_LIBRARY, &info), ERROR_INVALID_PARAMETER);
    memset(&unknown, 0xa5, sizeof(unknown));
    assert_int_equal(get_info(h, &unknown, NTMS_COMPUTER, &info), ERROR_OBJECT_NOT_FOUND);

    assert_int_equal(GetNtmsObjectInformationA(h, NULL, &info), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsObjectInformationA(h, &computer, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsObjectInformationW(h, &computer, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsObjectInformationA(h, NULL, &info), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsObjectInformationA(h, &computer, NULL), ERROR_INVALID_PARAMETER);
}

/* ------------------------------------------------------------------------ */
/* SetNtmsObjectInformation */

static void test_set_pool_information(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, after;
    NTMS_GUID pool, parent_before;

    assert_int_equal(CreateNtmsMediaPoolA(h, "SetInfoPool", NULL, NTMS_CREATE_NEW, NULL, &pool),
                     ERROR_SUCCESS);
    assert_int_equal(get_info(h, &pool, NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
    assert_string_equal(info.szName, "SetInfoPool");
    parent_before = info.Info.MediaPool.Parent;

    strcpy(info.szName, "RenamedPool");
    strcpy(info.szDescription, "pool renamed by test_objects");
    /* Read-only fields: the service must ignore them. */
    info.Info.MediaPool.dwNumberOfPhysicalMedia = 99;
    info.Info.MediaPool.dwNumberOfMediaPools = 42;
    info.Info.MediaPool.PoolType = NTMS_POOLTYPE_SCRATCH;
    memset(&info.Info.MediaPool.Parent, 0x77, sizeof(NTMS_GUID));
    assert_int_equal(SetNtmsObjectInformationA(h, &pool, &info), ERROR_SUCCESS);

    assert_int_equal(get_info(h, &pool, NTMS_MEDIA_POOL, &after), ERROR_SUCCESS);
    assert_string_equal(after.szName, "RenamedPool");
    assert_string_equal(after.szDescription, "pool renamed by test_objects");
    assert_int_equal(after.Info.MediaPool.dwNumberOfPhysicalMedia, 0);
    assert_int_equal(after.Info.MediaPool.dwNumberOfMediaPools, 0);
    assert_int_equal(after.Info.MediaPool.PoolType, NTMS_POOLTYPE_APPLICATION);
    assert_true(same_guid(&after.Info.MediaPool.Parent, &parent_before));

    assert_int_equal(DeleteNtmsMediaPool(h, &pool), ERROR_SUCCESS);
}

static void test_set_information_w(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONW winfo;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID pool;

    assert_int_equal(CreateNtmsMediaPoolA(h, "WidePool", NULL, NTMS_CREATE_NEW, NULL, &pool),
                     ERROR_SUCCESS);
    assert_int_equal(get_info_w(h, &pool, NTMS_MEDIA_POOL, &winfo), ERROR_SUCCESS);
    assert_true(wcscmp(winfo.szName, L"WidePool") == 0);
    wcscpy(winfo.szName, L"Sauvegarde-\u00e9t\u00e9");
    wcscpy(winfo.szDescription, L"\u65e5\u672c\u8a9e \U0001F4BE");
    assert_int_equal(SetNtmsObjectInformationW(h, &pool, &winfo), ERROR_SUCCESS);

    assert_int_equal(get_info_w(h, &pool, NTMS_MEDIA_POOL, &winfo), ERROR_SUCCESS);
    assert_true(wcscmp(winfo.szName, L"Sauvegarde-\u00e9t\u00e9") == 0);
    assert_true(wcscmp(winfo.szDescription, L"\u65e5\u672c\u8a9e \U0001F4BE") == 0);
    assert_int_equal(get_info(h, &pool, NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
    assert_string_equal(info.szName, "Sauvegarde-\xc3\xa9t\xc3\xa9");

    /* A lone surrogate is not text; 63 wide characters of 'é' do not fit in
     * the 63 bytes a name holds as UTF-8. Neither changes anything. */
    winfo.szName[0] = (wchar_t)0xD800;
    assert_int_equal(SetNtmsObjectInformationW(h, &pool, &winfo), ERROR_INVALID_PARAMETER);
    for (int i = 0; i < NTMS_OBJECTNAME_LENGTH - 1; i++)
        winfo.szName[i] = L'\u00e9';
    winfo.szName[NTMS_OBJECTNAME_LENGTH - 1] = 0;
    assert_int_equal(SetNtmsObjectInformationW(h, &pool, &winfo), ERROR_INVALID_PARAMETER);
    assert_int_equal(get_info(h, &pool, NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
    assert_string_equal(info.szName, "Sauvegarde-\xc3\xa9t\xc3\xa9");

    assert_int_equal(DeleteNtmsMediaPool(h, &pool), ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* Attributes */

static void test_attributes(void **state)
{
    HANDLE h = *state;
    NTMS_GUID computer;
    char buf[64], name[NTMS_MAXATTR_NAMELEN + 1];
    unsigned char *big;
    DWORD size;

    assert_int_equal(enumerate(h, NULL, NTMS_COMPUTER, &computer), 1);
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", "blue", 5),
                     ERROR_SUCCESS);
    size = sizeof(buf);
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", buf, &size),
                     ERROR_SUCCESS);
    assert_int_equal(size, 5);
    assert_string_equal(buf, "blue");

    /* Too small a buffer: the needed size comes back. */
    size = 2;
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", buf, &size),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 5);
    size = 0;
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", NULL, &size),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 5);

    size = sizeof(buf);
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "missing", buf, &size),
                     ERROR_OBJECT_NOT_FOUND);

    /* Names hold NTMS_MAXATTR_NAMELEN - 1 characters. */
    memset(name, 'n', sizeof(name));
    name[NTMS_MAXATTR_NAMELEN] = '\0';
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, name, "x", 1),
                     ERROR_INVALID_NAME);
    name[NTMS_MAXATTR_NAMELEN - 1] = '\0';
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, name, "x", 1),
                     ERROR_SUCCESS);

    /* Values stay below NTMS_MAXATTR_LENGTH bytes. */
    big = calloc(1, NTMS_MAXATTR_LENGTH);
    assert_non_null(big);
    big[0] = 0xAB;
    big[NTMS_MAXATTR_LENGTH - 2] = 0xCD;
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "big", big,
                                             NTMS_MAXATTR_LENGTH), ERROR_NO_DATA);
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "big", big,
                                             NTMS_MAXATTR_LENGTH - 1), ERROR_SUCCESS);
    memset(big, 0, NTMS_MAXATTR_LENGTH);
    size = NTMS_MAXATTR_LENGTH;
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "big", big, &size),
                     ERROR_SUCCESS);
    assert_int_equal(size, NTMS_MAXATTR_LENGTH - 1);
    assert_int_equal(big[0], 0xAB);
    assert_int_equal(big[NTMS_MAXATTR_LENGTH - 2], 0xCD);
    free(big);

    /* NULL pointers. */
    size = sizeof(buf);
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, NULL, buf, &size),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", buf, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsObjectAttributeA(h, NULL, NTMS_COMPUTER, "colour", buf, &size),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, NULL, "x", 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "colour", NULL, 4),
                     ERROR_INVALID_PARAMETER);

    /* The W names are the same names. */
    assert_int_equal(SetNtmsObjectAttributeW(h, &computer, NTMS_COMPUTER, L"cl\u00e9", "v", 2),
                     ERROR_SUCCESS);
    size = sizeof(buf);
    assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, "cl\xc3\xa9", buf,
                                             &size), ERROR_SUCCESS);
    assert_int_equal(size, 2);
    size = sizeof(buf);
    assert_int_equal(GetNtmsObjectAttributeW(h, &computer, NTMS_COMPUTER, L"colour", buf, &size),
                     ERROR_SUCCESS);
    assert_string_equal(buf, "blue");

    /* A size of zero deletes. */
    const char *names[] = { "colour", "cl\xc3\xa9", "big", name };
    for (size_t i = 0; i < COUNT(names); i++) {
        assert_int_equal(SetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, names[i], NULL, 0),
                         ERROR_SUCCESS);
        size = sizeof(buf);
        assert_int_equal(GetNtmsObjectAttributeA(h, &computer, NTMS_COMPUTER, names[i], buf,
                                                 &size), ERROR_OBJECT_NOT_FOUND);
    }
}

/* ------------------------------------------------------------------------ */
/* Media pools */

static void expect_pool_name(HANDLE h, NTMS_GUID *pool, const char *expected)
{
    char buf[NTMS_POOLHIERARCHY_LENGTH];
    DWORD size = sizeof(buf);

    assert_int_equal(GetNtmsMediaPoolNameA(h, pool, buf, &size), ERROR_SUCCESS);
    assert_string_equal(buf, expected);
    assert_int_equal(size, strlen(expected) + 1);
}

static void test_pools(void **state)
{
    HANDLE h = *state;
    NTMS_GUID types[MAX_LIST], list[MAX_LIST], app, pool1, pool2, again, free_pool;
    NTMS_OBJECTINFORMATIONA info;
    char buf[8];
    DWORD size;

    assert_true(enumerate(h, NULL, NTMS_MEDIA_TYPE, types) >= 1);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App", NULL, NTMS_CREATE_NEW, NULL, &app),
                     ERROR_SUCCESS);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool1", &types[0], NTMS_CREATE_NEW, NULL,
                                          &pool1), ERROR_SUCCESS);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool1", &types[0], NTMS_CREATE_NEW, NULL,
                                          &again), ERROR_ALREADY_EXISTS);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool1", NULL, NTMS_OPEN_EXISTING, NULL,
                                          &again), ERROR_SUCCESS);
    assert_true(same_guid(&again, &pool1));
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Nope", NULL, NTMS_OPEN_EXISTING, NULL,
                                          &again), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool1", &types[0], NTMS_OPEN_ALWAYS, NULL,
                                          &again), ERROR_SUCCESS);
    assert_true(same_guid(&again, &pool1));
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool2", &types[0], NTMS_OPEN_ALWAYS, NULL,
                                          &pool2), ERROR_SUCCESS);
    assert_false(same_guid(&pool2, &pool1));

    /* The hierarchy as the service sees it. */
    assert_int_equal(enumerate(h, &app, NTMS_MEDIA_POOL, list), 2);
    assert_int_equal(get_info(h, &pool1, NTMS_MEDIA_POOL, &info), ERROR_SUCCESS);
    assert_string_equal(info.szName, "Pool1");
    assert_true(same_guid(&info.Info.MediaPool.Parent, &app));
    assert_true(same_guid(&info.Info.MediaPool.MediaType, &types[0]));
    assert_int_equal(info.Info.MediaPool.PoolType, NTMS_POOLTYPE_APPLICATION);

    /* Full names, and the needed size (characters with the NUL). */
    expect_pool_name(h, &app, "App");
    expect_pool_name(h, &pool1, "App\\Pool1");
    size = 3;
    assert_int_equal(GetNtmsMediaPoolNameA(h, &pool1, buf, &size), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 10);
    size = 0;
    assert_int_equal(GetNtmsMediaPoolNameA(h, &pool1, NULL, &size), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 10);
    assert_int_equal(GetNtmsMediaPoolNameA(h, &pool1, buf, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsMediaPoolNameA(h, NULL, buf, &size), ERROR_INVALID_PARAMETER);

    /* Argument checks. */
    assert_int_equal(CreateNtmsMediaPoolA(h, NULL, NULL, NTMS_OPEN_ALWAYS, NULL, &again),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App\\Pool3", NULL, NTMS_OPEN_ALWAYS, NULL, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(DeleteNtmsMediaPool(h, NULL), ERROR_INVALID_PARAMETER);

    /* Deleting: not while it holds pools, never a system pool. */
    assert_int_equal(DeleteNtmsMediaPool(h, &app), ERROR_NOT_EMPTY);
    find_system_pool(h, NTMS_POOLTYPE_SCRATCH, &free_pool);
    assert_int_equal(DeleteNtmsMediaPool(h, &free_pool), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(DeleteNtmsMediaPool(h, &pool1), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMediaPool(h, &pool2), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMediaPool(h, &app), ERROR_SUCCESS);
    assert_int_equal(get_info(h, &pool1, NTMS_MEDIA_POOL, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(CreateNtmsMediaPoolA(h, "App", NULL, NTMS_OPEN_EXISTING, NULL, &again),
                     ERROR_OBJECT_NOT_FOUND);
}

static void test_pools_w(void **state)
{
    HANDLE h = *state;
    const wchar_t *name = L"Sauvegarde-\u00e9t\u00e9";
    NTMS_GUID pool, again;
    wchar_t wbuf[64];
    char buf[64];
    DWORD size;

    assert_int_equal(CreateNtmsMediaPoolW(h, name, NULL, NTMS_CREATE_NEW, NULL, &pool),
                     ERROR_SUCCESS);
    assert_int_equal(CreateNtmsMediaPoolA(h, "Sauvegarde-\xc3\xa9t\xc3\xa9", NULL,
                                          NTMS_OPEN_EXISTING, NULL, &again), ERROR_SUCCESS);
    assert_true(same_guid(&again, &pool));

    size = 64;
    assert_int_equal(GetNtmsMediaPoolNameW(h, &pool, wbuf, &size), ERROR_SUCCESS);
    assert_true(wcscmp(wbuf, name) == 0);
    assert_int_equal(size, wcslen(name) + 1);
    size = 5;
    assert_int_equal(GetNtmsMediaPoolNameW(h, &pool, wbuf, &size), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, wcslen(name) + 1);
    size = sizeof(buf);
    assert_int_equal(GetNtmsMediaPoolNameA(h, &pool, buf, &size), ERROR_SUCCESS);
    assert_string_equal(buf, "Sauvegarde-\xc3\xa9t\xc3\xa9");
    assert_int_equal(size, strlen(buf) + 1);

    const wchar_t bad[] = { L'x', (wchar_t)0xDFFF, 0 };
    assert_int_equal(CreateNtmsMediaPoolW(h, bad, NULL, NTMS_CREATE_NEW, NULL, &again),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(CreateNtmsMediaPoolW(h, NULL, NULL, NTMS_CREATE_NEW, NULL, &again),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(DeleteNtmsMediaPool(h, &pool), ERROR_SUCCESS);
}

/* A malformed security descriptor is caught before anything is sent. */
static void test_pool_security_descriptor(void **state)
{
    HANDLE h = *state;
    unsigned char sd[20] = { 2, 0, 0x00, 0x80 }; /* revision 2: not one */
    SECURITY_ATTRIBUTES sa = { sizeof(sa), sd, 0 };
    NTMS_GUID pool;

    assert_int_equal(CreateNtmsMediaPoolA(h, "Secured", NULL, NTMS_CREATE_NEW, &sa, &pool),
                     ERROR_INVALID_PARAMETER);
    sd[0] = 1;
    sd[3] = 0; /* not self-relative */
    assert_int_equal(CreateNtmsMediaPoolA(h, "Secured", NULL, NTMS_CREATE_NEW, &sa, &pool),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(CreateNtmsMediaPoolA(h, "Secured", NULL, NTMS_OPEN_EXISTING, NULL, &pool),
                     ERROR_OBJECT_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */
/* Not implemented yet */

static void test_unimplemented(void **state)
{
    HANDLE h = *state;
    NTMS_GUID media;

    memset(&media, 0x42, sizeof(media));
    assert_int_equal(ImportNtmsDatabase(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(ImportNtmsDatabase(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);
    /* checked before the service is asked */
    assert_int_equal(MountNtmsMedia(h, &media, NULL, 1, 0, 0, 0, NULL), ERROR_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_enumerate_every_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offline_library, setup, teardown),
        cmocka_unit_test_setup_teardown(test_system_pools, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enumerate_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_information_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_pool_information, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_information_w, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pools_w, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_security_descriptor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unimplemented, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
