/*
 * fuzz_tapealert.c - libFuzzer target for the TapeAlert page parser and the
 * cleaning classifications (daemon/changer/tapealert.c).
 *
 * Aborts when an invariant fails: a flag is never set without being seen;
 * a result that reads nothing (short, wrong page) leaves both masks empty;
 * the description is always a terminated string naming only set flags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "changer/tapealert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size > 0 ? size : 1);
    tapealert_t t;
    char text[2048];

    if (buf == NULL)
        return 0;
    if (size > 0)
        memcpy(buf, data, size);
    enum tapealert_result r = tapealert_parse(buf, size, &t);
    if ((t.set & ~t.seen) != 0)
        abort();
    if ((r == TAPEALERT_SHORT || r == TAPEALERT_WRONG_PAGE) && (t.set | t.seen) != 0)
        abort();
    tapealert_describe(t.set, text, sizeof text);
    if (memchr(text, '\0', sizeof text) == NULL || (t.set == 0 && text[0] != '\0'))
        abort();
    /* the same bytes as sense: the classifications never fail */
    scsi_sense_t s = {.valid = size >= 3, .key = size > 0 ? (uint8_t)(buf[0] & 0x0f) : 0,
                      .asc = size > 1 ? buf[1] : 0, .ascq = size > 2 ? buf[2] : 0};
    (void)tapealert_clean_sense(&s);
    (void)tapealert_clean_progress(size > 3 && (buf[3] & 1), &s);
    drive_health_t h = {.has_tapealert = r < TAPEALERT_SHORT, .alerts = t, .has_sense = s.valid, .sense = s};
    (void)drive_health_need(&h);
    free(buf);
    return 0;
}
