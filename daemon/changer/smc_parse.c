/*
 * smc_parse.c - pure parsers of SMC-3 replies: READ ELEMENT STATUS and mode
 * pages 1Dh (element address assignment) and 1Fh (device capabilities).
 *
 * READ ELEMENT STATUS layout: an 8-byte report header, then per element
 * type an 8-byte element status page header (type, PVolTag/AVolTag, the
 * descriptor length, the byte count of its descriptors) and fixed-length
 * descriptors: address, flags, ASC/ASCQ, source address, then optionally a
 * 36-byte primary and a 36-byte alternate volume tag, then (DVCID) a 4-byte
 * identifier header and the identifier.
 *
 * Devices get this wrong in practice: tgt's report header leaves out the
 * page header so the last 8 bytes never arrive, and its "first element"
 * is sometimes wrong. So the page headers are trusted over the report
 * header, everything is bounded by the bytes received, and a descriptor cut
 * short keeps what arrived whole: without its fixed part it is dropped, with
 * a cut volume tag or identifier it is kept and marked so.
 */
#include "changer/scsi_parse.h"

#include <stdlib.h>
#include <string.h>

#include "changer/bytes.h"

#define REPORT_HEADER 8
#define PAGE_HEADER 8
#define DESC_FIXED 12
#define VOLTAG_FIELD 36  /* 32-byte identifier, 2 reserved, 2 sequence */
#define VOLTAG_ID 32
#define DEVID_HEADER 4

bool parse_mode_page_1d(const uint8_t *p, size_t len, changer_info_t *info)
{
    if (p == NULL || len < 18 || (p[0] & 0x3f) != 0x1d)
        return false;
    /* Transport, storage, import/export, data transfer: first and count. */
    static const uint8_t order[] = {ELEM_TRANSPORT, ELEM_SLOT, ELEM_PORT, ELEM_DRIVE};
    for (size_t i = 0; i < sizeof(order); i++) {
        info->range[order[i]].first = get_be16(p + 2 + 4 * i);
        info->range[order[i]].count = get_be16(p + 4 + 4 * i);
    }
    return true;
}

bool parse_mode_page_1f(const uint8_t *p, size_t len, changer_info_t *info)
{
    if (p == NULL || len < 16 || (p[0] & 0x3f) != 0x1f)
        return false;
    /* Bytes 12-15: which element types each type can exchange with. */
    info->can_exchange = (p[12] | p[13] | p[14] | p[15]) != 0;
    return true;
}

/* The DVCID identifier: text for the ASCII/UTF-8 code sets, hex otherwise. */
static void copy_identifier(element_t *e, uint8_t code_set, const uint8_t *id, size_t n)
{
    if (code_set == 0x2 || code_set == 0x3) {
        /* Keep inner blanks (vendor, product and serial are blank-padded
         * fields); drop the trailing ones. */
        size_t b = n;
        while (b > 0 && (id[b - 1] == ' ' || id[b - 1] == '\0'))
            b--;
        size_t k = 0;
        for (size_t i = 0; i < b && k < CHANGER_DEVID_LEN; i++)
            e->device_id[k++] = (id[i] >= 0x20 && id[i] < 0x7f) ? (char)id[i] : '?';
        e->device_id[k] = '\0';
        return;
    }
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 <= CHANGER_DEVID_LEN; i++) {
        e->device_id[k++] = hex[id[i] >> 4];
        e->device_id[k++] = hex[id[i] & 0xf];
    }
    e->device_id[k] = '\0';
}

typedef struct page_layout {
    uint8_t type;
    bool pvoltag, avoltag;
    size_t desc_len;
} page_layout_t;

/* One descriptor of which `avail` bytes (<= desc_len) arrived. False when
 * not even its fixed part did. */
static bool parse_descriptor(const uint8_t *d, size_t avail, const page_layout_t *pl, element_t *e)
{
    if (avail < DESC_FIXED)
        return false;
    memset(e, 0, sizeof(*e));
    e->type = pl->type;
    e->address = get_be16(d);
    e->full = (d[2] & 0x01) != 0;
    e->impexp = pl->type == ELEM_PORT && (d[2] & 0x02) != 0;
    e->except = (d[2] & 0x04) != 0;
    e->access = (d[2] & 0x08) != 0;
    e->asc = d[4];
    e->ascq = d[5];
    e->source_valid = (d[9] & 0x80) != 0;
    e->source_address = get_be16(d + 10);

    size_t off = DESC_FIXED;
    if (pl->pvoltag) {
        if (avail < off + VOLTAG_ID) {
            /* A partial bar code would name the wrong cartridge: keep the
             * element, say its tag is unknown. */
            e->voltag_truncated = true;
            return true;
        }
        scsi_copy_string(e->voltag, sizeof(e->voltag), d + off, VOLTAG_ID);
        e->has_voltag = e->voltag[0] != '\0';
        off += VOLTAG_FIELD;
    }
    if (pl->avoltag)
        off += VOLTAG_FIELD;

    if (off + DEVID_HEADER <= avail) {
        size_t want = d[off + 3];
        size_t room = avail - off - DEVID_HEADER;
        size_t have = want < room ? want : room;
        copy_identifier(e, d[off] & 0x0f, d + off + DEVID_HEADER, have);
        e->id_truncated = have < want;
    } else if (avail < pl->desc_len && off + DEVID_HEADER <= pl->desc_len) {
        e->id_truncated = true; /* the identifier was announced but never came */
    }
    return true;
}

/* Make room for `more` elements; false when out of memory. */
static bool reserve(element_status_t *out, size_t more)
{
    if (more == 0)
        return true;
    element_t *v = realloc(out->v, (out->n + more) * sizeof(*v));
    if (v == NULL)
        return false;
    out->v = v;
    return true;
}

static bool known_type(uint8_t t) { return t >= ELEM_TRANSPORT && t <= ELEM_DRIVE; }

/* Parse the descriptors of one page, [pos, end). Returns the number added
 * or -1 on OOM. */
static int parse_page(const uint8_t *buf, size_t pos, size_t end, const page_layout_t *pl, element_status_t *out)
{
    size_t max = (end - pos + pl->desc_len - 1) / pl->desc_len;
    if (!reserve(out, max))
        return -1;
    int added = 0;
    for (size_t q = pos; q < end; q += pl->desc_len) {
        size_t avail = end - q < pl->desc_len ? end - q : pl->desc_len;
        if (avail < pl->desc_len)
            out->truncated = true;
        if (parse_descriptor(buf + q, avail, pl, &out->v[out->n])) {
            out->n++;
            added++;
        }
    }
    return added;
}

int parse_element_status(const uint8_t *buf, size_t len, element_status_t *out)
{
    if (buf == NULL || len < REPORT_HEADER) {
        if (len > 0)
            out->truncated = true;
        return 0;
    }
    if (REPORT_HEADER + (size_t)get_be24(buf + 5) > len)
        out->truncated = true;

    int total = 0;
    for (size_t pos = REPORT_HEADER; pos + PAGE_HEADER <= len;) {
        const uint8_t *p = buf + pos;
        page_layout_t pl = {
            .type = p[0] & 0x0f,
            .pvoltag = (p[1] & 0x80) != 0,
            .avoltag = (p[1] & 0x40) != 0,
            .desc_len = get_be16(p + 2),
        };
        size_t bytes = get_be24(p + 5);
        pos += PAGE_HEADER;
        size_t end = pos + bytes;
        if (end > len) {
            end = len;
            out->truncated = true;
        }
        /* A descriptor shorter than its fixed part cannot be stepped
         * through: the rest of the reply is garbage to us. */
        if (pl.desc_len < DESC_FIXED)
            break;
        if (known_type(pl.type) && end > pos) {
            int n = parse_page(buf, pos, end, &pl, out);
            if (n < 0)
                return -1;
            total += n;
        }
        pos += bytes;
    }
    return total;
}
