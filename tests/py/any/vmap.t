# anonymous verdict maps: key vmap { value : verdict, ... }
:input;type filter hook input priority 0

*ip;test-ip4;input;other
*ip6;test-ip6;input;other
*inet;test-inet;input;other

ct state vmap { established : accept, related : accept, invalid : drop };ok;ct state vmap { invalid : drop, established : accept, related : accept }
ct state vmap { new : jump other };ok
ct state vmap { established : continue };ok
tcp dport vmap { 22 : jump other, 80 : goto other, 443 : return };ok
tcp dport vmap { 22 : accept } counter;ok;tcp dport vmap { 22 : accept } counter packets 0 bytes 0
udp dport vmap { 53 : accept, 67 : drop } udp sport 68;ok
iifname vmap { "lo" : accept, "eth0" : drop };ok;iifname vmap { "lo" : accept, "eth0" : drop }
meta l4proto vmap { tcp : accept, udp : drop };ok
meta mark vmap { 1 : accept, 0x10 : drop };ok;meta mark vmap { 0x00000001 : accept, 0x00000010 : drop }
tcp dport vmap { 22 : jump nochain };fail
tcp dport vmap { 22 : accept, 22 : drop };fail
ct state vmap { foo : accept };fail
tcp dport vmap { 70000 : accept };fail

*ip;test-ip4;input;other
*inet;test-inet;input;other

ip saddr vmap { 10.0.0.1 : accept, 10.0.0.2 : drop };ok
ip protocol vmap { 6 : accept, 17 : drop };ok;ip protocol vmap { tcp : accept, udp : drop }

# named verdict maps: tcp dport vmap @name
*ip;test-ip4;input;other
*ip6;test-ip6;input;other
*inet;test-inet;input;other

!ports map { type inet_service : verdict; elements = { 22 : jump other, 80 : accept }; };ok
!devs map { type ifname : verdict; };ok
?devs { "lo" : accept, "eth0" : drop };ok
!marks map { type mark : verdict; flags constant; elements = { 1 : drop }; };ok
!bad map { type ipv4_addr : verdict; elements = { 10.0.0.1 : jump nochain }; };fail
?ports { 443 : jump nochain };fail
?ports { 22 : accept };fail

tcp dport vmap @ports;ok
tcp dport vmap @ports counter;ok;tcp dport vmap @ports counter packets 0 bytes 0
iifname vmap @devs;ok
oifname vmap @devs;ok
meta mark vmap @marks;ok
tcp dport vmap @devs;fail
tcp dport vmap @nosuch;fail
