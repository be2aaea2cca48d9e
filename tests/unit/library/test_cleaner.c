/*
 * test_cleaner.c - the cleaning rules of daemon/model/cleaner.c on the
 * standard fixture library: reserving and releasing the cleaner slot (each
 * refusal with its code), the library's cleaner fields following the slot
 * through inventories, a cleaner injected with a count (a data label made
 * a cleaner), cleanings counted down to exhaustion, unlimited cleaners,
 * spent cleaners, and the drives' cleaning history.
 */
#include <string.h>

#include "fixture.h"
#include "model/cleaner.h"

#define S(i) (FX_FIRST_SLOT + (i))
#define D0 FX_FIRST_DRIVE

static const principal_t nobody = {.uid = 0, .gid = 0, .user = "root"};

static NTMS_OBJECTINFORMATIONA library(fx_t *fx)
{
    NTMS_OBJECTINFORMATIONA lib;
    fx_get(fx, &fx->lib, &lib);
    return lib;
}

static DWORD reserve(fx_t *fx, uint16_t address)
{
    NTMS_GUID slot = fx_element(fx, address);
    return model_cleaner_reserve(fx->st, &nobody, &fx->lib, &slot);
}

/* The cleaner's move into drive D0 and back, as library_move records them. */
static void move(fx_t *fx, const NTMS_GUID *medium, uint16_t from, uint16_t to)
{
    int64_t intent;
    assert_int_equal(model_move_begin(fx->st, &fx->lib, medium, from, to, &intent), 0);
    assert_int_equal(model_move_done(fx->st, &fx->lib, intent, medium, from, to), 0);
}

static void test_reserve_release(void **state)
{
    fx_t *fx = *state;
    NTMS_GUID other_slot, medium;
    cleaner_info_t c;

    fx_put(fx, S(0), "VL0001L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    /* not a slot, a slot that is full, a slot of no library */
    medium = fx_medium(fx, "VL0001L6");
    assert_int_equal(model_cleaner_reserve(fx->st, &nobody, &fx->lib, &medium), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(reserve(fx, S(0)), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_int_equal(model_cleaner_release(fx->st, &nobody, &fx->lib), ERROR_CLEANER_SLOT_NOT_SET);
    assert_int_equal(model_cleaner_slot_number(fx->st, &fx->lib), 0);

    assert_int_equal(reserve(fx, S(9)), 0);
    assert_int_equal(model_cleaner_slot_number(fx->st, &fx->lib), S(9));
    NTMS_OBJECTINFORMATIONA lib = library(fx);
    other_slot = fx_element(fx, S(9));
    assert_guid_equal(&lib.Info.Library.CleanerSlot, &other_slot);
    assert_guid_equal(&lib.Info.Library.CleanerSlotDefault, &other_slot);
    /* one slot per library */
    assert_int_equal(reserve(fx, S(8)), ERROR_CLEANER_SLOT_SET);
    assert_int_equal(reserve(fx, S(9)), ERROR_CLEANER_SLOT_SET);
    assert_int_equal(model_cleaner_info(fx->st, &fx->lib, &c), 0);
    assert_true(c.reserved && !c.present);
    assert_int_equal(c.slot_number, S(9));
    assert_false(model_cleaner_usable(&c));

    /* a cleaner in it: not released */
    fx_put(fx, S(9), "CLN001L1");
    fx_inventory_expect(fx, 1, 0, 0, 1);
    assert_int_equal(model_cleaner_release(fx->st, &nobody, &fx->lib), ERROR_CLEANER_CARTRIDGE_INSTALLED);
    fx_empty(fx, S(9));
    fx_inventory_expect(fx, 0, 0, 1, 1);
    assert_int_equal(model_cleaner_release(fx->st, &nobody, &fx->lib), 0);
    lib = library(fx);
    assert_int_equal(model_cleaner_slot_number(fx->st, &fx->lib), 0);
    assert_int_equal(lib.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT, 0);
    assert_int_equal(model_cleaner_release(fx->st, &nobody, &fx->lib), ERROR_CLEANER_SLOT_NOT_SET);
    /* each change is a finished library request */
    assert_true(fx_count(fx, NULL, NTMS_LIBREQUEST) >= 2);
    fx_check(fx);
}

/* A medium whose home was the slot loses that home when it is reserved. */
static void test_reserve_takes_homes(void **state)
{
    fx_t *fx = *state;
    NTMS_OBJECTINFORMATIONA m;

    fx_put(fx, S(3), "VL0003L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    NTMS_GUID medium = fx_medium(fx, "VL0003L6");
    move(fx, &medium, S(3), D0);
    fx_empty(fx, S(3));
    fx_put(fx, D0, "VL0003L6");
    fx_get(fx, &medium, &m);
    NTMS_GUID slot = fx_element(fx, S(3));
    assert_guid_equal(&m.Info.PhysicalMedia.HomeSlot, &slot);
    assert_int_equal(reserve(fx, S(3)), 0);
    fx_get(fx, &medium, &m);
    NTMS_GUID none = {0};
    assert_guid_equal(&m.Info.PhysicalMedia.HomeSlot, &none);
    fx_check(fx);
}

/* A cleaner put into the slot by hand gets the configured uses; one that
 * leaves takes its uses with it. */
static void test_sync(void **state)
{
    fx_t *fx = *state;
    NTMS_OBJECTINFORMATIONA lib;

    assert_int_equal(reserve(fx, S(5)), 0);
    fx_put(fx, S(5), "CLN007L1");
    fx_inventory_expect(fx, 1, 0, 0, 0); /* the fixture's inventory: uses not counted */
    lib = library(fx);
    assert_true(lib.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT);
    assert_true(lib.Info.Library.dwFlags & NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING);
    assert_int_equal(lib.Info.Library.dwCleanerUsesRemaining, RSM_CLEANER_USES_UNLIMITED);
    fx_empty(fx, S(5));
    fx_inventory_expect(fx, 0, 0, 1, 0);
    lib = library(fx);
    assert_int_equal(lib.Info.Library.dwFlags & (NTMS_LIBRARYFLAG_CLEANERPRESENT |
                                                 NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING), 0);
    assert_int_equal(lib.Info.Library.dwCleanerUsesRemaining, 0);
    /* a data cartridge put into the cleaner slot is no cleaner */
    fx_put(fx, S(5), "VL0005L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    cleaner_info_t c;
    assert_int_equal(model_cleaner_info(fx->st, &fx->lib, &c), 0);
    assert_true(c.present && !c.is_cleaner);
    assert_false(model_cleaner_usable(&c));
    assert_int_equal(library(fx).Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT, 0);
    fx_empty(fx, S(5));
    fx_inventory_expect(fx, 0, 0, 1, 0);
    /* counted uses from the configuration */
    fx_put(fx, S(5), "CLN007L1");
    fx_inventory_expect(fx, 0, 1, 0, 0);
    assert_int_equal(model_cleaner_sync(fx->st, &fx->lib, 30), 0); /* present already: unchanged */
    assert_int_equal(library(fx).Info.Library.dwCleanerUsesRemaining, RSM_CLEANER_USES_UNLIMITED);
    fx_check(fx);
}

static void test_inject_and_use_up(void **state)
{
    fx_t *fx = *state;
    NTMS_OBJECTINFORMATIONA lib, m, type;
    clean_result_t cleaned = {.cleaned = true};
    NTMS_GUID drive = fx_element(fx, D0);
    bool exhausted = true;
    DWORD count;

    assert_int_equal(reserve(fx, S(9)), 0);
    assert_int_equal(model_cleaner_injected(fx->st, &fx->lib, 2), ERROR_EMPTY); /* nothing arrived */
    /* a cartridge with a data label, injected as a cleaner */
    fx_put(fx, S(9), "AB0001L6");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    assert_int_equal(model_cleaner_injected(fx->st, &fx->lib, 2), 0);
    NTMS_GUID cleaner = fx_medium(fx, "AB0001L6");
    fx_get(fx, &cleaner, &m);
    fx_get(fx, &m.Info.PhysicalMedia.MediaType, &type);
    assert_string_equal(type.szName, "LTO Cleaner");
    lib = library(fx);
    assert_int_equal(lib.Info.Library.dwCleanerUsesRemaining, 2);
    assert_int_equal(lib.Info.Library.dwFlags & NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING, 0);

    for (int use = 1; use <= 2; use++) {
        cleaner_info_t c;
        move(fx, &cleaner, S(9), D0);
        assert_int_equal(model_clean_begin(fx->st, &drive, &cleaner), 0);
        fx_get(fx, &drive, &m);
        assert_int_equal(m.Info.Drive.State, NTMS_DRIVESTATE_BEING_CLEANED);
        fx_get(fx, &cleaner, &m);
        assert_int_equal(m.Info.PhysicalMedia.MediaState, NTMS_MEDIASTATE_INUSE);
        /* away cleaning, it is still the library's cleaner */
        assert_int_equal(model_cleaner_info(fx->st, &fx->lib, &c), 0);
        assert_true(c.present);
        assert_guid_equal(&c.cleaner, &cleaner);
        move(fx, &cleaner, D0, S(9));
        assert_int_equal(model_clean_done(fx->st, &fx->lib, &drive, &cleaned, &exhausted), 0);
        assert_int_equal(exhausted, use == 2);
        assert_int_equal(library(fx).Info.Library.dwCleanerUsesRemaining, 2 - use);
        assert_int_equal(model_clean_count(fx->st, &drive, &count), 0);
        assert_int_equal(count, (DWORD)use);
    }
    fx_get(fx, &drive, &m);
    assert_int_equal(m.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
    assert_true(m.Info.Drive.LastCleanedTs.wYear >= 2024);
    fx_get(fx, &cleaner, &m);
    assert_int_equal(m.Info.PhysicalMedia.MediaState, NTMS_MEDIASTATE_IDLE); /* back in its slot */
    /* the cleaner's side counted both */
    guid_list_t sides = {0};
    assert_int_equal(store_enumerate(fx->st, &cleaner, NTMS_PARTITION, &sides), 0);
    fx_get(fx, &sides.v[0], &m);
    assert_int_equal(m.Info.Partition.dwMountCount, 2);
    guid_list_free(&sides);
    cleaner_info_t c;
    assert_int_equal(model_cleaner_info(fx->st, &fx->lib, &c), 0);
    assert_false(model_cleaner_usable(&c));
    fx_check(fx);
}

static void test_unlimited_and_spent(void **state)
{
    fx_t *fx = *state;
    NTMS_GUID drive = fx_element(fx, D0);
    clean_result_t r = {.cleaned = true};
    bool exhausted;
    DWORD count;

    assert_int_equal(reserve(fx, S(9)), 0);
    fx_put(fx, S(9), "CLN001L1");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    assert_int_equal(model_cleaner_injected(fx->st, &fx->lib, RSM_CLEANER_USES_UNLIMITED), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(model_clean_done(fx->st, &fx->lib, &drive, &r, &exhausted), 0);
        assert_false(exhausted);
    }
    assert_int_equal(library(fx).Info.Library.dwCleanerUsesRemaining, RSM_CLEANER_USES_UNLIMITED);
    /* the drive says it is used up: no uses left, the drive not cleaned */
    r = (clean_result_t){.spent = true};
    assert_int_equal(model_clean_done(fx->st, &fx->lib, &drive, &r, &exhausted), 0);
    assert_true(exhausted);
    assert_int_equal(library(fx).Info.Library.dwCleanerUsesRemaining, 0);
    assert_int_equal(model_clean_count(fx->st, &drive, &count), 0);
    assert_int_equal(count, 3);
    fx_check(fx);
}

/* A crash while cleaning: at start the drive is dismountable and the
 * cleaner in it loaded, an empty drive dismounted. */
static void test_recover(void **state)
{
    fx_t *fx = *state;
    NTMS_GUID d0 = fx_element(fx, D0), d1 = fx_element(fx, D0 + 1);
    NTMS_OBJECTINFORMATIONA m;
    size_t n;

    assert_int_equal(reserve(fx, S(9)), 0);
    fx_put(fx, S(9), "CLN001L1");
    fx_inventory_expect(fx, 1, 0, 0, 0);
    NTMS_GUID cleaner = fx_medium(fx, "CLN001L1");
    move(fx, &cleaner, S(9), D0);
    assert_int_equal(model_clean_begin(fx->st, &d0, &cleaner), 0);
    fx_get(fx, &d1, &m);
    m.Info.Drive.State = NTMS_DRIVESTATE_BEING_CLEANED;
    assert_int_equal(store_update(fx->st, &m), 0);

    assert_int_equal(model_clean_recover(fx->st, &n), 0);
    assert_int_equal(n, 2);
    fx_get(fx, &d0, &m);
    assert_int_equal(m.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTABLE);
    fx_get(fx, &d1, &m);
    assert_int_equal(m.Info.Drive.State, NTMS_DRIVESTATE_DISMOUNTED);
    fx_get(fx, &cleaner, &m);
    assert_int_equal(m.Info.PhysicalMedia.MediaState, NTMS_MEDIASTATE_LOADED);
    assert_int_equal(model_clean_recover(fx->st, &n), 0);
    assert_int_equal(n, 0);
    fx_check(fx);
}

static void test_standalone_mark(void **state)
{
    fx_t *fx = *state;
    NTMS_GUID drive = fx_element(fx, D0), slot = fx_element(fx, S(0));
    NTMS_OBJECTINFORMATIONA d;
    DWORD count;

    assert_int_equal(model_clean_standalone(fx->st, &nobody, &slot), ERROR_INVALID_DRIVE);
    assert_int_equal(model_clean_standalone(fx->st, &nobody, &drive), 0);
    assert_int_equal(model_clean_count(fx->st, &drive, &count), 0);
    assert_int_equal(count, 1);
    fx_get(fx, &drive, &d);
    assert_true(d.Info.Drive.LastCleanedTs.wYear >= 2024);
    fx_check(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reserve_release, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_reserve_takes_homes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_sync, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_inject_and_use_up, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_unlimited_and_spent, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_recover, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_standalone_mark, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
