/*
 * tgt_label_tapes.c - writes the labels of tests/api/test_omid.c on the
 * first six cartridges of a tgtd library, through rsmd's own SMC and SSC
 * backends (smc_open, ssc_open, the drive's write_label: REWIND, WRITE(6),
 * WRITE FILEMARKS), before rsmd starts:
 *
 *   tgt-label-tapes CHANGER_URL DRIVE_URL TAR_FILE
 *
 * Slot 1000: MTF; 1001: ANSI VOL1; 1002: left blank; 1003: the free-media
 * label; 1004: a label library's label; 1005: the first 10 KiB of
 * TAR_FILE. Each cartridge goes to drive 256 and back. Exits 0 when every
 * label was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/label/images.h"
#include "changer/smc.h"
#include "changer/ssc.h"
#include "label/freelabel.h"

#define DRIVE_ADDR 256
#define SLOT1 1000

static uint8_t buf[16384];

/* The label of the cartridge in slot SLOT1 + i, into buf; 0: none. */
static size_t label_for(unsigned i, const char *tar)
{
    static const char good[] = "GOODLBL:TAPE0005Monthly archive\n";
    label_free_t fl = {.written = 1700000000, .name = "VL0004L6"};
    FILE *f;
    size_t n;

    switch (i) {
    case 0: return image_mtf(buf, sizeof buf, "Backup Exec", "Weekly 3", "", false, false);
    case 1: return image_vol1(buf, sizeof buf, "ABC123", NULL, false);
    case 3:
        memset(fl.side, 0x77, sizeof fl.side);
        return label_free_write(&fl, buf, sizeof buf);
    case 4: memcpy(buf, good, sizeof good - 1); return sizeof good - 1;
    case 5:
        f = fopen(tar, "rb");
        n = f != NULL ? fread(buf, 1, 10240, f) : 0;
        if (f != NULL)
            fclose(f);
        return n;
    default: return 0;
    }
}

int main(int argc, char **argv)
{
    changer_t *lib = NULL;
    drive_t *drv = NULL;
    char why[256];
    int failures = 0;

    if (argc != 4) {
        fprintf(stderr, "usage: tgt-label-tapes CHANGER_URL DRIVE_URL TAR_FILE\n");
        return 2;
    }
    if (smc_open(argv[1], "label-tapes", &lib, why, sizeof why) != 0 || ssc_open(argv[2], &drv, why, sizeof why) != 0) {
        fprintf(stderr, "tgt-label-tapes: %s\n", why);
        return 1;
    }
    for (unsigned i = 0; i < 6; i++) {
        size_t n = label_for(i, argv[3]);
        bool present = false;
        uint16_t slot = (uint16_t)(SLOT1 + i);
        if (n == 0)
            continue;
        DWORD err = lib->ops->move(lib, slot, DRIVE_ADDR, why, sizeof why);
        if (err == 0)
            err = drv->ops->wait_ready(drv, 30000, &present, why, sizeof why);
        if (err == 0 && !present)
            err = ERROR_NO_MEDIA_IN_DRIVE;
        if (err == 0)
            err = drv->ops->write_label(drv, buf, n, why, sizeof why);
        DWORD back = lib->ops->move(lib, DRIVE_ADDR, slot, why, sizeof why);
        if (err != 0 || back != 0) {
            fprintf(stderr, "tgt-label-tapes: slot %u: error %u/%u: %s\n", slot, (unsigned)err, (unsigned)back, why);
            failures++;
        } else {
            printf("slot %u: %zu-byte label written\n", slot, n);
        }
    }
    drv->ops->close(drv);
    lib->ops->close(lib);
    return failures ? 1 : 0;
}
