/*
 * test_setinfo.c - model_set_info takes exactly the writable members.
 *
 * For every object type the reference lets a caller change, a record is
 * created, a structure full of garbage with valid new values in only the
 * writable members is sent, and the record read back must equal the old
 * one with just those members changed (Modified aside). Then the
 * validation rules, one by one, each leaving the record untouched.
 */
#include "fixture.h"

#include <string.h>

#define GARBAGE 0xA5

/* --- objects ------------------------------------------------------------- */

static NTMS_GUID make_with_library(store_t *st, DWORD type)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_GUID lib = fx_online_library(st, "Tape Library");

    fx_record(&rec, type, "element");
    switch (type) {
    case NTMS_DRIVE:
        rec.Info.Drive.Library = lib;
        rec.Info.Drive.dwDeferDismountDelay = 300;
        break;
    case NTMS_IEDOOR:
        rec.Info.IEDoor.Library = lib;
        rec.Info.IEDoor.MaxOpenSecs = 10;
        break;
    case NTMS_IEPORT:
        rec.Info.IEPort.Library = lib;
        rec.Info.IEPort.MaxExtendSecs = 5;
        break;
    case NTMS_CHANGER:
        rec.Info.Changer.Library = lib;
        break;
    case NTMS_STORAGESLOT:
        rec.Info.StorageSlot.Library = lib;
        rec.Info.StorageSlot.Number = 3;
        break;
    case NTMS_LIBREQUEST:
        rec.Info.LibRequest.Library = lib;
        break;
    default:
        fail_msg("no library element of type %lu", (unsigned long)type);
    }
    return fx_insert(st, &rec);
}

static NTMS_GUID make_computer(store_t *st)
{
    NTMS_GUID id;

    assert_int_equal(store_computer(st, &id), 0);
    return id;
}

static NTMS_GUID make_library(store_t *st) { return fx_online_library(st, "Tape Library"); }
static NTMS_GUID make_drive(store_t *st) { return make_with_library(st, NTMS_DRIVE); }
static NTMS_GUID make_door(store_t *st) { return make_with_library(st, NTMS_IEDOOR); }
static NTMS_GUID make_port(store_t *st) { return make_with_library(st, NTMS_IEPORT); }
static NTMS_GUID make_changer(store_t *st) { return make_with_library(st, NTMS_CHANGER); }
static NTMS_GUID make_slot(store_t *st) { return make_with_library(st, NTMS_STORAGESLOT); }
static NTMS_GUID make_librequest(store_t *st) { return make_with_library(st, NTMS_LIBREQUEST); }
static NTMS_GUID make_media_type(store_t *st) { return fx_media_type(st, "LTO-8"); }

static NTMS_GUID make_plain(store_t *st, DWORD type)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_record(&rec, type, "plain");
    return fx_insert(st, &rec);
}

static NTMS_GUID make_drive_type(store_t *st) { return make_plain(st, NTMS_DRIVE_TYPE); }
static NTMS_GUID make_changer_type(store_t *st) { return make_plain(st, NTMS_CHANGER_TYPE); }
static NTMS_GUID make_oprequest(store_t *st) { return make_plain(st, NTMS_OPREQUEST); }

static NTMS_GUID make_pool(store_t *st)
{
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8");

    return fx_pool(st, "Backup", &lto8);
}

static NTMS_GUID make_physical(store_t *st)
{
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8");
    NTMS_GUID pool = fx_pool(st, "Backup", &lto8);
    NTMS_GUID lib = fx_online_library(st, "Tape Library");

    return fx_physical_media(st, &pool, &lto8, &lib);
}

static NTMS_GUID make_logical(store_t *st)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8");

    fx_record(&rec, NTMS_LOGICAL_MEDIA, "logical");
    rec.Info.LogicalMedia.MediaPool = fx_pool(st, "Backup", &lto8);
    return fx_insert(st, &rec);
}

static NTMS_GUID make_partition(store_t *st)
{
    NTMS_OBJECTINFORMATIONA rec;

    fx_record(&rec, NTMS_PARTITION, "side A");
    rec.Info.Partition.PhysicalMedia = make_physical(st);
    return fx_insert(st, &rec);
}

/* --- new values of the writable members ----------------------------------- */

typedef void (*want_fn)(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect);

static void want_computer(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    (void)st;
    in->Info.Computer.dwLibRequestPurgeTime = 11;
    in->Info.Computer.dwOpRequestPurgeTime = 22;
    in->Info.Computer.dwLibRequestFlags = NTMS_LIBREQFLAGS_NOAUTOPURGE | NTMS_LIBREQFLAGS_NOFAILEDPURGE;
    in->Info.Computer.dwOpRequestFlags = NTMS_OPREQFLAGS_NOALERTS | NTMS_OPREQFLAGS_NOTRAYICON;
    in->Info.Computer.dwMediaPoolPolicy = NTMS_POOLPOLICY_KEEPOFFLINEIMPORT;
    expect->Info.Computer = in->Info.Computer;
}

/* The caller's dwFlags has every bit but AUTODETECTCHANGE: only
 * RECOGNIZECLEANERBARCODE is taken, CLEANERPRESENT stays as stored, and
 * IGNORECLEANERUSESREMAINING follows the unlimited use count. */
static void want_library(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    (void)st;
    in->Info.Library.InventoryMethod = NTMS_INVENTORY_OMID;
    in->Info.Library.AutoRecovery = FALSE;
    in->Info.Library.dwCleanerUsesRemaining = 0xFFFFFFFF;
    in->Info.Library.dwFlags = 0xFFFFFFFF & ~(DWORD)NTMS_LIBRARYFLAG_AUTODETECTCHANGE;
    expect->Info.Library.InventoryMethod = NTMS_INVENTORY_OMID;
    expect->Info.Library.AutoRecovery = FALSE;
    expect->Info.Library.dwCleanerUsesRemaining = 0xFFFFFFFF;
    expect->Info.Library.dwFlags = NTMS_LIBRARYFLAG_CLEANERPRESENT | NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE |
                                   NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING;
}

static void want_drive(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    (void)st;
    in->Info.Drive.dwDeferDismountDelay = expect->Info.Drive.dwDeferDismountDelay = 42;
}

static void want_door(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    (void)st;
    in->Info.IEDoor.MaxOpenSecs = expect->Info.IEDoor.MaxOpenSecs = 65535;
}

static void want_port(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    (void)st;
    in->Info.IEPort.MaxExtendSecs = expect->Info.IEPort.MaxExtendSecs = 0;
}

static void want_pool(store_t *st, NTMS_OBJECTINFORMATIONA *in, NTMS_OBJECTINFORMATIONA *expect)
{
    NTMS_GUID lto7 = fx_media_type(st, "LTO-7");

    in->Info.MediaPool.AllocationPolicy = expect->Info.MediaPool.AllocationPolicy = NTMS_ALLOCATE_FROMSCRATCH;
    in->Info.MediaPool.DeallocationPolicy = expect->Info.MediaPool.DeallocationPolicy = NTMS_DEALLOCATE_TOSCRATCH;
    in->Info.MediaPool.dwMaxAllocates = expect->Info.MediaPool.dwMaxAllocates = 7;
    in->Info.MediaPool.MediaType = expect->Info.MediaPool.MediaType = lto7;
}

static const struct set_case {
    const char *what;
    NTMS_GUID (*make)(store_t *st);
    int name; /* szName is writable */
    want_fn want;
} cases[] = {
    {"changer", make_changer, 0, NULL},
    {"changer type", make_changer_type, 0, NULL},
    {"computer", make_computer, 0, want_computer},
    {"drive", make_drive, 0, want_drive},
    {"drive type", make_drive_type, 0, NULL},
    {"door", make_door, 0, want_door},
    {"port", make_port, 0, want_port},
    {"library", make_library, 1, want_library},
    {"library request", make_librequest, 0, NULL},
    {"logical media", make_logical, 1, NULL},
    {"media pool", make_pool, 1, want_pool},
    {"media type", make_media_type, 0, NULL},
    {"operator request", make_oprequest, 0, NULL},
    {"partition", make_partition, 1, NULL},
    {"physical media", make_physical, 1, NULL},
    {"storage slot", make_slot, 0, NULL},
};

static void run_case(store_t *st, const struct set_case *c)
{
    NTMS_OBJECTINFORMATIONA cur, in, expect, after;
    NTMS_GUID id = c->make(st);

    fx_get(st, &id, &cur);
    memset(&in, GARBAGE, sizeof(in));
    in.dwSize = sizeof(in);
    in.dwType = cur.dwType;
    expect = cur;
    model_copy_name(in.szDescription, sizeof(in.szDescription), "a new description");
    model_copy_name(expect.szDescription, sizeof(expect.szDescription), "a new description");
    if (c->name) {
        model_copy_name(in.szName, sizeof(in.szName), "Renamed");
        model_copy_name(expect.szName, sizeof(expect.szName), "Renamed");
    }
    if (c->want)
        c->want(st, &in, &expect);
    assert_int_equal(model_set_info(st, NULL, &id, &in), 0);
    fx_get(st, &id, &after);
    memset(&after.Modified, 0, sizeof(after.Modified));
    memset(&expect.Modified, 0, sizeof(expect.Modified));
    if (memcmp(&after, &expect, sizeof(after)) != 0)
        fail_msg("%s: the record read back differs from the expected one", c->what);
}

static void test_writable_members(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        store_t *st = NULL;

        assert_int_equal(fx_setup((void **)&st), 0);
        run_case(st, &cases[i]);
        fx_teardown((void **)&st);
    }
}

/* --- validation ----------------------------------------------------------- */

/* Send `in` for `id`, expect `rc`, and check nothing changed. */
static void expect_refused(store_t *st, const NTMS_GUID *id, const NTMS_OBJECTINFORMATIONA *in, DWORD rc)
{
    NTMS_OBJECTINFORMATIONA before, after;

    fx_get(st, id, &before);
    assert_int_equal(model_set_info(st, NULL, id, in), rc);
    fx_get(st, id, &after);
    assert_memory_equal(&before, &after, sizeof(before));
}

static void test_common_checks(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = make_computer(st), unknown;
    NTMS_OBJECTINFORMATIONA in;

    fx_get(st, &id, &in);
    in.dwSize = sizeof(in) - 1;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in.dwSize = sizeof(in);
    in.dwType = NTMS_LIBRARY;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in.dwType = NTMS_COMPUTER;
    memset(in.szDescription, 'd', sizeof(in.szDescription)); /* no NUL inside */
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in.szDescription[NTMS_DESCRIPTION_LENGTH - 1] = '\0';     /* the longest */
    assert_int_equal(model_set_info(st, NULL, &id, &in), 0);
    model_new_guid(&unknown);
    assert_int_equal(model_set_info(st, NULL, &unknown, &in), ERROR_OBJECT_NOT_FOUND);
    assert_int_equal(model_set_info(st, NULL, &id, NULL), ERROR_INVALID_PARAMETER);
}

static void test_name_bounds(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = make_library(st);
    NTMS_OBJECTINFORMATIONA in, after;

    fx_get(st, &id, &in);
    memset(in.szName, 'x', sizeof(in.szName));
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in.szName[NTMS_OBJECTNAME_LENGTH - 1] = '\0';
    assert_int_equal(model_set_info(st, NULL, &id, &in), 0);
    fx_get(st, &id, &after);
    assert_int_equal(strlen(after.szName), NTMS_OBJECTNAME_LENGTH - 1);
}

static void test_computer_flags(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = make_computer(st);
    NTMS_OBJECTINFORMATIONA in, good;

    fx_get(st, &id, &good);
    in = good;
    in.Info.Computer.dwLibRequestFlags = 0x04;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in = good;
    in.Info.Computer.dwOpRequestFlags = 0x08;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in = good;
    in.Info.Computer.dwMediaPoolPolicy = 0x04;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
}

static void test_library_rules(void **state)
{
    static const DWORD bad[] = {NTMS_INVENTORY_DEFAULT, NTMS_INVENTORY_SLOT, NTMS_INVENTORY_STOP,
                                NTMS_INVENTORY_MAX, 0xFFFFFFFF};
    store_t *st = *state;
    NTMS_GUID id = make_library(st);
    NTMS_OBJECTINFORMATIONA in, after;

    fx_get(st, &id, &in);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        in.Info.Library.InventoryMethod = bad[i];
        expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    }
    in.Info.Library.InventoryMethod = NTMS_INVENTORY_NONE;
    in.Info.Library.dwCleanerUsesRemaining = 0xFFFFFFFF;
    in.Info.Library.AutoRecovery = 77; /* any true value is TRUE */
    assert_int_equal(model_set_info(st, NULL, &id, &in), 0);
    fx_get(st, &id, &after);
    assert_int_equal(after.Info.Library.InventoryMethod, NTMS_INVENTORY_NONE);
    assert_int_equal(after.Info.Library.AutoRecovery, TRUE);
    assert_true(after.Info.Library.dwFlags & NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING);
    /* A counted cleaner clears the derived flag, even if the caller sets it. */
    after.Info.Library.dwCleanerUsesRemaining = 5;
    assert_int_equal(model_set_info(st, NULL, &id, &after), 0);
    fx_get(st, &id, &after);
    assert_int_equal(after.Info.Library.dwCleanerUsesRemaining, 5);
    assert_false(after.Info.Library.dwFlags & NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING);
    assert_true(after.Info.Library.dwFlags & NTMS_LIBRARYFLAG_CLEANERPRESENT);
}

static void test_pool_policies(void **state)
{
    store_t *st = *state;
    NTMS_GUID id = make_pool(st);
    NTMS_OBJECTINFORMATIONA in, good;

    fx_get(st, &id, &good);
    in = good;
    in.Info.MediaPool.AllocationPolicy = 2;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
    in = good;
    in.Info.MediaPool.DeallocationPolicy = NTMS_DEALLOCATE_TOSCRATCH | 0x100;
    expect_refused(st, &id, &in, ERROR_INVALID_PARAMETER);
}

static void test_pool_names(void **state)
{
    store_t *st = *state;
    NTMS_GUID a = fx_pool(st, "App", NULL);
    NTMS_GUID one = fx_pool(st, "App\\One", NULL);
    NTMS_OBJECTINFORMATIONA in, after;

    fx_pool(st, "App\\Two", NULL);
    fx_pool(st, "Other", NULL);
    fx_get(st, &one, &in);
    strcpy(in.szName, "two");                        /* a sibling, in other case */
    expect_refused(st, &one, &in, ERROR_ALREADY_EXISTS);
    strcpy(in.szName, "A\\B");
    expect_refused(st, &one, &in, ERROR_INVALID_PARAMETER);
    strcpy(in.szName, "");
    expect_refused(st, &one, &in, ERROR_INVALID_PARAMETER);
    strcpy(in.szName, "Other");                      /* same name, other level: fine */
    assert_int_equal(model_set_info(st, NULL, &one, &in), 0);
    strcpy(in.szName, "OTHER");                      /* a change of case only */
    assert_int_equal(model_set_info(st, NULL, &one, &in), 0);
    fx_get(st, &one, &after);
    assert_string_equal(after.szName, "OTHER");
    fx_get(st, &a, &in);
    strcpy(in.szName, "other");                      /* clashes at the top level */
    expect_refused(st, &a, &in, ERROR_ALREADY_EXISTS);
    strcpy(in.szName, "free");
    expect_refused(st, &a, &in, ERROR_ALREADY_EXISTS);
}

static void test_system_pool_fixed(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8"), lto7 = fx_media_type(st, "LTO-7"), free_pool, sub, root;
    NTMS_OBJECTINFORMATIONA in, after;

    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, NULL, &free_pool), 0);
    assert_int_equal(store_find_system_pool(st, NTMS_POOLTYPE_SCRATCH, &lto8, &sub), 0);
    assert_int_equal(store_root_pool(st, &root), 0);
    fx_get(st, &free_pool, &in);
    strcpy(in.szName, "Scratch");
    expect_refused(st, &free_pool, &in, ERROR_ACCESS_DENIED);
    fx_get(st, &root, &in);
    strcpy(in.szName, "Top");
    expect_refused(st, &root, &in, ERROR_ACCESS_DENIED);
    fx_get(st, &sub, &in);
    in.Info.MediaPool.MediaType = lto7;
    expect_refused(st, &sub, &in, ERROR_ACCESS_DENIED);
    fx_get(st, &sub, &in);
    strcpy(in.szDescription, "operators: LTO-8 scratch");
    assert_int_equal(model_set_info(st, NULL, &sub, &in), 0);
    fx_get(st, &sub, &after);
    assert_string_equal(after.szDescription, "operators: LTO-8 scratch");
    assert_string_equal(after.szName, "LTO-8");
}

static void test_pool_retype(void **state)
{
    store_t *st = *state;
    NTMS_GUID lto8 = fx_media_type(st, "LTO-8"), lto7 = fx_media_type(st, "LTO-7");
    NTMS_GUID lib = fx_online_library(st, "Tape Library"), computer = make_computer(st), unknown;
    NTMS_GUID full = fx_pool(st, "Full", &lto8), parent = fx_pool(st, "Parent", NULL), empty;
    NTMS_OBJECTINFORMATIONA in, after;

    fx_pool(st, "Parent\\Child", &lto8);
    fx_physical_media(st, &full, &lto8, &lib);
    fx_get(st, &full, &in);
    in.Info.MediaPool.MediaType = lto7;                 /* holds media */
    expect_refused(st, &full, &in, ERROR_NOT_EMPTY);
    fx_get(st, &parent, &in);
    in.Info.MediaPool.MediaType = lto7;                 /* holds pools */
    expect_refused(st, &parent, &in, ERROR_NOT_EMPTY);
    model_new_guid(&unknown);
    in.Info.MediaPool.MediaType = unknown;
    expect_refused(st, &parent, &in, ERROR_INVALID_PARAMETER);
    in.Info.MediaPool.MediaType = computer;             /* not a media type */
    expect_refused(st, &parent, &in, ERROR_INVALID_PARAMETER);
    /* An empty pool of media may become a pool of pools. */
    empty = fx_pool(st, "Empty", &lto8);
    fx_get(st, &empty, &in);
    memset(&in.Info.MediaPool.MediaType, 0, sizeof(NTMS_GUID));
    assert_int_equal(model_set_info(st, NULL, &empty, &in), 0);
    fx_get(st, &empty, &after);
    assert_true(model_guid_absent(&after.Info.MediaPool.MediaType));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writable_members),
        cmocka_unit_test_setup_teardown(test_common_checks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_name_bounds, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_computer_flags, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_library_rules, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pool_policies, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pool_names, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_system_pool_fixed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pool_retype, fx_setup, fx_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
