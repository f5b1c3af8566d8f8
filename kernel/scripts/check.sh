#!/bin/bash
# check.sh - the kernel component's checks (make -C kernel check).
#
#   scripts/check.sh BUILD_DIR TREE...
#
# For each kernel tree (6.1, 6.12; its series from scripts/series.sh, its
# ABI from tests/vm/kabi.sh):
# 1. the series applies, patch by patch and without fuzz, to a freshly
#    extracted linux-source-TREE (patch -p1 --dry-run, then for real so the
#    next one sees its context), and also to a copy whose touched files are
#    shifted by 37 lines;
# 2. every patch is checkpatch.pl --strict clean and signed off (the
#    checkpatch.pl of that same tree; a common patch is checked once, with
#    the first tree's);
# 3. the patched modules build against linux-headers-ABI without warnings
#    or undefined symbols, and carry the ABI's vermagic.
# Then, once:
# 4. the test programs build with -Wall -Wextra -Werror;
# 5. the unit tests (kernel/unit/*.c) pass.
# Prints one line per check, naming the tree, and, last,
# "N passed, N failed, N skipped".
set -u

build=$1
shift
trees=("$@")
here=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$here/.." && pwd)

pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); echo "PASS: $*"; }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
logroot=$build/check
rm -rf "$logroot"
declare -A checkpatched=()

check_tree() {	# TREE
	local tree=$1 abi log files pristine fresh applied p name shifted f ko vermagic
	local -a patches
	log=$logroot/$tree
	mkdir -p "$log"
	if ! abi=$("$top/tests/vm/kabi.sh" "$tree" 2> "$log/kabi.log"); then
		cat "$log/kabi.log"
		bad "[$tree] kernel ABI resolved"
		return
	fi
	if ! mapfile -t patches < <("$here/scripts/series.sh" "$tree" 2> "$log/series.log") ||
	   [ -s "$log/series.log" ] || [ ${#patches[@]} -eq 0 ]; then
		cat "$log/series.log"
		bad "[$tree] series list read"
		return
	fi
	set -- "${patches[@]}"
	files=$(sed -n 's|^+++ b/||p' "$@" | sort -u)
	if pristine=$("$here/scripts/prepare-source.sh" "$build" "$tree" "$abi" $files net/netfilter/nf_internals.h 2> "$log/prepare.log"); then
		ok "[$tree] linux-source-$tree $(cat "$pristine/.complete") fetched and extracted"
	else
		cat "$log/prepare.log"
		bad "[$tree] linux-source-$tree fetched and extracted"
		pristine=
	fi

	if [ -n "$pristine" ]; then
		fresh=$log/fresh
		cp -a "$pristine" "$fresh"
		applied=y
		for p in "$@"; do
			name=$(basename "$p")
			if [ $applied = n ]; then
				bad "[$tree] ${p#"$here"/patches/} applies (an earlier patch did not)"
				continue
			fi
			if (cd "$fresh" && patch -p1 --dry-run --batch --forward --fuzz=0 < "$p" > "$log/$name.dry" 2>&1) &&
			   (cd "$fresh" && patch -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch < "$p" > "$log/$name.apply" 2>&1); then
				ok "[$tree] ${p#"$here"/patches/} applies with patch -p1 --fuzz=0"
			else
				cat "$log/$name.dry"
				bad "[$tree] ${p#"$here"/patches/} applies with patch -p1 --fuzz=0"
				applied=n
			fi
		done
		# The next stable update moves code around: the series must not depend on
		# line numbers.  Shift every touched file by 37 lines and apply again.
		shifted=$log/shifted
		cp -a "$pristine" "$shifted"
		for f in $files; do
			sed -i '1r /dev/stdin' "$shifted/$f" < <(yes '' | head -n 37)
		done
		if (cd "$shifted" && for p in "$@"; do
			patch -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch < "$p" || exit 1
		    done) > "$log/shifted.log" 2>&1; then
			ok "[$tree] the series applies to files shifted by 37 lines (no line-number dependence)"
		else
			cat "$log/shifted.log"
			bad "[$tree] the series applies to files shifted by 37 lines (no line-number dependence)"
		fi

		for p in "$@"; do
			name=$(basename "$p")
			[ -z "${checkpatched[$p]:-}" ] || continue
			checkpatched[$p]=$tree
			# The extracted tree is no kernel git repository: commit ids
			# cited in changelogs (Fixes:, upstream fixes) cannot be
			# looked up there, so that one check is left out.
			(cd "$pristine" && perl scripts/checkpatch.pl --strict --no-signoff -q \
				--ignore UNKNOWN_COMMIT_ID "$p") > "$log/$name.checkpatch" 2>&1
			# --no-signoff only keeps the output short; sign-offs are checked here.
			if grep -q '^Signed-off-by: ' "$p" &&
			   ! grep -qE '^(ERROR|WARNING|CHECK):' "$log/$name.checkpatch"; then
				ok "[$tree] ${p#"$here"/patches/} is checkpatch.pl --strict clean"
			else
				grep -q '^Signed-off-by: ' "$p" || echo "  $name has no Signed-off-by"
				cat "$log/$name.checkpatch"
				bad "[$tree] ${p#"$here"/patches/} is checkpatch.pl --strict clean"
			fi
		done
	fi

	if make -C "$here" --no-print-directory modules TREES="$tree" > "$log/modules.log" 2>&1; then
		ok "[$tree] patched modules build out of tree against linux-headers-$abi"
		for ko in "$build/$tree"/modules/*.ko; do
			vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
			if [ "${vermagic%% *}" = "$abi" ]; then
				ok "[$tree] $(basename "$ko") vermagic is $abi"
			else
				bad "[$tree] $(basename "$ko") vermagic '$vermagic' is not $abi"
			fi
		done
	else
		cat "$log/modules.log"
		bad "[$tree] patched modules build out of tree against linux-headers-$abi"
	fi
}

for tree in "${trees[@]}"; do
	check_tree "$tree"
done
log=$logroot

if make -C "$here" --no-print-directory programs TREES="${trees[*]}" > "$log/programs.log" 2>&1; then
	ok "test programs build with -Wall -Wextra -Werror"
else
	cat "$log/programs.log"
	bad "test programs build with -Wall -Wextra -Werror"
fi

# Unit tests: each prints its own lines and closing line; add its counts.
for src in "$here"/unit/*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	bin=$build/unit/$name
	mkdir -p "$build/unit"
	if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror -I"$build/${trees[0]}/uapi" -I"$top/tests/unit" \
		-o "$bin" "$src" > "$log/$name.cc" 2>&1; then
		cat "$log/$name.cc"
		bad "$name builds"
		continue
	fi
	out=$("$bin" 2>&1)
	echo "$out" | sed '$d'
	last=$(echo "$out" | tail -n 1)
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		skip=$((skip + BASH_REMATCH[3]))
	else
		echo "$last"
		bad "$name printed no closing line"
	fi
done

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
