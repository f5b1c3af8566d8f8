/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proto_ids.h - names of the protocol headers and fields the grammar knows.
 * The parser only records these ids; proto.c maps them to header templates.
 */
#ifndef NFTP_PROTO_IDS_H
#define NFTP_PROTO_IDS_H

enum proto_ids {
	PROTO_IP,
	PROTO_IP6,
	PROTO_TCP,
	PROTO_UDP,
	PROTO_TH,
	PROTO_ICMP,
	PROTO_ICMP6,
	PROTO_MAX,
};

enum ip_hdr_fields {
	IPHDR_DSCP,
	IPHDR_LENGTH,
	IPHDR_TTL,
	IPHDR_PROTOCOL,
	IPHDR_SADDR,
	IPHDR_DADDR,
};

enum ip6_hdr_fields {
	IP6HDR_NEXTHDR,
	IP6HDR_HOPLIMIT,
	IP6HDR_SADDR,
	IP6HDR_DADDR,
};

/* tcp, udp and th share sport/dport at the same index */
enum th_hdr_fields {
	THDR_SPORT,
	THDR_DPORT,
	TCPHDR_FLAGS,
};

enum icmp_hdr_fields {
	ICMPHDR_TYPE,
	ICMPHDR_CODE,
};

#endif /* NFTP_PROTO_IDS_H */
