/*
 * freewrite.h - the free-label writer: the service's own free-media label
 * (label/freelabel.h) written on each medium that enters a Free pool, in
 * the background, and recorded as its side's on-media identifier.
 *
 * MoveToNtmsMediaPool, DeallocateNtmsMedia (NTMS_DEALLOCATE_TOSCRATCH) and
 * a placement into Free answer at once; the model's free hook
 * (model_media_set_free_hook) then hands the medium here. A medium in a
 * library is written on an idle empty drive of that library; one offline
 * waits until an inventory finds it in a library (label_freewrite_library,
 * from the library core's inventory hook); a medium that is mounted or
 * busy waits in its library's list until it is back in a slot. Which media
 * need the label is the model's rule (model/freemedia.h), asked again
 * before every write, so nothing is remembered across restarts but what
 * the store says.
 *
 * Each write is one library request, NTMS_LM_WRITESCRATCH, application
 * "RSM": claim the drive at NTMS_PRIORITY_LOWEST, ops_load (which checks a
 * recorded label first, so the cartridge written is the one meant),
 * JOB_WRITE_LABEL, record, ops_unload, release. docs/design/labels.md has
 * the retry rules.
 *
 * Threads: the loop thread only.
 */
#ifndef RSM_LABEL_FREEWRITE_H
#define RSM_LABEL_FREEWRITE_H

#include <uv.h>

#include "ops/ops.h"
#include "store/store.h"

/* Start on `loop` and `st` (rsmd's start, after queue_attach): registers
 * the model's free hook. */
void label_freewrite_attach(uv_loop_t *loop, store_t *st);

/* At shutdown, after the libraries stopped and before queue_free: writes
 * still listed are forgotten, an open request ends CANCELLED. */
void label_freewrite_free(void);

/* `medium` entered a Free pool (NULL: some media did; look at every
 * library): list it in its library, and try again one whose write failed
 * for good. */
void label_freewrite_medium(const NTMS_GUID *medium);

/* An inventory reconciled `library`: list its media that need the label. */
void label_freewrite_library(const NTMS_GUID *library);

/* For the label reader, which has `medium` in drive index `drive` of
 * `library` already: when the medium needs the free label, write and
 * record it now under a WRITESCRATCH request of its own and answer
 * OPS_PENDING; `done(arg, err)` then runs once, later. 0 when it needs
 * none (`done` never runs); another error when the write could not start. */
DWORD label_freewrite_loaded(const NTMS_GUID *library, const NTMS_GUID *medium, int drive, ops_done_fn done,
                             void *arg);

#endif
