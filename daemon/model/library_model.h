/*
 * library_model.h - the rules of libraries in the object world, for
 * daemon/library/ (which runs the hardware) to call on the loop thread:
 *
 *   - registration (library_objects.c): the library object, its changer and
 *     changer type, drives and drive types, slots, IE ports and door, made
 *     or brought up to date from what the hardware reported at attach;
 *   - inventory (inventory.c): database and element status reconciled;
 *   - moves (moves.c): the intent recorded before a robot move, its outcome
 *     after, and the intents left open by a crash reconciled at start.
 *
 * Element addresses are object numbers: the Number of a slot, port or drive
 * object is the element address the library itself uses (the numbers mtx
 * and chio show); First*Number and dwNumberOf* describe the ranges.
 *
 * Every function here that writes does so in one transaction (nested in the
 * caller's when there is one) and writes only what differs, so calling it
 * again with the same input changes nothing, Modified times included.
 */
#ifndef RSM_MODEL_LIBRARY_H
#define RSM_MODEL_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "changer/changer.h"
#include "changer/drive.h"
#include "store/store.h"

/* --- registration -------------------------------------------------------- */

/* One drive element of a library and the device bound to it, if any. */
typedef struct model_drive_desc {
    uint16_t address;     /* element address */
    bool bound;           /* a drive device answered with this element's identity */
    drive_ident_t ident;  /* when bound; ident.device_name is the name shown */
} model_drive_desc_t;

/* What an attach found. */
typedef struct model_library_desc {
    const char *config_name;           /* NAME of [library NAME] */
    DWORD library_type;                /* NTMS_LIBRARYTYPE_ONLINE or _STANDALONE */
    bool has_changer;                  /* a robot: an NTMS_CHANGER and its type */
    const char *changer_device;        /* /dev/sgN, iscsi://..., the virtual root */
    const changer_info_t *info;        /* identity, element map, capabilities */
    const element_status_t *status;    /* every element of every type */
    const model_drive_desc_t *drives;  /* one per drive element, in address order */
    size_t ndrives;
    DWORD inventory_method;            /* NTMS_INVENTORY_DEFAULT: keep the object's */
    const char *media_type;            /* configured media type name, or "" */
    bool recognize_cleaners;           /* a cleaner bar-code prefix is configured */
    bool supports_cleaning;            /* drives are cleaned when they ask (auto_clean):
                                        * the library's LibrarySupportsDriveCleaning */
} model_library_desc_t;

/* The library object of configured library `config_name`, created (with no
 * changer, drives or slots yet) when there is none, and marked
 * NTMS_INITIALIZING. `inventory_method` is used when creating it
 * (NTMS_INVENTORY_DEFAULT: FAST). */
DWORD model_library_prepare(store_t *st, const char *config_name, DWORD library_type, DWORD inventory_method,
                            NTMS_GUID *library);

/* Register what an attach found under *library (from model_library_prepare)
 * and mark it NTMS_READY. The library object is matched by configuration
 * name AND hardware serial: when the object was last attached to hardware
 * with another serial number, the old object is retired (configuration name
 * cleared, NTMS_NOT_PRESENT, its media moved to the offline library) and a
 * new one made; *library then names the new one. Changers and drives are
 * matched by serial number, then by address; slots and ports by address.
 * Objects of elements the library no longer reports are kept, marked not
 * present (slots NTMS_SLOTSTATE_NOTPRESENT, drives and ports
 * NTMS_NOT_PRESENT). Media are left to model_inventory. */
DWORD model_library_register(store_t *st, const model_library_desc_t *d, NTMS_GUID *library);

/* The dwDeferDismountDelay (seconds) drive objects get when they are made
 * (0: keep the default, 300). Existing drives keep theirs. */
void model_set_defer_dismount_default(unsigned seconds);

/* dwOperationalState of a library object (NTMS_READY, NTMS_NEEDS_SERVICE,
 * NTMS_INITIALIZING ...); written only when it differs. */
DWORD model_library_set_state(store_t *st, const NTMS_GUID *library, DWORD opstate);

/* --- inventory ----------------------------------------------------------- */

typedef struct inventory_params {
    NTMS_GUID library;
    unsigned types;              /* element types `status` covers (1u << ELEM_x); 0: all */
    const char *cleaner_prefix;  /* bar codes starting with it are cleaners; "" or NULL: none */
    const char *media_type;      /* media type name when the bar code says nothing; "" or NULL: none */
    DWORD cleaner_uses;          /* uses of a cleaner found in the cleaner slot (model_cleaner_sync);
                                  * 0: not counted (RSM_CLEANER_USES_UNLIMITED) */
} inventory_params_t;

typedef struct inventory_counts {
    unsigned added;     /* new physical media */
    unsigned moved;     /* known media found elsewhere (back from offline included) */
    unsigned gone;      /* media of this library no longer in it: now offline */
    unsigned unchanged; /* found where the database had them */
    unsigned skipped;   /* full elements left unrecorded (no media type known) */
} inventory_counts_t;

/* Reconcile the media of a library with its element status (concepts:
 * libraries.md, media-pools.md, media-names.md):
 *   - a cartridge with a bar code is the medium with that bar code in this
 *     library, else anywhere (the offline library first: it comes back);
 *     its CurrentLibrary, Location, LocationType and HomeSlot (the slot it
 *     sits in) are updated;
 *   - a cartridge without a readable bar code is the medium of this
 *     library recorded at that element, if any;
 *   - any other cartridge is new: a physical medium named after its bar
 *     code (else its sequence number) with one side per NumberOfSides, side
 *     state NTMS_PARTSTATE_FOREIGN, in the Unrecognized pool of its media
 *     type (model_media_type_for_barcode);
 *   - a medium of this library in no element of a covered type any more is
 *     moved to the offline library (CurrentLibrary and Location the offline
 *     library, LocationType NTMS_LIBRARY, no HomeSlot);
 *   - slot, port and drive object states follow the element status;
 *   - the library's cleaner fields follow its cleaner slot (cleaner.h).
 * One transaction; nothing is written when nothing differs. */
DWORD model_inventory(store_t *st, const inventory_params_t *p, const element_status_t *status,
                      inventory_counts_t *out);

/* The media type (a catalogue name) of a cartridge from its bar code:
 * `cleaner_prefix` (case-insensitive) -> the cleaner of the family of
 * `fallback` (LTO Cleaner for LTO ...); LTO labels (6 characters and a
 * 2-character media id) L1..L9 -> LTO-1..LTO-9, LT..LZ -> LTO-3..LTO-9 WORM,
 * CU or CLN... -> LTO Cleaner; else `fallback` (may be "" or NULL: then "").
 * Writes into buf and returns it. */
const char *model_media_type_for_barcode(const char *bar_code, const char *cleaner_prefix, const char *fallback,
                                         char *buf, size_t len);

/* --- moves --------------------------------------------------------------- */

/* Record the intent to move `medium` (NULL: whatever is at `from`) from
 * element `from` to `to` of `library`, before the job is submitted. */
DWORD model_move_begin(store_t *st, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t from,
                       uint16_t to, int64_t *intent);

/* The move succeeded: in one transaction the medium's location (and home
 * slot when `to` is a slot) and the states of both elements are updated,
 * and the intent closed. A medium the store does not know at `from` is not
 * an error (the next inventory records it). */
DWORD model_move_done(store_t *st, const NTMS_GUID *library, int64_t intent, const NTMS_GUID *medium,
                      uint16_t from, uint16_t to);

/* The move did not happen (the library said so): close the intent. A move
 * whose outcome is unknown (the library stopped answering) is left open for
 * model_moves_reconcile. */
DWORD model_move_failed(store_t *st, int64_t intent);

/* At attach: each open intent of `library` is settled by the element status
 * (the medium is where the status says it is) and closed. *settled counts
 * them. */
DWORD model_moves_reconcile(store_t *st, const NTMS_GUID *library, const element_status_t *status,
                            unsigned *settled);

#endif
