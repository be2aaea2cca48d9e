#!/bin/sh
# Build full tgtd libraries of 1,000 and 10,000 slots (no tape images)
# and run bench-inventory against each.
#   bench/inventory.sh BUILD_DIR [SLOTS...]
set -eu
build=${1:-build-bench}
shift || true
sizes=${*:-1000 10000}
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d /tmp/rsm-bench-tgt.XXXXXX)
trap '"$here/tests/tgt/tgt-lib" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
port=3390
for n in $sizes; do
  tapes=$n
  echo "== $n slots, $tapes cartridges"
  "$here/tests/tgt/tgt-lib" stop "$dir" >/dev/null 2>&1 || true
  "$here/tests/tgt/tgt-lib" start "$dir" --port "$port" --control 27 >/dev/null
  "$here/tests/tgt/tgt-lib" create "$dir" --slots "$n" --tapes "$tapes" --files 0 --drives 2 >/dev/null
  url=$(sed -n 's/^changer=//p' "$dir/urls")
  "$build/bench/bench-inventory" "$url" 20
done
"$here/tests/tgt/tgt-lib" stop "$dir" >/dev/null
