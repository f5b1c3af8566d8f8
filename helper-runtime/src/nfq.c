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
#include <linux/netfilter/nfnetlink_queue.h>
#include <stdlib.h>
#include <string.h>
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
	return 0;
}

void nfth_nfq_close(struct nfth_nfq *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
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
