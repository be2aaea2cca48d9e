/*
 * offline.c - records of media RSM has not seen in a library, and labels
 * written by applications: CreateNtmsMedia, DeleteNtmsMedia,
 * UpdateNtmsOmidInfo.
 *
 * CreateNtmsMedia (its page's member tables, and MS-RSMP 3.2.5.2.3.5):
 *   - the pool must be an Import pool or an application pool of media
 *     (ERROR_INVALID_MEDIA_POOL); the medium takes its media type, and the
 *     sides given must be exactly that type's NumberOfSides
 *     (ERROR_MEDIA_INCOMPATIBLE);
 *   - CurrentLibrary must be null or the offline library, where the medium
 *     is recorded (ERROR_INVALID_PARAMETER otherwise); Location and
 *     HomeSlot null, LocationType NTMS_STORAGESLOT, MediaState IDLE, a new
 *     sequence number, NTMS_READY;
 *   - the bar code loses its trailing spaces; an empty one is UNREADABLE;
 *     a readable bar code some medium already has is ERROR_INVALID_MEDIA;
 *   - NTMS_ERROR_ON_DUPLICATE refuses a side whose on-media identifier
 *     (label type and label ID) another side has: ERROR_INVALID_MEDIA, the
 *     code MS-RSMP gives (the page's ERROR_DUPLICATE_OMID has no Win32
 *     value). A side without a label ID is never a duplicate, and labels
 *     are recorded as given: no label library checks them yet;
 *   - each side's State is any NTMS_PARTSTATE_* value, except that the held
 *     states (Allocated, Complete, Reserved) exist only in application
 *     pools, Reserved only beside an Allocated or Complete side, and a
 *     LogicalMedia GUID only on an Allocated or Complete side, which gets
 *     that logical medium (a new one when the GUID is null);
 *   - an empty szName gets RSM's default: the bar code, else (one side) the
 *     side's label information, else the sequence number; sides without a
 *     name are named after the medium ("NAME A", "NAME B" when two-sided).
 *
 * DeleteNtmsMedia: the medium must be in the offline library and hold no
 * Allocated, Complete or Reserved side (ERROR_INVALID_STATE).
 *
 * UpdateNtmsOmidInfo records a label against the side of a logical medium.
 * A raw label is what the label libraries and the built-in recognizers
 * (daemon/label/) made of it: their label type, ID and information; one
 * nothing recognized is kept as label type "RAW" with its first
 * NTMS_OMIDLABELID_LENGTH bytes as the label ID (label_make_raw), which is
 * also what an inventory reading that label compares against.
 * A file system's type, volume name and serial number (4 bytes, least
 * significant first) become the label type, information and ID. A
 * single-sided medium without a readable bar code that still carries its
 * sequence number as its name is renamed after the label information
 * (concepts/media-names.md).
 */
#include <stdio.h>
#include <stdlib.h>

#include "label/freelabel.h"
#include "label/label.h"
#include "media_int.h"
#include "mounts.h"
#include "store/store_library.h"
#include "store/store_media.h"
#include "util/log.h"

struct create_args {
    NTMS_OBJECTINFORMATIONA *media, *sides;
    size_t nsides;
    DWORD options;
    NTMS_OBJECTINFORMATIONA pool;
};

static bool held_with_lmid(DWORD state)
{
    return state == NTMS_PARTSTATE_ALLOCATED || state == NTMS_PARTSTATE_COMPLETE;
}

/* The members the caller chose, checked against each other and the pool. */
static DWORD check_sides(const struct create_args *a)
{
    bool app = a->pool.Info.MediaPool.PoolType == NTMS_POOLTYPE_APPLICATION, has_lmid = false, reserved = false;

    for (size_t i = 0; i < a->nsides; i++) {
        const NTMS_PARTITIONINFORMATIONA *p = &a->sides[i].Info.Partition;
        bool given = !model_guid_absent(&p->LogicalMedia);

        if (media_side_held(p->State) && !app) {
            log_info("create media: a side in state %lu needs an application pool", (unsigned long)p->State);
            return ERROR_INVALID_PARAMETER;
        }
        if (given && !held_with_lmid(p->State)) {
            log_info("create media: a LogicalMedia GUID on a side that is not allocated");
            return ERROR_INVALID_PARAMETER;
        }
        for (size_t j = 0; given && j < i; j++) {
            if (model_guid_eq(&a->sides[j].Info.Partition.LogicalMedia, &p->LogicalMedia)) {
                log_info("create media: two sides name the same logical media");
                return ERROR_INVALID_PARAMETER;
            }
        }
        has_lmid |= held_with_lmid(p->State);
        reserved |= p->State == NTMS_PARTSTATE_RESERVED;
    }
    if (reserved && !has_lmid) {
        log_info("create media: a Reserved side needs an Allocated or Complete side beside it");
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

/* The pool, the library and the media type: ERROR_INVALID_MEDIA_POOL,
 * ERROR_INVALID_PARAMETER, ERROR_MEDIA_INCOMPATIBLE. */
static DWORD check_placement(store_t *st, struct create_args *a, NTMS_GUID *offline)
{
    NTMS_PMIDINFORMATIONA *pm = &a->media->Info.PhysicalMedia;
    NTMS_OBJECTINFORMATIONA type;
    DWORD rc = model_read_pool(st, &pm->MediaPool, &a->pool);
    DWORD kind = a->pool.Info.MediaPool.PoolType;

    if (rc == 0 && (!media_pool_holds_media(&a->pool) ||
                    (kind != NTMS_POOLTYPE_IMPORT && kind != NTMS_POOLTYPE_APPLICATION))) {
        log_info("create media: \"%s\" is not an Import or application pool of media", a->pool.szName);
        rc = ERROR_INVALID_MEDIA_POOL;
    }
    if (rc == ERROR_INVALID_MEDIA_POOL)
        return rc;
    if (rc == 0)
        rc = store_offline_library(st, offline);
    if (rc == 0 && !model_guid_absent(&pm->CurrentLibrary) && !model_guid_eq(&pm->CurrentLibrary, offline)) {
        log_info("create media: CurrentLibrary must be null or the offline library");
        return ERROR_INVALID_PARAMETER;
    }
    if (rc == 0)
        rc = store_get(st, &a->pool.Info.MediaPool.MediaType, &type);
    if (rc == 0 && type.Info.MediaType.NumberOfSides != a->nsides) {
        log_info("create media: %zu side(s) given, \"%s\" has %lu", a->nsides, type.szName,
                 (unsigned long)type.Info.MediaType.NumberOfSides);
        rc = ERROR_MEDIA_INCOMPATIBLE;
    }
    return rc;
}

/* Bar code and on-media identifiers nobody else has. */
static DWORD check_duplicates(store_t *st, const struct create_args *a)
{
    const char *code = a->media->Info.PhysicalMedia.szBarCode;
    NTMS_GUID found;
    DWORD rc = code[0] ? store_media_by_barcode(st, code, NULL, &found) : ERROR_OBJECT_NOT_FOUND;

    if (rc == 0) {
        log_info("create media: a medium with bar code \"%s\" exists", code);
        return ERROR_INVALID_MEDIA;
    }
    for (size_t i = 0; rc == ERROR_OBJECT_NOT_FOUND && (a->options & NTMS_ERROR_ON_DUPLICATE) && i < a->nsides; i++) {
        const NTMS_PARTITIONINFORMATIONA *p = &a->sides[i].Info.Partition;
        rc = store_media_find_omid(st, p->szOmidLabelType, p->OmidLabelId, p->dwOmidLabelIdLength, &found);
        if (rc == 0) {
            log_info("create media: a side with on-media identifier type \"%s\" exists", p->szOmidLabelType);
            return ERROR_INVALID_MEDIA;
        }
    }
    return rc == ERROR_OBJECT_NOT_FOUND ? 0 : rc;
}

static void strip_trailing_spaces(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
}

/* Fill the members CreateNtmsMedia sets; the caller's stay. */
static void fill_medium(NTMS_OBJECTINFORMATIONA *m, const struct create_args *a, const NTMS_GUID *offline,
                        uint32_t seq)
{
    NTMS_PMIDINFORMATIONA *pm = &m->Info.PhysicalMedia;
    const char *info = a->sides[0].Info.Partition.szOmidLabelInfo;

    if (model_guid_absent(&m->ObjectGuid))
        model_new_guid(&m->ObjectGuid);
    memset(&m->Created, 0, sizeof m->Created);
    memset(&m->Modified, 0, sizeof m->Modified);
    m->Enabled = m->Enabled ? TRUE : FALSE;
    m->dwOperationalState = NTMS_READY;
    pm->CurrentLibrary = *offline;
    memset(&pm->Location, 0, sizeof pm->Location);
    pm->LocationType = NTMS_STORAGESLOT;
    pm->MediaType = a->pool.Info.MediaPool.MediaType;
    memset(&pm->HomeSlot, 0, sizeof pm->HomeSlot);
    strip_trailing_spaces(pm->szBarCode);
    pm->BarCodeState = pm->szBarCode[0] ? NTMS_BARCODESTATE_OK : NTMS_BARCODESTATE_UNREADABLE;
    snprintf(pm->szSequenceNumber, sizeof pm->szSequenceNumber, "%u", (unsigned)seq);
    pm->MediaState = NTMS_MEDIASTATE_IDLE;
    pm->dwNumberOfPartitions = (DWORD)a->nsides;
    memset(&pm->MountedPartition, 0, sizeof pm->MountedPartition);
    if (m->szName[0] == '\0')
        model_copy_name(m->szName, sizeof m->szName,
                        pm->szBarCode[0] ? pm->szBarCode
                        : a->nsides == 1 && info[0] ? info : pm->szSequenceNumber);
}

static DWORD insert_side(store_t *st, const struct create_args *a, size_t i)
{
    NTMS_OBJECTINFORMATIONA *s = &a->sides[i];
    NTMS_PARTITIONINFORMATIONA *p = &s->Info.Partition;
    DWORD rc = 0;

    if (model_guid_absent(&s->ObjectGuid))
        model_new_guid(&s->ObjectGuid);
    memset(&s->Created, 0, sizeof s->Created);
    memset(&s->Modified, 0, sizeof s->Modified);
    s->Enabled = s->Enabled ? TRUE : FALSE;
    s->dwOperationalState = NTMS_READY;
    if (s->szName[0] == '\0') {
        char name[NTMS_OBJECTNAME_LENGTH + 4];
        snprintf(name, sizeof name, a->nsides == 1 ? "%s" : "%s %c", a->media->szName, (char)('A' + i));
        model_copy_name(s->szName, sizeof s->szName, name);
    }
    p->PhysicalMedia = a->media->ObjectGuid;
    p->Side = (WORD)i;
    if (held_with_lmid(p->State))
        rc = media_insert_lmid(st, &a->pool.ObjectGuid, s->szName, &p->LogicalMedia);
    return rc != 0 ? rc : store_insert(st, s);
}

/* Read back what was stored, so the caller sees the service's record.
 * store_get clears its output first: the GUID is copied out of it. */
static DWORD read_back(store_t *st, struct create_args *a)
{
    NTMS_GUID id = a->media->ObjectGuid;
    DWORD rc = store_get(st, &id, a->media);

    for (size_t i = 0; rc == 0 && i < a->nsides; i++) {
        id = a->sides[i].ObjectGuid;
        rc = store_get(st, &id, &a->sides[i]);
    }
    return rc;
}

static DWORD create_tx(store_t *st, void *arg)
{
    struct create_args *a = arg;
    NTMS_GUID offline;
    uint32_t seq = 0;
    DWORD rc = check_placement(st, a, &offline);

    if (rc == 0)
        rc = check_sides(a);
    if (rc == 0) {
        strip_trailing_spaces(a->media->Info.PhysicalMedia.szBarCode);
        rc = check_duplicates(st, a);
    }
    if (rc == 0)
        rc = store_next_media_sequence(st, &seq);
    if (rc != 0)
        return rc;
    fill_medium(a->media, a, &offline, seq);
    rc = store_insert(st, a->media);
    for (size_t i = 0; rc == 0 && i < a->nsides; i++)
        rc = insert_side(st, a, i);
    if (rc == ERROR_ALREADY_EXISTS)
        log_info("create media: a GUID given for the medium, a side or a logical medium is taken");
    if (rc == 0)
        rc = read_back(st, a);
    for (size_t i = 0; rc == 0 && i < a->nsides; i++)
        if (a->sides[i].Info.Partition.State == NTMS_PARTSTATE_AVAILABLE &&
            a->pool.Info.MediaPool.PoolType == NTMS_POOLTYPE_APPLICATION)
            media_note_available(&a->pool.ObjectGuid);
    if (rc == 0)
        log_info("created offline medium \"%s\" with %zu side(s) in pool \"%s\"", a->media->szName, a->nsides,
                 a->pool.szName);
    return rc;
}

DWORD model_create_media(store_t *st, const principal_t *who, NTMS_OBJECTINFORMATIONA *media,
                         NTMS_OBJECTINFORMATIONA *sides, size_t nsides, DWORD options)
{
    struct create_args *a;
    DWORD rc;

    (void)who;
    if (st == NULL || media == NULL || (sides == NULL && nsides > 0) || media->dwType != NTMS_PHYSICAL_MEDIA ||
        (options & ~(DWORD)NTMS_ERROR_ON_DUPLICATE) != 0)
        return ERROR_INVALID_PARAMETER;
    for (size_t i = 0; i < nsides; i++) {
        if (sides[i].dwType != NTMS_PARTITION || sides[i].Info.Partition.State > NTMS_PARTSTATE_RESERVED) {
            log_info("create media: side %zu is not a side, or its state is unknown", i);
            return ERROR_INVALID_PARAMETER;
        }
    }
    if (nsides == 0 || nsides > MEDIA_MAX_SIDES) {
        log_info("create media: %zu sides given", nsides);
        return ERROR_MEDIA_INCOMPATIBLE;
    }
    a = calloc(1, sizeof *a);
    if (a == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    *a = (struct create_args){.media = media, .sides = sides, .nsides = nsides, .options = options};
    rc = media_run(st, create_tx, a);
    free(a);
    return rc;
}

/* --- DeleteNtmsMedia ----------------------------------------------------------- */

static DWORD delete_tx(store_t *st, void *arg)
{
    NTMS_OBJECTINFORMATIONA medium, pool;
    media_sides_t *sides = malloc(sizeof *sides);
    NTMS_GUID offline;
    DWORD rc = sides ? media_read(st, arg, NTMS_PHYSICAL_MEDIA, ERROR_INVALID_MEDIA, &medium)
                     : ERROR_NOT_ENOUGH_MEMORY;

    if (rc == ERROR_INVALID_MEDIA)
        log_info("delete media: no such physical medium");
    if (rc == 0 && model_read_pool(st, &medium.Info.PhysicalMedia.MediaPool, &pool) != 0)
        rc = ERROR_INVALID_MEDIA_POOL;
    if (rc == 0)
        rc = store_offline_library(st, &offline);
    if (rc == 0 && !model_guid_eq(&medium.Info.PhysicalMedia.CurrentLibrary, &offline)) {
        log_info("delete media \"%s\": refused, it is not offline", medium.szName);
        rc = ERROR_INVALID_STATE;
    }
    if (rc == 0)
        rc = media_load_sides(st, &medium.ObjectGuid, sides);
    for (size_t i = 0; rc == 0 && i < sides->n; i++) {
        if (media_side_held(sides->v[i].Info.Partition.State)) {
            log_info("delete media \"%s\": refused, side \"%s\" is held", medium.szName, sides->v[i].szName);
            rc = ERROR_INVALID_STATE;
        }
    }
    for (size_t i = 0; rc == 0 && i < sides->n; i++)
        rc = store_delete(st, &sides->v[i].ObjectGuid);
    if (rc == 0)
        rc = store_delete(st, &medium.ObjectGuid);
    if (rc == 0)
        log_info("deleted offline medium \"%s\"", medium.szName);
    free(sides);
    return rc;
}

DWORD model_delete_media(store_t *st, const principal_t *who, const NTMS_GUID *medium)
{
    (void)who;
    if (st == NULL || medium == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, delete_tx, (void *)medium);
}

/* --- UpdateNtmsOmidInfo ---------------------------------------------------------- */

/* The label type, ID and information of `label`, into `side`. */
static DWORD set_label(NTMS_PARTITIONINFORMATIONA *p, const model_omid_t *label)
{
    label_info_t found;
    const label_info_t *li = label->recognized;

    memset(p->OmidLabelId, 0, sizeof p->OmidLabelId);
    memset(p->szOmidLabelInfo, 0, sizeof p->szOmidLabelInfo);
    if (label->label_type == NTMS_OMID_TYPE_FILESYSTEM_INFO) {
        const char *fs = label->file_system ? label->file_system : "";
        const char *vol = label->volume ? label->volume : "";
        if (fs[0] == '\0' || strlen(fs) >= sizeof p->szOmidLabelType || strlen(vol) >= sizeof p->szOmidLabelInfo)
            return ERROR_INVALID_PARAMETER;
        model_copy_name(p->szOmidLabelType, sizeof p->szOmidLabelType, fs);
        model_copy_name(p->szOmidLabelInfo, sizeof p->szOmidLabelInfo, vol);
        for (int i = 0; i < 4; i++)
            p->OmidLabelId[i] = (BYTE)(label->serial >> (8 * i));
        p->dwOmidLabelIdLength = 4;
        return 0;
    }
    if (label->label_type != NTMS_OMID_TYPE_RAW_LABEL || label->raw == NULL || label->raw_len == 0)
        return ERROR_INVALID_PARAMETER;
    if (li == NULL || !li->recognized) {
        if (!label_recognize_builtin(label->raw, label->raw_len, false, &found))
            label_make_raw(label->raw, label->raw_len, &found);
        li = &found;
    }
    media_set_omid(p, li);
    return 0;
}

/* mounts.h. The block is recognized again by the built-in recognizers
 * (not by the label libraries: their helpers may take seconds, and this
 * runs on the loop thread). A side whose recorded label is of a type only
 * the built-ins give (label_type_builtin: ANSI, LTFS, tar, Bacula, RAW
 * ...) is checked; a file system's identity is read by the host, not from
 * the first block, and a label library's label (or an MTF label, whose
 * type is the name of the software that wrote it) cannot be told from
 * here, so those count as matching. Nor is a side an application holds
 * whose recorded label is the service's free label (freemedia.h): the
 * application was free to write over it. */
bool model_omid_matches(const NTMS_PARTITIONINFORMATIONA *side, const uint8_t *raw, size_t len)
{
    bool overwritable = media_side_held(side->State) && strcmp(side->szOmidLabelType, LABEL_FREE_TYPE) == 0;
    bool checkable = label_type_builtin(side->szOmidLabelType) && !overwritable;
    label_info_t li;

    if (side->dwOmidLabelIdLength == 0)
        return true;
    if (raw == NULL || len == 0)
        return !checkable;
    if (!label_recognize_builtin(raw, len, false, &li))
        label_make_raw(raw, len, &li);
    if (strcmp(li.type, side->szOmidLabelType) == 0 && li.id_len == side->dwOmidLabelIdLength &&
        memcmp(li.id, side->OmidLabelId, li.id_len) == 0)
        return true;
    return !checkable && !(li.recognized && strcmp(li.type, side->szOmidLabelType) == 0);
}

DWORD media_name_after_label(store_t *st, NTMS_OBJECTINFORMATIONA *side)
{
    NTMS_OBJECTINFORMATIONA medium;
    const NTMS_PMIDINFORMATIONA *pm = &medium.Info.PhysicalMedia;
    const char *info = side->Info.Partition.szOmidLabelInfo;
    DWORD rc = store_get(st, &side->Info.Partition.PhysicalMedia, &medium);

    if (rc != 0 || info[0] == '\0' || pm->dwNumberOfPartitions != 1 ||
        pm->BarCodeState == NTMS_BARCODESTATE_OK || strcmp(medium.szName, pm->szSequenceNumber) != 0)
        return rc;
    if (strcmp(side->szName, medium.szName) == 0) {
        model_copy_name(side->szName, sizeof side->szName, info);
        rc = store_update(st, side);
    }
    model_copy_name(medium.szName, sizeof medium.szName, info);
    return rc != 0 ? rc : store_update(st, &medium);
}

struct omid_args {
    const NTMS_GUID *lmid;
    const model_omid_t *label;
};

static DWORD omid_tx(store_t *st, void *arg)
{
    const struct omid_args *a = arg;
    NTMS_OBJECTINFORMATIONA lm, side;
    DWORD rc = media_read(st, a->lmid, NTMS_LOGICAL_MEDIA, ERROR_INVALID_MEDIA, &lm);

    if (rc == ERROR_INVALID_MEDIA)
        log_info("update OMID: no such logical media");
    if (rc == 0)
        rc = media_side_of(st, a->lmid, &side);
    if (rc != 0)
        return rc;
    rc = set_label(&side.Info.Partition, a->label);
    if (rc != 0) {
        log_info("update OMID: the label is empty, too long or of an unknown kind");
        return rc;
    }
    rc = store_update(st, &side);
    if (rc == 0)
        rc = media_name_after_label(st, &side);
    if (rc == 0)
        log_info("side \"%s\" has on-media identifier type \"%s\"", side.szName,
                 side.Info.Partition.szOmidLabelType);
    return rc;
}

DWORD model_update_omid(store_t *st, const principal_t *who, const NTMS_GUID *lmid, const model_omid_t *label)
{
    struct omid_args a = {lmid, label};

    (void)who;
    if (st == NULL || lmid == NULL || label == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, omid_tx, &a);
}
