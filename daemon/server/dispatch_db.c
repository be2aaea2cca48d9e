/*
 * dispatch_db.c - ExportNtmsDatabase and ImportNtmsDatabase
 * (docs/design/backup.md).
 *
 * Each call is a job on libuv's thread pool, since each writes and syncs
 * files (an export copies the whole database): the loop goes on serving
 * every other client, and the call is parked until its job ends. A job has
 * two phases: `prepare`, long (the copy is written, or checked), and
 * `commit`, short (the copy is renamed into place, or the marker is
 * written). The commit runs under the job's lock, so a stop arriving
 * meanwhile (the parked call's cancel hook, at shutdown) knows on which
 * side of it the job is, and answers the truth: ERROR_CANCELLED before
 * (nothing changed, and nothing will), the job's own result after.
 *
 * One job at a time, since both write into the export directory: a second
 * call while one runs answers ERROR_SHARING_VIOLATION, the reference's
 * "one of the files the function must write to is open", and so does an
 * export while an import is pending, which would overwrite the very copy
 * that is to be imported. Only administrators of the service may call
 * either (ERROR_ACCESS_DENIED): the copy holds everything rsmd knows.
 */
#include "dispatch_db.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conn.h"
#include "dispatch.h"
#include "store/store_backup.h"
#include "util/log.h"

struct db_op {
    const char *what;                      /* "export", for messages */
    int refused_while_pending;             /* ERROR_SHARING_VIOLATION while an import is pending */
    DWORD (*prepare)(store_copy_t *c);     /* long, on the thread pool */
    DWORD (*commit)(store_copy_t *c);      /* short, under the job's lock */
    void (*discard)(store_copy_t *c);      /* undo a prepare that is not committed (NULL: nothing) */
};

static const struct db_op export_op = {"export", 1, store_export_write, store_export_publish, store_export_discard};
static const struct db_op import_op = {"import", 0, store_import_check_copy, store_import_mark, NULL};

struct db_job {
    uv_work_t work;
    const struct db_op *op;
    struct call *call;    /* NULL once the cancel hook has answered it */
    pthread_mutex_t lock; /* the commit against the cancel hook */
    atomic_int stop;
    int done;             /* under lock: `result` is final */
    DWORD result;
    uint64_t started_ms;
    char requested_by[256];
    store_copy_t copy;
};

/* The job in progress; the loop thread reads and writes it. */
static struct db_job *running;

/* --- the job ------------------------------------------------------------- */

static void job_work(uv_work_t *w)
{
    struct db_job *j = w->data;
    DWORD err = j->op->prepare(&j->copy);

    pthread_mutex_lock(&j->lock);
    if (!err && atomic_load(&j->stop)) {
        if (j->op->discard != NULL)
            j->op->discard(&j->copy);
        err = ERROR_CANCELLED;
    } else if (!err) {
        err = j->op->commit(&j->copy);
    }
    j->result = err;
    j->done = 1;
    pthread_mutex_unlock(&j->lock);
}

static void answer(struct call *c, DWORD err, const store_copy_t *copy)
{
    Rsm__Response resp = RSM__RESPONSE__INIT;
    Rsm__DatabaseResult res = RSM__DATABASE_RESULT__INIT;

    if (err == 0) {
        res.path = (char *)copy->path;
        resp.result_case = RSM__RESPONSE__RESULT_DATABASE;
        resp.database = &res;
    } else if (copy->why[0] != '\0') {
        resp.detail = (char *)copy->why;
    }
    call_answer(c, err, &resp);
}

static void job_done(uv_work_t *w, int status)
{
    struct db_job *j = w->data;
    uint64_t ms = uv_now(w->loop) - j->started_ms;

    (void)status; /* never cancelled: nothing calls uv_cancel on it */
    running = NULL;
    if (j->result == 0 && j->op == &export_op)
        log_info("database exported to %s (%lld pages in %" PRIu64 " ms) for %s", j->copy.path, j->copy.pages, ms,
                 j->requested_by);
    else if (j->result == 0)
        log_info("%s will replace the database at the next start (import requested by %s)", j->copy.path,
                 j->requested_by);
    if (j->call != NULL)
        answer(j->call, j->result, &j->copy);
    pthread_mutex_destroy(&j->lock);
    free(j);
}

/* The parked call's hook at shutdown: stop the job, and answer now. */
static void job_cancel(struct call *c)
{
    struct db_job *j = running;

    pthread_mutex_lock(&j->lock);
    atomic_store(&j->stop, 1);
    j->call = NULL;
    int done = j->done;
    pthread_mutex_unlock(&j->lock);
    /* Once done, the thread writes nothing more into the job. */
    if (done)
        answer(c, j->result, &j->copy);
    else
        call_fail(c, ERROR_CANCELLED, "%s: rsmd is stopping; the %s was not done", c->name, j->op->what);
}

/* --- starting one ---------------------------------------------------------- */

static void describe_caller(const principal_t *who, char *out, size_t len)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;

    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
    snprintf(out, len, "uid %u (%s) pid %d application \"%s\" at %s", (unsigned)who->uid,
             who->user[0] ? who->user : "?", (int)who->pid, who->application, when);
}

/* Why `op` cannot start now (the call is answered), or 0. */
static int refuse_start(struct call *c, const struct db_op *op)
{
    const principal_t *who = &c->conn->who;
    const char *dir = c->conn->srv->cfg->export_dir;

    if (!principal_is_admin(who)) {
        log_info("%s refused: uid %u is not an administrator of the service", c->name, (unsigned)who->uid);
        call_fail(c, ERROR_ACCESS_DENIED, "%s: only root or rsmd's own user may %s the database", c->name, op->what);
    } else if (dir == NULL || dir[0] == '\0') {
        call_fail(c, ERROR_NOT_SUPPORTED, "%s: the database is in memory; there is nothing to %s", c->name,
                  op->what);
    } else if (running != NULL) {
        call_fail(c, ERROR_SHARING_VIOLATION, "%s: an %s of the database is in progress", c->name,
                  running->op->what);
    } else if (op->refused_while_pending && store_import_pending(dir)) {
        log_info("%s refused: the copy in %s is to be imported at the next start", c->name, dir);
        call_fail(c, ERROR_SHARING_VIOLATION, "%s: the copy in %s is to be imported at the next start (remove %s/%s "
                  "to withdraw the import)", c->name, dir, dir, STORE_IMPORT_MARKER);
    } else {
        return 0;
    }
    return -1;
}

static void start_job(struct call *c, const struct db_op *op)
{
    struct server *srv = c->conn->srv;

    if (refuse_start(c, op) != 0)
        return;
    struct db_job *j = calloc(1, sizeof *j);
    if (j == NULL) {
        call_fail(c, ERROR_NOT_ENOUGH_MEMORY, "%s: out of memory", c->name);
        return;
    }
    j->op = op;
    j->work.data = j;
    j->started_ms = uv_now(srv->loop);
    pthread_mutex_init(&j->lock, NULL);
    atomic_init(&j->stop, 0);
    describe_caller(&c->conn->who, j->requested_by, sizeof j->requested_by);
    j->copy.db = srv->cfg->database;
    j->copy.dir = srv->cfg->export_dir;
    j->copy.stop = &j->stop;
    j->copy.requested_by = j->requested_by;
    int rc = uv_queue_work(srv->loop, &j->work, job_work, job_done);
    if (rc != 0) {
        log_error("%s: cannot start the %s: %s", c->name, op->what, uv_strerror(rc));
        pthread_mutex_destroy(&j->lock);
        free(j);
        call_fail(c, ERROR_NOT_ENOUGH_MEMORY, "%s: cannot start the %s", c->name, op->what);
        return;
    }
    running = j;
    j->call = c;
    call_park(c, job_cancel);
}

void handle_export_database(struct call *c)
{
    start_job(c, &export_op);
}

void handle_import_database(struct call *c)
{
    start_job(c, &import_op);
}
