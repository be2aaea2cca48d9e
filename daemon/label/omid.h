/*
 * omid.h - on-media identification: the label reader that
 * NTMS_INVENTORY_OMID and IdentifyNtmsSlot hand cartridges to
 * (daemon/ops/ops.h, ops_omid_reader_t). It sits above the mount queue,
 * whose drives it borrows, and the library operations, whose loads and
 * unloads it uses.
 */
#ifndef RSM_LABEL_OMID_H
#define RSM_LABEL_OMID_H

#include <uv.h>

#include "store/store.h"

/* Register the reader with daemon/ops on `loop` and `st` (rsmd's start,
 * after queue_attach). */
void label_omid_attach(uv_loop_t *loop, store_t *st);

/* At shutdown, after the loop has run dry and before queue_free: runs
 * still open end with ERROR_CANCELLED (their callers are answered). */
void label_omid_free(void);

#endif
