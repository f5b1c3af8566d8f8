/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * extack.c - see extack.h.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "extack.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

void extack_enable(int fd)
{
	int one = 1;

	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
}

int extack_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct extack_info *e = data;
	const struct nlattr *attr;
	size_t off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;		/* an ACK */

	memset(e, 0, sizeof(*e));
	e->error = err->error < 0 ? -err->error : err->error;
	e->seq = err->msg.nlmsg_seq;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* the TLVs follow the echoed request, or just its header */
		off = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - sizeof(err->msg);
		mnl_attr_for_each(attr, nlh, off) {
			switch (mnl_attr_get_type(attr)) {
			case NLMSGERR_ATTR_MSG:
				if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
					snprintf(e->msg, sizeof(e->msg), "%s",
						 mnl_attr_get_str(attr));
				break;
			case NLMSGERR_ATTR_OFFS:
				if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
					e->offset = mnl_attr_get_u32(attr);
					e->has_offset = true;
				}
				break;
			}
		}
	}
	errno = e->error;
	return MNL_CB_ERROR;
}

/* Names of the attributes of each level we send, and which are nests. */
struct attr_level {
	const char			*const *names;
	unsigned int			max;
	const struct attr_level		*const *nests;	/* by type, or NULL */
};

static const char *const policy_names[] = {
	[NFTA_CT_HELPER_POLICY_NAME]		= "NFTA_CT_HELPER_POLICY_NAME",
	[NFTA_CT_HELPER_POLICY_EXPECT_MAX]	= "NFTA_CT_HELPER_POLICY_EXPECT_MAX",
	[NFTA_CT_HELPER_POLICY_TIMEOUT]		= "NFTA_CT_HELPER_POLICY_TIMEOUT",
};
static const struct attr_level policy_level = {
	policy_names, NFTA_CT_HELPER_POLICY_MAX, NULL,
};
static const char *const list_names[] = {
	[NFTA_LIST_ELEM] = "NFTA_LIST_ELEM",
};
static const struct attr_level *const list_nests[] = {
	[NFTA_LIST_ELEM] = &policy_level,
};
static const struct attr_level list_level = {
	list_names, NFTA_LIST_ELEM, list_nests,
};
static const char *const userspace_names[] = {
	[NFTA_CT_HELPER_USERSPACE_NAME]		= "NFTA_CT_HELPER_USERSPACE_NAME",
	[NFTA_CT_HELPER_USERSPACE_QUEUE_NUM]	= "NFTA_CT_HELPER_USERSPACE_QUEUE_NUM",
	[NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT]	= "NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT",
	[NFTA_CT_HELPER_USERSPACE_FLAGS]	= "NFTA_CT_HELPER_USERSPACE_FLAGS",
	[NFTA_CT_HELPER_USERSPACE_PRIV_LEN]	= "NFTA_CT_HELPER_USERSPACE_PRIV_LEN",
	[NFTA_CT_HELPER_USERSPACE_POLICIES]	= "NFTA_CT_HELPER_USERSPACE_POLICIES",
};
static const struct attr_level *const userspace_nests[] = {
	[NFTA_CT_HELPER_USERSPACE_POLICIES] = &list_level,
};
static const struct attr_level userspace_level = {
	userspace_names, NFTA_CT_HELPER_USERSPACE_MAX, userspace_nests,
};
static const char *const data_names[] = {
	[NFTA_CT_HELPER_NAME]		= "NFTA_CT_HELPER_NAME",
	[NFTA_CT_HELPER_L3PROTO]	= "NFTA_CT_HELPER_L3PROTO",
	[NFTA_CT_HELPER_L4PROTO]	= "NFTA_CT_HELPER_L4PROTO",
	[NFTA_CT_HELPER_USERSPACE]	= "NFTA_CT_HELPER_USERSPACE",
};
static const struct attr_level *const data_nests[] = {
	[NFTA_CT_HELPER_USERSPACE] = &userspace_level,
};
static const struct attr_level data_level = {
	data_names, NFTA_CT_HELPER_USERSPACE, data_nests,
};
static const char *const obj_names[] = {
	[NFTA_OBJ_TABLE]	= "NFTA_OBJ_TABLE",
	[NFTA_OBJ_NAME]		= "NFTA_OBJ_NAME",
	[NFTA_OBJ_TYPE]		= "NFTA_OBJ_TYPE",
	[NFTA_OBJ_DATA]		= "NFTA_OBJ_DATA",
	[NFTA_OBJ_USE]		= "NFTA_OBJ_USE",
	[NFTA_OBJ_HANDLE]	= "NFTA_OBJ_HANDLE",
	[NFTA_OBJ_PAD]		= "NFTA_OBJ_PAD",
	[NFTA_OBJ_USERDATA]	= "NFTA_OBJ_USERDATA",
};
static const struct attr_level *const obj_nests[] = {
	[NFTA_OBJ_DATA] = &data_level,
};
static const struct attr_level obj_level = {
	obj_names, NFTA_OBJ_MAX, obj_nests,
};

/* Appends the path to the attribute at msg offset want into path. */
static bool find_attr(const char *msg, size_t start, size_t end, size_t want,
		      const struct attr_level *level, char *path, size_t size)
{
	size_t off = start;

	while (off + sizeof(struct nlattr) <= end) {
		const struct nlattr *a = (const struct nlattr *)(msg + off);
		uint16_t type = mnl_attr_get_type(a);
		const char *name = type <= level->max && level->names[type] ?
				   level->names[type] : "?";
		size_t used = strlen(path);

		if (a->nla_len < sizeof(*a) || off + a->nla_len > end)
			return false;
		if (want >= off && want < off + a->nla_len) {
			snprintf(path + used, size - used, "%s%s",
				 used ? " > " : "", name);
			if (want == off)
				return true;
			if (level->nests && type <= level->max && level->nests[type])
				return find_attr(msg, off + sizeof(*a),
						 off + a->nla_len, want,
						 level->nests[type], path, size);
			return true;	/* inside a value */
		}
		off += MNL_ALIGN(a->nla_len);
	}
	return false;
}

void extack_report(const struct extack_info *e, const void *sent,
		   size_t sent_len, FILE *fp)
{
	const struct nlmsghdr *nlh = sent;
	int rem = (int)sent_len;
	char path[512] = "";

	if (e->msg[0])
		fprintf(fp, "kernel: %s\n", e->msg);
	if (!e->has_offset || !sent)
		return;
	while (mnl_nlmsg_ok(nlh, rem)) {
		if (nlh->nlmsg_seq == e->seq) {
			if (find_attr((const char *)nlh,
				      MNL_NLMSG_HDRLEN + MNL_ALIGN(4),
				      nlh->nlmsg_len, e->offset, &obj_level,
				      path, sizeof(path)))
				fprintf(fp, "kernel: offending attribute %s\n", path);
			return;
		}
		nlh = mnl_nlmsg_next(nlh, &rem);
	}
}
