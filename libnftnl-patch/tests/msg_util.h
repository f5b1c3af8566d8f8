/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * msg_util.h - writing nf_tables object messages by hand in the tests, with
 * libmnl only (never with the code under test), so that malformed and
 * foreign messages can be made at will.
 */
#ifndef LIBNFTNL_CTHELPER_TESTS_MSG_UTIL_H
#define LIBNFTNL_CTHELPER_TESTS_MSG_UTIL_H

#include <arpa/inet.h>
#include <endian.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>

/* An nf_tables message header of the given type (NFT_MSG_*), family. */
static inline struct nlmsghdr *msg_start(void *buf, size_t size, uint16_t type,
					 uint8_t family)
{
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfg;

	memset(buf, 0, size);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = family;
	nfg->version = NFNETLINK_V0;
	return nlh;
}

/* An attribute whose nla_len claims a different size than it has. */
static inline void msg_put_raw(struct nlmsghdr *nlh, uint16_t type,
			       uint16_t claimed_len, const void *data,
			       uint16_t real_len)
{
	struct nlattr *a = mnl_nlmsg_get_payload_tail(nlh);

	a->nla_type = type;
	a->nla_len = claimed_len;
	memcpy(mnl_attr_get_payload(a), data, real_len);
	nlh->nlmsg_len += MNL_ALIGN(sizeof(*a) + real_len);
}

#endif
