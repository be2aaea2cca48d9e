/*
 * test_opreq.c - daemon/queue/'s operator requests against a first-started
 * store in memory, with no loop (messages go to the log only): the life of
 * a request and of its waiters, withdrawal, recovery after a restart,
 * purging, the argument rules of Submit, Satisfy/Cancel for non-
 * administrators, the UI destination lists, and the destination syntax.
 */
#include <string.h>
#include <unistd.h>

#include "../model/fixture.h"
#include "queue/opreq_api.h"
#include "queue/uimsg_int.h"
#include "store/store_opreq.h"

/* ------------------------------------------------------------------------ */
/* Waiters */

struct heard {
    int calls;
    DWORD result;
    int order;
};

static int order_counter;

static void on_done(const NTMS_GUID *request, DWORD result, void *ctx)
{
    struct heard *h = ctx;

    (void)request;
    h->calls++;
    h->result = result;
    h->order = ++order_counter;
}

static NTMS_GUID submit(store_t *st, DWORD type, const NTMS_GUID *arg1, DWORD arg1_type, opreq_done_fn done,
                        void *ctx)
{
    opreq_spec_t spec = {.request = type, .arg1 = arg1, .arg1_type = arg1_type, .message = "unit"};
    NTMS_GUID id;

    assert_int_equal(opreq_submit(st, NULL, &spec, done, ctx, &id), 0);
    return id;
}

static DWORD state_of(store_t *st, const NTMS_GUID *id)
{
    DWORD s = 0;

    assert_int_equal(opreq_state(st, id, &s), 0);
    return s;
}

static void test_life_and_waiters(void **state)
{
    store_t *st = *state;
    NTMS_GUID pool = fx_pool(st, "Unit pool", NULL), id, other;
    struct heard a = {0}, b = {0}, c = {0};
    NTMS_OBJECTINFORMATIONA rec;

    order_counter = 0;
    id = submit(st, NTMS_OPREQ_NEWMEDIA, &pool, NTMS_MEDIA_POOL, on_done, &a);
    fx_get(st, &id, &rec);
    assert_int_equal(rec.Info.OpRequest.State, NTMS_OPSTATE_SUBMITTED);
    assert_string_equal(rec.Info.OpRequest.szApplication, "RSM");
    assert_string_equal(rec.Info.OpRequest.szComputer, FX_HOST);
    assert_int_equal(opreq_attach(st, &id, on_done, &b), 0);
    assert_int_equal(opreq_attach(st, &id, on_done, &c), 0);
    opreq_forget(&id, NULL, &c); /* any `done` of that ctx */
    assert_true(opreq_find_open(st, NTMS_OPREQ_NEWMEDIA, &pool, &other));
    assert_guid_equal(&other, &id);
    assert_false(opreq_find_open(st, NTMS_OPREQ_CLEANER, &pool, NULL));

    assert_int_equal(opreq_end(st, &id, 0), 0);
    assert_int_equal(a.calls, 1);
    assert_int_equal(b.calls, 1);
    assert_int_equal(c.calls, 0);
    assert_int_equal(a.result, 0);
    assert_true(a.order < b.order); /* in the order they attached */
    assert_int_equal(state_of(st, &id), NTMS_OPSTATE_COMPLETE);
    assert_false(opreq_find_open(st, NTMS_OPREQ_NEWMEDIA, &pool, NULL));
    /* ended: no second end, no new waiter */
    assert_int_equal(opreq_end(st, &id, ERROR_CANCELLED), ERROR_INVALID_STATE);
    assert_int_equal(opreq_attach(st, &id, on_done, &c), ERROR_INVALID_STATE);
    assert_int_equal(a.calls, 1);
    /* not a request */
    assert_int_equal(opreq_end(st, &pool, 0), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(opreq_attach(st, &pool, on_done, &c), ERROR_OBJECT_NOT_FOUND);

    /* refused: ERROR_CANCELLED; any non-zero result refuses */
    memset(&a, 0, sizeof a);
    id = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, on_done, &a);
    assert_int_equal(opreq_end(st, &id, ERROR_TIMEOUT), 0);
    assert_int_equal(a.result, ERROR_CANCELLED);
    assert_int_equal(state_of(st, &id), NTMS_OPSTATE_REFUSED);
    /* an unknown type is refused */
    opreq_spec_t bad = {.request = NTMS_OPREQ_MESSAGE + 1};
    assert_int_equal(opreq_submit(st, NULL, &bad, NULL, NULL, &id), ERROR_INVALID_PARAMETER);
}

/* A `done` that ends another request from inside the walk. */
struct chain {
    store_t *st;
    NTMS_GUID next;
    int calls;
};

static void end_next(const NTMS_GUID *request, DWORD result, void *ctx)
{
    struct chain *k = ctx;

    (void)request;
    (void)result;
    k->calls++;
    opreq_end(k->st, &k->next, 0);
}

static void test_done_may_end_others(void **state)
{
    store_t *st = *state;
    struct heard second = {0};
    struct chain k = {.st = st};
    NTMS_GUID first;

    k.next = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, on_done, &second);
    first = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, end_next, &k);
    assert_int_equal(opreq_end(st, &first, 0), 0);
    assert_int_equal(k.calls, 1);
    assert_int_equal(second.calls, 1);
    assert_int_equal(state_of(st, &k.next), NTMS_OPSTATE_COMPLETE);
}

static void test_withdraw(void **state)
{
    store_t *st = *state;
    struct heard a = {0};
    NTMS_GUID id = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, on_done, &a);
    DWORD s;

    assert_int_equal(opreq_withdraw(st, &id), 0);
    assert_int_equal(a.calls, 1);
    assert_int_equal(a.result, ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(opreq_state(st, &id, &s), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(opreq_withdraw(st, &id), ERROR_OBJECT_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */
/* Restart and purge */

static void test_recover(void **state)
{
    store_t *st = *state;
    principal_t app = {.uid = 1000, .application = "backup", .user = "op", .computer = "client"};
    opreq_spec_t spec = {.request = NTMS_OPREQ_MESSAGE, .message = "mine"};
    NTMS_GUID ours, theirs, ended;
    size_t n = 99;

    ours = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    ended = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(opreq_end(st, &ended, 0), 0);
    assert_int_equal(opreq_submit(st, &app, &spec, NULL, NULL, &theirs), 0);
    assert_int_equal(store_uidest_add(st, NULL, 42, NTMS_UITYPE_REQ, "left over"), 0);

    assert_int_equal(opreq_recover(st, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(state_of(st, &ours), NTMS_OPSTATE_REFUSED);
    assert_int_equal(state_of(st, &ended), NTMS_OPSTATE_COMPLETE);
    assert_int_equal(state_of(st, &theirs), NTMS_OPSTATE_SUBMITTED); /* the operator may still answer it */
    strlist_t l = {0};
    assert_int_equal(store_uidest_list(st, NULL, 42, NTMS_UITYPE_REQ, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(opreq_recover(st, &n), 0);
    assert_int_equal(n, 0);
}

static void set_purge(store_t *st, DWORD seconds, DWORD flags)
{
    NTMS_OBJECTINFORMATIONA comp;
    NTMS_GUID id;

    assert_int_equal(store_computer(st, &id), 0);
    fx_get(st, &id, &comp);
    comp.Info.Computer.dwOpRequestPurgeTime = seconds;
    comp.Info.Computer.dwOpRequestFlags = flags;
    assert_int_equal(store_update(st, &comp), 0);
}

static void test_purge(void **state)
{
    store_t *st = *state;
    NTMS_GUID done, refused, open;
    DWORD s;

    done = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    refused = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    open = submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(opreq_end(st, &done, 0), 0);
    assert_int_equal(opreq_end(st, &refused, ERROR_CANCELLED), 0);

    /* the default keeps them three days; the flags keep them longer */
    submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(state_of(st, &done), NTMS_OPSTATE_COMPLETE);
    set_purge(st, 0, NTMS_OPREQFLAGS_NOAUTOPURGE);
    submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(state_of(st, &done), NTMS_OPSTATE_COMPLETE);
    set_purge(st, 0, NTMS_OPREQFLAGS_NOFAILEDPURGE);
    submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(opreq_state(st, &done, &s), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(state_of(st, &refused), NTMS_OPSTATE_REFUSED);
    assert_int_equal(state_of(st, &open), NTMS_OPSTATE_SUBMITTED);
    set_purge(st, 0, 0);
    submit(st, NTMS_OPREQ_MESSAGE, NULL, 0, NULL, NULL);
    assert_int_equal(opreq_state(st, &refused, &s), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(state_of(st, &open), NTMS_OPSTATE_SUBMITTED);
}

/* ------------------------------------------------------------------------ */
/* The API's rules */

static void test_operators_only(void **state)
{
    store_t *st = *state;
    principal_t user = {.uid = geteuid() == 0 ? 4242 : 0, .user = "nobody"};
    principal_t admin = {.uid = geteuid(), .user = "admin"};
    NTMS_GUID id, comp;

    if (user.uid == 0)
        skip(); /* rsmd's own user is an administrator; root is one too */
    assert_int_equal(opreq_api_submit(st, &user, 7, NTMS_OPREQ_MESSAGE, "hello", NULL, NULL, &id), 0);
    assert_int_equal(opreq_api_satisfy(st, &user, &id), ERROR_ACCESS_DENIED);
    assert_int_equal(opreq_api_cancel(st, &user, &id), ERROR_ACCESS_DENIED);
    assert_int_equal(state_of(st, &id), NTMS_OPSTATE_SUBMITTED);
    assert_int_equal(opreq_api_cancel(st, &admin, &id), 0);

    assert_int_equal(store_computer(st, &comp), 0);
    assert_int_equal(uiopt_set(st, &user, 7, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "exec:/bin/true"),
                     ERROR_ACCESS_DENIED);
    assert_int_equal(uiopt_set(st, &user, 7, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "http://127.0.0.1/"),
                     ERROR_ACCESS_DENIED);
    assert_int_equal(uiopt_set(st, &user, 7, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "console"), 0);
    assert_int_equal(uiopt_set(st, &admin, 7, &comp, NTMS_UITYPE_REQ, NTMS_UIDEST_ADD, "exec:/bin/true"), 0);
}

static void test_session_lists(void **state)
{
    store_t *st = *state;
    principal_t who = {.uid = geteuid(), .computer = "client7"};
    strlist_t l = {0};

    /* NULL destination: the caller's computer */
    assert_int_equal(uiopt_set(st, &who, 7, NULL, NTMS_UITYPE_INFO, NTMS_UIDEST_ADD, NULL), 0);
    assert_int_equal(uiopt_set(st, &who, 8, NULL, NTMS_UITYPE_INFO, NTMS_UIDEST_ADD, "eight"), 0);
    assert_int_equal(uiopt_get(st, &who, 7, NULL, NTMS_UITYPE_INFO, &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0], "client7");
    strlist_free(&l);
    uiopt_session_ended(st, 7);
    assert_int_equal(uiopt_get(st, &who, 7, NULL, NTMS_UITYPE_INFO, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(uiopt_get(st, &who, 8, NULL, NTMS_UITYPE_INFO, &l), 0);
    assert_int_equal(l.n, 1);
    strlist_free(&l);
}

/* ------------------------------------------------------------------------ */
/* Destination syntax */

static const struct dest_case {
    const char *dest;
    enum uimsg_kind kind;
    const char *host, *port, *path;
} dest_cases[] = {
    {"ops-console", UIMSG_NAME, NULL, NULL, NULL},
    {"syslog", UIMSG_NAME, NULL, NULL, NULL},
    {"exec:/usr/local/bin/page-oncall --urgent", UIMSG_EXEC, NULL, NULL, NULL},
    {"exec:page-oncall", UIMSG_BAD, NULL, NULL, NULL},
    {"http://ops.example.org/rsm", UIMSG_HTTP, "ops.example.org", "80", "/rsm"},
    {"http://127.0.0.1:8080", UIMSG_HTTP, "127.0.0.1", "8080", "/"},
    {"http://[::1]:9000/a?b=c", UIMSG_HTTP, "::1", "9000", "/a?b=c"},
    {"http://host:0/", UIMSG_BAD, NULL, NULL, NULL},
    {"http://host:70000/", UIMSG_BAD, NULL, NULL, NULL},
    {"http://user@host/", UIMSG_BAD, NULL, NULL, NULL},
    {"http:///path", UIMSG_BAD, NULL, NULL, NULL},
    {"http://[::1/", UIMSG_BAD, NULL, NULL, NULL},
    {"http://host/a b", UIMSG_BAD, NULL, NULL, NULL},
    {"HTTP://host/", UIMSG_BAD, NULL, NULL, NULL},
    {"https://host/", UIMSG_BAD, NULL, NULL, NULL},
    {"tab\there", UIMSG_BAD, NULL, NULL, NULL},
};

static void test_destinations(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dest_cases / sizeof dest_cases[0]; i++) {
        const struct dest_case *k = &dest_cases[i];
        uimsg_url_t u;
        if (uimsg_classify(k->dest) != k->kind)
            fail_msg("\"%s\": kind %d, expected %d", k->dest, uimsg_classify(k->dest), k->kind);
        if (k->host == NULL)
            continue;
        assert_int_equal(uimsg_parse_url(k->dest, &u), 0);
        assert_string_equal(u.host, k->host);
        assert_string_equal(u.port, k->port);
        assert_string_equal(u.path, k->path);
    }
    char longer[UIMSG_DEST_MAX + 8];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(uimsg_classify(longer), UIMSG_BAD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_life_and_waiters, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_done_may_end_others, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_withdraw, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_recover, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_purge, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_operators_only, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_session_lists, fx_setup, fx_teardown),
        cmocka_unit_test(test_destinations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
