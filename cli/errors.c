/*
 * errors.c - the table behind errors.h. Only codes the API documents are
 * listed; anything else prints as its number.
 */
#include "errors.h"

#include <stdio.h>

struct error_entry {
    DWORD code;
    const char *name;
    const char *text;
};

#define E(name, text) {name, #name, text}
static const struct error_entry errors[] = {
    E(ERROR_SUCCESS, "the operation completed"),
    E(ERROR_ACCESS_DENIED, "you lack the access this operation needs"),
    E(ERROR_INVALID_HANDLE, "the session handle is not valid"),
    E(ERROR_NOT_ENOUGH_MEMORY, "out of memory"),
    E(ERROR_NOT_READY, "the service is starting; try again shortly"),
    E(ERROR_NOT_SUPPORTED, "the operation is not supported"),
    E(ERROR_INVALID_PARAMETER, "a parameter is missing or not valid"),
    E(ERROR_CALL_NOT_IMPLEMENTED, "the service does not implement this call yet"),
    E(ERROR_INSUFFICIENT_BUFFER, "the buffer is too small"),
    E(ERROR_INVALID_NAME, "the name is not valid or too long"),
    E(ERROR_BUSY, "the device or medium is busy"),
    E(ERROR_ALREADY_EXISTS, "an object with that name already exists"),
    E(ERROR_NO_DATA, "the data is too large"),
    E(ERROR_INVALID_COMPUTERNAME, "the server name is not valid"),
    E(ERROR_CANCELLED, "the request was cancelled"),
    E(ERROR_TIMEOUT, "the operation timed out"),
    E(RPC_S_NO_INTERFACES, "the service speaks another protocol version"),
    E(ERROR_NOT_CONNECTED, "cannot reach rsmd (is it running? is RSM_SOCKET right?)"),
    E(ERROR_CONNECTION_UNAVAIL, "the connection to rsmd is gone"),
    E(ERROR_INVALID_MEDIA, "the medium is not valid"),
    E(ERROR_INVALID_LIBRARY, "the library is not valid"),
    E(ERROR_INVALID_MEDIA_POOL, "the media pool is not valid"),
    E(ERROR_MEDIA_OFFLINE, "the medium is offline"),
    E(ERROR_LIBRARY_OFFLINE, "the library is offline"),
    E(ERROR_NOT_EMPTY, "the object still holds media or pools"),
    E(ERROR_MEDIA_UNAVAILABLE, "no media is available"),
    E(ERROR_RESOURCE_DISABLED, "the object is disabled"),
    E(ERROR_OBJECT_NOT_FOUND, "no such object"),
    E(ERROR_DATABASE_FAILURE, "the database failed; see the rsmd log"),
    E(ERROR_DATABASE_FULL, "the database is full"),
    E(ERROR_MEDIA_INCOMPATIBLE, "the media type does not match"),
    E(ERROR_RESOURCE_NOT_PRESENT, "the resource is not present"),
    E(ERROR_INVALID_OPERATION, "the operation is not valid here"),
    E(ERROR_DEVICE_NOT_AVAILABLE, "the device is not available"),
    E(ERROR_REQUEST_REFUSED, "the request was refused"),
    E(ERROR_LIBRARY_FULL, "the library has no free slot"),
    E(ERROR_RESOURCE_NOT_AVAILABLE, "the resource is not available"),
    E(ERROR_INVALID_STATE, "the object is in the wrong state"),
};
#undef E

static const struct error_entry *find(DWORD code)
{
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].code == code)
            return &errors[i];
    return NULL;
}

const char *error_name(DWORD code)
{
    static char unknown[32];
    const struct error_entry *e = find(code);
    if (e)
        return e->name;
    snprintf(unknown, sizeof unknown, "error %u", (unsigned)code);
    return unknown;
}

const char *error_text(DWORD code)
{
    const struct error_entry *e = find(code);
    return e ? e->text : "";
}
