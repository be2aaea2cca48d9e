/*
 * placement.c - the placement cross-check (placement.h): raw-res's element
 * status of a tgtd library against rsmd's objects, read through librsm.
 *
 * Both sides are loaded whole first (the library's elements from one
 * `raw-res URL --list`, rsmd's slots, ports, drives and media by
 * EnumerateNtmsObject + GetNtmsObjectInformation), then matched in memory.
 * Sizes are not bounded by the test library: a 2,000-slot library works.
 */
#include "placement.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBLEMS_SHOWN 20
#define TAG_LEN 40

/* One element as raw-res lists it. */
typedef struct raw_element {
    DWORD type; /* NTMS_STORAGESLOT, NTMS_IEPORT or NTMS_DRIVE */
    unsigned number;
    bool full;
    char tag[TAG_LEN]; /* bar code, "" when none */
} raw_element_t;

/* One of rsmd's element objects. */
typedef struct object {
    NTMS_GUID id;
    DWORD type;
    unsigned number;
    DWORD state; /* slot State, port Content, drive State */
    int medium;  /* index of the medium recorded here, -1: none */
} object_t;

typedef struct medium {
    char bar_code[NTMS_BARCODE_LENGTH];
    NTMS_GUID location;
    DWORD location_type;
} medium_t;

typedef struct sides {
    raw_element_t *raw;
    size_t nraw;
    object_t *obj;
    size_t nobj;
    medium_t *media;
    size_t nmedia;
    int problems;
} sides_t;

static const struct {
    const char *raw_name;
    DWORD type;
    const char *what;
} kinds[] = {
    {"slot", NTMS_STORAGESLOT, "slot"},
    {"mailslot", NTMS_IEPORT, "port"},
    {"drive", NTMS_DRIVE, "drive"},
};

static const char *what(DWORD type)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (kinds[k].type == type)
            return kinds[k].what;
    return "element";
}

static void problem(sides_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(sides_t *s, const char *fmt, ...)
{
    va_list ap;

    if (s->problems++ >= MAX_PROBLEMS_SHOWN)
        return;
    va_start(ap, fmt);
    fputs("placement: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static bool same_guid(const NTMS_GUID *a, const NTMS_GUID *b) { return memcmp(a, b, sizeof *a) == 0; }

/* --- the library's side: raw-res --list ------------------------------------ */

/* "slot 1000 full VL0001L6 src=1002": kind, address, state, then an
 * optional tag and an optional src= (see raw_res.c's list_all). */
static int parse_line(char *line, raw_element_t *out)
{
    char *save = NULL, *kind = strtok_r(line, " \n", &save), *addr = strtok_r(NULL, " \n", &save);
    char *state = strtok_r(NULL, " \n", &save), *tag = strtok_r(NULL, " \n", &save), *end;

    if (kind == NULL || addr == NULL || state == NULL)
        return -1;
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(kind, kinds[k].raw_name) == 0)
            out->type = kinds[k].type;
    if (out->type == 0)
        return strcmp(kind, "transport") == 0 ? 1 : -1; /* the picker is no object */
    out->number = (unsigned)strtoul(addr, &end, 10);
    if (*end != '\0' || (strcmp(state, "full") != 0 && strcmp(state, "empty") != 0))
        return -1;
    out->full = strcmp(state, "full") == 0;
    if (tag != NULL && strncmp(tag, "src=", 4) != 0)
        snprintf(out->tag, sizeof out->tag, "%s", tag);
    return 0;
}

static int read_raw(sides_t *s, const char *raw_res, const char *url)
{
    char cmd[1024], line[256];
    size_t cap = 0;
    FILE *f;
    int bad = 0;

    snprintf(cmd, sizeof cmd, "'%s' '%s' --list --timeout 10", raw_res, url);
    f = popen(cmd, "r");
    if (f == NULL) {
        fprintf(stderr, "placement: cannot run %s\n", cmd);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        raw_element_t e;
        int rc = parse_line(line, &e);
        if (rc != 0) {
            bad |= rc < 0;
            continue;
        }
        if (s->nraw == cap) {
            cap = cap ? cap * 2 : 64;
            raw_element_t *v = realloc(s->raw, cap * sizeof *v);
            if (v == NULL) {
                bad = 1;
                break;
            }
            s->raw = v;
        }
        s->raw[s->nraw++] = e;
    }
    if (pclose(f) != 0 || bad || s->nraw == 0) {
        fprintf(stderr, "placement: %s failed or printed something unexpected\n", cmd);
        return -1;
    }
    return 0;
}

/* --- rsmd's side --------------------------------------------------------------- */

static DWORD get(HANDLE h, const NTMS_GUID *id, DWORD type, NTMS_OBJECTINFORMATIONA *out)
{
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;
    out->dwType = type;
    return GetNtmsObjectInformationA(h, (LPNTMS_GUID)id, out);
}

/* Every object of `type` in `lib` (malloc'ed into *out). */
static DWORD list(HANDLE h, const NTMS_GUID *lib, DWORD type, NTMS_GUID **out, DWORD *n)
{
    DWORD cap = 256, err = ERROR_INSUFFICIENT_BUFFER;

    *out = NULL;
    for (int tries = 0; tries < 4 && err == ERROR_INSUFFICIENT_BUFFER; tries++) {
        NTMS_GUID *v = realloc(*out, (cap ? cap : 1) * sizeof *v);
        if (v == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        *out = v;
        *n = cap;
        err = EnumerateNtmsObject(h, (LPNTMS_GUID)lib, v, n, type, 0);
        cap = *n + 64; /* it may grow between the calls */
    }
    return err;
}

static void state_and_number(const NTMS_OBJECTINFORMATIONA *o, object_t *out)
{
    switch (o->dwType) {
    case NTMS_STORAGESLOT:
        out->number = o->Info.StorageSlot.Number;
        out->state = o->Info.StorageSlot.State;
        break;
    case NTMS_IEPORT:
        out->number = o->Info.IEPort.Number;
        out->state = o->Info.IEPort.Content;
        break;
    default:
        out->number = o->Info.Drive.Number;
        out->state = o->Info.Drive.State;
        break;
    }
}

static int read_objects(sides_t *s, HANDLE h, const NTMS_GUID *lib)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        NTMS_GUID *ids;
        DWORD n, err = list(h, lib, kinds[k].type, &ids, &n);
        if (err != ERROR_SUCCESS) {
            fprintf(stderr, "placement: cannot list the library's %ss (error %u)\n", kinds[k].what, (unsigned)err);
            free(ids);
            return -1;
        }
        object_t *v = realloc(s->obj, (s->nobj + n + 1) * sizeof *v);
        if (v == NULL) {
            free(ids);
            return -1;
        }
        s->obj = v;
        for (DWORD i = 0; i < n; i++) {
            NTMS_OBJECTINFORMATIONA o;
            object_t *dst = &s->obj[s->nobj];
            if (get(h, &ids[i], kinds[k].type, &o) != ERROR_SUCCESS) {
                problem(s, "a %s listed in the library cannot be read", kinds[k].what);
                continue;
            }
            dst->id = ids[i];
            dst->type = kinds[k].type;
            dst->medium = -1;
            state_and_number(&o, dst);
            s->nobj++;
        }
        free(ids);
    }
    return 0;
}

static int read_media(sides_t *s, HANDLE h, const NTMS_GUID *lib)
{
    NTMS_GUID *ids;
    DWORD n, err = list(h, lib, NTMS_PHYSICAL_MEDIA, &ids, &n);

    if (err != ERROR_SUCCESS) {
        fprintf(stderr, "placement: cannot list the library's media (error %u)\n", (unsigned)err);
        free(ids);
        return -1;
    }
    s->media = calloc(n + 1, sizeof *s->media);
    if (s->media == NULL) {
        free(ids);
        return -1;
    }
    for (DWORD i = 0; i < n; i++) {
        NTMS_OBJECTINFORMATIONA o;
        if (get(h, &ids[i], NTMS_PHYSICAL_MEDIA, &o) != ERROR_SUCCESS) {
            problem(s, "a medium listed in the library cannot be read");
            continue;
        }
        const NTMS_PMIDINFORMATIONA *pm = &o.Info.PhysicalMedia;
        if (!same_guid(&pm->CurrentLibrary, lib))
            continue; /* listed as a member elsewhere (a pool); not in this library */
        medium_t *m = &s->media[s->nmedia++];
        snprintf(m->bar_code, sizeof m->bar_code, "%s", pm->szBarCode);
        m->location = pm->Location;
        m->location_type = pm->LocationType;
    }
    free(ids);
    return 0;
}

/* --- matching ------------------------------------------------------------------- */

static object_t *object_by_number(sides_t *s, DWORD type, unsigned number)
{
    for (size_t i = 0; i < s->nobj; i++)
        if (s->obj[i].type == type && s->obj[i].number == number)
            return &s->obj[i];
    return NULL;
}

static object_t *object_by_guid(sides_t *s, const NTMS_GUID *id)
{
    for (size_t i = 0; i < s->nobj; i++)
        if (same_guid(&s->obj[i].id, id))
            return &s->obj[i];
    return NULL;
}

static const raw_element_t *raw_of(const sides_t *s, const object_t *o)
{
    for (size_t i = 0; i < s->nraw; i++)
        if (s->raw[i].type == o->type && s->raw[i].number == o->number)
            return &s->raw[i];
    return NULL;
}

/* Does the object's state say what the element says? */
static bool state_agrees(const object_t *o, bool full)
{
    switch (o->type) {
    case NTMS_STORAGESLOT:
        return o->state == (full ? NTMS_SLOTSTATE_FULL : NTMS_SLOTSTATE_EMPTY);
    case NTMS_IEPORT:
        return o->state == (full ? NTMS_PORTCONTENT_FULL : NTMS_PORTCONTENT_EMPTY);
    default:
        return (o->state == NTMS_DRIVESTATE_DISMOUNTED) == !full;
    }
}

static void check_counts(sides_t *s)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t raw = 0, obj = 0;
        for (size_t i = 0; i < s->nraw; i++)
            raw += s->raw[i].type == kinds[k].type;
        for (size_t i = 0; i < s->nobj; i++)
            obj += s->obj[i].type == kinds[k].type;
        if (raw != obj)
            problem(s, "the library has %zu %ss, rsmd %zu", raw, kinds[k].what, obj);
    }
}

/* Every medium at an element object, one per element. */
static void place_media(sides_t *s)
{
    for (size_t i = 0; i < s->nmedia; i++) {
        medium_t *m = &s->media[i];
        object_t *o = object_by_guid(s, &m->location);
        if (o == NULL || o->type != m->location_type) {
            problem(s, "medium %s is recorded at no element of the library (location type %u)", m->bar_code,
                    (unsigned)m->location_type);
            continue;
        }
        if (o->medium >= 0) {
            problem(s, "media %s and %s are both recorded in %s %u", s->media[o->medium].bar_code, m->bar_code,
                    what(o->type), o->number);
            continue;
        }
        o->medium = (int)i;
    }
}

/* Each element against its object and the medium recorded there. */
static void check_elements(sides_t *s)
{
    for (size_t i = 0; i < s->nraw; i++) {
        const raw_element_t *e = &s->raw[i];
        object_t *o = object_by_number(s, e->type, e->number);
        if (o == NULL) {
            problem(s, "%s %u has no object in rsmd", what(e->type), e->number);
            continue;
        }
        if (!state_agrees(o, e->full))
            problem(s, "%s %u is %s, but its object's state is %u", what(e->type), e->number,
                    e->full ? "full" : "empty", (unsigned)o->state);
        const medium_t *m = o->medium >= 0 ? &s->media[o->medium] : NULL;
        if (e->full && m == NULL)
            problem(s, "%s %u holds %s, rsmd records no medium there", what(e->type), e->number,
                    e->tag[0] ? e->tag : "a cartridge without bar code");
        else if (!e->full && m != NULL)
            problem(s, "%s %u is empty, rsmd records %s there", what(e->type), e->number, m->bar_code);
        else if (m != NULL && strcmp(m->bar_code, e->tag) != 0)
            problem(s, "%s %u holds %s, rsmd records %s there", what(e->type), e->number, e->tag, m->bar_code);
    }
    for (size_t i = 0; i < s->nobj; i++)
        if (raw_of(s, &s->obj[i]) == NULL)
            problem(s, "rsmd has %s %u, the library has no such element", what(s->obj[i].type), s->obj[i].number);
}

int placement_check(HANDLE h, const NTMS_GUID *lib, const char *raw_res, const char *url)
{
    sides_t s = {0};
    int rc = -1;

    if (read_raw(&s, raw_res, url) == 0 && read_objects(&s, h, lib) == 0 && read_media(&s, h, lib) == 0) {
        check_counts(&s);
        place_media(&s);
        check_elements(&s);
        if (s.problems > MAX_PROBLEMS_SHOWN)
            fprintf(stderr, "placement: ... %d disagreements in all\n", s.problems);
        rc = s.problems;
    }
    free(s.raw);
    free(s.obj);
    free(s.media);
    return rc;
}

int placement_changer_url(const char *dir, char *url, size_t len)
{
    char path[1024], line[512];
    FILE *f;
    int rc = -1;

    snprintf(path, sizeof path, "%s/urls", dir);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    while (rc != 0 && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "changer=", 8) != 0)
            continue;
        line[strcspn(line, "\n")] = '\0';
        if (strlen(line + 8) < len) {
            snprintf(url, len, "%s", line + 8);
            rc = 0;
        }
    }
    fclose(f);
    return rc;
}
