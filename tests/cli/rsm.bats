#!/usr/bin/env bats
# The rsm command as a whole: help, exit statuses, errors, `rsm view` in
# every form, completion and the man page against the option tables. Runs
# against a private rsmd with the virtual library of cli.conf.

load helpers

setup_file() {
  wait_for_vlib
}

@test "version names the service's computer; --json gives the same as a document" {
  r version
  ok
  [[ "${lines[0]}" == "rsm "* ]]
  [[ "${lines[1]}" == "service on "* ]]
  r version --json
  ok
  jqok '.version != "" and .computer != ""'
}

@test "--help lists every verb of rsm.exe and the groups" {
  r --help
  ok
  for verb in allocate createpool deallocate deletepool dismount eject ejectatapi erase freemedia \
              inventory mount refresh rename ui view pool media library drive requests opreq watch; do
    [[ "$output" == *"  $verb "* ]] || { echo "missing $verb"; return 1; }
  done
}

@test "every verb has help (--help, -h and /?), exit status 0" {
  while IFS=$'\t' read -r verb spelling; do
    [ -z "$spelling" ] || continue
    # shellcheck disable=SC2086
    r $verb --help
    ok
    [[ "$output" == *"usage: rsm $verb"* ]]
    r $verb /?
    ok
  done < <("$RSM" --list-options)
  r help allocate
  ok
  [[ "$output" == *"/o{errunavail|new|next}"* ]]
}

@test "every verb takes --json (its option list has it)" {
  local verbs json
  verbs=$("$RSM" --list-options | awk -F'\t' '$2 == "" { n++ } END { print n }')
  json=$("$RSM" --list-options | awk -F'\t' '$2 == "--json" { n++ } END { print n }')
  [ "$verbs" -gt 30 ]
  [ "$verbs" -eq "$json" ]
}

@test "command-line mistakes are exit status 2 with one line saying what" {
  r frobnicate
  fails 2 "unknown verb"
  r allocate /x
  fails 2 "unknown switch /x"
  r allocate /mFoo /onewer
  fails 2 "'newer' is not one of: errunavail, new, next"
  r allocate --pool
  fails 2 "--pool needs a value"
  r allocate --pool A --pool B
  fails 2 "given twice"
  r view libraries extra
  fails 2 "unexpected argument 'extra'"
  r view --frob
  fails 2 "unknown option --frob"
  r view -x
  fails 2 "unknown option -x"
  r deallocate /lgnot-a-guid
  fails 2 "is not a GUID"
  r mount VT0001L8 /tsoon
  fails 2 "is not a time-out"
  r mount VT0001L8 /r99
  fails 2 "is not a priority"
  r pool
  fails 2 "usage: rsm pool VERB"
  r pool frob
  fails 2 "unknown verb 'frob'"
  r allocate
  fails 2 "name the application pool"
  # with --json, stdout still holds one document
  r allocate --json /x
  fails 2 "unknown switch /x"
  jqok '.error == "ERROR_INVALID_PARAMETER" and (.context | test("/x"))'
  # rsm.exe's verbs, switches and keywords ignore case
  r VIEW /TLIBRARY /B
  ok
  [ "${#lines[@]}" -eq 2 ]
}

@test "no service: exit status 3 and ERROR_NOT_CONNECTED; --json adds an error document" {
  RSM_SOCKET=/nonexistent/rsmd.sock run --separate-stderr "$RSM" view libraries
  fails 3 ERROR_NOT_CONNECTED
  RSM_SOCKET=/nonexistent/rsmd.sock run --separate-stderr "$RSM" --json view libraries
  fails 3
  jqok '.error == "ERROR_NOT_CONNECTED" and .code == 2250'
  r --socket /nonexistent/rsmd.sock view
  fails 3
}

@test "unknown names and GUIDs: exit status 1, ERROR_OBJECT_NOT_FOUND, and an error document with --json" {
  r view slots --library NoSuchLibrary
  fails 1 "no library has this name: ERROR_OBJECT_NOT_FOUND"
  r inventory /lg01234567-89ab-cdef-0123-456789abcdef
  fails 1 "no library has this GUID: ERROR_OBJECT_NOT_FOUND"
  r --json media delete NoSuchMedium
  fails 1 ERROR_OBJECT_NOT_FOUND
  jqok '.error == "ERROR_OBJECT_NOT_FOUND" and (.context | test("NoSuchMedium"))'
}

@test "ejectatapi: no ATAPI changers on Linux, ERROR_NOT_SUPPORTED (status 1) even without a service" {
  RSM_SOCKET=/nonexistent/rsmd.sock run --separate-stderr "$RSM" ejectatapi /n0
  fails 1 ERROR_NOT_SUPPORTED
  [[ "$stderr" == *"eject(1)"* ]]
  r ejectatapi
  fails 2 "name the changer"
}

@test "view libraries: an aligned table, the same as --json and /b" {
  r view
  ok
  [[ "${lines[0]}" == NAME*TYPE*STATE*ENABLED*DRIVES*SLOTS*PORTS*MEDIA* ]]
  echo "$output" | grep -E '^Offline Media +offline +ready +yes'
  echo "$output" | grep -E '^vlib +online +ready +yes +2 +8 +2 +4 '
  # columns line up: TYPE starts at the same offset on every line
  local h o v
  h=$(awk '/^NAME/ { print index($0, "TYPE") }' <<<"$output")
  o=$(awk '/^Offline/ { print index($0, "offline") }' <<<"$output")
  v=$(awk '/^vlib/ { print index($0, "online") }' <<<"$output")
  [ "$h" -gt 1 ] && [ "$h" -eq "$o" ] && [ "$h" -eq "$v" ]
  r view libraries --json
  ok
  jqok 'length == 2 and (map(.name) | sort == ["Offline Media", "vlib"])'
  jqok '.[] | select(.name == "vlib") | .drives == 2 and .slots == 8 and .ports == 2 and .enabled == true'
  r view /tlibrary /b
  ok
  [ "${#lines[@]}" -eq 2 ]
}

@test "view /guiddisplay /b prints rsm.exe's 32-digit GUIDs, the ones --json shows" {
  r view /tlibrary /guiddisplay /b
  ok
  local bare
  bare=$(printf '%s\n' "${lines[@]}" | sort)
  [[ "${lines[0]}" =~ ^[0-9A-F]{32}$ ]]
  r view libraries --json
  [ "$bare" = "$(field '.[].guid' | tr -d - | tr a-f A-F | sort)" ]
  r view /guiddisplay
  ok
  [[ "${lines[0]}" == *GUID ]]
}

@test "view drives and slots: the media in them, bar codes, by /cg, --library and element number" {
  r view drives
  ok
  echo "$output" | grep -E '^vlib +Drive 256 +256 +dismounted'
  r view slots --json
  ok
  jqok 'map(select(.library == "vlib")) | length == 8'
  jqok 'map(select(.bar_code != "")) | map(.bar_code) | sort == ["VT0001L8","VT0002L8","VT0003L8","VT0004L8"]'
  jqok '.[] | select(.number == 1000) | .state == "full" and .media == "VT0001L8" and .pool == "Unrecognized\\LTO-8"'
  local lib
  r view libraries --json
  lib=$(field '.[] | select(.name == "vlib") | .guid')
  r view /tstorageslot /cg"$lib" /b
  ok
  [ "${#lines[@]}" -eq 8 ]
  r view slots --library vlib --json
  jqok 'length == 8'
  r view ports
  ok
  echo "$output" | grep -E '^vlib +Port 16 +16 +empty'
  r view doors --json
  jqok 'map(select(.library == "vlib")) | length == 1'
  r view changers --json
  jqok 'map(select(.library == "vlib")) | length == 1'
}

@test "view media, sides, logical media, types and the computer; every kind parses as JSON" {
  r view media
  ok
  echo "$output" | grep -E '^VT0001L8 +VT0001L8 +LTO-8 +vlib +Slot 1000 +Unrecognized\\LTO-8 +idle +foreign'
  for kind in libraries drives slots changers doors ports pools media sides logical-media media-types \
              drive-types requests opreqs computer; do
    r view "$kind" --json
    ok
    jqok 'type == "array"'
  done
  r view sides --json
  jqok 'map(.name) | sort == ["VT0001L8","VT0002L8","VT0003L8","VT0004L8"]'
  r view media-types
  echo "$output" | grep -E '^LTO-9 +0x56 +1 +rewritable'
  r view /tmedia_type --json
  jqok 'map(select(.name == "CD-ROM")) | .[0].read_write == "read-only"'
  r view computer --json
  jqok 'length == 1'
}

@test "view pools: a tree with counts; empty system pools only with --all" {
  r view pools
  ok
  echo "$output" | grep -E '^Free +free '
  echo "$output" | grep -E '^Import +import '
  echo "$output" | grep -E '^Unrecognized +unrecognized '
  echo "$output" | grep -E '^  LTO-8 +unrecognized +LTO-8 +4 '
  ! echo "$output" | grep -qE '^  LTO-1 '
  local few=${#lines[@]}
  r view pools --all
  [ "${#lines[@]}" -gt $((few + 100)) ]
  r view pools --json --all
  jqok '.[] | select(.path == "Free\\LTO-8") | .depth == 1 and .type == "free"'
}

@test "names: bar codes, element numbers with --library, GUID prefixes, case; ambiguous names refused" {
  r view slots --json
  local guid
  guid=$(field '.[] | select(.number == 1003) | .media_guid')
  r media disable "${guid:0:8}"
  ok
  [[ "$output" == "media VT0004L8 disabled" ]]
  r media enable vt0004l8
  ok
  r drive disable 257 --library vlib
  ok
  r view drives --json
  jqok '.[] | select(.number == 257) | .enabled == false'
  r drive enable 257 --library vlib
  ok
  r pool create 'A\Same' --parents
  ok
  r pool create 'B\Same' --parents
  ok
  r pool policy Same --max-allocates 3
  fails 2 "2 objects of type pool match"
  r pool policy 'A\Same' --max-allocates 3
  ok
}

@test "a long operation shows progress on a terminal only (RSM_PROGRESS forces it either way)" {
  RSM_PROGRESS=always run --separate-stderr "$RSM" inventory vlib
  ok
  [[ "$stderr" == *"inventory of vlib"* ]]
  RSM_PROGRESS= run --separate-stderr "$RSM" inventory vlib
  ok
  [ -z "$stderr" ]
  [ "$output" = "inventory of vlib: done" ]
}

@test "completion comes from the option tables" {
  run "$RSM" --complete allo
  [ "$output" = allocate ]
  run "$RSM" --complete pool ''
  [[ "$output" == *create* && "$output" == *policy* && "$output" == *move* ]]
  run "$RSM" --complete allocate /o
  [ "$(echo "$output" | sort | tr '\n' ' ')" = "/o /oerrunavail /onew /onext " ]
  run "$RSM" --complete inventory /lfvlib /a
  [[ "$output" == *"/afull"* && "$output" == *"/afast"* ]]
  run "$RSM" --complete inventory --action f
  [ "$(echo "$output" | sort | tr '\n' ' ')" = "fast full " ]
  run "$RSM" --complete view --library ''
  [[ "$output" == *vlib* ]]
  run "$RSM" --complete media delete VT00
  [ "$(echo "$output" | wc -l)" -eq 4 ]
  # every long option of every verb, and nothing else, completes after --
  while IFS=$'\t' read -r verb spelling; do
    [ -z "$spelling" ] || continue
    # shellcheck disable=SC2086
    local want got
    want=$("$RSM" --list-options | awk -F'\t' -v v="$verb" '$1 == v && $2 ~ /^--/ { print $2 }' | sort)
    got=$("$RSM" --complete $verb -- | sort)
    [ "$want" = "$got" ] || { echo "$verb: $want / $got"; return 1; }
  done < <("$RSM" --list-options)
}

@test "the bash completion script asks rsm" {
  run bash -c '
    source "$RSM_SOURCE/cli/rsm.bash"
    rsm() { "$RSM" "$@"; }
    COMP_WORDS=("$RSM" allocate --ne); COMP_CWORD=2
    _rsm
    printf "%s\n" "${COMPREPLY[@]}"
    COMP_WORDS=("$RSM" view --pool ""); COMP_CWORD=3
    _rsm
    printf "%s\n" "${COMPREPLY[@]}"'
  [ "$status" -eq 0 ]
  [[ "$output" == *"--new"* ]]
  [[ "$output" == *'Unrecognized\\LTO-8'* || "$output" == *Free* ]]
}
