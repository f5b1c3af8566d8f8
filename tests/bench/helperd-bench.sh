#!/bin/bash
# helperd-bench.sh - FTP helper benchmark: the kernel's nf_conntrack_ftp,
# conntrackd's cthelper and nft-helperd, servicing the same router.
#
#   tests/bench/helperd-bench.sh [--rounds N] [--sessions N] [--transfers N]
#                                [--parallel N] [--saturate-seconds N]
#                                [--variants "kernel conntrackd nft-helperd [null]
#                                             [nft-helperd-native] [null-native]"]
#                                [--profile]
#   defaults: 5 rounds, 200 sessions, 5 transfers, 8 parallel, 10 s
#
# Boots the test VM once when called outside it (make bench-helperd does the
# same).  Client, router and server namespaces from tests/lib/router-net.sh;
# the router's ruleset (hd_ruleset assign, the same for every variant) drops
# forwarded traffic except port 21 and established/related, and assigns the
# "ftp" helper to port 21.  Who serves that helper:
#   kernel       nf_conntrack_ftp (loaded for the ct helper object)
#   conntrackd   Debian's conntrackd, "Setup yes", ftp on queue 0
#   nft-helperd  nft-helperd -q in compatible mode, ftp on queue 0
#   null         (only if named) a user-space helper that does nothing:
#                "ftp" registered with nfct, queue 0 served by
#                uhelper-nfq --null (read each packet's id, accept all
#                with one batch verdict per receive).  It opens no data
#                connection, so the router also accepts the passive ports
#                for it.  No user-space helper can cost less: its figures
#                bound what any runtime can reach on this machine
#   nft-helperd-native  (only if named) native mode: the ruleset itself
#                declares ftp as a user-space ct helper object (queue 0,
#                the project's nft) and nft-helperd, started with no
#                configuration, finds and serves it
#   null-native  (only if named) the do-nothing listener on queue 0 of such
#                an object: the bound of any native-mode runtime
# When a native variant is named, every variant of the run uses the kernel/
# series' patched nft_ct and nf_conntrack_netlink (so all compare on the same
# modules); native objects queue only segments with payload by default,
# which is why "queued packets/session" is printed for every user-space
# variant.
# Both daemons are started the same way from this shell, so they run at the
# same scheduling priority (printed); both declare ftp for IPv4 and IPv6,
# 8 expectations, 60 s.  Per round the variants run in rotated order; per
# variant and round (client: build/tests/bench/ftp-load):
#   seq  SESSIONS sequential sessions: login, TRANSFERS passive RETR of
#        1 KiB, QUIT
#   par  the same spread over PARALLEL clients
#   sat  PARALLEL logged-in control connections sending NOOP as fast as the
#        server answers, for SECONDS: every segment goes through the helper
# A short unmeasured warm-up comes first.
# Measured: sessions/s, data connections/s; helper CPU (the daemon's
# utime+stime, all threads, and utime alone: the rest is kernel work done in
# its syscalls, including forwarding the re-injected packets) per session
# and per queued packet; all-CPU busy
# time (/proc/stat, softirq included: where the kernel helper runs) per
# session and per packet; queued packets (nfnetlink_queue's id sequence);
# forwarded packets (the router's veth counters; in "sat" these are all
# control packets, i.e. what the helper sees, for the kernel helper too).
# Prints one line per measurement, then medians over rounds with the ratios
# nft-helperd/conntrackd and nft-helperd/kernel, and the issue's targets.
# --profile: perf record -a (linux-perf, cpu-clock) during every "sat"
# workload, then the share of samples per command and the daemon's own
# samples by symbol, kernel included: where a queued packet's cost goes.  perf disturbs what it watches, so figures of a
# profiled run are for that run only.
# A benchmark, not a test: it asserts nothing about the figures; it fails
# only if a variant cannot start or a workload produces no figures.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${NFT_TEST_IN_VM:-}" != y ]; then
	exec "$top/tests/vm/run-in-vm.sh" --timeout 7200 -- "$top/tests/bench/helperd-bench.sh" "$@"
fi

rounds=5 sessions=200 transfers=5 parallel=8 sat_seconds=10
variants="kernel conntrackd nft-helperd"
profile=n
while [ $# -gt 0 ]; do
	case "$1" in
	--rounds) rounds=$2 ;;
	--sessions) sessions=$2 ;;
	--transfers) transfers=$2 ;;
	--parallel) parallel=$2 ;;
	--saturate-seconds) sat_seconds=$2 ;;
	--variants) variants=$2 ;;
	--profile) profile=y; shift; continue ;;
	*) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0" >&2; exit 2 ;;
	esac
	[ $# -ge 2 ] || { echo "helperd-bench: $1 needs a value" >&2; exit 2; }
	shift 2
done

cd "$top" || exit 1
. "$top/tests/lib/router-net.sh"
load=$top/build/tests/bench/ftp-load
null_listener=$top/build/tests/tools/uhelper-nfq
[ -x "$load" ] || { echo "helperd-bench: $load not built (make -C tests)" >&2; exit 1; }
native=n
case " $variants " in *-native" "*) native=y ;; esac
if [ "$native" = y ]; then
	export NFT_TEST_TOPDIR=$top
	. "$top/tests/shell/helpers/kmod.sh"
	[ "$NFT" = "$top/nft-patch/build/nft" ] ||
		{ echo "helperd-bench: native variants need the project's nft (make -C nft-patch)" >&2; exit 1; }
	kmod_use_patched || { echo "helperd-bench: cannot load the patched modules (make -C kernel)" >&2; exit 1; }
	HD_NATIVE=y	# hd_cleanup restores the stock modules
fi
case " $variants " in *" nft-helperd "*|*" nft-helperd-native "*)
	[ -x "$HELPERD" ] || { echo "helperd-bench: $HELPERD not built (make -C helper-runtime)" >&2; exit 1; } ;;
esac
case " $variants " in *" null "*|*" null-native "*)
	[ -x "$null_listener" ] || { echo "helperd-bench: $null_listener not built (make -C tests)" >&2; exit 1; } ;;
esac
case " $variants " in *" conntrackd "*)
	command -v conntrackd > /dev/null || { echo "helperd-bench: conntrackd is not installed" >&2; exit 1; } ;;
esac
if [ "$profile" = y ] && ! perf version > /dev/null 2>&1; then
	echo "helperd-bench: --profile needs perf for $(uname -r) (apt-get install linux-perf)" >&2; exit 1
fi

B=$HD_TMP/bench
results=$B/results.txt
queue=0		# hd_helpers_file's ftp queue
mkdir -p "$B"
: > "$results"
trap hd_cleanup EXIT

# conntrackd declares what hd_helpers_file declares for nft-helperd's ftp
{
	cat <<-EOT
	General {
		Syslog off
		LogFile $B/conntrackd.log
		LockFile $B/conntrackd.lock
		UNIX {
			Path $B/conntrackd.ctl
		}
		NetlinkBufferSize 2097152
		NetlinkBufferSizeMaxGrowth 8388608
	}
	Helper {
		Setup yes
	EOT
	for fam in inet inet6; do
		cat <<-EOT
		Type ftp $fam tcp {
			QueueNum $queue
			QueueLen 10240
			Policy ftp {
				ExpectMax 8
				ExpectTimeout 60
			}
		}
		EOT
	done
	echo "}"
} > "$B/conntrackd.conf"

kernel_ftp_loaded() { grep -q '^nf_conntrack_ftp ' /proc/modules; }

# native_ruleset: hd_ruleset assign's forward chain, with ftp declared as a
# user-space helper object of the ruleset itself (what hd_helpers_file
# declares for the compatible mode: queue 0, 8 expectations, 60 s)
native_ruleset() {
	in_r $NFT -f - <<EOT
table inet router {
	ct helper ftp-us {
		type "ftp" protocol tcp
		l3proto inet
		userspace queue $queue
		expectation "ftp" size 8 timeout 60s
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		tcp dport 21 ct helper set "ftp-us" accept
	}
}
EOT
}

queue_bound() {	# a listener on our queue, in the router
	in_r cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null | grep -q "^ *$queue "
}

wait_queue_bound() {	# VARIANT: until its listener is on our queue
	local i
	for i in $(seq 150); do
		queue_bound && return 0
		kill -0 "$HD_DAEMON_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "helperd-bench: $1 did not bind queue $queue:" >&2
	cat "$B"/*.out >&2 2>/dev/null
	return 1
}

# variant_start VARIANT: its helper serving, the router's ruleset loaded
# (after the registration: else the object would load the kernel helper)
variant_start() {
	case "$1" in
	kernel) ;;
	conntrackd)
		rm -f "$B/conntrackd.lock" "$B/conntrackd.ctl"
		hd_daemon_spawn "$B/conntrackd.out" conntrackd -C "$B/conntrackd.conf"
		;;
	nft-helperd)
		# -q: no log line per expectation (conntrackd logs none either)
		hd_helpers_file
		hd_daemon_spawn "$B/helperd.out" "$HELPERD" -q -f "$HD_TMP/helpers.nft"
		;;
	null)
		in_r nfct add helper ftp inet tcp && in_r nfct add helper ftp inet6 tcp || return 1
		hd_daemon_spawn "$B/null.out" "$null_listener" --null -t 100000 \
			--enable ftp/inet/tcp --enable ftp/inet6/tcp "$queue"
		;;
	nft-helperd-native)
		hd_daemon_spawn "$B/helperd-native.out" "$HELPERD" -q
		;;
	null-native)
		hd_daemon_spawn "$B/null-native.out" "$null_listener" --null -t 100000 "$queue"
		;;
	*) echo "helperd-bench: unknown variant '$1'" >&2; return 1 ;;
	esac
	case "$1" in
	*-native)
		# the object comes first: a native daemon binds what it finds
		native_ruleset || return 1
		wait_queue_bound "$1" || return 1
		;;
	*)
		if [ -n "$HD_DAEMON_PID" ]; then
			hd_wait_registered ftp "$queue" || {
				echo "helperd-bench: $1 did not register ftp on queue $queue:" >&2
				cat "$B"/*.out "$B"/*.log >&2 2>/dev/null
				return 1
			}
		fi
		hd_ruleset assign > /dev/null || return 1
		;;
	esac
	[ -n "$HD_DAEMON_PID" ] &&
		echo "  $1: pid $HD_DAEMON_PID, nice $(awk '{ print $19 }' "/proc/$HD_DAEMON_PID/stat")"
	if [ "$1" = null ] || [ "$1" = null-native ]; then	# vsftpd's pasv_min_port..pasv_max_port
		in_r $NFT add rule inet router forward tcp dport 40000-40999 accept || return 1
	fi
	# the helper measured is the one named
	if [ "$1" = kernel ]; then
		kernel_ftp_loaded || { echo "helperd-bench: nf_conntrack_ftp not loaded" >&2; return 1; }
	elif kernel_ftp_loaded; then
		echo "helperd-bench: nf_conntrack_ftp loaded for $1" >&2; return 1
	fi
}

# Leaves nothing behind for the next variant: the object holds a reference
# on the helper, so the ruleset goes first, then the daemon, then the
# registrations and modules.
variant_stop() {
	in_r $NFT flush ruleset 2>/dev/null
	hd_daemon_stop
	hd_no_kernel_helpers
	in_r conntrack -F > /dev/null 2>&1
	in_r conntrack -F expect > /dev/null 2>&1
	sleep 0.5
}

# --- counters ------------------------------------------------------------------
cpu_ticks() {	# utime+stime of the daemon (all threads), clock ticks; 0: kernel
	[ -n "$HD_DAEMON_PID" ] || { echo 0; return; }
	awk '{ print $14 + $15 }' "/proc/$HD_DAEMON_PID/stat" 2>/dev/null || echo 0
}
user_ticks() {	# the user-space part of cpu_ticks: the rest is the kernel working
	# in the daemon's syscalls (a verdict's sendto() re-injects the packet
	# and forwards it in the daemon's context)
	[ -n "$HD_DAEMON_PID" ] || { echo 0; return; }
	awk '{ print $14 }' "/proc/$HD_DAEMON_PID/stat" 2>/dev/null || echo 0
}
busy_ticks() {	# all CPUs, not idle: user nice system irq softirq steal
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
queued() {	# packets queued so far on our queue (no file without nfnetlink_queue)
	in_r cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null |
		awk -v q="$queue" '$1 == q { print $8; f = 1 } END { if (!f) print 0 }'
}
forwarded() {	# packets the router received from client and server
	in_r cat /sys/class/net/hdr0/statistics/rx_packets /sys/class/net/hdr1/statistics/rx_packets |
		awk '{ n += $1 } END { print n }'
}

# --- profile -------------------------------------------------------------------
profile_start() {
	# perf takes many seconds to start under TCG: it starts disabled and
	# is switched on (and acknowledges) right before the workload
	rm -f "$B/perf.ctl" "$B/perf.ack"
	mkfifo "$B/perf.ctl" "$B/perf.ack"
	perf record -q -a -e cpu-clock -F 499 -D -1 -o "$B/perf.data" \
		--control "fifo:$B/perf.ctl,$B/perf.ack" > "$B/perf.out" 2>&1 &
	perf_pid=$!
	exec 8> "$B/perf.ctl" 9< "$B/perf.ack"
	echo enable >&8
	read -r -t 120 _ <&9 || echo "helperd-bench: perf did not start" >&2
}
profile_report() {	# VARIANT ROUND: samples by command, then the daemon's by symbol
	echo disable >&8
	read -r -t 60 _ <&9
	exec 8>&- 9<&-
	kill -INT "$perf_pid" 2> /dev/null
	wait "$perf_pid" 2> /dev/null
	echo "profile $1 sat round $2: share of all samples by command"
	perf report -q -i "$B/perf.data" --stdio --no-children --sort comm -g none \
		--percent-limit 0.5 2> /dev/null | grep -v '^$'
	[ "$1" = kernel ] && return
	echo "profile $1 sat round $2: the daemon's own samples by symbol"
	perf report -q -i "$B/perf.data" --stdio --no-children --percentage relative \
		--comms "$(cat "/proc/$HD_DAEMON_PID/comm")" --sort dso,sym -g none \
		--percent-limit 0.5 2> /dev/null | grep -v '^$' | head -50
}

# measure VARIANT ROUND WORKLOAD: runs it, appends one line to $results
measure() {
	local v=$1 r=$2 w=$3 c0 u0 b0 q0 f0 out c1 u1 b1 q1 f1
	c0=$(cpu_ticks) u0=$(user_ticks) b0=$(busy_ticks) q0=$(queued) f0=$(forwarded)
	# a failed session is counted (failed=N) and reported, not fatal
	case "$w" in
	seq) out=$(in_c "$load" sessions "$SERVER4" "$sessions" "$transfers" 1 small.bin) ;;
	par) out=$(in_c "$load" sessions "$SERVER4" "$sessions" "$transfers" "$parallel" small.bin) ;;
	sat)
		[ "$profile" = y ] && profile_start
		out=$(in_c "$load" saturate "$SERVER4" "$sat_seconds" "$parallel")
		[ "$profile" = y ] && profile_report "$v" "$r"
		;;
	esac
	c1=$(cpu_ticks) u1=$(user_ticks) b1=$(busy_ticks) q1=$(queued) f1=$(forwarded)
	case "$out" in
	*seconds=*) ;;
	*) echo "helperd-bench: $v $w round $r produced no figures: $out" >&2; return 1 ;;
	esac
	echo "$v $w $r $out cpu_ticks=$((c1 - c0)) user_ticks=$((u1 - u0)) busy_ticks=$((b1 - b0))" \
	     "queued=$((q1 - q0)) forwarded=$((f1 - f0))" | tee -a "$results"
}

hd_no_kernel_helpers
hd_topology || { echo "helperd-bench: topology failed" >&2; exit 1; }
hd_vsftpd_start || exit 1
modprobe nf_conntrack

hz=$(getconf CLK_TCK)
echo "helperd-bench: kernel $(uname -r), $(nproc) CPUs, HZ=$hz; $rounds rounds;" \
     "seq/par: $sessions sessions x $transfers transfers (par: $parallel clients);" \
     "sat: $parallel connections x ${sat_seconds}s; variants: $variants"
set -- $variants
# warm-up, not measured: the first workload of a boot otherwise pays for
# paging vsftpd, ftp-load and the libraries in over 9p (up to 2x slower)
echo "warm-up ($1)"
variant_start "$1" > /dev/null || exit 1
in_c "$load" sessions "$SERVER4" 10 "$transfers" 2 small.bin > /dev/null
in_c "$load" saturate "$SERVER4" 1 "$parallel" > /dev/null
variant_stop
for r in $(seq "$rounds"); do
	echo "round $r"
	for i in $(seq 0 $(($# - 1))); do	# rotate the order every round
		eval "v=\${$(( (i + r - 1) % $# + 1 ))}"
		variant_start "$v" || exit 1
		for w in seq par sat; do
			measure "$v" "$r" "$w" || exit 1
		done
		variant_stop
	done
done

# --- medians and ratios --------------------------------------------------------
awk -v hz="$hz" -v variants="$variants" -v rounds="$rounds" '
function get(k,    m) { if (!match(line, "(^| )" k "=[0-9.]+")) return 0; m = substr(line, RSTART, RLENGTH); sub(/.*=/, "", m); return m + 0 }
function median(key,    n, i, j, t, a) {
	n = cnt[key]; if (!n) return ""
	for (i = 1; i <= n; i++) a[i] = val[key, i]
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function add(w, m, x) { key = w SUBSEP m SUBSEP v; val[key, ++cnt[key]] = x; seen[w, m] = 1 }
# ratio of the medians of metric M of variants A and B, in workload W;
# sp: the same for seq and par, as "seq R, par R"
function rm(w, m, a, b) { return ratio(med[w, m, a], med[w, m, b]) }
function sp(m, a, b) { return "seq " rm("seq", m, a, b) ", par " rm("par", m, a, b) }
function fmt(x) { return x == "" ? "-" : sprintf(x >= 100 ? "%.0f" : "%.2f", x) }
function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : sprintf("%.2f", a / b) }
{
	line = $0; v = $1; w = $2
	secs = get("seconds"); cpu_ms = get("cpu_ticks") * 1000 / hz; user_ms = get("user_ticks") * 1000 / hz; busy_ms = get("busy_ticks") * 1000 / hz
	q = get("queued"); f = get("forwarded"); daemon = (v != "kernel")
	if (w == "sat") {
		add(w, "commands/s", get("commands") / secs)
		add(w, "packets/s (forwarded)", f / secs)
		if (daemon) add(w, "packets/s (queued)", q / secs)
		if (daemon) add(w, "helper CPU us/packet", q ? cpu_ms * 1000 / q : 0)
		if (daemon) add(w, " of which user us/packet", q ? user_ms * 1000 / q : 0)
		add(w, "busy CPU us/packet", f ? busy_ms * 1000 / f : 0)
	} else {
		s = get("ok")
		add(w, "sessions/s", s / secs)
		add(w, "data conns/s", get("transfers") / secs)
		if (daemon) add(w, "helper CPU ms/session", s ? cpu_ms / s : 0)
		if (daemon) add(w, " of which user ms/session", s ? user_ms / s : 0)
		add(w, "busy CPU ms/session", s ? busy_ms / s : 0)
		if (daemon) add(w, "queued packets/session", s ? q / s : 0)
		failed[w, v] += get("failed")
	}
}
END {
	n = split(variants, V, " ")
	k = split("seq:sessions/s|seq:data conns/s|seq:helper CPU ms/session|seq: of which user ms/session|seq:busy CPU ms/session|" \
		  "seq:queued packets/session|par:sessions/s|par:data conns/s|par:helper CPU ms/session|par: of which user ms/session|" \
		  "par:busy CPU ms/session|par:queued packets/session|sat:commands/s|sat:packets/s (forwarded)|" \
		  "sat:packets/s (queued)|sat:helper CPU us/packet|sat: of which user us/packet|sat:busy CPU us/packet", R, "|")
	printf "\nmedians over %d rounds\n", rounds
	printf "%-4s %-26s", "work", "metric"
	for (j = 1; j <= n; j++) printf " %11s", V[j]
	printf " %11s %11s\n", "us/ctd", "us/kernel"
	for (i = 1; i <= k; i++) {
		w = substr(R[i], 1, 3); m = substr(R[i], 5)
		if (!((w, m) in seen)) continue
		printf "%-4s %-26s", w, m
		for (j = 1; j <= n; j++) { med[w, m, V[j]] = median(w SUBSEP m SUBSEP V[j]); printf " %11s", fmt(med[w, m, V[j]]) }
		printf " %11s %11s\n", rm(w, m, "nft-helperd", "conntrackd"),
			rm(w, m, "nft-helperd", "kernel")
	}
	printf "failed sessions (all rounds, seq+par):"
	for (j = 1; j <= n; j++) printf " %s %d", V[j], failed["seq", V[j]] + failed["par", V[j]]
	printf "\n(us = nft-helperd; the kernel helper CPU is spent in softirq and not attributable: \"-\")\n"
	printf "\nissue 6 targets (medians)\n"
	printf "helper CPU per session, nft-helperd/conntrackd: %s (target <= 0.50)\n",
		sp("helper CPU ms/session", "nft-helperd", "conntrackd")
	printf "helper CPU per packet (sat), nft-helperd/conntrackd: %s (target <= 0.50)\n",
		rm("sat", "helper CPU us/packet", "nft-helperd", "conntrackd")
	printf "packets/s (sat, queued), nft-helperd/conntrackd: %s (target >= 2.00)\n",
		rm("sat", "packets/s (queued)", "nft-helperd", "conntrackd")
	printf "sessions/s, nft-helperd/kernel: %s (target >= 0.90)\n",
		sp("sessions/s", "nft-helperd", "kernel")
	if (("seq", "sessions/s", "nft-helperd-native") in med) {
		printf "\nissue 12 targets, native mode (medians)\n"
		printf "queued packets per session, native/compatible: %s (target <= 0.75)\n",
			sp("queued packets/session", "nft-helperd-native", "nft-helperd")
		printf "sessions/s, native/kernel: %s (target >= 0.90)\n",
			sp("sessions/s", "nft-helperd-native", "kernel")
		printf "packets/s (sat, forwarded), native/conntrackd: %s (target >= 2.00)\n",
			rm("sat", "packets/s (forwarded)", "nft-helperd-native", "conntrackd")
		printf "helper CPU per session, native/conntrackd: %s (target <= 0.50)\n",
			sp("helper CPU ms/session", "nft-helperd-native", "conntrackd")
	}
	if (("seq", "sessions/s", "null-native") in med) {
		printf "\nthe native bound (null-native: a listener that does nothing, on the native object)\n"
		printf "sessions/s, null-native/kernel: %s\n",
			sp("sessions/s", "null-native", "kernel")
		printf "packets/s (sat, forwarded), null-native/conntrackd: %s\n",
			rm("sat", "packets/s (forwarded)", "null-native", "conntrackd")
		printf "helper CPU per session, null-native/conntrackd: %s\n",
			sp("helper CPU ms/session", "null-native", "conntrackd")
	}
	if (!(("sat", "packets/s (queued)", "null") in med)) exit
	printf "\nwhat a helper that does nothing reaches (null), the bound of any runtime here\n"
	printf "packets/s (sat, queued), null/conntrackd: %s\n",
		rm("sat", "packets/s (queued)", "null", "conntrackd")
	printf "sessions/s, null/kernel: %s\n",
		sp("sessions/s", "null", "kernel")
	printf "helper CPU per session, null/conntrackd: %s\n",
		sp("helper CPU ms/session", "null", "conntrackd")
	printf "helper CPU per packet (sat), null/conntrackd: %s\n",
		rm("sat", "helper CPU us/packet", "null", "conntrackd")
}' "$results"
