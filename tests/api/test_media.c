/*
 * test_media.c - AllocateNtmsMedia and DeallocateNtmsMedia through librsm
 * against a private rsmd (run-rsmd.sh): pools running dry, drawing from
 * and returning to Free, dwMaxAllocates, two applications sharing Free,
 * two-sided media with NTMS_ALLOCATE_NEW/NEXT, lpPartition, and
 * allocations that wait for media. Also the per-LMID life cycle:
 * SetNtmsMediaComplete and DecommissionNtmsMedia.
 *
 * The media are offline media made with CreateNtmsMedia; each test has a
 * media type and pools of its own.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mediatest.h"

#define MO "MO 5.25\" RW"

static const NTMS_GUID null_guid;

/* `n` media of `type_name` with `nsides` Available sides, put in the Free
 * pool of that type through a staging pool. */
static void fill_free(HANDLE h, const char *type_name, int n, DWORD nsides, NTMS_GUID *media)
{
    char stage[64], free_path[64];
    NTMS_GUID stage_pool, free_pool;

    snprintf(stage, sizeof stage, "Stage %s", type_name);
    snprintf(free_path, sizeof free_path, "Free\\%s", type_name);
    stage_pool = mt_pool(h, stage, type_name);
    free_pool = mt_pool(h, free_path, NULL);
    for (int i = 0; i < n; i++) {
        mt_create(h, &stage_pool, nsides, NTMS_PARTSTATE_AVAILABLE, "", &media[i], NULL);
        assert_int_equal(MoveToNtmsMediaPool(h, &media[i], &free_pool), ERROR_SUCCESS);
    }
}

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* ------------------------------------------------------------------------ */

static void test_allocate_until_empty(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Until empty", "LTO-1");
    NTMS_GUID media[3], lmid[3], extra;
    NTMS_ALLOCATION_INFORMATION ai = {sizeof ai, NULL, {0}};
    NTMS_OBJECTINFORMATIONA info;
    struct timespec t0;

    for (int i = 0; i < 3; i++)
        mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &media[i], NULL);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid[i], 0, 0, &ai), ERROR_SUCCESS);
        assert_guid_equal(&ai.AllocatedFrom, &pool);
        lt_get(h, &lmid[i], NTMS_LOGICAL_MEDIA, &info);
        assert_guid_equal(&info.Info.LogicalMedia.MediaPool, &pool);
        assert_int_equal(info.Info.LogicalMedia.dwNumberOfPartitions, 1);
        NTMS_GUID side = mt_side_of(h, &lmid[i]);
        lt_get(h, &side, NTMS_PARTITION, &info);
        assert_int_equal(info.Info.Partition.State, NTMS_PARTSTATE_ALLOCATED);
        assert_guid_equal(&info.Info.Partition.LogicalMedia, &lmid[i]);
        assert_int_equal(info.Info.Partition.dwAllocateCount, 1);
    }
    assert_int_equal(mt_count(h, &pool, NTMS_LOGICAL_MEDIA), 3);

    /* Empty: at once with ERROR_IF_UNAVAILABLE, at once with no wait
     * allowed, after the time-out otherwise. The LMID reads NULL. */
    memset(&extra, 0xAB, sizeof extra);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &extra, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 5000, NULL),
                     ERROR_MEDIA_UNAVAILABLE);
    assert_guid_equal(&extra, &null_guid);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &extra), ERROR_TIMEOUT);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(mt_alloc(h, &pool, 0, 300, &extra), ERROR_TIMEOUT);
    assert_true(elapsed_ms(&t0) >= 280);

    /* Deallocation gives the sides back and ends the logical media. */
    for (int i = 0; i < 3; i++) {
        NTMS_GUID side = mt_side_of(h, &lmid[i]);
        assert_int_equal(DeallocateNtmsMedia(h, &lmid[i], 0), ERROR_SUCCESS);
        assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_AVAILABLE);
        assert_int_equal(lt_try_get(h, &lmid[i], NTMS_LOGICAL_MEDIA, &info), ERROR_OBJECT_NOT_FOUND);
    }
    assert_int_equal(mt_count(h, &pool, NTMS_LOGICAL_MEDIA), 0);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid[0], 0), ERROR_INVALID_MEDIA);
}

static void test_allocate_arguments(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Arguments", "LTO-1");
    NTMS_GUID free_pool = mt_pool(h, "Free\\LTO-1", NULL);
    NTMS_GUID parent = mt_pool(h, "Parent of pools", NULL);
    NTMS_GUID bogus, lmid;
    NTMS_ALLOCATION_INFORMATION bad = {sizeof bad + 1, NULL, {0}};

    memset(&bogus, 0x5A, sizeof bogus);
    assert_int_equal(AllocateNtmsMedia(NULL, &pool, NULL, &lmid, 0, 0, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(AllocateNtmsMedia(h, NULL, NULL, &lmid, 0, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, NULL, 0, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid, 0x80, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid, 0, 0, &bad), ERROR_INVALID_PARAMETER);
    assert_int_equal(mt_alloc(h, &bogus, 0, 0, &lmid), ERROR_INVALID_MEDIA_POOL);
    /* Only application pools of media. */
    assert_int_equal(mt_alloc(h, &free_pool, 0, 0, &lmid), ERROR_INVALID_MEDIA_POOL);
    assert_int_equal(mt_alloc(h, &parent, 0, 0, &lmid), ERROR_INVALID_MEDIA_POOL);
    /* A partition that is no side. */
    assert_int_equal(AllocateNtmsMedia(h, &pool, &bogus, &lmid, 0, 0, NULL), ERROR_INVALID_MEDIA);

    assert_int_equal(DeallocateNtmsMedia(NULL, &bogus, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(DeallocateNtmsMedia(h, NULL, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(DeallocateNtmsMedia(h, &bogus, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(DeallocateNtmsMedia(h, &bogus, 0), ERROR_INVALID_MEDIA);
    assert_int_equal(DeallocateNtmsMedia(h, &pool, 0), ERROR_INVALID_MEDIA);
}

/* FROMSCRATCH draws from Free; TOSCRATCH gives back; without it the medium
 * stays in the pool. */
static void test_free_pool_policies(void **state)
{
    HANDLE h = *state;
    NTMS_GUID media[2], lmid, side;
    NTMS_GUID pool = mt_pool(h, "Scratch user", "LTO-2");
    NTMS_GUID free_pool = mt_pool(h, "Free\\LTO-2", NULL);
    NTMS_ALLOCATION_INFORMATION ai = {sizeof ai, NULL, {0}};

    fill_free(h, "LTO-2", 2, 1, media);
    /* No policy: Free is not touched. */
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 0, &lmid), ERROR_MEDIA_UNAVAILABLE);

    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, NTMS_DEALLOCATE_TOSCRATCH, 0);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid, 0, 0, &ai), ERROR_SUCCESS);
    assert_guid_equal(&ai.AllocatedFrom, &free_pool);
    side = mt_side_of(h, &lmid);
    NTMS_GUID medium = mt_medium_of(h, &side);
    NTMS_GUID where = mt_pool_of(h, &medium);
    assert_guid_equal(&where, &pool);
    assert_int_equal(mt_count(h, &free_pool, NTMS_PHYSICAL_MEDIA), 1);

    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    where = mt_pool_of(h, &medium);
    assert_guid_equal(&where, &free_pool);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(mt_count(h, &free_pool, NTMS_PHYSICAL_MEDIA), 2);

    /* Without TOSCRATCH the medium stays, and is allocated from the pool
     * before Free is drawn from again. */
    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, 0, 0);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
    side = mt_side_of(h, &lmid);
    medium = mt_medium_of(h, &side);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    where = mt_pool_of(h, &medium);
    assert_guid_equal(&where, &pool);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid, 0, 0, &ai), ERROR_SUCCESS);
    assert_guid_equal(&ai.AllocatedFrom, &pool);
    NTMS_GUID again = mt_side_of(h, &lmid);
    assert_guid_equal(&again, &side);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

static void test_max_allocates_decommissions(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Twice only", "LTO-3");
    NTMS_GUID medium, side, lmid;
    NTMS_OBJECTINFORMATIONA info;

    mt_set_policy(h, &pool, 0, 0, 2);
    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    for (DWORD round = 1; round <= 2; round++) {
        assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
        lt_get(h, &side, NTMS_PARTITION, &info);
        assert_int_equal(info.Info.Partition.dwAllocateCount, round);
        assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    }
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_DECOMMISSIONED);
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 0, &lmid), ERROR_MEDIA_UNAVAILABLE);
    /* Decommissioned is final: no allocation by partition either. */
    assert_int_equal(AllocateNtmsMedia(h, &pool, &side, &lmid, 0, 0, NULL), ERROR_MEDIA_UNAVAILABLE);
}

/* ------------------------------------------------------------------------ */
/* Two applications, two pools, one Free pool. */

struct app {
    const char *pool_name;
    NTMS_GUID pool;
    NTMS_GUID lmid[16];
    NTMS_GUID side[16];
    int n;
    DWORD last;
};

static void *app_allocates(void *arg)
{
    struct app *a = arg;
    HANDLE h = OpenNtmsSessionA(NULL, a->pool_name, 0);

    if (h == INVALID_HANDLE_VALUE) {
        a->last = GetLastError();
        return NULL;
    }
    do {
        a->last = mt_alloc(h, &a->pool, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 0, &a->lmid[a->n]);
    } while (a->last == ERROR_SUCCESS && ++a->n < 16);
    CloseNtmsSession(h);
    return NULL;
}

static void test_two_pools_never_share_a_side(void **state)
{
    HANDLE h = *state;
    enum { N = 10 };
    NTMS_GUID media[N];
    struct app apps[2] = {{.pool_name = "App one"}, {.pool_name = "App two"}};
    pthread_t t[2];

    fill_free(h, "LTO-4", N, 1, media);
    for (int i = 0; i < 2; i++) {
        apps[i].pool = mt_pool(h, apps[i].pool_name, "LTO-4");
        mt_set_policy(h, &apps[i].pool, NTMS_ALLOCATE_FROMSCRATCH, 0, 0);
    }
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, app_allocates, &apps[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++)
        assert_int_equal(apps[i].last, ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(apps[0].n + apps[1].n, N);

    /* Every side is held once, by a logical medium of the pool its medium
     * is in. */
    for (int i = 0; i < 2; i++) {
        for (int k = 0; k < apps[i].n; k++) {
            apps[i].side[k] = mt_side_of(h, &apps[i].lmid[k]);
            NTMS_GUID medium = mt_medium_of(h, &apps[i].side[k]);
            NTMS_GUID where = mt_pool_of(h, &medium);
            assert_guid_equal(&where, &apps[i].pool);
            for (int j = 0; j <= i; j++)
                for (int m = 0; m < (j == i ? k : apps[j].n); m++)
                    assert_memory_not_equal(&apps[i].side[k], &apps[j].side[m], sizeof(NTMS_GUID));
        }
    }
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < apps[i].n; k++)
            assert_int_equal(DeallocateNtmsMedia(h, &apps[i].lmid[k], 0), ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* Two-sided media */

static void test_new_and_next(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Optical", MO);
    NTMS_GUID disk, sides[2], other, lmid_a, lmid_b, lmid_c, bogus;

    mt_create(h, &pool, 2, NTMS_PARTSTATE_AVAILABLE, "MO0001", &disk, sides);
    mt_create(h, &pool, 2, NTMS_PARTSTATE_AVAILABLE, "MO0002", &other, NULL);

    /* NEW: side A is allocated, side B reserved for the same owner. */
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_NEW, 0, &lmid_a), ERROR_SUCCESS);
    NTMS_GUID got = mt_side_of(h, &lmid_a);
    assert_guid_equal(&got, &sides[0]);
    assert_int_equal(mt_side_state(h, &sides[1]), NTMS_PARTSTATE_RESERVED);

    /* A plain allocation does not take the reserved side. */
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid_c), ERROR_SUCCESS);
    got = mt_side_of(h, &lmid_c);
    NTMS_GUID medium = mt_medium_of(h, &got);
    assert_guid_equal(&medium, &other);

    /* NEXT: the reserved side; then nothing is left on that disk. */
    lmid_b = lmid_a;
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid_b, NTMS_ALLOCATE_NEXT, 0, NULL), ERROR_SUCCESS);
    assert_memory_not_equal(&lmid_b, &lmid_a, sizeof lmid_a);
    got = mt_side_of(h, &lmid_b);
    assert_guid_equal(&got, &sides[1]);
    assert_int_equal(mt_side_state(h, &sides[1]), NTMS_PARTSTATE_ALLOCATED);
    NTMS_GUID again = lmid_a;
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &again, NTMS_ALLOCATE_NEXT, 0, NULL),
                     ERROR_MEDIA_UNAVAILABLE);
    memset(&bogus, 0x77, sizeof bogus);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &bogus, NTMS_ALLOCATE_NEXT, 0, NULL), ERROR_INVALID_MEDIA);
    assert_int_equal(AllocateNtmsMedia(h, &pool, NULL, &lmid_a, NTMS_ALLOCATE_NEW | NTMS_ALLOCATE_NEXT, 0, NULL),
                     ERROR_INVALID_PARAMETER);

    /* Both sides back: both Available. */
    assert_int_equal(DeallocateNtmsMedia(h, &lmid_a, 0), ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid_b, 0), ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid_c, 0), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &sides[0]), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(mt_side_state(h, &sides[1]), NTMS_PARTSTATE_AVAILABLE);

    /* A reservation ends with the last held side of its medium. */
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_NEW, 0, &lmid_a), ERROR_SUCCESS);
    got = mt_side_of(h, &lmid_a);
    medium = mt_medium_of(h, &got);
    NTMS_GUID reserved[LT_MAX];
    assert_int_equal(lt_list(h, &medium, NTMS_PARTITION, reserved), 2);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid_a, 0), ERROR_SUCCESS);
    for (int i = 0; i < 2; i++)
        assert_int_equal(mt_side_state(h, &reserved[i]), NTMS_PARTSTATE_AVAILABLE);
}

/* lpPartition: a given side, Available or Import, moved into the pool. */
static void test_allocate_partition(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Importer", "LTO-5");
    NTMS_GUID import_pool = mt_pool(h, "Import\\LTO-5", NULL);
    NTMS_GUID other_type = mt_pool(h, "Other type", "LTO-6");
    NTMS_GUID medium, side, lmid, lmid2, odd, odd_side;
    NTMS_ALLOCATION_INFORMATION ai = {sizeof ai, NULL, {0}};

    mt_create(h, &import_pool, 1, NTMS_PARTSTATE_IMPORT, "IMP001L5", &medium, &side);
    assert_int_equal(AllocateNtmsMedia(h, &pool, &side, &lmid, 0, 0, &ai), ERROR_SUCCESS);
    assert_guid_equal(&ai.AllocatedFrom, &import_pool);
    NTMS_GUID where = mt_pool_of(h, &medium);
    assert_guid_equal(&where, &pool);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_ALLOCATED);
    /* Taken: not again. */
    assert_int_equal(AllocateNtmsMedia(h, &pool, &side, &lmid2, 0, 5000, NULL), ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);

    /* Another media type; a disabled medium. */
    mt_create(h, &other_type, 1, NTMS_PARTSTATE_AVAILABLE, "", &odd, &odd_side);
    assert_int_equal(AllocateNtmsMedia(h, &pool, &odd_side, &lmid, 0, 0, NULL), ERROR_MEDIA_INCOMPATIBLE);
    NTMS_OBJECTINFORMATIONA media, off;
    memset(&media, 0, sizeof media);
    media.dwSize = sizeof media;
    media.dwType = NTMS_PHYSICAL_MEDIA;
    media.Enabled = FALSE;
    media.Info.PhysicalMedia.MediaPool = pool;
    media.Info.PhysicalMedia.dwNumberOfPartitions = 1;
    memset(&off, 0, sizeof off);
    off.dwSize = sizeof off;
    off.dwType = NTMS_PARTITION;
    off.Enabled = TRUE;
    off.Info.Partition.State = NTMS_PARTSTATE_AVAILABLE;
    assert_int_equal(CreateNtmsMediaA(h, &media, &off, 0), ERROR_SUCCESS);
    assert_int_equal(AllocateNtmsMedia(h, &pool, &off.ObjectGuid, &lmid, 0, 0, NULL), ERROR_MEDIA_OFFLINE);
    /* Disabled media are not picked either; the enabled one is. */
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
    NTMS_GUID got = mt_side_of(h, &lmid);
    assert_guid_equal(&got, &side);
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 0, &lmid2), ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* Allocations that wait */

struct waiter {
    HANDLE h;        /* NULL: the waiter opens a session of its own */
    NTMS_GUID pool;
    DWORD timeout;
    DWORD err;
    NTMS_GUID lmid;
    volatile int done;
    int order;
};

static volatile int finished_count;
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;

static void *wait_for_media(void *arg)
{
    struct waiter *w = arg;
    HANDLE h = w->h ? w->h : OpenNtmsSessionA(NULL, "waiter", 0);

    if (h == INVALID_HANDLE_VALUE) {
        w->err = GetLastError();
    } else {
        w->err = mt_alloc(h, &w->pool, 0, w->timeout, &w->lmid);
        if (w->h == NULL)
            CloseNtmsSession(h);
    }
    pthread_mutex_lock(&order_lock);
    w->order = ++finished_count;
    pthread_mutex_unlock(&order_lock);
    w->done = 1;
    return NULL;
}

/* Wait (bounded) until `w` is done. */
static void join_waiter(pthread_t t, struct waiter *w)
{
    for (int i = 0; i < LT_WAIT_MS / 10 && !w->done; i++)
        lt_sleep_ms(10);
    assert_true(w->done);
    pthread_join(t, NULL);
}

static void test_parked_allocation_completes(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Waiting room", "LTO-6");
    NTMS_GUID stage = mt_pool(h, "Waiting stage", "LTO-6");
    NTMS_GUID m1, m2;
    struct waiter w1 = {.pool = pool, .timeout = 10000}, w2 = {.pool = pool, .timeout = INFINITE};
    pthread_t t1, t2;

    finished_count = 0;
    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "WAIT01L6", &m1, NULL);
    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "WAIT02L6", &m2, NULL);
    assert_int_equal(pthread_create(&t1, NULL, wait_for_media, &w1), 0);
    lt_sleep_ms(300);
    assert_int_equal(pthread_create(&t2, NULL, wait_for_media, &w2), 0);
    lt_sleep_ms(300);
    assert_false(w1.done);
    assert_false(w2.done);

    /* One medium arrives: the older waiter gets it. */
    assert_int_equal(MoveToNtmsMediaPool(h, &m1, &pool), ERROR_SUCCESS);
    join_waiter(t1, &w1);
    assert_int_equal(w1.err, ERROR_SUCCESS);
    NTMS_GUID side = mt_side_of(h, &w1.lmid);
    NTMS_GUID medium = mt_medium_of(h, &side);
    assert_guid_equal(&medium, &m1);
    lt_sleep_ms(200);
    assert_false(w2.done);

    /* The next arrives: the other waiter. Then a deallocation wakes
     * nobody, since nobody waits. */
    assert_int_equal(MoveToNtmsMediaPool(h, &m2, &pool), ERROR_SUCCESS);
    join_waiter(t2, &w2);
    assert_int_equal(w2.err, ERROR_SUCCESS);
    assert_int_equal(w1.order, 1);
    assert_int_equal(w2.order, 2);
    assert_int_equal(DeallocateNtmsMedia(h, &w1.lmid, 0), ERROR_SUCCESS);

    /* A deallocation wakes a waiter too. */
    struct waiter w3 = {.pool = pool, .timeout = 10000};
    pthread_t t3;
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &w1.lmid), ERROR_SUCCESS);
    assert_int_equal(pthread_create(&t3, NULL, wait_for_media, &w3), 0);
    lt_sleep_ms(300);
    assert_false(w3.done);
    assert_int_equal(DeallocateNtmsMedia(h, &w2.lmid, 0), ERROR_SUCCESS);
    join_waiter(t3, &w3);
    assert_int_equal(w3.err, ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &w3.lmid, 0), ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &w1.lmid, 0), ERROR_SUCCESS);
}

/* A waiting allocation whose session closes is dropped: media that arrive
 * later stay Available. */
static void test_waiter_gone_with_session(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Abandoned", "LTO-6");
    NTMS_GUID stage = mt_pool(h, "Abandoned stage", "LTO-6");
    NTMS_GUID medium, side, lmid;
    struct waiter w = {.pool = pool, .timeout = INFINITE};
    pthread_t t;

    w.h = OpenNtmsSessionA(NULL, "leaver", 0);
    assert_true(w.h != INVALID_HANDLE_VALUE);
    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    assert_int_equal(pthread_create(&t, NULL, wait_for_media, &w), 0);
    lt_sleep_ms(300);
    assert_false(w.done);
    assert_int_equal(CloseNtmsSession(w.h), ERROR_SUCCESS);
    join_waiter(t, &w);
    assert_int_not_equal(w.err, ERROR_SUCCESS);

    assert_int_equal(MoveToNtmsMediaPool(h, &medium, &pool), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(mt_count(h, &pool, NTMS_LOGICAL_MEDIA), 0);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

/* ------------------------------------------------------------------------ */
/* SetNtmsMediaComplete, DecommissionNtmsMedia */

static void test_complete_and_decommission(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Archive", "LTO-7");
    NTMS_GUID medium, side, lmid, bogus;

    memset(&bogus, 0x33, sizeof bogus);
    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);

    assert_int_equal(SetNtmsMediaComplete(NULL, &lmid), ERROR_INVALID_HANDLE);
    assert_int_equal(SetNtmsMediaComplete(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsMediaComplete(h, &bogus), ERROR_INVALID_MEDIA);
    assert_int_equal(SetNtmsMediaComplete(h, &lmid), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_COMPLETE);
    assert_int_equal(SetNtmsMediaComplete(h, &lmid), ERROR_INVALID_STATE);

    /* Only Available sides are decommissioned. */
    assert_int_equal(DecommissionNtmsMedia(h, &side), ERROR_INVALID_STATE);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(DecommissionNtmsMedia(NULL, &side), ERROR_INVALID_HANDLE);
    assert_int_equal(DecommissionNtmsMedia(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(DecommissionNtmsMedia(h, &bogus), ERROR_INVALID_MEDIA);
    assert_int_equal(DecommissionNtmsMedia(h, &medium), ERROR_INVALID_MEDIA);
    assert_int_equal(DecommissionNtmsMedia(h, &side), ERROR_SUCCESS);
    assert_int_equal(mt_side_state(h, &side), NTMS_PARTSTATE_DECOMMISSIONED);
    assert_int_equal(DecommissionNtmsMedia(h, &side), ERROR_INVALID_STATE);
    assert_int_equal(mt_alloc(h, &pool, NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 0, &lmid), ERROR_MEDIA_UNAVAILABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocate_until_empty),
        cmocka_unit_test(test_allocate_arguments),
        cmocka_unit_test(test_free_pool_policies),
        cmocka_unit_test(test_max_allocates_decommissions),
        cmocka_unit_test(test_two_pools_never_share_a_side),
        cmocka_unit_test(test_new_and_next),
        cmocka_unit_test(test_allocate_partition),
        cmocka_unit_test(test_parked_allocation_completes),
        cmocka_unit_test(test_waiter_gone_with_session),
        cmocka_unit_test(test_complete_and_decommission),
    };

    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
