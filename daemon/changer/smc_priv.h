/*
 * smc_priv.h - the SMC backend's state, shared by smc.c (commands) and
 * smc_status.c (READ ELEMENT STATUS in chunks). Not for other users.
 */
#ifndef RSM_SMC_PRIV_H
#define RSM_SMC_PRIV_H

#include "changer/changer.h"
#include "changer/scsi_cmd.h"

typedef struct smc {
    changer_t base;
    transport_t *t;
    scsi_dev_t dev;
    changer_info_t info;
    bool have_info;
    bool no_dvcid;  /* the device rejected DVCID=1: ask without */
    bool no_voltag; /* ... and VOLTAG=1: no bar code reader */
    bool refused[256]; /* opcodes the library answered 20/00 to */
} smc_t;

/* Read the status of `count` elements of `type` from `first` (count
 * SMC_COUNT_UNKNOWN: up to the last address), in chunks, appending to *out. */
#define SMC_COUNT_UNKNOWN 0x10000u
DWORD smc_read_status(smc_t *s, uint8_t type, uint16_t first, uint32_t count, bool want_tags,
                      element_status_t *out, char *why, size_t why_len);

/* Learn the element ranges without mode page 1Dh: one untagged status
 * scan per type. */
DWORD smc_ranges_from_status(smc_t *s, char *why, size_t why_len);

#endif
