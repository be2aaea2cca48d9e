/*
 * store_librequest.h - the queries on library requests (NTMS_LIBREQUEST
 * objects) that the generic object functions of store.h do not cover.
 *
 * A library request is an ordinary object: store_insert creates it,
 * store_get/store_update read and change it. What is here selects requests
 * by their state, which the queue and its housekeeping need.
 *
 * Same conventions as store.h: Win32 error codes, one thread (the loop).
 */
#ifndef RSM_STORE_LIBREQUEST_H
#define RSM_STORE_LIBREQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The requests not yet finished (State NTMS_LM_QUEUED, NTMS_LM_INPROCESS or
 * NTMS_LM_WAITING), oldest first: of `library` (NULL: every library) and
 * with OperationCode `op`, or of every operation when `any_op` is set. */
DWORD store_librequests_open(store_t *st, const NTMS_GUID *library, DWORD op, int any_op,
                             guid_list_t *out);

/* Delete finished requests (PASSED, CANCELLED, STOPPED, INVALID, and FAILED
 * when `failed_too` is set) completed at or before `before_ms`. *purged (may be
 * NULL) receives how many went. */
DWORD store_librequests_purge(store_t *st, int64_t before_ms, int failed_too, size_t *purged);

#endif
