#!/bin/bash
# check.sh - run every test suite, print a summary per suite and the total.
#
# Suites, in order: the C unit tests of each component ("make -C X check",
# which builds what it needs), tests/py against our nft, our nft built with
# ASan+UBSan, and stock nft, tests/shell on the host against our nft and
# stock nft, tests/shell in the test VM.  A suite that ends
# without its closing line counts as one failure.  The last line is
# "N passed, N failed, N skipped"; the exit status is 1 if anything failed.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logdir=$top/build/check
mkdir -p "$logdir"
components="tests kernel libnftnl-patch nft-patch helper-runtime"
closing='^([A-Za-z0-9_/-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'

names=() results=()
total_p=0 total_f=0 total_s=0

# run_suite NAME COMMAND...: stream its output, keep a log, count its line
run_suite() {
	local name=$1 log line p f s rc
	shift
	log=$logdir/$(echo "$name" | tr '/ ' '__').log
	echo
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E "$closing" "$log" | tail -n 1)
	if [ -n "$line" ]; then
		line=${line#*: }
		p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
		s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped$/\1/p')
		s=${s:-0}
		# a suite that exits non-zero has failed, whatever it counted
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
			echo "=== $name exited $rc after reporting no failure: counted as 1 failure"
		fi
	else
		p=0 f=1 s=0
		echo "=== $name ended (exit $rc) without a closing line: counted as 1 failure"
	fi
	names+=("$name")
	results+=("$p passed, $f failed, $s skipped")
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
}

for c in $components; do
	[ -f "$c/Makefile" ] || continue
	run_suite "unit/$c" make --no-print-directory -C "$c" check
done

if [ -x tests/py/nft-test.py ]; then
	if [ -x nft-patch/build/nft ]; then
		run_suite "py/ours" env NFT="$top/nft-patch/build/nft" tests/py/nft-test.py
		# nft-test.py counts any sanitizer report as a failure
		if make --no-print-directory -C nft-patch nft-asan > "$logdir/nft-asan-build.log" 2>&1; then
			run_suite "py/ours-asan" env NFT="$top/nft-patch/build/asan/nft" tests/py/nft-test.py
		else
			echo "py/ours-asan: cannot build nft with ASan+UBSan:"
			tail -n 20 "$logdir/nft-asan-build.log"
			run_suite "py/ours-asan" false
		fi
	fi
	run_suite "py/stock" env NFT=/usr/sbin/nft tests/py/nft-test.py
fi

run_suite "shell/host" tests/shell/run-tests.sh --host
run_suite "shell/host-stock" env NFT=/usr/sbin/nft tests/shell/run-tests.sh --host
run_suite "shell/vm" tests/shell/run-tests.sh --vm

echo
echo "=== summary"
for i in "${!names[@]}"; do
	printf '%-22s %s\n' "${names[$i]}" "${results[$i]}"
done
echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" -eq 0 ]
