/*
 * fake_transport.h - a transport_t whose device is a C function, for the
 * changer unit tests: it records every CDB and lets the test answer with
 * data, a status and sense bytes, or a transport failure.
 */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "changer/transport.h"

#define FAKE_LOG_MAX 512

typedef struct fake_cmd {
    uint8_t cdb[16];
    size_t cdb_len;
    enum scsi_dir dir;
    size_t buf_len;
    unsigned timeout_ms;
} fake_cmd_t;

typedef struct fake_transport fake_transport_t;

/* Answers one command: fill `buf` (up to buf_len) and `res`, or return a
 * Win32 code for a transport failure. */
typedef DWORD (*fake_device_fn)(fake_transport_t *f, const uint8_t *cdb, size_t cdb_len, uint8_t *buf,
                                size_t buf_len, scsi_result_t *res);

struct fake_transport {
    transport_t base;
    fake_device_fn device;
    void *state;             /* the test's device model */
    fake_cmd_t log[FAKE_LOG_MAX];
    size_t ncmds;            /* commands seen (log keeps the first FAKE_LOG_MAX) */
    int closed;
};

fake_transport_t *fake_transport_new(fake_device_fn device, void *state);
/* Helpers for device functions. */
void fake_check_condition(scsi_result_t *res, uint8_t key, uint8_t asc, uint8_t ascq);
size_t fake_reply(uint8_t *buf, size_t buf_len, const uint8_t *data, size_t len, scsi_result_t *res);
/* How many recorded commands had opcode `op`. */
size_t fake_count(const fake_transport_t *f, uint8_t op);

#endif
