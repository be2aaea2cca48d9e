#!/usr/bin/env bash
# test_standalone.sh STANDALONE_TGT: the stand-alone drive backend against a
# real iSCSI tape LUN. A private tgtd with a 4-slot, 2-tape, 2-drive library
# (tgt-lib); standalone-tgt (standalone_tgt.c) opens drive LUN 2 as a
# stand-alone drive, has the changer "insert" a cartridge with a raw MOVE
# MEDIUM, checks presence, change detection, PREVENT and eject. tgtd is
# always stopped on exit. Exits 77 (meson: skipped) when tgt is not installed.
set -eu

PROG=${1:?usage: test_standalone.sh PATH_TO_STANDALONE_TGT}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/tgt-lib

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

DIR=$(mktemp -d /tmp/tgt-standalone.XXXXXX)
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

# A free port in 3391..3490 (the self-test starts at 3290); control socket
# numbers differ too, so both can run at once.
port=3391 rc=4
while [ "$port" -le 3490 ]; do
    rc=0
    "$LIB" start "$DIR" --port "$port" --control 31 || rc=$?
    [ "$rc" -eq 4 ] || break
    port=$((port + 1))
done
[ "$rc" -eq 0 ] || fail "tgt-lib start exited $rc"

"$LIB" create "$DIR" --slots 4 --tapes 2 --drives 2 >/dev/null
CHANGER=$(sed -n 's/^changer=//p' "$DIR/urls")
DRIVE=$(sed -n 's/^drive1=//p' "$DIR/urls")
[ -n "$CHANGER" ] && [ -n "$DRIVE" ] || fail "no URLs in $DIR/urls"
case $DRIVE in */2) ;; *) fail "drive1 is not LUN 2: $DRIVE" ;; esac

timeout 60 "$PROG" "$CHANGER" "$DRIVE" 256 1000 || fail "standalone-tgt failed"
"$LIB" status "$DIR" >/dev/null || fail "tgtd died during the test"
echo "stand-alone drive test passed"
