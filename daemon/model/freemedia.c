/*
 * freemedia.c - the free-media label as a rule (freemedia.h): whether a
 * medium needs it, its contents for a side, and recording it once the
 * label writer has written it.
 */
#include "freemedia.h"

#include <stdio.h>
#include <time.h>

#include "label/freelabel.h"
#include "label/label.h"
#include "media_int.h"
#include "store/store_media.h"
#include "util/log.h"
#include "wire.h"

/* Is the recorded identifier of `side` the free label naming it? */
static bool carries_own_label(const NTMS_OBJECTINFORMATIONA *side)
{
    const NTMS_PARTITIONINFORMATIONA *p = &side->Info.Partition;
    uint8_t id[16];

    wire_guid_to_bytes(&side->ObjectGuid, id);
    return strcmp(p->szOmidLabelType, LABEL_FREE_TYPE) == 0 && p->dwOmidLabelIdLength == sizeof id &&
           memcmp(p->OmidLabelId, id, sizeof id) == 0;
}

/* The medium, its pool and its first side. */
static DWORD read_three(store_t *st, const NTMS_GUID *medium, NTMS_OBJECTINFORMATIONA *m,
                        NTMS_OBJECTINFORMATIONA *pool, NTMS_OBJECTINFORMATIONA *side)
{
    NTMS_GUID first;
    DWORD rc = media_read(st, medium, NTMS_PHYSICAL_MEDIA, ERROR_INVALID_MEDIA, m);

    if (rc == 0)
        rc = store_get(st, &m->Info.PhysicalMedia.MediaPool, pool);
    if (rc == 0)
        rc = store_media_first_side(st, medium, &first);
    if (rc == 0)
        rc = store_get(st, &first, side);
    return rc;
}

bool model_free_label_needed(store_t *st, const NTMS_GUID *medium, NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA m, pool, s;

    if (st == NULL || medium == NULL || read_three(st, medium, &m, &pool, &s) != 0)
        return false;
    if (side != NULL)
        *side = s.ObjectGuid;
    return m.Enabled && pool.Info.MediaPool.PoolType == NTMS_POOLTYPE_SCRATCH &&
           s.Info.Partition.State == NTMS_PARTSTATE_AVAILABLE && !carries_own_label(&s);
}

DWORD model_free_label_make(store_t *st, const NTMS_GUID *medium, uint8_t *buf, size_t cap, size_t *len,
                            NTMS_GUID *side)
{
    NTMS_OBJECTINFORMATIONA m, pool, s;
    label_free_t fl;
    DWORD rc;

    if (st == NULL || medium == NULL || buf == NULL || len == NULL || side == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = read_three(st, medium, &m, &pool, &s);
    if (rc != 0)
        return rc;
    memset(&fl, 0, sizeof fl);
    wire_guid_to_bytes(&s.ObjectGuid, fl.side);
    wire_guid_to_bytes(&m.ObjectGuid, fl.medium);
    fl.written = (int64_t)time(NULL);
    fl.side_number = s.Info.Partition.Side;
    snprintf(fl.name, sizeof fl.name, "%s", m.szName);
    *len = label_free_write(&fl, buf, cap);
    *side = s.ObjectGuid;
    return *len != 0 ? 0 : ERROR_INSUFFICIENT_BUFFER;
}

void media_forget_free_label(NTMS_PARTITIONINFORMATIONA *p)
{
    if (strcmp(p->szOmidLabelType, LABEL_FREE_TYPE) != 0)
        return;
    memset(p->OmidLabelId, 0, sizeof p->OmidLabelId);
    p->dwOmidLabelIdLength = 0;
    memset(p->szOmidLabelType, 0, sizeof p->szOmidLabelType);
    memset(p->szOmidLabelInfo, 0, sizeof p->szOmidLabelInfo);
}

struct record_args {
    const NTMS_GUID *side;
    const label_info_t *label;
};

static DWORD record_tx(store_t *st, void *arg)
{
    const struct record_args *a = arg;
    NTMS_OBJECTINFORMATIONA side;
    DWORD rc = media_read(st, a->side, NTMS_PARTITION, ERROR_INVALID_MEDIA, &side);

    if (rc != 0)
        return rc;
    media_set_omid(&side.Info.Partition, a->label);
    return store_update(st, &side);
}

DWORD model_free_label_record(store_t *st, const NTMS_GUID *side, const uint8_t *buf, size_t len)
{
    label_info_t li;
    uint8_t id[16];

    if (st == NULL || side == NULL || buf == NULL)
        return ERROR_INVALID_PARAMETER;
    wire_guid_to_bytes(side, id);
    if (!label_recognize_free(buf, len, &li) || li.id_len != sizeof id || memcmp(li.id, id, sizeof id) != 0)
        return ERROR_BAD_FORMAT;
    struct record_args a = {side, &li};
    return media_run(st, record_tx, &a);
}
