/*
 * bench/reconcile.c - model_inventory alone: the database half of an
 * inventory, on a synthetic element status, with no robot and no worker.
 *
 *   bench-reconcile [SLOTS] [ROUNDS]
 *
 * Each round opens a fresh database file in a temporary directory, runs
 * first start, registers a library of SLOTS slots (addresses 1000..), two
 * ports and two drives, every slot full with an LTO-6 bar code (VL0001L6,
 * the labels bench/inventory.sh's tgtd library carries), then times:
 *   - the first inventory, which records every cartridge (a physical medium
 *     and its side each);
 *   - an inventory of the same status, which changes nothing;
 * and runs store_check on the result. Prints a table: wall-clock p50 and
 * minimum, and the p50 of the thread's CPU time, which other processes
 * disturb less. Exits non-zero when an inventory fails or the database
 * does not pass its check. Quicker to iterate on than bench/inventory.sh
 * (a second or two), and free of tgtd's timing noise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#include "model/library_model.h"
#include "model/model.h"
#include "store/store.h"

#define MAX_ROUNDS 50
#define FIRST_SLOT 1000
#define MAX_SLOTS 60000

static double clock_us(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Wall-clock and CPU time of one call: on a shared machine the CPU time
 * says more about the code, the wall clock what a caller waits. */
struct sample {
    double wall, cpu;
};

static struct sample start(void)
{
    return (struct sample){clock_us(CLOCK_MONOTONIC), clock_us(CLOCK_THREAD_CPUTIME_ID)};
}

static struct sample since(struct sample t)
{
    return (struct sample){clock_us(CLOCK_MONOTONIC) - t.wall, clock_us(CLOCK_THREAD_CPUTIME_ID) - t.cpu};
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *what, DWORD rc, const char *why)
{
    fprintf(stderr, "bench-reconcile: %s failed: %u %s\n", what, (unsigned)rc, why ? why : "");
    exit(1);
}

static element_t *add(element_status_t *s, int type, unsigned address)
{
    element_t *e = &s->v[s->n++];
    memset(e, 0, sizeof *e);
    e->type = (uint8_t)type;
    e->address = (uint16_t)address;
    e->access = true;
    return e;
}

/* Transport 1, ports 16-17, drives 256-257 (empty), slots from 1000, full. */
static void build(element_status_t *s, changer_info_t *info, model_drive_desc_t drives[2], unsigned slots)
{
    s->v = calloc(slots + 5, sizeof *s->v);
    if (s->v == NULL)
        die("calloc", ERROR_NOT_ENOUGH_MEMORY, NULL);
    add(s, ELEM_TRANSPORT, 1);
    for (unsigned i = 0; i < slots; i++) {
        element_t *e = add(s, ELEM_SLOT, FIRST_SLOT + i);
        e->full = e->has_voltag = true;
        snprintf(e->voltag, sizeof e->voltag, "VL%0*uL6", slots < 10000 ? 4 : 5, i + 1);
    }
    for (unsigned i = 0; i < 2; i++)
        add(s, ELEM_PORT, 16 + i);
    for (unsigned i = 0; i < 2; i++)
        snprintf(add(s, ELEM_DRIVE, 256 + i)->device_id, CHANGER_DEVID_LEN, "DRV%04u", 256 + i);

    memset(info, 0, sizeof *info);
    snprintf(info->vendor, sizeof info->vendor, "STK");
    snprintf(info->product, sizeof info->product, "L700");
    snprintf(info->serial, sizeof info->serial, "LIB0001");
    info->range[ELEM_TRANSPORT].first = 1;
    info->range[ELEM_TRANSPORT].count = 1;
    info->range[ELEM_SLOT].first = FIRST_SLOT;
    info->range[ELEM_SLOT].count = (uint16_t)slots;
    info->range[ELEM_PORT].first = 16;
    info->range[ELEM_PORT].count = 2;
    info->range[ELEM_DRIVE].first = 256;
    info->range[ELEM_DRIVE].count = 2;
    info->has_barcode_reader = true;
    for (unsigned i = 0; i < 2; i++) {
        drives[i] = (model_drive_desc_t){.address = (uint16_t)(256 + i), .bound = true};
        snprintf(drives[i].ident.vendor, sizeof drives[i].ident.vendor, "IBM");
        snprintf(drives[i].ident.product, sizeof drives[i].ident.product, "ULT3580-TD6");
        snprintf(drives[i].ident.serial, sizeof drives[i].ident.serial, "DRV%04u", 256 + i);
        snprintf(drives[i].ident.device_name, sizeof drives[i].ident.device_name, "/dev/nst%u", i);
    }
}

/* One round on a fresh database: the times of the first and of an
 * unchanged inventory. */
static void round_once(const element_status_t *s, const changer_info_t *info, const model_drive_desc_t *drives,
                       struct sample *first, struct sample *again)
{
    char dir[] = "/tmp/rsm-bench-rec-XXXXXX", db[600], why[256] = "";
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", 1, NULL);
    snprintf(db, sizeof db, "%s/rsm.db", dir);
    store_t *st;
    NTMS_GUID lib;
    DWORD rc = store_open(db, &st);
    if (rc || (rc = model_first_start(st, "bench")))
        die("store_open/first start", rc, NULL);
    model_library_desc_t d = {.config_name = "bench", .library_type = NTMS_LIBRARYTYPE_ONLINE,
                              .has_changer = true, .changer_device = "/dev/sg9", .info = info,
                              .status = s, .drives = drives, .ndrives = 2,
                              .inventory_method = NTMS_INVENTORY_NONE, .media_type = "LTO-6"};
    if ((rc = model_library_prepare(st, "bench", NTMS_LIBRARYTYPE_ONLINE, NTMS_INVENTORY_NONE, &lib)) ||
        (rc = model_library_register(st, &d, &lib)))
        die("registration", rc, NULL);

    inventory_params_t p = {.library = lib, .cleaner_prefix = "CLN", .media_type = "LTO-6"};
    inventory_counts_t c;
    struct sample t = start();
    if ((rc = model_inventory(st, &p, s, &c)))
        die("first inventory", rc, NULL);
    *first = since(t);
    if (c.added != s->n - 5)
        die("first inventory", 1, "did not add every cartridge");
    t = start();
    if ((rc = model_inventory(st, &p, s, &c)))
        die("second inventory", rc, NULL);
    *again = since(t);
    if (c.added || c.moved || c.gone)
        die("an unchanged inventory", 1, "changed something");
    if ((rc = store_check(st, why, sizeof why)))
        die("store_check", rc, why);

    store_close(st);
    static const char *const files[] = {"rsm.db", "rsm.db-wal", "rsm.db-shm"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(db, sizeof db, "%s/%s", dir, files[i]);
        unlink(db);
    }
    rmdir(dir);
}

static void row(const char *op, const struct sample *v, int n)
{
    double wall[MAX_ROUNDS], cpu[MAX_ROUNDS];
    for (int i = 0; i < n; i++) {
        wall[i] = v[i].wall;
        cpu[i] = v[i].cpu;
    }
    qsort(wall, (size_t)n, sizeof *wall, cmp_double);
    qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
    printf("%-34s %6d %10.2f %10.2f %10.2f\n", op, n, wall[n / 2] / 1000, wall[0] / 1000, cpu[n / 2] / 1000);
}

int main(int argc, char **argv)
{
    int slots = argc > 1 ? atoi(argv[1]) : 10000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (slots < 1 || slots > MAX_SLOTS)
        slots = 10000;
    if (rounds < 1 || rounds > MAX_ROUNDS)
        rounds = 5;

    element_status_t s = {0};
    changer_info_t info;
    model_drive_desc_t drives[2];
    build(&s, &info, drives, (unsigned)slots);
    static struct sample first[MAX_ROUNDS], again[MAX_ROUNDS];
    for (int i = 0; i < rounds; i++)
        round_once(&s, &info, drives, &first[i], &again[i]);
    free(s.v);

    printf("model_inventory, %d slots, %d cartridges, fresh database each round\n\n", slots, slots);
    printf("%-34s %6s %10s %10s %10s\n", "operation", "rounds", "p50 (ms)", "min (ms)", "cpu p50");
    row("first inventory (all new)", first, rounds);
    row("inventory, nothing changed", again, rounds);
    return 0;
}
