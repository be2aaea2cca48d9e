/*
 * rsm_internal.h - what the files of librsm share with each other.
 *
 * Nothing here is exported: lib/librsm.map keeps only the API's names, and
 * none of the names below contains "Ntms". The pieces are:
 *   conn.c       one socket to rsmd, shared by many threads: whole frames are
 *                sent under a lock, and responses are matched to callers by
 *                request id (leader/follower read, see conn.c).
 *   handles.c    tables of reference-counted objects behind HANDLEs.
 *   session.c    session handles, the per-thread last error, open and close.
 *   notify.c     notification handles and their waits.
 *   text.c       UTF-8 <-> wchar_t.
 *   objinfo_w.c  NTMS_OBJECTINFORMATIONA <-> NTMS_OBJECTINFORMATIONW.
 *   secdesc.c    the length of a self-relative security descriptor.
 *   objects.c, pools.c, library.c, standalone.c, media.c, mount.c, opreq.c,
 *   cleaner.c, database.c, unimplemented.c
 *                the API functions.
 */
#ifndef RSM_LIB_INTERNAL_H
#define RSM_LIB_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "wire.h"

/* ------------------------------------------------------------------------ */
/* Diagnostics (session.c). A library must not chatter on a program's stderr,
 * so these lines appear only when the environment sets RSM_DEBUG. */

void rsm_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ------------------------------------------------------------------------ */
/* The connection (conn.c) */

typedef struct rsm_waiter rsm_waiter_t;

typedef struct rsm_conn {
    int fd;                    /* closed only by conn_destroy */
    pthread_mutex_t send_lock; /* held while one whole frame is written */
    pthread_mutex_t lock;      /* guards everything below */
    uint64_t last_id;          /* ids handed out so far */
    int reading;               /* a caller is reading frames for everyone */
    int broken;                /* the stream is gone: every call fails */
    rsm_waiter_t *waiters;     /* callers whose response has not arrived */
} rsm_conn_t;

/* Connect to the Unix socket at `path`. Returns 0, ERROR_NOT_CONNECTED
 * (nothing listens there) or another Win32 code. The caller destroys the
 * connection with conn_destroy() whatever the result. */
DWORD conn_open(rsm_conn_t *c, const char *path);

/* Send `req` (its id is assigned here) and wait for its response. Returns 0
 * with *resp set, which the caller frees with conn_free_response(); or
 * ERROR_NOT_CONNECTED when the connection broke before the answer came;
 * or a packing error. Safe to call from many threads at once. */
DWORD conn_call(rsm_conn_t *c, Rsm__Request *req, Rsm__Response **resp);
void conn_free_response(Rsm__Response *resp);

/* Limit how long one read may block (0 = no limit). Used while opening. */
void conn_set_read_timeout(rsm_conn_t *c, unsigned seconds);

/* Mark the connection broken and wake every waiting caller; the descriptor
 * stays open (so its number cannot be reused under a reader) until
 * conn_destroy(). */
void conn_shutdown(rsm_conn_t *c);
int conn_is_broken(rsm_conn_t *c);
void conn_destroy(rsm_conn_t *c);

/* ------------------------------------------------------------------------ */
/* Handle tables (handles.c) */

/* The first member of every object a table holds; `refs` is guarded by
 * the table's lock. */
typedef struct handle_obj {
    unsigned refs;
} handle_obj_t;

struct handle_slot;
typedef struct handle_table {
    pthread_mutex_t lock;
    uintptr_t tag;               /* 1..14, one per kind of handle */
    struct handle_slot *slots;
    size_t nslots;
} handle_table_t;

#define HANDLE_TABLE_INIT(tag) { PTHREAD_MUTEX_INITIALIZER, (tag), NULL, 0 }
#define HANDLE_TAG_SESSION 0x5u
#define HANDLE_TAG_NOTIFICATION 0x9u

/* Put `obj` in the table with one reference (the table's). */
DWORD handle_insert(handle_table_t *t, handle_obj_t *obj, HANDLE *out);
/* The object `h` names with a reference added, or NULL. */
handle_obj_t *handle_acquire(handle_table_t *t, HANDLE h);
/* Another reference on an object already held. */
void handle_hold(handle_table_t *t, handle_obj_t *obj);
/* Drop a reference; 1 when it was the last (the caller frees the object). */
int handle_release(handle_table_t *t, handle_obj_t *obj);
/* Take the object out of the table (its handle is dead from now on); the
 * table's reference passes to the caller. NULL when `h` names nothing. */
handle_obj_t *handle_remove(handle_table_t *t, HANDLE h);
/* 0, or ERROR_INVALID_HANDLE unless `h` names an object of the table. */
DWORD handle_check(handle_table_t *t, HANDLE h);

/* ------------------------------------------------------------------------ */
/* Sessions (session.c) */

typedef struct rsm_session rsm_session_t;

/* ERROR_INVALID_HANDLE unless `h` names an open session. Every API function
 * calls this first, so a bad handle wins over any other error. */
DWORD session_check(HANDLE h);

/* The open session `h` names, with a reference the caller gives back with
 * session_release; NULL for a bad handle. The connection outlives the
 * session's handle as long as a reference is held: after CloseNtmsSession
 * its calls fail with ERROR_NOT_CONNECTED. */
rsm_session_t *session_acquire(HANDLE h);
void session_release(rsm_session_t *s);

/* session_call on a session already held. */
DWORD session_call_held(rsm_session_t *s, Rsm__Request *req, Rsm__Response **resp);

/* Send one request on the session named by `h` and wait for the answer.
 * Returns ERROR_INVALID_HANDLE, ERROR_NOT_CONNECTED, a packing error, or the
 * service's error code. *resp is set whenever a response arrived (also on a
 * service error, since ERROR_INSUFFICIENT_BUFFER answers carry the needed
 * size) and must then be freed with conn_free_response(); otherwise NULL. */
DWORD session_call(HANDLE h, Rsm__Request *req, Rsm__Response **resp);

/* session_call keeping only the status (library.c). */
DWORD session_call_status(HANDLE h, Rsm__Request *req);

/* session_call for a call that answers with an operation GUID (an
 * OperationResult in oneof member `want`): copied to *op on success; a
 * reply without one answers reply_malformed(name) (library.c). */
DWORD session_call_operation(HANDLE h, Rsm__Request *req, Rsm__Response__ResultCase want, const char *name,
                             NTMS_GUID *op);

/* ------------------------------------------------------------------------ */
/* Text (text.c). Wide strings are wchar_t (UTF-32 on Linux); surrogate pairs
 * are accepted and joined, a lone surrogate or a value above U+10FFFF is
 * rejected. UTF-8 is decoded strictly (no overlong forms, no surrogates).
 *
 * Both converters read `in` up to its NUL or `in_max` units, whichever comes
 * first (so fixed arrays without a terminator are safe), write at most
 * `out_cap` units including the terminating NUL, and report in *needed the
 * units the whole result takes including the NUL. Returns 0,
 * ERROR_INSUFFICIENT_BUFFER (out_cap < *needed; nothing useful in `out`), or
 * ERROR_INVALID_PARAMETER (the input is not valid text). `out` may be NULL
 * when out_cap is 0, to measure. */
DWORD text_wide_to_utf8(const wchar_t *in, size_t in_max,
                        char *out, size_t out_cap, size_t *needed);
DWORD text_utf8_to_wide(const char *in, size_t in_max,
                        wchar_t *out, size_t out_cap, size_t *needed);

/* A NUL-terminated wide string as a newly allocated UTF-8 string (free()).
 * NULL in gives NULL out and success. */
DWORD text_wide_to_utf8_dup(const wchar_t *in, char **out);

/* ------------------------------------------------------------------------ */
/* Object information, A <-> W (objinfo_w.c). Every field is copied and
 * every string converted; dwSize is set to the size of the output structure.
 * A string that does not fit its destination array, or is not valid text,
 * gives ERROR_INVALID_PARAMETER. */

DWORD objinfo_a_to_w(const NTMS_OBJECTINFORMATIONA *a, NTMS_OBJECTINFORMATIONW *w);
DWORD objinfo_w_to_a(const NTMS_OBJECTINFORMATIONW *w, NTMS_OBJECTINFORMATIONA *a);

/* ------------------------------------------------------------------------ */
/* Security descriptors (secdesc.c) */

/* The length in bytes of a self-relative security descriptor, read from the
 * descriptor itself as Windows does. ERROR_INVALID_PARAMETER when it is not
 * one (wrong revision, not self-relative, parts out of range). */
DWORD secdesc_length(const void *descriptor, size_t *length);

/* ------------------------------------------------------------------------ */
/* Small shared helpers for the API files (objects.c). */

/* A GUID as a 16-byte wire field; `buf` must outlive the message. */
ProtobufCBinaryData guid_field(const NTMS_GUID *g, uint8_t buf[16]);

/* A response that lacks the result its call needs, or whose result does not
 * make sense: logs `call` and gives ERROR_INVALID_PARAMETER, the code the
 * library uses for anything invalid that came from the service. */
DWORD reply_malformed(const char *call);

#endif
