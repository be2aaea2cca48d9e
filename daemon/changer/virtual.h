/*
 * virtual.h - the directory-backed virtual library: disk-based virtual tape.
 *
 * A directory stands for a tape library. Each cartridge is a sparse image
 * file; which element holds it is a symbolic link (slots/1000, ports/16,
 * drives/1/tape, transport/1) pointing at the image. Moving a cartridge is
 * one rename() of its link, so a crash leaves every cartridge in exactly one
 * place. An application that mounts a virtual cartridge is given the drive's
 * path (ROOT/drives/N/tape) and reads and writes the image through it.
 * docs/design/virtual-library.md describes the layout and the repair rules.
 *
 * Element addresses follow a real SMC library: transport 1, ports 16..,
 * drives 256.., slots 1000... Drive N (1-based) is element 255+N with the
 * serial number "VDRV000N".
 *
 * Every state change, by rsmd or by another process through virtual_insert
 * or virtual_remove, holds an exclusive flock on ROOT/.lock.
 */
#ifndef RSM_VIRTUAL_H
#define RSM_VIRTUAL_H

#include <stddef.h>
#include <stdint.h>

#include "changer/changer.h"
#include "changer/drive.h"

#define VIRTUAL_TRANSPORT_ADDR 1
#define VIRTUAL_FIRST_PORT 16
#define VIRTUAL_FIRST_DRIVE 256
#define VIRTUAL_FIRST_SLOT 1000
#define VIRTUAL_MAX_PORTS (VIRTUAL_FIRST_DRIVE - VIRTUAL_FIRST_PORT)
#define VIRTUAL_MAX_DRIVES (VIRTUAL_FIRST_SLOT - VIRTUAL_FIRST_DRIVE)
#define VIRTUAL_MAX_SLOTS (65536 - VIRTUAL_FIRST_SLOT)

/* The canonical root path may hold at most this many bytes, so that every
 * path below it (and a drive's device name) fits its buffer. */
#define VIRTUAL_ROOT_MAX 200
/* Bar codes: 1..32 of [A-Za-z0-9_-], so that they are file names too. */
#define VIRTUAL_BARCODE_MAX 32

#define VIRTUAL_DEFAULT_CARTRIDGE_SIZE (8ULL << 30) /* 8 GiB, sparse */

/* What the configuration asks for. On first use the library is created with
 * these counts; an existing library keeps its own identity (bar code prefix,
 * suffix, cartridge size) and only grows toward larger counts: slots,
 * drives, ports and cartridges are high-water marks and nothing is ever
 * removed. Cartridges k = 1..K get bar codes PREFIX%04u SUFFIX ("VT0001L8")
 * and go into the lowest empty slots. */
typedef struct virtual_layout {
    unsigned slots;
    unsigned drives;
    unsigned ports;
    unsigned cartridges;
    const char *barcode_prefix; /* NULL: "VT" */
    const char *barcode_suffix; /* NULL: "L8" */
    uint64_t cartridge_size;    /* bytes; 0: VIRTUAL_DEFAULT_CARTRIDGE_SIZE */
} virtual_layout_t;

/* Open the virtual library at `root` (created, with missing parents, on
 * first use), repairing any inconsistency left by a crash or by hand. `name`
 * is the library's name for log lines. A non-empty directory that is not a
 * virtual library is refused. */
DWORD virtual_open(const char *root, const char *name, const virtual_layout_t *layout,
                   changer_t **out, char *why, size_t why_len);

/* The data drive with index `drive_index` (0-based: element 256 + index) of a
 * library opened by virtual_open. The drive may outlive the changer. */
DWORD virtual_drive_open(changer_t *lib, unsigned drive_index, drive_t **out,
                         char *why, size_t why_len);

/* The operator's hands, for tests and the `rsm` command line. They work on
 * the directory (any process), not through an open changer_t.
 *
 * virtual_insert puts cartridge `barcode` into port `port_address`: an
 * existing cartridge that is outside the library (removed earlier) comes
 * back with its data; a new bar code gets a new blank image. The port must
 * be empty, and either open (ops->port) or usable from the front panel, i.e.
 * the library not locked (ops->lock). virtual_remove takes the cartridge out
 * of a port under the same conditions; its image stays in cartridges/,
 * outside the library. Both make the next check() report a change. */
DWORD virtual_insert(const char *root, uint16_t port_address, const char *barcode,
                     char *why, size_t why_len);
DWORD virtual_remove(const char *root, uint16_t port_address, char *why, size_t why_len);

#endif
