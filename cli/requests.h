/*
 * requests.h - library requests (NTMS_LIBREQUEST) as the verbs see them:
 * finding the request an operation created, waiting for it with a
 * progress line, saying why it waits, and listing requests.
 */
#ifndef RSM_CLI_REQUESTS_H
#define RSM_CLI_REQUESTS_H

#include <stdbool.h>

#include "cli.h"

/* The library's requests before an operation starts, to tell its own
 * request from older ones afterwards. */
struct req_snapshot {
    NTMS_GUID *ids;
    DWORD n;
};
DWORD requests_snapshot(HANDLE s, const NTMS_GUID *library, struct req_snapshot *snap);
void requests_snapshot_free(struct req_snapshot *snap);

/* The newest request of operation `op` in `library` that is not in `snap`:
 * 0 and *out, or ERROR_OBJECT_NOT_FOUND. */
DWORD requests_find_new(HANDLE s, const NTMS_GUID *library, DWORD op, const struct req_snapshot *snap,
                        NTMS_GUID *out);

/* An operation that creates a library request: the call, started by
 * request_run with `ctx`; it may hand back the request's GUID in *req
 * (inject, eject), else the request is found as the newest new one of its
 * operation in the library. */
typedef DWORD (*request_start_fn)(HANDLE s, NTMS_GUID *library, void *ctx, NTMS_GUID *req);

struct request_run {
    NTMS_GUID req;  /* the request, when have_req */
    bool have_req;
    bool waited;    /* request_wait ran */
    DWORD last;     /* its last State seen */
};

/* Start `start` on `library`, find its request (of operation `op`), and
 * unless `wait` is false wait for it (request_wait with `what`, `timeout`
 * and `until_operator`). Returns the call's error, or the wait's outcome. */
DWORD request_run(HANDLE s, NTMS_GUID *library, DWORD op, request_start_fn start, void *ctx, bool wait,
                  DWORD timeout, const char *what, bool until_operator, struct request_run *run);

/* Is the request's State one it ends in (passed, failed, cancelled ...)? */
bool request_finished(DWORD state);

/* Wait until library request `req` has finished or `timeout_ms` passed,
 * showing a progress line titled `what`. With `until_operator`, also stop
 * when it waits for the operator (an eject whose medium is in the port).
 * Returns its outcome: 0 (passed, or waiting for the operator), its
 * dwErrorCode (failed), ERROR_CANCELLED, or ERROR_TIMEOUT; *state (may be
 * NULL) is its last State. */
DWORD request_wait(HANDLE s, const NTMS_GUID *req, const char *what, DWORD timeout_ms, bool until_operator,
                   DWORD *state);

/* One line on why request `r` is where it is: what it waits for (a
 * disabled or absent library, an operator request, a busy drive or
 * medium, requests ahead of it in the queue) or how it ended. */
void request_why(HANDLE s, const NTMS_OBJECTINFORMATIONA *r, char *buf, size_t len);

/* The table of library requests (`library` NULL: all), open ones only
 * unless `all`. Returns an exit status. */
int requests_list(HANDLE s, const NTMS_GUID *library, bool all);

/* The table of operator requests, open ones only unless `all`. */
int opreqs_list(HANDLE s, bool all);

#endif
