/*
 * fuzz_sense.c - libFuzzer target for sense data: decoding (fixed and
 * descriptor formats), the condition table, and the log text.
 *
 * Aborts when an invariant fails: a decode that reports failure leaves a
 * zeroed result, the key fits in 4 bits, and the description is always a
 * terminated string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "changer/sense.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size > 0 ? size : 1);
    if (buf == NULL)
        return 0;
    if (size > 0)
        memcpy(buf, data, size);
    scsi_sense_t s;
    bool ok = sense_decode(buf, size, &s);
    if (ok != s.valid || s.key > 0x0f)
        abort();
    if (!ok) {
        static const scsi_sense_t zero;
        if (memcmp(&s, &zero, sizeof(s)) != 0)
            abort();
    }
    const sense_rule_t *r = sense_lookup(s.key, s.asc, s.ascq);
    if (r == NULL || r->note == NULL)
        abort();
    (void)sense_to_win32(&s);
    (void)sense_classify(&s);
    char text[96];
    sense_describe(&s, text, sizeof(text));
    if (memchr(text, '\0', sizeof(text)) == NULL)
        abort();
    free(buf);
    return 0;
}
