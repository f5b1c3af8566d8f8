# ICMP
:input;type filter hook input priority 0

*ip;test-ip4;input
*inet;test-inet;input

icmp type echo-request;ok
icmp type echo-reply accept;ok
icmp type destination-unreachable;ok
icmp type != echo-request;ok
icmp code 3;ok;icmp code port-unreachable
icmp code host-unreachable;ok
icmp type 8;ok;icmp type echo-request
icmp type bogus;fail
