/*
 * test_tapealert.c - the TapeAlert page parser and the cleaning
 * classifications (daemon/changer/tapealert.c): every one of the 64 flags,
 * pages as LTO drives send them (all 64 parameters, control byte 03h),
 * short and truncated replies, another page, parameter lengths that lie,
 * and the sense codes cleaning decides by.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "changer/tapealert.h"

/* A page of all 64 flags, as an LTO drive sends it, with the flags of
 * `set` active. Returns its length. */
static size_t full_page(uint8_t *p, uint64_t set)
{
    size_t n = 4;
    p[0] = 0x2e;
    p[1] = 0;
    for (unsigned f = 1; f <= 64; f++) {
        p[n++] = 0;
        p[n++] = (uint8_t)f;
        p[n++] = 0x03;
        p[n++] = 1;
        p[n++] = (set & TA_BIT(f)) ? 1 : 0;
    }
    p[2] = (uint8_t)((n - 4) >> 8);
    p[3] = (uint8_t)(n - 4);
    return n;
}

static void test_every_flag_alone(void **state)
{
    uint8_t page[400];
    tapealert_t t;

    (void)state;
    for (unsigned f = 1; f <= 64; f++) {
        size_t n = full_page(page, TA_BIT(f));
        assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_OK);
        assert_true(t.set == TA_BIT(f));
        assert_true(t.seen == UINT64_MAX);
        assert_non_null(tapealert_name(f));
    }
    assert_null(tapealert_name(0));
    assert_null(tapealert_name(65));
    assert_string_equal(tapealert_name(20), "Clean now");
    assert_string_equal(tapealert_name(21), "Clean periodic");
    assert_string_equal(tapealert_name(22), "Expired cleaning media");
    assert_string_equal(tapealert_name(23), "Invalid cleaning tape");
    assert_string_equal(tapealert_name(47), "reserved");
}

static void test_all_and_none(void **state)
{
    uint8_t page[400];
    tapealert_t t;
    char text[4096];

    (void)state;
    assert_int_equal(tapealert_parse(page, full_page(page, UINT64_MAX), &t), TAPEALERT_OK);
    assert_true(t.set == UINT64_MAX);
    assert_int_equal(tapealert_parse(page, full_page(page, 0), &t), TAPEALERT_OK);
    assert_true(t.set == 0 && t.seen == UINT64_MAX);
    tapealert_describe(TA_BIT(20) | TA_BIT(21), text, sizeof text);
    assert_string_equal(text, "20 Clean now, 21 Clean periodic");
    tapealert_describe(0, text, sizeof text);
    assert_string_equal(text, "");
    /* cut to fit: whole entries only */
    tapealert_describe(TA_BIT(20) | TA_BIT(21), text, 16);
    assert_string_equal(text, "20 Clean now");
    tapealert_describe(UINT64_MAX, text, sizeof text);
    assert_non_null(strstr(text, "64 reserved"));
}

/* A drive that lists only some flags, and a parameter that is no flag. */
static void test_sparse(void **state)
{
    static const uint8_t page[] = {
        0x2e, 0x00, 0x00, 0x14,
        0x00, 0x14, 0x03, 0x01, 0x01, /* 20 set */
        0x00, 0x15, 0x03, 0x01, 0x00, /* 21 clear */
        0x00, 0x00, 0x03, 0x01, 0x01, /* parameter 0: not a flag */
        0x00, 0x41, 0x03, 0x01, 0x01, /* 65: not a flag */
    };
    tapealert_t t;

    (void)state;
    assert_int_equal(tapealert_parse(page, sizeof page, &t), TAPEALERT_OK);
    assert_true(t.set == TA_BIT(20));
    assert_true(t.seen == (TA_BIT(20) | TA_BIT(21)));
}

static void test_short_and_wrong_pages(void **state)
{
    uint8_t page[400];
    tapealert_t t;
    size_t n = full_page(page, TA_BIT(20));

    (void)state;
    assert_int_equal(tapealert_parse(NULL, 0, &t), TAPEALERT_SHORT);
    for (size_t len = 0; len < 4; len++) {
        assert_int_equal(tapealert_parse(page, len, &t), TAPEALERT_SHORT);
        assert_true(t.set == 0 && t.seen == 0);
    }
    /* the header alone: truncated, nothing seen */
    assert_int_equal(tapealert_parse(page, 4, &t), TAPEALERT_TRUNCATED);
    assert_true(t.seen == 0);
    /* cut inside parameter 20: 1..19 complete, 20 not read */
    assert_int_equal(tapealert_parse(page, 4 + 19 * 5 + 3, &t), TAPEALERT_TRUNCATED);
    assert_true(t.seen == TA_BIT(20) - 1 && t.set == 0);
    /* cut right after parameter 20 */
    assert_int_equal(tapealert_parse(page, 4 + 20 * 5, &t), TAPEALERT_TRUNCATED);
    assert_true(t.set == TA_BIT(20));
    /* another page, or a subpage of 2Eh */
    page[0] = 0x2f;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_WRONG_PAGE);
    assert_true(t.set == 0);
    page[0] = 0x40 | 0x2e;
    page[1] = 0x01;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_WRONG_PAGE);
    /* SPF with subpage 0 and the DS bit are the page itself */
    page[0] = 0xc0 | 0x2e;
    page[1] = 0x00;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_OK);
    assert_true(t.set == TA_BIT(20));
}

static void test_lying_lengths(void **state)
{
    uint8_t page[400];
    tapealert_t t;
    size_t n = full_page(page, TA_BIT(3) | TA_BIT(20));

    (void)state;
    /* parameter 10 claims 200 bytes: 1..9 read, nothing after */
    page[4 + 9 * 5 + 3] = 200;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_BAD_PARAM);
    assert_true(t.set == TA_BIT(3));
    assert_true(t.seen == TA_BIT(10) - 1);
    /* a parameter of two bytes (or none) inside the page: stop there too */
    n = full_page(page, TA_BIT(3) | TA_BIT(20));
    page[4 + 9 * 5 + 3] = 2;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_BAD_PARAM);
    assert_true(t.set == TA_BIT(3) && t.seen == TA_BIT(10) - 1);
    page[4 + 9 * 5 + 3] = 0;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_BAD_PARAM);
    assert_true(t.seen == TA_BIT(10) - 1);
    /* the page header claims less than the parameters: bounded by it */
    n = full_page(page, TA_BIT(3) | TA_BIT(20));
    page[2] = 0;
    page[3] = 10 * 5;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_OK);
    assert_true(t.set == TA_BIT(3) && t.seen == TA_BIT(11) - 1);
    /* ... or a length that ends inside a parameter header */
    page[3] = 10 * 5 + 2;
    assert_int_equal(tapealert_parse(page, n, &t), TAPEALERT_BAD_PARAM);
    assert_true(t.seen == TA_BIT(11) - 1);
    /* the header claims more than the buffer holds: never read past it */
    page[2] = 0xff;
    page[3] = 0xff;
    assert_int_equal(tapealert_parse(page, 4 + 5, &t), TAPEALERT_TRUNCATED);
    assert_true(t.seen == TA_BIT(1));
}

static scsi_sense_t sense(uint8_t key, uint8_t asc, uint8_t ascq)
{
    return (scsi_sense_t){.valid = true, .key = key, .asc = asc, .ascq = ascq};
}

static void test_clean_sense(void **state)
{
    scsi_sense_t s = sense(SK_NO_SENSE, 0x00, 0x17);

    (void)state;
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_REQUESTED);
    s = sense(SK_NOT_READY, 0x30, 0x03);
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_CLEANER_LOADED);
    s = sense(SK_MEDIUM_ERROR, 0x30, 0x07);
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_FAILED);
    s = sense(SK_ILLEGAL_REQUEST, 0x30, 0x0a);
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_REJECTED);
    s = sense(SK_NOT_READY, 0x30, 0x13);
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_CLEANER_EXPIRED);
    s = sense(SK_NOT_READY, 0x3a, 0x00);
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_NONE);
    s.valid = false;
    s.asc = 0x00, s.ascq = 0x17;
    assert_int_equal(tapealert_clean_sense(&s), CLEAN_SENSE_NONE);
    assert_int_equal(tapealert_clean_sense(NULL), CLEAN_SENSE_NONE);
}

static void test_health_needs(void **state)
{
    drive_health_t h = {0};

    (void)state;
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NONE);
    h.has_tapealert = true;
    h.alerts.set = TA_BIT(21);
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_PERIODIC);
    h.alerts.set |= TA_BIT(20);
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NOW);
    /* flags of a page the drive did not send do not count */
    h.has_tapealert = false;
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NONE);
    h.has_sense = true;
    h.sense = sense(SK_RECOVERED_ERROR, 0x00, 0x17);
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NOW);
    assert_false(drive_health_cleaner_spent(&h));
    h.sense = sense(SK_NOT_READY, 0x30, 0x13);
    assert_true(drive_health_cleaner_spent(&h));
    h = (drive_health_t){.has_tapealert = true, .alerts = {.set = TA_BIT(22)}};
    assert_true(drive_health_cleaner_spent(&h));
    assert_false(drive_health_cleaner_invalid(&h));
    h.alerts.set = TA_BIT(23);
    assert_true(drive_health_cleaner_invalid(&h));
    assert_int_equal(drive_health_need(&h), CLEAN_NEED_NONE);
}

static void test_clean_progress(void **state)
{
    scsi_sense_t s;

    (void)state;
    assert_int_equal(tapealert_clean_progress(true, NULL), CLEAN_AS_MEDIUM);
    s = sense(SK_NOT_READY, 0x30, 0x03);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_RUNNING);
    s = sense(SK_NOT_READY, 0x04, 0x01);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_RUNNING);
    s = sense(SK_UNIT_ATTENTION, 0x28, 0x00);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_RUNNING);
    s = sense(SK_NOT_READY, 0x3a, 0x00);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_UNLOADED);
    s = sense(SK_NOT_READY, 0x3a, 0x02);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_UNLOADED);
    s = sense(SK_MEDIUM_ERROR, 0x30, 0x07);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_FAILED);
    s = sense(SK_NOT_READY, 0x30, 0x13);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_FAILED);
    s = sense(SK_HARDWARE_ERROR, 0x44, 0x00);
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_FAILED);
    s.valid = false;
    assert_int_equal(tapealert_clean_progress(false, &s), CLEAN_FAILED);
    assert_string_equal(tapealert_progress_name(CLEAN_UNLOADED), "cleaner ejected by the drive");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_flag_alone),
        cmocka_unit_test(test_all_and_none),
        cmocka_unit_test(test_sparse),
        cmocka_unit_test(test_short_and_wrong_pages),
        cmocka_unit_test(test_lying_lengths),
        cmocka_unit_test(test_clean_sense),
        cmocka_unit_test(test_health_needs),
        cmocka_unit_test(test_clean_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
