#!/usr/bin/env bash
# test_moves.sh RSMD RUN_RSMD TGT_MOVES RAW_RES: moves, ejects and injects
# against a real SCSI library (tgt_moves.c), each step cross-checked with
# the library's own element status (placement.c). tgtd on 3900..3919,
# control 61.
set -eu

RSMD=${1:?usage: test_moves.sh RSMD RUN_RSMD TGT_MOVES RAW_RES}
RUN_RSMD=${2:?}
MOVES=${3:?}
RAW=${4:?}
. "$(dirname "$0")/tgt_env.sh"

tgt_start moves 3900 3919 61
"$LIB" create "$DIR" --slots 20 --tapes 10 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")

# No polling: the test says when the library is looked at.
cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $URL
poll_seconds = 0
CONF

RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 120 "$RUN_RSMD" "$RSMD" "$MOVES" "$LIB" "$DIR" "$RAW"
