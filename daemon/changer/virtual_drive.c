/*
 * virtual_drive.c - the data drives of the virtual library (drive_ops_t).
 *
 * Drive N is the directory ROOT/drives/N; a loaded cartridge is the link
 * ROOT/drives/N/tape to its image, which is also the drive's device name:
 * the path an application that mounted the cartridge opens to read and
 * write it. The name is the same whether or not a cartridge is loaded, as
 * /dev/nst0 is. A drive has no state of its own beyond that link, so load,
 * unload and rewind only check that a cartridge is there.
 */
#include "changer/virtual_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A medium whose first 64 KiB are zero (or that is shorter and all zero,
 * e.g. a fresh sparse image) has never been written: it is blank. */
#define BLANK_PROBE (64 * 1024)
#define SCSI_TYPE_TAPE 0x01

typedef struct vdrive {
    drive_t base;
    unsigned number;                   /* 1-based */
    char serial[16];                   /* VDRV0001 */
    char libserial[24];
    char tape[VPATH];                  /* ROOT/drives/N/tape */
} vdrive_t;

static DWORD no_medium(const vdrive_t *v, char *why, size_t why_len)
{
    return vfail(why, why_len, ERROR_NO_MEDIA_IN_DRIVE, "virtual drive %s: no cartridge loaded",
                 v->serial);
}

/* Is a cartridge loaded? A link whose image is gone counts as none. */
static bool loaded(const vdrive_t *v)
{
    struct stat st;
    return stat(v->tape, &st) == 0 && S_ISREG(st.st_mode);
}

static DWORD vd_identify(drive_t *d, drive_ident_t *out, char *why, size_t why_len)
{
    const vdrive_t *v = (const vdrive_t *)d;
    (void)why, (void)why_len;
    memset(out, 0, sizeof *out);
    snprintf(out->vendor, sizeof out->vendor, "RSM");
    snprintf(out->product, sizeof out->product, "VIRTUAL TAPE");
    snprintf(out->revision, sizeof out->revision, "1.0");
    snprintf(out->serial, sizeof out->serial, "%s", v->serial);
    /* Unique across virtual libraries, whose drive serials repeat. */
    snprintf(out->identifier, sizeof out->identifier, "rsm-virtual:%s:%s", v->libserial, v->serial);
    out->device_type = SCSI_TYPE_TAPE;
    /* fits: the root is at most VIRTUAL_ROOT_MAX bytes */
    snprintf(out->device_name, sizeof out->device_name, "%.255s", v->tape);
    return 0;
}

static DWORD vd_wait_ready(drive_t *d, unsigned timeout_ms, bool *present, char *why, size_t why_len)
{
    (void)timeout_ms, (void)why, (void)why_len;
    *present = loaded((const vdrive_t *)d); /* a loaded image is ready at once */
    return 0;
}

/* load, unload, rewind: nothing to do once a cartridge is there. */
static DWORD vd_need_medium(drive_t *d, char *why, size_t why_len)
{
    const vdrive_t *v = (const vdrive_t *)d;
    return loaded(v) ? 0 : no_medium(v, why, why_len);
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static DWORD vd_read_first_block(drive_t *d, uint8_t *buf, size_t len, size_t *got,
                                 char *why, size_t why_len)
{
    const vdrive_t *v = (const vdrive_t *)d;
    *got = 0;
    int fd = open(v->tape, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? no_medium(v, why, why_len)
                               : vfail(why, why_len, ERROR_IO_DEVICE, "%s: %s", v->tape, strerror(errno));
    uint8_t *probe = malloc(BLANK_PROBE);
    if (!probe) {
        close(fd);
        return vfail(why, why_len, ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    size_t have = 0;
    DWORD rc = 0;
    while (have < BLANK_PROBE) {
        ssize_t n = pread(fd, probe + have, BLANK_PROBE - have, (off_t)have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = vfail(why, why_len, ERROR_IO_DEVICE, "reading %s: %s", v->tape, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        have += (size_t)n;
    }
    close(fd);
    if (!rc && !all_zero(probe, have)) {
        *got = have < len ? have : len;
        memcpy(buf, probe, *got);
    }
    free(probe);
    return rc;
}

/* A cartridge's write-protect tab is its image's write permission: an
 * image nobody may write (mode a-w) is write-protected, for root too. */
static DWORD write_protected(const vdrive_t *v, char *why, size_t why_len)
{
    return vfail(why, why_len, ERROR_WRITE_PROTECT, "virtual drive %s: the cartridge is write-protected", v->serial);
}

/* Writing at the beginning of a tape leaves nothing readable after it: the
 * image is emptied (kept sparse, and its size kept) before the label goes
 * in, so the next read finds the label and zeros. */
static DWORD vd_write_label(drive_t *d, const uint8_t *buf, size_t len, char *why, size_t why_len)
{
    const vdrive_t *v = (const vdrive_t *)d;
    struct stat st;
    DWORD rc = 0;

    if (stat(v->tape, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
        return write_protected(v, why, why_len);
    int fd = open(v->tape, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT                    ? no_medium(v, why, why_len)
               : errno == EACCES || errno == EROFS ? write_protected(v, why, why_len)
                                                   : vfail(why, why_len, ERROR_IO_DEVICE, "%s: %s", v->tape,
                                                           strerror(errno));
    if (fstat(fd, &st) != 0 || ftruncate(fd, 0) != 0 || ftruncate(fd, st.st_size) != 0 ||
        pwrite(fd, buf, len, 0) != (ssize_t)len)
        rc = vfail(why, why_len, ERROR_IO_DEVICE, "writing the label on %s: %s", v->tape, strerror(errno));
    if (close(fd) != 0 && rc == 0)
        rc = vfail(why, why_len, ERROR_IO_DEVICE, "writing the label on %s: %s", v->tape, strerror(errno));
    return rc;
}

static void vd_close(drive_t *d)
{
    free(d);
}

static const drive_ops_t virtual_drive_ops = {
    .identify = vd_identify,
    .wait_ready = vd_wait_ready,
    .load = vd_need_medium,
    .unload = vd_need_medium,
    .rewind = vd_need_medium,
    .read_first_block = vd_read_first_block,
    .write_label = vd_write_label,
    .close = vd_close,
};

DWORD virtual_drive_open(changer_t *lib, unsigned drive_index, drive_t **out,
                         char *why, size_t why_len)
{
    const vdir_t *d = virtual_dir_of(lib);
    if (!out)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "virtual_drive_open: no result");
    *out = NULL;
    if (!d)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "not a virtual library");
    if (drive_index >= d->conf.count[ELEM_DRIVE])
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "library %s has %u drives, no index %u",
                     lib->name, d->conf.count[ELEM_DRIVE], drive_index);
    vdrive_t *v = calloc(1, sizeof *v);
    if (!v)
        return vfail(why, why_len, ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    v->base.ops = &virtual_drive_ops;
    v->number = drive_index + 1;
    snprintf(v->serial, sizeof v->serial, "VDRV%04u", v->number);
    snprintf(v->libserial, sizeof v->libserial, "%s", d->conf.serial);
    vpath(d, v->tape, "drives/%u/tape", v->number);
    *out = &v->base;
    return 0;
}
