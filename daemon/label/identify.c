/*
 * identify.c - all recognizers together (identify.h), and running them
 * off the loop thread.
 */
#include "label/identify.h"

#include <stdlib.h>
#include <string.h>

#include "label/mll.h"

void label_identify(const uint8_t *buf, size_t len, label_info_t *out)
{
    if (buf == NULL || len == 0) {
        label_make_raw(NULL, 0, out);
        return;
    }
    if (label_recognize_free(buf, len, out) || label_libraries_claim(buf, len, out) ||
        label_recognize_builtin(buf, len, true, out))
        return;
    label_make_raw(buf, len, out);
}

typedef struct identify_work {
    uv_work_t req;
    label_identify_fn done;
    void *ctx;
    label_info_t label;
    size_t len;
    uint8_t buf[]; /* len bytes */
} identify_work_t;

static void work(uv_work_t *req)
{
    identify_work_t *w = req->data;
    label_identify(w->buf, w->len, &w->label);
}

static void after(uv_work_t *req, int status)
{
    identify_work_t *w = req->data;
    (void)status; /* never cancelled: nothing calls uv_cancel on it */
    w->done(w->ctx, w->buf, w->len, &w->label);
    free(w);
}

DWORD label_identify_async(uv_loop_t *loop, const uint8_t *buf, size_t len, label_identify_fn done, void *ctx)
{
    if (len > LABEL_IDENTIFY_MAX)
        len = LABEL_IDENTIFY_MAX;
    identify_work_t *w = malloc(sizeof *w + (len > 0 ? len : 1));
    if (w == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    w->req.data = w;
    w->done = done;
    w->ctx = ctx;
    w->len = buf != NULL ? len : 0;
    if (w->len > 0)
        memcpy(w->buf, buf, w->len);
    if (uv_queue_work(loop, &w->req, work, after) != 0) {
        free(w);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    return 0;
}
