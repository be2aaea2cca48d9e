/*
 * dispatch_library.h - the handlers of the library and drive calls
 * (inventory, inject, eject, door, slots, enable, delete, device change
 * detection, stand-alone eject; the cleaner calls are dispatch_cleaner.c's),
 * registered in dispatch.c's call table.
 */
#ifndef RSM_SERVER_DISPATCH_LIBRARY_H
#define RSM_SERVER_DISPATCH_LIBRARY_H

#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "model/principal.h"
#include "wire.h"

struct call;

void handle_inventory_library(struct call *c);
void handle_inject_media(struct call *c);
void handle_eject_media(struct call *c);
void handle_access_library_door(struct call *c);
void handle_identify_slot(struct call *c);
void handle_set_object_enabled(struct call *c);
void handle_delete_library(struct call *c);
void handle_delete_drive(struct call *c);
void handle_begin_detection(struct call *c);
void handle_set_detection(struct call *c);
void handle_end_detection(struct call *c);
void handle_eject_standalone_disk(struct call *c);

/* Answer with `err` and, on success with `op` not NULL, an
 * OperationResult in the oneof member of `result` (inject, eject, and the
 * cleaner calls). */
void dispatch_answer_operation(struct call *c, DWORD err, Rsm__Response__ResultCase result, const NTMS_GUID *op);

/* A call with one GUID field `f` (named `field` in errors) that operation
 * `fn` answers at once. */
void dispatch_guid_call(struct call *c, const ProtobufCBinaryData *f, const char *field,
                        DWORD (*fn)(const principal_t *who, const NTMS_GUID *id));

/* Drive cleaning (dispatch_cleaner.c). */
void handle_reserve_cleaner_slot(struct call *c);
void handle_release_cleaner_slot(struct call *c);
void handle_inject_cleaner(struct call *c);
void handle_eject_cleaner(struct call *c);
void handle_clean_drive(struct call *c);

/* A session ended: its device change detections end too. */
void dispatch_library_session_ended(uint64_t session_id);

#endif
