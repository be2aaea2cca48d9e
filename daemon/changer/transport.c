/*
 * transport.c - picks the transport for a device string: "iscsi://..." goes
 * to libiscsi, anything else is taken as a SCSI generic node for SG_IO.
 */
#include "changer/transport.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

DWORD transport_open(const char *device, transport_t **out, char *why, size_t why_len)
{
    *out = NULL;
    if (device == NULL || device[0] == '\0') {
        snprintf(why, why_len, "no device given");
        return ERROR_INVALID_PARAMETER;
    }
    if (strncasecmp(device, "iscsi://", 8) == 0)
        return transport_iscsi_open(device, out, why, why_len);
    return transport_sg_open(device, out, why, why_len);
}

void transport_close(transport_t *t)
{
    if (t != NULL)
        t->ops->close(t);
}
