/*
 * test_standalone.c - the stand-alone drive backend (daemon/changer/
 * standalone*.c) against a scripted drive: a fake transport that answers
 * INQUIRY, TEST UNIT READY (GOOD, or NOT READY 3A/00 when empty), PREVENT/
 * ALLOW, LOAD UNLOAD / START STOP UNIT and the reads of a disc, and records
 * every CDB it was sent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "changer/scsi_cmd.h"
#include "changer/standalone.h"

#define WHY char why[256] = ""
#define MAX_CDBS 64

/* ---- the fake drive ---------------------------------------------------- */

typedef struct fake {
    transport_t base;
    uint8_t pdt;
    bool removable;
    const char *serial;
    bool present;
    bool prevent;
    bool tgt_quirk;     /* LOAD UNLOAD with LOAD=0 does nothing; byte 4 bit 1 ejects */
    bool stuck;         /* nothing ever ejects the medium */
    bool pending_ua;    /* next command gets UNIT ATTENTION 28/00 */
    DWORD fail;         /* exec fails with this (device gone) */
    int closed;
    size_t ncdbs;
    uint8_t cdbs[MAX_CDBS][16];
} fake_t;

static void check_condition(scsi_result_t *res, uint8_t key, uint8_t asc, uint8_t ascq)
{
    res->status = 0x02;
    memset(res->sense, 0, 18);
    res->sense[0] = 0x70;
    res->sense[2] = key;
    res->sense[7] = 10;
    res->sense[12] = asc;
    res->sense[13] = ascq;
    res->sense_len = 18;
}

static void reply(uint8_t *buf, size_t len, const uint8_t *data, size_t n, scsi_result_t *res)
{
    size_t k = n < len ? n : len;
    memcpy(buf, data, k);
    res->transferred = k;
}

static void inquiry(fake_t *f, const uint8_t *cdb, uint8_t *buf, size_t len, scsi_result_t *res)
{
    uint8_t d[64] = {0};
    if (cdb[1] & 0x01) {
        if (cdb[2] != 0x80) {
            check_condition(res, 0x05, 0x24, 0x00);
            return;
        }
        size_t n = strlen(f->serial);
        d[1] = 0x80;
        d[3] = (uint8_t)n;
        memcpy(d + 4, f->serial, n);
        reply(buf, len, d, 4 + n, res);
        return;
    }
    d[0] = f->pdt;
    d[1] = f->removable ? 0x80 : 0x00;
    d[2] = 0x05;
    d[3] = 0x02;
    d[4] = 31;
    memcpy(d + 8, "IBM     ULT3580-TD6     G350", 28);
    reply(buf, len, d, 36, res);
}

/* 1Bh: LOAD UNLOAD to a tape drive, START STOP UNIT to a disc. */
static void start_stop(fake_t *f, const uint8_t *cdb, scsi_result_t *res)
{
    bool start = cdb[4] & 0x01, loej = cdb[4] & 0x02;
    bool ejects = f->pdt == 0x01 ? (f->tgt_quirk ? loej : !start) : (loej && !start);
    if (!ejects || f->stuck)
        return;
    if (f->prevent) {
        check_condition(res, 0x05, 0x53, 0x02);
        return;
    }
    f->present = false;
}

static DWORD fake_exec(transport_t *t, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                       size_t len, unsigned timeout_ms, scsi_result_t *res)
{
    fake_t *f = (fake_t *)t;
    (void)dir;
    (void)timeout_ms;
    if (f->ncdbs < MAX_CDBS)
        memcpy(f->cdbs[f->ncdbs++], cdb, cdb_len < 16 ? cdb_len : 16);
    if (f->fail != 0)
        return f->fail;
    if (f->pending_ua) {
        f->pending_ua = false;
        check_condition(res, 0x06, 0x28, 0x00);
        return ERROR_SUCCESS;
    }
    static const uint8_t capacity[8] = {0, 0, 0x10, 0, 0, 0, 0x08, 0}; /* 2048-byte blocks */
    switch (cdb[0]) {
    case 0x12:
        inquiry(f, cdb, buf, len, res);
        break;
    case 0x00:
        if (!f->present)
            check_condition(res, 0x02, 0x3a, 0x00);
        break;
    case 0x1e:
        f->prevent = cdb[4] & 0x01;
        break;
    case 0x1b:
        start_stop(f, cdb, res);
        break;
    case 0x25:
        reply(buf, len, capacity, sizeof capacity, res);
        break;
    case 0x28:
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)(i & 0xff);
        res->transferred = len;
        break;
    default:
        check_condition(res, 0x05, 0x20, 0x00);
    }
    return ERROR_SUCCESS;
}

static void fake_close(transport_t *t) { ((fake_t *)t)->closed++; }

static const transport_ops_t fake_ops = {.exec = fake_exec, .close = fake_close};

static fake_t *fake_new(uint8_t pdt, bool removable, bool present)
{
    fake_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->base.ops = &fake_ops;
    snprintf(f->base.device, sizeof f->base.device, "fake:%u", pdt);
    f->pdt = pdt;
    f->removable = removable;
    f->present = present;
    f->serial = "    DRV0002";
    return f;
}

/* How many CDBs with opcode `op` (and byte 4 == b4 when b4 >= 0) since `from`. */
static size_t count_cdbs(const fake_t *f, size_t from, uint8_t op, int b4)
{
    size_t n = 0;
    for (size_t i = from; i < f->ncdbs; i++)
        if (f->cdbs[i][0] == op && (b4 < 0 || f->cdbs[i][4] == b4))
            n++;
    return n;
}

/* ---- fixture: a library over a fake ------------------------------------ */

typedef struct fx {
    fake_t *f;
    changer_t *c;
    drive_t *d;
} fx_t;

static fx_t *open_fx(fake_t *f)
{
    fx_t *fx = calloc(1, sizeof(*fx));
    WHY;
    assert_non_null(fx);
    fx->f = f;
    assert_int_equal(standalone_open_transport(&f->base, "sa test", &fx->c, &fx->d, why, sizeof why), 0);
    assert_non_null(fx->c);
    assert_non_null(fx->d);
    return fx;
}

static void close_fx(fx_t *fx)
{
    fx->c->ops->close(fx->c);
    assert_int_equal(fx->f->closed, 0); /* the drive still holds the device */
    fx->d->ops->close(fx->d);
    assert_int_equal(fx->f->closed, 1);
    free(fx->f);
    free(fx);
}

static bool drive_full(fx_t *fx)
{
    element_status_t s;
    WHY;
    assert_int_equal(fx->c->ops->status(fx->c, ELEM_DRIVE, &s, why, sizeof why), 0);
    assert_int_equal(s.n, 1);
    bool full = s.v[0].full;
    element_status_free(&s);
    return full;
}

static bool check(fx_t *fx)
{
    bool changed = true;
    WHY;
    assert_int_equal(fx->c->ops->check(fx->c, &changed, why, sizeof why), 0);
    return changed;
}

/* ---- tests ------------------------------------------------------------- */

static void test_layout_is_one_drive(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, false));
    changer_info_t info;
    element_status_t s;
    WHY;
    assert_true(standalone_is(fx->c));
    assert_string_equal(fx->c->ops->name, "standalone");
    assert_int_equal(fx->c->ops->info(fx->c, &info, why, sizeof why), 0);
    assert_string_equal(info.vendor, "IBM");
    assert_string_equal(info.serial, "DRV0002");
    assert_int_equal(info.range[ELEM_DRIVE].first, STANDALONE_DRIVE_ADDR);
    assert_int_equal(info.range[ELEM_DRIVE].count, 1);
    for (int t = ELEM_TRANSPORT; t <= ELEM_PORT; t++)
        assert_int_equal(info.range[t].count, 0);
    assert_false(info.has_barcode_reader);
    assert_true(info.can_lock_door);

    assert_int_equal(fx->c->ops->status(fx->c, ELEM_DRIVE, &s, why, sizeof why), 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].address, STANDALONE_DRIVE_ADDR);
    assert_int_equal(s.v[0].type, ELEM_DRIVE);
    assert_false(s.v[0].full);
    assert_false(s.v[0].has_voltag);
    assert_string_equal(s.v[0].device_id, "DRV0002");
    element_status_free(&s);
    for (int t = ELEM_TRANSPORT; t <= ELEM_PORT; t++) {
        assert_int_equal(fx->c->ops->status(fx->c, t, &s, why, sizeof why), 0);
        assert_int_equal(s.n, 0);
        element_status_free(&s);
    }
    assert_int_equal(fx->c->ops->status(fx->c, 9, &s, why, sizeof why), ERROR_INVALID_PARAMETER);

    drive_ident_t id;
    assert_int_equal(fx->d->ops->identify(fx->d, &id, why, sizeof why), 0);
    assert_string_equal(id.serial, "DRV0002");
    assert_int_equal(id.device_type, 0x01);
    close_fx(fx);
}

static void test_status_follows_presence(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, true));
    assert_true(drive_full(fx));
    fx->f->present = false;
    assert_false(drive_full(fx));
    bool present = true;
    WHY;
    assert_int_equal(fx->d->ops->wait_ready(fx->d, 0, &present, why, sizeof why), 0);
    assert_false(present);
    fx->f->present = true;
    assert_int_equal(fx->d->ops->wait_ready(fx->d, 0, &present, why, sizeof why), 0);
    assert_true(present);
    close_fx(fx);
}

static void test_check_reports_flips(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, false));
    assert_false(check(fx)); /* nothing happened since open */
    assert_false(check(fx));
    fx->f->present = true;   /* a person inserts a tape */
    assert_true(check(fx));
    assert_false(check(fx));
    fx->f->present = false;  /* and takes it out */
    assert_true(check(fx));
    assert_false(check(fx));
    fx->f->present = true;
    assert_true(check(fx));
    fx->f->pending_ua = true; /* swapped between two looks: presence alone is unchanged */
    assert_true(check(fx));
    assert_false(check(fx));
    close_fx(fx);
}

/* A UNIT ATTENTION that the drive's own command consumed still counts. */
static void test_check_sees_drive_unit_attention(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, true));
    assert_false(check(fx));
    fx->f->pending_ua = true;
    bool present;
    WHY;
    assert_int_equal(fx->d->ops->wait_ready(fx->d, 0, &present, why, sizeof why), 0);
    assert_true(present);
    assert_true(check(fx));
    assert_false(check(fx));
    close_fx(fx);
}

static void test_no_robot(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, true));
    size_t before = fx->f->ncdbs;
    WHY;
    assert_int_equal(fx->c->ops->move(fx->c, 1, 1, why, sizeof why), ERROR_NOT_SUPPORTED);
    assert_non_null(strstr(why, "no robot"));
    assert_int_equal(fx->c->ops->exchange(fx->c, 1, 1, 1, why, sizeof why), ERROR_NOT_SUPPORTED);
    assert_int_equal(fx->c->ops->position(fx->c, 1, why, sizeof why), ERROR_NOT_SUPPORTED);
    assert_int_equal(fx->c->ops->port(fx->c, 1, true, why, sizeof why), ERROR_NOT_SUPPORTED);
    assert_int_equal(fx->f->ncdbs, before); /* nothing was sent */
    assert_int_equal(fx->c->ops->rescan(fx->c, 0, 0, why, sizeof why), 0);
    close_fx(fx);
}

static void test_lock_is_prevent_allow(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, true));
    size_t before = fx->f->ncdbs;
    WHY;
    assert_int_equal(fx->c->ops->lock(fx->c, true, why, sizeof why), 0);
    assert_true(fx->f->prevent);
    assert_int_equal(count_cdbs(fx->f, before, 0x1e, 0x01), 1);
    assert_int_equal(fx->c->ops->lock(fx->c, false, why, sizeof why), 0);
    assert_false(fx->f->prevent);
    assert_int_equal(count_cdbs(fx->f, before, 0x1e, 0x00), 1);
    close_fx(fx);
}

/* tgt: the plain UNLOAD does nothing, so the eject retries with LOEJ; a
 * PREVENT of ours is lifted first; the eject is not reported as a change. */
static void test_eject_tape_tgt_quirk(void **state)
{
    (void)state;
    fake_t *f = fake_new(0x01, true, true);
    f->tgt_quirk = true;
    fx_t *fx = open_fx(f);
    WHY;
    assert_int_equal(fx->c->ops->lock(fx->c, true, why, sizeof why), 0);
    size_t before = f->ncdbs;
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), 0);
    assert_false(f->present);
    assert_int_equal(count_cdbs(f, before, 0x1e, 0x00), 1);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x00), 1);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x02), 1);
    assert_false(check(fx));
    assert_false(drive_full(fx));
    close_fx(fx);
}

static void test_eject_tape_plain_unload(void **state)
{
    (void)state;
    fake_t *f = fake_new(0x01, true, true);
    fx_t *fx = open_fx(f);
    size_t before = f->ncdbs;
    WHY;
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), 0);
    assert_false(f->present);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x00), 1);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x02), 0); /* a real drive needs no retry */

    before = f->ncdbs; /* an empty tape drive is left alone */
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), 0);
    assert_int_equal(count_cdbs(f, before, 0x1b, -1), 0);
    close_fx(fx);
}

static void test_eject_refused(void **state)
{
    (void)state;
    fake_t *f = fake_new(0x01, true, true);
    f->stuck = true;
    fx_t *fx = open_fx(f);
    WHY;
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA);
    assert_true(f->present);
    close_fx(fx);
}

static void test_eject_not_standalone(void **state)
{
    (void)state;
    static const changer_ops_t other = {.name = "other"};
    changer_t c = {.ops = &other, .name = "robot"};
    WHY;
    assert_int_equal(standalone_eject(&c, why, sizeof why), ERROR_NOT_SUPPORTED);
    assert_false(standalone_is(&c));
}

static void test_optical_drive(void **state)
{
    (void)state;
    fake_t *f = fake_new(0x05, true, true);
    fx_t *fx = open_fx(f);
    WHY;
    assert_true(drive_full(fx));
    uint8_t small[100];
    size_t got = 0;
    assert_int_equal(fx->d->ops->read_first_block(fx->d, small, sizeof small, &got, why, sizeof why), 0);
    assert_int_equal(got, sizeof small);
    assert_int_equal(small[99], 99);
    uint8_t *big = malloc(4096);
    assert_non_null(big);
    assert_int_equal(fx->d->ops->read_first_block(fx->d, big, 4096, &got, why, sizeof why), 0);
    assert_int_equal(got, 2048);
    free(big);
    assert_int_equal(fx->d->ops->rewind(fx->d, why, sizeof why), 0);

    size_t before = f->ncdbs;
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), 0);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x02), 1); /* START STOP UNIT, LOEJ */
    assert_false(f->present);
    assert_int_equal(fx->d->ops->load(fx->d, why, sizeof why), 0);
    assert_int_equal(count_cdbs(f, before, 0x1b, 0x03), 1);
    close_fx(fx);
}

static void test_refuses_other_devices(void **state)
{
    (void)state;
    static const struct {
        uint8_t pdt;
        bool removable;
    } bad[] = {{0x00, false}, {0x08, true}, {0x0d, false}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fake_t *f = fake_new(bad[i].pdt, bad[i].removable, false);
        changer_t *c = (changer_t *)f; /* poisoned: must come back NULL */
        drive_t *d = (drive_t *)f;
        WHY;
        assert_int_equal(standalone_open_transport(&f->base, "bad", &c, &d, why, sizeof why),
                         ERROR_INVALID_PARAMETER);
        assert_null(c);
        assert_null(d);
        assert_non_null(strstr(why, "not a removable-media drive"));
        assert_int_equal(f->closed, 1);
        free(f);
    }
    /* An RDX cartridge drive reports a removable direct-access device. */
    fx_t *fx = open_fx(fake_new(0x00, true, false));
    assert_false(drive_full(fx));
    close_fx(fx);
}

static void test_device_gone(void **state)
{
    (void)state;
    fx_t *fx = open_fx(fake_new(0x01, true, true));
    element_status_t s;
    bool changed;
    WHY;
    fx->f->fail = ERROR_DEVICE_NOT_AVAILABLE;
    assert_int_equal(fx->c->ops->status(fx->c, ELEM_DRIVE, &s, why, sizeof why), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(fx->c->ops->check(fx->c, &changed, why, sizeof why), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(standalone_eject(fx->c, why, sizeof why), ERROR_DEVICE_NOT_AVAILABLE);
    fx->f->fail = 0;
    assert_true(drive_full(fx));
    close_fx(fx);
}

/* The drive may be closed before the changer, and a library may be opened
 * without a drive. */
static void test_close_orders(void **state)
{
    (void)state;
    fake_t *f = fake_new(0x01, true, true);
    changer_t *c;
    drive_t *d;
    WHY;
    assert_int_equal(standalone_open_transport(&f->base, "sa", &c, &d, why, sizeof why), 0);
    d->ops->close(d);
    assert_int_equal(f->closed, 0);
    assert_true(drive_full(&(fx_t){.f = f, .c = c}));
    c->ops->close(c);
    assert_int_equal(f->closed, 1);

    f->closed = 0;
    assert_int_equal(standalone_open_transport(&f->base, "sa", &c, NULL, why, sizeof why), 0);
    c->ops->close(c);
    assert_int_equal(f->closed, 1);
    free(f);
}

static void test_open_bad_path(void **state)
{
    (void)state;
    changer_t *c;
    drive_t *d;
    WHY;
    assert_int_equal(standalone_open("/nonexistent/nst9", "x", &c, &d, why, sizeof why), ERROR_FILE_NOT_FOUND);
    assert_null(c);
    assert_non_null(strstr(why, "no SCSI generic node"));
    assert_int_equal(standalone_open("", "x", &c, &d, why, sizeof why), ERROR_INVALID_PARAMETER);
}

int main(void)
{
    scsi_set_retry_policy(3, 2, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_is_one_drive),
        cmocka_unit_test(test_status_follows_presence),
        cmocka_unit_test(test_check_reports_flips),
        cmocka_unit_test(test_check_sees_drive_unit_attention),
        cmocka_unit_test(test_no_robot),
        cmocka_unit_test(test_lock_is_prevent_allow),
        cmocka_unit_test(test_eject_tape_tgt_quirk),
        cmocka_unit_test(test_eject_tape_plain_unload),
        cmocka_unit_test(test_eject_refused),
        cmocka_unit_test(test_eject_not_standalone),
        cmocka_unit_test(test_optical_drive),
        cmocka_unit_test(test_refuses_other_devices),
        cmocka_unit_test(test_device_gone),
        cmocka_unit_test(test_close_orders),
        cmocka_unit_test(test_open_bad_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
