/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proto.h - protocol header descriptions: where each field lives, its type,
 * and how a header is reached (the dependency evaluation inserts before a
 * match on it and listing removes again).
 */
#ifndef NFTP_PROTO_H
#define NFTP_PROTO_H

#include <stdint.h>

#include "datatype.h"
#include "proto_ids.h"

enum proto_bases {
	PROTO_BASE_INVALID,
	PROTO_BASE_LL_HDR,
	PROTO_BASE_NETWORK_HDR,
	PROTO_BASE_TRANSPORT_HDR,
};

struct proto_hdr_template {
	const char *token;
	const struct datatype *dtype;
	unsigned int offset;		/* bits from the header start */
	unsigned int len;		/* bits */
};

#define PROTO_HDRS_MAX 8

/*
 * How the header is reached: in an ip/ip6/inet table, a transport header
 * via "meta l4proto N", a network header in inet via "meta nfproto N".
 */
struct proto_desc {
	const char *name;		/* "tcp" */
	unsigned int id;		/* enum proto_ids */
	enum proto_bases base;
	uint32_t protocol;		/* l4: IPPROTO_*, l3: NFPROTO_* */
	bool no_dependency;		/* th: any transport header */
	uint32_t l3protocol;		/* icmp: only over ip (inet dependency) */
	struct proto_hdr_template templates[PROTO_HDRS_MAX];
};

const struct proto_desc *proto_desc_by_id(unsigned int id);
/* Find the transport protocol desc matching an l4 protocol number. */
const struct proto_desc *proto_desc_by_l4proto(uint32_t l4proto);
const struct proto_desc *proto_desc_by_nfproto(uint32_t nfproto);
/* Find the template at (base, offset, len) of a desc; NULL if none. */
const struct proto_hdr_template *
proto_find_template(const struct proto_desc *desc, unsigned int offset,
		    unsigned int len, unsigned int *field);

#endif /* NFTP_PROTO_H */
