/*
 * mounttest.h - what the mount API tests share (test_mount.c: the queue;
 * test_mount_media.c: logical, offline and found media): the library under
 * test and its cartridges, drives and slots by number, mounting one
 * medium, and the checks and waits every step uses.
 *
 * The library is the virtual library of mount.conf (two drives, cartridges
 * VT0001L8.. in slots 1000..) or the one the RSM_MEDIA_* variables of
 * mediatest.h name (tests/integration/test_mount_tgt.sh: a tgtd library).
 * The placement checks compare the database with the library's own
 * element status (mounthw.h).
 */
#ifndef RSM_TEST_MOUNTTEST_H
#define RSM_TEST_MOUNTTEST_H

#include <stdint.h>

#include "mediatest.h"
#include "mounthw.h"

#define DRIVE1 mt_drive(0)
#define DRIVE2 mt_drive(1)
#define SLOT(n) (mt_slot1() + (n) - 1) /* where cartridge n starts */

/* The library under test (set by mo_setup). */
extern NTMS_GUID mo_lib;

/* cmocka group setup: a session, the library once attached and its first
 * inventory has found cartridges 1..6. No library call is made: a test's
 * first call that moves anything is a mount. */
int mo_setup(void **state);

/* Cartridge n's bar code (four rotating buffers) and its medium. */
const char *mo_code(unsigned n);
NTMS_GUID mo_tape(HANDLE h, unsigned n);
/* The drive object of drive element `number`. */
NTMS_GUID mo_drive(HANDLE h, DWORD number);
/* The element number of drive object `drive`. */
DWORD mo_drive_number(HANDLE h, const NTMS_GUID *drive);
DWORD mo_media_state(HANDLE h, NTMS_GUID *m);
int64_t mo_now_ms(void);
/* MountNtmsMedia of one medium. */
DWORD mo_mount1(HANDLE h, NTMS_GUID *id, NTMS_GUID *drive, DWORD options, int priority, DWORD timeout);

/* Assert that the database agrees with the library's element status. */
void mo_placement(HANDLE h);
/* Wait (bounded) until drive `number` is empty in the database. */
void mo_wait_drive_empty(HANDLE h, DWORD number);
/* Both drives empty again, whatever a test left, then mo_placement. */
void mo_reset(HANDLE h);

#endif
