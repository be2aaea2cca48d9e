/*
 * bench/mount.h - the parts of bench-mount (mount.c: the program, its
 * helpers and the run against tgtd; mount_storm.c: many sessions on a
 * virtual library).
 */
#ifndef RSM_BENCH_MOUNT_H
#define RSM_BENCH_MOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include <rsm/ntmsapi.h>

#define MB_WAIT_S 60 /* bound on every wait for rsmd: attach, inventory, drain */

void mb_die(const char *what, DWORD rc);

/* A session of its own on `sock`; exits on failure. */
HANDLE mb_session(const char *sock, const char *app);

/* The library named `name` once attached (bounded by MB_WAIT_S). */
NTMS_GUID mb_library(HANDLE s, const char *name);

/* The physical media of `lib` once there are at least `want` (an
 * inventory is asked for if the attach did not record them): up to `max`
 * into out; their number. */
size_t mb_media(HANDLE s, NTMS_GUID *lib, size_t want, NTMS_GUID *out, size_t max);

/* The object's record (type `type`); exits on failure. */
void mb_get(HANDLE s, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out);

/* Every object of `type` in `container` (NULL: all), malloc'ed. */
NTMS_GUID *mb_list(HANDLE s, NTMS_GUID *container, DWORD type, DWORD *n);

/* The table: a header, then rows; times in microseconds, printed in
 * milliseconds (ratio 0: none printed). */
void mb_header(void);
void mb_row(const char *op, size_t count, double p50_us, double p99_us, double ratio);

/* The mount and dismount library requests rsmd recorded, by outcome, and
 * how long each took by its own timestamps (queued to completed, ms). */
typedef struct mb_requests {
    size_t mounts, mounts_passed, dismounts, dismounts_passed, open;
    double *mount_ms, *dismount_ms; /* sorted, of the passed ones */
} mb_requests_t;

void mb_requests(HANDLE s, mb_requests_t *out);
void mb_requests_free(mb_requests_t *r);

/* Part 2: `sessions` threads, each its own session, `cycles` mount and
 * immediate dismount cycles each, on a virtual library of `drives` drives
 * and `cartridges` cartridges. Returns the exit status (1: a check failed). */
int mb_storm(const char *rsmd, unsigned sessions, unsigned drives, unsigned cartridges, unsigned cycles);

#endif
