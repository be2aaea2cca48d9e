#!/usr/bin/env bash
# test_tgt.sh RSMD RUN_RSMD BATS: the rsm command against a real SCSI
# library: a private tgtd on 127.0.0.1 (tests/tgt/tgt-lib; ports 4450..4499,
# management socket 94, which no other test uses) with 8 slots, LTO-6
# cartridges VL0001L6..VL0004L6, 2 drives and mailslots 16 and 17, run by
# rsmd as library "tgt". tgt.bats plays the operator with tgt-lib (TGT_LIB,
# TGT_DIR). Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_tgt.sh RSMD RUN_RSMD BATS}
RUN_RSMD=${2:?}
BATS=${3:?}

. "$(cd "$(dirname "$0")" && pwd)/../integration/tgt_env.sh"

tgt_start cli 4450 4499 94
"$LIB" create "$DIR" --slots 8 --tapes 4 --drives 2 --ports 2 >/dev/null
tgt_scsi_conf tgt LTO-6

export TGT_LIB=$LIB TGT_DIR=$DIR
RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 \
    "$RUN_RSMD" "$RSMD" "$BATS" --tap "$HERE/tgt.bats" || tgt_fail "tgt.bats failed"
