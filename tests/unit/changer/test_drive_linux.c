/*
 * test_drive_linux.c - finding /dev/nstN from a serial number in a fake
 * sysfs tree (vpd_pg80, the sg fallback, /dev/tape/by-id), and binding
 * changer drive elements to drives by their identifiers.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <scsi/sg.h>

#include "changer/ssc.h"

static char root[64];

static void mkdirs(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p != '\0'; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    mkdir(path, 0755);
}

static void write_file(const char *rel, const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* sysfs's vpd_pg80: the raw page, serial right-justified like tgt's. */
static void tape(const char *name, const char *serial)
{
    char dir[128], file[160];
    snprintf(dir, sizeof(dir), "sys/class/scsi_tape/%s/device", name);
    mkdirs(dir);
    if (serial == NULL)
        return;
    uint8_t page[4 + 16];
    memset(page, ' ', sizeof(page));
    page[0] = 0x01, page[1] = 0x80, page[2] = 0, page[3] = 16;
    memcpy(page + 4 + 16 - strlen(serial), serial, strlen(serial));
    snprintf(file, sizeof(file), "%s/vpd_pg80", dir);
    write_file(file, page, sizeof(page));
}

/* The drive behind /dev/sg5 for the INQUIRY fallback. */
static int fake_ioctl(int fd, unsigned long request, void *arg)
{
    (void)fd;
    if (request == SG_GET_VERSION_NUM) {
        *(int *)arg = 30536;
        return 0;
    }
    sg_io_hdr_t *h = arg;
    uint8_t *cdb = h->cmdp, *d = h->dxferp;
    memset(d, 0, h->dxfer_len);
    if (cdb[1] & 1) {
        d[1] = cdb[2];
        d[3] = 8;
        memcpy(d + 4, cdb[2] == 0x80 ? "DRV0042 " : "\x02\x01\x00\x04" "ABCD", 8);
    } else {
        d[0] = 0x01;
        d[4] = 31;
        memcpy(d + 8, "IBM     ULT3580-TD6     G350", 28);
    }
    h->status = 0;
    h->resid = 0;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof(root), "/tmp/rsm-sysfs-XXXXXX");
    if (mkdtemp(root) == NULL)
        return -1;
    tape("nst0", "DRV0003");
    tape("nst1", "DRV0002");
    tape("nst0a", "DRV0005"); /* a mode node: never the answer */
    tape("st4", "DRV0004");   /* the rewinding node: never the answer */
    tape("nst2", NULL);       /* no vpd_pg80: ask through sg5 */
    mkdirs("sys/class/scsi_tape/nst2/device/scsi_generic/sg5");
    mkdirs("dev/tape/by-id");
    write_file("dev/sg5", "", 0);
    char link[512];
    snprintf(link, sizeof(link), "%s/dev/tape/by-id/scsi-1IBM_ULT3580-TD6_DRV0009-nst", root);
    if (symlink("../../nst7", link) != 0)
        return -1;
    transport_sg_set_ioctl(fake_ioctl);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    transport_sg_set_ioctl(NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_find(void **state)
{
    (void)state;
    char path[64];
    assert_int_equal(drive_find_linux_device_at(root, "DRV0002", path, sizeof(path)), ERROR_SUCCESS);
    assert_string_equal(path, "/dev/nst1");
    assert_int_equal(drive_find_linux_device_at(root, "  DRV0003 ", path, sizeof(path)), ERROR_SUCCESS);
    assert_string_equal(path, "/dev/nst0");
    assert_int_equal(drive_find_linux_device_at(root, "DRV0042", path, sizeof(path)), ERROR_SUCCESS);
    assert_string_equal(path, "/dev/nst2"); /* through the sg node's INQUIRY */
    assert_int_equal(drive_find_linux_device_at(root, "DRV0009", path, sizeof(path)), ERROR_SUCCESS);
    assert_string_equal(path, "/dev/nst7"); /* through /dev/tape/by-id */
    assert_int_equal(drive_find_linux_device_at(root, "DRV0005", path, sizeof(path)), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(drive_find_linux_device_at(root, "DRV0004", path, sizeof(path)), ERROR_OBJECT_NOT_FOUND);
    assert_string_equal(path, "");
    assert_int_equal(drive_find_linux_device_at(root, "   ", path, sizeof(path)), ERROR_INVALID_PARAMETER);
    char tiny[6];
    assert_int_equal(drive_find_linux_device_at(root, "DRV0002", tiny, sizeof(tiny)), ERROR_INSUFFICIENT_BUFFER);
}

static void test_find_on_this_machine(void **state)
{
    (void)state;
    char path[64];
    char empty[80];
    snprintf(empty, sizeof(empty), "%s/nothing-here", root);
    assert_int_equal(drive_find_linux_device_at(empty, "DRV0002", path, sizeof(path)), ERROR_OBJECT_NOT_FOUND);
    /* The real tree: no tape drive has this serial. */
    transport_sg_set_ioctl(NULL);
    assert_int_equal(drive_find_linux_device("RSM-NO-SUCH-SERIAL", path, sizeof(path)), ERROR_OBJECT_NOT_FOUND);
}

static void test_bind(void **state)
{
    (void)state;
    drive_ident_t d = {.vendor = "IBM", .product = "ULT3580-TD6", .serial = "DRV0003",
                       .identifier = "naa.5000e11100000003"};
    element_t e = {.address = 257, .type = ELEM_DRIVE};
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_NONE); /* no identifier */
    strcpy(e.device_id, "IBM     ULT3580-TD6     DRV0003");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_EXACT);
    strcpy(e.device_id, "DRV0003");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_EXACT);
    strcpy(e.device_id, "5000e11100000003"); /* binary NAA shown in hex */
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_EXACT);
    strcpy(e.device_id, "IBM     ULT3580-TD6     DRV0002");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_NONE);
    /* tgt's cut identifier: only a prefix survives. */
    strcpy(e.device_id, "IBM     ULT3580-TD6     DR");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_NONE); /* not marked cut: no */
    e.id_truncated = true;
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_PREFIX);
    strcpy(e.device_id, "DRV00");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_PREFIX);
    strcpy(e.device_id, "HP      ULT");
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_NONE);
    d.serial[0] = '\0';
    assert_int_equal(drive_ident_match(&d, &e), DRIVE_MATCH_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_on_this_machine, setup, teardown),
        cmocka_unit_test(test_bind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
