// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unit_nfq.c - the socket level of the queue core (nfq.c) as a client of
 * libnfthcore.a sees it: buffers sized for a whole batch, one receive
 * taking several queued messages, each readable and parsable in place.
 * The kernel's queue is not needed: a second netlink socket of this
 * process plays nfnetlink_queue and sends the messages (unicast between
 * user sockets needs CAP_NET_ADMIN; without it the case skips).  Binding a
 * real queue is exercised in the VM (tests/shell: foundation, kernel).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "unit.h"
#include "../src/nfthcore.h"

static void test_open_close(struct unit *u)
{
	struct nfth_nfq s;
	int ret = nfth_nfq_open(&s);

	if (ret == -EPROTONOSUPPORT || ret == -EAFNOSUPPORT) {
		nfth_nfq_close(&s);
		UNIT_SKIP(u, "no NETLINK_NETFILTER on this host (nfnetlink not loaded)");
		return;
	}
	UNIT_CHECK_EQ_INT(u, ret, 0);
	UNIT_CHECK(u, nfth_nfq_fd(&s) >= 0);
	/* a verdict for every message of a full batch, and the batch one */
	UNIT_CHECK(u, s.tx_size >= (NFTH_RX_BATCH + 1) * NFTH_VERDICT_MAX);
	UNIT_CHECK_EQ_INT(u, nfth_nfq_send(&s, 0), 0);
	nfth_nfq_close(&s);
	UNIT_CHECK(u, !s.nl && !s.rx && !s.tx);
	nfth_nfq_close(&s);	/* twice is harmless */
}

/* A queued packet with only its header: no payload, no conntrack. */
static size_t packet_msg(char *buf, uint16_t queue, uint32_t id)
{
	struct nfqnl_msg_packet_hdr ph = { .packet_id = htonl(id) };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(queue);
	mnl_attr_put(nlh, NFQA_PACKET_HDR, sizeof(ph), &ph);
	return nlh->nlmsg_len;
}

static void test_recv_batch(struct unit *u)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	static struct nfth_packet pkt;
	struct mnl_socket *peer;
	struct nfth_nfq s;
	char buf[256] = { 0 };	/* padding of the messages goes out too */
	int n, i;

	if (nfth_nfq_open(&s) < 0) {
		nfth_nfq_close(&s);
		UNIT_SKIP(u, "no NETLINK_NETFILTER socket on this host");
		return;
	}
	peer = mnl_socket_open(NETLINK_NETFILTER);
	UNIT_CHECK(u, peer && mnl_socket_bind(peer, 0, MNL_SOCKET_AUTOPID) == 0);
	to.nl_pid = mnl_socket_get_portid(s.nl);
	for (i = 0; peer && i < 3; i++) {
		size_t len = packet_msg(buf, (uint16_t)(10 + i), 100 + (uint32_t)i);

		if (sendto(mnl_socket_get_fd(peer), buf, len, 0,
			   (struct sockaddr *)&to, sizeof(to)) < 0) {
			UNIT_CHECK_EQ_INT(u, errno, EPERM);
			UNIT_SKIP(u, "sending between netlink sockets needs CAP_NET_ADMIN");
			goto out;
		}
	}
	/* unicast is delivered before sendto() returns: one receive, three */
	n = nfth_nfq_recv(&s);
	UNIT_CHECK_EQ_INT(u, n, 3);
	for (i = 0; i < n && i < 3; i++) {
		size_t len;
		const char *msg = nfth_nfq_msg(&s, (unsigned int)i, &len);

		UNIT_CHECK(u, len >= NLMSG_LENGTH(sizeof(struct nfgenmsg)));
		UNIT_CHECK_EQ_INT(u, len, ((const struct nlmsghdr *)msg)->nlmsg_len);
		UNIT_CHECK_EQ_INT(u, nfth_packet_parse((const struct nlmsghdr *)msg, &pkt),
				  NFTH_PARSE_NO_CT);
		UNIT_CHECK_EQ_INT(u, pkt.queue, 10 + i);
		UNIT_CHECK_EQ_INT(u, pkt.id, 100 + i);
	}
out:
	if (peer)
		mnl_socket_close(peer);
	nfth_nfq_close(&s);
}

static int cb_top(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= CTA_EXPECT_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static void tuple_of(struct nfth_tuple *t, const char *s, const char *d,
		     uint16_t sport, uint16_t dport)
{
	memset(t, 0, sizeof(*t));
	t->l3proto = NFPROTO_IPV4;
	t->l4proto = 6;
	inet_pton(AF_INET, s, t->src.all);
	inet_pton(AF_INET, d, t->dst.all);
	t->sport = sport;
	t->dport = dport;
}

/* The expectation lookup names the master's conntrack zone: without it
 * ctnetlink looks in zone 0 and finds no master in another. */
static void test_expect_query_zone(struct unit *u)
{
	const struct nlattr *tb[CTA_EXPECT_MAX + 1] = { NULL };
	char buf[NFTH_NL_BUF];
	struct nfth_tuple m;
	size_t len;

	tuple_of(&m, "10.0.1.2", "10.0.2.2", 40000, 21);
	len = nfth_expect_query_put(buf, 9, &m, 7);
	UNIT_CHECK(u, len > 0);
	mnl_attr_parse((struct nlmsghdr *)buf, sizeof(struct nfgenmsg), cb_top, tb);
	UNIT_CHECK(u, tb[CTA_EXPECT_MASTER] != NULL);
	UNIT_CHECK(u, tb[CTA_EXPECT_ZONE] != NULL);
	if (tb[CTA_EXPECT_ZONE])
		UNIT_CHECK_EQ_INT(u, ntohs(mnl_attr_get_u16(tb[CTA_EXPECT_ZONE])), 7);
}

/* ctnetlink's answers: the expectation among the master's, none of them,
 * and the master gone (ENOENT), which says nothing about the expectation
 * and must not count as "not created". */
static void test_expect_reply(struct unit *u)
{
	char buf[NFTH_NL_BUF];
	struct nfth_expectation e;
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;
	struct nfgenmsg *nfg;
	int found = 0;
	size_t off;

	memset(&e, 0, sizeof(e));
	tuple_of(&e.tuple, "10.0.2.2", "10.0.1.2", 0, 40000);
	/* one expectation of the master, an answer to another query, done */
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NFNL_SUBSYS_CTNETLINK_EXP << 8 | IPCTNL_MSG_EXP_NEW;
	nlh->nlmsg_seq = 5;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = NFPROTO_IPV4;
	nfth_tuple_put(nlh, CTA_EXPECT_TUPLE, &e.tuple);
	off = NLMSG_ALIGN(nlh->nlmsg_len);
	nlh = mnl_nlmsg_put_header(buf + off);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_seq = 4;
	off += NLMSG_ALIGN(nlh->nlmsg_len);
	UNIT_CHECK_EQ_INT(u, nfth_expect_reply(buf, off, 5, &e, &found), 0);
	UNIT_CHECK_EQ_INT(u, found, 1);
	nlh = mnl_nlmsg_put_header(buf + off);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_seq = 5;
	off += NLMSG_ALIGN(nlh->nlmsg_len);
	found = 0;
	UNIT_CHECK_EQ_INT(u, nfth_expect_reply(buf, off, 5, &e, &found), 1);
	UNIT_CHECK_EQ_INT(u, found, 1);
	e.tuple.dport = 40001;		/* not among them */
	found = 0;
	UNIT_CHECK_EQ_INT(u, nfth_expect_reply(buf, off, 5, &e, &found), 1);
	UNIT_CHECK_EQ_INT(u, found, 0);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = 6;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = -ENOENT;
	UNIT_CHECK_EQ_INT(u, nfth_expect_reply(buf, nlh->nlmsg_len, 6, &e, &found),
			  -ENOENT);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_open_close),
	UNIT_CASE(test_recv_batch),
	UNIT_CASE(test_expect_query_zone),
	UNIT_CASE(test_expect_reply),
};

UNIT_MAIN(cases)
