/*
 * complete.h - what the command prints about itself, from the verb
 * tables: completion candidates for bash (complete.c), the option list the
 * tests compare with the man page and completion, and the generated part
 * of rsm(1) (man.c). None of them needs the service, except completion of
 * object names, which asks it when it is there.
 */
#ifndef RSM_CLI_COMPLETE_H
#define RSM_CLI_COMPLETE_H

/* rsm --complete WORD... : the words after "rsm", the last one being
 * completed (may be ""); prints one candidate a line. Returns 0. */
int complete_words(int n, char **words);

/* rsm --list-options: "VERB<TAB>SPELLING" for every option of every verb
 * ("pool create<TAB>--pool"). Returns 0. */
int list_options(void);

/* rsm --man TEMPLATE: the template with its @VERBS@ line replaced by the
 * roff description of every verb and option. Returns an exit status. */
int man_page(const char *template_path);

#endif
