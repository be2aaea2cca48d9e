#!/usr/bin/env bats
# rsm.exe's verbs with rsm.exe's /switch syntax (values glued on, quoted
# names, /lg GUID and /lf name pairs, case-insensitive letters and
# keywords), each checked against the GNU long form of the same call and
# against what the service then shows. The virtual library of cli.conf:
# VT0001L8..VT0004L8 in slots 1000..1003, 2 drives, mailslots 16 and 17.

load helpers

setup_file() {
  wait_for_vlib
}

@test "createpool: /m\"My Pool\" /anew /tfLTO-8 /d /r prints the GUID; the pool has both policies" {
  r createpool /m"My Pool" /anew /tfLTO-8 /d /r
  ok
  [[ "$output" =~ ^pool\ My\ Pool:\ [0-9a-f-]{36}$ ]]
  local guid=${output##* }
  r view pools --json
  jqok ".[] | select(.guid == \"$guid\") | .name == \"My Pool\" and .type == \"application\" and
        .media_type == \"LTO-8\" and .allocate_from_free and .deallocate_to_free"
  r createpool /m"My Pool" /ANEW
  fails 1 ERROR_ALREADY_EXISTS
  r createpool /m"My Pool" /aexisting /b
  ok
  [ "$output" = "$guid" ]
  r createpool --pool "My Pool" --action always --json
  ok
  jqok ".guid == \"$guid\""
  r createpool /m"Nobody" /aexisting
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "createpool: the long form; nested pools need their parent (or --parents)" {
  r createpool --pool "Long Pool" --action new --media-type LTO-8 --from-free --max-allocates 7
  ok
  r view pools --json
  jqok '.[] | select(.name == "Long Pool") | .allocate_from_free and (.deallocate_to_free | not) and .max_allocates == 7'
  r createpool /m'Apps\Nightly' /tfLTO-8
  fails 1 "--parents creates it"
  r createpool /m'Apps\Nightly' /tfLTO-8 --parents
  ok
  r view pools --json
  jqok '.[] | select(.path == "Apps\\Nightly") | .depth == 1'
  r createpool /m"Typed" /tfNoSuchType
  fails 1 "no media-type has this name"
}

@test "freemedia: by side (/pf), by slot (/sf with --library): the media land in Free" {
  r freemedia /pfVT0001L8
  ok
  [ "$output" = "VT0001L8 is free media now" ]
  r freemedia --slot 1001 --library vlib --json
  ok
  jqok '.media_name == "VT0002L8"'
  r view media --json
  jqok 'map(select(.pool == "Free\\LTO-8")) | map(.name) | sort == ["VT0001L8","VT0002L8"]'
  r freemedia /pfVT0001L8 /lfVT0001L8
  fails 2 "name the medium one way"
  r freemedia /pfNoSuchSide
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "allocate /m\"My Pool\" /onew /t50: a side from Free; /b prints only the GUID; the long form does the same" {
  r allocate /m"My Pool" /onew /t50
  ok
  [[ "$output" == "allocated side VT000"[12]"L8 of VT000"[12]"L8 from pool My Pool: logical media "* ]]
  r allocate --pool "My Pool" --new --timeout 50 --name "tape two" --description "second" /b
  ok
  [[ "$output" =~ ^[0-9a-f-]{36}$ ]]
  local lmid=$output
  r view logical-media --json
  jqok ".[] | select(.guid == \"$lmid\") | .name == \"tape two\" and .description == \"second\" and .pool == \"My Pool\""
  r view media --json
  jqok 'map(select(.pool == "My Pool")) | map(.sides) == ["allocated","allocated"]'
  # nothing left: errunavail fails at once
  r allocate /m"My Pool" /oerrunavail /onew
  fails 1 ERROR_MEDIA_UNAVAILABLE
  r allocate /m"My Pool" /onext
  fails 2 "/onext (--next) needs the logical medium"
  r allocate /m"Free" /onew
  fails 1 ERROR_INVALID_MEDIA_POOL
}

@test "allocate /pf: a particular side, with the names /ln /ld /pn /pd" {
  r createpool /m"Side Test" /tfLTO-8
  ok
  # VT0003L8 is Unrecognized: free it, move it to the pool, allocate that side
  r freemedia /pfVT0003L8
  ok
  r media move VT0003L8 --to "Side Test"
  ok
  r allocate /m"Side Test" /pfVT0003L8 /ln"named" /ld"logical words" /pd"side words" --json
  ok
  jqok '.side_name == "VT0003L8" and .bar_code == "VT0003L8"'
  r view sides --json
  jqok '.[] | select(.name == "VT0003L8") | .state == "allocated"'
  r view logical-media --json
  jqok '.[] | select(.name == "named") | .description == "logical words"'
}

@test "deallocate /lf and /lg: the side is Available again; unknown names and GUIDs fail" {
  r deallocate /lf"tape two"
  ok
  r view logical-media --json
  local lmid
  lmid=$(field '.[] | select(.name == "named") | .guid')
  r deallocate /lg"$lmid"
  ok
  r deallocate /lg"${lmid//-/}"
  fails 1 "has this GUID: ERROR_OBJECT_NOT_FOUND"
  r deallocate /lfnamed
  fails 1 ERROR_OBJECT_NOT_FOUND
  r deallocate /pfVT0004L8
  fails 1 "is not allocated"
  r deallocate
  fails 2 "name the medium one way"
}

@test "deletepool: refused while the pool holds media, done once it is empty" {
  r deletepool /m"Side Test"
  fails 1 ERROR_NOT_EMPTY
  r freemedia /pfVT0003L8
  ok
  r deletepool /m"Side Test"
  ok
  r view pools --json
  jqok 'map(select(.name == "Side Test")) | length == 0'
  r deletepool /mFree
  fails 1
  r deletepool /m"Side Test"
  fails 1 ERROR_OBJECT_NOT_FOUND
}

@test "rename /t<type> /f<name> /n<new> /d<text>; only renamable types take a name" {
  r rename /tmedia_pool /f"Long Pool" /n"Renamed Pool" /d"pool words"
  ok
  r view pools --json
  jqok '.[] | select(.name == "Renamed Pool") | .description == "pool words"'
  r rename pool "Renamed Pool" "Long Pool"
  ok
  r view libraries --json
  local lib
  lib=$(field '.[] | select(.name == "vlib") | .guid')
  r rename /tlibrary /g"$lib" /d"the test library"
  ok
  r view libraries --json
  jqok '.[] | select(.name == "vlib") | .description == "the test library"'
  r rename /tdrive /f"Drive 256" /nfoo
  fails 1 "keeps the name the service gave it"
  r rename /tfrob /fx /ny
  fails 2 "is not one of"
}

@test "inventory /lfvlib /a{fast|full|default|slots} waits for the inventory; unknown methods and libraries fail" {
  for action in fast FULL default slots; do
    r inventory /lfvlib /a$action
    ok
    [ "$output" = "inventory of vlib: done" ]
  done
  r requests list --all --json
  jqok 'map(select(.operation == "inventory" and .state == "passed")) | length >= 4'
  r inventory /lfvlib /afast --no-wait --json
  ok
  jqok '.state == "queued" and (.request | length == 36)'
  r inventory /lfvlib /abogus
  fails 2 "'bogus' is not one of"
  r inventory /lfNoSuchLib
  fails 1 ERROR_OBJECT_NOT_FOUND
  r inventory --library vlib --action none
  ok
}

@test "refresh /lf, /pf, /tf: a library is looked at again" {
  r refresh /lfvlib
  ok
  r refresh /pfVT0004L8
  ok
  r refresh /tfLTO-8 --json
  ok
  jqok '.type == "media-type"'
  r refresh /lfvlib /pfVT0004L8
  fails 2 "name one thing to refresh"
}

@test "eject /pf: the medium goes to a port; once the operator takes it, it has left the library" {
  r eject /pfVT0004L8 --json
  ok
  jqok '.state == "in the port" and .media_name == "VT0004L8"'
  local op
  op=$(field .operation)
  r view media --json
  jqok '.[] | select(.name == "VT0004L8") | .location == "Port 16" or .location == "Port 17"'
  take_from_port "$op" VT0004L8
  r view media --json
  jqok 'map(select(.name == "VT0004L8" and .library == "vlib")) | length == 0'
}

@test "eject /sf with /lf and /df with /lf name the medium by where it is; /aqueue then /astart" {
  r eject /sf"Slot 1002" /lfvlib --no-wait /b
  ok
  [[ "$output" =~ ^[0-9a-f-]{36}$ ]]
  local op=$output
  # the medium is in the port once the request waits for the operator
  until_ok 15 bash -c '"$RSM" requests list --json | jq -e "map(select(.state == \"waiting\")) | length == 1"'
  take_from_port "$op" VT0003L8
  r eject /sf"Slot 1003" /lfvlib
  fails 1 "holds no medium"
  r eject /df"Drive 256" /lfvlib
  fails 1 "holds no medium"
  r eject /pfVT0001L8 /aqueue
  ok
  [[ "$output" == *": queued (operation "* ]]
  r eject /astart
  ok
  r view media --json
  jqok '.[] | select(.name == "VT0001L8") | .location | startswith("Port")'
  r eject /astop
  fails 2 "/astop needs the operation"
  r eject /pfVT0001L8 /afling
  fails 2 "is not one of"
}

@test "view with rsm.exe's switches: /t<type> /cg<container> /guiddisplay /b" {
  r view libraries --json
  local lib
  lib=$(field '.[] | select(.name == "vlib") | .guid')
  r view /tSTORAGESLOT /cg"${lib//-/}" /guiddisplay /b
  ok
  [ "${#lines[@]}" -eq 8 ]
  [[ "${lines[0]}" =~ ^[0-9A-F]{32}$ ]]
  r view /tphysical_media /b
  ok
  [[ "$output" == *VT0002L8* ]]
  r view /tpartition /cg"{$lib}"
  fails 1 ERROR_INVALID_PARAMETER
  r view media --json
  local medium
  medium=$(field '.[] | select(.name == "VT0002L8") | .guid')
  r view /tpartition /cg"{$medium}" --json
  ok
  jqok 'length == 1 and .[0].name == "VT0002L8"'
  r view /tbogus
  fails 2 "is not one of"
}
