/*
 * json.c - see json.h.
 */
#include "json.h"

#include <stdint.h>

void json_init(json_t *j, FILE *out, bool compact)
{
    j->out = out;
    j->compact = compact;
    j->depth = 0;
    j->first[0] = true;
    j->after_key = false;
}

static void newline(json_t *j)
{
    if (j->compact)
        return;
    fputc('\n', j->out);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->out);
}

/* Before any value or key: the comma and line break of its container. A
 * value right after its key goes on the key's line. */
static void separate(json_t *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth == 0)
        return;
    if (!j->first[j->depth])
        fputc(',', j->out);
    j->first[j->depth] = false;
    newline(j);
}

static void open_container(json_t *j, char c)
{
    separate(j);
    fputc(c, j->out);
    if (j->depth < JSON_MAX_DEPTH - 1)
        j->depth++;
    j->first[j->depth] = true;
}

static void close_container(json_t *j, char c)
{
    bool empty = j->first[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (!empty)
        newline(j);
    fputc(c, j->out);
}

void json_begin_object(json_t *j) { open_container(j, '{'); }
void json_end_object(json_t *j) { close_container(j, '}'); }
void json_begin_array(json_t *j) { open_container(j, '['); }
void json_end_array(json_t *j) { close_container(j, ']'); }

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one. */
static int utf8_length(const unsigned char *s)
{
    int n;
    uint32_t cp;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2;
        cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        n = 3;
        cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        n = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are not valid */
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return n;
}

static void write_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', out);
    while (*p) {
        int n = utf8_length(p);
        if (n == 0) {
            fputs("\\ufffd", out);
            p++;
        } else if (n > 1) {
            fwrite(p, 1, (size_t)n, out);
            p += n;
        } else {
            unsigned char c = *p++;
            if (c == '"' || c == '\\')
                fprintf(out, "\\%c", c);
            else if (c == '\n')
                fputs("\\n", out);
            else if (c == '\t')
                fputs("\\t", out);
            else if (c < 0x20 || c == 0x7F)
                fprintf(out, "\\u%04x", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

void json_key(json_t *j, const char *key)
{
    separate(j);
    write_string(j->out, key);
    fputs(j->compact ? ":" : ": ", j->out);
    j->after_key = true;
}

void json_string(json_t *j, const char *s)
{
    if (s == NULL) {
        json_literal(j, "null");
        return;
    }
    separate(j);
    write_string(j->out, s);
}

void json_literal(json_t *j, const char *raw)
{
    separate(j);
    fputs(raw, j->out);
}

void json_uint(json_t *j, unsigned long long v)
{
    separate(j);
    fprintf(j->out, "%llu", v);
}

void json_int(json_t *j, long long v)
{
    separate(j);
    fprintf(j->out, "%lld", v);
}

void json_bool(json_t *j, bool v)
{
    json_literal(j, v ? "true" : "false");
}

void json_finish(json_t *j)
{
    fputc('\n', j->out);
    fflush(j->out);
}
