#!/usr/bin/env bash
# selftest.sh RAW_RES: checks the tgt test bed itself (tgt-lib and raw-res)
# against a real tgtd: start on a free port, a 20-slot/10-tape/2-drive/
# 2-mailslot library, RES and MOVE through raw-res, operator actions behind
# the changer's back, a crash and a restart, a stop. tgtd is always stopped on
# exit. Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RAW=${1:?usage: selftest.sh PATH_TO_RAW_RES}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/tgt-lib

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

DIR=$(mktemp -d /tmp/tgt-selftest.XXXXXX)
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
step() { echo "== $*"; }

# raw ARGS...: raw-res against the changer, bounded twice (alarm + timeout).
raw() { timeout 30 "$RAW" "$URL" "$@" --timeout 20; }

# expect_element KIND ADDR full BARCODE | KIND ADDR empty
expect_element() {
    local line
    line=$(raw --list | grep -E "^$1 $2 " || true)
    case $3 in
        full) [[ $line =~ ^$1\ $2\ full\ $4($|\ ) ]] || fail "$1 $2: want full $4, got '$line'" ;;
        empty) [[ $line =~ ^$1\ $2\ empty ]] || fail "$1 $2: want empty, got '$line'" ;;
    esac
}

# expect_dead PID: the process is gone or a zombie.
expect_dead() {
    local state
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)
    [ -z "$state" ] || [ "$state" = Z ] || fail "tgtd pid $1 is still running ($state)"
}

# expect_rc WANT CMD...: CMD exits with WANT.
expect_rc() {
    local want=$1 rc=0
    shift
    "$@" >/dev/null 2>&1 || rc=$?
    [ "$rc" -eq "$want" ] || fail "'$*' exited $rc, want $want"
}

step "start on a free port in 3290..3390"
port=3290 rc=4
while [ "$port" -le 3390 ]; do
    rc=0
    "$LIB" start "$DIR" --port "$port" || rc=$?
    [ "$rc" -eq 4 ] || break
    port=$((port + 1))
done
[ "$rc" -eq 0 ] || fail "tgt-lib start exited $rc"
expect_rc 0 "$LIB" status "$DIR"

step "create a 20-slot, 10-tape, 2-drive, 2-mailslot library"
"$LIB" create "$DIR" --slots 20 --tapes 10 --drives 2 --ports 2
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
[ "$URL" = "iscsi://127.0.0.1:$port/iqn.2024-01.test.vlib:lib1/1" ] || fail "changer URL '$URL'"
grep -qx "drive2=iscsi://127.0.0.1:$port/iqn.2024-01.test.vlib:lib1/3" "$DIR/urls" ||
    fail "no drive2 URL in $DIR/urls"
[ -f "$DIR/media/VL0010L6" ] || fail "no tape image for VL0010L6"

step "raw-res: READ ELEMENT STATUS of the storage slots"
out=$(raw --rounds 5)
echo "$out"
[[ $out =~ ^res\ elements=20\ full=10\  ]] || fail "want 20 slots with 10 cartridges"
expect_element transport 1 empty
expect_element drive 257 empty
expect_element mailslot 17 empty

step "raw-res: MOVE MEDIUM slot -> drive -> slot"
raw --move 1001 256 --rounds 3
expect_element slot 1001 full VL0002L6
expect_element drive 256 empty

step "put a cartridge into mailslot 17; refuse an 11-character barcode"
"$LIB" put "$DIR" --port 17 --barcode NEW001L6
expect_element mailslot 17 full NEW001L6
[ -f "$DIR/media/NEW001L6" ] || fail "put did not create the tape image"
expect_rc 2 "$LIB" put "$DIR" --slot 1019 --barcode ABCDEFGHIJK
expect_rc 2 "$LIB" put "$DIR" --slot 17 --barcode NEW002L6
expect_rc 2 "$LIB" put "$DIR" --slot 999 --barcode NEW002L6

step "move behind the changer's back: 1000 -> 1015, then 17 -> 16 (live lookup)"
"$LIB" move-behind "$DIR" 1000 1015
expect_element slot 1000 empty
expect_element slot 1015 full VL0001L6
TGT_RAW_RES=$RAW "$LIB" move-behind "$DIR" 17 16
expect_element mailslot 17 empty
expect_element mailslot 16 full NEW001L6
expect_rc 1 env TGT_RAW_RES="$RAW" "$LIB" move-behind "$DIR" 1001 1002
"$LIB" clear "$DIR" --slot 1009
expect_element slot 1009 empty
expect_rc 0 "$LIB" status "$DIR"

step "kill, then restart: the created layout comes back"
read -r pid <"$DIR/tgtd.pid"
"$LIB" kill "$DIR"
expect_dead "$pid"
expect_rc 3 "$LIB" status "$DIR"
expect_rc 3 "$LIB" put "$DIR" --slot 1000 --barcode VL0001L6
"$LIB" restart "$DIR"
out=$(raw --rounds 3)
[[ $out =~ ^res\ elements=20\ full=10\  ]] || fail "after restart: $out"
expect_element slot 1000 full VL0001L6
expect_element slot 1009 full VL0010L6
expect_element slot 1015 empty
expect_element mailslot 16 empty
expect_element mailslot 17 empty

step "stop"
read -r pid <"$DIR/tgtd.pid"
"$LIB" stop "$DIR"
expect_rc 3 "$LIB" status "$DIR"
expect_dead "$pid"
echo "tgt self-test passed"
