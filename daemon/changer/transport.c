/*
 * transport.c - picks the transport for a device string: "iscsi://..." goes
 * to libiscsi, "script:..." to the scripted wrapper of tests
 * (transport_script.h), anything else is taken as a SCSI generic node for
 * SG_IO.
 */
#include "changer/transport.h"
#include "changer/transport_script.h"

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
    if (strncmp(device, "script:", 7) == 0)
        return transport_script_open(device, out, why, why_len);
    if (strncasecmp(device, "iscsi://", 8) == 0)
        return transport_iscsi_open(device, out, why, why_len);
    return transport_sg_open(device, out, why, why_len);
}

void transport_close(transport_t *t)
{
    if (t != NULL)
        t->ops->close(t);
}
