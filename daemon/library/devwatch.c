/*
 * devwatch.c - which stand-alone libraries are watched, by which detection
 * sessions; the polling timer; and turning poll answers and device events
 * into "re-check this library" (see devwatch.h). The udev monitor is in
 * devwatch_udev.c.
 *
 * Invariants: a library is polled only while some session watches it and
 * only one poll per library is outstanding; the timer runs only while
 * something is to be polled; after devwatch_stop no callback runs.
 */
#include "library/devwatch_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "wire.h"

/* What the last answer about a library's drive was. */
enum pstate { P_UNKNOWN = -1, P_ABSENT = 0, P_PRESENT = 1, P_FAILED = 2 };

#define MAX_RESOLVED 4096 /* libraries one Set may name, after resolution */

static bool guid_eq(const NTMS_GUID *a, const NTMS_GUID *b) { return memcmp(a, b, sizeof(*a)) == 0; }

static wlib_t *find_lib(const devwatch_t *dw, const NTMS_GUID *id)
{
    for (wlib_t *l = dw->libs; l != NULL; l = l->next)
        if (guid_eq(&l->id, id))
            return l;
    return NULL;
}

static bool session_has(const dsess_t *s, const NTMS_GUID *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (guid_eq(&s->libs[i], id))
            return true;
    return false;
}

static bool watched(const devwatch_t *dw, const NTMS_GUID *id)
{
    for (const dsess_t *s = dw->sessions; s != NULL; s = s->next)
        if (session_has(s, id))
            return true;
    return false;
}

static const char *state_name(int st)
{
    switch (st) {
    case P_ABSENT: return "empty";
    case P_PRESENT: return "medium present";
    case P_FAILED: return "not answering";
    default: return "unknown";
    }
}

static void recheck(devwatch_t *dw, wlib_t *l, const char *reason)
{
    char g[37];
    wire_guid_to_string(&l->id, g);
    log_info("device change: library %s (%s): %s", g, l->device, reason);
    if (dw->cb.recheck != NULL)
        dw->cb.recheck(&l->id, reason, dw->cb.ctx);
}

/* ---- polling ------------------------------------------------------------- */

static void poll_library(devwatch_t *dw, wlib_t *l)
{
    if (l->in_flight || dw->cb.poll == NULL)
        return;
    l->in_flight = true; /* before the call: the answer may come inside it */
    if (dw->cb.poll(&l->id, dw->cb.ctx) != ERROR_SUCCESS)
        l->in_flight = false;
}

/* The registered libraries some session watches (and, when devnode or sg
 * is given, whose device the event names), as GUIDs: callbacks may add or
 * remove libraries, so callers walk this copy and look each one up again.
 * *n is 0 when there are none or memory ran out. */
static NTMS_GUID *watched_libraries(const devwatch_t *dw, const char *devnode, const char *sg, size_t *n);

static void on_tick(uv_timer_t *t)
{
    devwatch_t *dw = t->data;
    size_t n;
    NTMS_GUID *ids = watched_libraries(dw, NULL, NULL, &n);
    for (size_t i = 0; i < n && !dw->stopped; i++) {
        wlib_t *l = find_lib(dw, &ids[i]);
        if (l != NULL)
            poll_library(dw, l);
    }
    free(ids);
}

static bool anything_to_poll(const devwatch_t *dw)
{
    if (dw->cb.poll == NULL)
        return false;
    for (const wlib_t *l = dw->libs; l != NULL; l = l->next)
        if (watched(dw, &l->id))
            return true;
    return false;
}

static void update_timer(devwatch_t *dw)
{
    if (dw->stopped)
        return;
    bool want = anything_to_poll(dw);
    if (want && !uv_is_active((uv_handle_t *)&dw->timer))
        uv_timer_start(&dw->timer, on_tick, dw->poll_ms, dw->poll_ms);
    else if (!want && uv_is_active((uv_handle_t *)&dw->timer))
        uv_timer_stop(&dw->timer);
}

void devwatch_poll_done(devwatch_t *dw, const NTMS_GUID *library, DWORD result, bool present)
{
    wlib_t *l = find_lib(dw, library);
    if (l == NULL || dw->stopped)
        return; /* removed while the job ran */
    l->in_flight = false;
    /* wait_ready with timeout 0 answers ERROR_TIMEOUT, present, for a medium
     * that is in but not ready yet (a tape threading): that is presence. */
    if (result == ERROR_TIMEOUT && present)
        result = ERROR_SUCCESS;
    int now = result != ERROR_SUCCESS ? P_FAILED : present ? P_PRESENT : P_ABSENT;
    int before = l->state;
    l->state = now;
    if (now == before)
        return;
    char reason[96];
    snprintf(reason, sizeof(reason), "poll: %s, was %s", state_name(now), state_name(before));
    recheck(dw, l, reason);
}

void devwatch_set_present(devwatch_t *dw, const NTMS_GUID *library, bool present)
{
    wlib_t *l = find_lib(dw, library);
    if (l != NULL)
        l->state = present ? P_PRESENT : P_ABSENT;
}

/* ---- device events --------------------------------------------------------- */

static bool names_device(const wlib_t *l, const char *devnode, const char *sg)
{
    if (devnode != NULL && devnode[0] != '\0' && (strcmp(devnode, l->device) == 0 || strcmp(devnode, l->sg) == 0))
        return true;
    return sg != NULL && sg[0] != '\0' && strcmp(sg, l->sg) == 0;
}

static const char *action_name(enum devwatch_action a)
{
    return a == DEVWATCH_ADD ? "added" : a == DEVWATCH_REMOVE ? "removed" : "changed";
}

static NTMS_GUID *watched_libraries(const devwatch_t *dw, const char *devnode, const char *sg, size_t *n)
{
    size_t all = 0;
    *n = 0;
    for (const wlib_t *l = dw->libs; l != NULL; l = l->next)
        all++;
    NTMS_GUID *ids = all > 0 ? calloc(all, sizeof(*ids)) : NULL;
    if (ids == NULL)
        return NULL;
    for (const wlib_t *l = dw->libs; l != NULL && *n < all; l = l->next)
        if (watched(dw, &l->id) && (devnode == NULL || names_device(l, devnode, sg)))
            ids[(*n)++] = l->id;
    return ids;
}

void devwatch_handle_event(devwatch_t *dw, enum devwatch_action action, const char *devnode, const char *sg)
{
    if (dw->stopped)
        return;
    devnode = devnode != NULL ? devnode : "";
    sg = sg != NULL ? sg : "";
    log_debug("udev: %s %s (%s)", devnode, action_name(action), sg[0] != '\0' ? sg : "no sg node");
    if (dw->cb.device != NULL)
        dw->cb.device(action, devnode, sg, dw->cb.ctx);
    char reason[DEVWATCH_PATH_LEN + 32];
    snprintf(reason, sizeof(reason), "udev: %s %s", devnode, action_name(action));
    size_t n;
    NTMS_GUID *ids = watched_libraries(dw, devnode, sg, &n);
    for (size_t i = 0; i < n && !dw->stopped; i++) {
        wlib_t *l = find_lib(dw, &ids[i]);
        if (l != NULL)
            recheck(dw, l, reason);
    }
    free(ids);
}

void devwatch_inject_event(devwatch_t *dw, enum devwatch_action action, const char *devnode, const char *sg)
{
    devwatch_handle_event(dw, action, devnode, sg);
}

/* ---- libraries ------------------------------------------------------------- */

DWORD devwatch_add_library(devwatch_t *dw, const NTMS_GUID *library, const char *device, const char *sg,
                           int present)
{
    if (library == NULL || device == NULL)
        return ERROR_INVALID_PARAMETER;
    wlib_t *l = find_lib(dw, library);
    if (l == NULL) {
        l = calloc(1, sizeof(*l));
        if (l == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        l->id = *library;
        l->next = dw->libs;
        dw->libs = l;
    }
    snprintf(l->device, sizeof(l->device), "%s", device);
    snprintf(l->sg, sizeof(l->sg), "%s", sg != NULL ? sg : "");
    l->state = present < 0 ? P_UNKNOWN : present ? P_PRESENT : P_ABSENT;
    update_timer(dw);
    return ERROR_SUCCESS;
}

void devwatch_remove_library(devwatch_t *dw, const NTMS_GUID *library)
{
    for (wlib_t **p = &dw->libs; *p != NULL; p = &(*p)->next) {
        if (guid_eq(&(*p)->id, library)) {
            wlib_t *dead = *p;
            *p = dead->next;
            free(dead);
            break;
        }
    }
    update_timer(dw);
}

/* ---- sessions --------------------------------------------------------------- */

static dsess_t *session_by_id(devwatch_t *dw, uint64_t id)
{
    for (dsess_t *s = dw->sessions; s != NULL; s = s->next)
        if (s->id == id)
            return s;
    return NULL;
}

/* Another owner's session is as good as none: handles are per session. */
static dsess_t *find_session(devwatch_t *dw, uint64_t owner, uint64_t id)
{
    dsess_t *s = session_by_id(dw, id);
    return s != NULL && s->owner == owner ? s : NULL;
}

DWORD devwatch_session_begin(devwatch_t *dw, uint64_t owner, uint64_t *id)
{
    if (id == NULL)
        return ERROR_INVALID_PARAMETER;
    dsess_t *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    do /* skip 0 (the NULL handle) and ids still in use after a wrap */
        s->id = ++dw->next_id;
    while (s->id == 0 || session_by_id(dw, s->id) != NULL);
    s->owner = owner;
    s->next = dw->sessions;
    dw->sessions = s;
    *id = s->id;
    return ERROR_SUCCESS;
}

static void session_free(dsess_t *s)
{
    free(s->libs);
    free(s);
}

DWORD devwatch_session_end(devwatch_t *dw, uint64_t owner, uint64_t id)
{
    for (dsess_t **p = &dw->sessions; *p != NULL; p = &(*p)->next) {
        if ((*p)->id == id && (*p)->owner == owner) { /* id 0 is never a session */
            dsess_t *dead = *p;
            *p = dead->next;
            session_free(dead);
            update_timer(dw);
            return ERROR_SUCCESS;
        }
    }
    return ERROR_INVALID_HANDLE;
}

void devwatch_session_end_owner(devwatch_t *dw, uint64_t owner)
{
    dsess_t **p = &dw->sessions;
    while (*p != NULL) {
        if ((*p)->owner == owner) {
            dsess_t *dead = *p;
            *p = dead->next;
            session_free(dead);
        } else {
            p = &(*p)->next;
        }
    }
    update_timer(dw);
}

/* A growing set of library GUIDs (no duplicates). */
typedef struct guid_set {
    NTMS_GUID *v;
    size_t n, cap;
} guid_set_t;

static DWORD set_add(guid_set_t *s, const NTMS_GUID *g)
{
    for (size_t i = 0; i < s->n; i++)
        if (guid_eq(&s->v[i], g))
            return ERROR_SUCCESS;
    if (s->n >= MAX_RESOLVED)
        return ERROR_INVALID_PARAMETER;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        NTMS_GUID *v = realloc(s->v, cap * sizeof(*v));
        if (v == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = *g;
    return ERROR_SUCCESS;
}

/* Every library that handles `media_type`. */
static DWORD add_libraries_of_type(store_t *st, const NTMS_GUID *media_type, guid_set_t *out)
{
    guid_list_t libs = {0};
    DWORD err = store_enumerate(st, NULL, NTMS_LIBRARY, &libs);
    for (size_t i = 0; err == ERROR_SUCCESS && i < libs.n; i++) {
        guid_list_t types = {0};
        err = store_enumerate(st, &libs.v[i], NTMS_MEDIA_TYPE, &types);
        for (size_t k = 0; err == ERROR_SUCCESS && k < types.n; k++)
            if (guid_eq(&types.v[k], media_type))
                err = set_add(out, &libs.v[i]);
        guid_list_free(&types);
    }
    guid_list_free(&libs);
    return err;
}

/* One GUID of a Set request, checked against its type and turned into
 * the libraries to watch. */
static DWORD resolve_one(store_t *st, DWORD type, const NTMS_GUID *g, guid_set_t *out)
{
    DWORD is = 0;
    DWORD refused = type == NTMS_LIBRARY ? ERROR_INVALID_LIBRARY : ERROR_INVALID_MEDIA;
    if (st == NULL)
        return type == NTMS_LIBRARY ? set_add(out, g) : ERROR_INVALID_PARAMETER;
    DWORD err = store_type_of(st, g, &is);
    if (err == ERROR_OBJECT_NOT_FOUND || (err == ERROR_SUCCESS && is != type))
        return refused;
    if (err != ERROR_SUCCESS)
        return err;
    if (type == NTMS_LIBRARY)
        return set_add(out, g);
    if (type == NTMS_MEDIA_TYPE)
        return add_libraries_of_type(st, g, out);
    NTMS_OBJECTINFORMATIONA o; /* physical media: where it is, and what could hold it */
    memset(&o, 0, sizeof(o));
    o.dwSize = sizeof(o);
    err = store_get(st, g, &o);
    if (err != ERROR_SUCCESS)
        return err == ERROR_OBJECT_NOT_FOUND ? refused : err;
    static const NTMS_GUID none;
    if (!guid_eq(&o.Info.PhysicalMedia.CurrentLibrary, &none))
        err = set_add(out, &o.Info.PhysicalMedia.CurrentLibrary);
    if (err == ERROR_SUCCESS)
        err = add_libraries_of_type(st, &o.Info.PhysicalMedia.MediaType, out);
    return err;
}

static DWORD session_add(dsess_t *s, const guid_set_t *libs)
{
    for (size_t i = 0; i < libs->n; i++) {
        if (session_has(s, &libs->v[i]))
            continue;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 8;
            NTMS_GUID *v = realloc(s->libs, cap * sizeof(*v));
            if (v == NULL)
                return ERROR_NOT_ENOUGH_MEMORY;
            s->libs = v;
            s->cap = cap;
        }
        s->libs[s->n++] = libs->v[i];
    }
    return ERROR_SUCCESS;
}

DWORD devwatch_session_set(devwatch_t *dw, uint64_t owner, uint64_t id, DWORD type, const NTMS_GUID *ids,
                           DWORD count)
{
    dsess_t *s = NULL;
    if (id != 0 && (s = find_session(dw, owner, id)) == NULL)
        return ERROR_INVALID_HANDLE;
    if (type != NTMS_LIBRARY && type != NTMS_MEDIA_TYPE && type != NTMS_PHYSICAL_MEDIA)
        return ERROR_INVALID_PARAMETER;
    if (ids == NULL || count == 0)
        return ERROR_INVALID_PARAMETER;
    guid_set_t libs = {0};
    DWORD err = ERROR_SUCCESS;
    for (DWORD i = 0; i < count && err == ERROR_SUCCESS; i++)
        err = resolve_one(dw->st, type, &ids[i], &libs);
    if (err == ERROR_SUCCESS && s != NULL)
        err = session_add(s, &libs);
    if (err == ERROR_SUCCESS && s == NULL) { /* the NULL handle: one poll now */
        for (size_t i = 0; i < libs.n && !dw->stopped; i++) {
            wlib_t *l = find_lib(dw, &libs.v[i]);
            if (l != NULL)
                poll_library(dw, l);
        }
    }
    free(libs.v);
    update_timer(dw);
    return err;
}

/* ---- life cycle ------------------------------------------------------------- */

DWORD devwatch_start(uv_loop_t *loop, store_t *st, const devwatch_options_t *opt, const devwatch_callbacks_t *cb,
                     devwatch_t **out)
{
    *out = NULL;
    devwatch_t *dw = calloc(1, sizeof(*dw));
    if (dw == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    dw->loop = loop;
    dw->st = st;
    if (cb != NULL)
        dw->cb = *cb;
    dw->poll_ms = opt != NULL && opt->poll_ms > 0 ? opt->poll_ms : DEVWATCH_POLL_MS;
    uv_timer_init(loop, &dw->timer);
    dw->timer.data = dw;
    dw->open_handles = 1;
    if (opt == NULL || !opt->no_udev)
        devwatch_udev_open(dw, opt != NULL ? opt->udev_run_dir : NULL);
    *out = dw;
    return ERROR_SUCCESS;
}

bool devwatch_has_udev(const devwatch_t *dw) { return dw->udev_on; }

static void free_all(devwatch_t *dw)
{
    while (dw->libs != NULL) {
        wlib_t *l = dw->libs;
        dw->libs = l->next;
        free(l);
    }
    while (dw->sessions != NULL) {
        dsess_t *s = dw->sessions;
        dw->sessions = s->next;
        session_free(s);
    }
    free(dw);
}

void devwatch_handle_closed(devwatch_t *dw)
{
    if (--dw->open_handles == 0)
        free_all(dw);
}

static void on_timer_closed(uv_handle_t *h) { devwatch_handle_closed(h->data); }

void devwatch_stop(devwatch_t *dw)
{
    if (dw == NULL || dw->stopped)
        return;
    dw->stopped = true;
    uv_timer_stop(&dw->timer);
    devwatch_udev_close(dw);
    uv_close((uv_handle_t *)&dw->timer, on_timer_closed);
}
