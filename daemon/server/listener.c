/*
 * listener.c - the listening socket and the server's start and stop.
 *
 * The socket is bound with plain system calls before the event loop
 * exists: rsmd binds, reports any error on the terminal, daemonizes, and
 * only then hands the descriptor to libuv (no loop crosses a fork).
 *
 * Stale sockets: a socket file nobody accepts on (ECONNREFUSED) is left by
 * a crashed rsmd and is removed; one that accepts belongs to a running rsmd
 * and is an error. Anything that is not a socket is never removed.
 */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "dispatch.h"
#include "dispatch_notify.h"
#include "util/log.h"

/* How long shutdown waits for clients to take their last responses. */
#define DRAIN_MS 2000

/* ------------------------------------------------------------------------ */
/* Binding */

static int socket_address(const char *path, struct sockaddr_un *addr)
{
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr->sun_path)
        return -1;
    memcpy(addr->sun_path, path, strlen(path) + 1);
    return 0;
}

/* 0 when `path` is free (absent, or a stale socket now removed). */
static int clear_stale(const char *path, const struct sockaddr_un *addr, char *err,
                       size_t err_len)
{
    struct stat st;
    int probe, rc;

    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, err_len, "cannot examine %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISSOCK(st.st_mode)) {
        snprintf(err, err_len, "%s exists and is not a socket; not removing it", path);
        return -1;
    }
    probe = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (probe < 0) {
        snprintf(err, err_len, "socket: %s", strerror(errno));
        return -1;
    }
    rc = connect(probe, (const struct sockaddr *)addr, sizeof *addr);
    if (rc == 0 || errno == EAGAIN) { /* EAGAIN: alive, its backlog is full */
        snprintf(err, err_len, "another rsmd is already listening on %s", path);
        close(probe);
        return -1;
    }
    if (errno != ECONNREFUSED) {
        snprintf(err, err_len, "cannot probe %s: %s", path, strerror(errno));
        close(probe);
        return -1;
    }
    close(probe);
    if (unlink(path) != 0 && errno != ENOENT) {
        snprintf(err, err_len, "cannot remove stale socket %s: %s", path, strerror(errno));
        return -1;
    }
    log_info("removed stale socket %s", path);
    return 0;
}

int listener_bind(struct listen_socket *ls, const char *path, mode_t mode, char *err,
                  size_t err_len)
{
    struct sockaddr_un addr;
    struct stat st;
    int fd;

    ls->fd = -1;
    ls->path = path;
    if (socket_address(path, &addr) != 0) {
        snprintf(err, err_len, "socket path %s is too long", path);
        return -1;
    }
    if (clear_stale(path, &addr, err, err_len) != 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, err_len, "socket: %s", strerror(errno));
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        snprintf(err, err_len, "cannot bind %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    /* Access is decided per call from peer credentials, so the file mode
     * only needs to let clients connect. */
    if (chmod(path, mode) != 0 || listen(fd, SOMAXCONN) != 0 || stat(path, &st) != 0) {
        snprintf(err, err_len, "cannot set up %s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
        return -1;
    }
    ls->fd = fd;
    ls->dev = st.st_dev;
    ls->ino = st.st_ino;
    return 0;
}

void listener_unlink(const struct listen_socket *ls)
{
    struct stat st;

    if (ls->fd < 0 || lstat(ls->path, &st) != 0)
        return;
    if (st.st_dev != ls->dev || st.st_ino != ls->ino) {
        log_warn("%s is no longer our socket; leaving it", ls->path);
        return;
    }
    if (unlink(ls->path) != 0)
        log_warn("cannot remove %s: %s", ls->path, strerror(errno));
}

/* ------------------------------------------------------------------------ */
/* Accepting */

static void on_connection(uv_stream_t *listener, int status)
{
    struct server *srv = listener->data;

    if (status < 0) {
        /* EMFILE and the like: libuv has already dropped the pending
         * connection; the service carries on. */
        log_warn("cannot accept a connection: %s", uv_strerror(status));
        return;
    }
    conn_accept(srv);
}

int server_start(struct server *srv, uv_loop_t *loop, store_t *st,
                 const struct rsmd_config *cfg, int listen_fd)
{
    int rc;

    srv->loop = loop;
    srv->store = st;
    srv->cfg = cfg;
    uv_timer_init(loop, &srv->drain);
    srv->drain.data = srv;
    uv_pipe_init(loop, &srv->listener, 0);
    srv->listener.data = srv;
    rc = uv_pipe_open(&srv->listener, listen_fd);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&srv->listener, SOMAXCONN, on_connection);
    if (rc < 0) {
        log_error("cannot listen on %s: %s", cfg->socket, uv_strerror(rc));
        return rc;
    }
    srv->listening = 1;
    dispatch_notify_start(srv);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Stopping */

static void on_drain_timeout(uv_timer_t *t)
{
    struct server *srv = t->data;

    if (srv->nconns > 0)
        log_warn("%zu client(s) did not take their last responses; closing them", srv->nconns);
    while (srv->conns != NULL)
        conn_close(srv->conns, "rsmd stopping");
}

void server_stop(struct server *srv)
{
    struct conn *c, *next;

    if (srv->stopping)
        return;
    srv->stopping = 1;
    srv->ready = 0;
    if (srv->listening) {
        uv_close((uv_handle_t *)&srv->listener, NULL);
        srv->listening = 0;
    }
    dispatch_cancel_parked(srv);
    dispatch_notify_stop(srv);
    for (c = srv->conns; c != NULL; c = next) {
        next = c->next;
        conn_finish(c, "rsmd stopping");
    }
    /* Unreferenced: the loop ends as soon as the last connection closes,
     * and the timer only matters while some still linger. */
    uv_timer_start(&srv->drain, on_drain_timeout, DRAIN_MS, 0);
    uv_unref((uv_handle_t *)&srv->drain);
}
