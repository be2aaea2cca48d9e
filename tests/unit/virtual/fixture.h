/*
 * fixture.h - shared setup of the virtual library tests: a library in a
 * fresh temporary directory, status helpers, and hand edits of the
 * directory the way an operator (or a crash) would leave it.
 */
#ifndef RSM_TEST_VIRTUAL_FIXTURE_H
#define RSM_TEST_VIRTUAL_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "changer/virtual.h"

#define FX_IMAGE_SIZE (1u << 20) /* 1 MiB images: sparse, but keep them small */

typedef struct fx {
    char dir[64];   /* the temporary directory */
    char root[128]; /* dir/lib: the library root */
    virtual_layout_t layout;
    changer_t *c;
} fx_t;

/* 10 slots, 2 drives, 2 ports, 6 cartridges VT0001L8..VT0006L8 in slots
 * 1000..1005. Returns 0 for cmocka's setup. */
int fx_setup(void **state);
int fx_teardown(void **state);
/* (Re)open c with fx->layout; asserts success. */
void fx_open(fx_t *fx);
void fx_close(fx_t *fx);

/* Element status of one type; asserts success. */
void fx_status(fx_t *fx, int type, element_status_t *out);
/* The bar code in element `addr` ("" when empty); asserts the element
 * exists. Returns a static buffer. */
const char *fx_voltag(fx_t *fx, uint16_t addr);
/* A copy of the element's status. */
element_t fx_element(fx_t *fx, uint16_t addr);
bool fx_changed(fx_t *fx);

/* Paths and hand edits, relative to the root. */
void fx_path(const fx_t *fx, char *out, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void fx_symlink(const fx_t *fx, const char *target, const char *rel);
void fx_write(const fx_t *fx, const char *rel, const char *text);
bool fx_exists(const fx_t *fx, const char *rel);
/* readlink of rel, "" if none; static buffer. */
const char *fx_readlink(const fx_t *fx, const char *rel);
/* Remove a directory tree. */
void fx_rm_rf(const char *path);

#endif
