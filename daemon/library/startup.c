/*
 * startup.c - discovery at start: the SCSI changers and stand-alone drives
 * sysfs shows (changer/discover.h) become libraries, except those whose
 * devices a configured [library] already uses.
 *
 * A configured library and a discovered one are the same hardware when
 * they share a device: the changer, or any drive, compared by sg node, so
 * "device = /dev/nst0" in rsmd.conf keeps the discovered "drive nst0"
 * (opened as /dev/sg1) from starting a second time. A device whose sg node
 * cannot be found is compared as written; an iSCSI URL is its own name, so
 * it never matches a discovered /dev/sgN.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer/discover.h"
#include "library/library_int.h"
#include "util/log.h"

/* The devices of a configuration: its changer or stand-alone drive, then
 * its drives. A virtual library has none. */
static int device_count(const library_config_t *c)
{
    return c->kind == LIBRARY_VIRTUAL ? 0 : 1 + c->ndrives;
}

static const char *device_at(const library_config_t *c, int i)
{
    return i == 0 ? c->device : c->drives[i - 1];
}

/* The name two devices are compared by: the sg node, else as written. */
static void device_key(const char *sysfs, const char *device, char *out, size_t len)
{
    if (discover_sg_node(sysfs, device, out, len) != 0)
        snprintf(out, len, "%s", device);
}

bool library_config_shares_device(const char *sysfs, const library_config_t *a, const library_config_t *b)
{
    char ka[LIBRARY_PATH_LEN], kb[LIBRARY_PATH_LEN];
    for (int i = 0; i < device_count(a); i++) {
        if (device_at(a, i)[0] == '\0')
            continue;
        device_key(sysfs, device_at(a, i), ka, sizeof ka);
        for (int k = 0; k < device_count(b); k++) {
            if (device_at(b, k)[0] == '\0')
                continue;
            device_key(sysfs, device_at(b, k), kb, sizeof kb);
            if (strcmp(ka, kb) == 0)
                return true;
        }
    }
    return false;
}

/* The configured library `d` duplicates, or NULL. */
static const library_config_t *configured_as(const char *sysfs, const discovered_t *d,
                                             const library_config_t *configured, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (library_config_shares_device(sysfs, &d->cfg, &configured[i]))
            return &configured[i];
    return NULL;
}

static void log_found(const discovered_t *d, const library_config_t *dup)
{
    char drives[64] = "";
    if (d->cfg.kind == LIBRARY_SCSI)
        snprintf(drives, sizeof drives, ", %d drive(s)", d->cfg.ndrives);
    log_info("discovery: %s: %s %s at %s (%s%s%s)%s%s%s", d->cfg.name, d->vendor, d->model, d->cfg.device,
             d->hctl, d->node[0] != '\0' ? " " : "", d->node, drives,
             dup != NULL ? "; already configured as library " : "", dup != NULL ? dup->name : "");
}

size_t library_start_discovered(uv_loop_t *loop, store_t *st, const char *sysfs,
                                const library_config_t *configured, size_t n)
{
    int total = discover_scsi(sysfs, NULL, 0);
    if (total <= 0) {
        log_info("discovery: no SCSI changers or drives found");
        return 0;
    }
    discovered_t *found = calloc((size_t)total, sizeof(*found));
    if (found == NULL) {
        log_error("discovery: out of memory for %d libraries; none started", total);
        return 0;
    }
    int got = discover_scsi(sysfs, found, (size_t)total);
    size_t started = 0;
    for (int i = 0; i < got && i < total; i++) {
        const library_config_t *dup = configured_as(sysfs, &found[i], configured, n);
        log_found(&found[i], dup);
        if (dup == NULL)
            started += library_start(loop, st, &found[i].cfg, NULL) == 0;
    }
    free(found);
    return started;
}
