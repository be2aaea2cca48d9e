/*
 * scsi_cmd.h - CDBs, and the one place commands are run (SMC and SSC alike).
 *
 * A builder fills a scsi_cmd_t (CDB bytes, direction, buffer, kind). The
 * runner sends it through the device's transport with the timeout of its
 * kind, retries UNIT ATTENTION (remembering that the device reported a
 * change) and transient states (BUSY, becoming ready) with a short backoff,
 * and turns the outcome into a Win32 code plus a one-line `why`.
 */
#ifndef RSM_SCSI_CMD_H
#define RSM_SCSI_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changer/bytes.h"
#include "changer/scsi_parse.h"
#include "changer/sense.h"
#include "changer/transport.h"

/* How long a command may take depends on what it makes the robot or the
 * drive do. Defaults: quick 30 s, READ ELEMENT STATUS 5 min, INITIALIZE
 * ELEMENT STATUS 30 min, MOVE/EXCHANGE/POSITION 15 min, LOAD/UNLOAD/REWIND
 * 15 min, data transfer 15 min. A device may have its own (a library's
 * configuration: scsi_dev_set_timeouts); the defaults apply to the rest. */
enum scsi_kind {
    SCSI_KIND_QUICK = 0,    /* INQUIRY, TUR, MODE SENSE, REQUEST SENSE, PREVENT */
    SCSI_KIND_READ_STATUS,  /* READ ELEMENT STATUS */
    SCSI_KIND_INIT_STATUS,  /* INITIALIZE ELEMENT STATUS (a full barcode scan) */
    SCSI_KIND_MOVE,         /* MOVE, EXCHANGE, POSITION, OPEN/CLOSE port */
    SCSI_KIND_MEDIUM,       /* LOAD/UNLOAD, REWIND */
    SCSI_KIND_DATA,         /* READ/WRITE */
    SCSI_KINDS
};
unsigned scsi_timeout_ms(enum scsi_kind kind);
void scsi_set_timeout_ms(enum scsi_kind kind, unsigned ms);

/* Retry policy: UNIT ATTENTIONs retried at once up to ua_retries times;
 * BUSY and becoming-ready retried wait_retries times, sleeping backoff_ms,
 * doubled each time up to 4 s. Defaults 5, 8, 250. Tests shrink them. */
void scsi_set_retry_policy(unsigned ua_retries, unsigned wait_retries, unsigned backoff_ms);

#define SCSI_CDB_MAX 16

/* flags */
#define SCSI_F_NO_WAIT_RETRY 0x1u /* caller polls readiness itself */

typedef struct scsi_cmd {
    uint8_t cdb[SCSI_CDB_MAX];
    uint8_t cdb_len;
    enum scsi_dir dir;
    uint8_t *buf;
    size_t len;
    enum scsi_kind kind;
    unsigned flags;
    const char *name; /* "MOVE MEDIUM", for log lines */
} scsi_cmd_t;

/* A device as the command layer sees it: its transport and what we have
 * learnt from it. Owned by one thread (the library worker). */
typedef struct scsi_dev {
    transport_t *t;
    char name[80];   /* for log lines: library or drive name */
    bool changed;    /* a UNIT ATTENTION (or a re-login) since last taken */
    unsigned epoch;  /* transport epoch last seen */
    unsigned timeout_ms[SCSI_KINDS]; /* this device's, by kind; 0: the default */
} scsi_dev_t;

typedef struct scsi_reply {
    uint8_t status;
    scsi_sense_t sense; /* decoded when status was CHECK CONDITION */
    size_t got;         /* data bytes the transport really moved */
} scsi_reply_t;

void scsi_dev_init(scsi_dev_t *d, transport_t *t, const char *name);
/* The device's own timeouts, by kind (0 keeps the default of a kind);
 * NULL: the defaults for every kind. */
void scsi_dev_set_timeouts(scsi_dev_t *d, const unsigned ms[SCSI_KINDS]);
/* The timeout a command of `kind` gets on this device. */
unsigned scsi_dev_timeout_ms(const scsi_dev_t *d, enum scsi_kind kind);
/* Returns whether the device reported a change since the last call, and
 * clears the flag. */
bool scsi_dev_take_changed(scsi_dev_t *d);

/* Run `c`. Returns 0 when the command completed (GOOD, or a condition the
 * table calls harmless: r->sense then tells e.g. filemark or ILI); the
 * mapped Win32 code otherwise, with `why` filled. `r` may be NULL. */
DWORD scsi_run(scsi_dev_t *d, const scsi_cmd_t *c, scsi_reply_t *r, char *why, size_t why_len);

/* INQUIRY (standard), VPD 80h (serial) and VPD 83h (designator) in one
 * go. Only the standard INQUIRY must succeed; a device without the VPD
 * pages gets empty strings. */
typedef struct scsi_identity {
    scsi_inquiry_t inq;
    char serial[65];
    char identifier[65];
} scsi_identity_t;
DWORD scsi_identify(scsi_dev_t *d, scsi_identity_t *out, char *why, size_t why_len);

/* --- CDB builders (SPC-4, SMC-3, SSC-3) -------------------------------- */
void cdb_test_unit_ready(scsi_cmd_t *c);
void cdb_inquiry(scsi_cmd_t *c, bool evpd, uint8_t page, uint8_t *buf, uint16_t len);
void cdb_mode_sense6(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint8_t len);
void cdb_mode_sense10(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint16_t len);
void cdb_report_opcodes(scsi_cmd_t *c, uint8_t *buf, uint32_t len);
void cdb_prevent_allow(scsi_cmd_t *c, bool prevent);
void cdb_log_sense(scsi_cmd_t *c, uint8_t page, uint8_t *buf, uint16_t len);
void cdb_request_sense(scsi_cmd_t *c, uint8_t *buf, uint8_t len);
/* SMC */
void cdb_read_element_status(scsi_cmd_t *c, uint8_t type, bool voltag, bool dvcid, uint16_t start,
                             uint16_t count, uint8_t *buf, uint32_t len);
void cdb_init_element_status(scsi_cmd_t *c);
void cdb_init_element_status_range(scsi_cmd_t *c, uint16_t first, uint16_t count);
void cdb_move_medium(scsi_cmd_t *c, uint16_t transport, uint16_t src, uint16_t dst);
void cdb_exchange_medium(scsi_cmd_t *c, uint16_t transport, uint16_t src, uint16_t dst1, uint16_t dst2);
void cdb_position_to_element(scsi_cmd_t *c, uint16_t transport, uint16_t dst);
void cdb_open_close_port(scsi_cmd_t *c, uint16_t address, bool open);
/* SSC */
void cdb_load_unload(scsi_cmd_t *c, bool load);
void cdb_rewind(scsi_cmd_t *c);
void cdb_read6_variable(scsi_cmd_t *c, uint8_t *buf, uint32_t len);
void cdb_write6_variable(scsi_cmd_t *c, const uint8_t *buf, uint32_t len);
void cdb_write_filemarks(scsi_cmd_t *c, uint32_t count);

#endif
