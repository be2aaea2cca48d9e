/*
 * fake_rsmd.h - a scripted stand-in for rsmd, for the session tests.
 *
 * The real service never misbehaves on purpose; these scenarios make it do
 * so, to check what librsm does when the service refuses a session, speaks
 * another protocol version, drops the connection, or answers out of order.
 * One fake serves one connection on its own thread, on a socket in /tmp.
 */
#ifndef RSM_TEST_FAKE_RSMD_H
#define RSM_TEST_FAKE_RSMD_H

#include <pthread.h>
#include <sys/un.h>

#include <rsm/ntmsapi.h>

typedef enum fake_mode {
    FAKE_REFUSE,          /* answer OpenSession with `open_error` */
    FAKE_OTHER_VERSION,   /* accept OpenSession but claim protocol 99 */
    FAKE_DROP_AFTER_OPEN, /* accept OpenSession, then close the connection */
    FAKE_REVERSE_PAIR,    /* accept, read two GetObjectInfo, answer the second
                           * first; each answer is named after its GUID's
                           * first byte ("reply-NN"); then serve Close */
} fake_mode_t;

typedef struct fake_rsmd {
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int listen_fd;
    pthread_t thread;
    fake_mode_t mode;
    DWORD open_error;
    int failures; /* protocol surprises seen by the fake thread */
} fake_rsmd_t;

/* Listen on a fresh socket and serve one connection in the background.
 * Returns 0, or -1 if the socket could not be set up. */
int fake_rsmd_start(fake_rsmd_t *f, fake_mode_t mode, DWORD open_error);

/* Wait (at most 10 s) for the scenario to finish and clean up. Returns the
 * number of protocol surprises the fake saw (0 when all went as scripted). */
int fake_rsmd_stop(fake_rsmd_t *f);

#endif
