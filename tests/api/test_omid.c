/*
 * test_omid.c - on-media inventories of the virtual library of
 * labels.conf, whose six cartridges are given labels by writing their
 * images directly (what another host's backup software would have left),
 * or of the tgtd library of tests/integration/test_omid_tgt.sh, whose
 * cartridges tgt-label-tapes labelled the same way over iSCSI:
 *
 *   1  MTF (assembled)          -> Import
 *   2  ANSI VOL1 "ABC123"       -> Import
 *   3  blank                    -> stays Unrecognized
 *   4  our own free label       -> Free
 *   5  a label library's label  -> Import, the plug-in's type
 *   6  a tar archive (by tar)   -> Import
 *
 * NTMS_INVENTORY_OMID reads each on a drive and puts each cartridge back
 * in its slot; a second one reads only the blank one again;
 * IdentifyNtmsSlot reads one slot whatever it holds, and (virtual library)
 * a cartridge whose label changed behind rsmd's back is caught (the record
 * is kept).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/label/images.h"
#include "label/freelabel.h"
#include "mediatest.h"

#define CARTRIDGES 6

static NTMS_GUID lib;

/* Put `len` bytes at the start of cartridge n's image (virtual library). */
static void write_image(unsigned n, const void *buf, size_t len)
{
    char path[512], code[16];
    snprintf(path, sizeof path, "%s/cartridges/%s.img", lt_root(mt_library_name()), mt_tape(code, sizeof code, n));
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, buf, len, 0), (ssize_t)len);
    close(fd);
}

static void label_cartridges(void)
{
    static uint8_t buf[16384];
    char cmd[1024];

    write_image(1, buf, image_mtf(buf, sizeof buf, "Backup Exec", "Weekly 3", "", false, false));
    write_image(2, buf, image_vol1(buf, sizeof buf, "ABC123", NULL, false));
    label_free_t fl = {.written = 1700000000};
    mt_tape(fl.name, sizeof fl.name, 4);
    memset(fl.side, 0x77, sizeof fl.side);
    write_image(4, buf, label_free_write(&fl, buf, sizeof buf));
    static const char good[] = "GOODLBL:TAPE0005Monthly archive\n";
    write_image(5, good, sizeof good - 1);
    snprintf(cmd, sizeof cmd,
             "cd %s && mkdir -p tarsrc && echo data > tarsrc/file && tar --format=ustar -cf - tarsrc/file | "
             "dd of=cartridges/VT0006L8.img conv=notrunc status=none",
             lt_root(mt_library_name()));
    assert_int_equal(system(cmd), 0);
}

static NTMS_GUID system_pool(HANDLE h, const char *kind)
{
    char path[64];
    snprintf(path, sizeof path, "%s\\%s", kind, mt_library_type());
    return mt_pool(h, path, NULL);
}

static NTMS_GUID medium(HANDLE h, unsigned n)
{
    char code[16];
    NTMS_GUID id;
    assert_true(lt_medium(h, mt_tape(code, sizeof code, n), &id));
    return id;
}

static void side_label(HANDLE h, unsigned n, NTMS_OBJECTINFORMATIONA *side)
{
    NTMS_GUID m = medium(h, n), sides[4];
    assert_int_equal(lt_list(h, &m, NTMS_PARTITION, sides), 1);
    lt_get(h, &sides[0], NTMS_PARTITION, side);
}

/* The newest PROCESSOMID request of the library once it has ended. */
static DWORD last_read(HANDLE h, NTMS_GUID *req)
{
    NTMS_OBJECTINFORMATIONA info;
    assert_true(lt_last_request(h, &lib, NTMS_LM_PROCESSOMID, req));
    lt_wait_request(h, req, &info);
    return info.Info.LibRequest.State;
}

static void omid_inventory(HANDLE h, NTMS_GUID *req)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID inv;
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_OMID), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_INVENTORY, &inv));
    lt_wait_request(h, &inv, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(last_read(h, req), NTMS_LM_PASSED);
}

static void test_omid_inventory(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA side;
    NTMS_GUID req, first, m;

    char name4[16];
    lib = lt_library(h, mt_library_name());
    mt_tape(name4, sizeof name4, 4);
    NTMS_GUID import = system_pool(h, "Import"), unrec = system_pool(h, "Unrecognized"),
              free_pool = system_pool(h, "Free");
    lt_inventory(h, &lib);
    for (unsigned i = 1; i <= CARTRIDGES; i++) {
        m = medium(h, i);
        NTMS_GUID p = mt_pool_of(h, &m);
        assert_memory_equal(&p, &unrec, sizeof p);
    }
    if (mt_library_is_virtual())
        label_cartridges(); /* tgt-label-tapes wrote tgtd's */
    omid_inventory(h, &first);

    const struct {
        const NTMS_GUID *pool;
        const char *type, *info;
    } want[CARTRIDGES + 1] = {
        [1] = {&import, "Backup Exec", "Weekly 3"}, [2] = {&import, "ANSI", "ABC123"},
        [3] = {&unrec, "", ""},                      [4] = {&free_pool, "RSM", name4},
        [5] = {&import, "Good Backup", "Monthly archive"}, [6] = {&import, "USTAR", "tarsrc/file"},
    };
    for (unsigned i = 1; i <= CARTRIDGES; i++) {
        char code[16];
        m = medium(h, i);
        NTMS_GUID p = mt_pool_of(h, &m);
        if (memcmp(&p, want[i].pool, sizeof p) != 0)
            fail_msg("cartridge %u is not in the pool expected", i);
        side_label(h, i, &side);
        assert_string_equal(side.Info.Partition.szOmidLabelType, want[i].type);
        assert_string_equal(side.Info.Partition.szOmidLabelInfo, want[i].info);
        lt_assert_at(h, &lib, mt_tape(code, sizeof code, i), NTMS_STORAGESLOT, LT_SLOT1 + i - 1); /* back home */
    }
    side_label(h, 4, &side);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
    side_label(h, 1, &side);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_IMPORT);

    /* Again: only the blank one is read; nothing moves pools. */
    omid_inventory(h, &req);
    assert_memory_not_equal(&req, &first, sizeof req);
    m = medium(h, 3);
    NTMS_GUID p = mt_pool_of(h, &m);
    assert_memory_equal(&p, &unrec, sizeof p);
}

static void test_identify_slot(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA side, before;
    NTMS_GUID req;
    static uint8_t buf[4096];

    lib = lt_library(h, mt_library_name());
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, LT_SLOT1 + 1); /* cartridge 2 */
    side_label(h, 2, &before);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
    assert_int_equal(last_read(h, &req), NTMS_LM_PASSED);
    side_label(h, 2, &side);
    assert_memory_equal(&side.Info.Partition, &before.Info.Partition, sizeof side.Info.Partition);

    /* Relabelled behind rsmd's back: caught, and the record stays. */
    if (mt_library_is_virtual()) {
        char code[16];
        write_image(2, buf, image_vol1(buf, sizeof buf, "XYZ999", NULL, false));
        assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
        side_label(h, 2, &side);
        assert_string_equal(side.Info.Partition.szOmidLabelInfo, "ABC123");
        lt_assert_at(h, &lib, mt_tape(code, sizeof code, 2), NTMS_STORAGESLOT, LT_SLOT1 + 1);
    }

    /* An empty slot: success, no new record. */
    DWORD empty = lt_first_empty_slot(h, &lib);
    assert_true(empty != 0);
    slot = lt_element(h, &lib, NTMS_STORAGESLOT, empty);
    NTMS_GUID all[LT_MAX];
    DWORD n = lt_list(h, NULL, NTMS_PHYSICAL_MEDIA, all);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, 0), ERROR_SUCCESS);
    assert_int_equal(lt_list(h, NULL, NTMS_PHYSICAL_MEDIA, all), n);
}

static void test_log_lines(void **state)
{
    char path[512], text[512];
    bool mismatch = false;
    (void)state;
    if (!mt_library_is_virtual())
        return; /* tgt: no relabelling */
    snprintf(path, sizeof path, "%s/rsmd.log", getenv("RSM_TEST_DIR"));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(text, sizeof text, f) != NULL)
        mismatch = mismatch || strstr(text, "\"VT0002L8\": the label read (ANSI \"XYZ999\") is not the one "
                                            "recorded (ANSI \"ABC123\")") != NULL;
    fclose(f);
    assert_true(mismatch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_omid_inventory),
        cmocka_unit_test(test_identify_slot),
        cmocka_unit_test(test_log_lines),
    };
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
