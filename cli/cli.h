/*
 * cli.h - what the verbs of the rsm command share: the output mode, the
 * session, error reporting, exit statuses, GUID and time text.
 *
 * Exit statuses: 0 success; 1 the service refused or failed the operation
 * (the ERROR_* name and a sentence are printed on stderr); 2 the command
 * line was wrong; 3 the service could not be reached. Documented in rsm(1).
 *
 * The command is a client of librsm only: everything it knows about the
 * service comes through <rsm/ntmsapi.h>.
 */
#ifndef RSM_CLI_H
#define RSM_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <rsm/ntmsapi.h>

enum { EXIT_API = 1, EXIT_USAGE = 2, EXIT_NOSERVICE = 3 };

/* Where librsm looks for the service without RSM_SOCKET (docs/librsm.md). */
#define CLI_DEFAULT_SOCKET "/run/rsm/rsmd.sock"

/* How results are written; set from the command line before a verb runs. */
struct cli_mode {
    bool json;          /* --json: one JSON document on stdout */
    bool bare;          /* /b, --bare: values only, one a line, no headings */
    bool guids;         /* /guiddisplay, --guids: GUID columns in tables */
    bool all;           /* view --all: also empty system pools */
    const char *socket; /* --socket: the service's socket (else RSM_SOCKET) */
    const char *verb;   /* "allocate", "pool create": for messages */
};
extern struct cli_mode cli_mode;

/* Open a session for the command ("rsm" as the application name); on failure
 * print why and exit with EXIT_NOSERVICE or EXIT_API. */
HANDLE cli_open_session(void);

/* Print "rsm VERB: <what>: ERROR_X: sentence" on stderr (and, with --json,
 * an error document on stdout); return EXIT_API. */
int cli_fail(DWORD code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "rsm VERB: <message>" on stderr; return EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Enumerate objects of `type` in `container` into a malloc'ed array, growing
 * the buffer on ERROR_INSUFFICIENT_BUFFER. Returns the API's code. */
DWORD cli_enumerate(HANDLE s, const NTMS_GUID *container, DWORD type, NTMS_GUID **list, DWORD *count);

/* Every media pool, depth first (EnumerateNtmsObject lists only the top
 * level of pools for a NULL container). */
DWORD cli_enumerate_pools(HANDLE s, NTMS_GUID **list, DWORD *count);

/* Get one object's information (dwSize and dwType set for the caller). */
DWORD cli_get_info(HANDLE s, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *info);

/* Give an object a new name and/or description (NULL: keep that one):
 * read, change, SetNtmsObjectInformation. Returns an exit status. */
int cli_set_names(HANDLE s, const NTMS_GUID *id, DWORD type, const char *name, const char *desc);

/* The object's name, or "" when it cannot be read or id is NULL/zero. */
const char *cli_name_of(HANDLE s, const NTMS_GUID *id, DWORD type, char *buf, size_t len);

/* GUIDs as text. cli_guid: 36 characters, lower case, dashed ("" for the
 * null GUID when `null_empty`). cli_guid_bare: rsm.exe's /guiddisplay /b
 * form, 32 upper-case hex digits. cli_parse_guid accepts both forms, also
 * in braces; returns 0 on success. */
const char *cli_guid(const NTMS_GUID *g, char buf[37]);
const char *cli_guid_or_empty(const NTMS_GUID *g, char buf[37]);
const char *cli_guid_bare(const NTMS_GUID *g, char buf[33]);
int cli_parse_guid(const char *text, NTMS_GUID *g);
bool cli_guid_null(const NTMS_GUID *g);
bool cli_guid_eq(const NTMS_GUID *a, const NTMS_GUID *b);

/* SYSTEMTIME (UTC) as "2026-11-24T08:57:47Z", or "" when it is unset. */
const char *cli_time(const SYSTEMTIME *t, char buf[32]);

/* An unsigned number as text, into buf. */
const char *cli_num(unsigned long long v, char buf[24]);

/* Append printf-style text at buf+*used without ever passing len (the
 * text is cut instead); *used stays below len. */
void cli_append(char *buf, size_t len, size_t *used, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Monotonic milliseconds, for waits bounded in time. */
unsigned long long cli_now_ms(void);

#endif
