/*
 * progress.h - a status line on stderr while a long operation runs (an
 * inventory, a mount waiting in the queue, a door left open).
 *
 * Only when stderr is a terminal, so scripts and pipes see nothing; the
 * environment variable RSM_PROGRESS=always or =never overrides that (the
 * tests use it). The line is redrawn every 200 ms by a thread of its own;
 * `poll`, when given, runs on that thread about once a second to refresh
 * the status text (librsm sessions may be used from several threads).
 */
#ifndef RSM_CLI_PROGRESS_H
#define RSM_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*progress_poll_fn)(void *ctx, char *status, size_t len);

bool progress_enabled(void);
void progress_start(const char *what, progress_poll_fn poll, void *ctx);
/* Stop and erase the line. Safe when nothing was started. */
void progress_stop(void);

#endif
