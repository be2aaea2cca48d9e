/*
 * test_scsi_cmd.c - the CDB builders (byte by byte against SPC/SMC/SSC) and
 * the command runner: timeouts per kind, UNIT ATTENTION retried and
 * remembered, BUSY and becoming-ready retried with backoff, failures mapped
 * through the sense table with a useful `why`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "changer/scsi_cmd.h"
#include "fake_transport.h"

/* ---- a scripted device: one answer per command ------------------------- */

enum step_kind { GOOD, CHECK, STATUS, FAIL, GOOD_NEW_SESSION };
typedef struct step {
    enum step_kind kind;
    uint8_t a, b, c; /* CHECK: key asc ascq; STATUS: status byte */
    DWORD err;       /* FAIL */
    const char *data;
} step_t;

#define S_GOOD(d) {.kind = GOOD, .data = (d)}
#define S_CHECK(k, a_, q) {.kind = CHECK, .a = (k), .b = (a_), .c = (q)}
#define S_STATUS(st) {.kind = STATUS, .a = (st)}
#define S_FAIL(e) {.kind = FAIL, .err = (e)}
#define S_NEW_SESSION {.kind = GOOD_NEW_SESSION}

typedef struct script {
    const step_t *steps;
    size_t n, at;
} script_t;

static DWORD scripted(fake_transport_t *f, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t buf_len,
                      scsi_result_t *res)
{
    (void)cdb;
    (void)cdb_len;
    script_t *s = f->state;
    if (s->at >= s->n)
        fail_msg("device asked for more answers than scripted (%zu)", s->n);
    const step_t *st = &s->steps[s->at++];
    switch (st->kind) {
    case GOOD_NEW_SESSION:
        f->base.epoch++;
        /* fall through */
    case GOOD:
        fake_reply(buf, buf_len, (const uint8_t *)st->data, st->data ? strlen(st->data) : 0, res);
        return ERROR_SUCCESS;
    case CHECK:
        fake_check_condition(res, st->a, st->b, st->c);
        return ERROR_SUCCESS;
    case STATUS:
        res->status = st->a;
        return ERROR_SUCCESS;
    case FAIL:
    default:
        return st->err;
    }
}

typedef struct fixture {
    script_t script;
    fake_transport_t *f;
    scsi_dev_t dev;
} fixture_t;

static fixture_t fx;

static void start(const step_t *steps, size_t n)
{
    memset(&fx, 0, sizeof(fx));
    fx.script.steps = steps;
    fx.script.n = n;
    fx.f = fake_transport_new(scripted, &fx.script);
    assert_non_null(fx.f);
    scsi_dev_init(&fx.dev, &fx.f->base, "lib1");
}

static void finish(void)
{
    assert_int_equal(fx.script.at, fx.script.n); /* every answer was used */
    fx.f->base.ops->close(&fx.f->base);
}

static int setup(void **state)
{
    (void)state;
    scsi_set_retry_policy(5, 8, 0); /* no sleeping in tests */
    return 0;
}

#define START(...)                                                                                                   \
    do {                                                                                                             \
        static const step_t steps_[] = {__VA_ARGS__};                                                                \
        start(steps_, sizeof(steps_) / sizeof(steps_[0]));                                                           \
    } while (0)

/* ---- builders ---------------------------------------------------------- */

static void test_cdbs(void **state)
{
    (void)state;
    scsi_cmd_t c;
    uint8_t buf[300];

    cdb_read_element_status(&c, ELEM_DRIVE, true, true, 256, 4, buf, 0x12345);
    const uint8_t res[12] = {0xb8, 0x14, 0x01, 0x00, 0x00, 0x04, 0x01, 0x01, 0x23, 0x45, 0, 0};
    assert_int_equal(c.cdb_len, 12);
    assert_memory_equal(c.cdb, res, 12);
    assert_int_equal(c.dir, SCSI_READ);
    assert_int_equal(c.len, 0x12345);
    assert_int_equal(c.kind, SCSI_KIND_READ_STATUS);

    cdb_move_medium(&c, 1, 1000, 256);
    const uint8_t move[12] = {0xa5, 0, 0x00, 0x01, 0x03, 0xe8, 0x01, 0x00, 0, 0, 0, 0};
    assert_memory_equal(c.cdb, move, 12);
    assert_int_equal(c.dir, SCSI_NONE);
    assert_int_equal(c.kind, SCSI_KIND_MOVE);

    cdb_exchange_medium(&c, 1, 1000, 256, 1001);
    const uint8_t xchg[12] = {0xa6, 0, 0x00, 0x01, 0x03, 0xe8, 0x01, 0x00, 0x03, 0xe9, 0, 0};
    assert_memory_equal(c.cdb, xchg, 12);

    cdb_position_to_element(&c, 1, 1019);
    const uint8_t pos[10] = {0x2b, 0, 0x00, 0x01, 0x03, 0xfb, 0, 0, 0, 0};
    assert_int_equal(c.cdb_len, 10);
    assert_memory_equal(c.cdb, pos, 10);

    cdb_init_element_status_range(&c, 1000, 20);
    const uint8_t iesr[10] = {0x37, 0x01, 0x03, 0xe8, 0, 0, 0x00, 0x14, 0, 0};
    assert_memory_equal(c.cdb, iesr, 10);
    assert_int_equal(c.kind, SCSI_KIND_INIT_STATUS);
    cdb_init_element_status(&c);
    assert_int_equal(c.cdb[0], 0x07);
    assert_int_equal(c.cdb_len, 6);

    cdb_open_close_port(&c, 16, false);
    const uint8_t port[6] = {0x1b, 0, 0x00, 0x10, 0x01, 0};
    assert_memory_equal(c.cdb, port, 6);
    cdb_prevent_allow(&c, true);
    const uint8_t prevent[6] = {0x1e, 0, 0, 0, 0x01, 0};
    assert_memory_equal(c.cdb, prevent, 6);

    cdb_inquiry(&c, true, 0x83, buf, 255);
    const uint8_t inq[6] = {0x12, 0x01, 0x83, 0x00, 0xff, 0};
    assert_memory_equal(c.cdb, inq, 6);
    cdb_mode_sense6(&c, 0x1d, buf, 255);
    const uint8_t ms6[6] = {0x1a, 0x08, 0x1d, 0, 0xff, 0};
    assert_memory_equal(c.cdb, ms6, 6);
    cdb_mode_sense10(&c, 0x1f, buf, 300);
    const uint8_t ms10[10] = {0x5a, 0x08, 0x1f, 0, 0, 0, 0, 0x01, 0x2c, 0};
    assert_memory_equal(c.cdb, ms10, 10);
    cdb_report_opcodes(&c, buf, 4096);
    const uint8_t rsoc[12] = {0xa3, 0x0c, 0, 0, 0, 0, 0x00, 0x00, 0x10, 0x00, 0, 0};
    assert_memory_equal(c.cdb, rsoc, 12);

    cdb_load_unload(&c, false);
    const uint8_t unload[6] = {0x1b, 0, 0, 0, 0x00, 0};
    assert_memory_equal(c.cdb, unload, 6);
    assert_int_equal(c.kind, SCSI_KIND_MEDIUM);
    cdb_rewind(&c);
    assert_int_equal(c.cdb[0], 0x01);
    cdb_read6_variable(&c, buf, 0x40000);
    const uint8_t rd[6] = {0x08, 0x00, 0x04, 0x00, 0x00, 0};
    assert_memory_equal(c.cdb, rd, 6);
    assert_int_equal(c.kind, SCSI_KIND_DATA);
    cdb_test_unit_ready(&c);
    assert_int_equal(c.dir, SCSI_NONE);
    assert_int_equal(c.len, 0);
}

/* ---- runner ------------------------------------------------------------ */

static void test_timeouts_per_kind(void **state)
{
    (void)state;
    START(S_GOOD(NULL), S_GOOD(NULL), S_GOOD(NULL));
    scsi_cmd_t c;
    uint8_t buf[64];
    cdb_test_unit_ready(&c);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[0].timeout_ms, 30000);
    cdb_read_element_status(&c, ELEM_SLOT, true, false, 0, 1, buf, sizeof(buf));
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[1].timeout_ms, 5 * 60 * 1000);
    scsi_set_timeout_ms(SCSI_KIND_MOVE, 1234);
    cdb_move_medium(&c, 0, 1, 2);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[2].timeout_ms, 1234);
    assert_int_equal(scsi_timeout_ms(SCSI_KIND_INIT_STATUS), 30 * 60 * 1000);
    scsi_set_timeout_ms(SCSI_KIND_MOVE, 15 * 60 * 1000);
    finish();
}

/* A device's own timeouts (a library's configuration) win over the
 * defaults, kind by kind; 0 keeps the default. */
static void test_timeouts_per_device(void **state)
{
    (void)state;
    START(S_GOOD(NULL), S_GOOD(NULL), S_GOOD(NULL));
    scsi_cmd_t c;
    unsigned own[SCSI_KINDS] = {[SCSI_KIND_MOVE] = 2000};
    scsi_dev_set_timeouts(&fx.dev, own);
    cdb_move_medium(&c, 0, 1, 2);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[0].timeout_ms, 2000);
    cdb_test_unit_ready(&c);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[1].timeout_ms, 30000);
    assert_int_equal(scsi_dev_timeout_ms(&fx.dev, SCSI_KIND_MOVE), 2000);
    scsi_dev_set_timeouts(&fx.dev, NULL);
    cdb_move_medium(&c, 0, 1, 2);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->log[2].timeout_ms, 15 * 60 * 1000);
    finish();
}

static void test_unit_attention_retried(void **state)
{
    (void)state;
    START(S_CHECK(0x06, 0x29, 0x00), S_CHECK(0x06, 0x28, 0x00), S_GOOD("abc"));
    scsi_cmd_t c;
    scsi_reply_t r;
    uint8_t buf[16];
    cdb_inquiry(&c, false, 0, buf, sizeof(buf));
    assert_int_equal(scsi_run(&fx.dev, &c, &r, NULL, 0), ERROR_SUCCESS);
    assert_int_equal(fx.f->ncmds, 3);
    assert_int_equal(r.got, 3);
    assert_true(scsi_dev_take_changed(&fx.dev));
    assert_false(scsi_dev_take_changed(&fx.dev)); /* taken: cleared */
    finish();
}

static void test_unit_attention_exhausted(void **state)
{
    (void)state;
    START(S_CHECK(6, 0x29, 0), S_CHECK(6, 0x29, 0), S_CHECK(6, 0x29, 0), S_CHECK(6, 0x29, 0), S_CHECK(6, 0x29, 0),
          S_CHECK(6, 0x29, 0));
    scsi_cmd_t c;
    char why[256];
    cdb_test_unit_ready(&c);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, why, sizeof(why)), ERROR_MEDIA_CHANGED);
    assert_non_null(strstr(why, "lib1: TEST UNIT READY:"));
    assert_non_null(strstr(why, "29/00"));
    assert_true(fx.dev.changed);
    finish();
}

static void test_busy_and_becoming_ready(void **state)
{
    (void)state;
    START(S_STATUS(0x08), S_CHECK(0x02, 0x04, 0x01), S_STATUS(0x28), S_GOOD(NULL));
    scsi_cmd_t c;
    cdb_move_medium(&c, 0, 1000, 256);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, NULL, 0), ERROR_SUCCESS);
    assert_false(fx.dev.changed);
    finish();
    /* Busy for good: ERROR_BUSY after the allowed retries. */
    scsi_set_retry_policy(5, 2, 0);
    START(S_STATUS(0x08), S_STATUS(0x08), S_STATUS(0x08));
    char why[256];
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, why, sizeof(why)), ERROR_BUSY);
    assert_non_null(strstr(why, "BUSY"));
    finish();
    scsi_set_retry_policy(5, 8, 0);
}

static void test_no_wait_retry_flag(void **state)
{
    (void)state;
    START(S_CHECK(0x02, 0x04, 0x01));
    scsi_cmd_t c;
    scsi_reply_t r;
    cdb_test_unit_ready(&c);
    c.flags |= SCSI_F_NO_WAIT_RETRY;
    assert_int_equal(scsi_run(&fx.dev, &c, &r, NULL, 0), ERROR_NOT_READY);
    assert_true(r.sense.valid);
    assert_int_equal(r.sense.asc, 0x04);
    finish();
}

static void test_failure_mapped(void **state)
{
    (void)state;
    START(S_CHECK(0x05, 0x3b, 0x0d), S_CHECK(0x00, 0x00, 0x01), S_STATUS(0x18));
    scsi_cmd_t c;
    scsi_reply_t r;
    char why[256];
    cdb_move_medium(&c, 1, 1000, 1001);
    assert_int_equal(scsi_run(&fx.dev, &c, &r, why, sizeof(why)), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(r.status, 0x02);
    assert_int_equal(r.sense.asc, 0x3b);
    assert_non_null(strstr(why, "lib1: MOVE MEDIUM: "));
    assert_non_null(strstr(why, "destination element full"));
    /* NO SENSE (a filemark) is not an error; the reply tells. */
    assert_int_equal(scsi_run(&fx.dev, &c, &r, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(r.sense.ascq, 0x01);
    assert_int_equal(scsi_run(&fx.dev, &c, &r, why, sizeof(why)), ERROR_BUSY);
    assert_non_null(strstr(why, "RESERVATION CONFLICT"));
    finish();
}

static void test_transport_failures(void **state)
{
    (void)state;
    START(S_FAIL(ERROR_TIMEOUT), S_FAIL(ERROR_DEVICE_NOT_AVAILABLE), S_NEW_SESSION);
    scsi_cmd_t c;
    char why[256];
    cdb_test_unit_ready(&c);
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, why, sizeof(why)), ERROR_TIMEOUT);
    assert_non_null(strstr(why, "no answer within the timeout"));
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, why, sizeof(why)), ERROR_DEVICE_NOT_AVAILABLE);
    assert_non_null(strstr(why, "not reachable"));
    assert_false(fx.dev.changed);
    /* The transport logged in again: whatever happened meanwhile is lost,
     * so the device counts as changed. */
    assert_int_equal(scsi_run(&fx.dev, &c, NULL, why, sizeof(why)), ERROR_SUCCESS);
    assert_true(scsi_dev_take_changed(&fx.dev));
    finish();
}

static void test_identify(void **state)
{
    (void)state;
    static char inq[40], vpd80[20], vpd83[20];
    memset(inq, 0, sizeof(inq));
    /* standard INQUIRY: tape drive, "IBM" "ULT3580-TD6"; the fake sends a C
     * string, so keep the reply free of NULs up to the revision. */
    memcpy(inq, "\x01\x80\x05\x02\x20\x01\x01\x01IBM     ULT3580-TD6     G350", 36);
    memcpy(vpd80, "\x01\x80\x01\x08  DRV0002", 13);
    memcpy(vpd83, "\x01\x83\x01\x0c\x02\x01\x01\x08VEND1234", 16);
    START(S_CHECK(0x06, 0x29, 0x00), S_GOOD(inq), S_GOOD(vpd80), S_GOOD(vpd83));
    scsi_identity_t id;
    char why[256];
    assert_int_equal(scsi_identify(&fx.dev, &id, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(id.inq.pdt, 1);
    assert_string_equal(id.inq.vendor, "IBM");
    assert_string_equal(id.inq.product, "ULT3580-TD6");
    assert_string_equal(id.inq.revision, "G350");
    assert_string_equal(id.serial, "DRV0002");
    assert_string_equal(id.identifier, "t10.VEND1234");
    finish();
    /* VPD pages refused: identity still good, strings empty. */
    START(S_GOOD(inq), S_CHECK(0x05, 0x24, 0x00), S_CHECK(0x05, 0x24, 0x00));
    assert_int_equal(scsi_identify(&fx.dev, &id, why, sizeof(why)), ERROR_SUCCESS);
    assert_string_equal(id.serial, "");
    assert_string_equal(id.identifier, "");
    finish();
    /* INQUIRY itself failing is an error. */
    START(S_FAIL(ERROR_DEVICE_NOT_AVAILABLE));
    assert_int_equal(scsi_identify(&fx.dev, &id, why, sizeof(why)), ERROR_DEVICE_NOT_AVAILABLE);
    finish();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cdbs),
        cmocka_unit_test_setup(test_timeouts_per_kind, setup),
        cmocka_unit_test_setup(test_timeouts_per_device, setup),
        cmocka_unit_test_setup(test_unit_attention_retried, setup),
        cmocka_unit_test_setup(test_unit_attention_exhausted, setup),
        cmocka_unit_test_setup(test_busy_and_becoming_ready, setup),
        cmocka_unit_test_setup(test_no_wait_retry_flag, setup),
        cmocka_unit_test_setup(test_failure_mapped, setup),
        cmocka_unit_test_setup(test_transport_failures, setup),
        cmocka_unit_test_setup(test_identify, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
