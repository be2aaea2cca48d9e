/*
 * mtf.c - the Microsoft Tape Format media header (the TAPE descriptor
 * block), as concepts/using-mtf-media-labels.md asks RSM to read it:
 *
 *   - the DBLK type of the common block header is "TAPE";
 *   - the header checksum (the XOR of the header's first 25 16-bit words)
 *     is right;
 *   - the label type is the Software Name, the name the Media Name (the
 *     TapeName); when the Tape Media Label bit is set, the Media
 *     Description field holds the media label, and a GUID written there in
 *     text (12345678-1234-1234-1234-123456789012) is the label ID;
 *   - otherwise the label ID is the MD5 of the block: the TAPE DBLK from
 *     its first byte to the end of the last string it points at.
 *
 * Layout (MTF 1.00a, all fields little-endian): the common header is 52
 * bytes, the TAPE-specific part follows to byte 94. Strings are (size,
 * offset) pairs, the offset counted from the start of the DBLK, in the
 * header's string type (1: one byte per character, 2: UTF-16LE).
 */
#include <string.h>

#include "label/label.h"
#include "label/md5.h"

#define MTF_HDR_LEN 52
#define MTF_TAPE_LEN 94
#define MTF_OFF_STRING_TYPE 48
#define MTF_OFF_CHECKSUM 50
#define MTF_OFF_ATTRIBUTES 56
#define MTF_OFF_MEDIA_NAME 68
#define MTF_OFF_MEDIA_DESCR 72
#define MTF_OFF_SOFTWARE 80
#define MTF_TAPE_MEDIA_LABEL 0x00000002u
#define MTF_STRING_ANSI 1
#define MTF_STRING_UNICODE 2

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p) { return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16; }

static bool checksum_ok(const uint8_t *b)
{
    uint16_t x = 0;
    for (size_t i = 0; i < MTF_OFF_CHECKSUM; i += 2)
        x ^= le16(b + i);
    return x == le16(b + MTF_OFF_CHECKSUM);
}

/* The string field at `at`: its bytes when they lie inside the buffer. */
static bool string_field(const uint8_t *b, size_t len, size_t at, const uint8_t **p, size_t *n)
{
    size_t size = le16(b + at), off = le16(b + at + 2);
    if (size == 0 || off < MTF_TAPE_LEN || off > len || size > len - off)
        return false;
    *p = b + off;
    *n = size;
    return true;
}

static void read_string(const uint8_t *b, size_t len, size_t at, char *dst, size_t dst_len)
{
    const uint8_t *p;
    size_t n;
    dst[0] = '\0';
    if (!string_field(b, len, at, &p, &n))
        return;
    if (b[MTF_OFF_STRING_TYPE] == MTF_STRING_UNICODE)
        label_copy_utf16le(dst, dst_len, p, n / 2);
    else
        label_copy_text(dst, dst_len, p, n);
}

/* Where the block ends: past the last string it points at that fits. */
static size_t block_end(const uint8_t *b, size_t len)
{
    static const size_t fields[] = {MTF_OFF_MEDIA_NAME, MTF_OFF_MEDIA_DESCR, 76, MTF_OFF_SOFTWARE};
    size_t end = MTF_TAPE_LEN;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const uint8_t *p;
        size_t n;
        if (string_field(b, len, fields[i], &p, &n) && (size_t)(p - b) + n > end)
            end = (size_t)(p - b) + n;
    }
    return end;
}

bool label_recognize_mtf(const uint8_t *b, size_t len, label_info_t *out)
{
    char software[LABEL_TYPE_LEN], name[LABEL_NAME_LEN];
    uint8_t id[16];
    const uint8_t *p;
    size_t n;

    memset(out, 0, sizeof *out);
    if (len < MTF_TAPE_LEN || memcmp(b, "TAPE", 4) != 0 || !checksum_ok(b))
        return false;
    if (b[MTF_OFF_STRING_TYPE] != MTF_STRING_ANSI && b[MTF_OFF_STRING_TYPE] != MTF_STRING_UNICODE &&
        b[MTF_OFF_STRING_TYPE] != 0)
        return false;
    read_string(b, len, MTF_OFF_SOFTWARE, software, sizeof software);
    read_string(b, len, MTF_OFF_MEDIA_NAME, name, sizeof name);
    bool guid = false;
    if ((le32(b + MTF_OFF_ATTRIBUTES) & MTF_TAPE_MEDIA_LABEL) && string_field(b, len, MTF_OFF_MEDIA_DESCR, &p, &n)) {
        if (b[MTF_OFF_STRING_TYPE] == MTF_STRING_UNICODE) {
            char text[LABEL_NAME_LEN * 2];
            label_copy_utf16le(text, sizeof text, p, n / 2);
            guid = label_find_guid_text((const uint8_t *)text, strlen(text), id);
        } else {
            guid = label_find_guid_text(p, n, id);
        }
    }
    if (!guid)
        md5_digest(b, block_end(b, len), id);
    label_set(out, "mtf", software[0] != '\0' ? software : "MTF", name);
    label_set_id(out, id, sizeof id);
    return true;
}
