#!/bin/bash
# nft-load.sh - benchmark: load a large conntrack-helper ruleset with our nft
# and with stock nft, each in a fresh network namespace, several rounds.
#
#   tests/bench/nft-load.sh [--rules N] [--objects N] [--rounds N]
#
# Prints, for each nft, the median wall time and median peak RSS of
# "nft -f FILE", then the ratios ours/stock (target: <= 1.0 for both).
# Variants alternate in every round so that machine noise hits both alike.
# A benchmark, not a test: it asserts nothing about the figures, but it
# fails if either nft fails to load the ruleset.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
rules=10000 objects=1000 rounds=7
while [ $# -gt 0 ]; do
	case "$1" in
	--rules) rules=$2; shift 2 ;;
	--objects) objects=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	*) echo "usage: $0 [--rules N] [--objects N] [--rounds N]" >&2; exit 2 ;;
	esac
done

ours=${NFT_OURS:-$top/nft-patch/build/nft}
stock=${NFT_STOCK:-/usr/sbin/nft}
[ -x "$ours" ] || { echo "nft-load: our nft is not built ($ours): make -C nft-patch" >&2; exit 1; }

work=$top/build/bench
mkdir -p "$work"
file=$work/ruleset-$rules-$objects.nft
"$top/tests/bench/gen-ruleset.sh" "$rules" "$objects" > "$file"
echo "ruleset: $rules rules, $objects ct helper objects ($(wc -l < "$file") lines)"

# one_run NFT: prints "SECONDS MAX-RSS-KB" of loading the file in a new netns
one_run() {
	local out
	out=$(unshare -n /usr/bin/time -f 'TIME %e %M' "$1" -f "$file" 2>&1) ||
		{ echo "nft-load: $1 failed to load the ruleset:" >&2; echo "$out" >&2; return 1; }
	sed -n 's/^TIME //p' <<<"$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$work/ours.txt"
: > "$work/stock.txt"
for r in $(seq "$rounds"); do
	if [ $((r % 2)) -eq 1 ]; then order="ours stock"; else order="stock ours"; fi
	for v in $order; do
		if [ "$v" = ours ]; then one_run "$ours"; else one_run "$stock"; fi >> "$work/$v.txt"
	done
done

t_ours=$(cut -d' ' -f1 "$work/ours.txt" | median)
t_stock=$(cut -d' ' -f1 "$work/stock.txt" | median)
m_ours=$(cut -d' ' -f2 "$work/ours.txt" | median)
m_stock=$(cut -d' ' -f2 "$work/stock.txt" | median)
printf '%-6s median time %6.3f s   median peak RSS %8d KiB   (%d rounds)\n' ours "$t_ours" "$m_ours" "$rounds"
printf '%-6s median time %6.3f s   median peak RSS %8d KiB\n' stock "$t_stock" "$m_stock"
awk -v a="$t_ours" -v b="$t_stock" -v c="$m_ours" -v d="$m_stock" 'BEGIN {
	printf "ratio ours/stock: time %.2f, peak memory %.2f (target <= 1.00)\n", (b > 0 ? a / b : 0), (d > 0 ? c / d : 0) }'
