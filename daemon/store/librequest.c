/*
 * librequest.c - selecting library requests by state (store_librequest.h).
 *
 * The states are NtmsLmState values: 0 queued, 1 in process, 5 waiting are
 * "open"; 2 passed, 3 failed, 4 invalid, 7 cancelled, 8 stopped are
 * finished. The numbers are written out in the SQL so that the statements
 * can be cached; the static asserts keep them equal to the header's.
 */
#include "store_int.h"
#include "store/store_librequest.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"

_Static_assert(NTMS_LM_QUEUED == 0 && NTMS_LM_INPROCESS == 1 && NTMS_LM_WAITING == 5 &&
                   NTMS_LM_FAILED == 3,
               "the SQL below spells these states as numbers");

DWORD store_librequests_open(store_t *st, const NTMS_GUID *library, DWORD op, int any_op,
                             guid_list_t *out)
{
    static const char sql[] =
        "SELECT guid FROM lib_request WHERE state IN (0, 1, 5)"
        " AND (?1 IS NULL OR library = ?1) AND (?2 OR operation_code = ?3) ORDER BY seq";
    sqlite3_stmt *s;
    DWORD err;

    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    err = store_prepare(st, K_LIBREQ_OPEN, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    sqlite3_bind_int(s, 2, any_op ? 1 : 0);
    sqlite3_bind_int64(s, 3, op);
    err = store_collect_guids(st, s, out, "open library requests");
    store_release(s);
    if (err)
        guid_list_free(out);
    return err;
}

DWORD store_librequests_purge(store_t *st, int64_t before_ms, int failed_too, size_t *purged)
{
    /* Deleting the object row deletes the detail row (ON DELETE CASCADE). */
    static const char sql[] =
        "DELETE FROM object WHERE guid IN (SELECT guid FROM lib_request"
        " WHERE state NOT IN (0, 1, 5) AND (?2 OR state <> 3) AND time_completed_ms <= ?1)";
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_LIBREQ_PURGE, sql, &s);
    int rc;

    if (err)
        return err;
    sqlite3_bind_int64(s, 1, before_ms);
    sqlite3_bind_int(s, 2, failed_too ? 1 : 0);
    rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        if (purged != NULL)
            *purged = (size_t)sqlite3_changes(st->db);
    } else {
        err = store_write_fail(st, rc, "purging finished library requests", ERROR_NOT_EMPTY);
    }
    store_release(s);
    return err;
}
