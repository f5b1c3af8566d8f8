# meta nfproto only exists in inet
:input;type filter hook input priority 0

*inet;test-inet;input

meta nfproto ipv4;ok
meta nfproto ipv6;ok
meta nfproto ipv4 tcp dport 22;ok;meta nfproto ipv4 tcp dport 22

*ip;test-ip4;input

meta nfproto ipv4;fail
