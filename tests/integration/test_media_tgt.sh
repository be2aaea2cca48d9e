#!/usr/bin/env bash
# test_media_tgt.sh RSMD RUN_RSMD TGT_CHECK TEST_MEDIA TEST_MEDIA_ADMIN: the
# media API tests of tests/api (test_media.c, test_media_admin.c) against a
# real SCSI library instead of the virtual one: a private tgtd over iSCSI
# (tests/tgt/tgt-lib) with 12 LTO-6 cartridges VL0001L6..VL0012L6, named to
# the tests through the RSM_MEDIA_* variables (tests/api/mediatest.h). Each
# program runs against an rsmd of its own, once the library is READY.
# Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_media_tgt.sh RSMD RUN_RSMD TGT_CHECK TEST_MEDIA TEST_MEDIA_ADMIN}
RUN_RSMD=${2:?}
CHECK=${3:?}
shift 3
[ $# -gt 0 ] || { echo "usage: no test programs"; exit 2; }

. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

# Ports 4100..4199 and management socket 71: no other test of suite 'tgt'
# uses them, so this one runs beside the others.
tgt_start media 4100 4199 71
"$LIB" create "$DIR" --slots 20 --tapes 12 --drives 2 --ports 2 >/dev/null
tgt_scsi_conf tgt LTO-6

export RSM_MEDIA_LIBRARY=tgt RSM_MEDIA_TYPE=LTO-6
export RSM_MEDIA_BARCODE_PREFIX=VL RSM_MEDIA_BARCODE_SUFFIX=L6

# run-rsmd.sh runs one command: this wrapper waits for the attach first.
tgt_attached_then

for prog in "$@"; do
    echo "== $(basename "$prog") against tgtd"
    RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 \
        "$RUN_RSMD" "$RSMD" "$DIR/attached-then.sh" "$CHECK" "$prog" ||
        tgt_fail "$(basename "$prog") failed against tgtd"
done
