/*
 * notify.c - OpenNtmsNotification, WaitForNtmsNotification and
 * CloseNtmsNotification (docs/design/notify.md).
 *
 * A notification handle is a handle of librsm's own (handles.c, a tag of
 * its own, so a session handle is no notification handle) naming the
 * service's handle on the session it was opened on; it holds a reference
 * on that session, whose connection carries its waits.
 *
 * Waits. One wait per handle is on the wire at a time: the service answers
 * a second one ERROR_BUSY, so threads waiting on one handle take turns on
 * wait_lock, each within its own dwTimeout. The service answers with up to
 * WAIT_BATCH events; the first is returned and the rest are kept here for
 * the next waits, so a client that keeps up costs one round trip per batch
 * rather than per event. ERROR_NO_DATA means the handle's queue in the
 * service overflowed: events were lost, and the client re-reads the
 * objects it watches; the handle stays open and reports the changes made
 * after that answer.
 *
 * Closing. CloseNtmsNotification takes the handle out of the table (new
 * calls get ERROR_INVALID_HANDLE) and closes the service's handle, which
 * answers a wait in progress ERROR_INVALID_HANDLE; threads still queued
 * for their turn see `closed` and answer the same.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rsm_internal.h"

#define WAIT_BATCH 128

typedef struct rsm_notify {
    handle_obj_t hdr;       /* first: the table's reference count */
    rsm_session_t *session; /* held for the handle's life */
    uint64_t service_handle;
    int closed;             /* set once by Close; read with __atomic */
    pthread_mutex_t wait_lock; /* the turn to wait; guards what follows */
    NTMS_NOTIFICATIONINFORMATION kept[WAIT_BATCH];
    size_t head, n;
} rsm_notify_t;

static handle_table_t notifications = HANDLE_TABLE_INIT(HANDLE_TAG_NOTIFICATION);

static void release_notify(rsm_notify_t *nt)
{
    if (!handle_release(&notifications, &nt->hdr))
        return;
    session_release(nt->session);
    pthread_mutex_destroy(&nt->wait_lock);
    free(nt);
}

/* ------------------------------------------------------------------------ */
/* Open and close */

/* Tell the service to close its handle. */
static DWORD close_on_service(rsm_session_t *s, uint64_t handle)
{
    Rsm__CloseNotification msg = RSM__CLOSE_NOTIFICATION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp = NULL;

    msg.handle = handle;
    req.call_case = RSM__REQUEST__CALL_CLOSE_NOTIFICATION;
    req.close_notification = &msg;
    DWORD err = session_call_held(s, &req, &resp);
    conn_free_response(resp);
    return err;
}

static DWORD open_on_service(rsm_session_t *s, DWORD type, uint64_t *handle)
{
    Rsm__OpenNotification msg = RSM__OPEN_NOTIFICATION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp = NULL;

    msg.type = type;
    req.call_case = RSM__REQUEST__CALL_OPEN_NOTIFICATION;
    req.open_notification = &msg;
    DWORD err = session_call_held(s, &req, &resp);
    if (err == 0 && resp->result_case != RSM__RESPONSE__RESULT_OPEN_NOTIFICATION)
        err = reply_malformed("OpenNtmsNotification");
    if (err == 0)
        *handle = resp->open_notification->handle;
    conn_free_response(resp);
    return err;
}

HANDLE OpenNtmsNotification(HANDLE hSession, DWORD dwType)
{
    rsm_session_t *s = session_acquire(hSession);
    rsm_notify_t *nt = NULL;
    uint64_t handle = 0;
    HANDLE h = INVALID_HANDLE_VALUE;
    DWORD err;

    if (s == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
    err = open_on_service(s, dwType, &handle);
    if (err == 0 && (nt = calloc(1, sizeof(*nt))) == NULL) {
        close_on_service(s, handle);
        err = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (err == 0) {
        nt->session = s; /* our reference passes to the handle */
        nt->service_handle = handle;
        pthread_mutex_init(&nt->wait_lock, NULL);
        err = handle_insert(&notifications, &nt->hdr, &h);
        if (err != 0) {
            close_on_service(s, handle);
            pthread_mutex_destroy(&nt->wait_lock);
            free(nt);
        }
    }
    if (err != 0) {
        session_release(s);
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    return h;
}

DWORD CloseNtmsNotification(HANDLE hNotification)
{
    rsm_notify_t *nt;
    DWORD err;

    if (hNotification == NULL)
        return ERROR_INVALID_PARAMETER; /* as the reference page says */
    nt = (rsm_notify_t *)handle_remove(&notifications, hNotification);
    if (nt == NULL)
        return ERROR_INVALID_HANDLE;
    __atomic_store_n(&nt->closed, 1, __ATOMIC_RELEASE);
    err = close_on_service(nt->session, nt->service_handle);
    /* A connection that is gone (the session was closed, or the service
     * stopped) took the service's handle with it: closed all the same. */
    if (err == ERROR_NOT_CONNECTED || err == ERROR_INVALID_HANDLE)
        err = 0;
    release_notify(nt);
    return err;
}

/* ------------------------------------------------------------------------ */
/* Waiting */

/* The deadline dwTimeout milliseconds from now, on the monotonic clock. */
static struct timespec deadline_after(DWORD ms)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* Milliseconds left until `deadline` (0 once it has passed). */
static DWORD ms_left(const struct timespec *deadline)
{
    struct timespec now;
    long long left;

    clock_gettime(CLOCK_MONOTONIC, &now);
    left = (long long)(deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
    if (left <= 0)
        return 0;
    return left >= INFINITE ? INFINITE - 1 : (DWORD)left;
}

/* Keep the events of a batch answer; ERROR_INVALID_PARAMETER when it does
 * not make sense. Called with wait_lock held and nothing kept. */
static DWORD keep_batch(rsm_notify_t *nt, const Rsm__Response *resp)
{
    const Rsm__NotificationBatch *b;
    size_t n;

    if (resp->result_case != RSM__RESPONSE__RESULT_NOTIFICATIONS)
        return reply_malformed("WaitForNtmsNotification");
    b = resp->notifications;
    n = b->n_operations;
    if (n == 0 || n > WAIT_BATCH || b->guids.len != 16 * n)
        return reply_malformed("WaitForNtmsNotification");
    for (size_t i = 0; i < n; i++) {
        nt->kept[i].dwOperation = b->operations[i];
        wire_guid_from_bytes(b->guids.data + 16 * i, &nt->kept[i].ObjectId);
    }
    nt->head = 0;
    nt->n = n;
    return 0;
}

/* Ask the service for the next events, waiting up to `timeout` ms. */
static DWORD wait_on_service(rsm_notify_t *nt, DWORD timeout)
{
    Rsm__WaitNotification msg = RSM__WAIT_NOTIFICATION__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp = NULL;

    msg.handle = nt->service_handle;
    msg.timeout_ms = timeout;
    msg.has_max_count = 1;
    msg.max_count = WAIT_BATCH;
    req.call_case = RSM__REQUEST__CALL_WAIT_NOTIFICATION;
    req.wait_notification = &msg;
    DWORD err = session_call_held(nt->session, &req, &resp);
    if (err == 0)
        err = keep_batch(nt, resp);
    conn_free_response(resp);
    return err;
}

/* Take this thread's turn on the handle within the time-out. */
static DWORD take_turn(rsm_notify_t *nt, DWORD timeout, const struct timespec *deadline)
{
    int rc = timeout == INFINITE ? pthread_mutex_lock(&nt->wait_lock)
                                 : pthread_mutex_clocklock(&nt->wait_lock, CLOCK_MONOTONIC, deadline);
    if (rc == ETIMEDOUT)
        return ERROR_TIMEOUT;
    return rc == 0 ? 0 : ERROR_INVALID_HANDLE;
}

DWORD WaitForNtmsNotification(HANDLE hNotification, LPNTMS_NOTIFICATIONINFORMATION lpNotificationInformation,
                              DWORD dwTimeout)
{
    rsm_notify_t *nt = (rsm_notify_t *)handle_acquire(&notifications, hNotification);
    struct timespec deadline = deadline_after(dwTimeout == INFINITE ? 0 : dwTimeout);
    DWORD err;

    if (nt == NULL)
        return ERROR_INVALID_HANDLE;
    if (lpNotificationInformation == NULL) {
        release_notify(nt);
        return ERROR_INVALID_PARAMETER;
    }
    err = take_turn(nt, dwTimeout, &deadline);
    if (err != 0) {
        release_notify(nt);
        return err;
    }
    if (__atomic_load_n(&nt->closed, __ATOMIC_ACQUIRE))
        err = ERROR_INVALID_HANDLE;
    else if (nt->n == 0)
        err = wait_on_service(nt, dwTimeout == INFINITE ? INFINITE : ms_left(&deadline));
    if (err == 0) {
        *lpNotificationInformation = nt->kept[nt->head++];
        nt->n--;
    }
    pthread_mutex_unlock(&nt->wait_lock);
    release_notify(nt);
    return err;
}
