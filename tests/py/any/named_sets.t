# named sets: declared with "add set", filled with "add element", looked up
# by rules with @name and != @name
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

!ports { type inet_service; };ok
?ports { 22, 80, 443 };ok
!names { type ifname; };ok
?names { "lo", "eth0" };ok
!marks { type mark; };ok
?marks { 1, 0x10 };ok
!protos { type inet_proto; flags constant; elements = { tcp, udp }; };ok
!v4 { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }; };ok
!v6 { type ipv6_addr; elements = { ::1 }; };ok
!empty { type ipv4_addr; };ok
!tports { typeof tcp dport; elements = { 22 }; };ok
!tmarks { typeof meta mark; };ok
!tnames { typeof iifname; };ok
!bad { type foo; };fail
!bad { type ipv4_addr; elements = { 10.0.0.0/8 }; };fail
!bad { flags interval; };fail
?ports { 70000 };fail
?ports { 1-10 };fail
?nosuch { 22 };fail

tcp dport @ports;ok
tcp dport @ports accept;ok
tcp dport != @ports drop;ok
udp sport @ports counter;ok;udp sport @ports counter packets 0 bytes 0
th dport @ports;ok
iifname @names;ok
oifname != @names accept;ok
meta mark @marks;ok
ct mark @marks;ok
meta l4proto @protos;ok
ct state new tcp dport @ports accept;ok
tcp dport @ports tcp sport @ports;ok
th dport @tports;ok
meta mark != @tmarks;ok
oifname @tnames accept;ok
tcp dport @names;fail
iifname @ports;fail
meta mark @nosuch;fail
tcp dport < @ports;fail
tcp dport @ports @ports;fail

*ip;test-ip4;input
*inet;test-inet;input

!v4 { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }; };ok
!hosts { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 }; };ok
!merged { type ipv4_addr; flags interval; auto-merge; elements = { 10.0.0.0/24, 10.0.1.0/24, 10.0.0.7 }; };ok
!bad { type ipv4_addr; auto-merge; };fail
!protos { type inet_proto; };ok

ip saddr @v4;ok
ip daddr != @v4 drop;ok
ip saddr @hosts ip daddr @v4 accept;ok
ip protocol @protos;ok
ip saddr != @merged;ok
ct original ip saddr @hosts;ok
ip saddr @protos;fail

*ip6;test-ip6;input
*inet;test-inet;input

!v6 { type ipv6_addr; flags interval; elements = { fe80::/10, ::1 }; };ok

ip6 saddr @v6;ok
ip6 daddr != @v6 accept;ok
ip6 saddr @v4;fail
