/*
 * mediatypes.c - which media types a library handles: AddNtmsMediaType and
 * DeleteNtmsMediaType.
 *
 * A GUID that is no library is ERROR_INVALID_LIBRARY; one that is no media
 * type is ERROR_INVALID_MEDIA (the code AddNtmsMediaType documents; its
 * Delete page lists none, and the same is used). Adding a type the library
 * already has is no error (MS-RSMP 3.2.5.2.2.15); removing one it does not
 * have is none either, so both calls can be repeated. Adding creates the
 * type's Free, Import and Unrecognized pools when missing. Removing is
 * refused while the library holds media of the type (ERROR_NOT_EMPTY);
 * when afterwards no medium of the type exists and no library has it, its
 * system pools are deleted where they are empty, and a pool that cannot be
 * deleted is only logged, as the page says. The library's state is not
 * checked: the offline library and libraries that are not connected hold
 * media types too.
 */
#include "media_int.h"
#include "store/store_media.h"
#include "util/log.h"

struct type_args {
    const NTMS_GUID *media_type, *library;
    NTMS_OBJECTINFORMATIONA type, lib;
};

static DWORD read_pair(store_t *st, struct type_args *a, const char *what)
{
    DWORD rc = media_read(st, a->library, NTMS_LIBRARY, ERROR_INVALID_LIBRARY, &a->lib);

    if (rc == 0)
        rc = media_read(st, a->media_type, NTMS_MEDIA_TYPE, ERROR_INVALID_MEDIA, &a->type);
    if (rc == ERROR_INVALID_LIBRARY || rc == ERROR_INVALID_MEDIA)
        log_info("%s: the %s GUID names no %s", what, rc == ERROR_INVALID_LIBRARY ? "library" : "media type",
                 rc == ERROR_INVALID_LIBRARY ? "library" : "media type");
    return rc;
}

static DWORD add_tx(store_t *st, void *arg)
{
    struct type_args *a = arg;
    DWORD rc = read_pair(st, a, "add media type");

    if (rc == 0)
        rc = store_add_library_media_type(st, a->library, a->media_type);
    if (rc == 0)
        rc = model_ensure_type_pools(st, a->media_type);
    if (rc == 0)
        log_info("library \"%s\" handles media type \"%s\"", a->lib.szName, a->type.szName);
    return rc;
}

DWORD model_add_media_type(store_t *st, const principal_t *who, const NTMS_GUID *media_type,
                           const NTMS_GUID *library)
{
    struct type_args a = {.media_type = media_type, .library = library};

    (void)who;
    if (st == NULL || media_type == NULL || library == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, add_tx, &a);
}

/* The type's system pools, when nothing uses the type any more. Best
 * effort: a pool that still holds something stays, and the call still
 * succeeds. */
static DWORD drop_system_pools(store_t *st, const struct type_args *a)
{
    static const DWORD kinds[] = {NTMS_POOLTYPE_SCRATCH, NTMS_POOLTYPE_IMPORT, NTMS_POOLTYPE_FOREIGN};
    size_t media = 0, libraries = 0;
    DWORD rc = store_media_count_of_type(st, a->media_type, NULL, &media);

    if (rc == 0)
        rc = store_media_type_libraries(st, a->media_type, &libraries);
    if (rc != 0 || media > 0 || libraries > 0)
        return rc;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        NTMS_GUID pool;
        DWORD err = store_find_system_pool(st, kinds[k], a->media_type, &pool);

        if (err == 0)
            err = model_pool_check_empty(st, &pool);
        if (err == 0)
            err = store_delete(st, &pool);
        if (err != 0 && err != ERROR_OBJECT_NOT_FOUND)
            log_info("delete media type \"%s\": a system pool stays (error %lu)", a->type.szName,
                     (unsigned long)err);
    }
    log_info("media type \"%s\" is used nowhere; its system pools are gone", a->type.szName);
    return 0;
}

static DWORD delete_tx(store_t *st, void *arg)
{
    struct type_args *a = arg;
    size_t n = 0;
    DWORD rc = read_pair(st, a, "delete media type");

    if (rc == 0)
        rc = store_media_count_of_type(st, a->media_type, a->library, &n);
    if (rc == 0 && n > 0) {
        log_info("delete media type: library \"%s\" holds %zu medium/media of type \"%s\"", a->lib.szName, n,
                 a->type.szName);
        return ERROR_NOT_EMPTY;
    }
    if (rc == 0)
        rc = store_remove_library_media_type(st, a->library, a->media_type);
    if (rc == ERROR_OBJECT_NOT_FOUND)
        return 0; /* the library did not have it: nothing to do */
    if (rc == 0)
        log_info("library \"%s\" no longer handles media type \"%s\"", a->lib.szName, a->type.szName);
    return rc == 0 ? drop_system_pools(st, a) : rc;
}

DWORD model_delete_media_type(store_t *st, const principal_t *who, const NTMS_GUID *media_type,
                              const NTMS_GUID *library)
{
    struct type_args a = {.media_type = media_type, .library = library};

    (void)who;
    if (st == NULL || media_type == NULL || library == NULL)
        return ERROR_INVALID_PARAMETER;
    return media_run(st, delete_tx, &a);
}
