/*
 * tgt_clean.c - drive cleaning against a real SCSI library: a private tgtd
 * (layout --slots 8 --tapes 3 --drives 2 --ports 2, test_clean.sh) that
 * rsmd runs as library "tgt", its first drive behind the scripted
 * transport (script:RULES@drive), so the test can make it speak TapeAlert
 * and sense codes tgtd never produces.
 *
 *   tgt_clean auto   TGT_LIB DIR RAW_RES RULES   (auto_clean = yes)
 *   tgt_clean manual TGT_LIB DIR RAW_RES RULES   (the same database, auto_clean = no)
 *
 * auto: the cleaner slot reserved and released (each refusal with its
 * code), a cleaner injected through a port, drives cleaned until the
 * cleaner is used up and the operator request that follows, a cleaning
 * waiting for a cleaner, the spent cleaner ejected and a new one injected
 * (the waiting cleaning goes on), and a dismount after which the drive's
 * TapeAlert page asks to be cleaned (the service cleans it). manual: a
 * drive asking by sense 00/17 gets an operator request, not a cleaning;
 * a cleaner the drive calls expired (TapeAlert 22) is used up at once.
 * tgtd's drive does not clean: it holds the cleaner as a medium, so each
 * cleaning ends after the library's clean_hold (docs/design/cleaning.md).
 * After every robot step the placement cross-check (placement.h) compares
 * rsmd's objects with the element status raw-res reads.
 */
#include "../api/libtest.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"

#define CLEANER_SLOT 1007
#define DRIVE2 257

static const char *tgt_lib, *dir, *raw_res, *rules;
static char url[512];
static NTMS_GUID lib;

/* ------------------------------------------------------------------------ */
/* Helpers */

/* The operator at the library: tgt-lib subcommand `sub` on our instance. */
static void operator(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void operator(const char *sub, const char *fmt, ...)
{
    char args[512], cmd[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s '%s' %s >/dev/null", tgt_lib, sub, dir, args);
    if (system(cmd) != 0)
        fail_msg("operator: %s failed", cmd);
}

/* What drive 1 says from now on (the scripted transport's rules). */
static void drive1_says(const char *text)
{
    char tmp[4096];
    FILE *f;

    snprintf(tmp, sizeof tmp, "%s.new", rules);
    f = fopen(tmp, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(rename(tmp, rules), 0);
}

/* A TapeAlert page of all 64 flags with flag `flag` set (0: none). */
static void tapealert_rule(unsigned flag, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "4d .. 6e : data 2e 00 01 40");
    for (unsigned f = 1; f <= 64 && n < len; f++)
        n += (size_t)snprintf(buf + n, len - n, " 00 %02x 03 01 %02x", f, f == flag ? 1 : 0);
    snprintf(buf + n, len - n, "\n");
}

static void placement(HANDLE h)
{
    assert_int_equal(placement_check(h, &lib, raw_res, url), 0);
}

static NTMS_OBJECTINFORMATIONA library(HANDLE h)
{
    NTMS_OBJECTINFORMATIONA info;
    lt_get(h, &lib, NTMS_LIBRARY, &info);
    return info;
}

static DWORD clean_count(HANDLE h, NTMS_GUID *drive)
{
    DWORD count = 0, size = sizeof count;
    DWORD err = GetNtmsObjectAttributeA(h, drive, NTMS_DRIVE, "RSM_CleanCount", &count, &size);
    return err == ERROR_OBJECT_NOT_FOUND ? 0 : (assert_int_equal(err, 0), count);
}

/* The open operator requests of type `type` about `arg1`. */
static DWORD open_opreqs(HANDLE h, DWORD type, const NTMS_GUID *arg1, NTMS_OBJECTINFORMATIONA *last)
{
    NTMS_GUID v[LT_MAX];
    DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, v), count = 0;

    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        lt_get(h, &v[i], NTMS_OPREQUEST, &o);
        if (o.Info.OpRequest.Request == type && memcmp(&o.Info.OpRequest.Arg1, arg1, sizeof *arg1) == 0 &&
            o.Info.OpRequest.State != NTMS_OPSTATE_REFUSED && o.Info.OpRequest.State != NTMS_OPSTATE_COMPLETE) {
            count++;
            if (last != NULL)
                *last = o;
        }
    }
    return count;
}

/* Wait (bounded) until there are `want` cleaning requests of `lib`. */
static void wait_cleanings(HANDLE h, DWORD want, NTMS_GUID *newest)
{
    for (unsigned waited = 0; waited <= LT_WAIT_MS; waited += 50) {
        NTMS_GUID v[LT_MAX];
        DWORD n = lt_list(h, &lib, NTMS_LIBREQUEST, v), count = 0;
        for (DWORD i = 0; i < n; i++) {
            NTMS_OBJECTINFORMATIONA o;
            lt_get(h, &v[i], NTMS_LIBREQUEST, &o);
            if (o.Info.LibRequest.OperationCode == NTMS_LM_CLEANDRIVE) {
                count++;
                *newest = v[i];
            }
        }
        if (count >= want) {
            assert_int_equal(count, want);
            return;
        }
        lt_sleep_ms(50);
    }
    fail_msg("fewer than %u cleaning requests", (unsigned)want);
}

static DWORD count_cleanings(HANDLE h)
{
    NTMS_GUID v[LT_MAX];
    DWORD n = lt_list(h, &lib, NTMS_LIBREQUEST, v), count = 0;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        lt_get(h, &v[i], NTMS_LIBREQUEST, &o);
        count += o.Info.LibRequest.OperationCode == NTMS_LM_CLEANDRIVE;
    }
    return count;
}

/* Clean `drive` with CleanNtmsDrive and wait for the request's end. */
static NTMS_OBJECTINFORMATIONA clean(HANDLE h, NTMS_GUID *drive)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID req;
    DWORD before = count_cleanings(h);

    assert_int_equal(CleanNtmsDrive(h, drive), ERROR_SUCCESS);
    wait_cleanings(h, before + 1, &req);
    lt_wait_request(h, &req, &info);
    return info;
}

/* Mount medium `code` (at home in `slot`) in drive 1 and dismount it at
 * once. */
static void mount_and_dismount(HANDLE h, const char *code, DWORD slot)
{
    NTMS_GUID m, drive = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1);

    assert_true(lt_medium(h, code, &m));
    assert_int_equal(MountNtmsMedia(h, &m, &drive, 1, NTMS_MOUNT_READ | NTMS_MOUNT_SPECIFIC_DRIVE, 0, 20000, NULL),
                     0);
    lt_assert_at(h, &lib, code, NTMS_DRIVE, LT_DRIVE1);
    assert_int_equal(DismountNtmsMedia(h, &m, 1, NTMS_DISMOUNT_IMMEDIATE), 0);
    for (int i = 0; i < LT_WAIT_MS / 50 && lt_element_state(h, &lib, NTMS_DRIVE, LT_DRIVE1) !=
                                              NTMS_DRIVESTATE_DISMOUNTED; i++)
        lt_sleep_ms(50);
    lt_assert_at(h, &lib, code, NTMS_STORAGESLOT, slot);
}

/* The cleaner with bar code `code` in through port 16, `uses` left. */
/* InjectNtmsCleaner of `code` through port 16. `in_slot`: assert it is in
 * the cleaner slot afterwards (not when a waiting cleaning may already be
 * taking it to a drive). */
static void inject_cleaner(HANDLE h, const char *code, DWORD uses, bool in_slot)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID op;

    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, uses, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_get(h, &op, NTMS_LIBREQUEST, &info);
    assert_int_equal(info.Info.LibRequest.OperationCode, NTMS_LM_INJECTCLEANER);
    lt_wait_state(h, &op, NTMS_LM_WAITING); /* the ports are open */
    operator("put", "--port 16 --barcode %s", code);
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    if (in_slot)
        lt_assert_at(h, &lib, code, NTMS_STORAGESLOT, CLEANER_SLOT);
}

static void inject(HANDLE h, const char *code, DWORD uses)
{
    inject_cleaner(h, code, uses, true);
}

/* ------------------------------------------------------------------------ */
/* auto */

static void test_reserve_release(void **state)
{
    HANDLE h = *state;
    NTMS_GUID slot, full, drive, op;
    NTMS_OBJECTINFORMATIONA info;

    lib = lt_library(h, "tgt");
    lt_inventory(h, &lib);
    placement(h);
    slot = lt_element(h, &lib, NTMS_STORAGESLOT, CLEANER_SLOT);
    full = lt_element(h, &lib, NTMS_STORAGESLOT, LT_SLOT1);
    drive = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1);
    assert_int_equal(ReserveNtmsCleanerSlot(h, NULL, &slot), ERROR_INVALID_PARAMETER);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &slot, &slot), ERROR_INVALID_LIBRARY);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &drive), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &full), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &lib), ERROR_CLEANER_SLOT_NOT_SET);
    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, 1, NTMS_INJECT_START), ERROR_CLEANER_SLOT_NOT_SET);
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_CLEANER_SLOT_NOT_SET);

    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &slot), ERROR_SUCCESS);
    info = library(h);
    assert_guid_equal(&info.Info.Library.CleanerSlot, &slot);
    assert_guid_equal(&info.Info.Library.CleanerSlotDefault, &slot);
    assert_true(info.Info.Library.LibrarySupportsDriveCleaning);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &slot), ERROR_CLEANER_SLOT_SET);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &lib), ERROR_SUCCESS);
    info = library(h);
    assert_true(memcmp(&info.Info.Library.CleanerSlot, &(NTMS_GUID){0}, sizeof slot) == 0);
    assert_int_equal(ReserveNtmsCleanerSlot(h, &lib, &slot), ERROR_SUCCESS);
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_EMPTY);
    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, 1, NTMS_INJECT_STARTMANY), ERROR_INVALID_PARAMETER);
    assert_int_equal(CleanNtmsDrive(h, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(CleanNtmsDrive(h, &lib), ERROR_INVALID_DRIVE);
}

static void test_inject(void **state)
{
    HANDLE h = *state;
    NTMS_OBJECTINFORMATIONA info, type;
    NTMS_GUID m, op;

    inject(h, "CLN001L1", 2);
    info = library(h);
    assert_int_equal(info.Info.Library.dwCleanerUsesRemaining, 2);
    assert_true(info.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT);
    assert_false(info.Info.Library.dwFlags & NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING);
    assert_true(lt_medium(h, "CLN001L1", &m));
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    lt_get(h, &info.Info.PhysicalMedia.MediaType, NTMS_MEDIA_TYPE, &type);
    assert_int_equal(type.Info.MediaType.MediaType, CLEANER_CARTRIDGE);
    /* one cleaner at a time; a slot with a cleaner is not released */
    assert_int_equal(InjectNtmsCleaner(h, &lib, &op, 2, NTMS_INJECT_START), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(ReleaseNtmsCleanerSlot(h, &lib), ERROR_CLEANER_CARTRIDGE_INSTALLED);
    placement(h);
}

static void test_clean_until_exhausted(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), d2 = lt_element(h, &lib, NTMS_DRIVE, DRIVE2);
    NTMS_OBJECTINFORMATIONA req, drive, op;

    req = clean(h, &d1);
    assert_int_equal(req.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_guid_equal(&req.Info.LibRequest.DriveId, &d1);
    assert_string_equal(req.Info.LibRequest.szApplication, "test_library");
    lt_get(h, &d1, NTMS_DRIVE, &drive);
    assert_true(drive.Info.Drive.LastCleanedTs.wYear >= 2024);
    assert_int_equal(drive.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
    assert_int_equal(clean_count(h, &d1), 1);
    lt_assert_at(h, &lib, "CLN001L1", NTMS_STORAGESLOT, CLEANER_SLOT);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 1);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_CLEANER, &lib, NULL), 0);
    placement(h);

    /* the last use: the operator is asked for a new cleaner */
    req = clean(h, &d2);
    assert_int_equal(req.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(clean_count(h, &d2), 1);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 0);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_CLEANER, &lib, &op), 1);
    assert_int_equal(op.Info.OpRequest.State, NTMS_OPSTATE_SUBMITTED);
    assert_non_null(strstr(op.Info.OpRequest.szMessage, "maximum usage"));
    placement(h);
}

static void test_replace_cleaner(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), waiting, op, m;
    NTMS_OBJECTINFORMATIONA info;

    /* no usable cleaner: the cleaning waits, and no second request is raised */
    assert_int_equal(CleanNtmsDrive(h, &d1), ERROR_SUCCESS);
    wait_cleanings(h, 3, &waiting);
    lt_wait_state(h, &waiting, NTMS_LM_WAITING);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_CLEANER, &lib, NULL), 1);

    /* the spent cleaner out: it is not kept in the offline library */
    assert_int_equal(EjectNtmsCleaner(h, &lib, &op, NTMS_EJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &op, NTMS_LM_WAITING);
    assert_int_equal(lt_element_state(h, &lib, NTMS_IEPORT, LT_PORT1), NTMS_PORTCONTENT_FULL);
    operator("clear", "--port 16");
    lt_wait_request(h, &op, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(info.Info.LibRequest.OperationCode, NTMS_LM_EJECTCLEANER);
    assert_false(lt_medium(h, "CLN001L1", &m));
    info = library(h);
    assert_false(info.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT);
    placement(h);

    /* a new one: the request for it is met, the waiting cleaning runs (and
     * may already be taking it to the drive) */
    inject_cleaner(h, "CLN002L1", 5, false);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_CLEANER, &lib, NULL), 0);
    lt_wait_request(h, &waiting, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_int_equal(clean_count(h, &d1), 2);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 4);
    placement(h);
}

/* After a dismount the drive's TapeAlert page says "clean now": the service
 * cleans it by itself (auto_clean), under a request of its own. */
static void test_tapealert_cleans(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1), req;
    NTMS_OBJECTINFORMATIONA info;
    char page[4096];
    DWORD before = count_cleanings(h);

    /* nothing asked: no cleaning */
    tapealert_rule(0, page, sizeof page);
    drive1_says(page);
    mount_and_dismount(h, "VL0001L6", LT_SLOT1);
    lt_sleep_ms(300);
    assert_int_equal(count_cleanings(h), before);

    tapealert_rule(20, page, sizeof page);
    drive1_says(page);
    mount_and_dismount(h, "VL0001L6", LT_SLOT1);
    drive1_says("");
    wait_cleanings(h, before + 1, &req);
    lt_wait_request(h, &req, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_PASSED);
    assert_string_equal(info.Info.LibRequest.szApplication, "RSM");
    assert_guid_equal(&info.Info.LibRequest.DriveId, &d1);
    assert_int_equal(clean_count(h, &d1), 3);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 3);
    placement(h);
}

/* ------------------------------------------------------------------------ */
/* manual */

static void test_sense_asks_operator(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d1;
    NTMS_OBJECTINFORMATIONA op;
    DWORD before;

    lib = lt_library(h, "tgt");
    lt_inventory(h, &lib);
    d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1);
    assert_false(library(h).Info.Library.LibrarySupportsDriveCleaning);
    before = count_cleanings(h);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_DEVICESERVICE, &d1, NULL), 0);
    /* no TapeAlert page (tgtd has none), but "cleaning requested" in the sense */
    drive1_says("03 : data 70 00 01 00 00 00 00 0a 00 00 00 00 00 17\n");
    mount_and_dismount(h, "VL0002L6", LT_SLOT1 + 1);
    for (int i = 0; i < LT_WAIT_MS / 50 && open_opreqs(h, NTMS_OPREQ_DEVICESERVICE, &d1, NULL) == 0; i++)
        lt_sleep_ms(50);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_DEVICESERVICE, &d1, &op), 1);
    assert_non_null(strstr(op.Info.OpRequest.szMessage, "needs cleaning"));
    assert_int_equal(count_cleanings(h), before); /* nothing queued by itself */
    /* asked again: still one request */
    mount_and_dismount(h, "VL0002L6", LT_SLOT1 + 1);
    lt_sleep_ms(300);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_DEVICESERVICE, &d1, NULL), 1);
    drive1_says("");
    placement(h);
}

/* The drive calls the cleaner expired (TapeAlert 22): it has no use left,
 * the cleaning fails, and the operator is asked for a new one. */
static void test_expired_cleaner(void **state)
{
    HANDLE h = *state;
    NTMS_GUID d1 = lt_element(h, &lib, NTMS_DRIVE, LT_DRIVE1);
    NTMS_OBJECTINFORMATIONA req;
    char page[4096];
    DWORD count = clean_count(h, &d1);

    assert_true(library(h).Info.Library.dwCleanerUsesRemaining > 0);
    tapealert_rule(22, page, sizeof page);
    drive1_says(page);
    req = clean(h, &d1);
    drive1_says("");
    assert_int_equal(req.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(req.Info.LibRequest.dwErrorCode, ERROR_CLEANER_CARTRIDGE_SPENT);
    assert_int_equal(clean_count(h, &d1), count);
    assert_int_equal(library(h).Info.Library.dwCleanerUsesRemaining, 0);
    assert_int_equal(open_opreqs(h, NTMS_OPREQ_CLEANER, &lib, NULL), 1);
    lt_assert_at(h, &lib, "CLN002L1", NTMS_STORAGESLOT, CLEANER_SLOT);
    placement(h);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest auto_tests[] = {
        cmocka_unit_test(test_reserve_release),
        cmocka_unit_test(test_inject),
        cmocka_unit_test(test_clean_until_exhausted),
        cmocka_unit_test(test_replace_cleaner),
        cmocka_unit_test(test_tapealert_cleans),
    };
    const struct CMUnitTest manual_tests[] = {
        cmocka_unit_test(test_sense_asks_operator),
        cmocka_unit_test(test_expired_cleaner),
    };
    int manual;

    if (argc != 6 || (strcmp(argv[1], "auto") != 0 && strcmp(argv[1], "manual") != 0)) {
        fprintf(stderr, "usage: tgt_clean auto|manual TGT_LIB DIR RAW_RES RULES\n");
        return 2;
    }
    manual = strcmp(argv[1], "manual") == 0;
    tgt_lib = argv[2];
    dir = argv[3];
    raw_res = argv[4];
    rules = argv[5];
    if (placement_changer_url(dir, url, sizeof url) != 0)
        return 2;
    return manual ? cmocka_run_group_tests_name("manual", manual_tests, lt_setup, lt_teardown)
                  : cmocka_run_group_tests_name("auto", auto_tests, lt_setup, lt_teardown);
}
