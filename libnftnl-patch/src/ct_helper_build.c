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
#include <string.h>
#include <arpa/inet.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <libnftnl/batch.h>
#include <libnftnl/common.h>

#include "internal.h"

/*
 * libmnl 1.0.4's mnl_attr_put() leaves the alignment padding as it found
 * it; ours zeroes it, so the same object always gives the same bytes.
 */
static void put(struct nlmsghdr *nlh, uint16_t type, size_t len,
		const void *data)
{
	struct nlattr *attr = mnl_nlmsg_get_payload_tail(nlh);
	size_t total = MNL_ATTR_HDRLEN + len;

	attr->nla_type = type;
	attr->nla_len = (uint16_t)total;
	memcpy(mnl_attr_get_payload(attr), data, len);
	memset((char *)attr + total, 0, MNL_ALIGN(total) - total);
	nlh->nlmsg_len += MNL_ALIGN(total);
}

static void put_u8(struct nlmsghdr *nlh, uint16_t type, uint8_t v)
{
	put(nlh, type, sizeof(v), &v);
}

static void put_be16(struct nlmsghdr *nlh, uint16_t type, uint16_t v)
{
	v = htons(v);
	put(nlh, type, sizeof(v), &v);
}

static void put_be32(struct nlmsghdr *nlh, uint16_t type, uint32_t v)
{
	v = htonl(v);
	put(nlh, type, sizeof(v), &v);
}

static void put_be64(struct nlmsghdr *nlh, uint16_t type, uint64_t v)
{
	v = htobe64(v);
	put(nlh, type, sizeof(v), &v);
}

/* With the terminating NUL, as the kernel sends strings. */
static void put_strz(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	put(nlh, type, strlen(s) + 1, s);
}

static void ct_helper_build_policies(struct nlmsghdr *nlh,
				     const struct nftnl_ct_helper *h)
{
	struct nlattr *list, *elem;
	uint32_t i;

	list = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
	for (i = 0; i < h->policy_count; i++) {
		const struct nftnl_ct_helper_policy *p = &h->policy[i];

		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME, p->name);
		put_be32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX, p->max);
		put_be32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT, p->timeout);
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
		put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME, h->type);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_NUM))
		put_be32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM, h->queue_num);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_COUNT))
		put_be32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT, h->queue_count);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_FLAGS))
		put_be32(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS, h->hflags);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_PRIV_LEN))
		put_be32(nlh, NFTA_CT_HELPER_USERSPACE_PRIV_LEN, h->priv_len);
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
		/* no NUL, byte for byte like stock nft (libnftnl 1.2.4) */
		put(nlh, NFTA_CT_HELPER_NAME, strlen(h->type), h->type);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_L3PROTO))
		put_be16(nlh, NFTA_CT_HELPER_L3PROTO, h->l3proto);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_L4PROTO))
		put_u8(nlh, NFTA_CT_HELPER_L4PROTO, h->l4proto);
	if (ct_helper_is_userspace(h))
		ct_helper_build_userspace(nlh, h);
	mnl_attr_nest_end(nlh, nest);
}

/* What identifies an object: enough for DELOBJ and GETOBJ. */
static void ct_helper_build_id(struct nlmsghdr *nlh,
			       const struct nftnl_ct_helper *h)
{
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_TABLE))
		put_strz(nlh, NFTA_OBJ_TABLE, h->table);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_NAME))
		put_strz(nlh, NFTA_OBJ_NAME, h->name);
	put_be32(nlh, NFTA_OBJ_TYPE, NFT_OBJECT_CT_HELPER);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_HANDLE))
		put_be64(nlh, NFTA_OBJ_HANDLE, h->handle);
}

EXPORT_SYMBOL void nftnl_ct_helper_nlmsg_build_payload(struct nlmsghdr *nlh,
						       const struct nftnl_ct_helper *h)
{
	ct_helper_build_id(nlh, h);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_USERDATA))
		put(nlh, NFTA_OBJ_USERDATA, h->userdata_len, h->userdata);
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
	switch (cmd) {
	case NFT_MSG_NEWOBJ:
		nftnl_ct_helper_nlmsg_build_payload(nlh, h);
		break;
	case NFT_MSG_DELOBJ:
		/* Stock nft (through libnftnl) sends an empty DATA nest. */
		ct_helper_build_id(nlh, h);
		mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh, NFTA_OBJ_DATA));
		break;
	default:
		ct_helper_build_id(nlh, h);
		break;
	}
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
		put_strz(nlh, NFTA_OBJ_TABLE, table);
	put_be32(nlh, NFTA_OBJ_TYPE, NFT_OBJECT_CT_HELPER);
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
