/*
 * objects.c - EnumerateNtmsObject, Get/SetNtmsObjectInformation and
 * Get/SetNtmsObjectAttribute.
 *
 * Each function checks the session handle first (so a bad handle wins over
 * every other error), then the caller's pointers and sizes, then asks the
 * service. Results are written to the caller's memory only once the whole
 * answer has been checked, so a failure never leaves a half-filled buffer.
 * The W forms convert their strings and call the same code as the A forms.
 */
#include <stdlib.h>
#include <string.h>

#include "objinfo.h"
#include "rsm_internal.h"

ProtobufCBinaryData guid_field(const NTMS_GUID *g, uint8_t buf[16])
{
    ProtobufCBinaryData field = { 16, buf };

    wire_guid_to_bytes(g, buf);
    return field;
}

DWORD reply_malformed(const char *call)
{
    rsm_log("%s: the service's answer is malformed", call);
    return ERROR_INVALID_PARAMETER;
}

/* ------------------------------------------------------------------------ */
/* EnumerateNtmsObject */

/* Unpack `r` into the caller's list of `max` GUIDs. */
static DWORD copy_guid_list(const Rsm__EnumerateResult *r, LPNTMS_GUID list, DWORD max)
{
    size_t bytes = r->has_guids ? r->guids.len : 0;

    if (r->count > max || bytes != (size_t)r->count * 16)
        return reply_malformed("EnumerateNtmsObject");
    for (DWORD i = 0; i < r->count; i++)
        wire_guid_from_bytes(r->guids.data + (size_t)i * 16, &list[i]);
    return 0;
}

DWORD EnumerateNtmsObject(HANDLE hSession, const LPNTMS_GUID lpContainerId,
                          LPNTMS_GUID lpList, LPDWORD lpdwListSize,
                          DWORD dwType, DWORD dwOptions)
{
    Rsm__Enumerate msg = RSM__ENUMERATE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t container[16];
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpdwListSize == NULL || (lpList == NULL && *lpdwListSize > 0))
        return ERROR_INVALID_PARAMETER;

    if (lpContainerId != NULL) {
        msg.has_container = 1;
        msg.container = guid_field(lpContainerId, container);
    }
    msg.type = dwType;
    msg.has_options = 1;
    msg.options = dwOptions;
    msg.max_count = *lpdwListSize;
    req.call_case = RSM__REQUEST__CALL_ENUMERATE;
    req.enumerate = &msg;

    err = session_call(hSession, &req, &resp);
    if (resp == NULL)
        return err;
    if (resp->result_case != RSM__RESPONSE__RESULT_ENUMERATE) {
        if (err == 0)
            err = reply_malformed("EnumerateNtmsObject");
    } else if (err == ERROR_INSUFFICIENT_BUFFER) {
        *lpdwListSize = resp->enumerate->count;
    } else if (err == 0) {
        err = copy_guid_list(resp->enumerate, lpList, *lpdwListSize);
        if (err == 0)
            *lpdwListSize = resp->enumerate->count;
    }
    conn_free_response(resp);
    return err;
}

/* ------------------------------------------------------------------------ */
/* Get/SetNtmsObjectInformation */

/* Fetch object `id` as the service describes it for a caller whose structure
 * says `type`; the service checks that the type matches the object. */
static DWORD get_info(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    Rsm__GetObjectInfo msg = RSM__GET_OBJECT_INFO__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t guid[16];
    DWORD err;

    msg.guid = guid_field(id, guid);
    msg.type = type;
    req.call_case = RSM__REQUEST__CALL_GET_OBJECT_INFO;
    req.get_object_info = &msg;

    err = session_call(h, &req, &resp);
    if (err == 0 && resp->result_case != RSM__RESPONSE__RESULT_OBJECT_INFO)
        err = reply_malformed("GetNtmsObjectInformation");
    if (err == 0 && objinfo_from_pb(resp->object_info, out) != 0)
        err = reply_malformed("GetNtmsObjectInformation");
    conn_free_response(resp);
    return err;
}

static DWORD set_info(HANDLE h, const NTMS_GUID *id, const NTMS_OBJECTINFORMATIONA *info)
{
    Rsm__SetObjectInfo msg = RSM__SET_OBJECT_INFO__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    objinfo_pb_t *holder;
    uint8_t guid[16];
    DWORD err;

    /* The holder keeps copies of every string field: a few kilobytes, which
     * is more than a caller's small thread stack should pay. */
    holder = malloc(sizeof(*holder));
    if (holder == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    msg.guid = guid_field(id, guid);
    msg.info = objinfo_to_pb(info, holder);
    req.call_case = RSM__REQUEST__CALL_SET_OBJECT_INFO;
    req.set_object_info = &msg;

    err = session_call(h, &req, &resp);
    conn_free_response(resp);
    free(holder);
    return err;
}

DWORD GetNtmsObjectInformationA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                LPNTMS_OBJECTINFORMATIONA lpInfo)
{
    NTMS_OBJECTINFORMATIONA info;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpObjectId == NULL || lpInfo == NULL || lpInfo->dwSize != sizeof(*lpInfo))
        return ERROR_INVALID_PARAMETER;
    err = get_info(hSession, lpObjectId, lpInfo->dwType, &info);
    if (err == 0)
        *lpInfo = info;
    return err;
}

DWORD GetNtmsObjectInformationW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                LPNTMS_OBJECTINFORMATIONW lpInfo)
{
    NTMS_OBJECTINFORMATIONA info;
    NTMS_OBJECTINFORMATIONW wide;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpObjectId == NULL || lpInfo == NULL || lpInfo->dwSize != sizeof(*lpInfo))
        return ERROR_INVALID_PARAMETER;
    err = get_info(hSession, lpObjectId, lpInfo->dwType, &info);
    if (err == 0)
        err = objinfo_a_to_w(&info, &wide);
    if (err == 0)
        *lpInfo = wide;
    return err;
}

DWORD SetNtmsObjectInformationA(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                LPNTMS_OBJECTINFORMATIONA lpInfo)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpObjectId == NULL || lpInfo == NULL || lpInfo->dwSize != sizeof(*lpInfo))
        return ERROR_INVALID_PARAMETER;
    return set_info(hSession, lpObjectId, lpInfo);
}

DWORD SetNtmsObjectInformationW(HANDLE hSession, LPNTMS_GUID lpObjectId,
                                LPNTMS_OBJECTINFORMATIONW lpInfo)
{
    NTMS_OBJECTINFORMATIONA info;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpObjectId == NULL || lpInfo == NULL || lpInfo->dwSize != sizeof(*lpInfo))
        return ERROR_INVALID_PARAMETER;
    err = objinfo_w_to_a(lpInfo, &info);
    if (err == 0)
        err = set_info(hSession, lpObjectId, &info);
    return err;
}

/* ------------------------------------------------------------------------ */
/* Get/SetNtmsObjectAttribute. Names are UTF-8 on the wire; the value is
 * opaque bytes in both forms. The service checks the name's length
 * (ERROR_INVALID_NAME); the value's size is checked here too, before its
 * bytes are read, since the caller's buffer is only as large as it says. */

static DWORD get_attribute(HANDLE h, const NTMS_GUID *id, DWORD type, const char *name,
                           void *data, DWORD *size)
{
    Rsm__GetAttribute msg = RSM__GET_ATTRIBUTE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    const Rsm__AttributeResult *r;
    uint8_t guid[16];
    DWORD err;

    msg.guid = guid_field(id, guid);
    msg.type = type;
    msg.name = (char *)name;
    msg.max_size = *size;
    req.call_case = RSM__REQUEST__CALL_GET_ATTRIBUTE;
    req.get_attribute = &msg;

    err = session_call(h, &req, &resp);
    if (resp == NULL)
        return err;
    r = resp->result_case == RSM__RESPONSE__RESULT_ATTRIBUTE ? resp->attribute : NULL;
    if (r == NULL) {
        if (err == 0)
            err = reply_malformed("GetNtmsObjectAttribute");
    } else if (err == ERROR_INSUFFICIENT_BUFFER) {
        *size = r->size;
    } else if (err == 0) {
        size_t len = r->has_data ? r->data.len : 0;

        /* A service that ignored max_size still cannot overrun the buffer. */
        if (len > *size) {
            err = ERROR_INSUFFICIENT_BUFFER;
        } else if (len > 0) {
            memcpy(data, r->data.data, len);
        }
        *size = (DWORD)len;
    }
    conn_free_response(resp);
    return err;
}

static DWORD set_attribute(HANDLE h, const NTMS_GUID *id, DWORD type, const char *name,
                           const void *data, DWORD size)
{
    Rsm__SetAttribute msg = RSM__SET_ATTRIBUTE__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t guid[16];
    DWORD err;

    msg.guid = guid_field(id, guid);
    msg.type = type;
    msg.name = (char *)name;
    msg.data.len = size;
    msg.data.data = (uint8_t *)(uintptr_t)data;
    req.call_case = RSM__REQUEST__CALL_SET_ATTRIBUTE;
    req.set_attribute = &msg;

    err = session_call(h, &req, &resp);
    conn_free_response(resp);
    return err;
}

/* The checks both Get forms make before converting anything. */
static DWORD check_get_attribute_args(const void *id, const void *name, const void *data,
                                      const DWORD *size)
{
    if (id == NULL || name == NULL || size == NULL || (data == NULL && *size > 0))
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* The checks both Set forms make; a size of 0 deletes the attribute. */
static DWORD check_set_attribute_args(const void *id, const void *name, const void *data,
                                      DWORD size)
{
    if (id == NULL || name == NULL || (data == NULL && size > 0))
        return ERROR_INVALID_PARAMETER;
    if (size >= NTMS_MAXATTR_LENGTH)
        return ERROR_NO_DATA;
    return 0;
}

DWORD GetNtmsObjectAttributeA(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                              LPCSTR lpAttributeName, LPVOID lpAttributeData,
                              LPDWORD lpAttributeSize)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    err = check_get_attribute_args(lpObjectId, lpAttributeName, lpAttributeData,
                                   lpAttributeSize);
    if (err == 0)
        err = get_attribute(hSession, lpObjectId, dwType, lpAttributeName,
                            lpAttributeData, lpAttributeSize);
    return err;
}

DWORD GetNtmsObjectAttributeW(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                              LPCWSTR lpAttributeName, LPVOID lpAttributeData,
                              LPDWORD lpAttributeSize)
{
    char *name = NULL;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    err = check_get_attribute_args(lpObjectId, lpAttributeName, lpAttributeData,
                                   lpAttributeSize);
    if (err == 0)
        err = text_wide_to_utf8_dup(lpAttributeName, &name);
    if (err == 0)
        err = get_attribute(hSession, lpObjectId, dwType, name, lpAttributeData,
                            lpAttributeSize);
    free(name);
    return err;
}

DWORD SetNtmsObjectAttributeA(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                              LPCSTR lpAttributeName, LPVOID lpAttributeData,
                              DWORD dwAttributeSize)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    err = check_set_attribute_args(lpObjectId, lpAttributeName, lpAttributeData,
                                   dwAttributeSize);
    if (err == 0)
        err = set_attribute(hSession, lpObjectId, dwType, lpAttributeName,
                            lpAttributeData, dwAttributeSize);
    return err;
}

DWORD SetNtmsObjectAttributeW(HANDLE hSession, LPNTMS_GUID lpObjectId, DWORD dwType,
                              LPCWSTR lpAttributeName, LPVOID lpAttributeData,
                              DWORD AttributeSize)
{
    char *name = NULL;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    err = check_set_attribute_args(lpObjectId, lpAttributeName, lpAttributeData,
                                   AttributeSize);
    if (err == 0)
        err = text_wide_to_utf8_dup(lpAttributeName, &name);
    if (err == 0)
        err = set_attribute(hSession, lpObjectId, dwType, name, lpAttributeData,
                            AttributeSize);
    free(name);
    return err;
}
