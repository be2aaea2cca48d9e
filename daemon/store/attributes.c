/*
 * attributes.c - named attributes of objects (Get/SetNtmsObjectAttribute).
 *
 * Names compare case-insensitively (COLLATE NOCASE on the column); setting
 * an existing name replaces its value and keeps the name's first spelling.
 * The model enforces the name and value length limits of the API.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"

DWORD store_get_attribute(store_t *st, const NTMS_GUID *id, const char *name, uint8_t **data, size_t *len)
{
    if (id == NULL || name == NULL || data == NULL || len == NULL)
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s;
    static const char sql[] = "SELECT value FROM attribute WHERE guid = ?1 AND name = ?2";
    DWORD err = store_prepare(st, K_ATTR_GET, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);

    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(s, 0);
        /* at least one byte, so an empty value is still a valid pointer */
        uint8_t *copy = malloc(n ? n : 1);
        if (copy == NULL) {
            log_error("store: out of memory reading attribute %s (%zu bytes)", name, n);
            err = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            if (n > 0)
                memcpy(copy, sqlite3_column_blob(s, 0), n);
            *data = copy;
            *len = n;
        }
    } else {
        err = rc == SQLITE_DONE ? ERROR_OBJECT_NOT_FOUND : store_fail(st, rc, "reading an attribute");
    }
    store_release(s);
    return err;
}

/* The API deletes an attribute by setting it with a length of zero. Deleting
 * one that is not there succeeds; an unknown object does not. */
static DWORD delete_attribute(store_t *st, const NTMS_GUID *id, const char *name)
{
    DWORD type;
    DWORD err = store_type_of(st, id, &type);
    if (err)
        return err;
    sqlite3_stmt *s;
    static const char sql[] = "DELETE FROM attribute WHERE guid = ?1 AND name = ?2";
    err = store_prepare(st, K_ATTR_DEL, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_fail(st, rc, "deleting an attribute");
    store_release(s);
    return err;
}

DWORD store_set_attribute(store_t *st, const NTMS_GUID *id, const char *name, const uint8_t *data, size_t len)
{
    static const char sql[] = "INSERT INTO attribute(guid, name, value) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (guid, name) DO UPDATE SET value = excluded.value";
    if (store_guid_is_null(id) || name == NULL || (data == NULL && len > 0) || len > INT32_MAX)
        return ERROR_INVALID_PARAMETER;
    if (len == 0)
        return delete_attribute(st, id, name);
    sqlite3_stmt *s;
    DWORD err = store_prepare(st, K_ATTR_SET, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, id);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, data, (int)len, SQLITE_STATIC);

    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_write_fail(st, rc, "setting an attribute", ERROR_OBJECT_NOT_FOUND);
    store_release(s);
    return err;
}
