/*
 * watch.c - `rsm watch`: follow the service's notifications (inserted,
 * updated and deleted objects) until a count, a time or Ctrl-C ends it.
 *
 * One notification handle per object type, each waited on by a thread of
 * its own (WaitForNtmsNotification blocks on one handle). Lines are
 * written whole under a lock and flushed, so a pipe sees each event as it
 * happens. With --json each event is one JSON document on a line of its
 * own (JSON Lines), which jq reads as a stream.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "json.h"
#include "names.h"
#include "opts.h"
#include "verbs.h"

enum { W_TYPES, W_COUNT, W_FOR };

/* What is watched when --type is not given. */
static const DWORD default_types[] = {
    NTMS_LIBRARY, NTMS_DRIVE, NTMS_CHANGER, NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_IEDOOR, NTMS_PHYSICAL_MEDIA,
    NTMS_PARTITION, NTMS_LOGICAL_MEDIA, NTMS_MEDIA_POOL, NTMS_LIBREQUEST, NTMS_OPREQUEST,
};
#define MAX_WATCHED 16

static volatile sig_atomic_t interrupted;

static struct {
    HANDLE s;
    pthread_mutex_t lock;
    unsigned long seen, limit; /* limit 0: none */
    bool stop;
    DWORD error;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct watcher {
    DWORD type;
    HANDLE h;
    pthread_t thread;
    bool started;
};

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static bool stopping(void)
{
    pthread_mutex_lock(&w.lock);
    bool stop = w.stop || interrupted;
    pthread_mutex_unlock(&w.lock);
    return stop;
}

static void print_event(DWORD type, const NTMS_NOTIFICATIONINFORMATION *n)
{
    char when[32], g[37], name[NTMS_OBJECTNAME_LENGTH] = "";
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (n->dwOperation != NTMS_OBJ_DELETE)
        cli_name_of(w.s, &n->ObjectId, type, name, sizeof name);
    const char *op = kw_name(kw_notify_operations, n->dwOperation), *kind = kw_name(kw_object_types, type);

    pthread_mutex_lock(&w.lock);
    if (w.stop || interrupted) {
        pthread_mutex_unlock(&w.lock);
        return;
    }
    if (cli_mode.json) {
        json_t j;
        json_init(&j, stdout, true);
        json_begin_object(&j);
        json_key(&j, "time");
        json_string(&j, when);
        json_key(&j, "operation");
        json_string(&j, op);
        json_key(&j, "type");
        json_string(&j, kind);
        json_key(&j, "guid");
        json_string(&j, cli_guid(&n->ObjectId, g));
        json_key(&j, "name");
        json_string(&j, name);
        json_end_object(&j);
        json_finish(&j);
    } else {
        printf("%s  %-8s %-14s %-24s %s\n", when, op, kind, name, cli_guid(&n->ObjectId, g));
        fflush(stdout);
    }
    if (w.limit != 0 && ++w.seen >= w.limit)
        w.stop = true;
    pthread_mutex_unlock(&w.lock);
}

static void *watch_one(void *arg)
{
    struct watcher *x = arg;
    while (!stopping()) {
        NTMS_NOTIFICATIONINFORMATION n;
        DWORD rc = WaitForNtmsNotification(x->h, &n, 250);
        if (rc == ERROR_TIMEOUT)
            continue;
        if (rc != ERROR_SUCCESS) {
            pthread_mutex_lock(&w.lock);
            if (w.error == 0)
                w.error = rc;
            w.stop = true;
            pthread_mutex_unlock(&w.lock);
            break;
        }
        print_event(x->type, &n);
    }
    return NULL;
}

/* --type library,drive,media: the types to watch. */
static int parse_types(const char *text, DWORD *types, int *n)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    *n = 0;
    for (char *save = NULL, *word = strtok_r(buf, ", ", &save); word != NULL; word = strtok_r(NULL, ", ", &save)) {
        if (*n == MAX_WATCHED)
            return cli_usage("--type: too many types");
        if (kw_find(kw_object_types, word, &types[*n]) != 0)
            return cli_usage("--type: '%s' is not an object type (library, drive, media, pool, request ...)", word);
        ++*n;
    }
    return *n > 0 ? 0 : cli_usage("--type: name at least one type");
}

static int cmd_watch(HANDLE s, struct args *a)
{
    struct watcher x[MAX_WATCHED] = {0};
    DWORD types[MAX_WATCHED];
    int n = (int)(sizeof default_types / sizeof default_types[0]);
    memcpy(types, default_types, sizeof default_types);
    if (arg_given(a, W_TYPES)) {
        int rc = parse_types(a->v[W_TYPES].text, types, &n);
        if (rc != 0)
            return rc;
    }
    w.s = s;
    w.limit = arg_given(a, W_COUNT) ? a->v[W_COUNT].num : 0;
    DWORD err = ERROR_SUCCESS;
    for (int i = 0; i < n && err == ERROR_SUCCESS; i++) {
        x[i].type = types[i];
        x[i].h = OpenNtmsNotification(s, types[i]);
        if (x[i].h == INVALID_HANDLE_VALUE) {
            err = GetLastError();
            x[i].h = NULL;
        }
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    for (int i = 0; i < n && err == ERROR_SUCCESS; i++)
        x[i].started = pthread_create(&x[i].thread, NULL, watch_one, &x[i]) == 0;
    unsigned long long until = arg_given(a, W_FOR) && a->v[W_FOR].num != INFINITE
                                   ? cli_now_ms() + a->v[W_FOR].num : 0;
    while (err == ERROR_SUCCESS && !stopping() && (until == 0 || cli_now_ms() < until)) {
        struct timespec tick = {0, 50 * 1000000L};
        nanosleep(&tick, NULL);
    }
    pthread_mutex_lock(&w.lock);
    w.stop = true;
    pthread_mutex_unlock(&w.lock);
    for (int i = 0; i < n; i++) {
        if (x[i].started)
            pthread_join(x[i].thread, NULL);
        if (x[i].h != NULL)
            CloseNtmsNotification(x[i].h);
    }
    if (err == ERROR_SUCCESS)
        err = w.error;
    return err == ERROR_SUCCESS ? 0 : cli_fail(err, "cannot follow notifications");
}

static const struct opt watch_opts[] = {
    {.slot = W_TYPES, .sw = "t", .name = "type", .kind = OPT_TEXT, .arg = "TYPES", .flags = OPTF_POSITIONAL,
     .help = "object types to follow, comma-separated (default: all)"},
    {.slot = W_COUNT, .sw = "n", .name = "count", .kind = OPT_NUMBER, .arg = "N", .help = "stop after N events"},
    {.slot = W_FOR, .name = "for", .kind = OPT_TIMEOUT, .arg = "MS", .help = "stop after this long (10s, 5m ...)"},
    OPT_END,
};

const struct verb watch_verbs[] = {
    {NULL, "watch", "follow changes to objects as they happen", watch_opts, cmd_watch, 0,
     "One line per event: time, operation (insert, update, delete), type, name, GUID. With --json,\n"
     "one JSON object per line. Ctrl-C, --count or --for ends it (exit status 0)."},
    VERB_END,
};
