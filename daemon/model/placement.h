/*
 * placement.h - where a cartridge belongs once its label has been read:
 * the rules of concepts/media-pools.md, on-media-identifiers.md and
 * duplicate-copies-of-media.md as one decision.
 *
 *   - known media keep their identity and pool: a side whose recorded
 *     on-media identifier is the label read changes nothing; one that has
 *     none yet (an application's medium, a Free medium from before labels
 *     were read) takes the label and stays where it is;
 *   - a side whose recorded identifier differs from the label read is a
 *     MISMATCH: nothing is changed, one warning is logged, and a caller
 *     that mounted the cartridge for a particular side learns that it is
 *     not the one it expected;
 *   - a cartridge the service has never seen (an inventory recorded it in
 *     the Unrecognized pool, its sides Unrecognized) goes by its label:
 *     blank or in no format anything recognized: it stays Unrecognized
 *     (a label that is not blank is kept as RAW so that the next read
 *     compares equal); the service's own free-media label: Free, its
 *     sides Available; any other recognized format: Import, its sides
 *     Import;
 *   - a recognized label that another medium's side already has: when
 *     that medium is offline and this cartridge has no bar code of its
 *     own, it is that medium come back (RETURNED: the new record is
 *     merged into the old one, which takes its place in the library);
 *     otherwise the cartridge is a copy (DUPLICATE): it gets its own
 *     record with the same identifier, in Import, as the duplicate-copies
 *     page describes (each copy has its own record).
 *
 * Every outcome is written in one transaction and logged in one line.
 */
#ifndef RSM_MODEL_PLACEMENT_H
#define RSM_MODEL_PLACEMENT_H

#include <stdbool.h>

#include "label/label.h"
#include "model.h"

typedef enum model_placement {
    MODEL_PLACE_KNOWN,        /* the recorded identifier is the label's (or both are blank) */
    MODEL_PLACE_IDENTIFIED,   /* a known medium took the label; its pool stays */
    MODEL_PLACE_UNRECOGNIZED, /* never seen, blank or unknown: Unrecognized */
    MODEL_PLACE_FREE,         /* never seen, our free label: Free */
    MODEL_PLACE_IMPORT,       /* never seen, a recognized format: Import */
    MODEL_PLACE_DUPLICATE,    /* never seen, a copy of a medium in a library: Import, same OMID */
    MODEL_PLACE_RETURNED,     /* never seen as this record: it is an offline medium come back */
    MODEL_PLACE_MISMATCH,     /* the label is not the one recorded: nothing changed */
} model_placement_t;

/* What the decision looks at. */
typedef struct model_place_facts {
    bool blank;           /* nothing written on the side */
    bool recognized;      /* a recognizer or label library knew the label */
    bool ours_free;       /* ... and it is the service's free-media label */
    bool has_omid;        /* the side has an identifier recorded */
    bool same_omid;       /* ... and it is the label's (recognized, or RAW) */
    bool fresh;           /* never identified: in an Unrecognized pool, the side Unrecognized */
    bool trusted_barcode; /* the cartridge has a readable bar code */
    bool other;           /* another medium has a side with the label's identifier */
    bool other_offline;   /* ... and that medium is in no online library */
} model_place_facts_t;

/* The rule, without the store. */
model_placement_t model_place_decide(const model_place_facts_t *f);

/* "known", "identified", ... for log lines and tests. */
const char *model_placement_name(model_placement_t p);

typedef struct model_place_result {
    model_placement_t placement;
    NTMS_GUID medium;     /* the physical medium the cartridge is now (RETURNED: the old record) */
    NTMS_GUID other;      /* DUPLICATE, RETURNED: the other medium */
} model_place_result_t;

/* Place physical medium `medium`, whose side `side` (0: A) carries
 * `label` (label_recognize_builtin / label_identify's answer; not
 * recognized with id_len 0: blank; not recognized otherwise: RAW, see
 * label_make_raw). One transaction. ERROR_INVALID_MEDIA for an unknown
 * medium, ERROR_INVALID_PARAMETER for a side it does not have, the
 * store's errors. */
DWORD model_place_label(store_t *st, const NTMS_GUID *medium, DWORD side, const label_info_t *label,
                        model_place_result_t *out);

#endif
