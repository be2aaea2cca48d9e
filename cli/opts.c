/*
 * opts.c - see opts.h. One pass over argv; each word is a GNU long option,
 * an rsm.exe switch, or a bare word, and is looked up in the verb's table
 * followed by the common options.
 */
#include "opts.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const struct opt common_opts[] = {
    {.slot = SLOT_JSON, .name = "json", .kind = OPT_FLAG, .help = "write the result as one JSON document on stdout"},
    {.slot = SLOT_HELP, .sw = "?", .name = "help", .kind = OPT_FLAG, .help = "show this help"},
    {.slot = SLOT_SOCKET, .name = "socket", .kind = OPT_TEXT, .arg = "PATH",
     .help = "the service's socket (default: $RSM_SOCKET, else " CLI_DEFAULT_SOCKET ")"},
    OPT_END,
};

static bool opt_end(const struct opt *o)
{
    return o->sw == NULL && o->name == NULL;
}

/* The verb's options, then the common ones: *i runs over both tables. */
const struct opt *opts_next(const struct verb *v, int *i)
{
    int n = 0;
    if (v != NULL && v->opts != NULL) {
        while (!opt_end(&v->opts[n]))
            n++;
        if (*i < n)
            return &v->opts[(*i)++];
    }
    int k = *i - n;
    if (opt_end(&common_opts[k]))
        return NULL;
    (*i)++;
    return &common_opts[k];
}

bool opts_takes_value(const struct opt *o)
{
    return o->kind != OPT_FLAG && o->kind != OPT_SETS;
}

/* The switch spellings of an option: "m", or "lg" and "lf". */
struct form {
    char letters[24];
    enum ref_by by;
};

static int switch_forms(const struct opt *o, struct form f[2])
{
    if (o->sw == NULL)
        return 0;
    if (o->flags & OPTF_GF) {
        snprintf(f[0].letters, sizeof f[0].letters, "%sg", o->sw);
        f[0].by = REF_GUID;
        snprintf(f[1].letters, sizeof f[1].letters, "%sf", o->sw);
        f[1].by = REF_NAME;
        return 2;
    }
    snprintf(f[0].letters, sizeof f[0].letters, "%s", o->sw);
    f[0].by = REF_ANY;
    return 1;
}

/* The option whose switch letters are the longest prefix of `word` (the
 * text after '/'), case-insensitively. */
static const struct opt *find_switch(const struct verb *v, const char *word, struct form *match)
{
    const struct opt *best = NULL;
    size_t best_len = 0;
    int i = 0;
    for (const struct opt *o; (o = opts_next(v, &i)) != NULL;) {
        struct form f[2];
        int n = switch_forms(o, f);
        for (int k = 0; k < n; k++) {
            size_t len = strlen(f[k].letters);
            if (len > best_len && strncasecmp(word, f[k].letters, len) == 0) {
                best = o;
                best_len = len;
                *match = f[k];
            }
        }
    }
    return best;
}

const struct opt *opts_find_long(const struct verb *v, const char *name)
{
    int i = 0;
    for (const struct opt *o; (o = opts_next(v, &i)) != NULL;) {
        if (name[0] == '-' && name[1] == '-' && o->name != NULL && strcmp(name + 2, o->name) == 0)
            return o;
        if (name[0] == '/') {
            struct form f[2];
            int n = switch_forms(o, f);
            for (int k = 0; k < n; k++)
                if (strcasecmp(name + 1, f[k].letters) == 0)
                    return o;
        }
    }
    return NULL;
}

const struct opt *opts_positional(const struct verb *v, int k)
{
    for (const struct opt *o = v->opts; o != NULL && !opt_end(o); o++)
        if ((o->flags & OPTF_POSITIONAL) && k-- == 0)
            return o;
    return NULL;
}

int args_count(const struct args *a, ...)
{
    va_list ap;
    int n = 0;
    va_start(ap, a);
    for (int slot; (slot = va_arg(ap, int)) >= 0;)
        n += a->v[slot].given;
    va_end(ap);
    return n;
}

/* ------------------------------------------------------------------------ */
/* Values */

static int parse_dword(const char *text, unsigned long long max, DWORD *out)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    *out = (DWORD)v;
    return 0;
}

/* Milliseconds, as rsm.exe's /t and the API take them; a unit suffix (ms,
 * s, m, h) for people; "infinite" for no limit. */
static int parse_timeout(const char *text, DWORD *out)
{
    static const struct {
        const char *suffix;
        unsigned long long scale;
    } units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"", 1}};
    if (strcasecmp(text, "infinite") == 0 || strcasecmp(text, "inf") == 0 || strcasecmp(text, "forever") == 0) {
        *out = INFINITE;
        return 0;
    }
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcasecmp(end, units[i].suffix) != 0)
            continue;
        if (v > (unsigned long long)(INFINITE - 1) / units[i].scale)
            return -1;
        *out = (DWORD)(v * units[i].scale);
        return 0;
    }
    return -1;
}

static int parse_priority(const char *text, int *out)
{
    DWORD word;
    if (kw_find(kw_priorities, text, &word) == 0) {
        *out = (int)word;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < NTMS_PRIORITY_LOWEST || v > NTMS_PRIORITY_HIGHEST)
        return -1;
    *out = (int)v;
    return 0;
}

/* Aliases (a word whose value an earlier word has) are accepted but not
 * listed. */
void opts_keyword_list(const struct keyword *k, const char *sep, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const struct keyword *w = k; w->word != NULL; w++) {
        bool alias = false;
        for (const struct keyword *e = k; e != w && !alias; e++)
            alias = e->value == w->value;
        if (!alias)
            cli_append(buf, len, &used, "%s%s", used ? sep : "", w->word);
    }
}

static int set_value(struct optval *val, const struct opt *o, const char *text, enum ref_by by)
{
    char list[256];
    DWORD word;
    val->text = text;
    switch (o->kind) {
    case OPT_FLAG:
        break;
    case OPT_SETS:
        val->num |= o->bits;
        break;
    case OPT_TEXT:
        break;
    case OPT_NUMBER:
        if (parse_dword(text, 0xFFFFFFFFull, &val->num) != 0)
            return cli_usage("%s: '%s' is not a number", val->spelled, text);
        break;
    case OPT_KEYWORD:
        if (kw_find(o->words, text, &word) != 0) {
            opts_keyword_list(o->words, ", ", list, sizeof list);
            return cli_usage("%s: '%s' is not one of: %s", val->spelled, text, list);
        }
        val->num = (o->flags & OPTF_MULTI) ? val->num | word : word;
        break;
    case OPT_OBJECT:
        val->by = by;
        if (by == REF_GUID && cli_parse_guid(text, &val->guid) != 0)
            return cli_usage("%s: '%s' is not a GUID (32 hex digits, dashes and braces optional)", val->spelled,
                             text);
        if (by == REF_ANY && cli_parse_guid(text, &val->guid) == 0)
            val->by = REF_GUID;
        else if (by == REF_ANY)
            val->by = REF_NAME;
        break;
    case OPT_GUID:
        if (cli_parse_guid(text, &val->guid) != 0)
            return cli_usage("%s: '%s' is not a GUID (32 hex digits, dashes and braces optional)", val->spelled,
                             text);
        break;
    case OPT_TIMEOUT:
        if (parse_timeout(text, &val->num) != 0)
            return cli_usage("%s: '%s' is not a time-out (milliseconds, or 30s, 5m, 1h, infinite)", val->spelled,
                             text);
        break;
    case OPT_PRIORITY:
        if (parse_priority(text, &val->inum) != 0)
            return cli_usage("%s: '%s' is not a priority (-15..15, lowest, low, normal, high, highest)",
                             val->spelled, text);
        break;
    }
    return 0;
}

/* Record one occurrence of option `o`, spelled `spelled`, with `text`. */
static int take(struct args *a, const struct opt *o, const char *spelled, const char *text, enum ref_by by)
{
    struct optval *val = &a->v[o->slot];
    bool repeatable = (o->flags & OPTF_MULTI) || o->kind == OPT_SETS;
    if (val->given && !repeatable)
        return cli_usage("%s given twice", spelled);
    val->given = true;
    snprintf(val->spelled, sizeof val->spelled, "%s", spelled);
    return set_value(val, o, text, by);
}

static int parse_long(const struct verb *v, struct args *a, const char *arg, int *i, int argc, char **argv)
{
    /* --name=value: the name alone, without writing into argv */
    char word[64];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof word)
        return cli_usage("unknown option %s", arg);
    memcpy(word, arg, len);
    word[len] = '\0';
    const struct opt *o = opts_find_long(v, word);
    if (o == NULL || o->name == NULL)
        return cli_usage("unknown option %s", word);
    const char *text = NULL;
    if (opts_takes_value(o)) {
        if (eq != NULL)
            text = eq + 1;
        else if (*i + 1 < argc)
            text = argv[++*i];
        else
            return cli_usage("%s needs a value (%s)", word, o->arg ? o->arg : "VALUE");
    } else if (eq != NULL) {
        return cli_usage("%s takes no value", word);
    }
    return take(a, o, word, text, REF_ANY);
}

static int parse_switch(const struct verb *v, struct args *a, const char *word, int *i, int argc, char **argv)
{
    struct form f;
    const struct opt *o = find_switch(v, word + 1, &f);
    if (o == NULL)
        return cli_usage("unknown switch %s", word);
    char spelled[32];
    snprintf(spelled, sizeof spelled, "/%s", f.letters);
    const char *glued = word + 1 + strlen(f.letters);
    if (!opts_takes_value(o)) {
        if (*glued != '\0')
            return cli_usage("unknown switch %s (%s takes no value)", word, spelled);
        return take(a, o, spelled, NULL, f.by);
    }
    /* rsm.exe glues the value on; a value in the next word is accepted too,
     * as TechNet's syntax lines print it that way. */
    if (*glued == '\0') {
        if (*i + 1 >= argc)
            return cli_usage("%s needs a value (%s)", spelled, o->arg ? o->arg : "VALUE");
        glued = argv[++*i];
    }
    return take(a, o, spelled, glued, f.by);
}

int opts_parse(const struct verb *v, int argc, char **argv, struct args *a)
{
    int positional = 0;
    bool only_words = false;
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        char *word = argv[i];
        int rc = 0;
        if (!only_words && strcmp(word, "--") == 0) {
            if ((v->flags & VERB_COMMAND) && i + 1 < argc) {
                a->command = argv + i + 1;
                a->ncommand = argc - i - 1;
                break;
            }
            only_words = true;
        } else if (!only_words && strcmp(word, "-h") == 0) {
            rc = take(a, &common_opts[1], "-h", NULL, REF_ANY);
        } else if (!only_words && word[0] == '-' && word[1] == '-') {
            rc = parse_long(v, a, word, &i, argc, argv);
        } else if (!only_words && word[0] == '/' && word[1] != '\0') {
            rc = parse_switch(v, a, word, &i, argc, argv);
        } else if (!only_words && word[0] == '-' && word[1] != '\0') {
            rc = cli_usage("unknown option %s (long options start with --)", word);
        } else {
            const struct opt *o = opts_positional(v, positional++);
            if (o == NULL)
                return cli_usage("unexpected argument '%s'", word);
            char spelled[48];
            snprintf(spelled, sizeof spelled, "%s", o->arg ? o->arg : o->name);
            rc = take(a, o, spelled, word, REF_ANY);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Help and spellings */

void opts_each_spelling(const struct verb *v, opts_spelling_fn fn, void *ctx)
{
    int i = 0;
    for (const struct opt *o; (o = opts_next(v, &i)) != NULL;) {
        struct form f[2];
        int n = switch_forms(o, f);
        for (int k = 0; k < n; k++) {
            char s[sizeof f[k].letters + 1];
            snprintf(s, sizeof s, "/%.*s", (int)sizeof f[k].letters - 1, f[k].letters);
            fn(s, o, ctx);
        }
        if (o->name != NULL) {
            char s[64];
            snprintf(s, sizeof s, "--%s", o->name);
            fn(s, o, ctx);
        }
    }
}

/* "/m POOL", "/lg GUID, /lf NAME", "/o{errunavail|new|next}" */
void opts_switch_text(const struct opt *o, char *buf, size_t len)
{
    struct form f[2];
    int n = switch_forms(o, f);
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        const char *arg = o->arg ? o->arg : "VALUE";
        if (o->flags & OPTF_GF)
            arg = f[k].by == REF_GUID ? "GUID" : "NAME";
        if (!opts_takes_value(o)) {
            cli_append(buf, len, &used, "/%s", f[k].letters);
        } else if (o->kind == OPT_KEYWORD) {
            char words[256];
            /* a short choice reads best in place; a long one is listed in the help text */
            opts_keyword_list(o->words, "|", words, sizeof words);
            if (strlen(words) <= 40)
                cli_append(buf, len, &used, "/%s{%s}", f[k].letters, words);
            else
                cli_append(buf, len, &used, "/%s%s", f[k].letters, o->arg ? o->arg : "VALUE");
        } else {
            cli_append(buf, len, &used, "%s/%s%s", k ? ", " : "", f[k].letters, arg);
        }
    }
}

static void print_option(const struct opt *o, FILE *out)
{
    char sw[256], words[256];
    opts_switch_text(o, sw, sizeof sw);
    fputs("  ", out);
    if (sw[0] != '\0')
        fputs(sw, out);
    if (o->name != NULL) {
        fprintf(out, "%s--%s", sw[0] ? ", " : "", o->name);
        if (opts_takes_value(o))
            fprintf(out, " %s", o->arg ? o->arg : "VALUE");
    }
    if (o->flags & OPTF_POSITIONAL)
        fprintf(out, " (or a bare %s)", o->arg ? o->arg : "word");
    fprintf(out, "\n        %s", o->help ? o->help : "");
    if (o->kind == OPT_KEYWORD) {
        opts_keyword_list(o->words, ", ", words, sizeof words);
        fprintf(out, " (%s)", words);
    }
    fputc('\n', out);
}

void opts_help(const struct verb *v, FILE *out)
{
    fprintf(out, "rsm %s%s%s - %s\n\nusage: rsm %s%s%s [OPTIONS]", v->group ? v->group : "", v->group ? " " : "",
            v->name, v->summary, v->group ? v->group : "", v->group ? " " : "", v->name);
    for (int k = 0;; k++) {
        const struct opt *o = opts_positional(v, k);
        if (o == NULL)
            break;
        fprintf(out, " [%s]", o->arg ? o->arg : o->name);
    }
    if (v->flags & VERB_COMMAND)
        fputs(" [-- COMMAND [ARG...]]", out);
    fputs("\n\noptions:\n", out);
    int i = 0;
    for (const struct opt *o; (o = opts_next(v, &i)) != NULL;)
        print_option(o, out);
    if (v->notes != NULL)
        fprintf(out, "\n%s\n", v->notes);
}
