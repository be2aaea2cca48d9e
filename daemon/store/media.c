/*
 * media.c - the SQL behind store_media.h: which side an allocation takes,
 * sides by on-media identifier, counts of media by type, media by where
 * they are (or have their home), and what mounts need.
 *
 * Everything else the media rules do goes through store_get/store_update
 * like any other object; these are the questions that would otherwise mean
 * reading every side of a pool one object at a time.
 */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "store/store_media.h"
#include "util/log.h"

/* Statement keys inside the K_MEDIA block. */
enum {
    M_PICK,
    M_FIND_OMID,
    M_TO_IDENTIFY,
    M_FREE_UNLABELLED,
    M_COUNT_ANYWHERE,
    M_COUNT_IN_LIBRARY,
    M_TYPE_LIBRARIES,
    M_AT,
    M_SIDE_OF_LOGICAL,
    M_FIRST_SIDE,
    M_RECOVER_MEDIA,
    M_RECOVER_DRIVES,
    M_DELETE_LIBREQ,
    M_DELETE_OPREQ,
    M_HOMED_AT,
    M_END
};
_Static_assert(M_END <= STORE_TYPE_SLOTS, "the media statements fit their cache block");

static DWORD prepare(store_t *st, unsigned k, const char *sql, sqlite3_stmt **s)
{
    return store_prepare(st, K_MEDIA + k, sql, s);
}

/* Step a statement that yields one count in column 0. */
static DWORD one_count(store_t *st, sqlite3_stmt *s, const char *what, size_t *n)
{
    int rc = sqlite3_step(s);
    DWORD err = 0;

    if (rc == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(s, 0);
    else
        err = store_fail(st, rc, what);
    store_release(s);
    return err;
}

DWORD store_media_pick_side(store_t *st, const NTMS_GUID *pool, int whole, NTMS_GUID *side)
{
    char sql[1024];
    sqlite3_stmt *s;

    /* A medium is offline when it has no library or sits in the offline
     * library; such media sort last, so a cartridge in a robot is handed
     * out before one that must first be fetched from a shelf. */
    snprintf(sql, sizeof sql,
             "SELECT s.guid FROM physical_media p "
             "JOIN object po ON po.guid = p.guid "
             "JOIN side s ON s.physical_media = p.guid "
             "JOIN object so ON so.guid = s.guid "
             "WHERE p.media_pool = ?1 AND s.state = %d AND s.logical_media IS NULL "
             "AND po.enabled AND so.enabled "
             "AND (?2 = 0 OR NOT EXISTS (SELECT 1 FROM side o WHERE o.physical_media = p.guid "
             "                           AND (o.state <> %d OR o.logical_media IS NOT NULL))) "
             "ORDER BY (p.current_library IS NULL OR p.current_library IN "
             "          (SELECT guid FROM library WHERE library_type = %d)), p.seq, s.side "
             "LIMIT 1",
             (int)NTMS_PARTSTATE_AVAILABLE, (int)NTMS_PARTSTATE_AVAILABLE, (int)NTMS_LIBRARYTYPE_OFFLINE);
    DWORD err = prepare(st, M_PICK, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, pool);
    sqlite3_bind_int(s, 2, whole ? 1 : 0);
    return store_step_guid(st, s, side, "choosing a side to allocate");
}

/* The first side with on-media identifier (type, id), on a medium other
 * than `medium` when it is not NULL. */
static DWORD find_omid(store_t *st, const char *type, const uint8_t *id, size_t len, const NTMS_GUID *medium,
                       NTMS_GUID *side)
{
    static const char sql[] = "SELECT guid FROM side WHERE omid_label_type = ?1 AND omid_label_id = ?2 "
                              "AND (?3 IS NULL OR physical_media <> ?3) ORDER BY seq LIMIT 1";
    sqlite3_stmt *s;

    if (type == NULL || id == NULL || len == 0)
        return ERROR_OBJECT_NOT_FOUND;
    DWORD err = prepare(st, M_FIND_OMID, sql, &s);
    if (err)
        return err;
    sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 2, id, (int)len, SQLITE_STATIC);
    if (medium != NULL)
        store_bind_guid(s, 3, medium);
    return store_step_guid(st, s, side, "looking up an on-media identifier");
}

DWORD store_media_find_omid(store_t *st, const char *type, const uint8_t *id, size_t len, NTMS_GUID *side)
{
    return find_omid(st, type, id, len, NULL, side);
}

DWORD store_media_find_omid_other(store_t *st, const char *type, const uint8_t *id, size_t len,
                                  const NTMS_GUID *medium, NTMS_GUID *side)
{
    return find_omid(st, type, id, len, medium, side);
}

DWORD store_media_free_unlabelled(store_t *st, const NTMS_GUID *library, const char *type, guid_list_t *out)
{
    static const char sql[] = "SELECT p.guid FROM physical_media p "
                              "JOIN media_pool mp ON mp.guid = p.media_pool "
                              "JOIN side s ON s.physical_media = p.guid AND s.side = 0 "
                              "JOIN object o ON o.guid = p.guid "
                              "LEFT JOIN storage_slot e ON e.guid = p.location "
                              "WHERE p.current_library = ?1 AND mp.pool_type = ?2 AND s.state = ?3 AND o.enabled "
                              "AND NOT (s.omid_label_type = ?4 AND s.omid_label_id = s.guid) "
                              "ORDER BY e.number IS NULL, e.number, p.seq";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_FREE_UNLABELLED, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    sqlite3_bind_int(s, 2, NTMS_POOLTYPE_SCRATCH);
    sqlite3_bind_int(s, 3, NTMS_PARTSTATE_AVAILABLE);
    sqlite3_bind_text(s, 4, type, -1, SQLITE_STATIC);
    err = store_collect_guids(st, s, out, "free media to label");
    store_release(s);
    return err;
}

DWORD store_media_count_of_type(store_t *st, const NTMS_GUID *media_type, const NTMS_GUID *library, size_t *n)
{
    static const char anywhere[] = "SELECT count(*) FROM physical_media WHERE media_type = ?1";
    static const char in_library[] = "SELECT count(*) FROM physical_media WHERE media_type = ?1 "
                                     "AND current_library = ?2";
    sqlite3_stmt *s;
    DWORD err = library ? prepare(st, M_COUNT_IN_LIBRARY, in_library, &s)
                        : prepare(st, M_COUNT_ANYWHERE, anywhere, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, media_type);
    if (library)
        store_bind_guid(s, 2, library);
    return one_count(st, s, "counting media of a type", n);
}

DWORD store_media_type_libraries(store_t *st, const NTMS_GUID *media_type, size_t *n)
{
    static const char sql[] = "SELECT count(*) FROM library_media_type WHERE media_type = ?1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_TYPE_LIBRARIES, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, media_type);
    return one_count(st, s, "counting the libraries of a media type", n);
}

/* --- mounts (store_media.h) ----------------------------------------------- */

DWORD store_media_at(store_t *st, const NTMS_GUID *location, NTMS_GUID *medium)
{
    static const char sql[] = "SELECT guid FROM physical_media WHERE location = ?1 ORDER BY seq LIMIT 1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_AT, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, location);
    return store_step_guid(st, s, medium, "looking up the medium at an element");
}

DWORD store_media_side_of_logical(store_t *st, const NTMS_GUID *lmid, NTMS_GUID *side)
{
    static const char sql[] = "SELECT guid FROM side WHERE logical_media = ?1 ORDER BY side LIMIT 1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_SIDE_OF_LOGICAL, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, lmid);
    return store_step_guid(st, s, side, "looking up the side of a logical medium");
}

DWORD store_media_first_side(store_t *st, const NTMS_GUID *medium, NTMS_GUID *side)
{
    static const char sql[] = "SELECT guid FROM side WHERE physical_media = ?1 ORDER BY side LIMIT 1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_FIRST_SIDE, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, medium);
    return store_step_guid(st, s, side, "looking up the first side of a medium");
}

/* One UPDATE or DELETE that returns no rows; *n (may be NULL) is how many
 * rows it changed. */
static DWORD run_change(store_t *st, sqlite3_stmt *s, const char *what, size_t *n)
{
    int rc = sqlite3_step(s);
    DWORD err = rc == SQLITE_DONE ? 0 : store_fail(st, rc, what);

    if (err == 0 && n != NULL)
        *n = (size_t)sqlite3_changes(sqlite3_db_handle(s));
    store_release(s);
    return err;
}

/* NTMS_MEDIASTATE_MOUNTED = 2 -> LOADED = 3; NTMS_DRIVESTATE_MOUNTED = 1
 * -> DISMOUNTABLE = 7. */
_Static_assert(NTMS_MEDIASTATE_MOUNTED == 2 && NTMS_MEDIASTATE_LOADED == 3, "media states in SQL");
_Static_assert(NTMS_DRIVESTATE_MOUNTED == 1 && NTMS_DRIVESTATE_DISMOUNTABLE == 7, "drive states in SQL");

DWORD store_mounts_recover(store_t *st, size_t *n)
{
    static const char media[] = "UPDATE physical_media SET media_state = 3 WHERE media_state = 2";
    static const char drives[] = "UPDATE drive SET state = 7 WHERE state = 1";
    sqlite3_stmt *s;
    size_t nm = 0;
    DWORD err = prepare(st, M_RECOVER_MEDIA, media, &s);
    if (!err)
        err = run_change(st, s, "ending the mounts of a previous run", &nm);
    if (!err)
        err = prepare(st, M_RECOVER_DRIVES, drives, &s);
    if (!err)
        err = run_change(st, s, "ending the mounts of a previous run", NULL);
    if (!err && n != NULL)
        *n = nm;
    return err;
}

/* Library request states 2 passed, 3 failed, 4 invalid, 7 cancelled and 8
 * stopped are finished; operator request states 4 refused and 5 completed
 * are (NTMS_OPSTATE_*). */
_Static_assert(NTMS_LM_PASSED == 2 && NTMS_LM_FAILED == 3 && NTMS_LM_INVALID == 4 &&
               NTMS_LM_CANCELLED == 7 && NTMS_LM_STOPPED == 8, "library request states in SQL");
_Static_assert(NTMS_OPSTATE_REFUSED == 4 && NTMS_OPSTATE_COMPLETE == 5, "operator request states in SQL");

DWORD store_request_delete_finished(store_t *st, const NTMS_GUID *id, DWORD type, size_t *n)
{
    static const char lib[] = "DELETE FROM object WHERE guid = ?1 AND guid IN "
                              "(SELECT guid FROM lib_request WHERE guid = ?1 AND state IN (2, 3, 4, 7, 8))";
    static const char op[] = "DELETE FROM object WHERE guid = ?1 AND guid IN "
                             "(SELECT guid FROM op_request WHERE guid = ?1 AND state IN (4, 5))";
    sqlite3_stmt *s;
    DWORD err = type == NTMS_LIBREQUEST ? prepare(st, M_DELETE_LIBREQ, lib, &s)
              : type == NTMS_OPREQUEST  ? prepare(st, M_DELETE_OPREQ, op, &s)
                                        : ERROR_INVALID_PARAMETER;
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    return run_change(st, s, "deleting a finished request", n);
}

DWORD store_media_to_identify(store_t *st, const NTMS_GUID *library, const NTMS_GUID *slot, int all,
                              guid_list_t *out)
{
    static const char sql[] = "SELECT p.guid FROM physical_media p "
                              "JOIN storage_slot e ON e.guid = p.location "
                              "JOIN side s ON s.physical_media = p.guid AND s.side = 0 "
                              "JOIN object o ON o.guid = p.guid "
                              "WHERE p.current_library = ?1 AND (?2 IS NULL OR p.location = ?2) "
                              "AND (?3 OR length(s.omid_label_id) = 0) AND o.enabled "
                              "ORDER BY e.number";
    sqlite3_stmt *s;
    DWORD err = prepare(st, M_TO_IDENTIFY, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    if (slot != NULL)
        store_bind_guid(s, 2, slot);
    sqlite3_bind_int(s, 3, all ? 1 : 0);
    err = store_collect_guids(st, s, out, "media whose labels to read");
    store_release(s);
    return err;
}

DWORD store_media_homed_at(store_t *st, const NTMS_GUID *slot, guid_list_t *out)
{
    static const char sql[] = "SELECT guid FROM physical_media WHERE home_slot = ?1 ORDER BY seq";
    sqlite3_stmt *s;
    DWORD err;

    memset(out, 0, sizeof *out);
    err = prepare(st, M_HOMED_AT, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, slot);
    err = store_collect_guids(st, s, out, "media homed at a slot");
    store_release(s);
    if (err)
        guid_list_free(out);
    return err;
}
