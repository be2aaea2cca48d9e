/*
 * table.h - aligned text tables for the rsm command.
 *
 * Rows are collected first and printed once, so each column is as wide as
 * its widest cell. Cells are copied; the table owns its memory.
 */
#ifndef RSM_CLI_TABLE_H
#define RSM_CLI_TABLE_H

#include <stdio.h>

typedef struct table table_t;

table_t *table_new(int ncols, const char *const *headers);
/* Append a row of ncols cells (NULL prints as empty). */
void table_add(table_t *t, const char *const *cells);
void table_print(const table_t *t, FILE *out);
void table_free(table_t *t);

#endif
