/*
 * discover.c - the libraries and stand-alone drives sysfs shows (see
 * discover.h for the rules), and from a kernel node to its sg node.
 *
 * Only files are read here: no device is opened, so a scan is cheap, cannot
 * hang on a busy drive, and runs the same on a fake tree in a unit test.
 */
#include "changer/discover.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changer/scsi_parse.h"
#include "util/log.h"

enum {
    PDT_DISK = 0x00,
    PDT_TAPE = 0x01,
    PDT_CDROM = 0x05,
    PDT_OPTICAL = 0x07,
    PDT_CHANGER = 0x08,
    PDT_RBC = 0x0e,
};

#define DEFAULT_SYSFS "/sys"
#define DEFAULT_POLL_SECONDS 10
#define MAX_UNITS 4096 /* sg nodes considered; a bound, not a real limit */

/* One SCSI device with an sg node, as sysfs describes it. */
typedef struct unit {
    unsigned sg; /* N of /dev/sgN */
    uint8_t type;
    bool removable;
    unsigned host, channel, target;
    unsigned long long lun;
    char hctl[32];
    char node[LIBRARY_PATH_LEN];
    char vendor[DISCOVER_STRING_LEN + 1];
    char model[DISCOVER_STRING_LEN + 1];
    char revision[DISCOVER_STRING_LEN + 1];
    char serial[DISCOVER_STRING_LEN + 1];
    int owner;      /* index of the changer this drive belongs to, or -1 */
    bool withheld;  /* presumed a changer's drive, bound later by serial */
    int ndrives;    /* changers: drives claimed by target */
} unit_t;

/* printf into a path buffer; false when it does not fit (then unused). */
static bool pathf(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool pathf(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    return k >= 0 && (size_t)k < n;
}

/* Up to len-1 bytes of a sysfs file; false if it cannot be read. */
static bool read_bytes(const char *path, uint8_t *buf, size_t len, size_t *got)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, len);
    close(fd);
    if (n < 0)
        return false;
    *got = (size_t)n;
    return true;
}

/* A text attribute, blanks and the newline trimmed. */
static bool read_text(const char *dir, const char *name, char *out, size_t len)
{
    char path[PATH_MAX];
    uint8_t buf[256];
    size_t got;
    out[0] = '\0';
    if (!pathf(path, sizeof(path), "%s/%s", dir, name) || !read_bytes(path, buf, sizeof(buf), &got))
        return false;
    while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
        got--;
    scsi_copy_string(out, len, buf, got);
    return true;
}

static bool read_uint(const char *dir, const char *name, unsigned *v)
{
    char text[32], *end;
    if (!read_text(dir, name, text, sizeof(text)) || text[0] == '\0')
        return false;
    unsigned long n = strtoul(text, &end, 0);
    if (*end != '\0' || n > 0xffffffffUL)
        return false;
    *v = (unsigned)n;
    return true;
}

/* "prefix" followed by digits only; *n gets the number. */
static bool numbered(const char *name, const char *prefix, unsigned *n)
{
    size_t p = strlen(prefix);
    if (strncmp(name, prefix, p) != 0 || name[p] == '\0')
        return false;
    unsigned v = 0;
    for (const char *s = name + p; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > 100000000u)
            return false;
        v = v * 10 + (unsigned)(*s - '0');
    }
    if (n != NULL)
        *n = v;
    return true;
}

static bool is_nst(const char *name) { return numbered(name, "nst", NULL); }
static bool is_sg(const char *name) { return numbered(name, "sg", NULL); }
static bool is_sch(const char *name) { return numbered(name, "sch", NULL); }
static bool is_any(const char *name) { return name[0] != '.'; }

/* The entry of `dir` that `want` accepts with the lowest name (directories
 * list in no particular order; the lowest is stable). */
static bool pick_entry(const char *dir, bool (*want)(const char *), char *out, size_t len)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!want(e->d_name) || strlen(e->d_name) >= len)
            continue;
        if (!found || strcmp(e->d_name, out) < 0)
            snprintf(out, len, "%s", e->d_name);
        found = true;
    }
    closedir(d);
    return found;
}

static bool is_drive_type(uint8_t type, bool removable)
{
    switch (type) {
    case PDT_TAPE:
    case PDT_CDROM:
    case PDT_OPTICAL:
        return true;
    case PDT_DISK:
    case PDT_RBC:
        return removable; /* RDX and other removable cartridges; fixed disks are not ours */
    default:
        return false;
    }
}

static bool is_changer(const unit_t *u) { return u->type == PDT_CHANGER; }
static bool is_drive(const unit_t *u) { return is_drive_type(u->type, u->removable); }

/* The kernel node bound to the SCSI device in `dev`: which class directory
 * holds it depends on the device type. */
static void find_node(const char *dev, unit_t *u)
{
    char dir[PATH_MAX], name[64];
    const char *sub = "block";
    bool (*want)(const char *) = is_any;
    if (u->type == PDT_TAPE) {
        sub = "scsi_tape";
        want = is_nst;
    } else if (u->type == PDT_CHANGER) {
        sub = "scsi_changer";
        want = is_sch;
    }
    u->node[0] = '\0';
    if (!pathf(dir, sizeof(dir), "%s/%s", dev, sub) || !pick_entry(dir, want, name, sizeof(name)))
        return;
    snprintf(u->node, sizeof(u->node), "/dev/%s", name);
    if (sub[0] == 'b') { /* block devices say whether their media is removable */
        unsigned r = 0;
        if (pathf(dir, sizeof(dir), "%s/block/%s", dev, name) && read_uint(dir, "removable", &r))
            u->removable = r != 0;
    }
}

/* host:channel:target:lun from the name of the SCSI device directory. */
static bool read_hctl(const char *dev, unit_t *u)
{
    char real[PATH_MAX];
    if (realpath(dev, real) == NULL)
        return false;
    const char *base = strrchr(real, '/');
    base = base != NULL ? base + 1 : real;
    if (sscanf(base, "%u:%u:%u:%llu", &u->host, &u->channel, &u->target, &u->lun) != 4)
        return false;
    snprintf(u->hctl, sizeof(u->hctl), "%u:%u:%u:%llu", u->host, u->channel, u->target, u->lun);
    return true;
}

static void read_serial(const char *dev, unit_t *u)
{
    char path[PATH_MAX];
    uint8_t buf[256];
    size_t got;
    u->serial[0] = '\0';
    if (pathf(path, sizeof(path), "%s/vpd_pg80", dev) && read_bytes(path, buf, sizeof(buf), &got))
        parse_vpd_80(buf, got, u->serial, sizeof(u->serial));
}

/* Read sysfs's description of scsi_generic/sgN. False when it is not a
 * device we care about (or sysfs does not describe it). */
static bool read_unit(const char *class_dir, const char *sg_name, unit_t *u)
{
    char dev[PATH_MAX];
    unsigned type;
    memset(u, 0, sizeof(*u));
    u->owner = -1;
    if (!numbered(sg_name, "sg", &u->sg) || !pathf(dev, sizeof(dev), "%s/%s/device", class_dir, sg_name) ||
        !read_uint(dev, "type", &type) || !read_hctl(dev, u))
        return false;
    u->type = (uint8_t)type;
    if (!is_changer(u) && !is_drive_type(u->type, true))
        return false;
    find_node(dev, u);
    if (!is_changer(u) && !is_drive(u))
        return false;
    read_text(dev, "vendor", u->vendor, sizeof(u->vendor));
    read_text(dev, "model", u->model, sizeof(u->model));
    read_text(dev, "rev", u->revision, sizeof(u->revision));
    read_serial(dev, u);
    return true;
}

static int by_sg(const void *a, const void *b)
{
    const unit_t *x = a, *y = b;
    return x->sg < y->sg ? -1 : x->sg > y->sg;
}

/* Every changer and drive under <root>/class/scsi_generic, by sg number.
 * Returns the count (0 when the directory does not exist) or -1. */
static int scan_units(const char *root, unit_t **out)
{
    char class_dir[PATH_MAX];
    *out = NULL;
    if (!pathf(class_dir, sizeof(class_dir), "%s/class/scsi_generic", root))
        return -1;
    DIR *d = opendir(class_dir);
    if (d == NULL)
        return 0;
    unit_t *v = calloc(MAX_UNITS, sizeof(*v));
    if (v == NULL) {
        closedir(d);
        return -1;
    }
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAX_UNITS)
        if (is_sg(e->d_name) && read_unit(class_dir, e->d_name, &v[n]))
            n++;
    closedir(d);
    qsort(v, (size_t)n, sizeof(*v), by_sg);
    *out = v;
    return n;
}

static bool same_target(const unit_t *a, const unit_t *b)
{
    return a->host == b->host && a->channel == b->channel && a->target == b->target;
}

/* Drives on a changer's target are its drives. Then tape drives on the
 * SCSI host of a changer that got none are held back for it. */
static void assign_drives(unit_t *v, int n)
{
    for (int c = 0; c < n; c++) {
        if (!is_changer(&v[c]))
            continue;
        for (int d = 0; d < n; d++)
            if (is_drive(&v[d]) && v[d].owner < 0 && same_target(&v[c], &v[d])) {
                v[d].owner = c;
                v[c].ndrives++;
            }
    }
    for (int c = 0; c < n; c++) {
        if (!is_changer(&v[c]) || v[c].ndrives > 0)
            continue;
        for (int d = 0; d < n; d++)
            if (v[d].type == PDT_TAPE && v[d].owner < 0 && v[d].host == v[c].host && !v[d].withheld) {
                v[d].withheld = true;
                log_info("discovery: tape drive sg%u (%s) is on the SCSI host of changer sg%u, which has no "
                         "drive LUNs: left for the changer to bind by serial number",
                         v[d].sg, v[d].hctl, v[c].sg);
            }
    }
}

/* Defaults a configured library would get from rsmd.conf. */
static void config_defaults(library_config_t *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->inventory_method = NTMS_INVENTORY_FAST;
    cfg->poll_seconds = DEFAULT_POLL_SECONDS;
    snprintf(cfg->cleaner_prefix, sizeof(cfg->cleaner_prefix), "CLN");
    cfg->auto_clean = true;
    cfg->clean_hold_s = LIBRARY_CLEAN_HOLD_S;
    cfg->clean_timeout_s = LIBRARY_CLEAN_TIMEOUT_S;
    cfg->cleaner_uses = RSM_CLEANER_USES_UNLIMITED;
    cfg->discovered = true;
}

static void describe(discovered_t *o, const unit_t *u)
{
    o->scsi_type = u->type;
    snprintf(o->hctl, sizeof(o->hctl), "%s", u->hctl);
    snprintf(o->node, sizeof(o->node), "%s", u->node);
    snprintf(o->vendor, sizeof(o->vendor), "%s", u->vendor);
    snprintf(o->model, sizeof(o->model), "%s", u->model);
    snprintf(o->revision, sizeof(o->revision), "%s", u->revision);
    snprintf(o->serial, sizeof(o->serial), "%s", u->serial);
}

/* The changer v[c] with its drives in LUN order. */
static void fill_changer(discovered_t *o, const unit_t *v, int n, int c)
{
    config_defaults(&o->cfg);
    describe(o, &v[c]);
    o->cfg.kind = LIBRARY_SCSI;
    snprintf(o->cfg.name, sizeof(o->cfg.name), "changer sg%u", v[c].sg);
    snprintf(o->cfg.device, sizeof(o->cfg.device), "/dev/sg%u", v[c].sg);
    int idx[LIBRARY_MAX_DRIVES], m = 0;
    for (int d = 0; d < n && m < LIBRARY_MAX_DRIVES; d++)
        if (v[d].owner == c)
            idx[m++] = d;
    for (int i = 1; i < m; i++) /* insertion sort by LUN: the lists are short */
        for (int j = i; j > 0 && v[idx[j - 1]].lun > v[idx[j]].lun; j--) {
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    for (int i = 0; i < m; i++)
        snprintf(o->cfg.drives[o->cfg.ndrives++], LIBRARY_PATH_LEN, "/dev/sg%u", v[idx[i]].sg);
}

static void fill_standalone(discovered_t *o, const unit_t *u)
{
    config_defaults(&o->cfg);
    describe(o, u);
    o->cfg.kind = LIBRARY_STANDALONE;
    const char *base = strrchr(u->node, '/');
    if (base != NULL)
        snprintf(o->cfg.name, sizeof(o->cfg.name), "drive %s", base + 1);
    else
        snprintf(o->cfg.name, sizeof(o->cfg.name), "drive sg%u", u->sg);
    snprintf(o->cfg.device, sizeof(o->cfg.device), "/dev/sg%u", u->sg);
}

int discover_scsi(const char *sysfs_root, discovered_t *out, size_t max)
{
    unit_t *v;
    int n = scan_units(sysfs_root != NULL ? sysfs_root : DEFAULT_SYSFS, &v);
    if (n < 0) {
        log_warn("discovery: cannot scan %s/class/scsi_generic", sysfs_root != NULL ? sysfs_root : DEFAULT_SYSFS);
        return 0;
    }
    assign_drives(v, n);
    size_t found = 0;
    for (int i = 0; i < n; i++)
        if (is_changer(&v[i]) && found++ < max)
            fill_changer(&out[found - 1], v, n, i);
    for (int i = 0; i < n; i++)
        if (is_drive(&v[i]) && v[i].owner < 0 && !v[i].withheld && found++ < max)
            fill_standalone(&out[found - 1], &v[i]);
    free(v);
    if (found > 0)
        log_debug("discovery: %zu libraries on %s", found, sysfs_root != NULL ? sysfs_root : DEFAULT_SYSFS);
    return (int)found;
}

/* ------------------------------------------------------------------------
 * Kernel node -> sg node. */

DWORD discover_sg_node(const char *sysfs_root, const char *device, char *out, size_t len)
{
    static const char *const classes[] = {"scsi_tape", "block", "scsi_changer"};
    const char *root = sysfs_root != NULL ? sysfs_root : DEFAULT_SYSFS;
    if (device == NULL || out == NULL || len == 0)
        return ERROR_INVALID_PARAMETER;
    out[0] = '\0';
    const char *base = strrchr(device, '/');
    base = base != NULL ? base + 1 : device;
    if (strncmp(device, "iscsi://", 8) == 0 || (strncmp(device, "/dev/", 5) == 0 && is_sg(base)))
        return pathf(out, len, "%s", device) ? ERROR_SUCCESS : ERROR_INSUFFICIENT_BUFFER;

    char real[PATH_MAX];
    if (realpath(device, real) != NULL) { /* follows /dev/tape/by-id/... links */
        base = strrchr(real, '/');
        base = base != NULL ? base + 1 : real;
    }
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        char dir[PATH_MAX], sg[64];
        if (pathf(dir, sizeof(dir), "%s/class/%s/%s/device/scsi_generic", root, classes[i], base) &&
            pick_entry(dir, is_sg, sg, sizeof(sg)))
            return pathf(out, len, "/dev/%s", sg) ? ERROR_SUCCESS : ERROR_INSUFFICIENT_BUFFER;
    }
    return ERROR_FILE_NOT_FOUND;
}
