/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_parse.c - parse(build(x)) == x for every attribute, stock objects
 * both ways with the installed libnftnl, kernel-style replies written by
 * hand (USE, PAD, unknown object-level attributes), events and dumps.
 */
#include <errno.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "msg_util.h"
#include "unit.h"

static char buf[NFTNL_CT_HELPER_NLMSG_MAXSIZE];

static struct nftnl_ct_helper *base(void)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();

	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, NFPROTO_IPV4);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "t");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "h");
	return h;
}

/* Builds a NEWOBJ of h, parses it into a fresh object, compares. */
static void check_round_trip(struct unit *u, const struct nftnl_ct_helper *h,
			     const char *what)
{
	struct nftnl_ct_helper *back = nftnl_ct_helper_alloc();
	struct nlmsghdr *nlh;
	char a[1024], b[1024];

	nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_NEWOBJ, NLM_F_CREATE, 1, h);
	UNIT_CHECK(u, nlh != NULL);
	if (!nlh) {
		nftnl_ct_helper_free(back);
		return;
	}
	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(nlh, back) == 0);
	if (!nftnl_ct_helper_cmp(h, back)) {
		nftnl_ct_helper_snprintf(a, sizeof(a), h, 0, 0);
		nftnl_ct_helper_snprintf(b, sizeof(b), back, 0, 0);
		fprintf(stderr, "  %s:\n    built:  %s\n    parsed: %s\n", what, a, b);
		UNIT_CHECK(u, !"parse(build(x)) == x");
	}
	nftnl_ct_helper_free(back);
}

static void test_round_trip_each_attribute(struct unit *u)
{
	static const uint8_t ud[] = { 0x01, 0x02, 0xca, 0xfe };
	struct nftnl_ct_helper *h;
	uint16_t attr;

	/* Alone on top of what every message has (FAMILY, TABLE, NAME). */
	for (attr = 0; attr <= NFTNL_CT_HELPER_MAX; attr++) {
		char what[64];

		h = base();
		switch (attr) {
		case NFTNL_CT_HELPER_TABLE:
			nftnl_ct_helper_set_str(h, attr, "a-much-longer-table-name");
			break;
		case NFTNL_CT_HELPER_NAME:
			nftnl_ct_helper_set_str(h, attr, "x");
			break;
		case NFTNL_CT_HELPER_FAMILY:
			nftnl_ct_helper_set_u32(h, attr, NFPROTO_BRIDGE);
			break;
		case NFTNL_CT_HELPER_USE:
			/* kernel to user only: see test_kernel_reply */
			break;
		case NFTNL_CT_HELPER_HANDLE:
			nftnl_ct_helper_set_u64(h, attr, 0xfedcba9876543210ULL);
			break;
		case NFTNL_CT_HELPER_USERDATA:
			nftnl_ct_helper_set_data(h, attr, ud, sizeof(ud));
			break;
		case NFTNL_CT_HELPER_COMMENT:
			nftnl_ct_helper_set_str(h, attr, "a comment, with spaces");
			break;
		case NFTNL_CT_HELPER_TYPE:
			nftnl_ct_helper_set_str(h, attr, "0123456789abcde");
			break;
		case NFTNL_CT_HELPER_L3PROTO:
			nftnl_ct_helper_set_u16(h, attr, 0xbeef);
			break;
		case NFTNL_CT_HELPER_L4PROTO:
			nftnl_ct_helper_set_u8(h, attr, 0xfe);
			break;
		case NFTNL_CT_HELPER_USERSPACE:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_set_u8(h, attr, 1);
			break;
		case NFTNL_CT_HELPER_QUEUE_NUM:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_set_u32(h, attr, 65535);
			break;
		case NFTNL_CT_HELPER_QUEUE_COUNT:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_set_u32(h, attr, 65536);
			break;
		case NFTNL_CT_HELPER_FLAGS:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_set_u32(h, attr, 0x80000001);
			break;
		case NFTNL_CT_HELPER_PRIV_LEN:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_set_u32(h, attr, 32);
			break;
		case NFTNL_CT_HELPER_POLICIES:
			nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "rpc");
			nftnl_ct_helper_policy_add(h, "0123456789abcde", 255, 0xffffffff);
			break;
		}
		snprintf(what, sizeof(what), "attribute %u", attr);
		check_round_trip(u, h, what);
		nftnl_ct_helper_free(h);
	}
}

static void test_round_trip_everything(struct unit *u)
{
	struct nftnl_ct_helper *h = base();
	unsigned int n;

	nftnl_ct_helper_set_u64(h, NFTNL_CT_HELPER_HANDLE, 77);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, "served by nft-helperd");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp");
	nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, NFPROTO_INET);
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 3);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 4);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS,
				NFT_CT_HELPER_F_BYPASS | NFT_CT_HELPER_F_QUEUE_EMPTY);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 12);
	for (n = 1; n <= NFTNL_CT_HELPER_POLICY_MAX; n++) {
		char name[16];

		snprintf(name, sizeof(name), "class-%u", n);
		nftnl_ct_helper_policy_add(h, name, n, n * 60);
		check_round_trip(u, h, name);
	}
	nftnl_ct_helper_free(h);
}

/* Stock objects: libnftnl builds, we parse; we build, libnftnl parses. */
static void test_stock_both_ways_with_libnftnl(struct unit *u)
{
	static const uint8_t ud[] = { 0x00, 0x03, 'h', 'i', 0x00 };
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_obj *o = nftnl_obj_alloc();
	struct nlmsghdr *nlh;
	const void *p;
	uint32_t len;

	nftnl_obj_set_str(o, NFTNL_OBJ_TABLE, "filter");
	nftnl_obj_set_str(o, NFTNL_OBJ_NAME, "sip-5060");
	nftnl_obj_set_u32(o, NFTNL_OBJ_TYPE, NFT_OBJECT_CT_HELPER);
	nftnl_obj_set_u64(o, NFTNL_OBJ_HANDLE, 12);
	nftnl_obj_set_data(o, NFTNL_OBJ_USERDATA, ud, sizeof(ud));
	nftnl_obj_set_str(o, NFTNL_OBJ_CT_HELPER_NAME, "sip");
	nftnl_obj_set_u16(o, NFTNL_OBJ_CT_HELPER_L3PROTO, NFPROTO_IPV6);
	nftnl_obj_set_u8(o, NFTNL_OBJ_CT_HELPER_L4PROTO, IPPROTO_UDP);
	memset(buf, 0, sizeof(buf));
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_NEWOBJ, NFPROTO_INET, 0, 1);
	nftnl_obj_nlmsg_build_payload(nlh, o);

	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(nlh, h) == 0);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY), NFPROTO_INET);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE), "filter");
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME), "sip-5060");
	UNIT_CHECK(u, nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE) == 12);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT), "hi");
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE), "sip");
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u16(h, NFTNL_CT_HELPER_L3PROTO), NFPROTO_IPV6);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_L4PROTO), IPPROTO_UDP);
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERSPACE));
	nftnl_obj_free(o);

	/* ...and back through libnftnl */
	o = nftnl_obj_alloc();
	nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_NEWOBJ, 0, 2, h);
	UNIT_CHECK(u, nftnl_obj_nlmsg_parse(nlh, o) == 0);
	UNIT_CHECK_EQ_INT(u, nftnl_obj_get_u32(o, NFTNL_OBJ_FAMILY), NFPROTO_INET);
	UNIT_CHECK_EQ_STR(u, nftnl_obj_get_str(o, NFTNL_OBJ_TABLE), "filter");
	UNIT_CHECK_EQ_STR(u, nftnl_obj_get_str(o, NFTNL_OBJ_NAME), "sip-5060");
	UNIT_CHECK_EQ_INT(u, nftnl_obj_get_u32(o, NFTNL_OBJ_TYPE), NFT_OBJECT_CT_HELPER);
	UNIT_CHECK(u, nftnl_obj_get_u64(o, NFTNL_OBJ_HANDLE) == 12);
	p = nftnl_obj_get_data(o, NFTNL_OBJ_USERDATA, &len);
	UNIT_CHECK(u, p && len == sizeof(ud) && !memcmp(p, ud, len));
	UNIT_CHECK_EQ_STR(u, nftnl_obj_get_str(o, NFTNL_OBJ_CT_HELPER_NAME), "sip");
	UNIT_CHECK_EQ_INT(u, nftnl_obj_get_u16(o, NFTNL_OBJ_CT_HELPER_L3PROTO), NFPROTO_IPV6);
	UNIT_CHECK_EQ_INT(u, nftnl_obj_get_u8(o, NFTNL_OBJ_CT_HELPER_L4PROTO), IPPROTO_UDP);
	nftnl_obj_free(o);
	nftnl_ct_helper_free(h);
}

/*
 * What a kernel sends (nf_tables_fill_obj_info): TABLE, NAME, TYPE, HANDLE
 * (maybe after a PAD), USE, DATA with NUL-terminated strings; plus an
 * object-level attribute this library does not know, which it skips.
 */
static struct nlmsghdr *kernel_reply(uint16_t msg, bool userspace)
{
	struct nlmsghdr *nlh = msg_start(buf, sizeof(buf), msg, NFPROTO_IPV6);
	struct nlattr *data, *us, *pols, *elem;

	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, "tbl");
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, "obj");
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	mnl_attr_put(nlh, NFTA_OBJ_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, NFTA_OBJ_HANDLE, htobe64(5));
	mnl_attr_put_u32(nlh, NFTA_OBJ_USE, htonl(2));
	mnl_attr_put_u32(nlh, NFTA_OBJ_MAX + 7, htonl(0xdead));
	data = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	if (!userspace)
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_NAME, "tftp");
	mnl_attr_put_u8(nlh, NFTA_CT_HELPER_L4PROTO, IPPROTO_UDP);
	mnl_attr_put_u16(nlh, NFTA_CT_HELPER_L3PROTO, htons(NFPROTO_IPV6));
	if (userspace) {
		us = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE);
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME, "tftp");
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM, htonl(9));
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT, htonl(1));
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS, htonl(0));
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_PRIV_LEN, htonl(0));
		pols = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT, htonl(300));
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME, "tftp");
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX, htonl(1));
		mnl_attr_nest_end(nlh, elem);
		mnl_attr_nest_end(nlh, pols);
		mnl_attr_nest_end(nlh, us);
	}
	mnl_attr_nest_end(nlh, data);
	return nlh;
}

static void test_kernel_reply(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	const struct nftnl_ct_helper_policy *p;
	char text[512];

	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(kernel_reply(NFT_MSG_NEWOBJ, false), h) == 0);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY), NFPROTO_IPV6);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_USE), 2);
	UNIT_CHECK(u, nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE) == 5);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE), "tftp");
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERSPACE));
	nftnl_ct_helper_snprintf(text, sizeof(text), h, 0, 0);
	UNIT_CHECK(u, !strcmp(text, "table tbl name obj use 2 [ ct_helper name tftp "
			      "family 10 protocol 17 ]"));

	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(kernel_reply(NFT_MSG_NEWOBJ, true), h) == 0);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_USERSPACE), 1);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE), "tftp");
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_NUM), 9);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT), 1);
	UNIT_CHECK(u, nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_FLAGS));
	UNIT_CHECK(u, nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_PRIV_LEN));
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_policy_count(h), 1);
	p = nftnl_ct_helper_policy_get(h, 0);
	UNIT_CHECK(u, p && !strcmp(p->name, "tftp") && p->max == 1 && p->timeout == 300);
	nftnl_ct_helper_free(h);
}

/* NEWOBJ and DELOBJ events parse alike; the caller reads the type. */
static void test_events(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nlmsghdr *nlh = kernel_reply(NFT_MSG_DELOBJ, true);

	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(nlh, h) == 0);
	UNIT_CHECK_EQ_INT(u, NFNL_MSG_TYPE(nlh->nlmsg_type), NFT_MSG_DELOBJ);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME), "obj");

	/* not an object message at all */
	nlh = msg_start(buf, sizeof(buf), NFT_MSG_NEWTABLE, NFPROTO_IPV4);
	mnl_attr_put_strz(nlh, NFTA_TABLE_NAME, "t");
	errno = 0;
	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(nlh, h) < 0);
	UNIT_CHECK_EQ_INT(u, errno, EINVAL);
	/* the failed parse left the object as it was */
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME), "obj");
	nftnl_ct_helper_free(h);
}

static struct nlmsghdr *counter_obj(void *mem, size_t size)
{
	struct nlmsghdr *nlh = msg_start(mem, size, NFT_MSG_NEWOBJ, NFPROTO_IPV4);
	struct nlattr *data;

	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, "t");
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, "cnt");
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_COUNTER));
	data = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	mnl_attr_put_u64(nlh, NFTA_COUNTER_BYTES, 0);
	mnl_attr_put_u64(nlh, NFTA_COUNTER_PACKETS, 0);
	mnl_attr_nest_end(nlh, data);
	return nlh;
}

static void test_other_object_types(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();

	errno = 0;
	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(counter_obj(buf, sizeof(buf)), h) < 0);
	UNIT_CHECK_EQ_INT(u, errno, EOPNOTSUPP);
	nftnl_ct_helper_free(h);
}

/* A dump: several messages in one buffer, a counter among them. */
static void test_dump_into_list(struct unit *u)
{
	static char stream[3 * 1024];
	struct nftnl_ct_helper_list *list = nftnl_ct_helper_list_alloc();
	struct nftnl_ct_helper_list_iter *it;
	struct nftnl_ct_helper *h;
	size_t off = 0;
	struct nlmsghdr *nlh;

	nlh = kernel_reply(NFT_MSG_NEWOBJ, false);
	memcpy(stream + off, nlh, nlh->nlmsg_len);
	off += MNL_ALIGN(nlh->nlmsg_len);
	nlh = counter_obj(buf, sizeof(buf));
	memcpy(stream + off, nlh, nlh->nlmsg_len);
	off += MNL_ALIGN(nlh->nlmsg_len);
	nlh = kernel_reply(NFT_MSG_NEWOBJ, true);
	memcpy(stream + off, nlh, nlh->nlmsg_len);
	off += MNL_ALIGN(nlh->nlmsg_len);

	UNIT_CHECK(u, mnl_cb_run(stream, off, 0, 0, nftnl_ct_helper_list_parse_cb,
				 list) >= MNL_CB_OK);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_list_num(list), 2);
	it = nftnl_ct_helper_list_iter_create(list);
	h = nftnl_ct_helper_list_iter_next(it);
	UNIT_CHECK(u, h && !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERSPACE));
	h = nftnl_ct_helper_list_iter_next(it);
	UNIT_CHECK(u, h && nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERSPACE));
	nftnl_ct_helper_list_iter_destroy(it);

	/* a malformed message stops the dump with an error */
	nlh = (struct nlmsghdr *)(stream + off);
	memcpy(nlh, kernel_reply(NFT_MSG_NEWOBJ, false), 20);
	nlh->nlmsg_len = 20;		/* no TABLE, NAME, TYPE */
	UNIT_CHECK(u, mnl_cb_run(stream + off, 20, 0, 0,
				 nftnl_ct_helper_list_parse_cb, list) == MNL_CB_ERROR);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_list_num(list), 2);
	nftnl_ct_helper_list_free(list);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_round_trip_each_attribute),
	UNIT_CASE(test_round_trip_everything),
	UNIT_CASE(test_stock_both_ways_with_libnftnl),
	UNIT_CASE(test_kernel_reply),
	UNIT_CASE(test_events),
	UNIT_CASE(test_other_object_types),
	UNIT_CASE(test_dump_into_list),
};

UNIT_MAIN(cases)
