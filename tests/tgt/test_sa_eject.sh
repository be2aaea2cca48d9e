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
. "$(dirname "$0")/../integration/tgt_env.sh"

# A free port in 3700..3800, its own control socket number: other tgt tests
# may run at the same time.
tgt_start sa-eject 3700 3800 37
tgt_small_library

# The person loads the tape of slot 1000 into drive element 256 (LUN 2).
timeout 30 "$RAW_RES" "$CHANGER" --move 1000 256 --one-way >/dev/null || tgt_fail "cannot load the drive"

cat >"$DIR/sa.conf" <<CONF
[library sa]
type = standalone
device = $DRIVE
poll_seconds = 0
CONF
RSMD_EXTRA_CONF=$DIR/sa.conf timeout 100 sh "$RUN_RSMD" "$RSMD" "$PROG" "$RAW_RES" "$CHANGER" "$DRIVE" ||
    tgt_fail "sa-eject failed"
"$LIB" status "$DIR" >/dev/null || tgt_fail "tgtd died during the test"
echo "stand-alone eject test passed"
