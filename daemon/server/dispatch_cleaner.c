/*
 * dispatch_cleaner.c - the handlers of the drive cleaning calls:
 * Reserve/ReleaseNtmsCleanerSlot, Inject/EjectNtmsCleaner, CleanNtmsDrive.
 * Like the other handlers they check only what the wire cannot and hand
 * the call to the operations layer (daemon/ops/, docs/design/cleaning.md);
 * each answers at once (an inject, eject or cleaning is queued).
 */
#include "conn.h"
#include "dispatch.h"
#include "dispatch_library.h"
#include "ops/ops.h"

#define WHO(c) (&(c)->conn->who)

static void attach(struct call *c)
{
    ops_attach(c->conn->srv->loop, c->conn->srv->store);
}

void handle_reserve_cleaner_slot(struct call *c)
{
    const Rsm__ReserveCleanerSlot *m = c->req->reserve_cleaner_slot;
    NTMS_GUID lib, slot;

    if (call_need_guid(c, &m->library, "library", &lib) != 0 || call_need_guid(c, &m->slot, "slot", &slot) != 0)
        return;
    attach(c);
    call_answer_status(c, ops_reserve_cleaner(WHO(c), &lib, &slot));
}

void handle_release_cleaner_slot(struct call *c)
{
    dispatch_guid_call(c, &c->req->release_cleaner_slot->library, "library", ops_release_cleaner);
}

/* The library and the operation of an inject or eject of the cleaner. */
static int library_and_op(struct call *c, const ProtobufCBinaryData *lib_field, const ProtobufCBinaryData *op_field,
                          int has_op, NTMS_GUID *lib, NTMS_GUID *op_in, const NTMS_GUID **op)
{
    if (call_need_guid(c, lib_field, "library", lib) != 0 ||
        call_opt_guid(c, op_field, has_op, "operation", op_in, op) != 0)
        return -1;
    attach(c);
    return 0;
}

void handle_inject_cleaner(struct call *c)
{
    const Rsm__InjectCleaner *m = c->req->inject_cleaner;
    NTMS_GUID lib, op_in, op_out;
    const NTMS_GUID *op;
    DWORD err;

    if (library_and_op(c, &m->library, &m->operation, m->has_operation, &lib, &op_in, &op) != 0)
        return;
    err = ops_inject_cleaner(WHO(c), &lib, m->action, op, m->uses, &op_out);
    dispatch_answer_operation(c, err, RSM__RESPONSE__RESULT_INJECT_CLEANER,
                              m->action == NTMS_INJECT_START ? &op_out : NULL);
}

void handle_eject_cleaner(struct call *c)
{
    const Rsm__EjectCleaner *m = c->req->eject_cleaner;
    NTMS_GUID lib, op_in, op_out;
    const NTMS_GUID *op;
    DWORD err;

    if (library_and_op(c, &m->library, &m->operation, m->has_operation, &lib, &op_in, &op) != 0)
        return;
    err = ops_eject_cleaner(WHO(c), &lib, m->action, op, &op_out);
    dispatch_answer_operation(c, err, RSM__RESPONSE__RESULT_EJECT_CLEANER,
                              m->action == NTMS_EJECT_START ? &op_out : NULL);
}

void handle_clean_drive(struct call *c)
{
    dispatch_guid_call(c, &c->req->clean_drive->drive, "drive", ops_clean_drive);
}
