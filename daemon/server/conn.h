/*
 * conn.h - one client connection: framing in, responses out, lifetime.
 *
 * A connection is reference-counted: the open socket holds one reference
 * and every call in progress holds one, so a call answered after its client
 * went away still finds valid memory and drops its reply (conn->closing).
 */
#ifndef RSM_SERVER_CONN_H
#define RSM_SERVER_CONN_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "model/principal.h"
#include "server.h"
#include "wire.h"

/* Assembles frames from the byte stream: a 4-byte big-endian length, then
 * the body. The body buffer grows with the bytes actually received, so a
 * peer announcing a large frame and sending little costs little. */
struct frame_in {
    uint8_t header[RSM_WIRE_HEADER];
    uint32_t have_header;
    uint32_t length; /* valid once have_header == RSM_WIRE_HEADER */
    uint8_t *body;
    uint32_t have, cap;
};

enum frame_status {
    FRAME_MORE,      /* all input consumed, frame not complete */
    FRAME_READY,     /* a whole frame is ready: take it with frame_in_take */
    FRAME_TOO_LARGE, /* the announced length exceeds RSM_WIRE_MAX_FRAME */
    FRAME_NO_MEMORY,
};

/* Consume bytes from *data (advancing it and shrinking *len) up to the end
 * of the current frame. */
enum frame_status frame_in_feed(struct frame_in *f, const uint8_t **data, size_t *len);
/* The completed body (malloc'ed, NULL when empty; the caller frees it) and
 * its length; resets `f` for the next frame. */
uint8_t *frame_in_take(struct frame_in *f, size_t *len);
/* Bytes of an unfinished frame held (0 between frames). */
size_t frame_in_pending(const struct frame_in *f);
void frame_in_reset(struct frame_in *f);

struct conn {
    uv_pipe_t pipe;
    struct server *srv;
    struct conn *prev, *next; /* srv->conns */
    uint64_t id;              /* for log lines */
    int refs;
    int closing;              /* uv_close called: nothing more goes out */
    const char *finishing;    /* set (to why): read no more, close once
                                 writes drain */
    int paused;               /* reading stopped: the client is not reading */
    uint8_t *backlog;         /* bytes read but not yet run when paused */
    size_t backlog_len;
    size_t writes;            /* uv_write requests in flight */
    struct frame_in in;

    principal_t who;          /* peer credentials, then what open_session said */
    int session_open;
    uint64_t session_id;
};

/* Accept one pending connection on srv->listener. */
void conn_accept(struct server *srv);

void conn_ref(struct conn *c);
void conn_unref(struct conn *c);

/* Queue a packed frame (ownership passes to the connection; it is freed
 * after the write, or at once when the connection is closing). */
void conn_send(struct conn *c, uint8_t *frame, size_t len);

/* Stop reading and close once every queued response is written. `why` is a
 * string constant for the log. */
void conn_finish(struct conn *c, const char *why);
/* Close now; queued writes are abandoned. `why` goes to the log. */
void conn_close(struct conn *c, const char *why);

#endif
