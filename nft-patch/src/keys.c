// SPDX-License-Identifier: GPL-2.0-or-later
/* keys.c - the meta and ct keys of the supported language, as stock nft names them. */
#include <netinet/in.h>
#include <linux/netfilter/nf_tables.h>
#include <stddef.h>

#include "keys.h"
#include "utils.h"

#define KEY(tok, dt, l) { .token = tok, .dtype = dt, .len = l }

static const struct key_template meta_keys[] = {
	[NFT_META_L4PROTO]	= KEY("l4proto", &inet_protocol_type, 8),
	[NFT_META_NFPROTO]	= KEY("nfproto", &nfproto_type, 8),
	[NFT_META_PROTOCOL]	= KEY("protocol", &ethertype_type, 16),
	[NFT_META_IIFNAME]	= { "iifname", &ifname_type, 128, true },
	[NFT_META_OIFNAME]	= { "oifname", &ifname_type, 128, true },
	[NFT_META_IIF]		= { "iif", &ifindex_type, 32, true },
	[NFT_META_OIF]		= { "oif", &ifindex_type, 32, true },
	[NFT_META_MARK]		= KEY("mark", &mark_type, 32),
	[NFT_META_PKTTYPE]	= KEY("pkttype", &pkttype_type, 8),
};

static const struct key_template ct_keys[] = {
	[NFT_CT_STATE]		= KEY("state", &ct_state_type, 32),
	[NFT_CT_STATUS]		= KEY("status", &ct_status_type, 32),
	[NFT_CT_HELPER]		= KEY("helper", &string_type, 128),
	[NFT_CT_MARK]		= KEY("mark", &mark_type, 32),
	[NFT_CT_ZONE]		= KEY("zone", &integer_type, 16),
	[NFT_CT_DIRECTION]	= KEY("direction", &ct_dir_type, 8),
	[NFT_CT_L3PROTOCOL]	= KEY("l3proto", &nfproto_type, 8),
	[NFT_CT_PROTOCOL]	= KEY("protocol", &inet_protocol_type, 8),
	[NFT_CT_PROTO_SRC]	= KEY("proto-src", &inet_service_type, 16),
	[NFT_CT_PROTO_DST]	= KEY("proto-dst", &inet_service_type, 16),
	[NFT_CT_EXPIRATION]	= KEY("expiration", &time_type, 32),
	/* saddr/daddr: typed by the table family (ct_evaluate) */
	[NFT_CT_SRC]		= KEY("saddr", &ipaddr_type, 32),
	[NFT_CT_DST]		= KEY("daddr", &ipaddr_type, 32),
	[NFT_CT_SRC_IP]		= KEY("saddr", &ipaddr_type, 32),
	[NFT_CT_DST_IP]		= KEY("daddr", &ipaddr_type, 32),
	[NFT_CT_SRC_IP6]	= KEY("saddr", &ip6addr_type, 128),
	[NFT_CT_DST_IP6]	= KEY("daddr", &ip6addr_type, 128),
};

const struct key_template *meta_key_template(unsigned int key)
{
	if (key >= array_size(meta_keys) || !meta_keys[key].token)
		return NULL;
	return &meta_keys[key];
}

const struct key_template *ct_key_template(unsigned int key)
{
	if (key >= array_size(ct_keys) || !ct_keys[key].token)
		return NULL;
	return &ct_keys[key];
}
