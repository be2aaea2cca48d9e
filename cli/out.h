/*
 * out.h - results in the form the command line asked for.
 *
 * Lists: a verb declares its columns once (heading for the table, key for
 * JSON, kind), adds rows of text cells, and out_end prints
 *   - an aligned table (default; GUID columns only with --guids),
 *   - a JSON array of objects (--json), cells typed by their column,
 *   - bare values, one a line (/b): the COL_NAME column, or with --guids
 *     the COL_ID column in rsm.exe's 32-digit form.
 * Single results (allocate, createpool ...): out_result prints a sentence,
 * or the fields as one JSON object, or the first field bare.
 */
#ifndef RSM_CLI_OUT_H
#define RSM_CLI_OUT_H

enum col_kind {
    COL_TEXT,
    COL_NUM,  /* JSON number; "" is null */
    COL_BOOL, /* "yes" / "no" -> true / false */
    COL_GUID, /* JSON string; "" is null; a table column only with --guids */
    COL_TIME, /* ISO 8601 text; "" is null */
};

#define COL_TABLE 0x1 /* table only */
#define COL_JSON 0x2  /* JSON only */
#define COL_NAME 0x4  /* what /b prints */
#define COL_ID 0x8    /* what /b --guids prints (a GUID column) */

struct column {
    const char *head; /* table heading */
    const char *key;  /* JSON member */
    enum col_kind kind;
    unsigned flags;
};

typedef struct out out_t;

out_t *out_begin(const struct column *cols, int ncols);
/* One row: ncols cells (NULL is empty); cells are copied. */
void out_row(out_t *o, const char *const *cells);
/* Print and free. Returns 0. */
int out_end(out_t *o);
/* Free without printing (after an error). */
void out_discard(out_t *o);

struct field {
    const char *key;
    const char *value;
    enum col_kind kind;
};

/* A single result: `text` (may be NULL) for people, the fields for JSON,
 * the first field's value for /b. Returns 0. */
int out_result(const char *text, const struct field *fields, int n);

#endif
