/*
 * test_mll.c - label libraries run out of process (daemon/label/mll.h)
 * with the test plug-ins of plugins/: a good one, one that crashes on
 * every label, one that never answers, one that returns an oversize
 * label ID, and one without MaxMediaLabel. The good one's claims come
 * through; the others cost one log line per label (and are disabled after
 * MLL_MAX_FAILURES in a row), never this process; load-time checks refuse
 * what should not be loaded. The time limit is 300 ms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "label/identify.h"
#include "label/label.h"
#include "label/mll.h"

#define TIMEOUT_MS 300u

static char dir[64];

static void conf(const char *file, const char *name, const char *plugin)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# a test label library\nname = %s\ndescription = test plug-in %s\npath = %s\n", name, name, plugin);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0644), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rsm-mll-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    label_libraries_unload();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const uint8_t good_label[] = "GOODLBL:ID000042Weekly set 7\n";

static void test_good_alone(void **state)
{
    label_info_t li;
    (void)state;
    conf("good.conf", "Good", PLUGIN_GOOD);
    assert_int_equal(label_libraries_load(dir, HELPER_PATH, TIMEOUT_MS), 1);
    assert_int_equal(label_libraries_count(), 1);
    assert_true(label_libraries_claim(good_label, sizeof good_label - 1, &li));
    assert_string_equal(li.format, "plugin");
    assert_string_equal(li.type, "Good Backup");
    assert_string_equal(li.name, "Weekly set 7");
    assert_int_equal(li.id_len, 8);
    assert_memory_equal(li.id, "ID000042", 8);
    /* Not its label: not claimed; a blank medium is never shown. */
    assert_false(label_libraries_claim((const uint8_t *)"VOL1ABC123", 10, &li));
    assert_false(li.recognized);
    assert_false(label_libraries_claim(good_label, 0, &li));
    /* label_identify: the plug-in's claim wins over RAW. */
    label_identify(good_label, sizeof good_label - 1, &li);
    assert_string_equal(li.type, "Good Backup");
    label_libraries_unload();
    assert_int_equal(label_libraries_count(), 0);
}

static void remove_confs(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -f %s/*.conf", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_misbehaving(void **state)
{
    label_info_t li;
    (void)state;
    remove_confs();
    conf("10-segv.conf", "Segv", PLUGIN_SEGV);
    conf("20-loop.conf", "Loop", PLUGIN_LOOP);
    conf("30-oversize.conf", "Oversize", PLUGIN_OVERSIZE);
    conf("40-good.conf", "Good", PLUGIN_GOOD);
    assert_int_equal(label_libraries_load(dir, HELPER_PATH, TIMEOUT_MS), 4);

    /* Each round: the crash, the hang and the oversize ID are refused, and
     * the good plug-in still claims its label. After MLL_MAX_FAILURES
     * rounds the three are disabled and the good one answers alone. */
    for (unsigned round = 0; round < MLL_MAX_FAILURES; round++) {
        time_t start = time(NULL);
        assert_true(label_libraries_claim(good_label, sizeof good_label - 1, &li));
        assert_string_equal(li.type, "Good Backup");
        assert_true(time(NULL) - start < 5);
    }
    assert_int_equal(label_libraries_count(), 1);
    time_t start = time(NULL);
    assert_true(label_libraries_claim(good_label, sizeof good_label - 1, &li));
    assert_true(time(NULL) - start <= 1);
    /* Labels the good one does not know fall to the built-ins, or RAW. */
    uint8_t vol1[80];
    memset(vol1, ' ', sizeof vol1);
    memcpy(vol1, "VOL1XYZ789", 10);
    label_identify(vol1, sizeof vol1, &li);
    assert_string_equal(li.type, "ANSI");
    label_identify((const uint8_t *)"something else", 14, &li);
    assert_string_equal(li.type, "RAW");
    assert_false(li.recognized);
}

static void test_refused_at_load(void **state)
{
    char path[256];
    (void)state;
    remove_confs();
    conf("a-nomax.conf", "NoMax", PLUGIN_NOMAX);
    conf("b-missing.conf", "Missing", "/nonexistent/plugin.so");
    conf("c-relative.conf", "Relative", "plugin.so");
    conf("d-good.conf", "Good", PLUGIN_GOOD);
    conf("e-writable.conf", "Writable", PLUGIN_GOOD);
    snprintf(path, sizeof path, "%s/e-writable.conf", dir);
    assert_int_equal(chmod(path, 0666), 0);
    /* Not a .conf: not read. */
    snprintf(path, sizeof path, "%s/README", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("path = /nonexistent\n", f);
    fclose(f);
    assert_int_equal(label_libraries_load(dir, HELPER_PATH, TIMEOUT_MS), 1);
    assert_int_equal(label_libraries_count(), 1);
    /* A helper that is not there: nothing loads. */
    assert_int_equal(label_libraries_load(dir, "/nonexistent/rsm-label-helper", TIMEOUT_MS), 0);
    /* A missing directory is no plug-ins, no error. */
    assert_int_equal(label_libraries_load("/nonexistent/label.d", HELPER_PATH, TIMEOUT_MS), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_alone),
        cmocka_unit_test(test_misbehaving),
        cmocka_unit_test(test_refused_at_load),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
