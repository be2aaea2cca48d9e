/*
 * amanda.c - Amanda tape headers.
 *
 * Amanda starts each tape with a text header in its first block (32 KiB,
 * the rest NUL): "AMANDA: TAPESTART DATE <datestamp> TAPE <label>" and a
 * newline. The datestamp is "X" on a tape labelled (amlabel) but not yet
 * written. The label is unique within an Amanda configuration, so it is
 * both the label ID and the name; the label type is "AMANDA".
 */
#include <string.h>

#include "label/label.h"

#define AMANDA_MAGIC "AMANDA: TAPESTART DATE "
#define AMANDA_TAPE " TAPE "
#define AMANDA_LINE_MAX 256

/* The next blank-delimited word at p[*at..n); its length (0: none). */
static size_t word(const uint8_t *p, size_t n, size_t *at)
{
    size_t start = *at;
    while (*at < n && p[*at] > ' ' && p[*at] < 0x7f)
        (*at)++;
    return *at - start;
}

bool label_recognize_amanda(const uint8_t *b, size_t len, label_info_t *out)
{
    size_t magic = strlen(AMANDA_MAGIC), tape = strlen(AMANDA_TAPE);
    size_t n = len < AMANDA_LINE_MAX ? len : AMANDA_LINE_MAX, at = magic;

    memset(out, 0, sizeof *out);
    if (n < magic || memcmp(b, AMANDA_MAGIC, magic) != 0)
        return false;
    if (word(b, n, &at) == 0 || n - at < tape || memcmp(b + at, AMANDA_TAPE, tape) != 0)
        return false;
    at += tape;
    size_t start = at, wlen = word(b, n, &at);
    if (wlen == 0 || (at < n && b[at] != '\n' && b[at] != ' ' && b[at] != '\0' && b[at] != '\r'))
        return false;
    char name[AMANDA_LINE_MAX];
    label_copy_text(name, sizeof name, b + start, wlen);
    label_set(out, "amanda", "AMANDA", name);
    label_set_id(out, name, strlen(name));
    return true;
}
