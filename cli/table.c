/*
 * table.c - see table.h.
 */
#include "table.h"

#include <stdlib.h>
#include <string.h>

struct table {
    int ncols;
    size_t nrows, cap;
    char **cells; /* row-major; row 0 is the header */
};

static char *dup_or_empty(const char *s)
{
    char *d = strdup(s ? s : "");
    if (d == NULL) {
        perror("rsm");
        exit(1);
    }
    return d;
}

table_t *table_new(int ncols, const char *const *headers)
{
    table_t *t = calloc(1, sizeof *t);
    if (t == NULL) {
        perror("rsm");
        exit(1);
    }
    t->ncols = ncols;
    table_add(t, headers);
    return t;
}

void table_add(table_t *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = realloc(t->cells, t->cap * (size_t)t->ncols * sizeof *t->cells);
        if (t->cells == NULL) {
            perror("rsm");
            exit(1);
        }
    }
    for (int c = 0; c < t->ncols; c++)
        t->cells[t->nrows * (size_t)t->ncols + (size_t)c] = dup_or_empty(cells[c]);
    t->nrows++;
}

void table_print(const table_t *t, FILE *out)
{
    size_t width[32] = {0};
    int ncols = t->ncols < 32 ? t->ncols : 32;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < ncols; c++) {
            size_t w = strlen(t->cells[r * (size_t)t->ncols + (size_t)c]);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *cell = t->cells[r * (size_t)t->ncols + (size_t)c];
            if (c == ncols - 1)
                fprintf(out, "%s\n", cell);
            else
                fprintf(out, "%-*s  ", (int)width[c], cell);
        }
    }
}

void table_free(table_t *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}
