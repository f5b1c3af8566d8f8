#!/bin/bash
# headers.sh - make sure linux-headers-ABI is installed; print its path.
#
#   scripts/headers.sh ABI
#
# Kbuild needs the headers installed (they pull linux-headers-ABI-common and
# linux-kbuild-*).  Installs them with apt-get when missing (as root).
set -eu

abi=$1
dir=/usr/src/linux-headers-$abi

if [ ! -f "$dir/Makefile" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "headers.sh: $dir is missing; run as root or: apt-get install linux-headers-$abi" >&2
		exit 1
	fi
	echo "  INSTALL linux-headers-$abi" >&2
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "linux-headers-$abi" >/dev/null; then
		apt-get update -qq >/dev/null 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "linux-headers-$abi" >/dev/null
	fi
fi
echo "$dir"
