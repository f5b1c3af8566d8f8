#!/bin/bash
# apply-series.sh - apply a tree's series (scripts/series.sh) in order to a
# copy of that tree.
#
#   scripts/apply-series.sh PRISTINE_TREE OUT_TREE PATCH...
#
# OUT_TREE is replaced by a fresh copy of PRISTINE_TREE, then every patch is
# first tried with "patch -p1 --dry-run" and then applied, without fuzz:
# a hunk may move (offsets), but all its context lines must match.  Any
# hunk that does not apply stops everything with the patch's name and
# patch's own message: the series must be refreshed for the new source (or
# get a delta in patches/TREE/), never half applied.
set -eu

pristine=$1
out=$2
shift 2

rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -a "$pristine" "$out"

for p in "$@"; do
	name=$(basename "$p")
	if ! msg=$(cd "$out" && patch -p1 --dry-run --batch --forward --fuzz=0 < "$p" 2>&1); then
		echo "apply-series.sh: $name does not apply to $(cat "$out/.complete"):" >&2
		echo "$msg" >&2
		exit 1
	fi
	(cd "$out" && patch -p1 --batch --forward --fuzz=0 --quiet --no-backup-if-mismatch < "$p")
	echo "  PATCH   $name" >&2
done
