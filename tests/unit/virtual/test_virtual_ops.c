/*
 * test_virtual_ops.c - the virtual library's changer operations: the layout
 * it creates, element status per type, move, exchange, lock and ports, the
 * operator's insert and remove, and check().
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/log.h"

#define WHY char why[256] = ""

static DWORD move(fx_t *fx, uint16_t from, uint16_t to)
{
    WHY;
    return fx->c->ops->move(fx->c, from, to, why, sizeof why);
}

static DWORD exchange(fx_t *fx, uint16_t src, uint16_t d1, uint16_t d2)
{
    WHY;
    return fx->c->ops->exchange(fx->c, src, d1, d2, why, sizeof why);
}

static DWORD port(fx_t *fx, uint16_t addr, bool open)
{
    WHY;
    return fx->c->ops->port(fx->c, addr, open, why, sizeof why);
}

static DWORD lock(fx_t *fx, bool prevent)
{
    WHY;
    return fx->c->ops->lock(fx->c, prevent, why, sizeof why);
}

static DWORD insert(fx_t *fx, uint16_t addr, const char *bc)
{
    WHY;
    return virtual_insert(fx->root, addr, bc, why, sizeof why);
}

static DWORD take(fx_t *fx, uint16_t addr)
{
    WHY;
    return virtual_remove(fx->root, addr, why, sizeof why);
}

/* The bar codes of slots 1000..1009 joined by ',' ("" for empty). */
static const char *slot_map(fx_t *fx)
{
    static char buf[512];
    element_status_t s;
    size_t n = 0;
    fx_status(fx, ELEM_SLOT, &s);
    buf[0] = '\0';
    for (size_t i = 0; i < s.n; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "," : "",
                              s.v[i].full ? s.v[i].voltag : "");
    element_status_free(&s);
    return buf;
}

static void test_created_layout(void **state)
{
    fx_t *fx = *state;
    changer_info_t info;
    WHY;
    assert_int_equal(fx->c->ops->info(fx->c, &info, why, sizeof why), 0);
    assert_string_equal(info.vendor, "RSM");
    assert_int_equal(info.range[ELEM_TRANSPORT].first, 1);
    assert_int_equal(info.range[ELEM_TRANSPORT].count, 1);
    assert_int_equal(info.range[ELEM_PORT].first, 16);
    assert_int_equal(info.range[ELEM_PORT].count, 2);
    assert_int_equal(info.range[ELEM_DRIVE].first, 256);
    assert_int_equal(info.range[ELEM_DRIVE].count, 2);
    assert_int_equal(info.range[ELEM_SLOT].first, 1000);
    assert_int_equal(info.range[ELEM_SLOT].count, 10);
    assert_true(info.has_barcode_reader && info.can_exchange && info.can_lock_door && info.can_open_port);
    assert_false(info.can_position);
    assert_null(fx->c->ops->position);
    assert_int_equal(strncmp(info.serial, "VL", 2), 0);

    /* On disk: a person can read it. */
    assert_true(fx_exists(fx, "library.conf"));
    assert_true(fx_exists(fx, "drives/1") && fx_exists(fx, "drives/2"));
    char img[512];
    struct stat st;
    fx_path(fx, img, sizeof img, "cartridges/VT0006L8.img");
    assert_int_equal(stat(img, &st), 0);
    assert_int_equal(st.st_size, FX_IMAGE_SIZE);
    assert_true(st.st_blocks == 0); /* sparse */
    assert_string_equal(fx_readlink(fx, "slots/1005"), img);
    assert_false(fx_exists(fx, "cartridges/VT0007L8.img"));
}

static void test_status_per_type(void **state)
{
    fx_t *fx = *state;
    element_status_t s;
    WHY;

    fx_status(fx, ELEM_SLOT, &s);
    assert_int_equal(s.n, 10);
    for (size_t i = 0; i < s.n; i++) {
        char bc[32];
        snprintf(bc, sizeof bc, "VT%04uL8", (unsigned)(i + 1));
        assert_int_equal(s.v[i].address, 1000 + i);
        assert_int_equal(s.v[i].type, ELEM_SLOT);
        assert_int_equal(s.v[i].full, i < 6);
        assert_int_equal(s.v[i].has_voltag, i < 6);
        assert_string_equal(s.v[i].voltag, i < 6 ? bc : "");
        assert_true(s.v[i].access);
        assert_false(s.v[i].except);
    }
    element_status_free(&s);

    fx_status(fx, ELEM_DRIVE, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.v[0].address, 256);
    assert_string_equal(s.v[0].device_id, "VDRV0001");
    assert_int_equal(s.v[1].address, 257);
    assert_string_equal(s.v[1].device_id, "VDRV0002");
    assert_false(s.v[0].full || s.v[1].full);
    element_status_free(&s);

    fx_status(fx, ELEM_PORT, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.v[0].address, 16);
    assert_int_equal(s.v[1].address, 17);
    assert_true(s.v[0].access && !s.v[0].full);
    element_status_free(&s);

    fx_status(fx, ELEM_TRANSPORT, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].address, 1);
    assert_false(s.v[0].full);
    element_status_free(&s);

    assert_int_equal(fx->c->ops->status(fx->c, 5, &s, why, sizeof why), ERROR_INVALID_PARAMETER);
    assert_null(s.v);
}

static void test_move_slot_drive_slot_port(void **state)
{
    fx_t *fx = *state;
    assert_int_equal(move(fx, 1000, 256), 0);
    element_t d = fx_element(fx, 256);
    assert_true(d.full && d.has_voltag);
    assert_string_equal(d.voltag, "VT0001L8");
    assert_true(d.source_valid);
    assert_int_equal(d.source_address, 1000);
    assert_string_equal(fx_voltag(fx, 1000), "");
    /* The drive's path is the image. */
    char img[512];
    fx_path(fx, img, sizeof img, "cartridges/VT0001L8.img");
    assert_string_equal(fx_readlink(fx, "drives/1/tape"), img);
    assert_false(fx_exists(fx, "slots/1000"));

    assert_int_equal(move(fx, 256, 1000), 0);
    assert_string_equal(fx_voltag(fx, 1000), "VT0001L8");
    assert_false(fx_exists(fx, "drives/1/tape"));

    /* Export: the robot puts it in a port; not the operator's doing. */
    assert_int_equal(move(fx, 1001, 17), 0);
    element_t p = fx_element(fx, 17);
    assert_true(p.full);
    assert_string_equal(p.voltag, "VT0002L8");
    assert_false(p.impexp);
    assert_true(p.source_valid && p.source_address == 1001);
    /* A move onto itself is a no-op when full. */
    assert_int_equal(move(fx, 17, 17), 0);
    assert_int_equal(move(fx, 17, 1009), 0);
    assert_string_equal(slot_map(fx), "VT0001L8,,VT0003L8,VT0004L8,VT0005L8,VT0006L8,,,,VT0002L8");
}

static void test_move_errors(void **state)
{
    fx_t *fx = *state;
    const char *before = strdup(slot_map(fx));
    assert_int_equal(move(fx, 1009, 1008), ERROR_MEDIA_UNAVAILABLE);      /* empty source */
    assert_int_equal(move(fx, 256, 1008), ERROR_MEDIA_UNAVAILABLE);       /* empty drive */
    assert_int_equal(move(fx, 1009, 1009), ERROR_MEDIA_UNAVAILABLE);
    assert_int_equal(move(fx, 1000, 1001), ERROR_RESOURCE_NOT_AVAILABLE); /* full destination */
    assert_int_equal(move(fx, 1000, 5000), ERROR_INVALID_ADDRESS);        /* beyond the slots */
    assert_int_equal(move(fx, 999, 1008), ERROR_INVALID_ADDRESS);
    assert_int_equal(move(fx, 1000, 258), ERROR_INVALID_ADDRESS);         /* no third drive */
    assert_int_equal(move(fx, 1000, 18), ERROR_INVALID_ADDRESS);          /* no third port */
    assert_int_equal(move(fx, 1000, 0), ERROR_INVALID_ADDRESS);
    /* The robot cannot reach a port that is open to the operator. */
    assert_int_equal(port(fx, 16, true), 0);
    assert_int_equal(move(fx, 1000, 16), ERROR_MEDIUM_NOT_ACCESSIBLE);
    assert_false(fx_element(fx, 16).access);
    assert_int_equal(port(fx, 16, false), 0);
    assert_true(fx_element(fx, 16).access);
    assert_int_equal(port(fx, 1000, true), ERROR_INVALID_ADDRESS);
    assert_string_equal(slot_map(fx), before);
    free((void *)before);
}

static void test_exchange(void **state)
{
    fx_t *fx = *state;
    /* Swap: the second destination is the source. */
    assert_int_equal(exchange(fx, 1000, 1001, 1000), 0);
    assert_string_equal(slot_map(fx), "VT0002L8,VT0001L8,VT0003L8,VT0004L8,VT0005L8,VT0006L8,,,,");
    /* Three elements: drive gets 1003's cartridge, its own goes to 1009. */
    assert_int_equal(move(fx, 1002, 256), 0);
    assert_int_equal(exchange(fx, 1003, 256, 1009), 0);
    assert_string_equal(fx_voltag(fx, 256), "VT0004L8");
    assert_string_equal(fx_voltag(fx, 1009), "VT0003L8");
    assert_string_equal(fx_voltag(fx, 1003), "");
    assert_int_equal(fx_element(fx, 1009).source_address, 256);
    assert_false(fx_element(fx, 1).full);

    const char *before = strdup(slot_map(fx));
    assert_int_equal(exchange(fx, 1000, 256, 1001), ERROR_RESOURCE_NOT_AVAILABLE); /* 1001 full */
    assert_int_equal(exchange(fx, 1003, 256, 1000), ERROR_MEDIA_UNAVAILABLE);      /* src empty */
    assert_int_equal(exchange(fx, 1000, 257, 1003), ERROR_MEDIA_UNAVAILABLE);      /* dst1 empty */
    assert_int_equal(exchange(fx, 1000, 1000, 1003), ERROR_INVALID_PARAMETER);
    assert_int_equal(exchange(fx, 1000, 4000, 1003), ERROR_INVALID_ADDRESS);
    /* A cartridge stranded in the picker blocks exchanges, not moves. */
    char img[512];
    fx_path(fx, img, sizeof img, "cartridges/VT0005L8.img");
    assert_int_equal(move(fx, 1004, 1), 0);
    assert_true(fx_element(fx, 1).full);
    assert_int_equal(exchange(fx, 1000, 256, 1003), ERROR_TRANSPORT_FULL);
    assert_int_equal(move(fx, 1, 1004), 0);
    assert_string_equal(slot_map(fx), before);
    assert_string_equal(fx_voltag(fx, 256), "VT0004L8");
    free((void *)before);
}

static void test_operator_insert_and_check(void **state)
{
    fx_t *fx = *state;
    element_status_t s;
    fx_status(fx, ELEM_PORT, &s); /* status resets check() */
    element_status_free(&s);
    assert_false(fx_changed(fx));

    /* Locked and closed: the operator cannot reach the port. */
    assert_int_equal(lock(fx, true), 0);
    assert_true(fx_exists(fx, "door-locked"));
    assert_false(fx_changed(fx)); /* our own change is no news */
    assert_int_equal(insert(fx, 16, "NEW001"), ERROR_ACCESS_DENIED);
    assert_false(fx_changed(fx));

    /* The application opens the port; the operator drops a cartridge in. */
    assert_int_equal(port(fx, 16, true), 0);
    assert_true(fx_exists(fx, "ports/16.open"));
    assert_int_equal(insert(fx, 16, "NEW001"), 0);
    assert_true(fx_changed(fx));
    assert_true(fx_changed(fx)); /* until the next status */
    element_t p = fx_element(fx, 16);
    assert_true(p.full && p.has_voltag && p.impexp);
    assert_false(p.access);
    assert_false(p.source_valid);
    assert_string_equal(p.voltag, "NEW001");
    assert_false(fx_changed(fx));

    /* The robot takes it in once the port is closed. */
    assert_int_equal(move(fx, 16, 1009), ERROR_MEDIUM_NOT_ACCESSIBLE);
    assert_int_equal(port(fx, 16, false), 0);
    assert_int_equal(move(fx, 16, 1009), 0);
    assert_string_equal(fx_voltag(fx, 1009), "NEW001");
    assert_false(fx_changed(fx));
    assert_int_equal(lock(fx, false), 0);

    /* Operator errors. */
    assert_int_equal(insert(fx, 16, "VT0001L8"), ERROR_ALREADY_EXISTS);
    assert_int_equal(insert(fx, 16, "bad/code"), ERROR_INVALID_NAME);
    assert_int_equal(insert(fx, 16, ""), ERROR_INVALID_NAME);
    assert_int_equal(insert(fx, 1000, "NEW002"), ERROR_INVALID_ADDRESS);
    assert_int_equal(insert(fx, 17, "NEW002"), 0); /* unlocked: front panel */
    assert_int_equal(insert(fx, 17, "NEW003"), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(take(fx, 16), ERROR_MEDIA_UNAVAILABLE);
    assert_true(fx_changed(fx));
    char why[64];
    assert_int_equal(virtual_insert(fx->dir, 16, "X1", why, sizeof why), ERROR_FILE_NOT_FOUND);
}

static void test_export_and_reinsert_keeps_data(void **state)
{
    fx_t *fx = *state;
    char img[512];
    fx_path(fx, img, sizeof img, "cartridges/VT0001L8.img");
    FILE *f = fopen(img, "r+");
    assert_non_null(f);
    fputs("written by the application", f);
    fclose(f);

    assert_int_equal(move(fx, 1000, 17), 0);
    assert_int_equal(take(fx, 17), 0); /* out of the library, onto the shelf */
    assert_false(fx_element(fx, 17).full);
    assert_true(fx_exists(fx, "cartridges/VT0001L8.img"));

    assert_int_equal(insert(fx, 16, "VT0001L8"), 0);
    assert_true(fx_element(fx, 16).impexp);
    assert_int_equal(move(fx, 16, 256), 0);
    drive_t *d;
    char why[256];
    uint8_t buf[64];
    size_t got = 0;
    assert_int_equal(virtual_drive_open(fx->c, 0, &d, why, sizeof why), 0);
    assert_int_equal(d->ops->read_first_block(d, buf, sizeof buf, &got, why, sizeof why), 0);
    assert_int_equal(got, sizeof buf);
    assert_memory_equal(buf, "written by the application", 26);
    d->ops->close(d);
}

static void test_change_by_hand_is_seen(void **state)
{
    fx_t *fx = *state;
    element_status_t s;
    fx_status(fx, ELEM_SLOT, &s);
    element_status_free(&s);
    assert_false(fx_changed(fx));
    char img[512];
    fx_path(fx, img, sizeof img, "cartridges/VT0002L8.img");
    assert_int_equal(move(fx, 1001, 1008), 0);
    assert_false(fx_changed(fx));
    /* Someone puts a link in a port with ln -s: no generation bump. */
    fx_path(fx, img, sizeof img, "cartridges/VT0003L8.img");
    fx_symlink(fx, img, "ports/17");
    assert_true(fx_changed(fx));
    /* Our own move does not hide the pending change. */
    assert_int_equal(move(fx, 1008, 1001), 0);
    assert_true(fx_changed(fx));
    /* Status shows the duplicate as it is; a rescan repairs it. */
    assert_string_equal(fx_voltag(fx, 17), "VT0003L8");
    WHY;
    assert_int_equal(fx->c->ops->rescan(fx->c, 0, 0, why, sizeof why), 0);
    assert_string_equal(fx_voltag(fx, 17), "");
    assert_string_equal(fx_voltag(fx, 1002), "VT0003L8");
}

/* The operator's process and rsmd's worker change the library at the same
 * time; the lock keeps each step whole and neither sees an error. */
static void test_two_processes(void **state)
{
    fx_t *fx = *state;
    enum { ROUNDS = 200 };
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        log_set_level(LOG_LVL_WARN);
        int bad = 0;
        for (int i = 0; i < ROUNDS; i++) {
            bad += insert(fx, 17, "OPX001") != 0;
            bad += take(fx, 17) != 0;
        }
        _exit(bad ? 1 : 0);
    }
    for (int i = 0; i < ROUNDS; i++) {
        assert_int_equal(move(fx, 1000, 256), 0);
        assert_int_equal(move(fx, 256, 1000), 0);
        const char *in17 = fx_voltag(fx, 17);
        assert_true(!*in17 || !strcmp(in17, "OPX001"));
    }
    int status = -1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_string_equal(fx_voltag(fx, 1000), "VT0001L8");
    assert_string_equal(fx_voltag(fx, 17), "");
    assert_true(fx_exists(fx, "cartridges/OPX001.img"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_created_layout, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_status_per_type, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_move_slot_drive_slot_port, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_move_errors, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_exchange, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_operator_insert_and_check, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_export_and_reinsert_keeps_data, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_change_by_hand_is_seen, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_two_processes, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
