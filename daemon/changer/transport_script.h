/*
 * transport_script.h - a transport that answers chosen commands from a
 * script and passes the others to the transport it wraps: fault injection
 * for tests (TapeAlert pages and sense codes tgtd never produces, failures
 * a real device gives only when it breaks).
 *
 * A rule is one line:
 *
 *     PATTERN : [status N] [sense HEX...] [data HEX...] [times N]
 *
 * PATTERN is hex bytes compared with the start of the CDB, ".." matching
 * any byte ("4d .. 6e" is LOG SENSE of page 2Eh, current cumulative
 * values). A matching command is not sent on: it completes with status N
 * (default 0, GOOD; 2 when sense is given and status is not), the sense
 * bytes, and the data bytes copied into the caller's buffer (as many as
 * fit). `times N` answers N commands, then the rule is spent (default:
 * every one). The first rule that matches and is not spent answers; '#'
 * starts a comment.
 *
 * Device string "script:RULES@DEVICE" (transport_open): DEVICE opened as
 * usual, wrapped with the rules of file RULES, which is read again each
 * time it changes (by size or modification time), so a test can change
 * what a running rsmd's drive says. A script without DEVICE ("script:RULES")
 * is a device of its own: commands no rule answers fail with ILLEGAL
 * REQUEST, invalid command operation code (20/00).
 */
#ifndef RSM_TRANSPORT_SCRIPT_H
#define RSM_TRANSPORT_SCRIPT_H

#include "changer/transport.h"

/* Wrap `inner` (may be NULL: no device behind); the script owns `inner`
 * from here on, also when this fails. `name` is the device string shown. */
DWORD transport_script_wrap(transport_t *inner, const char *name, transport_t **out);

/* Add one rule (the syntax above). ERROR_INVALID_PARAMETER with `why` when
 * the line is not one; a blank or comment line adds nothing. */
DWORD transport_script_add(transport_t *t, const char *line, char *why, size_t why_len);

/* Replace the rules with those of file `path`, and read it again whenever
 * it changes. A file that cannot be read leaves no rules (and says why). */
DWORD transport_script_load(transport_t *t, const char *path, char *why, size_t why_len);

/* How many commands the script itself has answered. */
unsigned transport_script_answered(const transport_t *t);

/* Open "script:RULES@DEVICE" or "script:RULES" (transport_open does this
 * for device strings starting with "script:"). */
DWORD transport_script_open(const char *spec, transport_t **out, char *why, size_t why_len);

#endif
