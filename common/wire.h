/*
 * wire.h - the framing and value conventions shared by librsm and rsmd.
 *
 * The schema lives in proto/rsm.proto; this file owns what the schema cannot
 * say: how a message is framed on the stream, how large a frame may be, and
 * how the C API's GUIDs and SYSTEMTIMEs map to the wire's bytes and
 * milliseconds. Both sides link the same code, so the two ends cannot drift.
 */
#ifndef RSM_COMMON_WIRE_H
#define RSM_COMMON_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "rsm.pb-c.h"

/* Raised only when a change cannot be made by adding fields (see the .proto). */
#define RSM_PROTOCOL_VERSION 1u

/* Bytes of the length prefix, and the largest frame either side accepts.
 * 16 MiB holds an enumeration of a million GUIDs with room to spare; anything
 * larger is a corrupt or hostile peer, and the connection is closed. */
#define RSM_WIRE_HEADER 4u
#define RSM_WIRE_MAX_FRAME (16u * 1024u * 1024u)

/* Default socket path, overridden by the RSM_SOCKET environment variable on
 * the client and by the `socket` key of rsmd.conf on the service. */
#define RSM_DEFAULT_SOCKET "/run/rsm/rsmd.sock"

/* Length in the 4-byte big-endian prefix. */
uint32_t wire_frame_length(const uint8_t header[RSM_WIRE_HEADER]);
void wire_put_length(uint8_t header[RSM_WIRE_HEADER], uint32_t length);

/* Pack a message into a newly allocated frame (prefix included). Returns 0,
 * or ERROR_NOT_ENOUGH_MEMORY / ERROR_MESSAGE_EXCEEDS_MAX_SIZE. The caller
 * frees *frame with free(). */
DWORD wire_pack_request(const Rsm__Request *req, uint8_t **frame, size_t *len);
DWORD wire_pack_response(const Rsm__Response *resp, uint8_t **frame, size_t *len);

/* Unpack a frame body (without the prefix). NULL on malformed input; the
 * result is freed with rsm__request__free_unpacked(msg, NULL) and likewise.
 * A request whose `call` is unset, or a GUID field that is not 16 bytes, is
 * still returned: the dispatcher rejects those with ERROR_INVALID_PARAMETER. */
Rsm__Request *wire_unpack_request(const uint8_t *body, size_t len);
Rsm__Response *wire_unpack_response(const uint8_t *body, size_t len);

/* GUIDs travel as 16 bytes in RFC 4122 order (Data1..Data3 big-endian). */
void wire_guid_to_bytes(const NTMS_GUID *g, uint8_t out[16]);
void wire_guid_from_bytes(const uint8_t in[16], NTMS_GUID *g);
/* A bytes field as a GUID: 0 on success, ERROR_INVALID_PARAMETER when the
 * length is not 16. An empty/absent field gives GUID_NULL and succeeds. */
DWORD wire_guid_from_field(const ProtobufCBinaryData *field, int has, NTMS_GUID *g);
int wire_guid_is_null(const NTMS_GUID *g);
/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (36 chars + NUL), and back. */
void wire_guid_to_string(const NTMS_GUID *g, char out[37]);
int wire_guid_from_string(const char *s, NTMS_GUID *g); /* 0 on success; accepts {braces} */

/* SYSTEMTIME (UTC) <-> milliseconds since the Unix epoch. A zeroed
 * SYSTEMTIME maps to 0 and back. */
int64_t wire_time_from_systemtime(const SYSTEMTIME *st);
void wire_time_to_systemtime(int64_t ms, SYSTEMTIME *st);
int64_t wire_time_now_ms(void);

#endif
