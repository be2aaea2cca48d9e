/*
 * query.c - reading the object world: EnumerateNtmsObject,
 * GetNtmsObjectInformation and the named attributes of objects
 * (Get/SetNtmsObjectAttribute).
 *
 * The store answers the questions; this file checks what the reference
 * pages require of the arguments first, so the store only ever sees calls
 * that make sense. `who` is accepted for the access checks to come and is
 * never dereferenced here.
 */
#include <stdlib.h>

#include "model_int.h"
#include "util/log.h"

/* --- EnumerateNtmsObject -------------------------------------------------- */

static int enum_type_ok(DWORD type)
{
    return type >= NTMS_CHANGER && type <= NTMS_UI_DESTINATION;
}

/* The root pool first, then what the store lists for the NULL container.
 * Before first start there is no root pool, and the list is the store's. */
static DWORD enumerate_with_root(store_t *st, guid_list_t *out)
{
    guid_list_t top = {0};
    NTMS_GUID root;
    DWORD rc = store_root_pool(st, &root);

    if (rc == ERROR_OBJECT_NOT_FOUND)
        return store_enumerate(st, NULL, NTMS_MEDIA_POOL, out);
    if (rc == 0)
        rc = store_enumerate(st, NULL, NTMS_MEDIA_POOL, &top);
    if (rc != 0)
        return rc;
    out->v = malloc((top.n + 1) * sizeof(*out->v));
    if (out->v == NULL) {
        guid_list_free(&top);
        log_error("enumerate: out of memory for %zu pool GUIDs", top.n + 1);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    out->v[0] = root;
    if (top.n > 0)
        memcpy(&out->v[1], top.v, top.n * sizeof(*top.v));
    out->n = out->cap = top.n + 1;
    guid_list_free(&top);
    return 0;
}

DWORD model_enumerate(store_t *st, const principal_t *who, const NTMS_GUID *container, DWORD type,
                      DWORD options, guid_list_t *out)
{
    (void)who;
    if (st == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof(*out));
    if (!enum_type_ok(type)) {
        log_info("enumerate: object type %lu out of range", (unsigned long)type);
        return ERROR_INVALID_PARAMETER;
    }
    if (model_guid_absent(container))
        container = NULL;
    if (options == NTMS_ENUM_ROOTPOOL && type == NTMS_MEDIA_POOL && container == NULL)
        return enumerate_with_root(st, out);
    if (options != NTMS_ENUM_DEFAULT) {
        log_info("enumerate: option 0x%lx not valid for type %lu%s", (unsigned long)options,
                  (unsigned long)type, container ? " in a container" : "");
        return ERROR_INVALID_PARAMETER;
    }
    return store_enumerate(st, container, type, out);
}

/* --- GetNtmsObjectInformation --------------------------------------------- */

/* The object's stored type, checked against the caller's dwType: an unknown
 * GUID is ERROR_OBJECT_NOT_FOUND, a wrong type ERROR_INVALID_PARAMETER (the
 * reference: "the object information size or object type is not valid"). */
static DWORD check_type(store_t *st, const NTMS_GUID *id, DWORD type, const char *what)
{
    DWORD actual;
    DWORD rc = store_type_of(st, id, &actual);

    if (rc == ERROR_OBJECT_NOT_FOUND)
        log_info("%s: no such object", what);
    if (rc != 0)
        return rc;
    if (actual != type) {
        log_info("%s: caller said type %lu, object is type %lu", what, (unsigned long)type,
                  (unsigned long)actual);
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

DWORD model_get_info(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                     NTMS_OBJECTINFORMATIONA *out)
{
    DWORD rc;

    (void)who;
    if (st == NULL || id == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = check_type(st, id, type, "get information");
    if (rc == 0)
        rc = store_get(st, id, out);
    return rc;
}

/* --- Get/SetNtmsObjectAttribute ------------------------------------------- */

/* A name is 1 to NTMS_MAXATTR_NAMELEN-1 bytes: the limit "includes a NULL"
 * (SetNtmsObjectAttribute reference). */
static DWORD check_attribute_name(const char *name)
{
    long len;

    if (name == NULL)
        return ERROR_INVALID_PARAMETER;
    len = model_bounded_len(name, NTMS_MAXATTR_NAMELEN);
    if (len <= 0) {
        log_info("attribute: name empty or longer than %d bytes", NTMS_MAXATTR_NAMELEN - 1);
        return ERROR_INVALID_NAME;
    }
    return 0;
}

DWORD model_get_attribute(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                          const char *name, uint8_t **data, size_t *len)
{
    DWORD rc;

    (void)who;
    if (st == NULL || id == NULL || data == NULL || len == NULL)
        return ERROR_INVALID_PARAMETER;
    *data = NULL;
    *len = 0;
    rc = check_attribute_name(name);
    if (rc == 0)
        rc = check_type(st, id, type, "get attribute");
    if (rc == 0)
        rc = store_get_attribute(st, id, name, data, len);
    if (rc == ERROR_OBJECT_NOT_FOUND)
        log_debug("get attribute \"%s\": not set on this object", name);
    return rc;
}

/* A value is below NTMS_MAXATTR_LENGTH bytes (ERROR_NO_DATA otherwise, as
 * the reference says); a zero-length value deletes the attribute (the store
 * does that). */
DWORD model_set_attribute(store_t *st, const principal_t *who, const NTMS_GUID *id, DWORD type,
                          const char *name, const uint8_t *data, size_t len)
{
    DWORD rc;

    (void)who;
    if (st == NULL || id == NULL || (data == NULL && len > 0))
        return ERROR_INVALID_PARAMETER;
    rc = check_attribute_name(name);
    if (rc != 0)
        return rc;
    if (len >= NTMS_MAXATTR_LENGTH) {
        log_info("set attribute \"%s\": %zu bytes, the limit is %d", name, len, NTMS_MAXATTR_LENGTH - 1);
        return ERROR_NO_DATA;
    }
    rc = check_type(st, id, type, "set attribute");
    if (rc == 0)
        rc = store_set_attribute(st, id, name, data, len);
    return rc;
}
