/*
 * world.c - the label tests' world (world.h).
 */
#include "world.h"

#include <stdio.h>

#include "store/store_library.h"

void check_store(store_t *st)
{
    char why[256];
    if (store_check(st, why, sizeof why) != 0)
        fail_msg("store_check: %s", why);
}

void world_init(world_t *w, store_t *st)
{
    NTMS_OBJECTINFORMATIONA rec;
    memset(w, 0, sizeof *w);
    w->st = st;
    assert_int_equal(store_find_media_type(st, 0, "LTO-8", &w->type), 0);
    w->lib = fx_online_library(st, "lib");
    fx_record(&rec, NTMS_STORAGESLOT, "slot 1000");
    rec.Info.StorageSlot.Number = 1000;
    rec.Info.StorageSlot.Library = w->lib;
    rec.Info.StorageSlot.State = NTMS_SLOTSTATE_FULL;
    w->slot = fx_insert(st, &rec);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_FOREIGN, &w->type, &w->unrecognized), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_IMPORT, &w->type, &w->import), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &w->type, &w->free_pool), 0);
    w->app = fx_pool(st, "Backup", &w->type);
}

NTMS_GUID cartridge(world_t *w, const NTMS_GUID *pool, DWORD state, const char *code, bool offline,
                    NTMS_GUID *side_out)
{
    static unsigned seq = 100;
    NTMS_OBJECTINFORMATIONA m, s;
    char seqs[16];
    snprintf(seqs, sizeof seqs, "%u", seq++);
    fx_record(&m, NTMS_PHYSICAL_MEDIA, code[0] ? code : seqs);
    NTMS_PMIDINFORMATIONA *pm = &m.Info.PhysicalMedia;
    pm->MediaPool = *pool;
    pm->MediaType = w->type;
    if (offline) {
        NTMS_GUID off;
        assert_int_equal(store_offline_library(w->st, &off), 0);
        pm->CurrentLibrary = off;
        pm->LocationType = NTMS_STORAGESLOT;
    } else {
        pm->CurrentLibrary = w->lib;
        pm->Location = w->slot;
        pm->HomeSlot = w->slot;
        pm->LocationType = NTMS_STORAGESLOT;
    }
    snprintf(pm->szBarCode, sizeof pm->szBarCode, "%s", code);
    pm->BarCodeState = code[0] ? NTMS_BARCODESTATE_OK : NTMS_BARCODESTATE_UNREADABLE;
    snprintf(pm->szSequenceNumber, sizeof pm->szSequenceNumber, "%s", seqs);
    pm->dwNumberOfPartitions = 1;
    NTMS_GUID id = fx_insert(w->st, &m);
    fx_record(&s, NTMS_PARTITION, m.szName);
    s.Info.Partition.PhysicalMedia = id;
    s.Info.Partition.State = state;
    *side_out = fx_insert(w->st, &s);
    return id;
}

void expect_pool(world_t *w, const NTMS_GUID *medium, const NTMS_GUID *pool)
{
    NTMS_OBJECTINFORMATIONA rec;
    fx_get(w->st, medium, &rec);
    assert_guid_equal(&rec.Info.PhysicalMedia.MediaPool, pool);
}
