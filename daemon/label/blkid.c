/*
 * blkid.c - the file-system label of optical and disk media through
 * libblkid: what GetVolumeInformation gives on Windows (file-system type,
 * serial number, volume name; concepts/building-a-media-label-library.md),
 * read from a block device or an image file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blkid/blkid.h>

#include "label/label.h"
#include "util/log.h"

/* The UUID as bytes: its hex digits two by two when it is hex with
 * dashes (an ext4 UUID, a FAT serial "ABCD-1234"), else its text (an
 * ISO 9660 date-and-time "UUID"). */
static void set_uuid_id(label_info_t *out, const char *uuid)
{
    uint8_t bytes[LABEL_ID_MAX];
    size_t n = 0, digits = 0;
    bool hex = true;

    for (const char *p = uuid; *p != '\0' && hex; p++) {
        if (*p == '-')
            continue;
        hex = isxdigit((unsigned char)*p) != 0;
        digits++;
    }
    if (!hex || digits == 0 || digits % 2 != 0 || digits / 2 > sizeof bytes) {
        label_set_id(out, uuid, strlen(uuid));
        return;
    }
    for (const char *p = uuid; *p != '\0'; p++) {
        if (*p == '-')
            continue;
        char pair[3] = {p[0], p[1], '\0'};
        bytes[n++] = (uint8_t)strtoul(pair, NULL, 16);
        p++;
    }
    label_set_id(out, bytes, n);
}

static DWORD open_error(const char *path, int err)
{
    log_warn("label: cannot probe %s for a file system: %s", path, strerror(err));
    if (err == ENOENT || err == ENXIO || err == ENODEV)
        return ERROR_FILE_NOT_FOUND;
    if (err == EACCES || err == EPERM)
        return ERROR_ACCESS_DENIED;
    return ERROR_IO_DEVICE;
}

DWORD label_probe_filesystem(const char *path, label_info_t *out)
{
    const char *type = NULL, *uuid = NULL, *label = NULL;
    char upper[LABEL_TYPE_LEN];

    memset(out, 0, sizeof *out);
    errno = 0;
    blkid_probe pr = blkid_new_probe_from_filename(path);
    if (pr == NULL)
        return open_error(path, errno != 0 ? errno : EIO);
    blkid_probe_enable_superblocks(pr, 1);
    blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_UUID | BLKID_SUBLKS_LABEL);
    int rc = blkid_do_safeprobe(pr);
    if (rc == 0) {
        blkid_probe_lookup_value(pr, "TYPE", &type, NULL);
        blkid_probe_lookup_value(pr, "UUID", &uuid, NULL);
        if (uuid == NULL)
            blkid_probe_lookup_value(pr, "SERIAL", &uuid, NULL);
        blkid_probe_lookup_value(pr, "LABEL", &label, NULL);
    }
    if (rc != 0 || type == NULL) {
        blkid_free_probe(pr);
        return ERROR_BAD_FORMAT; /* 1: nothing found; -2: ambiguous; -1: error */
    }
    size_t i = 0;
    for (; type[i] != '\0' && i + 1 < sizeof upper; i++)
        upper[i] = (char)toupper((unsigned char)type[i]);
    upper[i] = '\0';
    label_set(out, "blkid", upper, NULL);
    if (label != NULL)
        label_copy_utf8(out->name, sizeof out->name, (const uint8_t *)label, strlen(label));
    if (uuid != NULL && uuid[0] != '\0')
        set_uuid_id(out, uuid);
    else if (label != NULL && label[0] != '\0')
        label_set_id(out, label, strlen(label));
    else
        label_set_id(out, upper, strlen(upper));
    blkid_free_probe(pr);
    return 0;
}
