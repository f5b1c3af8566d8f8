#!/bin/bash
# prepare-source.sh - extract the files the series needs from Debian's
# linux-source-6.1 into a pristine tree, once per source version.
#
#   scripts/prepare-source.sh BUILD_DIR FILE...
#
# The .deb is fetched with "apt-get download" into BUILD_DIR/cache (the
# candidate version of linux-source-6.1, so a new 6.1.y is picked up when
# apt's lists move).  Only FILE... and the few top-level files checkpatch.pl
# wants are extracted, into BUILD_DIR/src/pristine-VERSION/.  The path of
# the pristine tree is printed on stdout.
set -eu

build=$1
shift

pkg=linux-source-6.1
cache=$build/cache
mkdir -p "$cache"

version=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
	apt-get update -qq >/dev/null 2>&1 || true
	version=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
fi
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
	echo "prepare-source.sh: apt knows no $pkg (is bookworm main in sources.list?)" >&2
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
		members+=("linux-source-6.1/$f")
	done
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO ./usr/src/linux-source-6.1.tar.xz |
		tar -xJ -C "$tree.tmp" --strip-components=1 "${members[@]}"
	# checkpatch.pl checks that it runs at the top of a kernel tree.
	mkdir -p "$tree.tmp"/{Documentation,arch,drivers,fs,include,init,ipc,kernel,lib}
	echo "$version" > "$tree.tmp/.complete"
	mv "$tree.tmp" "$tree"
fi

echo "$tree"
