/*
 * mount.c - the library request queue as applications see it:
 * MountNtmsMedia, DismountNtmsMedia, DismountNtmsDrive,
 * CancelNtmsLibraryRequest, DeleteNtmsRequests, GetNtmsRequestOrder and
 * SetNtmsRequestOrder.
 *
 * MountNtmsMedia is synchronous: the call blocks in the service's queue
 * until its media are in drives, its time-out passes or it is cancelled
 * (daemon/queue/). The client adds no time-out of its own, so INFINITE
 * waits for as long as the service does.
 */
#include <stdlib.h>
#include <string.h>

#include "rsm_internal.h"

/* The most media one call may name: far more than any library has drives,
 * small enough that the request frame stays modest. */
#define MAX_MOUNT_MEDIA 1024u

#define MOUNT_OPTIONS (NTMS_MOUNT_READ | NTMS_MOUNT_WRITE | NTMS_MOUNT_ERROR_NOT_AVAILABLE | \
                       NTMS_MOUNT_ERROR_OFFLINE | NTMS_MOUNT_SPECIFIC_DRIVE | NTMS_MOUNT_NOWAIT)

static DWORD call_status(HANDLE h, Rsm__Request *req)
{
    Rsm__Response *resp;
    DWORD err = session_call(h, req, &resp);

    conn_free_response(resp);
    return err;
}

/* call_status, then free the GUID fields the request pointed to. */
static DWORD call_status_free(HANDLE h, Rsm__Request *req, ProtobufCBinaryData *fields, uint8_t *bufs)
{
    DWORD err = call_status(h, req);

    free(fields);
    free(bufs);
    return err;
}

/* n GUIDs as repeated bytes fields; *fields and *bufs are malloc'ed. */
static DWORD guid_fields(const NTMS_GUID *ids, size_t n, ProtobufCBinaryData **fields, uint8_t **bufs)
{
    *fields = calloc(n ? n : 1, sizeof **fields);
    *bufs = calloc(n ? n : 1, 16);
    if (*fields == NULL || *bufs == NULL) {
        free(*fields);
        free(*bufs);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (size_t i = 0; i < n; i++)
        (*fields)[i] = guid_field(&ids[i], *bufs + 16 * i);
    return 0;
}

static DWORD check_mount_args(const NTMS_GUID *media, const NTMS_GUID *drives, DWORD count, DWORD options,
                              int priority, const NTMS_MOUNT_INFORMATION *info)
{
    if (media == NULL || drives == NULL || count == 0 || count > MAX_MOUNT_MEDIA)
        return ERROR_INVALID_PARAMETER;
    if ((options & ~(DWORD)MOUNT_OPTIONS) != 0)
        return ERROR_INVALID_PARAMETER;
    if (priority < NTMS_PRIORITY_LOWEST || priority > NTMS_PRIORITY_HIGHEST)
        return ERROR_INVALID_PARAMETER;
    if (info != NULL && info->dwSize != sizeof(*info))
        return ERROR_INVALID_PARAMETER;
    return 0;
}

static DWORD read_mount_result(Rsm__Response *resp, NTMS_GUID *drives, DWORD count)
{
    const Rsm__MountMediaResult *r = resp->mount_media;

    if (resp->result_case != RSM__RESPONSE__RESULT_MOUNT_MEDIA || r->n_drives != count)
        return reply_malformed("mount_media");
    for (size_t i = 0; i < count; i++)
        if (r->drives[i].len != 16)
            return reply_malformed("mount_media");
    for (size_t i = 0; i < count; i++)
        wire_guid_from_bytes(r->drives[i].data, &drives[i]);
    return 0;
}

DWORD MountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId, LPNTMS_GUID lpDriveId, DWORD dwCount,
                     DWORD dwOptions, int dwPriority, DWORD dwTimeout,
                     LPNTMS_MOUNT_INFORMATION lpMountInformation)
{
    Rsm__MountMedia msg = RSM__MOUNT_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp = NULL;
    ProtobufCBinaryData *media = NULL, *drives = NULL;
    uint8_t *mbuf = NULL, *dbuf = NULL;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_mount_args(lpMediaId, lpDriveId, dwCount, dwOptions, dwPriority, lpMountInformation)) != 0)
        return err;
    if ((err = guid_fields(lpMediaId, dwCount, &media, &mbuf)) != 0)
        return err;
    if ((dwOptions & NTMS_MOUNT_SPECIFIC_DRIVE) && (err = guid_fields(lpDriveId, dwCount, &drives, &dbuf)) != 0)
        goto out;
    msg.n_media = dwCount;
    msg.media = media;
    msg.n_drives = drives ? dwCount : 0;
    msg.drives = drives;
    msg.options = dwOptions;
    msg.priority = dwPriority;
    msg.timeout_ms = dwTimeout;
    req.call_case = RSM__REQUEST__CALL_MOUNT_MEDIA;
    req.mount_media = &msg;
    err = session_call(hSession, &req, &resp);
    /* NOWAIT answers once queued: the drives are not known yet. */
    if (err == 0 && !(dwOptions & NTMS_MOUNT_NOWAIT))
        err = read_mount_result(resp, lpDriveId, dwCount);
out:
    conn_free_response(resp);
    free(media);
    free(mbuf);
    free(drives);
    free(dbuf);
    return err;
}

DWORD DismountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId, DWORD dwCount, DWORD dwOptions)
{
    Rsm__DismountMedia msg = RSM__DISMOUNT_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    ProtobufCBinaryData *media;
    uint8_t *buf;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMediaId == NULL || dwCount == 0 || dwCount > MAX_MOUNT_MEDIA ||
        (dwOptions & ~(DWORD)(NTMS_DISMOUNT_DEFERRED | NTMS_DISMOUNT_IMMEDIATE)) != 0)
        return ERROR_INVALID_PARAMETER;
    if ((err = guid_fields(lpMediaId, dwCount, &media, &buf)) != 0)
        return err;
    msg.n_media = dwCount;
    msg.media = media;
    msg.options = dwOptions;
    req.call_case = RSM__REQUEST__CALL_DISMOUNT_MEDIA;
    req.dismount_media = &msg;
    return call_status_free(hSession, &req, media, buf);
}

/* The calls that carry one GUID. */
static DWORD call_one_guid(HANDLE h, Rsm__Request__CallCase which, const NTMS_GUID *id, Rsm__Response **resp)
{
    Rsm__RequestId msg = RSM__REQUEST_ID__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t buf[16];
    DWORD err;

    *resp = NULL;
    if ((err = session_check(h)) != 0)
        return err;
    if (id == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.id = guid_field(id, buf);
    req.call_case = which;
    /* One message type serves all three calls: the oneof member is the
     * same pointer whatever its name. */
    req.dismount_drive = &msg;
    return session_call(h, &req, resp);
}

static DWORD one_guid_status(HANDLE h, Rsm__Request__CallCase which, const NTMS_GUID *id)
{
    Rsm__Response *resp;
    DWORD err = call_one_guid(h, which, id, &resp);

    conn_free_response(resp);
    return err;
}

DWORD DismountNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId)
{
    return one_guid_status(hSession, RSM__REQUEST__CALL_DISMOUNT_DRIVE, lpDriveId);
}

DWORD CancelNtmsLibraryRequest(HANDLE hSession, LPNTMS_GUID lpRequestId)
{
    return one_guid_status(hSession, RSM__REQUEST__CALL_CANCEL_LIBRARY_REQUEST, lpRequestId);
}

DWORD GetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId, LPDWORD lpdwOrderNumber)
{
    Rsm__Response *resp;
    DWORD err;

    if (session_check(hSession) == 0 && lpdwOrderNumber == NULL)
        return ERROR_INVALID_PARAMETER;
    err = call_one_guid(hSession, RSM__REQUEST__CALL_GET_REQUEST_ORDER, lpRequestId, &resp);
    if (err == 0 && resp->result_case != RSM__RESPONSE__RESULT_REQUEST_ORDER)
        err = reply_malformed("get_request_order");
    if (err == 0)
        *lpdwOrderNumber = resp->request_order->order;
    conn_free_response(resp);
    return err;
}

DWORD SetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId, DWORD dwOrderNumber)
{
    Rsm__SetRequestOrder msg = RSM__SET_REQUEST_ORDER__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t buf[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpRequestId == NULL || dwOrderNumber == 0)
        return ERROR_INVALID_PARAMETER;
    msg.request = guid_field(lpRequestId, buf);
    msg.order = dwOrderNumber;
    req.call_case = RSM__REQUEST__CALL_SET_REQUEST_ORDER;
    req.set_request_order = &msg;
    return call_status(hSession, &req);
}

DWORD DeleteNtmsRequests(HANDLE hSession, LPNTMS_GUID lpRequestId, DWORD dwType, DWORD dwCount)
{
    Rsm__DeleteRequests msg = RSM__DELETE_REQUESTS__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    ProtobufCBinaryData *ids;
    uint8_t *buf;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (dwType != NTMS_LIBREQUEST && dwType != NTMS_OPREQUEST)
        return ERROR_INVALID_PARAMETER;
    if (dwCount == 0)
        return 0;
    if (lpRequestId == NULL || dwCount > MAX_MOUNT_MEDIA)
        return ERROR_INVALID_PARAMETER;
    if ((err = guid_fields(lpRequestId, dwCount, &ids, &buf)) != 0)
        return err;
    msg.n_ids = dwCount;
    msg.ids = ids;
    msg.type = dwType;
    req.call_case = RSM__REQUEST__CALL_DELETE_REQUESTS;
    req.delete_requests = &msg;
    return call_status_free(hSession, &req, ids, buf);
}
