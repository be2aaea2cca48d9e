/*
 * errors.h - names and one-line explanations of the Win32 codes the NTMS API
 * returns, for messages people read.
 */
#ifndef RSM_CLI_ERRORS_H
#define RSM_CLI_ERRORS_H

#include <rsm/ntmsapi.h>

/* "ERROR_INVALID_HANDLE", or "error 1234" (static buffer) when unknown. */
const char *error_name(DWORD code);
/* A short sentence, or "" when unknown. */
const char *error_text(DWORD code);

#endif
