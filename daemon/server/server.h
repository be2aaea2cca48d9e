/*
 * server.h - the service's front end: one libuv loop, one listening Unix
 * socket, the open connections, and the calls waiting to be answered.
 *
 * There is one server per process. The loop thread owns everything here;
 * library workers (later) hand results back through uv_async and never touch
 * a connection themselves.
 */
#ifndef RSM_SERVER_H
#define RSM_SERVER_H

#include <stdint.h>
#include <sys/types.h>

#include <uv.h>

#include "config.h"
#include "store/store.h"

struct conn;
struct call;
struct notify;

/* The listening socket, bound before the loop exists so that rsmd can
 * report start-up errors on the terminal and then daemonize. */
struct listen_socket {
    int fd;
    const char *path;
    dev_t dev; /* identity of the socket file we created, so that at exit */
    ino_t ino; /* we remove it only if it is still ours */
};

/* Bytes read from a socket in one go; one buffer serves every connection
 * because a read callback consumes it entirely before the next read. */
#define SERVER_READ_CHUNK (64u * 1024u)

struct server {
    uv_loop_t *loop;
    uv_pipe_t listener;
    uv_timer_t drain;           /* bounds how long shutdown waits on writes */
    const struct rsmd_config *cfg;
    store_t *store;

    int ready;                  /* first start done: sessions may open */
    int stopping;               /* SIGTERM seen: no new connections or calls */
    int listening;

    uint64_t next_conn_id;
    uint64_t next_session_id;
    struct conn *conns;         /* every connection not yet closed */
    size_t nconns;
    struct call *parked;        /* calls to be answered later */
    struct notify *notify;      /* notification handles (daemon/notify/) */

    char read_buf[SERVER_READ_CHUNK];
};

/* Bind `path` (removing a stale socket file, refusing a live one), set its
 * mode, and listen. Returns 0, or -1 with one line in err. */
int listener_bind(struct listen_socket *ls, const char *path, mode_t mode, char *err,
                  size_t err_len);
/* Remove the socket file if it is still the one listener_bind created. */
void listener_unlink(const struct listen_socket *ls);

/* Set up `srv` on `loop` and accept connections on the bound socket.
 * Returns 0, or a libuv error code (logged). */
int server_start(struct server *srv, uv_loop_t *loop, store_t *st,
                 const struct rsmd_config *cfg, int listen_fd);

/* Graceful stop: stop accepting, answer parked calls, let each connection
 * flush what it owes and close (forcibly after a short grace period). The
 * loop ends once every handle is closed; idempotent. */
void server_stop(struct server *srv);

#endif
