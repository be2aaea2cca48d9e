#!/usr/bin/env bash
# test_clean.sh RSMD RUN_RSMD TGT_CHECK TGT_CLEAN RAW_RES: drive cleaning
# against a real SCSI library (tgt_clean.c): a private tgtd on
# 127.0.0.1:4400..4449 (management socket 84) with two cleaning cartridges
# (tgtimg --type clean) for the operator's hand. Drive 1 is reached through
# the scripted transport (script:RULES@DRIVE), whose rules file the test
# rewrites to make the drive speak TapeAlert and sense. Two runs of rsmd on
# one database: auto_clean = yes, then no.
set -eu

RSMD=${1:?usage: test_clean.sh RSMD RUN_RSMD TGT_CHECK TGT_CLEAN RAW_RES}
RUN_RSMD=${2:?}
CHECK=${3:?}
CLEAN=${4:?}
RAW=${5:?}
. "$(cd "$(dirname "$0")" && pwd)/tgt_env.sh"

tgt_start clean 4400 4449 84
mkdir -p "$DIR/media" "$DIR/rsmd"
for bc in CLN001L1 CLN002L1; do
    tgtimg --op new --device-type tape --barcode "$bc" --size 1 --type clean \
        --file "$DIR/media/$bc" --thin-provisioning >/dev/null || tgt_fail "tgtimg $bc"
done
"$LIB" create "$DIR" --slots 8 --tapes 3 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
DRIVE1=$(sed -n 's/^drive1=//p' "$DIR/urls")
DRIVE2=$(sed -n 's/^drive2=//p' "$DIR/urls")
[ -n "$URL" ] && [ -n "$DRIVE1" ] && [ -n "$DRIVE2" ] || tgt_fail "no URLs in $DIR/urls"
RULES=$DIR/drive1.rules
: >"$RULES"

tgt_attached_then

run() { # run AUTO_CLEAN PHASE
    cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $URL
drives = script:$RULES@$DRIVE1, $DRIVE2
media_type = LTO-6
poll_seconds = 0
auto_clean = $1
clean_hold = 1
clean_timeout = 30
CONF
    RSMD_TEST_DIR=$DIR/rsmd RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 240 \
        "$RUN_RSMD" "$RSMD" "$DIR/attached-then.sh" "$CHECK" "$CLEAN" "$2" "$LIB" "$DIR" "$RAW" "$RULES" ||
        tgt_fail "tgt_clean $2 failed"
}

run yes auto
run no manual
"$LIB" status "$DIR" >/dev/null || tgt_fail "tgtd died during the test"
