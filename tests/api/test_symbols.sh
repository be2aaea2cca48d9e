#!/bin/sh
# test_symbols.sh - librsm exports exactly the functions the header lists.
#
#   test_symbols.sh LIBRSM_SO INCLUDE_DIR CC [CC_ARGS...]
#
# The list comes from the header itself: RSM_NTMSAPI_FUNCTIONS(X) in
# <rsm/ntmsapi.h>, expanded by the C preprocessor. The exports come from
# `nm -D --defined-only`, keeping code symbols (the version node RSM_1.0 is
# an absolute symbol and is not a function). The two sorted lists must be
# equal: a missing export breaks programs, an extra one leaks internals.
set -eu

if [ $# -lt 3 ]; then
  echo "usage: test_symbols.sh LIBRSM_SO INCLUDE_DIR CC [CC_ARGS...]" >&2
  exit 2
fi
lib=$1
inc=$2
shift 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rsm-symbols.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Each name comes out on a line of its own after a marker no header defines.
cat >"$tmp/list.c" <<'SRC'
#include <rsm/ntmsapi.h>
#define RSM_LIST_ONE(name) RSM_EXPORTED_NAME name
RSM_NTMSAPI_FUNCTIONS(RSM_LIST_ONE)
SRC
"$@" -E -P -I"$inc" "$tmp/list.c" >"$tmp/expanded.c"
tr ' \t' '\n\n' <"$tmp/expanded.c" |
  awk 'prev == "RSM_EXPORTED_NAME" { print } { prev = $0 }' |
  sort >"$tmp/header.txt"

nm -D --defined-only "$lib" |
  awk '$2 ~ /^[TtWiI]$/ { sub(/@.*/, "", $3); print $3 }' |
  sort >"$tmp/library.txt"

header_count=$(wc -l <"$tmp/header.txt")
if [ "$header_count" -lt 10 ]; then
  echo "FAIL: only $header_count names expanded from RSM_NTMSAPI_FUNCTIONS" >&2
  exit 1
fi

if ! cmp -s "$tmp/header.txt" "$tmp/library.txt"; then
  echo "FAIL: librsm's exports differ from the header's function list" >&2
  echo "  < only in the header (not exported)   > only exported (not in the header)" >&2
  diff "$tmp/header.txt" "$tmp/library.txt" >&2 || true
  exit 1
fi
echo "librsm exports exactly the $header_count functions of RSM_NTMSAPI_FUNCTIONS"
