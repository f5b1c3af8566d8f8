#!/bin/bash
# demo.sh [native|compat] - nft-helperd end to end, for "make demo" (native)
# and "make demo-compat".
#
# In the test VM (started through tests/vm/run-in-vm.sh when called outside
# it): a client, a router and a server namespace; the router forwards with
# policy drop, lets FTP control connections and TFTP requests in and, via
# "ct helper set", hands them to user-space helpers that nft-helperd
# services.  A real vsftpd / tftpd and real clients then transfer files in
# passive and active mode, over IPv4 and IPv6.
#
#   native  the kernel/ series' patched modules; the ruleset itself declares
#           the user-space helpers (examples/router-native.nft, loaded with
#           the project's nft -f); nft-helperd starts with no configuration
#           and finds, binds and serves the objects
#   compat  Debian's stock 6.1 modules; nft-helperd -f registers ftp and
#           tftp through nfnetlink_cthelper and an ordinary ct helper object
#           (stock syntax) assigns them
#
# Printed: the ruleset as "nft list ruleset" shows it, nft-helperd's log, the
# expectations the kernel got, each transfer's result, a negative control
# (no "ct helper set": the data connection is blocked) and PASS or FAIL.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-native}
case "$mode" in
native|compat) ;;
*) echo "usage: $0 [native|compat]" >&2; exit 2 ;;
esac
if [ "${NFT_TEST_IN_VM:-}" != y ]; then
	exec "$top/tests/vm/run-in-vm.sh" --timeout 600 -- "$top/helper-runtime/demo.sh" "$mode"
fi
cd "$top" || exit 1
export NFT_TEST_TOPDIR=$top
. "$top/tests/lib/router-net.sh"	# sets NFT: the project's nft when built

say() { printf '\n=== %s\n' "$*"; }
[ -x "$HELPERD" ] || { echo "FAIL: nft-helperd is not built ($HELPERD): make -C helper-runtime"; exit 1; }

if [ "$mode" = native ]; then
	. "$top/tests/shell/helpers/kmod.sh"
	[ "$NFT" = "$top/nft-patch/build/nft" ] ||
		{ echo "FAIL: the native demo needs the project's nft (make -C nft-patch)"; exit 1; }
	kmod_use_patched || { echo "FAIL: cannot load the patched modules (make -C kernel)"; exit 1; }
	HD_NATIVE=y	# hd_cleanup restores the stock modules
fi
trap hd_cleanup EXIT

say "Kernel $(uname -r); mode: $mode; nft: $NFT; nft-helperd: $($HELPERD --version)"
hd_no_kernel_helpers
hd_topology || { echo "FAIL: could not build the namespaces"; exit 1; }
hd_vsftpd_start || { echo "FAIL: vsftpd"; exit 1; }
hd_tftpd_start || { echo "FAIL: tftpd"; exit 1; }

# queue_bound N: the router's queue N has a listener
queue_bound() {
	in_r cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null | grep -q "^ *$1 "
}

if [ "$mode" = native ]; then
	say "nft-helperd, started with no configuration on an empty ruleset"
	hd_native_daemon_start || { echo "FAIL: nft-helperd did not start"; exit 1; }
	cat "$HD_TMP/daemon.log"

	say "Router ruleset, loaded with: $NFT -f helper-runtime/examples/router-native.nft"
	in_r $NFT -f "$top/helper-runtime/examples/router-native.nft" ||
		{ echo "FAIL: router ruleset"; exit 1; }
	for i in $(seq 100); do
		queue_bound 0 && queue_bound 1 && queue_bound 2 && break
		sleep 0.1
	done
	queue_bound 0 && queue_bound 1 && queue_bound 2 ||
		{ cat "$HD_TMP/daemon.log"; echo "FAIL: nft-helperd did not bind queues 0-2"; exit 1; }
	in_r $NFT list ruleset
	say "What nft-helperd found and bound (its log)"
	cat "$HD_TMP/daemon.log"
else
	say "nft-helperd's declarations (compatible mode): $HD_TMP/helpers.nft"
	hd_helpers_file
	cat "$HD_TMP/helpers.nft"
	hd_daemon_start || { echo "FAIL: nft-helperd did not start"; exit 1; }
	say "Router ruleset (loaded with $NFT after nft-helperd registered the helpers)"
	hd_ruleset assign || { echo "FAIL: router ruleset"; exit 1; }
	in_r $NFT list ruleset
fi

fail=0
hd_expect_events "$HD_TMP/expect.log" || fail=1
session() {	# NAME HOST MODE [COMMAND]
	local client=$CLIENT4
	case "$2" in *:*) client=$CLIENT6 ;; esac
	say "FTP session: $1 (client $client -> server $2)"
	if hd_ftp_get "$2" "$3" "${4:-}"; then
		echo "transfer result: OK, data.bin received intact ($(stat -c %s "$HD_TMP/got.bin") bytes)"
	else
		echo "transfer result: FAILED"; fail=1
	fi
	awk '/^=== ftp/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' \
		"$HD_TMP/ftp.log" | grep -E '^(227|229|200 (PORT|EPRT)|150|226) '
}
session "passive (EPSV)" $SERVER4 passive
session "passive (PASV)" $SERVER4 passive "epsv4 off"
session "active (PORT)" $SERVER4 active "epsv4 off"
session "active (EPRT), IPv6" $SERVER6 active

say "TFTP get (client $CLIENT4 -> server $SERVER4; the server answers from a new port)"
if hd_tftp get $SERVER4; then
	echo "transfer result: OK, data.bin received intact ($(stat -c %s "$HD_TMP/tgot.bin") bytes)"
else
	echo "transfer result: FAILED"; fail=1
fi

sleep 0.5
say "Expectations the kernel received (conntrack -E expect, in the router)"
grep NEW "$HD_TMP/expect.log" || { echo "(none)"; fail=1; }
if [ "$mode" = native ]; then
	n=$(grep NEW "$HD_TMP/expect.log" | grep -c 'helper=ftp$')
	[ "$n" -ge 4 ] || { echo "FAIL: $n ftp expectations, 4 expected"; fail=1; }
fi
say "nft-helperd log and counters"
hd_daemon_counters >/dev/null
cat "$HD_TMP/daemon.log"

say "Negative control: the same ruleset without \"ct helper set\""
in_r $NFT flush ruleset
if [ "$mode" = native ]; then
	sed '/ct helper set/s/ct helper set "[a-z-]*" //' \
		"$top/helper-runtime/examples/router-native.nft" > "$HD_TMP/noassign.nft"
	grep -E 'dport (21|69)' "$HD_TMP/noassign.nft"
	in_r $NFT -f "$HD_TMP/noassign.nft" || { echo "FAIL: ruleset without assignment"; exit 1; }
else
	hd_ruleset noassign
fi
HD_FTP_TIMEOUT=10
if hd_ftp_get $SERVER4 passive; then
	echo "the transfer went through without the helper: FAIL"; fail=1
else
	echo "transfer result: blocked, as it must be (control connection logged in: $(hd_ftp_logged_in && echo yes || echo no))"
fi

echo
if [ $fail = 0 ]; then echo "PASS"; else echo "FAIL"; fi
exit $fail
