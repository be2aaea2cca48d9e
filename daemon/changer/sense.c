/*
 * sense.c - decodes SCSI sense data and owns THE table that says what each
 * condition means to rsmd: which Win32 code the NTMS caller sees, and whether
 * the command layer retries.
 *
 * The Win32 choices follow the NTMS reference pages (MountNtmsMedia,
 * DismountNtmsMedia, EjectNtmsMedia, InjectNtmsMedia) and constants.md:
 *   - a full destination is ERROR_RESOURCE_NOT_AVAILABLE ("slot occupied /
 *     resource unavailable");
 *   - an empty source is ERROR_MEDIA_UNAVAILABLE (the medium is not where
 *     the library was told it is: changer.h's convention for every backend);
 *   - "medium removal prevented" is ERROR_BUSY (MountNtmsMedia: "the media
 *     or drives are busy": someone holds the medium in the drive);
 *   - a device that is gone or offline is ERROR_DEVICE_NOT_AVAILABLE.
 * Text for the log comes from libsgutils2, so we never keep our own copy of
 * the T10 ASC/ASCQ list.
 */
#include "changer/sense.h"

#include <stdio.h>
#include <string.h>

#include <scsi/sg_lib.h>

#define ANY (-1)

/* First matching row wins: specific rows come before the catch-alls of
 * their key, and the table ends with one row that matches everything. */
static const sense_rule_t rules[] = {
    /* --- not errors ------------------------------------------------------ */
    {SK_NO_SENSE, ANY, ANY, ERROR_SUCCESS, SENSE_OK,
     "no error; stream bits (filemark, EOM, ILI) carry the news"},
    {SK_RECOVERED_ERROR, ANY, ANY, ERROR_SUCCESS, SENSE_OK,
     "the device recovered by itself; the command did complete"},

    /* --- unit attention: something happened behind our back -------------- */
    {SK_UNIT_ATTENTION, 0x28, 0x00, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "not ready to ready: medium loaded, door or magazine closed"},
    {SK_UNIT_ATTENTION, 0x28, 0x01, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "an operator used an import/export element (mailslot)"},
    {SK_UNIT_ATTENTION, 0x29, ANY, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "power on or reset: the whole inventory may have changed"},
    {SK_UNIT_ATTENTION, 0x2a, ANY, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "mode parameters changed by another initiator"},
    {SK_UNIT_ATTENTION, 0x3f, ANY, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "operating conditions (firmware, inquiry data) changed"},
    {SK_UNIT_ATTENTION, ANY, ANY, ERROR_MEDIA_CHANGED, SENSE_RETRY_UA,
     "any other unit attention: retry, and treat the device as changed"},

    /* --- not ready -------------------------------------------------------- */
    {SK_NOT_READY, 0x04, 0x01, ERROR_NOT_READY, SENSE_RETRY_WAIT,
     "becoming ready (robot initialising, tape threading): wait"},
    {SK_NOT_READY, 0x04, 0x07, ERROR_BUSY, SENSE_RETRY_WAIT,
     "another operation is in progress: wait"},
    {SK_NOT_READY, 0x04, 0x03, ERROR_DEVICE_NOT_AVAILABLE, SENSE_FAIL,
     "manual intervention required (door open, magazine out)"},
    {SK_NOT_READY, 0x04, 0x12, ERROR_DEVICE_NOT_AVAILABLE, SENSE_FAIL,
     "logical unit offline (taken offline at the library's panel)"},
    {SK_NOT_READY, 0x30, 0x03, ERROR_CLEANER_CARTRIDGE_INSTALLED, SENSE_FAIL,
     "a cleaning cartridge is in the drive"},
    {SK_NOT_READY, 0x30, ANY, ERROR_MEDIA_INCOMPATIBLE, SENSE_FAIL,
     "the drive cannot read this medium's format"},
    {SK_NOT_READY, 0x3b, 0x12, ERROR_MEDIUM_NOT_ACCESSIBLE, SENSE_FAIL,
     "a magazine was removed"},
    {ANY, 0x3a, ANY, ERROR_NO_MEDIA_IN_DRIVE, SENSE_FAIL,
     "medium not present (some devices use ILLEGAL REQUEST for it)"},
    {SK_NOT_READY, ANY, ANY, ERROR_NOT_READY, SENSE_FAIL,
     "any other not-ready state"},

    /* --- the library refused the request --------------------------------- */
    {SK_ILLEGAL_REQUEST, 0x3b, 0x0d, ERROR_RESOURCE_NOT_AVAILABLE, SENSE_FAIL,
     "medium destination element full"},
    {SK_ILLEGAL_REQUEST, 0x3b, 0x0e, ERROR_MEDIA_UNAVAILABLE, SENSE_FAIL,
     "medium source element empty"},
    {ANY, 0x3b, 0x11, ERROR_MEDIUM_NOT_ACCESSIBLE, SENSE_FAIL,
     "medium magazine not accessible"},
    {ANY, 0x3b, 0x12, ERROR_MEDIUM_NOT_ACCESSIBLE, SENSE_FAIL,
     "medium magazine removed"},
    {SK_ILLEGAL_REQUEST, 0x53, 0x02, ERROR_BUSY, SENSE_FAIL,
     "medium removal prevented: the medium is held in its drive"},
    {ANY, 0x53, 0x00, ERROR_UNABLE_TO_LOAD_MEDIUM, SENSE_FAIL,
     "medium load or eject failed"},
    {SK_ILLEGAL_REQUEST, 0x21, 0x01, ERROR_INVALID_ADDRESS, SENSE_FAIL,
     "invalid element address"},
    {SK_ILLEGAL_REQUEST, 0x20, 0x00, ERROR_NOT_SUPPORTED, SENSE_FAIL,
     "invalid command operation code: the device lacks this command"},
    {SK_ILLEGAL_REQUEST, 0x24, 0x00, ERROR_INVALID_PARAMETER, SENSE_FAIL,
     "invalid field in CDB (tgt also says this for unknown addresses)"},
    {SK_ILLEGAL_REQUEST, 0x26, ANY, ERROR_INVALID_PARAMETER, SENSE_FAIL,
     "invalid field in the parameter list"},
    {SK_ILLEGAL_REQUEST, 0x25, 0x00, ERROR_DEVICE_NOT_AVAILABLE, SENSE_FAIL,
     "logical unit not supported: wrong LUN in the device string"},
    {SK_ILLEGAL_REQUEST, 0x30, ANY, ERROR_MEDIA_INCOMPATIBLE, SENSE_FAIL,
     "incompatible medium installed"},
    {SK_ILLEGAL_REQUEST, ANY, ANY, ERROR_INVALID_PARAMETER, SENSE_FAIL,
     "any other illegal request"},

    /* --- faults ------------------------------------------------------------ */
    {SK_HARDWARE_ERROR, ANY, ANY, ERROR_IO_DEVICE, SENSE_FAIL,
     "hardware fault (15/01: the robot could not position)"},
    {SK_MEDIUM_ERROR, ANY, ANY, ERROR_IO_DEVICE, SENSE_FAIL,
     "medium error: the cartridge, not the drive, is suspect"},
    {SK_DATA_PROTECT, ANY, ANY, ERROR_WRITE_PROTECT, SENSE_FAIL,
     "write protected (tab, WORM, or encryption key missing)"},
    {SK_BLANK_CHECK, ANY, ANY, ERROR_NO_DATA, SENSE_FAIL,
     "blank medium or end of data: nothing to read"},
    {SK_ABORTED_COMMAND, ANY, ANY, ERROR_IO_DEVICE, SENSE_FAIL,
     "aborted by the device; not retried since a move may have happened"},
    {SK_VOLUME_OVERFLOW, ANY, ANY, ERROR_IO_DEVICE, SENSE_FAIL,
     "physical end of medium reached"},

    /* --- everything else --------------------------------------------------- */
    {ANY, ANY, ANY, ERROR_IO_DEVICE, SENSE_FAIL,
     "unclassified condition: report it as a device error"},
};

const sense_rule_t *sense_table(size_t *count)
{
    *count = sizeof(rules) / sizeof(rules[0]);
    return rules;
}

static bool field_matches(int rule, unsigned value) { return rule == ANY || (unsigned)rule == value; }

const sense_rule_t *sense_lookup(uint8_t key, uint8_t asc, uint8_t ascq)
{
    size_t n = sizeof(rules) / sizeof(rules[0]);
    for (size_t i = 0; i < n; i++) {
        const sense_rule_t *r = &rules[i];
        if (field_matches(r->key, key & 0x0f) && field_matches(r->asc, asc) && field_matches(r->ascq, ascq))
            return r;
    }
    return &rules[n - 1]; /* unreachable: the last row matches all */
}

/* CHECK CONDITION without (understandable) sense is a device error. */
DWORD sense_to_win32(const scsi_sense_t *s)
{
    if (!s->valid)
        return ERROR_IO_DEVICE;
    return sense_lookup(s->key, s->asc, s->ascq)->error;
}

enum sense_action sense_classify(const scsi_sense_t *s)
{
    if (!s->valid)
        return SENSE_FAIL;
    return sense_lookup(s->key, s->asc, s->ascq)->action;
}

static uint64_t be_get(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

/* Information fields are two's complement for SSC residues. */
static int64_t sign_extend(uint64_t v, unsigned bytes)
{
    unsigned bits = bytes * 8;
    if (bits >= 64)
        return (int64_t)v;
    uint64_t sign = 1ull << (bits - 1);
    return (int64_t)((v ^ sign) - sign);
}

static void decode_fixed(const uint8_t *b, size_t len, scsi_sense_t *s)
{
    if (len < 3)
        return;
    s->valid = true;
    s->key = b[2] & 0x0f;
    s->filemark = (b[2] & 0x80) != 0;
    s->eom = (b[2] & 0x40) != 0;
    s->ili = (b[2] & 0x20) != 0;
    if (len >= 7 && (b[0] & 0x80)) {
        s->info_valid = true;
        s->info = be_get(b + 3, 4);
        s->residue = sign_extend(s->info, 4);
    }
    /* The ADDITIONAL SENSE LENGTH bounds the rest, as do the bytes we got. */
    size_t end = len;
    if (len >= 8 && (size_t)b[7] + 8 < end)
        end = (size_t)b[7] + 8;
    if (end >= 13)
        s->asc = b[12];
    if (end >= 14)
        s->ascq = b[13];
    if (end >= 18 && (b[15] & 0x80)) {
        s->sks_valid = true;
        memcpy(s->sks, b + 15, 3);
    }
}

static void decode_descriptor_item(const uint8_t *d, size_t dlen, scsi_sense_t *s)
{
    switch (d[0]) {
    case 0x00: /* information */
        if (dlen >= 12 && (d[2] & 0x80)) {
            s->info_valid = true;
            s->info = be_get(d + 4, 8);
            s->residue = (int64_t)s->info;
        }
        break;
    case 0x02: /* sense-key specific */
        if (dlen >= 8 && (d[4] & 0x80)) {
            s->sks_valid = true;
            memcpy(s->sks, d + 4, 3);
        }
        break;
    case 0x04: /* stream commands */
        if (dlen >= 4) {
            s->filemark = (d[3] & 0x80) != 0;
            s->eom = (d[3] & 0x40) != 0;
            s->ili = (d[3] & 0x20) != 0;
        }
        break;
    default:
        break;
    }
}

static void decode_descriptor(const uint8_t *b, size_t len, scsi_sense_t *s)
{
    if (len < 2)
        return;
    s->valid = true;
    s->descriptor = true;
    s->key = b[1] & 0x0f;
    if (len >= 3)
        s->asc = b[2];
    if (len >= 4)
        s->ascq = b[3];
    if (len < 8)
        return;
    size_t end = len;
    if ((size_t)b[7] + 8 < end)
        end = (size_t)b[7] + 8;
    /* Walk the descriptors; one that runs past the end stops the walk. */
    for (size_t pos = 8; pos + 2 <= end;) {
        size_t dlen = 2 + (size_t)b[pos + 1];
        if (pos + dlen > end)
            break;
        decode_descriptor_item(b + pos, dlen, s);
        pos += dlen;
    }
}

bool sense_decode(const uint8_t *buf, size_t len, scsi_sense_t *out)
{
    memset(out, 0, sizeof(*out));
    if (buf == NULL || len == 0)
        return false;
    switch (buf[0] & 0x7f) {
    case 0x71:
        out->deferred = true;
        /* fall through */
    case 0x70:
        decode_fixed(buf, len, out);
        break;
    case 0x73:
        out->deferred = true;
        /* fall through */
    case 0x72:
        decode_descriptor(buf, len, out);
        break;
    default:
        break;
    }
    if (!out->valid)
        memset(out, 0, sizeof(*out));
    return out->valid;
}

DWORD scsi_status_to_win32(uint8_t status)
{
    switch (status & 0x7e) {
    case SCSI_ST_GOOD:
    case SCSI_ST_CONDITION_MET:
        return ERROR_SUCCESS;
    case SCSI_ST_BUSY:
    case SCSI_ST_TASK_SET_FULL:
    case SCSI_ST_RESERVATION_CONFLICT: /* another host holds a reservation */
        return ERROR_BUSY;
    case SCSI_ST_TASK_ABORTED:
    case SCSI_ST_ACA_ACTIVE:
    case SCSI_ST_CHECK_CONDITION: /* without sense */
    default:
        return ERROR_IO_DEVICE;
    }
}

const char *scsi_status_name(uint8_t status)
{
    switch (status & 0x7e) {
    case SCSI_ST_GOOD: return "GOOD";
    case SCSI_ST_CHECK_CONDITION: return "CHECK CONDITION";
    case SCSI_ST_CONDITION_MET: return "CONDITION MET";
    case SCSI_ST_BUSY: return "BUSY";
    case SCSI_ST_RESERVATION_CONFLICT: return "RESERVATION CONFLICT";
    case SCSI_ST_TASK_SET_FULL: return "TASK SET FULL";
    case SCSI_ST_ACA_ACTIVE: return "ACA ACTIVE";
    case SCSI_ST_TASK_ABORTED: return "TASK ABORTED";
    default: return "unknown status";
    }
}

char *sense_describe(const scsi_sense_t *s, char *buf, size_t len)
{
    char key[64], what[128];
    if (len == 0)
        return buf;
    if (!s->valid) {
        snprintf(buf, len, "no usable sense data");
        return buf;
    }
    sg_get_sense_key_str(s->key, (int)sizeof(key), key);
    sg_get_asc_ascq_str(s->asc, s->ascq, (int)sizeof(what), what);
    /* libsgutils2 prefixes "Additional sense: "; the codes say that already. */
    const char *text = what;
    static const char prefix[] = "Additional sense: ";
    if (strncmp(text, prefix, sizeof(prefix) - 1) == 0)
        text += sizeof(prefix) - 1;
    snprintf(buf, len, "%s%s %02x/%02x %s%s%s%s", s->deferred ? "deferred " : "", key, s->asc, s->ascq, text,
             s->filemark ? " [filemark]" : "", s->eom ? " [EOM]" : "", s->ili ? " [ILI]" : "");
    return buf;
}
