/*
 * virtual_dir.c - the virtual library's directory: paths, the lock,
 * library.conf, and the small state files (generation, flags, .from).
 *
 * Invariants kept here: every file that is replaced is replaced by rename()
 * of a complete temporary ("NAME.tmp"), so a reader never sees half a file;
 * an element is full exactly when its directory entry exists.
 */
#include "changer/virtual_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"

DWORD vfail(char *why, size_t why_len, DWORD code, const char *fmt, ...)
{
    if (why && why_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return code;
}

DWORD verrno(int err)
{
    switch (err) {
    case ENOENT: case ENOTDIR: return ERROR_FILE_NOT_FOUND;
    case EACCES: case EPERM: case EROFS: return ERROR_ACCESS_DENIED;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    case ENAMETOOLONG: return ERROR_INVALID_NAME;
    case ENOSPC: case EDQUOT: return ERROR_DISK_FULL;
    default: return ERROR_IO_DEVICE;
    }
}

/* --- addresses and paths ------------------------------------------------ */

uint16_t vaddr_first(int type)
{
    static const uint16_t first[ELEM_TYPES + 1] = {
        [ELEM_TRANSPORT] = VIRTUAL_TRANSPORT_ADDR, [ELEM_SLOT] = VIRTUAL_FIRST_SLOT,
        [ELEM_PORT] = VIRTUAL_FIRST_PORT, [ELEM_DRIVE] = VIRTUAL_FIRST_DRIVE,
    };
    return type >= 1 && type <= ELEM_TYPES ? first[type] : 0;
}

int vaddr_type(const vconf_t *c, uint16_t addr)
{
    for (int t = 1; t <= ELEM_TYPES; t++)
        if (addr >= vaddr_first(t) && addr - vaddr_first(t) < (int)c->count[t])
            return t;
    return 0;
}

void vpath(const vdir_t *d, char *out, const char *fmt, ...)
{
    /* Root length is bounded at open and relative names are short, so the
     * result always fits VPATH bytes. */
    int n = snprintf(out, VPATH, "%s/", d->root);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + n, VPATH - (size_t)n, fmt, ap);
    va_end(ap);
}

void vpath_element(const vdir_t *d, uint16_t addr, char *out)
{
    switch (vaddr_type(&d->conf, addr)) {
    case ELEM_TRANSPORT: vpath(d, out, "transport/%u", addr); break;
    case ELEM_SLOT: vpath(d, out, "slots/%u", addr); break;
    case ELEM_PORT: vpath(d, out, "ports/%u", addr); break;
    case ELEM_DRIVE: vpath(d, out, "drives/%u/tape", addr - VIRTUAL_FIRST_DRIVE + 1); break;
    default: out[0] = '\0'; break;
    }
}

void vpath_image(const vdir_t *d, const char *barcode, char *out)
{
    vpath(d, out, "cartridges/%s.img", barcode);
}

bool vbarcode_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > VIRTUAL_BARCODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        if (!ok)
            return false;
    }
    return true;
}

/* --- small files ---------------------------------------------------------- */

/* Replace `path` with `text` atomically. */
static int write_file(const char *path, const char *text, bool sync)
{
    char tmp[VPATH + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    size_t len = strlen(text);
    ssize_t w = write(fd, text, len);
    int err = w == (ssize_t)len ? 0 : (w < 0 ? errno : EIO);
    if (!err && sync && fsync(fd) != 0)
        err = errno;
    close(fd);
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err)
        unlink(tmp);
    return err;
}

/* Rewrite a counter or a hint in place: `text` at offset 0, the file cut
 * there (created the first time). Creating a file per write, as
 * write_file does, costs an inode each time, and on some file systems
 * (ext4 without a journal) finding a free one takes a third of a
 * millisecond; the robot wrote two per move. Callers write fixed-width
 * text and hold the library's lock; a write torn by a crash leaves a
 * number that means nothing, which costs what such a file is for, not
 * a cartridge (see vdir_bump and vdir_from_write). */
static int write_in_place(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    size_t len = strlen(text);
    ssize_t w = pwrite(fd, text, len, 0);
    int err = w == (ssize_t)len ? 0 : (w < 0 ? errno : EIO);
    if (!err && ftruncate(fd, (off_t)len) != 0)
        err = errno;
    close(fd);
    return err;
}

/* The first line of a small file, or "" when it cannot be read. */
static void read_line(const char *path, char *out, size_t len)
{
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = read(fd, out, len - 1);
    close(fd);
    out[n > 0 ? n : 0] = '\0';
    out[strcspn(out, "\r\n")] = '\0';
}

int vdir_from_read(const vdir_t *d, const char *barcode)
{
    char p[VPATH], line[32];
    vpath(d, p, "cartridges/%s.from", barcode);
    read_line(p, line, sizeof line);
    char *end;
    long v = strtol(line, &end, 10);
    if (end == line || *end != '\0' || v <= 0 || v > 65535)
        return -1;
    return (int)v;
}

void vdir_from_write(const vdir_t *d, const char *barcode, int addr)
{
    char p[VPATH], text[16];
    vpath(d, p, "cartridges/%s.from", barcode);
    if (addr < 0) {
        unlink(p);
        return;
    }
    snprintf(text, sizeof text, "%5d\n", addr);
    /* Only a hint (SMC's source address): a failure is logged, not fatal,
     * and a torn write reads back as no source or another address. */
    int err = write_in_place(p, text);
    if (err)
        log_warn("virtual library %s: cannot record the source of %s: %s",
                 d->conf.name, barcode, strerror(err));
}

bool vdir_flag(const vdir_t *d, const char *rel)
{
    char p[VPATH];
    struct stat st;
    vpath(d, p, "%s", rel);
    return lstat(p, &st) == 0;
}

DWORD vdir_flag_set(const vdir_t *d, const char *rel, bool on, char *why, size_t why_len)
{
    char p[VPATH];
    vpath(d, p, "%s", rel);
    if (on) {
        int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return vfail(why, why_len, verrno(errno), "%s: %s", p, strerror(errno));
        close(fd);
    } else if (unlink(p) != 0 && errno != ENOENT) {
        return vfail(why, why_len, verrno(errno), "%s: %s", p, strerror(errno));
    }
    return 0;
}

void vport_flag_name(uint16_t addr, char *out, size_t len)
{
    snprintf(out, len, "ports/%u.open", addr);
}

static uint64_t generation(const vdir_t *d)
{
    char p[VPATH], line[32];
    vpath(d, p, "generation");
    read_line(p, line, sizeof line);
    return strtoull(line, NULL, 10);
}

void vdir_bump(const vdir_t *d)
{
    char p[VPATH], text[32];
    vpath(d, p, "generation");
    snprintf(text, sizeof text, "%020" PRIu64 "\n", generation(d) + 1);
    /* A torn write is some other number: check() reports a change. */
    int err = write_in_place(p, text);
    if (err) /* directory mtimes still tell check() something changed */
        log_warn("virtual library %s: cannot update %s: %s", d->conf.name, p, strerror(err));
}

static uint64_t fnv(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        h = (h ^ (v & 0xff)) * 1099511628211ULL;
    return h;
}

static uint64_t mix_dir(uint64_t h, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fnv(h, (uint64_t)errno);
    h = fnv(h, (uint64_t)st.st_ino);
    h = fnv(h, (uint64_t)st.st_mtim.tv_sec);
    return fnv(h, (uint64_t)st.st_mtim.tv_nsec);
}

uint64_t vdir_fingerprint(const vdir_t *d)
{
    static const char *const dirs[] = {"", "transport", "slots", "ports"};
    char p[VPATH];
    uint64_t h = fnv(14695981039346656037ULL, generation(d));
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        vpath(d, p, "%s", dirs[i]);
        h = mix_dir(h, p);
    }
    for (unsigned n = 1; n <= d->conf.count[ELEM_DRIVE]; n++) {
        vpath(d, p, "drives/%u", n);
        h = mix_dir(h, p);
    }
    return h;
}

/* --- element contents ----------------------------------------------------- */

static enum vcontent classify_target(const vdir_t *d, const char *target, char *barcode)
{
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    size_t n = strlen(base);
    if (n <= 4 || n - 4 > VIRTUAL_BARCODE_MAX || strcmp(base + n - 4, ".img") != 0)
        return VC_FOREIGN_LINK;
    memcpy(barcode, base, n - 4);
    barcode[n - 4] = '\0';
    if (!vbarcode_valid(barcode))
        return VC_FOREIGN_LINK;

    char canon[VPATH];
    struct stat st;
    vpath_image(d, barcode, canon);
    bool exists = stat(canon, &st) == 0 && S_ISREG(st.st_mode);
    if (!exists)
        return VC_DANGLING;
    return strcmp(target, canon) == 0 ? VC_CARTRIDGE : VC_MISPLACED;
}

enum vcontent vdir_read_element(const vdir_t *d, uint16_t addr, char *barcode)
{
    char p[VPATH], target[PATH_MAX];
    barcode[0] = '\0';
    vpath_element(d, addr, p);
    if (!p[0])
        return VC_EMPTY;
    ssize_t n = readlink(p, target, sizeof target - 1);
    if (n < 0)
        return errno == ENOENT || errno == ENOTDIR ? VC_EMPTY : VC_FOREIGN_FILE;
    target[n] = '\0';
    return classify_target(d, target, barcode);
}

DWORD vdir_link_element(const vdir_t *d, uint16_t addr, const char *barcode, bool replace,
                        char *why, size_t why_len)
{
    char p[VPATH], target[VPATH], tmp[VPATH + 8];
    vpath_element(d, addr, p);
    vpath_image(d, barcode, target);
    if (!replace) {
        if (symlink(target, p) == 0)
            return 0;
        if (errno == EEXIST)
            return vfail(why, why_len, VERR_DEST_FULL, "element %u is full", addr);
        return vfail(why, why_len, verrno(errno), "%s: %s", p, strerror(errno));
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", p);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, p) != 0) {
        int err = errno;
        unlink(tmp);
        return vfail(why, why_len, verrno(err), "%s: %s", p, strerror(err));
    }
    return 0;
}

int vrename_noreplace(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return errno;
    /* This file system cannot refuse atomically. Every writer of ours holds
     * the exclusive lock, so only a person editing by hand can slip in
     * between the check and the rename. */
    struct stat st;
    if (lstat(to, &st) == 0)
        return EEXIST;
    if (errno != ENOENT)
        return errno;
    return rename(from, to) == 0 ? 0 : errno;
}

DWORD vdir_image_create(const vdir_t *d, const char *barcode, char *why, size_t why_len)
{
    char p[VPATH], tmp[VPATH + 8];
    struct stat st;
    vpath_image(d, barcode, p);
    if (stat(p, &st) == 0)
        return 0;
    snprintf(tmp, sizeof tmp, "%s.tmp", p);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return vfail(why, why_len, verrno(errno), "%s: %s", tmp, strerror(errno));
    int err = ftruncate(fd, (off_t)d->conf.cartridge_size) == 0 ? 0 : errno;
    close(fd);
    if (!err && rename(tmp, p) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        return vfail(why, why_len, verrno(err), "cannot create %s: %s", p, strerror(err));
    }
    return 0;
}

/* --- library.conf ----------------------------------------------------------- */

enum conf_kind { CK_STR, CK_UINT, CK_U64 };

static const struct conf_key {
    const char *key;
    enum conf_kind kind;
    size_t off, size;
    bool required;
} conf_keys[] = {
#define STR(k, m, r) {k, CK_STR, offsetof(vconf_t, m), sizeof(((vconf_t *)0)->m), r}
#define NUM(k, m, kd) {k, kd, offsetof(vconf_t, m), sizeof(((vconf_t *)0)->m), true}
    STR("name", name, false),
    STR("serial", serial, true),
    STR("created", created, false),
    NUM("slots", count[ELEM_SLOT], CK_UINT),
    NUM("drives", count[ELEM_DRIVE], CK_UINT),
    NUM("ports", count[ELEM_PORT], CK_UINT),
    NUM("cartridges", cartridges, CK_UINT),
    STR("barcode_prefix", prefix, false),
    STR("barcode_suffix", suffix, false),
    NUM("cartridge_size", cartridge_size, CK_U64),
#undef STR
#undef NUM
};
#define CONF_KEYS (sizeof conf_keys / sizeof conf_keys[0])

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static bool conf_set(vconf_t *c, const struct conf_key *k, const char *val)
{
    char *field = (char *)c + k->off;
    if (k->kind == CK_STR) {
        if (strlen(val) >= k->size)
            return false;
        memcpy(field, val, strlen(val) + 1);
        return true;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(val, &end, 10);
    if (errno || end == val || *end || val[0] == '-')
        return false;
    if (k->kind == CK_UINT) {
        if (v > UINT_MAX)
            return false;
        *(unsigned *)(void *)field = (unsigned)v;
    } else {
        *(uint64_t *)(void *)field = v;
    }
    return true;
}

static DWORD conf_check(const vconf_t *c, const char *path, char *why, size_t why_len)
{
    const unsigned *n = c->count;
    if (n[ELEM_SLOT] < 1 || n[ELEM_SLOT] > VIRTUAL_MAX_SLOTS || n[ELEM_DRIVE] < 1 ||
        n[ELEM_DRIVE] > VIRTUAL_MAX_DRIVES || n[ELEM_PORT] > VIRTUAL_MAX_PORTS)
        return vfail(why, why_len, ERROR_BAD_FORMAT, "%s: element counts out of range", path);
    if (c->cartridge_size == 0 || c->cartridge_size > (uint64_t)INT64_MAX)
        return vfail(why, why_len, ERROR_BAD_FORMAT, "%s: bad cartridge_size", path);
    if ((c->prefix[0] && !vbarcode_valid(c->prefix)) || (c->suffix[0] && !vbarcode_valid(c->suffix)) ||
        strlen(c->prefix) + strlen(c->suffix) + 5 > VIRTUAL_BARCODE_MAX)
        return vfail(why, why_len, ERROR_BAD_FORMAT, "%s: bad bar code prefix or suffix", path);
    return 0;
}

static DWORD conf_read(vdir_t *d, const char *path, FILE *f, char *why, size_t why_len)
{
    char line[256];
    bool seen[CONF_KEYS] = {false};
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == ';' || *s == '#' || *s == '[')
            continue;
        char *eq = strchr(s, '=');
        if (!eq)
            return vfail(why, why_len, ERROR_BAD_FORMAT, "%s:%u: expected key = value", path, lineno);
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        size_t i = 0;
        while (i < CONF_KEYS && strcmp(conf_keys[i].key, key) != 0)
            i++;
        if (i == CONF_KEYS) {
            log_warn("%s:%u: unknown key '%s' ignored", path, lineno, key);
            continue;
        }
        if (!conf_set(&d->conf, &conf_keys[i], val))
            return vfail(why, why_len, ERROR_BAD_FORMAT, "%s:%u: bad value for %s", path, lineno, key);
        seen[i] = true;
    }
    for (size_t i = 0; i < CONF_KEYS; i++)
        if (conf_keys[i].required && !seen[i])
            return vfail(why, why_len, ERROR_BAD_FORMAT, "%s: %s missing", path, conf_keys[i].key);
    d->conf.count[ELEM_TRANSPORT] = 1;
    return conf_check(&d->conf, path, why, why_len);
}

DWORD vdir_conf_write(const vdir_t *d, char *why, size_t why_len)
{
    char text[2048], p[VPATH];
    size_t n = (size_t)snprintf(text, sizeof text,
        "; RSM virtual library (see docs/design/virtual-library.md).\n"
        "; Written by rsmd. Counts only ever grow; cartridges live in cartridges/.\n"
        "[library]\n");
    for (size_t i = 0; i < CONF_KEYS && n < sizeof text; i++) {
        const struct conf_key *k = &conf_keys[i];
        const char *field = (const char *)&d->conf + k->off;
        if (k->kind == CK_STR)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s = %s\n", k->key, field);
        else if (k->kind == CK_UINT)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s = %u\n", k->key,
                                  *(const unsigned *)(const void *)field);
        else
            n += (size_t)snprintf(text + n, sizeof text - n, "%s = %" PRIu64 "\n", k->key,
                                  *(const uint64_t *)(const void *)field);
    }
    vpath(d, p, "library.conf");
    int err = write_file(p, text, true);
    if (err)
        return vfail(why, why_len, verrno(err), "cannot write %s: %s", p, strerror(err));
    return 0;
}

/* --- open, lock ------------------------------------------------------------- */

static int mkdir_parents(const char *path)
{
    char buf[PATH_MAX];
    if (strlen(path) >= sizeof buf)
        return ENAMETOOLONG;
    strcpy(buf, path);
    for (char *s = buf + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char keep = *s;
        *s = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return errno;
        if (!keep)
            return 0;
        *s = keep;
    }
}

DWORD vdir_open(vdir_t *d, const char *root, bool create, char *why, size_t why_len)
{
    char canon[PATH_MAX], p[VPATH];
    struct stat st;
    memset(d, 0, sizeof *d);
    d->lock_fd = -1;
    if (!root || !*root)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "no root directory given");
    if (create) {
        int err = mkdir_parents(root);
        if (err)
            return vfail(why, why_len, verrno(err), "cannot create %s: %s", root, strerror(err));
    }
    if (!realpath(root, canon))
        return vfail(why, why_len, verrno(errno), "%s: %s", root, strerror(errno));
    if (strlen(canon) > VIRTUAL_ROOT_MAX)
        return vfail(why, why_len, ERROR_INVALID_NAME, "%s: path longer than %d bytes",
                     canon, VIRTUAL_ROOT_MAX);
    strcpy(d->root, canon);
    vpath(d, p, "library.conf");
    if (!create && stat(p, &st) != 0) {
        int err = errno;
        return vfail(why, why_len, verrno(err), "%s: %s%s", p, strerror(err),
                     err == ENOENT ? " (not a virtual library)" : "");
    }
    vpath(d, p, ".lock");
    d->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (d->lock_fd < 0)
        return vfail(why, why_len, verrno(errno), "%s: %s", p, strerror(errno));
    return 0;
}

DWORD vdir_load(vdir_t *d, bool *exists, char *why, size_t why_len)
{
    char p[VPATH], name[sizeof d->conf.name];
    memcpy(name, d->conf.name, sizeof name);
    memset(&d->conf, 0, sizeof d->conf);
    *exists = false;
    vpath(d, p, "library.conf");
    FILE *f = fopen(p, "re");
    if (!f) {
        int err = errno;
        return err == ENOENT ? 0 : vfail(why, why_len, verrno(err), "%s: %s", p, strerror(err));
    }
    *exists = true;
    DWORD rc = conf_read(d, p, f, why, why_len);
    fclose(f);
    if (name[0]) /* log lines use the name the caller knows the library by */
        memcpy(d->conf.name, name, sizeof name);
    return rc;
}

void vdir_close(vdir_t *d)
{
    if (d->lock_fd >= 0)
        close(d->lock_fd);
    d->lock_fd = -1;
}

DWORD vdir_lock(vdir_t *d, bool exclusive, char *why, size_t why_len)
{
    while (flock(d->lock_fd, exclusive ? LOCK_EX : LOCK_SH) != 0) {
        if (errno != EINTR)
            return vfail(why, why_len, ERROR_IO_DEVICE, "%s/.lock: %s", d->root, strerror(errno));
    }
    return 0;
}

void vdir_unlock(vdir_t *d)
{
    flock(d->lock_fd, LOCK_UN);
}

bool vdir_is_empty(const vdir_t *d)
{
    DIR *dir = opendir(d->root);
    if (!dir)
        return false;
    bool empty = true;
    struct dirent *e;
    while (empty && (e = readdir(dir)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, ".lock"))
            empty = false;
    closedir(dir);
    return empty;
}
