/*
 * discover.h - finding the libraries and stand-alone drives on this host from
 * sysfs, without sending a command to any of them.
 *
 * Every SCSI device with an sg node is listed in <sysfs>/class/scsi_generic.
 * Its `device` link leads to the SCSI device directory (named
 * host:channel:target:lun) with `type` (peripheral device type), `vendor`,
 * `model`, `rev`, `vpd_pg80` when the kernel read it, and the kernel nodes
 * bound to it (scsi_tape/nstN, block/srN or sdX, scsi_changer/schN).
 *
 * Which devices count:
 *   8 medium changer                        a library (LIBRARY_SCSI)
 *   1 tape, 5 CD/DVD, 7 optical memory,     drives: of a changer, else each
 *   0 or 0Eh with removable media (RDX)     a stand-alone library
 *   anything else (fixed disks, enclosures) ignored
 *
 * Which drives belong to which changer. A library usually presents its
 * robot and its drives as LUNs of one target, so drives with the changer's
 * host:channel:target become its drives, in LUN order. A changer with no
 * such drives (FC and SAS libraries put each drive on a target of its own)
 * binds its drives later, by serial number through its element status
 * (DVCID): its entry lists no drives, and tape drives on the same SCSI host
 * are presumed to be its and are not offered as stand-alone libraries. The
 * worker checks every binding by serial number anyway; the grouping here
 * only decides which devices a library starts with.
 *
 * Devices are named by their sg node (/dev/sgN), which the SG_IO transport
 * opens; the tape, optical or disk node is for people and the drive object.
 */
#ifndef RSM_DISCOVER_H
#define RSM_DISCOVER_H

#include <stddef.h>
#include <stdint.h>

#include "library/library.h"

#define DISCOVER_STRING_LEN 64

/* One library found: its configuration (discovered = true, defaults filled
 * in), and what sysfs says about the changer or the lone drive. */
typedef struct discovered {
    library_config_t cfg;
    uint8_t scsi_type;                     /* peripheral device type */
    char hctl[32];                         /* "2:0:1:0" */
    char node[LIBRARY_PATH_LEN];           /* /dev/nst0, /dev/sr0, /dev/sch0 ..., or "" */
    char vendor[DISCOVER_STRING_LEN + 1];
    char model[DISCOVER_STRING_LEN + 1];
    char revision[DISCOVER_STRING_LEN + 1];
    char serial[DISCOVER_STRING_LEN + 1];  /* from vpd_pg80; "" when the kernel has
                                            * none: the worker asks the device */
} discovered_t;

/* Scan <sysfs_root>/class/scsi_generic (sysfs_root NULL: "/sys"; tests pass
 * a fake tree). Fills at most `max` entries, changers first (by sg number),
 * then stand-alone drives (by sg number), and returns how many libraries
 * were found, which may be more than `max` (as snprintf does). A host
 * without SCSI devices (no scsi_generic directory) has 0. */
int discover_scsi(const char *sysfs_root, discovered_t *out, size_t max);

/* The sg node of `device`: iscsi:// URLs and /dev/sgN come back as they
 * are; a kernel node (/dev/nst0, /dev/sr0, /dev/sdb, or a symbolic link to
 * one such as /dev/tape/by-id/...) is followed through its sysfs class
 * directory to the SCSI device's scsi_generic child. ERROR_FILE_NOT_FOUND
 * when there is none (not a SCSI device, or the sg module is not loaded),
 * ERROR_INSUFFICIENT_BUFFER when `out` is too small. */
DWORD discover_sg_node(const char *sysfs_root, const char *device, char *out, size_t len);

#endif
