#!/bin/sh
# freelabel_restart.sh - the free-label tests over two runs of rsmd on one
# directory.
#
#   freelabel_restart.sh RUN_RSMD RSMD TEST CONF
#
# Runs TEST phase1 against rsmd (through run-rsmd.sh) with CONF, then TEST
# phase2 against a new rsmd on the same directory, database and virtual
# library. Exits with the first failure.
set -u
if [ $# -ne 4 ]; then
  echo "usage: freelabel_restart.sh RUN_RSMD RSMD TEST CONF" >&2
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-freelabel.XXXXXX") || exit 1
RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF=$4 sh "$1" "$2" "$3" phase1
status=$?
if [ "$status" -eq 0 ]; then
  RSMD_TEST_DIR=$dir RSMD_EXTRA_CONF=$4 sh "$1" "$2" "$3" phase2
  status=$?
fi
[ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] || rm -rf "$dir"
exit "$status"
