/*
 * fileio.c - durable file operations for copies of the database
 * (backup.c, restore.c).
 *
 * A file survives a power cut once its bytes are synced and so is the
 * directory entry that names it; a rename is atomic, so a file that is
 * written under a temporary name, synced, renamed and its directory synced
 * is either wholly there or not at all. These helpers return 0, or -1 with
 * errno set, and leave the error line to their caller.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"

DWORD store_file_fail(char *why, size_t why_len, int err, const char *fmt, ...)
{
    char what[STORE_PATH_MAX + 64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(why, why_len, "%s: %s", what, strerror(err));
    log_error("%s", why);
    return err == ENOSPC || err == EDQUOT ? ERROR_DATABASE_FULL : ERROR_DATABASE_FAILURE;
}

int store_path_join(char *out, size_t len, const char *dir, const char *name, const char *suffix)
{
    int n = snprintf(out, len, "%s%s%s%s", dir != NULL ? dir : "", dir != NULL && dir[0] ? "/" : "", name,
                     suffix != NULL ? suffix : "");
    if (n < 0 || (size_t)n >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int store_unlink(const char *path)
{
    return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

static int sync_fd_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int store_sync_file(const char *path)
{
    return sync_fd_path(path, O_RDONLY);
}

int store_sync_dir_of(const char *path)
{
    char dir[STORE_PATH_MAX];
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        return sync_fd_path(".", O_RDONLY | O_DIRECTORY);
    if ((size_t)(slash - path) >= sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    return sync_fd_path(slash == path ? "/" : dir, O_RDONLY | O_DIRECTORY);
}

int store_make_dir(const char *dir)
{
    char path[STORE_PATH_MAX];
    struct stat st;

    if (dir[0] == '\0') {
        errno = ENOENT;
        return -1;
    }
    if (store_path_join(path, sizeof path, NULL, dir, NULL) != 0)
        return -1;
    /* Each level in turn; one that exists already is fine. */
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = saved;
        if (saved == '\0')
            break;
    }
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Write all of buf, through short writes and signals. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int store_copy_file(const char *from, const char *to)
{
    char buf[1 << 16];
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = -1, rc = -1;
    if (store_unlink(to) == 0)
        out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    while (out >= 0) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n == 0 ? fsync(out) : -1;
            break;
        }
        if (write_all(out, buf, (size_t)n) != 0)
            break;
    }
    int saved = errno;
    close(in);
    if (out >= 0 && close(out) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0 && out >= 0)
        unlink(to);
    errno = saved;
    return rc;
}

int store_write_atomic(const char *path, const char *text)
{
    char tmp[STORE_PATH_MAX];
    if (store_path_join(tmp, sizeof tmp, NULL, path, ".tmp") != 0)
        return -1;
    int fd = -1, rc = -1;
    if (store_unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
        rc = write_all(fd, text, strlen(text)) == 0 && fsync(fd) == 0 ? 0 : -1;
        int saved = errno;
        if (close(fd) != 0 && rc == 0)
            rc = -1;
        else
            errno = saved;
    }
    if (rc == 0)
        rc = rename(tmp, path) == 0 && store_sync_dir_of(path) == 0 ? 0 : -1;
    if (rc != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
    }
    return rc;
}
