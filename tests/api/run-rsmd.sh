#!/bin/sh
# run-rsmd.sh - run a command against a private rsmd.
#
#   run-rsmd.sh RSMD_BINARY COMMAND [ARGS...]
#
# Starts RSMD_BINARY in the foreground on a fresh temporary directory (its
# own config, socket and database there), waits up to 10 s for the socket,
# runs COMMAND with these variables exported:
#   RSM_SOCKET    the socket path (librsm and the test clients read it)
#   RSM_TEST_DIR  the temporary directory (rsmd.conf, rsm.db, rsmd.log)
# then sends SIGTERM and checks that rsmd exits with status 0 within 10 s and
# removes its socket. Exits with COMMAND's status when it failed, 1 when rsmd
# misbehaved, else 0; on any failure rsmd's log is printed.
#
# Environment: RSMD_LOG_LEVEL (default debug) sets the log level;
# RSM_KEEP_TEST_DIR=1 keeps the directory for inspection; RSMD_EXTRA_CONF
# names a file appended to rsmd.conf, with every @DIR@ in it replaced by the
# temporary directory (a [library NAME] section whose root lives there);
# RSMD_TEST_DIR names an existing directory to use instead of a new one
# (kept afterwards, so that a second run finds the first one's database).
# Discovery is off (the host's own SCSI devices stay out of the tests); a
# test turns it on with an [rsmd] section of its own in RSMD_EXTRA_CONF.
set -u

if [ $# -lt 2 ]; then
  echo "usage: run-rsmd.sh RSMD_BINARY COMMAND [ARGS...]" >&2
  exit 2
fi
rsmd=$1
shift

if [ -n "${RSMD_TEST_DIR:-}" ]; then
  dir=$RSMD_TEST_DIR
  keep=1
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-test.XXXXXX") || exit 1
  keep=${RSM_KEEP_TEST_DIR:-0}
fi
log=$dir/rsmd.log
cat >"$dir/rsmd.conf" <<CONF
[rsmd]
socket = $dir/rsmd.sock
database = $dir/rsm.db
log_level = ${RSMD_LOG_LEVEL:-debug}
discover = no
CONF
if [ -n "${RSMD_EXTRA_CONF:-}" ]; then
  if ! sed "s|@DIR@|$dir|g" "$RSMD_EXTRA_CONF" >>"$dir/rsmd.conf"; then
    echo "run-rsmd.sh: cannot read RSMD_EXTRA_CONF=$RSMD_EXTRA_CONF" >&2
    [ "$keep" = 1 ] || rm -rf "$dir"
    exit 1
  fi
fi

fail() {
  echo "run-rsmd.sh: $*" >&2
  echo "----- rsmd log ($log) -----" >&2
  cat "$log" >&2
  echo "----- end of rsmd log -----" >&2
}

cleanup() {
  [ "$keep" = 1 ] || rm -rf "$dir"
}

"$rsmd" --foreground --config "$dir/rsmd.conf" >"$log" 2>&1 &
pid=$!

# Wait (bounded: 100 x 0.1 s) for the socket, or for rsmd to die trying.
tries=0
while [ ! -S "$dir/rsmd.sock" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    fail "rsmd exited with status $? before listening"
    cleanup
    exit 1
  fi
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    fail "rsmd did not create its socket within 10 s"
    cleanup
    exit 1
  fi
  sleep 0.1
done

RSM_SOCKET=$dir/rsmd.sock RSM_TEST_DIR=$dir "$@"
status=$?

# Stop rsmd and check it leaves cleanly (bounded: 100 x 0.1 s).
kill -TERM "$pid" 2>/dev/null
tries=0
while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
  tries=$((tries + 1))
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  fail "rsmd did not exit within 10 s of SIGTERM"
  cleanup
  exit 1
fi
wait "$pid"
rsmd_status=$?

if [ "$status" -ne 0 ]; then
  fail "command '$*' failed with status $status"
  cleanup
  exit "$status"
fi
if [ "$rsmd_status" -ne 0 ]; then
  fail "rsmd exited with status $rsmd_status after SIGTERM"
  cleanup
  exit 1
fi
if [ -e "$dir/rsmd.sock" ]; then
  fail "rsmd left its socket behind"
  cleanup
  exit 1
fi
cleanup
exit 0
