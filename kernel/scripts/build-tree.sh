#!/bin/bash
# build-tree.sh - build the patched modules of one kernel tree.
#
#   scripts/build-tree.sh BUILD_DIR TREE
#
# Resolves the tree's ABI (tests/vm/kabi.sh TREE) and series
# (scripts/series.sh TREE), extracts the files the series touches from
# linux-source-TREE (scripts/prepare-source.sh), applies the series
# without fuzz (scripts/apply-series.sh), makes sure linux-headers-ABI is
# installed (scripts/headers.sh) and builds the modules against it
# (scripts/build-modules.sh).  Outputs, all under BUILD_DIR/TREE/:
#   modules/*.ko, modules/abi    the modules and the ABI they are for
#   uapi/linux/netfilter/        the patched uapi header
#   src/patched/, kbuild/        the patched files, the Kbuild folder
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=$1
tree=$2
out=$build/$tree

abi=$("$here/../tests/vm/kabi.sh" "$tree")
mapfile -t patches < <("$here/scripts/series.sh" "$tree")
[ ${#patches[@]} -gt 0 ] || { echo "build-tree.sh: no series for $tree" >&2; exit 1; }
# The files the series touches, plus what they include from their folder.
files=$(sed -n 's|^+++ b/||p' "${patches[@]}" | sort -u)

echo "  TREE    $tree ($abi)" >&2
pristine=$("$here/scripts/prepare-source.sh" "$build" "$tree" "$abi" \
	$files net/netfilter/nf_internals.h)
"$here/scripts/apply-series.sh" "$pristine" "$out/src/patched" "${patches[@]}"
headers=$("$here/scripts/headers.sh" "$abi")
"$here/scripts/build-modules.sh" "$out/src/patched" "$headers" "$out/kbuild" \
	"$out/modules" "${patches[@]}"
echo "$abi" > "$out/modules/abi"
mkdir -p "$out/uapi/linux/netfilter"
cp "$out/src/patched/include/uapi/linux/netfilter/nf_tables.h" \
	"$out/uapi/linux/netfilter/nf_tables.h"
