/*
 * secdesc.c - the length of a caller's security descriptor.
 *
 * The API hands security descriptors over as bare pointers (SECURITY_
 * ATTRIBUTES.lpSecurityDescriptor, and later SetNtmsObjectSecurity), with no
 * length beside them: on Windows the length is read from the descriptor
 * itself. librsm does the same for the self-relative layout Windows uses, so
 * the bytes can travel to the service, which owns their meaning:
 *
 *   0  BYTE  Revision (1)      4  DWORD OffsetOwner    12 DWORD OffsetSacl
 *   1  BYTE  Sbz1              8  DWORD OffsetGroup    16 DWORD OffsetDacl
 *   2  WORD  Control (SE_SELF_RELATIVE 0x8000 must be set)
 *
 * all little-endian. A SID is 8 bytes plus 4 per sub-authority (count in its
 * byte 1); an ACL states its own size in bytes 2-3. The descriptor ends at
 * the furthest end of its parts.
 */
#include "rsm_internal.h"

#define SD_HEADER 20u
#define SD_REVISION 1u
#define SE_DACL_PRESENT 0x0004u
#define SE_SACL_PRESENT 0x0010u
#define SE_SELF_RELATIVE 0x8000u
#define SID_MAX_SUB_AUTHORITIES 15u
/* Far beyond any real descriptor; a larger claim is a corrupt one. */
#define SD_MAX_LENGTH 65536u

static uint32_t read_le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static uint32_t read_le32(const uint8_t *p)
{
    return read_le16(p) | read_le16(p + 2) << 16;
}

/* The end of the part at `offset` (0 = absent), or 0 if it is malformed. */
static uint32_t sid_end(const uint8_t *sd, uint32_t offset)
{
    uint32_t count;

    if (offset == 0)
        return SD_HEADER;
    if (offset < SD_HEADER || offset > SD_MAX_LENGTH - 8)
        return 0;
    count = sd[offset + 1];
    if (sd[offset] != 1 || count > SID_MAX_SUB_AUTHORITIES)
        return 0;
    return offset + 8 + 4 * count;
}

static uint32_t acl_end(const uint8_t *sd, uint32_t offset, int present)
{
    uint32_t size;

    if (!present || offset == 0)
        return SD_HEADER;
    if (offset < SD_HEADER || offset > SD_MAX_LENGTH - 8)
        return 0;
    size = read_le16(sd + offset + 2);
    if (size < 8)
        return 0;
    return offset + size;
}

DWORD secdesc_length(const void *descriptor, size_t *length)
{
    const uint8_t *sd = descriptor;
    uint32_t control, ends[4], end = SD_HEADER;

    if (sd[0] != SD_REVISION) {
        rsm_log("security descriptor: revision %u, expected %u", sd[0], SD_REVISION);
        return ERROR_INVALID_PARAMETER;
    }
    control = read_le16(sd + 2);
    if (!(control & SE_SELF_RELATIVE)) {
        rsm_log("security descriptor is not self-relative");
        return ERROR_INVALID_PARAMETER;
    }
    ends[0] = sid_end(sd, read_le32(sd + 4));
    ends[1] = sid_end(sd, read_le32(sd + 8));
    ends[2] = acl_end(sd, read_le32(sd + 12), (control & SE_SACL_PRESENT) != 0);
    ends[3] = acl_end(sd, read_le32(sd + 16), (control & SE_DACL_PRESENT) != 0);
    for (int i = 0; i < 4; i++) {
        if (ends[i] == 0 || ends[i] > SD_MAX_LENGTH) {
            rsm_log("security descriptor: part %d is malformed", i);
            return ERROR_INVALID_PARAMETER;
        }
        if (ends[i] > end)
            end = ends[i];
    }
    *length = end;
    return 0;
}
