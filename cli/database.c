/*
 * database.c - `rsm database export|import`: ExportNtmsDatabase and
 * ImportNtmsDatabase. The service decides where the copy goes (export_dir
 * in rsmd.conf, by default `export` beside its database), so neither verb
 * takes an option; both need an administrator of the service
 * (docs/design/backup.md).
 */
#include "cli.h"
#include "out.h"
#include "verbs.h"

/* One database call, its failure, or its one-line result. */
static int database_call(HANDLE s, DWORD (*call)(HANDLE), const char *failed, const char *state, const char *text)
{
    DWORD err = call(s);
    if (err != ERROR_SUCCESS)
        return cli_fail(err, "%s", failed);
    struct field f[] = {{"state", state, COL_TEXT}};
    return out_result(text, f, 1);
}

static int cmd_export(HANDLE s, struct args *a)
{
    (void)a;
    return database_call(s, ExportNtmsDatabase, "cannot export the database", "exported",
                         "database exported into the service's export directory");
}

static int cmd_import(HANDLE s, struct args *a)
{
    (void)a;
    return database_call(s, ImportNtmsDatabase, "cannot mark the exported copy for import", "marked",
                         "the copy in the export directory replaces the database at the service's next start");
}

static const struct opt no_opts[] = {OPT_END};

const struct verb database_verbs[] = {
    {"database", "export", "write a consistent copy of the service's database into its export directory", no_opts,
     cmd_export, 0,
     "Any earlier copy there is replaced. Refused (ERROR_SHARING_VIOLATION) while an import is pending."},
    {"database", "import", "have the copy in the export directory replace the database at the next start",
     no_opts, cmd_import, 0,
     "The copy is checked at the start; a bad one is refused and the database kept. The replaced database is "
     "kept beside it as a dated .bak file."},
    VERB_END,
};
