#!/bin/bash
# bench.sh - nft-helperd against the kernel's nf_conntrack_ftp and conntrackd's
# cthelper mode, in one boot of the test VM (started when called outside it).
#
#   helper-runtime/bench.sh [ROUNDS [SESSIONS]]     (defaults: 3 rounds, 100 sessions)
#
# Each round runs the three variants in rotated order on the same client /
# router / server namespaces (forward policy drop, "ct helper set" of an
# "ftp" helper; the same ruleset for all: the kernel's helper, or the
# user-space one registered by conntrackd ("Setup yes", queue 0) or by
# nft-helperd (queue 0)), at the same scheduling priority, and measures:
#  1. real workload: SESSIONS sequential FTP sessions (login, 5 passive
#     RETR of a 1 KiB file, quit), then the same spread over 8 parallel
#     clients: sessions/s, data connections/s, helper CPU per session
#     (utime+stime of the helper process), busy CPU per session (all CPUs);
#  2. saturation: 8 control connections sending NOOP as fast as the server
#     answers for 10 s: packets/s through the helper (every port-21 packet
#     the router forwards is queued to it), helper CPU per packet.
# Prints per-round figures, medians, and the ratios nft-helperd/conntrackd
# and nft-helperd/kernel.  A benchmark, not a test: nothing is asserted.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${NFT_TEST_IN_VM:-}" != y ]; then
	echo "bench: qemu processes already running on this host: $(pgrep -c qemu-system)" \
		"(they share the CPUs with the VM and add noise)"
	VM_ENV="SAT_SECS" exec "$top/tests/vm/run-in-vm.sh" --timeout 3000 --mem 2048 -- \
		"$top/helper-runtime/bench.sh" "$@"
fi
ROUNDS=${1:-3}
SESSIONS=${2:-100}
SAT_SECS=${SAT_SECS:-10}
NFT=${NFT:-/usr/sbin/nft}
export NFT NFT_TEST_TOPDIR=$top
cd "$top" || exit 1
. "$top/tests/lib/router-net.sh"
trap 'hd_cleanup; stop_variant' EXIT
HZ=$(getconf CLK_TCK)
B=$HD_TMP/bench
mkdir -p "$B"

hd_no_kernel_helpers
hd_topology || { echo "bench: topology failed"; exit 1; }
hd_vsftpd_start || exit 1
head -c 1024 /dev/urandom > "$HD_TMP/ftproot/small.bin"
chmod 644 "$HD_TMP/ftproot/small.bin"

cat > "$B/load.py" <<'PY'
import ftplib, socket, sys, time, threading
host, mode = sys.argv[1], sys.argv[2]
def session(k):
    f = ftplib.FTP(host, timeout=20)
    f.login()
    for _ in range(k):
        f.retrbinary("RETR small.bin", lambda b: None)
    f.quit()
if mode in ("seq", "par"):
    n, k, par = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    ok = [0]; bad = [0]; lock = threading.Lock()
    def worker(count):
        for _ in range(count):
            try:
                session(k); r = ok
            except Exception:
                r = bad
            with lock:
                r[0] += 1
    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(n // par,)) for _ in range(par)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(ok[0], bad[0], ok[0] * k, "%.3f" % (time.monotonic() - t0))
else:   # saturation: NOOP ping-pong on several control connections
    conns, secs = int(sys.argv[3]), float(sys.argv[4])
    count = [0] * conns
    def pinger(i):
        s = socket.create_connection((host, 21), timeout=20)
        f = s.makefile("rb")
        f.readline()
        end = time.monotonic() + secs
        while time.monotonic() < end:
            s.sendall(b"NOOP\r\n")
            if not f.readline():
                break
            count[i] += 1
        s.close()
    t0 = time.monotonic()
    ts = [threading.Thread(target=pinger, args=(i,)) for i in range(conns)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(sum(count), "%.3f" % (time.monotonic() - t0))
PY

cat > "$B/conntrackd.conf" <<EOT
General {
	HashSize 8192
	HashLimit 65535
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
	Type ftp inet tcp {
		QueueNum 0
		QueueLen 10240
		Policy ftp {
			ExpectMax 8
			ExpectTimeout 60
		}
	}
	Type ftp inet6 tcp {
		QueueNum 0
		QueueLen 10240
		Policy ftp {
			ExpectMax 8
			ExpectTimeout 60
		}
	}
}
EOT

# queue 0 bound in the router and an enabled "ftp" registration on queue 0
wait_registered() {
	local i
	for i in $(seq 150); do
		if in_r cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null | grep -q '^ *0 ' &&
		   nfct list helper 2>/dev/null | tr -d '\n\t' | grep -q '\.name = ftp,\.queuenum = 0,.*status = enabled'; then
			sleep 0.2
			return 0
		fi
		sleep 0.1
	done
	return 1
}

HELPER_PID=
start_variant() {
	HELPER_PID=
	case $1 in
	kernel)
		modprobe nf_conntrack_ftp || return 1 ;;
	conntrackd)
		rm -f "$B/conntrackd.lock" "$B/conntrackd.ctl"
		ip netns exec "$R" conntrackd -C "$B/conntrackd.conf" > "$B/conntrackd.out" 2>&1 &
		HELPER_PID=$!
		wait_registered ||
			{ echo "conntrackd did not start:"; cat "$B/conntrackd.out" "$B/conntrackd.log"; return 1; } ;;
	nft-helperd)
		# -q: no log line per expectation (conntrackd logs none either)
		[ -f "$HD_TMP/helpers.nft" ] || hd_helpers_file
		ip netns exec "$R" "$HELPERD" -q -f "$HD_TMP/helpers.nft" > "$B/helperd.out" 2>&1 &
		HELPER_PID=$!
		wait_registered || { echo "nft-helperd did not start:"; cat "$B/helperd.out"; return 1; } ;;
	esac
	in_r $NFT -f - <<EOT
table inet bench {
	counter ctl { }
	ct helper ftp-x {
		type "ftp" protocol tcp
		l3proto inet
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		tcp sport 21 counter name "ctl"
		tcp dport 21 counter name "ctl"
		ct state established,related accept
		tcp dport 21 ct helper set "ftp-x" accept
	}
}
EOT
}

stop_variant() {
	in_r $NFT flush ruleset 2>/dev/null
	if [ -n "$HELPER_PID" ]; then
		kill -TERM "$HELPER_PID" 2>/dev/null; wait "$HELPER_PID" 2>/dev/null
	fi
	HELPER_PID= HD_DAEMON_PID=
	hd_no_kernel_helpers
	in_r conntrack -F >/dev/null 2>&1
	sleep 0.5
}

cpu_ticks() {	# helper process utime+stime, in ticks (0 for the kernel)
	[ -n "$HELPER_PID" ] || { echo 0; return; }
	awk '{ print $14 + $15 }' "/proc/$HELPER_PID/stat"
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
ctl_packets() {
	in_r $NFT list counter inet bench ctl | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# measure VARIANT KIND: one workload, appends a line to $B/results
measure() {
	local v=$1 kind=$2 c0 b0 p0 out c1 b1 p1
	c0=$(cpu_ticks); b0=$(busy_ticks); p0=$(ctl_packets)
	case $kind in
	seq) out=$(in_c python3 "$B/load.py" $SERVER4 seq "$SESSIONS" 5 1) ;;
	par) out=$(in_c python3 "$B/load.py" $SERVER4 par "$SESSIONS" 5 8) ;;
	sat) out=$(in_c python3 "$B/load.py" $SERVER4 sat 8 "$SAT_SECS") ;;
	esac
	c1=$(cpu_ticks); b1=$(busy_ticks); p1=$(ctl_packets)
	echo "$v $kind $out cpu=$((c1 - c0)) busy=$((b1 - b0)) pkts=$((p1 - p0))" >> "$B/results"
	echo "  $v $kind: $out helper-ticks=$((c1 - c0)) busy-ticks=$((b1 - b0)) packets=$((p1 - p0))"
}

variants=(kernel conntrackd nft-helperd)
echo "bench: kernel $(uname -r), $ROUNDS rounds, $SESSIONS sessions x 5 transfers, saturation ${SAT_SECS}s x 8 connections, HZ=$HZ"
for r in $(seq "$ROUNDS"); do
	echo "round $r"
	for i in 0 1 2; do
		v=${variants[$(( (i + r - 1) % 3 ))]}
		start_variant "$v" || { echo "bench: cannot start $v"; stop_variant; continue; }
		for kind in seq par sat; do
			measure "$v" "$kind"
		done
		stop_variant
	done
done

echo
echo "medians over $ROUNDS rounds"
HZ=$HZ SESSIONS=$SESSIONS python3 - "$B/results" <<'PY'
import os, statistics, sys
hz = float(os.environ["HZ"])
rows = [l.split() for l in open(sys.argv[1])]
def kv(r):
    return {k: float(v) for k, v in (x.split("=") for x in r if "=" in x)}
res = {}
for r in rows:
    v, kind = r[0], r[1]
    d = kv(r)
    if kind in ("seq", "par"):
        ok, bad, xfers, secs = int(r[2]), int(r[3]), int(r[4]), float(r[5])
        m = {"sessions/s": ok / secs, "data conns/s": xfers / secs,
             "helper ms/session": 1000 * d["cpu"] / hz / max(ok, 1),
             "busy ms/session": 1000 * d["busy"] / hz / max(ok, 1),
             "failed sessions": bad}
    else:
        n, secs = int(r[2]), float(r[3])
        m = {"packets/s": d["pkts"] / secs, "NOOP/s": n / secs,
             "helper us/packet": 1e6 * d["cpu"] / hz / max(d["pkts"], 1)}
    for k, x in m.items():
        res.setdefault((kind, k), {}).setdefault(v, []).append(x)
med = {key: {v: statistics.median(xs) for v, xs in per.items()} for key, per in res.items()}
names = ["kernel", "conntrackd", "nft-helperd"]
print("%-6s %-20s %12s %12s %12s %10s %10s" % ("work", "metric", *names, "us/ctd", "us/kernel"))
for (kind, k), per in med.items():
    vals = [per.get(n) for n in names]
    def ratio(a, b):
        return "%.2f" % (a / b) if a is not None and b else "-"
    print("%-6s %-20s %12s %12s %12s %10s %10s" % (kind, k,
          *["%.2f" % x if x is not None else "-" for x in vals],
          ratio(vals[2], vals[1]), ratio(vals[2], vals[0])))
print("(kernel helper CPU is spent in softirq and not attributable: its helper columns read 0)")
PY
