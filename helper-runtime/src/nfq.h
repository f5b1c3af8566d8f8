/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nfq.h - the socket level of the queue core: one netlink socket bound to
 * one or more nfnetlink queues with their conntrack (NFQA_CFG_F_CONNTRACK),
 * batched receive into buffers allocated once, and one send per batch of
 * verdicts (built with packet.h into @tx).  The daemon's queue threads and
 * the test listener (tests/tools/uhelper-nfq) service queues through this.
 */
#ifndef NFTH_NFQ_H
#define NFTH_NFQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define NFTH_RX_BATCH		32	/* messages per recvmmsg */

struct mnl_socket;
struct nfth_expectation;
struct nfth_tuple;

struct nfth_nfq {
	struct mnl_socket *nl;
	struct mnl_socket *ct;	/* ctnetlink, to look expectations up */
	struct mnl_socket *ev;	/* ctnetlink destroy events, see below */
	uint32_t ct_seq;
	/* allocated once at open: the whole steady state lives in these */
	char *rx;
	struct mmsghdr *msgs;
	struct iovec *iov;
	char *tx;
	size_t tx_size;		/* one verdict per received message + 2 */
};

/* Allocate the buffers and open the socket (large receive buffer, no
 * ENOBUFS: an overrun loses messages, not the socket).  0 or -errno;
 * on error call nfth_nfq_close(). */
int nfth_nfq_open(struct nfth_nfq *s);
void nfth_nfq_close(struct nfth_nfq *s);
int nfth_nfq_fd(const struct nfth_nfq *s);

/* Bind queue @num to this socket: whole packets, with their conntrack.
 * 0 or -errno (-EBUSY: bound elsewhere; -EOPNOTSUPP: the kernel cannot
 * queue with conntrack, the queue is then left unbound). */
int nfth_nfq_bind(struct nfth_nfq *s, uint16_t num);
/* The same with the queue's length (packets waiting for a verdict; the
 * kernel drops, or with @fail_open accepts, what comes beyond it). */
#define NFTH_QUEUE_MAXLEN_DEFAULT	8192
int nfth_nfq_bind_cfg(struct nfth_nfq *s, uint16_t num, uint32_t maxlen,
		      bool fail_open);
int nfth_nfq_unbind(struct nfth_nfq *s, uint16_t num);

/* Wait for at least one message, take up to NFTH_RX_BATCH without waiting
 * more.  Returns the number of messages (read them with nfth_nfq_msg) or
 * -errno (-EINTR when a signal interrupted the wait). */
int nfth_nfq_recv(struct nfth_nfq *s);
/* Message buffer @i of the last receive; its length in *@len. */
const char *nfth_nfq_msg(const struct nfth_nfq *s, unsigned int i, size_t *len);

/* Did the kernel create expectation @e, asked for by a verdict already
 * sent for the connection whose original tuple is @master in conntrack
 * zone @zone?  1 yes, 0 no, -errno when it cannot tell: -ENOENT the master
 * is gone (with its expectations), -ETIMEDOUT no answer within a second.
 * The kernel applies a verdict's NFQA_EXP and ignores a failure (class or
 * table full, a clash with another connection's expectation of the same
 * tuple), so this asks ctnetlink for the master's expectations
 * (IPCTNL_MSG_EXP_GET dump by CTA_EXPECT_MASTER and CTA_EXPECT_ZONE) and
 * looks for @e's tuple among them: one round trip. */
int nfth_nfq_expect_exists(struct nfth_nfq *s, const struct nfth_expectation *e,
			   const struct nfth_tuple *master, uint16_t zone);
/* Its parts, without a socket: the query (length returned; @buf holds
 * NFTH_NL_BUF bytes), and one received buffer of answers to query @seq:
 * 1 done (*@found set if @e was among them), 0 more to read, -errno. */
size_t nfth_expect_query_put(char *buf, uint32_t seq,
			     const struct nfth_tuple *master, uint16_t zone);
int nfth_expect_reply(const char *buf, size_t len, uint32_t seq,
		      const struct nfth_expectation *e, int *found);

/* Subscribe to conntrack destroy events (NFNLGRP_CONNTRACK_DESTROY) on a
 * socket of their own, read without waiting by nfth_nfq_drain_destroyed().
 * 0 or -errno (the kernel without ctnetlink, no CAP_NET_ADMIN). */
int nfth_nfq_watch_destroyed(struct nfth_nfq *s);
/* Call @gone for every conntrack destroy event received so far, without
 * waiting.  0, -ENOBUFS when events were lost (the socket overran; the
 * remaining ones are read all the same), -ENOTCONN when not watching, or
 * another -errno. */
int nfth_nfq_drain_destroyed(struct nfth_nfq *s,
			     void (*gone)(void *arg, uint32_t ct_id), void *arg);

/* Send @len bytes of @s->tx (verdicts appended with nfth_verdict_put /
 * nfth_verdict_batch_put) in one sendto().  0 or -errno. */
int nfth_nfq_send(struct nfth_nfq *s, size_t len);

#endif
