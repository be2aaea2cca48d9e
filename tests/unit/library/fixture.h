/*
 * fixture.h - what the library unit tests share: a first-started database
 * on a temporary file, a library registered from a hand-built element
 * status, and helpers to build statuses and read the objects back.
 *
 * The standard library of these tests: slots 1000..1009, ports 16 and 17,
 * drives 256 and 257 (serials DRV0256, DRV0257), transport 1, changer
 * serial LIB0001, configuration name "lib".
 */
#ifndef RSM_TEST_LIBRARY_FIXTURE_H
#define RSM_TEST_LIBRARY_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/library_model.h"
#include "model/model.h"
#include "store/store_library.h"

#define FX_FIRST_SLOT 1000
#define FX_SLOTS 10
#define FX_FIRST_PORT 16
#define FX_PORTS 2
#define FX_FIRST_DRIVE 256
#define FX_DRIVES 2

typedef struct fx {
    char dir[64];
    char path[96];
    store_t *st;
    NTMS_GUID lib, offline;
    element_status_t status; /* the standard layout, all empty */
    changer_info_t info;
    model_drive_desc_t drives[FX_DRIVES];
} fx_t;

/* cmocka setup/teardown: *state becomes an fx_t with the standard library
 * registered (nothing inventoried yet). */
int fx_setup(void **state);
int fx_teardown(void **state);

/* A description of the standard library over fx->status. */
model_library_desc_t fx_desc(fx_t *fx);

/* The element at `address` of fx->status (fails the test when absent). */
element_t *fx_el(fx_t *fx, uint16_t address);
/* Put a cartridge with bar code `code` (NULL: none) into `address`, or
 * empty it (fx_empty). */
void fx_put(fx_t *fx, uint16_t address, const char *code);
void fx_empty(fx_t *fx, uint16_t address);

/* Run an inventory of the standard library over fx->status. */
DWORD fx_inventory(fx_t *fx, unsigned types, const char *cleaner_prefix, const char *media_type,
                   inventory_counts_t *out);
/* The same with cleaner prefix CLN and media type LTO-6, asserting success,
 * the counts and store_check. */
void fx_inventory_expect(fx_t *fx, unsigned added, unsigned moved, unsigned gone, unsigned unchanged);

/* The physical medium with bar code `code` (anywhere); fails when absent. */
NTMS_GUID fx_medium(fx_t *fx, const char *code);
/* The element object at address `address` of the library (any type). */
NTMS_GUID fx_element(fx_t *fx, uint16_t address);
void fx_get(fx_t *fx, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out);
/* Object count of `type` in container `c` (NULL: all). */
size_t fx_count(fx_t *fx, const NTMS_GUID *c, DWORD type);
/* The media type named `name`. */
NTMS_GUID fx_media_type(fx_t *fx, const char *name);

/* store_check passes. */
void fx_check(fx_t *fx);

#define assert_guid_equal(a, b) assert_memory_equal((a), (b), sizeof(NTMS_GUID))

#endif
