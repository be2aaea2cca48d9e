/*
 * freemedia.h - the service's free-media label as a rule of the model:
 * which media still need it, what it says for a side, and recording it
 * once written (the writing itself is daemon/label/freewrite.c's).
 *
 * A physical medium needs the label when it sits in a Free pool, is
 * enabled, its first side is Available, and that side's recorded on-media
 * identifier is not the free label naming the side itself (type "RSM",
 * label ID the side's GUID). Nothing else is stored: a medium that entered
 * Free offline, or whose write failed, is found again by the same rule
 * (store_media_free_unlabelled asks it of a whole library). Only the first
 * side is labelled: a drive presents side A when the robot loads a
 * cartridge, and the two-sided media of the catalogue are optical, whose
 * drives write no labels.
 *
 * The label is a promise that the side holds nothing. An application that
 * allocates the side may write over it, so the allocation forgets it from
 * the side's record (media_forget_free_label), a held side whose recorded
 * label is still ours is not checked at mount (model_omid_matches), and a
 * side deallocated back to Free is labelled again.
 */
#ifndef RSM_MODEL_FREEMEDIA_H
#define RSM_MODEL_FREEMEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Does `medium` need the free label now? *side (may be NULL) is its first
 * side. False for an unknown medium, or when the store cannot say. */
bool model_free_label_needed(store_t *st, const NTMS_GUID *medium, NTMS_GUID *side);

/* The free label of `medium`'s first side (label/freelabel.h: the side's
 * and the medium's GUIDs, now, the medium's name, the side number) into
 * buf, which holds at least LABEL_FREE_BLOCK bytes; *len its length and
 * *side the side. */
DWORD model_free_label_make(store_t *st, const NTMS_GUID *medium, uint8_t *buf, size_t cap, size_t *len,
                            NTMS_GUID *side);

/* The service wrote `buf` (a free label made by model_free_label_make) on
 * `side`: record it as the side's on-media identifier, one transaction.
 * ERROR_BAD_FORMAT when buf is not a free label of that side. */
DWORD model_free_label_record(store_t *st, const NTMS_GUID *side, const uint8_t *buf, size_t len);

#endif
