/*
 * rawwire.c - a minimal client of rsmd's wire protocol for the tests that
 * talk to the service from a raw socket, without librsm (rawwire.h).
 */
#include "rawwire.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

const char *sock_path;

int rawwire_init(int argc, char **argv, const char *program)
{
    sock_path = argc > 1 ? argv[1] : getenv("RSM_SOCKET");
    if (sock_path == NULL || sock_path[0] == '\0') {
        fprintf(stderr, "usage: %s SOCKET (or set RSM_SOCKET)\n", program);
        return 2;
    }
    return 0;
}

int dial(void)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    assert_true(fd >= 0);
    assert_true(strlen(sock_path) < sizeof addr.sun_path);
    strcpy(addr.sun_path, sock_path);
    assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    return fd;
}

void send_bytes(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        assert_true(n > 0);
        p += n;
        len -= (size_t)n;
    }
}

/* Read exactly len bytes; 0 on success, -1 on EOF/error/timeout. */
int recv_bytes(int fd, void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len > 0) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, TIMEOUT_MS) != 1)
            return -1;
        ssize_t n = recv(fd, p, len, 0);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void send_request(int fd, const Rsm__Request *req)
{
    uint8_t *frame;
    size_t len;

    assert_int_equal(wire_pack_request(req, &frame, &len), 0);
    send_bytes(fd, frame, len);
    free(frame);
}

/* The next response, or NULL when the service closed the connection. */
Rsm__Response *recv_response(int fd)
{
    uint8_t header[RSM_WIRE_HEADER];
    Rsm__Response *resp;
    uint8_t *body;
    uint32_t len;

    if (recv_bytes(fd, header, sizeof header) != 0)
        return NULL;
    len = wire_frame_length(header);
    assert_true(len <= RSM_WIRE_MAX_FRAME);
    body = malloc(len ? len : 1);
    assert_non_null(body);
    assert_int_equal(recv_bytes(fd, body, len), 0);
    resp = wire_unpack_response(body, len);
    free(body);
    assert_non_null(resp);
    return resp;
}

Rsm__Response *roundtrip(int fd, const Rsm__Request *req)
{
    Rsm__Response *resp;

    send_request(fd, req);
    resp = recv_response(fd);
    assert_non_null(resp);
    assert_int_equal(resp->id, req->id);
    return resp;
}

/* True when the service closes the connection (EOF) within the timeout. */
int closed_by_service(int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    char byte;

    if (poll(&pfd, 1, TIMEOUT_MS) != 1)
        return 0;
    return recv(fd, &byte, 1, 0) == 0;
}

Rsm__Response *open_session_v(int fd, uint32_t version)
{
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__OpenSession open = RSM__OPEN_SESSION__INIT;

    open.protocol_version = version;
    open.application = (char *)"wire_smoke";
    open.client_computer = (char *)"testhost";
    req.id = 1;
    req.call_case = RSM__REQUEST__CALL_OPEN_SESSION;
    req.open_session = &open;
    return roundtrip(fd, &req);
}

int open_session(void)
{
    int fd = dial();
    Rsm__Response *resp = open_session_v(fd, RSM_PROTOCOL_VERSION);

    assert_int_equal(resp->error, 0);
    rsm__response__free_unpacked(resp, NULL);
    return fd;
}
