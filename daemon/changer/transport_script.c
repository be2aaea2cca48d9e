/*
 * transport_script.c - the scripted transport (transport_script.h): rules
 * parsed from lines, matched against each CDB, answered or passed on.
 *
 * Rules live in one array, in the order they were added; a file-backed
 * script swaps the whole array when its file changes, so rules from two
 * versions of a file never mix. Spent counts start again with each new
 * version of the file.
 */
#include "changer/transport_script.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "changer/scsi_cmd.h"
#include "util/log.h"

#define MAX_DATA 4096
#define MAX_LINE 16384

typedef struct rule {
    uint8_t pattern[SCSI_CDB_MAX];
    bool any[SCSI_CDB_MAX];
    size_t plen;
    uint8_t status;
    uint8_t sense[SCSI_SENSE_MAX];
    size_t sense_len;
    uint8_t data[MAX_DATA];
    size_t data_len;
    unsigned times;  /* 0: every time */
    unsigned used;
} rule_t;

typedef struct script {
    transport_t base;
    transport_t *inner;  /* NULL: no device behind */
    rule_t *rules;
    size_t n, cap;
    char path[256];      /* "" unless file-backed */
    struct stat seen;    /* the file as last read */
    bool have_seen;
    unsigned answered;
} script_t;

/* ------------------------------------------------------------------------ */
/* Parsing a rule */

/* Hex bytes from *p until a word that is not one; "..", when `wild` is
 * non-NULL, is a wildcard. Returns the count, or -1 when more than `cap`. */
static int hex_bytes(const char **p, uint8_t *out, bool *wild, size_t cap)
{
    size_t n = 0;
    for (;;) {
        const char *s = *p;
        while (isspace((unsigned char)*s))
            s++;
        bool is_any = wild != NULL && s[0] == '.' && s[1] == '.';
        bool is_hex = isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1]);
        if ((!is_any && !is_hex) || (s[2] != '\0' && !isspace((unsigned char)s[2]) && s[2] != ':'))
            return (int)n;
        if (n == cap)
            return -1;
        if (is_any) {
            wild[n] = true;
            out[n] = 0;
        } else {
            unsigned v;
            sscanf(s, "%2x", &v);
            out[n] = (uint8_t)v;
            if (wild != NULL)
                wild[n] = false;
        }
        n++;
        *p = s + 2;
    }
}

static int word_is(const char **p, const char *w)
{
    const char *s = *p;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(w);
    if (strncmp(s, w, n) != 0 || (s[n] != '\0' && !isspace((unsigned char)s[n])))
        return 0;
    *p = s + n;
    return 1;
}

static int number_after(const char **p, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(*p, &end, 0);
    if (errno != 0 || end == *p || v > max)
        return -1;
    *out = (unsigned)v;
    *p = end;
    return 0;
}

static DWORD bad(char *why, size_t why_len, const char *line, const char *what)
{
    snprintf(why, why_len, "script rule \"%.80s\": %s", line, what);
    return ERROR_INVALID_PARAMETER;
}

static DWORD parse_rule(const char *line, rule_t *r, char *why, size_t why_len)
{
    const char *p = line;
    bool status_given = false;
    int n;

    memset(r, 0, sizeof *r);
    n = hex_bytes(&p, r->pattern, r->any, SCSI_CDB_MAX);
    if (n <= 0)
        return bad(why, why_len, line, "no CDB pattern (hex bytes, \"..\" for any)");
    r->plen = (size_t)n;
    while (isspace((unsigned char)*p))
        p++;
    if (*p != ':')
        return bad(why, why_len, line, "':' expected after the pattern");
    p++;
    for (;;) {
        unsigned v;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0' || *p == '#')
            break;
        if (word_is(&p, "status")) {
            if (number_after(&p, 0xff, &v) != 0)
                return bad(why, why_len, line, "status needs a number 0..255");
            r->status = (uint8_t)v;
            status_given = true;
        } else if (word_is(&p, "times")) {
            if (number_after(&p, 1000000, &v) != 0 || v == 0)
                return bad(why, why_len, line, "times needs a number 1..1000000");
            r->times = v;
        } else if (word_is(&p, "sense")) {
            n = hex_bytes(&p, r->sense, NULL, SCSI_SENSE_MAX);
            if (n <= 0)
                return bad(why, why_len, line, "sense needs 1 to 252 hex bytes");
            r->sense_len = (size_t)n;
        } else if (word_is(&p, "data")) {
            n = hex_bytes(&p, r->data, NULL, MAX_DATA);
            if (n < 0)
                return bad(why, why_len, line, "data holds at most 4096 bytes");
            r->data_len = (size_t)n;
        } else {
            return bad(why, why_len, line, "expected status, sense, data or times");
        }
    }
    if (!status_given && r->sense_len > 0)
        r->status = 2; /* CHECK CONDITION */
    return 0;
}

static bool blank(const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    return *line == '\0' || *line == '#';
}

static DWORD append(script_t *s, const rule_t *r)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        rule_t *v = realloc(s->rules, cap * sizeof *v);
        if (v == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        s->rules = v;
        s->cap = cap;
    }
    s->rules[s->n++] = *r;
    return 0;
}

DWORD transport_script_add(transport_t *t, const char *line, char *why, size_t why_len)
{
    script_t *s = (script_t *)t;
    rule_t *r;
    DWORD err;

    if (blank(line))
        return 0;
    r = malloc(sizeof *r);
    if (r == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = parse_rule(line, r, why, why_len);
    if (err == 0)
        err = append(s, r);
    free(r);
    return err;
}

/* ------------------------------------------------------------------------ */
/* The rules file */

static DWORD read_file(script_t *s, char *why, size_t why_len)
{
    FILE *f = fopen(s->path, "r");
    char *line;
    DWORD err = 0;
    unsigned lineno = 0;

    s->n = 0;
    if (f == NULL) {
        snprintf(why, why_len, "script %s: %s", s->path, strerror(errno));
        return ERROR_FILE_NOT_FOUND;
    }
    line = malloc(MAX_LINE);
    if (line == NULL) {
        fclose(f);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    while (err == 0 && fgets(line, MAX_LINE, f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        err = transport_script_add(&s->base, line, why, why_len);
    }
    if (err != 0)
        log_warn("script %s line %u: %s", s->path, lineno, why);
    free(line);
    fclose(f);
    return err;
}

/* Read the file again when it changed since last time. */
static void refresh(script_t *s)
{
    struct stat st;
    char why[256];

    if (s->path[0] == '\0' || stat(s->path, &st) != 0)
        return;
    if (s->have_seen && st.st_size == s->seen.st_size && st.st_mtim.tv_sec == s->seen.st_mtim.tv_sec &&
        st.st_mtim.tv_nsec == s->seen.st_mtim.tv_nsec)
        return;
    s->seen = st;
    s->have_seen = true;
    if (read_file(s, why, sizeof why) == 0)
        log_debug("script %s: %zu rule(s)", s->path, s->n);
}

DWORD transport_script_load(transport_t *t, const char *path, char *why, size_t why_len)
{
    script_t *s = (script_t *)t;
    struct stat st;

    if (strlen(path) >= sizeof s->path) {
        snprintf(why, why_len, "script path too long: %s", path);
        return ERROR_INVALID_PARAMETER;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    s->have_seen = stat(path, &st) == 0;
    if (s->have_seen)
        s->seen = st;
    return read_file(s, why, why_len);
}

/* ------------------------------------------------------------------------ */
/* Commands */

static rule_t *match(script_t *s, const uint8_t *cdb, size_t len)
{
    for (size_t i = 0; i < s->n; i++) {
        rule_t *r = &s->rules[i];
        bool ok = r->plen <= len && (r->times == 0 || r->used < r->times);
        for (size_t k = 0; ok && k < r->plen; k++)
            ok = r->any[k] || r->pattern[k] == cdb[k];
        if (ok)
            return r;
    }
    return NULL;
}

static void answer(const rule_t *r, uint8_t *buf, size_t buf_len, scsi_result_t *res)
{
    size_t n = r->data_len < buf_len ? r->data_len : buf_len;
    if (n > 0)
        memcpy(buf, r->data, n);
    res->status = r->status;
    res->transferred = n;
    res->sense_len = r->sense_len;
    memcpy(res->sense, r->sense, r->sense_len);
}

static DWORD script_exec(transport_t *t, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                         size_t buf_len, unsigned timeout_ms, scsi_result_t *res)
{
    static const rule_t invalid_opcode = {
        .status = 2, .sense = {0x70, 0, 0x05, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x20, 0x00}, .sense_len = 18};
    script_t *s = (script_t *)t;
    rule_t *r;

    refresh(s);
    memset(res, 0, sizeof *res);
    r = match(s, cdb, cdb_len);
    if (r != NULL) {
        r->used++;
        s->answered++;
        answer(r, buf, buf_len, res);
        return 0;
    }
    if (s->inner == NULL) {
        answer(&invalid_opcode, buf, 0, res);
        return 0;
    }
    DWORD err = s->inner->ops->exec(s->inner, cdb, cdb_len, dir, buf, buf_len, timeout_ms, res);
    t->epoch = s->inner->epoch; /* a re-login behind the script is the device's */
    return err;
}

static void script_close(transport_t *t)
{
    script_t *s = (script_t *)t;
    transport_close(s->inner);
    free(s->rules);
    free(s);
}

static const transport_ops_t script_ops = {.exec = script_exec, .close = script_close};

unsigned transport_script_answered(const transport_t *t)
{
    return ((const script_t *)t)->answered;
}

DWORD transport_script_wrap(transport_t *inner, const char *name, transport_t **out)
{
    script_t *s = calloc(1, sizeof *s);

    *out = NULL;
    if (s == NULL) {
        transport_close(inner);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->base.ops = &script_ops;
    s->inner = inner;
    snprintf(s->base.device, sizeof s->base.device, "%s", name ? name : inner ? inner->device : "script");
    if (inner != NULL)
        s->base.epoch = inner->epoch;
    *out = &s->base;
    return 0;
}

DWORD transport_script_open(const char *spec, transport_t **out, char *why, size_t why_len)
{
    char rules[256];
    const char *body = spec + strlen("script:");
    const char *at = strchr(body, '@');
    size_t plen = at ? (size_t)(at - body) : strlen(body);
    transport_t *inner = NULL;
    DWORD err;

    *out = NULL;
    if (plen == 0 || plen >= sizeof rules) {
        snprintf(why, why_len, "%s: expected script:RULES-FILE[@DEVICE]", spec);
        return ERROR_INVALID_PARAMETER;
    }
    memcpy(rules, body, plen);
    rules[plen] = '\0';
    if (at != NULL && (err = transport_open(at + 1, &inner, why, why_len)) != 0)
        return err;
    err = transport_script_wrap(inner, spec, out);
    if (err == 0)
        err = transport_script_load(*out, rules, why, why_len);
    if (err != 0) {
        transport_close(*out);
        *out = NULL;
    }
    return err;
}
