/*
 * test_alloc_storm.c - 32 sessions allocate and deallocate in one pool at
 * once, for a bounded time, against a private rsmd.
 *
 *   test_alloc_storm [SECONDS]     (default 30; `make test` runs 5)
 *
 * The pool draws from Free and returns to it (FROMSCRATCH, TOSCRATCH), and
 * holds fewer media than there are sessions, so allocations contend, wait,
 * time out and are woken by deallocations. Each session marks the side it
 * got in a table shared by all threads with an atomic compare-and-swap
 * before it gives it back: two sessions holding one side at once fails the
 * test. Afterwards every side must be Available and back in Free, no
 * logical medium may be left, and the sides' allocation counts must add up
 * to the allocations made. alloc_storm.sh then runs the store's
 * consistency check on the database (dbcheck).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mediatest.h"

#define SESSIONS 32
#define MEDIA 12
#define TYPE "DAT 320"

static int seconds = 30;

static NTMS_GUID pool, sides[MEDIA];
static atomic_int owner[MEDIA];   /* 0, or the session number + 1 holding the side */
static atomic_long allocations;
static atomic_int failures;
static char failure[256];
static pthread_mutex_t failure_lock = PTHREAD_MUTEX_INITIALIZER;

static void fail_once(const char *what, DWORD err, int who)
{
    pthread_mutex_lock(&failure_lock);
    if (atomic_fetch_add(&failures, 1) == 0)
        snprintf(failure, sizeof failure, "session %d: %s (error %lu)", who, what, (unsigned long)err);
    pthread_mutex_unlock(&failure_lock);
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int side_index(const NTMS_GUID *side)
{
    for (int i = 0; i < MEDIA; i++)
        if (memcmp(&sides[i], side, sizeof *side) == 0)
            return i;
    return -1;
}

/* Each round picks how to ask: fail at once, no wait, short and longer
 * waits. */
static const struct {
    DWORD options, timeout;
    DWORD unavailable; /* the answer when there is nothing */
} modes[] = {
    {NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE, 1000, ERROR_MEDIA_UNAVAILABLE},
    {0, 0, ERROR_TIMEOUT},
    {0, 30, ERROR_TIMEOUT},
    {0, 1500, ERROR_TIMEOUT},
};

/* One allocation and its deallocation; 0 when the round may go on. */
static int round_trip(HANDLE h, int me, unsigned round)
{
    const int mode = (int)(round % (sizeof modes / sizeof modes[0]));
    NTMS_GUID lmid, found[4];
    DWORD n = 4, err = mt_alloc(h, &pool, modes[mode].options, modes[mode].timeout, &lmid);

    if (err == modes[mode].unavailable)
        return 0;
    if (err != ERROR_SUCCESS) {
        fail_once("AllocateNtmsMedia", err, me);
        return -1;
    }
    atomic_fetch_add(&allocations, 1);
    err = EnumerateNtmsObject(h, &lmid, found, &n, NTMS_PARTITION, 0);
    int idx = err == ERROR_SUCCESS && n == 1 ? side_index(&found[0]) : -1;
    int expected = 0;
    if (idx < 0) {
        fail_once("the logical medium has no side of the pool's media", err, me);
        return -1;
    }
    if (!atomic_compare_exchange_strong(&owner[idx], &expected, me + 1)) {
        fail_once("a side is held by two sessions", (DWORD)expected, me);
        return -1;
    }
    if (round % 7 == 0 && (err = SetNtmsMediaComplete(h, &lmid)) != ERROR_SUCCESS) {
        fail_once("SetNtmsMediaComplete", err, me);
        return -1;
    }
    atomic_store(&owner[idx], 0); /* before giving it back: then anyone may have it */
    if ((err = DeallocateNtmsMedia(h, &lmid, 0)) != ERROR_SUCCESS) {
        fail_once("DeallocateNtmsMedia", err, me);
        return -1;
    }
    return 0;
}

static void *session(void *arg)
{
    int me = (int)(intptr_t)arg;
    double end = now_s() + seconds;
    HANDLE h = OpenNtmsSessionA(NULL, "storm", 0);

    if (h == INVALID_HANDLE_VALUE) {
        fail_once("OpenNtmsSession", GetLastError(), me);
        return NULL;
    }
    for (unsigned round = (unsigned)me; now_s() < end && atomic_load(&failures) == 0; round++)
        if (round_trip(h, me, round) != 0)
            break;
    CloseNtmsSession(h);
    return NULL;
}

static void test_storm(void **state)
{
    HANDLE h = *state;
    NTMS_GUID stage = mt_pool(h, "Storm stage", TYPE), free_pool = mt_pool(h, "Free\\" TYPE, NULL), medium;
    pthread_t threads[SESSIONS];
    NTMS_OBJECTINFORMATIONA info;
    long counted = 0;

    pool = mt_pool(h, "Storm", TYPE);
    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, NTMS_DEALLOCATE_TOSCRATCH, 0);
    for (int i = 0; i < MEDIA; i++) {
        mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &sides[i]);
        assert_int_equal(MoveToNtmsMediaPool(h, &medium, &free_pool), ERROR_SUCCESS);
    }
    for (int i = 0; i < SESSIONS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, session, (void *)(intptr_t)i), 0);
    for (int i = 0; i < SESSIONS; i++)
        pthread_join(threads[i], NULL);
    if (atomic_load(&failures) != 0)
        fail_msg("%s", failure);
    printf("storm: %d sessions, %d media, %d s: %ld allocations\n", SESSIONS, MEDIA, seconds,
           atomic_load(&allocations));
    assert_true(atomic_load(&allocations) > 0);

    for (int i = 0; i < MEDIA; i++) {
        lt_get(h, &sides[i], NTMS_PARTITION, &info);
        assert_int_equal(info.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
        counted += info.Info.Partition.dwAllocateCount;
        NTMS_GUID m = mt_medium_of(h, &sides[i]);
        NTMS_GUID where = mt_pool_of(h, &m);
        assert_guid_equal(&where, &free_pool);
    }
    assert_int_equal(counted, atomic_load(&allocations));
    assert_int_equal(mt_count(h, &pool, NTMS_LOGICAL_MEDIA), 0);
    assert_int_equal(mt_count(h, &pool, NTMS_PHYSICAL_MEDIA), 0);
    assert_int_equal(mt_count(h, &free_pool, NTMS_PHYSICAL_MEDIA), MEDIA);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_storm),
    };

    if (argc > 1 && (seconds = atoi(argv[1])) <= 0) {
        fprintf(stderr, "usage: test_alloc_storm [SECONDS]\n");
        return 2;
    }
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
