// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nfq.c - see nfq.h.  Receive is one recvmmsg() for up to NFTH_RX_BATCH
 * queued packets (one netlink message each) into buffers allocated at open,
 * so nothing is allocated per packet.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#include "cthelper.h"
#include "nfq.h"
#include "packet.h"

/* whole packet + attributes; aligned, so that every message of a batch
 * starts where netlink headers may be read in place */
#define RX_MSG_SIZE	NLMSG_ALIGN(0xffff + 4096)
#define RCVBUF_BYTES	(16 * 1024 * 1024)

int nfth_nfq_open(struct nfth_nfq *s)
{
	struct timeval lookup_wait = { .tv_sec = 1 };
	int one = 1, size = RCVBUF_BYTES;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->rx = malloc((size_t)NFTH_RX_BATCH * RX_MSG_SIZE);
	s->msgs = calloc(NFTH_RX_BATCH, sizeof(*s->msgs));
	s->iov = calloc(NFTH_RX_BATCH, sizeof(*s->iov));
	/* room for one verdict per received message, plus the batch one */
	s->tx_size = (NFTH_RX_BATCH + 2) * NFTH_VERDICT_MAX;
	s->tx = malloc(s->tx_size);
	if (!s->rx || !s->msgs || !s->iov || !s->tx)
		return -ENOMEM;
	for (i = 0; i < NFTH_RX_BATCH; i++) {
		s->iov[i].iov_base = s->rx + (size_t)i * RX_MSG_SIZE;
		s->iov[i].iov_len = RX_MSG_SIZE;
		s->msgs[i].msg_hdr.msg_iov = &s->iov[i];
		s->msgs[i].msg_hdr.msg_iovlen = 1;
	}

	s->nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!s->nl)
		return -errno;
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	/* FORCE needs CAP_NET_ADMIN; without it, as much as rmem_max allows */
	if (setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, SO_RCVBUFFORCE,
		       &size, sizeof(size)) < 0)
		setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, SO_RCVBUF,
			   &size, sizeof(size));
	/* an overrun loses messages, not the socket.  A message the socket
	 * could not take is never queued: the kernel drops that packet
	 * (counted as queue_user_dropped, shown with our counters), or
	 * accepts it with NFQA_CFG_F_FAIL_OPEN */
	mnl_socket_setsockopt(s->nl, NETLINK_NO_ENOBUFS, &one, sizeof(one));

	/* lookups only: without it expectations are just not confirmed */
	s->ct = mnl_socket_open(NETLINK_NETFILTER);
	if (s->ct && mnl_socket_bind(s->ct, 0, MNL_SOCKET_AUTOPID) < 0) {
		mnl_socket_close(s->ct);
		s->ct = NULL;
	}
	/* a lookup waits for ctnetlink with the queue's packets waiting
	 * behind it: at most this long */
	if (s->ct)
		setsockopt(mnl_socket_get_fd(s->ct), SOL_SOCKET, SO_RCVTIMEO,
			   &lookup_wait, sizeof(lookup_wait));
	return 0;
}

static int cb_nest(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	/* only the few types we look at; the rest is not ours to judge */
	if (mnl_attr_get_type(a) < 8)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static int attr_is(const struct nlattr *a, const void *want, size_t len)
{
	return a && mnl_attr_get_payload_len(a) == len &&
	       !memcmp(mnl_attr_get_payload(a), want, len);
}

/* Is the CTA_EXPECT_TUPLE nest @t the tuple @e asked for?  Addresses,
 * protocol and destination port (the source port is the masked one). */
static int same_tuple(const struct nlattr *t, const struct nfth_tuple *e)
{
	const struct nlattr *tb[8] = { NULL }, *ip[8] = { NULL }, *pr[8] = { NULL };
	size_t alen = e->l3proto == NFPROTO_IPV4 ? 4 : 16;
	uint16_t dport = htons(e->dport);

	if (mnl_attr_parse_nested(t, cb_nest, tb) < 0 || !tb[CTA_TUPLE_IP] ||
	    !tb[CTA_TUPLE_PROTO] ||
	    mnl_attr_parse_nested(tb[CTA_TUPLE_IP], cb_nest, ip) < 0 ||
	    mnl_attr_parse_nested(tb[CTA_TUPLE_PROTO], cb_nest, pr) < 0)
		return 0;
	if (alen == 4 ? !attr_is(ip[CTA_IP_V4_SRC], e->src.all, 4) ||
			!attr_is(ip[CTA_IP_V4_DST], e->dst.all, 4) :
			!attr_is(ip[CTA_IP_V6_SRC], e->src.all, 16) ||
			!attr_is(ip[CTA_IP_V6_DST], e->dst.all, 16))
		return 0;
	return attr_is(pr[CTA_PROTO_NUM], &e->l4proto, 1) &&
	       attr_is(pr[CTA_PROTO_DST_PORT], &dport, 2);
}

size_t nfth_expect_query_put(char *buf, uint32_t seq,
			     const struct nfth_tuple *master, uint16_t zone)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = NFNL_SUBSYS_CTNETLINK_EXP << 8 | IPCTNL_MSG_EXP_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = master->l3proto;
	nfg->version = NFNETLINK_V0;
	nfth_tuple_put(nlh, CTA_EXPECT_MASTER, master);
	/* the master is looked up in this zone (default 0 when absent) */
	mnl_attr_put_u16(nlh, CTA_EXPECT_ZONE, htons(zone));
	return nlh->nlmsg_len;
}

int nfth_expect_reply(const char *buf, size_t len, uint32_t seq,
		      const struct nfth_expectation *e, int *found)
{
	const struct nlmsghdr *m = (const struct nlmsghdr *)buf;
	int left = (int)len;

	for (; mnl_nlmsg_ok(m, left); m = mnl_nlmsg_next(m, &left)) {
		const struct nlattr *tb[8] = { NULL };

		if (m->nlmsg_seq != seq)
			continue;	/* a late answer to an earlier query */
		if (m->nlmsg_type == NLMSG_DONE)
			return 1;
		if (m->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *err = mnl_nlmsg_get_payload(m);

			if (m->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
				return -EBADMSG;
			/* ENOENT: the master is gone (and its expectations
			 * with it): nothing can be said about @e */
			return err->error ? err->error : 1;
		}
		if (NFNL_MSG_TYPE(m->nlmsg_type) != IPCTNL_MSG_EXP_NEW ||
		    m->nlmsg_len < NLMSG_LENGTH(sizeof(struct nfgenmsg)))
			continue;
		mnl_attr_parse(m, sizeof(struct nfgenmsg), cb_nest, tb);
		if (tb[CTA_EXPECT_TUPLE] && same_tuple(tb[CTA_EXPECT_TUPLE], &e->tuple))
			*found = 1;
	}
	return 0;
}

int nfth_nfq_expect_exists(struct nfth_nfq *s, const struct nfth_expectation *e,
			   const struct nfth_tuple *master, uint16_t zone)
{
	char buf[NFTH_NL_BUF];
	uint32_t seq;
	int found = 0, r;
	size_t len;
	ssize_t n;

	if (!s->ct)
		return -ENOTCONN;
	seq = ++s->ct_seq;
	len = nfth_expect_query_put(buf, seq, master, zone);
	if (mnl_socket_sendto(s->ct, buf, len) < 0)
		return -errno;
	/* the master's expectations, one message each, then NLMSG_DONE */
	for (;;) {
		n = mnl_socket_recvfrom(s->ct, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* SO_RCVTIMEO: the queue must not wait on this */
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return -ETIMEDOUT;
			return -errno;
		}
		r = nfth_expect_reply(buf, (size_t)n, seq, e, &found);
		if (r < 0)
			return r;
		if (r > 0)
			return found;
	}
}

#define EV_RCVBUF_BYTES	(4 * 1024 * 1024)

int nfth_nfq_watch_destroyed(struct nfth_nfq *s)
{
	int group = NFNLGRP_CONNTRACK_DESTROY, size = EV_RCVBUF_BYTES, fd, err;

	s->ev = mnl_socket_open(NETLINK_NETFILTER);
	if (!s->ev)
		return -errno;
	fd = mnl_socket_get_fd(s->ev);
	/* events come from every conntrack of the namespace: room for a
	 * burst between two receives; an overrun is reported (ENOBUFS) */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (mnl_socket_bind(s->ev, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_setsockopt(s->ev, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0) {
		err = -errno;
		mnl_socket_close(s->ev);
		s->ev = NULL;
		return err;
	}
	return 0;
}

/* The CTA_ID of one IPCTNL_MSG_CT_DELETE event, 0 if it has none. */
static uint32_t event_ct_id(const struct nlmsghdr *m)
{
	const struct nlattr *a;
	uint32_t id = 0;

	if (m->nlmsg_len < NLMSG_LENGTH(sizeof(struct nfgenmsg)))
		return 0;
	mnl_attr_for_each(a, m, sizeof(struct nfgenmsg))
		if (mnl_attr_get_type(a) == CTA_ID &&
		    mnl_attr_get_payload_len(a) == 4)
			id = ntohl(mnl_attr_get_u32(a));
	return id;
}

int nfth_nfq_drain_destroyed(struct nfth_nfq *s,
			     void (*gone)(void *arg, uint32_t ct_id), void *arg)
{
	char buf[NFTH_NL_BUF];
	int lost = 0;

	if (!s->ev)
		return -ENOTCONN;
	for (;;) {
		const struct nlmsghdr *m = (const struct nlmsghdr *)buf;
		ssize_t n = recv(mnl_socket_get_fd(s->ev), buf, sizeof(buf),
				 MSG_DONTWAIT);
		int left;

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return lost ? -ENOBUFS : 0;
			if (errno == ENOBUFS) {
				lost = 1;
				continue;
			}
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (left = (int)n; mnl_nlmsg_ok(m, left); m = mnl_nlmsg_next(m, &left)) {
			uint32_t id;

			if (m->nlmsg_type != (NFNL_SUBSYS_CTNETLINK << 8 |
					      IPCTNL_MSG_CT_DELETE))
				continue;
			id = event_ct_id(m);
			if (id)
				gone(arg, id);
		}
	}
}

void nfth_nfq_close(struct nfth_nfq *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	if (s->ct)
		mnl_socket_close(s->ct);
	if (s->ev)
		mnl_socket_close(s->ev);
	free(s->rx);
	free(s->msgs);
	free(s->iov);
	free(s->tx);
	memset(s, 0, sizeof(*s));
}

int nfth_nfq_fd(const struct nfth_nfq *s)
{
	return mnl_socket_get_fd(s->nl);
}

static int queue_cmd(struct nfth_nfq *s, uint16_t num, uint8_t cmd)
{
	char buf[NFTH_NL_BUF];
	struct nlmsghdr *nlh;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, num);
	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = (uint32_t)time(NULL);
	nfq_nlmsg_cfg_put_cmd(nlh, AF_UNSPEC, cmd);
	return nfth_nl_talk(s->nl, buf, nlh->nlmsg_len);
}

int nfth_nfq_bind(struct nfth_nfq *s, uint16_t num)
{
	return nfth_nfq_bind_cfg(s, num, NFTH_QUEUE_MAXLEN_DEFAULT, false);
}

int nfth_nfq_bind_cfg(struct nfth_nfq *s, uint16_t num, uint32_t maxlen,
		      bool fail_open)
{
	uint32_t flags = NFQA_CFG_F_CONNTRACK | NFQA_CFG_F_FAIL_OPEN;
	char buf[NFTH_NL_BUF];
	struct nlmsghdr *nlh;
	int ret;

	ret = queue_cmd(s, num, NFQNL_CFG_CMD_BIND);
	if (ret < 0)
		return ret;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, num);
	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = (uint32_t)time(NULL) + 1;
	nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_PACKET, 0xffff);
	nfq_nlmsg_cfg_put_qmaxlen(nlh, maxlen);
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(NFQA_CFG_F_CONNTRACK |
				(fail_open ? NFQA_CFG_F_FAIL_OPEN : 0)));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(flags));
	ret = nfth_nl_talk(s->nl, buf, nlh->nlmsg_len);
	/* a queue without conntrack is of no use to a helper: none at all */
	if (ret < 0)
		queue_cmd(s, num, NFQNL_CFG_CMD_UNBIND);
	return ret;
}

int nfth_nfq_unbind(struct nfth_nfq *s, uint16_t num)
{
	return queue_cmd(s, num, NFQNL_CFG_CMD_UNBIND);
}

int nfth_nfq_recv(struct nfth_nfq *s)
{
	int n = recvmmsg(mnl_socket_get_fd(s->nl), s->msgs, NFTH_RX_BATCH,
			 MSG_WAITFORONE, NULL);

	return n < 0 ? -errno : n;
}

const char *nfth_nfq_msg(const struct nfth_nfq *s, unsigned int i, size_t *len)
{
	*len = s->msgs[i].msg_len;
	return s->iov[i].iov_base;
}

int nfth_nfq_send(struct nfth_nfq *s, size_t len)
{
	if (!len)
		return 0;
	return mnl_socket_sendto(s->nl, s->tx, len) < 0 ? -errno : 0;
}
