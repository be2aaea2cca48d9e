/*
 * freelabel.h - the service's own free-media label: what is written at the
 * start of a side when it enters a Free pool (`rsm freemedia`,
 * MoveToNtmsMediaPool to Free, DeallocateNtmsMedia TOSCRATCH), so that an
 * inventory that reads it knows the side and knows it holds nothing.
 *
 * One block of LABEL_FREE_BLOCK bytes, written at the beginning of the
 * medium and followed by a filemark; all integers little-endian:
 *
 *   offset  size  field
 *        0     8  magic "RSM FREE"
 *        8     2  version (1)
 *       10     2  header length covered by the checksum, plus 4 (128)
 *       12     4  flags (0; readers ignore bits they do not know)
 *       16    16  the side's GUID (RFC 4122 byte order)
 *       32    16  the physical medium's GUID
 *       48     8  when the label was written: seconds since 1970 UTC
 *       56    64  the medium's name (UTF-8, NUL-padded; its bar code when
 *                 it has one)
 *      120     4  the side number (0: side A)
 *      124     4  CRC-32 (IEEE 802.3, the polynomial of zlib's crc32) of
 *                 bytes 0..123
 *      128   384  zero
 *
 * A reader accepts any version >= 1 whose header length is at least 128
 * and whose checksum over its header holds, so a later version may add
 * fields after byte 124 by moving the checksum to the new end. The label
 * ID of the side is its GUID (16 bytes), the label type "RSM", the label
 * information the medium's name.
 */
#ifndef RSM_LABEL_FREELABEL_H
#define RSM_LABEL_FREELABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LABEL_FREE_BLOCK 512
#define LABEL_FREE_HEADER 128
#define LABEL_FREE_VERSION 1
#define LABEL_FREE_MAGIC "RSM FREE"
#define LABEL_FREE_TYPE "RSM"
#define LABEL_FREE_NAME_LEN 64

typedef struct label_free {
    uint8_t side[16];                  /* GUID bytes, RFC 4122 order (wire_guid_to_bytes) */
    uint8_t medium[16];
    int64_t written;                   /* seconds since 1970 UTC */
    uint32_t side_number;
    char name[LABEL_FREE_NAME_LEN];    /* NUL-terminated (cut to 63 bytes when written) */
} label_free_t;

/* Write the label into buf (len >= LABEL_FREE_BLOCK): returns
 * LABEL_FREE_BLOCK, or 0 when the buffer is too small. */
size_t label_free_write(const label_free_t *in, uint8_t *buf, size_t len);

/* Read a label: true and *out filled when buf starts with a valid one. */
bool label_free_read(const uint8_t *buf, size_t len, label_free_t *out);

/* CRC-32 (IEEE 802.3, reflected, initial and final XOR 0xffffffff). */
uint32_t label_crc32(const uint8_t *p, size_t n);

#endif
