#!/bin/sh
# run-fuzz.sh FUZZER SECONDS CORPUS - a short libFuzzer run in unit-test form:
# prints PASS/FAIL/SKIP and a closing "N passed, N failed, N skipped" line.
fuzzer=$1 secs=$2 corpus=$3
name=$(basename "$fuzzer")
if [ ! -x "$fuzzer" ]; then
	echo "SKIP $name: not built (needs clang with libFuzzer)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$corpus"/* "$work"/ 2>/dev/null
if "$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	-artifact_prefix="$(dirname "$fuzzer")/" "$work" > "$work.log" 2>&1; then
	echo "PASS $name: $(grep -Eo 'Done [0-9]+ runs' "$work.log" | tail -n 1) in ${secs}s"
	rm -f "$work.log"
	echo "1 passed, 0 failed, 0 skipped"
	exit 0
fi
tail -n 40 "$work.log"
rm -f "$work.log"
echo "FAIL $name (crash input saved next to the fuzzer)"
echo "0 passed, 1 failed, 0 skipped"
exit 1
