#!/usr/bin/env bash
# test_faults.sh RSMD RUN_RSMD TGT_FAULTS RAW_RES: faults of a real SCSI
# library (tgt_faults.c): wrong device paths at start (a portal nothing
# listens on, a missing /dev/sg node, a target and a LUN tgtd does not
# have: each must be one clear error line), tgtd killed while an
# operation runs and restarted, tgtd hung (SIGSTOP) and continued. tgtd on
# 3930..3949, control 62; the unreachable portal on 3950..3969.
set -eu

RSMD=${1:?usage: test_faults.sh RSMD RUN_RSMD TGT_FAULTS RAW_RES}
RUN_RSMD=${2:?}
FAULTS=${3:?}
RAW=${4:?}
. "$(dirname "$0")/tgt_env.sh"

tgt_start faults 3930 3949 62
# 2,000 slots: the status is read in chunks, and the cross-check sees them all
"$LIB" create "$DIR" --slots 2000 --tapes 10 --drives 2 --ports 2 >/dev/null
URL=$(sed -n 's/^changer=//p' "$DIR/urls")
BADNET="iscsi://127.0.0.1:$(tgt_dead_port 3950 3969)/iqn.2024-01.test.none:x/1"
BADSG=/dev/sg-does-not-exist
BADIQN=${URL%%/iqn.*}/iqn.2024-01.test.vlib:nosuch/1
BADLUN=${URL%/*}/9

# Short SCSI timeouts (TIMEOUT_S in tgt_faults.c), so a hung target fails a
# request within seconds; no polling: the test says when the library is
# looked at.
cat >"$DIR/extra.conf" <<CONF
[library tgt]
type = scsi
device = $URL
poll_seconds = 0
timeout = 3

[library badnet]
type = scsi
device = $BADNET
poll_seconds = 0

[library badsg]
type = scsi
device = $BADSG
poll_seconds = 0

[library badiqn]
type = scsi
device = $BADIQN
poll_seconds = 0

[library badlun]
type = scsi
device = $BADLUN
poll_seconds = 0
CONF

RSMD_EXTRA_CONF=$DIR/extra.conf RSMD_LOG_LEVEL=info timeout 150 \
    "$RUN_RSMD" "$RSMD" "$FAULTS" "$LIB" "$DIR" "$RAW" \
    "badnet|$BADNET|Connection refused" "badsg|$BADSG|No such file" \
    "badiqn|$BADIQN|Target not found" "badlun|$BADLUN|no such logical unit"
