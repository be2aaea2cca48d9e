/*
 * firststart.c - model_first_start: the objects every RSM database holds.
 *
 * rsmd calls this on every start (concepts/rsm-startup.md, step 1: build
 * the database). It creates, each only when missing:
 *   1. the computer object, named after the host, with the reference's
 *      defaults (three-day purge times, no flags);
 *   2. the root media pool, the hidden parent that carries pool security;
 *   3. the media-type catalogue (catalogue.c);
 *   4. the offline library (NTMS_LIBRARYTYPE_OFFLINE, FIXEDOFFLINE), home of
 *      every cartridge that is on a shelf (concepts/libraries.md), related
 *      to every media type, since a shelf holds cartridges of any type;
 *   5. the Free, Import and Unrecognized pools, each holding one sub-pool per
 *      media type (concepts/media-pools.md: "Within the free pool ... is a
 *      media pool for each media type"; the docs make no exception for
 *      cleaners, so cleaner types get all three sub-pools too).
 * Each step is one transaction and looks objects up before creating them,
 * so a second run changes nothing and a run cut short by a crash is
 * completed by the next one.
 */
#include <stdio.h>
#include <unistd.h>

#include "model_int.h"
#include "util/log.h"

typedef DWORD (*step_fn)(store_t *st, const char *host);

static void record_init(NTMS_OBJECTINFORMATIONA *rec, DWORD type, const char *name, const char *desc)
{
    memset(rec, 0, sizeof(*rec));
    rec->dwSize = sizeof(*rec);
    rec->dwType = type;
    rec->Enabled = TRUE;
    rec->dwOperationalState = NTMS_READY;
    model_new_guid(&rec->ObjectGuid);
    model_copy_name(rec->szName, sizeof(rec->szName), name);
    model_copy_name(rec->szDescription, sizeof(rec->szDescription), desc);
}

static DWORD ensure_computer(store_t *st, const char *host)
{
    NTMS_OBJECTINFORMATIONA rec;
    NTMS_GUID id;
    DWORD rc = store_computer(st, &id);

    if (rc != ERROR_OBJECT_NOT_FOUND)
        return rc;
    record_init(&rec, NTMS_COMPUTER, host, "Removable Storage Manager server");
    rec.Info.Computer.dwLibRequestPurgeTime = MODEL_DEFAULT_PURGE_SECS;
    rec.Info.Computer.dwOpRequestPurgeTime = MODEL_DEFAULT_PURGE_SECS;
    return store_insert(st, &rec);
}

static DWORD ensure_root_pool(store_t *st, const char *host)
{
    NTMS_GUID id;
    DWORD rc = store_root_pool(st, &id);

    (void)host;
    if (rc != ERROR_OBJECT_NOT_FOUND)
        return rc;
    return model_insert_pool(st, MODEL_ROOT_POOL_NAME, NTMS_POOLTYPE_UNKNOWN, NULL, NULL, &id);
}

/* The offline library is the library whose type is OFFLINE and which
 * carries FIXEDOFFLINE (an absent online library may also look offline). */
static DWORD find_offline_library(store_t *st, NTMS_GUID *lib, int *found)
{
    guid_list_t libs = {0};
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc = store_enumerate(st, NULL, NTMS_LIBRARY, &libs);

    *found = 0;
    for (size_t i = 0; rc == 0 && i < libs.n && !*found; i++) {
        rc = store_get(st, &libs.v[i], &rec);
        if (rc == 0 && rec.Info.Library.LibraryType == NTMS_LIBRARYTYPE_OFFLINE &&
            (rec.Info.Library.dwFlags & NTMS_LIBRARYFLAG_FIXEDOFFLINE)) {
            *lib = libs.v[i];
            *found = 1;
        }
    }
    guid_list_free(&libs);
    return rc;
}

static DWORD create_offline_library(store_t *st, NTMS_GUID *out)
{
    NTMS_OBJECTINFORMATIONA rec;
    DWORD rc;

    record_init(&rec, NTMS_LIBRARY, MODEL_OFFLINE_LIBRARY_NAME, "Media that are not in any library");
    rec.Info.Library.LibraryType = NTMS_LIBRARYTYPE_OFFLINE;
    rec.Info.Library.InventoryMethod = NTMS_INVENTORY_NONE;
    rec.Info.Library.AutoRecovery = FALSE;
    rec.Info.Library.dwFlags = NTMS_LIBRARYFLAG_FIXEDOFFLINE;
    rc = store_insert(st, &rec);
    if (rc == 0)
        *out = rec.ObjectGuid;
    return rc;
}

/* Every media type in the database, not only the catalogue's, so that
 * types added later are related at the next start too. Relating an already
 * related type changes nothing. */
static DWORD ensure_offline_library(store_t *st, const char *host)
{
    guid_list_t types = {0};
    NTMS_GUID lib;
    int found;
    DWORD rc = find_offline_library(st, &lib, &found);

    (void)host;
    if (rc == 0 && !found)
        rc = create_offline_library(st, &lib);
    if (rc == 0)
        rc = store_enumerate(st, NULL, NTMS_MEDIA_TYPE, &types);
    for (size_t i = 0; rc == 0 && i < types.n; i++)
        rc = store_add_library_media_type(st, &lib, &types.v[i]);
    guid_list_free(&types);
    return rc;
}

static DWORD ensure_catalogue(store_t *st, const char *host)
{
    (void)host;
    for (size_t i = 0; i < model_catalogue_len; i++) {
        const model_media_type_t *mt = &model_catalogue[i];
        NTMS_OBJECTINFORMATIONA rec;
        NTMS_GUID id;
        DWORD rc = store_find_media_type(st, mt->code, mt->name, &id);

        if (rc == ERROR_OBJECT_NOT_FOUND) {
            memset(&rec, 0, sizeof(rec));
            model_catalogue_record(mt, &rec);
            model_new_guid(&rec.ObjectGuid);
            rc = store_insert(st, &rec);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static const struct system_pool {
    DWORD type;
    const char *name;
} system_pools[] = {
    {NTMS_POOLTYPE_SCRATCH, MODEL_FREE_POOL_NAME},
    {NTMS_POOLTYPE_IMPORT, MODEL_IMPORT_POOL_NAME},
    {NTMS_POOLTYPE_FOREIGN, MODEL_UNRECOGNIZED_POOL_NAME},
};

/* The pool of kind `sp` for `media_type` (NULL: the top-level one), created
 * under `parent` when missing. */
static DWORD ensure_system_pool(store_t *st, const struct system_pool *sp, const NTMS_GUID *media_type,
                                const char *name, const NTMS_GUID *parent, NTMS_GUID *out)
{
    DWORD rc = store_find_system_pool(st, sp->type, media_type, out);

    if (rc != ERROR_OBJECT_NOT_FOUND)
        return rc;
    return model_insert_pool(st, name, sp->type, media_type, parent, out);
}

DWORD model_ensure_type_pools(store_t *st, const NTMS_GUID *media_type)
{
    NTMS_OBJECTINFORMATIONA mt;
    DWORD rc = store_get(st, media_type, &mt);

    for (size_t k = 0; rc == 0 && k < sizeof(system_pools) / sizeof(system_pools[0]); k++) {
        const struct system_pool *sp = &system_pools[k];
        NTMS_GUID top, sub;

        rc = ensure_system_pool(st, sp, NULL, sp->name, NULL, &top);
        if (rc == 0)
            rc = ensure_system_pool(st, sp, media_type, mt.szName, &top, &sub);
    }
    return rc;
}

/* Every media type in the database, not only the catalogue's, so types
 * added later (AddNtmsMediaType) get their pools at the next start too. */
static DWORD ensure_system_pools(store_t *st, const char *host)
{
    guid_list_t types = {0};
    DWORD rc = store_enumerate(st, NULL, NTMS_MEDIA_TYPE, &types);

    (void)host;
    for (size_t k = 0; rc == 0 && k < sizeof(system_pools) / sizeof(system_pools[0]); k++) {
        const struct system_pool *sp = &system_pools[k];
        NTMS_GUID top, sub;

        rc = ensure_system_pool(st, sp, NULL, sp->name, NULL, &top);
        for (size_t i = 0; rc == 0 && i < types.n; i++) {
            NTMS_OBJECTINFORMATIONA mt;

            rc = store_get(st, &types.v[i], &mt);
            if (rc == 0)
                rc = ensure_system_pool(st, sp, &types.v[i], mt.szName, &top, &sub);
        }
    }
    guid_list_free(&types);
    return rc;
}

static const struct step {
    const char *what;
    step_fn run;
} steps[] = {
    {"computer object", ensure_computer},
    {"root media pool", ensure_root_pool},
    {"media-type catalogue", ensure_catalogue},
    {"offline library", ensure_offline_library},
    {"system media pools", ensure_system_pools},
};

static DWORD run_step(store_t *st, const struct step *s, const char *host)
{
    DWORD rc = store_begin(st);

    if (rc == 0) {
        rc = s->run(st, host);
        if (rc == 0)
            rc = store_commit(st);
        else
            store_rollback(st);
    }
    if (rc != 0)
        log_error("first start: creating the %s failed (error %lu)", s->what, (unsigned long)rc);
    return rc;
}

/* The computer's name: the caller's, else the host name, cut to fit. */
static void resolve_host(const char *computer_name, char host[NTMS_OBJECTNAME_LENGTH])
{
    char buf[256];

    if (computer_name == NULL || computer_name[0] == '\0') {
        if (gethostname(buf, sizeof(buf)) != 0 || buf[0] == '\0')
            snprintf(buf, sizeof(buf), "localhost");
        buf[sizeof(buf) - 1] = '\0';
        computer_name = buf;
    }
    model_copy_name(host, NTMS_OBJECTNAME_LENGTH, computer_name);
}

DWORD model_first_start(store_t *st, const char *computer_name)
{
    char host[NTMS_OBJECTNAME_LENGTH];

    if (st == NULL)
        return ERROR_INVALID_PARAMETER;
    resolve_host(computer_name, host);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        DWORD rc = run_step(st, &steps[i], host);

        if (rc != 0)
            return rc;
    }
    log_info("first start: database ready for computer \"%s\"", host);
    return 0;
}
