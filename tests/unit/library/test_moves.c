/*
 * test_moves.c - move intents: recorded before a move, the outcome written
 * with the intent closed in one transaction, refusals closing the intent,
 * and intents left open by a crash settled from the element status.
 */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#define S(i) (FX_FIRST_SLOT + (i))

static size_t open_intents(fx_t *fx)
{
    store_intent_t *v = NULL;
    size_t n = 0;
    assert_int_equal(store_intent_list(fx->st, &fx->lib, &v, &n), 0);
    free(v);
    return n;
}

static NTMS_GUID location_of(fx_t *fx, const NTMS_GUID *medium)
{
    NTMS_OBJECTINFORMATIONA m;
    fx_get(fx, medium, &m);
    return m.Info.PhysicalMedia.Location;
}

static DWORD state_of(fx_t *fx, uint16_t address)
{
    NTMS_OBJECTINFORMATIONA o;
    NTMS_GUID g = fx_element(fx, address);
    fx_get(fx, &g, &o);
    switch (o.dwType) {
    case NTMS_STORAGESLOT: return o.Info.StorageSlot.State;
    case NTMS_IEPORT: return o.Info.IEPort.Content;
    default: return o.Info.Drive.State;
    }
}

static void test_move_done(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    NTMS_GUID m = fx_medium(fx, "VL0001L6");
    int64_t intent;
    assert_int_equal(model_move_begin(fx->st, &fx->lib, &m, S(0), FX_FIRST_DRIVE, &intent), 0);
    assert_int_equal(open_intents(fx), 1);
    assert_int_equal(model_move_done(fx->st, &fx->lib, intent, &m, S(0), FX_FIRST_DRIVE), 0);
    assert_int_equal(open_intents(fx), 0);
    NTMS_GUID drive = fx_element(fx, FX_FIRST_DRIVE), slot = fx_element(fx, S(0));
    NTMS_GUID at = location_of(fx, &m);
    assert_guid_equal(&at, &drive);
    NTMS_OBJECTINFORMATIONA o;
    fx_get(fx, &m, &o);
    assert_int_equal(o.Info.PhysicalMedia.LocationType, NTMS_DRIVE);
    assert_guid_equal(&o.Info.PhysicalMedia.HomeSlot, &slot);
    assert_int_equal(state_of(fx, S(0)), NTMS_SLOTSTATE_EMPTY);
    assert_int_equal(state_of(fx, FX_FIRST_DRIVE), NTMS_DRIVESTATE_DISMOUNTABLE);

    /* back to another slot, the medium named by where it is */
    assert_int_equal(model_move_begin(fx->st, &fx->lib, NULL, FX_FIRST_DRIVE, S(4), &intent), 0);
    assert_int_equal(model_move_done(fx->st, &fx->lib, intent, NULL, FX_FIRST_DRIVE, S(4)), 0);
    NTMS_GUID s4 = fx_element(fx, S(4));
    at = location_of(fx, &m);
    assert_guid_equal(&at, &s4);
    fx_get(fx, &m, &o);
    assert_guid_equal(&o.Info.PhysicalMedia.HomeSlot, &s4);
    assert_int_equal(state_of(fx, FX_FIRST_DRIVE), NTMS_DRIVESTATE_DISMOUNTED);
    assert_int_equal(state_of(fx, S(4)), NTMS_SLOTSTATE_FULL);
    assert_int_equal(open_intents(fx), 0);

    /* the store now agrees with a status showing the move */
    fx_empty(fx, S(0));
    fx_put(fx, S(4), "VL0001L6");
    fx_inventory_expect(fx, 0, 0, 0, 1);
}

static void test_move_failed(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), "VL0001L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    NTMS_GUID m = fx_medium(fx, "VL0001L6"), slot = fx_element(fx, S(0));
    int64_t intent;
    assert_int_equal(model_move_begin(fx->st, &fx->lib, &m, S(0), S(1), &intent), 0);
    assert_int_equal(model_move_failed(fx->st, intent), 0);
    assert_int_equal(open_intents(fx), 0);
    NTMS_GUID at = location_of(fx, &m);
    assert_guid_equal(&at, &slot);
    assert_int_equal(model_move_failed(fx->st, intent), 0); /* closing twice is fine */
    assert_int_equal(model_move_begin(fx->st, NULL, &m, 1, 2, &intent), ERROR_INVALID_PARAMETER);
}

/* rsmd died after the robot moved the cartridge and before the outcome was
 * written: the record still says the slot. Unlabelled, the inventory alone
 * would take it for a new cartridge in the drive and a lost one. */
static void test_reconcile_after_crash(void **state)
{
    fx_t *fx = *state;
    fx_put(fx, S(0), NULL);
    fx_put(fx, S(1), "VL0002L6");
    fx_inventory_expect(fx, 2, 0, 0, 0);
    guid_list_t l = {0};
    assert_int_equal(store_enumerate(fx->st, &fx->lib, NTMS_PHYSICAL_MEDIA, &l), 0);
    NTMS_GUID labelled = fx_medium(fx, "VL0002L6");
    assert_int_equal(l.n, 2);
    NTMS_GUID unlabelled = memcmp(&l.v[0], &labelled, sizeof labelled) ? l.v[0] : l.v[1];
    guid_list_free(&l);
    int64_t a, b;
    assert_int_equal(model_move_begin(fx->st, &fx->lib, &unlabelled, S(0), FX_FIRST_DRIVE, &a), 0);
    assert_int_equal(model_move_begin(fx->st, &fx->lib, &labelled, S(1), S(8), &b), 0);
    /* the first move happened, the second did not */
    fx_empty(fx, S(0));
    fx_put(fx, FX_FIRST_DRIVE, NULL);
    unsigned settled = 0;
    assert_int_equal(model_moves_reconcile(fx->st, &fx->lib, &fx->status, &settled), 0);
    assert_int_equal(settled, 2);
    assert_int_equal(open_intents(fx), 0);
    NTMS_GUID drive = fx_element(fx, FX_FIRST_DRIVE), s1 = fx_element(fx, S(1));
    NTMS_GUID at = location_of(fx, &unlabelled);
    assert_guid_equal(&at, &drive);
    at = location_of(fx, &labelled);
    assert_guid_equal(&at, &s1);
    /* and the inventory now finds both where they are: nothing new */
    fx_inventory_expect(fx, 0, 0, 0, 2);
    assert_int_equal(model_moves_reconcile(fx->st, &fx->lib, &fx->status, &settled), 0);
    assert_int_equal(settled, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_move_done, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_move_failed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_reconcile_after_crash, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
