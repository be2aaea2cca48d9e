/*
 * opreq_api.h - the rules of the operator-request calls of the API
 * (SubmitNtmsOperatorRequest, Satisfy-, CancelNtmsOperatorRequest, and
 * the state WaitForNtmsOperatorRequest starts from) and of Get/SetNtms-
 * UIOptions. The server decodes a call and hands it here; waiting is the
 * server's (daemon/server/dispatch_opreq.c).
 *
 * `session` is the caller's session number: a NULL lpObjectId names the
 * session's own destination list, and the requests it submits are also
 * announced to that list.
 */
#ifndef RSM_QUEUE_OPREQ_API_H
#define RSM_QUEUE_OPREQ_API_H

#include <stdint.h>

#include "queue/opreq.h"
#include "store/store_opreq.h"

/* SubmitNtmsOperatorRequest: the arguments each request type takes (see
 * opreq_api.c), then opreq_submit. */
DWORD opreq_api_submit(store_t *st, const principal_t *who, uint64_t session, DWORD request, const char *message,
                       const NTMS_GUID *arg1, const NTMS_GUID *arg2, NTMS_GUID *out);

/* SatisfyNtmsOperatorRequest and CancelNtmsOperatorRequest. */
DWORD opreq_api_satisfy(store_t *st, const principal_t *who, const NTMS_GUID *request);
DWORD opreq_api_cancel(store_t *st, const principal_t *who, const NTMS_GUID *request);

/* WaitForNtmsOperatorRequest before it waits: 0 with *open set when the
 * request is open; otherwise the call's answer (0 satisfied,
 * ERROR_CANCELLED refused, ERROR_OBJECT_NOT_FOUND). */
DWORD opreq_api_wait_start(store_t *st, const NTMS_GUID *request, int *open);

/* GetNtmsUIOptions: the destinations of `type` for `object` (NULL: the
 * session's list), appended to *out. */
DWORD uiopt_get(store_t *st, const principal_t *who, uint64_t session, const NTMS_GUID *object, DWORD type,
                strlist_t *out);

/* SetNtmsUIOptions. `dest` NULL means the caller's computer name, "" the
 * service's own (MS-RSMP and the reference page); ignored by DELETEALL. */
DWORD uiopt_set(store_t *st, const principal_t *who, uint64_t session, const NTMS_GUID *object, DWORD type,
                DWORD operation, const char *dest);

/* The session ended: its destination lists go. */
void uiopt_session_ended(store_t *st, uint64_t session);

#endif
