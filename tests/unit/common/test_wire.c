/*
 * test_wire.c - framing, packing, GUID and time conventions of common/wire.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "wire.h"

static const NTMS_GUID sample_guid = {
    0x01234567, 0x89ab, 0xcdef, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 }
};
static const char sample_text[] = "01234567-89ab-cdef-0011-223344556677";

/* ------------------------------------------------------------------------ */
/* Framing */

static void test_frame_length(void **state)
{
    static const uint32_t values[] = {
        0, 1, 0xff, 0x100, 0x01020304, RSM_WIRE_MAX_FRAME, 0xffffffffu,
    };
    uint8_t h[RSM_WIRE_HEADER];
    size_t i;

    (void)state;
    wire_put_length(h, 0x01020304);
    assert_int_equal(h[0], 0x01);
    assert_int_equal(h[1], 0x02);
    assert_int_equal(h[2], 0x03);
    assert_int_equal(h[3], 0x04);
    for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        wire_put_length(h, values[i]);
        assert_int_equal(wire_frame_length(h), values[i]);
    }
}

static void test_request_round_trip(void **state)
{
    Rsm__Request req = RSM__REQUEST__INIT, *back;
    Rsm__OpenSession open = RSM__OPEN_SESSION__INIT;
    uint8_t *frame;
    size_t len;

    (void)state;
    open.protocol_version = RSM_PROTOCOL_VERSION;
    open.application = "backup-tool";
    open.client_computer = "host1";
    open.has_client_pid = 1;
    open.client_pid = 4242;
    req.id = 0x1122334455667788ull;
    req.call_case = RSM__REQUEST__CALL_OPEN_SESSION;
    req.open_session = &open;

    assert_int_equal(wire_pack_request(&req, &frame, &len), 0);
    assert_non_null(frame);
    assert_true(len > RSM_WIRE_HEADER);
    assert_int_equal(wire_frame_length(frame), len - RSM_WIRE_HEADER);

    back = wire_unpack_request(frame + RSM_WIRE_HEADER, len - RSM_WIRE_HEADER);
    assert_non_null(back);
    assert_int_equal(back->id, 0x1122334455667788ull);
    assert_int_equal(back->call_case, RSM__REQUEST__CALL_OPEN_SESSION);
    assert_int_equal(back->open_session->protocol_version, RSM_PROTOCOL_VERSION);
    assert_string_equal(back->open_session->application, "backup-tool");
    assert_string_equal(back->open_session->client_computer, "host1");
    assert_true(back->open_session->has_client_pid);
    assert_int_equal(back->open_session->client_pid, 4242);
    rsm__request__free_unpacked(back, NULL);

    /* A frame cut short is malformed, not a shorter message. */
    assert_null(wire_unpack_request(frame + RSM_WIRE_HEADER, len - RSM_WIRE_HEADER - 1));
    free(frame);
}

static void test_response_round_trip(void **state)
{
    Rsm__Response resp = RSM__RESPONSE__INIT, *back;
    Rsm__EnumerateResult en = RSM__ENUMERATE_RESULT__INIT;
    uint8_t guids[32];
    uint8_t *frame;
    size_t len;

    (void)state;
    wire_guid_to_bytes(&sample_guid, guids);
    memset(guids + 16, 0xab, 16);
    en.count = 2;
    en.has_guids = 1;
    en.guids.data = guids;
    en.guids.len = sizeof(guids);
    resp.id = 7;
    resp.error = ERROR_INSUFFICIENT_BUFFER;
    resp.detail = "buffer holds 1 of 2";
    resp.result_case = RSM__RESPONSE__RESULT_ENUMERATE;
    resp.enumerate = &en;

    assert_int_equal(wire_pack_response(&resp, &frame, &len), 0);
    assert_int_equal(wire_frame_length(frame), len - RSM_WIRE_HEADER);
    back = wire_unpack_response(frame + RSM_WIRE_HEADER, len - RSM_WIRE_HEADER);
    free(frame);
    assert_non_null(back);
    assert_int_equal(back->id, 7);
    assert_int_equal(back->error, ERROR_INSUFFICIENT_BUFFER);
    assert_string_equal(back->detail, "buffer holds 1 of 2");
    assert_int_equal(back->result_case, RSM__RESPONSE__RESULT_ENUMERATE);
    assert_int_equal(back->enumerate->count, 2);
    assert_int_equal(back->enumerate->guids.len, 32);
    assert_memory_equal(back->enumerate->guids.data, guids, 32);
    rsm__response__free_unpacked(back, NULL);
}

/* A SetAttribute whose data makes the body exactly `target` bytes long. */
static size_t attribute_request(Rsm__Request *req, Rsm__SetAttribute *set, uint8_t *data,
                                size_t target)
{
    size_t packed;
    int i;

    rsm__request__init(req);
    rsm__set_attribute__init(set);
    set->guid.data = data;
    set->guid.len = 16;
    set->name = "BIG";
    set->data.data = data;
    set->data.len = target - 64;
    req->call_case = RSM__REQUEST__CALL_SET_ATTRIBUTE;
    req->set_attribute = set;
    /* The length varint of `data` may change size as it grows: settle in a
     * few steps. */
    for (i = 0; i < 4; i++) {
        packed = rsm__request__get_packed_size(req);
        set->data.len += target - packed;
    }
    return rsm__request__get_packed_size(req);
}

static void test_oversize_refused(void **state)
{
    Rsm__Request req;
    Rsm__SetAttribute set;
    uint8_t *data = calloc(1, RSM_WIRE_MAX_FRAME + 16);
    uint8_t *frame = (uint8_t *)&frame;
    size_t len = 99;

    (void)state;
    assert_non_null(data);
    /* Exactly the limit still goes out ... */
    assert_int_equal(attribute_request(&req, &set, data, RSM_WIRE_MAX_FRAME), RSM_WIRE_MAX_FRAME);
    assert_int_equal(wire_pack_request(&req, &frame, &len), 0);
    assert_int_equal(len, RSM_WIRE_HEADER + RSM_WIRE_MAX_FRAME);
    assert_int_equal(wire_frame_length(frame), RSM_WIRE_MAX_FRAME);
    free(frame);

    /* ... one byte more does not. */
    assert_int_equal(attribute_request(&req, &set, data, RSM_WIRE_MAX_FRAME + 1),
                     RSM_WIRE_MAX_FRAME + 1);
    assert_int_equal(wire_pack_request(&req, &frame, &len), ERROR_MESSAGE_EXCEEDS_MAX_SIZE);
    assert_null(frame);
    assert_int_equal(len, 0);
    free(data);
}

static void test_unpack_rejects(void **state)
{
    /* A varint eleven bytes long. */
    static const uint8_t garbage[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    };
    static const uint8_t no_id[] = { 0x5a, 0x00 }; /* close_session only */
    /* id = 1, then field number 0 spelled 0x80 0x00 (varint 5): at the top
     * level, and inside an OpenSession (protocol_version 1, then the same). */
    static const uint8_t field_zero[] = { 0x08, 0x01, 0x80, 0x00, 0x05 };
    static const uint8_t nested_zero[] = { 0x08, 0x01, 0x52, 0x05, 0x08, 0x01, 0x80, 0x00, 0x05 };
    static const uint8_t nested_ok[] = { 0x08, 0x01, 0x52, 0x05, 0x08, 0x01, 0xf8, 0x01, 0x05 };
    Rsm__Request *req;
    uint8_t one = 0;

    (void)state;
    assert_null(wire_unpack_request(garbage, sizeof(garbage)));
    assert_null(wire_unpack_response(garbage, sizeof(garbage)));
    /* Required fields missing. */
    assert_null(wire_unpack_request(NULL, 0));
    assert_null(wire_unpack_request(no_id, sizeof(no_id)));
    assert_null(wire_unpack_response(NULL, 0));
    /* Field number 0 is malformed even where protobuf-c lets it through;
     * an unknown but valid field (31) is not. */
    assert_null(wire_unpack_request(field_zero, sizeof(field_zero)));
    assert_null(wire_unpack_response(field_zero, sizeof(field_zero)));
    assert_null(wire_unpack_request(nested_zero, sizeof(nested_zero)));
    req = wire_unpack_request(nested_ok, sizeof(nested_ok));
    assert_non_null(req);
    assert_int_equal(req->open_session->protocol_version, 1);
    rsm__request__free_unpacked(req, NULL);
    /* The size check comes before any byte is read. */
    assert_null(wire_unpack_request(&one, (size_t)RSM_WIRE_MAX_FRAME + 1));
    assert_null(wire_unpack_response(&one, (size_t)RSM_WIRE_MAX_FRAME + 1));
}

/* ------------------------------------------------------------------------ */
/* GUIDs */

static void test_guid_bytes(void **state)
{
    static const uint8_t expect[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                                        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
    uint8_t bytes[16];
    NTMS_GUID g;
    ProtobufCBinaryData field;

    (void)state;
    wire_guid_to_bytes(&sample_guid, bytes);
    assert_memory_equal(bytes, expect, 16);
    memset(&g, 0x5a, sizeof(g));
    wire_guid_from_bytes(bytes, &g);
    assert_memory_equal(&g, &sample_guid, sizeof(g));

    field.data = bytes;
    field.len = 16;
    memset(&g, 0, sizeof(g));
    assert_int_equal(wire_guid_from_field(&field, 1, &g), 0);
    assert_memory_equal(&g, &sample_guid, sizeof(g));
    field.len = 15;
    assert_int_equal(wire_guid_from_field(&field, 1, &g), ERROR_INVALID_PARAMETER);
    field.len = 17;
    assert_int_equal(wire_guid_from_field(&field, 1, &g), ERROR_INVALID_PARAMETER);
    /* Absent or empty means GUID_NULL. */
    field.len = 16;
    assert_int_equal(wire_guid_from_field(&field, 0, &g), 0);
    assert_true(wire_guid_is_null(&g));
    field.len = 0;
    g = sample_guid;
    assert_int_equal(wire_guid_from_field(&field, 1, &g), 0);
    assert_true(wire_guid_is_null(&g));
    assert_false(wire_guid_is_null(&sample_guid));
}

static void test_guid_string(void **state)
{
    char text[37];
    NTMS_GUID g;

    (void)state;
    wire_guid_to_string(&sample_guid, text);
    assert_string_equal(text, sample_text);

    memset(&g, 0, sizeof(g));
    assert_int_equal(wire_guid_from_string(sample_text, &g), 0);
    assert_memory_equal(&g, &sample_guid, sizeof(g));
    memset(&g, 0, sizeof(g));
    assert_int_equal(wire_guid_from_string("{01234567-89AB-CDEF-0011-223344556677}", &g), 0);
    assert_memory_equal(&g, &sample_guid, sizeof(g));
    memset(&g, 0, sizeof(g));
    assert_int_equal(wire_guid_from_string("01234567-89aB-CdEf-0011-223344556677", &g), 0);
    assert_memory_equal(&g, &sample_guid, sizeof(g));
}

static void test_guid_string_rejects(void **state)
{
    static const char *const bad[] = {
        "",
        "01234567-89ab-cdef-0011-22334455667",    /* short */
        "01234567-89ab-cdef-0011-2233445566778",  /* long */
        "01234567089ab-cdef-0011-223344556677",   /* hyphen missing */
        "0123456-789ab-cdef-0011-223344556677",   /* hyphen misplaced */
        "01234567-89ab-cdef-0011-22334455667g",   /* not hex */
        "{01234567-89ab-cdef-0011-223344556677",  /* one brace */
        "01234567-89ab-cdef-0011-223344556677}",
        "(01234567-89ab-cdef-0011-223344556677)", /* wrong brackets */
        "{{01234567-89ab-cdef-0011-223344556677}}",
        " 01234567-89ab-cdef-0011-223344556677",
    };
    NTMS_GUID g;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_not_equal(wire_guid_from_string(bad[i], &g), 0);
    assert_int_not_equal(wire_guid_from_string(NULL, &g), 0);
}

/* ------------------------------------------------------------------------ */
/* Times */

static SYSTEMTIME st_of(WORD y, WORD mo, WORD dow, WORD d, WORD h, WORD mi, WORD s, WORD ms)
{
    SYSTEMTIME st = { y, mo, dow, d, h, mi, s, ms };
    return st;
}

static void assert_time_maps(SYSTEMTIME st, int64_t ms)
{
    SYSTEMTIME back;

    assert_int_equal(wire_time_from_systemtime(&st), ms);
    memset(&back, 0x5a, sizeof(back));
    wire_time_to_systemtime(ms, &back);
    assert_memory_equal(&back, &st, sizeof(st));
}

static void test_time_known_values(void **state)
{
    SYSTEMTIME zero, st;

    (void)state;
    memset(&zero, 0, sizeof(zero));
    assert_time_maps(zero, 0);
    /* One millisecond after the epoch, a Thursday, and one before it. */
    assert_time_maps(st_of(1970, 1, 4, 1, 0, 0, 0, 1), 1);
    assert_time_maps(st_of(1969, 12, 3, 31, 23, 59, 59, 999), -1);
    /* A leap day (Thursday) with milliseconds. */
    assert_time_maps(st_of(2024, 2, 4, 29, 12, 34, 56, 789), 1709210096789LL);
    assert_time_maps(st_of(2024, 3, 5, 1, 0, 0, 0, 0), 1709251200000LL);
    assert_time_maps(st_of(2000, 2, 2, 29, 0, 0, 0, 0), 951782400000LL);
    /* The SYSTEMTIME range ends; decoding clamps to them. */
    assert_time_maps(st_of(1601, 1, 1, 1, 0, 0, 0, 0), -11644473600000LL);
    assert_time_maps(st_of(30827, 12, 5, 31, 23, 59, 59, 999), 910670515199999LL);
    wire_time_to_systemtime(INT64_MAX, &st);
    assert_int_equal(st.wYear, 30827);
    assert_int_equal(st.wMilliseconds, 999);
    wire_time_to_systemtime(INT64_MIN, &st);
    assert_int_equal(st.wYear, 1601);
    assert_int_equal(st.wMonth, 1);
    assert_int_equal(st.wDay, 1);
    /* The day of week given on encode is not trusted. */
    st = st_of(2024, 2, 0, 29, 12, 34, 56, 789);
    assert_int_equal(wire_time_from_systemtime(&st), 1709210096789LL);
}

/* Every 7919th hour over about 120 years against the C library's gmtime. */
static void test_time_matches_gmtime(void **state)
{
    int64_t ms;
    int i;

    (void)state;
    for (i = 0; i < 140; i++) {
        time_t t = (time_t)(-1000000000LL + (int64_t)i * 7919 * 3600 * 3 + i);
        struct tm tm;
        SYSTEMTIME st;

        ms = (int64_t)t * 1000 + i;
        assert_non_null(gmtime_r(&t, &tm));
        wire_time_to_systemtime(ms, &st);
        assert_int_equal(st.wYear, tm.tm_year + 1900);
        assert_int_equal(st.wMonth, tm.tm_mon + 1);
        assert_int_equal(st.wDay, tm.tm_mday);
        assert_int_equal(st.wDayOfWeek, tm.tm_wday);
        assert_int_equal(st.wHour, tm.tm_hour);
        assert_int_equal(st.wMinute, tm.tm_min);
        assert_int_equal(st.wSecond, tm.tm_sec);
        assert_int_equal(st.wMilliseconds, i);
        assert_int_equal(wire_time_from_systemtime(&st), ms);
    }
}

static void test_time_now(void **state)
{
    int64_t now = wire_time_now_ms();
    int64_t t = (int64_t)time(NULL) * 1000;

    (void)state;
    assert_true(now >= t - 2000 && now <= t + 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_length),
        cmocka_unit_test(test_request_round_trip),
        cmocka_unit_test(test_response_round_trip),
        cmocka_unit_test(test_oversize_refused),
        cmocka_unit_test(test_unpack_rejects),
        cmocka_unit_test(test_guid_bytes),
        cmocka_unit_test(test_guid_string),
        cmocka_unit_test(test_guid_string_rejects),
        cmocka_unit_test(test_time_known_values),
        cmocka_unit_test(test_time_matches_gmtime),
        cmocka_unit_test(test_time_now),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
