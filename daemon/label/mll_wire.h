/*
 * mll_wire.h - the messages between rsmd and rsm-label-helper, the process
 * that runs one label library (an ntmsmli.h plug-in) for it.
 *
 * The two ends share a SOCK_SEQPACKET socket pair (the helper's end is its
 * descriptor 3), so every message arrives whole or not at all; each starts
 * with MLL_WIRE_MAGIC and its kind, all in host byte order (both ends are
 * one machine). The helper says HELLO once, after loading the plug-in and
 * asking MaxMediaLabel; then, for each CLAIM (the first bytes of a medium,
 * at most the plug-in's maximum and MLL_MAX_LABEL), it answers with one
 * ANSWER. Strings are UTF-8, NUL-terminated inside their arrays.
 */
#ifndef RSM_LABEL_MLL_WIRE_H
#define RSM_LABEL_MLL_WIRE_H

#include <stdint.h>

#include <rsm/ntmsmli.h>

#include "label/label.h"

#define MLL_WIRE_MAGIC 0x314c4c4du /* "MLL1" */
#define MLL_HELPER_FD 3
/* The most label bytes a plug-in is ever shown (LIBRARY_LABEL_MAX). */
#define MLL_MAX_LABEL (64u * 1024u)
#define MLL_WHY_LEN 200

/* Statuses the helper itself gives (Win32 values). */
#define MLL_ERROR_LOAD ERROR_FILE_NOT_FOUND /* dlopen failed */
#define MLL_ERROR_SYMBOL ERROR_NOT_FOUND    /* an entry point is missing */
#define MLL_ERROR_MAX ERROR_INVALID_PARAMETER /* MaxMediaLabel failed or said 0 */
#define MLL_ERROR_MISBEHAVED 13u            /* ERROR_INVALID_DATA: a broken answer */

enum mll_kind { MLL_HELLO = 1, MLL_CLAIM = 2, MLL_ANSWER = 3 };

typedef struct mll_hello {
    uint32_t magic, kind;
    uint32_t status;          /* 0: loaded; else why it could not be */
    uint32_t max_size;        /* what MaxMediaLabel said */
    char why[MLL_WHY_LEN];
} mll_hello_t;

typedef struct mll_claim {
    uint32_t magic, kind;
    uint32_t len;             /* label bytes that follow */
} mll_claim_t;

typedef struct mll_answer {
    uint32_t magic, kind;
    uint32_t status;          /* ClaimMediaLabel's return, or the helper's verdict on a misbehaving
                               * plug-in (ERROR_INVALID_DATA, with why) */
    uint32_t id_len;
    uint8_t id[NTMSMLI_MAXIDSIZE];
    char type[LABEL_TYPE_LEN];
    char descr[LABEL_NAME_LEN];
    char why[MLL_WHY_LEN];
} mll_answer_t;

#endif
