/*
 * session.c - peer identity and the session a connection carries.
 *
 * The kernel's word (SO_PEERCRED, SO_PEERGROUPS) is the identity; what the
 * client says in open_session (application, host name) is recorded beside
 * it for logs and requests but is never trusted for access decisions.
 *
 * A failed open_session ends the connection after the reply, so a client
 * never holds a connection in a half-open state; a second open_session on a
 * connection that has a session is refused and the session carries on.
 */
#include "session.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "dispatch_notify.h"
#include "dispatch.h"
#include "dispatch_library.h"
#include "dispatch_media.h"
#include "dispatch_mount.h"
#include "dispatch_opreq.h"
#include "util/log.h"

#ifndef SO_PEERGROUPS
#define SO_PEERGROUPS 59 /* Linux 4.13; older headers lack the name */
#endif

/* ------------------------------------------------------------------------ */
/* Identity */

static void lookup_user(uid_t uid, char *out, size_t out_len)
{
    struct passwd pw, *found = NULL;
    char buf[4096];

    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found != NULL)
        snprintf(out, out_len, "%s", found->pw_name);
    else
        snprintf(out, out_len, "%u", (unsigned)uid); /* no passwd entry */
}

/* Supplementary groups; a kernel without SO_PEERGROUPS leaves the list
 * empty (the primary gid from SO_PEERCRED still counts). More groups than
 * PRINCIPAL_MAX_GROUPS are cut, with a log line. */
static void peer_groups(int fd, principal_t *who, uint64_t conn_id)
{
    gid_t groups[PRINCIPAL_MAX_GROUPS];
    socklen_t len = sizeof groups;

    who->ngroups = 0;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0) {
        who->ngroups = (int)(len / sizeof groups[0]);
        memcpy(who->groups, groups, (size_t)who->ngroups * sizeof groups[0]);
    } else if (errno == ERANGE) {
        log_warn("conn %" PRIu64 ": uid %u has more than %d groups; only the first %d count",
                 conn_id, (unsigned)who->uid, PRINCIPAL_MAX_GROUPS, PRINCIPAL_MAX_GROUPS);
        gid_t *all = malloc(len);
        if (all != NULL && getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, all, &len) == 0) {
            who->ngroups = PRINCIPAL_MAX_GROUPS;
            memcpy(who->groups, all, sizeof who->groups);
        }
        free(all);
    } else if (errno != ENOPROTOOPT) {
        log_debug("conn %" PRIu64 ": SO_PEERGROUPS: %s", conn_id, strerror(errno));
    }
}

int session_identify(struct conn *c)
{
    struct ucred cred;
    socklen_t len = sizeof cred;
    uv_os_fd_t fd;
    int rc = uv_fileno((uv_handle_t *)&c->pipe, &fd);

    if (rc < 0) {
        log_warn("conn %" PRIu64 ": no socket descriptor: %s", c->id, uv_strerror(rc));
        return -1;
    }
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
        log_warn("conn %" PRIu64 ": SO_PEERCRED failed: %s", c->id, strerror(errno));
        return -1;
    }
    memset(&c->who, 0, sizeof c->who);
    c->who.uid = cred.uid;
    c->who.gid = cred.gid;
    c->who.pid = cred.pid;
    peer_groups(fd, &c->who, c->id);
    lookup_user(cred.uid, c->who.user, sizeof c->who.user);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* open_session / close_session */

/* Checks of an open_session that fail with a plain code and detail, in the
 * order the reference implies. Returns 0 or the code, with `detail` set. */
static DWORD check_open(const struct conn *c, const Rsm__OpenSession *m, char *detail,
                        size_t detail_len)
{
    if (!c->srv->ready) {
        snprintf(detail, detail_len, "rsmd is still starting; retry shortly");
        return ERROR_NOT_READY;
    }
    if (m->has_options && m->options != 0) {
        snprintf(detail, detail_len, "options must be 0, got %" PRIu32, m->options);
        return ERROR_INVALID_PARAMETER;
    }
    if (m->application && strlen(m->application) >= NTMS_APPLICATIONNAME_LENGTH) {
        snprintf(detail, detail_len, "application name longer than %d bytes",
                 NTMS_APPLICATIONNAME_LENGTH - 1);
        return ERROR_INVALID_PARAMETER;
    }
    if (m->client_computer && strlen(m->client_computer) >= NTMS_COMPUTERNAME_LENGTH) {
        snprintf(detail, detail_len, "client computer name longer than %d bytes",
                 NTMS_COMPUTERNAME_LENGTH - 1);
        return ERROR_INVALID_COMPUTERNAME;
    }
    return 0;
}

void session_open(struct call *call)
{
    struct conn *c = call->conn;
    const Rsm__OpenSession *m = call->req->open_session;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__OpenSessionResult res = RSM__OPEN_SESSION_RESULT__INIT;
    char detail[128];
    DWORD err;

    if (c->session_open) {
        call_fail(call, ERROR_INVALID_PARAMETER, "a session is already open on this connection");
        return;
    }
    res.protocol_version = RSM_PROTOCOL_VERSION;
    resp.result_case = RSM__RESPONSE__RESULT_OPEN_SESSION;
    resp.open_session = &res;
    if (m->protocol_version != RSM_PROTOCOL_VERSION) {
        /* The result still carries our version, so the client can say
         * which one the service speaks. */
        snprintf(detail, sizeof detail, "protocol version %" PRIu32 ", service speaks %u",
                 m->protocol_version, RSM_PROTOCOL_VERSION);
        log_info("conn %" PRIu64 " (uid %u pid %d): %s", c->id, (unsigned)c->who.uid,
                 (int)c->who.pid, detail);
        resp.error = RPC_S_NO_INTERFACES;
        resp.detail = detail;
        call->close_after = 1;
        call_reply(call, &resp);
        return;
    }
    err = check_open(c, m, detail, sizeof detail);
    if (err != 0) {
        call->close_after = 1;
        call_fail(call, err, "%s", detail);
        return;
    }

    snprintf(c->who.application, sizeof c->who.application, "%s",
             m->application ? m->application : "");
    snprintf(c->who.computer, sizeof c->who.computer, "%s",
             m->client_computer ? m->client_computer : "");
    c->session_open = 1;
    c->session_id = ++c->srv->next_session_id;
    log_info("session %" PRIu64 " opened: uid %u (%s) pid %d application '%s' computer '%s'",
             c->session_id, (unsigned)c->who.uid, c->who.user, (int)c->who.pid,
             c->who.application, c->who.computer);

    res.server_name = (char *)c->srv->cfg->computer_name;
    res.server_version = (char *)RSM_VERSION;
    res.has_session_id = 1;
    res.session_id = c->session_id;
    call_reply(call, &resp);
}

void session_close(struct call *call)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;

    call->close_after = 1;
    call_reply(call, &resp);
}

void session_ended(struct conn *c, const char *why)
{
    if (!c->session_open)
        return;
    c->session_open = 0;
    dispatch_library_session_ended(c->session_id); /* its change detections end with it */
    dispatch_media_session_ended(c);               /* and its waiting allocations */
    dispatch_mount_session_ended(c);               /* its mounts: abandoned, released */
    dispatch_opreq_session_ended(c);               /* its operator request waits, its UI lists */
    dispatch_notify_session_ended(c);              /* and its notification handles */
    log_info("session %" PRIu64 " closed (%s): uid %u pid %d application '%s'", c->session_id,
             why, (unsigned)c->who.uid, (int)c->who.pid, c->who.application);
}
