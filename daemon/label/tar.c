/*
 * tar.c - tar archives at the start of a medium: POSIX ustar and pax, GNU
 * tar, and the old (V7) format.
 *
 * A tar archive starts with a 512-byte header: the member name (bytes
 * 0-99), octal fields, the header checksum at 148 (eight bytes, octal:
 * the sum of all 512 bytes with the checksum field counted as blanks; some
 * old writers summed signed bytes, which is accepted too), the type flag
 * at 156 and, from POSIX.1-1988 on, the magic at 257: "ustar\0" then
 * version "00" (POSIX), or "ustar  \0" (GNU).
 *
 * Label type: "PAX" when the first member is a pax extended header (type
 * 'x' or 'g'), "GNU TAR" for the GNU magic, "USTAR" for POSIX ustar, "TAR"
 * for V7 (no magic: then a name, a valid checksum and an octal time are
 * required, and mode and size must be octal or empty, so zeros and random
 * data do not pass; GNU writes its volume header that way too). A
 * GNU volume header (type 'V', `tar -V LABEL`) gives the name; otherwise
 * the first member's name does. Nothing in a tar header identifies the
 * medium, so the label ID is the MD5 of the first header block (name,
 * times, sizes and owner of the first member together).
 */
#include <string.h>

#include "label/label.h"
#include "label/md5.h"

#define TAR_BLOCK 512
#define TAR_NAME 0
#define TAR_NAME_LEN 100
#define TAR_MODE 100
#define TAR_SIZE 124
#define TAR_MTIME 136
#define TAR_CHKSUM 148
#define TAR_CHKSUM_LEN 8
#define TAR_TYPE 156
#define TAR_MAGIC 257
#define TAR_PREFIX 345
#define TAR_PREFIX_LEN 155

/* An octal field: digits, optionally led by blanks, ended by NUL or blank.
 * -1 when it is not one (or is empty). */
static long long octal(const uint8_t *p, size_t n)
{
    size_t i = 0;
    long long v = 0;
    bool digits = false;

    while (i < n && p[i] == ' ')
        i++;
    for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
        if (v > (1LL << 40))
            return -1;
        v = v * 8 + (p[i] - '0');
        digits = true;
    }
    for (; i < n; i++)
        if (p[i] != ' ' && p[i] != '\0')
            return -1;
    return digits ? v : -1;
}

/* GNU tar leaves mode and size of a volume header ('V') all NUL. */
static bool octal_or_empty(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != '\0')
            return octal(p, n) >= 0;
    return true;
}

static bool checksum_ok(const uint8_t *h)
{
    long long want = octal(h + TAR_CHKSUM, TAR_CHKSUM_LEN);
    long long sum = 0, ssum = 0;

    if (want < 0)
        return false;
    for (size_t i = 0; i < TAR_BLOCK; i++) {
        uint8_t c = i >= TAR_CHKSUM && i < TAR_CHKSUM + TAR_CHKSUM_LEN ? ' ' : h[i];
        sum += c;
        ssum += (int8_t)c;
    }
    return want == sum || want == ssum;
}

static const char *kind_of(const uint8_t *h)
{
    if (memcmp(h + TAR_MAGIC, "ustar  \0", 8) == 0)
        return "GNU TAR";
    if (memcmp(h + TAR_MAGIC, "ustar\0", 6) == 0 || memcmp(h + TAR_MAGIC, "ustar ", 6) == 0)
        return "USTAR";
    return NULL;
}

bool label_recognize_tar(const uint8_t *h, size_t len, label_info_t *out)
{
    char name[LABEL_NAME_LEN], prefix[TAR_PREFIX_LEN + 1];
    uint8_t id[16];

    memset(out, 0, sizeof *out);
    if (len < TAR_BLOCK || !checksum_ok(h))
        return false;
    const char *kind = kind_of(h);
    if (kind == NULL) {
        /* V7: no magic, so insist on what a real header has. */
        if (h[TAR_NAME] == '\0' || !octal_or_empty(h + TAR_MODE, 8) || !octal_or_empty(h + TAR_SIZE, 12) ||
            octal(h + TAR_MTIME, 12) < 0)
            return false;
        kind = "TAR";
    }
    if (h[TAR_TYPE] == 'x' || h[TAR_TYPE] == 'g')
        kind = "PAX";
    else if (h[TAR_TYPE] == 'V')
        kind = "GNU TAR"; /* a volume header, a GNU extension, written without magic */
    label_copy_text(name, sizeof name, h + TAR_NAME, TAR_NAME_LEN);
    if (strcmp(kind, "USTAR") == 0 || strcmp(kind, "PAX") == 0) {
        label_copy_text(prefix, sizeof prefix, h + TAR_PREFIX, TAR_PREFIX_LEN);
        if (prefix[0] != '\0' && strlen(prefix) + 1 + strlen(name) < sizeof name) {
            char joined[LABEL_NAME_LEN];
            memcpy(joined, prefix, strlen(prefix));
            joined[strlen(prefix)] = '/';
            memcpy(joined + strlen(prefix) + 1, name, strlen(name) + 1);
            memcpy(name, joined, sizeof name);
        }
    }
    md5_digest(h, TAR_BLOCK, id);
    label_set(out, "tar", kind, name);
    label_set_id(out, id, sizeof id);
    return true;
}
