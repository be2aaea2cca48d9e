/*
 * api.c - the helpers of cli.h: the session, failure messages, enumeration
 * and object reads, GUID and time text.
 */
#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "errors.h"
#include "json.h"

struct cli_mode cli_mode;

HANDLE cli_open_session(void)
{
    HANDLE s = OpenNtmsSessionA(cli_mode.socket, "rsm", 0);
    if (s == INVALID_HANDLE_VALUE) {
        DWORD code = GetLastError();
        int status = cli_fail(code, "cannot open a session with rsmd");
        exit(code == ERROR_NOT_CONNECTED ? EXIT_NOSERVICE : status);
    }
    return s;
}

static void print_prefix(void)
{
    if (cli_mode.verb != NULL)
        fprintf(stderr, "rsm %s: ", cli_mode.verb);
    else
        fputs("rsm: ", stderr);
}

/* The error document --json promises on stdout, whatever went wrong. */
static void json_error(const char *name, DWORD code, const char *message, const char *context)
{
    json_t j;
    json_init(&j, stdout, false);
    json_begin_object(&j);
    json_key(&j, "error");
    json_string(&j, name);
    json_key(&j, "code");
    json_uint(&j, code);
    json_key(&j, "message");
    json_string(&j, message);
    json_key(&j, "context");
    json_string(&j, context);
    json_end_object(&j);
    json_finish(&j);
}

/* One line on stderr, and under --json the error document on stdout.
 * `usage`: a command-line mistake (ERROR_INVALID_PARAMETER in JSON). */
static int report(DWORD code, bool usage, const char *fmt, va_list ap)
{
    char what[512];
    vsnprintf(what, sizeof what, fmt, ap);
    print_prefix();
    if (usage)
        fprintf(stderr, "%s (see rsm %s%s--help)\n", what, cli_mode.verb ? cli_mode.verb : "",
                cli_mode.verb ? " " : "");
    else
        fprintf(stderr, "%s: %s: %s\n", what, error_name(code), error_text(code));
    if (cli_mode.json)
        json_error(error_name(code), code, usage ? "the command line is wrong" : error_text(code), what);
    return usage ? EXIT_USAGE : EXIT_API;
}

int cli_fail(DWORD code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = report(code, false, fmt, ap);
    va_end(ap);
    return rc;
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = report(ERROR_INVALID_PARAMETER, true, fmt, ap);
    va_end(ap);
    return rc;
}

DWORD cli_enumerate(HANDLE s, const NTMS_GUID *container, DWORD type, NTMS_GUID **list, DWORD *count)
{
    DWORD cap = 64;
    NTMS_GUID box;
    /* EnumerateNtmsObject takes a non-const container; keep ours intact */
    NTMS_GUID *where = NULL;
    if (container != NULL) {
        box = *container;
        where = &box;
    }
    /* Objects can appear between two calls, so the loop retries while the
     * service reports a larger count, a bounded number of times. */
    for (int attempt = 0; attempt < 8; attempt++) {
        NTMS_GUID *buf = malloc(cap * sizeof *buf);
        if (buf == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        DWORD n = cap;
        DWORD rc = EnumerateNtmsObject(s, where, buf, &n, type, 0);
        if (rc == ERROR_SUCCESS) {
            *list = buf;
            *count = n;
            return rc;
        }
        free(buf);
        if (rc != ERROR_INSUFFICIENT_BUFFER)
            return rc;
        cap = n > cap ? n + 16 : cap * 2;
    }
    return ERROR_INSUFFICIENT_BUFFER;
}

struct guid_list {
    NTMS_GUID *v;
    DWORD n, cap;
};

static DWORD push_guid(struct guid_list *l, const NTMS_GUID *g)
{
    if (l->n == l->cap) {
        DWORD cap = l->cap ? l->cap * 2 : 64;
        NTMS_GUID *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *g;
    return ERROR_SUCCESS;
}

/* The pools below `parent` (NULL: the top level), depth first. The depth
 * bound keeps a damaged hierarchy from recursing forever. */
static DWORD collect_pools(HANDLE s, const NTMS_GUID *parent, struct guid_list *out, int depth)
{
    NTMS_GUID *kids = NULL;
    DWORD n = 0;
    DWORD rc = depth > 32 ? ERROR_SUCCESS : cli_enumerate(s, parent, NTMS_MEDIA_POOL, &kids, &n);
    for (DWORD i = 0; i < n && rc == ERROR_SUCCESS; i++) {
        rc = push_guid(out, &kids[i]);
        if (rc == ERROR_SUCCESS)
            rc = collect_pools(s, &kids[i], out, depth + 1);
    }
    free(kids);
    return rc;
}

DWORD cli_enumerate_pools(HANDLE s, NTMS_GUID **list, DWORD *count)
{
    struct guid_list l = {0};
    DWORD rc = collect_pools(s, NULL, &l, 0);
    if (rc != ERROR_SUCCESS) {
        free(l.v);
        return rc;
    }
    *list = l.v;
    *count = l.n;
    return rc;
}

DWORD cli_get_info(HANDLE s, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *info)
{
    NTMS_GUID copy = *id;
    memset(info, 0, sizeof *info);
    info->dwSize = sizeof *info;
    info->dwType = type;
    return GetNtmsObjectInformationA(s, &copy, info);
}

const char *cli_name_of(HANDLE s, const NTMS_GUID *id, DWORD type, char *buf, size_t len)
{
    NTMS_OBJECTINFORMATIONA o;
    buf[0] = '\0';
    if (id == NULL || cli_guid_null(id) || cli_get_info(s, id, type, &o) != ERROR_SUCCESS)
        return buf;
    snprintf(buf, len, "%s", o.szName);
    return buf;
}

int cli_set_names(HANDLE s, const NTMS_GUID *id, DWORD type, const char *name, const char *desc)
{
    NTMS_OBJECTINFORMATIONA o;
    char g[37];
    if (name == NULL && desc == NULL)
        return 0;
    DWORD rc = cli_get_info(s, id, type, &o);
    if (rc == ERROR_SUCCESS) {
        if (name != NULL)
            snprintf(o.szName, sizeof o.szName, "%s", name);
        if (desc != NULL)
            snprintf(o.szDescription, sizeof o.szDescription, "%s", desc);
        NTMS_GUID copy = *id;
        rc = SetNtmsObjectInformationA(s, &copy, &o);
    }
    return rc == ERROR_SUCCESS ? 0 : cli_fail(rc, "cannot change the name or description of %s", cli_guid(id, g));
}

/* ------------------------------------------------------------------------ */
/* GUID and time text */

static void guid_bytes(const NTMS_GUID *g, unsigned char b[16])
{
    b[0] = (unsigned char)(g->Data1 >> 24);
    b[1] = (unsigned char)(g->Data1 >> 16);
    b[2] = (unsigned char)(g->Data1 >> 8);
    b[3] = (unsigned char)g->Data1;
    b[4] = (unsigned char)(g->Data2 >> 8);
    b[5] = (unsigned char)g->Data2;
    b[6] = (unsigned char)(g->Data3 >> 8);
    b[7] = (unsigned char)g->Data3;
    memcpy(b + 8, g->Data4, 8);
}

const char *cli_guid(const NTMS_GUID *g, char buf[37])
{
    unsigned char b[16];
    char *p = buf;
    guid_bytes(g, b);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        p += sprintf(p, "%02x", b[i]);
    }
    return buf;
}

const char *cli_guid_or_empty(const NTMS_GUID *g, char buf[37])
{
    if (g == NULL || cli_guid_null(g)) {
        buf[0] = '\0';
        return buf;
    }
    return cli_guid(g, buf);
}

const char *cli_guid_bare(const NTMS_GUID *g, char buf[33])
{
    unsigned char b[16];
    guid_bytes(g, b);
    for (int i = 0; i < 16; i++)
        sprintf(buf + 2 * i, "%02X", b[i]);
    return buf;
}

static int hex_value(char c)
{
    static const char digits[] = "0123456789abcdef";
    const char *p = c ? strchr(digits, tolower((unsigned char)c)) : NULL;
    return p ? (int)(p - digits) : -1;
}

int cli_parse_guid(const char *text, NTMS_GUID *g)
{
    unsigned char b[16];
    size_t len = strlen(text);
    bool braced = len > 0 && text[0] == '{';
    if (braced) {
        if (len < 2 || text[len - 1] != '}')
            return -1;
        text++;
        len -= 2;
    }
    /* 32 digits, or 36 characters with dashes after digits 8, 12, 16, 20 */
    bool dashed = len == 36;
    if (!dashed && len != 32)
        return -1;
    size_t i = 0;
    for (int k = 0; k < 16; k++) {
        if (dashed && (k == 4 || k == 6 || k == 8 || k == 10)) {
            if (text[i] != '-')
                return -1;
            i++;
        }
        int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        b[k] = (unsigned char)(hi << 4 | lo);
        i += 2;
    }
    g->Data1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    g->Data2 = (uint16_t)(b[4] << 8 | b[5]);
    g->Data3 = (uint16_t)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
    return 0;
}

bool cli_guid_null(const NTMS_GUID *g)
{
    static const NTMS_GUID zero;
    return memcmp(g, &zero, sizeof zero) == 0;
}

bool cli_guid_eq(const NTMS_GUID *a, const NTMS_GUID *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

const char *cli_time(const SYSTEMTIME *t, char buf[32])
{
    if (t->wYear == 0) {
        buf[0] = '\0';
        return buf;
    }
    /* the modulos only bound the widths for the compiler; valid times fit */
    snprintf(buf, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", t->wYear % 10000u, t->wMonth % 100u, t->wDay % 100u,
             t->wHour % 100u, t->wMinute % 100u, t->wSecond % 100u);
    return buf;
}

const char *cli_num(unsigned long long v, char buf[24])
{
    snprintf(buf, 24, "%llu", v);
    return buf;
}

void cli_append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
    va_list ap;
    if (len == 0 || *used >= len - 1)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *used, len - *used, fmt, ap);
    va_end(ap);
    if (n > 0)
        *used = *used + (size_t)n < len ? *used + (size_t)n : len - 1;
}

unsigned long long cli_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
}
