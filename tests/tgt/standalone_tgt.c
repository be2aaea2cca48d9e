/*
 * standalone_tgt.c - the stand-alone drive backend against a real tape LUN
 * (tgtd over iSCSI): a tape drive of tgt's library, used as if it had no
 * robot. The library's changer plays the person who inserts the tape.
 *
 *   standalone-tgt CHANGER_URL DRIVE_URL [DRIVE_ELEMENT SLOT]
 *
 * DRIVE_URL is the drive's LUN, DRIVE_ELEMENT its element address in the
 * changer (default 256) and SLOT a full slot (default 1000). Checks, in
 * order: the changer LUN is refused as a stand-alone drive; the empty drive
 * shows as one empty drive element; after a raw MOVE MEDIUM slot -> drive
 * (the "person") check() reports the change and the element is full, with
 * the drive's serial and no bar code; PREVENT keeps the changer from taking
 * the tape; the eject empties the drive and is not reported as a change;
 * there is no robot (MOVE is ERROR_NOT_SUPPORTED). The cartridge is put
 * back in its slot at the end. Exits 0 when every check passed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/scsi_cmd.h"
#include "changer/standalone.h"

static int failures;

static void expect(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void expect(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s ", ok ? "ok  " : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (!ok)
        failures++;
}

/* MOVE MEDIUM through the changer LUN, with transport element 1 (tgt-lib's
 * layout): the hands of the person at the drive. */
static DWORD raw_move(const char *changer, uint16_t from, uint16_t to, char *why, size_t why_len)
{
    transport_t *t;
    DWORD err = transport_open(changer, &t, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_dev_t dev;
    scsi_cmd_t c;
    scsi_dev_init(&dev, t, "changer");
    cdb_move_medium(&c, 1, from, to);
    err = scsi_run(&dev, &c, NULL, why, why_len);
    transport_close(t);
    return err;
}

/* The drive element: 1 full, 0 empty, -1 failed. */
static int drive_full(changer_t *c, element_t *copy)
{
    element_status_t s;
    char why[256] = "";
    DWORD err = c->ops->status(c, ELEM_DRIVE, &s, why, sizeof why);
    if (err != ERROR_SUCCESS || s.n != 1) {
        printf("     status: error %u (%s), %zu elements\n", (unsigned)err, why, s.n);
        element_status_free(&s);
        return -1;
    }
    if (copy != NULL)
        *copy = s.v[0];
    int full = s.v[0].full;
    element_status_free(&s);
    return full;
}

static int check(changer_t *c)
{
    bool changed = false;
    char why[256] = "";
    DWORD err = c->ops->check(c, &changed, why, sizeof why);
    return err != ERROR_SUCCESS ? -1 : changed;
}

static void refuses_changer(const char *changer)
{
    changer_t *c;
    drive_t *d;
    char why[256] = "";
    DWORD err = standalone_open(changer, "changer", &c, &d, why, sizeof why);
    expect(err == ERROR_INVALID_PARAMETER && c == NULL, "the changer LUN is not a stand-alone drive (%u: %s)",
           (unsigned)err, why);
}

static void scenario(const char *changer, const char *url, uint16_t element, uint16_t slot)
{
    changer_t *c;
    drive_t *d;
    char why[256] = "";
    DWORD err = standalone_open(url, "standalone tgt", &c, &d, why, sizeof why);
    expect(err == ERROR_SUCCESS, "standalone_open %s (%u: %s)", url, (unsigned)err, why);
    if (err != ERROR_SUCCESS)
        return;

    changer_info_t info;
    err = c->ops->info(c, &info, why, sizeof why);
    expect(err == 0 && info.range[ELEM_DRIVE].first == STANDALONE_DRIVE_ADDR && info.range[ELEM_DRIVE].count == 1 &&
               info.range[ELEM_SLOT].count == 0 && info.range[ELEM_PORT].count == 0,
           "one drive element at address %u, no slots or ports (%s %s, serial %s)", STANDALONE_DRIVE_ADDR,
           info.vendor, info.product, info.serial);
    expect(drive_full(c, NULL) == 0, "the drive is empty");
    expect(check(c) == 0, "check: nothing changed");

    err = raw_move(changer, slot, element, why, sizeof why);
    expect(err == ERROR_SUCCESS, "a cartridge goes into the drive: MOVE %u -> %u (%s)", slot, element,
           err ? why : "done");
    expect(check(c) == 1, "check: the insertion is reported");
    expect(check(c) == 0, "check: once");
    element_t e;
    expect(drive_full(c, &e) == 1 && !e.has_voltag && e.address == STANDALONE_DRIVE_ADDR,
           "the drive element is full, without a bar code");
    drive_ident_t id;
    err = d->ops->identify(d, &id, why, sizeof why);
    expect(err == 0 && strcmp(id.serial, e.device_id) == 0 && id.serial[0] != '\0',
           "the element's device id is the drive's serial '%s'", id.serial);
    bool present = false;
    err = d->ops->wait_ready(d, 5000, &present, why, sizeof why);
    expect(err == 0 && present, "the drive is ready");
    uint8_t block[4096];
    size_t got = 0;
    err = d->ops->read_first_block(d, block, sizeof block, &got, why, sizeof why);
    expect(err == 0, "first block read: %zu bytes (%s)", got, err ? why : "ok");

    err = c->ops->lock(c, true, why, sizeof why);
    expect(err == 0, "PREVENT MEDIUM REMOVAL");
    err = raw_move(changer, element, slot, why, sizeof why);
    expect(err != ERROR_SUCCESS, "nobody takes the tape while it is locked (%u: %s)", (unsigned)err, why);
    expect(c->ops->move(c, 1, 2, why, sizeof why) == ERROR_NOT_SUPPORTED, "MOVE: %s", why);

    err = standalone_eject(c, why, sizeof why);
    expect(err == ERROR_SUCCESS, "eject (%s)", err ? why : "done");
    expect(drive_full(c, NULL) == 0, "the drive is empty after the eject");
    expect(check(c) == 0, "check: our own eject is not news");
    err = standalone_eject(c, why, sizeof why);
    expect(err == ERROR_SUCCESS, "eject of an empty drive does nothing");

    /* tgt's changer still lists the cartridge in its drive element: take
     * it back to the slot, as the person would. */
    err = raw_move(changer, element, slot, why, sizeof why);
    expect(err == ERROR_SUCCESS, "the cartridge goes back to slot %u (%s)", slot, err ? why : "done");
    c->ops->close(c);
    d->ops->close(d);
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 5) {
        fprintf(stderr, "usage: standalone-tgt CHANGER_URL DRIVE_URL [DRIVE_ELEMENT SLOT]\n");
        return 2;
    }
    uint16_t element = argc == 5 ? (uint16_t)atoi(argv[3]) : 256;
    uint16_t slot = argc == 5 ? (uint16_t)atoi(argv[4]) : 1000;
    scsi_set_retry_policy(5, 4, 50);
    refuses_changer(argv[1]);
    scenario(argv[1], argv[2], element, slot);
    printf("%s: %d check(s) failed\n", failures ? "FAILED" : "passed", failures);
    return failures ? 1 : 0;
}
