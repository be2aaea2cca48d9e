/*
 * rsm.c - the rsm command: parse the verb, open a session, run the verb.
 *
 * Verbs follow Windows rsm.exe (`rsm view /tlibrary`) and also take plain
 * words (`rsm view libraries`). This file owns the verb table and the shared
 * helpers of cli.h; each verb lives in a file of its own.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errors.h"
#include "wire.h"

HANDLE cli_open_session(void)
{
    HANDLE s = OpenNtmsSessionA(NULL, "rsm", 0);
    if (s == INVALID_HANDLE_VALUE) {
        DWORD code = GetLastError();
        int status = cli_fail("cannot open a session", code);
        exit(code == ERROR_NOT_CONNECTED ? EXIT_NOSERVICE : status);
    }
    return s;
}

int cli_fail(const char *what, DWORD code)
{
    fprintf(stderr, "rsm: %s: %s: %s\n", what, error_name(code), error_text(code));
    return EXIT_API;
}

DWORD cli_enumerate(HANDLE s, NTMS_GUID *container, DWORD type, NTMS_GUID **list, DWORD *count)
{
    DWORD cap = 64;
    /* Objects can appear between two calls, so the loop retries while the
     * service reports a larger count, a bounded number of times. */
    for (int attempt = 0; attempt < 8; attempt++) {
        NTMS_GUID *buf = malloc(cap * sizeof *buf);
        if (buf == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        DWORD n = cap;
        DWORD rc = EnumerateNtmsObject(s, container, buf, &n, type, 0);
        if (rc == ERROR_SUCCESS) {
            *list = buf;
            *count = n;
            return rc;
        }
        free(buf);
        if (rc != ERROR_INSUFFICIENT_BUFFER)
            return rc;
        cap = n > cap ? n + 16 : cap * 2;
    }
    return ERROR_INSUFFICIENT_BUFFER;
}

DWORD cli_get_info(HANDLE s, NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *info)
{
    memset(info, 0, sizeof *info);
    info->dwSize = sizeof *info;
    info->dwType = type;
    return GetNtmsObjectInformationA(s, id, info);
}

const char *cli_guid(const NTMS_GUID *g, char *buf)
{
    wire_guid_to_string(g, buf);
    return buf;
}

static int cmd_version(HANDLE s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("rsm %s\n", RSM_VERSION);
    NTMS_GUID *ids = NULL;
    DWORD n = 0;
    DWORD rc = cli_enumerate(s, NULL, NTMS_COMPUTER, &ids, &n);
    if (rc != ERROR_SUCCESS)
        return cli_fail("enumerate computer", rc);
    if (n > 0) {
        NTMS_OBJECTINFORMATIONA info;
        rc = cli_get_info(s, &ids[0], NTMS_COMPUTER, &info);
        if (rc == ERROR_SUCCESS)
            printf("service on %s\n", info.szName);
    }
    free(ids);
    return rc == ERROR_SUCCESS ? 0 : cli_fail("read computer", rc);
}

struct verb {
    const char *name;
    int needs_session;
    int (*run)(HANDLE s, int argc, char **argv);
    const char *help;
};

static const struct verb verbs[] = {
    {"version", 1, cmd_version, "print the versions of rsm and of the service"},
    {"view", 1, cmd_view, "list objects: libraries, pools, media-types (rsm.exe: /tlibrary ...)"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: rsm VERB [ARGS]\n\nverbs:\n");
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        fprintf(out, "  %-10s %s\n", verbs[i].name, verbs[i].help);
    fprintf(out, "\nThe service is found through RSM_SOCKET, else %s.\n", RSM_DEFAULT_SOCKET);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "/?") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("rsm %s\n", RSM_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcasecmp(argv[1], verbs[i].name) != 0)
            continue;
        HANDLE s = verbs[i].needs_session ? cli_open_session() : NULL;
        int status = verbs[i].run(s, argc - 2, argv + 2);
        if (s != NULL)
            CloseNtmsSession(s);
        return status;
    }
    fprintf(stderr, "rsm: unknown verb '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
