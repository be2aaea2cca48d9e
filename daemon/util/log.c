/*
 * log.c - see log.h. One process-wide sink guarded by a mutex, because the
 * library workers (later) log from their own threads.
 */
#include "log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_syslog;
static enum log_level log_threshold = LOG_LVL_INFO;
static const char *log_ident = "rsmd";

static const char *const level_names[] = {"error", "warn", "info", "debug"};
static const int syslog_priorities[] = {LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG};

void log_open(const char *ident, int to_syslog, enum log_level level)
{
    pthread_mutex_lock(&log_lock);
    log_ident = ident;
    log_syslog = to_syslog;
    log_threshold = level;
    if (to_syslog)
        openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
    pthread_mutex_unlock(&log_lock);
}

void log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_syslog)
        closelog();
    log_syslog = 0;
    pthread_mutex_unlock(&log_lock);
}

void log_set_level(enum log_level level) { log_threshold = level; }
enum log_level log_get_level(void) { return log_threshold; }

int log_level_parse(const char *name)
{
    if (name == NULL)
        return -1;
    if (strcasecmp(name, "warning") == 0)
        return LOG_LVL_WARN;
    for (int i = 0; i <= LOG_LVL_DEBUG; i++)
        if (strcasecmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    if (level > log_threshold)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);

    pthread_mutex_lock(&log_lock);
    if (log_syslog) {
        syslog(syslog_priorities[level], "%s", line);
    } else {
        struct timespec ts;
        struct tm tm;
        char stamp[32];
        clock_gettime(CLOCK_REALTIME, &ts);
        localtime_r(&ts.tv_sec, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
        fprintf(stderr, "%s.%03ld %s[%s] %s\n", stamp, ts.tv_nsec / 1000000L, log_ident,
                level_names[level], line);
    }
    pthread_mutex_unlock(&log_lock);
}
