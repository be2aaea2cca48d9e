/*
 * scsi_cmd.c - CDB builders and the command runner (see scsi_cmd.h).
 *
 * The runner is the only caller of transport->exec: every timeout, retry and
 * sense-to-Win32 decision for SMC and SSC is taken here, from sense.c's
 * table, so the backends only say what they want done.
 */
#include "changer/scsi_cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/log.h"

/* ---- policy ------------------------------------------------------------ */

static unsigned timeouts_ms[SCSI_KINDS] = {
    [SCSI_KIND_QUICK] = 30u * 1000,
    [SCSI_KIND_READ_STATUS] = 5u * 60 * 1000,
    [SCSI_KIND_INIT_STATUS] = 30u * 60 * 1000,
    [SCSI_KIND_MOVE] = 15u * 60 * 1000,
    [SCSI_KIND_MEDIUM] = 15u * 60 * 1000,
    [SCSI_KIND_DATA] = 15u * 60 * 1000,
};

static unsigned ua_retries = 5;
static unsigned wait_retries = 8;
static unsigned backoff_first_ms = 250;
#define BACKOFF_MAX_MS 4000u

unsigned scsi_timeout_ms(enum scsi_kind kind)
{
    return (unsigned)kind < SCSI_KINDS ? timeouts_ms[kind] : timeouts_ms[SCSI_KIND_QUICK];
}

void scsi_set_timeout_ms(enum scsi_kind kind, unsigned ms)
{
    if ((unsigned)kind < SCSI_KINDS && ms > 0)
        timeouts_ms[kind] = ms;
}

void scsi_set_retry_policy(unsigned ua, unsigned wait, unsigned backoff_ms)
{
    ua_retries = ua;
    wait_retries = wait;
    backoff_first_ms = backoff_ms;
}

/* ---- builders ---------------------------------------------------------- */

static void cmd_init(scsi_cmd_t *c, const char *name, uint8_t opcode, uint8_t cdb_len, enum scsi_kind kind,
                     enum scsi_dir dir, uint8_t *buf, size_t len)
{
    memset(c, 0, sizeof(*c));
    c->name = name;
    c->cdb[0] = opcode;
    c->cdb_len = cdb_len;
    c->kind = kind;
    c->dir = buf != NULL && len > 0 ? dir : SCSI_NONE;
    c->buf = buf;
    c->len = buf != NULL ? len : 0;
}

void cdb_test_unit_ready(scsi_cmd_t *c) { cmd_init(c, "TEST UNIT READY", 0x00, 6, SCSI_KIND_QUICK, SCSI_NONE, NULL, 0); }

void cdb_inquiry(scsi_cmd_t *c, bool evpd, uint8_t page, uint8_t *buf, uint16_t len)
{
    cmd_init(c, evpd ? "INQUIRY (VPD)" : "INQUIRY", 0x12, 6, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[1] = evpd ? 0x01 : 0x00;
    c->cdb[2] = evpd ? page : 0;
    put_be16(c->cdb + 3, len);
}

/* Mode sense with DBD=1: we want pages, not block descriptors. */
void cdb_mode_sense6(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint8_t len)
{
    cmd_init(c, "MODE SENSE(6)", 0x1a, 6, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[1] = 0x08;
    c->cdb[2] = page & 0x3f;
    c->cdb[4] = len;
}

void cdb_mode_sense10(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint16_t len)
{
    cmd_init(c, "MODE SENSE(10)", 0x5a, 10, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[1] = 0x08;
    c->cdb[2] = page & 0x3f;
    put_be16(c->cdb + 7, len);
}

void cdb_report_opcodes(scsi_cmd_t *c, uint8_t *buf, uint32_t len)
{
    cmd_init(c, "REPORT SUPPORTED OPERATION CODES", 0xa3, 12, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[1] = 0x0c; /* service action; reporting options 0: all commands */
    put_be32(c->cdb + 6, len);
}

void cdb_prevent_allow(scsi_cmd_t *c, bool prevent)
{
    cmd_init(c, prevent ? "PREVENT MEDIUM REMOVAL" : "ALLOW MEDIUM REMOVAL", 0x1e, 6, SCSI_KIND_QUICK, SCSI_NONE,
             NULL, 0);
    c->cdb[4] = prevent ? 0x01 : 0x00;
}

/* LOG SENSE of current cumulative values (PC 01b), from the first
 * parameter; the allocation length is 16 bits. */
void cdb_log_sense(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint16_t len)
{
    cmd_init(c, "LOG SENSE", 0x4d, 10, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[2] = (uint8_t)(0x40 | (page & 0x3f));
    put_be16(c->cdb + 7, len);
}

void cdb_request_sense(scsi_cmd_t *c, uint8_t *buf, uint8_t len)
{
    cmd_init(c, "REQUEST SENSE", 0x03, 6, SCSI_KIND_QUICK, SCSI_READ, buf, len);
    c->cdb[4] = len;
}

/* READ ELEMENT STATUS: VOLTAG is byte 1 bit 4, DVCID byte 6 bit 0, the
 * allocation length 24 bits in bytes 7-9 (byte 11, control, stays 0: tgt
 * rejects anything else). */
void cdb_read_element_status(scsi_cmd_t *c, uint8_t type, bool voltag, bool dvcid, uint16_t start,
                             uint16_t count, uint8_t *buf, uint32_t len)
{
    if (len > 0xffffff)
        len = 0xffffff;
    cmd_init(c, "READ ELEMENT STATUS", 0xb8, 12, SCSI_KIND_READ_STATUS, SCSI_READ, buf, len);
    c->cdb[1] = (uint8_t)((voltag ? 0x10 : 0x00) | (type & 0x0f));
    put_be16(c->cdb + 2, start);
    put_be16(c->cdb + 4, count);
    c->cdb[6] = dvcid ? 0x01 : 0x00;
    put_be24(c->cdb + 7, len);
}

void cdb_init_element_status(scsi_cmd_t *c)
{
    cmd_init(c, "INITIALIZE ELEMENT STATUS", 0x07, 6, SCSI_KIND_INIT_STATUS, SCSI_NONE, NULL, 0);
}

void cdb_init_element_status_range(scsi_cmd_t *c, uint16_t first, uint16_t count)
{
    cmd_init(c, "INITIALIZE ELEMENT STATUS WITH RANGE", 0x37, 10, SCSI_KIND_INIT_STATUS, SCSI_NONE, NULL, 0);
    c->cdb[1] = 0x01; /* RANGE: only the elements given */
    put_be16(c->cdb + 2, first);
    put_be16(c->cdb + 6, count);
}

void cdb_move_medium(scsi_cmd_t *c, uint16_t transport, uint16_t src, uint16_t dst)
{
    cmd_init(c, "MOVE MEDIUM", 0xa5, 12, SCSI_KIND_MOVE, SCSI_NONE, NULL, 0);
    put_be16(c->cdb + 2, transport);
    put_be16(c->cdb + 4, src);
    put_be16(c->cdb + 6, dst);
}

void cdb_exchange_medium(scsi_cmd_t *c, uint16_t transport, uint16_t src, uint16_t dst1, uint16_t dst2)
{
    cmd_init(c, "EXCHANGE MEDIUM", 0xa6, 12, SCSI_KIND_MOVE, SCSI_NONE, NULL, 0);
    put_be16(c->cdb + 2, transport);
    put_be16(c->cdb + 4, src);
    put_be16(c->cdb + 6, dst1);
    put_be16(c->cdb + 8, dst2);
}

void cdb_position_to_element(scsi_cmd_t *c, uint16_t transport, uint16_t dst)
{
    cmd_init(c, "POSITION TO ELEMENT", 0x2b, 10, SCSI_KIND_MOVE, SCSI_NONE, NULL, 0);
    put_be16(c->cdb + 2, transport);
    put_be16(c->cdb + 4, dst);
}

/* SMC-3 OPEN/CLOSE IMPORT/EXPORT ELEMENT shares opcode 1Bh with SSC's LOAD
 * UNLOAD; the device type decides. Action code 0 opens, 1 closes. */
void cdb_open_close_port(scsi_cmd_t *c, uint16_t address, bool open)
{
    cmd_init(c, open ? "OPEN IMPORT/EXPORT ELEMENT" : "CLOSE IMPORT/EXPORT ELEMENT", 0x1b, 6, SCSI_KIND_MOVE,
             SCSI_NONE, NULL, 0);
    put_be16(c->cdb + 2, address);
    c->cdb[4] = open ? 0x00 : 0x01;
}

void cdb_load_unload(scsi_cmd_t *c, bool load)
{
    cmd_init(c, load ? "LOAD" : "UNLOAD", 0x1b, 6, SCSI_KIND_MEDIUM, SCSI_NONE, NULL, 0);
    c->cdb[4] = load ? 0x01 : 0x00; /* LOAD bit; IMMED, RETEN, EOT stay 0 */
}

void cdb_rewind(scsi_cmd_t *c) { cmd_init(c, "REWIND", 0x01, 6, SCSI_KIND_MEDIUM, SCSI_NONE, NULL, 0); }

/* Variable-block READ(6): FIXED=0, SILI=0 so a short block reports ILI
 * with its residue. The length is 24 bits. */
void cdb_read6_variable(scsi_cmd_t *c, uint8_t *buf, uint32_t len)
{
    if (len > 0xffffff)
        len = 0xffffff;
    cmd_init(c, "READ(6)", 0x08, 6, SCSI_KIND_DATA, SCSI_READ, buf, len);
    put_be24(c->cdb + 2, len);
}

/* Variable-block WRITE(6): FIXED=0, one block of `len` bytes. */
void cdb_write6_variable(scsi_cmd_t *c, const uint8_t *buf, uint32_t len)
{
    if (len > 0xffffff)
        len = 0xffffff;
    cmd_init(c, "WRITE(6)", 0x0a, 6, SCSI_KIND_DATA, SCSI_WRITE, (uint8_t *)buf, len);
    put_be24(c->cdb + 2, len);
}

/* WRITE FILEMARKS(6), not immediate: `count` filemarks. */
void cdb_write_filemarks(scsi_cmd_t *c, uint32_t count)
{
    cmd_init(c, "WRITE FILEMARKS", 0x10, 6, SCSI_KIND_MEDIUM, SCSI_NONE, NULL, 0);
    put_be24(c->cdb + 2, count);
}

/* ---- runner ------------------------------------------------------------ */

void scsi_dev_init(scsi_dev_t *d, transport_t *t, const char *name)
{
    memset(d, 0, sizeof(*d));
    d->t = t;
    d->epoch = t != NULL ? t->epoch : 0;
    const char *n = name != NULL ? name : (t != NULL ? t->device : "?");
    size_t len = strnlen(n, sizeof(d->name) - 1);
    memcpy(d->name, n, len); /* long URLs are cut: the name is for log lines */
    d->name[len] = '\0';
}

void scsi_dev_set_timeouts(scsi_dev_t *d, const unsigned ms[SCSI_KINDS])
{
    for (int k = 0; k < SCSI_KINDS; k++)
        d->timeout_ms[k] = ms != NULL ? ms[k] : 0;
}

unsigned scsi_dev_timeout_ms(const scsi_dev_t *d, enum scsi_kind kind)
{
    if ((unsigned)kind < SCSI_KINDS && d->timeout_ms[kind] != 0)
        return d->timeout_ms[kind];
    return scsi_timeout_ms(kind);
}

bool scsi_dev_take_changed(scsi_dev_t *d)
{
    bool changed = d->changed;
    d->changed = false;
    return changed;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static const char *transport_failure(DWORD err)
{
    switch (err) {
    case ERROR_TIMEOUT: return "no answer within the timeout";
    case ERROR_DEVICE_NOT_AVAILABLE: return "device not reachable";
    case ERROR_NOT_ENOUGH_MEMORY: return "out of memory";
    default: return "transport error";
    }
}

static void set_why(char *why, size_t why_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_why(char *why, size_t why_len, const char *fmt, ...)
{
    if (why == NULL || why_len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

/* Outcome of one attempt, decided from status and sense. */
enum attempt { ATTEMPT_DONE, ATTEMPT_FAIL, ATTEMPT_RETRY_NOW, ATTEMPT_RETRY_LATER };

static enum attempt judge(scsi_dev_t *d, const scsi_cmd_t *c, const scsi_reply_t *r, unsigned uas, unsigned waits)
{
    uint8_t st = r->status & 0x7e;
    if (st == SCSI_ST_GOOD || st == SCSI_ST_CONDITION_MET)
        return ATTEMPT_DONE;
    if (st == SCSI_ST_BUSY || st == SCSI_ST_TASK_SET_FULL)
        return waits < wait_retries && !(c->flags & SCSI_F_NO_WAIT_RETRY) ? ATTEMPT_RETRY_LATER : ATTEMPT_FAIL;
    if (st != SCSI_ST_CHECK_CONDITION)
        return ATTEMPT_FAIL;
    switch (sense_classify(&r->sense)) {
    case SENSE_OK:
        return ATTEMPT_DONE;
    case SENSE_RETRY_UA:
        d->changed = true;
        return uas < ua_retries ? ATTEMPT_RETRY_NOW : ATTEMPT_FAIL;
    case SENSE_RETRY_WAIT:
        return waits < wait_retries && !(c->flags & SCSI_F_NO_WAIT_RETRY) ? ATTEMPT_RETRY_LATER : ATTEMPT_FAIL;
    case SENSE_FAIL:
    default:
        return ATTEMPT_FAIL;
    }
}

static DWORD fail_from_reply(scsi_dev_t *d, const scsi_cmd_t *c, const scsi_reply_t *r, char *why, size_t why_len)
{
    char text[200];
    if ((r->status & 0x7e) == SCSI_ST_CHECK_CONDITION) {
        sense_describe(&r->sense, text, sizeof(text));
        set_why(why, why_len, "%s: %s: %s", d->name, c->name, text);
        return sense_to_win32(&r->sense);
    }
    set_why(why, why_len, "%s: %s: status %s (0x%02x)", d->name, c->name, scsi_status_name(r->status), r->status);
    return scsi_status_to_win32(r->status);
}

DWORD scsi_run(scsi_dev_t *d, const scsi_cmd_t *c, scsi_reply_t *reply, char *why, size_t why_len)
{
    scsi_reply_t local;
    scsi_reply_t *r = reply != NULL ? reply : &local;
    unsigned uas = 0, waits = 0, backoff = backoff_first_ms;
    unsigned timeout = scsi_dev_timeout_ms(d, c->kind);

    for (;;) {
        scsi_result_t res;
        memset(&res, 0, sizeof(res));
        memset(r, 0, sizeof(*r));
        DWORD err = d->t->ops->exec(d->t, c->cdb, c->cdb_len, c->dir, c->buf, c->len, timeout, &res);
        if (d->t->epoch != d->epoch) { /* re-login: events may have been missed */
            d->epoch = d->t->epoch;
            d->changed = true;
        }
        if (err != ERROR_SUCCESS) {
            set_why(why, why_len, "%s: %s: %s", d->name, c->name, transport_failure(err));
            log_debug("%s: %s failed: %s (%u)", d->name, c->name, transport_failure(err), (unsigned)err);
            return err;
        }
        r->status = res.status;
        r->got = res.transferred <= c->len ? res.transferred : c->len;
        if ((res.status & 0x7e) == SCSI_ST_CHECK_CONDITION)
            sense_decode(res.sense, res.sense_len < sizeof(res.sense) ? res.sense_len : sizeof(res.sense), &r->sense);

        switch (judge(d, c, r, uas, waits)) {
        case ATTEMPT_DONE:
            return ERROR_SUCCESS;
        case ATTEMPT_RETRY_NOW:
            uas++;
            log_debug("%s: %s: unit attention %02x/%02x, retrying", d->name, c->name, r->sense.asc, r->sense.ascq);
            continue;
        case ATTEMPT_RETRY_LATER:
            waits++;
            log_debug("%s: %s: device busy or becoming ready, retry in %u ms", d->name, c->name, backoff);
            sleep_ms(backoff);
            backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
            continue;
        case ATTEMPT_FAIL:
        default: {
            DWORD e = fail_from_reply(d, c, r, why, why_len);
            log_debug("%s: %s failed (%u)", d->name, c->name, (unsigned)e);
            return e;
        }
        }
    }
}

/* ---- identity ----------------------------------------------------------- */

DWORD scsi_identify(scsi_dev_t *d, scsi_identity_t *out, char *why, size_t why_len)
{
    uint8_t buf[255];
    scsi_cmd_t c;
    scsi_reply_t r;
    memset(out, 0, sizeof(*out));

    cdb_inquiry(&c, false, 0, buf, sizeof(buf));
    DWORD err = scsi_run(d, &c, &r, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    if (!parse_inquiry(buf, r.got, &out->inq)) {
        set_why(why, why_len, "%s: INQUIRY: reply too short (%zu bytes)", d->name, r.got);
        return ERROR_IO_DEVICE;
    }
    /* The VPD pages are optional: a device without them keeps "" and the
     * caller falls back to vendor/product. */
    char ignored[256];
    cdb_inquiry(&c, true, 0x80, buf, sizeof(buf));
    if (scsi_run(d, &c, &r, ignored, sizeof(ignored)) == ERROR_SUCCESS)
        parse_vpd_80(buf, r.got, out->serial, sizeof(out->serial));
    cdb_inquiry(&c, true, 0x83, buf, sizeof(buf));
    if (scsi_run(d, &c, &r, ignored, sizeof(ignored)) == ERROR_SUCCESS)
        parse_vpd_83(buf, r.got, out->identifier, sizeof(out->identifier));
    return ERROR_SUCCESS;
}
