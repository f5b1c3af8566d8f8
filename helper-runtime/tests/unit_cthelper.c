// SPDX-License-Identifier: GPL-2.0-or-later
/* unit_cthelper.c - the NFNL_MSG_CTHELPER_NEW/DEL messages we send, decoded
 * attribute by attribute as nfnetlink_cthelper (Linux 6.1) reads them. */
#include <arpa/inet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "unit.h"
#include "../src/cthelper.h"

static int cb_all(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) < 16)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static const struct nfth_registration ftp6 = {
	.name = "ftp", .l3proto = 10, .l4proto = 6, .queue = 5, .priv_len = 24,
	.class_count = 2,
	.classes = { { "ftp", 1, 300 }, { "data", 8, 60 } },
};

static void test_new(struct unit *u)
{
	static char buf[NFTH_NL_BUF];
	const struct nlattr *tb[16] = { 0 }, *tp[16] = { 0 }, *ps[16] = { 0 },
			    *p[16] = { 0 };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	size_t len = nfth_cthelper_build_new(buf, sizeof(buf), 9, &ftp6);

	UNIT_CHECK(u, len > 0 && len == nlh->nlmsg_len);
	UNIT_CHECK_EQ_INT(u, nlh->nlmsg_type,
			  NFNL_SUBSYS_CTHELPER << 8 | NFNL_MSG_CTHELPER_NEW);
	UNIT_CHECK(u, nlh->nlmsg_flags & NLM_F_CREATE);
	UNIT_CHECK(u, nlh->nlmsg_flags & NLM_F_ACK);
	/* no NLM_F_EXCL: an existing registration is updated in place */
	UNIT_CHECK(u, !(nlh->nlmsg_flags & NLM_F_EXCL));
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), cb_all, tb);
	UNIT_CHECK(u, tb[NFCTH_NAME] && !strcmp(mnl_attr_get_str(tb[NFCTH_NAME]), "ftp"));
	UNIT_CHECK(u, tb[NFCTH_QUEUE_NUM] &&
		   ntohl(mnl_attr_get_u32(tb[NFCTH_QUEUE_NUM])) == 5);
	UNIT_CHECK(u, tb[NFCTH_PRIV_DATA_LEN] &&
		   ntohl(mnl_attr_get_u32(tb[NFCTH_PRIV_DATA_LEN])) == 24);
	UNIT_CHECK(u, tb[NFCTH_STATUS] &&
		   ntohl(mnl_attr_get_u32(tb[NFCTH_STATUS])) == NFCT_HELPER_STATUS_ENABLED);
	UNIT_CHECK(u, tb[NFCTH_TUPLE] && tb[NFCTH_POLICY]);
	if (!tb[NFCTH_TUPLE] || !tb[NFCTH_POLICY])
		return;
	mnl_attr_parse_nested(tb[NFCTH_TUPLE], cb_all, tp);
	UNIT_CHECK(u, tp[NFCTH_TUPLE_L3PROTONUM] &&
		   ntohs(mnl_attr_get_u16(tp[NFCTH_TUPLE_L3PROTONUM])) == 10);
	UNIT_CHECK(u, tp[NFCTH_TUPLE_L4PROTONUM] &&
		   mnl_attr_get_u8(tp[NFCTH_TUPLE_L4PROTONUM]) == 6);
	mnl_attr_parse_nested(tb[NFCTH_POLICY], cb_all, ps);
	UNIT_CHECK(u, ps[NFCTH_POLICY_SET_NUM] &&
		   ntohl(mnl_attr_get_u32(ps[NFCTH_POLICY_SET_NUM])) == 2);
	UNIT_CHECK(u, ps[NFCTH_POLICY_SET2] != NULL);
	if (!ps[NFCTH_POLICY_SET2])
		return;
	mnl_attr_parse_nested(ps[NFCTH_POLICY_SET2], cb_all, p);
	UNIT_CHECK(u, p[NFCTH_POLICY_NAME] &&
		   !strcmp(mnl_attr_get_str(p[NFCTH_POLICY_NAME]), "data"));
	UNIT_CHECK(u, p[NFCTH_POLICY_EXPECT_MAX] &&
		   ntohl(mnl_attr_get_u32(p[NFCTH_POLICY_EXPECT_MAX])) == 8);
	UNIT_CHECK(u, p[NFCTH_POLICY_EXPECT_TIMEOUT] &&
		   ntohl(mnl_attr_get_u32(p[NFCTH_POLICY_EXPECT_TIMEOUT])) == 60);
}

static void test_del(struct unit *u)
{
	static char buf[NFTH_NL_BUF];
	const struct nlattr *tb[16] = { 0 }, *tp[16] = { 0 };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	size_t len = nfth_cthelper_build_del(buf, sizeof(buf), 9, &ftp6);

	UNIT_CHECK(u, len > 0);
	UNIT_CHECK_EQ_INT(u, nlh->nlmsg_type,
			  NFNL_SUBSYS_CTHELPER << 8 | NFNL_MSG_CTHELPER_DEL);
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), cb_all, tb);
	UNIT_CHECK(u, tb[NFCTH_NAME] && !strcmp(mnl_attr_get_str(tb[NFCTH_NAME]), "ftp"));
	/* the tuple restricts the delete to this L3/L4 registration */
	UNIT_CHECK(u, tb[NFCTH_TUPLE] != NULL);
	if (tb[NFCTH_TUPLE]) {
		mnl_attr_parse_nested(tb[NFCTH_TUPLE], cb_all, tp);
		UNIT_CHECK(u, tp[NFCTH_TUPLE_L3PROTONUM] &&
			   ntohs(mnl_attr_get_u16(tp[NFCTH_TUPLE_L3PROTONUM])) == 10);
	}
	UNIT_CHECK(u, !tb[NFCTH_POLICY]);
}

/* Pointing a helper "nfct add helper" registered at a queue: an update that
 * names the helper and sets queue and status only; a private data length or
 * policies different from the registrant's would be refused (EBUSY). */
static void test_enable(struct unit *u)
{
	static char buf[NFTH_NL_BUF];
	const struct nlattr *tb[16] = { 0 }, *tp[16] = { 0 };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	size_t len = nfth_cthelper_build_enable(buf, sizeof(buf), 9, &ftp6);

	UNIT_CHECK(u, len > 0 && len == nlh->nlmsg_len);
	UNIT_CHECK_EQ_INT(u, nlh->nlmsg_type,
			  (NFNL_SUBSYS_CTHELPER << 8) | NFNL_MSG_CTHELPER_NEW);
	UNIT_CHECK(u, nlh->nlmsg_flags & NLM_F_ACK);
	UNIT_CHECK(u, !(nlh->nlmsg_flags & (NLM_F_EXCL | NLM_F_CREATE)));
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), cb_all, tb);
	UNIT_CHECK(u, tb[NFCTH_NAME] && !strcmp(mnl_attr_get_str(tb[NFCTH_NAME]), "ftp"));
	UNIT_CHECK(u, tb[NFCTH_QUEUE_NUM] &&
		      ntohl(mnl_attr_get_u32(tb[NFCTH_QUEUE_NUM])) == 5);
	UNIT_CHECK(u, tb[NFCTH_STATUS] &&
		      ntohl(mnl_attr_get_u32(tb[NFCTH_STATUS])) == NFCT_HELPER_STATUS_ENABLED);
	UNIT_CHECK(u, !tb[NFCTH_PRIV_DATA_LEN] && !tb[NFCTH_POLICY]);
	UNIT_CHECK(u, tb[NFCTH_TUPLE] != NULL);
	if (tb[NFCTH_TUPLE]) {
		mnl_attr_parse_nested(tb[NFCTH_TUPLE], cb_all, tp);
		UNIT_CHECK(u, tp[NFCTH_TUPLE_L3PROTONUM] &&
			      ntohs(mnl_attr_get_u16(tp[NFCTH_TUPLE_L3PROTONUM])) == 10);
		UNIT_CHECK(u, tp[NFCTH_TUPLE_L4PROTONUM] &&
			      mnl_attr_get_u8(tp[NFCTH_TUPLE_L4PROTONUM]) == 6);
	}
	/* too small a buffer: nothing built */
	UNIT_CHECK_EQ_INT(u, nfth_cthelper_build_enable(buf, 100, 9, &ftp6), 0);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_new),
	UNIT_CASE(test_del),
	UNIT_CASE(test_enable),
};

UNIT_MAIN(cases)
