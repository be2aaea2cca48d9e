/*
 * mount.c - media in drives: rsm.exe's mount, dismount and erase.
 *
 * A mount waits in its library's queue; while it waits, a terminal shows
 * the request's state and why it waits (requests.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mtio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "names.h"
#include "out.h"
#include "progress.h"
#include "requests.h"
#include "resolve.h"
#include "verbs.h"

enum { T_LOGICAL, T_SIDE, T_MEDIA, T_SLOT, T_CHANGER, T_DRIVE, T_OPTIONS, T_PRIORITY, T_TIMEOUT, T_LONG, T_HOLD,
       T_DEFERRED };

/* What to mount: the GUID the API is given (a logical medium for /l, else
 * a side) and the side's record. */
struct target {
    NTMS_GUID id;
    NTMS_OBJECTINFORMATIONA side;
};

/* /s<slot> /c<changer>: the medium in a slot of the changer's library. */
static int target_in_slot(HANDLE s, struct args *a, struct target *t)
{
    NTMS_GUID changer, slot;
    NTMS_OBJECTINFORMATIONA c, media;
    int rc = resolve(s, NTMS_CHANGER, &a->v[T_CHANGER], NULL, &changer);
    DWORD err = rc ? 0 : cli_get_info(s, &changer, NTMS_CHANGER, &c);
    if (rc == 0 && err != ERROR_SUCCESS)
        rc = cli_fail(err, "cannot read changer %s", a->v[T_CHANGER].text);
    if (rc == 0)
        rc = resolve(s, NTMS_STORAGESLOT, &a->v[T_SLOT], &c.Info.Changer.Library, &slot);
    if (rc == 0)
        rc = resolve_media_at(s, &slot, NTMS_STORAGESLOT, &media);
    if (rc != 0)
        return rc;
    struct optval v = {.given = true, .by = REF_GUID, .guid = media.ObjectGuid, .text = media.szName};
    snprintf(v.spelled, sizeof v.spelled, "%s", a->v[T_SLOT].spelled);
    rc = resolve_side(s, &v, NTMS_PARTITION, &t->side);
    t->id = t->side.ObjectGuid;
    return rc;
}

static int find_target(HANDLE s, struct args *a, struct target *t, bool slots)
{
    int ways = args_count(a, T_LOGICAL, T_SIDE, T_MEDIA, -1) + (slots ? arg_given(a, T_SLOT) : 0);
    if (ways != 1)
        return cli_usage(slots ? "name the medium one way: /l..., /p..., --media, or /s... with /c..."
                               : "name the medium one way: /l..., /p... or --media");
    if (slots && arg_given(a, T_SLOT) != arg_given(a, T_CHANGER))
        return cli_usage("a slot (/s) goes with its changer (/c)");
    if (slots && arg_given(a, T_SLOT))
        return target_in_slot(s, a, t);
    int slot = arg_given(a, T_LOGICAL) ? T_LOGICAL : arg_given(a, T_SIDE) ? T_SIDE : T_MEDIA;
    int rc = resolve_side(s, &a->v[slot], slot == T_LOGICAL ? NTMS_LOGICAL_MEDIA : NTMS_PARTITION, &t->side);
    if (rc != 0)
        return rc;
    t->id = t->side.ObjectGuid;
    if (slot == T_LOGICAL)
        rc = side_logical(&t->side, &t->id);
    return rc;
}

/* The progress line of a waiting mount: its request's state and why. */
struct mount_watch {
    HANDLE s;
    NTMS_GUID side, media;
};

static void mount_poll(void *arg, char *status, size_t len)
{
    struct mount_watch *w = arg;
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    snprintf(status, len, "queued");
    if (cli_enumerate(w->s, NULL, NTMS_LIBREQUEST, &ids, &n) != ERROR_SUCCESS)
        return;
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (cli_get_info(w->s, &ids[i], NTMS_LIBREQUEST, &o) != ERROR_SUCCESS)
            continue;
        const NTMS_LIBREQUESTINFORMATIONA *r = &o.Info.LibRequest;
        if (r->OperationCode == NTMS_LM_MOUNT && !request_finished(r->State) &&
            (cli_guid_eq(&r->PartitionId, &w->side) || cli_guid_eq(&r->PhysMediaId, &w->media))) {
            request_why(w->s, &o, status, len);
            break;
        }
    }
    free(ids);
}

/* Mount one medium; *drive receives the drive. */
static DWORD mount_one(HANDLE s, struct target *t, NTMS_GUID *drive, DWORD options, int priority, DWORD timeout)
{
    char what[NTMS_OBJECTNAME_LENGTH + 16];
    struct mount_watch w = {s, t->side.ObjectGuid, t->side.Info.Partition.PhysicalMedia};
    snprintf(what, sizeof what, "mounting %s", t->side.szName);
    progress_start(what, mount_poll, &w);
    DWORD err = MountNtmsMedia(s, &t->id, drive, 1, options, priority, timeout, NULL);
    progress_stop();
    return err;
}

static int options_and_drive(HANDLE s, struct args *a, DWORD *options, NTMS_GUID *drive)
{
    *options = a->v[T_OPTIONS].num;
    memset(drive, 0, sizeof *drive);
    if (!arg_given(a, T_DRIVE))
        return (*options & NTMS_MOUNT_SPECIFIC_DRIVE) ? cli_usage("/odrive needs the drive: /dg or /df") : 0;
    /* naming a drive means that drive */
    *options |= NTMS_MOUNT_SPECIFIC_DRIVE;
    return resolve(s, NTMS_DRIVE, &a->v[T_DRIVE], NULL, drive);
}

/* ------------------------------------------------------------------------ */
/* Keeping a mount: rsmd releases a session's mounts when it ends, so a
 * mount lasts as long as this process. `-- COMMAND` runs a command while
 * the medium is mounted; --hold waits for a signal. Both dismount after. */

/* Run `argv` with the device in RSM_DEVICE and in place of every "{}";
 * returns its exit status (128 + signal when killed). SIGINT and SIGTERM
 * reach the command; this process outlives it to dismount. */
static int run_command(char **argv, int argc, const char *device, const char *drive, const char *side)
{
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (args == NULL)
        return cli_fail(ERROR_NOT_ENOUGH_MEMORY, "cannot run the command");
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "{}") == 0 ? (char *)device : argv[i];
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        setenv("RSM_DEVICE", device, 1);
        setenv("RSM_DRIVE", drive, 1);
        setenv("RSM_MEDIA", side, 1);
        execvp(args[0], args);
        fprintf(stderr, "rsm mount: cannot run %s: %s\n", args[0], strerror(errno));
        _exit(127);
    }
    free(args);
    int status = 0;
    if (pid < 0)
        return cli_fail(ERROR_NOT_ENOUGH_MEMORY, "cannot start the command: %s", strerror(errno));
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* --hold: until SIGINT, SIGTERM or SIGHUP. */
static void hold(void)
{
    sigset_t set;
    int sig;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (isatty(STDERR_FILENO))
        fputs("mounted; Ctrl-C dismounts\n", stderr);
    sigwait(&set, &sig);
}

static int report_mount(const struct target *t, const NTMS_OBJECTINFORMATIONA *d, bool quiet)
{
    char g[3][37], text[NTMS_OBJECTNAME_LENGTH * 2 + NTMS_DEVICENAME_LENGTH + 32];
    snprintf(text, sizeof text, "%s mounted in %s (%s)", t->side.szName, d->szName, d->Info.Drive.szDeviceName);
    if (quiet) {
        /* stdout belongs to the command */
        fprintf(stderr, "rsm mount: %s\n", text);
        return 0;
    }
    struct field f[] = {
        {"device", d->Info.Drive.szDeviceName, COL_TEXT},
        {"drive", cli_guid(&d->ObjectGuid, g[0]), COL_GUID},
        {"drive_name", d->szName, COL_TEXT},
        {"side", cli_guid(&t->side.ObjectGuid, g[1]), COL_GUID},
        {"side_name", t->side.szName, COL_TEXT},
        {"media", cli_guid(&t->side.Info.Partition.PhysicalMedia, g[2]), COL_GUID},
    };
    int rc = out_result(text, f, 6);
    fflush(stdout);
    return rc;
}

static int cmd_mount(HANDLE s, struct args *a)
{
    struct target t;
    NTMS_GUID drive;
    DWORD options;
    int rc = find_target(s, a, &t, true);
    if (rc == 0)
        rc = options_and_drive(s, a, &options, &drive);
    if (rc != 0)
        return rc;
    if (a->command != NULL && arg_given(a, T_HOLD))
        return cli_usage("--hold or a command, not both");
    int priority = arg_given(a, T_PRIORITY) ? a->v[T_PRIORITY].inum : NTMS_PRIORITY_NORMAL;
    DWORD timeout = arg_given(a, T_TIMEOUT) ? a->v[T_TIMEOUT].num : INFINITE;
    DWORD err = mount_one(s, &t, &drive, options, priority, timeout);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot mount %s", t.side.szName);
    NTMS_OBJECTINFORMATIONA d;
    err = cli_get_info(s, &drive, NTMS_DRIVE, &d);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s is mounted, but its drive cannot be read", t.side.szName);
    rc = report_mount(&t, &d, a->command != NULL);
    if (a->command == NULL && !arg_given(a, T_HOLD))
        return rc;
    if (a->command != NULL)
        rc = run_command(a->command, a->ncommand, d.Info.Drive.szDeviceName, d.szName, t.side.szName);
    else
        hold();
    err = DismountNtmsMedia(s, &t.id, 1, arg_given(a, T_DEFERRED) ? NTMS_DISMOUNT_DEFERRED : 0);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot dismount %s", t.side.szName);
    return rc;
}

static int cmd_dismount(HANDLE s, struct args *a)
{
    struct target t;
    char g[37], text[NTMS_OBJECTNAME_LENGTH + 32];
    int rc = find_target(s, a, &t, false);
    if (rc != 0)
        return rc;
    DWORD options = a->v[T_OPTIONS].num;
    DWORD err = DismountNtmsMedia(s, &t.id, 1, options);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot dismount %s", t.side.szName);
    bool deferred = options & NTMS_DISMOUNT_DEFERRED;
    snprintf(text, sizeof text, "%s %s", t.side.szName, deferred ? "may be dismounted (deferred)" : "dismounted");
    struct field f[] = {{"side", cli_guid(&t.side.ObjectGuid, g), COL_GUID},
                        {"side_name", t.side.szName, COL_TEXT},
                        {"deferred", deferred ? "yes" : "no", COL_BOOL}};
    return out_result(text, f, 3);
}

/* ------------------------------------------------------------------------ */
/* erase: mount for writing, erase through the drive's device, dismount */

static DWORD errno_code(int e)
{
    switch (e) {
    case EACCES:
    case EPERM: return ERROR_ACCESS_DENIED;
    case ENOENT:
    case ENXIO:
    case ENODEV: return ERROR_DEVICE_NOT_CONNECTED;
    case EBUSY: return ERROR_BUSY;
    case EROFS: return ERROR_WRITE_PROTECT;
    case ENOMEDIUM: return ERROR_NO_MEDIA_IN_DRIVE;
    default: return ERROR_IO_DEVICE;
    }
}

/* A tape device: rewind, erase (short: an end of data at the beginning;
 * long: the whole tape), rewind. */
static DWORD erase_tape(int fd, bool whole)
{
    struct mtop rewind = {MTREW, 1}, erase = {MTERASE, whole ? 1 : 0};
    if (ioctl(fd, MTIOCTOP, &rewind) != 0 || ioctl(fd, MTIOCTOP, &erase) != 0 || ioctl(fd, MTIOCTOP, &rewind) != 0)
        return errno_code(errno);
    return ERROR_SUCCESS;
}

/* A cartridge image (the virtual library's drive is a path to it): every
 * byte becomes zero, the size stays. */
static DWORD erase_image(int fd, off_t size)
{
    if (ftruncate(fd, 0) != 0 || ftruncate(fd, size) != 0)
        return errno_code(errno);
    return ERROR_SUCCESS;
}

static DWORD erase_device(const char *path, bool whole, char *why, size_t len)
{
    struct stat st;
    if (path[0] != '/' || stat(path, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISREG(st.st_mode))) {
        snprintf(why, len, "drive device '%s' is not a tape device or image on this host", path);
        return ERROR_NOT_SUPPORTED;
    }
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, len, "cannot open %s: %s", path, strerror(errno));
        return errno_code(errno);
    }
    DWORD rc = S_ISCHR(st.st_mode) ? erase_tape(fd, whole) : erase_image(fd, st.st_size);
    if (rc != ERROR_SUCCESS)
        snprintf(why, len, "erasing %s failed: %s", path, strerror(errno));
    close(fd);
    return rc;
}

static int cmd_erase(HANDLE s, struct args *a)
{
    struct target t;
    NTMS_GUID drive = {0};
    NTMS_OBJECTINFORMATIONA d;
    char why[PATH_MAX + 64] = "", g[37], text[NTMS_OBJECTNAME_LENGTH + 32];
    int rc = find_target(s, a, &t, false);
    if (rc != 0)
        return rc;
    int priority = arg_given(a, T_PRIORITY) ? a->v[T_PRIORITY].inum : NTMS_PRIORITY_NORMAL;
    DWORD timeout = arg_given(a, T_TIMEOUT) ? a->v[T_TIMEOUT].num : INFINITE;
    DWORD err = mount_one(s, &t, &drive, NTMS_MOUNT_WRITE, priority, timeout);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "cannot mount %s to erase it", t.side.szName);
    err = cli_get_info(s, &drive, NTMS_DRIVE, &d);
    if (err == ERROR_SUCCESS)
        err = erase_device(d.Info.Drive.szDeviceName, arg_given(a, T_LONG), why, sizeof why);
    /* dismount whatever happened; the first failure is the one reported */
    DWORD undo = DismountNtmsMedia(s, &t.id, 1, 0);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s: %s", t.side.szName, why[0] ? why : "cannot read the drive");
    if (undo != ERROR_SUCCESS)
        return cli_fail(undo, "%s is erased but could not be dismounted", t.side.szName);
    snprintf(text, sizeof text, "%s erased", t.side.szName);
    struct field f[] = {{"side", cli_guid(&t.side.ObjectGuid, g), COL_GUID}, {"side_name", t.side.szName, COL_TEXT}};
    return out_result(text, f, 2);
}

/* ------------------------------------------------------------------------ */
/* Tables */

static const struct keyword mount_options[] = {
    {"errunavail", NTMS_MOUNT_ERROR_NOT_AVAILABLE},
    {"drive", NTMS_MOUNT_SPECIFIC_DRIVE},
    {"read", NTMS_MOUNT_READ},
    {"write", NTMS_MOUNT_WRITE},
    {"offline", NTMS_MOUNT_ERROR_OFFLINE},
    {"nowait", NTMS_MOUNT_NOWAIT},
    {NULL, 0},
};

static const struct keyword dismount_options[] = {
    {"deferred", NTMS_DISMOUNT_DEFERRED}, {"immediate", NTMS_DISMOUNT_IMMEDIATE}, {NULL, 0},
};

#define MEDIUM_OPTS                                                                                         \
    {.slot = T_LOGICAL, .sw = "l", .name = "logical-media", .kind = OPT_OBJECT, .arg = "MEDIA",            \
     .objtype = NTMS_LOGICAL_MEDIA, .flags = OPTF_GF, .help = "the logical medium"},                        \
    {.slot = T_SIDE, .sw = "p", .name = "partition", .kind = OPT_OBJECT, .arg = "SIDE",                    \
     .objtype = NTMS_PARTITION, .flags = OPTF_GF, .help = "the side"},                                      \
    {.slot = T_MEDIA, .name = "media", .kind = OPT_OBJECT, .arg = "MEDIA", .objtype = NTMS_PHYSICAL_MEDIA, \
     .flags = OPTF_POSITIONAL, .help = "the medium named any way: side, logical medium, name or bar code"}
#define PRIORITY_TIMEOUT_OPTS(timeout_help)                                                                 \
    {.slot = T_PRIORITY, .sw = "r", .name = "priority", .kind = OPT_PRIORITY, .arg = "PRIORITY",           \
     .help = "queue priority, -15..15 or lowest..highest (default normal)"},                                \
    {.slot = T_TIMEOUT, .sw = "t", .name = "timeout", .kind = OPT_TIMEOUT, .arg = "MS", .help = timeout_help}

static const struct opt mount_opts[] = {
    MEDIUM_OPTS,
    {.slot = T_SLOT, .sw = "s", .name = "slot", .kind = OPT_OBJECT, .arg = "SLOT", .objtype = NTMS_STORAGESLOT,
     .flags = OPTF_GF, .help = "the medium in this slot (with /c)"},
    {.slot = T_CHANGER, .sw = "c", .name = "changer", .kind = OPT_OBJECT, .arg = "CHANGER",
     .objtype = NTMS_CHANGER, .flags = OPTF_GF, .help = "the changer of the slot"},
    {.slot = T_DRIVE, .sw = "d", .name = "drive", .kind = OPT_OBJECT, .arg = "DRIVE", .objtype = NTMS_DRIVE,
     .flags = OPTF_GF, .help = "mount in this drive only"},
    {.slot = T_OPTIONS, .sw = "o", .name = "option", .kind = OPT_KEYWORD, .arg = "OPTION", .words = mount_options,
     .flags = OPTF_MULTI, .help = "mount options, may repeat"},
    {.slot = T_OPTIONS, .name = "read", .kind = OPT_SETS, .bits = NTMS_MOUNT_READ, .help = "for reading (/oread)"},
    {.slot = T_OPTIONS, .name = "write", .kind = OPT_SETS, .bits = NTMS_MOUNT_WRITE,
     .help = "for writing: refuses Complete media (/owrite)"},
    {.slot = T_OPTIONS, .name = "error-if-unavailable", .kind = OPT_SETS, .bits = NTMS_MOUNT_ERROR_NOT_AVAILABLE,
     .help = "fail at once when the medium or a drive is busy (/oerrunavail)"},
    {.slot = T_OPTIONS, .name = "error-if-offline", .kind = OPT_SETS, .bits = NTMS_MOUNT_ERROR_OFFLINE,
     .help = "fail instead of asking the operator for an offline medium (/ooffline)"},
    PRIORITY_TIMEOUT_OPTS("how long the mount may take (default: no limit)"),
    {.slot = T_HOLD, .name = "hold", .kind = OPT_FLAG,
     .help = "keep it mounted until Ctrl-C (or SIGTERM), then dismount"},
    {.slot = T_DEFERRED, .name = "deferred", .kind = OPT_FLAG,
     .help = "after --hold or a command, a deferred dismount (it stays in the drive a while)"},
    OPT_BARE_ENTRY,
    OPT_END,
};

static const struct opt dismount_opts[] = {
    MEDIUM_OPTS,
    {.slot = T_OPTIONS, .sw = "o", .name = "option", .kind = OPT_KEYWORD, .arg = "OPTION",
     .words = dismount_options, .help = "deferred: leave it in the drive until the drive is wanted"},
    {.slot = T_OPTIONS, .name = "deferred", .kind = OPT_SETS, .bits = NTMS_DISMOUNT_DEFERRED,
     .help = "the same as /odeferred"},
    OPT_END,
};

static const struct opt erase_opts[] = {
    MEDIUM_OPTS,
    PRIORITY_TIMEOUT_OPTS("how long the mount for the erase may take (default: no limit)"),
    {.slot = T_LONG, .name = "long", .kind = OPT_FLAG, .help = "erase the whole tape, not just its beginning"},
    OPT_BARE_ENTRY,
    OPT_END,
};

const struct verb mount_verbs[] = {
    {NULL, "mount", "mount a medium in a drive", mount_opts, cmd_mount, VERB_COMMAND,
     "Prints the drive and its device (the device alone with /b). A terminal shows the request's state\n"
     "and why it waits while it is queued. rsmd ends a session's mounts with the session (the medium\n"
     "stays in the drive as a deferred dismount), so a mount that must last runs its work as\n"
     "`rsm mount MEDIA -- COMMAND ARGS` (the device in $RSM_DEVICE and in place of {}; rsm exits with\n"
     "the command's status) or holds it with --hold; both dismount afterwards."},
    {NULL, "dismount", "take a medium out of its drive", dismount_opts, cmd_dismount, 0, NULL},
    {NULL, "erase", "erase a side: mount it for writing, erase it, dismount it", erase_opts, cmd_erase, 0,
     "The drive's device must be usable from this host: a tape device (/dev/nst*), or the virtual\n"
     "library's cartridge image."},
    VERB_END,
};
