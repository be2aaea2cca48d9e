#!/bin/sh
# test_man.sh RSM SOURCE_ROOT: the man pages in docs/man are current and
# clean. rsm.1 must be what `rsm --man rsm.1.in` makes from the option
# tables, rsmd.conf.5 what md2man.py makes from docs/rsmd.conf.5.md (run
# docs/man/update.sh, or ninja man, when this fails); every page renders
# without a groff warning; and every verb and option the command accepts
# (rsm --list-options) is in the rendered rsm(1).
set -u
rsm=${1:?usage: test_man.sh RSM SOURCE_ROOT}
man=${2:?}/docs/man
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$rsm" --man "$man/rsm.1.in" >"$tmp/rsm.1"
if ! diff -u "$man/rsm.1" "$tmp/rsm.1"; then
    echo "FAIL: docs/man/rsm.1 is out of date: run docs/man/update.sh BUILD/cli/rsm"
    fail=1
fi
python3 "$man/md2man.py" "$man/../rsmd.conf.5.md" 5 rsmd.conf >"$tmp/rsmd.conf.5"
if ! diff -u "$man/rsmd.conf.5" "$tmp/rsmd.conf.5"; then
    echo "FAIL: docs/man/rsmd.conf.5 is out of date: run docs/man/update.sh BUILD/cli/rsm"
    fail=1
fi

if command -v groff >/dev/null; then
    for page in rsm.1 rsmd.8 rsmd.conf.5; do
        warnings=$(groff -man -Tascii -ww -z "$man/$page" 2>&1)
        if [ -n "$warnings" ]; then
            echo "FAIL: groff warns about $page:"
            echo "$warnings"
            fail=1
        fi
    done
    groff -man -Tascii -P-cbou "$man/rsm.1" 2>/dev/null | sed 's/  */ /g' >"$tmp/rsm.txt"
    # every verb has its section, every spelling of every option is there
    "$rsm" --list-options | while IFS="$(printf '\t')" read -r verb spelling; do
        case $spelling in
        '') grep -q "^ *$verb\$" "$tmp/rsm.txt" || { echo "FAIL: rsm(1) has no section for '$verb'"; exit 1; } ;;
        --json|--help|--socket|/\?) ;;
        *) grep -qF -- "$spelling" "$tmp/rsm.txt" || { echo "FAIL: rsm(1) lacks $spelling of '$verb'"; exit 1; } ;;
        esac
    done || fail=1
else
    echo "groff is not installed: rendering not checked"
fi

[ "$fail" -eq 0 ] && echo "man pages: current and clean"
exit "$fail"
