/*
 * view.h - the tables of `rsm view`, also used by the list verbs of the
 * groups (`rsm media list` is `rsm view media`). Each takes a container
 * (NULL: everything): a library, a pool, or a medium, as
 * EnumerateNtmsObject allows for the type. Each returns an exit status.
 */
#ifndef RSM_CLI_VIEW_H
#define RSM_CLI_VIEW_H

#include "cli.h"

typedef int (*view_fn)(HANDLE s, const NTMS_GUID *container);

/* view.c: the devices */
int view_libraries(HANDLE s, const NTMS_GUID *container);
int view_drives(HANDLE s, const NTMS_GUID *library);
int view_slots(HANDLE s, const NTMS_GUID *library);
int view_changers(HANDLE s, const NTMS_GUID *library);
int view_doors(HANDLE s, const NTMS_GUID *library);
int view_ports(HANDLE s, const NTMS_GUID *library);

/* view_media.c: pools, media and their types */
int view_pools(HANDLE s, const NTMS_GUID *parent);
int view_media(HANDLE s, const NTMS_GUID *container);
int view_sides(HANDLE s, const NTMS_GUID *container);
int view_logical_media(HANDLE s, const NTMS_GUID *container);
int view_media_types(HANDLE s, const NTMS_GUID *library);
int view_drive_types(HANDLE s, const NTMS_GUID *container);
int view_computer(HANDLE s, const NTMS_GUID *container);

/* opreq.c: the UI destinations of the computer */
int view_ui(HANDLE s, const NTMS_GUID *container);

/* One row per object of `type` in `container`, written by `row`; prints
 * the table (or JSON) and returns an exit status. Objects deleted between
 * the enumeration and the read are left out. */
struct out;
typedef void (*view_row_fn)(HANDLE s, struct out *out, const NTMS_OBJECTINFORMATIONA *o, void *ctx);
int view_each(HANDLE s, const NTMS_GUID *container, DWORD type, struct out *out, view_row_fn row, void *ctx);

#define NCOLS(cols) ((int)(sizeof(cols) / sizeof((cols)[0])))

/* A name for an object, read once per run (a run prints the same pool or
 * library name on many rows). The pointer stays valid until exit. */
const char *name_cached(HANDLE s, const NTMS_GUID *id, DWORD type);

/* Where a medium is, for people: "Slot 1000", "Drive 256", "offline". */
const char *media_location(HANDLE s, const NTMS_PMIDINFORMATIONA *p, char *buf, size_t len);

#endif
