/*
 * test_store_backup.c - the copies of the database (store_backup.h): the
 * export, the import marker, and the import at start with every way a copy
 * can be bad. The database is the fixture's world in a temporary
 * directory; the export directory is DIR/export.
 */
#define _XOPEN_SOURCE 700
#include "fixture.h"

#include <ftw.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store_backup.h"

typedef struct bx {
    fx_world_db_t wd;
    char export_dir[80];
    char copy[96];
    char marker[96];
    NTMS_GUID later; /* a pool made after the export */
} bx_t;

static int bx_setup(void **state)
{
    bx_t *b = calloc(1, sizeof *b);
    void *wd = NULL;
    assert_non_null(b);
    assert_int_equal(fx_world_setup(&wd), 0);
    b->wd = *(fx_world_db_t *)wd;
    free(wd);
    snprintf(b->export_dir, sizeof b->export_dir, "%s/export", b->wd.db.dir);
    snprintf(b->copy, sizeof b->copy, "%s/rsm.db", b->export_dir);
    snprintf(b->marker, sizeof b->marker, "%s/" STORE_IMPORT_MARKER, b->export_dir);
    *state = b;
    return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int bx_teardown(void **state)
{
    bx_t *b = *state;
    store_close(b->wd.db.st);
    nftw(b->wd.db.dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(b);
    return 0;
}

static store_copy_t copy_of(const bx_t *b, const atomic_int *stop)
{
    store_copy_t c = {.db = b->wd.db.path, .dir = b->export_dir, .stop = stop, .requested_by = "the unit test"};
    return c;
}

static DWORD export(bx_t *b)
{
    store_copy_t c = copy_of(b, NULL);
    DWORD err = store_export_write(&c);
    return err ? err : store_export_publish(&c);
}

static DWORD mark(bx_t *b)
{
    store_copy_t c = copy_of(b, NULL);
    DWORD err = store_import_check_copy(&c);
    return err ? err : store_import_mark(&c);
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Pools named `name` in the database file `path`. */
static long long pools_named(const char *path, const char *name)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM object WHERE type = %d AND name = '%s'", NTMS_MEDIA_POOL, name);
    return fx_raw_int(path, sql);
}

/* Export the world, then add the pool "Later" to the database only. */
static void export_then_change(bx_t *b)
{
    assert_int_equal(export(b), 0);
    assert_int_equal(fx_add_pool(b->wd.db.st, NULL, "Later", NTMS_POOLTYPE_APPLICATION, NULL, &b->later), 0);
}

/* The database as rsmd stopped leaves it, ready for the next start. */
static void stop_rsmd(bx_t *b)
{
    store_close(b->wd.db.st);
    b->wd.db.st = NULL;
}

/* The backup the import made of the database: DB.YYYYMMDD-HHMMSS.bak. */
static int find_backup(const bx_t *b, char *out, size_t len)
{
    char pattern[220];
    glob_t g;

    snprintf(pattern, sizeof pattern, "%s.*.bak", b->wd.db.path);
    int found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
    if (found)
        snprintf(out, len, "%s", g.gl_pathv[0]);
    globfree(&g);
    return found;
}

/* --- export ---------------------------------------------------------------- */

/* The copy holds the world and passes the whole check; nothing else is
 * left in the export directory. */
static void test_export_copy(void **state)
{
    bx_t *b = *state;
    char tmp[220];
    store_t *st = NULL;
    NTMS_OBJECTINFORMATIONA got;

    assert_int_equal(export(b), 0);
    snprintf(tmp, sizeof tmp, "%s.tmp", b->copy);
    assert_false(exists(tmp));
    assert_int_equal(fx_raw_int(b->copy, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);
    assert_int_equal(fx_raw_int(b->copy, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(store_open(b->copy, &st), 0);
    assert_int_equal(store_check(st, NULL, 0), 0);
    assert_int_equal(store_get(st, &b->wd.w.lmid, &got), 0);
    store_close(st);
}

/* The copy is the committed state: a transaction open meanwhile neither
 * blocks it nor gets into it. */
static void test_export_reads_committed(void **state)
{
    bx_t *b = *state;
    NTMS_GUID pool;

    assert_int_equal(store_begin(b->wd.db.st), 0);
    assert_int_equal(fx_add_pool(b->wd.db.st, NULL, "Uncommitted", NTMS_POOLTYPE_APPLICATION, NULL, &pool), 0);
    assert_int_equal(export(b), 0);
    assert_int_equal(store_commit(b->wd.db.st), 0);
    assert_int_equal(pools_named(b->copy, "Uncommitted"), 0);
    assert_int_equal(export(b), 0);
    assert_int_equal(pools_named(b->copy, "Uncommitted"), 1);
}

/* A raised stop ends the export with nothing written. */
static void test_export_stopped(void **state)
{
    bx_t *b = *state;
    atomic_int stop;
    atomic_init(&stop, 1);
    store_copy_t c = copy_of(b, &stop);

    assert_int_equal(store_export_write(&c), ERROR_CANCELLED);
    assert_false(exists(c.tmp));
    assert_false(exists(c.path));
    assert_non_null(strstr(c.why, "stopped"));
}

/* The export directory cannot be made: a file is in the way. */
static void test_export_dir_blocked(void **state)
{
    bx_t *b = *state;
    FILE *f = fopen(b->export_dir, "w");
    assert_non_null(f);
    fclose(f);
    store_copy_t c = copy_of(b, NULL);
    assert_int_equal(store_export_write(&c), ERROR_DATABASE_FAILURE);
    assert_non_null(strstr(c.why, "cannot create directory"));
    assert_int_equal(unlink(b->export_dir), 0);
}

/* --- the marker ------------------------------------------------------------ */

static void test_mark(void **state)
{
    bx_t *b = *state;
    store_copy_t c = copy_of(b, NULL);

    assert_int_equal(store_import_check_copy(&c), ERROR_DATABASE_FAILURE); /* no copy yet */
    assert_false(store_import_pending(b->export_dir));
    assert_int_equal(export(b), 0);
    assert_int_equal(mark(b), 0);
    assert_true(store_import_pending(b->export_dir));
    char line[64] = "";
    FILE *f = fopen(b->marker, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "the unit test\n");

    /* Something that is not a database is not marked. */
    f = fopen(b->copy, "w");
    assert_non_null(f);
    fputs("not a database at all, though long enough\n", f);
    fclose(f);
    assert_int_equal(unlink(b->marker), 0);
    assert_int_equal(mark(b), ERROR_DATABASE_FAILURE);
    assert_false(store_import_pending(b->export_dir));
}

/* --- the import at start --------------------------------------------------- */

static void test_import_nothing_pending(void **state)
{
    bx_t *b = *state;
    export_then_change(b);
    stop_rsmd(b);
    assert_int_equal(store_import_at_start(b->wd.db.path, b->export_dir), 0);
    assert_int_equal(pools_named(b->wd.db.path, "Later"), 1);
}

static void test_import(void **state)
{
    bx_t *b = *state;
    char backup[256], stage[200];
    struct stat before, after;

    export_then_change(b);
    assert_int_equal(mark(b), 0);
    stop_rsmd(b);
    assert_int_equal(chmod(b->wd.db.path, 0640), 0);
    assert_int_equal(stat(b->wd.db.path, &before), 0);

    assert_int_equal(store_import_at_start(b->wd.db.path, b->export_dir), 0);
    assert_false(exists(b->marker));
    snprintf(stage, sizeof stage, "%s.import", b->wd.db.path);
    assert_false(exists(stage));
    assert_int_equal(pools_named(b->wd.db.path, "Later"), 0);
    assert_int_equal(stat(b->wd.db.path, &after), 0);
    assert_int_equal(after.st_mode & 0777, 0640);
    assert_true(after.st_ino != before.st_ino);
    /* The database that was replaced is kept whole. */
    assert_true(find_backup(b, backup, sizeof backup));
    assert_int_equal(pools_named(backup, "Later"), 1);
    /* rsmd starts on the imported copy, which passes every check. */
    assert_int_equal(store_open(b->wd.db.path, &b->wd.db.st), 0);
    assert_int_equal(store_check(b->wd.db.st, NULL, 0), 0);
    NTMS_OBJECTINFORMATIONA got;
    assert_int_equal(store_get(b->wd.db.st, &b->wd.w.pmid, &got), 0);
    assert_int_equal(store_get(b->wd.db.st, &b->later, &got), ERROR_OBJECT_NOT_FOUND);
}

/* The database was lost: the copy becomes it, and there is no backup. */
static void test_import_without_database(void **state)
{
    bx_t *b = *state;
    char path[200], backup[256];

    export_then_change(b);
    assert_int_equal(mark(b), 0);
    stop_rsmd(b);
    assert_int_equal(unlink(b->wd.db.path), 0);
    snprintf(path, sizeof path, "%s-wal", b->wd.db.path);
    unlink(path);
    assert_int_equal(store_import_at_start(b->wd.db.path, b->export_dir), 0);
    assert_false(find_backup(b, backup, sizeof backup));
    assert_int_equal(pools_named(b->wd.db.path, "Later"), 0);
    assert_int_equal(fx_raw_int(b->wd.db.path, "SELECT count(*) FROM object"),
                     fx_raw_int(b->copy, "SELECT count(*) FROM object"));
}

/* rsmd died with committed changes still in the WAL: they are in the
 * backup, not lost, and the WAL does not leak into the imported copy. */
static void test_import_after_crash(void **state)
{
    bx_t *b = *state;
    char backup[256];

    assert_int_equal(export(b), 0);
    assert_int_equal(mark(b), 0);
    stop_rsmd(b);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        store_t *st = NULL;
        NTMS_GUID id;
        int bad = store_open(b->wd.db.path, &st) != 0 ||
                  fx_add_pool(st, NULL, "In the WAL", NTMS_POOLTYPE_APPLICATION, NULL, &id) != 0;
        _exit(bad); /* no close: the WAL keeps the pool */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char wal[200];
    snprintf(wal, sizeof wal, "%s-wal", b->wd.db.path);
    assert_true(exists(wal));

    assert_int_equal(store_import_at_start(b->wd.db.path, b->export_dir), 0);
    assert_false(exists(wal));
    assert_int_equal(pools_named(b->wd.db.path, "In the WAL"), 0);
    assert_true(find_backup(b, backup, sizeof backup));
    assert_int_equal(pools_named(backup, "In the WAL"), 1);
}

/* --- copies that are refused ------------------------------------------------ */

static void cut_in_half(const bx_t *b)
{
    struct stat st;
    assert_int_equal(stat(b->copy, &st), 0);
    assert_int_equal(truncate(b->copy, st.st_size / 2), 0);
}

static void make_empty(const bx_t *b)
{
    assert_int_equal(truncate(b->copy, 0), 0);
}

/* The first page whole, the rest gone: the header still reads. */
static void keep_first_page(const bx_t *b)
{
    assert_int_equal(truncate(b->copy, fx_raw_int(b->copy, "PRAGMA page_size")), 0);
}

static void raw_on_copy(const bx_t *b, const char *sql)
{
    fx_db_t copy = {.st = NULL};
    snprintf(copy.path, sizeof copy.path, "%s", b->copy);
    fx_raw_sql(&copy, sql);
}

static void from_the_future(const bx_t *b)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION + 1);
    raw_on_copy(b, sql);
}

static void no_schema(const bx_t *b)
{
    raw_on_copy(b, "PRAGMA user_version = 0");
}

/* Whole to SQLite, but against the model: a side without its medium. */
static void inconsistent(const bx_t *b)
{
    char sql[128], g[40];
    fx_guid_sql(&b->wd.w.pmid, g);
    snprintf(sql, sizeof sql, "DELETE FROM object WHERE guid = %s", g);
    raw_on_copy(b, sql);
}

static const struct bad_copy {
    const char *name;
    void (*damage)(const bx_t *b);
} bad_copies[] = {
    {"cut in half", cut_in_half},
    {"empty", make_empty},
    {"first page only", keep_first_page},
    {"newer schema", from_the_future},
    {"no schema", no_schema},
    {"inconsistent", inconsistent},
};

static void test_import_refused(void **state)
{
    bx_t *b = *state;
    char backup[256], stage[200];

    for (size_t i = 0; i < sizeof bad_copies / sizeof bad_copies[0]; i++) {
        print_message("copy %s\n", bad_copies[i].name);
        if (b->wd.db.st == NULL)
            assert_int_equal(store_open(b->wd.db.path, &b->wd.db.st), 0);
        assert_int_equal(export(b), 0);
        bad_copies[i].damage(b);
        assert_int_equal(mark(b), bad_copies[i].damage == make_empty ? ERROR_DATABASE_FAILURE : 0);
        if (!exists(b->marker))
            assert_int_equal(store_import_mark(&(store_copy_t){.db = b->wd.db.path, .dir = b->export_dir}), 0);
        stop_rsmd(b);
        assert_int_equal(store_import_at_start(b->wd.db.path, b->export_dir), ERROR_DATABASE_FAILURE);
        /* Refused: the marker withdrawn, the database untouched. */
        assert_false(exists(b->marker));
        snprintf(stage, sizeof stage, "%s.import", b->wd.db.path);
        assert_false(exists(stage));
        assert_false(find_backup(b, backup, sizeof backup));
        assert_int_equal(store_open(b->wd.db.path, &b->wd.db.st), 0);
        assert_int_equal(store_check(b->wd.db.st, NULL, 0), 0);
        NTMS_OBJECTINFORMATIONA got;
        assert_int_equal(store_get(b->wd.db.st, &b->wd.w.pmid, &got), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_export_copy, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_export_reads_committed, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_export_stopped, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_export_dir_blocked, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_mark, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_import_nothing_pending, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_import, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_import_without_database, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_import_after_crash, bx_setup, bx_teardown),
        cmocka_unit_test_setup_teardown(test_import_refused, bx_setup, bx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
