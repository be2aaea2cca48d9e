/*
 * inject.c - InjectNtmsMedia: cartridges put into the IE ports by the
 * operator are moved to free storage slots and inventoried.
 *
 * START opens every port of the library to the operator and waits, polling
 * the ports' element status every tick, until the ports are all full, a
 * STOP or RETRACT names the operation, or the port's MaxExtendSecs run
 * out. Then the import: close the ports, read the element status, move the
 * cartridge of each full port to the lowest empty slot, and inventory the
 * library so the new cartridges get their media records (Unrecognized pool)
 * and the known ones their new location. STARTMANY imports as soon as any
 * port is full and opens the ports again, until a STOP or the time-out;
 * RETRACT imports at once (and, for START, ends the operation). Cartridges
 * for which no slot is free stay in their ports and the request fails with
 * ERROR_LIBRARY_FULL; an inject started with no free slot at all is
 * refused with that code at once. The cleaner slot is never a free slot.
 *
 * InjectNtmsCleaner is the same operation for one cartridge: it imports as
 * soon as a port is full, moves that cartridge into the reserved cleaner
 * slot (others stay in their ports), and after the inventory records it as
 * the library's cleaner with the uses the caller gave.
 */
#include <stdlib.h>
#include <string.h>

#include "model/cleaner.h"
#include "ops_int.h"
#include "util/log.h"
#include "wire.h"

typedef struct inject {
    bool many;                      /* STARTMANY */
    bool cleaner;                   /* InjectNtmsCleaner */
    uint16_t cleaner_slot;          /* the reserved cleaner slot (0: none) */
    DWORD cleaner_uses;             /* dwNumberOfCleansLeft */
    uint16_t ports[OPS_MAX_PORTS];  /* the library's port addresses */
    size_t nports;
    unsigned open_secs;             /* how long the ports stay open */
    /* the import in progress: port -> slot pairs still to move */
    uint16_t from[OPS_MAX_PORTS], to[OPS_MAX_PORTS];
    size_t nmoves, done;
    DWORD error;                    /* the round's first failure */
} inject_t;

static void inject_wait(op_t *op, DWORD err);

/* ------------------------------------------------------------------------ */
/* The import */

static void import_inventoried(op_t *op, DWORD err)
{
    inject_t *in = op->data;

    /* An inventory STOP cancels this inventory too; the cartridges have
     * moved all the same, and the next inventory records new ones. */
    if (err == ERROR_CANCELLED)
        err = 0;
    if (in->error == 0)
        in->error = err;
    if (in->cleaner && in->nmoves > 0 && in->error == 0) {
        in->error = model_cleaner_injected(ops_store(), &op->library, in->cleaner_uses);
        if (in->error == 0)
            ops_clean_cleaner_arrived(&op->library);
    }
    if (in->error != 0 || !in->many || op->stop) {
        op_finish(op, in->error);
        return;
    }
    /* STARTMANY: ready for the next cartridges. */
    op->retract = false;
    op_ports(op, in->ports, in->nports, true, inject_wait);
}

static void import_next(op_t *op, DWORD err)
{
    inject_t *in = op->data;

    if (err != 0 && in->error == 0)
        in->error = err;
    if (in->done < in->nmoves) {
        size_t i = in->done++;
        op_move(op, NULL, in->from[i], in->to[i], import_next);
        return;
    }
    /* Every cartridge that came in is identified by the inventory. */
    op_inventory(op, NTMS_INVENTORY_FAST, import_inventoried);
}

/* A cleaner inject: the first full port goes to the cleaner slot. */
static void plan_cleaner(inject_t *in, const element_status_t *status)
{
    const element_t *slot = element_find(status, in->cleaner_slot);

    for (size_t p = 0; p < status->n; p++) {
        const element_t *port = &status->v[p];
        if (port->type != ELEM_PORT || !port->full)
            continue;
        if (in->nmoves > 0) {
            log_info("inject cleaner: the cartridge in port %u stays there (one cleaner at a time)", port->address);
        } else if (slot == NULL || slot->full) {
            log_warn("inject cleaner: the cleaner slot %u is not empty; the cartridge stays in port %u",
                     in->cleaner_slot, port->address);
            in->error = ERROR_RESOURCE_NOT_AVAILABLE;
        } else {
            in->from[0] = port->address;
            in->to[in->nmoves++] = in->cleaner_slot;
        }
    }
}

/* A slot a data cartridge may go to: empty, usable, not the cleaner's. */
static bool free_slot(const inject_t *in, const element_t *e)
{
    return e->type == ELEM_SLOT && !e->full && !e->except && e->address != in->cleaner_slot;
}

/* Pair each full port with the lowest empty slot. */
static void plan_import(op_t *op, DWORD err, const element_status_t *status)
{
    inject_t *in = op->data;
    size_t slot = 0;

    if (err != 0) {
        op_finish(op, err);
        return;
    }
    in->nmoves = in->done = 0;
    if (in->cleaner) {
        plan_cleaner(in, status);
        import_next(op, 0);
        return;
    }
    for (size_t p = 0; p < status->n; p++) {
        const element_t *port = &status->v[p];
        if (port->type != ELEM_PORT || !port->full || in->nmoves == OPS_MAX_PORTS)
            continue;
        while (slot < status->n && !free_slot(in, &status->v[slot]))
            slot++;
        if (slot == status->n) {
            log_warn("inject: no free slot for the cartridge in port %u; it stays there",
                     port->address);
            in->error = ERROR_LIBRARY_FULL;
            continue;
        }
        in->from[in->nmoves] = port->address;
        in->to[in->nmoves++] = status->v[slot++].address;
    }
    log_info("inject: %zu cartridge(s) to move into the library", in->nmoves);
    import_next(op, 0);
}

static void import_ports_closed(op_t *op, DWORD err)
{
    inject_t *in = op->data;

    in->error = err;
    op_status(op, 0, plan_import);
}

static void import_begin(op_t *op)
{
    inject_t *in = op->data;

    op->ticking = false;
    op_set_state(op, NTMS_LM_INPROCESS);
    op_ports(op, in->ports, in->nports, false, import_ports_closed);
}

/* ------------------------------------------------------------------------ */
/* Waiting for the operator */

static void ports_read(op_t *op, DWORD err, const element_status_t *status)
{
    inject_t *in = op->data;
    size_t full = 0, ports = 0;

    op->busy = false;
    if (err != 0) {
        op_finish(op, err);
        return;
    }
    for (size_t i = 0; i < status->n; i++) {
        if (status->v[i].type != ELEM_PORT)
            continue;
        ports++;
        full += status->v[i].full;
    }
    if (op->stop || op->retract || (in->many || in->cleaner ? full > 0 : full == ports && ports > 0))
        import_begin(op);
}

static void inject_tick(op_t *op)
{
    if (op->stop || op->retract) {
        import_begin(op);
        return;
    }
    op->busy = true;
    op_status(op, 1u << ELEM_PORT, ports_read);
}

/* The ports are open: wait for the operator. */
static void inject_wait(op_t *op, DWORD err)
{
    inject_t *in = op->data;

    if (err != 0) {
        op_finish(op, err);
        return;
    }
    op_set_state(op, NTMS_LM_WAITING);
    if (op->deadline_ms == 0)
        op->deadline_ms = wire_time_now_ms() + (int64_t)in->open_secs * 1000;
    op->ticking = true;
    ops_tick_start();
}

static void inject_start(op_t *op)
{
    inject_t *in = op->data;

    op_ports(op, in->ports, in->nports, true, inject_wait);
}

static void inject_release(op_t *op)
{
    free(op->data);
}

static const op_class_t inject_class = {"inject", inject_start, inject_tick, inject_release};

/* ------------------------------------------------------------------------ */
/* The call */

/* The ports of a library, its cleaner slot, and whether any storage slot
 * is free for data cartridges. */
static DWORD survey(const NTMS_GUID *library, inject_t *in, bool *free_slot)
{
    store_element_t *v = NULL;
    size_t n = 0;
    DWORD err = ops_elements(library, NTMS_IEPORT, &v, &n);

    in->open_secs = OPS_DEFAULT_PORT_SECS;
    for (size_t i = 0; err == 0 && i < n && in->nports < OPS_MAX_PORTS; i++) {
        NTMS_OBJECTINFORMATIONA port;
        if (store_get(ops_store(), &v[i].guid, &port) != 0 || port.dwOperationalState != NTMS_READY)
            continue; /* a port the library no longer reports */
        if (in->nports == 0 && port.Info.IEPort.MaxExtendSecs > 0)
            in->open_secs = port.Info.IEPort.MaxExtendSecs;
        in->ports[in->nports++] = (uint16_t)v[i].number;
    }
    free(v);
    in->cleaner_slot = (uint16_t)model_cleaner_slot_number(ops_store(), library);
    *free_slot = err == 0 && ops_first_empty(library, NTMS_STORAGESLOT, NULL, 0) != 0;
    return err;
}

/* STOP or RETRACT of operation `op_id`. */
static DWORD inject_control(const NTMS_GUID *library, DWORD action, const NTMS_GUID *op_id)
{
    op_t *op = op_id ? op_find(library, NULL, op_id) : NULL;

    if (op == NULL || op->cls != &inject_class || op->stop) {
        log_info("inject: %s names no open inject of this library",
                 action == NTMS_INJECT_STOP ? "STOP" : "RETRACT");
        return ERROR_INVALID_OPERATION;
    }
    if (op->state == OP_QUEUED) {
        if (action == NTMS_INJECT_STOP)
            op_cancel_queued(op);
        return 0; /* nothing to retract yet */
    }
    if (action == NTMS_INJECT_STOP)
        op->stop = true;
    else
        op->retract = true;
    return 0;
}

/* The checks of InjectNtmsCleaner on the library's cleaner slot. */
static DWORD cleaner_slot_ready(const NTMS_GUID *library)
{
    cleaner_info_t c;
    DWORD err = model_cleaner_info(ops_store(), library, &c);

    if (err != 0)
        return err;
    if (!c.reserved) {
        log_info("inject cleaner: library \"%s\" has no cleaner slot reserved", c.lib.szName);
        return ERROR_CLEANER_SLOT_NOT_SET;
    }
    if (c.slot_state == NTMS_SLOTSTATE_NOTPRESENT) {
        log_info("inject cleaner: cleaner slot %u of \"%s\" is not present", (unsigned)c.slot_number, c.lib.szName);
        return ERROR_RESOURCE_NOT_PRESENT;
    }
    if (c.present || c.slot_state == NTMS_SLOTSTATE_FULL) {
        log_info("inject cleaner: cleaner slot %u of \"%s\" holds a cartridge; eject it first",
                 (unsigned)c.slot_number, c.lib.szName);
        return ERROR_RESOURCE_NOT_AVAILABLE;
    }
    return 0;
}

DWORD ops_inject_cleaner(const principal_t *who, const NTMS_GUID *library, DWORD action, const NTMS_GUID *op_id,
                         DWORD uses, NTMS_GUID *out)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED}, ERROR_DEVICE_NOT_AVAILABLE};
    librequest_spec_t spec = {.op = NTMS_LM_INJECTCLEANER};
    NTMS_OBJECTINFORMATIONA rec;
    bool free_slot;
    inject_t *in;
    DWORD err;

    if (action != NTMS_INJECT_START && action != NTMS_INJECT_STOP)
        return ERROR_INVALID_PARAMETER;
    err = ops_library(library, &rules, &rec, NULL);
    if (err != 0)
        return err;
    if (action == NTMS_INJECT_STOP)
        return inject_control(library, action, op_id);
    err = cleaner_slot_ready(library);
    in = err == 0 ? calloc(1, sizeof *in) : NULL;
    if (err == 0 && in == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (err == 0)
        err = survey(library, in, &free_slot);
    if (err == 0 && in->nports == 0) {
        /* No port: the operator puts the cleaner into its slot through the
         * door, and the inventory after the door closes finds it. */
        free(in);
        log_info("inject cleaner: library \"%s\" has no IE port; the door opens for the cleaner slot", rec.szName);
        err = model_cleaner_expect(ops_store(), library, uses);
        return err ? err : ops_door_op(who, library, NTMS_INVENTORY_FAST, out);
    }
    if (err != 0) {
        free(in);
        return err;
    }
    in->cleaner = true;
    in->cleaner_uses = uses;
    return op_submit(&inject_class, who, &spec, library, action, in, NULL, NULL, out);
}

DWORD ops_inject(const principal_t *who, const NTMS_GUID *library, DWORD action,
                 const NTMS_GUID *op_id, NTMS_GUID *out)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_DEVICE_NOT_AVAILABLE},
        ERROR_DEVICE_NOT_AVAILABLE};
    librequest_spec_t spec = {.op = NTMS_LM_INJECT};
    NTMS_OBJECTINFORMATIONA rec;
    bool free_slot;
    inject_t *in;
    DWORD err;

    if (action > NTMS_INJECT_STARTMANY)
        return ERROR_INVALID_PARAMETER;
    err = ops_library(library, &rules, &rec, NULL);
    if (err != 0)
        return err;
    if (action == NTMS_INJECT_STOP || action == NTMS_INJECT_RETRACT)
        return inject_control(library, action, op_id);
    in = calloc(1, sizeof *in);
    if (in == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = survey(library, in, &free_slot);
    if (err == 0 && in->nports == 0) {
        log_info("inject: library \"%s\" has no IE port; use AccessNtmsLibraryDoor", rec.szName);
        err = ERROR_NOT_SUPPORTED;
    } else if (err == 0 && !free_slot) {
        log_info("inject: library \"%s\" has no free slot", rec.szName);
        err = ERROR_LIBRARY_FULL;
    }
    if (err != 0) {
        free(in);
        return err;
    }
    in->many = action == NTMS_INJECT_STARTMANY;
    spec.option = in->many ? 4 /* INJECTMANY */ : 0;
    return op_submit(&inject_class, who, &spec, library, action, in, NULL, NULL, out);
}
