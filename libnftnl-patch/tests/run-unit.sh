#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-unit.sh PROGRAM... [-- NAME:FUZZER:SECONDS | "NAME:-REASON" ...]
#
# Runs the unit-test programs (each prints PASS/FAIL/SKIP lines and its own
# "N passed, N failed, N skipped"), then each fuzzer for SECONDS on a corpus
# seeded next to it, and prints the per-case lines and one closing line
# summed over everything.  A program that crashes or exits non-zero without
# counting a failure counts as one failure.
set -u
passed=0 failed=0 skipped=0
in_fuzz=0

for arg in "$@"; do
	if [ "$arg" = "--" ]; then
		in_fuzz=1
		continue
	fi
	if [ $in_fuzz = 0 ]; then
		name=$(basename "$arg")
		out=$("$arg" 2>&1)
		rc=$?
		summary=$(printf '%s\n' "$out" | tail -n 1)
		printf '%s\n' "$out" | sed '$d' |
			sed -e "s#^PASS #PASS $name: #" -e "s#^FAIL #FAIL $name: #" \
			    -e "s#^SKIP #SKIP $name: #"
		case $summary in
		*" passed, "*" failed, "*" skipped")
			set -- $summary
			passed=$((passed + $1)) failed=$((failed + $3))
			skipped=$((skipped + $5))
			if [ $rc -ne 0 ] && [ "$3" -eq 0 ]; then
				echo "FAIL $name: exit status $rc"
				failed=$((failed + 1))
			fi
			;;
		*)
			printf '%s\n' "$summary"
			echo "FAIL $name: ended without a summary (exit status $rc)"
			failed=$((failed + 1))
			;;
		esac
		continue
	fi
	name=${arg%%:*}
	rest=${arg#*:}
	fuzzer=${rest%%:*}
	case $fuzzer in
	-*)
		echo "SKIP $name: ${fuzzer#-}"
		skipped=$((skipped + 1))
		continue
		;;
	esac
	secs=${rest#*:}
	corpus=$(dirname "$fuzzer")/$name.corpus
	mkdir -p "$corpus"
	if "$fuzzer" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
		-max_len=2048 -artifact_prefix="$corpus.crash-" "$corpus" \
		> "$corpus.log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$corpus.log" | tail -n 1)
		echo "PASS $name: ${runs:-ran} in ${secs}s, no crash"
		passed=$((passed + 1))
	else
		echo "FAIL $name: the fuzzer found a crash or leak; see $corpus.log"
		tail -n 30 "$corpus.log"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
