# reject with icmp codes of the table family
:input;type filter hook input priority 0

*ip;test-ip4;input

reject with icmp host-unreachable;ok
reject with icmp type admin-prohibited;ok;reject with icmp admin-prohibited
reject with icmp port-unreachable;ok;reject
reject with icmpv6 no-route;fail

*ip6;test-ip6;input

reject with icmpv6 admin-prohibited;ok
reject with icmpv6 type no-route;ok;reject with icmpv6 no-route
reject with icmpv6 port-unreachable;ok;reject
