/*
 * test_dbexport.c - ExportNtmsDatabase and ImportNtmsDatabase through
 * librsm, against a private rsmd (run-rsmd.sh; docs/design/backup.md).
 *
 *   test_dbexport            the calls on one running rsmd
 *   test_dbexport PHASE      one step of dbexport_restart.sh, which restarts
 *                            rsmd on the same directory between the phases
 *                            mark, imported and refused
 *
 * The copy is $RSM_TEST_DIR/export/rsm.db (export_dir's default: beside
 * the database) and is read with SQLite directly, read-only.
 */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include <rsm/ntmsapi.h>

/* The bulk that makes an export take a while: BULK attributes of
 * BULK_SIZE bytes (some 40 MiB, 10,000 pages) on the computer object. */
#define BULK 640
#define BULK_SIZE 60000

/* The reader thread's bounds. */
#define READER_MAX_CALLS 200000
#define READER_MAX_MS 60000

static char copy_path[512], marker_path[512];

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static const char *test_dir(void)
{
    const char *dir = getenv("RSM_TEST_DIR");
    assert_non_null(dir);
    return dir;
}

static HANDLE open_session(const char *app)
{
    HANDLE h = OpenNtmsSessionA(NULL, app, 0);
    assert_true(h != INVALID_HANDLE_VALUE);
    return h;
}

static NTMS_GUID computer(HANDLE h)
{
    NTMS_GUID id;
    DWORD n = 1;
    assert_int_equal(EnumerateNtmsObject(h, NULL, &id, &n, NTMS_COMPUTER, 0), ERROR_SUCCESS);
    assert_int_equal(n, 1);
    return id;
}

/* CreateNtmsMediaPool's answer for an application pool `name`. */
static DWORD pool(HANDLE h, const char *name, DWORD action)
{
    NTMS_GUID id;
    return CreateNtmsMediaPoolA(h, name, NULL, action, NULL, &id);
}

/* --- the copy, read with SQLite ------------------------------------------ */

/* One integer from `sql` on database file `path`, opened read-only. */
static long long file_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long long v = -1;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static void assert_integrity_ok(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    sqlite3_close(db);
}

/* How many objects named `name` the database file holds. */
static long long objects_named(const char *path, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM object WHERE name = '%s'", name);
    return file_int(path, sql);
}

static long long objects_of_type(const char *path, DWORD type)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM object WHERE type = %u", (unsigned)type);
    return file_int(path, sql);
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Whether the rsmd log of this run has a line containing `needle`. */
static int log_has(const char *needle)
{
    char path[512], line[4096];
    int found = 0;

    snprintf(path, sizeof path, "%s/rsmd.log", test_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (!found && fgets(line, sizeof line, f) != NULL)
        found = strstr(line, needle) != NULL;
    fclose(f);
    return found;
}

/* --- on one rsmd ------------------------------------------------------------ */

static void test_handles(void **state)
{
    (void)state;
    assert_int_equal(ExportNtmsDatabase(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(ExportNtmsDatabase(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);
    assert_int_equal(ImportNtmsDatabase(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(ImportNtmsDatabase(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE);
}

/* The copy is one whole file (no WAL beside it, rollback-journal mode),
 * passes SQLite's integrity check, and holds what the service holds. */
static void test_export_copy(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    NTMS_GUID comp = computer(h);
    char tmp[600];

    assert_int_equal(pool(h, "Exported", NTMS_CREATE_NEW), ERROR_SUCCESS);
    assert_int_equal(SetNtmsObjectAttributeA(h, &comp, NTMS_COMPUTER, "exported", "yes", 4), ERROR_SUCCESS);
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);

    assert_true(exists(copy_path));
    snprintf(tmp, sizeof tmp, "%s.tmp", copy_path);
    assert_false(exists(tmp));
    snprintf(tmp, sizeof tmp, "%s-wal", copy_path);
    assert_false(exists(tmp));
    assert_integrity_ok(copy_path);
    assert_int_equal(file_int(copy_path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"),
                     1);
    assert_int_equal(objects_named(copy_path, "Exported"), 1);
    assert_int_equal(objects_of_type(copy_path, NTMS_COMPUTER), 1);
    assert_true(objects_of_type(copy_path, NTMS_MEDIA_POOL) >= 4); /* the system pools and ours */

    /* Any existing copy is overwritten: the next one has the later pool. */
    assert_int_equal(pool(h, "Exported later", NTMS_CREATE_NEW), ERROR_SUCCESS);
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_int_equal(objects_named(copy_path, "Exported later"), 1);
    CloseNtmsSession(h);
}

struct reader {
    HANDLE h;
    NTMS_GUID comp;
    volatile int stop;
    long long *done_us; /* when each call was answered */
    size_t n;
    DWORD err;
};

static void *reader_main(void *arg)
{
    struct reader *r = arg;
    long long end = now_us() + READER_MAX_MS * 1000LL;
    NTMS_OBJECTINFORMATIONA info;

    while (!r->stop && r->n < READER_MAX_CALLS && now_us() < end) {
        memset(&info, 0, sizeof info);
        info.dwSize = sizeof info;
        info.dwType = NTMS_COMPUTER;
        r->err = GetNtmsObjectInformationA(r->h, &r->comp, &info);
        if (r->err != ERROR_SUCCESS)
            break;
        r->done_us[r->n++] = now_us();
    }
    return NULL;
}

/* While a large export runs, another session's calls keep being answered:
 * the longest time without an answer is a fraction of the export's. */
static void test_export_while_busy(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    struct reader r = {.h = open_session("test_dbexport reader")};
    static char value[BULK_SIZE];
    pthread_t t;

    r.comp = computer(h);
    memset(value, 'x', sizeof value);
    for (int i = 0; i < BULK; i++) {
        char name[32];
        snprintf(name, sizeof name, "bulk%03d", i);
        value[0] = (char)i;
        assert_int_equal(SetNtmsObjectAttributeA(h, &r.comp, NTMS_COMPUTER, name, value, sizeof value),
                         ERROR_SUCCESS);
    }
    r.done_us = calloc(READER_MAX_CALLS, sizeof *r.done_us);
    assert_non_null(r.done_us);
    assert_int_equal(pthread_create(&t, NULL, reader_main, &r), 0);
    usleep(50000); /* the reader is under way */

    long long t0 = now_us();
    DWORD err = ExportNtmsDatabase(h);
    long long t1 = now_us();
    r.stop = 1;
    pthread_join(t, NULL);
    assert_int_equal(err, ERROR_SUCCESS);
    assert_int_equal(r.err, ERROR_SUCCESS);

    /* The answers that came while the export ran, and the longest gap. */
    size_t during = 0;
    long long last = t0, gap = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (r.done_us[i] <= t0 || r.done_us[i] > t1)
            continue;
        during++;
        gap = r.done_us[i] - last > gap ? r.done_us[i] - last : gap;
        last = r.done_us[i];
    }
    gap = t1 - last > gap ? t1 - last : gap;
    printf("export of %d x %d bytes: %lld ms; %zu reads answered meanwhile, longest wait %lld ms\n", BULK,
           BULK_SIZE, (t1 - t0) / 1000, during, gap / 1000);
    assert_true(t1 - t0 >= 20000); /* long enough to tell */
    assert_true(during >= 10);
    assert_true(gap < (t1 - t0) / 2);
    assert_true(file_int(copy_path, "SELECT count(*) FROM attribute") >= BULK);
    assert_integrity_ok(copy_path);
    free(r.done_us);
    CloseNtmsSession(r.h);
    CloseNtmsSession(h);
}

/* Another user than root or rsmd's own is refused both calls. */
static void test_not_administrator(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip(); /* no other user to become */
    /* The test directory is rsmd's, mode 0700: let others reach the socket. */
    assert_int_equal(chmod(test_dir(), 0711), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(3);
        HANDLE h = OpenNtmsSessionA(NULL, "not an administrator", 0);
        if (h == INVALID_HANDLE_VALUE)
            _exit(4);
        int ok = ExportNtmsDatabase(h) == ERROR_ACCESS_DENIED && ImportNtmsDatabase(h) == ERROR_ACCESS_DENIED;
        CloseNtmsSession(h);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(chmod(test_dir(), 0700), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(log_has("is not an administrator of the service"));
}

/* Import marks the copy; an export would overwrite the copy to be
 * imported, so it is refused until the marker goes. */
static void test_import_marks(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    char line[512] = "";

    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_false(exists(marker_path));
    assert_int_equal(ImportNtmsDatabase(h), ERROR_SUCCESS);
    assert_true(exists(marker_path));
    FILE *f = fopen(marker_path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_non_null(strstr(line, "application \"test_dbexport\""));

    assert_int_equal(ExportNtmsDatabase(h), ERROR_SHARING_VIOLATION);
    assert_int_equal(ImportNtmsDatabase(h), ERROR_SUCCESS); /* marking again is no error */
    /* Withdrawn by hand, as the documentation says. */
    assert_int_equal(unlink(marker_path), 0);
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    CloseNtmsSession(h);
}

/* Without a copy there is nothing to import. */
static void test_import_without_copy(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    char moved[600];

    snprintf(moved, sizeof moved, "%s.away", copy_path);
    if (!exists(copy_path))
        assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_int_equal(rename(copy_path, moved), 0);
    assert_int_equal(ImportNtmsDatabase(h), ERROR_DATABASE_FAILURE);
    assert_false(exists(marker_path));
    assert_int_equal(rename(moved, copy_path), 0);
    CloseNtmsSession(h);
}

/* --- phases of dbexport_restart.sh ---------------------------------------- */

/* Run 1: "Before" is in the copy, "After" only in the database; the copy
 * is marked for import. */
static void phase_mark(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    assert_int_equal(pool(h, "Before", NTMS_CREATE_NEW), ERROR_SUCCESS);
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_int_equal(pool(h, "After", NTMS_CREATE_NEW), ERROR_SUCCESS);
    assert_int_equal(ImportNtmsDatabase(h), ERROR_SUCCESS);
    assert_true(exists(marker_path));
    CloseNtmsSession(h);
}

/* The first file in the test directory whose name ends with `suffix`. */
static int find_file(const char *suffix, char *out, size_t len)
{
    DIR *d = opendir(test_dir());
    struct dirent *e;
    size_t n = strlen(suffix);
    int found = 0;

    assert_non_null(d);
    while (!found && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > n && strcmp(e->d_name + l - n, suffix) == 0) {
            snprintf(out, len, "%s/%s", test_dir(), e->d_name);
            found = 1;
        }
    }
    closedir(d);
    return found;
}

/* Run 2: the copy replaced the database, which is kept as a backup; then
 * a fresh copy is damaged and marked. */
static void phase_imported(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    char backup[600];

    assert_true(log_has("replaced by the copy imported from"));
    assert_false(exists(marker_path));
    assert_int_equal(pool(h, "Before", NTMS_OPEN_EXISTING), ERROR_SUCCESS);
    assert_int_equal(pool(h, "After", NTMS_OPEN_EXISTING), ERROR_OBJECT_NOT_FOUND);
    /* Nothing is lost: the backup holds "After". */
    assert_true(find_file(".bak", backup, sizeof backup));
    assert_integrity_ok(backup);
    assert_int_equal(objects_named(backup, "After"), 1);

    /* A copy cut in half, marked: refused at the next start. */
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_int_equal(pool(h, "After the second copy", NTMS_CREATE_NEW), ERROR_SUCCESS);
    struct stat st;
    assert_int_equal(stat(copy_path, &st), 0);
    assert_int_equal(truncate(copy_path, st.st_size / 2), 0);
    assert_int_equal(ImportNtmsDatabase(h), ERROR_SUCCESS);
    CloseNtmsSession(h);
}

/* Run 3: the damaged copy was refused and the database kept. */
static void phase_refused(void **state)
{
    (void)state;
    HANDLE h = open_session("test_dbexport");
    char stage[600];

    assert_true(log_has("refused"));
    assert_false(log_has("replaced by the copy imported from"));
    assert_false(exists(marker_path));
    snprintf(stage, sizeof stage, "%s/rsm.db.import", test_dir());
    assert_false(exists(stage));
    assert_int_equal(pool(h, "Before", NTMS_OPEN_EXISTING), ERROR_SUCCESS);
    assert_int_equal(pool(h, "After the second copy", NTMS_OPEN_EXISTING), ERROR_SUCCESS);
    /* Exports work again. */
    assert_int_equal(ExportNtmsDatabase(h), ERROR_SUCCESS);
    assert_integrity_ok(copy_path);
    CloseNtmsSession(h);
}

int main(int argc, char **argv)
{
    snprintf(copy_path, sizeof copy_path, "%s/export/rsm.db", test_dir());
    snprintf(marker_path, sizeof marker_path, "%s/export/IMPORT", test_dir());
    if (argc > 1) {
        static const struct {
            const char *name;
            CMUnitTestFunction run;
        } phases[] = {{"mark", phase_mark}, {"imported", phase_imported}, {"refused", phase_refused}};
        for (size_t i = 0; i < sizeof phases / sizeof phases[0]; i++) {
            if (strcmp(argv[1], phases[i].name) == 0) {
                const struct CMUnitTest t[] = {{phases[i].name, phases[i].run, NULL, NULL, NULL}};
                return cmocka_run_group_tests(t, NULL, NULL);
            }
        }
        fprintf(stderr, "usage: test_dbexport [mark|imported|refused]\n");
        return 2;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handles),
        cmocka_unit_test(test_export_copy),
        cmocka_unit_test(test_export_while_busy),
        cmocka_unit_test(test_not_administrator),
        cmocka_unit_test(test_import_marks),
        cmocka_unit_test(test_import_without_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
