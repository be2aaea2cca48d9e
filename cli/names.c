/*
 * names.c - the tables of names.h. Words are lower case, as options take
 * them; rsm.exe's own words (physical_media, storageslot ...) are aliases
 * where they differ.
 */
#include "names.h"

#include <stdio.h>
#include <strings.h>

const char *kw_name(const struct keyword *table, DWORD value)
{
    static __thread char number[16];
    for (const struct keyword *k = table; k->word != NULL; k++)
        if (k->value == value)
            return k->word;
    snprintf(number, sizeof number, "%u", (unsigned)value);
    return number;
}

int kw_find(const struct keyword *table, const char *word, DWORD *value)
{
    for (const struct keyword *k = table; k->word != NULL; k++)
        if (strcasecmp(k->word, word) == 0) {
            *value = k->value;
            return 0;
        }
    return -1;
}

const struct keyword kw_object_types[] = {
    {"library", NTMS_LIBRARY},
    {"drive", NTMS_DRIVE},
    {"changer", NTMS_CHANGER},
    {"slot", NTMS_STORAGESLOT},
    {"door", NTMS_IEDOOR},
    {"port", NTMS_IEPORT},
    {"media", NTMS_PHYSICAL_MEDIA},
    {"side", NTMS_PARTITION},
    {"logical-media", NTMS_LOGICAL_MEDIA},
    {"pool", NTMS_MEDIA_POOL},
    {"media-type", NTMS_MEDIA_TYPE},
    {"drive-type", NTMS_DRIVE_TYPE},
    {"changer-type", NTMS_CHANGER_TYPE},
    {"request", NTMS_LIBREQUEST},
    {"opreq", NTMS_OPREQUEST},
    {"computer", NTMS_COMPUTER},
    /* rsm.exe's words and plurals */
    {"storageslot", NTMS_STORAGESLOT},
    {"iedoor", NTMS_IEDOOR},
    {"ieport", NTMS_IEPORT},
    {"physical_media", NTMS_PHYSICAL_MEDIA},
    {"partition", NTMS_PARTITION},
    {"logical_media", NTMS_LOGICAL_MEDIA},
    {"media_pool", NTMS_MEDIA_POOL},
    {"media_type", NTMS_MEDIA_TYPE},
    {"drive_type", NTMS_DRIVE_TYPE},
    {"changer_type", NTMS_CHANGER_TYPE},
    {"librequest", NTMS_LIBREQUEST},
    {"operator-request", NTMS_OPREQUEST},
    {"libraries", NTMS_LIBRARY},
    {"drives", NTMS_DRIVE},
    {"changers", NTMS_CHANGER},
    {"slots", NTMS_STORAGESLOT},
    {"doors", NTMS_IEDOOR},
    {"ports", NTMS_IEPORT},
    {"sides", NTMS_PARTITION},
    {"partitions", NTMS_PARTITION},
    {"pools", NTMS_MEDIA_POOL},
    {"media-types", NTMS_MEDIA_TYPE},
    {"drive-types", NTMS_DRIVE_TYPE},
    {"requests", NTMS_LIBREQUEST},
    {"opreqs", NTMS_OPREQUEST},
    {NULL, 0},
};

const struct keyword kw_library_types[] = {
    {"unknown", NTMS_LIBRARYTYPE_UNKNOWN},
    {"offline", NTMS_LIBRARYTYPE_OFFLINE},
    {"online", NTMS_LIBRARYTYPE_ONLINE},
    {"standalone", NTMS_LIBRARYTYPE_STANDALONE},
    {NULL, 0},
};

const struct keyword kw_drive_states[] = {
    {"dismounted", NTMS_DRIVESTATE_DISMOUNTED},
    {"mounted", NTMS_DRIVESTATE_MOUNTED},
    {"loaded", NTMS_DRIVESTATE_LOADED},
    {"unloaded", NTMS_DRIVESTATE_UNLOADED},
    {"cleaning", NTMS_DRIVESTATE_BEING_CLEANED},
    {"dismountable", NTMS_DRIVESTATE_DISMOUNTABLE},
    {NULL, 0},
};

const struct keyword kw_slot_states[] = {
    {"unknown", NTMS_SLOTSTATE_UNKNOWN},
    {"full", NTMS_SLOTSTATE_FULL},
    {"empty", NTMS_SLOTSTATE_EMPTY},
    {"not-present", NTMS_SLOTSTATE_NOTPRESENT},
    {"needs-inventory", NTMS_SLOTSTATE_NEEDSINVENTORY},
    {NULL, 0},
};

const struct keyword kw_door_states[] = {
    {"unknown", NTMS_DOORSTATE_UNKNOWN},
    {"closed", NTMS_DOORSTATE_CLOSED},
    {"open", NTMS_DOORSTATE_OPEN},
    {NULL, 0},
};

const struct keyword kw_port_contents[] = {
    {"unknown", NTMS_PORTCONTENT_UNKNOWN},
    {"full", NTMS_PORTCONTENT_FULL},
    {"empty", NTMS_PORTCONTENT_EMPTY},
    {NULL, 0},
};

const struct keyword kw_port_positions[] = {
    {"unknown", NTMS_PORTPOSITION_UNKNOWN},
    {"extended", NTMS_PORTPOSITION_EXTENDED},
    {"retracted", NTMS_PORTPOSITION_RETRACTED},
    {NULL, 0},
};

const struct keyword kw_media_states[] = {
    {"idle", NTMS_MEDIASTATE_IDLE},
    {"in-use", NTMS_MEDIASTATE_INUSE},
    {"mounted", NTMS_MEDIASTATE_MOUNTED},
    {"loaded", NTMS_MEDIASTATE_LOADED},
    {"unloaded", NTMS_MEDIASTATE_UNLOADED},
    {"operation-error", NTMS_MEDIASTATE_OPERROR},
    {"operator-request", NTMS_MEDIASTATE_OPREQ},
    {NULL, 0},
};

const struct keyword kw_side_states[] = {
    {"new", NTMS_PARTSTATE_UNKNOWN},
    {"unprepared", NTMS_PARTSTATE_UNPREPARED},
    {"incompatible", NTMS_PARTSTATE_INCOMPATIBLE},
    {"decommissioned", NTMS_PARTSTATE_DECOMMISSIONED},
    {"available", NTMS_PARTSTATE_AVAILABLE},
    {"allocated", NTMS_PARTSTATE_ALLOCATED},
    {"complete", NTMS_PARTSTATE_COMPLETE},
    {"foreign", NTMS_PARTSTATE_FOREIGN},
    {"import", NTMS_PARTSTATE_IMPORT},
    {"reserved", NTMS_PARTSTATE_RESERVED},
    {NULL, 0},
};

const struct keyword kw_pool_types[] = {
    {"free", NTMS_POOLTYPE_SCRATCH},
    {"unrecognized", NTMS_POOLTYPE_FOREIGN},
    {"import", NTMS_POOLTYPE_IMPORT},
    {"application", NTMS_POOLTYPE_APPLICATION},
    {"unknown", NTMS_POOLTYPE_UNKNOWN},
    {NULL, 0},
};

const struct keyword kw_rw_kinds[] = {
    {"rewritable", NTMS_MEDIARW_REWRITABLE},
    {"write-once", NTMS_MEDIARW_WRITEONCE},
    {"read-only", NTMS_MEDIARW_READONLY},
    {"unknown", NTMS_MEDIARW_UNKNOWN},
    {NULL, 0},
};

const struct keyword kw_lm_operations[] = {
    {"remove", NTMS_LM_REMOVE},
    {"disable-library", NTMS_LM_DISABLELIBRARY},
    {"enable-library", NTMS_LM_ENABLELIBRARY},
    {"disable-drive", NTMS_LM_DISABLEDRIVE},
    {"enable-drive", NTMS_LM_ENABLEDRIVE},
    {"disable-media", NTMS_LM_DISABLEMEDIA},
    {"enable-media", NTMS_LM_ENABLEMEDIA},
    {"update-omid", NTMS_LM_UPDATEOMID},
    {"inventory", NTMS_LM_INVENTORY},
    {"door-access", NTMS_LM_DOORACCESS},
    {"eject", NTMS_LM_EJECT},
    {"eject-cleaner", NTMS_LM_EJECTCLEANER},
    {"inject", NTMS_LM_INJECT},
    {"inject-cleaner", NTMS_LM_INJECTCLEANER},
    {"process-omid", NTMS_LM_PROCESSOMID},
    {"clean-drive", NTMS_LM_CLEANDRIVE},
    {"dismount", NTMS_LM_DISMOUNT},
    {"mount", NTMS_LM_MOUNT},
    {"write-scratch", NTMS_LM_WRITESCRATCH},
    {"classify", NTMS_LM_CLASSIFY},
    {"reserve-cleaner", NTMS_LM_RESERVECLEANER},
    {"release-cleaner", NTMS_LM_RELEASECLEANER},
    {NULL, 0},
};

const struct keyword kw_lm_states[] = {
    {"queued", NTMS_LM_QUEUED},
    {"in-process", NTMS_LM_INPROCESS},
    {"passed", NTMS_LM_PASSED},
    {"failed", NTMS_LM_FAILED},
    {"invalid", NTMS_LM_INVALID},
    {"waiting", NTMS_LM_WAITING},
    {"deferred", NTMS_LM_DEFERRED},
    {"cancelled", NTMS_LM_CANCELLED},
    {"stopped", NTMS_LM_STOPPED},
    {NULL, 0},
};

const struct keyword kw_opreq_types[] = {
    {"message", NTMS_OPREQ_MESSAGE},
    {"new-media", NTMS_OPREQ_NEWMEDIA},
    {"cleaner", NTMS_OPREQ_CLEANER},
    {"device-service", NTMS_OPREQ_DEVICESERVICE},
    {"move-media", NTMS_OPREQ_MOVEMEDIA},
    {"unknown", NTMS_OPREQ_UNKNOWN},
    {NULL, 0},
};

const struct keyword kw_opreq_states[] = {
    {"unknown", NTMS_OPSTATE_UNKNOWN},
    {"submitted", NTMS_OPSTATE_SUBMITTED},
    {"active", NTMS_OPSTATE_ACTIVE},
    {"in-progress", NTMS_OPSTATE_INPROGRESS},
    {"refused", NTMS_OPSTATE_REFUSED},
    {"completed", NTMS_OPSTATE_COMPLETE},
    {NULL, 0},
};

const struct keyword kw_operational_states[] = {
    {"ready", NTMS_READY},
    {"initializing", NTMS_INITIALIZING},
    {"needs-service", NTMS_NEEDS_SERVICE},
    {"not-present", NTMS_NOT_PRESENT},
    {NULL, 0},
};

const struct keyword kw_notify_operations[] = {
    {"update", NTMS_OBJ_UPDATE},
    {"insert", NTMS_OBJ_INSERT},
    {"delete", NTMS_OBJ_DELETE},
    {"signal", NTMS_EVENT_SIGNAL},
    {"complete", NTMS_EVENT_COMPLETE},
    {NULL, 0},
};

const struct keyword kw_inventory_methods[] = {
    {"none", NTMS_INVENTORY_NONE},
    {"fast", NTMS_INVENTORY_FAST},
    {"full", NTMS_INVENTORY_OMID},
    {"default", NTMS_INVENTORY_DEFAULT},
    {"slots", NTMS_INVENTORY_SLOT},
    {"stop", NTMS_INVENTORY_STOP},
    {"omid", NTMS_INVENTORY_OMID},
    {"slot", NTMS_INVENTORY_SLOT},
    {NULL, 0},
};

/* MountNtmsMedia's priorities are signed; the table holds them as DWORDs
 * and the option reads them back as int. */
const struct keyword kw_priorities[] = {
    {"normal", (DWORD)NTMS_PRIORITY_NORMAL},
    {"highest", (DWORD)NTMS_PRIORITY_HIGHEST},
    {"high", (DWORD)NTMS_PRIORITY_HIGH},
    {"low", (DWORD)NTMS_PRIORITY_LOW},
    {"lowest", (DWORD)NTMS_PRIORITY_LOWEST},
    {"default", (DWORD)NTMS_PRIORITY_DEFAULT},
    {NULL, 0},
};

const struct keyword kw_yes_no[] = {
    {"yes", 1},
    {"no", 0},
    {"on", 1},
    {"off", 0},
    {"true", 1},
    {"false", 0},
    {NULL, 0},
};
