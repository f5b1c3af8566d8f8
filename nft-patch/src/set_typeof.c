// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * set_typeof.c - "typeof EXPR" keys of named sets: the expressions taken,
 * their key type, and the description stock nft keeps in the set's user
 * data (NFTNL_UDATA_SET_KEY_TYPEOF) so that listings can say "typeof".
 *
 * Stock nft 1.0.6 writes a nest { expression kind, { its data } }: for a
 * header field its protocol and field numbers (nftables' own), for meta
 * and ct their key (the kernel's NFT_META_* / NFT_CT_*), for ct also the
 * direction (-1: none).  The numbers below are the ones stock writes,
 * read back from its --debug=mnl output.
 */
#include <libnftnl/udata.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include "datatype.h"
#include "set_typeof.h"
#include "utils.h"

/* stock nft's expression kinds in typeof data */
enum { TYPEOF_PAYLOAD = 7, TYPEOF_META = 9, TYPEOF_CT = 12 };

/* protocol and field numbers of stock nft's header descriptions */
enum { DESC_UDP = 6, DESC_TCP = 8, DESC_TH = 11, DESC_IP = 12, DESC_IP6 = 13 };

#define PAYLOAD(t, d, f, dt, l)	{ t, TYPEOF_PAYLOAD, d, f, dt, l, 2, false }
#define META(t, k, dt, l)	{ t, TYPEOF_META, k, 0, dt, l, 1, false }
#define CT(t, k, dt, l)		{ t, TYPEOF_CT, k, 0xffffffff, dt, l, 1, false }

static const struct typeof_key typeof_keys[] = {
	PAYLOAD("ip saddr", DESC_IP, 11, &ipaddr_type, 32),
	PAYLOAD("ip daddr", DESC_IP, 12, &ipaddr_type, 32),
	PAYLOAD("ip protocol", DESC_IP, 9, &inet_protocol_type, 8),
	PAYLOAD("ip6 saddr", DESC_IP6, 8, &ip6addr_type, 128),
	PAYLOAD("ip6 daddr", DESC_IP6, 9, &ip6addr_type, 128),
	PAYLOAD("tcp sport", DESC_TCP, 1, &inet_service_type, 16),
	PAYLOAD("tcp dport", DESC_TCP, 2, &inet_service_type, 16),
	PAYLOAD("udp sport", DESC_UDP, 1, &inet_service_type, 16),
	PAYLOAD("udp dport", DESC_UDP, 2, &inet_service_type, 16),
	PAYLOAD("th sport", DESC_TH, 1, &inet_service_type, 16),
	PAYLOAD("th dport", DESC_TH, 2, &inet_service_type, 16),
	META("meta mark", NFT_META_MARK, &mark_type, 32),
	META("iifname", NFT_META_IIFNAME, &ifname_type, 128),
	META("oifname", NFT_META_OIFNAME, &ifname_type, 128),
	META("meta l4proto", NFT_META_L4PROTO, &inet_protocol_type, 8),
	CT("ct mark", NFT_CT_MARK, &mark_type, 32),
	/* keys of anonymous sets only (no named set type here) */
	{ "ct state", TYPEOF_CT, NFT_CT_STATE, 0xffffffff, &ct_state_type, 32, 1,
	  true },
};

const struct typeof_key *typeof_key_by_text(const char *text)
{
	unsigned int i;

	for (i = 0; i < array_size(typeof_keys); i++)
		if (!strcmp(typeof_keys[i].text, text))
			return &typeof_keys[i];
	return NULL;
}

void typeof_key_udata(struct nftnl_udata_buf *ud, const struct typeof_key *k)
{
	struct nftnl_udata *nest, *data;

	nest = nftnl_udata_nest_start(ud, NFTNL_UDATA_SET_KEY_TYPEOF);
	nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_TYPEOF_EXPR, k->kind);
	data = nftnl_udata_nest_start(ud, NFTNL_UDATA_SET_TYPEOF_DATA);
	nftnl_udata_put_u32(ud, 0, k->a);
	if (k->kind != TYPEOF_META)
		nftnl_udata_put_u32(ud, 1, k->b);
	nftnl_udata_nest_end(ud, data);
	nftnl_udata_nest_end(ud, nest);
}

struct typeof_parse {
	uint32_t vals[2];
	bool seen[2];
	bool bad;
};

static int u32_cb(const struct nftnl_udata *attr, void *data)
{
	struct typeof_parse *p = data;
	uint8_t type = nftnl_udata_type(attr);

	if (type > 1 || nftnl_udata_len(attr) != 4) {
		p->bad = true;
		return 0;
	}
	p->vals[type] = nftnl_udata_get_u32(attr);
	p->seen[type] = true;
	return 0;
}

struct typeof_outer {
	uint32_t kind;
	bool have_kind;
	struct typeof_parse data;
	bool have_data;
	bool bad;
};

static int outer_cb(const struct nftnl_udata *attr, void *data)
{
	struct typeof_outer *o = data;

	switch (nftnl_udata_type(attr)) {
	case NFTNL_UDATA_SET_TYPEOF_EXPR:
		if (nftnl_udata_len(attr) != 4) {
			o->bad = true;
			break;
		}
		o->kind = nftnl_udata_get_u32(attr);
		o->have_kind = true;
		break;
	case NFTNL_UDATA_SET_TYPEOF_DATA:
		nftnl_udata_parse(nftnl_udata_get(attr), nftnl_udata_len(attr),
				  u32_cb, &o->data);
		o->have_data = true;
		break;
	default:
		o->bad = true;
		break;
	}
	return 0;
}

const struct typeof_key *typeof_key_by_udata(const struct nftnl_udata *attr)
{
	struct typeof_outer o = { 0 };
	unsigned int i;

	nftnl_udata_parse(nftnl_udata_get(attr), nftnl_udata_len(attr),
			  outer_cb, &o);
	if (o.bad || o.data.bad || !o.have_kind || !o.have_data ||
	    !o.data.seen[0])
		return NULL;
	for (i = 0; i < array_size(typeof_keys); i++) {
		const struct typeof_key *k = &typeof_keys[i];

		if (k->kind != o.kind || k->a != o.data.vals[0])
			continue;
		if (k->kind == TYPEOF_META ? o.data.seen[1] :
		    !o.data.seen[1] || k->b != o.data.vals[1])
			continue;
		return k;
	}
	return NULL;
}
