/*
 * scsi_drive.c - the common part of SCSI data drives: construction and
 * close of a drive owning its transport, identification, and polling for
 * readiness. The drive kinds (ssc.c, standalone_disc.c) add their own
 * readiness, load, unload and first-block reading.
 */
#include "changer/scsi_drive.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/log.h"

DWORD scsi_drive_new(transport_t *t, const char *name, const drive_ops_t *ops, scsi_drive_t **out, char *why,
                     size_t why_len)
{
    *out = NULL;
    scsi_drive_t *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        transport_close(t);
        snprintf(why, why_len, "out of memory");
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    s->base.ops = ops;
    s->t = t;
    scsi_dev_init(&s->dev, t, name != NULL ? name : t->device);
    *out = s;
    return ERROR_SUCCESS;
}

void scsi_drive_close(drive_t *d)
{
    scsi_drive_t *s = scsi_drive_of(d);
    transport_close(s->t);
    free(s);
}

DWORD scsi_drive_identify(drive_t *d, drive_ident_t *out, char *why, size_t why_len)
{
    scsi_drive_t *s = scsi_drive_of(d);
    scsi_identity_t id;
    memset(out, 0, sizeof(*out));
    DWORD err = scsi_identify(&s->dev, &id, why, why_len);
    if (err != ERROR_SUCCESS) {
        log_warn("%s", why);
        return err;
    }
    scsi_strlcpy(out->vendor, sizeof(out->vendor), id.inq.vendor);
    scsi_strlcpy(out->product, sizeof(out->product), id.inq.product);
    scsi_strlcpy(out->revision, sizeof(out->revision), id.inq.revision);
    scsi_strlcpy(out->serial, sizeof(out->serial), id.serial);
    scsi_strlcpy(out->identifier, sizeof(out->identifier), id.identifier);
    out->device_type = id.inq.pdt;
    scsi_strlcpy(out->device_name, sizeof(out->device_name), s->t->device);
    return ERROR_SUCCESS;
}

#define POLL_FIRST_MS 100u
#define POLL_MAX_MS 2000u

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

void scsi_poll_start(scsi_poll_t *p, unsigned timeout_ms)
{
    p->deadline = now_ms() + timeout_ms;
    p->delay = POLL_FIRST_MS;
}

bool scsi_poll_wait(scsi_poll_t *p)
{
    uint64_t now = now_ms();
    if (now >= p->deadline)
        return false;
    unsigned left = (unsigned)(p->deadline - now);
    sleep_ms(p->delay < left ? p->delay : left);
    p->delay = p->delay * 2 > POLL_MAX_MS ? POLL_MAX_MS : p->delay * 2;
    return true;
}

DWORD scsi_drive_not_ready(const scsi_drive_t *s, unsigned timeout_ms, char *why, size_t why_len)
{
    snprintf(why, why_len, "%s: medium not ready after %u ms", s->dev.name, timeout_ms);
    log_warn("%s", why);
    return ERROR_TIMEOUT;
}
