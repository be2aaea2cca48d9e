/*
 * opreq_api.c - what the operator-request and UI-option calls of the API
 * require of their arguments (opreq_api.h).
 *
 * SubmitNtmsOperatorRequest's arguments, per request type (the Submit page
 * and MS-RSMP 3.2.5.2.5.4; "none" must be NULL or GUID_NULL):
 *
 *   dwRequest       lpArg1Id                          lpArg2Id
 *   NEWMEDIA        a media pool (required)           a library (optional)
 *   CLEANER         a library or a slot (optional)    none
 *   DEVICESERVICE   a library, drive, changer, door,  none
 *                   port or physical medium (required)
 *   MOVEMEDIA       a physical medium (required)      a library (required)
 *   MESSAGE         none                              none
 *
 * A missing required argument, an argument where none belongs, an object
 * of the wrong type and an unknown dwRequest are ERROR_INVALID_PARAMETER;
 * a GUID that names no object is ERROR_OBJECT_NOT_FOUND ("unable to find
 * the source or destination object"). lpMessage may be NULL; a message
 * longer than NTMS_MESSAGE_LENGTH - 1 bytes is cut at a character.
 */
#include "opreq_api.h"

#include <stdio.h>
#include <string.h>

#include "opreq_int.h"
#include "uimsg.h"
#include "util/log.h"
#include "wire.h"

enum arg_need { ARG_NONE, ARG_OPTIONAL, ARG_REQUIRED };

#define MAX_ARG_TYPES 6

struct arg_rule {
    enum arg_need need;
    DWORD types[MAX_ARG_TYPES]; /* the object types allowed; 0 ends the list early */
};

static const struct submit_rule {
    struct arg_rule arg1, arg2;
} submit_rules[] = {
    [NTMS_OPREQ_NEWMEDIA] = {{ARG_REQUIRED, {NTMS_MEDIA_POOL}}, {ARG_OPTIONAL, {NTMS_LIBRARY}}},
    [NTMS_OPREQ_CLEANER] = {{ARG_OPTIONAL, {NTMS_LIBRARY, NTMS_STORAGESLOT}}, {ARG_NONE, {0}}},
    [NTMS_OPREQ_DEVICESERVICE] = {{ARG_REQUIRED,
                                   {NTMS_LIBRARY, NTMS_DRIVE, NTMS_CHANGER, NTMS_IEDOOR, NTMS_IEPORT,
                                    NTMS_PHYSICAL_MEDIA}},
                                  {ARG_NONE, {0}}},
    [NTMS_OPREQ_MOVEMEDIA] = {{ARG_REQUIRED, {NTMS_PHYSICAL_MEDIA}}, {ARG_REQUIRED, {NTMS_LIBRARY}}},
    [NTMS_OPREQ_MESSAGE] = {{ARG_NONE, {0}}, {ARG_NONE, {0}}},
};

static bool type_allowed(const struct arg_rule *rule, DWORD type)
{
    for (size_t i = 0; i < MAX_ARG_TYPES && rule->types[i] != 0; i++)
        if (rule->types[i] == type)
            return true;
    return false;
}

/* Check one argument against its rule; *type is its object type. A NULL or
 * GUID_NULL argument comes back as *arg NULL. */
static DWORD check_arg(store_t *st, const struct arg_rule *rule, const char *name, const NTMS_GUID **arg, DWORD *type)
{
    DWORD rc;

    *type = NTMS_UNKNOWN;
    if (*arg != NULL && wire_guid_is_null(*arg))
        *arg = NULL;
    if (*arg == NULL) {
        if (rule->need == ARG_REQUIRED)
            log_info("submit operator request: %s is required", name);
        return rule->need == ARG_REQUIRED ? ERROR_INVALID_PARAMETER : 0;
    }
    if (rule->need == ARG_NONE) {
        log_info("submit operator request: this request type takes no %s", name);
        return ERROR_INVALID_PARAMETER;
    }
    rc = store_type_of(st, *arg, type);
    if (rc == ERROR_OBJECT_NOT_FOUND)
        log_info("submit operator request: %s names no object", name);
    if (rc == 0 && !type_allowed(rule, *type)) {
        log_info("submit operator request: %s is an object of type %lu, which this request type does not take", name,
                 (unsigned long)*type);
        rc = ERROR_INVALID_PARAMETER;
    }
    return rc;
}

DWORD opreq_api_submit(store_t *st, const principal_t *who, uint64_t session, DWORD request, const char *message,
                       const NTMS_GUID *arg1, const NTMS_GUID *arg2, NTMS_GUID *out)
{
    opreq_spec_t spec = {.request = request, .arg1 = arg1, .arg2 = arg2, .message = message};
    const struct submit_rule *rule;
    DWORD rc;

    if (st == NULL || who == NULL || out == NULL)
        return ERROR_INVALID_PARAMETER;
    if (request < NTMS_OPREQ_NEWMEDIA || request > NTMS_OPREQ_MESSAGE) {
        log_info("submit operator request: request type %lu is not one of NTMS_OPREQ_NEWMEDIA..MESSAGE",
                 (unsigned long)request);
        return ERROR_INVALID_PARAMETER;
    }
    rule = &submit_rules[request];
    rc = check_arg(st, &rule->arg1, "lpArg1Id", &spec.arg1, &spec.arg1_type);
    if (rc == 0)
        rc = check_arg(st, &rule->arg2, "lpArg2Id", &spec.arg2, &spec.arg2_type);
    if (rc == 0)
        rc = opreq_submit_in(st, who, session, &spec, NULL, NULL, out);
    return rc;
}

/* --- satisfy, cancel, wait --------------------------------------------------------- */

static DWORD end_by_operator(store_t *st, const principal_t *who, const NTMS_GUID *request, DWORD result,
                             const char *what)
{
    char id[37];

    if (st == NULL || request == NULL)
        return ERROR_INVALID_PARAMETER;
    wire_guid_to_string(request, id);
    if (!principal_is_admin(who)) {
        log_info("%s operator request %s: uid %u is not an administrator of rsmd", what, id,
                 who ? (unsigned)who->uid : 0u);
        return ERROR_ACCESS_DENIED;
    }
    DWORD rc = opreq_end(st, request, result);
    if (rc == 0)
        log_info("%s operator request %s: done by %s (uid %u)", what, id, who->user, (unsigned)who->uid);
    else if (rc == ERROR_INVALID_STATE || rc == ERROR_OBJECT_NOT_FOUND)
        log_info("%s operator request %s: %s", what, id, rc == ERROR_INVALID_STATE ? "it has already ended" : "no such request");
    return rc;
}

DWORD opreq_api_satisfy(store_t *st, const principal_t *who, const NTMS_GUID *request)
{
    DWORD rc = end_by_operator(st, who, request, 0, "satisfy");

    /* The Satisfy page names ERROR_OBJECT_NOT_FOUND for "the request is
     * completed before the operation has been satisfied". */
    return rc == ERROR_INVALID_STATE ? ERROR_OBJECT_NOT_FOUND : rc;
}

DWORD opreq_api_cancel(store_t *st, const principal_t *who, const NTMS_GUID *request)
{
    return end_by_operator(st, who, request, ERROR_CANCELLED, "cancel");
}

DWORD opreq_api_wait_start(store_t *st, const NTMS_GUID *request, int *open)
{
    DWORD state;
    DWORD rc;

    *open = 0;
    if (st == NULL || request == NULL)
        return ERROR_INVALID_PARAMETER;
    rc = opreq_state(st, request, &state);
    if (rc != 0)
        return rc;
    if (opreq_state_is_open(state)) {
        *open = 1;
        return 0;
    }
    return state == NTMS_OPSTATE_COMPLETE ? 0 : ERROR_CANCELLED;
}

/* --- UI destinations ---------------------------------------------------------------- */

/* The list's owner: a computer or a library, or the session (NULL). */
static DWORD check_container(store_t *st, const NTMS_GUID **object)
{
    DWORD type;
    DWORD rc;

    if (*object != NULL && wire_guid_is_null(*object))
        *object = NULL;
    if (*object == NULL)
        return 0;
    rc = store_type_of(st, *object, &type);
    if (rc == 0 && type != NTMS_COMPUTER && type != NTMS_LIBRARY) {
        log_info("ui options: object type %lu is no computer or library", (unsigned long)type);
        rc = ERROR_INVALID_PARAMETER;
    }
    return rc;
}

static bool ui_type_ok(DWORD type)
{
    return type > NTMS_UITYPE_INVALID && type < NTMS_UITYPE_MAX;
}

DWORD uiopt_get(store_t *st, const principal_t *who, uint64_t session, const NTMS_GUID *object, DWORD type,
                strlist_t *out)
{
    DWORD rc;

    (void)who;
    if (st == NULL || out == NULL || !ui_type_ok(type))
        return ERROR_INVALID_PARAMETER;
    rc = check_container(st, &object);
    return rc != 0 ? rc : store_uidest_list(st, object, session, type, out);
}

/* NULL: the caller's computer; "": the service's own computer. */
static const char *resolve_dest(store_t *st, const principal_t *who, const char *dest, char *buf, size_t cap)
{
    NTMS_OBJECTINFORMATIONA comp;
    NTMS_GUID id;

    if (dest == NULL && who != NULL && who->computer[0] != '\0')
        dest = who->computer;
    if (dest != NULL && dest[0] != '\0')
        return dest;
    snprintf(buf, cap, "%s",
             store_computer(st, &id) == 0 && store_get(st, &id, &comp) == 0 ? comp.szName : "localhost");
    return buf;
}

static DWORD check_dest(const principal_t *who, const char *dest)
{
    switch (uimsg_classify(dest)) {
    case UIMSG_BAD:
        log_info("ui options: \"%.64s\" is not a destination (control characters, over %u bytes, a "
                 "malformed exec: or http:// one, or https://, which is not supported)", dest, UIMSG_DEST_MAX - 1);
        return ERROR_INVALID_PARAMETER;
    case UIMSG_EXEC:
    case UIMSG_HTTP:
        if (!principal_is_admin(who)) {
            log_info("ui options: only an administrator of rsmd names commands and webhooks");
            return ERROR_ACCESS_DENIED;
        }
        return 0;
    default:
        return 0;
    }
}

DWORD uiopt_set(store_t *st, const principal_t *who, uint64_t session, const NTMS_GUID *object, DWORD type,
                DWORD operation, const char *dest)
{
    char name[NTMS_COMPUTERNAME_LENGTH];
    DWORD rc;

    if (st == NULL || !ui_type_ok(type) || operation < NTMS_UIDEST_ADD || operation > NTMS_UIDEST_DELETEALL)
        return ERROR_INVALID_PARAMETER;
    rc = check_container(st, &object);
    if (rc != 0)
        return rc;
    if (operation == NTMS_UIDEST_DELETEALL)
        return store_uidest_clear(st, object, session, type);
    dest = resolve_dest(st, who, dest, name, sizeof name);
    if (operation == NTMS_UIDEST_DELETE)
        return store_uidest_remove(st, object, session, type, dest);
    rc = check_dest(who, dest);
    if (rc == 0)
        rc = store_uidest_add(st, object, session, type, dest);
    if (rc == 0)
        log_info("ui options: %s messages now also go to %s", type == NTMS_UITYPE_INFO ? "information"
                 : type == NTMS_UITYPE_REQ ? "request" : "error", dest);
    return rc;
}

void uiopt_session_ended(store_t *st, uint64_t session)
{
    if (st != NULL && session != 0 && store_uidest_drop_session(st, session) != 0)
        log_warn("ui options: the destination lists of session %llu could not be dropped",
                 (unsigned long long)session);
}
