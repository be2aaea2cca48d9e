/*
 * uimsg.c - operator messages: the log line, which destinations hear of a
 * message, and what kind each destination is (uimsg.h).
 *
 * The destination lists are read from the store for every message, so a
 * SetNtmsUIOptions takes effect with the next message. A destination that
 * appears in more than one list (the computer's and the library's) gets
 * the message once.
 */
#include "uimsg_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "opreq_int.h"
#include "store/store_opreq.h"
#include "util/log.h"
#include "wire.h"

static struct {
    uv_loop_t *loop;
    unsigned inflight;
} ui;

uv_loop_t *uimsg_loop(void)
{
    return ui.loop;
}

void uimsg_set_loop(struct uv_loop_s *loop)
{
    ui.loop = loop;
}

bool uimsg_take_slot(const char *dest)
{
    if (ui.inflight >= UIMSG_MAX_INFLIGHT) {
        log_warn("ui: %u deliveries still running; the message to %s is dropped", ui.inflight, dest);
        return false;
    }
    ui.inflight++;
    return true;
}

void uimsg_release_slot(void)
{
    if (ui.inflight > 0)
        ui.inflight--;
}

void uimsg_stop(void)
{
    uimsg_exec_stop_all();
    uimsg_http_stop_all();
    ui.loop = NULL;
}

/* --- kinds of destination ----------------------------------------------------- */

static bool has_control(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* http://host[:port][/path]; host a name, an IPv4 address or [IPv6]. No
 * user information, no spaces: the parts go into a request line. */
int uimsg_parse_url(const char *url, uimsg_url_t *out)
{
    const char *p = url + strlen("http://"), *end, *colon;
    size_t hlen;

    if (strncmp(url, "http://", 7) != 0 || has_control(url) || strchr(url, ' ') != NULL)
        return -1;
    end = p + strcspn(p, "/?#");
    if (memchr(p, '@', (size_t)(end - p)) != NULL)
        return -1;
    if (*p == '[') { /* [v6]:port */
        const char *close = memchr(p, ']', (size_t)(end - p));
        if (close == NULL)
            return -1;
        hlen = (size_t)(close - p - 1);
        memcpy(out->host, p + 1, hlen < sizeof out->host ? hlen : 0);
        colon = close[1] == ':' ? close + 1 : NULL;
        if (close + 1 != end && colon == NULL)
            return -1;
    } else {
        colon = memchr(p, ':', (size_t)(end - p));
        hlen = (size_t)((colon ? colon : end) - p);
        if (hlen < sizeof out->host)
            memcpy(out->host, p, hlen);
    }
    if (hlen == 0 || hlen >= sizeof out->host)
        return -1;
    out->host[hlen] = '\0';
    snprintf(out->port, sizeof out->port, "80");
    if (colon != NULL) {
        size_t plen = (size_t)(end - colon - 1);
        unsigned long port = 0;
        for (size_t i = 0; i < plen; i++) {
            if (!isdigit((unsigned char)colon[1 + i]))
                return -1;
            port = port * 10 + (unsigned long)(colon[1 + i] - '0');
            if (port > 65535)
                return -1;
        }
        if (plen == 0 || port == 0)
            return -1;
        snprintf(out->port, sizeof out->port, "%lu", port);
    }
    if (strlen(end) + 2 > sizeof out->path)
        return -1;
    snprintf(out->path, sizeof out->path, "%s%s", *end == '/' ? "" : "/", end);
    return 0;
}

enum uimsg_kind uimsg_classify(const char *dest)
{
    uimsg_url_t url;

    if (dest == NULL || strlen(dest) >= UIMSG_DEST_MAX || has_control(dest))
        return UIMSG_BAD;
    if (strncmp(dest, "exec:", 5) == 0)
        return dest[5] == '/' ? UIMSG_EXEC : UIMSG_BAD;
    if (strncasecmp(dest, "http://", 7) == 0)
        return strncmp(dest, "http://", 7) == 0 && uimsg_parse_url(dest, &url) == 0 ? UIMSG_HTTP : UIMSG_BAD;
    if (strncasecmp(dest, "https://", 8) == 0)
        return UIMSG_BAD; /* no TLS here: docs/design/opreq.md */
    return UIMSG_NAME;
}

/* --- the payload --------------------------------------------------------------- */

static void add_field(uimsg_payload_t *p, const char *key, const char *value)
{
    if (p->n < UIMSG_NFIELDS) {
        p->key[p->n] = key;
        snprintf(p->value[p->n], sizeof p->value[p->n], "%s", value != NULL ? value : "");
        p->n++;
    }
}

static void add_guid(uimsg_payload_t *p, const char *key, const NTMS_GUID *g)
{
    char text[37] = "";

    if (!wire_guid_is_null(g))
        wire_guid_to_string(g, text);
    add_field(p, key, text);
}

static const char *ui_type_name(DWORD type)
{
    return type == NTMS_UITYPE_REQ ? "request" : type == NTMS_UITYPE_ERR ? "error" : "info";
}

static void build_payload(const uimsg_t *m, uimsg_payload_t *p)
{
    const NTMS_OPREQUESTINFORMATIONA *r = m->request ? &m->request->Info.OpRequest : NULL;

    p->n = 0;
    add_field(p, "event", m->event);
    add_field(p, "ui_type", ui_type_name(m->ui_type));
    add_field(p, "message", m->text);
    if (r == NULL)
        return;
    add_guid(p, "request_id", &m->request->ObjectGuid);
    add_field(p, "request_type", opreq_type_name(r->Request));
    add_field(p, "request_state", opreq_state_name(r->State));
    add_field(p, "request_message", r->szMessage);
    add_guid(p, "arg1", &r->Arg1);
    add_guid(p, "arg2", &r->Arg2);
    add_field(p, "application", r->szApplication);
    add_field(p, "user", r->szUser);
    add_field(p, "computer", r->szComputer);
}

/* --- routing ------------------------------------------------------------------- */

/* The computer's lists, the library's, the session's: one list. */
static void gather(store_t *st, const uimsg_t *m, const NTMS_GUID *computer, strlist_t *out)
{
    if (computer != NULL)
        store_uidest_list(st, computer, 0, m->ui_type, out);
    if (m->library != NULL && !wire_guid_is_null(m->library))
        store_uidest_list(st, m->library, 0, m->ui_type, out);
    if (m->session != 0)
        store_uidest_list(st, NULL, m->session, m->ui_type, out);
}

static bool seen_before(const strlist_t *l, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(l->v[k], l->v[i]) == 0)
            return true;
    return false;
}

/* NTMS_OPREQFLAGS_NOALERTS: operator requests stay in the log. */
static bool alerts_off(store_t *st, const NTMS_GUID *computer, const uimsg_t *m)
{
    NTMS_OBJECTINFORMATIONA comp;

    return m->request != NULL && computer != NULL && store_get(st, computer, &comp) == 0 &&
           (comp.Info.Computer.dwOpRequestFlags & NTMS_OPREQFLAGS_NOALERTS);
}

void uimsg_send(store_t *st, const uimsg_t *m)
{
    NTMS_GUID comp;
    const NTMS_GUID *computer;
    strlist_t dests = {0};
    uimsg_payload_t payload;

    if (m == NULL || m->text == NULL)
        return;
    log_msg(m->ui_type == NTMS_UITYPE_INFO ? LOG_LVL_INFO : LOG_LVL_WARN, "%s", m->text);
    if (st == NULL || ui.loop == NULL)
        return;
    computer = store_computer(st, &comp) == 0 ? &comp : NULL;
    if (alerts_off(st, computer, m)) {
        log_debug("ui: operator request alerts are off (NTMS_OPREQFLAGS_NOALERTS)");
        return;
    }
    gather(st, m, computer, &dests);
    if (dests.n > 0)
        build_payload(m, &payload);
    for (size_t i = 0; i < dests.n; i++) {
        if (seen_before(&dests, i))
            continue;
        switch (uimsg_classify(dests.v[i])) {
        case UIMSG_EXEC:
            uimsg_exec_start(dests.v[i], &payload);
            break;
        case UIMSG_HTTP:
            uimsg_http_start(dests.v[i], &payload);
            break;
        default: /* a computer name, "syslog": the log line above is theirs */
            break;
        }
    }
    strlist_free(&dests);
}
