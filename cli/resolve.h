/*
 * resolve.h - from what the command line names to GUIDs.
 *
 * An option names an object by GUID (/lg..., or any argument that parses as
 * one) or by friendly name (/lf..., or any other text). A name matches, in
 * this order: the object's name exactly; for media, the bar code; for
 * pools, the full path "Parent\Child"; for slots, drives, ports, doors and
 * changers, the element Number ("1000"); the name ignoring case; the start
 * of the GUID (at least 4 hex digits, like a short git hash). A name that
 * matches two objects is refused (exit status 2) with a hint to narrow it
 * (--library) or to use the GUID; a name or GUID that matches nothing is
 * ERROR_OBJECT_NOT_FOUND (exit status 1).
 */
#ifndef RSM_CLI_RESOLVE_H
#define RSM_CLI_RESOLVE_H

#include "opts.h"

/* The object of `type` that `v` names; `scope` (may be NULL) narrows names
 * to one library (or, for pools, one parent). Returns 0, or an exit status
 * after printing why. */
int resolve(HANDLE s, DWORD type, const struct optval *v, const NTMS_GUID *scope, NTMS_GUID *out);

/* The same for an optional option: 0 and *out_ptr NULL when not given. */
int resolve_opt(HANDLE s, DWORD type, const struct optval *v, const NTMS_GUID *scope, NTMS_GUID *out,
                NTMS_GUID **out_ptr);

/* A side, however the medium is named: a side (partition) itself, a
 * logical medium (its first side), or a physical medium by name, bar code
 * or GUID when it has exactly one side. `prefer` (NTMS_PARTITION or
 * NTMS_LOGICAL_MEDIA) is tried first. *side receives the side's record. */
int resolve_side(HANDLE s, const struct optval *v, DWORD prefer, NTMS_OBJECTINFORMATIONA *side);

/* The logical medium a side belongs to, or exit status 1 with a message
 * when the side is not allocated. */
int side_logical(const NTMS_OBJECTINFORMATIONA *side, NTMS_GUID *logical);

/* The physical medium in element `element` (a slot, drive or port):
 * exit status 1 with a message when it is empty. */
int resolve_media_at(HANDLE s, const NTMS_GUID *element, DWORD type, NTMS_OBJECTINFORMATIONA *media);

/* Call `fn` with the name of every object of `type` (completion). */
void resolve_each_name(HANDLE s, DWORD type, void (*fn)(const char *name, void *ctx), void *ctx);

#endif
