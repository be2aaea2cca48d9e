#!/bin/sh
# library_restart.sh - a test over two runs of rsmd on one directory.
#
#   library_restart.sh RUN_RSMD RSMD TEST CONF [CONF2]
#
# Runs rsmd (through run-rsmd.sh) with the libraries of CONF and TEST phase1,
# then again on the same database with those of CONF2 (none when it is not
# given) and TEST phase2: DeleteNtmsLibrary of a library that is now gone
# (test_library_admin), or what a restart finds (test_freelabel). Exits
# with the first failure.
set -u
if [ $# -lt 4 ] || [ $# -gt 5 ]; then
  echo "usage: library_restart.sh RUN_RSMD RSMD TEST CONF [CONF2]" >&2
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-restart.XXXXXX") || exit 1
RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF=$4 sh "$1" "$2" "$3" phase1
status=$?
if [ "$status" -eq 0 ]; then
  RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF=${5:-} sh "$1" "$2" "$3" phase2
  status=$?
fi
[ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] || rm -rf "$dir"
exit "$status"
