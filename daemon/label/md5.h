/*
 * md5.h - MD5 (RFC 1321), for the label ID of an MTF tape whose label
 * carries no GUID (concepts/using-mtf-media-labels.md) and of archives
 * that carry no identifier at all. An identifier, not a security measure.
 */
#ifndef RSM_LABEL_MD5_H
#define RSM_LABEL_MD5_H

#include <stddef.h>
#include <stdint.h>

typedef struct md5 {
    uint32_t h[4];
    uint64_t bytes;        /* message length so far */
    uint8_t block[64];     /* the partial block */
    size_t fill;
} md5_t;

void md5_init(md5_t *m);
void md5_update(md5_t *m, const void *data, size_t len);
void md5_final(md5_t *m, uint8_t digest[16]);
/* The digest of one buffer. */
void md5_digest(const void *data, size_t len, uint8_t digest[16]);

#endif
