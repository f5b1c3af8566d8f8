#!/bin/sh
# kabi.sh - print the ABI of one of the Debian bookworm kernels we test on.
#
#   tests/vm/kabi.sh [TREE]    e.g. "6.1.0-57-amd64" or "6.12.117+deb12-amd64"
#   tests/vm/kabi.sh --trees   the trees: "6.1 6.12"
#
# TREE defaults to $NFT_TEST_KERNEL, else 6.1.
# 6.1: bookworm's own kernel, resolved from apt (the linux-image-amd64
# metapackage's dependency) so that security updates that move the ABI need
# no change here; needs an apt list: runs "apt-get update" once if the
# metapackage is unknown.
# 6.12: the newer kernel Debian offers bookworm users (bookworm-security),
# pinned by the linux-headers-6.12.* line of kernel/deps.txt (make deps
# installs it; the source and the VM's image are fetched at that version).
set -eu

trees="6.1 6.12"
top=$(cd "$(dirname "$0")/../.." && pwd)

resolve() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' | head -n 1
}

tree=${1:-${NFT_TEST_KERNEL:-6.1}}
case "$tree" in
--trees)
	echo "$trees"
	exit 0
	;;
6.1)
	abi=$(resolve)
	if [ -z "$abi" ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		abi=$(resolve)
	fi
	if [ -z "$abi" ]; then
		echo "kabi.sh: cannot resolve the bookworm kernel ABI from apt (linux-image-amd64)" >&2
		exit 1
	fi
	;;
6.12)
	abi=$(sed -n 's/^linux-headers-\(6\.12\.[^ ]*-amd64\)$/\1/p' "$top/kernel/deps.txt" | head -n 1)
	if [ -z "$abi" ]; then
		echo "kabi.sh: kernel/deps.txt pins no linux-headers-6.12.*-amd64" >&2
		exit 1
	fi
	;;
*)
	echo "kabi.sh: unknown kernel tree '$tree' (known: $trees)" >&2
	exit 1
	;;
esac
echo "$abi"
