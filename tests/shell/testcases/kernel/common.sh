# common.sh - shared set-up of the kernel series' VM tests (sourced, not run).
#
# Loads the patched modules, names the test programs, gives a temporary
# folder and a cleanup that stops background jobs, deletes the namespaces the
# test made, flushes the ruleset and restores the stock modules.  A test that
# needs more cleanup defines test_cleanup().
. "$NFT_TEST_TOPDIR/tests/shell/helpers/kmod.sh"

# uhelper-obj: the kernel series' own netlink object tool; uhelper-nfq: the
# project's test listener, a thin client of nft-helperd's queue core.
OBJ=$NFT_TEST_TOPDIR/kernel/build/tests/uhelper-obj
NFQ=$NFT_TEST_BUILDDIR/tests/tools/uhelper-nfq
[ -x "$OBJ" ] || { echo "SKIP: $OBJ is not built (make -C kernel)"; exit 77; }
[ -x "$NFQ" ] || { echo "SKIP: $NFQ is not built (make -C tests)"; exit 77; }

tmp=$(mktemp -d)
NETNS=()
DMESG_MARK="nft-uhelper-test-$$-$RANDOM"

kernel_cleanup() {
	local rc=$? ns
	declare -F test_cleanup >/dev/null && test_cleanup
	kill $(jobs -p) 2>/dev/null
	wait 2>/dev/null
	for ns in "${NETNS[@]}"; do
		ip netns exec "$ns" $NFT flush ruleset 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	$NFT flush ruleset
	kmod_restore || rc=1
	rm -rf "$tmp"
	exit $rc
}
trap kernel_cleanup EXIT

kmod_use_patched || exit 1
echo "$DMESG_MARK" > /dev/kmsg

# dmesg_clean: no oops, WARN, BUG, fortify, slab poison or refcount
# complaint since the test began (slub_debug reports "BUG kmalloc-N ...:
# Poison overwritten"; a call through freed memory faults at 0x6b6b...)
dmesg_clean() {
	local bad
	bad=$(dmesg | sed -n "/$DMESG_MARK/,\$p" |
	      grep -E 'WARNING:|BUG[: ]|Oops|refcount_t|general protection|KASAN|RCU stall|fortify|buffer overflow|Poison overwritten|Redzone|Object padding|FreePointer|6b6b6b6b' )
	if [ -n "$bad" ]; then
		echo "FAIL: the kernel complained:"
		echo "$bad"
		return 1
	fi
	return 0
}

# poison_note: say whether freed memory is poisoned in this boot (the
# use-after-free tests then fault instead of reading stale data)
poison_note() {
	case " $(cat /proc/cmdline) " in
	*" slub_debug="*[PZ]*) echo "slab poisoning: on ($(tr ' ' '\n' < /proc/cmdline | grep slub_debug))" ;;
	*) echo "slab poisoning: off (run-in-vm.sh boots with VM_APPEND; see docs/testing.md)" ;;
	esac
}

netns_add() {	# NAME: a namespace with loopback up, deleted on exit
	ip netns add "$1" || return 1
	NETNS+=("$1")
	ip -n "$1" link set lo up
}

# serve PORT [NS]: answer connections on PORT with "ok", until killed
serve() {
	local port=$1 ns=${2:-}
	${ns:+ip netns exec $ns} busybox nc -ll -p "$port" -e sh -c 'read l; echo "ok $l"' \
		> /dev/null 2>&1 &
	# wait until it listens
	for i in $(seq 50); do
		${ns:+ip netns exec $ns} ss -ltn "sport = :$port" 2>/dev/null | grep -q LISTEN && return 0
		sleep 0.1
	done
	echo "server on port $port did not start"
	return 1
}

# talk PORT [NS] [ADDR]: one connection, prints the answer (empty on failure)
talk() {
	local port=$1 ns=${2:-} addr=${3:-127.0.0.1}
	echo "hello" | ${ns:+ip netns exec $ns} timeout 5 busybox nc -w 2 "$addr" "$port" 2>/dev/null
}

# listen LOG ARGS...: start uhelper-nfq in the background, wait until bound;
# its pid is in $LISTENER (stop it with unlisten)
listen() {
	local log=$1
	shift
	"$NFQ" "$@" > "$log" 2>&1 &
	LISTENER=$!
	for i in $(seq 50); do
		grep -q '^listening' "$log" && return 0
		sleep 0.1
	done
	echo "uhelper-nfq did not bind: $(cat "$log")"
	return 1
}

# listen_in NS LOG ARGS...: the same inside namespace NS
listen_in() {
	local ns=$1 log=$2
	shift 2
	ip netns exec "$ns" "$NFQ" "$@" > "$log" 2>&1 &
	LISTENER=$!
	for i in $(seq 50); do
		grep -q '^listening' "$log" && return 0
		sleep 0.1
	done
	echo "uhelper-nfq did not bind in $ns: $(cat "$log")"
	return 1
}

# assign TABLE-FAMILY TABLE OBJECT PORT [NS]: an output chain that assigns
# OBJECT to new connections to PORT (after conntrack, which is at -200)
assign() {
	local family=$1 table=$2 obj=$3 port=$4 ns=${5:-}
	${ns:+ip netns exec $ns} $NFT -f - <<EOT
add chain $family $table out { type filter hook output priority filter; policy accept; }
add rule $family $table out tcp dport $port ct helper set "$obj"
EOT
}

# unlisten: stop the listener started last, and wait for it
unlisten() {
	kill "$LISTENER" 2>/dev/null
	wait "$LISTENER" 2>/dev/null
}
