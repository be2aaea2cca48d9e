#!/usr/bin/env bats
# Media in drives: mount (its result, -- COMMAND, --hold), dismount, erase,
# drive dismount and clean, and the mount queue (requests list, reorder,
# cancel, delete). rsmd ends a session's mounts with the session (as
# deferred dismounts), so a mount that must last is held by a running rsm.
# Each test skips, naming the call, while rsmd answers
# ERROR_CALL_NOT_IMPLEMENTED. The virtual library of cli.conf: VT0001L8..
# VT0004L8 in slots 1000..1003, drives 256 and 257.

load helpers

setup_file() {
  wait_for_vlib
}

changer() {
  "$RSM" view changers --json | jq -r '.[] | select(.library == "vlib") | .name'
}

# drive_state NAME STATE [MEDIA]: the drive is in STATE (holding MEDIA).
drive_state() {
  "$RSM" view drives --json | jq -e --arg n "$1" --arg s "$2" --arg m "${3:-}" \
    '.[] | select(.name == $n) | .state == $s and ($m == "" or .media == $m)' >/dev/null
}

@test "mount /pf: mounted in a drive; once rsm exits the medium stays loaded there (deferred dismount)" {
  r mount /pfVT0001L8 /t30000
  skip_if_unimplemented MountNtmsMedia
  ok
  [[ "$output" == "VT0001L8 mounted in Drive 25"[67]" ("*")" ]]
  r view drives --json
  jqok '.[] | select(.media == "VT0001L8") | .state == "dismountable"'
  r view media --json
  jqok '.[] | select(.name == "VT0001L8") | (.location | startswith("Drive")) and .state == "loaded"'
  # a loaded medium is not mounted: dismount refuses, drive dismount empties the drive
  r dismount /pfVT0001L8
  fails 1 ERROR_INVALID_STATE
  local drive
  drive=$("$RSM" view drives --json | jq -r '.[] | select(.media == "VT0001L8") | .name')
  r drive dismount "$drive"
  ok
  until_ok 15 drive_state "$drive" dismounted
}

@test "mount -- COMMAND: the command runs with the device while the medium is mounted, then it is dismounted" {
  run --separate-stderr "$RSM" mount --media VT0002L8 --drive "Drive 257" --timeout 30s -- \
    sh -c 'test -w "$RSM_DEVICE" && [ "$1" = "$RSM_DEVICE" ] && echo "drive=$RSM_DRIVE media=$RSM_MEDIA" &&
           "$RSM" view drives --json | jq -e ".[] | select(.name == \"Drive 257\") | .state == \"mounted\"" >/dev/null &&
           exit 7' sh {}
  skip_if_unimplemented MountNtmsMedia
  [ "$status" -eq 7 ]
  [ "$output" = "drive=Drive 257 media=VT0002L8" ]
  [[ "$stderr" == "rsm mount: VT0002L8 mounted in Drive 257 ("*")" ]]
  until_ok 15 drive_state "Drive 257" dismounted
  r view media --json
  jqok '.[] | select(.name == "VT0002L8") | .location == "Slot 1001"'
}

@test "mount --hold keeps it mounted until SIGTERM; dismount from another rsm works meanwhile" {
  "$RSM" mount VT0003L8 --hold --timeout 30s >"$BATS_TEST_TMPDIR/hold" 2>&1 &
  local bg=$!
  until_ok 15 bash -c '"$RSM" view media --json | jq -e ".[] | select(.name == \"VT0003L8\") | .state == \"mounted\"" ||
                       grep -q ERROR_CALL_NOT_IMPLEMENTED "'"$BATS_TEST_TMPDIR/hold"'"'
  if grep -q ERROR_CALL_NOT_IMPLEMENTED "$BATS_TEST_TMPDIR/hold"; then
    wait "$bg" || true
    skip "rsmd does not implement MountNtmsMedia yet"
  fi
  kill -TERM "$bg"
  wait "$bg"
  grep -q "VT0003L8 mounted in" "$BATS_TEST_TMPDIR/hold"
  until_ok 15 bash -c '"$RSM" view media --json | jq -e ".[] | select(.name == \"VT0003L8\") | .location == \"Slot 1002\""'
  "$RSM" mount VT0003L8 --hold --timeout 30s >/dev/null 2>&1 &
  bg=$!
  until_ok 15 bash -c '"$RSM" view media --json | jq -e ".[] | select(.name == \"VT0003L8\") | .state == \"mounted\""'
  r dismount --media VT0003L8 --deferred --json
  ok
  jqok '.deferred and .side_name == "VT0003L8"'
  r dismount /pfVT0003L8
  fails 1 ERROR_INVALID_STATE
  kill -TERM "$bg"
  wait "$bg" || true
  r dismount
  fails 2 "name the medium one way"
}

@test "mount /sf<slot> /cf<changer>: whatever is in the slot" {
  run --separate-stderr "$RSM" mount /sf"Slot 1003" /cf"$(changer)" /t30s -- true
  skip_if_unimplemented MountNtmsMedia
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"VT0004L8 mounted in Drive"* ]]
  r mount /sf"Slot 1003"
  fails 2 "goes with its changer"
  r mount --media VT0004L8 --hold -- true
  fails 2 "--hold or a command, not both"
}

@test "the queue: with both drives held a mount waits, says why, moves to the front, is cancelled" {
  # only to learn whether rsmd mounts at all (timeout 0: if it can start now)
  r mount VT0001L8 --timeout 0 /b
  skip_if_unimplemented MountNtmsMedia
  "$RSM" mount VT0001L8 --drive "Drive 256" --hold --timeout 30s >/dev/null 2>&1 &
  local h1=$!
  "$RSM" mount VT0002L8 --drive "Drive 257" --hold --timeout 30s >/dev/null 2>&1 &
  local h2=$!
  until_ok 20 bash -c '"$RSM" view drives --json | jq -e "map(select(.state == \"mounted\")) | length == 2"'
  "$RSM" mount VT0003L8 --timeout 30s >"$BATS_TEST_TMPDIR/third" 2>&1 &
  local bg=$!
  until_ok 10 bash -c '"$RSM" requests list --json | jq -e "map(select(.operation == \"mount\" and .media == \"VT0003L8\")) | length == 1"'
  r requests list --json
  jqok '.[] | select(.media == "VT0003L8") | .why | test("all 2 usable drives are busy|ahead|queued|waiting")'
  local req
  req=$(field '.[] | select(.media == "VT0003L8") | .guid')
  r requests reorder "$req" --first
  ok
  [[ "$output" == "request is now number 1 in its queue" ]]
  r requests cancel "${req:0:8}"
  ok
  local rc=0
  wait "$bg" || rc=$?
  [ "$rc" -eq 1 ]
  grep -q ERROR_CANCELLED "$BATS_TEST_TMPDIR/third"
  r requests list --all --json
  jqok ".[] | select(.guid == \"$req\") | .state == \"cancelled\""
  kill -TERM "$h1" "$h2"
  wait "$h1" "$h2" || true
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
  until_ok 15 bash -c '"$RSM" view media --json | jq -e ".[] | select(.name == \"VT0004L8\") | .location == \"Slot 1003\""'
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
