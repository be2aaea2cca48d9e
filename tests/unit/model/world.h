/*
 * world.h - a small world for the label tests of the model (test_placement.c,
 * test_freemedia.c): an online library with one slot, the system pools of
 * LTO-8 and an application pool, and cartridges made to order.
 */
#ifndef RSM_TEST_MODEL_WORLD_H
#define RSM_TEST_MODEL_WORLD_H

#include <stdbool.h>

#include "fixture.h"

typedef struct world {
    store_t *st;
    NTMS_GUID type, lib, slot, unrecognized, import, free_pool, app;
} world_t;

void world_init(world_t *w, store_t *st);

/* A cartridge with one side in `pool`, its side in `state`, in the
 * library's slot (or in the offline library when `offline`), with bar
 * code `code` ("": none readable; then named after its sequence number). */
NTMS_GUID cartridge(world_t *w, const NTMS_GUID *pool, DWORD state, const char *code, bool offline,
                    NTMS_GUID *side_out);

/* store_check, failing the test with its reason. */
void check_store(store_t *st);

/* Assert that `medium` is in `pool`. */
void expect_pool(world_t *w, const NTMS_GUID *medium, const NTMS_GUID *pool);

#endif
