/*
 * virtual_repair.c - bringing a virtual library's directory back to a
 * consistent state, and growing it.
 *
 * rsmd's own moves are single renames and cannot leave a cartridge in two
 * places; what repair meets comes from a crash in the middle of an exchange
 * (a cartridge left in the picker), from an older rsmd, or from a person
 * editing the directory by hand. Every rule is deterministic, so two runs
 * over the same directory do the same thing, and every fix is one log_warn
 * line naming what was found and what was done:
 *
 *  1. Anything in an element directory whose name is not an element of this
 *     library is a stray: a stray link is removed (its cartridge, if any,
 *     stays in cartridges/, outside the library); a stray file or directory
 *     is moved to orphans/. Leftover "*.tmp" files are removed.
 *  2. A link that names an existing cartridge by another path (the root was
 *     moved or renamed) is re-pointed at ROOT/cartridges/BC.img.
 *  3. A link to a missing image, or to something that is not a cartridge
 *     image, is removed: the element becomes empty.
 *  4. A plain file or directory in an element's place is moved to orphans/.
 *  5. A cartridge in several elements stays in the first of them in the
 *     order slots, drives, ports, transport (lowest address first) and its
 *     other links are removed.
 *  6. A cartridge left in the picker goes back to the element it came from
 *     when that is empty, else to the lowest empty slot.
 */
#include "changer/virtual_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"

/* Types in the order rule 5 prefers them. */
static const int scan_order[ELEM_TYPES] = {ELEM_SLOT, ELEM_DRIVE, ELEM_PORT, ELEM_TRANSPORT};

static const char *type_word(int type)
{
    static const char *const words[ELEM_TYPES + 1] = {
        "element", "transport", "slot", "port", "drive"};
    return type >= 0 && type <= ELEM_TYPES ? words[type] : "element";
}

/* --- directories ---------------------------------------------------------- */

static DWORD ensure_dir(const vdir_t *d, const char *rel, char *why, size_t why_len)
{
    char p[VPATH];
    vpath(d, p, "%s", rel);
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        return vfail(why, why_len, verrno(errno), "cannot create %s: %s", p, strerror(errno));
    return 0;
}

static DWORD ensure_dirs(const vdir_t *d, char *why, size_t why_len)
{
    static const char *const dirs[] = {"cartridges", "transport", "slots", "ports", "drives"};
    DWORD rc = 0;
    for (size_t i = 0; !rc && i < sizeof dirs / sizeof dirs[0]; i++)
        rc = ensure_dir(d, dirs[i], why, why_len);
    for (unsigned n = 1; !rc && n <= d->conf.count[ELEM_DRIVE]; n++) {
        char rel[32];
        snprintf(rel, sizeof rel, "drives/%u", n);
        rc = ensure_dir(d, rel, why, why_len);
    }
    return rc;
}

/* --- strays (rule 1) ------------------------------------------------------- */

/* `name` is the canonical decimal form of a number in [lo, lo + count). */
static bool name_in_range(const char *name, size_t len, unsigned lo, unsigned count)
{
    if (len == 0 || len > 5 || (name[0] == '0'))
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        v = v * 10 + (unsigned)(name[i] - '0');
    }
    return v >= lo && v - lo < count;
}

static bool addr_name(const vconf_t *c, int type, const char *name, size_t len)
{
    return name_in_range(name, len, vaddr_first(type), c->count[type]);
}

/* Which names belong in each directory an element lives in. */
static bool keep_transport(const vconf_t *c, const char *n) { return addr_name(c, ELEM_TRANSPORT, n, strlen(n)); }
static bool keep_slots(const vconf_t *c, const char *n) { return addr_name(c, ELEM_SLOT, n, strlen(n)); }
static bool keep_drive_dir(const vconf_t *c, const char *n) { (void)c; return strcmp(n, "tape") == 0; }
static bool keep_drives(const vconf_t *c, const char *n)
{
    return name_in_range(n, strlen(n), 1, c->count[ELEM_DRIVE]);
}
static bool keep_ports(const vconf_t *c, const char *n)
{
    size_t len = strlen(n);
    if (len > 5 && strcmp(n + len - 5, ".open") == 0)
        len -= 5;
    return addr_name(c, ELEM_PORT, n, len);
}

/* Move `path` (not a link) out of the way into orphans/. */
static bool move_to_orphans(const vdir_t *d, const char *path, const char *tag)
{
    char dst[VPATH];
    const char *base = strrchr(path, '/') + 1;
    if (ensure_dir(d, "orphans", NULL, 0))
        return false;
    for (unsigned i = 0; i < 100; i++) {
        if (i == 0)
            vpath(d, dst, "orphans/%s-%s", tag, base);
        else
            vpath(d, dst, "orphans/%s-%s.%u", tag, base, i);
        if (vrename_noreplace(path, dst) == 0) {
            log_warn("virtual library %s: moved %s, which is not a cartridge link, to %s",
                     d->conf.name, path, dst);
            return true;
        }
        if (errno != EEXIST)
            break;
    }
    log_warn("virtual library %s: cannot move %s aside: %s", d->conf.name, path, strerror(errno));
    return false;
}

/* Remove or set aside the entry `path`: links go, anything else is kept in
 * orphans/. Returns true when something changed. */
static bool drop_entry(const vdir_t *d, const char *path, const char *tag, const char *what)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return false;
    if (!S_ISLNK(st.st_mode))
        return move_to_orphans(d, path, tag);
    char target[VPATH] = "";
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    if (unlink(path) != 0) {
        log_warn("virtual library %s: cannot remove %s: %s", d->conf.name, path, strerror(errno));
        return false;
    }
    log_warn("virtual library %s: removed %s -> %s (%s)", d->conf.name, path, target, what);
    return true;
}

static bool sweep_dir(const vdir_t *d, const char *rel, const char *tag,
                      bool (*keep)(const vconf_t *, const char *))
{
    char p[VPATH], entry[VPATH + 256];
    bool changed = false;
    vpath(d, p, "%s", rel);
    DIR *dir = opendir(p);
    if (!dir)
        return false;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || keep(&d->conf, e->d_name))
            continue;
        snprintf(entry, sizeof entry, "%s/%s", p, e->d_name);
        size_t len = strlen(e->d_name);
        bool tmp = len > 4 && strcmp(e->d_name + len - 4, ".tmp") == 0;
        if (tmp && unlink(entry) == 0) { /* an interrupted replace; the original is intact */
            log_warn("virtual library %s: removed the leftover %s", d->conf.name, entry);
            changed = true;
        } else {
            changed |= drop_entry(d, entry, tag, "not an element of this library");
        }
    }
    closedir(dir);
    return changed;
}

/* Interrupted writes of images, .from files, library.conf, generation. */
static void sweep_tmp(const vdir_t *d, const char *rel)
{
    char p[VPATH], entry[VPATH + 256];
    vpath(d, p, "%s", rel);
    DIR *dir = opendir(p);
    if (!dir)
        return;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".tmp") == 0) {
            snprintf(entry, sizeof entry, "%s/%s", p, e->d_name);
            unlink(entry);
        }
    }
    closedir(dir);
}

static bool sweep_strays(const vdir_t *d)
{
    bool changed = false;
    changed |= sweep_dir(d, "transport", "transport", keep_transport);
    changed |= sweep_dir(d, "slots", "slots", keep_slots);
    changed |= sweep_dir(d, "ports", "ports", keep_ports);
    changed |= sweep_dir(d, "drives", "drives", keep_drives);
    for (unsigned n = 1; n <= d->conf.count[ELEM_DRIVE]; n++) {
        char rel[32], tag[32];
        snprintf(rel, sizeof rel, "drives/%u", n);
        snprintf(tag, sizeof tag, "drive%u", n);
        changed |= sweep_dir(d, rel, tag, keep_drive_dir);
    }
    sweep_tmp(d, "cartridges");
    sweep_tmp(d, "");
    return changed;
}

/* --- elements (rules 2 to 5) ------------------------------------------------ */

typedef struct hold {
    char barcode[VIRTUAL_BARCODE_MAX + 1];
    uint16_t addr;
    unsigned seq; /* position in scan order: rule 5's preference */
} hold_t;

typedef struct holds {
    hold_t *v;
    size_t n, cap;
} holds_t;

static bool holds_add(holds_t *h, const char *barcode, uint16_t addr)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        hold_t *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            return false;
        h->v = v;
        h->cap = cap;
    }
    hold_t *e = &h->v[h->n];
    snprintf(e->barcode, sizeof e->barcode, "%s", barcode);
    e->addr = addr;
    e->seq = (unsigned)h->n++;
    return true;
}

static int hold_cmp(const void *a, const void *b)
{
    const hold_t *x = a, *y = b;
    int c = strcmp(x->barcode, y->barcode);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Fix one element by rules 2-4; returns what it holds afterwards. */
static enum vcontent fix_element(const vdir_t *d, uint16_t addr, char *bc, bool *changed)
{
    char p[VPATH], what[96];
    enum vcontent c = vdir_read_element(d, addr, bc);
    vpath_element(d, addr, p);
    switch (c) {
    case VC_MISPLACED:
        if (vdir_link_element(d, addr, bc, true, NULL, 0) != 0)
            return VC_EMPTY;
        log_warn("virtual library %s: %s %u: re-pointed the link of %s at cartridges/%s.img",
                 d->conf.name, type_word(vaddr_type(&d->conf, addr)), addr, bc, bc);
        *changed = true;
        return VC_CARTRIDGE;
    case VC_DANGLING:
    case VC_FOREIGN_LINK:
    case VC_FOREIGN_FILE:
        snprintf(what, sizeof what, "%s %u held %s", type_word(vaddr_type(&d->conf, addr)), addr,
                 c == VC_DANGLING ? "a cartridge whose image is missing" : "no cartridge image");
        *changed |= drop_entry(d, p, "element", what);
        return VC_EMPTY;
    default:
        return c;
    }
}

/* Every cartridge in an element after rules 2-4, in scan order. */
static DWORD fix_elements(const vdir_t *d, holds_t *h, bool *changed, char *why, size_t why_len)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    for (int i = 0; i < ELEM_TYPES; i++) {
        int t = scan_order[i];
        for (unsigned k = 0; k < d->conf.count[t]; k++) {
            uint16_t addr = (uint16_t)(vaddr_first(t) + k);
            if (fix_element(d, addr, bc, changed) == VC_CARTRIDGE && !holds_add(h, bc, addr))
                return vfail(why, why_len, ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        }
    }
    return 0;
}

/* Rule 5. Leaves `h` sorted by bar code, without the removed duplicates. */
static void drop_duplicates(const vdir_t *d, holds_t *h, bool *changed)
{
    if (h->n < 2)
        return;
    qsort(h->v, h->n, sizeof *h->v, hold_cmp);
    size_t out = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (out > 0 && strcmp(h->v[out - 1].barcode, h->v[i].barcode) == 0) {
            char p[VPATH], what[96];
            vpath_element(d, h->v[i].addr, p);
            snprintf(what, sizeof what, "%s is also in element %u, where it stays",
                     h->v[i].barcode, h->v[out - 1].addr);
            *changed |= drop_entry(d, p, "element", what);
            continue;
        }
        h->v[out++] = h->v[i];
    }
    h->n = out;
}

/* --- the picker (rule 6) --------------------------------------------------- */

static uint16_t first_empty_slot(const vdir_t *d)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    for (unsigned k = 0; k < d->conf.count[ELEM_SLOT]; k++) {
        uint16_t addr = (uint16_t)(VIRTUAL_FIRST_SLOT + k);
        if (vdir_read_element(d, addr, bc) == VC_EMPTY)
            return addr;
    }
    return 0;
}

static void empty_picker(const vdir_t *d, bool *changed)
{
    char bc[VIRTUAL_BARCODE_MAX + 1], other[VIRTUAL_BARCODE_MAX + 1];
    char src[VPATH], dst[VPATH];
    if (vdir_read_element(d, VIRTUAL_TRANSPORT_ADDR, bc) != VC_CARTRIDGE)
        return;
    int from = vdir_from_read(d, bc);
    uint16_t to = 0;
    if (from > 0 && vaddr_type(&d->conf, (uint16_t)from) > ELEM_TRANSPORT &&
        vdir_read_element(d, (uint16_t)from, other) == VC_EMPTY)
        to = (uint16_t)from;
    else
        to = first_empty_slot(d);
    if (!to) {
        log_warn("virtual library %s: cartridge %s is in the transport and no slot is empty; "
                 "it stays there", d->conf.name, bc);
        return;
    }
    vpath_element(d, VIRTUAL_TRANSPORT_ADDR, src);
    vpath_element(d, to, dst);
    int err = vrename_noreplace(src, dst);
    if (err) {
        log_warn("virtual library %s: cannot put %s back from the transport: %s",
                 d->conf.name, bc, strerror(err));
        return;
    }
    vdir_from_write(d, bc, VIRTUAL_TRANSPORT_ADDR);
    log_warn("virtual library %s: cartridge %s was left in the transport; put it in %s %u",
             d->conf.name, bc, type_word(vaddr_type(&d->conf, to)), to);
    *changed = true;
}

DWORD vdir_repair(vdir_t *d, bool *changed, char *why, size_t why_len)
{
    holds_t h = {0};
    *changed = false;
    DWORD rc = ensure_dirs(d, why, why_len);
    if (rc)
        return rc;
    *changed |= sweep_strays(d);
    rc = fix_elements(d, &h, changed, why, why_len);
    if (!rc)
        drop_duplicates(d, &h, changed);
    free(h.v);
    if (!rc)
        empty_picker(d, changed);
    if (*changed)
        vdir_bump(d);
    return rc;
}

uint16_t vdir_find_barcode(const vdir_t *d, const char *barcode)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    for (int i = 0; i < ELEM_TYPES; i++) {
        int t = scan_order[i];
        for (unsigned k = 0; k < d->conf.count[t]; k++) {
            uint16_t addr = (uint16_t)(vaddr_first(t) + k);
            enum vcontent c = vdir_read_element(d, addr, bc);
            if (c != VC_EMPTY && c != VC_FOREIGN_FILE && c != VC_FOREIGN_LINK && !strcmp(bc, barcode))
                return addr;
        }
    }
    return 0;
}

/* --- growth ----------------------------------------------------------------- */

static bool grow_counts(vdir_t *d, const virtual_layout_t *want)
{
    static const int types[] = {ELEM_SLOT, ELEM_DRIVE, ELEM_PORT};
    const unsigned asked[ELEM_TYPES + 1] = {
        [ELEM_SLOT] = want->slots, [ELEM_DRIVE] = want->drives, [ELEM_PORT] = want->ports};
    bool grew = false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int t = types[i];
        unsigned *have = &d->conf.count[t];
        if (asked[t] > *have) {
            log_info("virtual library %s: %ss %u -> %u", d->conf.name, type_word(t), *have, asked[t]);
            *have = asked[t];
            grew = true;
        } else if (asked[t] < *have) {
            log_info("virtual library %s: keeps its %u %ss (the configuration asks for %u; "
                     "a virtual library never shrinks)", d->conf.name, *have, type_word(t), asked[t]);
        }
    }
    return grew;
}

/* Mint cartridges conf.cartridges + 1 .. `want` into the lowest empty slots.
 * Re-running after a crash is safe: a bar code already in an element is
 * counted, an image made but not yet placed is placed. */
static DWORD mint(vdir_t *d, unsigned want, char *why, size_t why_len)
{
    char bc[96], other[VIRTUAL_BARCODE_MAX + 1];
    unsigned slot = 0;
    DWORD rc = 0;
    while (!rc && d->conf.cartridges < want) {
        snprintf(bc, sizeof bc, "%s%04u%s", d->conf.prefix, d->conf.cartridges + 1, d->conf.suffix);
        if (!vbarcode_valid(bc)) /* prefix and suffix were checked; be sure */
            return vfail(why, why_len, ERROR_BAD_FORMAT, "bar code %s is too long", bc);
        /* Without an image no element can hold it (repair removed links to
         * missing images), so the scan is needed only after a crash. */
        char img[VPATH];
        struct stat st;
        vpath_image(d, bc, img);
        if (stat(img, &st) != 0 || !vdir_find_barcode(d, bc)) {
            while (slot < d->conf.count[ELEM_SLOT] &&
                   vdir_read_element(d, (uint16_t)(VIRTUAL_FIRST_SLOT + slot), other) != VC_EMPTY)
                slot++;
            if (slot == d->conf.count[ELEM_SLOT]) {
                log_warn("virtual library %s: no empty slot for cartridge %s; %u of the %u "
                         "cartridges asked for exist", d->conf.name, bc, d->conf.cartridges, want);
                break;
            }
            rc = vdir_image_create(d, bc, why, why_len);
            if (!rc)
                rc = vdir_link_element(d, (uint16_t)(VIRTUAL_FIRST_SLOT + slot), bc, false, why, why_len);
            if (rc)
                break;
        }
        d->conf.cartridges++;
    }
    return rc;
}

DWORD vdir_grow(vdir_t *d, const virtual_layout_t *want, char *why, size_t why_len)
{
    unsigned before = d->conf.cartridges;
    bool grew = grow_counts(d, want);
    DWORD rc = ensure_dirs(d, why, why_len);
    if (!rc)
        rc = mint(d, want->cartridges, why, why_len);
    if (grew || d->conf.cartridges != before) {
        DWORD wrc = vdir_conf_write(d, why, why_len);
        rc = rc ? rc : wrc;
        vdir_bump(d);
    }
    return rc;
}
