/*
 * ssc.c - a tape drive (SSC-3) as drive_ops_t: identify it, wait until a
 * loaded medium is ready, load/unload/rewind, read the first block for
 * label recognition, and write the free-media label (one block and a
 * filemark at the beginning).
 *
 * tgt's tape emulation has quirks the code tolerates rather than relies on:
 * LOAD UNLOAD with LOAD=0 is accepted but does nothing (tgt treats 1Bh as
 * START STOP), which is harmless because its robot takes the cartridge out
 * of the drive anyway; and there is no "not ready to ready" UNIT ATTENTION
 * after a load, so readiness is polled, never awaited as an event.
 */
#include "changer/ssc.h"

#include <stdio.h>
#include <string.h>

#include "changer/scsi_cmd.h"
#include "changer/scsi_drive.h"
#include "util/log.h"

#define PDT_SEQUENTIAL 0x01

typedef scsi_drive_t ssc_t;

static ssc_t *ssc_of(drive_t *d) { return scsi_drive_of(d); }

static DWORD run_logged(ssc_t *s, const scsi_cmd_t *c, scsi_reply_t *r, char *why, size_t why_len)
{
    DWORD err = scsi_run(&s->dev, c, r, why, why_len);
    if (err != ERROR_SUCCESS)
        log_warn("%s", why);
    return err;
}

/* What one TEST UNIT READY says about the medium. */
enum readiness { READY, NO_MEDIUM, BECOMING_READY, NEEDS_LOAD, BROKEN };

static enum readiness probe(ssc_t *s, DWORD *err, char *why, size_t why_len)
{
    scsi_cmd_t c;
    scsi_reply_t r;
    cdb_test_unit_ready(&c);
    c.flags |= SCSI_F_NO_WAIT_RETRY; /* we poll ourselves, against our deadline */
    *err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (*err == ERROR_SUCCESS)
        return READY;
    if (r.sense.valid && r.sense.asc == 0x3a)
        return NO_MEDIUM;
    if (r.sense.valid && r.sense.key == SK_NOT_READY && r.sense.asc == 0x04 && r.sense.ascq == 0x02)
        return NEEDS_LOAD; /* "initializing command required": a LOAD */
    if (*err == ERROR_NOT_READY || *err == ERROR_BUSY)
        return BECOMING_READY;
    return BROKEN;
}

/* Poll until ready or timeout_ms. Running out of time with no medium is an
 * answer (present=false), not an error: a probe passes timeout 0. */
static DWORD ssc_wait_ready(drive_t *d, unsigned timeout_ms, bool *present, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_poll_t poll;
    scsi_poll_start(&poll, timeout_ms);
    bool loaded_once = false;
    *present = false;
    for (;;) {
        DWORD err;
        enum readiness st = probe(s, &err, why, why_len);
        switch (st) {
        case READY:
            *present = true;
            return ERROR_SUCCESS;
        case BROKEN:
            log_warn("%s", why);
            return err;
        case NEEDS_LOAD:
            if (!loaded_once) {
                scsi_cmd_t c;
                cdb_load_unload(&c, true);
                loaded_once = true;
                scsi_run(&s->dev, &c, NULL, why, why_len);
                continue;
            }
            break;
        case NO_MEDIUM:
        case BECOMING_READY:
            break;
        }
        if (!scsi_poll_wait(&poll)) {
            if (st == NO_MEDIUM)
                return ERROR_SUCCESS;
            *present = true;
            return scsi_drive_not_ready(s, timeout_ms, why, why_len);
        }
    }
}

static DWORD ssc_load(drive_t *d, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_cmd_t c;
    cdb_load_unload(&c, true);
    return run_logged(s, &c, NULL, why, why_len);
}

/* Allow removal first (our own PREVENT would block the robot), then
 * unload; a drive that has no PREVENT ALLOW is fine. */
static DWORD ssc_unload(drive_t *d, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_cmd_t c;
    char ignored[256];
    cdb_prevent_allow(&c, false);
    scsi_run(&s->dev, &c, NULL, ignored, sizeof(ignored));
    cdb_load_unload(&c, false);
    return run_logged(s, &c, NULL, why, why_len);
}

static DWORD ssc_rewind(drive_t *d, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_cmd_t c;
    cdb_rewind(&c);
    return run_logged(s, &c, NULL, why, why_len);
}

/* Bytes of the first block actually read. With ILI the sense INFORMATION
 * field is the authority (requested minus actual length): iSCSI does not
 * report how much data came with a CHECK CONDITION. A negative residue
 * means the block was longer than the buffer, which was filled. The
 * transport's count only ever lowers the result. */
static size_t block_length(const scsi_reply_t *r, size_t asked)
{
    const scsi_sense_t *sn = &r->sense;
    size_t got = r->got;
    if (sn->valid && sn->info_valid && (sn->ili || sn->filemark)) {
        if (sn->residue >= 0 && (uint64_t)sn->residue <= asked)
            got = asked - (size_t)sn->residue;
        else if (sn->residue < 0)
            got = asked;
        if (r->got > 0 && r->got < got)
            got = r->got;
    }
    return got;
}

static DWORD ssc_read_first_block(drive_t *d, uint8_t *buf, size_t len, size_t *got, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    *got = 0;
    DWORD err = ssc_rewind(d, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    if (len > 0xffffff)
        len = 0xffffff;
    scsi_cmd_t c;
    scsi_reply_t r;
    cdb_read6_variable(&c, buf, (uint32_t)len);
    err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (err == ERROR_NO_DATA) /* BLANK CHECK: a new, never written medium */
        return ERROR_SUCCESS;
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        return err;
    }
    *got = block_length(&r, len);
    if (r.sense.valid && r.sense.ili && r.sense.residue < 0)
        log_debug("%s: first block is %lld bytes longer than the %zu read", s->dev.name,
                  (long long)-r.sense.residue, len);
    return ERROR_SUCCESS;
}

static DWORD ssc_write_label(drive_t *d, const uint8_t *buf, size_t len, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_cmd_t c;

    if (len == 0 || len > 0xffffff) {
        snprintf(why, why_len, "%s: a label of %zu bytes cannot be written as one block", s->dev.name, len);
        return ERROR_INVALID_PARAMETER;
    }
    DWORD err = ssc_rewind(d, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    cdb_write6_variable(&c, buf, (uint32_t)len);
    err = run_logged(s, &c, NULL, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    cdb_write_filemarks(&c, 1);
    return run_logged(s, &c, NULL, why, why_len);
}

/* A device that stopped answering, as opposed to one that answered no. */
static bool unreachable(DWORD err)
{
    return err == ERROR_DEVICE_NOT_AVAILABLE || err == ERROR_TIMEOUT || err == ERROR_IO_DEVICE;
}

/* LOG SENSE page 2Eh (a drive without it answers ILLEGAL REQUEST, which is
 * not a failure here), then REQUEST SENSE for what the drive holds. */
static DWORD ssc_health(drive_t *d, drive_health_t *out, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    uint8_t page[4 + TAPEALERT_FLAGS * 5 + 60];
    uint8_t sense[SCSI_SENSE_MAX];
    scsi_cmd_t c;
    scsi_reply_t r;
    memset(out, 0, sizeof *out);
    cdb_log_sense(&c, TAPEALERT_PAGE, page, sizeof page);
    DWORD err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (err == ERROR_SUCCESS) {
        out->page_result = tapealert_parse(page, r.got, &out->alerts);
        out->has_tapealert = out->page_result < TAPEALERT_SHORT;
        if (out->page_result != TAPEALERT_OK)
            log_warn("%s: TapeAlert page: %s (%zu bytes)", s->dev.name, tapealert_result_name(out->page_result),
                     r.got);
    } else if (unreachable(err)) {
        return err;
    } else {
        log_debug("%s: no TapeAlert page (%s)", s->dev.name, why);
    }
    cdb_request_sense(&c, sense, sizeof sense);
    err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (err == ERROR_SUCCESS)
        out->has_sense = sense_decode(sense, r.got, &out->sense);
    else if (unreachable(err))
        return err;
    why[0] = '\0';
    return ERROR_SUCCESS;
}

static DWORD ssc_clean_probe(drive_t *d, enum clean_progress *out, char *why, size_t why_len)
{
    ssc_t *s = ssc_of(d);
    scsi_cmd_t c;
    scsi_reply_t r;
    cdb_test_unit_ready(&c);
    c.flags |= SCSI_F_NO_WAIT_RETRY; /* the caller polls */
    DWORD err = scsi_run(&s->dev, &c, &r, why, why_len);
    if (err != ERROR_SUCCESS && unreachable(err) && !r.sense.valid)
        return err;
    *out = tapealert_clean_progress(err == ERROR_SUCCESS, &r.sense);
    why[0] = '\0';
    return ERROR_SUCCESS;
}

static const drive_ops_t ssc_ops = {
    .identify = scsi_drive_identify,
    .wait_ready = ssc_wait_ready,
    .load = ssc_load,
    .unload = ssc_unload,
    .rewind = ssc_rewind,
    .read_first_block = ssc_read_first_block,
    .write_label = ssc_write_label,
    .health = ssc_health,
    .clean_probe = ssc_clean_probe,
    .close = scsi_drive_close,
};

void ssc_set_timeouts(drive_t *d, const unsigned ms[SCSI_KINDS])
{
    if (d != NULL && d->ops == &ssc_ops)
        scsi_dev_set_timeouts(&ssc_of(d)->dev, ms);
}

DWORD ssc_open_transport(transport_t *t, const char *name, drive_t **out, char *why, size_t why_len)
{
    *out = NULL;
    ssc_t *s;
    DWORD err = scsi_drive_new(t, name, &ssc_ops, &s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_identity_t id;
    err = scsi_identify(&s->dev, &id, why, why_len);
    if (err == ERROR_SUCCESS && (id.inq.qualifier != 0 || id.inq.pdt != PDT_SEQUENTIAL)) {
        snprintf(why, why_len, "%s: not a tape drive (peripheral type 0x%02x, qualifier %u)", t->device,
                 id.inq.pdt, id.inq.qualifier);
        err = ERROR_INVALID_PARAMETER;
    }
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        scsi_drive_close(&s->base);
        return err;
    }
    *out = &s->base;
    return ERROR_SUCCESS;
}

DWORD ssc_open(const char *device, drive_t **out, char *why, size_t why_len)
{
    transport_t *t = NULL;
    *out = NULL;
    DWORD err = transport_open(device, &t, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    return ssc_open_transport(t, NULL, out, why, why_len);
}
