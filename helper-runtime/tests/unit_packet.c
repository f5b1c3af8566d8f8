// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unit_packet.c - a queued packet as the kernel sends it (built here with
 * libmnl the way nfnetlink_queue and ctnetlink's glue lay it out) goes
 * through parse -> ftp/tftp helper -> verdict, and the verdict is decoded
 * again to check what the kernel would read: CTA_HELP{NAME,INFO} and one
 * NFQA_EXP with tuple, mask and class.
 */
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "unit.h"
#include "../src/dispatch.h"
#include "../src/helpers/ftp_parse.h"

extern const struct nfth_helper nfth_helper_ftp, nfth_helper_tftp;

#define CLIENT "10.0.1.2"
#define SERVER "10.0.2.2"

struct conn {
	int v6;
	const char *a, *b;	/* original src, dst */
	uint16_t sport, dport;
	uint8_t l4;
};

static void put_addr(struct nlmsghdr *nlh, int v6, uint16_t type, const char *s)
{
	uint8_t a[16];

	inet_pton(v6 ? AF_INET6 : AF_INET, s, a);
	mnl_attr_put(nlh, type, v6 ? 16 : 4, a);
}

static void put_tuple(struct nlmsghdr *nlh, uint16_t type, const struct conn *c,
		      int reply)
{
	struct nlattr *t = mnl_attr_nest_start(nlh, type), *n;

	n = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	put_addr(nlh, c->v6, c->v6 ? CTA_IP_V6_SRC : CTA_IP_V4_SRC, reply ? c->b : c->a);
	put_addr(nlh, c->v6, c->v6 ? CTA_IP_V6_DST : CTA_IP_V4_DST, reply ? c->a : c->b);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, c->l4);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(reply ? c->dport : c->sport));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(reply ? c->sport : c->dport));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, t);
}

/* An IPv4/IPv6 + TCP/UDP packet carrying @data, sent in direction @reply. */
static size_t make_l3(uint8_t *p, const struct conn *c, int reply, uint32_t seq,
		      const void *data, size_t len)
{
	size_t l3 = c->v6 ? 40 : 20, l4 = c->l4 == 6 ? 20 : 8, tot = l3 + l4 + len;
	uint8_t *t = p + l3;

	memset(p, 0, tot);
	if (c->v6) {
		p[0] = 0x60;
		p[4] = (uint8_t)((l4 + len) >> 8);
		p[5] = (uint8_t)(l4 + len);
		p[6] = c->l4;
		inet_pton(AF_INET6, reply ? c->b : c->a, p + 8);
		inet_pton(AF_INET6, reply ? c->a : c->b, p + 24);
	} else {
		p[0] = 0x45;
		p[2] = (uint8_t)(tot >> 8);
		p[3] = (uint8_t)tot;
		p[9] = c->l4;
		inet_pton(AF_INET, reply ? c->b : c->a, p + 12);
		inet_pton(AF_INET, reply ? c->a : c->b, p + 16);
	}
	if (c->l4 == 6) {
		t[4] = (uint8_t)(seq >> 24);
		t[5] = (uint8_t)(seq >> 16);
		t[6] = (uint8_t)(seq >> 8);
		t[7] = (uint8_t)seq;
		t[12] = 5 << 4;
	}
	memcpy(t + l4, data, len);
	return tot;
}

static struct nlmsghdr *make_msg(char *buf, const struct conn *c, int reply,
				 uint32_t ctinfo, uint32_t seq, const char *data,
				 size_t dlen, const char *helper,
				 const void *priv, size_t priv_len)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfqnl_msg_packet_hdr ph = { .packet_id = htonl(42) };
	struct nfgenmsg *nfg;
	struct nlattr *ct, *help;
	uint8_t pkt[2048];
	size_t plen;

	nlh->nlmsg_type = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(7);
	mnl_attr_put(nlh, NFQA_PACKET_HDR, sizeof(ph), &ph);
	plen = make_l3(pkt, c, reply, seq, data, dlen);
	ct = mnl_attr_nest_start(nlh, NFQA_CT);
	put_tuple(nlh, CTA_TUPLE_ORIG, c, 0);
	put_tuple(nlh, CTA_TUPLE_REPLY, c, 1);
	mnl_attr_put_u32(nlh, CTA_STATUS, htonl(8));
	if (helper) {
		help = mnl_attr_nest_start(nlh, CTA_HELP);
		mnl_attr_put_strz(nlh, CTA_HELP_NAME, helper);
		if (priv_len)
			mnl_attr_put(nlh, CTA_HELP_INFO, priv_len, priv);
		mnl_attr_nest_end(nlh, help);
	}
	mnl_attr_nest_end(nlh, ct);
	mnl_attr_put_u32(nlh, NFQA_CT_INFO, htonl(ctinfo));
	mnl_attr_put(nlh, NFQA_PAYLOAD, plen, pkt);
	return nlh;
}

/* --- decoding the verdict --- */
struct decoded {
	int has_verdict, has_ct, has_help, has_exp;
	uint32_t id, verdict, class;
	char help_name[16], exp_helper[16];
	uint8_t info[32];
	size_t info_len;
	const struct nlattr *exp_tuple, *exp_mask;
};

static int cb_all(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static void decode(const struct nlmsghdr *nlh, struct decoded *d)
{
	const struct nlattr *tb[64] = { NULL }, *ct[64] = { NULL },
			    *help[16] = { NULL }, *exp[32] = { NULL };

	memset(d, 0, sizeof(*d));
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), cb_all, tb);
	if (tb[NFQA_VERDICT_HDR]) {
		const struct nfqnl_msg_verdict_hdr *vh =
			mnl_attr_get_payload(tb[NFQA_VERDICT_HDR]);

		d->has_verdict = 1;
		d->id = ntohl(vh->id);
		d->verdict = ntohl(vh->verdict);
	}
	if (tb[NFQA_CT]) {
		d->has_ct = 1;
		mnl_attr_parse_nested(tb[NFQA_CT], cb_all, ct);
		if (ct[CTA_HELP]) {
			d->has_help = 1;
			mnl_attr_parse_nested(ct[CTA_HELP], cb_all, help);
			if (help[CTA_HELP_NAME])
				snprintf(d->help_name, sizeof(d->help_name), "%s",
					 mnl_attr_get_str(help[CTA_HELP_NAME]));
			if (help[CTA_HELP_INFO]) {
				d->info_len = mnl_attr_get_payload_len(help[CTA_HELP_INFO]);
				memcpy(d->info, mnl_attr_get_payload(help[CTA_HELP_INFO]),
				       d->info_len);
			}
		}
	}
	if (tb[NFQA_EXP]) {
		d->has_exp = 1;
		mnl_attr_parse_nested(tb[NFQA_EXP], cb_all, exp);
		d->exp_tuple = exp[CTA_EXPECT_TUPLE];
		d->exp_mask = exp[CTA_EXPECT_MASK];
		if (exp[CTA_EXPECT_CLASS])
			d->class = ntohl(mnl_attr_get_u32(exp[CTA_EXPECT_CLASS]));
		else
			d->class = 99;
		if (exp[CTA_EXPECT_FN])
			d->class = 98;	/* must never be there */
		if (exp[CTA_EXPECT_HELP_NAME])
			snprintf(d->exp_helper, sizeof(d->exp_helper), "%s",
				 mnl_attr_get_str(exp[CTA_EXPECT_HELP_NAME]));
	}
}

/* Tuple attribute -> text "src dst proto sport dport". */
static void tuple_str(const struct nlattr *t, int v6, char *out, size_t size)
{
	const struct nlattr *tb[16] = { NULL }, *ip[16] = { NULL },
			    *pr[16] = { NULL };
	char s[64] = "?", d[64] = "?";

	mnl_attr_parse_nested(t, cb_all, tb);
	mnl_attr_parse_nested(tb[CTA_TUPLE_IP], cb_all, ip);
	mnl_attr_parse_nested(tb[CTA_TUPLE_PROTO], cb_all, pr);
	if (v6) {
		inet_ntop(AF_INET6, mnl_attr_get_payload(ip[CTA_IP_V6_SRC]), s, sizeof(s));
		inet_ntop(AF_INET6, mnl_attr_get_payload(ip[CTA_IP_V6_DST]), d, sizeof(d));
	} else {
		inet_ntop(AF_INET, mnl_attr_get_payload(ip[CTA_IP_V4_SRC]), s, sizeof(s));
		inet_ntop(AF_INET, mnl_attr_get_payload(ip[CTA_IP_V4_DST]), d, sizeof(d));
	}
	snprintf(out, size, "%s %s %u %u %u", s, d,
		 mnl_attr_get_u8(pr[CTA_PROTO_NUM]),
		 ntohs(mnl_attr_get_u16(pr[CTA_PROTO_SRC_PORT])),
		 ntohs(mnl_attr_get_u16(pr[CTA_PROTO_DST_PORT])));
}

/* The decoded verdict's expectation is @tuple under @mask (as tuple_str). */
static void check_expectation(struct unit *u, const struct decoded *d, int v6,
			      const char *tuple, const char *mask)
{
	char s[160];

	UNIT_CHECK(u, d->exp_tuple && d->exp_mask);
	if (!d->exp_tuple || !d->exp_mask)
		return;
	tuple_str(d->exp_tuple, v6, s, sizeof(s));
	UNIT_CHECK_EQ_STR(u, s, tuple);
	tuple_str(d->exp_mask, v6, s, sizeof(s));
	UNIT_CHECK_EQ_STR(u, s, mask);
}

static char rx[8192], tx[8192];

/* Run one packet through parse, helper and verdict; decode the verdict. */
static uint32_t run(const struct nfth_helper *h, struct nlmsghdr *nlh,
		    struct decoded *d, struct nfth_counters *c)
{
	static struct nfth_packet pkt;
	size_t off = 0;
	uint32_t v;

	if (nfth_packet_parse(nlh, &pkt) != NFTH_PARSE_OK)
		return 1000;
	v = nfth_dispatch(h, 1, &pkt, c);
	if (nfth_verdict_put(tx, sizeof(tx), &off, &pkt, v) < 0)
		return 1001;
	decode((struct nlmsghdr *)tx, d);
	return v;
}

static const struct conn ftp4 = { 0, CLIENT, SERVER, 40000, 21, 6 };
static const struct conn ftp6 = { 1, "fd00:1::2", "fd00:2::2", 40000, 21, 6 };

static void test_pasv_expectation(struct unit *u)
{
	const char *r = "227 Entering Passive Mode (10,0,2,2,156,64).\r\n";
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };	/* this daemon wrote it */
	struct decoded d;

	/* a line ended at seq 5000 in the reply direction */
	st.seq_aft_nl[1][0] = 5000;
	st.seq_aft_nl_num[1] = 1;
	make_msg(rx, &ftp4, 1, 3, 5000, r, strlen(r), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c),
			  NF_ACCEPT);
	UNIT_CHECK(u, d.has_verdict);
	UNIT_CHECK_EQ_INT(u, d.id, 42);
	UNIT_CHECK_EQ_INT(u, d.verdict, NF_ACCEPT);
	UNIT_CHECK(u, d.has_ct && d.has_help && d.has_exp);
	UNIT_CHECK_EQ_STR(u, d.help_name, "ftp");
	UNIT_CHECK_EQ_INT(u, d.info_len, sizeof(st));
	UNIT_CHECK_EQ_INT(u, d.class, 0);
	/* the client connects from any port to the server's named port */
	check_expectation(u, &d, 0, CLIENT " " SERVER " 6 0 40000",
			  "255.255.255.255 255.255.255.255 6 0 65535");
	/* the private data now remembers the line end after this reply */
	memcpy(&st, d.info, sizeof(st));
	UNIT_CHECK(u, ftp_seq_at_line_start(&st, NFTH_DIR_REPLY,
					    5000 + (uint32_t)strlen(r)));
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.expectations), 1);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.packets), 1);
}

static void test_port_expectation_v6(struct unit *u)
{
	const char *r = "EPRT |2|fd00:1::2|50000|\r\n";
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };	/* this daemon wrote it */
	struct decoded d;

	st.seq_aft_nl[0][0] = 77;
	st.seq_aft_nl_num[0] = 1;
	make_msg(rx, &ftp6, 0, 0, 77, r, strlen(r), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c),
			  NF_ACCEPT);
	UNIT_CHECK(u, d.has_exp);
	/* active: the server connects back to the client's named port */
	check_expectation(u, &d, 1, "fd00:2::2 fd00:1::2 6 0 50000",
			  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
			  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 6 0 65535");
}

static void test_no_expectation_cases(struct unit *u)
{
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };	/* this daemon wrote it */
	struct decoded d;
	const char *third = "PORT 10,0,3,3,4,1\r\n";	/* not the sender's address */
	const char *bogus = "PORT 10,0,1,2,999,1\r\n";
	const char *good = "PORT 10,0,1,2,4,1\r\n";

	st.seq_aft_nl[0][0] = 100;
	st.seq_aft_nl_num[0] = 1;
	make_msg(rx, &ftp4, 0, 0, 100, third, strlen(third), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp);

	make_msg(rx, &ftp4, 0, 0, 100, bogus, strlen(bogus), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.parse_errors), 1);

	/* not at a known line start: ignored (kernel semantics) */
	make_msg(rx, &ftp4, 0, 0, 101, good, strlen(good), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp);

	/* not yet established (ctinfo NEW = 2): not looked at */
	make_msg(rx, &ftp4, 0, 2, 100, good, strlen(good), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp && !d.has_ct);

	/* the same good command at the line start does open it */
	make_msg(rx, &ftp4, 0, 0, 100, good, strlen(good), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, d.has_exp);

	/* private data of a foreign size: accepted, counted, untouched */
	make_msg(rx, &ftp4, 0, 0, 100, good, strlen(good), "ftp", &st, 8);
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp && !d.has_ct);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.parse_errors), 2);
}

static void test_restart_picks_up(struct unit *u)
{
	const char *r = "229 Entering Extended Passive Mode (|||40001|)\r\n";
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };
	struct decoded d;

	/* written by an earlier daemon: lines passed unseen since, so the
	 * recorded line start (5000) is stale */
	st.seq_aft_nl[1][0] = 5000;
	st.seq_aft_nl_num[1] = 1;
	nfth_set_instance_id(2);
	make_msg(rx, &ftp4, 1, 3, 6000, r, strlen(r), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, d.has_exp);
	memcpy(&st, d.info, sizeof(st));
	UNIT_CHECK_EQ_INT(u, st.instance, 2);
	/* only one segment is trusted that way: the next must line up */
	make_msg(rx, &ftp4, 1, 3, 7000, r, strlen(r), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp);
	make_msg(rx, &ftp4, 1, 3, 6000 + (uint32_t)strlen(r), r, strlen(r), "ftp",
		 &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, d.has_exp);
	nfth_set_instance_id(1);
}

static void test_split_command(struct unit *u)
{
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };	/* this daemon wrote it */
	struct decoded d;

	st.seq_aft_nl[0][0] = 100;
	st.seq_aft_nl_num[0] = 1;
	make_msg(rx, &ftp4, 0, 0, 100, "PORT 10,0,", 10, "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_DROP);
	UNIT_CHECK_EQ_INT(u, d.verdict, NF_DROP);
	UNIT_CHECK(u, !d.has_exp);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.dropped), 1);
	/* an ordinary line that does not end: nothing remembered, accepted */
	make_msg(rx, &ftp4, 0, 0, 100, "NOOP", 4, "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_ftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_ct);
}

static void test_tftp_request(struct unit *u)
{
	static const struct conn t4 = { 0, CLIENT, SERVER, 33333, 69, 17 };
	struct nfth_counters c = { 0 };
	struct decoded d;
	char s[160];

	make_msg(rx, &t4, 0, 2, 0, "\0\1f\0octet\0", 10, "tftp", NULL, 0);
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_tftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, d.has_ct && !d.has_help && d.has_exp && d.exp_tuple);
	if (!d.exp_tuple)
		return;
	/* the reply flow: server, any port -> client's port */
	tuple_str(d.exp_tuple, 0, s, sizeof(s));
	UNIT_CHECK_EQ_STR(u, s, SERVER " " CLIENT " 17 0 33333");
	make_msg(rx, &t4, 0, 2, 0, "\0\1f\0bogus\0", 10, "tftp", NULL, 0);
	UNIT_CHECK_EQ_INT(u, run(&nfth_helper_tftp, (struct nlmsghdr *)rx, &d, &c), NF_ACCEPT);
	UNIT_CHECK(u, !d.has_exp);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.parse_errors), 1);
}

static void test_truncated_packets(struct unit *u)
{
	/* every prefix of a message parses without reading past its end */
	const char *r = "227 Entering Passive Mode (10,0,2,2,156,64).\r\n";
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };	/* this daemon wrote it */
	static struct nfth_packet pkt;
	struct nlmsghdr *nlh;
	uint32_t full, cut;

	nlh = make_msg(rx, &ftp4, 1, 3, 5000, r, strlen(r), "ftp", &st, sizeof(st));
	full = nlh->nlmsg_len;
	for (cut = 0; cut < full; cut++) {
		nlh->nlmsg_len = cut;
		if (nfth_packet_parse(nlh, &pkt) == NFTH_PARSE_OK)
			nfth_dispatch(&nfth_helper_ftp, 1, &pkt, &c);
	}
	nlh->nlmsg_len = full;
	UNIT_CHECK_EQ_INT(u, nfth_packet_parse(nlh, &pkt), NFTH_PARSE_OK);
}

static void test_batch_verdict(struct unit *u)
{
	size_t off = 0;
	struct decoded d;
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)tx;

	UNIT_CHECK_EQ_INT(u, nfth_verdict_batch_put(tx, sizeof(tx), &off, 7, 99,
						    NF_ACCEPT), 0);
	UNIT_CHECK_EQ_INT(u, NFNL_MSG_TYPE(nlh->nlmsg_type), NFQNL_MSG_VERDICT_BATCH);
	decode(nlh, &d);
	UNIT_CHECK_EQ_INT(u, d.id, 99);
	off = sizeof(tx) - 10;
	UNIT_CHECK_EQ_INT(u, nfth_verdict_batch_put(tx, sizeof(tx), &off, 7, 99,
						    NF_ACCEPT), -1);
}

/* A client of the core (the test listener) fills the expectation itself:
 * it goes out as given -- class, mask protocol, the expected connection's
 * helper -- and private data written back comes with the helper's name. */
static void test_client_built_verdict(struct unit *u)
{
	static struct nfth_packet pkt;
	const char *pasv = "227 Entering Passive Mode (10,0,2,2,156,64).\r\n";
	struct nfth_expectation *e = &pkt.exp[0], client;
	struct ftp_priv st = { .instance = 1 };
	struct nfth_counters c = { 0 };
	uint8_t info[4] = { 7, 0, 0, 0 };
	struct decoded d;
	size_t off = 0;

	make_msg(rx, &ftp4, 0, 2, 1, "x", 1, "ftp", info, sizeof(info));
	UNIT_CHECK_EQ_INT(u, nfth_packet_parse((struct nlmsghdr *)rx, &pkt),
			  NFTH_PARSE_OK);
	UNIT_CHECK_EQ_INT(u, pkt.priv_len, 4);
	pkt.priv[0]++;
	pkt.priv_written = true;
	e->class = 2;
	e->tuple = pkt.tuple[NFTH_DIR_ORIGINAL];
	e->tuple.sport = 0;
	e->tuple.dport = 5004;
	memset(&e->mask, 0xff, sizeof(e->mask));
	e->mask.l3proto = e->tuple.l3proto;
	e->mask.l4proto = 17;		/* not the tuple's: sent as given */
	e->mask.sport = 0;
	snprintf(e->helper, sizeof(e->helper), "ftp");
	pkt.exp_count = 1;
	client = *e;
	UNIT_CHECK(u, nfth_packet_needs_ct_verdict(&pkt));
	UNIT_CHECK_EQ_INT(u, nfth_verdict_put(tx, sizeof(tx), &off, &pkt, NF_ACCEPT), 0);
	decode((struct nlmsghdr *)tx, &d);
	UNIT_CHECK(u, d.has_ct && d.has_help && d.has_exp);
	UNIT_CHECK_EQ_STR(u, d.help_name, "ftp");
	UNIT_CHECK_EQ_INT(u, d.info_len, 4);
	UNIT_CHECK_EQ_INT(u, d.info[0], 8);
	UNIT_CHECK_EQ_INT(u, d.class, 2);
	UNIT_CHECK_EQ_STR(u, d.exp_helper, "ftp");
	check_expectation(u, &d, 0, CLIENT " " SERVER " 6 0 5004",
			  "255.255.255.255 255.255.255.255 17 0 65535");

	/* the same packet buffer, reused by a helper asking through the API:
	 * no helper name is left over from the client's expectation */
	st.seq_aft_nl[1][0] = 5000;
	st.seq_aft_nl_num[1] = 1;
	make_msg(rx, &ftp4, 1, 3, 5000, pasv, strlen(pasv), "ftp", &st, sizeof(st));
	UNIT_CHECK_EQ_INT(u, nfth_packet_parse((struct nlmsghdr *)rx, &pkt),
			  NFTH_PARSE_OK);
	pkt.exp[0] = client;	/* stale, as after the client's verdict */
	off = 0;
	nfth_verdict_put(tx, sizeof(tx), &off, &pkt,
			 nfth_dispatch(&nfth_helper_ftp, 1, &pkt, &c));
	decode((struct nlmsghdr *)tx, &d);
	UNIT_CHECK(u, d.has_exp);
	UNIT_CHECK_EQ_INT(u, d.class, 0);
	UNIT_CHECK_EQ_STR(u, d.exp_helper, "");

	/* a DROP carries nothing but the verdict */
	make_msg(rx, &ftp4, 0, 2, 1, "x", 1, "ftp", info, sizeof(info));
	nfth_packet_parse((struct nlmsghdr *)rx, &pkt);
	pkt.exp[0] = client;
	pkt.exp_count = 1;
	off = 0;
	nfth_verdict_put(tx, sizeof(tx), &off, &pkt, NF_DROP);
	decode((struct nlmsghdr *)tx, &d);
	UNIT_CHECK_EQ_INT(u, d.verdict, NF_DROP);
	UNIT_CHECK(u, !d.has_ct && !d.has_exp);
}

/* Count the allocations of this program (not under ASan, which owns
 * malloc): the per-packet path must make none. */
#if defined(__SANITIZE_ADDRESS__)
#define COUNT_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COUNT_MALLOC 0
#endif
#endif
#ifndef COUNT_MALLOC
#define COUNT_MALLOC 1
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
static unsigned long allocations;
void *malloc(size_t size) { allocations++; return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { allocations++; return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { allocations++; return __libc_realloc(p, size); }
#endif

static void test_no_allocation_per_packet(struct unit *u)
{
#if COUNT_MALLOC
	const char *r = "227 Entering Passive Mode (10,0,2,2,156,64).\r\n";
	struct nfth_counters c = { 0 };
	struct ftp_priv st = { .instance = 1 };
	static struct nfth_packet pkt;
	unsigned long before;
	size_t off;
	int i;

	st.seq_aft_nl[1][0] = 5000;
	st.seq_aft_nl_num[1] = 1;
	make_msg(rx, &ftp4, 1, 3, 5000, r, strlen(r), "ftp", &st, sizeof(st));
	before = allocations;
	for (i = 0; i < 1000; i++) {
		off = 0;
		if (nfth_packet_parse((struct nlmsghdr *)rx, &pkt) != NFTH_PARSE_OK)
			break;
		nfth_verdict_put(tx, sizeof(tx), &off, &pkt,
				 nfth_dispatch(&nfth_helper_ftp, 1, &pkt, &c));
	}
	UNIT_CHECK_EQ_INT(u, i, 1000);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&c.expectations), 1000);
	UNIT_CHECK_EQ_INT(u, allocations - before, 0);
#else
	UNIT_SKIP(u, "allocations are not counted under ASan (it owns malloc)");
#endif
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_no_allocation_per_packet),
	UNIT_CASE(test_pasv_expectation),
	UNIT_CASE(test_port_expectation_v6),
	UNIT_CASE(test_no_expectation_cases),
	UNIT_CASE(test_restart_picks_up),
	UNIT_CASE(test_split_command),
	UNIT_CASE(test_tftp_request),
	UNIT_CASE(test_truncated_packets),
	UNIT_CASE(test_batch_verdict),
	UNIT_CASE(test_client_built_verdict),
};

UNIT_MAIN(cases)
