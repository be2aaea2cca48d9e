/*
 * principal.h - who is calling: the identity that travels with every call.
 *
 * The server fills it from the socket's peer credentials (SO_PEERCRED and
 * SO_PEERGROUPS) when a session opens, plus what the client said of itself.
 * Access checks (a later subsystem) read it; until they exist it is recorded
 * on requests and logged.
 */
#ifndef RSM_PRINCIPAL_H
#define RSM_PRINCIPAL_H

#include <stdbool.h>
#include <sys/types.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#define PRINCIPAL_MAX_GROUPS 64

typedef struct principal {
    uid_t uid;
    gid_t gid;
    pid_t pid;
    int ngroups;
    gid_t groups[PRINCIPAL_MAX_GROUPS];
    char user[NTMS_USERNAME_LENGTH];               /* from the uid */
    char application[NTMS_APPLICATIONNAME_LENGTH]; /* lpApplication */
    char computer[NTMS_COMPUTERNAME_LENGTH];       /* client's host name */
} principal_t;

/* An administrator of the service: root, or the user rsmd runs as. Calls
 * on the whole service (ExportNtmsDatabase, ImportNtmsDatabase) are
 * theirs until access control lists exist. */
static inline bool principal_is_admin(const principal_t *who)
{
    return who != NULL && (who->uid == 0 || who->uid == geteuid());
}

#endif
