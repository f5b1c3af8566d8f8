#!/bin/bash
# prepare-source.sh - extract the files the series needs from Debian's
# linux-source-TREE into a pristine tree, once per source version.
#
#   scripts/prepare-source.sh BUILD_DIR TREE ABI FILE...
#
# The source is the one the ABI's kernel was built from: linux-source-TREE
# at the version of the linux-headers-ABI package (the same source package
# builds both, e.g. 6.1.192-3 for 6.1.0-57-amd64, 6.12.117-1~deb12u1 for
# 6.12.117+deb12-amd64).  The .deb is fetched with "apt-get download" into
# BUILD_DIR/cache.  Only FILE... and the few top-level files checkpatch.pl
# wants are extracted, into BUILD_DIR/src/pristine-VERSION/.  The path of
# the pristine tree is printed on stdout.
set -eu

build=$1
tree=$2
abi=$3
shift 3

pkg=linux-source-$tree
cache=$build/cache
mkdir -p "$cache"

headers_version() {
	apt-cache show "linux-headers-$abi" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1
}
version=$(headers_version)
if [ -z "$version" ]; then
	apt-get update -qq >/dev/null 2>&1 || true
	version=$(headers_version)
fi
if [ -z "$version" ]; then
	echo "prepare-source.sh: apt knows no linux-headers-$abi (is bookworm-security in sources.list?)" >&2
	exit 1
fi

deb=$cache/${pkg}_${version/:/%3a}_all.deb
if [ ! -s "$deb" ]; then
	echo "  FETCH   $pkg $version" >&2
	# apt's sandbox user cannot write here; that only costs a warning.
	(cd "$cache" && apt-get download -q "$pkg=$version" 2>&1 |
		grep -v 'unsandboxed as root' >&2) || true
	if [ ! -s "$deb" ]; then
		echo "prepare-source.sh: apt-get download $pkg=$version failed" >&2
		exit 1
	fi
fi

tree=$build/src/pristine-$version
if [ ! -f "$tree/.complete" ]; then
	echo "  EXTRACT $pkg $version (only the files the series needs)" >&2
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	top="COPYING CREDITS Kbuild MAINTAINERS Makefile README"
	top="$top scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch"
	members=()
	for f in $top "$@"; do
		members+=("$pkg/$f")
	done
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$tree.tmp" --strip-components=1 "${members[@]}"
	# checkpatch.pl checks that it runs at the top of a kernel tree.
	mkdir -p "$tree.tmp"/{Documentation,arch,drivers,fs,include,init,ipc,kernel,lib}
	echo "$version" > "$tree.tmp/.complete"
	mv "$tree.tmp" "$tree"
fi

echo "$tree"
