/*
 * fake_transport.c - see fake_transport.h.
 */
#include "fake_transport.h"

#include <stdlib.h>
#include <string.h>

static DWORD fake_exec(transport_t *t, const uint8_t *cdb, size_t cdb_len, enum scsi_dir dir, uint8_t *buf,
                       size_t buf_len, unsigned timeout_ms, scsi_result_t *res)
{
    fake_transport_t *f = (fake_transport_t *)t;
    memset(res, 0, sizeof(*res));
    if (f->ncmds < FAKE_LOG_MAX) {
        fake_cmd_t *c = &f->log[f->ncmds];
        memcpy(c->cdb, cdb, cdb_len < 16 ? cdb_len : 16);
        c->cdb_len = cdb_len;
        c->dir = dir;
        c->buf_len = buf_len;
        c->timeout_ms = timeout_ms;
    }
    f->ncmds++;
    return f->device(f, cdb, cdb_len, buf, buf_len, res);
}

static void fake_close(transport_t *t)
{
    fake_transport_t *f = (fake_transport_t *)t;
    f->closed++;
    free(f);
}

static const transport_ops_t fake_ops = {.exec = fake_exec, .close = fake_close};

fake_transport_t *fake_transport_new(fake_device_fn device, void *state)
{
    fake_transport_t *f = calloc(1, sizeof(*f));
    if (f == NULL)
        return NULL;
    f->base.ops = &fake_ops;
    strcpy(f->base.device, "fake://device");
    f->base.epoch = 1;
    f->device = device;
    f->state = state;
    return f;
}

void fake_check_condition(scsi_result_t *res, uint8_t key, uint8_t asc, uint8_t ascq)
{
    memset(res->sense, 0, 18);
    res->status = 0x02;
    res->sense[0] = 0x70;
    res->sense[2] = key;
    res->sense[7] = 10;
    res->sense[12] = asc;
    res->sense[13] = ascq;
    res->sense_len = 18;
}

size_t fake_reply(uint8_t *buf, size_t buf_len, const uint8_t *data, size_t len, scsi_result_t *res)
{
    size_t n = len < buf_len ? len : buf_len;
    if (n > 0)
        memcpy(buf, data, n);
    res->status = 0;
    res->transferred = n;
    return n;
}

size_t fake_count(const fake_transport_t *f, uint8_t op)
{
    size_t n = 0;
    size_t seen = f->ncmds < FAKE_LOG_MAX ? f->ncmds : FAKE_LOG_MAX;
    for (size_t i = 0; i < seen; i++)
        if (f->log[i].cdb[0] == op)
            n++;
    return n;
}
