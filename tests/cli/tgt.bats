#!/usr/bin/env bats
# The rsm command against a SCSI library over iSCSI (test_tgt.sh): 8 slots
# (1000..1007), VL0001L6..VL0004L6 in the first four, 2 drives (256, 257),
# mailslots 16 and 17. tgt-lib ($TGT_LIB on $TGT_DIR) is the operator.

load helpers

setup_file() {
  # the library attaches once rsmd listens; bounded wait for READY
  local tries=300
  until "$RSM" view libraries --json 2>/dev/null |
        jq -e '.[] | select(.name == "tgt") | .state == "ready"' >/dev/null; do
    ((tries-- > 0)) || { echo "library tgt never became ready" >&2; return 1; }
    sleep 0.2
  done
}

operator() {
  "$TGT_LIB" "$1" "$TGT_DIR" "${@:2}" >/dev/null
}

@test "view libraries, slots, drives and changers of the SCSI library" {
  r view libraries
  ok
  echo "$output" | grep -E '^tgt +online +ready +yes +2 +8 +2 +4 '
  r view slots --library tgt --json
  ok
  jqok 'length == 8'
  jqok '[.[] | select(.bar_code != "") | [.number, .bar_code]] == [[1000,"VL0001L6"],[1001,"VL0002L6"],[1002,"VL0003L6"],[1003,"VL0004L6"]]'
  r view drives --library tgt --json
  ok
  jqok 'map(.number) == [256, 257] and all(.[]; .device != "" and .serial != "" and .enabled)'
  r view changers --library tgt --json
  jqok 'length == 1 and (.[0].device | length > 0)'
  r view media --json
  jqok 'map(select(.library == "tgt")) | all(.[]; .media_type == "LTO-6" and .pool == "Unrecognized\\LTO-6")'
}

@test "inventory /lftgt /afast finds a cartridge moved behind rsmd's back" {
  operator move-behind 1003 1007 --barcode VL0004L6
  r inventory /lftgt /afast
  ok
  [ "$output" = "inventory of tgt: done" ]
  r view slots --library tgt --json
  jqok '.[] | select(.number == 1007) | .bar_code == "VL0004L6" and .state == "full"'
  jqok '.[] | select(.number == 1003) | .state == "empty"'
}

@test "createpool, freemedia, allocate, deallocate with the library's media" {
  r createpool /m"Tgt Pool" /tfLTO-6 /d
  ok
  r freemedia /pfVL0002L6
  ok
  r allocate /m"Tgt Pool" /onew /t50 --json
  ok
  jqok '.media_name == "VL0002L6"'
  r deallocate /pfVL0002L6
  ok
  r view media --json
  jqok '.[] | select(.name == "VL0002L6") | .pool == "Tgt Pool" and .sides == "available"'
}

@test "eject /pf: into a mailslot; the operator empties it; the medium has left" {
  r eject /pfVL0001L6 --json
  ok
  jqok '.state == "in the port"'
  local op
  op=$(field .operation)
  r view ports --library tgt --json
  jqok 'map(select(.media == "VL0001L6")) | length == 1'
  local port
  port=$(field '.[] | select(.media == "VL0001L6") | .number')
  operator clear --port "$port"
  r requests wait "$op" --timeout 30s
  ok
  r view slots --library tgt --json
  jqok 'map(select(.bar_code == "VL0001L6")) | length == 0'
}

@test "library inject: the operator puts a cartridge in a mailslot; it goes to a slot" {
  r library inject tgt --json
  ok
  jqok '.state == "waiting"'
  local op
  op=$(field .request)
  operator put --port 16 --barcode VL0100L6
  r library inject tgt --stop "$op"
  ok
  r view slots --library tgt --json
  jqok 'map(select(.bar_code == "VL0100L6")) | length == 1'
}

@test "wrong names, GUIDs and switches against the SCSI library" {
  r eject /pfVL9999L6
  fails 1 ERROR_OBJECT_NOT_FOUND
  r inventory /lftgtx
  fails 1 ERROR_OBJECT_NOT_FOUND
  r inventory /lg00000000000000000000000000000001
  fails 1 ERROR_OBJECT_NOT_FOUND
  r eject /sf"Slot 1003" /lftgt
  fails 1 "holds no medium"
  r inventory /lftgt /aslow
  fails 2 "'slow' is not one of"
  r drive disable "Drive 999" --library tgt
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "library and drive disable/enable on the SCSI library" {
  r drive disable 257 --library tgt
  ok
  r drive list tgt --json
  jqok '.[] | select(.number == 257) | .enabled == false'
  r drive enable 257 --library tgt
  ok
  r library disable tgt
  ok
  r inventory tgt
  fails 1 ERROR_RESOURCE_DISABLED
  r library enable tgt
  ok
  r inventory tgt
  ok
}

@test "mount -- COMMAND, then a mount left loaded and emptied by drive dismount, on the SCSI library" {
  run --separate-stderr "$RSM" mount /pfVL0003L6 /t60s -- sh -c \
    '"$RSM" view drives --library tgt --json | jq -e "map(select(.media == \"VL0003L6\" and .state == \"mounted\")) | length == 1"'
  skip_if_unimplemented MountNtmsMedia
  [ "$status" -eq 0 ]
  until_ok 60 bash -c '"$RSM" view slots --library tgt --json | jq -e "map(select(.bar_code == \"VL0003L6\")) | length == 1"'
  r mount --media VL0003L6 --timeout 60s --json
  ok
  jqok '.side_name == "VL0003L6" and (.drive_name | startswith("Drive"))'
  local drive
  drive=$(field .drive_name)
  r view drives --library tgt --json
  jqok ".[] | select(.name == \"$drive\") | .media == \"VL0003L6\""
  r drive dismount "$drive" --library tgt
  ok
  until_ok 60 bash -c '"$RSM" view slots --library tgt --json | jq -e "map(select(.bar_code == \"VL0003L6\")) | length == 1"'
}
