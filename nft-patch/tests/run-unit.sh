#!/bin/sh
# run-unit.sh BINARY... - run unit-test binaries, echo their per-test lines
# and close with one total "N passed, N failed, N skipped" line.
# A binary that crashes or prints no summary counts as one failure.
passed=0 failed=0 skipped=0
for bin in "$@"; do
	echo "== $bin"
	out=$($bin 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed '$d'
	last=$(printf '%s\n' "$out" | tail -n 1)
	set -- $last
	if [ "$2" = "passed," ] && [ "$4" = "failed," ]; then
		passed=$((passed + $1)) failed=$((failed + $3)) skipped=$((skipped + $5))
		[ "$rc" -ne 0 ] && [ "$3" -eq 0 ] && failed=$((failed + 1))
	else
		printf '%s\n' "$last"
		echo "FAIL $bin (exit $rc, no summary line)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
