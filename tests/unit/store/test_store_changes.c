/*
 * test_store_changes.c - the record of committed changes (store_changes.h)
 * on the fixture's world: each kind of change gives the right event, the
 * changes of one transaction merge per object, transactions stay apart and
 * in commit order, and what SQLite undoes (a rollback, a failed statement,
 * a failed operation's savepoint) gives nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_changes.h"
#include "store/store_library.h"

#define MAX_SEEN 64

struct ctx {
    store_t *st;
    fx_world_t w;
    store_change_t seen[MAX_SEEN];
    size_t nseen;
    size_t total; /* events of the last take, also those beyond MAX_SEEN */
    int batches;
    int ready; /* commits that told the watcher */
};

static void on_ready(void *arg)
{
    struct ctx *c = arg;
    c->ready++;
}

static void on_batch(void *arg, const store_change_t *v, size_t n)
{
    struct ctx *c = arg;
    c->batches++;
    c->total += n;
    for (size_t i = 0; i < n && c->nseen < MAX_SEEN; i++)
        c->seen[c->nseen++] = v[i];
}

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->st = fx_open_memory();
    fx_build_world(c->st, &c->w); /* before the watch: not recorded */
    assert_int_equal(store_changes_watch(c->st, on_ready, c), 0);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    store_close(c->st);
    free(c);
    return 0;
}

/* Take what was committed; the events must be exactly `want`. */
static void expect(struct ctx *c, const store_change_t *want, size_t n)
{
    c->nseen = c->total = 0;
    assert_int_equal(store_changes_take(c->st, on_batch, c), 0);
    assert_int_equal(c->total, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(c->seen[i].type, want[i].type);
        assert_int_equal(c->seen[i].operation, want[i].operation);
        assert_true(fx_guid_eq(&c->seen[i].id, &want[i].id));
    }
}

static void expect_none(struct ctx *c)
{
    int batches = c->batches;
    expect(c, NULL, 0);
    assert_int_equal(c->batches, batches); /* not even an empty call */
}

#define CTX                                                                                        \
    struct ctx *c = *state;                                                                        \
    store_t *st = c->st;                                                                           \
    const fx_world_t *w = &c->w

static void new_pool(NTMS_OBJECTINFORMATIONA *o, const char *name)
{
    fx_init(o, NTMS_MEDIA_POOL, name);
    o->Info.MediaPool.PoolType = NTMS_POOLTYPE_APPLICATION;
}

static void rename_object(store_t *st, const NTMS_GUID *id, const char *name)
{
    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_get(st, id, &o), 0);
    snprintf(o.szName, sizeof o.szName, "%s", name);
    assert_int_equal(store_update(st, &o), 0);
}

static void test_nothing_before_a_change(void **state)
{
    CTX;
    (void)st;
    (void)w;
    expect_none(c);
    assert_int_equal(c->ready, 0);
}

/* Inserts, updates and deletes of several types, each its own
 * transaction: one event each, in order. An update writes the object row
 * and the detail row, and is still one event. */
static void test_each_change_in_order(void **state)
{
    CTX;
    NTMS_OBJECTINFORMATIONA pool;
    new_pool(&pool, "Nightly");
    assert_int_equal(store_insert(st, &pool), 0);
    rename_object(st, &w->drive, "drive A");
    rename_object(st, &w->slot[1], "slot 2");
    rename_object(st, &pool.ObjectGuid, "Weekly");
    assert_int_equal(store_delete(st, &pool.ObjectGuid), 0);
    const store_change_t want[] = {
        {NTMS_MEDIA_POOL, NTMS_OBJ_INSERT, pool.ObjectGuid},
        {NTMS_DRIVE, NTMS_OBJ_UPDATE, w->drive},
        {NTMS_STORAGESLOT, NTMS_OBJ_UPDATE, w->slot[1]},
        {NTMS_MEDIA_POOL, NTMS_OBJ_UPDATE, pool.ObjectGuid},
        {NTMS_MEDIA_POOL, NTMS_OBJ_DELETE, pool.ObjectGuid},
    };
    expect(c, want, sizeof want / sizeof want[0]);
    assert_int_equal(c->ready, 5);
    expect_none(c); /* taken once */
}

/* Attributes and the media types of a library change their owner. */
static void test_attributes_and_library_types(void **state)
{
    CTX;
    assert_int_equal(store_set_attribute(st, &w->pmid, "label", (const uint8_t *)"A", 1), 0);
    assert_int_equal(store_set_attribute(st, &w->pmid, "label", (const uint8_t *)"B", 1), 0);
    assert_int_equal(store_set_attribute(st, &w->app, "owner", (const uint8_t *)"me", 2), 0);
    assert_int_equal(store_set_attribute(st, &w->pmid, "label", NULL, 0), 0);
    assert_int_equal(store_remove_library_media_type(st, &w->library, &w->media_type), 0);
    assert_int_equal(store_add_library_media_type(st, &w->library, &w->media_type), 0);
    const store_change_t want[] = {
        {NTMS_PHYSICAL_MEDIA, NTMS_OBJ_UPDATE, w->pmid}, {NTMS_PHYSICAL_MEDIA, NTMS_OBJ_UPDATE, w->pmid},
        {NTMS_MEDIA_POOL, NTMS_OBJ_UPDATE, w->app},      {NTMS_PHYSICAL_MEDIA, NTMS_OBJ_UPDATE, w->pmid},
        {NTMS_LIBRARY, NTMS_OBJ_UPDATE, w->library},     {NTMS_LIBRARY, NTMS_OBJ_UPDATE, w->library},
    };
    expect(c, want, sizeof want / sizeof want[0]);
}

/* Within one transaction each object's changes merge into its net change,
 * at the place of its first change. */
static void test_transaction_merges_per_object(void **state)
{
    CTX;
    NTMS_OBJECTINFORMATIONA a, b;
    new_pool(&a, "kept");
    new_pool(&b, "fleeting");
    assert_int_equal(store_begin(st), 0);
    rename_object(st, &w->drive, "first");
    assert_int_equal(store_insert(st, &a), 0);
    assert_int_equal(store_insert(st, &b), 0);
    rename_object(st, &a.ObjectGuid, "kept, renamed");
    assert_int_equal(store_set_attribute(st, &a.ObjectGuid, "x", (const uint8_t *)"1", 1), 0);
    rename_object(st, &w->drive, "second");
    assert_int_equal(store_delete(st, &b.ObjectGuid), 0); /* inserted and gone: nothing */
    rename_object(st, &w->changer, "changer");
    assert_int_equal(store_delete(st, &w->changer), 0); /* updated, then deleted */
    assert_int_equal(store_commit(st), 0);
    const store_change_t want[] = {
        {NTMS_DRIVE, NTMS_OBJ_UPDATE, w->drive},
        {NTMS_MEDIA_POOL, NTMS_OBJ_INSERT, a.ObjectGuid},
        {NTMS_CHANGER, NTMS_OBJ_DELETE, w->changer},
    };
    expect(c, want, sizeof want / sizeof want[0]);
    assert_int_equal(c->ready, 1);
}

/* Two transactions are two events, even for one object and one batch. */
static void test_transactions_stay_apart(void **state)
{
    CTX;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_begin(st), 0);
        rename_object(st, &w->door, i ? "door 2" : "door 1");
        assert_int_equal(store_commit(st), 0);
    }
    const store_change_t want[] = {
        {NTMS_IEDOOR, NTMS_OBJ_UPDATE, w->door},
        {NTMS_IEDOOR, NTMS_OBJ_UPDATE, w->door},
    };
    expect(c, want, 2);
    assert_int_equal(c->batches, 1);
}

/* A rolled back transaction, nested or not, leaves nothing. */
static void test_rollback_gives_nothing(void **state)
{
    CTX;
    NTMS_OBJECTINFORMATIONA pool;
    new_pool(&pool, "never");
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_insert(st, &pool), 0);
    rename_object(st, &w->drive, "never");
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_set_attribute(st, &w->pmid, "n", (const uint8_t *)"1", 1), 0);
    store_rollback(st); /* inner: the whole transaction goes at the end */
    assert_int_equal(store_commit(st), ERROR_DATABASE_FAILURE);
    expect_none(c);

    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_changes_note(st, NTMS_LIBRARY, NTMS_EVENT_COMPLETE, &w->library), 0);
    store_rollback(st);
    expect_none(c);
    assert_int_equal(c->ready, 0);
}

/* Statements that fail undo their own changes inside a transaction that
 * then commits: the record keeps only what the commit kept. */
static void test_failed_statements_give_nothing(void **state)
{
    CTX;
    NTMS_OBJECTINFORMATIONA bad;
    assert_int_equal(store_begin(st), 0);
    /* A delete that other rows refuse (the pool holds a medium). */
    assert_int_equal(store_delete(st, &w->app), ERROR_NOT_EMPTY);
    /* An update whose detail row is refused: its savepoint is undone. */
    assert_int_equal(store_get(st, &w->drive, &bad), 0);
    snprintf(bad.szName, sizeof bad.szName, "renamed in vain");
    fx_guid(&bad.Info.Drive.Library); /* no such library */
    assert_int_equal(store_update(st, &bad), ERROR_OBJECT_NOT_FOUND);
    rename_object(st, &w->slot[0], "kept");
    assert_int_equal(store_commit(st), 0);
    const store_change_t want[] = {{NTMS_STORAGESLOT, NTMS_OBJ_UPDATE, w->slot[0]}};
    expect(c, want, 1);
}

/* Columns of ours that are no member of an NTMS structure change nothing
 * a client could see. */
static void test_bookkeeping_is_no_change(void **state)
{
    CTX;
    assert_int_equal(store_library_set_identity(st, &w->library, "robot", "SER123"), 0);
    expect_none(c);
}

/* Nothing is handed out while a transaction is open; its commit tells the
 * watcher again. Events take their place among the changes. */
static void test_take_waits_for_the_commit(void **state)
{
    CTX;
    assert_int_equal(store_begin(st), 0);
    rename_object(st, &w->port, "port");
    assert_int_equal(store_changes_note(st, NTMS_LIBRARY, NTMS_EVENT_COMPLETE, &w->library), 0);
    rename_object(st, &w->library, "library");
    expect_none(c);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(c->ready, 1);
    const store_change_t want[] = {
        {NTMS_IEPORT, NTMS_OBJ_UPDATE, w->port},
        {NTMS_LIBRARY, NTMS_EVENT_COMPLETE, w->library},
        {NTMS_LIBRARY, NTMS_OBJ_UPDATE, w->library},
    };
    expect(c, want, 3);
    assert_int_equal(store_changes_note(st, NTMS_LIBRARY, NTMS_OBJ_UPDATE, &w->library),
                     ERROR_INVALID_PARAMETER); /* only events are noted */
}

/* Many changes in one transaction (an inventory's worth) come out whole,
 * in order. */
static void test_large_transaction(void **state)
{
    CTX;
    enum { N = 500 };
    NTMS_GUID ids[N];
    assert_int_equal(store_begin(st), 0);
    for (int i = 0; i < N; i++) {
        NTMS_OBJECTINFORMATIONA o;
        char name[32];
        snprintf(name, sizeof name, "pool %d", i);
        new_pool(&o, name);
        assert_int_equal(store_insert(st, &o), 0);
        ids[i] = o.ObjectGuid;
    }
    assert_int_equal(store_commit(st), 0);
    (void)w;
    c->nseen = c->total = 0;
    assert_int_equal(store_changes_take(st, on_batch, c), 0);
    assert_int_equal(c->total, N);
    assert_int_equal(c->batches, 1);
    for (size_t i = 0; i < MAX_SEEN; i++) { /* the first ones, in insert order */
        assert_int_equal(c->seen[i].operation, NTMS_OBJ_INSERT);
        assert_true(fx_guid_eq(&c->seen[i].id, &ids[i]));
    }
    expect_none(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nothing_before_a_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_change_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attributes_and_library_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_merges_per_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions_stay_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_gives_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_statements_give_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bookkeeping_is_no_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_take_waits_for_the_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_transaction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
