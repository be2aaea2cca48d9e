/*
 * fuzz_decoder.c - libFuzzer target for everything a peer's bytes reach
 * first: wire_unpack_request/_response, then objinfo_from_pb for any
 * ObjectInfo inside, then packing what was decoded.
 *
 * Besides "no crash, no leak" it checks two properties and aborts when one
 * fails: whatever unpacks packs again into bytes that unpack; and an
 * ObjectInfo that decodes to a structure encodes and decodes back to the
 * same structure (decoding normalises: truncated strings, clamped times).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "objinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode, encode, decode: the two structures must be identical. */
static void check_objinfo(const Rsm__ObjectInfo *msg)
{
    NTMS_OBJECTINFORMATIONA first, second;
    objinfo_pb_t holder;
    Rsm__ObjectInfo *again;
    uint8_t *buf;
    size_t len;

    if (objinfo_from_pb(msg, &first) != 0)
        return;
    objinfo_to_pb(&first, &holder);
    len = rsm__object_info__get_packed_size(&holder.msg);
    buf = malloc(len + 1);
    if (buf == NULL)
        return;
    rsm__object_info__pack(&holder.msg, buf);
    again = rsm__object_info__unpack(NULL, len, buf);
    free(buf);
    if (again == NULL || objinfo_from_pb(again, &second) != 0 ||
        memcmp(&first, &second, sizeof(first)) != 0)
        abort();
    rsm__object_info__free_unpacked(again, NULL);
}

static void check_request(const uint8_t *data, size_t size)
{
    Rsm__Request *req = wire_unpack_request(data, size), *again;
    uint8_t *frame;
    size_t len;

    if (req == NULL)
        return;
    if (req->call_case == RSM__REQUEST__CALL_SET_OBJECT_INFO)
        check_objinfo(req->set_object_info->info);
    if (wire_pack_request(req, &frame, &len) == 0) {
        again = wire_unpack_request(frame + RSM_WIRE_HEADER, len - RSM_WIRE_HEADER);
        if (again == NULL || wire_frame_length(frame) != len - RSM_WIRE_HEADER)
            abort();
        rsm__request__free_unpacked(again, NULL);
        free(frame);
    }
    rsm__request__free_unpacked(req, NULL);
}

static void check_response(const uint8_t *data, size_t size)
{
    Rsm__Response *resp = wire_unpack_response(data, size), *again;
    uint8_t *frame;
    size_t len;

    if (resp == NULL)
        return;
    if (resp->result_case == RSM__RESPONSE__RESULT_OBJECT_INFO)
        check_objinfo(resp->object_info);
    if (wire_pack_response(resp, &frame, &len) == 0) {
        again = wire_unpack_response(frame + RSM_WIRE_HEADER, len - RSM_WIRE_HEADER);
        if (again == NULL || wire_frame_length(frame) != len - RSM_WIRE_HEADER)
            abort();
        rsm__response__free_unpacked(again, NULL);
        free(frame);
    }
    rsm__response__free_unpacked(resp, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_request(data, size);
    check_response(data, size);
    return 0;
}
