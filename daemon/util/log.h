/*
 * log.h - rsmd's log: stderr in the foreground, syslog as a daemon.
 *
 * Every error path of the service says what failed and why in one line, so
 * an administrator can follow a failure without a debugger. Levels follow
 * syslog's; messages below the configured level are dropped cheaply.
 */
#ifndef RSM_LOG_H
#define RSM_LOG_H

#include <stdarg.h>

enum log_level { LOG_LVL_ERROR = 0, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

/* Where lines go. Until log_open is called they go to stderr at INFO. */
void log_open(const char *ident, int to_syslog, enum log_level level);
void log_close(void);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* "error", "warn"/"warning", "info", "debug" -> level; -1 if unknown. */
int log_level_parse(const char *name);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
