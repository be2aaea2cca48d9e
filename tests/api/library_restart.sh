#!/bin/sh
# library_restart.sh - DeleteNtmsLibrary of a library rsmd no longer runs.
#
#   library_restart.sh RUN_RSMD RSMD TEST CONF
#
# Runs rsmd (through run-rsmd.sh) with the libraries of CONF and TEST phase1,
# then again on the same database without them and TEST phase2, which
# deletes the library that is now gone. Exits with the first failure.
set -u
if [ $# -ne 4 ]; then
  echo "usage: library_restart.sh RUN_RSMD RSMD TEST CONF" >&2
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-restart.XXXXXX") || exit 1
RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF=$4 sh "$1" "$2" "$3" phase1
status=$?
if [ "$status" -eq 0 ]; then
  RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF= sh "$1" "$2" "$3" phase2
  status=$?
fi
[ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] || rm -rf "$dir"
exit "$status"
