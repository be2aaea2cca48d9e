/*
 * mount_check.c - what the kill test (test_mount_kill.sh) asks of rsmd
 * after each restart, through librsm, about library LIBRARY on a tgtd
 * changer:
 *
 *   mount_check LIBRARY RAW_RES URL [SECONDS [settle]]
 *
 * waits (at most SECONDS, default 60) until the library is READY, and with
 * `settle` also until nothing moves any more (no library request open, no
 * drive holding a medium: deferred dismounts have ended), then checks,
 * reporting every disagreement on stderr:
 *   - placement (placement.h): every cartridge where the changer's own
 *     element status (raw-res --list) says, every drive's recorded content
 *     that of the drive element;
 *   - no mount survived the restart (or, settled, the sessions that made
 *     them): no drive MOUNTED, no medium MOUNTED; a medium in a drive is
 *     LOADED, one elsewhere IDLE;
 *   - no library request of any library is left QUEUED, INPROCESS or
 *     WAITING;
 *   - no side is allocated to two logical media: each logical medium's
 *     sides name it, no side is listed under two, and a side is Allocated
 *     or Complete exactly when it belongs to an existing logical medium.
 * The database's own consistency check (store_check) is dbcheck's, run by
 * the script while rsmd is down.
 *
 * Prints one line of counts and exits 0 when everything holds, else 1.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rsm/ntmsapi.h>

#include "placement.h"

static int problems;
static const NTMS_GUID none;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
    va_list ap;

    if (problems++ >= 20)
        return;
    va_start(ap, fmt);
    fputs("mount_check: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static bool same(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static DWORD get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *o)
{
    memset(o, 0, sizeof *o);
    o->dwSize = sizeof *o;
    o->dwType = type;
    return GetNtmsObjectInformationA(h, (LPNTMS_GUID)id, o);
}

/* Every object of `type` in `container` (NULL: all), malloc'ed. */
static NTMS_GUID *list(HANDLE h, const NTMS_GUID *container, DWORD type, DWORD *n)
{
    DWORD cap = 256, err = ERROR_INSUFFICIENT_BUFFER;
    NTMS_GUID *v = NULL;

    for (int tries = 0; tries < 6 && err == ERROR_INSUFFICIENT_BUFFER; tries++) {
        NTMS_GUID *w = realloc(v, (cap ? cap : 1) * sizeof *w);
        if (w == NULL)
            break;
        v = w;
        *n = cap;
        err = EnumerateNtmsObject(h, (LPNTMS_GUID)container, v, n, type, 0);
        cap = *n + 256;
    }
    if (err != ERROR_SUCCESS) {
        problem("cannot list objects of type %u (error %u)", (unsigned)type, (unsigned)err);
        *n = 0;
    }
    return v;
}

static int wait_ready(HANDLE h, const char *name, int seconds, NTMS_GUID *lib)
{
    DWORD state = (DWORD)-1;

    for (int i = 0; i < seconds * 10; i++) {
        DWORD n;
        NTMS_GUID *v = list(h, NULL, NTMS_LIBRARY, &n);
        for (DWORD k = 0; k < n; k++) {
            NTMS_OBJECTINFORMATIONA o;
            if (get(h, &v[k], NTMS_LIBRARY, &o) == 0 && strcmp(o.szName, name) == 0) {
                state = o.dwOperationalState;
                *lib = v[k];
            }
        }
        free(v);
        if (state == NTMS_READY)
            return 0;
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
    problem("library %s is not READY after %d s (state %d)", name, seconds, (int)state);
    return -1;
}

/* Is anything still moving: a library request open, a drive not empty? */
static bool busy(HANDLE h, const NTMS_GUID *lib)
{
    DWORD n, m;
    NTMS_GUID *reqs = list(h, NULL, NTMS_LIBREQUEST, &n), *drives = list(h, lib, NTMS_DRIVE, &m);
    NTMS_OBJECTINFORMATIONA o;
    bool moving = false;

    for (DWORD i = 0; !moving && i < n; i++)
        moving = get(h, &reqs[i], NTMS_LIBREQUEST, &o) == 0 &&
                 (o.Info.LibRequest.State == NTMS_LM_QUEUED || o.Info.LibRequest.State == NTMS_LM_INPROCESS ||
                  o.Info.LibRequest.State == NTMS_LM_WAITING);
    for (DWORD i = 0; !moving && i < m; i++)
        moving = get(h, &drives[i], NTMS_DRIVE, &o) == 0 && o.Info.Drive.State != NTMS_DRIVESTATE_DISMOUNTED;
    free(reqs);
    free(drives);
    return moving;
}

static void settle(HANDLE h, const NTMS_GUID *lib, int seconds)
{
    for (int i = 0; i < seconds * 10 && busy(h, lib); i++) {
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
}

/* No drive MOUNTED; media LOADED in drives, IDLE elsewhere. */
static DWORD check_mounts(HANDLE h, const NTMS_GUID *lib)
{
    DWORD n, m;
    NTMS_GUID *drives = list(h, lib, NTMS_DRIVE, &n), *media = list(h, lib, NTMS_PHYSICAL_MEDIA, &m);
    NTMS_OBJECTINFORMATIONA o;

    for (DWORD i = 0; i < n; i++)
        if (get(h, &drives[i], NTMS_DRIVE, &o) == 0 && o.Info.Drive.State == NTMS_DRIVESTATE_MOUNTED)
            problem("drive %u is still MOUNTED after the restart", (unsigned)o.Info.Drive.Number);
    for (DWORD i = 0; i < m; i++) {
        if (get(h, &media[i], NTMS_PHYSICAL_MEDIA, &o) != 0) {
            problem("a medium of the library cannot be read");
            continue;
        }
        const NTMS_PMIDINFORMATIONA *pm = &o.Info.PhysicalMedia;
        DWORD want = pm->LocationType == NTMS_DRIVE ? NTMS_MEDIASTATE_LOADED : NTMS_MEDIASTATE_IDLE;
        if (pm->MediaState != want)
            problem("medium %s (location type %u) is in media state %u, not %u", pm->szBarCode,
                    (unsigned)pm->LocationType, (unsigned)pm->MediaState, (unsigned)want);
    }
    free(drives);
    free(media);
    return m;
}

/* No library request of any library still open. */
static DWORD check_requests(HANDLE h)
{
    DWORD n;
    NTMS_GUID *v = list(h, NULL, NTMS_LIBREQUEST, &n);
    NTMS_OBJECTINFORMATIONA o;

    for (DWORD i = 0; i < n; i++) {
        if (get(h, &v[i], NTMS_LIBREQUEST, &o) != 0)
            continue; /* deleted meanwhile */
        DWORD st = o.Info.LibRequest.State;
        if (st == NTMS_LM_QUEUED || st == NTMS_LM_INPROCESS || st == NTMS_LM_WAITING)
            problem("library request (operation %u) is still in state %u after the restart: %s",
                    (unsigned)o.Info.LibRequest.OperationCode, (unsigned)st, o.szDescription);
    }
    free(v);
    return n;
}

/* Sides and logical media name each other, one logical medium a side. */
static DWORD check_allocations(HANDLE h)
{
    DWORD nl, ns;
    NTMS_GUID *lmids = list(h, NULL, NTMS_LOGICAL_MEDIA, &nl), *sides = list(h, NULL, NTMS_PARTITION, &ns);
    NTMS_GUID *owner = calloc(ns + 1, sizeof *owner);
    NTMS_OBJECTINFORMATIONA o;

    for (DWORD i = 0; owner != NULL && i < nl; i++) {
        DWORD k;
        NTMS_GUID *mine = list(h, &lmids[i], NTMS_PARTITION, &k);
        if (k == 0)
            problem("a logical medium has no side");
        for (DWORD j = 0; j < k; j++) {
            for (DWORD s = 0; s < ns; s++) {
                if (!same(&sides[s], &mine[j]))
                    continue;
                if (!same(&owner[s], &none))
                    problem("a side is listed under two logical media");
                owner[s] = lmids[i];
            }
        }
        free(mine);
    }
    for (DWORD s = 0; owner != NULL && s < ns; s++) {
        if (get(h, &sides[s], NTMS_PARTITION, &o) != 0)
            continue;
        DWORD st = o.Info.Partition.State;
        bool held = st == NTMS_PARTSTATE_ALLOCATED || st == NTMS_PARTSTATE_COMPLETE;
        if (!same(&o.Info.Partition.LogicalMedia, &owner[s]))
            problem("side %s names another logical medium than the one that lists it", o.szName);
        if (held != !same(&owner[s], &none))
            problem("side %s is in state %u but %s to a logical medium", o.szName, (unsigned)st,
                    held ? "belongs not" : "belongs");
    }
    free(owner);
    free(lmids);
    free(sides);
    return nl;
}

int main(int argc, char **argv)
{
    NTMS_GUID lib;
    HANDLE h;
    int rc;

    int seconds = argc >= 5 ? atoi(argv[4]) : 60;

    if (argc < 4 || argc > 6 || (argc == 6 && strcmp(argv[5], "settle") != 0)) {
        fprintf(stderr, "usage: mount_check LIBRARY RAW_RES URL [SECONDS [settle]]\n");
        return 2;
    }
    h = OpenNtmsSessionA(NULL, "mount_check", 0);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "mount_check: cannot open a session: is rsmd up?\n");
        return 1;
    }
    if (wait_ready(h, argv[1], seconds, &lib) == 0) {
        if (argc == 6)
            settle(h, &lib, seconds);
        rc = placement_check(h, &lib, argv[2], argv[3]);
        if (rc != 0)
            problem("placement: %d disagreement%s with the changer's element status", rc, rc == 1 ? "" : "s");
        DWORD media = check_mounts(h, &lib), requests = check_requests(h), lmids = check_allocations(h);
        if (problems == 0)
            printf("mount_check: %u media where the changer says, %u library requests all finished, "
                   "%u logical media each with sides of its own\n",
                   (unsigned)media, (unsigned)requests, (unsigned)lmids);
    }
    CloseNtmsSession(h);
    if (problems > 20)
        fprintf(stderr, "mount_check: ... %d problems in all\n", problems);
    return problems == 0 ? 0 : 1;
}
