/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_object.c - the object API: attributes, limits, comment, policies,
 * clone/cmp, list, and the debug text (compared with libnftnl 1.2.4's own
 * output for stock objects).
 */
#include <errno.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <libnftnl/object.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "unit.h"

static void test_every_attribute_set_get_unset(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	static const uint8_t ud[] = { 7, 2, 'x', 'y' };
	struct nftnl_ct_helper_policy pol[2] = {
		{ "a", 1, 10 }, { "b", 255, 0 },
	};
	const void *p;
	uint32_t len;
	uint16_t attr;

	UNIT_CHECK(u, h != NULL);
	for (attr = 0; attr <= NFTNL_CT_HELPER_MAX; attr++)
		UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, attr));

	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "filter") == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "ftp-21") == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, NFPROTO_INET) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_USE, 3) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u64(h, NFTNL_CT_HELPER_HANDLE, 1ULL << 40) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_USERDATA, ud, sizeof(ud)) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp") == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, NFPROTO_IPV6) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 100) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 4) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, NFT_CT_HELPER_F_BYPASS) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 32) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES, pol, sizeof(pol)) == 0);

	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE), "filter");
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME), "ftp-21");
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY), NFPROTO_INET);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_USE), 3);
	UNIT_CHECK(u, nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE) == 1ULL << 40);
	p = nftnl_ct_helper_get_data(h, NFTNL_CT_HELPER_USERDATA, &len);
	UNIT_CHECK(u, p && len == sizeof(ud) && !memcmp(p, ud, len));
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE), "ftp");
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u16(h, NFTNL_CT_HELPER_L3PROTO), NFPROTO_IPV6);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_L4PROTO), IPPROTO_TCP);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_USERSPACE), 1);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_NUM), 100);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT), 4);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FLAGS), 1);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_PRIV_LEN), 32);
	p = nftnl_ct_helper_get_data(h, NFTNL_CT_HELPER_POLICIES, &len);
	UNIT_CHECK(u, p && len == sizeof(pol) && !memcmp(p, pol, len));
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_policy_count(h), 2);
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_policy_get(h, 1)->name, "b");
	UNIT_CHECK(u, nftnl_ct_helper_policy_get(h, 2) == NULL);

	/* Typed getters answer only for their own type. */
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_L3PROTO), 0);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_QUEUE_NUM), 0);
	UNIT_CHECK(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_FAMILY) == NULL);
	UNIT_CHECK(u, nftnl_ct_helper_get_data(h, 99, &len) == NULL && len == 0);

	/* Unsetting USERSPACE takes the whole nest with it. */
	nftnl_ct_helper_unset(h, NFTNL_CT_HELPER_USERSPACE);
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERSPACE));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_QUEUE_NUM));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_QUEUE_COUNT));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_FLAGS));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_PRIV_LEN));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_POLICIES));
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_policy_count(h), 0);
	UNIT_CHECK(u, nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_TYPE));

	for (attr = 0; attr <= NFTNL_CT_HELPER_MAX; attr++) {
		nftnl_ct_helper_unset(h, attr);
		UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, attr));
		UNIT_CHECK(u, nftnl_ct_helper_get_data(h, attr, NULL) == NULL);
	}
	nftnl_ct_helper_free(h);
}

static void test_nest_attributes_imply_userspace(struct unit *u)
{
	static const uint16_t nest_attrs[] = {
		NFTNL_CT_HELPER_QUEUE_NUM, NFTNL_CT_HELPER_QUEUE_COUNT,
		NFTNL_CT_HELPER_FLAGS, NFTNL_CT_HELPER_PRIV_LEN,
	};
	size_t i;

	for (i = 0; i < sizeof(nest_attrs) / sizeof(nest_attrs[0]); i++) {
		struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();

		UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, nest_attrs[i], 1) == 0);
		UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_USERSPACE), 1);
		nftnl_ct_helper_free(h);
	}
}

/* Every rejected value leaves the attribute as it was, errno EINVAL. */
static void check_rejected(struct unit *u, int ret, struct nftnl_ct_helper *h,
			   uint16_t attr, bool was_set)
{
	UNIT_CHECK_EQ_INT(u, ret, -1);
	UNIT_CHECK_EQ_INT(u, errno, EINVAL);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_is_set(h, attr), was_set);
}

static void test_limits(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	char s[300];
	uint32_t v32 = 1;

	memset(s, 'a', sizeof(s));
	s[255] = '\0';
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, s) == 0);
	s[255] = 'a';
	s[256] = '\0';
	check_rejected(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, s), h,
		       NFTNL_CT_HELPER_TABLE, true);
	UNIT_CHECK_EQ_INT(u, strlen(nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE)), 255);
	check_rejected(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, ""), h,
		       NFTNL_CT_HELPER_NAME, false);
	check_rejected(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE,
						  "0123456789abcdef"), h,
		       NFTNL_CT_HELPER_TYPE, false);
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE,
					      "0123456789abcde") == 0);
	/* set_data on a string: terminated exactly at the end, no inner NUL */
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_NAME, "ab", 2),
		       h, NFTNL_CT_HELPER_NAME, false);
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_NAME, "a\0b", 4),
		       h, NFTNL_CT_HELPER_NAME, false);

	/* wrong sizes for the attribute's type */
	check_rejected(u, nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L3PROTO, 2), h,
		       NFTNL_CT_HELPER_L3PROTO, false);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_L4PROTO, 6), h,
		       NFTNL_CT_HELPER_L4PROTO, false);
	check_rejected(u, nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_HANDLE, 6), h,
		       NFTNL_CT_HELPER_HANDLE, false);
	check_rejected(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_FAMILY, "ip"), h,
		       NFTNL_CT_HELPER_FAMILY, false);
	check_rejected(u, nftnl_ct_helper_set_u32(h, 200, 1), h, 200, false);
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_QUEUE_NUM,
						   &v32, 3), h,
		       NFTNL_CT_HELPER_QUEUE_NUM, false);

	/* value ranges of the user-space nest */
	check_rejected(u, nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_USERSPACE, 2), h,
		       NFTNL_CT_HELPER_USERSPACE, false);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 65536),
		       h, NFTNL_CT_HELPER_QUEUE_NUM, false);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 0),
		       h, NFTNL_CT_HELPER_QUEUE_COUNT, false);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 33),
		       h, NFTNL_CT_HELPER_PRIV_LEN, false);
	/* num + count - 1 <= 65535, whichever is set first */
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 65535) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 1) == 0);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 2),
		       h, NFTNL_CT_HELPER_QUEUE_COUNT, true);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 0) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 65536) == 0);
	check_rejected(u, nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 1),
		       h, NFTNL_CT_HELPER_QUEUE_NUM, true);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_NUM), 0);
	nftnl_ct_helper_free(h);
}

static void test_policy_limits(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_ct_helper_policy five[5] = {
		{ "a", 1, 1 }, { "b", 1, 1 }, { "c", 1, 1 }, { "d", 1, 1 },
		{ "e", 1, 1 },
	};
	struct nftnl_ct_helper_policy bad = { "x", 1, 1 };

	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   five, sizeof(five)), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   five, 0), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   five, sizeof(five[0]) + 1), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	bad.max = 0;
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   &bad, sizeof(bad)), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	bad.max = 256;
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   &bad, sizeof(bad)), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	bad.max = 1;
	memset(bad.name, 'n', sizeof(bad.name));	/* unterminated */
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   &bad, sizeof(bad)), h,
		       NFTNL_CT_HELPER_POLICIES, false);
	memset(bad.name, 0, sizeof(bad.name));		/* empty */
	check_rejected(u, nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES,
						   &bad, sizeof(bad)), h,
		       NFTNL_CT_HELPER_POLICIES, false);

	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "a", 1, 1) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "b", 2, 2) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "c", 3, 3) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "0123456789abcdef", 3, 3) < 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "d", 0, 3) < 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "d", 4, 4) == 0);
	UNIT_CHECK(u, nftnl_ct_helper_policy_add(h, "e", 5, 5) < 0);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_policy_count(h), 4);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_policy_get(h, 3)->timeout, 4);
	nftnl_ct_helper_free(h);
}

/* The comment is nft's TLV {type 0, len, "text\0"} inside USERDATA. */
static void test_comment_in_userdata(struct unit *u)
{
	static const uint8_t want[] = { 0x00, 0x03, 'h', 'i', 0x00 };
	static const uint8_t other[] = { 0x05, 0x01, 0xaa };
	static const uint8_t both[] = { 0x00, 0x02, 'c', 0x00, 0x05, 0x01, 0xaa };
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	const void *p;
	uint32_t len;
	char big[300];

	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_COMMENT));
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, "hi") == 0);
	UNIT_CHECK(u, nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_COMMENT));
	p = nftnl_ct_helper_get_data(h, NFTNL_CT_HELPER_USERDATA, &len);
	UNIT_CHECK(u, p && len == sizeof(want) && !memcmp(p, want, len));
	UNIT_CHECK_EQ_STR(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT), "hi");

	/* other records are kept when the comment changes */
	nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_USERDATA, other, sizeof(other));
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_COMMENT));
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, "c") == 0);
	p = nftnl_ct_helper_get_data(h, NFTNL_CT_HELPER_USERDATA, &len);
	UNIT_CHECK(u, p && len == sizeof(both) && !memcmp(p, both, len));
	nftnl_ct_helper_unset(h, NFTNL_CT_HELPER_COMMENT);
	p = nftnl_ct_helper_get_data(h, NFTNL_CT_HELPER_USERDATA, &len);
	UNIT_CHECK(u, p && len == sizeof(other) && !memcmp(p, other, len));
	nftnl_ct_helper_unset(h, NFTNL_CT_HELPER_USERDATA);
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERDATA));

	/* too long for one TLV (len is a u8) */
	memset(big, 'x', sizeof(big));
	big[260] = '\0';
	UNIT_CHECK(u, nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, big) < 0);
	UNIT_CHECK(u, !nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_USERDATA));
	/* a comment TLV that is not terminated is no comment */
	nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_USERDATA, "\x00\x02hi", 4);
	UNIT_CHECK(u, nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT) == NULL);
	nftnl_ct_helper_free(h);
}

static void test_clone_and_cmp(struct unit *u)
{
	struct nftnl_ct_helper *a = nftnl_ct_helper_alloc(), *b;

	nftnl_ct_helper_set_str(a, NFTNL_CT_HELPER_TABLE, "t");
	nftnl_ct_helper_set_str(a, NFTNL_CT_HELPER_TYPE, "tftp");
	nftnl_ct_helper_policy_add(a, "tftp", 1, 300);
	b = nftnl_ct_helper_clone(a);
	UNIT_CHECK(u, b && nftnl_ct_helper_cmp(a, b));
	nftnl_ct_helper_set_u32(b, NFTNL_CT_HELPER_QUEUE_NUM, 0);
	UNIT_CHECK(u, !nftnl_ct_helper_cmp(a, b));
	nftnl_ct_helper_unset(b, NFTNL_CT_HELPER_QUEUE_NUM);
	UNIT_CHECK(u, nftnl_ct_helper_cmp(a, b));
	nftnl_ct_helper_policy_add(b, "x", 1, 1);
	UNIT_CHECK(u, !nftnl_ct_helper_cmp(a, b));
	nftnl_ct_helper_free(a);
	nftnl_ct_helper_free(b);
}

static int count_cb(struct nftnl_ct_helper *h, void *data)
{
	(void)h;
	(*(int *)data)++;
	return 0;
}

static void test_list(struct unit *u)
{
	struct nftnl_ct_helper_list *l = nftnl_ct_helper_list_alloc();
	struct nftnl_ct_helper *h[3];
	struct nftnl_ct_helper_list_iter *it;
	int i, n = 0;

	UNIT_CHECK(u, nftnl_ct_helper_list_is_empty(l));
	for (i = 0; i < 3; i++)
		h[i] = nftnl_ct_helper_alloc();
	nftnl_ct_helper_list_add_tail(h[1], l);
	nftnl_ct_helper_list_add_tail(h[2], l);
	nftnl_ct_helper_list_add(h[0], l);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_list_num(l), 3);
	it = nftnl_ct_helper_list_iter_create(l);
	for (i = 0; i < 3; i++)
		UNIT_CHECK(u, nftnl_ct_helper_list_iter_next(it) == h[i]);
	UNIT_CHECK(u, nftnl_ct_helper_list_iter_next(it) == NULL);
	nftnl_ct_helper_list_iter_destroy(it);
	nftnl_ct_helper_list_del(h[1], l);
	nftnl_ct_helper_free(h[1]);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_list_num(l), 2);
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_list_foreach(l, count_cb, &n), 0);
	UNIT_CHECK_EQ_INT(u, n, 2);
	nftnl_ct_helper_list_free(l);
}

/* For a stock object the text is libnftnl 1.2.4's, character for character. */
static void test_snprintf_stock_matches_libnftnl(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_obj *o = nftnl_obj_alloc();
	char got[512], want[512];

	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "filter");
	nftnl_obj_set_str(o, NFTNL_OBJ_TABLE, "filter");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "ftp-21");
	nftnl_obj_set_str(o, NFTNL_OBJ_NAME, "ftp-21");
	nftnl_obj_set_u32(o, NFTNL_OBJ_TYPE, NFT_OBJECT_CT_HELPER);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_USE, 2);
	nftnl_obj_set_u32(o, NFTNL_OBJ_USE, 2);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp");
	nftnl_obj_set_str(o, NFTNL_OBJ_CT_HELPER_NAME, "ftp");
	nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, NFPROTO_IPV4);
	nftnl_obj_set_u16(o, NFTNL_OBJ_CT_HELPER_L3PROTO, NFPROTO_IPV4);
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP);
	nftnl_obj_set_u8(o, NFTNL_OBJ_CT_HELPER_L4PROTO, IPPROTO_TCP);

	UNIT_CHECK(u, nftnl_ct_helper_snprintf(got, sizeof(got), h, 0, 0) > 0);
	nftnl_obj_snprintf(want, sizeof(want), o, 0, 0);
	/* (not UNIT_CHECK_EQ_STR: gcc warns on its buffer for 512-byte arrays) */
	UNIT_CHECK(u, !strcmp(got, want));
	if (strcmp(got, want))
		fprintf(stderr, "  got:  %s\n  want: %s\n", got, want);
	nftnl_obj_free(o);
	nftnl_ct_helper_free(h);
}

static void test_snprintf_userspace(struct unit *u)
{
	static const char want[] =
		"table t name us use 0 [ ct_helper name ftp family 1 protocol 6 "
		"userspace queue 3 count 2 flags 0x1 priv_len 8 "
		"policy ftp max 1 timeout 300 policy data max 2 timeout 60 ]";
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	char got[512], small[20];
	int n;

	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "t");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "us");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp");
	nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, NFPROTO_INET);
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 3);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 2);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, NFT_CT_HELPER_F_BYPASS);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 8);
	nftnl_ct_helper_policy_add(h, "ftp", 1, 300);
	nftnl_ct_helper_policy_add(h, "data", 2, 60);

	n = nftnl_ct_helper_snprintf(got, sizeof(got), h, 0, 0);
	UNIT_CHECK(u, !strcmp(got, want));
	if (strcmp(got, want))
		fprintf(stderr, "  got:  %s\n  want: %s\n", got, want);
	UNIT_CHECK_EQ_INT(u, n, strlen(want));
	/* every flag bit is printed, the new "queue empty" one too */
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS,
				NFT_CT_HELPER_F_BYPASS | NFT_CT_HELPER_F_QUEUE_EMPTY);
	nftnl_ct_helper_snprintf(got, sizeof(got), h, 0, 0);
	UNIT_CHECK(u, strstr(got, " count 2 flags 0x3 priv_len 8 ") != NULL);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, NFT_CT_HELPER_F_BYPASS);
	/* truncated like snprintf: full length returned, output terminated */
	n = nftnl_ct_helper_snprintf(small, sizeof(small), h, 0, 0);
	UNIT_CHECK_EQ_INT(u, n, strlen(want));
	UNIT_CHECK_EQ_INT(u, strlen(small), sizeof(small) - 1);
	UNIT_CHECK(u, !strncmp(small, want, sizeof(small) - 1));
	UNIT_CHECK_EQ_INT(u, nftnl_ct_helper_snprintf(NULL, 0, h, 0, 0), strlen(want));
	UNIT_CHECK(u, nftnl_ct_helper_snprintf(got, sizeof(got), h, 2, 0) < 0);
	nftnl_ct_helper_free(h);
}

static void test_fprintf(struct unit *u)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "t");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "h");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "tftp");
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 5);
	UNIT_CHECK(u, fp != NULL);
	if (!fp)
		return;
	UNIT_CHECK(u, nftnl_ct_helper_fprintf(fp, h, 0, 0) > 0);
	fclose(fp);
	UNIT_CHECK_EQ_STR(u, text, "table t name h use 0 [ ct_helper name tftp "
			  "family 0 protocol 0 userspace queue 5 ]");
	free(text);
	nftnl_ct_helper_free(h);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_every_attribute_set_get_unset),
	UNIT_CASE(test_nest_attributes_imply_userspace),
	UNIT_CASE(test_limits),
	UNIT_CASE(test_policy_limits),
	UNIT_CASE(test_comment_in_userdata),
	UNIT_CASE(test_clone_and_cmp),
	UNIT_CASE(test_list),
	UNIT_CASE(test_snprintf_stock_matches_libnftnl),
	UNIT_CASE(test_snprintf_userspace),
	UNIT_CASE(test_fprintf),
};

UNIT_MAIN(cases)
