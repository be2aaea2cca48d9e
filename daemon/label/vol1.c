/*
 * vol1.c - volume labels of ANSI X3.27 and IBM standard labels, and LTFS,
 * whose first partition starts with one.
 *
 * A VOL1 label is one 80-byte record: "VOL1", the six-character volume
 * identifier (bytes 4-9), the accessibility character (10), the
 * implementation identifier (24-36), the owner identifier (37-50) and the
 * label standard version (79). ANSI labels are in ASCII; IBM standard
 * labels are the same record in EBCDIC. The label type is "ANSI" or
 * "IBM SL", the label ID and name the volume identifier.
 *
 * LTFS writes an ANSI VOL1 whose implementation identifier is "LTFS",
 * then (after a filemark) its XML label. A tape drive gives only the first
 * block, so the VOL1 is what identifies LTFS; when the XML label is in the
 * bytes too (a virtual drive reads past the block), its volume UUID goes
 * into the name. The label ID stays the volume identifier either way, so
 * the same cartridge has the same ID whatever drive reads it.
 */
#include <stdio.h>
#include <string.h>

#include "label/label.h"

#define VOL1_LEN 80
#define VOL1_VOLID 4
#define VOL1_VOLID_LEN 6
#define VOL1_IMPL 24
#define VOL1_IMPL_LEN 13
#define LTFS_UUID_TAG "<volumeuuid>"
/* How far past the VOL1 the LTFS XML label is looked for. */
#define LTFS_XML_SEARCH 4096

/* EBCDIC (code page 037) to ASCII for what a volume label may hold:
 * digits, capitals, blank and a few specials; anything else is '?'. */
static char ebcdic_char(uint8_t c)
{
    static const char upper[] = "ABCDEFGHI" "JKLMNOPQR" "STUVWXYZ";
    if (c >= 0xf0 && c <= 0xf9)
        return (char)('0' + (c - 0xf0));
    if (c >= 0xc1 && c <= 0xc9)
        return upper[c - 0xc1];
    if (c >= 0xd1 && c <= 0xd9)
        return upper[9 + c - 0xd1];
    if (c >= 0xe2 && c <= 0xe9)
        return upper[18 + c - 0xe2];
    switch (c) {
    case 0x40: return ' ';
    case 0x4b: return '.';
    case 0x60: return '-';
    case 0x6d: return '_';
    case 0x5b: return '$';
    case 0x7b: return '#';
    case 0x7c: return '@';
    default: return '?';
    }
}

static const uint8_t ebcdic_vol1[4] = {0xe5, 0xd6, 0xd3, 0xf1};

/* The volume identifier in ASCII, blanks trimmed. */
static void volume_id(const uint8_t *b, bool ebcdic, char out[VOL1_VOLID_LEN + 1])
{
    uint8_t ascii[VOL1_VOLID_LEN];
    for (size_t i = 0; i < VOL1_VOLID_LEN; i++)
        ascii[i] = ebcdic ? (uint8_t)ebcdic_char(b[VOL1_VOLID + i]) : b[VOL1_VOLID + i];
    label_copy_text(out, VOL1_VOLID_LEN + 1, ascii, VOL1_VOLID_LEN);
}

/* The text between <volumeuuid> and the next '<', if the LTFS XML label
 * is in the bytes after the VOL1. */
static void ltfs_uuid(const uint8_t *b, size_t len, char *out, size_t out_len)
{
    size_t span = len - VOL1_LEN < LTFS_XML_SEARCH ? len - VOL1_LEN : LTFS_XML_SEARCH;
    const uint8_t *tag = label_find(b + VOL1_LEN, span, LTFS_UUID_TAG, strlen(LTFS_UUID_TAG));
    out[0] = '\0';
    if (tag == NULL)
        return;
    const uint8_t *v = tag + strlen(LTFS_UUID_TAG), *end = b + VOL1_LEN + span;
    size_t n = 0;
    while (v + n < end && v[n] != '<' && n < 64)
        n++;
    label_copy_text(out, out_len, v, n);
}

bool label_recognize_vol1(const uint8_t *b, size_t len, label_info_t *out)
{
    char volid[VOL1_VOLID_LEN + 1], impl[VOL1_IMPL_LEN + 1];

    memset(out, 0, sizeof *out);
    if (len < VOL1_LEN)
        return false;
    bool ansi = memcmp(b, "VOL1", 4) == 0, ebcdic = memcmp(b, ebcdic_vol1, 4) == 0;
    if (!ansi && !ebcdic)
        return false;
    volume_id(b, ebcdic, volid);
    if (volid[0] == '\0' || strchr(volid, '?') != NULL)
        return false; /* a volume identifier is required and printable */
    label_copy_text(impl, sizeof impl, b + VOL1_IMPL, VOL1_IMPL_LEN);
    if (ansi && strcmp(impl, "LTFS") == 0) {
        char uuid[72], name[LABEL_NAME_LEN];
        ltfs_uuid(b, len, uuid, sizeof uuid);
        if (uuid[0] != '\0')
            snprintf(name, sizeof name, "%s (LTFS volume %s)", volid, uuid);
        else
            snprintf(name, sizeof name, "%s", volid);
        label_set(out, "ltfs", "LTFS", name);
    } else {
        label_set(out, "vol1", ebcdic ? "IBM SL" : "ANSI", volid);
    }
    label_set_id(out, volid, strlen(volid));
    return true;
}
