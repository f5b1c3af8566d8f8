# tcp, udp and th headers
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

tcp dport 22;ok
tcp dport 21 accept;ok
tcp dport != 22;ok
tcp dport 1024-65535;ok
tcp dport != 1-1023;ok
tcp dport > 1024;ok
tcp dport < 1024;ok
tcp dport {22};ok;tcp dport 22
tcp dport ssh;ok;tcp dport 22
tcp dport 0x15;ok;tcp dport 21
tcp sport 1000-2000 tcp dport 22;ok
tcp sport 1024 drop;ok
tcp dport 70000;fail
tcp dport 5-1;fail
tcp flags syn;ok
tcp flags syn,ack;ok
tcp flags != syn;ok
tcp dport 21 udp dport 21;fail
udp dport 53;ok
udp sport 53 accept;ok
udp dport 60000-61000;ok
th dport 69;ok
th sport 1024-65535;ok
meta l4proto tcp tcp dport 22;ok;tcp dport 22
