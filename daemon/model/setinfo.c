/*
 * setinfo.c - SetNtmsObjectInformation: which members a caller may change.
 *
 * The caller sends a whole NTMS_OBJECTINFORMATION (normally one it just
 * read); only the members the reference marks writable are taken from it,
 * each after validation, and everything else in it is ignored. The table
 * follows the list on the SetNtmsObjectInformation page (the same list is
 * in MS-RSMP 3.2.5.2.3.3):
 *
 *   type            szName  members besides szDescription
 *   CHANGER           -     -
 *   CHANGER_TYPE      -     -
 *   COMPUTER          -     dwLibRequestPurgeTime, dwOpRequestPurgeTime,
 *                           dwLibRequestFlags, dwOpRequestFlags,
 *                           dwMediaPoolPolicy (flags: only the documented bits)
 *   DRIVE             -     dwDeferDismountDelay (seconds, any value)
 *   DRIVE_TYPE        -     -
 *   IEDOOR            -     MaxOpenSecs (0-65535, the WORD's range)
 *   IEPORT            -     MaxExtendSecs (0-65535)
 *   LIBRARY           yes   InventoryMethod (NONE, FAST or OMID: the values
 *                           MS-RSMP 2.2.1.11 allows for the member),
 *                           dwCleanerUsesRemaining, AutoRecovery (stored as
 *                           TRUE/FALSE), dwFlags: only AUTODETECTCHANGE and
 *                           RECOGNIZECLEANERBARCODE come from the caller;
 *                           FIXEDOFFLINE and CLEANERPRESENT describe the
 *                           hardware and are kept, IGNORECLEANERUSESREMAINING
 *                           is derived (set iff dwCleanerUsesRemaining is
 *                           0xFFFFFFFF, as the reference requires)
 *   LIBREQUEST        -     -
 *   LOGICAL_MEDIA     yes   -
 *   MEDIA_POOL        yes   AllocationPolicy (FROMSCRATCH only),
 *                           DeallocationPolicy (TOSCRATCH only),
 *                           dwMaxAllocates, MediaType
 *   MEDIA_TYPE        -     -
 *   OPREQUEST         -     -
 *   PARTITION         yes   -
 *   PHYSICAL_MEDIA    yes   -
 *   STORAGESLOT       -     -
 * Other types have nothing writable: ERROR_ACCESS_DENIED ("no modifications
 * are allowed to the object type specified").
 *
 * Validation: szName must end within NTMS_OBJECTNAME_LENGTH and
 * szDescription within NTMS_DESCRIPTION_LENGTH (ERROR_INVALID_PARAMETER).
 * Pools add the rules of pools.c: a pool name is one non-empty path segment
 * unique among its siblings (ERROR_ALREADY_EXISTS, the code
 * CreateNtmsMediaPool uses for the same clash); system pools keep their
 * name and media type (ERROR_ACCESS_DENIED); a media type change needs an
 * existing media type (ERROR_INVALID_PARAMETER) and an empty pool
 * (ERROR_NOT_EMPTY), since media of the old type or child pools would break
 * "only the end-point contains media". A pool whose AllocationPolicy gains
 * NTMS_ALLOCATE_FROMSCRATCH may now draw from Free, so the media-available
 * hook hears of it (allocations waiting on the pool try again).
 */
#include "media_int.h"
#include "model_int.h"
#include "util/log.h"

typedef DWORD (*apply_fn)(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur);

static int only_bits(DWORD value, DWORD allowed)
{
    return (value & ~allowed) == 0;
}

static DWORD apply_computer(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    const NTMS_COMPUTERINFORMATION *want = &in->Info.Computer;
    NTMS_COMPUTERINFORMATION *have = &cur->Info.Computer;

    (void)st;
    if (!only_bits(want->dwLibRequestFlags, NTMS_LIBREQFLAGS_NOAUTOPURGE | NTMS_LIBREQFLAGS_NOFAILEDPURGE) ||
        !only_bits(want->dwOpRequestFlags, NTMS_OPREQFLAGS_NOAUTOPURGE | NTMS_OPREQFLAGS_NOFAILEDPURGE |
                                               NTMS_OPREQFLAGS_NOALERTS | NTMS_OPREQFLAGS_NOTRAYICON) ||
        !only_bits(want->dwMediaPoolPolicy,
                   NTMS_POOLPOLICY_PURGEOFFLINESCRATCH | NTMS_POOLPOLICY_KEEPOFFLINEIMPORT)) {
        log_info("set information: computer flags or pool policy have undefined bits");
        return ERROR_INVALID_PARAMETER;
    }
    *have = *want;
    return 0;
}

static DWORD apply_drive(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    (void)st;
    cur->Info.Drive.dwDeferDismountDelay = in->Info.Drive.dwDeferDismountDelay;
    return 0;
}

static DWORD apply_door(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    (void)st;
    cur->Info.IEDoor.MaxOpenSecs = in->Info.IEDoor.MaxOpenSecs;
    return 0;
}

static DWORD apply_port(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    (void)st;
    cur->Info.IEPort.MaxExtendSecs = in->Info.IEPort.MaxExtendSecs;
    return 0;
}

#define LIBRARY_CLIENT_FLAGS (NTMS_LIBRARYFLAG_AUTODETECTCHANGE | NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE)

static DWORD apply_library(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    const NTMS_LIBRARYINFORMATION *want = &in->Info.Library;
    NTMS_LIBRARYINFORMATION *have = &cur->Info.Library;
    DWORD method = want->InventoryMethod;

    (void)st;
    if (method != NTMS_INVENTORY_NONE && method != NTMS_INVENTORY_FAST && method != NTMS_INVENTORY_OMID) {
        log_info("set information: library \"%s\": inventory method %lu is not NONE, FAST or OMID",
                 cur->szName, (unsigned long)method);
        return ERROR_INVALID_PARAMETER;
    }
    have->InventoryMethod = method;
    have->AutoRecovery = want->AutoRecovery ? TRUE : FALSE;
    have->dwCleanerUsesRemaining = want->dwCleanerUsesRemaining;
    have->dwFlags = (have->dwFlags & ~(LIBRARY_CLIENT_FLAGS | NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING)) |
                    (want->dwFlags & LIBRARY_CLIENT_FLAGS);
    if (have->dwCleanerUsesRemaining == RSM_CLEANER_USES_UNLIMITED)
        have->dwFlags |= NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING;
    return 0;
}

/* A new name for a pool: unchanged is always fine; otherwise not a system
 * pool, one path segment, and no sibling of that name. */
static DWORD rename_pool(store_t *st, const char *name, NTMS_OBJECTINFORMATIONA *cur)
{
    const NTMS_GUID *parent = &cur->Info.MediaPool.Parent;
    NTMS_GUID other;
    DWORD rc;

    if (strcmp(name, cur->szName) == 0)
        return 0;
    if (model_pool_is_system(cur)) {
        log_info("set information: system pool \"%s\" cannot be renamed", cur->szName);
        return ERROR_ACCESS_DENIED;
    }
    if (!model_pool_segment_ok(name, strlen(name))) {
        log_info("set information: \"%s\" is not a valid pool name", name);
        return ERROR_INVALID_PARAMETER;
    }
    rc = store_find_pool(st, model_guid_absent(parent) ? NULL : parent, name, &other);
    if (rc == 0 && !model_guid_eq(&other, &cur->ObjectGuid)) {
        log_info("set information: a pool named \"%s\" already exists there", name);
        return ERROR_ALREADY_EXISTS;
    }
    return rc == ERROR_OBJECT_NOT_FOUND ? 0 : rc;
}

static DWORD retype_pool(store_t *st, const NTMS_GUID *type, NTMS_OBJECTINFORMATIONA *cur)
{
    DWORD actual, rc;

    if (model_guid_eq(type, &cur->Info.MediaPool.MediaType))
        return 0;
    if (model_pool_is_system(cur)) {
        log_info("set information: system pool \"%s\" keeps its media type", cur->szName);
        return ERROR_ACCESS_DENIED;
    }
    if (!model_guid_absent(type)) {
        rc = store_type_of(st, type, &actual);
        if (rc == ERROR_OBJECT_NOT_FOUND || (rc == 0 && actual != NTMS_MEDIA_TYPE)) {
            log_info("set information: pool \"%s\": the new media type does not exist", cur->szName);
            return ERROR_INVALID_PARAMETER;
        }
        if (rc != 0)
            return rc;
    }
    rc = model_pool_check_empty(st, &cur->ObjectGuid);
    if (rc == ERROR_NOT_EMPTY)
        log_info("set information: pool \"%s\" must be empty to change its media type", cur->szName);
    if (rc == 0)
        cur->Info.MediaPool.MediaType = *type;
    return rc;
}

static DWORD apply_pool(store_t *st, const NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *cur)
{
    const NTMS_MEDIAPOOLINFORMATION *want = &in->Info.MediaPool;
    NTMS_MEDIAPOOLINFORMATION *have = &cur->Info.MediaPool;
    DWORD rc;

    if (!only_bits(want->AllocationPolicy, NTMS_ALLOCATE_FROMSCRATCH) ||
        !only_bits(want->DeallocationPolicy, NTMS_DEALLOCATE_TOSCRATCH)) {
        log_info("set information: pool \"%s\": policies have undefined bits", cur->szName);
        return ERROR_INVALID_PARAMETER;
    }
    rc = rename_pool(st, in->szName, cur);
    if (rc == 0)
        rc = retype_pool(st, &want->MediaType, cur);
    if (rc != 0)
        return rc;
    if ((want->AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH) && !(have->AllocationPolicy & NTMS_ALLOCATE_FROMSCRATCH))
        media_note_available(&cur->ObjectGuid);
    have->AllocationPolicy = want->AllocationPolicy;
    have->DeallocationPolicy = want->DeallocationPolicy;
    have->dwMaxAllocates = want->dwMaxAllocates;
    return 0;
}

static const struct settable {
    DWORD type;
    int name;       /* szName is writable */
    apply_fn apply; /* the type's other writable members, if any */
} settable[] = {
    {NTMS_CHANGER, 0, NULL},
    {NTMS_CHANGER_TYPE, 0, NULL},
    {NTMS_COMPUTER, 0, apply_computer},
    {NTMS_DRIVE, 0, apply_drive},
    {NTMS_DRIVE_TYPE, 0, NULL},
    {NTMS_IEDOOR, 0, apply_door},
    {NTMS_IEPORT, 0, apply_port},
    {NTMS_LIBRARY, 1, apply_library},
    {NTMS_LIBREQUEST, 0, NULL},
    {NTMS_LOGICAL_MEDIA, 1, NULL},
    {NTMS_MEDIA_POOL, 1, apply_pool},
    {NTMS_MEDIA_TYPE, 0, NULL},
    {NTMS_OPREQUEST, 0, NULL},
    {NTMS_PARTITION, 1, NULL},
    {NTMS_PHYSICAL_MEDIA, 1, NULL},
    {NTMS_STORAGESLOT, 0, NULL},
};

static const struct settable *find_settable(DWORD type)
{
    for (size_t i = 0; i < sizeof(settable) / sizeof(settable[0]); i++)
        if (settable[i].type == type)
            return &settable[i];
    return NULL;
}

struct update_args {
    const struct settable *row;
    const NTMS_GUID *id;
    const NTMS_OBJECTINFORMATIONA *in;
};

/* Read, change the writable members, write back: one transaction
 * (media_run), so a concurrent reader sees the old or the new record,
 * never a mixture. */
static DWORD update_tx(store_t *st, void *arg)
{
    const struct update_args *a = arg;
    NTMS_OBJECTINFORMATIONA cur;
    DWORD rc = store_get(st, a->id, &cur);

    if (rc == 0 && a->row->apply != NULL)
        rc = a->row->apply(st, a->in, &cur);
    if (rc != 0)
        return rc;
    model_copy_name(cur.szDescription, sizeof(cur.szDescription), a->in->szDescription);
    if (a->row->name)
        model_copy_name(cur.szName, sizeof(cur.szName), a->in->szName);
    return store_update(st, &cur);
}

DWORD model_set_info(store_t *st, const principal_t *who, const NTMS_GUID *id,
                     const NTMS_OBJECTINFORMATIONA *in)
{
    const struct settable *row;
    DWORD type, rc;

    (void)who;
    if (st == NULL || id == NULL || in == NULL)
        return ERROR_INVALID_PARAMETER;
    if (in->dwSize != sizeof(*in)) {
        log_info("set information: dwSize %lu, expected %zu", (unsigned long)in->dwSize, sizeof(*in));
        return ERROR_INVALID_PARAMETER;
    }
    rc = store_type_of(st, id, &type);
    if (rc != 0)
        return rc;
    if (in->dwType != type) {
        log_info("set information: caller said type %lu, object is type %lu", (unsigned long)in->dwType,
                 (unsigned long)type);
        return ERROR_INVALID_PARAMETER;
    }
    row = find_settable(type);
    if (row == NULL) {
        log_info("set information: objects of type %lu have no writable members", (unsigned long)type);
        return ERROR_ACCESS_DENIED;
    }
    if (model_bounded_len(in->szDescription, sizeof(in->szDescription)) < 0 ||
        (row->name && model_bounded_len(in->szName, sizeof(in->szName)) < 0)) {
        log_info("set information: name or description not terminated within its array");
        return ERROR_INVALID_PARAMETER;
    }
    struct update_args args = {row, id, in};
    return media_run(st, update_tx, &args);
}
