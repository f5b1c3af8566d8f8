/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * common.c - shared by the ct helper example tools (see common.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/common.h>

#include "common.h"

const char *prog = "nft-ct-helper";

void set_prog(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	prog = slash ? slash + 1 : argv0;
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	exit(EXIT_USAGE);
}

static const struct {
	const char	*name;
	uint32_t	family;
} families[] = {
	{ "ip",		NFPROTO_IPV4 },
	{ "ip6",	NFPROTO_IPV6 },
	{ "inet",	NFPROTO_INET },
	{ "arp",	NFPROTO_ARP },
	{ "bridge",	NFPROTO_BRIDGE },
	{ "netdev",	NFPROTO_NETDEV },
};

int parse_family(const char *s, uint32_t *family)
{
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		if (!strcmp(s, families[i].name)) {
			*family = families[i].family;
			return 0;
		}
	}
	return -1;
}

const char *family_name(uint32_t family)
{
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (families[i].family == family)
			return families[i].name;
	return "unknown";
}

int parse_uint(const char *s, uint64_t max, uint64_t *val)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*val = v;
	return 0;
}

int parse_l3proto(const char *s, uint16_t *l3proto)
{
	uint32_t family = 0;
	uint64_t v;

	if (!strcmp(s, "ip") || !strcmp(s, "ip6") || !strcmp(s, "inet")) {
		parse_family(s, &family);
		*l3proto = (uint16_t)family;
		return 0;
	}
	if (parse_uint(s, UINT16_MAX, &v) < 0)
		return -1;
	*l3proto = (uint16_t)v;
	return 0;
}

int parse_l4proto(const char *s, uint8_t *l4proto)
{
	uint64_t v;

	if (!strcmp(s, "tcp")) {
		*l4proto = IPPROTO_TCP;
		return 0;
	}
	if (!strcmp(s, "udp")) {
		*l4proto = IPPROTO_UDP;
		return 0;
	}
	if (parse_uint(s, UINT8_MAX, &v) < 0)
		return -1;
	*l4proto = (uint8_t)v;
	return 0;
}

int nl_conn_open(struct nl_conn *c, unsigned int groups)
{
	struct timeval tv = { .tv_sec = 10 };

	memset(c, 0, sizeof(*c));
	c->nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!c->nl)
		return -1;
	extack_enable(mnl_socket_get_fd(c->nl));
	if (mnl_socket_bind(c->nl, groups, MNL_SOCKET_AUTOPID) < 0) {
		mnl_socket_close(c->nl);
		return -1;
	}
	/* A kernel answers a request at once; never wait forever for it. */
	if (!groups)
		setsockopt(mnl_socket_get_fd(c->nl), SOL_SOCKET, SO_RCVTIMEO,
			   &tv, sizeof(tv));
	c->portid = mnl_socket_get_portid(c->nl);
	c->seq = (uint32_t)time(NULL);
	return 0;
}

void nl_conn_close(struct nl_conn *c)
{
	if (c->nl)
		mnl_socket_close(c->nl);
	c->nl = NULL;
}

struct nftnl_batch *batch_start(struct nl_conn *c)
{
	struct nftnl_batch *b;

	b = nftnl_batch_alloc(MNL_SOCKET_BUFFER_SIZE, MNL_SOCKET_BUFFER_SIZE);
	if (!b)
		return NULL;
	nftnl_batch_begin(nftnl_batch_buffer(b), c->seq++);
	nftnl_batch_update(b);
	return b;
}

void dump_bytes(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(stderr, "%02x%s", p[i],
			(i + 1) % 16 == 0 || i + 1 == len ? "\n" : " ");
}

/* Counts the messages in the batch that asked for an ACK. */
static unsigned int batch_acks_wanted(const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	int rem = (int)len;
	unsigned int n = 0;

	while (mnl_nlmsg_ok(nlh, rem)) {
		if (nlh->nlmsg_flags & NLM_F_ACK)
			n++;
		nlh = mnl_nlmsg_next(nlh, &rem);
	}
	return n;
}

/* mnl_cb_run2() gives control callbacks the data callback's pointer. */
struct recv_ctx {
	mnl_cb_t		cb;
	void			*data;
	struct extack_info	*err;
};

static int recv_data_cb(const struct nlmsghdr *nlh, void *p)
{
	const struct recv_ctx *r = p;

	return r->cb ? r->cb(nlh, r->data) : MNL_CB_OK;
}

static int recv_error_cb(const struct nlmsghdr *nlh, void *p)
{
	const struct recv_ctx *r = p;

	return extack_error_cb(nlh, r->err);
}

/* A dump ends with NLMSG_DONE, whose payload (when present) is an errno. */
static int recv_done_cb(const struct nlmsghdr *nlh, void *p)
{
	int err = 0;

	(void)p;
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(err))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err < 0) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int recv_overrun_cb(const struct nlmsghdr *nlh, void *p)
{
	(void)nlh;
	(void)p;
	errno = ENOSPC;
	return MNL_CB_ERROR;
}

static int nl_recv_cb_run(struct nl_conn *c, mnl_cb_t cb, void *data,
			  bool *done)
{
	/* with a control array, libmnl runs only the entries it has */
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR]	= recv_error_cb,
		[NLMSG_DONE]	= recv_done_cb,
		[NLMSG_OVERRUN]	= recv_overrun_cb,
	};
	struct recv_ctx r = { .cb = cb, .data = data, .err = &c->err };
	static char buf[NL_RECV_SIZE];
	ssize_t n;
	int ret;

	n = mnl_socket_recvfrom(c->nl, buf, sizeof(buf));
	if (n < 0)
		return errno == EAGAIN ? ETIMEDOUT : errno;
	errno = 0;
	ret = mnl_cb_run2(buf, (size_t)n, 0, c->portid, recv_data_cb, &r, ctl,
			  NLMSG_MIN_TYPE);
	if (ret < 0)
		return errno ? errno : EPROTO;
	*done = ret == MNL_CB_STOP;
	return 0;
}

static int batch_send(struct nl_conn *c, struct nftnl_batch *b, int debug,
		      bool commit)
{
	unsigned int acks;
	struct iovec iov;
	bool done;
	int err;

	/* Without BATCH_END the kernel checks everything, then aborts. */
	if (commit) {
		nftnl_batch_end(nftnl_batch_buffer(b), c->seq++);
		nftnl_batch_update(b);
	}
	if (nftnl_batch_iovec_len(b) != 1)
		return EMSGSIZE;	/* one page is plenty for these tools */
	nftnl_batch_iovec(b, &iov, 1);

	if (debug) {
		fprintf(stderr, "batch (%zu bytes):\n", iov.iov_len);
		dump_bytes(iov.iov_base, iov.iov_len);
	}
	c->sent = iov.iov_base;
	c->sent_len = iov.iov_len;
	if (mnl_socket_sendto(c->nl, iov.iov_base, iov.iov_len) < 0)
		return errno;

	/*
	 * Each message with NLM_F_ACK gets exactly one answer: an ACK or an
	 * error.  An error on a message without NLM_F_ACK (BATCH_BEGIN) is
	 * an answer too and ends the wait.
	 */
	acks = batch_acks_wanted(iov.iov_base, iov.iov_len);
	while (acks > 0) {
		err = nl_recv_cb_run(c, NULL, NULL, &done);
		if (err)
			return err;
		acks--;
	}
	return 0;
}

int batch_commit(struct nl_conn *c, struct nftnl_batch *b, int debug)
{
	return batch_send(c, b, debug, true);
}

int batch_check(struct nl_conn *c, struct nftnl_batch *b, int debug)
{
	return batch_send(c, b, debug, false);
}

void nl_conn_report(const struct nl_conn *c, FILE *fp)
{
	if (c->err.error)
		extack_report(&c->err, c->sent, c->sent_len, fp);
}

int nl_request(struct nl_conn *c, struct nlmsghdr *nlh, mnl_cb_t cb,
	       void *data)
{
	bool done = false;
	int err;

	c->sent = nlh;
	c->sent_len = nlh->nlmsg_len;
	if (mnl_socket_sendto(c->nl, nlh, nlh->nlmsg_len) < 0)
		return errno;
	/* A dump ends with NLMSG_DONE, a get with its ACK: both stop. */
	while (!done) {
		err = nl_recv_cb_run(c, cb, data, &done);
		if (err)
			return err;
	}
	return 0;
}
