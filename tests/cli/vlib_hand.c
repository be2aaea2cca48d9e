/*
 * vlib_hand.c - the operator's hands on a virtual library, for the bats
 * tests of the rsm command (the command itself only talks to rsmd):
 *
 *   vlib-hand insert ROOT PORT BARCODE   a cartridge into mailslot PORT
 *   vlib-hand remove ROOT PORT           the cartridge out of mailslot PORT
 *
 * Both go through daemon/changer/virtual.h, under the library's lock, as a
 * person at the library would. Exit status 0, or 1 with the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/virtual.h"

int main(int argc, char **argv)
{
    char why[256] = "";
    DWORD rc;
    if (argc == 5 && strcmp(argv[1], "insert") == 0)
        rc = virtual_insert(argv[2], (uint16_t)atoi(argv[3]), argv[4], why, sizeof why);
    else if (argc == 4 && strcmp(argv[1], "remove") == 0)
        rc = virtual_remove(argv[2], (uint16_t)atoi(argv[3]), why, sizeof why);
    else {
        fprintf(stderr, "usage: vlib-hand insert ROOT PORT BARCODE | remove ROOT PORT\n");
        return 2;
    }
    if (rc != 0) {
        fprintf(stderr, "vlib-hand: %s\n", why);
        return 1;
    }
    return 0;
}
