/*
 * transport.h - how a SCSI command reaches a device.
 *
 * Two implementations: Linux SG_IO on /dev/sg* (production hardware) and
 * iSCSI through libiscsi (iSCSI-attached libraries; the tgtd test bed). The
 * SMC and SSC code above builds CDBs and parses replies; it never knows which
 * transport carries them. A transport is used by one thread at a time.
 */
#ifndef RSM_TRANSPORT_H
#define RSM_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

enum scsi_dir { SCSI_NONE = 0, SCSI_READ = 1, SCSI_WRITE = 2 };

#define SCSI_SENSE_MAX 252

/* The outcome of one command. `status` is the SCSI status byte (0 GOOD,
 * 2 CHECK CONDITION, 8 BUSY, ...); sense bytes are valid when sense_len > 0.
 * `transferred` counts the data bytes actually moved (bounded by the
 * buffer), which replies must be parsed against: never the length a reply
 * claims for itself. With CHECK CONDITION it may be 0 although data came
 * (iSCSI does not say how much): the sense INFORMATION field (ILI residue)
 * is the authority then. */
typedef struct scsi_result {
    uint8_t status;
    uint8_t sense[SCSI_SENSE_MAX];
    size_t sense_len;
    size_t transferred;
} scsi_result_t;

typedef struct transport transport_t;

typedef struct transport_ops {
    /* Returns 0 when the command was delivered and a status came back (even
     * CHECK CONDITION); a Win32 code when the device could not be reached or
     * did not answer within timeout_ms (ERROR_DEVICE_NOT_AVAILABLE,
     * ERROR_TIMEOUT, ERROR_IO_DEVICE). */
    DWORD (*exec)(transport_t *t, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir,
                  uint8_t *buf, size_t buf_len, unsigned timeout_ms, scsi_result_t *res);
    void (*close)(transport_t *t);
} transport_ops_t;

struct transport {
    const transport_ops_t *ops;
    char device[256]; /* "/dev/sg3" or "iscsi://127.0.0.1:3260/iqn.../1" */
    /* Bumped each time the transport had to (re-)establish its path to the
     * device (an iSCSI login after a lost session). Events may have been
     * missed across such a gap, so the command layer treats a change of
     * epoch like a UNIT ATTENTION: "the device may have changed". */
    unsigned epoch;
};

/* Open `device`: a path (SG_IO) or an iscsi:// URL (libiscsi). Returns 0 or
 * a Win32 code with `why` filled (no such device, not a SCSI generic node,
 * login refused ...). */
DWORD transport_open(const char *device, transport_t **out, char *why, size_t why_len);
void transport_close(transport_t *t); /* NULL is fine */

/* The two implementations, for callers (and tests) that know which one
 * they want; transport_open() picks by the device string. */
DWORD transport_sg_open(const char *path, transport_t **out, char *why, size_t why_len);
DWORD transport_iscsi_open(const char *url, transport_t **out, char *why, size_t why_len);

/* Unit tests only: route the SG transport's ioctl() through `fn` (a fake
 * device). NULL restores the real ioctl. Not thread-safe; set it before
 * opening. */
typedef int (*transport_sg_ioctl_fn)(int fd, unsigned long request, void *arg);
void transport_sg_set_ioctl(transport_sg_ioctl_fn fn);

#endif
