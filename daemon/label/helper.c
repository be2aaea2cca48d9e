/*
 * helper.c - rsm-label-helper: runs one label library (an ntmsmli.h
 * plug-in) for rsmd, so that a plug-in that crashes, hangs or scribbles
 * over memory harms only this process. rsmd starts it as
 *
 *     rsm-label-helper PLUGIN.so NAME
 *
 * with its end of a SOCK_SEQPACKET pair as descriptor 3 (mll_wire.h), and
 * kills it when an answer is late. The helper loads the plug-in, calls
 * MaxMediaLabel once and says HELLO; then it answers each CLAIM by calling
 * ClaimMediaLabel on a buffer of exactly the bytes sent, and checks what
 * the plug-in wrote: an ID of at most NTMSMLI_MAXIDSIZE bytes, both
 * strings terminated inside their arrays, nothing written past the
 * MediaLabelInfo (a guard area after it must stay untouched). A plug-in
 * that breaks one of these gets MLL_ERROR_MISBEHAVED and a reason back.
 * It exits when rsmd closes its end.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <wchar.h>

#include "label/mll_wire.h"

#define GUARD_BYTES 4096
#define GUARD_FILL 0xa5

static int sock = MLL_HELPER_FD;

static int send_all(const void *msg, size_t len)
{
    ssize_t n;
    do
        n = send(sock, msg, len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)len ? 0 : -1;
}

static void say(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(char *why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, MLL_WHY_LEN, fmt, ap);
    va_end(ap);
}

static int hello(uint32_t status, uint32_t max_size, const char *why)
{
    mll_hello_t h;
    memset(&h, 0, sizeof h);
    h.magic = MLL_WIRE_MAGIC;
    h.kind = MLL_HELLO;
    h.status = status;
    h.max_size = max_size;
    snprintf(h.why, sizeof h.why, "%s", why);
    return send_all(&h, sizeof h);
}

/* UTF-8 of a WCHAR string of at most `n` elements; false when it is not
 * terminated inside them or holds a value that is no character. */
static bool wide_to_utf8(const WCHAR *w, size_t n, char *out, size_t out_len)
{
    size_t o = 0, i = 0;
    for (; i < n && w[i] != 0; i++) {
        uint32_t c = (uint32_t)w[i];
        char b[4];
        size_t k;
        if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
            return false;
        if (c < 0x80) {
            b[0] = (char)c;
            k = 1;
        } else if (c < 0x800) {
            b[0] = (char)(0xc0 | c >> 6);
            b[1] = (char)(0x80 | (c & 0x3f));
            k = 2;
        } else if (c < 0x10000) {
            b[0] = (char)(0xe0 | c >> 12);
            b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            b[2] = (char)(0x80 | (c & 0x3f));
            k = 3;
        } else {
            b[0] = (char)(0xf0 | c >> 18);
            b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
            b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
            b[3] = (char)(0x80 | (c & 0x3f));
            k = 4;
        }
        if (o + k >= out_len)
            break; /* cut: the array on our side is what it is */
        memcpy(out + o, b, k);
        o += k;
    }
    out[o] = '\0';
    return i < n;
}

/* The MediaLabelInfo the plug-in fills, and the guard after it. */
static struct {
    MediaLabelInfo info;
    uint8_t guard[GUARD_BYTES];
} area;

static bool guard_intact(void)
{
    for (size_t i = 0; i < GUARD_BYTES; i++)
        if (area.guard[i] != GUARD_FILL)
            return false;
    return true;
}

static void claim(CLAIMMEDIALABEL fn, const uint8_t *label, uint32_t len, mll_answer_t *a)
{
    memset(a, 0, sizeof *a);
    a->magic = MLL_WIRE_MAGIC;
    a->kind = MLL_ANSWER;
    memset(&area.info, 0, sizeof area.info);
    memset(area.guard, GUARD_FILL, sizeof area.guard);
    a->status = fn(label, len, &area.info);
    if (!guard_intact()) {
        a->status = MLL_ERROR_MISBEHAVED;
        say(a->why, "the plug-in wrote past its MediaLabelInfo");
        return;
    }
    if (a->status != NO_ERROR)
        return;
    if (area.info.LabelIDSize == 0 || area.info.LabelIDSize > NTMSMLI_MAXIDSIZE) {
        a->status = MLL_ERROR_MISBEHAVED;
        say(a->why, "label ID of %lu bytes (1 to %d allowed)", (unsigned long)area.info.LabelIDSize,
            NTMSMLI_MAXIDSIZE);
        return;
    }
    if (!wide_to_utf8(area.info.LabelType, NTMSMLI_MAXTYPE, a->type, sizeof a->type) ||
        !wide_to_utf8(area.info.LabelAppDescr, NTMSMLI_MAXAPPDESCR, a->descr, sizeof a->descr)) {
        a->status = MLL_ERROR_MISBEHAVED;
        say(a->why, "LabelType or LabelAppDescr is not a terminated string");
        return;
    }
    a->id_len = area.info.LabelIDSize;
    memcpy(a->id, area.info.LabelID, a->id_len);
}

static int serve(CLAIMMEDIALABEL fn, uint32_t max_size)
{
    static uint8_t msg[sizeof(mll_claim_t) + MLL_MAX_LABEL];
    mll_answer_t a;

    for (;;) {
        ssize_t n = recv(sock, msg, sizeof msg, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0; /* rsmd closed its end */
        mll_claim_t c;
        memcpy(&c, msg, n >= (ssize_t)sizeof c ? sizeof c : 0);
        if ((size_t)n < sizeof c || c.magic != MLL_WIRE_MAGIC || c.kind != MLL_CLAIM ||
            c.len != (size_t)n - sizeof c || c.len > max_size)
            return 2; /* not our peer */
        /* Exactly the bytes sent, in their own allocation, so a plug-in
         * that reads past them faults here and not in rsmd. */
        uint8_t *label = malloc(c.len > 0 ? c.len : 1);
        if (label == NULL)
            return 1;
        memcpy(label, msg + sizeof c, c.len);
        claim(fn, label, c.len, &a);
        free(label);
        if (send_all(&a, sizeof a) != 0)
            return 0;
    }
}

int main(int argc, char **argv)
{
    struct rlimit no_core = {0, 0};
    char why[MLL_WHY_LEN];
    DWORD max = 0;

    setrlimit(RLIMIT_CORE, &no_core); /* a crashing plug-in leaves no core files about */
    if (argc < 2) {
        fprintf(stderr, "usage: rsm-label-helper PLUGIN.so [NAME] (started by rsmd)\n");
        return 2;
    }
    void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        say(why, "%s", dlerror());
        return hello(MLL_ERROR_LOAD, 0, why), 1;
    }
    MAXMEDIALABEL max_fn = (MAXMEDIALABEL)dlsym(h, "MaxMediaLabel");
    CLAIMMEDIALABEL claim_fn = (CLAIMMEDIALABEL)dlsym(h, "ClaimMediaLabel");
    if (max_fn == NULL || claim_fn == NULL) {
        say(why, "%s does not export %s", argv[1], max_fn == NULL ? "MaxMediaLabel" : "ClaimMediaLabel");
        hello(MLL_ERROR_SYMBOL, 0, why);
        return 1;
    }
    DWORD rc = max_fn(&max);
    if (rc != NO_ERROR || max == 0) {
        say(why, "MaxMediaLabel returned %lu with size %lu", (unsigned long)rc, (unsigned long)max);
        hello(MLL_ERROR_MAX, 0, why);
        return 1;
    }
    if (max > MLL_MAX_LABEL)
        max = MLL_MAX_LABEL;
    if (hello(0, (uint32_t)max, "") != 0)
        return 1;
    return serve(claim_fn, (uint32_t)max);
}
