# helpers.bash - what the bats files of tests/cli share. Loaded by each file
# with `load helpers`. The environment comes from tests/cli/meson.build and
# tests/api/run-rsmd.sh: RSM (the command), VLIB_HAND (the operator's hands
# on the virtual library), RSM_SOURCE (the source tree), RSM_SOCKET and
# RSM_TEST_DIR (the private rsmd).
bats_require_minimum_version 1.5.0

VLIB=${RSM_TEST_DIR:-/nonexistent}/vlib

# r ARGS...: run rsm with stdout in $output and stderr in $stderr.
r() {
  run --separate-stderr "$RSM" "$@"
}

# The API call behind a verb may not exist in rsmd yet (it answers
# ERROR_CALL_NOT_IMPLEMENTED): the test is skipped with the call's name, and
# runs unchanged once the service has it.
skip_if_unimplemented() {
  if [[ "$stderr" == *ERROR_CALL_NOT_IMPLEMENTED* ]]; then
    skip "rsmd does not implement $1 yet"
  fi
}

# ok: the last run succeeded; print what it said when it did not.
ok() {
  if [ "$status" -ne 0 ]; then
    echo "status $status; stdout: $output; stderr: $stderr" >&2
    return 1
  fi
}

# fails STATUS [TEXT]: the last run exited STATUS with TEXT on stderr.
fails() {
  if [ "$status" -ne "$1" ]; then
    echo "expected status $1, got $status; stdout: $output; stderr: $stderr" >&2
    return 1
  fi
  if [ -n "${2:-}" ] && [[ "$stderr" != *"$2"* ]]; then
    echo "stderr lacks '$2': $stderr" >&2
    return 1
  fi
}

# jqok FILTER: $output is JSON and FILTER holds for it.
jqok() {
  if ! printf '%s' "$output" | jq -e "$1" >/dev/null; then
    echo "jq '$1' failed on: $output" >&2
    return 1
  fi
}

# field FILTER: the value FILTER picks from $output.
field() {
  printf '%s' "$output" | jq -r "$1"
}

# until_ok SECONDS CMD...: run CMD every 0.2 s until it succeeds (bounded).
until_ok() {
  local tries=$(($1 * 5))
  shift
  while ((tries-- > 0)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "timed out: $*" >&2
  return 1
}

# take_from_port OPERATION MEDIUM: the operator takes MEDIUM out of the
# virtual library's mailslot it was ejected to; the eject OPERATION then
# passes (bounded wait).
take_from_port() {
  local port
  port=$("$RSM" view ports --json | jq -r --arg m "$2" '.[] | select(.media == $m) | .number')
  [ -n "$port" ] || { echo "$2 is in no port" >&2; return 1; }
  "$VLIB_HAND" remove "$VLIB" "$port" 2>/dev/null
  run --separate-stderr "$RSM" requests wait "$1" --timeout 15s
  ok
}

# The virtual library attaches once rsmd listens: wait (bounded, 15 s) until
# it is ready with its four cartridges, so a file's first test does not
# race the attach.
wait_for_vlib() {
  local tries=150
  until "$RSM" view libraries --json 2>/dev/null |
        jq -e '.[] | select(.name == "vlib") | .state == "ready" and .media == 4' >/dev/null; do
    ((tries-- > 0)) || { echo "library vlib never became ready" >&2; return 1; }
    sleep 0.1
  done
}
