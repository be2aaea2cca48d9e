/*
 * session.c - session handles, OpenNtmsSession/CloseNtmsSession, last error.
 *
 * Handles are never pointers. A process-wide table holds the open sessions;
 * a HANDLE encodes a slot index and the slot's generation, which changes
 * every time the slot is freed. Looking a handle up therefore rejects NULL,
 * INVALID_HANDLE_VALUE, random bits and handles closed earlier without ever
 * touching freed memory.
 *
 * A session is reference-counted: the table holds one reference and every
 * call in progress holds another, so CloseNtmsSession can run while other
 * threads are inside calls on the same session. Close takes the session out
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
/* The handle table */

typedef struct rsm_session {
    unsigned refs;       /* guarded by table_lock */
    rsm_conn_t conn;
    uint64_t service_id; /* the service's number for this session, for logs */
} rsm_session_t;

typedef struct slot {
    rsm_session_t *session; /* NULL when free */
    uintptr_t generation;   /* never 0 */
} slot_t;

/* Handle layout, low bits first: a 4-bit tag, the slot index, then the
 * generation. The tag is neither 0 nor 0xF, so NULL and INVALID_HANDLE_VALUE
 * can never decode to a slot. */
#define HANDLE_TAG 0x5u
#define TAG_BITS 4
#define INDEX_BITS 20
#define MAX_SLOTS ((uintptr_t)1 << INDEX_BITS)
#define GEN_SHIFT (TAG_BITS + INDEX_BITS)
#define GEN_MASK (UINTPTR_MAX >> GEN_SHIFT)

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static slot_t *slots;
static size_t nslots;

static HANDLE encode_handle(size_t index, uintptr_t generation)
{
    return (HANDLE)(generation << GEN_SHIFT | (uintptr_t)index << TAG_BITS | HANDLE_TAG);
}

/* The slot a handle names, or NULL. Called with table_lock held. */
static slot_t *lookup_locked(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    size_t index = (size_t)((v >> TAG_BITS) & (MAX_SLOTS - 1));

    if ((v & ((1u << TAG_BITS) - 1)) != HANDLE_TAG || index >= nslots)
        return NULL;
    if (slots[index].session == NULL || slots[index].generation != v >> GEN_SHIFT)
        return NULL;
    return &slots[index];
}

/* Put `s` in a free slot (growing the table when none is free). */
static DWORD insert_session(rsm_session_t *s, HANDLE *out)
{
    size_t i;

    pthread_mutex_lock(&table_lock);
    for (i = 0; i < nslots && slots[i].session != NULL; i++)
        ;
    if (i == nslots) {
        size_t grown = nslots ? nslots * 2 : 16;
        slot_t *bigger;

        if (grown > MAX_SLOTS)
            grown = MAX_SLOTS;
        bigger = grown > nslots ? realloc(slots, grown * sizeof(*slots)) : NULL;
        if (bigger == NULL) {
            pthread_mutex_unlock(&table_lock);
            rsm_log("cannot open more than %zu sessions", nslots);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        for (size_t k = nslots; k < grown; k++) {
            bigger[k].session = NULL;
            bigger[k].generation = 1;
        }
        slots = bigger;
        nslots = grown;
    }
    slots[i].session = s;
    *out = encode_handle(i, slots[i].generation);
    pthread_mutex_unlock(&table_lock);
    return 0;
}

/* Empty a slot; its next occupant gets a new generation, so the old handle
 * stays invalid. Called with table_lock held. */
static void free_slot_locked(slot_t *slot)
{
    slot->session = NULL;
    slot->generation = (slot->generation + 1) & GEN_MASK;
    if (slot->generation == 0)
        slot->generation = 1;
}

static void destroy_session(rsm_session_t *s)
{
    conn_destroy(&s->conn);
    free(s);
}

static rsm_session_t *acquire_session(HANDLE h)
{
    rsm_session_t *s = NULL;
    slot_t *slot;

    pthread_mutex_lock(&table_lock);
    slot = lookup_locked(h);
    if (slot != NULL) {
        s = slot->session;
        s->refs++;
    }
    pthread_mutex_unlock(&table_lock);
    return s;
}

static void release_session(rsm_session_t *s)
{
    unsigned refs;

    pthread_mutex_lock(&table_lock);
    refs = --s->refs;
    pthread_mutex_unlock(&table_lock);
    if (refs == 0)
        destroy_session(s);
}

DWORD session_check(HANDLE h)
{
    DWORD err;

    pthread_mutex_lock(&table_lock);
    err = lookup_locked(h) != NULL ? 0 : ERROR_INVALID_HANDLE;
    pthread_mutex_unlock(&table_lock);
    return err;
}

DWORD session_call(HANDLE h, Rsm__Request *req, Rsm__Response **resp)
{
    rsm_session_t *s = acquire_session(h);
    DWORD err;

    *resp = NULL;
    if (s == NULL)
        return ERROR_INVALID_HANDLE;
    err = conn_call(&s->conn, req, resp);
    release_session(s);
    if (err != 0)
        return err;
    if ((*resp)->error != 0 && (*resp)->detail != NULL)
        rsm_log("service: error %u: %s", (*resp)->error, (*resp)->detail);
    return (*resp)->error;
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
    s->refs = 1; /* the table's reference */
    err = conn_open(&s->conn, path);
    if (err == 0)
        err = greet_service(s, application);
    if (err == 0)
        err = insert_session(s, &h);
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
    rsm_session_t *s = NULL;
    slot_t *slot;
    DWORD err;

    /* Take the session out of the table; its reference passes to us. */
    pthread_mutex_lock(&table_lock);
    slot = lookup_locked(hSession);
    if (slot != NULL) {
        s = slot->session;
        free_slot_locked(slot);
    }
    pthread_mutex_unlock(&table_lock);
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
    release_session(s);
    return err;
}
