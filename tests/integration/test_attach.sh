#!/usr/bin/env bash
# test_attach.sh RSMD RUN_RSMD TGT_CHECK: rsmd against a real SCSI library
# (tgtd over iSCSI, tests/tgt/tgt-lib): the attach finds exactly the
# cartridges tgt-lib created and binds each drive element to its LUN by
# serial number; then tgtd is killed, the library must show NEEDS_SERVICE
# within 30 s while rsmd keeps answering, and after `tgt-lib restart` it
# must be READY again (retry backoff 5..60 s) with the same objects.
# Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_attach.sh RSMD RUN_RSMD TGT_CHECK}
RUN_RSMD=${2:?}
CHECK=${3:?}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/../tgt/tgt-lib

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

DIR=$(mktemp -d /tmp/rsm-tgt-attach.XXXXXX)
cleanup() {
    "$LIB" stop "$DIR" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A free port in 3400..3500 (tgt-lib refuses a busy one with status 4).
port=3400 rc=4
while [ "$port" -le 3500 ]; do
    rc=0
    "$LIB" start "$DIR" --port "$port" >/dev/null || rc=$?
    [ "$rc" -eq 4 ] || break
    port=$((port + 1))
done
[ "$rc" -eq 0 ] || { echo "FAIL: tgt-lib start exited $rc"; exit 1; }
"$LIB" create "$DIR" --slots 20 --tapes 10 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
URLBASE=${URL%/*}

cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $URL
poll_seconds = 1
CONF

# The scenario runs as run-rsmd.sh's command, against the private rsmd.
cat >"$DIR/scenario.sh" <<SCENARIO
#!/usr/bin/env bash
set -eu
step() { echo "== \$*"; }
step "attach: the cartridges and drives tgt-lib created"
"$CHECK" state READY 30
"$CHECK" attached "$URLBASE"
step "tgtd killed: the library needs service, rsmd stays up"
"$LIB" kill "$DIR" >/dev/null
"$CHECK" state NEEDS_SERVICE 30
step "tgtd back: the library recovers"
"$LIB" restart "$DIR" >/dev/null
"$CHECK" state READY 120
"$CHECK" attached "$URLBASE"
SCENARIO
chmod +x "$DIR/scenario.sh"

RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 "$RUN_RSMD" "$RSMD" "$DIR/scenario.sh"
