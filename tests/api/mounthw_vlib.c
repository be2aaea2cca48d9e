/*
 * mounthw_vlib.c - mounthw.h on the virtual library: its directory is its
 * element status (docs/design/virtual-library.md). A full element is a
 * link to ROOT/cartridges/BARCODE.img: slots/A, ports/A, drives/N/tape
 * (element 255 + N) and transport/1.
 */
#include "mounthw.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mediatest.h"

#define MAX_ELEMENTS 512

typedef struct element {
    const char *kind; /* as raw-res names them: slot, mailslot, drive, transport */
    DWORD type;       /* NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_DRIVE; 0: the transport */
    unsigned address;
    char bar_code[64];
} element_t;

static const char *root(void)
{
    return lt_root(mt_library_name());
}

/* The bar code of the image the link at `path` points at; 0 when `path`
 * is no link. */
static int linked_bar_code(const char *path, char *out, size_t len)
{
    char target[PATH_MAX];
    ssize_t n = readlink(path, target, sizeof target - 1);
    const char *base;

    if (n < 0)
        return 0;
    target[n] = '\0';
    base = strrchr(target, '/');
    base = base ? base + 1 : target;
    snprintf(out, len, "%.*s", (int)strcspn(base, "."), base);
    return 1;
}

/* The full elements of directory ROOT/sub (entries named by address; for
 * drives, by drive number with the link inside). */
static size_t read_dir(const char *sub, const char *kind, DWORD type, element_t *v, size_t n)
{
    char dir[PATH_MAX], path[PATH_MAX + 300];
    struct dirent *e;
    DIR *d;

    snprintf(dir, sizeof dir, "%s/%s", root(), sub);
    d = opendir(dir);
    if (d == NULL)
        return n;
    while ((e = readdir(d)) != NULL && n < MAX_ELEMENTS) {
        char *end;
        unsigned long a = strtoul(e->d_name, &end, 10);
        if (end == e->d_name || *end != '\0')
            continue; /* ".", "..", "16.open" */
        if (type == NTMS_DRIVE)
            snprintf(path, sizeof path, "%s/%s/tape", dir, e->d_name);
        else
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!linked_bar_code(path, v[n].bar_code, sizeof v[n].bar_code))
            continue;
        v[n].kind = kind;
        v[n].type = type;
        v[n].address = (unsigned)(type == NTMS_DRIVE ? 255 + a : a);
        n++;
    }
    closedir(d);
    return n;
}

static int by_kind_and_address(const void *a, const void *b)
{
    const element_t *x = a, *y = b;
    int k = strcmp(x->kind, y->kind);

    return k != 0 ? k : (x->address > y->address) - (x->address < y->address);
}

static size_t read_all(element_t *v)
{
    size_t n = read_dir("slots", "slot", NTMS_STORAGESLOT, v, 0);

    n = read_dir("ports", "mailslot", NTMS_IEPORT, v, n);
    n = read_dir("drives", "drive", NTMS_DRIVE, v, n);
    n = read_dir("transport", "transport", 0, v, n);
    qsort(v, n, sizeof *v, by_kind_and_address);
    return n;
}

void mh_snapshot(char *buf, size_t len)
{
    static element_t v[MAX_ELEMENTS];
    size_t n = read_all(v), used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s %u full %s\n", v[i].kind, v[i].address,
                                 v[i].bar_code);
    assert_true(used < len);
}

void mh_assert_placement(HANDLE h, NTMS_GUID *lib)
{
    static element_t v[MAX_ELEMENTS];
    NTMS_GUID media[LT_MAX];
    NTMS_OBJECTINFORMATIONA o;
    size_t n = read_all(v), in_library = 0;
    DWORD count = lt_list(h, lib, NTMS_PHYSICAL_MEDIA, media);

    for (size_t i = 0; i < n; i++) {
        assert_int_not_equal(v[i].type, 0); /* nothing left in the picker */
        lt_assert_at(h, lib, v[i].bar_code, v[i].type, v[i].address);
    }
    for (DWORD i = 0; i < count; i++) {
        lt_get(h, &media[i], NTMS_PHYSICAL_MEDIA, &o);
        in_library += memcmp(&o.Info.PhysicalMedia.CurrentLibrary, lib, sizeof *lib) == 0;
    }
    assert_int_equal(in_library, n); /* and no medium recorded where the library has none */
    /* a drive is DISMOUNTED exactly when its element is empty */
    count = lt_list(h, lib, NTMS_DRIVE, media);
    for (DWORD i = 0; i < count; i++) {
        bool full = false;
        lt_get(h, &media[i], NTMS_DRIVE, &o);
        for (size_t k = 0; k < n; k++)
            full |= v[k].type == NTMS_DRIVE && v[k].address == o.Info.Drive.Number;
        assert_int_equal(o.Info.Drive.State == NTMS_DRIVESTATE_DISMOUNTED, !full);
    }
}

void mh_hand_load(DWORD slot, DWORD drive)
{
    char from[32], to[32];

    snprintf(from, sizeof from, "slots/%u", (unsigned)slot);
    snprintf(to, sizeof to, "drives/%u/tape", (unsigned)drive - 255); /* drive N is element 255 + N */
    lt_hand_move(root(), from, to);
}

void mh_port_put(uint16_t port, const char *bar_code)
{
    lt_insert(root(), port, bar_code);
}

void mh_port_clear(uint16_t port)
{
    lt_remove(root(), port);
}
