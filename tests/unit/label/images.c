/*
 * images.c - label images written from the format descriptions (MTF
 * 1.00a, ANSI X3.27, the LTFS format specification, the Bacula developer
 * guide's media format, Amanda's tape header), independently of the
 * recognizers they test.
 */
#include "images.h"

#include <stdio.h>
#include <string.h>

static void le16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
    le16(p, v & 0xffff);
    le16(p + 2, v >> 16);
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Put string s at *at as an MTF_TAPE_ADDRESS in field `field`. */
static void mtf_string(uint8_t *b, size_t field, size_t *at, const char *s, bool unicode)
{
    size_t n = strlen(s), size = unicode ? 2 * n : n;
    for (size_t i = 0; i < n; i++) {
        if (unicode)
            le16(b + *at + 2 * i, (uint8_t)s[i]);
        else
            b[*at + i] = (uint8_t)s[i];
    }
    le16(b + field, (unsigned)size);
    le16(b + field + 2, (unsigned)*at);
    *at += size;
}

size_t image_mtf(uint8_t *b, size_t len, const char *software, const char *media_name, const char *descr,
                 bool label, bool unicode)
{
    size_t at = 94;
    uint16_t x = 0;

    memset(b, 0, len);
    memcpy(b, "TAPE", 4);
    le16(b + 8, 0);               /* offset to first event */
    b[10] = 14;                   /* OS id: Windows NT */
    le32(b + 36, 0);              /* control block id */
    b[48] = unicode ? 2 : 1;      /* string type */
    le32(b + 52, 0x1234abcd);     /* media family id */
    le32(b + 56, label ? 2 : 0);  /* TAPE attributes: media label bit */
    le16(b + 60, 1);              /* media sequence number */
    le16(b + 84, 1024);           /* format logical block size */
    b[93] = 1;                    /* MTF major version */
    mtf_string(b, 68, &at, media_name, unicode);
    mtf_string(b, 72, &at, descr, unicode);
    mtf_string(b, 80, &at, software, unicode);
    for (size_t i = 0; i < 50; i += 2)
        x ^= (uint16_t)(b[i] | b[i + 1] << 8);
    le16(b + 50, x);
    return 1024;
}

static const char ascii_to_ebcdic_digits[] = "0123456789";

static uint8_t to_ebcdic(char c)
{
    if (c >= '0' && c <= '9')
        return (uint8_t)(0xf0 + (strchr(ascii_to_ebcdic_digits, c) - ascii_to_ebcdic_digits));
    if (c >= 'A' && c <= 'I')
        return (uint8_t)(0xc1 + (c - 'A'));
    if (c >= 'J' && c <= 'R')
        return (uint8_t)(0xd1 + (c - 'J'));
    if (c >= 'S' && c <= 'Z')
        return (uint8_t)(0xe2 + (c - 'S'));
    return 0x40; /* blank */
}

size_t image_vol1(uint8_t *b, size_t len, const char *volid, const char *impl, bool ebcdic)
{
    char rec[81];

    memset(b, 0, len);
    snprintf(rec, sizeof rec, "VOL1%-6.6s %-13s%-13.13s%-14s%-28s4", volid, "", impl ? impl : "", "OWNER", "");
    for (size_t i = 0; i < 80; i++)
        b[i] = ebcdic ? to_ebcdic(rec[i]) : (uint8_t)rec[i];
    if (ebcdic)
        memcpy(b, "\xe5\xd6\xd3\xf1", 4);
    return 80;
}

size_t image_ltfs(uint8_t *b, size_t len, const char *volid, const char *uuid)
{
    size_t n = image_vol1(b, len, volid, "LTFS", false);
    b[10] = 'L'; /* accessibility: LTFS volumes say L */
    if (uuid == NULL)
        return n;
    n += (size_t)snprintf((char *)b + n, len - n,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ltfslabel version=\"2.4.0\">"
                          "<creator>test</creator><formattime>2024-01-01T00:00:00.000000000Z</formattime>"
                          "<volumeuuid>%s</volumeuuid><location><partition>a</partition></location>"
                          "<partitions><index>a</index><data>b</data></partitions>"
                          "<blocksize>524288</blocksize><compression>true</compression></ltfslabel>\n",
                          uuid);
    return n;
}

/* A serialized string, NUL included. */
static size_t ser_string(uint8_t *p, const char *s)
{
    size_t n = strlen(s) + 1;
    memcpy(p, s, n);
    return n;
}

size_t image_bacula(uint8_t *b, size_t len, const char *volume, uint64_t label_btime, bool bareos)
{
    size_t at = 36, start;

    memset(b, 0, len);
    be32(b + 4, 64512);          /* block size */
    be32(b + 8, 1);              /* block number */
    memcpy(b + 12, "BB02", 4);
    be32(b + 16, 0);             /* session id */
    be32(b + 20, 0);             /* session time */
    be32(b + 24, (uint32_t)-2);  /* FileIndex: VOL_LABEL */
    be32(b + 28, 0);             /* Stream */
    start = at;
    at += ser_string(b + at, bareos ? "Bareos 2.0 immortal\n" : "Bacula 1.0 immortal\n");
    be32(b + at, bareos ? 20 : 11); /* VerNum */
    at += 4;
    be32(b + at, (uint32_t)(label_btime >> 32));
    be32(b + at + 4, (uint32_t)label_btime);
    at += 8 + 8 + 8 + 8;          /* write_btime, write_date, write_time */
    at += ser_string(b + at, volume);
    at += ser_string(b + at, ""); /* PrevVolumeName */
    at += ser_string(b + at, "Default");
    at += ser_string(b + at, "Backup");
    at += ser_string(b + at, "LTO-8");
    at += ser_string(b + at, "backuphost");
    at += ser_string(b + at, "bacula-sd");
    at += ser_string(b + at, "13.0.1");
    at += ser_string(b + at, "05Aug23");
    be32(b + 32, (uint32_t)(at - start)); /* data size */
    return 64512 < len ? 64512 : len;
}

size_t image_amanda(uint8_t *b, size_t len, const char *date, const char *label)
{
    memset(b, 0, len);
    snprintf((char *)b, len, "AMANDA: TAPESTART DATE %s TAPE %s\n\014\n", date, label);
    return 32768 < len ? 32768 : len;
}
