/*
 * transport_sg.c - SCSI commands through Linux SG_IO on a /dev/sg* node.
 *
 * One synchronous ioctl per command; the kernel enforces the timeout we put
 * in the sg_io_hdr and reports it through host/driver status, which is
 * mapped here to Win32 codes. The ioctl goes through a function pointer so
 * unit tests can play the device (transport_sg_set_ioctl).
 */
#include "changer/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <scsi/sg.h>

#include "util/log.h"

/* Host byte values (include/scsi/scsi_status.h in the kernel). */
enum {
    HOST_OK = 0x00,
    HOST_NO_CONNECT = 0x01,
    HOST_BUS_BUSY = 0x02,
    HOST_TIME_OUT = 0x03,
    HOST_BAD_TARGET = 0x04,
    HOST_ABORT = 0x05,
    HOST_TRANSPORT_DISRUPTED = 0x0e,
    HOST_TRANSPORT_FAILFAST = 0x0f,
    HOST_TRANSPORT_MARGINAL = 0x14,
};
/* Driver byte, low nibble. DRIVER_SENSE (8) only says sense is there. */
enum { DRIVER_TIMEOUT_ = 0x06, DRIVER_SENSE_ = 0x08 };

#define SG_MIN_VERSION 30000

typedef struct sg_transport {
    transport_t base;
    int fd;
} sg_transport_t;

static int real_ioctl(int fd, unsigned long request, void *arg) { return ioctl(fd, request, arg); }
static transport_sg_ioctl_fn sg_ioctl = real_ioctl;

void transport_sg_set_ioctl(transport_sg_ioctl_fn fn) { sg_ioctl = fn != NULL ? fn : real_ioctl; }

static int sg_direction(enum scsi_dir dir)
{
    switch (dir) {
    case SCSI_READ: return SG_DXFER_FROM_DEV;
    case SCSI_WRITE: return SG_DXFER_TO_DEV;
    case SCSI_NONE:
    default: return SG_DXFER_NONE;
    }
}

/* What the host adapter's verdict means to the caller; 0 if it is fine. */
static DWORD host_status_error(unsigned host)
{
    switch (host) {
    case HOST_OK: return ERROR_SUCCESS;
    case HOST_TIME_OUT:
    case HOST_ABORT: /* the midlayer aborts commands that time out */
        return ERROR_TIMEOUT;
    case HOST_NO_CONNECT:
    case HOST_BAD_TARGET:
    case HOST_TRANSPORT_DISRUPTED:
    case HOST_TRANSPORT_FAILFAST:
    case HOST_TRANSPORT_MARGINAL:
        return ERROR_DEVICE_NOT_AVAILABLE;
    case HOST_BUS_BUSY: return ERROR_BUSY;
    default: return ERROR_IO_DEVICE;
    }
}

static DWORD errno_error(int e)
{
    switch (e) {
    case ENOENT: return ERROR_FILE_NOT_FOUND;
    case EACCES:
    case EPERM: return ERROR_ACCESS_DENIED;
    case EBUSY: return ERROR_BUSY;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    case ENODEV:
    case ENXIO:
    case EBADF: return ERROR_DEVICE_NOT_AVAILABLE;
    case ETIMEDOUT: return ERROR_TIMEOUT;
    default: return ERROR_IO_DEVICE;
    }
}

static DWORD sg_exec(transport_t *base, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                     size_t buf_len, unsigned timeout_ms, scsi_result_t *res)
{
    sg_transport_t *t = (sg_transport_t *)base;
    memset(res, 0, sizeof(*res));
    if (cdb_len == 0 || cdb_len > 16 || buf_len > UINT_MAX) {
        log_warn("%s: refusing a malformed command (cdb %zu bytes, data %zu bytes)", base->device, cdb_len,
                 buf_len);
        return ERROR_INVALID_PARAMETER;
    }

    uint8_t cdb_copy[16];
    memcpy(cdb_copy, cdb, cdb_len);
    sg_io_hdr_t h;
    memset(&h, 0, sizeof(h));
    h.interface_id = 'S';
    h.dxfer_direction = buf_len > 0 ? sg_direction(dir) : SG_DXFER_NONE;
    h.cmd_len = (unsigned char)cdb_len;
    h.cmdp = cdb_copy;
    h.dxferp = buf_len > 0 ? buf : NULL;
    h.dxfer_len = h.dxfer_direction == SG_DXFER_NONE ? 0 : (unsigned)buf_len;
    h.mx_sb_len = SCSI_SENSE_MAX;
    h.sbp = res->sense;
    h.timeout = timeout_ms;

    if (sg_ioctl(t->fd, SG_IO, &h) < 0) {
        int e = errno;
        log_warn("%s: SG_IO opcode 0x%02x failed: %s", base->device, cdb[0], strerror(e));
        return errno_error(e);
    }

    DWORD err = host_status_error(h.host_status);
    if (err == ERROR_SUCCESS && (h.driver_status & 0x0f) == DRIVER_TIMEOUT_)
        err = ERROR_TIMEOUT;
    if (err != ERROR_SUCCESS) {
        log_warn("%s: SG_IO opcode 0x%02x: host status 0x%02x driver status 0x%02x", base->device, cdb[0],
                 h.host_status, h.driver_status);
        return err;
    }

    res->status = h.status;
    res->sense_len = h.sb_len_wr < SCSI_SENSE_MAX ? h.sb_len_wr : SCSI_SENSE_MAX;
    if (h.dxfer_direction != SG_DXFER_NONE) {
        int resid = h.resid;
        if (resid < 0)
            resid = 0;
        res->transferred = (size_t)resid < h.dxfer_len ? h.dxfer_len - (size_t)resid : 0;
    }
    /* The driver may flag sense without a CHECK CONDITION status byte
     * (old drivers); treat that as a check condition so it is read. */
    if (res->status == 0 && (h.driver_status & 0x0f) == DRIVER_SENSE_ && res->sense_len > 0)
        res->status = 0x02;
    return ERROR_SUCCESS;
}

static void sg_close(transport_t *base)
{
    sg_transport_t *t = (sg_transport_t *)base;
    if (t->fd >= 0)
        close(t->fd);
    free(t);
}

static const transport_ops_t sg_ops = {.exec = sg_exec, .close = sg_close};

DWORD transport_sg_open(const char *path, transport_t **out, char *why, size_t why_len)
{
    *out = NULL;
    if (strlen(path) >= sizeof(((transport_t *)0)->device)) {
        snprintf(why, why_len, "device path too long");
        return ERROR_INVALID_PARAMETER;
    }
    /* O_NONBLOCK: open must not wait for a medium or a busy device. */
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        snprintf(why, why_len, "%s: cannot open: %s", path, strerror(e));
        log_warn("%s", why);
        return errno_error(e);
    }
    int version = 0;
    if (sg_ioctl(fd, SG_GET_VERSION_NUM, &version) < 0 || version < SG_MIN_VERSION) {
        snprintf(why, why_len, "%s: not a SCSI generic (sg) node; use /dev/sgN", path);
        log_warn("%s", why);
        close(fd);
        return ERROR_INVALID_PARAMETER;
    }
    sg_transport_t *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        close(fd);
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    t->base.ops = &sg_ops;
    snprintf(t->base.device, sizeof(t->base.device), "%s", path);
    t->base.epoch = 1;
    t->fd = fd;
    *out = &t->base;
    return ERROR_SUCCESS;
}
