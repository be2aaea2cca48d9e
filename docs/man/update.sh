#!/bin/sh
# update.sh RSM_BINARY: regenerate the man pages that are made, not written:
# rsm.1 from rsm.1.in and the command's option tables, rsmd.conf.5 from
# docs/rsmd.conf.5.md. Run after changing a verb, an option or the
# configuration page (ninja -C BUILD man does it); tests/cli/test_man.sh
# fails while they are out of date.
set -eu
rsm=${1:?usage: update.sh RSM_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
"$rsm" --man "$here/rsm.1.in" >"$here/rsm.1.new"
mv "$here/rsm.1.new" "$here/rsm.1"
python3 "$here/md2man.py" "$here/../rsmd.conf.5.md" 5 rsmd.conf >"$here/rsmd.conf.5.new"
mv "$here/rsmd.conf.5.new" "$here/rsmd.conf.5"
