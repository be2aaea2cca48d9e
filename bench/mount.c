/*
 * bench/mount.c - how long a mount and a dismount take through librsm and
 * rsmd, against the raw SCSI path; and how many mount+dismount cycles a
 * library takes from many sessions at once (mount_storm.c).
 *
 *   bench-mount tgt RSMD RAW_RES CHANGER_URL [ROUNDS]
 *   bench-mount virtual RSMD [SESSIONS [DRIVES [CARTRIDGES [CYCLES]]]]
 *
 * tgt: CHANGER_URL is a tgt-lib library (tests/tgt/tgt-lib create), whose
 * first cartridge sits in slot 1000 and whose first drive is element 256 at
 * LUN 2. First the raw path: `RAW_RES URL --mount 1000 256 --drive-lun 2`
 * (tests/tgt/raw_res.c, libiscsi and nothing of ours) sends what a mount
 * and a dismount send - MOVE slot->drive and TEST UNIT READY until ready;
 * ALLOW MEDIUM REMOVAL, UNLOAD and MOVE drive->slot - ROUNDS times. Then
 * rsmd runs that library and, in one session, ROUNDS times: MountNtmsMedia
 * of the cartridge, DismountNtmsMedia (immediate), and a poll of the
 * cartridge's location until it is back in a slot (the dismount's robot
 * work ends there). Ratio = API p50 / raw p50.
 *
 * virtual: see mount_storm.c.
 *
 * Prints a table; exits non-zero when a call fails or a check of the
 * outcome (every request passed, every cartridge home) does not hold.
 * bench/mount.sh builds the tgtd library and runs both.
 */
#include "mount.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"

#define WARMUP 5
#define MAX_ROUNDS 100000
#define POLL_NS 20000 /* between two looks at where the cartridge is */

void mb_die(const char *what, DWORD rc)
{
    fprintf(stderr, "bench-mount: %s failed: error %u\n", what, (unsigned)rc);
    exit(1);
}

HANDLE mb_session(const char *sock, const char *app)
{
    HANDLE s = OpenNtmsSessionA(sock, app, 0);
    if (s == INVALID_HANDLE_VALUE)
        mb_die("OpenNtmsSession", GetLastError());
    return s;
}

void mb_get(HANDLE s, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;
    out->dwType = type;
    DWORD rc = GetNtmsObjectInformationA(s, (LPNTMS_GUID)id, out);
    if (rc)
        mb_die("GetNtmsObjectInformation", rc);
}

NTMS_GUID *mb_list(HANDLE s, NTMS_GUID *container, DWORD type, DWORD *n)
{
    DWORD cap = 256;
    for (;;) {
        NTMS_GUID *v = malloc(cap * sizeof *v);
        DWORD got = cap, rc;
        if (v == NULL)
            mb_die("malloc", ERROR_NOT_ENOUGH_MEMORY);
        rc = EnumerateNtmsObject(s, container, v, &got, type, 0);
        if (rc == 0) {
            *n = got;
            return v;
        }
        free(v);
        if (rc != ERROR_INSUFFICIENT_BUFFER)
            mb_die("EnumerateNtmsObject", rc);
        cap = got > cap ? got + 64 : cap * 2;
    }
}

static void sleep_ns(long ns)
{
    struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
    nanosleep(&ts, NULL);
}

NTMS_GUID mb_library(HANDLE s, const char *name)
{
    double deadline = bench_now_us() + MB_WAIT_S * 1e6;
    while (bench_now_us() < deadline) {
        DWORD n;
        NTMS_GUID *libs = mb_list(s, NULL, NTMS_LIBRARY, &n), found;
        for (DWORD i = 0; i < n; i++) {
            NTMS_OBJECTINFORMATIONA o;
            mb_get(s, &libs[i], NTMS_LIBRARY, &o);
            if (strcmp(o.szName, name) == 0 && o.dwOperationalState != NTMS_INITIALIZING) {
                found = libs[i];
                free(libs);
                return found;
            }
        }
        free(libs);
        sleep_ns(50000000L);
    }
    mb_die("waiting for the library to attach", ERROR_TIMEOUT);
    return (NTMS_GUID){0};
}

size_t mb_media(HANDLE s, NTMS_GUID *lib, size_t want, NTMS_GUID *out, size_t max)
{
    double deadline = bench_now_us() + MB_WAIT_S * 1e6;
    bool asked = false;
    while (bench_now_us() < deadline) {
        DWORD n;
        NTMS_GUID *v = mb_list(s, lib, NTMS_PHYSICAL_MEDIA, &n);
        if (n >= want) {
            size_t k = n < max ? n : max;
            memcpy(out, v, k * sizeof *v);
            free(v);
            return k;
        }
        free(v);
        if (!asked) {
            DWORD rc = InventoryNtmsLibrary(s, lib, NTMS_INVENTORY_FAST);
            if (rc)
                mb_die("InventoryNtmsLibrary", rc);
            asked = true;
        }
        sleep_ns(50000000L);
    }
    mb_die("waiting for the library's cartridges", ERROR_TIMEOUT);
    return 0;
}

void mb_header(void)
{
    printf("%-44s %7s %10s %10s %8s\n", "operation", "count", "p50 (ms)", "p99 (ms)", "ratio");
}

void mb_row(const char *op, size_t count, double p50_us, double p99_us, double ratio)
{
    printf("%-44s %7zu %10.3f %10.3f", op, count, p50_us / 1000, p99_us / 1000);
    if (ratio > 0)
        printf(" %8.2f", ratio);
    putchar('\n');
}

/* --- the library requests rsmd recorded ---------------------------------- */

static double systemtime_ms(const SYSTEMTIME *t)
{
    struct tm tm = {.tm_year = t->wYear - 1900, .tm_mon = t->wMonth - 1, .tm_mday = t->wDay,
                    .tm_hour = t->wHour, .tm_min = t->wMinute, .tm_sec = t->wSecond};
    return (double)timegm(&tm) * 1000 + t->wMilliseconds;
}

void mb_requests(HANDLE s, mb_requests_t *out)
{
    DWORD n;
    NTMS_GUID *v = mb_list(s, NULL, NTMS_LIBREQUEST, &n);
    memset(out, 0, sizeof *out);
    out->mount_ms = calloc(n + 1, sizeof(double));
    out->dismount_ms = calloc(n + 1, sizeof(double));
    if (out->mount_ms == NULL || out->dismount_ms == NULL)
        mb_die("calloc", ERROR_NOT_ENOUGH_MEMORY);
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        mb_get(s, &v[i], NTMS_LIBREQUEST, &o);
        const NTMS_LIBREQUESTINFORMATIONA *r = &o.Info.LibRequest;
        bool passed = r->State == NTMS_LM_PASSED;
        double took = systemtime_ms(&r->TimeCompleted) - systemtime_ms(&r->TimeQueued);
        if (r->State == NTMS_LM_QUEUED || r->State == NTMS_LM_INPROCESS || r->State == NTMS_LM_WAITING)
            out->open++;
        if (r->OperationCode == NTMS_LM_MOUNT) {
            out->mounts++;
            if (passed)
                out->mount_ms[out->mounts_passed++] = took;
        } else if (r->OperationCode == NTMS_LM_DISMOUNT) {
            out->dismounts++;
            if (passed)
                out->dismount_ms[out->dismounts_passed++] = took;
        }
    }
    free(v);
    bench_sort(out->mount_ms, out->mounts_passed);
    bench_sort(out->dismount_ms, out->dismounts_passed);
}

void mb_requests_free(mb_requests_t *r)
{
    free(r->mount_ms);
    free(r->dismount_ms);
}

/* --- part 1: one session against the raw path on tgtd ------------------ */

struct raw_line {
    double p50, p99;
};

struct raw {
    struct raw_line mount, dismount, cycle;
    double per_s;
};

static void parse_raw_line(const char *line, struct raw_line *out)
{
    const char *p50 = strstr(line, "p50_us="), *p99 = strstr(line, "p99_us=");
    if (p50 == NULL || p99 == NULL)
        mb_die("reading raw-res's output", ERROR_INVALID_PARAMETER);
    out->p50 = strtod(p50 + 7, NULL);
    out->p99 = strtod(p99 + 7, NULL);
}

static void run_raw(const char *raw_res, const char *url, int rounds, struct raw *out)
{
    char cmd[1024], line[512];
    int seen = 0;
    snprintf(cmd, sizeof cmd, "'%s' '%s' --mount 1000 256 --drive-lun 2 --rounds %d --timeout 600", raw_res, url,
             rounds);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        mb_die("running raw-res", ERROR_FILE_NOT_FOUND);
    while (fgets(line, sizeof line, p) != NULL) {
        if (strncmp(line, "mount ", 6) == 0)
            parse_raw_line(line, &out->mount), seen |= 1;
        else if (strncmp(line, "dismount ", 9) == 0)
            parse_raw_line(line, &out->dismount), seen |= 2;
        else if (strncmp(line, "cycle ", 6) == 0)
            parse_raw_line(line, &out->cycle), seen |= 4;
        else if (strncmp(line, "cycles_per_s=", 13) == 0)
            out->per_s = strtod(line + 13, NULL), seen |= 8;
    }
    if (pclose(p) != 0 || seen != 15)
        mb_die("raw-res --mount", ERROR_IO_DEVICE);
}

/* Poll until the cartridge is in a storage slot again. */
static void wait_home(HANDLE s, NTMS_GUID *m)
{
    double deadline = bench_now_us() + MB_WAIT_S * 1e6;
    for (;;) {
        NTMS_OBJECTINFORMATIONA o;
        mb_get(s, m, NTMS_PHYSICAL_MEDIA, &o);
        if (o.Info.PhysicalMedia.LocationType == NTMS_STORAGESLOT)
            return;
        if (bench_now_us() > deadline)
            mb_die("waiting for the cartridge to go home", ERROR_TIMEOUT);
        sleep_ns(POLL_NS);
    }
}

struct api {
    double *mount, *dismount_call, *dismount, *cycle;
    double seconds;
};

/* One mount and immediate dismount of m, and the wait until it is home. */
static void api_cycle(HANDLE s, NTMS_GUID *m, struct api *a, int i)
{
    NTMS_GUID drive;
    double t0 = bench_now_us();
    DWORD rc = MountNtmsMedia(s, m, &drive, 1, NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 30000, NULL);
    if (rc)
        mb_die("MountNtmsMedia", rc);
    double t1 = bench_now_us();
    if ((rc = DismountNtmsMedia(s, m, 1, NTMS_DISMOUNT_IMMEDIATE)))
        mb_die("DismountNtmsMedia", rc);
    double t2 = bench_now_us();
    wait_home(s, m);
    double t3 = bench_now_us();
    if (i >= 0) {
        a->mount[i] = t1 - t0;
        a->dismount_call[i] = t2 - t1;
        a->dismount[i] = t3 - t1;
        a->cycle[i] = t3 - t0;
    }
}

static void run_api(const char *rsmd, const char *url, int rounds, struct api *a)
{
    char dir[512], extra[1024], sock[600];
    bench_mkdtemp("rsm-bench-mount", dir, sizeof dir);
    snprintf(extra, sizeof extra, "[library tgt]\ntype = scsi\ndevice = %s\nmedia_type = LTO-6\npoll_seconds = 0\n",
             url);
    pid_t pid = bench_start_rsmd(rsmd, dir, extra, sock, sizeof sock);
    HANDLE s = mb_session(sock, "bench-mount");
    NTMS_GUID lib = mb_library(s, "tgt"), media[64], first;
    size_t n = mb_media(s, &lib, 1, media, 64);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        NTMS_OBJECTINFORMATIONA o;
        mb_get(s, &media[i], NTMS_PHYSICAL_MEDIA, &o);
        if ((found = strcmp(o.Info.PhysicalMedia.szBarCode, "VL0001L6") == 0))
            first = media[i];
    }
    if (!found)
        mb_die("finding cartridge VL0001L6", ERROR_INVALID_MEDIA);

    for (int i = 0; i < WARMUP; i++)
        api_cycle(s, &first, a, -1);
    double t = bench_now_us();
    for (int i = 0; i < rounds; i++)
        api_cycle(s, &first, a, i);
    a->seconds = (bench_now_us() - t) / 1e6;

    mb_requests_t r;
    mb_requests(s, &r);
    size_t want = (size_t)rounds + WARMUP;
    printf("library requests: %zu mounts (%zu passed), %zu dismounts (%zu passed), %zu open; expected %zu each\n",
           r.mounts, r.mounts_passed, r.dismounts, r.dismounts_passed, r.open, want);
    bool ok = r.mounts_passed == want && r.dismounts_passed == want && r.mounts == want && r.dismounts == want &&
              r.open == 0;
    mb_requests_free(&r);
    CloseNtmsSession(s);
    int status = bench_stop_rsmd(pid);
    if (!ok || status != 0) {
        fprintf(stderr, "bench-mount: %s (rsmd exit status %d; kept %s)\n",
                ok ? "rsmd did not stop cleanly" : "a library request is missing or did not pass", status, dir);
        exit(1);
    }
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench-mount: could not remove %s\n", dir);
}

/* One API row and its raw row: p50, p99, ratio of the p50s. */
static void row_pair(const char *op, const char *raw_op, double *v, int n, const struct raw_line *raw)
{
    bench_sort(v, (size_t)n);
    double p50 = bench_pct(v, (size_t)n, 50);
    mb_row(op, (size_t)n, p50, bench_pct(v, (size_t)n, 99), raw->p50 > 0 ? p50 / raw->p50 : 0);
    mb_row(raw_op, (size_t)n, raw->p50, raw->p99, 1.0);
}

static int bench_tgt(const char *rsmd, const char *raw_res, const char *url, int rounds)
{
    struct raw raw = {0};
    struct api a = {0};
    double *all = calloc((size_t)rounds * 4, sizeof *all);
    if (all == NULL)
        mb_die("calloc", ERROR_NOT_ENOUGH_MEMORY);
    a.mount = all;
    a.dismount_call = all + rounds;
    a.dismount = all + 2 * rounds;
    a.cycle = all + 3 * rounds;

    run_raw(raw_res, url, rounds, &raw);
    run_api(rsmd, url, rounds, &a);

    printf("\nmount and dismount of one cartridge (slot 1000 <-> a drive), one session, tgtd over iSCSI\n\n");
    mb_header();
    row_pair("MountNtmsMedia", "  raw: MOVE slot->drive, TUR until ready", a.mount, rounds, &raw.mount);
    bench_sort(a.dismount_call, (size_t)rounds);
    mb_row("DismountNtmsMedia (the call: queued)", (size_t)rounds, bench_pct(a.dismount_call, (size_t)rounds, 50),
           bench_pct(a.dismount_call, (size_t)rounds, 99), 0);
    row_pair("DismountNtmsMedia until back in its slot", "  raw: ALLOW, UNLOAD, MOVE drive->slot", a.dismount,
             rounds, &raw.dismount);
    row_pair("mount + dismount cycle", "  raw: the same SCSI commands", a.cycle, rounds, &raw.cycle);
    double per_s = rounds / a.seconds, added = bench_pct(a.mount, (size_t)rounds, 50) - raw.mount.p50;
    printf("\ncycles per second: %.0f through the API, %.0f raw (ratio %.2f)\n", per_s, raw.per_s,
           raw.per_s > 0 ? per_s / raw.per_s : 0);
    printf("the service adds %.3f ms p50 to a mount over the raw path (target: under 1 ms): %s\n", added / 1000,
           added < 1000 ? "met" : "MISSED");
    printf("ratio = API p50 / raw p50; \"until back in its slot\" is polled every ~%d us\n", POLL_NS / 1000 + 60);
    free(all);
    return 0;
}

static unsigned arg(int argc, char **argv, int i, unsigned dflt, unsigned lo, unsigned hi)
{
    if (argc <= i)
        return dflt;
    unsigned long v = strtoul(argv[i], NULL, 10);
    if (v < lo || v > hi) {
        fprintf(stderr, "bench-mount: argument %d must be in %u..%u\n", i, lo, hi);
        exit(2);
    }
    return (unsigned)v;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "tgt") == 0)
        return bench_tgt(argv[2], argv[3], argv[4], (int)arg(argc, argv, 5, 200, 1, MAX_ROUNDS));
    if (argc >= 3 && strcmp(argv[1], "virtual") == 0)
        return mb_storm(argv[2], arg(argc, argv, 3, 64, 1, 1024), arg(argc, argv, 4, 16, 1, 64),
                        arg(argc, argv, 5, 128, 1, 10000), arg(argc, argv, 6, 50, 1, 100000));
    fprintf(stderr, "usage: %s tgt RSMD RAW_RES CHANGER_URL [ROUNDS]\n"
                    "       %s virtual RSMD [SESSIONS [DRIVES [CARTRIDGES [CYCLES]]]]\n",
            argv[0], argv[0]);
    return 2;
}
