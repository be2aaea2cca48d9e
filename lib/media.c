/*
 * media.c - the media functions: AllocateNtmsMedia, DeallocateNtmsMedia,
 * SwapNtmsMedia, DecommissionNtmsMedia, SetNtmsMediaComplete,
 * DeleteNtmsMedia, CreateNtmsMediaA/W, UpdateNtmsOmidInfo,
 * Add/Delete/ChangeNtmsMediaType and MoveToNtmsMediaPool.
 *
 * Each function checks its session handle first, then what its reference
 * page says about its pointers, sizes and option bits (the service repeats
 * the checks that need the database), and writes its outputs only when the
 * service answered success with a well-formed result. The W form of
 * CreateNtmsMedia converts the structures both ways around the A form.
 */
#include <stdlib.h>
#include <string.h>

#include "objinfo.h"
#include "rsm_internal.h"

/* The largest raw label UpdateNtmsOmidInfo sends: far more than any label
 * block, and well inside a frame. */
#define MAX_RAW_LABEL (1024u * 1024u)

/* The most sides CreateNtmsMedia reads from lpList; no media type has more
 * than two, and the service refuses more than a handful. */
#define MAX_SIDES 64u

static DWORD call_status(HANDLE h, Rsm__Request *req)
{
    Rsm__Response *resp;
    DWORD err = session_call(h, req, &resp);

    conn_free_response(resp);
    return err;
}

/* ------------------------------------------------------------------------ */
/* AllocateNtmsMedia, DeallocateNtmsMedia */

#define ALLOCATE_OPTIONS (NTMS_ALLOCATE_NEW | NTMS_ALLOCATE_NEXT | NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE)

static DWORD check_allocate_args(const void *pool, const void *media_id, DWORD options,
                                 const NTMS_ALLOCATION_INFORMATION *info)
{
    if (pool == NULL || media_id == NULL || (options & ~(DWORD)ALLOCATE_OPTIONS) != 0)
        return ERROR_INVALID_PARAMETER;
    /* NEXT takes a side of a medium already allocated; NEW picks a fresh
     * medium. Asking for both asks for nothing sensible. */
    if ((options & NTMS_ALLOCATE_NEW) && (options & NTMS_ALLOCATE_NEXT))
        return ERROR_INVALID_PARAMETER;
    if (info != NULL && info->dwSize != sizeof(*info))
        return ERROR_INVALID_PARAMETER;
    return 0;
}

DWORD AllocateNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaPool, LPNTMS_GUID lpPartition,
                        LPNTMS_GUID lpMediaId, DWORD dwOptions, DWORD dwTimeout,
                        LPNTMS_ALLOCATION_INFORMATION lpAllocateInformation)
{
    Rsm__AllocateMedia msg = RSM__ALLOCATE_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t pool[16], part[16], prev[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_allocate_args(lpMediaPool, lpMediaId, dwOptions, lpAllocateInformation)) != 0)
        return err;
    msg.pool = guid_field(lpMediaPool, pool);
    if (lpPartition != NULL) {
        msg.has_partition = 1;
        msg.partition = guid_field(lpPartition, part);
    }
    if ((dwOptions & NTMS_ALLOCATE_NEXT) && !wire_guid_is_null(lpMediaId)) {
        msg.has_media = 1;
        msg.media = guid_field(lpMediaId, prev);
    }
    msg.options = dwOptions;
    msg.timeout_ms = dwTimeout;
    req.call_case = RSM__REQUEST__CALL_ALLOCATE_MEDIA;
    req.allocate_media = &msg;

    err = session_call(hSession, &req, &resp);
    if (err == 0 && (resp->result_case != RSM__RESPONSE__RESULT_ALLOCATE_MEDIA ||
                     resp->allocate_media->media.len != 16 || resp->allocate_media->allocated_from.len != 16))
        err = reply_malformed("AllocateNtmsMedia");
    if (err == 0) {
        wire_guid_from_bytes(resp->allocate_media->media.data, lpMediaId);
        if (lpAllocateInformation != NULL)
            wire_guid_from_bytes(resp->allocate_media->allocated_from.data,
                                 &lpAllocateInformation->AllocatedFrom);
    } else {
        memset(lpMediaId, 0, sizeof(*lpMediaId)); /* "NULL if the medium cannot be allocated" */
    }
    conn_free_response(resp);
    return err;
}

DWORD DeallocateNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId, DWORD dwOptions)
{
    Rsm__DeallocateMedia msg = RSM__DEALLOCATE_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t media[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMediaId == NULL || dwOptions != 0) /* "Reserved; must be zero" */
        return ERROR_INVALID_PARAMETER;
    msg.media = guid_field(lpMediaId, media);
    req.call_case = RSM__REQUEST__CALL_DEALLOCATE_MEDIA;
    req.deallocate_media = &msg;
    return call_status(hSession, &req);
}

/* ------------------------------------------------------------------------ */
/* Functions of one GUID: the Request field they fill differs. */

static DWORD call_media_id(HANDLE h, const NTMS_GUID *id, Rsm__Request__CallCase which)
{
    Rsm__MediaId msg = RSM__MEDIA_ID__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t media[16];
    DWORD err;

    if ((err = session_check(h)) != 0)
        return err;
    if (id == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.media = guid_field(id, media);
    req.call_case = which;
    if (which == RSM__REQUEST__CALL_DECOMMISSION_MEDIA)
        req.decommission_media = &msg;
    else if (which == RSM__REQUEST__CALL_SET_MEDIA_COMPLETE)
        req.set_media_complete = &msg;
    else
        req.delete_media = &msg;
    return call_status(h, &req);
}

DWORD DecommissionNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId)
{
    return call_media_id(hSession, lpMediaId, RSM__REQUEST__CALL_DECOMMISSION_MEDIA);
}

DWORD SetNtmsMediaComplete(HANDLE hSession, LPNTMS_GUID lpMediaId)
{
    return call_media_id(hSession, lpMediaId, RSM__REQUEST__CALL_SET_MEDIA_COMPLETE);
}

DWORD DeleteNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId)
{
    return call_media_id(hSession, lpMediaId, RSM__REQUEST__CALL_DELETE_MEDIA);
}

/* ------------------------------------------------------------------------ */
/* Functions of two GUIDs. */

DWORD SwapNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId1, LPNTMS_GUID lpMediaId2)
{
    Rsm__SwapMedia msg = RSM__SWAP_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t a[16], b[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMediaId1 == NULL || lpMediaId2 == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.media1 = guid_field(lpMediaId1, a);
    msg.media2 = guid_field(lpMediaId2, b);
    req.call_case = RSM__REQUEST__CALL_SWAP_MEDIA;
    req.swap_media = &msg;
    return call_status(hSession, &req);
}

static DWORD call_library_media_type(HANDLE h, const NTMS_GUID *type, const NTMS_GUID *lib, int add)
{
    Rsm__LibraryMediaType msg = RSM__LIBRARY_MEDIA_TYPE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t a[16], b[16];
    DWORD err;

    if ((err = session_check(h)) != 0)
        return err;
    if (type == NULL || lib == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.media_type = guid_field(type, a);
    msg.library = guid_field(lib, b);
    req.call_case = add ? RSM__REQUEST__CALL_ADD_MEDIA_TYPE : RSM__REQUEST__CALL_DELETE_MEDIA_TYPE;
    if (add)
        req.add_media_type = &msg;
    else
        req.delete_media_type = &msg;
    return call_status(h, &req);
}

DWORD AddNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaTypeId, LPNTMS_GUID lpLibId)
{
    return call_library_media_type(hSession, lpMediaTypeId, lpLibId, 1);
}

DWORD DeleteNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaTypeId, LPNTMS_GUID lpLibId)
{
    return call_library_media_type(hSession, lpMediaTypeId, lpLibId, 0);
}

static DWORD call_move(HANDLE h, const NTMS_GUID *media, const NTMS_GUID *pool, int change_type)
{
    Rsm__MoveMedia msg = RSM__MOVE_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t a[16], b[16];
    DWORD err;

    if ((err = session_check(h)) != 0)
        return err;
    if (media == NULL || pool == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.media = guid_field(media, a);
    msg.pool = guid_field(pool, b);
    req.call_case = change_type ? RSM__REQUEST__CALL_CHANGE_MEDIA_TYPE : RSM__REQUEST__CALL_MOVE_TO_POOL;
    if (change_type)
        req.change_media_type = &msg;
    else
        req.move_to_pool = &msg;
    return call_status(h, &req);
}

DWORD ChangeNtmsMediaType(HANDLE hSession, LPNTMS_GUID lpMediaId, LPNTMS_GUID lpPoolId)
{
    return call_move(hSession, lpMediaId, lpPoolId, 1);
}

DWORD MoveToNtmsMediaPool(HANDLE hSession, LPNTMS_GUID lpMediaId, LPNTMS_GUID lpPoolId)
{
    return call_move(hSession, lpMediaId, lpPoolId, 0);
}

/* ------------------------------------------------------------------------ */
/* CreateNtmsMedia */

/* The page: lpMedia is an NTMS_PHYSICAL_MEDIA structure of the right size,
 * and every one of its dwNumberOfPartitions sides an NTMS_PARTITION one. */
static DWORD check_create_args(DWORD media_size, DWORD media_type, DWORD want_size, const void *list,
                               DWORD nsides, DWORD options)
{
    if (list == NULL || media_size != want_size || media_type != NTMS_PHYSICAL_MEDIA ||
        nsides > MAX_SIDES || (options & ~(DWORD)NTMS_ERROR_ON_DUPLICATE) != 0)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

static DWORD check_side(DWORD size, DWORD type, DWORD want_size)
{
    return size == want_size && type == NTMS_PARTITION ? 0 : ERROR_INVALID_PARAMETER;
}

/* Send the A records; on success overwrite them with the service's. */
static DWORD create_media(HANDLE h, NTMS_OBJECTINFORMATIONA *media, NTMS_OBJECTINFORMATIONA *sides, DWORD n,
                          DWORD options)
{
    Rsm__CreateMedia msg = RSM__CREATE_MEDIA__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp = NULL;
    /* Holders keep copies of every string: a few kilobytes each, so they
     * live on the heap, with the list of side messages. */
    objinfo_pb_t *holders = malloc((n + 1) * sizeof(*holders));
    Rsm__ObjectInfo **list = malloc((n ? n : 1) * sizeof(*list));
    DWORD err = holders && list ? 0 : ERROR_NOT_ENOUGH_MEMORY;

    if (err == 0) {
        msg.media = objinfo_to_pb(media, &holders[0]);
        for (DWORD i = 0; i < n; i++)
            list[i] = objinfo_to_pb(&sides[i], &holders[i + 1]);
        msg.n_sides = n;
        msg.sides = list;
        msg.options = options;
        req.call_case = RSM__REQUEST__CALL_CREATE_MEDIA;
        req.create_media = &msg;
        err = session_call(h, &req, &resp);
    }
    if (err == 0 && (resp->result_case != RSM__RESPONSE__RESULT_CREATE_MEDIA || resp->create_media->n_sides != n))
        err = reply_malformed("CreateNtmsMedia");
    if (err == 0) {
        /* Decode everything first, so a bad answer changes nothing. */
        NTMS_OBJECTINFORMATIONA *out = malloc((n + 1) * sizeof(*out));
        err = out ? objinfo_from_pb(resp->create_media->media, &out[0]) : ERROR_NOT_ENOUGH_MEMORY;
        for (DWORD i = 0; err == 0 && i < n; i++)
            err = objinfo_from_pb(resp->create_media->sides[i], &out[i + 1]);
        if (err == ERROR_INVALID_PARAMETER)
            err = reply_malformed("CreateNtmsMedia");
        if (err == 0) {
            *media = out[0];
            memcpy(sides, out + 1, n * sizeof(*sides));
        }
        free(out);
    }
    conn_free_response(resp);
    free(list);
    free(holders);
    return err;
}

DWORD CreateNtmsMediaA(HANDLE hSession, LPNTMS_OBJECTINFORMATIONA lpMedia, LPNTMS_OBJECTINFORMATIONA lpList,
                       DWORD dwOptions)
{
    DWORD err, n;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMedia == NULL)
        return ERROR_INVALID_PARAMETER;
    n = lpMedia->Info.PhysicalMedia.dwNumberOfPartitions;
    err = check_create_args(lpMedia->dwSize, lpMedia->dwType, sizeof(*lpMedia), lpList, n, dwOptions);
    for (DWORD i = 0; err == 0 && i < n; i++)
        err = check_side(lpList[i].dwSize, lpList[i].dwType, sizeof(lpList[i]));
    return err != 0 ? err : create_media(hSession, lpMedia, lpList, n, dwOptions);
}

DWORD CreateNtmsMediaW(HANDLE hSession, LPNTMS_OBJECTINFORMATIONW lpMedia, LPNTMS_OBJECTINFORMATIONW lpList,
                       DWORD dwOptions)
{
    NTMS_OBJECTINFORMATIONA *a;
    NTMS_OBJECTINFORMATIONW *w;
    DWORD err, n;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMedia == NULL)
        return ERROR_INVALID_PARAMETER;
    n = lpMedia->Info.PhysicalMedia.dwNumberOfPartitions;
    err = check_create_args(lpMedia->dwSize, lpMedia->dwType, sizeof(*lpMedia), lpList, n, dwOptions);
    for (DWORD i = 0; err == 0 && i < n; i++)
        err = check_side(lpList[i].dwSize, lpList[i].dwType, sizeof(lpList[i]));
    if (err != 0)
        return err;
    /* a[0] and w[0] are the medium, then the sides. */
    a = malloc((n + 1) * sizeof(*a));
    w = malloc((n + 1) * sizeof(*w));
    err = a && w ? objinfo_w_to_a(lpMedia, &a[0]) : ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; err == 0 && i < n; i++)
        err = objinfo_w_to_a(&lpList[i], &a[i + 1]);
    if (err == 0)
        err = create_media(hSession, &a[0], &a[1], n, dwOptions);
    for (DWORD i = 0; err == 0 && i <= n; i++)
        err = objinfo_a_to_w(&a[i], &w[i]);
    if (err == 0) {
        *lpMedia = w[0];
        memcpy(lpList, w + 1, n * sizeof(*lpList));
    }
    free(a);
    free(w);
    return err;
}

/* ------------------------------------------------------------------------ */
/* UpdateNtmsOmidInfo */

/* NTMS_FILESYSTEM_INFO's strings as UTF-8 on the message; `type` and `vol`
 * must outlive the call. */
static DWORD put_filesystem_info(Rsm__UpdateOmidInfo *msg, const NTMS_FILESYSTEM_INFO *fs,
                                 char type[64 * 4 + 1], char vol[256 * 4 + 1])
{
    size_t needed;
    DWORD err = text_wide_to_utf8(fs->FileSystemType, 64, type, 64 * 4 + 1, &needed);

    if (err == 0)
        err = text_wide_to_utf8(fs->VolumeName, 256, vol, 256 * 4 + 1, &needed);
    if (err != 0)
        return ERROR_INVALID_PARAMETER;
    msg->file_system_type = type;
    msg->volume_name = vol;
    msg->has_serial_number = 1;
    msg->serial_number = fs->SerialNumber;
    return 0;
}

DWORD UpdateNtmsOmidInfo(HANDLE hSession, LPNTMS_GUID lpMediaId, DWORD labelType, DWORD numberOfBytes,
                         LPVOID lpBuffer)
{
    Rsm__UpdateOmidInfo msg = RSM__UPDATE_OMID_INFO__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    char type[64 * 4 + 1], vol[256 * 4 + 1];
    uint8_t media[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpMediaId == NULL || lpBuffer == NULL || numberOfBytes == 0)
        return ERROR_INVALID_PARAMETER;
    if (labelType == NTMS_OMID_TYPE_RAW_LABEL) {
        if (numberOfBytes > MAX_RAW_LABEL)
            return ERROR_INVALID_PARAMETER;
        msg.has_raw_label = 1;
        msg.raw_label.data = lpBuffer;
        msg.raw_label.len = numberOfBytes;
    } else if (labelType == NTMS_OMID_TYPE_FILESYSTEM_INFO) {
        if (numberOfBytes < sizeof(NTMS_FILESYSTEM_INFO))
            return ERROR_INVALID_PARAMETER;
        if ((err = put_filesystem_info(&msg, lpBuffer, type, vol)) != 0)
            return err;
    } else {
        return ERROR_INVALID_PARAMETER;
    }
    msg.media = guid_field(lpMediaId, media);
    msg.label_type = labelType;
    req.call_case = RSM__REQUEST__CALL_UPDATE_OMID_INFO;
    req.update_omid_info = &msg;
    return call_status(hSession, &req);
}
