/*
 * test_labels.c - on-media labels through librsm against an rsmd whose
 * label.d holds four label libraries that misbehave (one crashes on every
 * label, one never answers, one returns an oversize label ID, one cannot
 * be loaded) before a good one (labels.conf, tests/unit/label/label.d).
 *
 * UpdateNtmsOmidInfo hands a raw label to the label libraries and the
 * built-in recognizers: a label the good plug-in knows gets its type, ID
 * and description whatever the others did, within a bounded time; an MTF
 * label gets the built-in MTF recognizer's; anything else is RAW. rsmd
 * keeps answering throughout, says what each bad plug-in did in one log
 * line, and (run-rsmd.sh checks) exits 0 on SIGTERM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../unit/label/images.h"
#include "mediatest.h"

static NTMS_GUID lmid, side;

static void update(HANDLE h, const void *label, size_t len, NTMS_OBJECTINFORMATIONA *info)
{
    time_t start = time(NULL);
    assert_int_equal(UpdateNtmsOmidInfo(h, &lmid, NTMS_OMID_TYPE_RAW_LABEL, (DWORD)len, (LPVOID)label),
                     ERROR_SUCCESS);
    assert_true(time(NULL) - start < 10);
    lt_get(h, &side, NTMS_PARTITION, info);
}

static void test_labels(void **state)
{
    HANDLE h = *state;
    NTMS_GUID pool = mt_pool(h, "Labels", "DAT 160"), medium;
    NTMS_OBJECTINFORMATIONA info;
    static const char good[] = "GOODLBL:ID000042Weekly set 7\n";
    static uint8_t buf[4096];

    mt_create(h, &pool, 1, NTMS_PARTSTATE_AVAILABLE, "", &medium, &side);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);

    /* More rounds than it takes to disable the bad ones: the good one's
     * claim comes through every time. */
    for (int round = 0; round < 6; round++) {
        update(h, good, sizeof good - 1, &info);
        assert_string_equal(info.Info.Partition.szOmidLabelType, "Good Backup");
        assert_string_equal(info.Info.Partition.szOmidLabelInfo, "Weekly set 7");
        assert_int_equal(info.Info.Partition.dwOmidLabelIdLength, 8);
        assert_memory_equal(info.Info.Partition.OmidLabelId, "ID000042", 8);
    }

    /* Built in: MTF, Bacula; nothing known: RAW. */
    size_t n = image_mtf(buf, sizeof buf, "Backup Exec", "Media 12", "", false, false);
    update(h, buf, n, &info);
    assert_string_equal(info.Info.Partition.szOmidLabelType, "Backup Exec");
    assert_string_equal(info.Info.Partition.szOmidLabelInfo, "Media 12");
    assert_int_equal(info.Info.Partition.dwOmidLabelIdLength, 16);
    n = image_bacula(buf, sizeof buf, "Full-0007", 12345, false);
    update(h, buf, n, &info);
    assert_string_equal(info.Info.Partition.szOmidLabelType, "Bacula");
    assert_string_equal(info.Info.Partition.szOmidLabelInfo, "Full-0007");
    update(h, "no label here", 13, &info);
    assert_string_equal(info.Info.Partition.szOmidLabelType, "RAW");
    assert_int_equal(info.Info.Partition.dwOmidLabelIdLength, 13);

    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
}

/* One line per misbehaviour, in rsmd's log. */
static void test_log_lines(void **state)
{
    static const char *const lines[] = {
        "label library segv: crashed on a label",
        "label library loop: no answer in time (helper killed)",
        "label library oversize: claim refused: label ID of 4096 bytes",
        "label library nomax:",
        "label library segv: crashed on a label (",
        "disabled after 5 failures in a row",
        "label library good (test plug-in good)",
    };
    char path[512], text[512];
    const char *dir = getenv("RSM_TEST_DIR");
    bool seen[sizeof lines / sizeof lines[0]] = {false};
    (void)state;

    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/rsmd.log", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(text, sizeof text, f) != NULL)
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
            seen[i] = seen[i] || strstr(text, lines[i]) != NULL;
    fclose(f);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!seen[i])
            fail_msg("rsmd.log has no line with \"%s\"", lines[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_log_lines),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
