/*
 * names.h - words for the numbers of the NTMS API: what the tables print
 * for a state or a type, and what options accept. One table per
 * enumeration; a value may have several words (aliases), the first is the
 * one printed.
 */
#ifndef RSM_CLI_NAMES_H
#define RSM_CLI_NAMES_H

#include <rsm/ntmsapi.h>

struct keyword {
    const char *word;
    DWORD value;
};

/* The first word for `value`, or its number as text (thread-local buffer). */
const char *kw_name(const struct keyword *table, DWORD value);
/* The value of `word` (case-insensitive); 0 when found, -1 when not. */
int kw_find(const struct keyword *table, const char *word, DWORD *value);

extern const struct keyword kw_object_types[];   /* NTMS_LIBRARY ... */
extern const struct keyword kw_library_types[];
extern const struct keyword kw_drive_states[];
extern const struct keyword kw_slot_states[];
extern const struct keyword kw_door_states[];
extern const struct keyword kw_port_contents[];
extern const struct keyword kw_port_positions[];
extern const struct keyword kw_media_states[];
extern const struct keyword kw_side_states[];
extern const struct keyword kw_pool_types[];
extern const struct keyword kw_rw_kinds[];
extern const struct keyword kw_lm_operations[];
extern const struct keyword kw_lm_states[];
extern const struct keyword kw_opreq_types[];
extern const struct keyword kw_opreq_states[];
extern const struct keyword kw_operational_states[];
extern const struct keyword kw_notify_operations[];
extern const struct keyword kw_inventory_methods[];
extern const struct keyword kw_priorities[];
extern const struct keyword kw_yes_no[];

#endif
