/*
 * mounthw.h - the library under the mount tests (test_mount.c) as seen
 * without rsmd: its own record of where each cartridge is, and the
 * operator's hands at its ports.
 *
 * Two implementations, one per kind of library the test runs on:
 * mounthw_vlib.c reads the virtual library's directory (tests/api, suite
 * api); tests/integration/mounthw_tgt.c asks a tgtd changer with raw-res
 * and plays the operator with tgt-lib (suite tgt, test_mount_tgt.sh).
 */
#ifndef RSM_TEST_MOUNTHW_H
#define RSM_TEST_MOUNTHW_H

#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#define MH_SNAPSHOT_MAX 8192

/* The library's element status as text, full elements at least, one a
 * line, in a stable order: two snapshots are equal exactly when no
 * cartridge moved in between. */
void mh_snapshot(char *buf, size_t len);

/* Assert that rsmd's record of library `lib` agrees with the library's
 * own: every cartridge where the changer says, every drive's content. */
void mh_assert_placement(HANDLE h, NTMS_GUID *lib);

/* A cartridge moves from slot `slot` into drive `drive` behind rsmd's
 * back (an operator, or another program on the changer). */
void mh_hand_load(DWORD slot, DWORD drive);

/* The operator puts cartridge `bar_code` into port `port`, or takes what
 * is there out. */
void mh_port_put(uint16_t port, const char *bar_code);
void mh_port_clear(uint16_t port);

#endif
