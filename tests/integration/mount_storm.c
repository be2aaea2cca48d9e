/*
 * mount_storm.c - a mount/dismount storm through librsm, for the kill test
 * (test_mount_kill.sh), which kills rsmd under it at a random moment.
 *
 *   mount_storm LIBRARY PREFIX SUFFIX TAPES SESSIONS SECONDS
 *
 * SESSIONS threads, each with a session of its own, mount cartridges
 * PREFIX0001SUFFIX..PREFIX<TAPES>SUFFIX of library LIBRARY for SECONDS:
 * by physical medium, by side, by logical medium (allocated from pool
 * "Storm", which the first half of the cartridges are put in) and two at
 * once, with random priorities, time-outs and options, hold them a few
 * milliseconds, then dismount them deferred (for a second: the storm sets
 * the drives' dwDeferDismountDelay), immediately or by drive. Now
 * and then a short-lived session queues an NTMS_MOUNT_NOWAIT mount and
 * leaves before it is done.
 * Logical media are allocated and deallocated along the way, and those a
 * previous storm left allocated are used again.
 *
 * While it runs it checks what a client can see: no drive is handed to two
 * mounts at once and no medium is mounted twice (each mount marks its
 * drives and media with an atomic compare-and-swap, cleared before the
 * dismount), and every call answers one of the codes its reference page
 * gives for the situation. The service may vanish at any time: the first
 * call that finds the connection gone stops every thread, and the storm
 * ends normally.
 *
 * Prints one line of counts. Exit status: 0, also when the service went
 * away; 1 when a check failed; 2 on a usage error or a failed setup; 3
 * when the service could not be reached at all (3 s).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#define MAX_TAPES 64
#define MAX_DRIVES 16
#define MAX_SESSIONS 64
#define MAX_LIST 512
#define POOL "Storm"
#define CONNECT_TRIES 30 /* 100 ms apart */

typedef struct tape {
    NTMS_GUID medium, side;
    char bar_code[NTMS_BARCODE_LENGTH];
} tape_t;

/* A logical medium of pool Storm and the cartridge it is on. */
typedef struct lmid {
    NTMS_GUID id;
    int tape;
} lmid_t;

static struct {
    const char *library, *prefix, *suffix;
    int ntapes, nsessions;
    double deadline;
    NTMS_GUID lib, pool;
    tape_t tapes[MAX_TAPES];
    NTMS_GUID drives[MAX_DRIVES];
    DWORD ndrives;
    /* the checks: 0, or the session number + 1 holding it */
    atomic_int drive_owner[MAX_DRIVES], tape_owner[MAX_TAPES];
    /* logical media no session is using */
    pthread_mutex_t lock;
    lmid_t spare[MAX_TAPES];
    int nspare;
    atomic_bool gone, failed;
    atomic_long mounts, mount_waits, dismounts, allocations, deallocations;
    char first_failure[512];
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

static void failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failure(const char *fmt, ...)
{
    va_list ap;

    pthread_mutex_lock(&g.lock);
    if (!atomic_exchange(&g.failed, true)) {
        va_start(ap, fmt);
        vsnprintf(g.first_failure, sizeof g.first_failure, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&g.lock);
}

/* Does `err` say the service has gone? Then every thread stops. */
static bool service_gone(DWORD err)
{
    if (err != ERROR_NOT_CONNECTED && err != ERROR_CONNECTION_UNAVAIL && err != ERROR_INVALID_HANDLE)
        return false;
    atomic_store(&g.gone, true);
    return true;
}

static bool running(void)
{
    return !atomic_load(&g.gone) && !atomic_load(&g.failed) && now_s() < g.deadline;
}

/* A call's answer: fine when it is one of `ok` (a 0-terminated list after
 * ERROR_SUCCESS), or when the service has gone; a failure otherwise. */
static bool answered(const char *call, DWORD err, const DWORD *ok)
{
    if (err == ERROR_SUCCESS || service_gone(err))
        return err == ERROR_SUCCESS;
    for (; *ok != 0; ok++)
        if (err == *ok)
            return false;
    failure("%s answered %lu", call, (unsigned long)err);
    return false;
}

static const DWORD mount_codes[] = {ERROR_TIMEOUT, ERROR_BUSY, 0};
static const DWORD alloc_codes[] = {ERROR_TIMEOUT, ERROR_MEDIA_UNAVAILABLE, 0};
static const DWORD no_codes[] = {0};

/* --- setup --------------------------------------------------------------- */

static DWORD get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *o)
{
    memset(o, 0, sizeof *o);
    o->dwSize = sizeof *o;
    o->dwType = type;
    return GetNtmsObjectInformationA(h, (LPNTMS_GUID)id, o);
}

static DWORD list(HANDLE h, const NTMS_GUID *container, DWORD type, NTMS_GUID *out, DWORD *n)
{
    *n = MAX_LIST;
    return EnumerateNtmsObject(h, (LPNTMS_GUID)container, out, n, type, 0);
}

static int tape_of_medium(const NTMS_GUID *m)
{
    for (int k = 0; k < g.ntapes; k++)
        if (memcmp(&g.tapes[k].medium, m, sizeof *m) == 0)
            return k;
    return -1;
}

static int drive_index(const NTMS_GUID *d)
{
    for (int i = 0; i < (int)g.ndrives; i++)
        if (memcmp(&g.drives[i], d, sizeof *d) == 0)
            return i;
    return -1;
}

/* The library, once READY (it may still be attaching). */
static DWORD find_library(HANDLE h)
{
    static NTMS_GUID v[MAX_LIST];
    NTMS_OBJECTINFORMATIONA o;
    DWORD n, err;

    while (running()) {
        if ((err = list(h, NULL, NTMS_LIBRARY, v, &n)) != 0)
            return err;
        for (DWORD i = 0; i < n; i++) {
            if (get(h, &v[i], NTMS_LIBRARY, &o) == 0 && strcmp(o.szName, g.library) == 0 &&
                o.dwOperationalState == NTMS_READY) {
                g.lib = v[i];
                g.ndrives = MAX_DRIVES;
                return EnumerateNtmsObject(h, &g.lib, g.drives, &g.ndrives, NTMS_DRIVE, 0);
            }
        }
        sleep_ms(100);
    }
    return ERROR_TIMEOUT;
}

/* Deferred dismounts last a second (each drive's dwDeferDismountDelay),
 * so that their timers fire during a storm too. */
static DWORD short_deferrals(HANDLE h)
{
    NTMS_OBJECTINFORMATIONA d;
    DWORD err = 0;

    for (DWORD i = 0; err == 0 && i < g.ndrives; i++) {
        err = get(h, &g.drives[i], NTMS_DRIVE, &d);
        if (err == 0 && d.Info.Drive.dwDeferDismountDelay != 1) {
            d.Info.Drive.dwDeferDismountDelay = 1;
            err = SetNtmsObjectInformationA(h, &g.drives[i], &d);
        }
    }
    return err;
}

/* Every cartridge's medium and first side, by bar code. */
static DWORD find_tapes(HANDLE h)
{
    static NTMS_GUID v[MAX_LIST];
    NTMS_OBJECTINFORMATIONA o;
    DWORD n, err = list(h, &g.lib, NTMS_PHYSICAL_MEDIA, v, &n);

    for (int k = 0; err == 0 && k < g.ntapes; k++)
        snprintf(g.tapes[k].bar_code, sizeof g.tapes[k].bar_code, "%s%04d%s", g.prefix, k + 1, g.suffix);
    for (DWORD i = 0; err == 0 && i < n; i++) {
        if ((err = get(h, &v[i], NTMS_PHYSICAL_MEDIA, &o)) != 0)
            break;
        for (int k = 0; k < g.ntapes; k++)
            if (strcmp(o.Info.PhysicalMedia.szBarCode, g.tapes[k].bar_code) == 0)
                g.tapes[k].medium = v[i];
    }
    for (int k = 0; err == 0 && k < g.ntapes; k++) {
        DWORD one = 1;
        err = EnumerateNtmsObject(h, &g.tapes[k].medium, &g.tapes[k].side, &one, NTMS_PARTITION, 0);
        if (err == ERROR_OBJECT_NOT_FOUND || err == ERROR_INVALID_PARAMETER)
            return fprintf(stderr, "mount_storm: no cartridge %s in %s\n", g.tapes[k].bar_code, g.library), err;
    }
    return err;
}

/* Pool Storm of the cartridges' media type, holding the first half of
 * them (Unrecognized -> Free -> Storm the first time), and the logical
 * media an earlier storm left there. */
static DWORD fill_pool(HANDLE h)
{
    static NTMS_GUID v[MAX_LIST];
    NTMS_OBJECTINFORMATIONA m, type;
    char free_path[NTMS_OBJECTNAME_LENGTH + 8];
    NTMS_GUID free_pool;
    DWORD n, err = get(h, &g.tapes[0].medium, NTMS_PHYSICAL_MEDIA, &m);

    if (!err)
        err = get(h, &m.Info.PhysicalMedia.MediaType, NTMS_MEDIA_TYPE, &type);
    if (!err)
        err = CreateNtmsMediaPoolA(h, POOL, &m.Info.PhysicalMedia.MediaType, NTMS_OPEN_ALWAYS, NULL, &g.pool);
    snprintf(free_path, sizeof free_path, "Free\\%s", type.szName);
    if (!err)
        err = CreateNtmsMediaPoolA(h, free_path, NULL, NTMS_OPEN_EXISTING, NULL, &free_pool);
    for (int k = 0; err == 0 && k < g.ntapes / 2; k++) {
        if ((err = get(h, &g.tapes[k].medium, NTMS_PHYSICAL_MEDIA, &m)) != 0 ||
            memcmp(&m.Info.PhysicalMedia.MediaPool, &g.pool, sizeof g.pool) == 0)
            continue;
        err = MoveToNtmsMediaPool(h, &g.tapes[k].medium, &free_pool);
        if (!err)
            err = MoveToNtmsMediaPool(h, &g.tapes[k].medium, &g.pool);
    }
    if (!err)
        err = list(h, &g.pool, NTMS_LOGICAL_MEDIA, v, &n);
    for (DWORD i = 0; err == 0 && i < n && g.nspare < MAX_TAPES; i++) {
        NTMS_GUID side;
        DWORD one = 1;
        NTMS_OBJECTINFORMATIONA s;
        if ((err = EnumerateNtmsObject(h, &v[i], &side, &one, NTMS_PARTITION, 0)) != 0 ||
            (err = get(h, &side, NTMS_PARTITION, &s)) != 0)
            break;
        g.spare[g.nspare].id = v[i];
        g.spare[g.nspare++].tape = tape_of_medium(&s.Info.Partition.PhysicalMedia);
    }
    return err;
}

/* --- one session's storm ---------------------------------------------------- */

typedef struct session {
    int me; /* 1-based */
    unsigned seed;
    HANDLE h;
} session_t;

static unsigned pick(session_t *s, unsigned n)
{
    return (unsigned)rand_r(&s->seed) % n;
}

/* Mark (or, `on` false, unmark) drive and medium as this session's. */
static void mark(session_t *s, const NTMS_GUID *drive, int tape, bool on)
{
    int d = drive_index(drive), expect = on ? 0 : s->me, want = on ? s->me : 0;

    if (d < 0) {
        failure("a mount returned a drive that is not one of %s", g.library);
        return;
    }
    if (!atomic_compare_exchange_strong(&g.drive_owner[d], &expect, want) && on)
        failure("drive %d was given to session %d while session %d held it", d, s->me, expect);
    expect = on ? 0 : s->me;
    if (tape >= 0 && !atomic_compare_exchange_strong(&g.tape_owner[tape], &expect, want) && on)
        failure("%s was mounted for session %d while session %d held it", g.tapes[tape].bar_code, s->me, expect);
}

/* Mount ids[0..n) (cartridges tapes[]), hold, dismount. */
static void mount_cycle(session_t *s, NTMS_GUID *ids, const int *tapes, DWORD n)
{
    static const DWORD timeouts[] = {0, 200, 1000, 5000};
    static const DWORD options[] = {0, NTMS_MOUNT_READ, NTMS_MOUNT_READ | NTMS_MOUNT_WRITE,
                                    NTMS_MOUNT_ERROR_NOT_AVAILABLE};
    NTMS_GUID drives[2];
    DWORD err = MountNtmsMedia(s->h, ids, drives, n, options[pick(s, 4)], (int)pick(s, 31) - 15,
                               timeouts[pick(s, 4)], NULL);
    unsigned how = pick(s, 10);

    if (!answered("MountNtmsMedia", err, mount_codes)) {
        atomic_fetch_add(&g.mount_waits, err == ERROR_TIMEOUT || err == ERROR_BUSY);
        return;
    }
    atomic_fetch_add(&g.mounts, 1);
    for (DWORD k = 0; k < n; k++)
        mark(s, &drives[k], tapes[k], true);
    sleep_ms(pick(s, 30));
    for (DWORD k = 0; k < n; k++)
        mark(s, &drives[k], tapes[k], false);
    if (how == 0 && n == 1)
        err = DismountNtmsDrive(s->h, &drives[0]);
    else
        err = DismountNtmsMedia(s->h, ids, n, how < 5 ? NTMS_DISMOUNT_DEFERRED : NTMS_DISMOUNT_IMMEDIATE);
    if (answered("DismountNtmsMedia", err, no_codes))
        atomic_fetch_add(&g.dismounts, 1);
}

/* A logical medium: a spare one, or a new allocation. */
static bool take_lmid(session_t *s, lmid_t *out)
{
    NTMS_OBJECTINFORMATIONA side;
    NTMS_GUID sides[1];
    DWORD one = 1, err;

    pthread_mutex_lock(&g.lock);
    bool spare = g.nspare > 0 && pick(s, 2) == 0;
    if (spare)
        *out = g.spare[--g.nspare];
    pthread_mutex_unlock(&g.lock);
    if (spare)
        return true;
    err = AllocateNtmsMedia(s->h, &g.pool, NULL, &out->id, 0, 0, NULL);
    if (!answered("AllocateNtmsMedia", err, alloc_codes))
        return false;
    atomic_fetch_add(&g.allocations, 1);
    err = EnumerateNtmsObject(s->h, &out->id, sides, &one, NTMS_PARTITION, 0);
    if (err == 0)
        err = get(s->h, &sides[0], NTMS_PARTITION, &side);
    out->tape = err == 0 ? tape_of_medium(&side.Info.Partition.PhysicalMedia) : -1;
    if (answered("reading an allocated side", err, no_codes) && out->tape < 0)
        failure("a logical medium of pool %s is on no cartridge of the storm", POOL);
    return out->tape >= 0;
}

static void logical_cycle(session_t *s)
{
    lmid_t l;

    if (!take_lmid(s, &l))
        return;
    mount_cycle(s, &l.id, &l.tape, 1);
    if (running() && pick(s, 3) == 0) {
        if (answered("DeallocateNtmsMedia", DeallocateNtmsMedia(s->h, &l.id, 0), no_codes))
            atomic_fetch_add(&g.deallocations, 1);
        return;
    }
    pthread_mutex_lock(&g.lock);
    g.spare[g.nspare++] = l;
    pthread_mutex_unlock(&g.lock);
}

/* A client that queues a mount it does not wait for (NTMS_MOUNT_NOWAIT)
 * and leaves at once: the mount goes with its session. */
static void nowait_and_leave(session_t *s, int tape)
{
    HANDLE h = OpenNtmsSessionA(NULL, "mount_storm nowait", 0);
    NTMS_GUID drive;
    DWORD err;

    if (h == INVALID_HANDLE_VALUE) {
        service_gone(ERROR_NOT_CONNECTED);
        return;
    }
    err = MountNtmsMedia(h, &g.tapes[tape].medium, &drive, 1, NTMS_MOUNT_NOWAIT, (int)pick(s, 31) - 15, 5000, NULL);
    answered("MountNtmsMedia NOWAIT", err, no_codes);
    sleep_ms(pick(s, 20));
    CloseNtmsSession(h);
}

static void *session_main(void *arg)
{
    session_t *s = arg;

    s->h = OpenNtmsSessionA(NULL, "mount_storm", 0);
    if (s->h == INVALID_HANDLE_VALUE) {
        service_gone(ERROR_NOT_CONNECTED);
        return NULL;
    }
    while (running()) {
        unsigned op = pick(s, 10);
        int t[2] = {(int)pick(s, (unsigned)g.ntapes), (int)pick(s, (unsigned)g.ntapes)};
        NTMS_GUID ids[2] = {g.tapes[t[0]].medium, g.tapes[t[1]].medium};

        if (op < 4) {
            mount_cycle(s, ids, t, 1);
        } else if (op < 6) {
            mount_cycle(s, &g.tapes[t[0]].side, t, 1);
        } else if (op < 8) {
            logical_cycle(s);
        } else if (op == 8 && t[0] != t[1] && g.ndrives >= 2) {
            mount_cycle(s, ids, t, 2);
        } else if (op == 9) {
            nowait_and_leave(s, t[0]);
        }
    }
    CloseNtmsSession(s->h);
    return NULL;
}

/* --- main -------------------------------------------------------------------- */

static int setup(void)
{
    HANDLE h = INVALID_HANDLE_VALUE;
    DWORD err = ERROR_NOT_CONNECTED;

    for (int tries = 0; tries < CONNECT_TRIES && h == INVALID_HANDLE_VALUE; tries++) {
        h = OpenNtmsSessionA(NULL, "mount_storm setup", 0);
        if (h == INVALID_HANDLE_VALUE)
            sleep_ms(100);
    }
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "mount_storm: cannot open a session: is rsmd up?\n");
        return 3;
    }
    err = find_library(h);
    if (!err)
        err = short_deferrals(h);
    if (!err)
        err = find_tapes(h);
    if (!err)
        err = fill_pool(h);
    CloseNtmsSession(h);
    if (err == 0 || service_gone(err))
        return 0;
    fprintf(stderr, "mount_storm: setup failed (error %lu)\n", (unsigned long)err);
    return 2;
}

int main(int argc, char **argv)
{
    static session_t sessions[MAX_SESSIONS];
    static pthread_t threads[MAX_SESSIONS];
    double start = now_s();
    int rc, started = 0;

    if (argc != 7) {
        fprintf(stderr, "usage: mount_storm LIBRARY PREFIX SUFFIX TAPES SESSIONS SECONDS\n");
        return 2;
    }
    g.library = argv[1];
    g.prefix = argv[2];
    g.suffix = argv[3];
    g.ntapes = atoi(argv[4]);
    g.nsessions = atoi(argv[5]);
    g.deadline = start + atof(argv[6]);
    if (g.ntapes < 2 || g.ntapes > MAX_TAPES || g.nsessions < 1 || g.nsessions > MAX_SESSIONS) {
        fprintf(stderr, "mount_storm: TAPES 2..%d, SESSIONS 1..%d\n", MAX_TAPES, MAX_SESSIONS);
        return 2;
    }
    if ((rc = setup()) != 0)
        return rc;
    for (; started < g.nsessions && !atomic_load(&g.gone); started++) {
        sessions[started] = (session_t){.me = started + 1, .seed = (unsigned)getpid() * 7919u + (unsigned)started};
        if (pthread_create(&threads[started], NULL, session_main, &sessions[started]) != 0)
            break;
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    printf("mount_storm: %d sessions, %.1f s: %ld mounts, %ld waits that ended unmounted, %ld dismounts, "
           "%ld allocations, %ld deallocations%s\n",
           started, now_s() - start, atomic_load(&g.mounts), atomic_load(&g.mount_waits),
           atomic_load(&g.dismounts), atomic_load(&g.allocations), atomic_load(&g.deallocations),
           atomic_load(&g.gone) ? "; the service went away" : "");
    if (atomic_load(&g.failed)) {
        fprintf(stderr, "mount_storm: FAILED: %s\n", g.first_failure);
        return 1;
    }
    return 0;
}
