/*
 * mll.c - label libraries run out of process (mll.h): reading label.d,
 * starting and stopping rsm-label-helper processes, asking them to claim
 * labels within a time limit, and what happens when one misbehaves.
 */
#include "label/mll.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "label/mll_wire.h"
#include "util/log.h"

#ifndef RSM_LIBEXECDIR
#define RSM_LIBEXECDIR "/usr/local/libexec"
#endif

extern char **environ;

typedef struct mll {
    char name[64];
    char description[256];
    char path[PATH_MAX];
    pid_t pid;            /* 0: no helper */
    int fd;               /* our end of the socket pair, -1: none */
    uint32_t max_size;    /* MaxMediaLabel, at most MLL_MAX_LABEL */
    unsigned failures;    /* in a row */
    bool disabled;
} mll_t;

static struct {
    pthread_mutex_t mu;
    mll_t v[MLL_MAX_LIBRARIES];
    size_t n;
    char helper[PATH_MAX];
    unsigned timeout_ms;
} reg = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* --- the helper process ------------------------------------------------------ */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum io { IO_OK, IO_DEAD, IO_LATE, IO_GARBAGE };

/* One message of exactly `size` bytes and kind `kind`, within timeout_ms. */
static enum io receive(mll_t *m, void *msg, size_t size, uint32_t kind, unsigned timeout_ms)
{
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        int64_t left = deadline - now_ms();
        struct pollfd p = {.fd = m->fd, .events = POLLIN};
        if (left <= 0)
            return IO_LATE;
        int rc = poll(&p, 1, (int)left);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0)
            return IO_DEAD;
        if (rc == 0)
            return IO_LATE;
        ssize_t n = recv(m->fd, msg, size, MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return IO_DEAD;
        const uint32_t *head = msg;
        if ((size_t)n != size || head[0] != MLL_WIRE_MAGIC || head[1] != kind)
            return IO_GARBAGE;
        return IO_OK;
    }
}

/* End the helper, whatever it is doing, and say how it ended. A helper
 * that closed its end may be dying on its own (a crash): give it a moment
 * so that its own cause of death is the one reported. */
static void stop_helper(mll_t *m, bool let_it_die, char *how, size_t how_len)
{
    int status = 0;
    pid_t got = 0;

    if (m->fd >= 0)
        close(m->fd);
    m->fd = -1;
    if (m->pid <= 0) {
        snprintf(how, how_len, "no helper");
        return;
    }
    for (int i = 0; let_it_die && got == 0 && i < 50; i++) {
        got = waitpid(m->pid, &status, WNOHANG);
        if (got == 0)
            usleep(2000);
    }
    if (got == 0) {
        kill(m->pid, SIGKILL);
        while ((got = waitpid(m->pid, &status, 0)) < 0 && errno == EINTR)
            ;
        snprintf(how, how_len, "helper killed");
    } else if (got > 0 && WIFSIGNALED(status)) {
        snprintf(how, how_len, "helper died of signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    } else if (got > 0 && WIFEXITED(status)) {
        snprintf(how, how_len, "helper exited with status %d", WEXITSTATUS(status));
    } else {
        snprintf(how, how_len, "helper gone");
    }
    m->pid = 0;
}

/* The child's end of the pair must become descriptor 3; dup2 onto itself
 * would keep its close-on-exec flag, so move it away from 3 first. */
static int child_end(int fd)
{
    if (fd != MLL_HELPER_FD)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, MLL_HELPER_FD + 1);
    close(fd);
    return moved;
}

/* Start the helper and wait for its HELLO. 0, or an error with `why`. */
static DWORD start_helper(mll_t *m, char *why, size_t why_len)
{
    int sv[2];
    posix_spawn_file_actions_t fa;
    char *argv[] = {reg.helper, m->path, m->name, NULL};
    mll_hello_t h;

    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
        snprintf(why, why_len, "socketpair: %s", strerror(errno));
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    int child = child_end(sv[1]);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, child, MLL_HELPER_FD);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    int rc = child < 0 ? errno : posix_spawn(&m->pid, reg.helper, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (child >= 0)
        close(child);
    m->fd = sv[0];
    if (rc != 0) {
        m->pid = 0;
        close(m->fd);
        m->fd = -1;
        snprintf(why, why_len, "cannot start %.200s: %s", reg.helper, strerror(rc));
        return ERROR_FILE_NOT_FOUND;
    }
    /* Loading may take longer than answering (the dynamic linker, a cold
     * cache, a sanitizer's start-up): its own, larger bound. */
    unsigned hello_ms = reg.timeout_ms > MLL_HELLO_TIMEOUT_MS ? reg.timeout_ms : MLL_HELLO_TIMEOUT_MS;
    enum io io = receive(m, &h, sizeof h, MLL_HELLO, hello_ms);
    if (io == IO_OK && h.status == 0 && h.max_size > 0) {
        m->max_size = h.max_size < MLL_MAX_LABEL ? h.max_size : MLL_MAX_LABEL;
        return 0;
    }
    char how[128];
    h.why[sizeof h.why - 1] = '\0';
    stop_helper(m, io == IO_DEAD || io == IO_OK, how, sizeof how);
    if (io == IO_OK)
        snprintf(why, why_len, "%s", h.why[0] ? h.why : "the plug-in refused to load");
    else
        snprintf(why, why_len, "%s at load (%s)", io == IO_LATE ? "no answer" : "no valid answer", how);
    return ERROR_BAD_FORMAT;
}

/* A helper failed on a label: one line, and a fresh helper (or, after
 * MLL_MAX_FAILURES in a row, none). */
static void failed(mll_t *m, const char *what, bool let_it_die)
{
    char how[128], why[256];
    stop_helper(m, let_it_die, how, sizeof how);
    if (++m->failures >= MLL_MAX_FAILURES) {
        m->disabled = true;
        log_error("label library %s: %s (%s); disabled after %u failures in a row", m->name, what, how,
                  m->failures);
        return;
    }
    if (start_helper(m, why, sizeof why) != 0) {
        m->disabled = true;
        log_error("label library %s: %s (%s); cannot restart it: %s; disabled", m->name, what, how, why);
        return;
    }
    log_warn("label library %s: %s (%s); the label counts as not claimed; helper restarted", m->name, what, how);
}

/* --- asking for a claim ------------------------------------------------------ */

static enum io send_claim(mll_t *m, const uint8_t *buf, size_t n)
{
    mll_claim_t c = {.magic = MLL_WIRE_MAGIC, .kind = MLL_CLAIM, .len = (uint32_t)n};
    struct iovec iov[2] = {{&c, sizeof c}, {(void *)buf, n}};
    struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
    ssize_t sent;
    do
        sent = sendmsg(m->fd, &msg, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    return sent == (ssize_t)(sizeof c + n) ? IO_OK : IO_DEAD;
}

/* Check a claim and turn it into *out. */
static bool accept_answer(mll_t *m, mll_answer_t *a, label_info_t *out)
{
    a->type[sizeof a->type - 1] = '\0';
    a->descr[sizeof a->descr - 1] = '\0';
    if (a->id_len == 0 || a->id_len > LABEL_ID_MAX) {
        log_warn("label library %s: claim refused: a label ID of %u bytes (an on-media identifier holds 1 to %d)",
                 m->name, (unsigned)a->id_len, LABEL_ID_MAX);
        return false;
    }
    memset(out, 0, sizeof *out);
    label_set(out, "plugin", NULL, NULL);
    label_copy_utf8(out->type, sizeof out->type, (const uint8_t *)a->type, strlen(a->type));
    label_copy_utf8(out->name, sizeof out->name, (const uint8_t *)a->descr, strlen(a->descr));
    if (out->type[0] == '\0') {
        log_warn("label library %s: claim refused: no label type", m->name);
        memset(out, 0, sizeof *out);
        return false;
    }
    label_set_id(out, a->id, a->id_len);
    return true;
}

/* Ask one plug-in. */
static bool ask(mll_t *m, const uint8_t *buf, size_t len, label_info_t *out)
{
    mll_answer_t a;
    size_t n = len < m->max_size ? len : m->max_size;

    if (send_claim(m, buf, n) != IO_OK) {
        failed(m, "its helper is gone", true);
        return false;
    }
    switch (receive(m, &a, sizeof a, MLL_ANSWER, reg.timeout_ms)) {
    case IO_OK:
        break;
    case IO_LATE:
        failed(m, "no answer in time", false);
        return false;
    case IO_DEAD:
        failed(m, "crashed on a label", true);
        return false;
    case IO_GARBAGE:
        failed(m, "answered garbage", false);
        return false;
    }
    a.why[sizeof a.why - 1] = '\0';
    if (a.status == MLL_ERROR_MISBEHAVED) {
        log_warn("label library %s: claim refused: %s", m->name, a.why);
        if (++m->failures >= MLL_MAX_FAILURES) {
            m->disabled = true;
            log_error("label library %s: disabled after %u failures in a row", m->name, m->failures);
        }
        return false;
    }
    m->failures = 0;
    if (a.status == ERROR_BAD_FORMAT)
        return false;
    if (a.status != NO_ERROR) {
        log_warn("label library %s: ClaimMediaLabel returned %u; taken as not claimed", m->name,
                 (unsigned)a.status);
        return false;
    }
    return accept_answer(m, &a, out);
}

bool label_libraries_claim(const uint8_t *buf, size_t len, label_info_t *out)
{
    bool claimed = false;

    memset(out, 0, sizeof *out);
    if (buf == NULL || len == 0)
        return false;
    pthread_mutex_lock(&reg.mu);
    for (size_t i = 0; i < reg.n && !claimed; i++)
        if (!reg.v[i].disabled && reg.v[i].pid > 0)
            claimed = ask(&reg.v[i], buf, len, out);
    pthread_mutex_unlock(&reg.mu);
    return claimed;
}

/* --- label.d ----------------------------------------------------------------- */

/* Only an administrator may install a label library: the file must be a
 * regular file owned by root or by us, and writable by nobody else. */
static bool trusted_file(const char *path, const char *what, const char *conf)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        log_error("label library %s: %s %s: %s", conf, what, path, strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode) || (st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & 022) != 0) {
        log_error("label library %s: %s %s must be a file owned by root (or rsmd's user) that no one else may "
                  "write; ignored",
                  conf, what, path);
        return false;
    }
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* One key of a .conf file into m. false: a bad value (logged). */
static bool conf_key(mll_t *m, const char *file, int line, const char *key, const char *value)
{
    static const struct {
        const char *key;
        size_t off, size;
    } keys[] = {
        {"name", offsetof(mll_t, name), sizeof(((mll_t *)0)->name)},
        {"description", offsetof(mll_t, description), sizeof(((mll_t *)0)->description)},
        {"path", offsetof(mll_t, path), sizeof(((mll_t *)0)->path)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].key) != 0)
            continue;
        if (strlen(value) >= keys[i].size) {
            log_error("%s:%d: %s is longer than %zu bytes", file, line, key, keys[i].size - 1);
            return false;
        }
        memcpy((char *)m + keys[i].off, value, strlen(value) + 1);
        return true;
    }
    log_warn("%s:%d: unknown key '%s', ignored", file, line, key);
    return true;
}

/* Read one NAME.conf into m (name defaults to NAME). */
static bool read_conf(const char *dir, const char *entry, mll_t *m)
{
    char file[PATH_MAX], text[512];
    snprintf(file, sizeof file, "%s/%s", dir, entry);
    memset(m, 0, sizeof *m);
    m->fd = -1;
    snprintf(m->name, sizeof m->name, "%.*s", (int)(strlen(entry) - strlen(".conf")), entry);
    if (!trusted_file(file, "configuration", entry))
        return false;
    FILE *f = fopen(file, "re");
    if (f == NULL) {
        log_error("label library: cannot read %s: %s", file, strerror(errno));
        return false;
    }
    bool ok = true;
    for (int line = 1; ok && fgets(text, sizeof text, f) != NULL; line++) {
        char *s = trim(text), *eq = strchr(s, '=');
        if (*s == '\0' || *s == '#' || *s == ';' || *s == '[')
            continue;
        if (eq == NULL) {
            log_error("%s:%d: not a 'key = value' line", file, line);
            ok = false;
            break;
        }
        *eq = '\0';
        ok = conf_key(m, file, line, trim(s), trim(eq + 1));
    }
    fclose(f);
    if (ok && m->path[0] != '/') {
        log_error("label library %s: %s needs an absolute path", m->name, file);
        ok = false;
    }
    return ok && trusted_file(m->path, "plug-in", entry);
}

static int conf_filter(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".conf") == 0;
}

void label_libraries_unload(void)
{
    char how[128];
    pthread_mutex_lock(&reg.mu);
    for (size_t i = 0; i < reg.n; i++)
        stop_helper(&reg.v[i], false, how, sizeof how);
    reg.n = 0;
    pthread_mutex_unlock(&reg.mu);
}

size_t label_libraries_load(const char *dir, const char *helper, unsigned timeout_ms)
{
    struct dirent **names = NULL;
    size_t ready = 0;

    label_libraries_unload();
    int n = scandir(dir, &names, conf_filter, alphasort);
    if (n < 0) {
        if (errno != ENOENT)
            log_warn("label libraries: cannot read %s: %s", dir, strerror(errno));
        return 0;
    }
    pthread_mutex_lock(&reg.mu);
    snprintf(reg.helper, sizeof reg.helper, "%s", helper);
    reg.timeout_ms = timeout_ms ? timeout_ms : MLL_DEFAULT_TIMEOUT_MS;
    for (int i = 0; i < n; i++) {
        mll_t *m = &reg.v[reg.n];
        char why[256];
        if (reg.n == MLL_MAX_LIBRARIES) {
            log_error("label libraries: more than %u in %s; %s ignored", MLL_MAX_LIBRARIES, dir, names[i]->d_name);
        } else if (read_conf(dir, names[i]->d_name, m)) {
            if (start_helper(m, why, sizeof why) == 0) {
                log_info("label library %s (%s): %s, labels up to %u bytes", m->name,
                         m->description[0] ? m->description : "no description", m->path, (unsigned)m->max_size);
                reg.n++;
                ready++;
            } else {
                log_error("label library %s: %s: %s; not used", m->name, m->path, why);
            }
        }
        free(names[i]);
    }
    free(names);
    pthread_mutex_unlock(&reg.mu);
    return ready;
}

size_t label_libraries_count(void)
{
    size_t n = 0;
    pthread_mutex_lock(&reg.mu);
    for (size_t i = 0; i < reg.n; i++)
        n += !reg.v[i].disabled && reg.v[i].pid > 0;
    pthread_mutex_unlock(&reg.mu);
    return n;
}

const char *label_helper_default(char *buf, size_t len)
{
    static const char *const beside[] = {"rsm-label-helper", "label/rsm-label-helper"};
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
            snprintf(buf, len, "%s/%s", exe, beside[i]);
            if (access(buf, X_OK) == 0)
                return buf;
        }
    }
    snprintf(buf, len, "%s/rsm-label-helper", RSM_LIBEXECDIR);
    return buf;
}
