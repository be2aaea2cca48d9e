/*
 * raw_res: the "raw SCSI path" baseline of the tgt test bed.
 *
 * Speaks to a media changer LUN with libiscsi and hand-built CDBs, using none
 * of the project's code, so benchmarks can compare rsmd's end-to-end numbers
 * against the bare transport:
 *
 *   raw-res URL [--rounds N]                  time READ ELEMENT STATUS of all
 *                                             storage slots (VOLTAG=1)
 *   raw-res URL --move FROM TO [--rounds N]   time MOVE MEDIUM FROM->TO, TO->FROM
 *   raw-res URL --move FROM TO --one-way      one MOVE MEDIUM FROM->TO, left
 *                                             there (an operator's move, for
 *                                             tests: e.g. a slot into a drive)
 *   raw-res URL --list                        print every element, types 1..4
 *   raw-res URL --mount SLOT DRIVE --drive-lun L [--rounds N]
 *                                             time what a mount and dismount
 *                                             send: MOVE SLOT->DRIVE, TEST UNIT
 *                                             READY on LUN L until ready; then
 *                                             ALLOW MEDIUM REMOVAL and UNLOAD on
 *                                             LUN L, MOVE DRIVE->SLOT
 *   common option: --timeout SECONDS (default 60) bounds the whole run
 *
 * URL is iscsi://HOST:PORT/IQN/LUN (the changer line of tgt-lib's DIR/urls).
 * Output is one "key=value" line per run (list: one line per element), so
 * scripts can grep it. Exit status: 0 success, 1 transport or SCSI failure,
 * 2 usage error.
 *
 * tgt quirks this program relies on or avoids (see the test-bed notes):
 * element type 0 (ALL) corrupts tgtd's heap, so types are queried one at a
 * time; the RES reply is 8 bytes shorter than its header implies, so parsing
 * is bounded by the bytes actually received; libiscsi's reconnect loop spins
 * forever when the target dies, so auto-reconnect is off and alarm() bounds
 * the run.
 */
#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RES_OPCODE 0xB8
#define MOVE_OPCODE 0xA5
#define TUR_OPCODE 0x00
#define ALLOW_OPCODE 0x1E    /* PREVENT ALLOW MEDIUM REMOVAL, prevent=0 */
#define UNLOAD_OPCODE 0x1B   /* SSC LOAD UNLOAD, load=0 */
#define READY_TRIES 1000     /* TEST UNIT READY attempts after a load */
#define VOLTAG_BIT 0x10
#define HEADER_BYTES 8       /* element status header */
#define PAGE_BYTES 8         /* element status page header */
#define BASE_DESC_BYTES 12   /* descriptor without volume tag */
#define VOLTAG_ID_BYTES 32
#define DEFAULT_DESC_BYTES 52
#define MAX_ALLOC 0xFFFFFF   /* RES allocation length is 24 bits */
#define UA_RETRIES 8

enum elem_type { ET_TRANSPORT = 1, ET_STORAGE = 2, ET_IMPEXP = 3, ET_DRIVE = 4 };

struct element {
    unsigned addr;
    int full;
    int svalid;
    unsigned source;
    char voltag[VOLTAG_ID_BYTES + 1];
};

struct element_list {
    struct element *v;
    size_t n;
    unsigned header_count;   /* what the target claims, for comparison */
    size_t received;         /* bytes of the reply actually transferred */
};

struct options {
    const char *url;
    long rounds;
    long timeout;
    int list;
    int move;
    int one_way;
    int mount;
    long drive_lun;
    unsigned from, to;
};

static struct iscsi_context *ctx;
static int lun;
static int logged_in;

static void on_alarm(int sig)
{
    static const char msg[] = "raw-res: timed out (target dead or hung?)\n";
    (void)sig;
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) { /* nothing to do */ }
    _exit(1);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned be24(const unsigned char *p) { return (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2]; }
static void put16(unsigned char *p, unsigned v) { p[0] = v >> 8; p[1] = v & 0xff; }

/* Prints why a finished task failed: transport error or CHECK CONDITION. */
static void report_failure(const char *what, const struct scsi_task *t)
{
    if (t == NULL) {
        fprintf(stderr, "raw-res: %s: transport error: %s\n", what, iscsi_get_error(ctx));
        return;
    }
    /* libiscsi reports a lost connection as a pseudo-status above 0xff */
    if (t->status > 0xff) {
        fprintf(stderr, "raw-res: %s: connection lost (libiscsi status 0x%x)\n", what,
                (unsigned)t->status);
        return;
    }
    if (t->status == SCSI_STATUS_CHECK_CONDITION)
        fprintf(stderr, "raw-res: %s: CHECK CONDITION %s (key %d) asc/ascq %02x/%02x\n",
                what, scsi_sense_key_str(t->sense.key), (int)t->sense.key,
                (t->sense.ascq >> 8) & 0xff, t->sense.ascq & 0xff);
    else
        fprintf(stderr, "raw-res: %s: SCSI status 0x%02x\n", what, t->status);
}

/*
 * Runs one CDB synchronously. Returns the task (caller frees) when the status
 * is GOOD; otherwise reports, frees and returns NULL. *elapsed_us gets the
 * time spent inside the library call only.
 */
static struct scsi_task *run_cdb_on(int to_lun, const char *what, unsigned char *cdb, int cdb_len,
                                    int dir, int xfer_len, double *elapsed_us)
{
    struct scsi_task *t = scsi_create_task(cdb_len, cdb, dir, xfer_len);
    if (t == NULL) {
        fprintf(stderr, "raw-res: %s: out of memory\n", what);
        return NULL;
    }
    double t0 = now_us();
    struct scsi_task *r = iscsi_scsi_command_sync(ctx, to_lun, t, NULL);
    if (elapsed_us)
        *elapsed_us = now_us() - t0;
    if (r == NULL || r->status != SCSI_STATUS_GOOD) {
        report_failure(what, r);
        scsi_free_scsi_task(t);
        return NULL;
    }
    return t;
}

static struct scsi_task *run_cdb(const char *what, unsigned char *cdb, int cdb_len,
                                 int dir, int xfer_len, double *elapsed_us)
{
    return run_cdb_on(lun, what, cdb, cdb_len, dir, xfer_len, elapsed_us);
}

/*
 * TEST UNIT READY on `to_lun` until GOOD, at most `tries` times. UNIT
 * ATTENTION is retried, and NOT READY too when `not_ready_too` (a drive
 * that is loading); anything else fails. `why` ends the message when the
 * tries run out.
 */
static int tur_until_good(int to_lun, int tries, int not_ready_too, const char *why)
{
    for (int i = 0; i < tries; i++) {
        unsigned char cdb[6] = { TUR_OPCODE };
        struct scsi_task *t = scsi_create_task(sizeof cdb, cdb, SCSI_XFER_NONE, 0);
        if (t == NULL)
            return -1;
        struct scsi_task *r = iscsi_scsi_command_sync(ctx, to_lun, t, NULL);
        int good = r && r->status == SCSI_STATUS_GOOD;
        int again = r && r->status == SCSI_STATUS_CHECK_CONDITION &&
                    (r->sense.key == SCSI_SENSE_UNIT_ATTENTION ||
                     (not_ready_too && r->sense.key == SCSI_SENSE_NOT_READY));
        if (!good && !again)
            report_failure("TEST UNIT READY", r);
        scsi_free_scsi_task(t);
        if (good)
            return 0;
        if (!again)
            return -1;
    }
    fprintf(stderr, "raw-res: %s after %d tries\n", why, tries);
    return -1;
}

/* The first command on a new session gets UNIT ATTENTION 29/00: absorb it. */
static int clear_unit_attention(void)
{
    return tur_until_good(lun, UA_RETRIES, 0, "UNIT ATTENTION did not clear");
}

static void build_res_cdb(unsigned char cdb[12], enum elem_type type, unsigned alloc)
{
    memset(cdb, 0, 12);
    cdb[0] = RES_OPCODE;
    cdb[1] = VOLTAG_BIT | type;
    put16(cdb + 2, 0);          /* from the lowest address of the type */
    put16(cdb + 4, 0xFFFF);     /* as many as fit */
    cdb[7] = alloc >> 16;
    cdb[8] = alloc >> 8;
    cdb[9] = alloc & 0xff;
    /* byte 11 (control) must stay 0: tgt rejects anything else */
}

static void parse_descriptor(const unsigned char *d, size_t len, int has_voltag,
                             struct element *e)
{
    memset(e, 0, sizeof *e);
    e->addr = be16(d);
    e->full = d[2] & 0x01;
    e->svalid = (d[9] & 0x80) != 0;
    e->source = be16(d + 10);
    if (has_voltag && len >= BASE_DESC_BYTES + VOLTAG_ID_BYTES) {
        memcpy(e->voltag, d + BASE_DESC_BYTES, VOLTAG_ID_BYTES);
        for (int i = VOLTAG_ID_BYTES - 1; i >= 0 && (e->voltag[i] == ' ' || e->voltag[i] == 0); i--)
            e->voltag[i] = 0;
    }
}

/*
 * Decodes the first page of a RES reply. Every read is bounded by `got`, the
 * bytes really received: a descriptor counts when its fixed 12 bytes arrived.
 */
static int parse_res(const unsigned char *buf, size_t got, struct element_list *out)
{
    memset(out, 0, sizeof *out);
    out->received = got;
    if (got >= HEADER_BYTES && be16(buf + 2) == 0)
        return 0;   /* no element of this type: a bare header, no page */
    if (got < HEADER_BYTES + PAGE_BYTES) {
        fprintf(stderr, "raw-res: RES reply too short (%zu bytes)\n", got);
        return -1;
    }
    out->header_count = be16(buf + 2);
    const unsigned char *page = buf + HEADER_BYTES;
    int has_voltag = (page[1] & 0x80) != 0;
    size_t dlen = be16(page + 2);
    size_t page_bytes = be24(page + 5);
    if (dlen < BASE_DESC_BYTES) {
        fprintf(stderr, "raw-res: RES descriptor length %zu is too small\n", dlen);
        return -1;
    }
    size_t avail = got - HEADER_BYTES - PAGE_BYTES;
    if (page_bytes < avail)
        avail = page_bytes;
    size_t max = avail / dlen + 1;
    out->v = calloc(max, sizeof *out->v);
    if (out->v == NULL) {
        fprintf(stderr, "raw-res: out of memory\n");
        return -1;
    }
    const unsigned char *d = page + PAGE_BYTES;
    for (size_t off = 0; off + BASE_DESC_BYTES <= avail && out->n < out->header_count; off += dlen) {
        size_t len = avail - off < dlen ? avail - off : dlen;
        parse_descriptor(d + off, len, has_voltag, &out->v[out->n++]);
    }
    return 0;
}

/*
 * Finds the allocation length that returns every element of `type`: a short
 * probe reads the element count and descriptor length from the headers.
 */
static int res_alloc_for(enum elem_type type, unsigned *alloc)
{
    unsigned char cdb[12];
    unsigned probe = HEADER_BYTES + PAGE_BYTES;
    build_res_cdb(cdb, type, probe);
    struct scsi_task *t = run_cdb("READ ELEMENT STATUS (probe)", cdb, sizeof cdb,
                                  SCSI_XFER_READ, probe, NULL);
    if (t == NULL)
        return -1;
    unsigned count = 0, dlen = DEFAULT_DESC_BYTES;
    if (t->datain.size >= HEADER_BYTES)
        count = be16(t->datain.data + 2);
    if (t->datain.size >= HEADER_BYTES + PAGE_BYTES && be16(t->datain.data + 10) >= BASE_DESC_BYTES)
        dlen = be16(t->datain.data + 10);
    scsi_free_scsi_task(t);
    unsigned long want = HEADER_BYTES + PAGE_BYTES + (unsigned long)count * dlen;
    *alloc = want > MAX_ALLOC ? MAX_ALLOC : (unsigned)want;
    return 0;
}

/* One RES of `type` with a known allocation length; parses into *out. */
static int read_elements(enum elem_type type, unsigned alloc, struct element_list *out,
                         double *elapsed_us)
{
    unsigned char cdb[12];
    build_res_cdb(cdb, type, alloc);
    struct scsi_task *t = run_cdb("READ ELEMENT STATUS", cdb, sizeof cdb, SCSI_XFER_READ,
                                  (int)alloc, elapsed_us);
    if (t == NULL)
        return -1;
    int rc = out ? parse_res(t->datain.data, t->datain.size, out) : 0;
    scsi_free_scsi_task(t);
    return rc;
}

static int query_type(enum elem_type type, struct element_list *out)
{
    unsigned alloc;
    if (res_alloc_for(type, &alloc) != 0)
        return -1;
    return read_elements(type, alloc, out, NULL);
}

static int move_medium(unsigned transport, unsigned from, unsigned to, double *elapsed_us)
{
    unsigned char cdb[12] = { MOVE_OPCODE };
    put16(cdb + 2, transport);
    put16(cdb + 4, from);
    put16(cdb + 6, to);
    char what[64];
    snprintf(what, sizeof what, "MOVE MEDIUM %u -> %u", from, to);
    struct scsi_task *t = run_cdb(what, cdb, sizeof cdb, SCSI_XFER_NONE, 0, elapsed_us);
    if (t == NULL)
        return -1;
    scsi_free_scsi_task(t);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile (p in 1..100) of a sorted, non-empty sample. */
static double percentile(const double *sorted, size_t n, size_t p)
{
    size_t rank = (p * n + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

static void print_timing(const char *prefix, double *us, size_t n)
{
    qsort(us, n, sizeof *us, cmp_double);
    printf("%s samples=%zu min_us=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f\n", prefix, n,
           us[0], percentile(us, n, 50), percentile(us, n, 99), us[n - 1]);
}

static int bench_res(long rounds)
{
    unsigned alloc;
    if (res_alloc_for(ET_STORAGE, &alloc) != 0)
        return -1;
    double *us = calloc((size_t)rounds, sizeof *us);
    struct element_list first;
    if (us == NULL || read_elements(ET_STORAGE, alloc, &first, &us[0]) != 0) {
        free(us);
        return -1;
    }
    for (long i = 1; i < rounds; i++) {
        if (read_elements(ET_STORAGE, alloc, NULL, &us[i]) != 0) {
            free(first.v);
            free(us);
            return -1;
        }
    }
    size_t full = 0;
    for (size_t i = 0; i < first.n; i++)
        full += first.v[i].full != 0;
    char prefix[160];
    snprintf(prefix, sizeof prefix, "res elements=%zu full=%zu claimed=%u bytes=%zu alloc=%u",
             first.n, full, first.header_count, first.received, alloc);
    print_timing(prefix, us, (size_t)rounds);
    free(first.v);
    free(us);
    return 0;
}

static int transport_address(unsigned *addr)
{
    struct element_list l;
    if (query_type(ET_TRANSPORT, &l) != 0)
        return -1;
    int ok = l.n > 0;
    if (ok)
        *addr = l.v[0].addr;
    else
        fprintf(stderr, "raw-res: changer reports no transport element\n");
    free(l.v);
    return ok ? 0 : -1;
}

static int bench_move(unsigned from, unsigned to, long rounds, int one_way)
{
    unsigned transport;
    if (transport_address(&transport) != 0)
        return -1;
    if (one_way) {
        double us;
        if (move_medium(transport, from, to, &us) != 0)
            return -1;
        printf("move from=%u to=%u transport=%u one_way=1 us=%.1f\n", from, to, transport, us);
        return 0;
    }
    size_t n = (size_t)rounds * 2;
    double *us = calloc(n, sizeof *us);
    if (us == NULL)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        if (move_medium(transport, from, to, &us[i]) != 0 ||
            move_medium(transport, to, from, &us[i + 1]) != 0) {
            free(us);
            return -1;
        }
    }
    char prefix[96];
    snprintf(prefix, sizeof prefix, "move from=%u to=%u transport=%u", from, to, transport);
    print_timing(prefix, us, n);
    free(us);
    return 0;
}

/* A loaded drive: TEST UNIT READY until it is ready. */
static int wait_ready(int to_lun)
{
    return tur_until_good(to_lun, READY_TRIES, 1, "the drive was not ready");
}

/* What rsmd sends to a drive before the robot takes its medium out: ALLOW
 * MEDIUM REMOVAL (its failure ignored, as rsmd ignores it), then UNLOAD. */
static int unload_drive(int to_lun)
{
    unsigned char allow[6] = { ALLOW_OPCODE }, unload[6] = { UNLOAD_OPCODE };
    struct scsi_task *t = scsi_create_task(sizeof allow, allow, SCSI_XFER_NONE, 0);
    if (t == NULL)
        return -1;
    iscsi_scsi_command_sync(ctx, to_lun, t, NULL);
    scsi_free_scsi_task(t);
    t = run_cdb_on(to_lun, "UNLOAD", unload, sizeof unload, SCSI_XFER_NONE, 0, NULL);
    if (t == NULL)
        return -1;
    scsi_free_scsi_task(t);
    return 0;
}

/* A mount (MOVE slot->drive, ready) and a dismount (unload, MOVE drive->
 * slot), `rounds` times: the raw path under MountNtmsMedia and
 * DismountNtmsMedia (bench/mount.c). */
static int bench_mount(unsigned slot, unsigned drive, int drive_lun, long rounds)
{
    unsigned transport;
    if (transport_address(&transport) != 0)
        return -1;
    double *us = calloc((size_t)rounds * 3, sizeof *us);
    if (us == NULL)
        return -1;
    double *mount = us, *dismount = us + rounds, *cycle = us + 2 * rounds, start = now_us();
    for (long i = 0; i < rounds; i++) {
        double t0 = now_us();
        if (move_medium(transport, slot, drive, NULL) != 0 || wait_ready(drive_lun) != 0) {
            free(us);
            return -1;
        }
        double t1 = now_us();
        if (unload_drive(drive_lun) != 0 || move_medium(transport, drive, slot, NULL) != 0) {
            free(us);
            return -1;
        }
        double t2 = now_us();
        mount[i] = t1 - t0;
        dismount[i] = t2 - t1;
        cycle[i] = t2 - t0;
    }
    double seconds = (now_us() - start) / 1e6;
    char prefix[128];
    snprintf(prefix, sizeof prefix, "mount slot=%u drive=%u lun=%d", slot, drive, drive_lun);
    print_timing(prefix, mount, (size_t)rounds);
    print_timing("dismount", dismount, (size_t)rounds);
    print_timing("cycle", cycle, (size_t)rounds);
    printf("cycles_per_s=%.1f\n", rounds / seconds);
    free(us);
    return 0;
}

static int list_all(void)
{
    static const char *const names[] = { "", "transport", "slot", "mailslot", "drive" };
    for (int type = ET_TRANSPORT; type <= ET_DRIVE; type++) {
        struct element_list l;
        if (query_type(type, &l) != 0)
            return -1;
        for (size_t i = 0; i < l.n; i++) {
            const struct element *e = &l.v[i];
            printf("%s %u %s", names[type], e->addr, e->full ? "full" : "empty");
            if (e->voltag[0])
                printf(" %s", e->voltag);
            if (e->svalid)
                printf(" src=%u", e->source);
            putchar('\n');
        }
        free(l.v);
    }
    return 0;
}

static int connect_url(const char *url_text)
{
    ctx = iscsi_create_context("iqn.2024-01.test.rsm:raw-res");
    if (ctx == NULL) {
        fprintf(stderr, "raw-res: cannot create iSCSI context\n");
        return -1;
    }
    struct iscsi_url *url = iscsi_parse_full_url(ctx, url_text);
    if (url == NULL) {
        fprintf(stderr, "raw-res: bad URL %s: %s\n", url_text, iscsi_get_error(ctx));
        return -1;
    }
    iscsi_set_noautoreconnect(ctx, 1);
    iscsi_set_timeout(ctx, 10);
    iscsi_set_targetname(ctx, url->target);
    iscsi_set_session_type(ctx, ISCSI_SESSION_NORMAL);
    iscsi_set_header_digest(ctx, ISCSI_HEADER_DIGEST_NONE);
    lun = url->lun;
    int rc = iscsi_full_connect_sync(ctx, url->portal, url->lun);
    logged_in = rc == 0;
    if (rc != 0)
        fprintf(stderr, "raw-res: login to %s failed: %s\n", url_text, iscsi_get_error(ctx));
    iscsi_destroy_url(url);
    return rc == 0 ? 0 : -1;
}

static void disconnect(void)
{
    if (ctx == NULL)
        return;
    if (logged_in)
        iscsi_logout_sync(ctx);
    iscsi_destroy_context(ctx);
    ctx = NULL;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: raw-res URL [--rounds N] [--timeout S]\n"
            "       raw-res URL --move FROM TO [--rounds N | --one-way] [--timeout S]\n"
            "       raw-res URL --list [--timeout S]\n"
            "       raw-res URL --mount SLOT DRIVE --drive-lun L [--rounds N] [--timeout S]\n");
    return 2;
}

/* Parses a decimal in [lo, hi]; returns -1 when it is not one. */
static long parse_number(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    return (*s == 0 || *end != 0 || v < lo || v > hi) ? -1 : v;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    o->rounds = 100;
    o->timeout = 60;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = argc - i - 1;
        if (strcmp(a, "--rounds") == 0 && more >= 1) {
            if ((o->rounds = parse_number(argv[++i], 1, 10000000)) < 0)
                return -1;
        } else if (strcmp(a, "--timeout") == 0 && more >= 1) {
            if ((o->timeout = parse_number(argv[++i], 1, 86400)) < 0)
                return -1;
        } else if ((strcmp(a, "--move") == 0 || strcmp(a, "--mount") == 0) && more >= 2) {
            /* both take FROM TO: --move any two elements, --mount a slot and a drive */
            long f = parse_number(argv[++i], 0, 65535), t = parse_number(argv[++i], 0, 65535);
            if (f < 0 || t < 0)
                return -1;
            *(strcmp(a, "--move") == 0 ? &o->move : &o->mount) = 1;
            o->from = (unsigned)f;
            o->to = (unsigned)t;
        } else if (strcmp(a, "--drive-lun") == 0 && more >= 1) {
            if ((o->drive_lun = parse_number(argv[++i], 1, 255)) < 0)
                return -1;
        } else if (strcmp(a, "--one-way") == 0) {
            o->one_way = 1;
        } else if (strcmp(a, "--list") == 0) {
            o->list = 1;
        } else if (a[0] != '-' && o->url == NULL) {
            o->url = a;
        } else {
            return -1;
        }
    }
    if (o->mount && (o->list || o->move || o->one_way || o->drive_lun == 0))
        return -1;
    return (o->url == NULL || (o->list && o->move) || (o->one_way && !o->move)) ? -1 : 0;
}

int main(int argc, char **argv)
{
    struct options o;
    if (parse_args(argc, argv, &o) != 0)
        return usage();
    signal(SIGALRM, on_alarm);
    alarm((unsigned)o.timeout);
    int rc = connect_url(o.url);
    if (rc == 0)
        rc = clear_unit_attention();
    if (rc == 0)
        rc = o.list    ? list_all()
             : o.move  ? bench_move(o.from, o.to, o.rounds, o.one_way)
             : o.mount ? bench_mount(o.from, o.to, (int)o.drive_lun, o.rounds)
                       : bench_res(o.rounds);
    disconnect();
    return rc == 0 ? 0 : 1;
}
