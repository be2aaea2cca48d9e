/*
 * test_worker.c - the library core on a real loop and worker thread, over
 * a virtual library in a temporary directory: start and attach,
 * registration, inventories, crash-safe moves, a change behind rsmd's back
 * noticed by the poll (and not while the library is disabled), stop with
 * queued jobs, a wrong device path, a device event that retries a failed
 * attach at once, and JOB_EJECT refused by a library with a robot. Every
 * wait is bounded.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "changer/virtual.h"
#include "library/library.h"
#include "model/devices.h"
#include "model/library_model.h"
#include "model/model.h"
#include "queue/opreq.h"
#include "store/store_library.h"
#include "store/store_opreq.h"

#define WAIT_MS 10000

typedef struct ctx {
    char dir[64];
    char root[96];
    char db[96];
    uv_loop_t loop;
    store_t *st;
    library_t *lib;
} ctx_t;

/* --- plumbing --------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* Run the loop until *flag turns true (bounded). */
static bool run_until(ctx_t *c, const bool *flag)
{
    for (int i = 0; i < WAIT_MS / 5 && !*flag; i++) {
        uv_run(&c->loop, UV_RUN_NOWAIT);
        if (!*flag)
            usleep(5000);
    }
    return *flag;
}

/* Wait at most `ms` for the library to be in state `want`. */
static bool state_within(ctx_t *c, enum library_state want, int ms)
{
    for (int i = 0; i < ms / 5; i++) {
        if (library_get_state(c->lib) == want)
            return true;
        uv_run(&c->loop, UV_RUN_NOWAIT);
        usleep(5000);
    }
    return library_get_state(c->lib) == want;
}

static bool state_is(ctx_t *c, enum library_state want) { return state_within(c, want, WAIT_MS); }

/* Run the loop for `ms`, or until medium `barcode` is recorded: is it? */
static bool medium_within(ctx_t *c, const char *barcode, int ms)
{
    NTMS_GUID medium;
    for (int i = 0; i < ms / 5; i++) {
        if (store_media_by_barcode(c->st, barcode, NULL, &medium) == 0)
            return true;
        uv_run(&c->loop, UV_RUN_NOWAIT);
        usleep(5000);
    }
    return store_media_by_barcode(c->st, barcode, NULL, &medium) == 0;
}

static void virtual_config(ctx_t *c, library_config_t *cfg, const char *name)
{
    char err[256];
    assert_int_equal(library_config_init(cfg, name), 0);
    static const char *const kv[][2] = {
        {"type", "virtual"}, {"slots", "6"},      {"drives", "2"},         {"ports", "2"},
        {"cartridges", "3"}, {"poll_seconds", "1"}, {"cartridge_size", "1M"},
    };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        assert_int_equal(library_config_key(cfg, kv[i][0], kv[i][1], err, sizeof err), 0);
    assert_int_equal(library_config_key(cfg, "root", c->root, err, sizeof err), 0);
    assert_int_equal(library_config_finish(cfg, err, sizeof err), 0);
}

static int setup(void **state)
{
    ctx_t *c = calloc(1, sizeof(*c));
    snprintf(c->dir, sizeof c->dir, "/tmp/rsm-worker.XXXXXX");
    if (c == NULL || mkdtemp(c->dir) == NULL)
        return -1;
    snprintf(c->root, sizeof c->root, "%s/vlib", c->dir);
    snprintf(c->db, sizeof c->db, "%s/rsm.db", c->dir);
    if (uv_loop_init(&c->loop) != 0 || store_open(c->db, &c->st) != 0 || model_first_start(c->st, "host") != 0)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx_t *c = *state;
    library_stop_all();
    uv_run(&c->loop, UV_RUN_DEFAULT); /* the libraries' handles close */
    uv_loop_close(&c->loop);
    store_close(c->st);
    nftw(c->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(c);
    return 0;
}

static void start_virtual(ctx_t *c)
{
    library_config_t cfg;
    virtual_config(c, &cfg, "vt");
    assert_int_equal(library_start(&c->loop, c->st, &cfg, &c->lib), 0);
    assert_true(state_is(c, LIBRARY_READY));
}

static size_t count(ctx_t *c, const NTMS_GUID *container, DWORD type)
{
    size_t n = 0;
    assert_int_equal(store_count(c->st, container, type, &n), 0);
    return n;
}

struct result {
    bool done;
    DWORD err;
};

static void on_done(library_t *lib, DWORD err, void *arg)
{
    struct result *r = arg;
    (void)lib;
    r->done = true;
    r->err = err;
}

/* --- tests ------------------------------------------------------------------ */

static void test_start_registers(void **state)
{
    ctx_t *c = *state;
    start_virtual(c);
    assert_ptr_equal(library_by_name("vt"), c->lib);
    assert_ptr_equal(library_by_guid(library_guid(c->lib)), c->lib);
    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_get(c->st, library_guid(c->lib), &o), 0);
    assert_int_equal(o.dwOperationalState, NTMS_READY);
    assert_int_equal(o.Info.Library.dwNumberOfSlots, 6);
    assert_int_equal(o.Info.Library.dwNumberOfDrives, 2);
    assert_int_equal(o.Info.Library.dwNumberOfPorts, 2);
    assert_int_equal(o.Info.Library.FirstSlotNumber, VIRTUAL_FIRST_SLOT);
    assert_int_equal(o.Info.Library.dwNumberOfMedia, 3);
    assert_int_equal(library_drive_count(c->lib), 2);
    assert_int_equal(library_drive_address(c->lib, 1), VIRTUAL_FIRST_DRIVE + 1);
    assert_int_equal(library_drive_index(c->lib, VIRTUAL_FIRST_DRIVE + 1), 1);
    const drive_ident_t *id = library_drive_ident(c->lib, 0);
    assert_non_null(id);
    assert_string_equal(id->serial, "VDRV0001");
    assert_non_null(library_elements(c->lib));
    assert_int_equal(library_last_counts(c->lib)->added, 3);

    /* the cartridges are LTO-8 (bar codes VT0001L8 ...) in the Unrecognized pool */
    NTMS_GUID lto8, pool;
    assert_int_equal(store_find_media_type(c->st, 0, "LTO-8", &lto8), 0);
    assert_int_equal(store_find_system_pool(c->st, NTMS_POOLTYPE_FOREIGN, &lto8, &pool), 0);
    assert_int_equal(count(c, &pool, NTMS_PHYSICAL_MEDIA), 3);
}

static void test_inventory_and_moves(void **state)
{
    ctx_t *c = *state;
    start_virtual(c);
    struct result r = {0};

    /* nothing changed since the start-up inventory */
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_FAST, on_done, &r), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, 0);
    assert_int_equal(library_last_counts(c->lib)->unchanged, 3);
    assert_int_equal(library_last_counts(c->lib)->added, 0);

    /* slot 1000 -> drive 256 */
    r = (struct result){0};
    assert_int_equal(library_move(c->lib, VIRTUAL_FIRST_SLOT, VIRTUAL_FIRST_DRIVE, NULL, on_done, &r), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, 0);
    const element_t *e = element_find(library_elements(c->lib), VIRTUAL_FIRST_DRIVE);
    assert_non_null(e);
    assert_true(e->full);
    assert_string_equal(e->voltag, "VT0001L8");
    NTMS_GUID drive, medium;
    assert_int_equal(store_library_element(c->st, library_guid(c->lib), NTMS_DRIVE, VIRTUAL_FIRST_DRIVE, &drive), 0);
    assert_int_equal(store_media_by_barcode(c->st, "VT0001L8", NULL, &medium), 0);
    NTMS_OBJECTINFORMATIONA m;
    assert_int_equal(store_get(c->st, &medium, &m), 0);
    assert_memory_equal(&m.Info.PhysicalMedia.Location, &drive, sizeof drive);
    store_intent_t *open = NULL;
    size_t nopen = 9;
    assert_int_equal(store_intent_list(c->st, library_guid(c->lib), &open, &nopen), 0);
    free(open);
    assert_int_equal(nopen, 0);

    /* the hardware agrees: an inventory finds nothing to do */
    r = (struct result){0};
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_SLOT, on_done, &r), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, 0);
    assert_int_equal(library_last_counts(c->lib)->unchanged, 3);
    assert_int_equal(library_last_counts(c->lib)->moved, 0);

    /* a full destination is refused, and nothing is left recorded */
    r = (struct result){0};
    assert_int_equal(library_move(c->lib, VIRTUAL_FIRST_SLOT + 1, VIRTUAL_FIRST_DRIVE, NULL, on_done, &r), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(store_intent_list(c->st, library_guid(c->lib), &open, &nopen), 0);
    free(open);
    assert_int_equal(nopen, 0);
    assert_int_equal(library_get_state(c->lib), LIBRARY_READY);

    /* methods */
    assert_int_equal(library_inventory(c->lib, 42, on_done, &r), ERROR_INVALID_PARAMETER);
    r = (struct result){0};
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_FAST, on_done, &r), 0);
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_STOP, NULL, NULL), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, ERROR_CANCELLED);
    r = (struct result){0};
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_NONE, on_done, &r), 0);
    assert_true(run_until(c, &r.done));
    assert_int_equal(r.err, 0);
}

/* An operator puts a cartridge into a mailslot: the poll notices it and
 * the new cartridge is recorded. */
static void test_change_behind_our_back(void **state)
{
    ctx_t *c = *state;
    char why[256];
    start_virtual(c);
    assert_int_equal(virtual_insert(c->root, VIRTUAL_FIRST_PORT, "NEW001L7", why, sizeof why), 0);
    assert_true(medium_within(c, "NEW001L7", WAIT_MS));
    NTMS_GUID medium;
    assert_int_equal(store_media_by_barcode(c->st, "NEW001L7", NULL, &medium), 0);
    NTMS_OBJECTINFORMATIONA m, port;
    assert_int_equal(store_get(c->st, &medium, &m), 0);
    assert_int_equal(m.Info.PhysicalMedia.LocationType, NTMS_IEPORT);
    assert_int_equal(store_get(c->st, &m.Info.PhysicalMedia.Location, &port), 0);
    assert_int_equal(port.Info.IEPort.Number, VIRTUAL_FIRST_PORT);
    assert_int_equal(port.Info.IEPort.Content, NTMS_PORTCONTENT_FULL);
}

/* A disabled library is not polled: the cartridge put into its mailslot is
 * recorded only once it is enabled again. */
static void test_disabled_not_polled(void **state)
{
    ctx_t *c = *state;
    char why[256];
    start_virtual(c);
    assert_int_equal(model_set_enabled(c->st, NULL, NTMS_LIBRARY, library_guid(c->lib), 0), 0);
    assert_int_equal(virtual_insert(c->root, VIRTUAL_FIRST_PORT, "DIS001L7", why, sizeof why), 0);
    assert_false(medium_within(c, "DIS001L7", 2500)); /* past poll_seconds = 1, twice */
    assert_int_equal(model_set_enabled(c->st, NULL, NTMS_LIBRARY, library_guid(c->lib), 1), 0);
    assert_true(medium_within(c, "DIS001L7", WAIT_MS));
}

/* Nor is a disabled drive used by the core's own work. */
static void test_drive_usable(void **state)
{
    ctx_t *c = *state;
    start_virtual(c);
    NTMS_GUID drive;
    assert_int_equal(store_library_element(c->st, library_guid(c->lib), NTMS_DRIVE, VIRTUAL_FIRST_DRIVE, &drive), 0);
    assert_true(library_drive_usable(c->lib, 0));
    assert_int_equal(model_set_enabled(c->st, NULL, NTMS_DRIVE, &drive, 0), 0);
    assert_false(library_drive_usable(c->lib, 0));
    assert_true(library_drive_usable(c->lib, 1));
    assert_false(library_drive_usable(c->lib, 2)); /* no such drive */
    assert_int_equal(model_set_enabled(c->st, NULL, NTMS_DRIVE, &drive, 1), 0);
    assert_int_equal(model_set_enabled(c->st, NULL, NTMS_LIBRARY, library_guid(c->lib), 0), 0);
    assert_false(library_drive_usable(c->lib, 1)); /* its library is disabled */
}

static void job_back(job_t *job)
{
    *(DWORD *)job->ctx = job->result;
    job_free(job);
}

/* EjectDiskFromSADrive's job: a library with a robot has no such thing. */
static void test_eject_needs_standalone(void **state)
{
    ctx_t *c = *state;
    start_virtual(c);
    DWORD result = 1;
    job_t *job = job_new(JOB_EJECT, job_back, &result);
    assert_non_null(job);
    assert_int_equal(library_submit(c->lib, job), 0);
    for (int i = 0; i < WAIT_MS / 5 && result == 1; i++) {
        uv_run(&c->loop, UV_RUN_NOWAIT);
        usleep(5000);
    }
    assert_int_equal(result, ERROR_NOT_SUPPORTED);
    assert_int_equal(library_get_state(c->lib), LIBRARY_READY);
}

/* Open device service requests the service raised about `lib`. */
static size_t service_requests(ctx_t *c)
{
    guid_list_t open = {0};
    size_t n;

    assert_int_equal(store_opreqs_open(c->st, NTMS_OPREQ_DEVICESERVICE, library_guid(c->lib), 1, &open), 0);
    n = open.n;
    guid_list_free(&open);
    return n;
}

/* A device event naming the device of a failed library attaches it again
 * at once, not after its 5 s backoff; a removal does not. The failure
 * raises one device service request, the recovery completes it. */
static void test_device_event_retries(void **state)
{
    ctx_t *c = *state;
    devwatch_options_t opt = {.no_udev = true};
    char junk[128];
    assert_null(library_devwatch());
    assert_int_equal(library_watch_start(&c->loop, c->st, &opt), 0);
    assert_non_null(library_devwatch());
    assert_int_equal(library_watch_start(&c->loop, c->st, &opt), ERROR_ALREADY_EXISTS);

    /* a directory that is no virtual library: the attach fails */
    snprintf(junk, sizeof junk, "%s/junk", c->root);
    assert_int_equal(mkdir(c->root, 0755), 0);
    FILE *f = fopen(junk, "w");
    assert_non_null(f);
    fclose(f);
    library_config_t cfg;
    virtual_config(c, &cfg, "vt");
    opreq_start(&c->loop, c->st);
    assert_int_equal(library_start(&c->loop, c->st, &cfg, &c->lib), 0);
    assert_true(state_is(c, LIBRARY_FAILED));
    assert_int_equal(service_requests(c), 1);

    assert_int_equal(remove(junk), 0);
    devwatch_inject_event(library_devwatch(), DEVWATCH_REMOVE, c->root, "");
    assert_false(state_within(c, LIBRARY_READY, 1000));
    devwatch_inject_event(library_devwatch(), DEVWATCH_ADD, "/dev/sg-unrelated", "/dev/sg99");
    assert_false(state_within(c, LIBRARY_READY, 500));
    devwatch_inject_event(library_devwatch(), DEVWATCH_ADD, c->root, "");
    assert_true(state_within(c, LIBRARY_READY, 2000)); /* the backoff would take 5 s */
    assert_int_equal(service_requests(c), 0);
    opreq_stop();

    library_stop_all(); /* the devwatch too */
    assert_null(library_devwatch());
    c->lib = NULL;
}

struct counter {
    int done, cancelled;
};

static void count_done(job_t *job)
{
    struct counter *k = job->ctx;
    k->done++;
    k->cancelled += job->result == ERROR_CANCELLED;
    assert_true(job->result == 0 || job->result == ERROR_CANCELLED);
    job_free(job);
}

static void test_stop_with_queued_jobs(void **state)
{
    ctx_t *c = *state;
    start_virtual(c);
    struct counter k = {0};
    for (int i = 0; i < 20; i++) {
        job_t *job = job_new(i % 2 ? JOB_CHECK : JOB_STATUS, count_done, &k);
        assert_non_null(job);
        assert_int_equal(library_submit(c->lib, job), 0);
    }
    struct result r = {0};
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_FAST, on_done, &r), 0);
    library_stop(c->lib);
    /* every done ran, on this thread, before library_stop returned */
    assert_int_equal(k.done, 20);
    assert_true(r.done);
    assert_null(library_by_name("vt"));
    c->lib = NULL;
}

static void test_wrong_device(void **state)
{
    ctx_t *c = *state;
    library_config_t cfg;
    char err[256];
    assert_int_equal(library_config_init(&cfg, "broken"), 0);
    assert_int_equal(library_config_key(&cfg, "device", "/dev/sg-no-such-device", err, sizeof err), 0);
    assert_int_equal(library_config_finish(&cfg, err, sizeof err), 0);
    assert_int_equal(library_start(&c->loop, c->st, &cfg, &c->lib), 0);
    assert_true(state_is(c, LIBRARY_FAILED));
    NTMS_OBJECTINFORMATIONA o;
    assert_int_equal(store_get(c->st, library_guid(c->lib), &o), 0);
    assert_int_equal(o.dwOperationalState, NTMS_NEEDS_SERVICE);
    assert_string_equal(o.szName, "broken");
    struct result r = {0};
    assert_int_equal(library_inventory(c->lib, NTMS_INVENTORY_FAST, on_done, &r), ERROR_DEVICE_NOT_AVAILABLE);
    assert_int_equal(library_move(c->lib, 1, 2, NULL, on_done, &r), ERROR_DEVICE_NOT_AVAILABLE);
    assert_false(r.done);
    /* a second library of the same name is refused; another one starts */
    assert_int_equal(library_start(&c->loop, c->st, &cfg, NULL), ERROR_ALREADY_EXISTS);
    library_config_t v;
    virtual_config(c, &v, "vt");
    library_t *good = NULL;
    assert_int_equal(library_start(&c->loop, c->st, &v, &good), 0);
    c->lib = good;
    assert_true(state_is(c, LIBRARY_READY));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_start_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inventory_and_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_change_behind_our_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled_not_polled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drive_usable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eject_needs_standalone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_event_retries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_with_queued_jobs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_device, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
