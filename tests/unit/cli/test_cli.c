/*
 * test_cli.c - the rsm command's parser, GUID text and JSON writer on their
 * own (no service): both syntaxes of every kind of option, the values
 * people type (time-outs, priorities, GUIDs), the mistakes they make, and
 * JSON that stays valid whatever the bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "json.h"
#include "opts.h"

enum { S_POOL, S_OPTS, S_LOGICAL, S_LNAME, S_TIMEOUT, S_PRIORITY, S_GUID, S_COUNT, S_FLAG, S_WORD };

static const struct keyword words[] = {{"new", 1}, {"next", 2}, {"errunavail", 4}, {NULL, 0}};

static const struct opt test_opts[] = {
    {.slot = S_POOL, .sw = "m", .name = "pool", .kind = OPT_OBJECT, .objtype = NTMS_MEDIA_POOL},
    {.slot = S_OPTS, .sw = "o", .name = "option", .kind = OPT_KEYWORD, .words = words, .flags = OPTF_MULTI},
    {.slot = S_OPTS, .name = "new", .kind = OPT_SETS, .bits = 1},
    {.slot = S_LOGICAL, .sw = "l", .name = "logical-media", .kind = OPT_OBJECT, .flags = OPTF_GF},
    {.slot = S_LNAME, .sw = "ln", .name = "name", .kind = OPT_TEXT},
    {.slot = S_TIMEOUT, .sw = "t", .name = "timeout", .kind = OPT_TIMEOUT},
    {.slot = S_PRIORITY, .sw = "r", .name = "priority", .kind = OPT_PRIORITY},
    {.slot = S_GUID, .sw = "cg", .name = "container", .kind = OPT_GUID},
    {.slot = S_COUNT, .name = "count", .kind = OPT_NUMBER},
    {.slot = S_FLAG, .sw = "b", .name = "bare", .kind = OPT_FLAG},
    {.slot = S_WORD, .name = "word", .kind = OPT_TEXT, .flags = OPTF_POSITIONAL},
    OPT_END,
};

static int run_stub(HANDLE s, struct args *a)
{
    (void)s;
    (void)a;
    return 0;
}

static const struct verb test_verb = {NULL, "test", "a test verb", test_opts, run_stub, VERB_COMMAND, NULL};

/* Parse a NULL-terminated list of words. */
static int parse(struct args *a, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    va_start(ap, a);
    for (char *w; argc < 31 && (w = va_arg(ap, char *)) != NULL;)
        argv[argc++] = w;
    va_end(ap);
    return opts_parse(&test_verb, argc, argv, a);
}

static void test_switches_glued_and_case(void **state)
{
    (void)state;
    struct args a;
    /* the shell has stripped the quotes of /m"My Pool" already */
    assert_int_equal(parse(&a, "/mMy Pool", "/ONEW", "/t50", "/lnTape", "/b", NULL), 0);
    assert_string_equal(a.v[S_POOL].text, "My Pool");
    assert_int_equal(a.v[S_POOL].by, REF_NAME);
    assert_int_equal(a.v[S_OPTS].num, 1);
    assert_int_equal(a.v[S_TIMEOUT].num, 50);
    assert_string_equal(a.v[S_LNAME].text, "Tape");
    assert_true(a.v[S_FLAG].given);
    assert_false(a.v[S_LOGICAL].given);
    /* a value in the next word, as TechNet prints it */
    assert_int_equal(parse(&a, "/m", "Backup", NULL), 0);
    assert_string_equal(a.v[S_POOL].text, "Backup");
}

static void test_object_pairs(void **state)
{
    (void)state;
    struct args a;
    assert_int_equal(parse(&a, "/lfMine", NULL), 0);
    assert_int_equal(a.v[S_LOGICAL].by, REF_NAME);
    assert_string_equal(a.v[S_LOGICAL].text, "Mine");
    assert_int_equal(parse(&a, "/LG{01234567-89AB-CDEF-0123-456789ABCDEF}", NULL), 0);
    assert_int_equal(a.v[S_LOGICAL].by, REF_GUID);
    assert_int_equal(a.v[S_LOGICAL].guid.Data1, 0x01234567u);
    assert_int_equal(a.v[S_LOGICAL].guid.Data4[7], 0xEF);
    assert_int_equal(parse(&a, "/lgnot-a-guid", NULL), EXIT_USAGE);
    /* the long form takes either, deciding by the text */
    assert_int_equal(parse(&a, "--logical-media", "0123456789abcdef0123456789abcdef", NULL), 0);
    assert_int_equal(a.v[S_LOGICAL].by, REF_GUID);
    assert_int_equal(parse(&a, "--logical-media=Mine", NULL), 0);
    assert_int_equal(a.v[S_LOGICAL].by, REF_NAME);
}

static void test_keywords_or_together(void **state)
{
    (void)state;
    struct args a;
    assert_int_equal(parse(&a, "/onext", "/oerrunavail", "--new", NULL), 0);
    assert_int_equal(a.v[S_OPTS].num, 7);
    assert_int_equal(parse(&a, "--option", "NEXT", NULL), 0);
    assert_int_equal(a.v[S_OPTS].num, 2);
    assert_int_equal(parse(&a, "/onewer", NULL), EXIT_USAGE);
}

static void test_long_positional_and_command(void **state)
{
    (void)state;
    struct args a;
    assert_int_equal(parse(&a, "hello", "--count", "12", "--bare", NULL), 0);
    assert_string_equal(a.v[S_WORD].text, "hello");
    assert_int_equal(a.v[S_COUNT].num, 12);
    assert_int_equal(parse(&a, "one", "two", NULL), EXIT_USAGE);
    /* VERB_COMMAND: what follows -- is left for the command */
    assert_int_equal(parse(&a, "--bare", "--", "tar", "cf", "{}", NULL), 0);
    assert_int_equal(a.ncommand, 3);
    assert_string_equal(a.command[0], "tar");
    assert_string_equal(a.command[2], "{}");
}

static void test_mistakes(void **state)
{
    (void)state;
    struct args a;
    assert_int_equal(parse(&a, "/x", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "/bogus", NULL), EXIT_USAGE); /* /b takes no value */
    assert_int_equal(parse(&a, "--nope", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "-n", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "--pool", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "--bare=yes", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "/mA", "--pool", "B", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "--count", "-1", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "--count", "4294967296", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "/cg123", NULL), EXIT_USAGE);
}

static void test_timeouts_and_priorities(void **state)
{
    (void)state;
    struct args a;
    static const struct {
        const char *text;
        DWORD ms;
    } ok[] = {{"0", 0}, {"50", 50}, {"10s", 10000}, {"5m", 300000}, {"1h", 3600000}, {"250ms", 250},
              {"infinite", INFINITE}, {"INF", INFINITE}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(parse(&a, "--timeout", ok[i].text, NULL), 0);
        assert_int_equal(a.v[S_TIMEOUT].num, ok[i].ms);
    }
    static const char *const bad[] = {"1.5s", "-1", "5d", "s", "99999999999999", "2000000h"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(parse(&a, "--timeout", bad[i], NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "/rhigh", NULL), 0);
    assert_int_equal(a.v[S_PRIORITY].inum, NTMS_PRIORITY_HIGH);
    assert_int_equal(parse(&a, "--priority", "-15", NULL), 0);
    assert_int_equal(a.v[S_PRIORITY].inum, -15);
    assert_int_equal(parse(&a, "--priority", "16", NULL), EXIT_USAGE);
    assert_int_equal(parse(&a, "--priority", "urgent", NULL), EXIT_USAGE);
}

static void test_guid_text(void **state)
{
    (void)state;
    NTMS_GUID g, h;
    char dashed[37], bare[33];
    assert_int_equal(cli_parse_guid("2D6543C173DD4617B9097F04E9166DC9", &g), 0);
    assert_string_equal(cli_guid(&g, dashed), "2d6543c1-73dd-4617-b909-7f04e9166dc9");
    assert_string_equal(cli_guid_bare(&g, bare), "2D6543C173DD4617B9097F04E9166DC9");
    assert_int_equal(cli_parse_guid("{2d6543c1-73dd-4617-b909-7f04e9166dc9}", &h), 0);
    assert_true(cli_guid_eq(&g, &h));
    assert_int_equal(cli_parse_guid("2d6543c1-73dd-4617-b909-7f04e9166dc", &h), -1);
    assert_int_equal(cli_parse_guid("2d6543c1x73dd-4617-b909-7f04e9166dc9", &h), -1);
    assert_int_equal(cli_parse_guid("{2D6543C173DD4617B9097F04E9166DC9", &h), -1);
    assert_int_equal(cli_parse_guid("", &h), -1);
}

/* The writer's output for one string member. */
static char *json_of(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_t j;
    json_init(&j, f, true);
    json_begin_object(&j);
    json_key(&j, "k");
    json_string(&j, s);
    json_end_object(&j);
    fclose(f);
    return buf;
}

static void test_json_strings(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "{\"k\":\"plain\"}"},
        {"quote \" back \\ tab\t nl\n", "{\"k\":\"quote \\\" back \\\\ tab\\t nl\\n\"}"},
        {"\x01\x7f", "{\"k\":\"\\u0001\\u007f\"}"},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xbc", "{\"k\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xbc\"}"},
        {"bad \xff end", "{\"k\":\"bad \\ufffd end\"}"},
        {"overlong \xc0\xaf", "{\"k\":\"overlong \\ufffd\\ufffd\"}"},
        {"surrogate \xed\xa0\x80", "{\"k\":\"surrogate \\ufffd\\ufffd\\ufffd\"}"},
        {"cut \xe2\x82", "{\"k\":\"cut \\ufffd\\ufffd\"}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = json_of(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
}

static void test_json_nesting(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_t j;
    json_init(&j, f, false);
    json_begin_array(&j);
    json_begin_object(&j);
    json_key(&j, "n");
    json_uint(&j, 3);
    json_key(&j, "none");
    json_string(&j, NULL);
    json_end_object(&j);
    json_begin_array(&j);
    json_end_array(&j);
    json_bool(&j, false);
    json_end_array(&j);
    json_finish(&j);
    fclose(f);
    assert_string_equal(buf, "[\n  {\n    \"n\": 3,\n    \"none\": null\n  },\n  [],\n  false\n]\n");
    free(buf);
}

static void test_append_cuts(void **state)
{
    (void)state;
    char buf[8];
    size_t used = 0;
    cli_append(buf, sizeof buf, &used, "%s", "abcde");
    cli_append(buf, sizeof buf, &used, "%s", "fghij");
    cli_append(buf, sizeof buf, &used, "%s", "klm");
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(used, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switches_glued_and_case),
        cmocka_unit_test(test_object_pairs),
        cmocka_unit_test(test_keywords_or_together),
        cmocka_unit_test(test_long_positional_and_command),
        cmocka_unit_test(test_mistakes),
        cmocka_unit_test(test_timeouts_and_priorities),
        cmocka_unit_test(test_guid_text),
        cmocka_unit_test(test_json_strings),
        cmocka_unit_test(test_json_nesting),
        cmocka_unit_test(test_append_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
