/*
 * bacula.c - volume labels of Bacula and Bareos.
 *
 * The first block of a Bacula volume holds the volume label record. All
 * numbers are big-endian. Block header BB02 (24 bytes): checksum, block
 * size, block number, "BB02", session id, session time; the record header
 * that follows (12 bytes): FileIndex, Stream, data size. The older BB01
 * has a 16-byte block header (no session fields) and a 20-byte record
 * header (session id and time first). A volume label record has FileIndex
 * VOL_LABEL (-2), or PRE_LABEL (-1) for a label written by `label` before
 * the first job.
 *
 * The record data starts with the label's Id string, "Bacula 1.0
 * immortal\n" (Bareos writes "Bareos 2.0 immortal\n"), NUL-terminated, then
 * VerNum (uint32), two 8-byte times (label_btime, write_btime for VerNum
 * >= 11), two 8-byte floats, and NUL-terminated strings: VolumeName,
 * PrevVolumeName, PoolName, PoolType, MediaType, HostName ...
 *
 * Label type "Bacula" or "Bareos"; the name is the VolumeName; the label
 * ID the VolumeName, a NUL and the 8 bytes of label_btime, so that two
 * sites that both labelled a volume "Vol-0001" do not collide.
 */
#include <string.h>

#include "label/label.h"

#define BB_ID_OFFSET 12
#define VOL_LABEL (-2)
#define PRE_LABEL (-1)
#define BACULA_NAME_MAX 128

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A NUL-terminated string at *at, at most `max` bytes before the NUL, all
 * inside b[0..end). Advances *at past the NUL. */
static const uint8_t *next_string(const uint8_t *b, size_t end, size_t *at, size_t max)
{
    const uint8_t *s = b + *at;
    size_t room = end - *at < max + 1 ? end - *at : max + 1;
    const uint8_t *nul = *at < end ? memchr(s, '\0', room) : NULL;
    if (nul == NULL)
        return NULL;
    *at += (size_t)(nul - s) + 1;
    return s;
}

static const struct {
    const char *id;
    const char *type;
} writers[] = {
    {"Bacula 1.0 immortal\n", "Bacula"},
    {"Bareos 2.0 immortal\n", "Bareos"},
    {"Bacula 0.9 mortal\n", "Bacula"},
};

bool label_recognize_bacula(const uint8_t *b, size_t len, label_info_t *out)
{
    size_t rec, at, end;
    const char *type = NULL;

    memset(out, 0, sizeof *out);
    if (len < 36)
        return false;
    if (memcmp(b + BB_ID_OFFSET, "BB02", 4) == 0)
        rec = 24;
    else if (memcmp(b + BB_ID_OFFSET, "BB01", 4) == 0)
        rec = 16 + 8; /* FileIndex after session id and time */
    else
        return false;
    int32_t file_index = (int32_t)be32(b + rec);
    uint32_t size = be32(b + rec + 8);
    at = rec + 12;
    if ((file_index != VOL_LABEL && file_index != PRE_LABEL) || size == 0 || size > len - at)
        return false;
    end = at + size;
    const uint8_t *id = next_string(b, end, &at, 32);
    for (size_t i = 0; id != NULL && i < sizeof writers / sizeof writers[0]; i++)
        if (strcmp((const char *)id, writers[i].id) == 0)
            type = writers[i].type;
    if (type == NULL || end - at < 4 + 32)
        return false;
    at += 4;                  /* VerNum */
    const uint8_t *btime = b + at;
    at += 32;                 /* label_btime, write_btime, write_date, write_time */
    const uint8_t *vol = next_string(b, end, &at, BACULA_NAME_MAX);
    if (vol == NULL || vol[0] == '\0')
        return false;
    char name[BACULA_NAME_MAX + 1];
    label_copy_text(name, sizeof name, vol, BACULA_NAME_MAX);
    uint8_t key[BACULA_NAME_MAX + 1 + 8];
    size_t n = strlen(name);
    memcpy(key, name, n);
    key[n] = '\0';
    memcpy(key + n + 1, btime, 8);
    label_set(out, "bacula", type, name);
    label_set_id(out, key, n + 1 + 8);
    return true;
}
