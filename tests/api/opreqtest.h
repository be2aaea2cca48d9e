/*
 * opreqtest.h - what the operator-request API tests share (test_opreq.c,
 * test_opreq_service.c): submitting and reading requests, finding the
 * ones the service raised, and a WaitForNtmsOperatorRequest or an
 * allocation running in a thread with a session of its own.
 */
#ifndef RSM_TEST_OPREQTEST_H
#define RSM_TEST_OPREQTEST_H

#include <pthread.h>
#include <time.h>

#include "mediatest.h"

/* SubmitNtmsOperatorRequestA, asserting success. */
NTMS_GUID ot_submit(HANDLE h, DWORD type, const char *message, NTMS_GUID *arg1, NTMS_GUID *arg2);

/* A request's record, and its State. */
void ot_get(HANDLE h, NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out);
DWORD ot_state(HANDLE h, NTMS_GUID *id);

/* How many requests of `type` about `arg1` exist (open only, or any); the
 * oldest in *out (may be NULL). */
DWORD ot_count(HANDLE h, DWORD type, const NTMS_GUID *arg1, int open_only, NTMS_GUID *out);

/* Wait (bounded by LT_WAIT_MS) until an open request of `type` about
 * `arg1` other than `not` (may be NULL) exists; asserts that one does. */
NTMS_GUID ot_await_open(HANDLE h, DWORD type, const NTMS_GUID *arg1, const NTMS_GUID *not);

/* The computer object. */
NTMS_GUID ot_computer(HANDLE h);

/* Milliseconds since `t0` (CLOCK_MONOTONIC). */
long ot_elapsed_ms(const struct timespec *t0);

/* A call that blocks, run in a thread on a session of its own:
 * WaitForNtmsOperatorRequest(request, timeout), or (pool set)
 * AllocateNtmsMedia(pool, timeout). */
typedef struct ot_call {
    NTMS_GUID request;
    NTMS_GUID pool;
    int allocate;
    DWORD timeout;
    DWORD err;
    NTMS_GUID lmid;
    long took_ms;
    volatile int done;
    pthread_t thread;
} ot_call_t;

void ot_start(ot_call_t *c);
/* Wait (bounded) for it to finish, asserting that it does. */
void ot_join(ot_call_t *c);

#endif
