#!/bin/bash
# demo.sh - nft-helperd end to end, for "make demo".
#
# In the test VM (stock Debian 6.1 kernel; started through
# tests/vm/run-in-vm.sh when called outside it): a client, a router and a
# server namespace; on the router a ruleset with forward policy drop that
# only lets FTP control connections in and, via "ct helper set", hands them
# to the user-space "ftp" helper that nft-helperd registers and services.
# A real vsftpd and a real ftp client then transfer a file in passive and
# in active mode.  Printed: the ruleset, nft-helperd's log lines, the
# expectations the kernel got, the transfer results, PASS or FAIL.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${NFT_TEST_IN_VM:-}" != y ]; then
	exec "$top/tests/vm/run-in-vm.sh" --timeout 600 -- "$top/helper-runtime/demo.sh" "$@"
fi
cd "$top" || exit 1
. "$top/tests/lib/router-net.sh"	# sets NFT: the project's nft when built
trap hd_cleanup EXIT

say() { printf '\n=== %s\n' "$*"; }
[ -x "$HELPERD" ] || { echo "FAIL: nft-helperd is not built ($HELPERD): make -C helper-runtime"; exit 1; }

say "Kernel $(uname -r); nft: $NFT; nft-helperd: $($HELPERD --version)"
hd_no_kernel_helpers
hd_topology || { echo "FAIL: could not build the namespaces"; exit 1; }
hd_vsftpd_start || { echo "FAIL: vsftpd"; exit 1; }

say "nft-helperd's declarations (compatible mode): $HD_TMP/helpers.nft"
hd_helpers_file
sed -n '1,8p;$p' "$HD_TMP/helpers.nft"
hd_daemon_start || { echo "FAIL: nft-helperd did not start"; exit 1; }

say "Router ruleset (loaded with $NFT after nft-helperd registered the helper)"
hd_ruleset assign || { echo "FAIL: router ruleset"; exit 1; }
in_r $NFT list ruleset

in_r conntrack -E expect > "$HD_TMP/expect.log" 2>&1 &
fail=0
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

sleep 0.5
say "Expectations the kernel received (conntrack -E expect, in the router)"
grep NEW "$HD_TMP/expect.log" || { echo "(none)"; fail=1; }
say "nft-helperd log"
hd_daemon_counters >/dev/null
cat "$HD_TMP/daemon.log"

say "Negative control: the same ruleset without \"ct helper set\""
in_r $NFT flush ruleset
hd_ruleset noassign
HD_FTP_TIMEOUT=10
if hd_ftp_get $SERVER4 passive; then
	echo "the transfer went through without the helper: FAIL"; fail=1
else
	echo "transfer result: blocked, as it must be (control connection logged in: $(hd_ftp_logged_in && echo yes || echo no))"
fi

echo
if [ $fail = 0 ]; then echo "PASS"; else echo "FAIL"; fi
exit $fail
