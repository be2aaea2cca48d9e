/*
 * test_sense.c - fixed and descriptor sense decoding, and the condition
 * table: every documented mapping, the retry classes, the catch-alls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "changer/sense.h"

static void test_fixed(void **state)
{
    (void)state;
    /* tgt's MOVE to a full slot. */
    const uint8_t b[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x3b, 0x0d, 0, 0, 0, 0};
    scsi_sense_t s;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_false(s.descriptor);
    assert_false(s.deferred);
    assert_int_equal(s.key, SK_ILLEGAL_REQUEST);
    assert_int_equal(s.asc, 0x3b);
    assert_int_equal(s.ascq, 0x0d);
    assert_false(s.info_valid);
    assert_int_equal(sense_to_win32(&s), ERROR_RESOURCE_NOT_AVAILABLE);
    char text[200];
    sense_describe(&s, text, sizeof(text));
    assert_non_null(strstr(text, "3b/0d"));
    assert_non_null(strstr(text, "destination element full"));
    assert_null(strstr(text, "Additional sense:"));
}

static void test_fixed_stream_bits(void **state)
{
    (void)state;
    /* READ(6) of an 80-byte block into 4096: ILI, residue 4016. */
    uint8_t b[18] = {0xf0, 0, 0x20, 0x00, 0x00, 0x0f, 0xb0, 0x0a};
    scsi_sense_t s;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_true(s.ili);
    assert_false(s.filemark);
    assert_true(s.info_valid);
    assert_int_equal(s.residue, 4016);
    assert_int_equal(sense_classify(&s), SENSE_OK);
    /* Block longer than asked: negative residue, two's complement. */
    b[3] = 0xff, b[4] = 0xff, b[5] = 0xff, b[6] = 0x00;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_int_equal(s.residue, -256);
    /* Filemark and EOM; deferred error (71h). */
    b[0] = 0x71;
    b[2] = 0xc0;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_true(s.deferred);
    assert_true(s.filemark);
    assert_true(s.eom);
}

static void test_fixed_short(void **state)
{
    (void)state;
    /* The additional length says the ASC is not there: it reads as 0. */
    uint8_t b[18] = {0x70, 0, 0x02, 0, 0, 0, 0, 0x00, 0, 0, 0, 0, 0x3a, 0x00};
    scsi_sense_t s;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_int_equal(s.asc, 0);
    b[7] = 6;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_int_equal(s.asc, 0x3a);
    assert_int_equal(sense_to_win32(&s), ERROR_NO_MEDIA_IN_DRIVE);
    /* Only three bytes: the key, nothing else. */
    assert_true(sense_decode(b, 3, &s));
    assert_int_equal(s.key, SK_NOT_READY);
    assert_false(sense_decode(b, 2, &s));
    assert_false(sense_decode(b, 0, &s));
    assert_false(sense_decode(NULL, 18, &s));
    /* Unknown response codes are not sense. */
    b[0] = 0x7f;
    assert_false(sense_decode(b, sizeof(b), &s));
    assert_false(s.valid);
    assert_int_equal(sense_to_win32(&s), ERROR_IO_DEVICE);
    assert_int_equal(sense_classify(&s), SENSE_FAIL);
}

static void test_descriptor(void **state)
{
    (void)state;
    /* 72h: MEDIUM ERROR 11/00 with an information descriptor, a
     * sense-key-specific one, and a stream descriptor (ILI). */
    const uint8_t b[] = {0x72, 0x03, 0x11, 0x00, 0, 0, 0, 24,
                         0x00, 0x0a, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34,
                         0x02, 0x06, 0, 0, 0x80, 0x00, 0x10, 0,
                         0x04, 0x02, 0, 0x20};
    scsi_sense_t s;
    assert_true(sense_decode(b, sizeof(b), &s));
    assert_true(s.descriptor);
    assert_int_equal(s.key, SK_MEDIUM_ERROR);
    assert_int_equal(s.asc, 0x11);
    assert_true(s.info_valid);
    assert_int_equal(s.info, 0x1234);
    assert_true(s.sks_valid);
    assert_int_equal(s.sks[2], 0x10);
    assert_true(s.ili);
    assert_int_equal(sense_to_win32(&s), ERROR_IO_DEVICE);
    /* A descriptor running past the end is ignored, the header kept. */
    uint8_t cut[sizeof(b)];
    memcpy(cut, b, sizeof(b));
    cut[9] = 0x40;
    assert_true(sense_decode(cut, sizeof(cut), &s));
    assert_false(s.info_valid);
    assert_false(s.ili);
    assert_int_equal(s.asc, 0x11);
    /* The additional length bounds the walk. */
    cut[9] = 0x0a;
    cut[7] = 12;
    assert_true(sense_decode(cut, sizeof(cut), &s));
    assert_true(s.info_valid);
    assert_false(s.sks_valid);
    /* Deferred descriptor format, header only. */
    const uint8_t d[4] = {0x73, 0x06, 0x29, 0x00};
    assert_true(sense_decode(d, sizeof(d), &s));
    assert_true(s.deferred);
    assert_int_equal(sense_classify(&s), SENSE_RETRY_UA);
}

typedef struct expect {
    uint8_t key, asc, ascq;
    DWORD error;
    enum sense_action action;
} expect_t;

static void test_table(void **state)
{
    (void)state;
    static const expect_t cases[] = {
        {0x05, 0x3b, 0x0d, ERROR_RESOURCE_NOT_AVAILABLE, SENSE_FAIL},
        {0x05, 0x3b, 0x0e, ERROR_MEDIA_UNAVAILABLE, SENSE_FAIL},
        {0x02, 0x3a, 0x00, ERROR_NO_MEDIA_IN_DRIVE, SENSE_FAIL},
        {0x02, 0x3a, 0x02, ERROR_NO_MEDIA_IN_DRIVE, SENSE_FAIL},
        {0x05, 0x53, 0x02, ERROR_BUSY, SENSE_FAIL},
        {0x02, 0x04, 0x01, ERROR_NOT_READY, SENSE_RETRY_WAIT},
        {0x02, 0x04, 0x07, ERROR_BUSY, SENSE_RETRY_WAIT},
        {0x02, 0x04, 0x03, ERROR_DEVICE_NOT_AVAILABLE, SENSE_FAIL},
        {0x02, 0x04, 0x00, ERROR_NOT_READY, SENSE_FAIL},
        {0x06, 0x28, 0x00, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA},
        {0x06, 0x28, 0x01, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA},
        {0x06, 0x29, 0x00, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA},
        {0x06, 0x29, 0x03, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA},
        {0x06, 0x5a, 0x01, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA},
        {0x05, 0x21, 0x01, ERROR_INVALID_ADDRESS, SENSE_FAIL},
        {0x05, 0x24, 0x00, ERROR_INVALID_PARAMETER, SENSE_FAIL},
        {0x05, 0x20, 0x00, ERROR_NOT_SUPPORTED, SENSE_FAIL},
        {0x05, 0x25, 0x00, ERROR_DEVICE_NOT_AVAILABLE, SENSE_FAIL},
        {0x05, 0x99, 0x99, ERROR_INVALID_PARAMETER, SENSE_FAIL},
        {0x04, 0x15, 0x01, ERROR_IO_DEVICE, SENSE_FAIL},
        {0x04, 0x44, 0x00, ERROR_IO_DEVICE, SENSE_FAIL},
        {0x03, 0x11, 0x00, ERROR_IO_DEVICE, SENSE_FAIL},
        {0x04, 0x53, 0x00, ERROR_UNABLE_TO_LOAD_MEDIUM, SENSE_FAIL},
        {0x02, 0x30, 0x03, ERROR_CLEANER_CARTRIDGE_INSTALLED, SENSE_FAIL},
        {0x05, 0x30, 0x00, ERROR_MEDIA_INCOMPATIBLE, SENSE_FAIL},
        {0x07, 0x27, 0x00, ERROR_WRITE_PROTECT, SENSE_FAIL},
        {0x08, 0x00, 0x05, ERROR_NO_DATA, SENSE_FAIL},
        {0x00, 0x00, 0x01, ERROR_SUCCESS, SENSE_OK},
        {0x01, 0x17, 0x01, ERROR_SUCCESS, SENSE_OK},
        {0x0b, 0x47, 0x00, ERROR_IO_DEVICE, SENSE_FAIL},
        {0x0f, 0x00, 0x00, ERROR_IO_DEVICE, SENSE_FAIL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const sense_rule_t *r = sense_lookup(cases[i].key, cases[i].asc, cases[i].ascq);
        assert_non_null(r);
        if (r->error != cases[i].error || r->action != cases[i].action)
            fail_msg("case %zu (%x %02x/%02x): got %u/%d, want %u/%d", i, cases[i].key, cases[i].asc, cases[i].ascq,
                     (unsigned)r->error, r->action, (unsigned)cases[i].error, cases[i].action);
        assert_non_null(r->note);
    }
    /* The table ends with a row that matches everything; every row says why. */
    size_t n = 0;
    const sense_rule_t *t = sense_table(&n);
    assert_true(n > 10);
    assert_int_equal(t[n - 1].key, -1);
    assert_int_equal(t[n - 1].asc, -1);
    assert_int_equal(t[n - 1].ascq, -1);
    for (size_t i = 0; i < n; i++)
        assert_true(strlen(t[i].note) > 5);
}

static void test_status_bytes(void **state)
{
    (void)state;
    assert_int_equal(scsi_status_to_win32(0x00), ERROR_SUCCESS);
    assert_int_equal(scsi_status_to_win32(0x08), ERROR_BUSY);
    assert_int_equal(scsi_status_to_win32(0x28), ERROR_BUSY);
    assert_int_equal(scsi_status_to_win32(0x18), ERROR_BUSY);
    assert_int_equal(scsi_status_to_win32(0x40), ERROR_IO_DEVICE);
    assert_string_equal(scsi_status_name(0x08), "BUSY");
    assert_string_equal(scsi_status_name(0x02), "CHECK CONDITION");
    scsi_sense_t none;
    char text[64];
    memset(&none, 0, sizeof(none));
    assert_string_equal(sense_describe(&none, text, sizeof(text)), "no usable sense data");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed),      cmocka_unit_test(test_fixed_stream_bits),
        cmocka_unit_test(test_fixed_short), cmocka_unit_test(test_descriptor),
        cmocka_unit_test(test_table),      cmocka_unit_test(test_status_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
