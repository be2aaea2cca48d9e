/*
 * checkpoint.c - WAL checkpoints on a thread of their own.
 *
 * By default SQLite checkpoints at the end of the commit that takes the WAL
 * past 1,000 pages: it copies the WAL into the database file and syncs
 * both, on the committing thread, which in rsmd is the event loop. After a
 * big transaction (the first inventory of a 10,000-slot library writes some
 * 2,000 pages) that is tens of milliseconds, far more on a slow disk, and no
 * client is answered meanwhile. Here a commit that crosses the same
 * threshold only wakes a thread, which runs a PASSIVE checkpoint on a
 * connection of its own; WAL mode lets it run while the loop reads and
 * writes, and a PASSIVE checkpoint never waits for a lock.
 *
 * Nothing else changes: the same pages reach the database file, the WAL is
 * synced before they are copied as before (synchronous=NORMAL), and it is
 * reset by the first write after a complete checkpoint.
 *
 * Forks. rsmd opens its store before it forks into the background, and a
 * thread does not follow a fork. So the thread starts with the first
 * checkpoint, not at store_open; a child that inherits a started one (its
 * pid is not the owner's) leaves it alone, connection, mutex and all, and
 * starts its own; and a fork waits for a checkpoint in progress to end
 * (fork_lock), since a child that inherited SQLite's lock tables in the
 * middle of one would find the checkpoint lock taken for ever. The thread
 * calls SQLite, and logs, only while it holds fork_lock. When no thread can
 * be had, the checkpoint runs on the commit, as SQLite would have run it.
 */
#include "store_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/log.h"

/* SQLite's default autocheckpoint threshold, in WAL pages. */
#define CKPT_PAGES 1000

/* A WAL this long means the thread's checkpoints have not let it restart:
 * SQLite begins the WAL again only when a write finds every frame copied,
 * and under a steady stream of commits (a mount storm) the loop has always
 * added frames by the time the thread is done. The WAL then grows without
 * end, each commit extends the file, and every read searches a longer WAL
 * index. Past this length the loop checkpoints itself, as SQLite would on
 * every 1,000 pages: the thread has copied nearly everything, so little is
 * left, and the next write restarts the WAL. */
#define CKPT_RESTART_PAGES (4 * CKPT_PAGES)

struct store_ckpt {
    pid_t owner; /* the process whose thread this is */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int pending; /* a commit asked for a checkpoint */
    int stop;
    sqlite3 *db; /* the thread's own connection */
    const char *path;
};

static pthread_mutex_t fork_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t fork_guard = PTHREAD_ONCE_INIT;

static void fork_prepare(void)
{
    pthread_mutex_lock(&fork_lock);
}

static void fork_done(void)
{
    pthread_mutex_unlock(&fork_lock);
}

static void install_fork_guard(void)
{
    if (pthread_atfork(fork_prepare, fork_done, fork_done) != 0)
        log_warn("store: cannot watch for forks; a fork during a checkpoint would stop checkpoints in the child");
}

/* One PASSIVE checkpoint, with no fork in the middle of it. */
static void checkpoint_once(struct store_ckpt *c)
{
    pthread_mutex_lock(&fork_lock);
    int rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        log_warn("database %s: checkpoint failed: %s; the WAL grows until one succeeds", c->path,
                 sqlite3_errmsg(c->db));
    pthread_mutex_unlock(&fork_lock);
}

static void *ckpt_main(void *arg)
{
    struct store_ckpt *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->pending && !c->stop)
            pthread_cond_wait(&c->wake, &c->lock);
        if (c->stop)
            break;
        c->pending = 0;
        pthread_mutex_unlock(&c->lock);
        checkpoint_once(c);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static void ckpt_free(struct store_ckpt *c)
{
    sqlite3_close(c->db);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* A started checkpointer for st, or NULL (logged). */
static struct store_ckpt *ckpt_new(store_t *st)
{
    struct store_ckpt *c = calloc(1, sizeof *c);
    if (c == NULL) {
        log_warn("database %s: out of memory for the checkpoint thread; checkpointing on commit", st->path);
        return NULL;
    }
    c->owner = getpid();
    c->path = st->path;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    /* A connection learns that the database is in WAL mode, and opens the
     * WAL, on its first read; until then its checkpoints do nothing. */
    int rc = sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        log_warn("database %s: cannot open a connection for checkpoints (%s); checkpointing on commit", st->path,
                 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        ckpt_free(c);
        return NULL;
    }
    pthread_once(&fork_guard, install_fork_guard);
    if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
        log_warn("database %s: cannot start the checkpoint thread; checkpointing on commit", st->path);
        ckpt_free(c);
        return NULL;
    }
    return c;
}

/* The WAL hook, called by SQLite after each commit on the loop thread. */
static int on_commit(void *arg, sqlite3 *db, const char *schema, int pages)
{
    store_t *st = arg;
    if (pages < CKPT_PAGES)
        return SQLITE_OK;
    if (st->ckpt != NULL && st->ckpt->owner != getpid())
        st->ckpt = NULL; /* inherited across a fork: not ours to touch */
    if ((st->ckpt == NULL && (st->ckpt = ckpt_new(st)) == NULL) || pages >= CKPT_RESTART_PAGES) {
        sqlite3_wal_checkpoint(db, schema); /* what SQLite's own hook does */
        return SQLITE_OK;
    }
    struct store_ckpt *c = st->ckpt;
    pthread_mutex_lock(&c->lock);
    c->pending = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    return SQLITE_OK;
}

void store_ckpt_start(store_t *st, int wal)
{
    /* The hook replaces SQLite's autocheckpoint (they are one setting).
     * ":memory:" has no WAL and keeps SQLite's default. */
    if (wal)
        sqlite3_wal_hook(st->db, on_commit, st);
}

void store_ckpt_stop(store_t *st)
{
    struct store_ckpt *c = st->ckpt;
    if (st->db != NULL)
        sqlite3_wal_hook(st->db, NULL, NULL);
    st->ckpt = NULL;
    if (c == NULL || c->owner != getpid())
        return;
    pthread_mutex_lock(&c->lock);
    c->stop = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    ckpt_free(c);
}
