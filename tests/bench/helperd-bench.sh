#!/bin/bash
# helperd-bench.sh - FTP helper benchmark: the kernel's nf_conntrack_ftp,
# conntrackd's cthelper and nft-helperd, servicing the same router.
#
#   tests/bench/helperd-bench.sh [--rounds N] [--sessions N] [--transfers N]
#                                [--parallel N] [--saturate-seconds N]
#                                [--variants "kernel conntrackd helperd"]
#
# Runs INSIDE the test VM (make bench-helperd boots it).  A client, a router
# and a server namespace; the router drops forwarded traffic except port 21
# and established/related, and assigns an ftp helper to port 21.  Variants:
#   kernel      ct helper object of type "ftp" served by nf_conntrack_ftp
#   conntrackd  Debian's conntrackd, "Setup yes", queue 5 (user-space ftp)
#   helperd     nft-helperd in compatible mode, queue 5 (user-space ftp)
# Both daemons run at the same (default) scheduling priority.  Per round,
# the variants run in rotated order; per variant and round:
#   seq  SESSIONS sequential passive sessions x TRANSFERS downloads
#   par  the same with PARALLEL clients at once
#   sat  PARALLEL control connections sending NOOP as fast as answered
# Measured: sessions/s, data connections/s, helper CPU (the daemon's
# utime+stime) per session and per queued packet, all-CPU busy time per
# session (/proc/stat), queued packets (nfnetlink_queue's id sequence).
# Prints medians over rounds and the ratios helperd/conntrackd and
# helperd/kernel, and how many sessions failed per variant (a failed session
# is a data connection that never opened).  A benchmark: it asserts nothing
# about the figures; it fails only if a workload produces none.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/router-net.sh"

rounds=5 sessions=200 transfers=5 parallel=8 sat_seconds=10
variants="kernel conntrackd helperd"
while [ $# -gt 0 ]; do
	case "$1" in
	--rounds) rounds=$2 ;;
	--sessions) sessions=$2 ;;
	--transfers) transfers=$2 ;;
	--parallel) parallel=$2 ;;
	--saturate-seconds) sat_seconds=$2 ;;
	--variants) variants=$2 ;;
	*) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0" >&2; exit 2 ;;
	esac
	shift 2
done

[ "${NFT_TEST_IN_VM:-}" = y ] || { echo "helperd-bench: run me in the test VM (make bench-helperd)" >&2; exit 2; }
load=$top/build/tests/bench/ftp-load
helperd=$top/helper-runtime/build/nft-helperd
[ -x "$load" ] || { echo "helperd-bench: $load not built (make -C tests)" >&2; exit 1; }
case " $variants " in *" helperd "*)
	[ -x "$helperd" ] || { echo "helperd-bench: $helperd not built (make -C helper-runtime)" >&2; exit 1; } ;;
esac

work=/run/helperd-bench
results=$work/results.txt
mkdir -p "$work"
: > "$results"
queue=5
daemon_pid=

# --- the router's ruleset and the three ways to serve it ----------------------
router_ruleset() {	# $1: the ct helper object's body
	in_router nft -f - <<-EOT
	flush ruleset
	table ip router {
		ct helper ftp-helper {
			$1
		}
		chain pre {
			type filter hook prerouting priority filter; policy accept;
			tcp dport 21 ct helper set "ftp-helper"
		}
		chain forward {
			type filter hook forward priority filter; policy drop;
			ct state established,related accept
			tcp dport 21 accept
		}
	}
	EOT
}

variant_start() {
	case "$1" in
	kernel)
		router_ruleset 'type "ftp" protocol tcp'
		;;
	conntrackd)
		cat > "$work/conntrackd.conf" <<-EOC
		Helper {
			Setup yes
			Type ftp inet tcp {
				QueueNum $queue
				QueueLen 10240
				Policy ftp {
					ExpectMax 1
					ExpectTimeout 300
				}
			}
		}
		General {
			LogFile $work/conntrackd.log
			Syslog off
			LockFile $work/conntrackd.lock
			UNIX {
				Path $work/conntrackd.ctl
			}
			NetlinkBufferSize 2097152
			NetlinkBufferSizeMaxGrowth 8388608
		}
		EOC
		rm -f "$work/conntrackd.lock"
		# ip netns exec execs the daemon: $! is the daemon's own pid
		ip netns exec "$NET_PREFIX-router" conntrackd -C "$work/conntrackd.conf" > /dev/null 2>&1 &
		daemon_pid=$!
		wait_registered || return 1
		router_ruleset 'type "ftp" protocol tcp'
		;;
	helperd)
		cat > "$work/helperd.nft" <<-EOC
		table ip router {
			ct helper ftp-helper {
				type "ftp" protocol tcp
				l3proto ip
				userspace queue $queue
				expectation "ftp" size 1 timeout 5m
			}
		}
		EOC
		ip netns exec "$NET_PREFIX-router" "$helperd" -q -f "$work/helperd.nft" > "$work/helperd.log" 2>&1 &
		daemon_pid=$!
		wait_registered || return 1
		router_ruleset 'type "ftp" protocol tcp'
		;;
	esac
}

wait_registered() {
	local i
	for i in $(seq 100); do
		in_router nfct list helper 2>/dev/null | grep -q 'status = enabled' && return 0
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "helperd-bench: the daemon did not register its helper; its log:" >&2
	cat "$work"/*.log >&2
	return 1
}

# Leaves nothing behind for the next variant: the object holds a reference
# on the helper, so the ruleset goes first, then the registration.
variant_stop() {
	in_router nft flush ruleset
	if [ -n "$daemon_pid" ]; then
		kill "$daemon_pid" 2>/dev/null
		wait "$daemon_pid" 2>/dev/null
		daemon_pid=
	fi
	in_router nfct delete helper ftp inet tcp 2>/dev/null
	rmmod nf_conntrack_ftp 2>/dev/null
	in_router conntrack -F 2>/dev/null
	in_router conntrack -F expect 2>/dev/null
	return 0
}

# --- counters ------------------------------------------------------------------
cpu_ticks() {	# utime+stime of the daemon, in clock ticks (0 for the kernel)
	[ -n "$daemon_pid" ] || { echo 0; return; }
	awk '{ print $14 + $15 }' "/proc/$daemon_pid/stat" 2>/dev/null || echo 0
}
busy_ticks() {	# all CPUs, time not idle
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
queued() {	# packets queued so far on our queue in the router's netns
	# (no file before nfnetlink_queue is loaded, as with the kernel helper)
	in_router cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null |
		awk -v q="$queue" '$1 == q { print $8; f = 1 } END { if (!f) print 0 }'
}
hz=$(getconf CLK_TCK)

# measure VARIANT ROUND WORKLOAD: runs it, appends one line to results
measure() {
	local v=$1 r=$2 w=$3 c0 b0 q0 out c1 b1 q1
	c0=$(cpu_ticks) b0=$(busy_ticks) q0=$(queued)
	# a session that fails is counted (failed=N) and reported, not fatal;
	# a workload that produces no figures at all is
	case "$w" in
	seq) out=$(in_client "$load" sessions "$NET_SERVER4" "$sessions" "$transfers" 1 small) ;;
	par) out=$(in_client "$load" sessions "$NET_SERVER4" "$sessions" "$transfers" "$parallel" small) ;;
	sat) out=$(in_client "$load" saturate "$NET_SERVER4" "$sat_seconds" "$parallel") ;;
	esac
	case "$out" in
	*seconds=*) ;;
	*) echo "helperd-bench: $v $w round $r produced no figures: $out" >&2; return 1 ;;
	esac
	c1=$(cpu_ticks) b1=$(busy_ticks) q1=$(queued)
	echo "$v $w $r $out cpu_ticks=$((c1 - c0)) busy_ticks=$((b1 - b0)) queued=$((q1 - q0))" |
		tee -a "$results"
}

cleanup() {
	variant_stop
	net_down nfthb
}
trap cleanup EXIT

net_up nfthb || exit 1
modprobe nf_conntrack
vsftpd_start "$work"
sleep 1

echo "helperd-bench: $rounds rounds; seq/par: $sessions sessions x $transfers transfers" \
     "(par: $parallel clients); sat: $parallel connections x ${sat_seconds}s; variants: $variants"
set -- $variants
for r in $(seq "$rounds"); do
	# rotate the order every round
	for i in $(seq 0 $(($# - 1))); do
		eval "v=\${$(( (i + r - 1) % $# + 1 ))}"
		variant_start "$v" || exit 1
		for w in seq par sat; do
			measure "$v" "$r" "$w" || exit 1
		done
		variant_stop
	done
done

# --- medians and ratios --------------------------------------------------------
awk -v hz="$hz" -v variants="$variants" '
function kv(s, k,    m) { return match(s, k "=[0-9.]+") ? substr(s, RSTART + length(k) + 1, RLENGTH - length(k) - 1) + 0 : 0 }
function median(key,    n, i, j, t, a) {
	n = cnt[key]; if (!n) return 0
	for (i = 1; i <= n; i++) a[i] = val[key, i]
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function add(key, v) { val[key, ++cnt[key]] = v }
{
	v = $1; w = $2; line = $0; secs = kv(line, "seconds")
	cpu_ms = kv(line, "cpu_ticks") * 1000 / hz; busy_ms = kv(line, "busy_ticks") * 1000 / hz
	q = kv(line, "queued")
	if (w == "sat") {
		cmds = kv(line, "commands")
		add(v SUBSEP w SUBSEP "cmd/s", cmds / secs)
		add(v SUBSEP w SUBSEP "pkt/s", q / secs)
		add(v SUBSEP w SUBSEP "cpu_us/pkt", q ? cpu_ms * 1000 / q : 0)
	} else {
		s = kv(line, "ok"); t = kv(line, "transfers")
		add(v SUBSEP w SUBSEP "sess/s", s / secs)
		add(v SUBSEP w SUBSEP "data/s", t / secs)
		add(v SUBSEP w SUBSEP "cpu_ms/sess", cpu_ms / s)
		add(v SUBSEP w SUBSEP "busy_ms/sess", busy_ms / s)
		add(v SUBSEP w SUBSEP "pkt/sess", q / s)
	}
	failed[v] += kv(line, "failed")
}
END {
	n = split(variants, V, " ")
	split("seq par", SW, " ")
	split("sess/s data/s cpu_ms/sess busy_ms/sess pkt/sess", SM, " ")
	printf "\nmedians over rounds\n"
	for (i = 1; i <= 2; i++) {
		printf "%-4s %-12s", SW[i], "variant"; for (m = 1; m <= 5; m++) printf " %13s", SM[m]; printf "\n"
		for (k = 1; k <= n; k++) {
			printf "%-4s %-12s", "", V[k]
			for (m = 1; m <= 5; m++) { x = median(V[k] SUBSEP SW[i] SUBSEP SM[m]); med[V[k], SW[i], SM[m]] = x; printf " %13.3f", x }
			printf "\n"
		}
	}
	split("cmd/s pkt/s cpu_us/pkt", SS, " ")
	printf "%-4s %-12s", "sat", "variant"; for (m = 1; m <= 3; m++) printf " %13s", SS[m]; printf "\n"
	for (k = 1; k <= n; k++) {
		printf "%-4s %-12s", "", V[k]
		for (m = 1; m <= 3; m++) { x = median(V[k] SUBSEP "sat" SUBSEP SS[m]); med[V[k], "sat", SS[m]] = x; printf " %13.3f", x }
		printf "\n"
	}
	printf "failed sessions (all rounds):"
	for (k = 1; k <= n; k++) printf " %s %d", V[k], failed[V[k]]
	printf "\n\nratios\n"
	if (("helperd", "seq", "cpu_ms/sess") in med && med["conntrackd", "seq", "cpu_ms/sess"] > 0) {
		printf "helper CPU per session, helperd/conntrackd: seq %.2f  par %.2f   (target <= 0.5)\n",
			med["helperd", "seq", "cpu_ms/sess"] / med["conntrackd", "seq", "cpu_ms/sess"],
			med["helperd", "par", "cpu_ms/sess"] / med["conntrackd", "par", "cpu_ms/sess"]
	}
	if (med["conntrackd", "sat", "cpu_us/pkt"] > 0)
		printf "helper CPU per packet (saturation), helperd/conntrackd: %.2f   (target <= 0.5)\n",
			med["helperd", "sat", "cpu_us/pkt"] / med["conntrackd", "sat", "cpu_us/pkt"]
	if (med["conntrackd", "sat", "pkt/s"] > 0)
		printf "saturation packets/s, helperd/conntrackd: %.2f   (target >= 2)\n",
			med["helperd", "sat", "pkt/s"] / med["conntrackd", "sat", "pkt/s"]
	if (med["kernel", "seq", "sess/s"] > 0) {
		printf "sessions/s, helperd/kernel: seq %.2f  par %.2f   (target >= 0.90)\n",
			med["helperd", "seq", "sess/s"] / med["kernel", "seq", "sess/s"],
			med["helperd", "par", "sess/s"] / med["kernel", "par", "sess/s"]
		printf "sessions/s, conntrackd/kernel: seq %.2f  par %.2f\n",
			med["conntrackd", "seq", "sess/s"] / med["kernel", "seq", "sess/s"],
			med["conntrackd", "par", "sess/s"] / med["kernel", "par", "sess/s"]
	}
}' "$results"
