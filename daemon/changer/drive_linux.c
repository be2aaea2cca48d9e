/*
 * drive_linux.c - which Linux tape device is the drive a library calls
 * "serial X", and which changer drive element is which drive.
 *
 * Kernel names (/dev/nst0, nst1 ...) follow probe order, not the library's
 * drive order, and move after a reboot; users of other tools hand-map them
 * and get it wrong. Here the serial number decides: the library's DVCID
 * identifier for the drive element, the drive's own VPD page 80h, and
 * sysfs to get from that serial to the device node.
 */
#include "changer/ssc.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changer/scsi_cmd.h"
#include "changer/scsi_parse.h"
#include "util/log.h"

/* printf into a path buffer; false when it does not fit (then unused). */
static bool pathf(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool pathf(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    return k >= 0 && (size_t)k < n;
}

/* "nst0" yes; "nst0a", "nst0l", "st0" no: the no-rewind node, mode 0. */
static bool is_nst_name(const char *name)
{
    if (strncmp(name, "nst", 3) != 0 || name[3] == '\0')
        return false;
    for (const char *p = name + 3; *p != '\0'; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* The serial of a tape from sysfs's copy of its VPD page 80h. */
static bool serial_from_vpd_file(const char *path, char *serial, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    uint8_t buf[256];
    ssize_t n = read(fd, buf, sizeof(buf));
    close(fd);
    return n > 0 && parse_vpd_80(buf, (size_t)n, serial, len);
}

/* Without vpd_pg80 (older kernels): ask the drive through its sg node. */
static bool serial_from_sg(const char *root, const char *tape_dir, char *serial, size_t len)
{
    char dir[PATH_MAX];
    if (!pathf(dir, sizeof(dir), "%s/device/scsi_generic", tape_dir))
        return false;
    DIR *d = opendir(dir);
    if (d == NULL)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "sg", 2) != 0)
            continue;
        char node[PATH_MAX], why[256];
        transport_t *t = NULL;
        if (!pathf(node, sizeof(node), "%s/dev/%s", root, e->d_name) ||
            transport_sg_open(node, &t, why, sizeof(why)) != ERROR_SUCCESS)
            continue;
        scsi_dev_t dev;
        scsi_identity_t id;
        scsi_dev_init(&dev, t, node);
        if (scsi_identify(&dev, &id, why, sizeof(why)) == ERROR_SUCCESS && id.serial[0] != '\0') {
            scsi_strlcpy(serial, len, id.serial);
            found = true;
        }
        transport_close(t);
    }
    closedir(d);
    return found;
}

static DWORD put_path(char *path, size_t len, const char *node)
{
    return pathf(path, len, "/dev/%s", node) ? ERROR_SUCCESS : ERROR_INSUFFICIENT_BUFFER;
}

static DWORD scan_sysfs(const char *root, const char *want, char *path, size_t len)
{
    char dir[PATH_MAX];
    if (!pathf(dir, sizeof(dir), "%s/sys/class/scsi_tape", root))
        return ERROR_OBJECT_NOT_FOUND;
    DIR *d = opendir(dir);
    if (d == NULL)
        return ERROR_OBJECT_NOT_FOUND;
    DWORD err = ERROR_OBJECT_NOT_FOUND;
    struct dirent *e;
    while (err == ERROR_OBJECT_NOT_FOUND && (e = readdir(d)) != NULL) {
        if (!is_nst_name(e->d_name))
            continue;
        char tape_dir[PATH_MAX], vpd[PATH_MAX + 32], serial[128];
        if (!pathf(tape_dir, sizeof(tape_dir), "%s/%s", dir, e->d_name) ||
            !pathf(vpd, sizeof(vpd), "%s/device/vpd_pg80", tape_dir))
            continue;
        if (!serial_from_vpd_file(vpd, serial, sizeof(serial)) &&
            !serial_from_sg(root, tape_dir, serial, sizeof(serial)))
            continue;
        if (strcmp(serial, want) == 0)
            err = put_path(path, len, e->d_name);
    }
    closedir(d);
    return err;
}

/* udev's /dev/tape/by-id/scsi-<id>-nst links, when the serial is part of
 * the name. */
static DWORD scan_by_id(const char *root, const char *want, char *path, size_t len)
{
    char dir[PATH_MAX];
    if (!pathf(dir, sizeof(dir), "%s/dev/tape/by-id", root))
        return ERROR_OBJECT_NOT_FOUND;
    DIR *d = opendir(dir);
    if (d == NULL)
        return ERROR_OBJECT_NOT_FOUND;
    DWORD err = ERROR_OBJECT_NOT_FOUND;
    struct dirent *e;
    while (err == ERROR_OBJECT_NOT_FOUND && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, "-nst") != 0 || strstr(e->d_name, want) == NULL)
            continue;
        char link[PATH_MAX], target[PATH_MAX];
        if (!pathf(link, sizeof(link), "%s/%s", dir, e->d_name))
            continue;
        ssize_t t = readlink(link, target, sizeof(target) - 1);
        if (t <= 0)
            continue;
        target[t] = '\0';
        const char *base = strrchr(target, '/');
        err = put_path(path, len, base != NULL ? base + 1 : target);
    }
    closedir(d);
    return err;
}

DWORD drive_find_linux_device_at(const char *root, const char *serial, char *path, size_t len)
{
    char want[128];
    if (path != NULL && len > 0)
        path[0] = '\0';
    if (serial == NULL || path == NULL || len == 0)
        return ERROR_INVALID_PARAMETER;
    scsi_copy_string(want, sizeof(want), (const uint8_t *)serial, strlen(serial));
    if (want[0] == '\0')
        return ERROR_INVALID_PARAMETER;
    DWORD err = scan_sysfs(root, want, path, len);
    if (err == ERROR_OBJECT_NOT_FOUND)
        err = scan_by_id(root, want, path, len);
    if (err == ERROR_OBJECT_NOT_FOUND)
        log_debug("no Linux tape device has serial '%s'", want);
    return err;
}

DWORD drive_find_linux_device(const char *serial, char *path, size_t len)
{
    return drive_find_linux_device_at("", serial, path, len);
}

/* The last blank-separated field of an identifier ("IBM ULT3580 SN"). */
static const char *last_field(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp != NULL ? sp + 1 : s;
}

enum drive_match drive_ident_match(const drive_ident_t *d, const element_t *e)
{
    const char *id = e->device_id;
    if (id[0] == '\0' || d->serial[0] == '\0')
        return DRIVE_MATCH_NONE;
    if (strcmp(id, d->serial) == 0 || strcmp(last_field(id), d->serial) == 0)
        return DRIVE_MATCH_EXACT;
    /* Binary DVCIDs are shown in hex, like the VPD 83h "naa."/"eui." form. */
    if (strlen(d->identifier) > 4 && strcmp(d->identifier + 4, id) == 0)
        return DRIVE_MATCH_EXACT;
    if (!e->id_truncated)
        return DRIVE_MATCH_NONE;
    /* Cut identifier: the start of vendor(8) product(16) serial, or of the
     * serial alone. */
    char full[8 + 16 + DRIVE_STRING_LEN + 1];
    snprintf(full, sizeof(full), "%-8.8s%-16.16s%s", d->vendor, d->product, d->serial);
    size_t n = strlen(id);
    if (strncmp(full, id, n) == 0 || strncmp(d->serial, id, n) == 0)
        return DRIVE_MATCH_PREFIX;
    return DRIVE_MATCH_NONE;
}
