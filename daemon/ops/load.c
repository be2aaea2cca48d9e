/*
 * load.c - the robot's part of a mount and a dismount: a medium into a
 * drive, ready and checked; a medium out of a drive, back to a slot.
 *
 * The mount queue (daemon/queue/) decides which medium goes into which
 * drive and when; these operations carry it out in the library's queue of
 * operations, after whatever the robot is already doing, under the queue's
 * own library request (a borrowed request: the queue ends it).
 *
 * A load: when the drive holds another medium, that medium goes home
 * first (op_dismount); when the medium sits in another drive, that drive
 * unloads; then MOVE MEDIUM, TEST UNIT READY until ready (within the
 * spec's ready time), and, when the side has a label on record, the first
 * block is read and compared. A cartridge whose label is not the recorded
 * one goes back to where it came from and the load fails with
 * ERROR_INVALID_MEDIA: the bar code (or the slot) lied, and writing to it
 * would destroy someone's data.
 */
#include <stdlib.h>
#include <string.h>

#include "model/mounts.h"
#include "ops_int.h"
#include "store/store_media.h"
#include "util/log.h"

typedef struct load {
    ops_load_t spec;
    uint16_t from;          /* the medium's element when the load started */
    DWORD failure;          /* a failed check: the load ends with it after the put-back */
} load_t;

/* The Number and NTMS type of the element object `where`. */
static DWORD element_of(const NTMS_GUID *where, uint16_t *number, DWORD *type)
{
    NTMS_OBJECTINFORMATIONA e;
    DWORD err = store_get(ops_store(), where, &e);

    if (err != 0)
        return err;
    *type = e.dwType;
    switch (e.dwType) {
    case NTMS_STORAGESLOT: *number = (uint16_t)e.Info.StorageSlot.Number; return 0;
    case NTMS_DRIVE:       *number = (uint16_t)e.Info.Drive.Number; return 0;
    case NTMS_IEPORT:      *number = (uint16_t)e.Info.IEPort.Number; return 0;
    default:               return ERROR_MEDIA_OFFLINE;
    }
}

/* The drive object of element `address` of the op's library. */
static DWORD drive_object(op_t *op, uint16_t address, NTMS_GUID *out)
{
    return store_library_element(ops_store(), &op->library, NTMS_DRIVE, address, out);
}

static void load_put_back_done(op_t *op, DWORD err, uint16_t slot)
{
    load_t *l = op->data;

    (void)slot;
    if (err != 0)
        log_error("mount: the wrong cartridge could not be put back (error %u); it stays in drive %u",
                  (unsigned)err, l->spec.drive);
    op_finish(op, l->failure);
}

static void load_label_read(op_t *op, job_t *job)
{
    load_t *l = op->data;
    NTMS_OBJECTINFORMATIONA side;

    if (store_get(ops_store(), &l->spec.side, &side) != 0) {
        op_finish(op, 0); /* the side went while we read: nothing to compare */
        return;
    }
    if (job->result == 0 && model_omid_matches(&side.Info.Partition, job->label, job->label_len)) {
        op_finish(op, 0);
        return;
    }
    log_warn("mount: the cartridge loaded into drive %u is not %s: its label %s; it goes back", l->spec.drive,
             side.szName, job->result == 0 ? "differs from the recorded one" : "could not be read");
    l->failure = ERROR_INVALID_MEDIA;
    op_dismount(op, &l->spec.medium, l->spec.drive, load_put_back_done);
}

/* Only labels a drive can read back are checked (model_omid_matches). */
static bool side_has_label(const NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA s;

    return store_get(ops_store(), side, &s) == 0 && s.Info.Partition.dwOmidLabelIdLength > 0 &&
           !model_omid_matches(&s.Info.Partition, NULL, 0);
}

static void load_ready(op_t *op, job_t *job)
{
    load_t *l = op->data;
    job_t *read;

    if (job->result != 0 || !job->present) {
        log_warn("mount: drive %u did not become ready within %u ms%s%s", l->spec.drive, l->spec.ready_ms,
                 job->result ? ": " : "", job->result ? job->why : "");
        op_finish(op, job->result == ERROR_TIMEOUT || job->result == 0 ? ERROR_INVALID_STATE : job->result);
        return;
    }
    if (!side_has_label(&l->spec.side)) {
        op_finish(op, 0);
        return;
    }
    read = op_new_job(op, JOB_READ_LABEL);
    if (read != NULL)
        read->drive = ops_drive_index(&op->library, l->spec.drive);
    op_job(op, read, load_label_read);
}

static void load_wait_ready(op_t *op)
{
    load_t *l = op->data;
    job_t *job = op_new_job(op, JOB_DRIVE_READY);

    if (job != NULL) {
        job->drive = ops_drive_index(&op->library, l->spec.drive);
        job->timeout_ms = l->spec.ready_ms;
    }
    op_job(op, job, load_ready);
}

static void load_moved(op_t *op, DWORD err)
{
    if (err != 0) {
        op_finish(op, err);
        return;
    }
    load_wait_ready(op);
}

static void load_move(op_t *op)
{
    load_t *l = op->data;

    op_move(op, &l->spec.medium, l->from, l->spec.drive, load_moved);
}

static void load_source_unloaded(op_t *op, job_t *job)
{
    if (job->result != 0) {
        op_finish(op, job->result);
        return;
    }
    load_move(op);
}

/* Where is the medium now, and must its drive unload first? */
static void load_from_where_it_is(op_t *op)
{
    load_t *l = op->data;
    NTMS_OBJECTINFORMATIONA m;
    DWORD type = 0, err = store_get(ops_store(), &l->spec.medium, &m);

    if (err == 0)
        err = element_of(&m.Info.PhysicalMedia.Location, &l->from, &type);
    if (err != 0) {
        op_finish(op, err == ERROR_OBJECT_NOT_FOUND ? ERROR_MEDIA_OFFLINE : err);
        return;
    }
    if (type == NTMS_DRIVE && l->from == l->spec.drive) {
        load_wait_ready(op); /* already there */
    } else if (type == NTMS_DRIVE) {
        job_t *job = op_new_job(op, JOB_DRIVE_UNLOAD);
        if (job != NULL)
            job->drive = ops_drive_index(&op->library, l->from);
        op_job(op, job, load_source_unloaded);
    } else {
        load_move(op);
    }
}

static void load_evicted(op_t *op, DWORD err, uint16_t slot)
{
    (void)slot;
    if (err != 0) {
        op_finish(op, err);
        return;
    }
    load_from_where_it_is(op);
}

static void load_start(op_t *op)
{
    load_t *l = op->data;
    NTMS_GUID drive, other;

    if (drive_object(op, l->spec.drive, &drive) != 0) {
        op_finish(op, ERROR_INVALID_DRIVE);
        return;
    }
    if (store_media_at(ops_store(), &drive, &other) == 0 &&
        memcmp(&other, &l->spec.medium, sizeof other) != 0) {
        op_dismount(op, &other, l->spec.drive, load_evicted);
        return;
    }
    load_from_where_it_is(op);
}

static const op_class_t load_class = {"mount", load_start, NULL, ops_free_data};

DWORD ops_load(const NTMS_GUID *request, const NTMS_GUID *library, const ops_load_t *spec, ops_done_fn done,
               void *arg)
{
    load_t *l = calloc(1, sizeof *l);

    if (l == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    l->spec = *spec;
    return op_submit_borrowed(&load_class, request, library, l, done, arg);
}

/* --- unload: a drive's medium back to a slot -------------------------------- */

typedef struct unload {
    NTMS_GUID medium;
    uint16_t drive;
} unload_t;

static void unload_done(op_t *op, DWORD err, uint16_t slot)
{
    (void)slot;
    op_finish(op, err);
}

static void unload_start(op_t *op)
{
    unload_t *u = op->data;

    op_dismount(op, &u->medium, u->drive, unload_done);
}

static const op_class_t unload_class = {"dismount", unload_start, NULL, ops_free_data};

DWORD ops_unload(const NTMS_GUID *request, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t drive,
                 ops_done_fn done, void *arg)
{
    unload_t *u = calloc(1, sizeof *u);

    if (u == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    u->medium = *medium;
    u->drive = drive;
    return op_submit_borrowed(&unload_class, request, library, u, done, arg);
}
