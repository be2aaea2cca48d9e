/*
 * tapealert.c - the TapeAlert log page and the cleaning sense codes, parsed
 * (tapealert.h). Tables, then the page parser, then the classifications
 * cleaning decides by.
 *
 * Page 2Eh: a 4-byte header (page code in the low six bits of byte 0, the
 * SPF bit and a subpage in byte 1, the page length in bytes 2-3), then one
 * parameter per flag: a 2-byte parameter code (the flag number, 1..64), a
 * control byte, a length byte (1) and the value (bit 0: the flag is
 * active). Drives differ in how many flags they list and in whether a read
 * clears them; neither matters here, since every read is taken as it is.
 */
#include "changer/tapealert.h"

#include <stdio.h>
#include <string.h>

#include "changer/bytes.h"

#define PAGE_HEADER 4
#define PARAM_HEADER 4

/* Flag names, as the TapeAlert specification gives them (index = flag). */
static const char *const flag_names[TAPEALERT_FLAGS + 1] = {
    [1] = "Read warning",
    [2] = "Write warning",
    [3] = "Hard error",
    [4] = "Media",
    [5] = "Read failure",
    [6] = "Write failure",
    [7] = "Media life",
    [8] = "Not data grade",
    [9] = "Write protect",
    [10] = "No removal",
    [11] = "Cleaning media",
    [12] = "Unsupported format",
    [13] = "Recoverable mechanical cartridge failure",
    [14] = "Unrecoverable mechanical cartridge failure",
    [15] = "Memory chip in cartridge failure",
    [16] = "Forced eject",
    [17] = "Read only format",
    [18] = "Tape directory corrupted on load",
    [19] = "Nearing media life",
    [20] = "Clean now",
    [21] = "Clean periodic",
    [22] = "Expired cleaning media",
    [23] = "Invalid cleaning tape",
    [24] = "Retension requested",
    [25] = "Dual-port interface error",
    [26] = "Cooling fan failure",
    [27] = "Power supply failure",
    [28] = "Power consumption",
    [29] = "Drive maintenance",
    [30] = "Hardware A",
    [31] = "Hardware B",
    [32] = "Interface",
    [33] = "Eject media",
    [34] = "Microcode update fail",
    [35] = "Drive humidity",
    [36] = "Drive temperature",
    [37] = "Drive voltage",
    [38] = "Predictive failure",
    [39] = "Diagnostics required",
    /* 40..49: obsolete loader flags and reserved */
    [50] = "Lost statistics",
    [51] = "Tape directory invalid at unload",
    [52] = "Tape system area write failure",
    [53] = "Tape system area read failure",
    [54] = "No start of data",
    [55] = "Loading failure",
    [56] = "Unrecoverable unload failure",
    [57] = "Automation interface failure",
    [58] = "Microcode failure",
    [59] = "WORM medium integrity check failed",
    [60] = "WORM medium overwrite attempted",
    /* 61..64: reserved */
};

const char *tapealert_name(unsigned flag)
{
    if (flag < 1 || flag > TAPEALERT_FLAGS)
        return NULL;
    return flag_names[flag] != NULL ? flag_names[flag] : "reserved";
}

const char *tapealert_result_name(enum tapealert_result r)
{
    switch (r) {
    case TAPEALERT_OK: return "ok";
    case TAPEALERT_TRUNCATED: return "truncated";
    case TAPEALERT_BAD_PARAM: return "a parameter runs past the page";
    case TAPEALERT_SHORT: return "shorter than a page header";
    case TAPEALERT_WRONG_PAGE: return "not page 2Eh";
    }
    return "?";
}

char *tapealert_describe(uint64_t set, char *buf, size_t len)
{
    size_t used = 0;

    if (len == 0)
        return buf;
    buf[0] = '\0';
    for (unsigned f = 1; f <= TAPEALERT_FLAGS; f++) {
        if (!(set & TA_BIT(f)))
            continue;
        int n = snprintf(buf + used, len - used, "%s%u %s", used ? ", " : "", f, tapealert_name(f));
        if (n < 0 || (size_t)n >= len - used) {
            buf[used] = '\0'; /* cut: whole entries only */
            break;
        }
        used += (size_t)n;
    }
    return buf;
}

/* ------------------------------------------------------------------------ */
/* The page */

enum tapealert_result tapealert_parse(const uint8_t *buf, size_t len, tapealert_t *out)
{
    memset(out, 0, sizeof *out);
    if (buf == NULL || len < PAGE_HEADER)
        return TAPEALERT_SHORT;
    if ((buf[0] & 0x3f) != TAPEALERT_PAGE || ((buf[0] & 0x40) && buf[1] != 0))
        return TAPEALERT_WRONG_PAGE;

    size_t claimed = PAGE_HEADER + (size_t)get_be16(buf + 2);
    size_t end = claimed < len ? claimed : len;
    size_t p = PAGE_HEADER;
    while (p + PARAM_HEADER <= end) {
        unsigned code = get_be16(buf + p);
        size_t plen = buf[p + 3];
        if (p + PARAM_HEADER + plen > end)
            return claimed > len ? TAPEALERT_TRUNCATED : TAPEALERT_BAD_PARAM;
        /* Every TapeAlert parameter is one byte long: any other length is
         * a drive lying about its layout, and what follows would be read
         * out of step. */
        if (plen != 1)
            return TAPEALERT_BAD_PARAM;
        if (code >= 1 && code <= TAPEALERT_FLAGS) {
            out->seen |= TA_BIT(code);
            if (buf[p + PARAM_HEADER] & 0x01)
                out->set |= TA_BIT(code);
        }
        p += PARAM_HEADER + plen;
    }
    if (claimed > len)
        return TAPEALERT_TRUNCATED;
    return p == end ? TAPEALERT_OK : TAPEALERT_BAD_PARAM; /* a half parameter header at the end */
}

/* ------------------------------------------------------------------------ */
/* Sense */

static const struct {
    uint8_t asc, ascq;
    enum clean_sense what;
} clean_codes[] = {
    {0x00, 0x17, CLEAN_SENSE_REQUESTED},
    {0x30, 0x03, CLEAN_SENSE_CLEANER_LOADED},
    {0x30, 0x07, CLEAN_SENSE_FAILED},
    {0x30, 0x0a, CLEAN_SENSE_REJECTED},
    {0x30, 0x13, CLEAN_SENSE_CLEANER_EXPIRED},
};

enum clean_sense tapealert_clean_sense(const scsi_sense_t *s)
{
    if (s == NULL || !s->valid)
        return CLEAN_SENSE_NONE;
    for (size_t i = 0; i < sizeof clean_codes / sizeof clean_codes[0]; i++)
        if (clean_codes[i].asc == s->asc && clean_codes[i].ascq == s->ascq)
            return clean_codes[i].what;
    return CLEAN_SENSE_NONE;
}

enum clean_need drive_health_need(const drive_health_t *h)
{
    if ((h->has_tapealert && (h->alerts.set & TA_BIT(TA_CLEAN_NOW))) ||
        (h->has_sense && tapealert_clean_sense(&h->sense) == CLEAN_SENSE_REQUESTED))
        return CLEAN_NEED_NOW;
    if (h->has_tapealert && (h->alerts.set & TA_BIT(TA_CLEAN_PERIODIC)))
        return CLEAN_NEED_PERIODIC;
    return CLEAN_NEED_NONE;
}

bool drive_health_cleaner_spent(const drive_health_t *h)
{
    return (h->has_tapealert && (h->alerts.set & TA_BIT(TA_EXPIRED_CLEANER))) ||
           (h->has_sense && tapealert_clean_sense(&h->sense) == CLEAN_SENSE_CLEANER_EXPIRED);
}

bool drive_health_cleaner_invalid(const drive_health_t *h)
{
    return h->has_tapealert && (h->alerts.set & TA_BIT(TA_INVALID_CLEANER));
}

enum clean_progress tapealert_clean_progress(bool good, const scsi_sense_t *s)
{
    if (good)
        return CLEAN_AS_MEDIUM;
    if (s == NULL || !s->valid)
        return CLEAN_FAILED;
    switch (tapealert_clean_sense(s)) {
    case CLEAN_SENSE_CLEANER_LOADED:
        return CLEAN_RUNNING;
    case CLEAN_SENSE_FAILED:
    case CLEAN_SENSE_REJECTED:
    case CLEAN_SENSE_CLEANER_EXPIRED:
        return CLEAN_FAILED;
    default:
        break;
    }
    if (s->asc == 0x3a)
        return CLEAN_UNLOADED;
    /* becoming ready, in progress, or a unit attention about the load */
    if ((s->key == SK_NOT_READY && s->asc == 0x04) || s->key == SK_UNIT_ATTENTION)
        return CLEAN_RUNNING;
    return CLEAN_FAILED;
}

const char *tapealert_progress_name(enum clean_progress p)
{
    switch (p) {
    case CLEAN_RUNNING: return "cleaning";
    case CLEAN_UNLOADED: return "cleaner ejected by the drive";
    case CLEAN_AS_MEDIUM: return "cleaner held as a medium";
    case CLEAN_FAILED: return "cleaning failed";
    }
    return "?";
}
