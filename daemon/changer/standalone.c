/*
 * standalone.c - a stand-alone drive as a library of one drive element (see
 * standalone.h): presence by TEST UNIT READY, change detection by comparing
 * presence between calls, PREVENT/ALLOW, and eject.
 *
 * The changer and the data drive share the device's one transport: the
 * drive gets a proxy transport whose exec goes to the real one and whose
 * close drops a reference. Both are used by the library's one worker
 * thread, so the count needs no lock. The proxy also notes UNIT ATTENTIONs
 * the drive's commands consumed, so a medium swapped between two checks is
 * still reported by the next check.
 */
#include "changer/standalone.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/discover.h"
#include "changer/scsi_cmd.h"
#include "changer/ssc.h"
#include "changer/standalone_int.h"
#include "util/log.h"

enum {
    PDT_DISK = 0x00,
    PDT_TAPE = 0x01,
    PDT_CDROM = 0x05,
    PDT_OPTICAL = 0x07,
    PDT_RBC = 0x0e,
};

typedef struct standalone {
    changer_t base;
    transport_t proxy;  /* handed to the drive */
    transport_t *t;     /* the device */
    unsigned refs;      /* the changer, and the drive's proxy when handed out */
    bool drive_ua;      /* a UNIT ATTENTION reached the drive's commands */
    scsi_dev_t dev;
    scsi_identity_t id;
    bool tape;          /* else optical or removable disk */
    int present;        /* at the last look: 1 medium in, 0 none, -1 not known */
} standalone_t;

static const changer_ops_t standalone_ops;

static standalone_t *of(changer_t *c) { return (standalone_t *)c; }
static standalone_t *of_proxy(transport_t *t)
{
    return (standalone_t *)((char *)t - offsetof(standalone_t, proxy));
}

static void release(standalone_t *s)
{
    if (--s->refs > 0)
        return;
    transport_close(s->t);
    free(s);
}

/* ---- the proxy transport ------------------------------------------------ */

static DWORD proxy_exec(transport_t *p, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                        size_t buf_len, unsigned timeout_ms, scsi_result_t *res)
{
    standalone_t *s = of_proxy(p);
    DWORD err = s->t->ops->exec(s->t, cdb, cdb_len, dir, buf, buf_len, timeout_ms, res);
    p->epoch = s->t->epoch;
    scsi_sense_t sn;
    if (err == ERROR_SUCCESS && (res->status & 0x7e) == SCSI_ST_CHECK_CONDITION &&
        sense_decode(res->sense, res->sense_len < sizeof(res->sense) ? res->sense_len : sizeof(res->sense), &sn) &&
        sn.key == SK_UNIT_ATTENTION)
        s->drive_ua = true;
    return err;
}

static void proxy_close(transport_t *p) { release(of_proxy(p)); }

static const transport_ops_t proxy_ops = {.exec = proxy_exec, .close = proxy_close};

/* ---- shared with standalone_disc.c ------------------------------------- */

void cdb_start_stop_unit(scsi_cmd_t *c, bool start, bool loej)
{
    memset(c, 0, sizeof(*c));
    c->name = loej ? (start ? "START STOP UNIT (load)" : "START STOP UNIT (eject)") : "START STOP UNIT";
    c->cdb[0] = 0x1b;
    c->cdb[4] = (uint8_t)((loej ? 0x02 : 0x00) | (start ? 0x01 : 0x00));
    c->cdb_len = 6;
    c->dir = SCSI_NONE;
    c->kind = SCSI_KIND_MEDIUM;
}

enum probe standalone_probe(scsi_dev_t *d, DWORD *err, char *why, size_t why_len)
{
    scsi_cmd_t c;
    scsi_reply_t r;
    cdb_test_unit_ready(&c);
    c.flags |= SCSI_F_NO_WAIT_RETRY; /* one look: callers poll on their own clock */
    *err = scsi_run(d, &c, &r, why, why_len);
    if (*err == ERROR_SUCCESS)
        return PROBE_READY;
    if (r.sense.valid && r.sense.asc == 0x3a)
        return PROBE_ABSENT;
    if (r.sense.valid && r.sense.key == SK_NOT_READY)
        return r.sense.asc == 0x04 && r.sense.ascq == 0x02 ? PROBE_NEEDS_START : PROBE_NOT_READY;
    if (r.status == SCSI_ST_BUSY || r.status == SCSI_ST_TASK_SET_FULL)
        return PROBE_BUSY;
    return PROBE_FAILED;
}

DWORD standalone_run(scsi_dev_t *d, const scsi_cmd_t *c, scsi_reply_t *r, char *why, size_t why_len)
{
    DWORD err = scsi_run(d, c, r, why, why_len);
    if (err != ERROR_SUCCESS)
        log_warn("%s", why);
    return err;
}

/* Presence now: 0 with *present set, or the error (logged). */
static DWORD look(standalone_t *s, bool *present, char *why, size_t why_len)
{
    DWORD err;
    enum probe p = standalone_probe(&s->dev, &err, why, why_len);
    if (p == PROBE_FAILED || p == PROBE_BUSY) {
        log_warn("%s", why);
        return err;
    }
    *present = probe_present(p);
    return ERROR_SUCCESS;
}

/* ---- changer operations ------------------------------------------------- */

static DWORD sa_info(changer_t *c, changer_info_t *out, char *why, size_t why_len)
{
    standalone_t *s = of(c);
    (void)why;
    (void)why_len;
    memset(out, 0, sizeof(*out));
    scsi_strlcpy(out->vendor, sizeof(out->vendor), s->id.inq.vendor);
    scsi_strlcpy(out->product, sizeof(out->product), s->id.inq.product);
    scsi_strlcpy(out->revision, sizeof(out->revision), s->id.inq.revision);
    scsi_strlcpy(out->serial, sizeof(out->serial), s->id.serial);
    scsi_strlcpy(out->identifier, sizeof(out->identifier), s->id.identifier);
    out->range[ELEM_DRIVE].first = STANDALONE_DRIVE_ADDR;
    out->range[ELEM_DRIVE].count = 1;
    out->can_lock_door = true; /* PREVENT MEDIUM REMOVAL on the drive */
    return ERROR_SUCCESS;
}

static DWORD sa_status(changer_t *c, int type, element_status_t *out, char *why, size_t why_len)
{
    standalone_t *s = of(c);
    memset(out, 0, sizeof(*out));
    if (type < ELEM_TRANSPORT || type > ELEM_DRIVE) {
        snprintf(why, why_len, "%s: no element type %d", c->name, type);
        return ERROR_INVALID_PARAMETER;
    }
    if (type != ELEM_DRIVE)
        return ERROR_SUCCESS; /* no transport, slots or ports */
    bool present = false;
    DWORD err = look(s, &present, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    element_t *e = calloc(1, sizeof(*e));
    if (e == NULL) {
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    e->address = STANDALONE_DRIVE_ADDR;
    e->type = ELEM_DRIVE;
    e->full = present;
    e->access = true;
    /* The drive's own serial, so binding by serial works as for a robot. */
    scsi_strlcpy(e->device_id, sizeof(e->device_id), s->id.serial[0] != '\0' ? s->id.serial : s->id.identifier);
    out->v = e;
    out->n = 1;
    s->present = present;
    return ERROR_SUCCESS;
}

/* Nothing to re-scan but the drive itself. */
static DWORD sa_rescan(changer_t *c, uint16_t first, uint16_t count, char *why, size_t why_len)
{
    (void)first;
    (void)count;
    bool present = false;
    return look(of(c), &present, why, why_len);
}

static DWORD no_robot(changer_t *c, const char *what, char *why, size_t why_len)
{
    snprintf(why, why_len, "%s: %s: a stand-alone drive has no robot", c->name, what);
    return ERROR_NOT_SUPPORTED;
}

static DWORD sa_move(changer_t *c, uint16_t from, uint16_t to, char *why, size_t why_len)
{
    (void)from;
    (void)to;
    return no_robot(c, "MOVE MEDIUM", why, why_len);
}

static DWORD sa_exchange(changer_t *c, uint16_t src, uint16_t dst1, uint16_t dst2, char *why, size_t why_len)
{
    (void)src;
    (void)dst1;
    (void)dst2;
    return no_robot(c, "EXCHANGE MEDIUM", why, why_len);
}

static DWORD sa_position(changer_t *c, uint16_t to, char *why, size_t why_len)
{
    (void)to;
    return no_robot(c, "POSITION TO ELEMENT", why, why_len);
}

static DWORD sa_port(changer_t *c, uint16_t address, bool open, char *why, size_t why_len)
{
    (void)address;
    (void)open;
    return no_robot(c, "OPEN/CLOSE IMPORT/EXPORT ELEMENT", why, why_len);
}

static DWORD sa_lock(changer_t *c, bool prevent, char *why, size_t why_len)
{
    standalone_t *s = of(c);
    scsi_cmd_t cmd;
    cdb_prevent_allow(&cmd, prevent);
    return standalone_run(&s->dev, &cmd, NULL, why, why_len);
}

/* A person may have put a medium in or taken it out since the last look;
 * a UNIT ATTENTION (28/00 "medium may have changed") covers a swap between
 * two looks, where presence alone would not flip. */
static DWORD sa_check(changer_t *c, bool *changed, char *why, size_t why_len)
{
    standalone_t *s = of(c);
    bool present = false;
    *changed = false;
    DWORD err = look(s, &present, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    bool ua = scsi_dev_take_changed(&s->dev) || s->drive_ua;
    s->drive_ua = false;
    *changed = ua || s->present < 0 || s->present != (int)present;
    if (*changed)
        log_info("%s: medium %s", c->name, present ? (s->present == 1 ? "may have been replaced" : "inserted")
                                                   : (s->present == 0 ? "state changed" : "removed"));
    s->present = present;
    return ERROR_SUCCESS;
}

static void sa_close(changer_t *c) { release(of(c)); }

static const changer_ops_t standalone_ops = {
    .name = "standalone",
    .info = sa_info,
    .status = sa_status,
    .rescan = sa_rescan,
    .move = sa_move,
    .exchange = sa_exchange,
    .position = sa_position,
    .lock = sa_lock,
    .port = sa_port,
    .check = sa_check,
    .close = sa_close,
};

bool standalone_is(const changer_t *c) { return c != NULL && c->ops == &standalone_ops; }

/* ---- eject -------------------------------------------------------------- */

/* After an unload: is the medium still loaded and ready? */
static DWORD still_ready(standalone_t *s, bool *ready, char *why, size_t why_len)
{
    DWORD err;
    enum probe p = standalone_probe(&s->dev, &err, why, why_len);
    if (p == PROBE_FAILED) {
        log_warn("%s", why);
        return err;
    }
    *ready = p == PROBE_READY;
    return ERROR_SUCCESS;
}

/* Tape: UNLOAD; if the drive is still ready (tgt ignores LOAD=0), the same
 * with bit 1 of byte 4, which tgt reads as START STOP UNIT's LOEJ. */
static DWORD eject_tape(standalone_t *s, char *why, size_t why_len)
{
    scsi_cmd_t c;
    bool ready = false;
    cdb_load_unload(&c, false);
    DWORD err = standalone_run(&s->dev, &c, NULL, why, why_len);
    if (err == ERROR_SUCCESS)
        err = still_ready(s, &ready, why, why_len);
    if (err != ERROR_SUCCESS || !ready)
        return err;
    log_debug("%s: still ready after UNLOAD, unloading with byte 4 bit 1 set", s->base.name);
    cdb_load_unload(&c, false);
    c.cdb[4] = 0x02;
    c.name = "UNLOAD (LOEJ)";
    return standalone_run(&s->dev, &c, NULL, why, why_len);
}

DWORD standalone_eject(changer_t *c, char *why, size_t why_len)
{
    if (!standalone_is(c)) {
        snprintf(why, why_len, "%s: not a stand-alone drive", c != NULL ? c->name : "(none)");
        return ERROR_NOT_SUPPORTED;
    }
    standalone_t *s = of(c);
    bool present = false, ready = false;
    DWORD err = look(s, &present, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    if (s->tape && !present) {
        log_debug("%s: eject: the drive is empty", c->name);
        s->present = 0;
        return ERROR_SUCCESS;
    }
    char ignored[256];
    scsi_cmd_t cmd;
    cdb_prevent_allow(&cmd, false); /* our own PREVENT would refuse the eject */
    if (scsi_run(&s->dev, &cmd, NULL, ignored, sizeof(ignored)) != ERROR_SUCCESS)
        log_debug("%s", ignored);
    if (s->tape) {
        err = eject_tape(s, why, why_len);
    } else {
        cdb_start_stop_unit(&cmd, false, true);
        err = standalone_run(&s->dev, &cmd, NULL, why, why_len);
    }
    if (err == ERROR_SUCCESS)
        err = still_ready(s, &ready, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    if (ready) {
        snprintf(why, why_len, "%s: the medium is still loaded after the eject", c->name);
        log_warn("%s", why);
        return ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA;
    }
    /* Our own doing: the next check() must not report it as a change. */
    err = look(s, &present, why, why_len);
    if (err == ERROR_SUCCESS)
        s->present = present;
    scsi_dev_take_changed(&s->dev);
    log_info("%s: medium ejected", c->name);
    return ERROR_SUCCESS;
}

/* ---- open --------------------------------------------------------------- */

static bool kind_of(const scsi_inquiry_t *inq, bool *tape)
{
    *tape = inq->pdt == PDT_TAPE;
    switch (inq->pdt) {
    case PDT_TAPE:
    case PDT_CDROM:
    case PDT_OPTICAL:
        return true;
    case PDT_DISK:
    case PDT_RBC:
        return inq->removable;
    default:
        return false;
    }
}

/* Identify the device, take the first look, hand out the drive. */
static DWORD attach(standalone_t *s, drive_t **drive, char *why, size_t why_len)
{
    DWORD err = scsi_identify(&s->dev, &s->id, why, why_len);
    if (err == ERROR_SUCCESS && (s->id.inq.qualifier != 0 || !kind_of(&s->id.inq, &s->tape))) {
        snprintf(why, why_len, "%s: not a removable-media drive (peripheral type 0x%02x%s)", s->t->device,
                 s->id.inq.pdt, s->id.inq.removable ? "" : ", not removable");
        err = ERROR_INVALID_PARAMETER;
    }
    bool present = false;
    if (err == ERROR_SUCCESS)
        err = look(s, &present, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    s->present = present;
    scsi_dev_take_changed(&s->dev); /* the power-on UA of a new session is not news */
    if (drive == NULL)
        return ERROR_SUCCESS;
    s->refs++;
    err = s->tape ? ssc_open_transport(&s->proxy, s->base.name, drive, why, why_len)
                  : disc_open_transport(&s->proxy, s->base.name, drive, why, why_len);
    s->drive_ua = false;
    return err;
}

DWORD standalone_open_transport(transport_t *t, const char *name, changer_t **out, drive_t **drive, char *why,
                                size_t why_len)
{
    *out = NULL;
    if (drive != NULL)
        *drive = NULL;
    standalone_t *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        transport_close(t);
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->base.ops = &standalone_ops;
    scsi_strlcpy(s->base.name, sizeof(s->base.name), name != NULL ? name : t->device);
    s->t = t;
    s->refs = 1;
    s->present = -1;
    s->proxy.ops = &proxy_ops;
    s->proxy.epoch = t->epoch;
    scsi_strlcpy(s->proxy.device, sizeof(s->proxy.device), t->device);
    scsi_dev_init(&s->dev, t, s->base.name);
    DWORD err = attach(s, drive, why, why_len);
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        release(s); /* a drive that failed to open has dropped its reference */
        return err;
    }
    *out = &s->base;
    if (why_len > 0)
        why[0] = '\0'; /* the empty drive's 3A/00 on the way is no failure */
    log_info("%s: stand-alone %s drive %s %s (serial '%s'), %s", s->base.name, s->tape ? "tape" : "removable",
             s->id.inq.vendor, s->id.inq.product, s->id.serial, s->present ? "medium present" : "empty");
    return ERROR_SUCCESS;
}

DWORD standalone_open(const char *device, const char *name, changer_t **out, drive_t **drive, char *why,
                      size_t why_len)
{
    char sg[LIBRARY_PATH_LEN];
    *out = NULL;
    if (drive != NULL)
        *drive = NULL;
    if (device == NULL || device[0] == '\0') {
        snprintf(why, why_len, "%s: no device given", name != NULL ? name : "stand-alone drive");
        return ERROR_INVALID_PARAMETER;
    }
    DWORD err = discover_sg_node(NULL, device, sg, sizeof(sg));
    if (err != ERROR_SUCCESS) {
        snprintf(why, why_len, "%s: no SCSI generic node for %s (not a SCSI drive, or the sg module is not loaded)",
                 name != NULL ? name : device, device);
        log_warn("%s", why);
        return err;
    }
    transport_t *t = NULL;
    err = transport_open(sg, &t, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    return standalone_open_transport(t, name, out, drive, why, why_len);
}
