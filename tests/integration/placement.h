/*
 * placement.h - the placement cross-check of the tgt integration tests: is
 * every cartridge where rsmd's database says, by the library's own word?
 *
 * The library's element status is read independently of rsmd, by
 * tests/tgt/raw-res (libiscsi and hand-built CDBs, none of the project's
 * code), and compared with what librsm reports:
 *   - slots, ports and drives: as many objects as the library has elements,
 *     each element an object with its Number;
 *   - a slot's State and a port's Content are FULL or EMPTY as the element
 *     is, and a drive is DISMOUNTED exactly when its element is empty;
 *   - every full element holds a physical medium of the library recorded at
 *     that element (Location and LocationType), with the element's bar code;
 *   - every physical medium of the library is recorded at a full element
 *     whose bar code is its own, and no two at the same element.
 */
#ifndef RSM_TEST_PLACEMENT_H
#define RSM_TEST_PLACEMENT_H

#include <stddef.h>

#include <rsm/ntmsapi.h>

/* Compare library `lib` as rsmd sees it with the element status of the
 * changer at `url` as `raw_res` reads it. Returns the number of
 * disagreements (0: consistent), each described on stderr as one line;
 * -1 when either side could not be read at all. */
int placement_check(HANDLE h, const NTMS_GUID *lib, const char *raw_res, const char *url);

/* The changer URL of a tgt-lib instance: the changer= line of DIR/urls.
 * Returns 0, or -1 when it cannot be read. */
int placement_changer_url(const char *dir, char *url, size_t len);

#endif
