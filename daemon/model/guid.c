/*
 * guid.c - identifiers and the small value helpers every model file uses.
 *
 * Object GUIDs are random (version 4) UUIDs from libuuid, converted through
 * the wire code so that the GUID printed by the daemon, stored in the
 * database and sent to clients is the same 16 bytes in the same order.
 */
#include <uuid/uuid.h>

#include "model_int.h"
#include "wire.h"

void model_new_guid(NTMS_GUID *g)
{
    uuid_t u;

    uuid_generate_random(u);
    wire_guid_from_bytes(u, g);
}

int model_guid_absent(const NTMS_GUID *g)
{
    return g == NULL || wire_guid_is_null(g);
}

long model_bounded_len(const char *s, size_t cap)
{
    const char *nul = memchr(s, '\0', cap);

    return nul ? (long)(nul - s) : -1;
}

void model_copy_name(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);

    memset(dst, 0, cap);
    memcpy(dst, src, n);
}
