/*
 * md5.c - MD5 as RFC 1321 defines it: 64-byte blocks, four rounds of
 * sixteen steps, little-endian words, the length in bits appended.
 */
#include "label/md5.h"

#include <string.h>

/* Shift amounts per round, four per round repeated. */
static const uint8_t shifts[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

/* floor(abs(sin(i + 1)) * 2^32), i = 0..63. */
static const uint32_t sines[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static uint32_t rotl(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

static void compress(uint32_t h[4], const uint8_t b[64])
{
    uint32_t w[16], a = h[0], bb = h[1], c = h[2], d = h[3];

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
               (uint32_t)b[4 * i + 3] << 24;
    for (int i = 0; i < 64; i++) {
        int round = i / 16;
        uint32_t f;
        int g;
        switch (round) {
        case 0:
            f = (bb & c) | (~bb & d);
            g = i;
            break;
        case 1:
            f = (d & bb) | (~d & c);
            g = (5 * i + 1) % 16;
            break;
        case 2:
            f = bb ^ c ^ d;
            g = (3 * i + 5) % 16;
            break;
        default:
            f = c ^ (bb | ~d);
            g = (7 * i) % 16;
            break;
        }
        uint32_t t = d;
        d = c;
        c = bb;
        bb = bb + rotl(a + f + sines[i] + w[g], shifts[round][i % 4]);
        a = t;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
}

void md5_init(md5_t *m)
{
    memset(m, 0, sizeof *m);
    m->h[0] = 0x67452301;
    m->h[1] = 0xefcdab89;
    m->h[2] = 0x98badcfe;
    m->h[3] = 0x10325476;
}

void md5_update(md5_t *m, const void *data, size_t len)
{
    const uint8_t *p = data;

    m->bytes += len;
    while (len > 0) {
        size_t take = 64 - m->fill < len ? 64 - m->fill : len;
        memcpy(m->block + m->fill, p, take);
        m->fill += take;
        p += take;
        len -= take;
        if (m->fill == 64) {
            compress(m->h, m->block);
            m->fill = 0;
        }
    }
}

void md5_final(md5_t *m, uint8_t digest[16])
{
    uint64_t bits = m->bytes * 8;
    uint8_t pad = 0x80, zero = 0, len[8];

    md5_update(m, &pad, 1);
    while (m->fill != 56)
        md5_update(m, &zero, 1);
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (8 * i));
    md5_update(m, len, 8);
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 4; k++)
            digest[4 * i + k] = (uint8_t)(m->h[i] >> (8 * k));
}

void md5_digest(const void *data, size_t len, uint8_t digest[16])
{
    md5_t m;
    md5_init(&m);
    md5_update(&m, data, len);
    md5_final(&m, digest);
}
