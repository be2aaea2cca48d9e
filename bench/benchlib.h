/*
 * bench/benchlib.h - what the benchmarks that run rsmd share: a clock,
 * percentiles, and a private rsmd in a temporary directory.
 */
#ifndef RSM_BENCHLIB_H
#define RSM_BENCHLIB_H

#include <stddef.h>
#include <sys/types.h>

/* CLOCK_MONOTONIC in microseconds. */
double bench_now_us(void);

/* Sort v ascending, then the nearest-rank percentile p (1..100) of it. */
void bench_sort(double *v, size_t n);
double bench_pct(const double *sorted, size_t n, unsigned p);

/* A new directory $TMPDIR/NAME-XXXXXX (TMPDIR defaults to /tmp) into
 * `dir`; exits the program when it cannot be made. */
void bench_mkdtemp(const char *name, char *dir, size_t len);

/* Start `rsmd` in the foreground on DIR/rsmd.conf: socket DIR/rsmd.sock,
 * database DIR/rsm.db, log DIR/rsmd.log at level warn, no discovery, then
 * `extra` (more sections) when not NULL. Waits up to 10 s for the socket;
 * exits the program when rsmd does not come up. The socket path goes to
 * `sock`. */
pid_t bench_start_rsmd(const char *rsmd, const char *dir, const char *extra, char *sock, size_t socklen);

/* CPU time (user + system, every thread) process `pid` has used, in ms;
 * -1 when /proc cannot tell. */
double bench_cpu_ms(pid_t pid);

/* SIGTERM, wait (up to 10 s, then SIGKILL): rsmd's exit status, or -1. */
int bench_stop_rsmd(pid_t pid);

#endif
