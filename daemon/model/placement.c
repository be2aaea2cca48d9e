/*
 * placement.c - a cartridge placed by the label read from it (the rules
 * are in placement.h; docs/design/labels.md has the table).
 *
 * The facts are gathered from the store, model_place_decide picks the
 * outcome, and one function per outcome writes it, all inside one
 * media_run transaction.
 */
#include <stdio.h>

#include "media_int.h"
#include "placement.h"
#include "store/store_media.h"
#include "util/log.h"

model_placement_t model_place_decide(const model_place_facts_t *f)
{
    if (f->has_omid)
        return f->same_omid ? MODEL_PLACE_KNOWN : MODEL_PLACE_MISMATCH;
    if (!f->fresh)
        return f->blank ? MODEL_PLACE_KNOWN : MODEL_PLACE_IDENTIFIED;
    if (f->blank || !f->recognized)
        return MODEL_PLACE_UNRECOGNIZED;
    if (f->other)
        return f->other_offline && !f->trusted_barcode ? MODEL_PLACE_RETURNED : MODEL_PLACE_DUPLICATE;
    return f->ours_free ? MODEL_PLACE_FREE : MODEL_PLACE_IMPORT;
}

const char *model_placement_name(model_placement_t p)
{
    static const char *const names[] = {
        [MODEL_PLACE_KNOWN] = "known",         [MODEL_PLACE_IDENTIFIED] = "identified",
        [MODEL_PLACE_UNRECOGNIZED] = "unrecognized", [MODEL_PLACE_FREE] = "free",
        [MODEL_PLACE_IMPORT] = "import",       [MODEL_PLACE_DUPLICATE] = "duplicate",
        [MODEL_PLACE_RETURNED] = "returned",   [MODEL_PLACE_MISMATCH] = "mismatch",
    };
    return (size_t)p < sizeof names / sizeof names[0] ? names[p] : "?";
}

void media_set_omid(NTMS_PARTITIONINFORMATIONA *p, const label_info_t *li)
{
    size_t n = li->id_len < sizeof p->OmidLabelId ? li->id_len : sizeof p->OmidLabelId;

    memset(p->OmidLabelId, 0, sizeof p->OmidLabelId);
    memcpy(p->OmidLabelId, li->id, n);
    p->dwOmidLabelIdLength = (DWORD)n;
    memset(p->szOmidLabelType, 0, sizeof p->szOmidLabelType);
    memset(p->szOmidLabelInfo, 0, sizeof p->szOmidLabelInfo);
    snprintf(p->szOmidLabelType, sizeof p->szOmidLabelType, "%s", li->type);
    snprintf(p->szOmidLabelInfo, sizeof p->szOmidLabelInfo, "%s", li->name);
}

/* Everything one placement reads and writes. */
struct place {
    const label_info_t *label;
    DWORD side_number;
    model_place_result_t *out;
    NTMS_OBJECTINFORMATIONA medium, pool, other;
    media_sides_t sides;
    NTMS_OBJECTINFORMATIONA *side; /* the one the label is on */
};

static bool label_has_omid(const label_info_t *li)
{
    return li->id_len > 0 && li->type[0] != '\0';
}

static bool side_is_label(const NTMS_PARTITIONINFORMATIONA *p, const label_info_t *li)
{
    return p->dwOmidLabelIdLength == li->id_len && strcmp(p->szOmidLabelType, li->type) == 0 &&
           memcmp(p->OmidLabelId, li->id, li->id_len) == 0;
}

/* Is `medium` in no online library (none, or the offline library)? */
static bool offline(store_t *st, const NTMS_OBJECTINFORMATIONA *medium)
{
    const NTMS_GUID *lib = &medium->Info.PhysicalMedia.CurrentLibrary;
    NTMS_OBJECTINFORMATIONA rec;
    if (model_guid_absent(lib) || store_get(st, lib, &rec) != 0)
        return true;
    return rec.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE;
}

static DWORD gather(store_t *st, const NTMS_GUID *id, struct place *p, model_place_facts_t *f)
{
    DWORD rc = media_read(st, id, NTMS_PHYSICAL_MEDIA, ERROR_INVALID_MEDIA, &p->medium);
    if (rc == 0)
        rc = media_load_sides(st, id, &p->sides);
    if (rc == 0)
        rc = store_get(st, &p->medium.Info.PhysicalMedia.MediaPool, &p->pool);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < p->sides.n; i++)
        if (p->sides.v[i].Info.Partition.Side == p->side_number)
            p->side = &p->sides.v[i];
    if (p->side == NULL)
        return ERROR_INVALID_PARAMETER;
    const NTMS_PARTITIONINFORMATIONA *part = &p->side->Info.Partition;
    const label_info_t *li = p->label;
    memset(f, 0, sizeof *f);
    f->blank = li->id_len == 0;
    f->recognized = li->recognized;
    f->ours_free = li->recognized && li->ours_free;
    f->has_omid = part->dwOmidLabelIdLength > 0;
    f->same_omid = f->has_omid && side_is_label(part, li);
    f->fresh = p->pool.Info.MediaPool.PoolType == NTMS_POOLTYPE_FOREIGN && part->State == NTMS_PARTSTATE_FOREIGN;
    f->trusted_barcode = p->medium.Info.PhysicalMedia.BarCodeState == NTMS_BARCODESTATE_OK;
    if (label_has_omid(li) && li->recognized) {
        NTMS_GUID side;
        rc = store_media_find_omid_other(st, li->type, li->id, li->id_len, id, &side);
        if (rc == ERROR_OBJECT_NOT_FOUND)
            return 0;
        NTMS_OBJECTINFORMATIONA rec;
        if (rc == 0)
            rc = store_get(st, &side, &rec);
        if (rc == 0)
            rc = store_get(st, &rec.Info.Partition.PhysicalMedia, &p->other);
        if (rc != 0)
            return rc;
        f->other = true;
        f->other_offline = offline(st, &p->other);
        p->out->other = p->other.ObjectGuid;
    }
    return 0;
}

/* --- the outcomes ---------------------------------------------------------- */

static DWORD record_label(store_t *st, struct place *p)
{
    media_set_omid(&p->side->Info.Partition, p->label);
    DWORD rc = store_update(st, p->side);
    return rc != 0 ? rc : media_name_after_label(st, p->side);
}

/* Into the system pool of `pool_type` for the medium's type; sides that
 * are Unrecognized become `state` (Import) unless the pool is Free, where
 * media_put_in_pool makes them Available. */
static DWORD into_system_pool(store_t *st, struct place *p, DWORD pool_type, DWORD state)
{
    NTMS_OBJECTINFORMATIONA pool;
    NTMS_GUID id;
    DWORD rc = store_find_system_pool(st, pool_type, &p->medium.Info.PhysicalMedia.MediaType, &id);
    if (rc == 0)
        rc = store_get(st, &id, &pool);
    if (rc != 0)
        return rc;
    media_set_omid(&p->side->Info.Partition, p->label);
    rc = store_update(st, p->side);
    for (size_t i = 0; rc == 0 && state != 0 && i < p->sides.n; i++)
        if (p->sides.v[i].Info.Partition.State == NTMS_PARTSTATE_FOREIGN)
            rc = media_side_set_state(st, &p->sides.v[i], state);
    if (rc == 0)
        rc = media_put_in_pool(st, &p->medium, &p->sides, &pool);
    return rc != 0 ? rc : media_name_after_label(st, p->side);
}

/* The new record is the offline medium p->other: that medium takes the
 * new record's place in the library, and the new record goes. */
static DWORD merge_into_other(store_t *st, struct place *p)
{
    NTMS_PMIDINFORMATIONA *to = &p->other.Info.PhysicalMedia;
    const NTMS_PMIDINFORMATIONA *from = &p->medium.Info.PhysicalMedia;
    DWORD rc = 0;

    to->CurrentLibrary = from->CurrentLibrary;
    to->Location = from->Location;
    to->LocationType = from->LocationType;
    to->HomeSlot = from->HomeSlot;
    to->MediaState = from->MediaState;
    for (size_t i = 0; rc == 0 && i < p->sides.n; i++)
        rc = store_delete(st, &p->sides.v[i].ObjectGuid);
    if (rc == 0)
        rc = store_delete(st, &p->medium.ObjectGuid);
    if (rc == 0)
        rc = store_update(st, &p->other);
    if (rc == 0)
        p->out->medium = p->other.ObjectGuid;
    return rc;
}

static DWORD apply(store_t *st, struct place *p)
{
    const label_info_t *li = p->label;
    const char *m = p->medium.szName;

    switch (p->out->placement) {
    case MODEL_PLACE_KNOWN:
        return 0;
    case MODEL_PLACE_MISMATCH:
        log_warn("label: medium \"%s\": the label read (%s \"%s\") is not the one recorded (%s \"%s\"); "
                 "the record is kept",
                 m, li->id_len ? li->type : "blank", li->name, p->side->Info.Partition.szOmidLabelType,
                 p->side->Info.Partition.szOmidLabelInfo);
        return 0;
    case MODEL_PLACE_IDENTIFIED:
        log_info("label: medium \"%s\" has label %s \"%s\"; it stays in pool \"%s\"", m, li->type, li->name,
                 p->pool.szName);
        return record_label(st, p);
    case MODEL_PLACE_UNRECOGNIZED:
        log_info("label: medium \"%s\" is %s; it stays Unrecognized", m, li->id_len ? "in no known format" : "blank");
        return li->id_len ? record_label(st, p) : 0;
    case MODEL_PLACE_FREE:
        log_info("label: medium \"%s\" carries a free-media label; it goes to Free", m);
        return into_system_pool(st, p, NTMS_POOLTYPE_SCRATCH, 0);
    case MODEL_PLACE_IMPORT:
        log_info("label: medium \"%s\" has label %s \"%s\", never seen; it goes to Import", m, li->type, li->name);
        return into_system_pool(st, p, NTMS_POOLTYPE_IMPORT, NTMS_PARTSTATE_IMPORT);
    case MODEL_PLACE_DUPLICATE:
        log_warn("label: medium \"%s\" has label %s \"%s\", which medium \"%s\" has too: recorded as a copy, in "
                 "Import",
                 m, li->type, li->name, p->other.szName);
        return into_system_pool(st, p, NTMS_POOLTYPE_IMPORT, NTMS_PARTSTATE_IMPORT);
    case MODEL_PLACE_RETURNED:
        log_info("label: the cartridge recorded as \"%s\" is offline medium \"%s\" (label %s \"%s\"); the records "
                 "merge",
                 m, p->other.szName, li->type, li->name);
        return merge_into_other(st, p);
    }
    return ERROR_INVALID_PARAMETER;
}

struct place_args {
    const NTMS_GUID *medium;
    DWORD side;
    const label_info_t *label;
    model_place_result_t *out;
};

static DWORD place_tx(store_t *st, void *arg)
{
    struct place_args *a = arg;
    static struct place p; /* large (three records and the sides); the loop thread's only */
    model_place_facts_t f;

    memset(&p, 0, sizeof p);
    p.label = a->label;
    p.side_number = a->side;
    p.out = a->out;
    DWORD rc = gather(st, a->medium, &p, &f);
    if (rc != 0)
        return rc;
    a->out->placement = model_place_decide(&f);
    a->out->medium = p.medium.ObjectGuid;
    return apply(st, &p);
}

DWORD model_place_label(store_t *st, const NTMS_GUID *medium, DWORD side, const label_info_t *label,
                        model_place_result_t *out)
{
    struct place_args a = {medium, side, label, out};

    if (st == NULL || medium == NULL || label == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    return media_run(st, place_tx, &a);
}
