#!/usr/bin/env bash
# test_standalone.sh STANDALONE_TGT: the stand-alone drive backend against a
# real iSCSI tape LUN. A private tgtd with a 4-slot, 2-tape, 2-drive library
# (tgt-lib); standalone-tgt (standalone_tgt.c) opens drive LUN 2 as a
# stand-alone drive, has the changer "insert" a cartridge with a raw MOVE
# MEDIUM, checks presence, change detection, PREVENT and eject. tgtd is
# always stopped on exit. Exits 77 (meson: skipped) when tgt is not installed.
set -eu

PROG=${1:?usage: test_standalone.sh PATH_TO_STANDALONE_TGT}
. "$(dirname "$0")/../integration/tgt_env.sh"

# A free port in 3391..3490 (the self-test starts at 3290); control socket
# numbers differ too, so both can run at once.
tgt_start standalone 3391 3490 31
tgt_small_library

timeout 60 "$PROG" "$CHANGER" "$DRIVE" 256 1000 || tgt_fail "standalone-tgt failed"
"$LIB" status "$DIR" >/dev/null || tgt_fail "tgtd died during the test"
echo "stand-alone drive test passed"
