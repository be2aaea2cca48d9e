#!/usr/bin/env bash
# test_library_ops.sh RSMD RUN_RSMD TGT_OPS RAW_RES: the library operations
# (inventory, inject, eject, door, slot identification) against a real SCSI
# library: a private tgtd over iSCSI (tests/tgt/tgt-lib), which tgt_ops
# (tgt_ops.c) drives through librsm while playing the operator with tgt-lib,
# cross-checking every step with raw-res's element status (placement.c).
# Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_library_ops.sh RSMD RUN_RSMD TGT_OPS RAW_RES}
RUN_RSMD=${2:?}
OPS=${3:?}
RAW=${4:?}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/../tgt/tgt-lib

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

DIR=$(mktemp -d /tmp/rsm-tgt-ops.XXXXXX)
cleanup() {
    "$LIB" stop "$DIR" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A free port in 3501..3600 (test_attach.sh uses 3400..3500), and a
# management socket of our own, so both can run at once.
port=3501 rc=4
while [ "$port" -le 3600 ]; do
    rc=0
    "$LIB" start "$DIR" --port "$port" --control 41 >/dev/null || rc=$?
    [ "$rc" -eq 4 ] || break
    port=$((port + 1))
done
[ "$rc" -eq 0 ] || { echo "FAIL: tgt-lib start exited $rc"; exit 1; }
"$LIB" create "$DIR" --slots 20 --tapes 10 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")

# No polling: the test says when the library is looked at.
cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $URL
poll_seconds = 0
CONF

RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 "$RUN_RSMD" "$RSMD" "$OPS" "$LIB" "$DIR" "$RAW"
