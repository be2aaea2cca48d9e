/*
 * scsi_parse.h - pure parsers of SPC replies (INQUIRY, VPD pages, MODE SENSE
 * headers, REPORT SUPPORTED OPERATION CODES), and the SMC ones (element
 * status, mode pages 1Dh and 1Fh).
 *
 * Every parser takes the bytes actually received and never reads past them,
 * whatever lengths the reply claims for itself: they are unit-tested and
 * fuzzed on their own, with no device behind them.
 */
#ifndef RSM_SCSI_PARSE_H
#define RSM_SCSI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changer/changer.h"

/* Copy a fixed-width SCSI ASCII field: leading and trailing blanks and NULs
 * dropped, anything unprintable shown as '?'. dst is always terminated. */
void scsi_copy_string(char *dst, size_t dst_len, const uint8_t *src, size_t src_len);

/* strlcpy: copy at most dst_len-1 bytes of src, always terminate. */
void scsi_strlcpy(char *dst, size_t dst_len, const char *src);

/* ---- SPC --------------------------------------------------------------- */

typedef struct scsi_inquiry {
    uint8_t pdt;        /* peripheral device type: 1 tape, 8 changer */
    uint8_t qualifier;  /* 0: a device is connected at this LUN */
    bool removable;
    uint8_t version;
    char vendor[9];     /* blanks trimmed */
    char product[17];
    char revision[5];
} scsi_inquiry_t;

/* Standard INQUIRY data; false if fewer than 5 bytes (no header). Fields
 * beyond the bytes received stay empty. */
bool parse_inquiry(const uint8_t *buf, size_t len, scsi_inquiry_t *out);

/* VPD 80h: the unit serial number, blanks trimmed (tgt right-justifies it). */
bool parse_vpd_80(const uint8_t *buf, size_t len, char *serial, size_t serial_len);

/* VPD 83h: the best logical-unit designator in printable form: NAA as
 * "naa.<hex>", EUI-64 as "eui.<hex>", a SCSI name string as is, a T10
 * vendor ID as "t10.<text>" with blank runs collapsed. False if none. */
bool parse_vpd_83(const uint8_t *buf, size_t len, char *ident, size_t ident_len);

/* The mode page `page` (subpage 0) inside a MODE SENSE(6) or (10) reply:
 * a pointer to its first byte (the page code) and its length in bytes,
 * bounded by what was received, or NULL. */
const uint8_t *mode_page_find(const uint8_t *buf, size_t len, bool ten, uint8_t page, size_t *page_len);

/* REPORT SUPPORTED OPERATION CODES (all commands): marks supported[op] for
 * each opcode listed. Returns the number of descriptors read, -1 if the
 * reply has no header. */
int parse_supported_opcodes(const uint8_t *buf, size_t len, bool supported[256]);

/* ---- SMC --------------------------------------------------------------- */

/* Mode page 1Dh, element address assignment: first address and count per
 * element type into info->range. False if the page is too short. */
bool parse_mode_page_1d(const uint8_t *page, size_t len, changer_info_t *info);

/* Mode page 1Fh, device capabilities: can_exchange from the exchange
 * capability bytes. False if the page is too short. */
bool parse_mode_page_1f(const uint8_t *page, size_t len, changer_info_t *info);

/* Append the element descriptors of a READ ELEMENT STATUS reply to *out.
 * Bounded by `len`; the element status page headers are trusted over the
 * report header (tgt's is 8 bytes short). A descriptor cut by the end of
 * the reply is dropped if its 12-byte fixed part is incomplete, kept
 * otherwise with voltag_truncated or id_truncated telling what is missing;
 * out->truncated tells the caller the reply was short. Pages of unknown
 * element types are skipped. Returns the number of elements appended, or
 * -1 when out of memory. */
int parse_element_status(const uint8_t *buf, size_t len, element_status_t *out);

#endif
