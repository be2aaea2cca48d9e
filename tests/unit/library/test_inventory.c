/*
 * test_inventory.c - model_inventory: database and hand-built element
 * statuses reconciled (new, moved, gone to offline, back from offline,
 * cleaners, media types from bar codes, unlabelled and duplicate
 * cartridges, partial statuses), and an inventory that changes nothing
 * writing nothing.
 */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#define S(i) (FX_FIRST_SLOT + (i))

static void expect_at(fx_t *fx, const char *code, uint16_t address, DWORD location_type)
{
    NTMS_OBJECTINFORMATIONA m;
    NTMS_GUID id = fx_medium(fx, code), el = fx_element(fx, address);
    fx_get(fx, &id, &m);
    assert_guid_equal(&m.Info.PhysicalMedia.CurrentLibrary, &fx->lib);
    assert_guid_equal(&m.Info.PhysicalMedia.Location, &el);
    assert_int_equal(m.Info.PhysicalMedia.LocationType, location_type);
}

static DWORD slot_state(fx_t *fx, uint16_t address)
{
    NTMS_OBJECTINFORMATIONA o;
    NTMS_GUID g = fx_element(fx, address);
    fx_get(fx, &g, &o);
    return o.Info.StorageSlot.State;
}

static void test_new_cartridges(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, S(1), "VL0002L6");
    fx_put(fx, FX_FIRST_PORT, "VL0003L7");
    fx_inventory_expect(fx, 3, 0, 0, 0);

    NTMS_OBJECTINFORMATIONA m, side, pool;
    NTMS_GUID id = fx_medium(fx, "VL0001L6"), slot = fx_element(fx, S(0));
    fx_get(fx, &id, &m);
    const NTMS_PMIDINFORMATIONA *pm = &m.Info.PhysicalMedia;
    assert_string_equal(m.szName, "VL0001L6"); /* media-names.md: the bar code */
    assert_int_equal(pm->BarCodeState, NTMS_BARCODESTATE_OK);
    assert_guid_equal(&pm->CurrentLibrary, &fx->lib);
    assert_guid_equal(&pm->Location, &slot);
    assert_guid_equal(&pm->HomeSlot, &slot);
    assert_int_equal(pm->LocationType, NTMS_STORAGESLOT);
    NTMS_GUID lto6 = fx_media_type(fx, "LTO-6");
    assert_guid_equal(&pm->MediaType, &lto6);
    assert_string_not_equal(pm->szSequenceNumber, "");
    /* the Unrecognized pool of its media type */
    fx_get(fx, &pm->MediaPool, &pool);
    assert_int_equal(pool.Info.MediaPool.PoolType, NTMS_POOLTYPE_FOREIGN);
    assert_guid_equal(&pool.Info.MediaPool.MediaType, &lto6);
    /* one side, foreign */
    guid_list_t sides = {0};
    assert_int_equal(store_enumerate(fx->st, &id, NTMS_PARTITION, &sides), 0);
    assert_int_equal(sides.n, 1);
    fx_get(fx, &sides.v[0], &side);
    assert_int_equal(side.Info.Partition.State, NTMS_PARTSTATE_FOREIGN);
    assert_int_equal(side.Info.Partition.Side, 0);
    guid_list_free(&sides);

    expect_at(fx, "VL0003L7", FX_FIRST_PORT, NTMS_IEPORT);
    assert_int_equal(slot_state(fx, S(0)), NTMS_SLOTSTATE_FULL);
    assert_int_equal(slot_state(fx, S(2)), NTMS_SLOTSTATE_EMPTY);
    assert_int_equal(fx_count(fx, &fx->lib, NTMS_PHYSICAL_MEDIA), 3);
}

static void test_moved(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, S(1), "VL0002L6");
    fx_inventory_expect(fx, 2, 0, 0, 0);
    NTMS_GUID before = fx_medium(fx, "VL0001L6");

    fx_empty(fx, S(0));
    fx_put(fx, S(5), "VL0001L6");
    fx_inventory_expect(fx, 0, 1, 0, 1);
    NTMS_GUID after = fx_medium(fx, "VL0001L6");
    assert_guid_equal(&before, &after); /* the same medium, not a new one */
    expect_at(fx, "VL0001L6", S(5), NTMS_STORAGESLOT);
    assert_int_equal(slot_state(fx, S(0)), NTMS_SLOTSTATE_EMPTY);
    assert_int_equal(slot_state(fx, S(5)), NTMS_SLOTSTATE_FULL);

    /* into a drive: the home slot stays the slot it came from */
    fx_empty(fx, S(5));
    fx_put(fx, FX_FIRST_DRIVE, "VL0001L6");
    fx_inventory_expect(fx, 0, 1, 0, 1);
    expect_at(fx, "VL0001L6", FX_FIRST_DRIVE, NTMS_DRIVE);
    NTMS_OBJECTINFORMATIONA m, d;
    fx_get(fx, &after, &m);
    NTMS_GUID home = fx_element(fx, S(5)), drive = fx_element(fx, FX_FIRST_DRIVE);
    assert_guid_equal(&m.Info.PhysicalMedia.HomeSlot, &home);
    fx_get(fx, &drive, &d);
    assert_int_equal(d.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTABLE);
}

static void test_gone_and_back(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, S(1), "VL0002L6");
    fx_inventory_expect(fx, 2, 0, 0, 0);
    NTMS_GUID id = fx_medium(fx, "VL0001L6");

    fx_empty(fx, S(0));
    fx_inventory_expect(fx, 0, 0, 1, 1);
    NTMS_OBJECTINFORMATIONA m;
    fx_get(fx, &id, &m);
    assert_guid_equal(&m.Info.PhysicalMedia.CurrentLibrary, &fx->offline);
    assert_guid_equal(&m.Info.PhysicalMedia.Location, &fx->offline);
    assert_int_equal(m.Info.PhysicalMedia.LocationType, NTMS_LIBRARY);
    NTMS_GUID zero = {0};
    assert_guid_equal(&m.Info.PhysicalMedia.HomeSlot, &zero);
    assert_int_equal(fx_count(fx, &fx->lib, NTMS_PHYSICAL_MEDIA), 1);
    assert_int_equal(fx_count(fx, &fx->offline, NTMS_PHYSICAL_MEDIA), 1);

    /* it comes back through a mailslot: the same medium, in this library */
    fx_put(fx, FX_FIRST_PORT + 1, "VL0001L6");
    fx_inventory_expect(fx, 0, 1, 0, 1);
    NTMS_GUID again = fx_medium(fx, "VL0001L6");
    assert_guid_equal(&again, &id);
    expect_at(fx, "VL0001L6", FX_FIRST_PORT + 1, NTMS_IEPORT);
    assert_int_equal(fx_count(fx, &fx->offline, NTMS_PHYSICAL_MEDIA), 0);
    assert_int_equal(fx_count(fx, NULL, NTMS_PHYSICAL_MEDIA), 2);
}

static DWORD type_code_of(fx_t *fx, const char *code, NTMS_GUID *type)
{
    NTMS_OBJECTINFORMATIONA m;
    NTMS_GUID id = fx_medium(fx, code);
    fx_get(fx, &id, &m);
    *type = m.Info.PhysicalMedia.MediaType;
    return m.Info.PhysicalMedia.BarCodeState;
}

static void expect_type(fx_t *fx, const char *code, const char *type_name)
{
    NTMS_GUID t, want = fx_media_type(fx, type_name);
    type_code_of(fx, code, &t);
    assert_guid_equal(&t, &want);
}

static void test_media_type_from_barcode(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "AB0001L1");
    fx_put(fx, S(1), "AB0002L9");
    fx_put(fx, S(2), "AB0003LT");
    fx_put(fx, S(3), "AB0004LZ");
    fx_put(fx, S(4), "XYZ123");   /* says nothing: the library's media type */
    fx_put(fx, S(5), "AB0006CU"); /* LTO universal cleaner, no prefix needed */
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, 0, "CLN", "LTO-5", &c), 0);
    assert_int_equal(c.added, 6);
    expect_type(fx, "AB0001L1", "LTO-1");
    expect_type(fx, "AB0002L9", "LTO-9");
    expect_type(fx, "AB0003LT", "LTO-3 WORM");
    expect_type(fx, "AB0004LZ", "LTO-9 WORM");
    expect_type(fx, "XYZ123", "LTO-5");
    expect_type(fx, "AB0006CU", "LTO Cleaner");
    fx_check(fx);
}

static void test_unknown_media_type_is_skipped(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "XYZ123");
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, 0, "CLN", "", &c), 0);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.skipped, 1);
    assert_int_equal(fx_count(fx, NULL, NTMS_PHYSICAL_MEDIA), 0);
    assert_int_equal(slot_state(fx, S(0)), NTMS_SLOTSTATE_FULL); /* the slot still says full */
}

static void test_cleaner_prefix(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "CLN001L1");
    fx_put(fx, S(1), "cln002");
    fx_put(fx, S(2), "HEAD01");
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, 0, "CLN", "DDS", &c), 0);
    assert_int_equal(c.added, 3);
    expect_type(fx, "CLN001L1", "LTO Cleaner"); /* the label says LTO */
    expect_type(fx, "cln002", "DDS Cleaner");   /* the library's family */
    expect_type(fx, "HEAD01", "DDS");

    /* the prefix is configurable */
    fx_put(fx, S(3), "HEAD02");
    assert_int_equal(fx_inventory(fx, 0, "HEAD", "DDS", &c), 0);
    assert_int_equal(c.added, 1);
    expect_type(fx, "HEAD02", "DDS Cleaner");
    fx_check(fx);

    char buf[64];
    assert_string_equal(model_media_type_for_barcode("CLN001", "", "LTO-8", buf, sizeof buf), "LTO-8");
    assert_string_equal(model_media_type_for_barcode("CLN001", "CLN", "SDLT", buf, sizeof buf), "DLT Cleaner");
    assert_string_equal(model_media_type_for_barcode("CLN001", "CLN", "T10000", buf, sizeof buf), "Cleaner");
    assert_string_equal(model_media_type_for_barcode("AB0001L0", "CLN", "", buf, sizeof buf), "");
    assert_string_equal(model_media_type_for_barcode("AB001L8", "CLN", "", buf, sizeof buf), "");
}

/* Every object's Modified time, in a fixed order. */
static size_t snapshot(fx_t *fx, SYSTEMTIME *out, size_t max)
{
    static const DWORD types[] = {NTMS_LIBRARY, NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_DRIVE, NTMS_PHYSICAL_MEDIA,
                                  NTMS_PARTITION, NTMS_CHANGER};
    size_t n = 0;
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
        guid_list_t l = {0};
        assert_int_equal(store_enumerate(fx->st, NULL, types[k], &l), 0);
        for (size_t i = 0; i < l.n && n < max; i++) {
            NTMS_OBJECTINFORMATIONA o;
            fx_get(fx, &l.v[i], &o);
            out[n++] = o.Modified;
        }
        guid_list_free(&l);
    }
    return n;
}

static void test_unchanged_writes_nothing(void **state)
{
    fx_t *fx = *state;
    SYSTEMTIME before[64], after[64];
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, S(3), NULL); /* no label: matched by location next time */
    fx_put(fx, FX_FIRST_PORT, "VL0002L6");
    fx_put(fx, FX_FIRST_DRIVE, "VL0003L6");
    fx_inventory_expect(fx, 4, 0, 0, 0);
    size_t n = snapshot(fx, before, 64);
    assert_true(n > 10);
    fx_inventory_expect(fx, 0, 0, 0, 4);
    assert_int_equal(snapshot(fx, after, 64), n);
    assert_memory_equal(before, after, n * sizeof(before[0]));
    /* registering the same hardware again writes nothing either */
    model_library_desc_t d = fx_desc(fx);
    NTMS_GUID lib = fx->lib;
    assert_int_equal(model_library_register(fx->st, &d, &lib), 0);
    assert_guid_equal(&lib, &fx->lib);
    assert_int_equal(snapshot(fx, after, 64), n);
    assert_memory_equal(before, after, n * sizeof(before[0]));
}

static void test_unlabelled(void **state)
{
    fx_t *fx = *state;
    NTMS_OBJECTINFORMATIONA m;
    fx_put(fx, S(2), NULL);
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, 0, "CLN", "LTO-4", &c), 0);
    assert_int_equal(c.added, 1);
    guid_list_t l = {0};
    assert_int_equal(store_enumerate(fx->st, &fx->lib, NTMS_PHYSICAL_MEDIA, &l), 0);
    assert_int_equal(l.n, 1);
    NTMS_GUID id = l.v[0];
    guid_list_free(&l);
    fx_get(fx, &id, &m);
    assert_int_equal(m.Info.PhysicalMedia.BarCodeState, NTMS_BARCODESTATE_UNREADABLE);
    /* media-names.md: no bar code, no label: the sequence number */
    assert_string_equal(m.szName, m.Info.PhysicalMedia.szSequenceNumber);

    assert_int_equal(fx_inventory(fx, 0, "CLN", "LTO-4", &c), 0);
    assert_int_equal(c.unchanged, 1);
    assert_int_equal(c.added, 0);

    /* moved without a label: the old record goes, a new one comes
     * (a differential inventory cannot tell) */
    fx_empty(fx, S(2));
    fx_put(fx, S(7), NULL);
    assert_int_equal(fx_inventory(fx, 0, "CLN", "LTO-4", &c), 0);
    assert_int_equal(c.added, 1);
    assert_int_equal(c.gone, 1);
    fx_check(fx);
}

static void test_duplicate_barcode(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, S(1), "VL0001L6");
    fx_inventory_expect(fx, 2, 0, 0, 0);
    NTMS_OBJECTINFORMATIONA a, b;
    NTMS_GUID ga = fx_medium(fx, "VL0001L6");
    fx_get(fx, &ga, &a);
    assert_int_equal(a.Info.PhysicalMedia.BarCodeState, NTMS_BARCODESTATE_OK);
    NTMS_GUID s0 = fx_element(fx, S(0)), s1 = fx_element(fx, S(1));
    assert_guid_equal(&a.Info.PhysicalMedia.Location, &s0);
    guid_list_t l = {0};
    assert_int_equal(store_enumerate(fx->st, &fx->lib, NTMS_PHYSICAL_MEDIA, &l), 0);
    assert_int_equal(l.n, 2);
    fx_get(fx, &l.v[1], &b);
    guid_list_free(&l);
    assert_int_equal(b.Info.PhysicalMedia.BarCodeState, NTMS_BARCODESTATE_UNREADABLE);
    assert_guid_equal(&b.Info.PhysicalMedia.Location, &s1);
    /* and stable */
    fx_inventory_expect(fx, 0, 0, 0, 2);
}

static void test_partial_types(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_put(fx, FX_FIRST_DRIVE, "VL0002L6");
    fx_inventory_expect(fx, 2, 0, 0, 0);
    /* a status of slots and ports only: the drive's cartridge is not in it,
     * and stays where it is */
    element_status_t full = fx->status, part = {0};
    element_t v[FX_SLOTS + FX_PORTS];
    for (size_t i = 0; i < full.n; i++)
        if (full.v[i].type == ELEM_SLOT || full.v[i].type == ELEM_PORT)
            v[part.n++] = full.v[i];
    part.v = v;
    fx->status = part;
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, (1u << ELEM_SLOT) | (1u << ELEM_PORT), "CLN", "", &c), 0);
    fx->status = full;
    assert_int_equal(c.gone, 0);
    assert_int_equal(c.unchanged, 1);
    expect_at(fx, "VL0002L6", FX_FIRST_DRIVE, NTMS_DRIVE);
    NTMS_GUID drive = fx_element(fx, FX_FIRST_DRIVE);
    NTMS_OBJECTINFORMATIONA d;
    fx_get(fx, &drive, &d);
    assert_int_equal(d.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTABLE);
}

/* A medium with bar code `code` in `library` (NULL: none). */
static NTMS_GUID add_medium(fx_t *fx, const char *code, const NTMS_GUID *library)
{
    NTMS_GUID lto6 = fx_media_type(fx, "LTO-6"), pool;
    assert_int_equal(store_find_system_pool(fx->st, NTMS_POOLTYPE_FOREIGN, &lto6, &pool), 0);
    NTMS_OBJECTINFORMATIONA m;
    memset(&m, 0, sizeof m);
    m.dwSize = sizeof m;
    m.dwType = NTMS_PHYSICAL_MEDIA;
    model_new_guid(&m.ObjectGuid);
    snprintf(m.szName, sizeof m.szName, "%s", code);
    NTMS_PMIDINFORMATIONA *pm = &m.Info.PhysicalMedia;
    pm->MediaPool = pool;
    pm->MediaType = lto6;
    if (library != NULL)
        pm->CurrentLibrary = *library;
    snprintf(pm->szBarCode, sizeof pm->szBarCode, "%s", code);
    pm->BarCodeState = NTMS_BARCODESTATE_OK;
    assert_int_equal(store_insert(fx->st, &m), 0);
    return m.ObjectGuid;
}

/* The inventory looks up the bar codes this library does not hold all at
 * once, 64 to a query: every code gets its own answer across the query
 * boundaries, media of the excluded library are not answers, a medium in
 * the offline library wins over an older one elsewhere, "" and unknown
 * codes get none. */
static void test_barcode_lookup_in_bulk(void **state)
{
    fx_t *fx = *state;
    enum { N = 150 };
    static char names[N][16];
    NTMS_GUID want[N + 2];
    const char *codes[N + 2];
    NTMS_GUID older = add_medium(fx, "BK000L6", NULL);
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "BK%03dL6", i);
        codes[i] = names[i];
        const NTMS_GUID *where = i % 3 == 0 ? &fx->offline : i % 3 == 1 ? &fx->lib : NULL;
        NTMS_GUID g = add_medium(fx, names[i], where);
        memset(&want[i], 0, sizeof want[i]);
        if (i % 3 != 1)
            want[i] = g;
    }
    codes[N] = "NOPE01";
    codes[N + 1] = "";
    memset(&want[N], 0, 2 * sizeof want[0]);

    NTMS_GUID got[N + 2];
    assert_int_equal(store_media_by_barcodes(fx->st, codes, N + 2, &fx->lib, got), 0);
    for (int i = 0; i < N + 2; i++)
        assert_guid_equal(&got[i], &want[i]);
    assert_memory_not_equal(&got[0], &older, sizeof older);

    /* the one-code lookup agrees */
    NTMS_GUID one;
    assert_int_equal(store_media_by_barcode(fx->st, codes[0], &fx->lib, &one), 0);
    assert_guid_equal(&one, &want[0]);
    assert_int_equal(store_media_by_barcode(fx->st, codes[1], &fx->lib, &one), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(store_media_by_barcode(fx->st, codes[1], NULL, &one), 0);
}

static void test_bad_arguments(void **state)
{
    fx_t *fx = *state;
    inventory_params_t p = {.types = 0};
    assert_int_equal(model_inventory(fx->st, &p, &fx->status, NULL), ERROR_INVALID_PARAMETER);
    p.library = fx->lib;
    assert_int_equal(model_inventory(fx->st, &p, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(model_inventory(NULL, &p, &fx->status, NULL), ERROR_INVALID_PARAMETER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_cartridges, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_moved, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_gone_and_back, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_media_type_from_barcode, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_media_type_is_skipped, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_cleaner_prefix, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_unchanged_writes_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_unlabelled, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_barcode, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_partial_types, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_barcode_lookup_in_bulk, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
