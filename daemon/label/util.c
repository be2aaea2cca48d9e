/*
 * util.c - what the recognizers share: filling a label_info_t, and reading
 * text fields out of untrusted bytes without ever reading past them.
 */
#include <stdio.h>
#include <string.h>

#include "label/label.h"

static void copy_cut(char *dst, size_t dst_len, const char *src)
{
    if (dst_len == 0)
        return;
    snprintf(dst, dst_len, "%s", src != NULL ? src : "");
}

void label_set(label_info_t *out, const char *format, const char *type, const char *name)
{
    out->recognized = true;
    copy_cut(out->format, sizeof out->format, format);
    copy_cut(out->type, sizeof out->type, type);
    copy_cut(out->name, sizeof out->name, name);
}

void label_set_id(label_info_t *out, const void *id, size_t len)
{
    if (len > LABEL_ID_MAX)
        len = LABEL_ID_MAX;
    memcpy(out->id, id, len);
    out->id_len = len;
}

char *label_copy_text(char *dst, size_t dst_len, const uint8_t *p, size_t n)
{
    size_t o = 0;

    if (dst_len == 0)
        return dst;
    for (size_t i = 0; i < n && p[i] != '\0' && o + 1 < dst_len; i++)
        dst[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
    return dst;
}

/* Append code point cp as UTF-8 when it fits whole. */
static size_t put_utf8(char *dst, size_t dst_len, size_t o, uint32_t cp)
{
    char b[4];
    size_t k;

    if (cp < 0x80) {
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        k = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        k = 4;
    }
    if (o + k >= dst_len)
        return o;
    memcpy(dst + o, b, k);
    return o + k;
}

char *label_copy_utf16le(char *dst, size_t dst_len, const uint8_t *p, size_t n)
{
    size_t o = 0;

    if (dst_len == 0)
        return dst;
    for (size_t i = 0; i < n; i++) {
        uint32_t u = (uint32_t)p[2 * i] | ((uint32_t)p[2 * i + 1] << 8);
        if (u == 0)
            break;
        if (u >= 0xd800 && u < 0xdc00 && i + 1 < n) {
            uint32_t lo = (uint32_t)p[2 * i + 2] | ((uint32_t)p[2 * i + 3] << 8);
            if (lo >= 0xdc00 && lo < 0xe000) {
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i++;
            } else {
                u = 0xfffd;
            }
        } else if (u >= 0xd800 && u < 0xe000) {
            u = 0xfffd;
        }
        if (u < 0x20)
            u = '?';
        size_t before = o;
        o = put_utf8(dst, dst_len, o, u);
        if (o == before)
            break; /* full */
    }
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
    return dst;
}

static int hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Is p[0..36) a GUID in text form? Then its 16 bytes in text order. */
static bool parse_guid_at(const uint8_t *p, uint8_t out[16])
{
    static const size_t dashes[] = {8, 13, 18, 23};
    size_t o = 0;

    for (size_t i = 0, d = 0; i < 36; i++) {
        if (d < 4 && i == dashes[d]) {
            if (p[i] != '-')
                return false;
            d++;
            continue;
        }
        int hi = hex_value(p[i]), lo = i + 1 < 36 ? hex_value(p[i + 1]) : -1;
        if (hi < 0 || lo < 0)
            return false;
        out[o++] = (uint8_t)(hi << 4 | lo);
        i++;
    }
    return o == 16;
}

bool label_find_guid_text(const uint8_t *p, size_t n, uint8_t out[16])
{
    for (size_t i = 0; i + 36 <= n; i++)
        if (hex_value(p[i]) >= 0 && (i == 0 || hex_value(p[i - 1]) < 0) && parse_guid_at(p + i, out))
            return true;
    return false;
}

const uint8_t *label_find(const uint8_t *p, size_t n, const char *needle, size_t nlen)
{
    if (nlen == 0 || nlen > n)
        return NULL;
    for (size_t i = 0; i + nlen <= n; i++)
        if (p[i] == (uint8_t)needle[0] && memcmp(p + i, needle, nlen) == 0)
            return p + i;
    return NULL;
}

/* Length of the valid UTF-8 sequence at p[0..n) (1..4), or 0. */
static size_t utf8_seq(const uint8_t *p, size_t n)
{
    size_t k;
    uint32_t cp;

    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xe0) == 0xc0) {
        k = 2;
        cp = p[0] & 0x1f;
    } else if ((p[0] & 0xf0) == 0xe0) {
        k = 3;
        cp = p[0] & 0x0f;
    } else if ((p[0] & 0xf8) == 0xf0) {
        k = 4;
        cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (k > n)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[k] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
        return 0;
    return k;
}

char *label_copy_utf8(char *dst, size_t dst_len, const uint8_t *p, size_t n)
{
    size_t o = 0, i = 0;

    if (dst_len == 0)
        return dst;
    while (i < n && p[i] != '\0') {
        size_t k = utf8_seq(p + i, n - i);
        if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
            if (o + 1 >= dst_len)
                break;
            dst[o++] = '?';
            i++;
            continue;
        }
        if (o + k >= dst_len)
            break;
        memcpy(dst + o, p + i, k);
        o += k;
        i += k;
    }
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
    return dst;
}

void label_make_raw(const uint8_t *buf, size_t len, label_info_t *out)
{
    memset(out, 0, sizeof *out);
    if (buf == NULL || len == 0)
        return;
    copy_cut(out->format, sizeof out->format, "raw");
    copy_cut(out->type, sizeof out->type, LABEL_RAW_TYPE);
    label_set_id(out, buf, len);
}
