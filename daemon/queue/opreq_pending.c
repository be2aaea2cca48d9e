/* Placeholder for the operator requests of daemon/queue/opreq.h while their implementation (opreq.c) is being merged: requests are not recorded and never answered. Removed by that merge. */
#include <string.h>
#include "opreq.h"
DWORD opreq_submit(store_t *st, const principal_t *who, const opreq_spec_t *spec, opreq_done_fn done, void *ctx,
                   NTMS_GUID *out)
{ (void)st; (void)who; (void)spec; (void)done; (void)ctx; if (out) memset(out, 0, sizeof *out); return 0; }
DWORD opreq_end(store_t *st, const NTMS_GUID *request, DWORD result) { (void)st; (void)request; (void)result; return 0; }
void opreq_forget(const NTMS_GUID *request, opreq_done_fn done, void *ctx) { (void)request; (void)done; (void)ctx; }
int opreq_find_open(store_t *st, DWORD request, const NTMS_GUID *arg1, NTMS_GUID *out) { (void)st; (void)request; (void)arg1; (void)out; return 0; }
DWORD opreq_recover(store_t *st, size_t *n) { (void)st; if (n) *n = 0; return 0; }
