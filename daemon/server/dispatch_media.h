/*
 * dispatch_media.h - the handlers of the media calls (allocation, the
 * media life cycle, offline media, labels, media types of libraries),
 * registered in dispatch.c's call table, and the allocations waiting for
 * media.
 */
#ifndef RSM_SERVER_DISPATCH_MEDIA_H
#define RSM_SERVER_DISPATCH_MEDIA_H

struct call;
struct conn;

void handle_allocate_media(struct call *c);
void handle_deallocate_media(struct call *c);
void handle_swap_media(struct call *c);
void handle_decommission_media(struct call *c);
void handle_set_media_complete(struct call *c);
void handle_delete_media(struct call *c);
void handle_create_media(struct call *c);
void handle_update_omid_info(struct call *c);
void handle_add_media_type(struct call *c);
void handle_delete_media_type(struct call *c);
void handle_change_media_type(struct call *c);
void handle_move_to_pool(struct call *c);

/* The session of `conn` ended: its waiting allocations end with it. */
void dispatch_media_session_ended(struct conn *conn);

#endif
