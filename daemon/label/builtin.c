/*
 * builtin.c - the table of built-in recognizers and the order they are
 * tried in.
 *
 * Ours first: a side the service labelled free is known whatever else the
 * bytes resemble. Then the formats with a strong signature at a fixed
 * place (MTF's "TAPE" and header checksum, "VOL1", Bacula's block id,
 * Amanda's text), and tar last: a V7 tar header has no magic, only a
 * checksum.
 */
#include <string.h>

#include "label/freelabel.h"
#include "label/label.h"

static const label_format_t formats[] = {
    {"free", label_recognize_free},
    {"mtf", label_recognize_mtf},
    {"vol1", label_recognize_vol1},
    {"bacula", label_recognize_bacula},
    {"amanda", label_recognize_amanda},
    {"tar", label_recognize_tar},
};

size_t label_builtin_count(void)
{
    return sizeof formats / sizeof formats[0];
}

const label_format_t *label_builtin(size_t i)
{
    return i < label_builtin_count() ? &formats[i] : NULL;
}

bool label_recognize_builtin(const uint8_t *buf, size_t len, bool skip_free, label_info_t *out)
{
    memset(out, 0, sizeof *out);
    if (buf == NULL || len == 0)
        return false;
    for (size_t i = skip_free ? 1 : 0; i < label_builtin_count(); i++)
        if (formats[i].fn(buf, len, out))
            return true;
    memset(out, 0, sizeof *out);
    return false;
}

bool label_type_builtin(const char *type)
{
    static const char *const types[] = {LABEL_FREE_TYPE, "ANSI", "IBM SL", "LTFS", "USTAR", "GNU TAR", "PAX",
                                        "TAR", "Bacula", "Bareos", "AMANDA", LABEL_RAW_TYPE};
    for (size_t i = 0; type != NULL && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return true;
    return false;
}
