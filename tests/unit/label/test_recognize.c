/*
 * test_recognize.c - the built-in recognizers on label images: tar and pax
 * archives made by GNU tar at test time, a file system made by mkfs.ext4,
 * and MTF, VOL1, LTFS, Bacula, Amanda and our free label assembled from
 * their formats (images.c). Each must be recognized by its own recognizer,
 * give the documented type, ID and name, and be refused by every other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "images.h"
#include "label/freelabel.h"
#include "label/label.h"
#include "label/md5.h"

#define BUF 65536
static uint8_t buf[BUF];

/* Recognized by exactly the built-in named `format` (the others refuse),
 * and by label_recognize_builtin with the same answer. */
static void expect_only(const char *format, size_t len, label_info_t *out)
{
    label_info_t any;
    for (size_t i = 0; i < label_builtin_count(); i++) {
        const label_format_t *f = label_builtin(i);
        label_info_t li;
        bool ok = f->fn(buf, len, &li);
        if (strcmp(f->name, format) == 0) {
            assert_true(ok);
            *out = li;
        } else if (ok) {
            fail_msg("%s also recognized by %s", format, f->name);
        }
    }
    assert_true(label_recognize_builtin(buf, len, false, &any));
    assert_memory_equal(&any, out, sizeof any);
    assert_true(out->recognized);
    assert_true(out->id_len > 0 && out->id_len <= LABEL_ID_MAX);
}

static void hex_equal(const uint8_t *got, const char *hex)
{
    char text[2 * 64 + 1];
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++)
        snprintf(text + 2 * i, 3, "%02x", got[i]);
    assert_string_equal(text, hex);
}

static void test_md5_vectors(void **state)
{
    static const struct {
        const char *in, *hex;
    } v[] = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"},
    };
    uint8_t d[16];
    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        md5_digest(v[i].in, strlen(v[i].in), d);
        hex_equal(d, v[i].hex);
    }
    assert_int_equal(label_crc32((const uint8_t *)"123456789", 9), 0xcbf43926u);
}

static void test_mtf(void **state)
{
    label_info_t li;
    uint8_t id[16];
    (void)state;

    /* The media label holds a GUID: it is the ID. */
    size_t n = image_mtf(buf, BUF, "Microsoft Windows NT Backup (NTBACKUP.EXE)", "Media created 1/2/2024",
                         "MTF Media Label|1.0|Microsoft|x|0|12345678-9abc-def0-1234-56789abcdef0|", true, false);
    expect_only("mtf", n, &li);
    assert_string_equal(li.type, "Microsoft Windows NT Backup (NTBACKUP.EXE)");
    assert_string_equal(li.name, "Media created 1/2/2024");
    assert_int_equal(li.id_len, 16);
    hex_equal(li.id, "123456789abcdef0123456789abcdef0");
    assert_false(li.ours_free);

    /* The same in UTF-16. */
    n = image_mtf(buf, BUF, "Backup", "Set 1", "x|aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", true, true);
    expect_only("mtf", n, &li);
    assert_string_equal(li.type, "Backup");
    assert_string_equal(li.name, "Set 1");
    hex_equal(li.id, "aaaaaaaabbbbccccddddeeeeeeeeeeee");

    /* No label bit: the MD5 of the block up to its last string. */
    n = image_mtf(buf, BUF, "Backup", "Set 2", "12345678-9abc-def0-1234-56789abcdef0", false, false);
    expect_only("mtf", n, &li);
    md5_digest(buf, 94 + strlen("Set 2") + strlen("12345678-9abc-def0-1234-56789abcdef0") + strlen("Backup"), id);
    assert_memory_equal(li.id, id, 16);

    /* Without a software name the type is MTF. */
    n = image_mtf(buf, BUF, "", "Set 3", "", false, false);
    expect_only("mtf", n, &li);
    assert_string_equal(li.type, "MTF");

    /* A wrong header checksum is not MTF (nor anything). */
    buf[51] ^= 1;
    assert_false(label_recognize_mtf(buf, n, &li));
    assert_false(label_recognize_builtin(buf, n, false, &li));
    /* Cut short. */
    image_mtf(buf, BUF, "Backup", "Set 2", "", false, false);
    assert_false(label_recognize_mtf(buf, 93, &li));
}

static void test_vol1(void **state)
{
    label_info_t li;
    (void)state;

    size_t n = image_vol1(buf, BUF, "ABC123", NULL, false);
    expect_only("vol1", n, &li);
    assert_string_equal(li.type, "ANSI");
    assert_string_equal(li.name, "ABC123");
    assert_int_equal(li.id_len, 6);
    assert_memory_equal(li.id, "ABC123", 6);

    n = image_vol1(buf, BUF, "VOL7", NULL, false);
    expect_only("vol1", n, &li);
    assert_string_equal(li.name, "VOL7");
    assert_int_equal(li.id_len, 4);

    n = image_vol1(buf, BUF, "Z00042", NULL, true);
    expect_only("vol1", n, &li);
    assert_string_equal(li.type, "IBM SL");
    assert_string_equal(li.name, "Z00042");

    /* A blank volume identifier is no label. */
    n = image_vol1(buf, BUF, "", NULL, false);
    assert_false(label_recognize_vol1(buf, n, &li));
    assert_false(label_recognize_vol1(buf, 79, &li));
}

static void test_ltfs(void **state)
{
    label_info_t li;
    (void)state;

    /* What a tape drive gives: the VOL1 block alone. */
    size_t n = image_ltfs(buf, BUF, "LT0001", NULL);
    expect_only("vol1", n, &li);
    assert_string_equal(li.format, "ltfs");
    assert_string_equal(li.type, "LTFS");
    assert_string_equal(li.name, "LT0001");
    assert_memory_equal(li.id, "LT0001", 6);

    /* What a virtual drive gives: the XML label follows; same ID. */
    n = image_ltfs(buf, BUF, "LT0001", "c96a6c5e-0ac7-4b5f-a1c4-4a7f7f2e3c2d");
    expect_only("vol1", n, &li);
    assert_string_equal(li.name, "LT0001 (LTFS volume c96a6c5e-0ac7-4b5f-a1c4-4a7f7f2e3c2d)");
    assert_int_equal(li.id_len, 6);
    assert_memory_equal(li.id, "LT0001", 6);
}

static void test_bacula(void **state)
{
    label_info_t li, other;
    (void)state;

    size_t n = image_bacula(buf, BUF, "Vol-0001", 0x0006123456789abcull, false);
    expect_only("bacula", n, &li);
    assert_string_equal(li.type, "Bacula");
    assert_string_equal(li.name, "Vol-0001");
    assert_int_equal(li.id_len, strlen("Vol-0001") + 1 + 8);

    /* The same volume name labelled at another time is another volume. */
    n = image_bacula(buf, BUF, "Vol-0001", 0x0006123456789abdull, true);
    expect_only("bacula", n, &other);
    assert_string_equal(other.type, "Bareos");
    assert_memory_not_equal(li.id, other.id, li.id_len);

    /* A data record is not a label; a record longer than the block is not
     * read. */
    buf[27] = 5;
    assert_false(label_recognize_bacula(buf, n, &li));
    n = image_bacula(buf, BUF, "Vol-0001", 1, false);
    buf[32] = 0x7f;
    assert_false(label_recognize_bacula(buf, n, &li));
}

static void test_amanda(void **state)
{
    label_info_t li;
    (void)state;

    size_t n = image_amanda(buf, BUF, "20240102030405", "DailySet1-07");
    expect_only("amanda", n, &li);
    assert_string_equal(li.type, "AMANDA");
    assert_string_equal(li.name, "DailySet1-07");
    assert_memory_equal(li.id, "DailySet1-07", li.id_len);
    n = image_amanda(buf, BUF, "X", "fresh-01");
    expect_only("amanda", n, &li);
    assert_string_equal(li.name, "fresh-01");
    /* No label after TAPE. */
    memset(buf, 0, BUF);
    snprintf((char *)buf, BUF, "AMANDA: TAPESTART DATE X TAPE \n");
    assert_false(label_recognize_amanda(buf, BUF, &li));
}

static void test_free_label(void **state)
{
    label_free_t in, out;
    label_info_t li;
    (void)state;

    memset(&in, 0, sizeof in);
    for (int i = 0; i < 16; i++) {
        in.side[i] = (uint8_t)(i + 1);
        in.medium[i] = (uint8_t)(0xf0 - i);
    }
    in.written = 1700000000;
    in.side_number = 1;
    snprintf(in.name, sizeof in.name, "VT0001L8 März");
    memset(buf, 0xee, BUF);
    assert_int_equal(label_free_write(&in, buf, 100), 0);
    assert_int_equal(label_free_write(&in, buf, BUF), LABEL_FREE_BLOCK);
    assert_true(label_free_read(buf, LABEL_FREE_BLOCK, &out));
    assert_memory_equal(out.side, in.side, 16);
    assert_memory_equal(out.medium, in.medium, 16);
    assert_int_equal(out.written, in.written);
    assert_int_equal(out.side_number, 1);
    assert_string_equal(out.name, "VT0001L8 März");

    expect_only("free", LABEL_FREE_BLOCK, &li);
    assert_true(li.ours_free);
    assert_string_equal(li.type, "RSM");
    assert_string_equal(li.name, "VT0001L8 März");
    assert_int_equal(li.id_len, 16);
    assert_memory_equal(li.id, in.side, 16);
    /* skip_free leaves it to the caller. */
    assert_false(label_recognize_builtin(buf, LABEL_FREE_BLOCK, true, &li));

    /* One changed bit breaks the checksum. */
    buf[60] ^= 0x10;
    assert_false(label_free_read(buf, LABEL_FREE_BLOCK, &out));
    buf[60] ^= 0x10;
    assert_false(label_free_read(buf, LABEL_FREE_HEADER - 1, &out));
}

static void test_blank_and_noise(void **state)
{
    label_info_t li;
    (void)state;

    memset(buf, 0, BUF);
    assert_false(label_recognize_builtin(buf, BUF, false, &li));
    assert_false(label_recognize_builtin(buf, 0, false, &li));
    assert_false(label_recognize_builtin(NULL, 10, false, &li));
    srand(7);
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < 4096; i++)
            buf[i] = (uint8_t)rand();
        assert_false(label_recognize_builtin(buf, 4096, false, &li));
        assert_false(li.recognized);
    }
}

/* ------------------------------------------------------------------------
 * Archives and file systems made by the tools themselves. */

static char dir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rsm-label-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown_dir(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Run a shell command in dir; then read `file` into buf. */
static size_t make_with(const char *cmd, const char *file)
{
    char line[1024], path[256];
    snprintf(line, sizeof line, "cd %s && %s", dir, cmd);
    if (system(line) != 0)
        fail_msg("command failed: %s", cmd);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, BUF, f);
    fclose(f);
    return n;
}

static void test_tar_formats(void **state)
{
    static const struct {
        const char *format, *type, *name;
    } v[] = {
        {"ustar", "USTAR", "data/member.txt"},
        {"pax", "PAX", NULL},
        {"gnu", "GNU TAR", "data/member.txt"},
        {"v7", "TAR", "data/member.txt"},
    };
    char cmd[512];
    label_info_t li, again;
    (void)state;

    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        snprintf(cmd, sizeof cmd,
                 "mkdir -p data && echo hello > data/member.txt && "
                 "tar --format=%s -cf %s.tar data/member.txt",
                 v[i].format, v[i].format);
        char file[32];
        snprintf(file, sizeof file, "%s.tar", v[i].format);
        size_t n = make_with(cmd, file);
        assert_true(n >= 1024);
        expect_only("tar", n, &li);
        assert_string_equal(li.type, v[i].type);
        if (v[i].name != NULL)
            assert_string_equal(li.name, v[i].name);
        assert_int_equal(li.id_len, 16);
        /* Only the first block counts, and the answer is stable. */
        assert_true(label_recognize_tar(buf, 512, &again));
        assert_memory_equal(again.id, li.id, 16);
    }
    /* A GNU volume label names the archive. */
    make_with("tar --format=gnu -V 'WEEKLY 12' -cf vol.tar data/member.txt", "vol.tar");
    expect_only("tar", 10240, &li);
    assert_string_equal(li.type, "GNU TAR");
    assert_string_equal(li.name, "WEEKLY 12");
    /* A damaged checksum is no archive. */
    buf[0] ^= 0x01;
    assert_false(label_recognize_tar(buf, 10240, &li));
}

static void test_filesystem(void **state)
{
    label_info_t li;
    char path[256];
    (void)state;

    if (system("command -v mkfs.ext4 >/dev/null 2>&1") != 0) {
        skip();
        return;
    }
    snprintf(path, sizeof path, "%s/fs.img", dir);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "truncate -s 4M %s && mkfs.ext4 -q -F -L Archive2024 -U 0123abcd-4567-89ef-0123-456789abcdef %s "
             ">/dev/null 2>&1",
             path, path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(label_probe_filesystem(path, &li), 0);
    assert_string_equal(li.type, "EXT4");
    assert_string_equal(li.name, "Archive2024");
    assert_int_equal(li.id_len, 16);
    hex_equal(li.id, "0123abcd456789ef0123456789abcdef");

    /* No file system, and no file. */
    snprintf(cmd, sizeof cmd, "truncate -s 1M %s/zero.img", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/zero.img", dir);
    assert_int_equal(label_probe_filesystem(path, &li), ERROR_BAD_FORMAT);
    assert_false(li.recognized);
    snprintf(path, sizeof path, "%s/missing.img", dir);
    assert_int_equal(label_probe_filesystem(path, &li), ERROR_FILE_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md5_vectors),
        cmocka_unit_test(test_mtf),
        cmocka_unit_test(test_vol1),
        cmocka_unit_test(test_ltfs),
        cmocka_unit_test(test_bacula),
        cmocka_unit_test(test_amanda),
        cmocka_unit_test(test_free_label),
        cmocka_unit_test(test_blank_and_noise),
        cmocka_unit_test(test_tar_formats),
        cmocka_unit_test(test_filesystem),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
