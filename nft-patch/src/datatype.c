// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * datatype.c - the value types of the supported matches and statements.
 * Names, numbers and print styles are stock nft 1.0.6's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "utils.h"

uint64_t value_get(const uint8_t *data, unsigned int n, enum byteorder bo)
{
	uint64_t v = 0;
	unsigned int i;

	if (bo == BYTEORDER_BIG_ENDIAN) {
		for (i = 0; i < n; i++)
			v = (v << 8) | data[i];
	} else {
		for (i = n; i-- > 0;)
			v = (v << 8) | data[i];	/* little-endian host */
	}
	return v;
}

void value_set(uint8_t *data, unsigned int n, enum byteorder bo, uint64_t v)
{
	unsigned int i;

	if (bo == BYTEORDER_BIG_ENDIAN) {
		for (i = n; i-- > 0; v >>= 8)
			data[i] = (uint8_t)v;
	} else {
		for (i = 0; i < n; i++, v >>= 8)
			data[i] = (uint8_t)v;
	}
}

static int parse_number(const char *text, uint64_t *v)
{
	char *end;

	if (!*text || *text == '-')
		return -1;
	errno = 0;
	*v = strtoull(text, &end, 0);
	if (errno || *end)
		return -1;
	return 0;
}

static const struct symbolic_constant *
symbol_find(const struct symbol_table *tbl, const char *name)
{
	unsigned int i;

	if (!tbl)
		return NULL;
	for (i = 0; i < tbl->count; i++)
		if (!strcmp(tbl->symbols[i].identifier, name))
			return &tbl->symbols[i];
	return NULL;
}

static const char *symbol_name(const struct symbol_table *tbl, uint64_t v)
{
	unsigned int i;

	if (!tbl)
		return NULL;
	for (i = 0; i < tbl->count; i++)
		if (tbl->symbols[i].value == v)
			return tbl->symbols[i].identifier;
	return NULL;
}

static int integer_parse(const struct datatype *dtype, const char *text,
			 uint8_t *data, unsigned int len, char **errmsg)
{
	const struct symbolic_constant *s;
	uint64_t v;

	s = symbol_find(dtype->sym_tbl, text);
	if (s) {
		v = s->value;
	} else if (parse_number(text, &v) < 0) {
		if (dtype->sym_tbl)
			*errmsg = xasprintf("Could not parse %s", dtype->desc);
		else
			*errmsg = xasprintf("Could not parse %s", dtype->desc);
		return -1;
	}
	if (len < 64 && v >> len) {
		*errmsg = xasprintf("Value %s exceeds valid range 0-%llu",
				    text, (unsigned long long)((1ULL << len) - 1));
		return -1;
	}
	value_set(data, (len + 7) / 8, dtype->byteorder, v);
	return 0;
}

bool datatype_numeric;

static void integer_print(const struct datatype *dtype, const uint8_t *data,
			  unsigned int len, FILE *f)
{
	uint64_t v = value_get(data, len, dtype->byteorder);
	const char *name = datatype_numeric ? NULL : symbol_name(dtype->sym_tbl, v);

	/* len is in bytes here */
	/* a value without a name prints as a number, in hex where stock
	 * nft's type does (dscp 0x05, ether type 0x1234) */
	if (name)
		fputs(name, f);
	else if (dtype->numeric_hex)
		fprintf(f, "0x%0*llx", (int)dtype->numeric_hex, (unsigned long long)v);
	else if (dtype->flags & DTYPE_F_HEX)
		fprintf(f, "0x%08llx", (unsigned long long)v);
	else
		fprintf(f, "%llu", (unsigned long long)v);
}

/* comma-free flag names: "established" -> bits; the list is a set of these */
static void bitmask_print(const struct datatype *dtype, const uint8_t *data,
			  unsigned int len, FILE *f)
{
	uint64_t v = value_get(data, len, dtype->byteorder), bit;
	const char *name;
	bool first = true;
	unsigned int i;

	name = datatype_numeric ? NULL : symbol_name(dtype->sym_tbl, v);
	if (name || v == 0) {
		if (name)
			fputs(name, f);
		else
			fprintf(f, "0x%llx", (unsigned long long)v);
		return;
	}
	for (i = 0; i < 64; i++) {
		bit = 1ULL << i;
		if (!(v & bit))
			continue;
		name = datatype_numeric ? NULL : symbol_name(dtype->sym_tbl, bit);
		fprintf(f, "%s", first ? "" : ",");
		if (name)
			fputs(name, f);
		else
			fprintf(f, "0x%llx", (unsigned long long)bit);
		first = false;
	}
}

const struct datatype integer_type = {
	.type = TYPE_INTEGER,
	.name = "integer",
	.desc = "integer",
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.parse = integer_parse,
	.print = integer_print,
};

const struct datatype be_integer_type = {
	.type = TYPE_INTEGER,
	.name = "integer",
	.desc = "integer",
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.parse = integer_parse,
	.print = integer_print,
};

/* ---- strings (interface names, helper names) ---- */

static int string_parse(const struct datatype *dtype, const char *text,
			uint8_t *data, unsigned int len, char **errmsg)
{
	size_t n = strlen(text);

	(void)dtype;
	len /= 8;	/* bits -> bytes */
	if (n >= len) {
		*errmsg = xasprintf("String exceeds maximum length of %u", len);
		return -1;
	}
	memset(data, 0, len);
	memcpy(data, text, n);
	return 0;
}

static void string_print(const struct datatype *dtype, const uint8_t *data,
			 unsigned int len, FILE *f)
{
	(void)dtype;
	fprintf(f, "\"%.*s\"", (int)strnlen((const char *)data, len), data);
}

const struct datatype string_type = {
	.type = TYPE_STRING,
	.name = "string",
	.desc = "string",
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.flags = DTYPE_F_STRING,
	.parse = string_parse,
	.print = string_print,
};

const struct datatype ifname_type = {
	.type = TYPE_IFNAME,
	.name = "ifname",
	.desc = "network interface name",
	.size = 16 * 8,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.flags = DTYPE_F_STRING,
	.parse = string_parse,
	.print = string_print,
};

/* ---- ports ---- */

static int inet_service_parse(const struct datatype *dtype, const char *text,
			      uint8_t *data, unsigned int len, char **errmsg)
{
	struct servent *se;
	uint64_t v;

	(void)dtype;
	(void)len;
	if (parse_number(text, &v) == 0) {
		if (v > 65535) {
			*errmsg = xasprintf("Service out of range");
			return -1;
		}
	} else {
		se = getservbyname(text, NULL);
		if (!se) {
			*errmsg = xasprintf("Could not resolve service: Servname not supported for ai_socktype");
			return -1;
		}
		v = ntohs((uint16_t)se->s_port);
	}
	value_set(data, 2, BYTEORDER_BIG_ENDIAN, v);
	return 0;
}

const struct datatype inet_service_type = {
	.type = TYPE_INET_SERVICE,
	.name = "inet_service",
	.desc = "internet network service",
	.size = 16,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.parse = inet_service_parse,
	.print = integer_print,
};

/* ---- addresses ---- */

static int ipaddr_parse(const struct datatype *dtype, const char *text,
			uint8_t *data, unsigned int len, char **errmsg)
{
	(void)dtype;
	(void)len;
	if (inet_pton(AF_INET, text, data) != 1) {
		*errmsg = xasprintf("Could not resolve hostname: Name or service not known");
		return -1;
	}
	return 0;
}

static void ipaddr_print(const struct datatype *dtype, const uint8_t *data,
			 unsigned int len, FILE *f)
{
	char buf[INET6_ADDRSTRLEN];

	(void)dtype;
	(void)len;
	inet_ntop(AF_INET, data, buf, sizeof(buf));
	fputs(buf, f);
}

const struct datatype ipaddr_type = {
	.type = TYPE_IPADDR,
	.name = "ipv4_addr",
	.desc = "IPv4 address",
	.size = 32,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.flags = DTYPE_F_PREFIX,
	.parse = ipaddr_parse,
	.print = ipaddr_print,
};

static int ip6addr_parse(const struct datatype *dtype, const char *text,
			 uint8_t *data, unsigned int len, char **errmsg)
{
	(void)dtype;
	(void)len;
	if (inet_pton(AF_INET6, text, data) != 1) {
		*errmsg = xasprintf("Could not resolve hostname: Name or service not known");
		return -1;
	}
	return 0;
}

static void ip6addr_print(const struct datatype *dtype, const uint8_t *data,
			  unsigned int len, FILE *f)
{
	char buf[INET6_ADDRSTRLEN];

	(void)dtype;
	(void)len;
	inet_ntop(AF_INET6, data, buf, sizeof(buf));
	fputs(buf, f);
}

const struct datatype ip6addr_type = {
	.type = TYPE_IP6ADDR,
	.name = "ipv6_addr",
	.desc = "IPv6 address",
	.size = 128,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.flags = DTYPE_F_PREFIX,
	.parse = ip6addr_parse,
	.print = ip6addr_print,
};

/* ---- protocols ---- */

static int inet_protocol_parse(const struct datatype *dtype, const char *text,
			       uint8_t *data, unsigned int len, char **errmsg)
{
	struct protoent *pe;
	uint64_t v;

	(void)dtype;
	(void)len;
	if (parse_number(text, &v) == 0) {
		if (v > 255) {
			*errmsg = xasprintf("Value %s exceeds valid range 0-255", text);
			return -1;
		}
	} else if (!strcmp(text, "icmpv6")) {
		v = 58;
	} else {
		pe = getprotobyname(text);
		if (!pe) {
			*errmsg = xasprintf("Could not resolve protocol name");
			return -1;
		}
		v = (uint64_t)pe->p_proto;
	}
	data[0] = (uint8_t)v;
	return 0;
}

static void inet_protocol_print(const struct datatype *dtype,
				const uint8_t *data, unsigned int len, FILE *f)
{
	struct protoent *pe = datatype_numeric ? NULL : getprotobynumber(data[0]);

	(void)dtype;
	(void)len;
	if (pe)
		fputs(pe->p_name, f);
	else
		fprintf(f, "%u", data[0]);
}

const struct datatype inet_protocol_type = {
	.type = TYPE_INET_PROTOCOL,
	.name = "inet_proto",
	.desc = "Internet protocol",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.parse = inet_protocol_parse,
	.print = inet_protocol_print,
};

#define SYMTBL(name, ...)						\
	static const struct symbolic_constant name##_syms[] = { __VA_ARGS__ }; \
	static const struct symbol_table name = {			\
		.symbols = name##_syms,					\
		.count = array_size(name##_syms),			\
	}

SYMTBL(nfproto_tbl,
	{ "ipv4", 2 },
	{ "ipv6", 10 },
);

const struct datatype nfproto_type = {
	.type = TYPE_NFPROTO,
	.name = "nf_proto",
	.desc = "netfilter protocol",
	.size = 8,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.sym_tbl = &nfproto_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(ethertype_tbl,
	{ "ip", 0x0800 },
	{ "arp", 0x0806 },
	{ "ip6", 0x86dd },
	{ "8021q", 0x8100 },
	{ "8021ad", 0x88a8 },
	{ "vlan", 0x8100 },
);

const struct datatype ethertype_type = {
	.type = TYPE_ETHERTYPE,
	.numeric_hex = 4,
	.name = "ether_type",
	.desc = "Ethernet protocol",
	.size = 16,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &ethertype_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

/* ---- conntrack ---- */

SYMTBL(ct_state_tbl,
	{ "invalid", 1 },
	{ "established", 2 },
	{ "related", 4 },
	{ "new", 8 },
	{ "untracked", 64 },
);

const struct datatype ct_state_type = {
	.type = TYPE_CT_STATE,
	.name = "ct_state",
	.desc = "conntrack state",
	.size = 32,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.flags = DTYPE_F_BITMASK,
	.sym_tbl = &ct_state_tbl,
	.parse = integer_parse,
	.print = bitmask_print,
};

SYMTBL(ct_status_tbl,
	{ "expected", 1 },
	{ "seen-reply", 2 },
	{ "assured", 4 },
	{ "confirmed", 8 },
	{ "snat", 16 },
	{ "dnat", 32 },
	{ "dying", 512 },
);

const struct datatype ct_status_type = {
	.type = TYPE_CT_STATUS,
	.name = "ct_status",
	.desc = "conntrack status",
	.size = 32,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.flags = DTYPE_F_BITMASK,
	.sym_tbl = &ct_status_tbl,
	.parse = integer_parse,
	.print = bitmask_print,
};

SYMTBL(ct_dir_tbl,
	{ "original", 0 },
	{ "reply", 1 },
);

const struct datatype ct_dir_type = {
	.type = TYPE_CT_DIR,
	.name = "ct_dir",
	.desc = "conntrack direction",
	.size = 8,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.sym_tbl = &ct_dir_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

const struct datatype mark_type = {
	.type = TYPE_MARK,
	.name = "mark",
	.desc = "packet mark",
	.size = 32,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.flags = DTYPE_F_HEX,
	.parse = integer_parse,
	.print = integer_print,
};

static int ifindex_parse(const struct datatype *dtype, const char *text,
			 uint8_t *data, unsigned int len, char **errmsg)
{
	unsigned int idx = if_nametoindex(text);
	uint64_t v;

	(void)dtype;
	(void)len;
	if (!idx) {
		if (parse_number(text, &v) == 0 && v <= UINT32_MAX) {
			idx = (unsigned int)v;
		} else {
			*errmsg = xasprintf("Interface does not exist");
			return -1;
		}
	}
	value_set(data, 4, BYTEORDER_HOST_ENDIAN, idx);
	return 0;
}

static void ifindex_print(const struct datatype *dtype, const uint8_t *data,
			  unsigned int len, FILE *f)
{
	char name[IF_NAMESIZE];
	uint32_t idx = (uint32_t)value_get(data, 4, BYTEORDER_HOST_ENDIAN);

	(void)dtype;
	(void)len;
	if (if_indextoname(idx, name))
		fprintf(f, "\"%s\"", name);
	else
		fprintf(f, "%u", idx);
}

const struct datatype ifindex_type = {
	.type = TYPE_IFINDEX,
	.name = "iface_index",
	.desc = "network interface index",
	.size = 32,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.parse = ifindex_parse,
	.print = ifindex_print,
};

SYMTBL(pkttype_tbl,
	{ "host", 0 },
	{ "broadcast", 1 },
	{ "multicast", 2 },
	{ "other", 3 },
);

const struct datatype pkttype_type = {
	.type = TYPE_PKTTYPE,
	.name = "pkt_type",
	.desc = "packet type",
	.size = 8,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.sym_tbl = &pkttype_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(icmp_type_tbl,
	{ "echo-reply", 0 },
	{ "destination-unreachable", 3 },
	{ "source-quench", 4 },
	{ "redirect", 5 },
	{ "echo-request", 8 },
	{ "router-advertisement", 9 },
	{ "router-solicitation", 10 },
	{ "time-exceeded", 11 },
	{ "parameter-problem", 12 },
	{ "timestamp-request", 13 },
	{ "timestamp-reply", 14 },
	{ "info-request", 15 },
	{ "info-reply", 16 },
	{ "address-mask-request", 17 },
	{ "address-mask-reply", 18 },
);

const struct datatype icmp_type_type = {
	.type = TYPE_ICMP_TYPE,
	.name = "icmp_type",
	.desc = "ICMP type",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &icmp_type_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(icmp6_type_tbl,
	{ "destination-unreachable", 1 },
	{ "packet-too-big", 2 },
	{ "time-exceeded", 3 },
	{ "parameter-problem", 4 },
	{ "echo-request", 128 },
	{ "echo-reply", 129 },
	{ "mld-listener-query", 130 },
	{ "mld-listener-report", 131 },
	{ "mld-listener-done", 132 },
	{ "nd-router-solicit", 133 },
	{ "nd-router-advert", 134 },
	{ "nd-neighbor-solicit", 135 },
	{ "nd-neighbor-advert", 136 },
	{ "nd-redirect", 137 },
	{ "router-renumbering", 138 },
	{ "ind-neighbor-solicit", 141 },
	{ "ind-neighbor-advert", 142 },
	{ "mld2-listener-report", 143 },
);

const struct datatype icmp6_type_type = {
	.type = TYPE_ICMP6_TYPE,
	.name = "icmpv6_type",
	.desc = "ICMPv6 type",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &icmp6_type_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(icmp_code_tbl,
	{ "net-unreachable", 0 },
	{ "host-unreachable", 1 },
	{ "prot-unreachable", 2 },
	{ "port-unreachable", 3 },
	{ "frag-needed", 4 },
	{ "net-prohibited", 9 },
	{ "host-prohibited", 10 },
	{ "admin-prohibited", 13 },
);

const struct datatype icmp_code_type = {
	.type = TYPE_ICMP_CODE,
	.name = "icmp_code",
	.desc = "icmp code",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &icmp_code_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(icmpv6_code_tbl,
	{ "no-route", 0 },
	{ "admin-prohibited", 1 },
	{ "addr-unreachable", 3 },
	{ "port-unreachable", 4 },
	{ "policy-fail", 5 },
	{ "reject-route", 6 },
);

const struct datatype icmpv6_code_type = {
	.type = TYPE_ICMPV6_CODE,
	.name = "icmpv6_code",
	.desc = "icmpv6 code",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &icmpv6_code_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

SYMTBL(tcp_flag_tbl,
	{ "fin", 0x01 },
	{ "syn", 0x02 },
	{ "rst", 0x04 },
	{ "psh", 0x08 },
	{ "ack", 0x10 },
	{ "urg", 0x20 },
	{ "ecn", 0x40 },
	{ "cwr", 0x80 },
);

const struct datatype tcp_flag_type = {
	.type = TYPE_TCP_FLAG,
	.name = "tcp_flag",
	.desc = "TCP flag",
	.size = 8,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.flags = DTYPE_F_BITMASK,
	.sym_tbl = &tcp_flag_tbl,
	.parse = integer_parse,
	.print = bitmask_print,
};

SYMTBL(dscp_tbl,
	{ "cs0", 0x00 }, { "cs1", 0x08 }, { "cs2", 0x10 }, { "cs3", 0x18 },
	{ "cs4", 0x20 }, { "cs5", 0x28 }, { "cs6", 0x30 }, { "cs7", 0x38 },
	{ "df", 0x00 }, { "be", 0x00 }, { "lephb", 0x01 },
	{ "af11", 0x0a }, { "af12", 0x0c }, { "af13", 0x0e },
	{ "af21", 0x12 }, { "af22", 0x14 }, { "af23", 0x16 },
	{ "af31", 0x1a }, { "af32", 0x1c }, { "af33", 0x1e },
	{ "af41", 0x22 }, { "af42", 0x24 }, { "af43", 0x26 },
	{ "va", 0x2c }, { "ef", 0x2e },
);

const struct datatype dscp_type = {
	.type = TYPE_DSCP,
	.numeric_hex = 2,
	.name = "dscp",
	.desc = "Differentiated Services Code Point",
	.size = 6,
	.byteorder = BYTEORDER_BIG_ENDIAN,
	.sym_tbl = &dscp_tbl,
	.parse = integer_parse,
	.print = integer_print,
};

void time_print_ms(uint64_t ms, FILE *f)
{
	static const struct { uint64_t unit; const char *suffix; } units[] = {
		{ 86400000, "d" }, { 3600000, "h" }, { 60000, "m" },
		{ 1000, "s" }, { 1, "ms" },
	};
	unsigned int i;
	bool any = false;

	/* -n: whole seconds, as stock nft -n prints times */
	if (datatype_numeric) {
		fprintf(f, "%llus", (unsigned long long)(ms / 1000));
		return;
	}
	for (i = 0; i < array_size(units); i++) {
		if (ms / units[i].unit) {
			fprintf(f, "%llu%s", (unsigned long long)(ms / units[i].unit),
				units[i].suffix);
			ms %= units[i].unit;
			any = true;
		}
	}
	if (!any)
		fputs("0ms", f);
}

/* "30s", "1h30m", "250ms"; a bare number is seconds */
static int time_parse(const struct datatype *dtype, const char *text,
		      uint8_t *data, unsigned int len, char **errmsg)
{
	uint64_t total = 0, n;
	const char *s = text;
	char *end;

	(void)dtype;
	(void)len;
	if (parse_number(text, &n) == 0) {
		total = n * 1000;
	} else {
		while (*s) {
			if (*s < '0' || *s > '9')
				goto bad;
			n = strtoull(s, &end, 10);
			s = end;
			if (!strncmp(s, "ms", 2)) {
				s += 2;
			} else if (*s == 'd') {
				n *= 86400000ULL;
				s++;
			} else if (*s == 'h') {
				n *= 3600000ULL;
				s++;
			} else if (*s == 'm') {
				n *= 60000ULL;
				s++;
			} else if (*s == 's') {
				n *= 1000ULL;
				s++;
			} else {
				goto bad;
			}
			total += n;
		}
	}
	if (total > UINT32_MAX) {
		*errmsg = xasprintf("Value %s exceeds valid range", text);
		return -1;
	}
	value_set(data, 4, BYTEORDER_HOST_ENDIAN, total);
	return 0;
bad:
	*errmsg = xasprintf("wrong time format");
	return -1;
}

static void time_value_print(const struct datatype *dtype, const uint8_t *data,
			     unsigned int len, FILE *f)
{
	(void)dtype;
	(void)len;
	time_print_ms(value_get(data, 4, BYTEORDER_HOST_ENDIAN), f);
}

const struct datatype time_type = {
	.type = TYPE_TIME,
	.name = "time",
	.desc = "relative time",
	.size = 32,
	.byteorder = BYTEORDER_HOST_ENDIAN,
	.parse = time_parse,
	.print = time_value_print,
};

int datatype_parse(const struct datatype *dtype, const char *text,
		   unsigned int len, uint8_t *data, struct list_head *msgs,
		   const struct location *loc)
{
	char *errmsg = NULL;
	int ret;

	ret = dtype->parse(dtype, text, data, len, &errmsg);
	if (ret < 0) {
		erec_queue_error(msgs, loc, "%s", errmsg ? errmsg : "Could not parse value");
		free(errmsg);
		return -1;
	}
	return 0;
}

void datatype_print(const struct datatype *dtype, const uint8_t *data,
		    unsigned int len, FILE *f)
{
	dtype->print(dtype, data, len, f);
}

const char *datatype_symbol(const struct datatype *dtype, uint64_t v)
{
	return symbol_name(dtype->sym_tbl, v);
}
