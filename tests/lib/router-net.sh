# router-net.sh - client / router / server network namespaces with FTP and
# TFTP servers and a helper daemon in the router: the shared set-up of the
# nft-helperd end-to-end tests (tests/shell/testcases/helperd), the demo
# (helper-runtime/demo.sh) and the helper benchmark (tests/bench/
# helperd-bench.sh).  Source it from bash; it is not a test itself.
#
# Three network namespaces, client -- router -- server, joined by veth pairs:
#   client 10.0.1.2 fd00:1::2  ==  10.0.1.1 fd00:1::1  router
#   router 10.0.2.1 fd00:2::1  ==  10.0.2.2 fd00:2::2  server
# The router forwards with policy drop; what it lets through is decided by
# the ruleset loaded with $NFT (hd_ruleset or the caller's own).  Names carry
# the caller's pid, so several users can run at once.  hd_cleanup (set it as
# the EXIT trap) removes everything again: ruleset, daemon, background jobs,
# helper registrations, namespaces, the scratch directory $HD_TMP.
#
#   in_c / in_r / in_s CMD...     run CMD in the client / router / server
#   hd_skip_unless_ready          exit 77 (skip) without nft-helperd or tools
#   hd_topology                   create the namespaces
#   hd_no_kernel_helpers          unload nf_conntrack_{ftp,tftp}, then
#                                 hd_unregister_helpers: drop user-space
#                                 registrations of ftp/tftp
#   hd_helpers_file [bypass]      nft-helperd's declarations: ftp queue 0,
#                                 tftp queue 1, l3proto inet
#   hd_daemon_start [ARGS...]     nft-helperd in the router, until it serves
#   hd_daemon_spawn LOG CMD...    any daemon in the router ($HD_DAEMON_PID)
#   hd_daemon_stop                SIGTERM it and wait
#   hd_wait_registered TYPE QUEUE until user-space helper TYPE on QUEUE is
#                                 registered, enabled and its queue bound
#   hd_daemon_counters            the daemon's counter lines (SIGUSR1)
#   hd_ruleset assign|noassign    the router's ruleset, with or without
#                                 "ct helper set" for ports 21 and 69
#   hd_vsftpd_start               anonymous vsftpd: data.bin (300000 bytes),
#                                 small.bin (1 KiB); no login delays or
#                                 client limits (the benchmark needs none)
#   hd_ftp_get HOST MODE [CMD]    fetch data.bin with the ftp client
#   hd_ftp_logged_in              did the last dialogue log in?
#   hd_tftpd_start, hd_tftp get|put HOST     the same for TFTP
#   hd_report                     print the daemon's and the client's logs
#   hd_expect_events LOG          conntrack -E expect in the router into LOG,
#                                 returning once it is subscribed
# Native mode (patched kernel modules, kmod.sh):
#   hd_native_modules             load the patched nft_ct (skip outside the
#                                 VM); hd_cleanup restores the stock ones
#   hd_native_filter              table inet filter: forward policy drop,
#                                 established/related and dports 21/69 pass
#   hd_native_object NAME TYPE PROTO QUEUE[-LAST] [bypass] [PRIV]
#                                 a user-space ct helper object in table
#                                 inet fw (created when missing), private
#                                 data PRIV (default 32) bytes
#   hd_native_assign NAME PORT    fw's prerouting: "ct helper set NAME"
#                                 for tcp/udp dport PORT (by the object's
#                                 protocol; creates the chain)
#   hd_native_daemon_start [ARGS] nft-helperd (native) in the router, until
#                                 it follows the ruleset
#   hd_wait_log COUNT PATTERN     until the daemon log has COUNT such lines
#   hd_ftp_session_start / hd_ftp_session CMD / hd_ftp_session_wait N PAT
#                                 one long FTP session driven line by line

HD_TOP=${NFT_TEST_TOPDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
HELPERD=${NFT_HELPERD:-$HD_TOP/helper-runtime/build/nft-helperd}
# the project's nft when built (the tests get $NFT from their runner)
if [ -z "${NFT:-}" ]; then
	NFT=/usr/sbin/nft
	[ -x "$HD_TOP/nft-patch/build/nft" ] && NFT=$HD_TOP/nft-patch/build/nft
fi
HD_ID=$$
C=hdc$HD_ID R=hdr$HD_ID S=hds$HD_ID
CLIENT4=10.0.1.2 SERVER4=10.0.2.2 CLIENT6=fd00:1::2 SERVER6=fd00:2::2
HD_TMP=$(mktemp -d /tmp/helperd.XXXXXX)
chmod 755 "$HD_TMP"
HD_DAEMON_PID=
HD_EXTRA_CLEANUP=

in_c() { ip netns exec "$C" "$@"; }
in_r() { ip netns exec "$R" "$@"; }
in_s() { ip netns exec "$S" "$@"; }

hd_skip_unless_ready() {
	[ -x "$HELPERD" ] || { echo "SKIP: nft-helperd is not built ($HELPERD)"; exit 77; }
	local t
	for t in ip conntrack nfct vsftpd ftp in.tftpd tftp python3; do
		command -v "$t" >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }
	done
}

hd_cleanup() {
	set +e
	[ -n "$HD_EXTRA_CLEANUP" ] && eval "$HD_EXTRA_CLEANUP"
	in_r $NFT flush ruleset 2>/dev/null
	hd_daemon_stop
	kill $(jobs -p) 2>/dev/null
	wait 2>/dev/null
	hd_unregister_helpers
	ip netns del "$C" 2>/dev/null
	ip netns del "$R" 2>/dev/null
	ip netns del "$S" 2>/dev/null
	rm -rf "$HD_TMP"
	# after every ruleset that used nft_ct is gone
	[ -n "${HD_NATIVE:-}" ] && kmod_restore
}

# User-space ftp/tftp registrations a killed daemon left behind (helper
# registrations are global, not per namespace).
hd_unregister_helpers() {
	local fam
	for fam in inet inet6; do
		nfct delete helper ftp $fam tcp 2>/dev/null
		nfct delete helper tftp $fam udp 2>/dev/null
	done
	return 0
}

hd_topology() {
	ip netns add "$C" && ip netns add "$R" && ip netns add "$S" || return 1
	ip link add hdc0 netns "$C" type veth peer name hdr0 netns "$R" || return 1
	ip link add hds0 netns "$S" type veth peer name hdr1 netns "$R" || return 1
	in_c ip addr add $CLIENT4/24 dev hdc0
	in_c ip addr add $CLIENT6/64 dev hdc0 nodad
	in_r ip addr add 10.0.1.1/24 dev hdr0
	in_r ip addr add fd00:1::1/64 dev hdr0 nodad
	in_r ip addr add 10.0.2.1/24 dev hdr1
	in_r ip addr add fd00:2::1/64 dev hdr1 nodad
	in_s ip addr add $SERVER4/24 dev hds0
	in_s ip addr add $SERVER6/64 dev hds0 nodad
	local ns
	for ns in "$C" "$R" "$S"; do
		ip netns exec "$ns" ip link set lo up
		ip netns exec "$ns" sh -c 'for l in /sys/class/net/hd*; do ip link set ${l##*/} up; done'
	done
	in_c ip route add default via 10.0.1.1
	in_c ip -6 route add default via fd00:1::1
	in_s ip route add default via 10.0.2.1
	in_s ip -6 route add default via fd00:2::1
	in_r sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

# No kernel helper of the same name may be loaded: it excludes ours (EBUSY).
hd_no_kernel_helpers() {
	modprobe -r nf_nat_ftp nf_conntrack_ftp nf_nat_tftp nf_conntrack_tftp 2>/dev/null
	hd_unregister_helpers
}

# hd_helpers_file [bypass]: the daemon's declarations (project syntax).
hd_helpers_file() {
	local bypass=${1-}
	cat > "$HD_TMP/helpers.nft" <<EOT
table inet helperd {
	ct helper ftp-us {
		type "ftp" protocol tcp
		l3proto inet
		userspace queue 0 $bypass
		expectation "ftp" size 8 timeout 60s
	}
	ct helper tftp-us {
		type "tftp" protocol udp
		l3proto inet
		userspace queue 1 $bypass
		expectation "tftp" size 8 timeout 60s
	}
}
EOT
}

# hd_daemon_spawn LOG CMD...: CMD in the router, output appended to LOG.
# Not through in_r: a backgrounded function is a subshell, and $! must be
# the daemon itself (ip netns exec execs it) for the signals callers send.
hd_daemon_spawn() {
	local log=$1
	shift
	ip netns exec "$R" "$@" >> "$log" 2>&1 &
	HD_DAEMON_PID=$!
}

hd_daemon_stop() {
	if [ -n "$HD_DAEMON_PID" ] && kill -0 "$HD_DAEMON_PID" 2>/dev/null; then
		kill -TERM "$HD_DAEMON_PID"
		wait "$HD_DAEMON_PID" 2>/dev/null
	fi
	HD_DAEMON_PID=
}

# hd_daemon_until PATTERN CMD...: CMD as the router's daemon (log:
# $HD_TMP/daemon.log), until the log has one more line matching PATTERN;
# 1 if it exits first or 10 s pass.
hd_daemon_until() {
	local pattern=$1 before i
	shift
	: >> "$HD_TMP/daemon.log"
	before=$(grep -c -- "$pattern" "$HD_TMP/daemon.log")
	hd_daemon_spawn "$HD_TMP/daemon.log" "$@"
	for i in $(seq 100); do
		[ "$(grep -c -- "$pattern" "$HD_TMP/daemon.log")" -gt "$before" ] &&
			return 0
		kill -0 "$HD_DAEMON_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "nft-helperd did not start:"; cat "$HD_TMP/daemon.log"
	return 1
}

# hd_daemon_start [ARGS...]: nft-helperd in the router, until it serves.
hd_daemon_start() {
	[ -f "$HD_TMP/helpers.nft" ] || hd_helpers_file
	hd_daemon_until 'info: serving' "$HELPERD" -f "$HD_TMP/helpers.nft" "$@"
}

# hd_wait_registered TYPE QUEUE: for daemons that do not say when they serve
# (conntrackd, nft-helperd -q): TYPE registered on QUEUE and enabled, the
# queue bound in the router.  1 if the daemon exits or 15 s pass.
hd_wait_registered() {
	local i
	for i in $(seq 150); do
		if in_r cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null | grep -q "^ *$2 " &&
		   nfct list helper 2>/dev/null | tr -d '\n\t' |
			grep -q "\.name = $1,\.queuenum = $2,.*status = enabled"; then
			return 0
		fi
		kill -0 "$HD_DAEMON_PID" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}

hd_daemon_counters() {	# prints the counter lines of one SIGUSR1
	local before
	before=$(grep -c 'counters:' "$HD_TMP/daemon.log")
	kill -USR1 "$HD_DAEMON_PID" || return 1
	for i in $(seq 50); do
		[ "$(grep -c 'counters:' "$HD_TMP/daemon.log")" -ge $((before + 2)) ] && break
		sleep 0.1
	done
	sleep 0.2	# one print, several lines (per helper type, per queue)
	grep 'counters:' "$HD_TMP/daemon.log" | tail -n +$((before + 1))
}

# hd_ruleset assign|noassign: the router's ruleset, stock syntax.  The ct
# helper objects name the types nft-helperd registered; they must be
# created after that (else the kernel loads its own ftp/tftp helper).
hd_ruleset() {
	local set_ftp="" set_tftp=""
	if [ "$1" = assign ]; then
		set_ftp='ct helper set "ftp-us"'
		set_tftp='ct helper set "tftp-us"'
	fi
	in_r $NFT -f - <<EOT
table inet router {
	ct helper ftp-us {
		type "ftp" protocol tcp
		l3proto inet
	}
	ct helper tftp-us {
		type "tftp" protocol udp
		l3proto inet
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		tcp dport 21 $set_ftp accept
		udp dport 69 $set_tftp accept
	}
}
EOT
}

# --- FTP ---
hd_vsftpd_start() {
	mkdir -p "$HD_TMP/ftproot" "$HD_TMP/empty"
	head -c 300000 /dev/urandom > "$HD_TMP/ftproot/data.bin"
	head -c 1024 /dev/urandom > "$HD_TMP/ftproot/small.bin"
	chmod 755 "$HD_TMP/ftproot" "$HD_TMP/empty"
	chmod 644 "$HD_TMP/ftproot/data.bin" "$HD_TMP/ftproot/small.bin"
	cat > "$HD_TMP/vsftpd.conf" <<EOT
listen=NO
listen_ipv6=YES
background=NO
anonymous_enable=YES
no_anon_password=YES
local_enable=NO
write_enable=NO
anon_root=$HD_TMP/ftproot
secure_chroot_dir=$HD_TMP/empty
ftp_username=ftp
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40999
port_enable=YES
connect_from_port_20=NO
seccomp_sandbox=NO
connect_timeout=5
accept_timeout=5
data_connection_timeout=10
idle_session_timeout=60
xferlog_enable=NO
max_clients=0
max_per_ip=0
max_login_fails=100
delay_failed_login=0
delay_successful_login=0
EOT
	in_s vsftpd "$HD_TMP/vsftpd.conf" > "$HD_TMP/vsftpd.log" 2>&1 &
	local i
	for i in $(seq 50); do
		in_s ss -ltn 2>/dev/null | grep -q ':21 ' && return 0
		sleep 0.1
	done
	echo "vsftpd did not start:"; cat "$HD_TMP/vsftpd.log"
	return 1
}

# hd_ftp_get HOST MODE [EXTRA-COMMAND]: fetch data.bin; MODE passive|active.
# 0 when the file arrived intact.  The client's dialogue goes to
# $HD_TMP/ftp.log (appended), with a header line.
hd_ftp_get() {
	local host=$1 mode=$2 extra=${3:-} flag=-p out=$HD_TMP/got.bin
	[ "$mode" = active ] && flag=-A
	rm -f "$out"
	echo "=== ftp $host $mode ${extra:-}" >> "$HD_TMP/ftp.log"
	printf 'user anonymous x\n%s\nbinary\nget data.bin %s\nquit\n' "$extra" "$out" |
		timeout ${HD_FTP_TIMEOUT:-20} ip netns exec "$C" ftp -n -v $flag "$host" >> "$HD_TMP/ftp.log" 2>&1
	cmp -s "$out" "$HD_TMP/ftproot/data.bin"
}

# Did the last ftp dialogue log in (control connection working)?
hd_ftp_logged_in() {
	awk '/^=== ftp/ { n = 0 } /^230 / { n = 1 } END { exit !n }' "$HD_TMP/ftp.log"
}

# hd_expect_events LOG: the router's expectation events into LOG.  Returns
# once the listener is subscribed (a netlink socket of NETLINK_NETFILTER,
# 12, in the router with the NFNLGRP_CONNTRACK_EXP_NEW bit, 0x8, in its
# groups): a session started earlier would have its expectation missed.
hd_expect_events() {
	local i sk eth pid groups rest
	in_r conntrack -E expect > "$1" 2>&1 &
	for i in $(seq 50); do
		while read -r sk eth pid groups rest; do
			[ "$eth" = 12 ] && [ $((0x$groups & 0x8)) != 0 ] && return 0
		done < <(in_r cat /proc/net/netlink)
		sleep 0.1
	done
	echo "conntrack -E expect did not subscribe"
	return 1
}

hd_report() {	# print the logs, for the record and for failures
	echo "--- nft-helperd log"; cat "$HD_TMP/daemon.log" 2>/dev/null
	echo "--- ftp client log (last 40 lines)"; tail -n 40 "$HD_TMP/ftp.log" 2>/dev/null
}

# --- TFTP ---
hd_tftpd_start() {
	mkdir -p "$HD_TMP/tftproot"
	chmod 777 "$HD_TMP/tftproot"
	head -c 100000 /dev/urandom > "$HD_TMP/tftproot/data.bin"
	head -c 70000 /dev/urandom > "$HD_TMP/up.bin"
	chmod 644 "$HD_TMP/tftproot/data.bin"
	# ":69" binds both families
	in_s in.tftpd -L -a :69 -s -c -u root "$HD_TMP/tftproot" > "$HD_TMP/tftpd.log" 2>&1 &
	local i
	for i in $(seq 50); do
		[ "$(in_s ss -lun 2>/dev/null | grep -c ':69 ')" -ge 2 ] && return 0
		sleep 0.1
	done
	echo "tftpd did not start:"; cat "$HD_TMP/tftpd.log"
	return 1
}

# hd_tftp get|put HOST: 0 when the file arrived intact.
hd_tftp() {
	local op=$1 host=$2 fam=-4 name
	case "$host" in *:*) fam=-6 ;; esac
	if [ "$op" = get ]; then
		rm -f "$HD_TMP/tgot.bin"
		timeout ${HD_TFTP_TIMEOUT:-15} ip netns exec "$C" tftp $fam -m binary "$host" \
			-c get data.bin "$HD_TMP/tgot.bin" >> "$HD_TMP/tftp.log" 2>&1 &&
			cmp -s "$HD_TMP/tgot.bin" "$HD_TMP/tftproot/data.bin"
	else
		name=up$RANDOM.bin
		timeout ${HD_TFTP_TIMEOUT:-15} ip netns exec "$C" tftp $fam -m binary "$host" \
			-c put "$HD_TMP/up.bin" "$name" >> "$HD_TMP/tftp.log" 2>&1 &&
			cmp -s "$HD_TMP/up.bin" "$HD_TMP/tftproot/$name"
	fi
}

# --- native mode ---
# User-space objects are declared with $NFT, which must be the project's nft
# (stock nft does not know the syntax).
hd_native_modules() {
	. "$HD_TOP/tests/shell/helpers/kmod.sh"
	[ "$NFT" = "$HD_TOP/nft-patch/build/nft" ] ||
		{ echo "SKIP: native mode tests need the project's nft (make -C nft-patch), not $NFT"; exit 77; }
	kmod_use_patched || exit 1
	HD_NATIVE=y
}

hd_native_filter() {
	in_r $NFT -f - <<EOT
table inet filter {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		tcp dport 21 accept
		udp dport 69 accept
	}
}
EOT
}

hd_native_object() {	# NAME TYPE PROTO QUEUE[-LAST] [bypass] [PRIV]
	local name=$1 type=$2 proto=$3 q=$4 bypass=${5:-} priv=${6:-32}
	in_r $NFT add table inet fw || return 1
	in_r $NFT add ct helper inet fw "$name" "{ type \"$type\" protocol $proto;" \
		"userspace queue $q $bypass; private $priv;" \
		"expectation \"$type\" size 8 timeout 60s; }"
}

hd_native_assign() {	# NAME PORT PROTO
	in_r $NFT -f - <<EOT
table inet fw {
	chain pre {
		type filter hook prerouting priority filter; policy accept;
		$3 dport $2 ct helper set "$1"
	}
}
EOT
}

hd_native_daemon_start() {
	hd_daemon_until 'native mode: following' "$HELPERD" "$@"
}

hd_wait_log() {	# COUNT PATTERN [LOG]: until LOG has COUNT lines matching
	local i log=${3:-$HD_TMP/daemon.log}
	for i in $(seq 100); do
		[ "$(grep -c -- "$2" "$log")" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# A long FTP session: commands written one by one into a fifo.
hd_ftp_session_start() {	# HOST
	trap '' PIPE
	mkfifo "$HD_TMP/cmds"
	timeout 120 ip netns exec "$C" ftp -n -v -p "$1" < "$HD_TMP/cmds" \
		> "$HD_TMP/session.log" 2>&1 &
	exec 7> "$HD_TMP/cmds"
	HD_EXTRA_CLEANUP='exec 7>&-'
	echo "user anonymous x" >&7
	echo "binary" >&7
	hd_ftp_session_wait 1 '^230 '
}
hd_ftp_session() { echo "$*" >&7; }
hd_ftp_session_wait() {	# COUNT PATTERN
	local i
	for i in $(seq 150); do
		[ "$(grep -c -- "$2" "$HD_TMP/session.log")" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
