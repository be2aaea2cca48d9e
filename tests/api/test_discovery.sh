#!/bin/sh
# test_discovery.sh - discovery at start (rsmd.conf: discover, sysfs).
#
#   test_discovery.sh RUN_RSMD RSMD TEST
#
# Builds a fake sysfs tree (the files and links the kernel makes under
# class/scsi_generic, with the SCSI device directories named
# host:channel:target:lun), then runs TEST (test_discovery.c) against rsmd
# three times: discover = yes on the tree ("on"), discover = no on it
# ("off"), and discover = yes on an empty tree ("none"). Exits with the
# first failure.
set -u
if [ $# -ne 3 ]; then
  echo "usage: test_discovery.sh RUN_RSMD RSMD TEST" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rsmd-discovery.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
sysfs=$work/sysfs
mkdir -p "$work/empty-sysfs"

# device HCTL SG TYPE VENDOR MODEL: a SCSI device with sg node sgSG
device() {
  d=$sysfs/devices/host/$1
  mkdir -p "$d/scsi_generic/sg$2" "$sysfs/class/scsi_generic/sg$2" || exit 1
  printf '%s\n' "$3" >"$d/type"
  printf '%-8s\n' "$4" >"$d/vendor"
  printf '%-16s\n' "$5" >"$d/model"
  printf '0104\n' >"$d/rev"
  ln -s "$d" "$sysfs/class/scsi_generic/sg$2/device" || exit 1
}

# node HCTL CLASS NAME: the kernel node NAME of the device at HCTL
node() {
  d=$sysfs/devices/host/$1
  mkdir -p "$d/$2/$3" "$sysfs/class/$2/$3" || exit 1
  ln -s "$d" "$sysfs/class/$2/$3/device" || exit 1
}

device 5:0:0:1 250 8 STK L700 && node 5:0:0:1 scsi_changer sch250
device 5:0:0:2 251 1 IBM ULT3580-TD6 && node 5:0:0:2 scsi_tape nst251
device 6:0:0:0 252 1 IBM ULT3580-TD6 && node 6:0:0:0 scsi_tape nst252
device 7:0:0:0 253 5 HL-DT-ST DVDRAM && node 7:0:0:0 block sr253
printf '1\n' >"$sysfs/devices/host/7:0:0:0/block/sr253/removable"

# conf DISCOVER SYSFS: the extra configuration of one run
conf() {
  cat >"$work/extra.conf" <<CONF
[rsmd]
discover = $1
sysfs = $2

[library vlib]
type = virtual
root = @DIR@/vlib
slots = 4
drives = 1
ports = 1
cartridges = 2
cartridge_size = 1048576
poll_seconds = 0

[library sa-dup]
type = standalone
device = /dev/nst252
poll_seconds = 0
CONF
}

status=0
for run in "on yes $sysfs" "off no $sysfs" "none yes $work/empty-sysfs"; do
  set -- "$1" "$2" "$3" $run
  conf "$5" "$6"
  RSMD_EXTRA_CONF=$work/extra.conf sh "$1" "$2" "$3" "$4" || { status=$?; echo "FAIL: run '$4'" >&2; break; }
done
exit "$status"
