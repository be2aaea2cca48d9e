/*
 * text.c - UTF-8 <-> wchar_t for the W functions.
 *
 * The wire and the A functions carry UTF-8; the W functions carry wchar_t,
 * which is UTF-32 on Linux. Both directions validate: bad input from a caller
 * or from the service becomes ERROR_INVALID_PARAMETER, never a crash or a
 * silently mangled name. Written by hand because iconv and the mbstowcs
 * family depend on the process locale, which a library must not assume.
 */
#include <stdlib.h>
#include <string.h>

#include "rsm_internal.h"

#define MAX_CODE_POINT 0x10FFFFu

/* Code points above U+FFFF are stored in one wchar_t; a platform with a
 * 16-bit wchar_t would need them split into surrogate pairs. */
_Static_assert(sizeof(wchar_t) == 4, "librsm expects a 32-bit wchar_t");

static int is_high_surrogate(uint32_t c) { return c >= 0xD800u && c <= 0xDBFFu; }
static int is_low_surrogate(uint32_t c) { return c >= 0xDC00u && c <= 0xDFFFu; }

/* ------------------------------------------------------------------------ */
/* Wide -> UTF-8 */

/* The code point starting at in[*i] (a surrogate pair counts as one, for
 * wide strings that hold UTF-16), advancing *i past it. 0 on success. */
static int next_wide(const wchar_t *in, size_t in_max, size_t *i, uint32_t *cp)
{
    uint32_t c = (uint32_t)in[*i];

    (*i)++;
    if (is_high_surrogate(c)) {
        uint32_t lo = *i < in_max ? (uint32_t)in[*i] : 0;

        if (!is_low_surrogate(lo))
            return -1;
        (*i)++;
        c = 0x10000u + ((c - 0xD800u) << 10) + (lo - 0xDC00u);
    } else if (is_low_surrogate(c) || c > MAX_CODE_POINT) {
        return -1;
    }
    *cp = c;
    return 0;
}

/* Bytes of the UTF-8 form of `cp`, written to `out` when it is not NULL. */
static size_t encode_utf8(uint32_t cp, char *out)
{
    uint8_t b[4];
    size_t n;

    if (cp < 0x80u) {
        b[0] = (uint8_t)cp;
        n = 1;
    } else if (cp < 0x800u) {
        b[0] = (uint8_t)(0xC0u | cp >> 6);
        b[1] = (uint8_t)(0x80u | (cp & 0x3Fu));
        n = 2;
    } else if (cp < 0x10000u) {
        b[0] = (uint8_t)(0xE0u | cp >> 12);
        b[1] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        b[2] = (uint8_t)(0x80u | (cp & 0x3Fu));
        n = 3;
    } else {
        b[0] = (uint8_t)(0xF0u | cp >> 18);
        b[1] = (uint8_t)(0x80u | ((cp >> 12) & 0x3Fu));
        b[2] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        b[3] = (uint8_t)(0x80u | (cp & 0x3Fu));
        n = 4;
    }
    if (out != NULL)
        memcpy(out, b, n);
    return n;
}

DWORD text_wide_to_utf8(const wchar_t *in, size_t in_max,
                        char *out, size_t out_cap, size_t *needed)
{
    size_t i = 0, len = 0;
    int fits = 1;

    while (i < in_max && in[i] != 0) {
        uint32_t cp;
        size_t n;

        if (next_wide(in, in_max, &i, &cp) != 0)
            return ERROR_INVALID_PARAMETER;
        n = encode_utf8(cp, NULL);
        /* Keep one unit for the NUL; once something does not fit, only
         * count, so *needed is right for the caller's retry. */
        if (fits && len + n + 1 <= out_cap)
            encode_utf8(cp, out + len);
        else
            fits = 0;
        len += n;
    }
    *needed = len + 1;
    if (!fits || out_cap < len + 1)
        return ERROR_INSUFFICIENT_BUFFER;
    out[len] = '\0';
    return 0;
}

DWORD text_wide_to_utf8_dup(const wchar_t *in, char **out)
{
    size_t needed;
    DWORD err;

    *out = NULL;
    if (in == NULL)
        return 0;
    err = text_wide_to_utf8(in, SIZE_MAX, NULL, 0, &needed);
    if (err != ERROR_INSUFFICIENT_BUFFER)
        return err;
    *out = malloc(needed);
    if (*out == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = text_wide_to_utf8(in, SIZE_MAX, *out, needed, &needed);
    if (err != 0) {
        free(*out);
        *out = NULL;
    }
    return err;
}

/* ------------------------------------------------------------------------ */
/* UTF-8 -> wide */

/* Decode the sequence at in[*i], advancing *i. Rejects stray continuation
 * bytes, truncated sequences, overlong forms, surrogates and values above
 * U+10FFFF. 0 on success. */
static int next_utf8(const uint8_t *in, size_t in_max, size_t *i, uint32_t *cp)
{
    static const uint32_t min_for_length[5] = { 0, 0, 0x80u, 0x800u, 0x10000u };
    uint8_t lead = in[*i];
    size_t len, k;
    uint32_t c;

    if (lead < 0x80u) {
        len = 1;
        c = lead;
    } else if ((lead & 0xE0u) == 0xC0u) {
        len = 2;
        c = lead & 0x1Fu;
    } else if ((lead & 0xF0u) == 0xE0u) {
        len = 3;
        c = lead & 0x0Fu;
    } else if ((lead & 0xF8u) == 0xF0u) {
        len = 4;
        c = lead & 0x07u;
    } else {
        return -1;
    }
    if (in_max - *i < len)
        return -1;
    for (k = 1; k < len; k++) {
        uint8_t b = in[*i + k];

        if ((b & 0xC0u) != 0x80u) /* also stops at a NUL */
            return -1;
        c = c << 6 | (b & 0x3Fu);
    }
    if (c < min_for_length[len] || c > MAX_CODE_POINT ||
        is_high_surrogate(c) || is_low_surrogate(c))
        return -1;
    *i += len;
    *cp = c;
    return 0;
}

DWORD text_utf8_to_wide(const char *in, size_t in_max,
                        wchar_t *out, size_t out_cap, size_t *needed)
{
    const uint8_t *s = (const uint8_t *)in;
    size_t i = 0, len = 0;

    while (i < in_max && s[i] != 0) {
        uint32_t cp;

        if (next_utf8(s, in_max, &i, &cp) != 0)
            return ERROR_INVALID_PARAMETER;
        if (len + 1 < out_cap)
            out[len] = (wchar_t)cp;
        len++;
    }
    *needed = len + 1;
    if (out_cap < len + 1)
        return ERROR_INSUFFICIENT_BUFFER;
    out[len] = 0;
    return 0;
}
