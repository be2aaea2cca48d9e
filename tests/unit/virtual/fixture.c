/*
 * fixture.c - see fixture.h.
 */
#include "fixture.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fx_setup(void **state)
{
    fx_t *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/rsm-virtual-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->root, sizeof fx->root, "%s/lib", fx->dir);
    fx->layout = (virtual_layout_t){
        .slots = 10, .drives = 2, .ports = 2, .cartridges = 6,
        .barcode_prefix = "VT", .barcode_suffix = "L8", .cartridge_size = FX_IMAGE_SIZE,
    };
    fx_open(fx);
    *state = fx;
    return 0;
}

int fx_teardown(void **state)
{
    fx_t *fx = *state;
    fx_close(fx);
    fx_rm_rf(fx->dir);
    free(fx);
    return 0;
}

void fx_open(fx_t *fx)
{
    char why[256] = "";
    DWORD rc = virtual_open(fx->root, "vtest", &fx->layout, &fx->c, why, sizeof why);
    if (rc)
        fail_msg("virtual_open: %lu %s", (unsigned long)rc, why);
    assert_non_null(fx->c);
}

void fx_close(fx_t *fx)
{
    if (fx->c)
        fx->c->ops->close(fx->c);
    fx->c = NULL;
}

void fx_status(fx_t *fx, int type, element_status_t *out)
{
    char why[256] = "";
    DWORD rc = fx->c->ops->status(fx->c, type, out, why, sizeof why);
    if (rc)
        fail_msg("status(%d): %lu %s", type, (unsigned long)rc, why);
}

element_t fx_element(fx_t *fx, uint16_t addr)
{
    static const int types[] = {ELEM_TRANSPORT, ELEM_SLOT, ELEM_PORT, ELEM_DRIVE};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        element_status_t s;
        fx_status(fx, types[i], &s);
        element_t *e = element_find(&s, addr);
        if (e) {
            element_t copy = *e;
            element_status_free(&s);
            return copy;
        }
        element_status_free(&s);
    }
    fail_msg("no element %u", addr);
    return (element_t){0};
}

const char *fx_voltag(fx_t *fx, uint16_t addr)
{
    static char buf[CHANGER_VOLTAG_LEN + 1];
    element_t e = fx_element(fx, addr);
    snprintf(buf, sizeof buf, "%s", e.full ? e.voltag : "");
    return buf;
}

bool fx_changed(fx_t *fx)
{
    bool changed = false;
    char why[256] = "";
    assert_int_equal(fx->c->ops->check(fx->c, &changed, why, sizeof why), 0);
    return changed;
}

void fx_path(const fx_t *fx, char *out, size_t len, const char *fmt, ...)
{
    int n = snprintf(out, len, "%s/", fx->root);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + n, len - (size_t)n, fmt, ap);
    va_end(ap);
}

void fx_symlink(const fx_t *fx, const char *target, const char *rel)
{
    char p[512];
    fx_path(fx, p, sizeof p, "%s", rel);
    if (symlink(target, p) != 0)
        fail_msg("symlink %s: %s", p, strerror(errno));
}

void fx_write(const fx_t *fx, const char *rel, const char *text)
{
    char p[512];
    fx_path(fx, p, sizeof p, "%s", rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

bool fx_exists(const fx_t *fx, const char *rel)
{
    char p[512];
    struct stat st;
    fx_path(fx, p, sizeof p, "%s", rel);
    return lstat(p, &st) == 0;
}

const char *fx_readlink(const fx_t *fx, const char *rel)
{
    static char buf[512];
    char p[512];
    fx_path(fx, p, sizeof p, "%s", rel);
    ssize_t n = readlink(p, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

void fx_rm_rf(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
