/*
 * session.h - who is on the other end of a connection, and the session
 * that the connection carries.
 *
 * Identity comes from the kernel (SO_PEERCRED, SO_PEERGROUPS) when the
 * connection is accepted; open_session adds what the client says of itself
 * (application, host name). One connection carries exactly one session.
 */
#ifndef RSM_SERVER_SESSION_H
#define RSM_SERVER_SESSION_H

struct conn;
struct call;

/* Fill c->who from the socket's peer credentials. Returns 0, or -1 after
 * logging why (the connection is then closed by the caller). */
int session_identify(struct conn *c);

/* Handlers of open_session and close_session (see dispatch.c's table). */
void session_open(struct call *call);
void session_close(struct call *call);

/* Log the end of the connection's session, if one was open. */
void session_ended(struct conn *c, const char *why);

#endif
