# anonymous sets of values (constant hash sets looked up by the rule)
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

tcp dport { 21, 2121 };ok
tcp dport { 22, 21, 2121 } accept;ok;tcp dport { 21, 22, 2121 } accept
tcp dport != { 1, 2 };ok
udp dport { 53, 69 } counter;ok;udp dport { 53, 69 } counter packets 0 bytes 0
ct state { established, related } accept;ok
ct state { new };ok;ct state new
meta l4proto { tcp, udp };ok
meta mark { 0x00000001, 0x00000002 };ok
# (sets of strings list in the kernel's hash order, which varies: not here)
tcp dport { 21, 21, 22 };ok;tcp dport { 21, 22 }
tcp dport { 70000, 1 };fail

*ip;test-ip4;input
*inet;test-inet;input

ip saddr { 10.0.0.1, 10.0.0.2 } accept;ok
icmp type { echo-request, echo-reply };ok;icmp type { echo-reply, echo-request }

# interval sets: ranges, merged neighbours, an open end
*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

tcp dport { 8080, 1-1023 } accept;ok;tcp dport { 1-1023, 8080 } accept
tcp dport { 0-10, 65535 };ok
tcp dport { 1-10, 5-20 };ok;tcp dport { 1-20 }
tcp dport { 1-10, 11-20 };ok;tcp dport { 1-20 }
tcp dport != { 1-1023 };ok;tcp dport != 1-1023
tcp dport { 5-1, 9 };fail

*ip;test-ip4;input
*inet;test-inet;input

ip saddr { 10.0.0.0/8, 192.168.0.0/16, 172.16.1.1 };ok;ip saddr { 10.0.0.0/8, 172.16.1.1, 192.168.0.0/16 }
ip daddr { 10.0.0.1-10.0.0.9, 10.0.0.20 } drop;ok

*ip6;test-ip6;input
*inet;test-inet;input

ip6 saddr { fe80::/10, ::1, 2001:db8::/32 } accept;ok;ip6 saddr { ::1, 2001:db8::/32, fe80::/10 } accept
