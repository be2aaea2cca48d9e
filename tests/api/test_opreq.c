/*
 * test_opreq.c - the operator-request functions and Get/SetNtmsUIOptions
 * through librsm against a private rsmd (run-rsmd.sh): the argument rules
 * of SubmitNtmsOperatorRequest for every request type, the records as
 * EnumerateNtmsObject and GetNtmsObjectInformation show them, Satisfy and
 * Cancel and their errors, WaitForNtmsOperatorRequest (at once, timed out,
 * woken from another session), and the destination lists.
 */
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "opreqtest.h"

/* A GUID that names nothing. */
static NTMS_GUID bogus = {0x5a5a5a5a, 0x5a5a, 0x5a5a, {0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a}};

/* ------------------------------------------------------------------------ */
/* SubmitNtmsOperatorRequest */

enum arg { NONE, POOL, LIBRARY, SLOT, MEDIUM, BOGUS };

static const struct submit_case {
    DWORD request;
    enum arg arg1, arg2;
    DWORD expect;
} submit_cases[] = {
    {NTMS_OPREQ_MESSAGE, NONE, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_MESSAGE, POOL, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MESSAGE, NONE, LIBRARY, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_NEWMEDIA, POOL, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_NEWMEDIA, POOL, LIBRARY, ERROR_SUCCESS},
    {NTMS_OPREQ_NEWMEDIA, NONE, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_NEWMEDIA, LIBRARY, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_NEWMEDIA, BOGUS, NONE, ERROR_OBJECT_NOT_FOUND},
    {NTMS_OPREQ_NEWMEDIA, POOL, POOL, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_NEWMEDIA, POOL, BOGUS, ERROR_OBJECT_NOT_FOUND},
    {NTMS_OPREQ_CLEANER, NONE, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_CLEANER, LIBRARY, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_CLEANER, SLOT, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_CLEANER, POOL, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_CLEANER, LIBRARY, LIBRARY, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_DEVICESERVICE, LIBRARY, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_DEVICESERVICE, MEDIUM, NONE, ERROR_SUCCESS},
    {NTMS_OPREQ_DEVICESERVICE, NONE, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_DEVICESERVICE, POOL, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_DEVICESERVICE, BOGUS, NONE, ERROR_OBJECT_NOT_FOUND},
    {NTMS_OPREQ_DEVICESERVICE, LIBRARY, LIBRARY, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MOVEMEDIA, MEDIUM, LIBRARY, ERROR_SUCCESS},
    {NTMS_OPREQ_MOVEMEDIA, MEDIUM, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MOVEMEDIA, NONE, LIBRARY, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MOVEMEDIA, LIBRARY, LIBRARY, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MOVEMEDIA, MEDIUM, POOL, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_UNKNOWN, NONE, NONE, ERROR_INVALID_PARAMETER},
    {NTMS_OPREQ_MESSAGE + 1, NONE, NONE, ERROR_INVALID_PARAMETER},
};

static DWORD arg_type(enum arg a)
{
    static const DWORD types[] = {[POOL] = NTMS_MEDIA_POOL, [LIBRARY] = NTMS_LIBRARY, [SLOT] = NTMS_STORAGESLOT,
                                  [MEDIUM] = NTMS_PHYSICAL_MEDIA};
    return a == BOGUS ? NTMS_UNKNOWN : types[a];
}

static void test_submit_rules(void **state)
{
    HANDLE h = *state;
    NTMS_GUID objs[6], slots[LT_MAX], id;
    NTMS_OBJECTINFORMATIONA info;

    objs[POOL] = mt_pool(h, "Opreq pool", "LTO-5");
    objs[LIBRARY] = lt_library(h, "vlib");
    assert_true(lt_list(h, &objs[LIBRARY], NTMS_STORAGESLOT, slots) > 0);
    objs[SLOT] = slots[0];
    mt_create(h, &objs[POOL], 1, NTMS_PARTSTATE_AVAILABLE, "", &objs[MEDIUM], NULL);
    objs[BOGUS] = bogus;

    for (size_t i = 0; i < sizeof submit_cases / sizeof submit_cases[0]; i++) {
        const struct submit_case *k = &submit_cases[i];
        NTMS_GUID *a1 = k->arg1 == NONE ? NULL : &objs[k->arg1], *a2 = k->arg2 == NONE ? NULL : &objs[k->arg2];
        DWORD err = SubmitNtmsOperatorRequestA(h, k->request, "case", a1, a2, &id);
        if (err != k->expect)
            fail_msg("case %zu (request %lu): %lu, expected %lu", i, (unsigned long)k->request, (unsigned long)err,
                     (unsigned long)k->expect);
        if (err != ERROR_SUCCESS)
            continue;
        /* The record says what was asked, by whom, and where. */
        ot_get(h, &id, &info);
        const NTMS_OPREQUESTINFORMATIONA *r = &info.Info.OpRequest;
        assert_int_equal(r->Request, k->request);
        assert_int_equal(r->State, NTMS_OPSTATE_SUBMITTED);
        assert_string_equal(r->szMessage, "case");
        assert_string_equal(r->szApplication, "test_library");
        assert_true(r->szUser[0] != '\0' && r->szComputer[0] != '\0');
        assert_int_equal(r->Arg1Type, a1 ? arg_type(k->arg1) : NTMS_UNKNOWN);
        assert_int_equal(r->Arg2Type, a2 ? arg_type(k->arg2) : NTMS_UNKNOWN);
        if (a1 != NULL)
            assert_guid_equal(&r->Arg1, a1);
        assert_true(r->Submitted.wYear >= 2024);
    }
    /* The handle first, then the output pointer; GUID_NULL is NULL. */
    assert_int_equal(SubmitNtmsOperatorRequestA(NULL, NTMS_OPREQ_MESSAGE, "x", NULL, NULL, &id), ERROR_INVALID_HANDLE);
    assert_int_equal(SubmitNtmsOperatorRequestA(h, NTMS_OPREQ_MESSAGE, "x", NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    NTMS_GUID zero = {0};
    assert_int_equal(SubmitNtmsOperatorRequestA(h, NTMS_OPREQ_MESSAGE, NULL, &zero, &zero, &id), ERROR_SUCCESS);
    ot_get(h, &id, &info);
    assert_string_equal(info.Info.OpRequest.szMessage, "");
}

/* Messages: cut at NTMS_MESSAGE_LENGTH - 1 bytes on a character; the W
 * form converts. The objects enumerate and read like any other. */
static void test_records(void **state)
{
    HANDLE h = *state;
    char longmsg[400];
    NTMS_GUID id, wid, list[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    NTMS_OBJECTINFORMATIONW winfo;
    DWORD n, found = 0;

    memset(longmsg, 'x', sizeof longmsg - 3);
    strcpy(longmsg + 254, "\xc3\xa9!"); /* an e-acute across the cut at 255 */
    id = ot_submit(h, NTMS_OPREQ_MESSAGE, longmsg, NULL, NULL);
    ot_get(h, &id, &info);
    assert_int_equal(strlen(info.Info.OpRequest.szMessage), 254);
    assert_int_equal(info.Info.OpRequest.szMessage[253], 'x');
    assert_string_equal(info.szName, "Message");

    assert_int_equal(SubmitNtmsOperatorRequestW(h, NTMS_OPREQ_MESSAGE, L"ins\u00e9rer LTO", NULL, NULL, &wid),
                     ERROR_SUCCESS);
    memset(&winfo, 0, sizeof winfo);
    winfo.dwSize = sizeof winfo;
    winfo.dwType = NTMS_OPREQUEST;
    assert_int_equal(GetNtmsObjectInformationW(h, &wid, &winfo), ERROR_SUCCESS);
    assert_true(wcscmp(winfo.Info.OpRequest.szMessage, L"ins\u00e9rer LTO") == 0);
    assert_int_equal(SubmitNtmsOperatorRequestW(NULL, NTMS_OPREQ_MESSAGE, L"x", NULL, NULL, &wid),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(SubmitNtmsOperatorRequestW(h, NTMS_OPREQ_MESSAGE, L"x", NULL, NULL, NULL),
                     ERROR_INVALID_PARAMETER);

    n = lt_list(h, NULL, NTMS_OPREQUEST, list);
    for (DWORD i = 0; i < n; i++)
        found += memcmp(&list[i], &id, sizeof id) == 0 || memcmp(&list[i], &wid, sizeof wid) == 0;
    assert_int_equal(found, 2);
    /* only the NULL container holds requests; the type must match */
    NTMS_GUID lib = lt_library(h, "vlib");
    n = LT_MAX;
    assert_int_equal(EnumerateNtmsObject(h, &lib, list, &n, NTMS_OPREQUEST, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(lt_try_get(h, &id, NTMS_LIBREQUEST, &info), ERROR_INVALID_PARAMETER);
    assert_int_equal(lt_try_get(h, &bogus, NTMS_OPREQUEST, &info), ERROR_OBJECT_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */
/* SatisfyNtmsOperatorRequest, CancelNtmsOperatorRequest */

static void test_satisfy_and_cancel(void **state)
{
    HANDLE h = *state;
    NTMS_GUID a = ot_submit(h, NTMS_OPREQ_MESSAGE, "satisfy me", NULL, NULL);
    NTMS_GUID b = ot_submit(h, NTMS_OPREQ_MESSAGE, "refuse me", NULL, NULL);
    NTMS_GUID pool = mt_pool(h, "Opreq pool", "LTO-5");

    assert_int_equal(SatisfyNtmsOperatorRequest(NULL, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(CancelNtmsOperatorRequest(NULL, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(CancelNtmsOperatorRequest(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &bogus), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(CancelNtmsOperatorRequest(h, &bogus), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &pool), ERROR_OBJECT_NOT_FOUND); /* not a request */
    assert_int_equal(CancelNtmsOperatorRequest(h, &pool), ERROR_OBJECT_NOT_FOUND);

    assert_int_equal(SatisfyNtmsOperatorRequest(h, &a), ERROR_SUCCESS);
    assert_int_equal(ot_state(h, &a), NTMS_OPSTATE_COMPLETE);
    assert_int_equal(CancelNtmsOperatorRequest(h, &a), ERROR_INVALID_STATE); /* satisfied: too late */
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &a), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(ot_state(h, &a), NTMS_OPSTATE_COMPLETE);

    assert_int_equal(CancelNtmsOperatorRequest(h, &b), ERROR_SUCCESS);
    assert_int_equal(ot_state(h, &b), NTMS_OPSTATE_REFUSED);
    assert_int_equal(CancelNtmsOperatorRequest(h, &b), ERROR_INVALID_STATE);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &b), ERROR_OBJECT_NOT_FOUND);

    /* An ended request answers a wait at once. */
    assert_int_equal(WaitForNtmsOperatorRequest(h, &a, INFINITE), ERROR_SUCCESS);
    assert_int_equal(WaitForNtmsOperatorRequest(h, &b, INFINITE), ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* WaitForNtmsOperatorRequest */

static void test_wait(void **state)
{
    HANDLE h = *state;
    NTMS_GUID id = ot_submit(h, NTMS_OPREQ_MESSAGE, "wait for me", NULL, NULL);
    struct timespec t0;
    ot_call_t w = {.request = id, .timeout = 10000};

    assert_int_equal(WaitForNtmsOperatorRequest(NULL, &id, 0), ERROR_INVALID_HANDLE);
    assert_int_equal(WaitForNtmsOperatorRequest(h, NULL, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(WaitForNtmsOperatorRequest(h, &bogus, 0), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(WaitForNtmsOperatorRequest(h, &bogus, INFINITE), ERROR_OBJECT_NOT_FOUND);

    /* 0 only looks; a time-out runs out */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(WaitForNtmsOperatorRequest(h, &id, 0), ERROR_TIMEOUT);
    assert_true(ot_elapsed_ms(&t0) < 1000);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(WaitForNtmsOperatorRequest(h, &id, 300), ERROR_TIMEOUT);
    assert_true(ot_elapsed_ms(&t0) >= 290);
    assert_int_equal(ot_state(h, &id), NTMS_OPSTATE_SUBMITTED);

    /* Another session waits; this one satisfies: the wait ends with 0. */
    ot_start(&w);
    lt_sleep_ms(200);
    assert_false(w.done);
    assert_int_equal(SatisfyNtmsOperatorRequest(h, &id), ERROR_SUCCESS);
    ot_join(&w);
    assert_int_equal(w.err, ERROR_SUCCESS);
    assert_true(w.took_ms < 5000);

    /* Refused while waited for, with no time-out: ERROR_CANCELLED. Two
     * waiters on one request both hear. */
    ot_call_t w1 = {.timeout = INFINITE}, w2 = {.timeout = 10000};
    w1.request = w2.request = ot_submit(h, NTMS_OPREQ_MESSAGE, "refuse me", NULL, NULL);
    ot_start(&w1);
    ot_start(&w2);
    lt_sleep_ms(200);
    assert_false(w1.done || w2.done);
    assert_int_equal(CancelNtmsOperatorRequest(h, &w1.request), ERROR_SUCCESS);
    ot_join(&w1);
    ot_join(&w2);
    assert_int_equal(w1.err, ERROR_CANCELLED);
    assert_int_equal(w2.err, ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* Get/SetNtmsUIOptions */

static void expect_list(HANDLE h, NTMS_GUID *obj, DWORD type, const char *multi, DWORD size)
{
    char buf[256];
    DWORD n = sizeof buf;

    memset(buf, 0x7f, sizeof buf);
    assert_int_equal(GetNtmsUIOptionsA(h, obj, type, buf, &n), ERROR_SUCCESS);
    assert_int_equal(n, size);
    assert_memory_equal(buf, multi, size);
}

static void test_ui_options(void **state)
{
    HANDLE h = *state;
    NTMS_GUID comp = ot_computer(h), lib = lt_library(h, "vlib"), pool = mt_pool(h, "Opreq pool", "LTO-5");
    NTMS_OBJECTINFORMATIONA info;
    char buf[64];
    wchar_t wbuf[64];
    DWORD n;

    /* empty: success and a length of zero */
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, buf, &n), ERROR_SUCCESS);
    assert_int_equal(n, 0);

    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "console1"), ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "console1"), ERROR_ALREADY_EXISTS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "http://127.0.0.1:9/hook"),
                     ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsW(h, &comp, NTMS_UITYPE_ERR, NTMS_UIDEST_ADD, L"exec:/bin/true --quiet"),
                     ERROR_SUCCESS);
    expect_list(h, &comp, NTMS_UITYPE_REQ, "console1\0http://127.0.0.1:9/hook\0", 34);
    expect_list(h, &comp, NTMS_UITYPE_ERR, "exec:/bin/true --quiet\0", 24);
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_INFO, buf, &n), ERROR_SUCCESS);
    assert_int_equal(n, 0);

    /* too small: the size it takes, in characters; W counts wchar_t */
    n = 10;
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, buf, &n), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, 34);
    n = 64;
    assert_int_equal(GetNtmsUIOptionsW(h, &comp, NTMS_UITYPE_REQ, wbuf, &n), ERROR_SUCCESS);
    assert_int_equal(n, 34);
    assert_true(wcscmp(wbuf, L"console1") == 0 && wcscmp(wbuf + 9, L"http://127.0.0.1:9/hook") == 0 &&
                wbuf[33] == L'\0');

    /* a library's list is its own; "" is the service's computer */
    assert_int_equal(SetNtmsUIOptionsA(h, &lib, NTMS_UITYPE_INFO, NTMS_UIDEST_ADD, ""), ERROR_SUCCESS);
    lt_get(h, &comp, NTMS_COMPUTER, &info);
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(h, &lib, NTMS_UITYPE_INFO, buf, &n), ERROR_SUCCESS);
    assert_string_equal(buf, info.szName);
    /* NULL: this session's own list */
    assert_int_equal(SetNtmsUIOptionsA(h, NULL, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "mine"), ERROR_SUCCESS);
    expect_list(h, NULL, NTMS_UITYPE_REQ, "mine\0", 6);
    HANDLE other = OpenNtmsSessionA(NULL, "other", 0);
    assert_true(other != INVALID_HANDLE_VALUE);
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(other, NULL, NTMS_UITYPE_REQ, buf, &n), ERROR_SUCCESS);
    assert_int_equal(n, 0);
    CloseNtmsSession(other);

    /* delete one, then all */
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_DELETE, "console1"), ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_DELETE, "console1"),
                     ERROR_OBJECT_NOT_FOUND);
    expect_list(h, &comp, NTMS_UITYPE_REQ, "http://127.0.0.1:9/hook\0", 25);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_DELETEALL, NULL), ERROR_SUCCESS);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_ERR, NTMS_UIDEST_DELETEALL, NULL), ERROR_SUCCESS);
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, buf, &n), ERROR_SUCCESS);
    assert_int_equal(n, 0);

    /* errors */
    n = sizeof buf;
    assert_int_equal(GetNtmsUIOptionsA(NULL, &comp, NTMS_UITYPE_REQ, buf, &n), ERROR_INVALID_HANDLE);
    assert_int_equal(SetNtmsUIOptionsA(NULL, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "x"), ERROR_INVALID_HANDLE);
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NULL, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, buf, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_INVALID, buf, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_MAX, buf, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsUIOptionsA(h, &pool, NTMS_UITYPE_REQ, buf, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetNtmsUIOptionsA(h, &bogus, NTMS_UITYPE_REQ, buf, &n), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, 0, "x"), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_DELETEALL + 1, "x"),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, 0, NTMS_UIDEST_ADD, "x"), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &pool, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "x"), ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &bogus, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "x"), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "https://example.org/"),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "exec:relative/path"),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "http://host:99999/"),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(SetNtmsUIOptionsA(h, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "two\nlines"),
                     ERROR_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_submit_rules),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_satisfy_and_cancel),
        cmocka_unit_test(test_wait),
        cmocka_unit_test(test_ui_options),
    };

    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
