/*
 * dismount.c - a drive's medium going back to a slot (the dismount an
 * eject or a disabled drive needs), and EjectDiskFromSADrive: the medium
 * of a stand-alone drive leaving it.
 *
 * A dismount unloads the drive, then moves the medium to its home slot, or
 * the lowest empty slot when home is taken (ERROR_LIBRARY_FULL when none
 * is). A stand-alone drive has no robot: the core ejects its medium
 * (JOB_EJECT: the tray opens, the tape comes out), which then leaves the
 * library as an ejected medium does (model_media_ejected). Its device is
 * matched by the drive object's device name or the library's configured
 * device: the same string, the same file, or the same SCSI device (sg
 * node).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "changer/discover.h"
#include "ops_int.h"
#include "util/log.h"

/* ------------------------------------------------------------------------ */
/* Dismounting: a drive's medium back to a slot */

typedef struct home {
    NTMS_GUID media;
    uint16_t drive, slot;
    void (*next)(op_t *op, DWORD err, uint16_t slot);
} home_t;

static void home_end(op_t *op, DWORD err)
{
    home_t *h = op->step;
    void (*next)(op_t *, DWORD, uint16_t) = h->next;
    uint16_t slot = h->slot;

    op->step = NULL;
    free(h);
    next(op, err, slot);
}

/* The drive has unloaded: its medium goes home, or to the lowest empty
 * slot when home is taken. */
static void home_unloaded(op_t *op, job_t *job)
{
    home_t *h = op->step;
    NTMS_OBJECTINFORMATIONA m, home;

    if (job->result != 0) {
        log_warn("%s: the drive did not unload: %s", op->cls->name, job->why);
        home_end(op, job->result);
        return;
    }
    if (store_get(ops_store(), &h->media, &m) == 0 &&
        store_get(ops_store(), &m.Info.PhysicalMedia.HomeSlot, &home) == 0 &&
        home.dwType == NTMS_STORAGESLOT && home.Info.StorageSlot.State == NTMS_SLOTSTATE_EMPTY)
        h->slot = (uint16_t)home.Info.StorageSlot.Number;
    if (h->slot == 0)
        h->slot = ops_first_empty(&op->library, NTMS_STORAGESLOT, NULL, 0);
    if (h->slot == 0) {
        home_end(op, ERROR_LIBRARY_FULL);
        return;
    }
    op_move(op, &h->media, h->drive, h->slot, home_end);
}

int op_dismount(op_t *op, const NTMS_GUID *media, uint16_t drive,
                void (*next)(op_t *op, DWORD err, uint16_t slot))
{
    home_t *h = calloc(1, sizeof *h);
    job_t *job;

    if (h == NULL) {
        op_finish(op, ERROR_NOT_ENOUGH_MEMORY);
        return -1;
    }
    h->media = *media;
    h->drive = drive;
    h->next = next;
    op->step = h;
    job = op_new_job(op, JOB_DRIVE_UNLOAD);
    if (job != NULL)
        job->drive = ops_drive_index(&op->library, drive);
    return op_job(op, job, home_unloaded);
}

typedef struct dismount {
    NTMS_GUID media;
    uint16_t drive;
} dismount_t;

static void dismount_done(op_t *op, DWORD err, uint16_t slot)
{
    (void)slot;
    op_finish(op, err);
}

static void dismount_start(op_t *op)
{
    dismount_t *d = op->data;

    op_dismount(op, &d->media, d->drive, dismount_done);
}

static const op_class_t dismount_class = {"dismount", dismount_start, NULL, ops_free_data};

DWORD ops_dismount(const principal_t *who, const NTMS_GUID *drive)
{
    librequest_spec_t spec = {.op = NTMS_LM_DISMOUNT, .drive = drive};
    NTMS_OBJECTINFORMATIONA d;
    dismount_t *dm;
    DWORD err = store_get(ops_store(), drive, &d);

    if (err != 0 || d.dwType != NTMS_DRIVE)
        return err ? err : ERROR_INVALID_DRIVE;
    dm = calloc(1, sizeof *dm);
    if (dm == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!ops_medium_in(&d.Info.Drive.Library, drive, &dm->media)) {
        free(dm);
        return 0; /* nothing to take out */
    }
    dm->drive = (uint16_t)d.Info.Drive.Number;
    spec.media = &dm->media;
    return op_submit(&dismount_class, who, &spec, &d.Info.Drive.Library, NTMS_DISMOUNT_IMMEDIATE, dm,
                     NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Stand-alone drives: the drive ejects and the medium leaves */

typedef struct sa_eject {
    NTMS_GUID media;
    bool has_media;
} sa_eject_t;

/* After the eject, the drive element says whether the medium is out: a
 * drive that keeps it (a lock held elsewhere, an eject the drive ignored)
 * fails the eject and the medium stays where it is recorded. */
static void sa_checked(op_t *op, DWORD err, const element_status_t *status)
{
    sa_eject_t *e = op->data;
    bool still_in = false;

    for (size_t i = 0; err == 0 && i < status->n; i++)
        still_in |= status->v[i].type == ELEM_DRIVE && status->v[i].full;
    if (err == 0 && still_in) {
        log_warn("eject: the stand-alone drive still holds its medium after the eject");
        err = ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA;
    }
    if (err == 0 && e->has_media && model_media_ejected(ops_store(), &e->media, NULL) != 0)
        log_warn("eject: cannot record that the medium left the drive");
    op_finish(op, err);
}

static void sa_ejected(op_t *op, job_t *job)
{
    if (job->result != 0) {
        log_warn("eject: the stand-alone drive did not eject its medium: %s", job->why);
        op_finish(op, job->result);
        return;
    }
    op_status(op, 1u << ELEM_DRIVE, sa_checked);
}

static void sa_start(op_t *op)
{
    op_job(op, op_new_job(op, JOB_EJECT), sa_ejected);
}

const op_class_t ops_sa_eject_class = {"stand-alone eject", sa_start, NULL, ops_free_data};

/* Queue the stand-alone eject of `drive` (a drive object) of `library`. */
DWORD ops_sa_submit(const principal_t *who, const NTMS_OBJECTINFORMATIONA *drive, DWORD action,
                    ops_done_fn done, void *arg, NTMS_GUID *request)
{
    const NTMS_GUID *library = &drive->Info.Drive.Library;
    librequest_spec_t spec = {.op = NTMS_LM_EJECT, .drive = &drive->ObjectGuid};
    sa_eject_t *e = calloc(1, sizeof *e);
    NTMS_OBJECTINFORMATIONA m;

    if (e == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    e->has_media = ops_medium_in(library, &drive->ObjectGuid, &e->media);
    if (e->has_media && store_get(ops_store(), &e->media, &m) == 0 && !m.Enabled) {
        free(e);
        return ERROR_MEDIA_NOT_AVAILABLE;
    }
    spec.media = e->has_media ? &e->media : NULL;
    return op_submit(&ops_sa_eject_class, who, &spec, library, action, e, done, arg, request);
}

/* Do two device names name one device: the same string, the same file,
 * or the same SCSI device (/dev/nst0, /dev/sg3 and a /dev/tape/by-id link
 * of one tape drive share its sg node)? */
static bool same_device(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX], sa[PATH_MAX], sb[PATH_MAX];

    if (a[0] == '\0' || b[0] == '\0')
        return false;
    if (strcmp(a, b) == 0)
        return true;
    if (realpath(a, ra) != NULL && realpath(b, rb) != NULL && strcmp(ra, rb) == 0)
        return true;
    return discover_sg_node(NULL, a, sa, sizeof sa) == 0 &&
           discover_sg_node(NULL, b, sb, sizeof sb) == 0 && strcmp(sa, sb) == 0;
}

/* The drive object of the stand-alone library whose drive (or configured
 * device) is `device`. */
static DWORD find_standalone_drive(const char *device, NTMS_OBJECTINFORMATIONA *out)
{
    guid_list_t drives = {0};
    DWORD err = store_enumerate(ops_store(), NULL, NTMS_DRIVE, &drives);

    for (size_t i = 0; err == 0 && i < drives.n; i++) {
        NTMS_OBJECTINFORMATIONA lib;
        library_t *running;
        if (store_get(ops_store(), &drives.v[i], out) != 0 ||
            store_get(ops_store(), &out->Info.Drive.Library, &lib) != 0 ||
            lib.Info.Library.LibraryType != NTMS_LIBRARYTYPE_STANDALONE)
            continue;
        running = library_by_guid(&lib.ObjectGuid);
        if (same_device(device, out->Info.Drive.szDeviceName) ||
            (running != NULL && same_device(device, library_config(running)->device))) {
            guid_list_free(&drives);
            return 0;
        }
    }
    guid_list_free(&drives);
    if (err == 0)
        log_info("eject: no stand-alone drive has device \"%s\"", device);
    return err ? err : ERROR_INVALID_PARAMETER;
}

DWORD ops_eject_standalone(const principal_t *who, const char *device, DWORD options,
                           ops_done_fn done, void *arg)
{
    static const lib_rules_t rules = {
        {ERROR_INVALID_PARAMETER, ERROR_LIBRARY_OFFLINE, ERROR_DEVICE_NOT_AVAILABLE},
        ERROR_DEVICE_NOT_AVAILABLE};
    NTMS_OBJECTINFORMATIONA drive;
    DWORD err;

    if (device == NULL || device[0] == '\0' || options > NTMS_EJECT_ASK_USER)
        return ERROR_INVALID_PARAMETER;
    err = find_standalone_drive(device, &drive);
    if (err == 0)
        err = ops_library(&drive.Info.Drive.Library, &rules, NULL, NULL);
    if (err != 0)
        return err;
    if (options == NTMS_EJECT_STOP) {
        op_t *op = op_find(&drive.Info.Drive.Library, &ops_sa_eject_class, NULL);
        if (op == NULL)
            return ERROR_INVALID_OPERATION;
        if (op->state == OP_QUEUED)
            op_cancel_queued(op);
        return 0; /* a running unload cannot be called back */
    }
    /* The forms that do not queue wait for the eject. */
    if (options != NTMS_EJECT_IMMEDIATE && options != NTMS_EJECT_ASK_USER &&
        options != NTMS_EJECT_FORCE)
        done = NULL;
    return ops_sa_submit(who, &drive, options, done, arg, NULL);
}

