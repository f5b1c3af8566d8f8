# SPDX-License-Identifier: GPL-2.0-or-later
"""gen_rules.py - rule lines for the differential check (nft-diff.py).

Generated from the grammar subset our nft covers: every match key in
scope x every operator x value forms (single values, symbolic constants,
ranges, prefixes, anonymous sets, flag lists, bad values), pairs of
matches on one header (merged loads), protocol dependencies and their
conflicts, and the statements, in each table family where they apply.
Stock nft is the oracle: a line may be valid or not, the check only
compares what both programs do with it.
"""

FAMILIES = ("ip", "ip6", "inet", "bridge", "netdev")

OPS = ("", "== ", "!= ", "< ", "> ", "<= ", ">= ")

# key -> value forms (as written after the operator)
INT8 = ["0", "1", "64", "255", "256", "0x10", "1-10", "10-1", "{ 1, 2 }",
        "{ 1-5, 9 }", "foo"]
PORT = ["22", "ssh", "0", "65535", "65536", "1-1024", "1024-1", "http-https",
        "{ 22, 80 }", "{ ssh, 80, 1000-2000 }", "{ 22 }", "foo"]
V4 = ["10.0.0.1", "10.0.0.0/8", "10.0.0.1/33", "10.0.0.1-10.0.0.9",
      "10.0.0.9-10.0.0.1", "{ 10.0.0.1, 10.0.0.2 }",
      "{ 10.0.0.0/8, 192.168.1.1 }", "{ 10.0.0.0/8, 10.1.0.0/16 }",
      "{ 10.0.0.1-10.0.0.5, 10.0.0.3 }", "1.2.3", "::1"]
V6 = ["::1", "fe80::/64", "fe80::1-fe80::9", "{ ::1, ::2 }",
      "{ fe80::/64, ::1 }", "::1/129", "10.0.0.1"]
L4 = ["tcp", "udp", "icmp", "6", "33", "33-45", "{ tcp, udp }",
      "{ 6-17, 33 }", "dccp", "foo"]

KEYS = {
    "ip dscp": ["cs1", "ef", "0x10", "63", "64", "cs1-cs3", "{ cs1, ef }"],
    "ip length": ["100", "100-200", "{ 100, 200 }", "65536"],
    "ip ttl": INT8,
    "ip protocol": L4,
    "ip saddr": V4,
    "ip daddr": V4,
    "ip6 nexthdr": L4,
    "ip6 hoplimit": INT8,
    "ip6 saddr": V6,
    "ip6 daddr": V6,
    "tcp sport": PORT,
    "tcp dport": PORT,
    "tcp flags": ["syn", "syn,ack", "syn | ack", "{ syn, ack }",
                  "0x02", "fin", "cwr", "foo"],
    "udp sport": PORT,
    "udp dport": PORT,
    "th dport": PORT,
    "th sport": ["53", "{ 53, 67 }"],
    "icmp type": ["echo-request", "8", "destination-unreachable",
                  "{ echo-request, echo-reply }", "0-8", "foo"],
    "icmp code": ["0", "3", "port-unreachable", "net-unreachable",
                  "{ 0, 3 }", "1-3", "admin-prohibited", "foo"],
    "icmpv6 type": ["echo-request", "nd-neighbor-solicit", "128",
                    "{ echo-request, echo-reply }", "1-4", "foo"],
    "icmpv6 code": ["0", "no-route", "port-unreachable", "{ 0, 4 }",
                    "1-3"],
    "meta l4proto": L4,
    "meta nfproto": ["ipv4", "ipv6", "inet", "2", "{ ipv4, ipv6 }", "foo"],
    "meta protocol": ["ip", "ip6", "arp", "vlan", "0x0800",
                      "{ ip, ip6 }", "foo"],
    "iifname": ['"lo"', '"eth*"', '"dummy\\*"', '""', '"*"',
                '{ "lo", "eth0" }', '{ "b", "a", "c" }', '"e*th"',
                '"abcdefghijklmnopq"'],
    "oifname": ['"lo"', '"eth*"', '""'],
    "meta iifname": ['"lo"'],
    "iif": ['"lo"', "lo", "1", '"nosuchdev"'],
    "oif": ['"lo"'],
    "meta mark": ["1", "0x10", "0xffffffff", "0x100000000", "1-5",
                  "{ 1, 2 }", "{ 1-5, 9 }", "0x10/8", "foo"],
    "mark": ["1"],
    "meta pkttype": ["host", "broadcast", "multicast", "other",
                     "{ host, broadcast }", "foo"],
    "ct state": ["new", "established", "related", "invalid", "untracked",
                 "established,related", "{ new, established }",
                 "established | related", "foo"],
    "ct status": ["expected", "seen-reply", "assured", "confirmed",
                  "snat", "dnat", "dying", "expected,assured", "foo"],
    "ct helper": ['"ftp"', '""', "ftp", '"abcdefghijklmnopq"'],
    "ct mark": ["1", "0x10", "1-5", "{ 1, 2 }"],
    "ct zone": ["1", "65535", "65536", "1-10", "{ 1, 2 }"],
    "ct direction": ["original", "reply", "{ original, reply }", "foo"],
    "ct l3proto": ["ipv4", "ipv6", "foo"],
    "ct protocol": ["tcp", "17", "{ tcp, udp }"],
    "ct expiration": ["30s", "1m", "1m-1h", "5", "1h30m", "{ 1m, 2m }",
                      "foo"],
    "ct original proto-src": ["21", "{ 21, 22 }"],
    "ct reply proto-dst": ["21"],
    "ct original saddr": ["1.2.3.4", "::1"],
    "ct original ip saddr": ["1.2.3.4", "10.0.0.0/8",
                             "{ 1.2.3.4, 5.6.7.8 }"],
    "ct reply ip daddr": ["1.2.3.4"],
    "ct original ip6 saddr": ["::1"],
    "ct reply ip6 daddr": ["::1", "{ ::1, ::2 }"],
}

# pairs and dependencies: merges, conflicts, context
COMBOS = [
    "tcp sport 1024 tcp dport 22",
    "tcp dport 22 tcp sport 1024",
    "tcp sport 1024 tcp dport { 22, 23 }",
    "tcp sport 1024 tcp dport 22-23",
    "tcp sport 1024 tcp dport != 22",
    "tcp sport != 1024 tcp dport 22",
    "tcp sport 1024 tcp dport 22 tcp flags syn",
    "udp sport 53 udp dport 53",
    "th sport 53 th dport 53",
    "icmp type echo-request icmp code 0",
    "icmp type destination-unreachable icmp code port-unreachable",
    "icmpv6 type echo-request icmpv6 code 0",
    "ip saddr 10.0.0.1 ip daddr 10.0.0.2",
    "ip daddr 10.0.0.2 ip saddr 10.0.0.1",
    "ip saddr 10.0.0.0/8 ip daddr 10.0.0.2",
    "ip6 saddr ::1 ip6 daddr ::2",
    "ip ttl 1 ip protocol tcp",
    "ip protocol tcp tcp dport 22",
    "ip protocol udp tcp dport 22",
    "ip6 nexthdr tcp tcp dport 22",
    "meta l4proto tcp tcp dport 22",
    "meta l4proto udp tcp dport 22",
    "meta l4proto tcp ct reply proto-dst 21",
    "meta l4proto tcp ct original proto-src 21",
    "meta l4proto udp ct original proto-dst 53",
    "meta l4proto udp ct original proto-dst domain",
    "tcp dport 22 ct original proto-src 21",
    "meta l4proto 33 ct original proto-dst 21",
    "meta l4proto icmp ct original proto-dst 21",
    "ct protocol tcp ct original proto-dst 21",
    "meta nfproto ipv4 ip saddr 1.2.3.4",
    "meta nfproto ipv6 ip saddr 1.2.3.4",
    "meta nfproto ipv6 ct original ip saddr 1.2.3.4",
    "meta nfproto ipv4 ct original ip saddr 1.2.3.4",
    "meta nfproto ipv4 ct original ip6 saddr ::1",
    "meta protocol ip ip saddr 1.2.3.4",
    "meta protocol ip6 ip saddr 1.2.3.4",
    "ip saddr 1.2.3.4 ip6 saddr ::1",
    "udp dport 1 tcp dport 2",
    "tcp dport 22 icmp type echo-request",
    "icmp type echo-request icmpv6 type echo-request",
    "meta nfproto ipv4 reject",
    "meta nfproto ipv6 reject",
    "meta protocol ip reject",
    "meta l4proto tcp reject with tcp reset",
    "meta l4proto udp reject with tcp reset",
    "ip protocol tcp reject with tcp reset",
    "ct l3proto ipv4 meta mark 1",
    "ct l3proto ipv4 ct protocol tcp",
    "ct l3proto ipv4 th dport 22",
    "meta nfproto ipv4 meta l4proto tcp",
    "meta nfproto ipv4 th dport 22",
    "ct original l3proto ipv4 ip saddr 1.2.3.4",
    "ct l3proto ipv4 tcp dport 22",
    "ct l3proto ipv4 icmp type echo-request",
    "ct l3proto ipv6 ip saddr 1.2.3.4",
    "ct l3proto ipv4 meta l4proto tcp",
    "meta nfproto ipv4 tcp dport 22",
    "meta nfproto ipv4 meta l4proto tcp tcp dport 22",
    "ct protocol tcp ct reply proto-src 80",
    "ct protocol tcp tcp dport 22",
    "ct protocol udp tcp dport 22",
    "ct original protocol tcp tcp dport 22",
    "ct l3proto ipv4 ip saddr 1.2.3.4",
    "ct protocol tcp counter",
    "tcp sport 1 log tcp dport 3",
    "th sport 53 th dport 53 counter",
    "udp sport 53 th dport 53",
    "ip6 nexthdr tcp reject with tcp reset",
    "ip protocol tcp counter reject with tcp reset",
    "meta protocol ip6 ip6 saddr ::1",
    "meta protocol arp ip saddr 1.2.3.4",
    "meta protocol ip6 tcp dport 22",
    "meta protocol ip counter",
    "counter meta protocol ip",
    "meta protocol ip6 counter",
    "meta protocol ip meta protocol ip",
    "ip ttl 1 ip protocol tcp tcp dport 22",
    "ip protocol tcp ip ttl 2",
    "ip6 nexthdr tcp ip6 hoplimit 3",
    "ip6 hoplimit 3 ip6 saddr ::1",
    "tcp sport != 1 tcp dport != 2",
    "tcp sport 1 meta mark 2 tcp dport 3",
    "tcp sport 1 counter tcp dport 3",
    "ip saddr 1.2.3.4 ip daddr 5.6.7.8 ip ttl 3",
    "ip length 100 ip ttl 3",
    "iifname \"a\\*b\"",
    "iifname \"du\\*mmy\\*\"",
    "iifname \"\\*\"",
    "iifname { \"a\\*\", \"b\" }",
    "iifname { \"ab\", \"ba\" }",
    "iifname != \"x\\*\"",
    "tcp dport 22 reject with tcp reset",
    "udp dport 22 reject with tcp reset",
    "meta nfproto ipv4 reject with icmp type host-unreachable",
    "meta nfproto ipv6 reject with icmpv6 type no-route",
    "ip saddr 1.2.3.4 reject",
    "ip6 saddr ::1 reject",
    "tcp flags == syn",
    "tcp flags != syn",
    "tcp flags & syn == syn",
    "tcp flags & (syn | ack) == syn",
    "tcp flags & (syn | ack) == syn | ack",
    "tcp flags & (syn | ack) != syn",
    "tcp flags & syn != 0",
    "tcp flags & (fin | syn | rst | ack) == syn",
    "ct state established,related accept",
    "ct state new tcp dport 22 accept",
    "iifname lo accept",
    "ct helper \"ftp\" accept",
]

STMTS = [
    "accept", "drop", "counter", "counter packets 1 bytes 2",
    "log", "log prefix \"x \" level warn", "log group 2",
    "log level audit", "log level foo", "reject",
    "reject with tcp reset", "reject with icmp type host-unreachable",
    "reject with icmp type port-unreachable",
    "reject with icmpv6 type no-route",
    "reject with icmpx type admin-prohibited",
    "reject with icmpx type port-unreachable",
    "notrack", "queue", "queue num 1", "queue num 1-3 bypass",
    "queue num 1-3 fanout", "queue num 3-1", "queue bypass",
    "ct mark set 1", "ct mark set 0x10", "meta mark set 2", "mark set 3",
    "counter accept", "counter log drop", "continue", "return",
]


def key_families(key):
    """Families a key is tried in: all of them (stock decides)."""
    return FAMILIES


def rule_lines():
    """Yields (family, rule) pairs."""
    seen = set()
    for key, values in KEYS.items():
        for v in values:
            for op in OPS:
                line = "%s %s%s" % (key, op, v)
                if line in seen:
                    continue
                seen.add(line)
                for fam in key_families(key):
                    yield fam, line
    for line in COMBOS + STMTS:
        for fam in FAMILIES:
            yield fam, line
