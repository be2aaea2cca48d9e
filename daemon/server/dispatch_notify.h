/*
 * dispatch_notify.h - the handlers of the notification calls
 * (OpenNtmsNotification, WaitForNtmsNotification, CloseNtmsNotification),
 * registered in dispatch.c's call table; the handles themselves live in
 * daemon/notify/.
 */
#ifndef RSM_SERVER_DISPATCH_NOTIFY_H
#define RSM_SERVER_DISPATCH_NOTIFY_H

struct call;
struct conn;
struct server;

void handle_open_notification(struct call *c);
void handle_wait_notification(struct call *c);
void handle_close_notification(struct call *c);

/* The session of `conn` ended: its handles close, its waits are answered. */
void dispatch_notify_session_ended(struct conn *conn);

/* server_start / server_stop: the fan-out lives as long as the server
 * takes calls. Start returns 0 or -1 (logged; rsmd serves without
 * notifications only if it cannot have them at all). */
int dispatch_notify_start(struct server *srv);
void dispatch_notify_stop(struct server *srv);

#endif
