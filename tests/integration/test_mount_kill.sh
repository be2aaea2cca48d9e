#!/usr/bin/env bash
# test_mount_kill.sh RSMD MOUNT_STORM MOUNT_CHECK DBCHECK RAW_RES [KILLS]:
# kill -9 rsmd at random points of a mount/dismount storm on a tgtd
# library, KILLS times (default 20, or RSM_KILL_COUNT), and check after
# each restart that nothing was lost or booked twice.
#
# The library: tgt-lib, 20 slots, 12 LTO-6 cartridges VL0001L6..VL0012L6,
# 4 drives, 2 ports; VL0012L6 starts in drive 259. rsmd runs on a directory of its own, kept from one
# start to the next. Each round:
#   1. the storm (mount_storm: 8 sessions mounting and dismounting, by
#      physical medium, side and logical medium, deferred and immediate,
#      allocating and deallocating) starts against the running rsmd;
#   2. after a random 0.1-2 s, kill -9 rsmd; the storm sees the service
#      go and ends (it fails the test if it saw a drive or medium handed
#      out twice, or an answer the reference does not give);
#   3. dbcheck runs the store's consistency check on the database the
#      killed rsmd left;
#   4. rsmd starts again; once the library is READY, mount_check compares
#      every cartridge and drive with the changer's own element status
#      (raw-res), and checks that no mount survived, no library request is
#      left open and no side belongs to two logical media.
# Then a last storm runs to its end and, once everything has settled, the
# same checks hold without a restart. At the end rsmd must stop cleanly on
# SIGTERM and the database pass dbcheck once more. Every wait is bounded; the rounds stop early (and the test
# fails) if RSM_KILL_SECONDS (default 200) pass first.
# Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_mount_kill.sh RSMD MOUNT_STORM MOUNT_CHECK DBCHECK RAW_RES [KILLS]}
STORM=${2:?}
CHECK=${3:?}
DBCHECK=${4:?}
RAW=${5:?}
KILLS=${6:-${RSM_KILL_COUNT:-20}}
BUDGET=${RSM_KILL_SECONDS:-200}
TAPES=12 SESSIONS=8

. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

RSMD_PID='' STORM_PID=''

# Our processes first (by the PIDs we started), then tgtd and DIR.
kill_cleanup() {
    [ -z "$STORM_PID" ] || kill -KILL "$STORM_PID" 2>/dev/null || true
    [ -z "$RSMD_PID" ] || kill -KILL "$RSMD_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    if [ "${RSM_KEEP_TEST_DIR:-0}" = 1 ] && [ -n "$DIR" ]; then
        echo "kept $DIR"
        "$LIB" stop "$DIR" >/dev/null 2>&1 || true
        DIR=''
    fi
    tgt_cleanup
}
trap kill_cleanup EXIT

# Ports 4525..4549 and management socket 46 (test_mount_tgt.sh has
# 4500..4524).
tgt_start kill 4525 4549 46
"$LIB" create "$DIR" --slots 20 --tapes $TAPES --drives 4 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
[ -n "$URL" ] || tgt_fail "no changer URL in $DIR/urls"
# The last cartridge starts in the last drive, put there before rsmd ever
# ran: the first inventory finds a new medium in a drive (LOADED).
"$RAW" "$URL" --move $((1000 + TAPES - 1)) 259 --one-way --timeout 10 >/dev/null ||
    tgt_fail "raw-res could not load drive 259"

RUN=$DIR/rsmd
LOG=$RUN/rsmd.log
mkdir -p "$RUN"
export RSM_SOCKET=$RUN/rsmd.sock
# Short ageing, so that it reorders requests during a storm too (the storm
# shortens the drives' deferred dismounts itself); no polling (rsmd reads
# the element status at each attach).
cat >"$RUN/rsmd.conf" <<CONF
[rsmd]
socket = $RSM_SOCKET
database = $RUN/rsm.db
log_level = info
discover = no
mount_age_seconds = 2

[library tgt]
type = scsi
device = $URL
media_type = LTO-6
poll_seconds = 0
CONF

fail() {
    echo "FAIL: $*" >&2
    echo "----- end of rsmd's log ($LOG) -----" >&2
    tail -n 40 "$LOG" >&2 || true
    echo "----- end of the storm's output -----" >&2
    tail -n 5 "$RUN/storm.log" >&2 || true
    "$LIB" status "$DIR" >/dev/null || echo "(tgtd is not running)" >&2
    exit 1
}

# start_rsmd: rsmd on RUN, and wait (10 s) for its socket. The socket a
# killed rsmd left behind is removed first, so the wait means something.
start_rsmd() {
    rm -f "$RSM_SOCKET"
    echo "=== start $(date +%T.%N)" >>"$LOG"
    "$RSMD" --foreground --config "$RUN/rsmd.conf" >>"$LOG" 2>&1 &
    RSMD_PID=$!
    for ((t = 0; t < 100; t++)); do
        [ -S "$RSM_SOCKET" ] && return 0
        kill -0 "$RSMD_PID" 2>/dev/null || fail "rsmd exited during start-up"
        sleep 0.1
    done
    fail "rsmd did not create its socket within 10 s"
}

# ready_and_consistent: the library READY, and everything mount_check checks.
ready_and_consistent() {
    timeout 120 "$CHECK" tgt "$RAW" "$URL" 60 >"$RUN/check.out" 2>&1 ||
        { cat "$RUN/check.out" >&2; fail "after restart $1: the checks failed"; }
}

# wait_storm: the storm ends by itself once the service is gone (10 s).
wait_storm() {
    local rc=0
    for ((t = 0; t < 100; t++)); do
        kill -0 "$STORM_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$STORM_PID" 2>/dev/null; then
        kill -KILL "$STORM_PID" 2>/dev/null || true
        wait "$STORM_PID" 2>/dev/null || true
        STORM_PID=''
        fail "round $1: the storm did not end within 10 s of rsmd's death"
    fi
    wait "$STORM_PID" || rc=$?
    STORM_PID=''
    case $rc in
        0) ;;
        3) EARLY=$((EARLY + 1)) ;; # killed before the storm reached rsmd
        *) fail "round $1: the storm failed (exit $rc)" ;;
    esac
}

begin=$SECONDS EARLY=0 kills=0
start_rsmd
ready_and_consistent 0
for ((round = 1; round <= KILLS; round++)); do
    (( SECONDS - begin < BUDGET )) || fail "only $kills kills in ${BUDGET}s (RSM_KILL_SECONDS)"
    timeout 60 "$STORM" tgt VL L6 $TAPES $SESSIONS 30 >>"$RUN/storm.log" 2>&1 &
    STORM_PID=$!
    ms=$((100 + RANDOM % 1901))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    echo "=== kill -9 in round $round after $ms ms" >>"$LOG"
    kill -KILL "$RSMD_PID" || fail "round $round: rsmd was not running at the kill"
    wait "$RSMD_PID" 2>/dev/null || true
    RSMD_PID=''
    kills=$((kills + 1))
    wait_storm "$round"
    "$DBCHECK" "$RUN/rsm.db" >"$RUN/dbcheck.out" 2>&1 ||
        { cat "$RUN/dbcheck.out" >&2; fail "round $round: the database a killed rsmd left fails dbcheck"; }
    start_rsmd
    ready_and_consistent "$round"
done

# A last storm that runs to its end: once everything has settled (its
# deferred dismounts are over), the same checks, without a restart: no
# mount outlived its session.
timeout 60 "$STORM" tgt VL L6 $TAPES $SESSIONS 2 >>"$RUN/storm.log" 2>&1 ||
    fail "the last storm failed"
timeout 120 "$CHECK" tgt "$RAW" "$URL" 30 settle >"$RUN/check.out" 2>&1 ||
    { cat "$RUN/check.out" >&2; fail "after the last storm: the checks failed"; }

kill -TERM "$RSMD_PID"
for ((t = 0; t < 100; t++)); do
    kill -0 "$RSMD_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$RSMD_PID" 2>/dev/null && fail "rsmd did not stop within 10 s of SIGTERM"
rc=0
wait "$RSMD_PID" || rc=$?
RSMD_PID=''
[ "$rc" -eq 0 ] || fail "rsmd exited with status $rc after SIGTERM"
"$DBCHECK" "$RUN/rsm.db" >/dev/null || fail "the database fails dbcheck after the last stop"
"$LIB" status "$DIR" >/dev/null || fail "tgtd died during the test"

# What the kills interrupted, from rsmd's own account at each start.
moves=$(grep -c "unfinished move .* found at start" "$LOG" || true)
requests=$(grep -c "left unfinished by the previous run" "$LOG" || true)
mounts=$(grep -c "mounted when rsmd last stopped" "$LOG" || true)
ops=$(awk '/^mount_storm:/ { n += $6 } END { print n + 0 }' "$RUN/storm.log")
echo "kill test: $kills kills in $((SECONDS - begin)) s ($EARLY before the storm reached rsmd);" \
     "$ops mounts in all; restarts found $moves unfinished moves, open requests $requests times," \
     "mounts $mounts times; every check passed"
