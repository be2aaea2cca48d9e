/*
 * conn.c - one stream socket to rsmd, shared by every thread of a session.
 *
 * Sending: a caller packs its whole frame first, then writes it under
 * send_lock, so frames from different threads never interleave.
 *
 * Receiving (leader/follower): each caller registers a waiter with a fresh
 * request id before it sends. Whoever finds nobody reading becomes the
 * reader: it reads frames with the lock released and hands each response to
 * the waiter with that id (signalling the waiter's own condition variable),
 * until its own response arrives. On leaving it passes the reader role to
 * one remaining waiter. Responses may therefore arrive in any order.
 *
 * Failure: a read or write error, end of stream or an unparsable frame marks
 * the connection broken; every waiter is woken and fails with
 * ERROR_NOT_CONNECTED, and so does every later call. The descriptor is closed
 * only by conn_destroy(), when no thread can be inside a read any more.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "rsm_internal.h"

struct rsm_waiter {
    uint64_t id;
    Rsm__Response *resp; /* set by the reader; non-NULL means done */
    pthread_cond_t cond;
    rsm_waiter_t *next;
};

/* ------------------------------------------------------------------------ */
/* Opening and closing */

DWORD conn_open(rsm_conn_t *c, const char *path)
{
    struct sockaddr_un addr;

    memset(c, 0, sizeof(*c));
    c->fd = -1;
    pthread_mutex_init(&c->send_lock, NULL);
    pthread_mutex_init(&c->lock, NULL);

    if (strlen(path) >= sizeof(addr.sun_path)) {
        rsm_log("socket path too long (%zu bytes): %s", strlen(path), path);
        return ERROR_NOT_CONNECTED;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, strlen(path) + 1);

    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        rsm_log("socket(): %s", strerror(errno));
        return errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS
                   ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NOT_CONNECTED;
    }
    while (connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
        if (errno == EINTR)
            continue;
        /* ENOENT (no socket file), ECONNREFUSED (no service behind it) and
         * the rest all mean the same to the caller: no service to talk to. */
        rsm_log("connect(%s): %s", path, strerror(errno));
        c->broken = 1;
        return ERROR_NOT_CONNECTED;
    }
    return 0;
}

void conn_set_read_timeout(rsm_conn_t *c, unsigned seconds)
{
    struct timeval tv = { .tv_sec = seconds, .tv_usec = 0 };

    if (setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0)
        rsm_log("setsockopt(SO_RCVTIMEO): %s", strerror(errno));
}

/* Called with c->lock held. */
static void mark_broken_locked(rsm_conn_t *c)
{
    rsm_waiter_t *w;

    if (!c->broken) {
        c->broken = 1;
        if (c->fd >= 0)
            shutdown(c->fd, SHUT_RDWR); /* wakes a reader blocked in recv() */
    }
    for (w = c->waiters; w != NULL; w = w->next)
        pthread_cond_signal(&w->cond);
}

void conn_shutdown(rsm_conn_t *c)
{
    pthread_mutex_lock(&c->lock);
    mark_broken_locked(c);
    pthread_mutex_unlock(&c->lock);
}

int conn_is_broken(rsm_conn_t *c)
{
    int broken;

    pthread_mutex_lock(&c->lock);
    broken = c->broken;
    pthread_mutex_unlock(&c->lock);
    return broken;
}

void conn_destroy(rsm_conn_t *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    pthread_mutex_destroy(&c->send_lock);
    pthread_mutex_destroy(&c->lock);
}

void conn_free_response(Rsm__Response *resp)
{
    if (resp != NULL)
        rsm__response__free_unpacked(resp, NULL);
}

/* ------------------------------------------------------------------------ */
/* Raw I/O */

static int send_all(int fd, const uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rsm_log("send(): %s", n < 0 ? strerror(errno) : "no progress");
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int recv_all(int fd, uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = recv(fd, buf, len, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            rsm_log("the service closed the connection");
            return -1;
        }
        if (n < 0) {
            rsm_log("recv(): %s", errno == EAGAIN || errno == EWOULDBLOCK
                                     ? "timed out waiting for the service"
                                     : strerror(errno));
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* One whole frame from the stream, decoded; NULL when the stream failed or
 * the peer sent something that is not a Response. */
static Rsm__Response *read_frame(int fd)
{
    uint8_t header[RSM_WIRE_HEADER];
    Rsm__Response *resp;
    uint32_t len;
    uint8_t *body;

    if (recv_all(fd, header, sizeof(header)) != 0)
        return NULL;
    len = wire_frame_length(header);
    if (len > RSM_WIRE_MAX_FRAME) {
        rsm_log("frame of %u bytes is over the %u-byte limit", len, RSM_WIRE_MAX_FRAME);
        return NULL;
    }
    body = malloc(len ? len : 1);
    if (body == NULL) {
        rsm_log("no memory for a %u-byte frame", len);
        return NULL;
    }
    resp = NULL;
    if (recv_all(fd, body, len) == 0) {
        resp = wire_unpack_response(body, len);
        if (resp == NULL)
            rsm_log("malformed response frame (%u bytes)", len);
    }
    free(body);
    return resp;
}

/* ------------------------------------------------------------------------ */
/* Matching responses to callers */

static void unlink_waiter(rsm_conn_t *c, rsm_waiter_t *w)
{
    rsm_waiter_t **p;

    for (p = &c->waiters; *p != NULL; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            return;
        }
    }
}

/* Give `resp` to the caller waiting for its id. Called with c->lock held. */
static void deliver_locked(rsm_conn_t *c, Rsm__Response *resp)
{
    rsm_waiter_t *w;

    for (w = c->waiters; w != NULL; w = w->next) {
        if (w->id == resp->id && w->resp == NULL) {
            w->resp = resp;
            pthread_cond_signal(&w->cond);
            return;
        }
    }
    /* A caller that gave up (its session was closed under it) leaves its
     * answer orphaned; anything else is a confused service. */
    rsm_log("dropping a response for unknown request id %llu",
            (unsigned long long)resp->id);
    conn_free_response(resp);
}

/* The reader is leaving: let one caller still waiting take over reading.
 * Called with c->lock held. */
static void pass_reader_role_locked(rsm_conn_t *c)
{
    rsm_waiter_t *w;

    for (w = c->waiters; w != NULL; w = w->next) {
        if (w->resp == NULL) {
            pthread_cond_signal(&w->cond);
            return;
        }
    }
}

/* Wait, reading for everyone when nobody else is, until `w` has its
 * response or the connection breaks. Called and returns with c->lock held. */
static void wait_for_response_locked(rsm_conn_t *c, rsm_waiter_t *w)
{
    while (w->resp == NULL && !c->broken) {
        if (c->reading) {
            pthread_cond_wait(&w->cond, &c->lock);
            continue;
        }
        c->reading = 1;
        pthread_mutex_unlock(&c->lock);
        Rsm__Response *resp = read_frame(c->fd);
        pthread_mutex_lock(&c->lock);
        c->reading = 0;
        if (resp == NULL)
            mark_broken_locked(c);
        else
            deliver_locked(c, resp);
    }
}

DWORD conn_call(rsm_conn_t *c, Rsm__Request *req, Rsm__Response **resp)
{
    rsm_waiter_t w;
    uint8_t *frame;
    size_t len;
    DWORD err;

    *resp = NULL;
    memset(&w, 0, sizeof(w));
    pthread_cond_init(&w.cond, NULL);

    pthread_mutex_lock(&c->lock);
    if (c->broken) {
        pthread_mutex_unlock(&c->lock);
        pthread_cond_destroy(&w.cond);
        return ERROR_NOT_CONNECTED;
    }
    w.id = ++c->last_id;
    w.next = c->waiters;
    c->waiters = &w;
    pthread_mutex_unlock(&c->lock);

    req->id = w.id;
    err = wire_pack_request(req, &frame, &len);
    if (err != 0) {
        rsm_log("cannot pack request %llu: error %u", (unsigned long long)w.id, err);
    } else {
        pthread_mutex_lock(&c->send_lock);
        if (send_all(c->fd, frame, len) != 0)
            err = ERROR_NOT_CONNECTED;
        pthread_mutex_unlock(&c->send_lock);
        free(frame);
    }

    pthread_mutex_lock(&c->lock);
    if (err == ERROR_NOT_CONNECTED)
        mark_broken_locked(c);
    else if (err == 0)
        wait_for_response_locked(c, &w);
    unlink_waiter(c, &w);
    /* The reader role may have been passed to this caller (even one that
     * never got to wait, if packing failed); hand it on before leaving. */
    if (!c->reading)
        pass_reader_role_locked(c);
    pthread_mutex_unlock(&c->lock);
    pthread_cond_destroy(&w.cond);

    if (err != 0)
        return err;
    if (w.resp == NULL)
        return ERROR_NOT_CONNECTED;
    *resp = w.resp;
    return 0;
}
