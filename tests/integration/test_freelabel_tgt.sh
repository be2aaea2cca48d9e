#!/usr/bin/env bash
# test_freelabel_tgt.sh RSMD RUN_RSMD TGT_CHECK TEST_FREELABEL: the free-media
# label written over iSCSI. A private tgtd library (tests/tgt/tgt-lib) of
# six blank LTO-6 cartridges whose InventoryMethod is OMID; then
# tests/api/test_freelabel.c phase1: the start-up inventory reads the
# labels on its own, a cartridge moved into Free gets the service's label
# through SSC (WRITE(6), WRITE FILEMARKS) under a WRITESCRATCH request and
# reads back as recorded, and is labelled again after an allocation, a
# mount and a deallocation to Free. Exits 77 (meson: skipped) without tgt.
set -eu

RSMD=${1:?usage: test_freelabel_tgt.sh RSMD RUN_RSMD TGT_CHECK TEST_FREELABEL}
RUN_RSMD=${2:?}
CHECK=${3:?}
TEST=${4:?}

. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

# Ports 4600..4649 and management socket 46: no other test of suite 'tgt'
# uses them.
tgt_start freelabel 4600 4649 46
"$LIB" create "$DIR" --slots 20 --tapes 6 --drives 2 --ports 2 >/dev/null
CHANGER=$(sed -n 's/^changer=//p' "$DIR/urls")
[ -n "$CHANGER" ] || tgt_fail "no changer URL in $DIR/urls"

cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $CHANGER
media_type = LTO-6
poll_seconds = 0
inventory = omid
CONF

# run-rsmd.sh runs one command: a wrapper waits for the attach first
# (tgt_env.sh calls its writer tgt_attached_then; older ones,
# tgt_attached_wrapper).
if declare -F tgt_attached_then >/dev/null; then tgt_attached_then; else tgt_attached_wrapper; fi

export RSM_MEDIA_LIBRARY=tgt RSM_MEDIA_TYPE=LTO-6
export RSM_MEDIA_BARCODE_PREFIX=VL RSM_MEDIA_BARCODE_SUFFIX=L6
RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 \
    "$RUN_RSMD" "$RSMD" "$DIR/attached-then.sh" "$CHECK" "$TEST" phase1 ||
    tgt_fail "test_freelabel failed against tgtd"
echo "PASS: the free-media label written on tgtd's cartridges"
