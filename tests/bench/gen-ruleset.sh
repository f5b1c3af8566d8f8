#!/bin/sh
# gen-ruleset.sh RULES OBJECTS - print a conntrack-helper ruleset of that size.
#
# Shaped like a router's: one inet table, OBJECTS kernel ct helper objects
# (ftp, alternating l3proto), a prerouting chain of RULES rules that assign
# them by destination port and address, plus the usual accept/counter rules.
# Only constructs that stock nft 1.0.6 and ours both speak.
set -eu
rules=${1:-10000}
objects=${2:-1000}

echo "table inet bench {"
i=0
while [ "$i" -lt "$objects" ]; do
	if [ $((i % 2)) -eq 0 ]; then l3=ip; else l3=ip6; fi
	printf '\tct helper h%d {\n\t\ttype "ftp" protocol tcp\n\t\tl3proto %s\n\t}\n' "$i" "$l3"
	i=$((i + 1))
done
printf '\tchain pre {\n\t\ttype filter hook prerouting priority filter; policy accept;\n'
i=0
while [ "$i" -lt "$rules" ]; do
	a=$((i / 250 % 250 + 1)) b=$((i % 250 + 1)) port=$((1024 + i % 60000))
	case $((i % 4)) in
	0) printf '\t\ttcp dport %d ct helper set "h%d"\n' "$port" $((i % objects)) ;;
	1) printf '\t\tip daddr 10.%d.%d.1 tcp dport 21 ct helper set "h%d"\n' "$a" "$b" $((i % objects)) ;;
	2) printf '\t\tip saddr 192.168.%d.%d counter accept\n' "$a" "$b" ;;
	3) printf '\t\tct state established,related counter accept\n' ;;
	esac
	i=$((i + 1))
done
printf '\t}\n}\n'
