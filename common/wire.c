/*
 * wire.c - framing and value conventions shared by librsm and rsmd.
 *
 * Owns the 4-byte length prefix, the frame size limit, packing and unpacking
 * of the two top-level messages, and the conversions between the API's GUID
 * and SYSTEMTIME and their wire forms (16 RFC 4122 bytes; milliseconds since
 * the Unix epoch). Nothing here logs: both the library and the service link
 * this file, and each reports failures in its own way from the return codes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uuid/uuid.h>

#include "wire.h"

#ifndef ERROR_MESSAGE_EXCEEDS_MAX_SIZE
#define ERROR_MESSAGE_EXCEEDS_MAX_SIZE 4336
#endif

/* ------------------------------------------------------------------------ */
/* Framing */

uint32_t wire_frame_length(const uint8_t header[RSM_WIRE_HEADER])
{
    return (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 |
           (uint32_t)header[2] << 8 | (uint32_t)header[3];
}

void wire_put_length(uint8_t header[RSM_WIRE_HEADER], uint32_t length)
{
    header[0] = (uint8_t)(length >> 24);
    header[1] = (uint8_t)(length >> 16);
    header[2] = (uint8_t)(length >> 8);
    header[3] = (uint8_t)length;
}

/* Both top-level messages frame the same way; the size check comes before
 * the allocation so a runaway message never costs its own size in memory. */
static DWORD pack_frame(const ProtobufCMessage *msg, uint8_t **frame, size_t *len)
{
    size_t body = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf;

    *frame = NULL;
    *len = 0;
    if (body > RSM_WIRE_MAX_FRAME)
        return ERROR_MESSAGE_EXCEEDS_MAX_SIZE;
    buf = malloc(RSM_WIRE_HEADER + body);
    if (buf == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    wire_put_length(buf, (uint32_t)body);
    protobuf_c_message_pack(msg, buf + RSM_WIRE_HEADER);
    *frame = buf;
    *len = RSM_WIRE_HEADER + body;
    return 0;
}

DWORD wire_pack_request(const Rsm__Request *req, uint8_t **frame, size_t *len)
{
    return pack_frame(&req->base, frame, len);
}

DWORD wire_pack_response(const Rsm__Response *resp, uint8_t **frame, size_t *len)
{
    return pack_frame(&resp->base, frame, len);
}

/* protobuf-c 1.4 accepts field number 0 when the tag is spelled with a
 * redundant continuation byte (0x80 0x00), keeps it as an unknown field and
 * would write it back as a plain 0x00 that nobody can parse. Field 0 is
 * invalid protobuf, so such a message is malformed: look for it in the
 * message and every sub-message (the schema nests at most a few levels
 * and has no recursive types). */
static int has_field_zero(const ProtobufCMessage *msg)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    unsigned i;

    for (i = 0; i < msg->n_unknown_fields; i++)
        if (msg->unknown_fields[i].tag == 0)
            return 1;
    for (i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        const char *base = (const char *)msg;
        const ProtobufCMessage *sub;

        if (f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)(base + f->quantifier_offset), j;
            ProtobufCMessage *const *items = *(ProtobufCMessage *const *const *)(base + f->offset);

            for (j = 0; j < n; j++)
                if (has_field_zero(items[j]))
                    return 1;
            continue;
        }
        if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
            *(const uint32_t *)(base + f->quantifier_offset) != f->id)
            continue;
        sub = *(const ProtobufCMessage *const *)(base + f->offset);
        if (sub != NULL && has_field_zero(sub))
            return 1;
    }
    return 0;
}

/* Unpack a body of either top-level type, or NULL. */
static ProtobufCMessage *unpack_body(const ProtobufCMessageDescriptor *d,
                                     const uint8_t *body, size_t len)
{
    ProtobufCMessage *msg;

    if (len > RSM_WIRE_MAX_FRAME || (body == NULL && len != 0))
        return NULL;
    msg = protobuf_c_message_unpack(d, NULL, len, body);
    if (msg != NULL && has_field_zero(msg)) {
        protobuf_c_message_free_unpacked(msg, NULL);
        return NULL;
    }
    return msg;
}

Rsm__Request *wire_unpack_request(const uint8_t *body, size_t len)
{
    return (Rsm__Request *)unpack_body(&rsm__request__descriptor, body, len);
}

Rsm__Response *wire_unpack_response(const uint8_t *body, size_t len)
{
    return (Rsm__Response *)unpack_body(&rsm__response__descriptor, body, len);
}

/* ------------------------------------------------------------------------ */
/* GUIDs: the in-memory structure keeps Data1..Data3 as host integers, the
 * wire and the string form put them most significant byte first. */

void wire_guid_to_bytes(const NTMS_GUID *g, uint8_t out[16])
{
    out[0] = (uint8_t)(g->Data1 >> 24);
    out[1] = (uint8_t)(g->Data1 >> 16);
    out[2] = (uint8_t)(g->Data1 >> 8);
    out[3] = (uint8_t)g->Data1;
    out[4] = (uint8_t)(g->Data2 >> 8);
    out[5] = (uint8_t)g->Data2;
    out[6] = (uint8_t)(g->Data3 >> 8);
    out[7] = (uint8_t)g->Data3;
    memcpy(out + 8, g->Data4, 8);
}

void wire_guid_from_bytes(const uint8_t in[16], NTMS_GUID *g)
{
    g->Data1 = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 |
               (uint32_t)in[2] << 8 | (uint32_t)in[3];
    g->Data2 = (uint16_t)(in[4] << 8 | in[5]);
    g->Data3 = (uint16_t)(in[6] << 8 | in[7]);
    memcpy(g->Data4, in + 8, 8);
}

DWORD wire_guid_from_field(const ProtobufCBinaryData *field, int has, NTMS_GUID *g)
{
    if (!has || field->len == 0) {
        memset(g, 0, sizeof(*g));
        return 0;
    }
    if (field->len != 16 || field->data == NULL)
        return ERROR_INVALID_PARAMETER;
    wire_guid_from_bytes(field->data, g);
    return 0;
}

int wire_guid_is_null(const NTMS_GUID *g)
{
    static const NTMS_GUID null_guid;

    return memcmp(g, &null_guid, sizeof(*g)) == 0;
}

void wire_guid_to_string(const NTMS_GUID *g, char out[37])
{
    uint8_t bytes[16];

    wire_guid_to_bytes(g, bytes);
    uuid_unparse_lower(bytes, out);
}

/* libuuid checks the 36-character shape and the hex digits (either case);
 * this only peels off one optional pair of braces first. */
int wire_guid_from_string(const char *s, NTMS_GUID *g)
{
    uint8_t bytes[16];
    size_t n;

    if (s == NULL)
        return -1;
    n = strlen(s);
    if (n == 38 && s[0] == '{' && s[37] == '}') {
        s++;
        n = 36;
    }
    if (n != 36 || uuid_parse_range(s, s + n, bytes) != 0)
        return -1;
    wire_guid_from_bytes(bytes, g);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Times. Civil-date arithmetic on the proleptic Gregorian calendar, done in
 * 64-bit integers so that any SYSTEMTIME a caller hands in (even a nonsense
 * one) and any millisecond count a peer sends give a defined result. */

#define MS_PER_DAY 86400000LL

/* SYSTEMTIME covers the years 1601 to 30827; decoded times are clamped to
 * that range so the year always fits its WORD. */
#define SYSTEMTIME_MIN_MS (-11644473600000LL)        /* 1601-01-01 00:00:00.000 */
#define SYSTEMTIME_MAX_MS (910670515199999LL)        /* 30827-12-31 23:59:59.999 */

/* Days from 1970-01-01 to year-month-day; months outside 1..12 are not
 * rejected, they merely give a meaningless (but defined) count. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int64_t wire_time_from_systemtime(const SYSTEMTIME *st)
{
    static const SYSTEMTIME zero;
    int64_t days;

    if (memcmp(st, &zero, sizeof(*st)) == 0)
        return 0;
    days = days_from_civil(st->wYear, st->wMonth, st->wDay);
    return days * MS_PER_DAY + st->wHour * 3600000LL + st->wMinute * 60000LL +
           st->wSecond * 1000LL + st->wMilliseconds;
}

void wire_time_to_systemtime(int64_t ms, SYSTEMTIME *st)
{
    int64_t days, rem, y, m, d;

    memset(st, 0, sizeof(*st));
    if (ms == 0)
        return;
    if (ms < SYSTEMTIME_MIN_MS)
        ms = SYSTEMTIME_MIN_MS;
    if (ms > SYSTEMTIME_MAX_MS)
        ms = SYSTEMTIME_MAX_MS;
    days = ms / MS_PER_DAY;
    rem = ms % MS_PER_DAY;
    if (rem < 0) {
        rem += MS_PER_DAY;
        days--;
    }
    civil_from_days(days, &y, &m, &d);
    st->wYear = (WORD)y;
    st->wMonth = (WORD)m;
    st->wDay = (WORD)d;
    /* 1970-01-01 was a Thursday (4, with Sunday = 0). */
    st->wDayOfWeek = (WORD)(((days % 7) + 11) % 7);
    st->wHour = (WORD)(rem / 3600000);
    st->wMinute = (WORD)(rem / 60000 % 60);
    st->wSecond = (WORD)(rem / 1000 % 60);
    st->wMilliseconds = (WORD)(rem % 1000);
}

int64_t wire_time_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
