/*
 * fixture.c - see fixture.h. The world's objects set every member of their
 * information structure to a distinct, non-default value (including the
 * largest DWORD, full-length strings and a full OMID label), so a member the
 * store forgets or truncates shows up in the byte comparison.
 */
#include "fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

/* --- databases ---------------------------------------------------------- */

void fx_db_open(fx_db_t *db)
{
    snprintf(db->dir, sizeof db->dir, "/tmp/rsm-store-test-XXXXXX");
    assert_non_null(mkdtemp(db->dir));
    snprintf(db->path, sizeof db->path, "%s/rsm.db", db->dir);
    assert_int_equal(store_open(db->path, &db->st), 0);
}

void fx_db_close(fx_db_t *db)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[128];

    store_close(db->st);
    db->st = NULL;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(p, sizeof p, "%s%s", db->path, suffixes[i]);
        unlink(p);
    }
    rmdir(db->dir);
}

void fx_raw_sql(const fx_db_t *db, const char *sql)
{
    sqlite3 *raw;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(db->path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 2000);
    int rc = sqlite3_exec(raw, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("raw SQL failed: %s: %s", sql, msg ? msg : "?");
    sqlite3_close(raw);
}

long long fx_raw_int(const char *path, const char *sql)
{
    sqlite3 *raw;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(raw);
    return v;
}

store_t *fx_open_memory(void)
{
    store_t *st = NULL;
    assert_int_equal(store_open(":memory:", &st), 0);
    assert_non_null(st);
    return st;
}

/* --- GUIDs and common fields -------------------------------------------- */

static uint32_t fx_counter;

void fx_guid(NTMS_GUID *g)
{
    memset(g, 0, sizeof *g);
    g->Data1 = 0xA0000000u + ++fx_counter;
    g->Data2 = 0x1234;
    g->Data3 = 0x5678;
    for (int i = 0; i < 8; i++)
        g->Data4[i] = (uint8_t)(0x90 + i + fx_counter);
}

void fx_guid_sql(const NTMS_GUID *g, char out[40])
{
    uint8_t b[16];
    wire_guid_to_bytes(g, b);
    int n = snprintf(out, 40, "x'");
    for (int i = 0; i < 16; i++)
        n += snprintf(out + n, (size_t)(40 - n), "%02x", b[i]);
    snprintf(out + n, (size_t)(40 - n), "'");
}

int fx_guid_eq(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static void fx_time(SYSTEMTIME *t, int64_t ms)
{
    wire_time_to_systemtime(ms, t);
}

void fx_init(NTMS_OBJECTINFORMATIONA *o, DWORD type, const char *name)
{
    memset(o, 0, sizeof *o);
    o->dwSize = sizeof *o;
    o->dwType = type;
    fx_guid(&o->ObjectGuid);
    fx_time(&o->Created, 1600000000000LL + fx_counter);
    fx_time(&o->Modified, 1600000500000LL + fx_counter);
    o->Enabled = 1;
    o->dwOperationalState = NTMS_NEEDS_SERVICE;
    snprintf(o->szName, sizeof o->szName, "%s", name);
    snprintf(o->szDescription, sizeof o->szDescription, "the %s of the test world", name);
}

/* A string filling the whole array but the terminator. */
static void fill_string(char *dst, size_t size, char c)
{
    memset(dst, c, size - 1);
    dst[size - 1] = '\0';
}

/* --- round trip ---------------------------------------------------------- */

/* What the store computes on read and therefore must not take from input. */
static void zero_derived(NTMS_OBJECTINFORMATIONA *o)
{
    switch (o->dwType) {
    case NTMS_LIBRARY: {
        NTMS_LIBRARYINFORMATION *l = &o->Info.Library;
        l->dwNumberOfDrives = l->dwNumberOfSlots = l->dwNumberOfDoors = l->dwNumberOfPorts = 0;
        l->dwNumberOfChangers = l->dwNumberOfMedia = l->dwNumberOfMediaTypes = l->dwNumberOfLibRequests = 0;
        memset(&l->Reserved, 0, sizeof l->Reserved);
        break;
    }
    case NTMS_DRIVE:
        memset(&o->Info.Drive.Reserved, 0, sizeof o->Info.Drive.Reserved);
        break;
    case NTMS_MEDIA_POOL:
        o->Info.MediaPool.dwNumberOfPhysicalMedia = 0;
        o->Info.MediaPool.dwNumberOfLogicalMedia = 0;
        o->Info.MediaPool.dwNumberOfMediaPools = 0;
        break;
    case NTMS_PHYSICAL_MEDIA:
        o->Info.PhysicalMedia.dwNumberOfPartitions = 0;
        break;
    case NTMS_LOGICAL_MEDIA:
        o->Info.LogicalMedia.dwNumberOfPartitions = 0;
        break;
    default:
        break;
    }
}

void fx_insert_and_verify(store_t *st, const NTMS_OBJECTINFORMATIONA *o)
{
    NTMS_OBJECTINFORMATIONA expect = *o, got;
    assert_int_equal(store_insert(st, o), 0);
    assert_int_equal(store_get(st, &o->ObjectGuid, &got), 0);
    zero_derived(&expect);
    expect.dwSize = sizeof expect;
    /* member by member for a readable failure, then every byte */
    assert_int_equal(got.dwType, expect.dwType);
    assert_string_equal(got.szName, expect.szName);
    assert_string_equal(got.szDescription, expect.szDescription);
    assert_memory_equal(&got.Created, &expect.Created, sizeof got.Created);
    assert_memory_equal(&got.Modified, &expect.Modified, sizeof got.Modified);
    assert_int_equal(got.Enabled, expect.Enabled);
    assert_int_equal(got.dwOperationalState, expect.dwOperationalState);
    assert_memory_equal(&got.Info, &expect.Info, sizeof got.Info);
    assert_memory_equal(&got, &expect, sizeof got);
}

/* --- the world ----------------------------------------------------------- */

DWORD fx_add_pool(store_t *st, const NTMS_GUID *parent, const char *name, DWORD pool_type,
                  const NTMS_GUID *media_type, NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_MEDIA_POOL, name);
    o.Info.MediaPool.PoolType = pool_type;
    if (media_type)
        o.Info.MediaPool.MediaType = *media_type;
    if (parent)
        o.Info.MediaPool.Parent = *parent;
    *out = o.ObjectGuid;
    return store_insert(st, &o);
}

void fx_add_media(store_t *st, const NTMS_GUID *pool, const NTMS_GUID *media_type, const NTMS_GUID *library,
                  int sides, NTMS_GUID *pmid)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_PHYSICAL_MEDIA, "tape");
    o.Info.PhysicalMedia.MediaPool = *pool;
    o.Info.PhysicalMedia.MediaType = *media_type;
    if (library)
        o.Info.PhysicalMedia.CurrentLibrary = *library;
    *pmid = o.ObjectGuid;
    assert_int_equal(store_insert(st, &o), 0);
    for (int i = 0; i < sides; i++) {
        NTMS_OBJECTINFORMATIONA s;
        fx_init(&s, NTMS_PARTITION, "side");
        s.Info.Partition.PhysicalMedia = *pmid;
        s.Info.Partition.Side = (WORD)i;
        assert_int_equal(store_insert(st, &s), 0);
    }
}

static void world_devices(store_t *st, fx_world_t *w)
{
    NTMS_OBJECTINFORMATIONA o;

    fx_init(&o, NTMS_COMPUTER, "host");
    o.Info.Computer = (NTMS_COMPUTERINFORMATION){259200, 172800, 1, 3, 2};
    w->computer = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_LIBRARY, "Ünïcode library");
    NTMS_LIBRARYINFORMATION *l = &o.Info.Library;
    l->LibraryType = NTMS_LIBRARYTYPE_ONLINE;
    l->LibrarySupportsDriveCleaning = 1;
    l->BarCodeReaderInstalled = 1;
    l->InventoryMethod = 3;
    l->dwCleanerUsesRemaining = 0xFFFFFFFFu;
    l->FirstDriveNumber = 1, l->FirstSlotNumber = 2, l->FirstDoorNumber = 3;
    l->FirstPortNumber = 4, l->FirstChangerNumber = 5;
    l->dwNumberOfDrives = l->dwNumberOfSlots = l->dwNumberOfMedia = 77; /* ignored */
    l->AutoRecovery = 1;
    l->dwFlags = 0x1B;
    fill_string(o.szDescription, sizeof o.szDescription, 'd');
    w->library = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_CHANGER_TYPE, "changer type");
    snprintf(o.Info.ChangerType.szVendor, sizeof o.Info.ChangerType.szVendor, "STK");
    fill_string(o.Info.ChangerType.szProduct, sizeof o.Info.ChangerType.szProduct, 'p');
    o.Info.ChangerType.DeviceType = 0x30;
    w->changer_type = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_CHANGER, "changer");
    NTMS_CHANGERINFORMATIONA *c = &o.Info.Changer;
    c->Number = 7;
    c->ChangerType = w->changer_type;
    snprintf(c->szSerialNumber, sizeof c->szSerialNumber, "SN-CHG-1");
    snprintf(c->szRevision, sizeof c->szRevision, "0104");
    snprintf(c->szDeviceName, sizeof c->szDeviceName, "/dev/sg3");
    c->ScsiPort = 1, c->ScsiBus = 2, c->ScsiTarget = 3, c->ScsiLun = 65535;
    c->Library = w->library;
    w->changer = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    for (int i = 0; i < 2; i++) {
        fx_init(&o, NTMS_STORAGESLOT, i ? "slot 2" : "slot 1");
        o.Info.StorageSlot = (NTMS_STORAGESLOTINFORMATION){(DWORD)i + 1, NTMS_SLOTSTATE_FULL, w->library};
        w->slot[i] = o.ObjectGuid;
        fx_insert_and_verify(st, &o);
    }

    fx_init(&o, NTMS_IEDOOR, "door");
    o.Info.IEDoor = (NTMS_IEDOORINFORMATION){1, NTMS_DOORSTATE_OPEN, 600, w->library};
    w->door = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_IEPORT, "port");
    o.Info.IEPort =
        (NTMS_IEPORTINFORMATION){1, NTMS_PORTCONTENT_FULL, NTMS_PORTPOSITION_EXTENDED, 65535, w->library};
    w->port = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_DRIVE_TYPE, "drive type");
    snprintf(o.Info.DriveType.szVendor, sizeof o.Info.DriveType.szVendor, "IBM");
    snprintf(o.Info.DriveType.szProduct, sizeof o.Info.DriveType.szProduct, "ULT3580-TD8");
    o.Info.DriveType.NumberOfHeads = 2;
    o.Info.DriveType.DeviceType = FILE_DEVICE_TAPE;
    w->drive_type = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_MEDIA_TYPE, "LTO Ultrium");
    o.Info.MediaType = (NTMS_MEDIATYPEINFORMATION){LTO_Ultrium, 2, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE};
    w->media_type = o.ObjectGuid;
    fx_insert_and_verify(st, &o);
    assert_int_equal(store_add_library_media_type(st, &w->library, &w->media_type), 0);
}

static void world_pools(store_t *st, fx_world_t *w)
{
    NTMS_OBJECTINFORMATIONA o;

    fx_init(&o, NTMS_MEDIA_POOL, "");
    o.Info.MediaPool.PoolType = NTMS_POOLTYPE_UNKNOWN;
    w->root = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_MEDIA_POOL, "Free");
    o.Info.MediaPool.PoolType = NTMS_POOLTYPE_SCRATCH;
    o.Info.MediaPool.dwNumberOfMediaPools = 99; /* ignored */
    w->free = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_MEDIA_POOL, "LTO Ultrium");
    o.Info.MediaPool =
        (NTMS_MEDIAPOOLINFORMATION){NTMS_POOLTYPE_SCRATCH, w->media_type, w->free, 1, 1, 5, 1, 2, 3};
    w->free_sub = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_MEDIA_POOL, "Backup");
    o.Info.MediaPool = (NTMS_MEDIAPOOLINFORMATION){NTMS_POOLTYPE_APPLICATION, w->media_type, {0}, 1, 0,
                                                  0xFFFFFFFFu, 4, 5, 6};
    w->app = o.ObjectGuid;
    fx_insert_and_verify(st, &o);
}

static void world_media(store_t *st, fx_world_t *w)
{
    NTMS_OBJECTINFORMATIONA o;

    fx_init(&o, NTMS_PHYSICAL_MEDIA, "tape 1");
    NTMS_PMIDINFORMATIONA *p = &o.Info.PhysicalMedia;
    p->CurrentLibrary = w->library;
    p->MediaPool = w->app;
    p->Location = w->slot[0];
    p->LocationType = NTMS_STORAGESLOT;
    p->MediaType = w->media_type;
    p->HomeSlot = w->slot[0];
    fill_string(p->szBarCode, sizeof p->szBarCode, 'B');
    p->BarCodeState = NTMS_BARCODESTATE_OK;
    snprintf(p->szSequenceNumber, sizeof p->szSequenceNumber, "seq-17");
    p->MediaState = NTMS_MEDIASTATE_LOADED;
    p->dwNumberOfPartitions = 42; /* ignored */
    p->dwMediaTypeCode = 0x58;
    p->dwDensityCode = 0x5A;
    w->pmid = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_LOGICAL_MEDIA, "allocated tape");
    o.Info.LogicalMedia.MediaPool = w->app;
    o.Info.LogicalMedia.dwNumberOfPartitions = 9; /* ignored */
    w->lmid = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    for (int i = 0; i < 2; i++) {
        fx_init(&o, NTMS_PARTITION, i ? "side B" : "side A");
        NTMS_PARTITIONINFORMATIONA *s = &o.Info.Partition;
        s->PhysicalMedia = w->pmid;
        s->LogicalMedia = w->lmid;
        s->State = NTMS_PARTSTATE_ALLOCATED;
        s->Side = (WORD)i;
        s->dwOmidLabelIdLength = i ? sizeof s->OmidLabelId : 6;
        for (size_t b = 0; b < s->dwOmidLabelIdLength; b++)
            s->OmidLabelId[b] = (BYTE)(b * 7); /* includes zero bytes */
        snprintf(s->szOmidLabelType, sizeof s->szOmidLabelType, "MTF Media Label");
        fill_string(s->szOmidLabelInfo, sizeof s->szOmidLabelInfo, 'i');
        s->dwMountCount = 12;
        s->dwAllocateCount = 3;
        s->Capacity.QuadPart = i ? 12000000000000LL : -1;
        w->side[i] = o.ObjectGuid;
        fx_insert_and_verify(st, &o);
    }

    fx_init(&o, NTMS_DRIVE, "drive 0");
    NTMS_DRIVEINFORMATIONA *d = &o.Info.Drive;
    d->Number = 0;
    d->State = NTMS_DRIVESTATE_LOADED;
    d->DriveType = w->drive_type;
    snprintf(d->szDeviceName, sizeof d->szDeviceName, "/dev/nst0");
    fill_string(d->szSerialNumber, sizeof d->szSerialNumber, 's');
    snprintf(d->szRevision, sizeof d->szRevision, "K5Z1");
    d->ScsiPort = 4, d->ScsiBus = 0, d->ScsiTarget = 6, d->ScsiLun = 1;
    d->dwMountCount = 1234;
    fx_time(&d->LastCleanedTs, 1650000000999LL);
    d->SavedPartitionId = w->side[0];
    d->Library = w->library;
    d->dwDeferDismountDelay = 300;
    w->drive = o.ObjectGuid;
    fx_insert_and_verify(st, &o);
}

static void world_requests(store_t *st, fx_world_t *w)
{
    NTMS_OBJECTINFORMATIONA o;

    fx_init(&o, NTMS_LIBREQUEST, "mount");
    NTMS_LIBREQUESTINFORMATIONA *r = &o.Info.LibRequest;
    r->OperationCode = NTMS_LM_MOUNT;
    r->OperationOption = 2;
    r->State = 4;
    r->PartitionId = w->side[1];
    r->DriveId = w->drive;
    r->PhysMediaId = w->pmid;
    r->Library = w->library;
    r->SlotId = w->slot[1];
    fx_time(&r->TimeQueued, 1700000000001LL);
    fx_time(&r->TimeCompleted, 1700000060002LL);
    snprintf(r->szApplication, sizeof r->szApplication, "backup");
    snprintf(r->szUser, sizeof r->szUser, "operator");
    fill_string(r->szComputer, sizeof r->szComputer, 'c');
    r->dwErrorCode = 4319;
    fx_guid(&r->WorkItemId); /* not an object: stored as is */
    r->dwPriority = 0xFFFFFFF0u;
    w->libreq = o.ObjectGuid;
    fx_insert_and_verify(st, &o);

    fx_init(&o, NTMS_OPREQUEST, "new media");
    NTMS_OPREQUESTINFORMATIONA *q = &o.Info.OpRequest;
    q->Request = NTMS_OPREQ_NEWMEDIA;
    fx_time(&q->Submitted, 1700000000777LL);
    q->State = NTMS_OPSTATE_ACTIVE;
    fill_string(q->szMessage, sizeof q->szMessage, 'm');
    q->Arg1Type = NTMS_MEDIA_POOL;
    q->Arg1 = w->app;
    q->Arg2Type = NTMS_LIBRARY;
    q->Arg2 = w->library;
    snprintf(q->szApplication, sizeof q->szApplication, "backup");
    snprintf(q->szUser, sizeof q->szUser, "root");
    snprintf(q->szComputer, sizeof q->szComputer, "host");
    w->opreq = o.ObjectGuid;
    fx_insert_and_verify(st, &o);
}

void fx_build_world(store_t *st, fx_world_t *w)
{
    world_devices(st, w);
    world_pools(st, w);
    world_media(st, w);
    world_requests(st, w);
}

int fx_world_setup(void **state)
{
    fx_world_db_t *c = calloc(1, sizeof *c);
    assert_non_null(c);
    fx_db_open(&c->db);
    fx_build_world(c->db.st, &c->w);
    *state = c;
    return 0;
}

int fx_world_teardown(void **state)
{
    fx_world_db_t *c = *state;
    fx_db_close(&c->db);
    free(c);
    return 0;
}

/* --- store_check ---------------------------------------------------------- */

void fx_expect_problem(fx_db_t *db, const char *sql, const char *needle)
{
    char why[512] = "untouched";
    assert_int_equal(store_check(db->st, why, sizeof why), 0);
    assert_string_equal(why, "");
    fx_raw_sql(db, sql);
    assert_int_equal(store_check(db->st, why, sizeof why), ERROR_DATABASE_FAILURE);
    if (strstr(why, needle) == NULL)
        fail_msg("store_check said \"%s\", expected it to mention \"%s\"", why, needle);
}
