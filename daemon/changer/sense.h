/*
 * sense.h - SCSI sense data: decoding, and what each condition means to us.
 *
 * sense_decode() turns fixed (70h/71h) or descriptor (72h/73h) sense bytes
 * into one flat structure; it reads only the bytes it was given. The
 * condition table in sense.c is the single place that says which Win32 code
 * a SCSI condition becomes and whether the command layer should retry it.
 */
#ifndef RSM_SENSE_H
#define RSM_SENSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

/* Sense keys (SPC-4 table 48). */
enum sense_key {
    SK_NO_SENSE = 0x0,
    SK_RECOVERED_ERROR = 0x1,
    SK_NOT_READY = 0x2,
    SK_MEDIUM_ERROR = 0x3,
    SK_HARDWARE_ERROR = 0x4,
    SK_ILLEGAL_REQUEST = 0x5,
    SK_UNIT_ATTENTION = 0x6,
    SK_DATA_PROTECT = 0x7,
    SK_BLANK_CHECK = 0x8,
    SK_VENDOR_SPECIFIC = 0x9,
    SK_COPY_ABORTED = 0xa,
    SK_ABORTED_COMMAND = 0xb,
    SK_VOLUME_OVERFLOW = 0xd,
    SK_MISCOMPARE = 0xe,
};

/* SCSI status bytes the command layer distinguishes. */
enum scsi_status_byte {
    SCSI_ST_GOOD = 0x00,
    SCSI_ST_CHECK_CONDITION = 0x02,
    SCSI_ST_CONDITION_MET = 0x04,
    SCSI_ST_BUSY = 0x08,
    SCSI_ST_RESERVATION_CONFLICT = 0x18,
    SCSI_ST_TASK_SET_FULL = 0x28,
    SCSI_ST_ACA_ACTIVE = 0x30,
    SCSI_ST_TASK_ABORTED = 0x40,
};

typedef struct scsi_sense_data {
    bool valid;       /* a known response code and at least the key */
    bool descriptor;  /* 72h/73h format */
    bool deferred;    /* 71h/73h: about an earlier command */
    uint8_t key;
    uint8_t asc, ascq;
    bool info_valid;
    uint64_t info;    /* INFORMATION field as sent */
    int64_t residue;  /* the same, sign-extended from its width (SSC:
                       * requested minus actual length) */
    bool filemark, eom, ili; /* stream-command bits */
    bool sks_valid;   /* sense-key specific bytes present and valid */
    uint8_t sks[3];
} scsi_sense_t;

/* Decode `len` bytes of sense. Returns false (and a zeroed, !valid *out)
 * when the bytes are not sense data this decoder knows. */
bool sense_decode(const uint8_t *buf, size_t len, scsi_sense_t *out);

/* What the command layer does with a condition. */
enum sense_action {
    SENSE_FAIL = 0,   /* report the mapped error */
    SENSE_OK,         /* not an error (NO SENSE, RECOVERED ERROR ...) */
    SENSE_RETRY_UA,   /* UNIT ATTENTION: note "changed", retry at once */
    SENSE_RETRY_WAIT, /* transient (becoming ready, busy): retry after a pause */
};

/* One row of the condition table. asc/ascq of -1 match anything. */
typedef struct sense_rule {
    int8_t key;       /* -1: any key */
    int16_t asc, ascq;
    DWORD error;
    enum sense_action action;
    const char *note; /* why this mapping, for the reader and the log */
} sense_rule_t;

/* The rule for a condition (never NULL: the table ends with a catch-all). */
const sense_rule_t *sense_lookup(uint8_t key, uint8_t asc, uint8_t ascq);
DWORD sense_to_win32(const scsi_sense_t *s);
enum sense_action sense_classify(const scsi_sense_t *s);

/* The Win32 code for a status byte that is neither GOOD nor CHECK
 * CONDITION (BUSY, RESERVATION CONFLICT ...). */
DWORD scsi_status_to_win32(uint8_t status);
const char *scsi_status_name(uint8_t status);

/* "ILLEGAL REQUEST 3b/0d Medium destination element full" (text from
 * libsgutils2). Returns buf. */
char *sense_describe(const scsi_sense_t *s, char *buf, size_t len);

/* The table itself, for tests that check every row. */
const sense_rule_t *sense_table(size_t *count);

#endif
