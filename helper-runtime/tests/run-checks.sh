#!/bin/sh
# run-checks.sh - run helper-runtime's test programs and fuzz targets and
# print one closing line "N passed, N failed, N skipped" over all of them.
#
#   run-checks.sh UNIT_BIN... [-- FUZZ_SPEC...]
# A UNIT_BIN prints PASS/FAIL/SKIP lines and a closing summary line;
# "SKIP:name:reason" stands for a test that cannot run here.
# A FUZZ_SPEC is "name:binary:seconds" (binary "-" + reason = skipped).
pass=0 fail=0 skip=0
add() { # from a unit summary line
	set -- $1
	pass=$((pass + $1)); fail=$((fail + $3)); skip=$((skip + $5))
}
fuzz=0
for t in "$@"; do
	if [ "$t" = "--" ]; then fuzz=1; continue; fi
	case "$t" in
	SKIP:*)	# "SKIP:name:reason": a test that cannot run here, and why
		t=${t#SKIP:}; echo "SKIP ${t%%:*}: ${t#*:}"; skip=$((skip + 1))
		continue ;;
	esac
	if [ $fuzz = 0 ]; then
		out=$("$t" 2>&1); rc=$?
		# name each case after its program (plain and -asan runs)
		printf '%s\n' "$out" | sed '$d' |
			sed "s#^\(PASS\|FAIL\|SKIP\) #\1 $(basename "$t")/#"
		last=$(printf '%s\n' "$out" | tail -n 1)
		case "$last" in
		*" passed, "*" failed, "*" skipped") add "$last"
			if [ $rc -ne 0 ] && [ "$(echo "$last" | cut -d' ' -f3)" = 0 ]; then
				echo "FAIL $(basename "$t"): exit status $rc"; fail=$((fail + 1))
			fi ;;
		*) echo "FAIL $(basename "$t"): no summary line (exit $rc)"
		   fail=$((fail + 1)) ;;
		esac
	else
		name=${t%%:*}; rest=${t#*:}; bin=${rest%%:*}; secs=${rest#*:}
		case "$bin" in
		-*) echo "SKIP $name: ${bin#-}"; skip=$((skip + 1)); continue ;;
		esac
		dir=$(dirname "$bin")/$name.corpus
		mkdir -p "$dir"
		if "$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
			"$dir" > "$dir.log" 2>&1; then
			echo "PASS $name ($(grep -c . "$dir.log") log lines, ${secs}s)"
			pass=$((pass + 1))
		else
			echo "FAIL $name: see $dir.log"; tail -n 20 "$dir.log"
			fail=$((fail + 1))
		fi
	fi
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
