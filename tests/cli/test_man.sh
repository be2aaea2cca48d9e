#!/bin/sh
# test_man.sh RSM BUILT_MAN_DIR SOURCE_MAN_DIR: the man pages render without
# a groff warning (rsm.1 and rsmd.conf.5 as the build made them, rsmd.8 from
# the source), and every verb and every option spelling the command accepts
# (rsm --list-options) is in the rendered rsm(1).
set -u
rsm=${1:?usage: test_man.sh RSM BUILT_MAN_DIR SOURCE_MAN_DIR}
built=${2:?}
source=${3:?}
fail=0
command -v groff >/dev/null || { echo "skipped: groff is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for page in "$built/rsm.1" "$built/rsmd.conf.5" "$source/rsmd.8"; do
    warnings=$(groff -man -Tascii -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        echo "FAIL: groff warns about $page:"
        echo "$warnings"
        fail=1
    fi
done

groff -man -Tascii -P-cbou "$built/rsm.1" 2>/dev/null | sed 's/  */ /g' >"$tmp/rsm.txt"
"$rsm" --list-options | while IFS="$(printf '\t')" read -r verb spelling; do
    case $spelling in
    '') grep -q "^ *$verb\$" "$tmp/rsm.txt" || { echo "FAIL: rsm(1) has no section for '$verb'"; exit 1; } ;;
    --json|--help|--socket|/\?) ;;
    *) grep -qF -- "$spelling" "$tmp/rsm.txt" || { echo "FAIL: rsm(1) lacks $spelling of '$verb'"; exit 1; } ;;
    esac
done || fail=1
groff -man -Tascii -P-cbou "$built/rsmd.conf.5" 2>/dev/null | grep -q "socket (default: /run/rsm/rsmd.sock)" ||
    { echo "FAIL: rsmd.conf(5) lacks the socket key"; fail=1; }

[ "$fail" -eq 0 ] && echo "man pages: complete and clean"
exit "$fail"
