/*
 * ssc.h - tape drives (SCSI Stream Commands) over a transport, and finding
 * a drive's Linux device node from its serial number.
 */
#ifndef RSM_SSC_H
#define RSM_SSC_H

#include <stddef.h>

#include "changer/changer.h"
#include "changer/drive.h"
#include "changer/scsi_cmd.h"
#include "changer/transport.h"

/* Open the tape drive at `device` (/dev/sgN or iscsi://host:port/iqn/lun)
 * and check that it is a sequential-access device. */
DWORD ssc_open(const char *device, drive_t **out, char *why, size_t why_len);

/* The same over a transport the caller opened; the drive owns `t` from
 * here on, also when this fails. */
DWORD ssc_open_transport(transport_t *t, const char *name, drive_t **out, char *why, size_t why_len);

/* The drive's own command timeouts by kind (scsi_cmd.h; 0 keeps the
 * default of a kind), from its library's configuration. Does nothing to a
 * drive of another backend (virtual, stand-alone), so callers need not
 * check. */
void ssc_set_timeouts(drive_t *d, const unsigned ms[SCSI_KINDS]);

/* The /dev/nstN of the tape drive whose unit serial number is `serial`:
 * from /sys/class/scsi_tape/nstN/device (vpd_pg80, else an INQUIRY through
 * the drive's sg node), then /dev/tape/by-id. ERROR_OBJECT_NOT_FOUND when
 * no drive has it. */
DWORD drive_find_linux_device(const char *serial, char *path, size_t len);
/* The same under another root directory (tests build a fake sysfs there). */
DWORD drive_find_linux_device_at(const char *root, const char *serial, char *path, size_t len);

/* Does changer element `e` (a drive, with its DVCID identifier) name the
 * drive identified as `d`? EXACT when the identifier is the drive's serial
 * (alone or as the last field of vendor/product/serial) or its VPD 83h
 * designator; PREFIX when the library's reply cut the identifier
 * (e->id_truncated) and what is left is the start of the drive's. A PREFIX
 * match binds only when it is the one candidate left. */
enum drive_match { DRIVE_MATCH_NONE = 0, DRIVE_MATCH_PREFIX, DRIVE_MATCH_EXACT };
enum drive_match drive_ident_match(const drive_ident_t *d, const element_t *e);

#endif
