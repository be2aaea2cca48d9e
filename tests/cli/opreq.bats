#!/usr/bin/env bats
# Operator requests (opreq), where their messages go (ui), and following
# notifications (watch). Written against the API's reference; each test
# skips (saying which call) while rsmd answers ERROR_CALL_NOT_IMPLEMENTED.

load helpers

setup_file() {
  wait_for_vlib
}

@test "opreq submit: a message the operator sees in opreq list; satisfy completes it" {
  r opreq submit "Load the vault tapes" --json
  skip_if_unimplemented SubmitNtmsOperatorRequest
  ok
  local req
  req=$(field .guid)
  r opreq list --json
  jqok ".[] | select(.guid == \"$req\") | .type == \"message\" and .message == \"Load the vault tapes\" and
        .application == \"rsm\" and (.state == \"submitted\" or .state == \"active\")"
  r opreq satisfy "$req"
  ok
  r opreq list --json
  jqok "map(select(.guid == \"$req\")) | length == 0"
  r opreq list --all --json
  jqok ".[] | select(.guid == \"$req\") | .state == \"completed\""
}

@test "opreq refuse: the request ends refused; twice is ERROR_INVALID_STATE" {
  r opreq submit --message "Clean the robot" /b
  skip_if_unimplemented SubmitNtmsOperatorRequest
  ok
  local req=$output
  r opreq refuse "$req"
  ok
  r opreq list --all --json
  jqok ".[] | select(.guid == \"$req\") | .state == \"refused\""
  r opreq refuse "$req"
  fails 1 ERROR_INVALID_STATE
}

@test "opreq submit --wait returns when the operator satisfies it; opreq wait times out" {
  "$RSM" opreq submit "Swap the magazine" --wait --timeout 20s >"$BATS_TEST_TMPDIR/waiter" 2>&1 &
  local bg=$! req=''
  for _ in $(seq 50); do
    req=$("$RSM" opreq list --json 2>/dev/null | jq -r '.[] | select(.message == "Swap the magazine") | .guid')
    [ -n "$req" ] && break
    grep -q ERROR_CALL_NOT_IMPLEMENTED "$BATS_TEST_TMPDIR/waiter" && break
    sleep 0.2
  done
  if grep -q ERROR_CALL_NOT_IMPLEMENTED "$BATS_TEST_TMPDIR/waiter"; then
    wait "$bg" || true
    skip "rsmd does not implement SubmitNtmsOperatorRequest yet"
  fi
  [ -n "$req" ]
  r opreq wait "$req" --timeout 100ms
  fails 1 ERROR_TIMEOUT
  r opreq satisfy "$req"
  ok
  wait "$bg"
  grep -q "operator request completed" "$BATS_TEST_TMPDIR/waiter"
}

@test "opreq submit --type new-media names the pool; answered requests can be deleted" {
  r opreq submit --type new-media --pool 'Unrecognized\LTO-8' --library vlib "More LTO-8 please" --json
  skip_if_unimplemented SubmitNtmsOperatorRequest
  ok
  local req
  req=$(field .guid)
  r opreq list --json
  jqok ".[] | select(.guid == \"$req\") | .type == \"new-media\" and .arg1_type == \"pool\" and (.about | test(\"LTO-8\"))"
  r opreq submit --type new-media
  fails 2 "is about an object"
  r opreq submit --type frob
  fails 2 "is not one of"
  r opreq satisfy "$req"
  ok
  r opreq delete "$req"
  skip_if_unimplemented DeleteNtmsRequests
  ok
  r opreq list --all --json
  jqok "map(select(.guid == \"$req\")) | length == 0"
}

@test "ui: destinations of the computer's and a library's messages: add, list, delete" {
  r ui /treq /aadd /dconsole1
  skip_if_unimplemented SetNtmsUIOptions
  ok
  r ui --json
  skip_if_unimplemented GetNtmsUIOptions
  ok
  jqok 'map(select(.type == "req" and .destination == "console1")) | length == 1'
  r ui /treq /aadd /dconsole1
  fails 1 ERROR_ALREADY_EXISTS
  r ui --library vlib --type err --action add --destination ops
  ok
  r ui /lfvlib --json
  jqok '. == [{"type": "err", "destination": "ops"}]'
  r ui /treq /adelete /dconsole1
  ok
  r ui /lfvlib /terr /adeleteall
  ok
  r view ui --json
  jqok 'map(select(.destination == "console1")) | length == 0'
  r ui /aadd /dx
  fails 2 "say which messages"
}

@test "watch: one line per change as it happens; --json gives one document a line; --count ends it" {
  "$RSM" watch --type pool --count 1 --for 15s --json >"$BATS_TEST_TMPDIR/events" 2>"$BATS_TEST_TMPDIR/err" &
  local bg=$!
  sleep 1
  if grep -q ERROR_CALL_NOT_IMPLEMENTED "$BATS_TEST_TMPDIR/err"; then
    wait "$bg" || true
    skip "rsmd does not implement OpenNtmsNotification yet"
  fi
  r createpool /m"Watched Pool"
  ok
  wait "$bg"
  run jq -s -e 'length == 1 and .[0].operation == "insert" and .[0].type == "pool" and .[0].name == "Watched Pool"' \
    "$BATS_TEST_TMPDIR/events"
  [ "$status" -eq 0 ]
  r watch --type library,drive --for 300ms
  ok
  r watch --type bogus
  fails 2 "is not an object type"
}

@test "why a mount waits: the operator request that asks for its medium" {
  r media create "Vault 7" --pool 'Import\LTO-8' --barcode VA0007L8
  ok
  "$RSM" mount "Vault 7" --timeout 4s >"$BATS_TEST_TMPDIR/mount" 2>&1 &
  local bg=$!
  sleep 1
  if grep -q ERROR_CALL_NOT_IMPLEMENTED "$BATS_TEST_TMPDIR/mount"; then
    wait "$bg" || true
    skip "rsmd does not implement MountNtmsMedia yet"
  fi
  until_ok 8 bash -c '"$RSM" requests list --json | jq -e "map(select(.media == \"Vault 7\")) | length == 1"'
  r requests list --json
  jqok '.[] | select(.media == "Vault 7") | .why | test("offline|operator")'
  wait "$bg" || true
}
