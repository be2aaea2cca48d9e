/*
 * dispatch_opreq.h - the handlers of the operator-request calls and of
 * Get/SetNtmsUIOptions, registered in dispatch.c's call table, and the
 * WaitForNtmsOperatorRequest calls that wait.
 */
#ifndef RSM_SERVER_DISPATCH_OPREQ_H
#define RSM_SERVER_DISPATCH_OPREQ_H

struct call;
struct conn;

void handle_submit_op_request(struct call *c);
void handle_wait_op_request(struct call *c);
void handle_satisfy_op_request(struct call *c);
void handle_cancel_op_request(struct call *c);
void handle_get_ui_options(struct call *c);
void handle_set_ui_options(struct call *c);

/* The session of `conn` ended: its waits end, its UI destinations go. */
void dispatch_opreq_session_ended(struct conn *conn);

#endif
