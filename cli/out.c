/*
 * out.c - see out.h. Rows are kept as text and typed only when written, so
 * a verb fills a row the same way for every output form.
 */
#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "table.h"

struct out {
    const struct column *cols;
    int ncols;
    size_t nrows, cap;
    char **cells; /* row-major */
};

static void *must(void *p)
{
    if (p == NULL) {
        perror("rsm");
        exit(EXIT_API);
    }
    return p;
}

out_t *out_begin(const struct column *cols, int ncols)
{
    out_t *o = must(calloc(1, sizeof *o));
    o->cols = cols;
    o->ncols = ncols;
    return o;
}

void out_row(out_t *o, const char *const *cells)
{
    if (o->nrows == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 32;
        o->cells = must(realloc(o->cells, o->cap * (size_t)o->ncols * sizeof *o->cells));
    }
    for (int c = 0; c < o->ncols; c++)
        o->cells[o->nrows * (size_t)o->ncols + (size_t)c] = must(strdup(cells[c] ? cells[c] : ""));
    o->nrows++;
}

static const char *cell(const out_t *o, size_t r, int c)
{
    return o->cells[r * (size_t)o->ncols + (size_t)c];
}

/* One cell as a JSON value of its column's kind. */
static void json_cell(json_t *j, enum col_kind kind, const char *v)
{
    switch (kind) {
    case COL_NUM:
        if (v[0] == '\0')
            json_literal(j, "null");
        else
            json_literal(j, v);
        break;
    case COL_BOOL:
        json_bool(j, strcmp(v, "yes") == 0);
        break;
    case COL_GUID:
    case COL_TIME:
        json_string(j, v[0] ? v : NULL);
        break;
    case COL_TEXT:
        json_string(j, v);
        break;
    }
}

static void print_json(const out_t *o)
{
    json_t j;
    json_init(&j, stdout, false);
    json_begin_array(&j);
    for (size_t r = 0; r < o->nrows; r++) {
        json_begin_object(&j);
        for (int c = 0; c < o->ncols; c++) {
            if (o->cols[c].flags & COL_TABLE)
                continue;
            json_key(&j, o->cols[c].key);
            json_cell(&j, o->cols[c].kind, cell(o, r, c));
        }
        json_end_object(&j);
    }
    json_end_array(&j);
    json_finish(&j);
}

/* /b: the name column, or with --guids the id column in rsm.exe's form. */
static void print_bare(const out_t *o)
{
    unsigned want = cli_mode.guids ? COL_ID : COL_NAME;
    for (int c = 0; c < o->ncols; c++) {
        if (!(o->cols[c].flags & want))
            continue;
        for (size_t r = 0; r < o->nrows; r++) {
            const char *v = cell(o, r, c);
            NTMS_GUID g;
            char bare[33];
            if (want == COL_ID && cli_parse_guid(v, &g) == 0)
                v = cli_guid_bare(&g, bare);
            puts(v);
        }
        return;
    }
}

static bool table_column(const struct column *c)
{
    if (c->flags & COL_JSON)
        return false;
    return c->kind != COL_GUID || cli_mode.guids;
}

static void print_table(const out_t *o)
{
    const char *row[32];
    int map[32], n = 0;
    for (int c = 0; c < o->ncols && n < 32; c++)
        if (table_column(&o->cols[c]))
            map[n++] = c;
    for (int k = 0; k < n; k++)
        row[k] = o->cols[map[k]].head;
    table_t *t = table_new(n, row);
    for (size_t r = 0; r < o->nrows; r++) {
        for (int k = 0; k < n; k++)
            row[k] = cell(o, r, map[k]);
        table_add(t, row);
    }
    table_print(t, stdout);
    table_free(t);
}

void out_discard(out_t *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->nrows * (size_t)o->ncols; i++)
        free(o->cells[i]);
    free(o->cells);
    free(o);
}

int out_end(out_t *o)
{
    if (cli_mode.json)
        print_json(o);
    else if (cli_mode.bare)
        print_bare(o);
    else
        print_table(o);
    out_discard(o);
    return 0;
}

int out_result(const char *text, const struct field *fields, int n)
{
    if (cli_mode.json) {
        json_t j;
        json_init(&j, stdout, false);
        json_begin_object(&j);
        for (int i = 0; i < n; i++) {
            json_key(&j, fields[i].key);
            json_cell(&j, fields[i].kind, fields[i].value ? fields[i].value : "");
        }
        json_end_object(&j);
        json_finish(&j);
    } else if (cli_mode.bare) {
        if (n > 0 && fields[0].value != NULL)
            puts(fields[0].value);
    } else if (text != NULL) {
        puts(text);
    }
    return 0;
}
