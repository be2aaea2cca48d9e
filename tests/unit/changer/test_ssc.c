/*
 * test_ssc.c - the tape drive backend against a drive model behind the
 * fake transport: identity, waiting for readiness (unit attention, becoming
 * ready, no medium, "initializing command required"), unload, and reading
 * the first block with ILI, filemark, blank check and overlength blocks,
 * and writing the free-media label (a block and a filemark).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "changer/bytes.h"
#include "changer/scsi_cmd.h"
#include "changer/ssc.h"
#include "fake_transport.h"

enum first_block { BLOCK_DATA, BLOCK_BLANK, BLOCK_FILEMARK, BLOCK_HUGE };

static struct drive_model {
    uint8_t pdt;
    bool medium;
    int becoming_ready; /* TURs answered 04/01 before ready; -1 forever */
    bool needs_load;    /* 04/02 until a LOAD */
    bool broken;        /* hardware error on TUR */
    int ua_pending;
    enum first_block block;
    bool report_transferred; /* SG-like: the transport knows the count */
    int rewound;
    bool protect;            /* the cartridge is write-protected */
    uint8_t written[1024];   /* the last WRITE(6) */
    size_t written_len;
    unsigned filemarks;
} m;

static void ili_sense(scsi_result_t *res, uint8_t flags, int32_t info)
{
    fake_check_condition(res, 0x00, 0x00, flags & 0x80 ? 0x01 : 0x00);
    res->sense[0] = 0xf0; /* valid INFORMATION */
    res->sense[2] = flags;
    put_be32(res->sense + 3, (uint32_t)info);
}

static DWORD read6(const uint8_t *cdb, uint8_t *buf, size_t buf_len, scsi_result_t *res)
{
    size_t asked = get_be24(cdb + 2);
    assert_int_equal(asked, buf_len);
    static const char label[] = "VOL1VL0001              RSM";
    switch (m.block) {
    case BLOCK_BLANK: fake_check_condition(res, 0x08, 0x00, 0x05); break;
    case BLOCK_FILEMARK: ili_sense(res, 0x80, (int32_t)asked); break;
    case BLOCK_HUGE:
        memset(buf, 'x', buf_len);
        ili_sense(res, 0x20, -(int32_t)1000);
        res->transferred = m.report_transferred ? buf_len : 0;
        break;
    case BLOCK_DATA:
    default:
        memcpy(buf, label, sizeof(label) - 1);
        ili_sense(res, 0x20, (int32_t)(asked - (sizeof(label) - 1)));
        res->transferred = m.report_transferred ? sizeof(label) - 1 : 0;
        break;
    }
    return ERROR_SUCCESS;
}

static DWORD device(fake_transport_t *f, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t buf_len,
                    scsi_result_t *res)
{
    (void)f;
    (void)cdb_len;
    if (m.ua_pending > 0) {
        m.ua_pending--;
        fake_check_condition(res, 0x06, 0x29, 0x00);
        return ERROR_SUCCESS;
    }
    uint8_t tmp[64] = {0};
    switch (cdb[0]) {
    case 0x12:
        if (cdb[1] & 1) {
            tmp[1] = cdb[2];
            tmp[3] = 16;
            memcpy(tmp + 4, cdb[2] == 0x80 ? "         DRV0002" : "\x02\x01\x00\x0cIBM 12345678", 16);
            fake_reply(buf, buf_len, tmp, 20, res);
        } else {
            tmp[0] = m.pdt, tmp[1] = 0x80, tmp[4] = 31;
            memcpy(tmp + 8, "IBM     ULT3580-TD6     G350", 28);
            fake_reply(buf, buf_len, tmp, 36, res);
        }
        return ERROR_SUCCESS;
    case 0x00:
        if (m.broken)
            fake_check_condition(res, 0x04, 0x44, 0x00);
        else if (!m.medium)
            fake_check_condition(res, 0x02, 0x3a, 0x00);
        else if (m.needs_load)
            fake_check_condition(res, 0x02, 0x04, 0x02);
        else if (m.becoming_ready != 0) {
            if (m.becoming_ready > 0)
                m.becoming_ready--;
            fake_check_condition(res, 0x02, 0x04, 0x01);
        }
        return ERROR_SUCCESS;
    case 0x1b:
        if (cdb[4] & 1)
            m.needs_load = false;
        return ERROR_SUCCESS;
    case 0x01: m.rewound++; return m.medium ? ERROR_SUCCESS : (fake_check_condition(res, 2, 0x3a, 0), ERROR_SUCCESS);
    case 0x08: return read6(cdb, buf, buf_len, res);
    case 0x0a:
        if (m.protect) {
            fake_check_condition(res, 0x07, 0x27, 0x00); /* DATA PROTECT */
            return ERROR_SUCCESS;
        }
        assert_int_equal(get_be24(cdb + 2), buf_len);
        assert_true(buf_len <= sizeof m.written);
        memcpy(m.written, buf, buf_len);
        m.written_len = buf_len;
        return ERROR_SUCCESS;
    case 0x10: m.filemarks += get_be24(cdb + 2); return ERROR_SUCCESS;
    default: fake_check_condition(res, 0x05, 0x20, 0x00); return ERROR_SUCCESS;
    }
}

static fake_transport_t *fake;
static drive_t *drv;

static int setup(void **state)
{
    (void)state;
    memset(&m, 0, sizeof(m));
    m.pdt = 0x01;
    m.medium = true;
    scsi_set_retry_policy(5, 8, 0);
    char why[256];
    fake = fake_transport_new(device, &m);
    if (ssc_open_transport(&fake->base, "drive0", &drv, why, sizeof(why)) != ERROR_SUCCESS)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    drv->ops->close(drv);
    return 0;
}

static void test_open_and_identify(void **state)
{
    (void)state;
    drive_ident_t id;
    char why[256];
    assert_int_equal(drv->ops->identify(drv, &id, why, sizeof(why)), ERROR_SUCCESS);
    assert_string_equal(id.vendor, "IBM");
    assert_string_equal(id.product, "ULT3580-TD6");
    assert_string_equal(id.serial, "DRV0002");
    assert_string_equal(id.identifier, "t10.IBM 12345678");
    assert_int_equal(id.device_type, 1);
    assert_string_equal(id.device_name, "fake://device");
    /* A changer LUN is not a drive. */
    drive_t *other = NULL;
    m.pdt = 0x08;
    fake_transport_t *f2 = fake_transport_new(device, &m);
    assert_int_equal(ssc_open_transport(&f2->base, NULL, &other, why, sizeof(why)), ERROR_INVALID_PARAMETER);
    assert_null(other);
}

static void test_wait_ready_through_attention(void **state)
{
    (void)state;
    m.ua_pending = 1;
    m.becoming_ready = 2;
    bool present = false;
    char why[256];
    assert_int_equal(drv->ops->wait_ready(drv, 10000, &present, why, sizeof(why)), ERROR_SUCCESS);
    assert_true(present);
    assert_int_equal(fake_count(fake, 0x00), 4); /* UA, 04/01, 04/01, ready */
}

static void test_wait_ready_no_medium(void **state)
{
    (void)state;
    m.medium = false;
    bool present = true;
    char why[256];
    size_t before = fake_count(fake, 0x00);
    assert_int_equal(drv->ops->wait_ready(drv, 0, &present, why, sizeof(why)), ERROR_SUCCESS);
    assert_false(present);
    assert_int_equal(fake_count(fake, 0x00), before + 1); /* a probe: one TUR */
    /* With time to wait, it polls, then answers "no medium". */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(drv->ops->wait_ready(drv, 350, &present, why, sizeof(why)), ERROR_SUCCESS);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_false(present);
    assert_true(ms >= 340 && ms < 2000);
    assert_true(fake_count(fake, 0x00) >= before + 3);
}

static void test_wait_ready_timeout_and_errors(void **state)
{
    (void)state;
    m.becoming_ready = -1;
    bool present = false;
    char why[256];
    assert_int_equal(drv->ops->wait_ready(drv, 200, &present, why, sizeof(why)), ERROR_TIMEOUT);
    assert_true(present);
    assert_non_null(strstr(why, "not ready"));
    m.becoming_ready = 0;
    m.needs_load = true;
    assert_int_equal(drv->ops->wait_ready(drv, 1000, &present, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(fake_count(fake, 0x1b), 1); /* one LOAD for 04/02 */
    m.broken = true;
    assert_int_equal(drv->ops->wait_ready(drv, 10000, &present, why, sizeof(why)), ERROR_IO_DEVICE);
}

static void test_unload(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(drv->ops->unload(drv, why, sizeof(why)), ERROR_SUCCESS);
    const fake_cmd_t *allow = &fake->log[fake->ncmds - 2], *unload = &fake->log[fake->ncmds - 1];
    assert_int_equal(allow->cdb[0], 0x1e);
    assert_int_equal(allow->cdb[4], 0x00);
    assert_int_equal(unload->cdb[0], 0x1b);
    assert_int_equal(unload->cdb[4], 0x00);
    assert_int_equal(drv->ops->load(drv, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(fake->log[fake->ncmds - 1].cdb[4], 0x01);
}

static void test_first_block(void **state)
{
    (void)state;
    static uint8_t buf[256 * 1024];
    size_t got = 99;
    char why[256];
    /* iSCSI: only the ILI residue says how much came. */
    assert_int_equal(drv->ops->read_first_block(drv, buf, sizeof(buf), &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 27);
    assert_memory_equal(buf, "VOL1VL0001", 10);
    assert_int_equal(m.rewound, 1);
    assert_int_equal(fake->log[fake->ncmds - 2].cdb[0], 0x01); /* REWIND, then READ(6) */
    assert_int_equal(fake->log[fake->ncmds - 1].cdb[0], 0x08);
    /* SG: the transport's count agrees. */
    m.report_transferred = true;
    assert_int_equal(drv->ops->read_first_block(drv, buf, sizeof(buf), &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 27);
    m.block = BLOCK_BLANK;
    assert_int_equal(drv->ops->read_first_block(drv, buf, sizeof(buf), &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 0);
    m.block = BLOCK_FILEMARK;
    assert_int_equal(drv->ops->read_first_block(drv, buf, sizeof(buf), &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 0);
    m.block = BLOCK_HUGE; /* longer than the buffer: the buffer's worth */
    assert_int_equal(drv->ops->read_first_block(drv, buf, 4096, &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 4096);
    m.report_transferred = false;
    assert_int_equal(drv->ops->read_first_block(drv, buf, 4096, &got, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(got, 4096);
    m.medium = false;
    assert_int_equal(drv->ops->read_first_block(drv, buf, sizeof(buf), &got, why, sizeof(why)),
                     ERROR_NO_MEDIA_IN_DRIVE);
    assert_int_equal(got, 0);
}

static void test_write_label(void **state)
{
    (void)state;
    char why[256];
    static const uint8_t label[512] = "RSM FREE";
    assert_int_equal(drv->ops->write_label(drv, label, sizeof label, why, sizeof why), ERROR_SUCCESS);
    assert_int_equal(m.rewound, 1);
    assert_int_equal(fake->log[fake->ncmds - 3].cdb[0], 0x01); /* REWIND, WRITE(6), WRITE FILEMARKS */
    assert_int_equal(fake->log[fake->ncmds - 2].cdb[0], 0x0a);
    assert_int_equal(fake->log[fake->ncmds - 2].cdb[1] & 0x01, 0); /* variable block */
    assert_int_equal(fake->log[fake->ncmds - 1].cdb[0], 0x10);
    assert_int_equal(m.written_len, sizeof label);
    assert_memory_equal(m.written, label, sizeof label);
    assert_int_equal(m.filemarks, 1);
    /* A protected cartridge is refused; nothing follows the WRITE. */
    m.protect = true;
    assert_int_equal(drv->ops->write_label(drv, label, sizeof label, why, sizeof why), ERROR_WRITE_PROTECT);
    assert_int_equal(m.filemarks, 1);
    assert_int_equal(drv->ops->write_label(drv, label, 0, why, sizeof why), ERROR_INVALID_PARAMETER);
    m.medium = false;
    assert_int_equal(drv->ops->write_label(drv, label, sizeof label, why, sizeof why), ERROR_NO_MEDIA_IN_DRIVE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_and_identify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_ready_through_attention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_ready_no_medium, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_ready_timeout_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_label, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
