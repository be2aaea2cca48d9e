/*
 * changer.h - what a library backend can do, in the SCSI changer's words.
 *
 * A library worker (one thread per library) drives its robot and drives only
 * through this interface. Every backend -- SCSI Medium Changer over SG_IO or
 * iSCSI, stand-alone drive, the directory-backed virtual library -- presents
 * the same vocabulary as chio(1): elements with addresses, element status
 * with volume tags, move, exchange, position, lock. Element addresses are the
 * library's own (SMC) addresses; a backend that has none (virtual,
 * stand-alone) assigns stable ones.
 *
 * All calls block (seconds to minutes on real hardware) and return a Win32
 * error code: 0, or the code the NTMS reference documents for the condition
 * (e.g. ERROR_RESOURCE_NOT_AVAILABLE for a full destination, ERROR_SLOT_EMPTY
 * does not exist in Win32 so an empty source is ERROR_MEDIA_UNAVAILABLE ...;
 * the SCSI backend's table in sense.c is the reference). `why` receives a
 * one-line explanation for the log when a call fails.
 *
 * A changer_t is used by one thread at a time (its library worker).
 */
#ifndef RSM_CHANGER_H
#define RSM_CHANGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

/* SMC element type codes (READ ELEMENT STATUS). */
enum element_type {
    ELEM_TRANSPORT = 1, /* the picker */
    ELEM_SLOT = 2,      /* storage element */
    ELEM_PORT = 3,      /* import/export element (mailslot) */
    ELEM_DRIVE = 4,     /* data transfer element */
};
#define ELEM_TYPES 4

#define CHANGER_VOLTAG_LEN 36   /* SMC primary volume tag, without padding */
#define CHANGER_DEVID_LEN 64    /* identifier from DVCID (drive serial etc.) */
#define CHANGER_STRING_LEN 64

/* One element as READ ELEMENT STATUS (or the backend's equivalent) saw it. */
typedef struct element {
    uint16_t address;
    uint8_t type;          /* enum element_type */
    bool full;             /* holds a medium */
    bool except;           /* in an abnormal state; asc/ascq say why */
    bool access;           /* the robot can reach it (ports: robot side) */
    bool impexp;           /* port: medium was put in by an operator */
    bool source_valid;     /* source_address holds where the medium came from */
    bool has_voltag;       /* voltag is the bar code read by the robot */
    uint8_t asc, ascq;
    uint16_t source_address;
    char voltag[CHANGER_VOLTAG_LEN + 1];    /* trailing blanks removed */
    char device_id[CHANGER_DEVID_LEN + 1];  /* drives: DVCID identifier, "" if none */
    bool id_truncated;     /* the reply ended inside the identifier: device_id
                            * is only its first part (tgt's short replies) */
    bool voltag_truncated; /* the reply ended inside the volume tag: the bar
                            * code is unknown (which is not "no bar code") */
} element_t;

/* Element status of a whole library, ordered by type then address. */
typedef struct element_status {
    element_t *v;
    size_t n;
    bool truncated; /* the reply held less than its headers announced */
} element_status_t;
void element_status_free(element_status_t *s);
/* The element with `address`, or NULL. */
element_t *element_find(const element_status_t *s, uint16_t address);

/* The library's element map and what it can do. */
typedef struct changer_info {
    char vendor[CHANGER_STRING_LEN + 1];
    char product[CHANGER_STRING_LEN + 1];
    char revision[CHANGER_STRING_LEN + 1];
    char serial[CHANGER_STRING_LEN + 1];      /* VPD 0x80, blanks trimmed */
    char identifier[CHANGER_STRING_LEN + 1];  /* VPD 0x83, printable form */
    struct {
        uint16_t first;
        uint16_t count;
    } range[ELEM_TYPES + 1];                  /* indexed by enum element_type */
    bool has_barcode_reader;
    bool can_exchange;
    bool can_position;
    bool can_lock_door;       /* PREVENT/ALLOW MEDIUM REMOVAL */
    bool can_open_port;       /* OPEN/CLOSE IMPORT/EXPORT ELEMENT */
    bool can_init_range;      /* INITIALIZE ELEMENT STATUS WITH RANGE */
} changer_info_t;

typedef struct changer changer_t;

/* The operations of a backend. Optional ones may be NULL; callers then
 * answer ERROR_NOT_SUPPORTED. */
typedef struct changer_ops {
    const char *name; /* "smc", "virtual", "standalone" */
    DWORD (*info)(changer_t *c, changer_info_t *out, char *why, size_t why_len);
    /* Element status of every element of `type` (ELEM_*), with volume tags
     * and device identifiers where the library reports them. */
    DWORD (*status)(changer_t *c, int type, element_status_t *out, char *why, size_t why_len);
    /* Ask the library to re-scan its elements (INITIALIZE ELEMENT STATUS);
     * count 0 means all. */
    DWORD (*rescan)(changer_t *c, uint16_t first, uint16_t count, char *why, size_t why_len);
    DWORD (*move)(changer_t *c, uint16_t from, uint16_t to, char *why, size_t why_len);
    DWORD (*exchange)(changer_t *c, uint16_t src, uint16_t dst1, uint16_t dst2, char *why, size_t why_len);
    DWORD (*position)(changer_t *c, uint16_t to, char *why, size_t why_len);
    DWORD (*lock)(changer_t *c, bool prevent, char *why, size_t why_len);
    DWORD (*port)(changer_t *c, uint16_t address, bool open, char *why, size_t why_len);
    /* Has anything changed behind our back since the last call (a UNIT
     * ATTENTION: door opened, mailslot used, power on)? *changed is set;
     * the call itself also tells whether the library answers at all. */
    DWORD (*check)(changer_t *c, bool *changed, char *why, size_t why_len);
    void (*close)(changer_t *c);
} changer_ops_t;

struct changer {
    const changer_ops_t *ops;
    char name[CHANGER_STRING_LEN + 1]; /* library name, for log lines */
};

#endif
