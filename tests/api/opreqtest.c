/*
 * opreqtest.c - helpers of the operator-request API tests (opreqtest.h).
 */
#include "opreqtest.h"

#include <string.h>
#include <time.h>

NTMS_GUID ot_submit(HANDLE h, DWORD type, const char *message, NTMS_GUID *arg1, NTMS_GUID *arg2)
{
    NTMS_GUID id;

    assert_int_equal(SubmitNtmsOperatorRequestA(h, type, message, arg1, arg2, &id), ERROR_SUCCESS);
    return id;
}

void ot_get(HANDLE h, NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out)
{
    lt_get(h, id, NTMS_OPREQUEST, out);
}

DWORD ot_state(HANDLE h, NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA info;

    ot_get(h, id, &info);
    return info.Info.OpRequest.State;
}

static int is_open(DWORD state)
{
    return state == NTMS_OPSTATE_SUBMITTED || state == NTMS_OPSTATE_ACTIVE || state == NTMS_OPSTATE_INPROGRESS;
}

DWORD ot_count(HANDLE h, DWORD type, const NTMS_GUID *arg1, int open_only, NTMS_GUID *out)
{
    NTMS_GUID all[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, all), found = 0;

    for (DWORD i = 0; i < n; i++) {
        /* a request may be purged or withdrawn between the two calls */
        if (lt_try_get(h, &all[i], NTMS_OPREQUEST, &info) != ERROR_SUCCESS)
            continue;
        const NTMS_OPREQUESTINFORMATIONA *r = &info.Info.OpRequest;
        if (r->Request != type || (arg1 != NULL && memcmp(&r->Arg1, arg1, sizeof *arg1) != 0) ||
            (open_only && !is_open(r->State)))
            continue;
        if (found++ == 0 && out != NULL)
            *out = all[i];
    }
    return found;
}

NTMS_GUID ot_await_open(HANDLE h, DWORD type, const NTMS_GUID *arg1, const NTMS_GUID *not)
{
    NTMS_GUID id;

    for (int i = 0; i < LT_WAIT_MS / 20; i++) {
        if (ot_count(h, type, arg1, 1, &id) > 0 && (not == NULL || memcmp(&id, not, sizeof id) != 0))
            return id;
        lt_sleep_ms(20);
    }
    fail_msg("no open operator request of type %lu appeared", (unsigned long)type);
    return id;
}

NTMS_GUID ot_computer(HANDLE h)
{
    NTMS_GUID id;

    assert_int_equal(lt_list(h, NULL, NTMS_COMPUTER, &id), 1);
    return id;
}

long ot_elapsed_ms(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000L + (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

static void *run_call(void *arg)
{
    ot_call_t *c = arg;
    struct timespec t0;
    HANDLE h = OpenNtmsSessionA(NULL, c->allocate ? "allocator" : "waiter", 0);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (h == INVALID_HANDLE_VALUE) {
        c->err = GetLastError();
    } else {
        c->err = c->allocate ? mt_alloc(h, &c->pool, 0, c->timeout, &c->lmid)
                             : WaitForNtmsOperatorRequest(h, &c->request, c->timeout);
        CloseNtmsSession(h);
    }
    c->took_ms = ot_elapsed_ms(&t0);
    c->done = 1;
    return NULL;
}

void ot_start(ot_call_t *c)
{
    c->done = 0;
    assert_int_equal(pthread_create(&c->thread, NULL, run_call, c), 0);
}

void ot_join(ot_call_t *c)
{
    for (int i = 0; i < LT_WAIT_MS / 10 && !c->done; i++)
        lt_sleep_ms(10);
    assert_true(c->done);
    pthread_join(c->thread, NULL);
}
