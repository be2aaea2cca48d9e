/*
 * store_library.h - the store functions libraries need beyond store.h:
 * which library object a configured library is, the element objects of a
 * library by address, the media of a library in bulk, bar-code lookups, and
 * the move intents that make robot moves crash-safe.
 *
 * Element addresses. The Number of a storage slot, IE port and drive object
 * is the library's own element address (docs/decisions.md), so the pair
 * (library, Number) names an element; migration 2 indexes it. Doors have no
 * element address and are numbered from 1.
 *
 * Same conventions as store.h: Win32 error codes, one thread (the loop).
 */
#ifndef RSM_STORE_LIBRARY_H
#define RSM_STORE_LIBRARY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* --- which library object a configured library is ----------------------- */

/* The library object whose configuration name is `config_name` (the NAME of
 * [library NAME]; unique), with the serial number of the hardware it was
 * last attached to ("" before the first successful attach).
 * ERROR_OBJECT_NOT_FOUND when none. hw_serial may be NULL. */
DWORD store_library_by_config(store_t *st, const char *config_name, NTMS_GUID *out, char *hw_serial,
                              size_t hw_serial_len);

/* Set a library object's configuration name (NULL: none, the object is no
 * longer a configured library) and hardware serial number. The object's
 * szName is independent: an administrator may rename it. */
DWORD store_library_set_identity(store_t *st, const NTMS_GUID *library, const char *config_name,
                                 const char *hw_serial);

/* The offline library (type OFFLINE with FIXEDOFFLINE), made by first start. */
DWORD store_offline_library(store_t *st, NTMS_GUID *out);

/* --- element objects ---------------------------------------------------- */

/* One slot, port, drive or door of a library as the inventory needs it:
 * `state` is the slot's State, the port's Content, the drive's State or the
 * door's State. */
typedef struct store_element {
    NTMS_GUID guid;
    uint32_t number;
    uint32_t state;
} store_element_t;

/* Every object of `type` (NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_DRIVE or
 * NTMS_IEDOOR) in `library`, ordered by number. *v is malloc'ed (NULL when
 * none); the caller frees it. */
DWORD store_library_elements(store_t *st, const NTMS_GUID *library, DWORD type, store_element_t **v, size_t *n);

/* The object of `type` at element address `number` in `library`;
 * ERROR_OBJECT_NOT_FOUND when none. */
DWORD store_library_element(store_t *st, const NTMS_GUID *library, DWORD type, uint32_t number, NTMS_GUID *out);

/* --- media -------------------------------------------------------------- */

/* Where a physical medium is, as the inventory compares it. */
typedef struct store_medium {
    NTMS_GUID guid;
    NTMS_GUID location;
    NTMS_GUID home_slot;
    uint32_t location_type;
    uint32_t bar_code_state;
    char bar_code[NTMS_BARCODE_LENGTH];
} store_medium_t;

/* Every physical medium whose CurrentLibrary is `library`, in creation
 * order. *v is malloc'ed (NULL when none); the caller frees it. */
DWORD store_library_media(store_t *st, const NTMS_GUID *library, store_medium_t **v, size_t *n);

/* A physical medium with readable bar code `bar_code` whose CurrentLibrary
 * is not `except` (NULL: any): one in the offline library first, then the
 * oldest. ERROR_OBJECT_NOT_FOUND when none. */
DWORD store_media_by_barcode(store_t *st, const char *bar_code, const NTMS_GUID *except, NTMS_GUID *out);

/* The same for n bar codes at once, a few queries in all: out[i] is the
 * medium for codes[i], or GUID_NULL when there is none ("" matches none). */
DWORD store_media_by_barcodes(store_t *st, const char *const *codes, size_t n, const NTMS_GUID *except,
                              NTMS_GUID *out);

/* One more than the largest numeric szSequenceNumber of any physical medium
 * (1 for the first). */
DWORD store_next_media_sequence(store_t *st, uint32_t *out);

/* --- move intents ------------------------------------------------------- */

/* A move the loop asked a library worker to make. Written before the job is
 * submitted and deleted once its outcome is in the store, so a row found at
 * start is a move whose outcome nobody recorded. */
typedef struct store_intent {
    int64_t id;
    NTMS_GUID library;
    NTMS_GUID medium; /* GUID_NULL: not known, or deleted since */
    uint16_t from, to;
    uint32_t state;   /* STORE_INTENT_* */
} store_intent_t;

enum { STORE_INTENT_RECORDED = 0, STORE_INTENT_SUBMITTED = 1 };

DWORD store_intent_open(store_t *st, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t from,
                        uint16_t to, int64_t *id);
DWORD store_intent_set_state(store_t *st, int64_t id, uint32_t state);
/* Deleting an intent that is already gone is not an error. */
DWORD store_intent_close(store_t *st, int64_t id);
/* The intents of `library` still open, oldest first; *v is malloc'ed. */
DWORD store_intent_list(store_t *st, const NTMS_GUID *library, store_intent_t **v, size_t *n);

#endif
