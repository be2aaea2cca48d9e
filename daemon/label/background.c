/*
 * background.c - cartridges and drives for background label work
 * (background.h): the label reader and the free-label writer.
 */
#include "label/background.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_library.h"
#include "store/store_media.h"
#include "util/log.h"

bool bg_medium_in_slot(store_t *st, const NTMS_GUID *medium, const NTMS_GUID *library)
{
    NTMS_OBJECTINFORMATIONA m;
    return store_get(st, medium, &m) == 0 && m.Info.PhysicalMedia.LocationType == NTMS_STORAGESLOT &&
           memcmp(&m.Info.PhysicalMedia.CurrentLibrary, library, sizeof *library) == 0 &&
           m.Info.PhysicalMedia.MediaState == NTMS_MEDIASTATE_IDLE;
}

static struct {
    NTMS_GUID *v;
    size_t n, cap;
} taken;

bool bg_taken(const NTMS_GUID *medium)
{
    for (size_t i = 0; i < taken.n; i++)
        if (memcmp(&taken.v[i], medium, sizeof *medium) == 0)
            return true;
    return false;
}

bool bg_take(const NTMS_GUID *medium)
{
    if (bg_taken(medium))
        return false;
    if (taken.n == taken.cap) {
        size_t cap = taken.cap ? taken.cap * 2 : 8;
        NTMS_GUID *v = realloc(taken.v, cap * sizeof *v);
        if (v == NULL)
            return false; /* try again later */
        taken.v = v;
        taken.cap = cap;
    }
    taken.v[taken.n++] = *medium;
    return true;
}

void bg_give_back(const NTMS_GUID *medium)
{
    for (size_t i = 0; i < taken.n; i++) {
        if (memcmp(&taken.v[i], medium, sizeof *medium) == 0) {
            taken.v[i] = taken.v[--taken.n];
            return;
        }
    }
}

void bg_forget_all(void)
{
    free(taken.v);
    memset(&taken, 0, sizeof taken);
}

/* Does drive i of `lib` hold a cartridge, as the store says? */
static bool drive_holds_medium(store_t *st, library_t *lib, int i)
{
    NTMS_GUID drive, medium;
    return store_library_element(st, library_guid(lib), NTMS_DRIVE, library_drive_address(lib, i), &drive) != 0 ||
           store_media_at(st, &drive, &medium) == 0;
}

DWORD bg_claim_idle_drive(store_t *st, library_t *lib, bool empty_only, unsigned timeout_ms,
                          const NTMS_GUID *request, drive_grant_fn grant, void *ctx, drive_claim_t **out)
{
    int usable = 0;

    for (int i = 0; i < library_drive_count(lib); i++) {
        if (!library_drive_usable(lib, i))
            continue;
        usable++;
        if (!queue_drive_idle(lib, i) || (empty_only && drive_holds_medium(st, lib, i)))
            continue;
        DWORD err = queue_claim_drive(lib, i, NTMS_PRIORITY_LOWEST, timeout_ms, request, grant, ctx, out);
        if (err == 0)
            return 0;
        log_debug("label: drive %d of \"%s\" not claimed (error %u)", i, library_name(lib), (unsigned)err);
    }
    return usable == 0 ? ERROR_NO_SUPPORTING_DRIVES : ERROR_BUSY;
}
