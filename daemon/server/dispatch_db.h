/*
 * dispatch_db.h - the handlers of ExportNtmsDatabase and
 * ImportNtmsDatabase, registered in dispatch.c's call table; the copies
 * themselves are daemon/store/'s (store_backup.h, docs/design/backup.md).
 */
#ifndef RSM_SERVER_DISPATCH_DB_H
#define RSM_SERVER_DISPATCH_DB_H

struct call;

void handle_export_database(struct call *c);
void handle_import_database(struct call *c);

#endif
