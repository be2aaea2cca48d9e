/*
 * cli.h - what the verbs of the rsm command share: the session, error
 * reporting and exit statuses.
 *
 * Exit statuses: 0 success; 1 the service refused or failed the operation
 * (the ERROR_* name and a sentence are printed on stderr); 2 the command
 * line was wrong; 3 the service could not be reached.
 */
#ifndef RSM_CLI_H
#define RSM_CLI_H

#include <rsm/ntmsapi.h>

enum { EXIT_API = 1, EXIT_USAGE = 2, EXIT_NOSERVICE = 3 };

/* Open a session for the command ("rsm" as the application name); on failure
 * print why and exit with EXIT_NOSERVICE or EXIT_API. */
HANDLE cli_open_session(void);

/* Print "rsm: <what>: ERROR_X: sentence" on stderr and return the exit
 * status for `code`. */
int cli_fail(const char *what, DWORD code);

/* Enumerate objects of `type` in `container` into a malloc'ed array, growing
 * the buffer on ERROR_INSUFFICIENT_BUFFER. Returns the API's code. */
DWORD cli_enumerate(HANDLE s, NTMS_GUID *container, DWORD type, NTMS_GUID **list, DWORD *count);

/* Get one object's information (dwSize and dwType set for the caller). */
DWORD cli_get_info(HANDLE s, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *info);

/* GUID as 36-char text into buf (at least 37 bytes). */
const char *cli_guid(const NTMS_GUID *g, char *buf);

int cmd_view(HANDLE s, int argc, char **argv);

#endif
