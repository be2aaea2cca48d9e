/*
 * libtest.h - what the library API tests share: finding the objects of the
 * virtual library that tests/api/library.conf configures, waiting for
 * library requests, and the operator's hands on the virtual library's
 * directory (daemon/changer/virtual.h).
 *
 * Every wait is bounded (LT_WAIT_MS); a test that times out fails.
 */
#ifndef RSM_TEST_LIBTEST_H
#define RSM_TEST_LIBTEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <rsm/ntmsapi.h>

#define LT_MAX 256
#define LT_WAIT_MS 15000

#define assert_guid_equal(a, b) assert_memory_equal((a), (b), sizeof(NTMS_GUID))

/* Ports, drives and slots of the test library (library.conf). */
#define LT_PORT1 16
#define LT_PORT2 17
#define LT_DRIVE1 256
#define LT_SLOT1 1000

/* cmocka setup/teardown: *state becomes a session. */
int lt_setup(void **state);
int lt_teardown(void **state);

/* The directory of the test library ($RSM_TEST_DIR/NAME). */
const char *lt_root(const char *name);

/* Read an object of `type` (asserting success). */
void lt_get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out);
/* GetNtmsObjectInformationA's answer without asserting. */
DWORD lt_try_get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out);
/* Objects of `type` in `container` (NULL: all); returns the count. */
DWORD lt_list(HANDLE h, NTMS_GUID *container, DWORD type, NTMS_GUID *out);

/* The library object named `name`, and the offline library. */
NTMS_GUID lt_library(HANDLE h, const char *name);
/* The same without failing: 0 when there is none. */
int lt_find_library(HANDLE h, const char *name, NTMS_GUID *out);
NTMS_GUID lt_offline(HANDLE h);
/* The element object (slot, port, drive) with Number `number`. */
NTMS_GUID lt_element(HANDLE h, NTMS_GUID *lib, DWORD type, DWORD number);
/* The physical medium with bar code `bar_code`; returns 0 when none. */
int lt_medium(HANDLE h, const char *bar_code, NTMS_GUID *out);
/* The Number of the lowest slot whose State is EMPTY (0: none). */
DWORD lt_first_empty_slot(HANDLE h, NTMS_GUID *lib);
/* The State (slot), Content (port) or State (drive, door) of an element. */
DWORD lt_element_state(HANDLE h, NTMS_GUID *lib, DWORD type, DWORD number);
/* Assert where medium `bar_code` is: element `number` of `type`. */
void lt_assert_at(HANDLE h, NTMS_GUID *lib, const char *bar_code, DWORD type, DWORD number);

/* Wait until library request `req` has finished; returns its record. */
void lt_wait_request(HANDLE h, const NTMS_GUID *req, NTMS_OBJECTINFORMATIONA *out);
/* Wait until request `req` is in `state`. */
void lt_wait_state(HANDLE h, const NTMS_GUID *req, DWORD state);
/* The newest request of `op` in `lib`; returns 0 when none. */
int lt_last_request(HANDLE h, NTMS_GUID *lib, DWORD op, NTMS_GUID *out);
/* InventoryNtmsLibrary FAST and wait for it to pass. */
void lt_inventory(HANDLE h, NTMS_GUID *lib);

/* The operator: a cartridge into / out of a port (virtual_insert/remove),
 * and a link moved by hand inside the library directory ("slots/1001" ->
 * "drives/1/tape"), or removed (to NULL): what a person with the door open
 * does. */
void lt_insert(const char *root, uint16_t port, const char *bar_code);
DWORD lt_try_insert(const char *root, uint16_t port, const char *bar_code);
void lt_remove(const char *root, uint16_t port);
void lt_hand_move(const char *root, const char *from, const char *to);

void lt_sleep_ms(unsigned ms);

#endif
