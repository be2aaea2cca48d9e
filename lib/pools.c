/*
 * pools.c - CreateNtmsMediaPool, GetNtmsMediaPoolName, DeleteNtmsMediaPool.
 *
 * Pool names are full paths with '\' between levels ("App\Pool1"); the
 * service owns the hierarchy and the name rules (ERROR_INVALID_NAME). Sizes
 * in GetNtmsMediaPoolName count characters including the terminating NUL, on
 * the way in and on the way out, in both forms (A characters are bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "rsm_internal.h"

/* ------------------------------------------------------------------------ */
/* CreateNtmsMediaPool */

static DWORD create_pool(HANDLE h, const char *name, const NTMS_GUID *media_type,
                         DWORD action, const SECURITY_ATTRIBUTES *sa, NTMS_GUID *pool_id)
{
    Rsm__CreatePool msg = RSM__CREATE_POOL__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t type_guid[16];
    DWORD err;

    msg.name = (char *)name;
    if (media_type != NULL) {
        msg.has_media_type = 1;
        msg.media_type = guid_field(media_type, type_guid);
    }
    msg.action = action;
    if (sa != NULL && sa->lpSecurityDescriptor != NULL) {
        size_t len;

        err = secdesc_length(sa->lpSecurityDescriptor, &len);
        if (err != 0)
            return err;
        msg.has_security = 1;
        msg.security.len = len;
        msg.security.data = sa->lpSecurityDescriptor;
    }
    req.call_case = RSM__REQUEST__CALL_CREATE_POOL;
    req.create_pool = &msg;

    err = session_call(h, &req, &resp);
    if (err == 0) {
        if (resp->result_case != RSM__RESPONSE__RESULT_CREATE_POOL ||
            resp->create_pool->guid.len != 16)
            err = reply_malformed("CreateNtmsMediaPool");
        else
            wire_guid_from_bytes(resp->create_pool->guid.data, pool_id);
    }
    conn_free_response(resp);
    return err;
}

DWORD CreateNtmsMediaPoolA(HANDLE hSession, LPCSTR lpPoolName, LPNTMS_GUID lpMediaType,
                           DWORD dwAction, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                           LPNTMS_GUID lpPoolId)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpPoolName == NULL || lpPoolId == NULL)
        return ERROR_INVALID_PARAMETER;
    return create_pool(hSession, lpPoolName, lpMediaType, dwAction, lpSecurityAttributes,
                       lpPoolId);
}

DWORD CreateNtmsMediaPoolW(HANDLE hSession, LPCWSTR lpPoolName, LPNTMS_GUID lpMediaType,
                           DWORD dwAction, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                           LPNTMS_GUID lpPoolId)
{
    char *name;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpPoolName == NULL || lpPoolId == NULL)
        return ERROR_INVALID_PARAMETER;
    err = text_wide_to_utf8_dup(lpPoolName, &name);
    if (err == 0)
        err = create_pool(hSession, name, lpMediaType, dwAction, lpSecurityAttributes,
                          lpPoolId);
    free(name);
    return err;
}

/* ------------------------------------------------------------------------ */
/* GetNtmsMediaPoolName */

/* The pool's full path as the service sends it (UTF-8). On success *resp
 * holds the answer and *name points into it; free with conn_free_response. */
static DWORD get_pool_name(HANDLE h, const NTMS_GUID *id, Rsm__Response **resp,
                           const char **name)
{
    Rsm__GetPoolName msg = RSM__GET_POOL_NAME__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t guid[16];
    DWORD err;

    msg.guid = guid_field(id, guid);
    req.call_case = RSM__REQUEST__CALL_GET_POOL_NAME;
    req.get_pool_name = &msg;

    err = session_call(h, &req, resp);
    if (err == 0 && ((*resp)->result_case != RSM__RESPONSE__RESULT_POOL_NAME ||
                     (*resp)->pool_name->name == NULL))
        err = reply_malformed("GetNtmsMediaPoolName");
    if (err != 0) {
        conn_free_response(*resp);
        *resp = NULL;
        return err;
    }
    *name = (*resp)->pool_name->name;
    return 0;
}

static DWORD check_pool_name_args(const void *id, const void *buf, const DWORD *size)
{
    if (id == NULL || size == NULL || (buf == NULL && *size > 0))
        return ERROR_INVALID_PARAMETER;
    return 0;
}

DWORD GetNtmsMediaPoolNameA(HANDLE hSession, LPNTMS_GUID lpPoolId, LPSTR lpNameBuf,
                            LPDWORD lpdwBufSize)
{
    Rsm__Response *resp;
    const char *name;
    size_t needed;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_pool_name_args(lpPoolId, lpNameBuf, lpdwBufSize)) != 0)
        return err;
    if ((err = get_pool_name(hSession, lpPoolId, &resp, &name)) != 0)
        return err;
    needed = strlen(name) + 1;
    if (needed > *lpdwBufSize)
        err = ERROR_INSUFFICIENT_BUFFER;
    else
        memcpy(lpNameBuf, name, needed);
    *lpdwBufSize = (DWORD)needed;
    conn_free_response(resp);
    return err;
}

DWORD GetNtmsMediaPoolNameW(HANDLE hSession, LPNTMS_GUID lpPoolId, LPWSTR lpNameBuf,
                            LPDWORD lpdwBufSize)
{
    Rsm__Response *resp;
    const char *name;
    size_t needed;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_pool_name_args(lpPoolId, lpNameBuf, lpdwBufSize)) != 0)
        return err;
    if ((err = get_pool_name(hSession, lpPoolId, &resp, &name)) != 0)
        return err;
    /* Measure first, so a short buffer is left untouched. */
    err = text_utf8_to_wide(name, SIZE_MAX, NULL, 0, &needed);
    if (err == ERROR_INSUFFICIENT_BUFFER) {
        if (needed > *lpdwBufSize)
            *lpdwBufSize = (DWORD)needed;
        else
            err = text_utf8_to_wide(name, SIZE_MAX, lpNameBuf, *lpdwBufSize, &needed);
        if (err == 0)
            *lpdwBufSize = (DWORD)needed;
    } else {
        err = reply_malformed("GetNtmsMediaPoolNameW");
    }
    conn_free_response(resp);
    return err;
}

/* ------------------------------------------------------------------------ */
/* DeleteNtmsMediaPool */

DWORD DeleteNtmsMediaPool(HANDLE hSession, LPNTMS_GUID lpPoolId)
{
    Rsm__DeletePool msg = RSM__DELETE_POOL__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t guid[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpPoolId == NULL)
        return ERROR_INVALID_PARAMETER;
    msg.guid = guid_field(lpPoolId, guid);
    req.call_case = RSM__REQUEST__CALL_DELETE_POOL;
    req.delete_pool = &msg;
    err = session_call(hSession, &req, &resp);
    conn_free_response(resp);
    return err;
}
