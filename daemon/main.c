/*
 * main.c - rsmd: the Removable Storage Manager service.
 *
 * Owns the process: options, configuration, the database lock, the start
 * order (store, first start, listen, daemonize, serve: libraries start once
 * the loop exists, after the fork, since their worker threads would not
 * survive it), signals, and the exit status. Start-up errors are reported on stderr before rsmd detaches,
 * so `rsmd` fails visibly; a configuration error exits with status 2, any
 * other start-up failure with 1, a clean SIGTERM/SIGINT stop with 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <uv.h>

#include "label/mll.h"
#include "label/freewrite.h"
#include "label/omid.h"
#include "library/library.h"
#include "model/library_model.h"
#include "model/librequest.h"
#include "model/mounts.h"
#include "queue/mount.h"
#include "queue/opreq.h"
#include "model/model.h"
#include "ops/ops.h"
#include "server/config.h"
#include "server/server.h"
#include "store/store.h"
#include "store/store_backup.h"
#include "util/log.h"

struct rsmd {
    struct rsmd_config cfg;
    const char *config_path;
    int config_required;      /* --config given: the file must exist */
    int foreground;
    int lock_fd;
    store_t *store;
    struct listen_socket sock;
    uv_loop_t loop;
    uv_signal_t signals[3];
    struct server srv;
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: rsmd [--config FILE] [--foreground] [--version] [--help]\n"
            "  -c, --config FILE  configuration file (default " RSMD_DEFAULT_CONFIG ")\n"
            "  -f, --foreground   stay attached to the terminal and log to stderr\n"
            "  -V, --version      print the version and exit\n"
            "  -h, --help         print this help and exit\n");
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(struct rsmd *d, int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"foreground", no_argument, NULL, 'f'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    d->config_path = RSMD_DEFAULT_CONFIG;
    while ((ch = getopt_long(argc, argv, "c:fVh", opts, NULL)) != -1) {
        switch (ch) {
        case 'c':
            d->config_path = optarg;
            d->config_required = 1;
            break;
        case 'f':
            d->foreground = 1;
            break;
        case 'V':
            printf("rsmd %s\n", RSM_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return RSMD_EXIT_CONFIG;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "rsmd: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return RSMD_EXIT_CONFIG;
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Start-up steps; each returns 0 or logs one line and returns -1. */

/* Let rsmd hold as many clients as the hard limit allows. */
static void raise_fd_limit(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            log_debug("cannot raise the open-file limit: %s", strerror(errno));
    }
}

static int is_memory_db(const char *path)
{
    return strcmp(path, ":memory:") == 0;
}

static int make_dirs(const struct rsmd_config *cfg)
{
    char err[512];

    if (config_make_parent(cfg->socket, err, sizeof err) != 0 ||
        (!is_memory_db(cfg->database) && config_make_parent(cfg->database, err, sizeof err) != 0)) {
        log_error("%s", err);
        return -1;
    }
    return 0;
}

/* Two rsmd on one database would each believe they own the hardware. The
 * lock lives as long as the descriptor (inherited across daemonizing). */
static int lock_database(struct rsmd *d)
{
    char path[4096];

    if (is_memory_db(d->cfg.database))
        return 0;
    snprintf(path, sizeof path, "%s.lock", d->cfg.database);
    d->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (d->lock_fd < 0) {
        log_error("cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(d->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            log_error("another rsmd is using database %s (%s is locked)", d->cfg.database, path);
        else
            log_error("cannot lock %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int open_store(struct rsmd *d)
{
    /* An import ImportNtmsDatabase asked for happens now, under the lock
     * and before anything opens the database. A copy that fails its checks
     * is refused (logged) and rsmd starts on the database it has. */
    if (!is_memory_db(d->cfg.database))
        store_import_at_start(d->cfg.database, d->cfg.export_dir);
    DWORD err = store_open(d->cfg.database, &d->store);

    if (err != 0) {
        log_error("cannot open database %s (error %u)", d->cfg.database, (unsigned)err);
        return -1;
    }
    err = model_first_start(d->store, d->cfg.computer_name);
    if (err != 0) {
        log_error("first start on %s failed (error %u)", d->cfg.database, (unsigned)err);
        return -1;
    }
    /* Library requests a previous run left open can never finish now. */
    if (model_librequests_recover(d->store, NULL) != 0)
        log_warn("library requests left open by the previous run could not be closed");
    /* No mount survives a restart: media left mounted are loaded, idle. */
    if (model_mounts_recover(d->store, NULL) != 0)
        log_warn("mounts left by the previous run could not be ended");
    /* Nor can the operator requests it raised for its own waits. */
    if (opreq_recover(d->store, NULL) != 0)
        log_warn("operator requests left open by the previous run could not be closed");
    return 0;
}

/* Classic double fork: the parent returns to the shell once the socket is
 * already accepting, and the daemon can never reacquire a terminal. The
 * working directory is kept, since relative paths in the configuration are
 * relative to it. */
static int daemonize(void)
{
    pid_t pid = fork();
    int null_fd;

    if (pid < 0) {
        log_error("fork: %s", strerror(errno));
        return -1;
    }
    if (pid > 0)
        _exit(0);
    if (setsid() < 0) {
        log_error("setsid: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        log_error("fork: %s", strerror(errno));
        return -1;
    }
    if (pid > 0)
        _exit(0);
    null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
        dup2(null_fd, STDIN_FILENO);
        dup2(null_fd, STDOUT_FILENO);
        dup2(null_fd, STDERR_FILENO);
        if (null_fd > STDERR_FILENO)
            close(null_fd);
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Signals */

static void on_stop_signal(uv_signal_t *h, int signum)
{
    struct rsmd *d = h->data;

    log_info("%s: stopping", signum == SIGINT ? "SIGINT" : "SIGTERM");
    /* Libraries first: their running jobs finish and waiting calls get their
     * answers while the connections are still open. */
    ops_clean_stop();
    queue_stop();
    library_stop_all();
    opreq_stop(); /* commands and webhooks still running end; later messages are only logged */
    server_stop(&d->srv);
    for (size_t i = 0; i < sizeof d->signals / sizeof d->signals[0]; i++)
        if (!uv_is_closing((uv_handle_t *)&d->signals[i]))
            uv_close((uv_handle_t *)&d->signals[i], NULL);
}

/* SIGHUP re-reads the file; only log_level takes effect without a restart. */
static void on_reload_signal(uv_signal_t *h, int signum)
{
    struct rsmd *d = h->data;
    struct rsmd_config fresh;
    char err[512];
    (void)signum;

    if (config_load(&fresh, d->config_path, d->config_required, err, sizeof err) != 0) {
        log_error("SIGHUP: keeping the current settings: %s", err);
        return;
    }
    log_set_level(fresh.log_level);
    log_info("SIGHUP: %s re-read", d->cfg.path ? d->cfg.path : d->config_path);
    config_free(&fresh);
}

static int watch_signals(struct rsmd *d)
{
    static const int signums[] = {SIGTERM, SIGINT, SIGHUP};

    for (size_t i = 0; i < sizeof signums / sizeof signums[0]; i++) {
        uv_signal_init(&d->loop, &d->signals[i]);
        d->signals[i].data = d;
        int rc = uv_signal_start(&d->signals[i],
                                 signums[i] == SIGHUP ? on_reload_signal : on_stop_signal,
                                 signums[i]);
        if (rc < 0) {
            log_error("cannot watch %s: %s", strsignal(signums[i]), uv_strerror(rc));
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ */

static void close_handle(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h))
        uv_close(h, NULL);
}

/* Label libraries run in helper processes started after the fork (they
 * are our children). None configured, or none that load, is no error:
 * the built-in recognizers still run. */
static void start_label_libraries(const struct rsmd_config *cfg)
{
    char helper[4096];
    const char *path = cfg->label_helper[0] != '\0' ? cfg->label_helper : label_helper_default(helper, sizeof helper);
    size_t n = label_libraries_load(cfg->label_dir, path, cfg->label_timeout_ms);
    if (n > 0)
        log_info("%zu label librar%s from %s", n, n == 1 ? "y" : "ies", cfg->label_dir);
}

/* Everything after the socket is bound: daemonize, run, stop. */
static int serve(struct rsmd *d)
{
    int rc = 1;

    if (!d->foreground) {
        if (daemonize() != 0)
            return 1;
        log_open("rsmd", 1, d->cfg.log_level);
    }
    if (uv_loop_init(&d->loop) != 0) {
        log_error("cannot create the event loop");
        return 1;
    }
    if (server_start(&d->srv, &d->loop, d->store, &d->cfg, d->sock.fd) == 0 &&
        watch_signals(d) == 0) {
        /* A library whose device fails is logged and shown as needing
         * service; it never keeps rsmd from serving the others. Libraries
         * are NTMS_INITIALIZING until their attach completes. Without
         * device change detection rsmd still serves (its calls then
         * answer ERROR_NOT_SUPPORTED). */
        ops_attach(&d->loop, d->store); /* the queue's loads use it before any other call may */
        start_label_libraries(&d->cfg);
        queue_attach(&d->loop, d->store, &d->cfg.queue);
        model_set_defer_dismount_default(d->cfg.queue.defer_seconds);
        opreq_start(&d->loop, d->store); /* before the libraries: a failing one raises a request */
        label_freewrite_attach(&d->loop, d->store);
        label_omid_attach(&d->loop, d->store);
        ops_clean_start(&d->loop, d->store);
        library_watch_start(&d->loop, d->store, NULL);
        library_start_all(&d->loop, d->store, d->cfg.libraries, d->cfg.nlibraries);
        if (d->cfg.discover)
            library_start_discovered(&d->loop, d->store, d->cfg.sysfs, d->cfg.libraries,
                                     d->cfg.nlibraries);
        d->srv.ready = 1;
        uv_run(&d->loop, UV_RUN_DEFAULT);
        rc = 0;
    }
    ops_clean_stop();
    queue_stop();
    library_stop_all(); /* after a failed start, or a loop that ended by itself; and
                         * device change detection */
    label_libraries_unload();
    label_omid_free();
    label_freewrite_free();
    queue_free();
    opreq_stop();
    /* Close whatever is still open (the drain timer, or everything after a
     * failed start) and let the close callbacks run. */
    uv_walk(&d->loop, close_handle, NULL);
    uv_run(&d->loop, UV_RUN_DEFAULT);
    uv_loop_close(&d->loop);
    return rc;
}

int main(int argc, char **argv)
{
    static struct rsmd d; /* large (the server's read buffer); zeroed */
    char err[512];
    int rc = parse_args(&d, argc, argv);

    if (rc >= 0)
        return rc;
    signal(SIGPIPE, SIG_IGN);
    log_open("rsmd", 0, LOG_LVL_INFO);
    if (config_load(&d.cfg, d.config_path, d.config_required, err, sizeof err) != 0) {
        fprintf(stderr, "rsmd: %s\n", err);
        return RSMD_EXIT_CONFIG;
    }
    log_set_level(d.cfg.log_level);
    raise_fd_limit();
    d.sock.fd = -1;
    d.lock_fd = -1;

    rc = 1;
    if (make_dirs(&d.cfg) == 0 && lock_database(&d) == 0 && open_store(&d) == 0) {
        if (listener_bind(&d.sock, d.cfg.socket, d.cfg.socket_mode, err, sizeof err) != 0) {
            log_error("%s", err);
        } else {
            log_info("rsmd %s listening on %s, database %s", RSM_VERSION, d.cfg.socket,
                     d.cfg.database);
            rc = serve(&d);
            listener_unlink(&d.sock);
            log_info("stopped");
        }
    }
    if (d.store != NULL)
        store_close(d.store);
    if (d.lock_fd >= 0)
        close(d.lock_fd);
    config_free(&d.cfg);
    log_close();
    return rc;
}
