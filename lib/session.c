/*
 * session.c - session handles, OpenNtmsSession/CloseNtmsSession, last error.
 *
 * Sessions live in a handle table (handles.c): a HANDLE is never a
 * pointer, and NULL, INVALID_HANDLE_VALUE, random bits and handles closed
 * earlier are all refused without touching freed memory.
 *
 * A session is reference-counted: the table holds one reference and every
 * call in progress holds another (so does each notification handle opened
 * on it), so CloseNtmsSession can run while other threads are inside calls
 * on the same session. Close takes the session out
 * of the table first (new calls get ERROR_INVALID_HANDLE), tells the service,
 * then shuts the connection down (calls still waiting get
 * ERROR_NOT_CONNECTED); the memory goes when the last call returns.
 *
 * Finding the service: lpServer NULL, "", "localhost" or this host's name
 * means the local rsmd, at $RSM_SOCKET or else RSM_DEFAULT_SOCKET. As an
 * extension of ours, an lpServer starting with '/' is the path of the
 * service's socket. Remote servers are a later feature (docs/librsm.md).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rsm_internal.h"

/* How long OpenNtmsSession waits for the service's first answer. */
#define OPEN_TIMEOUT_SECONDS 30

/* ------------------------------------------------------------------------ */
/* Last error and diagnostics */

static __thread DWORD last_error;

DWORD GetLastError(void)
{
    return last_error;
}

void SetLastError(DWORD dwErrCode)
{
    last_error = dwErrCode;
}

static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static int log_enabled;

static void log_init(void)
{
    const char *v = getenv("RSM_DEBUG");

    log_enabled = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

void rsm_log(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int n;

    pthread_once(&log_once, log_init);
    if (!log_enabled)
        return;
    n = snprintf(line, sizeof(line), "librsm[%ld]: ", (long)getpid());
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    /* One write per line, so lines from several threads do not mix. */
    strcat(line, "\n");
    fputs(line, stderr);
}

/* ------------------------------------------------------------------------ */
/* The session table */

struct rsm_session {
    handle_obj_t hdr;    /* first: the table's reference count */
    rsm_conn_t conn;
    uint64_t service_id; /* the service's number for this session, for logs */
};

static handle_table_t sessions = HANDLE_TABLE_INIT(HANDLE_TAG_SESSION);

static void destroy_session(rsm_session_t *s)
{
    conn_destroy(&s->conn);
    free(s);
}

rsm_session_t *session_acquire(HANDLE h)
{
    return (rsm_session_t *)handle_acquire(&sessions, h);
}

void session_release(rsm_session_t *s)
{
    if (handle_release(&sessions, &s->hdr))
        destroy_session(s);
}

DWORD session_check(HANDLE h)
{
    return handle_check(&sessions, h);
}

DWORD session_call_held(rsm_session_t *s, Rsm__Request *req, Rsm__Response **resp)
{
    DWORD err = conn_call(&s->conn, req, resp);

    if (err != 0)
        return err;
    if ((*resp)->error != 0 && (*resp)->detail != NULL)
        rsm_log("service: error %u: %s", (*resp)->error, (*resp)->detail);
    return (*resp)->error;
}

DWORD session_call(HANDLE h, Rsm__Request *req, Rsm__Response **resp)
{
    rsm_session_t *s = session_acquire(h);
    DWORD err;

    *resp = NULL;
    if (s == NULL)
        return ERROR_INVALID_HANDLE;
    err = session_call_held(s, req, resp);
    session_release(s);
    return err;
}

/* ------------------------------------------------------------------------ */
/* Which service lpServer names */

static void local_host_name(char *buf, size_t cap)
{
    if (gethostname(buf, cap) != 0)
        snprintf(buf, cap, "localhost");
    buf[cap - 1] = '\0';
}

/* ASCII only: isalnum() would follow the application's locale. */
static int is_ascii_alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* A host name as RFC 1123 allows: dot-separated labels of letters, digits
 * and inner hyphens, each 1-63 characters, 253 in all. */
static int is_valid_host_name(const char *s)
{
    size_t len = strlen(s), label = 0;

    if (len == 0 || len > 253)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];

        if (ch == '.') {
            if (label == 0 || s[i - 1] == '-')
                return 0;
            label = 0;
        } else if (is_ascii_alnum(ch) || (ch == '-' && label > 0)) {
            if (++label > 63)
                return 0;
        } else {
            return 0;
        }
    }
    return s[len - 1] != '-';
}

/* The same machine: equal names, or one is the other's first label. */
static int same_host(const char *a, const char *b)
{
    size_t la = strcspn(a, "."), lb = strcspn(b, ".");

    if (strcasecmp(a, b) == 0)
        return 1;
    if ((a[la] == '\0' || b[lb] == '\0') && la == lb)
        return strncasecmp(a, b, la) == 0;
    return 0;
}

/* The socket path of the service lpServer names. */
static DWORD resolve_server(const char *server, const char **path)
{
    char host[256];
    const char *env;

    if (server != NULL && server[0] == '/') {
        *path = server; /* our extension: a socket path */
        return 0;
    }
    if (server != NULL && server[0] != '\0' && strcasecmp(server, "localhost") != 0) {
        if (!is_valid_host_name(server)) {
            rsm_log("invalid server name \"%s\"", server);
            return ERROR_INVALID_COMPUTERNAME;
        }
        local_host_name(host, sizeof(host));
        if (!same_host(server, host)) {
            rsm_log("server \"%s\" is remote; remote sessions are not supported yet", server);
            return ERROR_NOT_CONNECTED;
        }
    }
    env = getenv("RSM_SOCKET");
    *path = env != NULL && env[0] != '\0' ? env : RSM_DEFAULT_SOCKET;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Opening */

/* The OpenSession exchange: the service checks the protocol version and
 * learns who we are. */
static DWORD greet_service(rsm_session_t *s, const char *application)
{
    Rsm__OpenSession open = RSM__OPEN_SESSION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    char host[256];
    DWORD err;

    local_host_name(host, sizeof(host));
    open.protocol_version = RSM_PROTOCOL_VERSION;
    open.application = (char *)(application != NULL ? application : "");
    open.client_computer = host;
    open.has_options = 1;
    open.options = 0;
    open.has_client_pid = 1;
    open.client_pid = (uint32_t)getpid();
    req.call_case = RSM__REQUEST__CALL_OPEN_SESSION;
    req.open_session = &open;

    conn_set_read_timeout(&s->conn, OPEN_TIMEOUT_SECONDS);
    err = conn_call(&s->conn, &req, &resp);
    conn_set_read_timeout(&s->conn, 0);
    if (err != 0)
        return err;

    err = resp->error;
    if (err != 0) {
        rsm_log("the service refused the session: error %u%s%s", err,
                resp->detail ? ": " : "", resp->detail ? resp->detail : "");
    } else if (resp->result_case != RSM__RESPONSE__RESULT_OPEN_SESSION) {
        rsm_log("the service's OpenSession answer has no result");
        err = ERROR_NOT_CONNECTED;
    } else if (resp->open_session->protocol_version != RSM_PROTOCOL_VERSION) {
        rsm_log("the service speaks protocol %u, this library %u",
                resp->open_session->protocol_version, RSM_PROTOCOL_VERSION);
        err = RPC_S_NO_INTERFACES;
    } else {
        s->service_id = resp->open_session->session_id;
    }
    conn_free_response(resp);
    return err;
}

/* Both OpenNtmsSession forms end here with UTF-8 strings already checked. */
static HANDLE open_session(const char *server, const char *application)
{
    rsm_session_t *s;
    const char *path;
    HANDLE h = INVALID_HANDLE_VALUE;
    DWORD err;

    err = resolve_server(server, &path);
    if (err != 0) {
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    err = conn_open(&s->conn, path);
    if (err == 0)
        err = greet_service(s, application);
    if (err == 0)
        err = handle_insert(&sessions, &s->hdr, &h);
    if (err != 0) {
        conn_shutdown(&s->conn);
        destroy_session(s);
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    rsm_log("session %llu open on %s", (unsigned long long)s->service_id, path);
    return h;
}

HANDLE OpenNtmsSessionA(LPCSTR lpServer, LPCSTR lpApplication, DWORD dwOptions)
{
    if (dwOptions != 0 ||
        (lpApplication != NULL && strlen(lpApplication) >= NTMS_APPLICATIONNAME_LENGTH)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    return open_session(lpServer, lpApplication);
}

/* The application name limit counts characters here, as the W structures
 * hold NTMS_APPLICATIONNAME_LENGTH wide characters. */
HANDLE OpenNtmsSessionW(LPCWSTR lpServer, LPCWSTR lpApplication, DWORD dwOptions)
{
    char *server = NULL, *application = NULL;
    HANDLE h = INVALID_HANDLE_VALUE;
    DWORD err = 0;

    if (dwOptions != 0 ||
        (lpApplication != NULL && wcslen(lpApplication) >= NTMS_APPLICATIONNAME_LENGTH))
        err = ERROR_INVALID_PARAMETER;
    if (err == 0 && text_wide_to_utf8_dup(lpServer, &server) != 0)
        err = ERROR_INVALID_COMPUTERNAME;
    if (err == 0)
        err = text_wide_to_utf8_dup(lpApplication, &application);
    if (err == 0)
        h = open_session(server, application);
    else
        SetLastError(err);
    free(server);
    free(application);
    return h;
}

/* ------------------------------------------------------------------------ */
/* Closing */

DWORD CloseNtmsSession(HANDLE hSession)
{
    Rsm__CloseSession close_msg = RSM__CLOSE_SESSION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    rsm_session_t *s;
    DWORD err;

    /* Take the session out of the table; its reference passes to us. */
    s = (rsm_session_t *)handle_remove(&sessions, hSession);
    if (s == NULL)
        return ERROR_INVALID_HANDLE;

    req.call_case = RSM__REQUEST__CALL_CLOSE_SESSION;
    req.close_session = &close_msg;
    /* A connection that was gone before the close is the documented
     * ERROR_CONNECTION_UNAVAIL. One that breaks while the close is under
     * way (another thread of this session hit the service's end of the
     * stream first, after the service answered the close and hung up) has
     * closed the session all the same. */
    int gone_before = conn_is_broken(&s->conn);
    err = conn_call(&s->conn, &req, &resp);
    if (err == ERROR_NOT_CONNECTED && gone_before) {
        rsm_log("session %llu: connection already gone at close",
                (unsigned long long)s->service_id);
        err = ERROR_CONNECTION_UNAVAIL;
    } else if (err == ERROR_NOT_CONNECTED) {
        rsm_log("session %llu: connection ended during close", (unsigned long long)s->service_id);
        err = ERROR_SUCCESS;
    } else if (err == 0) {
        err = resp->error;
        conn_free_response(resp);
    }
    conn_shutdown(&s->conn);
    session_release(s);
    return err;
}
