#!/bin/sh
# dbexport_restart.sh - ImportNtmsDatabase takes effect at the next start.
#
#   dbexport_restart.sh RUN_RSMD RSMD TEST
#
# Runs rsmd (through run-rsmd.sh) three times on one directory, with TEST
# mark, imported and refused in turn (tests/api/test_dbexport.c): an
# exported and marked copy replaces the database at the second start, and
# a damaged one is refused at the third, the database kept. Exits with the
# first failure.
set -u
if [ $# -ne 3 ]; then
  echo "usage: dbexport_restart.sh RUN_RSMD RSMD TEST" >&2
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-dbexport.XXXXXX") || exit 1
status=0
for phase in mark imported refused; do
  RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF= sh "$1" "$2" "$3" "$phase"
  status=$?
  [ "$status" -eq 0 ] || break
done
[ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] || rm -rf "$dir"
exit "$status"
