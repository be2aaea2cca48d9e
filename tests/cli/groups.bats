#!/usr/bin/env bats
# The verbs rsm.exe lacked, in GNU long form: pool, media, library, drive,
# requests and database. The virtual library of cli.conf: VT0001L8..VT0004L8 in
# slots 1000..1003, 2 drives, mailslots 16 and 17.

load helpers

setup_file() {
  wait_for_vlib
}

@test "pool create nests, pool policy sets and shows the policies, pool list is the tree" {
  r pool create 'Backup\Daily' --parents --media-type LTO-8 --json
  ok
  jqok '.name == "Backup\\Daily"'
  r pool policy 'Backup\Daily' --from-free yes --to-free yes --max-allocates 12 --description "every night"
  ok
  [ "$output" = "pool Daily: from-free yes, to-free yes, max-allocates 12" ]
  r pool policy Daily --to-free no --json
  ok
  jqok '.allocate_from_free and (.deallocate_to_free | not) and .max_allocates == 12'
  r pool list
  ok
  echo "$output" | grep -E '^Backup +application +0 +0 +1 '
  echo "$output" | grep -E '^  Daily +application +LTO-8 +0 +0 +0 +yes +no +12'
  r pool policy Daily --from-free maybe
  fails 2 "'maybe' is not one of"
  r pool policy Free --media-type LTO-7
  fails 1 ERROR_ACCESS_DENIED
}

@test "pool move / media move: media between pools, by the rules of MoveToNtmsMediaPool" {
  r freemedia --partition VT0001L8
  ok
  r pool move VT0001L8 --to 'Backup\Daily'
  ok
  r view media --json
  jqok '.[] | select(.name == "VT0001L8") | .pool == "Backup\\Daily" and .sides == "available"'
  r media move VT0001L8 'Free\LTO-8'
  ok
  r pool move VT0001L8 --to Backup
  fails 1
  r pool move NoSuchTape --to Backup
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "media create records offline media; media delete removes them; duplicates are refused" {
  r media create "Shelf 1" --pool 'Import\LTO-8' --barcode SH0001L8 --description "from the vault"
  ok
  r view media --json
  jqok '.[] | select(.name == "Shelf 1") | .library == "Offline Media" and .location == "offline" and
        .bar_code == "SH0001L8" and .sides == "import" and .description == "from the vault"'
  r media create --pool 'Import\LTO-8' --barcode SH0001L8
  fails 1 ERROR_INVALID_MEDIA
  r media create --pool 'Backup\Daily' --barcode SH0002L8 --state allocated --json
  ok
  jqok '.name == "SH0002L8"'
  r media delete SH0002L8
  fails 1 ERROR_INVALID_STATE
  r media delete "Shelf 1"
  ok
  r media create --pool Free --barcode SH0003L8
  fails 1
  r media create --barcode X
  fails 2 "name the pool"
}

@test "media complete, decommission, enable, disable" {
  r freemedia --partition VT0002L8
  ok
  r pool move VT0002L8 --to 'Backup\Daily'
  ok
  r allocate --pool 'Backup\Daily' --partition VT0002L8
  ok
  r media complete VT0002L8
  ok
  r view sides --json
  jqok '.[] | select(.name == "VT0002L8") | .state == "complete"'
  r media complete VT0002L8
  fails 1 ERROR_INVALID_STATE
  r media decommission VT0001L8
  ok
  r view sides --json
  jqok '.[] | select(.name == "VT0001L8") | .state == "decommissioned"'
  r media decommission VT0001L8
  fails 1 ERROR_INVALID_STATE
  r media disable VT0003L8
  ok
  r view media --json
  jqok '.[] | select(.name == "VT0003L8") | .enabled == false'
  r media enable --media VT0003L8
  ok
  r view media --json
  jqok '.[] | select(.name == "VT0003L8") | .enabled'
}

@test "library list, disable, enable: the state shows in view; a disabled library refuses work" {
  r library list --json
  ok
  jqok '.[] | select(.name == "vlib") | .enabled'
  r library disable vlib
  ok
  [ "$output" = "library vlib disabled" ]
  r view libraries --json
  jqok '.[] | select(.name == "vlib") | .enabled == false'
  r inventory vlib
  fails 1 ERROR_RESOURCE_DISABLED
  r library enable --library vlib
  ok
  r library inventory vlib --action fast
  ok
  r library delete vlib
  fails 1
  r library disable NoSuchLibrary
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "drive list shows the drives with their media; disable and enable; delete refuses a present drive" {
  r drive list vlib
  ok
  [ "${#lines[@]}" -eq 3 ]
  r drive disable "Drive 256"
  ok
  r drive list --json
  jqok '.[] | select(.name == "Drive 256") | .enabled == false'
  r drive enable 256 --library vlib
  ok
  r drive delete "Drive 257"
  fails 1
  r drive enable "Drive 999"
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "library inject: the port opens, the operator fills it, --stop ends it; the cartridge lands in a slot" {
  r library inject vlib --json
  ok
  jqok '.state == "waiting"'
  local op
  op=$(field .request)
  r requests list --json
  jqok ".[] | select(.guid == \"$op\") | .operation == \"inject\" and .state == \"waiting\" and
        (.why | test(\"operator\"))"
  "$VLIB_HAND" insert "$VLIB" 16 VT0200L8 2>/dev/null
  r library inject vlib --stop "$op"
  ok
  [ "$output" = "inject into vlib: done" ]
  r view slots --json
  jqok 'map(select(.bar_code == "VT0200L8")) | length == 1'
  r library inject vlib --stop "$op"
  fails 1
  r library inject vlib --stop nope
  fails 2 "is not a GUID"
}

@test "requests list: finished ones with --all, the library's, in JSON; wait on a finished request" {
  r requests list --all --json
  ok
  jqok 'length >= 3 and all(.[]; .library == "vlib")'
  jqok 'map(select(.operation == "inject")) | .[0] | .state == "passed" and .why == "done"'
  local inv
  inv=$(field 'map(select(.operation == "inventory")) | .[0].guid')
  r requests list vlib
  ok
  [ "${#lines[@]}" -eq 1 ]
  r requests wait "${inv:0:8}"
  ok
  r requests list --library NoSuchLibrary
  fails 1 ERROR_OBJECT_NOT_FOUND
  r requests cancel
  fails 2 "name the request"
  r requests reorder "$inv"
  fails 2 "--order N, --first or --last"
}

@test "library door: unlocked, the request waits for the door to close (why says so)" {
  r library door vlib --no-wait --json
  ok
  local op
  op=$(field .request)
  [ -n "$op" ]
  until_ok 10 bash -c '"$RSM" requests list --json | jq -e ".[] | select(.operation == \"door-access\") | .state == \"waiting\""'
  r requests list --json
  jqok '.[] | select(.operation == "door-access") | .why == "waiting for the door to be closed"'
  r view doors --json
  jqok '.[] | select(.library == "vlib") | .state == "open"'
}

@test "database export writes the copy; database import marks it, and export is then refused" {
  r database export --json
  ok
  jqok '.state == "exported"'
  [ -f "$RSM_TEST_DIR/export/rsm.db" ]
  r db import
  ok
  [ "$output" = "the copy in the export directory replaces the database at the service's next start" ]
  [ -f "$RSM_TEST_DIR/export/IMPORT" ]
  r database export
  fails 1 ERROR_SHARING_VIOLATION
  rm "$RSM_TEST_DIR/export/IMPORT"
  r database export
  ok
}
