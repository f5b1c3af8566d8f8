// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * proto.c - the header descriptions: ip, ip6, tcp, udp, th, icmp, icmpv6.
 * Field offsets are from the RFCs (bit offsets from the header start).
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <stddef.h>

#include "proto.h"
#include "utils.h"

#define HDR(tok, dt, off, l) { .token = tok, .dtype = dt, .offset = off, .len = l }

static const struct proto_desc proto_ip = {
	.name = "ip",
	.id = PROTO_IP,
	.base = PROTO_BASE_NETWORK_HDR,
	.protocol = NFPROTO_IPV4,
	.templates = {
		[IPHDR_DSCP]	 = HDR("dscp", &dscp_type, 8, 6),
		[IPHDR_LENGTH]	 = HDR("length", &be_integer_type, 16, 16),
		[IPHDR_TTL]	 = HDR("ttl", &be_integer_type, 64, 8),
		[IPHDR_PROTOCOL] = HDR("protocol", &inet_protocol_type, 72, 8),
		[IPHDR_SADDR]	 = HDR("saddr", &ipaddr_type, 96, 32),
		[IPHDR_DADDR]	 = HDR("daddr", &ipaddr_type, 128, 32),
	},
};

static const struct proto_desc proto_ip6 = {
	.name = "ip6",
	.id = PROTO_IP6,
	.base = PROTO_BASE_NETWORK_HDR,
	.protocol = NFPROTO_IPV6,
	.templates = {
		[IP6HDR_NEXTHDR]  = HDR("nexthdr", &inet_protocol_type, 48, 8),
		[IP6HDR_HOPLIMIT] = HDR("hoplimit", &be_integer_type, 56, 8),
		[IP6HDR_SADDR]	  = HDR("saddr", &ip6addr_type, 64, 128),
		[IP6HDR_DADDR]	  = HDR("daddr", &ip6addr_type, 192, 128),
	},
};

static const struct proto_desc proto_tcp = {
	.name = "tcp",
	.id = PROTO_TCP,
	.base = PROTO_BASE_TRANSPORT_HDR,
	.protocol = IPPROTO_TCP,
	.templates = {
		[THDR_SPORT]	= HDR("sport", &inet_service_type, 0, 16),
		[THDR_DPORT]	= HDR("dport", &inet_service_type, 16, 16),
		[TCPHDR_FLAGS]	= HDR("flags", &tcp_flag_type, 104, 8),
	},
};

static const struct proto_desc proto_udp = {
	.name = "udp",
	.id = PROTO_UDP,
	.base = PROTO_BASE_TRANSPORT_HDR,
	.protocol = IPPROTO_UDP,
	.templates = {
		[THDR_SPORT]	= HDR("sport", &inet_service_type, 0, 16),
		[THDR_DPORT]	= HDR("dport", &inet_service_type, 16, 16),
	},
};

static const struct proto_desc proto_th = {
	.name = "th",
	.id = PROTO_TH,
	.base = PROTO_BASE_TRANSPORT_HDR,
	.no_dependency = true,
	.templates = {
		[THDR_SPORT]	= HDR("sport", &inet_service_type, 0, 16),
		[THDR_DPORT]	= HDR("dport", &inet_service_type, 16, 16),
	},
};

static const struct proto_desc proto_icmp = {
	.name = "icmp",
	.id = PROTO_ICMP,
	.base = PROTO_BASE_TRANSPORT_HDR,
	.protocol = IPPROTO_ICMP,
	.l3protocol = NFPROTO_IPV4,
	.templates = {
		[ICMPHDR_TYPE]	= HDR("type", &icmp_type_type, 0, 8),
		[ICMPHDR_CODE]	= HDR("code", &icmp_code_type, 8, 8),
	},
};

static const struct proto_desc proto_icmp6 = {
	.name = "icmpv6",
	.id = PROTO_ICMP6,
	.base = PROTO_BASE_TRANSPORT_HDR,
	.protocol = IPPROTO_ICMPV6,
	.l3protocol = NFPROTO_IPV6,
	.templates = {
		[ICMPHDR_TYPE]	= HDR("type", &icmp6_type_type, 0, 8),
		[ICMPHDR_CODE]	= HDR("code", &icmpv6_code_type, 8, 8),
	},
};

static const struct proto_desc *const protocols[PROTO_MAX] = {
	[PROTO_IP]	= &proto_ip,
	[PROTO_IP6]	= &proto_ip6,
	[PROTO_TCP]	= &proto_tcp,
	[PROTO_UDP]	= &proto_udp,
	[PROTO_TH]	= &proto_th,
	[PROTO_ICMP]	= &proto_icmp,
	[PROTO_ICMP6]	= &proto_icmp6,
};

const struct proto_desc *proto_desc_by_id(unsigned int id)
{
	return id < PROTO_MAX ? protocols[id] : NULL;
}

const struct proto_desc *proto_desc_by_l4proto(uint32_t l4proto)
{
	unsigned int i;

	for (i = 0; i < PROTO_MAX; i++)
		if (protocols[i]->base == PROTO_BASE_TRANSPORT_HDR &&
		    !protocols[i]->no_dependency &&
		    protocols[i]->protocol == l4proto)
			return protocols[i];
	return NULL;
}

const struct proto_desc *proto_desc_by_nfproto(uint32_t nfproto)
{
	if (nfproto == NFPROTO_IPV4)
		return &proto_ip;
	if (nfproto == NFPROTO_IPV6)
		return &proto_ip6;
	return NULL;
}

const struct proto_hdr_template *
proto_find_template(const struct proto_desc *desc, unsigned int offset,
		    unsigned int len, unsigned int *field)
{
	unsigned int i;

	for (i = 0; i < PROTO_HDRS_MAX; i++) {
		const struct proto_hdr_template *t = &desc->templates[i];

		if (t->token && t->offset == offset && t->len == len) {
			*field = i;
			return t;
		}
	}
	return NULL;
}
