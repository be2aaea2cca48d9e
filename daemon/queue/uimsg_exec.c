/*
 * uimsg_exec.c - "exec:" destinations: a command run for each message.
 *
 * The destination after "exec:" is an absolute path and optional
 * arguments separated by blanks; there is no shell, so nothing in it is
 * expanded or quoted. The command runs in a session of its own (setsid),
 * with stdin, stdout and stderr on /dev/null and an environment of PATH
 * and the message's fields as RSM_EVENT, RSM_UI_TYPE, RSM_MESSAGE,
 * RSM_REQUEST_ID ... (uimsg_int.h). rsmd does not wait for it: its exit
 * is logged when it comes. One that runs longer than UIMSG_EXEC_TIMEOUT_MS
 * is killed with its process group, and that is logged too.
 */
#include "uimsg_int.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define EXEC_MAX_ARGS 16
#define EXEC_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

struct exec_job {
    uimsg_link_t link;       /* first: the list of running jobs */
    uv_process_t proc;
    uv_timer_t timer;
    int open_handles;        /* freed when both handles have closed */
    bool spawned, finished;
    char *argv[EXEC_MAX_ARGS + 1];
    char *env[UIMSG_NFIELDS + 2];
    char args[UIMSG_DEST_MAX];  /* the split command line argv points into */
};

static uimsg_link_t *jobs; /* running, for uimsg_exec_stop_all */

static void free_job(struct exec_job *j)
{
    for (size_t i = 0; j->env[i] != NULL; i++)
        free(j->env[i]);
    free(j);
}

static void on_closed(uv_handle_t *h)
{
    struct exec_job *j = h->data;

    if (--j->open_handles == 0)
        free_job(j);
}

/* Once per job: leave the list, give the slot back, close both handles. */
static void finish(struct exec_job *j)
{
    if (j->finished)
        return;
    j->finished = true;
    uimsg_link_remove(&jobs, &j->link);
    uimsg_release_slot();
    uv_close((uv_handle_t *)&j->timer, on_closed);
    uv_close((uv_handle_t *)&j->proc, on_closed);
}

static void on_child_exit(uv_process_t *p, int64_t status, int signum)
{
    struct exec_job *j = p->data;

    if (signum != 0)
        log_warn("ui: command %s ended by signal %d", j->argv[0], signum);
    else if (status != 0)
        log_warn("ui: command %s exited with status %lld", j->argv[0], (long long)status);
    else
        log_info("ui: command %s delivered the message", j->argv[0]);
    finish(j);
}

/* The command is still running at its time limit: kill its whole group;
 * on_child_exit follows. */
static void on_timeout(uv_timer_t *t)
{
    struct exec_job *j = t->data;

    log_warn("ui: command %s still runs after %u ms; killing it", j->argv[0], UIMSG_EXEC_TIMEOUT_MS);
    if (kill(-j->proc.pid, SIGKILL) != 0)
        uv_process_kill(&j->proc, SIGKILL);
}

/* Split "exec:/path arg arg" into argv; -1 when there are too many. */
static int split_args(struct exec_job *j, const char *dest)
{
    size_t n = 0;
    char *p = j->args;

    snprintf(j->args, sizeof j->args, "%s", dest + strlen("exec:"));
    while (*p != '\0') {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (*p == '\0')
            break;
        if (n == EXEC_MAX_ARGS)
            return -1;
        j->argv[n++] = p;
        while (*p != '\0' && *p != ' ' && *p != '\t')
            p++;
    }
    j->argv[n] = NULL;
    return n > 0 ? 0 : -1;
}

/* PATH, then RSM_<KEY>=value for each field. */
static int build_env(struct exec_job *j, const uimsg_payload_t *p)
{
    size_t n = 0;

    j->env[n++] = strdup(EXEC_PATH);
    for (size_t i = 0; i < p->n && j->env[n - 1] != NULL; i++) {
        char *e = malloc(strlen(p->key[i]) + strlen(p->value[i]) + 6);
        if (e != NULL) {
            char *k = e + sprintf(e, "RSM_");
            for (const char *s = p->key[i]; *s != '\0'; s++)
                *k++ = (char)toupper((unsigned char)*s);
            sprintf(k, "=%s", p->value[i]);
        }
        j->env[n++] = e;
    }
    j->env[n] = NULL;
    return j->env[n - 1] != NULL ? 0 : -1;
}

void uimsg_exec_start(const char *dest, const uimsg_payload_t *p)
{
    uv_stdio_container_t stdio[3] = {{.flags = UV_IGNORE}, {.flags = UV_IGNORE}, {.flags = UV_IGNORE}};
    uv_process_options_t opt = {0};
    struct exec_job *j;
    int rc;

    if (!uimsg_take_slot(dest))
        return;
    j = calloc(1, sizeof *j);
    if (j == NULL || split_args(j, dest) != 0 || build_env(j, p) != 0) {
        log_warn("ui: cannot run %s: %s", dest, j == NULL ? "out of memory" : "bad command line or no memory");
        if (j != NULL)
            free_job(j);
        uimsg_release_slot();
        return;
    }
    opt.exit_cb = on_child_exit;
    opt.file = j->argv[0];
    opt.args = j->argv;
    opt.env = j->env;
    opt.flags = UV_PROCESS_DETACHED;
    opt.stdio_count = 3;
    opt.stdio = stdio;
    j->proc.data = j->timer.data = j;
    uv_timer_init(uimsg_loop(), &j->timer);
    j->open_handles = 2;
    uimsg_link_push(&jobs, &j->link);
    rc = uv_spawn(uimsg_loop(), &j->proc, &opt);
    if (rc != 0) {
        log_warn("ui: cannot run %s: %s", j->argv[0], uv_strerror(rc));
        finish(j); /* a failed spawn still needs its handle closed */
        return;
    }
    log_debug("ui: command %s started (pid %d)", j->argv[0], j->proc.pid);
    uv_timer_start(&j->timer, on_timeout, UIMSG_EXEC_TIMEOUT_MS, 0);
}

void uimsg_exec_stop_all(void)
{
    while (jobs != NULL) {
        struct exec_job *j = (struct exec_job *)jobs;
        log_warn("ui: rsmd is stopping; killing command %s", j->argv[0]);
        if (j->proc.pid > 0)
            kill(-j->proc.pid, SIGKILL);
        finish(j);
    }
}
