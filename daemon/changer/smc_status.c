/*
 * smc_status.c - READ ELEMENT STATUS for the SMC backend: one element type
 * at a time (type 0, "all", crashes tgtd and buys nothing), in chunks of at
 * most smc_chunk elements so a 10,000-slot library is never one giant
 * transfer, with the allocation length sized from the count.
 *
 * Devices disagree on what a chunk returns (tgt ignores the element count
 * and returns everything from the start address, cut at the allocation
 * length), so the loop only trusts what it parsed: it continues after the
 * last complete element it got, keeps elements in address order, and stops
 * when the range is covered or a reply brings nothing new.
 */
#include "changer/smc_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

static unsigned smc_chunk = 1000;

void smc_set_chunk(unsigned elements) { smc_chunk = elements > 0 ? elements : 1000; }

/* Upper bound of one descriptor: fixed part, both volume tags, and an
 * identifier of up to 64 bytes. Generous on purpose: a short allocation
 * only costs another round trip, but tgt rejects nothing larger. */
static size_t descriptor_bound(bool voltag, bool dvcid)
{
    return 12 + (voltag ? 72 : 0) + (dvcid ? 4 + CHANGER_DEVID_LEN : 0);
}

/* Append the elements of `part` of the wanted type at or after `start`
 * to *out. When our buffer was full (`ours`), the cut element at the end is
 * left for the next chunk to read whole. Returns how many were taken and
 * the highest address. */
static size_t take_new(element_status_t *out, const element_status_t *part, uint8_t type, uint32_t start,
                       bool ours, uint32_t *last)
{
    size_t taken = 0;
    for (size_t i = 0; i < part->n; i++) {
        const element_t *e = &part->v[i];
        if (e->type != type || e->address < start)
            continue; /* a device answering beyond what was asked */
        if (ours && (e->voltag_truncated || e->id_truncated))
            continue;
        if (out->n > 0 && out->v[out->n - 1].address >= e->address)
            continue; /* keep the list strictly ascending */
        out->v[out->n++] = *e;
        *last = e->address;
        taken++;
    }
    return taken;
}

/* One READ ELEMENT STATUS; on "invalid field in CDB" drop DVCID, then
 * VOLTAG, which older libraries do not know, and ask again. */
static DWORD read_chunk(smc_t *s, uint8_t type, uint16_t start, uint16_t n, bool want_tags, unsigned scale,
                        uint8_t **bufp, size_t *got, size_t *allocp, char *why, size_t why_len)
{
    for (;;) {
        bool voltag = want_tags && !s->no_voltag;
        bool dvcid = want_tags && type == ELEM_DRIVE && !s->no_dvcid;
        size_t alloc = 16 + (size_t)n * descriptor_bound(voltag, dvcid) * scale;
        if (alloc > 0xffffff)
            alloc = 0xffffff;
        uint8_t *buf = malloc(alloc);
        if (buf == NULL) {
            snprintf(why, why_len, "%s: out of memory for element status", s->dev.name);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        scsi_cmd_t c;
        scsi_reply_t r;
        cdb_read_element_status(&c, type, voltag, dvcid, start, n, buf, alloc);
        DWORD err = scsi_run(&s->dev, &c, &r, why, why_len);
        if (err == ERROR_SUCCESS) {
            *bufp = buf;
            *got = r.got;
            *allocp = alloc;
            return ERROR_SUCCESS;
        }
        free(buf);
        bool invalid_field = err == ERROR_INVALID_PARAMETER && r.sense.asc == 0x24;
        if (invalid_field && dvcid) {
            log_info("%s: library rejects DVCID; drive identifiers will not be read", s->dev.name);
            s->no_dvcid = true;
            continue;
        }
        if (invalid_field && voltag) {
            log_info("%s: library rejects VOLTAG; treating it as having no bar code reader", s->dev.name);
            s->no_voltag = true;
            s->info.has_barcode_reader = false;
            continue;
        }
        return err;
    }
}

DWORD smc_read_status(smc_t *s, uint8_t type, uint16_t first, uint32_t count, bool want_tags,
                      element_status_t *out, char *why, size_t why_len)
{
    size_t before = out->n;
    uint32_t start = first, end = (uint32_t)first + count; /* exclusive */
    unsigned scale = 1; /* grows when one descriptor does not fit our bound */
    if (end > SMC_COUNT_UNKNOWN)
        end = SMC_COUNT_UNKNOWN;
    while (start < end) {
        uint32_t left = end - start;
        uint16_t n = (uint16_t)(left < smc_chunk ? left : smc_chunk);
        uint8_t *buf = NULL;
        size_t got = 0, alloc = 0;
        DWORD err = read_chunk(s, type, (uint16_t)start, n, want_tags, scale, &buf, &got, &alloc, why, why_len);
        if (err != ERROR_SUCCESS)
            return err;
        element_status_t part = {0};
        int parsed = parse_element_status(buf, got, &part);
        free(buf);
        element_t *grown = parsed > 0 ? realloc(out->v, (out->n + part.n) * sizeof(*grown)) : out->v;
        if (parsed < 0 || (parsed > 0 && grown == NULL)) {
            element_status_free(&part);
            snprintf(why, why_len, "%s: out of memory for element status", s->dev.name);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        out->v = grown;
        uint32_t last = 0;
        bool ours = got >= alloc; /* our buffer, not the device, ended the reply */
        size_t taken = take_new(out, &part, type, start, ours, &last);
        bool short_reply = part.truncated;
        element_status_free(&part);
        if (taken == 0 && ours && parsed > 0 && scale < 16) {
            scale *= 2; /* descriptors larger than we thought: ask with room */
            continue;
        }
        if (taken == 0)
            break; /* nothing (new) left at or after start */
        start = last + 1;
        if (!short_reply && taken < n)
            break; /* a complete reply with fewer than asked: that was all */
    }
    for (size_t i = before; i < out->n; i++)
        if (out->v[i].id_truncated || out->v[i].voltag_truncated)
            out->truncated = true;
    if (count < SMC_COUNT_UNKNOWN && out->n - before < count)
        out->truncated = true;
    return ERROR_SUCCESS;
}

DWORD smc_ranges_from_status(smc_t *s, char *why, size_t why_len)
{
    for (uint8_t type = ELEM_TRANSPORT; type <= ELEM_DRIVE; type++) {
        element_status_t st = {0};
        DWORD err = smc_read_status(s, type, 0, SMC_COUNT_UNKNOWN, false, &st, why, why_len);
        if (err != ERROR_SUCCESS) {
            element_status_free(&st);
            return err;
        }
        s->info.range[type].first = st.n > 0 ? st.v[0].address : 0;
        s->info.range[type].count = (uint16_t)st.n;
        element_status_free(&st);
    }
    return ERROR_SUCCESS;
}
