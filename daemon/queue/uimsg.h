/*
 * uimsg.h - operator messages and where they go (Get/SetNtmsUIOptions).
 *
 * Every message is written to rsmd's log (syslog when rsmd runs as a
 * daemon): warning level for requests and errors, info for information.
 * Then it goes to each destination in the lists of its NTMS_UITYPE_*:
 * the computer's, the library's when the message is about a library, and
 * the session's when a session caused it. A destination is
 *   exec:/absolute/path [args]  a command, run without a shell, with the
 *                               message in its environment (RSM_*), for at
 *                               most UIMSG_EXEC_TIMEOUT_MS;
 *   http://host[:port]/path     a webhook: one POST of a small JSON
 *                               object, for at most UIMSG_HTTP_TIMEOUT_MS;
 *   anything else               a computer name, as on Windows (the log is
 *                               the only console here), or "syslog".
 * Deliveries run on the loop without blocking it; at most UIMSG_MAX_INFLIGHT
 * run at once and a message beyond that is logged as dropped. Each
 * delivery's outcome (exit status, HTTP status, failure) is logged.
 *
 * The computer's dwOpRequestFlags NTMS_OPREQFLAGS_NOALERTS keeps operator
 * requests in the log only.
 *
 * Everything runs on the loop thread.
 */
#ifndef RSM_QUEUE_UIMSG_H
#define RSM_QUEUE_UIMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "store/store.h"

#define UIMSG_EXEC_TIMEOUT_MS 10000u
#define UIMSG_HTTP_TIMEOUT_MS 5000u
#define UIMSG_MAX_INFLIGHT 16u
/* The longest destination string Set accepts. */
#define UIMSG_DEST_MAX 1024u

typedef struct uimsg {
    DWORD ui_type;                            /* NTMS_UITYPE_INFO, _REQ or _ERR */
    const char *event;                        /* "submitted", "completed", "refused", "withdrawn" ... */
    const char *text;                         /* one line for people */
    const NTMS_OBJECTINFORMATIONA *request;   /* the operator request, or NULL */
    const NTMS_GUID *library;                 /* a library the message is about, or NULL */
    uint64_t session;                         /* the session that caused it, or 0 */
} uimsg_t;

/* Log the message and start its deliveries. */
void uimsg_send(store_t *st, const uimsg_t *m);

/* The loop deliveries run on (NULL: log only). uimsg_stop kills commands
 * and closes connections still running; their memory is freed once their
 * handles have closed. */
struct uv_loop_s;
void uimsg_set_loop(struct uv_loop_s *loop);
void uimsg_stop(void);

/* What kind of destination a string is. */
enum uimsg_kind { UIMSG_NAME, UIMSG_EXEC, UIMSG_HTTP, UIMSG_BAD };
enum uimsg_kind uimsg_classify(const char *dest);

#endif
