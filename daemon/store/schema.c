/*
 * schema.c - the database schema, as an ordered list of migrations.
 *
 * PRAGMA user_version holds the number of migrations applied. Opening a
 * database applies the missing ones, each in its own transaction together
 * with the version bump, so a crash leaves the database at a whole version.
 * A migration, once released, is never edited: a change is a new migration.
 * A database whose version is above what this build knows was written by a
 * newer rsmd and is refused rather than misread.
 *
 * Layout. `object` holds the fields common to every NTMS object; one detail
 * table per object type holds the rest of its NTMS_*INFORMATION structure.
 * Both have `seq INTEGER PRIMARY KEY`, the same value for an object in both
 * tables, in creation order: enumeration walks a detail table (or one of
 * its indexes, whose entries end with the rowid) and gets creation order
 * without sorting. References between objects are foreign keys to the
 * detail table of the referenced type, so a reference can only name an
 * object of the right type. Values derived from other rows (how many drives
 * a library has, how many media a pool holds ...) are not stored; objects.c
 * computes them on read. Every referencing column is indexed, because
 * SQLite looks up the children of a deleted row by that column.
 */
#include "store_int.h"

#include <stdio.h>

#include "util/log.h"

/* Detail tables share this prefix: the creation-order key, and the object's
 * GUID, which the object row owns (deleting the object deletes the detail). */
#define DETAIL_KEY                                                                                 \
    "seq INTEGER PRIMARY KEY,"                                                                     \
    "guid BLOB NOT NULL UNIQUE REFERENCES object(guid) ON DELETE CASCADE,"

static const char migration_1[] =
    "CREATE TABLE object ("
    "  seq INTEGER PRIMARY KEY,"
    "  guid BLOB NOT NULL UNIQUE CHECK (length(guid) = 16),"
    "  type INTEGER NOT NULL,"
    "  name TEXT NOT NULL COLLATE NOCASE,"
    "  description TEXT NOT NULL,"
    "  created_ms INTEGER NOT NULL,"
    "  modified_ms INTEGER NOT NULL,"
    "  enabled INTEGER NOT NULL,"
    "  operational_state INTEGER NOT NULL"
    ") STRICT;"

    /* Exactly one computer: the singleton column can only be 1, once. */
    "CREATE TABLE computer (" DETAIL_KEY
    "  singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),"
    "  lib_request_purge_time INTEGER NOT NULL,"
    "  op_request_purge_time INTEGER NOT NULL,"
    "  lib_request_flags INTEGER NOT NULL,"
    "  op_request_flags INTEGER NOT NULL,"
    "  media_pool_policy INTEGER NOT NULL"
    ") STRICT;"

    "CREATE TABLE library (" DETAIL_KEY
    "  library_type INTEGER NOT NULL,"
    "  cleaner_slot BLOB REFERENCES storage_slot(guid) ON DELETE SET NULL,"
    "  cleaner_slot_default BLOB REFERENCES storage_slot(guid) ON DELETE SET NULL,"
    "  library_supports_drive_cleaning INTEGER NOT NULL,"
    "  bar_code_reader_installed INTEGER NOT NULL,"
    "  inventory_method INTEGER NOT NULL,"
    "  cleaner_uses_remaining INTEGER NOT NULL,"
    "  first_drive_number INTEGER NOT NULL,"
    "  first_slot_number INTEGER NOT NULL,"
    "  first_door_number INTEGER NOT NULL,"
    "  first_port_number INTEGER NOT NULL,"
    "  first_changer_number INTEGER NOT NULL,"
    "  auto_recovery INTEGER NOT NULL,"
    "  flags INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX library_cleaner_slot ON library(cleaner_slot) WHERE cleaner_slot IS NOT NULL;"
    "CREATE INDEX library_cleaner_slot_default ON library(cleaner_slot_default)"
    "  WHERE cleaner_slot_default IS NOT NULL;"

    "CREATE TABLE changer_type (" DETAIL_KEY
    "  vendor TEXT NOT NULL,"
    "  product TEXT NOT NULL,"
    "  device_type INTEGER NOT NULL"
    ") STRICT;"

    "CREATE TABLE changer (" DETAIL_KEY
    "  number INTEGER NOT NULL,"
    "  changer_type BLOB REFERENCES changer_type(guid),"
    "  serial_number TEXT NOT NULL,"
    "  revision TEXT NOT NULL,"
    "  device_name TEXT NOT NULL,"
    "  scsi_port INTEGER NOT NULL,"
    "  scsi_bus INTEGER NOT NULL,"
    "  scsi_target INTEGER NOT NULL,"
    "  scsi_lun INTEGER NOT NULL,"
    "  library BLOB REFERENCES library(guid)"
    ") STRICT;"
    "CREATE INDEX changer_changer_type ON changer(changer_type) WHERE changer_type IS NOT NULL;"
    "CREATE INDEX changer_library ON changer(library);"

    "CREATE TABLE drive_type (" DETAIL_KEY
    "  vendor TEXT NOT NULL,"
    "  product TEXT NOT NULL,"
    "  number_of_heads INTEGER NOT NULL,"
    "  device_type INTEGER NOT NULL"
    ") STRICT;"

    "CREATE TABLE drive (" DETAIL_KEY
    "  number INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  drive_type BLOB REFERENCES drive_type(guid),"
    "  device_name TEXT NOT NULL,"
    "  serial_number TEXT NOT NULL,"
    "  revision TEXT NOT NULL,"
    "  scsi_port INTEGER NOT NULL,"
    "  scsi_bus INTEGER NOT NULL,"
    "  scsi_target INTEGER NOT NULL,"
    "  scsi_lun INTEGER NOT NULL,"
    "  mount_count INTEGER NOT NULL,"
    "  last_cleaned_ms INTEGER NOT NULL,"
    "  saved_partition_id BLOB REFERENCES side(guid) ON DELETE SET NULL,"
    "  library BLOB REFERENCES library(guid),"
    "  defer_dismount_delay INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX drive_drive_type ON drive(drive_type) WHERE drive_type IS NOT NULL;"
    "CREATE INDEX drive_saved_partition ON drive(saved_partition_id) WHERE saved_partition_id IS NOT NULL;"
    "CREATE INDEX drive_library ON drive(library);"

    "CREATE TABLE storage_slot (" DETAIL_KEY
    "  number INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  library BLOB REFERENCES library(guid)"
    ") STRICT;"
    "CREATE INDEX storage_slot_library ON storage_slot(library);"

    "CREATE TABLE ie_door (" DETAIL_KEY
    "  number INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  max_open_secs INTEGER NOT NULL,"
    "  library BLOB REFERENCES library(guid)"
    ") STRICT;"
    "CREATE INDEX ie_door_library ON ie_door(library);"

    "CREATE TABLE ie_port (" DETAIL_KEY
    "  number INTEGER NOT NULL,"
    "  content INTEGER NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  max_extend_secs INTEGER NOT NULL,"
    "  library BLOB REFERENCES library(guid)"
    ") STRICT;"
    "CREATE INDEX ie_port_library ON ie_port(library);"

    "CREATE TABLE media_type (" DETAIL_KEY
    "  media_type INTEGER NOT NULL,"
    "  number_of_sides INTEGER NOT NULL,"
    "  read_write_characteristics INTEGER NOT NULL,"
    "  device_type INTEGER NOT NULL"
    ") STRICT;"

    /* Which media types a library handles (AddNtmsMediaType). Deleting the
     * library drops its relations; a media type a library still lists
     * cannot be deleted. */
    "CREATE TABLE library_media_type ("
    "  library BLOB NOT NULL REFERENCES library(guid) ON DELETE CASCADE,"
    "  media_type BLOB NOT NULL REFERENCES media_type(guid),"
    "  PRIMARY KEY (library, media_type)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX library_media_type_media_type ON library_media_type(media_type);"

    /* `name` repeats the object's name so that one index can keep sibling
     * names unique (case-insensitively, as Windows does); objects.c writes
     * both. The system pools (Free, Import, Unrecognized and their per-type
     * sub-pools) are those of the three system pool types; the root pool is
     * the one of unknown type without a parent, and there is at most one. */
    "CREATE TABLE media_pool (" DETAIL_KEY
    "  name TEXT NOT NULL COLLATE NOCASE,"
    "  pool_type INTEGER NOT NULL,"
    "  media_type BLOB REFERENCES media_type(guid),"
    "  parent BLOB REFERENCES media_pool(guid),"
    "  allocation_policy INTEGER NOT NULL,"
    "  deallocation_policy INTEGER NOT NULL,"
    "  max_allocates INTEGER NOT NULL,"
    "  is_system INTEGER GENERATED ALWAYS AS (pool_type IN (1, 2, 3)) VIRTUAL,"
    "  is_root INTEGER GENERATED ALWAYS AS (pool_type = 0 AND parent IS NULL) VIRTUAL"
    ") STRICT;"
    "CREATE UNIQUE INDEX media_pool_sibling_name ON media_pool(ifnull(parent, x''), name);"
    "CREATE INDEX media_pool_parent ON media_pool(parent);"
    "CREATE INDEX media_pool_media_type ON media_pool(media_type) WHERE media_type IS NOT NULL;"
    "CREATE UNIQUE INDEX media_pool_one_root ON media_pool(is_root) WHERE is_root;"

    "CREATE TABLE physical_media (" DETAIL_KEY
    "  current_library BLOB REFERENCES library(guid),"
    "  media_pool BLOB NOT NULL REFERENCES media_pool(guid),"
    "  location BLOB REFERENCES object(guid),"
    "  location_type INTEGER NOT NULL,"
    "  media_type BLOB NOT NULL REFERENCES media_type(guid),"
    "  home_slot BLOB REFERENCES storage_slot(guid) ON DELETE SET NULL,"
    "  bar_code TEXT NOT NULL,"
    "  bar_code_state INTEGER NOT NULL,"
    "  sequence_number TEXT NOT NULL,"
    "  media_state INTEGER NOT NULL,"
    "  media_type_code INTEGER NOT NULL,"
    "  density_code INTEGER NOT NULL,"
    "  mounted_partition BLOB REFERENCES side(guid) ON DELETE SET NULL"
    ") STRICT;"
    "CREATE INDEX physical_media_library ON physical_media(current_library);"
    "CREATE INDEX physical_media_pool ON physical_media(media_pool);"
    "CREATE INDEX physical_media_location ON physical_media(location) WHERE location IS NOT NULL;"
    "CREATE INDEX physical_media_media_type ON physical_media(media_type);"
    "CREATE INDEX physical_media_home_slot ON physical_media(home_slot) WHERE home_slot IS NOT NULL;"
    "CREATE INDEX physical_media_mounted ON physical_media(mounted_partition)"
    "  WHERE mounted_partition IS NOT NULL;"

    "CREATE TABLE logical_media (" DETAIL_KEY
    "  media_pool BLOB NOT NULL REFERENCES media_pool(guid)"
    ") STRICT;"
    "CREATE INDEX logical_media_pool ON logical_media(media_pool);"

    /* A side (NTMS_PARTITION). One logical_media column per side is what
     * makes "no side belongs to two logical media" hold by construction. */
    "CREATE TABLE side (" DETAIL_KEY
    "  physical_media BLOB NOT NULL REFERENCES physical_media(guid),"
    "  logical_media BLOB REFERENCES logical_media(guid),"
    "  state INTEGER NOT NULL,"
    "  side INTEGER NOT NULL,"
    "  omid_label_id BLOB NOT NULL,"
    "  omid_label_type TEXT NOT NULL,"
    "  omid_label_info TEXT NOT NULL,"
    "  mount_count INTEGER NOT NULL,"
    "  allocate_count INTEGER NOT NULL,"
    "  capacity INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX side_physical_media ON side(physical_media);"
    "CREATE INDEX side_logical_media ON side(logical_media) WHERE logical_media IS NOT NULL;"

    /* Requests are history: their references do not keep the objects
     * alive, and become NULL when the object goes. */
    "CREATE TABLE lib_request (" DETAIL_KEY
    "  operation_code INTEGER NOT NULL,"
    "  operation_option INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  partition_id BLOB REFERENCES side(guid) ON DELETE SET NULL,"
    "  drive_id BLOB REFERENCES drive(guid) ON DELETE SET NULL,"
    "  phys_media_id BLOB REFERENCES physical_media(guid) ON DELETE SET NULL,"
    "  library BLOB REFERENCES library(guid) ON DELETE SET NULL,"
    "  slot_id BLOB REFERENCES storage_slot(guid) ON DELETE SET NULL,"
    "  time_queued_ms INTEGER NOT NULL,"
    "  time_completed_ms INTEGER NOT NULL,"
    "  application TEXT NOT NULL,"
    "  user TEXT NOT NULL,"
    "  computer TEXT NOT NULL,"
    "  error_code INTEGER NOT NULL,"
    "  work_item_id BLOB,"
    "  priority INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX lib_request_library ON lib_request(library);"
    "CREATE INDEX lib_request_partition ON lib_request(partition_id) WHERE partition_id IS NOT NULL;"
    "CREATE INDEX lib_request_drive ON lib_request(drive_id) WHERE drive_id IS NOT NULL;"
    "CREATE INDEX lib_request_media ON lib_request(phys_media_id) WHERE phys_media_id IS NOT NULL;"
    "CREATE INDEX lib_request_slot ON lib_request(slot_id) WHERE slot_id IS NOT NULL;"

    "CREATE TABLE op_request (" DETAIL_KEY
    "  request INTEGER NOT NULL,"
    "  submitted_ms INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  message TEXT NOT NULL,"
    "  arg1_type INTEGER NOT NULL,"
    "  arg1 BLOB REFERENCES object(guid) ON DELETE SET NULL,"
    "  arg2_type INTEGER NOT NULL,"
    "  arg2 BLOB REFERENCES object(guid) ON DELETE SET NULL,"
    "  application TEXT NOT NULL,"
    "  user TEXT NOT NULL,"
    "  computer TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX op_request_arg1 ON op_request(arg1) WHERE arg1 IS NOT NULL;"
    "CREATE INDEX op_request_arg2 ON op_request(arg2) WHERE arg2 IS NOT NULL;"

    /* Get/SetNtmsObjectAttribute: named values, gone with their object. */
    "CREATE TABLE attribute ("
    "  guid BLOB NOT NULL REFERENCES object(guid) ON DELETE CASCADE,"
    "  name TEXT NOT NULL COLLATE NOCASE,"
    "  value BLOB NOT NULL,"
    "  PRIMARY KEY (guid, name)"
    ") STRICT, WITHOUT ROWID;";

/* Libraries (issue 3). A configured library is found again by its
 * configuration name and the serial number of its hardware, which the
 * NTMS structures do not carry; slots, ports and drives by (library,
 * Number), their element address; media by bar code. Not unique indexes:
 * the rules of which object is which element live in daemon/model/, and a
 * database may hold hand-made objects that share a Number. move_intent
 * holds the robot moves in flight (store_library.h). */
static const char migration_2[] =
    "ALTER TABLE library ADD COLUMN config_name TEXT;"
    "ALTER TABLE library ADD COLUMN hw_serial TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX library_config_name ON library(config_name) WHERE config_name IS NOT NULL;"
    "CREATE INDEX storage_slot_address ON storage_slot(library, number);"
    "CREATE INDEX ie_port_address ON ie_port(library, number);"
    "CREATE INDEX drive_address ON drive(library, number);"
    "CREATE INDEX physical_media_bar_code ON physical_media(bar_code) WHERE bar_code <> '';"
    "CREATE TABLE move_intent ("
    "  id INTEGER PRIMARY KEY,"
    "  library BLOB NOT NULL REFERENCES library(guid) ON DELETE CASCADE,"
    "  medium BLOB REFERENCES physical_media(guid) ON DELETE SET NULL,"
    "  from_address INTEGER NOT NULL,"
    "  to_address INTEGER NOT NULL,"
    "  state INTEGER NOT NULL,"
    "  created_ms INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX move_intent_library ON move_intent(library);"
    "CREATE INDEX move_intent_medium ON move_intent(medium) WHERE medium IS NOT NULL;";

/* Operator requests and UI destinations (issue 6). `by_service` marks the
 * requests rsmd raised itself, which nothing can answer after a restart
 * (opreq_recover ends them). ui_destination holds the lists of
 * Get/SetNtmsUIOptions: per computer or library object (gone with it), or
 * per session (`object` NULL), whose rows go when the session ends or the
 * service starts. The unique index spells NULLs out because SQLite
 * treats NULLs in a unique index as all different. */
static const char migration_3[] =
    "ALTER TABLE op_request ADD COLUMN by_service INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX op_request_state ON op_request(state, request);"
    "CREATE TABLE ui_destination ("
    "  id INTEGER PRIMARY KEY,"
    "  object BLOB REFERENCES object(guid) ON DELETE CASCADE,"
    "  session INTEGER,"
    "  ui_type INTEGER NOT NULL CHECK (ui_type BETWEEN 1 AND 3),"
    "  destination TEXT NOT NULL,"
    "  CHECK ((object IS NULL) <> (session IS NULL))"
    ") STRICT;"
    "CREATE UNIQUE INDEX ui_destination_key ON ui_destination"
    "  (coalesce(object, x''), coalesce(session, 0), ui_type, destination);"
    "CREATE INDEX ui_destination_session ON ui_destination(session) WHERE session IS NOT NULL;";

/* migrations[i] takes a database from version i to version i + 1. */
static const char *const migrations[] = {migration_1, migration_2, migration_3};
#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

_Static_assert(NMIGRATIONS == STORE_SCHEMA_VERSION, "one migration per schema version");

static DWORD read_version(store_t *st, int *version)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "reading the schema version");
    rc = sqlite3_step(s);
    DWORD err = 0;
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(s, 0);
    else
        err = store_fail(st, rc, "reading the schema version");
    sqlite3_finalize(s);
    return err;
}

/* One migration and its version bump in one transaction. */
static DWORD apply_migration(store_t *st, int to)
{
    char bump[64];
    snprintf(bump, sizeof bump, "PRAGMA user_version = %d", to);

    DWORD err = store_begin(st);
    if (err)
        return err;
    err = store_exec(st, migrations[to - 1], "creating the schema");
    if (!err)
        err = store_exec(st, bump, "setting the schema version");
    if (err) {
        store_rollback(st);
        log_error("database %s: migration to schema %d failed; the database is unchanged", st->path, to);
        return err;
    }
    err = store_commit(st);
    if (!err)
        log_info("database %s: schema now at version %d", st->path, to);
    return err;
}

DWORD store_migrate(store_t *st)
{
    int version = 0;
    DWORD err = read_version(st, &version);
    if (err)
        return err;
    if (version > STORE_SCHEMA_VERSION) {
        log_error("database %s was written by a newer rsmd (schema %d, this build knows %d); "
                  "refusing to open it",
                  st->path, version, STORE_SCHEMA_VERSION);
        return ERROR_DATABASE_FAILURE;
    }
    if (version < 0) {
        log_error("database %s has a negative schema version (%d); refusing to open it", st->path, version);
        return ERROR_DATABASE_FAILURE;
    }
    for (int v = version + 1; v <= STORE_SCHEMA_VERSION && !err; v++)
        err = apply_migration(st, v);
    return err;
}
