/*
 * mounthw_tgt.c - mounthw.h on a tgtd library (test_mount_tgt.sh): the
 * element status is what raw-res reads from the changer, with none of the
 * project's code (placement.h compares it with rsmd's objects), and the
 * operator is tgt-lib.
 *
 * The environment names the instance:
 *   RSM_TGT_LIB      the tgt-lib script
 *   RSM_TGT_DIR      its directory (DIR/urls has the changer's URL)
 *   RSM_TGT_RAW_RES  the raw-res program
 */
#include "../api/mounthw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/libtest.h"
#include "placement.h"

static const char *need(const char *name)
{
    const char *v = getenv(name);

    if (v == NULL || v[0] == '\0')
        fail_msg("%s is not set (test_mount_tgt.sh sets it)", name);
    return v;
}

static const char *changer_url(void)
{
    static char url[512];

    if (url[0] == '\0' && placement_changer_url(need("RSM_TGT_DIR"), url, sizeof url) != 0)
        fail_msg("no changer URL in %s/urls", need("RSM_TGT_DIR"));
    return url;
}

void mh_snapshot(char *buf, size_t len)
{
    char cmd[1024];
    size_t used = 0, n;
    FILE *f;

    snprintf(cmd, sizeof cmd, "'%s' '%s' --list --timeout 10", need("RSM_TGT_RAW_RES"), changer_url());
    f = popen(cmd, "r");
    assert_non_null(f);
    while (used + 1 < len && (n = fread(buf + used, 1, len - 1 - used, f)) > 0)
        used += n;
    buf[used] = '\0';
    assert_int_equal(pclose(f), 0);
    assert_true(used > 0 && used + 1 < len);
}

void mh_assert_placement(HANDLE h, NTMS_GUID *lib)
{
    assert_int_equal(placement_check(h, lib, need("RSM_TGT_RAW_RES"), changer_url()), 0);
}

/* tgt-lib SUBCOMMAND DIR ARGS (the operator's hands). */
static void operator(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void operator(const char *sub, const char *fmt, ...)
{
    char args[256], cmd[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s '%s' %s >/dev/null", need("RSM_TGT_LIB"), sub, need("RSM_TGT_DIR"), args);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

void mh_hand_load(DWORD slot, DWORD drive)
{
    char cmd[1024];

    snprintf(cmd, sizeof cmd, "'%s' '%s' --move %u %u --one-way --timeout 10 >/dev/null", need("RSM_TGT_RAW_RES"),
             changer_url(), (unsigned)slot, (unsigned)drive);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

void mh_port_put(uint16_t port, const char *bar_code)
{
    operator("put", "--port %u --barcode %s", port, bar_code);
}

void mh_port_clear(uint16_t port)
{
    operator("clear", "--port %u", port);
}
