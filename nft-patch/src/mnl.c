// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mnl.c - the netlink transport: socket, batches, acknowledgements, dumps.
 *
 * The kernel processes a whole batch inside sendmsg(), so every reply is
 * queued by the time it returns: read until the socket is empty.  Each
 * message asks for an ack, so errors come with their sequence number (the
 * command) and, with NETLINK_EXT_ACK, the offset of the offending attribute
 * (the expression), which is mapped back to its source location.
 */
#include <netinet/in.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <libnftnl/batch.h>
#include <libnftnl/common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "mnl.h"
#include "utils.h"

#define BATCH_PAGE_SIZE	(256 * 1024)
/*
 * Past a page's limit, the overflow area must hold the whole message that
 * crossed it: the largest nf_tables message is an element message, whose
 * element nest is capped by the 16-bit attribute length (netlink_set.c).
 */
#define BATCH_MSG_MAXSIZE	(UINT16_MAX + 4096U)
/*
 * An error ack echoes the failing message (up to BATCH_MSG_MAXSIZE) after
 * its own header, plus the extended ack attributes.
 */
#define ACK_MAXSIZE	(BATCH_MSG_MAXSIZE + 16384U)

int mnl_open(struct nft_ctx *ctx)
{
	int one = 1;

	ctx->nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!ctx->nl)
		return -1;
	if (mnl_socket_bind(ctx->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		mnl_socket_close(ctx->nl);
		ctx->nl = NULL;
		return -1;
	}
	ctx->portid = mnl_socket_get_portid(ctx->nl);
	ctx->seq = (uint32_t)time(NULL);
	/* best effort: older kernels simply do not report attribute offsets */
	mnl_socket_setsockopt(ctx->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	return 0;
}

void mnl_close(struct nft_ctx *ctx)
{
	if (ctx->nl)
		mnl_socket_close(ctx->nl);
	ctx->nl = NULL;
}

uint32_t batch_seq(struct nft_ctx *ctx)
{
	return ctx->seq++;
}

struct nft_batch *batch_alloc(struct nft_ctx *ctx)
{
	struct nft_batch *b = xzalloc(sizeof(*b));

	b->nb = nftnl_batch_alloc(BATCH_PAGE_SIZE, BATCH_MSG_MAXSIZE);
	if (!b->nb) {
		free(b);
		return NULL;
	}
	batch_buffer(b);
	nftnl_batch_begin(nftnl_batch_buffer(b->nb), batch_seq(ctx));
	nftnl_batch_update(b->nb);
	b->echo = ctx->echo;
	return b;
}

void batch_free(struct nft_batch *b)
{
	unsigned int i;

	if (!b)
		return;
	for (i = 0; i < b->num_msgs; i++)
		free(b->msgs[i].regions);
	free(b->msgs);
	nftnl_batch_free(b->nb);
	free(b);
}

/*
 * libnftnl's batch pages are malloc'ed: zero each once, when the first
 * message goes in, so that attribute padding goes out as zeros (as from
 * stock nft), not as whatever the heap held.
 */
void *batch_buffer(struct nft_batch *b)
{
	char *buf = nftnl_batch_buffer(b->nb);
	uint32_t used = nftnl_batch_buffer_len(b->nb);

	/* a new page (maybe holding the message moved over from the last) */
	if (buf - used != b->zeroed_page) {
		memset(buf, 0, BATCH_PAGE_SIZE + BATCH_MSG_MAXSIZE - used);
		b->zeroed_page = buf - used;
	}
	return buf;
}

uint32_t batch_room(struct nft_batch *b)
{
	uint32_t used = nftnl_batch_buffer_len(b->nb);

	return BATCH_PAGE_SIZE + BATCH_MSG_MAXSIZE - used;
}

static void region_add(struct batch_msg *m, const struct nlmsghdr *nlh,
		       const struct nlattr *attr, const struct location *loc)
{
	struct batch_region *r;

	if (!loc || !loc->indesc)
		return;
	m->regions = xrealloc(m->regions,
			      (m->num_regions + 1) * sizeof(*m->regions));
	r = &m->regions[m->num_regions++];
	r->start = (uint32_t)((const char *)attr - (const char *)nlh);
	r->len = attr->nla_len;
	r->loc = *loc;
}

void batch_commit(struct nft_batch *b, struct nlmsghdr *nlh,
		  const struct location *loc, const struct attr_loc *attrs,
		  unsigned int num_attrs, uint16_t nest_type,
		  const struct location *const *elem_locs,
		  unsigned int num_elems)
{
	const struct nlattr *attr, *elem;
	struct batch_msg *m;
	unsigned int i, n;

	if (b->num_msgs == b->cap_msgs) {
		b->cap_msgs = b->cap_msgs ? 2 * b->cap_msgs : 64;
		b->msgs = xrealloc(b->msgs, b->cap_msgs * sizeof(*b->msgs));
	}
	if (b->echo)
		nlh->nlmsg_flags |= NLM_F_ECHO;
	m = &b->msgs[b->num_msgs++];
	memset(m, 0, sizeof(*m));
	m->seq = nlh->nlmsg_seq;
	m->len = nlh->nlmsg_len;
	m->loc = *loc;

	mnl_attr_for_each(attr, nlh, sizeof(struct nfgenmsg)) {
		uint16_t type = mnl_attr_get_type(attr);

		for (i = 0; i < num_attrs; i++)
			if (attrs[i].type == type)
				region_add(m, nlh, attr, attrs[i].loc);
		if (type != nest_type || !elem_locs)
			continue;
		n = 0;
		mnl_attr_for_each_nested(elem, attr) {
			if (n < num_elems)
				region_add(m, nlh, elem, elem_locs[n]);
			n++;
		}
	}
	nftnl_batch_update(b->nb);
}

void batch_hint_einval(struct nft_batch *b, const char *hint)
{
	if (b->num_msgs)
		b->msgs[b->num_msgs - 1].einval_hint = hint;
}

/* The innermost attribute region holding @offset, else the command. */
static const struct location *msg_location(const struct batch_msg *m,
					   uint32_t offset, bool have_offset)
{
	const struct batch_region *best = NULL;
	unsigned int i;

	if (!have_offset)
		return &m->loc;
	for (i = 0; i < m->num_regions; i++) {
		const struct batch_region *r = &m->regions[i];

		if (offset >= r->start && offset < r->start + r->len &&
		    (!best || r->len < best->len))
			best = r;
	}
	return best ? &best->loc : &m->loc;
}

/*
 * The message an ack is about: its sequence number, and the length when
 * several messages share it (a set's elements split over messages).
 */
static const struct batch_msg *batch_find(const struct nft_batch *b,
					  const struct nlmsghdr *echoed)
{
	const struct batch_msg *first = NULL;
	unsigned int i;

	for (i = 0; i < b->num_msgs; i++) {
		if (b->msgs[i].seq != echoed->nlmsg_seq)
			continue;
		if (b->msgs[i].len == echoed->nlmsg_len)
			return &b->msgs[i];
		if (!first)
			first = &b->msgs[i];
	}
	return first;
}

static void handle_error(struct nft_ctx *ctx, const struct nft_batch *b,
			 const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const struct batch_msg *m;
	const struct nlattr *attr;
	bool have_offset = false;
	uint32_t offset = 0;
	size_t hdrlen;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*err)) || err->error == 0)
		return;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		hdrlen = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			hdrlen += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
		mnl_attr_for_each(attr, nlh, hdrlen) {
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
			    mnl_attr_get_payload_len(attr) >= sizeof(uint32_t)) {
				offset = mnl_attr_get_u32(attr);
				have_offset = true;
			}
		}
	}
	m = batch_find(b, &err->msg);
	erec_queue_error(ctx->msgs, m ? msg_location(m, offset, have_offset) :
					&internal_location,
			 "Could not process rule: %s%s%s", strerror(-err->error),
			 m && m->einval_hint && err->error == -EINVAL ? ": " : "",
			 m && m->einval_hint && err->error == -EINVAL ?
			 m->einval_hint : "");
}

static int set_rcvbuf(struct nft_ctx *ctx, unsigned int num_msgs)
{
	int fd = mnl_socket_get_fd(ctx->nl);
	int size = (int)(num_msgs * 1024U + 256 * 1024U);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	return 0;
}

int batch_send(struct nft_ctx *ctx, struct nft_batch *b)
{
	static char buf[ACK_MAXSIZE];
	struct msghdr msg = { 0 };
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK };
	struct iovec *iov;
	const struct nlmsghdr *nlh;
	int iovlen, fd, ret = 0, nerr_before = 0, remain;
	struct error_record *erec;
	ssize_t len;

	if (!ctx->check) {
		nftnl_batch_end(nftnl_batch_buffer(b->nb), batch_seq(ctx));
		nftnl_batch_update(b->nb);
	}
	set_rcvbuf(ctx, b->num_msgs);

	iovlen = nftnl_batch_iovec_len(b->nb);
	iov = xmalloc(sizeof(*iov) * (size_t)iovlen);
	nftnl_batch_iovec(b->nb, iov, (uint32_t)iovlen);
	/* one sendmsg carries the whole batch: make room for it */
	{
		size_t total = 0;
		int i, sz;

		for (i = 0; i < iovlen; i++)
			total += iov[i].iov_len;
		sz = (int)(total + 64 * 1024);
		if (setsockopt(mnl_socket_get_fd(ctx->nl), SOL_SOCKET,
			       SO_SNDBUFFORCE, &sz, sizeof(sz)) < 0)
			setsockopt(mnl_socket_get_fd(ctx->nl), SOL_SOCKET,
				   SO_SNDBUF, &sz, sizeof(sz));
	}
	/* --debug=mnl: the batch as libmnl prints it (stock nft does the same;
	 * the tests compare set messages byte for byte this way) */
	if (ctx->debug & NFT_DEBUG_MNL) {
		int i;

		for (i = 0; i < iovlen; i++)
			mnl_nlmsg_fprintf(ctx->out, iov[i].iov_base, iov[i].iov_len,
					  sizeof(struct nfgenmsg));
	}
	msg.msg_name = &snl;
	msg.msg_namelen = sizeof(snl);
	msg.msg_iov = iov;
	msg.msg_iovlen = (size_t)iovlen;
	fd = mnl_socket_get_fd(ctx->nl);
	len = sendmsg(fd, &msg, 0);
	free(iov);
	if (len < 0) {
		erec_queue_error(ctx->msgs, &internal_location,
				 "Could not process rule: %s", strerror(errno));
		return -1;
	}

	list_for_each_entry(erec, ctx->msgs, list)
		nerr_before++;

	for (;;) {
		/* MSG_TRUNC: the datagram's real length, to notice a cut one */
		len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC);
		if (len < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			erec_queue_error(ctx->msgs, &internal_location,
					 "Could not receive the kernel's answer: %s",
					 strerror(errno));
			return -1;
		}
		if ((size_t)len > sizeof(buf)) {
			erec_queue_error(ctx->msgs, &internal_location,
					 "Could not receive the kernel's answer: reply of %zd bytes truncated",
					 len);
			return -1;
		}
		remain = (int)len;
		for (nlh = (const struct nlmsghdr *)buf;
		     mnl_nlmsg_ok(nlh, remain);
		     nlh = mnl_nlmsg_next(nlh, &remain)) {
			if (nlh->nlmsg_type == NLMSG_ERROR)
				handle_error(ctx, b, nlh);
			else if (ctx->echo_cb)
				ctx->echo_cb(ctx, nlh);
		}
		/* whatever the kernel said there, it was not success */
		if (remain > 0) {
			erec_queue_error(ctx->msgs, &internal_location,
					 "Could not receive the kernel's answer: %d bytes unparsable",
					 remain);
			return -1;
		}
	}
	list_for_each_entry(erec, ctx->msgs, list)
		if (--nerr_before < 0)
			ret = -1;
	return ret;
}

int mnl_dump(struct nft_ctx *ctx, struct nlmsghdr *nlh, mnl_cb_t cb,
	     void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	uint32_t seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	if (mnl_socket_sendto(ctx->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		len = mnl_socket_recvfrom(ctx->nl, buf, sizeof(buf));
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		ret = mnl_cb_run(buf, (size_t)len, seq, ctx->portid, cb, data);
		if (ret <= MNL_CB_STOP)
			return ret < 0 ? -1 : 0;
	}
}
