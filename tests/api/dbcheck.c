/*
 * dbcheck.c - run the project's consistency check on a database file.
 *
 *   dbcheck DATABASE
 *
 * Opens the database with the store (rsmd must not be running on it) and
 * runs store_check: PRAGMA integrity_check, the foreign keys and the
 * model's invariants (every side in exactly one pool, counts agree, the
 * media life cycle). Prints the first problem and exits 1, or exits 0.
 * Tests run it on the database an rsmd left behind (alloc_storm.sh).
 */
#include <stdio.h>

#include "store/store.h"

int main(int argc, char **argv)
{
    char why[512] = "";
    store_t *st = NULL;
    DWORD err;

    if (argc != 2) {
        fprintf(stderr, "usage: dbcheck DATABASE\n");
        return 2;
    }
    err = store_open(argv[1], &st);
    if (err != 0) {
        fprintf(stderr, "dbcheck: cannot open %s (error %lu)\n", argv[1], (unsigned long)err);
        return 1;
    }
    err = store_check(st, why, sizeof why);
    store_close(st);
    if (err != 0) {
        fprintf(stderr, "dbcheck: %s fails its consistency check: %s\n", argv[1],
                why[0] ? why : "the check could not run");
        return 1;
    }
    printf("dbcheck: %s passes its consistency check\n", argv[1]);
    return 0;
}
