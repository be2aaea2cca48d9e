/*
 * fuzz_element_status.c - libFuzzer target for the SMC/SPC reply parsers a
 * library's bytes reach: READ ELEMENT STATUS, MODE SENSE(6)/(10) with pages
 * 1Dh and 1Fh, INQUIRY, VPD 80h/83h, REPORT SUPPORTED OPERATION CODES.
 *
 * Besides "no crash, no leak, no read past the input" (ASan), it checks
 * invariants and aborts when one fails: no more elements than the bytes
 * can hold, only element types 1..4, strings always terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "changer/scsi_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copy into a buffer of exactly `size` bytes so ASan sees any overread. */
static uint8_t *exact_copy(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size > 0 ? size : 1);
    if (p != NULL && size > 0)
        memcpy(p, data, size);
    return p;
}

static void check_elements(const uint8_t *buf, size_t size)
{
    element_status_t st = {0};
    int n = parse_element_status(buf, size, &st);
    if (n < 0)
        return; /* out of memory */
    if ((size_t)n != st.n || st.n > size / 12)
        abort();
    for (size_t i = 0; i < st.n; i++) {
        const element_t *e = &st.v[i];
        if (e->type < ELEM_TRANSPORT || e->type > ELEM_DRIVE)
            abort();
        if (strlen(e->voltag) > CHANGER_VOLTAG_LEN || strlen(e->device_id) > CHANGER_DEVID_LEN)
            abort();
        if (e->has_voltag && e->voltag[0] == '\0')
            abort();
    }
    element_status_free(&st);
}

static void check_spc(const uint8_t *buf, size_t size)
{
    changer_info_t info;
    memset(&info, 0, sizeof(info));
    for (int ten = 0; ten <= 1; ten++)
        for (uint8_t page = 0x1d; page <= 0x1f; page += 2) {
            size_t len = 0;
            const uint8_t *p = mode_page_find(buf, size, ten, page, &len);
            if (p == NULL)
                continue;
            if (p < buf || p + len > buf + size)
                abort();
            parse_mode_page_1d(p, len, &info);
            parse_mode_page_1f(p, len, &info);
        }
    scsi_inquiry_t inq;
    parse_inquiry(buf, size, &inq);
    char s[65];
    parse_vpd_80(buf, size, s, sizeof(s));
    if (strlen(s) >= sizeof(s))
        abort();
    parse_vpd_83(buf, size, s, sizeof(s));
    if (strlen(s) >= sizeof(s))
        abort();
    bool sup[256] = {false};
    parse_supported_opcodes(buf, size, sup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = exact_copy(data, size);
    if (buf == NULL)
        return 0;
    check_elements(buf, size);
    check_spc(buf, size);
    free(buf);
    return 0;
}
