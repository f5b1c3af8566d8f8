# conntrack matches and statements
:input;type filter hook input priority 0
:output;type filter hook output priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

ct state new;ok
ct state established,related;ok
ct state invalid;ok
ct state untracked;ok
ct state != established;ok
ct state {established};ok;ct state established
ct state 8;ok;ct state new
ct state bogus;fail
ct status dnat;ok
ct status expected,seen-reply;ok
ct status assured;ok
ct mark 0x00000001;ok
ct mark 1;ok;ct mark 0x00000001
ct mark != 0x00000010;ok
ct mark 0x00000001-0x00000005;ok
ct mark set 0x00000020;ok
ct mark set 7;ok;ct mark set 0x00000007
ct helper "ftp";ok
ct helper != "sip";ok
ct direction original;ok
ct direction reply;ok
ct zone 5;ok
ct l3proto ipv4;ok
ct protocol tcp;ok
ct protocol udp;ok
ct state established,related accept;ok
ct state invalid drop;ok

# stock nft 1.0.6 cannot type a bare proto-src/proto-dst: refused everywhere
ct original proto-src 1024;fail
ct reply proto-dst 21;fail

# conntrack addresses and expiration
*ip;test-ip4;input

ct original saddr 1.2.3.4;ok;ct original ip saddr 1.2.3.4
ct reply daddr 10.0.0.1;ok;ct reply ip daddr 10.0.0.1
ct original ip saddr 1.2.3.4;ok
ct reply ip daddr != 1.2.3.4;ok

*ip6;test-ip6;input

ct original saddr ::1;ok;ct original ip6 saddr ::1
ct reply ip6 daddr fe80::1;ok

*inet;test-inet;input

ct original ip saddr 1.2.3.4;ok
ct original ip6 daddr ::1;ok
ct original saddr 1.2.3.4;fail

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

ct expiration 30s;ok
ct expiration < 1m;ok
ct expiration 1h30m;ok
ct expiration 30;ok;ct expiration 30s
ct expiration 1s500ms;ok
ct expiration 5x;fail
