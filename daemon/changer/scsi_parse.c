/*
 * scsi_parse.c - pure parsers of SPC replies: INQUIRY, VPD 80h/83h, MODE
 * SENSE headers, REPORT SUPPORTED OPERATION CODES (see scsi_parse.h).
 *
 * Invariant: a parser reads buf[0 .. len) and nothing else; a length field
 * inside the reply only ever shortens what is read.
 */
#include "changer/scsi_parse.h"

#include <stdio.h>
#include <string.h>

#include "changer/bytes.h"

static bool is_blank(uint8_t ch) { return ch == ' ' || ch == '\0'; }

void scsi_copy_string(char *dst, size_t dst_len, const uint8_t *src, size_t src_len)
{
    if (dst_len == 0)
        return;
    size_t a = 0, b = src_len;
    while (a < b && is_blank(src[a]))
        a++;
    while (b > a && is_blank(src[b - 1]))
        b--;
    size_t n = 0;
    for (size_t i = a; i < b && n + 1 < dst_len; i++)
        dst[n++] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '?';
    dst[n] = '\0';
}

void scsi_strlcpy(char *dst, size_t dst_len, const char *src)
{
    if (dst_len == 0)
        return;
    size_t n = strnlen(src, dst_len - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The part of a fixed field [off, off+width) that lies inside len. */
static size_t field_avail(size_t len, size_t off, size_t width)
{
    if (off >= len)
        return 0;
    return len - off < width ? len - off : width;
}

bool parse_inquiry(const uint8_t *buf, size_t len, scsi_inquiry_t *out)
{
    memset(out, 0, sizeof(*out));
    if (buf == NULL || len < 5)
        return false;
    out->qualifier = buf[0] >> 5;
    out->pdt = buf[0] & 0x1f;
    out->removable = (buf[1] & 0x80) != 0;
    out->version = buf[2];
    /* ADDITIONAL LENGTH (byte 4) may shorten the data, never lengthen it. */
    size_t end = (size_t)buf[4] + 5 < len ? (size_t)buf[4] + 5 : len;
    scsi_copy_string(out->vendor, sizeof(out->vendor), buf + 8, field_avail(end, 8, 8));
    scsi_copy_string(out->product, sizeof(out->product), buf + 16, field_avail(end, 16, 16));
    scsi_copy_string(out->revision, sizeof(out->revision), buf + 32, field_avail(end, 32, 4));
    return true;
}

/* The designator list or serial of a VPD page: [4, 4 + PAGE LENGTH) within len. */
static bool vpd_body(const uint8_t *buf, size_t len, uint8_t page, size_t *end)
{
    if (buf == NULL || len < 4 || buf[1] != page)
        return false;
    size_t claimed = 4 + (size_t)get_be16(buf + 2);
    *end = claimed < len ? claimed : len;
    return true;
}

bool parse_vpd_80(const uint8_t *buf, size_t len, char *serial, size_t serial_len)
{
    size_t end;
    if (serial_len > 0)
        serial[0] = '\0';
    if (!vpd_body(buf, len, 0x80, &end))
        return false;
    scsi_copy_string(serial, serial_len, buf + 4, end - 4);
    return serial_len > 0 && serial[0] != '\0';
}

static void put_hex(char *dst, size_t dst_len, const char *prefix, const uint8_t *p, size_t n)
{
    size_t at = (size_t)snprintf(dst, dst_len, "%s", prefix);
    for (size_t i = 0; i < n && at + 2 < dst_len; i++)
        at += (size_t)snprintf(dst + at, dst_len - at, "%02x", p[i]);
}

/* "t10.IBM ULT3580-TD6 1013000123": text with each run of blanks made one. */
static void put_text(char *dst, size_t dst_len, const char *prefix, const uint8_t *p, size_t n)
{
    char tmp[256];
    scsi_copy_string(tmp, sizeof(tmp), p, n);
    size_t at = (size_t)snprintf(dst, dst_len, "%s", prefix);
    bool blank = false;
    for (const char *s = tmp; *s != '\0' && at + 1 < dst_len; s++) {
        if (*s == ' ') {
            blank = true;
            continue;
        }
        if (blank && at + 2 < dst_len)
            dst[at++] = ' ';
        blank = false;
        dst[at++] = *s;
    }
    if (at < dst_len)
        dst[at] = '\0';
}

/* Preference among logical-unit designators: NAA, EUI-64, SCSI name
 * string, T10 vendor ID; anything else is ignored. */
static int designator_rank(uint8_t type)
{
    switch (type) {
    case 0x3: return 4; /* NAA */
    case 0x2: return 3; /* EUI-64 */
    case 0x8: return 2; /* SCSI name string */
    case 0x1: return 1; /* T10 vendor ID */
    default: return 0;
    }
}

static void format_designator(const uint8_t *d, size_t n, char *ident, size_t ident_len)
{
    uint8_t code_set = d[0] & 0x0f, type = d[1] & 0x0f;
    const uint8_t *v = d + 4;
    switch (type) {
    case 0x3: put_hex(ident, ident_len, "naa.", v, n); break;
    case 0x2: put_hex(ident, ident_len, "eui.", v, n); break;
    case 0x8: put_text(ident, ident_len, "", v, n); break;
    default:
        if (code_set == 0x1) /* binary */
            put_hex(ident, ident_len, "t10.", v, n);
        else
            put_text(ident, ident_len, "t10.", v, n);
        break;
    }
}

bool parse_vpd_83(const uint8_t *buf, size_t len, char *ident, size_t ident_len)
{
    size_t end;
    if (ident_len > 0)
        ident[0] = '\0';
    if (ident_len == 0 || !vpd_body(buf, len, 0x83, &end))
        return false;
    const uint8_t *best = NULL;
    size_t best_len = 0;
    int best_rank = 0;
    for (size_t pos = 4; pos + 4 <= end;) {
        const uint8_t *d = buf + pos;
        size_t n = d[3];
        if (pos + 4 + n > end)
            break; /* cut designator: stop, keep what we found before */
        int rank = designator_rank(d[1] & 0x0f);
        bool lu = ((d[1] >> 4) & 0x3) == 0; /* association: the logical unit */
        if (lu && n > 0 && rank > best_rank) {
            best = d;
            best_len = n;
            best_rank = rank;
        }
        pos += 4 + n;
    }
    if (best == NULL)
        return false;
    format_designator(best, best_len, ident, ident_len);
    return ident[0] != '\0';
}

const uint8_t *mode_page_find(const uint8_t *buf, size_t len, bool ten, uint8_t page, size_t *page_len)
{
    size_t hdr = ten ? 8 : 4;
    if (buf == NULL || len < hdr)
        return NULL;
    size_t data_len = ten ? (size_t)get_be16(buf) + 2 : (size_t)buf[0] + 1;
    size_t bdl = ten ? get_be16(buf + 6) : buf[3];
    size_t end = data_len < len ? data_len : len;
    for (size_t pos = hdr + bdl; pos + 2 <= end;) {
        const uint8_t *p = buf + pos;
        bool spf = (p[0] & 0x40) != 0; /* subpage format: 4-byte header */
        size_t total;
        if (spf) {
            if (pos + 4 > end)
                break;
            total = 4 + (size_t)get_be16(p + 2);
        } else {
            total = 2 + (size_t)p[1];
        }
        if (!spf && (p[0] & 0x3f) == (page & 0x3f)) {
            *page_len = pos + total <= end ? total : end - pos;
            return p;
        }
        pos += total;
    }
    return NULL;
}

int parse_supported_opcodes(const uint8_t *buf, size_t len, bool supported[256])
{
    if (buf == NULL || len < 4)
        return -1;
    size_t claimed = 4 + (size_t)get_be32(buf);
    size_t end = claimed < len ? claimed : len;
    int n = 0;
    for (size_t pos = 4; pos + 8 <= end; n++) {
        const uint8_t *d = buf + pos;
        supported[d[0]] = true;
        /* CTDP: a 12-byte timeouts descriptor follows this one. */
        pos += (d[5] & 0x02) ? 20 : 8;
    }
    return n;
}
