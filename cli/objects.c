/*
 * objects.c - see objects.h.
 */
#include "objects.h"

#include <assert.h>
#include <stdio.h>

#include "cli.h"
#include "names.h"
#include "out.h"
#include "resolve.h"

DWORD object_enable(HANDLE s, DWORD type, NTMS_GUID *id)
{
    return EnableNtmsObject(s, type, id);
}

DWORD object_disable(HANDLE s, DWORD type, NTMS_GUID *id)
{
    return DisableNtmsObject(s, type, id);
}

DWORD object_delete(HANDLE s, DWORD type, NTMS_GUID *id)
{
    switch (type) {
    case NTMS_LIBRARY: return DeleteNtmsLibrary(s, id);
    case NTMS_DRIVE: return DeleteNtmsDrive(s, id);
    case NTMS_PHYSICAL_MEDIA: return DeleteNtmsMedia(s, id);
    case NTMS_MEDIA_POOL: return DeleteNtmsMediaPool(s, id);
    case NTMS_LIBREQUEST:
    case NTMS_OPREQUEST: return DeleteNtmsRequests(s, id, type, 1);
    default: return ERROR_INVALID_PARAMETER;
    }
}

DWORD object_cancel(HANDLE s, DWORD type, NTMS_GUID *id)
{
    return type == NTMS_OPREQUEST ? CancelNtmsOperatorRequest(s, id) : CancelNtmsLibraryRequest(s, id);
}

DWORD object_satisfy(HANDLE s, DWORD type, NTMS_GUID *id)
{
    (void)type;
    return SatisfyNtmsOperatorRequest(s, id);
}

int object_run(HANDLE s, const struct optval *v, const NTMS_GUID *scope, const struct object_call *c)
{
    const char *kind = kw_name(kw_object_types, c->type);
    NTMS_GUID id;
    char name[NTMS_OBJECTNAME_LENGTH], g[37], text[NTMS_OBJECTNAME_LENGTH + 64];
    static_assert(NTMS_OBJECTNAME_LENGTH >= 37, "a GUID's text fits a name");
    if (!v->given)
        return cli_usage("name the %s", kind);
    int rc = resolve(s, c->type, v, scope, &id);
    if (rc != 0)
        return rc;
    /* requests have no names: their GUID stands in */
    if (cli_name_of(s, &id, c->type, name, sizeof name)[0] == '\0')
        cli_guid(&id, name);
    DWORD err = c->call(s, c->type, &id);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s %s was not %s", kind, name, c->done);
    snprintf(text, sizeof text, "%s %s %s", kind, name, c->done);
    struct field f[] = {{"guid", cli_guid(&id, g), COL_GUID}, {"name", name, COL_TEXT}, {c->done, "yes", COL_BOOL}};
    return out_result(text, f, 3);
}
