#!/usr/bin/env bash
# test_omid_tgt.sh RSMD RUN_RSMD TGT_CHECK LABEL_TAPES TEST_OMID LABEL_DIR HELPER:
# an on-media inventory of a private tgtd library (tests/tgt/tgt-lib) whose
# first six LTO-6 cartridges hold mixed labels, written over iSCSI by
# tgt-label-tapes through rsmd's own SSC backend before rsmd starts (MTF,
# VOL1, blank, our free label, a label library's label, a tar archive made
# by tar). tests/api/test_omid.c then checks that each cartridge lands in
# its pool and back in its slot. Exits 77 (meson: skipped) without tgt.
set -eu

RSMD=${1:?usage: test_omid_tgt.sh RSMD RUN_RSMD TGT_CHECK LABEL_TAPES TEST_OMID LABEL_DIR HELPER}
RUN_RSMD=${2:?}
CHECK=${3:?}
LABEL_TAPES=${4:?}
TEST_OMID=${5:?}
LABEL_DIR=${6:?}
HELPER=${7:?}

. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

# Ports 4350..4399 and management socket 73: no other test of suite 'tgt'
# uses them.
tgt_start omid 4350 4399 73
"$LIB" create "$DIR" --slots 20 --tapes 6 --drives 2 --ports 2 >/dev/null
CHANGER=$(sed -n 's/^changer=//p' "$DIR/urls")
DRIVE=$(sed -n 's/^drive1=//p' "$DIR/urls")
[ -n "$CHANGER" ] && [ -n "$DRIVE" ] || tgt_fail "no URLs in $DIR/urls"

mkdir -p "$DIR/tarsrc"
echo data >"$DIR/tarsrc/file"
(cd "$DIR" && tar --format=ustar -cf archive.tar tarsrc/file)
timeout 120 "$LABEL_TAPES" "$CHANGER" "$DRIVE" "$DIR/archive.tar" || tgt_fail "the labels could not be written"

cat >"$DIR/extra.conf" <<CONF
[rsmd]
label_dir = $LABEL_DIR
label_helper = $HELPER
label_timeout_ms = 1000

[library tgt]
type = scsi
device = $CHANGER
media_type = LTO-6
poll_seconds = 0
CONF

tgt_attached_then

export RSM_MEDIA_LIBRARY=tgt RSM_MEDIA_TYPE=LTO-6
export RSM_MEDIA_BARCODE_PREFIX=VL RSM_MEDIA_BARCODE_SUFFIX=L6
RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 300 \
    "$RUN_RSMD" "$RSMD" "$DIR/attached-then.sh" "$CHECK" "$TEST_OMID" ||
    tgt_fail "test_omid failed against tgtd"
echo "PASS: an OMID inventory of tgtd's mixed labels"
