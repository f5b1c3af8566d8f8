# inet tables: what stock nft 1.0.6 does with each of these, exactly (issue 14)
:input;type filter hook input priority 0

*inet;test-inet;input

meta nfproto ipv4 reject;ok;reject with icmp port-unreachable
meta nfproto ipv6 reject;ok;reject with icmpv6 port-unreachable
ip saddr 1.2.3.4 reject;ok;ip saddr 1.2.3.4 reject with icmp port-unreachable
meta protocol ip reject;ok
meta nfproto ipv6 ct original ip saddr 1.2.3.4;fail
meta nfproto ipv4 ct original ip saddr 1.2.3.4;ok
ct l3proto ipv4 ip saddr 1.2.3.4;ok;ip saddr 1.2.3.4
ct protocol tcp ct original proto-dst 21;fail
icmpv6 type echo-request icmpv6 code 0;ok;icmpv6 type echo-request icmpv6 code no-route
