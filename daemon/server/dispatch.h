/*
 * dispatch.h - from a decoded request to its handler, and back to a reply.
 *
 * Each request becomes a `struct call` that owns the decoded message and a
 * reference to its connection. A handler either answers before returning
 * or parks the call and answers later (a mount, a wait for a notification):
 * call_reply works the same either way, and drops the reply when the client
 * has gone. Replies may leave out of order; each carries its request id.
 */
#ifndef RSM_SERVER_DISPATCH_H
#define RSM_SERVER_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "wire.h"

struct conn;
struct server;

struct call {
    struct conn *conn;
    uint64_t id;              /* the request's id, echoed in the reply */
    Rsm__Request *req;        /* owned until the reply */
    const char *name;         /* the call's name, for log lines */
    int close_after;          /* end the connection once the reply is out */

    /* While parked: linked in srv->parked; `cancel` must answer the call
     * (it runs at shutdown). */
    int parked;
    void (*cancel)(struct call *c);
    struct call *prev, *next;
};

/* Decode one frame body and run its call. A frame that does not decode
 * closes the connection (one log line); the service carries on. */
void dispatch_frame(struct conn *c, const uint8_t *body, size_t len);

/* Send `resp` (its id is set here) and free the call. */
void call_reply(struct call *c, Rsm__Response *resp);
/* Reply with an error code and a one-line detail. */
void call_fail(struct call *c, DWORD err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Keep the call for a later call_reply/call_fail; `cancel` (NULL: answer
 * ERROR_CANCELLED) is run if the service stops first. */
void call_park(struct call *c, void (*cancel)(struct call *c));
/* Answer every parked call (shutdown). */
void dispatch_cancel_parked(struct server *srv);

/* Checking fields, for handlers. A required GUID field must be 16 bytes;
 * an optional one is absent, empty (*out NULL) or 16 bytes (*out = g). On
 * failure the call is answered ERROR_INVALID_PARAMETER and -1 returned. */
int call_need_guid(struct call *c, const ProtobufCBinaryData *f, const char *field, NTMS_GUID *g);
int call_opt_guid(struct call *c, const ProtobufCBinaryData *f, int has, const char *field,
                  NTMS_GUID *g, const NTMS_GUID **out);

/* Answer with `err` (0: success) and whatever result `resp` carries; a
 * failure gets the error's name as its detail. */
void call_answer(struct call *c, DWORD err, Rsm__Response *resp);
void call_answer_status(struct call *c, DWORD err);

/* "ERROR_OBJECT_NOT_FOUND" for 4312; "error" for codes not in the table. */
const char *dispatch_error_name(DWORD err);

#endif
