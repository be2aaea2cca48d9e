/*
 * virtual_int.h - inside the virtual library: its directory on disk.
 *
 * Shared by virtual_dir.c (paths, lock, library.conf, small state files),
 * virtual_repair.c (growth and crash repair), virtual.c (the changer) and
 * virtual_drive.c (the drives). Nothing outside daemon/changer/virtual*.c
 * includes this.
 *
 * On disk (ROOT is canonical and absolute):
 *   library.conf            identity and element counts (high-water marks)
 *   .lock                   flock'ed around every state change
 *   generation              counter bumped by every state change
 *   door-locked             exists while the library is locked
 *   cartridges/BC.img       one image per cartridge, in or out of the library
 *   cartridges/BC.from      address the cartridge was last moved from
 *   transport/1, slots/ADDR, ports/ADDR, drives/N/tape
 *                           symlink -> ROOT/cartridges/BC.img while full
 *   ports/ADDR.open         exists while that port is open to the operator
 *   orphans/                whatever repair found in an element's place
 */
#ifndef RSM_VIRTUAL_INT_H
#define RSM_VIRTUAL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changer/virtual.h"

/* The Win32 codes of the element conditions are the ones the SCSI backend
 * answers for the same SMC sense (sense.c's table), so the library worker
 * sees one vocabulary whatever the backend:
 *  - source empty (3B/0E): ERROR_MEDIA_UNAVAILABLE;
 *  - destination full (3B/0D): ERROR_RESOURCE_NOT_AVAILABLE, the code the
 *    reference ([MS-RSMP]) gives for a slot that cannot take the request;
 *  - no such element (21/01): ERROR_INVALID_ADDRESS;
 *  - a port open to the operator, out of the robot's reach (3B/11, medium
 *    magazine not accessible): ERROR_MEDIUM_NOT_ACCESSIBLE;
 *  - an element holding something that is not a cartridge image (30/00,
 *    incompatible medium; status reports it with except and ASC 30h):
 *    ERROR_MEDIA_INCOMPATIBLE;
 *  - the picker still holds a cartridge (no SMC sense; only an exchange,
 *    which passes through it, can meet this): ERROR_TRANSPORT_FULL. */
#define VERR_SOURCE_EMPTY ERROR_MEDIA_UNAVAILABLE
#define VERR_DEST_FULL ERROR_RESOURCE_NOT_AVAILABLE
#define VERR_BAD_ADDRESS ERROR_INVALID_ADDRESS
#define VERR_PORT_OPEN ERROR_MEDIUM_NOT_ACCESSIBLE
#define VERR_NOT_CARTRIDGE ERROR_MEDIA_INCOMPATIBLE
#define VERR_TRANSPORT_FULL ERROR_TRANSPORT_FULL

/* Not in <rsm/ntmsapi.h>: the Win32 value for a full file system. */
#ifndef ERROR_DISK_FULL
#define ERROR_DISK_FULL 112L
#endif

#define VPATH 512 /* > VIRTUAL_ROOT_MAX + the longest relative name */

typedef struct vconf {
    char name[CHANGER_STRING_LEN + 1];
    char serial[24]; /* "VL" and 8 hex digits when we make it */
    char created[32];
    unsigned count[ELEM_TYPES + 1]; /* per enum element_type */
    unsigned cartridges;            /* bar codes minted by the layout */
    char prefix[VIRTUAL_BARCODE_MAX + 1];
    char suffix[VIRTUAL_BARCODE_MAX + 1];
    uint64_t cartridge_size;
} vconf_t;

typedef struct vdir {
    char root[VIRTUAL_ROOT_MAX + 1];
    vconf_t conf;
    int lock_fd;
} vdir_t;

/* What an element's directory entry holds. */
enum vcontent {
    VC_EMPTY,        /* no entry */
    VC_CARTRIDGE,    /* link to ROOT/cartridges/BC.img, which exists */
    VC_MISPLACED,    /* link names an existing BC.img but by another path */
    VC_DANGLING,     /* link to BC.img that does not exist */
    VC_FOREIGN_LINK, /* link to something that is not a cartridge image */
    VC_FOREIGN_FILE, /* not a link at all */
};

/* Fill `why` (when given) and return `code`. */
DWORD vfail(char *why, size_t why_len, DWORD code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* errno -> Win32 for file system failures. */
DWORD verrno(int err);

/* --- the directory ------------------------------------------------------ */
/* Resolve `root` and open its lock file; with `create`, make the directory
 * (and parents), otherwise it must hold a library.conf. */
DWORD vdir_open(vdir_t *d, const char *root, bool create, char *why, size_t why_len);
/* Read library.conf into d->conf (*exists false when there is none yet).
 * Call with the lock held: a concurrent creator may be writing it. A name
 * already in d->conf.name is kept for log lines. */
DWORD vdir_load(vdir_t *d, bool *exists, char *why, size_t why_len);
void vdir_close(vdir_t *d);
/* flock(ROOT/.lock): `exclusive` for state changes, shared for reading. */
DWORD vdir_lock(vdir_t *d, bool exclusive, char *why, size_t why_len);
void vdir_unlock(vdir_t *d);
DWORD vdir_conf_write(const vdir_t *d, char *why, size_t why_len);
/* true when `root` holds nothing but (perhaps) our .lock. */
bool vdir_is_empty(const vdir_t *d);

/* --- addresses and paths ------------------------------------------------ */
uint16_t vaddr_first(int type);
/* ELEM_* of `addr`, or 0 when the library has no such element. */
int vaddr_type(const vconf_t *c, uint16_t addr);
void vpath(const vdir_t *d, char *out, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void vpath_element(const vdir_t *d, uint16_t addr, char *out);
void vpath_image(const vdir_t *d, const char *barcode, char *out);
bool vbarcode_valid(const char *s);

/* --- element contents --------------------------------------------------- */
/* What element `addr` holds; `barcode` (VIRTUAL_BARCODE_MAX + 1 bytes) is
 * set for VC_CARTRIDGE, VC_MISPLACED and VC_DANGLING. */
enum vcontent vdir_read_element(const vdir_t *d, uint16_t addr, char *barcode);
/* Point element `addr` at cartridge `barcode` (create or replace, atomic). */
DWORD vdir_link_element(const vdir_t *d, uint16_t addr, const char *barcode, bool replace,
                        char *why, size_t why_len);
/* rename() that fails with EEXIST instead of replacing `to`. 0 or errno. */
int vrename_noreplace(const char *from, const char *to);
/* Create cartridge `barcode`'s blank sparse image (no-op if it exists). */
DWORD vdir_image_create(const vdir_t *d, const char *barcode, char *why, size_t why_len);

/* --- small state -------------------------------------------------------- */
/* Where `barcode` was last moved from: an address, or -1 (unknown, or put
 * in by the operator). */
int vdir_from_read(const vdir_t *d, const char *barcode);
void vdir_from_write(const vdir_t *d, const char *barcode, int addr);
bool vdir_flag(const vdir_t *d, const char *rel);
DWORD vdir_flag_set(const vdir_t *d, const char *rel, bool on, char *why, size_t why_len);
void vport_flag_name(uint16_t addr, char *out, size_t len); /* "ports/16.open" */
/* Bump ROOT/generation; call with the exclusive lock held. */
void vdir_bump(const vdir_t *d);
/* A value that changes whenever an element, a flag or the generation does
 * (directory mtimes catch changes made by hand). */
uint64_t vdir_fingerprint(const vdir_t *d);

/* --- repair and growth (virtual_repair.c) --------------------------------- */
/* Make the directory consistent: every element directory present, every
 * cartridge in at most one element, every link canonical, strays moved
 * aside, a cartridge left in the picker put back. Exclusive lock held.
 * *changed tells whether anything was done (each fix is logged). */
DWORD vdir_repair(vdir_t *d, bool *changed, char *why, size_t why_len);
/* Grow the counts toward `want` and mint cartridges into empty slots;
 * rewrites library.conf when something grew. Exclusive lock held. */
DWORD vdir_grow(vdir_t *d, const virtual_layout_t *want, char *why, size_t why_len);
/* The element holding `barcode`, or 0. */
uint16_t vdir_find_barcode(const vdir_t *d, const char *barcode);

/* The directory of a changer opened by virtual_open; NULL for any other
 * backend. */
const vdir_t *virtual_dir_of(const changer_t *c);

#endif
