/*
 * libraries.c - the SQL behind store_library.h: library identity, element
 * objects by address, media of a library in bulk, bar-code lookups and move
 * intents.
 *
 * The bulk reads exist for the inventory: it compares a library's whole
 * element status with the database, and reading every slot and medium of a
 * 10,000-slot library through store_get one at a time would cost far more
 * than the robot's own answer. Writes go through store_update as for any
 * other object, except the columns the NTMS structures do not carry.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_library.h"
#include "util/log.h"
#include "wire.h"

/* Statement keys inside the K_LIBRARY block. The element statements take one
 * key per element type. */
enum {
    L_BY_CONFIG,
    L_SET_IDENTITY,
    L_OFFLINE,
    L_MEDIA,
    L_BY_BARCODE,
    L_BY_BARCODES,
    L_NEXT_SEQ,
    L_INTENT_OPEN,
    L_INTENT_STATE,
    L_INTENT_CLOSE,
    L_INTENT_LIST,
    L_ELEMENTS,                  /* + element table index */
    L_ELEMENT = L_ELEMENTS + 4,  /* + element table index */
    L_END = L_ELEMENT + 4
};
_Static_assert(L_END <= STORE_TYPE_SLOTS, "the library statements fit their cache block");

static DWORD prepare(store_t *st, unsigned k, const char *sql, sqlite3_stmt **s)
{
    return store_prepare(st, K_LIBRARY + k, sql, s);
}

static void column_text(sqlite3_stmt *s, int col, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Grow a malloc'ed array of `size`-byte records to hold one more. */
static DWORD grow(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *nv = realloc(*v, ncap * size);
    if (nv == NULL) {
        log_error("store: out of memory reading %zu rows", n);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *v = nv;
    *cap = ncap;
    return 0;
}

/* Fills one record from the current row. */
typedef void row_reader_fn(sqlite3_stmt *s, void *rec);

/* Every row of `s`, its ?1 bound to `library`, into a malloc'ed array of
 * `size`-byte records filled by `read`. Releases `s`; on failure the array
 * is freed and *v, *n are empty. */
static DWORD read_library_rows(store_t *st, sqlite3_stmt *s, const NTMS_GUID *library, size_t size,
                               row_reader_fn *read, void **v, size_t *n, const char *what)
{
    store_bind_guid(s, 1, library);
    size_t cap = 0;
    DWORD err = 0;
    int rc = SQLITE_DONE;
    while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        err = grow(v, *n, &cap, size);
        if (!err)
            read(s, (char *)*v + (*n)++ * size);
    }
    if (!err && rc != SQLITE_DONE)
        err = store_fail(st, rc, what);
    store_release(s);
    if (err) {
        free(*v);
        *v = NULL;
        *n = 0;
    }
    return err;
}

/* --- library identity --------------------------------------------------- */

DWORD store_library_by_config(store_t *st, const char *config_name, NTMS_GUID *out, char *hw_serial,
                              size_t hw_serial_len)
{
    static const char sql[] = "SELECT guid, hw_serial FROM library WHERE config_name = ?1";
    sqlite3_stmt *s;
    if (config_name == NULL)
        return ERROR_INVALID_PARAMETER;
    DWORD err = prepare(st, L_BY_CONFIG, sql, &s);
    if (err)
        return err;
    sqlite3_bind_text(s, 1, config_name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_column_guid(s, 0, out);
        if (hw_serial != NULL && hw_serial_len > 0)
            column_text(s, 1, hw_serial, hw_serial_len);
    } else {
        err = rc == SQLITE_DONE ? ERROR_OBJECT_NOT_FOUND : store_fail(st, rc, "looking up a configured library");
    }
    store_release(s);
    return err;
}

DWORD store_library_set_identity(store_t *st, const NTMS_GUID *library, const char *config_name,
                                 const char *hw_serial)
{
    static const char sql[] = "UPDATE library SET config_name = ?2, hw_serial = ?3 WHERE guid = ?1";
    sqlite3_stmt *s;
    DWORD err = prepare(st, L_SET_IDENTITY, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    if (config_name != NULL)
        sqlite3_bind_text(s, 2, config_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, hw_serial ? hw_serial : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_write_fail(st, rc, "setting a library's identity", ERROR_OBJECT_NOT_FOUND);
    else if (sqlite3_changes(st->db) == 0)
        err = ERROR_OBJECT_NOT_FOUND;
    store_release(s);
    return err;
}

DWORD store_offline_library(store_t *st, NTMS_GUID *out)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT guid FROM library WHERE library_type = %d AND (flags & %d) <> 0 "
             "ORDER BY seq LIMIT 1", (int)NTMS_LIBRARYTYPE_OFFLINE, (int)NTMS_LIBRARYFLAG_FIXEDOFFLINE);
    sqlite3_stmt *s;
    DWORD err = prepare(st, L_OFFLINE, sql, &s);
    return err ? err : store_step_guid(st, s, out, "looking up the offline library");
}

/* --- element objects ---------------------------------------------------- */

static const struct element_table {
    DWORD type;
    const char *table;
    const char *state; /* the column store_element_t.state reads */
} element_tables[] = {
    {NTMS_STORAGESLOT, "storage_slot", "state"},
    {NTMS_IEPORT, "ie_port", "content"},
    {NTMS_DRIVE, "drive", "state"},
    {NTMS_IEDOOR, "ie_door", "state"},
};

static const struct element_table *element_table(DWORD type, unsigned *index)
{
    for (unsigned i = 0; i < sizeof element_tables / sizeof element_tables[0]; i++) {
        if (element_tables[i].type == type) {
            *index = i;
            return &element_tables[i];
        }
    }
    log_info("store: objects of type %u are not library elements", (unsigned)type);
    return NULL;
}

static void read_element(sqlite3_stmt *s, void *rec)
{
    store_element_t *e = rec;
    store_column_guid(s, 0, &e->guid);
    e->number = (uint32_t)sqlite3_column_int64(s, 1);
    e->state = (uint32_t)sqlite3_column_int64(s, 2);
}

DWORD store_library_elements(store_t *st, const NTMS_GUID *library, DWORD type, store_element_t **v, size_t *n)
{
    unsigned k;
    const struct element_table *t = element_table(type, &k);
    *v = NULL;
    *n = 0;
    if (t == NULL)
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s = store_cached(st, K_LIBRARY + L_ELEMENTS + k);
    if (s == NULL) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT guid, number, %s FROM %s WHERE library = ?1 ORDER BY number, seq",
                 t->state, t->table);
        DWORD err = prepare(st, L_ELEMENTS + k, sql, &s);
        if (err)
            return err;
    }
    return read_library_rows(st, s, library, sizeof **v, read_element, (void **)v, n,
                             "listing a library's elements");
}

DWORD store_library_element(store_t *st, const NTMS_GUID *library, DWORD type, uint32_t number, NTMS_GUID *out)
{
    unsigned k;
    const struct element_table *t = element_table(type, &k);
    if (t == NULL)
        return ERROR_INVALID_PARAMETER;
    sqlite3_stmt *s = store_cached(st, K_LIBRARY + L_ELEMENT + k);
    if (s == NULL) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT guid FROM %s WHERE library = ?1 AND number = ?2 ORDER BY seq LIMIT 1",
                 t->table);
        DWORD err = prepare(st, L_ELEMENT + k, sql, &s);
        if (err)
            return err;
    }
    store_bind_guid(s, 1, library);
    sqlite3_bind_int64(s, 2, number);
    return store_step_guid(st, s, out, "looking up a library element");
}

/* --- media -------------------------------------------------------------- */

static void read_medium(sqlite3_stmt *s, void *rec)
{
    store_medium_t *m = rec;
    store_column_guid(s, 0, &m->guid);
    store_column_guid(s, 1, &m->location);
    store_column_guid(s, 2, &m->home_slot);
    m->location_type = (uint32_t)sqlite3_column_int64(s, 3);
    m->bar_code_state = (uint32_t)sqlite3_column_int64(s, 4);
    column_text(s, 5, m->bar_code, sizeof m->bar_code);
}

DWORD store_library_media(store_t *st, const NTMS_GUID *library, store_medium_t **v, size_t *n)
{
    static const char sql[] = "SELECT guid, location, home_slot, location_type, bar_code_state, bar_code "
                              "FROM physical_media WHERE current_library = ?1 ORDER BY seq";
    sqlite3_stmt *s;
    *v = NULL;
    *n = 0;
    DWORD err = prepare(st, L_MEDIA, sql, &s);
    if (err)
        return err;
    return read_library_rows(st, s, library, sizeof **v, read_medium, (void **)v, n, "listing a library's media");
}

/* Readable bar codes per query of store_media_by_barcodes. */
#define CODES_PER_QUERY 64

/* The media with readable bar codes among k parameters (?2 on), outside
 * library ?1, by code, then offline first, then oldest. The bar_code <> ''
 * term is what lets SQLite use the partial index on bar codes; without it
 * every lookup read the whole table. */
static DWORD barcode_stmt(store_t *st, unsigned key, int k, sqlite3_stmt **s)
{
    if ((*s = store_cached(st, K_LIBRARY + key)) != NULL)
        return 0;
    char sql[400 + 6 * CODES_PER_QUERY];
    size_t len = (size_t)snprintf(sql, sizeof sql,
                                  "SELECT p.bar_code, p.guid FROM physical_media p "
                                  "LEFT JOIN library l ON l.guid = p.current_library "
                                  "WHERE p.bar_code <> '' AND p.bar_code_state = %d "
                                  "AND p.current_library IS NOT ?1 AND p.bar_code IN (?2",
                                  (int)NTMS_BARCODESTATE_OK);
    for (int i = 1; i < k; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, ", ?%d", i + 2);
    snprintf(sql + len, sizeof sql - len, ") ORDER BY p.bar_code, (l.library_type = %d) DESC, p.seq",
             (int)NTMS_LIBRARYTYPE_OFFLINE);
    return prepare(st, key, sql, s);
}

/* One query for codes[0..k) (k <= the statement's parameters; the rest are
 * NULL, which matches nothing): the first row of each code is its answer,
 * out[] being all GUID_NULL to begin with. */
static DWORD barcode_query(store_t *st, sqlite3_stmt *s, const char *const *codes, size_t k,
                           const NTMS_GUID *except, NTMS_GUID *out)
{
    store_bind_guid(s, 1, except);
    for (size_t i = 0; i < k; i++)
        if (codes[i][0] != '\0')
            sqlite3_bind_text(s, (int)i + 2, codes[i], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        for (size_t i = 0; code != NULL && i < k; i++)
            if (store_guid_is_null(&out[i]) && strcmp(codes[i], code) == 0)
                store_column_guid(s, 1, &out[i]);
    }
    DWORD err = rc == SQLITE_DONE ? 0 : store_fail(st, rc, "looking up bar codes");
    store_release(s);
    return err;
}

DWORD store_media_by_barcodes(store_t *st, const char *const *codes, size_t n, const NTMS_GUID *except,
                              NTMS_GUID *out)
{
    if (n == 0)
        return 0;
    memset(out, 0, n * sizeof *out);
    size_t per = n > 1 ? CODES_PER_QUERY : 1;
    sqlite3_stmt *s;
    DWORD err = barcode_stmt(st, per > 1 ? L_BY_BARCODES : L_BY_BARCODE, (int)per, &s);
    for (size_t i = 0; !err && i < n; i += per)
        err = barcode_query(st, s, codes + i, n - i < per ? n - i : per, except, out + i);
    return err;
}

DWORD store_media_by_barcode(store_t *st, const char *bar_code, const NTMS_GUID *except, NTMS_GUID *out)
{
    if (bar_code == NULL || bar_code[0] == '\0')
        return ERROR_INVALID_PARAMETER;
    DWORD err = store_media_by_barcodes(st, &bar_code, 1, except, out);
    return err ? err : store_guid_is_null(out) ? ERROR_OBJECT_NOT_FOUND : 0;
}

/* Sequence numbers are decimal text; anything else in the column (set by
 * hand) is ignored. */
DWORD store_next_media_sequence(store_t *st, uint32_t *out)
{
    static const char sql[] = "SELECT ifnull(max(CAST(sequence_number AS INTEGER)), 0) FROM physical_media "
                              "WHERE sequence_number <> '' AND sequence_number NOT GLOB '*[^0-9]*'";
    sqlite3_stmt *s;
    DWORD err = prepare(st, L_NEXT_SEQ, sql, &s);
    if (err)
        return err;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = (uint32_t)sqlite3_column_int64(s, 0) + 1;
    else
        err = store_fail(st, rc, "reading the media sequence numbers");
    store_release(s);
    return err;
}

/* --- move intents ------------------------------------------------------- */

DWORD store_intent_open(store_t *st, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t from,
                        uint16_t to, int64_t *id)
{
    static const char sql[] = "INSERT INTO move_intent(library, medium, from_address, to_address, state, "
                              "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    sqlite3_stmt *s;
    DWORD err = prepare(st, L_INTENT_OPEN, sql, &s);
    if (err)
        return err;
    store_bind_guid(s, 1, library);
    store_bind_guid(s, 2, medium);
    sqlite3_bind_int(s, 3, from);
    sqlite3_bind_int(s, 4, to);
    sqlite3_bind_int(s, 5, STORE_INTENT_RECORDED);
    sqlite3_bind_int64(s, 6, wire_time_now_ms());
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        *id = sqlite3_last_insert_rowid(st->db);
    else
        err = store_write_fail(st, rc, "recording a move", ERROR_OBJECT_NOT_FOUND);
    store_release(s);
    return err;
}

/* Run a one-row write on intent `id`. */
static DWORD intent_write(store_t *st, unsigned key, const char *sql, int64_t id, int bind_state,
                          uint32_t state, const char *what)
{
    sqlite3_stmt *s;
    DWORD err = prepare(st, key, sql, &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, id);
    if (bind_state)
        sqlite3_bind_int64(s, 2, state);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = store_fail(st, rc, what);
    store_release(s);
    return err;
}

DWORD store_intent_set_state(store_t *st, int64_t id, uint32_t state)
{
    return intent_write(st, L_INTENT_STATE, "UPDATE move_intent SET state = ?2 WHERE id = ?1", id, 1, state,
                        "updating a move");
}

DWORD store_intent_close(store_t *st, int64_t id)
{
    return intent_write(st, L_INTENT_CLOSE, "DELETE FROM move_intent WHERE id = ?1", id, 0, 0,
                        "closing a move");
}

static void read_intent(sqlite3_stmt *s, void *rec)
{
    store_intent_t *it = rec;
    it->id = sqlite3_column_int64(s, 0);
    store_column_guid(s, 1, &it->library);
    store_column_guid(s, 2, &it->medium);
    it->from = (uint16_t)sqlite3_column_int(s, 3);
    it->to = (uint16_t)sqlite3_column_int(s, 4);
    it->state = (uint32_t)sqlite3_column_int64(s, 5);
}

DWORD store_intent_list(store_t *st, const NTMS_GUID *library, store_intent_t **v, size_t *n)
{
    static const char sql[] = "SELECT id, library, medium, from_address, to_address, state FROM move_intent "
                              "WHERE library = ?1 ORDER BY id";
    sqlite3_stmt *s;
    *v = NULL;
    *n = 0;
    DWORD err = prepare(st, L_INTENT_LIST, sql, &s);
    if (err)
        return err;
    return read_library_rows(st, s, library, sizeof **v, read_intent, (void **)v, n, "listing open moves");
}
