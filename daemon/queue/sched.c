/*
 * sched.c - the scheduler: which waiting request gets which drive, and
 * when.
 *
 * Order. A library's waiting requests are kept sorted by effective
 * priority, highest first, and by arrival among equals. The effective
 * priority is the requested one (-15..15) plus one step for every
 * age_seconds the request has waited, up to 15: a LOWEST request waiting
 * behind a stream of HIGHEST ones reaches the top after 30 steps (five
 * minutes with the default 10 s) and is then served before anything that
 * arrives later. SetNtmsRequestOrder moves a request and gives it the
 * effective priority of its new place.
 *
 * Grants. Each pass walks the list in order. A mount whose medium sits
 * idle in a drive gets that drive (no robot move). Otherwise it needs a
 * drive: an empty usable one, else one whose medium nobody mounts (a
 * deferred dismount; the least recently used), which the load empties
 * first. A mount is granted all its drives or none. Once a request has
 * found no drive, the requests after it may only reuse their own loaded
 * media: lower priorities never take a drive a higher one is waiting for.
 * A request that waits says why in its library request's description.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue_int.h"
#include "util/log.h"

#define TICK_MS 200u
#define WATCH_TICKS 5u /* qlib_watch every fifth tick: once a second */

static struct {
    uv_timer_t timer;
    bool init, running;
    unsigned ticks;
} t;

/* --- order ------------------------------------------------------------------ */

static bool before(const qreq_t *a, const qreq_t *b)
{
    return a->effective > b->effective || (a->effective == b->effective && a->seq < b->seq);
}

void sched_insert(qreq_t *r)
{
    qreq_t **p = &r->q->pending;

    while (*p != NULL && !before(r, *p))
        p = &(*p)->next;
    r->next = *p;
    *p = r;
    r->state = QR_WAITING;
}

void sched_remove(qreq_t *r)
{
    if (r->q == NULL)
        return;
    for (qreq_t **p = &r->q->pending; *p != NULL; p = &(*p)->next) {
        if (*p == r) {
            *p = r->next;
            r->next = NULL;
            return;
        }
    }
}

/* Raise the effective priorities of q's waiting requests by their age and
 * restore the order (a stable insertion sort: the list is nearly sorted). */
static void age(qlib_t *q, int64_t now)
{
    unsigned step_ms = q_options()->age_seconds * 1000u;
    qreq_t *sorted = NULL, *r, *next;

    for (r = q->pending; r != NULL; r = r->next) {
        int64_t steps = (now - r->queued_ms) / (int64_t)step_ms;
        int e = r->priority + (int)(steps > 30 ? 30 : steps);
        if (e > NTMS_PRIORITY_HIGHEST)
            e = NTMS_PRIORITY_HIGHEST;
        if (e > r->effective)
            r->effective = e;
    }
    for (r = q->pending; r != NULL; r = next) {
        qreq_t **p = &sorted;
        next = r->next;
        while (*p != NULL && !before(r, *p))
            p = &(*p)->next;
        r->next = *p;
        *p = r;
    }
    q->pending = sorted;
}

void sched_say_why(qreq_t *r, const char *fmt, ...)
{
    char why[sizeof r->why];
    NTMS_OBJECTINFORMATIONA o;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (strcmp(why, r->why) == 0)
        return;
    snprintf(r->why, sizeof r->why, "%s", why);
    if (store_get(q_store(), &r->request, &o) == 0) {
        snprintf(o.szDescription, sizeof o.szDescription, "%s", why);
        if (store_update(q_store(), &o) != 0)
            log_warn("queue: cannot record why a request waits");
    }
}

/* --- grants ----------------------------------------------------------------- */

enum plan { PLAN_OK, PLAN_NO_MEDIUM, PLAN_NO_DRIVE };

static bool usable(qlib_t *q, int i)
{
    library_t *lib = qlib_library(q);

    return lib != NULL && library_drive_usable(lib, i);
}

/* A drive for a medium that is in none: an empty usable one, else the
 * least recently used idle loaded one. -1 when none. */
static int free_drive(qlib_t *q, int want, const bool *taken)
{
    int best = -1;

    for (int i = 0; i < q->ndrives; i++) {
        /* MOUNTED, BUSY and CLAIMED are the queue's own truth (qd_refresh
         * leaves them): such a drive is never free, and asking the
         * database whether it is usable would only cost time. */
        if (q->d[i].state != QD_EMPTY && q->d[i].state != QD_LOADED)
            continue;
        if ((want >= 0 && i != want) || taken[i] || !usable(q, i))
            continue;
        qd_refresh(q, i);
        if (q->d[i].state == QD_EMPTY)
            return i;
        if (q->d[i].state == QD_LOADED && (best < 0 || q->d[i].idle_since_ms < q->d[best].idle_since_ms))
            best = i;
    }
    return best;
}

static const char *medium_name(const NTMS_GUID *id, char *buf, size_t len)
{
    NTMS_OBJECTINFORMATIONA o;

    snprintf(buf, len, "%s", store_get(q_store(), id, &o) == 0 ? o.szName : "a medium");
    return buf;
}

/* Choose a drive for each medium of mount r into chosen[]. */
static enum plan plan_mount(qlib_t *q, qreq_t *r, bool may_take, int *chosen, bool *taken)
{
    char name[NTMS_OBJECTNAME_LENGTH];

    for (size_t k = 0; k < r->n; k++) {
        qitem_t *it = &r->items[k];
        int h = qlib_drive_holding(q, &it->t.medium), i;

        if (h >= 0 && q->d[h].state != QD_LOADED) {
            sched_say_why(r, "waiting for medium %s, in use in drive %u",
                          medium_name(&it->t.medium, name, sizeof name), q->d[h].address);
            return PLAN_NO_MEDIUM;
        }
        it->source = -1;
        it->reuse = false;
        if (h >= 0 && (it->want < 0 || it->want == h) && !taken[h] && usable(q, h)) {
            it->reuse = true;
            chosen[k] = h;
            taken[h] = true;
            continue;
        }
        if (!may_take) {
            sched_say_why(r, "waiting for a drive: requests of higher priority wait for one");
            return PLAN_NO_DRIVE;
        }
        i = free_drive(q, it->want, taken);
        if (i < 0) {
            if (it->want >= 0)
                sched_say_why(r, "waiting for drive %u", q->d[it->want].address);
            else
                sched_say_why(r, "waiting for a drive: all %d in use", q->ndrives);
            return PLAN_NO_DRIVE;
        }
        chosen[k] = i;
        taken[i] = true;
        it->source = h; /* loaded elsewhere: that drive is part of the move */
        if (h >= 0)
            taken[h] = true;
    }
    return PLAN_OK;
}

static void grant_mount(qlib_t *q, qreq_t *r, const int *chosen)
{
    sched_remove(r);
    r->state = QR_RUNNING;
    for (size_t k = 0; k < r->n; k++) {
        qdrive_t *d = &q->d[chosen[k]];
        r->items[k].drive = chosen[k];
        d->state = QD_BUSY;
        d->holder = r;
        d->medium = r->items[k].t.medium;
        d->side = r->items[k].t.side;
        if (r->items[k].source >= 0) {
            q->d[r->items[k].source].state = QD_BUSY;
            q->d[r->items[k].source].holder = r;
        }
    }
    mount_start(r);
}

/* A claim wants an empty drive; a loaded idle one is emptied for it. */
static enum plan plan_claim(qlib_t *q, qreq_t *r, bool may_take, int *chosen)
{
    bool taken[LIBRARY_MAX_DRIVES] = {false};
    int i;

    if (!may_take) {
        sched_say_why(r, "waiting for a drive: requests of higher priority wait for one");
        return PLAN_NO_DRIVE;
    }
    i = free_drive(q, r->claimed, taken);
    if (i < 0) {
        sched_say_why(r, "waiting for a drive: all %d in use", q->ndrives);
        return PLAN_NO_DRIVE;
    }
    if (q->d[i].state == QD_LOADED) {
        sched_say_why(r, "waiting for drive %u to be emptied", q->d[i].address);
        dismount_drive_now(q, i, NULL);
        return PLAN_NO_DRIVE;
    }
    *chosen = i;
    return PLAN_OK;
}

void sched_run(qlib_t *q)
{
    bool may_take = true;
    qreq_t *r = q->pending, *next;
    int chosen[LIBRARY_MAX_DRIVES];

    for (; r != NULL; r = next) {
        bool taken[LIBRARY_MAX_DRIVES] = {false};
        enum plan p;

        next = r->next;
        if (r->kind == QR_CLAIM)
            p = plan_claim(q, r, may_take, chosen);
        else if (r->n > (size_t)q->ndrives)
            p = PLAN_NO_DRIVE; /* refused at submission; never granted */
        else
            p = plan_mount(q, r, may_take, chosen, taken);
        if (p == PLAN_OK && r->kind == QR_CLAIM) {
            sched_remove(r);
            claim_start(r, chosen[0]);
        } else if (p == PLAN_OK) {
            grant_mount(q, r, chosen);
        } else if (p == PLAN_NO_DRIVE) {
            may_take = false;
        }
    }
}

/* --- the tick ------------------------------------------------------------------ */

static void tick_cb(uv_timer_t *timer)
{
    int64_t now = q_now_ms();

    (void)timer;
    mount_tick(now);
    claim_tick(now);
    if (t.ticks++ % WATCH_TICKS == 0)
        qlib_watch();
    dismount_tick(now);
    for (qlib_t *q = qlib_first(); q != NULL; q = q->next) {
        age(q, now);
        sched_run(q);
    }
}

void sched_tick_start(void)
{
    if (t.running)
        return;
    if (!t.init) {
        uv_timer_init(q_loop(), &t.timer);
        uv_unref((uv_handle_t *)&t.timer);
        t.init = true;
    }
    uv_timer_start(&t.timer, tick_cb, TICK_MS, TICK_MS);
    t.running = true;
}

void sched_tick_stop(void)
{
    if (t.running)
        uv_timer_stop(&t.timer);
    t.running = false;
    if (t.init)
        uv_close((uv_handle_t *)&t.timer, NULL);
    t.init = false;
}
