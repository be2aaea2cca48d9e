/*
 * standalone.h - the stand-alone drive backend ("standalone"): a tape,
 * optical or RDX drive without a robot, presented as a library.
 *
 * concepts/libraries.md: a stand-alone drive is a library with one drive and
 * no slots; a person inserts and removes the media. So the backend reports
 * one element, the drive, at address STANDALONE_DRIVE_ADDR (1, by this
 * project's convention: the device has no element addresses of its own), no
 * transport, no slots and no ports. The drive element is full when TEST
 * UNIT READY says a medium is in the drive; it never carries a bar code
 * (has_voltag is false): the medium is identified later by its on-media
 * label. Its device_id is the drive's serial number, so the worker binds the
 * drive object to it the same way as for a robotic library.
 *
 * What the backend answers:
 *   status    the drive element (full or empty); other element types: none
 *   check     changed when media presence flipped since the last call (a
 *             person inserted or removed a medium), or the drive reported a
 *             UNIT ATTENTION (a swap between two polls)
 *   lock      PREVENT/ALLOW MEDIUM REMOVAL on the drive: nobody can take a
 *             mounted medium out by hand
 *   move, exchange, position, port: ERROR_NOT_SUPPORTED (there is no robot)
 *   standalone_eject: EjectDiskFromSADrive
 *
 * The changer and the drive handed out by standalone_open share one path to
 * the device; each may be closed first.
 */
#ifndef RSM_STANDALONE_H
#define RSM_STANDALONE_H

#include <stddef.h>

#include "changer/changer.h"
#include "changer/drive.h"
#include "changer/transport.h"

#define STANDALONE_DRIVE_ADDR 1

/* Open the stand-alone drive at `device`: /dev/sgN, a kernel node of a SCSI
 * drive (/dev/nst0, /dev/sr0, /dev/sdb, a /dev/tape/by-id link: its sg node
 * is found through sysfs), or an iSCSI URL of the drive's LUN. The device
 * must be a tape drive (peripheral type 1), an optical drive (5, 7) or a
 * removable disk such as RDX (0 or 0Eh with the RMB bit). `name` is the
 * library's name for log lines. *drive (when `drive` is not NULL) receives
 * the library's one data drive: SSC for tape, a removable disk otherwise. */
DWORD standalone_open(const char *device, const char *name, changer_t **out, drive_t **drive, char *why,
                      size_t why_len);

/* The same over a transport the caller opened (tests use a fake one). The
 * backend owns `t` from here on, also when this fails. */
DWORD standalone_open_transport(transport_t *t, const char *name, changer_t **out, drive_t **drive, char *why,
                                size_t why_len);

/* Eject the medium (EjectDiskFromSADrive): allow removal, then LOAD UNLOAD
 * (tape) or START STOP UNIT with LOEJ (optical, RDX). A tape drive that
 * still reports ready after the unload gets the unload again with bit 1 of
 * byte 4 set: tgt's emulation ignores a plain UNLOAD and ejects only on
 * that bit (LOEJ to its START STOP UNIT; RETEN, harmless, to a real SSC
 * drive). An empty tape drive is left alone. ERROR_NOT_SUPPORTED when `c`
 * is not a stand-alone library; ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA when
 * the medium is still ready afterwards. */
DWORD standalone_eject(changer_t *c, char *why, size_t why_len);

/* Is `c` a stand-alone drive library? */
bool standalone_is(const changer_t *c);

/* A removable disk drive (optical or RDX) as drive_ops_t, over a transport
 * it owns from here on: TEST UNIT READY, START STOP UNIT to load and eject,
 * READ CAPACITY + READ(10) of logical block 0 as the "first block"; rewind
 * does nothing (the medium is random access). */
DWORD disc_open_transport(transport_t *t, const char *name, drive_t **out, char *why, size_t why_len);

#endif
