# conntrack objects referenced from rules
:prerouting;type filter hook prerouting priority raw
:output;type filter hook output priority -300

*ip;test-ip4;prerouting,output
*ip6;test-ip6;prerouting
*inet;test-inet;prerouting

%ftp-standard type ct helper { type "ftp" protocol tcp; };ok
%tftp type ct helper { type "tftp" protocol udp; };ok
%bad type ct helper { type "no-such-helper" protocol tcp; };fail

ct helper set "ftp-standard";ok
tcp dport 21 ct helper set "ftp-standard";ok
udp dport 69 ct helper set "tftp";ok
ct helper set "missing";fail
notrack;ok
tcp dport 21 notrack;ok

*ip;test-ip4;prerouting

%exp1 type ct expectation { protocol tcp; dport 21; timeout 5m; size 3; };ok
ct expectation set "exp1";ok

*inet;test-inet;prerouting

%exp2 type ct expectation { protocol tcp; dport 21; timeout 5m; size 3; l3proto ip; };ok
ct expectation set "exp2";ok

*ip;test-ip4;prerouting
*ip6;test-ip6;prerouting
*inet;test-inet;prerouting

%to-tcp type ct timeout { protocol tcp; policy = { established: 3600, close: 5 }; };ok
%to-udp type ct timeout { protocol udp; policy = { replied: 60 }; };ok
%to-bad type ct timeout { protocol udp; policy = { established: 1 }; };fail
ct timeout set "to-tcp";ok
tcp dport 21 ct timeout set "to-tcp";ok
udp dport 53 ct timeout set "to-udp";ok
ct timeout set "no-such-timeout";fail
