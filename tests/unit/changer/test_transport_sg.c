/*
 * test_transport_sg.c - the SG_IO transport against a fake ioctl: the
 * sg_io_hdr it builds, and how it reads status, sense, residue and the
 * host/driver verdicts back.
 */
#include <errno.h>
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
#include <scsi/sg.h>

#include "changer/transport.h"

/* The fake device: what it saw and what it answers. */
static struct {
    bool not_sg;
    int fail_errno;
    sg_io_hdr_t seen;
    uint8_t cdb[16];
    unsigned char status, host, driver;
    int resid;
    uint8_t sense[32];
    unsigned sense_len;
    uint8_t data[64];
    unsigned data_len;
} dev;

static int fake_ioctl(int fd, unsigned long request, void *arg)
{
    (void)fd;
    if (request == SG_GET_VERSION_NUM) {
        if (dev.not_sg) {
            errno = ENOTTY;
            return -1;
        }
        *(int *)arg = 30536;
        return 0;
    }
    if (request != SG_IO) {
        errno = EINVAL;
        return -1;
    }
    if (dev.fail_errno != 0) {
        errno = dev.fail_errno;
        return -1;
    }
    sg_io_hdr_t *h = arg;
    dev.seen = *h;
    memcpy(dev.cdb, h->cmdp, h->cmd_len);
    h->status = dev.status;
    h->masked_status = dev.status >> 1;
    h->host_status = dev.host;
    h->driver_status = dev.driver;
    h->resid = dev.resid;
    unsigned n = dev.sense_len < h->mx_sb_len ? dev.sense_len : h->mx_sb_len;
    memcpy(h->sbp, dev.sense, n);
    h->sb_len_wr = (unsigned char)n;
    if (h->dxfer_direction == SG_DXFER_FROM_DEV) {
        unsigned d = dev.data_len < h->dxfer_len ? dev.data_len : h->dxfer_len;
        memcpy(h->dxferp, dev.data, d);
    }
    return 0;
}

static char path[64];

static int setup(void **state)
{
    (void)state;
    memset(&dev, 0, sizeof(dev));
    snprintf(path, sizeof(path), "/tmp/rsm-fake-sg-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    transport_sg_set_ioctl(fake_ioctl);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    transport_sg_set_ioctl(NULL);
    return 0;
}

static transport_t *open_fake(void)
{
    transport_t *t = NULL;
    char why[256];
    assert_int_equal(transport_open(path, &t, why, sizeof(why)), ERROR_SUCCESS);
    assert_non_null(t);
    assert_string_equal(t->device, path);
    return t;
}

static void test_open_errors(void **state)
{
    (void)state;
    transport_t *t = NULL;
    char why[256];
    dev.not_sg = true;
    assert_int_equal(transport_open(path, &t, why, sizeof(why)), ERROR_INVALID_PARAMETER);
    assert_null(t);
    assert_non_null(strstr(why, "not a SCSI generic"));
    assert_int_equal(transport_open("/nonexistent/sg9", &t, why, sizeof(why)), ERROR_FILE_NOT_FOUND);
    assert_int_equal(transport_open("", &t, why, sizeof(why)), ERROR_INVALID_PARAMETER);
}

static void test_read_good_with_residue(void **state)
{
    (void)state;
    transport_t *t = open_fake();
    const uint8_t cdb[6] = {0x12, 0, 0, 0, 96, 0};
    uint8_t buf[96];
    memcpy(dev.data, "INQUIRY-DATA", 12);
    dev.data_len = 36;
    dev.resid = 60;
    scsi_result_t res;
    assert_int_equal(t->ops->exec(t, cdb, sizeof(cdb), SCSI_READ, buf, sizeof(buf), 30000, &res), ERROR_SUCCESS);
    assert_int_equal(dev.seen.interface_id, 'S');
    assert_int_equal(dev.seen.dxfer_direction, SG_DXFER_FROM_DEV);
    assert_int_equal(dev.seen.cmd_len, 6);
    assert_int_equal(dev.seen.timeout, 30000);
    assert_int_equal(dev.seen.mx_sb_len, SCSI_SENSE_MAX);
    assert_int_equal(dev.seen.dxfer_len, 96);
    assert_memory_equal(dev.cdb, cdb, 6);
    assert_int_equal(res.status, 0);
    assert_int_equal(res.transferred, 36);
    assert_int_equal(res.sense_len, 0);
    assert_memory_equal(buf, "INQUIRY-DATA", 12);
    t->ops->close(t);
}

static void test_directions(void **state)
{
    (void)state;
    transport_t *t = open_fake();
    const uint8_t move[12] = {0xa5, 0, 0, 1, 0x03, 0xe8, 0x01, 0x00};
    scsi_result_t res;
    assert_int_equal(t->ops->exec(t, move, sizeof(move), SCSI_NONE, NULL, 0, 900000, &res), ERROR_SUCCESS);
    assert_int_equal(dev.seen.dxfer_direction, SG_DXFER_NONE);
    assert_int_equal(dev.seen.dxfer_len, 0);
    assert_int_equal(dev.seen.cmd_len, 12);
    assert_int_equal(dev.seen.timeout, 900000);
    assert_int_equal(res.transferred, 0);
    uint8_t block[80] = {0};
    const uint8_t wr[6] = {0x0a, 0, 0, 0, 80, 0};
    assert_int_equal(t->ops->exec(t, wr, sizeof(wr), SCSI_WRITE, block, sizeof(block), 1000, &res), ERROR_SUCCESS);
    assert_int_equal(dev.seen.dxfer_direction, SG_DXFER_TO_DEV);
    assert_int_equal(dev.seen.dxfer_len, 80);
    assert_int_equal(res.transferred, 80);
    /* A CDB of 17 bytes never reaches the device. */
    uint8_t huge[17] = {0};
    assert_int_equal(t->ops->exec(t, huge, sizeof(huge), SCSI_NONE, NULL, 0, 1000, &res), ERROR_INVALID_PARAMETER);
    t->ops->close(t);
}

static void test_check_condition(void **state)
{
    (void)state;
    transport_t *t = open_fake();
    const uint8_t sense[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x3b, 0x0e};
    memcpy(dev.sense, sense, sizeof(sense));
    dev.sense_len = sizeof(sense);
    dev.status = 0x02;
    dev.driver = 0x08; /* DRIVER_SENSE */
    const uint8_t move[12] = {0xa5};
    scsi_result_t res;
    assert_int_equal(t->ops->exec(t, move, sizeof(move), SCSI_NONE, NULL, 0, 1000, &res), ERROR_SUCCESS);
    assert_int_equal(res.status, 0x02);
    assert_int_equal(res.sense_len, 18);
    assert_memory_equal(res.sense, sense, 18);
    /* Old drivers: sense flagged by the driver byte, status byte 0. */
    dev.status = 0;
    assert_int_equal(t->ops->exec(t, move, sizeof(move), SCSI_NONE, NULL, 0, 1000, &res), ERROR_SUCCESS);
    assert_int_equal(res.status, 0x02);
    /* BUSY comes through as a status, for the runner to retry. */
    dev.status = 0x08;
    dev.driver = 0;
    dev.sense_len = 0;
    assert_int_equal(t->ops->exec(t, move, sizeof(move), SCSI_NONE, NULL, 0, 1000, &res), ERROR_SUCCESS);
    assert_int_equal(res.status, 0x08);
    t->ops->close(t);
}

static void test_host_and_driver_errors(void **state)
{
    (void)state;
    transport_t *t = open_fake();
    const uint8_t tur[6] = {0};
    scsi_result_t res;
    static const struct {
        unsigned char host, driver;
        DWORD want;
    } cases[] = {
        {0x03, 0x00, ERROR_TIMEOUT},              /* DID_TIME_OUT */
        {0x05, 0x00, ERROR_TIMEOUT},              /* DID_ABORT after a timeout */
        {0x00, 0x06, ERROR_TIMEOUT},              /* DRIVER_TIMEOUT */
        {0x01, 0x00, ERROR_DEVICE_NOT_AVAILABLE}, /* DID_NO_CONNECT */
        {0x04, 0x00, ERROR_DEVICE_NOT_AVAILABLE}, /* DID_BAD_TARGET */
        {0x0e, 0x00, ERROR_DEVICE_NOT_AVAILABLE}, /* DID_TRANSPORT_DISRUPTED */
        {0x02, 0x00, ERROR_BUSY},                 /* DID_BUS_BUSY */
        {0x07, 0x00, ERROR_IO_DEVICE},            /* DID_ERROR */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        dev.host = cases[i].host;
        dev.driver = cases[i].driver;
        assert_int_equal(t->ops->exec(t, tur, sizeof(tur), SCSI_NONE, NULL, 0, 1000, &res), cases[i].want);
    }
    dev.host = dev.driver = 0;
    dev.fail_errno = ENODEV;
    assert_int_equal(t->ops->exec(t, tur, sizeof(tur), SCSI_NONE, NULL, 0, 1000, &res), ERROR_DEVICE_NOT_AVAILABLE);
    dev.fail_errno = EIO;
    assert_int_equal(t->ops->exec(t, tur, sizeof(tur), SCSI_NONE, NULL, 0, 1000, &res), ERROR_IO_DEVICE);
    t->ops->close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_good_with_residue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_condition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_and_driver_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
