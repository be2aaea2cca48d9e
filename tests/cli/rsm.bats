#!/usr/bin/env bats
# The rsm command against a running rsmd (started by tests/api/run-rsmd.sh,
# which exports RSM_SOCKET). RSM is the path of the rsm binary.

@test "rsm version names the service's computer" {
  run "$RSM" version
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "rsm "* ]]
  [[ "${lines[1]}" == "service on "* ]]
}

@test "rsm view libraries lists the offline library" {
  run "$RSM" view libraries
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == NAME*TYPE*GUID ]]
  echo "$output" | grep -E '^Offline Media +offline +yes'
}

@test "rsm view /tlibrary is the rsm.exe spelling of the same" {
  run "$RSM" view /tlibrary
  [ "$status" -eq 0 ]
  echo "$output" | grep -q '^Offline Media'
}

@test "rsm view pools shows Free, Import and Unrecognized with their sub-pools" {
  run "$RSM" view pools
  [ "$status" -eq 0 ]
  echo "$output" | grep -E '^Free +free '
  echo "$output" | grep -E '^Import +import '
  echo "$output" | grep -E '^Unrecognized +unrecognized '
  echo "$output" | grep -E '^  LTO-8 +free '
}

@test "rsm view media-types lists the catalogue" {
  run "$RSM" view media-types
  [ "$status" -eq 0 ]
  echo "$output" | grep -E '^LTO-9 +0x56 +1 +rewritable'
  echo "$output" | grep -E '^CD-ROM .* read-only'
}

@test "an unknown kind is a usage error (status 2)" {
  run "$RSM" view bogus
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown object kind"* ]]
}

@test "an unknown verb is a usage error (status 2)" {
  run "$RSM" frobnicate
  [ "$status" -eq 2 ]
}

@test "no service: status 3 and ERROR_NOT_CONNECTED on stderr" {
  RSM_SOCKET=/nonexistent/rsmd.sock run "$RSM" view libraries
  [ "$status" -eq 3 ]
  [[ "$output" == *ERROR_NOT_CONNECTED* ]]
}
