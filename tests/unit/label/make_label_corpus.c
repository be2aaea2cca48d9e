/*
 * make_label_corpus.c - writes the seed corpus of fuzz_labels: one label
 * image per format (images.c), led by the selector byte of its recognizer,
 * and the first two blocks of tar archives given on the command line.
 *
 *   make_label_corpus tests/fuzz/corpus/labels [ustar.tar ...]
 */
#include <stdio.h>
#include <string.h>

#include "images.h"
#include "label/freelabel.h"
#include "label/label.h"

static int failures;

static size_t selector(const char *format)
{
    for (size_t i = 0; i < label_builtin_count(); i++)
        if (strcmp(label_builtin(i)->name, format) == 0)
            return i;
    return label_builtin_count();
}

static void seed(const char *dir, const char *name, const char *format, const uint8_t *b, size_t n)
{
    char path[4096];
    uint8_t sel = (uint8_t)selector(format);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(&sel, 1, 1, f) != 1 || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        failures++;
    }
}

int main(int argc, char **argv)
{
    static uint8_t b[65536];
    label_free_t fl = {.written = 1700000000, .name = "VT0001L8"};

    if (argc < 2) {
        fprintf(stderr, "usage: make_label_corpus DIR [TAR...]\n");
        return 2;
    }
    image_mtf(b, sizeof b, "Backup", "Set 1", "x|12345678-9abc-def0-1234-56789abcdef0", true, false);
    seed(argv[1], "mtf", "mtf", b, 256);
    image_mtf(b, sizeof b, "Backup", "Set 1", "label", true, true);
    seed(argv[1], "mtf-unicode", "mtf", b, 256);
    seed(argv[1], "vol1", "vol1", b, image_vol1(b, sizeof b, "ABC123", NULL, false));
    seed(argv[1], "vol1-ibm", "vol1", b, image_vol1(b, sizeof b, "Z00042", NULL, true));
    seed(argv[1], "ltfs", "vol1", b, image_ltfs(b, sizeof b, "LT0001", "c96a6c5e-0ac7-4b5f-a1c4-4a7f7f2e3c2d"));
    image_bacula(b, sizeof b, "Vol-0001", 0x123456789ull, false);
    seed(argv[1], "bacula", "bacula", b, 512);
    image_amanda(b, sizeof b, "20240101", "DailySet1-01");
    seed(argv[1], "amanda", "amanda", b, 128);
    seed(argv[1], "free", "free", b, label_free_write(&fl, b, sizeof b));
    for (int i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        size_t n = f != NULL ? fread(b, 1, 1024, f) : 0;
        if (f != NULL)
            fclose(f);
        const char *base = strrchr(argv[i], '/');
        seed(argv[1], base != NULL ? base + 1 : argv[i], "tar", b, n);
    }
    return failures ? 1 : 0;
}
