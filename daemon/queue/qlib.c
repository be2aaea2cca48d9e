/*
 * qlib.c - the queue's shared state and its view of each library: the
 * drive table (queue_int.h says when it is the truth and when the
 * database is).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/ops.h"
#include "queue_int.h"
#include "store/store_library.h"
#include "store/store_media.h"
#include "util/log.h"

static struct {
    uv_loop_t *loop;
    store_t *st;
    queue_options_t opt;
    qlib_t *libs;
} g;

void queue_attach(uv_loop_t *loop, store_t *st, const queue_options_t *opt)
{
    g.loop = loop;
    g.st = st;
    /* Loads and unloads run in the operations layer, which otherwise only
     * the library calls attach: a mount as rsmd's first call found it
     * without a store. */
    ops_attach(loop, st);
    g.opt = (queue_options_t){.age_seconds = 10, .ready_seconds = 120, .defer_seconds = 300};
    if (opt != NULL) {
        if (opt->age_seconds)
            g.opt.age_seconds = opt->age_seconds;
        if (opt->ready_seconds)
            g.opt.ready_seconds = opt->ready_seconds;
        if (opt->defer_seconds)
            g.opt.defer_seconds = opt->defer_seconds;
    }
    /* From the start, not from the first mount: a medium a library has in
     * a drive when rsmd starts (or that an inventory finds there later)
     * is LOADED and leaves after its idle time like a deferred dismount. */
    sched_tick_start();
}

store_t *q_store(void) { return g.st; }
uv_loop_t *q_loop(void) { return g.loop; }
const queue_options_t *q_options(void) { return &g.opt; }

int64_t q_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

qlib_t *qlib_first(void) { return g.libs; }

library_t *qlib_library(const qlib_t *q)
{
    library_t *lib = library_by_guid(&q->library);

    return lib != NULL && library_get_state(lib) == LIBRARY_READY ? lib : NULL;
}

/* The drive table of a new queue: one entry per drive element of the
 * library, with the drive object of its address. */
static DWORD build_drives(qlib_t *q, library_t *lib)
{
    int n = library_drive_count(lib);

    q->d = calloc(n > 0 ? (size_t)n : 1, sizeof *q->d);
    if (q->d == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    q->ndrives = n;
    for (int i = 0; i < n; i++) {
        qdrive_t *d = &q->d[i];
        d->address = library_drive_address(lib, i);
        if (store_library_element(g.st, &q->library, NTMS_DRIVE, d->address, &d->object) != 0)
            log_warn("queue: drive element %u of library %s has no drive object", d->address, library_name(lib));
        qd_refresh(q, i);
    }
    return 0;
}

qlib_t *qlib_get(const NTMS_GUID *library)
{
    library_t *lib;
    qlib_t *q;

    for (q = g.libs; q != NULL; q = q->next)
        if (memcmp(&q->library, library, sizeof *library) == 0)
            return q;
    lib = library_by_guid(library);
    if (lib == NULL || library_get_state(lib) != LIBRARY_READY)
        return NULL;
    q = calloc(1, sizeof *q);
    if (q == NULL)
        return NULL;
    q->library = *library;
    if (build_drives(q, lib) != 0) {
        free(q);
        return NULL;
    }
    q->next = g.libs;
    g.libs = q;
    return q;
}

int qlib_drive_of_object(const qlib_t *q, const NTMS_GUID *drive)
{
    for (int i = 0; i < q->ndrives; i++)
        if (memcmp(&q->d[i].object, drive, sizeof *drive) == 0)
            return i;
    return -1;
}

unsigned qd_defer_ms(const qdrive_t *d)
{
    NTMS_OBJECTINFORMATIONA o;

    if (store_get(g.st, &d->object, &o) == 0 && o.Info.Drive.dwDeferDismountDelay != 0)
        return o.Info.Drive.dwDeferDismountDelay * 1000u;
    return g.opt.defer_seconds * 1000u;
}

void qd_refresh(qlib_t *q, int i)
{
    qdrive_t *d = &q->d[i];
    NTMS_GUID m;

    if (d->state != QD_EMPTY && d->state != QD_LOADED)
        return;
    if (store_media_at(g.st, &d->object, &m) == 0) {
        if (d->state == QD_EMPTY || memcmp(&m, &d->medium, sizeof m) != 0) {
            d->idle_since_ms = q_now_ms();
            d->defer_ms = qd_defer_ms(d);
            memset(&d->side, 0, sizeof d->side);
        }
        d->state = QD_LOADED;
        d->medium = m;
    } else {
        d->state = QD_EMPTY;
        memset(&d->medium, 0, sizeof d->medium);
        memset(&d->side, 0, sizeof d->side);
    }
}

void qlib_watch(void)
{
    for (library_t *lib = library_first(); lib != NULL; lib = library_next(lib)) {
        qlib_t *q = library_get_state(lib) == LIBRARY_READY ? qlib_get(library_guid(lib)) : NULL;
        for (int i = 0; q != NULL && i < q->ndrives; i++)
            qd_refresh(q, i);
    }
}

/* Does the database put `medium` in claimed drive i? A claim holder
 * (cleaning, label reading or writing) loads media the table does not
 * follow; the medium is theirs until they release the drive. */
static bool claimed_holds(qlib_t *q, int i, const NTMS_GUID *medium)
{
    NTMS_GUID m;

    return q->d[i].state == QD_CLAIMED && store_media_at(g.st, &q->d[i].object, &m) == 0 &&
           memcmp(&m, medium, sizeof m) == 0;
}

int qlib_drive_holding(qlib_t *q, const NTMS_GUID *medium)
{
    for (int i = 0; i < q->ndrives; i++) {
        qd_refresh(q, i);
        if (q->d[i].state != QD_EMPTY && q->d[i].state != QD_CLAIMED &&
            memcmp(&q->d[i].medium, medium, sizeof *medium) == 0)
            return i;
        if (claimed_holds(q, i, medium))
            return i;
    }
    return -1;
}

void qlib_free_all(void)
{
    while (g.libs != NULL) {
        qlib_t *q = g.libs;
        g.libs = q->next;
        free(q->d);
        free(q);
    }
}
