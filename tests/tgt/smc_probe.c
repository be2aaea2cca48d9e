/*
 * smc_probe.c - drives a real SCSI library (tgtd over iSCSI in the test bed,
 * or /dev/sg* hardware) through rsmd's SMC and SSC backends, and checks the
 * workflow end to end: element map, inventory with bar codes, drive binding
 * by DVCID against VPD 80h, a mount (slot -> drive, ready, first block), the
 * way back, the error paths, and, optionally, a target that stops answering
 * (SIGSTOP: must time out, then recover) or dies (SIGKILL: must fail fast).
 *
 *   smc-probe [-w] [-c chunk] [-t timeout_ms] [-S pid] [-K pid] CHANGER DRIVE...
 *
 * -c sets the elements per READ ELEMENT STATUS (default 1000).
 * -w writes an 80-byte label block and a filemark on the mounted cartridge
 * (through a second session to the drive) before reading the first block.
 *
 * Prints what it sees with timings; exits 0 when every check passed.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "changer/scsi_cmd.h"
#include "changer/smc.h"
#include "changer/ssc.h"

#define MAX_DRIVES 16
#define BLOCK_BUF (256 * 1024)

static int failures;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s ", ok ? "  ok  " : "  FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (!ok)
        failures++;
}

static const char *type_name(int t)
{
    static const char *names[] = {"?", "transport", "slot", "port", "drive"};
    return t >= 1 && t <= 4 ? names[t] : "?";
}

typedef struct probe {
    changer_t *lib;
    changer_info_t info;
    element_status_t st[ELEM_TYPES + 1];
    int ndrives;
    drive_t *drive[MAX_DRIVES];
    drive_ident_t ident[MAX_DRIVES];
    int bound_to[MAX_DRIVES]; /* drive index -> element index in st[DRIVE], -1 */
    const char *url[MAX_DRIVES];
    bool write_label;
} probe_t;

/* WRITE(6) of one variable block, then WRITE FILEMARKS(6) 1, on a second
 * session to the drive: the backends never write, the test must. */
static DWORD write_label(const char *url, const char *voltag, uint8_t *label, size_t len)
{
    transport_t *t = NULL;
    char why[256];
    DWORD err = transport_open(url, &t, why, sizeof(why));
    if (err != ERROR_SUCCESS)
        return err;
    memset(label, ' ', len);
    memcpy(label, "VOL1", 4);
    memcpy(label + 4, voltag, strlen(voltag) < 6 ? strlen(voltag) : 6);
    uint8_t wr[6] = {0x0a, 0, 0, 0, (uint8_t)len, 0}, fm[6] = {0x10, 0, 0, 0, 1, 0};
    scsi_result_t r;
    for (int tries = 0; tries < 3; tries++) { /* the new session's UNIT ATTENTION */
        err = t->ops->exec(t, wr, 6, SCSI_WRITE, label, len, 30000, &r);
        if (err != ERROR_SUCCESS || r.status == 0)
            break;
    }
    if (err == ERROR_SUCCESS && r.status == 0)
        err = t->ops->exec(t, fm, 6, SCSI_NONE, NULL, 0, 30000, &r);
    if (err == ERROR_SUCCESS && r.status != 0)
        err = ERROR_IO_DEVICE;
    transport_close(t);
    return err;
}

static void print_element(const element_t *e)
{
    printf("    %-9s %5u %s", type_name(e->type), e->address, e->full ? "FULL " : "empty");
    if (e->has_voltag)
        printf("  voltag=%s", e->voltag);
    if (e->source_valid)
        printf("  src=%u", e->source_address);
    if (e->except)
        printf("  EXCEPT %02x/%02x", e->asc, e->ascq);
    if (e->device_id[0] != '\0')
        printf("  id='%s'%s", e->device_id, e->id_truncated ? " (cut)" : "");
    printf("\n");
}

static DWORD read_all(probe_t *p, bool print)
{
    char why[256];
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++) {
        element_status_free(&p->st[t]);
        double t0 = now_ms();
        DWORD err = p->lib->ops->status(p->lib, t, &p->st[t], why, sizeof(why));
        if (err != ERROR_SUCCESS) {
            printf("  status(%s): error %u: %s\n", type_name(t), (unsigned)err, why);
            return err;
        }
        if (print)
            printf("  status(%s): %zu elements in %.3f ms%s\n", type_name(t), p->st[t].n, now_ms() - t0,
                   p->st[t].truncated ? " (reply was short)" : "");
    }
    if (print) {
        const element_status_t *s = &p->st[ELEM_SLOT];
        bool whole = s->n == p->info.range[ELEM_SLOT].count;
        for (size_t i = 0; whole && i < s->n; i++)
            whole = s->v[i].address == p->info.range[ELEM_SLOT].first + i && !s->v[i].voltag_truncated &&
                    (!s->v[i].full || s->v[i].has_voltag);
        check(whole, "every slot of the map, in order, full ones with their bar code");
    }
    if (print)
        for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++)
            for (size_t i = 0; i < p->st[t].n; i++)
                if (t != ELEM_SLOT || p->st[t].v[i].full || i < 2)
                    print_element(&p->st[t].v[i]);
    return ERROR_SUCCESS;
}

static void print_info(const changer_info_t *in)
{
    printf("  library: vendor='%s' product='%s' rev='%s' serial='%s' id='%s'\n", in->vendor, in->product,
           in->revision, in->serial, in->identifier);
    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++)
        printf("  %-9s first=%u count=%u\n", type_name(t), in->range[t].first, in->range[t].count);
    printf("  barcodes=%d exchange=%d position=%d lock=%d port=%d init-range=%d\n", in->has_barcode_reader,
           in->can_exchange, in->can_position, in->can_lock_door, in->can_open_port, in->can_init_range);
}

/* Exact matches first; then a cut identifier binds if only one unbound
 * drive fits it. */
static void bind_drives(probe_t *p)
{
    element_status_t *ds = &p->st[ELEM_DRIVE];
    bool taken[MAX_DRIVES] = {false};
    for (int d = 0; d < p->ndrives; d++) {
        p->bound_to[d] = -1;
        for (size_t i = 0; i < ds->n; i++)
            if (drive_ident_match(&p->ident[d], &ds->v[i]) == DRIVE_MATCH_EXACT)
                p->bound_to[d] = (int)i;
        if (p->bound_to[d] >= 0)
            taken[p->bound_to[d]] = true;
    }
    for (size_t i = 0; i < ds->n && i < MAX_DRIVES; i++) {
        if (taken[i])
            continue;
        int only = -1, fits = 0;
        for (int d = 0; d < p->ndrives; d++)
            if (p->bound_to[d] < 0 && drive_ident_match(&p->ident[d], &ds->v[i]) == DRIVE_MATCH_PREFIX) {
                only = d;
                fits++;
            }
        if (fits == 1)
            p->bound_to[only] = (int)i;
    }
    for (int d = 0; d < p->ndrives; d++) {
        int i = p->bound_to[d];
        check(i >= 0, "drive serial %s (%s) -> element %u", p->ident[d].serial, p->ident[d].device_name,
              i >= 0 ? ds->v[i].address : 0);
    }
}

static const element_t *first_with(const element_status_t *s, bool full)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].full == full)
            return &s->v[i];
    return NULL;
}

static void mount_cycle(probe_t *p)
{
    char why[256];
    int d = 0;
    while (d < p->ndrives && p->bound_to[d] < 0)
        d++;
    const element_t *src = first_with(&p->st[ELEM_SLOT], true);
    if (d == p->ndrives || src == NULL) {
        check(false, "need a bound drive and a full slot for the mount cycle");
        return;
    }
    uint16_t slot = src->address, dte = p->st[ELEM_DRIVE].v[p->bound_to[d]].address;
    char voltag[CHANGER_VOLTAG_LEN + 1];
    scsi_strlcpy(voltag, sizeof(voltag), src->voltag);

    double t0 = now_ms();
    DWORD err = p->lib->ops->move(p->lib, slot, dte, why, sizeof(why));
    check(err == 0, "MOVE %s slot %u -> drive %u: %.3f ms (%s)", voltag, slot, dte, now_ms() - t0,
          err ? why : "done");
    if (err != ERROR_SUCCESS || read_all(p, false) != ERROR_SUCCESS)
        return;
    const element_t *e = element_find(&p->st[ELEM_DRIVE], dte);
    check(e != NULL && e->full && strcmp(e->voltag, voltag) == 0 && e->source_valid && e->source_address == slot,
          "drive %u is full with %s, source %u", dte, e ? e->voltag : "?", e ? e->source_address : 0);

    drive_t *drv = p->drive[d];
    bool present = false;
    t0 = now_ms();
    err = drv->ops->wait_ready(drv, 60000, &present, why, sizeof(why));
    check(err == 0 && present, "drive ready with medium present: %.3f ms", now_ms() - t0);
    uint8_t label[80];
    if (p->write_label) {
        err = write_label(p->url[d], voltag, label, sizeof(label));
        check(err == 0, "wrote an 80-byte VOL1 label and a filemark");
    }
    uint8_t *block = malloc(BLOCK_BUF);
    size_t got = 0;
    t0 = now_ms();
    err = block ? drv->ops->read_first_block(drv, block, BLOCK_BUF, &got, why, sizeof(why)) : ERROR_NOT_ENOUGH_MEMORY;
    check(err == 0, "first block: %zu bytes in %.3f ms%s%s", got, now_ms() - t0, err ? ": " : "", err ? why : "");
    if (p->write_label && err == ERROR_SUCCESS)
        check(got == sizeof(label) && memcmp(block, label, sizeof(label)) == 0, "first block is the label: '%.10s'",
              got >= 10 ? (const char *)block : "");
    free(block);
    err = drv->ops->unload(drv, why, sizeof(why));
    check(err == 0, "unload (a no-op on tgt)%s%s", err ? ": " : "", err ? why : "");

    t0 = now_ms();
    err = p->lib->ops->move(p->lib, dte, slot, why, sizeof(why));
    check(err == 0, "MOVE drive %u -> slot %u: %.3f ms", dte, slot, now_ms() - t0);
    if (read_all(p, false) == ERROR_SUCCESS) {
        e = element_find(&p->st[ELEM_SLOT], slot);
        check(e != NULL && e->full && strcmp(e->voltag, voltag) == 0, "slot %u holds %s again", slot, voltag);
    }
}

static void expect(probe_t *p, DWORD want, const char *what, DWORD got, const char *why)
{
    (void)p;
    check(got == want, "%s -> %u (want %u): %s", what, (unsigned)got, (unsigned)want, got ? why : "success");
}

static void error_paths(probe_t *p)
{
    char why[256];
    const element_status_t *s = &p->st[ELEM_SLOT];
    const element_t *full = first_with(s, true), *empty = first_with(s, false);
    const element_t *full2 = NULL;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].full && &s->v[i] != full)
            full2 = &s->v[i];
    if (full && full2)
        expect(p, ERROR_RESOURCE_NOT_AVAILABLE, "MOVE to a full slot",
               p->lib->ops->move(p->lib, full->address, full2->address, why, sizeof(why)), why);
    if (empty && full)
        expect(p, ERROR_MEDIA_UNAVAILABLE, "MOVE from an empty slot",
               p->lib->ops->move(p->lib, empty->address, full->address, why, sizeof(why)), why);
    DWORD err = p->lib->ops->exchange(p->lib, full ? full->address : 0, empty ? empty->address : 0,
                                       full2 ? full2->address : 0, why, sizeof(why));
    printf("  exchange: %u (%s)\n", (unsigned)err, err ? why : "done");
    err = p->lib->ops->rescan(p->lib, 0, 0, why, sizeof(why));
    printf("  rescan: %u (%s)\n", (unsigned)err, err ? why : "done");
    err = p->lib->ops->lock(p->lib, false, why, sizeof(why));
    printf("  allow removal: %u (%s)\n", (unsigned)err, err ? why : "done");
}

/* A target that stops answering must cost one timeout, not a hang; once it
 * answers again, the next command logs in again by itself. */
static void unresponsive_target(probe_t *p, pid_t pid, unsigned timeout_ms)
{
    char why[256];
    bool changed = false;
    scsi_set_timeout_ms(SCSI_KIND_QUICK, timeout_ms);
    kill(pid, SIGSTOP);
    double t0 = now_ms();
    DWORD err = p->lib->ops->check(p->lib, &changed, why, sizeof(why));
    double ms = now_ms() - t0;
    check(err == ERROR_TIMEOUT && ms < timeout_ms + 1000, "stopped target: check -> %u after %.0f ms (%s)",
          (unsigned)err, ms, why);
    kill(pid, SIGCONT);
    t0 = now_ms();
    err = p->lib->ops->check(p->lib, &changed, why, sizeof(why));
    check(err == 0 && changed, "target back: check -> %u, changed=%d after %.1f ms", (unsigned)err, changed,
          now_ms() - t0);
}

static void dead_target(probe_t *p, pid_t pid, unsigned timeout_ms)
{
    char why[256];
    bool changed = false;
    scsi_set_timeout_ms(SCSI_KIND_QUICK, timeout_ms);
    scsi_set_timeout_ms(SCSI_KIND_READ_STATUS, timeout_ms);
    kill(pid, SIGKILL);
    usleep(100 * 1000);
    for (int i = 0; i < 2; i++) { /* the first sees the dead session, the second a refused login */
        double t0 = now_ms();
        DWORD err = p->lib->ops->check(p->lib, &changed, why, sizeof(why));
        double ms = now_ms() - t0;
        check((err == ERROR_DEVICE_NOT_AVAILABLE || err == ERROR_TIMEOUT) && ms < timeout_ms + 1000,
              "dead target: check #%d -> %u after %.1f ms (%s)", i + 1, (unsigned)err, ms, why);
    }
    element_status_t st = {0};
    double t0 = now_ms();
    DWORD err = p->lib->ops->status(p->lib, ELEM_SLOT, &st, why, sizeof(why));
    check(err != 0 && now_ms() - t0 < timeout_ms + 1000, "dead target: status -> %u after %.1f ms", (unsigned)err,
          now_ms() - t0);
    element_status_free(&st);
}

int main(int argc, char **argv)
{
    unsigned timeout_ms = 3000;
    pid_t stop_pid = 0, kill_pid = 0;
    int opt;
    static probe_t p;
    while ((opt = getopt(argc, argv, "wc:t:S:K:")) != -1) {
        switch (opt) {
        case 'c': smc_set_chunk((unsigned)atoi(optarg)); break;
        case 'w': p.write_label = true; break;
        case 't': timeout_ms = (unsigned)atoi(optarg); break;
        case 'S': stop_pid = (pid_t)atoi(optarg); break;
        case 'K': kill_pid = (pid_t)atoi(optarg); break;
        default:
            fprintf(stderr, "usage: %s [-w] [-c chunk] [-t timeout_ms] [-S pid] [-K pid] CHANGER DRIVE...\n", argv[0]);
            return 2;
        }
    }
    if (optind >= argc || argc - optind - 1 > MAX_DRIVES) {
        fprintf(stderr, "usage: %s [-w] [-c chunk] [-t timeout_ms] [-S pid] [-K pid] CHANGER DRIVE...\n", argv[0]);
        return 2;
    }
    char why[256];
    double t0 = now_ms();
    DWORD err = smc_open(argv[optind], "probe", &p.lib, why, sizeof(why));
    check(err == 0, "smc_open %s: %.3f ms%s%s", argv[optind], now_ms() - t0, err ? ": " : "", err ? why : "");
    if (err != ERROR_SUCCESS)
        return 1;
    t0 = now_ms();
    err = p.lib->ops->info(p.lib, &p.info, why, sizeof(why));
    check(err == 0, "info: %.3f ms", now_ms() - t0);
    print_info(&p.info);
    if (read_all(&p, true) != ERROR_SUCCESS)
        failures++;

    for (int i = optind + 1; i < argc; i++, p.ndrives++) {
        drive_t **d = &p.drive[p.ndrives];
        p.url[p.ndrives] = argv[i];
        err = ssc_open(argv[i], d, why, sizeof(why));
        if (err == ERROR_SUCCESS)
            err = (*d)->ops->identify(*d, &p.ident[p.ndrives], why, sizeof(why));
        check(err == 0, "drive %s: vendor='%s' product='%s' serial='%s' id='%s'", argv[i],
              p.ident[p.ndrives].vendor, p.ident[p.ndrives].product, p.ident[p.ndrives].serial,
              p.ident[p.ndrives].identifier);
    }
    bind_drives(&p);
    mount_cycle(&p);
    error_paths(&p);
    bool changed = false;
    err = p.lib->ops->check(p.lib, &changed, why, sizeof(why));
    check(err == 0, "check: changed=%d", changed);
    if (stop_pid > 0)
        unresponsive_target(&p, stop_pid, timeout_ms);
    if (kill_pid > 0)
        dead_target(&p, kill_pid, timeout_ms);

    for (int t = ELEM_TRANSPORT; t <= ELEM_DRIVE; t++)
        element_status_free(&p.st[t]);
    for (int d = 0; d < p.ndrives; d++)
        if (p.drive[d] != NULL)
            p.drive[d]->ops->close(p.drive[d]);
    p.lib->ops->close(p.lib);
    printf("%s (%d failed)\n", failures ? "PROBE FAILED" : "PROBE OK", failures);
    return failures ? 1 : 0;
}
