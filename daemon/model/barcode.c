/*
 * barcode.c - what a cartridge's bar code says about its media type.
 *
 * LTO labels (LTO Ultrium barcode specification, as printed by every label
 * vendor) are six characters of volume serial and a two-character media
 * id: L1..L9 for data cartridges of generation 1..9, LT..LZ for WORM
 * cartridges of generations 3..9, CU (and C1..C9) for cleaning cartridges.
 * Nothing else in the label world is as regular, so other cartridges take
 * the library's configured media type. Names returned are those of the
 * media-type catalogue (catalogue.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <strings.h>

#include "library_model.h"
#include "model_int.h"

#define LTO_LABEL_LEN 8

/* The LTO media id (the last two characters) of an LTO-shaped label, or
 * NULL. */
static const char *lto_media_id(const char *bc)
{
    size_t n = strlen(bc);
    if (n != LTO_LABEL_LEN)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)bc[i]))
            return NULL;
    return bc + n - 2;
}

/* "LTO-n", "LTO-n WORM" or "LTO Cleaner" for an LTO media id; NULL when
 * the id is not one. */
static const char *lto_type(const char *id, char *buf, size_t len)
{
    char a = (char)toupper((unsigned char)id[0]), b = (char)toupper((unsigned char)id[1]);
    if (a == 'L' && b >= '1' && b <= '9') {
        snprintf(buf, len, "LTO-%c", b);
        return buf;
    }
    if (a == 'L' && b >= 'T' && b <= 'Z') {
        snprintf(buf, len, "LTO-%d WORM", 3 + (b - 'T'));
        return buf;
    }
    if (a == 'C' && (b == 'U' || (b >= '1' && b <= '9'))) {
        snprintf(buf, len, "LTO Cleaner");
        return buf;
    }
    return NULL;
}

/* The cleaner type of the family a media type name belongs to. */
static const char *cleaner_of(const char *type)
{
    static const struct {
        const char *prefix, *cleaner;
    } families[] = {
        {"LTO", "LTO Cleaner"}, {"SDLT", "DLT Cleaner"}, {"DLT", "DLT Cleaner"},
        {"DDS", "DDS Cleaner"}, {"DAT", "DDS Cleaner"},
    };
    for (size_t i = 0; type != NULL && i < sizeof families / sizeof families[0]; i++)
        if (strncasecmp(type, families[i].prefix, strlen(families[i].prefix)) == 0)
            return families[i].cleaner;
    return "Cleaner";
}

const char *model_media_type_for_barcode(const char *bar_code, const char *cleaner_prefix, const char *fallback,
                                         char *buf, size_t len)
{
    char lto[32];
    const char *id = bar_code != NULL ? lto_media_id(bar_code) : NULL;
    const char *from_label = id != NULL ? lto_type(id, lto, sizeof lto) : NULL;

    if (fallback == NULL)
        fallback = "";
    if (bar_code != NULL && cleaner_prefix != NULL && cleaner_prefix[0] != '\0' &&
        strncasecmp(bar_code, cleaner_prefix, strlen(cleaner_prefix)) == 0) {
        snprintf(buf, len, "%s", cleaner_of(from_label != NULL ? from_label : fallback));
        return buf;
    }
    snprintf(buf, len, "%s", from_label != NULL ? from_label : fallback);
    return buf;
}
