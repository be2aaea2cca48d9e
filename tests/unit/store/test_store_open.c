/*
 * test_store_open.c - opening databases, the schema version, transactions
 * and named attributes.
 */
#include "fixture.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_open_memory(void **state)
{
    (void)state;
    store_t *st = fx_open_memory();
    NTMS_GUID g;
    /* an empty database: no computer, no root pool yet */
    assert_int_equal(store_computer(st, &g), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_root_pool(st, &g), ERROR_OBJECT_NOT_FOUND);
    store_close(st);
    store_close(NULL); /* harmless */
}

static void test_open_file_writes_schema_and_wal(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    assert_int_equal(access(db.path, F_OK), 0);
    assert_int_equal(fx_raw_int(db.path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(fx_raw_int(db.path, "SELECT count(*) FROM sqlite_schema WHERE name = 'side'"), 1);
    /* WAL is a property of the file: a new connection sees it */
    assert_int_equal(fx_raw_int(db.path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);

    /* data survives a close and reopen, and reopening changes no version */
    NTMS_OBJECTINFORMATIONA o, got;
    fx_init(&o, NTMS_MEDIA_TYPE, "DLT");
    o.Info.MediaType.NumberOfSides = 1;
    assert_int_equal(store_insert(db.st, &o), 0);
    store_close(db.st);
    assert_int_equal(store_open(db.path, &db.st), 0);
    assert_int_equal(store_get(db.st, &o.ObjectGuid, &got), 0);
    assert_string_equal(got.szName, "DLT");
    assert_int_equal(fx_raw_int(db.path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    fx_db_close(&db);
}

/* --- checkpoints ---------------------------------------------------------- */

static uint8_t big_value[3000];

/* Some 1,500 pages of new attributes (named after `tag`) on object `id`,
 * in one transaction: more than the 1,000 WAL pages that call for a
 * checkpoint, and pages the database file does not have yet. */
static DWORD big_commit(store_t *st, const NTMS_GUID *id, char tag)
{
    memset(big_value, tag, sizeof big_value);
    DWORD err = store_begin(st);
    for (int i = 0; !err && i < 1500; i++) {
        char name[32];
        snprintf(name, sizeof name, "%c%04d", tag, i);
        err = store_set_attribute(st, id, name, big_value, sizeof big_value);
    }
    return err ? err : store_commit(st);
}

/* Wait (10 s at most) until the database file holds every page, which
 * only a checkpoint does; 0 when it does. */
static int wait_checkpointed(const char *path)
{
    long long size = fx_raw_int(path, "PRAGMA page_count") * fx_raw_int(path, "PRAGMA page_size");
    struct stat now;
    for (int i = 0; i < 1000; i++) {
        if (stat(path, &now) == 0 && now.st_size == size)
            return 0;
        usleep(10000);
    }
    return -1;
}

static NTMS_GUID add_dlt(store_t *st)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_MEDIA_TYPE, "DLT");
    o.Info.MediaType.NumberOfSides = 1;
    assert_int_equal(store_insert(st, &o), 0);
    return o.ObjectGuid;
}

/* Checkpoints run on the store's own thread (checkpoint.c): a commit that
 * leaves more than 1,000 pages in the WAL still gets them copied into the
 * database file, without anyone asking, and nothing is lost on the way. */
static void test_checkpoint_after_big_commit(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    NTMS_GUID id = add_dlt(db.st);
    struct stat before;
    assert_int_equal(stat(db.path, &before), 0);

    assert_int_equal(big_commit(db.st, &id, 'a'), 0);
    assert_true(fx_raw_int(db.path, "PRAGMA page_count") * fx_raw_int(db.path, "PRAGMA page_size") >
                before.st_size + 1000 * 4096);
    assert_int_equal(wait_checkpointed(db.path), 0);

    store_close(db.st);
    assert_int_equal(store_open(db.path, &db.st), 0);
    uint8_t *got = NULL;
    size_t len = 0;
    assert_int_equal(store_get_attribute(db.st, &id, "a1499", &got, &len), 0);
    assert_int_equal(len, sizeof big_value);
    assert_memory_equal(got, big_value, len);
    free(got);
    fx_db_close(&db);
}

/* rsmd forks after opening its store. A child whose parent had started the
 * checkpoint thread (which does not follow the fork) checkpoints on a
 * thread of its own and closes without waiting for the parent's. */
static void test_checkpoint_after_fork(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    NTMS_GUID id = add_dlt(db.st);
    assert_int_equal(big_commit(db.st, &id, 'p'), 0); /* the parent's thread starts */
    assert_int_equal(wait_checkpointed(db.path), 0);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int bad = big_commit(db.st, &id, 'c') != 0 || wait_checkpointed(db.path) != 0;
        store_close(db.st);
        _exit(bad);
    }
    int status = -1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    fx_db_close(&db);
}

static void test_newer_schema_refused(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    store_close(db.st);
    db.st = NULL;
    fx_raw_sql(&db, "PRAGMA user_version = 99");

    store_t *st = (store_t *)(uintptr_t)1; /* store_open must set it to NULL */
    assert_int_equal(store_open(db.path, &st), ERROR_DATABASE_FAILURE);
    assert_null(st);
    /* refusing must not touch the file */
    assert_int_equal(fx_raw_int(db.path, "PRAGMA user_version"), 99);
    fx_db_close(&db);
}

static void test_garbage_file_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/rsm-store-garbage-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/not-a-db", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 64; i++)
        fputs("this is not an SQLite database. ", f);
    fclose(f);

    store_t *st = NULL;
    assert_int_equal(store_open(path, &st), ERROR_DATABASE_FAILURE);
    assert_null(st);
    assert_int_equal(store_open("/nonexistent-dir/x/y.db", &st), ERROR_DATABASE_FAILURE);
    assert_int_equal(store_open(NULL, &st), ERROR_INVALID_PARAMETER);
    unlink(path);
    rmdir(dir);
}

/* --- transactions -------------------------------------------------------- */

static void add_type(store_t *st, const char *name, NTMS_GUID *g)
{
    NTMS_OBJECTINFORMATIONA o;
    fx_init(&o, NTMS_MEDIA_TYPE, name);
    o.Info.MediaType.NumberOfSides = 1;
    *g = o.ObjectGuid;
    assert_int_equal(store_insert(st, &o), 0);
}

static size_t count_types(store_t *st)
{
    size_t n = 0;
    assert_int_equal(store_count(st, NULL, NTMS_MEDIA_TYPE, &n), 0);
    return n;
}

static void test_nested_commit(void **state)
{
    (void)state;
    fx_db_t db;
    fx_db_open(&db);
    NTMS_GUID a, b;

    assert_int_equal(store_begin(db.st), 0);
    add_type(db.st, "a", &a);
    assert_int_equal(store_begin(db.st), 0);
    add_type(db.st, "b", &b);
    assert_int_equal(store_commit(db.st), 0); /* inner: nothing committed yet */
    assert_int_equal(fx_raw_int(db.path, "SELECT count(*) FROM media_type"), 0);
    assert_int_equal(store_commit(db.st), 0); /* outer: both visible */
    assert_int_equal(fx_raw_int(db.path, "SELECT count(*) FROM media_type"), 2);

    assert_int_equal(store_commit(db.st), ERROR_INVALID_OPERATION); /* unbalanced */
    fx_db_close(&db);
}

static void test_rollback_discards(void **state)
{
    (void)state;
    store_t *st = fx_open_memory();
    NTMS_GUID a, b, c;

    assert_int_equal(store_begin(st), 0);
    add_type(st, "a", &a);
    store_rollback(st);
    assert_int_equal(count_types(st), 0);

    /* an inner rollback dooms the whole transaction */
    assert_int_equal(store_begin(st), 0);
    add_type(st, "b", &b);
    assert_int_equal(store_begin(st), 0);
    add_type(st, "c", &c);
    store_rollback(st);
    assert_int_equal(store_commit(st), ERROR_DATABASE_FAILURE);
    assert_int_equal(count_types(st), 0);

    /* and the next transaction starts clean */
    assert_int_equal(store_begin(st), 0);
    add_type(st, "d", &a);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(count_types(st), 1);
    store_rollback(st); /* without a transaction: logged, harmless */
    assert_int_equal(count_types(st), 1);
    store_close(st);
}

/* A failed insert inside a transaction undoes only itself. */
static void test_failed_write_keeps_transaction(void **state)
{
    (void)state;
    store_t *st = fx_open_memory();
    NTMS_GUID a, missing;
    fx_guid(&missing);

    assert_int_equal(store_begin(st), 0);
    add_type(st, "a", &a);
    NTMS_OBJECTINFORMATIONA pool;
    fx_init(&pool, NTMS_MEDIA_POOL, "bad");
    pool.Info.MediaPool.PoolType = NTMS_POOLTYPE_APPLICATION;
    pool.Info.MediaPool.MediaType = missing;
    assert_int_equal(store_insert(st, &pool), ERROR_OBJECT_NOT_FOUND);
    DWORD type;
    assert_int_equal(store_type_of(st, &pool.ObjectGuid, &type), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(count_types(st), 1);
    store_close(st);
}

/* --- attributes ---------------------------------------------------------- */

static void test_attributes(void **state)
{
    (void)state;
    store_t *st = fx_open_memory();
    NTMS_GUID mt, unknown;
    add_type(st, "a", &mt);
    fx_guid(&unknown);

    uint8_t *data = NULL;
    size_t len = 0;
    assert_int_equal(store_get_attribute(st, &mt, "Color", &data, &len), ERROR_OBJECT_NOT_FOUND);

    const uint8_t v1[] = {1, 0, 2, 0, 3};
    assert_int_equal(store_set_attribute(st, &mt, "Color", v1, sizeof v1), 0);
    assert_int_equal(store_get_attribute(st, &mt, "Color", &data, &len), 0);
    assert_int_equal(len, sizeof v1);
    assert_memory_equal(data, v1, sizeof v1);
    free(data);

    /* overwrite, through a name differing only in case */
    const uint8_t v2[] = "longer value";
    assert_int_equal(store_set_attribute(st, &mt, "COLOR", v2, sizeof v2), 0);
    assert_int_equal(store_get_attribute(st, &mt, "color", &data, &len), 0);
    assert_int_equal(len, sizeof v2);
    assert_memory_equal(data, v2, sizeof v2);
    free(data);

    /* a zero-length set deletes (SetNtmsObjectAttribute's remarks); deleting
     * a missing name succeeds, on an unknown object it does not */
    assert_int_equal(store_set_attribute(st, &mt, "color", NULL, 0), 0);
    assert_int_equal(store_get_attribute(st, &mt, "Color", &data, &len), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_set_attribute(st, &mt, "never-set", NULL, 0), 0);
    assert_int_equal(store_set_attribute(st, &unknown, "color", NULL, 0), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_set_attribute(st, &mt, "Color", v2, sizeof v2), 0);

    assert_int_equal(store_set_attribute(st, &unknown, "Color", v1, sizeof v1), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_get_attribute(st, &unknown, "Color", &data, &len), ERROR_OBJECT_NOT_FOUND);

    /* attributes go with their object */
    assert_int_equal(store_delete(st, &mt), 0);
    assert_int_equal(store_get_attribute(st, &mt, "Color", &data, &len), ERROR_OBJECT_NOT_FOUND);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_memory),
        cmocka_unit_test(test_open_file_writes_schema_and_wal),
        cmocka_unit_test(test_checkpoint_after_big_commit),
        cmocka_unit_test(test_checkpoint_after_fork),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_garbage_file_refused),
        cmocka_unit_test(test_nested_commit),
        cmocka_unit_test(test_rollback_discards),
        cmocka_unit_test(test_failed_write_keeps_transaction),
        cmocka_unit_test(test_attributes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
