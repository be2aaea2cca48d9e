/*
 * devices.h - the rules for libraries, drives and the media in them that
 * the library control functions share: which library a call may use, what
 * a disabled object forbids, enabling and disabling, deleting libraries and
 * drives, and where a medium goes when it leaves a library.
 *
 * Whether a library is connected (its worker runs) is the library core's
 * knowledge, not the database's: callers pass it in where a rule needs it.
 */
#ifndef RSM_MODEL_DEVICES_H
#define RSM_MODEL_DEVICES_H

#include <rsm/ntmsapi.h>

#include "principal.h"
#include "store/store.h"

/* The codes one API function answers for a library it cannot use; each
 * function's reference page names its own. */
typedef struct library_errors {
    DWORD not_library; /* the GUID names no library */
    DWORD offline;     /* it is the offline library */
    DWORD disabled;    /* it is disabled (DisableNtmsObject) */
} library_errors_t;

/* Read library `id` into *out and check it is an enabled online (or
 * stand-alone) library, answering with the codes in `e`. */
DWORD model_library_for_call(store_t *st, const NTMS_GUID *id, const library_errors_t *e,
                             NTMS_OBJECTINFORMATIONA *out);

/* The offline library: type OFFLINE with FIXEDOFFLINE. */
int model_library_is_offline(const NTMS_OBJECTINFORMATIONA *lib);

/* A disabled object is not used. 0 when `library` (`drive`: the drive and
 * its library) may be used, ERROR_RESOURCE_DISABLED when not,
 * ERROR_OBJECT_NOT_FOUND when the GUID names no such object. The library
 * core checks these before work it starts by itself. */
DWORD model_library_usable(store_t *st, const NTMS_GUID *library);
DWORD model_drive_usable(store_t *st, const NTMS_GUID *drive);

/* EnableNtmsObject / DisableNtmsObject for a library, drive or physical
 * medium. Disabling a medium disables its sides with it. Recorded as a
 * finished library request (NTMS_LM_ENABLE... / DISABLE...). */
DWORD model_set_enabled(store_t *st, const principal_t *who, DWORD type, const NTMS_GUID *id,
                        int enabled);

/* DeleteNtmsLibrary: the library must not be connected (`connected`),
 * must be enabled and must not be the offline library; its media go to
 * the offline library, then it and every device in it are deleted. */
DWORD model_delete_library(store_t *st, const principal_t *who, const NTMS_GUID *id, int connected);

/* DeleteNtmsDrive: the drive must be NTMS_NOT_PRESENT, except the drive of
 * a stand-alone library (no slots), whose deletion deletes the library
 * (which must then not be connected). */
DWORD model_delete_drive(store_t *st, const principal_t *who, const NTMS_GUID *id,
                         int library_connected);

/* Record that a medium is no longer in its library: it is now in the
 * offline library, as the inventory records a cartridge that went missing
 * (CurrentLibrary and Location the offline library, LocationType
 * NTMS_LIBRARY, no HomeSlot). */
DWORD model_media_to_offline(store_t *st, const NTMS_GUID *media);

/* A medium an eject took out of its library (EjectNtmsMedia,
 * EjectDiskFromSADrive): cleaners, import, unrecognized and incompatible
 * media are deleted, as the reference says; the others go to the offline
 * library. *deleted (may be NULL) tells which happened. */
DWORD model_media_ejected(store_t *st, const NTMS_GUID *media, int *deleted);

/* The library a physical medium is in, and whether the medium can be
 * ejected at all: ERROR_INVALID_MEDIA for an unknown medium,
 * ERROR_LIBRARY_OFFLINE when it is in the offline library,
 * ERROR_MEDIA_NOT_AVAILABLE when it is disabled. */
DWORD model_media_for_eject(store_t *st, const NTMS_GUID *media, NTMS_OBJECTINFORMATIONA *out);

#endif
