/*
 * uimsg_int.h - what uimsg.c shares with its two kinds of delivery,
 * uimsg_exec.c (commands) and uimsg_http.c (webhooks).
 *
 * A message travels as a payload: a short list of named text fields
 * (event, ui_type, message, request_id ...), which a command receives as
 * RSM_EVENT=..., RSM_UI_TYPE=... in its environment and a webhook as one
 * flat JSON object. Each delivery owns a copy of what it needs; the
 * payload itself lives only during uimsg_send.
 */
#ifndef RSM_QUEUE_UIMSG_INT_H
#define RSM_QUEUE_UIMSG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <uv.h>

#include "uimsg.h"

#define UIMSG_NFIELDS 16
#define UIMSG_FIELD_MAX 384 /* a message is at most 255 bytes, and text around it */

typedef struct uimsg_payload {
    size_t n;
    const char *key[UIMSG_NFIELDS]; /* lower case: "request_id" */
    char value[UIMSG_NFIELDS][UIMSG_FIELD_MAX];
} uimsg_payload_t;

/* The loop deliveries run on; NULL when there is none (log only). */
uv_loop_t *uimsg_loop(void);

/* A delivery may start when fewer than UIMSG_MAX_INFLIGHT run; the caller
 * releases its slot once it is done. false: logged as dropped. */
bool uimsg_take_slot(const char *dest);
void uimsg_release_slot(void);

/* A webhook URL split into its parts; 0, or -1 when it is not a plain
 * http://host[:port][/path] URL. */
typedef struct uimsg_url {
    char host[256];
    char port[6];
    char path[UIMSG_DEST_MAX];
} uimsg_url_t;
int uimsg_parse_url(const char *url, uimsg_url_t *out);

/* The running deliveries of one kind, for stopping them all: each job
 * starts with a link. */
typedef struct uimsg_link {
    struct uimsg_link *prev, *next;
} uimsg_link_t;

static inline void uimsg_link_push(uimsg_link_t **head, uimsg_link_t *l)
{
    l->prev = NULL;
    l->next = *head;
    if (*head != NULL)
        (*head)->prev = l;
    *head = l;
}

static inline void uimsg_link_remove(uimsg_link_t **head, uimsg_link_t *l)
{
    if (l->prev != NULL)
        l->prev->next = l->next;
    else if (*head == l)
        *head = l->next;
    if (l->next != NULL)
        l->next->prev = l->prev;
    l->prev = l->next = NULL;
}

/* Start one delivery (errors are logged; nothing is returned). */
void uimsg_exec_start(const char *dest, const uimsg_payload_t *p);
void uimsg_http_start(const char *dest, const uimsg_payload_t *p);

/* End every delivery still running (rsmd is stopping). */
void uimsg_exec_stop_all(void);
void uimsg_http_stop_all(void);

#endif
