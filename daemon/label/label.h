/*
 * label.h - on-media identifiers (OMIDs): what is written at the start of
 * a side, as the service sees it.
 *
 * A label read from the beginning of a medium (JOB_READ_LABEL gives the
 * first block, at most LIBRARY_LABEL_MAX bytes; a virtual drive gives the
 * first 64 KiB of its image) is offered to recognizers. Each recognizer is
 * a pure function over the bytes: it reads only buf[0..len), allocates
 * nothing, and either recognizes the label (true, *out filled) or does not
 * (false, *out zeroed). A recognized label has the parts
 * concepts/on-media-identifiers.md names: a label type (the format, or the
 * application that wrote it), a label ID that tells this side from every
 * other of its format, and a human name (the volume name, the label
 * information NTMS_PARTITIONINFORMATION shows).
 *
 * The order labels are tried in (label_recognize_builtin): the service's
 * own free-media label first, then the formats of the table in builtin.c.
 * Label libraries (plug-ins, mll.h) come between the two in
 * label_identify (identify.h): they are what an administrator installed
 * for a format the built-ins do not know, or know less well.
 *
 * docs/design/labels.md describes each format and how its ID is made.
 */
#ifndef RSM_LABEL_H
#define RSM_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

/* Sizes of the side's OMID fields (NTMS_PARTITIONINFORMATION). */
#define LABEL_TYPE_LEN NTMS_OMIDLABELTYPE_LENGTH /* 64, with the NUL */
#define LABEL_ID_MAX NTMS_OMIDLABELID_LENGTH     /* 255 bytes */
#define LABEL_NAME_LEN NTMS_OMIDLABELINFO_LENGTH /* 256, with the NUL */

typedef struct label_info {
    bool recognized;
    bool ours_free;               /* the service's own free-media label (freelabel.h) */
    char format[16];              /* which recognizer: "free", "mtf", "vol1", ... or "plugin" */
    char type[LABEL_TYPE_LEN];    /* the label type (UTF-8) */
    uint8_t id[LABEL_ID_MAX];     /* the label ID */
    size_t id_len;                /* 1..LABEL_ID_MAX when recognized */
    char name[LABEL_NAME_LEN];    /* volume name / label information (UTF-8), may be "" */
} label_info_t;

typedef bool (*label_recognizer_fn)(const uint8_t *buf, size_t len, label_info_t *out);

/* The built-in recognizers. */
bool label_recognize_free(const uint8_t *buf, size_t len, label_info_t *out);   /* ours */
bool label_recognize_mtf(const uint8_t *buf, size_t len, label_info_t *out);    /* Microsoft Tape Format */
bool label_recognize_vol1(const uint8_t *buf, size_t len, label_info_t *out);   /* ANSI, IBM SL, LTFS */
bool label_recognize_tar(const uint8_t *buf, size_t len, label_info_t *out);    /* ustar, pax, GNU, v7 */
bool label_recognize_bacula(const uint8_t *buf, size_t len, label_info_t *out); /* Bacula, Bareos */
bool label_recognize_amanda(const uint8_t *buf, size_t len, label_info_t *out); /* Amanda */

/* The table, in the order label_recognize_builtin tries it (ours first). */
typedef struct label_format {
    const char *name;            /* "free", "mtf", "vol1", "tar", "bacula", "amanda" */
    label_recognizer_fn fn;
} label_format_t;
size_t label_builtin_count(void);
const label_format_t *label_builtin(size_t i); /* NULL past the end */

/* Try every built-in recognizer in order; the first that recognizes the
 * label fills *out. `skip_free`: leave out the free-media label (it is
 * tried on its own before the plug-ins). An empty buffer is a blank
 * medium: never recognized. */
bool label_recognize_builtin(const uint8_t *buf, size_t len, bool skip_free, label_info_t *out);

/* Is `type` a label type only the built-in recognizers give ("ANSI",
 * "LTFS", "USTAR", "Bacula", "RSM", "RAW" ...)? Not MTF's, whose type is
 * the name of the software that wrote it, nor a label library's. */
bool label_type_builtin(const char *type);

/* What is kept of a label nothing recognized (UpdateNtmsOmidInfo's and the
 * inventory's fallback, so that the two compare equal): recognized stays
 * false, the type is "RAW", the ID the first LABEL_ID_MAX bytes, no name.
 * An empty buffer (a blank medium) gives id_len 0. */
#define LABEL_RAW_TYPE "RAW"
void label_make_raw(const uint8_t *buf, size_t len, label_info_t *out);

/* The file-system label of a block device or image file through libblkid
 * (blkid.c): type (upper case, "EXT4", "ISO9660", "UDF" ...), the UUID or
 * serial as the label ID (its hex digits as bytes when it is hex, else its
 * text), the volume label as the name. Reads the device; not pure.
 * 0, ERROR_BAD_FORMAT when no file system was found (*out zeroed),
 * ERROR_FILE_NOT_FOUND / ERROR_ACCESS_DENIED / ERROR_IO_DEVICE when the
 * device cannot be probed (one log line). */
DWORD label_probe_filesystem(const char *path, label_info_t *out);

/* --- helpers the recognizers share (util.c) ------------------------------ */

/* Set the fields every recognizer sets, and recognized = true. `name` may
 * be NULL. Strings are cut to fit. */
void label_set(label_info_t *out, const char *format, const char *type, const char *name);
/* Set the ID to `len` bytes (cut to LABEL_ID_MAX). */
void label_set_id(label_info_t *out, const void *id, size_t len);
/* Copy at most `n` bytes of text at p into dst (size dst_len): stops at a
 * NUL, keeps printable ASCII, replaces other bytes with '?', and trims
 * trailing blanks. Returns dst. */
char *label_copy_text(char *dst, size_t dst_len, const uint8_t *p, size_t n);
/* The same for UTF-8 text: valid sequences are kept whole, control
 * characters and invalid bytes become '?'. */
char *label_copy_utf8(char *dst, size_t dst_len, const uint8_t *p, size_t n);
/* The UTF-8 form of n UTF-16LE code units at p into dst (size dst_len),
 * stopping at a NUL unit; unpaired surrogates become U+FFFD. */
char *label_copy_utf16le(char *dst, size_t dst_len, const uint8_t *p, size_t n);
/* Parse a GUID in text form "8-4-4-4-12" hex digits found anywhere in
 * p[0..n) into 16 bytes (the RFC 4122 byte order). True when one was found. */
bool label_find_guid_text(const uint8_t *p, size_t n, uint8_t out[16]);
/* The first occurrence of needle (nlen bytes) in p[0..n), or NULL. */
const uint8_t *label_find(const uint8_t *p, size_t n, const char *needle, size_t nlen);

#endif
