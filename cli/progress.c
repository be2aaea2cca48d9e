/*
 * progress.c - see progress.h.
 */
#include "progress.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop;
    char what[128];
    progress_poll_fn poll;
    void *ctx;
} pg = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

bool progress_enabled(void)
{
    const char *env = getenv("RSM_PROGRESS");
    if (env != NULL && strcasecmp(env, "always") == 0)
        return true;
    if (env != NULL && strcasecmp(env, "never") == 0)
        return false;
    return isatty(STDERR_FILENO);
}

static void draw(const char *status, unsigned long long started)
{
    static const char spin[] = "|/-\\";
    unsigned long long elapsed = cli_now_ms() - started;
    fprintf(stderr, "\r\033[K%s%s%s (%llus) %c", pg.what, status[0] ? ": " : "", status, elapsed / 1000,
            spin[(elapsed / 200) % 4]);
    fflush(stderr);
}

static void *run(void *arg)
{
    (void)arg;
    char status[256] = "";
    unsigned long long started = cli_now_ms(), polled = 0;
    pthread_mutex_lock(&pg.lock);
    while (!pg.stop) {
        if (pg.poll != NULL && cli_now_ms() - polled >= 1000) {
            /* the poll talks to the service: not under the lock */
            pthread_mutex_unlock(&pg.lock);
            pg.poll(pg.ctx, status, sizeof status);
            polled = cli_now_ms();
            pthread_mutex_lock(&pg.lock);
            if (pg.stop)
                break;
        }
        draw(status, started);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&pg.wake, &pg.lock, &until);
    }
    fputs("\r\033[K", stderr);
    fflush(stderr);
    pthread_mutex_unlock(&pg.lock);
    return NULL;
}

/* Ctrl-C while the line is drawn: erase it, then die of the signal as
 * before (only async-signal-safe calls here). */
static struct sigaction old_int, old_term;

static void erase_and_die(int sig)
{
    static const char erase[] = "\r\033[K";
    ssize_t ignored = write(STDERR_FILENO, erase, sizeof erase - 1);
    (void)ignored;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    raise(sig);
}

void progress_start(const char *what, progress_poll_fn poll, void *ctx)
{
    if (pg.running || !progress_enabled())
        return;
    snprintf(pg.what, sizeof pg.what, "%s", what);
    pg.poll = poll;
    pg.ctx = ctx;
    pg.stop = false;
    /* one frame at once: a short operation still leaves a trace */
    draw("", cli_now_ms());
    struct sigaction sa = {.sa_handler = erase_and_die};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    pg.running = pthread_create(&pg.thread, NULL, run, NULL) == 0;
    if (!pg.running) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
}

void progress_stop(void)
{
    if (!pg.running)
        return;
    pthread_mutex_lock(&pg.lock);
    pg.stop = true;
    pthread_cond_signal(&pg.wake);
    pthread_mutex_unlock(&pg.lock);
    pthread_join(pg.thread, NULL);
    pg.running = false;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}
