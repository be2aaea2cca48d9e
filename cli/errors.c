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
    E(ERROR_FILE_NOT_FOUND, "the file or device was not found"),
    E(ERROR_ACCESS_DENIED, "you lack the access this operation needs"),
    E(ERROR_INVALID_HANDLE, "the session handle is not valid"),
    E(ERROR_NOT_ENOUGH_MEMORY, "out of memory"),
    E(ERROR_BAD_FORMAT, "the data is not in the expected format"),
    E(ERROR_INVALID_DRIVE, "the drive is not valid"),
    E(ERROR_WRITE_PROTECT, "the medium is write-protected or Complete"),
    E(ERROR_NOT_READY, "the service or device is not ready; try again shortly"),
    E(ERROR_SHARING_VIOLATION, "another process is using it"),
    E(ERROR_NOT_SUPPORTED, "the operation is not supported"),
    E(ERROR_INVALID_PARAMETER, "a parameter is missing or not valid"),
    E(ERROR_CALL_NOT_IMPLEMENTED, "the service does not implement this call yet"),
    E(ERROR_INSUFFICIENT_BUFFER, "the buffer is too small"),
    E(ERROR_INVALID_NAME, "the name is not valid or too long"),
    E(ERROR_BUSY, "the device or medium is busy"),
    E(ERROR_ALREADY_EXISTS, "an object with that name already exists"),
    E(ERROR_NO_DATA, "no data (the notification channel closed)"),
    E(ERROR_MORE_DATA, "more data is available"),
    E(ERROR_INVALID_FLAGS, "the options are not valid"),
    E(ERROR_DATABASE_DOES_NOT_EXIST, "the database does not exist"),
    E(ERROR_MEDIA_CHANGED, "the medium changed"),
    E(ERROR_NO_MEDIA_IN_DRIVE, "there is no medium in the drive"),
    E(ERROR_IO_DEVICE, "the device reported an I/O error"),
    E(ERROR_DEVICE_REQUIRES_CLEANING, "the drive needs cleaning"),
    E(ERROR_DEVICE_DOOR_OPEN, "the library door is open"),
    E(ERROR_DEVICE_NOT_CONNECTED, "the device is not connected"),
    E(ERROR_NOT_FOUND, "not found"),
    E(ERROR_UNRECOGNIZED_MEDIA, "the medium is not recognized"),
    E(ERROR_CONNECTION_UNAVAIL, "the connection to rsmd is gone"),
    E(ERROR_INVALID_COMPUTERNAME, "the server name is not valid"),
    E(ERROR_NO_NETWORK, "the network is not available"),
    E(ERROR_CANCELLED, "the request was cancelled"),
    E(ERROR_NO_SECURITY_ON_OBJECT, "the object has no security information"),
    E(ERROR_TIMEOUT, "the operation timed out"),
    E(RPC_S_NO_INTERFACES, "the service speaks another protocol version"),
    E(ERROR_NOT_CONNECTED, "cannot reach rsmd (is it running? is RSM_SOCKET right?)"),
    E(ERROR_INVALID_MEDIA, "the medium is not valid"),
    E(ERROR_INVALID_LIBRARY, "the library is not valid"),
    E(ERROR_INVALID_MEDIA_POOL, "the media pool is not valid"),
    E(ERROR_DRIVE_MEDIA_MISMATCH, "the drive and the medium are not in the same library"),
    E(ERROR_MEDIA_OFFLINE, "the medium is offline"),
    E(ERROR_LIBRARY_OFFLINE, "the library is offline"),
    E(ERROR_EMPTY, "the library, drive or slot is empty"),
    E(ERROR_NOT_EMPTY, "the object still holds media or pools"),
    E(ERROR_MEDIA_UNAVAILABLE, "no media is available"),
    E(ERROR_RESOURCE_DISABLED, "the object is disabled"),
    E(ERROR_INVALID_CLEANER, "the cleaner cartridge is not valid"),
    E(ERROR_UNABLE_TO_CLEAN, "the drive could not be cleaned"),
    E(ERROR_OBJECT_NOT_FOUND, "no such object"),
    E(ERROR_DATABASE_FAILURE, "the database failed; see the rsmd log"),
    E(ERROR_DATABASE_FULL, "the database is full"),
    E(ERROR_MEDIA_INCOMPATIBLE, "the media type does not match"),
    E(ERROR_RESOURCE_NOT_PRESENT, "the resource is not present"),
    E(ERROR_INVALID_OPERATION, "the operation is not valid here"),
    E(ERROR_MEDIA_NOT_AVAILABLE, "the medium is not available"),
    E(ERROR_DEVICE_NOT_AVAILABLE, "the device is not available"),
    E(ERROR_REQUEST_REFUSED, "the request was refused"),
    E(ERROR_INVALID_DRIVE_OBJECT, "the drive object is not valid"),
    E(ERROR_LIBRARY_FULL, "the library has no free slot"),
    E(ERROR_MEDIUM_NOT_ACCESSIBLE, "the medium cannot be reached"),
    E(ERROR_UNABLE_TO_LOAD_MEDIUM, "the medium could not be loaded"),
    E(ERROR_UNABLE_TO_INVENTORY_DRIVE, "the drive could not be inventoried"),
    E(ERROR_UNABLE_TO_INVENTORY_SLOT, "the slot could not be inventoried"),
    E(ERROR_UNABLE_TO_INVENTORY_TRANSPORT, "the transport could not be inventoried"),
    E(ERROR_TRANSPORT_FULL, "the transport holds a medium"),
    E(ERROR_CONTROLLING_IEPORT, "the insert/eject port could not be controlled"),
    E(ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA, "mounted media cannot be ejected"),
    E(ERROR_CLEANER_SLOT_SET, "a cleaner slot is already reserved"),
    E(ERROR_CLEANER_SLOT_NOT_SET, "no cleaner slot is reserved"),
    E(ERROR_CLEANER_CARTRIDGE_SPENT, "the cleaner cartridge is used up"),
    E(ERROR_UNEXPECTED_OMID, "the on-media identifier is not the expected one"),
    E(ERROR_CANT_DELETE_LAST_ITEM, "the last item cannot be deleted"),
    E(ERROR_MESSAGE_EXCEEDS_MAX_SIZE, "the message is too long"),
    E(ERROR_INDIGENOUS_TYPE, "the type belongs to the system and cannot change"),
    E(ERROR_NO_SUPPORTING_DRIVES, "no drive supports this media type"),
    E(ERROR_CLEANER_CARTRIDGE_INSTALLED, "a cleaner cartridge is installed"),
    E(ERROR_IEPORT_FULL, "the insert/eject port is full"),
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
