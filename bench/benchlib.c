/*
 * bench/benchlib.c - the clock, percentiles and private rsmd of the
 * benchmarks (benchlib.h).
 */
#include "benchlib.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TRIES 200 /* x 50 ms */

double bench_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
}

double bench_pct(const double *sorted, size_t n, unsigned p)
{
    size_t rank = (p * n + 99) / 100;
    if (n == 0)
        return 0;
    return sorted[rank == 0 ? 0 : rank - 1];
}

static void fail(const char *what)
{
    fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

void bench_mkdtemp(const char *name, char *dir, size_t len)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, len, "%s/%s-XXXXXX", tmp && tmp[0] ? tmp : "/tmp", name);
    if (mkdtemp(dir) == NULL)
        fail(dir);
}

pid_t bench_start_rsmd(const char *rsmd, const char *dir, const char *extra, char *sock, size_t socklen)
{
    char conf[512], db[512], log[512];
    snprintf(conf, sizeof conf, "%s/rsmd.conf", dir);
    snprintf(db, sizeof db, "%s/rsm.db", dir);
    snprintf(log, sizeof log, "%s/rsmd.log", dir);
    snprintf(sock, socklen, "%s/rsmd.sock", dir);
    FILE *f = fopen(conf, "w");
    if (f == NULL)
        fail("writing rsmd.conf");
    fprintf(f, "[rsmd]\nsocket = %s\ndatabase = %s\nlog_level = warn\ndiscover = no\n%s", sock, db,
            extra ? extra : "");
    fclose(f);
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execl(rsmd, rsmd, "--foreground", "--config", conf, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < START_TRIES; i++) {
        struct stat sb;
        if (stat(sock, &sb) == 0)
            return pid;
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            fprintf(stderr, "bench: rsmd exited before listening (log: %s)\n", log);
            exit(1);
        }
        usleep(50000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    fprintf(stderr, "bench: rsmd did not create its socket within 10 s (log: %s)\n", log);
    exit(1);
}

double bench_cpu_ms(pid_t pid)
{
    char path[64], buf[1024];
    unsigned long long utime, stime;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* after the command name, which may hold spaces: state is field 3,
     * utime and stime fields 14 and 15 */
    const char *p = strrchr(buf, ')');
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return -1;
    return (double)(utime + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

int bench_stop_rsmd(pid_t pid)
{
    int status;
    kill(pid, SIGTERM);
    for (int i = 0; i < START_TRIES; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        usleep(50000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}
