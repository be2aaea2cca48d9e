/*
 * test_scsi_parse.c - INQUIRY, VPD pages 80h and 83h, REPORT SUPPORTED
 * OPERATION CODES and the string helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "changer/bytes.h"
#include "changer/scsi_parse.h"

/* What tgt answers for its changer LUN (vendor STK, product L700). */
static size_t tgt_inquiry(uint8_t *b)
{
    memset(b, 0, 96);
    b[0] = 0x08;
    b[1] = 0x80;
    b[2] = 0x05;
    b[4] = 91;
    memcpy(b + 8, "STK     ", 8);
    memcpy(b + 16, "L700            ", 16);
    memcpy(b + 32, "0104", 4);
    return 96;
}

static void test_inquiry(void **state)
{
    (void)state;
    uint8_t b[96];
    scsi_inquiry_t inq;
    size_t len = tgt_inquiry(b);
    assert_true(parse_inquiry(b, len, &inq));
    assert_int_equal(inq.pdt, 8);
    assert_int_equal(inq.qualifier, 0);
    assert_true(inq.removable);
    assert_string_equal(inq.vendor, "STK");
    assert_string_equal(inq.product, "L700");
    assert_string_equal(inq.revision, "0104");
    /* Cut inside the product field: what came is kept, the rest empty. */
    assert_true(parse_inquiry(b, 20, &inq));
    assert_string_equal(inq.vendor, "STK");
    assert_string_equal(inq.product, "L700");
    assert_string_equal(inq.revision, "");
    /* ADDITIONAL LENGTH shorter than the bytes: it wins. */
    b[4] = 11; /* ends after the vendor */
    assert_true(parse_inquiry(b, len, &inq));
    assert_string_equal(inq.vendor, "STK");
    assert_string_equal(inq.product, "");
    assert_false(parse_inquiry(b, 4, &inq));
    /* Qualifier 3: no device at this LUN. */
    b[0] = 0x7f;
    assert_true(parse_inquiry(b, len, &inq));
    assert_int_equal(inq.qualifier, 3);
    assert_int_equal(inq.pdt, 0x1f);
}

static void test_vpd_80(void **state)
{
    (void)state;
    /* tgt right-justifies the serial in a 36-byte field. */
    uint8_t b[4 + 36];
    b[0] = 0x01;
    b[1] = 0x80;
    put_be16(b + 2, 36);
    memset(b + 4, ' ', 36);
    memcpy(b + 4 + 29, "DRV0002", 7);
    char serial[65];
    assert_true(parse_vpd_80(b, sizeof(b), serial, sizeof(serial)));
    assert_string_equal(serial, "DRV0002");
    /* The page length is trusted only within the bytes received. */
    put_be16(b + 2, 200);
    assert_true(parse_vpd_80(b, sizeof(b), serial, sizeof(serial)));
    assert_string_equal(serial, "DRV0002");
    assert_true(parse_vpd_80(b, 4 + 32, serial, sizeof(serial)));
    assert_string_equal(serial, "DRV");
    /* Small destination: cut, terminated. */
    char small[4];
    assert_true(parse_vpd_80(b, sizeof(b), small, sizeof(small)));
    assert_string_equal(small, "DRV");
    /* Wrong page, empty serial, too short. */
    b[1] = 0x83;
    assert_false(parse_vpd_80(b, sizeof(b), serial, sizeof(serial)));
    assert_string_equal(serial, "");
    b[1] = 0x80;
    memset(b + 4, ' ', 36);
    assert_false(parse_vpd_80(b, sizeof(b), serial, sizeof(serial)));
    assert_false(parse_vpd_80(b, 3, serial, sizeof(serial)));
}

static size_t put_designator(uint8_t *p, uint8_t code_set, uint8_t assoc_type, const void *v, size_t n)
{
    p[0] = code_set;
    p[1] = assoc_type;
    p[2] = 0;
    p[3] = (uint8_t)n;
    memcpy(p + 4, v, n);
    return 4 + n;
}

static void test_vpd_83(void **state)
{
    (void)state;
    uint8_t b[256] = {0x08, 0x83};
    size_t pos = 4;
    pos += put_designator(b + pos, 2, 0x01, "STK     L700    LIB0001", 23);                  /* T10, LU */
    pos += put_designator(b + pos, 1, 0x13, "\x50\x01\x02\x03\x04\x05\x06\x07", 8);         /* NAA, port */
    pos += put_designator(b + pos, 1, 0x03, "\x30\x00\x00\x01\x00\x00\x00\x01", 8);         /* NAA, LU */
    put_be16(b + 2, (uint16_t)(pos - 4));
    char id[65];
    assert_true(parse_vpd_83(b, pos, id, sizeof(id)));
    assert_string_equal(id, "naa.3000000100000001");
    /* Without the last (LU NAA) designator: the T10 vendor ID, blanks collapsed. */
    size_t cut = pos - 12;
    assert_true(parse_vpd_83(b, cut, id, sizeof(id)));
    assert_string_equal(id, "t10.STK L700 LIB0001");
    /* A designator running past the end stops the walk. */
    b[4 + 3] = 200;
    assert_false(parse_vpd_83(b, pos, id, sizeof(id)));
    assert_string_equal(id, "");
    /* EUI-64 beats a SCSI name string; the name string is taken as is. */
    memset(b, 0, sizeof(b));
    b[1] = 0x83;
    pos = 4;
    pos += put_designator(b + pos, 3, 0x08, "iqn.2024-01.test:lib", 20);
    put_be16(b + 2, (uint16_t)(pos - 4));
    assert_true(parse_vpd_83(b, pos, id, sizeof(id)));
    assert_string_equal(id, "iqn.2024-01.test:lib");
    pos += put_designator(b + pos, 1, 0x02, "\x00\x11\x22\x33\x44\x55\x66\x77", 8);
    put_be16(b + 2, (uint16_t)(pos - 4));
    assert_true(parse_vpd_83(b, pos, id, sizeof(id)));
    assert_string_equal(id, "eui.0011223344556677");
    /* A tiny destination is still terminated. */
    char small[6];
    assert_true(parse_vpd_83(b, pos, small, sizeof(small)));
    assert_string_equal(small, "eui.");
}

static void test_copy_string(void **state)
{
    (void)state;
    char out[16];
    scsi_copy_string(out, sizeof(out), (const uint8_t *)"  AB C \0\0 ", 10);
    assert_string_equal(out, "AB C");
    scsi_copy_string(out, sizeof(out), (const uint8_t *)"x\x01y\xff", 4);
    assert_string_equal(out, "x?y?");
    scsi_copy_string(out, 3, (const uint8_t *)"ABCDEF", 6);
    assert_string_equal(out, "AB");
    scsi_copy_string(out, sizeof(out), (const uint8_t *)"", 0);
    assert_string_equal(out, "");
    scsi_strlcpy(out, 4, "ABCDEF");
    assert_string_equal(out, "ABC");
}

static void test_supported_opcodes(void **state)
{
    (void)state;
    uint8_t b[64] = {0};
    size_t pos = 4;
    uint8_t ops[] = {0xa5, 0xb8, 0x2b};
    for (size_t i = 0; i < sizeof(ops); i++, pos += 8) {
        b[pos] = ops[i];
        put_be16(b + pos + 6, 12);
    }
    b[4 + 2 * 8 + 5] = 0x02; /* CTDP: 12 more bytes follow the third */
    pos += 12;
    b[pos] = 0x37;
    pos += 8;
    put_be32(b, (uint32_t)(pos - 4));
    bool sup[256] = {false};
    assert_int_equal(parse_supported_opcodes(b, pos, sup), 4);
    assert_true(sup[0xa5]);
    assert_true(sup[0x2b]);
    assert_true(sup[0x37]);
    assert_false(sup[0xa6]);
    /* Bounded by the bytes received even if the header claims more. */
    bool sup2[256] = {false};
    assert_int_equal(parse_supported_opcodes(b, 4 + 8 + 3, sup2), 1);
    assert_int_equal(parse_supported_opcodes(b, 3, sup2), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inquiry),           cmocka_unit_test(test_vpd_80),
        cmocka_unit_test(test_vpd_83),            cmocka_unit_test(test_copy_string),
        cmocka_unit_test(test_supported_opcodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
