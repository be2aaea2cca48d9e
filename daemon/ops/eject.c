/*
 * eject.c - EjectNtmsMedia: media out through the IE ports.
 *
 * Each medium goes to an empty port: from a slot in one move; from a drive,
 * the drive is dismounted first the usual way (op_dismount: unload, back to
 * its home slot or the lowest empty slot) and the medium goes from there to
 * the port. A medium of a stand-alone library leaves through its drive
 * instead (dismount.c). Then the ports are opened to the operator and the operation
 * waits, polling the ports every tick, until every medium has been taken
 * out, a STOP names it, or the port's MaxExtendSecs run out; the ports are
 * closed again. A medium taken out leaves its library as the reference
 * says (model_media_ejected: cleaners, import, unrecognized and
 * incompatible media are deleted, the others go to the offline library);
 * one the operator left in its port stays there, in the library.
 *
 * QUEUE gathers media into one batch per library (a HELD operation whose
 * request is already listed); START with one of them, another medium of
 * the same library, or no medium at all runs the batch. More media than
 * the library has empty ports is ERROR_BUSY. IMMEDIATE and ASK_USER (no
 * dialog exists here, so it asks nobody) answer once the media are in the
 * ports; FORCE also ejects media that are in use.
 *
 * EjectNtmsCleaner is an eject of the library's cleaner from its cleaner
 * slot, under an NTMS_LM_EJECTCLEANER request, never part of a batch; the
 * cleaner, once taken, is deleted like every cleaner that leaves.
 */
#include <stdlib.h>
#include <string.h>

#include "model/cleaner.h"
#include "ops_int.h"
#include "util/log.h"
#include "wire.h"

typedef struct eject {
    NTMS_GUID media[OPS_MAX_PORTS];
    size_t n;
    unsigned open_secs;
    /* filled as the operation runs */
    uint16_t port[OPS_MAX_PORTS];  /* the port each medium went to */
    bool gone[OPS_MAX_PORTS];      /* taken out by the operator */
    size_t i;                      /* the medium being moved */
} eject_t;

/* One pending batch per library: the op NTMS_EJECT_QUEUE fills. */
typedef struct batch {
    op_t *op;
    struct batch *next;
} batch_t;

static batch_t *batches;

static const op_class_t eject_class;

/* ------------------------------------------------------------------------ */
/* Choosing elements */

/* The lowest empty port not yet taken by media 0..upto-1 of the batch. */
static uint16_t free_port(const NTMS_GUID *library, const eject_t *e, size_t upto)
{
    return ops_first_empty(library, NTMS_IEPORT, e->port, upto);
}

/* How many ports of the library are empty. */
static size_t empty_ports(const NTMS_GUID *library)
{
    store_element_t *v = NULL;
    size_t n = 0, count = 0;

    if (ops_elements(library, NTMS_IEPORT, &v, &n) == 0)
        for (size_t i = 0; i < n; i++)
            count += v[i].state == NTMS_PORTCONTENT_EMPTY;
    free(v);
    return count;
}

/* The element address of a location object (slot, drive or port). */
static DWORD element_number(const NTMS_GUID *where, DWORD *number)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD err = store_get(ops_store(), where, &rec);

    if (err != 0)
        return err;
    switch (rec.dwType) {
    case NTMS_STORAGESLOT:
        *number = rec.Info.StorageSlot.Number;
        return 0;
    case NTMS_DRIVE:
        *number = rec.Info.Drive.Number;
        return 0;
    case NTMS_IEPORT:
        *number = rec.Info.IEPort.Number;
        return 0;
    default:
        return ERROR_INVALID_MEDIA;
    }
}

/* ------------------------------------------------------------------------ */
/* Waiting for the operator to take the media */

/* The ports' objects follow what the operator did (an emptied port is no
 * move the store saw) and whatever the operator left is recorded where it
 * is. An inventory STOP cancelling this one changes nothing that matters. */
static void eject_inventoried(op_t *op, DWORD err)
{
    if (err != 0 && err != ERROR_CANCELLED)
        log_warn("eject: the inventory after the eject failed (error %u)", (unsigned)err);
    op_finish(op, 0);
}

static void eject_closed(op_t *op, DWORD err)
{
    if (err != 0)
        log_warn("eject: the ports could not all be closed again");
    op_inventory(op, NTMS_INVENTORY_FAST, eject_inventoried);
}

static void eject_end(op_t *op)
{
    eject_t *e = op->data;

    op->ticking = false;
    op_set_state(op, NTMS_LM_INPROCESS);
    op_ports(op, e->port, e->n, false, eject_closed);
}

static void eject_ports_read(op_t *op, DWORD err, const element_status_t *status)
{
    eject_t *e = op->data;
    size_t left = 0;

    op->busy = false;
    for (size_t k = 0; err == 0 && k < e->n; k++) {
        const element_t *p = element_find(status, e->port[k]);
        if (!e->gone[k] && p != NULL && !p->full) {
            e->gone[k] = true;
            if (model_media_ejected(ops_store(), &e->media[k], NULL) != 0)
                log_warn("eject: cannot record that a medium left port %u", e->port[k]);
        }
        left += !e->gone[k];
    }
    if (err != 0 || left == 0 || op->stop)
        eject_end(op);
}

/* Even after a STOP the ports are read once more, so that a medium the
 * operator has taken leaves as the reference says. */
static void eject_tick(op_t *op)
{
    op->busy = true;
    op_status(op, 1u << ELEM_PORT, eject_ports_read);
}

static void eject_wait(op_t *op, DWORD err)
{
    eject_t *e = op->data;

    if (err != 0) {
        op_finish(op, err);
        return;
    }
    op_answer(op, 0); /* IMMEDIATE: the media are in the ports */
    op_set_state(op, NTMS_LM_WAITING);
    op->deadline_ms = wire_time_now_ms() + (int64_t)e->open_secs * 1000;
    op->ticking = true;
    ops_tick_start();
}

/* ------------------------------------------------------------------------ */
/* Moving the media to the ports */

static void eject_next(op_t *op, DWORD err);

static void to_port(op_t *op, DWORD from)
{
    eject_t *e = op->data;
    uint16_t port = free_port(&op->library, e, e->i);

    if (port == 0) {
        op_finish(op, ERROR_BUSY);
        return;
    }
    e->port[e->i] = port;
    op_move(op, &e->media[e->i], (uint16_t)from, port, eject_next);
}

static void dismounted(op_t *op, DWORD err, uint16_t slot)
{
    if (err != 0) {
        op_finish(op, err);
        return;
    }
    to_port(op, slot);
}

/* Medium e->i: to a port, dismounting it first when it is in a drive. */
static void eject_one(op_t *op)
{
    eject_t *e = op->data;
    NTMS_OBJECTINFORMATIONA m;
    DWORD from;
    DWORD err = store_get(ops_store(), &e->media[e->i], &m);

    if (err == 0)
        err = element_number(&m.Info.PhysicalMedia.Location, &from);
    if (err != 0 || memcmp(&m.Info.PhysicalMedia.CurrentLibrary, &op->library, sizeof op->library) != 0) {
        op_finish(op, err ? err : ERROR_INVALID_MEDIA); /* it left the library meanwhile */
        return;
    }
    switch (m.Info.PhysicalMedia.LocationType) {
    case NTMS_IEPORT:
        e->port[e->i] = (uint16_t)from;
        eject_next(op, 0);
        return;
    case NTMS_DRIVE:
        op_dismount(op, &e->media[e->i], (uint16_t)from, dismounted);
        return;
    default:
        to_port(op, from);
        return;
    }
}

static void eject_next(op_t *op, DWORD err)
{
    eject_t *e = op->data;

    if (err != 0) {
        op_finish(op, err);
        return;
    }
    if (e->i < e->n && e->port[e->i] != 0)
        e->i++;
    if (e->i < e->n) {
        eject_one(op);
        return;
    }
    op_ports(op, e->port, e->n, true, eject_wait);
}

static void eject_start(op_t *op)
{
    eject_one(op);
}

static const op_class_t eject_class = {"eject", eject_start, eject_tick, ops_free_data};

/* ------------------------------------------------------------------------ */
/* Batches */

static batch_t **batch_slot(const NTMS_GUID *library)
{
    batch_t **p;

    for (p = &batches; *p != NULL; p = &(*p)->next)
        if (library == NULL || memcmp(&(*p)->op->library, library, sizeof *library) == 0)
            break;
    return p;
}

static op_t *batch_take(const NTMS_GUID *library)
{
    batch_t **p = batch_slot(library), *b = *p;
    op_t *op;

    if (b == NULL)
        return NULL;
    op = b->op;
    *p = b->next;
    free(b);
    return op;
}

static DWORD batch_add(op_t *op, const NTMS_GUID *media)
{
    eject_t *e = op->data;

    for (size_t k = 0; k < e->n; k++)
        if (memcmp(&e->media[k], media, sizeof *media) == 0)
            return 0;
    if (e->n >= empty_ports(&op->library) || e->n == OPS_MAX_PORTS) {
        log_info("eject: more media queued than the library has empty ports");
        return ERROR_BUSY;
    }
    e->media[e->n++] = *media;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* EjectNtmsMedia */

static DWORD eject_stop(const NTMS_GUID *op_id)
{
    op_t *op;

    for (batch_t **p = &batches; op_id != NULL && *p != NULL; p = &(*p)->next) {
        if (memcmp(&(*p)->op->request, op_id, sizeof *op_id) == 0) {
            batch_t *b = *p;
            *p = b->next;
            op_discard(b->op);
            free(b);
            return 0;
        }
    }
    op = op_id ? op_find_request(op_id) : NULL;
    if (op == NULL || (op->cls != &eject_class && op->cls != &ops_sa_eject_class)) {
        log_info("eject: STOP names no open eject");
        return ERROR_INVALID_OPERATION;
    }
    if (op->state == OP_QUEUED)
        op_cancel_queued(op);
    else
        op->stop = true;
    return 0;
}

/* START without a medium: the one batch QUEUE built. */
static DWORD start_batch(NTMS_GUID *out, ops_done_fn done, void *arg)
{
    op_t *op;

    if (batches == NULL || batches->next != NULL) {
        log_info("eject: START without a medium needs exactly one queued batch, there are %s",
                 batches == NULL ? "none" : "several");
        return ERROR_INVALID_PARAMETER;
    }
    op = batch_take(NULL);
    *out = op->request;
    return op_enqueue(op, done, arg);
}

/* Whether medium `m` may leave: not in use (unless FORCE), not in a
 * disabled drive. */
static DWORD check_medium(const NTMS_OBJECTINFORMATIONA *m, DWORD action)
{
    DWORD state = m->Info.PhysicalMedia.MediaState;

    if (action != NTMS_EJECT_FORCE &&
        (state == NTMS_MEDIASTATE_INUSE || state == NTMS_MEDIASTATE_MOUNTED)) {
        /* LOADED (a deferred dismount, or found in a drive) is not in use:
         * the eject dismounts it first. */
        log_info("eject: medium \"%s\" is in use", m->szName);
        return ERROR_BUSY;
    }
    if (m->Info.PhysicalMedia.LocationType == NTMS_DRIVE &&
        model_drive_usable(ops_store(), &m->Info.PhysicalMedia.Location) == ERROR_RESOURCE_DISABLED) {
        log_info("eject: medium \"%s\" is in a disabled drive", m->szName);
        return ERROR_RESOURCE_DISABLED;
    }
    return 0;
}

/* A new HELD eject of `library` under a request of `spec`. */
static DWORD eject_create(const principal_t *who, librequest_spec_t *spec, const NTMS_GUID *library, DWORD action,
                          op_t **out)
{
    eject_t *e = calloc(1, sizeof *e);
    store_element_t *ports = NULL;
    size_t n = 0;
    NTMS_OBJECTINFORMATIONA port;

    if (e == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    e->open_secs = OPS_DEFAULT_PORT_SECS;
    if (ops_elements(library, NTMS_IEPORT, &ports, &n) == 0 && n > 0 &&
        store_get(ops_store(), &ports[0].guid, &port) == 0 && port.Info.IEPort.MaxExtendSecs > 0)
        e->open_secs = port.Info.IEPort.MaxExtendSecs;
    free(ports);
    return op_create(&eject_class, who, spec, library, action, e, out);
}

/* The library's batch, or a new HELD eject for it. */
static DWORD batch_for(const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *media,
                       DWORD action, op_t **out)
{
    librequest_spec_t spec = {.op = NTMS_LM_EJECT, .media = media,
                              .option = action == NTMS_EJECT_FORCE ? 2 /* FORCEIMMEDIATE */ : 0};
    batch_t *b = *batch_slot(library);

    if (b != NULL) {
        *out = b->op;
        return 0;
    }
    return eject_create(who, &spec, library, action, out);
}

static DWORD remember_batch(op_t *op)
{
    batch_t *b;

    if (*batch_slot(&op->library) != NULL)
        return 0; /* it is the library's batch already */
    b = calloc(1, sizeof *b);
    if (b == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    b->op = op;
    b->next = batches;
    batches = b;
    return 0;
}

DWORD ops_eject(const principal_t *who, const NTMS_GUID *media, DWORD action, const NTMS_GUID *op_id,
                NTMS_GUID *out, ops_done_fn done, void *arg)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_DEVICE_NOT_AVAILABLE},
        ERROR_DEVICE_NOT_AVAILABLE};
    static const NTMS_GUID none;
    bool wait = action == NTMS_EJECT_IMMEDIATE || action == NTMS_EJECT_ASK_USER;
    NTMS_OBJECTINFORMATIONA m, lib;
    const NTMS_GUID *library;
    op_t *op;
    DWORD err;

    if (action > NTMS_EJECT_ASK_USER)
        return ERROR_INVALID_PARAMETER;
    if (action == NTMS_EJECT_STOP)
        return eject_stop(op_id);
    if (media == NULL || memcmp(media, &none, sizeof none) == 0)
        return action == NTMS_EJECT_START ? start_batch(out, NULL, NULL) : ERROR_INVALID_PARAMETER;
    err = model_media_for_eject(ops_store(), media, &m);
    if (err != 0)
        return err;
    library = &m.Info.PhysicalMedia.CurrentLibrary;
    err = ops_library(library, &rules, &lib, NULL);
    if (err == 0)
        err = check_medium(&m, action);
    if (err != 0)
        return err;
    if (lib.Info.Library.LibraryType == NTMS_LIBRARYTYPE_STANDALONE) {
        NTMS_OBJECTINFORMATIONA drive;
        if (store_get(ops_store(), &m.Info.PhysicalMedia.Location, &drive) != 0 ||
            drive.dwType != NTMS_DRIVE)
            return ERROR_INVALID_MEDIA;
        return ops_sa_submit(who, &drive, action, wait ? done : NULL, arg, out);
    }
    if (lib.Info.Library.dwNumberOfPorts == 0) {
        log_info("eject: library \"%s\" has no IE port; use AccessNtmsLibraryDoor", lib.szName);
        return ERROR_NOT_SUPPORTED;
    }
    err = batch_for(who, library, media, action, &op);
    if (err != 0)
        return err;
    err = batch_add(op, media);
    if (err != 0) {
        if (*batch_slot(library) == NULL) /* a batch of this call only */
            op_discard(op);
        return err;
    }
    *out = op->request;
    if (action == NTMS_EJECT_QUEUE) {
        err = remember_batch(op);
        if (err != 0)
            op_discard(op);
        return err;
    }
    if (*batch_slot(library) != NULL)
        batch_take(library);
    return op_enqueue(op, wait ? done : NULL, arg);
}

/* ------------------------------------------------------------------------ */
/* EjectNtmsCleaner */

/* The cleaner of `library`, in its cleaner slot and ready to leave. */
static DWORD cleaner_to_eject(const NTMS_GUID *library, NTMS_GUID *cleaner)
{
    cleaner_info_t c;
    NTMS_OBJECTINFORMATIONA m;
    DWORD err = model_cleaner_info(ops_store(), library, &c);

    if (err != 0)
        return err;
    if (!c.reserved) {
        log_info("eject cleaner: library \"%s\" has no cleaner slot reserved", c.lib.szName);
        return ERROR_CLEANER_SLOT_NOT_SET;
    }
    if (c.slot_state == NTMS_SLOTSTATE_NOTPRESENT) {
        log_info("eject cleaner: cleaner slot %u of \"%s\" is not present", (unsigned)c.slot_number, c.lib.szName);
        return ERROR_RESOURCE_NOT_PRESENT;
    }
    if (!c.present) {
        log_info("eject cleaner: cleaner slot %u of \"%s\" is empty", (unsigned)c.slot_number, c.lib.szName);
        return ERROR_EMPTY;
    }
    if (store_get(ops_store(), &c.cleaner, &m) == 0 && m.Info.PhysicalMedia.LocationType != NTMS_STORAGESLOT) {
        log_info("eject cleaner: the cleaner of \"%s\" is cleaning a drive", c.lib.szName);
        return ERROR_BUSY;
    }
    *cleaner = c.cleaner;
    return 0;
}

DWORD ops_eject_cleaner(const principal_t *who, const NTMS_GUID *library, DWORD action, const NTMS_GUID *op_id,
                        NTMS_GUID *out)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_LIBRARY, ERROR_LIBRARY_OFFLINE, ERROR_RESOURCE_DISABLED}, ERROR_DEVICE_NOT_AVAILABLE};
    librequest_spec_t spec = {.op = NTMS_LM_EJECTCLEANER};
    NTMS_OBJECTINFORMATIONA lib;
    NTMS_GUID cleaner;
    op_t *op;
    DWORD err;

    if (action != NTMS_EJECT_START && action != NTMS_EJECT_STOP)
        return ERROR_INVALID_PARAMETER;
    err = ops_library(library, &rules, &lib, NULL);
    if (err == 0 && action == NTMS_EJECT_STOP)
        return eject_stop(op_id);
    if (err == 0)
        err = cleaner_to_eject(library, &cleaner);
    if (err != 0)
        return err;
    if (lib.Info.Library.dwNumberOfPorts == 0) {
        log_info("eject cleaner: library \"%s\" has no IE port; the door opens for the cleaner slot", lib.szName);
        return ops_door_op(who, library, NTMS_INVENTORY_FAST, out);
    }
    spec.media = &cleaner;
    err = eject_create(who, &spec, library, action, &op);
    if (err != 0)
        return err;
    err = batch_add(op, &cleaner);
    if (err != 0) {
        op_discard(op);
        return err;
    }
    *out = op->request;
    return op_enqueue(op, NULL, NULL);
}
