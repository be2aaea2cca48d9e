/*
 * moves.c - robot moves in the database: the intent recorded before the
 * move, the outcome after it, and the intents a crash left open, settled by
 * the element status at the next attach (library_model.h).
 *
 * Between model_move_begin and model_move_done the medium's record still
 * says `from`. If rsmd dies in between, the open intent is the only trace
 * that the cartridge may be at `to` instead; for a cartridge with a bar
 * code the inventory would find it anyway, for one without, the intent is
 * what keeps it from being taken for a new cartridge at `to` and a lost one
 * at `from`.
 */
#include <stdlib.h>

#include "library_int.h"
#include "util/log.h"

DWORD model_move_begin(store_t *st, const NTMS_GUID *library, const NTMS_GUID *medium, uint16_t from,
                       uint16_t to, int64_t *intent)
{
    if (st == NULL || model_guid_absent(library) || intent == NULL)
        return ERROR_INVALID_PARAMETER;
    return store_intent_open(st, library, model_guid_absent(medium) ? NULL : medium, from, to, intent);
}

DWORD model_move_failed(store_t *st, int64_t intent)
{
    return store_intent_close(st, intent);
}

/* The medium of `library` whose record puts it at element object `where`. */
static DWORD medium_recorded_at(store_t *st, const NTMS_GUID *library, const NTMS_GUID *where, NTMS_GUID *out)
{
    store_medium_t *media = NULL;
    size_t n = 0;
    DWORD err = store_library_media(st, library, &media, &n);
    if (!err)
        err = ERROR_OBJECT_NOT_FOUND;
    for (size_t i = 0; err == ERROR_OBJECT_NOT_FOUND && i < n; i++) {
        if (model_guid_eq(&media[i].location, where)) {
            *out = media[i].guid;
            err = 0;
        }
    }
    free(media);
    return err;
}

/* The element object found at an address (`have` false: none, the
 * transport or an element registration never saw) marked full or empty. */
static DWORD mark_element(store_t *st, bool have, const NTMS_GUID *obj, int t, bool full)
{
    return have ? lib_element_mark(st, obj, t, full) : 0;
}

/* The element objects are looked up once and used both to place the
 * medium and to mark the two elements. */
static DWORD move_done(store_t *st, const NTMS_GUID *library, int64_t intent, const NTMS_GUID *medium,
                       uint16_t from, uint16_t to)
{
    NTMS_GUID src, dst, m;
    int ts = 0, td = 0;
    DWORD err = lib_element_at(st, library, from, &src, &ts);
    bool have_src = err == 0, have_dst;
    if (err && err != ERROR_OBJECT_NOT_FOUND)
        return err;
    err = lib_element_at(st, library, to, &dst, &td);
    have_dst = err == 0;
    if (err == ERROR_OBJECT_NOT_FOUND) {
        log_warn("move to element %u: the element has no object; the medium keeps its record", to);
        err = 0;
    } else if (!err) {
        if (!model_guid_absent(medium))
            m = *medium;
        else if (have_src)
            err = medium_recorded_at(st, library, &src, &m);
        else
            err = ERROR_OBJECT_NOT_FOUND;
        if (!err)
            err = lib_medium_place(st, &m, library, &dst, td, NULL);
        else if (err == ERROR_OBJECT_NOT_FOUND)
            err = 0; /* an unrecorded cartridge: the next inventory records it */
    }
    if (!err)
        err = mark_element(st, have_src, &src, ts, false);
    if (!err)
        err = mark_element(st, have_dst, &dst, td, true);
    if (!err)
        err = store_intent_close(st, intent);
    return err;
}

DWORD model_move_done(store_t *st, const NTMS_GUID *library, int64_t intent, const NTMS_GUID *medium,
                      uint16_t from, uint16_t to)
{
    if (st == NULL || model_guid_absent(library))
        return ERROR_INVALID_PARAMETER;
    DWORD err = store_begin(st);
    if (err)
        return err;
    err = move_done(st, library, intent, medium, from, to);
    if (err) {
        store_rollback(st);
        return err;
    }
    return store_commit(st);
}

/* --- reconciliation at attach --------------------------------------------- */

/* The element at `address`, whatever its type, or NULL. */
static const element_t *any_element(const lib_status_index_t *ix, uint16_t address)
{
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++) {
        const element_t *e = lib_status_find(ix, t, address);
        if (e != NULL)
            return e;
    }
    return NULL;
}

/* Where the intent's medium is now: `to` when that element is full and
 * either `from` is not, or `to` shows the medium's bar code; else `from`
 * when it is full; else 0 (neither: the inventory decides). */
static uint16_t settle(const store_intent_t *it, const lib_status_index_t *ix, const char *bar_code)
{
    const element_t *f = any_element(ix, it->from), *t = any_element(ix, it->to);
    bool code_at_to = t != NULL && bar_code[0] != '\0' && t->has_voltag && strcmp(t->voltag, bar_code) == 0;
    if (t != NULL && t->full && (f == NULL || !f->full || code_at_to))
        return it->to;
    if (f != NULL && f->full)
        return it->from;
    return 0;
}

static DWORD settle_one(store_t *st, const NTMS_GUID *library, const store_intent_t *it,
                        const lib_status_index_t *ix)
{
    NTMS_OBJECTINFORMATIONA m;
    const char *code = "";
    bool known = !model_guid_absent(&it->medium) && store_get(st, &it->medium, &m) == 0 &&
                 model_guid_eq(&m.Info.PhysicalMedia.CurrentLibrary, library);
    if (known)
        code = m.Info.PhysicalMedia.szBarCode;
    uint16_t at = settle(it, ix, code);
    log_info("library: unfinished move %u -> %u found at start: the medium is %s", it->from, it->to,
             at == it->to ? "at its destination" : at == it->from ? "still at its source" : "in neither element");
    if (known && at != 0) {
        NTMS_GUID obj;
        int t;
        DWORD err = lib_element_at(st, library, at, &obj, &t);
        if (!err)
            err = lib_medium_place(st, &it->medium, library, &obj, t, NULL);
        if (err && err != ERROR_OBJECT_NOT_FOUND)
            return err;
    }
    return store_intent_close(st, it->id);
}

DWORD model_moves_reconcile(store_t *st, const NTMS_GUID *library, const element_status_t *status,
                            unsigned *settled)
{
    store_intent_t *v = NULL;
    size_t n = 0;
    lib_status_index_t ix;
    if (st == NULL || model_guid_absent(library) || status == NULL)
        return ERROR_INVALID_PARAMETER;
    if (settled != NULL)
        *settled = 0;
    DWORD err = store_intent_list(st, library, &v, &n);
    if (err || n == 0) {
        free(v);
        return err;
    }
    err = lib_status_index(status, &ix);
    if (err) {
        free(v);
        return err;
    }
    err = store_begin(st);
    if (!err) {
        for (size_t i = 0; !err && i < n; i++)
            err = settle_one(st, library, &v[i], &ix);
        if (err)
            store_rollback(st);
        else
            err = store_commit(st);
    }
    lib_status_index_free(&ix);
    if (!err && settled != NULL)
        *settled = (unsigned)n;
    free(v);
    return err;
}
