/*
 * test_freelabel.c - the free-media label the service writes (daemon/label/
 * freewrite.c), and the start-up inventory of an OMID library reading
 * labels (daemon/label/omid.c), on the virtual library of freelabel.conf
 * (InventoryMethod OMID), over two runs of rsmd on one directory
 * (library_restart.sh):
 *
 * phase1
 *   - at start the service read the (blank) cartridges' labels on its own:
 *     a PROCESSOMID request nobody asked for, passed;
 *   - MoveToNtmsMediaPool into Free answers at once; a WRITESCRATCH
 *     request for the medium then passes, the cartridge's image begins
 *     with our label naming the side, the side's OMID is that label, the
 *     cartridge is back home, and reading it again (IdentifyNtmsSlot, an
 *     OMID inventory) keeps it in Free;
 *   - allocated, written over by the application, mounted (its changed
 *     label is no reason to refuse), deallocated with TOSCRATCH while it
 *     is still in the drive: labelled again once it is home;
 *   - write-protected: the request fails ERROR_WRITE_PROTECT, the side
 *     keeps its identity, the image is untouched, one log line; moved into
 *     Free again once writable, it is labelled;
 *   - moved into Free while offline: nothing written; labelled when it is
 *     injected;
 *   - then cartridges 5 and 6 get labels behind rsmd's back (VOL1, MTF) and
 *     the write protection is lifted;
 * phase2 (rsmd restarted)
 *   - the start-up inventory placed 5 and 6 in Import without a call;
 *   - the cartridge whose write failed is labelled now;
 *   - cartridge 1 is still in Free with its label.
 *
 * tests/integration/test_freelabel_tgt.sh runs phase1 against a tgtd
 * library (the RSM_MEDIA_* variables, mediatest.h), where rsmd writes
 * through SSC: there the label on the tape is checked by reading it back
 * (IdentifyNtmsSlot: a label that is not the recorded one would be a
 * mismatch), and what needs the virtual library's directory (images,
 * write protection, the operator's hands) is left out.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../unit/label/images.h"
#include "label/freelabel.h"
#include "mediatest.h"
#include "wire.h"

static NTMS_GUID lib;

static const char *image_path(unsigned n)
{
    static char path[512];
    char code[16];
    snprintf(path, sizeof path, "%s/cartridges/%s.img", lt_root(mt_library_name()), mt_tape(code, sizeof code, n));
    return path;
}

static void write_image(unsigned n, const void *buf, size_t len)
{
    int fd = open(image_path(n), O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, buf, len, 0), (ssize_t)len);
    close(fd);
}

static void read_image(unsigned n, uint8_t *buf, size_t len)
{
    int fd = open(image_path(n), O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(pread(fd, buf, len, 0), (ssize_t)len);
    close(fd);
}

static NTMS_GUID medium(HANDLE h, unsigned n)
{
    char code[16];
    NTMS_GUID id;
    assert_true(lt_medium(h, mt_tape(code, sizeof code, n), &id));
    return id;
}

static NTMS_GUID first_side(HANDLE h, NTMS_GUID *m, NTMS_OBJECTINFORMATIONA *side)
{
    NTMS_GUID sides[4];
    assert_int_equal(lt_list(h, m, NTMS_PARTITION, sides), 1);
    lt_get(h, &sides[0], NTMS_PARTITION, side);
    return sides[0];
}

static NTMS_GUID system_pool(HANDLE h, const char *kind)
{
    char path[64];
    snprintf(path, sizeof path, "%s\\%s", kind, mt_library_type());
    return mt_pool(h, path, NULL);
}

static void assert_in_pool(HANDLE h, NTMS_GUID *m, NTMS_GUID *pool)
{
    NTMS_GUID p = mt_pool_of(h, m);
    assert_guid_equal(&p, pool);
}

/* The newest request of `op` about medium `m` other than `not` (may be
 * NULL), waited for (bounded) to appear and then to end. */
static DWORD request_for(HANDLE h, DWORD op, const NTMS_GUID *m, const NTMS_GUID *not, NTMS_OBJECTINFORMATIONA *out)
{
    NTMS_GUID v[LT_MAX];
    for (unsigned waited = 0; waited <= LT_WAIT_MS; waited += 50) {
        DWORD n = lt_list(h, &lib, NTMS_LIBREQUEST, v);
        for (DWORD i = n; i-- > 0;) {
            lt_get(h, &v[i], NTMS_LIBREQUEST, out);
            if (out->Info.LibRequest.OperationCode != op ||
                (m != NULL && memcmp(&out->Info.LibRequest.PhysMediaId, m, sizeof *m) != 0) ||
                (not != NULL && memcmp(&v[i], not, sizeof v[i]) == 0))
                continue;
            lt_wait_request(h, &v[i], out);
            return out->Info.LibRequest.State;
        }
        lt_sleep_ms(50);
    }
    fail_msg("no library request of operation %u appeared", (unsigned)op);
    return 0;
}

/* Cartridge n carries our free label for `side` (the virtual library: its
 * image begins with it), which is also the side's recorded identifier. */
static void assert_labelled(HANDLE h, unsigned n, const NTMS_GUID *side_id)
{
    uint8_t buf[LABEL_FREE_BLOCK], want[16];
    label_free_t fl;
    NTMS_OBJECTINFORMATIONA side;
    char code[16];

    wire_guid_to_bytes(side_id, want);
    mt_tape(code, sizeof code, n);
    if (mt_library_is_virtual()) {
        read_image(n, buf, sizeof buf);
        assert_true(label_free_read(buf, sizeof buf, &fl));
        assert_memory_equal(fl.side, want, sizeof want);
        assert_string_equal(fl.name, code);
    }
    lt_get(h, side_id, NTMS_PARTITION, &side);
    assert_string_equal(side.Info.Partition.szOmidLabelType, LABEL_FREE_TYPE);
    assert_int_equal(side.Info.Partition.dwOmidLabelIdLength, sizeof want);
    assert_memory_equal(side.Info.Partition.OmidLabelId, want, sizeof want);
    assert_string_equal(side.Info.Partition.szOmidLabelInfo, code);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
}

/* Lines of rsmd's log that contain `text`. */
static unsigned log_lines(const char *text)
{
    char path[512], line[1024];
    unsigned n = 0;
    snprintf(path, sizeof path, "%s/rsmd.log", getenv("RSM_TEST_DIR"));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL)
        n += strstr(line, text) != NULL;
    fclose(f);
    return n;
}

/* --- phase 1 ------------------------------------------------------------------ */

static void test_startup_reads_labels(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID unrec;

    lib = lt_library(h, mt_library_name());
    assert_int_equal(request_for(h, NTMS_LM_PROCESSOMID, NULL, NULL, &info), NTMS_LM_PASSED);
    unrec = system_pool(h, "Unrecognized");
    for (unsigned i = 1; i <= 6; i++) {
        NTMS_GUID m = medium(h, i);
        assert_in_pool(h, &m, &unrec); /* blank: read, and still nobody's */
    }
}

static void test_move_to_free(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID m = medium(h, 1), free_pool = system_pool(h, "Free"), req, again;
    char code[16];

    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);
    NTMS_GUID side_id = first_side(h, &m, &side);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, NULL, &info), NTMS_LM_PASSED);
    req = info.ObjectGuid;
    assert_guid_equal(&info.Info.LibRequest.PartitionId, &side_id);
    assert_guid_equal(&info.Info.LibRequest.Library, &lib);
    assert_labelled(h, 1, &side_id);
    lt_assert_at(h, &lib, mt_tape(code, sizeof code, 1), NTMS_STORAGESLOT, LT_SLOT1);
    assert_in_pool(h, &m, &free_pool);

    /* Read again, it is known: still Free, nothing written again. */
    NTMS_GUID slot = lt_element(h, &lib, NTMS_STORAGESLOT, LT_SLOT1);
    assert_int_equal(IdentifyNtmsSlot(h, &slot, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_OMID), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_INVENTORY, &again));
    lt_wait_request(h, &again, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_assert_at(h, &lib, code, NTMS_STORAGESLOT, LT_SLOT1);
    assert_in_pool(h, &m, &free_pool);
    assert_labelled(h, 1, &side_id);
    assert_true(lt_last_request(h, &lib, NTMS_LM_WRITESCRATCH, &again));
    assert_guid_equal(&again, &req);
    assert_int_equal(log_lines("is not the one recorded"), 0); /* read back: the label written */
}

static void test_allocate_write_deallocate(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID m = medium(h, 1), pool = mt_pool(h, "Free label app", mt_library_type()), lmid, drive, first;
    static uint8_t buf[4096];

    assert_true(lt_last_request(h, &lib, NTMS_LM_WRITESCRATCH, &first));
    mt_set_policy(h, &pool, NTMS_ALLOCATE_FROMSCRATCH, NTMS_DEALLOCATE_TOSCRATCH, 0);
    assert_int_equal(mt_alloc(h, &pool, 0, 0, &lmid), ERROR_SUCCESS);
    NTMS_GUID side_id = mt_side_of(h, &lmid), on = mt_medium_of(h, &side_id);
    assert_guid_equal(&on, &m); /* the only Free medium of the type */
    lt_get(h, &side_id, NTMS_PARTITION, &side);
    assert_int_equal(side.Info.Partition.dwOmidLabelIdLength, 0); /* the free label is the application's now */

    /* The application writes its own label; mounting is not refused. */
    if (mt_library_is_virtual())
        write_image(1, buf, image_vol1(buf, sizeof buf, "APP001", NULL, false));
    assert_int_equal(MountNtmsMedia(h, &lmid, &drive, 1, 0, 0, 10000, NULL), ERROR_SUCCESS);
    assert_int_equal(DismountNtmsMedia(h, &lmid, 1, NTMS_DISMOUNT_IMMEDIATE), ERROR_SUCCESS);
    assert_int_equal(DeallocateNtmsMedia(h, &lmid, 0), ERROR_SUCCESS);
    NTMS_GUID free_pool = system_pool(h, "Free");
    assert_in_pool(h, &m, &free_pool);

    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, &first, &info), NTMS_LM_PASSED);
    assert_labelled(h, 1, &side_id);
}

static void test_write_protected(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID m = medium(h, 3), free_pool = system_pool(h, "Free"), op[LT_MAX];
    uint8_t buf[LABEL_FREE_BLOCK], zero[LABEL_FREE_BLOCK] = {0};
    char code[16];

    if (!mt_library_is_virtual())
        return; /* the directory and the operator's hands are the virtual library's */
    assert_int_equal(chmod(image_path(3), 0444), 0);
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);
    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, NULL, &info), NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_WRITE_PROTECT);
    lt_sleep_ms(1000); /* nothing more comes of it */
    first_side(h, &m, &side);
    assert_int_equal(side.Info.Partition.dwOmidLabelIdLength, 0);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_AVAILABLE);
    read_image(3, buf, sizeof buf);
    assert_memory_equal(buf, zero, sizeof buf);
    lt_assert_at(h, &lib, mt_tape(code, sizeof code, 3), NTMS_STORAGESLOT, LT_SLOT1 + 2);
    assert_in_pool(h, &m, &free_pool);
    assert_int_equal(log_lines("\"VT0003L8\" keeps its label"), 1);
    assert_int_equal(lt_list(h, NULL, NTMS_OPREQUEST, op), 0);
}

/* Protected, then not: moving it into the Free pool it is in asks again. */
static void test_write_protected_then_asked_again(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID m = medium(h, 4), free_pool = system_pool(h, "Free"), failed;

    if (!mt_library_is_virtual())
        return;
    assert_int_equal(chmod(image_path(4), 0444), 0);
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);
    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, NULL, &info), NTMS_LM_FAILED);
    failed = info.ObjectGuid;
    assert_int_equal(chmod(image_path(4), 0644), 0);
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);
    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, &failed, &info), NTMS_LM_PASSED);
    NTMS_GUID side_id = first_side(h, &m, &side);
    assert_labelled(h, 4, &side_id);
}

static void test_offline_then_injected(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID stage = mt_pool(h, "Free label stage", mt_library_type()), free_pool = system_pool(h, "Free");
    NTMS_GUID m, side_id, op, off = lt_offline(h), last;

    if (!mt_library_is_virtual())
        return; /* the directory and the operator's hands are the virtual library's */
    mt_create(h, &stage, 1, NTMS_PARTSTATE_AVAILABLE, "VT0007L8", &m, &side_id);
    assert_int_equal(MoveToNtmsMediaPool(h, &m, &free_pool), ERROR_SUCCESS);
    lt_sleep_ms(500);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &off);
    assert_true(lt_last_request(h, &lib, NTMS_LM_WRITESCRATCH, &last));
    lt_get(h, &last, NTMS_LIBREQUEST, &info);
    assert_memory_not_equal(&info.Info.LibRequest.PhysMediaId, &m, sizeof m); /* nothing to write it on */

    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    lt_insert(lt_root(mt_library_name()), LT_PORT1, "VT0007L8");
    assert_int_equal(InjectNtmsMedia(h, &lib, &op, NTMS_INJECT_STOP), ERROR_SUCCESS);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &lib);

    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m, NULL, &info), NTMS_LM_PASSED);
    assert_labelled(h, 7, &side_id);
    first_side(h, &m, &side);
    assert_in_pool(h, &m, &free_pool);
}

/* For phase 2: labels written behind rsmd's back, the protection lifted. */
static void test_prepare_restart(void **state)
{
    static uint8_t buf[16384];
    (void)state;
    if (!mt_library_is_virtual())
        return;
    write_image(5, buf, image_vol1(buf, sizeof buf, "VOL555", NULL, false));
    write_image(6, buf, image_mtf(buf, sizeof buf, "Backup Exec", "Weekly 6", "", false, false));
    assert_int_equal(chmod(image_path(3), 0644), 0);
}

/* --- phase 2 ------------------------------------------------------------------ */

static void test_startup_placed(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID import, unrec;

    lib = lt_library(h, mt_library_name());
    assert_int_equal(request_for(h, NTMS_LM_PROCESSOMID, NULL, NULL, &info), NTMS_LM_PASSED);
    import = system_pool(h, "Import");
    unrec = system_pool(h, "Unrecognized");
    NTMS_GUID m5 = medium(h, 5), m6 = medium(h, 6), m2 = medium(h, 2);
    assert_in_pool(h, &m5, &import);
    first_side(h, &m5, &side);
    assert_string_equal(side.Info.Partition.szOmidLabelType, "ANSI");
    assert_string_equal(side.Info.Partition.szOmidLabelInfo, "VOL555");
    assert_in_pool(h, &m6, &import);
    first_side(h, &m6, &side);
    assert_string_equal(side.Info.Partition.szOmidLabelType, "Backup Exec");
    assert_in_pool(h, &m2, &unrec);
}

static void test_restart_labels(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, side;
    NTMS_GUID m3 = medium(h, 3), m1 = medium(h, 1), free_pool = system_pool(h, "Free");

    assert_int_equal(request_for(h, NTMS_LM_WRITESCRATCH, &m3, NULL, &info), NTMS_LM_PASSED);
    NTMS_GUID s3 = first_side(h, &m3, &side), s1 = first_side(h, &m1, &side);
    assert_labelled(h, 3, &s3);
    assert_labelled(h, 1, &s1);
    assert_in_pool(h, &m1, &free_pool);
    assert_in_pool(h, &m3, &free_pool);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest phase1[] = {
        cmocka_unit_test(test_startup_reads_labels), cmocka_unit_test(test_move_to_free),
        cmocka_unit_test(test_allocate_write_deallocate), cmocka_unit_test(test_write_protected),
        cmocka_unit_test(test_write_protected_then_asked_again),
        cmocka_unit_test(test_offline_then_injected), cmocka_unit_test(test_prepare_restart),
    };
    const struct CMUnitTest phase2[] = {
        cmocka_unit_test(test_startup_placed),
        cmocka_unit_test(test_restart_labels),
    };
    if (argc > 1 && strcmp(argv[1], "phase2") == 0)
        return cmocka_run_group_tests(phase2, lt_setup, lt_teardown);
    return cmocka_run_group_tests(phase1, lt_setup, lt_teardown);
}
