# tgt_env.sh - sourced by the scripts that run a private tgtd (the fault and
# placement tests here, the stand-alone drive tests in tests/tgt): the
# tools, starting tgtd, failing with its log, and cleaning up.
#
#   . tgt_env.sh; tgt_start NAME LO HI CONTROL
#
# exits 77 (meson: skipped) when tgt is not installed; makes DIR (a fresh
# directory), starts tgt-lib's tgtd in it on the first free port in LO..HI
# with management socket number CONTROL (PORT is set), and stops it on exit.
# LIB is the tgt-lib script. Each test picks a port range and a control
# number of its own, so the tests of suite 'tgt' can run at once.

HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/../tgt/tgt-lib
DIR='' PORT=''

for tool in tgtd tgtadm tgtimg timeout; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

tgt_cleanup() {
    if [ -n "$DIR" ]; then
        # a SIGSTOPped tgtd dies of SIGKILL all the same (tgt-lib stop)
        "$LIB" stop "$DIR" >/dev/null 2>&1 || true
        rm -rf "$DIR"
    fi
}
trap tgt_cleanup EXIT
trap 'exit 1' INT TERM HUP

tgt_start() {
    local name=$1 lo=$2 hi=$3 control=$4 rc=4
    DIR=$(mktemp -d "/tmp/rsm-tgt-$name.XXXXXX")
    PORT=$lo
    while [ "$PORT" -le "$hi" ]; do
        rc=0
        "$LIB" start "$DIR" --port "$PORT" --control "$control" >/dev/null || rc=$?
        [ "$rc" -eq 4 ] || break
        PORT=$((PORT + 1))
    done
    [ "$rc" -eq 0 ] || { echo "FAIL: tgt-lib start exited $rc (ports $lo..$hi)"; exit 1; }
}

# tgt_fail MESSAGE: says it, with the end of tgtd's log, and exits 1.
tgt_fail() {
    echo "FAIL: $*" >&2
    if [ -n "$DIR" ] && [ -f "$DIR/tgtd.log" ]; then tail -n 20 "$DIR/tgtd.log" >&2; fi
    exit 1
}

# tgt_small_library: a 4-slot, 2-tape, 2-drive library in the started tgtd.
# Sets CHANGER to its changer's URL and DRIVE to drive1's (LUN 2).
tgt_small_library() {
    "$LIB" create "$DIR" --slots 4 --tapes 2 --drives 2 >/dev/null
    CHANGER=$(sed -n 's/^changer=//p' "$DIR/urls")
    DRIVE=$(sed -n 's/^drive1=//p' "$DIR/urls")
    [ -n "$CHANGER" ] && [ -n "$DRIVE" ] || tgt_fail "no URLs in $DIR/urls"
    case $DRIVE in */2) ;; *) tgt_fail "drive1 is not LUN 2: $DRIVE" ;; esac
}

# tgt_scsi_conf NAME [MEDIA_TYPE]: DIR/extra.conf (for RSMD_EXTRA_CONF)
# with a [library NAME] section for the changer `create` made, without
# polling (the tests say when the library is looked at). Sets URL.
tgt_scsi_conf() {
    URL=$(sed -n 's/^changer=//p' "$DIR/urls")
    [ -n "$URL" ] || tgt_fail "no changer URL in $DIR/urls"
    {
        printf '[library %s]\ntype = scsi\ndevice = %s\n' "$1" "$URL"
        [ -z "${2:-}" ] || printf 'media_type = %s\n' "$2"
        printf 'poll_seconds = 0\n'
    } >"$DIR/extra.conf"
}

# A TCP port in LO..HI that nothing listens on (for a library that must not
# be reachable).
tgt_dead_port() {
    local p hex
    for ((p = $1; p <= $2; p++)); do
        printf -v hex ':%04X ' "$p"
        grep -q "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null || { echo "$p"; return 0; }
    done
    echo "FAIL: no free port in $1..$2" >&2
    exit 1
}

# tgt_attached_then: writes DIR/attached-then.sh CHECK COMMAND..., which
# waits (with CHECK, tgt_check) until the library is READY and then runs
# COMMAND: run-rsmd.sh runs one command, and the tests must not start
# before the attach is done.
tgt_attached_then() {
    cat >"$DIR/attached-then.sh" <<'WRAP'
#!/usr/bin/env bash
set -eu
check=$1
shift
"$check" state READY 60
exec "$@"
WRAP
    chmod +x "$DIR/attached-then.sh"
}
