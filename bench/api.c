/*
 * bench/api.c - how fast the object queries are through the whole stack.
 *
 *   api RSMD_BINARY [MEDIA_COUNT]
 *
 * Builds a database with MEDIA_COUNT (default 100,000) LTO cartridges in the
 * offline library's Free pool (written straight through the store, since
 * creating media through the API is a later issue), starts rsmd on it in a
 * temporary directory, and times through librsm:
 *   - GetNtmsObjectInformation of random cartridges (p50, p99);
 *   - EnumerateNtmsObject of every cartridge;
 * and the same two operations straight on the store in this process, the
 * "raw" path whose ratio shows what the socket and the service cost.
 * Prints a table; asserts nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#include "benchlib.h"
#include "model/model.h"
#include "store/store.h"

#define GET_ROUNDS 20000
#define ENUM_ROUNDS 10

struct stats {
    double p50, p99;
};

static struct stats summarize(double *v, int n)
{
    bench_sort(v, (size_t)n);
    struct stats s = {v[n / 2], v[(int)(n * 0.99)]};
    return s;
}

static void die(const char *what, DWORD rc)
{
    fprintf(stderr, "bench/api: %s failed: %u\n", what, (unsigned)rc);
    exit(1);
}

/* One cartridge and its side, as inventory would record it. */
static void add_cartridge(store_t *st, const NTMS_GUID *library, const NTMS_GUID *pool,
                          const NTMS_GUID *type, unsigned n, NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA pm = {.dwSize = sizeof pm, .dwType = NTMS_PHYSICAL_MEDIA, .Enabled = TRUE};
    model_new_guid(&pm.ObjectGuid);
    snprintf(pm.szName, sizeof pm.szName, "B%05uL8", n);
    pm.Info.PhysicalMedia.CurrentLibrary = *library;
    pm.Info.PhysicalMedia.MediaPool = *pool;
    pm.Info.PhysicalMedia.Location = *library;
    pm.Info.PhysicalMedia.LocationType = NTMS_LIBRARY;
    pm.Info.PhysicalMedia.MediaType = *type;
    snprintf(pm.Info.PhysicalMedia.szBarCode, sizeof pm.Info.PhysicalMedia.szBarCode, "B%05uL8", n);
    pm.Info.PhysicalMedia.BarCodeState = NTMS_BARCODESTATE_OK;
    DWORD rc = store_insert(st, &pm);
    if (rc)
        die("store_insert(physical media)", rc);

    NTMS_OBJECTINFORMATIONA side = {.dwSize = sizeof side, .dwType = NTMS_PARTITION, .Enabled = TRUE};
    model_new_guid(&side.ObjectGuid);
    snprintf(side.szName, sizeof side.szName, "B%05uL8", n);
    side.Info.Partition.PhysicalMedia = pm.ObjectGuid;
    side.Info.Partition.State = NTMS_PARTSTATE_AVAILABLE;
    rc = store_insert(st, &side);
    if (rc)
        die("store_insert(partition)", rc);
    *out = pm.ObjectGuid;
}

static NTMS_GUID *populate(const char *db, unsigned count)
{
    store_t *st;
    DWORD rc = store_open(db, &st);
    if (rc || (rc = model_first_start(st, "bench")))
        die("store_open/first start", rc);

    guid_list_t libs = {0};
    NTMS_GUID type, pool;
    if ((rc = store_enumerate(st, NULL, NTMS_LIBRARY, &libs)) || libs.n == 0)
        die("finding the offline library", rc);
    if ((rc = store_find_media_type(st, 0, "LTO-8", &type)))
        die("finding media type LTO-8", rc);
    if ((rc = store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &type, &pool)))
        die("finding the Free LTO-8 pool", rc);

    NTMS_GUID *ids = malloc(count * sizeof *ids);
    double t0 = bench_now_us();
    store_begin(st);
    for (unsigned i = 0; i < count; i++)
        add_cartridge(st, &libs.v[0], &pool, &type, i, &ids[i]);
    if ((rc = store_commit(st)))
        die("store_commit", rc);
    printf("populated %u cartridges in %.0f ms\n", count, (bench_now_us() - t0) / 1000);
    guid_list_free(&libs);
    store_close(st);
    return ids;
}

/* The raw path: the same two operations straight on the store. */
static void time_store(const char *db, const NTMS_GUID *ids, unsigned count, double *get, double *enm)
{
    store_t *st;
    if (store_open(db, &st))
        die("store_open", 1);
    for (int i = 0; i < GET_ROUNDS; i++) {
        NTMS_OBJECTINFORMATIONA o;
        double t = bench_now_us();
        DWORD rc = store_get(st, &ids[(unsigned)rand() % count], &o);
        get[i] = bench_now_us() - t;
        if (rc)
            die("store_get", rc);
    }
    for (int i = 0; i < ENUM_ROUNDS; i++) {
        guid_list_t l = {0};
        double t = bench_now_us();
        DWORD rc = store_enumerate(st, NULL, NTMS_PHYSICAL_MEDIA, &l);
        enm[i] = bench_now_us() - t;
        if (rc || l.n != count)
            die("store_enumerate", rc);
        guid_list_free(&l);
    }
    store_close(st);
}

static void time_api(HANDLE s, NTMS_GUID *ids, unsigned count, double *get, double *enm)
{
    for (int i = 0; i < GET_ROUNDS; i++) {
        NTMS_OBJECTINFORMATIONA o = {.dwSize = sizeof o, .dwType = NTMS_PHYSICAL_MEDIA};
        double t = bench_now_us();
        DWORD rc = GetNtmsObjectInformationA(s, &ids[(unsigned)rand() % count], &o);
        get[i] = bench_now_us() - t;
        if (rc)
            die("GetNtmsObjectInformation", rc);
    }
    NTMS_GUID *list = malloc((count + 16) * sizeof *list);
    for (int i = 0; i < ENUM_ROUNDS; i++) {
        DWORD n = count + 16;
        double t = bench_now_us();
        DWORD rc = EnumerateNtmsObject(s, NULL, list, &n, NTMS_PHYSICAL_MEDIA, 0);
        enm[i] = bench_now_us() - t;
        if (rc || n != count)
            die("EnumerateNtmsObject", rc);
    }
    free(list);
}

/* The floor under any call: a 64-byte Unix-socket round trip between two
 * processes, with no work on either side. On a VM whose cross-CPU wake-ups
 * are slow this alone can exceed the budget of a call. */
static void time_socket_floor(double *rt)
{
    int sv[2];
    char b[64] = {0};
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        die("socketpair", (DWORD)errno);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < GET_ROUNDS; i++)
            if (read(sv[1], b, sizeof b) <= 0 || write(sv[1], b, sizeof b) <= 0)
                break;
        _exit(0);
    }
    for (int i = 0; i < GET_ROUNDS; i++) {
        double t = bench_now_us();
        if (write(sv[0], b, sizeof b) <= 0 || read(sv[0], b, sizeof b) <= 0)
            die("socket round trip", (DWORD)errno);
        rt[i] = bench_now_us() - t;
    }
    waitpid(pid, NULL, 0);
    close(sv[0]);
    close(sv[1]);
}

static void row(const char *op, int count, struct stats s, struct stats raw)
{
    printf("%-28s %8d %12.1f %12.1f %10.1f\n", op, count, s.p50, s.p99, raw.p50 > 0 ? s.p50 / raw.p50 : 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RSMD_BINARY [MEDIA_COUNT]\n", argv[0]);
        return 2;
    }
    unsigned count = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 100000;
    char dir[] = "/tmp/rsm-bench-XXXXXX", db[600], sock[600];
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", (DWORD)errno);
    snprintf(db, sizeof db, "%s/rsm.db", dir);

    NTMS_GUID *ids = populate(db, count);
    static double get[GET_ROUNDS], enm[ENUM_ROUNDS], rget[GET_ROUNDS], renm[ENUM_ROUNDS], rt[GET_ROUNDS];
    time_store(db, ids, count, rget, renm);
    time_socket_floor(rt);

    pid_t pid = bench_start_rsmd(argv[1], dir, NULL, sock, sizeof sock);
    HANDLE s = OpenNtmsSessionA(sock, "bench", 0);
    if (s == INVALID_HANDLE_VALUE)
        die("OpenNtmsSession", GetLastError());
    time_api(s, ids, count, get, enm);
    CloseNtmsSession(s);
    bench_stop_rsmd(pid);

    struct stats sg = summarize(get, GET_ROUNDS), se = summarize(enm, ENUM_ROUNDS);
    struct stats rg = summarize(rget, GET_ROUNDS), re = summarize(renm, ENUM_ROUNDS);
    struct stats floor = summarize(rt, GET_ROUNDS);
    printf("\n%-28s %8s %12s %12s %10s\n", "operation", "count", "p50 (us)", "p99 (us)", "ratio");
    row("GetNtmsObjectInformation", GET_ROUNDS, sg, rg);
    row("  raw: store_get", GET_ROUNDS, rg, rg);
    row("  floor: socket round trip", GET_ROUNDS, floor, floor);
    /* Only medians subtract meaningfully; tails of two distributions do not. */
    printf("%-28s %8d %12.1f %12s %10.1f\n", "  call minus floor (p50)", GET_ROUNDS, sg.p50 - floor.p50, "-",
           rg.p50 > 0 ? (sg.p50 - floor.p50) / rg.p50 : 0);
    char label[64];
    snprintf(label, sizeof label, "EnumerateNtmsObject (%u)", count);
    row(label, ENUM_ROUNDS, se, re);
    row("  raw: store_enumerate", ENUM_ROUNDS, re, re);
    printf("\nratio = p50 through librsm and rsmd / p50 of the same operation on the store in-process\n");

    free(ids);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
