/*
 * bench/inventory.c - how long a FAST inventory takes, against the raw
 * READ ELEMENT STATUS of the same library.
 *
 *   bench-inventory CHANGER_URL [ROUNDS]
 *
 * CHANGER_URL is an SMC changer (iscsi://... of a tgtd library, or /dev/sgN).
 * In this process, on a fresh database in a temporary directory, it:
 *   1. starts the library as rsmd does (worker thread, attach, registration
 *      of slots, drives, ports), with no inventory at start;
 *   2. times the raw path: READ ELEMENT STATUS of every element type on a
 *      connection of its own (the SMC backend's status(), no database);
 *   3. times the first FAST inventory through the library (library_inventory,
 *      what InventoryNtmsLibrary runs): it creates a physical medium and its
 *      side for every cartridge;
 *   4. times ROUNDS further inventories that change nothing.
 * Prints a table; asserts nothing. bench/inventory.sh builds the tgtd
 * libraries (1,000 and 10,000 slots) and runs this against each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#include <uv.h>

#include "benchlib.h"
#include "changer/smc.h"
#include "library/library.h"
#include "model/library_model.h"
#include "model/model.h"
#include "store/store.h"

#define MAX_ROUNDS 200

static void die(const char *what, DWORD rc, const char *why)
{
    fprintf(stderr, "bench-inventory: %s failed: %u %s\n", what, (unsigned)rc, why ? why : "");
    exit(1);
}

/* Element status of every type, as an inventory reads it: the raw path. */
static double raw_read_all(changer_t *c)
{
    char why[256] = "";
    double t = bench_now_us();
    for (int type = ELEM_TRANSPORT; type <= ELEM_DRIVE; type++) {
        element_status_t one = {0};
        DWORD rc = c->ops->status(c, type, &one, why, sizeof why);
        if (rc)
            die("READ ELEMENT STATUS", rc, why);
        element_status_free(&one);
    }
    return bench_now_us() - t;
}

struct wait {
    int done;
    DWORD result;
};

static void on_done(library_t *lib, DWORD result, void *ctx)
{
    (void)lib;
    struct wait *w = ctx;
    w->result = result;
    w->done = 1;
}

/* Run the loop until *flag is set, or fail after `seconds`. */
static void run_until(uv_loop_t *loop, const int *flag, double seconds, const char *what)
{
    double deadline = bench_now_us() + seconds * 1e6;
    while (!*flag) {
        if (bench_now_us() > deadline)
            die(what, ERROR_TIMEOUT, "timed out");
        uv_run(loop, UV_RUN_ONCE);
    }
}

/* One inventory through the library's worker, as InventoryNtmsLibrary runs
 * it: element status read by the worker, reconciled on the loop thread. */
static double inventory_once(uv_loop_t *loop, library_t *lib)
{
    struct wait w = {0};
    double t = bench_now_us();
    DWORD rc = library_inventory(lib, NTMS_INVENTORY_FAST, on_done, &w);
    if (rc)
        die("library_inventory", rc, NULL);
    run_until(loop, &w.done, 300, "inventory");
    if (w.result)
        die("inventory", w.result, NULL);
    return bench_now_us() - t;
}

static void row(const char *op, int count, double *v, int n, double raw_p50)
{
    bench_sort(v, (size_t)n);
    double p50 = v[n / 2], p99 = v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1];
    printf("%-34s %6d %12.2f %12.2f %8.2f\n", op, count, p50 / 1000, p99 / 1000, raw_p50 > 0 ? p50 / raw_p50 : 1.0);
}

static void configure(library_config_t *cfg, const char *url)
{
    char err[256] = "";
    static const char *const keys[][2] = {
        {"type", "scsi"}, {"inventory", "none"}, {"media_type", "LTO-6"}, {"poll_seconds", "3600"}};
    library_config_init(cfg, "bench");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (library_config_key(cfg, keys[i][0], keys[i][1], err, sizeof err))
            die("library config", 1, err);
    if (library_config_key(cfg, "device", url, err, sizeof err) || library_config_finish(cfg, err, sizeof err))
        die("library config", 1, err);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CHANGER_URL [ROUNDS]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    if (rounds < 1 || rounds > MAX_ROUNDS)
        rounds = 20;

    char dir[] = "/tmp/rsm-bench-inv-XXXXXX", db[600], why[256] = "";
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", 1, NULL);
    snprintf(db, sizeof db, "%s/rsm.db", dir);
    store_t *st;
    DWORD rc = store_open(db, &st);
    if (rc || (rc = model_first_start(st, "bench")))
        die("store_open/first start", rc, NULL);

    /* The raw path: this process's own connection to the changer. */
    changer_t *c;
    if ((rc = smc_open(argv[1], "raw", &c, why, sizeof why)))
        die("smc_open", rc, why);
    changer_info_t info;
    if ((rc = c->ops->info(c, &info, why, sizeof why)))
        die("info", rc, why);

    /* The library as rsmd runs it, with no inventory at start so that the
     * first one below is the first this database sees. */
    uv_loop_t loop;
    uv_loop_init(&loop);
    library_config_t cfg;
    configure(&cfg, argv[1]);
    library_t *lib;
    double t = bench_now_us();
    if ((rc = library_start(&loop, st, &cfg, &lib)))
        die("library_start", rc, NULL);
    while (library_get_state(lib) != LIBRARY_READY) {
        if (bench_now_us() - t > 120e6 || library_get_state(lib) == LIBRARY_FAILED)
            die("attach", ERROR_DEVICE_NOT_AVAILABLE, "library did not become ready");
        uv_run(&loop, UV_RUN_ONCE);
    }
    double attach_ms = (bench_now_us() - t) / 1000;

    static double raw[MAX_ROUNDS], first[1], again[MAX_ROUNDS];
    for (int i = 0; i < rounds; i++)
        raw[i] = raw_read_all(c);
    first[0] = inventory_once(&loop, lib);
    unsigned added = library_last_counts(lib)->added;
    for (int i = 0; i < rounds; i++) {
        again[i] = inventory_once(&loop, lib);
        const inventory_counts_t *k = library_last_counts(lib);
        if (k->added || k->moved || k->gone)
            die("an unchanged inventory changed something", 1, NULL);
    }

    double sorted_raw[MAX_ROUNDS];
    memcpy(sorted_raw, raw, sizeof raw);
    bench_sort(sorted_raw, (size_t)rounds);
    double raw_p50 = sorted_raw[rounds / 2];

    printf("library: %s %s, %u slots, %u cartridges; attach and registration %.1f ms\n\n", info.vendor,
           info.product, (unsigned)info.range[ELEM_SLOT].count, added, attach_ms);
    printf("%-34s %6s %12s %12s %8s\n", "operation", "count", "p50 (ms)", "p99 (ms)", "ratio");
    row("raw READ ELEMENT STATUS (all)", rounds, raw, rounds, raw_p50);
    row("first FAST inventory (all new)", 1, first, 1, raw_p50);
    row("FAST inventory, nothing changed", rounds, again, rounds, raw_p50);
    printf("\nratio = p50 / p50 of the raw READ ELEMENT STATUS of every element type\n");

    library_stop(lib);
    for (int i = 0; i < 100 && uv_run(&loop, UV_RUN_NOWAIT); i++)
        ;
    uv_loop_close(&loop);
    c->ops->close(c);
    store_close(st);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
