/*
 * standalone_disc.c - an optical or RDX drive (a removable block device) as
 * drive_ops_t, for stand-alone drive libraries. Tape drives use ssc.c.
 *
 * The medium is random access: "rewind" has nothing to do, and the first
 * block a label recognizer sees is logical block 0, read whole (READ(10)
 * moves whole blocks) and cut to the caller's buffer.
 */
#include "changer/standalone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/scsi_cmd.h"
#include "changer/scsi_drive.h"
#include "changer/standalone_int.h"
#include "util/log.h"

#define MAX_BLOCK (1u << 20) /* a larger logical block is a broken reply */

typedef scsi_drive_t disc_t;

static disc_t *disc_of(drive_t *d) { return scsi_drive_of(d); }

/* Poll TEST UNIT READY until ready or timeout_ms. No medium at the deadline
 * is an answer (present=false), not an error. */
static DWORD disc_wait_ready(drive_t *d, unsigned timeout_ms, bool *present, char *why, size_t why_len)
{
    disc_t *s = disc_of(d);
    scsi_poll_t poll;
    scsi_poll_start(&poll, timeout_ms);
    bool started = false;
    *present = false;
    for (;;) {
        DWORD err;
        enum probe p = standalone_probe(&s->dev, &err, why, why_len);
        if (p == PROBE_READY) {
            *present = true;
            return ERROR_SUCCESS;
        }
        if (p == PROBE_FAILED) {
            log_warn("%s", why);
            return err;
        }
        if (p == PROBE_NEEDS_START && !started) {
            scsi_cmd_t c;
            cdb_start_stop_unit(&c, true, false);
            started = true;
            scsi_run(&s->dev, &c, NULL, why, why_len);
            continue;
        }
        if (!scsi_poll_wait(&poll)) {
            if (p == PROBE_ABSENT)
                return ERROR_SUCCESS;
            *present = probe_present(p);
            return scsi_drive_not_ready(s, timeout_ms, why, why_len);
        }
    }
}

static DWORD disc_load(drive_t *d, char *why, size_t why_len)
{
    scsi_cmd_t c;
    cdb_start_stop_unit(&c, true, true);
    return standalone_run(&disc_of(d)->dev, &c, NULL, why, why_len);
}

/* Allow removal first: our own PREVENT would refuse the eject. */
static DWORD disc_unload(drive_t *d, char *why, size_t why_len)
{
    disc_t *s = disc_of(d);
    scsi_cmd_t c;
    char ignored[256];
    cdb_prevent_allow(&c, false);
    scsi_run(&s->dev, &c, NULL, ignored, sizeof(ignored));
    cdb_start_stop_unit(&c, false, true);
    return standalone_run(&s->dev, &c, NULL, why, why_len);
}

static DWORD disc_rewind(drive_t *d, char *why, size_t why_len)
{
    (void)d;
    (void)why;
    (void)why_len;
    return ERROR_SUCCESS;
}

static void cdb_read_capacity10(scsi_cmd_t *c, uint8_t *buf)
{
    memset(c, 0, sizeof(*c));
    c->name = "READ CAPACITY(10)";
    c->cdb[0] = 0x25;
    c->cdb_len = 10;
    c->dir = SCSI_READ;
    c->buf = buf;
    c->len = 8;
    c->kind = SCSI_KIND_QUICK;
}

static void cdb_read10_block0(scsi_cmd_t *c, uint8_t *buf, uint32_t block)
{
    memset(c, 0, sizeof(*c));
    c->name = "READ(10)";
    c->cdb[0] = 0x28;
    put_be16(c->cdb + 7, 1); /* one block from LBA 0 */
    c->cdb_len = 10;
    c->dir = SCSI_READ;
    c->buf = buf;
    c->len = block;
    c->kind = SCSI_KIND_DATA;
}

static DWORD disc_read_first_block(drive_t *d, uint8_t *buf, size_t len, size_t *got, char *why, size_t why_len)
{
    disc_t *s = disc_of(d);
    uint8_t cap[8];
    scsi_cmd_t c;
    scsi_reply_t r;
    *got = 0;
    cdb_read_capacity10(&c, cap);
    DWORD err = standalone_run(&s->dev, &c, &r, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    uint32_t block = r.got >= 8 ? get_be32(cap + 4) : 0;
    if (block == 0 || block > MAX_BLOCK) {
        snprintf(why, why_len, "%s: READ CAPACITY: logical block length %u", s->dev.name, block);
        log_warn("%s", why);
        return ERROR_IO_DEVICE;
    }
    uint8_t *tmp = len >= block ? buf : malloc(block);
    if (tmp == NULL) {
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    cdb_read10_block0(&c, tmp, block);
    err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (err == ERROR_SUCCESS) {
        *got = r.got < len ? r.got : len;
        if (tmp != buf)
            memcpy(buf, tmp, *got);
    } else if (err == ERROR_NO_DATA) { /* a blank disc */
        err = ERROR_SUCCESS;
    } else {
        log_warn("%s", why);
    }
    if (tmp != buf)
        free(tmp);
    return err;
}

static const drive_ops_t disc_ops = {
    .identify = scsi_drive_identify,
    .wait_ready = disc_wait_ready,
    .load = disc_load,
    .unload = disc_unload,
    .rewind = disc_rewind,
    .read_first_block = disc_read_first_block,
    .close = scsi_drive_close,
};

DWORD disc_open_transport(transport_t *t, const char *name, drive_t **out, char *why, size_t why_len)
{
    *out = NULL;
    disc_t *s;
    DWORD err = scsi_drive_new(t, name, &disc_ops, &s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    *out = &s->base;
    return ERROR_SUCCESS;
}
