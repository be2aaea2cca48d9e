/*
 * man.c - the generated part of rsm(1): for every verb its summary, its
 * options in both syntaxes, and its notes, from the verb tables, so the
 * page cannot drift from what the command accepts. docs/man/rsm.1.in is
 * the hand-written rest; docs/man/meson.build builds the page.
 */
#include "complete.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "verbs.h"

/* Text for roff: backslashes and dashes escaped, and a line that would
 * start with a control character protected. */
static void roff(FILE *out, const char *text)
{
    bool line_start = true;
    for (const char *p = text; *p; p++) {
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", out);
        line_start = *p == '\n';
        if (*p == '\\')
            fputs("\\e", out);
        else if (*p == '-')
            fputs("\\-", out);
        else
            fputc(*p, out);
    }
}

static void option_entry(FILE *out, const struct opt *o)
{
    char sw[256], words[256];
    opts_switch_text(o, sw, sizeof sw);
    fputs(".TP\n", out);
    if (sw[0] != '\0') {
        fputs("\\fB", out);
        roff(out, sw);
        fputs("\\fR", out);
    }
    if (o->name != NULL) {
        fputs(sw[0] ? ", \\fB\\-\\-" : "\\fB\\-\\-", out);
        roff(out, o->name);
        fputs("\\fR", out);
        if (opts_takes_value(o)) {
            fputs(" \\fI", out);
            roff(out, o->arg ? o->arg : "VALUE");
            fputs("\\fR", out);
        }
    }
    if (o->flags & OPTF_POSITIONAL) {
        fputs(" (or a bare \\fI", out);
        roff(out, o->arg ? o->arg : "word");
        fputs("\\fR)", out);
    }
    fputc('\n', out);
    roff(out, o->help ? o->help : "");
    if (o->kind == OPT_KEYWORD) {
        opts_keyword_list(o->words, ", ", words, sizeof words);
        fputs(" (", out);
        roff(out, words);
        fputc(')', out);
    }
    fputs(".\n", out);
}

static void verb_entry(FILE *out, const struct verb *v)
{
    fputs(".SS \"", out);
    if (v->group) {
        roff(out, v->group);
        fputc(' ', out);
    }
    roff(out, v->name);
    fputs("\"\n", out);
    roff(out, v->summary);
    fputs(".\n", out);
    if (v->notes != NULL) {
        fputs(".PP\n", out);
        roff(out, v->notes);
        fputc('\n', out);
    }
    for (const struct opt *o = v->opts; o != NULL && (o->sw != NULL || o->name != NULL); o++)
        option_entry(out, o);
}

static void all_verbs(FILE *out, bool grouped)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;)
        if ((v->group != NULL) == grouped)
            verb_entry(out, v);
}

int man_page(const char *template_path)
{
    FILE *in = fopen(template_path, "r");
    char line[1024];
    if (in == NULL) {
        perror(template_path);
        return EXIT_USAGE;
    }
    while (fgets(line, sizeof line, in) != NULL) {
        if (strcmp(line, "@VERBS@\n") == 0)
            all_verbs(stdout, false);
        else if (strcmp(line, "@GROUPS@\n") == 0)
            all_verbs(stdout, true);
        else
            fputs(line, stdout);
    }
    fclose(in);
    return 0;
}
