/*
 * libconfig.c - the keys of a [library NAME] section of rsmd.conf
 * (docs/rsmd.conf.5.md): defaults, one key at a time, and the checks that
 * need the whole section. The config reader (server/config.c) owns the
 * file and its line numbers; this file owns what the values mean.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "changer/virtual.h"
#include "library/library.h"

#define DEFAULT_POLL_SECONDS 10u
#define MAX_POLL_SECONDS 86400u
#define MAX_TIMEOUT_SECONDS 86400u
#define MAX_CLEANER_USES 100000u
#define UNSET UINT_MAX /* virtual counts not given: their defaults apply */

static const struct {
    unsigned slots, drives, ports;
} virtual_defaults = {20, 2, 2};

int library_config_init(library_config_t *cfg, const char *name)
{
    memset(cfg, 0, sizeof(*cfg));
    if (name == NULL || name[0] == '\0' || strlen(name) >= sizeof(cfg->name))
        return -1;
    snprintf(cfg->name, sizeof cfg->name, "%s", name);
    cfg->kind = LIBRARY_SCSI;
    cfg->inventory_method = NTMS_INVENTORY_DEFAULT;
    cfg->poll_seconds = DEFAULT_POLL_SECONDS;
    snprintf(cfg->cleaner_prefix, sizeof cfg->cleaner_prefix, "CLN");
    cfg->auto_clean = true;
    cfg->clean_hold_s = LIBRARY_CLEAN_HOLD_S;
    cfg->clean_timeout_s = LIBRARY_CLEAN_TIMEOUT_S;
    cfg->cleaner_uses = RSM_CLEANER_USES_UNLIMITED;
    cfg->slots = cfg->drive_count = cfg->ports = UNSET;
    return 0;
}

/* --- values ------------------------------------------------------------------ */

typedef int (*key_fn)(library_config_t *cfg, const char *key, const char *value, char *err, size_t len);

static int text(char *dst, size_t cap, const char *key, const char *value, bool may_be_empty, char *err,
                size_t len)
{
    if ((!may_be_empty && value[0] == '\0') || strlen(value) >= cap) {
        snprintf(err, len, "%s must be %s%zu bytes", key, may_be_empty ? "at most " : "1 to ", cap - 1);
        return -1;
    }
    snprintf(dst, cap, "%s", value);
    return 0;
}

static int number(const char *key, const char *value, unsigned long lo, unsigned long hi, unsigned long *out,
                  char *err, size_t len)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || value[0] == '-' || v < lo || v > hi) {
        snprintf(err, len, "%s '%s' is not a number from %lu to %lu", key, value, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int set_type(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    static const struct {
        const char *name;
        enum library_kind kind;
    } kinds[] = {{"scsi", LIBRARY_SCSI}, {"virtual", LIBRARY_VIRTUAL}, {"standalone", LIBRARY_STANDALONE}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcasecmp(value, kinds[i].name) == 0) {
            cfg->kind = kinds[i].kind;
            return 0;
        }
    }
    snprintf(err, len, "%s '%s' is not one of scsi, virtual, standalone", key, value);
    return -1;
}

static int set_device(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return text(cfg->device, sizeof cfg->device, key, value, false, err, len);
}

static int add_drive(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    if (cfg->ndrives == LIBRARY_MAX_DRIVES) {
        snprintf(err, len, "more than %d drive devices", LIBRARY_MAX_DRIVES);
        return -1;
    }
    if (text(cfg->drives[cfg->ndrives], LIBRARY_PATH_LEN, key, value, false, err, len) != 0)
        return -1;
    cfg->ndrives++;
    return 0;
}

/* drives = N (a virtual library's drive count) or a comma list of devices. */
static int set_drives(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    if (value[0] >= '0' && value[0] <= '9' && strspn(value, "0123456789") == strlen(value)) {
        unsigned long n;
        if (number(key, value, 0, VIRTUAL_MAX_DRIVES, &n, err, len) != 0)
            return -1;
        cfg->drive_count = (unsigned)n;
        return 0;
    }
    char item[LIBRARY_PATH_LEN + 1];
    for (const char *p = value; *p != '\0';) {
        size_t n = strcspn(p, ",");
        const char *q = p;
        while (n > 0 && (*q == ' ' || *q == '\t'))
            q++, n--;
        while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
            n--;
        if (n == 0 || n >= sizeof item) {
            snprintf(err, len, "%s: an empty or too long device in '%s'", key, value);
            return -1;
        }
        memcpy(item, q, n);
        item[n] = '\0';
        if (add_drive(cfg, key, item, err, len) != 0)
            return -1;
        p += strcspn(p, ",");
        p += *p == ',';
    }
    return 0;
}

static int set_media_type(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return text(cfg->media_type, sizeof cfg->media_type, key, value, false, err, len);
}

static int set_inventory(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    static const struct {
        const char *name;
        DWORD method;
    } methods[] = {{"none", NTMS_INVENTORY_NONE}, {"fast", NTMS_INVENTORY_FAST}, {"omid", NTMS_INVENTORY_OMID}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (strcasecmp(value, methods[i].name) == 0) {
            cfg->inventory_method = methods[i].method;
            return 0;
        }
    }
    snprintf(err, len, "%s '%s' is not one of none, fast, omid", key, value);
    return -1;
}

static int set_poll(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    unsigned long n;
    if (number(key, value, 0, MAX_POLL_SECONDS, &n, err, len) != 0)
        return -1;
    cfg->poll_seconds = (unsigned)n;
    return 0;
}

/* timeout = SECONDS (every kind of SCSI command), timeout_KIND = SECONDS. */
static const struct {
    const char *key;
    int kind; /* enum scsi_kind; -1: every kind */
} timeout_keys[] = {
    {"timeout", -1},
    {"timeout_quick", SCSI_KIND_QUICK},
    {"timeout_status", SCSI_KIND_READ_STATUS},
    {"timeout_scan", SCSI_KIND_INIT_STATUS},
    {"timeout_move", SCSI_KIND_MOVE},
    {"timeout_medium", SCSI_KIND_MEDIUM},
    {"timeout_data", SCSI_KIND_DATA},
};

static int set_timeout(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    unsigned long n;
    if (number(key, value, 1, MAX_TIMEOUT_SECONDS, &n, err, len) != 0)
        return -1;
    for (size_t i = 0; i < sizeof timeout_keys / sizeof timeout_keys[0]; i++) {
        if (strcmp(key, timeout_keys[i].key) != 0)
            continue;
        if (timeout_keys[i].kind < 0)
            cfg->timeout_all_ms = (unsigned)n * 1000u;
        else
            cfg->timeout_ms[timeout_keys[i].kind] = (unsigned)n * 1000u;
    }
    return 0;
}

/* `timeout` fills the kinds not given on their own, whatever the order. */
static void finish_timeouts(library_config_t *cfg)
{
    for (int k = 0; k < SCSI_KINDS; k++)
        if (cfg->timeout_ms[k] == 0)
            cfg->timeout_ms[k] = cfg->timeout_all_ms;
}

static int set_cleaner(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return text(cfg->cleaner_prefix, sizeof cfg->cleaner_prefix, key, value, true, err, len);
}

static int set_auto_clean(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(value, yes[i]) == 0 || strcasecmp(value, no[i]) == 0) {
            cfg->auto_clean = strcasecmp(value, yes[i]) == 0;
            return 0;
        }
    }
    snprintf(err, len, "%s '%s' is not yes or no", key, value);
    return -1;
}

/* clean_hold = SECONDS (0 allowed), clean_timeout = SECONDS. */
static int set_clean_time(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    bool hold = strcmp(key, "clean_hold") == 0;
    unsigned long n;
    if (number(key, value, hold ? 0 : 1, MAX_TIMEOUT_SECONDS, &n, err, len) != 0)
        return -1;
    *(hold ? &cfg->clean_hold_s : &cfg->clean_timeout_s) = (unsigned)n;
    return 0;
}

/* cleaner_uses = N or unlimited. */
static int set_cleaner_uses(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    unsigned long n;
    if (strcasecmp(value, "unlimited") == 0) {
        cfg->cleaner_uses = RSM_CLEANER_USES_UNLIMITED;
        return 0;
    }
    if (number(key, value, 1, MAX_CLEANER_USES, &n, err, len) != 0)
        return -1;
    cfg->cleaner_uses = (DWORD)n;
    return 0;
}

static int set_root(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return text(cfg->root, VIRTUAL_ROOT_MAX + 1, key, value, false, err, len);
}

static int set_count(unsigned *dst, const char *key, const char *value, unsigned long max, char *err, size_t len)
{
    unsigned long n;
    if (number(key, value, 0, max, &n, err, len) != 0)
        return -1;
    *dst = (unsigned)n;
    return 0;
}

static int set_slots(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return set_count(&cfg->slots, key, value, VIRTUAL_MAX_SLOTS, err, len);
}

static int set_ports(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return set_count(&cfg->ports, key, value, VIRTUAL_MAX_PORTS, err, len);
}

static int set_cartridges(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return set_count(&cfg->cartridges, key, value, VIRTUAL_MAX_SLOTS, err, len);
}

/* 1..7 characters a virtual bar code may hold ([A-Za-z0-9_-]). */
static int code_part(char *dst, size_t cap, const char *key, const char *value, char *err, size_t len)
{
    if (value[0] == '\0' || strlen(value) >= cap ||
        strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(value)) {
        snprintf(err, len, "%s '%s' must be 1 to %zu letters, digits, '_' or '-'", key, value, cap - 1);
        return -1;
    }
    snprintf(dst, cap, "%s", value);
    return 0;
}

static int set_prefix(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return code_part(cfg->barcode_prefix, sizeof cfg->barcode_prefix, key, value, err, len);
}

static int set_suffix(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    return code_part(cfg->barcode_suffix, sizeof cfg->barcode_suffix, key, value, err, len);
}

/* Bytes, with an optional K, M, G or T (powers of 1024). */
static int set_size(library_config_t *cfg, const char *key, const char *value, char *err, size_t len)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: break;
    }
    if (errno != 0 || end == value || value[0] == '-' || *end != '\0' || v == 0 || v > (UINT64_MAX >> shift)) {
        snprintf(err, len, "%s '%s' is not a size in bytes (a number, optionally followed by K, M, G or T)", key,
                 value);
        return -1;
    }
    cfg->cartridge_bytes = (uint64_t)v << shift;
    return 0;
}

static const struct {
    const char *key;
    key_fn set;
} keys[] = {
    {"type", set_type},
    {"device", set_device},
    {"drive", add_drive},
    {"drives", set_drives},
    {"media_type", set_media_type},
    {"inventory", set_inventory},
    {"poll_seconds", set_poll},
    {"cleaner_prefix", set_cleaner},
    {"auto_clean", set_auto_clean},
    {"clean_hold", set_clean_time},
    {"clean_timeout", set_clean_time},
    {"cleaner_uses", set_cleaner_uses},
    {"root", set_root},
    {"slots", set_slots},
    {"ports", set_ports},
    {"cartridges", set_cartridges},
    {"barcode_prefix", set_prefix},
    {"barcode_suffix", set_suffix},
    {"cartridge_size", set_size},
    {"timeout", set_timeout},
    {"timeout_quick", set_timeout},
    {"timeout_status", set_timeout},
    {"timeout_scan", set_timeout},
    {"timeout_move", set_timeout},
    {"timeout_medium", set_timeout},
    {"timeout_data", set_timeout},
};

int library_config_key(library_config_t *cfg, const char *key, const char *value, char *err, size_t err_len)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].key, key) == 0)
            return keys[i].set(cfg, key, value, err, err_len) == 0 ? 0 : -1;
    return 1;
}

/* --- the whole section -------------------------------------------------------- */

static bool counts_given(const library_config_t *cfg)
{
    return cfg->slots != UNSET || cfg->ports != UNSET || cfg->drive_count != UNSET || cfg->cartridges != 0 ||
           cfg->root[0] != '\0';
}

int library_config_finish(library_config_t *cfg, char *err, size_t err_len)
{
    finish_timeouts(cfg);
    if (cfg->kind == LIBRARY_VIRTUAL) {
        if (cfg->root[0] == '\0') {
            snprintf(err, err_len, "a virtual library needs root = DIRECTORY");
            return -1;
        }
        if (cfg->device[0] != '\0' || cfg->ndrives > 0) {
            snprintf(err, err_len, "a virtual library has no device or drive devices (drives = N counts its drives)");
            return -1;
        }
        if (cfg->slots == UNSET)
            cfg->slots = virtual_defaults.slots;
        if (cfg->drive_count == UNSET)
            cfg->drive_count = virtual_defaults.drives;
        if (cfg->ports == UNSET)
            cfg->ports = virtual_defaults.ports;
        if (cfg->cartridges > cfg->slots) {
            snprintf(err, err_len, "cartridges = %u do not fit in %u slots", cfg->cartridges, cfg->slots);
            return -1;
        }
        return 0;
    }
    if (cfg->device[0] == '\0') {
        snprintf(err, err_len, "a %s library needs device = /dev/sgN or iscsi://host:port/iqn/lun",
                 cfg->kind == LIBRARY_STANDALONE ? "standalone" : "scsi");
        return -1;
    }
    if (counts_given(cfg)) {
        snprintf(err, err_len, "root, slots, ports, cartridges and drives = N are for virtual libraries; "
                 "drives lists devices here");
        return -1;
    }
    if (cfg->kind == LIBRARY_STANDALONE && cfg->ndrives > 0) {
        snprintf(err, err_len, "a standalone library is its device; it has no drive devices");
        return -1;
    }
    cfg->slots = cfg->drive_count = cfg->ports = 0;
    return 0;
}
