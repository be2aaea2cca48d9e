/*
 * test_clean_policy.c - what the service does when a drive asks to be
 * cleaned (daemon/ops/health.c, clean_policy): every need under both
 * settings of auto_clean, with and without a cleaning already queued, and
 * the needs themselves from recorded drive reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ops/clean.h"

static void test_table(void **state)
{
    static const struct {
        enum clean_need need;
        bool auto_clean, pending;
        enum clean_action want;
    } rows[] = {
        {CLEAN_NEED_NONE, true, false, CLEAN_ACTION_NONE},
        {CLEAN_NEED_NONE, false, false, CLEAN_ACTION_NONE},
        {CLEAN_NEED_PERIODIC, true, false, CLEAN_ACTION_QUEUE},
        {CLEAN_NEED_NOW, true, false, CLEAN_ACTION_QUEUE},
        {CLEAN_NEED_PERIODIC, false, false, CLEAN_ACTION_LOG},
        {CLEAN_NEED_NOW, false, false, CLEAN_ACTION_OPREQ},
        /* a cleaning of the drive is queued already: nothing more */
        {CLEAN_NEED_NOW, true, true, CLEAN_ACTION_NONE},
        {CLEAN_NEED_NOW, false, true, CLEAN_ACTION_NONE},
        {CLEAN_NEED_PERIODIC, true, true, CLEAN_ACTION_NONE},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(clean_policy(rows[i].need, rows[i].auto_clean, rows[i].pending), rows[i].want);
    assert_string_equal(clean_action_name(CLEAN_ACTION_OPREQ), "an operator request");
}

/* Reports as drives send them, through the need and the policy. */
static void test_reports(void **state)
{
    drive_health_t clean_now = {.has_tapealert = true, .alerts = {.set = TA_BIT(20) | TA_BIT(3)}};
    drive_health_t periodic = {.has_tapealert = true, .alerts = {.set = TA_BIT(21)}};
    drive_health_t by_sense = {.has_sense = true,
                               .sense = {.valid = true, .key = SK_NO_SENSE, .asc = 0x00, .ascq = 0x17}};
    drive_health_t healthy = {.has_tapealert = true, .alerts = {.set = TA_BIT(1) | TA_BIT(7)}};

    (void)state;
    assert_int_equal(clean_policy(drive_health_need(&clean_now), false, false), CLEAN_ACTION_OPREQ);
    assert_int_equal(clean_policy(drive_health_need(&periodic), false, false), CLEAN_ACTION_LOG);
    assert_int_equal(clean_policy(drive_health_need(&by_sense), true, false), CLEAN_ACTION_QUEUE);
    assert_int_equal(clean_policy(drive_health_need(&by_sense), false, false), CLEAN_ACTION_OPREQ);
    assert_int_equal(clean_policy(drive_health_need(&healthy), true, false), CLEAN_ACTION_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
