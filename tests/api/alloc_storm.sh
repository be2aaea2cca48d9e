#!/bin/sh
# alloc_storm.sh - the allocation storm, then the consistency check of the
# database it left.
#
#   alloc_storm.sh RUN_RSMD RSMD TEST DBCHECK SECONDS
#
# Runs TEST SECONDS (test_alloc_storm: 32 sessions allocating and
# deallocating in one pool) against a private rsmd through run-rsmd.sh on
# a directory of its own, then, rsmd stopped, DBCHECK on the database. The
# rsmd log level is info unless RSMD_LOG_LEVEL says otherwise: at debug the
# storm writes a line per call. Exits with the first failure.
set -u
if [ $# -ne 5 ]; then
  echo "usage: alloc_storm.sh RUN_RSMD RSMD TEST DBCHECK SECONDS" >&2
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-storm.XXXXXX") || exit 1
RSMD_TEST_DIR=$dir RSMD_LOG_LEVEL=${RSMD_LOG_LEVEL:-info} sh "$1" "$2" "$3" "$5"
status=$?
if [ "$status" -eq 0 ]; then
  "$4" "$dir/rsm.db"
  status=$?
fi
[ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] || rm -rf "$dir"
exit "$status"
