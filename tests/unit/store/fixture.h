/*
 * fixture.h - shared setup of the store unit tests: databases on ":memory:"
 * or on a temporary file, deterministic GUIDs, fully populated objects of
 * every type, a small world holding one of everything, and store_check
 * against rows broken on purpose.
 */
#ifndef RSM_TEST_STORE_FIXTURE_H
#define RSM_TEST_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store.h"

/* A database in a fresh temporary directory. */
typedef struct fx_db {
    char dir[64];
    char path[96];
    store_t *st;
} fx_db_t;

void fx_db_open(fx_db_t *db);  /* creates the file, fails the test on error */
void fx_db_close(fx_db_t *db); /* closes and removes the file and directory */
/* Run SQL on the database file through a separate plain connection, with
 * foreign keys off, the way a careless tool would. */
void fx_raw_sql(const fx_db_t *db, const char *sql);
/* A single integer from a query on the file (PRAGMA user_version ...). */
long long fx_raw_int(const char *path, const char *sql);

store_t *fx_open_memory(void);

/* Distinct, repeatable GUIDs. */
void fx_guid(NTMS_GUID *g);
/* The GUID as a blob literal for raw SQL: x'0011...'. */
void fx_guid_sql(const NTMS_GUID *g, char out[40]);

/* Common fields: a new GUID, the name, a description, Created/Modified in
 * the past (canonical SYSTEMTIMEs), Enabled, a non-zero operational state. */
void fx_init(NTMS_OBJECTINFORMATIONA *o, DWORD type, const char *name);

/* One of everything, related the way a real library would be:
 * a computer, a library with a changer, a drive, two slots, a door and a
 * port; a two-sided media type related to the library; the root pool, a
 * Free pool with a per-type sub-pool and an application pool; a physical
 * medium in the application pool with its two sides, both allocated to a
 * logical medium; a library request and an operator request. Each object is
 * inserted with every member set (derived counts set to garbage, which the
 * store must ignore) and read back and compared member by member. */
typedef struct fx_world {
    NTMS_GUID computer, library, changer_type, changer, drive_type, drive, slot[2], door, port;
    NTMS_GUID media_type, root, free, free_sub, app, pmid, side[2], lmid, libreq, opreq;
} fx_world_t;

void fx_build_world(store_t *st, fx_world_t *w);

/* The world in a database file: fx_world_setup and fx_world_teardown are
 * cmocka setup/teardown functions whose state is an fx_world_db_t *. */
typedef struct fx_world_db {
    fx_db_t db;
    fx_world_t w;
} fx_world_db_t;

int fx_world_setup(void **state);
int fx_world_teardown(void **state);

/* store_check passes on `db` with an empty `why`; after `sql` (raw, foreign
 * keys off) it fails with a `why` that mentions `needle`. */
void fx_expect_problem(fx_db_t *db, const char *sql, const char *needle);

/* Insert `o`, read it back and compare every byte, with `o`'s derived
 * members replaced by the values given to fx_expect_counts (zero if not). */
void fx_insert_and_verify(store_t *st, const NTMS_OBJECTINFORMATIONA *o);

/* A physical medium of `media_type` in `pool`, with `sides` sides. */
void fx_add_media(store_t *st, const NTMS_GUID *pool, const NTMS_GUID *media_type, const NTMS_GUID *library,
                  int sides, NTMS_GUID *pmid);

/* A media pool under `parent` (NULL: top level). */
DWORD fx_add_pool(store_t *st, const NTMS_GUID *parent, const char *name, DWORD pool_type,
                  const NTMS_GUID *media_type, NTMS_GUID *out);

int fx_guid_eq(const NTMS_GUID *a, const NTMS_GUID *b);

#endif
