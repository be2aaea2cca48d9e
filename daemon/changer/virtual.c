/*
 * virtual.c - the virtual library as a changer backend (changer_ops_t), and
 * the operator's hands (virtual_insert, virtual_remove).
 *
 * State lives in the directory only (virtual_int.h describes it); a vlib_t
 * holds nothing but the path, the counts and what check() last saw. Every
 * state change holds the exclusive lock on ROOT/.lock, bumps ROOT/generation
 * and is one rename() or one link created or removed, so it is atomic to
 * any other process and to a crash.
 */
#include "changer/virtual_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"

#define DOOR_FLAG "door-locked"
#define ASC_INCOMPATIBLE_MEDIUM 0x30

typedef struct vlib {
    changer_t base;
    vdir_t dir;
    uint64_t seen; /* fingerprint when status() last read the library */
    bool pending;  /* someone else changed it since; not yet reported */
} vlib_t;

static const changer_ops_t virtual_ops;

const vdir_t *virtual_dir_of(const changer_t *c)
{
    return c && c->ops == &virtual_ops ? &((const vlib_t *)c)->dir : NULL;
}

/* --- entering and leaving an operation --------------------------------------- */

static DWORD library_present(const vlib_t *v, char *why, size_t why_len)
{
    char p[VPATH];
    struct stat st;
    vpath(&v->dir, p, "library.conf");
    if (stat(p, &st) != 0)
        return vfail(why, why_len, ERROR_DEVICE_NOT_AVAILABLE, "%s: %s", p, strerror(errno));
    return 0;
}

/* Take the lock (exclusive for a change) and make sure the library is still
 * there. Before a change, remember whether someone else changed the library
 * since the last status, so that our change does not hide theirs. */
static DWORD enter(vlib_t *v, bool exclusive, char *why, size_t why_len)
{
    DWORD rc = vdir_lock(&v->dir, exclusive, why, why_len);
    if (rc)
        return rc;
    rc = library_present(v, why, why_len);
    if (rc) {
        vdir_unlock(&v->dir);
        return rc;
    }
    if (exclusive && vdir_fingerprint(&v->dir) != v->seen)
        v->pending = true;
    return 0;
}

/* `changed`: we changed the library; that is no news to check(). */
static void leave(vlib_t *v, bool changed)
{
    if (changed) {
        vdir_bump(&v->dir);
        v->seen = vdir_fingerprint(&v->dir);
    }
    vdir_unlock(&v->dir);
}

/* --- checks shared by the operations ---------------------------------------- */

static DWORD check_address(const vdir_t *d, uint16_t addr, char *why, size_t why_len)
{
    if (!vaddr_type(&d->conf, addr))
        return vfail(why, why_len, VERR_BAD_ADDRESS, "no element %u in this library", addr);
    return 0;
}

/* The robot cannot reach a port that is open to the operator. */
static DWORD check_robot_reach(const vdir_t *d, uint16_t addr, char *why, size_t why_len)
{
    char flag[32];
    DWORD rc = check_address(d, addr, why, why_len);
    if (rc || vaddr_type(&d->conf, addr) != ELEM_PORT)
        return rc;
    vport_flag_name(addr, flag, sizeof flag);
    if (vdir_flag(d, flag))
        return vfail(why, why_len, VERR_PORT_OPEN, "port %u is open to the operator", addr);
    return 0;
}

/* Element `addr` must hold a cartridge of this library; its bar code. */
static DWORD need_cartridge(const vdir_t *d, uint16_t addr, char *bc, char *why, size_t why_len)
{
    switch (vdir_read_element(d, addr, bc)) {
    case VC_CARTRIDGE:
        return 0;
    case VC_EMPTY:
        return vfail(why, why_len, VERR_SOURCE_EMPTY, "element %u is empty", addr);
    default:
        return vfail(why, why_len, VERR_NOT_CARTRIDGE,
                     "element %u holds no usable cartridge link (a rescan repairs it)", addr);
    }
}

/* One rename of element `from`'s link to `to`; the single step of every
 * move. `from` is known to hold cartridge `bc`. */
static DWORD shift(const vdir_t *d, uint16_t from, uint16_t to, const char *bc,
                   char *why, size_t why_len)
{
    char src[VPATH], dst[VPATH];
    int old_from = vdir_from_read(d, bc);
    vpath_element(d, from, src);
    vpath_element(d, to, dst);
    vdir_from_write(d, bc, from);
    int err = vrename_noreplace(src, dst);
    if (!err)
        return 0;
    vdir_from_write(d, bc, old_from);
    if (err == EEXIST)
        return vfail(why, why_len, VERR_DEST_FULL, "element %u is full", to);
    struct stat st;
    if (err == ENOENT && lstat(src, &st) != 0)
        return vfail(why, why_len, VERR_SOURCE_EMPTY, "element %u is empty", from);
    return vfail(why, why_len, verrno(err), "moving %s from %u to %u: %s", bc, from, to, strerror(err));
}

/* --- changer_ops -------------------------------------------------------------- */

static DWORD v_info(changer_t *c, changer_info_t *out, char *why, size_t why_len)
{
    const vlib_t *v = (const vlib_t *)c;
    (void)why, (void)why_len;
    memset(out, 0, sizeof *out);
    snprintf(out->vendor, sizeof out->vendor, "RSM");
    snprintf(out->product, sizeof out->product, "VIRTUAL LIBRARY");
    snprintf(out->revision, sizeof out->revision, "1.0");
    snprintf(out->serial, sizeof out->serial, "%s", v->dir.conf.serial);
    snprintf(out->identifier, sizeof out->identifier, "rsm-virtual:%s", v->dir.conf.serial);
    for (int t = 1; t <= ELEM_TYPES; t++) {
        out->range[t].first = vaddr_first(t);
        out->range[t].count = (uint16_t)v->dir.conf.count[t];
    }
    out->has_barcode_reader = true;
    out->can_exchange = true;
    out->can_position = false;
    out->can_lock_door = true;
    out->can_open_port = true;
    out->can_init_range = true; /* a rescan of a range re-reads everything */
    return 0;
}

static void fill_element(const vdir_t *d, int type, uint16_t addr, element_t *e)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    e->address = addr;
    e->type = (uint8_t)type;
    e->access = true;
    enum vcontent c = vdir_read_element(d, addr, bc);
    e->full = c != VC_EMPTY;
    if (c == VC_CARTRIDGE || c == VC_MISPLACED) {
        e->has_voltag = true;
        snprintf(e->voltag, sizeof e->voltag, "%s", bc);
        int from = vdir_from_read(d, bc);
        if (from > 0 && from != addr) {
            e->source_valid = true;
            e->source_address = (uint16_t)from;
        }
    } else if (e->full) {
        e->except = true; /* not a cartridge of ours; rescan repairs it */
        e->asc = ASC_INCOMPATIBLE_MEDIUM;
    }
    if (type == ELEM_PORT) {
        char flag[32];
        vport_flag_name(addr, flag, sizeof flag);
        e->access = !vdir_flag(d, flag);
        e->impexp = e->full && !e->source_valid; /* put in by the operator */
    }
    if (type == ELEM_DRIVE)
        snprintf(e->device_id, sizeof e->device_id, "VDRV%04u", addr - VIRTUAL_FIRST_DRIVE + 1);
}

static DWORD v_status(changer_t *c, int type, element_status_t *out, char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    out->v = NULL;
    out->n = 0;
    if (type < 1 || type > ELEM_TYPES)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "no element type %d", type);
    size_t n = v->dir.conf.count[type];
    out->v = calloc(n ? n : 1, sizeof *out->v);
    if (!out->v)
        return vfail(why, why_len, ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    DWORD rc = enter(v, false, why, why_len);
    if (rc) {
        element_status_free(out);
        return rc;
    }
    /* Taken before reading: a change that races the read is reported again
     * by the next check(), never lost. */
    v->seen = vdir_fingerprint(&v->dir);
    v->pending = false;
    for (size_t k = 0; k < n; k++)
        fill_element(&v->dir, type, (uint16_t)(vaddr_first(type) + k), &out->v[k]);
    out->n = n;
    leave(v, false);
    return 0;
}

static DWORD v_rescan(changer_t *c, uint16_t first, uint16_t count, char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    bool changed;
    (void)first, (void)count; /* re-reading everything costs milliseconds */
    DWORD rc = enter(v, true, why, why_len);
    if (rc)
        return rc;
    rc = vdir_repair(&v->dir, &changed, why, why_len);
    leave(v, true);
    return rc;
}

static DWORD do_move(vlib_t *v, uint16_t from, uint16_t to, char *why, size_t why_len)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    DWORD rc = check_robot_reach(&v->dir, from, why, why_len);
    if (!rc)
        rc = check_robot_reach(&v->dir, to, why, why_len);
    if (!rc)
        rc = need_cartridge(&v->dir, from, bc, why, why_len);
    if (rc || from == to)
        return rc;
    return shift(&v->dir, from, to, bc, why, why_len);
}

static DWORD v_move(changer_t *c, uint16_t from, uint16_t to, char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    DWORD rc = enter(v, true, why, why_len);
    if (rc)
        return rc;
    rc = do_move(v, from, to, why, why_len);
    leave(v, rc == 0);
    return rc;
}

static DWORD exchange_check(const vdir_t *d, uint16_t src, uint16_t dst1, uint16_t dst2,
                            char *bc0, char *bc1, char *why, size_t why_len)
{
    const uint16_t addrs[3] = {src, dst1, dst2};
    char other[VIRTUAL_BARCODE_MAX + 1];
    for (int i = 0; i < 3; i++) {
        DWORD rc = check_robot_reach(d, addrs[i], why, why_len);
        if (rc)
            return rc;
        if (addrs[i] == VIRTUAL_TRANSPORT_ADDR)
            return vfail(why, why_len, ERROR_INVALID_PARAMETER,
                         "an exchange cannot name the transport; it carries the cartridges");
    }
    if (src == dst1 || dst1 == dst2)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER,
                     "exchange %u -> %u -> %u names an element twice", src, dst1, dst2);
    if (vdir_read_element(d, VIRTUAL_TRANSPORT_ADDR, other) != VC_EMPTY)
        return vfail(why, why_len, VERR_TRANSPORT_FULL, "the transport holds a cartridge");
    DWORD rc = need_cartridge(d, src, bc0, why, why_len);
    if (!rc)
        rc = need_cartridge(d, dst1, bc1, why, why_len);
    if (!rc && dst2 != src && vdir_read_element(d, dst2, other) != VC_EMPTY)
        rc = vfail(why, why_len, VERR_DEST_FULL, "element %u is full", dst2);
    return rc;
}

/* Through the picker: dst1 -> transport, src -> dst1, transport -> dst2.
 * Each step is one rename, so a crash leaves every cartridge somewhere
 * (at worst in the transport, which repair empties). A failed step undoes
 * the ones before it. */
static DWORD do_exchange(vlib_t *v, uint16_t src, uint16_t dst1, uint16_t dst2,
                         char *why, size_t why_len)
{
    const vdir_t *d = &v->dir;
    char bc0[VIRTUAL_BARCODE_MAX + 1], bc1[VIRTUAL_BARCODE_MAX + 1];
    DWORD rc = exchange_check(d, src, dst1, dst2, bc0, bc1, why, why_len);
    if (rc)
        return rc;
    rc = shift(d, dst1, VIRTUAL_TRANSPORT_ADDR, bc1, why, why_len);
    if (rc)
        return rc;
    rc = shift(d, src, dst1, bc0, why, why_len);
    if (rc) {
        shift(d, VIRTUAL_TRANSPORT_ADDR, dst1, bc1, NULL, 0);
        return rc;
    }
    rc = shift(d, VIRTUAL_TRANSPORT_ADDR, dst2, bc1, why, why_len);
    if (rc) {
        shift(d, dst1, src, bc0, NULL, 0);
        shift(d, VIRTUAL_TRANSPORT_ADDR, dst1, bc1, NULL, 0);
        return rc;
    }
    vdir_from_write(d, bc1, dst1); /* the medium's source, not the picker */
    return 0;
}

static DWORD v_exchange(changer_t *c, uint16_t src, uint16_t dst1, uint16_t dst2,
                        char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    DWORD rc = enter(v, true, why, why_len);
    if (rc)
        return rc;
    rc = do_exchange(v, src, dst1, dst2, why, why_len);
    leave(v, true); /* even a failed exchange may have moved and undone */
    return rc;
}

/* Set or clear a flag file under the lock (door lock, port open). */
static DWORD set_flag(vlib_t *v, const char *rel, bool on, char *why, size_t why_len)
{
    DWORD rc = enter(v, true, why, why_len);
    if (rc)
        return rc;
    rc = vdir_flag_set(&v->dir, rel, on, why, why_len);
    leave(v, rc == 0);
    return rc;
}

static DWORD v_lock(changer_t *c, bool prevent, char *why, size_t why_len)
{
    return set_flag((vlib_t *)c, DOOR_FLAG, prevent, why, why_len);
}

static DWORD v_port(changer_t *c, uint16_t address, bool open, char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    char flag[32];
    if (vaddr_type(&v->dir.conf, address) != ELEM_PORT)
        return vfail(why, why_len, VERR_BAD_ADDRESS, "element %u is not a port", address);
    vport_flag_name(address, flag, sizeof flag);
    return set_flag(v, flag, open, why, why_len);
}

static DWORD v_check(changer_t *c, bool *changed, char *why, size_t why_len)
{
    vlib_t *v = (vlib_t *)c;
    *changed = false;
    DWORD rc = library_present(v, why, why_len);
    if (!rc)
        *changed = v->pending || vdir_fingerprint(&v->dir) != v->seen;
    return rc;
}

static void v_close(changer_t *c)
{
    vlib_t *v = (vlib_t *)c;
    if (!v)
        return;
    vdir_close(&v->dir);
    free(v);
}

static const changer_ops_t virtual_ops = {
    .name = "virtual",
    .info = v_info,
    .status = v_status,
    .rescan = v_rescan,
    .move = v_move,
    .exchange = v_exchange,
    .position = NULL,
    .lock = v_lock,
    .port = v_port,
    .check = v_check,
    .close = v_close,
};

/* --- open --------------------------------------------------------------------- */

static DWORD layout_check(const virtual_layout_t *l, char *why, size_t why_len)
{
    const char *pre = l->barcode_prefix ? l->barcode_prefix : "VT";
    const char *suf = l->barcode_suffix ? l->barcode_suffix : "L8";
    if (l->slots < 1 || l->slots > VIRTUAL_MAX_SLOTS || l->drives < 1 ||
        l->drives > VIRTUAL_MAX_DRIVES || l->ports > VIRTUAL_MAX_PORTS)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER,
                     "virtual library: 1-%d slots, 1-%d drives and 0-%d ports", VIRTUAL_MAX_SLOTS,
                     VIRTUAL_MAX_DRIVES, VIRTUAL_MAX_PORTS);
    /* Room for five digits: up to 64535 cartridges. */
    if ((*pre && !vbarcode_valid(pre)) || (*suf && !vbarcode_valid(suf)) ||
        strlen(pre) + strlen(suf) + 5 > VIRTUAL_BARCODE_MAX)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER,
                     "virtual library: bad bar code prefix or suffix");
    if (l->cartridge_size > (uint64_t)INT64_MAX)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "virtual library: bad cartridge size");
    return 0;
}

static void new_conf(vconf_t *c, const virtual_layout_t *l)
{
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);
    snprintf(c->serial, sizeof c->serial, "VL%08X", r);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(c->created, sizeof c->created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    c->count[ELEM_TRANSPORT] = 1;
    c->count[ELEM_SLOT] = l->slots;
    c->count[ELEM_DRIVE] = l->drives;
    c->count[ELEM_PORT] = l->ports;
    c->cartridges = 0; /* minted by vdir_grow */
    snprintf(c->prefix, sizeof c->prefix, "%s", l->barcode_prefix ? l->barcode_prefix : "VT");
    snprintf(c->suffix, sizeof c->suffix, "%s", l->barcode_suffix ? l->barcode_suffix : "L8");
    c->cartridge_size = l->cartridge_size ? l->cartridge_size : VIRTUAL_DEFAULT_CARTRIDGE_SIZE;
}

/* First use: write library.conf; vdir_grow adds the rest. */
static DWORD create_library(vdir_t *d, const virtual_layout_t *l, char *why, size_t why_len)
{
    if (!vdir_is_empty(d))
        return vfail(why, why_len, ERROR_BAD_FORMAT,
                     "%s is not empty and holds no library.conf: not a virtual library", d->root);
    new_conf(&d->conf, l);
    DWORD rc = vdir_conf_write(d, why, why_len);
    if (!rc)
        log_info("virtual library %s: created at %s (serial %s): %u slots, %u drives, %u ports",
                 d->conf.name, d->root, d->conf.serial, l->slots, l->drives, l->ports);
    return rc;
}

static DWORD open_locked(vlib_t *v, const virtual_layout_t *l, bool exists, char *why, size_t why_len)
{
    bool repaired;
    DWORD rc = exists ? 0 : create_library(&v->dir, l, why, why_len);
    if (!rc)
        rc = vdir_repair(&v->dir, &repaired, why, why_len);
    if (!rc)
        rc = vdir_grow(&v->dir, l, why, why_len);
    v->seen = vdir_fingerprint(&v->dir);
    return rc;
}

DWORD virtual_open(const char *root, const char *name, const virtual_layout_t *layout,
                   changer_t **out, char *why, size_t why_len)
{
    bool exists;
    if (!out || !layout)
        return vfail(why, why_len, ERROR_INVALID_PARAMETER, "virtual_open: no layout or result");
    *out = NULL;
    DWORD rc = layout_check(layout, why, why_len);
    if (rc)
        return rc;
    vlib_t *v = calloc(1, sizeof *v);
    if (!v)
        return vfail(why, why_len, ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    v->base.ops = &virtual_ops;
    snprintf(v->base.name, sizeof v->base.name, "%s", name && *name ? name : "virtual");
    rc = vdir_open(&v->dir, root, true, why, why_len);
    /* Log lines name the library as it is configured now. */
    snprintf(v->dir.conf.name, sizeof v->dir.conf.name, "%s", v->base.name);
    if (!rc)
        rc = vdir_lock(&v->dir, true, why, why_len);
    if (!rc) {
        rc = vdir_load(&v->dir, &exists, why, why_len);
        if (!rc)
            rc = open_locked(v, layout, exists, why, why_len);
        vdir_unlock(&v->dir);
    }
    if (rc) {
        v_close(&v->base);
        return rc;
    }
    *out = &v->base;
    return 0;
}

/* --- the operator --------------------------------------------------------------- */

/* The operator reaches a port when it is open, or from the front panel
 * when the library is not locked. */
static DWORD operator_reach(const vdir_t *d, uint16_t port, char *why, size_t why_len)
{
    char flag[32];
    if (vaddr_type(&d->conf, port) != ELEM_PORT)
        return vfail(why, why_len, VERR_BAD_ADDRESS, "element %u is not a port", port);
    vport_flag_name(port, flag, sizeof flag);
    if (!vdir_flag(d, flag) && vdir_flag(d, DOOR_FLAG))
        return vfail(why, why_len, ERROR_ACCESS_DENIED,
                     "port %u is closed and the library is locked", port);
    return 0;
}

static DWORD insert_locked(vdir_t *d, uint16_t port, const char *barcode, char *why, size_t why_len)
{
    char bc[VIRTUAL_BARCODE_MAX + 1];
    DWORD rc = operator_reach(d, port, why, why_len);
    if (rc)
        return rc;
    if (vdir_read_element(d, port, bc) != VC_EMPTY)
        return vfail(why, why_len, VERR_DEST_FULL, "port %u is full", port);
    uint16_t at = vdir_find_barcode(d, barcode);
    if (at)
        return vfail(why, why_len, ERROR_ALREADY_EXISTS, "cartridge %s is already in element %u",
                     barcode, at);
    rc = vdir_image_create(d, barcode, why, why_len);
    if (rc)
        return rc;
    vdir_from_write(d, barcode, -1);
    return vdir_link_element(d, port, barcode, false, why, why_len);
}

static DWORD remove_locked(vdir_t *d, uint16_t port, char *bc, char *why, size_t why_len)
{
    char p[VPATH];
    DWORD rc = operator_reach(d, port, why, why_len);
    if (rc)
        return rc;
    if (vdir_read_element(d, port, bc) == VC_EMPTY)
        return vfail(why, why_len, VERR_SOURCE_EMPTY, "port %u is empty", port);
    vpath_element(d, port, p);
    if (unlink(p) != 0)
        return vfail(why, why_len, verrno(errno), "%s: %s", p, strerror(errno));
    if (bc[0])
        vdir_from_write(d, bc, -1);
    return 0;
}

/* Open `root` as the operator's process does, insert or remove under the
 * exclusive lock, and bump the generation when that changed something. */
static DWORD as_operator(const char *root, uint16_t port, const char *barcode, bool insert,
                         char *why, size_t why_len)
{
    vdir_t d;
    bool exists;
    char bc[VIRTUAL_BARCODE_MAX + 1] = "";
    DWORD rc = vdir_open(&d, root, false, why, why_len);
    if (!rc)
        rc = vdir_lock(&d, true, why, why_len);
    if (rc) {
        vdir_close(&d);
        return rc;
    }
    rc = vdir_load(&d, &exists, why, why_len);
    if (!rc && !exists)
        rc = vfail(why, why_len, ERROR_FILE_NOT_FOUND, "%s: not a virtual library", d.root);
    if (!rc)
        rc = insert ? insert_locked(&d, port, barcode, why, why_len)
                : remove_locked(&d, port, bc, why, why_len);
    if (!rc) {
        vdir_bump(&d);
        log_info("virtual library %s: the operator %s %s %s port %u", d.conf.name,
                 insert ? "put" : "took", insert ? barcode : bc, insert ? "into" : "out of", port);
    }
    vdir_unlock(&d);
    vdir_close(&d);
    return rc;
}

DWORD virtual_insert(const char *root, uint16_t port_address, const char *barcode,
                     char *why, size_t why_len)
{
    if (!barcode || !vbarcode_valid(barcode))
        return vfail(why, why_len, ERROR_INVALID_NAME,
                     "a bar code is 1-%d letters, digits, '-' or '_'", VIRTUAL_BARCODE_MAX);
    return as_operator(root, port_address, barcode, true, why, why_len);
}

DWORD virtual_remove(const char *root, uint16_t port_address, char *why, size_t why_len)
{
    return as_operator(root, port_address, NULL, false, why, why_len);
}
