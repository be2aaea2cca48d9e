#!/bin/sh
# Install the project into a staging directory, build the reference sample
# against the installed header and library with pkg-config alone, and run it
# against the staged rsmd.
#   test_install.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -eu
build=$1
src=$2
extra=${3:-}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

DESTDIR=$stage meson install -C "$build" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | tr ',' '\n' | grep -A3 '"name": "prefix"' | sed -n 's/.*"value": "\(.*\)".*/\1/p' | head -1)
pcfile=$(find "$stage" -name rsm.pc | head -1)
[ -n "$pcfile" ] || { echo "rsm.pc was not installed"; exit 1; }
for f in include/rsm/ntmsapi.h include/rsm/ntmsmli.h sbin/rsmd bin/rsm; do
  [ -e "$stage$prefix/$f" ] || { echo "missing after install: $prefix/$f"; exit 1; }
done

export PKG_CONFIG_PATH=$(dirname "$pcfile")
export PKG_CONFIG_SYSROOT_DIR=$stage
# shellcheck disable=SC2046,SC2086
cc -std=c99 -Wall -Wextra -Werror $extra -o "$stage/sample" "$src/tests/api/sample_reference.c" \
  $(pkg-config --cflags --libs rsm)
libdir=$(dirname "$(find "$stage" -name 'librsm.so.1' | head -1)")
LD_LIBRARY_PATH=$libdir "$src/tests/api/run-rsmd.sh" "$stage$prefix/sbin/rsmd" "$stage/sample"
