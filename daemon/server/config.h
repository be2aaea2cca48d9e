/*
 * config.h - rsmd.conf: what the service reads at start and on SIGHUP.
 *
 * The file is INI (inih). Sections are dispatched through a table in
 * config.c so that later sections ([library NAME] ...) are one row each.
 * Unknown keys and sections are warnings naming file:line; bad values are
 * errors, and the caller exits with RSMD_EXIT_CONFIG.
 */
#ifndef RSM_SERVER_CONFIG_H
#define RSM_SERVER_CONFIG_H

#include <stddef.h>
#include <sys/types.h>

#include "queue/mount.h"

#include "util/log.h"

#define RSMD_DEFAULT_CONFIG "/etc/rsm/rsmd.conf"
#define RSMD_DEFAULT_DATABASE "/var/lib/rsm/rsm.db"
#define RSMD_DEFAULT_SOCKET_MODE 0666
#define RSMD_DEFAULT_SYSFS "/sys"

/* Exit status of rsmd for a configuration or command-line error. */
#define RSMD_EXIT_CONFIG 2

struct library_config; /* library/library.h */

struct rsmd_config {
    char *path;          /* the file read, or NULL when none was found */
    char *socket;        /* as written in the file (relative to the cwd) */
    char *database;
    char *export_dir;    /* ExportNtmsDatabase's directory; "" for ":memory:" (none) */
    char *computer_name; /* defaults to the host name */
    enum log_level log_level;
    mode_t socket_mode;
    int discover;        /* start the SCSI libraries and drives found in sysfs */
    char *sysfs;         /* where sysfs is mounted (tests give a fake tree) */
    char *label_dir;     /* label libraries: one NAME.conf each (daemon/label/mll.h) */
    char *label_helper;  /* rsm-label-helper; "" : beside rsmd, else the installed one */
    unsigned label_timeout_ms; /* how long a label library may take for one label */
    queue_options_t queue;  /* mount_age_seconds, drive_ready_seconds, defer_dismount_seconds
                             * (0: the queue's defaults) */
    size_t notify_queue; /* events a notification handle holds for its client */
    struct library_config *libraries; /* [library NAME] sections, in file order */
    size_t nlibraries;
};

/* Fill `cfg` with the defaults, then read `path`. When `required` is zero a
 * missing file is not an error (the defaults apply). On failure returns -1
 * with one line in err; cfg is then freed. Warnings go to the log. */
int config_load(struct rsmd_config *cfg, const char *path, int required, char *err,
                size_t err_len);
void config_free(struct rsmd_config *cfg);

/* mkdir -p of the directory holding `file` (mode 0755 for new levels).
 * Returns 0, or -1 with errno set and the failing directory in err. */
int config_make_parent(const char *file, char *err, size_t err_len);

#endif
