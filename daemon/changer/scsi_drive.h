/*
 * scsi_drive.h - what every SCSI data drive (ssc.c for tape,
 * standalone_disc.c for optical and RDX) has in common: the drive_t that
 * owns a transport and a scsi_dev_t, its construction and close, the
 * identification from INQUIRY and the VPD pages, and the polling for
 * readiness.
 */
#ifndef RSM_SCSI_DRIVE_H
#define RSM_SCSI_DRIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changer/drive.h"
#include "changer/scsi_cmd.h"

/* The first member is the drive_t, so a drive_t * of these ops is one. */
typedef struct scsi_drive {
    drive_t base;
    transport_t *t;
    scsi_dev_t dev;
} scsi_drive_t;

static inline scsi_drive_t *scsi_drive_of(drive_t *d) { return (scsi_drive_t *)d; }

/* A drive with `ops` over `t`, named `name` (NULL: the device path). Owns
 * `t` from here on: on failure `t` is closed. */
DWORD scsi_drive_new(transport_t *t, const char *name, const drive_ops_t *ops, scsi_drive_t **out, char *why,
                     size_t why_len);
/* drive_ops_t.close: the transport, then the drive. */
void scsi_drive_close(drive_t *d);
/* drive_ops_t.identify: INQUIRY and VPD pages, failures logged. */
DWORD scsi_drive_identify(drive_t *d, drive_ident_t *out, char *why, size_t why_len);

/* Polling for readiness against a deadline: the first wait is 100 ms,
 * doubled each time up to 2 s, the last one cut to the deadline. */
typedef struct scsi_poll {
    uint64_t deadline; /* monotonic ms */
    unsigned delay;
} scsi_poll_t;
void scsi_poll_start(scsi_poll_t *p, unsigned timeout_ms);
/* false when the deadline has passed; otherwise sleeps the next wait. */
bool scsi_poll_wait(scsi_poll_t *p);
/* The medium was not ready after timeout_ms: `why` filled and logged,
 * ERROR_TIMEOUT returned. */
DWORD scsi_drive_not_ready(const scsi_drive_t *s, unsigned timeout_ms, char *why, size_t why_len);

#endif
