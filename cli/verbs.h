/*
 * verbs.h - the verb tables of the files that implement them; rsm.c
 * dispatches over all of them, in this order (the order of --help).
 */
#ifndef RSM_CLI_VERBS_H
#define RSM_CLI_VERBS_H

#include "opts.h"

extern const struct verb media_verbs[];    /* media.c: allocate, deallocate, freemedia, media ... */
extern const struct verb pool_verbs[];     /* pools.c: createpool, deletepool, rename, pool ... */
extern const struct verb mount_verbs[];    /* mount.c: mount, dismount, erase */
extern const struct verb library_verbs[];  /* library.c: eject, ejectatapi, inventory, refresh, library ... */
extern const struct verb drive_verbs[];    /* drive.c: drive ... */
extern const struct verb request_verbs[];  /* requests.c: requests ... */
extern const struct verb opreq_verbs[];    /* opreq.c: ui, opreq ... */
extern const struct verb view_verbs[];     /* view.c: view */
extern const struct verb watch_verbs[];    /* watch.c: watch */
extern const struct verb database_verbs[]; /* database.c: database export, import */

/* The groups of verbs (`rsm pool create`), with their other spellings. */
struct group {
    const char *name;
    const char *aliases[3];
    const char *summary;
};
extern const struct group verb_groups[];

/* Every verb in help order: start with *table = *index = 0; NULL at the
 * end. */
const struct verb *verb_next(int *table, int *index);
/* The group a word names (its name or an alias), or NULL. */
const struct group *group_find(const char *word);
/* The verb `name` of `group` (NULL: a verb of its own), or NULL. */
const struct verb *verb_find(const char *group, const char *name);

#endif
