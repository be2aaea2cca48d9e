/*
 * test_virtual_repair.c - the virtual library across restarts: reopening
 * keeps everything, a changed layout only grows, states left half-way by a
 * crash or by hand are repaired at open, the drives, and the status time of
 * a 1,000-slot library.
 */
#include "fixture.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WHY char why[256] = ""

static DWORD move(fx_t *fx, uint16_t from, uint16_t to)
{
    WHY;
    return fx->c->ops->move(fx->c, from, to, why, sizeof why);
}

/* Every element of every type as one comparable string. */
static char *snapshot(fx_t *fx)
{
    static const int types[] = {ELEM_TRANSPORT, ELEM_SLOT, ELEM_PORT, ELEM_DRIVE};
    size_t cap = 1 << 16, n = 0;
    char *buf = calloc(1, cap);
    assert_non_null(buf);
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        element_status_t s;
        fx_status(fx, types[t], &s);
        for (size_t i = 0; i < s.n && n < cap; i++) {
            const element_t *e = &s.v[i];
            n += (size_t)snprintf(buf + n, cap - n, "%u:%d%d%d%d%d:%s:%u:%s;", e->address, e->full,
                                  e->except, e->access, e->impexp, e->source_valid, e->voltag,
                                  e->source_address, e->device_id);
        }
        element_status_free(&s);
    }
    return buf;
}

static char *slurp(const fx_t *fx, const char *rel)
{
    char p[512];
    fx_path(fx, p, sizeof p, "%s", rel);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    char *buf = calloc(1, 4096);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 4095, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_reopen_keeps_everything(void **state)
{
    fx_t *fx = *state;
    WHY;
    assert_int_equal(move(fx, 1000, 256), 0);
    assert_int_equal(move(fx, 1001, 17), 0);
    assert_int_equal(fx->c->ops->lock(fx->c, true, why, sizeof why), 0);
    assert_int_equal(fx->c->ops->port(fx->c, 16, true, why, sizeof why), 0);
    assert_int_equal(virtual_insert(fx->root, 16, "OP0001", why, sizeof why), 0);
    changer_info_t before_info, after_info;
    assert_int_equal(fx->c->ops->info(fx->c, &before_info, why, sizeof why), 0);
    char *before = snapshot(fx);
    char *conf = slurp(fx, "library.conf");

    fx_close(fx);
    fx_open(fx);
    char *after = snapshot(fx);
    char *conf2 = slurp(fx, "library.conf");
    assert_string_equal(before, after);
    assert_string_equal(conf, conf2);
    assert_int_equal(fx->c->ops->info(fx->c, &after_info, why, sizeof why), 0);
    assert_memory_equal(&before_info, &after_info, sizeof before_info);
    assert_true(fx_exists(fx, "door-locked"));
    free(before), free(after), free(conf), free(conf2);
}

static void test_layout_grows_never_shrinks(void **state)
{
    fx_t *fx = *state;
    assert_int_equal(move(fx, 1002, 1009), 0); /* leaves 1002 empty */
    fx_close(fx);
    fx->layout = (virtual_layout_t){.slots = 12, .drives = 3, .ports = 3, .cartridges = 8,
                                    .barcode_prefix = "ZZ", .cartridge_size = 4096};
    fx_open(fx);
    changer_info_t info;
    WHY;
    assert_int_equal(fx->c->ops->info(fx->c, &info, why, sizeof why), 0);
    assert_int_equal(info.range[ELEM_SLOT].count, 12);
    assert_int_equal(info.range[ELEM_DRIVE].count, 3);
    assert_int_equal(info.range[ELEM_PORT].count, 3);
    assert_true(fx_exists(fx, "drives/3"));
    /* New cartridges keep the library's own bar codes and size, and fill the
     * lowest empty slots. */
    assert_string_equal(fx_voltag(fx, 1002), "VT0007L8");
    assert_string_equal(fx_voltag(fx, 1006), "VT0008L8");
    assert_string_equal(fx_voltag(fx, 1009), "VT0003L8");
    char p[512];
    struct stat st;
    fx_path(fx, p, sizeof p, "cartridges/VT0008L8.img");
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_size, FX_IMAGE_SIZE);
    assert_int_equal(fx_element(fx, 258).address, 258);

    /* Asking for less keeps what exists. */
    fx_close(fx);
    fx->layout = (virtual_layout_t){.slots = 2, .drives = 1, .ports = 0, .cartridges = 1};
    fx_open(fx);
    assert_int_equal(fx->c->ops->info(fx->c, &info, why, sizeof why), 0);
    assert_int_equal(info.range[ELEM_SLOT].count, 12);
    assert_int_equal(info.range[ELEM_DRIVE].count, 3);
    assert_int_equal(info.range[ELEM_PORT].count, 3);
    assert_string_equal(fx_voltag(fx, 1006), "VT0008L8");
}

static void test_crash_repaired_at_open(void **state)
{
    fx_t *fx = *state;
    char p[512], q[512];
    fx_close(fx);

    /* 1. VT0001L8 in slot 1000 and, by a second link, in drive 1. */
    fx_path(fx, p, sizeof p, "cartridges/VT0001L8.img");
    fx_symlink(fx, p, "drives/1/tape");
    /* 2. A cartridge left in the picker halfway through an exchange. */
    fx_path(fx, p, sizeof p, "slots/1002");
    fx_path(fx, q, sizeof q, "transport/1");
    assert_int_equal(rename(p, q), 0);
    fx_write(fx, "cartridges/VT0003L8.from", "1002\n");
    /* 3. A link to an image that is gone. */
    fx_path(fx, p, sizeof p, "cartridges/GONE01.img");
    fx_symlink(fx, p, "slots/1009");
    /* 4. The root was moved: a link by an old absolute path. */
    fx_path(fx, p, sizeof p, "slots/1003");
    assert_int_equal(unlink(p), 0);
    fx_symlink(fx, "/nonexistent/old-root/cartridges/VT0004L8.img", "slots/1003");
    /* 5. Strays: a file, a leftover temporary link, a plain file in a port. */
    fx_write(fx, "slots/junk", "notes");
    fx_path(fx, p, sizeof p, "cartridges/VT0005L8.img");
    fx_symlink(fx, p, "slots/1004.tmp");
    fx_write(fx, "ports/16", "not a link");
    /* 6. The same cartridge in two ports. */
    fx_path(fx, p, sizeof p, "cartridges/VT0006L8.img");
    fx_symlink(fx, p, "ports/17");

    fx_open(fx);
    fx_path(fx, p, sizeof p, "cartridges/VT0004L8.img");
    assert_string_equal(fx_readlink(fx, "slots/1003"), p);
    assert_string_equal(fx_voltag(fx, 1000), "VT0001L8");
    assert_false(fx_element(fx, 256).full);
    assert_false(fx_element(fx, 1).full);
    assert_string_equal(fx_voltag(fx, 1002), "VT0003L8");
    assert_false(fx_element(fx, 1009).full);
    assert_string_equal(fx_voltag(fx, 1003), "VT0004L8");
    assert_false(fx_exists(fx, "slots/junk"));
    assert_true(fx_exists(fx, "orphans/slots-junk"));
    assert_false(fx_exists(fx, "slots/1004.tmp"));
    assert_false(fx_element(fx, 16).full);
    assert_true(fx_exists(fx, "orphans/element-16"));
    assert_string_equal(fx_voltag(fx, 1005), "VT0006L8");
    assert_false(fx_element(fx, 17).full);
    /* No cartridge was lost: every image is still in cartridges/. */
    for (int k = 1; k <= 6; k++) {
        char rel[64];
        snprintf(rel, sizeof rel, "cartridges/VT%04dL8.img", k);
        assert_true(fx_exists(fx, rel));
    }
    /* Repair is idempotent. */
    char *once = snapshot(fx);
    fx_close(fx);
    fx_open(fx);
    char *twice = snapshot(fx);
    assert_string_equal(once, twice);
    free(once), free(twice);
}

static void test_picker_without_room_stays(void **state)
{
    fx_t *fx = *state;
    WHY;
    /* Fill every slot, then strand one more cartridge in the picker. */
    for (int k = 7; k <= 10; k++) {
        char bc[16];
        snprintf(bc, sizeof bc, "EX%04d", k);
        assert_int_equal(virtual_insert(fx->root, 16, bc, why, sizeof why), 0);
        assert_int_equal(move(fx, 16, (uint16_t)(999 + k)), 0); /* 1006..1009 */
    }
    assert_int_equal(virtual_insert(fx->root, 16, "EXTRA1", why, sizeof why), 0);
    /* Back to where it came from when that is empty ... */
    assert_int_equal(move(fx, 16, 1), 0);
    fx_close(fx);
    fx_open(fx);
    assert_string_equal(fx_voltag(fx, 16), "EXTRA1");
    assert_false(fx_element(fx, 1).full);
    /* ... and left in the picker when no slot and not its port is free. */
    assert_int_equal(move(fx, 16, 1), 0);
    assert_int_equal(virtual_insert(fx->root, 16, "EXTRA2", why, sizeof why), 0);
    fx_close(fx);
    fx_open(fx);
    assert_string_equal(fx_voltag(fx, 1), "EXTRA1");
    assert_string_equal(fx_voltag(fx, 16), "EXTRA2");
}

static void test_open_refusals(void **state)
{
    fx_t *fx = *state;
    char dir[160], why[256] = "";
    changer_t *c = NULL;
    virtual_layout_t l = fx->layout;

    /* A directory with other things in it is not taken over. */
    snprintf(dir, sizeof dir, "%s/other", fx->dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(dir, sizeof dir, "%s/other/file", fx->dir);
    fclose(fopen(dir, "w"));
    snprintf(dir, sizeof dir, "%s/other", fx->dir);
    assert_int_equal(virtual_open(dir, "x", &l, &c, why, sizeof why), ERROR_BAD_FORMAT);
    assert_null(c);

    l.slots = 0;
    assert_int_equal(virtual_open(fx->root, "x", &l, &c, why, sizeof why), ERROR_INVALID_PARAMETER);
    l = fx->layout;
    l.barcode_prefix = "A/B";
    assert_int_equal(virtual_open(fx->root, "x", &l, &c, why, sizeof why), ERROR_INVALID_PARAMETER);

    /* A damaged library.conf is refused, not rewritten. */
    fx_close(fx);
    fx_write(fx, "library.conf", "[library]\nslots = many\n");
    assert_int_equal(virtual_open(fx->root, "x", &fx->layout, &c, why, sizeof why), ERROR_BAD_FORMAT);
    assert_non_null(strstr(why, "slots"));
    fx_write(fx, "library.conf", "[library]\nslots = 3\n");
    assert_int_equal(virtual_open(fx->root, "x", &fx->layout, &c, why, sizeof why), ERROR_BAD_FORMAT);
    assert_null(c);
}

static void test_drive(void **state)
{
    fx_t *fx = *state;
    drive_t *d = NULL;
    drive_ident_t id;
    bool present = true;
    uint8_t buf[128];
    size_t got = 99;
    WHY;

    assert_int_equal(virtual_drive_open(fx->c, 2, &d, why, sizeof why), ERROR_INVALID_PARAMETER);
    assert_int_equal(virtual_drive_open(fx->c, 1, &d, why, sizeof why), 0);
    assert_int_equal(d->ops->identify(d, &id, why, sizeof why), 0);
    assert_string_equal(id.vendor, "RSM");
    assert_string_equal(id.product, "VIRTUAL TAPE");
    assert_string_equal(id.serial, "VDRV0002");
    assert_int_equal(id.device_type, 1);
    char tape[512];
    fx_path(fx, tape, sizeof tape, "drives/2/tape");
    assert_string_equal(id.device_name, tape);

    /* Empty drive. */
    assert_int_equal(d->ops->wait_ready(d, 1000, &present, why, sizeof why), 0);
    assert_false(present);
    assert_int_equal(d->ops->load(d, why, sizeof why), ERROR_NO_MEDIA_IN_DRIVE);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why),
                     ERROR_NO_MEDIA_IN_DRIVE);
    assert_int_equal(d->ops->write_label(d, buf, 16, why, sizeof why), ERROR_NO_MEDIA_IN_DRIVE);

    /* A blank cartridge: never written, sparse. */
    assert_int_equal(move(fx, 1000, 257), 0);
    assert_int_equal(d->ops->wait_ready(d, 0, &present, why, sizeof why), 0);
    assert_true(present);
    assert_int_equal(d->ops->load(d, why, sizeof why), 0);
    assert_int_equal(d->ops->rewind(d, why, sizeof why), 0);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, 0);

    /* The application writes through the device name. */
    int fd = open(id.device_name, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, "VOL1VT0001", 10, 0), 10);
    close(fd);
    memset(buf, 0xee, sizeof buf);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, sizeof buf);
    assert_memory_equal(buf, "VOL1VT0001", 10);
    assert_int_equal(buf[10], 0);

    /* Data past 64 KiB does not make a medium non-blank; a size-0 image is
     * blank too. */
    assert_int_equal(move(fx, 257, 1000), 0);
    assert_int_equal(move(fx, 1001, 257), 0);
    fd = open(id.device_name, O_WRONLY);
    assert_int_equal(pwrite(fd, "late", 4, 70000), 4);
    close(fd);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, 0);

    /* A label written at the beginning leaves nothing after it, and the
     * image keeps its size. */
    struct stat before, after;
    assert_int_equal(stat(id.device_name, &before), 0);
    assert_int_equal(d->ops->write_label(d, (const uint8_t *)"RSM FREE label", 14, why, sizeof why), 0);
    assert_int_equal(stat(id.device_name, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    memset(buf, 0xee, sizeof buf);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, sizeof buf);
    assert_memory_equal(buf, "RSM FREE label", 14);
    assert_int_equal(buf[14], 0);
    fd = open(id.device_name, O_RDONLY);
    char late[4];
    assert_int_equal(pread(fd, late, 4, 70000), 4);
    close(fd);
    assert_memory_equal(late, "\0\0\0\0", 4);
    /* An image nobody may write is a write-protected cartridge (for root
     * too): refused, and left as it was. */
    assert_int_equal(chmod(id.device_name, 0444), 0);
    assert_int_equal(d->ops->write_label(d, (const uint8_t *)"other", 5, why, sizeof why), ERROR_WRITE_PROTECT);
    assert_non_null(strstr(why, "write-protected"));
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_memory_equal(buf, "RSM FREE label", 14);
    assert_int_equal(chmod(id.device_name, 0644), 0);
    assert_int_equal(truncate(id.device_name, 0), 0);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, 0);
    assert_int_equal(d->ops->unload(d, why, sizeof why), 0);
    d->ops->close(d);

    /* Not a virtual changer. */
    changer_t other = {.ops = NULL};
    assert_int_equal(virtual_drive_open(&other, 0, &d, why, sizeof why), ERROR_INVALID_PARAMETER);
}

/* The directory disappears under a running library: every call says the
 * library is not available instead of reporting an empty one. */
static void test_library_gone(void **state)
{
    fx_t *fx = *state;
    element_status_t s;
    bool changed = false;
    WHY;
    fx_rm_rf(fx->root);
    assert_int_equal(fx->c->ops->check(fx->c, &changed, why, sizeof why), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(fx->c->ops->status(fx->c, ELEM_SLOT, &s, why, sizeof why),
                     ERROR_DEVICE_NOT_AVAILABLE);
    assert_null(s.v);
    assert_int_equal(move(fx, 1000, 256), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(fx->c->ops->rescan(fx->c, 0, 0, why, sizeof why), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(virtual_remove(fx->root, 16, why, sizeof why), ERROR_FILE_NOT_FOUND);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_thousand_slots(void **state)
{
    fx_t *fx = *state;
    struct timespec t0;
    fx_close(fx);
    fx_rm_rf(fx->root);
    fx->layout = (virtual_layout_t){.slots = 1000, .drives = 8, .ports = 8, .cartridges = 900,
                                    .cartridge_size = FX_IMAGE_SIZE};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fx_open(fx);
    double create = seconds_since(&t0);

    element_status_t s;
    const int rounds = 10;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < rounds; i++) {
        fx_status(fx, ELEM_SLOT, &s);
        assert_int_equal(s.n, 1000);
        assert_true(s.v[899].full && !s.v[900].full);
        assert_string_equal(s.v[899].voltag, "VT0900L8");
        element_status_free(&s);
    }
    double status = seconds_since(&t0) / rounds;

    fx_close(fx);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fx_open(fx);
    double reopen = seconds_since(&t0);
    print_message("1000-slot library (900 cartridges): create %.1f ms, status(slots) %.2f ms, "
                  "reopen with repair scan %.1f ms\n", create * 1e3, status * 1e3, reopen * 1e3);
    assert_true(status < 1.0); /* generous: sanitizers, slow disks */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reopen_keeps_everything, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_layout_grows_never_shrinks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_crash_repaired_at_open, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_picker_without_room_stays, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_open_refusals, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_drive, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_library_gone, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_thousand_slots, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
