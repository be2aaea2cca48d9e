/*
 * fake_rsmd.c - a scripted stand-in for rsmd (see fake_rsmd.h).
 *
 * It speaks the real framing and schema through common/wire.h, so librsm
 * cannot tell it from the service until it misbehaves as scripted. Every
 * wait is bounded (poll with a timeout), so a librsm that hangs makes the
 * test fail instead of stalling.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fake_rsmd.h"
#include "wire.h"

#define WAIT_MS 10000

static int wait_readable(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };

    return poll(&p, 1, WAIT_MS) == 1 ? 0 : -1;
}

static int read_all(int fd, uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n;

        if (wait_readable(fd) != 0)
            return -1;
        n = recv(fd, buf, len, 0);
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static Rsm__Request *read_request(int fd)
{
    uint8_t header[RSM_WIRE_HEADER], *body;
    Rsm__Request *req = NULL;
    uint32_t len;

    if (read_all(fd, header, sizeof(header)) != 0)
        return NULL;
    len = wire_frame_length(header);
    if (len > RSM_WIRE_MAX_FRAME || (body = malloc(len ? len : 1)) == NULL)
        return NULL;
    if (read_all(fd, body, len) == 0)
        req = wire_unpack_request(body, len);
    free(body);
    return req;
}

static int send_response(int fd, Rsm__Response *resp)
{
    uint8_t *frame;
    size_t len;
    int rc;

    if (wire_pack_response(resp, &frame, &len) != 0)
        return -1;
    rc = send(fd, frame, len, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
    free(frame);
    return rc;
}

/* Answer OpenSession; `version` is the protocol the fake claims. */
static int answer_open(fake_rsmd_t *f, int fd, DWORD error, uint32_t version)
{
    Rsm__OpenSessionResult result = RSM__OPEN_SESSION_RESULT__INIT;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__Request *req = read_request(fd);
    int rc;

    if (req == NULL || req->call_case != RSM__REQUEST__CALL_OPEN_SESSION) {
        f->failures++;
        if (req != NULL)
            rsm__request__free_unpacked(req, NULL);
        return -1;
    }
    if (req->open_session->protocol_version != RSM_PROTOCOL_VERSION)
        f->failures++;
    resp.id = req->id;
    resp.error = error;
    if (error == 0) {
        result.protocol_version = version;
        result.server_name = (char *)"fake";
        resp.result_case = RSM__RESPONSE__RESULT_OPEN_SESSION;
        resp.open_session = &result;
    }
    rc = send_response(fd, &resp);
    rsm__request__free_unpacked(req, NULL);
    return rc;
}

/* The object information answer to `req`: a computer named after the first
 * byte of the GUID asked for, so the caller can tell whose answer it got. */
static int answer_info(int fd, const Rsm__Request *req)
{
    Rsm__ObjectInfo info = RSM__OBJECT_INFO__INIT;
    Rsm__ComputerInfo computer = RSM__COMPUTER_INFO__INIT;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    char name[32];

    snprintf(name, sizeof(name), "reply-%02x", req->get_object_info->guid.data[0]);
    info.type = NTMS_COMPUTER;
    info.has_guid = 1;
    info.guid = req->get_object_info->guid;
    info.name = name;
    info.info_case = RSM__OBJECT_INFO__INFO_COMPUTER;
    info.computer = &computer;
    resp.id = req->id;
    resp.result_case = RSM__RESPONSE__RESULT_OBJECT_INFO;
    resp.object_info = &info;
    return send_response(fd, &resp);
}

static int is_info_request(const Rsm__Request *req)
{
    return req != NULL && req->call_case == RSM__REQUEST__CALL_GET_OBJECT_INFO &&
           req->get_object_info->guid.len == 16;
}

static void serve_reverse_pair(fake_rsmd_t *f, int fd)
{
    Rsm__Request *first = read_request(fd);
    Rsm__Request *second = read_request(fd);
    Rsm__Request *close_req;
    Rsm__Response bye = RSM__RESPONSE__INIT;

    if (!is_info_request(first) || !is_info_request(second) ||
        answer_info(fd, second) != 0 || answer_info(fd, first) != 0)
        f->failures++;
    close_req = read_request(fd);
    if (close_req == NULL || close_req->call_case != RSM__REQUEST__CALL_CLOSE_SESSION) {
        f->failures++;
    } else {
        bye.id = close_req->id;
        send_response(fd, &bye);
    }
    if (first != NULL)
        rsm__request__free_unpacked(first, NULL);
    if (second != NULL)
        rsm__request__free_unpacked(second, NULL);
    if (close_req != NULL)
        rsm__request__free_unpacked(close_req, NULL);
}

static void *serve(void *arg)
{
    fake_rsmd_t *f = arg;
    int fd;

    if (wait_readable(f->listen_fd) != 0 || (fd = accept(f->listen_fd, NULL, NULL)) < 0) {
        f->failures++;
        return NULL;
    }
    switch (f->mode) {
    case FAKE_REFUSE:
        answer_open(f, fd, f->open_error, RSM_PROTOCOL_VERSION);
        break;
    case FAKE_OTHER_VERSION:
        answer_open(f, fd, 0, 99);
        break;
    case FAKE_DROP_AFTER_OPEN:
        answer_open(f, fd, 0, RSM_PROTOCOL_VERSION);
        break;
    case FAKE_REVERSE_PAIR:
        if (answer_open(f, fd, 0, RSM_PROTOCOL_VERSION) == 0)
            serve_reverse_pair(f, fd);
        break;
    }
    close(fd);
    return NULL;
}

int fake_rsmd_start(fake_rsmd_t *f, fake_mode_t mode, DWORD open_error)
{
    static int counter;
    struct sockaddr_un addr;

    memset(f, 0, sizeof(*f));
    f->mode = mode;
    f->open_error = open_error;
    snprintf(f->path, sizeof(f->path), "/tmp/fake-rsmd-%ld-%d.sock", (long)getpid(),
             __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST));
    unlink(f->path);
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, f->path, strlen(f->path) + 1);
    f->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (f->listen_fd < 0)
        return -1;
    if (bind(f->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
        listen(f->listen_fd, 4) != 0 || pthread_create(&f->thread, NULL, serve, f) != 0) {
        close(f->listen_fd);
        unlink(f->path);
        return -1;
    }
    return 0;
}

int fake_rsmd_stop(fake_rsmd_t *f)
{
    pthread_join(f->thread, NULL);
    close(f->listen_fd);
    unlink(f->path);
    return f->failures;
}
