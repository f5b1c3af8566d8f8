#!/bin/bash
# series.sh - print the patch series of one kernel tree, one path a line,
# in the order it is applied.
#
#   scripts/series.sh TREE        e.g. 6.1, 6.12
#
# The common series is patches/*.patch in name order, written against 6.1.
# A tree with a patches/TREE/series file gets what that file says (its own
# delta patches, "common", "drop GLOB"); a tree without one gets the common
# series.  A named patch that does not exist, an unknown line or a "drop"
# that matches nothing is an error: the series must be exactly what the
# file says.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:?usage: series.sh TREE}
dir=$here/patches/$tree
list=$dir/series

common() {
	local p
	for p in "$here"/patches/*.patch; do
		[ -f "$p" ] && echo "$p"
	done
}

if [ ! -f "$list" ]; then
	common
	exit 0
fi

drops=()
while read -r word arg rest; do
	case "$word" in
	''|'#'*) ;;
	drop) drops+=("$arg") ;;
	esac
done < "$list"

dropped() {	# NAME: true if a drop glob matches it
	local g
	for g in "${drops[@]}"; do
		# shellcheck disable=SC2254
		case "$1" in $g) return 0 ;; esac
	done
	return 1
}

for g in "${drops[@]}"; do
	found=n
	while read -r p; do
		case "$(basename "$p")" in $g) found=y ;; esac
	done < <(common)
	if [ $found = n ]; then
		echo "series.sh: $list: 'drop $g' matches no common patch" >&2
		exit 1
	fi
done

n=0
while read -r word arg rest; do
	n=$((n + 1))
	case "$word" in
	''|'#'*|drop) ;;
	common)
		while read -r p; do
			dropped "$(basename "$p")" || echo "$p"
		done < <(common)
		;;
	*.patch)
		if [ -n "$arg" ] || [ ! -f "$dir/$word" ]; then
			echo "series.sh: $list:$n: no patch '$word $arg' in $dir" >&2
			exit 1
		fi
		echo "$dir/$word"
		;;
	*)
		echo "series.sh: $list:$n: cannot read '$word $arg $rest'" >&2
		exit 1
		;;
	esac
done < "$list"
