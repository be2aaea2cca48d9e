/*
 * attach.c - JOB_ATTACH, on the worker thread: open a library's backend,
 * find its drive devices, and bind each to its drive element by serial
 * number.
 *
 * Backends by kind:
 *   scsi        smc_open(device); the drives are the `drive` devices when
 *               the configuration names them, else found: for an iSCSI
 *               changer, the other LUNs of its target (REPORT LUNS, or LUNs
 *               0..15 when the target does not answer it) that INQUIRY says
 *               are sequential-access devices; for /dev/sgN, every other
 *               sg node that is a tape drive.
 *   virtual     virtual_open(root) and its drives.
 *   standalone  standalone_open(device): one drive, which is the library.
 *
 * Binding. A library reports each drive element's device identifier
 * (DVCID); a drive device answers INQUIRY with its serial number (VPD 80h)
 * and identifier (83h). drive_ident_match compares them. Exact matches bind
 * first; a prefix match (tgt cuts the last identifier of its reply) binds
 * only when it is the one candidate left. Never by position: a drive that
 * cannot be matched is logged and stays unbound, and a device that matches
 * no element is closed. A stand-alone library's one drive needs no match.
 */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/smc.h"
#include "changer/ssc.h"
#include "changer/standalone.h"
#include "changer/transport.h"
#include "changer/virtual.h"
#include "library/library_int.h"
#include "util/log.h"

#define PROBE_TIMEOUT_MS 5000u
#define ISCSI_FALLBACK_LUNS 16
#define PDT_SEQUENTIAL 0x01

struct candidate {
    drive_t *d;
    drive_ident_t id;
    bool configured; /* named in the configuration (its failures are warnings) */
    bool bound;
};

struct candidates {
    struct candidate v[LIBRARY_MAX_DRIVES];
    int n;
};

/* --- status --------------------------------------------------------------- */

static DWORD status_append(element_status_t *dst, element_status_t *part)
{
    if (part->n > 0) {
        element_t *v = realloc(dst->v, (dst->n + part->n) * sizeof(*v));
        if (v == NULL) {
            element_status_free(part);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        memcpy(v + dst->n, part->v, part->n * sizeof(*v));
        dst->v = v;
        dst->n += part->n;
    }
    dst->truncated = dst->truncated || part->truncated;
    element_status_free(part);
    return 0;
}

/* Types one at a time, never "all": tgt's READ ELEMENT STATUS of type 0
 * corrupts its heap (notes/tgt-testbed.md), and every backend lists by type
 * anyway. */
DWORD attach_read_status(struct backend *b, unsigned types, element_status_t *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof(*out));
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++) {
        if (types != 0 && !(types & TYPE_BIT(t)))
            continue;
        element_status_t part = {0};
        DWORD err = b->changer->ops->status(b->changer, t, &part, why, why_len);
        if (!err)
            err = status_append(out, &part);
        if (err) {
            element_status_free(out);
            if (err == ERROR_NOT_ENOUGH_MEMORY)
                snprintf(why, why_len, "out of memory reading element status");
            return err;
        }
    }
    return 0;
}

void attach_close(struct backend *b)
{
    for (int i = 0; i < b->ndrives; i++)
        if (b->drive[i] != NULL)
            b->drive[i]->ops->close(b->drive[i]);
    if (b->changer != NULL)
        b->changer->ops->close(b->changer);
    memset(b, 0, sizeof(*b));
}

/* --- finding drive devices ------------------------------------------------ */

static void add_candidate(struct candidates *c, drive_t *d, bool configured)
{
    if (c->n == LIBRARY_MAX_DRIVES) {
        d->ops->close(d);
        return;
    }
    c->v[c->n].d = d;
    c->v[c->n].configured = configured;
    c->n++;
}

static void open_configured(const library_config_t *cfg, struct candidates *c)
{
    for (int i = 0; i < cfg->ndrives; i++) {
        char why[256];
        drive_t *d = NULL;
        if (ssc_open(cfg->drives[i], &d, why, sizeof why) == 0)
            add_candidate(c, d, true);
        else
            log_warn("library %s: drive device %s: %s", cfg->name, cfg->drives[i], why);
    }
}

/* Is `device` a sequential-access device? One INQUIRY, so that devices of
 * other kinds are skipped quietly instead of refused loudly by ssc_open. */
static bool is_tape(const char *device)
{
    transport_t *t = NULL;
    char why[256];
    if (transport_open(device, &t, why, sizeof why) != 0)
        return false;
    uint8_t cdb[6] = {0x12, 0, 0, 0, 36, 0}, buf[36] = {0};
    scsi_result_t res;
    bool tape = t->ops->exec(t, cdb, sizeof cdb, SCSI_READ, buf, sizeof buf, PROBE_TIMEOUT_MS, &res) == 0 &&
                res.status == 0 && res.transferred >= 1 && buf[0] == PDT_SEQUENTIAL; /* qualifier 0 */
    transport_close(t);
    return tape;
}

static void try_device(const char *device, struct candidates *c)
{
    char why[256];
    drive_t *d = NULL;
    if (c->n < LIBRARY_MAX_DRIVES && is_tape(device) && ssc_open(device, &d, why, sizeof why) == 0)
        add_candidate(c, d, false);
}

/* The LUNs of the changer's target (REPORT LUNS through the changer's own
 * LUN); 0 when the target does not say. */
static int report_luns(const char *changer_url, int *luns, int max)
{
    transport_t *t = NULL;
    char why[256];
    if (transport_open(changer_url, &t, why, sizeof why) != 0)
        return 0;
    uint8_t buf[8 + 8 * 256] = {0};
    uint32_t len = sizeof buf;
    uint8_t cdb[12] = {0xa0, 0, 0, 0, 0, 0, (uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8),
                       (uint8_t)len, 0, 0};
    scsi_result_t res;
    int n = 0;
    if (t->ops->exec(t, cdb, sizeof cdb, SCSI_READ, buf, sizeof buf, PROBE_TIMEOUT_MS, &res) == 0 &&
        res.status == 0 && res.transferred >= 8) {
        size_t list = ((size_t)buf[0] << 24 | (size_t)buf[1] << 16 | (size_t)buf[2] << 8 | buf[3]) + 8;
        if (list > res.transferred)
            list = res.transferred;
        for (size_t off = 8; off + 8 <= list && n < max; off += 8) {
            unsigned method = buf[off] >> 6;
            if (method == 0) /* peripheral device addressing */
                luns[n++] = buf[off + 1];
            else if (method == 1) /* flat space */
                luns[n++] = (buf[off] & 0x3f) << 8 | buf[off + 1];
        }
    }
    transport_close(t);
    return n;
}

/* iscsi://host:port/iqn/LUN: the tape drives among the other LUNs. */
static void find_iscsi_drives(const char *url, struct candidates *c)
{
    const char *slash = strrchr(url, '/');
    char *end = NULL;
    long own = slash != NULL ? strtol(slash + 1, &end, 10) : -1;
    if (slash == NULL || end == slash + 1 || *end != '\0')
        return;
    int luns[256], n = report_luns(url, luns, 256);
    if (n == 0)
        for (n = 0; n < ISCSI_FALLBACK_LUNS; n++)
            luns[n] = n;
    for (int i = 0; i < n; i++) {
        char dev[LIBRARY_PATH_LEN + 8];
        if (luns[i] == own)
            continue;
        snprintf(dev, sizeof dev, "%.*s/%d", (int)(slash - url), url, luns[i]);
        try_device(dev, c);
    }
}

/* /dev/sgN: every other sg node that is a tape drive. */
static void find_sg_drives(const char *changer, struct candidates *c)
{
    char own[PATH_MAX] = "", path[PATH_MAX];
    glob_t g;
    if (realpath(changer, own) == NULL)
        snprintf(own, sizeof own, "%s", changer);
    if (glob("/dev/sg[0-9]*", 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (realpath(g.gl_pathv[i], path) != NULL && strcmp(path, own) == 0)
            continue;
        try_device(g.gl_pathv[i], c);
    }
    globfree(&g);
}

/* --- opening a backend ---------------------------------------------------- */

static DWORD open_scsi(library_t *lib, struct candidates *c, char *why, size_t why_len)
{
    const library_config_t *cfg = &lib->cfg;
    DWORD err = smc_open(cfg->device, cfg->name, &lib->w.changer, why, why_len);
    if (err)
        return err;
    smc_set_timeouts(lib->w.changer, cfg->timeout_ms);
    if (cfg->ndrives > 0)
        open_configured(cfg, c);
    else if (strncmp(cfg->device, "iscsi://", 8) == 0)
        find_iscsi_drives(cfg->device, c);
    else
        find_sg_drives(cfg->device, c);
    return 0;
}

static DWORD open_virtual(library_t *lib, struct candidates *c, char *why, size_t why_len)
{
    const library_config_t *cfg = &lib->cfg;
    virtual_layout_t layout = {
        .slots = cfg->slots,
        .drives = cfg->drive_count,
        .ports = cfg->ports,
        .cartridges = cfg->cartridges,
        .barcode_prefix = cfg->barcode_prefix[0] ? cfg->barcode_prefix : NULL,
        .barcode_suffix = cfg->barcode_suffix[0] ? cfg->barcode_suffix : NULL,
        .cartridge_size = cfg->cartridge_bytes,
    };
    changer_info_t info;
    DWORD err = virtual_open(cfg->root, cfg->name, &layout, &lib->w.changer, why, why_len);
    if (!err)
        err = lib->w.changer->ops->info(lib->w.changer, &info, why, why_len);
    for (unsigned i = 0; !err && i < info.range[ELEM_DRIVE].count && c->n < LIBRARY_MAX_DRIVES; i++) {
        drive_t *d = NULL;
        err = virtual_drive_open(lib->w.changer, i, &d, why, why_len);
        if (!err)
            add_candidate(c, d, true);
    }
    return err;
}

static DWORD open_standalone(library_t *lib, struct candidates *c, char *why, size_t why_len)
{
    drive_t *d = NULL;
    DWORD err = standalone_open(lib->cfg.device, lib->cfg.name, &lib->w.changer, &d, why, why_len);
    if (!err && d != NULL)
        add_candidate(c, d, true);
    return err;
}

/* --- binding -------------------------------------------------------------- */

static int by_address(const void *a, const void *b)
{
    const element_t *x = *(const element_t *const *)a, *y = *(const element_t *const *)b;
    return (x->address > y->address) - (x->address < y->address);
}

/* The drive elements of `s` in address order; returns how many. */
static int drive_elements(const element_status_t *s, const element_t **out)
{
    int n = 0;
    for (size_t i = 0; i < s->n && n < LIBRARY_MAX_DRIVES; i++)
        if (s->v[i].type == ELEM_DRIVE)
            out[n++] = &s->v[i];
    qsort(out, (size_t)n, sizeof(*out), by_address);
    return n;
}

/* The one unbound candidate that matches e at `level`, or -1 (none, or
 * several for a prefix match). */
static int match_candidate(struct candidates *c, const element_t *e, enum drive_match level)
{
    int found = -1;
    for (int k = 0; k < c->n; k++) {
        if (c->v[k].bound || drive_ident_match(&c->v[k].id, e) != level)
            continue;
        if (level == DRIVE_MATCH_EXACT)
            return k;
        if (found >= 0)
            return -1;
        found = k;
    }
    return found;
}

static void report_unbound(const library_t *lib, const element_t *e)
{
    if (e->device_id[0] == '\0')
        log_warn("library %s: drive element %u reports no device identifier (DVCID), so no drive device can "
                 "be bound to it by serial number; it stays unbound", lib->cfg.name, e->address);
    else
        log_warn("library %s: no drive device has the identifier \"%s\" of drive element %u; it stays unbound",
                 lib->cfg.name, e->device_id, e->address);
}

static void bind_drives(library_t *lib, struct candidates *c, const element_status_t *s, job_t *job)
{
    const element_t *el[LIBRARY_MAX_DRIVES];
    int owner[LIBRARY_MAX_DRIVES];
    int n = drive_elements(s, el);
    for (int i = 0; i < n; i++)
        owner[i] = -1;
    if (lib->cfg.kind == LIBRARY_STANDALONE && n == 1 && c->n == 1) {
        owner[0] = 0; /* the drive is the library */
        c->v[0].bound = true;
    }
    for (int pass = 0; pass < 2; pass++) {
        enum drive_match level = pass == 0 ? DRIVE_MATCH_EXACT : DRIVE_MATCH_PREFIX;
        for (int i = 0; i < n; i++) {
            if (owner[i] >= 0)
                continue;
            owner[i] = match_candidate(c, el[i], level);
            if (owner[i] >= 0)
                c->v[owner[i]].bound = true;
        }
    }
    lib->w.ndrives = job->ndrives = n;
    for (int i = 0; i < n; i++) {
        if (owner[i] < 0) {
            report_unbound(lib, el[i]);
            continue;
        }
        lib->w.drive[i] = c->v[owner[i]].d;
        job->drives[i] = c->v[owner[i]].id;
        log_info("library %s: drive element %u is %s %s, serial %s, at %s", lib->cfg.name, el[i]->address,
                 job->drives[i].vendor, job->drives[i].product, job->drives[i].serial, job->drives[i].device_name);
    }
    for (int k = 0; k < c->n; k++) {
        if (c->v[k].bound)
            continue;
        if (c->v[k].configured)
            log_warn("library %s: drive device %s (serial %s) is none of the library's drive elements; not used",
                     lib->cfg.name, c->v[k].id.device_name, c->v[k].id.serial);
        else
            log_debug("library %s: %s (serial %s) is not one of its drives", lib->cfg.name,
                      c->v[k].id.device_name, c->v[k].id.serial);
        c->v[k].d->ops->close(c->v[k].d);
        c->v[k].d = NULL;
    }
}

/* Identify every candidate; drop those that do not answer. A SCSI drive's
 * device name becomes its Linux tape node when one has its serial. */
static void identify_candidates(library_t *lib, struct candidates *c)
{
    int kept = 0;
    for (int k = 0; k < c->n; k++) {
        struct candidate *cd = &c->v[k];
        char why[256];
        ssc_set_timeouts(cd->d, lib->cfg.timeout_ms); /* a no-op on virtual drives */
        if (cd->d->ops->identify(cd->d, &cd->id, why, sizeof why) != 0) {
            log_warn("library %s: a drive device does not identify itself: %s", lib->cfg.name, why);
            cd->d->ops->close(cd->d);
            continue;
        }
        char node[sizeof cd->id.device_name];
        if (lib->cfg.kind != LIBRARY_VIRTUAL && cd->id.serial[0] != '\0' &&
            drive_find_linux_device(cd->id.serial, node, sizeof node) == 0)
            snprintf(cd->id.device_name, sizeof cd->id.device_name, "%s", node);
        c->v[kept++] = *cd;
    }
    c->n = kept;
}

static void close_candidates(struct candidates *c)
{
    for (int k = 0; k < c->n; k++)
        if (c->v[k].d != NULL && !c->v[k].bound)
            c->v[k].d->ops->close(c->v[k].d);
    c->n = 0;
}

DWORD attach_run(library_t *lib, job_t *job)
{
    struct candidates *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        snprintf(job->why, sizeof job->why, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    attach_close(&lib->w);
    DWORD err;
    switch (lib->cfg.kind) {
    case LIBRARY_VIRTUAL: err = open_virtual(lib, c, job->why, sizeof job->why); break;
    case LIBRARY_STANDALONE: err = open_standalone(lib, c, job->why, sizeof job->why); break;
    default: err = open_scsi(lib, c, job->why, sizeof job->why); break;
    }
    if (!err)
        err = lib->w.changer->ops->info(lib->w.changer, &job->info, job->why, sizeof job->why);
    if (!err)
        err = attach_read_status(&lib->w, 0, &job->status, job->why, sizeof job->why);
    if (!err) {
        identify_candidates(lib, c);
        bind_drives(lib, c, &job->status, job);
    }
    if (err) {
        close_candidates(c);
        attach_close(&lib->w);
        element_status_free(&job->status);
    }
    free(c);
    return err;
}
