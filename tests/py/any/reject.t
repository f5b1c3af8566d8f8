# reject
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

reject;ok
tcp dport 22 reject with tcp reset;ok
udp dport 53 reject with tcp reset;fail

*ip;test-ip4;input
*ip6;test-ip6;input

reject with icmpx admin-prohibited;fail

*inet;test-inet;input

reject with icmpx admin-prohibited;ok
reject with icmpx port-unreachable;ok;reject
reject with icmpx no-route;ok
reject with icmpx host-unreachable;ok

# the tcp dependency stays visible in inet, as stock nft lists it
*ip;test-ip4;input
*ip6;test-ip6;input

reject with tcp reset;ok

*inet;test-inet;input

reject with tcp reset;ok;meta l4proto tcp reject with tcp reset
