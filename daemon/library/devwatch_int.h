/*
 * devwatch_int.h - the inside of devwatch, shared by devwatch.c (libraries,
 * sessions, polling) and devwatch_udev.c (the udev monitor).
 */
#ifndef RSM_DEVWATCH_INT_H
#define RSM_DEVWATCH_INT_H

#include "library/devwatch.h"

#define DEVWATCH_PATH_LEN 256

/* A registered stand-alone library. */
typedef struct wlib {
    NTMS_GUID id;
    char device[DEVWATCH_PATH_LEN];
    char sg[DEVWATCH_PATH_LEN];
    int state;        /* enum pstate in devwatch.c */
    bool in_flight;   /* a poll was submitted and not answered yet */
    struct wlib *next;
} wlib_t;

/* A detection session and the libraries it watches. */
typedef struct dsess {
    uint64_t id;
    uint64_t owner;
    NTMS_GUID *libs;
    size_t n, cap;
    struct dsess *next;
} dsess_t;

struct udev;
struct udev_monitor;

struct devwatch {
    uv_loop_t *loop;
    store_t *st;
    devwatch_callbacks_t cb;
    unsigned poll_ms;
    uv_timer_t timer;
    bool stopped;
    int open_handles; /* closed by devwatch_stop; freed at zero */

    wlib_t *libs;
    dsess_t *sessions;
    uint64_t next_id;

    /* udev (devwatch_udev.c) */
    struct udev *udev;
    struct udev_monitor *mon;
    uv_poll_t upoll;
    bool udev_on;
};

/* Start the udev monitor when udev runs here; false (logged once, at info)
 * when it does not: polling alone then. */
bool devwatch_udev_open(devwatch_t *dw, const char *run_dir);
/* Stop it: closes dw->upoll if it was started; its close callback releases
 * the monitor and calls devwatch_handle_closed. */
void devwatch_udev_close(devwatch_t *dw);
/* A handle counted in open_handles is closed; the last one frees `dw`. */
void devwatch_handle_closed(devwatch_t *dw);

/* One device event, from udev or injected. */
void devwatch_handle_event(devwatch_t *dw, enum devwatch_action action, const char *devnode, const char *sg);

#endif
