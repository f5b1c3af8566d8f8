# what stock nft 1.0.6 does with each of these, exactly (issue 14):
# merged loads of adjacent fields, listings of ranges, flags and names
:input;type filter hook input priority 0

*ip;test-ip4;input
*ip6;test-ip6;input
*inet;test-inet;input

tcp sport 1024 tcp dport 22;ok
tcp dport 22 tcp sport 1024;ok;tcp sport 1024 tcp dport 22
tcp sport != 1024 tcp dport != 22;ok
tcp sport 1024 counter tcp dport 22;ok;tcp sport 1024 tcp dport 22 counter packets 0 bytes 0
udp sport 53 udp dport 53;ok
th sport 53 th dport 53;ok;@th,0,32 0x350035
meta l4proto 33-45;ok
meta l4proto { 6-17, 33 };ok;meta l4proto { 6-17, dccp }
ct expiration 1m-1h;ok;ct expiration 60s-3600s
tcp flags == syn;ok
tcp flags == syn,ack;ok;tcp flags == 0x12
tcp flags syn | ack;ok;tcp flags syn,ack
tcp flags < syn;ok
ct state == new;ok
ct state == established,related;ok;ct state established | related
ct state != established | related;ok
ct state < new;ok;ct state < 0x8
ct status >= expected,assured;ok;ct status >= 0x1 | 0x4
iifname "dummy\*";ok
iifname "du\*mmy\*";ok;iifname "du*mmy\*"
iifname "a\*b";ok
iifname { "lo", "eth0" };ok
iifname { "b", "a", "c" };ok;iifname { "a", "b", "c" }
iifname { "ab", "ba" };ok;iifname { "ba", "ab" }
iifname "";fail
oifname != "";fail
ct helper "";fail
meta l4proto tcp ct reply proto-dst 21;ok
meta l4proto udp ct original proto-src domain;ok;meta l4proto udp ct original proto-src 53
ct l3proto ipv4 meta l4proto tcp;ok;meta l4proto tcp
tcp flags & syn == syn;ok
tcp flags & syn syn;ok;tcp flags & syn == syn
tcp flags & (syn | ack) == syn;ok;tcp flags syn / syn,ack
tcp flags & (syn | ack) != syn;ok;tcp flags != syn / syn,ack
tcp flags & (syn | ack) == syn | ack;ok;tcp flags syn,ack / syn,ack
tcp flags & (syn | ack) == 0;ok;tcp flags ! syn,ack
tcp flags & syn != 0;ok;tcp flags syn
tcp flags & syn == ack;ok;tcp flags ack / syn
meta mark & 0xff == 1;ok;meta mark & 0x000000ff == 0x00000001
meta mark & 0xff != 0;ok;meta mark & 0x000000ff != 0x00000000
ct state & (new | established) == new;ok;ct state new / established,new
ct mark & 0xff 3;ok;ct mark & 0x000000ff == 0x00000003
tcp flags fin,syn,rst,psh,ack,urg,ecn,cwr;ok;tcp flags != 0x0
accept accept;fail
drop counter;fail
queue num 1 counter;fail
continue counter;ok;continue counter packets 0 bytes 0
iifname < "x";ok
oifname >= "eth0";ok
meta iifname <= "lo";ok;iifname <= "lo"
log level audit;ok
log prefix "x" level audit;fail
