/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper_parse.c - netlink -> object, strictly.
 *
 * The input may come from anywhere (a kernel, a test, a fuzzer), so every
 * level is walked by hand rather than with mnl_attr_parse(), which stops
 * quietly at a truncated attribute: an attribute must fit, the walk must end
 * exactly at the end of its container, scalars must have their exact size,
 * strings must be terminated and short enough.  Each nest is described by a
 * small policy table; the ct helper nests reject unknown and repeated
 * attributes, the object level skips unknown ones like libnftnl does.
 */
#include <endian.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>

#include "internal.h"

enum nla_kind {
	NLA_K_NONE = 0,		/* unknown here */
	NLA_K_STR,
	NLA_K_U8,
	NLA_K_U16,
	NLA_K_U32,
	NLA_K_U64,
	NLA_K_BINARY,
	NLA_K_NEST,
};

struct nla_rule {
	enum nla_kind	kind;
	uint16_t	maxlen;		/* STR: buffer incl. NUL; BINARY: bytes */
};

struct nla_policy_table {
	const struct nla_rule	*rules;
	uint16_t		max;	/* highest attribute type */
	bool			strict;	/* unknown types are errors */
};

#define ATTRS_MAX 16	/* more than any policy below needs */

static const struct nla_rule obj_rules[] = {
	[NFTA_OBJ_TABLE]	= { NLA_K_STR, NFTNL_CT_HELPER_NAME_MAXLEN },
	[NFTA_OBJ_NAME]		= { NLA_K_STR, NFTNL_CT_HELPER_NAME_MAXLEN },
	[NFTA_OBJ_TYPE]		= { NLA_K_U32, 0 },
	[NFTA_OBJ_DATA]		= { NLA_K_NEST, 0 },
	[NFTA_OBJ_USE]		= { NLA_K_U32, 0 },
	[NFTA_OBJ_HANDLE]	= { NLA_K_U64, 0 },
	[NFTA_OBJ_PAD]		= { NLA_K_NONE, 0 },
	[NFTA_OBJ_USERDATA]	= { NLA_K_BINARY, NFTNL_CT_HELPER_USERDATA_MAXLEN },
};

static const struct nla_rule data_rules[] = {
	[NFTA_CT_HELPER_NAME]		= { NLA_K_STR, NFTNL_CT_HELPER_TYPE_MAXLEN },
	[NFTA_CT_HELPER_L3PROTO]	= { NLA_K_U16, 0 },
	[NFTA_CT_HELPER_L4PROTO]	= { NLA_K_U8, 0 },
	[NFTA_CT_HELPER_USERSPACE]	= { NLA_K_NEST, 0 },
};

static const struct nla_rule userspace_rules[] = {
	[NFTA_CT_HELPER_USERSPACE_NAME]	= { NLA_K_STR, NFTNL_CT_HELPER_TYPE_MAXLEN },
	[NFTA_CT_HELPER_USERSPACE_QUEUE_NUM]	= { NLA_K_U32, 0 },
	[NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT]	= { NLA_K_U32, 0 },
	[NFTA_CT_HELPER_USERSPACE_FLAGS]	= { NLA_K_U32, 0 },
	[NFTA_CT_HELPER_USERSPACE_PRIV_LEN]	= { NLA_K_U32, 0 },
	[NFTA_CT_HELPER_USERSPACE_POLICIES]	= { NLA_K_NEST, 0 },
};

static const struct nla_rule policy_rules[] = {
	[NFTA_CT_HELPER_POLICY_NAME]	= { NLA_K_STR, NFTNL_CT_HELPER_POLICY_NAME_MAXLEN },
	[NFTA_CT_HELPER_POLICY_EXPECT_MAX] = { NLA_K_U32, 0 },
	[NFTA_CT_HELPER_POLICY_TIMEOUT]	= { NLA_K_U32, 0 },
};

static const struct nla_policy_table obj_policy = {
	obj_rules, NFTA_OBJ_MAX, false,
};
static const struct nla_policy_table data_policy = {
	data_rules, NFTA_CT_HELPER_USERSPACE, true,
};
static const struct nla_policy_table userspace_policy = {
	userspace_rules, NFTA_CT_HELPER_USERSPACE_MAX, true,
};
static const struct nla_policy_table policy_policy = {
	policy_rules, NFTA_CT_HELPER_POLICY_MAX, true,
};

/*
 * A string as the kernel's NLA_STRING takes it: the NUL at the end is
 * optional (libnftnl sends NFTA_CT_HELPER_NAME without it), none inside.
 */
static int nla_str_valid(const char *s, uint16_t len, uint16_t maxlen)
{
	if (len > 0 && s[len - 1] == '\0')
		len--;
	return len >= 1 && len < maxlen && !memchr(s, '\0', len);
}

static int nla_check(const struct nlattr *a, const struct nla_rule *r)
{
	const char *payload = mnl_attr_get_payload(a);
	uint16_t len = mnl_attr_get_payload_len(a);

	switch (r->kind) {
	case NLA_K_STR:
		return nla_str_valid(payload, len, r->maxlen);
	case NLA_K_U8:
		return len == 1;
	case NLA_K_U16:
		return len == 2;
	case NLA_K_U32:
		return len == 4;
	case NLA_K_U64:
		return len == 8;
	case NLA_K_BINARY:
		return len <= r->maxlen;
	case NLA_K_NEST:
		return 1;	/* its walk checks the inside */
	case NLA_K_NONE:
		break;
	}
	return 1;
}

/*
 * Walks the attributes in [buf, buf + len) once: fills tb[] by type.  Fails
 * on a truncated or short attribute, bytes left over at the end, a repeated
 * type, a value that does not match its rule, and (strict tables) a type
 * the table does not know.
 */
static int nla_walk(const void *buf, size_t len,
		    const struct nla_policy_table *pol,
		    const struct nlattr *tb[ATTRS_MAX])
{
	const char *p = buf;
	size_t rem = len, step;

	memset(tb, 0, sizeof(*tb) * ATTRS_MAX);
	while (rem > 0) {
		const struct nlattr *a = (const struct nlattr *)p;
		uint16_t type;

		if (rem < sizeof(*a) || a->nla_len < sizeof(*a) ||
		    a->nla_len > rem)
			return -1;
		type = mnl_attr_get_type(a);
		if (type == 0 || type > pol->max ||
		    pol->rules[type].kind == NLA_K_NONE) {
			if (pol->strict)
				return -1;
		} else {
			if (tb[type] || !nla_check(a, &pol->rules[type]))
				return -1;
			tb[type] = a;
		}
		step = MNL_ALIGN(a->nla_len);
		if (step >= rem)
			break;	/* the last attribute need not be padded */
		rem -= step;
		p += step;
	}
	return 0;
}

static int nla_walk_nest(const struct nlattr *nest,
			 const struct nla_policy_table *pol,
			 const struct nlattr *tb[ATTRS_MAX])
{
	return nla_walk(mnl_attr_get_payload(nest),
			mnl_attr_get_payload_len(nest), pol, tb);
}

static uint32_t nla_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
	return ntohl(v);
}

/* dst is zeroed and large enough: nla_str_valid() checked the length. */
static void nla_strcpy(char *dst, const struct nlattr *a)
{
	const char *s = mnl_attr_get_payload(a);

	memcpy(dst, s, strnlen(s, mnl_attr_get_payload_len(a)));
}

static int ct_helper_parse_policies(const struct nlattr *list,
				    struct nftnl_ct_helper *h)
{
	const struct nlattr *tb[ATTRS_MAX];
	const char *p = mnl_attr_get_payload(list);
	size_t rem = mnl_attr_get_payload_len(list), step;
	uint32_t n = 0;

	/* A list repeats NFTA_LIST_ELEM, so it is walked here, not by tb[]. */
	while (rem > 0) {
		const struct nlattr *elem = (const struct nlattr *)p;
		struct nftnl_ct_helper_policy *pol;

		if (rem < sizeof(*elem) || elem->nla_len < sizeof(*elem) ||
		    elem->nla_len > rem ||
		    mnl_attr_get_type(elem) != NFTA_LIST_ELEM ||
		    n == NFTNL_CT_HELPER_POLICY_MAX)
			return -1;
		if (nla_walk_nest(elem, &policy_policy, tb) < 0 ||
		    !tb[NFTA_CT_HELPER_POLICY_NAME] ||
		    !tb[NFTA_CT_HELPER_POLICY_EXPECT_MAX] ||
		    !tb[NFTA_CT_HELPER_POLICY_TIMEOUT])
			return -1;
		pol = &h->policy[n++];
		nla_strcpy(pol->name, tb[NFTA_CT_HELPER_POLICY_NAME]);
		pol->max = nla_u32(tb[NFTA_CT_HELPER_POLICY_EXPECT_MAX]);
		pol->timeout = nla_u32(tb[NFTA_CT_HELPER_POLICY_TIMEOUT]);
		if (!ct_helper_policy_valid(pol))
			return -1;
		step = MNL_ALIGN(elem->nla_len);
		if (step >= rem)
			break;
		rem -= step;
		p += step;
	}
	if (n == 0)
		return -1;
	h->policy_count = n;
	h->flags |= 1u << NFTNL_CT_HELPER_POLICIES;
	return 0;
}

static int ct_helper_parse_userspace(const struct nlattr *nest,
				     struct nftnl_ct_helper *h)
{
	const struct nlattr *tb[ATTRS_MAX];

	if (nla_walk_nest(nest, &userspace_policy, tb) < 0 ||
	    !tb[NFTA_CT_HELPER_USERSPACE_NAME])
		return -1;

	h->userspace = 1;
	h->flags |= 1u << NFTNL_CT_HELPER_USERSPACE;
	nla_strcpy(h->type, tb[NFTA_CT_HELPER_USERSPACE_NAME]);
	h->flags |= 1u << NFTNL_CT_HELPER_TYPE;

	if (tb[NFTA_CT_HELPER_USERSPACE_QUEUE_NUM]) {
		h->queue_num = nla_u32(tb[NFTA_CT_HELPER_USERSPACE_QUEUE_NUM]);
		h->flags |= 1u << NFTNL_CT_HELPER_QUEUE_NUM;
	}
	if (tb[NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT]) {
		h->queue_count = nla_u32(tb[NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT]);
		h->flags |= 1u << NFTNL_CT_HELPER_QUEUE_COUNT;
	}
	if (h->queue_num > NFTNL_CT_HELPER_QUEUE_MAX ||
	    (tb[NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT] &&
	     !ct_helper_queue_range_valid(h->queue_num, h->queue_count)))
		return -1;
	if (tb[NFTA_CT_HELPER_USERSPACE_FLAGS]) {
		h->hflags = nla_u32(tb[NFTA_CT_HELPER_USERSPACE_FLAGS]);
		h->flags |= 1u << NFTNL_CT_HELPER_FLAGS;
	}
	if (tb[NFTA_CT_HELPER_USERSPACE_PRIV_LEN]) {
		h->priv_len = nla_u32(tb[NFTA_CT_HELPER_USERSPACE_PRIV_LEN]);
		if (h->priv_len > NFTNL_CT_HELPER_PRIV_LEN_MAX)
			return -1;
		h->flags |= 1u << NFTNL_CT_HELPER_PRIV_LEN;
	}
	if (tb[NFTA_CT_HELPER_USERSPACE_POLICIES] &&
	    ct_helper_parse_policies(tb[NFTA_CT_HELPER_USERSPACE_POLICIES], h) < 0)
		return -1;
	return 0;
}

static int ct_helper_parse_data(const struct nlattr *nest,
				struct nftnl_ct_helper *h)
{
	const struct nlattr *tb[ATTRS_MAX];
	uint16_t l3;

	if (nla_walk_nest(nest, &data_policy, tb) < 0)
		return -1;
	/* The type is either the kernel helper's name or in the nest. */
	if (tb[NFTA_CT_HELPER_NAME] && tb[NFTA_CT_HELPER_USERSPACE])
		return -1;
	if (tb[NFTA_CT_HELPER_NAME]) {
		nla_strcpy(h->type, tb[NFTA_CT_HELPER_NAME]);
		h->flags |= 1u << NFTNL_CT_HELPER_TYPE;
	}
	if (tb[NFTA_CT_HELPER_L3PROTO]) {
		memcpy(&l3, mnl_attr_get_payload(tb[NFTA_CT_HELPER_L3PROTO]),
		       sizeof(l3));
		h->l3proto = ntohs(l3);
		h->flags |= 1u << NFTNL_CT_HELPER_L3PROTO;
	}
	if (tb[NFTA_CT_HELPER_L4PROTO]) {
		h->l4proto = mnl_attr_get_u8(tb[NFTA_CT_HELPER_L4PROTO]);
		h->flags |= 1u << NFTNL_CT_HELPER_L4PROTO;
	}
	if (tb[NFTA_CT_HELPER_USERSPACE])
		return ct_helper_parse_userspace(tb[NFTA_CT_HELPER_USERSPACE], h);
	return 0;
}

static int ct_helper_parse_obj(const struct nlmsghdr *nlh,
			       struct nftnl_ct_helper *h)
{
	const struct nlattr *tb[ATTRS_MAX];
	const struct nfgenmsg *nfg;
	uint16_t msg;
	uint64_t handle;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*nfg))
		return -1;
	if (NFNL_SUBSYS_ID(nlh->nlmsg_type) != NFNL_SUBSYS_NFTABLES)
		return -1;
	msg = NFNL_MSG_TYPE(nlh->nlmsg_type);
	if (msg != NFT_MSG_NEWOBJ && msg != NFT_MSG_DELOBJ)
		return -1;

	nfg = mnl_nlmsg_get_payload(nlh);
	if (nla_walk((const char *)nfg + sizeof(*nfg),
		     nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(*nfg),
		     &obj_policy, tb) < 0)
		return -1;
	if (!tb[NFTA_OBJ_TABLE] || !tb[NFTA_OBJ_NAME] || !tb[NFTA_OBJ_TYPE])
		return -1;
	if (nla_u32(tb[NFTA_OBJ_TYPE]) != NFT_OBJECT_CT_HELPER)
		return 1;	/* well formed, another kind of object */

	h->family = nfg->nfgen_family;
	h->flags |= 1u << NFTNL_CT_HELPER_FAMILY;
	nla_strcpy(h->table, tb[NFTA_OBJ_TABLE]);
	h->flags |= 1u << NFTNL_CT_HELPER_TABLE;
	nla_strcpy(h->name, tb[NFTA_OBJ_NAME]);
	h->flags |= 1u << NFTNL_CT_HELPER_NAME;
	if (tb[NFTA_OBJ_USE]) {
		h->use = nla_u32(tb[NFTA_OBJ_USE]);
		h->flags |= 1u << NFTNL_CT_HELPER_USE;
	}
	if (tb[NFTA_OBJ_HANDLE]) {
		memcpy(&handle, mnl_attr_get_payload(tb[NFTA_OBJ_HANDLE]),
		       sizeof(handle));
		h->handle = be64toh(handle);
		h->flags |= 1u << NFTNL_CT_HELPER_HANDLE;
	}
	if (tb[NFTA_OBJ_USERDATA]) {
		h->userdata_len = mnl_attr_get_payload_len(tb[NFTA_OBJ_USERDATA]);
		memcpy(h->userdata, mnl_attr_get_payload(tb[NFTA_OBJ_USERDATA]),
		       h->userdata_len);
		h->flags |= 1u << NFTNL_CT_HELPER_USERDATA;
	}
	if (tb[NFTA_OBJ_DATA] && ct_helper_parse_data(tb[NFTA_OBJ_DATA], h) < 0)
		return -1;
	return 0;
}

EXPORT_SYMBOL int nftnl_ct_helper_nlmsg_parse(const struct nlmsghdr *nlh,
					      struct nftnl_ct_helper *h)
{
	struct nftnl_ct_helper tmp;
	int ret;

	memset(&tmp, 0, sizeof(tmp));
	ret = ct_helper_parse_obj(nlh, &tmp);
	if (ret) {
		errno = ret > 0 ? EOPNOTSUPP : EINVAL;
		return -1;
	}
	memcpy(h, &tmp, sizeof(tmp));
	return 0;
}
