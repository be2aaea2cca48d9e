/*
 * conn.c - client connections: accept, frame assembly, writes, lifetime.
 *
 * Invariants:
 *  - c->refs counts the open handle (dropped in the close callback), each
 *    call in progress, and each write in flight. Memory goes when it is 0.
 *  - Once c->closing is set nothing is read or written on the socket.
 *  - Once c->finishing is set nothing more is read; the socket closes when
 *    c->writes reaches 0.
 *  - A client that stops reading its responses stops being read from once
 *    CONN_WRITES_HIGH responses or CONN_BYTES_HIGH bytes wait for it (the
 *    count matters too: each queued write costs its bookkeeping). Requests
 *    already read wait in c->backlog (at most one read chunk), so what the
 *    service buffers per client is bounded.
 */
#include "conn.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "session.h"
#include "util/log.h"

#define CONN_BYTES_HIGH (8u * 1024u * 1024u)
#define CONN_BYTES_LOW (1u * 1024u * 1024u)
#define CONN_WRITES_HIGH 4096u
#define CONN_WRITES_LOW 512u
#define FRAME_FIRST_CAP (64u * 1024u)

/* ------------------------------------------------------------------------ */
/* Frame assembly */

void frame_in_reset(struct frame_in *f)
{
    free(f->body);
    memset(f, 0, sizeof *f);
}

size_t frame_in_pending(const struct frame_in *f)
{
    return f->have_header + f->have;
}

/* Grow the body buffer to hold `need` bytes, doubling but never past the
 * announced length. */
static int frame_in_reserve(struct frame_in *f, uint32_t need)
{
    uint32_t cap = f->cap ? f->cap : FRAME_FIRST_CAP;
    uint8_t *body;

    if (need <= f->cap)
        return 0;
    while (cap < need)
        cap = cap > f->length / 2 ? f->length : cap * 2;
    if (cap > f->length)
        cap = f->length;
    body = realloc(f->body, cap);
    if (body == NULL)
        return -1;
    f->body = body;
    f->cap = cap;
    return 0;
}

enum frame_status frame_in_feed(struct frame_in *f, const uint8_t **data, size_t *len)
{
    if (f->have_header < RSM_WIRE_HEADER) {
        size_t n = RSM_WIRE_HEADER - f->have_header;
        if (n > *len)
            n = *len;
        memcpy(f->header + f->have_header, *data, n);
        f->have_header += (uint32_t)n;
        *data += n;
        *len -= n;
        if (f->have_header < RSM_WIRE_HEADER)
            return FRAME_MORE;
        f->length = wire_frame_length(f->header);
        if (f->length > RSM_WIRE_MAX_FRAME)
            return FRAME_TOO_LARGE;
    }
    if (f->have < f->length && *len > 0) {
        size_t n = f->length - f->have;
        if (n > *len)
            n = *len;
        if (frame_in_reserve(f, f->have + (uint32_t)n) != 0)
            return FRAME_NO_MEMORY;
        memcpy(f->body + f->have, *data, n);
        f->have += (uint32_t)n;
        *data += n;
        *len -= n;
    }
    return f->have == f->length ? FRAME_READY : FRAME_MORE;
}

uint8_t *frame_in_take(struct frame_in *f, size_t *len)
{
    uint8_t *body = f->body;

    *len = f->length;
    f->body = NULL;
    frame_in_reset(f);
    return body;
}

/* ------------------------------------------------------------------------ */
/* Lifetime */

void conn_ref(struct conn *c)
{
    c->refs++;
}

void conn_unref(struct conn *c)
{
    if (--c->refs > 0)
        return;
    frame_in_reset(&c->in);
    free(c->backlog);
    free(c);
}

static void unlink_conn(struct conn *c)
{
    struct server *srv = c->srv;

    if (c->prev)
        c->prev->next = c->next;
    else
        srv->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    srv->nconns--;
}

static void on_closed(uv_handle_t *h)
{
    conn_unref(h->data);
}

void conn_close(struct conn *c, const char *why)
{
    if (c->closing)
        return;
    c->closing = 1;
    log_debug("conn %" PRIu64 ": closed (%s)", c->id, why);
    session_ended(c, why);
    unlink_conn(c);
    uv_close((uv_handle_t *)&c->pipe, on_closed);
}

void conn_finish(struct conn *c, const char *why)
{
    if (c->closing || c->finishing)
        return;
    c->finishing = why;
    uv_read_stop((uv_stream_t *)&c->pipe);
    if (c->writes == 0)
        conn_close(c, why);
}

/* ------------------------------------------------------------------------ */
/* Writing */

struct write_req {
    uv_write_t req;
    struct conn *conn;
    uint8_t *frame;
};

static void resume_reading(struct conn *c);

static size_t queued_bytes(struct conn *c)
{
    return uv_stream_get_write_queue_size((uv_stream_t *)&c->pipe);
}

static void on_written(uv_write_t *req, int status)
{
    struct write_req *w = (struct write_req *)req;
    struct conn *c = w->conn;

    free(w->frame);
    free(w);
    c->writes--;
    if (status < 0 && status != UV_ECANCELED && !c->closing)
        conn_close(c, uv_strerror(status));
    else if (c->finishing && c->writes == 0)
        conn_close(c, c->finishing);
    else if (c->paused && !c->closing && c->writes < CONN_WRITES_LOW &&
             queued_bytes(c) < CONN_BYTES_LOW)
        resume_reading(c);
    conn_unref(c);
}

void conn_send(struct conn *c, uint8_t *frame, size_t len)
{
    struct write_req *w;
    uv_buf_t buf;
    int rc;

    if (c->closing) {
        free(frame);
        return;
    }
    w = malloc(sizeof *w);
    if (w == NULL) {
        free(frame);
        log_error("conn %" PRIu64 ": out of memory queueing a response", c->id);
        conn_close(c, "out of memory");
        return;
    }
    w->conn = c;
    w->frame = frame;
    buf = uv_buf_init((char *)frame, (unsigned int)len);
    rc = uv_write(&w->req, (uv_stream_t *)&c->pipe, &buf, 1, on_written);
    if (rc < 0) {
        free(frame);
        free(w);
        conn_close(c, uv_strerror(rc));
        return;
    }
    conn_ref(c);
    c->writes++;
    if (!c->paused && !c->finishing &&
        (c->writes > CONN_WRITES_HIGH || queued_bytes(c) > CONN_BYTES_HIGH)) {
        log_debug("conn %" PRIu64 ": client not reading its responses; pausing", c->id);
        uv_read_stop((uv_stream_t *)&c->pipe);
        c->paused = 1;
    }
}

/* ------------------------------------------------------------------------ */
/* Reading */

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct conn *c = h->data;
    (void)suggested;
    *buf = uv_buf_init(c->srv->read_buf, sizeof c->srv->read_buf);
}

/* Keep bytes that arrived before reading paused; they run on resume. The
 * copy is made first because `data` may point into the old backlog. */
static void save_backlog(struct conn *c, const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len);

    if (copy == NULL) {
        log_error("conn %" PRIu64 ": out of memory holding unread requests; closing", c->id);
        conn_close(c, "out of memory");
        return;
    }
    memcpy(copy, data, len);
    free(c->backlog);
    c->backlog = copy;
    c->backlog_len = len;
}

/* Split the bytes into frames and run each; stop as soon as the connection
 * starts closing (a bad frame, or a close_session earlier in the chunk), and
 * keep the rest aside when a response pauses reading. */
static void feed(struct conn *c, const uint8_t *data, size_t len)
{
    while (len > 0 && !c->closing && !c->finishing && !c->paused) {
        switch (frame_in_feed(&c->in, &data, &len)) {
        case FRAME_MORE:
            break;
        case FRAME_READY: {
            size_t body_len;
            uint8_t *body = frame_in_take(&c->in, &body_len);
            dispatch_frame(c, body, body_len);
            free(body);
            break;
        }
        case FRAME_TOO_LARGE:
            log_warn("conn %" PRIu64 " (uid %u pid %d): frame of %" PRIu32
                     " bytes exceeds the %u-byte limit; closing",
                     c->id, (unsigned)c->who.uid, (int)c->who.pid, c->in.length,
                     RSM_WIRE_MAX_FRAME);
            conn_close(c, "frame too large");
            return;
        case FRAME_NO_MEMORY:
            log_error("conn %" PRIu64 ": out of memory for a %" PRIu32 "-byte frame; closing",
                      c->id, c->in.length);
            conn_close(c, "out of memory");
            return;
        }
    }
    if (len > 0 && c->paused && !c->closing && !c->finishing)
        save_backlog(c, data, len);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct conn *c = s->data;

    if (n == UV_EOF) {
        if (frame_in_pending(&c->in) > 0)
            log_info("conn %" PRIu64 " (uid %u pid %d): disconnected in the middle of a frame",
                     c->id, (unsigned)c->who.uid, (int)c->who.pid);
        conn_close(c, "client disconnected");
    } else if (n < 0) {
        log_info("conn %" PRIu64 ": read failed: %s", c->id, uv_strerror((int)n));
        conn_close(c, uv_strerror((int)n));
    } else if (n > 0) {
        feed(c, (const uint8_t *)buf->base, (size_t)n);
    }
}

static void resume_reading(struct conn *c)
{
    int rc;

    c->paused = 0;
    if (c->backlog != NULL) {
        uint8_t *held = c->backlog;
        size_t len = c->backlog_len;
        c->backlog = NULL;
        c->backlog_len = 0;
        feed(c, held, len);
        free(held);
        if (c->paused || c->closing || c->finishing)
            return;
    }
    rc = uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
    if (rc < 0)
        conn_close(c, uv_strerror(rc));
}

/* ------------------------------------------------------------------------ */
/* Accepting */

static void free_unaccepted(uv_handle_t *h)
{
    free(h->data);
}

void conn_accept(struct server *srv)
{
    struct conn *c = calloc(1, sizeof *c);
    int rc;

    if (c == NULL) {
        log_error("out of memory accepting a connection");
        return; /* the pending connection stays queued; the next one retries */
    }
    c->srv = srv;
    c->refs = 1;
    c->id = ++srv->next_conn_id;
    uv_pipe_init(srv->loop, &c->pipe, 0);
    c->pipe.data = c;
    rc = uv_accept((uv_stream_t *)&srv->listener, (uv_stream_t *)&c->pipe);
    if (rc < 0) {
        log_warn("accept failed: %s", uv_strerror(rc));
        uv_close((uv_handle_t *)&c->pipe, free_unaccepted);
        return;
    }
    c->next = srv->conns;
    if (srv->conns)
        srv->conns->prev = c;
    srv->conns = c;
    srv->nconns++;
    if (session_identify(c) != 0) {
        conn_close(c, "no peer credentials");
        return;
    }
    log_debug("conn %" PRIu64 ": accepted from uid %u (%s) pid %d; %zu open", c->id,
              (unsigned)c->who.uid, c->who.user, (int)c->who.pid, srv->nconns);
    resume_reading(c);
}
