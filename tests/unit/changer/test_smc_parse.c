/*
 * test_smc_parse.c - READ ELEMENT STATUS replies of many layouts (and the
 * broken ones real devices send), mode pages 1Dh and 1Fh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "changer/bytes.h"
#include "changer/scsi_parse.h"

/* ---- reply builder ----------------------------------------------------- */

typedef struct elem_spec {
    uint16_t address;
    uint8_t flags; /* byte 2 */
    uint16_t source;
    const char *voltag; /* NULL: blank tag */
    const char *devid;  /* NULL: no identifier */
    uint8_t code_set;   /* 2 ASCII unless set */
} elem_spec_t;

typedef struct page_spec {
    uint8_t type;
    bool pvol, avol, dvcid;
    uint8_t id_room; /* bytes reserved for the identifier when dvcid */
    uint8_t pad;     /* zero bytes at the end of each descriptor */
    const elem_spec_t *e;
    size_t n;
} page_spec_t;

static size_t desc_len(const page_spec_t *p)
{
    return 12 + (p->pvol ? 36 : 0) + (p->avol ? 36 : 0) + (p->dvcid ? 4u + p->id_room : 0) + p->pad;
}

static size_t put_desc(uint8_t *d, const page_spec_t *p, const elem_spec_t *e)
{
    size_t len = desc_len(p);
    memset(d, 0, len);
    put_be16(d, e->address);
    d[2] = e->flags;
    if (e->source != 0) {
        d[9] = 0x80;
        put_be16(d + 10, e->source);
    }
    size_t off = 12;
    if (p->pvol) {
        memset(d + off, ' ', 32);
        if (e->voltag != NULL)
            memcpy(d + off, e->voltag, strlen(e->voltag));
        off += 36;
    }
    if (p->avol) {
        memset(d + off, ' ', 32);
        memcpy(d + off, "ALT", 3);
        off += 36;
    }
    if (p->dvcid && e->devid != NULL) {
        size_t n = strlen(e->devid);
        d[off] = e->code_set ? e->code_set : 2;
        d[off + 3] = (uint8_t)n;
        memcpy(d + off + 4, e->devid, n);
    }
    return len;
}

/* A well-formed reply with the given pages; returns its length. */
static size_t build_reply(uint8_t *buf, const page_spec_t *pages, size_t npages)
{
    size_t pos = 8, total = 0;
    for (size_t i = 0; i < npages; i++) {
        const page_spec_t *p = &pages[i];
        uint8_t *h = buf + pos;
        memset(h, 0, 8);
        h[0] = p->type;
        h[1] = (uint8_t)((p->pvol ? 0x80 : 0) | (p->avol ? 0x40 : 0));
        put_be16(h + 2, (uint16_t)desc_len(p));
        put_be24(h + 5, (uint32_t)(desc_len(p) * p->n));
        pos += 8;
        for (size_t k = 0; k < p->n; k++)
            pos += put_desc(buf + pos, p, &p->e[k]);
        total += p->n;
    }
    memset(buf, 0, 8);
    put_be16(buf, npages > 0 && pages[0].n > 0 ? pages[0].e[0].address : 0);
    put_be16(buf + 2, (uint16_t)total);
    put_be24(buf + 5, (uint32_t)(pos - 8));
    return pos;
}

static uint8_t big[200000];

/* ---- element status ---------------------------------------------------- */

static void test_slots_without_voltag(void **state)
{
    (void)state;
    elem_spec_t e[] = {{.address = 1000, .flags = 0x09}, {.address = 1001}, {.address = 1002, .flags = 0x01, .source = 256}};
    page_spec_t p = {.type = 2, .e = e, .n = 3};
    size_t len = build_reply(big, &p, 1);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 3);
    assert_int_equal(st.n, 3);
    assert_false(st.truncated);
    assert_int_equal(st.v[0].address, 1000);
    assert_int_equal(st.v[0].type, ELEM_SLOT);
    assert_true(st.v[0].full);
    assert_true(st.v[0].access);
    assert_false(st.v[1].full);
    assert_false(st.v[0].has_voltag);
    assert_true(st.v[2].source_valid);
    assert_int_equal(st.v[2].source_address, 256);
    assert_string_equal(st.v[2].device_id, "");
    element_status_free(&st);
    assert_null(st.v);
}

static void test_voltag_trimmed(void **state)
{
    (void)state;
    elem_spec_t e[] = {{.address = 1, .flags = 1, .voltag = "VL0001L6"}, {.address = 2}, {.address = 3, .flags = 1, .voltag = "A B"}};
    page_spec_t p = {.type = 2, .pvol = true, .e = e, .n = 3};
    size_t len = build_reply(big, &p, 1);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 3);
    assert_true(st.v[0].has_voltag);
    assert_string_equal(st.v[0].voltag, "VL0001L6");
    assert_false(st.v[1].has_voltag);
    assert_string_equal(st.v[1].voltag, "");
    assert_string_equal(st.v[2].voltag, "A B"); /* inner blank kept */
    element_status_free(&st);
}

static void test_drives_with_dvcid(void **state)
{
    (void)state;
    elem_spec_t e[] = {
        {.address = 256, .devid = "IBM     ULT3580-TD6     DRV0002   "},
        {.address = 257, .flags = 1, .voltag = "VL0003L6", .source = 1002, .devid = "IBM     ULT3580-TD6     DRV0003   "},
    };
    page_spec_t p = {.type = 4, .pvol = true, .dvcid = true, .id_room = 34, .e = e, .n = 2};
    size_t len = build_reply(big, &p, 1);
    assert_int_equal(len, 8 + 8 + 2 * 86); /* tgt's 86-byte descriptor */
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 2);
    assert_string_equal(st.v[0].device_id, "IBM     ULT3580-TD6     DRV0002");
    assert_false(st.v[0].id_truncated);
    assert_string_equal(st.v[1].voltag, "VL0003L6");
    assert_int_equal(st.v[1].source_address, 1002);
    assert_false(st.truncated);
    element_status_free(&st);
}

static void test_both_voltags_and_binary_id(void **state)
{
    (void)state;
    elem_spec_t e[] = {{.address = 500, .flags = 1, .voltag = "P1", .devid = "\x50\x05\x07\x63", .code_set = 1}};
    page_spec_t p = {.type = 4, .pvol = true, .avol = true, .dvcid = true, .id_room = 8, .e = e, .n = 1};
    size_t len = build_reply(big, &p, 1);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 1);
    assert_string_equal(st.v[0].voltag, "P1");
    assert_string_equal(st.v[0].device_id, "50050763"); /* binary shown in hex */
    element_status_free(&st);
}

static void test_bits(void **state)
{
    (void)state;
    elem_spec_t ports[] = {{.address = 16, .flags = 0x01 | 0x02 | 0x08}, {.address = 17, .flags = 0x04}};
    elem_spec_t slots[] = {{.address = 1000, .flags = 0x02}};
    page_spec_t p[] = {{.type = 3, .e = ports, .n = 2}, {.type = 2, .e = slots, .n = 1}};
    size_t len = build_reply(big, p, 2);
    big[8 + 8 + 12 + 4] = 0x3b; /* port 17: ASC/ASCQ of its exception */
    big[8 + 8 + 12 + 5] = 0x12;
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 3);
    assert_true(st.v[0].impexp);
    assert_true(st.v[0].access);
    assert_true(st.v[0].full);
    assert_true(st.v[1].except);
    assert_int_equal(st.v[1].asc, 0x3b);
    assert_int_equal(st.v[1].ascq, 0x12);
    assert_false(st.v[2].impexp); /* ImpExp means nothing on a slot */
    element_status_free(&st);
}

/* One reply with a 4-drive, 2-port, 1000-slot page set. */
static void test_large_library(void **state)
{
    (void)state;
    static elem_spec_t slots[1000];
    elem_spec_t drives[4], ports[2];
    static char tags[1000][9];
    for (int i = 0; i < 1000; i++) {
        snprintf(tags[i], sizeof(tags[i]), "S%05dL6", i);
        slots[i] = (elem_spec_t){.address = (uint16_t)(4096 + i), .flags = (uint8_t)(i % 3 == 0), .voltag = tags[i]};
    }
    for (int i = 0; i < 4; i++)
        drives[i] = (elem_spec_t){.address = (uint16_t)(256 + i), .devid = "VENDOR  PRODUCT         SERIAL"};
    for (int i = 0; i < 2; i++)
        ports[i] = (elem_spec_t){.address = (uint16_t)(16 + i)};
    page_spec_t p[] = {{.type = 4, .pvol = true, .dvcid = true, .id_room = 32, .e = drives, .n = 4},
                       {.type = 3, .pvol = true, .e = ports, .n = 2},
                       {.type = 2, .pvol = true, .e = slots, .n = 1000}};
    size_t len = build_reply(big, p, 3);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 1006);
    assert_int_equal(st.v[0].type, ELEM_DRIVE);
    assert_int_equal(st.v[4].type, ELEM_PORT);
    assert_int_equal(st.v[6].type, ELEM_SLOT);
    assert_int_equal(st.v[1005].address, 4096 + 999);
    assert_string_equal(st.v[1005].voltag, "S00999L6");
    assert_true(st.v[6].full);
    assert_false(st.v[7].full);
    assert_non_null(element_find(&st, 4096 + 500));
    assert_null(element_find(&st, 9));
    element_status_free(&st);
}

/* tgt: the report leaves out the page header, so the last 8 bytes of the
 * last descriptor never come. The drive is kept, its identifier marked cut. */
static void test_tgt_short_reply_drives(void **state)
{
    (void)state;
    elem_spec_t e[] = {{.address = 256, .devid = "IBM     ULT3580-TD6     DRV0002   "},
                       {.address = 257, .devid = "IBM     ULT3580-TD6     DRV0003   "}};
    page_spec_t p = {.type = 4, .pvol = true, .dvcid = true, .id_room = 34, .e = e, .n = 2};
    size_t len = build_reply(big, &p, 1) - 8;
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 2);
    assert_true(st.truncated);
    assert_false(st.v[0].id_truncated);
    assert_true(st.v[1].id_truncated);
    assert_string_equal(st.v[1].device_id, "IBM     ULT3580-TD6     DR");
    element_status_free(&st);
}

/* The same cut on a slot page only eats the voltag's padding: all kept. */
static void test_tgt_short_reply_slots(void **state)
{
    (void)state;
    elem_spec_t e[] = {{.address = 1000, .flags = 1, .voltag = "VL0001L6"}, {.address = 1001, .flags = 1, .voltag = "VL0002L6"}};
    page_spec_t p = {.type = 2, .pvol = true, .pad = 4, .e = e, .n = 2}; /* tgt: 52-byte descriptors */
    size_t len = build_reply(big, &p, 1) - 8;
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 2);
    assert_string_equal(st.v[1].voltag, "VL0002L6");
    assert_true(st.v[1].full);
    element_status_free(&st);
}

static void test_zero_and_tiny_replies(void **state)
{
    (void)state;
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, 0, &st), 0);
    assert_false(st.truncated);
    assert_int_equal(parse_element_status(NULL, 0, &st), 0);
    assert_int_equal(parse_element_status(big, 5, &st), 0);
    assert_true(st.truncated);
    assert_int_equal(st.n, 0);
    element_status_free(&st);
}

static void test_header_claims_more(void **state)
{
    (void)state;
    elem_spec_t e[10];
    for (int i = 0; i < 10; i++)
        e[i] = (elem_spec_t){.address = (uint16_t)(100 + i), .flags = 1, .voltag = "TAPE"};
    page_spec_t p = {.type = 2, .pvol = true, .e = e, .n = 10};
    build_reply(big, &p, 1);
    size_t len = 8 + 8 + 3 * 48 + 20; /* 3 whole descriptors and the start of a fourth */
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 4);
    assert_true(st.truncated);
    assert_int_equal(st.v[2].address, 102);
    assert_string_equal(st.v[2].voltag, "TAPE");
    /* The fourth: fixed part whole, tag cut: kept, tag unknown, not blank. */
    assert_int_equal(st.v[3].address, 103);
    assert_true(st.v[3].full);
    assert_true(st.v[3].voltag_truncated);
    assert_false(st.v[3].has_voltag);
    assert_false(st.v[2].voltag_truncated);
    element_status_free(&st);
    /* Cut inside the fixed part: dropped. */
    assert_int_equal(parse_element_status(big, 8 + 8 + 48 + 11, &st), 1);
    element_status_free(&st);
}

static void test_descriptor_length_zero(void **state)
{
    (void)state;
    uint8_t r[64] = {0};
    put_be24(r + 5, 56);
    r[8] = 2;
    put_be16(r + 10, 0); /* descriptor length 0 */
    put_be24(r + 13, 48);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(r, sizeof(r), &st), 0);
    put_be16(r + 10, 11); /* shorter than the fixed part */
    assert_int_equal(parse_element_status(r, sizeof(r), &st), 0);
    assert_int_equal(st.n, 0);
    element_status_free(&st);
}

static void test_unknown_page_skipped(void **state)
{
    (void)state;
    elem_spec_t a[] = {{.address = 1}}, b[] = {{.address = 2000, .flags = 1}};
    page_spec_t p[] = {{.type = 7, .e = a, .n = 1}, {.type = 2, .e = b, .n = 1}};
    size_t len = build_reply(big, p, 2);
    element_status_t st = {0};
    assert_int_equal(parse_element_status(big, len, &st), 1);
    assert_int_equal(st.v[0].address, 2000);
    element_status_free(&st);
}

/* Bytes from a deterministic generator: never read out of bounds (ASan),
 * never more elements than the bytes can hold. */
static void test_garbage(void **state)
{
    (void)state;
    uint32_t x = 12345;
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(round % 700);
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            big[i] = (uint8_t)(x >> 16);
        }
        uint8_t *copy = malloc(len > 0 ? len : 1);
        memcpy(copy, big, len);
        element_status_t st = {0};
        int n = parse_element_status(copy, len, &st);
        assert_true(n >= 0);
        assert_true((size_t)n <= len / 12);
        element_status_free(&st);
        free(copy);
    }
}

/* ---- mode pages -------------------------------------------------------- */

static const uint8_t page_1d[] = {0x1d, 0x12, 0x00, 0x01, 0x00, 0x01, 0x03, 0xe8, 0x00, 0x14,
                                  0x00, 0x10, 0x00, 0x02, 0x01, 0x00, 0x00, 0x02, 0x00, 0x00};

static void test_mode_page_1d(void **state)
{
    (void)state;
    /* MODE SENSE(6) reply: header with an 8-byte block descriptor, a page
     * 0x1a first, then 1Dh. */
    uint8_t r[64] = {0};
    size_t pos = 4 + 8;
    r[3] = 8;
    r[pos] = 0x1a;
    r[pos + 1] = 2;
    pos += 4;
    memcpy(r + pos, page_1d, sizeof(page_1d));
    pos += sizeof(page_1d);
    r[0] = (uint8_t)(pos - 1);
    size_t plen = 0;
    const uint8_t *p = mode_page_find(r, pos, false, 0x1d, &plen);
    assert_non_null(p);
    assert_int_equal(plen, 20);
    changer_info_t in = {0};
    assert_true(parse_mode_page_1d(p, plen, &in));
    assert_int_equal(in.range[ELEM_TRANSPORT].first, 1);
    assert_int_equal(in.range[ELEM_TRANSPORT].count, 1);
    assert_int_equal(in.range[ELEM_SLOT].first, 1000);
    assert_int_equal(in.range[ELEM_SLOT].count, 20);
    assert_int_equal(in.range[ELEM_PORT].first, 16);
    assert_int_equal(in.range[ELEM_PORT].count, 2);
    assert_int_equal(in.range[ELEM_DRIVE].first, 256);
    assert_int_equal(in.range[ELEM_DRIVE].count, 2);
    assert_false(parse_mode_page_1d(p, 17, &in));
    assert_null(mode_page_find(r, pos, false, 0x1f, &plen));
    /* The same page in a MODE SENSE(10) reply without block descriptors. */
    uint8_t r10[64] = {0};
    memcpy(r10 + 8, page_1d, sizeof(page_1d));
    put_be16(r10, (uint16_t)(8 + sizeof(page_1d) - 2));
    assert_non_null(mode_page_find(r10, 8 + sizeof(page_1d), true, 0x1d, &plen));
    /* A reply cut inside the page: the length is bounded, the parse refuses. */
    p = mode_page_find(r, 4 + 8 + 4 + 10, false, 0x1d, &plen);
    assert_non_null(p);
    assert_int_equal(plen, 10);
    assert_false(parse_mode_page_1d(p, plen, &in));
}

static void test_mode_page_1f(void **state)
{
    (void)state;
    uint8_t p[20] = {0x1f, 0x12, 0x0f, 0x07, 0x0f, 0x0f, 0x0f, 0x0f};
    changer_info_t in = {0};
    assert_true(parse_mode_page_1f(p, sizeof(p), &in));
    assert_false(in.can_exchange);
    p[13] = 0x02; /* storage <-> storage exchange */
    assert_true(parse_mode_page_1f(p, sizeof(p), &in));
    assert_true(in.can_exchange);
    assert_false(parse_mode_page_1f(p, 15, &in));
    p[0] = 0x1d;
    assert_false(parse_mode_page_1f(p, sizeof(p), &in));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slots_without_voltag),
        cmocka_unit_test(test_voltag_trimmed),
        cmocka_unit_test(test_drives_with_dvcid),
        cmocka_unit_test(test_both_voltags_and_binary_id),
        cmocka_unit_test(test_bits),
        cmocka_unit_test(test_large_library),
        cmocka_unit_test(test_tgt_short_reply_drives),
        cmocka_unit_test(test_tgt_short_reply_slots),
        cmocka_unit_test(test_zero_and_tiny_replies),
        cmocka_unit_test(test_header_claims_more),
        cmocka_unit_test(test_descriptor_length_zero),
        cmocka_unit_test(test_unknown_page_skipped),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_mode_page_1d),
        cmocka_unit_test(test_mode_page_1f),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
