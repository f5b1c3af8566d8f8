# IPv4 header
:input;type filter hook input priority 0

*ip;test-ip4;input
*inet;test-inet;input

ip saddr 10.0.0.1;ok
ip daddr 192.168.1.1 accept;ok
ip saddr != 10.0.0.1;ok
ip saddr 10.0.0.0/8;ok
ip saddr 10.1.2.0/24;ok
ip saddr 10.16.0.0/12;ok
ip daddr 172.16.0.0/16 drop;ok
ip saddr 10.0.0.1-10.0.0.9;ok
ip saddr 10.0.0.300;fail
ip protocol tcp;ok
ip protocol udp;ok
ip ttl 64;ok
ip ttl != 255;ok
ip length 1500;ok
ip length 100-200;ok
ip dscp cs1;ok
ip dscp ef;ok
ip dscp 0x08;ok;ip dscp cs1
ip daddr 1.2.3.4 udp sport 53;ok
ip saddr 1.2.3.4 ip6 daddr ::1;fail

# an explicit "ip protocol" before its header is a dependency in ip tables
*ip;test-ip4;input

ip protocol icmp icmp type echo-request;ok;icmp type echo-request
ip protocol tcp tcp dport 22;ok;tcp dport 22

*inet;test-inet;input

ip protocol icmp icmp type echo-request;ok

*ip;test-ip4;input
*inet;test-inet;input

ip saddr != 10.0.0.0/8;ok
ip saddr != 10.16.0.0/12;ok
ip saddr != 10.0.0.1-10.0.0.5;ok
ip daddr 0.0.0.0/0;ok
