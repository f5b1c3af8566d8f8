#!/bin/sh
# kabi.sh - print the ABI of Debian bookworm's current kernel, e.g. "6.1.0-56-amd64".
#
# Resolved from apt (the linux-image-amd64 metapackage's dependency) so that
# security updates that move the ABI need no change here.  Needs an apt list:
# runs "apt-get update" once if the metapackage is unknown.
set -eu

resolve() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' | head -n 1
}

abi=$(resolve)
if [ -z "$abi" ]; then
	apt-get update -qq >/dev/null 2>&1 || true
	abi=$(resolve)
fi
if [ -z "$abi" ]; then
	echo "kabi.sh: cannot resolve the bookworm kernel ABI from apt (linux-image-amd64)" >&2
	exit 1
fi
echo "$abi"
