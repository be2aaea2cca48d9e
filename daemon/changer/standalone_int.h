/*
 * standalone_int.h - what the stand-alone backend (standalone.c) and its
 * removable-disk drive (standalone_disc.c) share: reading TEST UNIT READY
 * as "is there a medium", and the START STOP UNIT CDB.
 */
#ifndef RSM_STANDALONE_INT_H
#define RSM_STANDALONE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "changer/scsi_cmd.h"

/* One TEST UNIT READY, read as the state of the medium. Every state but
 * PROBE_ABSENT and PROBE_FAILED means a medium is in the drive. */
enum probe {
    PROBE_READY,      /* GOOD */
    PROBE_NOT_READY,  /* NOT READY, but not "medium not present": becoming
                       * ready, unloaded but still inside, needs a person */
    PROBE_NEEDS_START,/* NOT READY 04/02: a START (or LOAD) makes it ready */
    PROBE_BUSY,       /* BUSY status: says nothing about the medium */
    PROBE_ABSENT,     /* 3A/xx medium not present */
    PROBE_FAILED,     /* anything else: *err and `why` say what */
};

enum probe standalone_probe(scsi_dev_t *d, DWORD *err, char *why, size_t why_len);

static inline bool probe_present(enum probe p)
{
    return p == PROBE_READY || p == PROBE_NOT_READY || p == PROBE_NEEDS_START;
}

/* scsi_run, and the failure logged. */
DWORD standalone_run(scsi_dev_t *d, const scsi_cmd_t *c, scsi_reply_t *r, char *why, size_t why_len);

/* START STOP UNIT (SBC/MMC): START spins up or loads, LOEJ with START=0
 * ejects (opens the tray, pushes out the RDX cartridge). */
void cdb_start_stop_unit(scsi_cmd_t *c, bool start, bool loej);

#endif
