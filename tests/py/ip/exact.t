# ip tables: what stock nft 1.0.6 does with each of these, exactly (issue 14)
:input;type filter hook input priority 0

*ip;test-ip4;input

meta protocol ip;ok
meta protocol ip counter;ok;counter packets 0 bytes 0
counter meta protocol ip;ok;counter packets 0 bytes 0 meta protocol ip
meta protocol ip6 ip saddr 1.2.3.4;ok;ip saddr 1.2.3.4
icmp type echo-request icmp code 0;ok;icmp type echo-request icmp code net-unreachable
icmp type destination-unreachable icmp code port-unreachable;ok
ip ttl 1 ip protocol tcp;ok
ip ttl 1 ip protocol tcp tcp dport 22;ok;ip ttl 1 tcp dport 22
ip protocol tcp reject with tcp reset;ok;reject with tcp reset
ct protocol tcp tcp dport 22;ok;tcp dport 22
ct original protocol tcp ct original proto-dst 21;ok;ct protocol tcp ct original proto-dst 21
ip dscp 63;ok;ip dscp 0x3f
icmp type 0-8;ok
ct original ip6 saddr ::1;fail
reject counter;fail
