/*
 * dispatch_mount.h - the handlers of the library request queue calls
 * (MountNtmsMedia and the rest, daemon/queue/mount.h), registered in
 * dispatch.c's call table, and the mounts their clients wait for.
 */
#ifndef RSM_SERVER_DISPATCH_MOUNT_H
#define RSM_SERVER_DISPATCH_MOUNT_H

struct call;
struct conn;

void handle_mount_media(struct call *c);
void handle_dismount_media(struct call *c);
void handle_dismount_drive(struct call *c);
void handle_cancel_library_request(struct call *c);
void handle_delete_requests(struct call *c);
void handle_get_request_order(struct call *c);
void handle_set_request_order(struct call *c);

/* The session of `conn` ended: the mounts it waits for are abandoned and
 * the ones it holds released (deferred dismounts). */
void dispatch_mount_session_ended(struct conn *conn);

#endif
