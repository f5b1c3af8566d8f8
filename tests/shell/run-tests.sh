#!/bin/bash
# run-tests.sh - the shell test suite runner, in the nftables tests/shell format.
#
#   tests/shell/run-tests.sh [--host | --vm] [-v] [--timeout S] [TEST-OR-DIR...]
#
# A testcase is an executable tests/shell/testcases/<area>/<name>_<N>.  It uses
# $NFT unquoted; exit 0 is a pass, 77 a skip (the reason is what it printed),
# anything else a failure.  When testcases/<area>/dumps/<name>_<N>.nft exists,
# "$NFT list ruleset" after a passing test must equal it.  Every test runs in
# a fresh network namespace.
#
# A header line "# NFT_TEST_REQUIRES(NFT_TEST_HAVE_<feature>)" names what a
# test needs.  Tests whose features this kernel lacks (the host has no
# nfnetlink_cthelper, no module loading) run inside the test VM
# (tests/vm/run-in-vm.sh): all of them in one boot per kernel, on each
# kernel tree NFT_TEST_KERNEL names (default "6.1 6.12": Debian bookworm's
# 6.1 and 6.12, each with its build of the kernel series); each result line
# names the kernel ([6.12]).  Inside the VM a test whose features are
# still missing is skipped with the reason.
# Features of the nft binary rather than the kernel (project_nft: $NFT is
# this project's front-end, not stock nft) never send a test to the VM; a
# test lacking one is skipped wherever it would run.
#
#   --host      run only the tests that can run on this kernel
#   --vm        run only the tests that need the VM (one boot)
#   -v          print every test's output, not only failures'
#   --timeout S per-test time limit (default 600); a test past it fails
#
# NFT defaults to the project's nft (nft-patch/build/nft) when it is built,
# else /usr/sbin/nft; set NFT=... to choose.  The closing line is
# "N passed, N failed, N skipped"; the exit status is 1 if anything failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export NFT_TEST_TOPDIR=$top
export NFT_TEST_BUILDDIR=$top/build
logdir=$top/build/tests/shell

mode=all
verbose=n
test_timeout=${NFT_TEST_TIMEOUT:-600}
vm_timeout=${NFT_TEST_VM_TIMEOUT:-3600}
args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--host) mode=host ;;
	--vm) mode=vm ;;
	--inside-vm) mode=inside-vm ;;
	-v) verbose=y ;;
	--timeout) test_timeout=$2; shift ;;
	-h|--help) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	-*) echo "run-tests.sh: unknown option '$1'" >&2; exit 2 ;;
	*) args+=("$1") ;;
	esac
	shift
done

if [ -z "${NFT:-}" ]; then
	if [ -x "$top/nft-patch/build/nft" ]; then
		NFT=$top/nft-patch/build/nft
	else
		NFT=/usr/sbin/nft
	fi
fi
export NFT

# --- the tests to run --------------------------------------------------------
list_tests() {
	local a
	[ ${#args[@]} -gt 0 ] || args=("$here/testcases")
	for a in "${args[@]}"; do
		if [ -d "$a" ]; then
			find "$a" -type f -perm -u+x -not -path '*/dumps/*' | sort
		elif [ -f "$a" ]; then
			echo "$a"
		else
			echo "run-tests.sh: no such test: $a" >&2
			return 1
		fi
	done
}
mapfile -t tests < <(list_tests) || exit 2
[ ${#tests[@]} -gt 0 ] || { echo "run-tests.sh: no tests found" >&2; exit 2; }

# --- features ----------------------------------------------------------------
# Each probe answers for the kernel we run on, in a throw-away netns.
probe_cthelper() { unshare -n nfct list helper >/dev/null 2>&1; }
probe_patched_nft_ct() {
	[ -e /proc/modules ] &&
		[ -f "$top/kernel/build/${NFT_TEST_KERNEL:-6.1}/modules/nft_ct.ko" ]
}
# The user-space ct helper syntax and our deliberate differences from stock.
probe_project_nft() { $NFT -v 2>/dev/null | grep -q '(conntrack-helper front-end)'; }
nft_features=" project_nft "
declare -A have=()
feature_have() {
	local f=$1
	if [ -z "${have[$f]:-}" ]; then
		if declare -F "probe_$f" >/dev/null && "probe_$f"; then
			have[$f]=y
		else
			have[$f]=n
		fi
		export "NFT_TEST_HAVE_$f=${have[$f]}"
	fi
	[ "${have[$f]}" = y ]
}
required_features() {
	sed -n 's/^# *NFT_TEST_REQUIRES(NFT_TEST_HAVE_\([A-Za-z0-9_]*\)).*/\1/p' "$1"
}
# prints the first missing feature of a test, nothing if it has all;
# with "kernel", only the features that decide where the test runs
missing_feature() {
	local f
	for f in $(required_features "$1"); do
		[ "${2:-}" != kernel ] || [ "${nft_features/ $f /}" = "$nft_features" ] || continue
		feature_have "$f" || { echo "$f"; return; }
	done
}

# --- running one test --------------------------------------------------------
passed=0 failed=0 skipped=0
rel() { echo "${1#"$top"/}"; }
# inside the VM every result line names the kernel tree it ran on
ktag=
[ "$mode" != inside-vm ] || ktag="[${NFT_TEST_KERNEL:-6.1}] "

run_one() {
	local t=$1 name dump log rc out
	t=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
	name=$(rel "$t")
	dump=$(dirname "$t")/dumps/$(basename "$t").nft
	log=$logdir/${ktag:+vm-${NFT_TEST_KERNEL:-6.1}/}${name#tests/shell/testcases/}.log
	out=$log.ruleset
	mkdir -p "$(dirname "$log")"
	[ -f "$dump" ] || dump=

	timeout -k 10 "$test_timeout" unshare -n bash -c '
		ip link set lo up 2>/dev/null
		"$1"; rc=$?
		if [ "$rc" -eq 0 ] && [ -n "$2" ]; then
			$NFT list ruleset > "$3" 2>&1 || rc=$?
		fi
		exit $rc' run-one "$t" "$dump" "$out" > "$log" 2>&1
	rc=$?

	if [ "$rc" -eq 0 ] && [ -n "$dump" ] && ! diff -u "$dump" "$out" >> "$log" 2>&1; then
		echo "ruleset differs from $(rel "$dump") (diff above)" >> "$log"
		rc=1
	fi
	case "$rc" in
	0)
		passed=$((passed + 1))
		echo "[OK]      $ktag$name"
		[ "$verbose" = n ] || sed 's/^/    /' "$log"
		;;
	77)
		skipped=$((skipped + 1))
		echo "[SKIPPED] $ktag$name: $(tail -n 1 "$log")"
		;;
	*)
		failed=$((failed + 1))
		[ "$rc" -ne 124 ] || echo "timed out after ${test_timeout}s" >> "$log"
		echo "[FAILED]  $ktag$name (exit $rc)"
		tail -n 40 "$log" | sed 's/^/    /'
		;;
	esac
}

skip_one() {
	skipped=$((skipped + 1))
	echo "[SKIPPED] $ktag$(rel "$1"): $2"
}

run_or_skip() {	# TEST WHERE-KERNEL-LACKS
	local f
	f=$(missing_feature "$1")
	if [ -z "$f" ]; then
		run_one "$1"
	elif [ "${nft_features/ $f /}" != "$nft_features" ]; then
		skip_one "$1" "needs NFT_TEST_HAVE_$f, which $NFT lacks"
	else
		skip_one "$1" "needs NFT_TEST_HAVE_$f, which $2"
	fi
}

summary() {
	echo "${1:-}$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}

# --- where each test runs ----------------------------------------------------
host_tests=() vm_tests=()
for t in "${tests[@]}"; do
	if [ "$mode" = inside-vm ] || [ -z "$(missing_feature "$t" kernel)" ]; then
		host_tests+=("$t")
	else
		vm_tests+=("$t")
	fi
done

if [ "$mode" = inside-vm ]; then
	for t in "${host_tests[@]}"; do
		run_or_skip "$t" "this VM kernel lacks"
	done
	# the host runner reads this line and adds it to its own count
	summary "vm: "
	exit
fi

# The kernel trees the VM tests run on, one boot each.  Host tests that
# boot a VM themselves (foundation/vm_*) boot the first one.
kernels=${NFT_TEST_KERNEL:-$("$top/tests/vm/kabi.sh" --trees)}
export NFT_TEST_KERNEL=${kernels%% *}

# Tests run in network namespaces without a network: get the VMs' kernels
# (a download) before any of them, so that tests booting a VM find them.
for k in $kernels; do
	if ! NFT_TEST_KERNEL=$k "$top/tests/vm/prepare.sh"; then
		echo "run-tests.sh: cannot prepare the test VM ($k)" >&2
		exit 1
	fi
done

if [ "$mode" != vm ]; then
	[ "$mode" = host ] || echo "== tests/shell on the host ($(uname -r), NFT=$NFT)"
	for t in "${host_tests[@]}"; do
		run_or_skip "$t" "the host lacks"
	done
fi

# run_vm KERNEL: the VM tests in one boot of that kernel tree
run_vm() {
	local k=$1 vmlog vm_rc last
	echo "== tests/shell in the test VM, kernel $k ($(NFT_TEST_KERNEL=$k "$top/tests/vm/kabi.sh")): ${#vm_tests[@]} tests, one boot"
	# a file of this run's own: runs at the same time must not read each
	# other's count
	vmlog=$(mktemp "$logdir/vm-run.XXXXXX") || exit 2
	vmargs=()
	[ "$verbose" = n ] || vmargs+=(-v)
	# freed slab memory poisoned and checked, so that a use-after-free
	# faults or is reported instead of reading stale data (the kernel
	# tests' dmesg_clean fails on either); NFT_TEST_VM_APPEND= turns it off
	SECONDS=0
	NFT_TEST_KERNEL=$k "$top/tests/vm/run-in-vm.sh" --timeout "$vm_timeout" \
		--append "${NFT_TEST_VM_APPEND-slub_debug=FZPU}" -- \
		"$here/run-tests.sh" --inside-vm --timeout "$test_timeout" "${vmargs[@]}" \
		"${vm_tests[@]}" | tee "$vmlog"
	vm_rc=${PIPESTATUS[0]}
	last=$(sed -n 's/^vm: \([0-9]* passed, [0-9]* failed, [0-9]* skipped\)$/\1/p' "$vmlog" | tail -n 1)
	# the newest run's output also under a fixed name, for people
	cp -f "$vmlog" "$logdir/vm-run-$k.log" 2>/dev/null
	rm -f "$vmlog"
	if [ -n "$last" ]; then
		echo "== kernel $k: $last (${SECONDS} s)"
		set -- $last
		passed=$((passed + $1)) failed=$((failed + $3)) skipped=$((skipped + $5))
	else
		echo "[FAILED]  [$k] the test VM did not finish the suite (run-in-vm.sh exit $vm_rc): ${#vm_tests[@]} tests counted as failed"
		failed=$((failed + ${#vm_tests[@]}))
	fi
}

if [ "$mode" != host ] && [ ${#vm_tests[@]} -gt 0 ]; then
	mkdir -p "$logdir"
	for k in $kernels; do
		run_vm "$k"
	done
fi

summary
