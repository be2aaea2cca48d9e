/*
 * test_transport_script.c - the scripted transport (transport_script.h):
 * rule syntax, matching (wildcards, spent rules, order), answers bounded by
 * the caller's buffer, commands passed to the wrapped transport, rules
 * files read again when they change; and the tape drive backend's health
 * report and cleaning probe driven through it with recorded TapeAlert
 * pages and sense data, as rsmd sees them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "changer/scsi_cmd.h"
#include "changer/ssc.h"
#include "changer/transport_script.h"
#include "fake_transport.h"

static const uint8_t tur[6] = {0x00};
static const uint8_t log_2e[10] = {0x4d, 0, 0x6e, 0, 0, 0, 0, 0x01, 0x40, 0};
static const uint8_t log_0d[10] = {0x4d, 0, 0x4d, 0, 0, 0, 0, 0x01, 0x40, 0};

static DWORD run(transport_t *t, const uint8_t *cdb, size_t len, uint8_t *buf, size_t buf_len, scsi_result_t *res)
{
    return t->ops->exec(t, cdb, len, buf_len ? SCSI_READ : SCSI_NONE, buf, buf_len, 1000, res);
}

static transport_t *script(void)
{
    transport_t *t = NULL;
    assert_int_equal(transport_script_wrap(NULL, "test", &t), 0);
    return t;
}

static void add(transport_t *t, const char *line)
{
    char why[256];
    DWORD err = transport_script_add(t, line, why, sizeof why);
    if (err != 0)
        fail_msg("%s: %s", line, why);
}

static void test_syntax(void **state)
{
    static const char *const bad[] = {
        "zz : status 1", "4d", "4d status 2", ": status 2", "4d : foo", "4d : times 0", "4d : status 256",
        "4d : sense", "4d : status", "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 : status 0",
    };
    transport_t *t = script();
    char why[256];

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        assert_int_equal(transport_script_add(t, bad[i], why, sizeof why), ERROR_INVALID_PARAMETER);
        assert_non_null(strstr(why, "script rule"));
    }
    add(t, "");
    add(t, "   # nothing but a comment");
    add(t, "00 : data   # GOOD, no data");
    transport_close(t);
}

static void test_match_and_answer(void **state)
{
    transport_t *t = script();
    scsi_result_t res;
    uint8_t buf[8];

    (void)state;
    /* nothing scripted: the device knows no command */
    assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
    assert_int_equal(res.status, 2);
    assert_int_equal(res.sense[2], 0x05);
    assert_int_equal(res.sense[12], 0x20);

    add(t, "4d .. 6e : data 2e 00 00 05 00 14 03 01 01 ff ee   # page 2Eh, flag 20");
    add(t, "00 : sense 70 00 02 00 00 00 00 0a 00 00 00 00 30 03 times 2");
    add(t, "00 : status 0");
    /* the wildcard: page 2Eh matches, page 0Dh does not */
    memset(buf, 0, sizeof buf);
    assert_int_equal(run(t, log_2e, 10, buf, sizeof buf, &res), 0);
    assert_int_equal(res.status, 0);
    assert_int_equal(res.transferred, sizeof buf); /* 11 bytes scripted, 8 fit */
    assert_int_equal(buf[0], 0x2e);
    assert_int_equal(buf[7], 0x01);
    assert_int_equal(run(t, log_0d, 10, buf, sizeof buf, &res), 0);
    assert_int_equal(res.status, 2);
    /* sense alone implies CHECK CONDITION; spent after two, then the next rule */
    for (int i = 0; i < 2; i++) {
        assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
        assert_int_equal(res.status, 2);
        assert_int_equal(res.sense_len, 14);
        assert_int_equal(res.sense[12], 0x30);
        assert_int_equal(res.sense[13], 0x03);
    }
    assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
    assert_int_equal(res.status, 0);
    assert_int_equal(res.sense_len, 0);
    assert_int_equal(transport_script_answered(t), 4); /* not the unscripted ones */
    transport_close(t);
}

/* The wrapped device: answers everything GOOD and counts. */
static DWORD good_device(fake_transport_t *f, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t buf_len,
                         scsi_result_t *res)
{
    (void)f, (void)cdb, (void)cdb_len, (void)buf, (void)buf_len, (void)res;
    return ERROR_SUCCESS;
}

static void test_pass_through(void **state)
{
    fake_transport_t *f = fake_transport_new(good_device, NULL);
    transport_t *t = NULL;
    scsi_result_t res;
    uint8_t buf[64];

    (void)state;
    f->base.epoch = 3;
    assert_int_equal(transport_script_wrap(&f->base, "script:x@fake", &t), 0);
    assert_string_equal(t->device, "script:x@fake");
    assert_int_equal(t->epoch, 3);
    add(t, "4d : sense 70 00 05 00 00 00 00 0a 00 00 00 00 24 00");
    assert_int_equal(run(t, log_2e, 10, buf, sizeof buf, &res), 0);
    assert_int_equal(res.status, 2);
    assert_int_equal(fake_count(f, 0x4d), 0);
    assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
    assert_int_equal(res.status, 0);
    assert_int_equal(fake_count(f, 0x00), 1);
    transport_close(t); /* closes the fake too (ASan would see a leak) */
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void test_rules_file(void **state)
{
    char path[] = "/tmp/rsm-script-XXXXXX", spec[64], why[256];
    transport_t *t = NULL;
    scsi_result_t res;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "# a drive that is always ready\n00 : status 0\n");
    snprintf(spec, sizeof spec, "script:%s", path);
    assert_int_equal(transport_open(spec, &t, why, sizeof why), 0);
    assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
    assert_int_equal(res.status, 0);
    /* the file changes (another size): the next command sees the new rules */
    write_file(path, "00 : sense 70 00 02 00 00 00 00 0a 00 00 00 00 3a 00\n");
    assert_int_equal(run(t, tur, 6, NULL, 0, &res), 0);
    assert_int_equal(res.status, 2);
    assert_int_equal(res.sense[12], 0x3a);
    transport_close(t);
    /* a bad line is refused with its line number in the log */
    write_file(path, "00 : status 0\nthis is no rule\n");
    assert_int_equal(transport_open(spec, &t, why, sizeof why), ERROR_INVALID_PARAMETER);
    assert_null(t);
    unlink(path);
    assert_int_equal(transport_open(spec, &t, why, sizeof why), ERROR_FILE_NOT_FOUND);
    assert_int_equal(transport_open("script:", &t, why, sizeof why), ERROR_INVALID_PARAMETER);
    assert_int_equal(transport_open("script:/dev/null@", &t, why, sizeof why), ERROR_INVALID_PARAMETER);
}

/* --- the tape drive through a script --------------------------------------- */

static drive_t *drive_with(const char *const *rules, size_t n)
{
    transport_t *t = script();
    drive_t *d = NULL;
    char why[256];

    /* an LTO drive: INQUIRY (standard, VPD 80h) */
    add(t, "12 00 : data 01 80 05 02 1f 00 00 00 49 42 4d 20 20 20 20 20 55 4c 54 33 35 38 30 2d 54 44 36 20 "
           "20 20 20 20 47 33 35 30");
    add(t, "12 01 80 : data 01 80 00 08 44 52 56 30 30 30 30 32");
    for (size_t i = 0; i < n; i++)
        add(t, rules[i]);
    assert_int_equal(ssc_open_transport(t, "drive0", &d, why, sizeof why), 0);
    return d;
}

/* A TapeAlert page recorded from an LTO drive that asked to be cleaned:
 * all 64 parameters, flags 20 (clean now) and 21 (clean periodic) set. */
static char *recorded_page(uint64_t set)
{
    char *line = malloc(4096);
    size_t n = (size_t)sprintf(line, "4d .. 6e : data 2e 00 01 40");
    for (unsigned f = 1; f <= 64; f++)
        n += (size_t)sprintf(line + n, " 00 %02x 03 01 %02x", f, (set >> (f - 1)) & 1 ? 1 : 0);
    return line;
}

static void test_health_tapealert(void **state)
{
    char *page = recorded_page((UINT64_C(1) << 19) | (UINT64_C(1) << 20));
    const char *rules[] = {page, "03 : data 70 00 00 00 00 00 00 0a 00 00 00 00 00 00"};
    drive_t *d = drive_with(rules, 2);
    drive_health_t h;
    char why[256];

    (void)state;
    assert_int_equal(d->ops->health(d, &h, why, sizeof why), 0);
    assert_true(h.has_tapealert);
    assert_int_equal(h.page_result, TAPEALERT_OK);
    assert_true(h.alerts.set == (TA_BIT(20) | TA_BIT(21)));
    assert_true(h.has_sense);
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NOW);
    d->ops->close(d);
    free(page);
}

static void test_health_sense_only(void **state)
{
    /* no TapeAlert page (tgtd answers 20/00), but the drive holds "cleaning
     * requested" in its sense */
    const char *rules[] = {"03 : data 70 00 01 00 00 00 00 0a 00 00 00 00 00 17"};
    drive_t *d = drive_with(rules, 1);
    drive_health_t h;
    char why[256];

    (void)state;
    assert_int_equal(d->ops->health(d, &h, why, sizeof why), 0);
    assert_false(h.has_tapealert);
    assert_true(h.has_sense);
    assert_int_equal(tapealert_clean_sense(&h.sense), CLEAN_SENSE_REQUESTED);
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NOW);
    d->ops->close(d);
}

static void test_health_malformed_page(void **state)
{
    /* flag 20 set, but parameter 21 claims 90 bytes */
    const char *rules[] = {"4d .. 6e : data 2e 00 00 0a 00 14 03 01 01 00 15 03 5a 01",
                           "03 : data 70 00 00 00 00 00 00 0a 00 00 00 00 00 00"};
    drive_t *d = drive_with(rules, 2);
    drive_health_t h;
    char why[256];

    (void)state;
    assert_int_equal(d->ops->health(d, &h, why, sizeof why), 0);
    assert_true(h.has_tapealert);
    assert_int_equal(h.page_result, TAPEALERT_BAD_PARAM);
    assert_true(h.alerts.set == TA_BIT(20));
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NOW);
    d->ops->close(d);
}

static void test_clean_probe(void **state)
{
    static const struct {
        const char *rule;
        enum clean_progress want;
    } cases[] = {
        {"00 : sense 70 00 02 00 00 00 00 0a 00 00 00 00 30 03", CLEAN_RUNNING},
        {"00 : sense 70 00 02 00 00 00 00 0a 00 00 00 00 3a 00", CLEAN_UNLOADED},
        {"00 : sense 70 00 03 00 00 00 00 0a 00 00 00 00 30 07", CLEAN_FAILED},
        {"00 : status 0", CLEAN_AS_MEDIUM},
    };
    char why[256];

    (void)state;
    scsi_set_retry_policy(5, 0, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *rules[] = {cases[i].rule};
        drive_t *d = drive_with(rules, 1);
        enum clean_progress p = CLEAN_RUNNING;
        assert_int_equal(d->ops->clean_probe(d, &p, why, sizeof why), 0);
        assert_int_equal(p, cases[i].want);
        d->ops->close(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_match_and_answer),
        cmocka_unit_test(test_pass_through),
        cmocka_unit_test(test_rules_file),
        cmocka_unit_test(test_health_tapealert),
        cmocka_unit_test(test_health_sense_only),
        cmocka_unit_test(test_health_malformed_page),
        cmocka_unit_test(test_clean_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
