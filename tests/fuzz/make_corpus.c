/*
 * make_corpus.c - writes the seed corpus of fuzz_decoder: a few valid
 * Request and Response bodies (frames without their length prefix), one
 * file each, into the directory named on the command line.
 *
 *   make_corpus tests/fuzz/corpus/decoder
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objinfo.h"

static const char *outdir;
static int failures;

static void write_seed(const char *name, uint8_t *frame, size_t len, DWORD rc)
{
    char path[4096];
    FILE *f;

    if (rc != 0) {
        fprintf(stderr, "make_corpus: %s: packing failed (%u)\n", name, (unsigned)rc);
        failures++;
        return;
    }
    snprintf(path, sizeof(path), "%s/%s", outdir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(frame + RSM_WIRE_HEADER, 1, len - RSM_WIRE_HEADER, f) !=
                         len - RSM_WIRE_HEADER || fclose(f) != 0) {
        perror(path);
        failures++;
    }
    free(frame);
}

static void seed_request(const char *name, Rsm__Request *req)
{
    uint8_t *frame = NULL;
    size_t len = 0;
    DWORD rc = wire_pack_request(req, &frame, &len);

    write_seed(name, frame, len, rc);
}

static void seed_response(const char *name, Rsm__Response *resp)
{
    uint8_t *frame = NULL;
    size_t len = 0;
    DWORD rc = wire_pack_response(resp, &frame, &len);

    write_seed(name, frame, len, rc);
}

static void sample_guid(NTMS_GUID *g, unsigned n)
{
    char text[37];

    snprintf(text, sizeof(text), "%08x-1c2d-4e5f-8a9b-0c1d2e3f4a5b", n);
    wire_guid_from_string(text, g);
}

/* An object of the given type with its common fields and a few members. */
static void sample_object(NTMS_OBJECTINFORMATIONA *o, DWORD type)
{
    memset(o, 0, sizeof(*o));
    o->dwSize = sizeof(*o);
    o->dwType = type;
    wire_time_to_systemtime(1709210096789LL, &o->Created);
    wire_time_to_systemtime(1709251200000LL, &o->Modified);
    sample_guid(&o->ObjectGuid, type);
    o->Enabled = TRUE;
    o->dwOperationalState = NTMS_READY;
    snprintf(o->szName, sizeof(o->szName), "object-%u", (unsigned)type);
    snprintf(o->szDescription, sizeof(o->szDescription), "seed object \xc3\xa9");
    switch (type) {
    case NTMS_DRIVE:
        o->Info.Drive.Number = 1;
        o->Info.Drive.State = NTMS_DRIVESTATE_LOADED;
        snprintf(o->Info.Drive.szDeviceName, 64, "/dev/nst0");
        o->Info.Drive.ScsiTarget = 3;
        sample_guid(&o->Info.Drive.Library, 100);
        wire_time_to_systemtime(1700000000000LL, &o->Info.Drive.LastCleanedTs);
        break;
    case NTMS_PARTITION:
        sample_guid(&o->Info.Partition.PhysicalMedia, 200);
        o->Info.Partition.dwOmidLabelIdLength = 6;
        memcpy(o->Info.Partition.OmidLabelId, "VOL1AB", 6);
        snprintf(o->Info.Partition.szOmidLabelType, 64, "ANSI");
        o->Info.Partition.Capacity.QuadPart = 400LL * 1000 * 1000 * 1000;
        break;
    case NTMS_LIBREQUEST:
        o->Info.LibRequest.OperationCode = NTMS_LM_MOUNT;
        sample_guid(&o->Info.LibRequest.DriveId, 300);
        snprintf(o->Info.LibRequest.szApplication, 64, "backup");
        wire_time_to_systemtime(1709210000000LL, &o->Info.LibRequest.TimeQueued);
        break;
    case NTMS_MEDIA_POOL:
        o->Info.MediaPool.PoolType = NTMS_POOLTYPE_APPLICATION;
        sample_guid(&o->Info.MediaPool.Parent, 400);
        o->Info.MediaPool.dwMaxAllocates = 5;
        break;
    case NTMS_LIBRARY:
        o->Info.Library.LibraryType = NTMS_LIBRARYTYPE_ONLINE;
        o->Info.Library.BarCodeReaderInstalled = TRUE;
        o->Info.Library.dwNumberOfSlots = 24;
        sample_guid(&o->Info.Library.CleanerSlot, 600);
        break;
    case NTMS_CHANGER:
        snprintf(o->Info.Changer.szSerialNumber, 32, "CHG0001");
        o->Info.Changer.ScsiLun = 1;
        sample_guid(&o->Info.Changer.Library, 700);
        break;
    case NTMS_OPREQUEST:
        o->Info.OpRequest.Request = NTMS_OPREQ_NEWMEDIA;
        snprintf(o->Info.OpRequest.szMessage, 256, "insert a cartridge");
        sample_guid(&o->Info.OpRequest.Arg1, 500);
        break;
    default:
        break;
    }
}

static void requests(void)
{
    static const DWORD set_types[] = { NTMS_DRIVE, NTMS_PARTITION, NTMS_LIBREQUEST };
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__OpenSession open = RSM__OPEN_SESSION__INIT;
    Rsm__Enumerate en = RSM__ENUMERATE__INIT;
    Rsm__GetObjectInfo get = RSM__GET_OBJECT_INFO__INIT;
    Rsm__SetObjectInfo set = RSM__SET_OBJECT_INFO__INIT;
    NTMS_OBJECTINFORMATIONA obj;
    objinfo_pb_t holder;
    uint8_t guid[16];
    char name[32];
    size_t i;

    open.protocol_version = RSM_PROTOCOL_VERSION;
    open.application = "seed";
    open.client_computer = "localhost";
    req.id = 1;
    req.call_case = RSM__REQUEST__CALL_OPEN_SESSION;
    req.open_session = &open;
    seed_request("req-open-session", &req);

    memset(guid, 0x42, sizeof(guid));
    en.has_container = 1;
    en.container.data = guid;
    en.container.len = 16;
    en.type = NTMS_PHYSICAL_MEDIA;
    en.max_count = 64;
    req.id = 2;
    req.call_case = RSM__REQUEST__CALL_ENUMERATE;
    req.enumerate = &en;
    seed_request("req-enumerate", &req);

    get.guid.data = guid;
    get.guid.len = 16;
    get.type = NTMS_MEDIA_POOL;
    req.id = 3;
    req.call_case = RSM__REQUEST__CALL_GET_OBJECT_INFO;
    req.get_object_info = &get;
    seed_request("req-get-object-info", &req);

    for (i = 0; i < sizeof(set_types) / sizeof(set_types[0]); i++) {
        sample_object(&obj, set_types[i]);
        set.guid.data = guid;
        set.guid.len = 16;
        set.info = objinfo_to_pb(&obj, &holder);
        req.id = 4 + i;
        req.call_case = RSM__REQUEST__CALL_SET_OBJECT_INFO;
        req.set_object_info = &set;
        snprintf(name, sizeof(name), "req-set-object-info-%u", (unsigned)set_types[i]);
        seed_request(name, &req);
    }
}

static void responses(void)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__OpenSessionResult open = RSM__OPEN_SESSION_RESULT__INIT;
    Rsm__EnumerateResult en = RSM__ENUMERATE_RESULT__INIT;
    NTMS_OBJECTINFORMATIONA obj;
    objinfo_pb_t holder;
    uint8_t guids[48];
    char name[32];
    DWORD type;
    size_t i;

    open.protocol_version = RSM_PROTOCOL_VERSION;
    open.server_name = "rsm-host";
    open.server_version = "0.1.0";
    open.has_session_id = 1;
    open.session_id = 77;
    resp.id = 1;
    resp.result_case = RSM__RESPONSE__RESULT_OPEN_SESSION;
    resp.open_session = &open;
    seed_response("resp-open-session", &resp);

    for (i = 0; i < sizeof(guids); i++)
        guids[i] = (uint8_t)(i * 37);
    en.count = 3;
    en.has_guids = 1;
    en.guids.data = guids;
    en.guids.len = sizeof(guids);
    resp.id = 2;
    resp.result_case = RSM__RESPONSE__RESULT_ENUMERATE;
    resp.enumerate = &en;
    seed_response("resp-enumerate", &resp);

    /* One object of every type that has a union member. */
    for (type = NTMS_CHANGER; type <= NTMS_OPREQUEST; type++) {
        sample_object(&obj, type);
        resp.id = 3 + type;
        resp.result_case = RSM__RESPONSE__RESULT_OBJECT_INFO;
        resp.object_info = objinfo_to_pb(&obj, &holder);
        snprintf(name, sizeof(name), "resp-object-info-%u", (unsigned)type);
        seed_response(name, &resp);
    }

    resp.id = 9;
    resp.error = ERROR_OBJECT_NOT_FOUND;
    resp.detail = "no such media pool";
    resp.result_case = RSM__RESPONSE__RESULT__NOT_SET;
    seed_response("resp-error", &resp);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIRECTORY\n", argv[0]);
        return 2;
    }
    outdir = argv[1];
    requests();
    responses();
    return failures ? 1 : 0;
}
