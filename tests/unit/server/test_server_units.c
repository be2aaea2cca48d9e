/*
 * test_server_units.c - the server's pure parts: rsmd.conf parsing and
 * frame assembly. The socket side is covered by tests/api/wire_smoke.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "server/config.h"
#include "server/conn.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rsm-server-unit.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write `text` to DIR/name; returns the path (static buffer). */
static const char *write_conf(const char *name, const char *text)
{
    static char path[128];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Load `text` expecting failure; the error must contain `want`. */
static void expect_error(const char *text, const char *want)
{
    struct rsmd_config cfg;
    char err[512] = "";

    assert_int_equal(config_load(&cfg, write_conf("bad.conf", text), 1, err, sizeof err), -1);
    if (strstr(err, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err, want);
    assert_null(cfg.socket); /* freed on failure */
}

/* ------------------------------------------------------------------------ */
/* rsmd.conf */

static void test_defaults_when_absent(void **state)
{
    (void)state;
    struct rsmd_config cfg;
    char err[256], host[256] = "";
    char path[128];

    snprintf(path, sizeof path, "%s/none.conf", dir);
    assert_int_equal(config_load(&cfg, path, 0, err, sizeof err), 0);
    assert_null(cfg.path);
    assert_string_equal(cfg.socket, RSM_DEFAULT_SOCKET);
    assert_string_equal(cfg.database, RSMD_DEFAULT_DATABASE);
    assert_string_equal(cfg.export_dir, "/var/lib/rsm/export");
    assert_int_equal(cfg.log_level, LOG_LVL_INFO);
    assert_int_equal(cfg.socket_mode, 0666);
    gethostname(host, sizeof host);
    host[NTMS_COMPUTERNAME_LENGTH - 1] = '\0';
    assert_string_equal(cfg.computer_name, host);
    assert_int_equal(cfg.discover, 1);
    assert_string_equal(cfg.sysfs, RSMD_DEFAULT_SYSFS);
    config_free(&cfg);

    /* The same missing file named on the command line is an error. */
    assert_int_equal(config_load(&cfg, path, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot read"));
}

static void test_every_key(void **state)
{
    (void)state;
    struct rsmd_config cfg;
    char err[256];
    const char *path = write_conf("full.conf",
                                  "; a comment\n"
                                  "# another\n"
                                  "[rsmd]\n"
                                  "socket = var/s.sock\n"
                                  "database = /tmp/x/rsm.db\n"
                                  "log_level = debug\n"
                                  "socket_mode = 0660 ; group only\n"
                                  "computer_name = tapehost\n"
                                  "discover = no\n"
                                  "sysfs = /tmp/fake-sys\n"
                                  "unknown_key = 1\n"
                                  "[library changer0]\n"
                                  "device = /dev/sg3\n");

    assert_int_equal(config_load(&cfg, path, 1, err, sizeof err), 0);
    assert_string_equal(cfg.path, path);
    assert_string_equal(cfg.socket, "var/s.sock");
    assert_string_equal(cfg.database, "/tmp/x/rsm.db");
    assert_int_equal(cfg.log_level, LOG_LVL_DEBUG);
    assert_int_equal(cfg.socket_mode, 0660);
    assert_string_equal(cfg.computer_name, "tapehost");
    assert_int_equal(cfg.discover, 0);
    assert_string_equal(cfg.sysfs, "/tmp/fake-sys");
    config_free(&cfg);
}

/* export_dir: given, or `export` beside the database; none in memory. */
static void test_export_dir(void **state)
{
    (void)state;
    static const struct {
        const char *conf, *want;
    } cases[] = {
        {"[rsmd]\ndatabase = /tmp/x/rsm.db\n", "/tmp/x/export"},
        {"[rsmd]\ndatabase = rsm.db\n", "export"},
        {"[rsmd]\ndatabase = /rsm.db\n", "/export"},
        {"[rsmd]\ndatabase = :memory:\n", ""},
        {"[rsmd]\ndatabase = /tmp/x/rsm.db\nexport_dir = /srv/rsm-copies\n", "/srv/rsm-copies"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rsmd_config cfg;
        char err[256];
        assert_int_equal(config_load(&cfg, write_conf("export.conf", cases[i].conf), 1, err, sizeof err), 0);
        assert_string_equal(cfg.export_dir, cases[i].want);
        config_free(&cfg);
    }
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_error("[rsmd]\nlog_level = loud\n", "bad.conf:2: log_level 'loud'");
    expect_error("[rsmd]\n\nsocket_mode = 0999\n", "bad.conf:3: socket_mode");
    expect_error("[rsmd]\nsocket_mode = 01000\n", "socket_mode");
    expect_error("[rsmd]\nsocket_mode = rw\n", "socket_mode");
    expect_error("[rsmd]\nsocket =\n", "socket is empty");
    expect_error("[rsmd]\ndatabase =\n", "database is empty");
    expect_error("[rsmd]\nexport_dir =\n", "export_dir is empty");
    expect_error("[rsmd]\ndiscover = maybe\n", "bad.conf:2: 'maybe' is not yes or no");
    expect_error("[rsmd]\nsysfs =\n", "sysfs is empty");
    expect_error("[rsmd]\ncomputer_name = "
                 "a234567890123456789012345678901234567890123456789012345678901234\n",
                 "computer_name must be 1 to 63 bytes");
    expect_error("[rsmd]\nsocket = /tmp/"
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock\n",
                 "is longer than 107 bytes");
}

static void test_syntax_and_long_lines(void **state)
{
    (void)state;
    char long_line[400];

    expect_error("[rsmd]\nsocket = a\nnot a key value line\n", "bad.conf:3: syntax error");
    memset(long_line, 'x', sizeof long_line);
    memcpy(long_line, "[rsmd]\ndatabase = ", 18);
    memcpy(long_line + sizeof long_line - 2, "\n", 2);
    expect_error(long_line, "bad.conf:2: line longer than");
}

static void test_make_parent(void **state)
{
    (void)state;
    char path[192], err[256];
    struct stat st;

    snprintf(path, sizeof path, "%s/a/b/c/rsm.db", dir);
    assert_int_equal(config_make_parent(path, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/a/b/c", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0755);
    /* Again: existing levels are fine. */
    snprintf(path, sizeof path, "%s/a/b/c/rsm.db", dir);
    assert_int_equal(config_make_parent(path, err, sizeof err), 0);
    /* A plain file in the way is an error naming it. */
    write_conf("plain", "x");
    snprintf(path, sizeof path, "%s/plain/rsm.db", dir);
    assert_int_equal(config_make_parent(path, err, sizeof err), -1);
    assert_non_null(strstr(err, "plain"));
    /* No directory part: the current directory. */
    assert_int_equal(config_make_parent("rsm.db", err, sizeof err), 0);
}

/* ------------------------------------------------------------------------ */
/* Frames */

static size_t frame_of(uint8_t *out, const char *body)
{
    size_t n = strlen(body);
    wire_put_length(out, (uint32_t)n);
    memcpy(out + RSM_WIRE_HEADER, body, n);
    return RSM_WIRE_HEADER + n;
}

static void test_frame_byte_by_byte(void **state)
{
    (void)state;
    struct frame_in f = {0};
    uint8_t buf[64];
    size_t n = frame_of(buf, "hello"), len;
    uint8_t *body;

    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = buf + i;
        size_t one = 1;
        enum frame_status st = frame_in_feed(&f, &p, &one);
        assert_int_equal(one, 0);
        assert_int_equal(st, i + 1 < n ? FRAME_MORE : FRAME_READY);
        assert_int_equal(frame_in_pending(&f), i + 1);
    }
    body = frame_in_take(&f, &len);
    assert_int_equal(len, 5);
    assert_memory_equal(body, "hello", 5);
    free(body);
    assert_int_equal(frame_in_pending(&f), 0);
    frame_in_reset(&f);
}

static void test_two_frames_in_one_chunk(void **state)
{
    (void)state;
    struct frame_in f = {0};
    uint8_t buf[64];
    size_t n = frame_of(buf, "ab"), len;
    const uint8_t *p = buf;
    uint8_t *body;

    n += frame_of(buf + n, "cde");
    len = n;
    assert_int_equal(frame_in_feed(&f, &p, &len), FRAME_READY);
    assert_int_equal(len, RSM_WIRE_HEADER + 3); /* the second frame is left */
    body = frame_in_take(&f, &n);
    assert_int_equal(n, 2);
    assert_memory_equal(body, "ab", 2);
    free(body);
    assert_int_equal(frame_in_feed(&f, &p, &len), FRAME_READY);
    assert_int_equal(len, 0);
    body = frame_in_take(&f, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(body, "cde", 3);
    free(body);
}

static void test_frame_limits(void **state)
{
    (void)state;
    struct frame_in f = {0};
    uint8_t buf[16];
    const uint8_t *p = buf;
    size_t len = RSM_WIRE_HEADER, n;

    /* Zero-length frame: ready at once, no body. */
    wire_put_length(buf, 0);
    assert_int_equal(frame_in_feed(&f, &p, &len), FRAME_READY);
    assert_null(frame_in_take(&f, &n));
    assert_int_equal(n, 0);

    /* One byte over the limit is refused from the header alone. */
    wire_put_length(buf, RSM_WIRE_MAX_FRAME + 1);
    p = buf;
    len = RSM_WIRE_HEADER;
    assert_int_equal(frame_in_feed(&f, &p, &len), FRAME_TOO_LARGE);
    frame_in_reset(&f);

    /* At the limit it is accepted, and memory follows the bytes received. */
    wire_put_length(buf, RSM_WIRE_MAX_FRAME);
    memset(buf + RSM_WIRE_HEADER, 7, 10);
    p = buf;
    len = RSM_WIRE_HEADER + 10;
    assert_int_equal(frame_in_feed(&f, &p, &len), FRAME_MORE);
    assert_int_equal(frame_in_pending(&f), RSM_WIRE_HEADER + 10);
    assert_true(f.cap <= 64 * 1024);
    frame_in_reset(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_when_absent),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_export_dir),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_syntax_and_long_lines),
        cmocka_unit_test(test_make_parent),
        cmocka_unit_test(test_frame_byte_by_byte),
        cmocka_unit_test(test_two_frames_in_one_chunk),
        cmocka_unit_test(test_frame_limits),
    };
    /* The warnings for unknown keys are expected; keep them out of the way. */
    log_set_level(LOG_LVL_ERROR);
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
