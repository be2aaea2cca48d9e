/*
 * identify.h - what a label is, all recognizers together: the service's
 * own free-media label, then the label libraries (mll.h) in the order
 * label.d lists them, then the built-in formats; a label none of them
 * knows is kept RAW (label_make_raw), a blank medium stays blank.
 *
 * Label libraries run in helper processes and may take up to their time
 * limit, so the loop thread never calls label_identify itself: it uses
 * label_identify_async, which runs it on libuv's thread pool.
 */
#ifndef RSM_LABEL_IDENTIFY_H
#define RSM_LABEL_IDENTIFY_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "label/label.h"

/* Blocking (label libraries): any thread but the loop's. */
void label_identify(const uint8_t *buf, size_t len, label_info_t *out);

/* `done` runs on the loop thread with the bytes (a copy the call made;
 * valid during `done` only) and what they are. */
typedef void (*label_identify_fn)(void *ctx, const uint8_t *buf, size_t len, const label_info_t *label);

/* Identify `len` bytes of `buf` (copied; at most LABEL_IDENTIFY_MAX are
 * kept) on the thread pool of `loop`. 0: `done` will run exactly once,
 * later; else ERROR_NOT_ENOUGH_MEMORY and it never runs. */
#define LABEL_IDENTIFY_MAX (64u * 1024u)
DWORD label_identify_async(uv_loop_t *loop, const uint8_t *buf, size_t len, label_identify_fn done, void *ctx);

#endif
