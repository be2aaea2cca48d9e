/*
 * drive.h - a data drive (tape, optical, RDX) seen by its library worker.
 *
 * SSC for tape drives over a transport; the virtual library's drives are
 * directories; a stand-alone drive is one of these without a robot. The
 * worker uses this to identify drives (serial number, binding to the
 * changer's drive element), to wait until a loaded medium is ready, to
 * unload before the robot takes the medium back, to read the first block
 * for label identification and to write the free-media label; and, where
 * the drive can say, to read its health (TapeAlert, cleaning requests) and
 * to watch a cleaning.
 */
#ifndef RSM_DRIVE_H
#define RSM_DRIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "changer/tapealert.h"

#define DRIVE_STRING_LEN 64

typedef struct drive_ident {
    char vendor[DRIVE_STRING_LEN + 1];
    char product[DRIVE_STRING_LEN + 1];
    char revision[DRIVE_STRING_LEN + 1];
    char serial[DRIVE_STRING_LEN + 1];     /* VPD 0x80, blanks trimmed */
    char identifier[DRIVE_STRING_LEN + 1]; /* VPD 0x83, printable form */
    uint8_t device_type;                   /* SCSI peripheral device type */
    char device_name[256];                 /* /dev/nst0, or the virtual path */
} drive_ident_t;

typedef struct drive drive_t;

typedef struct drive_ops {
    DWORD (*identify)(drive_t *d, drive_ident_t *out, char *why, size_t why_len);
    /* TEST UNIT READY until ready or timeout_ms passes; *present tells
     * whether a medium is in the drive at all. */
    DWORD (*wait_ready)(drive_t *d, unsigned timeout_ms, bool *present, char *why, size_t why_len);
    DWORD (*load)(drive_t *d, char *why, size_t why_len);
    DWORD (*unload)(drive_t *d, char *why, size_t why_len);
    DWORD (*rewind)(drive_t *d, char *why, size_t why_len);
    /* Read the first block from the beginning of the medium into buf; *got
     * is the number of bytes read (0 for a blank medium). */
    DWORD (*read_first_block)(drive_t *d, uint8_t *buf, size_t len, size_t *got, char *why, size_t why_len);
    /* Rewind and write `len` bytes as the first block, then a filemark:
     * the service's free-media label (label/freelabel.h). What was after
     * it is gone, as on any tape written at its beginning. NULL: the
     * drive cannot (the worker answers ERROR_NOT_SUPPORTED). */
    DWORD (*write_label)(drive_t *d, const uint8_t *buf, size_t len, char *why, size_t why_len);
    /* The drive's own report: its TapeAlert page and the sense it holds.
     * A drive without the page is not an error (out->has_tapealert false).
     * NULL: the drive cannot report (virtual, optical). */
    DWORD (*health)(drive_t *d, drive_health_t *out, char *why, size_t why_len);
    /* One look (TEST UNIT READY) at a drive a cleaning cartridge was
     * loaded into. NULL: the drive cannot tell; cleaning then only waits. */
    DWORD (*clean_probe)(drive_t *d, enum clean_progress *out, char *why, size_t why_len);
    void (*close)(drive_t *d);
} drive_ops_t;

struct drive {
    const drive_ops_t *ops;
};

#endif
