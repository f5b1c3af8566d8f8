# meta matches and statements
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

meta l4proto tcp;ok
meta l4proto udp;ok
meta l4proto icmp;ok
meta l4proto != tcp;ok
meta l4proto {tcp};ok;meta l4proto tcp
meta l4proto 33;ok;meta l4proto dccp
meta mark 0x00000005;ok
meta mark 5;ok;meta mark 0x00000005
meta mark != 0x00000005;ok
meta mark < 0x00000005;ok
meta mark >= 0x00000100;ok
meta mark set 0x0000000a;ok
mark set 10;ok;meta mark set 0x0000000a
iifname "lo";ok
iifname != "lo";ok
meta iifname "eth0";ok;iifname "eth0"
oifname "lo";ok
iif "lo";ok
meta pkttype host;ok
meta pkttype broadcast;ok
meta l4proto tcp counter;ok;meta l4proto tcp counter packets 0 bytes 0
iifname "abcdefghijklmnopq";fail
meta mark 0x100000000;fail

*inet;test-inet;input

meta protocol ip;ok
meta protocol ip6 accept;ok
oif "lo";ok
oifname != "lo";ok

# interface name prefixes
*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

iifname "eth*";ok
iifname != "ve*" accept;ok
oifname "wlan0*" drop;ok
iifname "eth*" tcp dport 22 accept;ok
