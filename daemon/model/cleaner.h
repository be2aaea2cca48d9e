/*
 * cleaner.h - the rules of drive cleaning in the object world
 * (concepts/cleaning-drives-in-rsm.md): the one reserved cleaner slot of a
 * library, the cleaner cartridge in it and its uses, and the cleaning
 * history of drives.
 *
 * Where things live. The library object holds the cleaner slot
 * (CleanerSlot; CleanerSlotDefault remembers the last one reserved), the
 * uses its cleaner has left (dwCleanerUsesRemaining, RSM_CLEANER_USES_
 * UNLIMITED when they are not counted, with IGNORECLEANERUSESREMAINING) and
 * whether one is there (CLEANERPRESENT). The cleaner is the physical medium
 * recorded in the cleaner slot, of a cleaner media type; each cleaning
 * counts one mount of its side (dwMountCount), so the uses it has given and
 * the uses it has left together are its maximum. A drive records when it
 * was last cleaned (LastCleanedTs) and how often (the object attribute
 * MODEL_CLEAN_COUNT_ATTR, a DWORD, since NTMS_DRIVEINFORMATION has no
 * member for it).
 *
 * Each function writes in one transaction and runs on the loop thread.
 */
#ifndef RSM_MODEL_CLEANER_H
#define RSM_MODEL_CLEANER_H

#include <stdbool.h>

#include <rsm/ntmsapi.h>

#include "principal.h"
#include "store/store.h"

#define MODEL_CLEAN_COUNT_ATTR "RSM_CleanCount"

/* A library's cleaning state, read in one go. */
typedef struct cleaner_info {
    NTMS_OBJECTINFORMATIONA lib;  /* the library object */
    bool reserved;                /* it has a cleaner slot */
    NTMS_GUID slot;
    DWORD slot_number;            /* its element address */
    DWORD slot_state;             /* NTMS_SLOTSTATE_* */
    bool present;                 /* a medium is recorded in the slot */
    NTMS_GUID cleaner;            /* that medium */
    bool is_cleaner;              /* of a cleaner media type (not a data
                                   * cartridge someone put there) */
    DWORD uses_left;              /* dwCleanerUsesRemaining */
} cleaner_info_t;

DWORD model_cleaner_info(store_t *st, const NTMS_GUID *library, cleaner_info_t *out);

/* A cleaner (of a cleaner type) is there and has uses left, or they are
 * not counted. */
bool model_cleaner_usable(const cleaner_info_t *c);

/* The element address of the library's cleaner slot, 0 when none is
 * reserved: the slot data cartridges never go to. */
DWORD model_cleaner_slot_number(store_t *st, const NTMS_GUID *library);

/* ReserveNtmsCleanerSlot: `slot` must be a storage slot of `library`
 * (ERROR_OBJECT_NOT_FOUND: no slot has the GUID; ERROR_INVALID_PARAMETER:
 * another library's), present and empty (ERROR_RESOURCE_NOT_AVAILABLE),
 * and the library must have no cleaner slot yet (ERROR_CLEANER_SLOT_SET).
 * Media whose home slot it was lose that home. Recorded as a finished
 * NTMS_LM_RESERVECLEANER request. */
DWORD model_cleaner_reserve(store_t *st, const principal_t *who, const NTMS_GUID *library, const NTMS_GUID *slot);

/* ReleaseNtmsCleanerSlot: ERROR_CLEANER_SLOT_NOT_SET without a slot,
 * ERROR_RESOURCE_NOT_PRESENT when the slot is not present,
 * ERROR_CLEANER_CARTRIDGE_INSTALLED when a cleaner is in it. Recorded as a
 * finished NTMS_LM_RELEASECLEANER request. */
DWORD model_cleaner_release(store_t *st, const principal_t *who, const NTMS_GUID *library);

/* The library's cleaner fields follow its cleaner slot: CLEANERPRESENT
 * when a medium is recorded there; no medium, no uses; a cleaner that
 * appears with no uses recorded gets `default_uses` (a cleaner put into
 * the slot by hand). Writes only what differs. */
DWORD model_cleaner_sync(store_t *st, const NTMS_GUID *library, DWORD default_uses);

/* InjectNtmsCleaner brought a cartridge into the cleaner slot: it is a
 * cleaner (of the cleaner type of its family, in that type's Unrecognized
 * pool, whatever its bar code said) with `uses` left. */
DWORD model_cleaner_injected(store_t *st, const NTMS_GUID *library, DWORD uses);

/* InjectNtmsCleaner through the door (a library without a port): the
 * cleaner the operator will put into the slot has `uses` left; the next
 * inventory that finds it keeps them (model_cleaner_sync). */
DWORD model_cleaner_expect(store_t *st, const NTMS_GUID *library, DWORD uses);

/* The cleaner `cleaner` is in `drive`: the drive is BEING_CLEANED and the
 * cleaner in use (no eject takes it from the drive). */
DWORD model_clean_begin(store_t *st, const NTMS_GUID *drive, const NTMS_GUID *cleaner);

/* How a cleaning ended. */
typedef struct clean_result {
    bool cleaned;  /* the drive took the cleaner and finished */
    bool spent;    /* the drive said the cleaner is used up (TapeAlert 22, 30/13) */
} clean_result_t;

/* The cleaner is back in its slot: the drive is DISMOUNTED again and, when
 * cleaned, its LastCleanedTs is now and its clean count one more; the
 * cleaner's side counts a mount and its library one use less (a spent one:
 * none left). *exhausted (may be NULL): the cleaner has no use left. */
DWORD model_clean_done(store_t *st, const NTMS_GUID *library, const NTMS_GUID *drive, const clean_result_t *r,
                       bool *exhausted);

/* At start: cleanings do not survive a restart. A drive left
 * BEING_CLEANED is DISMOUNTABLE when a medium (the cleaner) is still in it,
 * else DISMOUNTED; a cleaner left in use in a drive is LOADED, so the queue
 * takes it home like any medium left in a drive. *n: drives changed. */
DWORD model_clean_recover(store_t *st, size_t *n);

/* CleanNtmsDrive of a stand-alone drive: marked cleaned now, recorded as a
 * finished NTMS_LM_CLEANDRIVE request. */
DWORD model_clean_standalone(store_t *st, const principal_t *who, const NTMS_GUID *drive);

/* How often `drive` has been cleaned (0 before the first time). */
DWORD model_clean_count(store_t *st, const NTMS_GUID *drive, DWORD *count);

#endif
