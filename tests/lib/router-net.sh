# router-net.sh - client / router / server network namespaces for tests and
# benchmarks that send real traffic through a firewall.  Source it (bash).
#
#   net_up PREFIX        create PREFIX-client, PREFIX-router, PREFIX-server
#   net_down PREFIX      delete them (and whatever runs in them)
#   in_client/in_router/in_server CMD...   run CMD in that namespace
#
# Addresses (test-only, inside our own namespaces):
#   client 10.99.1.2/24  fd99:1::2/64   --  router 10.99.1.1  fd99:1::1
#   server 10.99.2.2/24  fd99:2::2/64   --  router 10.99.2.1  fd99:2::1
# The router forwards IPv4 and IPv6; its ruleset is the caller's.
#
# vsftpd_start DIR [ARGS...]   anonymous FTP server in the server namespace,
#                              root DIR/ftproot, files "small" (2 KiB) and
#                              "big" (1 MiB); passive and active allowed;
#                              its pid in VSFTPD_PID, its output in DIR/vsftpd.log
NET_CLIENT4=10.99.1.2 NET_SERVER4=10.99.2.2
NET_CLIENT6=fd99:1::2 NET_SERVER6=fd99:2::2
NET_PREFIX=nfth

in_client() { ip netns exec "$NET_PREFIX-client" "$@"; }
in_router() { ip netns exec "$NET_PREFIX-router" "$@"; }
in_server() { ip netns exec "$NET_PREFIX-server" "$@"; }

net_up() {
	NET_PREFIX=${1:-nfth}
	local c=$NET_PREFIX-client r=$NET_PREFIX-router s=$NET_PREFIX-server
	ip netns add "$c" && ip netns add "$r" && ip netns add "$s" || return 1
	ip -n "$c" link add eth0 type veth peer name cli netns "$r" || return 1
	ip -n "$s" link add eth0 type veth peer name srv netns "$r" || return 1
	for ns in "$c" "$r" "$s"; do
		ip -n "$ns" link set lo up
	done
	ip -n "$c" addr add 10.99.1.2/24 dev eth0
	ip -n "$c" addr add fd99:1::2/64 dev eth0 nodad
	ip -n "$s" addr add 10.99.2.2/24 dev eth0
	ip -n "$s" addr add fd99:2::2/64 dev eth0 nodad
	ip -n "$r" addr add 10.99.1.1/24 dev cli
	ip -n "$r" addr add fd99:1::1/64 dev cli nodad
	ip -n "$r" addr add 10.99.2.1/24 dev srv
	ip -n "$r" addr add fd99:2::1/64 dev srv nodad
	ip -n "$c" link set eth0 up
	ip -n "$s" link set eth0 up
	ip -n "$r" link set cli up
	ip -n "$r" link set srv up
	ip -n "$c" route add default via 10.99.1.1
	ip -n "$c" -6 route add default via fd99:1::1
	ip -n "$s" route add default via 10.99.2.1
	ip -n "$s" -6 route add default via fd99:2::1
	in_router sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

net_down() {
	local p=${1:-$NET_PREFIX} ns pid
	for ns in "$p-client" "$p-router" "$p-server"; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
	return 0
}

vsftpd_start() {
	local dir=$1 conf
	shift
	mkdir -p "$dir/ftproot" "$dir/empty"
	chmod 755 "$dir/ftproot"
	[ -f "$dir/ftproot/small" ] || head -c 2048 /dev/urandom > "$dir/ftproot/small"
	[ -f "$dir/ftproot/big" ] || head -c 1048576 /dev/urandom > "$dir/ftproot/big"
	chmod 644 "$dir/ftproot/small" "$dir/ftproot/big"
	conf=$dir/vsftpd.conf
	# listen_ipv6 on a dual-stack socket serves IPv4 too.
	cat > "$conf" <<-EOC
	listen=NO
	listen_ipv6=YES
	background=NO
	anonymous_enable=YES
	anon_root=$dir/ftproot
	local_enable=NO
	write_enable=NO
	pasv_enable=YES
	port_enable=YES
	connect_from_port_20=NO
	secure_chroot_dir=$dir/empty
	seccomp_sandbox=NO
	xferlog_enable=NO
	max_clients=0
	max_per_ip=0
	max_login_fails=100
	delay_failed_login=0
	delay_successful_login=0
	EOC
	in_server vsftpd "$conf" "$@" > "$dir/vsftpd.log" 2>&1 &
	VSFTPD_PID=$!
}
