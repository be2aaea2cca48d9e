/*
 * opts.h - the verbs' option tables and the one parser for both syntaxes.
 *
 * Each verb declares its options once, in a table of struct opt: the
 * rsm.exe switch letters, the GNU long name, and the kind of argument.
 * The parser reads, from the same table:
 *   - rsm.exe switches, value glued on (`/m"My Pool"`, `/onew`, `/t50`), or
 *     as the next word when nothing is glued; letters and keyword values
 *     are case-insensitive. An object option with OPTF_GF has the pair
 *     `/Xg<GUID>` and `/Xf<friendly name>` (`/lg...`, `/lf...`).
 *   - GNU long options: `--pool NAME`, `--pool=NAME`, `--new`.
 *   - bare words, which fill the options marked OPTF_POSITIONAL in order
 *     (`rsm view pools`, `rsm media delete VT0001L8`).
 * Help (`--help`, `-h`, `/?`), bash completion and the consistency test
 * of the man page are generated from the same tables.
 *
 * Every verb also takes the common options --json, --help and --socket.
 */
#ifndef RSM_CLI_OPTS_H
#define RSM_CLI_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include <rsm/ntmsapi.h>

#include "names.h"

enum opt_kind {
    OPT_FLAG,     /* no value */
    OPT_SETS,     /* no value: ORs `bits` into its slot (the long form of one keyword) */
    OPT_TEXT,     /* any text */
    OPT_NUMBER,   /* unsigned decimal */
    OPT_KEYWORD,  /* one word of `words`; with OPTF_MULTI the values are OR-ed */
    OPT_OBJECT,   /* an object by GUID or friendly name; `objtype` says what kind */
    OPT_GUID,     /* a GUID only */
    OPT_TIMEOUT,  /* milliseconds; 10s, 5m, 1h; infinite */
    OPT_PRIORITY, /* -15..15, or lowest, low, normal, high, highest */
};

#define OPTF_POSITIONAL 0x1 /* bare words fill it, in table order */
#define OPTF_MULTI 0x2      /* may be given more than once (values OR-ed) */
#define OPTF_GF 0x4         /* switch forms /<sw>g GUID and /<sw>f NAME */

struct opt {
    int slot;                    /* index of its value in struct args */
    const char *sw;              /* rsm.exe switch letters (no '/'); NULL: long form only */
    const char *name;            /* long name (no "--"); NULL: switch only */
    enum opt_kind kind;
    const char *arg;             /* placeholder in help: POOL, MS ... */
    const char *help;
    const struct keyword *words; /* OPT_KEYWORD: the values */
    DWORD bits;                  /* OPT_SETS: what it ORs in */
    DWORD objtype;               /* OPT_OBJECT: NTMS_* type (completion) */
    unsigned flags;
};
/* A table ends with an entry that has neither switch nor long name. */
#define OPT_END {0}

/* Options every verb has; their slots are above any verb's own. */
enum {
    SLOT_MAX = 32,
    SLOT_JSON = SLOT_MAX - 1,
    SLOT_HELP = SLOT_MAX - 2,
    SLOT_SOCKET = SLOT_MAX - 3,
    SLOT_BARE = SLOT_MAX - 4,  /* /b, --bare: verbs that list it */
    SLOT_GUIDS = SLOT_MAX - 5, /* /guiddisplay, --guids: verbs that list it */
    SLOT_VERB_MAX = SLOT_MAX - 5,
};

#define OPT_BARE_ENTRY                                                                      \
    {.slot = SLOT_BARE, .sw = "b", .name = "bare", .kind = OPT_FLAG,                       \
     .help = "bare output: only the value(s), one a line"}
#define OPT_GUIDS_ENTRY                                                                     \
    {.slot = SLOT_GUIDS, .sw = "guiddisplay", .name = "guids", .kind = OPT_FLAG,           \
     .help = "show GUIDs (with /b: GUIDs instead of names)"}

/* How an object was named. */
enum ref_by { REF_ANY, REF_GUID, REF_NAME };

struct optval {
    bool given;
    const char *text;      /* the value as written (NULL for flags) */
    enum ref_by by;        /* OPT_OBJECT */
    NTMS_GUID guid;        /* OPT_GUID; OPT_OBJECT given by GUID */
    DWORD num;             /* NUMBER, KEYWORD, SETS, TIMEOUT (INFINITE possible) */
    int inum;              /* PRIORITY */
    char spelled[64];      /* how the option was written, for messages */
};

struct args {
    struct optval v[SLOT_MAX];
    char **command; /* VERB_COMMAND: the words after "--" (NULL: none) */
    int ncommand;
};

struct verb;
typedef int (*verb_fn)(HANDLE s, struct args *a);

#define VERB_NO_SESSION 0x1 /* runs without the service */
#define VERB_COMMAND 0x2    /* the words after "--" are a command to run */

struct verb {
    const char *group;   /* NULL, or the group word ("pool", "media" ...) */
    const char *name;
    const char *summary; /* one line */
    const struct opt *opts;
    verb_fn run;
    unsigned flags;
    const char *notes;   /* more help text, or NULL */
};
#define VERB_END {0}

/* Parse argv (the words after the verb) into *a. Returns 0, or EXIT_USAGE
 * after one line on stderr saying what is wrong. */
int opts_parse(const struct verb *v, int argc, char **argv, struct args *a);

/* The verb's help: synopsis, options in both syntaxes, notes. */
void opts_help(const struct verb *v, FILE *out);

/* Each option's spellings, for completion and the consistency tests:
 * calls `fn` with "/m", "/lg", "--pool" ... and the option. */
typedef void (*opts_spelling_fn)(const char *spelling, const struct opt *o, void *ctx);
void opts_each_spelling(const struct verb *v, opts_spelling_fn fn, void *ctx);

/* The verb's options, then the common ones; start with *i = 0. */
const struct opt *opts_next(const struct verb *v, int *i);

/* The switch forms of an option as help prints them ("/lgGUID, /lfNAME",
 * "/o{new|next}"); "" when it has none. */
void opts_switch_text(const struct opt *o, char *buf, size_t len);

/* The words of a keyword table, `sep` between them (aliases left out). */
void opts_keyword_list(const struct keyword *k, const char *sep, char *buf, size_t len);

/* Does the option take a value? */
bool opts_takes_value(const struct opt *o);

/* The option a long name or switch spelling (as completion sees it: "--pool",
 * "/m") stands for, or NULL. */
const struct opt *opts_find_long(const struct verb *v, const char *name);

/* The positional option the k-th bare word fills (0-based), or NULL. */
const struct opt *opts_positional(const struct verb *v, int k);

/* Helpers for the verbs. */
static inline bool arg_given(const struct args *a, int slot) { return a->v[slot].given; }
/* How many of the slots (list ending with -1) are given. */
int args_count(const struct args *a, ...);

#endif
