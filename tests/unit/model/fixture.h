/*
 * fixture.h - what the model's unit tests share: a first-started database
 * in memory and helpers that create the objects a test needs.
 */
#ifndef RSM_TEST_MODEL_FIXTURE_H
#define RSM_TEST_MODEL_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/model_int.h"

#define FX_HOST "testhost"

/* cmocka setup/teardown: *state becomes a store_t after model_first_start. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* A zeroed record of `type` with a fresh GUID, the given name, Enabled. */
void fx_record(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name);
/* Insert `rec` (asserting success) and return its GUID. */
NTMS_GUID fx_insert(store_t *st, NTMS_OBJECTINFORMATIONA *rec);

/* Objects many tests need. */
NTMS_GUID fx_media_type(store_t *st, const char *name);
NTMS_GUID fx_online_library(store_t *st, const char *name);
NTMS_GUID fx_pool(store_t *st, const char *path, const NTMS_GUID *media_type);
NTMS_GUID fx_physical_media(store_t *st, const NTMS_GUID *pool, const NTMS_GUID *media_type,
                            const NTMS_GUID *library);

/* Read an object, asserting success. */
void fx_get(store_t *st, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out);

/* Enumerate, asserting success; the caller frees the list. */
guid_list_t fx_enum(store_t *st, const NTMS_GUID *container, DWORD type);

#define assert_guid_equal(a, b) assert_memory_equal((a), (b), sizeof(NTMS_GUID))
#define assert_guid_not_equal(a, b) assert_memory_not_equal((a), (b), sizeof(NTMS_GUID))

#endif
