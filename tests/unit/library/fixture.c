/*
 * fixture.c - the library unit tests' database and standard library.
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_element(element_status_t *s, uint8_t type, uint16_t address)
{
    element_t *v = realloc(s->v, (s->n + 1) * sizeof(*v));
    assert_non_null(v);
    s->v = v;
    memset(&v[s->n], 0, sizeof(v[s->n]));
    v[s->n].type = type;
    v[s->n].address = address;
    v[s->n].access = true;
    s->n++;
}

static void build_status(fx_t *fx)
{
    add_element(&fx->status, ELEM_TRANSPORT, 1);
    for (uint16_t i = 0; i < FX_SLOTS; i++)
        add_element(&fx->status, ELEM_SLOT, FX_FIRST_SLOT + i);
    for (uint16_t i = 0; i < FX_PORTS; i++)
        add_element(&fx->status, ELEM_PORT, FX_FIRST_PORT + i);
    for (uint16_t i = 0; i < FX_DRIVES; i++) {
        add_element(&fx->status, ELEM_DRIVE, FX_FIRST_DRIVE + i);
        element_t *e = &fx->status.v[fx->status.n - 1];
        snprintf(e->device_id, sizeof e->device_id, "DRV%04u", FX_FIRST_DRIVE + i);
    }
}

static void build_info(fx_t *fx)
{
    changer_info_t *in = &fx->info;
    snprintf(in->vendor, sizeof in->vendor, "STK");
    snprintf(in->product, sizeof in->product, "L700");
    snprintf(in->revision, sizeof in->revision, "0104");
    snprintf(in->serial, sizeof in->serial, "LIB0001");
    in->range[ELEM_TRANSPORT].first = 1;
    in->range[ELEM_TRANSPORT].count = 1;
    in->range[ELEM_SLOT].first = FX_FIRST_SLOT;
    in->range[ELEM_SLOT].count = FX_SLOTS;
    in->range[ELEM_PORT].first = FX_FIRST_PORT;
    in->range[ELEM_PORT].count = FX_PORTS;
    in->range[ELEM_DRIVE].first = FX_FIRST_DRIVE;
    in->range[ELEM_DRIVE].count = FX_DRIVES;
    in->has_barcode_reader = true;
    for (int i = 0; i < FX_DRIVES; i++) {
        model_drive_desc_t *d = &fx->drives[i];
        d->address = (uint16_t)(FX_FIRST_DRIVE + i);
        d->bound = true;
        snprintf(d->ident.vendor, sizeof d->ident.vendor, "IBM");
        snprintf(d->ident.product, sizeof d->ident.product, "ULT3580-TD6");
        snprintf(d->ident.revision, sizeof d->ident.revision, "G350");
        snprintf(d->ident.serial, sizeof d->ident.serial, "DRV%04u", FX_FIRST_DRIVE + i);
        snprintf(d->ident.device_name, sizeof d->ident.device_name, "/dev/nst%d", i);
        d->ident.device_type = 1;
    }
}

model_library_desc_t fx_desc(fx_t *fx)
{
    return (model_library_desc_t){
        .config_name = "lib",
        .library_type = NTMS_LIBRARYTYPE_ONLINE,
        .has_changer = true,
        .changer_device = "/dev/sg9",
        .info = &fx->info,
        .status = &fx->status,
        .drives = fx->drives,
        .ndrives = FX_DRIVES,
        .inventory_method = NTMS_INVENTORY_DEFAULT,
        .media_type = "",
        .recognize_cleaners = true,
    };
}

int fx_setup(void **state)
{
    fx_t *fx = calloc(1, sizeof(*fx));
    if (fx == NULL)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/rsm-libtest.XXXXXX");
    if (mkdtemp(fx->dir) == NULL)
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/rsm.db", fx->dir);
    if (store_open(fx->path, &fx->st) != 0 || model_first_start(fx->st, "testhost") != 0)
        return -1;
    if (store_offline_library(fx->st, &fx->offline) != 0)
        return -1;
    build_status(fx);
    build_info(fx);
    if (model_library_prepare(fx->st, "lib", NTMS_LIBRARYTYPE_ONLINE, NTMS_INVENTORY_DEFAULT, &fx->lib) != 0)
        return -1;
    model_library_desc_t d = fx_desc(fx);
    if (model_library_register(fx->st, &d, &fx->lib) != 0)
        return -1;
    *state = fx;
    return 0;
}

int fx_teardown(void **state)
{
    fx_t *fx = *state;
    char p[128];
    store_close(fx->st);
    free(fx->status.v);
    static const char *const files[] = {"rsm.db", "rsm.db-wal", "rsm.db-shm"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
        unlink(p);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

element_t *fx_el(fx_t *fx, uint16_t address)
{
    for (size_t i = 0; i < fx->status.n; i++)
        if (fx->status.v[i].address == address)
            return &fx->status.v[i];
    fail_msg("no element %u in the test status", address);
    return NULL;
}

void fx_put(fx_t *fx, uint16_t address, const char *code)
{
    element_t *e = fx_el(fx, address);
    e->full = true;
    e->has_voltag = code != NULL;
    snprintf(e->voltag, sizeof e->voltag, "%s", code ? code : "");
}

void fx_empty(fx_t *fx, uint16_t address)
{
    element_t *e = fx_el(fx, address);
    e->full = false;
    e->has_voltag = false;
    e->voltag[0] = '\0';
}

DWORD fx_inventory(fx_t *fx, unsigned types, const char *cleaner_prefix, const char *media_type,
                   inventory_counts_t *out)
{
    inventory_params_t p = {
        .library = fx->lib, .types = types, .cleaner_prefix = cleaner_prefix, .media_type = media_type};
    return model_inventory(fx->st, &p, &fx->status, out);
}

void fx_inventory_expect(fx_t *fx, unsigned added, unsigned moved, unsigned gone, unsigned unchanged)
{
    inventory_counts_t c;
    assert_int_equal(fx_inventory(fx, 0, "CLN", "LTO-6", &c), 0);
    assert_int_equal(c.added, added);
    assert_int_equal(c.moved, moved);
    assert_int_equal(c.gone, gone);
    assert_int_equal(c.unchanged, unchanged);
    fx_check(fx);
}

NTMS_GUID fx_medium(fx_t *fx, const char *code)
{
    NTMS_GUID g = {0};
    guid_list_t all = {0};
    NTMS_OBJECTINFORMATIONA rec;
    assert_int_equal(store_enumerate(fx->st, NULL, NTMS_PHYSICAL_MEDIA, &all), 0);
    for (size_t i = 0; i < all.n; i++) {
        assert_int_equal(store_get(fx->st, &all.v[i], &rec), 0);
        if (strcmp(rec.Info.PhysicalMedia.szBarCode, code) == 0) {
            g = all.v[i];
            guid_list_free(&all);
            return g;
        }
    }
    guid_list_free(&all);
    fail_msg("no medium with bar code %s", code);
    return g;
}

NTMS_GUID fx_element(fx_t *fx, uint16_t address)
{
    static const DWORD types[] = {NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_DRIVE};
    NTMS_GUID g = {0};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (store_library_element(fx->st, &fx->lib, types[i], address, &g) == 0)
            return g;
    fail_msg("no element object at %u", address);
    return g;
}

void fx_get(fx_t *fx, const NTMS_GUID *id, NTMS_OBJECTINFORMATIONA *out)
{
    assert_int_equal(store_get(fx->st, id, out), 0);
}

size_t fx_count(fx_t *fx, const NTMS_GUID *c, DWORD type)
{
    size_t n = 0;
    assert_int_equal(store_count(fx->st, c, type, &n), 0);
    return n;
}

NTMS_GUID fx_media_type(fx_t *fx, const char *name)
{
    NTMS_GUID g = {0};
    assert_int_equal(store_find_media_type(fx->st, 0, name, &g), 0);
    return g;
}

void fx_check(fx_t *fx)
{
    char why[512];
    DWORD err = store_check(fx->st, why, sizeof why);
    if (err)
        fail_msg("store_check: %s", why);
}
