/*
 * bench/mount_storm.c - part 2 of bench-mount: many sessions mounting at
 * once on a virtual library.
 *
 *   bench-mount virtual RSMD [SESSIONS [DRIVES [CARTRIDGES [CYCLES]]]]
 *   (defaults 64 sessions, 16 drives, 128 cartridges, 50 cycles)
 *
 * rsmd runs a virtual library [library vbench] of DRIVES drives and
 * CARTRIDGES cartridges (one per slot, poll_seconds = 0) in a temporary
 * directory. SESSIONS threads, each with a session of its own, start
 * together; each runs CYCLES cycles of MountNtmsMedia of one of its own
 * cartridges (thread i owns the cartridges i, i + SESSIONS, ...; it takes
 * them in turn) and DismountNtmsMedia, immediate. With more sessions than
 * drives most mounts wait in the queue for a drive. The run ends when the
 * last thread is done and every cartridge is back in a slot; cycles per
 * second = all cycles / that time.
 *
 * Then the checks that nothing was lost: every mount answered without
 * error; rsmd recorded exactly one mount and one dismount library request
 * per cycle, each PASSED, none left open; every cartridge is in a storage
 * slot, for rsmd and in the library's own directory (no drive holds a
 * cartridge image); every drive object is empty.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "mount.h"

#define MOUNT_TIMEOUT_MS 120000

typedef struct worker {
    pthread_t thread;
    HANDLE s;
    NTMS_GUID *media; /* all of them; this worker's are id, id + step, ... */
    unsigned id, step, owned, cycles;
    double *mount, *dismount, *cycle;
    unsigned failed;
    DWORD first_error;
} worker_t;

static pthread_barrier_t start_line;

static void failed(worker_t *w, DWORD rc)
{
    if (w->failed++ == 0)
        w->first_error = rc;
}

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    pthread_barrier_wait(&start_line);
    for (unsigned k = 0; k < w->cycles; k++) {
        NTMS_GUID *m = &w->media[w->id + (k % w->owned) * w->step], drive;
        double t0 = bench_now_us();
        DWORD rc = MountNtmsMedia(w->s, m, &drive, 1, NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, MOUNT_TIMEOUT_MS, NULL);
        double t1 = bench_now_us();
        if (rc == 0)
            rc = DismountNtmsMedia(w->s, m, 1, NTMS_DISMOUNT_IMMEDIATE);
        double t2 = bench_now_us();
        if (rc != 0)
            failed(w, rc);
        w->mount[k] = t1 - t0;
        w->dismount[k] = t2 - t1;
        w->cycle[k] = t2 - t0;
    }
    return NULL;
}

/* How many of the cartridges rsmd has in a storage slot. */
static size_t media_home(HANDLE s, NTMS_GUID *media, size_t n)
{
    size_t home = 0;
    for (size_t i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        mb_get(s, &media[i], NTMS_PHYSICAL_MEDIA, &o);
        home += o.Info.PhysicalMedia.LocationType == NTMS_STORAGESLOT;
    }
    return home;
}

/* Wait (bounded) until every cartridge is home: the last dismounts. */
static void drain(HANDLE s, NTMS_GUID *media, size_t n)
{
    double deadline = bench_now_us() + MB_WAIT_S * 1e6;
    while (media_home(s, media, n) < n && bench_now_us() < deadline) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* Entries of a directory whose names do not start with '.'. */
static size_t count_entries(const char *path)
{
    size_t n = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' && strchr(e->d_name, '.') == NULL;
    if (d != NULL)
        closedir(d);
    return n;
}

/* The library's own directory: cartridges in slots, and in drives. */
static void device_counts(const char *root, unsigned drives, size_t *in_slots, size_t *in_drives)
{
    char p[700];
    snprintf(p, sizeof p, "%s/slots", root);
    *in_slots = count_entries(p);
    *in_drives = 0;
    for (unsigned i = 1; i <= drives; i++) {
        struct stat st;
        snprintf(p, sizeof p, "%s/drives/%u/tape", root, i);
        *in_drives += lstat(p, &st) == 0;
    }
}

static size_t drives_empty(HANDLE s, NTMS_GUID *lib, size_t *total)
{
    DWORD n;
    NTMS_GUID *v = mb_list(s, lib, NTMS_DRIVE, &n);
    size_t empty = 0;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        mb_get(s, &v[i], NTMS_DRIVE, &o);
        empty += o.Info.Drive.State == NTMS_DRIVESTATE_DISMOUNTED;
    }
    free(v);
    *total = n;
    return empty;
}

static void call_rows(worker_t *w, unsigned sessions, unsigned cycles)
{
    size_t n = (size_t)sessions * cycles;
    double *v = malloc(n * sizeof *v);
    static const char *const names[] = {"MountNtmsMedia (call, waits for a drive)", "DismountNtmsMedia (call)",
                                        "mount + dismount cycle (both calls)"};
    if (v == NULL)
        mb_die("malloc", ERROR_NOT_ENOUGH_MEMORY);
    for (int which = 0; which < 3; which++) {
        for (unsigned i = 0; i < sessions; i++) {
            const double *src = which == 0 ? w[i].mount : which == 1 ? w[i].dismount : w[i].cycle;
            memcpy(v + (size_t)i * cycles, src, cycles * sizeof *v);
        }
        bench_sort(v, n);
        mb_row(names[which], n, bench_pct(v, n, 50), bench_pct(v, n, 99), 0);
    }
    free(v);
}

static void start_workers(worker_t *w, const char *sock, NTMS_GUID *media, unsigned sessions, unsigned cartridges,
                          unsigned cycles)
{
    double *samples = calloc((size_t)sessions * cycles * 3, sizeof *samples);
    if (samples == NULL)
        mb_die("calloc", ERROR_NOT_ENOUGH_MEMORY);
    for (unsigned i = 0; i < sessions; i++) {
        double *mine = samples + (size_t)i * cycles * 3;
        w[i] = (worker_t){.s = mb_session(sock, "bench-mount"), .media = media, .id = i, .step = sessions,
                          .owned = (cartridges - i + sessions - 1) / sessions, .cycles = cycles,
                          .mount = mine, .dismount = mine + cycles, .cycle = mine + 2 * cycles};
        if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0)
            mb_die("pthread_create", ERROR_NOT_ENOUGH_MEMORY);
    }
}

int mb_storm(const char *rsmd, unsigned sessions, unsigned drives, unsigned cartridges, unsigned cycles)
{
    char dir[512], extra[1024], sock[600], root[600];
    if (cartridges < sessions) {
        fprintf(stderr, "bench-mount: each session needs a cartridge of its own (%u < %u)\n", cartridges, sessions);
        return 2;
    }
    bench_mkdtemp("rsm-bench-storm", dir, sizeof dir);
    /* The library's own directory may live elsewhere (a tmpfs: a robot
     * whose moves cost nothing), the database stays in TMPDIR. */
    const char *vlib_parent = getenv("BENCH_VLIB_DIR");
    if (vlib_parent != NULL && vlib_parent[0])
        snprintf(root, sizeof root, "%s/%s-vlib", vlib_parent, strrchr(dir, '/') + 1);
    else
        snprintf(root, sizeof root, "%s/vlib", dir);
    snprintf(extra, sizeof extra,
             "[library vbench]\ntype = virtual\nroot = %s\nslots = %u\ndrives = %u\nports = 1\ncartridges = %u\n"
             "cartridge_size = 1M\npoll_seconds = 0\n",
             root, cartridges, drives, cartridges);
    pid_t pid = bench_start_rsmd(rsmd, dir, extra, sock, sizeof sock);
    HANDLE s = mb_session(sock, "bench-mount");
    NTMS_GUID lib = mb_library(s, "vbench"), *media = calloc(cartridges, sizeof *media);
    if (media == NULL)
        mb_die("calloc", ERROR_NOT_ENOUGH_MEMORY);
    if (mb_media(s, &lib, cartridges, media, cartridges) != cartridges)
        mb_die("finding the cartridges", ERROR_INVALID_MEDIA);

    worker_t *w = calloc(sessions, sizeof *w);
    if (w == NULL)
        mb_die("calloc", ERROR_NOT_ENOUGH_MEMORY);
    pthread_barrier_init(&start_line, NULL, sessions + 1);
    start_workers(w, sock, media, sessions, cartridges, cycles);
    pthread_barrier_wait(&start_line);
    double t0 = bench_now_us(), cpu0 = bench_cpu_ms(pid), self0 = bench_cpu_ms(getpid());
    for (unsigned i = 0; i < sessions; i++)
        pthread_join(w[i].thread, NULL);
    double calls_s = (bench_now_us() - t0) / 1e6;
    drain(s, media, cartridges);
    double seconds = (bench_now_us() - t0) / 1e6;
    double cpu = bench_cpu_ms(pid) - cpu0, self = bench_cpu_ms(getpid()) - self0;

    size_t total = (size_t)sessions * cycles, failures = 0, home = media_home(s, media, cartridges);
    size_t dev_slots, dev_drives, ndrives, empty = drives_empty(s, &lib, &ndrives);
    DWORD first_error = 0;
    for (unsigned i = 0; i < sessions; i++) {
        if (w[i].failed && !failures)
            first_error = w[i].first_error;
        failures += w[i].failed;
    }
    mb_requests_t r;
    mb_requests(s, &r);
    device_counts(root, drives, &dev_slots, &dev_drives);

    printf("\n%u sessions at once, %u mount+dismount cycles each, virtual library of %u drives and %u "
           "cartridges\n\n", sessions, cycles, drives, cartridges);
    mb_header();
    call_rows(w, sessions, cycles);
    mb_row("mount request (rsmd's queued -> passed)", r.mounts_passed, bench_pct(r.mount_ms, r.mounts_passed, 50) * 1000,
           bench_pct(r.mount_ms, r.mounts_passed, 99) * 1000, 0);
    mb_row("dismount request (queued -> passed)", r.dismounts_passed,
           bench_pct(r.dismount_ms, r.dismounts_passed, 50) * 1000,
           bench_pct(r.dismount_ms, r.dismounts_passed, 99) * 1000, 0);
    double per_s = total / seconds;
    printf("\ncycles per second: %.0f (%zu cycles in %.2f s; the calls took %.2f s, the last dismounts %.2f s "
           "more); target at least 1,000: %s\n", per_s, total, seconds, calls_s, seconds - calls_s,
           per_s >= 1000 ? "met" : "MISSED");
    printf("CPU per cycle: rsmd %.3f ms, these %u clients %.3f ms (user + system, all threads)\n",
           cpu / total, sessions, self / total);
    printf("request times are rsmd's own timestamps (millisecond resolution)\n\n");
    printf("mounts answered: %zu of %zu, %zu failed%s", total - failures, total, failures, failures ? "" : "\n");
    if (failures)
        printf(" (first error %u)\n", (unsigned)first_error);
    printf("library requests: %zu mounts (%zu passed), %zu dismounts (%zu passed), %zu open; expected %zu each\n",
           r.mounts, r.mounts_passed, r.dismounts, r.dismounts_passed, r.open, total);
    printf("cartridges in a slot: %zu of %u for rsmd; in the library's directory %zu in slots, %zu in drives\n",
           home, cartridges, dev_slots, dev_drives);
    printf("drives empty: %zu of %zu\n", empty, ndrives);
    bool ok = failures == 0 && r.mounts == total && r.mounts_passed == total && r.dismounts == total &&
              r.dismounts_passed == total && r.open == 0 && home == cartridges && dev_slots == cartridges &&
              dev_drives == 0 && empty == ndrives && ndrives == drives;
    printf("no request lost: %s\n", ok ? "yes" : "NO");

    mb_requests_free(&r);
    for (unsigned i = 0; i < sessions; i++)
        CloseNtmsSession(w[i].s);
    CloseNtmsSession(s);
    int status = bench_stop_rsmd(pid);
    if (status != 0)
        fprintf(stderr, "bench-mount: rsmd exited with status %d (log kept in %s)\n", status, dir);
    if (ok && status == 0 && getenv("BENCH_KEEP") == NULL) {
        char cmd[1400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", dir, root);
        if (system(cmd) != 0)
            fprintf(stderr, "bench-mount: could not remove %s\n", dir);
    }
    pthread_barrier_destroy(&start_line);
    free(w[0].mount);
    free(w);
    free(media);
    return ok && status == 0 ? 0 : 1;
}
