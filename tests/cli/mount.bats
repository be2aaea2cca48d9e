#!/usr/bin/env bats
# Media in drives: mount, dismount, erase, drive dismount and clean, and
# the mount queue (requests list/reorder/cancel). Written against the API's
# reference; each test skips (saying which call) while rsmd answers
# ERROR_CALL_NOT_IMPLEMENTED. The virtual library of cli.conf: VT0001L8..
# VT0004L8 in slots 1000..1003, drives 256 and 257, changer "Changer 1".

load helpers

changer() {
  "$RSM" view changers --json | jq -r '.[] | select(.library == "vlib") | .name'
}

@test "mount /pf: the side goes into a drive; the drive, its device and the medium show it" {
  r mount /pfVT0001L8 /t30000
  skip_if_unimplemented MountNtmsMedia
  ok
  [[ "$output" == "VT0001L8 mounted in Drive 25"[67]" ("*")" ]]
  r view drives --json
  jqok 'map(select(.media == "VT0001L8")) | length == 1'
  r view media --json
  jqok '.[] | select(.name == "VT0001L8") | .location | startswith("Drive")'
}

@test "mount --media --drive /b: that drive; the device printed alone is the cartridge, writable" {
  r mount --media VT0002L8 --drive "Drive 257" --timeout 30s --read --write /b
  skip_if_unimplemented MountNtmsMedia
  ok
  [ "${#lines[@]}" -eq 1 ]
  [ -w "$output" ]
  r view drives --json
  jqok '.[] | select(.name == "Drive 257") | .media == "VT0002L8"'
  r mount --media VT0003L8 --drive "Drive 257" /oerrunavail
  fails 1
}

@test "dismount /pf and --deferred: the drive is free again" {
  r dismount /pfVT0001L8
  skip_if_unimplemented DismountNtmsMedia
  ok
  [ "$output" = "VT0001L8 dismounted" ]
  r dismount --media VT0002L8 --deferred --json
  ok
  jqok '.deferred'
  r dismount /pfVT0004L8
  fails 1
  r dismount
  fails 2 "name the medium one way"
}

@test "mount /sf<slot> /cf<changer>: whatever is in the slot" {
  r mount /sf"Slot 1002" /cf"$(changer)" /t30s --json
  skip_if_unimplemented MountNtmsMedia
  ok
  jqok '.side_name == "VT0003L8" and (.device | length > 0)'
  r mount /sf"Slot 1002"
  fails 2 "goes with its changer"
  r drive dismount "$(field .drive_name)"
  skip_if_unimplemented DismountNtmsDrive
  ok
  r view drives --json
  jqok 'map(select(.media == "VT0003L8")) | length == 0'
}

@test "the queue: with both drives busy a mount waits, says why, can be reordered and cancelled" {
  r mount VT0001L8 --drive "Drive 256" --timeout 30s
  skip_if_unimplemented MountNtmsMedia
  ok
  r mount VT0002L8 --drive "Drive 257" --timeout 30s
  ok
  "$RSM" mount VT0003L8 --timeout 30s >"$BATS_TEST_TMPDIR/third" 2>&1 &
  local bg=$!
  until_ok 10 bash -c '"$RSM" requests list --json | jq -e "map(select(.operation == \"mount\" and .media == \"VT0003L8\")) | length == 1"'
  r requests list --json
  jqok '.[] | select(.media == "VT0003L8") | (.state == "queued" or .state == "waiting") and (.why | test("drive|ahead|queued"))'
  local req
  req=$(field '.[] | select(.media == "VT0003L8") | .guid')
  r requests reorder "$req" --first
  [[ "$stderr" == *ERROR_CALL_NOT_IMPLEMENTED* ]] || { ok; [[ "$output" == *"number 1"* ]]; }
  r requests cancel "$req"
  if [[ "$stderr" == *ERROR_CALL_NOT_IMPLEMENTED* ]]; then
    "$RSM" dismount VT0001L8 >/dev/null
    wait "$bg" || true
    skip "rsmd does not implement CancelNtmsLibraryRequest yet"
  fi
  ok
  local rc=0
  wait "$bg" || rc=$?
  [ "$rc" -eq 1 ]
  grep -q ERROR_CANCELLED "$BATS_TEST_TMPDIR/third"
  r dismount VT0001L8
  ok
  r dismount VT0002L8
  ok
}

@test "erase: the side is mounted, its data is gone (the image is zeros, same size), it is dismounted" {
  local image=$VLIB/cartridges/VT0004L8.img size
  size=$(stat -c %s "$image")
  printf 'important data' | dd of="$image" conv=notrunc status=none
  r erase /pfVT0004L8 /t30s
  skip_if_unimplemented MountNtmsMedia
  ok
  [ "$output" = "VT0004L8 erased" ]
  [ "$(stat -c %s "$image")" -eq "$size" ]
  cmp -s -n "$size" "$image" /dev/zero
  r view drives --json
  jqok 'map(select(.media == "VT0004L8")) | length == 0'
}

@test "drive clean --no-wait queues a cleaning request for the drive" {
  r drive clean "Drive 256" --no-wait --json
  skip_if_unimplemented CleanNtmsDrive
  ok
  r requests list --all --json
  jqok 'map(select(.operation == "clean-drive" and .drive == "Drive 256")) | length == 1'
}

@test "requests delete removes a finished request from the list" {
  r inventory vlib
  ok
  r requests list --all --json
  local req
  req=$(field 'map(select(.state == "passed")) | .[0].guid')
  r requests delete "$req"
  skip_if_unimplemented DeleteNtmsRequests
  ok
  r requests list --all --json
  jqok "map(select(.guid == \"$req\")) | length == 0"
}
