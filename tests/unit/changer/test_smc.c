/*
 * test_smc.c - the SMC backend against a small library model behind the
 * fake transport: element map from mode page 1Dh (or a scan), status in
 * chunks (also against tgt's habits: element count ignored, replies 8 bytes
 * short), the DVCID fallback, moves and their errors, refusals remembered,
 * UNIT ATTENTION seen by check(), and never READ ELEMENT STATUS type 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "changer/bytes.h"
#include "changer/scsi_cmd.h"
#include "changer/smc.h"
#include "fake_transport.h"

#define MAXE 64

typedef struct lib {
    uint8_t pdt;
    uint16_t first[5], count[5];
    bool full[5][MAXE];
    char tag[5][MAXE][12];
    uint16_t src[5][MAXE];
    bool reject_dvcid, ignore_count, short8, no_mode_sense, no_range_init;
    size_t id_len; /* DVCID identifier length (tgt: 34) */
    int ua_pending;
    int res_type0; /* READ ELEMENT STATUS with type 0 seen: must stay 0 */
} lib_t;

static lib_t lib;

static void lib_default(void)
{
    memset(&lib, 0, sizeof(lib));
    lib.pdt = 0x08;
    lib.first[1] = 1, lib.count[1] = 1;
    lib.first[2] = 1000, lib.count[2] = 40;
    lib.first[3] = 16, lib.count[3] = 2;
    lib.first[4] = 256, lib.count[4] = 2;
    for (int i = 0; i < 10; i++) {
        lib.full[2][i] = true;
        snprintf(lib.tag[2][i], sizeof(lib.tag[2][i]), "VL%04dL6", i + 1);
    }
}

/* Where address `a` is: type and index, or false. */
static bool locate(uint16_t a, int *type, int *idx)
{
    for (int t = 1; t <= 4; t++)
        if (a >= lib.first[t] && a < lib.first[t] + lib.count[t]) {
            *type = t;
            *idx = a - lib.first[t];
            return true;
        }
    return false;
}

static DWORD answer(scsi_result_t *res, uint8_t key, uint8_t asc, uint8_t ascq)
{
    fake_check_condition(res, key, asc, ascq);
    return ERROR_SUCCESS;
}

static size_t inquiry(const uint8_t *cdb, uint8_t *o)
{
    memset(o, 0, 96);
    if (cdb[1] & 1) {
        if (cdb[2] == 0x80) {
            o[1] = 0x80, o[3] = 12;
            memcpy(o + 4, "     LIB0001", 12);
            return 16;
        }
        o[1] = 0x83, o[3] = 12;
        memcpy(o + 4, "\x01\x03\x00\x08\x50\x01\x02\x03\x04\x05\x06\x07", 12);
        return 16;
    }
    o[0] = lib.pdt, o[1] = 0x80, o[2] = 5, o[4] = 31;
    memcpy(o + 8, "STK     L700            0104", 28);
    return 36;
}

static size_t mode_sense(const uint8_t *cdb, uint8_t *o)
{
    memset(o, 0, 64);
    uint8_t *p = o + 4;
    if ((cdb[2] & 0x3f) == 0x1d) {
        p[0] = 0x1d, p[1] = 0x12;
        for (int t = 1; t <= 4; t++) {
            static const int slot_of[5] = {0, 0, 1, 2, 3}; /* MT, ST, IE, DT order */
            put_be16(p + 2 + 4 * slot_of[t], lib.first[t]);
            put_be16(p + 4 + 4 * slot_of[t], lib.count[t]);
        }
    } else {
        p[0] = 0x1f, p[1] = 0x12;
        p[12] = 0x0f; /* claims exchange, like tgt */
    }
    o[0] = 3 + 20;
    return 24;
}

/* READ ELEMENT STATUS of one type, as a real library would build it, with
 * tgt's habits when asked for. */
static size_t read_element_status(const uint8_t *cdb, uint8_t *o, size_t cap)
{
    int type = cdb[1] & 0x0f;
    bool voltag = cdb[1] & 0x10, dvcid = cdb[6] & 1;
    uint16_t start = get_be16(cdb + 2), want = get_be16(cdb + 4);
    size_t alloc = get_be24(cdb + 7);
    assert_int_equal(alloc, cap); /* expected transfer length == allocation */
    size_t idl = lib.id_len ? lib.id_len : 34;
    size_t dl = 12 + (voltag ? 36 : 0) + (dvcid ? 4 + idl : 0);
    if (lib.short8 && voltag && !dvcid)
        dl += 4; /* tgt pads these to 52 bytes */
    static uint8_t r[65536];
    memset(r, 0, sizeof(r));
    size_t pos = 16, n = 0;
    for (int i = 0; i < lib.count[type]; i++) {
        uint16_t a = (uint16_t)(lib.first[type] + i);
        if (a < start || (!lib.ignore_count && n == want))
            continue;
        uint8_t *d = r + pos;
        put_be16(d, a);
        d[2] = lib.full[type][i] ? 1 : 0;
        if (lib.src[type][i]) {
            d[9] = 0x80;
            put_be16(d + 10, lib.src[type][i]);
        }
        if (voltag) {
            memset(d + 12, ' ', 32);
            memcpy(d + 12, lib.tag[type][i], strlen(lib.tag[type][i]));
        }
        if (dvcid && type == 4) {
            uint8_t *id = d + 12 + (voltag ? 36 : 0);
            id[0] = 2, id[3] = (uint8_t)idl;
            char text[40];
            snprintf(text, sizeof(text), "IBM     ULT3580-TD6     DRV%04d   ", (i + 2) % 10000);
            memset(id + 4, ' ', idl);
            memcpy(id + 4, text, 34);
        }
        pos += dl;
        n++;
    }
    r[8] = (uint8_t)type;
    r[9] = voltag ? 0x80 : 0;
    put_be16(r + 10, (uint16_t)dl);
    put_be24(r + 13, (uint32_t)(n * dl));
    put_be16(r + 2, (uint16_t)n);
    put_be24(r + 5, (uint32_t)(pos - 8));
    if (lib.short8)
        pos -= 8;
    size_t out = pos < alloc ? pos : alloc;
    memcpy(o, r, out);
    return out;
}

static DWORD move(const uint8_t *cdb, scsi_result_t *res)
{
    int st, si, dt, di;
    if (get_be16(cdb + 2) != lib.first[1])
        return answer(res, 5, 0x24, 0);
    if (!locate(get_be16(cdb + 4), &st, &si) || !locate(get_be16(cdb + 6), &dt, &di))
        return answer(res, 5, 0x21, 0x01);
    if (!lib.full[st][si])
        return answer(res, 5, 0x3b, 0x0e);
    if (lib.full[dt][di])
        return answer(res, 5, 0x3b, 0x0d);
    lib.full[dt][di] = true;
    lib.full[st][si] = false;
    memcpy(lib.tag[dt][di], lib.tag[st][si], sizeof(lib.tag[st][si]));
    lib.tag[st][si][0] = '\0';
    lib.src[dt][di] = get_be16(cdb + 4);
    return ERROR_SUCCESS;
}

static DWORD device(fake_transport_t *f, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t buf_len,
                    scsi_result_t *res)
{
    (void)f;
    (void)cdb_len;
    if (lib.ua_pending > 0) {
        lib.ua_pending--;
        return answer(res, 6, 0x28, 0x01); /* an operator used the mailslot */
    }
    uint8_t tmp[256];
    switch (cdb[0]) {
    case 0x00: return ERROR_SUCCESS;
    case 0x12: fake_reply(buf, buf_len, tmp, inquiry(cdb, tmp), res); return ERROR_SUCCESS;
    case 0x1a:
        if (lib.no_mode_sense)
            return answer(res, 5, 0x20, 0);
        fake_reply(buf, buf_len, tmp, mode_sense(cdb, tmp), res);
        return ERROR_SUCCESS;
    case 0xb8:
        if ((cdb[1] & 0x0f) == 0) {
            lib.res_type0++;
            return answer(res, 4, 0x44, 0);
        }
        if ((cdb[6] & 1) && lib.reject_dvcid)
            return answer(res, 5, 0x24, 0);
        res->transferred = read_element_status(cdb, buf, buf_len);
        return ERROR_SUCCESS;
    case 0xa5: return move(cdb, res);
    case 0x07: return ERROR_SUCCESS;
    case 0x37: return lib.no_range_init ? answer(res, 5, 0x20, 0) : ERROR_SUCCESS;
    default: return answer(res, 5, 0x20, 0); /* 5Ah, A3h, A6h, 2Bh, 1Eh ... */
    }
}

static fake_transport_t *fake;
static changer_t *chg;

static void open_lib(void)
{
    char why[256];
    fake = fake_transport_new(device, &lib);
    assert_non_null(fake);
    assert_int_equal(smc_open_transport(&fake->base, "lib1", &chg, why, sizeof(why)), ERROR_SUCCESS);
    assert_string_equal(chg->ops->name, "smc");
    assert_string_equal(chg->name, "lib1");
}

static int setup(void **state)
{
    (void)state;
    lib_default();
    scsi_set_retry_policy(5, 8, 0);
    smc_set_chunk(1000);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(lib.res_type0, 0);
    if (chg != NULL)
        chg->ops->close(chg);
    chg = NULL;
    return 0;
}

static void test_info(void **state)
{
    (void)state;
    open_lib();
    changer_info_t in;
    char why[256];
    assert_int_equal(chg->ops->info(chg, &in, why, sizeof(why)), ERROR_SUCCESS);
    assert_string_equal(in.vendor, "STK");
    assert_string_equal(in.product, "L700");
    assert_string_equal(in.serial, "LIB0001");
    assert_string_equal(in.identifier, "naa.5001020304050607");
    assert_int_equal(in.range[ELEM_SLOT].first, 1000);
    assert_int_equal(in.range[ELEM_SLOT].count, 40);
    assert_int_equal(in.range[ELEM_DRIVE].first, 256);
    assert_true(in.has_barcode_reader);
    assert_true(in.can_exchange); /* page 1Fh claims it ... */
    element_status_t st;
    assert_int_equal(chg->ops->exchange(chg, 1000, 1010, 1011, why, sizeof(why)), ERROR_NOT_SUPPORTED);
    assert_int_equal(chg->ops->info(chg, &in, why, sizeof(why)), ERROR_SUCCESS);
    assert_false(in.can_exchange); /* ... until the library refuses */
    assert_int_equal(chg->ops->status(chg, 0, &st, why, sizeof(why)), ERROR_INVALID_PARAMETER);
    assert_int_equal(chg->ops->status(chg, 5, &st, why, sizeof(why)), ERROR_INVALID_PARAMETER);
}

static void test_not_a_changer(void **state)
{
    (void)state;
    lib.pdt = 0x01;
    char why[256];
    fake = fake_transport_new(device, &lib);
    assert_int_equal(smc_open_transport(&fake->base, "lib1", &chg, why, sizeof(why)), ERROR_INVALID_PARAMETER);
    assert_null(chg);
    assert_non_null(strstr(why, "not a medium changer"));
}

/* Status of `type`, checked to be the whole range, ascending. */
static void expect_full_range(int type, element_status_t *st)
{
    char why[256];
    assert_int_equal(chg->ops->status(chg, type, st, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(st->n, lib.count[type]);
    for (size_t i = 0; i < st->n; i++) {
        assert_int_equal(st->v[i].address, lib.first[type] + i);
        assert_int_equal(st->v[i].type, type);
        assert_int_equal(st->v[i].full, lib.full[type][i]);
        assert_string_equal(st->v[i].voltag, lib.tag[type][i]);
    }
}

static void test_status_in_chunks(void **state)
{
    (void)state;
    open_lib();
    smc_set_chunk(7);
    element_status_t st;
    size_t before = fake->ncmds;
    expect_full_range(ELEM_SLOT, &st);
    assert_int_equal(fake_count(fake, 0xb8), 6); /* 40 slots, 7 at a time */
    for (size_t i = before; i < fake->ncmds; i++) {
        const fake_cmd_t *c = &fake->log[i];
        if (c->cdb[0] != 0xb8)
            continue;
        assert_int_equal(c->cdb[1], 0x10 | ELEM_SLOT); /* VOLTAG, type 2 */
        assert_int_equal(c->cdb[6], 0);                /* no DVCID for slots */
        assert_true(get_be16(c->cdb + 4) <= 7);
        assert_int_equal(get_be24(c->cdb + 7), c->buf_len);
    }
    element_status_free(&st);
}

/* tgt: the element count is ignored and every reply is 8 bytes short. */
static void test_status_tgt_habits(void **state)
{
    (void)state;
    lib.ignore_count = true;
    lib.short8 = true;
    for (int i = 0; i < lib.count[2]; i++) { /* tags everywhere, also where a chunk is cut */
        lib.full[2][i] = true;
        snprintf(lib.tag[2][i], sizeof(lib.tag[2][i]), "T%05dL6", i);
    }
    open_lib();
    smc_set_chunk(7);
    element_status_t st;
    expect_full_range(ELEM_SLOT, &st);
    element_status_free(&st);
    /* Drives: the last identifier arrives cut. */
    char why[256];
    assert_int_equal(chg->ops->status(chg, ELEM_DRIVE, &st, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(st.n, 2);
    assert_string_equal(st.v[0].device_id, "IBM     ULT3580-TD6     DRV0002");
    assert_true(st.v[1].id_truncated);
    assert_true(st.truncated);
    element_status_free(&st);
}

/* Identifiers far longer than the backend's estimate: it asks again with
 * room instead of keeping cut identifiers or giving up. */
static void test_large_descriptors(void **state)
{
    (void)state;
    lib.id_len = 250;
    open_lib();
    element_status_t st;
    char why[256];
    assert_int_equal(chg->ops->status(chg, ELEM_DRIVE, &st, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(st.n, 2);
    assert_string_equal(st.v[0].device_id, "IBM     ULT3580-TD6     DRV0002");
    assert_string_equal(st.v[1].device_id, "IBM     ULT3580-TD6     DRV0003");
    assert_false(st.v[0].id_truncated);
    assert_false(st.v[1].id_truncated);
    assert_true(fake_count(fake, 0xb8) >= 2);
    element_status_free(&st);
}

static void test_dvcid_fallback(void **state)
{
    (void)state;
    lib.reject_dvcid = true;
    open_lib();
    element_status_t st;
    char why[256];
    assert_int_equal(chg->ops->status(chg, ELEM_DRIVE, &st, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(st.n, 2);
    assert_string_equal(st.v[0].device_id, "");
    element_status_free(&st);
    size_t before = fake_count(fake, 0xb8);
    assert_int_equal(chg->ops->status(chg, ELEM_DRIVE, &st, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(fake_count(fake, 0xb8), before + 1); /* not asked with DVCID again */
    element_status_free(&st);
}

static void test_map_without_mode_page(void **state)
{
    (void)state;
    lib.no_mode_sense = true;
    open_lib();
    changer_info_t in;
    char why[256];
    assert_int_equal(chg->ops->info(chg, &in, why, sizeof(why)), ERROR_SUCCESS);
    for (int t = 1; t <= 4; t++) {
        assert_int_equal(in.range[t].first, lib.first[t]);
        assert_int_equal(in.range[t].count, lib.count[t]);
    }
}

static void test_move(void **state)
{
    (void)state;
    open_lib();
    char why[256];
    assert_int_equal(chg->ops->move(chg, 1000, 256, why, sizeof(why)), ERROR_SUCCESS);
    const fake_cmd_t *c = &fake->log[fake->ncmds - 1];
    assert_int_equal(c->cdb[0], 0xa5);
    assert_int_equal(get_be16(c->cdb + 2), 1); /* the picker from the map */
    element_status_t st;
    assert_int_equal(chg->ops->status(chg, ELEM_DRIVE, &st, why, sizeof(why)), ERROR_SUCCESS);
    element_t *e = element_find(&st, 256);
    assert_non_null(e);
    assert_true(e->full);
    assert_string_equal(e->voltag, "VL0001L6");
    assert_true(e->source_valid);
    assert_int_equal(e->source_address, 1000);
    element_status_free(&st);
    assert_int_equal(chg->ops->move(chg, 1001, 1002, why, sizeof(why)), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_non_null(strstr(why, "3b/0d"));
    assert_int_equal(chg->ops->move(chg, 1030, 1031, why, sizeof(why)), ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(chg->ops->move(chg, 1001, 9999, why, sizeof(why)), ERROR_INVALID_ADDRESS);
    assert_int_equal(chg->ops->lock(chg, true, why, sizeof(why)), ERROR_NOT_SUPPORTED);
    assert_int_equal(chg->ops->position(chg, 1001, why, sizeof(why)), ERROR_NOT_SUPPORTED);
    /* refused once: answered at once afterwards, the library is not asked */
    assert_int_equal(chg->ops->lock(chg, false, why, sizeof(why)), ERROR_NOT_SUPPORTED);
    assert_int_equal(fake_count(fake, 0x1e), 1);
}

static void test_check_sees_unit_attention(void **state)
{
    (void)state;
    open_lib();
    bool changed = true;
    char why[256];
    assert_int_equal(chg->ops->check(chg, &changed, why, sizeof(why)), ERROR_SUCCESS);
    assert_false(changed);
    lib.ua_pending = 1;
    assert_int_equal(chg->ops->check(chg, &changed, why, sizeof(why)), ERROR_SUCCESS);
    assert_true(changed);
    assert_int_equal(chg->ops->check(chg, &changed, why, sizeof(why)), ERROR_SUCCESS);
    assert_false(changed);
    /* A UA met by another command is reported by the next check. */
    lib.ua_pending = 1;
    assert_int_equal(chg->ops->move(chg, 1000, 1020, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(chg->ops->check(chg, &changed, why, sizeof(why)), ERROR_SUCCESS);
    assert_true(changed);
}

static void test_rescan(void **state)
{
    (void)state;
    lib.no_range_init = true;
    open_lib();
    char why[256];
    assert_int_equal(chg->ops->rescan(chg, 1000, 10, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(fake_count(fake, 0x37), 1);
    assert_int_equal(fake_count(fake, 0x07), 1); /* fell back to the whole library */
    assert_int_equal(chg->ops->rescan(chg, 1000, 10, why, sizeof(why)), ERROR_SUCCESS);
    assert_int_equal(fake_count(fake, 0x37), 1); /* refused once: not asked again */
    assert_int_equal(fake_count(fake, 0x07), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_info, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_changer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_in_chunks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_tgt_habits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_descriptors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dvcid_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_without_mode_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_sees_unit_attention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rescan, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
