/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper_build.c - object -> netlink (NEWOBJ / DELOBJ / GETOBJ).
 *
 * Attribute order follows libnftnl's object encoding (TABLE, NAME, TYPE,
 * HANDLE, USERDATA, DATA) so that a stock object built here is byte for byte
 * what stock nft sends.
 */
#include <endian.h>
#include <errno.h>
#include <arpa/inet.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <libnftnl/batch.h>
#include <libnftnl/common.h>

#include "internal.h"

static void ct_helper_build_policies(struct nlmsghdr *nlh,
				     const struct nftnl_ct_helper *h)
{
	struct nlattr *list, *elem;
	uint32_t i;

	list = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
	for (i = 0; i < h->policy_count; i++) {
		const struct nftnl_ct_helper_policy *p = &h->policy[i];

		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME, p->name);
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX,
				 htonl(p->max));
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT,
				 htonl(p->timeout));
		mnl_attr_nest_end(nlh, elem);
	}
	mnl_attr_nest_end(nlh, list);
}

static void ct_helper_build_userspace(struct nlmsghdr *nlh,
				      const struct nftnl_ct_helper *h)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_TYPE))
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME, h->type);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_NUM))
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM,
				 htonl(h->queue_num));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_COUNT))
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT,
				 htonl(h->queue_count));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_FLAGS))
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS,
				 htonl(h->hflags));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_PRIV_LEN))
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_PRIV_LEN,
				 htonl(h->priv_len));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_POLICIES))
		ct_helper_build_policies(nlh, h);
	mnl_attr_nest_end(nlh, nest);
}

static int ct_helper_is_userspace(const struct nftnl_ct_helper *h)
{
	return ct_helper_flag_test(h, NFTNL_CT_HELPER_USERSPACE) && h->userspace;
}

/* The NFTA_OBJ_DATA nest; stock order: NAME, L3PROTO, L4PROTO. */
static void ct_helper_build_data(struct nlmsghdr *nlh,
				 const struct nftnl_ct_helper *h)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	if (!ct_helper_is_userspace(h) &&
	    ct_helper_flag_test(h, NFTNL_CT_HELPER_TYPE))
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_NAME, h->type);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_L3PROTO))
		mnl_attr_put_u16(nlh, NFTA_CT_HELPER_L3PROTO, htons(h->l3proto));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_L4PROTO))
		mnl_attr_put_u8(nlh, NFTA_CT_HELPER_L4PROTO, h->l4proto);
	if (ct_helper_is_userspace(h))
		ct_helper_build_userspace(nlh, h);
	mnl_attr_nest_end(nlh, nest);
}

/* What identifies an object: enough for DELOBJ and GETOBJ. */
static void ct_helper_build_id(struct nlmsghdr *nlh,
			       const struct nftnl_ct_helper *h)
{
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_TABLE))
		mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, h->table);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_NAME))
		mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, h->name);
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_HANDLE))
		mnl_attr_put_u64(nlh, NFTA_OBJ_HANDLE, htobe64(h->handle));
}

EXPORT_SYMBOL void nftnl_ct_helper_nlmsg_build_payload(struct nlmsghdr *nlh,
						       const struct nftnl_ct_helper *h)
{
	ct_helper_build_id(nlh, h);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_USERDATA))
		mnl_attr_put(nlh, NFTA_OBJ_USERDATA, h->userdata_len,
			     h->userdata);
	ct_helper_build_data(nlh, h);
}

EXPORT_SYMBOL struct nlmsghdr *
nftnl_ct_helper_nlmsg_build(char *buf, uint16_t cmd, uint16_t flags,
			    uint32_t seq, const struct nftnl_ct_helper *h)
{
	struct nlmsghdr *nlh;

	if ((cmd != NFT_MSG_NEWOBJ && cmd != NFT_MSG_DELOBJ &&
	     cmd != NFT_MSG_GETOBJ) ||
	    !ct_helper_flag_test(h, NFTNL_CT_HELPER_TABLE)) {
		errno = EINVAL;
		return NULL;
	}
	nlh = nftnl_nlmsg_build_hdr(buf, cmd, (uint16_t)h->family, flags, seq);
	if (cmd == NFT_MSG_NEWOBJ)
		nftnl_ct_helper_nlmsg_build_payload(nlh, h);
	else
		ct_helper_build_id(nlh, h);
	return nlh;
}

EXPORT_SYMBOL struct nlmsghdr *
nftnl_ct_helper_nlmsg_build_dump(char *buf, uint16_t family, const char *table,
				 uint32_t seq)
{
	struct nlmsghdr *nlh;

	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_GETOBJ, family,
				    NLM_F_DUMP, seq);
	if (table)
		mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, table);
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	return nlh;
}

EXPORT_SYMBOL int nftnl_ct_helper_batch_add(struct nftnl_batch *batch,
					    uint16_t cmd, uint16_t flags,
					    uint32_t seq,
					    const struct nftnl_ct_helper *h)
{
	if (cmd != NFT_MSG_NEWOBJ && cmd != NFT_MSG_DELOBJ) {
		errno = EINVAL;
		return -1;
	}
	if (!nftnl_ct_helper_nlmsg_build(nftnl_batch_buffer(batch), cmd,
					 flags, seq, h))
		return -1;
	return nftnl_batch_update(batch);
}
