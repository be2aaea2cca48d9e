/*
 * smc.h - the SCSI Medium Changer (SMC-3) library backend ("smc").
 */
#ifndef RSM_SMC_H
#define RSM_SMC_H

#include <stddef.h>

#include "changer/changer.h"
#include "changer/scsi_cmd.h"
#include "changer/transport.h"

/* Open the changer at `device` (/dev/sgN or iscsi://host:port/iqn/lun).
 * `name` is the library's name for log lines. Checks that the LUN is a
 * medium changer; learns its element map lazily, on first need. */
DWORD smc_open(const char *device, const char *name, changer_t **out, char *why, size_t why_len);

/* The same over a transport the caller opened (tests use a fake one). The
 * backend owns `t` from here on, also when this fails. */
DWORD smc_open_transport(transport_t *t, const char *name, changer_t **out, char *why, size_t why_len);

/* The changer's own command timeouts by kind (scsi_cmd.h; 0 keeps the
 * default of a kind), from its library's configuration. Does nothing to a
 * changer of another backend, so callers need not check. */
void smc_set_timeouts(changer_t *c, const unsigned ms[SCSI_KINDS]);

/* Most elements asked for by one READ ELEMENT STATUS (default 1000). */
void smc_set_chunk(unsigned elements);

#endif
