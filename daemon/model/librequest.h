/*
 * librequest.h - library requests (NTMS_LIBREQUEST objects): the record of
 * each operation a library performs, as EnumerateNtmsObject and
 * GetNtmsObjectInformation show it.
 *
 * A request is created QUEUED when the operation is accepted, becomes
 * INPROCESS (or WAITING, while it waits for an operator) when the library
 * starts it, and ends PASSED, FAILED (dwErrorCode says why) or CANCELLED,
 * with TimeCompleted set. Who asked is recorded from the caller's principal
 * (application, user, computer); requests the service starts itself say
 * application "RSM". Finished requests older than the computer object's
 * dwLibRequestPurgeTime are purged when a new one is created, unless its
 * dwLibRequestFlags say otherwise.
 *
 * These functions are general on purpose: the mount queue builds on them.
 */
#ifndef RSM_MODEL_LIBREQUEST_H
#define RSM_MODEL_LIBREQUEST_H

#include <rsm/ntmsapi.h>

#include "principal.h"
#include "store/store.h"

/* What a new request is about. Every GUID may be NULL. */
typedef struct librequest_spec {
    DWORD op;                    /* NTMS_LM_* operation */
    DWORD option;                /* OperationOption */
    DWORD priority;
    const NTMS_GUID *library;
    const NTMS_GUID *drive;
    const NTMS_GUID *media;      /* PhysMediaId */
    const NTMS_GUID *slot;
    const NTMS_GUID *partition;
} librequest_spec_t;

/* Create a QUEUED request; *out is its GUID (the operation GUID that
 * InjectNtmsMedia and EjectNtmsMedia hand back). `who` may be NULL for the
 * service's own requests. */
DWORD model_librequest_create(store_t *st, const principal_t *who, const librequest_spec_t *spec,
                              NTMS_GUID *out);

/* Set an open request's State (NTMS_LM_INPROCESS, NTMS_LM_WAITING ...).
 * ERROR_INVALID_STATE when the request has already finished. */
DWORD model_librequest_set_state(store_t *st, const NTMS_GUID *id, DWORD state);

/* Finish a request: `error` 0 -> PASSED, ERROR_CANCELLED -> CANCELLED,
 * anything else -> FAILED with dwErrorCode = error. TimeCompleted = now.
 * Finishing a finished request changes nothing and returns
 * ERROR_INVALID_STATE. */
DWORD model_librequest_finish(store_t *st, const NTMS_GUID *id, DWORD error);

/* The oldest open request of operation `op` in `library`;
 * ERROR_OBJECT_NOT_FOUND when there is none. */
DWORD model_librequest_find_open(store_t *st, const NTMS_GUID *library, DWORD op, NTMS_GUID *out);

/* True when `id` is a request of operation `op` that has not finished. */
int model_librequest_is_open(store_t *st, const NTMS_GUID *id, DWORD op);

/* At start: requests a previous run left open can never finish; mark them
 * FAILED with ERROR_CANCELLED. *n (may be NULL) is how many. */
DWORD model_librequests_recover(store_t *st, size_t *n);

#endif
