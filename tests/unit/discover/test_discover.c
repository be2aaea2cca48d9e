/*
 * test_discover.c - discovery of changers and stand-alone drives (daemon/
 * changer/discover.c) on fake sysfs trees built under /tmp: the same files
 * and links the kernel makes (class/scsi_generic/sgN/device -> the SCSI
 * device directory named host:channel:target:lun, with type, vendor, model,
 * rev, vpd_pg80, and its scsi_tape/block/scsi_changer children).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changer/discover.h"

static char root[PATH_MAX];

static void pathf(char *out, const char *fmt, va_list ap)
{
    int n = vsnprintf(out, PATH_MAX, fmt, ap);
    assert_true(n > 0 && n < PATH_MAX);
}

/* mkdir -p of root/<fmt...> */
static void mkdirs(const char *fmt, ...)
{
    char rel[PATH_MAX], path[PATH_MAX * 2];
    va_list ap;
    va_start(ap, fmt);
    pathf(rel, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    mkdir(path, 0755);
}

static void put_bytes(const char *rel, const void *data, size_t len)
{
    char path[PATH_MAX * 3];
    assert_true((size_t)snprintf(path, sizeof path, "%s/%s", root, rel) < sizeof path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void put_text(const char *dir, const char *name, const char *text)
{
    char rel[PATH_MAX * 2];
    assert_true((size_t)snprintf(rel, sizeof rel, "%s/%s", dir, name) < sizeof rel);
    put_bytes(rel, text, strlen(text));
}

/* root/<link> -> root/<target> */
static void link_to(const char *target, const char *link)
{
    char t[PATH_MAX * 2], l[PATH_MAX * 2];
    snprintf(t, sizeof t, "%s/%s", root, target);
    snprintf(l, sizeof l, "%s/%s", root, link);
    assert_int_equal(symlink(t, l), 0);
}

/* A SCSI device at `hctl` with sg node sgN; serial NULL: no vpd_pg80. */
static void add_device(const char *hctl, unsigned sg, unsigned type, const char *vendor, const char *model,
                       const char *serial)
{
    char dev[PATH_MAX], text[64], link[PATH_MAX];
    snprintf(dev, sizeof dev, "devices/host/%s", hctl);
    mkdirs("%s/scsi_generic/sg%u", dev, sg);
    snprintf(text, sizeof text, "%u\n", type);
    put_text(dev, "type", text);
    snprintf(text, sizeof text, "%-8s\n", vendor);
    put_text(dev, "vendor", text);
    snprintf(text, sizeof text, "%-16s\n", model);
    put_text(dev, "model", text);
    put_text(dev, "rev", "0104\n");
    if (serial != NULL) {
        uint8_t vpd[64] = {0, 0x80, 0, (uint8_t)strlen(serial)};
        char rel[PATH_MAX * 2];
        memcpy(vpd + 4, serial, strlen(serial));
        snprintf(rel, sizeof rel, "%s/vpd_pg80", dev);
        put_bytes(rel, vpd, 4 + strlen(serial));
    }
    mkdirs("class/scsi_generic/sg%u", sg);
    snprintf(link, sizeof link, "class/scsi_generic/sg%u/device", sg);
    link_to(dev, link);
}

/* A kernel node of the device at `hctl`: class "scsi_tape" (the st nodes
 * come along, as the kernel makes them), "block" (with `removable`) or
 * "scsi_changer". */
static void add_node(const char *hctl, const char *class, const char *name, int removable)
{
    char dev[PATH_MAX], link[PATH_MAX];
    snprintf(dev, sizeof dev, "devices/host/%s", hctl);
    mkdirs("%s/%s/%s", dev, class, name);
    if (strcmp(class, "scsi_tape") == 0) {
        mkdirs("%s/%s/%sa", dev, class, name);   /* nst0a: another mode */
        mkdirs("%s/%s/%s", dev, class, name + 1); /* st0: the rewinding node */
    }
    if (removable >= 0) {
        char dir[PATH_MAX * 2];
        snprintf(dir, sizeof dir, "%s/%s/%s", dev, class, name);
        put_text(dir, "removable", removable ? "1\n" : "0\n");
    }
    mkdirs("class/%s/%s", class, name);
    snprintf(link, sizeof link, "class/%s/%s/device", class, name);
    link_to(dev, link);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/rsm-discover.XXXXXX");
    return mkdtemp(root) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Two changers with drive LUNs (drives listed out of LUN order by sg
 * number), a lone tape drive without vpd_pg80, a CD drive, an RDX drive,
 * a fixed disk and an enclosure. */
static void build_host(void)
{
    add_device("0:0:1:0", 0, 8, "STK", "L700", "     LIB0001");
    add_node("0:0:1:0", "scsi_changer", "sch0", -1);
    add_device("0:0:1:2", 1, 1, "IBM", "ULT3580-TD6", "DRV0003");
    add_node("0:0:1:2", "scsi_tape", "nst1", -1);
    add_device("0:0:1:1", 5, 1, "IBM", "ULT3580-TD6", "DRV0002");
    add_node("0:0:1:1", "scsi_tape", "nst0", -1);
    add_device("1:0:4:1", 3, 8, "QUANTUM", "Scalar i3", "LIB0002");
    add_device("1:0:4:2", 4, 1, "HP", "Ultrium 8-SCSI", "  DRV0042");
    add_node("1:0:4:2", "scsi_tape", "nst2", -1);
    add_device("2:0:0:0", 6, 1, "HP", "Ultrium 6-SCSI", NULL);
    add_node("2:0:0:0", "scsi_tape", "nst3", -1);
    add_device("3:0:0:0", 7, 5, "HL-DT-ST", "DVDRAM GH24NSD1", NULL);
    add_node("3:0:0:0", "block", "sr0", 1);
    add_device("4:0:0:0", 8, 0, "ATA", "Samsung SSD 870", "S6PNNS0T1");
    add_node("4:0:0:0", "block", "sda", 0);
    add_device("5:0:0:0", 9, 0, "TANDBERG", "RDX", "RDX00017");
    add_node("5:0:0:0", "block", "sdb", 1);
    add_device("6:0:0:0", 10, 0x0d, "HP", "Enclosure", NULL);
}

static void test_host_layout(void **state)
{
    (void)state;
    build_host();
    discovered_t out[8];
    memset(out, 0, sizeof out);
    assert_int_equal(discover_scsi(root, out, 8), 5);

    const library_config_t *a = &out[0].cfg;
    assert_string_equal(a->name, "changer sg0");
    assert_int_equal(a->kind, LIBRARY_SCSI);
    assert_string_equal(a->device, "/dev/sg0");
    assert_true(a->discovered);
    assert_int_equal(a->ndrives, 2);
    assert_string_equal(a->drives[0], "/dev/sg5"); /* LUN 1 */
    assert_string_equal(a->drives[1], "/dev/sg1"); /* LUN 2 */
    assert_int_equal(a->inventory_method, NTMS_INVENTORY_FAST);
    assert_int_equal(a->poll_seconds, 10);
    assert_string_equal(a->cleaner_prefix, "CLN");
    assert_string_equal(out[0].serial, "LIB0001");
    assert_string_equal(out[0].vendor, "STK");
    assert_string_equal(out[0].model, "L700");
    assert_string_equal(out[0].revision, "0104");
    assert_string_equal(out[0].hctl, "0:0:1:0");
    assert_string_equal(out[0].node, "/dev/sch0");
    assert_int_equal(out[0].scsi_type, 8);

    const library_config_t *b = &out[1].cfg;
    assert_string_equal(b->name, "changer sg3");
    assert_int_equal(b->kind, LIBRARY_SCSI);
    assert_int_equal(b->ndrives, 1);
    assert_string_equal(b->drives[0], "/dev/sg4");
    assert_string_equal(out[1].model, "Scalar i3");
    assert_string_equal(out[1].node, "");

    static const struct {
        const char *name, *device, *node, *serial;
        uint8_t type;
    } lone[] = {
        {"drive nst3", "/dev/sg6", "/dev/nst3", "", 1},
        {"drive sr0", "/dev/sg7", "/dev/sr0", "", 5},
        {"drive sdb", "/dev/sg9", "/dev/sdb", "RDX00017", 0},
    };
    for (size_t i = 0; i < 3; i++) {
        const discovered_t *d = &out[2 + i];
        assert_string_equal(d->cfg.name, lone[i].name);
        assert_int_equal(d->cfg.kind, LIBRARY_STANDALONE);
        assert_string_equal(d->cfg.device, lone[i].device);
        assert_int_equal(d->cfg.ndrives, 0);
        assert_true(d->cfg.discovered);
        assert_string_equal(d->node, lone[i].node);
        assert_string_equal(d->serial, lone[i].serial);
        assert_int_equal(d->scsi_type, lone[i].type);
    }
}

/* More libraries than room: the count says so, nothing past `max` is written. */
static void test_truncated(void **state)
{
    (void)state;
    build_host();
    discovered_t out[3];
    memset(out, 0x5a, sizeof out);
    assert_int_equal(discover_scsi(root, out, 2), 5);
    assert_string_equal(out[0].cfg.name, "changer sg0");
    assert_string_equal(out[1].cfg.name, "changer sg3");
    assert_int_equal(((unsigned char *)&out[2])[0], 0x5a);
    assert_int_equal(discover_scsi(root, NULL, 0), 5);
}

/* An FC-style library: the changer has no drive LUNs, so tape drives on its
 * SCSI host wait for binding by serial; a tape drive on another host is
 * stand-alone. */
static void test_changer_without_drive_luns(void **state)
{
    (void)state;
    add_device("6:0:0:0", 0, 8, "IBM", "03584L32", "LIB0009");
    add_device("6:0:1:0", 1, 1, "IBM", "ULT3580-TD8", "DRV0091");
    add_node("6:0:1:0", "scsi_tape", "nst0", -1);
    add_device("6:0:2:0", 2, 1, "IBM", "ULT3580-TD8", "DRV0092");
    add_node("6:0:2:0", "scsi_tape", "nst1", -1);
    add_device("7:0:0:0", 3, 1, "IBM", "ULT3580-TD8", "DRV0093");
    add_node("7:0:0:0", "scsi_tape", "nst2", -1);
    discovered_t out[4];
    assert_int_equal(discover_scsi(root, out, 4), 2);
    assert_string_equal(out[0].cfg.name, "changer sg0");
    assert_int_equal(out[0].cfg.ndrives, 0);
    assert_string_equal(out[1].cfg.name, "drive nst2");
    assert_string_equal(out[1].cfg.device, "/dev/sg3");
}

static void test_no_scsi_devices(void **state)
{
    (void)state;
    discovered_t out[2];
    assert_int_equal(discover_scsi(root, out, 2), 0); /* no class/scsi_generic */
    mkdirs("class/scsi_generic");
    assert_int_equal(discover_scsi(root, out, 2), 0);
    add_device("0:0:0:0", 0, 0, "ATA", "disk", NULL); /* a fixed disk without block node */
    assert_int_equal(discover_scsi(root, out, 2), 0);
}

static void test_sg_node(void **state)
{
    (void)state;
    build_host();
    char sg[64];
    assert_int_equal(discover_sg_node(root, "/dev/nst0", sg, sizeof sg), 0);
    assert_string_equal(sg, "/dev/sg5");
    assert_int_equal(discover_sg_node(root, "/dev/sr0", sg, sizeof sg), 0);
    assert_string_equal(sg, "/dev/sg7");
    assert_int_equal(discover_sg_node(root, "/dev/sch0", sg, sizeof sg), 0);
    assert_string_equal(sg, "/dev/sg0");
    assert_int_equal(discover_sg_node(root, "/dev/sg3", sg, sizeof sg), 0);
    assert_string_equal(sg, "/dev/sg3");
    const char *url = "iscsi://127.0.0.1:3290/iqn.2024-01.test.vlib:lib1/2";
    assert_int_equal(discover_sg_node(root, url, sg, sizeof sg), 0);
    assert_string_equal(sg, url);
    assert_int_equal(discover_sg_node(root, "/dev/nst9", sg, sizeof sg), ERROR_FILE_NOT_FOUND);
    assert_int_equal(discover_sg_node(root, "/dev/nst0", sg, 5), ERROR_INSUFFICIENT_BUFFER);

    /* A udev by-id link is followed to the node it names. */
    char link[PATH_MAX * 2];
    mkdirs("dev/tape/by-id");
    put_text("dev", "nst3", "");
    link_to("dev/nst3", "dev/tape/by-id/scsi-35000000000000003-nst");
    snprintf(link, sizeof link, "%s/dev/tape/by-id/scsi-35000000000000003-nst", root);
    assert_int_equal(discover_sg_node(root, link, sg, sizeof sg), 0);
    assert_string_equal(sg, "/dev/sg6");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_host_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changer_without_drive_luns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_scsi_devices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sg_node, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
