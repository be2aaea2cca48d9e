/*
 * opreq_int.h - what the operator-request files of daemon/queue/ share
 * (opreq.c, opreq_api.c, opreq_service.c, uimsg*.c) and nobody else sees.
 */
#ifndef RSM_QUEUE_OPREQ_INT_H
#define RSM_QUEUE_OPREQ_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "queue/opreq.h"

/* opreq_submit for a call of session `session` (0: none), whose own UI
 * destination list then hears of the request too. */
DWORD opreq_submit_in(store_t *st, const principal_t *who, uint64_t session, const opreq_spec_t *spec,
                      opreq_done_fn done, void *ctx, NTMS_GUID *out);

/* An administrator of the service: root, or the user rsmd runs as. Only
 * they satisfy and cancel requests and name commands or webhooks as UI
 * destinations (until the security subsystem brings access control lists,
 * docs/design/opreq.md). */

/* "NEWMEDIA", "CLEANER" ...; "UNKNOWN" for anything else. */
const char *opreq_type_name(DWORD request);
/* "SUBMITTED", "COMPLETE" ... */
const char *opreq_state_name(DWORD state);

/* The library hook of opreq_service.c: a failing library raises a device
 * service request, one that answers again ends it. */
void opreq_service_start(store_t *st);
void opreq_service_stop(void);

#endif
