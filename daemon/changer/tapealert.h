/*
 * tapealert.h - what a tape drive says about its own health and about
 * cleaning: the TapeAlert log page (LOG SENSE page 2Eh, SSC-3 and the
 * TapeAlert specification) and the sense codes that concern cleaning.
 *
 * Everything here is a pure function over bytes the drive sent: no I/O, so
 * recorded pages and sense data test it exactly. The parsers read only the
 * bytes they are given and never trust a length the reply claims for
 * itself beyond them.
 */
#ifndef RSM_TAPEALERT_H
#define RSM_TAPEALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changer/sense.h"

#define TAPEALERT_PAGE 0x2e
#define TAPEALERT_FLAGS 64

/* The flags cleaning cares about (their numbers are the parameter codes). */
enum tapealert_flag {
    TA_CLEANING_MEDIA = 11,   /* a cleaning cartridge is loaded */
    TA_CLEAN_NOW = 20,        /* the drive needs cleaning now */
    TA_CLEAN_PERIODIC = 21,   /* routine cleaning is due */
    TA_EXPIRED_CLEANER = 22,  /* the cleaning cartridge is used up */
    TA_INVALID_CLEANER = 23,  /* what was loaded to clean is no cleaning cartridge */
};

/* Bit n-1 of a mask is flag n. */
#define TA_BIT(n) (UINT64_C(1) << ((n) - 1))

typedef struct tapealert {
    uint64_t set;   /* flags the drive reports active */
    uint64_t seen;  /* flags the page carried at all (set or clear) */
} tapealert_t;

enum tapealert_result {
    TAPEALERT_OK = 0,
    TAPEALERT_TRUNCATED,  /* fewer bytes came than the page header says: the
                           * complete parameters were read */
    TAPEALERT_BAD_PARAM,  /* a parameter runs past the end of the page: the
                           * parameters before it were read, nothing after */
    TAPEALERT_SHORT,      /* not even a page header: nothing read */
    TAPEALERT_WRONG_PAGE, /* another page (or a subpage): nothing read */
};

/* Parse `len` bytes of a LOG SENSE reply for page 2Eh into *out (zeroed
 * first). Parameter codes outside 1..64 are skipped; a parameter whose
 * length is not 1 (the only one the page defines) ends the parse with
 * TAPEALERT_BAD_PARAM, keeping the flags before it. */
enum tapealert_result tapealert_parse(const uint8_t *buf, size_t len, tapealert_t *out);
const char *tapealert_result_name(enum tapealert_result r);

/* "Clean now" for flag 20; "reserved" for numbers the specification leaves
 * unassigned or obsolete; NULL outside 1..64. */
const char *tapealert_name(unsigned flag);

/* The active flags as "20 Clean now, 21 Clean periodic" in buf ("" when
 * none); cut to fit. Returns buf. */
char *tapealert_describe(uint64_t set, char *buf, size_t len);

/* What a sense condition says about cleaning. */
enum clean_sense {
    CLEAN_SENSE_NONE = 0,
    CLEAN_SENSE_REQUESTED,       /* 00/17 cleaning requested */
    CLEAN_SENSE_CLEANER_LOADED,  /* 30/03 cleaning cartridge installed */
    CLEAN_SENSE_FAILED,          /* 30/07 cleaning failure */
    CLEAN_SENSE_REJECTED,        /* 30/0A cleaning request rejected */
    CLEAN_SENSE_CLEANER_EXPIRED, /* 30/13 cleaning volume expired */
};
enum clean_sense tapealert_clean_sense(const scsi_sense_t *s);

/* What a drive reported about itself (JOB_HEALTH). */
typedef struct drive_health {
    bool has_tapealert;       /* the drive answered LOG SENSE page 2Eh */
    enum tapealert_result page_result;
    tapealert_t alerts;
    bool has_sense;           /* REQUEST SENSE answered */
    scsi_sense_t sense;
} drive_health_t;

/* How urgently the drive asks for cleaning. */
enum clean_need {
    CLEAN_NEED_NONE = 0,
    CLEAN_NEED_PERIODIC,      /* TapeAlert 21 */
    CLEAN_NEED_NOW,           /* TapeAlert 20, or sense 00/17 */
};
enum clean_need drive_health_need(const drive_health_t *h);

/* Does the report say the cleaning cartridge just used is spent (TapeAlert
 * 22, sense 30/13) or no cleaner at all (TapeAlert 23)? */
bool drive_health_cleaner_spent(const drive_health_t *h);
bool drive_health_cleaner_invalid(const drive_health_t *h);

/* One TEST UNIT READY while a cleaning cartridge is in the drive. */
enum clean_progress {
    CLEAN_RUNNING = 0,  /* not ready: cleaning (30/03), becoming ready, unit attention */
    CLEAN_UNLOADED,     /* no medium (3A/xx): the drive has ejected the cleaner */
    CLEAN_AS_MEDIUM,    /* GOOD: the drive holds the cartridge as it would data
                         * (emulations; see docs/design/cleaning.md) */
    CLEAN_FAILED,       /* cleaning failure, rejected, expired, or another error */
};
/* `good`: the command returned GOOD; else `s` is its sense (may be !valid). */
enum clean_progress tapealert_clean_progress(bool good, const scsi_sense_t *s);
const char *tapealert_progress_name(enum clean_progress p);

#endif
