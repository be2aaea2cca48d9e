#!/usr/bin/env bash
# test_mount_tgt.sh RSMD RUN_RSMD TGT_CHECK RAW_RES PROGRAM...: the mount API
# tests of tests/api (test_mount.c, test_mount_media.c) against a real SCSI
# library: a private tgtd over iSCSI (tests/tgt/tgt-lib) with 8 LTO-6
# cartridges VL0001L6..VL0008L6 in slots 1000.., drives 256 and 257, ports
# 16 and 17, named to the programs through the RSM_MEDIA_* variables
# (tests/api/mediatest.h). The PROGRAMs are those tests built with
# mounthw_tgt.c: after each step they compare rsmd's database with the
# changer's own element status (raw-res --list, placement.c), check that a
# reused medium moves nothing, and play the operator with tgt-lib and
# raw-res. Each runs against an rsmd of its own, on the library as the
# previous one left it.
# Exits 77 (meson: skipped) when tgt is not installed.
set -eu

RSMD=${1:?usage: test_mount_tgt.sh RSMD RUN_RSMD TGT_CHECK RAW_RES PROGRAM...}
RUN_RSMD=${2:?}
CHECK=${3:?}
RAW=${4:?}
shift 4
[ $# -gt 0 ] || { echo "usage: no test programs"; exit 2; }

. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

# Ports 4500..4524 and management socket 45: no other test of suite 'tgt'
# uses them (test_mount_kill.sh has 4525..4549).
tgt_start mount 4500 4524 45
"$LIB" create "$DIR" --slots 20 --tapes 8 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
[ -n "$URL" ] || tgt_fail "no changer URL in $DIR/urls"

# As tests/api/mount.conf: ageing slow enough not to reorder the priority
# test; no polling (the tests say when the library is looked at).
cat >"$DIR/extra.conf" <<CONF
[rsmd]
mount_age_seconds = 60

[library tgt]
type = scsi
device = $URL
media_type = LTO-6
poll_seconds = 0
CONF

export RSM_MEDIA_LIBRARY=tgt RSM_MEDIA_TYPE=LTO-6
export RSM_MEDIA_BARCODE_PREFIX=VL RSM_MEDIA_BARCODE_SUFFIX=L6
export RSM_MEDIA_SLOT1=1000 RSM_MEDIA_DRIVES=256,257 RSM_MEDIA_PORT1=16
export RSM_TGT_LIB=$LIB RSM_TGT_DIR=$DIR RSM_TGT_RAW_RES=$RAW

# run-rsmd.sh runs one command: this wrapper waits for the attach first.
cat >"$DIR/attached-then.sh" <<'WRAP'
#!/usr/bin/env bash
set -eu
check=$1
shift
"$check" state READY 60
exec "$@"
WRAP
chmod +x "$DIR/attached-then.sh"

for prog in "$@"; do
    echo "== $(basename "$prog") against tgtd"
    RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 240 \
        "$RUN_RSMD" "$RSMD" "$DIR/attached-then.sh" "$CHECK" "$prog" ||
        tgt_fail "$(basename "$prog") failed against tgtd"
    "$LIB" status "$DIR" >/dev/null || tgt_fail "tgtd died during $(basename "$prog")"
done
