/*
 * tgt_check.c - what tests/integration/test_attach.sh asks of rsmd, through
 * librsm, about the library "tgt" it runs against a tgtd library (the
 * layout of tgt-lib create --slots 20 --tapes 10 --drives 2 --ports 2).
 *
 *   tgt_check attached URLBASE   the library is ready; its media are exactly
 *                                VL0001L6..VL0010L6 in slots 1000..1009;
 *                                drive 256 is DRV0002 at URLBASE/2 and drive
 *                                257 is DRV0003 at URLBASE/3 (bound by serial)
 *   tgt_check state NAME SECS    wait until the library's operational state is
 *                                NAME (READY, NEEDS_SERVICE), at most SECS
 *
 * Every call opens its own session, so each also shows that rsmd is up.
 * Exit status 0 when the check holds, 1 with a line on stderr otherwise.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rsm/ntmsapi.h>

#define MAX_LIST 64
#define TAPES 10

static int failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int failf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tgt_check: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

static DWORD get(HANDLE h, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    memset(out, 0, sizeof(*out));
    out->dwSize = sizeof(*out);
    out->dwType = type;
    return GetNtmsObjectInformationA(h, id, out);
}

/* The library object named "tgt". */
static int find_library(HANDLE h, NTMS_GUID *lib, NTMS_OBJECTINFORMATIONA *o)
{
    NTMS_GUID v[MAX_LIST];
    DWORD n = MAX_LIST;
    if (EnumerateNtmsObject(h, NULL, v, &n, NTMS_LIBRARY, 0) != ERROR_SUCCESS)
        return -1;
    for (DWORD i = 0; i < n; i++) {
        if (get(h, &v[i], NTMS_LIBRARY, o) == ERROR_SUCCESS && strcmp(o->szName, "tgt") == 0) {
            *lib = v[i];
            return 0;
        }
    }
    return -1;
}

static int check_media(HANDLE h, NTMS_GUID *lib)
{
    NTMS_GUID v[MAX_LIST];
    DWORD n = MAX_LIST;
    int seen[TAPES] = {0};
    if (EnumerateNtmsObject(h, lib, v, &n, NTMS_PHYSICAL_MEDIA, 0) != ERROR_SUCCESS)
        return failf("cannot list the library's media");
    if (n != TAPES)
        return failf("the library holds %u media, not %d", (unsigned)n, TAPES);
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA m, slot;
        unsigned k = 0;
        if (get(h, &v[i], NTMS_PHYSICAL_MEDIA, &m) != ERROR_SUCCESS)
            return failf("cannot read a medium");
        const NTMS_PMIDINFORMATIONA *pm = &m.Info.PhysicalMedia;
        if (sscanf(pm->szBarCode, "VL%04uL6", &k) != 1 || k < 1 || k > TAPES || seen[k - 1]++)
            return failf("unexpected or repeated bar code '%s'", pm->szBarCode);
        if (pm->LocationType != NTMS_STORAGESLOT || get(h, (NTMS_GUID *)&pm->Location, NTMS_STORAGESLOT, &slot))
            return failf("%s is not in a slot", pm->szBarCode);
        if (slot.Info.StorageSlot.Number != 1000 + k - 1)
            return failf("%s is in slot %u, not %u", pm->szBarCode, (unsigned)slot.Info.StorageSlot.Number,
                         1000 + k - 1);
    }
    return 0;
}

static int check_drives(HANDLE h, NTMS_GUID *lib, const char *urlbase)
{
    NTMS_GUID v[MAX_LIST];
    DWORD n = MAX_LIST;
    if (EnumerateNtmsObject(h, lib, v, &n, NTMS_DRIVE, 0) != ERROR_SUCCESS || n != 2)
        return failf("the library does not have 2 drives");
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA d;
        char serial[16], device[256];
        if (get(h, &v[i], NTMS_DRIVE, &d) != ERROR_SUCCESS)
            return failf("cannot read a drive");
        const NTMS_DRIVEINFORMATIONA *di = &d.Info.Drive;
        unsigned lun = (unsigned)di->Number - 256 + 2; /* tgt-lib: element 256+i is LUN 2+i */
        snprintf(serial, sizeof serial, "DRV%04u", lun);
        snprintf(device, sizeof device, "%s/%u", urlbase, lun);
        if (di->Number != 256 && di->Number != 257)
            return failf("drive number %u", (unsigned)di->Number);
        if (strcmp(di->szSerialNumber, serial) != 0)
            return failf("drive %u has serial '%s', not %s", (unsigned)di->Number, di->szSerialNumber, serial);
        if (strncmp(di->szDeviceName, device, sizeof di->szDeviceName - 1) != 0)
            return failf("drive %u is at '%s', not %s", (unsigned)di->Number, di->szDeviceName, device);
        if (d.dwOperationalState != NTMS_READY)
            return failf("drive %u is not ready (state %u)", (unsigned)di->Number, (unsigned)d.dwOperationalState);
    }
    return 0;
}

static int attached(HANDLE h, const char *urlbase)
{
    NTMS_GUID lib;
    NTMS_OBJECTINFORMATIONA o;
    if (find_library(h, &lib, &o) != 0)
        return failf("no library named tgt");
    if (o.dwOperationalState != NTMS_READY)
        return failf("library tgt is in state %u, not ready", (unsigned)o.dwOperationalState);
    if (o.Info.Library.dwNumberOfSlots != 20 || o.Info.Library.dwNumberOfPorts != 2 ||
        o.Info.Library.dwNumberOfChangers != 1)
        return failf("library tgt has %u slots, %u ports, %u changers", (unsigned)o.Info.Library.dwNumberOfSlots,
                     (unsigned)o.Info.Library.dwNumberOfPorts, (unsigned)o.Info.Library.dwNumberOfChangers);
    return check_media(h, &lib) || check_drives(h, &lib, urlbase);
}

static int wait_state(HANDLE h, const char *name, int seconds)
{
    DWORD want = strcmp(name, "READY") == 0 ? NTMS_READY
                 : strcmp(name, "NEEDS_SERVICE") == 0 ? NTMS_NEEDS_SERVICE
                                                      : (DWORD)-1;
    if (want == (DWORD)-1)
        return failf("unknown state %s", name);
    DWORD last = (DWORD)-1;
    for (int i = 0; i < seconds * 10; i++) {
        NTMS_GUID lib;
        NTMS_OBJECTINFORMATIONA o;
        if (find_library(h, &lib, &o) == 0) {
            last = o.dwOperationalState;
            if (last == want)
                return 0;
        }
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
    return failf("library tgt did not reach %s within %d s (last state %d)", name, seconds, (int)last);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return failf("usage: tgt_check attached URLBASE | state NAME SECONDS");
    HANDLE h = OpenNtmsSessionA(NULL, "tgt_check", 0);
    if (h == INVALID_HANDLE_VALUE)
        return failf("cannot open a session: is rsmd up?");
    int rc;
    if (strcmp(argv[1], "attached") == 0)
        rc = attached(h, argv[2]);
    else if (strcmp(argv[1], "state") == 0 && argc == 4)
        rc = wait_state(h, argv[2], atoi(argv[3]));
    else
        rc = failf("unknown check %s", argv[1]);
    CloseNtmsSession(h);
    return rc;
}
