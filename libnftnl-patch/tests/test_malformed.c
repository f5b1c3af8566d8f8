/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_malformed.c - the parser refuses bad input with EINVAL and never
 * reads outside the message.
 *
 * Messages are written with libmnl from a spec: a valid user-space object
 * by default, each case changing one thing.  The sweeps (every truncation,
 * every byte changed) copy the message into a buffer of exactly its length,
 * so the -asan build of this program catches any read past the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "msg_util.h"
#include "unit.h"

typedef void (*put_fn)(struct nlmsghdr *nlh);

struct spec {
	uint16_t	msg_type;		/* default NEWOBJ */
	uint16_t	subsys;			/* default nf_tables */
	const char	*table, *name, *us_name, *stock_name, *policy_name;
	bool		no_table, no_name, no_objtype, no_us_name, no_timeout;
	bool		no_max;
	int		npolicies;		/* default 1; -1: empty POLICIES */
	int64_t		queue_num, queue_count, priv_len, expect_max;
	uint16_t	l3proto_len;		/* default 2 */
	put_fn		top, data, us, pols, elem;	/* extra attributes */
};

static uint8_t mem[4096];

static void put_sized(struct nlmsghdr *nlh, uint16_t type, uint16_t len,
		      uint32_t val)
{
	uint8_t bytes[8] = { 0 };

	memcpy(bytes, &val, sizeof(val));
	mnl_attr_put(nlh, type, len, bytes);
}

static struct nlmsghdr *build(const struct spec *s)
{
	struct nlmsghdr *nlh;
	struct nlattr *data, *us, *pols, *elem;
	int i, np = s->npolicies < 0 ? 0 : s->npolicies ? s->npolicies : 1;

	nlh = msg_start(mem, sizeof(mem), s->msg_type ? s->msg_type : NFT_MSG_NEWOBJ,
			NFPROTO_INET);
	if (s->subsys)
		nlh->nlmsg_type = (uint16_t)(s->subsys << 8 | NFT_MSG_NEWOBJ);
	if (!s->no_table)
		mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, s->table ? s->table : "t");
	if (!s->no_name)
		mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, s->name ? s->name : "h");
	if (!s->no_objtype)
		mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	if (s->top)
		s->top(nlh);

	data = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	if (s->stock_name)
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_NAME, s->stock_name);
	put_sized(nlh, NFTA_CT_HELPER_L3PROTO,
		  s->l3proto_len ? s->l3proto_len : 2, htons(NFPROTO_IPV4));
	mnl_attr_put_u8(nlh, NFTA_CT_HELPER_L4PROTO, IPPROTO_TCP);
	if (s->data)
		s->data(nlh);

	us = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE);
	if (!s->no_us_name)
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME,
				  s->us_name ? s->us_name : "ftp");
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM,
			 htonl((uint32_t)(s->queue_num ? s->queue_num : 3)));
	if (s->queue_count)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT,
				 htonl((uint32_t)s->queue_count));
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS, htonl(1));
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_PRIV_LEN,
			 htonl((uint32_t)(s->priv_len ? s->priv_len : 4)));
	if (s->us)
		s->us(nlh);
	{
		pols = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
		for (i = 0; i < np; i++) {
			elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
			mnl_attr_put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME,
					  s->policy_name ? s->policy_name : "ftp");
			if (!s->no_max)
				mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX,
						 htonl((uint32_t)(s->expect_max ?
								  s->expect_max : 1)));
			if (!s->no_timeout)
				mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT,
						 htonl(300));
			if (s->elem)
				s->elem(nlh);
			mnl_attr_nest_end(nlh, elem);
		}
		if (s->pols)
			s->pols(nlh);
		mnl_attr_nest_end(nlh, pols);
	}
	mnl_attr_nest_end(nlh, us);
	mnl_attr_nest_end(nlh, data);
	return nlh;
}

/* Parses a copy of exactly len bytes; returns 0 or errno. */
static int parse_exact(const void *msg, size_t len, struct nftnl_ct_helper *h)
{
	struct nlmsghdr *copy = malloc(len);
	int ret;

	memcpy(copy, msg, len);
	copy->nlmsg_len = (uint32_t)len;
	errno = 0;
	ret = nftnl_ct_helper_nlmsg_parse(copy, h) < 0 ? errno : 0;
	free(copy);
	return ret;
}

static int parse_spec(const struct spec *s)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nlmsghdr *nlh = build(s);
	int ret = parse_exact(nlh, nlh->nlmsg_len, h);

	nftnl_ct_helper_free(h);
	return ret;
}

#define CHECK_REJECTED(u, ...)						\
	do {								\
		const struct spec s_ = { __VA_ARGS__ };			\
		UNIT_CHECK_EQ_INT((u), parse_spec(&s_), EINVAL);	\
	} while (0)

static void test_baseline_is_valid(struct unit *u)
{
	const struct spec four = { .npolicies = 4, .queue_num = 65534,
				   .queue_count = 2, .priv_len = 32,
				   .expect_max = 255,
				   .policy_name = "0123456789abcde",
				   .us_name = "0123456789abcde" };
	const struct spec plain = { 0 };

	UNIT_CHECK_EQ_INT(u, parse_spec(&plain), 0);
	UNIT_CHECK_EQ_INT(u, parse_spec(&four), 0);
}

static void put_dup_table(struct nlmsghdr *nlh) { mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, "u"); }
static void put_short_type(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_OBJ_TYPE, 2, 0); }
static void put_short_handle(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_OBJ_HANDLE, 4, 0); }
static void put_long_use(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_OBJ_USE, 8, 0); }
static void put_big_userdata(struct nlmsghdr *nlh)
{
	static const uint8_t ud[257];

	mnl_attr_put(nlh, NFTA_OBJ_USERDATA, sizeof(ud), ud);
}

static void test_object_level(struct unit *u)
{
	CHECK_REJECTED(u, .no_table = true);
	CHECK_REJECTED(u, .no_name = true);
	CHECK_REJECTED(u, .no_objtype = true);
	CHECK_REJECTED(u, .top = put_dup_table);
	CHECK_REJECTED(u, .top = put_short_type, .no_objtype = true);
	CHECK_REJECTED(u, .top = put_short_handle);
	CHECK_REJECTED(u, .top = put_long_use);
	CHECK_REJECTED(u, .top = put_big_userdata);
	CHECK_REJECTED(u, .msg_type = NFT_MSG_DELTABLE);
	CHECK_REJECTED(u, .msg_type = NFT_MSG_GETOBJ);
	CHECK_REJECTED(u, .subsys = NFNL_SUBSYS_CTNETLINK);
}

static void test_strings(struct unit *u)
{
	char long_name[300];

	memset(long_name, 'n', sizeof(long_name));
	long_name[256] = '\0';
	CHECK_REJECTED(u, .table = long_name);
	CHECK_REJECTED(u, .name = long_name);
	CHECK_REJECTED(u, .table = "");
	CHECK_REJECTED(u, .us_name = "0123456789abcdef");	/* 16 chars */
	CHECK_REJECTED(u, .us_name = "");
	CHECK_REJECTED(u, .policy_name = "0123456789abcdef");
	CHECK_REJECTED(u, .policy_name = "");
	CHECK_REJECTED(u, .stock_name = "0123456789abcdef");
}

static void put_inner_nul(struct nlmsghdr *nlh)
{
	mnl_attr_put(nlh, NFTA_CT_HELPER_USERSPACE_NAME, 4, "a\0b");
}

static void put_nameless_string(struct nlmsghdr *nlh)
{
	mnl_attr_put(nlh, NFTA_CT_HELPER_USERSPACE_NAME, 0, NULL);
}

static void test_string_encoding(struct unit *u)
{
	CHECK_REJECTED(u, .no_us_name = true, .us = put_inner_nul);
	CHECK_REJECTED(u, .no_us_name = true, .us = put_nameless_string);
	CHECK_REJECTED(u, .no_us_name = true);		/* the type is required */
}

static void put_l4_u16(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_L4PROTO, 2, 6); }
static void put_unknown_data(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_USERSPACE + 1, 4, 0); }
static void put_unspec_data(struct nlmsghdr *nlh) { put_sized(nlh, 0, 4, 0); }
static void put_short_queue(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT, 2, 0); }
static void put_unknown_us(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_USERSPACE_MAX + 1, 4, 0); }
static void put_dup_flags(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS, 4, 0); }
static void put_short_max(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX, 1, 1); }
static void put_unknown_elem(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_CT_HELPER_POLICY_MAX + 1, 4, 0); }
static void put_not_elem(struct nlmsghdr *nlh) { put_sized(nlh, NFTA_LIST_ELEM + 1, 4, 0); }

static void test_sizes_and_types(struct unit *u)
{
	CHECK_REJECTED(u, .l3proto_len = 4);
	CHECK_REJECTED(u, .l3proto_len = 1);
	CHECK_REJECTED(u, .data = put_l4_u16);		/* also a duplicate */
	CHECK_REJECTED(u, .data = put_unknown_data);
	CHECK_REJECTED(u, .data = put_unspec_data);
	CHECK_REJECTED(u, .us = put_short_queue);
	CHECK_REJECTED(u, .us = put_unknown_us);
	CHECK_REJECTED(u, .us = put_dup_flags);
	CHECK_REJECTED(u, .no_max = true, .elem = put_short_max);
	CHECK_REJECTED(u, .elem = put_unknown_elem);
	CHECK_REJECTED(u, .pols = put_not_elem);
	/* kernel helper name and user-space nest together: which one? */
	CHECK_REJECTED(u, .stock_name = "ftp");
}

static void test_values(struct unit *u)
{
	CHECK_REJECTED(u, .npolicies = 5);
	CHECK_REJECTED(u, .npolicies = -1);
	CHECK_REJECTED(u, .no_max = true);
	CHECK_REJECTED(u, .no_timeout = true);
	CHECK_REJECTED(u, .expect_max = 256);
	CHECK_REJECTED(u, .expect_max = 0xffffffffLL);
	CHECK_REJECTED(u, .priv_len = 33);
	CHECK_REJECTED(u, .queue_num = 65536);
	CHECK_REJECTED(u, .queue_num = 65535, .queue_count = 2);
	/* a count of 0 (spec 0 means "not sent", so 2^32 truncated) */
	CHECK_REJECTED(u, .queue_count = 0x100000000LL);
}

/* Nest contents that are not attributes at all. */
static void put_garbage(struct nlmsghdr *nlh)
{
	static const uint8_t junk[] = { 0xff, 0xff, 0x01, 0x00, 0xde, 0xad };
	char *tail = mnl_nlmsg_get_payload_tail(nlh);

	memcpy(tail, junk, sizeof(junk));
	nlh->nlmsg_len += MNL_ALIGN(sizeof(junk));
}

static void put_tiny(struct nlmsghdr *nlh)
{
	char *tail = mnl_nlmsg_get_payload_tail(nlh);

	memset(tail, 0, 4);
	tail[0] = 2;		/* nla_len 2 < header */
	nlh->nlmsg_len += 4;
}

static void test_garbage_inside_nests(struct unit *u)
{
	CHECK_REJECTED(u, .data = put_garbage);
	CHECK_REJECTED(u, .us = put_garbage);
	CHECK_REJECTED(u, .pols = put_garbage);
	CHECK_REJECTED(u, .elem = put_garbage);
	CHECK_REJECTED(u, .top = put_garbage);
	CHECK_REJECTED(u, .us = put_tiny);
	CHECK_REJECTED(u, .elem = put_tiny);
	CHECK_REJECTED(u, .top = put_tiny);
}

/*
 * Every length from the bare header to one byte short: only cuts at the end
 * of a whole object-level attribute after TYPE can parse.
 */
static void test_every_truncation(struct unit *u)
{
	const struct spec s = { .npolicies = 2 };
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nlmsghdr *nlh = build(&s);
	uint32_t full = nlh->nlmsg_len, len, ok = 0;
	static uint8_t msg[4096];

	memcpy(msg, nlh, full);
	/* the object-level attributes: TABLE 8, NAME 8, TYPE 8, then DATA */
	for (len = NLMSG_HDRLEN; len < full; len++) {
		int err = parse_exact(msg, len, h);
		bool boundary = len == NLMSG_HDRLEN + 4 + 24;

		if (boundary) {
			UNIT_CHECK_EQ_INT(u, err, 0);
			ok++;
		} else if (err != EINVAL) {
			fprintf(stderr, "  cut at %u of %u: %d\n", len, full, err);
			UNIT_CHECK(u, !"truncated message rejected");
		}
	}
	UNIT_CHECK_EQ_INT(u, ok, 1);
	UNIT_CHECK_EQ_INT(u, parse_exact(msg, full, h), 0);
	nftnl_ct_helper_free(h);
}

/*
 * Every byte set to a few values: no crash, and whatever parses is a
 * consistent object (it builds and parses back to itself).
 */
static void test_every_byte_changed(struct unit *u)
{
	static const uint8_t values[] = { 0x00, 0x01, 0x04, 0x7f, 0x80, 0xff };
	const struct spec s = { .npolicies = 2 };
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_ct_helper *back = nftnl_ct_helper_alloc();
	static uint8_t msg[4096], out[NFTNL_CT_HELPER_NLMSG_MAXSIZE];
	struct nlmsghdr *nlh = build(&s);
	uint32_t full = nlh->nlmsg_len, i, accepted = 0, rejected = 0;
	size_t v;

	memcpy(msg, nlh, full);
	for (i = 4; i < full; i++) {	/* bytes 0..3 are the length */
		for (v = 0; v < sizeof(values); v++) {
			uint8_t saved = msg[i];
			struct nlmsghdr *again;

			msg[i] = values[v];
			if (parse_exact(msg, full, h)) {
				rejected++;
			} else {
				accepted++;
				nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY,
							nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY));
				again = nftnl_ct_helper_nlmsg_build((char *)out,
								     NFT_MSG_NEWOBJ, 0, 1, h);
				UNIT_CHECK(u, again && nftnl_ct_helper_nlmsg_parse(again, back) == 0);
				if (again && !nftnl_ct_helper_cmp(h, back))
					UNIT_CHECK(u, !"accepted input is consistent");
			}
			msg[i] = saved;
		}
	}
	/* both outcomes happen: values in padding or names are fine */
	UNIT_CHECK(u, accepted > 0 && rejected > 0);
	nftnl_ct_helper_free(h);
	nftnl_ct_helper_free(back);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_baseline_is_valid),
	UNIT_CASE(test_object_level),
	UNIT_CASE(test_strings),
	UNIT_CASE(test_string_encoding),
	UNIT_CASE(test_sizes_and_types),
	UNIT_CASE(test_values),
	UNIT_CASE(test_garbage_inside_nests),
	UNIT_CASE(test_every_truncation),
	UNIT_CASE(test_every_byte_changed),
};

UNIT_MAIN(cases)
