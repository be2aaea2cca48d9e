/*
 * rsm.c - the rsm command: global options, finding the verb, opening the
 * session, running it; `rsm --help`, `rsm help VERB` and `rsm version`.
 *
 * Verbs are rsm.exe's (`rsm allocate /m"Pool" /onew`) and, for what
 * rsm.exe lacked, groups of verbs (`rsm pool policy Backup --max-allocates
 * 20`). Each verb's table of options (opts.h) lives in the file that
 * implements it; verbs.h lists the tables. Completion and the man page are
 * generated from the same tables (complete.c, man.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "complete.h"
#include "out.h"
#include "verbs.h"

static int cmd_version(HANDLE s, struct args *a)
{
    (void)a;
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    char name[NTMS_OBJECTNAME_LENGTH] = "";
    DWORD rc = cli_enumerate(s, NULL, NTMS_COMPUTER, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail(rc, "cannot find the computer object");
    if (n > 0)
        cli_name_of(s, &ids[0], NTMS_COMPUTER, name, sizeof name);
    free(ids);
    char text[NTMS_OBJECTNAME_LENGTH + 64];
    snprintf(text, sizeof text, "rsm %s\nservice on %s", RSM_VERSION, name);
    struct field f[] = {{"version", RSM_VERSION, COL_TEXT}, {"computer", name, COL_TEXT}};
    return out_result(text, f, 2);
}

static const struct opt no_opts[] = {OPT_END};

static const struct verb misc_verbs[] = {
    {NULL, "version", "print the versions of rsm and of the service", no_opts, cmd_version, 0, NULL},
    VERB_END,
};

const struct group verb_groups[] = {
    {"pool", {"pools"}, "media pools: create, delete, policies, move media"},
    {"media", {NULL}, "media: create offline media, decommission, complete, delete, enable, move"},
    {"library", {"libraries", "lib"}, "libraries: enable, disable, door, inject, inventory, delete"},
    {"drive", {"drives"}, "drives: enable, disable, clean, dismount, delete"},
    {"requests", {"request", "req"}, "library requests: list (with why each waits), cancel, reorder"},
    {"opreq", {"opreqs", "operator"}, "operator requests: list, submit, satisfy, refuse, wait"},
    {"database", {"db"}, "the service's database: export a copy, import one at the next start"},
    {NULL, {NULL}, NULL},
};

static const struct verb *const verb_tables[] = {
    media_verbs, pool_verbs, mount_verbs, library_verbs, drive_verbs,
    request_verbs, opreq_verbs, view_verbs, watch_verbs, database_verbs, misc_verbs, NULL,
};

const struct verb *verb_next(int *table, int *index)
{
    while (verb_tables[*table] != NULL) {
        const struct verb *v = &verb_tables[*table][*index];
        if (v->name != NULL) {
            ++*index;
            return v;
        }
        ++*table;
        *index = 0;
    }
    return NULL;
}

const struct group *group_find(const char *word)
{
    for (const struct group *g = verb_groups; g->name != NULL; g++) {
        if (strcasecmp(word, g->name) == 0)
            return g;
        for (int k = 0; k < 3 && g->aliases[k] != NULL; k++)
            if (strcasecmp(word, g->aliases[k]) == 0)
                return g;
    }
    return NULL;
}

const struct verb *verb_find(const char *group, const char *name)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;) {
        bool same_group = group == NULL ? v->group == NULL : v->group != NULL && strcmp(v->group, group) == 0;
        if (same_group && strcasecmp(v->name, name) == 0)
            return v;
    }
    return NULL;
}

static void list_group(FILE *out, const char *group)
{
    int t = 0, i = 0;
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;)
        if (v->group != NULL && strcmp(v->group, group) == 0)
            fprintf(out, "  %-22s %s\n", v->name, v->summary);
}

static void usage(FILE *out)
{
    int t = 0, i = 0;
    fputs("usage: rsm [--json] [--socket PATH] VERB [OPTIONS]\n"
          "       rsm [--json] GROUP VERB [OPTIONS]\n"
          "       rsm help [VERB | GROUP VERB]\n\n"
          "verbs (rsm.exe's, with /switch or --long options):\n",
          out);
    for (const struct verb *v; (v = verb_next(&t, &i)) != NULL;)
        if (v->group == NULL)
            fprintf(out, "  %-22s %s\n", v->name, v->summary);
    fputs("\ngroups:\n", out);
    for (const struct group *g = verb_groups; g->name != NULL; g++)
        fprintf(out, "  %-22s %s\n", g->name, g->summary);
    fputs("\n`rsm VERB --help` (or /?) describes a verb's options. The service is found through\n"
          "--socket, else RSM_SOCKET, else " CLI_DEFAULT_SOCKET ".\n"
          "Exit status: 0 done; 1 the service refused or failed (ERROR_* on stderr);\n"
          "2 the command line was wrong; 3 the service could not be reached.\n",
          out);
}

/* Find the verb at argv[*i] (and the group word before it); *i moves past
 * what was used. NULL after printing why, with *status set. */
static const struct verb *find_verb(int argc, char **argv, int *i, int *status)
{
    const struct group *g = group_find(argv[*i]);
    if (g == NULL) {
        const struct verb *v = verb_find(NULL, argv[*i]);
        if (v == NULL) {
            fprintf(stderr, "rsm: unknown verb '%s' (rsm --help lists them)\n", argv[*i]);
            *status = EXIT_USAGE;
        }
        ++*i;
        return v;
    }
    ++*i;
    bool help = *i < argc && (strcmp(argv[*i], "--help") == 0 || strcmp(argv[*i], "-h") == 0 ||
                              strcmp(argv[*i], "/?") == 0);
    const struct verb *v = *i < argc && !help ? verb_find(g->name, argv[*i]) : NULL;
    if (v == NULL) {
        FILE *out = help ? stdout : stderr;
        if (!help && *i < argc)
            fprintf(stderr, "rsm %s: unknown verb '%s'\n", g->name, argv[*i]);
        fprintf(out, "usage: rsm %s VERB [OPTIONS]\n\n%s verbs:\n", g->name, g->name);
        list_group(out, g->name);
        *status = help ? 0 : EXIT_USAGE;
        return NULL;
    }
    ++*i;
    return v;
}

/* rsm help [VERB | GROUP VERB] */
static int help(int argc, char **argv, int i)
{
    if (i >= argc) {
        usage(stdout);
        return 0;
    }
    int status = 0;
    const struct verb *v = find_verb(argc, argv, &i, &status);
    if (v != NULL)
        opts_help(v, stdout);
    return status;
}

static int run(const struct verb *v, int argc, char **argv)
{
    struct args a;
    static char verb_name[64];
    snprintf(verb_name, sizeof verb_name, "%s%s%s", v->group ? v->group : "", v->group ? " " : "", v->name);
    cli_mode.verb = verb_name;
    /* --json anywhere before "--": even a usage error answers in JSON */
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        cli_mode.json |= strcmp(argv[i], "--json") == 0;
    int rc = opts_parse(v, argc, argv, &a);
    if (rc != 0)
        return rc;
    if (arg_given(&a, SLOT_HELP)) {
        opts_help(v, stdout);
        return 0;
    }
    cli_mode.json |= arg_given(&a, SLOT_JSON);
    cli_mode.bare = arg_given(&a, SLOT_BARE);
    cli_mode.guids = arg_given(&a, SLOT_GUIDS);
    if (arg_given(&a, SLOT_SOCKET))
        cli_mode.socket = a.v[SLOT_SOCKET].text;
    HANDLE s = (v->flags & VERB_NO_SESSION) ? NULL : cli_open_session();
    int status = v->run(s, &a);
    if (s != NULL)
        CloseNtmsSession(s);
    return status;
}

int main(int argc, char **argv)
{
    int i = 1;
    /* options before the verb: --json, --socket PATH */
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            cli_mode.json = true;
        else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
            cli_mode.socket = argv[++i];
        else if (strncmp(argv[i], "--socket=", 9) == 0)
            cli_mode.socket = argv[i] + 9;
        else
            break;
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *first = argv[i];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "/?") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(first, "--version") == 0) {
        printf("rsm %s\n", RSM_VERSION);
        return 0;
    }
    if (strcmp(first, "--complete") == 0)
        return complete_words(argc - i - 1, argv + i + 1);
    if (strcmp(first, "--man") == 0)
        return i + 1 < argc ? man_page(argv[i + 1]) : EXIT_USAGE;
    if (strcmp(first, "--list-options") == 0)
        return list_options();
    if (strcasecmp(first, "help") == 0)
        return help(argc, argv, i + 1);
    int status = 0;
    const struct verb *v = find_verb(argc, argv, &i, &status);
    return v == NULL ? status : run(v, argc - i, argv + i);
}
