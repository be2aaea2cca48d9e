/*
 * store_int.h - what the files of daemon/store/ share and nobody else sees:
 * the connection structure, the prepared-statement cache, error mapping,
 * GUID/time binding helpers and the per-type table descriptions.
 */
#ifndef RSM_STORE_INT_H
#define RSM_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_backup.h"

/*
 * Keys of the prepared-statement cache. Fixed statements have one key each;
 * statements generated per object type or per enumeration relation take a
 * block of STORE_TYPE_SLOTS keys (indexed by dwType or by relation number).
 */
#define STORE_TYPE_SLOTS 32
enum store_stmt_key {
    K_BEGIN,
    K_COMMIT,
    K_ROLLBACK,
    K_TYPE_OF,
    K_OBJ_INSERT,
    K_OBJ_UNINSERT,
    K_OBJ_UPDATE,
    K_OBJ_DELETE,
    K_OBJ_GET,
    K_ATTR_GET,
    K_ATTR_SET,
    K_ATTR_DEL,
    K_FIND_POOL,
    K_FIND_SYSTEM_POOL,
    K_FIND_MEDIA_TYPE,
    K_ROOT_POOL,
    K_COMPUTER,
    K_LINK_MEDIA_TYPE,
    K_UNLINK_MEDIA_TYPE,
    K_SAVEPOINT,
    K_RELEASE,
    K_ROLLBACK_TO,
    K_LIBREQ_OPEN,  /* librequest.c (store_librequest.h) */
    K_LIBREQ_PURGE,
    K_LIBREQ_PURGE_DUE,
    K_FIXED_END,    /* the fixed keys end here, before the blocks */
    K_DETAIL_INSERT = 32,
    K_DETAIL_GET = K_DETAIL_INSERT + STORE_TYPE_SLOTS,
    K_DETAIL_BRIEF = K_DETAIL_GET + STORE_TYPE_SLOTS,
    K_DETAIL_SAME = K_DETAIL_BRIEF + STORE_TYPE_SLOTS, /* update.c: which columns keep their value */
    K_ENUM = K_DETAIL_SAME + STORE_TYPE_SLOTS,
    K_COUNT = K_ENUM + STORE_TYPE_SLOTS,
    K_LIBRARY = K_COUNT + STORE_TYPE_SLOTS, /* block of libraries.c (store_library.h) */
    K_MEDIA = K_LIBRARY + STORE_TYPE_SLOTS,   /* block of media.c (store_media.h) */
    K_OPREQ = K_MEDIA + STORE_TYPE_SLOTS,     /* block of opreq.c (store_opreq.h) */
    K_MAX = K_OPREQ + STORE_TYPE_SLOTS
};

_Static_assert(K_FIXED_END <= K_DETAIL_INSERT, "the fixed statement keys fit below the blocks");

struct store {
    sqlite3 *db;
    char *path;
    int depth;    /* store_begin nesting; 0 = no explicit transaction */
    int doomed;   /* an inner store_rollback: roll back at the outermost end */
    sqlite3_stmt *stmts[K_MAX];
    struct store_ckpt *ckpt; /* checkpoint.c; NULL: SQLite checkpoints on commit */
    struct store_changes *changes; /* changes.c; NULL until store_changes_watch */
    struct store_upd *upd;   /* update.c; NULL until the first update */
};

/* --- store.c ------------------------------------------------------------ */

/* Map a failed SQLite call to a Win32 code and log it with sqlite3_errmsg:
 * SQLITE_FULL -> ERROR_DATABASE_FULL, everything else ->
 * ERROR_DATABASE_FAILURE. `what` names the operation for the log line. */
DWORD store_fail(store_t *st, int rc, const char *what);

/* Like store_fail, but constraint violations of a write become the caller's
 * error rather than the database's: a foreign key -> `on_fk`
 * (ERROR_OBJECT_NOT_FOUND for inserts and updates, ERROR_NOT_EMPTY for
 * deletes), uniqueness -> ERROR_ALREADY_EXISTS, NOT NULL and CHECK ->
 * ERROR_INVALID_PARAMETER. */
DWORD store_write_fail(store_t *st, int rc, const char *what, DWORD on_fk);

/* The cached statement for `key`, or NULL when it has not been prepared. */
sqlite3_stmt *store_cached(store_t *st, unsigned key);
/* The cached statement for `key`, preparing `sql` on first use. */
DWORD store_prepare(store_t *st, unsigned key, const char *sql, sqlite3_stmt **out);
/* Reset a statement after use so it holds no locks and no bound values. */
void store_release(sqlite3_stmt *s);
/* Step a bound statement that yields one GUID in column 0: the GUID, or
 * ERROR_OBJECT_NOT_FOUND without a row. Releases `s`. */
DWORD store_step_guid(store_t *st, sqlite3_stmt *s, NTMS_GUID *out, const char *what);
/* Append the GUID in column 0 of every row of a bound statement to `out`
 * (enumerate.c). The caller releases `s`. */
DWORD store_collect_guids(store_t *st, sqlite3_stmt *s, guid_list_t *out, const char *what);
/* Run SQL text without results (schema, pragmas). */
DWORD store_exec(store_t *st, const char *sql, const char *what);

/* A savepoint around one multi-statement operation, so a failure half-way
 * undoes the operation alone and leaves any enclosing transaction usable. */
DWORD store_op_begin(store_t *st);
DWORD store_op_end(store_t *st, DWORD result);

/* GUIDs are stored as 16-byte blobs in RFC 4122 order; GUID_NULL (or a NULL
 * pointer) is stored as SQL NULL so that references can be foreign keys. */
int store_bind_guid(sqlite3_stmt *s, int idx, const NTMS_GUID *g);
/* The same without SQLite's copy: the bytes are written to `buf` and bound
 * from there, so `buf` must live until the statement is reset. For the
 * write paths: the SQLite rsmd runs on (Debian's) has no lookaside
 * allocator, so every copy was a malloc and a free. */
int store_bind_guid_in(sqlite3_stmt *s, int idx, const NTMS_GUID *g, uint8_t buf[16]);
void store_column_guid(sqlite3_stmt *s, int col, NTMS_GUID *g);
int store_guid_is_null(const NTMS_GUID *g);

/* --- objects.c ---------------------------------------------------------- */

struct store_type;

/* Generated SQL is built in buffers of SQL_MAX bytes with store_sql_append:
 * 0, or -1 once the buffer is full. */
#define SQL_MAX 4096
int store_sql_append(char *buf, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The GUIDs of one write, in database byte order, bound without a copy
 * (store_bind_guid_in): the object's own in slot 0, field i's in slot
 * i + 1. Lives on the writer's stack until the statement is released. */
#define STORE_GUID_SLOTS 32
typedef uint8_t store_guid_slots_t[STORE_GUID_SLOTS][16];
int store_bind_guid_slot(sqlite3_stmt *s, int idx, const NTMS_GUID *g, store_guid_slots_t keep, size_t slot);

/* Bind every stored member of `in` from parameter `idx` on, in table order;
 * a member whose bit (its index in t->fields) is set in `skip` is not
 * bound, but keeps its parameter number. */
int store_bind_fields(sqlite3_stmt *s, int idx, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in,
                      store_guid_slots_t keep, uint64_t skip);

/* Step a write statement; on failure map the error for `verb` ("updating")
 * on the object. */
DWORD store_step_write(store_t *st, sqlite3_stmt *s, const char *verb, const NTMS_OBJECTINFORMATIONA *in,
                       DWORD on_fk);

/* --- update.c ----------------------------------------------------------- */

/* Write the detail row of `in` (its type t): only what changed. */
DWORD store_update_detail(store_t *st, const struct store_type *t, const NTMS_OBJECTINFORMATIONA *in);
/* The statements and knowledge update.c keeps; at store_close. */
void store_update_free(store_t *st);

/* --- checkpoint.c ------------------------------------------------------- */

/* Move WAL checkpoints off the committing thread (`wal`: the database is in
 * WAL mode; otherwise nothing to do). The thread starts with the first
 * checkpoint; when it cannot be had, checkpoints stay on the commit. */
void store_ckpt_start(store_t *st, int wal);
/* Stop the thread, if this process started one, and close its connection;
 * before the store's own close. */
void store_ckpt_stop(store_t *st);

/* --- fileio.c (for backup.c and restore.c) ------------------------------ */

/* Each returns 0, or -1 with errno set. */
/* out = DIR/NAME SUFFIX (DIR NULL: NAME SUFFIX); ENAMETOOLONG if it does not fit. */
int store_path_join(char *out, size_t len, const char *dir, const char *name, const char *suffix);
int store_unlink(const char *path);        /* a missing file is no error */
int store_sync_file(const char *path);     /* fsync the file */
int store_sync_dir_of(const char *path);   /* fsync the directory holding path */
int store_make_dir(const char *dir);       /* mkdir -p, mode 0755 */
/* Copy a file's bytes to a new file `to` (replacing one there) and sync
 * it; on failure `to` is removed. */
int store_copy_file(const char *from, const char *to);
/* Write `text` as the whole of `path`: to PATH.tmp, synced, renamed, the
 * directory synced. */
int store_write_atomic(const char *path, const char *text);
/* Log "WHAT: strerror(err)" as an error, put it in `why`, and return
 * ERROR_DATABASE_FULL for a full disk or quota, else ERROR_DATABASE_FAILURE. */
DWORD store_file_fail(char *why, size_t why_len, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* --- backup.c ----------------------------------------------------------- */

/* Fill c->path (DIR/basename(DB)) and c->tmp (the same with .tmp). */
DWORD store_copy_paths(store_copy_t *c);

/* --- schema.c ----------------------------------------------------------- */

/* Bring the schema to STORE_SCHEMA_VERSION, or refuse a newer database. */
DWORD store_migrate(store_t *st);

/* --- types.c ------------------------------------------------------------ */

enum store_field_kind {
    FK_UINT,   /* DWORD, WORD or BOOL, stored as an integer */
    FK_INT64,  /* LARGE_INTEGER */
    FK_TEXT,   /* a fixed char array, stored as TEXT */
    FK_GUID,   /* a reference, stored as a 16-byte BLOB or NULL */
    FK_TIME,   /* SYSTEMTIME, stored as milliseconds since the epoch */
    FK_BYTES,  /* a byte array whose length is in another DWORD member */
    FK_NAME,   /* the object's szName, copied where an index needs it */
    FK_COUNT,  /* derived on read: `column` is an SQL expression */
};

struct store_field {
    const char *column;
    enum store_field_kind kind;
    size_t offset; /* within NTMS_OBJECTINFORMATIONA */
    size_t size;   /* of the member */
    size_t aux;    /* FK_BYTES: offset of the length member */
};

struct store_type {
    DWORD type;
    const char *table;
    const char *label; /* for log lines: "physical media" */
    const struct store_field *fields;
    size_t nfields;
};

/* The description of `type`, or NULL when the type has no storage. */
const struct store_type *store_type_desc(DWORD type);
/* Every described type, for loops over all detail tables. */
const struct store_type *store_type_at(size_t i);
size_t store_type_count(void);
/* "drive", "media pool" ...; "object" for an unknown type. */
const char *store_type_label(DWORD type);

#endif
