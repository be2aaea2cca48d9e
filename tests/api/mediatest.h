/*
 * mediatest.h - what the media API tests share (test_media.c,
 * test_media_admin.c, test_alloc_storm.c): media types and pools by name,
 * pool policies, offline media made with CreateNtmsMedia, and the sides
 * and states of media and logical media.
 *
 * Each test works in pools and media types of its own, so the tests of one
 * run against one rsmd do not see each other's media.
 *
 * The library whose cartridges the tests use is the virtual library "vlib"
 * of library.conf (LTO-8 cartridges VT0001L8..) unless the environment
 * names another (tests/integration/test_media_tgt.sh: tgtd's LTO-6
 * cartridges VL0001L6..):
 *   RSM_MEDIA_LIBRARY         the library's name            (vlib)
 *   RSM_MEDIA_TYPE            its cartridges' media type     (LTO-8)
 *   RSM_MEDIA_BARCODE_PREFIX  bar code before the 4 digits   (VT)
 *   RSM_MEDIA_BARCODE_SUFFIX  bar code after them            (L8)
 * and, for the mount tests (test_mount.c), its element addresses:
 *   RSM_MEDIA_SLOT1           the slot of cartridge 1; cartridge n is in
 *                             slot SLOT1 + n - 1                  (1000)
 *   RSM_MEDIA_DRIVES          the drive elements, comma-separated (256,257)
 *   RSM_MEDIA_PORT1           the first port (mailslot)           (16)
 */
#ifndef RSM_TEST_MEDIATEST_H
#define RSM_TEST_MEDIATEST_H

#include "libtest.h"

/* The library of the tests' cartridges, its media type's name, and
 * whether it is the virtual library (an assertion or two need its
 * particulars). */
const char *mt_library_name(void);
const char *mt_library_type(void);
int mt_library_is_virtual(void);
/* The bar code of the library's n-th cartridge (1-based) in `buf`. */
const char *mt_tape(char *buf, size_t size, unsigned n);
/* The library's element addresses (see the top): the first slot, drive
 * element i (0-based; asserts the library has it), the first port. */
DWORD mt_slot1(void);
DWORD mt_drive(unsigned i);
DWORD mt_port1(void);

/* The media type named `name` (asserting it exists). */
NTMS_GUID mt_media_type(HANDLE h, const char *name);

/* The pool at `path` ("Free\\DLT", "App\\Tapes"), opened or created as an
 * application pool of media type `type_name` (NULL: a pool of pools). */
NTMS_GUID mt_pool(HANDLE h, const char *path, const char *type_name);

/* AllocationPolicy, DeallocationPolicy and dwMaxAllocates of `pool`. */
void mt_set_policy(HANDLE h, NTMS_GUID *pool, DWORD alloc, DWORD dealloc, DWORD max_allocates);

/* CreateNtmsMediaA of an offline medium in `pool` with `nsides` sides, all
 * in state `state`, bar code `bar_code` ("" for none). *medium and sides[]
 * (may be NULL) receive the GUIDs. mt_create asserts success. */
DWORD mt_try_create(HANDLE h, NTMS_GUID *pool, DWORD nsides, DWORD state, const char *bar_code,
                    NTMS_GUID *medium, NTMS_GUID *sides);
void mt_create(HANDLE h, NTMS_GUID *pool, DWORD nsides, DWORD state, const char *bar_code, NTMS_GUID *medium,
               NTMS_GUID *sides);

/* AllocateNtmsMedia without a partition and without allocation
 * information. */
DWORD mt_alloc(HANDLE h, NTMS_GUID *pool, DWORD options, DWORD timeout, NTMS_GUID *lmid);

/* The single side of logical medium `lmid`. */
NTMS_GUID mt_side_of(HANDLE h, NTMS_GUID *lmid);
/* A side's State, and the physical medium it is on. */
DWORD mt_side_state(HANDLE h, NTMS_GUID *side);
NTMS_GUID mt_medium_of(HANDLE h, NTMS_GUID *side);
/* The pool of a physical medium. */
NTMS_GUID mt_pool_of(HANDLE h, NTMS_GUID *medium);
/* How many physical / logical media a pool holds. */
DWORD mt_count(HANDLE h, NTMS_GUID *pool, DWORD type);

#endif
