# verdicts, counters, log
:input;type filter hook input priority 0

*ip;test-ip4;input;other
*ip6;test-ip6;input;other
*inet;test-inet;input;other

accept;ok
drop;ok
continue;ok
return;ok
jump other;ok
goto other;ok
jump nonexistent;fail
counter;ok;counter packets 0 bytes 0
counter packets 10 bytes 100;ok
counter jump other;ok;counter packets 0 bytes 0 jump other
log;ok
log prefix "in: ";ok
log level info;ok
log level warn;ok;log
log prefix "x" level debug;ok
log group 2;ok
log prefix "g " group 1;ok
log level info group 2;fail
log level bogus;fail
tcp dport 22 counter accept comment "ssh";ok;tcp dport 22 counter packets 0 bytes 0 accept comment "ssh"
