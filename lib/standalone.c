/*
 * standalone.c - the stand-alone drive helpers without a session handle:
 * GetVolumesFromDrive and EjectDiskFromSADrive.
 *
 * GetVolumesFromDrive runs entirely in the caller's process, as on Windows:
 * the mounts that matter are those of the caller's mount namespace. A drive
 * name is a device path (/dev/sdb, /dev/sr0, a /dev/disk/by-id link, a
 * virtual drive's ROOT/drives/N/tape) or a bare kernel name ("sdb", looked
 * up under /dev). The "volume" is the block device that holds the mounted
 * file system, as /dev/KERNELNAME (the disk itself or one of its
 * partitions; for a virtual cartridge, the loop device backed by its image);
 * the "drive letter" is its mount point. Both are malloc'ed strings the
 * caller frees with free(), or NULL when nothing is mounted (a tape drive,
 * an empty drive): the page allows "at most one" of each. When several
 * mounts qualify, the first in /proc/self/mountinfo order whose root is the
 * file system's root wins (bind mounts of a subdirectory come second).
 *
 * EjectDiskFromSADrive opens a session of its own on lpComputerName, asks
 * the service to eject the medium of the stand-alone drive named
 * lpDeviceName, and closes the session. There is no window system, so
 * hWnd, lpTitle and lpMessage are accepted and ignored, and
 * NTMS_EJECT_ASK_USER behaves as NTMS_EJECT_IMMEDIATE.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <dirent.h>
#include <unistd.h>

#include "rsm_internal.h"

/* ------------------------------------------------------------------------ */
/* GetVolumesFromDrive */

static DWORD errno_code(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return ERROR_FILE_NOT_FOUND;
    case EACCES:
    case EPERM:
        return ERROR_ACCESS_DENIED;
    case ENOMEM:
        return ERROR_NOT_ENOUGH_MEMORY;
    default:
        return ERROR_INVALID_DRIVE;
    }
}

/* Read a small sysfs file into buf without its trailing newline. */
static int read_line(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "re");
    size_t n;

    if (f == NULL)
        return -1;
    if (fgets(buf, (int)cap, f) == NULL) {
        fclose(f);
        return -1;
    }
    fclose(f);
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return 0;
}

/* The loop device whose backing file is `image` (a canonical path), as its
 * device number; 0 when none is. */
static dev_t loop_backed_by(const char *image)
{
    DIR *d = opendir("/sys/block");
    struct dirent *e;
    dev_t found = 0;

    if (d == NULL)
        return 0;
    while (found == 0 && (e = readdir(d)) != NULL) {
        char path[PATH_MAX], line[PATH_MAX];
        unsigned maj, min;

        if (strncmp(e->d_name, "loop", 4) != 0)
            continue;
        snprintf(path, sizeof path, "/sys/block/%s/loop/backing_file", e->d_name);
        if (read_line(path, line, sizeof line) != 0 || strcmp(line, image) != 0)
            continue;
        snprintf(path, sizeof path, "/sys/block/%s/dev", e->d_name);
        if (read_line(path, line, sizeof line) == 0 && sscanf(line, "%u:%u", &maj, &min) == 2)
            found = makedev(maj, min);
    }
    closedir(d);
    return found;
}

/* Does block device `part` hold a file system of disk `disk`: the disk
 * itself, or one of its partitions (whose sysfs directory sits inside the
 * disk's)? On success *kname is the kernel name of `part` ("sdb1"). */
static int belongs_to(dev_t part, dev_t disk, char *kname, size_t cap)
{
    char link[64], target[PATH_MAX], parent_dev[32], path[PATH_MAX + 32];
    unsigned maj, min;
    ssize_t n;
    char *slash;

    snprintf(link, sizeof link, "/sys/dev/block/%u:%u", major(part), minor(part));
    n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return 0;
    target[n] = '\0';
    slash = strrchr(target, '/');
    if (slash == NULL || (size_t)snprintf(kname, cap, "%s", slash + 1) >= cap)
        return 0;
    if (part == disk)
        return 1;
    /* A partition's parent directory is its disk, whose "dev" names it. */
    *slash = '\0';
    if ((size_t)snprintf(path, sizeof path, "/sys/dev/block/%s/dev", target) >= sizeof path)
        return 0;
    if (read_line(path, parent_dev, sizeof parent_dev) != 0 ||
        sscanf(parent_dev, "%u:%u", &maj, &min) != 2)
        return 0;
    return makedev(maj, min) == disk;
}

/* mountinfo escapes blanks, tabs, newlines and backslashes as \ooo. */
static void unescape_octal(char *s)
{
    char *out = s;

    for (; *s; s++) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
            s[3] >= '0' && s[3] <= '7') {
            *out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            s += 3;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* The first mount of `disk` or one of its partitions: *volume and *mount
 * are malloc'ed, or both NULL when nothing is mounted. */
static DWORD find_mount(dev_t disk, char **volume, char **mount)
{
    FILE *f = fopen("/proc/self/mountinfo", "re");
    char *line = NULL;
    size_t cap = 0;
    DWORD err = 0;

    *volume = *mount = NULL;
    if (f == NULL)
        return errno_code(errno);
    while (*mount == NULL && getline(&line, &cap, f) > 0) {
        unsigned maj, min;
        char root[PATH_MAX], point[PATH_MAX], kname[NAME_MAX + 1];

        /* "ID PARENT MAJ:MIN ROOT MOUNTPOINT ..." */
        if (sscanf(line, "%*u %*u %u:%u %4095s %4095s", &maj, &min, root, point) != 4)
            continue;
        if (strcmp(root, "/") != 0 || !belongs_to(makedev(maj, min), disk, kname, sizeof kname))
            continue;
        unescape_octal(point);
        *mount = strdup(point);
        if (*mount == NULL || asprintf(volume, "/dev/%s", kname) < 0) {
            free(*mount);
            *mount = *volume = NULL;
            err = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
    }
    free(line);
    fclose(f);
    return err;
}

/* The device a drive name stands for, and what is mounted from it. */
static DWORD volumes_of(const char *name, char **volume, char **mount)
{
    char path[PATH_MAX], canon[PATH_MAX];
    struct stat sb;
    dev_t disk;

    if (name[0] == '\0')
        return ERROR_INVALID_PARAMETER;
    if (strchr(name, '/') == NULL) {
        if ((size_t)snprintf(path, sizeof path, "/dev/%s", name) >= sizeof path)
            return ERROR_INVALID_PARAMETER;
    } else if ((size_t)snprintf(path, sizeof path, "%s", name) >= sizeof path) {
        return ERROR_INVALID_PARAMETER;
    }
    if (realpath(path, canon) == NULL || stat(canon, &sb) != 0) {
        rsm_log("GetVolumesFromDrive: %s: %s", path, strerror(errno));
        return errno_code(errno);
    }
    if (S_ISBLK(sb.st_mode))
        disk = sb.st_rdev;
    else if (S_ISREG(sb.st_mode))
        disk = loop_backed_by(canon); /* a virtual cartridge's image */
    else if (S_ISCHR(sb.st_mode))
        disk = 0;                     /* tapes are not mounted */
    else
        return ERROR_INVALID_DRIVE;
    if (disk == 0) {
        *volume = *mount = NULL;
        return 0;
    }
    return find_mount(disk, volume, mount);
}

DWORD GetVolumesFromDriveA(LPSTR pszDriveName, LPSTR *VolumeNameBufferPtr,
                           LPSTR *DriveLetterBufferPtr)
{
    char *volume, *mount;
    DWORD err;

    if (pszDriveName == NULL || VolumeNameBufferPtr == NULL || DriveLetterBufferPtr == NULL)
        return ERROR_INVALID_PARAMETER;
    err = volumes_of(pszDriveName, &volume, &mount);
    if (err == 0) {
        *VolumeNameBufferPtr = volume;
        *DriveLetterBufferPtr = mount;
    }
    return err;
}

/* A malloc'ed wide copy of `s` (NULL stays NULL). */
static DWORD wide_dup(const char *s, wchar_t **out)
{
    size_t need;
    DWORD err;

    *out = NULL;
    if (s == NULL)
        return 0;
    err = text_utf8_to_wide(s, strlen(s) + 1, NULL, 0, &need);
    if (err != 0 && err != ERROR_INSUFFICIENT_BUFFER)
        return err;
    *out = malloc(need * sizeof(wchar_t));
    if (*out == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    err = text_utf8_to_wide(s, strlen(s) + 1, *out, need, &need);
    if (err != 0) {
        free(*out);
        *out = NULL;
    }
    return err;
}

DWORD GetVolumesFromDriveW(LPWSTR pszDriveName, LPWSTR *VolumeNameBufferPtr,
                           LPWSTR *DriveLetterBufferPtr)
{
    char *name = NULL, *volume = NULL, *mount = NULL;
    wchar_t *wvolume = NULL, *wmount = NULL;
    DWORD err;

    if (pszDriveName == NULL || VolumeNameBufferPtr == NULL || DriveLetterBufferPtr == NULL)
        return ERROR_INVALID_PARAMETER;
    err = text_wide_to_utf8_dup(pszDriveName, &name);
    if (err == 0)
        err = volumes_of(name, &volume, &mount);
    if (err == 0)
        err = wide_dup(volume, &wvolume);
    if (err == 0)
        err = wide_dup(mount, &wmount);
    if (err == 0) {
        *VolumeNameBufferPtr = wvolume;
        *DriveLetterBufferPtr = wmount;
    } else {
        free(wvolume);
        free(wmount);
    }
    free(name);
    free(volume);
    free(mount);
    return err;
}

/* ------------------------------------------------------------------------ */
/* EjectDiskFromSADrive */

static DWORD eject_disk(LPCSTR computer, LPCSTR app, const char *device, DWORD options)
{
    Rsm__EjectStandaloneDisk msg = RSM__EJECT_STANDALONE_DISK__INIT;
    Rsm__Request req = RSM__REQUEST__INIT;
    Rsm__Response *resp;
    DWORD saved = GetLastError(), err;
    HANDLE h;

    /* The session is ours, not the caller's: its failure is our return
     * value, and the caller's last error stays as it was. */
    h = OpenNtmsSessionA(computer, app, 0);
    if (h == INVALID_HANDLE_VALUE) {
        err = GetLastError();
        SetLastError(saved);
        return err;
    }
    msg.device = (char *)device;
    msg.options = options;
    req.call_case = RSM__REQUEST__CALL_EJECT_STANDALONE_DISK;
    req.eject_standalone_disk = &msg;
    err = session_call(h, &req, &resp);
    conn_free_response(resp);
    CloseNtmsSession(h);
    return err;
}

static int eject_args_ok(const void *device, DWORD options)
{
    return device != NULL && options <= NTMS_EJECT_ASK_USER;
}

DWORD EjectDiskFromSADriveA(LPCSTR lpComputerName, LPCSTR lpAppName, LPCSTR lpDeviceName,
                            HWND hWnd, LPCSTR lpTitle, LPCSTR lpMessage, DWORD dwOptions)
{
    (void)hWnd;
    (void)lpTitle;
    (void)lpMessage;
    if (!eject_args_ok(lpDeviceName, dwOptions) || lpDeviceName[0] == '\0')
        return ERROR_INVALID_PARAMETER;
    return eject_disk(lpComputerName, lpAppName, lpDeviceName, dwOptions);
}

DWORD EjectDiskFromSADriveW(LPCWSTR lpComputerName, LPCWSTR lpAppName, LPCWSTR lpDeviceName,
                            HWND hWnd, LPCWSTR lpTitle, LPCWSTR lpMessage, DWORD dwOptions)
{
    char *computer = NULL, *app = NULL, *device = NULL;
    DWORD err;

    (void)hWnd;
    (void)lpTitle;
    (void)lpMessage;
    if (!eject_args_ok(lpDeviceName, dwOptions) || lpDeviceName[0] == L'\0')
        return ERROR_INVALID_PARAMETER;
    err = text_wide_to_utf8_dup(lpComputerName, &computer);
    if (err == 0)
        err = text_wide_to_utf8_dup(lpAppName, &app);
    if (err == 0)
        err = text_wide_to_utf8_dup(lpDeviceName, &device);
    if (err == 0)
        err = eject_disk(computer, app, device, dwOptions);
    free(computer);
    free(app);
    free(device);
    return err;
}
