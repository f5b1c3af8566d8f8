# IPv6 header and ICMPv6
:input;type filter hook input priority 0

*ip6;test-ip6;input
*inet;test-inet;input

ip6 saddr ::1;ok
ip6 daddr fe80::1 accept;ok
ip6 saddr 2001:db8::/32;ok
ip6 saddr != ::1;ok
ip6 nexthdr tcp;ok
ip6 hoplimit 255;ok
ip6 hoplimit 1-10;ok
icmpv6 type echo-request;ok
icmpv6 type nd-neighbor-solicit accept;ok
icmpv6 code 4;ok;icmpv6 code port-unreachable
icmpv6 code no-route;ok
ip6 saddr 2001:db8::/129;fail
