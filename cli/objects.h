/*
 * objects.h - verbs that are one API call on one named object (enable,
 * disable or delete a library, drive or medium; delete a pool; cancel,
 * satisfy or delete a request): resolve the name, call, report. The table
 * of each such verb says which call.
 */
#ifndef RSM_CLI_OBJECTS_H
#define RSM_CLI_OBJECTS_H

#include "opts.h"

typedef DWORD (*object_call_fn)(HANDLE s, DWORD type, NTMS_GUID *id);

struct object_call {
    DWORD type;          /* NTMS_LIBRARY, NTMS_DRIVE, NTMS_MEDIA_POOL ... */
    object_call_fn call;
    const char *done;    /* "enabled" */
};

/* The calls. */
DWORD object_enable(HANDLE s, DWORD type, NTMS_GUID *id);
DWORD object_disable(HANDLE s, DWORD type, NTMS_GUID *id);
DWORD object_delete(HANDLE s, DWORD type, NTMS_GUID *id);
DWORD object_cancel(HANDLE s, DWORD type, NTMS_GUID *id);  /* library or operator request */
DWORD object_satisfy(HANDLE s, DWORD type, NTMS_GUID *id); /* operator request */

/* Resolve `v` (within `scope`, may be NULL), call, and print the result.
 * Returns an exit status. */
int object_run(HANDLE s, const struct optval *v, const NTMS_GUID *scope, const struct object_call *c);

#endif
