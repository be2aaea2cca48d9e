/*
 * dispatch_library.c - the handlers of the library and drive calls.
 *
 * Like dispatch.c's handlers, these check only what the wire cannot (GUID
 * sizes, packed lists) and hand the call to the operations layer
 * (daemon/ops/), which applies the model's rules and runs the hardware.
 *
 * Calls that wait (IdentifyNtmsSlot, an immediate eject) are parked with a
 * `waiter`: the operation's completion answers through it. A waiter
 * outlives its call when the service stops first (the cancel hook answers
 * ERROR_CANCELLED and clears waiter->call), so a late completion finds the
 * waiter, sees no call, and only frees it.
 */
#include "dispatch_library.h"

#include <inttypes.h>
#include <stdlib.h>

#include "conn.h"
#include "dispatch.h"
#include "ops/ops.h"
#include "util/log.h"

#define WHO(c) (&(c)->conn->who)

/* The operations layer needs the loop and the store before its first use. */
static void attach(struct call *c)
{
    ops_attach(c->conn->srv->loop, c->conn->srv->store);
}

/* ------------------------------------------------------------------------ */
/* Parked calls */

struct waiter {
    struct call *call;         /* NULL once the call was answered by a cancel */
    int has_op;                /* answer with an OperationResult */
    Rsm__Response__ResultCase result;
    NTMS_GUID op;
    struct waiter *next;
};

static struct waiter *waiters; /* every waiter whose call is still parked */

static struct waiter *waiter_new(struct call *c)
{
    struct waiter *w = calloc(1, sizeof *w);

    if (w != NULL)
        w->call = c;
    return w;
}

static void waiter_unlink(struct waiter *w)
{
    for (struct waiter **p = &waiters; *p != NULL; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            return;
        }
    }
}

/* The service stops before the operation finished. */
static void waiter_cancel(struct call *c)
{
    for (struct waiter *w = waiters; w != NULL; w = w->next) {
        if (w->call == c) {
            waiter_unlink(w);
            w->call = NULL; /* the completion will only free it */
            break;
        }
    }
    call_fail(c, ERROR_CANCELLED, "rsmd is stopping");
}

void dispatch_answer_operation(struct call *c, DWORD err, Rsm__Response__ResultCase result, const NTMS_GUID *op)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__OperationResult res = RSM__OPERATION_RESULT__INIT;
    uint8_t bytes[16];

    if (err == 0 && op != NULL) {
        wire_guid_to_bytes(op, bytes);
        res.operation.data = bytes;
        res.operation.len = sizeof bytes;
        resp.result_case = result;
        switch (result) {
        case RSM__RESPONSE__RESULT_INJECT_MEDIA: resp.inject_media = &res; break;
        case RSM__RESPONSE__RESULT_INJECT_CLEANER: resp.inject_cleaner = &res; break;
        case RSM__RESPONSE__RESULT_EJECT_CLEANER: resp.eject_cleaner = &res; break;
        default: resp.eject_media = &res; break;
        }
    }
    call_answer(c, err, &resp);
}

/* ops_done_fn: the operation a parked call waits for has finished. */
static void waiter_done(void *arg, DWORD err)
{
    struct waiter *w = arg;

    if (w->call != NULL) {
        waiter_unlink(w);
        if (w->has_op)
            dispatch_answer_operation(w->call, err, w->result, &w->op);
        else
            call_answer_status(w->call, err);
    }
    free(w);
}

/* Answer a call whose operation returned `err`: at once, or park it when
 * the operation is pending (w then belongs to the operation). */
static void finish_or_park(struct call *c, struct waiter *w, DWORD err)
{
    if (err == OPS_PENDING) {
        w->next = waiters;
        waiters = w;
        call_park(c, waiter_cancel);
        return;
    }
    if (w->has_op)
        dispatch_answer_operation(c, err, w->result, &w->op);
    else
        call_answer_status(c, err);
    free(w);
}

/* ------------------------------------------------------------------------ */
/* Handlers */

void handle_inventory_library(struct call *c)
{
    const Rsm__InventoryLibrary *m = c->req->inventory_library;
    NTMS_GUID lib;

    if (call_need_guid(c, &m->library, "library", &lib) != 0)
        return;
    attach(c);
    call_answer_status(c, ops_inventory(WHO(c), &lib, m->action));
}

void handle_access_library_door(struct call *c)
{
    const Rsm__AccessLibraryDoor *m = c->req->access_library_door;
    NTMS_GUID lib;

    if (call_need_guid(c, &m->library, "library", &lib) != 0)
        return;
    attach(c);
    call_answer_status(c, ops_door(WHO(c), &lib, m->action));
}

void handle_inject_media(struct call *c)
{
    const Rsm__InjectMedia *m = c->req->inject_media;
    NTMS_GUID lib, op_in, op_out;
    const NTMS_GUID *op;
    DWORD err;

    if (call_need_guid(c, &m->library, "library", &lib) != 0 ||
        call_opt_guid(c, &m->operation, m->has_operation, "operation", &op_in, &op) != 0)
        return;
    attach(c);
    err = ops_inject(WHO(c), &lib, m->action, op, &op_out);
    /* STOP and RETRACT name an operation; only a start creates one. */
    dispatch_answer_operation(c, err, RSM__RESPONSE__RESULT_INJECT_MEDIA,
              m->action == NTMS_INJECT_START || m->action == NTMS_INJECT_STARTMANY ? &op_out : NULL);
}

void handle_eject_media(struct call *c)
{
    const Rsm__EjectMedia *m = c->req->eject_media;
    NTMS_GUID media_in, op_in;
    const NTMS_GUID *media, *op;
    struct waiter *w;
    DWORD err;

    if (call_opt_guid(c, &m->media, m->has_media, "media", &media_in, &media) != 0 ||
        call_opt_guid(c, &m->operation, m->has_operation, "operation", &op_in, &op) != 0)
        return;
    w = waiter_new(c);
    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    attach(c);
    w->has_op = m->action != NTMS_EJECT_STOP;
    w->result = RSM__RESPONSE__RESULT_EJECT_MEDIA;
    err = ops_eject(WHO(c), media, m->action, op, &w->op, waiter_done, w);
    finish_or_park(c, w, err);
}

void handle_identify_slot(struct call *c)
{
    const Rsm__IdentifySlot *m = c->req->identify_slot;
    struct waiter *w;
    NTMS_GUID slot;

    if (call_need_guid(c, &m->slot, "slot", &slot) != 0)
        return;
    w = waiter_new(c);
    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    attach(c);
    finish_or_park(c, w, ops_identify_slot(WHO(c), &slot, m->option, waiter_done, w));
}

void handle_set_object_enabled(struct call *c)
{
    const Rsm__SetObjectEnabled *m = c->req->set_object_enabled;
    NTMS_GUID id;

    if (call_need_guid(c, &m->guid, "guid", &id) != 0)
        return;
    attach(c);
    call_answer_status(c, ops_set_enabled(WHO(c), m->type, &id, m->enabled));
}

void dispatch_guid_call(struct call *c, const ProtobufCBinaryData *f, const char *field,
                        DWORD (*fn)(const principal_t *who, const NTMS_GUID *id))
{
    NTMS_GUID id;

    if (call_need_guid(c, f, field, &id) != 0)
        return;
    attach(c);
    call_answer_status(c, fn(WHO(c), &id));
}

void handle_delete_library(struct call *c)
{
    dispatch_guid_call(c, &c->req->delete_library->guid, "guid", ops_delete_library);
}

void handle_delete_drive(struct call *c)
{
    dispatch_guid_call(c, &c->req->delete_drive->guid, "guid", ops_delete_drive);
}

void handle_eject_standalone_disk(struct call *c)
{
    const Rsm__EjectStandaloneDisk *m = c->req->eject_standalone_disk;
    struct waiter *w = waiter_new(c);

    if (w == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    attach(c);
    finish_or_park(c, w, ops_eject_standalone(WHO(c), m->device, m->options, waiter_done, w));
}

/* ------------------------------------------------------------------------ */
/* Device change detection */

void handle_begin_detection(struct call *c)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__DeviceChangeDetectionResult res = RSM__DEVICE_CHANGE_DETECTION_RESULT__INIT;
    uint64_t handle = 0;
    DWORD err;

    attach(c);
    err = ops_detect_begin(c->conn->session_id, &handle);
    if (err == 0) {
        res.handle = handle;
        resp.result_case = RSM__RESPONSE__RESULT_DEVICE_CHANGE_DETECTION;
        resp.device_change_detection = &res;
    }
    call_answer(c, err, &resp);
}

void handle_set_detection(struct call *c)
{
    const Rsm__SetDeviceChangeDetection *m = c->req->set_device_change_detection;
    NTMS_GUID *ids;
    size_t n = m->guids.len / 16;
    DWORD err;

    if (m->guids.len == 0 || m->guids.len % 16 != 0) {
        call_fail(c, ERROR_INVALID_PARAMETER, "%s: guids must be a non-empty multiple of 16 bytes, "
                  "not %zu", c->name, m->guids.len);
        return;
    }
    if (m->has_handle && m->handle == 0) {
        call_fail(c, ERROR_INVALID_HANDLE, "%s: detection handle 0", c->name);
        return;
    }
    ids = malloc(n * sizeof *ids);
    if (ids == NULL) {
        call_answer_status(c, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    for (size_t i = 0; i < n; i++)
        wire_guid_from_bytes(m->guids.data + 16 * i, &ids[i]);
    attach(c);
    err = ops_detect_set(c->conn->session_id, m->has_handle ? m->handle : 0, m->type, ids, n);
    free(ids);
    call_answer_status(c, err);
}

void handle_end_detection(struct call *c)
{
    attach(c);
    call_answer_status(c, ops_detect_end(c->conn->session_id,
                                         c->req->end_device_change_detection->handle));
}

void dispatch_library_session_ended(uint64_t session_id)
{
    ops_detect_session_ended(session_id);
}
