/*
 * fuzz_labels.c - libFuzzer target for the built-in label recognizers of
 * daemon/label/. The first byte selects one recognizer (or, past the last,
 * all of them in order as label_recognize_builtin runs them); the rest is
 * the label, copied into a buffer of exactly its size so that any read
 * past it is caught.
 *
 * Aborts when an invariant fails: a refused label leaves *out zeroed; a
 * recognized one has an ID of 1..LABEL_ID_MAX bytes and terminated,
 * non-empty type and terminated name and format. A free label that reads
 * back is written again identically in its header.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "label/freelabel.h"
#include "label/label.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const label_info_t *li)
{
    static const label_info_t zero;
    if (!ok) {
        if (memcmp(li, &zero, sizeof zero) != 0)
            abort();
        return;
    }
    if (!li->recognized || li->id_len == 0 || li->id_len > LABEL_ID_MAX)
        abort();
    if (memchr(li->type, '\0', sizeof li->type) == NULL || li->type[0] == '\0' ||
        memchr(li->name, '\0', sizeof li->name) == NULL || memchr(li->format, '\0', sizeof li->format) == NULL)
        abort();
}

static void round_trip(const uint8_t *buf, size_t len)
{
    label_free_t f;
    uint8_t again[LABEL_FREE_BLOCK];
    if (!label_free_read(buf, len, &f))
        return;
    if (label_free_write(&f, again, sizeof again) != LABEL_FREE_BLOCK)
        abort();
    label_free_t g;
    if (!label_free_read(again, sizeof again, &g) || memcmp(&f, &g, sizeof f) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t which = data[0] % (label_builtin_count() + 1), len = size - 1;
    uint8_t *buf = malloc(len > 0 ? len : 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data + 1, len);
    label_info_t li;
    bool ok;
    if (which < label_builtin_count())
        ok = label_builtin(which)->fn(buf, len, &li);
    else
        ok = label_recognize_builtin(buf, len, false, &li);
    check(ok, &li);
    round_trip(buf, len);
    free(buf);
    return 0;
}
