/*
 * freelabel.c - writing and reading the service's own free-media label
 * (the format is in freelabel.h and docs/design/labels.md).
 */
#include "label/freelabel.h"

#include <string.h>

#include "label/label.h"

#define OFF_VERSION 8
#define OFF_HEADER_LEN 10
#define OFF_FLAGS 12
#define OFF_SIDE 16
#define OFF_MEDIUM 32
#define OFF_WRITTEN 48
#define OFF_NAME 56
#define OFF_SIDE_NUMBER 120
#define OFF_CRC 124

static void put_le(uint8_t *p, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint32_t label_crc32(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

size_t label_free_write(const label_free_t *in, uint8_t *buf, size_t len)
{
    if (len < LABEL_FREE_BLOCK)
        return 0;
    memset(buf, 0, LABEL_FREE_BLOCK);
    memcpy(buf, LABEL_FREE_MAGIC, 8);
    put_le(buf + OFF_VERSION, LABEL_FREE_VERSION, 2);
    put_le(buf + OFF_HEADER_LEN, LABEL_FREE_HEADER, 2);
    put_le(buf + OFF_FLAGS, 0, 4);
    memcpy(buf + OFF_SIDE, in->side, 16);
    memcpy(buf + OFF_MEDIUM, in->medium, 16);
    put_le(buf + OFF_WRITTEN, (uint64_t)in->written, 8);
    size_t n = strnlen(in->name, LABEL_FREE_NAME_LEN - 1);
    memcpy(buf + OFF_NAME, in->name, n);
    put_le(buf + OFF_SIDE_NUMBER, in->side_number, 4);
    put_le(buf + OFF_CRC, label_crc32(buf, OFF_CRC), 4);
    return LABEL_FREE_BLOCK;
}

bool label_free_read(const uint8_t *buf, size_t len, label_free_t *out)
{
    memset(out, 0, sizeof *out);
    if (len < LABEL_FREE_HEADER || memcmp(buf, LABEL_FREE_MAGIC, 8) != 0)
        return false;
    size_t header = (size_t)get_le(buf + OFF_HEADER_LEN, 2);
    if (get_le(buf + OFF_VERSION, 2) < 1 || header < LABEL_FREE_HEADER || header > len ||
        get_le(buf + header - 4, 4) != label_crc32(buf, header - 4))
        return false;
    memcpy(out->side, buf + OFF_SIDE, 16);
    memcpy(out->medium, buf + OFF_MEDIUM, 16);
    out->written = (int64_t)get_le(buf + OFF_WRITTEN, 8);
    out->side_number = (uint32_t)get_le(buf + OFF_SIDE_NUMBER, 4);
    label_copy_utf8(out->name, sizeof out->name, buf + OFF_NAME, LABEL_FREE_NAME_LEN - 1);
    return true;
}

bool label_recognize_free(const uint8_t *buf, size_t len, label_info_t *out)
{
    label_free_t f;

    memset(out, 0, sizeof *out);
    if (!label_free_read(buf, len, &f))
        return false;
    label_set(out, "free", LABEL_FREE_TYPE, f.name);
    label_set_id(out, f.side, sizeof f.side);
    out->ours_free = true;
    return true;
}
