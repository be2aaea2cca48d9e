#!/bin/sh
# Mount benchmarks (bench-mount, bench/mount.c):
#   1. one session on a tgtd library: MountNtmsMedia and DismountNtmsMedia
#      through librsm and rsmd against raw-res --mount, the same SCSI
#      commands from a bare libiscsi program;
#   2. many sessions at once on a virtual library (64 sessions, 16 drives,
#      128 cartridges by default).
#   bench/mount.sh BUILD_DIR [ROUNDS [SESSIONS DRIVES CARTRIDGES CYCLES]]
# tgtd listens on 127.0.0.1, the first free port from 4550 (BENCH_PORT).
# Part 1 is skipped when tgt is not installed. Build BUILD_DIR with
# -Dbuildtype=release -Db_sanitize=none for figures.
set -eu
build=${1:-build-bench}
rounds=${2:-200}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
here=$(cd "$(dirname "$0")/.." && pwd)
bench=$build/bench/bench-mount
rsmd=$build/daemon/rsmd
raw=$build/tests/tgt/raw-res
lib=$here/tests/tgt/tgt-lib

if command -v tgtd >/dev/null && command -v tgtadm >/dev/null && command -v tgtimg >/dev/null; then
  dir=$(mktemp -d /tmp/rsm-bench-mount-tgt.XXXXXX)
  trap '"$lib" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
  port=${BENCH_PORT:-4550}
  rc=4
  while [ "$rc" -eq 4 ] && [ "$port" -le $((${BENCH_PORT:-4550} + 49)) ]; do
    rc=0
    "$lib" start "$dir" --port "$port" --control 455 >/dev/null || rc=$?
    [ "$rc" -eq 4 ] && port=$((port + 1))
  done
  [ "$rc" -eq 0 ] || { echo "bench/mount.sh: tgt-lib start failed ($rc)" >&2; exit 1; }
  "$lib" create "$dir" --slots 20 --tapes 4 --drives 2 >/dev/null
  url=$(sed -n 's/^changer=//p' "$dir/urls")
  echo "== 1. one session, tgtd library on 127.0.0.1:$port, $rounds rounds"
  "$bench" tgt "$rsmd" "$raw" "$url" "$rounds"
  "$lib" stop "$dir" >/dev/null
else
  echo "== 1. skipped: tgt (tgtd, tgtadm, tgtimg) is not installed"
fi

echo
echo "== 2. many sessions at once, virtual library"
"$bench" virtual "$rsmd" "$@"
