/*
 * opreq.c - operator requests and UI destinations:
 * SubmitNtmsOperatorRequestA/W, WaitForNtmsOperatorRequest,
 * SatisfyNtmsOperatorRequest, CancelNtmsOperatorRequest and
 * Get/SetNtmsUIOptionsA/W.
 *
 * Each function checks its session handle first, then the pointers its
 * reference page requires; the service checks the rest. The W forms
 * convert their strings to UTF-8 and call the same code as the A forms.
 * WaitForNtmsOperatorRequest blocks in session_call until the service
 * answers, which it does by dwTimeout.
 */
#include <stdlib.h>
#include <string.h>

#include "rsm_internal.h"

/* ------------------------------------------------------------------------ */
/* SubmitNtmsOperatorRequest */

static DWORD submit(HANDLE h, DWORD request, const char *message, const NTMS_GUID *arg1, const NTMS_GUID *arg2,
                    NTMS_GUID *out)
{
    Rsm__SubmitOpRequest msg = RSM__SUBMIT_OP_REQUEST__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t a1[16], a2[16];
    DWORD err;

    msg.request = request;
    msg.message = (char *)message;
    if (arg1 != NULL) {
        msg.has_arg1 = 1;
        msg.arg1 = guid_field(arg1, a1);
    }
    if (arg2 != NULL) {
        msg.has_arg2 = 1;
        msg.arg2 = guid_field(arg2, a2);
    }
    req.call_case = RSM__REQUEST__CALL_SUBMIT_OP_REQUEST;
    req.submit_op_request = &msg;
    err = session_call(h, &req, &resp);
    if (err == 0 && (resp->result_case != RSM__RESPONSE__RESULT_SUBMIT_OP_REQUEST ||
                     resp->submit_op_request->request.len != 16))
        err = reply_malformed("SubmitNtmsOperatorRequest");
    if (err == 0)
        wire_guid_from_bytes(resp->submit_op_request->request.data, out);
    conn_free_response(resp);
    return err;
}

DWORD SubmitNtmsOperatorRequestA(HANDLE hSession, DWORD dwRequest, LPCSTR lpMessage, LPNTMS_GUID lpArg1Id,
                                 LPNTMS_GUID lpArg2Id, LPNTMS_GUID lpRequestId)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpRequestId == NULL)
        return ERROR_INVALID_PARAMETER;
    return submit(hSession, dwRequest, lpMessage, lpArg1Id, lpArg2Id, lpRequestId);
}

DWORD SubmitNtmsOperatorRequestW(HANDLE hSession, DWORD dwRequest, LPCWSTR lpMessage, LPNTMS_GUID lpArg1Id,
                                 LPNTMS_GUID lpArg2Id, LPNTMS_GUID lpRequestId)
{
    char *message = NULL;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if (lpRequestId == NULL)
        return ERROR_INVALID_PARAMETER;
    err = text_wide_to_utf8_dup(lpMessage, &message);
    if (err == 0)
        err = submit(hSession, dwRequest, message, lpArg1Id, lpArg2Id, lpRequestId);
    free(message);
    return err;
}

/* ------------------------------------------------------------------------ */
/* Wait, Satisfy, Cancel: calls on one request GUID */

static DWORD call_status(HANDLE h, Rsm__Request *req)
{
    Rsm__Response *resp;
    DWORD err = session_call(h, req, &resp);

    conn_free_response(resp);
    return err;
}

/* The handle, then the request GUID: what every one of these checks. */
static DWORD check_request_id(HANDLE h, const NTMS_GUID *request)
{
    DWORD err = session_check(h);

    return err != 0 ? err : request == NULL ? ERROR_INVALID_PARAMETER : 0;
}

DWORD WaitForNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId, DWORD dwTimeout)
{
    Rsm__WaitOpRequest msg = RSM__WAIT_OP_REQUEST__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t id[16];
    DWORD err = check_request_id(hSession, lpRequestId);

    if (err != 0)
        return err;
    msg.request = guid_field(lpRequestId, id);
    msg.timeout_ms = dwTimeout;
    req.call_case = RSM__REQUEST__CALL_WAIT_OP_REQUEST;
    req.wait_op_request = &msg;
    return call_status(hSession, &req);
}

/* Satisfy and Cancel differ only in the Request field they fill. */
static DWORD end_request(HANDLE h, const NTMS_GUID *request, int satisfy)
{
    Rsm__OpRequestId msg = RSM__OP_REQUEST_ID__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t id[16];
    DWORD err = check_request_id(h, request);

    if (err != 0)
        return err;
    msg.request = guid_field(request, id);
    if (satisfy) {
        req.call_case = RSM__REQUEST__CALL_SATISFY_OP_REQUEST;
        req.satisfy_op_request = &msg;
    } else {
        req.call_case = RSM__REQUEST__CALL_CANCEL_OP_REQUEST;
        req.cancel_op_request = &msg;
    }
    return call_status(h, &req);
}

DWORD SatisfyNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId)
{
    return end_request(hSession, lpRequestId, 1);
}

DWORD CancelNtmsOperatorRequest(HANDLE hSession, LPNTMS_GUID lpRequestId)
{
    return end_request(hSession, lpRequestId, 0);
}

/* ------------------------------------------------------------------------ */
/* GetNtmsUIOptions */

/* The destinations as one multi-string of `wide` or narrow characters:
 * each destination and its NUL, then one more NUL; an empty list is zero
 * characters. *size is the caller's buffer in characters, and becomes
 * what the list takes (also when it does not fit:
 * ERROR_INSUFFICIENT_BUFFER). */
static DWORD put_multi_string(const Rsm__UIOptionsResult *r, void *out, DWORD *size, int wide)
{
    size_t need = 0, at = 0, n;

    for (size_t i = 0; i < r->n_destinations; i++) {
        if (!wide)
            n = strlen(r->destinations[i]) + 1;
        else if (text_utf8_to_wide(r->destinations[i], SIZE_MAX, NULL, 0, &n) == ERROR_INVALID_PARAMETER)
            return reply_malformed("GetNtmsUIOptions");
        need += n;
    }
    need += r->n_destinations > 0;
    if (need > *size || need > UINT32_MAX) {
        *size = (DWORD)(need > UINT32_MAX ? UINT32_MAX : need);
        return ERROR_INSUFFICIENT_BUFFER;
    }
    for (size_t i = 0; i < r->n_destinations; i++) {
        if (wide) {
            text_utf8_to_wide(r->destinations[i], SIZE_MAX, (wchar_t *)out + at, need - at, &n);
        } else {
            n = strlen(r->destinations[i]) + 1;
            memcpy((char *)out + at, r->destinations[i], n);
        }
        at += n;
    }
    if (at < *size) { /* the closing NUL; an empty list still gets one if there is room */
        if (wide)
            ((wchar_t *)out)[at] = L'\0';
        else
            ((char *)out)[at] = '\0';
    }
    *size = (DWORD)need;
    return 0;
}

static DWORD get_ui_options(HANDLE h, const NTMS_GUID *object, DWORD type, void *out, DWORD *size, int wide)
{
    Rsm__GetUIOptions msg = RSM__GET_UIOPTIONS__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    uint8_t id[16];
    DWORD err;

    if ((err = session_check(h)) != 0)
        return err;
    if (out == NULL || size == NULL)
        return ERROR_INVALID_PARAMETER;
    if (object != NULL) {
        msg.has_object = 1;
        msg.object = guid_field(object, id);
    }
    msg.type = type;
    req.call_case = RSM__REQUEST__CALL_GET_UI_OPTIONS;
    req.get_ui_options = &msg;
    err = session_call(h, &req, &resp);
    if (err == 0 && resp->result_case != RSM__RESPONSE__RESULT_UI_OPTIONS)
        err = reply_malformed("GetNtmsUIOptions");
    if (err == 0)
        err = put_multi_string(resp->ui_options, out, size, wide);
    conn_free_response(resp);
    return err;
}

DWORD GetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId, DWORD dwType, LPSTR lpszDestination,
                        LPDWORD lpdwBufSize)
{
    return get_ui_options(hSession, lpObjectId, dwType, lpszDestination, lpdwBufSize, 0);
}

DWORD GetNtmsUIOptionsW(HANDLE hSession, const LPNTMS_GUID lpObjectId, DWORD dwType, LPWSTR lpszDestination,
                        LPDWORD lpdwBufSize)
{
    return get_ui_options(hSession, lpObjectId, dwType, lpszDestination, lpdwBufSize, 1);
}

/* ------------------------------------------------------------------------ */
/* SetNtmsUIOptions */

static DWORD set_ui_options(HANDLE h, const NTMS_GUID *object, DWORD type, DWORD operation, const char *dest)
{
    Rsm__SetUIOptions msg = RSM__SET_UIOPTIONS__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    uint8_t id[16];

    if (object != NULL) {
        msg.has_object = 1;
        msg.object = guid_field(object, id);
    }
    msg.type = type;
    msg.operation = operation;
    msg.destination = (char *)dest;
    req.call_case = RSM__REQUEST__CALL_SET_UI_OPTIONS;
    req.set_ui_options = &msg;
    return call_status(h, &req);
}

/* "This parameter cannot be NULL", except that DELETEALL ignores it. */
static DWORD check_destination(const void *dest, DWORD operation)
{
    return dest == NULL && operation != NTMS_UIDEST_DELETEALL ? ERROR_INVALID_PARAMETER : 0;
}

DWORD SetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId, DWORD dwType, DWORD dwOperation,
                        LPCSTR lpszDestination)
{
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_destination(lpszDestination, dwOperation)) != 0)
        return err;
    return set_ui_options(hSession, lpObjectId, dwType, dwOperation,
                          dwOperation == NTMS_UIDEST_DELETEALL ? NULL : lpszDestination);
}

DWORD SetNtmsUIOptionsW(HANDLE hSession, const LPNTMS_GUID lpObjectId, DWORD dwType, DWORD dwOperation,
                        LPCWSTR lpszDestination)
{
    char *dest = NULL;
    DWORD err;

    if ((err = session_check(hSession)) != 0)
        return err;
    if ((err = check_destination(lpszDestination, dwOperation)) != 0)
        return err;
    if (dwOperation != NTMS_UIDEST_DELETEALL)
        err = text_wide_to_utf8_dup(lpszDestination, &dest);
    if (err == 0)
        err = set_ui_options(hSession, lpObjectId, dwType, dwOperation, dest);
    free(dest);
    return err;
}
