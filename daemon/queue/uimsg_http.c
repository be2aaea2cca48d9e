/*
 * uimsg_http.c - "http://" destinations: a webhook POSTed for each message.
 *
 * One HTTP/1.0 request per message, "Connection: close", with the
 * message's fields as one flat JSON object of strings:
 *   {"event":"submitted","ui_type":"request","message":"...",...}
 * The name is resolved on libuv's thread pool, the connection and the
 * exchange run on the loop, and the whole delivery is bounded by
 * UIMSG_HTTP_TIMEOUT_MS. Only the status line of the answer is read; a 2xx
 * status is a delivery, anything else (or no answer) a logged warning.
 * There is no TLS: https:// destinations are refused when they are set.
 */
#include "uimsg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define HTTP_BODY_MAX (UIMSG_NFIELDS * (UIMSG_FIELD_MAX * 6 + 32) + 16)
#define HTTP_REPLY_MAX 128

struct http_job {
    uimsg_link_t link;        /* first: the list of running jobs */
    uv_getaddrinfo_t resolve;
    uv_connect_t connect;
    uv_write_t write;
    uv_tcp_t tcp;
    uv_timer_t timer;
    int pending;              /* closes and callbacks still to come; freed at 0 */
    bool resolving, tcp_open, finished;
    char url[UIMSG_DEST_MAX];
    uimsg_url_t parts;
    char *request;            /* the whole request: head and body */
    size_t request_len;
    char reply[HTTP_REPLY_MAX];
    size_t reply_len;
};

static uimsg_link_t *jobs; /* running, for uimsg_http_stop_all */

/* --- the request --------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at `s`, or 0. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;

    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Append `s` to `out` as a JSON string; bytes that are not UTF-8 become
 * '?', so the body is always valid JSON. */
static size_t json_string(char *out, size_t at, size_t cap, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    at += (size_t)snprintf(out + at, cap - at, "\"");
    while (*p != '\0' && at + 8 < cap) {
        size_t n = *p < 0x80 ? 1 : utf8_seq(p);
        if (*p == '"' || *p == '\\')
            at += (size_t)snprintf(out + at, cap - at, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            at += (size_t)snprintf(out + at, cap - at, "\\u%04x", *p);
        else if (n == 0)
            out[at++] = '?';
        else
            for (size_t i = 0; i < n; i++)
                out[at++] = (char)p[i];
        p += n ? n : 1;
    }
    at += (size_t)snprintf(out + at, cap - at, "\"");
    return at < cap ? at : cap - 1;
}

static char *build_request(struct http_job *j, const uimsg_payload_t *p)
{
    char body[HTTP_BODY_MAX];
    size_t at = 0;
    bool v6 = strchr(j->parts.host, ':') != NULL;
    char *req;
    int len;

    body[at++] = '{';
    for (size_t i = 0; i < p->n; i++) {
        if (i > 0)
            body[at++] = ',';
        at = json_string(body, at, sizeof body, p->key[i]);
        body[at++] = ':';
        at = json_string(body, at, sizeof body - 2, p->value[i]);
    }
    body[at++] = '}';
    body[at] = '\0';
    len = asprintf(&req,
                   "POST %s HTTP/1.0\r\nHost: %s%s%s:%s\r\nUser-Agent: rsmd\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                   j->parts.path, v6 ? "[" : "", j->parts.host, v6 ? "]" : "", j->parts.port, at, body);
    if (len < 0)
        return NULL;
    j->request_len = (size_t)len;
    return req;
}

/* --- the life of a delivery ------------------------------------------------------ */

static void drop_ref(struct http_job *j)
{
    if (--j->pending > 0)
        return;
    free(j->request);
    free(j);
}

static void on_closed(uv_handle_t *h)
{
    drop_ref(h->data);
}

/* Once per job: log the outcome, leave the list, give the slot back, close
 * what is open; the job is freed when the last callback has run. */
static void finish(struct http_job *j, bool delivered, const char *outcome)
{
    if (j->finished)
        return;
    j->finished = true;
    if (delivered)
        log_info("ui: webhook %s: %s", j->url, outcome);
    else
        log_warn("ui: webhook %s: %s", j->url, outcome);
    uimsg_link_remove(&jobs, &j->link);
    uimsg_release_slot();
    if (j->resolving)
        uv_cancel((uv_req_t *)&j->resolve); /* on_resolved still runs, with UV_ECANCELED */
    uv_close((uv_handle_t *)&j->timer, on_closed);
    if (j->tcp_open)
        uv_close((uv_handle_t *)&j->tcp, on_closed);
}

/* The status line is in: "HTTP/1.x NNN ...". */
static void finish_with_reply(struct http_job *j)
{
    char line[HTTP_REPLY_MAX + 32];
    int code = 0;

    j->reply[j->reply_len] = '\0';
    j->reply[strcspn(j->reply, "\r\n")] = '\0';
    if (sscanf(j->reply, "HTTP/%*d.%*d %d", &code) != 1) {
        finish(j, false, "the answer is not HTTP");
        return;
    }
    snprintf(line, sizeof line, "answered %s", j->reply);
    finish(j, code >= 200 && code < 300, line);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct http_job *j = h->data;

    (void)suggested;
    buf->base = j->reply + j->reply_len;
    buf->len = sizeof j->reply - 1 - j->reply_len;
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct http_job *j = s->data;

    (void)buf;
    if (n > 0)
        j->reply_len += (size_t)n;
    if (n == UV_EOF || (n < 0 && j->reply_len > 0) || j->reply_len + 1 >= sizeof j->reply ||
        memchr(j->reply, '\n', j->reply_len) != NULL)
        finish_with_reply(j);
    else if (n < 0)
        finish(j, false, uv_strerror((int)n));
}

static void on_written(uv_write_t *w, int status)
{
    struct http_job *j = w->data;

    if (status < 0)
        finish(j, false, uv_strerror(status));
    drop_ref(j);
}

static void on_connected(uv_connect_t *c, int status)
{
    struct http_job *j = c->data;
    uv_buf_t buf = uv_buf_init(j->request, (unsigned)j->request_len);
    int rc = status;

    if (!j->finished && rc == 0)
        rc = uv_read_start((uv_stream_t *)&j->tcp, on_alloc, on_read);
    if (!j->finished && rc == 0) {
        j->write.data = j;
        rc = uv_write(&j->write, (uv_stream_t *)&j->tcp, &buf, 1, on_written);
        if (rc == 0)
            j->pending++;
    }
    if (rc < 0 && rc != UV_ECANCELED)
        finish(j, false, uv_strerror(rc));
    drop_ref(j);
}

static void on_resolved(uv_getaddrinfo_t *r, int status, struct addrinfo *res)
{
    struct http_job *j = r->data;
    int rc = status;

    j->resolving = false;
    if (!j->finished && rc == 0 && (rc = uv_tcp_init(uimsg_loop(), &j->tcp)) == 0) {
        j->tcp.data = j;
        j->tcp_open = true;
        j->pending++;
        j->connect.data = j;
        rc = uv_tcp_connect(&j->connect, &j->tcp, res->ai_addr, on_connected);
        if (rc == 0)
            j->pending++;
    }
    if (!j->finished && rc < 0)
        finish(j, false, rc == status ? "cannot resolve the host" : uv_strerror(rc));
    uv_freeaddrinfo(res);
    drop_ref(j);
}

static void on_timeout(uv_timer_t *t)
{
    char why[64];

    snprintf(why, sizeof why, "no answer within %u ms", UIMSG_HTTP_TIMEOUT_MS);
    finish(t->data, false, why);
}

void uimsg_http_start(const char *dest, const uimsg_payload_t *p)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct http_job *j;
    int rc;

    if (!uimsg_take_slot(dest))
        return;
    j = calloc(1, sizeof *j);
    if (j == NULL || uimsg_parse_url(dest, &j->parts) != 0 || (j->request = build_request(j, p)) == NULL) {
        log_warn("ui: webhook %s: %s", dest, j == NULL || j->request == NULL ? "out of memory" : "not a URL");
        free(j);
        uimsg_release_slot();
        return;
    }
    snprintf(j->url, sizeof j->url, "%s", dest);
    j->timer.data = j->resolve.data = j;
    uv_timer_init(uimsg_loop(), &j->timer);
    uv_timer_start(&j->timer, on_timeout, UIMSG_HTTP_TIMEOUT_MS, 0);
    j->pending = 1; /* the timer's close */
    uimsg_link_push(&jobs, &j->link);
    rc = uv_getaddrinfo(uimsg_loop(), &j->resolve, on_resolved, j->parts.host, j->parts.port, &hints);
    if (rc != 0) {
        finish(j, false, uv_strerror(rc));
        return;
    }
    j->resolving = true;
    j->pending++;
}

void uimsg_http_stop_all(void)
{
    while (jobs != NULL)
        finish((struct http_job *)jobs, false, "rsmd is stopping");
}
