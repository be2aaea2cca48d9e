/*
 * config.c - reading rsmd.conf (see config.h and docs/rsmd.conf.5.md).
 *
 * inih does the tokenizing; this file owns the defaults, the section and
 * key tables, value checking, and line numbers for messages. inih's handler
 * does not receive line numbers, so the file is fed through our own line
 * reader, which counts physical lines and remembers where the current
 * section began. Lines too long for inih's buffer are an error rather than
 * being silently split into two.
 */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <rsm/ntmsapi.h>

#include "label/mll.h"
#include "library/library.h"
#include "notify/notify.h"
#include "wire.h"

/* The state of one parse, passed to inih as both stream and user data. */
struct parse {
    struct rsmd_config *cfg;
    const char *file;
    FILE *fp;
    int line;           /* physical line last handed to inih */
    int section_line;   /* line of the latest [section] header */
    char warned[128];   /* unknown section already warned about */
    char *err;          /* first error, "file:line: why" */
    size_t err_len;
    int failed;
    int *library_lines; /* header line of each [library NAME], for late errors */
};

static void parse_error(struct parse *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void parse_error(struct parse *p, int line, const char *fmt, ...)
{
    char why[256];
    va_list ap;

    if (p->failed)
        return; /* the first error is the one worth reading */
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->err_len, "%s:%d: %s", p->file, line, why);
    p->failed = 1;
}

/* ------------------------------------------------------------------------ */
/* Values */

typedef int (*value_parser)(struct parse *p, void *field, const char *value);

static int parse_string(struct parse *p, void *field, const char *value)
{
    char *copy = strdup(value);
    if (copy == NULL) {
        parse_error(p, p->line, "out of memory");
        return 0;
    }
    free(*(char **)field);
    *(char **)field = copy;
    return 1;
}

static int parse_level(struct parse *p, void *field, const char *value)
{
    int level = log_level_parse(value);
    if (level < 0) {
        parse_error(p, p->line, "log_level '%s' is not one of error, warn, info, debug", value);
        return 0;
    }
    *(enum log_level *)field = (enum log_level)level;
    return 1;
}

static int parse_mode(struct parse *p, void *field, const char *value)
{
    char *end;
    unsigned long mode;

    errno = 0;
    mode = strtoul(value, &end, 8);
    if (errno != 0 || end == value || *end != '\0' || mode > 0777) {
        parse_error(p, p->line, "socket_mode '%s' is not an octal mode between 0 and 0777",
                    value);
        return 0;
    }
    *(mode_t *)field = (mode_t)mode;
    return 1;
}

static int parse_msecs(struct parse *p, void *field, const char *value)
{
    char *end;
    unsigned long ms;

    errno = 0;
    ms = strtoul(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || ms < 10 || ms > 600000) {
        parse_error(p, p->line, "'%s' is not a number of milliseconds from 10 to 600000", value);
        return 0;
    }
    *(unsigned *)field = (unsigned)ms;
    return 1;
}

static int parse_bool(struct parse *p, void *field, const char *value)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(value, yes[i]) == 0 || strcmp(value, no[i]) == 0) {
            *(int *)field = strcmp(value, yes[i]) == 0;
            return 1;
        }
    }
    parse_error(p, p->line, "'%s' is not yes or no", value);
    return 0;
}

/* A number of seconds, 1 .. one day. */
static int parse_seconds(struct parse *p, void *field, const char *value)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || v == 0 || v > 86400) {
        parse_error(p, p->line, "'%s' is not a number of seconds between 1 and 86400", value);
        return 0;
    }
    *(unsigned *)field = (unsigned)v;
    return 1;
}

static int parse_queue_size(struct parse *p, void *field, const char *value)
{
    char *end;
    unsigned long long n;

    errno = 0;
    n = strtoull(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || value[0] == '-' || n < 1 || n > NOTIFY_MAX_QUEUE) {
        parse_error(p, p->line, "notify_queue '%s' is not a number of events from 1 to %u", value,
                    NOTIFY_MAX_QUEUE);
        return 0;
    }
    *(size_t *)field = (size_t)n;
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Sections */

struct key_def {
    const char *name;
    value_parser parse;
    size_t offset;
};

static const struct key_def rsmd_keys[] = {
    {"socket", parse_string, offsetof(struct rsmd_config, socket)},
    {"database", parse_string, offsetof(struct rsmd_config, database)},
    {"export_dir", parse_string, offsetof(struct rsmd_config, export_dir)},
    {"computer_name", parse_string, offsetof(struct rsmd_config, computer_name)},
    {"log_level", parse_level, offsetof(struct rsmd_config, log_level)},
    {"socket_mode", parse_mode, offsetof(struct rsmd_config, socket_mode)},
    {"discover", parse_bool, offsetof(struct rsmd_config, discover)},
    {"sysfs", parse_string, offsetof(struct rsmd_config, sysfs)},
    {"label_dir", parse_string, offsetof(struct rsmd_config, label_dir)},
    {"label_helper", parse_string, offsetof(struct rsmd_config, label_helper)},
    {"label_timeout_ms", parse_msecs, offsetof(struct rsmd_config, label_timeout_ms)},
    {"mount_age_seconds", parse_seconds, offsetof(struct rsmd_config, queue.age_seconds)},
    {"drive_ready_seconds", parse_seconds, offsetof(struct rsmd_config, queue.ready_seconds)},
    {"defer_dismount_seconds", parse_seconds, offsetof(struct rsmd_config, queue.defer_seconds)},
    {"notify_queue", parse_queue_size, offsetof(struct rsmd_config, notify_queue)},
};

/* A key of a section whose keys all land in fixed fields of the config. */
static int set_table_key(struct parse *p, const struct key_def *keys, size_t nkeys,
                         const char *section, const char *name, const char *value)
{
    for (size_t i = 0; i < nkeys; i++)
        if (strcmp(keys[i].name, name) == 0)
            return keys[i].parse(p, (char *)p->cfg + keys[i].offset, value);
    log_warn("%s:%d: unknown key '%s' in [%s], ignored", p->file, p->line, name, section);
    return 1;
}

static int rsmd_key(struct parse *p, const char *arg, const char *name, const char *value)
{
    (void)arg;
    return set_table_key(p, rsmd_keys, sizeof rsmd_keys / sizeof rsmd_keys[0], "rsmd", name,
                         value);
}

/* [library NAME]: the section's library, created at its first key. */
static library_config_t *library_named(struct parse *p, const char *name)
{
    struct rsmd_config *cfg = p->cfg;
    for (size_t i = 0; i < cfg->nlibraries; i++)
        if (strcmp(cfg->libraries[i].name, name) == 0)
            return &cfg->libraries[i];
    library_config_t *v = realloc(cfg->libraries, (cfg->nlibraries + 1) * sizeof(*v));
    int *lines = realloc(p->library_lines, (cfg->nlibraries + 1) * sizeof(*lines));
    if (v != NULL)
        cfg->libraries = v;
    if (lines != NULL)
        p->library_lines = lines;
    if (v == NULL || lines == NULL) {
        parse_error(p, p->line, "out of memory");
        return NULL;
    }
    if (library_config_init(&v[cfg->nlibraries], name) != 0) {
        parse_error(p, p->section_line, "library name '%s' is longer than %d bytes", name, LIBRARY_NAME_LEN - 1);
        return NULL;
    }
    lines[cfg->nlibraries] = p->section_line;
    return &v[cfg->nlibraries++];
}

static int library_key(struct parse *p, const char *arg, const char *name, const char *value)
{
    char why[256];
    library_config_t *lib = library_named(p, arg);
    if (lib == NULL)
        return 0;
    switch (library_config_key(lib, name, value, why, sizeof why)) {
    case 0:
        return 1;
    case 1:
        log_warn("%s:%d: unknown key '%s' in [library %s], ignored", p->file, p->line, name, arg);
        return 1;
    default:
        parse_error(p, p->line, "[library %s]: %s", arg, why);
        return 0;
    }
}

/* One row per kind of section. A row with has_arg matches "[name ARG]" and
 * its handler receives ARG ("[library NAME]"). */
struct section_def {
    const char *name;
    int has_arg;
    int (*key)(struct parse *p, const char *arg, const char *name, const char *value);
};

static const struct section_def sections[] = {
    {"rsmd", 0, rsmd_key},
    {"library", 1, library_key},
};

static const struct section_def *find_section(const char *section, const char **arg)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        const struct section_def *s = &sections[i];
        size_t n = strlen(s->name);
        if (strncmp(section, s->name, n) != 0)
            continue;
        if (!s->has_arg && section[n] == '\0') {
            *arg = NULL;
            return s;
        }
        if (s->has_arg && section[n] == ' ' && section[n + 1] != '\0') {
            *arg = section + n + 1;
            return s;
        }
    }
    return NULL;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    const char *arg;
    const struct section_def *s = find_section(section, &arg);

    if (s != NULL)
        return s->key(p, arg, name, value);
    /* Warn once per unknown section, at its header line. */
    if (strncmp(p->warned, section, sizeof p->warned) != 0) {
        snprintf(p->warned, sizeof p->warned, "%s", section);
        if (section[0] == '\0')
            log_warn("%s:%d: key '%s' outside any section, ignored", p->file, p->line, name);
        else
            log_warn("%s:%d: unknown section [%s], ignored", p->file, p->section_line, section);
    }
    return 1;
}

/* fgets for inih that counts lines and rejects lines longer than its buffer. */
static char *read_line(char *buf, int size, void *stream)
{
    struct parse *p = stream;
    size_t n;
    const char *start;

    if (fgets(buf, size, p->fp) == NULL)
        return NULL;
    p->line++;
    n = strlen(buf);
    if (n == (size_t)size - 1 && buf[n - 1] != '\n' && !feof(p->fp)) {
        int ch;
        while ((ch = fgetc(p->fp)) != EOF && ch != '\n')
            ;
        parse_error(p, p->line, "line longer than %d characters", size - 3);
        buf[0] = '\0';
        return buf;
    }
    start = buf + strspn(buf, " \t");
    if (*start == '[')
        p->section_line = p->line;
    return buf;
}

/* ------------------------------------------------------------------------ */
/* Loading */

static int set_defaults(struct rsmd_config *cfg)
{
    char host[256];

    memset(cfg, 0, sizeof *cfg);
    cfg->log_level = LOG_LVL_INFO;
    cfg->socket_mode = RSMD_DEFAULT_SOCKET_MODE;
    cfg->discover = 1;
    cfg->notify_queue = NOTIFY_DEFAULT_QUEUE;
    if (gethostname(host, sizeof host) != 0 || host[0] == '\0')
        snprintf(host, sizeof host, "localhost");
    host[sizeof host - 1] = '\0';
    host[NTMS_COMPUTERNAME_LENGTH - 1] = '\0'; /* fits the computer object */
    cfg->socket = strdup(RSM_DEFAULT_SOCKET);
    cfg->database = strdup(RSMD_DEFAULT_DATABASE);
    cfg->computer_name = strdup(host);
    cfg->sysfs = strdup(RSMD_DEFAULT_SYSFS);
    cfg->label_dir = strdup(MLL_DEFAULT_DIR);
    cfg->label_helper = strdup("");
    cfg->label_timeout_ms = MLL_DEFAULT_TIMEOUT_MS;
    return cfg->socket && cfg->database && cfg->computer_name && cfg->sysfs && cfg->label_dir && cfg->label_helper
               ? 0
               : -1;
}

/* Each library section once all its keys are read. */
static int check_libraries(struct parse *p)
{
    char why[256];
    for (size_t i = 0; i < p->cfg->nlibraries; i++) {
        library_config_t *lib = &p->cfg->libraries[i];
        if (library_config_finish(lib, why, sizeof why) != 0) {
            snprintf(p->err, p->err_len, "%s:%d: [library %s]: %s", p->file,
                     p->library_lines != NULL ? p->library_lines[i] : 0, lib->name, why);
            return -1;
        }
    }
    return 0;
}

/* export_dir defaults to `export` beside the database, as Windows keeps
 * NtmsData\Export beside its database; a database in memory has none. */
static int default_export_dir(struct rsmd_config *cfg)
{
    if (cfg->export_dir != NULL)
        return 0;
    if (strcmp(cfg->database, ":memory:") == 0) {
        cfg->export_dir = strdup("");
        return cfg->export_dir != NULL ? 0 : -1;
    }
    const char *slash = strrchr(cfg->database, '/');
    int len = slash != NULL ? (int)(slash - cfg->database) : 0;
    if (asprintf(&cfg->export_dir, "%.*s%sexport", len, cfg->database, slash != NULL ? "/" : "") < 0) {
        cfg->export_dir = NULL;
        return -1;
    }
    return 0;
}

/* Checks that need the whole file read (a value may be set twice). */
static int check_values(struct parse *p)
{
    struct rsmd_config *cfg = p->cfg;
    const char *file = cfg->path ? cfg->path : "defaults";
    size_t max_socket = sizeof(((struct sockaddr_un *)0)->sun_path) - 1;

    if (cfg->socket[0] == '\0')
        snprintf(p->err, p->err_len, "%s: socket is empty", file);
    else if (strlen(cfg->socket) > max_socket)
        snprintf(p->err, p->err_len, "%s: socket path '%s' is longer than %zu bytes", file,
                 cfg->socket, max_socket);
    else if (cfg->database[0] == '\0')
        snprintf(p->err, p->err_len, "%s: database is empty", file);
    else if (cfg->export_dir != NULL && cfg->export_dir[0] == '\0')
        snprintf(p->err, p->err_len, "%s: export_dir is empty", file);
    else if (default_export_dir(cfg) != 0)
        snprintf(p->err, p->err_len, "out of memory");
    else if (cfg->sysfs[0] == '\0')
        snprintf(p->err, p->err_len, "%s: sysfs is empty", file);
    else if (cfg->computer_name[0] == '\0' ||
             strlen(cfg->computer_name) >= NTMS_COMPUTERNAME_LENGTH)
        snprintf(p->err, p->err_len, "%s: computer_name must be 1 to %d bytes", file,
                 NTMS_COMPUTERNAME_LENGTH - 1);
    else
        return check_libraries(p);
    return -1;
}

static int parse_file(struct parse *p)
{
    int rc = ini_parse_stream(read_line, p, on_key, p);

    if (ferror(p->fp)) {
        snprintf(p->err, p->err_len, "%s:%d: read error: %s", p->file, p->line, strerror(errno));
        return -1;
    }
    if (p->failed)
        return -1;
    if (rc != 0) {
        snprintf(p->err, p->err_len, "%s:%d: syntax error (expected [section] or key = value)",
                 p->file, rc);
        return -1;
    }
    return 0;
}

int config_load(struct rsmd_config *cfg, const char *path, int required, char *err,
                size_t err_len)
{
    struct parse p = {.cfg = cfg, .file = path, .err = err, .err_len = err_len};
    int rc = 0;

    if (set_defaults(cfg) != 0) {
        snprintf(err, err_len, "out of memory");
        config_free(cfg);
        return -1;
    }
    p.fp = fopen(path, "re");
    if (p.fp == NULL) {
        if (errno == ENOENT && !required) {
            rc = check_values(&p); /* the defaults alone */
        } else {
            snprintf(err, err_len, "cannot read %s: %s", path, strerror(errno));
            rc = -1;
        }
        if (rc != 0)
            config_free(cfg);
        return rc;
    }
    cfg->path = strdup(path);
    if (cfg->path == NULL) {
        snprintf(err, err_len, "out of memory");
        rc = -1;
    }
    if (rc == 0)
        rc = parse_file(&p);
    if (rc == 0)
        rc = check_values(&p);
    fclose(p.fp);
    free(p.library_lines);
    if (rc != 0)
        config_free(cfg);
    return rc;
}

void config_free(struct rsmd_config *cfg)
{
    free(cfg->path);
    free(cfg->socket);
    free(cfg->database);
    free(cfg->export_dir);
    free(cfg->computer_name);
    free(cfg->sysfs);
    free(cfg->label_dir);
    free(cfg->label_helper);
    free(cfg->libraries);
    memset(cfg, 0, sizeof *cfg);
}

int config_make_parent(const char *file, char *err, size_t err_len)
{
    char *dir = strdup(file);
    char *slash;
    struct stat st;
    int rc = 0;

    if (dir == NULL) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    slash = strrchr(dir, '/');
    if (slash == NULL) {
        free(dir); /* in the current directory, which exists */
        return 0;
    }
    *slash = '\0';
    /* Create each level in turn; EEXIST on a level is fine. */
    for (char *p = dir + 1; rc == 0 && dir[0] != '\0'; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST)
            rc = -1;
        *p = saved;
        if (saved == '\0')
            break;
    }
    if (rc == 0 && dir[0] != '\0') {
        if (stat(dir, &st) != 0) {
            rc = -1;
        } else if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            rc = -1;
        }
    }
    if (rc != 0)
        snprintf(err, err_len, "cannot create directory %s: %s", dir, strerror(errno));
    free(dir);
    return rc;
}
