/*
 * devwatch_udev.c - udev events about removable-media devices, on the libuv
 * loop: a udev monitor (subsystems scsi_generic, scsi_tape and block disks
 * with removable media) whose socket a uv_poll_t watches. Each event is
 * reduced to (action, kernel node, sg node) and handed to
 * devwatch_handle_event.
 *
 * udev is used only where it runs: without /run/udev (containers, minimal
 * systems) a monitor would open but never hear anything, so devwatch says so
 * once and relies on polling.
 */
#include "library/devwatch_int.h"

#include <dirent.h>
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"

#define DEFAULT_RUN_DIR "/run/udev"
#define EVENTS_PER_WAKEUP 64 /* then back to the loop; the rest wait */

static void say_polling_only(const char *why)
{
    static bool said;
    if (said)
        return;
    said = true;
    log_info("device change detection: %s; stand-alone drives are polled with TEST UNIT READY only", why);
}

static bool parse_action(const char *a, enum devwatch_action *out)
{
    static const struct {
        const char *name;
        enum devwatch_action action;
    } actions[] = {{"add", DEVWATCH_ADD}, {"remove", DEVWATCH_REMOVE}, {"change", DEVWATCH_CHANGE}};
    for (size_t i = 0; a != NULL && i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(a, actions[i].name) == 0) {
            *out = actions[i].action;
            return true;
        }
    return false; /* bind, unbind, move, online ...: nothing for us */
}

/* "nst0": one event per drive, not one per st/nst mode node. */
static bool is_nst(const char *name)
{
    if (name == NULL || strncmp(name, "nst", 3) != 0 || name[3] == '\0')
        return false;
    for (const char *p = name + 3; *p != '\0'; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static bool wanted(struct udev_device *d, const char *subsystem, enum devwatch_action action)
{
    const char *name = udev_device_get_sysname(d);
    if (strcmp(subsystem, "scsi_generic") == 0)
        return true;
    if (strcmp(subsystem, "scsi_tape") == 0)
        return is_nst(name);
    if (strcmp(subsystem, "block") != 0)
        return false;
    const char *type = udev_device_get_devtype(d);
    if (type == NULL || strcmp(type, "disk") != 0)
        return false;                        /* partitions follow their disk */
    if (action == DEVWATCH_REMOVE || (name != NULL && strncmp(name, "sr", 2) == 0))
        return true;                         /* a removed disk has no attributes left */
    const char *rm = udev_device_get_sysattr_value(d, "removable");
    return rm != NULL && rm[0] == '1';
}

/* The sg node beside the device: scsi_generic/sgN under its SCSI device. */
static void sg_of(struct udev_device *d, const char *subsystem, const char *devnode, char *out, size_t len)
{
    out[0] = '\0';
    if (strcmp(subsystem, "scsi_generic") == 0) {
        snprintf(out, len, "%s", devnode);
        return;
    }
    struct udev_device *p = udev_device_get_parent_with_subsystem_devtype(d, "scsi", "scsi_device");
    const char *sys = p != NULL ? udev_device_get_syspath(p) : NULL;
    char dir[DEVWATCH_PATH_LEN + 16];
    if (sys == NULL || snprintf(dir, sizeof(dir), "%s/scsi_generic", sys) >= (int)sizeof(dir))
        return;
    DIR *dh = opendir(dir);
    if (dh == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        if (strncmp(e->d_name, "sg", 2) == 0) {
            /* a name that does not fit leaves `out` empty rather than cut */
            if ((size_t)snprintf(out, len, "/dev/%.*s", (int)(len > 6 ? len - 6 : 0), e->d_name) >= len)
                out[0] = '\0';
            break;
        }
    closedir(dh);
}

static void handle_device(devwatch_t *dw, struct udev_device *d)
{
    enum devwatch_action action;
    const char *subsystem = udev_device_get_subsystem(d);
    if (subsystem == NULL || !parse_action(udev_device_get_action(d), &action) || !wanted(d, subsystem, action))
        return;
    char node[DEVWATCH_PATH_LEN], sg[DEVWATCH_PATH_LEN];
    const char *devnode = udev_device_get_devnode(d);
    if (devnode != NULL)
        snprintf(node, sizeof(node), "%s", devnode);
    else
        snprintf(node, sizeof(node), "/dev/%s", udev_device_get_sysname(d));
    sg_of(d, subsystem, node, sg, sizeof(sg));
    devwatch_handle_event(dw, action, node, sg);
}

static void on_readable(uv_poll_t *h, int status, int events)
{
    devwatch_t *dw = h->data;
    (void)events;
    if (status < 0) {
        log_warn("udev monitor: %s; polling only from now on", uv_strerror(status));
        uv_poll_stop(h);
        return;
    }
    for (int i = 0; i < EVENTS_PER_WAKEUP && !dw->stopped; i++) {
        struct udev_device *d = udev_monitor_receive_device(dw->mon);
        if (d == NULL)
            break;
        handle_device(dw, d);
        udev_device_unref(d);
    }
}

static void release_udev(devwatch_t *dw)
{
    if (dw->mon != NULL)
        udev_monitor_unref(dw->mon);
    if (dw->udev != NULL)
        udev_unref(dw->udev);
    dw->mon = NULL;
    dw->udev = NULL;
    dw->udev_on = false;
}

bool devwatch_udev_open(devwatch_t *dw, const char *run_dir)
{
    const char *dir = run_dir != NULL ? run_dir : DEFAULT_RUN_DIR;
    if (access(dir, F_OK) != 0) {
        char why[DEVWATCH_PATH_LEN + 32];
        snprintf(why, sizeof(why), "udev is not running here (no %s)", dir);
        say_polling_only(why);
        return false;
    }
    static const char *const subsystems[][2] = {{"scsi_generic", NULL}, {"scsi_tape", NULL}, {"block", "disk"}};
    dw->udev = udev_new();
    dw->mon = dw->udev != NULL ? udev_monitor_new_from_netlink(dw->udev, "udev") : NULL;
    int rc = dw->mon != NULL ? 0 : -ENOMEM;
    for (size_t i = 0; rc >= 0 && i < sizeof(subsystems) / sizeof(subsystems[0]); i++)
        rc = udev_monitor_filter_add_match_subsystem_devtype(dw->mon, subsystems[i][0], subsystems[i][1]);
    if (rc >= 0)
        rc = udev_monitor_enable_receiving(dw->mon);
    if (rc >= 0)
        rc = uv_poll_init(dw->loop, &dw->upoll, udev_monitor_get_fd(dw->mon));
    if (rc < 0) {
        char why[128];
        snprintf(why, sizeof(why), "cannot listen to udev (%s)", strerror(-rc));
        say_polling_only(why);
        release_udev(dw);
        return false;
    }
    dw->upoll.data = dw;
    dw->open_handles++;
    dw->udev_on = true;
    uv_poll_start(&dw->upoll, UV_READABLE, on_readable);
    log_info("device change detection: listening to udev events");
    return true;
}

/* The monitor's socket may go only after the loop has let go of it. */
static void on_poll_closed(uv_handle_t *h)
{
    devwatch_t *dw = h->data;
    release_udev(dw);
    devwatch_handle_closed(dw);
}

void devwatch_udev_close(devwatch_t *dw)
{
    if (!dw->udev_on)
        return;
    uv_poll_stop(&dw->upoll);
    uv_close((uv_handle_t *)&dw->upoll, on_poll_closed);
}
