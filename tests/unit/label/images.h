/*
 * images.h - label images assembled from the published formats, for the
 * recognizer tests and the fuzz corpus: each writes one label at the start
 * of buf (zeroed first, `len` bytes) and returns the bytes it used.
 */
#ifndef RSM_TEST_LABEL_IMAGES_H
#define RSM_TEST_LABEL_IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* MTF TAPE DBLK: software and media names, a media description; `label`
 * sets the Tape Media Label bit; `unicode` writes UTF-16LE strings. */
size_t image_mtf(uint8_t *buf, size_t len, const char *software, const char *media_name, const char *descr,
                 bool label, bool unicode);
/* ANSI VOL1 (`ebcdic`: IBM standard label) with volume id and
 * implementation identifier (NULL: blanks). */
size_t image_vol1(uint8_t *buf, size_t len, const char *volid, const char *impl, bool ebcdic);
/* LTFS: VOL1 "LTFS", and when `uuid` is given the XML label after it. */
size_t image_ltfs(uint8_t *buf, size_t len, const char *volid, const char *uuid);
/* Bacula (`bareos`: Bareos) BB02 block with a VOL_LABEL record. */
size_t image_bacula(uint8_t *buf, size_t len, const char *volume, uint64_t label_btime, bool bareos);
/* Amanda tape header. */
size_t image_amanda(uint8_t *buf, size_t len, const char *date, const char *label);

#endif
