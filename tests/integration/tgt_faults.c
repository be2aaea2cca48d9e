/*
 * tgt_faults.c - faults of a real SCSI library (test_faults.sh): rsmd runs
 * library "tgt" on a private tgtd (tgt-lib --slots 2000 --tapes 10
 * --drives 2 --ports 2, SCSI timeouts of TIMEOUT_S seconds), next to
 * libraries whose devices are wrong (test_faults.sh: an iSCSI portal
 * nothing listens on, /dev/sg-does-not-exist, a target or a LUN tgtd does
 * not have).
 *
 *   tgt_faults TGT_LIB DIR RAW_RES 'NAME|DEVICE|REASON'...
 *
 * Wrong devices: rsmd started, the good library works, the bad ones need
 * service and the log names each with its device and REASON (what its
 * error line must say) in one error line.
 * tgtd killed while an inject waits for the operator: the request fails
 * within a bound, the library needs service, rsmd answers, no request is
 * left running. tgtd restarted: it comes back as first created (tgtd keeps
 * no state), so the cartridge the operator added and the one loaded into a
 * drive before the kill are gone or back home; the library is ready again
 * and its start-up inventory alone puts every cartridge where the library
 * says. tgtd stopped (SIGSTOP, a hang rather than a death) under an eject:
 * its MOVE times out within the configured timeout instead of hanging,
 * rsmd answers meanwhile; SIGCONT: tgtd may still carry out the MOVE it
 * had read, and the re-attach settles the open move from the element
 * status. Each fault raises one device service operator request about
 * the library, which the recovery completes.
 */
#include "../api/libtest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "placement.h"

#define TIMEOUT_S 3      /* the tgt library's `timeout` in test_faults.sh */
#define FAIL_BOUND_MS 30000u
#define RECOVER_BOUND_MS 40000u /* attach retries 5 s after a fault, then 10 s */
#define ANSWER_BOUND_MS 2000u   /* a call that needs no robot */
#define SETTLE_BOUND_MS 10000u  /* the start-up inventory after an attach */
#define MAX_BAD 8

/* A library configured with a wrong device, and what its error says. */
typedef struct bad_library {
    char name[64], device[512], reason[128];
} bad_library_t;

static const char *tgt_lib, *dir, *raw_res;
static bad_library_t bad[MAX_BAD];
static int nbad;
static char url[512];
static NTMS_GUID lib;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* tgt-lib VERB DIR ARGS (the operator, or the fault). */
static void tgt(const char *verb, const char *args)
{
    char cmd[1024];

    snprintf(cmd, sizeof cmd, "'%s' %s '%s' %s >/dev/null", tgt_lib, verb, dir, args);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

static void raw_move(unsigned from, unsigned to)
{
    char cmd[1024];

    snprintf(cmd, sizeof cmd, "'%s' '%s' --move %u %u --one-way >/dev/null", raw_res, url, from, to);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

/* SIGSTOP / SIGCONT to our tgtd (DIR/tgtd.pid, written by tgt-lib start). */
static void signal_tgtd(int sig)
{
    char path[1024];
    long pid = 0;
    FILE *f;

    snprintf(path, sizeof path, "%s/tgtd.pid", dir);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld", &pid), 1);
    fclose(f);
    assert_true(pid > 1);
    assert_int_equal(kill((pid_t)pid, sig), 0);
}

static void placement(HANDLE h)
{
    assert_int_equal(placement_check(h, &lib, raw_res, url), 0);
}

/* Wait until the cross-check holds without asking for an inventory: the
 * attach's own inventory must get there. */
static uint64_t wait_placement(HANDLE h)
{
    uint64_t t0 = now_ms();

    while (placement_check(h, &lib, raw_res, url) != 0) {
        if (now_ms() - t0 > SETTLE_BOUND_MS)
            fail_msg("rsmd and the library still disagree %u ms after the attach", SETTLE_BOUND_MS);
        lt_sleep_ms(200);
    }
    return now_ms() - t0;
}

/* Where medium `bar_code` is recorded: element `number` of `type` in the
 * library. (lt_assert_at lists every slot, at most LT_MAX of them; this
 * library has 2,000.) */
static void assert_medium_at(HANDLE h, const char *bar_code, DWORD type, DWORD number)
{
    NTMS_GUID m;
    NTMS_OBJECTINFORMATIONA info, where;

    if (!lt_medium(h, bar_code, &m))
        fail_msg("no medium %s", bar_code);
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &lib);
    assert_int_equal(info.Info.PhysicalMedia.LocationType, type);
    lt_get(h, &info.Info.PhysicalMedia.Location, type, &where);
    assert_int_equal(type == NTMS_STORAGESLOT ? where.Info.StorageSlot.Number
                     : type == NTMS_IEPORT    ? where.Info.IEPort.Number
                                              : where.Info.Drive.Number,
                     number);
}

static DWORD library_state(HANDLE h, const NTMS_GUID *id)
{
    NTMS_OBJECTINFORMATIONA info;

    lt_get(h, id, NTMS_LIBRARY, &info);
    return info.dwOperationalState;
}

/* Wait (at most bound_ms) until library `id` is in `state`; returns the
 * milliseconds it took. */
static uint64_t wait_library(HANDLE h, const NTMS_GUID *id, DWORD state, unsigned bound_ms)
{
    uint64_t t0 = now_ms();
    DWORD last = 0;

    while (now_ms() - t0 <= bound_ms) {
        last = library_state(h, id);
        if (last == state)
            return now_ms() - t0;
        lt_sleep_ms(50);
    }
    fail_msg("library state %u, not %u after %u ms", (unsigned)last, (unsigned)state, bound_ms);
    return 0;
}

/* Wait (at most bound_ms) until request `req` has finished; returns the
 * milliseconds it took and its record. */
static uint64_t wait_finished(HANDLE h, const NTMS_GUID *req, unsigned bound_ms, NTMS_OBJECTINFORMATIONA *info)
{
    uint64_t t0 = now_ms();

    while (now_ms() - t0 <= bound_ms) {
        lt_get(h, req, NTMS_LIBREQUEST, info);
        DWORD s = info->Info.LibRequest.State;
        if (s != NTMS_LM_QUEUED && s != NTMS_LM_INPROCESS && s != NTMS_LM_WAITING)
            return now_ms() - t0;
        lt_sleep_ms(20);
    }
    fail_msg("library request still in state %u after %u ms", (unsigned)info->Info.LibRequest.State, bound_ms);
    return 0;
}

/* No request of the library is still queued, running or waiting. */
static void assert_no_request_open(HANDLE h)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, &lib, NTMS_LIBREQUEST, v);

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], NTMS_LIBREQUEST, &info);
        DWORD s = info.Info.LibRequest.State;
        if (s == NTMS_LM_QUEUED || s == NTMS_LM_INPROCESS || s == NTMS_LM_WAITING)
            fail_msg("library request of operation %u left in state %u", (unsigned)info.Info.LibRequest.OperationCode,
                     (unsigned)s);
    }
}

/* How many device service requests about `id` exist: open ones (State
 * SUBMITTED), or any. */
static DWORD service_requests(HANDLE h, const NTMS_GUID *id, int open_only)
{
    NTMS_GUID v[LT_MAX];
    NTMS_OBJECTINFORMATIONA info;
    DWORD n = lt_list(h, NULL, NTMS_OPREQUEST, v), found = 0;

    for (DWORD i = 0; i < n; i++) {
        lt_get(h, &v[i], NTMS_OPREQUEST, &info);
        const NTMS_OPREQUESTINFORMATIONA *r = &info.Info.OpRequest;
        found += r->Request == NTMS_OPREQ_DEVICESERVICE && memcmp(&r->Arg1, id, sizeof *id) == 0 &&
                 (!open_only || r->State == NTMS_OPSTATE_SUBMITTED);
    }
    return found;
}

/* rsmd answers calls that need no robot, promptly. */
static void assert_service_answers(HANDLE h)
{
    NTMS_GUID libs[LT_MAX], m;
    NTMS_OBJECTINFORMATIONA info;
    uint64_t t0 = now_ms();
    DWORD n = LT_MAX;

    assert_int_equal(EnumerateNtmsObject(h, NULL, libs, &n, NTMS_LIBRARY, 0), ERROR_SUCCESS);
    assert_true(n >= (DWORD)nbad + 2); /* tgt, the bad ones and the offline library */
    assert_true(lt_medium(h, "VL0001L6", &m));
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_true(now_ms() - t0 < ANSWER_BOUND_MS);
}

/* The log has exactly one error line for library b, naming its device
 * and its reason. */
static void assert_one_error_line(const bad_library_t *b)
{
    char path[1024], line[2048], who[128];
    const char *test_dir = getenv("RSM_TEST_DIR");
    unsigned found = 0;
    FILE *f;

    assert_non_null(test_dir);
    snprintf(path, sizeof path, "%s/rsmd.log", test_dir);
    snprintf(who, sizeof who, "library %s:", b->name);
    f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL)
        if (strstr(line, "[error]") != NULL && strstr(line, who) != NULL)
            /* an error line without the device or the reason is wrong */
            found += strstr(line, b->device) != NULL && strstr(line, b->reason) != NULL ? 1 : 100;
    fclose(f);
    if (found != 1)
        fail_msg("expected one error line naming library %s, %s and \"%s\" in %s (score %u)", b->name, b->device,
                 b->reason, path, found);
}

static void test_wrong_devices(void **state)
{
    HANDLE h = *state;

    lib = lt_library(h, "tgt");
    wait_library(h, &lib, NTMS_READY, 20000);
    lt_inventory(h, &lib);
    placement(h);
    assert_int_equal(service_requests(h, &lib, 0), 0);
    for (int i = 0; i < nbad; i++) {
        NTMS_GUID id = lt_library(h, bad[i].name), op;
        uint64_t t0;
        wait_library(h, &id, NTMS_NEEDS_SERVICE, 15000);
        assert_one_error_line(&bad[i]);
        assert_int_equal(service_requests(h, &id, 1), 1);
        /* the calls that need its robot say so at once */
        t0 = now_ms();
        assert_int_equal(InventoryNtmsLibrary(h, &id, NTMS_INVENTORY_FAST), ERROR_DEVICE_NOT_AVAILABLE);
        assert_int_equal(InjectNtmsMedia(h, &id, &op, NTMS_INJECT_START), ERROR_DEVICE_NOT_AVAILABLE);
        assert_true(now_ms() - t0 < ANSWER_BOUND_MS);
    }
}

/* 'NAME|DEVICE|REASON' */
static int parse_bad(const char *arg, bad_library_t *b)
{
    const char *p = strchr(arg, '|'), *q = p != NULL ? strchr(p + 1, '|') : NULL;

    if (q == NULL || p == arg || (size_t)(p - arg) >= sizeof b->name || (size_t)(q - p - 1) >= sizeof b->device ||
        strlen(q + 1) == 0 || strlen(q + 1) >= sizeof b->reason)
        return -1;
    snprintf(b->name, sizeof b->name, "%.*s", (int)(p - arg), arg);
    snprintf(b->device, sizeof b->device, "%.*s", (int)(q - p - 1), p + 1);
    snprintf(b->reason, sizeof b->reason, "%s", q + 1);
    return 0;
}

static void test_killed_during_inject(void **state)
{
    HANDLE h = *state;
    NTMS_GUID inject, inventory;
    NTMS_OBJECTINFORMATIONA info;
    uint64_t took;

    /* what the restart will undo: an operator's cartridge, a loaded drive */
    tgt("put", "--slot 1500 --barcode KL0001L6");
    raw_move(1005, LT_DRIVE1 + 1);
    lt_inventory(h, &lib);
    placement(h);
    assert_medium_at(h, "VL0006L6", NTMS_DRIVE, LT_DRIVE1 + 1);

    assert_int_equal(InjectNtmsMedia(h, &lib, &inject, NTMS_INJECT_START), ERROR_SUCCESS);
    lt_wait_state(h, &inject, NTMS_LM_WAITING);
    /* queued behind the inject: it must not be left queued either */
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_INVENTORY, &inventory));

    tgt("kill", "");
    took = wait_finished(h, &inject, FAIL_BOUND_MS, &info);
    print_message("inject failed %llu ms after tgtd was killed\n", (unsigned long long)took);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_not_equal(info.Info.LibRequest.dwErrorCode, ERROR_SUCCESS);
    wait_finished(h, &inventory, FAIL_BOUND_MS, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_not_equal(info.Info.LibRequest.dwErrorCode, ERROR_SUCCESS);

    wait_library(h, &lib, NTMS_NEEDS_SERVICE, FAIL_BOUND_MS);
    assert_int_equal(service_requests(h, &lib, 1), 1);
    assert_service_answers(h);
    assert_no_request_open(h);
}

static void test_restarted(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, offline = lt_offline(h);
    NTMS_OBJECTINFORMATIONA info;
    uint64_t took;

    tgt("restart", "");
    took = wait_library(h, &lib, NTMS_READY, RECOVER_BOUND_MS);
    print_message("ready again %llu ms after tgtd was restarted\n", (unsigned long long)took);
    assert_int_equal(service_requests(h, &lib, 1), 0); /* completed by the recovery */
    assert_int_equal(service_requests(h, &lib, 0), 1);
    took = wait_placement(h);
    print_message("consistent %llu ms later, without an inventory asked for\n", (unsigned long long)took);
    assert_medium_at(h, "VL0006L6", NTMS_STORAGESLOT, 1005);
    assert_true(lt_medium(h, "KL0001L6", &m)); /* gone from the library: offline */
    lt_get(h, &m, NTMS_PHYSICAL_MEDIA, &info);
    assert_guid_equal(&info.Info.PhysicalMedia.CurrentLibrary, &offline);
    lt_inventory(h, &lib);
    placement(h);
    assert_no_request_open(h);
}

static void test_hung(void **state)
{
    HANDLE h = *state;
    NTMS_GUID m, eject, inventory;
    NTMS_OBJECTINFORMATIONA info;
    uint64_t t0, took;

    assert_true(lt_medium(h, "VL0005L6", &m));
    signal_tgtd(SIGSTOP);
    t0 = now_ms();
    /* the calls themselves do not wait for the robot */
    assert_int_equal(EjectNtmsMedia(h, &m, &eject, NTMS_EJECT_START), ERROR_SUCCESS);
    assert_int_equal(InventoryNtmsLibrary(h, &lib, NTMS_INVENTORY_FAST), ERROR_SUCCESS);
    assert_true(now_ms() - t0 < ANSWER_BOUND_MS);
    assert_true(lt_last_request(h, &lib, NTMS_LM_INVENTORY, &inventory));
    assert_service_answers(h); /* while the worker waits on the silent target */

    wait_finished(h, &eject, FAIL_BOUND_MS, &info);
    took = now_ms() - t0;
    print_message("eject failed %llu ms after tgtd was stopped (timeout %d s)\n", (unsigned long long)took,
                  TIMEOUT_S);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_FAILED);
    assert_int_equal(info.Info.LibRequest.dwErrorCode, ERROR_TIMEOUT);
    /* the configured timeout, not the default of minutes */
    assert_true(took < (TIMEOUT_S + 5) * 1000u);
    wait_finished(h, &inventory, FAIL_BOUND_MS, &info);
    assert_int_equal(info.Info.LibRequest.State, NTMS_LM_FAILED);
    wait_library(h, &lib, NTMS_NEEDS_SERVICE, FAIL_BOUND_MS);
    assert_no_request_open(h);
    assert_int_equal(service_requests(h, &lib, 1), 1); /* a new fault, a new request */

    signal_tgtd(SIGCONT);
    took = wait_library(h, &lib, NTMS_READY, RECOVER_BOUND_MS);
    print_message("ready again %llu ms after tgtd was continued\n", (unsigned long long)took);
    assert_int_equal(service_requests(h, &lib, 1), 0);
    assert_int_equal(service_requests(h, &lib, 0), 2);
    wait_placement(h); /* wherever the MOVE left VL0005L6 */
    lt_inventory(h, &lib);
    placement(h);
    assert_no_request_open(h);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_devices),
        cmocka_unit_test(test_killed_during_inject),
        cmocka_unit_test(test_restarted),
        cmocka_unit_test(test_hung),
    };

    if (argc < 4 || argc - 4 > MAX_BAD) {
        fprintf(stderr, "usage: tgt_faults TGT_LIB DIR RAW_RES 'NAME|DEVICE|REASON'...\n");
        return 2;
    }
    tgt_lib = argv[1];
    dir = argv[2];
    raw_res = argv[3];
    for (int i = 4; i < argc; i++) {
        if (parse_bad(argv[i], &bad[nbad++]) != 0) {
            fprintf(stderr, "tgt_faults: '%s' is not NAME|DEVICE|REASON\n", argv[i]);
            return 2;
        }
    }
    if (placement_changer_url(dir, url, sizeof url) != 0) {
        fprintf(stderr, "tgt_faults: no changer URL in %s/urls\n", dir);
        return 2;
    }
    return cmocka_run_group_tests(tests, lt_setup, lt_teardown);
}
