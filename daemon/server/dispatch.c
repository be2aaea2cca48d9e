/*
 * dispatch.c - the call table, the life of a call, and the handlers of the
 * object calls.
 *
 * A handler checks what the wire cannot (GUID fields are exactly 16 bytes;
 * optional ones are absent, empty or 16 bytes), calls the model, and fills
 * the Response. The model owns every rule of the NTMS world; nothing here
 * decides whether an operation is allowed.
 *
 * Invariants: every call is answered exactly once (call_reply frees it);
 * a call holds a reference on its connection until then.
 */
#include "dispatch.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objinfo.h"
#include "conn.h"
#include "dispatch_db.h"
#include "dispatch_library.h"
#include "dispatch_media.h"
#include "dispatch_mount.h"
#include "dispatch_opreq.h"
#include "dispatch_notify.h"
#include "model/model.h"
#include "session.h"
#include "util/log.h"

#define WHO(c) (&(c)->conn->who)
#define STORE(c) ((c)->conn->srv->store)

/* ------------------------------------------------------------------------ */
/* Error names, for details and log lines */

#define ERR(name) {name, #name}
static const struct {
    DWORD code;
    const char *name;
} error_names[] = {
    ERR(ERROR_SUCCESS), ERR(ERROR_FILE_NOT_FOUND), ERR(ERROR_ACCESS_DENIED),
    ERR(ERROR_INVALID_HANDLE), ERR(ERROR_NOT_ENOUGH_MEMORY), ERR(ERROR_NOT_READY),
    ERR(ERROR_NOT_SUPPORTED), ERR(ERROR_INVALID_PARAMETER), ERR(ERROR_CALL_NOT_IMPLEMENTED),
    ERR(ERROR_INSUFFICIENT_BUFFER), ERR(ERROR_INVALID_NAME), ERR(ERROR_BUSY),
    ERR(ERROR_ALREADY_EXISTS), ERR(ERROR_NO_DATA), ERR(ERROR_MORE_DATA),
    ERR(ERROR_INVALID_FLAGS), ERR(ERROR_NOT_FOUND), ERR(ERROR_INVALID_COMPUTERNAME),
    ERR(ERROR_CANCELLED), ERR(ERROR_TIMEOUT), ERR(RPC_S_NO_INTERFACES),
    ERR(ERROR_INVALID_MEDIA), ERR(ERROR_INVALID_LIBRARY), ERR(ERROR_INVALID_MEDIA_POOL),
    ERR(ERROR_NOT_EMPTY), ERR(ERROR_RESOURCE_DISABLED), ERR(ERROR_OBJECT_NOT_FOUND),
    ERR(ERROR_DATABASE_FAILURE), ERR(ERROR_DATABASE_FULL), ERR(ERROR_INVALID_OPERATION),
    ERR(ERROR_MESSAGE_EXCEEDS_MAX_SIZE), ERR(ERROR_INVALID_DRIVE), ERR(ERROR_LIBRARY_OFFLINE),
    ERR(ERROR_MEDIA_OFFLINE), ERR(ERROR_INVALID_STATE), ERR(ERROR_RESOURCE_NOT_PRESENT),
    ERR(ERROR_DEVICE_NOT_AVAILABLE), ERR(ERROR_MEDIA_NOT_AVAILABLE), ERR(ERROR_LIBRARY_FULL),
    ERR(ERROR_RESOURCE_NOT_AVAILABLE), ERR(ERROR_MEDIA_UNAVAILABLE), ERR(ERROR_INVALID_ADDRESS),
    ERR(ERROR_MEDIA_INCOMPATIBLE), ERR(ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA),
    ERR(ERROR_SHARING_VIOLATION),
};
#undef ERR

const char *dispatch_error_name(DWORD err)
{
    for (size_t i = 0; i < sizeof error_names / sizeof error_names[0]; i++)
        if (error_names[i].code == err)
            return error_names[i].name;
    return "error";
}

/* ------------------------------------------------------------------------ */
/* The life of a call */

static void unpark(struct call *c)
{
    struct server *srv = c->conn->srv;

    if (!c->parked)
        return;
    if (c->prev)
        c->prev->next = c->next;
    else
        srv->parked = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    c->parked = 0;
}

static void call_free(struct call *c)
{
    unpark(c);
    rsm__request__free_unpacked(c->req, NULL);
    conn_unref(c->conn);
    free(c);
}

/* Pack and queue; a response too large for a frame becomes a small error. */
static void send_response(struct call *c, Rsm__Response *resp)
{
    struct conn *conn = c->conn;
    uint8_t *frame;
    size_t len;
    DWORD err = wire_pack_response(resp, &frame, &len);

    if (err != 0) {
        Rsm__Response small = RSM__RESPONSE__INIT;
        log_error("conn %" PRIu64 ": %s id %" PRIu64 ": cannot pack the response: %s", conn->id,
                  c->name, c->id, dispatch_error_name(err));
        small.id = c->id;
        small.error = err;
        small.detail = (char *)"the response does not fit in one frame";
        if (wire_pack_response(&small, &frame, &len) != 0) {
            conn_close(conn, "out of memory");
            return;
        }
    }
    conn_send(conn, frame, len);
}

void call_reply(struct call *c, Rsm__Response *resp)
{
    struct conn *conn = c->conn;

    resp->id = c->id;
    if (conn->closing) {
        log_debug("conn %" PRIu64 ": %s id %" PRIu64 " finished after the client left; "
                  "reply dropped", conn->id, c->name, c->id);
    } else {
        log_debug("conn %" PRIu64 ": %s id %" PRIu64 " -> %s%s%s", conn->id, c->name, c->id,
                  dispatch_error_name(resp->error), resp->detail ? ": " : "",
                  resp->detail ? resp->detail : "");
        send_response(c, resp);
        if (c->close_after)
            conn_finish(conn, c->name);
    }
    call_free(c);
}

void call_fail(struct call *c, DWORD err, const char *fmt, ...)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    char detail[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    resp.error = err;
    resp.detail = detail;
    call_reply(c, &resp);
}

void call_park(struct call *c, void (*cancel)(struct call *c))
{
    struct server *srv = c->conn->srv;

    c->cancel = cancel;
    c->parked = 1;
    c->prev = NULL;
    c->next = srv->parked;
    if (srv->parked)
        srv->parked->prev = c;
    srv->parked = c;
}

void dispatch_cancel_parked(struct server *srv)
{
    while (srv->parked != NULL) {
        struct call *c = srv->parked;
        void (*cancel)(struct call *) = c->cancel;
        unpark(c); /* a cancel hook that forgets to answer cannot loop here */
        if (cancel != NULL)
            cancel(c);
        else
            call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
    }
}

/* ------------------------------------------------------------------------ */
/* Checking fields */

int call_need_guid(struct call *c, const ProtobufCBinaryData *f, const char *field,
                   NTMS_GUID *g)
{
    if (f->len != 16) {
        call_fail(c, ERROR_INVALID_PARAMETER, "%s: %s must be 16 bytes, not %zu", c->name,
                  field, f->len);
        return -1;
    }
    wire_guid_from_bytes(f->data, g);
    return 0;
}

int call_opt_guid(struct call *c, const ProtobufCBinaryData *f, int has, const char *field,
                  NTMS_GUID *g, const NTMS_GUID **out)
{
    *out = NULL;
    if (!has || f->len == 0)
        return 0;
    if (call_need_guid(c, f, field, g) != 0)
        return -1;
    *out = g;
    return 0;
}

void call_answer(struct call *c, DWORD err, Rsm__Response *resp)
{
    char detail[128];

    resp->error = err;
    if (err != 0 && resp->detail == NULL) {
        snprintf(detail, sizeof detail, "%s: %s (%" PRIu32 ")", c->name,
                 dispatch_error_name(err), err);
        resp->detail = detail;
    }
    call_reply(c, resp);
}

void call_answer_status(struct call *c, DWORD err)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    call_answer(c, err, &resp);
}

/* ------------------------------------------------------------------------ */
/* Handlers */

static void handle_enumerate(struct call *c)
{
    const Rsm__Enumerate *m = c->req->enumerate;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__EnumerateResult res = RSM__ENUMERATE_RESULT__INIT;
    NTMS_GUID container;
    const NTMS_GUID *where;
    guid_list_t list = {0};
    uint8_t *packed = NULL;
    DWORD err;

    if (call_opt_guid(c, &m->container, m->has_container, "container", &container, &where) != 0)
        return;
    err = model_enumerate(STORE(c), WHO(c), where, m->type, m->has_options ? m->options : 0,
                          &list);
    if (err != 0) {
        call_answer_status(c, err);
        return;
    }
    res.count = (uint32_t)list.n;
    if (list.n > m->max_count) {
        err = ERROR_INSUFFICIENT_BUFFER; /* the count tells the caller what to allocate */
    } else if (list.n > 0) {
        packed = malloc(list.n * 16);
        if (packed == NULL) {
            guid_list_free(&list);
            call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
            return;
        }
        for (size_t i = 0; i < list.n; i++)
            wire_guid_to_bytes(&list.v[i], packed + 16 * i);
        res.has_guids = 1;
        res.guids.data = packed;
        res.guids.len = list.n * 16;
    }
    resp.result_case = RSM__RESPONSE__RESULT_ENUMERATE;
    resp.enumerate = &res;
    call_answer(c, err, &resp);
    free(packed);
    guid_list_free(&list);
}

static void handle_get_object_info(struct call *c)
{
    const Rsm__GetObjectInfo *m = c->req->get_object_info;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    NTMS_OBJECTINFORMATIONA info;
    objinfo_pb_t holder;
    NTMS_GUID id;
    DWORD err;

    if (call_need_guid(c, &m->guid, "guid", &id) != 0)
        return;
    memset(&info, 0, sizeof info);
    info.dwSize = sizeof info;
    info.dwType = m->type;
    err = model_get_info(STORE(c), WHO(c), &id, m->type, &info);
    if (err == 0) {
        resp.result_case = RSM__RESPONSE__RESULT_OBJECT_INFO;
        resp.object_info = objinfo_to_pb(&info, &holder);
    }
    call_answer(c, err, &resp);
}

static void handle_set_object_info(struct call *c)
{
    const Rsm__SetObjectInfo *m = c->req->set_object_info;
    NTMS_OBJECTINFORMATIONA info;
    NTMS_GUID id;
    DWORD err;

    if (call_need_guid(c, &m->guid, "guid", &id) != 0)
        return;
    err = objinfo_from_pb(m->info, &info);
    if (err != 0) {
        call_fail(c, err, "%s: info does not match its type or has a bad GUID field", c->name);
        return;
    }
    call_answer_status(c, model_set_info(STORE(c), WHO(c), &id, &info));
}

static void handle_get_attribute(struct call *c)
{
    const Rsm__GetAttribute *m = c->req->get_attribute;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__AttributeResult res = RSM__ATTRIBUTE_RESULT__INIT;
    uint8_t *data = NULL;
    size_t len = 0;
    NTMS_GUID id;
    DWORD err;

    if (call_need_guid(c, &m->guid, "guid", &id) != 0)
        return;
    err = model_get_attribute(STORE(c), WHO(c), &id, m->type, m->name, &data, &len);
    if (err == 0) {
        res.size = (uint32_t)len;
        if (len > m->max_size) {
            err = ERROR_INSUFFICIENT_BUFFER; /* size only: the caller retries */
        } else {
            res.has_data = 1;
            res.data.data = data;
            res.data.len = len;
        }
        resp.result_case = RSM__RESPONSE__RESULT_ATTRIBUTE;
        resp.attribute = &res;
    }
    call_answer(c, err, &resp);
    free(data);
}

static void handle_set_attribute(struct call *c)
{
    const Rsm__SetAttribute *m = c->req->set_attribute;
    NTMS_GUID id;

    if (call_need_guid(c, &m->guid, "guid", &id) != 0)
        return;
    call_answer_status(c, model_set_attribute(STORE(c), WHO(c), &id, m->type, m->name, m->data.data,
                                         m->data.len));
}

static void handle_get_pool_name(struct call *c)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__PoolNameResult res = RSM__POOL_NAME_RESULT__INIT;
    char *name = NULL;
    NTMS_GUID id;
    DWORD err;

    if (call_need_guid(c, &c->req->get_pool_name->guid, "guid", &id) != 0)
        return;
    err = model_pool_name(STORE(c), WHO(c), &id, &name);
    if (err == 0) {
        res.name = name;
        resp.result_case = RSM__RESPONSE__RESULT_POOL_NAME;
        resp.pool_name = &res;
    }
    call_answer(c, err, &resp);
    free(name);
}

static void handle_create_pool(struct call *c)
{
    const Rsm__CreatePool *m = c->req->create_pool;
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__CreatePoolResult res = RSM__CREATE_POOL_RESULT__INIT;
    NTMS_GUID media_type, id;
    const NTMS_GUID *type_arg;
    uint8_t id_bytes[16];
    int created = 0;
    DWORD err;

    if (call_opt_guid(c, &m->media_type, m->has_media_type, "media_type", &media_type, &type_arg) != 0)
        return;
    if (m->has_security && m->security.len > 0)
        log_debug("conn %" PRIu64 ": create_pool: security descriptor not applied yet",
                  c->conn->id);
    err = model_create_pool(STORE(c), WHO(c), m->name, type_arg, m->action, &id, &created);
    if (err == 0) {
        wire_guid_to_bytes(&id, id_bytes);
        res.guid.data = id_bytes;
        res.guid.len = sizeof id_bytes;
        res.has_created = 1;
        res.created = created != 0;
        resp.result_case = RSM__RESPONSE__RESULT_CREATE_POOL;
        resp.create_pool = &res;
    }
    call_answer(c, err, &resp);
}

static void handle_delete_pool(struct call *c)
{
    NTMS_GUID id;

    if (call_need_guid(c, &c->req->delete_pool->guid, "guid", &id) != 0)
        return;
    call_answer_status(c, model_delete_pool(STORE(c), WHO(c), &id));
}

/* ------------------------------------------------------------------------ */
/* The table and the entry point */

struct call_def {
    const char *name;
    void (*run)(struct call *c);
};

static const struct call_def calls[] = {
    [RSM__REQUEST__CALL_OPEN_SESSION] = {"open_session", session_open},
    [RSM__REQUEST__CALL_CLOSE_SESSION] = {"close_session", session_close},
    [RSM__REQUEST__CALL_ENUMERATE] = {"enumerate", handle_enumerate},
    [RSM__REQUEST__CALL_GET_OBJECT_INFO] = {"get_object_info", handle_get_object_info},
    [RSM__REQUEST__CALL_SET_OBJECT_INFO] = {"set_object_info", handle_set_object_info},
    [RSM__REQUEST__CALL_GET_ATTRIBUTE] = {"get_attribute", handle_get_attribute},
    [RSM__REQUEST__CALL_SET_ATTRIBUTE] = {"set_attribute", handle_set_attribute},
    [RSM__REQUEST__CALL_GET_POOL_NAME] = {"get_pool_name", handle_get_pool_name},
    [RSM__REQUEST__CALL_CREATE_POOL] = {"create_pool", handle_create_pool},
    [RSM__REQUEST__CALL_DELETE_POOL] = {"delete_pool", handle_delete_pool},
    /* libraries and drives: dispatch_library.c */
    [RSM__REQUEST__CALL_INVENTORY_LIBRARY] = {"inventory_library", handle_inventory_library},
    [RSM__REQUEST__CALL_INJECT_MEDIA] = {"inject_media", handle_inject_media},
    [RSM__REQUEST__CALL_EJECT_MEDIA] = {"eject_media", handle_eject_media},
    [RSM__REQUEST__CALL_ACCESS_LIBRARY_DOOR] = {"access_library_door", handle_access_library_door},
    [RSM__REQUEST__CALL_IDENTIFY_SLOT] = {"identify_slot", handle_identify_slot},
    [RSM__REQUEST__CALL_SET_OBJECT_ENABLED] = {"set_object_enabled", handle_set_object_enabled},
    [RSM__REQUEST__CALL_DELETE_LIBRARY] = {"delete_library", handle_delete_library},
    [RSM__REQUEST__CALL_DELETE_DRIVE] = {"delete_drive", handle_delete_drive},
    [RSM__REQUEST__CALL_BEGIN_DEVICE_CHANGE_DETECTION] = {"begin_device_change_detection",
                                                          handle_begin_detection},
    [RSM__REQUEST__CALL_SET_DEVICE_CHANGE_DETECTION] = {"set_device_change_detection",
                                                        handle_set_detection},
    [RSM__REQUEST__CALL_END_DEVICE_CHANGE_DETECTION] = {"end_device_change_detection",
                                                        handle_end_detection},
    [RSM__REQUEST__CALL_EJECT_STANDALONE_DISK] = {"eject_standalone_disk",
                                                  handle_eject_standalone_disk},
    /* drive cleaning: dispatch_cleaner.c */
    [RSM__REQUEST__CALL_RESERVE_CLEANER_SLOT] = {"reserve_cleaner_slot", handle_reserve_cleaner_slot},
    [RSM__REQUEST__CALL_RELEASE_CLEANER_SLOT] = {"release_cleaner_slot", handle_release_cleaner_slot},
    [RSM__REQUEST__CALL_INJECT_CLEANER] = {"inject_cleaner", handle_inject_cleaner},
    [RSM__REQUEST__CALL_EJECT_CLEANER] = {"eject_cleaner", handle_eject_cleaner},
    [RSM__REQUEST__CALL_CLEAN_DRIVE] = {"clean_drive", handle_clean_drive},
    /* media: dispatch_media.c */
    [RSM__REQUEST__CALL_ALLOCATE_MEDIA] = {"allocate_media", handle_allocate_media},
    [RSM__REQUEST__CALL_DEALLOCATE_MEDIA] = {"deallocate_media", handle_deallocate_media},
    [RSM__REQUEST__CALL_SWAP_MEDIA] = {"swap_media", handle_swap_media},
    [RSM__REQUEST__CALL_DECOMMISSION_MEDIA] = {"decommission_media", handle_decommission_media},
    [RSM__REQUEST__CALL_SET_MEDIA_COMPLETE] = {"set_media_complete", handle_set_media_complete},
    [RSM__REQUEST__CALL_DELETE_MEDIA] = {"delete_media", handle_delete_media},
    [RSM__REQUEST__CALL_CREATE_MEDIA] = {"create_media", handle_create_media},
    [RSM__REQUEST__CALL_UPDATE_OMID_INFO] = {"update_omid_info", handle_update_omid_info},
    [RSM__REQUEST__CALL_ADD_MEDIA_TYPE] = {"add_media_type", handle_add_media_type},
    [RSM__REQUEST__CALL_DELETE_MEDIA_TYPE] = {"delete_media_type", handle_delete_media_type},
    [RSM__REQUEST__CALL_CHANGE_MEDIA_TYPE] = {"change_media_type", handle_change_media_type},
    [RSM__REQUEST__CALL_MOVE_TO_POOL] = {"move_to_pool", handle_move_to_pool},
    /* the library request queue: dispatch_mount.c */
    [RSM__REQUEST__CALL_MOUNT_MEDIA] = {"mount_media", handle_mount_media},
    [RSM__REQUEST__CALL_DISMOUNT_MEDIA] = {"dismount_media", handle_dismount_media},
    [RSM__REQUEST__CALL_DISMOUNT_DRIVE] = {"dismount_drive", handle_dismount_drive},
    [RSM__REQUEST__CALL_CANCEL_LIBRARY_REQUEST] = {"cancel_library_request", handle_cancel_library_request},
    [RSM__REQUEST__CALL_DELETE_REQUESTS] = {"delete_requests", handle_delete_requests},
    [RSM__REQUEST__CALL_GET_REQUEST_ORDER] = {"get_request_order", handle_get_request_order},
    [RSM__REQUEST__CALL_SET_REQUEST_ORDER] = {"set_request_order", handle_set_request_order},
    /* operator requests and UI destinations: dispatch_opreq.c */
    [RSM__REQUEST__CALL_SUBMIT_OP_REQUEST] = {"submit_op_request", handle_submit_op_request},
    [RSM__REQUEST__CALL_WAIT_OP_REQUEST] = {"wait_op_request", handle_wait_op_request},
    [RSM__REQUEST__CALL_SATISFY_OP_REQUEST] = {"satisfy_op_request", handle_satisfy_op_request},
    [RSM__REQUEST__CALL_CANCEL_OP_REQUEST] = {"cancel_op_request", handle_cancel_op_request},
    [RSM__REQUEST__CALL_GET_UI_OPTIONS] = {"get_ui_options", handle_get_ui_options},
    [RSM__REQUEST__CALL_SET_UI_OPTIONS] = {"set_ui_options", handle_set_ui_options},
    /* notifications: dispatch_notify.c */
    [RSM__REQUEST__CALL_OPEN_NOTIFICATION] = {"open_notification", handle_open_notification},
    [RSM__REQUEST__CALL_WAIT_NOTIFICATION] = {"wait_notification", handle_wait_notification},
    [RSM__REQUEST__CALL_CLOSE_NOTIFICATION] = {"close_notification", handle_close_notification},
    /* database backup and recovery: dispatch_db.c */
    [RSM__REQUEST__CALL_EXPORT_DATABASE] = {"export_database", handle_export_database},
    [RSM__REQUEST__CALL_IMPORT_DATABASE] = {"import_database", handle_import_database},
};

static const struct call_def *find_call(int which)
{
    if (which <= 0 || (size_t)which >= sizeof calls / sizeof calls[0] || calls[which].run == NULL)
        return NULL;
    return &calls[which];
}

void dispatch_frame(struct conn *conn, const uint8_t *body, size_t len)
{
    Rsm__Request *req = wire_unpack_request(body, len);
    const struct call_def *def;
    struct call *c;

    if (req == NULL) {
        log_warn("conn %" PRIu64 " (uid %u pid %d): %zu-byte frame is not a valid request; "
                 "closing", conn->id, (unsigned)conn->who.uid, (int)conn->who.pid, len);
        conn_close(conn, "malformed frame");
        return;
    }
    c = calloc(1, sizeof *c);
    if (c == NULL) {
        log_error("conn %" PRIu64 ": out of memory for a call; closing", conn->id);
        rsm__request__free_unpacked(req, NULL);
        conn_close(conn, "out of memory");
        return;
    }
    conn_ref(conn);
    c->conn = conn;
    c->id = req->id;
    c->req = req;
    def = find_call((int)req->call_case);
    c->name = def ? def->name : "unknown call";

    /* protobuf-c ends a string at its first NUL and keeps no length, so a
     * string with an embedded NUL decodes shorter than it was sent. Real
     * encoders write the canonical form, whose size packing reproduces; a
     * mismatch is such a string (or a hand-made encoding) and is refused. */
    if (protobuf_c_message_get_packed_size(&req->base) != len) {
        call_fail(c, ERROR_INVALID_PARAMETER, "%s: a string holds a NUL byte, or the "
                  "encoding is not canonical", c->name);
        return;
    }
    if (!conn->session_open && req->call_case != RSM__REQUEST__CALL_OPEN_SESSION) {
        c->close_after = 1;
        call_fail(c, ERROR_INVALID_HANDLE, "no session: the first call on a connection must "
                  "be open_session");
        return;
    }
    if (def == NULL) {
        call_fail(c, ERROR_INVALID_PARAMETER, "unknown call");
        return;
    }
    log_debug("conn %" PRIu64 ": %s id %" PRIu64, conn->id, c->name, c->id);
    def->run(c);
}
