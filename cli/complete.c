/*
 * complete.c - completion candidates and the option list (complete.h).
 *
 * The bash function (rsm.bash) hands the words of the command line to
 * `rsm --complete`; this file decides what may come next: a verb or group,
 * a subverb, an option spelling (--pool, /m), a keyword value (/onew,
 * --action full), or the names of objects of the option's type, read from
 * the service when one answers.
 */
#include "complete.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "opts.h"
#include "resolve.h"
#include "verbs.h"

static const char *current; /* the word being completed */

static void offer(const char *candidate)
{
    if (strncmp(candidate, current, strlen(current)) == 0)
        puts(candidate);
}

static void offer_name(const char *name, void *ctx)
{
    (void)ctx;
    offer(name);
}

static void offer_spelling(const char *spelling, const struct opt *o, void *ctx)
{
    (void)o;
    const char *kind = ctx;
    if (spelling[0] == kind[0])
        offer(spelling);
}

/* A keyword value glued to its switch: "/o" + "new". */
static void offer_glued(const char *spelling, const struct opt *o, void *ctx)
{
    (void)ctx;
    size_t len = strlen(spelling);
    if (spelling[0] != '/' || o->kind != OPT_KEYWORD || strncasecmp(current, spelling, len) != 0)
        return;
    for (const struct keyword *k = o->words; k->word != NULL; k++) {
        char both[96];
        snprintf(both, sizeof both, "%s%s", spelling, k->word);
        offer(both);
    }
}

/* The values an option takes: keywords, or names of objects. */
static void offer_values(const struct opt *o)
{
    if (o->kind == OPT_KEYWORD) {
        for (const struct keyword *k = o->words; k->word != NULL; k++)
            offer(k->word);
        return;
    }
    if (o->kind != OPT_OBJECT || o->objtype == 0)
        return;
    HANDLE s = OpenNtmsSessionA(cli_mode.socket, "rsm completion", 0);
    if (s == INVALID_HANDLE_VALUE)
        return;
    resolve_each_name(s, o->objtype, offer_name, NULL);
    CloseNtmsSession(s);
}

static void offer_verbs(void)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;)
        if (v->group == NULL)
            offer(v->name);
    for (const struct group *g = verb_groups; g->name != NULL; g++)
        offer(g->name);
    offer("help");
    offer("--json");
    offer("--socket");
    offer("--help");
    offer("--version");
}

static void offer_subverbs(const char *group)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;)
        if (v->group != NULL && strcmp(v->group, group) == 0)
            offer(v->name);
}

/* What comes after the verb: words[0..n-2] are done, words[n-1] is current. */
static void offer_for_verb(const struct verb *v, int n, char **words)
{
    const char *prev = n >= 2 ? words[n - 2] : "";
    const struct opt *po = prev[0] == '-' || prev[0] == '/' ? opts_find_long(v, prev) : NULL;
    if (po != NULL && opts_takes_value(po)) {
        offer_values(po);
        return;
    }
    if (current[0] == '-') {
        opts_each_spelling(v, offer_spelling, "-");
        return;
    }
    if (current[0] == '/') {
        opts_each_spelling(v, offer_spelling, "/");
        opts_each_spelling(v, offer_glued, NULL);
        return;
    }
    /* a bare word: the next positional option */
    int bare = 0;
    for (int k = 0; k < n - 1; k++) {
        const struct opt *o = words[k][0] == '-' || words[k][0] == '/' ? opts_find_long(v, words[k]) : NULL;
        if (o != NULL && opts_takes_value(o) && words[k][0] == '-')
            k++; /* its value */
        else if (words[k][0] != '-' && words[k][0] != '/')
            bare++;
    }
    const struct opt *o = opts_positional(v, bare);
    if (o != NULL)
        offer_values(o);
}

int complete_words(int n, char **words)
{
    static char *empty[] = {""};
    if (n == 0) {
        words = empty;
        n = 1;
    }
    current = words[n - 1];
    int i = 0;
    /* options before the verb */
    while (i < n - 1 && (strcmp(words[i], "--json") == 0 || strcmp(words[i], "--socket") == 0)) {
        if (strcmp(words[i], "--socket") == 0 && i + 1 < n - 1)
            cli_mode.socket = words[++i];
        i++;
    }
    if (i == n - 1) {
        offer_verbs();
        return 0;
    }
    const struct group *g = group_find(words[i]);
    const struct verb *v = NULL;
    if (g != NULL) {
        if (i + 1 == n - 1) {
            offer_subverbs(g->name);
            return 0;
        }
        v = verb_find(g->name, words[i + 1]);
        i += 2;
    } else {
        v = verb_find(NULL, words[i]);
        i += 1;
    }
    if (v != NULL)
        offer_for_verb(v, n - i, words + i);
    return 0;
}

static void print_spelling(const char *spelling, const struct opt *o, void *ctx)
{
    (void)o;
    printf("%s\t%s\n", (const char *)ctx, spelling);
}

int list_options(void)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;) {
        char name[64];
        snprintf(name, sizeof name, "%s%s%s", v->group ? v->group : "", v->group ? " " : "", v->name);
        printf("%s\t\n", name);
        opts_each_spelling(v, print_spelling, name);
    }
    return 0;
}
