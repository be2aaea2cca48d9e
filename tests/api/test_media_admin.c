/*
 * test_media_admin.c - the media functions other than allocation, through
 * librsm against a private rsmd with the virtual library of library.conf
 * (or the library the environment names, mediatest.h):
 * CreateNtmsMediaA/W, DeleteNtmsMedia, MoveToNtmsMediaPool (with the
 * library's own cartridges, which an inventory puts in Unrecognized),
 * ChangeNtmsMediaType, Add/DeleteNtmsMediaType, SwapNtmsMedia and
 * UpdateNtmsOmidInfo, each with the errors its page documents.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "mediatest.h"

#define MO "MO 5.25\" RW"

static const NTMS_GUID null_guid;

/* The system pool `kind` ("Free", "Import", "Unrecognized") of the
 * library's media type. */
static NTMS_GUID library_type_pool(HANDLE h, const char *kind)
{
    char path[64];

    snprintf(path, sizeof path, "%s\\%s", kind, mt_library_type());
    return mt_pool(h, path, NULL);
}

/* A medium and its sides as CreateNtmsMedia wants them. */
static void blank_media(NTMS_OBJECTINFORMATIONA *media, NTMS_OBJECTINFORMATIONA *sides, DWORD n, NTMS_GUID *pool)
{
    memset(media, 0, sizeof *media);
    media->dwSize = sizeof *media;
    media->dwType = NTMS_PHYSICAL_MEDIA;
    media->Enabled = TRUE;
    media->Info.PhysicalMedia.MediaPool = *pool;
    media->Info.PhysicalMedia.dwNumberOfPartitions = n;
    memset(sides, 0, n * sizeof *sides);
    for (DWORD i = 0; i < n; i++) {
        sides[i].dwSize = sizeof sides[i];
        sides[i].dwType = NTMS_PARTITION;
        sides[i].Enabled = TRUE;
        sides[i].Info.Partition.State = NTMS_PARTSTATE_AVAILABLE;
    }
}

/* ------------------------------------------------------------------------ */
/* CreateNtmsMedia */

static void test_create_two_sided(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Optical", MO), offline = lt_offline(h), mo = mt_media_type(h, MO);
    NTMS_OBJECTINFORMATIONA media, sides[2], info;
    NTMS_GUID list[LT_MAX];

    blank_media(&media, sides, 2, &pool);
    snprintf(media.Info.PhysicalMedia.szBarCode, NTMS_BARCODE_LENGTH, "OPT001   ");
    snprintf(media.szDescription, sizeof media.szDescription, "platter one");
    snprintf(sides[0].szName, sizeof sides[0].szName, "front");
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_SUCCESS);

    const NTMS_PMIDINFORMATIONA *pm = &media.Info.PhysicalMedia;
    assert_string_equal(media.szName, "OPT001");
    assert_string_equal(media.szDescription, "platter one");
    assert_string_equal(pm->szBarCode, "OPT001");
    assert_int_equal(pm->BarCodeState, NTMS_BARCODESTATE_OK);
    assert_true(pm->szSequenceNumber[0] != '\0');
    assert_int_equal(pm->MediaState, NTMS_MEDIASTATE_IDLE);
    assert_int_equal(pm->LocationType, NTMS_STORAGESLOT);
    assert_guid_equal(&pm->Location, &null_guid);
    assert_guid_equal(&pm->CurrentLibrary, &offline);
    assert_guid_equal(&pm->MediaType, &mo);
    assert_guid_equal(&pm->MediaPool, &pool);
    assert_int_equal(pm->dwNumberOfPartitions, 2);
    assert_int_equal(media.dwOperationalState, NTMS_READY);
    assert_true(media.Created.wYear >= 2024);

    assert_string_equal(sides[0].szName, "front");
    assert_string_equal(sides[1].szName, "OPT001 B");
    for (int i = 0; i < 2; i++) {
        assert_guid_equal(&sides[i].Info.Partition.PhysicalMedia, &media.ObjectGuid);
        assert_int_equal(sides[i].Info.Partition.Side, i);
        assert_int_equal(sides[i].Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
    }
    assert_int_equal(lt_list(h, &media.ObjectGuid, NTMS_PARTITION, list), 2);
    lt_get(h, &pool, NTMS_MEDIA_POOL, &info);
    assert_int_equal(info.Info.MediaPool.dwNumberOfPhysicalMedia, 1);

    /* Both sides belong to the pool with their medium. */
    assert_int_equal(lt_list(h, &pool, NTMS_PARTITION, list), 2);
}

static void test_create_errors(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Create errors", "DLT");
    NTMS_GUID free_pool = mt_pool(h, "Free\\DLT", NULL), parent = mt_pool(h, "Pools only", NULL);
    NTMS_GUID lib = lt_library(h, mt_library_name()), bogus;
    NTMS_OBJECTINFORMATIONA media, sides[2];

    memset(&bogus, 0x42, sizeof bogus);
    blank_media(&media, sides, 1, &pool);
    assert_int_equal(CreateNtmsMediaA(NULL, &media, sides, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(CreateNtmsMediaA(h, NULL, sides, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(CreateNtmsMediaA(h, &media, NULL, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 2), ERROR_INVALID_PARAMETER);
    media.dwSize--;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_PARAMETER);
    media.dwSize++;
    media.dwType = NTMS_PARTITION;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_PARAMETER);
    media.dwType = NTMS_PHYSICAL_MEDIA;
    sides[0].dwType = NTMS_PHYSICAL_MEDIA;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_PARAMETER);
    sides[0].dwType = NTMS_PARTITION;

    /* Pools: unknown, Free, a pool of pools. */
    NTMS_GUID pools[] = {bogus, free_pool, parent};
    for (size_t i = 0; i < sizeof pools / sizeof pools[0]; i++) {
        blank_media(&media, sides, 1, &pools[i]);
        assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_MEDIA_POOL);
    }
    /* Sides that do not match the media type. */
    blank_media(&media, sides, 2, &pool);
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_MEDIA_INCOMPATIBLE);
    /* A library that is not the offline library. */
    blank_media(&media, sides, 1, &pool);
    media.Info.PhysicalMedia.CurrentLibrary = lib;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_PARAMETER);

    /* A bar code that exists. */
    blank_media(&media, sides, 1, &pool);
    snprintf(media.Info.PhysicalMedia.szBarCode, NTMS_BARCODE_LENGTH, "DLT001");
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_SUCCESS);
    blank_media(&media, sides, 1, &pool);
    snprintf(media.Info.PhysicalMedia.szBarCode, NTMS_BARCODE_LENGTH, "DLT001");
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_MEDIA);

    /* An on-media identifier that exists: allowed unless
     * NTMS_ERROR_ON_DUPLICATE. */
    for (int pass = 0; pass < 3; pass++) {
        blank_media(&media, sides, 1, &pool);
        snprintf(sides[0].Info.Partition.szOmidLabelType, NTMS_OMIDLABELTYPE_LENGTH, "MTF");
        memcpy(sides[0].Info.Partition.OmidLabelId, "LABEL-7", 7);
        sides[0].Info.Partition.dwOmidLabelIdLength = 7;
        DWORD want = pass < 2 ? ERROR_SUCCESS : ERROR_INVALID_MEDIA;
        assert_int_equal(CreateNtmsMediaA(h, &media, sides, pass < 2 ? 0 : NTMS_ERROR_ON_DUPLICATE), want);
    }

    /* Held sides: a logical medium comes with them; Reserved needs one. */
    blank_media(&media, sides, 1, &pool);
    sides[0].Info.Partition.State = NTMS_PARTSTATE_RESERVED;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_INVALID_PARAMETER);
    blank_media(&media, sides, 1, &pool);
    sides[0].Info.Partition.State = NTMS_PARTSTATE_ALLOCATED;
    assert_int_equal(CreateNtmsMediaA(h, &media, sides, 0), ERROR_SUCCESS);
    NTMS_GUID lmid = sides[0].Info.Partition.LogicalMedia;
    NTMS_OBJECTINFORMATIONA info;
    lt_get(h, &lmid, NTMS_LOGICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.LogicalMedia.MediaPool, &pool);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

static void test_create_wide(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Wide", "SDLT");
    NTMS_OBJECTINFORMATIONW media, side;
    NTMS_OBJECTINFORMATIONA check;

    memset(&media, 0, sizeof media);
    media.dwSize = sizeof media;
    media.dwType = NTMS_PHYSICAL_MEDIA;
    media.Enabled = TRUE;
    media.Info.PhysicalMedia.MediaPool = pool;
    media.Info.PhysicalMedia.dwNumberOfPartitions = 1;
    wcscpy(media.szName, L"Bänd eins");
    wcscpy(media.Info.PhysicalMedia.szBarCode, L"SD0001");
    memset(&side, 0, sizeof side);
    side.dwSize = sizeof side;
    side.dwType = NTMS_PARTITION;
    side.Enabled = TRUE;
    side.Info.Partition.State = NTMS_PARTSTATE_AVAILABLE;
    assert_int_equal(CreateNtmsMediaW(NULL, &media, &side, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(CreateNtmsMediaW(h, &media, &side, 0), ERROR_SUCCESS);
    assert_true(wcscmp(media.szName, L"Bänd eins") == 0);
    assert_true(wcscmp(side.szName, L"Bänd eins") == 0);
    assert_true(media.Info.PhysicalMedia.szSequenceNumber[0] != 0);
    lt_get(h, &media.ObjectGuid, NTMS_PHYSICAL_MEDIA, &check);
    assert_string_equal(check.szName, "Bänd eins");
    assert_guid_equal(&side.Info.Partition.PhysicalMedia, &media.ObjectGuid);
}

/* ------------------------------------------------------------------------ */
/* DeleteNtmsMedia */

static void test_delete_media(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Doomed", "DDS"), medium, side, lmid, bogus, tape;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID lib = lt_library(h, mt_library_name());
    char bar_code[NTMS_BARCODE_LENGTH];

    memset(&bogus, 0x24, sizeof bogus);
    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "DDS001", &medium, &side);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMedia(NULL, &medium), ERROR_INVALID_HANDLE);
    assert_int_equal(DeleteNtmsMedia(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(DeleteNtmsMedia(h, &bogus), ERROR_INVALID_MEDIA);
    assert_int_equal(DeleteNtmsMedia(h, &side), ERROR_INVALID_MEDIA);
    assert_int_equal(DeleteNtmsMedia(h, &medium), ERROR_INVALID_STATE);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    assert_int_equal(DeleteNtmsMedia(h, &medium), ERROR_SUCCESS);
    assert_int_equal(lt_try_get(h, &medium, NTMS_PHYSICAL_MEDIA, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(lt_try_get(h, &side, NTMS_PARTITION, &info), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(mt_count(h, &pool, NTMS_PHYSICAL_MEDIA), 0);

    /* A cartridge in a library is not offline. */
    lt_inventory(h, &lib);
    assert_true(lt_medium(h, mt_tape(bar_code, sizeof bar_code, 4), &tape));
    assert_int_equal(DeleteNtmsMedia(h, &tape), ERROR_INVALID_STATE);
}

/* ------------------------------------------------------------------------ */
/* MoveToNtmsMediaPool, ChangeNtmsMediaType */

static void test_move_library_media(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = lt_library(h, mt_library_name()), tape, sides[LT_MAX], lmid, bogus;
    NTMS_GUID unrecognized = library_type_pool(h, "Unrecognized");
    NTMS_GUID free_pool = library_type_pool(h, "Free"), import = library_type_pool(h, "Import");
    NTMS_GUID app = mt_pool(h, "Backups", mt_library_type()), dlt = mt_pool(h, "Not LTO", "DLT");
    NTMS_GUID parent = mt_pool(h, "Only pools", NULL);
    char bar_code[NTMS_BARCODE_LENGTH];

    memset(&bogus, 0x11, sizeof bogus);
    lt_inventory(h, &lib);
    assert_true(lt_medium(h, mt_tape(bar_code, sizeof bar_code, 1), &tape));
    NTMS_GUID where = mt_pool_of(h, &tape);
    assert_guid_equal(&where, &unrecognized);
    assert_int_equal(lt_list(h, &tape, NTMS_PARTITION, sides), 1);
    assert_int_equal(mt_side_state(h, &sides[0]), NTMS_PARTSTATE_FOREIGN);

    assert_int_equal(MoveToNtmsMediaPool(NULL, &tape, &free_pool), ERROR_INVALID_HANDLE);
    assert_int_equal(MoveToNtmsMediaPool(h, NULL, &free_pool), ERROR_INVALID_PARAMETER);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MoveToNtmsMediaPool(h, &bogus, &free_pool), ERROR_INVALID_MEDIA);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &bogus), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &parent), ERROR_INVALID_MEDIA_POOL);
    /* Unrecognized media go to Free only. */
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &app), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &free_pool), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &sides[0]), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &free_pool), ERROR_SUCCESS); /* already there */
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &dlt), ERROR_MEDIA_INCOMPATIBLE);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &import), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &app), ERROR_SUCCESS);

    /* An online medium is allocated like any other; allocated, it cannot
     * go back to Free. */
    assert_int_equal(mt_alloc(h, &app, 0, 0, &lmid), ERROR_SUCCESS);
    NTMS_GUID got = mt_side_of(h, &lmid);
    assert_guid_equal(&got, &sides[0]);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &free_pool), ERROR_BUSY);
    /* To another application pool, its logical medium goes along. */
    NTMS_GUID other = mt_pool(h, "Other backups", mt_library_type());
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &other), ERROR_SUCCESS);
    NTMS_OBJECTINFORMATIONA info;
    lt_get(h, &lmid, NTMS_LOGICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.LogicalMedia.MediaPool, &other);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    assert_int_equal(MoveToNtmsMediaPool(h, &tape, &free_pool), ERROR_SUCCESS);
}

static void test_change_media_type(void **state)
{
    HANDLE h = *state;
    NTMS_GUID from = mt_pool(h, "Was AIT", "AIT"), to = mt_pool(h, "Now 3592", "3592");
    NTMS_GUID two_sided = mt_pool(h, "Two sides", MO), t3592 = mt_media_type(h, "3592");
    NTMS_GUID medium, side, bogus;
    NTMS_OBJECTINFORMATIONA info;

    memset(&bogus, 0x66, sizeof bogus);
    mt_create(h, &from, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    assert_int_equal(ChangeNtmsMediaType(NULL, &medium, &to), ERROR_INVALID_HANDLE);
    assert_int_equal(ChangeNtmsMediaType(h, NULL, &to), ERROR_INVALID_PARAMETER);
    assert_int_equal(ChangeNtmsMediaType(h, &medium, &bogus), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(ChangeNtmsMediaType(h, &bogus, &to), ERROR_INVALID_MEDIA);
    /* A type with another number of sides cannot take the medium. */
    assert_int_equal(ChangeNtmsMediaType(h, &medium, &two_sided), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(ChangeNtmsMediaType(h, &medium, &to), ERROR_SUCCESS);
    lt_get(h, &medium, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.MediaType, &t3592);
    assert_guid_equal(&info.Info.PhysicalMedia.MediaPool, &to);
}

/* ------------------------------------------------------------------------ */
/* AddNtmsMediaType, DeleteNtmsMediaType */

static int library_has_type(HANDLE h, NTMS_GUID *lib, NTMS_GUID *type)
{
    NTMS_GUID types[LT_MAX];
    DWORD n = lt_list(h, lib, NTMS_MEDIA_TYPE, types);

    for (DWORD i = 0; i < n; i++)
        if (memcmp(&types[i], type, sizeof *type) == 0)
            return 1;
    return 0;
}

static void test_media_types_of_libraries(void **state)
{
    HANDLE h = *state;
    NTMS_GUID lib = lt_library(h, mt_library_name()), offline = lt_offline(h), bogus, pool;
    NTMS_GUID mo = mt_media_type(h, MO), own = mt_media_type(h, mt_library_type()), ait1 = mt_media_type(h, "AIT-1");

    memset(&bogus, 0x99, sizeof bogus);
    assert_int_equal(AddNtmsMediaType(NULL, &mo, &lib), ERROR_INVALID_HANDLE);
    assert_int_equal(AddNtmsMediaType(h, NULL, &lib), ERROR_INVALID_PARAMETER);
    assert_int_equal(AddNtmsMediaType(h, &mo, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(AddNtmsMediaType(h, &mo, &bogus), ERROR_INVALID_LIBRARY);
    assert_int_equal(AddNtmsMediaType(h, &bogus, &lib), ERROR_INVALID_MEDIA);
    assert_int_equal(AddNtmsMediaType(h, &mo, &lib), ERROR_SUCCESS);
    assert_true(library_has_type(h, &lib, &mo));
    assert_int_equal(AddNtmsMediaType(h, &mo, &lib), ERROR_SUCCESS);

    assert_int_equal(DeleteNtmsMediaType(NULL, &mo, &lib), ERROR_INVALID_HANDLE);
    assert_int_equal(DeleteNtmsMediaType(h, &mo, &bogus), ERROR_INVALID_LIBRARY);
    assert_int_equal(DeleteNtmsMediaType(h, &mo, &lib), ERROR_SUCCESS);
    assert_false(library_has_type(h, &lib, &mo));
    /* The library holds cartridges of its own type. */
    lt_inventory(h, &lib);
    assert_int_equal(DeleteNtmsMediaType(h, &own, &lib), ERROR_NOT_EMPTY);
    assert_true(library_has_type(h, &lib, &own));

    /* A type used nowhere loses its system pools, and gets them back. */
    assert_int_equal(CreateNtmsMediaPoolA(h, "Free\\AIT-1", NULL, NTMS_OPEN_EXISTING, NULL, &pool), ERROR_SUCCESS);
    NTMS_GUID libs[LT_MAX];
    int related[LT_MAX], left = 0;
    DWORD n = lt_list(h, NULL, NTMS_LIBRARY, libs);
    for (DWORD i = 0; i < n; i++)
        left += related[i] = library_has_type(h, &libs[i], &ait1);
    /* The offline library, and the virtual library (every tape type); a
     * SCSI library has only its cartridges' type (its media_type). */
    assert_true(left >= (mt_library_is_virtual() ? 2 : 1));
    for (DWORD i = 0; i < n; i++) {
        assert_int_equal(DeleteNtmsMediaType(h, &ait1, &libs[i]), ERROR_SUCCESS);
        left -= related[i];
        /* The pools stay while a library still has the type. */
        assert_int_equal(CreateNtmsMediaPoolA(h, "Free\\AIT-1", NULL, NTMS_OPEN_EXISTING, NULL, &pool),
                         left > 0 ? ERROR_SUCCESS : ERROR_OBJECT_NOT_FOUND);
    }
    assert_int_equal(CreateNtmsMediaPoolA(h, "Free\\AIT-1", NULL, NTMS_OPEN_EXISTING, NULL, &pool),
                     ERROR_OBJECT_NOT_FOUND);
    /* Without its Free pool, a pool that draws from Free cannot. */
    NTMS_GUID app = mt_pool(h, "AIT-1 user", "AIT-1"), lmid;
    mt_set_policy(h, &app, NTMS_ALLOCATE_FROMSCRATCH, 0, 0);
    assert_int_equal(mt_alloc(h, &app, 0, 0, &lmid), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(AddNtmsMediaType(h, &ait1, &offline), ERROR_SUCCESS);
    assert_int_equal(mt_alloc(h, &app, 0, 0, &lmid), ERROR_TIMEOUT);
    assert_int_equal(CreateNtmsMediaPoolA(h, "Free\\AIT-1", NULL, NTMS_OPEN_EXISTING, NULL, &pool), ERROR_SUCCESS);
    assert_int_equal(CreateNtmsMediaPoolA(h, "Import\\AIT-1", NULL, NTMS_OPEN_EXISTING, NULL, &pool),
                     ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* SwapNtmsMedia, UpdateNtmsOmidInfo */

static void test_swap_media(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Swapping", "T10000"), other = mt_pool(h, "Elsewhere", "T10000");
    NTMS_GUID m[3], s[3], l[3], bogus;

    memset(&bogus, 0x12, sizeof bogus);
    for (int i = 0; i < 2; i++)
        mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &m[i], &s[i]);
    mt_create(h, &other, 1, NTMS_PARTSTATE_AVAILABLE, "", &m[2], &s[2]);
    for (int i = 0; i < 2; i++)
        assert_int_equal(mt_alloc(h, &pool, 0, 0, &l[i]), ERROR_SUCCESS);
    assert_int_equal(mt_alloc(h, &other, 0, 0, &l[2]), ERROR_SUCCESS);
    NTMS_GUID before0 = mt_side_of(h, &l[0]), before1 = mt_side_of(h, &l[1]);

    assert_int_equal(SwapNtmsMedia(NULL, &l[0], &l[1]), ERROR_INVALID_HANDLE);
    assert_int_equal(SwapNtmsMedia(h, NULL, &l[1]), ERROR_INVALID_PARAMETER);
    assert_int_equal(SwapNtmsMedia(h, &l[0], &bogus), ERROR_INVALID_MEDIA);
    assert_int_equal(SwapNtmsMedia(h, &l[0], &l[2]), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(SwapNtmsMedia(h, &l[0], &l[1]), ERROR_SUCCESS);
    NTMS_GUID after0 = mt_side_of(h, &l[0]), after1 = mt_side_of(h, &l[1]);
    assert_guid_equal(&after0, &before1);
    assert_guid_equal(&after1, &before0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(DeallocateNtmsMedia(h, &l[i], 0), ERROR_SUCCESS);
}

static void test_update_omid(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Labelled", "DAT 160"), medium, side, lmid, bogus;
    NTMS_OBJECTINFORMATIONA info;
    char vol1[80];
    NTMS_FILESYSTEM_INFO fs;

    memset(&bogus, 0x21, sizeof bogus);
    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    lt_get(h, &medium, NTMS_PHYSICAL_MEDIA, &info);
    assert_string_equal(info.szName, info.Info.PhysicalMedia.szSequenceNumber);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);

    memset(vol1, ' ', sizeof vol1);
    memcpy(vol1, "VOL1ABC123", 10);
    assert_int_equal(UpdateNtmsOmidInfo(NULL, &lmid, NTMS_OMID_TYPE_RAW_LABEL, sizeof vol1, vol1),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(UpdateNtmsOmidInfo(h, NULL, NTMS_OMID_TYPE_RAW_LABEL, sizeof vol1, vol1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(UpdateNtmsOmidInfo(h, &lmid, 7, sizeof vol1, vol1), ERROR_INVALID_PARAMETER);
    assert_int_equal(UpdateNtmsOmidInfo(h, &lmid, NTMS_OMID_TYPE_FILESYSTEM_INFO, 4, vol1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(UpdateNtmsOmidInfo(h, &bogus, NTMS_OMID_TYPE_RAW_LABEL, sizeof vol1, vol1),
                     ERROR_INVALID_MEDIA);
    assert_int_equal(UpdateNtmsOmidInfo(h, &lmid, NTMS_OMID_TYPE_RAW_LABEL, sizeof vol1, vol1), ERROR_SUCCESS);
    lt_get(h, &side, NTMS_PARTITION, &info);
    assert_string_equal(info.Info.Partition.szOmidLabelType, "ANSI");
    assert_string_equal(info.Info.Partition.szOmidLabelInfo, "ABC123");
    assert_int_equal(info.Info.Partition.dwOmidLabelIdLength, 6);
    assert_memory_equal(info.Info.Partition.OmidLabelId, "ABC123", 6);
    /* No bar code and its default name: the medium takes the label's. */
    lt_get(h, &medium, NTMS_PHYSICAL_MEDIA, &info);
    assert_string_equal(info.szName, "ABC123");

    memset(&fs, 0, sizeof fs);
    wcscpy(fs.FileSystemType, L"UDF");
    wcscpy(fs.VolumeName, L"Archiv März");
    fs.SerialNumber = 0x12345678;
    assert_int_equal(UpdateNtmsOmidInfo(h, &lmid, NTMS_OMID_TYPE_FILESYSTEM_INFO, sizeof fs, &fs), ERROR_SUCCESS);
    lt_get(h, &side, NTMS_PARTITION, &info);
    assert_string_equal(info.Info.Partition.szOmidLabelType, "UDF");
    assert_string_equal(info.Info.Partition.szOmidLabelInfo, "Archiv März");
    assert_int_equal(info.Info.Partition.dwOmidLabelIdLength, 4);
    assert_memory_equal(info.Info.Partition.OmidLabelId, "\x78\x56\x34\x12", 4);
    /* Named once; the name stays. */
    lt_get(h, &medium, NTMS_PHYSICAL_MEDIA, &info);
    assert_string_equal(info.szName, "ABC123");
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_two_sided),
        cmocka_unit_test(test_create_errors),
        cmocka_unit_test(test_create_wide),
        cmocka_unit_test(test_delete_media),
        cmocka_unit_test(test_move_library_media),
        cmocka_unit_test(test_change_media_type),
        cmocka_unit_test(test_media_types_of_libraries),
        cmocka_unit_test(test_swap_media),
        cmocka_unit_test(test_update_omid),
    };

    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
