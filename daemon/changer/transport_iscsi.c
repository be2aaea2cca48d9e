/*
 * transport_iscsi.c - SCSI commands over iSCSI with libiscsi, for
 * iSCSI-attached libraries and the tgtd test bed.
 *
 * Device string: iscsi://[user[%password]@]host[:port]/target-iqn/lun.
 *
 * libiscsi's synchronous calls cannot be trusted to return: their event loop
 * never lets a timeout fire on a silent socket, and with auto-reconnect on
 * they spin forever when the target dies. So this transport uses the async
 * API under its own poll() loop with a deadline, turns auto-reconnect off,
 * and on any failure throws the whole session away; the next command logs
 * in again (bumping the epoch), so a library comes back by itself once its
 * target does.
 */
#include "changer/transport.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>

#include "util/log.h"

#define INITIATOR_IQN "iqn.2024-01.org.rsm:rsmd"
#define CONNECT_TIMEOUT_MS 10000u
#define POLL_SLICE_MS 250 /* wake up at least this often to run libiscsi's timers */

typedef struct iscsi_transport {
    transport_t base;
    struct iscsi_context *ctx; /* NULL while not logged in */
    char portal[MAX_STRING_SIZE + 1];
    char target[MAX_STRING_SIZE + 1];
    char user[MAX_STRING_SIZE + 1];
    char passwd[MAX_STRING_SIZE + 1];
    int lun;
    /* Login progress. Kept here, not on a stack: libiscsi calls the connect
     * callback a second time when an established connection drops. */
    bool login_done;
    int login_status;
    bool connected;  /* the TCP connection of this login attempt was made */
    int sock_error;  /* errno of its socket when it failed (0: none seen) */
} iscsi_transport_t;

/* Completion of one SCSI task, on the exec() caller's stack. */
typedef struct task_wait {
    bool done;
    int status;
} task_wait_t;

/* libiscsi's last error, one line (it sometimes ends in a newline). */
static const char *last_error(struct iscsi_context *ctx, char *buf, size_t len)
{
    const char *e = ctx != NULL ? iscsi_get_error(ctx) : NULL;
    snprintf(buf, len, "%s", e != NULL && e[0] != '\0' ? e : "no detail");
    for (size_t n = strlen(buf); n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.'); n--)
        buf[n - 1] = '\0';
    for (char *p = buf; *p != '\0'; p++)
        if (*p == '\n')
            *p = ' ';
    return buf;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Tear the session down. In-flight task callbacks run now (CANCELLED),
 * while their waiters are still alive. */
static void drop_session(iscsi_transport_t *t)
{
    if (t->ctx == NULL)
        return;
    struct iscsi_context *ctx = t->ctx;
    t->ctx = NULL;
    iscsi_destroy_context(ctx);
}

/* Keep the socket's own error (connection refused, unreachable ...):
 * libiscsi replaces it with a message about reconnecting. */
static void note_socket_error(iscsi_transport_t *t, int fd)
{
    int e = 0;
    socklen_t len = sizeof e;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0)
        t->sock_error = e;
}

/* Run libiscsi until *done turns true or the deadline passes. */
static DWORD pump(iscsi_transport_t *t, const bool *done, uint64_t deadline)
{
    while (!*done) {
        uint64_t now = now_ms();
        if (now >= deadline)
            return ERROR_TIMEOUT;
        int wait = deadline - now < POLL_SLICE_MS ? (int)(deadline - now) : POLL_SLICE_MS;
        struct pollfd pfd = {.fd = iscsi_get_fd(t->ctx), .events = 0, .revents = 0};
        pfd.events = (short)iscsi_which_events(t->ctx);
        int n;
        if (pfd.fd < 0 || pfd.events == 0)
            n = poll(NULL, 0, wait); /* libiscsi asked us to come back later */
        else
            n = poll(&pfd, 1, wait);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ERROR_IO_DEVICE;
        }
        if (n > 0 && (pfd.revents & (POLLERR | POLLHUP)) && t->sock_error == 0)
            note_socket_error(t, pfd.fd);
        if (iscsi_service(t->ctx, n > 0 ? pfd.revents : 0) < 0 && !*done)
            return ERROR_DEVICE_NOT_AVAILABLE;
    }
    return ERROR_SUCCESS;
}

static void login_cb(struct iscsi_context *ctx, int status, void *data, void *priv)
{
    (void)ctx;
    (void)data;
    iscsi_transport_t *t = priv;
    t->login_status = status;
    t->login_done = true;
}

static void connect_cb(struct iscsi_context *ctx, int status, void *data, void *priv)
{
    (void)data;
    iscsi_transport_t *t = priv;
    if (t->login_done || t->ctx != ctx)
        return; /* the second call, for a connection that later dropped */
    t->connected = status == SCSI_STATUS_GOOD;
    if (status != SCSI_STATUS_GOOD || iscsi_login_async(ctx, login_cb, t) != 0) {
        t->login_status = status != SCSI_STATUS_GOOD ? status : SCSI_STATUS_ERROR;
        t->login_done = true;
    }
}

static int seconds_for(unsigned ms) { return (int)((ms + 999) / 1000) + 1; }

static struct iscsi_context *new_context(iscsi_transport_t *t)
{
    struct iscsi_context *ctx = iscsi_create_context(INITIATOR_IQN);
    if (ctx == NULL)
        return NULL;
    /* Never reconnect behind our back: a dead target must surface as an
     * error, not as a sync call spinning forever. */
    iscsi_set_noautoreconnect(ctx, 1);
    iscsi_set_reconnect_max_retries(ctx, 0);
    if (iscsi_set_targetname(ctx, t->target) != 0 || iscsi_set_session_type(ctx, ISCSI_SESSION_NORMAL) != 0 ||
        iscsi_set_header_digest(ctx, ISCSI_HEADER_DIGEST_NONE_CRC32C) != 0 ||
        (t->user[0] != '\0' && iscsi_set_initiator_username_pwd(ctx, t->user, t->passwd) != 0)) {
        iscsi_destroy_context(ctx);
        return NULL;
    }
    return ctx;
}

/* Connect and log in within timeout_ms. */
static DWORD login(iscsi_transport_t *t, unsigned timeout_ms, char *why, size_t why_len)
{
    t->ctx = new_context(t);
    if (t->ctx == NULL) {
        snprintf(why, why_len, "%s: cannot create an iSCSI context", t->base.device);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    iscsi_set_timeout(t->ctx, seconds_for(timeout_ms));
    t->login_done = false;
    t->login_status = SCSI_STATUS_ERROR;
    t->connected = false;
    t->sock_error = 0;
    if (iscsi_connect_async(t->ctx, t->portal, connect_cb, t) != 0) {
        char e[256];
        snprintf(why, why_len, "%s: cannot connect to %s: %s", t->base.device, t->portal,
                 last_error(t->ctx, e, sizeof(e)));
        drop_session(t);
        return ERROR_DEVICE_NOT_AVAILABLE;
    }
    uint64_t deadline = now_ms() + timeout_ms;
    DWORD err = pump(t, &t->login_done, deadline);
    /* libiscsi's own timer may fail the login just as ours runs out. */
    if (err == ERROR_SUCCESS && t->login_status != SCSI_STATUS_GOOD)
        err = t->login_status == SCSI_STATUS_TIMEOUT || now_ms() >= deadline ? ERROR_TIMEOUT
                                                                               : ERROR_DEVICE_NOT_AVAILABLE;
    if (err != ERROR_SUCCESS) {
        char e[256];
        if (!t->connected)
            snprintf(why, why_len, "%s: cannot connect to %s: %s", t->base.device, t->portal,
                     t->sock_error != 0 ? strerror(t->sock_error)
                     : err == ERROR_TIMEOUT ? "no answer" : last_error(t->ctx, e, sizeof(e)));
        else
            snprintf(why, why_len, "%s: login to %s failed: %s", t->base.device, t->portal,
                     err == ERROR_TIMEOUT ? "no answer" : last_error(t->ctx, e, sizeof(e)));
        drop_session(t);
        return err;
    }
    t->base.epoch++;
    return ERROR_SUCCESS;
}

static void task_cb(struct iscsi_context *ctx, int status, void *data, void *priv)
{
    (void)ctx;
    (void)data;
    task_wait_t *w = priv;
    w->status = status;
    w->done = true;
}

/* Sense arrives as the data segment of the response: a 2-byte length, then
 * the sense bytes. */
static void copy_sense(const struct scsi_task *task, scsi_result_t *res)
{
    if (task->datain.data == NULL || task->datain.size < 2)
        return;
    size_t n = ((size_t)task->datain.data[0] << 8) | task->datain.data[1];
    size_t have = (size_t)task->datain.size - 2;
    if (n > have)
        n = have;
    if (n > SCSI_SENSE_MAX)
        n = SCSI_SENSE_MAX;
    memcpy(res->sense, task->datain.data + 2, n);
    res->sense_len = n;
}

/* Data moved = what we asked for, less the target's underflow residual. */
static size_t transferred(const struct scsi_task *task, size_t asked)
{
    if (task->residual_status == SCSI_RESIDUAL_UNDERFLOW)
        return task->residual < asked ? asked - task->residual : 0;
    return asked;
}

static int xfer_dir(enum scsi_dir dir, size_t len)
{
    if (len == 0)
        return SCSI_XFER_NONE;
    return dir == SCSI_READ ? SCSI_XFER_READ : dir == SCSI_WRITE ? SCSI_XFER_WRITE : SCSI_XFER_NONE;
}

/* Map what came back; a transport-level failure ends the session. */
static DWORD finish(iscsi_transport_t *t, struct scsi_task *task, const task_wait_t *w, enum scsi_dir dir,
                    size_t len, scsi_result_t *res)
{
    switch (w->status) {
    case SCSI_STATUS_CANCELLED:
    case SCSI_STATUS_ERROR:
        log_warn("%s: the session failed under the command; dropping it", t->base.device);
        drop_session(t);
        return ERROR_DEVICE_NOT_AVAILABLE;
    case SCSI_STATUS_TIMEOUT:
        log_warn("%s: command timed out in libiscsi", t->base.device);
        drop_session(t);
        return ERROR_TIMEOUT;
    case SCSI_STATUS_CHECK_CONDITION:
        res->status = 0x02;
        copy_sense(task, res);
        return ERROR_SUCCESS;
    default:
        res->status = (uint8_t)w->status;
        if (dir != SCSI_NONE && len > 0)
            res->transferred = transferred(task, len);
        return ERROR_SUCCESS;
    }
}

static DWORD iscsi_exec(transport_t *base, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                        size_t buf_len, unsigned timeout_ms, scsi_result_t *res)
{
    iscsi_transport_t *t = (iscsi_transport_t *)base;
    memset(res, 0, sizeof(*res));
    if (cdb_len == 0 || cdb_len > 16 || buf_len > INT_MAX)
        return ERROR_INVALID_PARAMETER;

    uint64_t deadline = now_ms() + timeout_ms;
    if (t->ctx == NULL) {
        char why[256];
        unsigned budget = timeout_ms < CONNECT_TIMEOUT_MS ? timeout_ms : CONNECT_TIMEOUT_MS;
        DWORD err = login(t, budget, why, sizeof(why));
        if (err != ERROR_SUCCESS) {
            log_warn("%s", why);
            return err;
        }
    }

    uint8_t cdb_copy[16];
    memcpy(cdb_copy, cdb, cdb_len);
    struct scsi_task *task = scsi_create_task((int)cdb_len, cdb_copy, xfer_dir(dir, buf_len), (int)buf_len);
    if (task == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    /* Data-in lands straight in the caller's buffer, never beyond it. */
    if (dir == SCSI_READ && buf_len > 0 && scsi_task_add_data_in_buffer(task, (int)buf_len, buf) != 0) {
        scsi_free_scsi_task(task);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct iscsi_data out = {.size = buf_len, .data = buf};
    task_wait_t w = {.done = false, .status = SCSI_STATUS_ERROR};
    iscsi_set_timeout(t->ctx, seconds_for(timeout_ms));
    if (iscsi_scsi_command_async(t->ctx, t->lun, task, task_cb, dir == SCSI_WRITE ? &out : NULL, &w) != 0) {
        char e[256];
        log_warn("%s: cannot queue opcode 0x%02x: %s", base->device, cdb[0], last_error(t->ctx, e, sizeof(e)));
        scsi_free_scsi_task(task);
        drop_session(t);
        return ERROR_DEVICE_NOT_AVAILABLE;
    }

    DWORD err = pump(t, &w.done, deadline);
    if (err != ERROR_SUCCESS) {
        log_warn("%s: opcode 0x%02x: %s after %llu ms; dropping the session", base->device, cdb[0],
                 err == ERROR_TIMEOUT ? "no answer" : "connection lost",
                 (unsigned long long)(now_ms() + timeout_ms - deadline));
        drop_session(t); /* runs task_cb with CANCELLED while w is alive */
        scsi_free_scsi_task(task);
        return err;
    }
    err = finish(t, task, &w, dir, buf_len, res);
    scsi_free_scsi_task(task);
    return err;
}

static void iscsi_close(transport_t *base)
{
    iscsi_transport_t *t = (iscsi_transport_t *)base;
    drop_session(t);
    free(t);
}

static const transport_ops_t iscsi_ops = {.exec = iscsi_exec, .close = iscsi_close};

/* Split the URL with libiscsi's own parser (it needs a context to report
 * errors into). */
static DWORD parse_url(iscsi_transport_t *t, const char *url, char *why, size_t why_len)
{
    struct iscsi_context *ctx = iscsi_create_context(INITIATOR_IQN);
    if (ctx == NULL) {
        snprintf(why, why_len, "cannot create an iSCSI context");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct iscsi_url *u = iscsi_parse_full_url(ctx, url);
    if (u == NULL) {
        char e[256];
        snprintf(why, why_len, "%s: not an iSCSI URL (iscsi://host[:port]/iqn/lun): %s", url,
                 last_error(ctx, e, sizeof(e)));
        iscsi_destroy_context(ctx);
        return ERROR_INVALID_PARAMETER;
    }
    snprintf(t->portal, sizeof(t->portal), "%s", u->portal);
    snprintf(t->target, sizeof(t->target), "%s", u->target);
    snprintf(t->user, sizeof(t->user), "%s", u->user);
    snprintf(t->passwd, sizeof(t->passwd), "%s", u->passwd);
    t->lun = u->lun;
    iscsi_destroy_url(u);
    iscsi_destroy_context(ctx);
    return ERROR_SUCCESS;
}

DWORD transport_iscsi_open(const char *url, transport_t **out, char *why, size_t why_len)
{
    *out = NULL;
    if (strlen(url) >= sizeof(((transport_t *)0)->device)) {
        snprintf(why, why_len, "iSCSI URL too long");
        return ERROR_INVALID_PARAMETER;
    }
    iscsi_transport_t *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    t->base.ops = &iscsi_ops;
    snprintf(t->base.device, sizeof(t->base.device), "%s", url);
    DWORD err = parse_url(t, url, why, why_len);
    if (err == ERROR_SUCCESS)
        err = login(t, CONNECT_TIMEOUT_MS, why, why_len);
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        free(t);
        return err;
    }
    *out = &t->base;
    return ERROR_SUCCESS;
}
