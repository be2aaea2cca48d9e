/*
 * inventory.c - InventoryNtmsLibrary, IdentifyNtmsSlot and
 * AccessNtmsLibraryDoor: the operations that end in an inventory.
 *
 * Inventory methods. FAST reads the element status with bar codes and
 * reconciles every element type; OMID does that, then hands the library
 * to the label reader (daemon/label/omid.c, ops_set_omid_reader), which
 * loads each cartridge whose label is not yet known into an idle drive,
 * reads and places it under a request of its own; SLOT reconciles the
 * storage slots only;
 * DEFAULT is the library object's InventoryMethod; NONE does nothing (no
 * request is created). STOP cancels the library's open inventories: a
 * queued one ends CANCELLED at once; a running one ends CANCELLED at once
 * and its element status, when it comes back, is not applied.
 *
 * The door. AccessNtmsLibraryDoor unlocks the library (ALLOW MEDIUM
 * REMOVAL), marks the door object open, and waits for it to be closed: the
 * library reporting a change (a UNIT ATTENTION after the door was shut,
 * seen by a CHECK every tick) or the door's MaxOpenSecs running out. Then
 * it locks again (PREVENT), marks the door closed and runs the inventory
 * the call asked for. A library that cannot lock (ERROR_NOT_SUPPORTED)
 * goes through the same steps, as the reference requires.
 */
#include <stdlib.h>
#include <string.h>

#include "ops_int.h"
#include "util/log.h"
#include "wire.h"

/* ------------------------------------------------------------------------ */
/* InventoryNtmsLibrary */

static void inventory_end(op_t *op, DWORD err)
{
    op_finish(op, op->cancelled ? ERROR_CANCELLED : err);
}

static const ops_omid_reader_t *omid_reader;

void ops_set_omid_reader(const ops_omid_reader_t *reader)
{
    omid_reader = reader;
}

/* The bar codes are reconciled; the labels of the cartridges not yet
 * identified are read in the background, on idle drives, while the op's
 * request ends. */
static void read_labels_after(op_t *op, DWORD err)
{
    if (err != 0 || op->cancelled || omid_reader == NULL)
        return;
    DWORD rc = omid_reader->start(&op->library, NULL, NULL, NULL);
    if (rc != 0)
        log_warn("%s: the labels cannot be read (error %u)", op->cls->name, (unsigned)rc);
}

static void inventory_labels(op_t *op, DWORD err)
{
    read_labels_after(op, err);
    inventory_end(op, err);
}

static void inventory_start(op_t *op)
{
    if (op->action == NTMS_INVENTORY_OMID && omid_reader != NULL) {
        op_inventory(op, NTMS_INVENTORY_FAST, inventory_labels);
        return;
    }
    if (op->action == NTMS_INVENTORY_OMID)
        log_info("inventory: no label reader runs; doing a FAST (bar-code) inventory instead");
    op_inventory(op, op->action, inventory_end);
}

static const op_class_t inventory_class = {"inventory", inventory_start, NULL, NULL};

/* NTMS_INVENTORY_STOP: every open inventory of the library ends. The
 * core's inventory in flight is cancelled too, unless it belongs to another
 * operation running now (an inject's or a door's closing inventory). */
static DWORD inventory_stop(const NTMS_GUID *library, library_t *lib)
{
    int stopped = 0;
    op_t *op = op_first(library), *next;
    bool core_too = op == NULL || op->state != OP_RUNNING || op->cls == &inventory_class;

    for (; op != NULL; op = next) {
        next = op->next;
        if (op->cls != &inventory_class || op->cancelled)
            continue;
        op->cancelled = true;
        stopped++;
        if (op->state == OP_QUEUED)
            op_cancel_queued(op);
        else /* the request ends now; the core's answer comes later */
            model_librequest_finish(ops_store(), &op->request, ERROR_CANCELLED);
    }
    if (core_too && lib != NULL)
        library_inventory(lib, NTMS_INVENTORY_STOP, NULL, NULL);
    if (omid_reader != NULL)
        omid_reader->stop(library);
    log_info("inventory: STOP ended %d inventor%s", stopped, stopped == 1 ? "y" : "ies");
    return 0;
}

DWORD ops_inventory(const principal_t *who, const NTMS_GUID *library, DWORD action)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_INVALID_LIBRARY, ERROR_RESOURCE_DISABLED},
        ERROR_DEVICE_NOT_AVAILABLE};
    librequest_spec_t spec = {.op = NTMS_LM_INVENTORY};
    NTMS_OBJECTINFORMATIONA rec;
    DWORD method = action, err;
    library_t *lib;

    if (action >= NTMS_INVENTORY_MAX)
        return ERROR_INVALID_PARAMETER;
    err = ops_library(library, &rules, &rec, &lib);
    if (err != 0)
        return err;
    if (action == NTMS_INVENTORY_STOP)
        return inventory_stop(library, lib);
    if (method == NTMS_INVENTORY_DEFAULT)
        method = rec.Info.Library.InventoryMethod;
    if (method == NTMS_INVENTORY_NONE) {
        log_info("inventory of \"%s\": method NONE, nothing to do", rec.szName);
        return 0;
    }
    if (method != NTMS_INVENTORY_OMID && method != NTMS_INVENTORY_SLOT)
        method = NTMS_INVENTORY_FAST;
    spec.option = method == NTMS_INVENTORY_SLOT ? 1 /* SLOTS_ONLY */ : 0 /* FULL_INVENTORY */;
    return op_submit(&inventory_class, who, &spec, library, method, NULL, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* IdentifyNtmsSlot */

/* The library's element status is read again and reconciled (a FAST
 * inventory: the core reads every element type), so the slot's cartridge
 * is recorded; then the label reader reads its label on an idle drive and
 * answers the caller (an empty slot: at once). The drive is given back
 * empty after either option: a later mount loads the cartridge again. */
static void identify_labels(op_t *op, DWORD err)
{
    const NTMS_GUID *slot = op->data;

    if (err == 0 && omid_reader != NULL && !op->cancelled) {
        ops_done_fn done = op->done;
        void *arg = op->done_arg;
        op->done = NULL; /* the reader answers the caller */
        err = omid_reader->start(&op->library, slot, done, arg);
        if (err != 0) {
            op->done = done;
            op->done_arg = arg;
        }
    }
    op_finish(op, err);
}

static void identify_start(op_t *op)
{
    op_inventory(op, NTMS_INVENTORY_FAST, identify_labels);
}

static const op_class_t identify_class = {"identify slot", identify_start, NULL, ops_free_data};

DWORD ops_identify_slot(const principal_t *who, const NTMS_GUID *slot, DWORD option,
                        ops_done_fn done, void *arg)
{
    static const lib_rules_t rules = {
        {ERROR_OBJECT_NOT_FOUND, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED},
        ERROR_LIBRARY_OFFLINE};
    librequest_spec_t spec = {.op = NTMS_LM_CLASSIFY, .slot = slot};
    NTMS_OBJECTINFORMATIONA rec;
    DWORD type, err;

    if (option != 0 && option != NTMS_DISMOUNT_DEFERRED && option != NTMS_DISMOUNT_IMMEDIATE)
        return ERROR_INVALID_PARAMETER;
    err = store_type_of(ops_store(), slot, &type);
    if (err == 0 && type != NTMS_STORAGESLOT)
        err = ERROR_OBJECT_NOT_FOUND;
    if (err == 0)
        err = store_get(ops_store(), slot, &rec);
    if (err != 0) {
        log_info("identify slot: no storage slot has this GUID");
        return err;
    }
    err = ops_library(&rec.Info.StorageSlot.Library, &rules, NULL, NULL);
    if (err != 0)
        return err;
    NTMS_GUID *copy = malloc(sizeof *copy);
    if (copy == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    *copy = *slot;
    return op_submit(&identify_class, who, &spec, &rec.Info.StorageSlot.Library,
                     option ? option : NTMS_DISMOUNT_IMMEDIATE, copy, done, arg, NULL);
}

/* ------------------------------------------------------------------------ */
/* AccessNtmsLibraryDoor */

typedef struct door {
    NTMS_GUID door;   /* the library's (first) door object */
    DWORD method;     /* the inventory to run once it is closed */
} door_t;

static void door_set_state(op_t *op, DWORD state)
{
    door_t *d = op->data;
    NTMS_OBJECTINFORMATIONA rec;

    if (store_get(ops_store(), &d->door, &rec) == 0 && rec.Info.IEDoor.State != state) {
        rec.Info.IEDoor.State = state;
        if (store_update(ops_store(), &rec) != 0)
            log_warn("door access: cannot record the door's state");
    }
}

/* After the door: an OMID method reads the labels too, as an inventory. */
static void door_inventory_done(op_t *op, DWORD err)
{
    door_t *d = op->data;

    if (d->method == NTMS_INVENTORY_OMID)
        read_labels_after(op, err);
    op_finish(op, err);
}

static void door_locked(op_t *op, job_t *job)
{
    door_t *d = op->data;

    if (job->result != 0 && job->result != ERROR_NOT_SUPPORTED)
        log_warn("door access: cannot lock the library again: %s", job->why);
    door_set_state(op, NTMS_DOORSTATE_CLOSED);
    op_set_state(op, NTMS_LM_INPROCESS);
    if (d->method == NTMS_INVENTORY_NONE) {
        op_finish(op, 0);
        return;
    }
    op_inventory(op, d->method, door_inventory_done);
}

/* The door is closed (or its time is up): lock, then inventory. */
static void door_close(op_t *op)
{
    job_t *job = op_new_job(op, JOB_LOCK);

    op->ticking = false;
    if (job != NULL)
        job->flag = true;
    op_job(op, job, door_locked);
}

static void door_checked(op_t *op, job_t *job)
{
    op->busy = false;
    if (job->result == 0 && job->changed) {
        log_info("door access: the library reports a change; the door counts as closed");
        op->stop = true;
    }
    if (op->stop)
        door_close(op);
}

static void door_tick(op_t *op)
{
    if (op->stop) {
        door_close(op);
        return;
    }
    op->busy = true;
    op_job(op, op_new_job(op, JOB_CHECK), door_checked);
}

static void door_unlocked(op_t *op, job_t *job)
{
    door_t *d = op->data;
    NTMS_OBJECTINFORMATIONA rec;
    unsigned secs = OPS_DEFAULT_DOOR_SECS;

    if (job->result != 0 && job->result != ERROR_NOT_SUPPORTED) {
        op_finish(op, job->result);
        return;
    }
    if (store_get(ops_store(), &d->door, &rec) == 0 && rec.Info.IEDoor.MaxOpenSecs > 0)
        secs = rec.Info.IEDoor.MaxOpenSecs;
    door_set_state(op, NTMS_DOORSTATE_OPEN);
    op_set_state(op, NTMS_LM_WAITING);
    op->deadline_ms = wire_time_now_ms() + (int64_t)secs * 1000;
    op->ticking = true;
    ops_tick_start();
}

static void door_start(op_t *op)
{
    job_t *job = op_new_job(op, JOB_LOCK);

    if (job != NULL)
        job->flag = false; /* ALLOW MEDIUM REMOVAL */
    op_job(op, job, door_unlocked);
}

static void door_release(op_t *op)
{
    free(op->data);
}

static const op_class_t door_class = {"door access", door_start, door_tick, door_release};

DWORD ops_door(const principal_t *who, const NTMS_GUID *library, DWORD action)
{
    return ops_door_op(who, library, action, NULL);
}

DWORD ops_door_op(const principal_t *who, const NTMS_GUID *library, DWORD action, NTMS_GUID *out)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED},
        ERROR_LIBRARY_OFFLINE};
    librequest_spec_t spec = {.op = NTMS_LM_DOORACCESS};
    NTMS_OBJECTINFORMATIONA rec;
    store_element_t *doors = NULL;
    size_t ndoors = 0;
    door_t *d;
    DWORD err;

    if (action >= NTMS_INVENTORY_MAX || action == NTMS_INVENTORY_STOP)
        return ERROR_INVALID_PARAMETER;
    err = ops_library(library, &rules, &rec, NULL);
    if (err == 0)
        err = ops_elements(library, NTMS_IEDOOR, &doors, &ndoors);
    if (err == 0 && ndoors == 0) {
        log_info("door access: library \"%s\" has no door", rec.szName);
        err = ERROR_RESOURCE_NOT_PRESENT;
    }
    if (err != 0) {
        free(doors);
        return err;
    }
    d = calloc(1, sizeof *d);
    if (d == NULL) {
        free(doors);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    d->door = doors[0].guid;
    d->method = action == NTMS_INVENTORY_DEFAULT ? rec.Info.Library.InventoryMethod : action;
    free(doors);
    spec.option = d->method;
    return op_submit(&door_class, who, &spec, library, action, d, NULL, NULL, out);
}
