/*
 * test_devwatch.c - device change detection (daemon/library/devwatch*.c)
 * without udev: a fake core answers polls with a presence the test flips,
 * and counts the "re-check this library" calls; detection sessions are
 * checked against a store holding two stand-alone libraries and a media
 * type. Every loop run is bounded by a guard timer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "library/devwatch.h"
#include "store/store.h"

#define NLIBS 2
#define POLL_MS 5
#define GUARD_MS 3000
#define ME 41    /* client session ids */
#define OTHER 42

typedef struct core {
    uv_loop_t loop;
    uv_timer_t guard;
    store_t *st;
    devwatch_t *dw;
    NTMS_GUID lib[NLIBS];
    NTMS_GUID media_type;
    bool present[NLIBS];
    DWORD result[NLIBS];  /* what the fake worker answers */
    bool defer;           /* leave polls unanswered (pending[]) */
    bool pending[NLIBS];
    int polls[NLIBS];
    int rechecks[NLIBS];
    char reason[256];
    int events;
    enum devwatch_action last_action;
    char last_sg[64];
    /* the loop stops when polls[watch] reaches want_polls or rechecks[watch]
     * reaches want_rechecks */
    int watch, want_polls, want_rechecks;
    bool guard_fired;
    bool remove_on_recheck; /* the core drops the library while told about it */
} core_t;

static int index_of(core_t *c, const NTMS_GUID *g)
{
    for (int i = 0; i < NLIBS; i++)
        if (memcmp(&c->lib[i], g, sizeof *g) == 0)
            return i;
    fail_msg("unknown library");
    return -1;
}

static void maybe_stop(core_t *c)
{
    if ((c->want_polls > 0 && c->polls[c->watch] >= c->want_polls) ||
        (c->want_rechecks > 0 && c->rechecks[c->watch] >= c->want_rechecks))
        uv_stop(&c->loop);
}

static DWORD on_poll(const NTMS_GUID *library, void *ctx)
{
    core_t *c = ctx;
    int i = index_of(c, library);
    c->polls[i]++;
    if (c->defer)
        c->pending[i] = true;
    else
        devwatch_poll_done(c->dw, library, c->result[i], c->present[i]);
    maybe_stop(c);
    return ERROR_SUCCESS;
}

static void on_recheck(const NTMS_GUID *library, const char *reason, void *ctx)
{
    core_t *c = ctx;
    c->rechecks[index_of(c, library)]++;
    snprintf(c->reason, sizeof c->reason, "%s", reason);
    if (c->remove_on_recheck)
        devwatch_remove_library(c->dw, library);
    maybe_stop(c);
}

static void on_device(enum devwatch_action action, const char *devnode, const char *sg, void *ctx)
{
    core_t *c = ctx;
    (void)devnode;
    c->events++;
    c->last_action = action;
    snprintf(c->last_sg, sizeof c->last_sg, "%s", sg);
}

static void on_guard(uv_timer_t *t)
{
    core_t *c = t->data;
    c->guard_fired = true;
    uv_stop(&c->loop);
}

/* Run the loop until the stop condition or `ms`; true if the condition hit. */
static bool run_until(core_t *c, int lib, int polls, int rechecks, unsigned ms)
{
    c->watch = lib;
    c->want_polls = polls;
    c->want_rechecks = rechecks;
    c->guard_fired = false;
    uv_timer_start(&c->guard, on_guard, ms, 0);
    uv_run(&c->loop, UV_RUN_DEFAULT);
    uv_timer_stop(&c->guard);
    c->want_polls = c->want_rechecks = 0;
    return !c->guard_fired;
}

static void insert(store_t *st, DWORD type, const char *name, NTMS_GUID *id, uint8_t seed)
{
    NTMS_OBJECTINFORMATIONA o;
    memset(&o, 0, sizeof o);
    o.dwSize = sizeof o;
    o.dwType = type;
    memset(&o.ObjectGuid, seed, sizeof o.ObjectGuid);
    o.Enabled = 1;
    snprintf(o.szName, sizeof o.szName, "%s", name);
    if (type == NTMS_LIBRARY)
        o.Info.Library.LibraryType = NTMS_LIBRARYTYPE_STANDALONE;
    else
        o.Info.MediaType = (NTMS_MEDIATYPEINFORMATION){LTO_Ultrium, 1, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE};
    assert_int_equal(store_insert(st, &o), 0);
    *id = o.ObjectGuid;
}

static int setup(void **state)
{
    core_t *c = calloc(1, sizeof *c);
    assert_non_null(c);
    assert_int_equal(uv_loop_init(&c->loop), 0);
    uv_timer_init(&c->loop, &c->guard);
    c->guard.data = c;
    assert_int_equal(store_open(":memory:", &c->st), 0);
    insert(c->st, NTMS_LIBRARY, "drive nst0", &c->lib[0], 0x11);
    insert(c->st, NTMS_LIBRARY, "drive sr0", &c->lib[1], 0x22);
    insert(c->st, NTMS_MEDIA_TYPE, "LTO", &c->media_type, 0x33);
    assert_int_equal(store_add_library_media_type(c->st, &c->lib[0], &c->media_type), 0);

    devwatch_options_t opt = {.poll_ms = POLL_MS, .no_udev = true};
    devwatch_callbacks_t cb = {.device = on_device, .poll = on_poll, .recheck = on_recheck, .ctx = c};
    assert_int_equal(devwatch_start(&c->loop, c->st, &opt, &cb, &c->dw), 0);
    assert_false(devwatch_has_udev(c->dw));
    assert_int_equal(devwatch_add_library(c->dw, &c->lib[0], "/dev/nst0", "/dev/sg5", 0), 0);
    assert_int_equal(devwatch_add_library(c->dw, &c->lib[1], "/dev/sr0", "/dev/sg7", 0), 0);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    core_t *c = *state;
    devwatch_stop(c->dw);
    uv_close((uv_handle_t *)&c->guard, NULL);
    uv_run(&c->loop, UV_RUN_DEFAULT); /* let the handles close; frees devwatch */
    assert_int_equal(uv_loop_close(&c->loop), 0);
    store_close(c->st);
    free(c);
    return 0;
}

static uint64_t watch(core_t *c, uint64_t owner, int lib)
{
    uint64_t id = 0;
    assert_int_equal(devwatch_session_begin(c->dw, owner, &id), 0);
    assert_int_not_equal(id, 0);
    assert_int_equal(devwatch_session_set(c->dw, owner, id, NTMS_LIBRARY, &c->lib[lib], 1), 0);
    return id;
}

/* The fallback itself: presence flips are noticed by polling, and only
 * flips are reported. */
static void test_poll_reports_flips(void **state)
{
    core_t *c = *state;
    watch(c, ME, 0);
    assert_true(run_until(c, 0, 3, 0, GUARD_MS));
    assert_int_equal(c->rechecks[0], 0);

    c->present[0] = true; /* a person inserts a tape */
    assert_true(run_until(c, 0, 0, 1, GUARD_MS));
    assert_non_null(strstr(c->reason, "medium present"));
    int polls = c->polls[0];
    assert_true(run_until(c, 0, polls + 3, 0, GUARD_MS));
    assert_int_equal(c->rechecks[0], 1); /* still present: no news */

    c->present[0] = false; /* and takes it out */
    assert_true(run_until(c, 0, 0, 2, GUARD_MS));
    assert_non_null(strstr(c->reason, "empty"));
}

/* What the core did itself is the new baseline, not a change. */
static void test_baseline_from_core(void **state)
{
    core_t *c = *state;
    watch(c, ME, 0);
    c->present[0] = true;
    devwatch_set_present(c->dw, &c->lib[0], true);
    assert_true(run_until(c, 0, 3, 0, GUARD_MS));
    assert_int_equal(c->rechecks[0], 0);
}

static void test_only_watched_libraries_are_polled(void **state)
{
    core_t *c = *state;
    assert_false(run_until(c, 0, 1, 0, 50)); /* nothing watched: no timer */
    assert_int_equal(c->polls[0] + c->polls[1], 0);

    uint64_t id = watch(c, ME, 0);
    assert_true(run_until(c, 0, 3, 0, GUARD_MS));
    assert_int_equal(c->polls[1], 0);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, &c->lib[1], 1), 0);
    assert_true(run_until(c, 1, 2, 0, GUARD_MS));

    assert_int_equal(devwatch_session_end(c->dw, ME, id), 0);
    int before = c->polls[0] + c->polls[1];
    assert_false(run_until(c, 0, 1000, 0, 50));
    assert_int_equal(c->polls[0] + c->polls[1], before);
}

/* One outstanding poll per library, however slow the worker. */
static void test_one_poll_in_flight(void **state)
{
    core_t *c = *state;
    c->defer = true;
    watch(c, ME, 0);
    assert_true(run_until(c, 0, 1, 0, GUARD_MS));
    assert_false(run_until(c, 0, 2, 0, 60)); /* 12 ticks, no second poll */
    assert_int_equal(c->polls[0], 1);
    c->pending[0] = false;
    devwatch_poll_done(c->dw, &c->lib[0], 0, false);
    assert_true(run_until(c, 0, 2, 0, GUARD_MS));
}

/* A drive that stops answering, and comes back, is news both times. */
static void test_failure_and_recovery(void **state)
{
    core_t *c = *state;
    watch(c, ME, 0);
    c->result[0] = ERROR_DEVICE_NOT_AVAILABLE;
    assert_true(run_until(c, 0, 0, 1, GUARD_MS));
    assert_non_null(strstr(c->reason, "not answering"));
    c->result[0] = 0;
    assert_true(run_until(c, 0, 0, 2, GUARD_MS));
    assert_non_null(strstr(c->reason, "empty"));
    c->result[0] = ERROR_TIMEOUT; /* wait_ready(0): a tape in, not ready yet */
    c->present[0] = true;
    assert_true(run_until(c, 0, 0, 3, GUARD_MS));
    assert_non_null(strstr(c->reason, "medium present"));
}

/* Unknown presence at registration: the first answer is news. */
static void test_unknown_start(void **state)
{
    core_t *c = *state;
    assert_int_equal(devwatch_add_library(c->dw, &c->lib[0], "/dev/nst0", "/dev/sg5", -1), 0);
    watch(c, ME, 0);
    assert_true(run_until(c, 0, 0, 1, GUARD_MS));
}

/* The NULL handle: one poll at once, nothing watched afterwards. */
static void test_single_poll(void **state)
{
    core_t *c = *state;
    c->present[1] = true;
    assert_int_equal(devwatch_session_set(c->dw, ME, 0, NTMS_LIBRARY, &c->lib[1], 1), 0);
    assert_int_equal(c->polls[1], 1);
    assert_int_equal(c->rechecks[1], 1);
    assert_false(run_until(c, 1, 2, 0, 50));
    assert_int_equal(c->polls[1], 1);
}

static void test_media_type_selects_libraries(void **state)
{
    core_t *c = *state;
    uint64_t id;
    assert_int_equal(devwatch_session_begin(c->dw, ME, &id), 0);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_MEDIA_TYPE, &c->media_type, 1), 0);
    assert_true(run_until(c, 0, 3, 0, GUARD_MS));
    assert_int_equal(c->polls[1], 0); /* the optical drive does not take LTO */
}

static void test_session_errors(void **state)
{
    core_t *c = *state;
    uint64_t id, id2;
    NTMS_GUID unknown;
    memset(&unknown, 0x77, sizeof unknown);
    assert_int_equal(devwatch_session_begin(c->dw, ME, &id), 0);
    assert_int_equal(devwatch_session_begin(c->dw, ME, &id2), 0);
    assert_int_not_equal(id, id2);
    assert_int_equal(devwatch_session_begin(c->dw, ME, NULL), ERROR_INVALID_PARAMETER);

    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_DRIVE, c->lib, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, c->lib, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, NULL, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, &unknown, 1), ERROR_INVALID_LIBRARY);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, &c->media_type, 1), ERROR_INVALID_LIBRARY);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_MEDIA_TYPE, &unknown, 1), ERROR_INVALID_MEDIA);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_MEDIA_TYPE, c->lib, 1), ERROR_INVALID_MEDIA);
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_PHYSICAL_MEDIA, c->lib, 1), ERROR_INVALID_MEDIA);
    NTMS_GUID mixed[2] = {c->lib[0], unknown}; /* all or nothing */
    assert_int_equal(devwatch_session_set(c->dw, ME, id, NTMS_LIBRARY, mixed, 2), ERROR_INVALID_LIBRARY);
    assert_false(run_until(c, 0, 1, 0, 50));

    assert_int_equal(devwatch_session_set(c->dw, OTHER, id, NTMS_LIBRARY, c->lib, 1), ERROR_INVALID_HANDLE);
    assert_int_equal(devwatch_session_set(c->dw, ME, 999, NTMS_LIBRARY, c->lib, 1), ERROR_INVALID_HANDLE);
    assert_int_equal(devwatch_session_end(c->dw, OTHER, id), ERROR_INVALID_HANDLE);
    assert_int_equal(devwatch_session_end(c->dw, ME, id), 0);
    assert_int_equal(devwatch_session_end(c->dw, ME, id), ERROR_INVALID_HANDLE);
    assert_int_equal(devwatch_session_end(c->dw, ME, 0), ERROR_INVALID_HANDLE);

    /* Closing the client session ends the rest of its detection sessions. */
    assert_int_equal(devwatch_session_set(c->dw, ME, id2, NTMS_LIBRARY, c->lib, 1), 0);
    uint64_t theirs = watch(c, OTHER, 1);
    devwatch_session_end_owner(c->dw, ME);
    assert_int_equal(devwatch_session_end(c->dw, ME, id2), ERROR_INVALID_HANDLE);
    assert_true(run_until(c, 1, 2, 0, GUARD_MS));
    assert_int_equal(c->polls[0], 0);
    assert_int_equal(devwatch_session_end(c->dw, OTHER, theirs), 0);
}

/* udev's events (injected): every one reaches the device callback; one on
 * a watched library's device, by node or sg node, asks for a re-check. */
static void test_device_events(void **state)
{
    core_t *c = *state;
    devwatch_inject_event(c->dw, DEVWATCH_CHANGE, "/dev/sr0", "/dev/sg7");
    assert_int_equal(c->events, 1);
    assert_int_equal(c->rechecks[1], 0); /* not watched */

    watch(c, ME, 1);
    devwatch_inject_event(c->dw, DEVWATCH_CHANGE, "/dev/sr0", "/dev/sg7");
    assert_int_equal(c->rechecks[1], 1);
    assert_non_null(strstr(c->reason, "/dev/sr0 changed"));
    devwatch_inject_event(c->dw, DEVWATCH_REMOVE, "/dev/sg7", "");
    assert_int_equal(c->rechecks[1], 2);
    assert_int_equal(c->last_action, DEVWATCH_REMOVE);
    devwatch_inject_event(c->dw, DEVWATCH_ADD, "/dev/nst4", "/dev/sg9");
    assert_int_equal(c->events, 4);
    assert_string_equal(c->last_sg, "/dev/sg9");
    assert_int_equal(c->rechecks[0] + c->rechecks[1], 2);

    devwatch_remove_library(c->dw, &c->lib[1]);
    devwatch_inject_event(c->dw, DEVWATCH_CHANGE, "/dev/sr0", "/dev/sg7");
    assert_int_equal(c->rechecks[1], 2);
}

/* The core may drop a library from inside the callback that reports it
 * (ASan would see a use after free). */
static void test_removal_inside_callbacks(void **state)
{
    core_t *c = *state;
    c->remove_on_recheck = true;
    watch(c, ME, 0);
    watch(c, ME, 1);
    devwatch_inject_event(c->dw, DEVWATCH_REMOVE, "/dev/sr0", "/dev/sg7");
    assert_int_equal(c->rechecks[1], 1);
    c->present[0] = true;
    assert_true(run_until(c, 0, 0, 1, GUARD_MS));
    int polls = c->polls[0];
    assert_false(run_until(c, 0, polls + 1, 0, 50)); /* gone: not polled any more */
    assert_int_equal(c->polls[0], polls);
}

/* Without /run/udev there is no monitor; polling still works. */
static void test_no_udev_here(void **state)
{
    core_t *c = *state;
    devwatch_t *dw;
    devwatch_options_t opt = {.udev_run_dir = "/nonexistent/udev"};
    assert_int_equal(devwatch_start(&c->loop, NULL, &opt, NULL, &dw), 0);
    assert_false(devwatch_has_udev(dw));
    NTMS_GUID g;
    memset(&g, 1, sizeof g);
    uint64_t id;
    assert_int_equal(devwatch_session_begin(dw, ME, &id), 0);
    assert_int_equal(devwatch_session_set(dw, ME, id, NTMS_MEDIA_TYPE, &g, 1), ERROR_INVALID_PARAMETER);
    assert_int_equal(devwatch_session_set(dw, ME, id, NTMS_LIBRARY, &g, 1), 0); /* no store: unchecked */
    devwatch_stop(dw);
    uv_run(&c->loop, UV_RUN_NOWAIT);
}

/* Where udev's run directory exists, a monitor is opened on the loop and
 * closed with it (whether the netlink socket opens depends on the host:
 * either way nothing leaks and the loop closes). */
static void test_udev_monitor_life(void **state)
{
    core_t *c = *state;
    devwatch_t *dw;
    devwatch_options_t opt = {.udev_run_dir = "/tmp"};
    devwatch_callbacks_t cb = {.device = on_device, .ctx = c};
    assert_int_equal(devwatch_start(&c->loop, c->st, &opt, &cb, &dw), 0);
    run_until(c, 0, 1, 0, 20);
    devwatch_stop(dw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_poll_reports_flips, setup, teardown),
        cmocka_unit_test_setup_teardown(test_baseline_from_core, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_watched_libraries_are_polled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_poll_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_and_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_media_type_selects_libraries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removal_inside_callbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_udev_here, setup, teardown),
        cmocka_unit_test_setup_teardown(test_udev_monitor_life, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
