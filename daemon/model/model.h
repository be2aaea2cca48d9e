/*
 * model.h - the rules of the NTMS object world.
 *
 * The server decodes a call and hands it here; the model checks it against
 * the reference's rules, does the work through the store (one transaction
 * per call), and answers with a Win32 error code. Nothing here knows about
 * sockets or protobuf; everything here is callable from unit tests with a
 * store opened on ":memory:".
 */
#ifndef RSM_MODEL_H
#define RSM_MODEL_H

#include <rsm/ntmsapi.h>

#include "principal.h"
#include "store/store.h"

/* A fresh random GUID (libuuid). */
void model_new_guid(NTMS_GUID *g);

/* First start (concepts/rsm-startup.md): create, if missing, the computer
 * object named `computer_name`, the offline library, the media-type
 * catalogue, and the Free, Import and Unrecognized pools with one sub-pool per
 * media type. Idempotent: a second call changes nothing. */
DWORD model_first_start(store_t *st, const char *computer_name);

/* EnumerateNtmsObject. *out is filled on success. `options` is dwOptions
 * (NTMS_ENUM_ROOTPOOL puts the root pool first). */
DWORD model_enumerate(store_t *st, const principal_t *who, const NTMS_GUID *container,
                      DWORD type, DWORD options, guid_list_t *out);

/* GetNtmsObjectInformation: `type` is the caller's dwType; it must match the
 * object's type (ERROR_INVALID_PARAMETER otherwise). */
DWORD model_get_info(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                     NTMS_OBJECTINFORMATIONA *out);

/* SetNtmsObjectInformation: copies only the fields the reference lets a
 * caller change for in->dwType (name, description, and the per-type
 * settable members), validating each. */
DWORD model_set_info(store_t *st, const principal_t *who, const NTMS_GUID *id,
                     const NTMS_OBJECTINFORMATIONA *in);

/* Get/SetNtmsObjectAttribute. Names: 1 to NTMS_MAXATTR_NAMELEN-1 bytes
 * (ERROR_INVALID_NAME otherwise); values below NTMS_MAXATTR_LENGTH bytes
 * (ERROR_NO_DATA otherwise). *data is malloc'ed. */
DWORD model_get_attribute(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                          const char *name, uint8_t **data, size_t *len);
DWORD model_set_attribute(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                          const char *name, const uint8_t *data, size_t len);

/* GetNtmsMediaPoolName: the full "Parent\Child" path; *name is malloc'ed. */
DWORD model_pool_name(store_t *st, const principal_t *who, const NTMS_GUID *pool, char **name);

/* CreateNtmsMediaPool: `name` may be a path ("MyApp\Pool1"); every level but
 * the last must exist. media_type may be NULL (a pool of pools). */
DWORD model_create_pool(store_t *st, const principal_t *who, const char *name,
                        const NTMS_GUID *media_type, DWORD action, NTMS_GUID *out, int *created);

/* DeleteNtmsMediaPool: refuses system pools and pools that hold media or
 * pools. */
DWORD model_delete_pool(store_t *st, const principal_t *who, const NTMS_GUID *pool);

/* Who asked, for the szApplication, szUser and szComputer of a library or
 * operator request: the caller, or (`who` NULL) the service itself,
 * application "RSM" on the computer object's name. */
void model_fill_requester(store_t *st, const principal_t *who, char application[NTMS_APPLICATIONNAME_LENGTH],
                          char user[NTMS_USERNAME_LENGTH], char computer[NTMS_COMPUTERNAME_LENGTH]);

#endif
