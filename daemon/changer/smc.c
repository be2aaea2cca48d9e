/*
 * smc.c - the SCSI Medium Changer backend ("smc"): changer_ops_t over a
 * transport, for real libraries (SG_IO) and iSCSI ones (tgtd in tests).
 *
 * The element map comes from mode page 1Dh (or, when a library has none,
 * from one untagged status scan per type); capabilities from page 1Fh and
 * REPORT SUPPORTED OPERATION CODES where the library has them. A command the
 * library turns out not to support (20/00) clears the matching can_* flag,
 * so info() tells the truth after the first attempt.
 */
#include "changer/smc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/smc_priv.h"
#include "util/log.h"

#define PDT_MEDIUM_CHANGER 0x08
#define PQ_NO_LUN 3 /* peripheral qualifier: the target has no logical unit there */

static smc_t *smc_of(changer_t *c) { return (smc_t *)c; }

/* Run a command without data. A library that lacks an optional command
 * (20/00) clears *capability, now and after every later info()
 * (s->refused), and is not asked again: callers that try anyway (a port
 * door opened for each eject) get ERROR_NOT_SUPPORTED at once, without a
 * command or a log line each time. */
static DWORD run_simple(smc_t *s, const scsi_cmd_t *c, bool *capability, char *why, size_t why_len)
{
    if (capability != NULL && s->refused[c->cdb[0]]) {
        snprintf(why, why_len, "%s: %s: not supported by the library", s->base.name, c->name);
        return ERROR_NOT_SUPPORTED;
    }
    DWORD err = scsi_run(&s->dev, c, NULL, why, why_len);
    if (err == ERROR_NOT_SUPPORTED && capability != NULL) {
        s->refused[c->cdb[0]] = true;
        *capability = false;
        log_info("%s; the library lacks it, so it is not asked again", why);
    } else if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
    }
    return err;
}

/* Mode page `page` through MODE SENSE(6), then (10) for devices that only
 * have the long form. Copies the page to out; false if neither works. */
static bool read_mode_page(smc_t *s, uint8_t page, uint8_t *out, size_t out_cap, size_t *out_len)
{
    uint8_t buf[512];
    char ignored[256];
    for (int ten = 0; ten <= 1; ten++) {
        scsi_cmd_t c;
        scsi_reply_t r;
        if (ten)
            cdb_mode_sense10(&c, page, buf, sizeof(buf));
        else
            cdb_mode_sense6(&c, page, buf, 255);
        if (scsi_run(&s->dev, &c, &r, ignored, sizeof(ignored)) != ERROR_SUCCESS)
            continue;
        size_t len = 0;
        const uint8_t *p = mode_page_find(buf, r.got, ten, page, &len);
        if (p == NULL)
            continue;
        *out_len = len < out_cap ? len : out_cap;
        memcpy(out, p, *out_len);
        return true;
    }
    return false;
}

/* Which optional commands the library has, when it can say so. Without
 * REPORT SUPPORTED OPERATION CODES: assume the common ones and learn from
 * the first refusal. */
static void learn_commands(smc_t *s)
{
    changer_info_t *in = &s->info;
    uint8_t buf[4096];
    bool sup[256] = {false};
    scsi_cmd_t c;
    scsi_reply_t r;
    char ignored[256];
    cdb_report_opcodes(&c, buf, sizeof(buf));
    if (scsi_run(&s->dev, &c, &r, ignored, sizeof(ignored)) == ERROR_SUCCESS &&
        parse_supported_opcodes(buf, r.got, sup) > 0) {
        in->can_exchange = in->can_exchange && sup[0xa6];
        in->can_position = sup[0x2b];
        in->can_lock_door = sup[0x1e];
        in->can_open_port = sup[0x1b];
        in->can_init_range = sup[0x37];
        return;
    }
    in->can_position = false;
    in->can_lock_door = true;
    in->can_open_port = false;
    in->can_init_range = true;
}

/* What the library already refused stays refused. */
static void apply_refusals(smc_t *s)
{
    changer_info_t *in = &s->info;
    in->can_exchange = in->can_exchange && !s->refused[0xa6];
    in->can_position = in->can_position && !s->refused[0x2b];
    in->can_lock_door = in->can_lock_door && !s->refused[0x1e];
    in->can_open_port = in->can_open_port && !s->refused[0x1b];
    in->can_init_range = in->can_init_range && !s->refused[0x37];
}

static DWORD load_info(smc_t *s, char *why, size_t why_len)
{
    scsi_identity_t id;
    DWORD err = scsi_identify(&s->dev, &id, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    changer_info_t *in = &s->info;
    memset(in, 0, sizeof(*in));
    scsi_strlcpy(in->vendor, sizeof(in->vendor), id.inq.vendor);
    scsi_strlcpy(in->product, sizeof(in->product), id.inq.product);
    scsi_strlcpy(in->revision, sizeof(in->revision), id.inq.revision);
    scsi_strlcpy(in->serial, sizeof(in->serial), id.serial);
    scsi_strlcpy(in->identifier, sizeof(in->identifier), id.identifier);
    in->has_barcode_reader = !s->no_voltag;

    uint8_t page[64];
    size_t len = 0;
    if (!read_mode_page(s, 0x1d, page, sizeof(page), &len) || !parse_mode_page_1d(page, len, in)) {
        log_info("%s: no element address assignment page; scanning for the element map", s->dev.name);
        err = smc_ranges_from_status(s, why, why_len);
        if (err != ERROR_SUCCESS)
            return err;
    }
    if (read_mode_page(s, 0x1f, page, sizeof(page), &len))
        parse_mode_page_1f(page, len, in);
    learn_commands(s);
    apply_refusals(s);
    s->have_info = true;
    return ERROR_SUCCESS;
}

static DWORD ensure_info(smc_t *s, char *why, size_t why_len)
{
    return s->have_info ? ERROR_SUCCESS : load_info(s, why, why_len);
}

/* The picker's address for MOVE/EXCHANGE/POSITION: the first transport
 * element, or 0 ("the default one") when the library lists none. */
static uint16_t picker(const smc_t *s)
{
    return s->info.range[ELEM_TRANSPORT].count > 0 ? s->info.range[ELEM_TRANSPORT].first : 0;
}

static DWORD smc_info(changer_t *c, changer_info_t *out, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    DWORD err = load_info(s, why, why_len);
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        return err;
    }
    *out = s->info;
    return ERROR_SUCCESS;
}

static DWORD smc_status(changer_t *c, int type, element_status_t *out, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    memset(out, 0, sizeof(*out));
    if (type < ELEM_TRANSPORT || type > ELEM_DRIVE) {
        snprintf(why, why_len, "%s: element type %d is not one of 1..4", s->dev.name, type);
        return ERROR_INVALID_PARAMETER;
    }
    DWORD err = ensure_info(s, why, why_len);
    if (err == ERROR_SUCCESS && s->info.range[type].count > 0)
        err = smc_read_status(s, (uint8_t)type, s->info.range[type].first, s->info.range[type].count, true, out,
                              why, why_len);
    if (err != ERROR_SUCCESS) {
        element_status_free(out);
        log_warn("%s", why);
    }
    return err;
}

/* INITIALIZE ELEMENT STATUS WITH RANGE when asked for a range and the
 * library has it; the whole library otherwise (a superset). */
static DWORD smc_rescan(changer_t *c, uint16_t first, uint16_t count, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    DWORD err = ensure_info(s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_cmd_t cmd;
    if (count > 0 && s->info.can_init_range) {
        cdb_init_element_status_range(&cmd, first, count);
        err = scsi_run(&s->dev, &cmd, NULL, why, why_len);
        if (err != ERROR_NOT_SUPPORTED)
            goto done;
        s->refused[0x37] = true;
        s->info.can_init_range = false;
    }
    cdb_init_element_status(&cmd);
    err = scsi_run(&s->dev, &cmd, NULL, why, why_len);
done:
    if (err != ERROR_SUCCESS)
        log_warn("%s", why);
    return err;
}

static DWORD smc_move(changer_t *c, uint16_t from, uint16_t to, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    DWORD err = ensure_info(s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_cmd_t cmd;
    cdb_move_medium(&cmd, picker(s), from, to);
    return run_simple(s, &cmd, NULL, why, why_len);
}

static DWORD smc_exchange(changer_t *c, uint16_t src, uint16_t dst1, uint16_t dst2, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    DWORD err = ensure_info(s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_cmd_t cmd;
    cdb_exchange_medium(&cmd, picker(s), src, dst1, dst2);
    return run_simple(s, &cmd, &s->info.can_exchange, why, why_len);
}

static DWORD smc_position(changer_t *c, uint16_t to, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    DWORD err = ensure_info(s, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    scsi_cmd_t cmd;
    cdb_position_to_element(&cmd, picker(s), to);
    return run_simple(s, &cmd, &s->info.can_position, why, why_len);
}

static DWORD smc_lock(changer_t *c, bool prevent, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    scsi_cmd_t cmd;
    cdb_prevent_allow(&cmd, prevent);
    return run_simple(s, &cmd, &s->info.can_lock_door, why, why_len);
}

static DWORD smc_port(changer_t *c, uint16_t address, bool open, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    scsi_cmd_t cmd;
    cdb_open_close_port(&cmd, address, open);
    return run_simple(s, &cmd, &s->info.can_open_port, why, why_len);
}

/* TEST UNIT READY; the runner retries a UNIT ATTENTION and remembers it,
 * as it does for every other command since the last check. */
static DWORD smc_check(changer_t *c, bool *changed, char *why, size_t why_len)
{
    smc_t *s = smc_of(c);
    scsi_cmd_t cmd;
    cdb_test_unit_ready(&cmd);
    DWORD err = scsi_run(&s->dev, &cmd, NULL, why, why_len);
    *changed = scsi_dev_take_changed(&s->dev);
    if (*changed)
        s->have_info = false; /* the map itself may have changed (power on) */
    if (err != ERROR_SUCCESS)
        log_warn("%s", why);
    return err;
}

static void smc_close(changer_t *c)
{
    smc_t *s = smc_of(c);
    transport_close(s->t);
    free(s);
}

static const changer_ops_t smc_ops = {
    .name = "smc",
    .info = smc_info,
    .status = smc_status,
    .rescan = smc_rescan,
    .move = smc_move,
    .exchange = smc_exchange,
    .position = smc_position,
    .lock = smc_lock,
    .port = smc_port,
    .check = smc_check,
    .close = smc_close,
};

void smc_set_timeouts(changer_t *c, const unsigned ms[SCSI_KINDS])
{
    if (c != NULL && c->ops == &smc_ops)
        scsi_dev_set_timeouts(&smc_of(c)->dev, ms);
}

DWORD smc_open_transport(transport_t *t, const char *name, changer_t **out, char *why, size_t why_len)
{
    *out = NULL;
    smc_t *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        transport_close(t);
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->base.ops = &smc_ops;
    scsi_strlcpy(s->base.name, sizeof(s->base.name), name != NULL ? name : t->device);
    s->t = t;
    scsi_dev_init(&s->dev, t, s->base.name);

    scsi_identity_t id;
    DWORD err = scsi_identify(&s->dev, &id, why, why_len);
    if (err == ERROR_SUCCESS && id.inq.qualifier == PQ_NO_LUN) {
        snprintf(why, why_len, "%s: %s: no such logical unit (the target has none at that LUN)", s->base.name,
                 t->device);
        err = ERROR_INVALID_PARAMETER;
    } else if (err == ERROR_SUCCESS && (id.inq.qualifier != 0 || id.inq.pdt != PDT_MEDIUM_CHANGER)) {
        snprintf(why, why_len, "%s: %s is not a medium changer (peripheral type 0x%02x, qualifier %u)",
                 s->base.name, t->device, id.inq.pdt, id.inq.qualifier);
        err = ERROR_INVALID_PARAMETER;
    }
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        smc_close(&s->base);
        return err;
    }
    *out = &s->base;
    return ERROR_SUCCESS;
}

DWORD smc_open(const char *device, const char *name, changer_t **out, char *why, size_t why_len)
{
    transport_t *t = NULL;
    *out = NULL;
    DWORD err = transport_open(device, &t, why, why_len);
    if (err != ERROR_SUCCESS)
        return err;
    return smc_open_transport(t, name, out, why, why_len);
}
