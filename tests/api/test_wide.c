/*
 * test_wide.c - librsm's own UTF-8 <-> wchar_t converter (lib/text.c) and
 * the NTMS_OBJECTINFORMATION A <-> W tables (lib/objinfo_w.c), compiled in
 * directly since neither is exported. No service needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "rsm_internal.h"

/* objinfo_w.c reports through rsm_log, which lives in session.c. */
void rsm_log(const char *fmt, ...)
{
    (void)fmt;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* text.c */

static void expect_utf8_to_wide(const char *in, const wchar_t *expected)
{
    wchar_t out[64];
    size_t needed;

    assert_int_equal(text_utf8_to_wide(in, SIZE_MAX, out, COUNT(out), &needed), 0);
    assert_true(wcscmp(out, expected) == 0);
    assert_int_equal(needed, wcslen(expected) + 1);
}

static void expect_wide_to_utf8(const wchar_t *in, const char *expected)
{
    char out[64];
    size_t needed;

    assert_int_equal(text_wide_to_utf8(in, SIZE_MAX, out, sizeof(out), &needed), 0);
    assert_string_equal(out, expected);
    assert_int_equal(needed, strlen(expected) + 1);
}

static void test_valid_text(void **state)
{
    static const struct { const char *utf8; const wchar_t *wide; } cases[] = {
        { "", L"" },
        { "Free\\LTO", L"Free\\LTO" },
        { "Sauvegarde-\xc3\xa9t\xc3\xa9", L"Sauvegarde-\u00e9t\u00e9" },
        { "\xe6\x97\xa5\xe6\x9c\xac", L"\u65e5\u672c" },
        { "\xf0\x9f\x92\xbe disk", L"\U0001F4BE disk" },
        { "\xf4\x8f\xbf\xbf", L"\U0010FFFF" },
        { "\xef\xbf\xbf", L"\uFFFF" },
    };

    (void)state;
    for (size_t i = 0; i < COUNT(cases); i++) {
        expect_utf8_to_wide(cases[i].utf8, cases[i].wide);
        expect_wide_to_utf8(cases[i].wide, cases[i].utf8);
    }
    /* A UTF-16 surrogate pair in a wide string is one character. */
    const wchar_t pair[] = { L'a', (wchar_t)0xD83D, (wchar_t)0xDCBE, 0 };
    expect_wide_to_utf8(pair, "a\xf0\x9f\x92\xbe");
}

static void test_invalid_utf8(void **state)
{
    static const char *const bad[] = {
        "\x80",             /* stray continuation byte */
        "a\xc3",            /* truncated two-byte sequence */
        "\xe2\x82",         /* truncated three-byte sequence */
        "\xc0\x80",         /* overlong NUL */
        "\xc1\xbf",         /* overlong */
        "\xe0\x80\xaf",     /* overlong */
        "\xf0\x80\x80\xaf", /* overlong */
        "\xed\xa0\x80",     /* a surrogate, U+D800 */
        "\xed\xbf\xbf",     /* a surrogate, U+DFFF */
        "\xf4\x90\x80\x80", /* U+110000 */
        "\xf8\x88\x80\x80\x80",
        "\xff",
        "ok\xc3\x28",       /* a non-continuation after a lead byte */
    };
    wchar_t out[16];
    size_t needed;

    (void)state;
    for (size_t i = 0; i < COUNT(bad); i++)
        assert_int_equal(text_utf8_to_wide(bad[i], SIZE_MAX, out, COUNT(out), &needed),
                         ERROR_INVALID_PARAMETER);
}

static void test_invalid_wide(void **state)
{
    static const wchar_t bad[][4] = {
        { (wchar_t)0xD800, 0 },               /* lone high surrogate */
        { (wchar_t)0xD800, L'x', 0 },         /* high surrogate, no low */
        { (wchar_t)0xDC00, 0 },               /* lone low surrogate */
        { L'a', (wchar_t)0xDFFF, (wchar_t)0xD800, 0 }, /* reversed pair */
        { (wchar_t)0x110000, 0 },             /* beyond Unicode */
        { (wchar_t)-1, 0 },
    };
    char out[16], *dup;
    size_t needed;

    (void)state;
    for (size_t i = 0; i < COUNT(bad); i++) {
        assert_int_equal(text_wide_to_utf8(bad[i], SIZE_MAX, out, sizeof(out), &needed),
                         ERROR_INVALID_PARAMETER);
        assert_int_equal(text_wide_to_utf8_dup(bad[i], &dup), ERROR_INVALID_PARAMETER);
        assert_null(dup);
    }
}

static void test_sizes_and_bounds(void **state)
{
    const wchar_t *w = L"\u00e9t\u00e9"; /* 3 characters, 5 bytes of UTF-8 */
    char out[8], *dup;
    wchar_t wout[8];
    size_t needed;

    (void)state;
    /* Measuring, and a buffer one unit short: the needed size comes back. */
    assert_int_equal(text_wide_to_utf8(w, SIZE_MAX, NULL, 0, &needed), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(needed, 6);
    assert_int_equal(text_wide_to_utf8(w, SIZE_MAX, out, 5, &needed), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(needed, 6);
    assert_int_equal(text_wide_to_utf8(w, SIZE_MAX, out, 6, &needed), 0);
    assert_int_equal(text_utf8_to_wide(out, SIZE_MAX, NULL, 0, &needed),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(needed, 4);
    assert_int_equal(text_utf8_to_wide(out, SIZE_MAX, wout, 3, &needed),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(text_utf8_to_wide(out, SIZE_MAX, wout, 4, &needed), 0);
    assert_true(wcscmp(wout, w) == 0);

    /* A fixed array without a terminator is read only up to its size, and a
     * multi-byte character cut by that bound is not valid text. */
    const char unterminated[4] = { 'a', 'b', 'c', 'd' };
    assert_int_equal(text_utf8_to_wide(unterminated, 4, wout, COUNT(wout), &needed), 0);
    assert_true(wcscmp(wout, L"abcd") == 0);
    const char cut[3] = { 'a', '\xc3', '\xa9' };
    assert_int_equal(text_utf8_to_wide(cut, 2, wout, COUNT(wout), &needed),
                     ERROR_INVALID_PARAMETER);
    const wchar_t wunterminated[2] = { L'x', L'y' };
    assert_int_equal(text_wide_to_utf8(wunterminated, 2, out, sizeof(out), &needed), 0);
    assert_string_equal(out, "xy");

    assert_int_equal(text_wide_to_utf8_dup(NULL, &dup), 0);
    assert_null(dup);
    assert_int_equal(text_wide_to_utf8_dup(w, &dup), 0);
    assert_string_equal(dup, "\xc3\xa9t\xc3\xa9");
    free(dup);
}

/* ------------------------------------------------------------------------ */
/* objinfo_w.c: each string field converted, the plain fields around the
 * strings (whose offsets differ between A and W) copied. */

#define EACUTE "\xc3\xa9"

/* A -> W -> A; checks the W side with `check_w`, then that the round trip
 * gives back every named field (the caller compares). */
static void round_trip(const NTMS_OBJECTINFORMATIONA *a, NTMS_OBJECTINFORMATIONW *w,
                       NTMS_OBJECTINFORMATIONA *back)
{
    assert_int_equal(objinfo_a_to_w(a, w), 0);
    assert_int_equal(w->dwSize, sizeof(*w));
    assert_int_equal(w->dwType, a->dwType);
    assert_true(memcmp(&w->ObjectGuid, &a->ObjectGuid, sizeof(NTMS_GUID)) == 0);
    assert_int_equal(w->Modified.wYear, a->Modified.wYear);
    assert_int_equal(w->dwOperationalState, a->dwOperationalState);
    assert_true(wcscmp(w->szName, L"n\u00e9") == 0);
    assert_true(wcscmp(w->szDescription, L"d\u00e9") == 0);
    assert_int_equal(objinfo_w_to_a(w, back), 0);
    assert_int_equal(back->dwSize, sizeof(*back));
    assert_string_equal(back->szName, "n" EACUTE);
    assert_string_equal(back->szDescription, "d" EACUTE);
}

static void init_a(NTMS_OBJECTINFORMATIONA *a, DWORD type)
{
    memset(a, 0, sizeof(*a));
    a->dwSize = sizeof(*a);
    a->dwType = type;
    memset(&a->ObjectGuid, 0x3c, sizeof(a->ObjectGuid));
    a->Modified.wYear = 2024;
    a->dwOperationalState = 7;
    strcpy(a->szName, "n" EACUTE);
    strcpy(a->szDescription, "d" EACUTE);
}

static void test_objinfo_drive(void **state)
{
    NTMS_OBJECTINFORMATIONA a, back;
    NTMS_OBJECTINFORMATIONW w;

    (void)state;
    init_a(&a, NTMS_DRIVE);
    a.Info.Drive.Number = 3;
    strcpy(a.Info.Drive.szDeviceName, "/dev/nst0");
    strcpy(a.Info.Drive.szSerialNumber, "S" EACUTE);
    strcpy(a.Info.Drive.szRevision, "R1");
    a.Info.Drive.ScsiLun = 5;
    a.Info.Drive.LastCleanedTs.wMonth = 11;
    memset(&a.Info.Drive.Library, 0x4d, sizeof(NTMS_GUID));
    a.Info.Drive.dwDeferDismountDelay = 300;
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.Drive.szDeviceName, L"/dev/nst0") == 0);
    assert_true(wcscmp(w.Info.Drive.szSerialNumber, L"S\u00e9") == 0);
    assert_true(wcscmp(w.Info.Drive.szRevision, L"R1") == 0);
    assert_int_equal(w.Info.Drive.ScsiLun, 5);
    assert_int_equal(w.Info.Drive.LastCleanedTs.wMonth, 11);
    assert_int_equal(w.Info.Drive.dwDeferDismountDelay, 300);
    assert_true(memcmp(&back.Info.Drive, &a.Info.Drive, sizeof(a.Info.Drive)) == 0);
}

static void test_objinfo_media_and_requests(void **state)
{
    NTMS_OBJECTINFORMATIONA a, back;
    NTMS_OBJECTINFORMATIONW w;

    (void)state;
    init_a(&a, NTMS_PHYSICAL_MEDIA);
    strcpy(a.Info.PhysicalMedia.szBarCode, "BC" EACUTE);
    strcpy(a.Info.PhysicalMedia.szSequenceNumber, "7");
    a.Info.PhysicalMedia.BarCodeState = 1;
    memset(&a.Info.PhysicalMedia.MountedPartition, 0x21, sizeof(NTMS_GUID));
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.PhysicalMedia.szBarCode, L"BC\u00e9") == 0);
    assert_int_equal(w.Info.PhysicalMedia.BarCodeState, 1);
    assert_true(memcmp(&back.Info.PhysicalMedia, &a.Info.PhysicalMedia,
                       sizeof(a.Info.PhysicalMedia)) == 0);

    init_a(&a, NTMS_PARTITION);
    a.Info.Partition.dwOmidLabelIdLength = 3;
    memcpy(a.Info.Partition.OmidLabelId, "\x01\x02\x03", 3);
    strcpy(a.Info.Partition.szOmidLabelType, "MTF");
    strcpy(a.Info.Partition.szOmidLabelInfo, "info " EACUTE);
    a.Info.Partition.Capacity.QuadPart = 12345678901234LL;
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.Partition.szOmidLabelInfo, L"info \u00e9") == 0);
    assert_int_equal(w.Info.Partition.Capacity.QuadPart, 12345678901234LL);
    assert_true(memcmp(back.Info.Partition.OmidLabelId, "\x01\x02\x03", 3) == 0);
    assert_true(memcmp(&back.Info.Partition, &a.Info.Partition, sizeof(a.Info.Partition)) == 0);

    init_a(&a, NTMS_LIBREQUEST);
    strcpy(a.Info.LibRequest.szApplication, "app");
    strcpy(a.Info.LibRequest.szUser, "us" EACUTE "r");
    strcpy(a.Info.LibRequest.szComputer, "host");
    a.Info.LibRequest.dwErrorCode = 4312;
    a.Info.LibRequest.dwPriority = 9;
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.LibRequest.szUser, L"us\u00e9r") == 0);
    assert_int_equal(w.Info.LibRequest.dwPriority, 9);
    assert_true(memcmp(&back.Info.LibRequest, &a.Info.LibRequest,
                       sizeof(a.Info.LibRequest)) == 0);

    init_a(&a, NTMS_OPREQUEST);
    strcpy(a.Info.OpRequest.szMessage, "insert " EACUTE);
    strcpy(a.Info.OpRequest.szComputer, "host");
    a.Info.OpRequest.Arg2Type = NTMS_LIBRARY;
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.OpRequest.szMessage, L"insert \u00e9") == 0);
    assert_true(wcscmp(w.Info.OpRequest.szComputer, L"host") == 0);
    assert_int_equal(w.Info.OpRequest.Arg2Type, NTMS_LIBRARY);
    assert_true(memcmp(&back.Info.OpRequest, &a.Info.OpRequest, sizeof(a.Info.OpRequest)) == 0);
}

static void test_objinfo_devices(void **state)
{
    NTMS_OBJECTINFORMATIONA a, back;
    NTMS_OBJECTINFORMATIONW w;

    (void)state;
    init_a(&a, NTMS_CHANGER);
    strcpy(a.Info.Changer.szSerialNumber, "CS");
    strcpy(a.Info.Changer.szDeviceName, "/dev/sg3");
    a.Info.Changer.ScsiTarget = 4;
    memset(&a.Info.Changer.Library, 0x19, sizeof(NTMS_GUID));
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.Changer.szDeviceName, L"/dev/sg3") == 0);
    assert_int_equal(w.Info.Changer.ScsiTarget, 4);
    assert_true(memcmp(&back.Info.Changer, &a.Info.Changer, sizeof(a.Info.Changer)) == 0);

    init_a(&a, NTMS_CHANGER_TYPE);
    strcpy(a.Info.ChangerType.szVendor, "V" EACUTE);
    strcpy(a.Info.ChangerType.szProduct, "P");
    a.Info.ChangerType.DeviceType = 8;
    round_trip(&a, &w, &back);
    assert_int_equal(w.Info.ChangerType.DeviceType, 8);
    assert_true(memcmp(&back.Info.ChangerType, &a.Info.ChangerType,
                       sizeof(a.Info.ChangerType)) == 0);

    init_a(&a, NTMS_DRIVE_TYPE);
    strcpy(a.Info.DriveType.szVendor, "IBM");
    strcpy(a.Info.DriveType.szProduct, "ULT3580");
    a.Info.DriveType.DeviceType = 1;
    round_trip(&a, &w, &back);
    assert_true(wcscmp(w.Info.DriveType.szProduct, L"ULT3580") == 0);
    assert_true(memcmp(&back.Info.DriveType, &a.Info.DriveType, sizeof(a.Info.DriveType)) == 0);

    /* A member without strings is copied whole. */
    init_a(&a, NTMS_LIBRARY);
    a.Info.Library.LibraryType = NTMS_LIBRARYTYPE_OFFLINE;
    a.Info.Library.dwFlags = NTMS_LIBRARYFLAG_FIXEDOFFLINE;
    round_trip(&a, &w, &back);
    assert_true(memcmp(&w.Info.Library, &a.Info.Library, sizeof(a.Info.Library)) == 0);
    assert_true(memcmp(&back.Info.Library, &a.Info.Library, sizeof(a.Info.Library)) == 0);
}

static void test_objinfo_rejects(void **state)
{
    NTMS_OBJECTINFORMATIONA a;
    NTMS_OBJECTINFORMATIONW w;

    (void)state;
    /* Invalid UTF-8 from the service. */
    init_a(&a, NTMS_DRIVE);
    strcpy(a.Info.Drive.szRevision, "\xc3(");
    assert_int_equal(objinfo_a_to_w(&a, &w), ERROR_INVALID_PARAMETER);

    /* A W string that does not fit the A array as UTF-8. */
    init_a(&a, NTMS_MEDIA_POOL);
    assert_int_equal(objinfo_a_to_w(&a, &w), 0);
    for (int i = 0; i < NTMS_OBJECTNAME_LENGTH - 1; i++)
        w.szName[i] = L'\u00e9';
    w.szName[NTMS_OBJECTNAME_LENGTH - 1] = 0;
    assert_int_equal(objinfo_w_to_a(&w, &a), ERROR_INVALID_PARAMETER);
    w.szName[31] = 0; /* 31 x 2 bytes fit in 63 */
    assert_int_equal(objinfo_w_to_a(&w, &a), 0);
    assert_int_equal(strlen(a.szName), 62);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_invalid_wide),
        cmocka_unit_test(test_sizes_and_bounds),
        cmocka_unit_test(test_objinfo_drive),
        cmocka_unit_test(test_objinfo_media_and_requests),
        cmocka_unit_test(test_objinfo_devices),
        cmocka_unit_test(test_objinfo_rejects),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
