#!/usr/bin/env bash
# test_sa_eject.sh RUN_RSMD RSMD SA_EJECT RAW_RES: EjectDiskFromSADrive and
# device change detection on a real iSCSI tape LUN. A private tgtd with a
# 4-slot, 2-tape, 2-drive library (tgt-lib); raw-res puts the tape of slot
# 1000 into drive LUN 2 (the person at the drive); rsmd (run-rsmd.sh) runs
# that LUN as the stand-alone library "sa"; sa-eject (sa_eject.c) ejects
# the tape through librsm, checks what rsmd and tgt then say, and has the
# person take the tape out and put it back under device change detection.
# tgtd is always stopped on exit. Exits 77 (meson: skipped) when tgt is not
# installed.
set -eu

RUN_RSMD=${1:?usage: test_sa_eject.sh RUN_RSMD RSMD SA_EJECT RAW_RES}
RSMD=${2:?} PROG=${3:?} RAW_RES=${4:?}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/tgt-lib

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

DIR=$(mktemp -d /tmp/tgt-sa-eject.XXXXXX)
cleanup() {
    "$LIB" stop "$DIR" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
    echo "FAIL: $*" >&2
    if [ -f "$DIR/tgtd.log" ]; then tail -n 20 "$DIR/tgtd.log" >&2; fi
    exit 1
}

# A free port in 3700..3800, its own control socket number: other tgt tests
# may run at the same time.
port=3700 rc=4
while [ "$port" -le 3800 ]; do
    rc=0
    "$LIB" start "$DIR" --port "$port" --control 37 || rc=$?
    [ "$rc" -eq 4 ] || break
    port=$((port + 1))
done
[ "$rc" -eq 0 ] || fail "tgt-lib start exited $rc"

"$LIB" create "$DIR" --slots 4 --tapes 2 --drives 2 >/dev/null
CHANGER=$(sed -n 's/^changer=//p' "$DIR/urls")
DRIVE=$(sed -n 's/^drive1=//p' "$DIR/urls")
[ -n "$CHANGER" ] && [ -n "$DRIVE" ] || fail "no URLs in $DIR/urls"
case $DRIVE in */2) ;; *) fail "drive1 is not LUN 2: $DRIVE" ;; esac

# The person loads the tape of slot 1000 into drive element 256 (LUN 2).
timeout 30 "$RAW_RES" "$CHANGER" --move 1000 256 --one-way >/dev/null || fail "cannot load the drive"

cat >"$DIR/sa.conf" <<CONF
[library sa]
type = standalone
device = $DRIVE
poll_seconds = 0
CONF
RSMD_EXTRA_CONF=$DIR/sa.conf timeout 100 sh "$RUN_RSMD" "$RSMD" "$PROG" "$RAW_RES" "$CHANGER" "$DRIVE" ||
    fail "sa-eject failed"
"$LIB" status "$DIR" >/dev/null || fail "tgtd died during the test"
echo "stand-alone eject test passed"
